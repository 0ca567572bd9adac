"""Matching: a parsed query resolved against the vocabulary (a `Plan`), its candidate records
taken from the postings, and every term, exclusion and filter checked on the candidates'
forward slices (positions give proximity, phrases, anchors), all vectorised, each match
given its `RankKey`.

Candidates are the rarest query term's postings, narrowed by the other terms' postings.
They are checked in record order a chunk at a time until `SCAN_ENOUGH` match: when more than
that many records match every term (common words only, at a million sentences), ranking
applies within the first of them, which keeps the worst keystroke bounded.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from explorer.search.analysis import fold
from explorer.search.arrays import KIND_CODES, LABEL_BITS, IndexArrays
from explorer.search.expansion import NO_MATCH, Expansion, Vocabulary
from explorer.search.postings import Postings, Spans
from explorer.search.query import NO_DATE, Query, Term
from explorer.search.ranking import RankKey, pair_cost

#: Candidates up to this many postings are unioned by sorting; above, through a bitmap.
UNION_BY_SORT = 20_000
#: Other terms narrow the candidates through a bitmap of their postings up to this many.
MASK_AT_MOST = 3_000_000
#: Candidates are checked in record order, a chunk at a time, until this many match.
SCAN_ENOUGH = 4_000
SCAN_CHUNK = 16_384
#: One plain word reads a match class whole (its best page exactly) up to this many postings;
#: a larger class, the page's worth of the head of each word's postings. (20,000 made the
#: keystroke median 19% slower at 1M sentences: reading a class is gathers of its records'
#: word counts and kinds across the whole index.)
WHOLE_CLASS_AT_MOST = 1_000
#: A group covering at least this many postings is checked through a mask of them, kept
#: between keystrokes (the last `KEEP_MASKS`): reading the candidates' own words costs more.
KEEP_MASK_FROM = 400_000
KEEP_MASKS = 12
#: The candidates of this many plans are kept (a keystroke's with and without typos, and the
#: last keystroke's): at most a few int64 arrays of the records.
KEEP_CANDIDATES = 4
#: A group's count of one plain word's matches unions at most this many postings (a letter
#: or two typed match far more; their count is then a lower bound: "4,000+").
COUNT_AT_MOST = 50_000

Resolved = tuple[Term, list[Expansion]]  # a term and the expansion of each of its words


@dataclass(slots=True)
class Gathered:
    """The forward slices of a set of candidate records, flattened."""

    recs: np.ndarray  # candidate record ids (int64), sorted
    toks: np.ndarray  # word ids of every candidate's words, back to back
    starts: np.ndarray  # where each candidate's words start in `toks`
    _seg: np.ndarray | None = None
    _first: np.ndarray | None = None

    @property
    def seg(self) -> np.ndarray:
        """Per flat word position: which candidate it belongs to."""
        if self._seg is None:
            self._seg = np.repeat(
                np.arange(len(self.recs), dtype=np.int32),
                np.diff(np.append(self.starts, len(self.toks))),
            )
        return self._seg

    @property
    def first(self) -> np.ndarray:
        """Per flat word position: is it its record's first word?"""
        if self._first is None:
            first = np.zeros(len(self.toks), dtype=bool)
            first[self.starts] = True
            self._first = first
        return self._first


@dataclass(slots=True)
class Plan:
    """A parsed query resolved against the vocabulary."""

    groups: list[list[Resolved]]
    excludes: list[Resolved]
    # Per group: vocab id ranges whose postings hold every record the group can match, and
    # how many postings that is (the rarest word of each alternative stands for it).
    sources: list[tuple[list[tuple[int, int]], int]]
    label_bits: int | None
    doc_ok: np.ndarray | None
    rec_range: tuple[int, int] | None = None  # the records of one kind only
    date_ok: np.ndarray | None = None  # per record: within the query's date window

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
            and self.date_ok is None
        )

    def within(self, rec_range: tuple[int, int] | None) -> Plan:
        """The same plan, for the records of `rec_range` only."""
        return replace(self, rec_range=rec_range)


