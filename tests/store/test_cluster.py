"""store/cluster.py without a cluster: what a worker does with the bytes it is sent, and the
--scheduler values it understands."""

from __future__ import annotations

from pathlib import Path

import pytest

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
