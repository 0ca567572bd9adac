"""Every output of the command line is safe for what it feeds: a terminal never receives an
escape sequence or a bidi override from a file name or a record, and a spreadsheet never
receives a formula."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .conftest import Explorer

ESC_NAME = "news\x1b]0;pwned\x07 \u202etxt.exe.txt"  # a window title and a reversed extension
UNSAFE = ("\x1b", "\x07", "\x9b", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066")


def _safe(text: str) -> bool:
    return not any(char in text for char in UNSAFE)


@pytest.fixture
def evil(tmp_path: Path) -> Explorer:
    """A store of a file whose name holds escapes, and records whose fields are formulas."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / ESC_NAME).write_text(
        "Angela Merkel met Emmanuel Macron in Paris on Monday.\n", encoding="utf-8"
    )
    records = [
        {
            "id": "rec\x1b[31m\u202e1",
            "title": '=HYPERLINK("http://evil.example","click")',
            "author": "@boss",
            "text": "Tony Blair met Gordon Brown in London.",
        },
        {"id": "+2", "title": "-3.5", "author": "+Ann", "text": "Shares in Microsoft rose 5%."},
        {"id": "3", "title": "-1+2 memo", "text": "Shares in Apple fell 2%."},
    ]
    (corpus / "wire.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    explorer = Explorer(tmp_path)
    result = explorer("ingest", str(corpus))
    assert result.returncode == 0, result.stderr
    assert _safe(result.stderr)
    return explorer


def test_exports_name_a_file_with_escapes_visibly_and_safely(evil: Explorer, tmp_path) -> None:
    for what in ("documents", "entities", "mentions", "facts"):
        for fmt in ("jsonl", "csv"):
            result = evil("export", what, "--format", fmt)
            assert result.returncode == 0, result.stderr
            assert _safe(result.stdout), (what, fmt)
    docs = [json.loads(line) for line in evil("export", "documents").stdout.splitlines()]
    named = [d for d in docs if d["doc"].startswith("news")]
    assert named and named[0]["doc"] == "news\\x1b]0;pwned\\x07 \\u202etxt.exe.txt"
    assert named[0]["path"].endswith("news\\x1b]0;pwned\\x07 \\u202etxt.exe.txt")
    out = tmp_path / "facts.csv"
    assert evil("export", "facts", "-o", str(out)).returncode == 0
    assert _safe(out.read_text(encoding="utf-8"))


def test_csv_cells_that_would_be_formulas_are_text(evil: Explorer) -> None:
    result = evil("export", "documents", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    by_title = {row["title"]: row for row in rows}
    assert '\'=HYPERLINK("http://evil.example","click")' in by_title
    assert by_title['\'=HYPERLINK("http://evil.example","click")']["author"] == "'@boss"
    plain = by_title["-3.5"]  # a plain number is a number, not a formula
    assert plain["author"] == "'+Ann"
    assert "'-1+2 memo" in by_title
    assert plain["doc"].endswith("#+2") and plain["sentences"] == "1"
    # JSON Lines are for programs: the title is the title, untouched.
    docs = [json.loads(line) for line in evil("export", "documents").stdout.splitlines()]
    assert '=HYPERLINK("http://evil.example","click")' in {d["title"] for d in docs}


def test_tables_search_and_json_commands_never_send_escapes(evil: Explorer) -> None:
    for args in (
        ("entities",),
        ("entities", "--json"),
        ("facts",),
        ("facts", "--json"),
        ("search", "merkel"),
        ("search", "merkel", "--json"),
        ("stats",),
        ("stats", "--json"),
    ):
        result = evil(*args)
        assert result.returncode == 0, (args, result.stderr)
        assert _safe(result.stdout) and _safe(result.stderr), args
    table = evil("facts").stdout
    assert "\\u202e" in table  # the facts table names the document, its override escaped
    batch = evil("search", "--batch", input="merkel\nblair \x1b[2J\u202e\n")
    assert _safe(batch.stdout)
    assert [json.loads(line)["query"] for line in batch.stdout.splitlines()][1] == (
        "blair \ufffd[2J\ufffd"
    )


def test_a_store_path_with_escapes_is_named_safely(explorer: Explorer, tmp_path) -> None:
    from .conftest import SAMPLE

    db = tmp_path / "store\x1b[2J\u202e.json"
    result = explorer("ingest", str(SAMPLE), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert _safe(result.stderr) and "store\\x1b[2J\\u202e.json" in result.stderr
    stats = explorer("stats", "--db", str(db))
    assert _safe(stats.stdout) and "store\\x1b[2J\\u202e.json" in stats.stdout
    as_json = json.loads(explorer("stats", "--db", str(db), "--json").stdout)
    assert as_json["db"].endswith("store\\x1b[2J\\u202e.json")


def test_errors_naming_files_with_escapes_are_one_safe_line(explorer: Explorer, tmp_path) -> None:
    missing = tmp_path / "gone\x1b]0;pwned\x07\u202e.txt"
    result = explorer("extract", str(missing))
    assert result.returncode != 0
    assert _safe(result.stderr) and _safe(result.stdout)
    assert "gone\\x1b]0;pwned\\x07\\u202e.txt" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_extract_cleans_ids_and_metadata_but_keeps_the_text_offsets(explorer: Explorer) -> None:
    text = "Tony \u202eBlair\u202c met Gordon Brown in London."
    line = json.dumps({"id": "a\x1b[31m", "title": "T\x1b]0;x\x07", "text": text})
    result = explorer("extract", "--jsonl", input=line + "\n")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["id"] == "a\\x1b[31m"
    assert _safe(doc["meta"]["title"])
    for mention in doc["mentions"]:  # the caller's own text: offsets index into it exactly
        assert text[mention["start"] : mention["end"]] == mention["text"]
