"""The TinyDB store: one JSON file (tables documents, mentions, facts, entities, files, meta),
written atomically in batches by one writer at a time, and read lazily.

The file is a plain TinyDB database (`TinyDB(path, storage=AtomicJSONStorage)` reads it; so
does TinyDB's stock JSONStorage). Beside it, `<store>.idx` is a compact, derived sidecar: the
document list a first screen needs, the file hashes an incremental ingest checks, and the
byte ranges of each document's records in the store file, so opening a 20,000-document store
or showing one document never parses every mention. The sidecar is trusted only when it
names the exact store file it was written for (inode, size, mtime); otherwise the store file
is parsed in full, as the source of truth.
"""

from __future__ import annotations

import contextlib
import errno
import mmap
import os
import time
import uuid
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from explorer.model import (
    NAME_LABELS,
    Document,
    DocumentSummary,
    Entity,
    Fact,
    IngestError,
    Mention,
    SentenceRecord,
)

from .storage import LockTimeout, StoreLock, atomic_write

SCHEMA_VERSION = 1
SIDECAR_FORMAT = 1
TABLES = ("documents", "mentions", "facts", "entities", "files", "meta")
#: The most paths given to ingest that the store remembers.
_MAX_ROOTS = 100
_FACT_KEYS = frozenset(("predicate", "subject", "object", "sentence", "start", "end", "doc"))

Progress = Callable[[int, int, Any], None]


class StoreError(Exception):
    """The store cannot be used as asked; str() is one line naming the path and what to do."""


@dataclass
class IngestReport:
    """What one ingest did (document counts) and what the store holds afterwards."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    pruned: int = 0
    duplicates: int = 0  # documents whose identical content was already stored (path added)
    failed: list[IngestError] = field(default_factory=list)
    files: int = 0  # files looked at
    documents: int = 0
    sentences: int = 0
    mentions: int = 0
    entities: int = 0
    facts: int = 0
    seconds: float = 0.0


def default_db_path(explicit: str | None = None) -> Path:
    """--db, else $EXPLORER_DB, else the user data directory's explorer.json."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("EXPLORER_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("explorer", appauthor=False)) / "explorer.json"


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + ".idx")


def keys_path(path: Path) -> Path:
    """The derived file of each document's entity keys (entity pages without every mention)."""
    return path.with_name(path.name + ".keys")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _stat_key(st: os.stat_result) -> list[int]:
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _fact_from(record: dict[str, Any]) -> Fact:
    return Fact(
        predicate=record.get("predicate", ""),
        subject=record.get("subject", ""),
        object=record.get("object", ""),
        sentence=record.get("sentence", -1),
        start=record.get("start", -1),
        end=record.get("end", -1),
        qualifiers={k: v for k, v in record.items() if k not in _FACT_KEYS},
        doc=record.get("doc", ""),
    )


def _mention_from(record: dict[str, Any]) -> Mention:
    return Mention(
        start=record["start"],
        end=record["end"],
        text=record.get("text", ""),
        label=record.get("label", ""),
        entity=record.get("entity", ""),
        sentence=record.get("sentence", -1),
        norm=record.get("norm"),
        doc=record.get("doc", ""),
    )


def _entity_from(record: dict[str, Any]) -> Entity:
    return Entity(
        name=record["name"],
        label=record["label"],
        aliases=tuple(record.get("aliases", ())),
        mentions=record.get("mentions", 0),
        documents=record.get("documents", 0),
    )


# Sidecar row of one document.
_ID, _TITLE, _DATE, _AUTHOR, _PATH, _NSENT, _NMENT, _NFACT, _CHARS, _SHA, _PATHS = range(11)
_DSPAN, _MSPAN, _FSPAN = 11, 12, 13


def _row_from_record(record: dict[str, Any], paths: list[str] | None = None) -> list[Any]:
    counts = record.get("counts") or {}
    return [
        record["id"],
        record.get("title") or record["id"],
        record.get("date"),
        record.get("author"),
        record.get("path"),
        counts.get("sentences", len(record.get("sentences") or ())),
        counts.get("mentions", 0),
        counts.get("facts", 0),
        record.get("chars", len(record.get("text") or "")),
        record.get("sha256", ""),
        list(
            paths
            if paths is not None
            else record.get("paths") or ([record["path"]] if record.get("path") else [])
        ),
    ]


