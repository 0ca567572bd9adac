"""Integrity and TinyDB (issue 13, points 4 and 6): what `check` costs, whether a long list
of ingested paths still opens from the sidecar, and TinyDB's own read and write of the BBC
store against the store's snapshot code (the measurement behind the README's "what goes
through TinyDB")."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import orjson

from benchmarks.common import BBC, data_or_skip, figure, heading


def _median(run, n: int = 3) -> tuple[float, object]:
    times, value = [], None
    for _ in range(n):
        started = time.perf_counter()
        value = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), value


def main() -> None:
    heading("integrity and TinyDB (issue 13): check, sidecar trust, TinyDB read/write")
    if not data_or_skip(BBC, "the BBC corpus"):
        return
    from tinydb import TinyDB
    from tinydb.storages import JSONStorage

    from explorer.store import AtomicJSONStorage, Store, tinydb
    from explorer.store.check import check_store

    workdir = Path(tempfile.mkdtemp(prefix="explorer-bench-integrity-"))
    try:
        db = workdir / "bbc.json"
        Store.open(db).ingest([BBC])
        # An ingest ends with one segment: stock TinyDB reads it as it read the whole store.
        (segment_record,) = orjson.loads(db.read_bytes())["segments"].values()
        segment = db.with_name(db.name + ".segments") / segment_record["file"]
        size = segment.stat().st_size
        figure("BBC store (its one segment)", f"{size / 1e6:.1f} MB")

        def snapshot_open() -> int:
            with Store.open(db, readonly=True) as store:
                return len(store.documents())

        def snapshot_full() -> int:
            side = segment.with_name(segment.name + ".idx")
            kept = side.read_bytes()
            side.unlink()
            try:
                with Store.open(db, readonly=True) as store:
                    return len(store.documents()) + len(store.mentions())
            finally:
                side.write_bytes(kept)

        def tinydb_read(storage) -> int:
            database = TinyDB(segment, storage=storage, access_mode="r")
            try:
                return len(database.table("documents").all()) + len(
                    database.table("mentions").all()
                )
            finally:
                database.close()

        def tinydb_ours() -> int:
            database = tinydb(db)
            return len(database.table("documents").all()) + len(database.table("mentions").all())

        t, _ = _median(snapshot_open)
        figure("snapshot: open + document list (sidecar)", f"{t:.3f} s")
        t, _ = _median(snapshot_full)
        figure("snapshot: full parse + validation, all mentions", f"{t:.3f} s")
        t, _ = _median(lambda: tinydb_read(JSONStorage))
        figure("TinyDB JSONStorage: documents + mentions", f"{t:.3f} s")
        t, _ = _median(lambda: tinydb_read(AtomicJSONStorage))
        figure("TinyDB AtomicJSONStorage: documents + mentions", f"{t:.3f} s")
        t, _ = _median(tinydb_ours)
        figure("explorer.store.tinydb(): documents + mentions", f"{t:.3f} s")

        data = orjson.loads(segment.read_bytes())
        target = workdir / "tinydb-write.json"
        t, _ = _median(lambda: AtomicJSONStorage(target).write(data))
        figure("TinyDB AtomicJSONStorage.write (whole store)", f"{t:.3f} s")
        one = workdir / "one"
        one.mkdir()
        (one / "new.txt").write_text("Fresh news\n\nRome and Madrid signed a deal in Paris.\n")

        def commit_one() -> None:
            Store.open(db).ingest([one])
            (one / "new.txt").write_text(f"Fresh news\n\nRome met Madrid at {time.time()}.\n")

        t, _ = _median(commit_one)
        figure("explorer: ingest + commit of one changed document", f"{t:.3f} s")
        figure(
            "  segments after those commits", str(len(orjson.loads(db.read_bytes())["segments"]))
        )

        t, report = _median(lambda: check_store(db))
        figure("explorer check (BBC)", f"{t:.3f} s", "ok" if report.ok else "PROBLEMS")
        for problem in report.problems[:5]:
            print(f"    {problem.line()}")

        # The sidecar was once tied to the store by its last 512 bytes: a store that
        # remembers more than ~450 bytes of ingest paths was parsed in full on every open.
        links = workdir / "links"
        links.mkdir()
        roots = []
        for i, folder in enumerate(sorted(p for p in BBC.iterdir() if p.is_dir()) * 3):
            link = links / f"a-rather-long-folder-name-for-the-bbc-news-corpus-{i:02d}"
            link.symlink_to(folder)
            roots.append(link)
        Store.open(db).ingest(roots)
        meta = len(orjson.dumps(orjson.loads(db.read_bytes())["meta"]))  # the manifest's
        t, _ = _median(snapshot_open)
        figure(f"open + document list, {meta} bytes of meta", f"{t:.3f} s")
        before = os.stat(db)
        t, _ = _median(lambda: Store.open(db).ingest(roots))
        after = os.stat(db)
        figure(
            "re-ingest of the unchanged corpus",
            f"{t:.3f} s",
            "store not rewritten" if after.st_mtime_ns == before.st_mtime_ns else "REWRITTEN",
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
