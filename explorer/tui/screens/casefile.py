"""The case file: marking, starring, tagging and noting rows of any list, the pane that lists
every such item, and its report (`x`: Markdown, JSON Lines or CSV)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.suggester import SuggestFromList
from textual.widgets import Footer, Input, Static

from explorer.casefile import COLUMNS, item, write_report
from explorer.store import StoreError
from explorer.store.marks import Mark
from explorer.tui.messages import Location
from explorer.tui.render import plain, pluralise
from explorer.tui.screens.export import ExportScreen
from explorer.tui.widgets.lists import NO_DATE, CorpusList
from explorer.tui.widgets.rows import Column, RowList

if TYPE_CHECKING:
    from explorer.tui.app import ExplorerApp


# ---------------------------------------------------------------------- prompts


class TextPrompt(ModalScreen[str | None]):
    """One line of text (a tag, a note): Enter keeps it, Esc cancels. Tags complete from the
    tags already given (→ or End takes the suggestion)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
    ]

    DEFAULT_CSS = """
    TextPrompt { align: center middle; }
    TextPrompt > Vertical { width: 80%; max-width: 80; height: auto; padding: 1 2;
        background: $surface; border: round $accent; border-title-color: $text-accent; }
    TextPrompt Static { color: $text-muted; }
    """

    def __init__(
        self, title: str, hint: str, value: str = "", suggestions: list[str] | None = None
    ) -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.value = value
        self.suggestions = suggestions or []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.hint, markup=False)
            suggester = (
                SuggestFromList(self.suggestions, case_sensitive=False)
                if self.suggestions
                else None
            )
            yield Input(value=self.value, suggester=suggester, id="prompt-input")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = self.title_text
        self.query_one(Input).focus()

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


# ---------------------------------------------------------------------- marking rows


def _refresh_lists(app: ExplorerApp) -> None:
    for screen in app.screen_stack:
        for row_list in screen.query(RowList):
            row_list.marks_changed()
        if isinstance(screen, CaseFileScreen):
            screen.load()


def mark_row(app: ExplorerApp, event: RowList.MarkRow) -> None:
    """Space, `*`, `#` or `N` on a row of any list: change its mark in the store."""
    case_file = app.case_file
    if case_file is None:
        app.notify("The store is still loading.", severity="warning")
        return
    try:
        anchor = case_file.anchor(event.row)
    except (KeyError, StoreError):
        anchor = None
    if anchor is None:
        app.notify("This row cannot be marked.", severity="warning")
        return
    marks = case_file.marks

    def done(message: str) -> None:
        case_file.reload()
        _refresh_lists(app)
        app.notify(message, timeout=2, markup=False)

    def safely(change: Any, message: Any) -> None:
        try:
            mark = change()
        except StoreError as exc:
            app.notify(str(exc), severity="error", markup=False)
            return
        done(message(mark))

    what = event.what
    current = marks.get(anchor)
    if what == "mark":
        safely(
            lambda: marks.toggle_mark(anchor),
            lambda m: "Marked" if m is not None and m.marked else "Unmarked",
        )
    elif what == "star":
        safely(
            lambda: marks.toggle_star(anchor),
            lambda m: "Starred" if m is not None and m.starred else "Unstarred",
        )
    elif what == "tag":
        have = list(current.tags) if current else []
        known = sorted(marks.tags(), key=str.casefold)

        def tagged(value: str | None) -> None:
            if value is None or not value.strip():
                return
            names = value.replace(",", " ").split()
            gone = [t for t in names if t.lstrip("#").casefold() in {h.casefold() for h in have}]
            new = [t for t in names if t not in gone]
            if gone:
                safely(lambda: marks.untag(anchor, *gone), lambda m: f"Untagged {' '.join(gone)}")
            if new:
                safely(lambda: marks.tag(anchor, *new), lambda m: f"Tagged {' '.join(new)}")

        hint = "Tags, separated by spaces (a tag the row has already is taken off)."
        if have:
            hint += f"\nThis row: {' '.join('#' + t for t in have)}"
        app.push_screen(TextPrompt("Tag", hint, suggestions=known), tagged)
    elif what == "note":

        def noted(value: str | None) -> None:
            if value is None:
                return
            safely(
                lambda: marks.note(anchor, value),
                lambda m: "Note kept" if value.strip() else "Note removed",
            )

        app.push_screen(
            TextPrompt(
                "Note", "A note on this row (empty removes it).", current.note if current else ""
            ),
            noted,
        )


