"""Issue 6's store figures: ingest speed, re-run on an unchanged corpus, store size, peak
memory, and the time to open a store and list its documents (the TUI's first screen); and
issue 13's: the cost of a one-document commit as the store grows.

The BBC corpus (2,225 articles) always; the corpus replicated to 20,000 documents when
EXPLORER_BENCH_BIG=1 (it takes a few minutes). Each phase runs in a fresh process, so its
peak RSS is its own (workers included) and the open time includes imports.

The one-document commit is measured on stores of 2,000 and 20,000 documents (200,000 with
EXPLORER_BENCH_HUGE=1): the BBC documents parsed once (cached in the temporary folder) and
replicated into the store through the writer, so that building a large store does not cost
its parsing. EXPLORER_BENCH_BEFORE=/path/to/another/checkout measures that checkout too
(with its own .venv), for before/after figures. EXPLORER_BENCH_STORES=FOLDER reuses stores
built before (`FOLDER/base-<size>.json`, as the `build` phase writes them), the same for
both checkouts unless EXPLORER_BENCH_STORES_BEFORE names the before checkout's own. With
EXPLORER_BENCH_BEFORE the BBC ingest is also run three times with each checkout, alternated,
printing the ingesting process's CPU apart from the workers' and whether the stores are the
same; EXPLORER_BENCH_INGEST_ONLY=1 stops after the ingest figures.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
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
    dir_size,
    figure,
    heading,
    spread,
)
from benchmarks.timed_commit import TIMED_ONE

PHASE = r"""
import json, resource, sys, time
started = time.perf_counter()
from explorer.store import Store
mode, db = sys.argv[1], sys.argv[2]
out = {}
if mode == "ingest":
    store = Store.open(db)
    report = store.ingest(sys.argv[3:])
    out.update(added=report.added, updated=report.updated, unchanged=report.unchanged,
               duplicates=report.duplicates, failed=len(report.failed),
               documents=report.documents, sentences=report.sentences,
               mentions=report.mentions, entities=report.entities, facts=report.facts)
