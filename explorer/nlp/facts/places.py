"""`located_in` facts: a place in another ("Solihull, West Midlands", "Lyon, France")."""

from __future__ import annotations

from ...model import Fact
from .. import gazetteer, regexes
from .text import _fact, _Text

_CITY_OF = regexes.compile(
    r",\s+(?:the|a|an)\s+(?:(?P<norp>[A-Z][\w-]+)\s+)?(?:capital|city|town|port|village"
    r"|region|province)(?:\s+(?:of|in)\s+(?:the\s+)?)?"
)


_COMMA_GAP = regexes.compile(r",[ \t]*")
_IN_GAP = regexes.compile(r"[ \t]+in[ \t]+(?:the[ \t]+)?")


def _located_in(doc: _Text) -> list[Fact]:
    countries = gazetteer.country_names()
    demonyms = gazetteer.demonyms()
    text = doc.text
    facts: list[Fact] = []
    for a in doc.mentions:
        if a.label not in ("GPE", "FAC") or a.entity in countries:
            continue
        # "Moscow, Russia" / "Kabul, Afghanistan,"
        b = doc.after(a.end, _COMMA_GAP)
        if b is not None and b.label == "GPE" and b.entity in countries:
            facts.append(_fact(doc, "located_in", a.entity, b.entity, a.start, b.end))
            continue
        # "Wembley Stadium in London" / "Kabul in Afghanistan"
        b = doc.after(a.end, _IN_GAP)
        if b is not None and (
            (a.label == "FAC" and b.label in ("GPE", "LOC"))
            or (b.label == "GPE" and b.entity in countries)
        ):
            facts.append(_fact(doc, "located_in", a.entity, b.entity, a.start, b.end))
            continue
        # "Tehran, the Iranian capital" / "Tehran, a city in Iran"
        m = _CITY_OF.match(text[a.end : a.end + 60])
        if m is None:
            continue
        country = None
        if m.group("norp"):
            country = demonyms.get(m.group("norp"))
            end = a.end + m.end()
        else:
            b = doc.by_start.get(a.end + m.end())
            if b is not None and b.label in ("GPE", "LOC"):
                country, end = b.entity, b.end
        if country and country != a.entity:
            facts.append(_fact(doc, "located_in", a.entity, country, a.start, end))
    return facts
