"""Merging index parts into one (the k-way merge): arrays already built, nothing tokenised
again. Vocabularies are united and each part's word ids renumbered by a lookup array; each
word's postings are the parts' postings with their records renumbered (the masked ones
dropped), merged a chunk of words at a time; forward indexes, texts and per-record columns
are copied run by run in the merged record order. The texts (a zstd frame a record) keep the
dictionary of the sources holding most of them, whose frames are copied as they are; the
others' are compressed again with it (`_Merge.copy_texts`). The output arrays come from `alloc`
(memory, or files mapped in the folder being written), filled a chunk at a time, so what is
held besides them is a chunk, the vocabulary and a few integers a record.

The merged part is what a build of the same documents makes: records in a build's order
(entity names, then facts, then sentences, each in the store's order of documents), the
documents table in the order a build meets them, facts numbered in record order."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from explorer.model import Corpus
from explorer.search import build as _build
from explorer.search import texts as _texts
from explorer.search.arrays import (
    KIND_ENTITY,
    KIND_FACT,
    IndexArrays,
    IndexTables,
    mapping,
    record_dates,
    release_heap,
)
from explorer.search.arrays import release_pages as _let_go
from explorer.search.build import IndexParts
from explorer.search.postings import flat, live_counts

#: Records copied at a time (columns, words, texts).
_PIECE = 1 << 16
#: Postings gathered and merged at a time.
_POSTINGS = 1 << 18

Alloc = Callable[[str, int, Any], np.ndarray]


@dataclass(slots=True)
class Source:
    """A part to merge: its arrays and tables; per document index of the part (and a last
    entry for records without a document) its place in the store's order, -1 for a masked
    document (None: a part of entity names, whose records keep their own order); and which
    records are live (None: all)."""

    parts: IndexParts
    place: np.ndarray | None = None
    live: np.ndarray | None = None


def _in_memory(_name: str, size: int, dtype: Any) -> np.ndarray:
    return np.empty(size, dtype=dtype)


def _order(sources: list[Source]) -> tuple[np.ndarray, np.ndarray]:
    """The merged record order: (source, record) per output record. Records sort by kind,
    then the document's place in the store, then their place in their part (entity names
    by their record); each part's records are in that order already, so this merges runs."""
    keys, src, recs = [], [], []
    for i, s in enumerate(sources):
        a = s.parts.arrays
        live = s.live
        rec = (
            np.flatnonzero(live) if live is not None else np.arange(a.records, dtype=np.int64)
        ).astype(np.int64)
        kind = np.asarray(a.kind)[rec].astype(np.int64)
        if s.place is None:
            key = (kind << 60) | rec
        else:
            places = s.place[np.asarray(a.doc)[rec]]
            keep = places >= 0
            rec, kind, places = rec[keep], kind[keep], places[keep]
            key = np.where(kind == KIND_ENTITY, rec, (kind << 60) | (places << 32) | rec)
        keys.append(key)
        src.append(np.full(len(rec), i, dtype=np.int32))
        recs.append(rec)
    key = np.concatenate(keys) if keys else np.empty(0, np.int64)
    order = np.argsort(key, kind="stable")  # sorted runs: timsort merges them
    return np.concatenate(src)[order], np.concatenate(recs)[order]


def _runs(src: np.ndarray, rec: np.ndarray) -> list[tuple[int, int, int, int]]:
    """(source, first record, end, first output record) of each stretch of consecutive
    records of one source, cut to `_PIECE` records."""
    if not len(src):
        return []
    cut = np.flatnonzero((src[1:] != src[:-1]) | (rec[1:] != rec[:-1] + 1)) + 1
    starts = np.concatenate(([0], cut)).tolist()
    ends = np.concatenate((cut, [len(src)])).tolist()
    out = []
    for o0, o1 in zip(starts, ends, strict=True):
        for lo in range(o0, o1, _PIECE):
            hi = min(lo + _PIECE, o1)
            r0 = int(rec[lo])
            out.append((int(src[lo]), r0, r0 + hi - lo, lo))
    return out


