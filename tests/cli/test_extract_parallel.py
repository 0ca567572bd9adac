"""`explorer extract` in several processes prints exactly what it prints in one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer import cli

PEOPLE = ["Anna Berg", "Tomas Lindqvist", "Maria Okafor", "David Chen", "Sofia Marques"]
FIRMS = ["Northwind Shipping", "Caldera Mining", "Helix Bank", "Orchard Foods"]
PLACES = ["Oslo", "Lagos", "Lisbon", "Toronto", "Perth"]


def _story(n: int) -> str:
    """A news story of about 1,700 characters, different for every n."""
    person, firm, place = PEOPLE[n % 5], FIRMS[n % 4], PLACES[n % 5]
    paragraphs = [f"{firm} results lift shares in {place}"]
    for i in range(6):
        paragraphs.append(
            f"{person}, chief executive of {firm}, said on Tuesday that profit rose "
            f"{n + i}% to ${100 + 7 * n + i} million in the third quarter of 2004. "
            f"The company employs {1200 + 13 * n} people in {place} and plans "
            f"{i + 2} new offices by March 2005, {person} told reporters."
        )
    return "\n\n".join(paragraphs) + "\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """60 stories (about 100 KB, enough to be worth the workers), an empty file and two broken
    ones among them."""
    root = tmp_path / "news"
    root.mkdir()
    for n in range(60):
        (root / f"story{n:02d}.txt").write_text(_story(n), encoding="utf-8")
    (root / "story30_empty.txt").write_text("", encoding="utf-8")
    (root / "story31_broken.json").write_text("{not json", encoding="utf-8")
    (root / "story45_broken.pdf").write_bytes(b"%PDF-1.4 not really")
    return root


def test_extract_in_workers_prints_what_one_process_prints(explorer, folder) -> None:
    serial = explorer("extract", "--jobs", "1", str(folder))
    parallel = explorer("extract", "--jobs", "2", str(folder))
    assert serial.returncode == parallel.returncode == 1  # the broken files, not the rest
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr
    docs = [json.loads(line) for line in parallel.stdout.splitlines()]
    assert len(docs) == 63
    errors = {d["id"]: d["error"] for d in docs if "error" in d}
    assert set(errors) == {"story30_empty.txt", "story31_broken.json", "story45_broken.pdf"}
    assert "Traceback" not in parallel.stderr


def test_extract_jsonl_in_workers_prints_what_one_process_prints(explorer) -> None:
    lines = [json.dumps({"id": f"doc {n}", "text": _story(n)}) for n in range(60)]
    lines[7] = "this is not json"
    lines[20] = json.dumps({"id": 20, "text": ""})
    stdin = "\n".join(lines) + "\n"
    serial = explorer("extract", "--jsonl", "--jobs", "1", input=stdin)
    parallel = explorer("extract", "--jsonl", "--jobs", "3", input=stdin)
    assert serial.returncode == parallel.returncode == 1
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr
    ids = [json.loads(line)["id"] for line in parallel.stdout.splitlines()]
    assert ids == [f"doc {n}" if n != 7 else "line 8" for n in range(60)][:20] + [20] + [
        f"doc {n}" for n in range(21, 60)
    ]


def test_extract_refuses_no_jobs(explorer, folder) -> None:
    result = explorer("extract", "--jobs", "0", str(folder))
    assert result.returncode == 2
    assert result.stderr.strip() == "explorer: --jobs must be at least 1"


def _records(count: int) -> list[tuple[str, str | None, object]]:
    records: list[tuple[str, str | None, object]] = [
        (f"doc{n}", _story(n), {"title": f"story {n}"}) for n in range(count)
    ]
    records[3] = ("doc3", None, "doc3: could not be read")
    return records


def _fake_extract(parent: int, marks: dict[str, str]):
    """An extract that sleeps, fails or kills its worker on the words in `marks`."""
    from explorer.nlp import extract

    def fake(text: str, meta: object = None):
        for word, what in marks.items():
            if word in text:
                if what == "slow":
                    time.sleep(1.0)
                elif what == "boom":
                    raise ValueError("boom")
                elif what == "die" and os.getpid() != parent:
                    os._exit(3)  # a worker killed (out of memory, say)
        return extract(text, meta)

    return fake


def _tag_lines_with_their_process(monkeypatch) -> None:
    dumps = cli._dumps
    monkeypatch.setattr(cli, "_dumps", lambda obj: f"{os.getpid()} {dumps(obj)}")


def _untagged(results: list) -> tuple[list, set[int]]:
    """The (line, message) results without their process ids, and those ids."""
    pids = {int(line.split(" ", 1)[0]) for line, *_ in results}
    return [(line.split(" ", 1)[1], message) for line, message, *_ in results], pids


def _in_workers(records: list) -> list:
    return list(cli._extract_in_workers(iter((record, "") for record in records), 2))


def test_a_slow_first_document_keeps_the_order(monkeypatch) -> None:
    """The first chunk the workers get takes a second; the later ones finish first, and still
    come after it. The very first document is extracted before the workers start (it loads
    what they all need), the rest by the workers."""
    parent = os.getpid()
    records = _records(40)
    records[1] = ("doc1", "SLOW " + _story(1), {"title": "story 1"})
    records[9] = ("doc9", "BOOM " + _story(9), {"title": "story 9"})
    monkeypatch.setattr(
        "explorer.nlp.extract", _fake_extract(parent, {"SLOW": "slow", "BOOM": "boom"})
    )
    monkeypatch.setattr(cli, "CHUNK_CHARS", 2_000)  # one story a chunk
    _tag_lines_with_their_process(monkeypatch)
    serial, _ = _untagged([cli._extract_line(*record) for record in records])
    results = _in_workers(records)
    parallel, _ = _untagged(results)
    assert parallel == serial
    assert _untagged(results[:1])[1] == {parent}
    later = _untagged(results[1:])[1]
    assert parent not in later and len(later) == 2  # both workers did the rest
    assert parallel[3][1] == "doc3: could not be read"
    assert parallel[9][1] == "doc9: extraction failed: ValueError('boom')"


def test_a_worker_that_dies_leaves_its_documents_to_the_parent(monkeypatch) -> None:
    parent = os.getpid()
    records = _records(30)
    records[5] = ("doc5", "DIE " + _story(5), {"title": "story 5"})
    monkeypatch.setattr("explorer.nlp.extract", _fake_extract(parent, {"DIE": "die"}))
    monkeypatch.setattr(cli, "CHUNK_CHARS", 2_000)
    _tag_lines_with_their_process(monkeypatch)
    serial, _ = _untagged([cli._extract_line(*record) for record in records])
    parallel, pids = _untagged(_in_workers(records))
    assert parallel == serial
    assert parent in pids  # what the dead worker had not done, this process did


def test_ctrl_c_stops_extract_and_its_workers(tmp_path, folder) -> None:
    for n in range(60, 400):  # enough work to be still running when interrupted
        (folder / f"story{n:03d}.txt").write_text(_story(n), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "explorer", "extract", "--jobs", "2", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")},
        # as a terminal does: Ctrl+C goes to the whole process group
        preexec_fn=lambda: (signal.signal(signal.SIGINT, signal.SIG_DFL), os.setpgrp()),
    )
    assert process.stdout is not None
    process.stdout.readline()  # the workers are running
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.decode() == "explorer: interrupted\n"
    left = subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True, text=True)
    assert left.stdout.split() == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_leaves_the_collector_running(folder, capsys, jobs) -> None:
    """extract holds the collector back while it starts; in a process that goes on after it
    (a test, a caller of main()), the collector runs again afterwards, and cycles are freed."""
    import gc

    assert gc.isenabled()
    # two of the files are broken: they are reported, the rest extracted
    assert cli.main(["extract", "--jobs", jobs, str(folder)]) == cli.EXIT_FAILED
    assert len(capsys.readouterr().out.splitlines()) >= 60
    assert gc.isenabled()


def test_the_patterns_a_worker_compiles_are_kept_for_the_next_run(tmp_path, monkeypatch) -> None:
    """A worker ends past atexit: what it compiled on first use was compiled again by every
    run's workers (~380 M instructions a run over CoNLL dev) until it was saved as it ends."""
    from explorer.nlp import extract, regexes

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("EXPLORER_NO_CACHE", raising=False)
    monkeypatch.setattr(regexes, "_entries", None)
    monkeypatch.setattr(regexes, "_used", set())
    monkeypatch.setattr(regexes, "_dirty", True)  # no atexit hook from the test process
    parent = os.getpid()
    only_in_workers = r"(?P<n>\d+) only in a worker"

    def fake(text, meta=None):
        if os.getpid() != parent:
            regexes.compile(only_in_workers)
        return extract(text, meta)

    monkeypatch.setattr("explorer.nlp.extract", fake)
    records = _records(30)
    assert len(_in_workers(records)) == 30
    monkeypatch.setattr(regexes, "_entries", None)  # the next run
    assert (only_in_workers, 0) in regexes._load()