# ---------------------------------------------------------------------- the case file


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One item of the case file, as the list shows it."""

    mark: Mark
    record: dict[str, Any]  # explorer.casefile.item(mark): sentence, title, date, ...


class CaseFileList(CorpusList):
    """Every marked, starred, tagged or noted item: what it is, its sentence, document, date."""

    BINDING_GROUP_TITLE = "Case file"
    KIND = "casefile"
    EXPORT_COLUMNS = COLUMNS
    COLUMNS = (
        Column("Kind", 8),
        Column("Item", 20, flex=3),
        Column("Tags", 10, flex=1, hide_below=70),
        Column("Document", 12, flex=1, hide_below=90),
        Column("Date", 10, hide_below=60),
        Column("Note", 10, flex=1, hide_below=110),
    )
    EMPTY = (
        "Nothing in the case file yet.\n"
        "In any list: space marks a row, * stars it, # tags it, N writes a note on it."
    )

    def render_row(self, row: CaseRow, widths: list[int]) -> list[Text | str]:
        r = row.record
        what = r["text"] if r["kind"] != "sentence" else r["sentence"] or r["text"]
        if r["kind"] == "document":
            what = r["title"] or r["doc"]
        item_text = Text(end="")
        if r["status"]:
            # First, so a long item cut to the column never hides that its document changed.
            item_text.append(f"{r['status']} · ", style=self.style("group"))
        item_text.append(plain(str(what)))
        return [
            r["kind"] if not r["predicate"] else f"{r['kind']}:{r['predicate']}"[:12],
            item_text,
            plain(" ".join(f"#{t}" for t in r["tags"])),
            plain(r["title"] if r["kind"] != "document" else ""),
            r["date"] or (NO_DATE if r["doc"] else ""),
            plain(r["note"]),
        ]

    def export_records(self) -> list[dict[str, Any]]:
        return [row.record for row in self.rows if isinstance(row, CaseRow)]

    def facets(self) -> dict[str, Any]:
        return {
            "kind": lambda r: [r.record["kind"]],
            "tag": lambda r: list(r.record["tags"]) or ["(no tag)"],
            "document": lambda r: [r.record["doc"]] if r.record["doc"] else [],
            "date": lambda r: [r.record["date"] or NO_DATE],
        }


class CaseFileScreen(Screen):
    """The case file (`c`): every marked item; Enter opens it, `x` writes a report."""

    BINDING_GROUP_TITLE = "Case file"
    HELP = "space * # N change the item's marks; Enter opens it; x writes a report; Esc closes."
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,c", "close", "Close", id="casefile.close"),
        Binding(
            "x",
            "report",
            "Report",
            id="casefile.report",
            tooltip="Write the case file (.md, .csv, .jsonl)",
        ),
    ]

    DEFAULT_CSS = """
    CaseFileScreen #casefile-title { height: 1; padding: 0 1; background: $panel; color: $text-accent; text-style: bold; }
    """

    @property
    def explorer(self) -> ExplorerApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static("Case file", id="casefile-title", markup=False)
        row_list = CaseFileList(id="casefile-list")
        row_list.reader = self.explorer.reader
        yield row_list
        yield Footer()

    def on_mount(self) -> None:
        self.load()
        self.query_one(CaseFileList).focus()

    def load(self) -> None:
        case_file = self.explorer.case_file
        if case_file is None:
            return
        store = case_file.reader.store
        texts: dict[str, str] = {}
        with case_file.reader._lock:
            checked = case_file.marks.checked(store, case_file.all())
            rows = [CaseRow(m, item(m, store, texts)) for m in checked]
        row_list = self.query_one(CaseFileList)
        row_list.set_rows(rows, keep=True)
        changed = sum(1 for r in rows if r.mark.status)
        title = f"Case file · {pluralise(len(rows), 'item')}"
        tags = case_file.marks.tags()
        if tags:
            title += " · " + " ".join(f"#{t} {n}" for t, n in tags.most_common(8))
        if changed:
            title += f" · {changed} changed since marked"
        self.query_one("#casefile-title", Static).update(Text(title))

    @on(RowList.Selected, "#casefile-list")
    def _open(self, event: RowList.Selected) -> None:
        r = event.row.record
        if r["kind"] == "entity":
            location = Location("entity", entity=r["entity"])
        elif r["doc"] and r["status"] != "document missing":
            start, end = r["start"], r["end"]
            location = Location(
                "document",
                doc=r["doc"],
                start=start,
                end=end,
                highlights=((start, end),) if start is not None else (),
            )
        else:
            self.notify("Its document is no longer in the store.", severity="warning")
            return
        self.dismiss()
        self.explorer.open_location(location)

    def action_close(self) -> None:
        self.dismiss()

    def action_report(self) -> None:
        self.app.push_screen(ReportScreen(self.query_one(CaseFileList)))


class ReportScreen(ExportScreen):
    """Where to write the case file: .md writes Markdown, .csv CSV, else JSON Lines."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"{pluralise(self.source.row_count, 'item')} of the case file, each with its "
                "sentence, document title, date, path and offsets.\n"
                "A path ending in .md writes Markdown, .csv CSV, any other JSON Lines. "
                "Enter writes, Esc cancels.",
                markup=False,
            )
            yield Input(value="explorer-casefile.md", id="export-path")
            yield Static("", id="export-error", markup=False)

    BOX_TITLE = "Case file report"
    NOUN = "item"
    DONE_TITLE = "Case file"

    def writer(self, path: Path) -> Callable[[], int]:
        records = self.source.export_records()  # the marks as they are now, read here
        return lambda: write_report(records, path)
