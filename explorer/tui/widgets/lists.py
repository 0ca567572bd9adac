"""The lists a person browses: documents, entities, facts, search hits, mentions, neighbours.

Each is a `RowList` that knows how its rows look, what they are called in an export (with
their provenance: document, sentence, offsets) and how the frequency view groups them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.message import Message

from explorer import export
from explorer.model import DocumentSummary, Entity, Fact, Hit, Mention
from explorer.tui.labels import label_style, short_label
from explorer.tui.render import highlighted, plain, pluralise, window
from explorer.tui.widgets.rows import Column, GroupRow, MoreRow, RowList

if TYPE_CHECKING:
    from explorer.tui.data import StoreReader

NO_DATE = "(no date)"
NO_AUTHOR = "(no author)"
NO_SUBJECT = "(no subject)"

_MONTH = re.compile(r"\d{4}-\d{2}(?!\d)")


def month_of(date: str | None) -> str:
    """The YYYY-MM of an ISO date; a date without a month stays as it is (a bare year)."""
    if not date:
        return NO_DATE
    return date[:7] if _MONTH.match(date) else date


class CorpusList(RowList):
    """A RowList that reads titles and dates through the app's StoreReader."""

    reader: StoreReader | None = None
    #: The CSV columns of what `x` writes: the same records as `explorer export` (README).
    EXPORT_COLUMNS: ClassVar[tuple[str, ...]] = ()

    def records(self) -> export.Records:
        """The export records of this list's rows, from the one place that makes them."""
        return export.Records(self.reader)

    def doc_title(self, doc_id: str) -> str:
        return self.reader.title(doc_id) if self.reader else doc_id

    def doc_date(self, doc_id: str) -> str:
        summary = self.reader.summary(doc_id) if self.reader else None
        return (summary.date if summary else None) or NO_DATE

    def fact_date(self, fact: Fact) -> str:
        """A fact's own date (its sentence's, else its document's, as the store keeps it)."""
        own = fact.qualifiers.get("date")
        return own if isinstance(own, str) and own else self.doc_date(fact.doc)

    def describe(self, facet: str, value: str) -> str:
        """How a facet value is shown in the frequency view."""
        if facet == "document":
            return self.doc_title(value)
        return value


def date_cell(date: str) -> str:
    """A date as a list shows it: empty for none."""
    return "" if date == NO_DATE else date


def _num(value: int) -> str:
    return f"{value:,}"


def label_tag(widget: RowList, label: str) -> Text:
    """The written label, coloured as a span (so the column's padding is not)."""
    tag = Text(end="")
    tag.append(short_label(label), style=label_style(widget, label))
    return tag


# ---------------------------------------------------------------------- documents


class DocumentList(CorpusList):
    """Every document: title, date and counts. Enter opens it in the reader."""

    BINDING_GROUP_TITLE = "Documents"
    KIND = "documents"
    EXPORT_COLUMNS = export.DOCUMENT_COLUMNS
    COLUMNS = (
        Column("Title", 20, flex=1),
        Column("Date", 10),
        Column("Author", 16, hide_below=110),
        Column("Sent.", 5, align="right", hide_below=60),
        Column("Ment.", 5, align="right"),
        Column("Facts", 5, align="right"),
    )
    EMPTY = (
        "No documents yet.\n"
        "Ingest a folder from the shell: explorer PATH...  (or: explorer ingest PATH)\n"
        "or press Ctrl+P and choose “Re-ingest the corpus”."
    )

    def render_row(self, row: DocumentSummary, widths: list[int]) -> list[Text | str]:
        return [
            plain(row.title or row.id),
            row.date or "",
            plain(row.author or ""),
            _num(row.sentences),
            _num(row.mentions),
            _num(row.facts),
        ]

    def export_records(self) -> list[dict[str, Any]]:
        records = self.records()
        return [records.document(d) for d in self.rows if isinstance(d, DocumentSummary)]

    def facets(self) -> dict[str, Callable[[Any], Iterable[str]]]:
        return {
            "author": lambda d: [d.author or NO_AUTHOR],
            "month": lambda d: [month_of(d.date)],
            "date": lambda d: [d.date or NO_DATE],
        }


