"""Issue 2's end-to-end figures on the BBC corpus, through the real store and search index.

Ingest time and documents/s, store size on disk, time to open the store and build the
search index, and the median and 95th percentile of one search (query + highlight) over a
fixed list of 30 queries typed prefix by prefix, as a person types.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.common import BBC, data_or_skip, dir_size, figure, heading, percentile

# Thirty final queries: names, topics, a few with typos, typed one character at a time.
QUERIES = (
    "tony blair",
    "gordon brown",
    "chancellor",
    "election",
    "labour party",
    "microsoft",
    "mobile phone",
    "broadband",
    "oil prices",
    "interest rates",
    "world cup",
    "chelsea",
    "arsenal",
    "film festival",
    "oscar",
    "music award",
    "games console",
    "virus",
    "dollar",
    "economy growth",
    "unemploymnet",
    "iraq war",
    "tory",
    "howard",
    "google search",
    "apple ipod",
    "champions league",
    "budget",
    "eurpoe",
    "yukos",
)


def typed_prefixes(queries: tuple[str, ...]) -> list[str]:
    out = []
    for query in queries:
        out.extend(query[:n] for n in range(1, len(query) + 1) if not query[:n].endswith(" "))
    return out


def main() -> None:
    heading("v1 end to end (issue 2): BBC corpus through store and search")
    if not data_or_skip(BBC, "the BBC corpus"):
        return
    from explorer.search import SearchIndex
    from explorer.store import Store

    workdir = Path(tempfile.mkdtemp(prefix="explorer-bench-v1-"))
    try:
        db = workdir / "store.json"
        store = Store.open(db)
        started = time.perf_counter()
        report = store.ingest([BBC])
        ingest_s = time.perf_counter() - started
        store.close()
        docs = report.added + report.updated
        figure("ingest BBC (2,225 articles)", f"{ingest_s:.1f} s", "(issue 6: < 15 s)")
        figure("documents/s", f"{docs / ingest_s:,.0f}")
        figure("documents, sentences in store", f"{report.documents:,}, {report.sentences:,}")
        figure("store size on disk", f"{dir_size(db) / 1e6:.1f} MB")
        for leftover in workdir.iterdir():
            if leftover != db:
                figure(f"  beside it: {leftover.name}", f"{dir_size(leftover) / 1e6:.1f} MB")

        started = time.perf_counter()
        store = Store.open(db, readonly=True)
        opened_s = time.perf_counter() - started
        index = SearchIndex.build(store)
        built_s = time.perf_counter() - started
        figure("open store", f"{opened_s * 1000:.0f} ms")
        figure("open store + build search index", f"{built_s:.2f} s")

        prefixes = typed_prefixes(QUERIES)
        timings = []
        for query in prefixes:
            t0 = time.perf_counter()
            index.search(query, limit=50)
            timings.append((time.perf_counter() - t0) * 1000.0)
        figure(
            f"search, {len(prefixes)} keystrokes of 30 queries",
            f"median {percentile(timings, 50):.2f} ms",
            f"p95 {percentile(timings, 95):.2f} ms, max {max(timings):.1f} ms",
        )
        store.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
