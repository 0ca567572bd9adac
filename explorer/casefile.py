"""The case file outside the TUI: what each row is as a mark, which search hits the user's
marks let through (`tag:lead`, `is:starred`), and the report of every marked, starred, tagged
or noted item with its sentence, document title, date, path and offsets, as Markdown, JSON
Lines or CSV.

It sits beside the TUI and the command line, above the layers: it reads the store's marks and
the search layer's groups, so `explorer search 'tag:lead oil'` and the app's search box apply
the marks through the same functions (the TUI adds only how a mark is drawn)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from explorer.export import clean_id, clean_text, write_file
from explorer.model import Document, DocumentSummary, Entity, Fact, Hit
from explorer.store.marks import Anchor, Mark

if TYPE_CHECKING:
    # explorer.search is imported where it is used: it imports numpy and the index's
    # modules (0.15-0.2 CPU-s), and the app imports this module before its first paint,
    # which needs no search (the index loads after it, in a worker).
    from explorer.search import Group, Query, SearchIndex
    from explorer.store import Store

#: How many hits of each kind a query with a mark filter looks at: marks are a handful, so
#: every hit of the rest of the query is checked and the totals are exact (up to this many).
EVERY: Mapping[str, int] = {"entity": 10_000, "fact": 10_000, "sentence": 10_000}


def _search() -> Any:
    """The search layer (imported on first use: see the imports above)."""
    import explorer.search

    return explorer.search


class Reads(Protocol):
    """What the case file reads of a store: `explorer.store.Store` is this, and so is the
    TUI's StoreReader (the same reads, cached and behind its lock)."""

    def documents(self) -> list[DocumentSummary]:
        """Every document's summary (title, date), in the store's order."""

    def document(self, doc_id: str) -> Document:
        """The whole document `doc_id`, its text included (KeyError when gone)."""

    def sentences(self, doc_id: str) -> list[tuple[int, int]]:
        """The (start, end) offsets of `doc_id`'s sentences."""

    def facts(self, *, doc: str | None = None, entity: str | None = None) -> list[Fact]:
        """The facts of a document (or of an entity)."""