class _Snapshot:
    """One committed version of the store, read lazily."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.generation = ""
        self.rows: list[list[Any]] = []
        self.index: dict[str, int] = {}
        self.files: dict[str, list[Any]] = {}
        self.counts = {"documents": 0, "sentences": 0, "mentions": 0, "entities": 0, "facts": 0}
        self.spans: dict[str, list[int]] | None = None  # table -> [start, end] of its object
        self.raw: Any = None  # mmap or bytes of the store file (span mode)
        self.tables: dict[str, dict[str, Any]] = {}  # parsed tables (lazily, or all: full mode)
        self.next_ids: dict[str, int] = {}
        self.extra_names: list[str] = []  # tables of other tools, kept as they are
        #: values derived from this version (lists, indexes), built once by Store._cached
        self.cache: dict[str, Any] = {}
        self._fh: Any = None

    # ---------------------------------------------------------------- opening

    @classmethod
    def empty(cls, path: Path) -> _Snapshot:
        snap = cls(path)
        snap.tables = {name: {} for name in TABLES}
        snap.next_ids = {"documents": 1, "mentions": 1, "facts": 1}
        return snap

    @classmethod
    def load(cls, path: Path) -> _Snapshot:
        try:
            st = path.stat()
        except FileNotFoundError:
            return cls.empty(path)
        except OSError as exc:
            raise StoreError(
                f"{path}: cannot open the store ({exc.strerror}); check the path "
                "and its permissions"
            ) from None
        if not path.is_file():
            raise StoreError(f"{path}: is not a store file (a folder?); pass --db PATH to a file")
        side = None
        with contextlib.suppress(OSError, orjson.JSONDecodeError, TypeError):
            side = orjson.loads(sidecar_path(path).read_bytes())
        if (
            isinstance(side, dict)
            and side.get("format") == SIDECAR_FORMAT
            and side.get("stat") == _stat_key(st)
            and _tail_names(path, side.get("generation", ""))
        ):
            schema = side.get("schema", 0)
            _check_schema(path, schema)
            snap = cls(path)
            snap._from_sidecar(side)
            return snap
        snap = cls(path)
        snap._from_full(st)
        return snap

    def _open_raw(self) -> Any:
        if self.raw is None:
            try:
                self._fh = open(self.path, "rb")
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot read the store ({exc.strerror})") from None
            size = os.fstat(self._fh.fileno()).st_size
            self.raw = mmap.mmap(self._fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        return self.raw

    def _from_sidecar(self, side: dict[str, Any]) -> None:
        self.generation = side.get("generation", "")
        self.rows = side["docs"]
        self.index = {row[_ID]: i for i, row in enumerate(self.rows)}
        self.files = side.get("files", {})
        self.counts.update(side.get("counts", {}))
        self.spans = side["tables"]
        self.next_ids = side.get("next_ids", {})
        self._open_raw()

    def _from_full(self, st: os.stat_result) -> None:
        path = self.path
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise StoreError(
                f"{path}: cannot read the store ({exc.strerror}); check its permissions"
            ) from None
        if not data.strip():
            if st.st_size == 0:
                self.__dict__.update(_Snapshot.empty(path).__dict__)
                return
        try:
            value = orjson.loads(data)
        except orjson.JSONDecodeError:
            raise StoreError(
                f"{path}: the store file is damaged (not valid JSON: truncated or "
                f"overwritten); it was left untouched: move it aside (mv {path} "
                f"{path}.broken) and ingest again into a new store"
            ) from None
        if not isinstance(value, dict) or any(
            not isinstance(value.get(name, {}), dict) for name in TABLES
        ):
            raise StoreError(
                f"{path}: not an explorer store (a JSON file, but not TinyDB tables); it was "
                f"left untouched: pass --db PATH to another file"
            )
        meta = next(iter(value.get("meta", {}).values()), {}) if value.get("meta") else {}
        if not meta and any(table for table in value.values()):
            # Something, but no explorer meta: another program's TinyDB or JSON file. Writing
            # our tables into it would mix two programs' data.
            names = ", ".join(sorted(value)[:5])
            raise StoreError(
                f"{path}: not an explorer store (a JSON file with tables {names} but no "
                f"explorer schema); it was left untouched: pass --db PATH to another file"
            )
        _check_schema(path, meta.get("schema", SCHEMA_VERSION if not value else 0))
        for name in TABLES:
            value.setdefault(name, {})
        self.tables = value
        self.extra_names = [name for name in value if name not in TABLES]
        # Read without a matching sidecar, the file may have been changed by another tool
        # that kept the generation: the file's identity makes this version's own token.
        self.generation = f"{meta.get('generation', '')}~{st.st_ino}-{st.st_size}-{st.st_mtime_ns}"
        paths_of: dict[str, list[str]] = {}
        for _fid, rec in value["files"].items():
            if isinstance(rec, dict) and "path" in rec:
                self.files[rec["path"]] = [
                    rec.get("sha256", ""),
                    rec.get("size", 0),
                    rec.get("mtime_ns", 0),
                    list(rec.get("docs", [])),
                ]
                for doc_id in rec.get("docs", []):
                    paths_of.setdefault(doc_id, []).append(rec["path"])
        for rec in value["documents"].values():
            if not isinstance(rec, dict) or "id" not in rec:
                continue
            self.index[rec["id"]] = len(self.rows)
            self.rows.append(_row_from_record(rec, rec.get("paths") or paths_of.get(rec["id"])))
        self.counts = {
            "documents": len(self.rows),
            "sentences": sum(row[_NSENT] for row in self.rows),
            "mentions": len(value["mentions"]),
            "entities": len(value["entities"]),
            "facts": len(value["facts"]),
        }
        self.next_ids = {
            name: max((int(k) for k in value[name] if k.isdigit()), default=0) + 1
            for name in ("documents", "mentions", "facts")
        }

    def doc_keys(self) -> list[list[str]] | None:
        """Each document's entity keys, in row order, when the derived file matches."""
        if "_keys" not in self.tables:
            keys = None
            with contextlib.suppress(OSError, orjson.JSONDecodeError, TypeError, KeyError):
                data = orjson.loads(keys_path(self.path).read_bytes())
                if (
                    self.generation
                    and data["generation"] == self.generation
                    and len(data["docs"]) == len(self.rows)
                ):
                    keys = data["docs"]
            self.tables["_keys"] = keys  # type: ignore[assignment]
        return self.tables["_keys"]  # type: ignore[return-value]

    def close(self) -> None:
        if isinstance(self.raw, mmap.mmap):
            with contextlib.suppress(BufferError, ValueError):
                self.raw.close()
        self.raw = None
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    # ---------------------------------------------------------------- reading

    def _slice(self, span: list[int] | None) -> bytes:
        if not span:
            return b""
        return self._open_raw()[span[0] : span[1]]

    def table(self, name: str) -> dict[str, Any]:
        if name not in self.tables:
            if self.spans is None:
                return {}
            try:
                self.tables[name] = orjson.loads(self._slice(self.spans[name]))
            except (orjson.JSONDecodeError, KeyError):
                raise StoreError(
                    f"{self.path}: the store file changed or is damaged while open; reopen it"
                ) from None
        return self.tables[name]

    def roots(self) -> list[str]:
        """The files and folders given to ingest, as absolute paths, oldest first."""
        meta = self.table("meta")
        record = next(iter(meta.values()), {}) if isinstance(meta, dict) and meta else {}
        roots = record.get("roots", []) if isinstance(record, dict) else []
        return [r for r in roots if isinstance(r, str)]

    def _group(self, table: str) -> dict[str, list[dict[str, Any]]]:
        key = f"_by_doc_{table}"
        if key not in self.tables:
            grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for rec in self.table(table).values():
                grouped[rec.get("doc", "")].append(rec)
            self.tables[key] = grouped  # type: ignore[assignment]
        return self.tables[key]

    def doc_record(self, doc_id: str) -> dict[str, Any]:
        row = self.rows[self.index[doc_id]]
        if self.spans is not None and len(row) > _DSPAN and row[_DSPAN]:
            blob = self._slice(row[_DSPAN])
            return next(iter(orjson.loads(b"{" + blob + b"}").values()))
        if "_docs_by_id" not in self.tables:
            self.tables["_docs_by_id"] = {
                rec["id"]: rec for rec in self.table("documents").values()
            }
        return self.tables["_docs_by_id"][doc_id]

    def doc_items(self, doc_id: str, table: str) -> list[dict[str, Any]]:
        row = self.rows[self.index[doc_id]]
        where = _MSPAN if table == "mentions" else _FSPAN
        if self.spans is not None and len(row) > where:
            blob = self._slice(row[where])
            return list(orjson.loads(b"{" + blob + b"}").values()) if blob else []
        return self._group(table).get(doc_id, [])


