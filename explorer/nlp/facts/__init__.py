"""Facts from mentions: who holds which title, who said what, who met, visited or withdrew,
what amounts were reported, and where places are.

Each extractor is a small function over one `_Text` (the text, its sentences and its merged
mentions indexed by offset) and returns `model.Fact`s whose start/end cover the evidence.
The patterns are regexes over the text; mentions are looked up by the offsets the regexes
land on, so a fact is only as wide as the words that state it.

The modules: `text` (what every extractor reads), `quotations`, `referents` ("the company"),
`titles` (title, affiliated_with), `speech` (said), `meetings` (met, visited, withdrew_from),
`amounts` (amount), `places` (located_in), `letters` ("X KC", "X MP"), `owners` (whose a bare office is, from the story); earnings tables and deals are in `..earnings` and
`..deals`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ...model import Fact, Mention
from .. import regexes
from ..deals import find_deals
from ..earnings import find_earnings
from .amounts import _amounts
from .letters import _letters_after_names
from .meetings import _met, _visited, _withdrew
from .owners import _story_owners
from .places import _located_in
from .speech import _said
from .text import _Text
from .titles import _affiliations, _titles

# typing is for the type checker: importing it at run time costs each start ~16 M instructions
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["find_facts"]


def find_facts(
    text: str,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    meta: Mapping[str, Any] | None = None,
) -> list[Fact]:
    """Every fact the text states, in text order of their evidence."""
    doc = _Text(text, sentences, mentions)
    facts: list[Fact] = []
    for extractor in (
        _titles,
        _affiliations,
        _said,
        _met,
        _visited,
        _withdrew,
        _amounts,
        find_earnings,
        _located_in,
        find_deals,
    ):
        facts.extend(extractor(doc))
    facts.extend(_letters_after_names(doc, facts))
    facts = _story_owners(doc, facts)
    facts.sort(key=lambda f: (f.start, f.predicate))
    return _dated(doc, facts, meta or {})


# A value that places a fact in time: a day, an ISO week, a month, a quarter or a year.
_WHEN = regexes.compile(r"\d{4}(?:-(?:\d\d(?:-\d\d)?|Q[1-4]|W\d\d))?")


def _dated(doc: _Text, facts: list[Fact], meta: Mapping[str, Any]) -> list[Fact]:
    """Every fact's `date`: the one its own words give (`date_text`), else the first date of
    its sentence, else the document's; `date_source` says which ("sentence", or "document"
    and where the document's date came from: "document:metadata", "document:dateline")."""
    doc_date = meta.get("date") or None
    doc_source = f"document:{meta['date_source']}" if meta.get("date_source") else "document"
    sentence_dates: dict[int, str | None] = {}
    out: list[Fact] = []
    for fact in facts:
        quals = dict(fact.qualifiers)
        own = quals.pop("date_norm", None)
        when: str | None
        if isinstance(own, str) and _WHEN.fullmatch(own):
            when, source = own, "sentence"
        else:
            if fact.sentence not in sentence_dates:
                sentence_dates[fact.sentence] = next(
                    (
                        m.norm
                        for m in doc.by_sentence.get(fact.sentence, ())
                        if m.label == "DATE" and isinstance(m.norm, str) and _WHEN.fullmatch(m.norm)
                    ),
                    None,
                )
            when = sentence_dates[fact.sentence]
            source = "sentence"
            if when is None and doc_date:
                when, source = str(doc_date), doc_source
        if when is not None:
            quals["date"] = when
            quals["date_source"] = source
        out.append(Fact(fact.predicate, fact.subject, fact.object, fact.sentence,
                        fact.start, fact.end, quals))  # fmt: skip
    return out
