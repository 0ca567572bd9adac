"""`ReaderView`: a document, word-wrapped, every mention coloured and tagged by its label.

A Line API widget: the text is wrapped once per width into line ranges, and only the lines on
screen are rendered. The sentence that was opened is marked (a bar in the gutter and a
background) and centred; `n`/`N` walk the mentions of the selected entity.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import ClassVar

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

from explorer.model import Document, Mention
from explorer.tui.labels import COMPONENTS as LABEL_COMPONENTS
from explorer.tui.labels import component_style, group_of, label_css, short_label
from explorer.tui.render import plain, wrap_ranges

GUTTER = 2


class ReaderView(ScrollView, can_focus=True, inherit_bindings=False):
    """The text of one document with its mentions; the marked sentence centred."""

    BINDING_GROUP_TITLE = "Reader"
    HELP = "n/N walk the selected entity's mentions, m/M every mention, Enter opens one."

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "n",
            "next_mention",
            "Next",
            id="reader.next",
            tooltip="Next mention of the selected entity",
        ),
        Binding(
            "N",
            "previous_mention",
            "Prev",
            id="reader.previous",
            tooltip="Previous mention of the selected entity",
        ),
        Binding(
            "m",
            "next_any",
            "Next mention",
            show=False,
            id="reader.next_any",
            tooltip="Next mention of any entity (selects it)",
        ),
        Binding(
            "M",
            "previous_any",
            "Previous mention",
            show=False,
            id="reader.previous_any",
            tooltip="Previous mention of any entity (selects it)",
        ),
        Binding(
            "enter",
            "open_mention",
            "Entity",
            id="reader.open",
            tooltip="The detail of the entity at the cursor",
        ),
        Binding(
            "t",
            "toggle_tags",
            "Tags",
            id="reader.tags",
            tooltip="Show or hide the label after each mention",
        ),
        Binding("down,j", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("up,k", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("home,g", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="reader.bottom"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="reader.page_up"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--sentence",
        "reader--gutter",
        "reader--match",
        "reader--current",
        "reader--selected",
        "reader--tag",
        *LABEL_COMPONENTS,
    }

    DEFAULT_CSS = """
    ReaderView {
        height: 1fr;
        background: $surface;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
        padding: 0 1 0 0;
        & > .reader--sentence { background: $panel-lighten-1; }
        & > .reader--gutter { color: $text-accent; }
        & > .reader--match { text-style: bold reverse; color: $text-warning; }
        & > .reader--current { text-style: bold reverse; }
        & > .reader--selected { text-style: bold underline; }
        & > .reader--tag { color: $text-muted; text-style: italic; }
    }
    """ + label_css("ReaderView")

    show_tags: reactive[bool] = reactive(True, init=False)

    class MentionChanged(Message):
        """The mention cursor moved (or the selected entity changed)."""

        def __init__(
            self, reader: ReaderView, mention: Mention | None, position: int, total: int
        ) -> None:
            super().__init__()
            self.reader = reader
            self.mention = mention
            self.position = position  # 1-based among the selected entity's mentions
            self.total = total

    class TagsToggled(Message):
        """`t`: the written labels were shown or hidden (the app remembers the choice)."""

        def __init__(self, shown: bool) -> None:
            super().__init__()
            self.shown = shown

    class OpenEntity(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.document: Document | None = None
        self.sentences: list[tuple[int, int]] = []
        self.mentions: list[Mention] = []
        self.marked: tuple[int, int] | None = None  # doc offsets of the marked sentence
        self.highlights: tuple[tuple[int, int], ...] = ()
        self.entity: str | None = None  # the selected entity's key
        self.current: int = -1  # index into self.mentions
        self._display = ""
        self._inserts: list[int] = []  # doc offsets where a tag is inserted
        self._added: list[int] = []  # cumulative characters added up to each insert
        self._tag_ends: list[int] = []  # display offset just after each tag
        self._text: Text | None = None
        self._lines: list[tuple[int, int]] = []
        self._line_starts: list[int] = []
        self._width = 0
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(256)
        self._pending_center: int | None = None
        self._base: Style | None = None

    # ------------------------------------------------------------------ content

    def show(
        self,
        document: Document,
        sentences: Sequence[tuple[int, int]],
        mentions: Sequence[Mention],
        *,
        sentence: int | None = None,
        entity: str | None = None,
        start: int | None = None,
        highlights: Sequence[tuple[int, int]] = (),
    ) -> None:
        """Show `document`, marking `sentence` and selecting `entity` (the mention at `start`)."""
        self.document = document
        self.sentences = list(sentences)
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.highlights = tuple(highlights)
        self.entity = entity
        self.marked = None
        if sentence is not None and 0 <= sentence < len(self.sentences):
            self.marked = self.sentences[sentence]
        self.current = -1
        if start is not None:
            for i, m in enumerate(self.mentions):
                if m.start == start and (entity is None or m.key == entity):
                    self.current = i
                    break
        elif entity is not None:
            after = self.marked[0] if self.marked else 0
            ids = [i for i, m in enumerate(self.mentions) if m.key == entity]
            later = [i for i in ids if self.mentions[i].start >= after]
            self.current = (later or ids or [-1])[0]
        self._rebuild()
        target = None
        if self.current >= 0:
            target = self.mentions[self.current].start
        if self.marked is not None:
            target = (
                self.marked[0]
                if target is None or not (self.marked[0] <= target < self.marked[1])
                else target
            )
        self._pending_center = target
        self._center_pending()
        self._post_mention()

    def _rebuild(self) -> None:
        """Build the display text (tags inserted after mentions) and its styles."""
        if self.document is None:
            return
        text = plain(self.document.text, multiline=True)
        pieces: list[str] = []
        inserts: list[int] = []
        added: list[int] = []
        total = 0
        last = 0
        tag_spans: list[tuple[int, int, str]] = []
        if self.show_tags:
            # One tag per mention end; nested mentions each get theirs.
            for m in sorted(self.mentions, key=lambda m: m.end):
                tag = f"·{short_label(m.label)}"
                pieces.append(text[last : m.end])
                d_start = m.end + total
                pieces.append(tag)
                total += len(tag)
                last = m.end
                inserts.append(m.end)
                added.append(total)
                tag_spans.append((d_start, d_start + len(tag), m.label))
        pieces.append(text[last:])
        self._display = "".join(pieces)
        self._inserts = inserts
        self._added = added
        self._tag_ends = [i + a for i, a in zip(inserts, added, strict=True)]
        out = Text(self._display, no_wrap=True, end="")
        if self.marked is not None:
            s, e = self.marked
            out.stylize(self._style("reader--sentence"), self.to_display(s), self.to_display(e))
        for m in self.mentions:
            ds, de = self.to_display(m.start), self.to_display(m.end, inclusive=False)
            out.stylize(self._style(f"label--{group_of(m.label)}"), ds, de)
            if self.entity is not None and m.key == self.entity:
                out.stylize(self._style("reader--selected"), ds, de)
        tag_style = self._style("reader--tag")
        for ds, de, _label in tag_spans:
            out.stylize(tag_style, ds, de)
        for s, e in self.highlights:
            out.stylize(
                self._style("reader--match"),
                self.to_display(s),
                self.to_display(e, inclusive=False),
            )
        if 0 <= self.current < len(self.mentions):
            m = self.mentions[self.current]
            out.stylize(
                self._style("reader--current"),
                self.to_display(m.start),
                self.to_display(m.end, inclusive=False),
            )
        self._text = out
        self._width = 0  # re-wrap on the next render
        self._relayout()

    def _style(self, name: str) -> Style:
        return component_style(self, name)

    def to_display(self, offset: int, *, inclusive: bool = True) -> int:
        """A document offset as an offset into the display text (tags inserted).

        `inclusive` counts a tag inserted exactly at `offset` as before it (the start of
        the next word); an end offset passes False so a mention ends before its own tag.
        """
        if inclusive:
            i = bisect.bisect_right(self._inserts, offset)
        else:
            i = bisect.bisect_left(self._inserts, offset)
        return offset + (self._added[i - 1] if i else 0)

    # ------------------------------------------------------------------ layout

    def _relayout(self) -> None:
        width = max(10, self.scrollable_content_region.width - GUTTER)
        if self._text is None or width == self._width:
            return
        self._width = width
        self._lines = wrap_ranges(self._display, width)
        self._line_starts = [a for a, _ in self._lines]
        self._cache.clear()
        self.virtual_size = Size(width + GUTTER, len(self._lines))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self._center_pending()

    def _center_pending(self) -> None:
        if self._pending_center is None or not self._lines or self.size.height <= 0:
            return
        # After the next refresh: a scroll now is clamped to the old (empty) virtual size.
        self.call_after_refresh(self._center_now)

    def _center_now(self) -> None:
        if self._pending_center is not None:
            self.center_on(self._pending_center)
            self._pending_center = None

    def line_of(self, offset: int) -> int:
        """The display line holding document offset `offset`."""
        d = self.to_display(offset)
        return max(0, bisect.bisect_right(self._line_starts, d) - 1)

    def center_on(self, offset: int) -> None:
        line = self.line_of(offset)
        top = max(0, line - self.scrollable_content_region.height // 2)
        self.scroll_to(y=top, animate=False, immediate=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base = None
        if self.document is not None and self.is_mounted:
            self._rebuild()

    def watch_show_tags(self) -> None:
        top_offset = self._top_offset()
        self._rebuild()
        if top_offset is not None:
            self.scroll_to(y=self.line_of(top_offset), animate=False, immediate=True)

    def _top_offset(self) -> int | None:
        """The document offset at the top of the screen (to keep it there across a re-wrap)."""
        if not self._lines:
            return None
        top = min(int(self.scroll_y), len(self._lines) - 1)
        return self.to_document(self._lines[top][0])

    def to_document(self, display: int) -> int:
        """A display offset back as a document offset (inside a tag: the tag's mention end)."""
        i = bisect.bisect_right(self._tag_ends, display)
        offset = display - (self._added[i - 1] if i else 0)
        if i < len(self._inserts):
            offset = min(offset, self._inserts[i])
        return offset

    # ------------------------------------------------------------------ rendering

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        if self._base is None:
            self._base = self.rich_style  # walks every ancestor: once per style change
        base = self._base
        if self._text is None or index >= len(self._lines):
            return Strip.blank(width, base)
        key = (index, width)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        a, b = self._lines[index]
        line = self._text[a:b]
        line.no_wrap = True
        line.end = ""
        gutter = "  "
        if self.marked is not None:
            ds, de = self.to_display(self.marked[0]), self.to_display(self.marked[1])
            if a < de and b >= ds and not (a == b and a == de):
                gutter = "▌ "
        out = Text(gutter, style=self._style("reader--gutter"), end="") + line
        out.stylize_before(base)
        strip = Strip(out.render(self.app.console), out.cell_len).crop_extend(0, width, base)
        self._cache[key] = strip
        return strip

    # ------------------------------------------------------------------ mention cursor

    def _candidates(self, any_entity: bool) -> list[int]:
        if any_entity or self.entity is None:
            return list(range(len(self.mentions)))
        return [i for i, m in enumerate(self.mentions) if m.key == self.entity]

    def _step(self, direction: int, any_entity: bool = False) -> None:
        if self.entity is None:
            # Nothing selected yet: n/N pick the nearest mention and select its entity, so
            # the status line counts that entity's mentions ("1 of 2"), not every mention.
            any_entity = True
        ids = self._candidates(any_entity)
        if not ids:
            self.app.bell()
            return
        if self.current < 0:
            # Start from what is on screen, not from the top of the document.
            top = (
                self._lines[min(int(self.scroll_y), len(self._lines) - 1)][0] if self._lines else 0
            )
            ahead = [i for i in ids if self.to_display(self.mentions[i].start) >= top]
            nxt = (
                (ahead[0] if ahead else ids[0])
                if direction > 0
                else (ahead[0] - 1 if ahead and ahead[0] - 1 in ids else ids[-1])
            )
        else:
            pos = (
                bisect.bisect_right(ids, self.current)
                if direction > 0
                else (bisect.bisect_left(ids, self.current) - 1)
            )
            nxt = ids[pos % len(ids)]
        self.current = nxt
        if any_entity:
            self.entity = self.mentions[nxt].key
        self._rebuild()
        m = self.mentions[nxt]
        line = self.line_of(m.start)
        top = int(self.scroll_y)
        height = self.scrollable_content_region.height
        if not top <= line < top + height:
            self.center_on(m.start)
        self._post_mention()

    def _post_mention(self) -> None:
        if 0 <= self.current < len(self.mentions):
            m = self.mentions[self.current]
            ids = self._candidates(False)
            position = ids.index(self.current) + 1 if self.current in ids else 0
            self.post_message(self.MentionChanged(self, m, position, len(ids)))
        else:
            ids = self._candidates(False) if self.entity else []
            self.post_message(self.MentionChanged(self, None, 0, len(ids)))

    def action_next_mention(self) -> None:
        self._step(1)

    def action_previous_mention(self) -> None:
        self._step(-1)

    def action_next_any(self) -> None:
        self._step(1, any_entity=True)

    def action_previous_any(self) -> None:
        self._step(-1, any_entity=True)

    def action_open_mention(self) -> None:
        if 0 <= self.current < len(self.mentions):
            self.post_message(self.OpenEntity(self.mentions[self.current].key))
        else:
            self.app.bell()

    def action_toggle_tags(self) -> None:
        self.show_tags = not self.show_tags
        self.post_message(self.TagsToggled(self.show_tags))

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    async def on_click(self, event: events.Click) -> None:
        """A click on a mention selects it (and its entity); a second click opens it."""
        index = int(self.scroll_y) + event.y
        if not 0 <= index < len(self._lines):
            return
        a, b = self._lines[index]
        column = event.x - GUTTER
        if column < 0:
            return
        offset = a
        used = 0
        from rich.cells import cell_len

        while offset < b and used + cell_len(self._display[offset]) <= column:
            used += cell_len(self._display[offset])
            offset += 1
        for i, m in enumerate(self.mentions):
            if self.to_display(m.start) <= offset < self.to_display(m.end, inclusive=False):
                if i == self.current and event.chain == 1:
                    self.action_open_mention()
                    return
                self.current = i
                self.entity = m.key
                self._rebuild()
                self._post_mention()
                return
