"""The postings as a saved index keeps them: short lists word-major as int32 record ids, long
lists block-major as 16-bit record ids within blocks of 65,536 records.

Records fall into blocks of `BLOCK` (record >> 16). A word with at least `long_from(records)`
postings is *long*: its postings are kept per block as the low 16 bits of each record, in
`post_blk`, block-major (block 0's postings of every long word in word order, then block 1's,
...), and `post_blk_off` (blocks x long words + 1) says where each (block, long word) run
starts. Every other word's postings stay in `post`, int32, word-major. `post_long` lists the
long words' ids; `post_off` still counts every word's postings (what the vocabulary's counts
read), so a short word's place in `post` is its `post_off` less the long postings before it.

So a long list takes 2 bytes a posting, not 4 (at a million bench sentences 92% of the
postings are in words of 256 or more), and is read without decoding: a mask is built a block
at a time by scattering 16-bit values into that block's 64 KB slice, the head of a list is
read from its first blocks, and a cut at a kind's first record is one block's bisection. A
built index, in memory, has no long words (its postings all word-major, as a build or a merge
makes them); they are made when it is saved (`save_blocked`), and whoever reads postings goes
through `Postings` (searches) or `flat` (merges, updates), which read both forms.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from explorer.search.arrays import narrowest
from explorer.search.arrays import release_pages as _let_go

BLOCK_BITS = 16
BLOCK = 1 << BLOCK_BITS
#: A word is long (kept per block in 16 bits) from this many postings, and from this many per
#: block of the index: its runs' starts (4 bytes a block) then cost at most an eighth of
#: what the narrower postings save.
LONG_AT_LEAST = 256
LONG_PER_BLOCK = 16
#: Postings read at a time when the long lists are made (their pages let go after each).
_CHUNK = 1 << 22
#: Postings gathered at a time from scattered runs: each costs 8 bytes of index a posting in
#: two temporaries, so this bounds a save's memory above the postings (~20 MB).
_GATHER = 1 << 20


def blocks(records: int) -> int:
    """How many blocks of `BLOCK` records an index of `records` records spans."""
    return (records + BLOCK - 1) >> BLOCK_BITS


def long_from(records: int) -> int:
    """The fewest postings of a long word in an index of `records` records."""
    return max(LONG_AT_LEAST, LONG_PER_BLOCK * blocks(records))


def _runs(values: np.ndarray, starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """values[starts[i] : starts[i] + lens[i]] for every i, back to back (one gather)."""
    total = int(lens.sum())
    if not total:
        return np.asarray(values[:0])
    flat = np.cumsum(lens) - lens
    idx = np.repeat(starts - flat, lens)
    idx += np.arange(total, dtype=np.int64)
    return np.asarray(values[idx])


def _groups(lens: np.ndarray, most: int) -> list[tuple[int, int]]:
    """Consecutive ranges [i, j) of `lens` holding at most `most` in all (or one item)."""
    cum = np.cumsum(lens)
    out = []
    i, n = 0, len(lens)
    while i < n:
        base = int(cum[i - 1]) if i else 0
        j = min(max(int(np.searchsorted(cum, base + most, side="right")), i + 1), n)
        out.append((i, j))
        i = j
    return out


@dataclass(slots=True)
class Spans:
    """Per word of `ids` (sorted): its postings within a record range [lo, hi): how many
    (`lens`), and where to read them: a short word's first one in `post` (`starts`), a long
    word's number among the long ones (`j`, -1 for a short word)."""

    ids: np.ndarray
    lens: np.ndarray
    starts: np.ndarray
    j: np.ndarray
    lo: int
    hi: int

    def select(self, which: np.ndarray) -> Spans:
        """The spans of the words `which` (a boolean mask or positions) picks."""
        return Spans(
            self.ids[which], self.lens[which], self.starts[which], self.j[which], self.lo, self.hi
        )