@pytest.mark.slow
def test_documents_longer_than_a_pipe_holds_come_back_whole(monkeypatch) -> None:
    """A chunk sent, and the lines sent back, may be far longer than a pipe holds (64 KB):
    neither side may wait on the other (the parent never blocks writing to a worker)."""
    records: list[tuple[str, str | None, object]] = [
        (f"doc{n}", " ".join(_story(n + k) for k in range(80)), {"title": f"story {n}"})
        for n in range(4)
    ]
    assert all(len(text or "") > 80_000 for _, text, _ in records)
    monkeypatch.setattr(cli, "CHUNK_CHARS", 150_000)  # two documents a chunk
    serial = [cli._extract_line(*record) for record in records]
    assert max(len(line) for line, _ in serial) > 70_000
    assert [(line, message) for line, message, _ in _in_workers(records)] == serial


def test_what_marshal_cannot_write_goes_to_the_workers_pickled() -> None:
    import datetime

    record = ("doc", "text", {"when": datetime.date(2005, 1, 1), "n": 3})
    message = cli._pack([record])
    assert message[8:9] == b"P" and cli._unpack(message[8:]) == [record]
    plain = cli._pack([("doc", "text", {"title": "x", "n": [1, 2.5, None, True]})])
    assert plain[8:9] == b"M"
    assert int.from_bytes(plain[:8], "big") == len(plain) - 8
