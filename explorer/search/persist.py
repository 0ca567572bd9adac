"""Saving and loading the index cached beside the store (`<store>.index/`).

A build writes one part, its files at the top of the folder. An update that grows the index
writes each new part once into a folder of its own (`tail-*/`, `names-*/`) and then replaces
the manifest `parts.json`, which names the parts in use: the only file an update replaces.

A loaded index maps its arrays from the cache folder: pages are read when a query touches
them, so loading costs milliseconds and memory holds only what searches use. Sentence text
is not even mapped: the few hits of a page are read from the file (`os.pread`), each a zstd
frame decompressed with the part's dictionary (`text_dict.npy`).
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import orjson
import zstandard

from explorer.search.arrays import (
    ARRAY_NAMES,
    DATE_ARRAYS,
    NARROWED,
    IndexArrays,
    IndexTables,
    dates_by_document,
    narrowest,
)
from explorer.search.build import IndexParts
from explorer.search.merge import Alloc
from explorer.search.postings import blocks, save_blocked
from explorer.store.segments import gc_paused
from explorer.store.storage import file_sha256

# 6: tables.json.zst; sentences' dates per document; long postings lists per block of 65,536 records, as 16-bit ids (`postings`)
# 5: record texts as zstd frames with a dictionary of the part's (`texts`); text_off uint32
# 4: columns and word offsets saved in the narrowest type that holds them (`NARROWED`)
# 3: record dates and each entity's documents (date filters)
# 2: words run across combining marks and joiners; ligatures written out
FORMAT_VERSION = 6
#: The small tables (documents, entities, predicates, dates) of a part: zstd-compressed JSON.
TABLES = "tables.json.zst"
#: The manifest of a grown index: its parts (folders beside the base's files), in order.
MANIFEST = "parts.json"


def cache_dir(corpus_path: Path) -> Path:
    """Where the index of the store at `corpus_path` is cached: `<store>.index/`."""
    corpus_path = Path(corpus_path)
    return corpus_path.with_name(corpus_path.name + ".index")


def save(parts: IndexParts, directory: Path) -> None:
    """Write the index to `directory` atomically (a temporary folder renamed into place):
    one part, every record (a build's); tails and a manifest of an older index go with it."""
    save_made(lambda _alloc: parts, directory)


def _install(tmp: Path, directory: Path) -> None:
    """The written folder `tmp` put in the place of the index folder `directory`."""
    old = directory.with_name(f"{directory.name}.old-{os.getpid()}-{threading.get_ident()}")
    if directory.exists():
        os.replace(directory, old)
    os.replace(tmp, directory)
    # This one, and any an interrupted save left behind: none is ever read again.
    for stale in directory.parent.glob(f"{directory.name}.old-*"):
        shutil.rmtree(stale, ignore_errors=True)


def save_made(make: Callable[[Alloc], IndexParts], directory: Path, name: str = "") -> None:
    """`save` (or `save_part` as `name`) of the index `make` writes straight into the files
    of the folder as it makes it (`alloc` gives it each array mapped over its `.npy` file):
    a merge, whose output is never held whole in memory."""
    directory = Path(directory)
    target = directory / name if name else directory
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)

    def alloc(array_name: str, size: int, dtype: Any) -> np.ndarray:
        if size == 0:  # an empty file cannot be mapped: saved as any array
            return np.empty(0, dtype=dtype)
        path = tmp / f"{array_name}.npy"
        return np.lib.format.open_memmap(path, mode="w+", dtype=dtype, shape=(size,))

    try:
        parts = make(alloc)
        _write(parts, tmp)
        if name:
            os.replace(tmp, target)
        else:
            _install(tmp, directory)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def save_part(parts: IndexParts, directory: Path, name: str) -> None:
    """Write a part into `directory/name/`, once: a temporary folder renamed into place. It
    is not part of the index until a manifest naming it replaces the old one."""
    save_made(lambda _alloc: parts, directory, name)


#: A mapped array is written this many bytes at a time, its pages let go after each.
_WRITE_CHUNK = 1 << 24


