"""`explorer ingest --scheduler`: parsing on a Dask cluster gives the store a local ingest
gives, and a cluster that cannot be reached is one line, exit 1, nothing lost."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.store import Store

from .conftest import REPO, SAMPLE, Explorer


def _documents(root: Path) -> Path:
    """A folder with what ingest must get right: a metadata file beside a document, records
    in one file (one empty), a copy of a file, a file that cannot be read."""
    root.mkdir()
    (root / "talks.txt").write_text(
        "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Monday.\n\n"
        'Scholz said the talks were "constructive". Trade between Germany and France '
        "reached $500 million.\n"
    )
    (root / "talks copy.txt").write_bytes((root / "talks.txt").read_bytes())
    (root / "deals").mkdir()
    (root / "deals" / "acme.md").write_text(
        "# Acme buys Widget Corp\n\nAcme Corp agreed to buy Widget Corp for $2 billion, "
        "chief executive Jane Doe said on Tuesday.\n"
    )
    (root / "deals" / "metadata.jsonl").write_text(
        '{"file_name": "acme.md", "date": "2021-03-04", "author": "Ann Writer"}\n'
    )
    (root / "feed.jsonl").write_text(
        '{"id": "r1", "text": "Mehdi Sanai, the Iranian Ambassador to Russia, visited Moscow."}\n'
        '{"id": "r2", "text": ""}\n'
        '{"id": "r3", "text": "Angela Merkel visited Washington in 2019."}\n'
    )
    (root / "broken.pdf").write_bytes(b"\x00\x01\x02 not a pdf")
    return root


def _content(db: Path) -> dict[str, object]:
    """Everything a user can read from the store, ids included (they are deterministic)."""
    store = Store.open(db, readonly=True)
    docs = store.documents()
    return {
        "documents": [(d, store.document(d.id).text, store.document(d.id).meta) for d in docs],
        "sentences": {d.id: store.sentences(d.id) for d in docs},
        "mentions": sorted(repr(m) for m in store.mentions()),
        "entities": sorted(repr(e) for e in store.entities()),
        "facts": sorted(repr(f) for f in store.facts()),
        "files": store.document_hashes(),
    }


@pytest.mark.slow  # a LocalCluster of two processes starts in seconds
def test_a_local_cluster_ingest_stores_what_a_local_ingest_stores(tmp_path: Path) -> None:
    folder = _documents(tmp_path / "docs")
    seeds = str(REPO / "seeds")
    here = Explorer(tmp_path / "here")
    local = here("ingest", "--db", str(tmp_path / "here.json"), str(folder), seeds)
    cluster = Explorer(tmp_path / "cluster")
    dask = cluster(
        "ingest", "--db", str(tmp_path / "cluster.json"), "--scheduler", "local:2", str(folder),
        seeds,
    )  # fmt: skip

    # The same exit, per-file errors and summary (the time aside).
    assert dask.returncode == local.returncode == 1
    errors = sorted(line for line in dask.stderr.splitlines() if line.startswith("explorer: "))
    assert errors == sorted(
        line for line in local.stderr.splitlines() if line.startswith("explorer: ")
    )
    assert any("broken.pdf" in line for line in errors)
    assert any("feed.jsonl#r2" in line for line in errors)
    summary = next(line for line in dask.stderr.splitlines() if line.startswith("ingested "))
    assert "5 added" in summary and "1 duplicates" in summary and "2 failed" in summary
    assert "Traceback" not in dask.stderr

    stored = _content(tmp_path / "cluster.json")
    assert stored == _content(tmp_path / "here.json")
    # The metadata file beside the document was read on the workers.
    acme = next(d for d, _, _ in stored["documents"] if d.id.endswith("acme.md"))  # type: ignore[union-attr]
    assert acme.date == "2021-03-04" and acme.author == "Ann Writer"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_an_unreachable_scheduler_is_one_line_and_loses_nothing(
    ingested: Explorer, tmp_path: Path
) -> None:
    before = ingested("stats", "--json").stdout
    address = f"tcp://127.0.0.1:{_closed_port()}"
    ingested.env["EXPLORER_SCHEDULER_TIMEOUT"] = "1"
    result = ingested("ingest", "--scheduler", address, str(_documents(tmp_path / "docs")))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"explorer: cannot reach the Dask scheduler at {address}: "
        f"Timed out trying to connect to {address} after 1 s"
    ]
    assert ingested("stats", "--json").stdout == before
    # Nothing to parse, no cluster needed: an unchanged re-ingest costs a hash check a file.
    again = ingested("ingest", "--scheduler", address, str(SAMPLE))
    assert again.returncode == 0, again.stderr
    assert "1 unchanged" in again.stderr


def test_a_bad_local_cluster_size_is_one_line(explorer: Explorer) -> None:
    result = explorer("ingest", "--scheduler", "local:0", str(REPO / "seeds"))
    assert result.returncode == 1
    assert result.stderr == "explorer: --scheduler local:N needs N of at least 1\n"


def test_ingest_without_a_scheduler_does_not_import_dask() -> None:
    code = (
        "import sys, explorer.cli, explorer.store, explorer.store.cluster\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