def _tail_names(path: Path, generation: str) -> bool:
    """Whether the store file ends with the meta table of `generation` (the writer puts it
    last), so a sidecar is never trusted for another version of the file."""
    if not generation:
        return False
    try:
        with open(path, "rb") as handle:
            handle.seek(max(0, handle.seek(0, os.SEEK_END) - 512))
            tail = handle.read()
    except OSError:
        return False
    return f'"generation":"{generation}"'.encode() in tail


def _check_schema(path: Path, schema: Any) -> None:
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer explorer (store schema {schema}; this one reads "
            f"{SCHEMA_VERSION}); upgrade explorer, or pass --db PATH to use another store"
        )


class _DocState:
    """One document as the writer holds it: encoded blobs, re-encoded only when changed."""

    __slots__ = ("row", "tid", "doc_blob", "m_blob", "f_blob", "entities", "record", "keys")

    def __init__(
        self,
        row: list[Any],
        tid: int,
        doc_blob: bytes,
        m_blob: bytes,
        f_blob: bytes,
        entities: list[dict[str, Any]] | None = None,
        record: dict[str, Any] | None = None,
    ) -> None:
        self.row = row
        self.tid = tid
        self.doc_blob = doc_blob
        self.m_blob = m_blob
        self.f_blob = f_blob
        self.entities = entities
        self.record = record
        self.keys: list[str] | None = None


