"""SVG snapshots of the main screens at 120x40 and 80x24 (pytest-textual-snapshot).

Regenerate with `pytest tests/tui/test_snapshots.py --snapshot-update`, only after looking at
each changed SVG. The search clock is frozen (0.0 ms), no path is shown, and the store's facts
come from a recorded extraction (tests/tui/recorded.py), so they change only when a screen does.
"""

from __future__ import annotations

import pytest

from explorer.tui.messages import Location

from .conftest import ready, settle, type_text

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


@pytest.fixture(autouse=True)
def recorded_nlp(monkeypatch):
    """The nlp as recorded: the snapshots pin the screens, not today's recognizer."""
    import explorer.nlp

    from .recorded import recorded_extract

    monkeypatch.setattr(explorer.nlp, "extract", recorded_extract)


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare, app_factory, size):
    async def run_before(pilot):
        await ready(pilot)

    assert snap_compare(app_factory(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_entities_pane(snap_compare, app_factory, size):
    async def run_before(pilot):
        await ready(pilot)
        await pilot.press("e", "j")
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_search_results(snap_compare, app_factory, size):
    async def run_before(pilot):
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "Sanai trade")
        await settle(pilot)
        await pilot.press("down", "G")
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_reader(snap_compare, app_factory, size):
    async def run_before(pilot):
        await ready(pilot)
        documents = pilot.app.main.query_one("#document-list")
        sample = next(i for i, d in enumerate(documents.rows) if d.date)
        pilot.app.open_location(
            Location(
                "document", doc=documents.rows[sample].id, sentence=8, entity="PERSON:Mehdi Sanai"
            )
        )
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_entity_detail(snap_compare, app_factory, size):
    async def run_before(pilot):
        await ready(pilot)
        pilot.app.open_location(Location("entity", entity="PERSON:Mehdi Sanai"))
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, app_factory, size):
    async def run_before(pilot):
        await ready(pilot)
        await pilot.press("e", "question_mark")
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=size, run_before=run_before)
