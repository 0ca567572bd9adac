"""Values in text: dates, times, money, percentages, quantities, ordinals and counts.

One compiled regex finds them all in a single pass (its alternatives ordered so the most
specific reading wins at each position); each match is then normalised: dates to ISO 8601
(relative to the document's date when it has one), amounts to a number with its currency or
unit.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date, timedelta

from explorer.nlp import regexes

from ..model import Mention
from . import gazetteer
from .pipeline import new_mention

# typing is for the type checker: importing it at run time costs each start ~16 M instructions
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NamedTuple
else:
    from collections import namedtuple as _namedtuple  # typing.NamedTuple's, without typing

__all__ = ["VALUE_LABELS", "alternation", "find_values", "parse_number"]

VALUE_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100, "thousandth": 1000,
}  # fmt: skip
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6,
    "mln": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9, "trillion": 1e12,
    "tn": 1e12, "trn": 1e12,
}  # fmt: skip
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_SYMBOLS = {
    "$": "USD", "us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
    "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR",
    "₽": "RUB", "₩": "KRW", "₺": "TRY",
}  # fmt: skip
_CURRENCY_WORDS = {
    "dollar": "USD", "us dollar": "USD", "u.s. dollar": "USD", "american dollar": "USD",
    "australian dollar": "AUD", "canadian dollar": "CAD", "hong kong dollar": "HKD",
    "new zealand dollar": "NZD", "singapore dollar": "SGD", "pound": "GBP",
    "pound sterling": "GBP", "sterling": "GBP", "euro": "EUR", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rouble": "RUB", "ruble": "RUB", "rial": "IRR", "riyal": "SAR",
    "rupee": "INR", "franc": "", "swiss franc": "CHF", "krona": "SEK", "krone": "NOK",
    "lira": "TRY", "rand": "ZAR", "peso": "MXN", "cent": "USD",
    "pence": "GBP", "penny": "GBP",
    # The currencies of wire copy before the euro, and others news names.
    "deutschmark": "DEM", "deutsche mark": "DEM", "d-mark": "DEM", "mark": "DEM",
    "guilder": "NLG", "lire": "ITL", "peseta": "ESP", "escudo": "PTE", "drachma": "GRD",
    "schilling": "ATS", "punt": "IEP", "markka": "FIM", "ecu": "XEU", "crown": "",
    "dinar": "", "shekel": "ILS", "naira": "NGN", "baht": "THB", "ringgit": "MYR",
    "rupiah": "IDR", "zloty": "PLN", "forint": "HUF", "koruna": "CZK", "won": "KRW",
    "cruzado": "BRC",
}  # fmt: skip
# Words of several currencies: the one the text means is the nationality written before it
# ("French francs"), else the one written so earlier in the document, else the currency of
# the country the story is filed from (its dateline), else of the country it names before
# the amount, else the word's own ("" for none).
_SHARED_WORDS = frozenset(
    "franc crown krone dinar lira pound peso rupee shilling riyal mark".split()
)
# The nationalities that say which country's currency a shared word is ("French francs"),
# each to the country's ISO code: the gazetteer's demonyms and codes give most (below); these
# are what it cannot give (the US's forms, places whose name is their adjective, states gone
# from the map).
_NATIONALITIES = {
    "us": "US", "u.s.": "US", "hong kong": "HK", "new zealand": "NZ", "singapore": "SG",
    "taiwan": "TW", "luxembourg": "LU", "west german": "DE", "east german": "DD",
    "yugoslav": "YU", "soviet": "SU",
}  # fmt: skip


def _coded(words: list[str], names: Mapping[str, str]) -> dict[str, str]:
    """Each of `words` -> the ISO code of the country a table of the gazetteer's (`names`,
    keyed in title case: its demonyms, its country names) leads it to; a word it leads
    nowhere is left out (tests/nlp/test_values.py checks that none is)."""
    codes = gazetteer.country_codes()
    coded = ((word, codes.get(names.get(word.title(), ""))) for word in words)
    return {word: code for word, code in coded if code}


#: The nationalities whose codes the gazetteer gives.
_CODED_NATIONALITIES = [
    *(
        "american australian canadian swiss french belgian german finnish swedish danish "
        "norwegian icelandic czech dutch italian turkish spanish portuguese greek austrian "
        "kenyan irish egyptian cypriot british lebanese syrian mexican argentine chilean "
        "colombian philippine uruguayan cuban indian pakistani nepalese saudi qatari kuwaiti "
        "iraqi jordanian bahraini tunisian algerian libyan serbian japanese malaysian thai "
        "chinese israeli nigerian brazilian russian polish hungarian indonesian iranian "
        "ugandan tanzanian"
    ).split(),
    "sri lankan",
    "south korean",
    "south african",
]
_NATIONALITIES.update(_coded(_CODED_NATIONALITIES, gazetteer.demonyms()))
# What a word means in each country. A story datelined in a city resolves a bare shared word
# by this table only for the countries of data/currency_countries.txt (those whose cities the
# gazetteer keeps): add a country there too when its word differs from the word's own.
_COUNTRY_CURRENCIES = {
    "US": {"dollar": "USD"}, "AU": {"dollar": "AUD"}, "CA": {"dollar": "CAD"},
    "HK": {"dollar": "HKD"}, "NZ": {"dollar": "NZD"}, "SG": {"dollar": "SGD"},
    "TW": {"dollar": "TWD"}, "CH": {"franc": "CHF"}, "FR": {"franc": "FRF"},
    "BE": {"franc": "BEF"}, "LU": {"franc": "LUF"}, "DE": {"mark": "DEM"},
    "DD": {"mark": "DDM"}, "FI": {"mark": "FIM"}, "SE": {"crown": "SEK", "krona": "SEK"},
    "DK": {"crown": "DKK", "krone": "DKK"}, "NO": {"crown": "NOK", "krone": "NOK"},
    "IS": {"crown": "ISK", "krona": "ISK"}, "CZ": {"crown": "CZK"}, "IT": {"lira": "ITL"},
    "TR": {"lira": "TRY"}, "KE": {"shilling": "KES"}, "UG": {"shilling": "UGX"},
    "TZ": {"shilling": "TZS"}, "AT": {"shilling": "ATS"}, "IE": {"pound": "IEP"},
    "EG": {"pound": "EGP"}, "CY": {"pound": "CYP"}, "LB": {"pound": "LBP"},
    "SY": {"pound": "SYP"}, "GB": {"pound": "GBP"}, "MX": {"peso": "MXN"},
    "AR": {"peso": "ARS"}, "CL": {"peso": "CLP"}, "CO": {"peso": "COP"},
    "PH": {"peso": "PHP"}, "UY": {"peso": "UYU"}, "CU": {"peso": "CUP"},
    "IN": {"rupee": "INR"}, "PK": {"rupee": "PKR"}, "LK": {"rupee": "LKR"},
    "NP": {"rupee": "NPR"}, "SA": {"riyal": "SAR"}, "QA": {"riyal": "QAR"},
    "KW": {"dinar": "KWD"}, "IQ": {"dinar": "IQD"}, "JO": {"dinar": "JOD"},
    "BH": {"dinar": "BHD"}, "TN": {"dinar": "TND"}, "DZ": {"dinar": "DZD"},
    "LY": {"dinar": "LYD"}, "YU": {"dinar": "YUD"}, "RS": {"dinar": "RSD"},
    "JP": {"yen": "JPY"}, "KR": {"won": "KRW"}, "CN": {"yuan": "CNY"}, "RU": {"rouble": "RUB", "ruble": "RUB"},
    "SU": {"rouble": "SUR", "ruble": "SUR"}, "IR": {"rial": "IRR"}, "BR": {"real": "BRL"},
}  # fmt: skip
# Said bare after a number, these are money only with a scale ("95 mln marks", not "full
# marks" or "won 3 crowns"), with two decimals or "a share" ("4.50 marks", "2 marks a
# share"), or when a nationality says so.
_BARE_ONLY_SCALED = frozenset({"mark", "crown", "won"})
_SUBUNITS = frozenset({"cent", "pence", "penny", "cts"})
# Wire-service abbreviations ("500 mln dlrs", "10 mln stg", "50 cts"), in lower case only.
_CURRENCY_ABBREVIATIONS = {"dlr": "USD", "dlrs": "USD", "stg": "GBP", "cts": "USD"}
_CODES = "USD EUR GBP JPY CNY RUB IRR INR CHF CAD AUD NZD HKD SEK NOK TRY BRL ZAR KRW SAR".split()
_QUANTITY_UNITS = {
    "km": "km", "kilometre": "km", "kilometer": "km", "m": "m", "metre": "m", "meter": "m",
    "cm": "cm", "mm": "mm", "mile": "mi", "mi": "mi", "foot": "ft", "feet": "ft", "ft": "ft",
    "inch": "in", "inches": "in", "yard": "yd", "kg": "kg", "kilogram": "kg", "kilo": "kg", "g": "g",
    "gram": "g", "tonne": "t", "ton": "t", "t": "t", "lb": "lb", "pound": "lb", "ounce": "oz",
    "oz": "oz", "litre": "l", "liter": "l", "l": "l", "gallon": "gal", "barrel": "bbl",
    "acre": "acre", "hectare": "ha", "ha": "ha", "square kilometre": "km2",
    "square kilometer": "km2", "square mile": "mi2", "sq km": "km2", "km2": "km2",
    "mph": "mph", "km/h": "km/h", "kph": "km/h", "mw": "MW", "megawatt": "MW", "gw": "GW",
    "gigawatt": "GW", "kw": "kW", "kilowatt": "kW", "kwh": "kWh", "degree": "deg",
    "°c": "degC", "°f": "degF", "gb": "GB", "mb": "MB", "tb": "TB", "megabyte": "MB",
    "gigabyte": "GB", "terabyte": "TB", "cubic metre": "m3", "cubic meter": "m3",
    "bcm": "bcm", "knot": "kn",
}  # fmt: skip
_MODIFIERS = {
    "more than": ">", "over": ">", "above": ">", "in excess of": ">", "upwards of": ">",
    "less than": "<", "fewer than": "<", "under": "<", "below": "<", "up to": "<=",
    "at least": ">=", "at most": "<=", "no more than": "<=", "about": "~", "around": "~",
    "approximately": "~", "roughly": "~", "some": "~", "nearly": "~<", "almost": "~<",
    "close to": "~<", "an estimated": "~",
}  # fmt: skip


def alternation(words) -> str:
    """An alternation matching any of `words`, longest first, built as a trie.

    A trie fails at the first character that no word continues with, where a flat list of
    alternatives tries every word in turn: that is most of the cost of a regex like this.
    (Kept between processes by `regexes.text`: built afresh, the tries of every start cost
    ~35 M instructions.)
    """
    unique = set(words)
    return regexes.text("alternation", _key(unique), lambda: _trie_regex(_trie(unique)), __file__)


def _key(words: set[str]) -> str:
    """All that a trie of `words` is built from, as one string."""
    return f"{len(words)}\0" + "\0".join(sorted(words))


def _trie(words) -> dict:
    """`words` as nested dicts of their characters, each word ending in a "" key."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def word_alternation(words) -> str:
    """Like `alternation`, for words that start a word: the same matches as
    `\\b(?:alternation)`, but each branch opens with its first letter and checks the boundary
    just after it ("s(?<!\\w.)aid"), so the regex engine's search skips straight to the
    positions holding one of those letters instead of trying the pattern at every character.
    Every word must start with a word character."""
    unique = set(words)

    def build() -> str:
        branches = [
            _ESCAPES[ch] + r"(?<!\w.)" + _trie_regex(child)
            for ch, child in sorted(_trie(unique).items())
        ]
        return "(?:" + "|".join(branches) + ")"

    return regexes.text("word_alternation", _key(unique), build, __file__)


