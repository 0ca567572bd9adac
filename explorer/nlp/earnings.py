"""Earnings tables of wire copy: "Shr 1.12 dlrs vs 87 cts", "Net loss 1.2 mln vs profit 800,000".

A wire story about a company's results often ends with a table, one row a line:

    Acme Corp <ACM> reported these results for the quarter ended June 30.
        Shr 1.12 dlrs vs 87 cts
        Net 14.6 mln vs 11.2 mln
        Revs 210.4 mln vs 188.9 mln
        Nine mths
        Shr 3.20 dlrs vs 2.50 dlrs
        ...

Each row "<metric> [loss|profit] <value> vs [loss|profit] <value>" is two `amount` facts, as
"net profit rose to 310 mln dlrs from 290 mln" is in prose: the company the table reports (the
organisation of the sentence that introduces it, "X reported these results", else the one of
the headline or the lead, never that of a "Separately, Y said ..." before it), the metric in the
prose's words ("net profit", "net loss", "revenue", "sales", ...; "Shr" is "earnings per share",
"Avg shrs" a number of shares, not money), the value in the row's currency, else the table's
(the Shr row's "dlrs"), else the story's, and the period of the table's header ("Qtr ended June
30", "4th qtr", "Nine mths", "Year") or of the introducing sentence; the figure after "vs" is
`earlier`. A note on the table's scale ("( in millions of yen )", "(000s omitted)") multiplies
its bare figures, not those a share; British pence ("14.2p") are sterling. Only rows whose
first word names such a metric count: a price table ("Curr Wk YTD Yr Ago") or a results table
gives nothing.

Only lines with a "vs" in them are read, each once, so the cost is linear in the text. A row
starts a line, follows another row or a period header, or opens a sentence: the same rows run
together on one line still read as rows.
"""

from __future__ import annotations

import bisect
import re

from explorer.nlp import regexes

from ..model import Fact
from .values import find_values, parse_number

# typing is for the type checker: importing it at run time costs each start ~16 M instructions
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .facts.text import _Text

__all__ = ["find_earnings"]

