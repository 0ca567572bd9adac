"""The timeline's counts and bars: dates bucketed by day, ISO week, month, quarter or year,
every period between the first and the last shown (an empty one is a gap worth seeing).

`count_periods` is plain Python over date strings (what the lists' `date` facet gives), so a
20,000-document list is counted in a few milliseconds and drawn as a `BarList`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rich.text import Text

from explorer.search.query import period
from explorer.tui.widgets.rows import Column, RowList

#: Finest first; `+` moves left (zoom in), `-` right (zoom out).
GRAINS = ("day", "week", "month", "quarter", "year")
#: The grain picked first is the finest whose periods over the span fit in this many bars.
FIT_BARS = 40


@dataclass(frozen=True, slots=True)
class BarRow:
    """One period of the timeline: its ISO name (a `date:` filter's value) and its count."""

    value: str  # 1987-03-02, 1987-W10, 1987-03, 1987-Q1, 1987
    count: int
    share: float  # of the largest count, for the bar


@dataclass(frozen=True, slots=True)
class Timeline:
    """Counts by period at one grain, and what could not be placed at that grain."""

    grain: str
    bars: list[BarRow]
    dated: int  # values counted in a bar
    coarser: int  # dated less precisely than the grain (a bare year at month grain)
    undated: int


def bucket(day: date, grain: str) -> str:
    """The name of the period of `grain` holding `day`."""
    if grain == "day":
        return day.isoformat()
    if grain == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if grain == "month":
        return f"{day.year}-{day.month:02d}"
    if grain == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return str(day.year)


def _next(day: date, grain: str) -> date:
    """The first day of the period after the one holding `day`."""
    if grain == "day":
        return day + timedelta(days=1)
    if grain == "week":
        return day - timedelta(days=day.weekday()) + timedelta(days=7)
    if grain == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    if grain == "quarter":
        first = (day.month - 1) // 3 * 3 + 1
        return date(day.year + (first + 3 > 12), (first + 2) % 12 + 1, 1)
    return date(day.year + 1, 1, 1)


def periods_between(first: date, last: date, grain: str) -> list[str]:
    """Every period name of `grain` from the one holding `first` to the one holding `last`."""
    out = []
    day = first
    while day <= last:
        out.append(bucket(day, grain))
        if day.year >= 9999 and grain != "day":
            break
        day = _next(day, grain)
    return out


def fitting_grain(first: date, last: date, bars: int = FIT_BARS) -> str:
    """The finest grain whose periods from `first` to `last` fit in `bars`."""
    span = (last - first).days + 1
    sizes = {"day": 1, "week": 7, "month": 30.4, "quarter": 91.3, "year": 365.25}
    for grain in GRAINS:
        if span / sizes[grain] <= bars:
            return grain
    return "year"


def count_periods(values: Iterable[str | None], grain: str | None = None) -> Timeline:
    """Count ISO date strings by period of `grain` (None: the grain that fits the span)."""
    spans: Counter[tuple[int, int]] = Counter()
    undated = 0
    for value, n in Counter(values).items():  # a list holds far fewer dates than rows
        found = _period_of(value)
        if found is None:
            undated += n
        else:
            spans[found] += n
    if not spans:
        return Timeline(grain or "month", [], 0, 0, undated)
    first = date.fromordinal(min(lo for lo, _hi in spans))
    last = date.fromordinal(max(hi for _lo, hi in spans))
    grain = grain or fitting_grain(first, last)
    counts: Counter[str] = Counter()
    coarser = 0
    for (lo, hi), n in spans.items():
        start = bucket(date.fromordinal(lo), grain)
        if hi != lo and start != bucket(date.fromordinal(hi), grain):
            coarser += n  # a month at day grain: it has no one bar
            continue
        counts[start] += n
    if not counts:
        return Timeline(grain, [], 0, coarser, undated)
    names = periods_between(first, last, grain)
    top = max(counts.values())
    bars = [BarRow(name, counts.get(name, 0), counts.get(name, 0) / top) for name in names]
    bars = _trimmed(bars)
    return Timeline(grain, bars, sum(counts.values()), coarser, undated)


def _trimmed(bars: list[BarRow]) -> list[BarRow]:
    """Without the empty periods at either end (those of records too coarse to place)."""
    lo = next((i for i, b in enumerate(bars) if b.count), 0)
    hi = next((i for i in range(len(bars) - 1, -1, -1) if bars[i].count), len(bars) - 1)
    return bars[lo : hi + 1]


_PERIODS: dict[str, tuple[int, int] | None] = {}


def _period_of(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    found = _PERIODS.get(value, ())
    if found == ():
        if len(_PERIODS) > 100_000:
            _PERIODS.clear()
        found = _PERIODS[value] = period(value)
    return found  # type: ignore[return-value]


def within(value: str | None, name: str) -> bool:
    """Whether the date `value` lies inside the period `name` (a bar's)."""
    inner, outer = _period_of(value), _period_of(name)
    return inner is not None and outer is not None and outer[0] <= inner[0] <= inner[1] <= outer[1]


class BarList(RowList):
    """The timeline's bars, oldest first: one period a line, its count and a bar."""

    BINDING_GROUP_TITLE = "Timeline"
    KIND = "timeline"
    COLUMNS = (
        Column("Period", 10),
        Column("Count", 7, align="right"),
        Column("", 10, flex=1),
    )
    EMPTY = "No dates to chart."

    def render_row(self, row: BarRow, widths: list[int]) -> list[Text | str]:
        width = widths[2]
        cells = row.share * width
        full = int(cells)
        bar = "█" * full
        if row.count and not bar:
            bar = "▏"  # a period with a few: never drawn as none
        elif cells - full >= 0.5 and full < width:
            bar += "▌"
        count = f"{row.count:,}" if row.count else ""
        return [row.value, Text(count, style=self.style("dim")), Text(bar, style="")]

    def export_records(self) -> list[dict[str, Any]]:
        return [{"period": r.value, "count": r.count} for r in self.rows if isinstance(r, BarRow)]