class _Escapes(dict):
    """re.escape of one character, worked out once a character: the tries built at every
    start escape some 4,500 characters, each a call of re.escape before."""

    def __missing__(self, ch: str) -> str:
        self[ch] = escaped = re.escape(ch)
        return escaped


_ESCAPES = _Escapes()


def _trie_regex(node: dict) -> str:
    ends = "" in node
    esc = _ESCAPES
    branches = [esc[ch] + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
    return body


def _ci(words) -> str:
    """Like `alternation`, for words in lower case or Capitalised (short ones, like units, in CAPS too).

    Spelling the cases out keeps the big pattern case-sensitive, which matches twice as fast as
    re.IGNORECASE; all-capital long words ("MILLION") are rare enough outside headlines.
    """
    variants: set[str] = set()
    for w in words:
        variants.update((w, w[:1].upper() + w[1:]))
        if len(w) <= 3:
            variants.add(w.upper())
    return alternation(variants)


def _plural_alt(words, cased: bool = True) -> str:
    words = list(words)
    words += [w + "s" for w in words if w[-1].isalpha() and len(w) > 2]
    return _ci(words) if cased else alternation(words)


def _units(words) -> str:
    """Units as written: lower case, and two- or three-letter ones in capitals too ("MW", "GB");
    never a one-letter capital ("50 M. Slater" is a name, not fifty metres)."""
    words = list(words)
    words += [w + "s" for w in words if w[-1].isalpha() and len(w) > 2]
    return alternation(words + [w.upper() for w in words if 2 <= len(w) <= 3])


_WORD_NUM = (
    rf"(?:(?:{_ci(_TENS)})(?:[- ](?:{_ci(k for k in _UNITS if k not in ('zero', 'ten'))}))?"
    rf"|{_ci([*_UNITS, 'a dozen', 'dozen'])})"
)
# A run of digits is read whole (possessive: "\d++"): every reading goes on after a number
# with a space, a sign or a letter, never a digit, so a shorter run never matches where the
# whole one fails, and giving back one digit at a time only tried each reading again (a
# third of the whole pattern's time at a number). The groups of thousands and the decimals
# are still given back ("$1,000,000x" reads "$1,000"). The same matches as "\d+": a test
# holds this on edge cases and on every number of the BBC and CoNLL texts.
_DIGITS = r"(?:\d{1,3}+(?:,\d{3})+(?:\.\d++)?|\d++(?:\.\d++)?|\.\d++)"
_NUM = rf"(?:{_DIGITS}|{_WORD_NUM})"
_SCALE_WORDS = rf"(?:{_ci(['hundred', 'thousand', 'million', 'billion', 'trillion'])})"
_SCALE_ATTACHED = rf"(?:{_ci(['bn', 'mn', 'mln', 'bln', 'tn', 'trn', 'm', 'b', 'k'])})"
# "500 mln", "1.2 bln": the wire's abbreviations after a space (never "5 m" or "5 b").
_SCALE_SPACED = rf"(?:{_ci(['mln', 'bln', 'bn', 'mn', 'trn'])})"
_SCALE = (
    rf"(?:\s?(?:{_SCALE_WORDS})(?:\s(?:{_SCALE_WORDS}))?|{_SCALE_ATTACHED}|\s{_SCALE_SPACED}\b)"
)
_MOD = rf"(?:(?:{_ci(_MODIFIERS)})\s+)"
_MONTH = (
    rf"(?:{alternation(k.capitalize() for k in _MONTHS if len(k) > 4 or k in ('may', 'june', 'july'))}"
    rf"|(?:{alternation(k.capitalize() for k in _MONTHS if len(k) <= 4)})\.?"
    rf"|{alternation(k.upper() for k in _MONTHS if len(k) > 4 or k in ('may', 'june', 'july'))})"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
# Holidays: "Christmas Day", "New Year's Eve", "Easter" (the fixed ones get their day). The
# recognizer asks `is_holiday` so that it leaves them to this pass.
_HOLIDAY = (
    r"(?:New\sYear(?:['’]s\s(?:Day|Eve))?|Christmas(?:\s(?:Day|Eve))?"
    r"|Boxing\sDay|Easter(?:\s(?:Sunday|Monday))?|Good\sFriday|Thanksgiving|Ramadan"
    r"|Hanukkah|Diwali|Passover|Halloween|Valentine['’]s\sDay)"
)
_HOLIDAY_NAME = regexes.compile(_HOLIDAY)
# The first letters of `_HOLIDAY`'s names (and of their inner alternatives: a few more, which
# is safe): `is_holiday` asks the pattern only of a name that opens with one (most names the
# recognizer asks about do not). Read from the pattern, so a holiday added there is found.
_HOLIDAY_FIRSTS = frozenset(re.findall(r"(?:^\(\?:|\|)([A-Z])", _HOLIDAY))


def is_holiday(name: str) -> bool:
    """Whether `name` ("Christmas Day", "New Year") is a holiday this pass finds as a date."""
    return name[:1] in _HOLIDAY_FIRSTS and _HOLIDAY_NAME.fullmatch(name) is not None


_PERIOD_UNIT = rf"(?:{_plural_alt(['year', 'month', 'week', 'day', 'decade', 'hour', 'minute'])}|{_ci(['century', 'centuries'])})"
_WEEKDAY_NUMBERS = {
    d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())
}
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY = rf"(?:{alternation([*_WEEKDAYS, *(d.upper() for d in _WEEKDAYS)])})"
_NATIONALITY = alternation(
    [
        n.upper() if n in ("us", "u.s.") else " ".join(w.capitalize() for w in n.split())
        for n in _NATIONALITIES
    ]
)
_CURRENCY_NOUNS = [k for k in _CURRENCY_WORDS if " " not in k and k not in _BARE_ONLY_SCALED]
_CUR_WORDS = (
    rf"(?:(?:{_NATIONALITY})\s)?"
    # In lower case only: "six Euro ties" is no money.
    rf"(?:{_plural_alt(_CURRENCY_NOUNS, cased=False)}"
    rf"|pence|dollars|euros|reais|ECUs?|{alternation(_CURRENCY_ABBREVIATIONS)}"
    rf"|(?:{_NATIONALITY})\s(?:{_plural_alt(_BARE_ONLY_SCALED, cased=False)}|real)"
    r"|Deutsche\smarks?|D-[Mm]arks?)"
)
# "95 mln marks", "1.5 bln crowns": a bare shared word with a scale, in the plural ("won" is
# its own plural): "the 400m mark" or "passed the 100 million mark" is no money.
_SCALED_WORDS = alternation(["marks", "crowns", "won"])
_QTY_UNITS = _units(_QUANTITY_UNITS)
# Only units of two letters or more may stick to the number: "5m" is five million.
_QTY_ATTACHED = _units(k for k in _QUANTITY_UNITS if len(k) > 1 and " " not in k)
_BARE_YEAR = r"(?:1[89]\d\d|20\d\d)"
# A count of periods: a small number, never one with thousands separators.
_AGO_NUM = rf"(?:\d{{1,4}}(?:\.\d+)?(?![\d,.])|{_WORD_NUM})"
_COUNTED = (
    r"people|jobs|troops|soldiers|workers|votes|units|cars|homes|houses|students|members"
    r"|staff|employees|patients|cases|deaths|copies|tonnes|tons|pupils|children|fans|users"
)

_CARDINAL = (
    rf"(?P<CARDINAL>(?<![\w.,-]){_DIGITS}{_SCALE}?(?![\w-]|[.,]\d)"
    rf"|\b(?<!\bno\s)(?<!\bNo\s){_WORD_NUM}(?:\s{_SCALE_WORDS})?\b(?!-)"
    rf"|\b(?:{_ci(['hundreds', 'thousands', 'millions', 'billions', 'dozens', 'tens'])})"
    r"(?=\sof\b))"
)

# A lead-in ("more than", "about") is matched once, in front of every kind of value.
# Every reading of a value, in the order they are tried (the first that matches wins).
_READINGS = [
    # MONEY: "$500 million", "£1.2bn", "US$5", "500 million dollars", "EUR 20m".
    rf"(?P<MONEY>(?:(?:US|A|AU|C|CA|NZ|HK|S)?\$|[£€¥₹₽₩₺])\s?{_DIGITS}{_SCALE}?\b"
    rf"|(?:{'|'.join(_CODES)})\s?{_DIGITS}{_SCALE}?\b"
    rf"|{_NUM}(?:{_SCALE}\s(?:{_SCALED_WORDS})\b"
    # a price in pfennigs or ore ("rose 4.50 marks"), or one a share ("2.10 marks a share")
    r"|(?<=\.\d\d)\s(?:marks|crowns)\b|\s(?:marks|crowns)(?=\s(?:a|per)\sshare\b)"
    rf"|{_SCALE}?\s(?:{'|'.join(_CODES)}|{_CUR_WORDS})\b))",
    # PERCENT: "5%", "5.5 per cent", "two percentage points".
    rf"(?P<PERCENT>{_NUM}{_SCALE}?\s?(?:%|(?i:per\s?cent|percentage\spoints?)\b|pct\b))",
    # TIME: "9 p.m.", "10:30 GMT", "noon".
    r"(?P<TIME>\b(?:[01]?\d|2[0-3]):[0-5]\d(?:\s?(?:[ap]\.m\.|[AP]\.M\.|[ap]m\b|[AP]M\b))?"
    r"(?:\s(?:GMT|BST|UTC|CET|EST|EDT|PST|PDT|local\stime)\b)?"
    r"|\b(?:1[0-2]|0?[1-9])\s?(?:[ap]\.m\.|[AP]\.M\.|[ap]m\b|[AP]M\b)"
    r"|\b(?i:midnight|noon|midday)\b)",
    # DATE, from the most to the least specific.
    r"(?P<ISO>\b(?:1[5-9]|20)\d\d-[01]\d-[0-3]\d\b)",
    rf"(?P<MDY>\b{_MONTH}\s{_DAY}(?:,?\s{_YEAR})?\b)",
    rf"(?P<DMY>\b{_DAY}(?:\sof)?\s{_MONTH}(?:,?\s{_YEAR})?\b)",
    rf"(?P<MY>\b{_MONTH}(?:,?\s{_YEAR}|(?=[\s,.;:)]|$))(?!\s(?:\d|[A-Z][a-z]))"
    rf"(?<!\bMay)(?<!\bMarch))",
    rf"(?P<MAYMAR>\b(?i:in|since|by|until|till|from|during|to|through|before|after|between"
    r"|early|late|mid-|last|next|this)"
    rf"\s(?:May|March)(?:,?\s{_YEAR})?\b)",
    rf"(?P<QUARTER>\b(?i:(?:the\s)?(?:first|second|third|fourth|final|[1-4](?:st|nd|rd|th))"
    rf"[\s-]quarter(?:\sof\s(?:fiscal\s)?{_YEAR})?)\b|\bQ[1-4](?:\s{_YEAR})?\b)",
    r"(?P<DECADE>\b(?i:the\s)?(?i:early\s|mid-?|late\s)?(?:1[5-9]|20)\d0s\b)",
    # Holidays: "Christmas Day", "New Year's Eve", "Easter" (fixed dates normalised).
    rf"(?P<HOLIDAY>\b{_HOLIDAY}\b)",
    r"(?P<RELATIVE>\b(?i:today|yesterday|tomorrow|tonight)\b"
    r"|\b(?i:last|next|this)\s(?i:year|month|week|weekend|quarter|spring|summer|autumn"
    r"|fall|winter|century|decade)\b"
    rf"|\b(?:(?i:last|next|this)\s)?{_WEEKDAY}\b)",
    rf"(?P<SPAN>\b(?i:the\s)?(?i:past|last|next|previous|coming|following|first|same)\s"
    rf"(?:{_NUM}\s)?(?:{_PERIOD_UNIT})\b)",
    # "two years ago", "a week ago", or a duration: "five years". A number of four
    # digits at most: "292,000 week ago" is 292,000 (of something) and "week ago".
    rf"(?P<AGO>\b{_AGO_NUM}\s(?:{_PERIOD_UNIT})(?:\s(?i:ago|earlier|later))?\b)",
    rf"(?P<YEAR>\b(?:(?i:mid-)?{_BARE_YEAR}(?:[-/](?:\d\d|{_YEAR}))?)\b(?![,.]\d|%)"
    rf"(?!\s(?:{_COUNTED})\b))",
    # QUANTITY: "20 km", "1.5 million barrels".
    rf"(?P<QUANTITY>{_NUM}{_SCALE}?(?:\s(?:{_QTY_UNITS})|(?<=\d)(?:{_QTY_ATTACHED}))\b(?!-))",
    # ORDINAL: "1st", "third".
    rf"(?P<ORDINAL>\b\d+(?:st|nd|rd|th)\b|\b(?:{_ci(_ORDINALS)})\b)",
    # CARDINAL: "16", "more than 20", "two", "1.5 million", "hundreds".
    _CARDINAL,
    # Last, as no other reading starts with these words (each alternative tried costs
    # every value found): "fiscal 1987", "fiscal year 1987/88", "FY2018", "FY 87";
    # "a week ago", "week ago", "year earlier".
    rf"(?P<FISCAL>\b(?i:fiscal)(?:\s(?i:year))?\s{_YEAR}(?:[-/](?:\d\d|{_YEAR}))?\b"
    r"|\bFY\s?(?:1[5-9]\d\d|20\d\d|\d\d)\b)",
    r"(?P<AGO_BARE>\b(?:(?i:an?)\s)?(?i:year|month|week|decade)"
    r"\s(?i:ago|earlier)\b)",
]
_PATTERN = regexes.compile(rf"(?P<mod>{_MOD})?(?:" + "|".join(_READINGS) + ")")
# At a digit only the readings that can open with one: the others (and the lead-in) open with
# a word, and fail there, each after its own tests (a tenth of a number's time in _PATTERN).
# The same matches, as `_match` takes it at a digit; the shortcut's test holds this.
_WORD_READINGS = ("MDY", "MY", "MAYMAR", "HOLIDAY", "RELATIVE", "SPAN", "FISCAL", "AGO_BARE")
_PATTERN_AT_DIGIT = regexes.compile(
    rf"(?P<mod>{_MOD})?(?:"
    + "|".join(r for r in _READINGS if not r.startswith(tuple(f"(?P<{k}>" for k in _WORD_READINGS)))
    + ")"
)
_MODIFIED = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
# Most numbers are plain counts, yet each tried every reading before CARDINAL (~6 µs). A run
# of digits that is not a bare year (YEAR may end right after one) and is followed by a space
# and a digit, by "." or "," and no digit, or by the end of the text, can be nothing else:
# every other reading that starts with a digit goes on after its digits with a letter, a
# space and a word, "%", ":", "-", "/", "°", or "." or "," and a digit. There, the lead-in
# (it starts with a letter, so it never matches at a digit) and CARDINAL alone give the
# same match; a test holds this on every number of the BBC and CoNLL texts.
_PLAIN_NUMBER = regexes.compile(r"(?!(?:1[89]|20)\d\d(?!\d))\d+(?=\s\d|[.,](?!\d)|\Z)")
_PATTERN_CARDINAL = regexes.compile(rf"(?P<mod>{_MOD})?(?:{_CARDINAL})")


# A run of one to three digits followed by "-" ("4-0", "100-1", "19-year-old") reads as no
# value at all: only a year (four digits) reads on across a dash, every other reading needs a
# space, a sign or a letter right after the digits, and CARDINAL stops short of a dash. Score
# lines are full of these (a tenth of the numbers of CoNLL dev); the same test holds this.
_DASHED = regexes.compile(r"\d{1,3}-")


# A number followed by a space and a word ("out for 83 on", "39 runs in") tried every reading
# before CARDINAL (~5 µs, a third of the value pass's matching on CoNLL dev). After a run of
# digits (with "," or "." inside) and a space, every reading but CARDINAL goes on with "%",
# "°", a digit or a word of its own: a scale ("million", "mln"), a currency, its code or a
# nationality before it, "per cent", "pct", "am", "of" or a month, a period ("years"), a
# unit (or "square", "cubic"). So where the next word is none of those (in any case, or
# their plurals), or the space is followed by punctuation no reading takes, only CARDINAL
# can match there. A year reads on ("1996 people" is no year), so a number that opens like
# one is left to the whole pattern; so is a word followed by ".", "-", "/" or "'" ("a.m.",
# "D-Marks", "km/h"). The same matches: the shortcut's test holds this.
_NUMBER_THEN = regexes.compile(
    r"(?!(?:1[5-9]|20)\d\d(?!\d))\d+(?:[.,]\d+)*\s"
    r"(?:([A-Za-z]+)(?![\w.'’/&@-])|[.,;:!?()\[\]\"'-])"
)


def _words_after_a_number() -> frozenset[str]:
    """The words, in lower case, that a reading other than CARDINAL may take after a
    number and a space (a superset: a word here is only left to the whole pattern)."""
    words = [
        *_SCALES, *_CODES, *_MONTHS, *_CURRENCY_WORDS, *_CURRENCY_ABBREVIATIONS,
        *_NATIONALITIES, *_QUANTITY_UNITS, *_BARE_ONLY_SCALED, "year", "month", "week", "day",
        "decade", "hour", "minute", "century", "centuries", "of", "per", "percent",
        "percentage", "pct", "am", "pm", "pence", "dollars", "euros", "reais", "ecu", "real",
        "deutsche", "dozen", "marks", "crowns", "won",
    ]  # fmt: skip
    firsts = {w.split()[0].lower() for w in words}
    return frozenset(firsts | {w + "s" for w in firsts} | {w + "es" for w in firsts})


_AFTER_A_NUMBER = _words_after_a_number()


def _match(text: str, at: int) -> re.Match[str] | None:
    """`_PATTERN.match(text, at)` at the start of a run of digits, quicker where the text shows
    it can only be a CARDINAL, or nothing."""
    if _PLAIN_NUMBER.match(text, at) is not None:
        return _PATTERN_CARDINAL.match(text, at)
    if _DASHED.match(text, at) is not None:
        return None
    then = _NUMBER_THEN.match(text, at)
    if then is not None and (then[1] is None or then[1].lower() not in _AFTER_A_NUMBER):
        return _PATTERN_CARDINAL.match(text, at)
    if "0" <= text[at] <= "9":
        return _PATTERN_AT_DIGIT.match(text, at)
    return _PATTERN.match(text, at)


# Where a value can begin: a digit, a currency sign or code, or a word that only values use.
# One case-sensitive pass finds these cheaply; the full pattern then runs only at them. The
# look-ahead in front names every character a value can start with: the engine rejects any
# other position at that one test instead of entering the alternatives and their \b (a
# third of the scan's time; the same matches, a test holds this on CoNLL and BBC text).
_ANCHOR_WORDS = [
    *_UNITS, *_TENS, *_ORDINALS, "dozen", "hundreds", "thousands", "millions", "billions",
    "dozens", "tens", "today", "yesterday", "tomorrow", "tonight", "noon", "midnight",
    "midday", "year", "month", "week", "weekend", "decade", "century", "spring", "summer",
    "autumn", "winter", "quarter", "fiscal",
]  # fmt: skip
# The names and words an anchor may be (beside digits, currency signs and "US$", "FY").
_ANCHOR_NAMES = [
    *_CODES,
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "FY",
    *(k.capitalize() for k in _MONTHS),
    "New Year",
    "Christmas",
    "Boxing",
    "Easter",
    "Good Friday",
    "Thanksgiving",
    "Ramadan",
    "Hanukkah",
    "Diwali",
    "Passover",
    "Halloween",
    "Valentine",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
]
_ANCHOR_ALL_WORDS = [*_ANCHOR_WORDS, *(w.capitalize() for w in _ANCHOR_WORDS)]
# The look-ahead names the characters an anchor can start with, letters included: only the
# first letters of those names and words and of "US$", "AU$", ..., "FY". A word opening
# with another letter ("in", "people", "reported") fails at that one test instead of
# walking the tries (the same matches: each alternative below opens with one of these).
_ANCHOR_LETTERS = "".join(
    sorted(
        {w[0] for w in [*_ANCHOR_NAMES, *_ANCHOR_ALL_WORDS, "US", "AU", "CA", "NZ", "HK"]}
        | set("ACSF")
    )
)
_ANCHOR_START = rf"(?=[\d$£€¥₹₽₩₺{_ANCHOR_LETTERS}])"
_ANCHOR = regexes.compile(
    _ANCHOR_START
    + r"(?:\d+(?:[.,:/-]\d+)*|[$£€¥₹₽₩₺]|\b(?:(?:US|AU|CA|NZ|HK|[ACS])\$|FY(?=\s?\d))|\b(?:"
    + alternation(_ANCHOR_NAMES)
    + "|"
    + alternation(_ANCHOR_ALL_WORDS)
    + r")\b)"
)
# `_ANCHOR.finditer` tries the pattern at every letter, and the engine's call at each
# position costs more than the rest of the scan (a twelfth of a CoNLL run's instructions).
# A value's first letter opens a word (the pattern's \b), so it follows a character that is
# no ASCII letter: `_ANCHOR_SCAN` starts at those characters only, which the engine finds in
# its fast loop over a set of characters, and tries `_ANCHOR` right after them (group 1); a
# currency sign or a digit it starts at is an anchor of its own, as `_ANCHOR` reads it.
# `_anchor_starts` adds what that cannot see: a word at the very start of the text, and one
# right after a currency sign ("US$" ends on one). The same starts as `_ANCHOR.finditer`; a
# test holds this on edge cases and on CoNLL and BBC text.
# After a space (most of the scan's tries), `_ANCHOR` tested the word boundary twice and
# walked two tries, the names' and then the words'. `_ANCHOR_AT` reads the same with one
# boundary before all the alternatives that open with a letter ("US$", "FY" and the trie),
# and the names and words in one trie (a name and a word never both match at a place with
# different ends: neither list holds a prefix of the other's entries that ends on a word
# boundary). The same starts: the test of the scan holds this on edge cases, CoNLL and BBC.
_ANCHOR_AT = (
    _ANCHOR_START
    + r"(?:\d+(?:[.,:/-]\d+)*|[$£€¥₹₽₩₺]|\b(?:(?:US|AU|CA|NZ|HK|[ACS])\$|FY(?=\s?\d)|(?:"
    + alternation([*_ANCHOR_NAMES, *_ANCHOR_ALL_WORDS])
    + r")\b))"
)
# At the character it starts at, the scan asks one look-behind whether that is a currency sign
# or a digit (each stays an anchor of its own, a digit read on to the end of its number), not
# one for each: most of its starts are spaces, which failed both before reaching `_ANCHOR_AT`.
_ANCHOR_SCAN = regexes.compile(
    r"[^A-Za-z](?:(?<=[\d$£€¥₹₽₩₺])(?:(?<=\d)\d*(?:[.,:/-]\d+)*)?|(" + _ANCHOR_AT + "))"
)
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_CURRENCY_SIGNS = frozenset("$£€¥₹₽₩₺")


def _anchor_starts(text: str) -> Iterator[int]:
    """Where `_ANCHOR.finditer(text)` finds a match, in order (found faster: see above)."""
    match = _ANCHOR.match
    search = _ANCHOR_SCAN.search
    n = len(text)
    pos = 0
    m = match(text) if text[:1] in _ASCII_LETTERS else None
    while True:
        if m is None:
            a = search(text, pos)
            if a is None:
                return
            yield a.start(1) if a.lastindex else a.start()
            pos = a.end()
        else:
            yield m.start()
            pos = m.end()
        m = None
        if pos < n and text[pos] in _ASCII_LETTERS and text[pos - 1] in _CURRENCY_SIGNS:
            m = match(text, pos)


# Words that may stand right before a value and belong to it ("more than", "the past", ...).
_PREFIX_LAST = frozenset(
    "than over above of upwards under below to least most about around approximately roughly "
    "some nearly almost estimated the past last next previous coming following first same in "
    "since by until till from during through before after between early late this a an "
    "fiscal final".split()
)
# Lead-ins that belong to the value after them.
_PREFIX_PHRASES = frozenset(
    [*_MODIFIERS, "a", "the", "the early", "the late", "the mid", "early", "late", "this",
     *(f"{the}{w}" for the in ("", "the ") for w in
       ("past", "last", "next", "previous", "coming", "following", "first", "same")),
     "in", "since", "by", "until", "till", "from", "during", "to", "through", "before",
     "after", "between", "an", "fiscal", "final", "the final"]
)  # fmt: skip
_PREPOSITIONS = frozenset(
    {"in", "since", "by", "until", "till", "from", "during", "to", "through", "before", "after",
     "between"}
)  # fmt: skip

_DATE_GROUPS = {
    "ISO", "MDY", "DMY", "MY", "MAYMAR", "QUARTER", "DECADE", "SPAN", "AGO", "RELATIVE",
    "YEAR", "HOLIDAY", "FISCAL", "AGO_BARE",
}  # fmt: skip
#: Holidays on a fixed day: (month, day).
_FIXED_HOLIDAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "christmas day": (12, 25),
    "christmas eve": (12, 24), "boxing day": (12, 26), "halloween": (10, 31),
    "valentine's day": (2, 14),
}  # fmt: skip
# Case-sensitive like _PATTERN: with IGNORECASE, "SIX" (a variant) would cut "Sixteen" short.
_NUMBER_IN = regexes.compile(rf"{_DIGITS}|{_WORD_NUM}\b")
_SCALE_IN = regexes.compile(
    rf"(?:{_SCALE_WORDS}|(?<=\d){_SCALE_ATTACHED}|(?<=\d\s){_SCALE_SPACED})\b", re.IGNORECASE
)
_MOD_IN = regexes.compile(rf"^{_MOD}", re.IGNORECASE)
_YEAR_IN = regexes.compile(rf"\b{_YEAR}\b")
_MONTH_IN = regexes.compile(rf"\b{_MONTH}", re.IGNORECASE)
_DAY_IN = regexes.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
_UNIT_IN = regexes.compile(rf"(?:{_QTY_UNITS})$", re.IGNORECASE)
_CURRENCY_IN = regexes.compile(
    rf"(?:US|A|AU|C|CA|NZ|HK|S)?\$|[£€¥₹₽₩₺]|\b(?:{'|'.join(_CODES)})\b|{_CUR_WORDS}"
    rf"|\b(?:{_SCALED_WORDS})\b",
    re.IGNORECASE,
)
_NATIONALITY_IN = regexes.compile(rf"^(?:{_NATIONALITY})(?=\s)", re.IGNORECASE)
_PERIOD_IN = regexes.compile(_PERIOD_UNIT, re.IGNORECASE)
# Small patterns of the normalisers below, compiled once (and kept by `regexes`) rather than
# looked up in re's cache at every call.
_DASH_OR_SPACE = regexes.compile(r"[- ]")
_HOUR_OR_MINUTE = regexes.compile(r"hour|minute", re.IGNORECASE)
_CLOCK = regexes.compile(r"(\d{1,2})(?::(\d\d))?")
_DIGIT_RUN = regexes.compile(r"\d+")
_SHORT_YEAR_AFTER = regexes.compile(r"[-/]\d\d\b")
_SHORT_YEAR_LAST = regexes.compile(r"[-/](\d\d)$")
_WHICH_QUARTER = regexes.compile(r"first|second|third|fourth|final|[1-4]")