# Row labels as wire tables write them, and what they measure: (pattern, kind).
_LABELS = (
    (
        r"(?:shr|per[ \t]+shr|primary[ \t]+shr|shr[ \t]+primary|earnings[ \t]+per[ \t]+(?:shr|share)|eps)",
        "eps",
    ),
    (r"(?:shr[ \t]+(?:fully[ \t]+)?diluted|(?:fully[ \t]+)?diluted[ \t]+shr)", "diluted eps"),
    (r"oper(?:ating)?[ \t]+shr", "oper eps"),
    (r"net(?:[ \t]+(?:income|earnings))?", "net"),
    (r"oper(?:ating)?[ \t]+net(?:[ \t]+(?:income|earnings))?", "oper net"),
    (r"pre-?tax(?:[ \t]+(?:net|income|earnings))?", "pretax"),
    (r"oper(?:ating)?(?:[ \t]+(?:income|earnings))?", "oper"),
    (r"(?:profit|earnings|loss)", "profit"),
    (r"(?:(?:total|oper(?:ating)?|net)[ \t]+)?(?:revs|revenues?)|turnover", "revenue"),
    (r"(?:(?:total|net)[ \t]+)?sales", "sales"),
    (r"backlog", "backlog"),
    (
        r"(?:(?:qtly|quarterly|semi-?annual|annual|mthly|monthly|final|interim)[ \t]+)?"
        r"div(?:idend)?s?",
        "dividend",
    ),
    (r"(?:total[ \t]+)?assets", "assets"),
    (r"(?:total[ \t]+)?deposits", "deposits"),
    (r"(?:total[ \t]+)?loans", "loans"),
    (r"(?:avg|average)[ \t]+(?:shrs|shares)", "shares"),
)
# kind -> (metric of a profit, metric of a loss); one name where a loss means nothing.
_METRICS: dict[str, tuple[str, str]] = {
    "eps": ("earnings per share", "loss per share"),
    "diluted eps": ("diluted earnings per share", "diluted loss per share"),
    "oper eps": ("operating earnings per share", "operating loss per share"),
    "net": ("net profit", "net loss"),
    "oper net": ("operating net profit", "operating net loss"),
    "pretax": ("pre-tax profit", "pre-tax loss"),
    "oper": ("operating profit", "operating loss"),
    "profit": ("profit", "loss"),
    "revenue": ("revenue", "revenue"),
    "sales": ("sales", "sales"),
    "backlog": ("backlog", "backlog"),
    "dividend": ("dividend", "dividend"),
    "assets": ("assets", "assets"),
    "deposits": ("deposits", "deposits"),
    "loans": ("loans", "loans"),
    "shares": ("average shares", "average shares"),
}
_PER_SHARE = frozenset({"eps", "diluted eps", "oper eps", "dividend"})
_SIGN = r"(?:loss|profit)"
# A row's head: its label, a sign, then a figure (a number, a currency sign, "nil").
_ROW = regexes.compile(
    r"(?<![\w-])(?:"
    + "|".join(f"(?P<k{i}>{p})" for i, (p, _) in enumerate(_LABELS))
    + rf")(?:[ \t]+(?P<sign>{_SIGN}))?[ \t]+(?=[$£¥€]|[A-Z]{{1,3}}\$|\d|\.\d|nil\b)",
    re.I,
)
_VS = regexes.compile(rf"[ \t]+vs\.?[ \t]+(?:(?P<sign>{_SIGN})[ \t]+)?", re.I)
_NIL = regexes.compile(r"nil\b", re.I)
_PENCE = regexes.compile(r"[ \t]?(?:p|pence)\b")
_FIGURES = frozenset({"MONEY", "CARDINAL", "QUANTITY", "PERCENT"})
_NUMBER = regexes.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
# A period header, a line (or a row's prefix) of its own: "Qtr ended June 30", "4th qtr",
# "Nine mths", "Year", "Six mths to Dec 31, 1986", "First half".
_ORDINAL = r"1st|2nd|3rd|4th|first|second|third|fourth"
_PERIOD_WORDS = (
    rf"(?:(?P<q>{_ORDINAL})[ \t]+(?:qtr|quarter)|(?:qtr|quarter)"
    r"|(?P<h>1st|2nd|first|second)[ \t]+half|half[ \t]+year|(?:fiscal[ \t]+|full[ \t]+)?(?:year|yr)"
    r"|(?P<n>three|six|nine|twelve|3|6|9|12)[ \t]+(?:mths?|months?))"
)
_ENDED = (
    r"[ \t]+(?:ended|ending|to|thru|through)[ \t]+(?P<mon>[A-Za-z]{3,9})\.?[ \t]+\d{1,2}"
    r"(?:[ \t]*,?[ \t]*(?P<y1>(?:19|20)\d\d))?"
)
_HEADER = regexes.compile(
    rf"{_PERIOD_WORDS}(?:{_ENDED})?(?:[ \t]+(?P<y2>(?:19|20)\d\d))?[ \t]*[.:,]?", re.I
)
# In the sentence that introduces a table: "for the quarter ended June 30".
_ENDED_IN = regexes.compile(rf"\b{_PERIOD_WORDS}{_ENDED}", re.I)
# A period named in the sentence that introduces the table (or the headline).
_PERIOD_IN = regexes.compile(
    rf"\b(?:(?P<q>{_ORDINAL})[- ](?:qtr|quarter)|(?P<h>1st|2nd|first|second)[- ]half"
    r"|(?P<n>three|six|nine|twelve)[- ](?:mths?|months?)|full[- ]year|fiscal[ \t]+year)\b",
    re.I,
)
#: An ordinal's quarter ("4th qtr", "first quarter"); the prose amounts of facts/amounts.py read it too.
QUARTERS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
_QUARTER_ENDS = {"mar": 1, "march": 1, "jun": 2, "june": 2, "sep": 3, "sept": 3, "september": 3,
                 "dec": 4, "december": 4}  # fmt: skip
