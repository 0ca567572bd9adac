"""`RowList`: a keyboard-driven list of any length, rendered a line at a time (Line API).

Only the rows on screen are ever turned into Strips (toolong's `log_lines.py` does the same),
so 100k rows cost what 30 do. Subclasses say how a row looks (`render_row`) and what it is
called in an export; the list owns the cursor, scrolling, the column header, the empty state
and the drill-down filter set from the frequency view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from explorer.tui.labels import COMPONENTS as LABEL_COMPONENTS
from explorer.tui.labels import component_style, label_css
from explorer.tui.render import fit, plain


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a RowList: a title, a width, and how it grows or hides."""

    title: str
    width: int = 8  # fixed width, or the minimum of a flexible column
    flex: int = 0  # share of the width left over (0: fixed)
    align: str = "left"
    hide_below: int = 0  # hidden when the list is narrower than this


@dataclass(frozen=True, slots=True)
class GroupRow:
    """A heading between rows ("Entities · 3", or "Facts · 25 of 393" when the rows shown
    are a page of more): shown, never selected."""

    title: str
    count: int = 0
    total: int = 0  # how many there are in all, when more than `count`
    at_least: bool = False  # `total` is a lower bound ("4,000+")


@dataclass(frozen=True, slots=True)
class MoreRow:
    """The last row of a group that has more rows than it shows ("75 more sentences · Enter
    loads the next page"): Enter on it posts `RowList.Selected`, and the screen loads the
    next page in place. Not a data row: never counted, exported or filtered out."""

    group: str  # what the screen pages (a search hit kind)
    name: str  # the rows' plural name, as the user reads it
    remaining: int
    at_least: bool = False  # `remaining` is a lower bound


def is_data(row: Any) -> bool:
    """Whether `row` is one of the list's rows proper (not a heading or a "more" row)."""
    return not isinstance(row, GroupRow | MoreRow)


def count_data(rows: Sequence[Any]) -> int:
    """How many of `rows` are rows proper (`is_data`), counted in C calls: the documents
    pane lists every document (191,232 calls of `is_data` took 0.1 CPU-s before the first
    paint)."""
    return len(rows) - sum(map(isinstance, rows, repeat(GroupRow | MoreRow)))


@dataclass(frozen=True, slots=True)
class Drill:
    """A filter set from the frequency view: rows whose `facet` has `value`."""

    facet: str
    value: str


