"""The index's data: per-record columns, the forward index and the postings as numpy arrays,
and the small tables (documents, entities, predicates) the records point into.

Layout (all numpy, so a million sentences are a few arrays, not millions of objects):

- records, in the order that breaks ties: entity names and aliases, then facts, then sentences
  in corpus order (document, position). Per record: kind, document, sentence index, offsets,
  entity/fact reference, label bits, and its text: a zstd frame a record, back to back in
  one blob, compressed with the part's own dictionary (`explorer.search.texts`).
- vocabulary: the sorted distinct normalised words, so every prefix is one contiguous id range.
- forward index: each record's word ids in order (positions for proximity, phrases, anchors
  and highlights); postings: for each word, the sorted ids of the records holding it.
"""

from __future__ import annotations

import contextlib
import ctypes
import mmap
import sys
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from explorer.model import LABELS

KIND_ENTITY, KIND_FACT, KIND_SENTENCE = 0, 1, 2
KIND_CODES = {"entity": KIND_ENTITY, "fact": KIND_FACT, "sentence": KIND_SENTENCE}
LABEL_BITS = {label: 1 << i for i, label in enumerate(LABELS)}


@dataclass(slots=True)
class IndexArrays:
    """Every array of an index, under the names its saved files carry (`<name>.npy`)."""

    # (Saved narrower where the values fit: `NARROWED`.)
    kind: np.ndarray  # int8: KIND_ENTITY, KIND_FACT or KIND_SENTENCE, in that order
    doc: np.ndarray  # int32: index into the documents table, -1 for none
    sent: np.ndarray  # int32: sentence index in its document (-1 for none)
    start: np.ndarray  # int32: a sentence's character offsets in its document (-1 else)
    end: np.ndarray  # int32
    ref: np.ndarray  # int32: entity row or fact number (-1 for a sentence)
    labels: np.ndarray  # uint32: LABEL_BITS of the labels mentioned in the record
    # int32: the first and last day (date.toordinal()) of the record's date period, 0 for
    # none: a sentence's is its document's, a fact's its own; an entity's spans its mentions'.
    # Saved, when every sentence's is its document's, for the records before the first
    # sentence only, the sentences' read from their document's (`record_dates`).
    date_lo: np.ndarray
    date_hi: np.ndarray
    # int32, documents + 1 (the last: records without one), or empty: each document's days
    # as its sentences carry them, when `date_lo` and `date_hi` stop at the first sentence
    doc_date_lo: np.ndarray
    doc_date_hi: np.ndarray
    # uint32 (int64 past 4 GiB), records + 1: where each record's frame starts in `text_blob`
    text_off: np.ndarray
    text_blob: np.ndarray  # uint8: every record's text as a zstd frame, back to back
    text_dict: np.ndarray  # uint8: the zstd dictionary of those frames (empty: none)
    fwd_off: np.ndarray  # int64 (saved int32 mostly), records + 1: each record's words in `fwd`
    fwd: np.ndarray  # uint16 or int32: word ids of every record, in text order
    # int64, vocabulary + 1: each word's postings start at post_off[word] of them all (what
    # the vocabulary counts); a short word's, in `post`, that less the long ones before it
    post_off: np.ndarray
    post: np.ndarray  # int32: record ids, sorted within each word (its short words' only)
    # The long words' postings, saved per block of 65,536 records (`explorer.search.postings`;
    # a built index has none: every word's postings are in `post`):
    post_long: np.ndarray  # int32: the long words' ids, ascending
    post_blk: np.ndarray  # uint16: record ids within their block, block-major
    post_blk_off: np.ndarray  # uint32 or int64, blocks x long words + 1: each run's start
    # int64, entity rows + 1 / int32: the documents mentioning each entity (sorted doc
    # indices), through which a date filter matches an entity
    ent_doc_off: np.ndarray
    ent_doc: np.ndarray

    @classmethod
    def of(cls, arrays: dict[str, np.ndarray]) -> IndexArrays:
        """From a mapping of array names (a build's output, or the files of a saved index)."""
        # (a build's or a merge's postings are all word-major: no long words)
        given = {name: arrays[name] if name in arrays else _FLAT[name] for name in ARRAY_NAMES}
        return cls(**given)

    def as_dict(self) -> dict[str, np.ndarray]:
        """Name -> array, in the order they are saved."""
        return {name: getattr(self, name) for name in ARRAY_NAMES}

    @property
    def records(self) -> int:
        """How many records the index holds."""
        return len(self.kind)

    def differences(self, other: IndexArrays) -> list[str]:
        """The names of the arrays that differ from `other`'s (in the type they are saved in,
        `narrowest`, or in content). The texts are compared as the texts they hold ("texts"):
        their frames depend on the dictionary, which a merge or an update keeps from a part
        where a build trains one."""
        from explorer.search.texts import decoded

        out = [
            name
            for name in ARRAY_NAMES
            if name not in TEXT_ARRAYS
            and name not in DATE_ARRAYS
            and (
                narrowest(name, getattr(self, name)) != narrowest(name, getattr(other, name))
                or not np.array_equal(np.asarray(getattr(self, name)), getattr(other, name))
            )
        ]
        ours_dates, their_dates = record_dates(self), record_dates(other)
        if not all(np.array_equal(x, y) for x, y in zip(ours_dates, their_dates, strict=True)):
            out.append("dates")
        ours = decoded(self.text_off, self.text_blob, self.text_dict)
        if ours != decoded(other.text_off, other.text_blob, other.text_dict):
            out.append("texts")
        return out