_WORDS = {"qtr": "quarter", "mths": "months", "mth": "month", "yr": "year"}
# The end of a sentence in a row's prefix on its line: ". Shr 1.12 dlrs vs ..."
_SENTENCE_END = regexes.compile(r".*[.!?:;][\"')\]]*[ \t]+", re.S)
# A note on the scale of a table's figures: "(000s omitted)", "( in billions of yen unless
# specified )", "( million markka unless stated )", "( All Data Above 000s Except Per Share )".
_SCALE_NOTE = regexes.compile(
    r"\([ \t]*(?:(?:in|all[ \t]+data[ \t]+above|figures[ \t]+in|amounts[ \t]+in)[ \t]+)?"
    r"(?P<scale>thousands|millions|billions|thousand|million|billion|mln|bln|000'?s|000)\b"
    r"(?:[ \t]+of)?(?P<rest>[^()\n]{0,60})\)",
    re.I,
)
_SCALES = {"thou": 1e3, "000": 1e3, "mill": 1e6, "mln": 1e6, "bill": 1e9, "bln": 1e9}
_SCALED = regexes.compile(
    r"(?:\b|(?<=\d))(?:mln|bln|million|billion|thousand|trillion|mn|bn|m|b|k)\b", re.I
)
# A sentence that introduces a table of results names the company that reports them; one
# that opens "Separately," (or only speaks of a sale, a plant, a deal) is about another company.
_INTRODUCES = regexes.compile(
    r"\b(?:results?|figures|earnings|reports?|reported|posted|these|following|follows|net|"
    r"profits?|loss(?:es)?)\b",
    re.I,
)
_SEPARATELY = regexes.compile(
    r"[ \t\n]*(?:separately|elsewhere|meanwhile|in[ \t]+(?:a[ \t]+)?separate|in[ \t]+another"
    r"|in[ \t]+other[ \t]+news)\b",
    re.I,
)
#: The story's company is one named in its first sentences: the headline, the lead.
_LEAD_SENTENCES = 3
#: A line this long (or longer) that is no period header is prose: the table stops there.
_TABLE_LINE = 60
#: How far the lines around a table are read for its header, note and introducing sentence.
_REACH = 600
#: How far before a row its label may look for a header or prose on the same line.
_PREFIX_REACH = 200


def find_earnings(doc: _Text) -> list[Fact]:
    """The `amount` facts of every earnings table row of the text."""
    text = doc.text
    if " vs" not in text and "\tvs" not in text:
        return []
    rows = _rows(doc)
    if not rows:
        return []
    from .facts.amounts import _earlier  # facts imports this module

    facts: list[Fact] = []
    doc_currency = next(
        (
            m.norm["currency"]
            for m in doc.mentions
            if m.label == "MONEY" and isinstance(m.norm, dict) and m.norm.get("currency")
        ),
        None,
    )
    story_org = _story_org(doc)
    for table in _tables(text, rows):
        company, period, year = _context(doc, table, story_org)
        scale, note_currency = _scale(doc, table)
        currency = note_currency or next(
            (n["currency"] for row in table for n in (row.now[1], row.then[1]) if "currency" in n),
            doc_currency,
        )
        for row in table:
            quals = _with_year(period if row.period is None else row.period, year)
            for (end, norm, shown), sign, earlier in (
                (row.now, row.sign_now, False),
                (row.then, row.sign_then, True),
            ):
                norm = dict(norm)
                if scale and row.kind not in _PER_SHARE and not _SCALED.search(shown):
                    norm["value"] = _number(norm["value"] * scale)
                if row.kind == "shares":
                    norm.pop("currency", None)
                    norm["unit"] = "shares"
                elif "currency" not in norm and "unit" not in norm and currency:
                    norm["currency"] = currency
                metric = _METRICS[row.kind][sign == "loss"]
                when = _earlier(quals, {}) if earlier else quals
                facts.append(
                    Fact(
                        "amount",
                        company or metric,
                        shown,
                        doc.sentence_of(row.start),
                        row.start,
                        end,
                        {"metric": metric, **when, **norm},
                    )
                )
    return facts


