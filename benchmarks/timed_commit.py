"""The one-document commit as a user's process makes it, timed in a child process: the child
script both commit benchmarks run (bench_commit's first commit after a big ingest,
bench_store's commit as the store grows).

It is source text, not a module the child imports: the child runs with another checkout's
code on its path (EXPLORER_BENCH_BEFORE), which need not have this file.
"""

from __future__ import annotations

#: Defines `timed_one(db, path)`: the nlp warmed as in a session, then the store at `db`
#: opened, the file at `path` ingested and committed; returns the commit's wall and CPU
#: seconds (`commit_s`, `commit_cpu_s`), the whole ingest's (`ingest_s`, `ingest_cpu_s`,
#: opening included), `added`, `documents`, and the peak RSS (`rss_mb`) with its growth
#: over the ingest (`rss_growth_mb`).
TIMED_ONE = r"""
import resource, time
from pathlib import Path

def timed_one(db, path):
    from explorer.nlp import extract
    from explorer.store import Store
    from explorer.store import writer as writer_module
    extract("Mehdi Sanai met officials in Moscow on Monday.", {})  # nlp warm, as in a session
    spent = {}
    real = writer_module.Writer.commit
    def timed(self, *a, **k):
        t, c = time.perf_counter(), time.process_time()
        real(self, *a, **k)
        spent["commit_s"] = time.perf_counter() - t
        spent["commit_cpu_s"] = time.process_time() - c
    writer_module.Writer.commit = timed
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t, c = time.perf_counter(), time.process_time()
    store = Store.open(db)
    report = store.ingest([Path(path)])
    spent["ingest_s"] = time.perf_counter() - t
    spent["ingest_cpu_s"] = time.process_time() - c
    spent["added"] = report.added
    spent["documents"] = report.documents
    spent["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    spent["rss_growth_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024
    return spent
"""
