"""An entity with many mentions opens on its first page; the rest, its facts, documents and
neighbours follow in the background, and the mentions tab says how far it has got."""

from __future__ import annotations

import threading

from textual.widgets import TabbedContent

from explorer.tui.data import StoreReader
from explorer.tui.screens import entity as entity_screen
from explorer.tui.screens.entity import EntityScreen
from explorer.tui.widgets.lists import MentionList, MentionRow

from .conftest import ready, settle, type_text, until


def _three_documents(tmp_path):
    folder = tmp_path / "merkel"
    folder.mkdir()
    for i in range(3):
        (folder / f"day{i}.txt").write_text(
            f"Angela Merkel spoke in Berlin on day {i}.\n\n"
            f"Later Angela Merkel met reporters about plan number {i}.\n",
            encoding="utf-8",
        )
    return folder


async def test_an_entity_opens_on_its_first_page_and_the_rest_follows(
    app_factory, tmp_path, monkeypatch
):
    monkeypatch.setattr(entity_screen, "FIRST_MENTIONS", 2)
    release = threading.Event()
    facts = StoreReader.facts

    def held_facts(self, predicate=None, *, doc=None, entity=None):
        if entity is not None:  # the background part waits here until the test has looked
            release.wait(30)
        return facts(self, doc=doc, entity=entity)

    monkeypatch.setattr(StoreReader, "facts", held_facts)
    app = app_factory(_three_documents(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e", "n")
        await type_text(pilot, "Angela Merkel")
        await pilot.press("enter", "enter")
        await until(pilot, lambda: isinstance(app.screen, EntityScreen), "the entity view")
        screen = app.screen
        mentions = screen.query_one(MentionList)
        await until(pilot, lambda: mentions.row_count > 0, "the first page of mentions")
        tabs = screen.query_one(TabbedContent)
        try:
            assert mentions.row_count == 2, "one document's mentions: the first page"
            assert "Mentions 2 of 6 …" in str(tabs.get_tab("mentions").label)
            assert app.focused is mentions, "the first page can be read and opened at once"
        finally:
            release.set()
        await settle(pilot)
        rows = [r for r in mentions.rows if isinstance(r, MentionRow)]
        assert len(rows) == 6
        assert len({r.mention.doc for r in rows}) == 3
        assert all("Merkel" in r.sentence for r in rows)
        assert str(tabs.get_tab("mentions").label).startswith("Mentions 6 (1)")
        assert str(tabs.get_tab("entity-documents").label).startswith("Documents 3")
        assert app.focused is mentions
