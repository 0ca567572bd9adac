"""The store on disk as immutable segments: the manifest at the store's path (a small TinyDB
file naming the live segments, their sizes and checksums, and the generation), one TinyDB
file per committed batch in `<store>.segments/`, each with its sealed sidecar, and how the
segments combine into the tables a reader sees.

A segment holds the records its batch wrote: new documents with their mentions and facts,
documents whose record changed (same TinyDB id: the later segment wins), entity and `files`
records as upserts by key, and a `tombstones` table (document ids, entity keys and file
paths that are gone). A document's mentions and facts live in the segment where its id
first appears; a later version of the document's record does not move them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from .schema import ROW_DSPAN, SCHEMA_VERSION, StoreError
from .storage import atomic_write, seal, unseal, unseal_view

#: The version of a segment's sidecar layout. 2: the files' hashes are in a file of their
#: own (`.files`), read when a writer needs them rather than at every open (at 191,232
#: documents they were a third of the sidecars' bytes and of the open's JSON parsing).
SEGMENT_SIDECAR_FORMAT = 2
#: The sidecar layouts a reader takes (1: with the files' hashes inside).
SEGMENT_SIDECAR_FORMATS = (1, 2)
#: The derived files beside each segment file (sidecar, entity keys, file hashes, postings).
DERIVED_ENDINGS = (".idx", ".keys", ".files", ".post")
#: More live segments than this, and the adjacent run of the smallest total size merges.
MAX_SEGMENTS = 10
#: How many adjacent segments one bounded merge joins.
MERGE_WIDTH = 5
#: A segment being written lets go of the pages of the maps it is copied from (a merge's
#: inputs) every this many bytes.
RELEASE_EVERY = 32 << 20

# The row of one document in a segment's sidecar: the columns (schema.ROW_*), the [start,
# end] spans of its documents, mentions and facts records, its TinyDB id, and whether this
# segment first stores it. Snapshot.rows holds the same lists, combined across segments (no
# copy: an open of 200,000 rows allocates nothing per row): the last field then names the
# segment of its documents record, and two more follow, the segment holding its mentions
# and facts, and its row in that segment's sidecar (where its entity keys are).
ROW_TID, ROW_DSEG, ROW_SEG, ROW_KEYS = 14, 15, 16, 17


@contextlib.contextmanager
def gc_paused(*, keep: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while building or walking per-document state:
    its full passes grow with the heap (200,000 documents' rows), and these structures
    hold no cycles to find. With `keep`, what was built is long-lived (a snapshot's rows):
    it is moved to the collector's oldest generation (`gc.freeze` then `gc.unfreeze`), or
    the first collections after the pause walk it all: measured at 191,255 rows, 0.2 s at
    the pause's end and a full pass of 0.6 s during the commit that follows. Not left
    frozen: a freeze takes every object of the process (the TUI's, other threads'), and
    one in a cycle, garbage then or later, would never be freed. Where the process froze
    objects itself (extract's warm-up), they stay frozen and nothing is moved."""
    import gc

    enabled = gc.isenabled()
    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        yield
    finally:
        if keep and not frozen:
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


def segments_dir(path: Path) -> Path:
    """The folder of the store's segment files."""
    return path.with_name(path.name + ".segments")


def segment_sidecar(file: Path) -> Path:
    """The sealed sidecar of one segment file (its rows and byte spans)."""
    return file.with_name(file.name + ".idx")


def segment_keys(file: Path) -> Path:
    """The sealed file of each of a segment's documents' entity keys (read only when an
    entity page or the writer needs them, so an open does not)."""
    return file.with_name(file.name + ".keys")


def segment_files(file: Path) -> Path:
    """The sealed file of a segment's `files` records as the writer holds them (path ->
    [sha256, size, mtime_ns, document ids]), read only when a writer or a check needs them."""
    return file.with_name(file.name + ".files")


