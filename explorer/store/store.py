"""The TinyDB store: one JSON file (tables documents, mentions, facts, entities, files, meta),
written atomically in batches by one writer at a time, and read lazily.

The file is a plain TinyDB database (`TinyDB(path, storage=AtomicJSONStorage)` reads it; so
does TinyDB's stock JSONStorage). Beside it, `<store>.idx` is a compact, derived sidecar: the
document list a first screen needs, the file hashes an incremental ingest checks, and the
byte ranges of each document's records in the store file, so opening a 20,000-document store
or showing one document never parses every mention.

`Store` is the one way in; behind it, by what a newcomer would look for:
`schema` (tables, versions, the files of a store), `rows` (records <-> model),
`snapshot` (the read side), `writer` (lock, commit, atomic writes), `ingest` (the ingest
driver and its worker pool), `pipeline` (what a worker runs for one file).
"""

from __future__ import annotations

import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from explorer.model import (
    NAME_LABELS,
    Document,
    DocumentSummary,
    Entity,
    Fact,
    Mention,
    SentenceRecord,
)

from .ingest import IngestReport, IngestRun, Progress
from .rows import entity_from as _entity_from
from .rows import fact_from as _fact_from
from .rows import mention_from as _mention_from
from .schema import (
    ROW_AUTHOR,
    ROW_CHARS,
    ROW_DATE,
    ROW_ID,
    ROW_NFACT,
    ROW_NMENT,
    ROW_NSENT,
    ROW_PATH,
    ROW_SHA,
    ROW_TITLE,
    StoreError,
)
from .snapshot import Snapshot
from .writer import check_writable, write_lock

__all__ = ["Store", "default_db_path"]


