"""Every hit reachable: a group with more hits than it shows ends with a "more" row, End/G
loads to the real end, and export and the frequency view work on every hit."""

from __future__ import annotations

import json

from textual.widgets import Input

from explorer.model import Hit
from explorer.tui.screens.frequency import FrequencyScreen
from explorer.tui.widgets.lists import CountList, HitList
from explorer.tui.widgets.rows import GroupRow, MoreRow

from .conftest import ready, screen_lines, settle, type_text, until


def _pelicans(tmp_path, n: int = 230):
    folder = tmp_path / "birds"
    folder.mkdir()
    lines = [f"A pelican landed on pier number {i} today." for i in range(n)]
    (folder / "pelicans.txt").write_text("\n\n".join(lines), encoding="utf-8")
    return folder


def _sentences(hits: HitList) -> list[Hit]:
    return [r for r in hits.rows if isinstance(r, Hit) and r.kind == "sentence"]


async def _search(pilot, query: str) -> HitList:
    await pilot.press("slash")
    await type_text(pilot, query)
    await settle(pilot)
    return pilot.app.main.query_one(HitList)


async def test_the_more_row_loads_the_next_page_in_place(app_factory, tmp_path):
    app = app_factory(_pelicans(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        hits = await _search(pilot, "pelican")
        assert len(_sentences(hits)) == 100
        more = hits.rows[-1]
        assert isinstance(more, MoreRow) and more.remaining == 130
        toolbar = str(app.main.query_one("#search-toolbar").render())
        assert toolbar.startswith("230 results"), "the toolbar tells the total, not the page"
        await pilot.press("down")  # into the list
        await pilot.press("end")
        await settle(pilot)
        assert len(_sentences(hits)) == 230, "End goes to the real end"
        assert not any(isinstance(r, MoreRow) for r in hits.rows)
        assert hits.cursor == len(hits.rows) - 1
        assert "pier number 229" in hits.current.text


async def test_enter_on_more_loads_one_page_and_keeps_the_cursor(app_factory, tmp_path):
    app = app_factory(_pelicans(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        hits = await _search(pilot, "pelican")
        await pilot.press("down")
        hits.move_cursor(len(hits.rows) - 1)
        await settle(pilot)
        lines = screen_lines(hits)
        assert any("130 more sentences · Enter loads the next page" in line for line in lines)
        await pilot.press("enter")
        await settle(pilot)
        assert len(_sentences(hits)) == 200
        heading = next(r for r in hits.rows if isinstance(r, GroupRow) and r.title == "Sentences")
        assert (heading.count, heading.total) == (200, 230)
        assert isinstance(hits.rows[-1], MoreRow) and hits.rows[-1].remaining == 30
        # The cursor stays where it was: on the 101st sentence, now in place of the row.
        assert isinstance(hits.current, Hit) and hits.current.kind == "sentence"
        assert hits.rows[-1] != hits.current


async def test_export_and_frequency_work_on_every_hit(app_factory, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = app_factory(_pelicans(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        hits = await _search(pilot, "pelican")
        await pilot.press("down")
        await pilot.press("F")
        await until(pilot, lambda: isinstance(app.screen, FrequencyScreen), "the frequency view")
        await settle(pilot)
        counts = app.screen.query_one(CountList)
        assert counts.total == 230, "F counts every hit, not the 100 shown"
        toolbar = str(app.screen.query_one("#frequency-toolbar").render())
        assert "over 230 search" in toolbar
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert "230 rows" in str(app.screen.query_one("Static").render())
        box = app.screen.query_one("#export-path", Input)
        box.value = str(tmp_path / "all.jsonl")
        await pilot.press("enter")
        await settle(pilot)
        rows = (tmp_path / "all.jsonl").read_text().splitlines()
        assert len(rows) == 230
        assert json.loads(rows[-1])["kind"] == "sentence"
        assert len(_sentences(hits)) == 230