class RowList(ScrollView, can_focus=True, inherit_bindings=False):
    """A scrolling list of rows with a cursor; Enter posts `RowList.Selected`."""

    BINDING_GROUP_TITLE = "List"
    HELP = "j/k or arrows move, g/G jump to the ends, Enter opens."

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("home,g", "first", "First", show=False, id="list.first"),
        Binding("end,G", "last", "Last", show=False, id="list.last"),
        Binding("pagedown,ctrl+d", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup,ctrl+u", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("enter", "select", "Open", id="list.open", tooltip="Open the row under the cursor"),
        # The case file (issue 12): every list marks, stars, tags and notes its rows.
        Binding(
            "space",
            "mark('mark')",
            "Mark",
            show=False,
            id="list.mark",
            tooltip="Mark or unmark the row (case file: c)",
        ),
        Binding(
            "asterisk",
            "mark('star')",
            "Star",
            show=False,
            id="list.star",
            tooltip="Star or unstar the row",
        ),
        Binding(
            "number_sign",
            "mark('tag')",
            "Tag",
            show=False,
            id="list.tag",
            tooltip="Tag the row (a tag it has: untag)",
        ),
        Binding(
            "N",
            "mark('note')",
            "Note",
            show=False,
            id="list.note",
            tooltip="Write a note on the row",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "rowlist--header",
        "rowlist--cursor",
        "rowlist--group",
        "rowlist--empty",
        "rowlist--match",
        "rowlist--dim",
        "rowlist--mention",
        *LABEL_COMPONENTS,
    }

    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        background: $surface;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
        padding: 0 0 0 1;
        & > .rowlist--header { text-style: bold; color: $text-muted; background: $surface; }
        & > .rowlist--cursor { background: $panel-lighten-2; text-style: bold; }
        &:focus > .rowlist--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
        & > .rowlist--group { text-style: bold; color: $text-accent; }
        & > .rowlist--empty { color: $text-muted; }
        & > .rowlist--match { text-style: bold reverse; color: $text-warning; }
        & > .rowlist--dim { color: $text-muted; }
        & > .rowlist--mention { text-style: bold underline; color: $text-accent; }
    }
    """ + label_css("RowList")

    COLUMNS: ClassVar[tuple[Column, ...]] = ()
    EMPTY: ClassVar[str] = "Nothing to show."

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class _RowMessage(Message):
        """Something happened on one row of a list."""

        def __init__(self, row_list: RowList, row: Any, index: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.row = row
            self.index = index

        @property
        def control(self) -> RowList:
            return self.row_list

    class Highlighted(_RowMessage):
        """The cursor moved onto a row."""

        def can_replace(self, message: Message) -> bool:
            # Holding j posts a flood of these: only the last one matters.
            return isinstance(message, RowList.Highlighted) and message.row_list is self.row_list

    class Selected(_RowMessage):
        """Enter (or a double click) on a row."""

    class MarkRow(_RowMessage):
        """Mark, star, tag or note the row (`what`): the app keeps it in the case file."""

        def __init__(self, row_list: RowList, row: Any, index: int, what: str) -> None:
            super().__init__(row_list, row, index)
            self.what = what

    def __init__(
        self,
        *,
        columns: Sequence[Column] | None = None,
        show_header: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns: tuple[Column, ...] = tuple(columns or self.COLUMNS)
        self.show_header = show_header and bool(self.columns)
        self._all_rows: list[Any] = []
        self._rows: list[Any] = []
        self._row_count = 0  # of `_rows`, counted when they are set (toolbars ask often)
        self._narrow: Callable[[Any], bool] | None = None
        #: Drill-downs from the frequency view, outermost first: each narrows the one before,
        #: so a count taken over a drilled list drills into exactly the rows behind it.
        self._drills: list[tuple[Drill, Callable[[Any], bool]]] = []
        self.empty_text: str = self.EMPTY
        self._cache: LRUCache[tuple[int, int, bool, bool], Strip] = LRUCache(512)
        self._base: Style | None = None
        self._styles: dict[str, Style] = {}

    # ------------------------------------------------------------------ rows

    @property
    def rows(self) -> list[Any]:
        """The rows shown (after narrowing and drilling), headings included."""
        return self._rows

    @property
    def all_rows(self) -> list[Any]:
        return self._all_rows

    @property
    def row_count(self) -> int:
        """How many real rows (not headings) are shown."""
        return self._row_count

    @property
    def current(self) -> Any | None:
        """The row under the cursor, or None."""
        if 0 <= self.cursor < len(self._rows):
            row = self._rows[self.cursor]
            return None if isinstance(row, GroupRow) else row
        return None

    def set_rows(
        self, rows: Iterable[Any], *, keep: bool = False, cursor: int | None = None
    ) -> None:
        """Show `rows`; `keep` tries to keep the cursor on the same row."""
        previous = self.current if keep else None
        self._all_rows = list(rows)
        self._apply_filters()
        index = 0
        if cursor is not None:
            index = cursor
        elif previous is not None:
            try:
                index = self._rows.index(previous)
            except ValueError:
                index = 0
        self._move_to(self._first_selectable(index, 1), scroll="top" if not keep else "keep")

    def set_narrow(self, test: Callable[[Any], bool] | None) -> None:
        """Narrow the rows to those passing `test` (None shows all)."""
        self._narrow = test
        self._refilter()

    @property
    def drill(self) -> Drill | None:
        """The innermost drill-down, or None."""
        return self._drills[-1][0] if self._drills else None

    @property
    def drills(self) -> list[Drill]:
        """Every drill-down in force, outermost first."""
        return [drill for drill, _ in self._drills]

    def push_drill(self, drill: Drill, test: Callable[[Any], bool]) -> None:
        """Drill further into the rows shown: `test` narrows them, the earlier drills stay."""
        if drill in self.drills:
            return  # already in force: the rows would not change
        self._drills.append((drill, test))
        self._refilter()

    def pop_drill(self) -> bool:
        """Drop the innermost drill-down (Esc). True if there was one."""
        if not self._drills:
            return False
        self._drills.pop()
        self._refilter()
        return True

    def _refilter(self) -> None:
        previous = self.current
        self._apply_filters()
        index = 0
        if previous is not None:
            try:
                index = self._rows.index(previous)
            except ValueError:
                index = 0
        self._move_to(self._first_selectable(index, 1), scroll="top")

    def _apply_filters(self) -> None:
        rows = self._all_rows
        tests = [t for _, t in self._drills]
        if self._narrow is not None:
            tests.append(self._narrow)
        if tests:
            rows = [r for r in rows if not is_data(r) or all(t(r) for t in tests)]
            rows = _drop_empty_groups(rows)
        self._rows = rows
        self._row_count = count_data(rows)
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(rows) + self._header_height)
        self.refresh()

    @property
    def _header_height(self) -> int:
        return 1 if self.show_header else 0

    # ------------------------------------------------------------------ cursor

    def _first_selectable(self, index: int, step: int) -> int:
        rows = self._rows
        if not rows:
            return 0
        index = min(max(index, 0), len(rows) - 1)
        probe = index
        while 0 <= probe < len(rows) and isinstance(rows[probe], GroupRow):
            probe += step
        if 0 <= probe < len(rows):
            return probe
        probe = index
        while 0 <= probe < len(rows) and isinstance(rows[probe], GroupRow):
            probe -= step
        return probe if 0 <= probe < len(rows) else 0

    def _move_to(self, index: int, *, scroll: str = "keep") -> None:
        old = self.cursor
        self.set_reactive(RowList.cursor, index)
        self._cache.clear()
        if scroll == "top":
            self.scroll_to(y=max(0, index - 2), animate=False, immediate=True)
        self._scroll_cursor_into_view()
        self.refresh()
        if self._rows and (old != index or scroll == "top"):
            self.post_message(self.Highlighted(self, self.current, index))
        elif not self._rows:
            self.post_message(self.Highlighted(self, None, -1))

    def watch_cursor(self, old: int, new: int) -> None:
        self._cache.clear()
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current, new))

    def move_cursor(self, index: int) -> None:
        """Put the cursor on row `index` (headings are skipped)."""
        step = 1 if index >= self.cursor else -1
        self.cursor = self._first_selectable(index, step)

    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - self._header_height)

    def _scroll_cursor_into_view(self) -> None:
        top = int(self.scroll_y)
        height = self._visible_rows()
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        if self._rows:
            self.move_cursor(min(self.cursor + 1, len(self._rows) - 1))

    def action_cursor_up(self) -> None:
        if self._rows:
            self.move_cursor(max(self.cursor - 1, 0))

    def action_first(self) -> None:
        if self._rows:
            self.cursor = self._first_selectable(0, 1)

    def action_last(self) -> None:
        if self._rows:
            self.cursor = self._first_selectable(len(self._rows) - 1, -1)

    def go_to_end(self) -> None:
        """The cursor to the last row, with nothing else (End/G may also load more)."""
        if self._rows:
            self.cursor = self._first_selectable(len(self._rows) - 1, -1)

    def action_page_down(self) -> None:
        if self._rows:
            self.move_cursor(min(self.cursor + self._visible_rows(), len(self._rows) - 1))

    def action_page_up(self) -> None:
        if self._rows:
            self.move_cursor(max(self.cursor - self._visible_rows(), 0))

    def action_select(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Selected(self, row, self.cursor))

    def action_mark(self, what: str) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.MarkRow(self, row, self.cursor, what))

    def marks_changed(self) -> None:
        """The case file changed: draw the markers again."""
        self._cache.clear()
        self.refresh()

    def _gutter(self) -> Any:
        """The app's case file when it holds marks (a two-character gutter), else None."""
        case_file = getattr(self.app, "case_file", None)
        return case_file if case_file is not None and case_file.any else None

    async def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_y) + event.y - self._header_height
        if 0 <= index < len(self._rows) and not isinstance(self._rows[index], GroupRow):
            if index == self.cursor or event.chain > 1:
                self.cursor = index
                self.action_select()
            else:
                self.cursor = index

    # ------------------------------------------------------------------ rendering

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self._cache.clear()
        self._styles = {}
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        super()._on_blur(event)
        self._cache.clear()
        self._styles = {}
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._base = None
        self._styles = {}

    @property
    def _base_style(self) -> Style:
        """`rich_style`, which walks every ancestor, computed once per style change."""
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(event.size.width, len(self._rows) + self._header_height)
        self._scroll_cursor_into_view()

    def column_widths(self, width: int) -> list[int]:
        """The width of each column at a total `width` (0 for a hidden column)."""
        shown = [c for c in self.columns if width >= c.hide_below]
        gaps = max(0, len(shown) - 1)
        fixed = sum(c.width for c in shown) + gaps
        spare = max(0, width - fixed)
        flex_total = sum(c.flex for c in shown)
        widths: list[int] = []
        given = 0
        flex_seen = 0
        for column in self.columns:
            if column not in shown:
                widths.append(0)
                continue
            w = column.width
            if column.flex and flex_total:
                flex_seen += column.flex
                share = spare * flex_seen // flex_total - given
                given += share
                w += share
            widths.append(w)
        return widths

    def style(self, name: str) -> Style:
        """A component style to lay over a row (no background of the widget's own)."""
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = component_style(self, f"rowlist--{name}")
        return style

    def render_row(self, row: Any, widths: list[int]) -> list[Text | str]:
        """The cells of `row`, one per column (subclasses override)."""
        return [plain(str(row))]

    def render_group(self, row: GroupRow, width: int) -> Text:
        title = f" {row.title}"
        if row.count:
            title += f" · {row.count:,}"
            if row.total > row.count or row.at_least:
                title += f" of {row.total:,}{'+' if row.at_least else ''}"
        return Text(title, style=self.style("group"), end="")

    def render_more(self, row: MoreRow, width: int) -> Text:
        count = f"{row.remaining:,}{'+' if row.at_least else ''}"
        return Text(
            f"   {count} more {row.name} · Enter loads the next page",
            style=self.style("group"),
            end="",
        )

    def _compose_row(self, row: Any, width: int) -> Text:
        case_file = self._gutter()
        if case_file is not None and width > 2:
            marker = "  " if isinstance(row, GroupRow) else case_file.marker(row)
            line = Text(marker, style=self.style("group"), end="", no_wrap=True)
            line.append_text(self._compose_cells(row, width - 2))
            return line
        return self._compose_cells(row, width)

    def _compose_cells(self, row: Any, width: int) -> Text:
        if isinstance(row, GroupRow):
            return self.render_group(row, width)
        if isinstance(row, MoreRow):
            return self.render_more(row, width)
        widths = self.column_widths(width)
        if not self.columns:
            cells = self.render_row(row, [width])
            return fit(cells[0], width)
        cells = self.render_row(row, widths)
        line = Text(end="", no_wrap=True)
        first = True
        for column, w, cell in zip(self.columns, widths, cells, strict=False):
            if not w:
                continue
            if not first:
                line.append(" ")
            first = False
            line.append_text(fit(cell, w, column.align))
        return line

    def _header_strip(self, width: int) -> Strip:
        gutter = self._gutter() is not None and width > 2
        widths = self.column_widths(width - 2 if gutter else width)
        line = Text("  " if gutter else "", end="", no_wrap=True)
        first = True
        for column, w in zip(self.columns, widths, strict=False):
            if not w:
                continue
            if not first:
                line.append(" ")
            first = False
            line.append_text(fit(column.title, w, column.align))
        base = self._base_style + self.style("header")
        return self._to_strip(line, width, base)

    def _to_strip(self, text: Text, width: int, base: Style) -> Strip:
        text.stylize_before(base)
        strip = Strip(text.render(self.app.console), text.cell_len)
        return strip.crop_extend(0, width, base)

    def _empty_strip(self, y: int, width: int) -> Strip:
        lines = self.empty_text.splitlines() or [""]
        if y - 1 < len(lines) and y >= 1:
            text = Text("  " + plain(lines[y - 1]), end="", no_wrap=True)
            text.truncate(width, overflow="ellipsis")
            return self._to_strip(text, width, self._base_style + self.style("empty"))
        return Strip.blank(width, self._base_style)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self.show_header:
            if y == 0:
                return self._header_strip(width)
            y -= 1
        if not self._rows:
            return self._empty_strip(y, width)
        index = int(self.scroll_y) + y
        if index >= len(self._rows):
            return Strip.blank(width, self._base_style)
        is_cursor = index == self.cursor
        key = (index, width, is_cursor, self.has_focus)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        text = self._compose_row(self._rows[index], width)
        base = self._base_style
        if is_cursor:
            base = base + self.style("cursor")
        strip = self._to_strip(text, width, base)
        self._cache[key] = strip
        return strip

    # ------------------------------------------------------------------ export / frequency

    KIND: ClassVar[str] = "rows"

    def export_records(self) -> list[dict[str, Any]]:
        """The shown rows as flat records with their provenance (subclasses override)."""
        return [{"row": str(row)} for row in self._rows if is_data(row)]

    def facets(self) -> dict[str, Callable[[Any], Iterable[str]]]:
        """For the frequency view: facet name -> the values of a row (subclasses override)."""
        return {}


def _drop_empty_groups(rows: list[Any]) -> list[Any]:
    out: list[Any] = []
    for i, row in enumerate(rows):
        if isinstance(row, GroupRow):
            nxt = rows[i + 1] if i + 1 < len(rows) else None
            if nxt is None or isinstance(nxt, GroupRow):
                continue
        out.append(row)
    return out