class _Writer:
    """The state of one ingest session: loaded from the last commit, committed in batches."""

    def __init__(self, snap: _Snapshot) -> None:
        self.path = snap.path
        self.snap = snap
        self.files: dict[str, list[Any]] = {
            k: [v[0], v[1], v[2], list(v[3])] for k, v in snap.files.items()
        }
        self.next_ids = {"documents": 1, "mentions": 1, "facts": 1}
        self.next_ids.update(snap.next_ids)
        self.agg: dict[str, list[Any]] | None = None
        self.entities_blob = b""
        self.entity_count = snap.counts.get("entities", 0)
        self.dirty = False
        self.roots = snap.roots()
        # The documents' blobs are loaded on the first change: a re-run on an unchanged
        # corpus only compares file hashes.
        self._docs: dict[str, _DocState] | None = None
        self._by_sha: dict[str, str] = {}
        self.extra_tables: dict[str, bytes] = {}
        if snap.spans is not None:
            for name, span in snap.spans.items():
                if name not in TABLES:
                    self.extra_tables[name] = snap._slice(span)
        else:
            for name in snap.extra_names:
                self.extra_tables[name] = orjson.dumps(snap.tables[name])

    @property
    def docs(self) -> dict[str, _DocState]:
        if self._docs is None:
            self._load()
        assert self._docs is not None
        return self._docs

    @property
    def by_sha(self) -> dict[str, str]:
        if self._docs is None:
            self._load()
        return self._by_sha

    def _load(self) -> None:
        snap = self.snap
        docs: dict[str, _DocState] = {}
        if snap.spans is not None:
            raw = snap._open_raw()
            for row in snap.rows:
                dspan, mspan, fspan = row[_DSPAN], row[_MSPAN], row[_FSPAN]
                blob = bytes(raw[dspan[0] : dspan[1]])
                tid = int(blob[1 : blob.index(b'"', 1)])
                docs[row[_ID]] = _DocState(
                    row[:_DSPAN],
                    tid,
                    blob,
                    bytes(raw[mspan[0] : mspan[1]]) if mspan else b"",
                    bytes(raw[fspan[0] : fspan[1]]) if fspan else b"",
                )
            espan = snap.spans["entities"]
            self.entities_blob = bytes(raw[espan[0] + 1 : espan[1] - 1])
        else:
            mentions = snap._group("mentions")
            facts = snap._group("facts")
            for tid, rec in snap.table("documents").items():
                if not isinstance(rec, dict) or "id" not in rec:
                    continue
                row = snap.rows[snap.index[rec["id"]]][:_DSPAN]
                rec = {**rec, "paths": row[_PATHS]}
                docs[rec["id"]] = _DocState(
                    row,
                    int(tid),
                    b'"%d":%s' % (int(tid), orjson.dumps(rec)),
                    b",".join(
                        b'"%d":%s' % (self._take("mentions"), orjson.dumps(m))
                        for m in mentions.get(rec["id"], [])
                    ),
                    b",".join(
                        b'"%d":%s' % (self._take("facts"), orjson.dumps(f))
                        for f in facts.get(rec["id"], [])
                    ),
                    entities=rec.get("entities") or [],
                )
            self.entities_blob = orjson.dumps(snap.table("entities"))[1:-1]
        self._docs = docs
        for doc_id, state in docs.items():
            self._by_sha.setdefault(state.row[_SHA], doc_id)
        known = snap.doc_keys()
        if known is not None:
            for state, keys in zip(docs.values(), known, strict=True):
                state.keys = keys

    def _take(self, table: str) -> int:
        n = self.next_ids[table]
        self.next_ids[table] = n + 1
        return n

    # ---------------------------------------------------------------- entities

    def _entities_of(self, state: _DocState) -> list[dict[str, Any]]:
        if state.entities is None:
            record = orjson.loads(b"{" + state.doc_blob + b"}")
            state.entities = next(iter(record.values())).get("entities") or []
        return state.entities

    def _ensure_agg(self) -> dict[str, list[Any]]:
        if self.agg is None:
            self.agg = {}
            for state in self.docs.values():
                self._add_entities(self._entities_of(state))
        return self.agg

    def _add_entities(self, entities: list[dict[str, Any]], sign: int = 1) -> None:
        agg = self.agg
        assert agg is not None
        for item in entities:
            key = f"{item['label']}:{item['name']}"
            entry = agg.get(key)
            if entry is None:
                if sign < 0:
                    continue
                entry = agg[key] = [item["name"], item["label"], Counter(), 0, 0]
            entry[2].update({alias: sign for alias in item.get("aliases", ())})
            entry[3] += sign * item.get("mentions", 0)
            entry[4] += sign
            if entry[4] <= 0:
                del agg[key]

    # ---------------------------------------------------------------- changes

    def remove_path(self, path: str) -> int:
        """Forget a file; delete the documents only it held. Returns documents deleted."""
        entry = self.files.pop(path, None)
        if entry is None:
            return 0
        deleted = 0
        for doc_id in entry[3]:
            state = self.docs.get(doc_id)
            if state is None:
                continue
            paths = [p for p in state.row[_PATHS] if p != path and not p.startswith(path + "#")]
            if paths:
                self._set_paths(doc_id, state, paths)
            else:
                self._delete(doc_id)
                deleted += 1
        self.dirty = True
        return deleted

    def _delete(self, doc_id: str) -> None:
        state = self.docs.pop(doc_id)
        self._ensure_agg()
        self._add_entities(self._entities_of(state), -1)
        # Content is stored once, so no other document holds this hash.
        if self.by_sha.get(state.row[_SHA]) == doc_id:
            del self.by_sha[state.row[_SHA]]

    def _set_paths(self, doc_id: str, state: _DocState, paths: list[str]) -> None:
        record = next(iter(orjson.loads(b"{" + state.doc_blob + b"}").values()))
        record["paths"] = paths
        record["path"] = paths[0]
        state.row[_PATHS] = paths
        state.row[_PATH] = paths[0]
        state.doc_blob = b'"%d":%s' % (state.tid, orjson.dumps(record))

    def _free_id(self, wanted: str, root_name: str | None) -> str:
        if wanted not in self.docs:
            return wanted
        if root_name and f"{root_name}/{wanted}" not in self.docs:
            return f"{root_name}/{wanted}"
        n = 2
        while f"{wanted}~{n}" in self.docs:
            n += 1
        return f"{wanted}~{n}"

    def add(
        self, parsed: dict[str, Any], source: str, root_name: str | None, reuse: list[str]
    ) -> tuple[str, bool]:
        """Store one extracted document from `source`; (doc id, False) when its content was
        already stored (the path is added to that document instead)."""
        sha = parsed["sha256"]
        existing = self.by_sha.get(sha)
        if existing is not None:
            state = self.docs[existing]
            if source not in state.row[_PATHS]:
                self._set_paths(existing, state, [*state.row[_PATHS], source])
                self.dirty = True
            return existing, False
        wanted = parsed["id"]
        doc_id = (
            wanted
            if wanted in reuse and wanted not in self.docs
            else self._free_id(wanted, root_name)
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
        state = _DocState(
            _row_from_record(record),
            tid,
            b'"%d":%s' % (tid, orjson.dumps(record)),
            b",".join([b'"%d":%s' % (self._take("mentions"), m) for m in mentions]),
            b",".join([b'"%d":%s' % (self._take("facts"), f) for f in facts]),
            entities=record["entities"],
        )
        state.keys = [f"{e['label']}:{e['name']}" for e in record["entities"] if e["mentions"]]
        self.docs[doc_id] = state
        self.by_sha[sha] = doc_id
        self._add_entities(record["entities"])
        self.dirty = True
        return doc_id, True

    def set_file(self, path: str, sha: str, size: int, mtime_ns: int, ids: list[str]) -> None:
        self.files[path] = [sha, size, mtime_ns, ids]
        self.dirty = True

    # ---------------------------------------------------------------- commit

    def totals(self) -> dict[str, int]:
        if self._docs is None:
            return {
                k: int(self.snap.counts.get(k, 0))
                for k in ("documents", "sentences", "mentions", "entities", "facts")
            }
        entities = len(self.agg) if self.agg is not None else self.entity_count
        return {
            "documents": len(self.docs),
            "sentences": sum(s.row[_NSENT] for s in self.docs.values()),
            "mentions": sum(s.row[_NMENT] for s in self.docs.values()),
            "entities": entities,
            "facts": sum(s.row[_NFACT] for s in self.docs.values()),
        }

    def commit(self) -> None:
        """Write the whole store atomically, then its sidecar. Raises StoreError."""
        generation = uuid.uuid4().hex
        chunks: list[bytes] = []
        pos = 0
        rows: list[list[Any]] = []
        tables: dict[str, list[int]] = {}

        def put(chunk: bytes) -> None:
            nonlocal pos
            chunks.append(chunk)
            pos += len(chunk)

        spans: dict[str, list[Any]] = {}
        for name, attr in (("documents", "doc_blob"), ("mentions", "m_blob"), ("facts", "f_blob")):
            put(b'{"' if name == "documents" else b',"')
            put(name.encode() + b'":')
            start = pos
            put(b"{")
            first = True
            for doc_id, state in self.docs.items():
                blob = getattr(state, attr)
                if not blob:
                    spans.setdefault(doc_id, [None, None, None])
                    continue
                if not first:
                    put(b",")
                first = False
                spans.setdefault(doc_id, [None, None, None])[
                    ("documents", "mentions", "facts").index(name)
                ] = [pos, pos + len(blob)]
                put(blob)
            put(b"}")
            tables[name] = [start, pos]
        if self.agg is not None:
            records = {}
            for n, (key, (name, label, aliases, mentions, documents)) in enumerate(
                sorted(self.agg.items()), start=1
            ):
                records[str(n)] = {
                    "key": key,
                    "name": name,
                    "label": label,
                    "aliases": sorted(a for a, c in aliases.items() if c > 0 and a != name),
                    "mentions": mentions,
                    "documents": documents,
                }
            self.entities_blob = orjson.dumps(records)[1:-1]
            self.entity_count = len(records)
        put(b',"entities":')
        start = pos
        put(b"{" + self.entities_blob + b"}")
        tables["entities"] = [start, pos]
        files = {
            str(n): {"path": p, "sha256": v[0], "size": v[1], "mtime_ns": v[2], "docs": v[3]}
            for n, (p, v) in enumerate(self.files.items(), start=1)
        }
        put(b',"files":')
        start = pos
        put(orjson.dumps(files))
        tables["files"] = [start, pos]
        for name, blob in self.extra_tables.items():  # tables other tools keep in the file
            put(b"," + orjson.dumps(name) + b":")
            start = pos
            put(blob)
            tables[name] = [start, pos]
        meta = {
            "1": {
                "schema": SCHEMA_VERSION,
                "generation": generation,
                "app": "explorer",
                "updated": datetime.now(UTC).isoformat(timespec="seconds"),
                "roots": self.roots[-_MAX_ROOTS:],
            }
        }
        put(b',"meta":')
        start = pos
        put(orjson.dumps(meta))
        tables["meta"] = [start, pos]
        put(b"}")
        try:
            atomic_write(self.path, chunks)
        except OSError as exc:
            raise _write_error(self.path, exc) from None
        for doc_id, state in self.docs.items():
            rows.append([*state.row[:_DSPAN], *spans[doc_id]])
        st = self.path.stat()
        sidecar = {
            "format": SIDECAR_FORMAT,
            "schema": SCHEMA_VERSION,
            "generation": generation,
            "stat": _stat_key(st),
            "tables": tables,
            "docs": rows,
            "files": self.files,
            "next_ids": self.next_ids,
            "counts": self.totals(),
        }
        keys = []
        for state in self.docs.values():
            if state.keys is None:
                state.keys = [
                    f"{e['label']}:{e['name']}"
                    for e in self._entities_of(state)
                    if e.get("mentions")
                ]
            keys.append(state.keys)
        with contextlib.suppress(OSError):  # derived data: a stale one is detected and ignored
            atomic_write(sidecar_path(self.path), [orjson.dumps(sidecar)], durable=False)
            atomic_write(
                keys_path(self.path),
                [orjson.dumps({"generation": generation, "docs": keys})],
                durable=False,
            )
        self.dirty = False


def _write_error(path: Path, exc: OSError) -> StoreError:
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

    def __init__(self, path: Path, snap: _Snapshot, *, readonly: bool) -> None:
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
            _check_writable(path)
        snap = _Snapshot.load(path)
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
        snap = _Snapshot.load(self._path)
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
    def _cached(snap: _Snapshot, name: str, build: Callable[[], Any]) -> Any:
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
                        id=r[_ID],
                        title=r[_TITLE],
                        date=r[_DATE],
                        author=r[_AUTHOR],
                        path=r[_PATH],
                        sentences=r[_NSENT],
                        mentions=r[_NMENT],
                        facts=r[_NFACT],
                        chars=r[_CHARS],
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
        )

    def sentences(self, doc_id: str) -> list[tuple[int, int]]:
        return [(s, e) for s, e in self._record(doc_id).get("sentences", ())]

    def _all_mentions(self, snap: _Snapshot) -> list[dict[str, Any]]:
        return self._cached(snap, "mentions", lambda: list(snap.table("mentions").values()))

    def _mention_index(self, snap: _Snapshot) -> dict[str, list[dict[str, Any]]]:
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

    def _docs_of_keys(self, snap: _Snapshot) -> dict[str, list[str]] | None:
        """entity key -> the documents that mention it, in store order, from the derived keys
        file (None when it does not match this store)."""
        keys = snap.doc_keys()
        if keys is None:
            return None

        def build() -> dict[str, list[str]]:
            index: dict[str, list[str]] = defaultdict(list)
            for row, doc_keys in zip(snap.rows, keys, strict=False):
                for key in doc_keys:
                    index[key].append(row[_ID])
            return index

        return self._cached(snap, "docs_of_keys", build)

    def _entity_table(self, snap: _Snapshot) -> dict[str, dict[str, Any]]:
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

    def _all_facts(self, snap: _Snapshot) -> list[Fact]:
        return self._cached(
            snap, "facts", lambda: [_fact_from(r) for r in snap.table("facts").values()]
        )

    def _fact_index(self, snap: _Snapshot) -> dict[str, list[Fact]]:
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

    def _cooccurrence(self, snap: _Snapshot) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        known = snap.doc_keys()

        def build() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
            doc_keys: dict[str, set[str]] = defaultdict(set)
            key_docs: dict[str, set[str]] = defaultdict(set)
            if known is not None:
                for row, keys in zip(snap.rows, known, strict=False):
                    named = {k for k in keys if k.split(":", 1)[0] in NAME_LABELS}
                    doc_keys[row[_ID]] = named
                    for k in named:
                        key_docs[k].add(row[_ID])
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
        return {row[_ID]: row[_SHA] for row in self._snap.rows}

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
        _check_writable(self._path)
        self._path.parent.mkdir(parents=True, exist_ok=True)
        lock = StoreLock(lock_path(self._path))
        try:
            lock.acquire(self.lock_timeout)
        except LockTimeout as exc:
            holder = f" (process {exc.holder})" if exc.holder else ""
            raise StoreError(
                f"{self._path}: another explorer is writing to this store{holder}; wait for it "
                "to finish and run this again"
            ) from None
        except OSError as exc:
            raise _write_error(self._path, exc) from None
        try:
            # Under the lock, any temporary file beside the store is left by a killed writer.
            for stale in self._path.parent.glob(f".{self._path.name}.*.tmp"):
                with contextlib.suppress(OSError):
                    stale.unlink()
            self.refresh()
            report = _Ingest(self, paths, progress, prune).run()
        finally:
            lock.release()
        self.refresh()
        report.seconds = time.perf_counter() - started
        return report


