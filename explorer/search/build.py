"""Building the index from a corpus, and updating a saved one for the documents added,
changed or removed since, without tokenising again the sentences that did not change.

Each document's content fingerprint (hash, title, counts) is saved with the index, so on an
update the documents that did not change keep their records (words, texts, postings,
renumbered, never tokenised again); only the new and changed documents' sentences are
indexed, and the entity names and facts (a small part) afresh. The records land where a
build puts them, so the arrays are exactly a build's and every query answers the same hits,
order and highlights.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import inspect
import itertools
import mmap
import operator
import os
import re
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from explorer.model import Corpus, Entity, Fact, SentenceRecord
from explorer.search import postings as _layout
from explorer.search import texts as _texts
from explorer.search.analysis import ASCII_WORDS, WORD_RE, ascii_class, fold, terms
from explorer.search.arrays import (
    KIND_ENTITY,
    KIND_FACT,
    KIND_SENTENCE,
    LABEL_BITS,
    IndexArrays,
    IndexTables,
    record_dates,
    release_pages,
)
from explorer.search.query import NO_DATE, period

#: An update tokenises the new documents' sentences only; when they are more than this share
#: of all sentences, a build is about as quick.
MAX_UPDATE_SHARE = 0.5
#: An update renumbers the saved postings this many at a time.
_MERGE_CHUNK = 4_000_000

_SEP = "\x00"
_ENCODE = operator.methodcaller("encode", "utf-8", "surrogatepass")
_BUILD_RE = re.compile(rf"{WORD_RE.pattern}|\x00")
#: Texts tokenised at a time (their words as bytes, about 50 bytes a word, are what a build
#: holds besides the index: 4,096 sentences are about 4 MB; 20,000 held about 30 MB more at
#: the peak), as many as the texts' compression batch.
_BUILD_CHUNK = 4_096
#: Between two records' texts when a batch is tokenised at once: spaces around the NUL, so
#: that the NUL is a word of its own in `ASCII_WORDS`' bytes.
_GAP = " \x00 "


@dataclass(slots=True)
class IndexParts:
    """What a build or an update makes and a `SearchIndex` is made of."""

    arrays: IndexArrays
    vocab: list[str]
    tables: IndexTables


def fact_line(fact: Fact) -> str:
    """A fact as one line of text: subject, predicate, object, then its short qualifiers."""
    parts = [fact.subject, fact.predicate, fact.object]
    for key, value in fact.qualifiers.items():
        if isinstance(value, str) and value and len(value) <= 120 and value not in parts:
            parts.append(f"{key} {value}")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            parts.append(f"{key} {value:g}")
    return " · ".join(p for p in parts if p)


@contextlib.contextmanager
def collector_held() -> Iterator[None]:
    """The cyclic garbage collector held back while a build runs: a build makes a few
    objects a record (the corpus's records, their fields' tuples) and keeps next to none,
    so the collector, triggered again and again on the way, would walk every live object
    for no garbage (7% of a million-sentence build's CPU, perf). Let go at the end, as it
    was (the extract and the cache loads do the same)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def build(corpus: Corpus) -> IndexParts:
    """Index every entity name and alias, fact and sentence of `corpus`. A corpus that lists
    its facts, mentions and sentences by document (the store) is read a few hundred
    documents at a time: memory holds the index being built, never the whole store."""
    with collector_held():
        return _build_all(corpus)


def _build_all(corpus: Corpus) -> IndexParts:
    if _streams(corpus):
        return _build_streamed(corpus)
    fingerprints = _fingerprints(corpus)
    builder = _Builder(_document_dates(corpus))
    docs_of: dict[str, set[str]] = {}
    label_bits, first_mention = _mention_tables(corpus, docs_of)
    entities, facts = list(corpus.entities()), list(corpus.facts())
    _add_names_and_facts(builder, entities, facts, label_bits, first_mention)
    _add_all(builder, corpus.iter_sentences(), _labels_of(label_bits))
    arrays, vocab = builder.finish()
    _date_entities(arrays, builder, docs_of)
    return _parts(builder, arrays, vocab, fingerprints, corpus)


def _date_entities(
    arrays: dict[str, np.ndarray], builder: _Builder, docs_of: dict[str, set[str]]
) -> None:
    """Each entity name's record dated by the documents that name it (`docs_of`: entity
    key -> document ids) among those `builder` indexed."""
    ent_docs = [
        {builder.doc_ids[d] for d in docs_of.get(row[0], ()) if d in builder.doc_ids}
        for row in builder.entity_rows
    ]
    _add_entity_dates(arrays, ent_docs, builder)


def _parts(
    builder: _Builder,
    arrays: dict[str, np.ndarray],
    vocab: list[str],
    fingerprints: list[list[Any]] | None,
    corpus: Corpus,
) -> IndexParts:
    """A finished build's index: its arrays and words, and the tables of what it indexed."""
    tables = IndexTables(
        docs=builder.docs,
        entities=builder.entity_rows,
        predicates=builder.predicates,
        fingerprints=fingerprints,
        generation=generation_of(corpus),
        doc_dates=builder.doc_dates(),
        fact_dates=builder.fact_dates,
    )
    return IndexParts(IndexArrays.of(arrays), vocab, tables)


#: Documents read at a time by a streamed build.
_STREAM_DOCS = 512


def _streams(corpus: Corpus) -> bool:
    """Whether `corpus` can be indexed a few documents at a time: it lists its documents,
    their facts, mentions and sentences by document, and each entity's documents (the
    store does)."""
    if not parts_supported(corpus):
        return False
    for name in ("documents", "entity_documents", "document_hashes"):
        if not callable(getattr(corpus, name, None)):
            return False
    try:
        return "doc_ids" in inspect.signature(corpus.iter_sentences).parameters
    except (TypeError, ValueError):
        return False


def _build_streamed(corpus: Corpus) -> IndexParts:
    """`build` of a corpus read by document, records in the same order (names, facts,
    sentences), so the same arrays: three passes over the documents, a chunk at a time:
    their mentions (each sentence's label bits, one uint32 a sentence; each entity's first
    mention; the (entity, document) pairs, as int32 arrays), then their facts, then their
    sentences. What is held is the index being built, never the store's tables."""
    summaries = list(corpus.documents())  # type: ignore[attr-defined]
    fingerprints = _fingerprints(corpus)
    builder = _Builder({doc.id: getattr(doc, "date", None) for doc in summaries})
    builder.spool_texts(Path(corpus.path).parent)
    ids = [doc.id for doc in summaries]
    counts = np.fromiter((int(doc.sentences) for doc in summaries), np.int64, len(ids))
    del summaries
    firsts = np.zeros(len(ids) + 1, dtype=np.int64)
    np.cumsum(counts, out=firsts[1:])
    at = {doc_id: i for i, doc_id in enumerate(ids)}
    sentence_bits = np.zeros(int(firsts[-1]), dtype=np.uint32)
    stray: dict[tuple[str, int], int] = {}  # mentions of sentences past a document's count
    first: dict[str, tuple[str, int]] = {}
    key_ids: dict[str, int] = {}
    pair_keys, pair_docs = array("i"), array("i")  # each entity's documents, as positions
    release = getattr(corpus, "release_pages", None) or (lambda: None)
    mentions_of = corpus.mentions  # type: ignore[attr-defined]
    for i, doc_id in enumerate(ids):
        if i % _STREAM_DOCS == 0:
            release()
        base, n = int(firsts[i]), int(counts[i])
        seen: set[tuple[str, str]] = set()
        for m in mentions_of(doc=doc_id):
            if m.sentence >= 0:
                bit = LABEL_BITS.get(m.label, 0)
                if m.doc == doc_id and m.sentence < n:
                    sentence_bits[base + m.sentence] |= bit
                else:
                    where = (m.doc, m.sentence)
                    stray[where] = stray.get(where, 0) | bit
            key = m.key
            if key not in first:
                first[key] = (m.doc, m.sentence)
            if (key, m.doc) not in seen:
                seen.add((key, m.doc))
                position = at.get(m.doc)
                if position is not None:
                    pair_keys.append(key_ids.setdefault(key, len(key_ids)))
                    pair_docs.append(position)

    def bits_of(doc_id: str, sentence: int) -> int:
        i = at.get(doc_id)
        if i is not None and 0 <= sentence < counts[i]:
            return int(sentence_bits[firsts[i] + sentence])
        return stray.get((doc_id, sentence), 0)

    entities = list(corpus.entities())
    _add_names_and_facts(builder, entities, [], {}, first)
    del first, entities
    facts_of = corpus.facts
    for i, doc_id in enumerate(ids):
        if i % _STREAM_DOCS == 0:
            release()
        for fact in facts_of(doc=doc_id):  # type: ignore[call-arg]
            builder.add_fact(fact, bits_of(fact.doc, fact.sentence))
    for lo in range(0, len(ids), _STREAM_DOCS):
        _add_all(builder, corpus.iter_sentences(doc_ids=ids[lo : lo + _STREAM_DOCS]), bits_of)  # type: ignore[call-arg]
        release()
    stray.clear()
    sentence_bits = np.zeros(0, dtype=np.uint32)  # (a slice of it would keep it whole)
    # Each entity's documents before `finish`: their sort is not held beside the postings.
    off, flat = _entity_documents(builder, ids, key_ids, pair_keys, pair_docs)
    del pair_keys, pair_docs, key_ids
    at.clear()
    arrays, vocab = builder.finish()
    _entity_date_arrays(arrays, off, flat, builder)
    return _parts(builder, arrays, vocab, fingerprints, corpus)


def _entity_documents(
    builder: _Builder,
    ids: list[str],
    key_ids: dict[str, int],
    pair_keys: array,
    pair_docs: array,
) -> tuple[np.ndarray, np.ndarray]:
    """Each entity row's documents (`off`, `flat`: sorted indices into `builder.docs`, those
    with records only) from the (entity key id, document position) pairs of its mentions."""
    rows = np.full(len(key_ids) + 1, -1, dtype=np.int64)
    for r, row in enumerate(builder.entity_rows):
        k = key_ids.get(row[0])
        if k is not None:
            rows[k] = r
    known = builder.doc_ids
    doc_index = np.fromiter((known.get(d, -1) for d in ids), np.int64, len(ids))
    if len(pair_keys):
        keys = rows[np.frombuffer(pair_keys, dtype=np.int32)]  # the row, then shifted
        doc_of = doc_index[np.frombuffer(pair_docs, dtype=np.int32)]
        keep = (keys >= 0) & (doc_of >= 0)
        keys <<= 32
        keys |= doc_of
        del doc_of
        keys = keys[keep]
        del keep
        keys.sort()
        keys = _distinct(keys)  # sorted by row, then document; distinct
    else:
        keys = np.empty(0, dtype=np.int64)
    n_rows = len(builder.entity_rows)
    off = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys >> 32, minlength=n_rows), out=off[1:])
    return off, (keys & 0xFFFFFFFF).astype(np.int32)


