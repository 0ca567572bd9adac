"""The reader: one document, its title, date and author above, a legend of the labels."""

from __future__ import annotations

import asyncio
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Footer, Static

from explorer.model import Document, Mention
from explorer.tui.labels import COMPONENTS as LABEL_COMPONENTS
from explorer.tui.labels import MEANING, group_of, label_css, legend_order, short_label
from explorer.tui.messages import Location, open_entity
from explorer.tui.render import pack, plain
from explorer.tui.screens.base import HistoryScreen
from explorer.tui.widgets.panes import Aside, Toolbar
from explorer.tui.widgets.reader import ReaderView


class Legend(Static):
    """The labels present in the document: each colour with its written tag and count.

    Every label stays on screen at any width: an entry is never split across lines, the
    meanings ("country, city, state") are dropped when they would take more than two lines,
    and the legend grows a line rather than lose a label.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = set(LABEL_COMPONENTS)
    DEFAULT_CSS = """
    Legend { height: auto; padding: 0 1; color: $text-muted; }
    """ + label_css("Legend")

    #: Lines the legend may take with the meanings written out.
    FULL_LINES = 2

    def __init__(self) -> None:
        super().__init__("", markup=False, id="legend")
        self.counts: dict[str, int] | None = None
        self._width = 0

    def show(self, mentions: list[Mention]) -> None:
        counts: dict[str, int] = {}
        for m in mentions:
            counts[m.label] = counts.get(m.label, 0) + 1
        self.counts = {label: counts[label] for label in legend_order(counts)}
        self._width = 0
        self._layout()

    def on_resize(self) -> None:
        self._layout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._width = 0  # a new theme: the colours are laid out again
        if self.is_mounted:
            self._layout()

    def _layout(self) -> None:
        if self.counts is None:
            return
        width = self.content_region.width or max(20, self.app.size.width - 2)
        if width == self._width:
            return
        self._width = width
        if not self.counts:
            self.update(Text("No mentions found in this document.", end=""))
            return
        lines = pack(self._entries(meanings=True), width)
        if len(lines) > self.FULL_LINES:
            lines = pack(self._entries(meanings=False), width)
        self.update(Text("\n", end="").join(lines))

    def _entries(self, *, meanings: bool) -> list[Text]:
        assert self.counts is not None
        entries = []
        for label, count in self.counts.items():
            entry = Text(end="")
            entry.append(
                f" {short_label(label)} ",
                style=self.get_component_rich_style(f"label--{group_of(label)}"),
            )
            meaning = f" {MEANING.get(label, label.lower())}" if meanings else ""
            entry.append(f"{meaning} {count}")
            entries.append(entry)
        return entries


class ReaderScreen(HistoryScreen):
    """A document with every mention coloured by label and the opened sentence centred."""

    BINDING_GROUP_TITLE = "Reader screen"
    BINDINGS: ClassVar[list[BindingType]] = []

    DEFAULT_CSS = """
    ReaderScreen #doc-head { height: auto; max-height: 3; padding: 0 1; background: $panel; }
    ReaderScreen #reader-status { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, location: Location) -> None:
        super().__init__()
        self.location = location
        self.document: Document | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="doc-head", markup=False)
        yield Legend()
        yield ReaderView(id="reader")
        yield Toolbar(id="reader-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#doc-head", Static).update("Loading …")
        self.query_one(ReaderView).focus()
        self.load()

    @work(exclusive=True, group="reader")
    async def load(self) -> None:
        data = self.explorer.reader
        if data is None:
            return
        loc = self.location
        doc_id = loc.doc or ""  # a reader always has a document; no id reads as a missing one
        try:
            document, sentences, mentions = await asyncio.to_thread(
                lambda: (
                    data.document(doc_id),
                    data.sentences(doc_id),
                    data.mentions(doc=doc_id),
                )
            )
        except KeyError:
            self.query_one("#doc-head", Static).update(
                f"This document is no longer in the store ({plain(loc.doc)}). Esc goes back."
            )
            return
        self.document = document
        self._show_head(document, len(sentences), len(mentions))
        self.query_one(Legend).show(mentions)
        view = self.query_one(ReaderView)
        view.set_reactive(ReaderView.show_tags, self.explorer.show_tags)
        sentence, entity, start, highlights = loc.sentence, loc.entity, loc.start, loc.highlights
        if loc.via:
            # The document implies the entity without naming it: the names that say it are
            # marked, the first of them at the cursor (the entity has no mention to select).
            said = [m for m in mentions if m.entity in loc.via or m.text in loc.via]
            highlights = (*highlights, *((m.start, m.end) for m in said))
            entity = None
            if said and start is None:
                start, sentence = said[0].start, said[0].sentence
                sentence = sentence if sentence >= 0 else None
        view.show(
            document,
            sentences,
            mentions,
            sentence=sentence,
            entity=entity,
            start=start,
            highlights=highlights,
        )

    def _show_head(self, document: Document, sentences: int, mentions: int) -> None:
        head = Text(end="")
        head.append(plain(document.title or document.id), style="bold")
        details = [plain(x) for x in (document.date, document.author) if x]
        details.append(f"{sentences} sentences, {mentions} mentions")
        loc = self.location
        if loc.via and loc.entity:
            name = loc.entity.partition(":")[2]
            details.append(f"{plain(name)} implied by {', '.join(plain(v) for v in loc.via)}")
        head.append("\n" + " · ".join(details), style="dim")
        self.query_one("#doc-head", Static).update(head)

    @on(ReaderView.MentionChanged)
    def _mention_changed(self, event: ReaderView.MentionChanged) -> None:
        # At 80 columns the hints go whole (Enter's first, then n/N's), never cut mid-word.
        status = self.query_one("#reader-status", Toolbar)
        view = event.reader
        sentence = ""
        if self.location.sentence is not None and view.sentences:
            sentence = f"sentence {self.location.sentence + 1} of {len(view.sentences)} marked ▌"
        if event.mention is None:
            status.say(sentence, Aside("m/M walk the mentions, Enter opens one's entity"))
            return
        m = event.mention
        name = Text(end="")
        name.append(plain(m.entity), style="bold")
        name.append(f" ({m.label})")
        status.say(
            name,
            f"mention {event.position} of {event.total} here" if event.total else "",
            Aside(sentence) if sentence else "",
            Aside("n/N next/previous") if event.total else "",
            Aside("Enter: entity"),
        )

    @on(ReaderView.TagsToggled)
    def _tags_toggled(self, event: ReaderView.TagsToggled) -> None:
        self.explorer.show_tags = event.shown

    @on(ReaderView.OpenEntity)
    def _open_entity(self, event: ReaderView.OpenEntity) -> None:
        self.post_message(open_entity(event.key))
