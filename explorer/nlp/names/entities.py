"""Mentions grouped into entities, one per label and canonical name, and the countries a
document is about without naming them alone."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from explorer.model import Entity, Mention
from explorer.nlp import gazetteer, regexes


def build_entities(
    mentions: Sequence[Mention], text: str = "", date: str | None = None
) -> list[Entity]:
    """One Entity per (label, canonical name), in order of first appearance; after them, the
    countries the document's places and organisations lie in but that it never names alone
    (`implied_places`; `date`, the document's, says which countries there were then)."""
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
    return entities + implied_places(mentions, {name for _label, name in order}, text, date)


def implied_places(
    mentions: Sequence[Mention], named: set[str], text: str = "", date: str | None = None
) -> list[Entity]:
    """The countries a librarian would tag a story with that it names only through something
    else: the city of its dateline ("PITTSBURGH, May 25 -"), a capital, big city or US state
    of its text ("Tokyo said", "a plant in Tennessee": `gazetteer.major_places`), an
    organisation's name ("Bank of Japan", "U.S. Treasury", "Canadian Wheat Board", "Frankfurt
    Stock Exchange") or one that only that country has ("Southwark Crown Court", "the
    Bundesbank", "Downing Street": `gazetteer.country_bodies`), and then a town or county
    the recogniser reads as a place after a word that says so ("a man from Solihull", "in
    Kent": `gazetteer.town_nations`), in the country the story is otherwise about if that
    country has a town of the name ("Halifax" in a story about Britain), else in the one
    country whose town of that name is far the biggest. Each is a GPE entity with no mention
    of its own (CoNLL counts "U.S. Treasury" one organisation), `via` the names that say it;
    a country the document names (as a place, a people or a team: `named`, its entities'
    names) is not added again, nor Germany beside West Germany, nor Russia beside the Soviet
    Union. A country is the one there was when the story was written (`_then`): Frankfurt's
    is West Germany in 1987. A city the document also names as a person or an organisation
    ("the rapper Kano") implies nothing, nor a town whose state or country follows it
    ("Portland, Maine"), nor a word the story also writes in small letters ("man")."""
    nations, major, bodies = gazetteer.city_nations(), gazetteer.major_places(), None
    memo = _ORG_COUNTRY
    found: list[tuple[str, str]] = []  # (country, the name that says it), in text order
    towns: list[tuple[int, str]] = []  # (where in `found`, a town's name) to place after
    doubted: set[str] | None = None  # places the document also names as someone or something
    for i, m in enumerate(mentions):
        label, name = m.label, m.entity
        if label == "GPE":
            if name in major or (name in nations and _is_dateline(text, m.start, m.end)):
                country: str | None = nations[name]
            else:
                if bodies is None:
                    bodies = gazetteer.country_bodies()
                country = bodies.get(name)  # "Whitehall", "Downing Street"
                if country is None:
                    if not _in_a_place(text, m.start, m.end, name) or _place_follows(
                        text, m, mentions[i + 1] if i + 1 < len(mentions) else None
                    ):
                        continue
                    towns.append((len(found), name))
                    continue
            if doubted is None:
                doubted = {n.entity for n in mentions if n.label in _NOT_PLACES}
                # a person's surname: "Michael Green ( Jamaica )", then "Green"
                doubted.update(n.entity.rpartition(" ")[2] for n in mentions if n.label == "PERSON")
            if name in doubted:
                continue  # "the rapper Kano ... in Kano": the recogniser is not sure of it
        elif label in ("ORG", "FAC"):
            country = memo.get(name, _MISS)
            if country is _MISS:
                country = org_country(name)
        else:
            continue
        if country is not None:
            found.append((country, name))
    if towns:
        found = _placed(found, towns, named, mentions, text)
    if not found:
        return []
    era = _then(date, named, text)
    via: dict[str, list[str]] = {}
    for country, name in found:
        if country in named:
            continue
        country = era.get(country, country)  # Frankfurt's Germany in 1987: West Germany
        if country in named or named & _FORMER.get(country, _NONE):
            continue
        names = via.setdefault(country, [])
        if name not in names:
            names.append(name)
    return [
        Entity(name=country, label="GPE", mentions=0, via=tuple(names))
        for country, names in via.items()
    ]


def _placed(
    found: list[tuple[str, str]],
    towns: list[tuple[int, str]],
    named: set[str],
    mentions: Sequence[Mention],
    text: str,
) -> list[tuple[str, str]]:
    """`found` with the country of each town put where the town was: the country the story
    names or implies otherwise (or counts money in, "£"), if it has a town of that name, else
    the country that alone has a big town so named; a town the story also names as someone or something, or
    nobody's in particular, gives none."""
    table = gazetteer.town_nations()
    about = named | {country for country, _name in found}
    # ... and the towns and nations of one country only ("Solihull", "Scotland"), wherever
    # the story names them, and a story counting in pounds
    for m in mentions:
        if m.label == "GPE" and len(one := table.get(m.entity, ())) == 2:
            about.add(one[1])
    if "£" in text:
        about.add("United Kingdom")
    doubted = {n.entity for n in mentions if n.label in _NOT_PLACES}
    doubted.update(n.entity.rpartition(" ")[2] for n in mentions if n.label == "PERSON")
    out: list[tuple[str, str]] = []
    k = 0
    for at, name in towns:
        out += found[k:at]
        k = at
        countries = table.get(name)
        if countries is None or name in doubted:
            continue
        country = next((c for c in countries[1:] if c in about), countries[0])
        if country:
            out.append((country, name))
    return out + found[k:]


#: The words before a town's name that say it is a place: "a man from Solihull".
_PLACE_WORDS = frozenset(
    "in from at near of to outside around across into towards toward between and via "
    "throughout within".split()
)
_WORD_BEFORE = regexes.compile(r"([A-Za-z]+)[ \t]*$")


def _in_a_place(text: str, start: int, end: int, name: str) -> bool:
    """Whether the town at text[start:end] reads as a place: after "in", "from", "near" ...,
    or before "-based"; and not a word the story also writes in small letters ("man")."""
    if not text.startswith("-based", end):
        word = _WORD_BEFORE.search(text, max(0, start - 12), start)
        if word is None or word.group(1) not in _PLACE_WORDS:
            return False
    return " " in name or not _written_small(text, name)


def _place_follows(text: str, m: Mention, after: Mention | None) -> bool:
    """ "Portland, Maine": a place after the town's comma says where it is."""
    return after is not None and after.label == "GPE" and text[m.end : after.start].strip() == ","


#: Countries that were others before a date: a country -> (the first day it was so, what it
#: was before). Bonn's and Frankfurt's country in 1987 is West Germany, Moscow's the Soviet
#: Union.
_BEFORE = {
    "Germany": ("1990-10-03", "West Germany"),
    **{
        c: ("1991-12-26", "Soviet Union")
        for c in (
            "Russia Ukraine Belarus Kazakhstan Uzbekistan Georgia Armenia Azerbaijan Moldova "
            "Lithuania Latvia Estonia Kyrgyzstan Tajikistan Turkmenistan"
        ).split()
    },
    "Czech Republic": ("1993-01-01", "Czechoslovakia"),
    "Czechia": ("1993-01-01", "Czechoslovakia"),
    "Slovakia": ("1993-01-01", "Czechoslovakia"),
    **{
        c: ("1991-06-25", "Yugoslavia")
        for c in ("Slovenia", "Croatia", "Serbia", "Bosnia and Herzegovina", "North Macedonia")
    },
}

#: Countries whose names date an undated story to before 1990 ("West German", "East
#: Germany"; not the Soviet Union, which a story of today names in its history).
_OLD_COUNTRIES = frozenset({"West Germany", "East Germany"})

#: How the wire services wrote dollars until the 1990s: "310 mln dlrs", "1.50 dlrs a share".
_OLD_WIRE = regexes.compile(r"\bdlrs\b")

_NO_ERA: dict[str, str] = {}


def _then(date: str | None, named: set[str], text: str) -> dict[str, str]:
    """A country of today -> the one it was part of when the story was written: by its date
    ("1987-03-03"), or, undated, where it names a country of before 1990 or counts money as
    the wire services of the 1980s did ("mln dlrs"). Empty for a story of today."""
    if date:
        day = str(date)
        return {c: old for c, (since, old) in _BEFORE.items() if day < since} or _NO_ERA
    if named & _OLD_COUNTRIES or ("dlrs" in text and _OLD_WIRE.search(text) is not None):
        return {c: old for c, (_since, old) in _BEFORE.items()}
    return _NO_ERA


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


def _written_small(text: str, word: str) -> bool:
    """Whether `text` writes `word` in small letters, as a word of the language: "man",
    "green". A word of letters is looked up among the text's runs of letters, read once a
    text (a search of the whole text for each town it names cost a 1 MB one-line document a
    second); another ("baden-baden") is searched for."""
    small = word.lower()
    if small.isalpha():
        return small in _letter_runs(text)
    at = text.find(small)
    while at >= 0:
        end = at + len(small)
        if (at == 0 or not text[at - 1].isalpha()) and (
            end == len(text) or not text[end].isalpha()
        ):
            return True
        at = text.find(small, end)
    return False


_LETTER_RUN = regexes.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=1)
def _letter_runs(text: str) -> frozenset[str]:
    """Every run of letters `text` writes, as written: "man" of "a man from Solihull"."""
    return frozenset(_LETTER_RUN.findall(text))


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
_ORG_COUNTRY: dict[str, str | None] = {}
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