# ---------------------------------------------------------------------- entities


class EntityList(CorpusList):
    """Entities with their label and how often they are mentioned."""

    BINDING_GROUP_TITLE = "Entities"
    KIND = "entities"
    EXPORT_COLUMNS = export.MENTION_COLUMNS
    EXPORT_NOTE = "written one row per mention"
    COLUMNS = (
        Column("Name", 18, flex=2),
        Column("Label", 7),
        Column("Mentions", 8, align="right"),
        Column("Docs", 5, align="right"),
        # documents that imply it without naming it (a country said by its towns), if any
        Column("Implied", 7, align="right", hide_below=100),
        Column("Aliases", 12, flex=1, hide_below=90),
    )
    EMPTY = "No entities."

    def render_row(self, row: Entity, widths: list[int]) -> list[Text | str]:
        return [
            plain(row.name),
            label_tag(self, row.label),
            _num(row.mentions),
            _num(row.documents),
            _num(row.implied) if row.implied else "",
            plain(", ".join(row.aliases)),
        ]

    def export_records(self) -> list[dict[str, Any]]:
        """One record per mention of each shown entity: the provenance of every name (the
        records of `explorer export mentions`)."""
        records = self.records()
        return [
            records.mention(m)
            for entity in self.rows
            if isinstance(entity, Entity) and self.reader is not None
            for m in self.reader.mentions(entity=entity.key)
        ]

    def _docs_of(self, entity: Entity) -> Iterable[str]:
        if self.reader is None:
            return []
        return self.reader.entity_documents().get(entity.key, ())

    def facets(self) -> dict[str, Callable[[Any], Iterable[str]]]:
        return {
            "label": lambda e: [e.label],
            "document": self._docs_of,
            "date": lambda e: {self.doc_date(d) for d in self._docs_of(e)},
        }


# ---------------------------------------------------------------------- facts


#: Qualifiers that say how a fact was found, not what it says.
_QUIET = {"date_source", "direct"}


def qualifier_text(fact: Fact) -> str:
    """The qualifiers worth reading: none that repeats the object or the predicate (a said
    fact's quote and verb), none that says how the fact was found."""
    parts = []
    said = {fact.object.strip().casefold(), fact.predicate.casefold()}
    for key, value in fact.qualifiers.items():
        if value in (None, "", [], {}) or key in _QUIET:
            continue
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = " ".join(str(v) for v in value.values() if v is not None)
        if str(value).strip().casefold() in said:
            continue
        parts.append(f"{key}: {value}")
    return "; ".join(parts)


def fact_object(fact: Fact) -> str:
    """The object as read: a direct quote in quotation marks."""
    if fact.qualifiers.get("direct") is True:
        return f"“{fact.object}”"
    return fact.object


class FactList(CorpusList):
    """Facts: subject, predicate, object, qualifiers and the document they came from."""

    BINDING_GROUP_TITLE = "Facts"
    KIND = "facts"
    EXPORT_COLUMNS = export.FACT_COLUMNS
    # The object (a quote, most often) gets most of the width: it is what is read.
    COLUMNS = (
        Column("Subject", 14, flex=1),
        Column("Predicate", 9),
        Column("Object", 20, flex=5),
        Column("Qualifiers", 12, flex=1, hide_below=130),
        Column("Document", 14, flex=1, hide_below=96),
        Column("Date", 10, hide_below=80),
    )
    EMPTY = "No facts."

    def set_rows(
        self, rows: Iterable[Any], *, keep: bool = False, cursor: int | None = None
    ) -> None:
        # The predicate column is as wide as the longest predicate shown (9 to 16): the
        # predicates grow with the product, and 'withdrew…' or 'located_…' say too little.
        rows = list(rows)
        longest = max((len(r.predicate) for r in rows if isinstance(r, Fact)), default=0)
        width = min(max(9, longest), 16)
        self.columns = tuple(
            replace(c, width=width) if c.title == "Predicate" else c for c in self.columns
        )
        self._cache.clear()
        super().set_rows(rows, keep=keep, cursor=cursor)

    def render_row(self, row: Fact, widths: list[int]) -> list[Text | str]:
        return [
            plain(row.subject),
            Text(row.predicate, style=self.style("dim"), end=""),
            plain(fact_object(row)),
            plain(qualifier_text(row)),
            plain(self.doc_title(row.doc)),
            plain(date_cell(self.fact_date(row))),
        ]

    def export_records(self) -> list[dict[str, Any]]:
        records = self.records()
        return [records.fact(f) for f in self.rows if isinstance(f, Fact)]

    def facets(self) -> dict[str, Callable[[Any], Iterable[str]]]:
        return {
            "predicate": lambda f: [f.predicate],
            "subject": lambda f: [f.subject or NO_SUBJECT],
            "document": lambda f: [f.doc],
            "date": lambda f: [self.fact_date(f)],
        }