class Postings:
    """Reads an index's postings, in either form (all word-major, or with long lists)."""

    __slots__ = ("off", "post", "long", "blk", "blk_off", "n_records", "n_long", "n_blocks", "lcum")

    def __init__(self, arrays: Any) -> None:
        self.off = arrays.post_off
        self.post = arrays.post
        self.long = np.asarray(arrays.post_long, dtype=np.int64)  # a few thousand words
        self.blk = arrays.post_blk
        self.blk_off = arrays.post_blk_off
        self.n_records = arrays.records
        self.n_long = len(self.long)
        self.n_blocks = blocks(self.n_records) if self.n_long else 0
        self.lcum = np.zeros(1, dtype=np.int64)
        if self.n_long:
            counts = np.asarray(self.off[self.long + 1]) - np.asarray(self.off[self.long])
            self.lcum = np.concatenate(([0], np.cumsum(counts, dtype=np.int64)))

    # ------------------------------------------------------------ places

    def phys(self, words: Any) -> Any:
        """Where word(s) `words`' short postings start in `post` (a long word's: empty)."""
        if not self.n_long:
            return self.off[words]
        return np.asarray(self.off[words]) - self.lcum[np.searchsorted(self.long, words)]

    def _long_range(self, lo: Any, hi: Any) -> tuple[Any, Any]:
        """The long words of vocabulary range(s) [lo, hi), as [j0, j1)."""
        return np.searchsorted(self.long, lo), np.searchsorted(self.long, hi)

    def _at(self, block: Any, j: Any) -> np.ndarray:
        """Where the run of (block, long word j) starts in `post_blk`."""
        return np.asarray(self.blk_off[block * self.n_long + j]).astype(np.int64, copy=False)

    # ------------------------------------------------------------ reading ranges

    def records(self, ranges: list[tuple[int, int]]) -> np.ndarray:
        """The records (int32) of every word of these vocabulary ranges, back to back: one
        word's are its sorted postings; several words' are unsorted (may repeat)."""
        if not self.n_long:
            if len(ranges) == 1:
                a, z = ranges[0]
                return np.asarray(self.post[int(self.off[a]) : int(self.off[z])])
            parts = [self.post[int(self.off[a]) : int(self.off[z])] for a, z in ranges]
            return np.concatenate(parts)
        los = np.array([r[0] for r in ranges], dtype=np.int64)
        his = np.array([r[1] for r in ranges], dtype=np.int64)
        s0, s1 = self.phys(los), self.phys(his)
        short = _runs(self.post, s0, s1 - s0)
        j0, j1 = self._long_range(los, his)
        has = j1 > j0
        if not has.any():
            return short
        j0, j1 = j0[has], j1[has]
        b = np.arange(self.n_blocks, dtype=np.int64)[:, None]
        x0, x1 = self._at(b, j0[None, :]).ravel(), self._at(b, j1[None, :]).ravel()
        lens = x1 - x0
        vals = _runs(self.blk, x0, lens).astype(np.int32)
        vals += np.repeat((np.repeat(b.ravel(), len(j0)) << BLOCK_BITS).astype(np.int32), lens)
        return vals if not len(short) else np.concatenate((short, vals))

    def mark(self, mask: np.ndarray, ranges: list[tuple[int, int]]) -> None:
        """Set `mask` (a bool per record) at the records of every word of these ranges: the
        long lists a block at a time, their 16-bit ids scattered into the block's slice."""
        off = self.off
        if not self.n_long:
            for a, z in ranges:
                _scatter(mask, self.post[int(off[a]) : int(off[z])])
            return
        los = np.array([r[0] for r in ranges], dtype=np.int64)
        his = np.array([r[1] for r in ranges], dtype=np.int64)
        s0, s1 = self.phys(los), self.phys(his)
        for a, z in zip(s0.tolist(), s1.tolist(), strict=True):
            if z > a:
                _scatter(mask, self.post[a:z])
        j0, j1 = self._long_range(los, his)
        has = j1 > j0
        if not has.any():
            return
        j0, j1 = j0[has], j1[has]
        blk = self.blk
        bs = np.arange(self.n_blocks, dtype=np.int64)[:, None]
        y0, y1 = self._at(bs, j0[None, :]), self._at(bs, j1[None, :])  # blocks x ranges
        lens = (y1 - y0).ravel()
        if int(lens.sum()) <= _FEW:  # a few: their ids made whole and scattered at once
            ids = _runs(blk, y0.ravel(), lens).astype(np.intp)
            ids += np.repeat(np.repeat(bs.ravel() << BLOCK_BITS, len(j0)), lens)
            mask[ids] = True
            return
        # many: a block at a time, a slice a run, the runs of a block scattered at once
        for b, (row0, row1) in enumerate(zip(y0.tolist(), y1.tolist(), strict=True)):
            runs = [blk[x0:x1] for x0, x1 in zip(row0, row1, strict=True) if x1 > x0]
            if runs:
                ids = runs[0] if len(runs) == 1 else np.concatenate(runs)
                _scatter(mask[b << BLOCK_BITS : (b + 1) << BLOCK_BITS], ids)

    # ------------------------------------------------------------ per word

    def spans(self, ids: np.ndarray, rec_range: tuple[int, int] | None) -> Spans:
        """The postings of each word of `ids` (sorted) within `rec_range` (all when None)."""
        lo, hi = rec_range if rec_range is not None else (0, self.n_records)
        lo, hi = max(lo, 0), min(hi, self.n_records)
        if not self.n_long:
            starts = np.asarray(self.off[ids])
            ends = np.asarray(self.off[ids + 1])
            if lo > 0 or hi < self.n_records:
                starts, ends = (
                    segment_search(self.post, starts, ends, lo),
                    segment_search(self.post, starts, ends, hi),
                )
            return Spans(ids, ends - starts, starts, np.full(len(ids), -1, np.int64), lo, hi)
        k = np.searchsorted(self.long, ids)
        is_long = (k < self.n_long) & (self.long[np.minimum(k, self.n_long - 1)] == ids)
        j = np.where(is_long, k, -1)
        at, after = np.asarray(self.off[ids]), np.asarray(self.off[ids + 1])
        if lo <= 0 and hi >= self.n_records:  # every record: each word's whole count
            return Spans(ids, after - at, at - self.lcum[k], j, lo, hi)
        starts = at - self.lcum[k]
        ends = after - self.lcum[k + is_long]
        starts, ends = (
            segment_search(self.post, starts, ends, lo),
            segment_search(self.post, starts, ends, hi),
        )
        lens = ends - starts
        if is_long.any():
            jl = j[is_long]
            lens[is_long] = self._rank(jl, hi) - self._rank(jl, lo)
        return Spans(ids, lens, starts, j, lo, hi)

    def _rank(self, j: np.ndarray, rec: int) -> np.ndarray:
        """Per long word j: how many of its postings are records below `rec`."""
        if rec <= 0:
            return np.zeros(len(j), dtype=np.int64)
        if rec >= self.n_records:
            return self.lcum[j + 1] - self.lcum[j]
        block = rec >> BLOCK_BITS
        b = np.arange(block, dtype=np.int64)[:, None]
        before = (self._at(b, j[None, :] + 1) - self._at(b, j[None, :])).sum(axis=0)
        s, e = self._at(block, j), self._at(block, j + 1)
        within = segment_search(self.blk, s, e, rec - (block << BLOCK_BITS)) - s
        return before + within

    def heads(self, spans: Spans, take: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The first `take[i]` records (int32) of each word's postings within its spans'
        range (take[i] <= spans.lens[i]), each word's back to back (the short words' first,
        then the long ones'), and where each word's last one is in them (-1: none taken)."""
        take = np.asarray(take, dtype=np.int64)
        is_long = spans.j >= 0
        if not is_long.any():
            last = np.cumsum(take) - 1
            if len(take) == 1:  # one word's: a slice, no copy
                at = int(spans.starts[0])
                return np.asarray(self.post[at : at + int(take[0])]), last
            return _runs(self.post, spans.starts, take), last
        if is_long.all():
            return self._long_heads(spans.j, take, spans.lo), np.cumsum(take) - 1
        short = ~is_long
        lens = take[short]
        ends = np.empty(len(take), dtype=np.int64)
        ends[short] = np.cumsum(lens)
        ends[is_long] = np.cumsum(take[is_long]) + int(ends[short][-1])
        vals = np.concatenate(
            (
                _runs(self.post, spans.starts[short], lens),
                self._long_heads(spans.j[is_long], take[is_long], spans.lo),
            )
        )
        return vals, ends - 1

    def _long_heads(self, j: np.ndarray, take: np.ndarray, lo: int) -> np.ndarray:
        """The first `take[i]` records (int32) from record `lo` on of each long word j[i],
        word after word: each word's runs of the blocks from `lo`'s, as many of each as the
        take still wants, read by one gather."""
        first = lo >> BLOCK_BITS
        if first >= self.n_blocks:
            return np.empty(0, dtype=np.int32)
        starts0, ends0 = self._at(first, j), self._at(first, j + 1)
        if lo & (BLOCK - 1):
            starts0 = segment_search(self.blk, starts0, ends0, lo - (first << BLOCK_BITS))
        if (ends0 - starts0 >= take).all():  # the first block holds every head
            vals = _runs(self.blk, starts0, take).astype(np.int32)
            vals += np.int32(first << BLOCK_BITS)
            return vals
        bs = np.arange(first, self.n_blocks, dtype=np.int64)[:, None]
        starts = self._at(bs, j[None, :])  # blocks x words
        ends = self._at(bs, j[None, :] + 1)
        if lo & (BLOCK - 1):
            starts[0] = segment_search(self.blk, starts[0], ends[0], lo - (first << BLOCK_BITS))
        have = ends - starts
        before = np.cumsum(have, axis=0) - have
        n = np.clip(take[None, :] - before, 0, have).T.ravel()  # word-major
        vals = _runs(self.blk, starts.T.ravel(), n).astype(np.int32)
        vals += np.repeat(np.broadcast_to((bs << BLOCK_BITS).T, have.T.shape).ravel(), n).astype(
            np.int32
        )
        return vals


def segment_search(
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


#: Up to this many long postings, a mask is set in one scatter of whole ids, not by blocks.
_FEW = 1 << 16
#: Record ids cast to the index type at a time when a mask is set (numpy scatters an array
#: of its own index type 2.5 times faster than one of 16 or 32 bits, which it casts as it goes).
_SCATTER = 1 << 18


def _scatter(mask: np.ndarray, ids: np.ndarray) -> None:
    """mask[ids] = True, the ids cast to `np.intp` a chunk at a time."""
    for at in range(0, len(ids), _SCATTER):
        mask[np.asarray(ids[at : at + _SCATTER]).astype(np.intp)] = True


def _runs_index(starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """The positions starts[i] .. starts[i] + lens[i] of every i, back to back."""
    total = int(lens.sum())
    flat = np.cumsum(lens) - lens
    return np.arange(total, dtype=np.int64) + np.repeat(starts - flat, lens)


# ---------------------------------------------------------------- merges and updates


def flat(arrays: Any, w0: int, w1: int) -> np.ndarray:
    """The postings (int32) of words [w0, w1), word-major as a build makes them: a merge's
    and an update's reading of a saved part."""
    off, post = arrays.post_off, arrays.post
    long = np.asarray(arrays.post_long, dtype=np.int64)
    if not len(long):
        return np.asarray(post[int(off[w0]) : int(off[w1])])
    p = Postings(arrays)
    base = int(off[w0])
    out = np.empty(int(off[w1]) - base, dtype=np.int32)
    j0, j1 = (int(x) for x in np.searchsorted(long, [w0, w1]))
    words = np.arange(w0, w1, dtype=np.int64)
    short = words[~np.isin(words, long[j0:j1])]
    if len(short):
        lens = np.asarray(off[short + 1]) - np.asarray(off[short])
        out[_runs_index(np.asarray(off[short]) - base, lens)] = _runs(post, p.phys(short), lens)
    if j1 > j0:
        j = np.arange(j0, j1, dtype=np.int64)
        b = np.arange(p.n_blocks, dtype=np.int64)[None, :]
        x0 = p._at(b, j[:, None])  # long words x blocks: word-major
        lens = p._at(b, j[:, None] + 1) - x0
        within = np.cumsum(lens, axis=1) - lens
        dst = (np.asarray(off[long[j0:j1]]) - base)[:, None] + within
        vals = _runs(p.blk, x0.ravel(), lens.ravel()).astype(np.int32)
        vals += np.repeat((np.broadcast_to(b, lens.shape) << BLOCK_BITS).ravel(), lens.ravel())
        out[_runs_index(dst.ravel(), lens.ravel())] = vals
    return out


def live_counts(arrays: Any, live: np.ndarray | None) -> np.ndarray:
    """Per word of a part: how many of its postings are live records (chunk by chunk)."""
    off = np.asarray(arrays.post_off, dtype=np.int64)
    counts = np.diff(off)
    if live is None or not len(counts):
        return counts
    out = np.zeros(len(counts), dtype=np.int64)
    w0, n = 0, len(counts)
    while w0 < n:
        w1 = int(np.searchsorted(off, off[w0] + _CHUNK, side="right")) - 1
        w1 = min(max(w1, w0 + 1), n)
        recs = flat(arrays, w0, w1)
        alive = live[recs].astype(np.int64)
        lens = counts[w0:w1]
        has = lens > 0
        if len(recs):
            starts = (off[w0:w1] - off[w0])[has]
            out[w0:w1][has] = np.add.reduceat(alive, starts)
        _let_go(arrays.post)
        _let_go(arrays.post_blk)
        w0 = w1
    return out


# ---------------------------------------------------------------- saving


def _npy(path: Path, dtype: Any, size: int) -> Any:
    """A `.npy` file of `size` values of `dtype` opened for writing after its header."""
    out = open(path, "wb")  # noqa: SIM115 (closed by the caller)
    header = {"descr": np.lib.format.dtype_to_descr(np.dtype(dtype)), "fortran_order": False}
    np.lib.format.write_array_header_1_0(out, {**header, "shape": (size,)})
    return out


def save_blocked(folder: Path, post_off: np.ndarray, post: np.ndarray, records: int) -> None:
    """Write word-major postings (`post_off`, `post`: a build's or a merge's) to `folder` as
    a saved index keeps them: `post.npy` (short lists), `post_long.npy`, `post_blk.npy` and
    `post_blk_off.npy`; `post_off` is written by the caller. Read a chunk at a time, the
    pages of a mapped `post` let go after each, and written as they are made."""
    off = np.asarray(post_off, dtype=np.int64)
    counts = np.diff(off)
    long = np.flatnonzero(counts >= long_from(records)).astype(np.int64)
    n_long = len(long)
    n_blocks = blocks(records) if n_long else 0
    # Per long word and block: how many postings (the words' lists read a chunk at a time).
    per = np.zeros((n_long, n_blocks), dtype=np.int64)
    for j0, j1 in _groups(counts[long], _GATHER):
        lens = counts[long[j0:j1]]
        key = np.repeat(np.arange(j1 - j0, dtype=np.int64) * n_blocks, lens)
        key += _runs(post, off[long[j0:j1]], lens) >> BLOCK_BITS
        per[j0:j1] = np.bincount(key, minlength=(j1 - j0) * n_blocks).reshape(-1, n_blocks)
        del key
        _let_go(post)
    blk_off = np.zeros(n_blocks * n_long + 1, dtype=np.int64)
    np.cumsum(per.T.ravel(), out=blk_off[1:])
    # The long lists, block-major. Read word-major (a group of long words' lists at a time, so
    # the mapped postings are read once, in order, their pages let go after each group), each
    # group's postings put in block order (a stable sort on the block keeps word order within
    # it), and each block's run of the group written where it goes: the runs of consecutive
    # words in a block are consecutive in the file.
    with _npy(folder / "post_blk.npy.part", np.uint16, int(blk_off[-1])) as out:
        out.flush()
        data, fd = out.tell(), out.fileno()
        for j0, j1 in _groups(counts[long], _GATHER):
            vals = _runs(post, off[long[j0:j1]], counts[long[j0:j1]])
            order = np.argsort((vals >> BLOCK_BITS).astype(np.uint16), kind="stable")
            low = np.ascontiguousarray(vals[order] & (BLOCK - 1), dtype=np.uint16)
            del vals, order
            at = 0
            for blk, n in enumerate(per[j0:j1].sum(axis=0).tolist()):
                if n:
                    os.pwrite(fd, low[at : at + n].data, data + 2 * int(blk_off[blk * n_long + j0]))
                    at += n
            _let_go(post)
        out.truncate(data + 2 * int(blk_off[-1]))
    # The short lists, word-major: every posting of a word that is not long.
    is_long = np.zeros(len(counts), dtype=bool)
    is_long[long] = True
    with _npy(folder / "post.npy.part", np.int32, int(off[-1]) - int(blk_off[-1])) as out:
        w0, n = 0, len(counts)
        while w0 < n:
            w1 = min(max(int(np.searchsorted(off, off[w0] + _CHUNK, side="right")) - 1, w0 + 1), n)
            chunk = np.asarray(post[int(off[w0]) : int(off[w1])])
            keep = ~np.repeat(is_long[w0:w1], counts[w0:w1])
            out.write(np.ascontiguousarray(chunk[keep] if n_long else chunk, np.int32).data)
            _let_go(post)
            w0 = w1
    (folder / "post_blk.npy.part").replace(folder / "post_blk.npy")
    (folder / "post.npy.part").replace(folder / "post.npy")
    np.save(folder / "post_long.npy", long.astype(np.int32))
    np.save(folder / "post_blk_off.npy", blk_off.astype(narrowest("post_blk_off", blk_off)))