def find_values(
    text: str, sentences: list[tuple[int, int]] | None = None, meta: Mapping | None = None
) -> list[Mention]:
    """Every value mention in `text`, normalised in `Mention.norm`, in text order."""
    anchor = _anchor_date(meta)
    mentions: list[Mention] = []
    bounds = [e for _, e in sentences] if sentences else None
    sent = 0
    floor = 0
    for at in _anchor_starts(text):
        if at < floor:
            continue
        m = None
        if at > floor and text[at - 1] in " -":
            for cand in _prefix_starts(text, at, floor):
                m = _PATTERN.match(text, cand)
                if m is not None and m.end() > at:
                    break
                m = None
        if m is None:
            m = _match(text, at)
            if m is None:
                continue
        floor = m.end()
        kind = m.lastgroup
        assert kind is not None  # every alternative of _PATTERN is a named group
        start, end = m.span()
        if m.start("mod") >= 0 and kind not in _MODIFIED:
            start = m.end("mod")  # "about June": the date is "June"
        if text[start].isspace():
            start += 1
        if kind == "MAYMAR":
            space = text.index(" ", start)
            if text[start:space].lower() in _PREPOSITIONS:
                start = space + 1  # "in May": the date is "May"
        surface = text[start:end]
        label, norm = _normalise(kind, surface, anchor)
        if label is None:
            continue
        if bounds is not None:
            while sent < len(bounds) - 1 and bounds[sent] <= start:
                sent += 1
        mentions.append(
            new_mention(start, end, surface, label, surface, sent if bounds else -1, norm)
        )
    _resolve_shared(text, mentions)
    return mentions