class _Row:
    __slots__ = (
        "end",
        "header_at",
        "kind",
        "now",
        "period",
        "sign_now",
        "sign_then",
        "start",
        "then",
    )

    def __init__(self, start: int, kind: str, now: tuple, then: tuple, signs: tuple) -> None:
        self.start = start
        self.kind = kind
        self.now = now
        self.then = then
        self.end = then[0]
        self.sign_now, self.sign_then = signs
        self.period: dict[str, Any] | None = None  # a header of its own table block
        self.header_at = start  # where the text before the row (a header, prose) ends


def _rows(doc: _Text) -> list[_Row]:
    """Every row of the lines that have "vs" in them, in text order."""
    text = doc.text
    rows: list[_Row] = []
    pos = 0
    n = len(text)
    while True:
        vs = text.find("vs", pos)
        if vs < 0:
            break
        line_start = text.rfind("\n", 0, vs) + 1
        line_end = text.find("\n", vs)
        if line_end < 0:
            line_end = n
        _read_line(doc, max(line_start, pos), line_end, line_start, rows)
        pos = line_end + 1
    return rows


def _read_line(doc: _Text, start: int, end: int, line_start: int, rows: list[_Row]) -> None:
    text = doc.text
    pos = start
    last_end = line_start
    while True:
        m = _ROW.search(text, pos, end)
        if m is None:
            return
        pos = m.end()
        label_start = m.start()
        if not text[label_start].isupper():
            continue
        prefix_start = max(last_end, label_start - _PREFIX_REACH)
        period = _row_prefix(text, prefix_start, label_start)
        if period is False:
            continue
        now = _value(doc, m.end())
        if now is None:
            continue
        vs = _VS.match(text, now[0])
        if vs is None:
            continue
        then = _value(doc, vs.end())
        if then is None:
            continue
        kind = _LABELS[int(next(k for k, v in m.groupdict().items() if v and k[0] == "k")[1:])][1]
        sign = (m.group("sign") or ("loss" if m.group()[:4].lower() == "loss" else "")).lower()
        row = _Row(label_start, kind, now, then, (sign, (vs.group("sign") or sign).lower()))
        if isinstance(period, tuple):
            row.period, row.header_at = period
        rows.append(row)
        last_end = pos = row.end


def _row_prefix(text: str, start: int, label: int) -> Any:
    """What stands before a row's label on its line: nothing or prose that ended a sentence
    (None), a period header ((its period, where it starts)), or anything else (False)."""
    if start == label or text[start:label].isspace():
        return None
    end = _SENTENCE_END.match(text, start, label)
    head = end.end() if end is not None else start
    while head < label and text[head] in " \t":
        head += 1
    if head == label:
        return None
    header = _HEADER.fullmatch(text, head, label - 1) if text[label - 1] in " \t" else None
    if header is None or text[head].islower():
        return False
    return _header_period(header), head


