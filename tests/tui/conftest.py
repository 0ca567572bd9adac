"""TUI tests drive the real app, built by `make_app` exactly as the CLI builds it.

Every test gets its own store in tmp_path, ingested by the app itself from a small corpus:
the sample article plus a document full of markup and escape sequences.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

import explorer
from explorer.tui.app import ExplorerApp, make_app

SEEDS = Path(explorer.__file__).parent / "seeds"
SAMPLE = SEEDS / "000_89ed38884c8c83f1.txt"

#: Rich/Textual markup and terminal escapes: all of it must show as plain characters.
TRICKY = (
    "Markup [bold]is not bold[/bold] and shares rose [/ 5% in [link=https://evil.example]"
    "a link[/link] story.\n\n"
    "Escapes \x1b[31mred\x1b[0m and \x1b]8;;https://evil.example\x07a hyperlink\x1b]8;;\x07 "
    "and a bell \x07 end. Angela Merkel met Emmanuel Macron in Paris.\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    shutil.copy(SAMPLE, root / SAMPLE.name)
    (root / "tricky.txt").write_text(TRICKY, encoding="utf-8")
    return root


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store" / "explorer.json"


@pytest.fixture
def app_factory(db: Path, corpus: Path) -> Callable[..., ExplorerApp]:
    """Build the app as the CLI does; the search clock is frozen so snapshots are stable."""

    def build(*paths: Path, frozen_clock: bool = True) -> ExplorerApp:
        app = make_app(db, paths or (corpus,))
        if frozen_clock:
            app.clock = lambda: 0.0
        return app

    return build


async def until(pilot: Pilot, test: Callable[[], object], what: str, tries: int = 400) -> None:
    """Let the app run until `test()` holds (a guard against hanging, not a timing check)."""
    for _ in range(tries):
        if test():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"the app never got to: {what}")


async def ready(pilot: Pilot) -> None:
    """Wait until the store is ingested and the panes are filled; stop the cursor blinking."""
    app = pilot.app
    assert isinstance(app, ExplorerApp)
    await until(pilot, lambda: app.reader is not None, "an open store")
    await until(
        pilot, lambda: app.main.query_one("#document-list").row_count > 0, "a filled documents pane"
    )
    await settle(pilot)
    for widget in app.query(Input):
        widget.cursor_blink = False


async def settle(pilot: Pilot) -> None:
    """Let every worker finish and the screen repaint."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    """Type `text` key by key, letting the app react to each key as a person's typing would."""
    for char in text:
        await pilot.press(KEYS.get(char, char))
        await pilot.pause()


async def palette_choose(pilot: Pilot, query: str, expect: str | None = None) -> None:
    """Type `query` into the open command palette (or a palette-style prompt) and press
    Enter once the highlighted command reads `expect` (default: the query): the palette
    searches in a worker, so Enter before the list is ready would pick something else."""
    from textual.command import CommandList

    await type_text(pilot, query)
    wanted = (expect or query).lower()

    def highlighted() -> str:
        lists = pilot.app.screen.query(CommandList)
        if not lists:
            return ""
        options = lists.first()
        if options.highlighted is None or options.option_count == 0:
            return ""
        return str(options.get_option_at_index(options.highlighted).prompt).lower()

    await until(pilot, lambda: wanted in highlighted(), f"the palette offering {wanted!r}")
    await pilot.press("enter")
    await settle(pilot)


KEYS = {
    " ": "space",
    "/": "slash",
    ".": "full_stop",
    ":": "colon",
    "'": "apostrophe",
    "-": "minus",
    "_": "underscore",
    "$": "dollar_sign",
}


def screen_lines(widget) -> list[str]:
    """The text a Line API widget shows, line by line."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def styled_runs(widget, y: int) -> list[tuple[str, object]]:
    """The (text, style) runs of line `y` of a Line API widget."""
    return [(seg.text, seg.style) for seg in widget.render_line(y) if seg.text]
