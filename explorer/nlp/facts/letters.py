"""Ranks written as letters after a name: "Daniel Okonkwo KC" is a KC, "Diane Wells MP" an
MP, "Fiona Hyslop MSP" an MSP. The recognizer keeps the letters out of the name and marks
them a TITLE; each is a `title` fact of the person before it. Honours (OBE, CBE) are no
office and give none."""

from __future__ import annotations

import itertools

from ...model import Fact
from .text import _fact, _Text

#: Letters after a name that say an office or a rank at the bar.
_RANKS = frozenset(("KC", "QC", "MP", "MEP", "MSP", "MLA", "MS", "AM", "JP"))


def _letters_after_names(doc: _Text, facts: list[Fact]) -> list[Fact]:
    """The title facts of ranks written after a name that `facts` has not already."""
    have = {(f.subject, f.object) for f in facts if f.predicate == "title"}
    out: list[Fact] = []
    mentions = doc.mentions
    text = doc.text
    for k, (person, rank) in enumerate(itertools.pairwise(mentions)):
        after = mentions[k + 2] if k + 2 < len(mentions) else None
        if (
            person.label == "PERSON"
            and not person.text.isupper()  # "UKIP MEP ATTACKS ...": a headline's capitals
            and rank.label == "TITLE"
            and rank.text in _RANKS
            and text[person.end : rank.start] == " "
            and (person.entity, rank.entity) not in have
            # "London UKIP MEP Gerard Batten": the letters open the next name's title
            and not (after is not None and after.label == "PERSON" and after.start - rank.end <= 1)
        ):
            have.add((person.entity, rank.entity))
            out.append(_fact(doc, "title", person.entity, rank.entity, person.start, rank.end))
    return out