def default_db_path(explicit: str | None = None) -> Path:
    """--db, else $EXPLORER_DB, else the user data directory's explorer.json."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("EXPLORER_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("explorer", appauthor=False)) / "explorer.json"


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


class Store:
    """The store of one file: documents, their mentions and facts, and the entities."""

    #: documents per commit at least; commits grow with the store (a third of it) so that a
    #: long ingest rewrites the file a bounded number of times.
    commit_every = 256
    commit_seconds = 20.0
    lock_timeout = 5.0
    max_bytes = 50_000_000
    #: below this many files to parse, parsing stays in this process (a pool costs ~1 s)
    parallel_min = 48

    def __init__(self, path: Path, snap: Snapshot, *, readonly: bool) -> None:
        self._path = path
        self._snap = snap
        self.readonly = readonly
        self.workers = max(1, min(2, _env_int("EXPLORER_WORKERS", os.cpu_count() or 1)))
        self.commit_every = _env_int("EXPLORER_COMMIT_EVERY", type(self).commit_every)
        self.lock_timeout = float(os.environ.get("EXPLORER_LOCK_TIMEOUT", self.lock_timeout))
        self.max_bytes = _env_int("EXPLORER_MAX_BYTES", type(self).max_bytes)

    # ---------------------------------------------------------------- lifecycle

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, readonly: bool = False) -> Store:
        """Open (or, for writing, prepare) the store at `path`; StoreError when it is
        damaged, of a newer schema, or (for writing) read-only."""
        path = Path(path).expanduser()
        if not readonly:
            check_writable(path)
        snap = Snapshot.load(path)
        return cls(path, snap, readonly=readonly)

    @property
    def path(self) -> Path:
        return self._path

    def close(self) -> None:
        self._snap.cache.clear()
        self._snap.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def refresh(self) -> bool:
        """Reload if another process committed since; True when the content changed."""
        before = self._snap.generation
        snap = Snapshot.load(self._path)
        if snap.generation == before and before:
            snap.close()
            return False
        # The old snapshot is not closed here: a reader in another thread may still be
        # slicing it; its memory map goes with its last reference.
        self._snap = snap
        return True

    # ---------------------------------------------------------------- reading

    def generation(self) -> str:
        return self._snap.generation or "empty"

    def is_empty(self) -> bool:
        return not self._snap.rows

    def stats(self) -> dict[str, Any]:
        counts = {k: int(v) for k, v in self._snap.counts.items()}
        counts["documents"] = len(self._snap.rows)
        return {**counts, "db": str(self._path)}

    @staticmethod
    def _cached(snap: Snapshot, name: str, build: Callable[[], Any]) -> Any:
        # Built once per snapshot and kept on it: a commit in another thread swaps in a new
        # snapshot with an empty cache, so a value built from the old one can never be filed
        # under the new one (it once was, and a reader then saw an empty store for good).
        value = snap.cache.get(name)
        if value is None:
            value = build()
            snap.cache[name] = value
        return value

    def documents(self) -> list[DocumentSummary]:
        """Every document, in the order they were ingested (no text is loaded)."""
        snap = self._snap
        rows = snap.rows
        return list(
            self._cached(
                snap,
                "documents",
                lambda: [
                    DocumentSummary(
                        id=r[ROW_ID],
                        title=r[ROW_TITLE],
                        date=r[ROW_DATE],
                        author=r[ROW_AUTHOR],
                        path=r[ROW_PATH],
                        sentences=r[ROW_NSENT],
                        mentions=r[ROW_NMENT],
                        facts=r[ROW_NFACT],
                        chars=r[ROW_CHARS],
                    )
                    for r in rows
                ],
            )
        )

    def _record(self, doc_id: str) -> dict[str, Any]:
        snap = self._snap
        if doc_id not in snap.index:
            raise KeyError(doc_id)
        return snap.doc_record(doc_id)

    def document(self, doc_id: str) -> Document:
        """One document with its text; KeyError when the store has no such document."""
        record = self._record(doc_id)
        meta = dict(record.get("meta") or {})
        paths = record.get("paths") or []
        if len(paths) > 1:
            meta["paths"] = paths
        return Document(
            id=record["id"],
            text=record.get("text", ""),
            title=record.get("title", ""),
            date=record.get("date"),
            author=record.get("author"),
            path=record.get("path"),
            meta=meta,
            sha256=record.get("sha256", ""),
            date_source=record.get("date_source"),
        )

    def dates(self) -> dict[str, Any]:
        """How many documents are dated and from which source, and how many dates were not
        understood: read from the documents table once per version of the store."""

        def build() -> dict[str, Any]:
            sources: Counter[str] = Counter()
            unparsed = 0
            for rec in snap.table("documents").values():
                if not isinstance(rec, dict) or "id" not in rec:
                    continue
                if rec.get("date"):
                    sources[rec.get("date_source") or "unknown"] += 1
                if (rec.get("meta") or {}).get("date_unparsed"):
                    unparsed += 1
            dated = sum(sources.values())
            return {
                "dated": dated,
                "undated": len(snap.rows) - dated,
                "date_sources": dict(sources.most_common()),
                "dates_not_understood": unparsed,
            }

        snap = self._snap
        return dict(self._cached(snap, "dates", build))

    def sentences(self, doc_id: str) -> list[tuple[int, int]]:
        return [(s, e) for s, e in self._record(doc_id).get("sentences", ())]

    def _all_mentions(self, snap: Snapshot) -> list[dict[str, Any]]:
        return self._cached(snap, "mentions", lambda: list(snap.table("mentions").values()))

    def _mention_index(self, snap: Snapshot) -> dict[str, list[dict[str, Any]]]:
        def build() -> dict[str, list[dict[str, Any]]]:
            index: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for rec in self._all_mentions(snap):
                index[f"{rec.get('label')}:{rec.get('entity')}"].append(rec)
            return index

        return self._cached(snap, "mention_index", build)

    def mentions(self, *, doc: str | None = None, entity: str | None = None) -> list[Mention]:
        """Mentions in store order (by document, then position); filtered by document and/or
        entity key ("LABEL:name")."""
        snap = self._snap
        if doc is not None:
            if doc not in snap.index:
                return []
            records = snap.doc_items(doc, "mentions")
            if entity is not None:
                records = [r for r in records if f"{r.get('label')}:{r.get('entity')}" == entity]
        elif entity is not None:
            docs = self._docs_of_keys(snap)
            if docs is not None:
                records = [
                    r
                    for doc_id in docs.get(entity, ())
                    for r in snap.doc_items(doc_id, "mentions")
                    if f"{r.get('label')}:{r.get('entity')}" == entity
                ]
            else:
                records = self._mention_index(snap).get(entity, [])
        else:
            records = self._all_mentions(snap)
        return [_mention_from(r) for r in records]

    def entity_documents(self) -> dict[str, list[str]]:
        """Entity key -> the ids of the documents that mention it, in store order; without
        parsing every mention when the derived keys file is there."""
        snap = self._snap
        docs = self._docs_of_keys(snap)
        if docs is None:

            def build() -> dict[str, list[str]]:
                index: dict[str, list[str]] = defaultdict(list)
                for rec in self._all_mentions(snap):
                    key, doc_id = f"{rec.get('label')}:{rec.get('entity')}", rec.get("doc", "")
                    listed = index[key]
                    if not listed or listed[-1] != doc_id:
                        listed.append(doc_id)
                return index

            docs = self._cached(snap, "entity_documents", build)
        return dict(docs)

    def _docs_of_keys(self, snap: Snapshot) -> dict[str, list[str]] | None:
        """entity key -> the documents that mention it, in store order, from the derived keys
        file (None when it does not match this store)."""
        keys = snap.doc_keys()
        if keys is None:
            return None

        def build() -> dict[str, list[str]]:
            index: dict[str, list[str]] = defaultdict(list)
            for row, doc_keys in zip(snap.rows, keys, strict=False):
                for key in doc_keys:
                    index[key].append(row[ROW_ID])
            return index

        return self._cached(snap, "docs_of_keys", build)

    def _entity_table(self, snap: Snapshot) -> dict[str, dict[str, Any]]:
        return self._cached(
            snap,
            "entities",
            lambda: {
                rec["key"]: rec
                for rec in snap.table("entities").values()
                if isinstance(rec, dict) and "key" in rec
            },
        )

    def entities(self, label: str | None = None) -> list[Entity]:
        """Entities, most mentioned first (then by name)."""
        snap = self._snap

        def build() -> list[Entity]:
            items = [
                _entity_from(r)
                for r in self._entity_table(snap).values()
                if label is None or r["label"] == label
            ]
            items.sort(key=lambda e: (-e.mentions, e.name.lower(), e.label))
            return items

        return list(self._cached(snap, f"entities:{label}", build))

    def entity(self, key: str) -> Entity:
        """One entity by key ("LABEL:name"); KeyError when there is none."""
        record = self._entity_table(self._snap).get(key)
        if record is None:
            raise KeyError(key)
        return _entity_from(record)

    def _all_facts(self, snap: Snapshot) -> list[Fact]:
        return self._cached(
            snap, "facts", lambda: [_fact_from(r) for r in snap.table("facts").values()]
        )

    def _fact_index(self, snap: Snapshot) -> dict[str, list[Fact]]:
        def build() -> dict[str, list[Fact]]:
            index: dict[str, list[Fact]] = defaultdict(list)
            for fact in self._all_facts(snap):
                index[fact.subject].append(fact)
                if fact.object != fact.subject:
                    index[fact.object].append(fact)
            return index

        return self._cached(snap, "fact_index", build)

    def facts(
        self, predicate: str | None = None, *, doc: str | None = None, entity: str | None = None
    ) -> list[Fact]:
        """Facts in store order; `entity` (a key) keeps those whose subject or object is that
        entity's name."""
        snap = self._snap
        name = (entity.split(":", 1)[1] if ":" in entity else entity) if entity else None
        if doc is not None:
            if doc not in snap.index:
                return []
            facts = [_fact_from(r) for r in snap.doc_items(doc, "facts")]
            if name is not None:
                facts = [f for f in facts if name in (f.subject, f.object)]
        elif name is not None:
            facts = list(self._fact_index(snap).get(name, []))
        else:
            facts = list(self._all_facts(snap))
        if predicate is not None:
            facts = [f for f in facts if f.predicate == predicate]
        return facts

    def _cooccurrence(self, snap: Snapshot) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        known = snap.doc_keys()

        def build() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
            doc_keys: dict[str, set[str]] = defaultdict(set)
            key_docs: dict[str, set[str]] = defaultdict(set)
            if known is not None:
                for row, keys in zip(snap.rows, known, strict=False):
                    named = {k for k in keys if k.split(":", 1)[0] in NAME_LABELS}
                    doc_keys[row[ROW_ID]] = named
                    for k in named:
                        key_docs[k].add(row[ROW_ID])
                return doc_keys, key_docs
            for rec in self._all_mentions(snap):
                if rec.get("label") in NAME_LABELS:
                    k = f"{rec['label']}:{rec.get('entity')}"
                    doc_keys[rec.get("doc", "")].add(k)
                    key_docs[k].add(rec.get("doc", ""))
            return doc_keys, key_docs

        return self._cached(snap, "cooccurrence", build)

    def cooccurring(self, key: str, limit: int = 20) -> list[tuple[Entity, int]]:
        """Named entities that appear in the same documents as `key`, with how many
        documents they share, most shared first."""
        snap = self._snap
        doc_keys, key_docs = self._cooccurrence(snap)
        shared: Counter[str] = Counter()
        for doc_id in key_docs.get(key, ()):
            shared.update(doc_keys[doc_id])
        shared.pop(key, None)
        table = self._entity_table(snap)
        ranked = sorted(
            shared.items(), key=lambda kv: (-kv[1], -table.get(kv[0], {}).get("mentions", 0), kv[0])
        )
        out = []
        for other, count in ranked:
            if other in table:
                out.append((_entity_from(table[other]), count))
            if len(out) >= limit:
                break
        return out

    def iter_sentences(self, doc_ids: Iterable[str] | None = None) -> Iterator[SentenceRecord]:
        """Every sentence of every document, in store order; with `doc_ids`, only those of
        these documents (still in store order; ids the store does not hold are skipped), read
        without parsing the other documents."""
        if doc_ids is not None:
            snap = self._snap
            wanted = sorted({d for d in doc_ids if d in snap.index}, key=snap.index.__getitem__)
            records: Iterable[Any] = (snap.doc_record(doc_id) for doc_id in wanted)
        else:
            records = self._snap.table("documents").values()
        for record in records:
            if not isinstance(record, dict) or "id" not in record:
                continue
            text = record.get("text", "")
            doc_id, title = record["id"], record.get("title", "")
            for i, (start, end) in enumerate(record.get("sentences", ())):
                yield SentenceRecord(doc_id, title, i, start, end, text[start:end])

    def roots(self) -> list[Path]:
        """The files and folders given to ingest (absolute), oldest first: what a re-ingest
        reads again to find files added since."""
        return [Path(r) for r in self._snap.roots()]

    def document_hashes(self) -> dict[str, str]:
        """Document id -> the sha256 of its content, in store order (no text is loaded): a
        document whose hash is unchanged has the same text, sentences, mentions and facts."""
        return {row[ROW_ID]: row[ROW_SHA] for row in self._snap.rows}

    # ---------------------------------------------------------------- writing

    def ingest(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        progress: Progress | None = None,
        prune: bool = False,
    ) -> IngestReport:
        """Read, extract and store `paths` (files and folders). Unchanged files cost a hash;
        changed ones replace their documents; with `prune`, documents whose file vanished go.
        Commits in batches; StoreError when the store cannot be written (nothing committed
        before is lost). Parsing runs in spawned worker processes for larger batches, so a
        script that calls this needs the usual `if __name__ == "__main__":` guard."""
        if self.readonly:
            raise StoreError(f"{self._path}: opened read-only; open it for writing to ingest")
        started = time.perf_counter()
        check_writable(self._path)
        self._path.parent.mkdir(parents=True, exist_ok=True)
        with write_lock(self._path, self.lock_timeout):
            self.refresh()
            report = IngestRun(self, self._snap, paths, progress, prune).run()
        self.refresh()
        report.seconds = time.perf_counter() - started
        return report