def _save_array(path: Path, array: np.ndarray, dtype: Any = None) -> None:
    """`np.save` of `array` as `dtype` (its own type when None), but an array over a mapped
    file (a build's spooled texts, columns and forward index, a merge's output) is written a
    chunk at a time, cast chunk by chunk, and its pages given back after each: the save
    never holds it whole, nor a narrowed copy of it."""
    dtype = array.dtype if dtype is None else np.dtype(dtype)
    mapped = _mapping(array)
    if mapped is None or array.ndim != 1:
        np.save(path, array.astype(dtype, copy=False))
        return
    step = max(_WRITE_CHUNK // array.itemsize, 1)
    header = {
        "descr": np.lib.format.dtype_to_descr(dtype),
        "fortran_order": False,
        "shape": array.shape,
    }
    with open(path, "wb") as out:
        np.lib.format.write_array_header_1_0(out, header)
        for lo in range(0, len(array), step):
            out.write(np.ascontiguousarray(array[lo : lo + step], dtype=dtype).data)
            with contextlib.suppress(OSError, ValueError, AttributeError):
                mapped.madvise(mmap.MADV_DONTNEED)


def _extent(array: np.ndarray) -> tuple[int, int] | None:
    """The smallest and largest value of a 1-d array (None when empty), read a chunk at a
    time with the pages of a mapped one given back after each (a build's columns)."""
    if not len(array):
        return None
    mapped = _mapping(array)
    step = max(_WRITE_CHUNK // array.itemsize, 1)
    lo, hi = None, None
    for at in range(0, len(array), step):
        chunk = array[at : at + step]
        c_lo, c_hi = int(chunk.min()), int(chunk.max())
        lo = c_lo if lo is None else min(lo, c_lo)
        hi = c_hi if hi is None else max(hi, c_hi)
        if mapped is not None:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                mapped.madvise(mmap.MADV_DONTNEED)
    assert lo is not None and hi is not None
    return lo, hi


def _mapping(array: np.ndarray) -> mmap.mmap | None:
    """The memory map an array's memory belongs to, if any."""
    base: Any = array
    while base is not None:
        if isinstance(base, mmap.mmap):
            return base
        base = base.obj if isinstance(base, memoryview) else getattr(base, "base", None)
    return None


#: The arrays `postings.save_blocked` writes.
_POSTINGS = ("post", "post_long", "post_blk", "post_blk_off")


def _write(parts: IndexParts, folder: Path) -> None:
    a = parts.arrays
    done: tuple[str, ...] = ()
    if not len(a.post_long):  # a build's or a merge's: the long lists made now
        save_blocked(folder, a.post_off, a.post, a.records)
        done = _POSTINGS
    by_document = dates_by_document(a, len(parts.tables.docs))
    if by_document is not None:  # the sentences' dates are their documents'
        n, doc_lo, doc_hi = by_document
        # (copied first: a merge's columns are mapped over the very files written here)
        kept = {"date_lo": np.array(a.date_lo[:n]), "date_hi": np.array(a.date_hi[:n])}
        kept.update(doc_date_lo=doc_lo, doc_date_hi=doc_hi)
        for name, array in kept.items():
            np.save(folder / f"{name}.part.npy", array)
            os.replace(folder / f"{name}.part.npy", folder / f"{name}.npy")
        done = (*done, *DATE_ARRAYS)
    for name, array in parts.arrays.as_dict().items():
        if name in done:
            continue
        path = folder / f"{name}.npy"
        dtype = narrowest(name, array, _extent(array) if name in NARROWED else None)
        if isinstance(array, np.memmap) and str(array.filename) == os.path.abspath(path):
            # Written in place as it was made (`save_made`): its pages are the file's in the
            # page cache already. No msync (a synchronous write-back the other arrays, written
            # with `tofile`, never pay either). Narrowed, it is written beside and put in its
            # place (the map keeps reading the file it was made over).
            if dtype != array.dtype:
                narrow = path.with_name(f"{name}.narrow.npy")
                _save_array(narrow, array, dtype)
                os.replace(narrow, path)
            continue
        _save_array(path, np.ascontiguousarray(array), dtype)
    (folder / "vocab.txt").write_text("\n".join(parts.vocab), encoding="utf-8")
    tables = {
        "docs": parts.tables.docs,
        "entities": parts.tables.entities,
        "predicates": parts.tables.predicates,
        "fingerprints": parts.tables.fingerprints,
        "doc_dates": parts.tables.doc_dates,
        "fact_dates": parts.tables.fact_dates,
        "doc_periods": parts.tables.doc_periods,
    }
    # zstd: document ids, titles and dates repeat their forms (a fifth of the JSON's size)
    (folder / TABLES).write_bytes(zstandard.ZstdCompressor(level=3).compress(_dump_json(tables)))
    meta = {
        "version": FORMAT_VERSION,
        "generation": parts.tables.generation,
        "records": parts.arrays.records,
        "vocab": len(parts.vocab),
        # so that `explorer check` can tell an edited or damaged index file
        "checksums": {f.name: file_sha256(f) for f in sorted(folder.iterdir())},
    }
    # meta.json last: a folder without it is incomplete and never loaded.
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def save_manifest(directory: Path, manifest: dict[str, Any]) -> None:
    """Replace the index's manifest (`parts.json`) atomically: the parts it names are the
    index from then on; a killed update leaves the old manifest, and the old index, whole.
    Then the folders no manifest names any more (older tails and names parts, and those of
    a killed update) are removed."""
    directory = Path(directory)
    tmp = directory / f"{MANIFEST}.tmp-{os.getpid()}-{threading.get_ident()}"
    with open(tmp, "wb") as out:
        out.write(_dump_json({"version": FORMAT_VERSION, **manifest}))
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, directory / MANIFEST)
    keep = set(manifest.get("parts", ()))
    for entry in directory.iterdir():
        if entry.is_dir() and entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(f"{MANIFEST}.tmp-"):
            entry.unlink(missing_ok=True)


def load_manifest(directory: Path) -> dict[str, Any] | None:
    """The index's manifest, None when it has none (one part: a build's)."""
    try:
        data = (Path(directory) / MANIFEST).read_bytes()
    except FileNotFoundError:
        return None
    manifest = _load_json(data)
    if not isinstance(manifest, dict) or manifest.get("version") != FORMAT_VERSION:
        raise ValueError("index manifest damaged or of another format")
    return manifest


def load(directory: Path) -> tuple[IndexParts, BinaryIO, int]:
    """The index saved in `directory`, with its text file open and where the text starts in
    it; raises (ValueError, OSError, ...) when it is not a complete index of this format."""
    directory = Path(directory)
    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    if meta.get("version") != FORMAT_VERSION:
        raise ValueError("index format changed")
    arrays = {}
    for name in ARRAY_NAMES:
        mapped = np.load(directory / f"{name}.npy", mmap_mode="r", allow_pickle=False)
        arrays[name] = mapped.view(np.ndarray)  # plain arrays: no memmap overhead per op
    text = (directory / "vocab.txt").read_text(encoding="utf-8")
    vocab = text.split("\n") if text else []
    with gc_paused(keep=True):  # the tables are long-lived lists and strings, no cycles
        tables = _load_json(
            zstandard.ZstdDecompressor().decompress((directory / TABLES).read_bytes())
        )
    tables["generation"] = meta["generation"]
    _check(arrays, vocab, meta, tables)
    blob = arrays["text_blob"]
    text_file = open(directory / "text_blob.npy", "rb")  # noqa: SIM115 (lives with the index)
    text_base = int(getattr(blob.base, "offset", 0) or 0)
    parts = IndexParts(IndexArrays.of(arrays), vocab, IndexTables.of(tables))
    return parts, text_file, text_base


def _dump_json(value: Any) -> bytes:
    try:
        return orjson.dumps(value)  # several times quicker, both ways, than json
    except TypeError:  # a lone surrogate in a title: json escapes it
        return json.dumps(value).encode("utf-8")


def _load_json(data: bytes) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data.decode("utf-8"))


