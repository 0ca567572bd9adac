"""The read side: one committed version of the store. A segmented store (a manifest and its
segment files, see segments.py) is read from the segments' sidecars (byte spans, read lazily
through memory maps), or, when one does not match its segment, parsed in full; a
single-file store (written before segments) is read the same way from its one sidecar.

The sidecar is trusted only when its checksum holds, it names the exact store file it was
written for (inode, size, mtime) and the store's meta table, read at the span the sidecar
gives, names its generation; otherwise the store file is parsed in full, as the source of
truth.
"""

from __future__ import annotations

import contextlib
import mmap
import os
from collections import defaultdict, deque
from collections.abc import Iterator
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

import orjson

from .rows import row_from_record
from .schema import (
    ROW_DSPAN,
    ROW_FSPAN,
    ROW_ID,
    ROW_MSPAN,
    ROW_NSENT,
    SCHEMA_VERSION,
    SIDECAR_FORMAT,
    TABLES,
    StoreError,
    check_schema,
    keys_path,
    sidecar_path,
    stat_key,
)
from .segments import (
    ROW_DSEG,
    ROW_KEYS,
    ROW_SEG,
    ROW_TID,
    combine_documents,
    combine_items,
    combine_keyed,
    combine_tables,
    gc_paused,
    live_meta,
    parse_manifest,
    read_segment_keys,
    read_segment_sidecar,
    segment_files_of,
    segment_ok,
    segments_dir,
)
from .storage import unseal

#: A store file larger than this is never a manifest (a manifest names a few segments and at
#: most MAX_ROOTS paths), so it is read as a single-file store without being parsed first.
MANIFEST_MAX = 4 << 20