def update(old: IndexParts, corpus: Corpus) -> tuple[IndexParts, dict[str, int]] | None:
    """`old` brought up to date with `corpus` without tokenising again the sentences of the
    documents that did not change: the same arrays `build(corpus)` makes, so the same hits
    in the same order. Entity names and facts (a small part) are indexed afresh. None when
    it cannot be done (a corpus without document hashes, an index saved without them) or
    is not worth it (most sentences are new): then build."""
    saved = old.tables.fingerprints
    now = _fingerprints(corpus)
    if not saved or now is None:
        return None
    generation = generation_of(corpus)
    kind = np.asarray(old.arrays.kind)
    first_sentence = int(np.searchsorted(kind, KIND_SENTENCE))  # kinds are in order
    sentence_docs = np.asarray(old.arrays.doc[first_sentence:])
    runs: dict[str, tuple[int, int, int]] = {}  # doc id -> (first record, end, doc index)
    if len(sentence_docs):
        cuts = np.flatnonzero(sentence_docs[1:] != sentence_docs[:-1]) + 1
        starts = np.concatenate(([0], cuts)) + first_sentence
        ends = np.concatenate((cuts, [len(sentence_docs)])) + first_sentence
        for d, r0, r1 in zip(
            sentence_docs[starts - first_sentence].tolist(),
            starts.tolist(),
            ends.tolist(),
            strict=True,
        ):
            runs[old.tables.docs[d][0]] = (r0, r1, d)
    before = {doc_id: (i, fp) for i, (doc_id, fp, _n) in enumerate(saved)}
    # Per document of the corpus, in its order: its old records, or None (to index).
    plan: list[tuple[str, tuple[int, int, int] | None]] = []
    fresh: list[str] = []
    kept: dict[str, tuple[int, int, int] | None] = {}
    fresh_sentences = 0
    last = -1
    for doc_id, fp, n_sentences in now:
        was = before.get(doc_id)
        run = runs.get(doc_id)
        if (
            fp
            and was is not None
            and was[1] == fp
            and was[0] > last  # kept documents keep their order (records stay sorted)
            and (run[1] - run[0] if run else 0) == n_sentences
        ):
            last = was[0]
            plan.append((doc_id, run))
            kept[doc_id] = run
        else:
            plan.append((doc_id, None))
            fresh.append(doc_id)
            fresh_sentences += n_sentences
    total_sentences = sum(n for _d, _f, n in now)
    if fresh_sentences > MAX_UPDATE_SHARE * total_sentences:
        return None  # tokenising most of it anyway: a build is as quick and simpler
    removed = len(set(before) - {doc_id for doc_id, _f, _n in now})

    builder = _Builder(
        _document_dates(corpus), text_dict=_texts.dictionary_of(old.arrays.text_dict)
    )
    entities = list(corpus.entities())
    # Facts of kept documents keep their records too when the corpus lists facts by
    # document (the store does), in document order; else every fact is indexed afresh.
    fact_runs = _fact_runs(old, corpus, first_sentence)
    if fact_runs is not None:
        facts_of = corpus.facts
        fresh_facts = {doc_id: list(facts_of(doc=doc_id)) for doc_id in fresh}  # type: ignore[call-arg]
        facts = [fact for listed in fresh_facts.values() for fact in listed]
    else:
        facts = list(corpus.facts())
    tables = _updated_mention_tables(old, corpus, now, kept, fresh, entities, facts)
    if tables is None:
        if fact_runs is not None:
            return None  # the mentions cannot be told apart: build
        tables = _mention_tables(corpus)
    label_bits, first_mention = tables
    doc_remap = np.full(len(old.tables.docs) + 1, -1, dtype=np.int32)
    # Segments of the new record order: ("new", first, end, -1) of the builder's records,
    # or ("old", first, end, first fact number or -1) of `old`'s.
    segments: list[tuple[str, int, int, int]] = []

    def extend(what: str, lo: int, hi: int, ref: int = -1) -> None:
        if hi <= lo:
            return
        if segments:
            was, was_lo, was_hi, was_ref = segments[-1]
            if (
                was == what
                and was_hi == lo
                and (ref == -1) == (was_ref == -1)
                and (ref == -1 or was_ref + (was_hi - was_lo) == ref)
            ):
                segments[-1] = (what, was_lo, hi, was_ref)
                return
        segments.append((what, lo, hi, ref))

    if fact_runs is None:
        _add_names_and_facts(builder, entities, facts, label_bits, first_mention)
        extend("new", 0, builder.count)
    else:
        _add_names_and_facts(builder, entities, [], label_bits, first_mention)
        extend("new", 0, builder.count)
        for doc_id, _run in plan:
            if doc_id in kept:
                found = fact_runs.get(doc_id)
                if found is None:
                    continue
                r0, r1, d, ref0 = found
                doc_remap[d] = builder.doc_index(doc_id)
                extend("old", r0, r1, len(builder.predicates))
                builder.predicates.extend(old.tables.predicates[ref0 : ref0 + r1 - r0])
                old_dates = old.tables.fact_dates or [None] * len(old.tables.predicates)
                builder.fact_dates.extend(old_dates[ref0 : ref0 + r1 - r0])
                continue
            first = builder.count
            for fact in fresh_facts.get(doc_id, ()):
                builder.add_fact(fact, label_bits.get((fact.doc, fact.sentence), 0))
            extend("new", first, builder.count)
    by_doc: dict[str, list[SentenceRecord]] = {doc_id: [] for doc_id in fresh}
    for rec in _sentences_of(corpus, fresh):
        if rec.doc in by_doc:
            by_doc[rec.doc].append(rec)
    sentences_indexed = 0
    for doc_id, run in plan:
        if run is not None:
            r0, r1, d = run
            doc_remap[d] = builder.doc_index(doc_id, old.tables.docs[d][1])
            extend("old", r0, r1)
            continue
        first = builder.count
        for rec in by_doc.get(doc_id, ()):
            builder.add_sentence(rec, label_bits.get((rec.doc, rec.index), 0))
        sentences_indexed += builder.count - first
        extend("new", first, builder.count)
    arrays, vocab = builder.finish_update(old, segments, doc_remap)
    ent_docs = _updated_entity_docs(old, corpus, builder, fresh, doc_remap)
    _add_entity_dates(arrays, ent_docs, builder)
    new_tables = IndexTables(
        docs=builder.docs,
        entities=builder.entity_rows,
        predicates=builder.predicates,
        fingerprints=[list(item) for item in now],
        generation=generation,
        doc_dates=builder.doc_dates(),
        fact_dates=builder.fact_dates,
    )
    stats = {
        "records_kept": sum(hi - lo for what, lo, hi, _ref in segments if what == "old"),
        "sentences_kept": sum(
            hi - lo for what, lo, hi, _ref in segments if what == "old" and lo >= first_sentence
        ),
        "records_indexed": builder.count,
        "sentences_indexed": sentences_indexed,
        "documents_indexed": len(fresh),
        "documents_removed": removed,
    }
    return IndexParts(IndexArrays.of(arrays), vocab, new_tables), stats


#: Per-record columns of the saved index and their dtypes, in the order they are saved.
_RECORD_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("kind", np.int8),
    ("doc", np.int32),
    ("sent", np.int32),
    ("start", np.int32),
    ("end", np.int32),
    ("ref", np.int32),
    ("labels", np.uint32),
    ("date_lo", np.int32),
    ("date_hi", np.int32),
)
#: A sentence's fields as `_Builder.add_sentences` reads them, in one call.
_SENTENCE_FIELDS = operator.attrgetter("doc", "title", "index", "start", "end", "text")
#: A sentence's label bits from its document and index.
LabelsOf = Callable[[str, int], int]


def _labels_of(bits: dict[tuple[str, int], int]) -> LabelsOf | None:
    """`bits` (label bits by (document, sentence)) as `add_sentences` reads them: None when
    there are none (every sentence's labels 0)."""
    if not bits:
        return None
    get = bits.get
    return lambda doc, sentence: get((doc, sentence), 0)


def _add_all(
    builder: _Builder, records: Iterable[SentenceRecord], labels_of: LabelsOf | None
) -> None:
    """Every sentence of `records` added to `builder`, a tokenising chunk at a time."""
    it = iter(records)
    while batch := list(itertools.islice(it, _BUILD_CHUNK)):
        builder.add_sentences(batch, labels_of)


#: The `array` type codes the builder gathers each column in: the saved widths (33 bytes a
#: record rather than 72), so four million sentences' columns take 160 MB while building.
_TYPECODES = {np.int8: "b", np.int32: "i", np.uint32: "I"}


def _packed(
    columns: dict[str, np.ndarray],
    text_off: np.ndarray,
    text_blob: np.ndarray,
    text_dict: np.ndarray,
    fwd_off: np.ndarray,
    fwd: np.ndarray,
    post_off: np.ndarray,
    post: np.ndarray,
    vocab_size: int,
) -> dict[str, np.ndarray]:
    """The arrays a build or an update saves, under the names `load` reads."""
    return {
        **columns,
        "text_off": text_off,
        "text_blob": text_blob,
        "text_dict": text_dict,
        "fwd_off": fwd_off,
        # Word ids fit 16 bits below 65,536 words (a news corpus): half the memory.
        "fwd": fwd.astype(np.uint16 if vocab_size < 65_536 else np.int32, copy=False),
        "post_off": post_off,
        "post": post,
    }


#: Records whose (word, record) keys are sorted at once when postings are assembled.
_POSTING_BLOCK = 16_384


def _block_sorted(
    fwd: np.ndarray, fwd_off: np.ndarray, lo: int, hi: int, n_words: int
) -> np.ndarray:
    """The distinct (word, record) keys of records `lo` to `hi`, sorted (`_block_split`
    reads them)."""
    lens = np.diff(fwd_off[lo : hi + 1])
    block = fwd[int(fwd_off[lo]) : int(fwd_off[hi])]
    if _narrow(n_words, lo, hi):
        # Below 65,536 words (a news corpus) a key fits 32 bits, word << 16 | record within
        # the block: half the bytes to sort, a third less time than 64-bit keys.
        keys = block.astype(np.uint32)
        keys <<= 16
        keys |= np.repeat(np.arange(hi - lo, dtype=np.uint32), lens)
        keys.sort()  # a sort and a shift beat np.unique's hashing several times over
        return _distinct(keys)
    wide = block.astype(np.int64)
    wide <<= 32
    wide |= np.repeat(np.arange(lo, hi, dtype=np.int64), lens)
    wide.sort()
    return _distinct(wide)


def _narrow(n_words: int, lo: int, hi: int) -> bool:
    return n_words <= 1 << 16 and hi - lo <= 1 << 16


def _block_split(
    keys: np.ndarray, lo: int, hi: int, n_words: int, records: bool = True
) -> tuple[np.ndarray, np.ndarray | None]:
    """`_block_sorted`'s keys as their words and (unless `records` is False: a count
    needs only the words) their records."""
    if _narrow(n_words, lo, hi):
        if not records:
            return keys >> 16, None
        recs = (keys & 0xFFFF).astype(np.int32)
        recs += lo
        return keys >> 16, recs
    # the low 32 bits: the record
    return keys >> 32, (keys.astype(np.int32) if records else None)


def _distinct(keys: np.ndarray) -> np.ndarray:
    """Sorted `keys` without repeats."""
    if len(keys) < 2:
        return keys
    keep = np.empty(len(keys), dtype=bool)
    keep[0] = True
    np.not_equal(keys[1:], keys[:-1], out=keep[1:])
    return keys[keep]