def segment_postings(file: Path) -> Path:
    """The derived file of which of a segment's documents mention each entity key (the
    inverse of its `.keys`: key -> the TinyDB ids of the documents whose mentions the
    segment holds), read a key at a time: a commit whose identity decisions changed counts
    a group's documents from the postings of its keys, not from every document's keys."""
    return file.with_name(file.name + ".post")


def read_segment_files(file: Path, generation: str) -> dict[str, list[Any]] | None:
    """The `files` records in segment `file`'s `.files` when it is whole and of this
    segment (`generation`); None otherwise."""
    data = _sealed_of(segment_files(file), generation)
    if data is None or not isinstance(data.get("files"), dict):
        return None
    return data["files"]


def _sealed_of(path: Path, generation: Any) -> dict[str, Any] | None:
    """The JSON object in the sealed derived file `path` when it is whole and belongs to
    the segment of `generation`; None otherwise (a missing, damaged or stale file)."""
    try:
        body = unseal_view(path.read_bytes())
        data = orjson.loads(body) if body is not None else None
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(data, dict) or data.get("generation") != generation:
        return None
    return data


def files_of_table(table: Any) -> dict[str, list[Any]]:
    """A segment's `files` table as the writer holds it: path -> [sha256, size, mtime_ns,
    document ids], in the table's order."""
    out: dict[str, list[Any]] = {}
    if not isinstance(table, dict):
        return out
    for rec in table.values():
        if isinstance(rec, dict) and isinstance(rec.get("path"), str):
            out[rec["path"]] = [
                rec.get("sha256", ""),
                rec.get("size", 0),
                rec.get("mtime_ns", 0),
                list(rec.get("docs", [])),
            ]
    return out


def segment_files_of(file: Path, rec: dict[str, Any], side: dict[str, Any], raw: Any) -> dict:
    """Segment `file`'s `files` records (path -> [sha256, size, mtime_ns, ids]): from its
    sidecar (layout 1), else its `.files` when whole, else parsed from the segment itself at
    the span its sidecar gives (the source of truth: a lost `.files` costs a slower read,
    never a guess)."""
    if isinstance(side.get("files"), dict):
        return side["files"]
    found = read_segment_files(file, rec["generation"])
    if found is not None:
        return found
    span = side["tables"].get("files")
    if not span:
        return {}
    try:
        return files_of_table(orjson.loads(raw[span[0] : span[1]]))
    except orjson.JSONDecodeError:
        raise StoreError(
            f"{file}: the segment changed or is damaged while open (its files table); "
            "reopen the store, or run `explorer check`"
        ) from None


def read_segment_keys(file: Path, generation: str, rows: int) -> list[Any] | None:
    """A segment's entity keys, one list per sidecar row, when the file is whole and of
    this segment; None otherwise."""
    data = _sealed_of(segment_keys(file), generation)
    if data is None or not isinstance(data.get("keys"), list) or len(data["keys"]) != rows:
        return None
    return data["keys"]


def write_aggregates(
    folder: Path,
    generation: str,
    agg: dict[str, list[Any]],
    digests: dict[str, str],
    groups: dict[str, list[Any]],
) -> str:
    """Write the writer's entity totals (key -> name, label, aliases, mentions, documents,
    context words, tickers), each entity record's digest and each merged group's keys and
    document count, sealed, for the manifest of `generation` to name; the file's name."""
    name = f"aggregates-{generation[:12]}.json"
    body = {"generation": generation, "agg": agg, "digests": digests, "groups": groups}
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(folder / name, [seal(orjson.dumps(body))], durable=False)
    return name


def read_aggregates(file: Path, generation: str) -> dict[str, Any] | None:
    """The entity totals in `file` when it is whole ({"agg": ..., "digests": ...}); None
    otherwise. `generation` is the
    manifest's: a merge keeps the file of the commit before it, so any is accepted whose
    checksum holds (the name, unique per commit, ties it to its manifest)."""
    try:
        body = unseal(file.read_bytes())
        data = orjson.loads(body) if body is not None else None
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("agg"), dict) or not generation:
        return None
    return data