else:
    store = Store.open(db, readonly=True)
    docs = store.documents()
    out["listed"] = len(docs)
    out["open_s"] = time.perf_counter() - started
    t = time.perf_counter(); store.document(docs[len(docs) // 2].id)
    store.mentions(doc=docs[len(docs) // 2].id); out["one_doc_s"] = time.perf_counter() - t
    t = time.perf_counter(); entities = store.entities(); out["entities_s"] = time.perf_counter() - t
    t = time.perf_counter(); store.mentions(entity=entities[0].key)
    out["entity_mentions_s"] = time.perf_counter() - t
    t = time.perf_counter(); store.mentions(entity=entities[1].key)
    out["entity_mentions_again_s"] = time.perf_counter() - t
out["seconds"] = time.perf_counter() - started
mine, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
out["cpu_s"] = mine.ru_utime + mine.ru_stime
out["workers_cpu_s"] = kids.ru_utime + kids.ru_stime
self_kb = mine.ru_maxrss
kids_kb = kids.ru_maxrss
out["rss_mb"] = self_kb / 1024.0
out["workers_rss_mb"] = kids_kb / 1024.0
print(json.dumps(out))
"""


def _phase(*args: str, repo: Path = REPO) -> dict:
    env = {**os.environ, "PYTHONPATH": str(repo)}  # bytecode as the session has it
    started = time.perf_counter()
    done = subprocess.run(
        [checkout_python(repo), "-c", PHASE, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=repo,
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr else "failed")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    return result


def _store_size(db: Path) -> str:
    side = db.with_name(db.name + ".idx")
    if side.exists():  # a single-file store (before segments)
        return f"{dir_size(db) / 1e6:.1f} MB (+ {dir_size(side) / 1e6:.1f} MB sidecar)"
    segments = db.with_name(db.name + ".segments")
    if segments.is_dir():
        sides = sum(p.stat().st_size for p in segments.glob("*.idx"))
        return (
            f"{(dir_size(db) + dir_size(segments) - sides) / 1e6:.1f} MB "
            f"(+ {sides / 1e6:.1f} MB sidecars)"
        )
    return f"{dir_size(db) / 1e6:.1f} MB"


def _measure(name: str, source: Path, workdir: Path, targets: dict[str, str]) -> None:
    db = workdir / f"{name}.json"
    first = _phase("ingest", str(db), str(source))
    docs = first["added"] + first["updated"]
    figure(f"ingest {name}", f"{first['wall_s']:.1f} s", targets["ingest"])
    figure(
        "  CPU: ingesting process, workers",
        f"{first['cpu_s']:.1f} s, {first['workers_cpu_s']:.1f} s",
    )
    figure("  documents/s", f"{docs / first['wall_s']:,.0f}")
    figure(
        "  documents, duplicates, failed",
        f"{first['documents']:,}, {first['duplicates']:,}, {first['failed']}",
    )
    figure(
        "  sentences, mentions, entities, facts",
        f"{first['sentences']:,}, {first['mentions']:,}, {first['entities']:,}, {first['facts']:,}",
    )
    figure(
        "  peak RSS: main, largest worker",
        f"{first['rss_mb']:,.0f} MB, {first['workers_rss_mb']:,.0f} MB",
    )
    figure("  store size on disk", _store_size(db))
    again = _phase("ingest", str(db), str(source))
    figure(f"re-run on unchanged {name}", f"{again['wall_s']:.2f} s", targets["rerun"])
    figure("  unchanged, added", f"{again['unchanged']:,}, {again['added']:,}")
    figure("  peak RSS", f"{again['rss_mb']:,.0f} MB")
    opens = [_phase("open", str(db)) for _ in range(3)]
    figure(
        "Store.open + documents(), fresh process",
        spread([o["open_s"] for o in opens]),
        targets["open"],
    )
    figure("  whole process (interpreter start included)", spread([o["wall_s"] for o in opens]))
    figure("  one document with its mentions", spread([o["one_doc_s"] for o in opens]))
    figure("  entities() (first call)", spread([o["entities_s"] for o in opens]))
    figure(
        "  mentions(entity=...) first / next call",
        f"{spread([o['entity_mentions_s'] for o in opens])} / "
        f"{spread([o['entity_mentions_again_s'] for o in opens])}",
    )
    figure("  peak RSS (open and list)", f"{opens[0]['rss_mb']:,.0f} MB")


def _replicate(target: int, workdir: Path) -> Path:
    """The BBC corpus copied until it holds `target` documents; each copy's text gets a
    distinct last line, so the copies are new documents, not duplicates."""
    sources = sorted(p for p in BBC.rglob("*.txt") if p.name != "README.TXT")
    root = workdir / "bbc-replicated"
    count = 0
    copy = 0
    while count < target:
        for path in sources:
            if count >= target:
                break
            rel = path.relative_to(BBC)
            out = root / rel.parent / f"{rel.stem}-c{copy}{rel.suffix}"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(path.read_bytes() + f"\n(copy {copy})\n".encode())
            count += 1
        copy += 1
    return root


COMMIT_PHASE = (
    TIMED_ONE
    + r"""
import hashlib, json, pickle, sys, time
from pathlib import Path

def build(db, cache, target):
    from explorer.store.snapshot import Snapshot
    from explorer.store.writer import Writer
    parsed = pickle.loads(Path(cache).read_bytes())
    writer = Writer(Snapshot.load(Path(db)))
    count = copy = 0
    while count < target:
        for path, items in parsed:
            if count >= target:
                break
            source = f"{path}-c{copy}"
            ids = []
            for item in items:
                new_id = f"{item['id']}-c{copy}"
                old = b'"doc":%s' % json.dumps(item["id"]).encode()
                new = b'"doc":%s' % json.dumps(new_id).encode()
                record = dict(item["record"], id=new_id)
                sha = hashlib.sha256(f"{item['sha256']}{copy}".encode()).hexdigest()
                doc_id, _ = writer.add(
                    {"sha256": sha, "id": new_id, "record": record,
                     "mentions": [m.replace(old, new) for m in item["mentions"]],
                     "facts": [f.replace(old, new) for f in item["facts"]]},
                    source, None, [])
                ids.append(doc_id)
                count += 1
            writer.set_file(source, hashlib.sha256(source.encode()).hexdigest(), 1, 1, ids)
            if hasattr(writer, "merge_written") and count % 5000 == 0:
                writer.commit(resolve=False)
        copy += 1
    writer.commit()
    if hasattr(writer, "merge_written"):
        writer.merge_written()

def one(db, folder, n):
    path = Path(folder) / f"new{n}.txt"
    path.write_text(f"Fresh news {n}\n\nRome and Madrid signed deal {n} in Paris on Monday.\n")
    return timed_one(db, path)

if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "parse":
        from explorer.store.pipeline import parse_file
        root = Path(sys.argv[3])
        out = []
        for path in sorted(p for p in root.rglob("*.txt") if p.name != "README.TXT"):
            result = parse_file((str(path), str(root), path.read_bytes()))
            if result[0] == "ok":
                out.append((str(path), result[2]))
        Path(sys.argv[2]).write_bytes(pickle.dumps(out))
        print(json.dumps({"files": len(out)}))
    elif mode == "build":
        t = time.perf_counter()
        build(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        print(json.dumps({"build_s": time.perf_counter() - t}))
    else:
        print(json.dumps(one(sys.argv[2], sys.argv[3], int(sys.argv[4]))))
"""
)


def _checkout_env(repo: Path) -> dict[str, str]:
    """A checkout's child environment, as a user's: Python writes and reads its bytecode
    cache. With PYTHONDONTWRITEBYTECODE set (as in these sessions), a checkout whose cache
    lacks a module compiled it in every run: a fresh worktree compiled store/identity.py
    inside every commit (0.02 CPU-s, 52 M instructions of 1,212 M at 2,000 documents), the
    before checkout, whose cache was full, did not."""
    return {**child_env(repo), "EXPLORER_WORKERS": "1"}


def _checkout_phase(repo: Path, *args: str) -> dict:
    env = _checkout_env(repo)
    done = subprocess.run(
        [checkout_python(repo), "-c", COMMIT_PHASE, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=repo,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr else "failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def commit_cost(workdir: Path) -> None:
    """The one-document commit (open, ingest of one new file, commit) against the store's
    size, median of 5, for this checkout and the one EXPLORER_BENCH_BEFORE names (each with
    its bytecode cache filled first)."""
    heading("store (issue 13): a one-document commit as the store grows (median of 5)")
    cache = workdir / "bbc-parsed.pickle"
    if not cache.exists():
        _checkout_phase(REPO, "parse", str(cache), str(BBC))
    sizes = [2_000, 20_000]
    if os.environ.get("EXPLORER_BENCH_HUGE") == "1":
        sizes.append(200_000)
    checkouts = [("after", REPO)]
    before = os.environ.get("EXPLORER_BENCH_BEFORE")
    if before:
        checkouts.insert(0, ("before", Path(before).resolve()))
    for name, repo in checkouts:
        compile_checkout(repo)
        for size in sizes:
            db = workdir / f"commit-{name}-{size}.json"
            built = _prebuilt(size, db, name) or _checkout_phase(
                repo, "build", str(db), str(cache), str(size)
            )
            runs = []
            for n in range(5):
                folder = workdir / f"one-{name}-{size}-{n}"
                folder.mkdir()
                runs.append(_checkout_phase(repo, "one", str(db), str(folder), str(n)))
            figure(
                f"{name}: {size:,} documents, open + ingest of one",
                spread([r["ingest_s"] for r in runs]),
                f"CPU {spread([r['ingest_cpu_s'] for r in runs])}",
            )
            figure(
                "  of which the commit",
                spread([r["commit_s"] for r in runs]),
                f"CPU {spread([r['commit_cpu_s'] for r in runs])}",
            )
            figure(
                "  peak RSS, store size",
                f"{statistics.median(r['rss_mb'] for r in runs):,.0f} MB",
                f"{dir_size_all(db) / 1e6:,.1f} MB; "
                + (f"built in {built['build_s']:.0f} s" if built["build_s"] else "prebuilt"),
            )


FIRST_SCREEN = r"""
import asyncio, os, pathlib, resource, sys
real_exit = os._exit
def leave(code):
    # The child exits as soon as the documents are painted: its CPU (every thread) to then.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print("cpu", usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, flush=True)
    real_exit(code)
os._exit = leave
from benchmarks.bench_tui import _first_paint_child
asyncio.run(_first_paint_child(pathlib.Path(sys.argv[1])))
"""


def _first_screen(repo: Path, db: Path) -> dict:
    """A fresh process of `repo`'s code from its start to the app's first frame showing the
    documents of `db` (bench_tui's child, which opens the store as `explorer` does): wall
    seconds, the process's CPU seconds and peak RSS then."""
    env = child_env(repo)
    started = time.perf_counter()
    child = subprocess.Popen(
        [checkout_python(repo), "-c", FIRST_SCREEN, str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=repo,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    wall = time.perf_counter() - started
    usage = child.stdout.readline().split()
    child.wait()
    if not line.startswith("painted") or len(usage) != 3:
        raise RuntimeError(f"{repo}: the first screen of {db} was not painted")
    return {"wall_s": wall, "cpu_s": float(usage[1]), "rss_mb": float(usage[2])}


def first_screen(workdir: Path) -> None:
    """Issue 13: the app's first screen (documents painted) on the stores EXPLORER_BENCH_STORES
    holds, for this checkout and EXPLORER_BENCH_BEFORE's, alternated, 3 runs each."""
    folder = os.environ.get("EXPLORER_BENCH_STORES")
    if not folder:
        print("  (set EXPLORER_BENCH_STORES to a folder of built stores for the first screen)")
        return
    heading("store (issue 13): the app's first screen, fresh process (median of 3)")
    checkouts = [("after", REPO)]
    before = os.environ.get("EXPLORER_BENCH_BEFORE")
    if before:
        checkouts.insert(0, ("before", Path(before).resolve()))
    sizes = [2_000, 20_000] + ([200_000] if os.environ.get("EXPLORER_BENCH_HUGE") == "1" else [])
    for size in sizes:
        runs: dict[str, list[dict]] = {name: [] for name, _repo in checkouts}
        for name, _repo in checkouts:
            db = workdir / f"screen-{name}-{size}.json"
            if _prebuilt(size, db, name) is None:
                print(f"  (no base-{size}.json in {folder})")
                break
        else:
            for _round in range(3):
                for name, repo in checkouts:
                    runs[name].append(_first_screen(repo, workdir / f"screen-{name}-{size}.json"))
            for name, _repo in checkouts:
                done = runs[name]
                figure(
                    f"{name}: {size:,} documents, first screen",
                    spread([r["wall_s"] for r in done]),
                    f"CPU {spread([r['cpu_s'] for r in done])}; "
                    f"peak RSS {statistics.median(r['rss_mb'] for r in done):,.0f} MB"
                    + ("  (target: 1.5 s)" if size == 200_000 else ""),
                )


def _prebuilt(size: int, db: Path, side: str = "after") -> dict | None:
    """A store of `size` documents that an earlier run's `build` phase left in the folder
    EXPLORER_BENCH_STORES names (`base-<size>.json`: building 200,000 takes minutes; for
    the "before" checkout EXPLORER_BENCH_STORES_BEFORE's when set: a store in the layout
    that checkout writes),
    copied to `db` with its segments hard-linked (a commit never changes a segment file; it
    writes new ones and replaces the manifest); None when there is none."""
    folder = os.environ.get("EXPLORER_BENCH_STORES")
    if side == "before":
        folder = os.environ.get("EXPLORER_BENCH_STORES_BEFORE") or folder
    source = Path(folder) / f"base-{size}.json" if folder else None
    if source is None or not source.exists():
        return None
    shutil.copy2(source, db)
    segments = source.with_name(source.name + ".segments")
    target = db.with_name(db.name + ".segments")
    target.mkdir()
    for file in segments.iterdir():
        os.link(file, target / file.name)
    return {"build_s": 0}


def dir_size_all(db: Path) -> int:
    """The bytes of every file of the store at `db` (manifest, segments, sidecars)."""
    return sum(
        p.stat().st_size if p.is_file() else dir_size(p)
        for p in db.parent.iterdir()
        if p.name.startswith(db.name)
    )


def main() -> None:
    if os.environ.get("EXPLORER_BENCH_COMMIT_ONLY") != "1" and (
        os.environ.get("EXPLORER_BENCH_SCREEN_ONLY") != "1"
    ):
        ingest_figures()
    if os.environ.get("EXPLORER_BENCH_INGEST_ONLY") == "1":
        return
    if data_or_skip(BBC, "the BBC corpus"):
        workdir = Path(tempfile.mkdtemp(prefix="explorer-bench-commit-"))
        try:
            if os.environ.get("EXPLORER_BENCH_SCREEN_ONLY") != "1":
                commit_cost(workdir)
            first_screen(workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)


TABLES = r"""
import hashlib, json, sys
from explorer.store import tinydb
db = tinydb(sys.argv[1])
out = {}
for name in sorted(db.tables()):
    if name != "meta":  # its generation and time differ from one ingest to the next
        rows = sorted(json.dumps(r, sort_keys=True) for r in db.table(name).all())
        out[name] = [len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()]
print(json.dumps(out))
"""


def _tables(db: Path, repo: Path) -> dict:
    """Each table of the store at `db` (but `meta`), as TinyDB reads it: rows and a digest."""
    env = {**os.environ, "PYTHONPATH": str(repo)}
    done = subprocess.run(
        [sys.executable, "-c", TABLES, str(db)], capture_output=True, text=True, env=env, cwd=repo
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr else "failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def ingest_before_after(workdir: Path, before: Path) -> None:
    """The BBC ingest with this checkout and the one EXPLORER_BENCH_BEFORE names, three runs
    each, alternated (a shared machine's load falls on both): the ingesting process's CPU
    (reading, hashing, results, commits, identity) apart from the workers' (parsing), and
    whether the two stores are the same table by table."""
    heading("store (issue 13): BBC ingest, before / after (median of 3, alternated)")
    runs: dict[str, list[dict]] = {"before": [], "after": []}
    for n in range(3):
        for name, repo in (("before", before), ("after", REPO)):
            db = workdir / f"ab-{name}-{n}.json"
            runs[name].append(_phase("ingest", str(db), str(BBC), repo=repo))
    for name, found in runs.items():
        figure(f"{name}: ingest wall", spread([r["wall_s"] for r in found]))
        figure("  ingesting process CPU (user+sys)", spread([r["cpu_s"] for r in found]))
        figure("  worker processes CPU (parsing)", spread([r["workers_cpu_s"] for r in found]))
        figure(
            "  peak RSS: main, largest worker",
            f"{statistics.median(r['rss_mb'] for r in found):,.0f} MB, "
            f"{statistics.median(r['workers_rss_mb'] for r in found):,.0f} MB",
        )
    same = _tables(workdir / "ab-before-0.json", REPO) == _tables(workdir / "ab-after-0.json", REPO)
    figure("  stores table by table (explorer.store.tinydb)", "identical" if same else "DIFFER")


def ingest_figures() -> None:
    heading("store (issue 6): ingest, re-run, size, memory, open")
    if not data_or_skip(BBC, "the BBC corpus"):
        return
    before = os.environ.get("EXPLORER_BENCH_BEFORE")
    if before:
        workdir = Path(tempfile.mkdtemp(prefix="explorer-bench-ab-"))
        try:
            ingest_before_after(workdir, Path(before).resolve())
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    workdir = Path(tempfile.mkdtemp(prefix="explorer-bench-store-"))
    try:
        _measure(
            "BBC (2,225 articles)",
            BBC,
            workdir,
            {"ingest": "(target < 15 s)", "rerun": "", "open": ""},
        )
        if os.environ.get("EXPLORER_BENCH_BIG") != "1":
            print("  (set EXPLORER_BENCH_BIG=1 for the 20,000-document figures)")
            return
        source = _replicate(20_000, workdir)
        _measure(
            "20,000 documents",
            source,
            workdir,
            {
                "ingest": "(target < 120 s)",
                "rerun": "(target < 5 s)",
                "open": "(target: first screen < 1.5 s)",
            },
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
