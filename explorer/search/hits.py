"""Hits: the best page of ranked records turned into `Hit`s, each with the character ranges
its query terms matched (highlights), and the groups a grouped search answers with.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from typing import BinaryIO

import numpy as np

from explorer.model import Hit
from explorer.search import texts as _texts
from explorer.search.analysis import WORD_RE, fold
from explorer.search.arrays import KIND_ENTITY, KIND_FACT, IndexArrays, IndexTables
from explorer.search.expansion import PREFIX
from explorer.search.matching import Matcher, Plan
from explorer.search.query import period
from explorer.search.ranking import RankKey


@dataclass(frozen=True, slots=True)
class Group:
    """One kind of hit for a query: the page asked for, and how many there are in all.

    `total` counts every hit of the kind when `exact`; otherwise it is a lower bound (the
    search stopped counting where a keystroke must stop: "4,000+")."""

    kind: str  # "entity", "fact" or "sentence"
    hits: list[Hit]
    total: int
    offset: int = 0
    exact: bool = True

    @property
    def name(self) -> str:
        """The group's name as a user reads it: "entities", "facts", "sentences"."""
        return GROUP_NAMES[self.kind]

    @property
    def more(self) -> bool:
        """Whether there are hits beyond this page."""
        return not self.exact or self.offset + len(self.hits) < self.total


#: A rank key's bits below this do not change its score (`RankKey.score_of`).
_SCORE_SHIFT = RankKey.PREFIXES_SHIFT

#: Group kinds in the order they are shown, with their plural names.
GROUP_NAMES = {"entity": "entities", "fact": "facts", "sentence": "sentences"}


