"""Mentions grouped into entities, one per label and canonical name, and the countries a
document is about without naming them alone."""

from __future__ import annotations

from collections.abc import Sequence

from explorer.model import Entity, Mention
from explorer.nlp import gazetteer, regexes


def build_entities(mentions: Sequence[Mention], text: str = "") -> list[Entity]:
    """One Entity per (label, canonical name), in order of first appearance; after them, the
    countries the document's places and organisations lie in but that it never names alone
    (`implied_places`)."""
    order: list[tuple[str, str]] = []
    aliases: dict[tuple[str, str], list[str]] = {}
    counts: dict[tuple[str, str], int] = {}
    for m in mentions:
        key = (m.label, m.entity)
        if key not in counts:
            order.append(key)
            counts[key] = 0
            aliases[key] = []
        counts[key] += 1
        # An alias is a name as written, on one line: "Boris\tJohnson" is "Boris Johnson".
        alias = m.text if m.text.isprintable() else " ".join(m.text.split())
        if alias != m.entity and alias not in aliases[key]:
            aliases[key].append(alias)
    entities = [
        Entity(
            name=name,
            label=label,
            aliases=tuple(aliases[(label, name)]),
            mentions=counts[(label, name)],
        )
        for label, name in order
    ]
    return entities + implied_places(mentions, {name for _label, name in order}, text)


def implied_places(mentions: Sequence[Mention], named: set[str], text: str = "") -> list[Entity]:
    """The countries a librarian would tag a story with that it names only through something
    else: the city of its dateline ("PITTSBURGH, May 25 -"), a capital, big city or US state
    of its text ("Tokyo said", "a plant in Tennessee": `gazetteer.major_places`), or an
    organisation's name ("Bank of Japan", "U.S. Treasury", "Canadian
    Wheat Board"). Each is a GPE entity with no mention of its own (CoNLL counts "U.S.
    Treasury" one organisation), `via` the names that say it; a country the document names
    (as a place, a people or a team: `named`, its entities' names) is not added again, nor
    Germany beside West Germany, nor Russia beside the Soviet Union. A city the document
    also names as a person or an organisation ("the rapper Kano") implies nothing: only a
    place the recogniser is sure of does."""
    nations, major = gazetteer.city_nations(), gazetteer.major_places()
    memo = _COUNTRY_IN
    via: dict[str, list[str]] = {}
    doubted: set[str] | None = None  # places the document also names as someone or something
    for m in mentions:
        label = m.label
        if label == "GPE":
            country = nations.get(m.entity)
            if country is None or (
                m.entity not in major and not _is_dateline(text, m.start, m.end)
            ):
                continue
            if doubted is None:
                doubted = {n.entity for n in mentions if n.label in _NOT_PLACES}
            if m.entity in doubted:
                continue  # "the rapper Kano ... in Kano": the recogniser is not sure of it
        elif label == "ORG":
            country = memo.get(m.entity, _MISS)
            if country is _MISS:
                country = country_in(m.entity)
        else:
            continue
        if country is None or country in named or named & _FORMER.get(country, _NONE):
            continue
        names = via.setdefault(country, [])
        if m.entity not in names:
            names.append(m.entity)
    return [
        Entity(name=country, label="GPE", mentions=0, via=tuple(names))
        for country, names in via.items()
    ]


_NONE: frozenset[str] = frozenset()
# Labels of a name that is no place: a city's name with one of these elsewhere in the
# document ("the rapper Kano", "Washington said") says no country.
_NOT_PLACES = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT"})
_MISS = ""  # not yet looked for (no country is named so)

#: What follows a dateline's city: "LONDON, March 1 -", "WICHITA, Kan., Oct 14 -", "PARIS -".
_DATELINE = regexes.compile(
    r"(?:,[ \t]*[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)??,?[ \t]+"
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}[ \t]*)?[-–—]"
)


def _is_dateline(text: str, start: int, end: int) -> bool:
    """Whether the place at text[start:end] opens a line as a wire story's dateline."""
    line = text.rfind("\n", 0, start) + 1
    return (
        not text[line:start].strip() and end - start > 2 and _DATELINE.match(text, end) is not None
    )