def _check_writable(path: Path) -> None:
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


class _Ingest:
    """One ingest run: scan, hash, parse (in worker processes when it pays), apply, commit."""

    def __init__(
        self,
        store: Store,
        paths: Iterable[str | os.PathLike[str]],
        progress: Progress | None,
        prune: bool,
    ) -> None:
        self.store = store
        self.paths = [Path(p) for p in paths]
        self.progress = progress
        self.prune = prune
        self.report = IngestReport()
        self.writer = _Writer(store._snap)
        for raw in self.paths:  # remembered, so that a re-ingest can find files added since
            root = str(raw.expanduser().absolute())
            if root not in self.writer.roots and raw.exists():
                self.writer.roots.append(root)
                self.writer.dirty = True
        self.by_file_sha = {entry[0]: path for path, entry in self.writer.files.items()}
        self.pending = 0
        self.committed_docs = len(store._snap.rows)
        self.last_commit = time.monotonic()

    def _files(self) -> list[tuple[Path, Path | None]]:
        from explorer.ingest import find_files

        out: list[tuple[Path, Path | None]] = []
        seen: set[str] = set()
        for raw in self.paths:
            root = raw.resolve() if raw.is_dir() else None
            for item in find_files([raw]):
                if isinstance(item, IngestError):
                    self.report.failed.append(item)
                    continue
                resolved = item.resolve()
                if str(resolved) in seen:
                    continue
                seen.add(str(resolved))
                out.append((resolved, root))
        return out

    def _scan(self, files: list[tuple[Path, Path | None]]) -> Iterator[tuple[str, Any]]:
        """("done", path) for unchanged files and failures, ("task", task) for the rest."""
        import hashlib

        from explorer.ingest import IngestFailure, read_bytes

        max_bytes = self.store.max_bytes
        for path, root in files:
            key = str(path)
            try:
                data = read_bytes(path, max_bytes=max_bytes)
                st = path.stat()
            except IngestFailure as exc:
                yield "done", ("fail", key, str(exc), [])
                continue
            except OSError as exc:  # vanished between the read and the stat
                from explorer.ingest.files import _os_reason

                yield "done", ("fail", key, _os_reason(exc), [])
                continue
            sha = hashlib.sha256(data).hexdigest()
            known = self.writer.files.get(key)
            if known is not None and known[0] == sha:
                yield "done", ("same", key, known, [])
                continue
            self.meta[key] = (sha, st.st_size, st.st_mtime_ns, root)
            twin = self.by_file_sha.get(sha) if known is None else None
            if twin is not None:  # the same bytes are stored under another path: no parsing
                yield "done", ("link", key, twin, [])
                continue
            yield "task", (key, str(root) if root else None, data)

    def _results(self, entries: Iterator[tuple[str, Any]], parallel: bool) -> Iterator[Any]:
        from .pipeline import parse_file

        if not parallel:
            for kind, value in entries:
                yield value if kind == "done" else parse_file(value)
            return
        buffered: list[tuple[str, Any]] = []
        tasks = 0
        for entry in entries:
            buffered.append(entry)
            tasks += entry[0] == "task"
            if tasks >= self.store.parallel_min // 2:
                break
        else:
            for kind, value in buffered:
                yield value if kind == "done" else parse_file(value)
            return
        import itertools
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        from .pipeline import parse_files, worker_init

        window: deque[tuple[str, Any, Any]] = deque()
        limit = self.store.workers * 8  # chunks in flight
        chunk_size = 8
        context = multiprocessing.get_context("spawn")
        broken = False

        def settle(kind: str, value: Any, tasks: Any) -> list[Any]:
            nonlocal broken
            if kind == "done":
                return [value]
            if not broken and value is not None:
                try:
                    return value.result()
                except BrokenProcessPool:
                    broken = True  # a worker died (out of memory?): parse here instead
            return [parse_file(task) for task in tasks]

        with ProcessPoolExecutor(
            self.store.workers, mp_context=context, initializer=worker_init
        ) as pool:
            chunk: list[Any] = []

            def flush() -> None:
                if chunk:
                    future = None if broken else pool.submit(parse_files, list(chunk))
                    window.append(("chunk", future, list(chunk)))
                    chunk.clear()

            try:
                for kind, value in itertools.chain(buffered, entries):
                    if kind == "task":
                        chunk.append(value)
                        if len(chunk) >= chunk_size:
                            flush()
                    else:
                        flush()
                        window.append(("done", value, None))
                    while window and (
                        len(window) > limit
                        or window[0][0] == "done"
                        or window[0][1] is None
                        or window[0][1].done()
                    ):
                        yield from settle(*window.popleft())
                flush()
                while window:
                    yield from settle(*window.popleft())
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise

    def run(self) -> IngestReport:
        report, writer = self.report, self.writer
        files = self._files()
        total = len(files)
        self.meta: dict[str, tuple[str, int, int, Path | None]] = {}
        parallel = self.store.workers > 1 and total >= self.store.parallel_min
        done = 0
        for result in self._results(self._scan(files), parallel):
            kind, key = result[0], result[1]
            if kind == "same":
                report.unchanged += len(result[2][3])
            elif kind == "link":
                self._link(key, result[2])
            elif kind == "fail":
                report.failed.append(IngestError(key, result[2]))
            else:
                self._apply(key, result[2], result[3])
            done += 1
            if self.progress is not None:
                self.progress(done, total, Path(key))
            self._maybe_commit()
        if self.prune:
            for key in [k for k in writer.files if not os.path.exists(k)]:
                report.pruned += writer.remove_path(key)
        # A store read without its sidecar (lost, stale, or written by another tool) is
        # rewritten once in this layout, so the next open is fast again.
        if writer.dirty or (self.store._snap.spans is None and self.store._snap.rows):
            writer.commit()
        report.files = total
        for name, value in writer.totals().items():
            setattr(report, name, value)
        return report

    def _link(self, key: str, twin: str) -> None:
        """A new path whose bytes are those of a stored file: list it on that file's
        documents."""
        writer = self.writer
        sha, size, mtime_ns, root = self.meta[key]
        entry = writer.files.get(twin)
        if entry is None or entry[0] != sha or any(i not in writer.docs for i in entry[3]):
            # The twin changed meanwhile: parse this file after all.
            from explorer.ingest import IngestFailure, read_bytes

            from .pipeline import parse_file

            try:
                data = read_bytes(Path(key), max_bytes=self.store.max_bytes)
            except IngestFailure as exc:
                self.meta.pop(key)
                self.report.failed.append(IngestError(key, str(exc)))
                return
            result = parse_file((key, str(root) if root else None, data))
            if result[0] == "fail":
                self.meta.pop(key)
                self.report.failed.append(IngestError(key, result[2]))
            else:
                self._apply(key, result[2], result[3])
            return
        self.meta.pop(key)
        for doc_id in entry[3]:
            state = writer.docs[doc_id]
            if key not in state.row[_PATHS]:
                writer._set_paths(doc_id, state, [*state.row[_PATHS], key])
        self.report.duplicates += len(entry[3])
        writer.set_file(key, sha, size, mtime_ns, list(entry[3]))

    def _apply(self, key: str, parsed: list[dict[str, Any]], failed: list[tuple[str, str]]) -> None:
        report, writer = self.report, self.writer
        for where, why in failed:
            report.failed.append(IngestError(where, why))
        sha, size, mtime_ns, root = self.meta.pop(key)
        old = writer.files.get(key)
        old_ids = list(old[3]) if old else []
        old_shas = {writer.docs[i].row[_SHA] for i in old_ids if i in writer.docs}
        new_shas = {p["sha256"] for p in parsed}
        # Records of this file whose content did not change stay as they are.
        for doc_id in old_ids:
            state = writer.docs.get(doc_id)
            if state is not None and state.row[_SHA] not in new_shas:
                paths = [p for p in state.row[_PATHS] if p != key]
                if paths:
                    writer._set_paths(doc_id, state, paths)
                else:
                    writer._delete(doc_id)
        ids: list[str] = []
        root_name = root.name if root else None
        for item in parsed:
            doc_id, stored = writer.add(item, key, root_name, old_ids)
            ids.append(doc_id)
            if stored:
                self.pending += 1
                if old is not None:
                    report.updated += 1
                else:
                    report.added += 1
            elif item["sha256"] in old_shas:
                report.unchanged += 1
            else:
                report.duplicates += 1
        writer.set_file(key, sha, size, mtime_ns, ids)
        self.by_file_sha.setdefault(sha, key)

    def _maybe_commit(self) -> None:
        if not self.pending:
            return
        due = max(self.store.commit_every, self.committed_docs // 3)
        if self.pending >= due or time.monotonic() - self.last_commit >= self.store.commit_seconds:
            self.writer.commit()
            self.committed_docs = len(self.writer.docs)
            self.pending = 0
            self.last_commit = time.monotonic()
