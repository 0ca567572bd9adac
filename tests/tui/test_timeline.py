"""The timeline (`t`): a list, the search results or an entity's mentions counted by period,
zoomed with +/-, Enter narrowing to a bar's period, Esc going back; over a small dated
corpus (tests/search/dated_store.py) spanning 1985 to 1988."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.timeline import TimelineScreen
from explorer.tui.widgets.panes import FACT_SORTS
from explorer.tui.widgets.timeline import BarRow, count_periods

from .conftest import ready, settle, type_text, until

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "search"))

from dated_store import REPORTS, write_corpus

YEARS = {"1985": 2, "1986": 2, "1987": 8, "1988": 2}


@pytest.fixture
def dated(tmp_path) -> Path:
    return write_corpus(tmp_path / "dated")


def bars(screen: TimelineScreen) -> dict[str, int]:
    return {r.value: r.count for r in screen.query_one("#bar-list").rows if isinstance(r, BarRow)}


async def open_timeline(pilot) -> TimelineScreen:
    await pilot.press("t")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TimelineScreen)
    return screen


async def zoom_to(pilot, screen: TimelineScreen, grain: str) -> None:
    order = ("day", "week", "month", "quarter", "year")
    while screen.grain != grain:
        await pilot.press("minus" if order.index(grain) > order.index(screen.grain) else "plus")
        await settle(pilot)


async def enter_on(pilot, screen: TimelineScreen, value: str) -> None:
    bar_list = screen.query_one("#bar-list")
    bar_list.move_cursor(next(i for i, r in enumerate(bar_list.rows) if r.value == value))
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_documents_timeline_fits_the_span_zooms_and_drills_into_a_year(app_factory, dated):
    app = app_factory(dated)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = await open_timeline(pilot)
        # 1985-06 to 1988-08: 39 months fit, so months it is; an empty month is shown as
        # a gap, a run of three or more as one row saying how long it is
        assert screen.grain == "month"
        months = bars(screen)
        assert months["1987-03"] == 3 and months["1985-12"] == 0
        assert "1986-03" not in months
        folded = next(r for r in screen.query_one("#bar-list").rows if r.value == "1986-02")
        assert (folded.gap, folded.until) == (5, "1986-06")
        assert list(months) == sorted(months)
        assert "14 documents by month" in str(screen.query_one("#timeline-toolbar").render())
        assert "1 undated" in str(screen.query_one("#timeline-toolbar").render())
        await zoom_to(pilot, screen, "year")
        assert bars(screen) == YEARS
        await pilot.press("plus")
        await settle(pilot)
        assert screen.grain == "quarter" and bars(screen)["1987-Q1"] == 5
        await zoom_to(pilot, screen, "year")
        await enter_on(pilot, screen, "1987")
        assert isinstance(app.screen, MainScreen)
        documents = app.main.query_one("#document-list")
        assert {d.date[:4] for d in documents.rows} == {"1987"}
        assert len(documents.rows) == YEARS["1987"]
        await pilot.press("escape")  # drops the narrowing, as for the frequency view
        await settle(pilot)
        assert len(documents.rows) == len(REPORTS) + 1


async def test_escape_leaves_the_timeline_without_narrowing(app_factory, dated):
    app = app_factory(dated)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await open_timeline(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert len(app.main.query_one("#document-list").rows) == len(REPORTS) + 1


async def test_search_timeline_drills_down_by_adding_a_date_filter(app_factory, dated):
    app = app_factory(dated)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await type_text(pilot, "/dollar")
        await settle(pilot)
        await pilot.press("escape")  # from the search box to the results
        await settle(pilot)
        screen = await open_timeline(pilot)
        await zoom_to(pilot, screen, "year")
        assert bars(screen)["1987"] >= 4 and bars(screen)["1986"] >= 1
        await enter_on(pilot, screen, "1987")
        search = app.main.query_one("#search")
        assert search.value.split() == ["dollar", "date:1987"]
        await settle(pilot)
        hits = [h for h in app.main.query_one("#hit-list").rows if hasattr(h, "date")]
        assert hits and all(h.date.startswith("1987") for h in hits)


async def test_search_timeline_follows_what_is_typed_in_it(app_factory, dated):
    app = app_factory(dated)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await type_text(pilot, "/dollar")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        screen = await open_timeline(pilot)
        await zoom_to(pilot, screen, "year")
        box = screen.query_one("#timeline-search")
        box.focus()
        await settle(pilot)
        for _ in "dollar":
            await pilot.press("backspace")
        await type_text(pilot, "ghana")
        await settle(pilot)
        assert app.main.query_one("#search").value == "ghana"
        await until(pilot, lambda: not bars(screen).get("1986"), "the bars of the new search")
        # Ghana: 1985 and 1988; the years between are gaps
        assert {v for v, n in bars(screen).items() if n} == {"1985", "1988"}
        assert bars(screen)["1986"] == 0


async def test_entity_timeline_counts_its_mentions(app_factory, dated):
    app = app_factory(dated)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await type_text(pilot, "/james baker")
        await settle(pilot)
        await pilot.press("enter")  # the entity, first among the results
        await settle(pilot)
        await until(pilot, lambda: app.screen.query("#mention-list"), "the entity's detail")
        await until(pilot, lambda: app.screen.query_one("#mention-list").rows, "its mentions")
        screen = await open_timeline(pilot)
        assert "Baker" in str(screen.query_one("#timeline-box").border_title)
        assert sum(bars(screen).values()) == 2
        assert {v for v, n in bars(screen).items() if n} <= {"1987-03-02", "1987-03-30"} | {
            "1987-W10",
            "1987-W14",
        }


async def test_facts_and_results_show_their_dates_and_sort_by_date(app_factory, dated):
    app = app_factory(dated)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        await settle(pilot)
        facts = app.main.query_one("#fact-list")
        assert facts.columns[-1].title == "Date"
        pane = app.main.query_one("FactsPane")
        for _ in range(len(FACT_SORTS)):  # `o` cycles the columns; the date is one of them
            if pane.sort == "date":
                break
            await pilot.press("o")
            await settle(pilot)
        assert pane.sort == "date"
        dates = [facts.fact_date(f) for f in facts.rows]
        dated_ones = [d for d in dates if d != "(no date)"]
        assert dated_ones and dated_ones == sorted(dated_ones, reverse=True)
        await type_text(pilot, "/dollar")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        hits = app.main.query_one("#hit-list")
        assert "1987-03-30" in "\n".join(hits.render_line(y).text for y in range(hits.size.height))
        await pilot.press("o")
        await settle(pilot)
        sentences = [h.date for h in hits.rows if getattr(h, "kind", "") == "sentence"]
        assert sentences[-1] is None  # undated last
        assert sentences[:-1] == sorted(sentences[:-1], reverse=True)


async def test_a_title_with_markup_is_shown_as_written(app_factory, tmp_path):
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "metadata.jsonl").write_text(
        '{"file_name": "a.txt", "date": "1990-05-01"}\n', encoding="utf-8"
    )
    (folder / "a.txt").write_text("Markup [bold]Anna Berg[/bold] met Carl Dane in Oslo.\n")
    app = app_factory(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.main.timeline_title = lambda row_list: "Timeline of [bold]x[/bold]"
        screen = await open_timeline(pilot)
        shown = screen.query_one("#timeline-box")._border_title  # what the border draws
        assert shown.plain == "Timeline of [bold]x[/bold]"
        assert bars(screen) == {"1990-05-01": 1}


def test_one_stray_date_decades_away_does_not_bury_the_dense_years():
    # 2004-05 news, with a 1920 anniversary: months fit the news, and the 83 empty years
    # between are one row, not a thousand
    news = [f"2004-{m:02d}-{d:02d}" for m in range(1, 13) for d in (3, 17)] + ["2005-02-01"] * 9
    timeline = count_periods(["1920-05-01", *news])
    assert timeline.grain == "month"
    assert [b.value for b in timeline.bars[:3]] == ["1920-05", "1920-06", "2004-01"]
    gap = timeline.bars[1]
    assert (gap.count, gap.gap, gap.until) == (0, 1003, "2003-12")
    assert len(timeline.bars) == 1 + 1 + 12 + 1 + 1  # 1920-05, the gap, 2004, 2005-01, 2005-02
    assert timeline.dated == len(news) + 1


def test_bare_years_are_charted_by_year_when_most_dates_are_years():
    # a month grain would leave most of them out ("dated less precisely")
    timeline = count_periods(["2004"] * 8 + ["2004-03-02", "2005"])
    assert timeline.grain == "year"
    assert [(b.value, b.count) for b in timeline.bars] == [("2004", 9), ("2005", 1)]
    assert timeline.coarser == 0


def test_a_century_of_days_costs_what_its_dates_cost():
    # two dates 175 years apart at day grain: three rows, not 64,000
    timeline = count_periods(["1830-01-01", "2005-01-01"] * 1000, "day")
    assert [(b.value, b.count, b.gap) for b in timeline.bars] == [
        ("1830-01-01", 1000, 0),
        ("1830-01-02", 0, 63917),
        ("2005-01-01", 1000, 0),
    ]


def test_weeks_quarters_and_years_count_across_a_year_end():
    dates = ["2004-12-30", "2005-01-02", "2005-01-03", "2005-03-01"]
    weeks = count_periods(dates, "week").bars
    assert [(b.value, b.count) for b in weeks[:2]] == [("2004-W53", 2), ("2005-W01", 1)]
    assert (weeks[2].value, weeks[2].gap, weeks[2].until) == ("2005-W02", 7, "2005-W08")
    assert [(b.value, b.count) for b in count_periods(dates, "quarter").bars] == [
        ("2004-Q4", 1),
        ("2005-Q1", 3),
    ]