def _check(arrays: dict[str, np.ndarray], vocab: list[str], meta: dict, tables: dict) -> None:
    """Refuse a cache whose parts do not fit together (a truncated or mixed-up folder)."""
    records = len(arrays["kind"])
    if meta.get("records") != records or meta.get("vocab") != len(vocab):
        raise ValueError("index parts disagree")
    for name in ("doc", "sent", "start", "end", "ref", "labels"):
        if len(arrays[name]) != records:
            raise ValueError("index parts disagree")
    dated = len(arrays["date_lo"])
    docs = tables.get("docs")
    if len(arrays["date_hi"]) != dated or not (
        dated == records
        or (
            dated < records
            and isinstance(docs, list)
            and len(arrays["doc_date_lo"]) == len(arrays["doc_date_hi"]) == len(docs) + 1
        )
    ):
        raise ValueError("index parts disagree")
    if len(arrays["text_off"]) != records + 1 or len(arrays["fwd_off"]) != records + 1:
        raise ValueError("index parts disagree")
    if int(arrays["text_off"][-1]) != len(arrays["text_blob"]):
        raise ValueError("index text truncated")
    if int(arrays["fwd_off"][-1]) != len(arrays["fwd"]):
        raise ValueError("index words truncated")
    long, blk_off = arrays["post_long"], arrays["post_blk_off"]
    if (
        len(arrays["post_off"]) != len(vocab) + 1
        or int(arrays["post_off"][-1]) != len(arrays["post"]) + len(arrays["post_blk"])
        or len(blk_off) != (blocks(records) if len(long) else 0) * len(long) + 1
        or int(blk_off[-1]) != len(arrays["post_blk"])
    ):
        raise ValueError("index postings truncated")
    if len(long) and (int(long[0]) < 0 or int(long[-1]) >= len(vocab)):
        raise ValueError("index postings damaged")
    if not isinstance(tables.get("docs"), list) or not isinstance(tables.get("entities"), list):
        raise ValueError("index tables damaged")
