"""Vocabulary expansion: what a typed query word matches among the index's words, exactly, as
a prefix (the word still being typed) or within its typo budget, as ranges of vocabulary ids
with a match code each. Kept between keystrokes: typing on reuses the last word's work.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

#: Match codes in a word's lookup table: 0 no match, 1 exact, 2 prefix, 1 + 2 * typos a typo
#: (and 2 + 2 * typos a typo and a prefix): (code - 1) // 2 typos, (code - 1) % 2 prefixes.
EXACT, PREFIX = 1, 2
#: A complete word (a space typed after it) that matches as the prefix of a longer word is one
#: typo further from it: its prefix codes are this much higher when it ranks (`lut(complete=)`).
COMPLETE_PREFIX_COST = 2
NO_MATCH = 99

#: Neither a query word nor a word it matches with a typo is shorter than this: "then" never
#: reaches the word "the" by a typo (though "atemp" reaches "attempt" through "at[t]").
MIN_TYPO_LEN = 4

#: Above every word: `word + TOP` bounds the words starting with `word`.
TOP = "\U0010ffff"

Ranges = list[tuple[int, int, int]]  # (lo, hi, code) vocabulary id ranges


def typo_budget(word: str) -> int:
    """Edits forgiven in a query word: none below 4 characters, 1 from 4, 2 from 8. An edit is
    a letter substituted, inserted, deleted, or two neighbours swapped ("eurpoe")."""
    n = len(word)
    return 0 if n < MIN_TYPO_LEN else (1 if n < 8 else 2)


@dataclass(slots=True)
class Expansion:
    """What one query word matches in the vocabulary: id ranges with their match codes."""

    ranges: Ranges  # (lo, hi, code), best code wins where they overlap
    count: int  # postings covered (an upper bound of the records it matches)
    lut: np.ndarray | None = None  # vocab id -> code, built on first use
    complete_lut: np.ndarray | None = None  # the same for a complete word (`Vocabulary.lut`)


@dataclass(slots=True)
class _PrefixTable:
    """The distinct n-character prefixes of the vocabulary, their id ranges, and their first
    and second characters (code points) to narrow a typo search."""

    strings: list[str]
    los: np.ndarray
    his: np.ndarray
    firsts: np.ndarray
    seconds: np.ndarray


class Vocabulary:
    """The sorted words of an index and their postings counts, with the expansions of query
    words cached (keystrokes repeat). Safe to share across threads: a cache is only ever
    replaced or cleared as a whole."""

    def __init__(self, words: list[str], post_off: np.ndarray) -> None:
        self.words = words
        self._post_off = post_off
        self._expansions: dict[tuple[str, bool, bool], Expansion] = {}
        # Each expansion may keep a lookup table of one byte per word: bounded to ~64 MB (a
        # complete word's keeps a second one, `lut(complete=True)`: ~128 MB at worst).
        self._cache_cap = max(32, min(512, 64_000_000 // (len(words) + 1)))
        self._fuzzy: dict[tuple[str, int], Ranges] = {}
        self._prefix_tables: dict[int, _PrefixTable] = {}
        self._lengths: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.words)

    def clear_caches(self) -> None:
        """Forget the expansions kept between keystrokes."""
        self._expansions.clear()
        self._fuzzy.clear()

    def range(self, lo_word: str, hi_word: str) -> tuple[int, int]:
        """The ids of the words w with lo_word <= w < hi_word."""
        return bisect_left(self.words, lo_word), bisect_left(self.words, hi_word)

    def postings(self, lo: int, hi: int) -> int:
        """How many postings the words lo..hi hold."""
        return int(self._post_off[hi] - self._post_off[lo])

    def expand(self, word: str, fuzzy: bool, prefix: bool) -> Expansion:
        """The vocabulary ids `word` matches, with their codes (cached: keystrokes repeat):
        the word itself; with `prefix`, every word it starts; with `fuzzy`, words with a
        prefix within its typo budget."""
        key = (word, fuzzy, prefix)
        found = self._expansions.get(key)
        if found is not None:
            return found
        ranges: Ranges = []
        budget = typo_budget(word) if fuzzy else 0
        if budget:
            ranges.extend(self._fuzzy_ranges(word, budget))
        if prefix:
            lo, hi = self.range(word, word + TOP)
            if hi > lo:
                ranges.append((lo, hi, PREFIX))
        lo = bisect_left(self.words, word)
        if lo < len(self.words) and self.words[lo] == word:
            ranges.append((lo, lo + 1, EXACT))
        expansion = Expansion(ranges=ranges, count=self._count(ranges))
        if len(self._expansions) > self._cache_cap:
            self._expansions.clear()
        self._expansions[key] = expansion
        return expansion

    def _count(self, ranges: Ranges) -> int:
        if not ranges:
            return 0
        spans = sorted((lo, hi) for lo, hi, _ in ranges)
        total, end = 0, -1
        for lo, hi in spans:  # ranges overlap (a prefix range holds the exact word)
            lo = max(lo, end)
            if hi > lo:
                total += self.postings(lo, hi)
                end = hi
        return total

    def lut(self, expansion: Expansion, complete: bool = False) -> np.ndarray:
        """Vocabulary id -> match code of `expansion` (one byte a word, and a last 0).

        With `complete`, the codes a word followed by a space ranks by: a longer word it
        starts counts a typo more (prefix 2 -> 4, a typo and a prefix 2 + 2t -> 4 + 2t), as
        Meilisearch, which matches only the last word as a prefix, finds "banks" for a
        complete "bank" by one typo; its exact and typo matches keep their codes. The
        highlight still marks the typed part of such a word (it reads the plain codes)."""
        if complete:
            if expansion.complete_lut is None:
                plain = self.lut(expansion)
                longer = (plain > 0) & (plain % 2 == 0)
                expansion.complete_lut = np.where(
                    longer, plain + COMPLETE_PREFIX_COST, plain
                ).astype(np.int8)
            return expansion.complete_lut
        if expansion.lut is None:
            lut = np.zeros(len(self.words) + 1, dtype=np.int8)
            # Worst code first, so a better code for the same word overwrites it.
            for lo, hi, code in sorted(expansion.ranges, key=lambda r: -r[2]):
                lut[lo:hi] = code
            expansion.lut = lut
        return expansion.lut

    def _prefix_table(self, length: int) -> _PrefixTable:
        table = self._prefix_tables.get(length)
        if table is None:
            if self._lengths is None:
                self._lengths = np.fromiter(map(len, self.words), np.int64, len(self.words))
            idx = np.flatnonzero(self._lengths >= length)
            heads = np.array([self.words[i][:length] for i in idx.tolist()], dtype=object)
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
            table = _PrefixTable(strings, los, his, firsts, seconds)
            self._prefix_tables[length] = table
        return table

    def _typo_ranges(self, near: str, lo: int, hi: int, typos: int) -> Ranges:
        """The words starting with `near` (vocabulary ids lo..hi), `typos` edits from what
        was typed: `near` itself is a typo match, the longer words a typo-and-prefix match,
        so that "blar" finds "blair" before "blamed" (each one edit from a prefix)."""
        code = 1 + 2 * typos
        if lo < hi and self.words[lo] == near:
            return [(lo, lo + 1, code), (lo + 1, hi, code + 1)]
        return [(lo, hi, code + 1)]

    def _fuzzy_ranges(self, word: str, budget: int) -> Ranges:
        """Vocabulary words with a prefix of 4+ characters within `budget` edits of `word` (but
        not `word` as a prefix itself, which the exact and prefix ranges cover)."""
        key = (word, budget)
        found = self._fuzzy.get(key)
        if found is not None:
            return found
        n = len(word)
        previous = self._fuzzy.get((word[:-1], budget)) if n > 4 else None
        out: Ranges = []
        if previous is not None:
            # Typing on: a word within `budget` of a prefix of `word` was within `budget` of a
            # prefix of `word[:-1]` (or started with it), so only those need checking again.
            previous = [*previous, (*self.range(word[:-1], word[:-1] + TOP), 0)]
            if sum(hi - lo for lo, hi, _ in previous) > 20_000:
                previous = None
        if previous is not None:
            candidates: set[str] = set()
            for lo, hi, _ in previous:
                for vid in range(lo, hi):
                    w = self.words[vid]
                    for length in range(max(1, n - budget), min(len(w), n + budget) + 1):
                        candidates.add(w[:length])
            choices = sorted(candidates)
            for i, typos in _within(word, choices, budget):
                lo, hi = self.range(choices[i], choices[i] + TOP)
                out.extend(self._typo_ranges(choices[i], lo, hi, typos))
        else:
            for length in range(max(1, n - budget), n + budget + 1):
                table = self._prefix_table(length)
                strings = table.strings
                if not strings:
                    continue
                picked: np.ndarray | None = None
                if budget == 1:
                    # One edit leaves the first or second letter of one word among the first
                    # two of the other (edit later: first letters equal; at the start: the
                    # second letters, or a letter shifted by one): a cheap filter first.
                    a, b = ord(word[0]), ord(word[1])
                    firsts, seconds = table.firsts, table.seconds
                    picked = np.flatnonzero(
                        (firsts == a) | (firsts == b) | (seconds == a) | (seconds == b)
                    )
                    choices = [strings[i] for i in picked.tolist()]
                else:
                    choices = strings
                for k, typos in _within(word, choices, budget):
                    i = int(picked[k]) if picked is not None else k
                    out.extend(
                        self._typo_ranges(strings[i], int(table.los[i]), int(table.his[i]), typos)
                    )
        # A short prefix stands for the longer words it starts, never for itself as a word.
        trimmed = []
        for lo, hi, code in out:
            if lo < hi and len(self.words[lo]) < MIN_TYPO_LEN:
                lo += 1
            if lo < hi:
                trimmed.append((lo, hi, code))
        if len(self._fuzzy) > 512:
            self._fuzzy.clear()
        self._fuzzy[key] = trimmed
        return trimmed


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
