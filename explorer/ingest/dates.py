"""A document's date: written forms to ISO 8601 at the precision given, and where else to look.

`parse_date` reads what a field, a meta tag or a metadata file holds ("26-FEB-1987
15:01:01.79", "Feb 26, 1987", RFC 2822, "02/26/87", "1987-Q1", ...) and answers a day
(`1987-02-26`), a month (`1987-02`), a quarter (`1987-Q1`) or a year (`1987`), or None when
it does not understand it. The other finders read a date from a dateline, a path or the text.
"""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
from datetime import UTC, date, datetime

__all__ = [
    "DATE_SOURCES",
    "dateline_date",
    "parse_date",
    "path_date",
    "text_date",
    "year_of",
]

#: Where a document's date came from, best first ("text": a date line of its own at the top).
DATE_SOURCES = ("metadata", "field", "meta tag", "byline", "text", "dateline", "path")

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

# The forms our own patterns read faster than any library (most dates in the wild are ISO).
_ISO_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:$|[T ]\d\d:\d\d)")
_ISO_MONTH = re.compile(r"(\d{4})-(\d\d)")
_YEAR_ONLY = re.compile(r"(\d{4})")
# The patterns below are compiled when first used, not on import: `explorer extract --jsonl`
# imports this module in every process and most of them it never uses (issue 9: start-up).


@functools.cache
def _quarter() -> re.Pattern[str]:
    return re.compile(
        r"(?:(?P<y1>\d{4})[ -]?Q(?P<q1>[1-4])|Q(?P<q2>[1-4])[ /-]?'?(?P<y2>\d{4}|\d\d)"
        r"|(?P<q3>[1-4])Q[ /-]?'?(?P<y3>\d{4}|\d\d))",
        re.I,
    )


@functools.cache
def _pdf() -> re.Pattern[str]:
    return re.compile(r"D:(\d{4})(\d\d)?(\d\d)?")


_EPOCH = re.compile(r"\d{10}(?:\d{3})?(?:\.\d+)?")
_MAX_LEN = 80


def _dayfirst_default() -> bool:
    # US order (02/03/87 is 3 February) unless the user says otherwise.
    return os.environ.get("EXPLORER_DATE_ORDER", "").upper() in ("DMY", "DAYFIRST")


def _plausible(year: int) -> bool:
    return 1000 <= year <= datetime.now().year + 50


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat() if _plausible(year) else None
    except ValueError:
        return None


def _two_digit_year(yy: str) -> int:
    year = int(yy)
    if len(yy) == 4:
        return year
    # A two-digit year is in the past or the next year at most: "87" is 1987, "05" 2005.
    now = datetime.now().year
    year += 2000
    return year - 100 if year > now + 1 else year