#: The names of `IndexArrays`, in the order they are saved.
ARRAY_NAMES: tuple[str, ...] = tuple(f.name for f in fields(IndexArrays))
#: Those that hold the records' dates (`IndexArrays.differences` compares `record_dates`).
DATE_ARRAYS = ("date_lo", "date_hi", "doc_date_lo", "doc_date_hi")
#: The long postings of an index without long words (as built), and the documents' dates of
#: one whose records all carry theirs.
_FLAT: dict[str, np.ndarray] = {
    "doc_date_lo": np.empty(0, dtype=np.int32),
    "doc_date_hi": np.empty(0, dtype=np.int32),
    "post_long": np.empty(0, dtype=np.int32),
    "post_blk": np.empty(0, dtype=np.uint16),
    "post_blk_off": np.zeros(1, dtype=np.int64),
}
#: Those that hold the records' texts (`IndexArrays.differences` compares what they hold).
TEXT_ARRAYS = ("text_off", "text_blob", "text_dict")

#: Arrays saved in the smallest of these types that holds every value they have (checked at
#: each save; the last, the type a build makes them in, is the fallback; the values are the
#: same, -1 included): a sentence index fits 8 or 16 bits, offsets in a document of under
#: 65,536 characters 16, the records of a part without entities one -1 ref, the label bits of
#: 8 labels one byte, the word offsets of under 2**31 words 32. A loaded index's columns are
#: of these types, a built one's of the wide types: whoever reads them must not assume a
#: width, nor do arithmetic in it. At a million bench sentences: 18 bytes a record, not 33,
#: and 4 of word offsets, not 8.
NARROWED: dict[str, tuple[type[np.integer], ...]] = {
    # unsigned where no -1 occurs (50,000 documents' sentences: 16 bits)
    "doc": (np.int8, np.uint8, np.int16, np.uint16, np.int32),
    "sent": (np.int8, np.uint8, np.int16, np.uint16, np.int32),
    "start": (np.int8, np.uint8, np.int16, np.uint16, np.int32),
    "end": (np.int8, np.uint8, np.int16, np.uint16, np.int32),
    "ref": (np.int8, np.uint8, np.int16, np.uint16, np.int32),
    "labels": (np.uint8, np.uint16, np.uint32),
    # signed only: offsets are subtracted from cumulative sums (int64)
    "fwd_off": (np.int32, np.int64),
    # read as int64 (`postings.Postings`)
    "post_blk_off": (np.uint32, np.int64),
}


#: records read at a time by `dates_by_document`
DATES_CHUNK = 1 << 20