def org_country(name: str) -> str | None:
    """The country an organisation's (or a building's) name says: one it names
    (`country_in`: "Bank of Japan"), an institution that only that country has, by its name
    or its last words ("Bundesbank", "Southwark Crown Court": `gazetteer.country_bodies`),
    or the city in front of an institution's word ("Frankfurt Stock Exchange", "Seoul
    Municipal Hospital": a city of `gazetteer.city_nations`; not a team, "Manchester
    United", nor "Zurich Premiership")."""
    if name in _ORG_COUNTRY:
        return _ORG_COUNTRY[name]
    if len(_ORG_COUNTRY) > 50_000:
        _ORG_COUNTRY.clear()
    found = country_in(name)
    if found is None and " in " in name:  # "Ministry of ... Industry in Tokyo"
        found = gazetteer.city_nations().get(name.rpartition(" in ")[2])
    if found is None:
        bodies = gazetteer.country_bodies()
        words = name.split()
        found = bodies.get(name)  # "Ministry of International Trade and Industry"
        for k in range(min(3, len(words)), 0, -1):
            if found is not None:
                break
            found = bodies.get(" ".join(words[-k:]))  # "Birmingham Crown Court"
        if found is None and len(words) > 1 and words[-1] in gazetteer.org_suffixes():
            nations, loc_words = gazetteer.city_nations(), gazetteer.loc_words()
            major, towns = gazetteer.major_places(), gazetteer.town_nations()
            for k in (2, 1):  # "Frankfurt Stock Exchange", "San Francisco Police Department"
                place = " ".join(words[:k])
                if (
                    len(words) > k
                    and words[k] not in loc_words  # "Queens Park Rangers": another place's
                    and (found := nations.get(place)) is not None
                    # a big city, or a town the story's reader takes for that country's:
                    # not "Charlotte Church" (a given name), "Man City", "Commonwealth Office"
                    and (place in major or towns.get(place, ("",))[0] == found)
                ):
                    break
                found = None
    _ORG_COUNTRY[name] = found
    return found