def merge(
    sources: list[Source],
    generation: str,
    fingerprints: list[list[Any]] | None = None,
    alloc: Alloc = _in_memory,
) -> IndexParts:
    """One part holding the live records of `sources`, as a build of them makes it."""
    m = _Merge(sources, alloc)
    m.copy_records()
    m.copy_texts()
    m.merge_postings()
    m.entity_documents()
    tables = m.tables(generation, fingerprints)
    arrays = IndexArrays.of(m.out)
    return IndexParts(arrays, m.vocab, tables)


_COLUMNS: dict[str, Any] = {
    "kind": np.int8,
    "doc": np.int32,
    "sent": np.int32,
    "start": np.int32,
    "end": np.int32,
    "ref": np.int32,
    "labels": np.uint32,
    "date_lo": np.int32,
    "date_hi": np.int32,
}


class _Merge:
    """The state of one merge: the record order, the word and document renumberings, and
    the output arrays."""

    def __init__(self, sources: list[Source], alloc: Alloc) -> None:
        self.sources = sources
        src, rec = _order(sources)
        n = len(src)
        self.runs = runs = _runs(src, rec)
        del src, rec
        self.rec_maps = []
        for i, s in enumerate(sources):
            rec_map = np.full(s.parts.arrays.records, -1, dtype=np.int64)
            self.rec_maps.append(rec_map)
            for j, r0, r1, o0 in runs:
                if j == i:
                    rec_map[r0:r1] = np.arange(o0, o0 + r1 - r0)
        self._vocabulary()
        out: dict[str, np.ndarray] = {}
        n_fwd = 0
        for j, r0, r1, _o0 in runs:
            a = sources[j].parts.arrays
            n_fwd += int(a.fwd_off[r1]) - int(a.fwd_off[r0])
        self.n = n
        self.alloc = alloc
        for name, dtype in _COLUMNS.items():
            out[name] = alloc(name, n, dtype)
        out["fwd_off"] = alloc("fwd_off", n + 1, np.int64)
        wide = np.uint16 if len(self.vocab) < 65_536 else np.int32
        out["fwd"] = alloc("fwd", n_fwd, wide)
        out["post_off"] = alloc("post_off", len(self.vocab) + 1, np.int64)
        out["post"] = alloc("post", self.post_total, np.int32)
        self.out = out
        # Entity rows: those of the sources whose entity names are live, in source order.
        self.entities: list[list[Any]] = []
        self.ent_base: list[int] = []
        self.with_names: list[bool] = []
        for s, rec_map in zip(sources, self.rec_maps, strict=True):
            self.ent_base.append(len(self.entities))
            n_names = int(np.searchsorted(np.asarray(s.parts.arrays.kind), KIND_FACT))
            named = bool(n_names and (rec_map[:n_names] >= 0).any())
            self.with_names.append(named)
            if named:
                self.entities.extend(s.parts.tables.entities)
        # Documents in the order a build meets them: entities' first mentions, then records.
        self.doc_ids: dict[str, int] = {}
        for row in self.entities:
            if row[2]:
                self.doc_ids.setdefault(row[2], len(self.doc_ids))
        self.doc_maps = [np.full(len(s.parts.tables.docs) + 1, -1, dtype=np.int32) for s in sources]
        self._map_known_documents()
        self.predicates: list[str] = []
        self.fact_dates: list[str | None] = []

    def _vocabulary(self) -> None:
        """The words of live records, sorted; each source's word ids renumbered into them."""
        sources = self.sources
        union = sorted(set().union(*(s.parts.vocab for s in sources)))
        where = {w: i for i, w in enumerate(union)}
        self.word_maps = [
            np.fromiter(map(where.__getitem__, s.parts.vocab), np.int64, len(s.parts.vocab))
            for s in sources
        ]
        del where
        counts = np.zeros(len(union), dtype=np.int64)
        self.sizes = np.zeros(len(union), dtype=np.int64)
        for s, wmap, rec_map in zip(sources, self.word_maps, self.rec_maps, strict=True):
            a = s.parts.arrays
            live = rec_map >= 0
            # every record live (a build by parts): the counts are the lengths, no posting read
            counts[wmap] += live_counts(a, None if live.all() else live)
            self.sizes[wmap] += np.diff(a.post_off)
        used = counts > 0
        self.final = np.cumsum(used) - 1
        self.vocab = [union[i] for i in np.flatnonzero(used).tolist()]
        self.counts = counts[used]
        self.post_total = int(self.counts.sum())
        # in the forward index's saved width: a piece's words gathered through them are
        # not a 64-bit copy (8 bytes a word: 40 MB for the 250,000-record pieces of before)
        wide = np.uint16 if len(self.vocab) < 65_536 else np.int32
        self.final_maps = [self.final[wmap].astype(wide) for wmap in self.word_maps]

    def _map_known_documents(self) -> None:
        for s, dmap in zip(self.sources, self.doc_maps, strict=True):
            for d in np.flatnonzero(dmap[:-1] < 0).tolist():
                found = self.doc_ids.get(s.parts.tables.docs[d][0])
                if found is not None:
                    dmap[d] = found

    def copy_records(self) -> None:
        """Columns, words and texts, run by run in the merged order."""
        out = self.out
        fwd_at = 0
        out["fwd_off"][0] = 0
        for j, r0, r1, o0 in self.runs:
            s = self.sources[j]
            a = s.parts.arrays
            o1 = o0 + r1 - r0
            out["doc"][o0:o1] = self._documents(j, np.asarray(a.doc[r0:r1]))
            for name in ("kind", "sent", "start", "end", "labels"):
                out[name][o0:o1] = getattr(a, name)[r0:r1]
            out["date_lo"][o0:o1], out["date_hi"][o0:o1] = record_dates(a, r0, r1)
            out["ref"][o0:o1] = self._refs(j, np.asarray(a.kind[r0:r1]), a.ref[r0:r1])
            f0, f1 = int(a.fwd_off[r0]), int(a.fwd_off[r1])
            out["fwd"][fwd_at : fwd_at + f1 - f0] = self.final_maps[j][np.asarray(a.fwd[f0:f1])]
            offs = np.asarray(a.fwd_off[r0 + 1 : r1 + 1], dtype=np.int64)  # saved: int32 mostly
            out["fwd_off"][o0 + 1 : o1 + 1] = offs - f0 + fwd_at
            fwd_at += f1 - f0
            for name in ("fwd", "fwd_off", *_COLUMNS):
                _let_go(out[name])
                _let_go(getattr(a, name))  # the source's pages read, given back too
        self._map_known_documents()  # documents other sources met first

    def _dictionary(self, dicts: list[bytes]) -> bytes:
        """The merged part's dictionary: that of the sources holding most of its texts when
        they hold at least half (their frames are copied as they are), else one trained from
        the texts of every source (a merge of parts trained apart, or too small to train)."""
        held: dict[bytes, int] = {}
        total = 0
        for j, r0, r1, _o0 in self.runs:
            a = self.sources[j].parts.arrays
            size = int(a.text_off[r1]) - int(a.text_off[r0])
            held[dicts[j]] = held.get(dicts[j], 0) + size
            total += size
        best = max(held, key=held.__getitem__, default=b"")
        if best and 2 * held[best] >= total:
            return best
        # the sample a build trains from: records spread over the merged order
        decompress = [_texts.decompressor(d) for d in dicts]
        picked = set(_texts.sample_indices(self.n).tolist())
        samples = []
        for j, r0, r1, o0 in self.runs:
            off = self.sources[j].parts.arrays.text_off
            blob = self.sources[j].parts.arrays.text_blob
            for o in sorted(picked.intersection(range(o0, o0 + r1 - r0))):
                r = r0 + o - o0
                frame = bytes(np.asarray(blob[int(off[r]) : int(off[r + 1])]))
                samples.append(decompress[j](frame))
        trained = _texts.train(samples)
        return trained if trained or not best else best

    def copy_texts(self) -> None:
        """The texts, run by run: frames of sources with the merged dictionary copied, the
        others' decompressed and compressed again (spooled to a temporary file first, as
        their size is known only then)."""
        out, runs = self.out, self.runs
        dicts = [_texts.dictionary_of(s.parts.arrays.text_dict) for s in self.sources]
        chosen = self._dictionary(dicts)
        compress = _texts.compressor(chosen)
        lens = np.zeros(self.n, dtype=np.int64)
        with tempfile.TemporaryFile(prefix="explorer-merge-") as spool:
            redone: list[bool] = []
            for j, r0, r1, o0 in runs:
                a = self.sources[j].parts.arrays
                o1 = o0 + r1 - r0
                off = np.asarray(a.text_off[r0 : r1 + 1], dtype=np.int64)
                redo = dicts[j] != chosen
                redone.append(redo)
                if not redo:
                    lens[o0:o1] = np.diff(off)
                    continue
                decompress = _texts.decompressor(dicts[j])
                at = off.tolist()
                for lo in range(0, r1 - r0, _texts.BATCH):  # a batch of texts held at a time
                    hi = min(lo + _texts.BATCH, r1 - r0)
                    view = np.asarray(a.text_blob[at[lo] : at[hi]]).data
                    base = at[lo]
                    raw = [
                        decompress(bytes(view[at[i] - base : at[i + 1] - base]))
                        for i in range(lo, hi)
                    ]
                    frames = compress(raw)
                    lens[o0 + lo : o0 + hi] = [len(f) for f in frames]
                    spool.write(b"".join(frames))
                _let_go(a.text_blob)
            text_off = _texts.offsets(lens)
            del lens
            out["text_off"] = self.alloc("text_off", self.n + 1, text_off.dtype)
            out["text_off"][:] = text_off
            out["text_blob"] = blob_out = self.alloc("text_blob", int(text_off[-1]), np.uint8)
            spool.seek(0)
            for (j, r0, r1, o0), redo in zip(runs, redone, strict=True):
                t0, t1 = int(text_off[o0]), int(text_off[o0 + r1 - r0])
                if redo:
                    blob_out[t0:t1] = np.frombuffer(spool.read(t1 - t0), dtype=np.uint8)
                else:
                    a = self.sources[j].parts.arrays
                    s0 = int(a.text_off[r0])
                    blob_out[t0:t1] = a.text_blob[s0 : s0 + t1 - t0]
                    _let_go(a.text_blob)
                _let_go(blob_out)
            out["text_dict"] = np.frombuffer(chosen, dtype=np.uint8).copy()

    def _documents(self, j: int, docs: np.ndarray) -> np.ndarray:
        """Source `j`'s document indices renumbered; those met here first numbered next."""
        dmap = self.doc_maps[j]
        if (dmap[docs] < 0).any():
            uniq, first = np.unique(docs, return_index=True)
            table = self.sources[j].parts.tables.docs
            for d in uniq[np.argsort(first)].tolist():
                if d >= 0 and dmap[d] < 0:
                    dmap[d] = self.doc_ids.setdefault(table[d][0], len(self.doc_ids))
        return dmap[docs]

    def _refs(self, j: int, kinds: np.ndarray, refs_in: np.ndarray) -> np.ndarray:
        """Facts numbered in record order (their predicates and dates kept), entity rows
        shifted by the rows of the sources before."""
        refs = np.asarray(refs_in).astype(np.int64)
        new_refs = refs.copy()
        is_fact = kinds == KIND_FACT
        if is_fact.any():
            old = refs[is_fact].tolist()
            tables = self.sources[j].parts.tables
            preds = tables.predicates
            dates = tables.fact_dates or [None] * len(preds)
            start = len(self.predicates)
            new_refs[is_fact] = np.arange(start, start + len(old))
            self.predicates.extend(preds[r] for r in old)
            self.fact_dates.extend(dates[r] for r in old)
        new_refs[kinds == KIND_ENTITY] += self.ent_base[j]
        return new_refs

    def merge_postings(self) -> None:
        """A chunk of words at a time: each source's postings with their records
        renumbered (masked ones dropped), merged by sorting the (word << 32 | record) keys,
        which are one sorted run a source, or, sources in turn (`_in_turn`), placed."""
        post_off = self.out["post_off"]
        post_off[0] = 0
        np.cumsum(self.counts, out=post_off[1:])
        post = self.out["post"]
        bounds = np.concatenate(([0], np.cumsum(self.sizes)))
        n_words = len(self.sizes)
        in_turn = self._in_turn()
        u0, filled = 0, 0
        while u0 < n_words:
            reach = int(np.searchsorted(bounds, bounds[u0] + _POSTINGS, side="right")) - 1
            u1 = min(max(reach, u0 + 1), n_words)
            pieces = []
            for s, wmap, rec_map in zip(self.sources, self.word_maps, self.rec_maps, strict=True):
                a = s.parts.arrays
                w0 = int(np.searchsorted(wmap, u0))
                w1 = int(np.searchsorted(wmap, u1))
                p0, p1 = int(a.post_off[w0]), int(a.post_off[w1])
                if p1 <= p0:
                    continue
                recs = rec_map[flat(a, w0, w1)]
                lens = np.diff(a.post_off[w0 : w1 + 1])
                if in_turn is not None:
                    self._place(in_turn, recs, np.repeat(self.final[wmap[w0:w1]], lens))
                    continue
                keys = np.repeat(self.final[wmap[w0:w1]], lens)
                keys <<= 32
                keys |= recs
                pieces.append(keys[recs >= 0])
            if in_turn is not None:
                _let_go(post)
                for s in self.sources:
                    _let_go(s.parts.arrays.post)
                    _let_go(s.parts.arrays.post_blk)
            elif pieces:
                keys = pieces[0] if len(pieces) == 1 else np.concatenate(pieces)
                if len(pieces) > 1:
                    keys.sort(kind="stable")
                post[filled : filled + len(keys)] = keys  # the low 32 bits: the record
                filled += len(keys)
                _let_go(post)
                for s in self.sources:
                    _let_go(s.parts.arrays.post)
                    _let_go(s.parts.arrays.post_blk)
            u0 = u1
        if in_turn is not None:  # every word's postings all placed
            filled = self.post_total if np.array_equal(in_turn, post_off[1:]) else -1
        if filled != self.post_total:
            raise ValueError("merged postings do not add up")

    def _in_turn(self) -> np.ndarray | None:
        """When the live records of each source keep their order and all come before those
        of the next (the parts of one build), a word's merged postings are each source's in
        turn: the cursor (where the next posting of each word goes) that `_place` fills
        them with, no sort. None otherwise."""
        last = -1
        for rec_map in self.rec_maps:
            live = rec_map[rec_map >= 0]
            if not len(live):
                continue
            if int(live[0]) <= last or (len(live) > 1 and not (live[1:] > live[:-1]).all()):
                return None
            last = int(live.max())
        return np.asarray(self.out["post_off"][:-1], dtype=np.int64).copy()

    def _place(self, cursor: np.ndarray, recs: np.ndarray, words: np.ndarray) -> None:
        """A source's postings of a chunk (renumbered records, merged words in order; -1 a
        masked record) put where `cursor` says, each word's after the sources' before."""
        keep = recs >= 0
        if not keep.all():
            recs, words = recs[keep], words[keep]
        if not len(words):
            return
        firsts = np.flatnonzero(np.concatenate(([True], words[1:] != words[:-1])))
        run_words = words[firsts]
        run_lens = np.diff(np.append(firsts, len(words)))
        where = np.repeat(cursor[run_words] - firsts, run_lens)
        where += np.arange(len(words))
        self.out["post"][where] = recs
        cursor[run_words] += run_lens

    def entity_documents(self) -> None:
        """Each entity's documents, renumbered and sorted again."""
        off_parts, flat_parts = [np.zeros(1, dtype=np.int64)], []
        at = 0
        for s, dmap, named in zip(self.sources, self.doc_maps, self.with_names, strict=True):
            if not named:
                continue
            a = s.parts.arrays
            off = np.asarray(a.ent_doc_off, dtype=np.int64)
            flat = dmap[np.asarray(a.ent_doc)].astype(np.int64)
            rows = np.repeat(np.arange(len(off) - 1, dtype=np.int64), np.diff(off))
            keep = flat >= 0
            keys = np.sort((rows[keep] << 32) | flat[keep])
            lens = np.bincount(keys >> 32, minlength=len(off) - 1)
            off_parts.append(np.cumsum(lens) + at)
            at += int(lens.sum())
            flat_parts.append((keys & 0xFFFFFFFF).astype(np.int32))
        self.out["ent_doc_off"] = np.concatenate(off_parts)
        self.out["ent_doc"] = np.concatenate(flat_parts) if flat_parts else np.empty(0, np.int32)

    def tables(self, generation: str, fingerprints: list[list[Any]] | None) -> IndexTables:
        """The documents (titles and dates from a source where each is current), entities
        and facts of the merged part."""
        docs = [[doc_id, ""] for doc_id in self.doc_ids]
        dates: list[str | None] = [None] * len(docs)
        known = np.zeros(len(docs), dtype=bool)
        for s, dmap in zip(self.sources, self.doc_maps, strict=True):
            current = np.ones(len(dmap), dtype=bool) if s.place is None else s.place >= 0
            table_dates = s.parts.tables.doc_dates or [None] * len(s.parts.tables.docs)
            for d, (_doc_id, title) in enumerate(s.parts.tables.docs):
                k = int(dmap[d])
                if k < 0 or not current[d]:
                    continue
                if title and not docs[k][1]:
                    docs[k][1] = title
                if not known[k]:
                    known[k] = True
                    dates[k] = table_dates[d]
        return IndexTables(
            docs=docs,
            entities=self.entities,
            predicates=self.predicates,
            fingerprints=fingerprints,
            generation=generation,
            doc_dates=dates,
            fact_dates=self.fact_dates,
        )


