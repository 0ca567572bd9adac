"""A live view: another process commits to the store while the app runs; the app notices,
shows the new version where the user was, and a banner says what changed."""

from __future__ import annotations

import asyncio
import re

from textual.widgets import Static

from explorer.model import Hit
from explorer.store import Store
from explorer.tui.screens.reader import ReaderScreen
from explorer.tui.widgets.lists import DocumentList, HitList

from .conftest import ready, settle, type_text, until

NEWS = (
    "Pelicans return\n\n"
    "A flock of pelicans returned to the harbour of Valparaiso on Monday, "
    "Mayor Jorge Sharp said.\n"
)


def _more(tmp_path):
    folder = tmp_path / "later"
    folder.mkdir()
    (folder / "pelicans.txt").write_text(NEWS, encoding="utf-8")
    return folder


def _other_process_ingests(db, folder) -> None:
    with Store.open(db) as store:
        store.ingest([folder])


async def test_a_commit_by_another_process_shows_with_a_banner(app_factory, db, tmp_path):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        documents = app.main.query_one(DocumentList)
        before = documents.row_count
        documents.move_cursor(1)  # the user's place
        place = documents.current
        await pilot.press("slash")
        await type_text(pilot, "pelicans")
        await settle(pilot)
        hits = app.main.query_one(HitList)
        assert not any(isinstance(r, Hit) for r in hits.rows)
        await asyncio.to_thread(_other_process_ingests, db, _more(tmp_path))
        await until(pilot, lambda: documents.row_count == before + 1, "the new document shown")
        await settle(pilot)
        banner = app.main.query_one("#live-banner", Static)
        assert banner.display and re.search(r"\+1 document\b(?!s)", str(banner.render()))
        assert any(isinstance(r, Hit) and "Valparaiso" in r.text for r in hits.rows), (
            "the query runs again on the new version"
        )
        assert documents.current == place, "the cursor stays where the user was"
        assert app.main.query_one("#search").value == "pelicans"


async def test_while_reading_the_new_version_waits_for_f5(app_factory, db, tmp_path):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        documents = app.main.query_one(DocumentList)
        before = documents.row_count
        await pilot.press("enter")  # open a document
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await asyncio.to_thread(_other_process_ingests, db, _more(tmp_path))
        await until(pilot, lambda: app.pending is not None, "the new version noticed")
        assert isinstance(app.screen, ReaderScreen), "the reader is left alone"
        assert documents.row_count == before
        await pilot.press("f5")
        await until(pilot, lambda: documents.row_count == before + 1, "F5 loads it")
        assert app.pending is None


async def test_the_apps_own_ingest_is_not_news_from_another_process(app_factory, corpus):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        documents = app.main.query_one(DocumentList)
        before = documents.row_count
        (corpus / "pelicans.txt").write_text(NEWS, encoding="utf-8")
        app.reingest()
        await until(pilot, lambda: documents.row_count == before + 1, "the re-ingest shown")
        await pilot.pause(2.5)  # two polls
        await settle(pilot)
        assert app.pending is None
        assert not app.main.query_one("#live-banner", Static).display