def _value(doc: _Text, pos: int) -> tuple[int, dict[str, Any], str] | None:
    """The figure at `pos`: (where it ends, its norm, its text). British tables give pence
    a share as "14.2p", which the value pass leaves a bare number."""
    text = doc.text
    m = doc.by_start.get(pos)
    value: tuple[int, dict[str, Any], str] | None = None
    if (
        m is not None
        and m.label in _FIGURES
        and isinstance(m.norm, dict)
        and isinstance(m.norm.get("value"), (int, float))
    ):
        norm = {k: v for k, v in m.norm.items() if k in ("value", "currency", "unit")}
        value = m.end, norm, m.text
    elif (nil := _NIL.match(text, pos)) is not None:
        return nil.end(), {"value": 0}, nil.group()
    elif (num := _NUMBER.match(text, pos)) is not None and (m is None or m.end <= num.end()):
        number = parse_number(num.group())
        value = (num.end(), {"value": number}, num.group()) if number is not None else None
    if value is None:
        return None
    pence = _PENCE.match(text, value[0])
    if pence is not None and len(value[1]) == 1:
        norm = {"value": _number(value[1]["value"] / 100), "currency": "GBP"}
        return pence.end(), norm, text[pos : pence.end()]
    return value


def _number(value: float) -> float | int:
    """A figure as the value pass gives it: an int when whole."""
    value = round(value, 6)
    return int(value) if value.is_integer() else value


def _tables(text: str, rows: list[_Row]) -> list[list[_Row]]:
    """Rows grouped into tables: rows with only short lines (headers, notes) between them.
    A header line between two rows starts a block of the table with its own period."""
    tables: list[list[_Row]] = []
    period: dict[str, Any] | None = None
    for row in rows:
        if tables:
            prev = tables[-1][-1]
            gap = _gap_lines(text, prev.end, row.start)
            if gap is not None:
                for line_start, line_end in gap:
                    header = _HEADER.fullmatch(text, line_start, line_end)
                    if header is not None and not text[line_start].islower():
                        period = _header_period(header)
                if row.period is None and period is not None:
                    row.period = period
                period = row.period
                tables[-1].append(row)
                continue
        tables.append([row])
        period = row.period
    return tables


