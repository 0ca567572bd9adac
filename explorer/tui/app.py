"""ExplorerApp and `make_app`, the one factory the CLI and the tests build the app with.

The app owns the store (opened, ingested and indexed in a worker so the first screen paints
at once with a visible progress line), the history of what was opened (Esc and `[` go back,
`]` forward) and the command palette.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

import explorer
from explorer.model import DocumentSummary, document_id_path
from explorer.tui.commands import (
    DocumentCommands,
    EntityCommands,
    LabelCommands,
    SavedSearchCommands,
)
from explorer.tui.data import StoreReader
from explorer.tui.marking import CaseFile
from explorer.tui.messages import (
    CorpusFailed,
    CorpusProgress,
    CorpusReady,
    FilterEntities,
    Location,
    Open,
    RunSearch,
    ShowPane,
    StoreChanged,
)
from explorer.tui.render import plain, pluralise
from explorer.tui.screens.base import HistoryScreen
from explorer.tui.screens.main import FIRST_PAINT_WAIT_S, MainScreen
from explorer.tui.searches import SearchMemory
from explorer.tui.widgets.rows import RowList

if TYPE_CHECKING:
    from explorer.store import Store

SEEDS = Path(explorer.__file__).parent / "seeds"
#: How often the live view checks the store file for another process's commit.
LIVE_POLL_S = 1.0


class ExplorerApp(App[None]):
    """Documents, entities, facts and search over one store."""

    TITLE = "explorer"
    CSS_PATH = "explorer.tcss"
    COMMANDS = App.COMMANDS | {
        DocumentCommands,
        EntityCommands,
        LabelCommands,
        SavedSearchCommands,
    }
    BINDING_GROUP_TITLE = "App"
    #: Classes on every screen by its size, for the layout at small sizes (explorer.tcss):
    #: under 80 columns the footer drops its palette hint (it was drawn over the keys);
    #: under 32 lines the preview shrinks, under 18 it goes, so the results keep the rows.
    # Textual declares these `ClassVar[...] | None`, which mypy reads as instance variables.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-tiny"),
        (18, "-short"),
        (32, "-tall"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave explorer"),
        # Textual's own, with a tooltip short enough for the help at 80 columns.
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, tooltip="Leave explorer"),
        Binding(
            "f5",
            "load_snapshot",
            "Load changes",
            show=False,
            id="app.load_snapshot",
            tooltip="Load what another process added to the store",
        ),
        Binding(
            "question_mark",
            "keys",
            "Keys",
            id="app.keys",
            tooltip="Every key of the focused pane and the app",
        ),
    ]

    def __init__(
        self, db_path: Path, ingest_paths: Sequence[Path] = (), store: Store | None = None
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        #: The store `explorer` opened to check it before any screen: used, not opened again.
        self._opened = store
        self.ingest_paths = tuple(Path(p) for p in ingest_paths)
        self.reader: StoreReader | None = None
        #: Why the app closed without showing anything (a damaged store, ...): one line for
        #: the caller to print once the terminal is back.
        self.exit_message: str | None = None
        #: The clock behind the "N results in X ms" line (tests freeze it for snapshots).
        self.clock: Callable[[], float] = time.perf_counter
        #: Whether the reader writes each mention's label after it (`t` toggles, remembered).
        self.show_tags = True
        #: Past and saved queries, in a small file beside the store (see tui/searches.py).
        self.searches = SearchMemory.beside(self.db_path)
        self.history: list[Location] = [Location("main")]
        #: A newer version of the store, read while the user was reading: (store, index, what
        #: changed); applied on F5 or back on the main screen.
        self.pending: StoreChanged | None = None
        self._polling = False
        self.position = 0
        self.main = MainScreen()
        self._case_file: CaseFile | None = None
        #: Set once the first screen's documents are painted: what loads next (the index,
        #: the entities and facts) waits for it, so the first screen comes first.
        self.documents_shown = threading.Event()

    # ------------------------------------------------------------------ case file

    @property
    def case_file(self) -> CaseFile | None:
        """The store's marks, stars, tags and notes (None until the store is open)."""
        if self._case_file is None and self.reader is not None:
            self._case_file = CaseFile(self.reader)
        return self._case_file

    @on(RowList.MarkRow)
    def handle_mark_row(self, event: RowList.MarkRow) -> None:
        from explorer.tui.screens.casefile import mark_row

        mark_row(self, event)

    def open_case_file(self) -> None:
        from explorer.tui.screens.casefile import CaseFileScreen

        if self.case_file is None:
            self.notify("The store is still loading.", severity="warning")
            return
        self.push_screen(CaseFileScreen())

    def get_default_screen(self) -> Screen:
        return self.main

    def on_mount(self) -> None:
        keymap, problem = load_keymap()
        if keymap:
            self.set_keymap(keymap)
        if problem:
            self.notify(problem, title="Keymap ignored", severity="warning", markup=False)

    def start(self) -> None:
        """Called by the main screen once mounted: open, ingest and index in a worker."""
        self.load_corpus(self.ingest_paths, first=True)

    # ------------------------------------------------------------------ corpus

    @work(exclusive=True, group="corpus", thread=True)
    def load_corpus(self, paths: Sequence[Path], first: bool = False) -> None:
        """Open the store, ingest what was asked (the bundled seeds when empty), load the index."""
        from explorer.store import Store, StoreError

        def say(text: str, done: int = 0, total: int = 0) -> None:
            self.post_message(CorpusProgress(text, done, total))

        try:
            if self.reader is None:
                say("Opening the store …")
                store = self._opened or Store.open(self.db_path)
                self._opened = None
            else:
                store = self.reader.store
            to_ingest = list(paths)
            if first and not to_ingest and store.is_empty():
                to_ingest = [SEEDS]
            if to_ingest:
                names = plain(", ".join(p.name or str(p) for p in to_ingest[:3]))
                say(f"Ingesting {names} …")

                def progress(done: int, total: int, path: object) -> None:
                    say(f"Ingesting {done:,}/{total:,}: {plain(Path(str(path)).name)}", done, total)

                start_resource_tracker()
                report = store.ingest(to_ingest, progress=progress)
                failed = list(getattr(report, "failed", []) or [])
                if not first:
                    self.call_from_thread(
                        self.notify,
                        ingest_summary(report),
                        title=f"Re-ingested {names}",
                        markup=False,
                    )
                if failed:
                    self.call_from_thread(
                        self.notify,
                        "\n".join(plain(str(f)) for f in failed[:5])
                        + (f"\n… and {len(failed) - 5} more" if len(failed) > 5 else ""),
                        title=f"{pluralise(len(failed), 'file')} could not be read",
                        severity="warning",
                        timeout=10,
                        markup=False,
                    )
            if self.reader is None:
                # The documents show while the index loads (a search waits for it): the
                # first screen of a large store is not held up by its index.
                self.reader = StoreReader(store)
                self.post_message(CorpusReady())
                self.documents_shown.wait(FIRST_PAINT_WAIT_S)  # no GIL taken from that paint
                from explorer.search import SearchIndex  # after it, too (numpy: 0.1 CPU-s)

                try:
                    self.reader.set_index(SearchIndex.load_or_build(store))
                finally:
                    self.reader.index_ready.set()  # a failed load: searches find nothing
                return
            say("Loading the search index …")
            from explorer.search import SearchIndex

            index = SearchIndex.load_or_build(store)
        except StoreError as exc:
            if self.reader is None:
                # Nothing to show: like every other command, one clear line and exit 2
                # (a damaged store, a newer schema, another explorer writing to it).
                self.exit_message = str(exc)  # the caller prints it, on one line
                self.call_from_thread(self.exit, None, 2)
                return
            self.post_message(CorpusFailed(str(exc)))
            return
        except Exception as exc:  # a bug below the TUI: say what failed, in one line
            problem = f"could not load {self.db_path}: {type(exc).__name__}: {exc}"
            if self.reader is None:
                self.exit_message = problem
                self.call_from_thread(self.exit, None, 1)
                return
            self.post_message(CorpusFailed(problem))
            return
        reader = self.reader
        if reader is not None:  # always: the first open returned above
            reader.refresh()
            reader.set_index(index)
        self.post_message(CorpusReady())

    @on(CorpusProgress)
    def handle_progress(self, event: CorpusProgress) -> None:
        self.main.say(event.text)

    @on(CorpusReady)
    def handle_ready(self) -> None:
        self.main.load_panes()
        if not self._polling:
            self._polling = True
            self.set_interval(LIVE_POLL_S, self.poll_store, name="live view")

    # ------------------------------------------------------------------ live view

    def poll_store(self) -> None:
        """Once a second: has another process committed to the store? One stat through the
        store API; only a change costs more (read and index it in a worker)."""
        reader = self.reader
        if reader is None or self.pending is not None or self._busy():
            return
        if reader.store.changed_on_disk():
            self.read_new_snapshot()

    def _busy(self) -> bool:
        return any(w.group in ("corpus", "live") and w.is_running for w in self.workers)

    @work(exclusive=True, group="live", thread=True)
    def read_new_snapshot(self) -> None:
        """The store's new version, opened beside the one shown (which stays whole while the
        user reads) and indexed; posted as StoreChanged when its content changed."""
        from explorer.search import SearchIndex
        from explorer.store import Store

        reader = self.reader
        if reader is None:
            return
        old = reader.store
        try:
            store = Store.open(self.db_path)
            if store.generation() == old.generation():
                old.refresh()  # our own commit, or a touch: the same content, now seen
                store.close()
                return
            self.call_from_thread(
                self.main.show_banner, "Another process changed the store: reading it …"
            )
            index = SearchIndex.load_or_build(store)
        except Exception as exc:  # a commit half seen, a damaged file: say so, keep the view
            self.call_from_thread(self.main.hide_banner)
            self.call_from_thread(
                self.notify,
                f"The store changed but could not be read: {type(exc).__name__}: {exc}",
                severity="warning",
                markup=False,
            )
            return
        summary = change_summary(reader.stats(), dict(store.stats()))
        self.post_message(StoreChanged(store, index, summary))

    @on(StoreChanged)
    def handle_store_changed(self, event: StoreChanged) -> None:
        if self.screen is self.main and len(self.screen_stack) == 1:
            self.apply_snapshot(event)
            return
        self.pending = event
        self.notify(
            f"{event.summary}. F5 loads it (or it loads back on the main screen).",
            title="The store changed",
            timeout=10,
            markup=False,
        )

    def action_load_snapshot(self) -> None:
        if self.pending is None:
            self.notify("The store has not changed since it was loaded.")
            return
        self.apply_snapshot(self.pending)

    def apply_snapshot(self, event: StoreChanged) -> None:
        """Show the new version: every pane reloaded where the user was, the banner says
        what changed."""
        self.pending = None
        if self.reader is None:
            return
        self.reader.swap(event.store, event.index)  # type: ignore[arg-type]
        self.main.reload(f"Store updated: {event.summary}")

    @on(CorpusFailed)
    def handle_failed(self, event: CorpusFailed) -> None:
        self.main.corpus_failed(event.error)
        self.notify(
            event.error,
            title="The store could not be opened",
            severity="error",
            timeout=15,
            markup=False,
        )

    def reingest(self) -> None:
        """Ingest the corpus again: changed files are re-read, unchanged ones cost nothing."""
        if self.reader is None:
            self.notify("The store is still loading.", severity="warning")
            return
        paths = self.reingest_paths()
        if not paths:
            self.notify(
                "No source files to re-read: start explorer with PATH... to ingest.",
                severity="warning",
            )
            return
        self.load_corpus(paths)

    def reingest_paths(self) -> list[Path]:
        """What re-ingest reads: the paths given on the command line, else the files and
        folders the store says were given to ingest (so files added there since are read
        too), else, for a store from before it kept them, the folders its documents came
        from."""
        if self.ingest_paths:
            return list(self.ingest_paths)
        assert self.reader is not None
        roots = getattr(self.reader.store, "roots", None)
        recorded = [r for r in roots() if r.exists()] if roots is not None else []
        return recorded or ingest_roots(self.reader.documents()) or [SEEDS]

    # ------------------------------------------------------------------ history

    def screen_for(self, location: Location) -> Screen:
        if location.kind == "document":
            from explorer.tui.screens.reader import ReaderScreen

            return ReaderScreen(location)
        from explorer.tui.screens.entity import EntityScreen

        return EntityScreen(location)

    @on(Open)
    def handle_open(self, event: Open) -> None:
        self.open_location(event.location)

    def open_location(self, location: Location) -> None:
        """Open `location` on top of what is shown, dropping any forward history."""
        if self.reader is None:
            self.notify("The store is still loading.", severity="warning")
            return
        self._close_modals()
        del self.history[self.position + 1 :]
        self.history.append(location)
        self.position += 1
        self.push_screen(self.screen_for(location))

    def _close_modals(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HistoryScreen):
            self.pop_screen()

    def go_back(self) -> None:
        if self.position == 0 or len(self.screen_stack) <= 1:
            self.bell()
            return
        self.position -= 1
        self.pop_screen()

    def go_forward(self) -> None:
        if self.position >= len(self.history) - 1:
            self.bell()
            return
        self.position += 1
        self.push_screen(self.screen_for(self.history[self.position]))

    # ------------------------------------------------------------------ app-wide actions

    @on(FilterEntities)
    def handle_filter_entities(self, event: FilterEntities) -> None:
        self._back_to_main()
        self.main.filter_entities(event.label)

    @on(ShowPane)
    def handle_show_pane(self, event: ShowPane) -> None:
        self._back_to_main()
        self.main.show_pane(event.pane)

    def _back_to_main(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.position = 0

    def action_keys(self) -> None:
        from explorer.tui.screens.help import HelpScreen, binding_rows

        screen = self.screen
        focused = screen.focused
        intro = ["Every key that works here, the focused pane's first."]
        for node in (focused, screen):
            text = getattr(node, "HELP", None) if node is not None else None
            if text:
                intro.append(text)
        self.push_screen(HelpScreen(binding_rows(self, screen), "\n".join(intro)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Re-ingest the corpus",
            "Read the source files again (changed ones replace their facts)",
            self.reingest,
        )
        for pane, title in (
            ("documents", "Documents"),
            ("entities", "Entities"),
            ("facts", "Facts"),
            ("search", "Search results"),
        ):
            yield SystemCommand(
                f"Go to {title}",
                f"Show the {title.lower()} pane",
                lambda pane=pane: self.post_message(ShowPane(pane)),
            )
        if isinstance(screen, HistoryScreen):
            yield SystemCommand(
                "Frequency of this list",
                "Counts by label, predicate, subject, author, document or date",
                screen.action_frequency,
            )
            yield SystemCommand(
                "Export this list", "JSON Lines or CSV, with provenance", screen.action_export
            )
            yield SystemCommand("Back", "Back in the history of what was opened", self.go_back)
            yield SystemCommand("Forward", "Forward in the history", self.go_forward)
        yield SystemCommand("Search", "Focus the search box", self.focus_search)
        yield SystemCommand(
            "Where is the store?",
            "Show the store's path",
            lambda: self.notify(str(self.db_path), title="Store", markup=False),
        )
        query = self.main.query_one("#search").value.strip()  # type: ignore[attr-defined]
        if query:
            yield SystemCommand(
                "Save this search",
                f"Keep “{query}” in the saved searches (palette: Saved search)",
                lambda: self.save_search(query),
            )

    def save_search(self, query: str) -> None:
        if self.searches.save(query):
            self.notify(f"Saved “{query}”: Ctrl+P → Saved search runs it again.", markup=False)
        else:
            self.notify(f"“{query}” is saved already.", markup=False)

    @on(RunSearch)
    def handle_run_search(self, event: RunSearch) -> None:
        self._back_to_main()
        self.main.run_query(event.query)

    def focus_search(self) -> None:
        """`/` from anywhere: back to the main screen (forward history kept), search box."""
        self._back_to_main()
        self.main.action_search()


def change_summary(before: dict, after: dict) -> str:
    """What another process changed, in a line: "+347 documents, +1,204 facts"."""
    parts = []
    for name, one in (
        ("documents", "document"),
        ("facts", "fact"),
        ("entities", "entity"),
        ("sentences", "sentence"),
    ):
        delta = int(after.get(name, 0)) - int(before.get(name, 0))
        if delta:
            parts.append(f"{'+' if delta > 0 else '−'}{pluralise(abs(delta), one, name)}")
    return ", ".join(parts) or "documents changed (the same counts)"


def ingest_summary(report: object) -> str:
    """What a re-ingest changed, in a line: "2 added, 1 updated, 2,125 unchanged"."""
    parts = [
        f"{getattr(report, name, 0):,} {name}"
        for name in ("added", "updated", "unchanged", "pruned")
        if getattr(report, name, 0) or name != "pruned"
    ]
    failed = len(getattr(report, "failed", []) or [])
    if failed:
        parts.append(f"{failed:,} failed")
    return ", ".join(parts)


def ingest_roots(documents: Iterable[DocumentSummary]) -> list[Path]:
    """The folders `documents` were ingested from, outermost only, that still exist.

    The store keeps each document's file path and an id that is the path relative to the
    folder given to ingest ("business/001.txt" from bbc/), so that folder is the path with
    the id taken off its end. An id that is a bare file name says only which folder holds
    the file: that folder it is.
    """
    roots: set[Path] = set()
    for doc in documents:
        if not doc.path:
            continue
        path = Path(doc.path)
        relative = document_id_path(doc.id)
        posix = path.as_posix()
        if "/" in relative and posix.endswith("/" + relative):
            roots.add(Path(posix[: -len(relative) - 1]))
        else:
            roots.add(path.parent)
    existing = sorted(r for r in roots if r.is_dir())
    return [r for r in existing if not any(o != r and o in r.parents for o in existing)]


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr before the store's pool.

    While Textual runs, sys.stderr is its capture object, whose fileno() is -1; the tracker
    passes that descriptor to its child and the pool that parses files dies with "bad
    value(s) in fds_to_keep". Started once here (its warnings to /dev/null), it is reused.
    """
    from multiprocessing import resource_tracker

    with open(os.devnull, "w") as sink:
        saved = sys.stderr
        sys.stderr = sink
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = saved


def keymap_path() -> Path:
    """Where a person remaps keys: `binding id = "keys"` lines, e.g. `"list.down" = "down,j,ctrl+n"`."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("explorer")) / "keymap.toml"


def load_keymap() -> tuple[dict[str, str], str | None]:
    """The user's keymap (binding id -> keys), and a line saying what was wrong, if anything."""
    import tomllib

    path = keymap_path()
    if not path.exists():
        return {}, None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, f"{path}: {exc}"
    keymap = {str(k): v for k, v in data.items() if isinstance(v, str)}
    skipped = [str(k) for k, v in data.items() if not isinstance(v, str)]
    return keymap, (f"{path}: not a string of keys: {', '.join(skipped)}" if skipped else None)


def make_app(
    db_path: Path | str, ingest_paths: Iterable[Path | str] = (), store: Store | None = None
) -> ExplorerApp:
    """The app as users get it: `explorer [--db PATH] [PATH...]` runs `make_app(...).run()`
    (with the store it opened, when it did: opening 200,000 documents twice cost 0.8 s)."""
    return ExplorerApp(Path(db_path), tuple(Path(p) for p in ingest_paths), store)