def backup_path(path: Path) -> Path:
    """Where a single-file store is kept when it is migrated to segments."""
    return path.with_name(path.name + ".v1.bak")


# ------------------------------------------------------------------ the manifest


def parse_manifest(value: Any) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """(meta record, live segment records in order) of a parsed store file that is a
    manifest; None when it is a single-file store (no `segments` table)."""
    if not isinstance(value, dict) or not isinstance(value.get("segments"), dict):
        return None
    meta_table = value.get("meta")
    meta: Any = next(iter(meta_table.values()), {}) if isinstance(meta_table, dict) else {}
    segs = sorted(
        value["segments"].items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 1 << 60
    )
    return (meta if isinstance(meta, dict) else {}), [rec for _key, rec in segs]


def manifest_bytes(
    meta: dict[str, Any], segments: list[dict[str, Any]], others: dict[str, Any] | None = None
) -> bytes:
    """The manifest file: TinyDB tables `meta` (one record) and `segments` (in order), and
    the tables other programs keep there."""
    return orjson.dumps(
        {
            "meta": {"1": meta},
            "segments": {str(n): s for n, s in enumerate(segments, 1)},
            **(others or {}),
        }
    )


def write_manifest(
    path: Path,
    meta: dict[str, Any],
    segments: list[dict[str, Any]],
    others: dict[str, Any] | None = None,
) -> None:
    """Replace the manifest atomically: the commit point of a commit or a merge."""
    atomic_write(path, [manifest_bytes(meta, segments, others)])


def segment_ok(rec: Any) -> bool:
    """Whether a manifest's segment record has the fields a reader needs."""
    return (
        isinstance(rec, dict)
        and isinstance(rec.get("file"), str)
        and "/" not in rec["file"]
        and not rec["file"].startswith(".")
        and isinstance(rec.get("size"), int)
        and isinstance(rec.get("sha256"), str)
        and isinstance(rec.get("generation"), str)
    )


# ------------------------------------------------------------------ writing a segment


@dataclass
class SegmentDoc:
    """One document as a segment holds it: its record (b'"<tid>":{...}'), and when this is
    the version that first stores it, its mentions and facts (b'"<id>":{...},...')."""

    tid: int
    blob: bytes | memoryview
    row: list[Any]  # schema.ROW_* columns, without spans
    new: bool
    mentions: bytes | memoryview = b""
    facts: bytes | memoryview = b""
    keys: list[str] | None = None


@dataclass
class SegmentContent:
    """What one segment file holds, ready to be written."""

    docs: list[SegmentDoc] = field(default_factory=list)
    dead_docs: list[int] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)  # records, in key order
    dead_entities: list[str] = field(default_factory=list)
    files: dict[str, list[Any]] = field(default_factory=dict)  # path -> [sha, size, mtime, docs]
    dead_files: list[str] = field(default_factory=list)  # applied before `files`
    extra: dict[str, bytes] = field(default_factory=dict)  # other tables, whole (last wins)
    #: lets go of the pages of the maps the records are views of (a merge's), read so far
    release: Callable[[], None] | None = None


