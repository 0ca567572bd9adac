"""store/cluster.py without a cluster: what a worker does with the bytes it is sent, and the
--scheduler values it understands."""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import pytest

from explorer.store import cluster
from explorer.store.cluster import ClusterError, local_workers, parse_shipped
from explorer.store.pipeline import parse_file

pytestmark = pytest.mark.usefixtures("nlp_ready")


def _described(tmp_path: Path) -> tuple[Path, bytes]:
    folder = tmp_path / "news"
    folder.mkdir()
    doc = folder / "talks.txt"
    doc.write_text("Olaf Scholz met Emmanuel Macron in Paris on Monday.\n")
    (folder / "metadata.jsonl").write_text('{"file_name": "talks.txt", "date": "2021-03-04"}\n')
    return doc, doc.read_bytes()


def test_a_worker_parses_the_bytes_it_is_sent_as_this_process_would(tmp_path: Path) -> None:
    doc, data = _described(tmp_path)
    record = {"date": "2021-03-04"}
    root = str(doc.parent)
    # The bytes sent, not the file on the worker's disk (it may differ, or not be there).
    doc.write_text("Something else entirely.\n")
    [result] = parse_shipped([(str(doc), root, data, record)])
    assert result == parse_file((str(doc), root, data))
    assert result[0] == "ok"
    assert result[2][0]["record"]["date"] == "2021-03-04"


def test_a_worker_that_sees_other_metadata_leaves_the_file_to_the_client(
    tmp_path: Path,
) -> None:
    """A metadata file beside the document that the worker cannot see (the files are not on
    a shared path) would give another document: the client parses that file itself."""
    doc, data = _described(tmp_path)
    [result] = parse_shipped([(str(doc), str(doc.parent), data, {"date": "1999-01-01"})])
    assert result == ("elsewhere", str(doc), None, [])


@pytest.mark.parametrize(
    ("scheduler", "workers"),
    [("local:2", 2), (" local:1 ", 1), ("tcp://10.0.0.5:8786", None), ("10.0.0.5:8786", None)],
)
def test_scheduler_values(scheduler: str, workers: int | None) -> None:
    assert local_workers(scheduler) == workers


@pytest.mark.parametrize("scheduler", ["local:0", "local", "local:two"])
def test_bad_local_cluster_sizes(scheduler: str) -> None:
    with pytest.raises(ClusterError, match="local:N"):
        local_workers(scheduler)


class _Client:
    """What connect() asks of a scheduler, answered as a test needs."""

    def __init__(self, *, workers: bool = True, fingerprints: dict[str, str] | None = None):
        self.workers = workers
        self.fingerprints = fingerprints

    def wait_for_workers(self, n: int, timeout: float) -> None:
        if not self.workers:
            raise TimeoutError(f"Only 0/{n} workers arrived after {timeout}")

    def run(self, function):
        assert function is cluster.code_fingerprint
        return self.fingerprints


def test_a_scheduler_without_workers_is_one_line() -> None:
    with pytest.raises(ClusterError, match=r"has no worker .* start `dask worker`"):
        cluster._check_workers(_Client(workers=False), "tcp://h:8786", 1.0)


def test_workers_with_other_code_are_refused() -> None:
    mine = cluster.code_fingerprint()
    same = _Client(fingerprints={"tcp://a:1": mine, "tcp://b:1": mine})
    cluster._check_workers(same, "tcp://h:8786", 1.0)
    other = _Client(fingerprints={"tcp://a:1": mine, "tcp://b:1": "0123"})
    with pytest.raises(ClusterError, match=r"1 worker\(s\) .* another explorer .*tcp://b:1"):
        cluster._check_workers(other, "tcp://h:8786", 1.0)


@pytest.fixture(scope="module")
def client():
    """A cluster of two worker threads in this process (starts in about a second)."""
    distributed = pytest.importorskip("distributed")
    with (
        warnings.catch_warnings(),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as local,
        distributed.Client(local) as client,
    ):
        warnings.simplefilter("ignore")
        yield client


@pytest.mark.slow
def test_results_come_in_file_order_and_a_failed_task_is_parsed_here(
    client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = []
    for n in range(20):
        doc = tmp_path / f"{n:02}.txt"
        doc.write_text(f"Story {n}\n\nJohn Smith met Jane Doe in Paris on Monday, day {n}.\n")
        entries.append(("task", (str(doc), None, doc.read_bytes())))
        if n % 7 == 3:  # a file settled without parsing (unchanged, or a copy) keeps its place
            entries.append(("done", ("same", f"unchanged-{n}", None, [])))
    shipped = cluster.parse_shipped

    def slow_first_and_failing(tasks):
        names = {Path(task[0]).name for task in tasks}
        if "00.txt" in names:
            time.sleep(0.5)  # the first chunk completes last
        if "10.txt" in names:
            raise RuntimeError("worker lost")
        return shipped(tasks)

    monkeypatch.setattr(cluster, "parse_shipped", slow_first_and_failing)
    run = cluster.Cluster(client, name="the test cluster")
    run.threads = 2
    results = list(run.parse(entries))

    assert results == [value if kind == "done" else parse_file(value) for kind, value in entries]
    # The chunk of 10.txt (04 to 10: a settled file closes a chunk, as it keeps its place)
    # failed: its files were parsed here, and the summary says so.
    assert run.warnings() == [
        "7 file(s) parsed here, not on the test cluster: a task failed (worker lost)"
    ]
