"""What a row of any list is, as a mark: its anchor (document, sentence, fact, mention or
entity) and the marker shown beside it. No textual here: the lists and screens call it."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from explorer.model import DocumentSummary, Entity, Fact, Hit
from explorer.search import Group, Query, fact_line
from explorer.store.marks import Anchor, Mark, clean_tag

if TYPE_CHECKING:
    from explorer.tui.data import StoreReader

#: The gutter's width: a flag (star or mark) and a tag or note sign.
GUTTER = 2


class CaseFile:
    """The marks of the app's store, with each row's anchor and marker (kept in memory and
    reloaded after every change)."""

    def __init__(self, reader: StoreReader) -> None:
        self.reader = reader
        self.marks = reader.store.marks
        self._lock = threading.Lock()
        self._by_key: dict[str, Mark] = {}
        self._fact_of_hit: dict[tuple[str, int, str, str], Fact | None] = {}
        self.reload()

    def reload(self) -> None:
        with self._lock:
            self._by_key = self.marks.keys()

    @property
    def any(self) -> bool:
        return bool(self._by_key)

    def all(self) -> list[Mark]:
        return sorted(self._by_key.values(), key=lambda m: m.id)

    # ---------------------------------------------------------------- rows -> anchors

    def _fact_for_hit(self, hit: Hit) -> Fact | None:
        key = (hit.doc, hit.sentence, hit.predicate or "", hit.text)
        if key not in self._fact_of_hit:
            found = None
            for fact in self.reader.facts(doc=hit.doc):
                if (
                    fact.sentence == hit.sentence
                    and fact.predicate == hit.predicate
                    and fact_line(fact) == hit.text
                ):
                    found = fact
                    break
            self._fact_of_hit[key] = found
        return self._fact_of_hit[key]

    def anchor(self, row: Any, *, full: bool = True) -> Anchor | None:
        """The anchor of a list's row (None for a row that cannot be marked). Without
        `full`, only what its key needs (no store lookup of hash and title)."""
        row = getattr(row, "mark", row)  # a case file row: its mark
        if isinstance(row, Mark):
            return row.anchor
        store = self.reader.store

        def make(kind: str, **kw: Any) -> Anchor:
            return store.anchor(kind, **kw) if full else Anchor(kind=kind, **kw)

        summary = getattr(row, "summary", None)
        if isinstance(summary, DocumentSummary):
            row = summary
        entity = getattr(row, "entity", None)
        if isinstance(entity, Entity):
            row = entity
        mention = getattr(row, "mention", None)
        if mention is not None and hasattr(row, "sentence"):
            return make(
                "mention",
                doc=mention.doc,
                start=mention.start,
                end=mention.end,
                text=mention.text,
                label=mention.label,
            )
        if isinstance(row, DocumentSummary):
            return make("document", doc=row.id)
        if isinstance(row, Entity):
            return make("entity", entity=row.key) if full else Anchor("entity", entity=row.key)
        if isinstance(row, Fact):
            return self._fact_anchor(row, make)
        if isinstance(row, Hit):
            if row.kind == "entity" and row.entity:
                return make("entity", entity=row.entity)
            if row.kind == "sentence" and row.start >= 0:
                return make("sentence", doc=row.doc, start=row.start, end=row.end, text=row.text)
            if row.kind == "fact":
                fact = self._fact_for_hit(row)
                return self._fact_anchor(fact, make) if fact is not None else None
        return None

    def _fact_anchor(self, fact: Fact, make: Any) -> Anchor:
        text = ""
        if make is not Anchor:
            text = fact_line(fact)
        return make(
            "fact",
            doc=fact.doc,
            start=fact.start,
            end=fact.end,
            text=text,
            predicate=fact.predicate,
            entity=fact.subject,
        )

    def mark_of(self, row: Any) -> Mark | None:
        if not self._by_key:
            return None
        if isinstance(row, Mark):
            return self._by_key.get(row.key)
        try:
            anchor = self.anchor(row, full=False)
        except Exception:  # a row of a list that cannot be marked, or a store gone
            return None
        return self._by_key.get(anchor.key()) if anchor is not None else None

    def marker(self, row: Any) -> str:
        """Two characters: ★ starred or ● marked; # tagged or ✎ noted."""
        mark = self.mark_of(row)
        if mark is None:
            return "  "
        first = "★" if mark.starred else "●" if mark.marked else " "
        second = "#" if mark.tags else "✎" if mark.note else " "
        return first + second


# ---------------------------------------------------------------- search filters


def wanted(mark: Mark, query: Query) -> bool:
    """Whether `mark` passes the query's `tag:` and `is:` filters."""
    have = {t.casefold() for t in mark.tags}
    if any(clean_tag(t).casefold() not in have for t in query.tags):
        return False
    checks = {
        "starred": mark.starred,
        "marked": mark.marked,
        "noted": bool(mark.note),
        "tagged": bool(mark.tags),
    }
    return all(checks[m] for m in query.marks)


def filter_groups(case_file: CaseFile, query: Query, groups: list[Group]) -> list[Group]:
    """The hits of `groups` that the user's marks let through (`tag:lead`, `is:starred`)."""
    out = []
    for group in groups:
        hits = []
        for hit in group.hits:
            mark = case_file.mark_of(hit)
            if mark is not None and wanted(mark, query):
                hits.append(hit)
        out.append(Group(group.kind, hits, len(hits)))
    return out


def groups_from_marks(case_file: CaseFile, query: Query) -> list[Group]:
    """With only mark filters typed (`tag:lead`): the marked items themselves, as hits
    (documents as their title, everything else as its text)."""
    reader = case_file.reader
    by_kind: dict[str, list[Hit]] = {"entity": [], "fact": [], "sentence": []}
    for mark in case_file.all():
        if not wanted(mark, query):
            continue
        a = mark.anchor
        if a.kind == "entity":
            label, _sep, name = a.entity.partition(":")
            by_kind["entity"].append(
                Hit("entity", "", "", -1, name, 0.0, label=label, entity=a.entity)
            )
            continue
        title = reader.title(a.doc) if reader.summary(a.doc) is not None else a.title
        if a.kind == "fact":
            sentence = _sentence_index(reader, a.doc, a.start)
            by_kind["fact"].append(
                Hit("fact", a.doc, title, sentence, a.text, 0.0, predicate=a.predicate)
            )
        elif a.kind == "document":
            by_kind["sentence"].append(Hit("sentence", a.doc, title, 0, title or a.doc, 0.0))
        else:
            sentence = _sentence_index(reader, a.doc, a.start)
            start, end, text = a.start, a.end, a.text
            if a.kind == "mention" and sentence >= 0:
                text, start, end = reader.sentence_text(a.doc, sentence)
                highlights: tuple[tuple[int, int], ...] = ((a.start - start, a.end - start),)
            else:
                highlights = ()
            by_kind["sentence"].append(
                Hit(
                    "sentence",
                    a.doc,
                    title,
                    sentence,
                    text,
                    0.0,
                    highlights=highlights,
                    start=start,
                    end=end,
                )
            )
    return [Group(kind, hits, len(hits)) for kind, hits in by_kind.items()]


def _sentence_index(reader: StoreReader, doc: str, start: int) -> int:
    try:
        for i, (s, e) in enumerate(reader.sentences(doc)):
            if s <= start < e:
                return i
    except KeyError:
        pass
    return -1
