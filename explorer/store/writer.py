"""The write side: the one writer's lock, the documents as it holds them, and a commit that
writes one new segment (what changed since the last commit) and then the manifest, each
atomically; merges that keep the number of segments bounded; and the migration of a
single-file store to segments (a backup kept) at its first commit."""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING, Any

import orjson

from explorer.model import unique_document_id

from .rows import record_keys, row_from_record
from .schema import (
    MAX_ROOTS,
    ROW_DSPAN,
    ROW_FSPAN,
    ROW_ID,
    ROW_MSPAN,
    ROW_NFACT,
    ROW_NMENT,
    ROW_NSENT,
    ROW_PATH,
    ROW_PATHS,
    ROW_SHA,
    SCHEMA_VERSION,
    TABLES,
    StoreError,
    keys_path,
    lock_path,
    sidecar_path,
)
from .snapshot import Snapshot
from .storage import LockTimeout, StoreLock, temp_files

if TYPE_CHECKING:
    from .segments import SegmentContent


@contextlib.contextmanager
def write_lock(path: Path, timeout: float) -> Iterator[None]:
    """Hold the one writer's lock of the store at `path`, and clear what a killed writer left;
    StoreError when another process holds it longer than `timeout` seconds."""
    lock = StoreLock(lock_path(path))
    try:
        lock.acquire(timeout)
    except LockTimeout as exc:
        holder = f" (process {exc.holder})" if exc.holder else ""
        raise StoreError(
            f"{path}: another explorer is writing to this store{holder}; wait for it "
            "to finish and run this again"
        ) from None
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        # Under the lock, any temporary file beside the store is left by a killed writer.
        remove_temp_files(path)
        yield
    finally:
        lock.release()


def remove_temp_files(path: Path) -> list[Path]:
    """Remove the temporary files a killed writer left beside the store, and the segment
    files no manifest lists (a killed commit's or merge's), the caller holding the lock, so
    no live writer owns them; the ones removed."""
    from .segments import orphan_files, parse_manifest

    removed = []
    stale_files = temp_files(path)
    live = None
    with contextlib.suppress(OSError, orjson.JSONDecodeError):
        if path.stat().st_size < (4 << 20):
            live = parse_manifest(orjson.loads(path.read_bytes()))
    if live is not None:
        names = [rec.get("file", "") for rec in live[1] if isinstance(rec, dict)]
        stale_files += orphan_files(path, [*names, str(live[0].get("aggregates") or "")])
    for stale in stale_files:
        with contextlib.suppress(OSError):
            stale.unlink()
            removed.append(stale)
    return removed


def clear_killed_writes(path: Path) -> None:
    """At an open for writing: remove what a killed commit left (a temporary file can be
    as large as the store), when no writer is at work now (the lock is free)."""
    if not temp_files(path):
        return
    lock = StoreLock(lock_path(path))
    try:
        lock.acquire(timeout=0)
    except (LockTimeout, OSError):
        return  # a writer is at work (its file is no leftover), or the folder is read-only
    try:
        remove_temp_files(path)
    finally:
        lock.release()


class DocState:
    """One document as the writer holds it: encoded blobs, re-encoded only when changed."""

    __slots__ = (
        "row",
        "tid",
        "doc_blob",
        "m_blob",
        "f_blob",
        "entities",
        "record",
        "keys",
        "span",
        "committed",
        "seg",
    )

    def __init__(
        self,
        row: list[Any],
        tid: int,
        doc_blob: bytes | None,
        m_blob: bytes,
        f_blob: bytes,
        entities: list[dict[str, Any]] | None = None,
        record: dict[str, Any] | None = None,
        *,
        span: list[Any] | None = None,
        committed: bool = False,
    ) -> None:
        self.row = row
        self.tid = tid
        #: the record's encoding; None until needed for a stored document (read by the
        #: snapshot's row, `span`)
        self.doc_blob = doc_blob
        self.m_blob = m_blob
        self.f_blob = f_blob
        self.entities = entities
        self.record = record
        self.keys: list[str] | None = None
        self.span = span
        #: whether a committed segment holds this version (a delete then leaves a tombstone)
        self.committed = committed
        #: the segment this writer committed this version to, when its record was dropped
        #: from memory at that commit (read back from there when needed: Writer._blob)
        self.seg: str | None = None


class StoredDocs:
    """The writer's documents by id, over a segmented snapshot's rows: a stored document's
    state is made when it is first asked for, so a commit of one document builds none of the
    200,000 others (building them all cost about 1 s there). Iterates in store order, then
    the documents added since, as a dict of every state would."""

    __slots__ = ("rows", "index", "own", "gone", "added", "size")

    def __init__(self, rows: list[list[Any]], index: dict[str, int]) -> None:
        self.rows = rows
        self.index = index
        self.own: dict[str, DocState] = {}  # states made, changed or added
        self.gone: set[str] = set()  # stored ids deleted
        self.added: dict[str, None] = {}  # ids not among the stored rows, in order added
        self.size = len(rows)

    def _stored(self, doc_id: str) -> DocState:
        from .segments import ROW_TID

        row = self.rows[self.index[doc_id]]
        state = DocState(row[:ROW_DSPAN], row[ROW_TID], None, b"", b"", span=row, committed=True)
        self.own[doc_id] = state
        return state

    def __getitem__(self, doc_id: str) -> DocState:
        state = self.own.get(doc_id)
        if state is not None:
            return state
        if doc_id in self.gone or doc_id not in self.index:
            raise KeyError(doc_id)
        return self._stored(doc_id)

    def get(self, doc_id: str, default: Any = None) -> Any:
        """The state of `doc_id`, or `default` when the writer holds no such document."""
        try:
            return self[doc_id]
        except KeyError:
            return default

    def __contains__(self, doc_id: object) -> bool:
        if doc_id in self.own:
            return True
        return doc_id in self.index and doc_id not in self.gone

    def __len__(self) -> int:
        return self.size

    def __setitem__(self, doc_id: str, state: DocState) -> None:
        if doc_id not in self:
            self.size += 1
            if doc_id in self.index:
                self.gone.discard(doc_id)
            self.added.pop(doc_id, None)
            if doc_id not in self.index or doc_id in self.gone:
                self.added[doc_id] = None
        self.own[doc_id] = state

    def pop(self, doc_id: str) -> DocState:
        """Remove `doc_id` (KeyError when absent); its state."""
        state = self[doc_id]
        del self.own[doc_id]
        self.size -= 1
        if doc_id in self.index:
            self.gone.add(doc_id)
        self.added.pop(doc_id, None)
        return state

    def __iter__(self) -> Iterator[str]:
        own, gone = self.own, self.gone
        for row in self.rows:
            doc_id = row[ROW_ID]
            if doc_id not in gone and (doc_id in own or doc_id in self.index):
                yield doc_id
        yield from list(self.added)

    def keys(self) -> Iterator[str]:
        """The ids, in store order then as added."""
        return iter(self)

    def values(self) -> Iterator[DocState]:
        """Every state, made as it is reached (a pass over the whole store)."""
        for doc_id in self:
            yield self[doc_id]

    def items(self) -> Iterator[tuple[str, DocState]]:
        """(id, state) for every document, as `values`."""
        for doc_id in self:
            yield doc_id, self[doc_id]


