"""Issue 13: a one-document commit <= 0.3 s at 200,000 documents, the first one after a big
ingest too (a user adding one file with `explorer ingest --db STORE FILE` always makes the
first commit of its process).

A store is made as a user makes it: `explorer ingest` of a folder (BBC, the first 2,000
articles; with EXPLORER_BENCH_BIG=1 also the corpus replicated to 20,000 documents, a few
minutes), which builds the search index at its end. Then, on a copy of it (segments and
index hard-linked: a commit or an index update writes new files, never changes one), each
round runs, each in a fresh process:

1. the first one-file ingest after the big one (open, ingest of one new file, its commit);
2. two more (the "next" commits: each a fresh process too, as a user's);
3. `explorer ingest --db COPY FILE` itself, the whole process (the index update included).

Each file is a short story naming a company new to the store in three forms (a new merged
group, whose documents the commit counts).

Printed: the commit's wall and CPU (1 apart from 2), the whole ingest's, and the CLI's;
median of 3 rounds and the spread (min-max). Each checkout with its bytecode cache filled
first, as a user's process runs.

EXPLORER_BENCH_COMMIT_STORES=DIR reuses stores built before (`DIR/base-<size>.json` with its
`.segments/` and `.index/`, as this benchmark's build leaves them in its temporary folder
or `explorer ingest --db DIR/base-200000.json FOLDER` makes them); EXPLORER_BENCH_HUGE=1
adds 200,000 (only from such a store: its ingest takes 10-50 minutes).
EXPLORER_BENCH_BEFORE=/path/to/another/checkout runs that checkout too, alternated round by
round, on its own store (EXPLORER_BENCH_COMMIT_STORES_BEFORE=DIR, else built with it).
EXPLORER_BENCH_SKIP_COMMIT=1 skips this benchmark.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.common import (
    BBC,
    REPO,
    checkout_python,
    child_env,
    compile_checkout,
    data_or_skip,
    figure,
    heading,
    spread,
)
from benchmarks.timed_commit import TIMED_ONE

ONE = (
    TIMED_ONE
    + r"""
import json, sys
print(json.dumps(timed_one(sys.argv[1], sys.argv[2])))
"""
)


def _run(repo: Path, args: list[str]) -> tuple[str, float, float]:
    """Run `args` with `repo`'s Python: (stdout, wall seconds, the child's CPU seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [checkout_python(repo), *args],
        capture_output=True,
        text=True,
        env=child_env(repo),
        cwd=repo,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr else "failed")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done.stdout, wall, cpu


def _corpus(size: int, workdir: Path) -> Path:
    """BBC's first `size` articles, or the corpus replicated to `size` (each copy's text with
    a distinct last line, so the copies are new documents)."""
    from benchmarks.bench_store import _replicate

    sources = sorted(p for p in BBC.rglob("*.txt") if p.name != "README.TXT")
    if size <= len(sources):
        root = workdir / f"bbc-{size}"
        for path in sources[:size]:
            out = root / path.relative_to(BBC)
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, out)
        return root
    folder = workdir / f"replicated-{size}"
    folder.mkdir()
    return _replicate(size, folder)


def _base(repo: Path, size: int, workdir: Path, name: str, stores: str | None) -> Path | None:
    """The store of `size` documents this checkout's ingest made (or DIR's base-<size>)."""
    if stores:
        found = Path(stores) / f"base-{size}.json"
        return found if found.exists() else None
    if size > 20_000:
        return None
    corpus = workdir / f"corpus-{size}"
    if not corpus.exists():
        corpus.mkdir()
        _corpus(size, corpus)
    db = workdir / f"base-{name}-{size}.json"
    if not db.exists():
        _run(repo, ["-m", "explorer", "ingest", "--db", str(db), str(corpus)])
    return db


def _copy(base: Path, db: Path) -> None:
    """A copy of the store at `base` (manifest copied, every other file hard-linked)."""
    shutil.copy2(base, db)
    for suffix in (".segments", ".index"):
        source = base.with_name(base.name + suffix)
        if not source.is_dir():
            continue
        for item in source.rglob("*"):
            target = db.with_name(db.name + suffix) / item.relative_to(source)
            if item.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.link(item, target)


#: A company new to the store, named in the ways news names one: a new merged group, whose
#: documents a commit must count (before postings, over every document: 2.5 CPU-s at
#: 191,233 documents).
COMPANIES = ("Quorrel", "Vantrix", "Bellamor", "Dunmoor")


def _new_file(folder: Path, n: int) -> Path:
    path = folder / f"new{n}.txt"
    name = COMPANIES[n % len(COMPANIES)]
    path.write_text(
        f"Fresh news {n}\n\nRome and Madrid signed deal {n} in Paris on Monday. {name} Motor "
        f"Co said it would buy a plant in Leeds. The {name} Motor Company said shares of "
        f"{name} Motor Corp rose.\n",
        encoding="utf-8",
    )
    return path