class HitMaker:
    """Turns ranked records into `Hit`s. Reads a record's text (its zstd frame) from the
    saved file when the index was loaded (`os.pread`: the text blob is never mapped), else
    from memory, and decompresses it with the part's dictionary."""

    def __init__(self, arrays: IndexArrays, tables: IndexTables, matcher: Matcher) -> None:
        self.a = arrays
        self.tables = tables
        self.matcher = matcher
        self.text_file: BinaryIO | None = None
        self.text_base = 0
        #: An entity's latest date, by entity: worked out once (an entity of a large store
        #: is in thousands of documents, and it is a hit on every keystroke that names it).
        self._entity_dates: dict[int, str | None] = {}
        #: A zstd decompression context is not thread-safe (two threads decompressing with
        #: one garble each other's texts): each thread that searches makes its own.
        self._local = threading.local()

    def text(self, rec: int) -> str:
        """The text of record `rec`."""
        return self.texts([rec])[0]

    def texts(self, recs: list[int]) -> list[str]:
        """The texts of records `recs` (a page's: their offsets read at once)."""
        if not recs:
            return []
        at = np.asarray(recs, dtype=np.int64)
        off = self.a.text_off
        los, his = off[at].tolist(), off[at + 1].tolist()
        if self.text_file is not None:
            fd, base, pread = self.text_file.fileno(), self.text_base, os.pread
            frames = [pread(fd, hi - lo, base + lo) for lo, hi in zip(los, his, strict=True)]
        else:
            blob = self.a.text_blob
            frames = [blob[lo:hi].tobytes() for lo, hi in zip(los, his, strict=True)]
        decompress: Callable[[bytes], bytes] | None = getattr(self._local, "decompress", None)
        if decompress is None:
            decompress = self._local.decompress = _texts.decompressor(
                _texts.dictionary_of(self.a.text_dict)
            )
        out = []
        for frame in frames:
            try:
                out.append(decompress(frame).decode("utf-8", "replace"))
            except _texts.Damaged:  # a damaged file (`explorer check` tells which): no text
                out.append("")
        return out

    def top(self, recs: np.ndarray, keys: np.ndarray, limit: int) -> list[tuple[int, int]]:
        """(record, key) of the best `limit` hits in rank order, an entity's name and aliases
        folded into one."""
        if not len(recs):
            return []
        want = min(len(keys), limit * 2 + 16)
        if len(keys) > want:
            top = np.argpartition(keys, want - 1)[:want]
            order = top[np.argsort(keys[top], kind="stable")]
        else:
            order = np.argsort(keys, kind="stable")
        ranked = recs[order]
        kinds = np.asarray(self.a.kind)[ranked]
        if not (kinds == KIND_ENTITY).any():  # no entity to fold: the first `limit` (and
            n = max(limit, 1)  # one at least, as the loop below gives)
            return list(zip(ranked[:n].tolist(), keys[order[:n]].tolist(), strict=True))
        out: list[tuple[int, int]] = []
        seen_entities: set[int] = set()
        refs = np.asarray(self.a.ref)[ranked].tolist()
        for rec, key, kind, ref in zip(
            ranked.tolist(), keys[order].tolist(), kinds.tolist(), refs, strict=True
        ):
            if kind == KIND_ENTITY:
                if ref in seen_entities:  # its name and an alias both matched: one hit
                    continue
                seen_entities.add(ref)
            out.append((rec, key))
            if len(out) >= limit:
                break
        return out

    def materialise(
        self, plan: Plan, recs: np.ndarray, keys: np.ndarray, limit: int, offset: int = 0
    ) -> list[Hit]:
        """The hits ranked `offset` to `offset + limit`."""
        return self.hits(plan, self.top(recs, keys, offset + limit)[offset:])

    def hits(self, plan: Plan, page: list[tuple[int, int]]) -> list[Hit]:
        """The (record, key) pairs of a page as `Hit`s, their fields read and their
        highlights found for the whole page at once."""
        if not page:
            return []
        a = self.a
        recs = [rec for rec, _key in page]
        at = np.asarray(recs, dtype=np.int64)
        texts = self.texts(recs)
        marks = self.highlights_many(plan, recs, texts)
        fields = zip(
            np.asarray(a.kind)[at].tolist(),
            np.asarray(a.ref)[at].tolist(),
            np.asarray(a.doc)[at].tolist(),
            np.asarray(a.sent)[at].tolist(),
            np.asarray(a.start)[at].tolist(),
            np.asarray(a.end)[at].tolist(),
            strict=True,
        )
        # A score reads only the rules above the prefix count: a page's hits share a few.
        scores: dict[int, float] = {}
        out = []
        for (kind, ref, doc, sent, start, end), text, (_rec, key), mark in zip(
            fields, texts, page, marks, strict=True
        ):
            score = scores.get(key >> _SCORE_SHIFT)
            if score is None:
                score = scores[key >> _SCORE_SHIFT] = RankKey.score_of(key)
            if kind in (KIND_ENTITY, KIND_FACT):
                out.append(self._make(kind, ref, doc, sent, start, end, text, score, mark))
                continue
            out.append(self._sentence_hit(doc, sent, start, end, text, score, mark))
        return out

    def hit(self, plan: Plan, rec: int, key: int) -> Hit:
        """Record `rec` as a `Hit`, scored from its rank key and highlighted."""
        return self.hits(plan, [(rec, key)])[0]

    def _make(
        self,
        kind: int,
        ref: int,
        doc_index: int,
        sentence: int,
        start: int,
        end: int,
        text: str,
        score: float,
        highlights: tuple[tuple[int, int], ...],
    ) -> Hit:
        if kind not in (KIND_ENTITY, KIND_FACT):
            return self._sentence_hit(doc_index, sentence, start, end, text, score, highlights)
        tables = self.tables
        doc, title = tables.docs[doc_index] if doc_index >= 0 else ("", "")
        when = self.date_of(kind, ref, doc_index)
        if kind == KIND_ENTITY:
            row = tables.entities[ref]
            key_name, label = row[0], row[1]
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
                date=when,
                # (an index saved before implied entities were kept has no count: 0)
                implied=row[6] if len(row) > 6 else 0,
            )
        return Hit(
            "fact",
            doc,
            title,
            sentence,
            text,
            score,
            highlights,
            predicate=tables.predicates[ref],
            date=when,
        )

    def _sentence_hit(
        self,
        doc_index: int,
        sentence: int,
        start: int,
        end: int,
        text: str,
        score: float,
        highlights: tuple[tuple[int, int], ...],
    ) -> Hit:
        """A sentence of document `doc_index` as a hit, dated by its document (what `date_of`
        gives a sentence): most hits of a page, so one call, not `_make`'s two. No document
        (-1): no title and no date."""
        if doc_index < 0:
            doc, title, when = "", "", None
        else:
            doc, title = self.tables.docs[doc_index]
            doc_dates = self.tables.doc_dates or []
            when = doc_dates[doc_index] if doc_index < len(doc_dates) else None
        return Hit(
            "sentence",
            doc,
            title,
            sentence,
            text,
            score,
            highlights,
            start=start,
            end=end,
            date=when,
        )

    def date_of(self, kind: int, ref: int, doc_index: int) -> str | None:
        """A hit's date: a fact's own, an entity's latest document's, else its document's."""
        tables = self.tables
        doc_dates = tables.doc_dates or []
        if kind == KIND_FACT:
            fact_dates = tables.fact_dates or []
            return fact_dates[ref] if 0 <= ref < len(fact_dates) else None
        if kind == KIND_ENTITY:
            if ref in self._entity_dates:
                return self._entity_dates[ref]
            off = self.a.ent_doc_off
            if not 0 <= ref < len(off) - 1:
                return None
            docs = np.asarray(self.a.ent_doc[int(off[ref]) : int(off[ref + 1])]).tolist()
            # Each date once, in document order (max keeps the first of equals, as before).
            dated = dict.fromkeys(doc_dates[d] for d in docs if d < len(doc_dates) and doc_dates[d])
            latest = max(dated, key=_date_order) if dated else None
            self._entity_dates[ref] = latest
            return latest
        return doc_dates[doc_index] if 0 <= doc_index < len(doc_dates) else None

    def highlights(self, plan: Plan, rec: int, text: str) -> tuple[tuple[int, int], ...]:
        """The character ranges of `text` (record `rec`) that the plan's terms matched,
        merged; a prefix match highlights the typed part only."""
        return self.highlights_many(plan, [rec], [text])[0]

    def highlights_many(
        self, plan: Plan, recs: list[int], texts: list[str]
    ) -> list[tuple[tuple[int, int], ...]]:
        """`highlights` of a page of records at once: the terms are matched against every
        record's words in one pass (a page costs a few array operations, not a few per hit)."""
        out: list[tuple[tuple[int, int], ...]] = [()] * len(recs)
        if not recs:
            return out
        a = self.a
        rec_arr = np.asarray(recs, dtype=np.int64)
        los = np.asarray(a.fwd_off[rec_arr], dtype=np.int64)
        lens = np.asarray(a.fwd_off[rec_arr + 1], dtype=np.int64) - los
        rows = np.flatnonzero(lens > 0)  # a record without words has nothing to highlight
        if not len(rows):
            return out
        g = self.matcher.gather(rec_arr[rows])
        lut = self.matcher.vocabulary.lut
        # (row of the page, word position in its record, typed length or -1 for a whole word)
        found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for group in plan.groups:
            for term, exps in group:
                at = np.flatnonzero(self.matcher.term_codes(term, exps, g))
                if not len(at):
                    continue
                seg = g.seg[at]
                for j, (word, exp) in enumerate(zip(term.words, exps, strict=True)):
                    codes = lut(exp)[g.toks[at + j]]
                    typed = np.where(codes == PREFIX, len(word), -1)
                    found.append((rows[seg], at + j - g.starts[seg], typed))
        if not found:
            return out
        if len(found) == 1:  # one term of one word (most keystrokes): already in row order
            which, where, typed = found[0]
        else:
            which = np.concatenate([f[0] for f in found])
            where = np.concatenate([f[1] for f in found])
            typed = np.concatenate([f[2] for f in found])
            order = np.argsort(which, kind="stable")
            which, where, typed = which[order], where[order], typed[order]
        # Python lists from here: a page's rows are read one by one, and a list slice costs
        # less than a numpy slice and its `tolist`.
        which_l = which.tolist()
        ascii_rows = [row for row in dict.fromkeys(which_l) if texts[row].isascii()]
        starts, ends = _ascii_spans(
            [texts[row] for row in ascii_rows], ascii_rows, which, where, lens
        )
        starts_l, ends_l, where_l, typed_l = (
            starts.tolist(),
            ends.tolist(),
            where.tolist(),
            typed.tolist(),
        )
        lens_l = lens.tolist()
        lo, n = 0, len(which_l)
        while lo < n:
            row = which_l[lo]
            hi = lo + 1
            while hi < n and which_l[hi] == row:
                hi += 1
            spans: list[tuple[int, int]] | None
            start = starts_l[lo]
            if start >= 0 and hi == lo + 1:  # one word matched (most hits): `_merged` inline
                end, typed_n = ends_l[lo], typed_l[lo]
                out[row] = ((start, min(end, start + typed_n) if typed_n >= 0 else end),)
                lo = hi
                continue
            if start >= 0:
                spans = list(zip(starts_l[lo:hi], ends_l[lo:hi], strict=True))
            elif texts[row].isascii():  # the text does not have the words the index has
                lo = hi
                continue
            else:
                spans = _spans(texts[row], lens_l[row], where_l[lo:hi])
            out[row] = _merged(spans, typed_l[lo:hi])
            lo = hi
        return out