def parse_date(value: object, *, dayfirst: bool | None = None) -> str | None:
    """ISO 8601 at the precision `value` gives (day, month, quarter or year), or None.

    Numbers between 1e9 and 1e14 are Unix times (seconds or milliseconds). A date without a
    year ("Feb 26", "Monday") is None: a document's date needs its year.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return _epoch(float(value)) if value >= 1e8 else _year(int(value))
    text = " ".join(str(value).split())
    if not text or len(text) > _MAX_LEN:
        return None
    if text[0].isdigit():
        m = _ISO_DAY.match(text)
        if m:
            return _day(int(m[1]), int(m[2]), int(m[3]))
        if _ISO_MONTH.fullmatch(text):
            year, month = int(text[:4]), int(text[5:])
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and _plausible(year) else None
        if _YEAR_ONLY.fullmatch(text):
            return _year(int(text))
        if _EPOCH.fullmatch(text):
            return _epoch(float(text))
    m = _quarter().fullmatch(text)
    if m:
        yy = m["y1"] or m["y2"] or m["y3"]
        quarter = m["q1"] or m["q2"] or m["q3"]
        full = _two_digit_year(yy)
        return f"{full:04d}-Q{quarter}" if _plausible(full) else None
    m = _pdf().match(text)
    if m:
        if m[3]:
            return _day(int(m[1]), int(m[2]), int(m[3]))
        return f"{m[1]}-{m[2]}" if m[2] else _year(int(m[1]))
    return _library(text, _dayfirst_default() if dayfirst is None else dayfirst)


def _year(year: int) -> str | None:
    return f"{year:04d}" if _plausible(year) else None


def _epoch(seconds: float) -> str | None:
    if seconds >= 1e11:
        seconds /= 1000  # milliseconds
    try:
        return datetime.fromtimestamp(seconds, UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None


_DEFAULTS = (datetime(1, 1, 1), datetime(4, 2, 2))  # 4: a leap year, so "Feb 29" parses


def _library(text: str, dayfirst: bool) -> str | None:
    # python-dateutil: benchmarks/bench_dates.py measured it against dateparser on the forms
    # of tests/ingest/date_forms.py (57 against 56 right, 80 us against 1.1 ms a date). The
    # forms neither reads (quarters, Unix and PDF times) are ours, above. Parsing twice with
    # two defaults tells which of year, month and day the text gave.
    from dateutil.parser import ParserError, parse

    try:
        one = parse(text, default=_DEFAULTS[0], dayfirst=dayfirst, ignoretz=True)
        two = parse(text, default=_DEFAULTS[1], dayfirst=dayfirst, ignoretz=True)
    except (ParserError, ValueError, OverflowError, TypeError):
        return None
    if one.year != two.year:
        return None  # no year given
    year = one.year
    if year >= 2000 and not re.search(rf"(?<!\d){year}(?!\d)", text):
        year = _two_digit_year(str(year % 100).zfill(2))  # "02/26/87": dateutil's 2087 -> 1987
    if not _plausible(year):
        return None
    if one.month != two.month:
        return f"{year:04d}"
    if one.day != two.day:
        return f"{year:04d}-{one.month:02d}"
    return _day(year, one.month, one.day)


def year_of(value: object) -> int | None:
    """The four-digit year written in `value`, if any (for a date not understood as a whole)."""
    m = re.search(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", str(value or ""))
    return int(m.group(1)) if m else None


# --------------------------------------------------------------------------- datelines

# Compiled when first used (about 5 ms): `extract --jsonl` reads no datelines and should not
# pay for the pattern in every process.
_DATELINE = (
    # "SALVADOR, Feb 26 -", "LONDON, March 3 (Reuters) -", "New York, 3 March 1987 --"
    r"^[ \t]*(?P<place>[A-Z][A-Za-z.'’-]+(?:[ ][A-Z][A-Za-z.'’-]+){0,3}"
    r"(?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?)?),?[ \t]+"
    r"(?:(?P<date>(?i:"
    + _MONTH
    + r")[ \t]+(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:,?[ \t]+(?P<y1>\d{4}))?"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?[ \t]+(?i:(?P<month2>"
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r"))\.?(?:,?[ \t]+(?P<y2>\d{4}))?)"
    r"[ \t]*(?:\([^)\n]{1,30}\)[ \t]*)?(?:-{1,2}|–|—)"
    # "LONDON 1996-08-30", "MANCHESTER, England 1996-08-24": a place and an ISO day, the
    # line's whole (news agencies' own layout), or before a dash as above.
    r"|(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01]))"
    r"[ \t]*(?:\([^)\n]{1,30}\)[ \t]*)?(?:-{1,2}|–|—|\r?$))"
)


@functools.cache
def _dateline() -> re.Pattern[str]:
    return re.compile(_DATELINE, re.M)


@functools.cache
def _dateline_at() -> re.Pattern[str]:
    return re.compile(_DATELINE.removeprefix("^"))


# A headline in capitals that the dateline follows on the same line (copy that lost its line
# breaks): "FEDERATED STEEL SEES HIGHER PROFIT PITTSBURGH, Pa., April 8 - ...".
_CAPS_HEAD = re.compile(r"[ \t]*(?:[A-Z0-9(<][A-Z0-9.'’&:!?/<>()-]*[ \t]+){2,24}")
# Words that open a place's name ("NEW YORK", "LOS ANGELES") or stand inside one ("PUNTA DEL
# ESTE"): the place takes them, not the headline.
_PLACE_WORDS = frozenset(
    "NEW SAN SANTA SANTO LOS LAS ST ST. FORT PORT EL LA LE RIO SAO HONG KUALA TEL ABU BUENOS "
    "SALT BATON GRAND PALM LONG CAPE HOT KANSAS OKLAHOMA MEXICO PANAMA GUATEMALA DAR RAS".split()
)
_PLACE_PARTICLES = frozenset("DE DEL DI DA DO DOS DAS DU".split())


def _after_headline(text: str) -> re.Match[str] | None:
    """A dateline right after a headline in capitals on the text's first line."""
    head = _CAPS_HEAD.match(text, 0, 1200)
    if head is None:
        return None
    words = list(re.finditer(r"\S+", text[: head.end()]))
    pos = head.end()
    while len(words) > 2 and words[-1].group() in _PLACE_WORDS | _PLACE_PARTICLES:
        # "NEW YORK, April 8", "PUNTA DEL ESTE, Sept 15": the place's words, not the headline's
        if words[-1].group() in _PLACE_PARTICLES:
            words.pop()
        pos = words.pop().start()
    m = _dateline_at().match(text, pos, 1200)
    if m is None or not m["place"].split(",")[0].isupper():
        return None
    return m


