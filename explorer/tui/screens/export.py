"""Export what a list shows to JSON Lines or CSV, each row with its provenance."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from explorer.export import clean_id, write_file
from explorer.tui.render import pluralise
from explorer.tui.widgets.rows import RowList


def write_records(
    records: Iterable[dict[str, Any]], path: Path, columns: Sequence[str] = ()
) -> int:
    """Write records as CSV (a .csv path) or JSON Lines (anything else); the row count.

    The writer of `explorer export` (explorer.export): the same cleaning, the same columns.
    Unlike `explorer export -o`, the folder is made: the path was typed and seen in a dialog."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_file(records, path, columns=columns)


class ExportScreen(ModalScreen[Path | None]):
    """Asks where to write; a path ending in .csv writes CSV, anything else JSON Lines."""

    BINDING_GROUP_TITLE = "Export"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 80%; max-width: 90; height: auto; padding: 1 2;
        background: $surface; border: round $accent; border-title-color: $text-accent; }
    ExportScreen Static { color: $text-muted; }
    ExportScreen #export-error { color: $text-error; }
    """

    def __init__(self, source: RowList) -> None:
        super().__init__()
        self.source = source

    def compose(self) -> ComposeResult:
        with Vertical():
            note = getattr(self.source, "EXPORT_NOTE", "")
            yield Static(
                f"{pluralise(self.source.row_count, 'row')} of {self.source.KIND}"
                f"{f', {note}' if note else ''}, with their document, sentence and offsets."
                "\nA path ending in .csv writes CSV; any other, JSON Lines. "
                "Enter writes, Esc cancels.",
                markup=False,
            )
            yield Input(value=f"explorer-{self.source.KIND}.jsonl", id="export-path")
            yield Static("", id="export-error", markup=False)

    #: The box's title. (A subclass sets this rather than its own on_mount: Textual runs
    #: the on_mount of every class in the line, the base's last.)
    BOX_TITLE = "Export"

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = self.BOX_TITLE
        self.query_one(Input).focus()

    @on(Input.Changed, "#export-path")
    def _changed(self) -> None:
        self.query_one("#export-error", Static).update("")  # the problem was with the old path

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            self.query_one("#export-error", Static).update("Type a file name first.")
            return
        self.export(Path(value).expanduser())

    #: What is written, in the notice ("Wrote 12 rows to ..."), and the notice's title.
    NOUN = "row"
    DONE_TITLE = "Exported"

    def writer(self, path: Path) -> Callable[[], int]:
        """What writes the list to `path`, run in a worker thread: it returns how many
        records it wrote, or raises OSError. (The rows are read there too.)"""
        columns = getattr(self.source, "EXPORT_COLUMNS", ())
        return lambda: write_records(self.source.export_records(), path, columns)

    @work(exclusive=True, group="export")
    async def export(self, path: Path) -> None:
        try:
            count = await asyncio.to_thread(self.writer(path))
        except OSError as exc:
            self.query_one("#export-error", Static).update(
                f"Could not write {clean_id(str(path))}: {exc.strerror or exc}"
            )
            return
        self.app.notify(
            f"Wrote {pluralise(count, self.NOUN)} to {clean_id(str(path.resolve()))}",
            title=self.DONE_TITLE,
            markup=False,
        )
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