#: The bytes of an ASCII word: where `WORD_RE` ([^\W_]+) matches in ASCII text.
_WORD_BYTE = np.zeros(256, dtype=bool)
_WORD_BYTE[
    np.frombuffer(b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", np.uint8)
] = True


def _ascii_spans(
    texts: list[str], rows: list[int], which: np.ndarray, where: np.ndarray, lens: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The spans `WORD_RE` would find, for the ASCII `texts` of page `rows` at once: per
    entry of `which` (a page row) and `where` (a word position in it), the word's start and
    end in its text; -1 for a row not among `rows` or whose text does not have the `lens[row]`
    words the index has."""
    starts = np.full(len(which), -1, dtype=np.int64)
    ends = starts.copy()
    if not texts:
        return starts, ends
    # padded with a non-word byte each side: a word starts where a word byte follows a
    # non-word one, and ends where a non-word byte follows a word one
    joined = np.frombuffer(("\x00" + "\x00".join(texts) + "\x00").encode("ascii"), np.uint8)
    is_word = _WORD_BYTE[joined].view(np.int8)
    edges = is_word[1:] - is_word[:-1]
    word_starts, word_ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    offsets = np.fromiter(accumulate((len(t) + 1 for t in texts), initial=0), np.int64)
    bounds = np.searchsorted(word_starts, offsets)
    first, counts = bounds[:-1], bounds[1:] - bounds[:-1]
    slot = np.full(len(lens), -1, dtype=np.int64)
    slot[rows] = np.arange(len(rows))
    t = slot[which]
    ok = t >= 0
    ok[ok] = counts[t[ok]] == lens[which[ok]]
    t = t[ok]
    idx = first[t] + where[ok]
    starts[ok] = word_starts[idx] - offsets[t]
    ends[ok] = word_ends[idx] - offsets[t]
    return starts, ends


def _spans(text: str, words: int, positions: list[int]) -> list[tuple[int, int]] | None:
    """The spans of the words at `positions` of `text`; None when `text` does not have the
    `words` words the index has."""
    spans = [m.span() for m in WORD_RE.finditer(fold(text))]
    if len(spans) != words:
        return None
    return [spans[p] for p in positions]


def _merged(spans: list[tuple[int, int]] | None, typed: list[int]) -> tuple[tuple[int, int], ...]:
    """Word spans, each cut to its `typed` characters when it was a prefix match (-1: the
    whole word), sorted and merged."""
    if not spans:
        return ()
    if len(spans) == 1:  # one word matched (most hits)
        (start, end), n = spans[0], typed[0]
        return ((start, min(end, start + n) if n >= 0 else end),)
    ranges = sorted(
        (start, min(end, start + n) if n >= 0 else end)
        for (start, end), n in zip(spans, typed, strict=True)
    )
    merged = [ranges[0]]
    for start, end in ranges[1:]:
        last_start, last_end = merged[-1]
        if start <= last_end:
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _date_order(when: str | None) -> tuple[int, int]:
    found = period(when)
    return (found[1], found[0]) if found else (0, 0)