#: Countries a document may name by what they were: Moscow's country is the Soviet Union in
#: a story that says "Soviet", Bonn's West Germany in one that says "West German".
_FORMER = {
    "Germany": frozenset({"West Germany", "East Germany"}),
    "Russia": frozenset({"Soviet Union"}),
    "Ukraine": frozenset({"Soviet Union"}),
}

#: Country names written in capitals that stand for the country inside a name ("U.S.
#: Treasury"); other all-capital words are acronyms ("CHN", "BRB").
_CAPITAL_COUNTRIES = {
    "U.S.": "United States",
    "US": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "UAE": "United Arab Emirates",
    "USSR": "Soviet Union",
    "U.S.S.R.": "Soviet Union",
}

#: The nations of the United Kingdom stand for it inside a name: "Bank of England".
_UK_NATIONS = frozenset({"England", "Scotland", "Wales"})

#: ... and so do these, whose words would otherwise say another country.
_UK_PAIRS = frozenset({"Northern Ireland", "Northern Irish", "Northern Irishman", "Great Britain"})

#: Words before a people's name that make it a region's: "South American", "Latin American".
_REGION_WORDS = frozenset({"North", "South", "Central", "Latin", "Pan", "Anglo", "Afro"})

#: Country names that, in an organisation's name, name a firm, not the country: "Emirates
#: Stadium" is the airline's, in London.
_NOT_COUNTRIES_IN_NAMES = frozenset({"Emirates"})

_COUNTRY_IN: dict[str, str | None] = {}
_COUNTRY_WORDS: set[str] = set()  # every word of a country's or a people's name


def country_in(name: str) -> str | None:
    """The country an organisation's name names by the country's name or its people's:
    "Bank of Japan", "U.S. Treasury", "West German Bundesbank", "Canadian Wheat Board"."""
    if name in _COUNTRY_IN:
        return _COUNTRY_IN[name]
    if len(_COUNTRY_IN) > 50_000:  # a long ingest meets many names: keep the memo bounded
        _COUNTRY_IN.clear()
    countries, demonyms = gazetteer.countries(), gazetteer.demonyms()
    if not _COUNTRY_WORDS:
        _COUNTRY_WORDS.update(w for key in (*countries, *demonyms) for w in key.split())
        _COUNTRY_WORDS.update(_UK_NATIONS, (p.split()[0] for p in _UK_PAIRS))
    if _COUNTRY_WORDS.isdisjoint(name.replace("'", " ").replace("’", " ").split()):
        _COUNTRY_IN[name] = None  # most names name no country: one look at their words
        return None
    first_names = gazetteer.first_names()
    words = [w.strip(",()'’") for w in name.split()]
    found = None
    for i, word in enumerate(words):
        pair = " ".join(words[i : i + 2]) if i + 1 < len(words) else ""
        before = words[i - 1] if i else ""
        if pair in _UK_PAIRS:
            found = "United Kingdom"
        elif pair and (pair in countries or pair in demonyms):  # "West German", "New Zealand"
            found = countries.get(pair) or demonyms[pair]
        elif word.isupper():
            found = _CAPITAL_COUNTRIES.get(word)
        elif (
            word[:1].isupper()
            and word not in _NOT_COUNTRIES_IN_NAMES
            and before not in _REGION_WORDS  # "South American", "Latin American"
            # a surname or a title's last word: "Jools Holland", "Air France"
            and not (before[:1].isupper() and word in first_names)
        ):
            found = countries.get(word) or demonyms.get(word)
            if word in _UK_NATIONS:
                found = word  # "Royal Bank of Scotland"
        if found in _UK_NATIONS:
            found = "United Kingdom"
        elif found == "Korea":
            found = "South Korea"  # "Bank of Korea", "Korean Air"; the North is named so
        if found is not None:
            break
        found = None
    _COUNTRY_IN[name] = found
    return found