# ---------------------------------------------------------------------- search hits


class HitList(CorpusList):
    """Search results grouped as entities, facts and sentences, matches highlighted."""

    BINDING_GROUP_TITLE = "Search results"
    KIND = "search"
    EXPORT_COLUMNS = export.HIT_COLUMNS
    COLUMNS = (
        Column("Match", 20, flex=1),
        Column("Where", 22, hide_below=70),
        Column("Date", 10, hide_below=80),
    )
    EMPTY = (
        "Type to search sentences, entities and facts.\n"
        "  words      every word must match (typos forgiven, the last word as a prefix)\n"
        '  \'word      exact            "a phrase"   a phrase\n'
        "  !word      exclude          a | b        either\n"
        "  label:PERSON  or @person    doc:NAME     one document\n"
        "  date:1987-03  (a day, month, 1987-Q1, year)   after:1987-03-01   before:1987-04"
    )
    #: The query these results answer (not `query`: that would hide Textual's DOMNode.query()).
    query_text: str = ""

    class PageToEnd(Message):
        """End or G where the last group has hits not loaded: load them, then go there."""

        def __init__(self, hit_list: HitList) -> None:
            super().__init__()
            self.hit_list = hit_list

    def action_last(self) -> None:
        super().action_last()
        if self.rows and isinstance(self.rows[-1], MoreRow):
            self.post_message(self.PageToEnd(self))

    def render_row(self, row: Hit, widths: list[int]) -> list[Text | str]:
        match_style = self.style("match")
        text = highlighted(row.text, row.highlights, match_style)
        width = widths[0]
        if row.kind == "entity":
            label = row.label or ""
            # An alias matched ("Sanai", "FST"): say whose it is, or the row names nobody.
            name = row.entity.partition(":")[2] if row.entity else ""
            if name and name.casefold() != row.text.casefold():
                text.append(" → ", style="dim")
                text.append(plain(name))
            text.append(" ")
            text.append_text(label_tag(self, label))
        elif row.kind == "fact":
            # "subject · predicate · object": the speaker and the verb stay whole, the object
            # is cut (around a match in it).
            focus = row.highlights[0][0] if row.highlights else 0
            text = fact_window(text, focus, width)
        else:
            focus = row.highlights[0][0] if row.highlights else 0
            text = window(text, focus, width)
        where: Text | str = self.doc_title(row.doc) if row.doc else ""
        if row.kind == "entity":
            where = ""
            if row.implied and not row.doc:  # no document names it: say where it comes from
                where = Text(f"implied in {pluralise(row.implied, 'document')}", style="dim")
        return [text, where if isinstance(where, Text) else plain(where), plain(row.date or "")]

    def export_records(self) -> list[dict[str, Any]]:
        records = self.records()
        return [records.hit(h, self.query_text) for h in self.rows if isinstance(h, Hit)]

    def facets(self) -> dict[str, Callable[[Any], Iterable[str]]]:
        return {
            "kind": lambda h: [h.kind],
            "document": lambda h: [h.doc] if h.doc else [],
            "date": lambda h: [h.date or self.doc_date(h.doc)] if (h.date or h.doc) else [],
            "label": lambda h: [h.label] if h.label else [],
        }