class CaseFile:
    """The marks of a store, and what each row of a list (a document, entity, fact, search
    hit, mention or case file row) is as a mark. The marks are read when first needed and
    again after `reload()`."""

    def __init__(self, store: Store, reads: Reads | None = None) -> None:
        self._store = store
        self.reads: Reads = store if reads is None else reads
        self._lock = threading.Lock()
        self._by_key: dict[str, Mark] | None = None
        self._moved_to: dict[str, Mark] = {}
        self._where: dict[int, Anchor] = {}
        self._fact_of_hit: dict[tuple[str, int, str, str], Fact | None] = {}
        self._summaries: dict[str, DocumentSummary] | None = None

    @property
    def store(self) -> Store:
        """The store whose marks these are (and whose anchors rows get)."""
        return self._store

    @property
    def marks(self) -> Any:
        """The store's `Marks` (explorer.store.marks)."""
        return self.store.marks

    def reload(self) -> None:
        """Read the marks again (after a change), and find again those whose document
        changed since they were made."""
        by_key = self.marks.keys()
        where = self._moved(by_key.values())
        by_id = {m.id: m for m in by_key.values()}
        with self._lock:
            self._by_key = by_key
            self._where = where
            self._moved_to = {now.key(): by_id[i] for i, now in where.items()}

    def _moved(self, marks: Iterable[Mark]) -> dict[int, Anchor]:
        """Where the marks whose text moved in a re-ingested document are now (mark id ->
        its anchor there): so the row there shows the mark and search filters find it."""
        anchored = [m for m in marks if m.anchor.start >= 0 and m.anchor.sha]
        if not anchored:  # no hashes to compare (every document's, 0.2 CPU-s at 191,232)
            return {}
        try:
            hashes = self.store.document_hashes()
        except Exception:  # a store gone: nothing to find again
            return {}
        changed = [m for m in anchored if hashes.get(m.anchor.doc, m.anchor.sha) != m.anchor.sha]
        out: dict[int, Anchor] = {}
        for mark in self.marks.checked(self.store, changed) if changed else ():
            if mark.start >= 0 and (mark.start, mark.end) != (mark.anchor.start, mark.anchor.end):
                out[mark.id] = replace(mark.anchor, start=mark.start, end=mark.end)
        return out

    def _keys(self) -> dict[str, Mark]:
        if self._by_key is None:
            self.reload()
        assert self._by_key is not None
        return self._by_key

    def moved(self) -> dict[str, Mark]:
        """The marks whose text moved, by the key of where it is now."""
        self._keys()
        return self._moved_to

    def now(self, mark: Mark) -> Anchor:
        """The anchor of `mark` where its text is now (its own when it did not move)."""
        self._keys()
        return self._where.get(mark.id, mark.anchor)

    @property
    def any(self) -> bool:
        """Whether anything is marked at all."""
        return bool(self._keys())

    def all(self) -> list[Mark]:
        """Every mark, oldest first."""
        return sorted(self._keys().values(), key=lambda m: m.id)

    # ---------------------------------------------------------------- rows -> anchors

    def _fact_for_hit(self, hit: Hit) -> Fact | None:
        key = (hit.doc, hit.sentence, hit.predicate or "", hit.text)
        if key not in self._fact_of_hit:
            found = None
            for fact in self.reads.facts(doc=hit.doc):
                if (
                    fact.sentence == hit.sentence
                    and fact.predicate == hit.predicate
                    and _search().fact_line(fact) == hit.text
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
        store = self.store

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
            return self._fact_anchor(row, make, full)
        if isinstance(row, Hit):
            if row.kind == "entity" and row.entity:
                return make("entity", entity=row.entity)
            if row.kind == "sentence" and row.start >= 0:
                return make("sentence", doc=row.doc, start=row.start, end=row.end, text=row.text)
            if row.kind == "fact":
                fact = self._fact_for_hit(row)
                return self._fact_anchor(fact, make, full) if fact is not None else None
        return None

    def _fact_anchor(self, fact: Fact, make: Callable[..., Anchor], full: bool) -> Anchor:
        anchor = make(
            "fact",
            doc=fact.doc,
            start=fact.start,
            end=fact.end,
            text=_search().fact_line(fact) if full else "",
            predicate=fact.predicate,
            entity=fact.subject,
        )
        if full:  # the fact's own characters, to find it again in a changed document
            with contextlib.suppress(KeyError):
                quote = self.reads.document(fact.doc).text[fact.start : fact.end]
                anchor = replace(anchor, quote=quote)
        return anchor

    def mark_of(self, row: Any) -> Mark | None:
        """The mark on a list's row, or None."""
        by_key = self._keys()
        if not by_key:
            return None
        if isinstance(row, Mark):
            return by_key.get(row.key)
        try:
            anchor = self.anchor(row, full=False)
        except Exception:  # a row of a list that cannot be marked, or a store gone
            return None
        if anchor is None:
            return None
        key = anchor.key()
        found = by_key.get(key)
        if found is None:
            found = self._moved_to.get(key)
        return found

    # ---------------------------------------------------------------- documents

    def summary(self, doc_id: str) -> DocumentSummary | None:
        """The document `doc_id` as its pane lists it (title, date), or None when gone."""
        if self._summaries is None:
            self._summaries = {d.id: d for d in self.reads.documents()}
        return self._summaries.get(doc_id)

    def sentence_index(self, doc: str, start: int) -> int:
        """The index of the sentence of `doc` holding offset `start` (-1 when the document
        or the offset is gone)."""
        try:
            for i, (s, e) in enumerate(self.reads.sentences(doc)):
                if s <= start < e:
                    return i
        except KeyError:
            pass
        return -1

    def sentence_text(self, doc: str, index: int) -> tuple[str, int, int]:
        """The text of sentence `index` of `doc`, with its offsets."""
        s, e = self.reads.sentences(doc)[index]
        return self.reads.document(doc).text[s:e], s, e


# ---------------------------------------------------------------- search through the marks


def wanted(mark: Mark, query: Query) -> bool:
    """Whether `mark` passes the query's `tag:` and `is:` filters."""
    return mark.passes(query.tags, query.marks)


def filter_hits(case_file: CaseFile, query: Query, hits: Iterable[Hit]) -> list[Hit]:
    """The hits that carry a mark passing the query's `tag:` and `is:` filters, in order."""
    keep = {m.key for m in case_file.all() if wanted(m, query)}
    keep.update(key for key, m in case_file.moved().items() if wanted(m, query))
    if not keep:
        return []
    # Naming a fact hit's fact reads its document's facts: only where a wanted fact lies.
    fact_docs = {key.split("|", 2)[1] for key in keep if key.startswith("fact|")}
    out = []
    for hit in hits:
        if hit.kind == "fact" and hit.doc not in fact_docs:
            continue
        try:
            anchor = case_file.anchor(hit, full=False)
        except KeyError:  # its document is gone from the store
            continue
        if anchor is not None and anchor.key() in keep:
            out.append(hit)
    return out


def filter_groups(case_file: CaseFile, query: Query, groups: Iterable[Group]) -> list[Group]:
    """The hits of `groups` that the user's marks let through (`tag:lead`, `is:starred`)."""
    out = []
    for group in groups:
        hits = filter_hits(case_file, query, group.hits)
        out.append(_search().Group(group.kind, hits, len(hits)))
    return out


def groups_from_marks(case_file: CaseFile, query: Query) -> list[Group]:
    """With only mark filters typed (`tag:lead`): the marked items themselves, as hits
    (documents as their title, everything else as its text), oldest mark first."""
    by_kind: dict[str, list[Hit]] = {"entity": [], "fact": [], "sentence": []}
    for mark in case_file.all():
        if not wanted(mark, query):
            continue
        a = case_file.now(mark)
        if a.kind == "entity":
            label, _sep, name = a.entity.partition(":")
            by_kind["entity"].append(
                Hit("entity", "", "", -1, name, 0.0, label=label, entity=a.entity)
            )
            continue
        summary = case_file.summary(a.doc)
        title = (summary.title or a.doc) if summary is not None else a.title
        date = summary.date if summary is not None else None
        if a.kind == "document":
            by_kind["sentence"].append(
                Hit("sentence", a.doc, title, 0, title or a.doc, 0.0, date=date)
            )
            continue
        sentence = case_file.sentence_index(a.doc, a.start)
        if a.kind == "fact":
            by_kind["fact"].append(
                Hit("fact", a.doc, title, sentence, a.text, 0.0, predicate=a.predicate, date=date)
            )
        else:
            text, start, end = a.text, a.start, a.end
            highlights: tuple[tuple[int, int], ...] = ()
            if a.kind == "mention" and sentence >= 0:
                text, start, end = case_file.sentence_text(a.doc, sentence)
                highlights = ((a.start - start, a.end - start),)
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
                    date=date,
                )
            )
    group = _search().Group
    return [group(kind, hits, len(hits)) for kind, hits in by_kind.items()]


