"""Issue 11's identity figures: how many names still carry more than one label among ORG, GPE
and PERSON (weighted by mentions) before and after resolution, and how long resolution takes
on BBC, on BBC replicated to 20,000 documents, and after an ingest of 100 more documents.

The replicated store holds the BBC documents again under new ids and hashes (their records,
mentions and facts as BBC's ingest stored them, without parsing them again: copies add no new
name, so resolution sees what an ingest of copies would give, in a fraction of the time). The
100 documents added at the end are real files (BBC articles with a line appended) parsed by a
real ingest.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks.common import BBC, data_or_skip, figure, heading

TARGET_DOCS = 20_000
MIXED = ("ORG", "GPE", "PERSON")


def mixed_label_weight(items) -> tuple[int, int]:
    """(mentions of names carrying two or more of ORG/GPE/PERSON, mentions of all such)."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for name, label, mentions in items:
        if label in MIXED:
            labels[name][label] += mentions
    mixed = sum(sum(c.values()) for c in labels.values() if len(c) > 1)
    return mixed, sum(sum(c.values()) for c in labels.values())


def _replicate(db: Path, target: int) -> float:
    """Fill the store at `db` up to `target` documents with copies of its own; seconds."""
    import orjson

    from explorer.store.snapshot import Snapshot
    from explorer.store.writer import Writer, write_lock

    started = time.perf_counter()
    with write_lock(db, 5.0):
        snap = Snapshot.load(db)
        writer = Writer(snap)
        originals = [row[0] for row in snap.rows]
        copy = 1
        while len(writer.docs) < target:
            for doc_id in originals:
                if len(writer.docs) >= target:
                    break
                record = dict(snap.doc_record(doc_id))
                new_id = f"{doc_id}~copy{copy}"
                record.pop("paths", None)
                record["id"] = new_id
                parsed = {
                    "id": new_id,
                    "sha256": f"{record['sha256']}-{copy}",
                    "record": record,
                    "mentions": [
                        orjson.dumps({**m, "doc": new_id})
                        for m in snap.doc_items(doc_id, "mentions")
                    ],
                    "facts": [
                        orjson.dumps({**f, "doc": new_id}) for f in snap.doc_items(doc_id, "facts")
                    ],
                }
                record["sha256"] = parsed["sha256"]
                writer.add(parsed, f"{record.get('path')}~copy{copy}", None, [])
            copy += 1
        writer.commit()
    return time.perf_counter() - started


def _full_resolution(db: Path) -> str:
    """Resolve the store at `db` from scratch (its saved decisions dropped): its time."""
    from explorer.store.snapshot import Snapshot
    from explorer.store.writer import Writer, write_lock

    with write_lock(db, 5.0):
        writer = Writer(Snapshot.load(db))
        writer.extra_tables.pop("identity", None)
        writer._ensure_agg()
        writer.dirty = True
        writer.commit()
        return _took(writer.resolve_seconds, writer.resolve_cpu_seconds)


def _took(wall: float, cpu: float) -> str:
    """Wall-clock seconds, and CPU seconds of this process (the machine may be shared)."""
    return f"{wall:.2f} s (cpu {cpu:.2f})"


def _decisions(store) -> dict[str, str]:
    return {e.key: e.key for e in store.entities()} | {
        m["key"]: e.key for e in store.entities() for m in store.identity(e.key)["merged"]
    }


def main() -> None:
    heading("identity (issue 11): one entity per real thing")
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start")
    if not data_or_skip(BBC, "identity on BBC"):
        return
    from explorer.store import Store

    with tempfile.TemporaryDirectory(prefix="explorer-identity-") as tmp:
        db = Path(tmp) / "bbc.json"
        with Store.open(db) as store:
            report = store.ingest([BBC])
            raw = [
                (r["name"], r["label"], r["mentions"])
                for r in store._entity_table(store._snap).values()
            ]
            before, total = mixed_label_weight(raw)
            after, _total_after = mixed_label_weight(
                (e.name, e.label, e.mentions) for e in store.entities()
            )
            people = store.entities("PERSON")[:50]
        cut = 100 * (1 - after / before) if before else 0.0
        figure(
            "BBC mixed ORG/GPE/PERSON names, mentions",
            f"{before} -> {after}",
            f"of {total}; reduced {cut:.0f}% (target >= 80%)",
        )
        figure(
            "BBC entities (keys as extracted -> entities)",
            f"{len(raw)} -> {len(store.entities())}",
        )
        figure(
            "BBC resolution in the ingest",
            _took(report.resolve_seconds, report.resolve_cpu_seconds),
            f"of {report.seconds:.1f} s ({report.documents} documents)",
        )
        figure("BBC full resolution again", _full_resolution(db))
        print("  top PERSON entities: " + "; ".join(e.name for e in people[:12]) + " ...")

        seconds = _replicate(db, TARGET_DOCS)
        figure(f"replicated to {TARGET_DOCS} documents (store write)", f"{seconds:.1f} s")
        figure(
            f"full resolution, {TARGET_DOCS} documents",
            _full_resolution(db),
            "(target <= 10 s)",
        )

        extra = Path(tmp) / "more"
        extra.mkdir()
        for n, path in enumerate(sorted(BBC.glob("*/*.txt"))[:100]):
            text = path.read_text(encoding="utf-8", errors="replace")
            (extra / f"more{n:03}.txt").write_text(f"{text}\nCopy {n} for the benchmark.\n")
        with Store.open(db) as store:
            started = time.perf_counter()
            report = store.ingest([extra])
            wall = time.perf_counter() - started
            incremental = _decisions(store)
        figure(
            "incremental resolution after +100 documents",
            _took(report.resolve_seconds, report.resolve_cpu_seconds),
            f"(target <= 1 s; the ingest took {wall:.1f} s, {report.added} added)",
        )
        _full_resolution(db)
        with Store.open(db, readonly=True) as store:
            same = _decisions(store) == incremental
        figure("incremental decides as a full resolution", "yes" if same else "NO")
    shutil.rmtree(Path(tmp), ignore_errors=True)


if __name__ == "__main__":
    main()
