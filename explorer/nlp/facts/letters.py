"""Ranks written as letters after a name: "Daniel Okonkwo KC" is a KC, "Diane Wells MP" an
MP, "Fiona Hyslop MSP" an MSP. The recognizer keeps the letters out of the name and marks
them a TITLE; each is a `title` fact of the person before it. Honours (OBE, CBE) are no
office and give none."""

from __future__ import annotations

from ...model import Fact
from .text import _fact, _Text

#: Letters after a name that say an office or a rank at the bar.
_RANKS = frozenset(("KC", "QC", "MP", "MEP", "MSP", "MLA", "MS", "AM", "JP"))


def _letters_after_names(doc: _Text, facts: list[Fact]) -> list[Fact]:
    """The title facts of ranks written after a name that `facts` has not already."""
    mentions = doc.mentions
    ranks = [k for k, m in enumerate(mentions) if m.label == "TITLE" and m.text in _RANKS]
    if not ranks:
        return []
    have = {(f.subject, f.object) for f in facts if f.predicate == "title"}
    out: list[Fact] = []
    text = doc.text
    for k in ranks:
        if k == 0:
            continue
        person, rank = mentions[k - 1], mentions[k]
        after = mentions[k + 1] if k + 1 < len(mentions) else None
        if (
            person.label == "PERSON"
            and not person.text.isupper()  # "UKIP MEP ATTACKS ...": a headline's capitals
            and text[person.end : rank.start] == " "
            and (person.entity, rank.entity) not in have
            # "London UKIP MEP Gerard Batten": the letters open the next name's title
            and not (after is not None and after.label == "PERSON" and after.start - rank.end <= 1)
        ):
            have.add((person.entity, rank.entity))
            out.append(_fact(doc, "title", person.entity, rank.entity, person.start, rank.end))
    return out
