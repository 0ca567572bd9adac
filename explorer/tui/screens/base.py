"""What every browsing screen shares: history keys, the frequency view and export.

The main screen, the reader and an entity's detail are history entries: Esc and `[` go back,
`]` goes forward, as a browser does. Shift+F and `x` act on the list that has focus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

from explorer.tui.widgets.rows import Drill, RowList

if TYPE_CHECKING:
    from explorer.tui.app import ExplorerApp


class HistoryScreen(Screen):
    """A screen that is one entry of the back/forward history."""

    BINDING_GROUP_TITLE = "Screen"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "back", "Back", id="screen.back", tooltip="Go back to what was open before"
        ),
        Binding(
            "left_square_bracket,alt+left",
            "back",
            "Back",
            show=False,
            id="history.back",
            tooltip="Back in the history of what was opened",
        ),
        Binding(
            "right_square_bracket,alt+right",
            "forward",
            "Forward",
            show=False,
            id="history.forward",
            tooltip="Forward in the history of what was opened",
        ),
        Binding(
            "slash",
            "search",
            "Search",
            id="screen.search",
            tooltip="Search sentences, entities and facts",
            # Checked before the key goes to the focused list, so the search box has focus
            # before the keys typed right after '/' are handed out (see check_action).
            priority=True,
        ),
        Binding(
            "F",
            "frequency",
            "Frequency",
            show=False,
            id="screen.frequency",
            tooltip="Count this list by label, author, date, ...",
        ),
        Binding(
            "x",
            "export",
            "Export",
            show=False,
            id="screen.export",
            tooltip="Write this list to JSON Lines or CSV",
        ),
        Binding(
            "c",
            "case_file",
            "Case file",
            show=False,
            id="screen.case_file",
            tooltip="Marked, starred, tagged rows; x: a report",
        ),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # '/' is a character in a text box (a path, a query), not the search key.
        return not (action == "search" and isinstance(self.focused, Input))

    @property
    def explorer(self) -> ExplorerApp:
        return self.app  # type: ignore[return-value]

    def current_list(self) -> RowList | None:
        """The list the frequency view and export act on: the focused one, else the first."""
        focused = self.focused
        if isinstance(focused, RowList):
            return focused
        for row_list in self.query(RowList):
            if row_list.display and row_list.region.area:
                return row_list
        return None

    def action_back(self) -> None:
        self.explorer.go_back()

    def action_search(self) -> None:
        self.explorer.focus_search()

    def action_forward(self) -> None:
        self.explorer.go_forward()

    def action_frequency(self) -> None:
        row_list = self.current_list()
        if row_list is None or not row_list.facets():
            self.notify("This list has nothing to count.", severity="warning")
            return
        if not row_list.row_count:
            self.notify("This list is empty: nothing to count.", severity="warning")
            return

        def show() -> None:
            self._show_frequency(row_list)

        self.with_every_row(row_list, show)

    def with_every_row(self, row_list: RowList, then: Callable[[], object]) -> None:
        """Call `then` once `row_list` holds every row it pages (x and F work on them all)."""
        then()

    def _show_frequency(self, row_list: RowList) -> None:
        from explorer.tui.screens.frequency import FrequencyScreen

        def drill(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            facet, value = result
            values_of = row_list.facets()[facet]
            row_list.push_drill(Drill(facet, value), lambda row: value in values_of(row))
            row_list.focus()
            self.drill_changed(row_list)

        self.app.push_screen(FrequencyScreen(row_list), drill)

    def drill_changed(self, row_list: RowList) -> None:
        """A drill-down filter was set or cleared on `row_list` (screens update toolbars)."""

    def action_timeline(self) -> None:
        """`t`: the list that has focus charted by date; Enter on a bar narrows the list."""
        row_list = self.current_list()
        if row_list is None or "date" not in row_list.facets():
            self.notify("This list has no dates to chart.", severity="warning")
            return
        from explorer.tui.screens.timeline import TimelineScreen

        def narrow(value: str | None) -> None:
            if value is not None:
                self.narrow_to_period(row_list, value)

        screen = TimelineScreen(
            row_list, self.timeline_title(row_list), search_box=self.timeline_search_box(row_list)
        )
        self.app.push_screen(screen, narrow)

    def timeline_title(self, row_list: RowList) -> str:
        """The timeline's title for `row_list`."""
        return f"Timeline of {row_list.KIND}"

    def timeline_search_box(self, row_list: RowList) -> Input | None:
        """The search box the timeline of `row_list` follows (the results' only)."""
        return None

    def narrow_to_period(self, row_list: RowList, value: str) -> None:
        """Keep the rows of `row_list` dated within the period `value` (Esc drops it)."""
        from explorer.tui.widgets.timeline import within

        values_of = row_list.facets()["date"]
        row_list.push_drill(
            Drill("date", value), lambda row: any(within(v, value) for v in values_of(row))
        )
        row_list.focus()
        self.drill_changed(row_list)

    def action_case_file(self) -> None:
        self.explorer.open_case_file()

    def action_export(self) -> None:
        row_list = self.current_list()
        if row_list is None:
            self.notify("Nothing to export here.", severity="warning")
            return
        from explorer.tui.screens.export import ExportScreen

        self.with_every_row(row_list, lambda: self.app.push_screen(ExportScreen(row_list)))