def _postings(
    fwd: np.ndarray, fwd_off: np.ndarray, n_words: int, folder: Path | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Each word's records (`post_off`, `post`), sorted, from the forward index: a counting
    sort by word over blocks of records, so that besides the postings themselves only one
    block's keys are ever held (the whole store's keys, sorted at once, were 8 bytes a
    token, twice over). With `folder`, each block's sorted keys are written to a temporary
    file there by the counting pass and read back to place them, not sorted again."""
    n_records = len(fwd_off) - 1
    counts = np.zeros(n_words, dtype=np.int64)
    blocks = range(0, n_records, _POSTING_BLOCK)
    spool = _scratch(folder) if folder is not None else None
    sizes: list[tuple[Any, int]] = []
    try:
        for lo in blocks:
            hi = min(lo + _POSTING_BLOCK, n_records)
            keys = _block_sorted(fwd, fwd_off, lo, hi, n_words)
            words, _none = _block_split(keys, lo, hi, n_words, records=False)
            counts += np.bincount(words, minlength=n_words)
            if spool is not None:
                spool.write(keys.data)
                sizes.append((keys.dtype, len(keys)))
            del keys, words
            release_pages(fwd)  # a mapped forward index (a store's build): read once a pass
        post_off = np.zeros(n_words + 1, dtype=np.int64)
        np.cumsum(counts, out=post_off[1:])
        post = np.empty(int(post_off[-1]), dtype=np.int32)
        cursor = post_off[:-1].copy()
        if spool is not None:
            spool.seek(0)
        for k, lo in enumerate(blocks):
            hi = min(lo + _POSTING_BLOCK, n_records)
            if spool is not None:
                dtype, size = sizes[k]
                keys = np.frombuffer(spool.read(size * dtype.itemsize), dtype=dtype)
            else:
                keys = _block_sorted(fwd, fwd_off, lo, hi, n_words)
            words, records = _block_split(keys, lo, hi, n_words)
            del keys
            if records is None or not len(words):
                continue
            firsts = np.flatnonzero(np.concatenate(([True], words[1:] != words[:-1])))
            run_words = words[firsts]
            run_lens = np.diff(np.append(firsts, len(words)))
            # Blocks come in record order, so each word's records land sorted.
            where = np.repeat(cursor[run_words] - firsts, run_lens)
            where += np.arange(len(words))
            post[where] = records
            del where
            cursor[run_words] += run_lens
            release_pages(fwd)
    finally:
        if spool is not None:
            spool.close()
    return post_off, post


def _scratch(folder: Path) -> BinaryIO:
    """A temporary file in `folder`, else in the default temporary folder."""
    try:
        return tempfile.TemporaryFile(prefix=".explorer-index-", dir=folder)
    except OSError:
        return tempfile.TemporaryFile(prefix="explorer-index-")


def _renumbered(
    spool: BinaryIO, remap: np.ndarray, dtype: Any, folder: Path | None = None
) -> np.ndarray:
    """The int32 word ids written to `spool`, renumbered through `remap` into one array of
    `dtype`, read 4M ids at a time (their pages let go after each); with `folder`, the
    array is a temporary file there, mapped, its pages let go as they are written."""
    spool.flush()
    size = spool.tell() // 4
    if not size:
        return np.empty(0, dtype=dtype)
    if folder is None:
        fwd = np.empty(size, dtype=dtype)
    else:
        out = _scratch(folder)
        out.truncate(size * np.dtype(dtype).itemsize)
        fwd = _mapped(out, dtype, writable=True)
    mapped = mmap.mmap(spool.fileno(), size * 4, access=mmap.ACCESS_READ)
    try:
        ids = np.frombuffer(mapped, dtype=np.int32)
        step = 1 << 22  # 16 MB of ids read (and as many renumbered) at a time
        for lo in range(0, size, step):
            fwd[lo : lo + step] = remap[ids[lo : lo + step]]
            with contextlib.suppress(OSError, ValueError, AttributeError):
                mapped.madvise(mmap.MADV_DONTNEED)
            release_pages(fwd)
        del ids
    finally:
        mapped.close()
    return fwd


def _mapped(spool: BinaryIO, dtype: Any, writable: bool = False) -> np.ndarray:
    """The whole of the temporary file `spool` as an array of `dtype`, mapped (shared, so
    writes go to the file): its pages are read on use and can be let go."""
    spool.flush()
    size = spool.seek(0, 2)
    if not size:
        return np.empty(0, dtype=dtype)
    access = mmap.ACCESS_WRITE if writable else mmap.ACCESS_READ
    return np.frombuffer(mmap.mmap(spool.fileno(), size, access=access), dtype=dtype)


_UNKNOWN = -2


#: The bytes of a word `_ShortWords` holds in its two 64-bit keys; longer ones (a few in
#: ten thousand English words) go through a bytes -> id dict.
_SHORT = 16
#: 64-bit masks keeping a key's first 0 to 8 bytes (little-endian: the word's first bytes).
_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], dtype=np.uint64)
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F))


class _ShortWords:
    """A batch's words as ids without a Python object a word: the words of a tokenised
    batch (`ASCII_WORDS`' bytes: runs of word bytes between spaces) found by where the
    bytes change from space to word, each word of up to 16 bytes read as two 64-bit keys
    (its bytes, zero-padded: no word byte is 0 but the record's end, a word of its own)
    and looked up in an open-addressing hash table held in numpy arrays, all of a batch's
    words at once. A word not in the table is numbered by the builder (`number`: the same
    `words` dict every path fills) and added; longer words go to `long_ids` (the bytes ->
    id dict). The same ids as splitting the bytes and looking each word up."""

    def __init__(self) -> None:
        self._bits = 12
        self._lo = np.zeros(1 << self._bits, dtype=np.uint64)
        self._hi = np.zeros(1 << self._bits, dtype=np.uint64)
        self._id = np.full(1 << self._bits, -1, dtype=np.int32)  # -1: an empty slot
        self._count = 0
        self._add(np.zeros(1, np.uint64), np.zeros(1, np.uint64), np.zeros(1, np.int32))

    def _slots(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        h = lo * _MIX[0]
        h ^= hi * _MIX[1]
        h ^= h >> np.uint64(31)
        h *= _MIX[0]
        return (h >> np.uint64(64 - self._bits)).astype(np.int64)

    def _add(self, lo: np.ndarray, hi: np.ndarray, ids: np.ndarray) -> None:
        """Put distinct keys not in the table yet into it (linear probing), grown to keep
        it at most half full."""
        if 2 * (self._count + len(lo)) > len(self._id):
            used = np.flatnonzero(self._id >= 0)
            old = (self._lo[used], self._hi[used], self._id[used])
            while 2 * (self._count + len(lo)) > (1 << self._bits):
                self._bits += 1
            size = 1 << self._bits
            self._lo = np.zeros(size, dtype=np.uint64)
            self._hi = np.zeros(size, dtype=np.uint64)
            self._id = np.full(size, -1, dtype=np.int32)
            self._count = 0
            self._add(*old)
        mask = len(self._id) - 1
        slot = self._slots(lo, hi)
        todo = np.arange(len(lo))
        while len(todo):
            at = slot[todo]
            free = self._id[at] < 0
            # of the keys on one free slot, the first takes it; the rest probe on
            taken, first = np.unique(at[free], return_index=True)
            won = todo[free][first]
            self._lo[taken], self._hi[taken], self._id[taken] = lo[won], hi[won], ids[won]
            placed = np.zeros(len(lo), dtype=bool)
            placed[won] = True
            todo = todo[~placed[todo]]
            slot[todo] = (slot[todo] + 1) & mask
        self._count += len(lo)

    def _find(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Each key's id, -1 for a key not in the table."""
        mask = len(self._id) - 1
        at = self._slots(lo, hi)
        found = self._id[at]  # the first probe: every key, no index of those left
        hit = (self._lo[at] == lo) & (self._hi[at] == hi) & (found >= 0)
        out = np.where(hit, found, np.int32(-1))
        on = ~hit & (found >= 0)  # another key there: the next slot
        todo = np.flatnonzero(on)
        while len(todo):
            at = (at[on] + 1) & mask
            found = self._id[at]
            hit = (self._lo[at] == lo[todo]) & (self._hi[at] == hi[todo]) & (found >= 0)
            out[todo[hit]] = found[hit]
            on = ~hit & (found >= 0)
            todo = todo[on]
        return out

    def ids(
        self,
        data: bytes,
        long_ids: Callable[[list[bytes]], np.ndarray],
        number: Callable[[str], int],
    ) -> np.ndarray:
        """The ids of the words of `data` (`ASCII_WORDS`' bytes), in order."""
        padded = np.frombuffer(b" " + data + b" " * (_SHORT + 1), dtype=np.uint8)
        edges = np.flatnonzero((padded[1:] == 32) != (padded[:-1] == 32)) + 1
        starts, ends = edges[0::2], edges[1::2]
        lens = ends - starts
        words = np.ndarray(
            (len(padded) - 7,), dtype="<u8", buffer=padded.data, strides=(1,)
        )  # 8 bytes read at every offset
        lo = words[starts] & _MASKS[np.minimum(lens, 8)]
        hi = words[starts + 8] & _MASKS[np.clip(lens - 8, 0, 8)]
        out = self._find(lo, hi)
        longer = lens > _SHORT
        new = np.flatnonzero((out < 0) & ~longer)
        if len(new):
            keys = np.stack((lo[new], hi[new]))
            _keys, first = np.unique(keys, axis=1, return_index=True)
            first = new[np.sort(first)]  # in the order they are met
            made = np.fromiter(
                (
                    number(data[s - 1 : e - 1].decode("ascii"))
                    for s, e in zip(starts[first].tolist(), ends[first].tolist(), strict=True)
                ),
                dtype=np.int32,
                count=len(first),
            )
            self._add(lo[first], hi[first], made)
            out[new] = self._find(lo[new], hi[new])
        if longer.any():
            at = np.flatnonzero(longer)
            out[at] = long_ids(
                [
                    data[s - 1 : e - 1]
                    for s, e in zip(starts[at].tolist(), ends[at].tolist(), strict=True)
                ]
            )
        return out


class _WordIds:
    """Texts -> word ids, a batch of texts at a time, the ids numbered as words are first met
    (`words`: word -> id, in id order; 0 is the end of a record).

    A batch is tokenised as bytes: every character that folds to ASCII (accented Latin
    letters do) written as its ASCII byte and every other one that ends a word (curly
    quotes, dashes, currency signs) as a space, then one `bytes.translate`, and the words'
    ids found all at once in numpy (`_ShortWords`), with no per-word regular expression,
    folding, term step or Python object (see docs/scale.md, "The build's tokenising as
    bytes"). A text with a character that folds to a non-ASCII word character or mark
    (Cyrillic, "ß", a decomposed accent, a ligature) is tokenised by `WORD_RE` on its folded
    text, as a query is (`analysis.tokens`), and its words spliced in at its place; a batch
    mostly of such texts, or of non-ASCII characters, goes through `WORD_RE` whole. The same
    words either way."""

    def __init__(self) -> None:
        self.words: dict[str, int] = {_SEP: 0}
        self._ascii: dict[bytes, int] = {b"\x00": 0}
        # code point -> `ascii_class` (-1 to 127), or _UNKNOWN: not met yet
        self._classes = np.full(sys.maxunicode + 1, _UNKNOWN, dtype=np.int8)
        self._table = _ShortWords()

    def ids(self, texts: list[str]) -> np.ndarray:
        """The word ids of `texts`, each text's followed by a 0 (a NUL in a text is a space)."""
        joined = _GAP.join(texts) + _GAP
        if joined.count(_SEP) != len(texts):  # a NUL inside a text would split it
            texts = [t.replace(_SEP, " ") for t in texts]
            joined = _GAP.join(texts) + _GAP
        hard: list[int] = []  # texts for WORD_RE, in order
        if joined.isascii():
            data = joined.encode("ascii")
        else:
            codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            high = np.flatnonzero(codes > 127)
            if 2 * len(high) > len(codes):  # mostly another script: its words by WORD_RE
                return self._regex_ids(texts)
            table = self._classes
            got = table[codes[high]]
            unknown = got == _UNKNOWN
            if unknown.any():  # characters not met before: classed once each
                for c in np.unique(codes[high[unknown]]).tolist():
                    table[c] = ascii_class(chr(c))
                got = table[codes[high]]
            if (got < 0).any():
                ends = np.flatnonzero(codes == 0)
                flags = np.zeros(len(texts), dtype=bool)
                flags[np.searchsorted(ends, high[got < 0])] = True
                hard = np.flatnonzero(flags).tolist()
                if 2 * len(hard) > len(texts):  # mostly such texts: all by WORD_RE
                    return self._regex_ids(texts)
            data_codes = codes.astype(np.uint8)
            data_codes[high] = np.where(got < 0, 32, got)
            if hard:
                starts = np.concatenate(([0], ends[:-1] + 2)).tolist()
                stops = (ends - 1).tolist()
                for r in hard:  # tokenised below: blank here, its NUL kept
                    data_codes[starts[r] : stops[r]] = 32
            data = data_codes.tobytes()
            del codes, data_codes
        ids = self._table.ids(data.translate(ASCII_WORDS), self._ascii_ids, self._id)
        if not hard:
            return ids
        more = self._regex_ids([texts[r] for r in hard])
        zeros, more_zeros = np.flatnonzero(ids == 0).tolist(), np.flatnonzero(more == 0).tolist()
        pieces, at, more_at = [], 0, 0
        for k, r in enumerate(hard):
            pieces.append(ids[at : zeros[r]])  # up to the blanked text's own 0
            pieces.append(more[more_at : more_zeros[k] + 1])
            at, more_at = zeros[r] + 1, more_zeros[k] + 1
        pieces.append(ids[at:])
        return np.concatenate(pieces)

    def _ascii_ids(self, tokens: list[bytes]) -> np.ndarray:
        out = array("i")
        ascii_ids = self._ascii
        it = iter(tokens)
        while True:
            try:
                out.extend(map(ascii_ids.__getitem__, it))
                break
            except KeyError as missing:  # a word not met as bytes yet: numbered, go on
                token = missing.args[0]
                found = ascii_ids[token] = self._id(token.decode("ascii"))
                out.append(found)
        return np.frombuffer(out, dtype=np.int32)

    def _id(self, word: str) -> int:
        return self.words.setdefault(word, len(self.words))

    def _regex_ids(self, texts: list[str]) -> np.ndarray:
        joined = _SEP.join(texts) + _SEP
        words = _BUILD_RE.findall(fold(joined))
        if not joined.isascii():
            words = terms(words)
        ids_of = self.words
        for word in set(words).difference(ids_of):
            ids_of[word] = len(ids_of)
        return np.fromiter(map(ids_of.__getitem__, words), dtype=np.int32, count=len(words))


class _Builder:
    """Accumulates records chunk by chunk into compact arrays."""

    def __init__(
        self,
        dates: dict[str, str | None] | None = None,
        text_dict: bytes | None = None,
        word_ids: _WordIds | None = None,
    ) -> None:
        self.docs: list[list[str]] = []
        self.doc_ids: dict[str, int] = {}
        self.entity_rows: list[list[Any]] = []
        self.predicates: list[str] = []
        self.fact_dates: list[str | None] = []
        self._dates = dates or {}
        # by date, not by document: a few thousand dates among a million documents
        self._periods: dict[str | None, tuple[int, int]] = {}
        self.cols = {name: array(_TYPECODES[dtype]) for name, dtype in _RECORD_COLUMNS}
        self._texts: list[str] = []
        # The texts' zstd dictionary: given (the parts of one build share the first's, an
        # update keeps the old one), each text is compressed as it comes; None: the texts
        # are kept raw and `finish` trains one from them (`_settle_texts`).
        self.text_dict = text_dict
        self._compress = _texts.compressor(text_dict) if text_dict is not None else None
        self._blob = bytearray()  # every text's frame, back to back
        # or, until there is a dictionary, raw: (texts, their bytes) a flush
        self._raw: list[tuple[int, bytes]] = []
        self._spool: BinaryIO | None = None  # or written to this file instead
        self._fwd_spool: BinaryIO | None = None  # and the word ids (int32) to this one
        self._col_spools: dict[str, BinaryIO] = {}  # and each column, a flush at a time
        self._spilled = 0  # records whose columns are in `_col_spools`
        self._folder: Path | None = None
        self._text_lens = array("q")
        self._fwd_parts: list[np.ndarray] = []
        self._fwd_lens: list[np.ndarray] = []
        # the parts of one build share the words met (a part's vocabulary, in `finish`, is
        # the words met up to then: those of earlier parts only have no postings, and the
        # merge keeps the words that have)
        self._ids = word_ids if word_ids is not None else _WordIds()
        self._words = self._ids.words

    @property
    def word_ids(self) -> _WordIds:
        """The words met, with their builder ids (a later part's builder shares them)."""
        return self._ids

    def columns(self) -> dict[str, np.ndarray]:
        """The per-record columns gathered so far, in their saved dtypes (spooled ones mapped
        back writable from their files: `finish` flushes first)."""
        if self._col_spools:
            return {
                name: _mapped(self._col_spools[name], dtype, writable=True)
                for name, dtype in _RECORD_COLUMNS
            }
        return {
            name: np.frombuffer(self.cols[name], dtype=dtype) for name, dtype in _RECORD_COLUMNS
        }

    @property
    def count(self) -> int:
        """Records added so far."""
        return self._spilled + len(self.cols["kind"])

    def doc_index(self, doc: str, title: str | None = None) -> int:
        index = self.doc_ids.get(doc)
        if index is None:
            index = self.doc_ids[doc] = len(self.docs)
            self.docs.append([doc, title or ""])
        elif title and not self.docs[index][1]:
            self.docs[index][1] = title
        return index

    def doc_dates(self) -> list[str | None]:
        """Per document index: its date as the corpus gives it."""
        return [self._dates.get(doc_id) for doc_id, _title in self.docs]

    def doc_period(self, doc: str) -> tuple[int, int]:
        """The first and last day of a document's date (NO_DATE twice for none)."""
        when = self._dates.get(doc)
        found = self._periods.get(when)
        if found is None:
            found = self._periods[when] = period(when) or (NO_DATE, NO_DATE)
        return found

    def add_fact(self, fact: Fact, labels: int) -> None:
        """Index one fact's line with the labels mentioned in its sentence, numbered (its
        predicate and date kept) and dated by its own date, else its document's (a store
        written before facts were dated)."""
        when = fact.qualifiers.get("date")
        when = when if isinstance(when, str) and when else self._dates.get(fact.doc)
        fact_index = len(self.predicates)
        # a few hundred predicates and dates among a million facts: one string each
        self.predicates.append(sys.intern(fact.predicate))
        self.fact_dates.append(sys.intern(when) if when else when)
        doc_index = self.doc_index(fact.doc) if fact.doc else -1
        self.add(
            fact_line(fact),
            KIND_FACT,
            doc_index,
            fact.sentence,
            -1,
            -1,
            fact_index,
            labels,
            period(when) or (NO_DATE, NO_DATE),
        )

    def add_sentence(self, rec: SentenceRecord, labels: int) -> None:
        """Index one sentence, dated by its document, with the labels mentioned in it."""
        self.add(
            rec.text,
            KIND_SENTENCE,
            self.doc_index(rec.doc, rec.title),
            rec.index,
            rec.start,
            rec.end,
            -1,
            labels,
            self.doc_period(rec.doc),
        )

    def add_sentences(
        self, records: Iterable[SentenceRecord], labels_of: LabelsOf | None = None
    ) -> None:
        """`add_sentence` of each of `records` (a batch: up to a tokenising chunk), labels
        from `labels_of(doc, sentence)` (none without it): the columns filled a batch at a
        time, each document's index and dates found once for each run of its sentences."""
        rows = list(map(_SENTENCE_FIELDS, records))
        n = len(rows)
        if not n:
            return
        docs, titles, sents, starts, ends, texts = zip(*rows, strict=True)
        del rows
        cuts = np.flatnonzero(np.fromiter(map(operator.ne, docs[1:], docs[:-1]), bool, n - 1))
        firsts = [0, *(cuts + 1).tolist()]
        lens = np.diff([*firsts, n])
        where, lo, hi = [], [], []
        for k, first in enumerate(firsts):
            doc = docs[first]
            title = titles[first] or next(
                (t for t in titles[first : first + int(lens[k])] if t), ""
            )
            where.append(self.doc_index(doc, title))
            when = self.doc_period(doc)
            lo.append(when[0])
            hi.append(when[1])
        cols = self.cols
        cols["kind"].frombytes(bytes([KIND_SENTENCE]) * n)
        cols["doc"].frombytes(np.repeat(np.asarray(where, dtype=np.int32), lens).tobytes())
        cols["sent"].extend(sents)
        cols["start"].extend(starts)
        cols["end"].extend(ends)
        cols["ref"].frombytes(np.full(n, -1, dtype=np.int32).tobytes())
        if labels_of is None:
            cols["labels"].frombytes(bytes(4 * n))
        else:
            cols["labels"].extend(map(labels_of, docs, sents))
        cols["date_lo"].frombytes(np.repeat(np.asarray(lo, dtype=np.int32), lens).tobytes())
        cols["date_hi"].frombytes(np.repeat(np.asarray(hi, dtype=np.int32), lens).tobytes())
        self._texts.extend(texts)
        if len(self._texts) >= _BUILD_CHUNK:
            self._flush()

    def add(
        self,
        text: str,
        kind: int,
        doc: int,
        sent: int,
        start: int,
        end: int,
        ref: int,
        labels: int,
        when: tuple[int, int] = (NO_DATE, NO_DATE),
    ) -> None:
        cols = self.cols
        cols["kind"].append(kind)
        cols["doc"].append(doc)
        cols["sent"].append(sent)
        cols["start"].append(start)
        cols["end"].append(end)
        cols["ref"].append(ref)
        cols["labels"].append(labels)
        cols["date_lo"].append(when[0])
        cols["date_hi"].append(when[1])
        self._texts.append(text)
        if len(self._texts) >= _BUILD_CHUNK:
            self._flush()

    def _flush(self) -> None:
        texts = self._texts
        if not texts:
            return
        self._texts = []
        encoded = list(map(_ENCODE, texts))
        if self._compress is not None:
            encoded = self._compress(encoded)
        if self._spool is not None:
            self._spool.write(b"".join(encoded))
        elif self._compress is None:
            self._raw.append((len(encoded), b"".join(encoded)))
        else:
            self._blob += b"".join(encoded)
        self._text_lens.extend(map(len, encoded))
        if self._col_spools:  # the columns of these records to their files, out of memory
            for name, spool in self._col_spools.items():
                spool.write(memoryview(self.cols[name]))
                self.cols[name] = array(self.cols[name].typecode)
            self._spilled += len(texts)
        ids = self._ids.ids(texts)
        ids_of = self._words
        seps = np.flatnonzero(ids == 0)
        self._fwd_lens.append((np.diff(np.concatenate(([-1], seps))) - 1).astype(np.int32))
        kept = ids[ids != 0]
        if self._fwd_spool is not None:
            self._fwd_spool.write(memoryview(kept))
            return
        # builder ids below 65,536 (a news corpus's every word) kept in half the memory
        self._fwd_parts.append(kept.astype(np.uint16) if len(ids_of) <= 65_536 else kept)

    def finish(self) -> tuple[dict[str, np.ndarray], list[str]]:
        # The texts first: compressed, they hold half the memory through the postings.
        self._settle_texts()
        old_words = list(self._words)  # index = old id; 0 is the separator
        order = sorted(range(1, len(old_words)), key=old_words.__getitem__)
        vocab = [old_words[i] for i in order]
        del old_words
        remap = np.zeros(len(self._words), dtype=np.int32)
        remap[np.asarray(order, dtype=np.int64)] = np.arange(len(order), dtype=np.int32)
        # The forward index renumbered part by part into its saved width: one copy of it.
        wide = np.uint16 if len(vocab) < 65_536 else np.int32
        if self._fwd_spool is not None:
            fwd = _renumbered(self._fwd_spool, remap, wide, self._folder)
        else:
            parts, self._fwd_parts = self._fwd_parts, []
            fwd = np.empty(sum(map(len, parts)), wide)
            at = 0
            parts.reverse()
            while parts:  # each part let go of as soon as it is copied
                size = len(parts[-1])
                fwd[at : at + size] = remap[parts.pop()]
                at += size
        lens = np.concatenate(self._fwd_lens) if self._fwd_lens else np.empty(0, np.int32)
        self._fwd_lens = []
        fwd_off = np.zeros(len(lens) + 1, dtype=np.int64)
        np.cumsum(lens, out=fwd_off[1:])
        del lens
        post_off, post = _postings(fwd, fwd_off, len(vocab), self._folder)
        text_off = _texts.offsets(np.frombuffer(self._text_lens, dtype=np.int64))
        arrays = _packed(
            self.columns(),
            text_off,
            self._texts_array(),
            self._dict_array(),
            fwd_off,
            fwd,
            post_off,
            post,
            len(vocab),
        )
        # Records without documents point at -1; the doc filter's table keeps a False there.
        return arrays, vocab

    def let_go(self) -> None:
        """Drop the records' columns and texts `finish` made its arrays from (they are
        written out): the builder keeps its tables (documents, entities, facts)."""
        self.cols = {name: array(_TYPECODES[dtype]) for name, dtype in _RECORD_COLUMNS}
        self._blob, self._raw, self._text_lens = bytearray(), [], array("q")

    def spool_texts(self, folder: Path) -> None:
        """Write the texts to a temporary file in `folder` (the default temporary folder when
        it cannot be written) as they come, not to memory: a store's sentences are its
        biggest array. `finish` maps them back (pages read on use). Their word ids go to
        another, renumbered from it into the forward index by `finish` (itself a mapped
        temporary file), and each per-record column to one of its own: at 200,000
        documents the columns are 160 MB and the forward index 180 MB that the build's
        peak (the postings) no longer holds in its memory."""
        self._spool, self._fwd_spool = _scratch(folder), _scratch(folder)
        self._folder = folder
        self._col_spools = {name: _scratch(folder) for name, _dtype in _RECORD_COLUMNS}

    def _settle_texts(self, dictionary: bytes | None = None) -> None:
        """Compress the texts kept raw, with `dictionary`, or one trained from a sample of
        them spread over the part (the same texts give the same dictionary, so a streamed
        build's frames are a one-pass build's): a batch at a time, each raw chunk let go
        once compressed, the spooled ones read from their file (never mapped whole)."""
        self._flush()
        if self._compress is not None:
            return
        lens = np.frombuffer(self._text_lens, dtype=np.int64)
        off = np.zeros(len(lens) + 1, dtype=np.int64)
        np.cumsum(lens, out=off[1:])
        raw, self._raw = self._raw, []
        spool = self._spool
        if spool is not None:
            spool.flush()
        # (first record, end) of each raw chunk: one for the spool, else one a flush
        firsts = np.zeros(len(raw) + 1, dtype=np.int64)
        np.cumsum([count for count, _chunk in raw], out=firsts[1:])
        spans = [(0, len(lens))] if spool is not None else list(itertools.pairwise(firsts.tolist()))

        def read(k: int, lo: int, hi: int) -> list[bytes]:
            """The texts of records lo to hi, within span `k`."""
            b0, b1 = int(off[lo]), int(off[hi])
            if spool is not None:
                data: bytes | memoryview = os.pread(spool.fileno(), b1 - b0, b0)
            else:
                base = int(off[spans[k][0]])
                data = memoryview(raw[k][1])[b0 - base : b1 - base]
            cut = (off[lo : hi + 1] - b0).tolist()
            return [bytes(data[cut[i] : cut[i + 1]]) for i in range(hi - lo)]

        if dictionary is None:
            picked = _texts.sample_indices(len(lens))
            if spool is None:  # the chunk of each
                where = np.searchsorted(firsts, picked, side="right") - 1
            else:
                where = np.zeros(len(picked), dtype=np.int64)
            samples = [
                read(k, i, i + 1)[0] for k, i in zip(where.tolist(), picked.tolist(), strict=True)
            ]
            dictionary = _texts.train(samples)
            del samples
        self.text_dict = dictionary
        self._compress = compress = _texts.compressor(dictionary)
        out = _scratch(self._folder or Path(tempfile.gettempdir())) if spool else None
        blob = bytearray()
        frame_lens = array("q")
        for k, (first, end) in enumerate(spans):
            for lo in range(first, end, _texts.BATCH):
                frames = compress(read(k, lo, min(lo + _texts.BATCH, end)))
                frame_lens.extend(map(len, frames))
                if out is not None:
                    out.write(b"".join(frames))
                else:
                    blob += b"".join(frames)
            if spool is None:
                raw[k] = (0, b"")  # compressed: its raw texts let go
        if spool is not None:
            spool.close()
        self._spool, self._blob, self._text_lens = out, blob, frame_lens

    def _dict_array(self) -> np.ndarray:
        return np.frombuffer(self.text_dict or b"", dtype=np.uint8).copy()

    def _texts_array(self) -> np.ndarray:
        if self._spool is None:
            return np.frombuffer(self._blob, dtype=np.uint8)  # shares the bytearray, no copy
        self._spool.flush()
        size = self._spool.tell()
        if not size:
            return np.empty(0, dtype=np.uint8)
        mapped = mmap.mmap(self._spool.fileno(), size, access=mmap.ACCESS_READ)
        return np.frombuffer(mapped, dtype=np.uint8)

    def finish_update(
        self, old: IndexParts, segments: list[tuple[str, int, int, int]], doc_remap: np.ndarray
    ) -> tuple[dict[str, np.ndarray], list[str]]:
        """The arrays of `segments` in order: ("new", lo, hi, _) records of this builder,
        ("old", lo, hi, ref) records of `old` (their words, texts and postings reused, their
        documents renumbered through `doc_remap`, facts numbered from `ref` when it is not
        -1), exactly as `finish` would make them had every record been added here."""
        self._flush()
        words = list(self._words)  # builder id -> word; 0 is the separator
        union = sorted(set(old.vocab).union(words[1:]))
        where = {w: i for i, w in enumerate(union)}
        map_old = np.fromiter(map(where.__getitem__, old.vocab), np.int32, len(old.vocab))
        map_new = np.fromiter((where.get(w, -1) for w in words), np.int32, len(words))
        new_fwd = np.concatenate(self._fwd_parts) if self._fwd_parts else np.empty(0, np.int32)
        self._fwd_parts = []
        new_lens = (
            np.concatenate(self._fwd_lens) if self._fwd_lens else np.empty(0, np.int64)
        ).astype(np.int64)
        new_fwd_off = np.zeros(len(new_lens) + 1, dtype=np.int64)
        np.cumsum(new_lens, out=new_fwd_off[1:])
        # The old frames are kept: the new texts are compressed with the old dictionary.
        old_dict = _texts.dictionary_of(old.arrays.text_dict)
        self._settle_texts(old_dict)
        if self.text_dict != old_dict:
            raise ValueError("an update's texts must use the saved index's dictionary")
        new_text_lens = np.frombuffer(self._text_lens, dtype=np.int64)
        new_text_off = np.zeros(len(new_text_lens) + 1, dtype=np.int64)
        np.cumsum(new_text_lens, out=new_text_off[1:])
        new_blob = self._texts_array()
        new_cols = self.columns()
        old_cols = {
            "kind": old.arrays.kind,
            "sent": old.arrays.sent,
            "start": old.arrays.start,
            "end": old.arrays.end,
            "ref": old.arrays.ref,
            "labels": old.arrays.labels,
        }
        old_cols["date_lo"], old_cols["date_hi"] = record_dates(old.arrays)
        old_fwd_off = np.asarray(old.arrays.fwd_off)
        old_text_off = np.asarray(old.arrays.text_off)
        parts: dict[str, list[np.ndarray]] = {name: [] for name in new_cols}
        fwd_parts: list[np.ndarray] = []
        fwd_lens: list[np.ndarray] = []
        text_lens: list[np.ndarray] = []
        blob_parts: list[np.ndarray] = []
        rec_map = np.full(old.arrays.records, -1, dtype=np.int64)  # old record -> new record
        new_ids = np.empty(self.count, dtype=np.int64)  # builder record -> new record
        n = 0
        for what, lo, hi, ref in segments:
            size = hi - lo
            if what == "new":
                for name, col in new_cols.items():
                    parts[name].append(col[lo:hi])
                fwd_parts.append(map_new[new_fwd[new_fwd_off[lo] : new_fwd_off[hi]]])
                fwd_lens.append(new_lens[lo:hi])
                text_lens.append(new_text_lens[lo:hi])
                blob_parts.append(new_blob[new_text_off[lo] : new_text_off[hi]])
                new_ids[lo:hi] = np.arange(n, n + size)
            else:
                for name, col in old_cols.items():
                    if name == "ref" and ref >= 0:  # facts: their place in the new fact list
                        parts[name].append(np.arange(ref, ref + size, dtype=np.int32))
                    else:
                        parts[name].append(np.asarray(col[lo:hi]))
                parts["doc"].append(doc_remap[np.asarray(old.arrays.doc[lo:hi])])
                f0, f1 = int(old_fwd_off[lo]), int(old_fwd_off[hi])
                fwd_parts.append(map_old[np.asarray(old.arrays.fwd[f0:f1])])
                fwd_lens.append(np.diff(old_fwd_off[lo : hi + 1]))
                text_lens.append(np.diff(old_text_off[lo : hi + 1]))
                blob_parts.append(
                    np.asarray(old.arrays.text_blob[int(old_text_off[lo]) : int(old_text_off[hi])])
                )
                rec_map[lo:hi] = np.arange(n, n + size)
            n += size

        def joined(pieces: list[np.ndarray], dtype: Any) -> np.ndarray:
            return (
                np.concatenate(pieces).astype(dtype, copy=False) if pieces else np.empty(0, dtype)
            )

        fwd = joined(fwd_parts, np.int32)
        lens = joined(fwd_lens, np.int64)
        fwd_off = np.zeros(len(lens) + 1, dtype=np.int64)
        np.cumsum(lens, out=fwd_off[1:])
        # Postings, as (word << 32 | record) keys. The old ones stay sorted through both
        # renumberings (each keeps the order), so only the new records' keys are sorted, and
        # merged in: a chunk of words at a time, so a million sentences never hold more than
        # the keys and a chunk besides, and nothing is sorted at their size.
        new_keys = (map_new[new_fwd].astype(np.int64) << 32) | np.repeat(new_ids, new_lens)
        new_keys.sort()
        if len(new_keys):
            keep = np.empty(len(new_keys), dtype=bool)
            keep[0] = True
            np.not_equal(new_keys[1:], new_keys[:-1], out=keep[1:])
            new_keys = new_keys[keep]
        old_post_off = np.asarray(old.arrays.post_off)
        keys = np.empty(int(old_post_off[-1]) + len(new_keys), dtype=np.int64)
        filled = taken = 0
        w0, n_words = 0, len(old.vocab)
        while w0 < n_words:
            reach = np.searchsorted(old_post_off, old_post_off[w0] + _MERGE_CHUNK, side="right")
            w1 = min(max(int(reach) - 1, w0 + 1), n_words)
            recs = rec_map[_layout.flat(old.arrays, w0, w1)]
            chunk = np.repeat(map_old[w0:w1].astype(np.int64), np.diff(old_post_off[w0 : w1 + 1]))
            chunk <<= 32
            chunk |= recs
            chunk = chunk[recs >= 0]  # records of removed or changed documents, and names
            # The new keys of the words up to the next chunk's first go in among these.
            upto = (
                int(np.searchsorted(new_keys, np.int64(map_old[w1]) << 32))
                if w1 < n_words
                else len(new_keys)
            )
            if upto > taken:
                extra = new_keys[taken:upto]
                chunk = np.insert(chunk, np.searchsorted(chunk, extra), extra)
                taken = upto
            keys[filled : filled + len(chunk)] = chunk
            filled += len(chunk)
            w0 = w1
        rest = new_keys[taken:]  # all of them when the saved index had no words
        keys[filled : filled + len(rest)] = rest
        keys = keys[: filled + len(rest)]
        del new_keys, rest
        starts = np.searchsorted(keys, np.arange(len(union) + 1, dtype=np.int64) << 32)
        # Words only removed documents held are dropped: the vocabulary is what a build finds.
        used = np.diff(starts) > 0
        if used.all():
            vocab, post_off = union, starts
        else:
            final = (np.cumsum(used) - 1).astype(np.int32)
            vocab = [union[i] for i in np.flatnonzero(used).tolist()]
            post_off = np.append(starts[:-1][used], starts[-1])
            fwd = final[fwd] if len(fwd) else fwd
        post = keys.astype(np.int32)  # the low 32 bits: the record
        del keys
        text_off = _texts.offsets(joined(text_lens, np.int64))
        columns = {name: joined(parts[name], dtype) for name, dtype in _RECORD_COLUMNS}
        blob = joined(blob_parts, np.uint8)
        arrays = _packed(
            columns, text_off, blob, self._dict_array(), fwd_off, fwd, post_off, post, len(vocab)
        )
        return arrays, vocab


def _add_names_and_facts(
    builder: _Builder,
    entities: list[Entity],
    facts: list[Fact],
    label_bits: dict[tuple[str, int], int],
    first_mention: dict[str, tuple[str, int]],
) -> None:
    """The records that come before the sentences: entity names and aliases, then facts."""
    for ent_index, entity in enumerate(entities):
        doc, sentence = first_mention.get(entity.key, ("", -1))
        # its counts last: an update tells by its mentions and documents whether its
        # documents may have changed; then the documents that imply it without naming it
        builder.entity_rows.append(
            [
                entity.key,
                entity.label,
                doc,
                sentence,
                entity.mentions,
                entity.documents,
                entity.implied,
            ]
        )
        doc_index = builder.doc_index(doc) if doc else -1
        bits = LABEL_BITS.get(entity.label, 0)
        seen: set[str] = set()
        for name in (entity.name, *entity.aliases):
            key = fold(name)
            if not name or key in seen:
                continue
            seen.add(key)
            builder.add(name, KIND_ENTITY, doc_index, sentence, -1, -1, ent_index, bits)
    for fact in facts:
        builder.add_fact(fact, label_bits.get((fact.doc, fact.sentence), 0))


def _fact_runs(
    old: IndexParts, corpus: Corpus, first_sentence: int
) -> dict[str, tuple[int, int, int, int]] | None:
    """Doc id -> (first fact record, end, doc index, first fact number) in `old`, when the
    corpus lists facts by document (`facts(doc=)`, in document order, as the store does) and
    every saved fact has its document; else None."""
    facts_of = getattr(corpus, "facts", None)
    try:
        if not callable(facts_of) or "doc" not in inspect.signature(facts_of).parameters:
            return None
    except (TypeError, ValueError):
        return None
    first_fact = int(np.searchsorted(np.asarray(old.arrays.kind), KIND_FACT))
    docs = np.asarray(old.arrays.doc[first_fact:first_sentence])
    refs = np.asarray(old.arrays.ref[first_fact:first_sentence])
    if not len(docs):
        return {}
    if (docs < 0).any() or not np.array_equal(refs, np.arange(len(refs))):
        return None
    cuts = np.flatnonzero(docs[1:] != docs[:-1]) + 1
    starts = np.concatenate(([0], cuts))
    ends = np.concatenate((cuts, [len(docs)]))
    runs: dict[str, tuple[int, int, int, int]] = {}
    for d, lo, hi in zip(docs[starts].tolist(), starts.tolist(), ends.tolist(), strict=True):
        doc_id = old.tables.docs[d][0]
        if doc_id in runs:
            return None  # a document's facts in two places: not in document order
        runs[doc_id] = (first_fact + lo, first_fact + hi, d, lo)
    return runs


def _fingerprints(corpus: Corpus) -> list[list[Any]] | None:
    """[doc id, fingerprint, sentences] per document, in corpus order, when the corpus lists
    its documents and their content hashes (the store does); else None. A fingerprint is ""
    (never equal to another) for a document without a hash."""
    documents_of = getattr(corpus, "documents", None)
    hashes_of = getattr(corpus, "document_hashes", None)
    if not callable(documents_of) or not callable(hashes_of):
        return None
    try:
        hashes = hashes_of()
        out: list[list[Any]] = []
        add, blake, get = out.append, hashlib.blake2b, hashes.get  # one per document: bound once
        for doc in documents_of():
            sha = get(doc.id)
            if not sha:
                add([doc.id, "", int(doc.sentences)])
                continue
            whole = (
                f"{sha}|{doc.title}|{doc.sentences}|{doc.mentions}|{doc.facts}|{doc.chars}"
                f"|{getattr(doc, 'date', None)}"
            )
            fp = blake(whole.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
            add([doc.id, fp, int(doc.sentences)])
        return out
    except Exception:  # a corpus that cannot list them is indexed in full each time
        return None


def _sentences_of(corpus: Corpus, doc_ids: list[str]) -> Iterable[SentenceRecord]:
    """The sentences of these documents: asked for when the corpus can (the store reads only
    them), else picked out of every sentence (still none tokenised but theirs)."""
    if not doc_ids:
        return ()
    try:
        takes_ids = "doc_ids" in inspect.signature(corpus.iter_sentences).parameters
    except (TypeError, ValueError):
        takes_ids = False
    if takes_ids:
        return corpus.iter_sentences(doc_ids=doc_ids)  # type: ignore[call-arg]
    wanted = set(doc_ids)
    return (rec for rec in corpus.iter_sentences() if rec.doc in wanted)


def generation_of(corpus: Corpus) -> str:
    """The store generation an index of `corpus` is made from."""
    return str(corpus.generation())


def _mention_tables(
    corpus: Corpus, docs_of: dict[str, set[str]] | None = None
) -> tuple[dict[tuple[str, int], int], dict[str, tuple[str, int]]]:
    """Label bits per (document, sentence) and the first mention of each entity, when the
    corpus can list its mentions (the store can; a bare `Corpus` need not); with `docs_of`,
    the documents mentioning each entity are gathered into it too."""
    mentions_of = getattr(corpus, "mentions", None)
    bits: dict[tuple[str, int], int] = {}
    first: dict[str, tuple[str, int]] = {}
    if not callable(mentions_of):
        return bits, first
    try:
        mentions: Iterable[Any] = mentions_of()
        for m in mentions:
            if m.sentence >= 0:
                where = (m.doc, m.sentence)
                bits[where] = bits.get(where, 0) | LABEL_BITS.get(m.label, 0)
            first.setdefault(m.key, (m.doc, m.sentence))
            if docs_of is not None:
                docs_of.setdefault(m.key, set()).add(m.doc)
    except Exception:  # a corpus whose mentions cannot be listed still gets an index
        if docs_of is not None:
            docs_of.clear()
        return {}, {}
    return bits, first


#: Entities whose first mention an update cannot tell from the saved index (it was in a
#: document since changed or removed, or the entity is new) are asked of the corpus one by
#: one; beyond this many, every mention is read instead.
_ASK_AT_MOST = 5_000


def _updated_mention_tables(
    old: IndexParts,
    corpus: Corpus,
    now: list[list[Any]],
    kept: dict[str, tuple[int, int, int] | None],
    fresh: list[str],
    entities: list[Entity],
    facts: list[Fact],
) -> tuple[dict[tuple[str, int], int], dict[str, tuple[str, int]]] | None:
    """What `_mention_tables` gives, as far as the records indexed afresh need it, without
    reading every mention: the mentions of the new documents, the saved labels of the kept
    sentences (for facts) and the saved first mentions (for entities). Relies on what the
    store promises: `mentions(doc=)` and `mentions(entity=)`, and mentions listed by
    document in the order of `documents()`. None when the corpus cannot say (read them all)."""
    mentions_of = getattr(corpus, "mentions", None)
    if not callable(mentions_of):
        return {}, {}  # as `_mention_tables`: no mentions, no label bits or first mentions
    try:
        params = inspect.signature(mentions_of).parameters
    except (TypeError, ValueError):
        return None
    if "doc" not in params or "entity" not in params:
        return None
    position = {doc_id: i for i, (doc_id, _fp, _n) in enumerate(now)}
    labels = old.arrays.labels
    bits: dict[tuple[str, int], int] = {}
    odd: set[str] = set()  # documents of facts whose sentence has no saved record
    for fact in facts:
        if fact.doc in kept:
            run = kept[fact.doc]
            if run is not None and 0 <= fact.sentence < run[1] - run[0]:
                bits[(fact.doc, fact.sentence)] = int(labels[run[0] + fact.sentence])
                continue
        if fact.doc not in position or fact.doc in kept:
            odd.add(fact.doc)
    fresh_first: dict[str, tuple[str, int]] = {}
    for doc_id in [*fresh, *sorted(odd - set(fresh))]:
        for m in mentions_of(doc=doc_id):
            if m.sentence >= 0:
                where = (m.doc, m.sentence)
                bits[where] = bits.get(where, 0) | LABEL_BITS.get(m.label, 0)
            if doc_id in position and doc_id not in kept:
                fresh_first.setdefault(m.key, (m.doc, m.sentence))
    saved_first = {row[0]: (row[2], row[3]) for row in old.tables.entities}
    first: dict[str, tuple[str, int]] = {}
    unknown: list[str] = []
    for entity in entities:
        key = entity.key
        was = saved_first.get(key)
        if was is None:
            unknown.append(key)  # new: it may be mentioned in a kept document too
            continue
        if was == ("", -1):
            found = None  # no document held a mention of it; kept ones still do not
        elif was[0] in kept:
            found = was  # no kept document before that one mentions it
        else:
            unknown.append(key)  # its first mention went with its document
            continue
        new = fresh_first.get(key)
        if new is not None and (found is None or position[new[0]] < position[found[0]]):
            found = new
        if found is not None:
            first[key] = found
    if len(unknown) > _ASK_AT_MOST:
        return None
    for key in unknown:
        listed = mentions_of(entity=key)
        if listed:
            first[key] = (listed[0].doc, listed[0].sentence)
    return bits, first


def _document_dates(corpus: Corpus, only: set[str] | None = None) -> dict[str, str | None]:
    """Doc id -> its date (of the documents `only`, when given), when the corpus lists its
    documents (the store does)."""
    documents_of = getattr(corpus, "documents", None)
    if not callable(documents_of):
        return {}
    try:
        if only is not None:  # a tail's few documents
            return {doc.id: getattr(doc, "date", None) for doc in documents_of() if doc.id in only}
        return {doc.id: getattr(doc, "date", None) for doc in documents_of()}
    except Exception:  # a corpus that cannot list them is indexed without dates
        return {}


def _updated_entity_docs(
    old: IndexParts,
    corpus: Corpus,
    builder: _Builder,
    fresh: list[str],
    doc_remap: np.ndarray,
) -> list[set[int]]:
    """Per entity row of `builder`: the documents mentioning it, as a build finds them: the
    saved ones of kept documents (renumbered), and the new documents' mentions. When the
    entities themselves changed (a name now joins another, or leaves it: "Quentin" becomes
    part of "Caroline Quentin"), the saved lists no longer hold, and the corpus's own list of
    each entity's documents is read instead, when it has one."""
    fresh_docs: dict[str, set[int]] = {}
    mentions_of = getattr(corpus, "mentions", None)
    if callable(mentions_of):
        for doc_id in fresh:
            index = builder.doc_ids.get(doc_id)
            if index is None:
                continue
            for m in mentions_of(doc=doc_id):
                fresh_docs.setdefault(m.key, set()).add(index)
    documents_of = getattr(corpus, "entity_documents", None)
    old_keys = {row[0] for row in old.tables.entities}
    now_keys = {row[0] for row in builder.entity_rows}
    if callable(documents_of) and (
        old_keys - now_keys or any(k not in old_keys and k not in fresh_docs for k in now_keys)
    ):
        ids = builder.doc_ids
        listed = documents_of()
        return [{ids[d] for d in listed.get(row[0], ()) if d in ids} for row in builder.entity_rows]
    saved: dict[str, set[int]] = {}
    off, docs = np.asarray(old.arrays.ent_doc_off), np.asarray(old.arrays.ent_doc)
    remapped = doc_remap[docs] if len(docs) else docs
    for i, row in enumerate(old.tables.entities):
        kept = remapped[int(off[i]) : int(off[i + 1])]
        saved[row[0]] = set(kept[kept >= 0].tolist())
    for key, found in fresh_docs.items():
        saved.setdefault(key, set()).update(found)
    return [saved.get(row[0], set()) for row in builder.entity_rows]


def _add_entity_dates(
    arrays: dict[str, np.ndarray], ent_docs: list[set[int]], builder: _Builder
) -> None:
    """The documents of each entity as arrays (`ent_doc_off`, `ent_doc`), and each entity
    record's date period: from its earliest to its latest document's."""
    lens = np.fromiter(map(len, ent_docs), np.int64, len(ent_docs))
    off = np.zeros(len(ent_docs) + 1, dtype=np.int64)
    np.cumsum(lens, out=off[1:])
    flat = [d for docs in ent_docs for d in sorted(docs)]
    arrays["ent_doc_off"] = off
    arrays["ent_doc"] = np.asarray(flat, dtype=np.int32)
    periods = [builder.doc_period(doc_id) for doc_id, _title in builder.docs]
    doc_lo = np.asarray([p[0] for p in periods] + [NO_DATE], dtype=np.int64)
    doc_hi = np.asarray([p[1] for p in periods] + [NO_DATE], dtype=np.int64)
    ent_lo = np.zeros(len(ent_docs), dtype=np.int32)
    ent_hi = np.zeros(len(ent_docs), dtype=np.int32)
    for i, docs in enumerate(ent_docs):
        los = [int(doc_lo[d]) for d in docs if doc_lo[d] != NO_DATE]
        if los:
            ent_lo[i] = min(los)
            ent_hi[i] = max(int(doc_hi[d]) for d in docs if doc_lo[d] != NO_DATE)
    kind = arrays["kind"]
    n_names = int(np.searchsorted(kind, KIND_FACT))  # entity records come first
    refs = arrays["ref"][:n_names]
    if n_names:
        arrays["date_lo"][:n_names] = ent_lo[refs]
        arrays["date_hi"][:n_names] = ent_hi[refs]


# --------------------------------------------------------------------------- parts
#
# An index that grows (docs/scale.md, "Growing the index"): after a change, the facts and
# sentences of the new and changed documents are indexed into a small *tail* part beside the
# saved ones (never touched again), the entity names into a small *names* part made afresh,
# and the older parts' records of changed or removed documents are masked, not rewritten.


def parts_supported(corpus: Corpus) -> bool:
    """Whether `corpus` lists facts and mentions by document (the store does): what a part
    of some documents only is built from."""
    for name in ("facts", "mentions"):
        method = getattr(corpus, name, None)
        try:
            if not callable(method) or "doc" not in inspect.signature(method).parameters:
                return False
        except (TypeError, ValueError):
            return False
    return True


def build_documents(
    corpus: Corpus, doc_ids: list[str], text_dict: bytes | None = None
) -> IndexParts:
    """A part holding the facts and sentences of `doc_ids` (in corpus order) and no entity
    names: records in the order a build gives them, so each part's record order agrees with
    the whole index's (documents, then their facts before their sentences by kind). Its
    texts are compressed with `text_dict`, or a dictionary trained from them (None)."""
    builder = _Builder(_document_dates(corpus, set(doc_ids)), text_dict)
    bits: dict[tuple[str, int], int] = {}
    facts: list[Fact] = []
    for doc_id in doc_ids:
        for m in corpus.mentions(doc=doc_id):  # type: ignore[attr-defined]
            if m.sentence >= 0:
                where = (m.doc, m.sentence)
                bits[where] = bits.get(where, 0) | LABEL_BITS.get(m.label, 0)
        facts.extend(corpus.facts(doc=doc_id))  # type: ignore[call-arg]
    _add_names_and_facts(builder, [], facts, bits, {})
    _add_all(builder, _sentences_of(corpus, doc_ids), _labels_of(bits))
    arrays, vocab = builder.finish()
    _add_entity_dates(arrays, [], builder)
    tables = IndexTables(
        docs=builder.docs,
        entities=[],
        predicates=builder.predicates,
        generation=generation_of(corpus),
        doc_dates=builder.doc_dates(),
        fact_dates=builder.fact_dates,
    )
    return IndexParts(IndexArrays.of(arrays), vocab, tables)


def build_names(
    corpus: Corpus,
    old: IndexParts | None = None,
    dropped: Iterable[str] = (),
    fresh: Iterable[str] = (),
) -> IndexParts:
    """A part holding every entity name and alias and nothing else, as a build indexes them
    (their names tokenised again: cheap). With `old` (the names part before, or a build's
    index) and the same entity keys, each entity's documents and first mention are the
    saved ones, but for the entities that the `dropped` documents (changed or removed)
    held or the `fresh` ones (new or changed) mention; else they are read from the
    corpus's list of each entity's documents (or every mention, when it has none)."""
    summaries = list(corpus.documents())  # type: ignore[attr-defined]
    by_id = {doc.id: doc for doc in summaries}
    entities = list(corpus.entities())
    builder = _Builder(_document_dates(corpus))

    def registered(doc_id: str) -> bool:
        # A build numbers the documents with sentences or facts, and first mentions'.
        doc = by_id.get(doc_id)
        return doc is not None and (doc.sentences > 0 or doc.facts > 0)

    keys = [entity.key for entity in entities]
    # A key gone means names joined or split (rules, or a fuller name met): every list anew.
    kept_keys = old is not None and {row[0] for row in old.tables.entities} <= set(keys)
    # Rows of `old`'s documents table whose title, date and period still hold (None: none):
    # every row but the dropped and fresh documents', when `old` is a names part (it keeps
    # them per row; a kept document's fingerprint vouches for its title, date and sentences).
    kept_rows: list[bool] | None = None
    known: tuple[np.ndarray, np.ndarray, list[int]] | None = None
    if old is not None and kept_keys:
        dropped, fresh = list(dropped), list(fresh)
        found = _names_kept(corpus, old, builder, by_id, entities, dropped, fresh)
        off, flat, first, again_rows = found
        _add_names_and_facts(builder, entities, [], {}, first)
        if old.tables.doc_periods is not None and old.tables.doc_dates is not None:
            known = _saved_entity_dates(old, keys, again_rows)
            kept_rows = [True] * len(old.tables.docs)
            for doc_id in (*dropped, *fresh):
                row = builder.doc_ids.get(doc_id)
                if row is not None and row < len(kept_rows):
                    kept_rows[row] = False
    else:
        first, docs_of = _first_mentions(corpus, entities, summaries, old)
        _add_names_and_facts(builder, entities, [], {}, first)
        lists = []
        for key in keys:
            ids = [d for d in docs_of.get(key, ()) if d in builder.doc_ids or registered(d)]
            lists.append(sorted({builder.doc_index(d) for d in ids}))
        lens = np.fromiter(map(len, lists), np.int64, len(lists))
        off = np.zeros(len(lists) + 1, dtype=np.int64)
        np.cumsum(lens, out=off[1:])
        flat = np.fromiter((d for row in lists for d in row), np.int32, int(off[-1]))
    undated = [NO_DATE, NO_DATE]
    if kept_rows is not None and old is not None:
        assert old.tables.doc_periods is not None and old.tables.doc_dates is not None
        periods: list[list[int]] = list(old.tables.doc_periods)
        doc_dates = list(old.tables.doc_dates)
        again = [i for i, kept in enumerate(kept_rows) if not kept]
        again.extend(range(len(kept_rows), len(builder.docs)))
    else:
        periods, doc_dates = [], []
        again = list(range(len(builder.docs)))
    dates = builder._dates
    for i in again:  # titles as a build's: from the document's sentences
        entry = builder.docs[i]
        doc = by_id.get(entry[0])
        if doc is not None and doc.sentences > 0:
            entry[1], when = doc.title, list(builder.doc_period(entry[0]))
        else:  # a removed document keeps its row (no entity points at it): undated
            entry[1], when = "", undated
        if i < len(periods):
            periods[i], doc_dates[i] = when, dates.get(entry[0])
        else:
            periods.append(when)
            doc_dates.append(dates.get(entry[0]))
    arrays, vocab = builder.finish()
    # An entity's dates are its documents' dates, sentences or none (a row's period is
    # undated without sentences): the few documents without sentences set apart.
    ent_periods: list[list[int]] = periods
    empty = [doc.id for doc in summaries if doc.sentences <= 0]
    if empty:
        ent_periods = list(periods)
        for doc_id in empty:
            row = builder.doc_ids.get(doc_id)
            if row is not None:
                ent_periods[row] = list(builder.doc_period(doc_id))
    _entity_date_arrays(arrays, off, flat, builder, ent_periods, known)
    tables = IndexTables(
        docs=builder.docs,
        entities=builder.entity_rows,
        predicates=[],
        generation=generation_of(corpus),
        doc_dates=doc_dates,
        fact_dates=[],
        doc_periods=periods,
    )
    return IndexParts(IndexArrays.of(arrays), vocab, tables)


def _first_mentions(
    corpus: Corpus, entities: list[Entity], summaries: list[Any], old: IndexParts | None
) -> tuple[dict[str, tuple[str, int]], dict[str, list[str]]]:
    """Each entity's first mention and documents (in store order), as a build finds them:
    from the corpus's list of each entity's documents and the first of them's mentions
    (the saved first mention when that document is still the first), else every mention."""
    listed = getattr(corpus, "entity_documents", None)
    if not callable(listed):
        found: dict[str, set[str]] = {}
        _bits, first = _mention_tables(corpus, found)
        order = {doc.id: i for i, doc in enumerate(summaries)}
        return first, {k: sorted(v, key=lambda d: order.get(d, -1)) for k, v in found.items()}
    docs_of: dict[str, list[str]] = listed()
    saved = {row[0]: (row[2], row[3]) for row in old.tables.entities} if old else {}
    first = {}
    asked: dict[str, dict[str, tuple[str, int]]] = {}
    for entity in entities:
        ids = docs_of.get(entity.key)
        if not ids:
            continue
        was = saved.get(entity.key)
        if was is not None and was[0] == ids[0]:
            first[entity.key] = was
            continue
        in_doc = asked.get(ids[0])
        if in_doc is None:
            in_doc = asked[ids[0]] = {}
            for m in corpus.mentions(doc=ids[0]):  # type: ignore[attr-defined]
                in_doc.setdefault(m.key, (m.doc, m.sentence))
        if entity.key in in_doc:
            first[entity.key] = in_doc[entity.key]
    return first, docs_of


def _names_kept(
    corpus: Corpus,
    old: IndexParts,
    builder: _Builder,
    by_id: dict[str, Any],
    entities: list[Entity],
    dropped: Iterable[str],
    fresh: Iterable[str],
) -> tuple[np.ndarray, np.ndarray, dict[str, tuple[str, int]], list[int]]:
    """Each entity's documents (`off`, `flat`: indices into `builder.docs`, which starts as
    `old`'s table so that saved indices hold) and first mention: the saved ones, but for
    the entities that are new, whose counts changed, that the dropped documents held or
    that the fresh ones mention: those are patched (saved, less dropped, plus fresh), and
    read from the corpus's documents of an entity (`documents_of`, the store's) when the
    patched list is not as long as the store counts."""
    # `builder` is fresh: its table starts as a copy of `old`'s (whose ids are distinct)
    builder.docs = [[doc_id, title] for doc_id, title in old.tables.docs]
    builder.doc_ids = {row[0]: i for i, row in enumerate(builder.docs)}
    ids = builder.doc_ids
    keys = [entity.key for entity in entities]
    old_off = np.asarray(old.arrays.ent_doc_off, dtype=np.int64)
    old_flat = np.asarray(old.arrays.ent_doc)  # as saved (int32, mapped): read, not copied
    old_rows = {row[0]: j for j, row in enumerate(old.tables.entities)}
    gone = set(dropped)
    gone_idx = np.asarray(sorted(ids[d] for d in gone if d in ids), dtype=np.int64)
    touched: set[str] = set()
    if len(gone_idx) and len(old_flat):
        at = np.flatnonzero(np.isin(old_flat, gone_idx))  # the few places they are listed
        for j in np.unique(np.searchsorted(old_off, at, side="right") - 1).tolist():
            touched.add(old.tables.entities[j][0])
    for entity in entities:
        j = old_rows.get(entity.key)
        if j is None or old.tables.entities[j][4:6] != [entity.mentions, entity.documents]:
            touched.add(entity.key)
    position = {doc_id: i for i, doc_id in enumerate(by_id)}
    fresh_docs: dict[str, set[str]] = {}
    fresh_first: dict[str, tuple[str, int]] = {}
    for doc_id in sorted(set(fresh), key=lambda d: position.get(d, -1)):
        for m in corpus.mentions(doc=doc_id):  # type: ignore[attr-defined]
            fresh_docs.setdefault(m.key, set()).add(m.doc)
            fresh_first.setdefault(m.key, (m.doc, m.sentence))
    touched.update(fresh_docs)
    documents_of = getattr(corpus, "documents_of", None)
    first: dict[str, tuple[str, int]] = {}
    lists: dict[int, list[int]] = {}
    asked: dict[str, dict[str, tuple[str, int]]] = {}

    def first_in(doc_id: str, key: str) -> tuple[str, int] | None:
        in_doc = asked.get(doc_id)
        if in_doc is None:
            in_doc = asked[doc_id] = {}
            for m in corpus.mentions(doc=doc_id):  # type: ignore[attr-defined]
                in_doc.setdefault(m.key, (m.doc, m.sentence))
        return in_doc.get(key)

    def registered(doc_id: str) -> bool:
        doc = by_id.get(doc_id)
        return doc is not None and (doc.sentences > 0 or doc.facts > 0 or doc_id in ids)

    for i, key in enumerate(keys):
        j = old_rows.get(key)
        row: list[Any] = old.tables.entities[j] if j is not None else [key, "", "", -1]
        was: tuple[str, int] = (row[2], row[3])
        if key not in touched:
            if was != ("", -1):
                first[key] = was
            continue
        held: set[int] = set()
        if j is not None:
            held = set(old_flat[old_off[j] : old_off[j + 1]].tolist())
            held.difference_update(gone_idx.tolist())
        for doc_id in fresh_docs.get(key, ()):
            if registered(doc_id):
                held.add(builder.doc_index(doc_id))
        entity = entities[i]
        if len(held) != entity.documents and callable(documents_of):
            # Not what the store counts: mentions moved between names; ask for its list.
            listed = [d for d in documents_of(key) if registered(d)]
            lists[i] = sorted({builder.doc_index(d) for d in listed})
            if listed:
                found = was if was[0] == listed[0] else first_in(listed[0], key)
                if found is not None:
                    first[key] = found
            continue
        lists[i] = sorted(held)
        found = _first_of(key, was, held, gone, fresh_docs, fresh_first, builder, position)
        if found is None and held:
            head = min((builder.docs[d][0] for d in held), key=lambda d: position.get(d, 1 << 40))
            found = first_in(head, key)
        if found is not None:
            first[key] = found
    off, flat = _gathered(keys, old_rows, old_off, old_flat, lists)
    return off, flat, first, sorted(lists)


def _first_of(
    key: str,
    was: tuple[str, int],
    held: set[int],
    gone: set[str],
    fresh_docs: dict[str, set[str]],
    fresh_first: dict[str, tuple[str, int]],
    builder: _Builder,
    position: dict[str, int],
) -> tuple[str, int] | None:
    """An entity's first mention from its saved one and the fresh documents' (None: to be
    read from the first of its documents)."""
    new = fresh_first.get(key)
    if was[0] and was[0] not in gone:
        if new is not None and position.get(new[0], -1) < position.get(was[0], -1):
            return new
        return was
    if new is not None and not any(
        builder.docs[d][0] not in fresh_docs.get(key, ())
        and position.get(builder.docs[d][0], 1 << 40) < position.get(new[0], -1)
        for d in held
    ):
        return new
    return None


def _gathered(
    keys: list[str],
    old_rows: dict[str, int],
    old_off: np.ndarray,
    old_flat: np.ndarray,
    lists: dict[int, list[int]],
) -> tuple[np.ndarray, np.ndarray]:
    """Entities' documents in the new order: the saved slices copied at once, the touched
    entities' (`lists`, by row) set one by one."""
    src = np.asarray([old_rows.get(k, 0) for k in keys], dtype=np.int64)
    kept = np.ones(len(keys), dtype=bool)
    kept[list(lists)] = False
    lens = np.where(kept, old_off[src + 1] - old_off[src], 0) if len(old_off) > 1 else src * 0
    for i, listed in lists.items():
        lens[i] = len(listed)
    off = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(lens, out=off[1:])
    flat = np.empty(int(off[-1]), dtype=np.int32)
    # Runs of kept entities in their saved order are one slice each (a few runs between
    # the touched entities): copied as slices, no index per listed document.
    if len(keys):
        step = np.ones(len(keys), dtype=bool)
        step[1:] = (src[1:] != src[:-1] + 1) | ~kept[1:] | ~kept[:-1]
        starts = np.flatnonzero(step)
        ends = np.append(starts[1:], len(keys))
        for lo, hi in zip(starts[kept[starts]].tolist(), ends[kept[starts]].tolist(), strict=True):
            flat[off[lo] : off[hi]] = old_flat[old_off[src[lo]] : old_off[src[hi - 1] + 1]]
    for i, listed in lists.items():
        flat[off[i] : off[i + 1]] = listed
    return off, flat


def _entity_date_arrays(
    arrays: dict[str, np.ndarray],
    off: np.ndarray,
    flat: np.ndarray,
    builder: _Builder,
    periods: Sequence[Sequence[int]] | None = None,
    known: tuple[np.ndarray, np.ndarray, list[int]] | None = None,
) -> None:
    """`_add_entity_dates` from each entity's documents as arrays (`off`, `flat`), in a
    few array operations rather than a Python loop over the entities; `periods` per row of
    `builder.docs` when known (else read from the documents' dates); with `known`, each
    entity's first and last day as saved, but for the entities (rows) listed: read afresh."""
    arrays["ent_doc_off"] = off
    arrays["ent_doc"] = flat.astype(np.int32, copy=False)
    if periods is None:
        periods = [builder.doc_period(doc_id) for doc_id, _title in builder.docs]
    doc_lo = np.asarray([p[0] for p in periods] + [NO_DATE], dtype=np.int64)
    doc_hi = np.asarray([p[1] for p in periods] + [NO_DATE], dtype=np.int64)
    n = len(off) - 1
    ent_lo = np.zeros(n, dtype=np.int32)
    ent_hi = np.zeros(n, dtype=np.int32)
    if known is not None:
        ent_lo[:], ent_hi[:] = known[0], known[1]
        for i in known[2]:
            lo, hi = doc_lo[flat[off[i] : off[i + 1]]], doc_hi[flat[off[i] : off[i + 1]]]
            dated = lo != NO_DATE
            ent_lo[i] = int(lo[dated].min()) if dated.any() else 0
            ent_hi[i] = int(hi[dated].max()) if dated.any() else 0
    elif len(flat):
        # One 32-bit array of days at a time, the undated replaced in place (a day fits 32
        # bits, as the saved columns say): 5.6M (entity, document) pairs at 200,000
        # documents, whose int64 copies were 200 MB beside the finished index.
        has = np.diff(off) > 0
        starts = off[:-1][has]
        lo = doc_lo.astype(np.int32)[flat]
        undated = lo == NO_DATE
        any_dated = ~np.logical_and.reduceat(undated, starts)
        lo[undated] = np.iinfo(np.int32).max
        lows = np.minimum.reduceat(lo, starts)
        del lo
        hi = doc_hi.astype(np.int32)[flat]
        hi[undated] = np.iinfo(np.int32).min
        highs = np.maximum.reduceat(hi, starts)
        del hi, undated
        ent_lo[has] = np.where(any_dated, lows, 0)
        ent_hi[has] = np.where(any_dated, highs, 0)
    kind = arrays["kind"]
    n_names = int(np.searchsorted(kind, KIND_FACT))
    refs = arrays["ref"][:n_names]
    if n_names:
        arrays["date_lo"][:n_names] = ent_lo[refs]
        arrays["date_hi"][:n_names] = ent_hi[refs]


def _saved_entity_dates(
    old: IndexParts, keys: list[str], again: list[int]
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Each entity's (`keys`) first and last day as `old` (a names part) saved them on its
    names' records, with the rows `again` and those of entities without a saved name to be
    read afresh: what `_entity_date_arrays` takes as known."""
    rows = {row[0]: j for j, row in enumerate(old.tables.entities)}
    n_old = len(old.tables.entities)
    kind = np.asarray(old.arrays.kind)
    n_names = int(np.searchsorted(kind, KIND_FACT))
    refs = np.asarray(old.arrays.ref[:n_names], dtype=np.int64)
    saved_lo = np.zeros(n_old + 1, dtype=np.int32)
    saved_hi = np.zeros(n_old + 1, dtype=np.int32)
    has = np.zeros(n_old + 1, dtype=bool)
    saved_lo[refs] = old.arrays.date_lo[:n_names]
    saved_hi[refs] = old.arrays.date_hi[:n_names]
    has[refs] = True
    src = np.asarray([rows.get(k, n_old) for k in keys], dtype=np.int64)
    again = sorted({*again, *np.flatnonzero(~has[src]).tolist()})
    return saved_lo[src], saved_hi[src], again


#: A grown index has at most this many tail parts; one more, and they are merged into one
#: (each part costs a keystroke its own vocabulary expansion and plan).
MAX_TAILS = 3
#: When the records of the tails and the masked records of the base outgrow this share of
#: the base's records (and `TAIL_FLOOR`), base, names and tails are merged into one part
#: (`merge.merge`): the tail merged into the base.
TAIL_SHARE = 0.02
TAIL_FLOOR = 10_000


def appended(saved: list[list[Any]], now: list[list[Any]]) -> bool:
    """Whether documents `now` are documents `saved` unchanged (each with a fingerprint)
    and more after them: what a store gives after an ingest of new files only."""
    return len(now) >= len(saved) and now[: len(saved)] == saved and all(item[1] for item in saved)


def grow_plan(
    saved: list[list[Any]], now: list[list[Any]], base_records: int, debt: int, tails: int
) -> tuple[list[str], str, dict[str, int]] | None:
    """What growing an index saved at documents `saved` to documents `now` (both [id,
    fingerprint, sentences] in store order) takes: the documents to index into a new tail
    (new and changed ones, in store order), what is to be merged ("tails" into one, "base":
    every part into one, when the tails and masked records, `debt` so far, outgrow their
    share; "" nothing), and figures; None when a build is due: the kept documents are no
    longer in their saved order, or most sentences are new."""
    if appended(saved, now):  # the common case, a document or a folder added: no lookups
        added = now[len(saved) :]
        return _planned(
            [item[0] for item in added],
            sum(int(item[2]) for item in added),
            sum(int(item[2]) for item in saved),
            debt,
            base_records,
            tails,
            0,
        )
    before = {item[0]: (i, item[1], int(item[2])) for i, item in enumerate(saved)}
    fresh = []
    last = -1
    fresh_sentences = kept_sentences = 0
    for doc_id, fp, n_sentences in now:
        was = before.get(doc_id)
        if was is not None and fp and was[1] == fp:
            if was[0] <= last:
                return None  # the store's order of documents changed: records would not be
            last = was[0]
            kept_sentences += n_sentences
            continue
        fresh.append(doc_id)
        fresh_sentences += n_sentences
    ids_now = {item[0] for item in now}
    gone = [doc_id for doc_id in before if doc_id not in ids_now]
    changed = [doc_id for doc_id in fresh if doc_id in before]
    masked = sum(before[doc_id][2] for doc_id in (*gone, *changed))
    return _planned(
        fresh, fresh_sentences, kept_sentences, debt + masked, base_records, tails, len(gone)
    )


def _planned(
    fresh: list[str],
    fresh_sentences: int,
    kept_sentences: int,
    debt: int,
    base_records: int,
    tails: int,
    removed: int,
) -> tuple[list[str], str, dict[str, int]] | None:
    """`grow_plan`'s answer once the fresh documents are known: None when most sentences
    are new (a build), else what is to be merged and the figures."""
    if fresh_sentences > MAX_UPDATE_SHARE * (fresh_sentences + kept_sentences):
        return None  # tokenising most of it anyway: a build is as quick and simpler
    merge = ""
    if debt + fresh_sentences > max(TAIL_SHARE * base_records, TAIL_FLOOR):
        merge = "base"
    elif fresh and tails + 1 > MAX_TAILS:
        merge = "tails"
    stats = {
        "sentences_kept": kept_sentences,
        "sentences_indexed": fresh_sentences,
        "documents_indexed": len(fresh),
        "documents_removed": removed,
    }
    return fresh, merge, stats


# --------------------------------------------------------------------------- build by parts
#
# A big corpus is built as parts of at most `PART_RECORDS` records, each built as above and
# handed to `spill` (which writes it out and maps it back), then merged (`merge.merge`): the
# build's peak is a part's, not the store's.

#: Records of a part of a build by parts.
PART_RECORDS = 250_000


def build_parts(
    corpus: Corpus, spill: Any, part_records: int | None = None
) -> tuple[list[tuple[IndexParts, np.ndarray | None]], list[list[Any]] | None] | IndexParts:
    """`build(corpus)` as parts of at most `part_records` records: each part with its
    documents' places (the order the merge puts records in; None for the part of entity
    names), and the corpus's fingerprints. A corpus of one part's size is built whole (its
    `IndexParts` returned as they are), and so is a store unless `part_records` is given."""
    limit = part_records or PART_RECORDS
    if _streams(corpus):
        if part_records is None:
            # Measured on the 1M-sentence store, parts of 250,000 records peaked higher
            # (845 MB) than the streamed build (648 MB), which spools its texts and lets the
            # store's pages go every 512 documents: a store is built streamed, whole.
            return _build_streamed(corpus)
        return _streamed_parts(corpus, spill, limit)
    return _one_pass_parts(corpus, spill, limit)


def _streamed_parts(
    corpus: Corpus, spill: Any, limit: int
) -> tuple[list[tuple[IndexParts, np.ndarray | None]], list[list[Any]] | None] | IndexParts:
    summaries = list(corpus.documents())  # type: ignore[attr-defined]
    sizes = [int(doc.sentences) + int(doc.facts) for doc in summaries]
    if sum(sizes) <= limit:
        return _build_streamed(corpus)
    ids = [doc.id for doc in summaries]
    del summaries
    place = {doc_id: i for i, doc_id in enumerate(ids)}
    release = getattr(corpus, "release_pages", None) or (lambda: None)
    out: list[tuple[IndexParts, np.ndarray | None]] = [(spill(build_names(corpus)), None)]
    release()
    lo = 0
    shared: bytes | None = None  # the first part's dictionary: the merge copies the frames
    while lo < len(ids):
        hi, held = lo, 0
        while hi < len(ids) and (hi == lo or held + sizes[hi] <= limit):
            held += sizes[hi]
            hi += 1
        part = build_documents(corpus, ids[lo:hi], shared)
        shared = _texts.dictionary_of(part.arrays.text_dict)
        where = [place[doc_id] for doc_id, _title in part.tables.docs]
        out.append((spill(part), np.asarray([*where, 0], dtype=np.int64)))
        release()
        lo = hi
    return out, _fingerprints(corpus)


def _one_pass_parts(
    corpus: Corpus, spill: Any, limit: int
) -> tuple[list[tuple[IndexParts, np.ndarray | None]], list[list[Any]] | None] | IndexParts:
    """A corpus that lists its records at once: the first part holds the names, the facts
    and the first sentences; each next part the sentences that follow. The first part's
    entity documents are found last (they may be in any part)."""
    fingerprints = _fingerprints(corpus)
    dates = _document_dates(corpus)
    # Each part's texts, columns and word ids spooled to files as they come (as a store's
    # build does), not held in memory beside its postings: a third of the part's peak.
    folder = Path(corpus.path).parent
    first = _Builder(dates)
    first.spool_texts(folder)
    docs_of: dict[str, set[str]] = {}
    label_bits, first_mention = _mention_tables(corpus, docs_of)
    entities, facts = list(corpus.entities()), list(corpus.facts())
    _add_names_and_facts(first, entities, facts, label_bits, first_mention)
    del entities, facts
    builder = first
    rest: list[IndexParts] = []
    seen: set[str] = set()
    first_arrays: tuple[dict[str, np.ndarray], list[str]] | None = None
    records, labels_of = iter(corpus.iter_sentences()), _labels_of(label_bits)
    # a part full, one more record read before the next part is begun (none: no empty part)
    while batch := list(
        itertools.islice(records, max(1, min(_BUILD_CHUNK, limit - builder.count)))
    ):
        if builder.count >= limit:
            if builder is first:
                first_arrays = _held_out(first, spill, corpus)
            else:
                rest.append(spill(_documents_part(builder, corpus)))
                seen.update(doc_id for doc_id, _title in builder.docs)
            # the first part's dictionary for every part: the merge copies their frames
            builder = _Builder(dates, first.text_dict, first.word_ids)
            builder.spool_texts(folder)
        builder.add_sentences(batch, labels_of)
    if builder is first:  # one part: the build itself
        arrays, vocab = first.finish()
        _date_entities(arrays, first, docs_of)
        return _parts(first, arrays, vocab, fingerprints, corpus)
    rest.append(spill(_documents_part(builder, corpus)))
    seen.update(doc_id for doc_id, _title in builder.docs)
    assert first_arrays is not None
    arrays, vocab = first_arrays
    for name in ("date_lo", "date_hi"):  # the names' dates are set below: in memory
        arrays[name] = np.array(arrays[name])
    # documents of later parts that entities mention, numbered after the first part's own
    for row in first.entity_rows:
        for doc_id in sorted(docs_of.get(row[0], ())):
            if doc_id in seen:
                first.doc_index(doc_id)
    _date_entities(arrays, first, docs_of)
    head = spill(_parts(first, arrays, vocab, None, corpus))
    parts = [head, *rest]
    return [
        (part, np.full(len(part.tables.docs) + 1, k, dtype=np.int64))
        for k, part in enumerate(parts)
    ], fingerprints


def _held_out(
    first: _Builder, spill: Any, corpus: Corpus
) -> tuple[dict[str, np.ndarray], list[str]]:
    """The first part finished and written out by `spill` (mapped back), not held in memory
    while the other parts are built (a quarter of the build's peak at a million sentences):
    its arrays but the entity documents, which are found once every part is read."""
    arrays, vocab = first.finish()
    arrays["ent_doc_off"] = np.zeros(1, dtype=np.int64)
    arrays["ent_doc"] = np.empty(0, dtype=np.int32)
    held = spill(_parts(first, arrays, vocab, None, corpus)).arrays.as_dict()
    del arrays
    first.let_go()
    return {k: v for k, v in held.items() if k not in ("ent_doc_off", "ent_doc")}, vocab


def _documents_part(builder: _Builder, corpus: Corpus) -> IndexParts:
    """A finished part of sentences only (no entity names or facts)."""
    arrays, vocab = builder.finish()
    _add_entity_dates(arrays, [], builder)
    return _parts(builder, arrays, vocab, None, corpus)