class Matcher:
    """Finds and ranks the records a query matches. Safe to share across threads."""

    def __init__(
        self,
        arrays: IndexArrays,
        vocabulary: Vocabulary,
        docs: list[list[str]],
        predicates: Sequence[str] = (),
        doc_periods: Sequence[Sequence[int]] | None = None,
    ):
        self.a = arrays
        self.postings = Postings(arrays)
        self.vocabulary = vocabulary
        self._docs = docs
        self._predicates = predicates  # per fact number
        self.records = arrays.records
        self._doc_filters: dict[tuple[str, ...], np.ndarray] = {}
        self._date_filters: dict[tuple[int, int], np.ndarray] = {}
        self._predicate_filters: dict[tuple[str, ...], np.ndarray] = {}
        self._kind_ranges: dict[str, tuple[int, int]] = {}
        self._doc_first: np.ndarray | None = None
        self._doc_last: np.ndarray | None = None
        if doc_periods is not None:
            spans = np.asarray([*doc_periods, (0, 0)], dtype=np.int64).reshape(-1, 2)
            self._doc_first, self._doc_last = spans[:, 0].copy(), spans[:, 1].copy()
        #: Per record: is it live? None when every record is. A part of a grown index masks
        #: the records of documents changed or removed since it was written (Lucene's live
        #: docs): no candidate, hit or count includes them.
        self.live: np.ndarray | None = None
        self._candidates: dict[tuple, np.ndarray] = {}
        self._masks: dict[tuple, np.ndarray] = {}
        self._cuts: dict[tuple | None, Spans] = {}

    def mask(self, live: np.ndarray | None) -> None:
        """Search only the records `live` marks (None: all of them)."""
        if live is not None and live.all():
            live = None
        self.live = live
        self.clear_caches()

    def dead_within(self, rec_range: tuple[int, int] | None) -> int:
        """How many masked records lie in `rec_range` (all records when None): counted when
        asked (an update asks once), not kept as a running count per record (38 MB and 0.1-0.3
        CPU-s a part at 4.8M records, for every index loaded)."""
        if self.live is None:
            return 0
        lo, hi = rec_range if rec_range is not None else (0, self.records)
        return (hi - lo) - int(np.count_nonzero(self.live[lo:hi]))

    def clear_caches(self) -> None:
        """Forget the filters, candidates and masks kept between keystrokes."""
        self._doc_filters.clear()
        self._date_filters.clear()
        self._predicate_filters.clear()
        self._candidates = {}
        self._masks = {}
        self._cuts = {}

    # ---------------------------------------------------------------- planning

    def plan(
        self, query: Query, typos: bool = True, rec_range: tuple[int, int] | None = None
    ) -> Plan | None:
        """`query` resolved against the vocabulary; None when no record can match."""
        expand = self.vocabulary.expand

        def expansions(term: Term, negative: bool = False) -> list[Expansion]:
            out = []
            for j, word in enumerate(term.words):
                last = j == len(term.words) - 1
                if negative:  # !word: no word starting with it; !'word, !"a b": exactly
                    out.append(expand(word, False, not (term.exact or term.is_phrase)))
                elif term.exact or term.is_phrase:  # the phrase's word being typed: a prefix
                    out.append(expand(word, False, last and term.typing))
                else:
                    out.append(expand(word, typos, term.typing or len(word) >= 3))
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
        doc_ok = self.doc_filter(query.docs) if query.docs else None
        date_ok = self.date_filter(query.dates) if query.dates is not None else None
        if query.predicate_filter:
            if not query.predicates:
                return None  # pred:NAME naming no relation: no fact can match
            pred_ok = self.predicate_filter(query.predicates)
            date_ok = pred_ok if date_ok is None else date_ok & pred_ok
        if not groups and label_bits is None and doc_ok is None and date_ok is None:
            return None
        return Plan(groups, excludes, sources, label_bits, doc_ok, rec_range, date_ok)

    def kind_range(self, kind: str) -> tuple[int, int]:
        """The records of one kind: [lo, hi) (records are stored entities, facts, sentences)."""
        code = KIND_CODES.get(kind)
        if code is None:
            raise ValueError(f"unknown kind {kind!r}: one of {', '.join(KIND_CODES)}")
        found = self._kind_ranges.get(kind)
        if found is None:  # once per kind: the search casts the whole array (ms at 1M)
            kinds = np.asarray(self.a.kind)
            found = int(np.searchsorted(kinds, code)), int(np.searchsorted(kinds, code, "right"))
            self._kind_ranges[kind] = found
        return found

    def doc_filter(self, names: Sequence[str]) -> np.ndarray:
        """Per document (and a last False for records without one): does its id or title
        contain every one of `names` (folded)?"""
        key = tuple(names)
        found = self._doc_filters.get(key)
        if found is None:
            ok = [
                all(n in fold(doc) or n in fold(title) for n in names) for doc, title in self._docs
            ]
            found = np.array([*ok, False], dtype=bool)  # index -1: records without a document
            if len(self._doc_filters) > 64:
                self._doc_filters.clear()
            self._doc_filters[key] = found
        return found

    def date_filter(self, window: tuple[int, int]) -> np.ndarray:
        """Per record: does its date period lie within `window` (first and last day, as
        ordinals)? An entity's does when a document mentioning it does. Kept per window, so
        while the other words are typed a date filter costs what a label filter costs."""
        found = self._date_filters.get(window)
        if found is None:
            a = self.a
            lo, hi = window
            date_lo, date_hi = np.asarray(a.date_lo), np.asarray(a.date_hi)
            found = np.empty(self.records, dtype=bool)
            n = len(date_lo)  # the records past it (sentences) have their document's dates
            found[:n] = (date_lo >= lo) & (date_hi <= hi) & (date_lo != NO_DATE)
            if n < self.records:
                doc_lo, doc_hi = np.asarray(a.doc_date_lo), np.asarray(a.doc_date_hi)
                doc_ok = (doc_lo >= lo) & (doc_hi <= hi) & (doc_lo != NO_DATE)
                found[n:] = doc_ok[np.asarray(a.doc[n:])]  # -1: the last, no document's
            names = int(np.searchsorted(np.asarray(a.kind), KIND_CODES["fact"]))
            off, docs = np.asarray(a.ent_doc_off), np.asarray(a.ent_doc)
            if names and len(off) > 1:
                # An entity: through the documents that mention it.
                first, last = self._doc_periods()
                doc_in = (first >= lo) & (last <= hi) & (first != NO_DATE)
                doc_in[-1] = False
                per_doc = doc_in[docs] if len(docs) else np.zeros(0, dtype=bool)
                lens = np.diff(off)
                ent_in = np.zeros(len(lens), dtype=bool)
                has = lens > 0
                if len(per_doc):
                    ent_in[has] = np.logical_or.reduceat(per_doc, off[:-1][has])
                found[:names] = ent_in[np.asarray(a.ref[:names])]
            if len(self._date_filters) > 16:
                self._date_filters.clear()
            self._date_filters[window] = found
        return found

    def predicate_filter(self, predicates: Sequence[str]) -> np.ndarray:
        """Per record: is it a fact of one of `predicates`? Kept per set of predicates."""
        key = tuple(sorted(predicates))
        found = self._predicate_filters.get(key)
        if found is None:
            found = np.zeros(self.records, dtype=bool)
            lo, hi = self.kind_range("fact")
            if hi > lo:
                wanted = np.array([p in key for p in self._predicates] + [False], dtype=bool)
                refs = np.asarray(self.a.ref[lo:hi])
                found[lo:hi] = wanted[refs]
            self._predicate_filters[key] = found
        return found

    def _doc_periods(self) -> tuple[np.ndarray, np.ndarray]:
        """Per document (and a last one for records without): its date's first and last day,
        read once from its sentences' records (a fact's date is its own, not its document's)."""
        if self._doc_first is None or self._doc_last is None:
            a = self.a
            if len(a.date_lo) < self.records:  # saved per document
                first = np.asarray(a.doc_date_lo).astype(np.int64)
                last = np.asarray(a.doc_date_hi).astype(np.int64)
                first[-1] = last[-1] = 0
                self._doc_first, self._doc_last = first, last
                return first, last
            first = np.zeros(len(self._docs) + 1, dtype=np.int64)
            last = np.zeros(len(self._docs) + 1, dtype=np.int64)
            sentences = int(np.searchsorted(np.asarray(a.kind), KIND_CODES["sentence"]))
            docs = np.asarray(a.doc[sentences:])
            dated = docs >= 0
            first[docs[dated]] = np.asarray(a.date_lo[sentences:])[dated]
            last[docs[dated]] = np.asarray(a.date_hi[sentences:])[dated]
            self._doc_first, self._doc_last = first, last
        return self._doc_first, self._doc_last

    # ---------------------------------------------------------------- candidates

    def ranked(self, plan: Plan, limit: int) -> tuple[np.ndarray, np.ndarray, bool]:
        """Matching records, their packed rank keys, and whether they are all the records that
        match: when more than `SCAN_ENOUGH` match, at least the first `SCAN_ENOUGH` in record
        order (and for one plain word, the best `limit` and a few more)."""
        if not plan.groups:  # filters only: every record that passes, in record order
            return self._chunked(plan, None, enough=limit * 2)
        if plan.single_word:
            return self._single_word(plan, limit)
        return self._chunked(plan, self.candidates(plan), enough=max(SCAN_ENOUGH, 2 * limit))

    def candidates(self, plan: Plan) -> np.ndarray:
        """The records that hold a word of each group's sources (the rarest group's postings,
        narrowed by the others'), in record order, whatever the plan's kind. Kept for the
        last few plans: a keystroke asks for the same ones for each kind, with and without
        typos, and again for its count."""
        order = sorted(plan.sources, key=lambda s: s[1])
        key = tuple((tuple(ranges), count) for ranges, count in order)
        found = self._candidates.get(key)
        if found is not None:
            return found
        ranges, count = order[0]
        if count <= UNION_BY_SORT:
            recs = self.postings.records(ranges)
            one_word = len(ranges) == 1 and ranges[0][1] - ranges[0][0] == 1
            # One word's postings are distinct records, in order already.
            cands = (recs if one_word else distinct(recs)).astype(np.int64)
            for ranges, count in order[1:]:  # narrow by the other groups' postings
                if len(cands) <= 64 or count > MASK_AT_MOST:
                    break
                cands = cands[self._holds(ranges, count, cands)]
        else:
            cands = np.flatnonzero(self._mask(ranges))
            for ranges, count in order[1:]:
                if count > MASK_AT_MOST:
                    break
                # The same records a mask of these postings keeps, read from the candidates'
                # own words when they are fewer: a word being typed ("film a") has millions.
                cands = cands[self._holds(ranges, count, cands)]
        if len(self._candidates) >= KEEP_CANDIDATES:
            self._candidates = {}
        self._candidates[key] = cands
        return cands

    def _holds(self, ranges: list[tuple[int, int]], count: int, cands: np.ndarray) -> np.ndarray:
        """Which of `cands` hold a word of these vocabulary ranges (whose postings number
        `count`): read from the candidates' own words when they are fewer than the postings
        (the postings are the forward index inverted, so both say the same), else by a mask."""
        a = self.a
        kept = self._masks.get(tuple(ranges))
        if kept is not None:
            return kept[cands]
        starts = np.asarray(a.fwd_off[cands])
        lens = np.asarray(a.fwd_off[cands + 1]) - starts
        total = int(lens.sum())
        if count >= KEEP_MASK_FROM and total * 8 >= count:
            # A letter or two typed ("film a"), or a very common word: a mask of its
            # millions of postings, kept, serves the next keystrokes too.
            return self._kept_mask(ranges)[cands]
        if total >= count:
            return self._mask(ranges)[cands]
        wanted = np.zeros(len(self.vocabulary) + 1, dtype=bool)
        for lo, hi in ranges:
            wanted[lo:hi] = True
        flat = np.cumsum(lens) - lens
        idx = np.arange(total, dtype=np.int64) + np.repeat(starts - flat, lens)
        inside = wanted[np.asarray(a.fwd[idx])]
        out = np.zeros(len(cands), dtype=bool)
        has = lens > 0
        if total:
            out[has] = np.logical_or.reduceat(inside, flat[has])
        return out

    def _kept_mask(self, ranges: list[tuple[int, int]]) -> np.ndarray:
        """`_mask(ranges)`, kept for the next keystrokes: a short prefix ("film a") covers
        millions of postings, and the next query that starts its last word with the same
        letter asks for the same mask (a byte a record; the last `KEEP_MASKS` are kept)."""
        key = tuple(ranges)
        found = self._masks.get(key)
        if found is None:
            found = self._mask(ranges)
            masks = dict(self._masks)  # replaced as a whole: other threads may be reading
            while len(masks) >= KEEP_MASKS:
                del masks[next(iter(masks))]
            masks[key] = found
            self._masks = masks
        return found

    def _mask(self, ranges: list[tuple[int, int]]) -> np.ndarray:
        """Records holding a word of these vocabulary ranges, as a boolean array."""
        mask = np.zeros(self.records, dtype=bool)
        self.postings.mark(mask, ranges)
        return mask

    def _chunked(
        self, plan: Plan, cands: np.ndarray | None, enough: int
    ) -> tuple[np.ndarray, np.ndarray, bool]:
        """Score candidates (all records when None) a chunk at a time, in record order,
        until `enough` match: the cost of a keystroke stays bounded on any corpus."""
        total = self.records if cands is None else len(cands)
        got_recs: list[np.ndarray] = []
        got_keys: list[np.ndarray] = []
        found = 0
        complete = True
        for lo in range(0, total, SCAN_CHUNK):
            hi = min(lo + SCAN_CHUNK, total)
            chunk = np.arange(lo, hi, dtype=np.int64) if cands is None else cands[lo:hi]
            recs, keys = self._score(plan, chunk)
            if len(recs):
                got_recs.append(recs)
                got_keys.append(keys)
                found += len(recs)
            if found >= enough:
                complete = hi >= total or self._none_after(plan, cands, hi)
                break
        if not got_recs:
            return np.empty(0, np.int64), np.empty(0, np.int64), complete
        return np.concatenate(got_recs), np.concatenate(got_keys), complete

    def _none_after(self, plan: Plan, cands: np.ndarray | None, hi: int) -> bool:
        """Whether no candidate from position `hi` on lies in the plan's kind range (the scan
        then saw every record that can match)."""
        if plan.rec_range is None:
            return False
        end = plan.rec_range[1]
        first_left = hi if cands is None else int(cands[hi])
        return first_left >= end

    def _single_word(self, plan: Plan, limit: int) -> tuple[np.ndarray, np.ndarray, bool]:
        """One word alone: its matches rank by match class (exact, then prefix, then by
        typos), then kind, fewer words and record order, so only the heads of postings are
        read. A class of at most `WHOLE_CLASS_AT_MOST` postings is read whole (its best page
        exactly); a larger one from the head of each word's postings (`SCAN_ENOUGH` of them,
        or the page's worth of each of many words), and its shortest records are picked among
        the first ones in record order that every head covers: bounded, as the scan of
        several terms is (`SCAN_ENOUGH`), and approximate only there (a letter or two typed
        alone, a word in tens of thousands of records)."""
        a = self.a
        term, (exp,) = plan.groups[0][0]
        lut = self.vocabulary.lut(exp, is_complete(term))
        ids = np.flatnonzero(lut[:-1])
        codes = lut[ids]
        need = limit * 2 + 16  # entity aliases fold into one hit: a little spare
        # Masked records are skipped: as many more heads of postings hold the best live ones.
        spare = self.dead_within(plan.rec_range)
        live = self.live
        got_recs: list[np.ndarray] = []
        got_keys: list[np.ndarray] = []
        total = 0
        complete = True
        # each posting list cut to the records of a kind (when the plan is of one)
        all_spans = self._cut(ids, plan.rec_range)
        for code in np.flatnonzero(np.bincount(codes)).tolist():  # the codes there, in order
            of_code = codes == code
            spans = all_spans.select(of_code)
            lens = spans.lens
            take = lens
            if int(lens.sum()) > WHOLE_CLASS_AT_MOST:
                take = np.minimum(lens, need + spare + total)
            heads, last = self.postings.heads(spans, take)
            recs = (heads if len(spans.ids) == 1 else distinct(heads)).astype(np.int64)
            cut = take < lens
            if cut.any():
                # Past the last head read of a word cut short, records of the class may be
                # missing: the class's first records are those up to the smallest such head.
                complete = False
                recs = recs[recs <= int(heads[last[cut]].min())]
            if total:  # a record is in its best class only
                recs = recs[~np.isin(recs, np.concatenate(got_recs))]
            if live is not None:
                recs = recs[live[recs]]
            # One plain word: one term matched, its typos and prefix from the match code.
            typos, prefixes = (code - 1) // 2, (code - 1) % 2
            words = np.asarray(a.fwd_off[recs + 1]) - np.asarray(a.fwd_off[recs])
            keys = RankKey.pack(1, typos, 0, prefixes, np.asarray(a.kind[recs]), words, recs)
            if len(recs) > need - total:
                complete = False
                best = np.argpartition(keys, need - total - 1)[: need - total]
                recs, keys = recs[best], keys[best]
            got_recs.append(recs)
            got_keys.append(keys)
            total += len(recs)
            if total >= need:
                if code != codes.max():
                    complete = False
                break
        if not got_recs:
            return np.empty(0, np.int64), np.empty(0, np.int64), complete
        return np.concatenate(got_recs), np.concatenate(got_keys), complete

    def _cut(self, ids: np.ndarray, rec_range: tuple[int, int] | None) -> Spans:
        """The postings of words `ids` (sorted) that hold the records of `rec_range` (all
        records when None). Those of a kind are kept for the last few: a letter typed alone
        covers thousands of words, and a keystroke cuts them for its page and again for its
        count."""
        if rec_range is None:
            return self.postings.spans(ids, None)
        key = (int(ids[0]), int(ids[-1]), len(ids), rec_range) if len(ids) else None
        found = self._cuts.get(key) if key is not None else None
        if found is not None and np.array_equal(found.ids, ids):
            return found
        spans = self.postings.spans(ids, rec_range)
        if key is not None:
            cuts = self._cuts if len(self._cuts) < 16 else {}
            cuts[key] = spans
            self._cuts = cuts
        return spans

    def single_word_matches(self, plan: Plan) -> np.ndarray | None:
        """Every record one plain word matches (within the plan's kind), when its postings
        are few enough to union (`COUNT_AT_MOST`); None when they are not."""
        lut = self.vocabulary.lut(plan.groups[0][0][1][0])
        ids = np.flatnonzero(lut[:-1])
        spans = self._cut(ids, plan.rec_range)
        lens = spans.lens
        if len(ids) == 1:  # one word's postings are distinct records
            found = self.postings.heads(spans, lens)[0]
        elif int(lens.sum()) > COUNT_AT_MOST:
            return None
        else:
            found = distinct(self.postings.heads(spans, lens)[0])
        return found if self.live is None else found[self.live[found]]

    def filter_matches(self, plan: Plan) -> np.ndarray | None:
        """Every record a plan of filters only (no terms, no exclusions) matches, by one
        vectorised pass over its kind's records; None for any other plan."""
        if plan.groups or plan.excludes:
            return None
        lo, hi = plan.rec_range if plan.rec_range is not None else (0, self.records)
        return self._filter(plan, np.arange(lo, hi, dtype=np.int64))

    # ---------------------------------------------------------------- checking terms

    def _filter(self, plan: Plan, cands: np.ndarray) -> np.ndarray:
        a = self.a
        if self.live is not None:
            cands = cands[self.live[cands]]
        if plan.rec_range is not None:
            lo, hi = plan.rec_range
            cands = cands[(cands >= lo) & (cands < hi)]
        if plan.label_bits is not None:
            # (a saved index's label bits may be a byte: the query's bits as a 32-bit value)
            cands = cands[(a.labels[cands] & np.uint32(plan.label_bits)) != 0]
        if plan.doc_ok is not None:
            cands = cands[plan.doc_ok[a.doc[cands]]]
        if plan.date_ok is not None:
            cands = cands[plan.date_ok[cands]]
        return cands

    def gather(self, cands: np.ndarray) -> Gathered:
        """The forward slices of `cands` (records without words left out)."""
        a = self.a
        starts = a.fwd_off[cands]
        lens = a.fwd_off[cands + 1] - starts
        keep = lens > 0
        if not keep.all():
            cands, starts, lens = cands[keep], starts[keep], lens[keep]
        flat_starts = np.cumsum(lens) - lens
        total = int(lens.sum())
        idx = np.arange(total, dtype=np.int64) + np.repeat(starts - flat_starts, lens)
        return Gathered(recs=cands, toks=np.asarray(a.fwd[idx]), starts=flat_starts)

    def term_codes(
        self, term: Term, exps: list[Expansion], g: Gathered, ranking: bool = False
    ) -> np.ndarray:
        """Per flat word position: the match code of `term` starting there (0: none); with
        `ranking`, the code it ranks by (`is_complete(term)`: a longer word that a complete
        word starts counts a typo)."""
        lut = self.vocabulary.lut
        codes = lut(exps[0], ranking and is_complete(term))[g.toks]
        if len(exps) > 1:  # a phrase: every next word at the next position, same record
            seg = g.seg
            for j, exp in enumerate(exps[1:], start=1):
                nxt = np.zeros_like(codes)
                nxt[:-j] = lut(exp)[g.toks[j:]]
                nxt[:-j][seg[j:] != seg[:-j]] = 0
                codes = np.where((codes > 0) & (nxt > 0), np.maximum(codes, nxt), 0).astype(np.int8)
        if term.anchored:
            codes = np.where(g.first, codes, 0).astype(np.int8)
        return codes

    def _score(self, plan: Plan, cands: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The candidates that match, and their rank keys (smaller is better)."""
        cands = self._filter(plan, cands)
        if not len(cands):
            return cands, np.empty(0, np.int64)
        g = self.gather(cands)
        n = len(g.recs)
        if n == 0:
            return g.recs, np.empty(0, np.int64)
        keep = np.ones(n, dtype=bool)
        for term, exps in plan.excludes:
            codes = self.term_codes(term, exps, g)
            keep &= ~np.logical_or.reduceat(codes > 0, g.starts)
        matched = np.zeros(n, dtype=np.int64)
        typos = np.zeros(n, dtype=np.int64)
        prefixes = np.zeros(n, dtype=np.int64)
        group_masks: list[np.ndarray] = []
        for group in plan.groups:
            any_match = np.zeros(n, dtype=bool)
            mask: np.ndarray | None = None
            for term, exps in group:
                codes = self.term_codes(term, exps, g, ranking=True)
                hit = codes > 0
                best = np.minimum.reduceat(np.where(hit, codes, NO_MATCH), g.starts)
                ok = best < NO_MATCH
                any_match |= ok
                matched += ok
                typos += np.where(ok, (best - 1) // 2, 0)
                prefixes += np.where(ok, (best - 1) % 2, 0)
                mask = hit if mask is None else (mask | hit)
            keep &= any_match
            assert mask is not None  # a plan's group holds at least one term
            group_masks.append(mask)
        if not keep.any():
            return np.empty(0, np.int64), np.empty(0, np.int64)
        proximity = np.zeros(n, dtype=np.int64)
        for a, b in itertools.pairwise(group_masks):
            proximity += pair_cost(a, b, g.seg, n)
        # Among equal matches the record with fewer words first (none for filters only:
        # what passes them stays in corpus order).
        words = np.diff(np.append(g.starts, len(g.toks))) if plan.groups else 0
        kinds = np.asarray(self.a.kind[g.recs])
        keys = RankKey.pack(matched, typos, proximity, prefixes, kinds, words, g.recs)
        return g.recs[keep], keys[keep]


def is_complete(term: Term) -> bool:
    """Whether a term is a complete word: a space typed after it, not quoted (a quoted word
    never matches as a prefix once complete). A longer word it starts ranks as a typo."""
    return not (term.typing or term.exact or term.is_phrase)


def distinct(values: np.ndarray) -> np.ndarray:
    """`np.unique(values)` by a sort and a shift: several times faster on record ids than
    the hashing numpy 2 does first."""
    out = np.sort(values)
    if len(out) > 1:
        keep = np.empty(len(out), dtype=bool)
        keep[0] = True
        np.not_equal(out[1:], out[:-1], out=keep[1:])
        out = out[keep]
    return out