def write_segment(folder: Path, seq: int, generation: str, content: SegmentContent) -> dict:
    """Write one segment file and then its sidecar, atomically each; the manifest's record
    of it. OSError when the segment cannot be written (the sidecar's failure only costs a
    slower open: it is removed). The file is written as it is made, a chunk at a time (a
    merge's records are views of the merged segments' maps: `content.release` lets their
    pages go every RELEASE_EVERY bytes, so a merge never holds the store's pages)."""
    spans: dict[str, list[int]] = {}
    rows: list[list[Any]] = []
    digest = hashlib.sha256()
    pos = 0
    unreleased = 0

    def out(chunk: bytes | memoryview) -> bytes | memoryview:
        nonlocal pos, unreleased
        if unreleased >= RELEASE_EVERY and content.release is not None:
            content.release()
            unreleased = 0
        digest.update(chunk)
        pos += len(chunk)
        unreleased += len(chunk)
        return chunk

    def chunks() -> Iterator[bytes | memoryview]:
        yield out(b'{"documents":')
        start = pos
        yield out(b"{")
        for n, doc in enumerate(content.docs):
            if n:
                yield out(b",")
            rows.append([*doc.row, [pos, pos + len(doc.blob)], None, None, doc.tid, int(doc.new)])
            yield out(doc.blob)
        yield out(b"}")
        spans["documents"] = [start, pos]
        for name, col in (("mentions", ROW_DSPAN + 1), ("facts", ROW_DSPAN + 2)):
            yield out(b',"' + name.encode() + b'":')
            start = pos
            yield out(b"{")
            first = True
            for doc, row in zip(content.docs, rows, strict=True):
                blob = doc.mentions if name == "mentions" else doc.facts
                if not blob:
                    continue
                if not first:
                    yield out(b",")
                first = False
                row[col] = [pos, pos + len(blob)]
                yield out(blob)
            yield out(b"}")
            spans[name] = [start, pos]
        yield out(b',"entities":')
        start = pos
        yield out(orjson.dumps({str(n): e for n, e in enumerate(content.entities, 1)}))
        spans["entities"] = [start, pos]
        files = {
            str(n): {"path": p, "sha256": v[0], "size": v[1], "mtime_ns": v[2], "docs": v[3]}
            for n, (p, v) in enumerate(content.files.items(), start=1)
        }
        yield out(b',"files":')
        start = pos
        yield out(orjson.dumps(files))
        del files
        spans["files"] = [start, pos]
        yield out(b',"tombstones":')
        start = pos
        yield out(orjson.dumps({"1": tombstones} if any(tombstones.values()) else {}))
        spans["tombstones"] = [start, pos]
        for name, blob in content.extra.items():
            yield out(b"," + orjson.dumps(name) + b":")
            start = pos
            yield out(blob)
            spans[name] = [start, pos]
        meta = {"1": {"schema": SCHEMA_VERSION, "generation": generation, "app": "explorer"}}
        yield out(b',"meta":')
        start = pos
        yield out(orjson.dumps(meta))
        spans["meta"] = [start, pos]
        yield out(b"}")

    tombstones = {
        "documents": content.dead_docs,
        "entities": content.dead_entities,
        "files": content.dead_files,
    }
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{seq:06d}-{generation[:12]}.json"
    file = folder / name
    atomic_write(file, chunks())
    if content.release is not None:
        content.release()
    sidecar = {
        "format": SEGMENT_SIDECAR_FORMAT,
        "generation": generation,
        "size": pos,
        "tables": spans,
        "docs": rows,
        "tombstones": tombstones,
    }
    keys = {"generation": generation, "keys": [doc.keys for doc in content.docs]}
    files_body = {"generation": generation, "files": content.files}
    for target, body in (
        (segment_sidecar(file), sidecar),
        (segment_keys(file), keys),
        (segment_files(file), files_body),
    ):
        try:
            atomic_write(target, [seal(orjson.dumps(body))], durable=False)
        except OSError:
            with contextlib.suppress(OSError):
                target.unlink(missing_ok=True)
    # The postings only when every document the segment first stores has its keys (a
    # merge of a segment whose `.keys` was lost has not): they are then read from there.
    if all(doc.keys is not None for doc in content.docs if doc.new):
        write_postings(
            file,
            generation,
            postings_of((doc.tid, doc.keys) for doc in content.docs if doc.new and doc.keys),
        )
    return {
        "file": name,
        "size": pos,
        "sha256": digest.hexdigest(),
        "generation": generation,
        "documents": sum(doc.new for doc in content.docs),
    }


def remove_segment_files(folder: Path, names: Iterable[str]) -> None:
    """Remove segment files (and their sidecars) no manifest lists any more. A reader that
    opened them keeps reading them (Linux keeps an open file until its last close)."""
    for name in names:
        seg = folder / name
        for file in (
            seg,
            segment_sidecar(seg),
            segment_keys(seg),
            segment_files(seg),
            segment_postings(seg),
        ):
            with contextlib.suppress(OSError):
                file.unlink()