def _prefix_starts(text: str, at: int, floor: int) -> list[int]:
    """Earlier places where a value anchored at `at` may start, earliest first: where the
    one to three words before it make a known lead-in ("more than", "the past", "in", ...)."""
    if at - 4 >= floor and text[at - 4 : at].lower() == "mid-":
        return [at - 4]
    if at <= floor or text[at - 1] != " ":
        return []
    starts: list[int] = []
    end = at - 1
    for words in range(3):
        lo = max(floor, end - 40)  # a lead-in word is short: keeps this O(1)
        begin = max(text.rfind(" ", lo, end), text.rfind("\n", lo, end), lo - 1) + 1
        if begin >= end:
            break
        phrase = text[begin : at - 1].lower()
        if not words and phrase not in _PREFIX_LAST:
            return []
        if phrase in _PREFIX_PHRASES:
            starts.append(begin)
        if begin - 1 <= floor or text[begin - 1] != " ":
            break
        end = begin - 1
    starts.reverse()
    return starts


_ANCHOR_FORMS = regexes.compile(r"(\d{4})(?:-(?:(\d\d)(?:-(\d\d))?|Q([1-4])))?")


if TYPE_CHECKING:

    class _Anchor(NamedTuple):
        """The document's date, which relative dates are read against, and its precision: a
        "yesterday" needs the day, a "last month" the month, a "June" only the year."""

        day: date  # the first day of the period the document's date names
        precision: str  # "day", "month" or "year" (a quarter counts as its year)

