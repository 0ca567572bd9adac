"""The panes of the main screen: documents, entities, facts and search results.

A pane is a toolbar line (what is shown, how it is filtered and sorted, the keys that change
that) over a list. Pane keys live on the pane, so they are active (and in the Footer) only
while its list has focus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from explorer.model import NAME_LABELS, DocumentSummary, Entity, Fact, Hit
from explorer.tui.labels import MEANING
from explorer.tui.render import highlighted, plain, pluralise
from explorer.tui.widgets.lists import (
    GROUPS,
    DocumentList,
    EntityList,
    FactList,
    HitList,
    fact_object,
    group_hits,
    qualifier_text,
)
from explorer.tui.widgets.rows import GroupRow, RowList

if TYPE_CHECKING:
    from explorer.search import Group
    from explorer.tui.data import Paragraph, StoreReader


class ListInput(Input):
    """A one-line box over a list: Down and Esc leave it for the list.

    Priority bindings, so they act as the key arrives: the keys typed right behind
    ("↓ j Enter" in one burst) then reach the list, not this box.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Shown: in the box the Footer would otherwise offer nothing ('/' types a '/').
        Binding("down", "leave('down')", "To the list", priority=True),
        Binding("escape", "leave('escape')", "Leave", priority=True),
    ]

    def action_leave(self, key: str) -> None:
        leave = getattr(self.screen, "leave_input", None)
        if leave is not None:
            leave(self, key)