def orphan_files(path: Path, live: Iterable[str]) -> list[Path]:
    """Segment files and sidecars in the store's folder that the manifest does not list
    (left by a commit or merge killed before its manifest, or after it, before the old
    files were removed)."""
    folder = segments_dir(path)
    keep = set(live) | {f"{n}{end}" for n in live for end in DERIVED_ENDINGS}
    try:
        names = [p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")]
    except OSError:
        return []
    return sorted(p for p in names if p.name not in keep)


# ------------------------------------------------------------------ postings

#: The first bytes of a postings file, then the length of its sealed directory (8 bytes,
#: little-endian), the directory ({"generation", "keys": {key: [offset, count, crc32]}}),
#: and the postings: per key, its documents' TinyDB ids in ascending order as unsigned
#: 32-bit little-endian integers, at `offset` from the end of the directory. The directory
#: is checked (sha256) when read, each key's postings (crc32) when read: a commit reads the
#: directory and the few keys it asks about, never the whole file.
POSTINGS_MAGIC = b"explorer-postings 1\n"


def postings_of(docs: Iterable[tuple[int, list[str]]]) -> dict[str, Any]:
    """key -> the ids of the documents that mention it (an array of unsigned 32-bit
    integers, ascending), from (id, keys) pairs. Four bytes a posting: at 200,000
    documents a merge's 6 million postings hold 24 MB, not a list's 48 MB and more."""
    from array import array

    out: dict[str, Any] = {}
    ascending = True
    last = -1
    for tid, keys in docs:
        if tid < last:
            ascending = False
        last = tid
        for key in dict.fromkeys(keys):
            found = out.get(key)
            if found is None:
                found = out[key] = array("I")
            found.append(tid)
    if not ascending:
        for key, tids in out.items():
            out[key] = array("I", sorted(tids))
    return out


def postings_bytes(generation: str, postings: dict[str, Any]) -> list[bytes]:
    """The chunks of a postings file (see POSTINGS_MAGIC) from key -> ascending ids."""
    import zlib
    from array import array

    directory: dict[str, list[int]] = {}
    chunks: list[bytes] = []
    offset = 0
    for key in sorted(postings):
        tids = postings[key]
        tids = array("I", tids) if not isinstance(tids, array) or tids.typecode != "I" else tids
        if sys.byteorder != "little":
            tids = array("I", tids)
            tids.byteswap()
        chunk = tids.tobytes()
        directory[key] = [offset, len(tids), zlib.crc32(chunk)]
        chunks.append(chunk)
        offset += len(chunk)
    head = seal(orjson.dumps({"generation": generation, "keys": directory}))
    return [POSTINGS_MAGIC, len(head).to_bytes(8, "little"), head, *chunks]


def write_postings(file: Path, generation: str, postings: dict[str, Any]) -> bool:
    """Write segment `file`'s postings file (derived: a failed write only removes it, and
    the counts are then made from the documents' keys); whether it was written."""
    target = segment_postings(file)
    try:
        atomic_write(target, postings_bytes(generation, postings), durable=False)
    except OSError:
        with contextlib.suppress(OSError):
            target.unlink(missing_ok=True)
        return False
    return True


class Postings:
    """One segment's postings file, open for reading a key at a time."""

    def __init__(self, path: Path, directory: dict[str, list[int]], start: int) -> None:
        self.path = path
        self.directory = directory
        self.start = start

    @classmethod
    def open(cls, file: Path, generation: str) -> Postings | None:
        """Segment `file`'s postings when its directory is whole and of this segment
        (`generation`); None otherwise (missing, damaged, stale, another layout)."""
        try:
            with open(segment_postings(file), "rb") as handle:
                magic = handle.read(len(POSTINGS_MAGIC) + 8)
                if len(magic) != len(POSTINGS_MAGIC) + 8 or not magic.startswith(POSTINGS_MAGIC):
                    return None
                size = int.from_bytes(magic[len(POSTINGS_MAGIC) :], "little")
                head = handle.read(size)
        except OSError:
            return None
        body = unseal_view(head) if len(head) == size else None
        try:
            data = orjson.loads(body) if body is not None else None
        except orjson.JSONDecodeError:
            return None
        if (
            not isinstance(data, dict)
            or data.get("generation") != generation
            or not isinstance(data.get("keys"), dict)
        ):
            return None
        return cls(segment_postings(file), data["keys"], len(POSTINGS_MAGIC) + 8 + size)

    def get(self, key: str) -> list[int]:
        """The ids of the segment's documents that mention `key` (first stored here).
        StoreError when its bytes do not match their checksum (the file changed or is
        damaged: `explorer check --repair` rebuilds it)."""
        import zlib
        from array import array

        entry = self.directory.get(key)
        if not entry:
            return []
        try:
            offset, count, crc = entry
            with open(self.path, "rb") as handle:
                chunk = os.pread(handle.fileno(), 4 * count, self.start + offset)
        except (OSError, ValueError, TypeError) as exc:
            raise StoreError(f"{self.path}: cannot read the postings of {key!r} ({exc})") from None
        if len(chunk) != 4 * count or zlib.crc32(chunk) != crc:
            raise StoreError(
                f"{self.path}: the postings of {key!r} do not match their checksum; run "
                "`explorer check --repair`"
            )
        tids = array("I")
        tids.frombytes(chunk)
        if sys.byteorder != "little":
            tids.byteswap()
        return tids.tolist()

    def items(self) -> Iterator[tuple[str, list[int]]]:
        """Every key with its documents (what `explorer check` compares)."""
        for key in self.directory:
            yield key, self.get(key)


def segment_postings_from_keys(file: Path, rec: dict[str, Any]) -> dict[str, Any] | None:
    """A segment's postings made from its sidecar (which rows it first stores, their ids)
    and its `.keys`: for a segment written before postings existed; None when either is
    missing or does not hold (the caller then counts from the documents)."""
    side = read_segment_sidecar(file, rec)
    if side is None:
        return None
    rows = side["docs"]
    keys = read_segment_keys(file, rec["generation"], len(rows))
    if keys is None:
        return None
    pairs = []
    for row, doc_keys in zip(rows, keys, strict=True):
        new = bool(row[ROW_DSPAN + 4]) if len(row) > ROW_DSPAN + 4 else True
        if not new:
            continue
        if doc_keys is None:
            return None  # not known (a merge of a segment whose keys were lost)
        pairs.append((row[ROW_DSPAN + 3], doc_keys))
    return postings_of(pairs)


# ------------------------------------------------------------------ reading a segment


def read_segment_sidecar(file: Path, want: dict[str, Any]) -> dict[str, Any] | None:
    """The sidecar of segment `file` when it is whole and describes the segment the
    manifest names (`want`: its generation and size); None otherwise."""
    side = _sealed_of(segment_sidecar(file), want.get("generation"))
    if (
        side is None
        or side.get("format") not in SEGMENT_SIDECAR_FORMATS
        or side.get("size") != want.get("size")
        or not isinstance(side.get("tables"), dict)
        or not isinstance(side.get("docs"), list)
    ):
        return None
    return side


def tombstones_of(tables: dict[str, Any]) -> dict[str, list[Any]]:
    """The tombstones a parsed segment lists (documents' ids, entity keys, file paths)."""
    table = tables.get("tombstones")
    rec: Any = next(iter(table.values()), {}) if isinstance(table, dict) and table else {}
    if not isinstance(rec, dict):
        return {"documents": [], "entities": [], "files": []}
    return {
        name: [x for x in rec.get(name, []) if isinstance(x, str | int)]
        if isinstance(rec.get(name), list)
        else []
        for name in ("documents", "entities", "files")
    }


# ------------------------------------------------------------------ combining segments


def combine_documents(
    per_segment: Iterable[tuple[dict[str, Any], list[Any]]],
) -> tuple[dict[str, Any], dict[str, int]]:
    """The live `documents` records ({tid: record}, in the order their ids first appeared)
    and the segment that holds each live id's mentions and facts, from each segment's
    (documents table, dead document ids)."""
    docs: dict[str, Any] = {}
    content: dict[str, int] = {}
    for s, (table, dead) in enumerate(per_segment):
        for tid in dead:
            docs.pop(str(tid), None)
            content.pop(str(tid), None)
        for key, rec in table.items():
            if key not in docs:
                content[key] = s
            docs[key] = rec
    return docs, content


def combine_items(
    per_segment: Iterable[dict[str, Any]], home: dict[str, int], known: set[str]
) -> dict[str, Any]:
    """The live records of mentions or facts: a record belongs to the document version
    whose mentions and facts its segment holds (`home`: document id -> segment). Records
    of document ids never stored (`known` lacks them) are kept, for the checks to name."""
    out: dict[str, Any] = {}
    for s, table in enumerate(per_segment):
        for key, rec in table.items():
            doc = rec.get("doc") if isinstance(rec, dict) else None
            if isinstance(doc, str) and doc in known and home.get(doc) != s:
                continue  # of a deleted or replaced version
            out[key] = rec
    return out


def combine_keyed(
    per_segment: Iterable[tuple[dict[str, Any], list[Any]]], field_name: str, *, by_key: bool
) -> dict[str, Any]:
    """Entity (`by_key`: ordered by key) or `files` records (in the order first stored)
    across segments: upserts by `field_name`, the later segment winning, tombstones applied
    first within a segment; records without the field are kept (for the checks to name)."""
    live: dict[str, Any] = {}
    odd: list[Any] = []
    for table, dead in per_segment:
        for key in dead:
            live.pop(key, None)
        for rec in table.values():
            name = rec.get(field_name) if isinstance(rec, dict) else None
            if isinstance(name, str):
                live[name] = rec
            else:
                odd.append(rec)
    items = [live[k] for k in sorted(live)] if by_key else list(live.values())
    return {str(n): rec for n, rec in enumerate([*items, *odd], start=1)}


def combine_tables(
    segments: list[dict[str, Any]], meta: dict[str, Any], extra_order: list[str] | None = None
) -> dict[str, Any]:
    """The tables a reader sees (as one single-file store would hold them) from the parsed
    segments in manifest order and the manifest's meta record."""
    tombs = [tombstones_of(t) for t in segments]

    def table(t: dict[str, Any], name: str) -> dict[str, Any]:
        value = t.get(name)
        return value if isinstance(value, dict) else {}

    docs, content = combine_documents(
        (table(t, "documents"), d["documents"]) for t, d in zip(segments, tombs, strict=True)
    )
    home: dict[str, int] = {}
    for key, rec in docs.items():
        if isinstance(rec, dict) and isinstance(rec.get("id"), str):
            home[rec["id"]] = content[key]
    known = {
        rec["id"]
        for t in segments
        for rec in table(t, "documents").values()
        if isinstance(rec, dict) and isinstance(rec.get("id"), str)
    }
    out: dict[str, Any] = {"documents": docs}
    for name in ("mentions", "facts"):
        out[name] = combine_items((table(t, name) for t in segments), home, known)
    out["entities"] = combine_keyed(
        ((table(t, "entities"), d["entities"]) for t, d in zip(segments, tombs, strict=True)),
        "key",
        by_key=True,
    )
    out["files"] = combine_keyed(
        ((table(t, "files"), d["files"]) for t, d in zip(segments, tombs, strict=True)),
        "path",
        by_key=False,
    )
    core = {"documents", "mentions", "facts", "entities", "files", "meta", "tombstones"}
    for t in segments:
        for name, value in t.items():
            if name not in core:
                out[name] = value
    out["meta"] = {"1": dict(meta)}
    return out


def live_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """The meta record readers see: the manifest's, without its bookkeeping."""
    return {
        k: v
        for k, v in meta.items()
        if k not in ("next_ids", "counts", "next_segment", "aggregates")
    }


# ------------------------------------------------------------------ merging


def merge_window(
    sizes: list[int], bound: int | None = None, *, least: bool = False
) -> tuple[int, int] | None:
    """The adjacent run of segments to merge (first, last; inclusive) when there are more
    than `bound` (MAX_SEGMENTS): the MERGE_WIDTH neighbours of the smallest total size,
    Lucene-style tiers (small recent segments merge often, the large old one rarely); with
    `least`, no more of them than bring the count within the bound. None when it is within."""
    bound = MAX_SEGMENTS if bound is None else max(1, bound)
    if len(sizes) <= bound:
        return None
    width = min(MERGE_WIDTH, len(sizes))
    if least:
        width = max(2, min(width, len(sizes) - bound + 1))
    best = min(range(len(sizes) - width + 1), key=lambda i: (sum(sizes[i : i + width]), -i))
    return best, best + width - 1


_CORE = frozenset(("documents", "mentions", "facts", "entities", "files", "meta", "tombstones"))


def merge_content(
    sides: list[dict[str, Any]],
    raws: list[Any],
    keys_of: list[list[Any] | None],
    files_of: list[dict[str, list[Any]]],
    *,
    drop_tombstones: bool,
) -> SegmentContent:
    """One segment equivalent to the adjacent run of segments given (their sidecars and
    bytes, oldest first; the records are views of those bytes, valid while they are): the run's last version of each record, tombstones applied within
    the run, and kept (unless the run starts the store) for what older segments hold."""
    out = SegmentContent()
    docs: dict[int, SegmentDoc] = {}
    dead: list[int] = []
    entities: dict[str, dict[str, Any] | None] = {}
    files: dict[str, list[Any]] = {}
    gone_files: set[str] = set()
    for side, raw, keys_list, seg_files in zip(sides, raws, keys_of, files_of, strict=True):
        # Slices of the segments' memory maps, not copies: a merge holds no second store.
        view = memoryview(raw)
        tombs = side.get("tombstones") or {}
        for tid in tombs.get("documents", ()):
            docs.pop(tid, None)
            dead.append(tid)
        for n, row in enumerate(side["docs"]):
            keys = keys_list[n] if keys_list is not None else None
            tid = row[ROW_DSPAN + 3]
            dspan, mspan, fspan = row[ROW_DSPAN], row[ROW_DSPAN + 1], row[ROW_DSPAN + 2]
            blob = view[dspan[0] : dspan[1]]
            old = docs.get(tid)
            if old is None:
                new = bool(row[ROW_DSPAN + 4]) if len(row) > ROW_DSPAN + 4 else True
                docs[tid] = SegmentDoc(
                    tid,
                    blob,
                    list(row[:ROW_DSPAN]),
                    new,
                    view[mspan[0] : mspan[1]] if mspan else b"",
                    view[fspan[0] : fspan[1]] if fspan else b"",
                    keys,
                )
            else:
                old.blob, old.row = blob, list(row[:ROW_DSPAN])
        for key in tombs.get("entities", ()):
            entities[key] = None
        span = side["tables"].get("entities")
        if span:
            for rec in orjson.loads(raw[span[0] : span[1]]).values():
                entities[rec["key"]] = rec
        for path in tombs.get("files", ()):
            files.pop(path, None)
            gone_files.add(path)
        files.update(seg_files)
        for name, span in side["tables"].items():
            if name not in _CORE:
                out.extra[name] = bytes(raw[span[0] : span[1]])
    out.docs = list(docs.values())
    out.entities = [rec for k in sorted(entities) if (rec := entities[k]) is not None]
    out.files = files
    if not drop_tombstones:
        out.dead_docs = dead
        out.dead_entities = sorted(k for k, v in entities.items() if v is None)
        out.dead_files = sorted(gone_files)
    return out