else:
    _Anchor = _namedtuple("_Anchor", ["day", "precision"])


def _anchor_date(meta: Mapping | None) -> _Anchor | None:
    raw = (meta or {}).get("date")
    if not raw:
        return None
    m = _ANCHOR_FORMS.match(str(raw))
    if m is None:
        return None
    try:
        if m.group(3):
            return _Anchor(date(int(m[1]), int(m[2]), int(m[3])), "day")
        if m.group(2):
            return _Anchor(date(int(m[1]), int(m[2]), 1), "month")
        return _Anchor(date(int(m[1]), 1, 1), "year")
    except ValueError:
        return None


def parse_number(surface: str) -> float | None:
    """The number a phrase states: "500 million" → 5e8, "twenty-one" → 21, "1.2bn" → 1.2e9."""
    m = _NUMBER_IN.search(surface)
    if m is None:
        return None
    raw = m.group().lower()
    if raw[0].isdigit() or raw[0] == ".":
        value = float(raw.replace(",", ""))
    elif "dozen" in raw:
        value = 12.0
    else:
        value = 0.0
        for part in _DASH_OR_SPACE.split(raw):
            value += _UNITS.get(part, 0) + _TENS.get(part, 0)
    for scale in _SCALE_IN.finditer(surface, m.end(), m.end() + 20):
        value *= _SCALES[scale.group().lower()]
    return value


