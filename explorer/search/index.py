"""`SearchIndex`: every sentence, entity name and fact of a corpus as a record, searchable as
you type; the one object the TUI and the CLI hold. It puts the rooms of `explorer.search`
together:

- `analysis`: what a word is (tokenising, folding case and accents);
- `arrays`: the records, forward index and postings as typed numpy arrays;
- `expansion`: what a query word matches in the vocabulary (exact, prefix, typo);
- `matching`: a query's candidate records and which of them match;
- `ranking`: the rank rules, packed into one `RankKey`;
- `hits`: the best page as `Hit`s with highlight ranges, and grouped results;
- `build` and `persist`: building or updating the index, saving and loading it.

A query is answered by taking the rarest query term's postings as candidates, narrowing them
by the other terms' postings, then checking every term on the candidates; only the best page
is turned into `Hit`s. Words without typos are tried first: when they already fill a page,
typo matches could only rank below it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import uuid
import weakref
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from explorer.model import Corpus, Hit
from explorer.search import build as _build
from explorer.search import merge as _merge
from explorer.search import persist
from explorer.search.arrays import KIND_ENTITY, KIND_SENTENCE, IndexArrays, IndexTables
from explorer.search.build import IndexParts, fact_line, generation_of
from explorer.search.expansion import Vocabulary, typo_budget
from explorer.search.hits import GROUP_NAMES, Group, HitMaker
from explorer.search.matching import Matcher, Plan
from explorer.search.persist import cache_dir
from explorer.search.query import Query, parse
from explorer.search.ranking import RankKey

__all__ = ["GROUP_LIMITS", "Group", "SearchIndex", "cache_dir", "fact_line", "typo_budget"]

#: What a grouped search shows of each kind by default (the TUI's page): a name found in a
#: hundred facts still leaves the sentences their own page.
GROUP_LIMITS: Mapping[str, int] = {"entity": 25, "fact": 25, "sentence": 100}


class IndexPart:
    """One part of the index: records with their own vocabulary, postings and tables, and
    the best page of its records for a query. A build makes one part of everything; an
    index that grows adds small parts beside it (`SearchIndex`)."""

    def __init__(self, arrays: IndexArrays, vocab: list[str], tables: IndexTables) -> None:
        self.arrays = arrays
        self.tables = tables
        self.vocabulary = Vocabulary(vocab, arrays.post_off)
        self.matcher = Matcher(
            arrays, self.vocabulary, tables.docs, tables.predicates, tables.doc_periods
        )
        self.hit_maker = HitMaker(arrays, tables, self.matcher)
        self.generation: str = tables.generation
        self.records = arrays.records
        self.sentences = int(np.count_nonzero(np.asarray(arrays.kind) == KIND_SENTENCE))

    @classmethod
    def _of(cls, parts: IndexParts) -> IndexPart:
        return cls(parts.arrays, parts.vocab, parts.tables)

    @property
    def vocab(self) -> list[str]:
        """The sorted distinct normalised words of the index."""
        return self.vocabulary.words

    @property
    def parts(self) -> IndexParts:
        """What the index is made of (what `save` writes and `update` starts from)."""
        return IndexParts(self.arrays, self.vocab, self.tables)

    def clear_caches(self) -> None:
        """Forget the word expansions kept between keystrokes (benchmarks time cold queries)."""
        self.vocabulary.clear_caches()
        self.matcher.clear_caches()

    @classmethod
    def load(cls, directory: Path) -> IndexPart:
        """The index saved in `directory`; raises (ValueError, OSError, ...) when it is not a
        complete index of this format."""
        parts, text_file, text_base = persist.load(directory)
        index = cls._of(parts)
        index._read_text_from(text_file, text_base)
        return index

    def reopened(self, directory: Path) -> IndexPart:
        """The same part (its arrays shared, not read again) with caches and a mask of its
        own, its text read through a file of its own (saved in `directory`)."""
        part = IndexPart(self.arrays, self.vocab, self.tables)
        if self.hit_maker.text_file is not None:
            text_file = open(Path(directory) / "text_blob.npy", "rb")  # noqa: SIM115
            part._read_text_from(text_file, self.hit_maker.text_base)
        return part

    def _read_text_from(self, text_file: BinaryIO, base: int) -> None:
        self.hit_maker.text_file = text_file
        self.hit_maker.text_base = base
        weakref.finalize(self, text_file.close)  # closed with the index, however it goes

    # ---------------------------------------------------------------- searching

    def search(self, query: str, limit: int = 50, kind: str | None = None) -> list[Hit]:
        """The best `limit` hits for a typed query, ranked, with highlight ranges. Never raises
        on a malformed query; an empty query (or one of operators or exclusions only) returns
        no hits. `Hit.score` summarises the rank: terms matched, less 0.25 a typo (a longer
        word that a complete word starts counts one), 0.01 a step of distance between terms,
        0.001 a prefix match (higher is better).

        `kind` ("entity", "fact" or "sentence") keeps hits of that kind only, ranked the
        same way (`search_grouped` asks for each kind at once)."""
        parsed = parse(query)
        if parsed.is_empty or limit <= 0 or self.records == 0:
            return []
        rec_range = self.matcher.kind_range(kind) if kind is not None else None
        if rec_range is not None and rec_range[0] >= rec_range[1]:
            return []
        return self._page(parsed, rec_range, limit, 0, count=False).hits

    def search_grouped(
        self,
        query: str,
        limits: Mapping[str, int] | None = None,
        offsets: Mapping[str, int] | None = None,
    ) -> list[Group]:
        """What one keystroke shows: entities, facts and sentences for a typed query, each
        kind ranked by the search rules as `search(kind=)` ranks it, as a page of
        `limits[kind]` hits from `offsets[kind]` (GROUP_LIMITS, 0) with the kind's total.
        Every kind is in the answer, in that order, empty ones too; none for an empty query."""
        parsed = parse(query)
        if parsed.is_empty or self.records == 0:
            return []
        limits = GROUP_LIMITS if limits is None else limits
        offsets = offsets or {}
        groups = []
        for kind in GROUP_NAMES:
            limit, offset = max(0, limits.get(kind, 0)), max(0, offsets.get(kind, 0))
            rec_range = self.matcher.kind_range(kind)
            if rec_range[0] >= rec_range[1]:
                groups.append(Group(kind, [], 0, offset))
                continue
            groups.append(self._page(parsed, rec_range, limit, offset, count=True))
        return groups

    def _page(
        self,
        parsed: Query,
        rec_range: tuple[int, int] | None,
        limit: int,
        offset: int,
        count: bool,
    ) -> Group:
        """Hits `offset` to `offset + limit` (of one kind when `rec_range` is given) and,
        with `count`, how many hits there are in all."""
        plan, top, total, exact = self.ranked(parsed, rec_range, offset + limit, count)
        hits = self.hit_maker.hits(plan, top[offset:]) if plan is not None else []
        return Group(self._kind_of(rec_range), hits, total, offset, exact)

    def ranked(
        self, parsed: Query, rec_range: tuple[int, int] | None, want: int, count: bool
    ) -> tuple[Plan | None, list[tuple[int, int]], int, bool]:
        """The plan, the best `want` (record, key) pairs in rank order (of one kind when
        `rec_range` is given) and, with `count`, how many hits there are in all and whether
        that count is exact."""
        forgiving = any(
            typo_budget(word)
            for group in parsed.groups
            for term in group
            if not (term.exact or term.is_phrase)
            for word in term.words
        )
        if want > 0 and forgiving and all(len(group) == 1 for group in parsed.groups):
            # Every hit matches every term, so any hit without a typo outranks every hit with
            # one: when there are a page of those, typo candidates need not be looked at. (A
            # complete word's longer words rank as typos: a page that needs them is not one.)
            plan = self.matcher.plan(parsed, typos=False, rec_range=rec_range)
            if plan is not None:
                recs, keys, _complete = self.matcher.ranked(plan, want)
                top = self.hit_maker.top(recs, keys, want)
                if len(top) >= want and RankKey.unpack(top[-1][1]).typos == 0:
                    total, exact = self._total(parsed, rec_range, want) if count else (0, False)
                    return plan, top, total, exact
        plan = self.matcher.plan(parsed, rec_range=rec_range)
        if plan is None or want <= 0:
            total, exact = self._total(parsed, rec_range, want, plan) if count else (0, True)
            return plan, [], total, exact
        recs, keys, complete = self.matcher.ranked(plan, want)
        top = self.hit_maker.top(recs, keys, want)
        total, exact = self._counted(plan, recs, complete) if count else (0, complete)
        return plan, top, total, exact

    def _kind_of(self, rec_range: tuple[int, int] | None) -> str:
        if rec_range is None or rec_range[0] >= rec_range[1]:
            return ""
        return ("entity", "fact", "sentence")[int(self.arrays.kind[rec_range[0]])]

    def _total(
        self,
        parsed: Query,
        rec_range: tuple[int, int] | None,
        want: int,
        plan: Plan | None = None,
    ) -> tuple[int, bool]:
        """How many hits the query has (typo matches included), and whether that is exact."""
        if plan is None:
            plan = self.matcher.plan(parsed, rec_range=rec_range)
            if plan is None:
                return 0, True
        if plan.single_word:  # its postings, without ranking them
            every = self.matcher.single_word_matches(plan)
            if every is not None:
                return self._counted(plan, every, True)
        recs, _keys, complete = self.matcher.ranked(plan, max(want, 1))
        return self._counted(plan, recs, complete)

    def _counted(self, plan: Plan, recs: np.ndarray, complete: bool) -> tuple[int, bool]:
        """Hits among matching records `recs` (an entity's names count once), and whether that
        is all of them. When `recs` are not `complete`, one plain word's postings or a filter's
        records are counted in full where that is cheap; else the count is a lower bound."""
        if not complete:
            if plan.single_word:
                every = self.matcher.single_word_matches(plan)
            else:
                every = self.matcher.filter_matches(plan)
            if every is not None:
                recs, complete = every, True
        if not len(recs):
            return 0, complete
        entities = recs[np.asarray(self.arrays.kind)[recs] == KIND_ENTITY]
        if len(entities):
            folded = len(np.unique(np.asarray(self.arrays.ref)[entities]))
            return len(recs) - len(entities) + folded, complete
        return len(recs), complete

    def doc_filter(self, names: Sequence[str]) -> np.ndarray:
        """Per document (and a last False for records without one): does its id or title
        contain every one of `names` (folded)?"""
        return self.matcher.doc_filter(names)


#: The rank rules of a packed `RankKey` without its record (the last tie-break: parts merge
#: their pages by these rules, kind and words included, then by the store's record order).
_RULES_SHIFT = RankKey.RECORD_BITS


@dataclass(slots=True)
class _Served:
    """A part as the index searches it: which of its records are served (`span`: a build's
    part gives up its entity names to a names part), and per document index of the part its
    place in the store's order (-1 when the document changed or went since the part was
    written: its records are masked), which orders records across parts."""

    part: IndexPart
    folder: str = ""
    span: tuple[int, int] | None = None
    place: np.ndarray | None = None

    def range_of(self, kind: str | None) -> tuple[int, int] | None:
        """The records of `kind` (all when None) that this part serves."""
        rec_range = self.part.matcher.kind_range(kind) if kind is not None else None
        if self.span is None:
            return rec_range
        if rec_range is None:
            return self.span
        return max(rec_range[0], self.span[0]), min(rec_range[1], self.span[1])

    def order(self, recs: np.ndarray) -> np.ndarray:
        """Each record's place in the whole index's record order, as comparable numbers:
        kind, then the document's place in the store and the record's place in its part (a
        document's records are all in one part); an entity name's is its record (entity
        names are in one part, in the order a build gives them)."""
        a = self.part.arrays
        kinds = np.asarray(a.kind)[recs].astype(np.int64)
        if self.place is None:
            return recs
        places = self.place[np.asarray(a.doc)[recs]]
        return np.where(kinds == KIND_ENTITY, recs, (kinds << 60) | (places << 32) | recs)


class SearchIndex:
    """An immutable snapshot of a corpus, searchable as you type. Safe to share across threads.

    A build is one part. After the store changes, `load_or_build` grows the saved index
    instead of rebuilding it: the new and changed documents' facts and sentences go into a
    small tail part, the entity names into a names part made afresh, and the older parts'
    records of changed or removed documents are masked. A query asks each part for its best
    page and merges them by rank key and record order: the same page a build gives."""

    def __init__(
        self,
        served: list[_Served],
        generation: str,
        fingerprints: list[list[Any]] | None = None,
    ) -> None:
        self._served = served
        self.generation = generation
        self.fingerprints = fingerprints
        self.loaded_from_cache = False
        #: True when `load_or_build` updated a saved index rather than building one; then
        #: `update_stats` says how many records were kept and how many indexed afresh.
        self.updated_from_cache = False
        self.update_stats: dict[str, int] = {}
        #: documents added (or changed) and dropped since the names part was made: a batch
        #: of an ingest grows the tails only (`grow_batch`), the names wait for its end
        self.names_behind: tuple[list[str], list[str]] = ([], [])
        self.records = 0
        self.sentences = 0
        for s in served:
            lo, hi = s.span if s.span is not None else (0, s.part.records)
            kinds = np.asarray(s.part.arrays.kind[lo:hi])
            live = s.part.matcher.live
            live = live[lo:hi] if live is not None else np.ones(hi - lo, dtype=bool)
            self.records += int(np.count_nonzero(live))
            self.sentences += int(np.count_nonzero(live & (kinds == KIND_SENTENCE)))

    @classmethod
    def _of(cls, parts: IndexParts) -> SearchIndex:
        return cls(
            [_Served(IndexPart._of(parts))], parts.tables.generation, parts.tables.fingerprints
        )

    @property
    def part_count(self) -> int:
        """How many parts the index is searched as (1 for a build)."""
        return len(self._served)

    @property
    def base(self) -> IndexPart:
        """The first part: a build's, every record when the index has not grown."""
        return self._served[0].part

    # What a one-part index is made of (tests and benchmarks look inside a build).
    @property
    def arrays(self) -> IndexArrays:
        """The first part's arrays."""
        return self.base.arrays

    @property
    def tables(self) -> IndexTables:
        """The first part's tables."""
        return self.base.tables

    @property
    def vocab(self) -> list[str]:
        """The sorted distinct normalised words of the first part."""
        return self.base.vocab

    @property
    def vocabulary(self) -> Vocabulary:
        """The first part's vocabulary."""
        return self.base.vocabulary

    @property
    def matcher(self) -> Matcher:
        """The first part's matcher."""
        return self.base.matcher

    @property
    def hit_maker(self) -> HitMaker:
        """The first part's hit maker."""
        return self.base.hit_maker

    @property
    def parts(self) -> IndexParts:
        """What a one-part index is made of (what `save` writes and `update` starts from)."""
        if len(self._served) != 1 or self._served[0].span is not None:
            raise ValueError("an index of several parts is not one part")
        parts = self.base.parts
        parts.tables.fingerprints = self.fingerprints
        parts.tables.generation = self.generation
        return parts

    def clear_caches(self) -> None:
        """Forget the word expansions kept between keystrokes (benchmarks time cold queries)."""
        for s in self._served:
            s.part.clear_caches()

    # ---------------------------------------------------------------- building and caching

    @classmethod
    def build(cls, corpus: Corpus) -> SearchIndex:
        """Index every entity name and alias, fact and sentence of `corpus`."""
        return cls._of(_build.build(corpus))

    @classmethod
    def update(cls, old: SearchIndex, corpus: Corpus) -> SearchIndex | None:
        """A one-part `old` brought up to date with `corpus` in one part, without tokenising
        again the sentences of the documents that did not change: the same arrays
        `build(corpus)` makes. None when it cannot be done or is not worth it: then build.
        (`load_or_build` grows the index instead when the corpus lists facts and mentions
        by document, as the store does.)"""
        done = _build.update(old.parts, corpus)
        if done is None:
            return None
        parts, stats = done
        index = cls._of(parts)
        index.updated_from_cache = True
        index.update_stats = stats
        return index

    @classmethod
    def load_or_build(cls, corpus: Corpus) -> SearchIndex:
        """The cached index beside the store when it matches the store's generation; else
        that index grown (or updated) for the documents added, changed or removed since it
        was saved; else a fresh one. Saved for next time when the directory is writable."""
        return cls._load_or_build(corpus)

    @classmethod
    def grow_batch(cls, corpus: Corpus) -> SearchIndex | None:
        """`load_or_build` for a batch an ingest has just committed (its callback): the
        documents added since the index was saved are indexed as a tail and the tails merged
        in tiers (`_tier_run`: each record merged a few times, not once per batch). Left
        for the end of the ingest, which resolves the entities: the entity names (a names
        part is made from every entity of the store), the merge into the base, and the
        identity decisions: the batch's mentions label its sentences as extracted. The
        index saved is then behind the store (its generation says so, and which documents
        were indexed so), and whoever loads it next grows it the rest of the way, the
        documents an identity decision relabels indexed again (`_relabelled`). None when
        nothing could be saved."""
        directory = cache_dir(corpus.path)
        generation = generation_of(corpus)
        raw = _AsExtracted.of(corpus)
        with _index_lock(directory):
            old = None
            with contextlib.suppress(Exception):  # absent, stale or corrupt: built below
                old = cls.load(directory)
                if old.generation in (generation, BEHIND + generation):
                    return old
            if raw is None or not _build.parts_supported(corpus):
                return None  # grown (or built) at the ingest's end
            if old is not None:
                with contextlib.suppress(Exception):  # a build is due, or a cache that
                    grown = _grow(old, raw, directory, batch=True)  # does not add up
                    if grown is not None:
                        return grown
            del old
            try:
                built = cls.build_saved(raw, directory)
                now = _build._fingerprints(corpus) or []
                manifest: dict[str, Any] = {
                    "base": generation,
                    "base_span": None,
                    "generation": BEHIND + generation,
                    "fingerprints": now,
                    "parts": [],
                    "names_fresh": [item[0] for item in now],
                    "names_dropped": [],
                }
                persist.save_manifest(directory, manifest)
                del built
                return cls.load(directory)
            except Exception:  # a read-only place: nothing to keep; the end builds
                return None

    @classmethod
    def _load_or_build(cls, corpus: Corpus) -> SearchIndex:
        directory = cache_dir(corpus.path)
        generation = generation_of(corpus)
        seen, old = _stamp(directory), None
        with contextlib.suppress(Exception):  # a grow under way, absent, corrupt: below
            old = cls.load(directory)
            if old.generation == generation:
                return old
        # One process at a time grows or builds (an ingest's batches and the app's live
        # view may both): the one that waited loads what the other saved.
        with _index_lock(directory):
            if old is None or seen is None or _stamp(directory) != seen:
                try:
                    old = cls.load(directory)
                    if old.generation == generation:
                        return old
                except Exception:  # absent, stale or corrupt: rebuilt below, never a crash
                    old = None
            return cls._grown_or_built(corpus, directory, old)

    @classmethod
    def _grown_or_built(
        cls, corpus: Corpus, directory: Path, old: SearchIndex | None
    ) -> SearchIndex:
        if old is not None and _build.parts_supported(corpus):
            try:
                grown = _grow(old, corpus, directory)
            except OSError:
                grown = None  # a read-only place: built (uncached) below
            except Exception:  # a cache whose insides do not add up: rebuilt, never a crash
                grown = None
            if grown is not None:
                return grown
            old = None
        index = None
        if old is not None:
            try:
                index = cls.update(old, corpus)
            except Exception:  # a cache whose insides do not add up: rebuilt, never a crash
                index = None
            del old
        if index is None:
            try:  # built in parts merged straight into the saved files
                return cls.build_saved(corpus, directory)
            except OSError:
                index = cls.build(corpus)  # a read-only place: built in memory, uncached
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

    @classmethod
    def build_saved(cls, corpus: Corpus, directory: Path) -> SearchIndex:
        """`build(corpus)` saved to `directory` and loaded from it: a big corpus is built
        as parts merged into the saved files (`merge.build_in_parts`), so the build holds a
        part at a time, never the whole index."""
        persist.save_made(lambda alloc: _merge.build_in_parts(corpus, alloc), directory)
        index = cls.load(directory)
        index.loaded_from_cache = False
        return index

    def save(self, directory: Path) -> None:
        """Write a one-part index to `directory` atomically (a temporary folder renamed into
        place). A grown index is saved as it grows (`load_or_build`)."""
        persist.save(self.parts, directory)

    @classmethod
    def load(cls, directory: Path) -> SearchIndex:
        """The index saved in `directory`; raises (ValueError, OSError, ...) when it is not a
        complete index of this format."""
        directory = Path(directory)
        manifest = persist.load_manifest(directory)
        base = IndexPart.load(directory)
        if manifest is None:
            index = cls([_Served(base)], base.tables.generation, base.tables.fingerprints)
        else:
            if manifest.get("base") != base.tables.generation:
                raise ValueError("index manifest is not of this base")
            base.tables.fingerprints = None  # the manifest's are the index's (48 MB at 200k)
            # A few hundred predicates among a million facts, one string each (52 MB at 200k,
            # for 0.03 CPU-s: a grown index's load saves more than that on its masks), in
            # place: the matcher holds the list.
            predicates = base.tables.predicates
            one: dict[str, str] = {}
            predicates[:] = [one.setdefault(p, p) for p in predicates]
            served = [_Served(base, ".", _span(manifest.get("base_span")))]
            for folder in manifest["parts"]:
                served.append(_Served(IndexPart.load(directory / folder), folder))
            index = cls._masked(served, manifest["generation"], manifest["fingerprints"])
            index.names_behind = (
                list(manifest.get("names_fresh") or ()),
                list(manifest.get("names_dropped") or ()),
            )
        index.loaded_from_cache = True
        return index

    @classmethod
    def _masked(
        cls, served: list[_Served], generation: str, fingerprints: list[list[Any]]
    ) -> SearchIndex:
        """An index of these parts at the store's documents `fingerprints` (in store order):
        each document's records are live in the newest part holding them only."""
        position = {item[0]: i for i, item in enumerate(fingerprints)}
        claimed = np.zeros(len(fingerprints), dtype=bool)  # per store place: in a newer part
        for s in reversed(served):
            docs = s.part.tables.docs
            if s.folder.startswith("names-"):
                continue  # its documents are only where names are first met
            found = np.fromiter(
                (position.get(doc_id, -1) for doc_id, _title in docs), np.int64, len(docs)
            )
            rows = np.flatnonzero(found >= 0)
            rows = rows[~claimed[found[rows]]]
            places = found[rows]
            _unique, first = np.unique(places, return_index=True)
            if len(first) < len(places):  # a document twice in a part: its first row holds
                rows = rows[np.sort(first)]
                places = found[rows]
            place = np.full(len(docs) + 1, -1, dtype=np.int64)
            place[-1] = 0  # records without a document (a fact without one) stay
            place[rows] = places
            claimed[places] = True
            s.place = place
            live = (place >= 0)[np.asarray(s.part.arrays.doc)]  # bools gathered, not places
            if s.span is not None:
                live[: s.span[0]] = False
                live[s.span[1] :] = False
            s.part.matcher.mask(live)
        return cls(served, generation, fingerprints)

    # ---------------------------------------------------------------- searching

    def search(self, query: str, limit: int = 50, kind: str | None = None) -> list[Hit]:
        """The best `limit` hits for a typed query, ranked, with highlight ranges. Never raises
        on a malformed query; an empty query (or one of operators or exclusions only) returns
        no hits. `Hit.score` summarises the rank: terms matched, less 0.25 a typo (a longer
        word that a complete word starts counts one), 0.01 a step of distance between terms,
        0.001 a prefix match (higher is better).

        `kind` ("entity", "fact" or "sentence") keeps hits of that kind only, ranked the
        same way (`search_grouped` asks for each kind at once)."""
        if len(self._served) == 1 and self._served[0].span is None:
            return self.base.search(query, limit, kind)
        parsed = parse(query)
        if parsed.is_empty or limit <= 0 or self.records == 0:
            return []
        if kind is not None:
            self.base.matcher.kind_range(kind)  # an unknown kind raises, as a build's does
        return self._page(parsed, kind, limit, 0, count=False).hits

    def search_grouped(
        self,
        query: str,
        limits: Mapping[str, int] | None = None,
        offsets: Mapping[str, int] | None = None,
    ) -> list[Group]:
        """What one keystroke shows: entities, facts and sentences for a typed query, each
        kind ranked by the search rules as `search(kind=)` ranks it, as a page of
        `limits[kind]` hits from `offsets[kind]` (GROUP_LIMITS, 0) with the kind's total.
        Every kind is in the answer, in that order, empty ones too; none for an empty query."""
        if len(self._served) == 1 and self._served[0].span is None:
            return self.base.search_grouped(query, limits, offsets)
        parsed = parse(query)
        if parsed.is_empty or self.records == 0:
            return []
        limits = GROUP_LIMITS if limits is None else limits
        offsets = offsets or {}
        return [
            self._page(
                parsed, kind, max(0, limits.get(kind, 0)), max(0, offsets.get(kind, 0)), True
            )
            for kind in GROUP_NAMES
        ]

    def _page(self, parsed: Query, kind: str | None, limit: int, offset: int, count: bool) -> Group:
        """Hits `offset` to `offset + limit` of every part, merged by rank key and then
        record order, and with `count` how many hits there are in all."""
        want = offset + limit
        found: list[tuple[int, Plan, list[tuple[int, int]]]] = []
        total, exact = 0, True
        for i, s in enumerate(self._served):
            rec_range = s.range_of(kind)
            if rec_range is not None and rec_range[0] >= rec_range[1]:
                continue
            plan, top, n, complete = s.part.ranked(parsed, rec_range, want, count)
            total += n
            exact = exact and complete
            if top and plan is not None:
                found.append((i, plan, top))
        if not found:
            return Group(kind or "", [], total, offset, exact)
        if len(found) == 1:  # most keystrokes: the tail holds none of it
            i, plan, top = found[0]
            page_hits = self._served[i].part.hit_maker.hits(plan, top[offset:])
            return Group(kind or "", page_hits, total, offset, exact)
        parts, recs, keys, orders = [], [], [], []
        for i, _plan, top in found:
            got = np.asarray(top, dtype=np.int64)
            parts.append(np.full(len(got), i, dtype=np.int64))
            recs.append(got[:, 0])
            keys.append(got[:, 1])
            orders.append(self._served[i].order(got[:, 0]))
        key = np.concatenate(keys)
        rank = np.lexsort((np.concatenate(orders), key >> _RULES_SHIFT))[offset:want]
        part_of, rec_of, key_of = np.concatenate(parts)[rank], np.concatenate(recs)[rank], key[rank]
        plans = {i: plan for i, plan, _top in found}
        hits: list[Hit | None] = [None] * len(rank)
        for i in np.unique(part_of).tolist():
            at = np.flatnonzero(part_of == i).tolist()
            page = [(int(rec_of[j]), int(key_of[j])) for j in at]
            for j, hit in zip(at, self._served[i].part.hit_maker.hits(plans[i], page), strict=True):
                hits[j] = hit
        return Group(kind or "", [h for h in hits if h is not None], total, offset, exact)

    def doc_filter(self, names: Sequence[str]) -> np.ndarray:
        """Per document of the first part (and a last False for records without one): does
        its id or title contain every one of `names` (folded)?"""
        return self.base.doc_filter(names)


def _stamp(directory: Path) -> tuple[tuple[int, int, int], ...] | None:
    """The identity of the files a save replaces (the base's meta.json, the manifest): an
    index loaded before is still the saved one when they are the same files."""
    out = []
    for name in ("meta.json", persist.MANIFEST):
        try:
            st = os.stat(Path(directory) / name)
        except FileNotFoundError:
            out.append((0, 0, 0))
            continue
        except OSError:
            return None
        out.append((st.st_ino, st.st_mtime_ns, st.st_size))
    return tuple(out)


@contextlib.contextmanager
def _index_lock(directory: Path) -> Iterator[None]:
    """Held while the index is grown or built: `<store>.index.lock`, beside the index (whose
    folder a build replaces). Where it cannot be made (a read-only place, where nothing is
    saved either), nothing is locked."""
    try:
        fd = os.open(directory.with_name(directory.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # the lock goes with it


def _span(value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    lo, hi = value
    return int(lo), int(hi)


def _out_of_range(values: np.ndarray, bound: int, sample: int = 4096) -> bool:
    """Whether the first or last `sample` of `values` hold one outside [0, bound)."""
    for piece in (values[:sample], values[-sample:]):
        if len(piece) and (int(piece.max()) >= bound or int(piece.min()) < 0):
            return True
    return False


#: Tails a batch of an ingest leaves are merged in tiers (a log-structured merge, as
#: Lucene's): a tail's tier is log base `TIER_FACTOR` of its live records over `TIER_FLOOR`;
#: `TIER_FACTOR` tails of one tier at the end of the list are merged into one of the next.
#: So each record is merged once a tier (a few times, not once per batch), and at most
#: `TIER_FACTOR - 1` tails a tier are searched; past `BATCH_TAILS` tails, all are merged.
TIER_FACTOR = 4
TIER_FLOOR = 10_000
BATCH_TAILS = 12


def _tier(records: int) -> int:
    tier, size = 0, TIER_FLOOR * TIER_FACTOR
    while records >= size:
        tier, size = tier + 1, size * TIER_FACTOR
    return tier


def _tier_run(sizes: list[int]) -> int:
    """Where the run of tails to merge begins, given the tails' live records oldest first
    (the newest last): `len(sizes)` when none is to be merged. The newest tail and the
    tails before it of its tier or lower are merged when they are `TIER_FACTOR`; the merged
    tail may then complete a run of the tier above, and so on (merged at once)."""
    n = len(sizes)
    if n > BATCH_TAILS:
        return 0
    start, size = n - 1, sizes[-1] if sizes else 0
    while start > 0:
        tier = _tier(size)
        first = start
        while first > 0 and _tier(sizes[first - 1]) <= tier:
            first -= 1
        if start - first + 1 < TIER_FACTOR:
            break
        start, size = first, sum(sizes[first:])
    return start if start < n - 1 else n


def _sane(index: SearchIndex) -> bool:
    """The ends of each part's postings and words in range: a cache written over is built
    again, not a crash (a sample: reading them all would cost what the store holds;
    `explorer check` verifies every byte against its checksum)."""
    for s in index._served:
        a = s.part.arrays
        if _out_of_range(a.post, s.part.records) or _out_of_range(a.fwd, len(s.part.vocab)):
            return False
    return True


def _tiers_to_merge(tails: list[_Served], tail: IndexParts | None) -> int | None:
    """Where the run of tails (the new one last) a batch merges begins, or None."""
    sizes = [s.part.records - s.part.matcher.dead_within(None) for s in tails]
    if tail is not None:
        sizes.append(tail.arrays.records)
    run = _tier_run(sizes)
    return run if run < len(sizes) else None


def _grow(
    old: SearchIndex, corpus: Corpus, directory: Path, *, batch: bool = False
) -> SearchIndex | None:
    """`old` (loaded from `directory`) grown to `corpus`'s documents, written and loaded; None
    when a build is due instead (the corpus cannot say what changed, its order of documents
    changed, or the tail outgrew its share: `_build.grow_plan`). With `batch` (a batch an
    ingest committed: `SearchIndex.grow_batch`), tails only: no names part, the tails merged
    in tiers, and the manifest says what the names part lacks."""
    saved = old.fingerprints
    now = _build._fingerprints(corpus)
    if not saved or now is None:
        return None
    if not batch and old.names_behind[0]:
        # Documents a batch indexed with their mentions' labels as extracted, that an
        # identity decision (made since) relabels: indexed again, as changed ones are.
        relabel = _relabelled(corpus, old.names_behind[0])
        if relabel:
            saved = [[d, "" if d in relabel else fp, n] for d, fp, n in saved]
    tails = [s for s in old._served[1:] if not s.folder.startswith("names-")]
    names_before = next((s for s in old._served[1:] if s.folder.startswith("names-")), None)
    base = old._served[0]
    if not _sane(old):
        return None
    debt = sum(s.part.records for s in tails) + base.part.matcher.dead_within(base.span)
    plan = _build.grow_plan(saved, now, base.part.records, debt, len(tails))
    if plan is None:
        return None
    fresh, merge, stats = plan
    if batch:
        merge = ""  # tails in tiers (below); into the base at the ingest's end
    elif not merge and len(tails) + bool(fresh) > _build.MAX_TAILS:
        merge = "tails"  # the tiers a batched ingest left
    span = base.span
    if span is None and not batch:  # a build's part: its entity names give way to the names
        span = (base.part.matcher.kind_range("entity")[1], base.part.records)
    token = uuid.uuid4().hex[:12]
    folders = [s.folder for s in tails]
    made: dict[str, IndexParts] = {}  # the new parts, served as built (not parsed again)
    tail = _build.build_documents(corpus, fresh) if fresh else None
    if tail is not None:
        stats["records_indexed"] = tail.arrays.records
    if _build.appended(saved, now):
        dropped: list[str] = []  # documents added at the end only: none changed or gone
    else:
        had = {item[0] for item in saved}
        ids_now = {item[0] for item in now}
        dropped = [doc_id for doc_id in had if doc_id not in ids_now]
        dropped.extend(doc_id for doc_id in fresh if doc_id in had)
    names_fresh = list(dict.fromkeys([*old.names_behind[0], *fresh]))
    names_dropped = list(dict.fromkeys([*old.names_behind[1], *dropped]))
    names = None
    if not batch:
        # The names part before (or the build's names) patched for the documents it lacks;
        # when they are most of the store (a batched ingest into an empty one), every
        # entity's list is read anew: cheaper than every new document's mentions.
        was = (names_before.part if names_before else base.part).parts
        names = _build.build_names(
            corpus, was if 2 * len(names_fresh) <= len(now) else None, names_dropped, names_fresh
        )
        stats["records_indexed"] = stats.get("records_indexed", 0) + names.arrays.records
    merge_from: int | None = 0 if merge == "tails" else None
    if batch:
        merge_from = _tiers_to_merge(tails, tail)
    if merge == "base" or merge_from is not None:  # tails into one, or every part into one
        into_base = merge == "base"
        parts = [names] if into_base and names is not None else []
        served = [_Served(base.part.reopened(directory), ".", span)]
        served.extend(_Served(s.part.reopened(directory / s.folder), s.folder) for s in tails)
        if tail is not None:
            served.append(_Served(IndexPart._of(tail), "tail"))
        SearchIndex._masked(served, generation_of(corpus), now)
        sources = [_merge.Source(p) for p in parts]
        merged_from = 0 if into_base else 1 + (merge_from or 0)
        sources.extend(
            _merge.Source(s.part.parts, s.place, s.part.matcher.live) for s in served[merged_from:]
        )
        generation = generation_of(corpus) if into_base else _tail_generation(tail, tails)

        def make(alloc: _merge.Alloc) -> IndexParts:
            return _merge.merge(sources, generation, now if into_base else None, alloc)

        if into_base:
            persist.save_made(make, directory)
            merged = SearchIndex.load(directory)
            merged.loaded_from_cache = False
            merged.updated_from_cache = True
            stats["merged"] = merged.records
            stats["records_kept"] = merged.records - stats["records_indexed"]
            merged.update_stats = stats
            return merged
        persist.save_made(make, directory, f"tail-{token}")
        folders = [*folders[: merge_from or 0], f"tail-{token}"]
        stats["tails_merged"] = len(served) - merged_from
    elif tail is not None:
        persist.save_part(tail, directory, f"tail-{token}")
        folders.append(f"tail-{token}")
        made[f"tail-{token}"] = tail
    if names is not None:
        persist.save_part(names, directory, f"names-{token}")
        made[f"names-{token}"] = names
        folders.insert(0, f"names-{token}")
    elif names_before is not None:
        folders.insert(0, names_before.folder)
    # The names part first: entity names come before facts and sentences in record order.
    manifest: dict[str, Any] = {
        "base": base.part.tables.generation,
        "base_span": list(span) if span is not None else None,
        "generation": generation_of(corpus),
        "fingerprints": now,
        "parts": folders,
    }
    if batch:
        manifest["generation"] = BEHIND + manifest["generation"]
        manifest["names_fresh"] = names_fresh
        manifest["names_dropped"] = names_dropped
    persist.save_manifest(directory, manifest)
    # The parts kept are opened again over the same (mapped) arrays: masks of their own,
    # while `old` may still be answering another thread.
    served = [_Served(base.part.reopened(directory), ".", span)]
    by_folder = {s.folder: s.part for s in old._served}
    for folder in manifest["parts"]:
        was_part = by_folder.get(folder)
        if was_part is not None:
            part = was_part.reopened(directory / folder)
        elif folder in made:
            part = IndexPart._of(made[folder])
        else:  # a merged tail: written straight into its mapped files
            part = IndexPart.load(directory / folder)
        served.append(_Served(part, folder))
    grown = SearchIndex._masked(served, manifest["generation"], manifest["fingerprints"])
    if batch:
        grown.names_behind = (names_fresh, names_dropped)
    stats["records_kept"] = grown.records - stats.get("records_indexed", 0)
    grown.loaded_from_cache = False
    grown.updated_from_cache = True
    grown.update_stats = stats
    return grown


def _relabelled(corpus: Corpus, indexed: list[str]) -> set[str]:
    """Of the documents `indexed` (their sentences and facts labelled by their mentions as
    extracted), those that mention an entity an identity decision or a rule shows under
    another label now: their label bits are not a build's. All of them when the corpus
    cannot say."""
    relabelled = getattr(corpus, "relabelled_documents", None)
    if not callable(relabelled):
        return set(indexed)
    return set(indexed) & set(relabelled())


class _AsExtracted:
    """The store as a batch of an ingest indexes it: every mention with its label and name
    as extracted (the ingest makes its identity decisions at its end); the rest as is."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus

    @classmethod
    def of(cls, corpus: Corpus) -> Any:
        """`corpus` seen so, or None when its mentions cannot be asked for so."""
        import inspect

        try:
            method = corpus.mentions  # type: ignore[attr-defined]
            if "resolved" not in inspect.signature(method).parameters:
                return None
        except (AttributeError, TypeError, ValueError):
            return None
        return cls(corpus)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._corpus, name)

    def mentions(self, *, doc: str | None = None, entity: str | None = None) -> list[Any]:
        return self._corpus.mentions(doc=doc, entity=entity, resolved=False)  # type: ignore[attr-defined]


#: The generation of an index saved by a batch of an ingest begins with this: behind the
#: store's (never equal to one), so that its next load grows the names.
BEHIND = "behind:"


def _tail_generation(tail: IndexParts | None, tails: list[_Served]) -> str:
    """The generation a merged tail carries: its newest part's (tails are not checked
    against the store's generation; the manifest is)."""
    if tail is not None:
        return tail.tables.generation
    return tails[-1].part.tables.generation if tails else ""
