"""The main screen: the search box over four panes (documents, entities, facts, results).

State lives here and flows down into the panes; the panes' lists post Selected messages up,
which become `Open` messages for the app (which keeps the history).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Footer, Input, Static, TabbedContent, TabPane, Tabs

from explorer.model import DocumentSummary, Entity, Fact, Hit
from explorer.tui.messages import open_document, open_entity
from explorer.tui.render import pluralise
from explorer.tui.screens.base import HistoryScreen
from explorer.tui.widgets.lists import HitList
from explorer.tui.widgets.panes import (
    Aside,
    DocumentsPane,
    EntitiesPane,
    FactsPane,
    Pane,
    Preview,
    SearchInput,
    SearchPane,
    Toolbar,
    set_reader,
)
from explorer.tui.widgets.rows import MoreRow, RowList

PANES = ("documents", "entities", "facts", "search")
#: While a search runs, a new key waits this long first (the next key cancels the wait).
DEBOUNCE_S = 0.03
#: The longest the index and the other panes wait for the first documents to be painted.
FIRST_PAINT_WAIT_S = 2.0
#: How long the banner saying what another process changed stays.
BANNER_S = 12.0
#: What a group's "more" row loads.
PAGE = 100
#: Loading every hit (End/G, x, F): the first batch, and the largest (batches double).
FIRST_BATCH = 500
MAX_BATCH = 20_000
#: Loading every hit stops at this many of a group (a common word in a big store).
WHOLE_LIMIT = 200_000


class MainScreen(HistoryScreen):
    """Search box, panes, status line and footer."""

    BINDING_GROUP_TITLE = "Main screen"
    AUTO_FOCUS = "#document-list"
    HELP = "d e f s pick a pane, Tab cycles them, / searches, Enter opens."

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "search",
            "Search",
            id="main.search",
            tooltip="Search sentences, entities and facts",
            priority=True,  # as on every screen: see HistoryScreen
        ),
        Binding(
            "d", "pane('documents')", "Docs", id="main.documents", tooltip="The documents pane"
        ),
        Binding(
            "e", "pane('entities')", "Entities", id="main.entities", tooltip="The entities pane"
        ),
        Binding("f", "pane('facts')", "Facts", id="main.facts", tooltip="The facts pane"),
        Binding(
            "s", "pane('search')", "Results", id="main.results", tooltip="The search results pane"
        ),
        Binding(
            "r",
            "reader",
            "Reader",
            show=False,
            id="main.reader",
            tooltip="The reader, at the document last opened",
        ),
        Binding(
            "escape",
            "back",
            "Back",
            show=False,
            id="main.back",
            tooltip="Leave the search box, then drop filters",
        ),
        Binding(
            "t",
            "timeline",
            "Timeline",
            show=False,  # the footer is full at 80 columns; ? lists it
            id="main.timeline",
            tooltip="This list counted by day, month or year",
        ),
        Binding("tab", "next_pane", "Next pane", show=False, id="main.next_pane"),
        Binding("shift+tab", "previous_pane", "Previous pane", show=False, id="main.previous_pane"),
    ]

    DEFAULT_CSS = """
    MainScreen #searchbar { height: 1; background: $panel; }
    MainScreen #search-icon { width: 3; padding: 0 1; color: $text-accent; text-style: bold; }
    MainScreen #search { width: 1fr; border: none; height: 1; padding: 0; }
    MainScreen #status { height: 1; padding: 0 1; color: $text-muted; background: $panel; }
    MainScreen #status.-error { color: $text-error; }
    MainScreen TabbedContent { height: 1fr; }
    MainScreen #live-banner { height: 1; padding: 0 1; display: none;
        background: $warning-muted; color: $text-warning; }
    MainScreen TabPane { padding: 0; }
    """

    _searches_running = 0
    _walked_to: str | None = None
    _banner_timer: Timer | None = None

    def __init__(self) -> None:
        super().__init__()
        from explorer.tui.searches import HistoryWalk, SearchMemory

        self._walk = HistoryWalk(SearchMemory())  # the app's memory, once mounted

    def compose(self) -> ComposeResult:
        with Horizontal(id="searchbar"):
            yield Static("/", id="search-icon", markup=False)
            yield SearchInput(
                placeholder='search: words, \'exact, "a phrase", !not, a|b, label:PERSON, doc:NAME',
                id="search",
                compact=True,
                select_on_focus=False,
            )
        yield Static("", id="live-banner", markup=False)
        with TabbedContent(id="panes", initial="documents"):
            with TabPane("Documents (d)", id="documents"):
                yield DocumentsPane(id="documents-pane")
            with TabPane("Entities (e)", id="entities"):
                yield EntitiesPane(id="entities-pane")
            with TabPane("Facts (f)", id="facts"):
                yield FactsPane(id="facts-pane")
            with TabPane("Search (s)", id="search-results"):
                yield SearchPane(id="search-pane")
        yield Toolbar(id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._walk.memory = self.explorer.searches
        self.query_one(Tabs).can_focus = False
        self.query_one("#document-list").focus()
        for name in ("documents", "entities", "facts"):
            self.pane(name).list_widget.empty_text = "Loading the store …"
        self.explorer.start()

    # ------------------------------------------------------------------ panes

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one("#panes", TabbedContent)

    def pane(self, name: str) -> Pane:
        return self.query_one(f"#{name}-pane", Pane)

    @property
    def active_pane(self) -> str:
        active = self.tabs.active or "documents"  # '' until the tabs have mounted
        return "search" if active == "search-results" else active

    def show_pane(self, name: str, *, focus: bool = True) -> None:
        self.tabs.active = "search-results" if name == "search" else name
        if focus:
            self.pane(name).focus_list()

    def action_pane(self, name: str) -> None:
        self.show_pane(name)

    def action_reader(self) -> None:
        """Back into the reader, at the document (and sentence) opened last."""
        for location in reversed(self.explorer.history):
            if location.kind == "document":
                self.explorer.open_location(location)
                return
        self.notify("No document opened yet: Enter on a document, fact or result opens one.")

    def action_next_pane(self) -> None:
        self._cycle(1)

    def action_previous_pane(self) -> None:
        self._cycle(-1)

    def _cycle(self, step: int) -> None:
        i = PANES.index(self.active_pane)
        self.show_pane(PANES[(i + step) % len(PANES)])

    @on(TabbedContent.TabActivated)
    def _tab_clicked(self, event: TabbedContent.TabActivated) -> None:
        pane = "search" if event.pane.id == "search-results" else event.pane.id
        if pane and not isinstance(self.focused, Input):
            self.pane(pane).focus_list()

    def leave_input(self, box: Input, key: str) -> None:
        """Down or Esc in the search or narrowing box: on to the list below it."""
        if box.id == "search":
            self.remember_query()
            self.show_pane("search")
        elif key == "escape":
            self.pane(self.active_pane).clear_filters()
            self.pane(self.active_pane).focus_list()
        else:
            self.pane(self.active_pane).focus_list()

    def action_back(self) -> None:
        """Esc: leave the search box, then drop filters; the main screen is history's start."""
        focused = self.focused
        if isinstance(focused, Input):
            if focused.id == "search":
                self.remember_query()
                self.show_pane("search")
            else:
                self.pane(self.active_pane).clear_filters()
                self.pane(self.active_pane).focus_list()
            return
        if self.active_pane == "search" and self.paging():
            self.workers.cancel_group(self, "paging")
            pane = self.query_one(SearchPane)
            pane.paging = False
            pane.refresh_toolbar()
            return
        if not self.pane(self.active_pane).clear_filters():
            self.explorer.go_back()

    def timeline_search_box(self, row_list: RowList) -> Input | None:
        if row_list is self.query_one(SearchPane).list_widget:
            return self.query_one("#search", Input)
        return None

    def timeline_title(self, row_list: RowList) -> str:
        if row_list is self.query_one(SearchPane).list_widget:
            return "Timeline of the search results"
        return super().timeline_title(row_list)

    def narrow_to_period(self, row_list: RowList, value: str) -> None:
        """Search results narrow through the query (`date:PERIOD`, replacing one there)."""
        if row_list is not self.query_one(SearchPane).list_widget:
            super().narrow_to_period(row_list, value)
            return
        box = self.query_one("#search", Input)
        kept = [w for w in box.value.split() if not w.lower().startswith("date:")]
        box.value = " ".join([*kept, f"date:{value}"]) + " "
        self.show_pane("search")

    def drill_changed(self, row_list: RowList) -> None:
        for pane in self.query(Pane):
            if pane.list_widget is row_list:
                pane.refresh_toolbar()

    def current_list(self) -> RowList | None:
        focused = self.focused
        if isinstance(focused, RowList):
            return focused
        return self.pane(self.active_pane).list_widget

    # ------------------------------------------------------------------ corpus

    def say(self, *parts: str, error: bool = False) -> None:
        status = self.query_one("#status", Toolbar)
        status.set_class(error, "-error")
        status.say(*parts)

    def corpus_failed(self, error: str) -> None:
        self.say(error, error=True)
        for pane in self.query(Pane):
            pane.list_widget.empty_text = "The store could not be opened: see the line below."
            pane.list_widget.refresh()

    def reload(self, banner: str) -> None:
        """A new version of the store: every pane again, the cursors on the rows they were
        on, the query run again; the banner says what changed."""
        self.load_panes(keep=True)
        self.show_banner(banner, hide_after=BANNER_S)

    def show_banner(self, text: str, hide_after: float | None = None) -> None:
        """One line over the panes: what another process changed in the store."""
        shown = self.query_one("#live-banner", Static)
        shown.update(text)
        shown.display = True
        if self._banner_timer is not None:
            self._banner_timer.stop()
            self._banner_timer = None
        if hide_after is not None:
            self._banner_timer = self.set_timer(hide_after, self.hide_banner)

    def hide_banner(self) -> None:
        self.query_one("#live-banner", Static).display = False

    def on_screen_resume(self) -> None:
        # Back from reading: a version of the store that came meanwhile is shown now.
        pending = self.explorer.pending
        if pending is not None:
            self.explorer.apply_snapshot(pending)

    @work(exclusive=True, group="load", thread=True)
    def load_panes(self, keep: bool = False) -> None:
        """Read documents, entities and facts off the UI thread, then fill the panes."""
        reader = self.explorer.reader
        if reader is None:
            return
        # The documents first: they are the first screen, and on a large store the
        # entities and facts take seconds more to read (issue 12: first screen < 1.5 s).
        documents = reader.documents()
        stats = reader.stats()
        # The marks each row's marker shows, read here: read by the first paint, it waited
        # for the reader's lock while the entities' read below held it.
        self.explorer.case_file  # noqa: B018
        self.app.call_from_thread(self._fill_documents, documents, stats, keep)
        self.explorer.documents_shown.wait(FIRST_PAINT_WAIT_S)  # the first screen comes first
        entities = reader.entities()
        facts = reader.facts()
        self.app.call_from_thread(self._fill, entities, facts, keep)
        reader.documents_of("")  # the index behind an entity's first page, read ahead

    def _fill_documents(
        self, documents: list[DocumentSummary], stats: dict, keep: bool = False
    ) -> None:
        reader = self.explorer.reader
        assert reader is not None
        set_reader(reader, *(pane.list_widget for pane in self.query(Pane)))
        self.query_one(DocumentsPane).load(documents, keep=keep)
        self.call_after_refresh(self.explorer.documents_shown.set)
        if self.focused is None:
            self.pane(self.active_pane).focus_list()
        self.say(  # at 80 columns the counts of sentences and mentions make room for facts
            pluralise(int(stats.get("documents", len(documents))), "document"),
            Aside(pluralise(int(stats.get("sentences", 0)), "sentence")),
            Aside(pluralise(int(stats.get("mentions", 0)), "mention")),
            pluralise(int(stats.get("entities", 0)), "entity", "entities"),
            pluralise(int(stats.get("facts", 0)), "fact"),
        )

    def _fill(self, entities: list[Entity], facts: list[Fact], keep: bool = False) -> None:
        self.query_one(EntitiesPane).load(entities, keep=keep)
        self.query_one(FactsPane).load(facts, keep=keep)
        if self.focused is None:
            self.pane(self.active_pane).focus_list()
        query = self.query_one("#search", Input).value
        if query.strip():
            self.run_search(query, keep=keep)

    def filter_entities(self, label: str | None) -> None:
        self.query_one(EntitiesPane).show_label(label)
        self.show_pane("entities")

    # ------------------------------------------------------------------ search

    def action_search(self) -> None:
        # Now, not after the keys already queued (Widget.focus waits for those): '/sanai'
        # typed in one go is a query, not '/' and then five pane keys.
        box = self.query_one("#search", Input)
        self.set_focus(box)
        # Selected: typing replaces the last query, an arrow key keeps it to edit.
        box.select_all()
        self._walk.reset()

    def run_query(self, query: str) -> None:
        """Show the results of `query` as if typed (a saved search, a history entry)."""
        box = self.query_one("#search", Input)
        box.value = query
        box.cursor_position = len(query)
        self.explorer.searches.remember(query)
        self.show_pane("search")

    def remember_query(self) -> None:
        """The query in the box was used (Enter, Down or Esc to the results, a result
        opened): it goes into the history Up walks."""
        self.explorer.searches.remember(self.query_one("#search", Input).value)
        self._walk.reset()

    def walk_history(self, box: Input, way: str) -> None:
        if way == "back":
            query = self._walk.back(box.value)
            if query is None:
                self.app.bell()
                return
        else:
            query = self._walk.forward()
            if query is None:  # not walking: Down goes on to the results
                self.leave_input(box, "down")
                return
        self._walked_to = query
        box.value = query
        box.cursor_position = len(query)

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        if event.value != self._walked_to:
            self._walk.reset()  # typed: Up starts again from the newest
        self._walked_to = None
        if event.value.strip() and self.active_pane != "search":
            self.show_pane("search", focus=False)
        self.run_search(event.value)

    @on(Input.Submitted, "#search")
    def _query_submitted(self) -> None:
        self.remember_query()
        hits = self.query_one(SearchPane).list_widget
        if hits.current is not None:
            hits.action_select()
        else:
            self.app.bell()

    @work(exclusive=True, group="search")
    async def run_search(self, query: str, keep: bool = False) -> None:
        """One keystroke's search: off the UI thread, cancelled by the next key.

        A key that arrives while a search is still running waits a moment first (the next
        key cancels the wait): a burst of keys costs one search, a lone key none of the wait.
        """
        pane = self.query_one(SearchPane)
        self.workers.cancel_group(self, "paging")  # pages of the old query are not wanted
        pane.paging = False
        if not query.strip():
            pane.show_groups(query, [], None)
            return
        if self._searches_running:
            await asyncio.sleep(DEBOUNCE_S)
        reader = self.explorer.reader
        if reader is None:
            return
        clock = self.explorer.clock
        started = clock()
        self._searches_running += 1
        try:
            groups = await asyncio.to_thread(reader.search_grouped, query)
        finally:
            self._searches_running -= 1
        elapsed = (clock() - started) * 1000
        pane.show_groups(query, groups, elapsed, keep=keep)

    # ------------------------------------------------------------------ paging

    @work(exclusive=True, group="paging")
    async def load_page(self, kind: str) -> None:
        """Enter on a group's "more" row: its next page, in place."""
        pane = self.query_one(SearchPane)
        reader = self.explorer.reader
        if reader is None:
            return
        query = pane.query_text
        group = await asyncio.to_thread(reader.search_page, query, kind, pane.loaded(kind), PAGE)
        if group is not None:
            pane.add_page(query, group, PAGE)

    @on(HitList.PageToEnd)
    def _page_to_end(self, event: HitList.PageToEnd) -> None:
        pane = self.query_one(SearchPane)
        self.load_rest(pane.unloaded()[-1:], to_end=True)

    @work(exclusive=True, group="paging")
    async def load_rest(
        self,
        kinds: Sequence[str],
        then: Callable[[], object] | None = None,
        to_end: bool = False,
    ) -> None:
        """Every hit of `kinds` not loaded yet, in pages that grow (each page re-ranks the
        hits before it), shown as they come; End/G follows the end, Esc stops."""
        pane = self.query_one(SearchPane)
        hits = pane.list_widget
        reader = self.explorer.reader
        if reader is None:
            return
        query = pane.query_text
        pane.paging = True
        try:
            for kind in kinds:
                size = FIRST_BATCH
                while pane.remaining(kind)[0] > 0 and pane.loaded(kind) < WHOLE_LIMIT:
                    offset = pane.loaded(kind)
                    group = await asyncio.to_thread(reader.search_page, query, kind, offset, size)
                    if group is None or pane.query_text != query:
                        return
                    pane.add_page(query, group, size)
                    if to_end:
                        hits.go_to_end()
                    size = min(max(size, offset), MAX_BATCH)
        finally:
            pane.paging = False
            pane.refresh_toolbar()
        capped = [k for k in kinds if pane.remaining(k)[0] > 0]
        if capped:
            self.notify(
                f"Loaded the first {WHOLE_LIMIT:,} of each group: narrow the query for the rest.",
                severity="warning",
            )
        if then is not None:
            then()

    def paging(self) -> bool:
        return any(
            w.group == "paging" and w.is_running and w.node is self for w in self.app.workers
        )

    def with_every_row(self, row_list: RowList, then: Callable[[], object]) -> None:
        """`x` and `F` on the results work on every hit, not the pages loaded: load the rest
        first (in the background, shown as it comes), then go on."""
        pane = self.query_one(SearchPane)
        if row_list is not pane.list_widget or not pane.unloaded():
            then()
            return
        total = sum(t for t, _ in pane.totals.values())
        self.notify(f"Loading all {total:,} results first …", markup=False)
        self.load_rest(pane.unloaded(), then=then)

    @on(RowList.Highlighted, "#hit-list")
    def _hit_highlighted(self, event: RowList.Highlighted) -> None:
        hit = event.row
        preview = self.query_one(Preview)
        if not isinstance(hit, Hit):
            preview.clear()
            return
        self.load_preview(hit)

    @work(exclusive=True, group="preview")
    async def load_preview(self, hit: Hit) -> None:
        reader = self.explorer.reader
        if reader is None:
            return
        paragraph = None
        if hit.doc and hit.kind != "entity" and hit.sentence >= 0:
            paragraph = await asyncio.to_thread(reader.paragraph, hit.doc, hit.sentence)
        title = reader.title(hit.doc) if hit.doc else (hit.label or "")
        if hit.kind == "entity":
            title = f"Entity · {hit.label or ''} · Enter opens its detail"
        self.query_one(Preview).show(title, paragraph, hit)

    # ------------------------------------------------------------------ opening

    @on(RowList.Selected, "#document-list")
    def _open_document(self, event: RowList.Selected) -> None:
        self.post_message(open_document(event.row.id))

    @on(RowList.Selected, "#entity-list")
    def _open_entity(self, event: RowList.Selected) -> None:
        self.post_message(open_entity(event.row.key))

    @on(RowList.Selected, "#fact-list")
    def _open_fact(self, event: RowList.Selected) -> None:
        fact: Fact = event.row
        self.post_message(
            open_document(fact.doc, fact.sentence, start=None, highlights=((fact.start, fact.end),))
        )

    @on(RowList.Selected, "#hit-list")
    def _open_hit(self, event: RowList.Selected) -> None:
        if isinstance(event.row, MoreRow):
            self.load_page(event.row.group)
            return
        self.remember_query()
        self.post_message(open_hit(event.row))


def open_hit(hit: Hit):
    """The Open message for a search hit: an entity's detail, or the reader at the sentence."""
    if hit.kind == "entity" and hit.entity:
        return open_entity(hit.entity)
    highlights: tuple[tuple[int, int], ...] = ()
    if hit.kind == "sentence" and hit.start >= 0:
        highlights = tuple((hit.start + s, hit.start + e) for s, e in hit.highlights)
    return open_document(hit.doc, hit.sentence, highlights=highlights)
