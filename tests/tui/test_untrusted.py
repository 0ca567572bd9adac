"""Document text is data: markup and escape sequences show as plain characters, never crash."""

from __future__ import annotations

from explorer.model import DocumentSummary, Hit
from explorer.tui.screens.reader import ReaderScreen
from explorer.tui.widgets.reader import ReaderView

from .conftest import palette_choose, ready, screen_lines, settle, type_text


def _no_control_characters(lines: list[str]) -> None:
    for line in lines:
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in line), repr(line)


def _no_markup_styles(widget, height: int) -> None:
    """No segment carries a link, and nothing reads as markup that was applied."""
    for y in range(height):
        for segment in widget.render_line(y):
            style = segment.style
            assert style is None or not style.link, segment


async def test_markup_and_escapes_in_a_document_render_literally(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        documents = app.main.query_one("#document-list")
        tricky = next(
            d for d in documents.rows if isinstance(d, DocumentSummary) and "Markup" in d.title
        )
        listed = "\n".join(screen_lines(documents))
        assert "[bold]is not bold[/bold]" in listed
        _no_control_characters(screen_lines(documents))
        documents.move_cursor(documents.rows.index(tricky))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        reader = app.screen.query_one(ReaderView)
        await pilot.press("t")  # without tags, the text reads exactly as written
        shown = " ".join(line[2:].rstrip() for line in screen_lines(reader))
        assert "[bold]is not bold[/bold]" in shown
        assert "[/ 5%" in shown
        assert "[link=https://evil.example]a link[/link]" in shown
        assert "Escapes red and a hyperlink" in shown  # escape sequences removed at ingest
        _no_control_characters(screen_lines(reader))
        _no_markup_styles(reader, reader.size.height)
        head = str(app.screen.query_one("#doc-head").render())
        assert "[bold]" in head


async def test_searching_markup_highlights_it_as_text(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "bold")
        await settle(pilot)
        hits = app.main.query_one("#hit-list")
        assert any(isinstance(h, Hit) and "[bold]" in h.text for h in hits.rows)
        lines = screen_lines(hits)
        assert any("[bold]" in line for line in lines)
        _no_control_characters(lines)
        _no_markup_styles(hits, hits.size.height)
        preview = str(app.main.query_one("#preview").render())
        assert "[" in preview


async def test_the_palette_survives_markup_in_titles(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await palette_choose(pilot, "Markup bold", expect="markup [bold]")
        assert isinstance(app.screen, ReaderScreen)
        assert "Markup [bold]" in app.screen.document.title