def _clean(value: float) -> int | float:
    return round(value) if abs(value - round(value)) < 1e-6 * max(1.0, abs(value)) else value


def _amount(surface: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    value = parse_number(surface)
    if value is not None:
        out["value"] = _clean(value)
    mod = _MOD_IN.match(surface)
    if mod:
        out["modifier"] = _MODIFIERS[mod.group().strip().lower()]
    return out


_NOUNS = {"dlr": "dollar", "dlrs": "dollar", "stg": "pound", "cts": "cent", "lire": "lire",
          "pence": "pence", "reais": "real", "deutschmarks": "deutschmark"}  # fmt: skip


def _singular(key: str) -> str:
    """The currency noun of `key` (a currency word as written, in lower case) in the singular:
    "francs" -> "franc", "dlrs" -> "dollar", "lire" stays."""
    return _NOUNS.get(key) or (key[:-1] if key.endswith("s") else key)


def _currency_of_words(key: str) -> tuple[str | None, str]:
    """(ISO code or None, the currency noun in the singular) of "french francs", "canadian
    dlrs", "marks", "pound sterling": a nationality decides a word several countries use."""
    nationality = _NATIONALITY_IN.match(key)
    country = None
    if nationality is not None:
        country = _NATIONALITIES.get(nationality.group().lower())
        key = key[nationality.end() :].strip()
    noun = _singular(key)
    if country is not None:
        own = _COUNTRY_CURRENCIES.get(country, {}).get(noun)
        if own is not None:
            return own, noun
        if noun in _SHARED_WORDS or noun == "dollar":
            return None, noun  # "Swiss dollars": no such currency
    code = _CURRENCY_WORDS.get(key) or _CURRENCY_WORDS.get(noun)
    if noun == "real":  # never a currency word of its own ("5 real problems")
        code = "BRL"
    return code or None, noun


def _shared_reading(surface: str) -> tuple[str | None, tuple[str, str] | None]:
    """How a MONEY mention bears on a word several countries use: (the word, when it is
    written bare: "95 mln francs"; (the word, its code), when a nationality says which:
    "French francs"). Either or both None."""
    cur = _CURRENCY_IN.search(surface)
    if cur is None:
        return None, None
    key = cur.group().lower()
    if _NATIONALITY_IN.match(key) is not None:
        code, noun = _currency_of_words(key)
        return None, ((noun, code) if code else None)
    if key in _CURRENCY_ABBREVIATIONS:  # "stg" is sterling wherever the story is filed
        return None, None
    noun = _singular(key)
    return (noun if noun in _SHARED_WORDS else None), None


_DATELINE = regexes.compile(
    r"(?m)^[ \t]*(?P<place>[A-Z][A-Za-z'.-]+(?:[ \t][A-Z][A-Za-z'.-]+){0,2})"
    r"(?:,[ \t]+[A-Z][A-Za-z.]+)?[ \t]*(?:,[ \t]*(?:[A-Z][a-z]{2,8}\.?[ \t]+\d|\d)|\()"
)


def _dateline_country(text: str) -> str | None:
    """The country code of the place a story was filed from ("PARIS, March 3 -"), from a
    dateline in its first lines."""
    m = _DATELINE.search(text, 0, min(len(text), 400))
    if m is None:
        return None
    place = " ".join(w.capitalize() if w.isupper() else w for w in m.group("place").split())
    return gazetteer.city_countries().get(place)


#: Countries named in a story, for its bare currency words ("Elf of France ... 3 billion
#: francs"): the nationalities above and the names of the countries whose words are shared.
#: The countries named whose codes the gazetteer gives.
_CODED_COUNTRIES = [
    *(
        "France Switzerland Belgium Luxembourg Sweden Norway Denmark Italy Turkey Mexico "
        "Argentina Britain Ireland Egypt India Pakistan"
    ).split(),
    "Saudi Arabia",
]
_COUNTRY_NAMES = {"West Germany": "DE"}  # gone from the map: the gazetteer has no code
_COUNTRY_NAMES.update(_coded(_CODED_COUNTRIES, gazetteer.countries()))
_NAMED: re.Pattern | None = None


def _named_countries(text: str) -> list[tuple[int, str]]:
    """Where the story names a country, by its name or its people's, and the country's code:
    one pass over the text whatever the number of amounts."""
    global _NAMED
    if _NAMED is None:
        words = sorted(
            [w.title() for w in _NATIONALITIES if w not in ("us", "u.s.")] + [*_COUNTRY_NAMES],
            key=len,
            reverse=True,
        )
        first = "".join(sorted({w[0] for w in words}))  # the engine skips other letters fast
        _NAMED = re.compile(rf"(?=[{first}])\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
    out = []
    for m in _NAMED.finditer(text):
        word = m.group()
        country = _COUNTRY_NAMES.get(word) or _NATIONALITIES.get(word.lower())
        if country:
            out.append((m.start(), country))
    return out


def _named_codes(named: list[tuple[int, str]], noun: str) -> tuple[list[int], list[str]]:
    """Of the countries `named`, those whose `noun` is a currency of its own: (where each is
    named, its currency), for a bisect per amount."""
    starts: list[int] = []
    codes: list[str] = []
    for start, country in named:
        code = _COUNTRY_CURRENCIES.get(country, {}).get(noun)
        if code:
            starts.append(start)
            codes.append(code)
    return starts, codes


def _resolve_shared(text: str, mentions: list[Mention]) -> None:
    """Give a bare "francs", "crowns" or "pesos" the currency the document means: the one a
    nationality named for that word before it (or, failing that, after it), else the one of
    the country of the dateline, else the one of the country the story names last before
    it ("French oil firm Elf ... 3.1 billion francs"), else the word's own if it has one."""
    money = [m for m in mentions if m.label == "MONEY" and isinstance(m.norm, dict)]
    readings = [_shared_reading(m.text) for m in money]
    if not any(noun for noun, _named in readings):
        return
    qualified = [named for _noun, named in readings]
    # For each mention, the code a nationality gave its word last before it and first after
    # it: one pass each way, whatever the number of amounts.
    after: list[dict[str, str]] = [{}] * len(money)
    seen: dict[str, str] = {}
    for i in range(len(money) - 1, -1, -1):
        after[i] = seen
        named = qualified[i]
        if named is not None:
            seen = {**seen, named[0]: named[1]}  # a copy: a few currency words at most
    last: dict[str, str] = {}
    country: list[str | None] = []
    named_at: dict[str, tuple[list[int], list[str]]] = {}  # per currency word, made once
    countries: list[list[tuple[int, str]]] = []  # the countries the story names, found once
    for i, (m, (noun, named)) in enumerate(zip(money, readings, strict=True)):
        if named is not None:
            last[named[0]] = named[1]
        if noun is None:
            continue
        code = last.get(noun) or after[i].get(noun)
        if code is None:
            if not country:
                country.append(_dateline_country(text))
            if country[0] is not None:
                code = _COUNTRY_CURRENCIES.get(country[0], {}).get(noun)
        if code is None:  # "French oil firm Elf ... francs": the country named last before
            if noun not in named_at:
                if not countries:
                    countries.append(_named_countries(text))
                named_at[noun] = _named_codes(countries[0], noun)
            starts, codes = named_at[noun]
            k = bisect.bisect_right(starts, m.start)
            code = codes[k - 1] if k else None
        if code is None:
            code = _CURRENCY_WORDS.get(noun) or None
        m.norm.pop("currency", None)
        if code:
            m.norm["currency"] = code


def _normalise(kind: str, surface: str, anchor: _Anchor | None) -> tuple[str | None, Any]:
    if kind == "YEAR" and surface.isdigit():
        return "DATE", surface
    if kind in _DATE_GROUPS:
        try:
            norm = _date_norm(kind, surface, anchor)
        except (OverflowError, ValueError):
            norm = None  # out of the calendar's range: no value, never a failed document
        if kind in ("AGO", "AGO_BARE") and _HOUR_OR_MINUTE.search(surface):
            return "TIME", norm
        return "DATE", norm
    if kind == "MONEY":
        out = _amount(surface)
        cur = _CURRENCY_IN.search(surface)
        if cur:
            key = cur.group().lower()
            code = _SYMBOLS.get(key) or (key.upper() if key.upper() in _CODES else None)
            if code is None and key in _CURRENCY_ABBREVIATIONS:
                code = _CURRENCY_ABBREVIATIONS[key]
                if key in _SUBUNITS and "value" in out:
                    out["value"] = _clean(out["value"] / 100)
            if code is None:
                code, noun = _currency_of_words(key)
                if noun in _SUBUNITS and "value" in out:
                    out["value"] = _clean(out["value"] / 100)
            if code:
                out["currency"] = code
        return "MONEY", out
    if kind == "PERCENT":
        out = _amount(surface)
        if "value" in out:
            out["value"] = float(out["value"])
        out["unit"] = "percentage points" if "point" in surface.lower() else "%"
        return "PERCENT", out
    if kind == "QUANTITY":
        out = _amount(surface)
        unit = _UNIT_IN.search(surface.rstrip("s") if surface[-1] == "s" else surface)
        if unit is None:
            unit = _UNIT_IN.search(surface)
        if unit:
            out["unit"] = _QUANTITY_UNITS.get(unit.group().lower(), unit.group().lower())
        return "QUANTITY", out
    if kind == "TIME":
        return "TIME", _time_norm(surface)
    if kind == "ORDINAL":
        low = surface.lower()
        return "ORDINAL", int(low[:-2]) if low[0].isdigit() else _ORDINALS.get(low)
    if kind == "CARDINAL":
        if surface.isdigit():
            return "CARDINAL", {"value": int(surface)}
        if surface.lower() in ("one",):
            return "CARDINAL", {"value": 1}
        return "CARDINAL", _amount(surface)
    return None, None


def _time_norm(surface: str) -> str | None:
    low = surface.lower()
    if low in ("noon", "midday"):
        return "12:00"
    if low == "midnight":
        return "00:00"
    m = _CLOCK.match(low)
    if m is None:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if "p" in low[m.end() : m.end() + 3] and hour < 12:
        hour += 12
    elif "a" in low[m.end() : m.end() + 3] and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


if TYPE_CHECKING:

    class _DateFound(NamedTuple):
        """A date as found, with the document's date at each precision a form may need:
        `anchor` for what needs the year, `month_anchor` the month, `day_anchor` the day."""

        kind: str
        surface: str
        low: str
        anchor: date | None
        month_anchor: date | None
        day_anchor: date | None

else:
    _DateFound = _namedtuple(
        "_DateFound", ["kind", "surface", "low", "anchor", "month_anchor", "day_anchor"]
    )


def _date_norm(kind: str, surface: str, anchored: _Anchor | None) -> str | None:
    """The ISO 8601 value of a date of `kind`, read against the document's date if it needs one."""
    if kind == "ISO":
        return surface
    form = _DATE_FORMS.get(kind)
    if form is None:
        return None
    anchor = anchored.day if anchored else None
    month_anchor = anchor if anchored and anchored.precision != "year" else None
    day_anchor = anchor if anchored and anchored.precision == "day" else None
    return form(_DateFound(kind, surface, surface.lower(), anchor, month_anchor, day_anchor))


def _found(pattern: re.Pattern[str], text: str) -> re.Match[str]:
    """The match of `pattern` in `text`, which the date form's own pattern guarantees."""
    m = pattern.search(text)
    assert m is not None, (pattern.pattern, text)
    return m


def _fiscal_date(f: _DateFound) -> str | None:
    years = _DIGIT_RUN.findall(f.surface)
    first = years[0]
    if len(first) == 2:
        first = str(_two_digit_year(int(first), f.anchor))
    if len(years) > 1:
        tail = years[1]
        end = first[:2] + tail if len(tail) == 2 else tail
        return f"{first}/{end}"
    return first


def _month_date(f: _DateFound) -> str | None:
    kind, surface, low, anchor, month_anchor = f.kind, f.surface, f.low, f.anchor, f.month_anchor
    month = _MONTHS[_found(_MONTH_IN, surface).group().lower().rstrip(".")]
    year_m = _YEAR_IN.search(surface)
    year = int(year_m.group()) if year_m else (anchor.year if anchor else None)
    if kind == "MAYMAR" and month_anchor and not year_m:
        if low.startswith("last"):
            year = month_anchor.year if month < month_anchor.month else month_anchor.year - 1
        elif low.startswith("next"):
            year = month_anchor.year if month > month_anchor.month else month_anchor.year + 1
    day = None
    if kind in ("MDY", "DMY"):
        rest = _MONTH_IN.sub(" ", surface)
        rest = _YEAR_IN.sub(" ", rest)
        day_m = _DAY_IN.search(rest)
        day = int(day_m.group(1)) if day_m else None
    if year is None:
        return f"--{month:02d}-{day:02d}" if day else f"--{month:02d}"
    if day:
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}"


def _year_date(f: _DateFound) -> str | None:
    surface = f.surface
    years = _YEAR_IN.findall(surface)
    if len(years) == 1 and not _SHORT_YEAR_AFTER.search(surface):
        return years[0]
    if years:
        tail = _SHORT_YEAR_LAST.search(surface)
        end = (years[0][:2] + tail.group(1)) if tail and len(years) == 1 else years[-1]
        return f"{years[0]}/{end}"
    return None


_FOUR_DIGITS = regexes.compile(r"\d{4}")


def _decade_date(f: _DateFound) -> str | None:
    decade = _found(_FOUR_DIGITS, f.surface).group()
    return decade[:3] + "X"


def _quarter_date(f: _DateFound) -> str | None:
    surface, low, anchor = f.surface, f.low, f.anchor
    q = _WHICH_QUARTER.search(low)
    n = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4}.get(q.group()) if q else None
    if n is None and q:
        n = int(q.group())
    year_m = _YEAR_IN.search(surface)
    year = year_m.group() if year_m else (str(anchor.year) if anchor else None)
    return f"{year}-Q{n}" if year and n else None