def record_dates(
    a: IndexArrays, r0: int = 0, r1: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The first and last days of records [r0, r1) (all when not given), whether the index
    keeps them per record (as built) or, past the first sentence, per document (as saved)."""
    r1 = a.records if r1 is None else r1
    n = len(a.date_lo)
    if n >= a.records:
        return np.asarray(a.date_lo[r0:r1]), np.asarray(a.date_hi[r0:r1])
    lo = np.empty(max(r1 - r0, 0), dtype=np.int32)
    hi = np.empty(max(r1 - r0, 0), dtype=np.int32)
    k = min(max(n - r0, 0), len(lo))  # records before the first sentence
    lo[:k], hi[:k] = a.date_lo[r0 : r0 + k], a.date_hi[r0 : r0 + k]
    docs = np.asarray(a.doc[r0 + k : r1]).astype(np.int64)  # -1: the last, no document's
    lo[k:], hi[k:] = np.asarray(a.doc_date_lo)[docs], np.asarray(a.doc_date_hi)[docs]
    return lo, hi


def dates_by_document(a: IndexArrays, documents: int) -> tuple[int, np.ndarray, np.ndarray] | None:
    """(first sentence, documents' first days, last days: `documents` + 1 each) when every
    sentence's days are its document's, so that only the records before the first sentence
    need their own; None when a sentence's differ, or the index has no sentences. Read a
    chunk of DATES_CHUNK records at a time, the pages of mapped columns given back after
    each: a whole pass's temporaries (document numbers as int64, the days gathered back)
    were 70 MB at 4 million sentences, and the columns' pages stayed read."""
    n = int(np.searchsorted(np.asarray(a.kind), KIND_SENTENCE))
    if n >= a.records or len(a.date_lo) != a.records:
        return None
    doc_lo = np.zeros(documents + 1, dtype=np.int32)
    doc_hi = np.zeros(documents + 1, dtype=np.int32)
    for check in (False, True):  # set every document's days, then check every sentence's
        for at in range(n, a.records, DATES_CHUNK):
            docs = np.asarray(a.doc[at : at + DATES_CHUNK])
            if docs.dtype.kind != "u":  # -1: the last, no document's
                docs = docs.astype(np.int64)
            lo = np.asarray(a.date_lo[at : at + DATES_CHUNK])
            hi = np.asarray(a.date_hi[at : at + DATES_CHUNK])
            if not check:
                doc_lo[docs], doc_hi[docs] = lo, hi
            elif not (np.array_equal(doc_lo[docs], lo) and np.array_equal(doc_hi[docs], hi)):
                return None
            for column in (a.doc, a.date_lo, a.date_hi):
                release_pages(column)
    return n, doc_lo, doc_hi


def narrowest(name: str, array: np.ndarray, extent: tuple[int, int] | None = None) -> np.dtype:
    """The type array `name` is saved in: the narrowest of `NARROWED[name]` holding its
    values (its own type for an array not narrowed, or one of values no type holds);
    `extent`, when given, is their smallest and largest value."""
    choices = NARROWED.get(name)
    if choices is None:
        return array.dtype
    if not len(array):
        return np.dtype(choices[0])
    lo, hi = extent if extent is not None else (int(array.min()), int(array.max()))
    for dtype in choices:
        info = np.iinfo(dtype)
        if info.min <= lo and hi <= info.max:
            return np.dtype(dtype)
    return array.dtype


@dataclass(slots=True)
class IndexTables:
    """The small tables beside the arrays (kept as JSON when saved)."""

    docs: list[list[str]]  # [id, title] per document index
    #: [key, label, doc, sentence, mentions, documents, implied] per entity row (implied: the
    #: documents that imply it without naming it; an index saved before has none)
    entities: list[list[Any]]
    predicates: list[str]  # per fact number
    # [doc id, content fingerprint, sentences] per document of the corpus, in its order
    # (None when the corpus has no document hashes): what an update compares.
    fingerprints: list[list[Any]] | None = None
    generation: str = ""  # the store generation the index was made from
    doc_dates: list[str | None] | None = None  # per document index: its ISO date
    fact_dates: list[str | None] | None = None  # per fact number: its ISO date
    # per document index: [first, last] day of its date as its sentences carry it (a part of
    # entity names only has no sentences to read them from; None: read from the sentences)
    doc_periods: list[list[int]] | None = None

    @classmethod
    def of(cls, tables: dict[str, Any]) -> IndexTables:
        """From the JSON-shaped mapping a saved index holds."""
        return cls(
            docs=tables["docs"],
            entities=tables["entities"],
            predicates=tables["predicates"],
            fingerprints=tables.get("fingerprints"),
            generation=tables.get("generation", ""),
            doc_dates=tables.get("doc_dates"),
            fact_dates=tables.get("fact_dates"),
            doc_periods=tables.get("doc_periods"),
        )


def release_pages(array: np.ndarray) -> None:
    """Give back the pages of an array mapped over a file, read or written so far (written
    ones are in the file, or in the page cache on their way to it); nothing for an array in
    memory. Follows an array's bases to its mapping (a view, a memoryview, a `np.memmap`)."""
    base = mapping(array)
    if base is not None:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            base.madvise(mmap.MADV_DONTNEED)


def mapping(array: np.ndarray) -> mmap.mmap | None:
    """The memory map over a file that `array` reads (through a view, a memoryview, a
    `np.memmap`), None for an array in memory."""
    base: Any = array
    while base is not None and not isinstance(base, mmap.mmap):
        if isinstance(base, memoryview):
            base = base.obj
        else:
            base = getattr(base, "_mmap", None) or getattr(base, "base", None)
    return base if isinstance(base, mmap.mmap) else None


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's `malloc_trim`, None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # another C library (musl has none)
        return None
    return trim


_TRIM = _malloc_trim()


def release_heap() -> None:
    """Give the C heap's free memory back to the system (glibc's `malloc_trim`): a build
    frees a part's arrays of a few MB to tens of MB each, and glibc keeps such frees in its
    heap (its threshold for mapping a block of its own grows to the largest freed, up to
    32 MB, and it trims only a free top of twice that), so the next part's would stack on
    them. Nothing where there is no such call."""
    if _TRIM is not None:
        _TRIM(0)
