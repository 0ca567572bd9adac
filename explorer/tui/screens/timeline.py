"""The timeline (`t`): the rows of a list, a search's results or an entity's mentions counted
by day, week, month, quarter or year, as bars; Enter narrows to a bar's period, Esc goes back.

The grain is picked to fit the span; `+` zooms in (finer), `-` out. Over the search results
it follows the search: what is typed in its box goes to the search box, and the bars are
redrawn from the results as they come.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input

from explorer.tui.render import pluralise
from explorer.tui.widgets.panes import Aside, Toolbar
from explorer.tui.widgets.rows import GroupRow, RowList
from explorer.tui.widgets.timeline import GRAINS, BarList, BarRow, Timeline, count_periods

#: What a timeline counts, by the kind of list: one and many.
ROW_WORDS: dict[str, tuple[str, str | None]] = {
    "documents": ("document", None),
    "entities": ("entity", "entities"),
    "facts": ("fact", None),
    "search": ("result shown", "results shown"),  # the page of each group, not every hit
    "mentions": ("mention", None),
}


def row_dates(source: RowList) -> Callable[[Any], Iterable[str]] | None:
    """How a list's rows give their dates (its `date` facet), or None when they do not."""
    return source.facets().get("date")


class TimelineScreen(ModalScreen[str | None]):
    """Bars of a list's rows by period; dismissed with the period Enter chose, or None."""

    BINDING_GROUP_TITLE = "Timeline"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Back", id="timeline.back"),
        Binding("q", "dismiss_none", "Back", show=False, id="timeline.close"),
        Binding("plus,equals_sign", "zoom(-1)", "Zoom in", id="timeline.zoom_in"),
        Binding("minus", "zoom(1)", "Zoom out", id="timeline.zoom_out"),
        Binding("question_mark", "app.keys", "Keys", id="timeline.keys"),
    ]

    DEFAULT_CSS = """
    TimelineScreen { align: center middle; }
    TimelineScreen > #timeline-box { width: 90%; max-width: 110; height: 85%;
        background: $surface; border: round $accent; border-title-color: $text-accent; }
    TimelineScreen #timeline-search { height: 1; border: none; padding: 0 1;
        background: $panel; }
    TimelineScreen BarList { height: 1fr; }
    """

    def __init__(
        self,
        source: RowList,
        title: str = "",
        *,
        search_box: Input | None = None,
    ) -> None:
        super().__init__()
        self.source = source
        self.title_text = title or f"Timeline of {source.KIND}"
        self.search_box = search_box
        self.grain: str | None = None  # None until the first count picks one to fit
        self.timeline: Timeline | None = None
        self._seen: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-box"):
            yield Toolbar(id="timeline-toolbar")
            if self.search_box is not None:
                yield Input(
                    self.search_box.value,
                    placeholder="search, charted as you type",
                    id="timeline-search",
                    compact=True,
                )
            yield BarList(id="bar-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # Content, not a str: a str title is parsed as markup, and an entity's name is data.
        self.query_one("#timeline-box").border_title = Content(self.title_text)
        self.query_one(BarList).focus()
        self.count()
        # The list can change under it (the results as a search runs): redraw when it does.
        self.set_interval(0.02, self._follow)

    def _rows_key(self) -> tuple[int, int]:
        rows = self.source.rows
        return id(rows), len(rows)

    def _follow(self) -> None:
        if self._rows_key() != self._seen:
            self.count()

    @work(exclusive=True, group="timeline")
    async def count(self) -> None:
        self._seen = self._rows_key()
        dates_of = row_dates(self.source)
        rows = [r for r in self.source.rows if not isinstance(r, GroupRow)]
        grain = self.grain

        def tally() -> Timeline:
            if dates_of is None:
                return count_periods((), grain)
            return count_periods((d for row in rows for d in dates_of(row)), grain)

        # Counting 20,000 rows takes a few ms: a thread would cost more than it saves.
        timeline = await asyncio.to_thread(tally) if len(rows) > 100_000 else tally()
        self.show(timeline, len(rows))

    def show(self, timeline: Timeline, rows: int) -> None:
        self.timeline = timeline
        self.grain = timeline.grain
        bars = self.query_one(BarList)
        bars.set_rows(timeline.bars, keep=True)
        word, plural = ROW_WORDS.get(self.source.KIND, ("row", None))
        parts: list[Any] = [f"{pluralise(timeline.dated, word, plural)} by {timeline.grain}"]
        if timeline.coarser:
            parts.append(Aside(f"{timeline.coarser:,} dated less precisely"))
        if timeline.undated:
            parts.append(Aside(f"{timeline.undated:,} undated"))
        parts.append(Aside("+/- zoom, Enter narrows"))
        self.query_one(Toolbar).say(*parts)

    def action_zoom(self, step: int) -> None:
        i = GRAINS.index(self.grain or "month") + step
        if not 0 <= i < len(GRAINS):
            self.app.bell()
            return
        self.grain = GRAINS[i]
        self.count()

    @on(Input.Changed, "#timeline-search")
    def _typed(self, event: Input.Changed) -> None:
        if self.search_box is not None and self.search_box.value != event.value:
            self.search_box.value = event.value  # the main screen searches as it always does

    @on(Input.Submitted, "#timeline-search")
    def _submitted(self) -> None:
        self.query_one(BarList).focus()

    @on(RowList.Selected, "#bar-list")
    def _narrow(self, event: RowList.Selected) -> None:
        row: BarRow = event.row
        if not row.count:
            self.app.bell()
            return
        self.dismiss(row.value)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
