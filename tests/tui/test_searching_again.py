"""Searching again: `/` selects the last query, Up and Down walk past queries, and saved
searches run again from the palette."""

from __future__ import annotations

import json

from textual.widgets import Input

from explorer.model import Hit
from explorer.tui.searches import searches_path
from explorer.tui.widgets.lists import HitList

from .conftest import palette_choose, ready, settle, type_text


def _box(app) -> Input:
    return app.main.query_one("#search", Input)


async def _query(pilot, text: str) -> None:
    await pilot.press("slash")
    await type_text(pilot, text)
    await pilot.press("down")  # on to the results: the query counts as used
    await settle(pilot)


async def test_slash_selects_the_query_so_typing_replaces_it(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _query(pilot, "merkel")
        await pilot.press("slash")
        await type_text(pilot, "macron")
        await settle(pilot)
        assert _box(app).value == "macron", "typed over, not appended"
        hits = app.main.query_one(HitList)
        assert hits.query_text == "macron" and hits.row_count > 0
        # An arrow key keeps the query, to edit it.
        await pilot.press("down")
        await pilot.press("slash")
        await pilot.press("right")
        await type_text(pilot, " paris")
        await settle(pilot)
        assert _box(app).value == "macron paris"


async def test_up_and_down_walk_past_queries_and_they_outlive_the_app(app_factory, db):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        for query in ("merkel", "macron", "paris"):
            await _query(pilot, query)
        await pilot.press("slash")
        await pilot.press("up")
        assert _box(app).value == "macron", "Up from the newest query goes one further back"
        await pilot.press("up")
        assert _box(app).value == "merkel"
        await pilot.press("down")
        assert _box(app).value == "macron"
        await pilot.press("down")
        assert _box(app).value == "paris", "past the newest, the query as it was"
        await settle(pilot)
        assert app.main.query_one(HitList).query_text == "paris"
        await pilot.press("down")  # not walking: on to the results
        assert app.focused is app.main.query_one(HitList)
    saved = json.loads(searches_path(db).read_text())
    assert saved["past"] == ["merkel", "macron", "paris"]
    again = app_factory()
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await pilot.press("up")
        assert _box(again).value == "paris", "the history is kept beside the store"


async def test_a_saved_search_runs_again_from_the_palette(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _query(pilot, "merkel")
        await pilot.press("ctrl+p")
        await palette_choose(pilot, "save this search")
        assert app.searches.saved == [("merkel", "merkel")]
        await _query(pilot, "paris")
        await pilot.press("ctrl+p")
        await palette_choose(pilot, "saved search", "saved search: merkel")
        await settle(pilot)
        assert _box(app).value == "merkel"
        hits = app.main.query_one(HitList)
        assert hits.query_text == "merkel"
        assert any(isinstance(r, Hit) and "Merkel" in r.text for r in hits.rows)
        assert app.main.active_pane == "search"