class SearchInput(ListInput):
    """The search box: Up and Down walk the past queries (Down past the newest goes on to
    the results, as Down does in any box over a list)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history('back')", "Earlier search", show=False, priority=True),
        Binding("down", "history('forward')", "To the list", priority=True),
    ]

    def action_history(self, way: str) -> None:
        walk = getattr(self.screen, "walk_history", None)
        if walk is not None:
            walk(self, way)


class Aside(str):
    """A toolbar part that can go when the line is full: a key hint, a secondary count."""


class Toolbar(Static):
    """One line over a list: what is shown and the keys that change it.

    When the line is too narrow, `Aside` parts are left out whole, last first, rather
    than cut mid-phrase ('· Enter'); what is shown is then cut with an ellipsis.
    """

    DEFAULT_CSS = """
    Toolbar { height: 1; padding: 0 1; color: $text-muted; background: $panel; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self._parts: list[Text | str] = []

    def say(self, *parts: str | Text) -> None:
        self._parts = [p for p in parts if p]
        self.refresh()  # one line, fixed size: no layout pass per keystroke

    def render(self) -> Text:
        parts = list(self._parts)
        width = self.content_region.width
        while width > 0 and _joined(parts).cell_len > width:
            asides = [i for i, p in enumerate(parts) if isinstance(p, Aside)]
            if not asides:
                break
            del parts[asides[-1]]
        return _joined(parts)


def _joined(parts: list[Text | str]) -> Text:
    text = Text(end="", no_wrap=True, overflow="ellipsis")
    for i, part in enumerate(parts):
        if i:
            text.append(" · ")
        text.append(part if isinstance(part, Text) else plain(part))
    return text


def drill_terms(row_list: RowList) -> str:
    """The drill-downs in force as "facet = value, ..." ("" when none)."""
    describe = getattr(row_list, "describe", lambda facet, value: value)
    return ", ".join(f"{d.facet} = {describe(d.facet, d.value)}" for d in row_list.drills)


def drill_text(row_list: RowList) -> str:
    """The drill-downs in force, as the toolbar says them ("" when none)."""
    drills = row_list.drills
    if not drills:
        return ""
    return f"only {drill_terms(row_list)} (Esc clears{' the last' if len(drills) > 1 else ''})"


class Pane(Vertical):
    """A toolbar and a list."""

    DEFAULT_CSS = """
    Pane { height: 1fr; }
    """

    list_widget: RowList

    def focus_list(self) -> None:
        # At once, not after a refresh as focus() does: keys typed right behind the one that
        # moved focus ("↓ j Enter" in one burst) must reach the list, not the search box.
        self.screen.set_focus(self.list_widget)

    def refresh_toolbar(self) -> None:
        """Say what the list shows (subclasses)."""

    @on(RowList.Highlighted)
    def _list_changed(self) -> None:
        self.refresh_toolbar()

    def clear_filters(self) -> bool:
        """Esc on the list: drop the innermost drill-down. True if there was one."""
        if self.list_widget.pop_drill():
            self.refresh_toolbar()
            return True
        return False


# ---------------------------------------------------------------------- documents


DOC_SORTS: dict[str, Any] = {
    "ingest order": None,
    "date": lambda d: (d.title or d.id).casefold(),  # then by date: see DocumentsPane._show
    "title": lambda d: (d.title or d.id).casefold(),
    "mentions": lambda d: -d.mentions,
    "facts": lambda d: -d.facts,
}


class DocumentsPane(Pane):
    BINDING_GROUP_TITLE = "Documents pane"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "o",
            "sort",
            "Sort",
            show=False,  # the toolbar says "(o)": the Footer keeps room for the pane keys
            id="documents.sort",
            tooltip="Sort by date, title, mentions or facts",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.list_widget = DocumentList(id="document-list")
        self._documents: list[DocumentSummary] = []
        self.sort = "ingest order"

    def compose(self) -> ComposeResult:
        yield Toolbar(id="documents-toolbar")
        yield self.list_widget

    def load(self, documents: Sequence[DocumentSummary], *, keep: bool = False) -> None:
        self._documents = list(documents)
        self.list_widget.empty_text = DocumentList.EMPTY
        self._show(keep=keep)

    def _show(self, keep: bool = False) -> None:
        key = DOC_SORTS[self.sort]
        rows = list(self._documents) if key is None else sorted(self._documents, key=key)
        if self.sort == "date":
            # Newest first, undated last; a stable sort keeps each date's titles A to Z.
            rows.sort(key=lambda d: d.date or "", reverse=True)
        self.list_widget.set_rows(rows, keep=keep)
        self.refresh_toolbar()

    def refresh_toolbar(self) -> None:
        parts: list[str] = [
            pluralise(self.list_widget.row_count, "document"),
            f"sorted by {self.sort} (o)",
        ]
        if self.list_widget.drill:
            parts.append(drill_text(self.list_widget))
        self.query_one(Toolbar).say(*parts)

    def action_sort(self) -> None:
        names = list(DOC_SORTS)
        self.sort = names[(names.index(self.sort) + 1) % len(names)]
        self._show(keep=True)


# ---------------------------------------------------------------------- entities


#: The default of the entities pane: names of things (not dates, amounts, numbers).
NAMES = "names"

ENTITY_SORTS: dict[str, Any] = {
    "mentions": lambda e: (-e.mentions, -e.documents, e.name.casefold()),
    "documents": lambda e: (-e.documents, -e.mentions, e.name.casefold()),
    "name": lambda e: (e.name.casefold(), e.label),
}


class EntitiesPane(Pane):
    BINDING_GROUP_TITLE = "Entities pane"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "l",
            "next_label",
            "Label",
            show=False,  # the toolbar says "(l)"
            id="entities.label",
            tooltip="One label at a time: PERSON, ORG, GPE, ...",
        ),
        Binding("L", "previous_label", "Label back", show=False, id="entities.label_back"),
        Binding(
            "o",
            "sort",
            "Sort",
            show=False,  # the toolbar says "(o)"
            id="entities.sort",
            tooltip="Sort by mentions, documents or name",
        ),
        Binding(
            "n",
            "narrow",
            "Narrow",
            show=False,  # the narrowing box says "n: narrow"
            id="entities.narrow",
            tooltip="Type to narrow the list by name or alias",
        ),
    ]

    DEFAULT_CSS = """
    EntitiesPane #entities-bar { height: 1; background: $panel; }
    EntitiesPane #entities-bar Toolbar { width: 1fr; }
    EntitiesPane #narrow { width: 22; height: 1; border: none; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.list_widget = EntityList(id="entity-list")
        self._entities: list[Entity] = []
        self.labels: list[str] = []
        #: NAMES (the default: people, places, organisations, ...), one label, or None (all)
        self.label: str | None = NAMES
        self.sort = "mentions"
        self.narrow = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="entities-bar"):
            yield Toolbar(id="entities-toolbar")
            yield ListInput(placeholder="n: narrow", id="narrow", compact=True)
        yield self.list_widget

    def load(self, entities: Sequence[Entity], *, keep: bool = False) -> None:
        self._entities = list(entities)
        counts: dict[str, int] = {}
        for e in self._entities:
            counts[e.label] = counts.get(e.label, 0) + 1
        self.labels = sorted(counts, key=lambda label: (-counts[label], label))
        if self.label not in counts and self.label not in (None, NAMES):
            self.label = NAMES
        self._show(keep=keep)

    def show_label(self, label: str | None) -> None:
        self.label = label
        self._show()

    def _show(self, keep: bool = False) -> None:
        rows = self._entities
        if self.label == NAMES:
            rows = [e for e in rows if e.label in NAME_LABELS]
        elif self.label is not None:
            rows = [e for e in rows if e.label == self.label]
        rows = sorted(rows, key=ENTITY_SORTS[self.sort])
        self.list_widget.set_rows(rows, keep=keep)
        self._apply_narrow()

    def _apply_narrow(self) -> None:
        needle = self.narrow.casefold().strip()
        if not needle:
            self.list_widget.set_narrow(None)
        else:

            def test(e: Entity) -> bool:
                return needle in e.name.casefold() or any(needle in a.casefold() for a in e.aliases)

            self.list_widget.set_narrow(test)
        self.list_widget.empty_text = self._empty_text()
        self.refresh_toolbar()

    def _empty_text(self) -> str:
        if not self._entities:
            return "No entities yet: ingest some documents (Ctrl+P → Re-ingest)."
        why = []
        if self.narrow:
            why.append(f"matching “{self.narrow}”")
        if self.label and self.label != NAMES:
            why.append(f"labelled {self.label}")
        if self.list_widget.drill:
            why.append(drill_text(self.list_widget))
        hint = "Esc clears the narrowing; l changes the label."
        if self.narrow:
            hint += " / searches with typos forgiven."
        return "No entities " + " and ".join(why) + ".\n" + hint

    def refresh_toolbar(self) -> None:
        if self.label == NAMES:
            label = "names"
        elif self.label is None:
            label = "every label"
        else:
            label = f"{self.label} ({MEANING.get(self.label, self.label.lower())})"
        parts = [
            pluralise(self.list_widget.row_count, "entity", "entities"),
            f"{label} (l)",
            f"by {self.sort} (o)",
        ]
        if self.list_widget.drill:
            parts.append(drill_text(self.list_widget))
        self.query_one(Toolbar).say(*parts)

    def action_next_label(self) -> None:
        self._cycle_label(1)

    def action_previous_label(self) -> None:
        self._cycle_label(-1)

    def _cycle_label(self, step: int) -> None:
        options: list[str | None] = [NAMES, *self.labels, None]
        index = options.index(self.label) if self.label in options else 0
        self.label = options[(index + step) % len(options)]
        self._show()

    def action_sort(self) -> None:
        names = list(ENTITY_SORTS)
        self.sort = names[(names.index(self.sort) + 1) % len(names)]
        self._show(keep=True)

    def action_narrow(self) -> None:
        self.query_one("#narrow", Input).focus()

    @on(Input.Changed, "#narrow")
    def _narrow_changed(self, event: Input.Changed) -> None:
        self.narrow = event.value
        self._apply_narrow()

    @on(Input.Submitted, "#narrow")
    def _narrow_done(self) -> None:
        self.list_widget.focus()

    def clear_filters(self) -> bool:
        if self.narrow:
            self.query_one("#narrow", Input).value = ""
            self.narrow = ""
            self._apply_narrow()
            return True
        if super().clear_filters():
            return True
        if self.label != NAMES:
            self.show_label(NAMES)
            return True
        return False


# ---------------------------------------------------------------------- facts


#: The columns `o` sorts the facts by ("found": the store's order, document by document;
#: "date": newest first, undated last, sorted in `FactsPane._show` since a fact's date is the
#: list's to look up).
FACT_SORTS: dict[str, Any] = {
    "found": None,
    "subject": lambda f: (f.subject.casefold(), f.predicate),
    "predicate": lambda f: (f.predicate, f.subject.casefold()),
    "object": lambda f: f.object.casefold(),
    "qualifiers": lambda f: qualifier_text(f).casefold(),
    "document": lambda f: (f.doc, f.sentence),
    "date": None,
}


class FactCard(Static):
    """The fact under the cursor, whole: its quote or object wrapped, as it is read."""

    DEFAULT_CSS = """
    FactCard { height: 4; padding: 0 1; background: $panel;
        color: $text; border-top: solid $panel-lighten-2; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)

    def show(self, fact: Fact | None, title: str) -> None:
        if fact is None:
            self.update("", layout=False)
            return
        out = Text(end="")
        out.append(plain(fact.subject), style="bold")
        out.append(f" {fact.predicate} ", style="dim")
        out.append(plain(fact_object(fact)))
        qualifiers = qualifier_text(fact)
        extra = " · ".join(p for p in (plain(qualifiers), plain(title)) if p)
        if extra:
            out.append("\n" + extra, style="dim")
        self.update(out, layout=False)  # a fixed height: no layout pass per cursor move


