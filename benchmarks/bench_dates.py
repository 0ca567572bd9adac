"""Issue 10's choice of date library: python-dateutil against dateparser on the written forms
of tests/ingest/date_forms.py (right answers, and microseconds per date), then
`explorer.ingest.dates.parse_date` as shipped (dateutil behind our own fast patterns).

Each library is asked the same thing: the ISO date at the precision the text gives (a day, a
month or a year; None without a year), US order for 02/03/87.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable
from datetime import datetime

from benchmarks.common import REPO, figure, heading

sys.path.insert(0, str(REPO / "tests" / "ingest"))
from date_forms import FORMS

REPEATS = 5


def _dateutil() -> Callable[[str], str | None]:
    from dateutil.parser import parse

    defaults = (datetime(1, 1, 1), datetime(4, 2, 2))

    def run(text: str) -> str | None:
        try:
            one, two = (parse(text, default=d, ignoretz=True) for d in defaults)
        except (ValueError, OverflowError, TypeError):
            return None
        if one.year != two.year:
            return None
        if one.month != two.month:
            return f"{one.year:04d}"
        if one.day != two.day:
            return f"{one.year:04d}-{one.month:02d}"
        return one.date().isoformat()

    return run


def _dateparser() -> Callable[[str], str | None]:
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"],
        settings={"DATE_ORDER": "MDY", "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["year"]},
    )

    def run(text: str) -> str | None:
        try:
            data = parser.get_date_data(text)
        except (ValueError, OverflowError, TypeError):
            return None
        if data.date_obj is None:
            return None
        value = data.date_obj
        if data.period == "year":
            return f"{value.year:04d}"
        if data.period == "month":
            return f"{value.year:04d}-{value.month:02d}"
        return value.date().isoformat()

    return run


def _measure(name: str, make: Callable[[], Callable[[str], str | None]]) -> None:
    started = time.perf_counter()
    try:
        parse = make()
        parse("Feb 26, 1987")
    except ImportError:
        figure(name, "not installed")
        return
    loaded = time.perf_counter() - started
    right = sum(parse(text) == iso for text, iso in FORMS)
    wrong = [text for text, iso in FORMS if parse(text) != iso]
    best = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        for text, _iso in FORMS:
            parse(text)
        best = min(best, time.perf_counter() - started)
    figure(f"{name}: right", f"{right}/{len(FORMS)}")
    figure(f"{name}: per date", f"{best / len(FORMS) * 1e6:,.0f} us")
    figure(f"{name}: import and first date", f"{loaded * 1000:,.0f} ms")
    if wrong:
        print(f"    wrong or missed: {', '.join(repr(w) for w in wrong[:12])}")


def main() -> None:
    heading("dates: written forms to ISO (issue 10)")
    from explorer.ingest.dates import parse_date

    _measure("python-dateutil", _dateutil)
    if importlib.util.find_spec("dateparser") is None:
        figure("dateparser", "not installed (pip install dateparser to compare)")
    else:
        _measure("dateparser", _dateparser)
    _measure("explorer parse_date (shipped)", lambda: parse_date)


if __name__ == "__main__":
    main()
