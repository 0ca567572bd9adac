"""An entity's detail: label, aliases, documents, every mention, its facts, its neighbours."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static, TabbedContent, TabPane, Tabs

from explorer.model import Entity, Fact
from explorer.tui.labels import COMPONENTS as LABEL_COMPONENTS
from explorer.tui.labels import MEANING, group_of, label_css
from explorer.tui.messages import Location, open_document, open_entity
from explorer.tui.render import plain, pluralise
from explorer.tui.screens.base import HistoryScreen
from explorer.tui.widgets.lists import (
    DocCountRow,
    EntityDocumentList,
    FactList,
    MentionList,
    MentionRow,
    RelatedList,
    RelatedRow,
)
from explorer.tui.widgets.panes import set_reader
from explorer.tui.widgets.rows import RowList

SECTIONS = ("mentions", "entity-facts", "entity-documents", "related")
#: The mentions read before an entity is shown; the rest are read in the background.
FIRST_MENTIONS = 200


class EntityHead(Static):
    COMPONENT_CLASSES: ClassVar[set[str]] = set(LABEL_COMPONENTS)
    DEFAULT_CSS = """
    EntityHead { height: auto; max-height: 3; padding: 0 1; background: $panel; }
    """ + label_css("EntityHead")

    def __init__(self) -> None:
        super().__init__("", markup=False, id="entity-head")

    def show(self, entity: Entity, documents: int) -> None:
        text = Text(end="")
        text.append(plain(entity.name), style="bold")
        text.append("  ")
        text.append(
            f" {entity.label} ",
            style=self.get_component_rich_style(f"label--{group_of(entity.label)}"),
        )
        text.append(f" {MEANING.get(entity.label, '')}", style="dim")
        line = [pluralise(entity.mentions, "mention"), f"in {pluralise(documents, 'document')}"]
        if entity.implied:
            # documents that never name it but say it through a town or an institution
            never = "never names it" if entity.implied == 1 else "never name it"
            line.append(f"implied in {pluralise(entity.implied, 'document')} that {never}")
        aliases = [a for a in entity.aliases if a != entity.name]
        line.insert(0, "also: " + ", ".join(plain(a) for a in aliases) if aliases else "no aliases")
        text.append("\n" + " · ".join(line), style="dim")
        self.update(text)


class EntityScreen(HistoryScreen):
    """Everything known about one entity, each row one Enter away."""

    BINDING_GROUP_TITLE = "Entity screen"
    #: Focused as the screen shows (a first page can come before the screen is active).
    AUTO_FOCUS = "#mention-list"
    HELP = (
        "Tab cycles mentions, facts, documents and related entities; Enter opens. "
        "m merges, S splits, R renames, L relabels (rules in the store); u undoes."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "next_section", "Next section", show=False, id="entity.next"),
        Binding(
            "shift+tab", "previous_section", "Previous section", show=False, id="entity.previous"
        ),
        Binding(
            "t",
            "timeline",
            "Timeline",
            show=False,  # as on the main screen: ? lists it
            id="entity.timeline",
            tooltip="Its mentions (or this list) by period",
        ),
        Binding("1", "section('mentions')", "Mentions", show=False, id="entity.mentions"),
        Binding("2", "section('entity-facts')", "Facts", show=False, id="entity.facts"),
        Binding("3", "section('entity-documents')", "Documents", show=False, id="entity.documents"),
        Binding("4", "section('related')", "Related", show=False, id="entity.related"),
        # Identity rules (issue 12): each kept in the store's rules table, undone with u.
        Binding("m", "merge", "Merge", id="entity.merge", tooltip="Merge into another entity"),
        Binding("S", "split", "Split", id="entity.split", tooltip="Split a merged name off"),
        Binding("R", "rename", "Rename", show=False, id="entity.rename", tooltip="Rename it"),
        Binding("L", "relabel", "Relabel", show=False, id="entity.relabel", tooltip="Relabel it"),
        Binding("u", "undo", "Undo", show=False, id="entity.undo", tooltip="Undo the last rule"),
    ]

    DEFAULT_CSS = """
    EntityScreen TabbedContent { height: 1fr; }
    EntityScreen TabPane { padding: 0; }
    """

    def __init__(self, location: Location) -> None:
        super().__init__()
        self.location = location
        self.entity: Entity | None = None
        #: True while the mentions after the first page, the facts, documents and neighbours
        #: are read (the mentions tab says so).
        self.reading_rest = False
        #: The keys this view showed before each rule it wrote (u goes back to the last).
        self._before: list[str] = []

    def compose(self) -> ComposeResult:
        lists: list[RowList] = [
            MentionList(id="mention-list"),
            FactList(id="entity-fact-list"),
            EntityDocumentList(id="entity-document-list"),
            RelatedList(id="related-list"),
        ]
        for row_list in lists:
            row_list.empty_text = "Loading …"
        if self.explorer.reader is not None:
            set_reader(self.explorer.reader, *lists)
        yield EntityHead()
        with TabbedContent(id="sections", initial="mentions"):
            with TabPane("Mentions (1)", id="mentions"):
                yield lists[0]
            with TabPane("Facts (2)", id="entity-facts"):
                yield lists[1]
            with TabPane("Documents (3)", id="entity-documents"):
                yield lists[2]
            with TabPane("Related (4)", id="related"):
                yield lists[3]
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(Tabs).can_focus = False
        self.load()

    @work(exclusive=True, group="entity")
    async def load(self) -> None:
        """The entity and its first page of mentions at once (a few documents read); then
        every mention, its facts, documents and neighbours in the background, the first
        page kept in view: a 10,000-mention entity opens as fast as a small one."""
        data = self.explorer.reader
        key = self.location.entity
        if data is None or key is None:
            return

        def first() -> tuple[Entity, list[str], list[MentionRow]]:
            entity = data.entity(key)
            docs = data.documents_of(key)
            rows: list[MentionRow] = []
            for doc_id in docs:
                if len(rows) >= FIRST_MENTIONS:
                    break
                rows.extend(MentionRow(*m) for m in data.mentions_in_context(doc_id, key))
            return entity, docs, rows

        try:
            entity, docs, rows = await asyncio.to_thread(first)
        except KeyError:
            self.query_one(EntityHead).update(
                f"This entity is no longer in the store ({key}). Esc goes back."
            )
            for row_list in self.query(RowList):
                row_list.empty_text = "Nothing: this entity is gone."
                row_list.refresh()
            return
        while len(self.query(RowList)) < len(SECTIONS):
            # The first page can be read before the tabbed sections are mounted.
            await asyncio.sleep(0.005)
        self.entity = entity
        self.query_one(EntityHead).show(entity, len(docs))
        self._fill("#mention-list", rows, "mentions")
        if not docs and entity.implied:
            # Never named, only implied: its documents are what there is to see.
            self.query_one(MentionList).empty_text = (
                f"No document names {plain(entity.name)}; "
                f"{pluralise(entity.implied, 'document implies', 'documents imply')} it: "
                "3 lists them."
            )
            self.action_section("entity-documents")
        else:
            self.query_one(MentionList).focus()
        self.reading_rest = True
        self._label_tab(self.query_one(MentionList))

        def rest() -> tuple[list[MentionRow], list[Fact], list[DocCountRow], list[RelatedRow]]:
            every: list[MentionRow] = []
            counts: dict[str, int] = {}
            for doc_id in docs:
                found = data.mentions_in_context(doc_id, key)
                every.extend(MentionRow(*m) for m in found)
                if found:
                    counts[doc_id] = len(found)
            facts = data.facts(entity=key)
            documents = []
            for doc_id, count in counts.items():
                summary = data.summary(doc_id)
                if summary is not None:
                    documents.append(DocCountRow(summary, count))
            documents.sort(key=lambda r: (-r.count, r.summary.title))
            # then the documents that imply it without naming it, in store order
            for doc_id, via in data.implied_documents(key):
                summary = data.summary(doc_id)
                if summary is not None:
                    documents.append(DocCountRow(summary, 0, via))
            related = [RelatedRow(e, n) for e, n in data.cooccurring(key, 50)]
            return every, facts, documents, related

        try:
            every, facts, documents, related = await asyncio.to_thread(rest)
        finally:
            self.reading_rest = False
        if not self.is_attached:  # closed while its rest was read
            return
        if len(every) != len(rows):
            mentions = self.query_one(MentionList)
            mentions.set_rows(every, keep=True)
        self._label_tab(self.query_one(MentionList))
        self.query_one(EntityHead).show(entity, sum(1 for r in documents if not r.via))
        self._fill("#entity-fact-list", facts, "entity-facts")
        if not facts:
            elsewhere = ["1 shows its mentions"] if every else []
            if related:
                elsewhere.append("4 the entities it appears with")
            self.query_one("#entity-fact-list", RowList).empty_text = (
                f"No fact has {plain(entity.name)} as its subject or object."
                + (f"\n{', '.join(elsewhere)}." if elsewhere else "")
            )
        self._fill("#entity-document-list", documents, "entity-documents")
        self._fill("#related-list", related, "related")

    def _fill(self, selector: str, rows: list, pane_id: str) -> None:
        row_list = self.query_one(selector, RowList)
        row_list.empty_text = type(row_list).EMPTY
        row_list.set_rows(rows)
        self._label_tab(row_list)

    def _label_tab(self, row_list: RowList) -> None:
        """The section's tab says how many rows it has, and which drill-down narrows them."""
        pane = row_list.parent
        while pane is not None and not isinstance(pane, TabPane):
            pane = pane.parent
        if pane is None or pane.id not in SECTIONS:
            return
        title = {
            "mentions": "Mentions",
            "entity-facts": "Facts",
            "entity-documents": "Documents",
            "related": "Related",
        }[pane.id]
        number = SECTIONS.index(pane.id) + 1
        count = f"{row_list.row_count:,}"
        if self.reading_rest and pane.id == "mentions" and self.entity is not None:
            count += f" of {self.entity.mentions:,} …"
        if row_list.drills:
            facets = ", ".join(d.facet for d in row_list.drills)
            count += f" of {len(row_list.all_rows):,}, {facets} (Esc clears)"
        self.query_one(TabbedContent).get_tab(pane.id).label = f"{title} {count} ({number})"

    def timeline_title(self, row_list: RowList) -> str:
        name = (self.location.entity or "").split(":", 1)[-1]
        return f"Timeline of {row_list.KIND} of {name}"

    def drill_changed(self, row_list: RowList) -> None:
        self._label_tab(row_list)

    # ------------------------------------------------------------------ sections

    def action_section(self, name: str) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = name
        tabs.get_pane(name).query_one(RowList).focus()

    def action_next_section(self) -> None:
        self._cycle(1)

    def action_previous_section(self) -> None:
        self._cycle(-1)

    def _cycle(self, step: int) -> None:
        active = self.query_one(TabbedContent).active
        i = SECTIONS.index(active) if active in SECTIONS else 0
        self.action_section(SECTIONS[(i + step) % len(SECTIONS)])

    @on(TabbedContent.TabActivated)
    def _tab_clicked(self, event: TabbedContent.TabActivated) -> None:
        event.pane.query_one(RowList).focus()

    def action_back(self) -> None:
        row_list = self.current_list()
        if row_list is not None and row_list.pop_drill():
            self._label_tab(row_list)
            return
        super().action_back()

    # ------------------------------------------------------------------ opening

    @on(RowList.Selected, "#mention-list")
    def _open_mention(self, event: RowList.Selected) -> None:
        m = event.row.mention
        self.post_message(
            open_document(
                m.doc, m.sentence if m.sentence >= 0 else None, entity=m.key, start=m.start
            )
        )

    @on(RowList.Selected, "#entity-fact-list")
    def _open_fact(self, event: RowList.Selected) -> None:
        fact: Fact = event.row
        self.post_message(
            open_document(
                fact.doc,
                fact.sentence,
                entity=self.location.entity,
                highlights=((fact.start, fact.end),),
            )
        )

    @on(RowList.Selected, "#entity-document-list")
    def _open_doc(self, event: RowList.Selected) -> None:
        row: DocCountRow = event.row
        # A document that implies it: the reader marks the names that say it there.
        self.post_message(open_document(row.summary.id, entity=self.location.entity, via=row.via))

    @on(RowList.Selected, "#related-list")
    def _open_related(self, event: RowList.Selected) -> None:
        self.post_message(open_entity(event.row.entity.key))

    # ------------------------------------------------------------------ identity rules

    def _ready(self) -> Entity | None:
        if self.entity is None or self.explorer.reader is None:
            self.notify("The entity is still loading.", severity="warning")
            return None
        return self.entity

    def action_merge(self) -> None:
        entity = self._ready()
        if entity is None:
            return
        from explorer.tui.screens.picker import PickerScreen

        assert self.explorer.reader is not None
        choices = [
            (e.key, f"{e.name}  ·  {e.label}  ·  {e.mentions:,} mentions")
            for e in self.explorer.reader.entities()
            if e.key != entity.key
        ]

        def picked(key: str | None) -> None:
            if key is None:
                return
            label, name = key.split(":", 1)
            self.apply_rule(
                "merge",
                entity.name,
                name,
                label=entity.label,
                target_label=label,
                new_key=key,
            )

        self.app.push_screen(
            PickerScreen(
                "Merge",
                f"Merge {plain(entity.name)} ({entity.label}) into which entity?",
                choices,
            ),
            picked,
        )

    def action_split(self) -> None:
        entity = self._ready()
        if entity is None:
            return
        from explorer.tui.screens.picker import PickerScreen

        reader = self.explorer.reader
        assert reader is not None
        try:
            merged = reader._call(reader.store.identity, entity.key)["merged"]
        except KeyError:
            merged = []
        if not merged:
            self.notify(
                f"Nothing is merged into {plain(entity.name)}: nothing to split off.",
                severity="warning",
                markup=False,
            )
            return
        choices = [
            (f"{m['label']}:{m['name']}", f"{m['name']}  ·  {m['mentions']:,}  ·  {m['reason']}")
            for m in merged
        ]

        def picked(key: str | None) -> None:
            if key is None:
                return
            label, name = key.split(":", 1)
            self.apply_rule("split", name, label=label, new_key=entity.key)

        self.app.push_screen(
            PickerScreen("Split", f"Split which name off {plain(entity.name)}?", choices), picked
        )

    def action_rename(self) -> None:
        entity = self._ready()
        if entity is None:
            return
        from explorer.tui.screens.casefile import TextPrompt

        def named(value: str | None) -> None:
            if value is None or not value.strip() or value.strip() == entity.name:
                return
            new = value.strip()
            self.apply_rule(
                "rename", entity.name, new, label=entity.label, new_key=f"{entity.label}:{new}"
            )

        self.app.push_screen(
            TextPrompt("Rename", f"A new name for {entity.name}:", entity.name), named
        )

    def action_relabel(self) -> None:
        entity = self._ready()
        if entity is None:
            return
        from explorer.model import LABEL_TABLE
        from explorer.tui.screens.picker import PickerScreen

        choices = [
            (info.label, f"{info.label:<12} {info.meaning}")
            for info in LABEL_TABLE
            if info.label != entity.label
        ]

        def picked(label: str | None) -> None:
            if label is None:
                return
            self.apply_rule(
                "relabel", entity.name, label, label=entity.label, new_key=f"{label}:{entity.name}"
            )

        self.app.push_screen(
            PickerScreen("Relabel", f"Relabel {plain(entity.name)} ({entity.label}) as:", choices),
            picked,
        )

    def action_undo(self) -> None:
        self.apply_rule("undo")

    @work(exclusive=True, group="entity-rule")
    async def apply_rule(
        self,
        op: str,
        name: str = "",
        target: str | None = None,
        *,
        label: str | None = None,
        target_label: str | None = None,
        new_key: str | None = None,
    ) -> None:
        """Write one rule (or undo the newest) through the store, then show the entity as
        it now is and bring the other views and the search index up to date."""
        from explorer.store import RuleError, StoreError
        from explorer.store.rules import describe

        reader = self.explorer.reader
        if reader is None:
            return
        store = reader.store
        before = self.location.entity or ""

        def write() -> tuple[dict | None, str | None]:
            with reader._lock:
                if op == "undo":
                    return store.undo(), None
                rule = store.add_rule(op, name, target, label=label, target_label=target_label)
                unmatched = rule["id"] in store.unmatched_rules()
                return rule, "it matches no entity" if unmatched else None

        try:
            rule, problem = await asyncio.to_thread(write)
        except (RuleError, StoreError) as exc:
            self.notify(str(exc), title="Not done", severity="error", markup=False)
            return
        if op == "undo":
            if rule is None:
                self.notify("No rule to undo.", severity="warning")
                return
            key = self._before.pop() if self._before else before
            self.notify(f"Undid rule {rule['id']}: {describe(rule)}", markup=False)
        else:
            assert rule is not None
            self._before.append(before)
            key = new_key or before
            self.notify(
                f"Rule {rule['id']}: {describe(rule)}" + (f" ({problem})" if problem else ""),
                title="Kept (u undoes)",
                severity="warning" if problem else "information",
                markup=False,
            )
        reader.refresh()
        with contextlib.suppress(KeyError):
            key = await asyncio.to_thread(reader._call, store.canonical_key, key)
        self.location = replace(self.location, entity=key)
        if 0 <= self.explorer.position < len(self.explorer.history):
            self.explorer.history[self.explorer.position] = self.location
        self.load()
        # The main panes and the search index follow the store's new version.
        self.explorer.load_corpus(())