class Snapshot:
    """One committed version of the store, read lazily."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.generation = ""
        self.rows: list[list[Any]] = []
        #: document id -> its row; of a segmented store read from its sidecars, None until
        #: first asked for (`index`)
        self._index: dict[str, int] | None = {}
        #: path -> [sha256, size, mtime_ns, document ids]; of a segmented store, None until
        #: `files` is first read (the first screen does not need them)
        self._files: dict[str, list[Any]] | None = {}
        self.counts = {"documents": 0, "sentences": 0, "mentions": 0, "entities": 0, "facts": 0}
        self.spans: dict[str, list[int]] | None = None  # table -> [start, end] of its object
        self.raw: Any = None  # mmap or bytes of the store file (span mode)
        self.tables: dict[str, dict[str, Any]] = {}  # parsed tables (lazily, or all: full mode)
        self.next_ids: dict[str, int] = {}
        self.extra_names: list[str] = []  # tables of other tools, kept as they are
        #: records set aside because they are damaged ("table/id: what is wrong")
        self.problems: list[str] = []
        #: values derived from this version (lists, indexes), built once by Store._cached
        self.cache: dict[str, Any] = {}
        self._fh: Any = None
        #: "segments" (a manifest and its segment files) or "single" (one store file)
        self.layout = "single"
        self.manifest: dict[str, Any] = {}  # the manifest's meta record
        self.segments: list[dict[str, Any]] = []  # the manifest's segment records
        self.seg_files: list[Path] = []
        self.seg_raw: list[Any] = []  # mmap (or bytes) of each segment file
        self._seg_fh: list[Any] = []
        self.sides: list[dict[str, Any] | None] = []
        self.manifest_extra: dict[str, Any] = {}

    # ---------------------------------------------------------------- opening

    @property
    def index(self) -> dict[str, int]:
        """Document id -> its row in `rows`. Of a store opened from its sidecars, built on
        first use: hashing 191,232 ids took 0.06-0.08 CPU-s of the first screen, which
        lists the rows without looking a document up."""
        index = self._index
        if index is None:
            with gc_paused(keep=True):  # long-lived, as the rows
                index = self._index = dict(
                    zip(map(_id_of, self.rows), range(len(self.rows)), strict=True)
                )
        return index

    @index.setter
    def index(self, value: dict[str, int]) -> None:
        self._index = value

    @property
    def files(self) -> dict[str, list[Any]]:
        """The `files` records as the writer holds them: path -> [sha256, size, mtime_ns,
        document ids], read from the segments' `.files` on first use."""
        files = self._files
        if files is None:
            with gc_paused(keep=True):  # as the open's rows: long-lived, and no cycles
                files = self._files = self._segment_files({}, 0)
        return files

    @files.setter
    def files(self, value: dict[str, list[Any]]) -> None:
        self._files = value

    def _segment_files(self, files: dict[str, list[Any]], first: int) -> dict[str, list[Any]]:
        """`files` with the records of segments `first`... applied in order (each
        segment's file tombstones first)."""
        for s in range(first, len(self.sides)):
            side = self.sides[s]
            assert side is not None
            for gone in (side.get("tombstones") or {}).get("files", ()):
                files.pop(gone, None)
            raw = self.seg_raw[s] if s < len(self.seg_raw) else b""  # b"": closed
            files.update(segment_files_of(self.seg_files[s], self.segments[s], side, raw))
        return files

    @classmethod
    def empty(cls, path: Path) -> Snapshot:
        """A snapshot of a store with no documents yet (a new file)."""
        snap = cls(path)
        snap.layout = "segments"
        snap.tables = {name: {} for name in TABLES}
        snap.next_ids = {"documents": 1, "mentions": 1, "facts": 1}
        return snap

    @classmethod
    def load(cls, path: Path, previous: Snapshot | None = None) -> Snapshot:
        """The snapshot of the store at `path`: from its sidecar when valid, else parsed whole.
        With `previous` (an earlier snapshot of the same store), the segments it read that
        are still live in the same places are not read again: a refresh after a commit
        reads only the new segments' sidecars."""
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
        if st.st_size <= MANIFEST_MAX:
            for _attempt in range(5):
                snap = cls(path)
                try:
                    with gc_paused(keep=True):
                        found = snap._from_manifest(previous)
                    if found:
                        return snap
                    break
                except _Moved:
                    # A merge replaced the manifest and removed a segment between the
                    # manifest's read and the segment's open: read the new manifest.
                    snap.close()
            else:
                raise StoreError(
                    f"{path}: segments keep vanishing while the store is opened; is another "
                    "program deleting files in its folder?"
                )
        side = read_sidecar(path)
        if (
            side is not None
            and side.get("stat") == stat_key(st)
            and meta_names(path, side["tables"].get("meta"), side.get("generation", ""))
        ):
            schema = side.get("schema", 0)
            check_schema(path, schema)
            snap = cls(path)
            snap._from_sidecar(side)
            return snap
        snap = cls(path)
        snap._from_full(st)
        return snap

    def open_raw(self) -> Any:
        """The store file's bytes (memory-mapped), opened on first use."""
        if self.raw is None:
            try:
                self._fh = open(self.path, "rb")  # noqa: SIM115 (lives as long as the mmap)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot read the store ({exc.strerror})") from None
            size = os.fstat(self._fh.fileno()).st_size
            self.raw = mmap.mmap(self._fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        return self.raw

    def _from_sidecar(self, side: dict[str, Any]) -> None:
        self.generation = side.get("generation", "")
        self.rows = side["docs"]
        self.index = {row[ROW_ID]: i for i, row in enumerate(self.rows)}
        self.files = side.get("files", {})
        self.counts.update(side.get("counts", {}))
        self.spans = side["tables"]
        self.next_ids = side.get("next_ids", {})
        self.open_raw()

    def _from_full(self, st: os.stat_result) -> None:
        path = self.path
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise StoreError(
                f"{path}: cannot read the store ({exc.strerror}); check its permissions"
            ) from None
        if not data.strip() and st.st_size == 0:
            self.__dict__.update(Snapshot.empty(path).__dict__)
            return
        try:
            value = orjson.loads(data)
        except orjson.JSONDecodeError:
            raise StoreError(
                f"{path}: the store file is damaged (not valid JSON: truncated or "
                f"overwritten); it was left untouched: move it aside (mv {path} "
                f"{path}.broken) and ingest again into a new store"
            ) from None
        self._from_value(value)
        # Read without a matching sidecar, the file may have been changed by another tool
        # that kept the generation: the file's identity makes this version's own token.
        meta: Any = next(iter(value["meta"].values()), {}) if value.get("meta") else {}
        self.generation = f"{meta.get('generation', '')}~{st.st_ino}-{st.st_size}-{st.st_mtime_ns}"

    def _from_value(self, value: Any) -> None:
        """Take the tables of a whole store (parsed, or combined from segments): records that
        are damaged are set aside, the rows and counts derived."""
        path = self.path
        if not isinstance(value, dict) or any(
            not isinstance(value.get(name, {}), dict) for name in TABLES
        ):
            raise StoreError(
                f"{path}: not an explorer store (a JSON file, but not TinyDB tables); it was "
                f"left untouched: pass --db PATH to another file"
            )
        meta: Any = next(iter(value.get("meta", {}).values()), {}) if value.get("meta") else {}
        if not isinstance(meta, dict):
            raise StoreError(
                f"{path}: the store's meta table is damaged (its record is not an object); "
                f"it was left untouched: run `explorer check --repair --db {path}`"
            )
        if not meta and any(table for table in value.values()):
            # Something, but no explorer meta: another program's TinyDB or JSON file. Writing
            # our tables into it would mix two programs' data.
            names = ", ".join(sorted(value)[:5])
            raise StoreError(
                f"{path}: not an explorer store (a JSON file with tables {names} but no "
                f"explorer schema); it was left untouched: pass --db PATH to another file"
            )
        check_schema(path, meta.get("schema", SCHEMA_VERSION if not value else 0))
        for name in TABLES:
            value.setdefault(name, {})
        from .check import table_problems

        # Records of the wrong type, dangling or out of range are set aside, so that no
        # reader meets them; the writer refuses to write over them (check --repair).
        found, bad = table_problems(value)
        for item in bad:
            table, key = item.split("/", 1)
            value[table].pop(key, None)
        self.problems = [f"{t}/{k}: {m}" for t, k, m in found if f"{t}/{k}" in bad]
        self.tables = value
        self.extra_names = [name for name in value if name not in TABLES]
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
            self.rows.append(row_from_record(rec, rec.get("paths") or paths_of.get(rec["id"])))
        self.counts = {
            "documents": len(self.rows),
            "sentences": sum(row[ROW_NSENT] for row in self.rows),
            "mentions": len(value["mentions"]),
            "entities": len(value["entities"]),
            "facts": len(value["facts"]),
        }
        kept = self.manifest.get("next_ids") if isinstance(self.manifest, dict) else None
        kept = kept if isinstance(kept, dict) else {}
        self.next_ids = {
            name: max(
                max((int(k) for k in value[name] if k.isdigit()), default=0) + 1,
                kept.get(name, 1) if isinstance(kept.get(name), int) else 1,
            )
            for name in ("documents", "mentions", "facts")
        }

    # ---------------------------------------------------------------- segments

    def _from_manifest(self, previous: Snapshot | None = None) -> bool:
        """Open a segmented store (False when the file is a single-file store): every live
        segment file is opened now, so a merge that removes it later cannot take it away.
        The sidecars `previous` read, of the segments that begin this manifest's list as
        they began its, are taken from it (see `_extend`)."""
        path = self.path
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise StoreError(f"{path}: cannot read the store ({exc.strerror})") from None
        if not data.lstrip().startswith(b'{"meta"'):
            return False
        try:
            parsed = parse_manifest(orjson.loads(data))
        except orjson.JSONDecodeError:
            return False  # a damaged single-file store says so when it is read as one
        if parsed is None:
            return False
        meta, records = parsed
        check_schema(path, meta.get("schema", 0))
        value = orjson.loads(data)
        #: tables another program keeps in the manifest (TinyDB's `_default`, say)
        self.manifest_extra = {
            name: table
            for name, table in value.items()
            if name not in ("meta", "segments") and isinstance(table, dict)
        }
        if not all(segment_ok(rec) for rec in records) or not isinstance(
            meta.get("generation", ""), str
        ):
            raise StoreError(
                f"{path}: the store's manifest is damaged (a segment record without its file, "
                f"size or checksum); it was left untouched: run `explorer check --db {path}`"
            )
        self.layout = "segments"
        self.manifest = meta
        self.segments = records
        self.generation = meta.get("generation", "")
        folder = segments_dir(path)
        reused = _reusable(previous, records)
        for s, rec in enumerate(records):
            file = folder / rec["file"]
            try:
                handle = open(file, "rb")  # noqa: SIM115 (lives as long as the snapshot)
            except FileNotFoundError:
                raise _Moved() from None
            except OSError as exc:
                raise StoreError(f"{file}: cannot read the segment ({exc.strerror})") from None
            self._seg_fh.append(handle)
            self.seg_files.append(file)
            size = os.fstat(handle.fileno()).st_size
            if size != rec["size"]:
                raise StoreError(
                    f"{file}: the segment is damaged (its size is {size}, the manifest says "
                    f"{rec['size']}); it was left untouched: run `explorer check --db {path}`"
                )
            self.seg_raw.append(
                mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
            )
            if s < reused:
                assert previous is not None
                self.sides.append(previous.sides[s])
                continue
            side = read_segment_sidecar(file, rec)
            if side is not None and not _names(
                self.seg_raw[-1], side["tables"].get("meta"), rec["generation"]
            ):
                side = None
            self.sides.append(side)
        if reused and all(side is not None for side in self.sides):
            assert previous is not None
            self._extend(previous, reused)
        elif all(side is not None for side in self.sides):
            self._from_sides()
        else:
            self._from_segments_parsed()
        return True

    def _from_sides(self) -> None:
        live: dict[int, list[Any]] = {}
        self._apply_sides(live, 0, copy=False)
        self._files = None  # read when first asked for

    def _extend(self, previous: Snapshot, reused: int) -> None:
        """The rows and files of `previous` (whose first `reused` segments are this one's
        first) with the later segments' sidecars applied: a commit of one document reads
        one small sidecar, not every segment's. The rows `previous` holds are never changed
        (a reader may still be using them): a document whose record a new segment replaces
        gets a new row here."""
        live = {row[ROW_TID]: row for row in previous.rows}
        self._apply_sides(live, reused, copy=True)
        # The files `previous` read (a writer did), with the new segments' applied; else
        # read when first asked for.
        kept = previous._files
        self._files = None if kept is None else self._segment_files(dict(kept), reused)

    def _apply_sides(self, live: dict[int, list[Any]], first: int, *, copy: bool) -> None:
        for s in range(first, len(self.sides)):
            side = self.sides[s]
            assert side is not None
            tombs = side.get("tombstones") or {}
            for tid in tombs.get("documents", ()):
                live.pop(tid, None)
            docs = side["docs"]
            tids = list(map(_tid_of, docs))
            if len(set(tids)) == len(tids):
                # The same as the loop below, each step one C call over the rows of new
                # documents (0.22 -> 0.05 CPU-s at 191,232 rows); the loop is left the few
                # whose record this segment replaces.
                clash = live.keys() & tids
                fresh: list[int] | range = range(len(docs))
                if clash:
                    fresh = [n for n, tid in enumerate(tids) if tid not in clash]
                new_rows = [docs[n] for n in fresh] if clash else docs
                _consume(map(list.__setitem__, new_rows, repeat(ROW_DSEG), repeat(s)))
                _consume(map(list.extend, new_rows, zip(repeat(s), fresh, strict=False)))
                live.update(zip(map(_tid_of, new_rows), new_rows, strict=True))
                docs = [row for row in docs if row[ROW_TID] in clash] if clash else []
            for n, row in enumerate(docs):
                tid = row[ROW_TID]
                old = live.get(tid)
                if old is None:
                    row[ROW_DSEG] = s
                    row.append(s)
                    row.append(n)
                    live[tid] = row
                else:  # a later version of its record; its mentions and facts stay
                    if copy:
                        old = live[tid] = list(old)
                    old[:ROW_MSPAN] = row[:ROW_MSPAN]
                    old[ROW_DSEG] = s
        self._finish_sides(live)

    def _finish_sides(self, live: dict[int, list[Any]]) -> None:
        extra: list[str] = []
        for side in self.sides:
            assert side is not None
            extra.extend(n for n in side["tables"] if n not in TABLES and n != "tombstones")
        self.rows = list(live.values())
        self._index = None  # built when a document is first looked up
        self.extra_names = list(dict.fromkeys([*extra, *self.manifest_extra]))
        self.spans = {"segments": [0, len(self.sides)]}
        counts = self.manifest.get("counts")
        if isinstance(counts, dict):
            self.counts.update({k: v for k, v in counts.items() if isinstance(v, int)})
        self.counts["documents"] = len(self.rows)
        next_ids = self.manifest.get("next_ids")
        self.next_ids = dict(next_ids) if isinstance(next_ids, dict) else {}

    def _from_segments_parsed(self) -> None:
        parsed = []
        for file, raw in zip(self.seg_files, self.seg_raw, strict=True):
            try:
                value = orjson.loads(raw[:] if raw else b"{}")
            except orjson.JSONDecodeError:
                raise StoreError(
                    f"{file}: the segment is damaged (not valid JSON: truncated or overwritten); "
                    f"it was left untouched: run `explorer check --db {self.path}`"
                ) from None
            if not isinstance(value, dict):
                raise StoreError(f"{file}: the segment is not TinyDB tables; it was left untouched")
            parsed.append(value)
        generation = self.generation
        value = combine_tables(parsed, live_meta(self.manifest))
        value.update(self.manifest_extra)
        self._from_value(value)
        self.generation = generation

    def has_table(self, name: str) -> bool:
        """Whether the store holds a table of this name (another tool's, or `rules`)."""
        if self.layout == "segments" and self.spans is not None:
            return name in self.extra_names or name in TABLES
        if self.spans is not None:
            return name in self.spans
        return name in self.tables

    def _segment_tables(self, name: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for s, side in enumerate(self.sides):
            assert side is not None
            span = side["tables"].get(name)
            if not span:
                out.append({})
                continue
            try:
                out.append(orjson.loads(self.seg_raw[s][span[0] : span[1]]))
            except orjson.JSONDecodeError:
                raise StoreError(
                    f"{self.seg_files[s]}: the segment changed or is damaged while open; "
                    "reopen the store"
                ) from None
        return out

    def _combined_table(self, name: str) -> dict[str, Any]:
        tombs = [side.get("tombstones") or {} for side in self.sides if side is not None]
        if name == "meta":
            return {"1": live_meta(self.manifest)}
        if name in self.manifest_extra:
            return self.manifest_extra[name]
        if name not in TABLES:
            found: dict[str, Any] = {}
            for table, side in zip(self._segment_tables(name), self.sides, strict=True):
                if side is not None and name in side["tables"]:
                    found = table
            return found
        per = self._segment_tables(name)
        if name == "documents":
            docs, _home = combine_documents(
                (t, d.get("documents", ())) for t, d in zip(per, tombs, strict=True)
            )
            return docs
        if name in ("mentions", "facts"):
            home = {row[ROW_ID]: row[ROW_SEG] for row in self.rows}
            known = {row[ROW_ID] for side in self.sides if side is not None for row in side["docs"]}
            return combine_items(per, home, known)
        field_name = "key" if name == "entities" else "path"
        return combine_keyed(
            ((t, d.get(name, ())) for t, d in zip(per, tombs, strict=True)),
            field_name,
            by_key=name == "entities",
        )

    def doc_keys(self) -> list[list[str]] | None:
        """Each document's entity keys, in row order, when the derived file matches."""
        if "_keys" not in self.tables and self.layout == "segments":
            keys: list[Any] | None = None
            if self.spans is not None:
                lists = [
                    read_segment_keys(file, rec["generation"], len(side["docs"]))
                    if side is not None
                    else None
                    for file, rec, side in zip(
                        self.seg_files, self.segments, self.sides, strict=True
                    )
                ]
                found = [
                    lists[s][n] if lists[s] is not None else None
                    for s, n in ((row[ROW_SEG], row[ROW_KEYS]) for row in self.rows)
                ]
                if all(k is not None for k in found):
                    keys = found
            self.tables["_keys"] = keys  # type: ignore[assignment]
        if "_keys" not in self.tables:
            keys = None
            with contextlib.suppress(OSError, orjson.JSONDecodeError, TypeError, KeyError):
                data = orjson.loads(unseal(keys_path(self.path).read_bytes()) or b"null")
                if (
                    self.generation
                    and data["generation"] == self.generation
                    and len(data["docs"]) == len(self.rows)
                ):
                    keys = data["docs"]
            self.tables["_keys"] = keys  # type: ignore[assignment]
        return self.tables["_keys"]  # type: ignore[return-value]

    def close(self) -> None:
        """Release the memory map and the file behind it."""
        if isinstance(self.raw, mmap.mmap):
            with contextlib.suppress(BufferError, ValueError):
                self.raw.close()
        self.raw = None
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        for raw in self.seg_raw:
            if isinstance(raw, mmap.mmap):
                with contextlib.suppress(BufferError, ValueError):
                    raw.close()
        self.seg_raw = []
        for handle in self._seg_fh:
            handle.close()
        self._seg_fh = []

    def release_pages(self) -> None:
        """Drop the pages of the mapped store files from this process (a read of every
        document, as an index build's, would otherwise count the whole store in its RSS);
        touched again, they come back from the page cache."""
        for raw in (self.raw, *self.seg_raw):
            if isinstance(raw, mmap.mmap) and hasattr(mmap, "MADV_DONTNEED"):
                with contextlib.suppress(OSError, ValueError):
                    raw.madvise(mmap.MADV_DONTNEED)

    # ---------------------------------------------------------------- reading

    def read_span(self, span: list[int] | None) -> bytes:
        """The bytes of the store file in `span` ([start, end]; empty for None)."""
        if not span:
            return b""
        if len(span) == 3:  # [segment, start, end]
            return self.seg_raw[span[0]][span[1] : span[2]]
        return self.open_raw()[span[0] : span[1]]

    def row_keys(self, row: list[Any]) -> list[str] | None:
        """The entity keys of one document of a segmented store, from its segment's keys
        file (read once per segment); None when that file does not match."""
        lists = self.cache.setdefault("_segment_keys", {})
        s = row[ROW_SEG]
        if s not in lists:
            side = self.sides[s]
            lists[s] = (
                read_segment_keys(
                    self.seg_files[s], self.segments[s]["generation"], len(side["docs"])
                )
                if side is not None
                else None
            )
        found = lists[s]
        return found[row[ROW_KEYS]] if found is not None else None

    def row_span(self, row: list[Any], where: int) -> bytes:
        """The bytes of one document's records: ROW_DSPAN (its record), ROW_MSPAN or
        ROW_FSPAN (its mentions, its facts); empty when it has none."""
        span = row[where]
        if not span:
            return b""
        if self.layout == "segments":
            seg = row[ROW_DSEG] if where == ROW_DSPAN else row[ROW_SEG]
            return self.read_span([seg, *span])
        return self.read_span(span)

    def table(self, name: str) -> dict[str, Any]:
        """The parsed records of one table (read from its span on first use)."""
        if name not in self.tables and self.layout == "segments" and self.spans is not None:
            self.tables[name] = self._combined_table(name)
        if name not in self.tables:
            if self.spans is None:
                return {}
            try:
                self.tables[name] = orjson.loads(self.read_span(self.spans[name]))
            except (orjson.JSONDecodeError, KeyError):
                raise StoreError(
                    f"{self.path}: the store file changed or is damaged while open; reopen it"
                ) from None
        return self.tables[name]

    def roots(self) -> list[str]:
        """The files and folders given to ingest, as absolute paths, oldest first."""
        meta = self.table("meta")
        record: Any = next(iter(meta.values()), {}) if isinstance(meta, dict) and meta else {}
        roots = record.get("roots", []) if isinstance(record, dict) else []
        return [r for r in roots if isinstance(r, str)]

    def by_document(self, table: str) -> dict[str, list[dict[str, Any]]]:
        """The records of `table` grouped by their document's id (parsed once)."""
        key = f"_by_doc_{table}"
        if key not in self.tables:
            grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for rec in self.table(table).values():
                grouped[rec.get("doc", "")].append(rec)
            self.tables[key] = grouped  # type: ignore[assignment]
        return self.tables[key]

    def doc_record(self, doc_id: str) -> dict[str, Any]:
        """The stored record of document `doc_id`."""
        row = self.rows[self.index[doc_id]]
        if self.spans is not None and len(row) > ROW_DSPAN and row[ROW_DSPAN]:
            blob = self.row_span(row, ROW_DSPAN)
            return next(iter(orjson.loads(b"{" + blob + b"}").values()))
        if "_docs_by_id" not in self.tables:
            self.tables["_docs_by_id"] = {
                rec["id"]: rec for rec in self.table("documents").values()
            }
        return self.tables["_docs_by_id"][doc_id]

    def doc_items(self, doc_id: str, table: str) -> list[dict[str, Any]]:
        """The records of `table` (mentions or facts) that belong to document `doc_id`."""
        row = self.rows[self.index[doc_id]]
        where = ROW_MSPAN if table == "mentions" else ROW_FSPAN
        if self.spans is not None and len(row) > where:
            blob = self.row_span(row, where)
            return list(orjson.loads(b"{" + blob + b"}").values()) if blob else []
        return self.by_document(table).get(doc_id, [])


def _reusable(previous: Snapshot | None, records: list[dict[str, Any]]) -> int:
    """How many of `records` (a manifest's segments) begin it as they began the manifest
    `previous` read, whose sidecars it holds, so that they need not be read again: all of
    previous's, or none (a merge renumbers the segments after it)."""
    if (
        previous is None
        or previous.layout != "segments"
        or previous.spans is None
        or not previous.segments
        or len(previous.sides) != len(previous.segments)
        or any(side is None for side in previous.sides)
        or len(records) < len(previous.segments)
    ):
        return 0
    for old, new in zip(previous.segments, records, strict=False):
        if (old["file"], old["generation"], old["size"]) != (
            new["file"],
            new["generation"],
            new["size"],
        ):
            return 0
    return len(previous.segments)


_tid_of = itemgetter(ROW_TID)
_id_of = itemgetter(ROW_ID)


def _consume(calls: Iterator[Any]) -> None:
    """Run every call of a lazy map (in C: no Python frame per row)."""
    deque(calls, maxlen=0)


class _Moved(Exception):
    """A segment the manifest names is gone: a merge committed meanwhile."""


def _names(raw: Any, span: Any, generation: str) -> bool:
    """Whether a segment's meta table, at `span`, names `generation` (a sidecar is never
    trusted for another segment file of the same name and size)."""
    if not isinstance(span, list) or len(span) != 2 or not generation:
        return False
    if not all(isinstance(x, int) for x in span) or not 0 <= span[0] < span[1] <= len(raw):
        return False
    blob = raw[span[0] : span[1]]
    return blob.startswith(b"{") and f'"generation":"{generation}"'.encode() in blob


def read_sidecar(path: Path) -> dict[str, Any] | None:
    """The sidecar of the store at `path` when it is whole (its checksum holds) and of this
    format; None otherwise."""
    try:
        body = unseal(sidecar_path(path).read_bytes())
        side = orjson.loads(body) if body is not None else None
    except (OSError, orjson.JSONDecodeError):
        return None
    if (
        not isinstance(side, dict)
        or side.get("format") != SIDECAR_FORMAT
        or not isinstance(side.get("tables"), dict)
    ):
        return None
    return side


#: The most bytes of the meta table read to tie a sidecar to its store (it holds the schema,
#: the generation and at most MAX_ROOTS paths).
META_SPAN_MAX = 1 << 20


def meta_names(path: Path, span: Any, generation: str) -> bool:
    """Whether the store file's meta table, at `span` ([start, end], as the sidecar gives it),
    names `generation`: so a sidecar is never trusted for another version of the file, at
    the cost of one small read whatever the store's size."""
    if (
        not generation
        or not isinstance(span, list)
        or len(span) != 2
        or not all(isinstance(x, int) for x in span)
        or not 0 <= span[0] < span[1] <= span[0] + META_SPAN_MAX
    ):
        return False
    try:
        with open(path, "rb") as handle:
            blob = os.pread(handle.fileno(), span[1] - span[0], span[0])
    except OSError:
        return False
    return blob.startswith(b"{") and f'"generation":"{generation}"'.encode() in blob