class Writer:
    """The state of one ingest session: loaded from the last commit, committed in batches."""

    def __init__(self, snap: Snapshot) -> None:
        if snap.problems:  # writing now would drop them, or carry them on mangled
            raise StoreError(
                f"{snap.path}: {len(snap.problems)} damaged record(s), first "
                f"{snap.problems[0]}; nothing was written: run `explorer check --repair "
                f"--db {snap.path}`"
            )
        self.path = snap.path
        self.snap = snap
        # A shallow copy: the writer replaces an entry whole (set_file), never edits one.
        self.files: dict[str, list[Any]] = dict(snap.files)
        self.next_ids = {"documents": 1, "mentions": 1, "facts": 1}
        self.next_ids.update(snap.next_ids)
        self.agg: dict[str, list[Any]] | None = None
        #: entity keys whose counts changed since the last commit (resolved again)
        self.touched: set[str] = set()
        #: seconds the last commit spent on identity resolution (decide, count documents),
        #: on the clock and of this process's CPU
        self.resolve_seconds = 0.0
        self.resolve_cpu_seconds = 0.0
        self.entities_blob = b""
        self.entity_count = snap.counts.get("entities", 0)
        self.dirty = False
        self.roots = snap.roots()
        # The documents' blobs are loaded on the first change: a re-run on an unchanged
        # corpus only compares file hashes.
        self._docs: dict[str, DocState] | StoredDocs | None = None
        self._by_sha: dict[str, str] = {}
        self.extra_tables: dict[str, bytes] = {}
        if snap.layout == "segments":
            # Tables another program keeps in the manifest stay there (see _write_manifest).
            for name in snap.extra_names:
                if name not in snap.manifest_extra:
                    self.extra_tables[name] = orjson.dumps(snap.table(name))
        elif snap.spans is not None:
            for name, span in snap.spans.items():
                if name not in TABLES:
                    self.extra_tables[name] = snap.read_span(span)
        else:
            for name in snap.extra_names:
                self.extra_tables[name] = orjson.dumps(snap.tables[name])
        #: The next commit writes every document into one segment that replaces all: the
        #: first commit to a single-file store (its migration) or to a store whose segments
        #: could not be read from their sidecars.
        self.rewrite_all = snap.layout != "segments" or (snap.spans is None and bool(snap.segments))
        self.segments: list[dict[str, Any]] = list(snap.segments)
        self.next_segment = int(snap.manifest.get("next_segment", 1) or 1)
        #: the derived file of the entity totals the manifest names ("" when none)
        aggregates = snap.manifest.get("aggregates", "")
        self.aggregates = aggregates if isinstance(aggregates, str) else ""
        #: What changed since the last commit: documents whose mentions and facts are new,
        #: documents whose record changed, ids of committed documents deleted, files changed
        #: and removed, and the tables of other tools as last committed.
        self.fresh: set[str] = set()
        self.changed: set[str] = set()
        self.dead: list[int] = []
        self.files_dirty: set[str] = set()
        self.files_gone: list[str] = []
        self.committed_extra = {} if self.rewrite_all else dict(self.extra_tables)
        self.committed_entities: dict[str, dict[str, Any]] | None = None
        #: a short digest of each committed entity record (what the next commit compares)
        self.entity_digests: dict[str, str] | None = None
        #: each merged group's keys and the documents that mention one (the last count),
        #: and the keys of the documents added and deleted since it
        self.groups: dict[str, tuple[frozenset[str], int]] | None = None
        #: the groups as the last commit counted them (what its records were made from)
        self.committed_groups: dict[str, tuple[frozenset[str], int]] | None = None
        self.keys_added: list[list[str]] = []
        #: sentences, mentions and facts added since the snapshot (less those deleted)
        self.delta = [0, 0, 0]
        self.keys_removed: list[list[str]] = []
        #: segments this writer committed (the end of an ingest merges them into one)
        self.written: list[str] = []
        #: segment files merged away -> the segment that replaced them, and the document
        #: spans of each segment read back from (`_read_back`), by record id
        self.renamed: dict[str, str] = {}
        self.read_spans: dict[str, dict[int, Any]] = {}
        #: entity keys whose totals changed since the last commit: a commit makes and
        #: digests again only their records and those whose decision, country or group
        #: documents changed (see entity_records)
        self.entities_changed: set[str] = set()
        #: each live segment's postings (segment file -> segments.Postings, or None when
        #: it has none that hold), read when a count needs them (`_docs_of`)
        self.postings: dict[str, Any] = {}
        #: the TinyDB ids of the documents deleted in a committed segment (tombstones): the
        #: postings of the segments that first stored them still list them. Ids are never
        #: reused, so the sets only grow: the snapshot's (None until first needed) and
        #: those this writer's commits deleted.
        self.dead_tids: set[int] | None = None
        self.dead_committed: set[int] = set()
        #: how many documents' entity keys a count read one document at a time (a pass
        #: over every document when the postings cannot answer)
        self.keys_read = 0
        #: the bytes of the segments this writer's commits wrote (what `leave_room` may
        #: rewrite at the end of an ingest)
        self.bytes_written = 0

    @property
    def docs(self) -> dict[str, DocState] | StoredDocs:
        """The documents by id, as the writer holds them (loaded on first use)."""
        if self._docs is None:
            self._load()
        assert self._docs is not None
        return self._docs

    @property
    def by_sha(self) -> dict[str, str]:
        """The document id of each content hash (loaded on first use)."""
        if self._docs is None:
            self._load()
        return self._by_sha

    def _load(self) -> None:
        from .segments import gc_paused

        with gc_paused():
            self._load_states()

    def _load_states(self) -> None:
        snap = self.snap
        docs: dict[str, DocState] = {}
        if snap.layout == "segments" and snap.spans is not None:
            # Each stored document's state is made when asked for (StoredDocs), its entity
            # keys read when needed (`_keys_of`), per segment: a commit of one document
            # needs none of the stored ones. The first row of a content hash wins.
            self._docs = StoredDocs(snap.rows, snap.index)
            self._by_sha = {row[ROW_SHA]: row[ROW_ID] for row in reversed(snap.rows)}
            return
        if snap.spans is not None:
            raw = snap.open_raw()
            for row in snap.rows:
                dspan, mspan, fspan = row[ROW_DSPAN], row[ROW_MSPAN], row[ROW_FSPAN]
                blob = bytes(raw[dspan[0] : dspan[1]])
                tid = int(blob[1 : blob.index(b'"', 1)])
                docs[row[ROW_ID]] = DocState(
                    row[:ROW_DSPAN],
                    tid,
                    blob,
                    bytes(raw[mspan[0] : mspan[1]]) if mspan else b"",
                    bytes(raw[fspan[0] : fspan[1]]) if fspan else b"",
                )
            espan = snap.spans["entities"]
            self.entities_blob = bytes(raw[espan[0] + 1 : espan[1] - 1])
        else:
            mentions = snap.by_document("mentions")
            facts = snap.by_document("facts")
            for key, rec in snap.table("documents").items():
                if not isinstance(rec, dict) or "id" not in rec:
                    continue
                row = snap.rows[snap.index[rec["id"]]][:ROW_DSPAN]
                rec = {**rec, "paths": row[ROW_PATHS]}
                docs[rec["id"]] = DocState(
                    row,
                    int(key),
                    b'"%d":%s' % (int(key), orjson.dumps(rec)),
                    b",".join(
                        b'"%d":%s' % (self._take("mentions"), orjson.dumps(m))
                        for m in mentions.get(rec["id"], [])
                    ),
                    b",".join(
                        b'"%d":%s' % (self._take("facts"), orjson.dumps(f))
                        for f in facts.get(rec["id"], [])
                    ),
                    entities=_doc_entities(rec),
                )
            self.entities_blob = orjson.dumps(snap.table("entities"))[1:-1]
        self._docs = docs
        for doc_id, state in docs.items():
            self._by_sha.setdefault(state.row[ROW_SHA], doc_id)
        known = snap.doc_keys()
        if known is not None:
            for state, keys in zip(docs.values(), known, strict=True):
                state.keys = keys

    def _take(self, table: str) -> int:
        n = self.next_ids[table]
        self.next_ids[table] = n + 1
        return n

    # ---------------------------------------------------------------- entities

    def _blob(self, state: DocState) -> bytes:
        """The encoded record of a document (read from its segment on first use)."""
        if state.doc_blob is None:
            if state.seg is not None:  # committed by this writer, then dropped
                return self._read_back(state)
            assert state.span is not None  # a stored document's row
            state.doc_blob = bytes(self.snap.row_span(state.span, ROW_DSPAN))
        return state.doc_blob

    def _read_back(self, state: DocState) -> bytes:
        """The record of a document this writer committed, read from the segment that holds
        it now (a merge since renames it). Not kept: a long ingest would hold them all."""
        from .segments import ROW_TID, read_segment_sidecar, segments_dir

        name = state.seg
        assert name is not None
        while name in self.renamed:
            name = self.renamed[name]
        file = segments_dir(self.path) / name
        spans = self.read_spans.get(name)
        if spans is None:
            rec = next(r for r in self.segments if r["file"] == name)
            side = read_segment_sidecar(file, rec)
            if side is not None:
                spans = {row[ROW_TID]: row[ROW_DSPAN] for row in side["docs"]}
            else:  # no sidecar (it could not be written): the segment's own records
                table = orjson.loads(file.read_bytes()).get("documents") or {}
                spans = {int(k): orjson.dumps(v) for k, v in table.items()}
            self.read_spans[name] = spans
        span = spans[state.tid]
        if isinstance(span, bytes):
            return b'"%d":%s' % (state.tid, span)
        with open(file, "rb") as handle:
            handle.seek(span[0])
            return handle.read(span[1] - span[0])

    def _entities_of(self, state: DocState) -> list[dict[str, Any]]:
        """The entities a document's record holds: those it mentions, then those it implies
        (`_doc_entities`)."""
        if state.entities is None:
            record = orjson.loads(b"{" + self._blob(state) + b"}")
            state.entities = _doc_entities(next(iter(record.values())))
        return state.entities

    def _ensure_agg(self) -> dict[str, list[Any]]:
        if self.agg is None:
            self.agg = self._stored_agg()
            if self.agg is None:
                self.agg = {}
                for state in self.docs.values():
                    self._add_entities(self._entities_of(state))
            self.touched = set()  # what was stored is not a change
            self.entities_changed = set()
        return self.agg

    def _stored_agg(self) -> dict[str, list[Any]] | None:
        """The entity totals as the last commit left them (the derived file the manifest
        names), so that a change does not read every stored document; None when there is
        none or it does not hold."""
        from .segments import read_aggregates, segments_dir

        name = self.aggregates
        if not name or self.rewrite_all:
            return None
        found = read_aggregates(segments_dir(self.path) / name, self.snap.generation)
        if found is None:
            return None
        digests = found.get("digests")
        if isinstance(digests, dict):
            self.entity_digests = digests
        groups = found.get("groups")
        if isinstance(groups, dict) and not self.keys_added and not self.keys_removed:
            self.groups = {h: (frozenset(keys), n) for h, (keys, n) in groups.items()}
            self.committed_groups = self.groups
        # Entries stay as read (dicts) until a change touches them (_add_entities).
        agg: dict[str, list[Any]] = found["agg"]
        for entry in agg.values():
            if len(entry) < _AGG_IMPLIED + 1:  # written before implied entities were kept
                entry.append(0)
        return agg

    def _add_entities(self, entities: list[dict[str, Any]], sign: int = 1) -> None:
        """Add (or take, -1) one document's entities to the totals: name, label, aliases,
        mentions, documents, context words, tickers, and the documents that imply it
        (`_AGG_IMPLIED`), an entity without mentions of its own there (`via`)."""
        agg = self.agg
        assert agg is not None
        for item in entities:
            key = intern(f"{item['label']}:{item['name']}")
            entry = agg.get(key)
            if entry is None:
                if sign < 0:
                    continue
                entry = agg[key] = [
                    item["name"],
                    item["label"],
                    Counter(),
                    0,
                    0,
                    Counter(),
                    None,
                    0,
                ]
            if "via" in item:
                # Implied: no mention, alias or context of its own, so only its count; what
                # identity resolution reads is unchanged (the key is not `touched`).
                entry[_AGG_IMPLIED] += sign
                self.entities_changed.add(key)
                if entry[4] <= 0 and entry[_AGG_IMPLIED] <= 0:
                    del agg[key]
                continue
            if type(entry[2]) is not Counter:  # read from the stored totals as a dict
                entry[2], entry[5] = Counter(entry[2]), Counter(entry[5])
                if entry[6] is not None:
                    entry[6] = Counter(entry[6])
            # What Counter.update does, without its per-call overhead (a third of a
            # document's cost in the ingesting process).
            counts = entry[2]
            for alias in dict.fromkeys(item.get("aliases", ())):
                counts[alias] = counts.get(alias, 0) + sign
            entry[3] += sign * item.get("mentions", 0)
            entry[4] += sign
            if "ctx" in item:
                counts = entry[5]
                for w, n in item["ctx"].items():
                    counts[w] = counts.get(w, 0) + sign * n
            if "tickers" in item:
                if entry[6] is None:
                    entry[6] = Counter()
                counts = entry[6]
                for w, n in item["tickers"].items():
                    counts[w] = counts.get(w, 0) + sign * n
            self.touched.add(key)
            self.entities_changed.add(key)
            if entry[4] <= 0 and entry[_AGG_IMPLIED] <= 0:
                del agg[key]

    def _keys_of(self, state: DocState) -> list[str]:
        self.keys_read += 1
        if state.keys is None and state.span is not None and self.snap.layout == "segments":
            state.keys = self.snap.row_keys(state.span)
        if state.keys is None:
            state.keys = record_keys(self._entities_of(state))
        return state.keys

    def _docs_of(self, keys: set[str]) -> dict[str, set[int]] | None:
        """The documents (TinyDB ids) that mention each of `keys`, as if committed now:
        the live segments' postings of those keys, less the documents deleted, with the
        documents added since the last commit. None when a segment's postings cannot be
        had (a store rewritten at this commit, segments read without their sidecars or
        keys): the caller then reads every document's keys."""
        from .segments import Postings, segment_postings_from_keys, segments_dir, write_postings

        if self.rewrite_all or self.snap.layout != "segments" or self.snap.spans is None:
            return None
        folder = segments_dir(self.path)
        readers = []
        for rec in self.segments:
            name = rec["file"]
            if name not in self.postings:
                file = folder / name
                reader: Any = Postings.open(file, rec["generation"])
                if reader is None:
                    # A segment written before postings existed (or whose postings were
                    # lost): made once from its keys, and kept for the next process.
                    made = segment_postings_from_keys(file, rec)
                    if made is not None:
                        if write_postings(file, rec["generation"], made):
                            reader = Postings.open(file, rec["generation"])
                        if reader is None:
                            reader = made  # a dict answers .get(key) as well
                self.postings[name] = reader
            found = self.postings[name]
            if found is None:
                return None
            readers.append(found)
        if self.dead_tids is None:
            dead: set[int] = set()
            for side in self.snap.sides:
                if side is None:
                    return None
                dead.update((side.get("tombstones") or {}).get("documents", ()))
            self.dead_tids = dead
        gone = self.dead_tids.union(self.dead_committed, self.dead)
        out: dict[str, set[int]] = {}
        for key in keys:
            tids: set[int] = set()
            for rec, reader in zip(self.segments, readers, strict=True):
                if isinstance(reader, dict):
                    tids.update(reader.get(key, ()))
                    continue
                try:
                    tids.update(reader.get(key))
                except StoreError:  # changed or damaged: the documents' keys instead
                    self.postings[rec["file"]] = None
                    return None
            out[key] = tids - gone if gone else tids
        docs = self.docs
        for doc_id in self.fresh:
            state = docs[doc_id]
            for key in self._keys_of(state):
                if key in out:
                    out[key].add(state.tid)
        return out

    def shared_docs(self, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """How many documents mention both keys of each pair (identity's misspellings): from
        the postings of the keys asked about, else one pass over the documents."""
        wanted = {k for pair in pairs for k in pair}
        found = self._docs_of(wanted)
        if found is not None:
            return {(a, b): len(found[a] & found[b]) for a, b in pairs}
        docs_of: dict[str, set[int]] = {k: set() for k in wanted}
        for i, state in enumerate(self.docs.values()):
            for key in self._keys_of(state):
                if key in wanted:
                    docs_of[key].add(i)
        return {(a, b): len(docs_of[a] & docs_of[b]) for a, b in pairs}

    def group_documents(self, resolution: Any) -> dict[str, int]:
        """Head key -> documents that mention any key of its group, for groups of 2 or more.

        A group whose members are those of the last count is counted again from the
        documents added and deleted since (their keys); a group that changed is counted
        from the postings of its keys (`_docs_of`), else over every document."""
        to_head = {k: d.canonical for k, d in resolution.merges.items()}
        members: dict[str, set[str]] = {}
        for key, head in to_head.items():
            members.setdefault(head, {head}).add(key)
        to_head.update((h, h) for h in members)
        previous = self.groups
        counts: Counter[str] = Counter()
        stale = set(members)
        if previous is not None:
            stale = {
                h for h, keys in members.items() if h not in previous or previous[h][0] != keys
            }
            for h in set(members) - stale:
                counts[h] = previous[h][1]
            for sign, changed in ((1, self.keys_added), (-1, self.keys_removed)):
                for keys in changed:
                    for h in {to_head[k] for k in keys if k in to_head} - stale:
                        counts[h] += sign
        if stale:
            found = self._docs_of({k for h in stale for k in members[h]})
            if found is not None:
                for h in stale:
                    counts[h] = len(set().union(*(found[k] for k in members[h])))
            else:
                for state in self.docs.values():
                    counts.update(
                        {to_head[k] for k in self._keys_of(state) if k in to_head} & stale
                    )
        self.groups = {h: (frozenset(keys), counts[h]) for h, keys in members.items()}
        self.keys_added, self.keys_removed = [], []
        return {h: n for h, n in counts.items() if n > 0}

    # ---------------------------------------------------------------- changes

    def remove_path(self, path: str) -> int:
        """Forget a file; delete the documents only it held. Returns documents deleted."""
        entry = self.files.pop(path, None)
        if entry is None:
            return 0
        self.files_gone.append(path)
        self.files_dirty.discard(path)
        deleted = 0
        for doc_id in entry[3]:
            state = self.docs.get(doc_id)
            if state is None:
                continue
            paths = [p for p in state.row[ROW_PATHS] if p != path and not p.startswith(path + "#")]
            if paths:
                self.set_paths(doc_id, state, paths)
            else:
                self.delete(doc_id)
                deleted += 1
        self.dirty = True
        return deleted

    def _count(self, row: list[Any], sign: int) -> None:
        """Sentences, mentions and facts added (or taken, -1) since the snapshot."""
        for n, col in enumerate((ROW_NSENT, ROW_NMENT, ROW_NFACT)):
            self.delta[n] += sign * row[col]

    def delete(self, doc_id: str) -> None:
        """Remove document `doc_id` with its mentions and facts, and its share of the entities."""
        # The totals are built before it leaves: built after, they would lack its share
        # already, and taking it again lost entities (a pruned file's DATE:Monday).
        self._ensure_agg()
        state = self.docs.pop(doc_id)
        self._count(state.row, -1)
        self.keys_removed.append(self._keys_of(state))
        if state.committed:
            self.dead.append(state.tid)
        self.fresh.discard(doc_id)
        self.changed.discard(doc_id)
        self._add_entities(self._entities_of(state), -1)
        # Content is stored once, so no other document holds this hash.
        if self.by_sha.get(state.row[ROW_SHA]) == doc_id:
            del self.by_sha[state.row[ROW_SHA]]

    def set_paths(self, doc_id: str, state: DocState, paths: list[str]) -> None:
        """Record the files a document was read from (the first is its path)."""
        record = next(iter(orjson.loads(b"{" + self._blob(state) + b"}").values()))
        record["paths"] = paths
        record["path"] = paths[0]
        state.row[ROW_PATHS] = paths
        state.row[ROW_PATH] = paths[0]
        state.doc_blob = b'"%d":%s' % (state.tid, orjson.dumps(record))
        self.changed.add(doc_id)

    def add(
        self, parsed: dict[str, Any], source: str, root_name: str | None, reuse: list[str]
    ) -> tuple[str, bool]:
        """Store one extracted document from `source`; (doc id, False) when its content was
        already stored (the path is added to that document instead)."""
        sha = parsed["sha256"]
        existing = self.by_sha.get(sha)
        if existing is not None:
            state = self.docs[existing]
            if source not in state.row[ROW_PATHS]:
                self.set_paths(existing, state, [*state.row[ROW_PATHS], source])
                self.dirty = True
            return existing, False
        wanted = parsed["id"]
        doc_id = (
            wanted
            if wanted in reuse and wanted not in self.docs
            else unique_document_id(wanted, self.docs, root_name)
        )
        record = parsed["record"]
        mentions, facts = parsed["mentions"], parsed["facts"]
        if doc_id != wanted:
            record["id"] = doc_id
            mentions = [orjson.dumps({**orjson.loads(m), "doc": doc_id}) for m in mentions]
            facts = [orjson.dumps({**orjson.loads(f), "doc": doc_id}) for f in facts]
        record["path"] = source
        record["paths"] = [source]
        self._ensure_agg()  # before this document joins, or it would be counted twice
        tid = self._take("documents")
        state = DocState(
            row_from_record(record),
            tid,
            b'"%d":%s' % (tid, orjson.dumps(record)),
            b",".join([b'"%d":%s' % (self._take("mentions"), m) for m in mentions]),
            b",".join([b'"%d":%s' % (self._take("facts"), f) for f in facts]),
            entities=_doc_entities(record),
        )
        # Interned: the totals' keys are the same strings, so that the keys of 200,000
        # documents (30 apiece) cost a pointer each, not a string each.
        state.keys = [intern(k) for k in record_keys(state.entities or ())]
        self.docs[doc_id] = state
        self._count(state.row, 1)
        self.keys_added.append(state.keys)
        self.fresh.add(doc_id)
        self.changed.add(doc_id)
        self.by_sha[sha] = doc_id
        self._add_entities(state.entities or [])
        self.dirty = True
        return doc_id, True

    def set_file(self, path: str, sha: str, size: int, mtime_ns: int, ids: list[str]) -> None:
        """Record what ingest saw of one file: hash, size, mtime and the documents it yielded."""
        self.files[path] = [sha, size, mtime_ns, ids]
        self.files_dirty.add(path)
        self.dirty = True

    # ---------------------------------------------------------------- commit

    def totals(self) -> dict[str, int]:
        """The counts of documents, sentences, mentions, entities and facts, as if committed now."""
        if self._docs is None:
            return {
                k: int(self.snap.counts.get(k, 0))
                for k in ("documents", "sentences", "mentions", "entities", "facts")
            }
        entities = len(self.agg) if self.agg is not None else self.entity_count
        counts = self.snap.counts
        if self.snap.layout == "segments" and self.snap.spans is not None and not self.rewrite_all:
            # The stored totals (the manifest's) and what changed since: no pass over the rows.
            base = [int(counts.get(k, 0)) for k in ("sentences", "mentions", "facts")]
        else:
            base = [
                sum(s.row[col] for s in self.docs.values()) - self.delta[n]
                for n, col in enumerate((ROW_NSENT, ROW_NMENT, ROW_NFACT))
            ]
        sentences, mentions, facts = (b + d for b, d in zip(base, self.delta, strict=True))
        return {
            "documents": len(self.docs),
            "sentences": sentences,
            "mentions": mentions,
            "entities": entities,
            "facts": facts,
        }

    def commit(self, *, resolve: bool = True) -> None:
        """Write what changed since the last commit (see `_commit`), with the cyclic garbage
        collector paused: its passes over the writer's per-document state (200,000 of them)
        cost more than the commit of one document (0.4 s of 0.8 s, measured)."""
        from .segments import gc_paused

        with gc_paused():
            self._commit(resolve=resolve)

    def _commit(self, *, resolve: bool = True) -> None:
        """Write what changed since the last commit as one new segment, then the manifest
        that adds it (the commit point); merge when there are too many segments. Raises
        StoreError. Without `resolve` (the batches of a long ingest), the names changed since
        the last resolution keep the decisions they had and are resolved at the next commit
        that resolves."""
        from .segments import SegmentContent, SegmentDoc, segments_dir, write_segment

        self.resolve_seconds = self.resolve_cpu_seconds = 0.0
        generation = uuid.uuid4().hex
        rewrite = self.rewrite_all
        if rewrite:
            self.fresh = set(self.docs)
            self.changed = set(self.docs)
        content = SegmentContent()
        docs = self.docs if self.changed else {}
        for doc_id in sorted(self.changed, key=lambda d: docs[d].tid):
            state = docs[doc_id]
            new = doc_id in self.fresh
            m_blob, f_blob = state.m_blob, state.f_blob
            if new and state.committed and state.span is not None:
                # A rewrite of a stored document: its mentions and facts as they are stored.
                row = self.snap.rows[self.snap.index[doc_id]]
                m_blob = bytes(self.snap.row_span(row, ROW_MSPAN))
                f_blob = bytes(self.snap.row_span(row, ROW_FSPAN))
            content.docs.append(
                SegmentDoc(
                    state.tid,
                    self._blob(state),
                    list(state.row[:ROW_DSPAN]),
                    new,
                    m_blob if new else b"",
                    f_blob if new else b"",
                    self._keys_of(state) if new else None,
                )
            )
        if not rewrite:
            content.dead_docs = list(self.dead)
        # Entity records are compared as objects: one small orjson.dumps each would hold
        # ~4 KB apiece (its buffer), 80 MB for BBC's 21,000 entities.
        current, digests = self._entity_changes(content, resolve=resolve, rewrite=rewrite)
        if rewrite:
            content.files = {p: v for p, v in self.files.items()}
            content.extra = dict(self.extra_tables)
        else:
            dirty = self.files_dirty
            content.files = {p: v for p, v in self.files.items() if p in dirty}
            content.dead_files = list(dict.fromkeys(self.files_gone))
            content.extra = {
                name: blob
                for name, blob in self.extra_tables.items()
                if self.committed_extra.get(name) != blob
            }
        folder = segments_dir(self.path)
        seq = self.next_segment
        try:
            record = write_segment(folder, seq, generation, content)
        except OSError as exc:
            raise write_error(self.path, exc) from None
        segments = [record] if rewrite else [*self.segments, record]
        before = self.aggregates
        if self.agg is not None:
            self.aggregates = self._write_aggregates(folder, generation, digests)
        try:
            self._write_manifest(generation, segments, seq + 1)
        except OSError as exc:
            from .segments import remove_segment_files

            remove_segment_files(folder, [record["file"]])
            if self.aggregates != before:
                (folder / self.aggregates).unlink(missing_ok=True)
                self.aggregates = before
            raise write_error(self.path, exc) from None
        if self.aggregates != before and before:
            with contextlib.suppress(OSError):
                (folder / before).unlink()
        # Committed: what this writer holds is now what the segments hold.
        old_files = [] if not rewrite else [r["file"] for r in self.segments]
        self.segments = segments
        self.next_segment = seq + 1
        self.written.append(record["file"])
        self.bytes_written += record["size"]
        if current is not None:
            self.committed_entities = None  # the digests stand for them
            self.entity_digests = digests
            self.entity_count = len(current)
            self.entities_blob = b""
        if self.agg is not None:
            self.entities_changed = set()
            self.committed_groups = self.groups
            if resolve:
                self.touched = set()
        for doc_id in self.fresh:
            state = docs[doc_id]
            state.committed = True
            state.m_blob = state.f_blob = b""  # in the segment now; never rewritten
        for doc_id in self.changed:
            # The record and its entities are in the segment now: dropped, so that a long
            # ingest holds only each document's row and entity keys (read back if needed).
            state = docs[doc_id]
            if state.keys is None:
                self._keys_of(state)
            state.doc_blob = None
            state.entities = None
            state.record = None
            state.seg = record["file"]
        self.dead_committed.update(content.dead_docs)
        self.fresh, self.changed, self.dead = set(), set(), []
        self.files_dirty, self.files_gone = set(), []
        self.committed_extra = dict(self.extra_tables)
        if rewrite:
            self.rewrite_all = False
            self._after_rewrite(old_files)
        self.dirty = False
        self.merge_if_needed()

    def _entity_changes(
        self, content: SegmentContent, *, resolve: bool, rewrite: bool
    ) -> tuple[dict[str, dict[str, Any] | None] | None, dict[str, str]]:
        """The entity records by key (None for one that stands as the last commit wrote it,
        see entity_records) and every record's digest; the records to write and the keys
        gone put in `content`."""
        # A record the last commit wrote and that is made from the same as then is None
        # here (entity_records): its digest stands, it is neither made nor digested again.
        current: dict[str, dict[str, Any] | None] | None = None
        digests: dict[str, str] = {}
        if self.agg is not None:
            current = entity_records(self, resolve=resolve)
        elif rewrite:
            current = {
                rec["key"]: rec
                for rec in self.snap.table("entities").values()
                if isinstance(rec, dict)
            }
        if current is not None:
            old = self.entity_digests
            if old is None and not rewrite:
                old = {key: _digest(rec) for key, rec in self._committed_entities().items()}
            made = []
            for key, rec in current.items():
                if rec is None:
                    assert old is not None
                    digests[key] = old[key]
                else:
                    digests[key] = digest = _digest(rec)
                    if rewrite or old is None or old.get(key) != digest:
                        made.append(rec)
            content.entities = sorted(made, key=lambda r: r["key"])
            if old is not None and not rewrite:
                content.dead_entities = [k for k in old if k not in current]
        return current, digests

    def _write_aggregates(self, folder: Path, generation: str, digests: dict[str, str]) -> str:
        """Write the entity totals for the next writer (derived: when the write fails, none
        is named, and the next change reads the documents instead); the file's name, or ""."""
        from .segments import write_aggregates

        assert self.agg is not None
        try:
            groups = {h: [sorted(keys), n] for h, (keys, n) in (self.groups or {}).items()}
            return write_aggregates(folder, generation, self.agg, digests, groups)
        except OSError:
            return ""

    def _committed_entities(self) -> dict[str, dict[str, Any]]:
        if self.committed_entities is None:
            self.committed_entities = {
                rec["key"]: rec
                for rec in self.snap.table("entities").values()
                if isinstance(rec, dict) and isinstance(rec.get("key"), str)
            }
        return self.committed_entities

    def _write_manifest(self, generation: str, segments: list[dict[str, Any]], nxt: int) -> None:
        from .segments import backup_path, write_manifest

        if self.snap.layout != "segments" and self.path.exists() and self.path.stat().st_size:
            # The first commit to a single-file store: keep it as it was, once.
            backup = backup_path(self.path)
            if not backup.exists():
                try:
                    os.link(self.path, backup)
                except OSError:  # a file system without hard links
                    import shutil

                    shutil.copy2(self.path, backup)
        meta = {
            "schema": SCHEMA_VERSION,
            "generation": generation,
            "app": "explorer",
            "updated": datetime.now(UTC).isoformat(timespec="seconds"),
            "roots": self.roots[-MAX_ROOTS:],
            "next_ids": self.next_ids,
            "counts": self.totals(),
            "next_segment": nxt,
            "aggregates": self.aggregates,
        }
        others: dict[str, Any] = {}
        if self.snap.layout == "segments":
            # Tables another program added to the manifest (TinyDB's `_default`, say) stay.
            with contextlib.suppress(OSError, orjson.JSONDecodeError, AttributeError):
                current = orjson.loads(self.path.read_bytes())
                others = {k: v for k, v in current.items() if k not in ("meta", "segments")}
        write_manifest(self.path, meta, segments, others)
        self.meta = meta

    def _after_rewrite(self, old_files: list[str]) -> None:
        """After the commit that replaced every segment: remove the old segment files and
        the single-file store's derived files (the backup keeps the old store)."""
        from .segments import remove_segment_files, segments_dir

        folder = segments_dir(self.path)
        remove_segment_files(folder, old_files)
        for stale in folder.glob("aggregates-*.json"):
            if stale.name != self.aggregates:
                with contextlib.suppress(OSError):
                    stale.unlink()
        for stale in (sidecar_path(self.path), keys_path(self.path)):
            with contextlib.suppress(OSError):
                stale.unlink(missing_ok=True)

    # ---------------------------------------------------------------- merging

    def merge_if_needed(self) -> None:
        """Merge the adjacent run of the smallest segments when there are more than the
        bound (segments.MAX_SEGMENTS)."""
        from .segments import merge_window

        window = merge_window([rec["size"] for rec in self.segments])
        if window is not None:
            with contextlib.suppress(StoreError):  # merged at a later commit, then
                self.merge(*window)

    def leave_room(self) -> None:
        """At the end of an ingest that wrote much: merge the smallest adjacent runs until
        MERGE_WIDTH - 1 more segments fit under the bound, when each merge rewrites no more
        bytes than the ingest wrote. A long ingest's merges otherwise leave the store at
        the bound with large segments at its end, and the next one-file ingest's commit
        merged them (at 191,232 documents: 504 MB rewritten, 15 s, in a commit of one
        document); here it costs a share of what the ingest wrote already."""
        from .segments import MAX_SEGMENTS, MERGE_WIDTH, merge_window

        room = MAX_SEGMENTS - MERGE_WIDTH + 1
        while self.bytes_written:
            sizes = [rec["size"] for rec in self.segments]
            window = merge_window(sizes, room, least=True)
            if window is None or sum(sizes[window[0] : window[1] + 1]) > self.bytes_written:
                return
            count = len(self.segments)
            with contextlib.suppress(StoreError):
                self.merge(*window)
            if len(self.segments) >= count:
                return  # not merged (a sidecar missing, or it could not be written)

    def merge_written(self) -> None:
        """Merge the segments this writer committed into one (the end of an ingest)."""
        names = [rec["file"] for rec in self.segments]
        mine = [i for i, name in enumerate(names) if name in self.written]
        if len(mine) > 1 and mine == list(range(mine[0], mine[-1] + 1)):
            with contextlib.suppress(StoreError):  # the commits stand; merged later
                self.merge(mine[0], mine[-1])

    def merge(self, first: int, last: int) -> None:
        """Replace segments `first`..`last` (adjacent, inclusive) by one equivalent segment:
        written, then a manifest without them, then their files removed. A reader that
        opened the old manifest keeps its open files. StoreError when it cannot be written
        (the store stays as it was: merging is never needed for correctness)."""
        import mmap

        from .segments import (
            merge_content,
            read_segment_keys,
            read_segment_sidecar,
            remove_segment_files,
            segment_files_of,
            segments_dir,
            write_segment,
        )

        folder = segments_dir(self.path)
        run = self.segments[first : last + 1]
        sides, raws, handles = [], [], []
        try:
            for rec in run:
                side = read_segment_sidecar(folder / rec["file"], rec)
                if side is None:
                    return  # read in full until the next rewrite; nothing to merge from
                handle = open(folder / rec["file"], "rb")  # noqa: SIM115 (closed below)
                handles.append(handle)
                sides.append(side)
                raws.append(
                    mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if rec["size"] else b""
                )
            keys = [
                read_segment_keys(folder / rec["file"], rec["generation"], len(side["docs"]))
                for rec, side in zip(run, sides, strict=True)
            ]
            files = [
                segment_files_of(folder / rec["file"], rec, side, raw)
                for rec, side, raw in zip(run, sides, raws, strict=True)
            ]
            content = merge_content(sides, raws, keys, files, drop_tombstones=first == 0)
            del sides, keys, files  # what the content needs of them, it holds

            def release() -> None:
                for raw in raws:
                    if isinstance(raw, mmap.mmap):
                        with contextlib.suppress(OSError, ValueError):
                            raw.madvise(mmap.MADV_DONTNEED)

            content.release = release
            generation = uuid.uuid4().hex
            seq = self.next_segment
            try:
                record = write_segment(folder, seq, generation, content)
            except OSError as exc:
                raise write_error(self.path, exc) from None
            finally:
                del content  # its views of the maps go before the maps
        finally:
            for raw in raws:
                if isinstance(raw, mmap.mmap):
                    with contextlib.suppress(BufferError):
                        raw.close()
            for handle in handles:
                handle.close()
        record["documents"] = sum(rec.get("documents", 0) for rec in run)
        segments = [*self.segments[:first], record, *self.segments[last + 1 :]]
        try:
            self._write_manifest(generation, segments, seq + 1)
        except OSError as exc:
            remove_segment_files(folder, [record["file"]])
            raise write_error(self.path, exc) from None
        self.segments = segments
        self.next_segment = seq + 1
        gone = {rec["file"] for rec in run}
        self.written = [name for name in self.written if name not in gone]
        self.renamed.update((name, record["file"]) for name in gone)
        for name in gone:
            self.read_spans.pop(name, None)
        remove_segment_files(folder, sorted(gone))


#: The index, in an entry of the writer's entity totals, of the count of documents that imply
#: the entity without naming it (totals written before it was kept have none: 0).
_AGG_IMPLIED = 7


def _doc_entities(record: dict[str, Any]) -> list[dict[str, Any]]:
    """A document record's entities as the writer counts them: those it mentions, then those
    it implies (each with `via`, none with mentions)."""
    entities = record.get("entities") or []
    implied = record.get("implied")
    return [*entities, *implied] if implied else entities


def _digest(record: dict[str, Any]) -> str:
    """A short digest of an entity record: a commit writes the records whose digest changed."""
    import hashlib

    return hashlib.blake2b(orjson.dumps(record), digest_size=8).hexdigest()


def entity_records(writer: Writer, *, resolve: bool = True) -> dict[str, dict[str, Any] | None]:
    """The `entities` table by key: one record per entity key as extracted (name, label,
    aliases, counts, the companies a ticker was written after), with the automatic identity
    decision of the keys that join another (`canonical`, `via`, `reason`, `confidence`), a
    nationality's `country`, and on the head of a group the documents the whole group is
    mentioned in (`group_documents`). None for a key whose record the last commit wrote and
    would write the same now (its totals, decision, country and group documents as then):
    a commit of one document makes and digests some 30 of BBC's 19,600 records."""
    import time

    from .identity import Resolution, Summary
    from .identity import resolve as resolve_all

    started, cpu = time.perf_counter(), time.process_time()
    agg = writer.agg
    assert agg is not None
    saved = writer.extra_tables.get("identity")
    previous = _resolution_of(saved)
    # What the last commit made its records from: its decisions (the identity table it
    # wrote) and its groups' documents, when the writer holds each record's digest.
    last = None
    committed = writer.committed_extra.get("identity")
    if (
        committed
        and writer.entity_digests is not None
        and writer.committed_groups is not None
        and not writer.rewrite_all
    ):
        done = previous if committed is saved else _resolution_of(committed)
        if done is not None:
            grouped_then = {h: n for h, (_keys, n) in writer.committed_groups.items() if n > 0}
            last = (done.merges, done.links, grouped_then, writer.entity_digests)
    if resolve or previous is None:
        summaries: dict[str, Summary] = {}
        for key, (name, label, _aliases, mentions, documents, ctx, tickers, _i) in agg.items():
            if documents <= 0:
                # Implied only (no document names it): nothing to resolve it by, and its
                # zero weight would lose a vote of labels ("Germany" GPE to a team's ORG).
                continue
            summaries[key] = Summary(
                key,
                name,
                label,
                mentions,
                documents,
                ctx=ctx,
                tickers={w: n for w, n in tickers.items() if n > 0} if tickers else {},
            )
        resolution = resolve_all(
            summaries,
            identity_tables(),
            shared_docs=writer.shared_docs,
            previous=previous,
            touched=writer.touched if previous is not None else None,
        )
    else:  # a batch: what was decided stands, for the names that are still there
        resolution = Resolution(
            merges={k: d for k, d in previous.merges.items() if k in agg and d.canonical in agg},
            links={k: c for k, c in previous.links.items() if k in agg and c in agg},
        )
    group_docs = writer.group_documents(resolution)
    # The decisions again, compact, for the next commit to start from (the entity records
    # carry them for readers; this table spares parsing every record to resolve a few).
    writer.extra_tables["identity"] = orjson.dumps(
        {
            "1": {
                "merges": {
                    k: [d.canonical, d.via, d.reason, d.confidence]
                    for k, d in sorted(resolution.merges.items())
                },
                "links": dict(sorted(resolution.links.items())),
            }
        }
    )
    writer.resolve_seconds = time.perf_counter() - started
    writer.resolve_cpu_seconds = time.process_time() - cpu
    records: dict[str, dict[str, Any] | None] = {}
    # A record is made from its totals, its decision, its country and its group's documents:
    # when none changed since the last commit, the record written then stands.
    changed = writer.entities_changed
    merges, links = resolution.merges, resolution.links
    for key, (name, label, aliases, mentions, documents, _ctx, tickers, implied) in agg.items():
        decision, country, grouped = merges.get(key), links.get(key), group_docs.get(key)
        if (
            last is not None
            and key not in changed
            and key in last[3]
            and last[0].get(key) == decision
            and last[1].get(key) == country
            and last[2].get(key) == grouped
        ):
            records[key] = None
            continue
        record: dict[str, Any] = {
            "key": key,
            "name": name,
            "label": label,
            "aliases": sorted(a for a, c in aliases.items() if c > 0 and a != name),
            "mentions": mentions,
            "documents": documents,
        }
        if implied > 0:
            record["implied"] = implied
        if tickers:
            kept = {w: c for w, c in tickers.items() if c > 0}
            if kept:
                record["tickers"] = kept
        if decision is not None:
            record.update(decision.to_dict())
        if key in links:
            record["country"] = country
        if key in group_docs:
            record["group_documents"] = grouped
        records[key] = record
    return records


def _resolution_of(saved: bytes | None) -> Any:
    """The identity decisions a commit wrote (its `identity` table), or None."""
    from .identity import Decision, Resolution

    if not saved:
        return None
    with contextlib.suppress(orjson.JSONDecodeError, TypeError, ValueError, KeyError):
        state = orjson.loads(saved)["1"]
        return Resolution(
            merges={
                key: Decision(key, canonical, via, reason, confidence)
                for key, (canonical, via, reason, confidence) in state["merges"].items()
            },
            links=dict(state["links"]),
        )
    return None


_TABLES: Any = None


def identity_tables() -> Any:
    """Titles, nationalities and first names for identity resolution, from the gazetteer."""
    global _TABLES
    if _TABLES is None:
        from .identity import DEFAULT_TITLES, Tables

        try:
            from explorer.nlp import gazetteer

            titles = set(DEFAULT_TITLES)
            for group in gazetteer.titles():
                titles.update(t.lower().rstrip(".") for t in group if " " not in t)
            titles.update(t.lower().rstrip(".") for t in gazetteer.honorifics())
            _TABLES = Tables(
                titles=frozenset(titles),
                demonyms=dict(gazetteer.demonyms()),
                first_names=frozenset(n.lower() for n in gazetteer.first_names()),
            )
        except Exception:  # the gazetteer is optional data: resolution works without it
            _TABLES = Tables()
    return _TABLES


def write_error(path: Path, exc: OSError) -> StoreError:
    """The StoreError for a failed write, saying what to do about it."""
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return StoreError(
            f"{path}: the disk is full; the store was left as it was before "
            "this batch: free some space and ingest again"
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError(
            f"{path}: cannot write the store ({exc.strerror}); make it and its "
            "folder writable, or pass --db PATH to another store"
        )
    return StoreError(
        f"{path}: could not write the store ({exc.strerror or exc}); the previous version is intact"
    )


def check_writable(path: Path) -> None:
    """StoreError unless a store can be written (or created) at `path`."""
    try:
        st = path.stat()
    except FileNotFoundError:
        folder = path.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not os.access(folder, os.W_OK):
            raise StoreError(
                f"{path}: cannot create the store: {folder} is not writable; pass "
                "--db PATH to a writable place"
            ) from None
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store ({exc.strerror})") from None
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a store file; pass --db PATH to a file")
    if not (st.st_mode & 0o222) or not os.access(path, os.W_OK):
        raise StoreError(
            f"{path}: the store file is read-only; make it writable (chmod u+w "
            f"{path}) to ingest into it, or pass --db PATH for another store"
        )
    if not os.access(path.parent, os.W_OK):
        raise StoreError(
            f"{path}: its folder is not writable, so the store cannot be updated "
            "safely; make the folder writable or pass --db PATH elsewhere"
        )