def _page(
    group: Group, limits: Mapping[str, int] | None, offsets: Mapping[str, int] | None
) -> Group:
    offset = (offsets or {}).get(group.kind, 0)
    limit = (limits or {}).get(group.kind)
    end = None if limit is None else offset + limit
    return _search().Group(group.kind, group.hits[offset:end], group.total, offset=offset)


def search_grouped(
    index: SearchIndex,
    query: str,
    case_file: Callable[[], CaseFile],
    limits: Mapping[str, int] | None = None,
    offsets: Mapping[str, int] | None = None,
) -> list[Group]:
    """`SearchIndex.search_grouped`, with the query's `tag:` and `is:` filters applied
    through the user's marks (`case_file()` is asked for only then): alone they list the
    marked items, with words they keep the matching hits that carry the mark. Filtered
    groups hold every hit that passes (a page of `limits`/`offsets` when given), their
    totals exact. What the app's search box and `explorer search --group` run."""
    parsed = _search().parse(query)
    if not parsed.marks_filter:
        return index.search_grouped(query, limits, offsets)
    marks = case_file()
    if parsed.is_empty:
        groups = groups_from_marks(marks, parsed)
    else:
        groups = filter_groups(marks, parsed, index.search_grouped(query, EVERY))
    return [_page(group, limits, offsets) for group in groups]


def search(
    index: SearchIndex, query: str, case_file: Callable[[], CaseFile], limit: int = 50
) -> list[Hit]:
    """`SearchIndex.search` (one ranked list), with the query's `tag:` and `is:` filters
    applied through the user's marks as `search_grouped` applies them."""
    parsed = _search().parse(query)
    if not parsed.marks_filter:
        return index.search(query, limit=limit)
    marks = case_file()
    if parsed.is_empty:
        hits = [hit for group in groups_from_marks(marks, parsed) for hit in group.hits]
    else:
        hits = filter_hits(marks, parsed, index.search(query, limit=sum(EVERY.values())))
    return hits[:limit]


# ---------------------------------------------------------------- the report


