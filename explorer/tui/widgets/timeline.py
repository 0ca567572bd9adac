"""The timeline's counts and bars: dates bucketed by day, ISO week, month, quarter or year,
every period between the first and the last shown (an empty one is a gap worth seeing), but
a long run of empty periods is one row ("1921  ⋮ none to 1989"), so that one stray date decades away
does not push the dense years off the screen.

`count_periods` is plain Python over date strings (what the lists' `date` facet gives), so a
20,000-document list is counted in a few milliseconds and drawn as a `BarList`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.text import Text

from explorer.tui.widgets.rows import Column, RowList

#: Finest first; `+` moves left (zoom in), `-` right (zoom out).
GRAINS = ("day", "week", "month", "quarter", "year")
#: The grain picked first is the finest whose periods over the span fit in this many bars.
FIT_BARS = 40
#: The span the first grain is fitted to leaves out this share of the dated values at each end
#: (a 1920 anniversary in a corpus of 2004 news), and that grain must place at least
#: PLACED_SHARE of them (bare years are not charted by month when they are most of them).
OUTLIER_SHARE = 0.05
PLACED_SHARE = 0.9
#: This many empty periods in a row or more are drawn as one gap row.
GAP_RUN = 3


@dataclass(frozen=True, slots=True)
class BarRow:
    """One period of the timeline: its ISO name (a `date:` filter's value) and its count."""

    value: str  # 1987-03-02, 1987-W10, 1987-03, 1987-Q1, 1987 (a gap: its first period)
    count: int
    share: float  # of the largest count, for the bar
    #: a run of empty periods drawn as one row: how many, and the last of them
    gap: int = 0
    until: str = ""


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


def period_index(day: date, grain: str) -> int:
    """The number of the period of `grain` holding `day`, counted from year 1: consecutive
    periods have consecutive numbers."""
    if grain == "day":
        return day.toordinal()
    if grain == "week":
        return (day.toordinal() - 1) // 7  # day 1 (0001-01-01) was a Monday
    if grain == "month":
        return day.year * 12 + day.month - 1
    if grain == "quarter":
        return day.year * 4 + (day.month - 1) // 3
    return day.year


def period_start(index: int, grain: str) -> date:
    """The first day of the period numbered `index` (period_index's inverse)."""
    if grain == "day":
        return date.fromordinal(index)
    if grain == "week":
        return date.fromordinal(index * 7 + 1)
    if grain == "month":
        return date(index // 12, index % 12 + 1, 1)
    if grain == "quarter":
        return date(index // 4, index % 4 * 3 + 1, 1)
    return date(index, 1, 1)


def fitting_grain(first: date, last: date, bars: int = FIT_BARS) -> str:
    """The finest grain whose periods from `first` to `last` fit in `bars`."""
    span = (last - first).days + 1
    sizes = {"day": 1, "week": 7, "month": 30.4, "quarter": 91.3, "year": 365.25}
    for grain in GRAINS:
        if span / sizes[grain] <= bars:
            return grain
    return "year"


def count_periods(values: Iterable[str | None], grain: str | None = None) -> Timeline:
    """Count ISO date strings by period of `grain` (None: the finest grain that fits the
    dense part of the span and places most of the dates). The cost follows the number of
    distinct dates, not the span: empty runs are folded, never walked."""
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
    grain = grain or _auto_grain(spans)
    counts, coarser = _tally(spans, grain)
    if not counts:
        return Timeline(grain, [], 0, coarser, undated)
    top = max(counts.values())
    bars: list[BarRow] = []
    previous: int | None = None
    for index in sorted(counts):
        if previous is not None and index - previous > 1:
            empty = index - previous - 1
            if empty >= GAP_RUN:
                first, last = (
                    bucket(period_start(i, grain), grain) for i in (previous + 1, index - 1)
                )
                bars.append(BarRow(first, 0, 0.0, gap=empty, until=last))
            else:
                bars.extend(
                    BarRow(bucket(period_start(i, grain), grain), 0, 0.0)
                    for i in range(previous + 1, index)
                )
        n = counts[index]
        bars.append(BarRow(bucket(period_start(index, grain), grain), n, n / top))
        previous = index
    return Timeline(grain, bars, sum(counts.values()), coarser, undated)


def _tally(spans: Counter[tuple[int, int]], grain: str) -> tuple[Counter[int], int]:
    """Counts by period number at `grain`, and how many values are too coarse to place."""
    counts: Counter[int] = Counter()
    coarser = 0
    for (lo, hi), n in spans.items():
        start = period_index(date.fromordinal(lo), grain)
        if hi != lo and start != period_index(date.fromordinal(hi), grain):
            coarser += n  # a month at day grain: it has no one bar
            continue
        counts[start] += n
    return counts, coarser


def _auto_grain(spans: Counter[tuple[int, int]]) -> str:
    """The finest grain that fits the span of the dates without the outlying few at each
    end, and that places at least PLACED_SHARE of them (else the one placing the most)."""
    ordered = sorted(spans.items())
    total = sum(spans.values())
    cut = total * OUTLIER_SHARE
    seen, lo, hi = 0, ordered[0][0][0], ordered[-1][0][1]
    for (start, _end), n in ordered:
        seen += n
        if seen > cut:
            lo = start
            break
    seen = 0
    for (_start, end), n in reversed(ordered):
        seen += n
        if seen > cut:
            hi = end
            break
    fit = fitting_grain(date.fromordinal(lo), date.fromordinal(max(lo, hi)))
    best, best_placed = fit, -1
    for grain in GRAINS[GRAINS.index(fit) :]:
        placed = total - _tally(spans, grain)[1]
        if placed >= total * PLACED_SHARE:
            return grain
        if placed > best_placed:
            best, best_placed = grain, placed
    return best


_PERIODS: dict[str, tuple[int, int] | None] = {}


def _period_of(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    found = _PERIODS.get(value, ())
    if found == ():
        if len(_PERIODS) > 100_000:
            _PERIODS.clear()
        from explorer.search.query import period  # not at import: see casefile's imports

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
        if row.gap:
            note = f"⋮ none to {row.until} ({row.gap:,} empty)"
            return [row.value, Text(""), Text(note, style=self.style("dim"))]
        count = f"{row.count:,}" if row.count else ""
        return [row.value, Text(count, style=self.style("dim")), Text(bar, style="")]

    def export_records(self) -> list[dict[str, Any]]:
        return [
            {"period": r.value, "count": r.count}
            for r in self.rows
            if isinstance(r, BarRow) and not r.gap
        ]