def fact_window(text: Text, focus: int, width: int) -> Text:
    """A fact hit's line ("subject · predicate · object · qualifiers") cut to `width`:
    subject and predicate whole (a subject longer than two thirds of the width is cut at its
    end, never its start), the rest windowed around `focus` when the match is in it."""
    line = text.plain
    first = line.find(" · ")
    second = line.find(" · ", first + 3) if first >= 0 else -1
    if cell_len(line) <= width or second < 0:
        return window(text, focus, width)
    cut = second + 3
    head = text[:cut]
    most = max(1, width * 2 // 3)
    if head.cell_len > most:
        head.truncate(most, overflow="ellipsis")
        return head
    rest = text[cut:]
    return head + window(rest, max(0, focus - cut), width - head.cell_len)


#: The hit kinds in the order their groups are shown, with their names.
GROUPS = {
    "entity": ("Entities", "entities"),
    "fact": ("Facts", "facts"),
    "sentence": ("Sentences", "sentences"),
}


def group_hits(
    pages: dict[str, list[Hit]],
    totals: dict[str, tuple[int, bool]] | None = None,
    remaining: dict[str, tuple[int, bool]] | None = None,
) -> list[Any]:
    """The hits loaded so far in rank order within three groups (entities, facts,
    sentences); each heading says how many there are in all when `totals` ({kind: (total,
    exact)}) has more, and a group with `remaining` hits not loaded ends with a "more" row."""
    rows: list[Any] = []
    for kind, group in pages.items():
        if not group:
            continue
        title, name = GROUPS.get(kind, (kind.title(), kind))
        total, exact = (totals or {}).get(kind, (len(group), True))
        rows.append(GroupRow(title, len(group), total, not exact))
        rows.extend(group)
        more, at_least = (remaining or {}).get(kind, (0, False))
        if more > 0:
            rows.append(MoreRow(kind, name, more, at_least))
    return rows


# ---------------------------------------------------------------------- mentions (KWIC)


@dataclass(frozen=True, slots=True)
class MentionRow:
    """A mention with its sentence, for a keyword-in-context row."""

    mention: Mention
    sentence: str  # the sentence text
    offset: int  # where the sentence starts in the document


class MentionList(CorpusList):
    """Every mention as its sentence, the mention highlighted and kept in view."""

    BINDING_GROUP_TITLE = "Mentions"
    KIND = "mentions"
    EXPORT_COLUMNS = export.MENTION_COLUMNS
    COLUMNS = (
        Column("Mention in its sentence", 20, flex=1),
        Column("Document", 22, hide_below=70),
    )
    EMPTY = "No mentions."

    def render_row(self, row: MentionRow, widths: list[int]) -> list[Text | str]:
        m = row.mention
        start, end = m.start - row.offset, m.end - row.offset
        text = highlighted(row.sentence, [(start, end)], self.style("mention"))
        return [window(text, max(0, start), widths[0], lead=0.35), plain(self.doc_title(m.doc))]

    def export_records(self) -> list[dict[str, Any]]:
        records = self.records()
        return [records.mention(r.mention) for r in self.rows if isinstance(r, MentionRow)]

    def facets(self) -> dict[str, Callable[[Any], Iterable[str]]]:
        return {
            "document": lambda r: [r.mention.doc],
            "date": lambda r: [self.doc_date(r.mention.doc)],
            "text": lambda r: [r.mention.text],
        }


# ---------------------------------------------------------------------- neighbours


@dataclass(frozen=True, slots=True)
class RelatedRow:
    entity: Entity
    together: int


class RelatedList(CorpusList):
    """The entities mentioned alongside one entity, most often first."""

    BINDING_GROUP_TITLE = "Related entities"
    KIND = "related"
    EXPORT_COLUMNS = (*export.ENTITY_COLUMNS, "together")
    COLUMNS = (
        Column("Name", 18, flex=1),
        Column("Label", 7),
        Column("Together", 8, align="right"),
        Column("Mentions", 8, align="right", hide_below=60),
    )
    EMPTY = "No other entity shares a document with this one."

    def render_row(self, row: RelatedRow, widths: list[int]) -> list[Text | str]:
        e = row.entity
        return [
            plain(e.name),
            label_tag(self, e.label),
            _num(row.together),
            _num(e.mentions),
        ]

    def export_records(self) -> list[dict[str, Any]]:
        """Entity records, with how many documents each shares with the entity shown."""
        records = self.records()
        return [
            {**records.entity(r.entity), "together": r.together}
            for r in self.rows
            if isinstance(r, RelatedRow)
        ]

    def facets(self) -> dict[str, Callable[[Any], Iterable[str]]]:
        return {"label": lambda r: [r.entity.label]}


# ---------------------------------------------------------------------- documents of an entity


@dataclass(frozen=True, slots=True)
class DocCountRow:
    summary: DocumentSummary
    count: int  # mentions of the entity in this document
    #: a document that implies the entity without naming it (count 0): the names that say it
    via: tuple[str, ...] = ()


class EntityDocumentList(CorpusList):
    BINDING_GROUP_TITLE = "Documents"
    KIND = "documents"
    EXPORT_COLUMNS = (*export.DOCUMENT_COLUMNS, "entity_mentions", "implied_by")
    COLUMNS = (
        Column("Title", 20, flex=1),
        Column("Date", 10),
        Column("Mentions", 8, align="right"),
    )
    EMPTY = "No documents."

    def render_row(self, row: DocCountRow, widths: list[int]) -> list[Text | str]:
        title = Text(plain(row.summary.title or row.summary.id), end="")
        if not row.via:
            return [title, row.summary.date or "", _num(row.count)]
        # A document that never names it: what says it there, in the words of the text.
        title.append(" · implied by " + ", ".join(plain(name) for name in row.via), style="dim")
        return [title, row.summary.date or "", Text("implied", style="dim")]

    def export_records(self) -> list[dict[str, Any]]:
        """Document records, with how often each mentions the entity shown (0 for one that
        implies it, with the names that do in `implied_by`)."""
        records = self.records()
        return [
            {**records.document(r.summary), "entity_mentions": r.count, "implied_by": [*r.via]}
            for r in self.rows
            if isinstance(r, DocCountRow)
        ]

    def facets(self) -> dict[str, Callable[[Any], Iterable[str]]]:
        return {
            "date": lambda r: [r.summary.date or NO_DATE],
            "named": lambda r: ["implied" if r.via else "named"],
        }


# ---------------------------------------------------------------------- frequency


@dataclass(frozen=True, slots=True)
class CountRow:
    value: str  # the facet value (a key: document id, label, ...)
    shown: str  # how it is shown
    count: int
    share: float  # of the largest count, for the bar


class CountList(RowList):
    """Counts of a facet over a list, largest first, with a bar: VisiData's Shift+F."""

    BINDING_GROUP_TITLE = "Frequency"
    KIND = "frequency"
    COLUMNS = (
        Column("Value", 16, flex=2),
        Column("Count", 7, align="right"),
        Column("%", 5, align="right"),
        Column("", 10, flex=1, hide_below=60),
    )
    EMPTY = "Nothing to count."
    total: int = 0

    def render_row(self, row: CountRow, widths: list[int]) -> list[Text | str]:
        bar = "█" * max(1, round(row.share * widths[3])) if widths[3] else ""
        percent = f"{100 * row.count / self.total:.0f}%" if self.total else ""
        return [plain(row.shown), _num(row.count), percent, Text(bar, style=self.style("dim"))]

    def export_records(self) -> list[dict[str, Any]]:
        return [
            {"value": r.value, "shown": r.shown, "count": r.count}
            for r in self.rows
            if isinstance(r, CountRow)
        ]
