"""Issue 6's store figures: ingest speed, re-run on an unchanged corpus, store size, peak
memory, and the time to open a store and list its documents (the TUI's first screen).

The BBC corpus (2,225 articles) always; the corpus replicated to 20,000 documents when
EXPLORER_BENCH_BIG=1 (it takes a few minutes). Each phase runs in a fresh process, so its
peak RSS is its own (workers included) and the open time includes imports.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import BBC, REPO, data_or_skip, dir_size, figure, heading, spread

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
self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
out["rss_mb"] = self_kb / 1024.0
out["workers_rss_mb"] = kids_kb / 1024.0
print(json.dumps(out))
"""


def _phase(*args: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PHASE, *args], capture_output=True, text=True, env=env, cwd=REPO
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr else "failed")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    return result


def _store_size(db: Path) -> str:
    side = db.with_name(db.name + ".idx")
    return (
        f"{dir_size(db) / 1e6:.1f} MB (+ {dir_size(side) / 1e6:.1f} MB sidecar)"
        if side.exists()
        else f"{dir_size(db) / 1e6:.1f} MB"
    )


def _measure(name: str, source: Path, workdir: Path, targets: dict[str, str]) -> None:
    db = workdir / f"{name}.json"
    first = _phase("ingest", str(db), str(source))
    docs = first["added"] + first["updated"]
    figure(f"ingest {name}", f"{first['wall_s']:.1f} s", targets["ingest"])
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


def main() -> None:
    heading("store (issue 6): ingest, re-run, size, memory, open")
    if not data_or_skip(BBC, "the BBC corpus"):
        return
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
