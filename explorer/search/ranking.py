"""The ranking rules, Meilisearch's order: more query terms matched, then fewer typos, then
terms closer together and in order, then fewer prefix matches, then entity names before facts
before sentences, then the record with fewer words (BM25's length norm, as a rule a person can
predict: `jamie foxx` finds the short sentence before the long one that also names him), then
corpus order. One `RankKey` packs them into an int64 that sorts best first; it is the one
place the bit layout is written.

A prefix match is free only for the word still being typed. A complete word (a space typed
after it) also matches the longer words it starts, but each such match counts a typo
(`Vocabulary.lut(complete=True)`): `imple that` finds "Simple as that." (one typo) before
"implemented ... so that" (now one typo too, and further apart), and `bank rates` finds
"bank" before "bankruptcy", as Meilisearch, which matches only the last word as a prefix,
reaches "banks" from a complete "bank" by one typo.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

#: Proximity cost of one pair of consecutive query terms is capped here (Meilisearch: 7).
MAX_PAIR_COST = 8


@dataclass(frozen=True, slots=True)
class RankKey:
    """One record's rank, in the order its rules apply. Smaller packed keys rank first.

    Bits of the packed int64, high to low: the sign (0) | 4 missing terms
    (15 - matched) | 5 typos | 8 proximity | 5 prefixes | 2 kind (entity name 0, fact 1,
    sentence 2) | 6 words (the record's, clamped at 63) | 33 the record id (the final
    tie-break). A part's record ids are int32 in its postings (2**31); the 200,000-document
    store has 4.8 million records (24 a document), so a 10-million-document store would need
    about 240 million (28 bits): 33 leave room for documents 30 times as long.
    """

    matched: int
    typos: int = 0
    proximity: int = 0
    prefixes: int = 0
    kind: int = 0
    words: int = 0
    record: int = 0

    MAX_TERMS = 15
    MATCHED_SHIFT, TYPOS_SHIFT, PROXIMITY_SHIFT, PREFIXES_SHIFT = 59, 54, 46, 41
    KIND_SHIFT, WORDS_SHIFT = 39, 33
    TYPOS_MAX, PROXIMITY_MAX, PREFIXES_MAX, KIND_MAX, WORDS_MAX = 31, 255, 31, 3, 63
    #: Bits of the record id: a key shifted right by this holds every rule but record order.
    RECORD_BITS = 33

    @staticmethod
    def pack(
        matched: Any,
        typos: Any,
        proximity: Any,
        prefixes: Any,
        kind: Any,
        words: Any,
        record: Any,
    ) -> Any:
        """The packed key(s): each rule clamped to its bits. Works on ints and on int64
        arrays alike (the scorer packs a chunk of candidates at once)."""
        k = RankKey
        if isinstance(record, np.ndarray):
            return (
                (np.int64(k.MAX_TERMS) - np.minimum(matched, k.MAX_TERMS)) << k.MATCHED_SHIFT
                | np.minimum(typos, k.TYPOS_MAX) << k.TYPOS_SHIFT
                | np.minimum(proximity, k.PROXIMITY_MAX) << k.PROXIMITY_SHIFT
                | np.minimum(prefixes, k.PREFIXES_MAX) << k.PREFIXES_SHIFT
                | np.minimum(kind, k.KIND_MAX).astype(np.int64) << k.KIND_SHIFT
                | np.minimum(words, k.WORDS_MAX).astype(np.int64) << k.WORDS_SHIFT
                | record
            )
        return (
            (k.MAX_TERMS - min(int(matched), k.MAX_TERMS)) << k.MATCHED_SHIFT
            | min(int(typos), k.TYPOS_MAX) << k.TYPOS_SHIFT
            | min(int(proximity), k.PROXIMITY_MAX) << k.PROXIMITY_SHIFT
            | min(int(prefixes), k.PREFIXES_MAX) << k.PREFIXES_SHIFT
            | min(int(kind), k.KIND_MAX) << k.KIND_SHIFT
            | min(int(words), k.WORDS_MAX) << k.WORDS_SHIFT
            | int(record)
        )

    @classmethod
    def unpack(cls, key: int) -> RankKey:
        """The rules a packed key holds."""
        key = int(key)
        return cls(
            matched=cls.MAX_TERMS - (key >> cls.MATCHED_SHIFT),
            typos=(key >> cls.TYPOS_SHIFT) & cls.TYPOS_MAX,
            proximity=(key >> cls.PROXIMITY_SHIFT) & cls.PROXIMITY_MAX,
            prefixes=(key >> cls.PREFIXES_SHIFT) & cls.PREFIXES_MAX,
            kind=(key >> cls.KIND_SHIFT) & cls.KIND_MAX,
            words=(key >> cls.WORDS_SHIFT) & cls.WORDS_MAX,
            record=key & ((1 << cls.RECORD_BITS) - 1),
        )

    def packed(self) -> int:
        """This key, packed."""
        return RankKey.pack(
            self.matched,
            self.typos,
            self.proximity,
            self.prefixes,
            self.kind,
            self.words,
            self.record,
        )

    @property
    def score(self) -> float:
        """`Hit.score`: terms matched, less 0.25 a typo (a longer word that a complete
        word starts counts one), 0.01 a step of distance between terms, 0.001 a prefix match
        (higher is better)."""
        return self.matched - 0.25 * self.typos - 0.01 * self.proximity - 0.001 * self.prefixes

    @classmethod
    def score_of(cls, key: int) -> float:
        """`unpack(key).score` without making the key (a page of hits asks fifty times)."""
        key = int(key)
        return (
            cls.MAX_TERMS
            - (key >> cls.MATCHED_SHIFT)
            - 0.25 * ((key >> cls.TYPOS_SHIFT) & cls.TYPOS_MAX)
            - 0.01 * ((key >> cls.PROXIMITY_SHIFT) & cls.PROXIMITY_MAX)
            - 0.001 * ((key >> cls.PREFIXES_SHIFT) & cls.PREFIXES_MAX)
        )


def pair_cost(a: np.ndarray, b: np.ndarray, seg: np.ndarray, n: int) -> np.ndarray:
    """Per candidate (`n` of them; `seg` maps each flat word position to its candidate): how
    far the nearest match of the next term (`b`, per position) is from one of the previous
    term (`a`): 0 adjacent and in order, 1 more when reversed, capped."""
    cost = np.full(n, MAX_PAIR_COST, dtype=np.int64)
    pa = np.flatnonzero(a)
    pb = np.flatnonzero(b)
    if not len(pa) or not len(pb):
        return cost
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