def _gap_lines(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The content lines between two rows, or None if prose stands between them."""
    if end - start > 400:
        return None
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        s, e = pos, line_end
        while s < e and text[s] in " \t":
            s += 1
        while e > s and text[e - 1] in " \t":
            e -= 1
        if s < e:
            if e - s >= _TABLE_LINE and not text.startswith("NOTE", s):
                return None
            out.append((s, e))
        pos = line_end + 1
    return out


def _context(
    doc: _Text, table: list[_Row], story_org: str | None
) -> tuple[str | None, dict[str, Any], str | None]:
    """The company a table reports, its period and year, from the lines before its first row:
    a header, then the sentence that introduces the table ("X reported these results"), else
    the company of the story's headline or lead (not that of a "Separately, Y said ..."
    paragraph before the table), else none; the period of the header, the introducing
    sentence, the headline or the lead. Each look stays within `_REACH` characters."""
    text = doc.text
    first = table[0]
    period: dict[str, Any] | None = None
    pos = first.header_at
    floor = max(0, pos - _REACH)
    intro = intro_end = None
    for _ in range(6):  # headers, notes, column heads, then the sentence before
        line_start = text.rfind("\n", floor, pos) + 1 or floor
        s = line_start
        while s < pos and text[s] in " \t":
            s += 1
        line = text[s:pos].rstrip()
        if line:
            header = _HEADER.fullmatch(text, s, s + len(line))
            if header is not None and not text[s].islower():
                period = period or _header_period(header)
            elif len(line) >= _TABLE_LINE or line[-1] in ".:" or line_start == floor:
                intro_end = s + len(line)
                intro = doc.sentence_of(intro_end - 1)
                break
        if line_start <= floor:
            break
        pos = line_start - 1
    company = year = None
    if intro is not None and intro_end is not None:
        s_start = max(doc.sentence_span(intro)[0], intro_end - _REACH)
        near = _mentions_in(doc, s_start, intro_end)
        if _SEPARATELY.match(text, s_start):
            intro = None  # about another company: neither its company nor its period
        elif _INTRODUCES.search(text, s_start, intro_end):
            company = next((m.entity for m in near if m.label == "ORG"), None)
        year = next(
            (
                m.norm[:4]
                for m in near
                if m.label == "DATE" and isinstance(m.norm, str) and m.norm[:4].isdigit()
            ),
            None,
        )
    if period is None:
        period = {}
        for index in (intro, *range(min(_LEAD_SENTENCES, len(doc.sentences)))):
            if index is None:
                continue
            s_start, s_end = doc.sentence_span(index)
            if s_start >= first.start:
                break
            end = min(s_end, first.start, s_start + _REACH)
            start = max(s_start, end - _REACH)
            found = _PERIOD_IN.search(text, start, end) or _ENDED_IN.search(text, start, end)
            if found is not None:
                period = _header_period(found)
                break
    return company or story_org, period, year


def _story_org(doc: _Text) -> str | None:
    """The company the story is about: the first one its headline or lead names."""
    if not doc.sentences:
        return None
    end = doc.sentence_span(min(_LEAD_SENTENCES, len(doc.sentences)) - 1)[1]
    return next((m.entity for m in _mentions_in(doc, 0, end) if m.label == "ORG"), None)


def _mentions_in(doc: _Text, start: int, end: int) -> list[Any]:
    """The mentions that start in [start, end)."""
    i = bisect.bisect_left(doc.mention_starts, start)
    j = bisect.bisect_left(doc.mention_starts, end)
    return doc.mentions[i:j]


def _scale(doc: _Text, table: list[_Row]) -> tuple[float | None, str | None]:
    """The scale of the table's bare figures and their currency, from a note in the few lines
    around it ("( million markka unless stated )"), or (None, None)."""
    text = doc.text
    start = table[0].header_at
    floor = max(0, start - _REACH)
    for _ in range(6):
        start = text.rfind("\n", floor, max(start - 1, floor)) + 1 or floor
        if start <= floor:
            break
    end = table[-1].end
    ceiling = min(len(text), end + _REACH)
    for _ in range(3):
        nl = text.find("\n", end + 1, ceiling)
        end = ceiling if nl < 0 else nl
    note = _SCALE_NOTE.search(text, start, end)
    if note is None:
        return None, None
    word = note.group("scale").lower()
    scale = next(v for k, v in _SCALES.items() if word.startswith(k))
    probe = "1 mln " + note.group("rest").strip()
    currency = next(
        (
            m.norm.get("currency")
            for m in find_values(probe, [(0, len(probe))])
            if m.label == "MONEY"
        ),
        None,
    )
    return scale, currency if isinstance(currency, str) else None


def _with_year(period: dict[str, Any], year: str | None) -> dict[str, Any]:
    """`period` with the story's year in its norm where the header gave none."""
    norm = period.get("period_norm")
    if year is None or (isinstance(norm, str) and norm[:4].isdigit()):
        return period
    if norm is None:  # "Nine mths", "Year" of that year; a bare "Qtr" says too little
        name = period.get("period", "")
        if not name or "quarter" in name or "half" in name:
            return period
        return {**period, "period_norm": year}
    return {**period, "period_norm": f"{year}-{norm}"}


def _header_period(m: Any) -> dict[str, Any]:
    """The period a header states, as `period`/`period_norm` (as prose amounts have them)."""
    words = m.group().strip(" \t.:,").lower().replace("-", " ").split()
    out: dict[str, Any] = {"period": " ".join(_WORDS.get(w, w) for w in words)}
    groups = m.groupdict()
    year = groups.get("y1") or groups.get("y2")
    q = groups.get("q")
    month = (groups.get("mon") or "").lower()
    if q:
        norm: str | None = f"Q{QUARTERS[q.lower()]}"
    elif groups.get("h"):
        norm = "H1" if groups["h"].lower() in ("1st", "first") else "H2"
    elif "quarter" in out["period"] and month in _QUARTER_ENDS:
        norm = f"Q{_QUARTER_ENDS[month]}"
    else:
        norm = None
    if norm:
        out["period_norm"] = f"{year}-{norm}" if year else norm
    elif year:
        out["period_norm"] = year
    return out