def dateline_date(text: str, year: int | None = None) -> tuple[str | None, str | None]:
    """(ISO day, the dateline as written) from a dateline in the first lines of `text`.

    The year is the dateline's own, else `year` (from the metadata, the path or the text's
    other dates); without either the day cannot be placed: (None, dateline).
    """
    m = _dateline().search(text, 0, 1200)
    if m is None:
        m = _after_headline(text)
    if m is None:
        return None, None
    if m["iso"]:
        return _day(int(m["iy"]), int(m["im"]), int(m["id"])), f"{m['place']}, {m['iso']}"
    month = _MONTHS[(m["month"] or m["month2"]).lower()]
    day = int(m["d1"] or m["d2"])
    written = m["y1"] or m["y2"]
    found = int(written) if written else year
    line = f"{m['place']}, {m['date']}"
    if found is None:
        return None, line
    return _day(found, month, day), line


# --------------------------------------------------------------------------- paths


@functools.cache
def _path_day() -> re.Pattern[str]:
    return re.compile(
        r"(?<![\d])((?:19|20)\d\d)([/_.-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?![\d])"
    )


@functools.cache
def _path_month() -> re.Pattern[str]:
    return re.compile(r"(?<![\d])((?:19|20)\d\d)/(0[1-9]|1[0-2])(?=/)")


def path_date(path: str) -> str | None:
    """The date a path gives: `2019/04/30/`, `2019-04-30-title.md`, `20190430.txt`; a
    `2019/04/` folder gives the month. The last one in the path wins (nearest the file)."""
    path = path.replace("\\", "/")
    days = list(_path_day().finditer(path))
    if days:
        m = days[-1]
        return _day(int(m[1]), int(m[3]), int(m[4]))
    months = list(_path_month().finditer(path))
    if months:
        m = months[-1]
        return f"{m[1]}-{m[2]}"
    return None


# --------------------------------------------------------------------------- text


@functools.cache
def _text_day() -> re.Pattern[str]:
    return re.compile(
        r"\b(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>" + "|".join(_MONTHS) + r")\.?,?\s+"
        r"|(?P<m2>" + "|".join(_MONTHS) + r")\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,\s+)"
        r"(?P<y>1[89]\d\d|20\d\d)\b"
        r"|\b(?P<iy>1[89]\d\d|20\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b",
        re.I,
    )


@functools.cache
def _text_year() -> re.Pattern[str]:
    # Not "since 1979": a year counted from is never the story's own.
    return re.compile(r"(?<![\d.,$£€-])(?<![Ss]ince\s)(1[89]\d\d|20\d\d)(?![\d%]|[.,]\d|-\d)")


def text_date(text: str) -> str | None:
    """A date for a document that states none: the latest full date its text writes
    ("5 June 2004", "June 5, 2004"), else the year it names most often (the later on a tie).
    """
    days = []
    for m in _text_day().finditer(text):
        if m["iy"]:
            iso = _day(int(m["iy"]), int(m["im"]), int(m["id"]))
        else:
            month = _MONTHS[(m["m1"] or m["m2"]).lower()]
            iso = _day(int(m["y"]), month, int(m["d1"] or m["d2"]))
        if iso:
            days.append(iso)
    if days:
        return max(days)
    years = Counter(int(y) for y in _text_year().findall(text))
    if not years:
        return None
    year = max(years, key=lambda y: (years[y], y))
    return _year(year)