def _duration_date(f: _DateFound) -> str | None:
    n = parse_number(f.surface)
    unit = _PERIOD_IN.search(f.surface)
    if unit is None:
        return None
    return _duration(n if n is not None else 1, unit.group().lower())


def _ago_date(f: _DateFound) -> str | None:
    surface, low = f.surface, f.low
    n = parse_number(surface)
    if n is None and low.split(" ", 1)[0] in ("a", "an", "year", "month", "week", "day",
                                                "decade", "hour", "minute"):  # fmt: skip
        n = 1  # "a week ago", "week ago"
    unit = _found(_PERIOD_IN, surface).group().lower()
    bare = not low[:1].isdigit() and parse_number(low) is None  # "week earlier"
    if n is None or not (low.endswith("ago") or (bare and low.endswith("earlier"))):
        return _duration(n or 1, unit)
    if unit.startswith(("week", "day", "hour", "minute")):
        needed = f.day_anchor
    elif unit.startswith("month"):
        needed = f.month_anchor
    else:
        needed = f.anchor
    if needed is None:
        return None
    return _shift(needed, -int(n), unit)


def _holiday_date(f: _DateFound) -> str | None:
    fixed = _FIXED_HOLIDAYS.get(f.low.replace("’", "'"))
    if fixed is None:
        return None  # a movable feast, or a season ("New Year"): no single day
    month, day = fixed
    anchor = f.anchor
    return f"{anchor.year:04d}-{month:02d}-{day:02d}" if anchor else f"--{month:02d}-{day:02d}"