#: The columns of the CSV report (JSON Lines has the same fields).
COLUMNS = (
    "kind",
    "marked",
    "starred",
    "tags",
    "note",
    "entity",
    "predicate",
    "label",
    "text",
    "sentence",
    "doc",
    "title",
    "date",
    "path",
    "start",
    "end",
    "status",
)


def item(mark: Any, store: Any, texts: dict[str, str] | None = None) -> dict[str, Any]:
    """One checked mark (Marks.checked) as a report record: its sentence read from the
    document as it is now (the sentence around the marked offsets)."""
    a = mark.anchor
    texts = {} if texts is None else texts
    record: dict[str, Any] = {
        "kind": a.kind,
        "marked": mark.marked,
        "starred": mark.starred,
        "tags": list(mark.tags),
        "note": mark.note,
        "entity": a.entity if a.kind in ("entity", "fact") else "",
        "predicate": a.predicate,
        "label": a.label,
        "text": a.text,
        "sentence": "",
        "doc": a.doc,
        "title": a.title,
        "date": mark.date or "",
        "path": mark.path or "",
        "start": mark.start if mark.start >= 0 else None,
        "end": mark.end if mark.end >= 0 else None,
        "status": mark.status,
    }
    if a.kind == "entity":
        record["title"] = ""
        record["text"] = a.entity.split(":", 1)[-1]
        return record
    if a.doc and mark.status != "document missing" and mark.start >= 0:
        try:
            if a.doc not in texts:
                texts[a.doc] = store.document(a.doc).text
            text = texts[a.doc]
            for s, e in store.sentences(a.doc):
                if s <= mark.start < e or (s < mark.end <= e):
                    record["sentence"] = text[s:e]
                    break
        except KeyError:
            pass
    if a.kind == "sentence":
        record["sentence"] = record["sentence"] or a.text
    return record


def items(store: Any, marks: Iterable[Any] | None = None) -> list[dict[str, Any]]:
    """Every mark of `store` (or `marks`) as report records, oldest first."""
    texts: dict[str, str] = {}
    checked = store.marks.checked(store, marks)
    return [item(m, store, texts) for m in checked]


def _md(text: str) -> str:
    """Document text as Markdown text: safe characters, one line, no markup taken."""
    text = " ".join(clean_text(text).split())
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def write_markdown(records: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """The report as Markdown; how many items it holds."""
    records = list(records)
    out.write("# Case file\n\n")
    out.write(f"{len(records)} item{'' if len(records) == 1 else 's'}.\n")
    for n, r in enumerate(records, start=1):
        flags = [f for f, on in (("starred", r["starred"]), ("marked", r["marked"])) if on]
        if r["kind"] == "entity":
            head = f"entity {_md(r['entity'])}"
        elif r["kind"] == "document":
            head = f"document “{_md(r['title'] or r['doc'])}”"
        else:
            what = r["predicate"] or r["label"] or ""
            head = f"{r['kind']}{f' ({_md(what)})' if what else ''} in “{_md(r['title'])}”"
        out.write(f"\n## {n}. {head}\n\n")
        if flags or r["tags"]:
            tags = " ".join(f"\\#{_md(t)}" for t in r["tags"])
            out.write(f"- {', '.join(flags)}{' · ' if flags and tags else ''}{tags}\n")
        if r["sentence"]:
            out.write(f"- sentence: {_md(r['sentence'])}\n")
        if r["text"] and r["text"] != r["sentence"]:
            out.write(f"- text: {_md(r['text'])}\n")
        if r["doc"]:
            out.write(f"- document: {_md(r['title'])} ({_md(clean_id(r['doc']))})\n")
            out.write(f"- date: {r['date'] or '(no date)'}\n")
            if r["path"]:
                path = clean_id(r["path"]).replace("`", "'")
                out.write(f"- path: `{path}`\n")
            if r["start"] is not None:
                out.write(f"- offsets: {r['start']}–{r['end']}\n")
        if r["status"]:
            out.write(f"- **{r['status']}** since it was marked\n")
        if r["note"]:
            out.write(f"- note: {_md(r['note'])}\n")
    return len(records)


def write_report(records: Iterable[Mapping[str, Any]], path: Path) -> int:
    """Write the report to `path`: Markdown (.md), CSV (.csv) or JSON Lines (else)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() in (".md", ".markdown"):
        with open(path, "w", encoding="utf-8") as out:
            return write_markdown(records, out)
    return write_file(records, path, columns=COLUMNS)
