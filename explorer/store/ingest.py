"""The ingest driver: find the files given, hash them, parse the new and changed ones (in
worker processes when there are many), hand the documents to the writer and commit in
batches."""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.model import IngestError

from .schema import ROW_PATHS, ROW_SHA
from .snapshot import Snapshot
from .writer import Writer

if TYPE_CHECKING:
    from .store import Store

#: The most documents a batch of a long ingest holds before it is committed (about 30 KB
#: of records, mentions and facts apiece until then: some 120 MB).
BATCH_MAX = 4096

#: Threads reading and hashing files ahead of the ingest, files a thread reads at a time,
#: and the bytes a chunk keeps for parsing (an unchanged file's are let go at once).
READERS = 4
READ_CHUNK = 32
READ_AHEAD_BYTES = 4_000_000

#: progress(files done, files in all, the file just done)
Progress = Callable[[int, int, Any], None]
#: on_commit(store): called after each batch a long ingest commits, the store refreshed to
#: it (the CLI grows the search index there; the store layer knows nothing of search)
OnCommit = Callable[["Store"], None]


@dataclass
class IngestReport:
    """What one ingest did (document counts) and what the store holds afterwards."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    pruned: int = 0
    duplicates: int = 0  # documents whose identical content was already stored (path added)
    failed: list[IngestError] = field(default_factory=list)
    files: int = 0  # files looked at
    documents: int = 0
    sentences: int = 0
    mentions: int = 0
    entities: int = 0
    facts: int = 0
    seconds: float = 0.0
    # Dates written but not understood in the documents stored by this ingest (issue 10),
    # a few of them as examples, and warnings that fail nothing (a metadata file's records
    # that name missing files).
    dates_not_understood: int = 0
    date_examples: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: of `seconds`, the time identity resolution took (deciding merges, counting documents)
    resolve_seconds: float = 0.0
    resolve_cpu_seconds: float = 0.0  # the same, of this process's CPU time


class IngestRun:
    """One ingest run: scan, hash, parse (in worker processes when it pays), apply, commit."""

    def __init__(
        self,
        store: Store,
        snap: Snapshot,
        paths: Iterable[str | os.PathLike[str]],
        progress: Progress | None,
        prune: bool,
        scheduler: str | None = None,
        on_commit: OnCommit | None = None,
    ) -> None:
        self.store = store  # its settings: workers, commit sizes, the largest file
        self.on_commit = on_commit
        self.snap = snap
        self.paths = [Path(p) for p in paths]
        self.progress = progress
        self.prune = prune
        self.scheduler = scheduler  # parse on this Dask cluster (cluster.py), else here
        self.cluster: Any = None
        self.report = IngestReport()
        self.writer = Writer(snap)
        for raw in self.paths:  # remembered, so that a re-ingest can find files added since
            root = str(raw.expanduser().absolute())
            if root not in self.writer.roots and raw.exists():
                self.writer.roots.append(root)
                self.writer.dirty = True
        self.by_file_sha = {entry[0]: path for path, entry in self.writer.files.items()}
        self.pending = 0
        #: per run: (folder, root) -> whether a metadata file may describe its files; and
        #: folder -> whether it holds a file named as metadata files are
        self._described: dict[tuple[str, str], bool] = {}
        self._has_metadata: dict[str, bool] = {}
        self._root_names: dict[Path, str] = {}
        self.committed_docs = len(snap.rows)
        self.last_commit = time.monotonic()

    def _files(self) -> list[tuple[str, Path | None]]:
        """The files to look at, in order: (resolved path, the folder given or None)."""
        from explorer.ingest.catalog import warnings
        from explorer.ingest.files import walk_files

        out: list[tuple[str, Path | None]] = []
        seen: set[str] = set()
        self.report.warnings.extend(warnings(self.paths))
        for raw in self.paths:
            root = raw.resolve() if raw.is_dir() else None
            top = str(raw)
            base = str(root) if root is not None else ""
            base = base if base.endswith(os.sep) else base + os.sep
            for _given, item, link in walk_files([raw]):
                if isinstance(item, IngestError):
                    self.report.failed.append(item)
                    continue
                # The walk enters no linked folder: a file under the folder resolves to the
                # folder's resolved path and its own, unless it is a link itself. No resolve
                # (an lstat per part of the path) for each of 200,000 files.
                if root is None or link:
                    key = str(Path(item).resolve())
                else:
                    key = base + item[len(top) :].lstrip(os.sep)
                if key in seen:
                    continue
                seen.add(key)
                out.append((key, root))
        return out

    def _scan(self, files: list[tuple[str, Path | None]]) -> Iterator[tuple[str, Any]]:
        """("done", path) for unchanged files and failures, ("task", task) for the rest."""
        import hashlib
        import json

        from explorer.ingest.catalog import lookup

        for (key, root), got in zip(files, self._read_ahead(files), strict=True):
            if got is None:  # not read ahead (a chunk keeps only so many bytes): read now
                got = self._read(key)
            if isinstance(got, str):
                yield "done", ("fail", key, got, [])
                continue
            data, sha = got
            described = lookup(Path(key), root) if self._may_be_described(key, root) else None
            if described:
                if data is None:  # let go as unchanged, but its record has a say
                    got = self._read(key)
                    if isinstance(got, str):
                        yield "done", ("fail", key, got, [])
                        continue
                    data = got[0]
                assert data is not None
                # The record of a metadata file beside it is part of what the file's documents
                # are: a record changed (a date corrected) re-reads them.
                record = json.dumps(described, sort_keys=True, default=str).encode()
                sha = hashlib.sha256(data + b"\0" + record).hexdigest()
            known = self.writer.files.get(key)
            if known is not None and known[0] == sha:
                yield "done", ("same", key, known, [])
                continue
            if data is None:  # its bytes were the stored file's a moment ago: read again
                got = self._read(key)
                if isinstance(got, str):
                    yield "done", ("fail", key, got, [])
                    continue
                data, sha = got
            try:
                st = os.stat(key)  # only for a file to store: an unchanged one costs no stat
            except OSError as exc:  # vanished between the read and the stat
                from explorer.ingest.files import os_reason

                yield "done", ("fail", key, os_reason(exc), [])
                continue
            self.meta[key] = (sha, st.st_size, st.st_mtime_ns, root)
            twin = self.by_file_sha.get(sha) if known is None else None
            if twin is not None:  # the same bytes are stored under another path: no parsing
                yield "done", ("link", key, twin, [])
                continue
            yield "task", (key, str(root) if root else None, data)

    def _read(self, key: str) -> tuple[bytes, str] | str:
        """A file's bytes and their hash, or why it could not be read."""
        import hashlib

        from explorer.ingest import IngestFailure, read_bytes

        try:
            data = read_bytes(key, max_bytes=self.store.max_bytes)
        except IngestFailure as exc:
            return str(exc)
        return data, hashlib.sha256(data).hexdigest()

    def _read_chunk(self, chunk: list[tuple[str, Path | None]]) -> list[Any]:
        """_read over a chunk of files, in a reading thread: an unchanged file's bytes are let
        go at once ((None, hash)); once the chunk holds READ_AHEAD_BYTES, the rest are left
        to be read in order (None)."""
        known = self.writer.files
        out: list[Any] = []
        kept = 0
        for key, _root in chunk:
            if kept > READ_AHEAD_BYTES:
                out.append(None)
                continue
            got = self._read(key)
            if not isinstance(got, str):
                entry = known.get(key)
                if entry is not None and entry[0] == got[1]:
                    out.append((None, got[1]))
                    continue
                kept += len(got[0])
            out.append(got)
        return out

    def _read_ahead(self, files: list[tuple[str, Path | None]]) -> Iterator[Any]:
        """What _read_chunk says of each file, in order, read by READERS threads ahead of
        the ingest: reading and hashing (both let other threads run) overlap with each other
        and with the rest of the ingest. A few files are read here, in order."""
        if len(files) < 2 * READ_CHUNK:
            yield from self._read_chunk(files)
            return
        from concurrent.futures import Future, ThreadPoolExecutor

        pool = ThreadPoolExecutor(READERS, thread_name_prefix="ingest-read")
        window: deque[Future[list[Any]]] = deque()
        try:
            for start in range(0, len(files), READ_CHUNK):
                window.append(pool.submit(self._read_chunk, files[start : start + READ_CHUNK]))
                if len(window) > 2 * READERS:
                    yield from window.popleft().result()
            while window:
                yield from window.popleft().result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _may_be_described(self, key: str, root: Path | None) -> bool:
        """Whether a metadata file (catalog.NAMES) is in the folder of the file at `key` or a
        folder above it up to `root`, where `catalog.lookup` looks: when none is, the lookup
        is skipped. Listed once per folder for the run, on strings: at 200,000 files the
        lookups were a third of a re-ingest of an unchanged corpus (their path arithmetic
        and a stat per folder up)."""
        from explorer.ingest.catalog import NAMES

        cut = key.rfind(os.sep)  # os.path.dirname for a resolved path, without its checks
        start = key[:cut] or os.sep
        if root is None:
            stop = start
        else:
            found_stop = self._root_names.get(root)
            if found_stop is None:
                found_stop = self._root_names[root] = str(root)
            stop = found_stop
        memo = self._described
        known = memo.get((start, stop))
        if known is not None:
            return known
        under = stop if stop.endswith(os.sep) else stop + os.sep
        folder = start
        found = False
        while True:
            has = self._has_metadata.get(folder)
            if has is None:
                try:
                    with os.scandir(folder) as entries:
                        has = any(e.name.lower() in NAMES for e in entries)
                except OSError:
                    has = True  # unreadable here: let lookup decide
                self._has_metadata[folder] = has
            if has:
                found = True
                break
            parent = os.path.dirname(folder)
            if folder == stop or parent == folder or not folder.startswith(under):
                break
            folder = parent
        memo[(start, stop)] = found
        return found

    def _results(self, entries: Iterator[tuple[str, Any]], parallel: bool) -> Iterator[Any]:
        from .pipeline import parse_file

        if self.cluster is not None:
            yield from self.cluster.parse(entries)
            return
        if not parallel:
            for kind, value in entries:
                yield value if kind == "done" else parse_file(value)
            return
        buffered: list[tuple[str, Any]] = []
        tasks = 0
        for entry in entries:
            buffered.append(entry)
            tasks += entry[0] == "task"
            if tasks >= self.store.parallel_min // 2:
                break
        else:
            for kind, value in buffered:
                yield value if kind == "done" else parse_file(value)
            return
        import itertools

        yield from parse_in_workers(itertools.chain(buffered, entries), self.store.workers)

    def run(self) -> IngestReport:
        """Ingest every file: parse the new and changed ones, link copies, commit in batches.
        With a scheduler, parse on that cluster, connected when the first file needs parsing:
        one that cannot be used stops the ingest there (ClusterError; what was committed
        stays)."""
        if self.scheduler is None:
            return self._run()
        from .cluster import Session

        with Session(self.scheduler) as self.cluster:
            report = self._run()
            report.warnings.extend(self.cluster.warnings())
        return report

    def _run(self) -> IngestReport:
        report, writer = self.report, self.writer
        files = self._files()
        total = len(files)
        self.meta: dict[str, tuple[str, int, int, Path | None]] = {}
        parallel = self.store.workers > 1 and total >= self.store.parallel_min
        for done, result in enumerate(self._results(self._scan(files), parallel), start=1):
            kind, key = result[0], result[1]
            if kind == "same":
                report.unchanged += len(result[2][3])
            elif kind == "link":
                self._link(key, result[2])
            elif kind == "fail":
                report.failed.append(IngestError(key, result[2]))
            else:
                self._apply(key, result[2], result[3])
            if self.progress is not None:
                self.progress(done, total, Path(key))
            self._maybe_commit()
        if self.prune:
            for key in [k for k in writer.files if not os.path.exists(k)]:
                report.pruned += writer.remove_path(key)
        # A single-file store (migrated to segments), or segments read without their
        # sidecars (lost, stale), are rewritten once, so the next open is fast again.
        # The names a batch committed without resolving them (`touched`) are resolved
        # here, also when the last file's batch committed everything else.
        if writer.dirty or writer.touched or (writer.rewrite_all and self.snap.rows):
            writer.commit()
            report.resolve_seconds += writer.resolve_seconds
            report.resolve_cpu_seconds += writer.resolve_cpu_seconds
        writer.merge_written()  # this ingest's batches become one segment
        writer.leave_room()  # and the next commits of one file find room for theirs
        report.files = total
        for name, value in writer.totals().items():
            setattr(report, name, value)
        return report

    def _link(self, key: str, twin: str) -> None:
        """A new path whose bytes are those of a stored file: list it on that file's
        documents."""
        writer = self.writer
        sha, size, mtime_ns, root = self.meta[key]
        entry = writer.files.get(twin)
        if entry is None or entry[0] != sha or any(i not in writer.docs for i in entry[3]):
            # The twin changed meanwhile: parse this file after all.
            from explorer.ingest import IngestFailure, read_bytes

            from .pipeline import parse_file

            try:
                data = read_bytes(Path(key), max_bytes=self.store.max_bytes)
            except IngestFailure as exc:
                self.meta.pop(key)
                self.report.failed.append(IngestError(key, str(exc)))
                return
            result = parse_file((key, str(root) if root else None, data))
            if result[0] == "fail":
                self.meta.pop(key)
                self.report.failed.append(IngestError(key, result[2]))
            else:
                self._apply(key, result[2], result[3])
            return
        self.meta.pop(key)
        for doc_id in entry[3]:
            state = writer.docs[doc_id]
            if key not in state.row[ROW_PATHS]:
                writer.set_paths(doc_id, state, [*state.row[ROW_PATHS], key])
        self.report.duplicates += len(entry[3])
        writer.set_file(key, sha, size, mtime_ns, list(entry[3]))

    def _apply(self, key: str, parsed: list[dict[str, Any]], failed: list[tuple[str, str]]) -> None:
        report, writer = self.report, self.writer
        for where, why in failed:
            report.failed.append(IngestError(where, why))
        sha, size, mtime_ns, root = self.meta.pop(key)
        old = writer.files.get(key)
        old_ids = list(old[3]) if old else []
        old_shas = {writer.docs[i].row[ROW_SHA] for i in old_ids if i in writer.docs}
        new_shas = {p["sha256"] for p in parsed}
        # Records of this file whose content did not change stay as they are.
        for doc_id in old_ids:
            state = writer.docs.get(doc_id)
            if state is not None and state.row[ROW_SHA] not in new_shas:
                paths = [p for p in state.row[ROW_PATHS] if p != key]
                if paths:
                    writer.set_paths(doc_id, state, paths)
                else:
                    writer.delete(doc_id)
        ids: list[str] = []
        root_name = root.name if root else None
        for item in parsed:
            doc_id, stored = writer.add(item, key, root_name, old_ids)
            ids.append(doc_id)
            if stored:
                unparsed = (item["record"].get("meta") or {}).get("date_unparsed")
                if unparsed:
                    report.dates_not_understood += 1
                    if len(report.date_examples) < 3:
                        report.date_examples.append(str(unparsed))
                self.pending += 1
                if old is not None:
                    report.updated += 1
                else:
                    report.added += 1
            elif item["sha256"] in old_shas:
                report.unchanged += 1
            else:
                report.duplicates += 1
        writer.set_file(key, sha, size, mtime_ns, ids)
        self.by_file_sha.setdefault(sha, key)

    def _maybe_commit(self) -> None:
        if not self.pending:
            return
        # A batch grows with the store (a third of it: merges stay few), up to BATCH_MAX:
        # its documents' records, mentions and facts are in memory until it is committed.
        due = max(self.store.commit_every, min(self.committed_docs // 3, BATCH_MAX))
        if self.pending >= due or time.monotonic() - self.last_commit >= self.store.commit_seconds:
            self.writer.commit(resolve=False)  # resolved once, at the end of the ingest
            self.report.resolve_seconds += self.writer.resolve_seconds
            self.report.resolve_cpu_seconds += self.writer.resolve_cpu_seconds
            self.committed_docs = len(self.writer.docs)
            self.pending = 0
            if self.on_commit is not None:
                # The store as that commit left it (the writer keeps its own state): what
                # the callback reads. An exception stops the ingest; its commits stand.
                self.store.refresh()
                self.on_commit(self.store)
                # What it read of the store, made per snapshot (every document's summary:
                # 230 MB at 200,000), is made again for the next: not held meanwhile.
                self.store.forget_caches()
            self.last_commit = time.monotonic()


def parse_in_workers(entries: Iterable[tuple[str, Any]], workers: int) -> Iterator[Any]:
    """The results of `entries` in their order: a ("done", result) as it is, a ("task", task)
    parsed by `workers` spawned processes, eight files a round trip with at most eight chunks
    a worker in flight (bounded memory). If a worker dies (out of memory?), the files not yet
    parsed are parsed in this process instead."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from .pipeline import parse_file, parse_files, worker_init

    window: deque[tuple[str, Any, Any]] = deque()
    limit = workers * 8  # chunks in flight
    chunk_size = 8
    context = multiprocessing.get_context("spawn")
    broken = False

    def settle(kind: str, value: Any, tasks: Any) -> list[Any]:
        nonlocal broken
        if kind == "done":
            return [value]
        if not broken and value is not None:
            try:
                return value.result()
            except BrokenProcessPool:
                broken = True  # a worker died (out of memory?): parse here instead
        return [parse_file(task) for task in tasks]

    with ProcessPoolExecutor(workers, mp_context=context, initializer=worker_init) as pool:
        chunk: list[Any] = []

        def flush() -> None:
            if chunk:
                future = None if broken else pool.submit(parse_files, list(chunk))
                window.append(("chunk", future, list(chunk)))
                chunk.clear()

        try:
            for kind, value in entries:
                if kind == "task":
                    chunk.append(value)
                    if len(chunk) >= chunk_size:
                        flush()
                else:
                    flush()
                    window.append(("done", value, None))
                while window and (
                    len(window) > limit
                    or window[0][0] == "done"
                    or window[0][1] is None
                    or window[0][1].done()
                ):
                    yield from settle(*window.popleft())
            flush()
            while window:
                yield from settle(*window.popleft())
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