def build_in_parts(
    corpus: Corpus, alloc: Alloc = _in_memory, part_records: int | None = None
) -> IndexParts:
    """`build(corpus)`, for a big corpus as parts of `build.PART_RECORDS` records, each
    written to a scratch folder beside the corpus and mapped back, then merged into
    `alloc`'s arrays: memory holds a part being built, never the whole index."""
    with _build.collector_held():
        return _in_parts(corpus, alloc, part_records)


def _in_parts(corpus: Corpus, alloc: Alloc, part_records: int | None) -> IndexParts:
    scratch = _scratch_folder(corpus)
    try:
        count = [0]

        def spill(parts: IndexParts) -> IndexParts:
            folder = scratch / f"part-{count[0]}"
            count[0] += 1
            folder.mkdir()
            mapped = {}
            for name, array in parts.arrays.as_dict().items():
                if mapping(array) is not None:  # in a file already: a builder's spooled
                    mapped[name] = array  # texts, columns and words, or the first part's
                    continue  # arrays, spilled again with its entity documents
                np.save(folder / f"{name}.npy", np.ascontiguousarray(array))
                mapped[name] = np.load(folder / f"{name}.npy", mmap_mode="r")
            vocab, tables = parts.vocab, parts.tables
            del parts
            release_heap()  # the part's arrays, freed: their memory back to the system
            return IndexParts(IndexArrays.of(mapped), vocab, tables)

        made = _build.build_parts(corpus, spill, part_records)
        if isinstance(made, IndexParts):
            return made
        listed, fingerprints = made
        sources = [Source(parts, place) for parts, place in listed]
        return merge(sources, _build.generation_of(corpus), fingerprints, alloc)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _scratch_folder(corpus: Corpus) -> Path:
    try:
        return Path(tempfile.mkdtemp(prefix=".explorer-parts-", dir=Path(corpus.path).parent))
    except OSError:
        return Path(tempfile.mkdtemp(prefix="explorer-parts-"))
