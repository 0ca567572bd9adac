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

import weakref
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np

from explorer.model import Corpus, Hit
from explorer.search import build as _build
from explorer.search import persist
from explorer.search.arrays import KIND_ENTITY, KIND_SENTENCE, IndexArrays, IndexTables
from explorer.search.build import IndexParts, fact_line, generation_of
from explorer.search.expansion import Vocabulary, typo_budget
from explorer.search.hits import GROUP_NAMES, Group, HitMaker
from explorer.search.matching import Matcher, Plan
from explorer.search.persist import cache_dir
from explorer.search.query import Query, parse

__all__ = ["GROUP_LIMITS", "Group", "SearchIndex", "cache_dir", "fact_line", "typo_budget"]

#: What a grouped search shows of each kind by default (the TUI's page): a name found in a
#: hundred facts still leaves the sentences their own page.
GROUP_LIMITS: Mapping[str, int] = {"entity": 25, "fact": 25, "sentence": 100}


class SearchIndex:
    """An immutable snapshot of a corpus, searchable as you type. Safe to share across threads."""

    def __init__(self, arrays: IndexArrays, vocab: list[str], tables: IndexTables) -> None:
        self.arrays = arrays
        self.tables = tables
        self.vocabulary = Vocabulary(vocab, arrays.post_off)
        self.matcher = Matcher(arrays, self.vocabulary, tables.docs, tables.predicates)
        self.hit_maker = HitMaker(arrays, tables, self.matcher)
        self.generation: str = tables.generation
        self.records = arrays.records
        self.sentences = int(np.count_nonzero(np.asarray(arrays.kind) == KIND_SENTENCE))
        self.loaded_from_cache = False
        #: True when `load_or_build` updated a saved index rather than building one; then
        #: `update_stats` says how many records were kept and how many indexed afresh.
        self.updated_from_cache = False
        self.update_stats: dict[str, int] = {}

    @classmethod
    def _of(cls, parts: IndexParts) -> SearchIndex:
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

    # ---------------------------------------------------------------- building and caching

    @classmethod
    def build(cls, corpus: Corpus) -> SearchIndex:
        """Index every entity name and alias, fact and sentence of `corpus`."""
        return cls._of(_build.build(corpus))

    @classmethod
    def update(cls, old: SearchIndex, corpus: Corpus) -> SearchIndex | None:
        """`old` brought up to date with `corpus` without tokenising again the sentences of the
        documents that did not change: the same arrays `build(corpus)` makes, so the same hits
        in the same order. None when it cannot be done or is not worth it: then build."""
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
        that index updated for the documents added, changed or removed since it was saved;
        else a fresh one. Saved for next time when the directory is writable."""
        directory = cache_dir(corpus.path)
        generation = generation_of(corpus)
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
        persist.save(self.parts, directory)

    @classmethod
    def load(cls, directory: Path) -> SearchIndex:
        """The index saved in `directory`; raises (ValueError, OSError, ...) when it is not a
        complete index of this format."""
        parts, text_file, text_base = persist.load(directory)
        index = cls._of(parts)
        index.loaded_from_cache = True
        index._read_text_from(text_file, text_base)
        return index

    def _read_text_from(self, text_file: BinaryIO, base: int) -> None:
        self.hit_maker.text_file = text_file
        self.hit_maker.text_base = base
        weakref.finalize(self, text_file.close)  # closed with the index, however it goes

    # ---------------------------------------------------------------- searching

    def search(self, query: str, limit: int = 50, kind: str | None = None) -> list[Hit]:
        """The best `limit` hits for a typed query, ranked, with highlight ranges. Never raises
        on a malformed query; an empty query (or one of operators or exclusions only) returns
        no hits. `Hit.score` summarises the rank: terms matched, less 0.25 a typo, 0.01 a
        step of distance between terms, 0.001 a prefix match (higher is better).

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
        kind = self._kind_of(rec_range)
        want = offset + limit
        forgiving = any(
            typo_budget(word)
            for group in parsed.groups
            for term in group
            if not (term.exact or term.is_phrase)
            for word in term.words
        )
        if want > 0 and forgiving and all(len(group) == 1 for group in parsed.groups):
            # Every hit matches every term, so any hit without a typo outranks every hit with
            # one: when there are a page of those, typo candidates need not be looked at.
            plan = self.matcher.plan(parsed, typos=False, rec_range=rec_range)
            if plan is not None:
                recs, keys, _complete = self.matcher.ranked(plan, want)
                top = self.hit_maker.top(recs, keys, want)
                if len(top) >= want:
                    hits = self.hit_maker.hits(plan, top[offset:])
                    total, exact = self._total(parsed, rec_range, want) if count else (0, False)
                    return Group(kind, hits, total, offset, exact)
        plan = self.matcher.plan(parsed, rec_range=rec_range)
        if plan is None or want <= 0:
            total, exact = self._total(parsed, rec_range, want, plan) if count else (0, True)
            return Group(kind, [], total, offset, exact)
        recs, keys, complete = self.matcher.ranked(plan, want)
        hits = self.hit_maker.materialise(plan, recs, keys, limit, offset)
        total, exact = self._counted(plan, recs, complete) if count else (0, complete)
        return Group(kind, hits, total, offset, exact)

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