def _round(repo: Path, base: Path, workdir: Path, tag: str) -> dict[str, list[dict]]:
    db = workdir / f"{tag}.json"
    _copy(base, db)
    files = workdir / f"{tag}-files"
    files.mkdir()
    out: dict[str, list[dict]] = {"first": [], "next": [], "cli": []}
    for n in range(3):
        stdout, wall, cpu = _run(repo, ["-c", ONE, str(db), str(_new_file(files, n))])
        result = json.loads(stdout.strip().splitlines()[-1])
        result.update(process_s=wall, process_cpu_s=cpu)
        out["first" if n == 0 else "next"].append(result)
    _stdout, wall, cpu = _run(
        repo, ["-m", "explorer", "ingest", "--db", str(db), str(_new_file(files, 3))]
    )
    out["cli"].append({"wall_s": wall, "cpu_s": cpu})
    for item in workdir.iterdir():
        if item.name.startswith(tag):
            if item.is_dir():
                shutil.rmtree(item, ignore_errors=True)
            else:
                item.unlink()
    return out


def measure(workdir: Path) -> None:
    heading("store (issue 13): the one-document commit after a big ingest (median of 3)")
    sizes = [2_000]
    if os.environ.get("EXPLORER_BENCH_BIG") == "1" or os.environ.get("EXPLORER_BENCH_HUGE") == "1":
        sizes.append(20_000)
    else:
        print("  (set EXPLORER_BENCH_BIG=1 for 20,000 documents)")
    if os.environ.get("EXPLORER_BENCH_HUGE") == "1":
        sizes.append(200_000)
    checkouts = [("after", REPO, os.environ.get("EXPLORER_BENCH_COMMIT_STORES"))]
    before = os.environ.get("EXPLORER_BENCH_BEFORE")
    if before:
        stores = os.environ.get("EXPLORER_BENCH_COMMIT_STORES_BEFORE") or (
            os.environ.get("EXPLORER_BENCH_COMMIT_STORES")
        )
        checkouts.insert(0, ("before", Path(before).resolve(), stores))
    for _name, repo, _stores in checkouts:
        compile_checkout(repo)
    for size in sizes:
        bases = {name: _base(repo, size, workdir, name, stores) for name, repo, stores in checkouts}
        if any(base is None for base in bases.values()):
            print(f"  ({size:,}: no base-{size}.json store; see EXPLORER_BENCH_COMMIT_STORES)")
            continue
        runs: dict[str, dict[str, list[dict]]] = {
            name: {"first": [], "next": [], "cli": []} for name, _r, _s in checkouts
        }
        for n in range(3):
            for name, repo, _stores in checkouts:
                base = bases[name]
                assert base is not None
                done = _round(repo, base, workdir, f"{name}-{size}-{n}")
                for kind, items in done.items():
                    runs[name][kind].extend(items)
        for name, _repo, _stores in checkouts:
            first, later, cli = runs[name]["first"], runs[name]["next"], runs[name]["cli"]
            docs = statistics.median(r["documents"] for r in first)
            figure(f"{name}: {docs:,.0f} documents, first commit", *_wall_cpu(first, "commit"))
            figure("  next commits (each a fresh process)", *_wall_cpu(later, "commit"))
            figure("  open + ingest of one: first", *_wall_cpu(first, "ingest"))
            figure("  open + ingest of one: next", *_wall_cpu(later, "ingest"))
            figure(
                "  the process: first / next (CPU)",
                spread([r["process_cpu_s"] for r in first]),
                f"/ {spread([r['process_cpu_s'] for r in later])}",
            )
            figure(
                "  `explorer ingest --db STORE FILE` (index too)",
                spread([r["wall_s"] for r in cli]),
                f"CPU {spread([r['cpu_s'] for r in cli])}",
            )


def _wall_cpu(runs: list[dict], what: str) -> tuple[str, str]:
    target = "  (target: 0.3 s at 200,000)" if what == "commit" else ""
    return (
        spread([r[f"{what}_s"] for r in runs]),
        f"CPU {spread([r[f'{what}_cpu_s'] for r in runs])}{target}",
    )


def main() -> None:
    if os.environ.get("EXPLORER_BENCH_SKIP_COMMIT") == "1":
        print("\n== commit: skipped (EXPLORER_BENCH_SKIP_COMMIT=1)")
        return
    if not data_or_skip(BBC, "the BBC corpus"):
        return
    workdir = Path(tempfile.mkdtemp(prefix="explorer-bench-first-commit-"))
    try:
        measure(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
