"""A country a story implies but never names: found by search, its documents listed as
"implied by" the names that say it, and the reader opens one with those names marked."""

from __future__ import annotations

from textual.widgets import Static, TabbedContent

from explorer.model import Entity, Hit
from explorer.tui.screens.entity import EntityHead, EntityScreen
from explorer.tui.screens.reader import ReaderScreen
from explorer.tui.widgets.lists import DocCountRow, EntityDocumentList, EntityList, HitList
from explorer.tui.widgets.reader import ReaderView

from .conftest import ready, screen_lines, settle, type_text, until

WIRE = (
    "Bundesbank holds rates as inflation cools\n\n"
    "FRANKFURT, March 3 (Reuters) - The Bundesbank said on Tuesday that\n"
    "inflation had cooled faster than expected, and that wage growth in\n"
    "Frankfurt had slowed.\n"
)
OTHER = (
    "Chip sales climb\n\nSales of memory chips rose 12% in the first quarter, the "
    "industry body said on Monday, led by demand from data centres.\n"
)


def _corpus(tmp_path):
    folder = tmp_path / "wires"
    folder.mkdir()
    (folder / "frankfurt.txt").write_text(WIRE, encoding="utf-8")
    (folder / "chips.txt").write_text(OTHER, encoding="utf-8")
    return folder


def _line(row_list, row) -> str:
    return row_list.render_line(row_list.rows.index(row) + 1 - int(row_list.scroll_y)).text


async def test_search_finds_an_implied_country_and_opens_the_story_that_implies_it(
    app_factory, tmp_path
):
    app = app_factory(_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "germany")
        await settle(pilot)
        hits = app.main.query_one(HitList)
        found = [r for r in hits.rows if isinstance(r, Hit) and r.kind == "entity"]
        assert [(h.entity, h.implied) for h in found] == [("GPE:Germany", 1)]
        assert "implied in 1 document" in _line(hits, found[0])
        await pilot.press("down")
        hits.move_cursor(hits.rows.index(found[0]))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, EntityScreen), "the entity view")
        screen = app.screen
        await settle(pilot)
        head = str(screen.query_one(EntityHead).render())
        assert "0 mentions" in head and "implied in 1 document that never names it" in head
        # Never named: the view opens on its documents, where the implying story is listed.
        assert screen.query_one(TabbedContent).active == "entity-documents"
        documents = screen.query_one(EntityDocumentList)
        assert app.focused is documents
        (row,) = [r for r in documents.rows if isinstance(r, DocCountRow)]
        assert row.summary.id == "frankfurt.txt" and row.count == 0
        assert {"Bundesbank", "Frankfurt"} <= set(row.via)
        shown = _line(documents, row)
        assert "Bundesbank holds rates" in shown and "implied by" in shown
        assert "Bundesbank" in shown.split("implied by", 1)[1]
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        await settle(pilot)
        reader = app.screen.query_one(ReaderView)
        text = reader.document.text
        marked = {text[s:e] for s, e in reader.highlights}
        assert {"FRANKFURT", "Bundesbank"} <= marked
        assert reader.current >= 0 and reader.mentions[reader.current].entity in row.via
        assert "Germany implied by" in str(app.screen.query_one("#doc-head", Static).render())
        assert any("Bundesbank" in line for line in screen_lines(reader))


async def test_the_entities_pane_counts_the_documents_that_imply_an_entity(app_factory, tmp_path):
    app = app_factory(_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await settle(pilot)
        entities = app.main.query_one(EntityList)
        germany = next(
            r for r in entities.all_rows if isinstance(r, Entity) and r.name == "Germany"
        )
        assert (germany.mentions, germany.documents, germany.implied) == (0, 0, 1)
        assert "Implied" in entities.render_line(0).text
