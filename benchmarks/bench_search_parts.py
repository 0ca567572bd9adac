"""Prototype for issue 13 point 2 ("an index that grows"), not yet the engine: does a query
answered per index part, each part's ranked page merged by `RankKey`, give the hits of one
index over everything, and what does asking several parts cost a keystroke?

The BBC sentences replicated to 100k (`bench_search.BenchCorpus`) are indexed once whole and
once as PARTS parts of consecutive documents (as segments of a store would be), each part
built on its own. A part's record ids are shifted by the records before it, so the packed
key's final tie-break (the record id) stays the global record order, and the merged page is
the best `limit` keys of all parts' pages. Every keystroke of `bench_search.QUERIES` is
asked both ways (top 50, typo matches included); the figures are how many pages are
identical (records and keys), and the CPU per keystroke of each way.

    .venv/bin/python -m benchmarks.bench_search_parts     # EXPLORER_BENCH_PARTS=10
"""

from __future__ import annotations

import itertools
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.bench_search import QUERIES, BenchCorpus, keystrokes, load_base
from benchmarks.common import BBC, data_or_skip, figure, heading

SIZE = 100_000
LIMIT = 50


class PartCorpus(BenchCorpus):
    """The sentences of documents [lo, hi) of a `BenchCorpus`, in its order."""

    def __init__(self, whole: BenchCorpus, docs: set[str]):
        super().__init__(whole.path, whole.base, whole.size)
        self._docs = docs

    def iter_sentences(self):
        return (rec for rec in super().iter_sentences() if rec.doc in self._docs)

    def documents(self) -> list:
        return [d for d in super().documents() if d.id in self._docs]


def part_corpora(corpus: BenchCorpus, shares: list[float]) -> list[PartCorpus]:
    """Runs of consecutive documents, each about its share of the documents."""
    order: list[str] = []
    for rec in corpus.iter_sentences():
        if not order or order[-1] != rec.doc:
            order.append(rec.doc)
    cuts = np.round(np.cumsum([0.0, *shares]) / sum(shares) * len(order)).astype(int)
    return [PartCorpus(corpus, set(order[lo:hi])) for lo, hi in itertools.pairwise(cuts)]


def page(index, query: str) -> list[tuple[int, int]]:
    """The best LIMIT (record, packed key) of one index for a typed query."""
    from explorer.search.query import parse

    plan = index.matcher.plan(parse(query))
    if plan is None:
        return []
    recs, keys, _complete = index.matcher.ranked(plan, LIMIT)
    return index.hit_maker.top(recs, keys, LIMIT)


def merged(parts, offsets: list[int], query: str) -> list[tuple[int, int]]:
    """Each part's page, its record ids shifted to the global order, the best LIMIT kept."""
    found: list[tuple[int, int]] = []
    for index, base in zip(parts, offsets, strict=True):
        found.extend((rec + base, key + base) for rec, key in page(index, query))
    found.sort(key=lambda item: item[1])
    return found[:LIMIT]


def main() -> None:
    heading("search parts (prototype, issue 13 point 2): per-part pages merged by RankKey")
    if not data_or_skip(BBC, "the parts prototype"):
        return
    from explorer.search import SearchIndex

    # The parts' shares of the documents: "10" is ten equal parts, "0.98,0.01,0.01" a large
    # part and two small ones (a merged store and its latest segments).
    spec = os.environ.get("EXPLORER_BENCH_PARTS", "10")
    shares = [float(x) for x in spec.split(",")] if "," in spec else [1.0] * int(spec)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = BenchCorpus(Path(tmp) / "bench.json", load_base(), SIZE)
        c = time.process_time()
        whole = SearchIndex.build(corpus)
        whole_cpu = time.process_time() - c
        c = time.process_time()
        parts = [SearchIndex.build(sub) for sub in part_corpora(corpus, shares)]
        parts_cpu = time.process_time() - c
    offsets = np.cumsum([0] + [p.records for p in parts[:-1]]).tolist()
    figure(
        f"build {SIZE:,} sentences, CPU",
        f"one index {whole_cpu:.1f} s",
        f"{len(parts)} parts ({spec}) {parts_cpu:.1f} s",
    )
    same = differ = 0
    one_t: list[float] = []
    many_t: list[float] = []
    examples: list[str] = []
    for query in keystrokes(QUERIES):
        whole.clear_caches()
        for p in parts:
            p.clear_caches()
        c = time.process_time()
        a = page(whole, query)
        one_t.append(time.process_time() - c)
        c = time.process_time()
        b = merged(parts, offsets, query)
        many_t.append(time.process_time() - c)
        if a == b:
            same += 1
        else:
            differ += 1
            if len(examples) < 8:
                examples.append(query)
    figure("pages identical (records and keys)", f"{same} of {same + differ}")
    if examples:
        figure("  first that differ", ", ".join(repr(q) for q in examples))
    for name, times in (("one index", one_t), (f"{len(parts)} parts", many_t)):
        times = sorted(times)
        figure(
            f"keystroke CPU, {name}",
            f"median {statistics.median(times) * 1e3:.2f} ms",
            f"p95 {times[int(0.95 * (len(times) - 1))] * 1e3:.2f} ms",
        )


if __name__ == "__main__":
    main()