def _relative_date(f: _DateFound) -> str | None:
    low, anchor, month_anchor = f.low, f.anchor, f.month_anchor
    if anchor is None:
        return None
    step = -1 if low.startswith("last") else 1 if low.startswith("next") else 0
    if low.endswith("year"):
        return _year(anchor.year + step)
    if low.endswith("quarter"):
        if month_anchor is None:
            return None
        total = anchor.year * 4 + (anchor.month - 1) // 3 + step
        return f"{total // 4:04d}-Q{total % 4 + 1}"
    if low.endswith("month") and month_anchor is not None:
        return _shift(anchor, step, "month")
    anchor = f.day_anchor
    if anchor is None:
        return None
    if low in ("today", "tonight"):
        return anchor.isoformat()
    if low == "yesterday":
        return (anchor - timedelta(days=1)).isoformat()
    if low == "tomorrow":
        return (anchor + timedelta(days=1)).isoformat()
    if low.endswith("week"):
        iso = (anchor + timedelta(weeks=step)).isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    day = _WEEKDAY_NUMBERS.get(low.rsplit(" ", 1)[-1])
    if day is not None:
        # The nearest such day (the past one on a tie); "last"/"next" go strictly back or on.
        ahead = (day - anchor.weekday()) % 7
        if step < 0:
            delta = ahead - 7
        elif step > 0:
            delta = ahead or 7
        else:
            delta = ahead if ahead <= 3 else ahead - 7
        return (anchor + timedelta(days=delta)).isoformat()
    return None


#: How each kind of date (a group of `_PATTERN`) is normalised.
_DATE_FORMS: dict[str, Callable[[_DateFound], str | None]] = {
    "FISCAL": _fiscal_date,
    "MDY": _month_date,
    "DMY": _month_date,
    "MY": _month_date,
    "MAYMAR": _month_date,
    "YEAR": _year_date,
    "DECADE": _decade_date,
    "QUARTER": _quarter_date,
    "SPAN": _duration_date,
    "DURATION": _duration_date,
    "AGO": _ago_date,
    "AGO_BARE": _ago_date,
    "HOLIDAY": _holiday_date,
    "RELATIVE": _relative_date,
}


def _duration(n: float, unit: str) -> str:
    n_txt = str(_clean(n))
    for key, code in (("year", "Y"), ("month", "M"), ("week", "W"), ("day", "D"),
                      ("decade", "0Y"), ("centur", "00Y")):  # fmt: skip
        if unit.startswith(key):
            if code.endswith("0Y") or code.endswith("00Y"):
                return f"P{_clean(n * (10 if code == '0Y' else 100))}Y"
            return f"P{n_txt}{code}"
    if unit.startswith("hour"):
        return f"PT{n_txt}H"
    return f"PT{n_txt}M"


def _year(year: int) -> str | None:
    return f"{year:04d}" if 1 <= year <= 9999 else None


def _two_digit_year(yy: int, anchor: date | None) -> int:
    """ "FY87" in a document of 1987 is 1987; without a document date, the nearest past."""
    now = anchor.year if anchor else date.today().year
    year = now // 100 * 100 + yy
    return year - 100 if year > now + 10 else year


def _shift(anchor: date, n: int, unit: str) -> str | None:
    """`anchor` moved by `n` units, at the unit's precision; None out of the calendar."""
    if unit.startswith("year"):
        return _year(anchor.year + n)
    if unit.startswith("month"):
        total = anchor.year * 12 + anchor.month - 1 + n
        return f"{total // 12:04d}-{total % 12 + 1:02d}" if 1 <= total // 12 <= 9999 else None
    try:
        if unit.startswith("week"):
            return (anchor + timedelta(weeks=n)).isoformat()
        if unit.startswith("day"):
            return (anchor + timedelta(days=n)).isoformat()
    except OverflowError:
        return None
    if unit.startswith("decade"):
        return _year(anchor.year + 10 * n)
    return anchor.isoformat()