class FactsPane(Pane):
    BINDING_GROUP_TITLE = "Facts pane"
    list_widget: FactList
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "p",
            "next_predicate",
            "Predicate",
            show=False,  # the toolbar says "(p)"
            id="facts.predicate",
            tooltip="One predicate at a time: title, said, ...",
        ),
        Binding("P", "previous_predicate", "Predicate back", show=False, id="facts.predicate_back"),
        Binding(
            "o",
            "sort",
            "Sort",
            show=False,  # the toolbar says "(o)"
            id="facts.sort",
            tooltip="Sort by the next column: subject, object, ...",
        ),
        Binding(
            "O", "reverse", "Reverse", show=False, id="facts.reverse", tooltip="Reverse the sort"
        ),
        Binding(
            "n",
            "narrow",
            "Narrow",
            show=False,  # the narrowing box says "n: narrow"
            id="facts.narrow",
            tooltip="Type to narrow by subject, object, document",
        ),
        Binding(
            "b",
            "group",
            "By subject",
            show=False,  # the toolbar says "(b)"
            id="facts.group",
            tooltip="Group by subject, the most facts first",
        ),
    ]

    DEFAULT_CSS = """
    FactsPane #facts-bar { height: 1; background: $panel; }
    FactsPane #facts-bar Toolbar { width: 1fr; }
    FactsPane #facts-narrow { width: 22; height: 1; border: none; padding: 0 1; }
    FactsPane.-short FactCard { display: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.list_widget = FactList(id="fact-list")
        self._facts: list[Fact] = []
        self.predicates: list[str] = []
        self.predicate: str | None = None
        self.sort = "found"
        self.reverse = False
        self.grouped = False
        self.narrow = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="facts-bar"):
            yield Toolbar(id="facts-toolbar")
            yield ListInput(placeholder="n: narrow", id="facts-narrow", compact=True)
        yield self.list_widget
        yield FactCard(id="fact-card")

    def on_resize(self) -> None:
        # At small sizes every line goes to the list.
        self.set_class(self.size.height < 16, "-short")

    def load(self, facts: Sequence[Fact], *, keep: bool = False) -> None:
        self._facts = list(facts)
        counts: dict[str, int] = {}
        for f in self._facts:
            counts[f.predicate] = counts.get(f.predicate, 0) + 1
        self.predicates = sorted(counts, key=lambda p: (-counts[p], p))
        if self.predicate not in counts:
            self.predicate = None
        self._show(keep=keep)

    def show_predicate(self, predicate: str | None) -> None:
        self.predicate = predicate
        self._show()

    def _show(self, keep: bool = False) -> None:
        rows = self._facts
        if self.predicate is not None:
            rows = [f for f in rows if f.predicate == self.predicate]
        if self.sort == "date":
            rows = newest_first(rows, self.list_widget.fact_date)
        else:
            key = FACT_SORTS[self.sort]
            rows = list(rows) if key is None else sorted(rows, key=key)
        if self.reverse:
            rows.reverse()
        if self.grouped:
            rows = self._by_subject(rows)
        self.list_widget.set_rows(rows, keep=keep)
        self._apply_narrow()

    @staticmethod
    def _by_subject(facts: list[Fact]) -> list[Any]:
        """Facts under a heading per subject, the subject with the most facts first; within
        a subject, in the order of the sort."""
        groups: dict[str, list[Fact]] = {}
        for fact in facts:
            groups.setdefault(fact.subject or "(no subject)", []).append(fact)
        rows: list[Any] = []
        for subject, group in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            rows.append(GroupRow(plain(subject), len(group)))
            rows.extend(group)
        return rows

    def _apply_narrow(self) -> None:
        needle = self.narrow.casefold().strip()
        if not needle:
            self.list_widget.set_narrow(None)
        else:
            title = self.list_widget.doc_title

            def test(f: Fact) -> bool:
                return (
                    needle in f.subject.casefold()
                    or needle in f.object.casefold()
                    or needle in title(f.doc).casefold()
                )

            self.list_widget.set_narrow(test)
        self.refresh_toolbar()

    def _empty_text(self) -> str:
        if not self._facts:
            return "No facts yet: ingest some documents."
        what = f"No “{self.predicate}” facts" if self.predicate else "No facts"
        if self.narrow:
            what += f" matching “{self.narrow}”"
        if not self.list_widget.drills:
            return what + ".\nEsc clears the narrowing; p changes the predicate."
        return f"{what} with {drill_terms(self.list_widget)}.\nEsc clears the filters."

    def refresh_toolbar(self) -> None:
        self.list_widget.empty_text = self._empty_text()
        order = "↓" if self.reverse else "↑"
        parts: list[str] = [
            pluralise(self.list_widget.row_count, "fact"),
            f"predicate: {self.predicate or 'all'} (p)",
            f"by {self.sort} {order} (o O)",
            Aside("by subject (b)" if not self.grouped else "grouped by subject (b)"),
        ]
        if self.list_widget.drill:
            parts.append(drill_text(self.list_widget))
        self.query_one(Toolbar).say(*parts)
        current = self.list_widget.current
        card = self.query_one(FactCard)
        if isinstance(current, Fact):
            card.show(current, self.list_widget.doc_title(current.doc))
        else:
            card.show(None, "")

    def action_next_predicate(self) -> None:
        self._cycle(1)

    def action_previous_predicate(self) -> None:
        self._cycle(-1)

    def _cycle(self, step: int) -> None:
        options: list[str | None] = [None, *self.predicates]
        self.predicate = options[(options.index(self.predicate) + step) % len(options)]
        self._show()

    def action_sort(self) -> None:
        names = list(FACT_SORTS)
        self.sort = names[(names.index(self.sort) + 1) % len(names)]
        self._show(keep=True)

    def action_reverse(self) -> None:
        self.reverse = not self.reverse
        self._show(keep=True)

    def action_group(self) -> None:
        self.grouped = not self.grouped
        self._show(keep=True)

    def action_narrow(self) -> None:
        self.query_one("#facts-narrow", Input).focus()

    @on(Input.Changed, "#facts-narrow")
    def _narrow_changed(self, event: Input.Changed) -> None:
        self.narrow = event.value
        self._apply_narrow()

    @on(Input.Submitted, "#facts-narrow")
    def _narrow_done(self) -> None:
        self.list_widget.focus()

    def clear_filters(self) -> bool:
        if self.narrow:
            self.query_one("#facts-narrow", Input).value = ""
            self.narrow = ""
            self._apply_narrow()
            return True
        if super().clear_filters():
            return True
        if self.predicate is not None:
            self.show_predicate(None)
            return True
        return False


# ---------------------------------------------------------------------- search


class Preview(Static):
    """The highlighted sentence in its paragraph, following the cursor in the results."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "preview--sentence",
        "preview--match",
        "preview--title",
    }
    DEFAULT_CSS = """
    Preview {
        height: 1fr;
        padding: 0 1;
        background: $surface;
        border-top: solid $panel-lighten-2;
        & > .preview--sentence { background: $panel-lighten-1; }
        & > .preview--match { text-style: bold reverse; color: $text-warning; }
        & > .preview--title { text-style: bold; color: $text-muted; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self._shown: tuple[str, Paragraph | None, Hit | None] | None = None

    def on_resize(self) -> None:
        # The heading is cut to the width: the first results arrive while the results pane
        # is still hidden (no width yet), so lay it out again once the width is known.
        if self._shown is not None:
            self.show(*self._shown)

    def show(self, title: str, paragraph: Paragraph | None, hit: Hit | None) -> None:
        self._shown = (title, paragraph, hit)
        heading = Text(plain(title), style=self.get_component_rich_style("preview--title"))
        heading.truncate(max(10, self.content_region.width), overflow="ellipsis")
        out = Text(end="")
        out.append_text(heading)
        out.append("\n")
        if paragraph is None or hit is None:
            if hit is not None:
                out.append_text(
                    highlighted(
                        hit.text, hit.highlights, self.get_component_rich_style("preview--match")
                    )
                )
            self.update(out, layout=False)
            return
        body = Text(plain(paragraph.text, multiline=True))
        body.stylize(
            self.get_component_rich_style("preview--sentence"),
            paragraph.sentence_start,
            paragraph.sentence_end,
        )
        # The hit's highlights are offsets into its sentence text.
        base = paragraph.sentence_start
        if hit.kind == "sentence" and hit.start >= 0:
            base = hit.start - paragraph.offset
        if hit.kind == "sentence":
            for s, e in hit.highlights:
                body.stylize(self.get_component_rich_style("preview--match"), base + s, base + e)
        out.append_text(body)
        self.update(out, layout=False)  # a fixed-size pane: no layout pass per keystroke

    def clear(self) -> None:
        self._shown = None
        self.update("", layout=False)


class SearchPane(Pane):
    BINDING_GROUP_TITLE = "Search results"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "o",
            "sort",
            "Sort",
            show=False,
            id="search.sort",
            tooltip="Each group by rank or date (newest first)",
        ),
    ]
    #: How each group of results is ordered: "rank" (the search's) or "date".
    sort = "rank"

    DEFAULT_CSS = """
    SearchPane #results-body { height: 1fr; layout: vertical; }
    SearchPane #results-body HitList { height: 1fr; }
    SearchPane #results-body Preview { height: 9; }
    SearchPane.-wide #results-body { layout: horizontal; }
    SearchPane.-wide #results-body HitList { width: 3fr; height: 1fr; }
    SearchPane.-wide #results-body Preview { width: 2fr; height: 1fr; border-top: none;
        border-left: solid $panel-lighten-2; }
    """

    list_widget: HitList

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.list_widget = HitList(id="hit-list")
        #: The hits loaded so far of each kind, in rank order (a page, then each "more").
        self.pages: dict[str, list[Hit]] = {kind: [] for kind in GROUPS}
        #: kind -> (how many hits in all, whether that is exact or a lower bound)
        self.totals: dict[str, tuple[int, bool]] = {}
        #: kinds whose every hit is loaded
        self.ended: set[str] = set()
        #: every hit is being loaded in the background (End/G, x, F)
        self.paging = False
        self.query_text = ""
        self.elapsed_ms: float | None = None

    def compose(self) -> ComposeResult:
        yield Toolbar(id="search-toolbar")
        with Vertical(id="results-body"):
            yield self.list_widget
            yield Preview(id="preview")

    def on_mount(self) -> None:
        self.refresh_toolbar()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= 130, "-wide")

    def show_groups(
        self,
        query: str,
        groups: Sequence[Group],
        elapsed_ms: float | None,
        *,
        keep: bool = False,
    ) -> None:
        """A query's first page of each group (`keep`: the cursor stays on its row)."""
        self.query_text = query
        self.elapsed_ms = elapsed_ms
        self.pages = {kind: [] for kind in GROUPS}
        self.totals = {}
        self.ended = set()
        for group in groups:
            self.pages[group.kind] = list(group.hits)
            self.totals[group.kind] = (group.total, group.exact)
            if not group.more:
                self.ended.add(group.kind)
        self.list_widget.query_text = query
        hits = self.hits
        if query.strip() and not hits:
            self.list_widget.empty_text = (
                f"No results for “{query}”.\n"
                "Try fewer words, the start of a word, or drop a label:/doc:/date: filter."
            )
            hint = query_hint(query)
            if hint:
                self.list_widget.empty_text += f"\n{hint}."
        elif not query.strip():
            self.list_widget.empty_text = HitList.EMPTY
        self._show(keep=keep)
        if not hits:
            self.query_one(Preview).clear()

    def add_page(self, query: str, group: Group, asked: int) -> None:
        """The next page of one group, loaded in place (the cursor stays on its row)."""
        if query != self.query_text:
            return  # a page of a query since replaced
        kind = group.kind
        self.pages.setdefault(kind, []).extend(group.hits)
        loaded = len(self.pages[kind])
        total, exact = group.total, group.exact
        if len(group.hits) < asked:  # the engine has no more
            self.ended.add(kind)
            total, exact = loaded, True
        elif exact and loaded >= total:
            self.ended.add(kind)
        self.totals[kind] = (max(total, loaded), exact)
        self._show(keep=True)

    def loaded(self, kind: str) -> int:
        return len(self.pages.get(kind, ()))

    def remaining(self, kind: str) -> tuple[int, bool]:
        """How many hits of `kind` are not loaded yet, and whether that is a lower bound."""
        if kind in self.ended:
            return 0, False
        total, exact = self.totals.get(kind, (0, True))
        more = total - self.loaded(kind)
        return (more, False) if exact else (max(more, 1), True)

    def unloaded(self) -> list[str]:
        """The kinds with hits not loaded yet, in the order they are shown."""
        return [kind for kind in self.pages if self.remaining(kind)[0] > 0]

    @property
    def hits(self) -> list[Hit]:
        return [hit for kind in self.pages for hit in self.pages[kind]]

    def _show(self, keep: bool) -> None:
        remaining = {kind: self.remaining(kind) for kind in self.pages}
        pages = self.pages
        if self.sort == "date":
            pages = {kind: newest_first(hits, lambda h: h.date) for kind, hits in pages.items()}
        self.list_widget.set_rows(group_hits(pages, self.totals, remaining), keep=keep)
        self.refresh_toolbar()

    def refresh_toolbar(self) -> None:
        if not self.query_text.strip():
            self.query_one(Toolbar).say("/ to search")
            return
        total = sum(t for t, _ in self.totals.values())
        at_least = any(not exact for _, exact in self.totals.values())
        shown = len(self.hits)
        head = f"{total:,}{'+' if at_least else ''} result{'' if total == 1 else 's'}"
        if self.elapsed_ms is not None:
            head += f" in {self.elapsed_ms:.1f} ms"
        parts: list[str] = [head]
        detail = ", ".join(
            f"{t:,}{'' if exact else '+'} {GROUPS[k][1] if t != 1 else k}"
            for k, (t, exact) in self.totals.items()
            if t
        )
        if detail:
            parts.append(detail)
        if self.paging:
            parts.append(f"loading all: {shown:,} so far (Esc stops)")
        elif shown < total or at_least:
            parts.append(Aside(f"{shown:,} loaded (G: all)"))
        if self.list_widget.drill:
            parts.append(drill_text(self.list_widget))
        if self.sort == "date":
            parts.append(Aside("sorted by date (o)"))
        hint = query_hint(self.query_text)
        if hint:
            parts.append(hint)  # the toolbar shows a str as plain text, never markup
        self.query_one(Toolbar).say(*parts)

    def action_sort(self) -> None:
        self.sort = "date" if self.sort == "rank" else "rank"
        self._show(keep=False)


def set_reader(reader: StoreReader, *lists: RowList) -> None:
    for row_list in lists:
        row_list.reader = reader  # type: ignore[attr-defined]


def query_hint(query: str) -> str:
    """What the query's `word:` filters are taken as: "date: understood; foo: is not a
    filter"; empty when it has none."""
    from explorer.search.query import parse

    return parse(query).hint


def newest_first(rows: Sequence[Any], date_of: Callable[[Any], str | None]) -> list[Any]:
    """`rows` by date, newest first, undated last; rows of one date keep their order."""
    from explorer.search.query import period
    from explorer.tui.widgets.lists import NO_DATE

    def key(row: Any) -> int:
        found = period(date_of(row) if date_of(row) != NO_DATE else None)
        return -found[1] if found else 1

    return sorted(rows, key=key)
