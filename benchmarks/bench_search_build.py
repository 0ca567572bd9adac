"""Issue 13, "the index of a 200,000-document store built in bounded memory": the full build
of a store's search index (what `explorer ingest` runs after its commit when no index is
saved), its CPU, wall and peak RSS, per million sentences.

Each build runs in a fresh process (`SearchIndex.build` of the store opened read-only, then
saved to a scratch folder, as `load_or_build` does), for this checkout and, alternated with
it, the one EXPLORER_BENCH_BEFORE names. The store is EXPLORER_BENCH_BUILD_STORE (a store
file, never written: the index goes to a scratch folder); without it the benchmark is
skipped. EXPLORER_BENCH_BUILD_REPEATS (3) builds per tree; EXPLORER_BENCH_BUILD_TREES=after
measures this checkout only (a store too big for the old build).
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from benchmarks.common import REPO, checkout_python, child_env, figure, heading, spread

_CHILD = r"""
import json, os, resource, shutil, sys, threading, time
from pathlib import Path

def rss_mb():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6

from explorer.store.store import Store
from explorer.search import persist
from explorer.search import build as _build

store_path, out = Path(sys.argv[1]), Path(sys.argv[2])
start_rss = rss_mb()
peak = [start_rss]
phase = ["open"]
peaks = {}
done = threading.Event()

def sample():
    while not done.wait(0.05):
        now = rss_mb()
        peak[0] = max(peak[0], now)
        peaks[phase[0]] = max(peaks.get(phase[0], 0.0), now)

threading.Thread(target=sample, daemon=True).start()
t0, c0 = time.perf_counter(), time.process_time()
store = Store.open(store_path, readonly=True)
phase[0] = "build"
if hasattr(persist, "save_made"):  # built in parts merged into the saved files
    from explorer.search.merge import build_in_parts
    made = []
    persist.save_made(lambda alloc: made.append(build_in_parts(store, alloc)) or made[0], out)
    parts = made[0]
    built_cpu = time.process_time() - c0
else:
    parts = _build.build(store)
    built_cpu = time.process_time() - c0
    phase[0] = "save"
    persist.save(parts, out)
cpu, wall = time.process_time() - c0, time.perf_counter() - t0
done.set()
kind = parts.arrays.kind
import numpy as np
sentences = int(len(kind) - np.searchsorted(np.asarray(kind), 2))
maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
shutil.rmtree(out, ignore_errors=True)
print(json.dumps({
    "cpu_s": cpu, "build_cpu_s": built_cpu, "wall_s": wall, "records": len(kind),
    "sentences": sentences, "start_mb": start_rss, "peak_mb": max(peak[0], maxrss),
    "phase_peaks": peaks,
}))
"""


def _run(tree: Path, store: str, scratch: Path) -> dict:
    done = subprocess.run(
        [checkout_python(tree), "-c", _CHILD, store, str(scratch)],
        env=child_env(tree),
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return {"error": (done.stderr or done.stdout).strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    heading("search index (issue 13): full build of a store's index, in a fresh process")
    store = os.environ.get("EXPLORER_BENCH_BUILD_STORE")
    if not store or not Path(store).exists():
        print("  skipped: EXPLORER_BENCH_BUILD_STORE names no store")
        return
    repeats = int(os.environ.get("EXPLORER_BENCH_BUILD_REPEATS", "3"))
    trees = [("after", REPO)]
    before = os.environ.get("EXPLORER_BENCH_BEFORE")
    if before and os.environ.get("EXPLORER_BENCH_BUILD_TREES", "") != "after":
        trees.insert(0, ("before", Path(before).resolve()))
    runs: dict[str, list[dict]] = {name: [] for name, _tree in trees}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        for _ in range(repeats):
            for name, tree in trees:
                got = _run(tree, store, Path(tmp) / f"{name}.index")
                if "error" in got:
                    print(f"  {name}: failed: {got['error']}")
                    continue
                runs[name].append(got)
    for name, _tree in trees:
        got = runs[name]
        if not got:
            continue
        millions = got[0]["sentences"] / 1e6
        figure(
            f"{name}: {got[0]['records']:,} records, {got[0]['sentences']:,} sentences",
            f"CPU {spread([r['cpu_s'] for r in got])}",
            f"wall {spread([r['wall_s'] for r in got])} (store open, build, save)",
        )
        figure(
            "  CPU per million sentences",
            spread([r["cpu_s"] / millions for r in got]),
            f"build alone {spread([r['build_cpu_s'] / millions for r in got])}",
        )
        figure(
            "  peak RSS (whole process)",
            spread([r["peak_mb"] for r in got], "MB"),
            f"{spread([r['peak_mb'] / millions for r in got], 'MB')} per million sentences",
        )
        figure(
            "  peak RSS above the process's start",
            spread([r["peak_mb"] - r["start_mb"] for r in got], "MB"),
            "phases: "
            + ", ".join(f"{k} {v:,.0f}" for k, v in got[0]["phase_peaks"].items())
            + " MB",
        )


if __name__ == "__main__":
    main()
