"""The search index: every sentence, entity name and fact as a record, an inverted index over
their words in numpy arrays, and the ranked, highlighted search behind the TUI and the CLI.

Layout (all numpy, so a million sentences are a few arrays, not millions of objects):

- records, in the order that breaks ties: entity names and aliases, then facts, then sentences
  in corpus order (document, position). Per record: kind, document, sentence index, offsets,
  entity/fact reference, label bits, and its text as UTF-8 in one blob.
- vocabulary: the sorted distinct normalised words, so every prefix is one contiguous id range.
- forward index: each record's word ids in order (positions for proximity, phrases, anchors
  and highlights); postings: for each word, the sorted ids of the records holding it.

A query is answered by taking the rarest query term's postings as candidates, narrowing them
by the other terms' postings, then checking every term, exclusion and filter on the
candidates' forward slices (positions give proximity, phrases, anchors), all vectorised; only
the best page is turned into `Hit`s. Words without typos are tried first: when they already
fill a page, typo matches could only rank below it. Candidates are checked in record order a
chunk at a time until `SCAN_ENOUGH` match: when more than that many records match every term
(common words only, at a million sentences), ranking applies within the first of them, which
keeps the worst keystroke bounded.

Cached beside the store, the index is loaded as it is while the store's generation is the
same. When documents were added, changed or removed since, it is updated rather than built:
each document's content fingerprint (hash, title, counts) was saved with it, so the
documents that did not change keep their records (words, texts, postings, renumbered, never
tokenised again); only the new and changed documents' sentences are indexed, and the entity
names and facts (a small part) afresh. The records land where a build puts them, so the
arrays are exactly a build's and every query answers the same hits, order and highlights.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import re
import shutil
import threading
import weakref
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import orjson
from rapidfuzz import process
from rapidfuzz.distance import OSA

from explorer.model import LABELS, Corpus, Entity, Fact, Hit, SentenceRecord
from explorer.search.query import Query, Term, parse
from explorer.search.text import WORD_RE, fold, terms

FORMAT_VERSION = 2  # 2: words run across combining marks and joiners; ligatures written out

KIND_ENTITY, KIND_FACT, KIND_SENTENCE = 0, 1, 2
_KIND_CODES = {"entity": KIND_ENTITY, "fact": KIND_FACT, "sentence": KIND_SENTENCE}
LABEL_BITS = {label: 1 << i for i, label in enumerate(LABELS)}

#: Match codes in a word's lookup table: 0 no match, 1 exact, 2 prefix, 1 + 2 * typos a typo.
EXACT, PREFIX = 1, 2
NO_MATCH = 99

#: Candidates up to this many postings are unioned by sorting; above, through a bitmap.
UNION_BY_SORT = 20_000
#: Other terms narrow the candidates through a bitmap of their postings up to this many.
MASK_AT_MOST = 3_000_000
#: Candidates are checked in record order, a chunk at a time, until this many match.
SCAN_ENOUGH = 4_000
SCAN_CHUNK = 16_384
#: Proximity cost of one pair of consecutive query terms is capped here (Meilisearch: 7).
MAX_PAIR_COST = 8

#: An update tokenises the new documents' sentences only; when they are more than this share
#: of all sentences, a build is about as quick.
MAX_UPDATE_SHARE = 0.5
#: An update renumbers the saved postings this many at a time.
_MERGE_CHUNK = 4_000_000

_SEP = "\x00"
_BUILD_RE = re.compile(rf"{WORD_RE.pattern}|\x00")
_TOP = "\U0010ffff"
_BUILD_CHUNK = 20_000

_ARRAYS = (
    "kind",
    "doc",
    "sent",
    "start",
    "end",
    "ref",
    "labels",
    "text_off",
    "text_blob",
    "fwd_off",
    "fwd",
    "post_off",
    "post",
)
# A loaded index maps its arrays from the cache folder: pages are read when a query touches
# them, so loading costs milliseconds and memory holds only what searches use. Sentence text
# is not even mapped: the few hits of a page are read from the file (`os.pread`).


#: Neither a query word nor a word it matches with a typo is shorter than this: "then" never
#: reaches the word "the" by a typo (though "atemp" reaches "attempt" through "at[t]").
MIN_TYPO_LEN = 4


def typo_budget(word: str) -> int:
    """Edits forgiven in a query word: none below 4 characters, 1 from 4, 2 from 8. An edit is
    a letter substituted, inserted, deleted, or two neighbours swapped ("eurpoe")."""
    n = len(word)
    return 0 if n < MIN_TYPO_LEN else (1 if n < 8 else 2)


def fact_line(fact: Fact) -> str:
    """A fact as one line of text: subject, predicate, object, then its short qualifiers."""
    parts = [fact.subject, fact.predicate, fact.object]
    for key, value in fact.qualifiers.items():
        if isinstance(value, str) and value and len(value) <= 120 and value not in parts:
            parts.append(f"{key} {value}")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            parts.append(f"{key} {value:g}")
    return " · ".join(p for p in parts if p)


def cache_dir(corpus_path: Path) -> Path:
    """Where the index of the store at `corpus_path` is cached: `<store>.index/`."""
    corpus_path = Path(corpus_path)
    return corpus_path.with_name(corpus_path.name + ".index")


@dataclass(slots=True)
class _Expansion:
    """What one query word matches in the vocabulary: id ranges with their match codes."""

    ranges: list[tuple[int, int, int]]  # (lo, hi, code), best code wins where they overlap
    count: int  # postings covered (an upper bound of the records it matches)
    lut: np.ndarray | None = None  # vocab id -> code, built on first use


@dataclass(slots=True)
class _Gathered:
    """The forward slices of a set of candidate records, flattened."""

    recs: np.ndarray  # candidate record ids (int64), sorted
    toks: np.ndarray  # word ids of every candidate's words, back to back
    starts: np.ndarray  # where each candidate's words start in `toks`
    _seg: np.ndarray | None = None
    _first: np.ndarray | None = None

    @property
    def seg(self) -> np.ndarray:
        if self._seg is None:
            self._seg = np.repeat(
                np.arange(len(self.recs), dtype=np.int32),
                np.diff(np.append(self.starts, len(self.toks))),
            )
        return self._seg

    @property
    def first(self) -> np.ndarray:
        if self._first is None:
            first = np.zeros(len(self.toks), dtype=bool)
            first[self.starts] = True
            self._first = first
        return self._first


class SearchIndex:
    """An immutable snapshot of a corpus, searchable as you type. Safe to share across threads."""

    def __init__(self, arrays: dict[str, np.ndarray], vocab: list[str], tables: dict[str, Any]):
        self._a = arrays
        self.vocab = vocab
        self.generation: str = tables.get("generation", "")
        self._docs: list[list[str]] = tables["docs"]  # [id, title]
        self._entities: list[list[Any]] = tables["entities"]  # [key, label, doc, sentence]
        self._predicates: list[str] = tables["predicates"]
        # [doc id, content fingerprint, sentences] per document of the corpus, in its order
        # (None when the corpus has no document hashes): what `update` compares.
        self._fingerprints: list[list[Any]] | None = tables.get("fingerprints")
        for name in _ARRAYS:
            setattr(self, "_" + name, arrays[name])
        self.records = len(self._kind)
        self.sentences = int(np.count_nonzero(np.asarray(self._kind) == KIND_SENTENCE))
        self._expansions: dict[tuple, _Expansion] = {}
        # Each expansion may keep a lookup table of one byte per word: bounded to ~64 MB.
        self._cache_cap = max(32, min(512, 64_000_000 // (len(vocab) + 1)))
        self._fuzzy: dict[tuple[str, int], list[tuple[int, int, int]]] = {}
        self._prefix_tables: dict[int, tuple] = {}
        self._vocab_lengths: np.ndarray | None = None
        self._doc_filters: dict[tuple[str, ...], np.ndarray] = {}
        self.loaded_from_cache = False
        #: True when `load_or_build` updated a saved index rather than building one; then
        #: `update_stats` says how many records were kept and how many indexed afresh.
        self.updated_from_cache = False
        self.update_stats: dict[str, int] = {}
        self._text_file = None
        self._text_base = 0

    def clear_caches(self) -> None:
        """Forget the word expansions kept between keystrokes (benchmarks time cold queries)."""
        self._expansions.clear()
        self._fuzzy.clear()
        self._doc_filters.clear()

    # ---------------------------------------------------------------- building

    @classmethod
    def build(cls, corpus: Corpus) -> SearchIndex:
        """Index every entity name and alias, fact and sentence of `corpus`."""
        fingerprints = _fingerprints(corpus)
        builder = _Builder()
        label_bits, first_mention = _mention_tables(corpus)
        entities, facts = list(corpus.entities()), list(corpus.facts())
        _add_names_and_facts(builder, entities, facts, label_bits, first_mention)
        for rec in corpus.iter_sentences():
            doc_index = builder.doc_index(rec.doc, rec.title)
            bits = label_bits.get((rec.doc, rec.index), 0)
            builder.add(rec.text, KIND_SENTENCE, doc_index, rec.index, rec.start, rec.end, -1, bits)
        arrays, vocab = builder.finish()
        tables = {
            "generation": _generation(corpus),
            "docs": builder.docs,
            "entities": builder.entity_rows,
            "predicates": builder.predicates,
            "fingerprints": fingerprints,
        }
        return cls(arrays, vocab, tables)

    @classmethod
    def update(cls, old: SearchIndex, corpus: Corpus) -> SearchIndex | None:
        """`old` brought up to date with `corpus` without tokenising again the sentences of the
        documents that did not change: the same arrays `build(corpus)` makes, so the same hits
        in the same order. Entity names and facts (a small part) are indexed afresh. None when
        it cannot be done (a corpus without document hashes, an index saved without them) or
        is not worth it (most sentences are new): then build."""
        saved = old._fingerprints
        now = _fingerprints(corpus)
        if not saved or now is None:
            return None
        generation = _generation(corpus)
        kind = np.asarray(old._kind)
        first_sentence = int(np.searchsorted(kind, KIND_SENTENCE))  # kinds are in order
        sentence_docs = np.asarray(old._doc[first_sentence:])
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
                runs[old._docs[d][0]] = (r0, r1, d)
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

        builder = _Builder()
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
        doc_remap = np.full(len(old._docs) + 1, -1, dtype=np.int32)
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
                    builder.predicates.extend(old._predicates[ref0 : ref0 + r1 - r0])
                    continue
                first = builder.count
                for fact in fresh_facts.get(doc_id, ()):
                    fact_index = len(builder.predicates)
                    builder.predicates.append(fact.predicate)
                    doc_index = builder.doc_index(fact.doc) if fact.doc else -1
                    bits = label_bits.get((fact.doc, fact.sentence), 0)
                    builder.add(
                        fact_line(fact),
                        KIND_FACT,
                        doc_index,
                        fact.sentence,
                        -1,
                        -1,
                        fact_index,
                        bits,
                    )
                extend("new", first, builder.count)
        by_doc: dict[str, list[SentenceRecord]] = {doc_id: [] for doc_id in fresh}
        for rec in _sentences_of(corpus, fresh):
            if rec.doc in by_doc:
                by_doc[rec.doc].append(rec)
        sentences_indexed = 0
        for doc_id, run in plan:
            if run is not None:
                r0, r1, d = run
                doc_remap[d] = builder.doc_index(doc_id, old._docs[d][1])
                extend("old", r0, r1)
                continue
            first = builder.count
            for rec in by_doc.get(doc_id, ()):
                doc_index = builder.doc_index(rec.doc, rec.title)
                bits = label_bits.get((rec.doc, rec.index), 0)
                builder.add(
                    rec.text, KIND_SENTENCE, doc_index, rec.index, rec.start, rec.end, -1, bits
                )
            sentences_indexed += builder.count - first
            extend("new", first, builder.count)
        arrays, vocab = builder.finish_update(old, segments, doc_remap)
        tables = {
            "generation": generation,
            "docs": builder.docs,
            "entities": builder.entity_rows,
            "predicates": builder.predicates,
            "fingerprints": [list(item) for item in now],
        }
        index = cls(arrays, vocab, tables)
        index.updated_from_cache = True
        index.update_stats = {
            "records_kept": sum(hi - lo for what, lo, hi, _ref in segments if what == "old"),
            "sentences_kept": sum(
                hi - lo for what, lo, hi, _ref in segments if what == "old" and lo >= first_sentence
            ),
            "records_indexed": builder.count,
            "sentences_indexed": sentences_indexed,
            "documents_indexed": len(fresh),
            "documents_removed": removed,
        }
        return index

    @classmethod
    def load_or_build(cls, corpus: Corpus) -> SearchIndex:
        """The cached index beside the store when it matches the store's generation; else
        that index updated for the documents added, changed or removed since it was saved;
        else a fresh one. Saved for next time when the directory is writable."""
        directory = cache_dir(corpus.path)
        generation = _generation(corpus)
        old = None
        try:
            old = cls.load(directory)
            if old.generation == generation:
                return old
        except Exception:  # absent, stale format or corrupt: rebuilt below, never a crash
            old = None
        index = None
        if old is not None:
            try:
                index = cls.update(old, corpus)
            except Exception:  # a cache whose insides do not add up: rebuilt, never a crash
                index = None
            del old
        if index is None:
            index = cls.build(corpus)
        try:
            index.save(directory)
        except OSError:
            return index  # a read-only place still gets a working (uncached) index
        try:  # the saved copy, mapped: the built arrays are freed
            saved = cls.load(directory)
        except Exception:
            return index
        saved.loaded_from_cache = False  # built (or updated) by this call
        saved.updated_from_cache = index.updated_from_cache
        saved.update_stats = index.update_stats
        return saved

    def save(self, directory: Path) -> None:
        """Write the index to `directory` atomically (a temporary folder renamed into place)."""
        directory = Path(directory)
        tmp = directory.with_name(f"{directory.name}.tmp-{os.getpid()}-{threading.get_ident()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        try:
            for name in _ARRAYS:
                np.save(tmp / f"{name}.npy", np.ascontiguousarray(self._a[name]))
            (tmp / "vocab.txt").write_text("\n".join(self.vocab), encoding="utf-8")
            tables = {
                "docs": self._docs,
                "entities": self._entities,
                "predicates": self._predicates,
                "fingerprints": self._fingerprints,
            }
            (tmp / "tables.json").write_bytes(_dump_json(tables))
            meta = {
                "version": FORMAT_VERSION,
                "generation": self.generation,
                "records": self.records,
                "vocab": len(self.vocab),
            }
            # meta.json last: a folder without it is incomplete and never loaded.
            (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
            old = directory.with_name(f"{directory.name}.old-{os.getpid()}-{threading.get_ident()}")
            if directory.exists():
                os.replace(directory, old)
            os.replace(tmp, directory)
            # This one, and any an interrupted save left behind: none is ever read again.
            for stale in directory.parent.glob(f"{directory.name}.old-*"):
                shutil.rmtree(stale, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    @classmethod
    def load(cls, directory: Path) -> SearchIndex:
        """The index saved in `directory`; raises (ValueError, OSError, ...) when it is not a
        complete index of this format."""
        directory = Path(directory)
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        if meta.get("version") != FORMAT_VERSION:
            raise ValueError("index format changed")
        arrays = {}
        for name in _ARRAYS:
            mapped = np.load(directory / f"{name}.npy", mmap_mode="r", allow_pickle=False)
            arrays[name] = mapped.view(np.ndarray)  # plain arrays: no memmap overhead per op
        text = (directory / "vocab.txt").read_text(encoding="utf-8")
        vocab = text.split("\n") if text else []
        tables = _load_json((directory / "tables.json").read_bytes())
        tables["generation"] = meta["generation"]
        _check(arrays, vocab, meta, tables)
        index = cls(arrays, vocab, tables)
        index.loaded_from_cache = True
        blob = arrays["text_blob"]
        text_file = open(directory / "text_blob.npy", "rb")  # noqa: SIM115 (lives with the index)
        index._text_file = text_file
        index._text_base = int(getattr(blob.base, "offset", 0) or 0)
        weakref.finalize(index, text_file.close)  # closed with the index, however it goes
        return index

    # ---------------------------------------------------------------- matching words

    def _range(self, lo_word: str, hi_word: str) -> tuple[int, int]:
        return bisect_left(self.vocab, lo_word), bisect_left(self.vocab, hi_word)

    def _postings(self, lo: int, hi: int) -> int:
        return int(self._post_off[hi] - self._post_off[lo])

    def _expand(self, word: str, fuzzy: bool, prefix: bool) -> _Expansion:
        """The vocabulary ids `word` matches, with their codes (cached: keystrokes repeat):
        the word itself; with `prefix`, every word it starts; with `fuzzy`, words with a
        prefix within its typo budget."""
        key = (word, fuzzy, prefix)
        found = self._expansions.get(key)
        if found is not None:
            return found
        ranges: list[tuple[int, int, int]] = []
        budget = typo_budget(word) if fuzzy else 0
        if budget:
            ranges.extend(self._fuzzy_ranges(word, budget))
        if prefix:
            lo, hi = self._range(word, word + _TOP)
            if hi > lo:
                ranges.append((lo, hi, PREFIX))
        lo = bisect_left(self.vocab, word)
        if lo < len(self.vocab) and self.vocab[lo] == word:
            ranges.append((lo, lo + 1, EXACT))
        count = self._count(ranges)
        expansion = _Expansion(ranges=ranges, count=count)
        if len(self._expansions) > self._cache_cap:
            self._expansions.clear()
        self._expansions[key] = expansion
        return expansion

    def _count(self, ranges: list[tuple[int, int, int]]) -> int:
        if not ranges:
            return 0
        spans = sorted((lo, hi) for lo, hi, _ in ranges)
        total, end = 0, -1
        for lo, hi in spans:  # ranges overlap (a prefix range holds the exact word)
            lo = max(lo, end)
            if hi > lo:
                total += self._postings(lo, hi)
                end = hi
        return total

    def _lut(self, expansion: _Expansion) -> np.ndarray:
        if expansion.lut is None:
            lut = np.zeros(len(self.vocab) + 1, dtype=np.int8)
            # Worst code first, so a better code for the same word overwrites it.
            for lo, hi, code in sorted(expansion.ranges, key=lambda r: -r[2]):
                lut[lo:hi] = code
            expansion.lut = lut
        return expansion.lut

    def _prefix_table(self, length: int) -> tuple:
        """The distinct `length`-character prefixes of the vocabulary, their id ranges, and
        their first and second characters (code points) to narrow a typo search."""
        table = self._prefix_tables.get(length)
        if table is None:
            if self._vocab_lengths is None:
                self._vocab_lengths = np.fromiter(map(len, self.vocab), np.int64, len(self.vocab))
            idx = np.flatnonzero(self._vocab_lengths >= length)
            heads = np.array([self.vocab[i][:length] for i in idx.tolist()], dtype=object)
            if len(heads):
                # The vocabulary is sorted, so equal heads are neighbours: a block per prefix.
                new_block = np.empty(len(heads), dtype=bool)
                new_block[0] = True
                np.not_equal(heads[1:], heads[:-1], out=new_block[1:])
                starts = np.flatnonzero(new_block)
                ends = np.append(starts[1:], len(heads)) - 1
                strings = heads[starts].tolist()
                los, his = idx[starts], idx[ends] + 1
            else:
                strings, los, his = [], idx, idx
            firsts = np.fromiter((ord(p[0]) for p in strings), np.int64, len(strings))
            seconds = np.fromiter(
                (ord(p[1]) if len(p) > 1 else -1 for p in strings), np.int64, len(strings)
            )
            table = (strings, los, his, firsts, seconds)
            self._prefix_tables[length] = table
        return table

    def _typo_ranges(self, near: str, lo: int, hi: int, typos: int) -> list[tuple[int, int, int]]:
        """The words starting with `near` (vocabulary ids lo..hi), `typos` edits from what
        was typed: `near` itself is a typo match, the longer words a typo-and-prefix match,
        so that "blar" finds "blair" before "blamed" (each one edit from a prefix)."""
        code = 1 + 2 * typos
        if lo < hi and self.vocab[lo] == near:
            return [(lo, lo + 1, code), (lo + 1, hi, code + 1)]
        return [(lo, hi, code + 1)]

    def _fuzzy_ranges(self, word: str, budget: int) -> list[tuple[int, int, int]]:
        """Vocabulary words with a prefix of 4+ characters within `budget` edits of `word` (but
        not `word` as a prefix itself, which the exact and prefix ranges cover)."""
        key = (word, budget)
        found = self._fuzzy.get(key)
        if found is not None:
            return found
        n = len(word)
        previous = self._fuzzy.get((word[:-1], budget)) if n > 4 else None
        out: list[tuple[int, int, int]] = []
        if previous is not None:
            # Typing on: a word within `budget` of a prefix of `word` was within `budget` of a
            # prefix of `word[:-1]` (or started with it), so only those need checking again.
            previous = [*previous, (*self._range(word[:-1], word[:-1] + _TOP), 0)]
            if sum(hi - lo for lo, hi, _ in previous) > 20_000:
                previous = None
        if previous is not None:
            candidates: set[str] = set()
            for lo, hi, _ in previous:
                for vid in range(lo, hi):
                    w = self.vocab[vid]
                    for length in range(max(1, n - budget), min(len(w), n + budget) + 1):
                        candidates.add(w[:length])
            choices = sorted(candidates)
            for i, typos in _within(word, choices, budget):
                lo, hi = self._range(choices[i], choices[i] + _TOP)
                out.extend(self._typo_ranges(choices[i], lo, hi, typos))
        else:
            for length in range(max(1, n - budget), n + budget + 1):
                strings, los, his, firsts, seconds = self._prefix_table(length)
                if not strings:
                    continue
                if budget == 1:
                    # One edit leaves the first or second letter of one word among the first
                    # two of the other (edit later: first letters equal; at the start: the
                    # second letters, or a letter shifted by one): a cheap filter first.
                    a, b = ord(word[0]), ord(word[1])
                    picked = np.flatnonzero(
                        (firsts == a) | (firsts == b) | (seconds == a) | (seconds == b)
                    )
                    choices = [strings[i] for i in picked.tolist()]
                else:
                    picked, choices = None, strings
                for k, typos in _within(word, choices, budget):
                    i = int(picked[k]) if picked is not None else k
                    out.extend(self._typo_ranges(strings[i], int(los[i]), int(his[i]), typos))
        # A short prefix stands for the longer words it starts, never for itself as a word.
        trimmed = []
        for lo, hi, code in out:
            if lo < hi and len(self.vocab[lo]) < MIN_TYPO_LEN:
                lo += 1
            if lo < hi:
                trimmed.append((lo, hi, code))
        out = trimmed
        if len(self._fuzzy) > 512:
            self._fuzzy.clear()
        self._fuzzy[key] = out
        return out

    # ---------------------------------------------------------------- searching

    def search(self, query: str, limit: int = 50, kind: str | None = None) -> list[Hit]:
        """The best `limit` hits for a typed query, ranked, with highlight ranges. Never raises
        on a malformed query; an empty query (or one of operators or exclusions only) returns
        no hits. `Hit.score` summarises the rank: terms matched, less 0.25 a typo, 0.01 a
        step of distance between terms, 0.001 a prefix match (higher is better).

        `kind` ("entity", "fact" or "sentence") keeps hits of that kind only, ranked the
        same way: a screen that shows each kind in its own group asks for each, so that a
        name found in a hundred facts still leaves room for the sentences."""
        parsed = parse(query)
        if parsed.is_empty or limit <= 0 or self.records == 0:
            return []
        rec_range = self._kind_range(kind) if kind is not None else None
        if rec_range is not None and rec_range[0] >= rec_range[1]:
            return []
        forgiving = any(
            typo_budget(word)
            for group in parsed.groups
            for term in group
            if not (term.exact or term.is_phrase)
            for word in term.words
        )
        if forgiving and all(len(group) == 1 for group in parsed.groups):
            # Every hit matches every term, so any hit without a typo outranks every hit with
            # one: when there are a page of those, typo candidates need not be looked at.
            plan = _Plan.make(self, parsed, typos=False, rec_range=rec_range)
            if plan is not None:
                hits = self._materialise(plan, *self._candidates_ranked(plan, limit), limit)
                if len(hits) >= limit:
                    return hits
        plan = _Plan.make(self, parsed, rec_range=rec_range)
        if plan is None:
            return []
        return self._materialise(plan, *self._candidates_ranked(plan, limit), limit)

    def _kind_range(self, kind: str) -> tuple[int, int]:
        """The records of one kind: [lo, hi) (records are stored entities, facts, sentences)."""
        code = _KIND_CODES.get(kind)
        if code is None:
            raise ValueError(f"unknown kind {kind!r}: one of {', '.join(_KIND_CODES)}")
        kinds = np.asarray(self._kind)
        return int(np.searchsorted(kinds, code)), int(np.searchsorted(kinds, code, "right"))

    def _candidates_ranked(self, plan: _Plan, limit: int) -> tuple[np.ndarray, np.ndarray]:
        """Matching records and their rank keys: all of them, or when more than
        `SCAN_ENOUGH` match, at least the first `SCAN_ENOUGH` in record order."""
        if not plan.groups:  # filters only: every record that passes, in record order
            return self._chunked(plan, None, enough=limit * 2)
        if plan.single_word:
            return self._single_word(plan, limit)
        order = sorted(plan.sources, key=lambda s: s[1])
        ranges, count = order[0]
        if count <= UNION_BY_SORT:
            parts = [self._post[self._post_off[lo] : self._post_off[hi]] for lo, hi in ranges]
            cands = np.unique(np.concatenate(parts)).astype(np.int64)
            for ranges, count in order[1:]:  # narrow by the other groups' postings
                if len(cands) <= 64 or count > MASK_AT_MOST:
                    break
                cands = cands[self._mask(ranges)[cands]]
        else:
            mask = self._mask(ranges)
            for ranges, count in order[1:]:
                if count > MASK_AT_MOST:
                    break
                mask &= self._mask(ranges)
            cands = np.flatnonzero(mask)
        return self._chunked(plan, cands, enough=max(SCAN_ENOUGH, 2 * limit))

    def _mask(self, ranges: list[tuple[int, int]]) -> np.ndarray:
        """Records holding a word of these vocabulary ranges, as a boolean array."""
        mask = np.zeros(self.records, dtype=bool)
        for lo, hi in ranges:
            mask[self._post[self._post_off[lo] : self._post_off[hi]]] = True
        return mask

    def _chunked(
        self, plan: _Plan, cands: np.ndarray | None, enough: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Score candidates (all records when None) a chunk at a time, in record order,
        until `enough` match: the cost of a keystroke stays bounded on any corpus."""
        total = self.records if cands is None else len(cands)
        got_recs: list[np.ndarray] = []
        got_keys: list[np.ndarray] = []
        found = 0
        for lo in range(0, total, SCAN_CHUNK):
            hi = min(lo + SCAN_CHUNK, total)
            chunk = np.arange(lo, hi, dtype=np.int64) if cands is None else cands[lo:hi]
            recs, keys = self._score(plan, chunk)
            if len(recs):
                got_recs.append(recs)
                got_keys.append(keys)
                found += len(recs)
            if found >= enough:
                break
        if not got_recs:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        return np.concatenate(got_recs), np.concatenate(got_keys)

    def _single_word(self, plan: _Plan, limit: int) -> tuple[np.ndarray, np.ndarray]:
        """One word alone: the best records are the first in record order of its best match
        class (exact, then prefix, then by typos), so only the heads of postings are read."""
        lut = self._lut(plan.groups[0][0][1][0])
        ids = np.flatnonzero(lut[:-1])
        codes = lut[ids]
        need = limit * 2 + 16  # entity aliases fold into one hit: a little spare
        got_recs: list[np.ndarray] = []
        got_keys: list[np.ndarray] = []
        total = 0
        for code in sorted(set(codes.tolist())):
            ids_c = ids[codes == code]
            starts = self._post_off[ids_c]
            ends = self._post_off[ids_c + 1]
            if plan.rec_range is not None:  # each posting list cut to the records of a kind
                lo, hi = plan.rec_range
                starts, ends = (
                    _segment_search(self._post, starts, ends, lo),
                    _segment_search(self._post, starts, ends, hi),
                )
            take = np.minimum(ends - starts, need + total)
            flat = np.cumsum(take) - take
            idx = np.arange(int(take.sum()), dtype=np.int64) + np.repeat(starts - flat, take)
            recs = np.unique(self._post[idx]).astype(np.int64)
            if total:  # a record is in its best class only
                recs = recs[~np.isin(recs, np.concatenate(got_recs))]
            recs = recs[: need - total]
            rank = (
                (np.int64(14) << 58)
                | (np.int64((code - 1) // 2) << 53)
                | (np.int64((code - 1) % 2) << 40)
            )
            got_recs.append(recs)
            got_keys.append(rank | recs)
            total += len(recs)
            if total >= need:
                break
        if not got_recs:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        return np.concatenate(got_recs), np.concatenate(got_keys)

    def _filter(self, plan: _Plan, cands: np.ndarray) -> np.ndarray:
        if plan.rec_range is not None:
            lo, hi = plan.rec_range
            cands = cands[(cands >= lo) & (cands < hi)]
        if plan.label_bits is not None:
            cands = cands[(self._labels[cands] & plan.label_bits) != 0]
        if plan.doc_ok is not None:
            cands = cands[plan.doc_ok[self._doc[cands]]]
        return cands

    def _gather(self, cands: np.ndarray) -> _Gathered:
        starts = self._fwd_off[cands]
        lens = self._fwd_off[cands + 1] - starts
        keep = lens > 0
        if not keep.all():
            cands, starts, lens = cands[keep], starts[keep], lens[keep]
        flat_starts = np.cumsum(lens) - lens
        total = int(lens.sum())
        idx = np.arange(total, dtype=np.int64) + np.repeat(starts - flat_starts, lens)
        return _Gathered(recs=cands, toks=np.asarray(self._fwd[idx]), starts=flat_starts)

    def _term_codes(self, term: Term, exps: list[_Expansion], g: _Gathered) -> np.ndarray:
        """Per flat word position: the match code of `term` starting there (0: none)."""
        codes = self._lut(exps[0])[g.toks]
        if len(exps) > 1:  # a phrase: every next word at the next position, same record
            seg = g.seg
            for j, exp in enumerate(exps[1:], start=1):
                nxt = np.zeros_like(codes)
                nxt[:-j] = self._lut(exp)[g.toks[j:]]
                nxt[:-j][seg[j:] != seg[:-j]] = 0
                codes = np.where((codes > 0) & (nxt > 0), np.maximum(codes, nxt), 0).astype(np.int8)
        if term.anchored:
            codes = np.where(g.first, codes, 0).astype(np.int8)
        return codes

    def _score(self, plan: _Plan, cands: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The candidates that match, and their rank keys (smaller is better)."""
        cands = self._filter(plan, cands)
        if not len(cands):
            return cands, np.empty(0, np.int64)
        g = self._gather(cands)
        n = len(g.recs)
        if n == 0:
            return g.recs, np.empty(0, np.int64)
        keep = np.ones(n, dtype=bool)
        for term, exps in plan.excludes:
            codes = self._term_codes(term, exps, g)
            keep &= ~np.logical_or.reduceat(codes > 0, g.starts)
        matched = np.zeros(n, dtype=np.int64)
        typos = np.zeros(n, dtype=np.int64)
        prefixes = np.zeros(n, dtype=np.int64)
        group_masks: list[np.ndarray] = []
        for group in plan.groups:
            any_match = np.zeros(n, dtype=bool)
            mask = None
            for term, exps in group:
                codes = self._term_codes(term, exps, g)
                hit = codes > 0
                best = np.minimum.reduceat(np.where(hit, codes, NO_MATCH), g.starts)
                ok = best < NO_MATCH
                any_match |= ok
                matched += ok
                typos += np.where(ok, (best - 1) // 2, 0)
                prefixes += np.where(ok, (best - 1) % 2, 0)
                mask = hit if mask is None else (mask | hit)
            keep &= any_match
            group_masks.append(mask)
        if not keep.any():
            return np.empty(0, np.int64), np.empty(0, np.int64)
        proximity = np.zeros(n, dtype=np.int64)
        for a, b in zip(group_masks, group_masks[1:], strict=False):
            proximity += self._pair_cost(a, b, g)
        keys = (
            (np.int64(15) - np.minimum(matched, 15)) << 58
            | np.minimum(typos, 31) << 53
            | np.minimum(proximity, 255) << 45
            | np.minimum(prefixes, 31) << 40
            | g.recs
        )
        return g.recs[keep], keys[keep]

    @staticmethod
    def _pair_cost(a: np.ndarray, b: np.ndarray, g: _Gathered) -> np.ndarray:
        """Per candidate: how far the nearest match of the next term is from one of the
        previous term (0 adjacent and in order, 1 more when reversed, capped)."""
        n = len(g.recs)
        cost = np.full(n, MAX_PAIR_COST, dtype=np.int64)
        pa = np.flatnonzero(a)
        pb = np.flatnonzero(b)
        if not len(pa) or not len(pb):
            return cost
        seg = g.seg
        k = np.searchsorted(pa, pb, side="right")  # pa[k-1] <= pb < pa[k]
        best = np.full(len(pb), MAX_PAIR_COST, dtype=np.int64)
        has_prev = k > 0
        prev = pa[np.maximum(k - 1, 0)]
        d = pb - prev
        c = np.where(d >= 1, d - 1, 1)
        ok = has_prev & (seg[prev] == seg[pb])
        best = np.where(ok, np.minimum(best, c), best)
        has_next = k < len(pa)
        nxt = pa[np.minimum(k, len(pa) - 1)]
        d = nxt - pb
        c = np.where(d >= 1, d, 1)
        ok = has_next & (seg[nxt] == seg[pb])
        best = np.where(ok, np.minimum(best, c), best)
        owners = seg[pb]
        np.minimum.at(cost, owners, np.minimum(best, MAX_PAIR_COST))
        return cost

    # ---------------------------------------------------------------- hits

    def _text(self, rec: int) -> str:
        lo, hi = int(self._text_off[rec]), int(self._text_off[rec + 1])
        if self._text_file is not None:
            data = os.pread(self._text_file.fileno(), hi - lo, self._text_base + lo)
        else:
            data = bytes(self._text_blob[lo:hi])
        return data.decode("utf-8", "replace")

    def _materialise(
        self, plan: _Plan, recs: np.ndarray, keys: np.ndarray, limit: int
    ) -> list[Hit]:
        if not len(recs):
            return []
        want = min(len(keys), limit * 2 + 16)
        if len(keys) > want:
            top = np.argpartition(keys, want - 1)[:want]
            order = top[np.argsort(keys[top], kind="stable")]
        else:
            order = np.argsort(keys, kind="stable")
        hits: list[Hit] = []
        seen_entities: set[int] = set()
        for i in order.tolist():
            rec = int(recs[i])
            kind = int(self._kind[rec])
            ref = int(self._ref[rec])
            if kind == KIND_ENTITY:
                if ref in seen_entities:  # its name and an alias both matched: one hit
                    continue
                seen_entities.add(ref)
            hits.append(self._hit(plan, rec, kind, ref, int(keys[i])))
            if len(hits) >= limit:
                break
        return hits

    def _hit(self, plan: _Plan, rec: int, kind: int, ref: int, key: int) -> Hit:
        text = self._text(rec)
        doc_index = int(self._doc[rec])
        doc, title = self._docs[doc_index] if doc_index >= 0 else ("", "")
        matched = 15 - (key >> 58)
        typos = (key >> 53) & 31
        proximity = (key >> 45) & 255
        prefixes = (key >> 40) & 31
        score = matched - 0.25 * typos - 0.01 * proximity - 0.001 * prefixes
        highlights = self._highlights(plan, rec, text)
        sentence = int(self._sent[rec])
        if kind == KIND_ENTITY:
            key_name, label = self._entities[ref][0], self._entities[ref][1]
            return Hit(
                "entity",
                doc,
                title,
                sentence,
                text,
                score,
                highlights,
                label=label,
                entity=key_name,
            )
        if kind == KIND_FACT:
            return Hit(
                "fact",
                doc,
                title,
                sentence,
                text,
                score,
                highlights,
                predicate=self._predicates[ref],
            )
        return Hit(
            "sentence",
            doc,
            title,
            sentence,
            text,
            score,
            highlights,
            start=int(self._start[rec]),
            end=int(self._end[rec]),
        )

    def _highlights(self, plan: _Plan, rec: int, text: str) -> tuple[tuple[int, int], ...]:
        spans = [m.span() for m in WORD_RE.finditer(fold(text))]
        lo, hi = int(self._fwd_off[rec]), int(self._fwd_off[rec + 1])
        if len(spans) != hi - lo or not spans:
            return ()
        g = _Gathered(
            recs=np.array([rec], np.int64),
            toks=np.asarray(self._fwd[lo:hi]),
            starts=np.zeros(1, np.int64),
        )
        ranges: list[tuple[int, int]] = []
        for group in plan.groups:
            for term, exps in group:
                codes = self._term_codes(term, exps, g)
                for p in np.flatnonzero(codes).tolist():
                    for j, (word, exp) in enumerate(zip(term.words, exps, strict=True)):
                        start, end = spans[p + j]
                        code = int(self._lut(exp)[g.toks[p + j]])
                        if code == PREFIX:
                            end = min(end, start + len(word))
                        ranges.append((start, end))
        if not ranges:
            return ()
        ranges.sort()
        merged = [ranges[0]]
        for start, end in ranges[1:]:
            last_start, last_end = merged[-1]
            if start <= last_end:
                merged[-1] = (last_start, max(last_end, end))
            else:
                merged.append((start, end))
        return tuple(merged)

    def doc_filter(self, names: Sequence[str]) -> np.ndarray:
        """Per document (and a last False for records without one): does its id or title
        contain every one of `names` (folded)?"""
        key = tuple(names)
        found = self._doc_filters.get(key)
        if found is None:
            ok = [
                all(n in fold(doc) or n in fold(title) for n in names) for doc, title in self._docs
            ]
            found = np.array(ok + [False], dtype=bool)  # index -1: records without a document
            if len(self._doc_filters) > 64:
                self._doc_filters.clear()
            self._doc_filters[key] = found
        return found


@dataclass(slots=True)
class _Plan:
    """A parsed query resolved against the vocabulary."""

    groups: list[list[tuple[Term, list[_Expansion]]]]
    excludes: list[tuple[Term, list[_Expansion]]]
    # Per group: vocab id ranges whose postings hold every record the group can match, and
    # how many postings that is (the rarest word of each alternative stands for it).
    sources: list[tuple[list[tuple[int, int]], int]]
    label_bits: int | None
    doc_ok: np.ndarray | None
    rec_range: tuple[int, int] | None = None  # the records of one kind only

    @property
    def single_word(self) -> bool:
        """One plain word and nothing else: candidates come straight from its postings."""
        if len(self.groups) != 1 or len(self.groups[0]) != 1 or self.excludes:
            return False
        term = self.groups[0][0][0]
        return (
            not term.is_phrase
            and not term.anchored
            and self.label_bits is None
            and self.doc_ok is None
        )

    @classmethod
    def make(
        cls,
        index: SearchIndex,
        query: Query,
        typos: bool = True,
        rec_range: tuple[int, int] | None = None,
    ) -> _Plan | None:
        def expansions(term: Term, negative: bool = False) -> list[_Expansion]:
            out = []
            for j, word in enumerate(term.words):
                last = j == len(term.words) - 1
                if negative:  # !word: no word starting with it; !'word, !"a b": exactly
                    out.append(index._expand(word, False, not (term.exact or term.is_phrase)))
                elif term.exact or term.is_phrase:  # the phrase's word being typed: a prefix
                    out.append(index._expand(word, False, last and term.typing))
                else:
                    out.append(index._expand(word, typos, term.typing or len(word) >= 3))
            return out

        groups = []
        sources = []
        for group in query.groups:
            resolved = []
            source: list[tuple[int, int]] = []
            count = 0
            for term in group:
                exps = expansions(term)
                if any(e.count == 0 for e in exps):
                    continue  # a word no record holds: this alternative can never match
                resolved.append((term, exps))
                rarest = min(exps, key=lambda e: e.count)
                source.extend((lo, hi) for lo, hi, _ in rarest.ranges)
                count += rarest.count
            if not resolved:
                return None  # a group none of whose terms occurs: no record can match
            groups.append(resolved)
            sources.append((source, count))
        excludes = [(term, expansions(term, negative=True)) for term in query.excludes]
        label_bits = None
        if query.label_filter:
            label_bits = 0
            for label in query.labels:
                label_bits |= LABEL_BITS.get(label, 0)
            if label_bits == 0:
                return None
        doc_ok = index.doc_filter(query.docs) if query.docs else None
        if not groups and label_bits is None and doc_ok is None:
            return None
        return cls(groups, excludes, sources, label_bits, doc_ok, rec_range)


def _within(word: str, choices: list[str], budget: int) -> list[tuple[int, int]]:
    """(index, edits) of each of `choices` within 1..`budget` edits of `word` (rapidfuzz's
    optimal string alignment, one core: the GIL is held anyway, MEASURED.md)."""
    if not choices:
        return []
    scores = process.cdist(
        [word], choices, scorer=OSA.distance, score_cutoff=budget, dtype=np.int32, workers=1
    )[0]
    found = np.flatnonzero((scores <= budget) & (scores > 0)).tolist()
    return [(i, int(scores[i])) for i in found]


def _segment_search(
    values: np.ndarray, starts: np.ndarray, ends: np.ndarray, target: int
) -> np.ndarray:
    """Per sorted segment values[starts[i]:ends[i]]: where `target` would go (the first
    position holding a value >= target), by one vectorised bisection for all segments."""
    lo = np.asarray(starts, dtype=np.int64).copy()
    hi = np.asarray(ends, dtype=np.int64).copy()
    last = len(values) - 1
    while True:
        active = lo < hi
        if not active.any():
            return lo
        mid = (lo + hi) // 2
        right = active & (np.asarray(values[np.minimum(mid, last)]) < target)
        lo = np.where(right, mid + 1, lo)
        hi = np.where(active & ~right, mid, hi)


#: Per-record columns of the saved index and their dtypes, in the order they are saved.
_RECORD_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("kind", np.int8),
    ("doc", np.int32),
    ("sent", np.int32),
    ("start", np.int32),
    ("end", np.int32),
    ("ref", np.int32),
    ("labels", np.uint32),
)


def _packed(
    columns: dict[str, np.ndarray],
    text_off: np.ndarray,
    text_blob: np.ndarray,
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
        "fwd_off": fwd_off,
        # Word ids fit 16 bits below 65,536 words (a news corpus): half the memory.
        "fwd": fwd.astype(np.uint16 if vocab_size < 65_536 else np.int32),
        "post_off": post_off,
        "post": post,
    }


class _Builder:
    """Accumulates records chunk by chunk into compact arrays."""

    def __init__(self) -> None:
        self.docs: list[list[str]] = []
        self._doc_ids: dict[str, int] = {}
        self.entity_rows: list[list[Any]] = []
        self.predicates: list[str] = []
        self.cols = {name: array("q") for name, _ in _RECORD_COLUMNS}
        self._texts: list[str] = []
        self._blob = bytearray()  # every text as UTF-8, back to back
        self._text_lens = array("q")
        self._fwd_parts: list[np.ndarray] = []
        self._fwd_lens: list[np.ndarray] = []
        self._words: dict[str, int] = {_SEP: 0}

    def columns(self) -> dict[str, np.ndarray]:
        """The per-record columns gathered so far, in their saved dtypes."""
        return {name: np.asarray(self.cols[name], dtype=dtype) for name, dtype in _RECORD_COLUMNS}

    @property
    def count(self) -> int:
        """Records added so far."""
        return len(self.cols["kind"])

    def doc_index(self, doc: str, title: str | None = None) -> int:
        index = self._doc_ids.get(doc)
        if index is None:
            index = self._doc_ids[doc] = len(self.docs)
            self.docs.append([doc, title or ""])
        elif title and not self.docs[index][1]:
            self.docs[index][1] = title
        return index

    def add(
        self, text: str, kind: int, doc: int, sent: int, start: int, end: int, ref: int, labels: int
    ) -> None:
        cols = self.cols
        cols["kind"].append(kind)
        cols["doc"].append(doc)
        cols["sent"].append(sent)
        cols["start"].append(start)
        cols["end"].append(end)
        cols["ref"].append(ref)
        cols["labels"].append(labels)
        self._texts.append(text)
        if len(self._texts) >= _BUILD_CHUNK:
            self._flush()

    def _flush(self) -> None:
        texts = self._texts
        if not texts:
            return
        self._texts = []
        encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
        for data in encoded:
            self._blob += data
        self._text_lens.extend(map(len, encoded))
        joined = _SEP.join(texts) + _SEP
        if joined.count(_SEP) != len(texts):  # a NUL inside a text would split it
            joined = _SEP.join(t.replace(_SEP, " ") for t in texts) + _SEP
        words = _BUILD_RE.findall(fold(joined))
        if not joined.isascii():
            words = terms(words)
        ids_of = self._words
        for word in set(words).difference(ids_of):
            ids_of[word] = len(ids_of)
        ids = np.fromiter(map(ids_of.__getitem__, words), dtype=np.int32, count=len(words))
        seps = np.flatnonzero(ids == 0)
        self._fwd_lens.append(np.diff(np.concatenate(([-1], seps))) - 1)
        self._fwd_parts.append(ids[ids != 0])

    def finish(self) -> tuple[dict[str, np.ndarray], list[str]]:
        self._flush()
        old_words = list(self._words)  # index = old id; 0 is the separator
        order = sorted(range(1, len(old_words)), key=old_words.__getitem__)
        vocab = [old_words[i] for i in order]
        remap = np.zeros(len(old_words), dtype=np.int32)
        remap[np.asarray(order, dtype=np.int64)] = np.arange(len(order), dtype=np.int32)
        fwd = np.concatenate(self._fwd_parts) if self._fwd_parts else np.empty(0, np.int32)
        self._fwd_parts = []
        fwd = remap[fwd] if len(fwd) else fwd.astype(np.int32)
        lens = (np.concatenate(self._fwd_lens) if self._fwd_lens else np.empty(0, np.int64)).astype(
            np.int64
        )
        fwd_off = np.zeros(len(lens) + 1, dtype=np.int64)
        np.cumsum(lens, out=fwd_off[1:])
        # Postings: (word << 32 | record) keys, sorted and deduplicated in place, chunk by
        # chunk, so a million sentences never hold more than one extra copy of the keys.
        pairs = fwd.astype(np.int64)
        pairs <<= 32
        step = 65_536
        for lo in range(0, len(lens), step):
            hi = min(lo + step, len(lens))
            pairs[fwd_off[lo] : fwd_off[hi]] |= np.repeat(
                np.arange(lo, hi, dtype=np.int64), lens[lo:hi]
            )
        pairs.sort()  # a sort and a shift beat np.unique's hashing several times over
        if len(pairs):
            keep = np.empty(len(pairs), dtype=bool)
            keep[0] = True
            np.not_equal(pairs[1:], pairs[:-1], out=keep[1:])
            pairs = pairs[keep]
            del keep
        post_off = np.searchsorted(pairs, np.arange(len(vocab) + 1, dtype=np.int64) << 32)
        post = pairs.astype(np.int32)  # the low 32 bits: the record
        del pairs
        text_lens = np.frombuffer(self._text_lens, dtype=np.int64)
        text_off = np.zeros(len(text_lens) + 1, dtype=np.int64)
        np.cumsum(text_lens, out=text_off[1:])
        blob = np.frombuffer(self._blob, dtype=np.uint8)  # shares the bytearray, no copy
        arrays = _packed(self.columns(), text_off, blob, fwd_off, fwd, post_off, post, len(vocab))
        # Records without documents point at -1; the doc filter's table keeps a False there.
        return arrays, vocab

    def finish_update(
        self, old: SearchIndex, segments: list[tuple[str, int, int, int]], doc_remap: np.ndarray
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
        new_text_lens = np.frombuffer(self._text_lens, dtype=np.int64)
        new_text_off = np.zeros(len(new_text_lens) + 1, dtype=np.int64)
        np.cumsum(new_text_lens, out=new_text_off[1:])
        new_blob = np.frombuffer(self._blob, dtype=np.uint8)
        new_cols = self.columns()
        old_cols = {
            "kind": old._kind,
            "sent": old._sent,
            "start": old._start,
            "end": old._end,
            "ref": old._ref,
            "labels": old._labels,
        }
        old_fwd_off = np.asarray(old._fwd_off)
        old_text_off = np.asarray(old._text_off)
        parts: dict[str, list[np.ndarray]] = {name: [] for name in new_cols}
        fwd_parts: list[np.ndarray] = []
        fwd_lens: list[np.ndarray] = []
        text_lens: list[np.ndarray] = []
        blob_parts: list[np.ndarray] = []
        rec_map = np.full(old.records, -1, dtype=np.int64)  # old record -> new record
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
                parts["doc"].append(doc_remap[np.asarray(old._doc[lo:hi])])
                f0, f1 = int(old_fwd_off[lo]), int(old_fwd_off[hi])
                fwd_parts.append(map_old[np.asarray(old._fwd[f0:f1])])
                fwd_lens.append(np.diff(old_fwd_off[lo : hi + 1]))
                text_lens.append(np.diff(old_text_off[lo : hi + 1]))
                blob_parts.append(
                    np.asarray(old._text_blob[int(old_text_off[lo]) : int(old_text_off[hi])])
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
        old_post_off = np.asarray(old._post_off)
        keys = np.empty(int(old_post_off[-1]) + len(new_keys), dtype=np.int64)
        filled = taken = 0
        w0, n_words = 0, len(old.vocab)
        while w0 < n_words:
            reach = np.searchsorted(old_post_off, old_post_off[w0] + _MERGE_CHUNK, side="right")
            w1 = min(max(int(reach) - 1, w0 + 1), n_words)
            p0, p1 = int(old_post_off[w0]), int(old_post_off[w1])
            recs = rec_map[np.asarray(old._post[p0:p1])]
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
        tlens = joined(text_lens, np.int64)
        text_off = np.zeros(len(tlens) + 1, dtype=np.int64)
        np.cumsum(tlens, out=text_off[1:])
        columns = {name: joined(parts[name], dtype) for name, dtype in _RECORD_COLUMNS}
        blob = joined(blob_parts, np.uint8)
        arrays = _packed(columns, text_off, blob, fwd_off, fwd, post_off, post, len(vocab))
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
        builder.entity_rows.append([entity.key, entity.label, doc, sentence])
        doc_index = builder.doc_index(doc) if doc else -1
        bits = LABEL_BITS.get(entity.label, 0)
        seen: set[str] = set()
        for name in (entity.name, *entity.aliases):
            key = fold(name)
            if not name or key in seen:
                continue
            seen.add(key)
            builder.add(name, KIND_ENTITY, doc_index, sentence, -1, -1, ent_index, bits)
    for fact_index, fact in enumerate(facts):
        builder.predicates.append(fact.predicate)
        doc_index = builder.doc_index(fact.doc) if fact.doc else -1
        bits = label_bits.get((fact.doc, fact.sentence), 0)
        builder.add(fact_line(fact), KIND_FACT, doc_index, fact.sentence, -1, -1, fact_index, bits)


def _fact_runs(
    old: SearchIndex, corpus: Corpus, first_sentence: int
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
    first_fact = int(np.searchsorted(np.asarray(old._kind), KIND_FACT))
    docs = np.asarray(old._doc[first_fact:first_sentence])
    refs = np.asarray(old._ref[first_fact:first_sentence])
    if not len(docs):
        return {}
    if (docs < 0).any() or not np.array_equal(refs, np.arange(len(refs))):
        return None
    cuts = np.flatnonzero(docs[1:] != docs[:-1]) + 1
    starts = np.concatenate(([0], cuts))
    ends = np.concatenate((cuts, [len(docs)]))
    runs: dict[str, tuple[int, int, int, int]] = {}
    for d, lo, hi in zip(docs[starts].tolist(), starts.tolist(), ends.tolist(), strict=True):
        doc_id = old._docs[d][0]
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
        out = []
        for doc in documents_of():
            sha = hashes.get(doc.id) or ""
            whole = f"{sha}|{doc.title}|{doc.sentences}|{doc.mentions}|{doc.facts}|{doc.chars}"
            fp = _digest(whole) if sha else ""
            out.append([doc.id, fp, int(doc.sentences)])
        return out
    except Exception:  # a corpus that cannot list them is indexed in full each time
        return None


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


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


def _generation(corpus: Corpus) -> str:
    return str(corpus.generation())


def _mention_tables(
    corpus: Corpus,
) -> tuple[dict[tuple[str, int], int], dict[str, tuple[str, int]]]:
    """Label bits per (document, sentence) and the first mention of each entity, when the
    corpus can list its mentions (the store can; a bare `Corpus` need not)."""
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
    except Exception:  # a corpus whose mentions cannot be listed still gets an index
        return {}, {}
    return bits, first


#: Entities whose first mention an update cannot tell from the saved index (it was in a
#: document since changed or removed, or the entity is new) are asked of the corpus one by
#: one; beyond this many, every mention is read instead.
_ASK_AT_MOST = 5_000


def _updated_mention_tables(
    old: SearchIndex,
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
    labels = old._labels
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
    saved_first = {row[0]: (row[2], row[3]) for row in old._entities}
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


def _check(arrays: dict[str, np.ndarray], vocab: list[str], meta: dict, tables: dict) -> None:
    """Refuse a cache whose parts do not fit together (a truncated or mixed-up folder)."""
    records = len(arrays["kind"])
    if meta.get("records") != records or meta.get("vocab") != len(vocab):
        raise ValueError("index parts disagree")
    for name in ("doc", "sent", "start", "end", "ref", "labels"):
        if len(arrays[name]) != records:
            raise ValueError("index parts disagree")
    if len(arrays["text_off"]) != records + 1 or len(arrays["fwd_off"]) != records + 1:
        raise ValueError("index parts disagree")
    if int(arrays["text_off"][-1]) != len(arrays["text_blob"]):
        raise ValueError("index text truncated")
    if int(arrays["fwd_off"][-1]) != len(arrays["fwd"]):
        raise ValueError("index words truncated")
    if len(arrays["post_off"]) != len(vocab) + 1 or int(arrays["post_off"][-1]) != len(
        arrays["post"]
    ):
        raise ValueError("index postings truncated")
    if not isinstance(tables.get("docs"), list) or not isinstance(tables.get("entities"), list):
        raise ValueError("index tables damaged")
