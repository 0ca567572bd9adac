"""One export format: what `x` writes in the app is what `explorer export` writes for the
same rows (the same columns, in the same order, with the same types)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from textual.widgets import Input

from explorer.cli import main
from explorer.tui.screens.export import ExportScreen

from .conftest import ready, settle, type_text, until


async def _export(pilot, path: Path) -> None:
    await pilot.press("x")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ExportScreen)
    pilot.app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")
    await until(pilot, path.exists, f"{path} written")
    await settle(pilot)


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _csv(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or ()), list(reader)


def _cli_export(db: Path, what: str, out: Path) -> None:
    assert main(["export", what, "--db", str(db), "-o", str(out)]) == 0


def _key(record: dict) -> str:
    return json.dumps(record, sort_keys=True)


async def test_facts_exported_from_the_app_and_the_cli_are_the_same_records(
    app_factory, db, tmp_path
):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        await _export(pilot, tmp_path / "tui-facts.jsonl")
        await _export(pilot, tmp_path / "tui-facts.csv")
    _cli_export(db, "facts", tmp_path / "cli-facts.jsonl")
    _cli_export(db, "facts", tmp_path / "cli-facts.csv")

    tui, cli = _jsonl(tmp_path / "tui-facts.jsonl"), _jsonl(tmp_path / "cli-facts.jsonl")
    assert tui and sorted(map(_key, tui)) == sorted(map(_key, cli))
    for record in tui:
        assert record["title"] and record["sentence_text"]  # title and sentence in both
        assert record["text"] and record["text"] in record["sentence_text"]
        assert isinstance(record["qualifiers"], dict)
        assert record["date"] is None or record["date"][:4].isdigit()  # ISO, never "(no date)"

    tui_columns, tui_rows = _csv(tmp_path / "tui-facts.csv")
    cli_columns, cli_rows = _csv(tmp_path / "cli-facts.csv")
    assert tui_columns == cli_columns
    assert tui_columns[:3] == ["predicate", "subject", "object"]
    assert sorted(map(_key, tui_rows)) == sorted(map(_key, cli_rows))


async def test_documents_and_an_entitys_mentions_match_the_cli_too(app_factory, db, tmp_path):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await _export(pilot, tmp_path / "tui-documents.jsonl")  # the documents pane first
        await pilot.press("e", "n")
        await type_text(pilot, "sanai")
        await pilot.press("enter")
        await _export(pilot, tmp_path / "tui-entities.jsonl")
    _cli_export(db, "documents", tmp_path / "cli-documents.jsonl")
    _cli_export(db, "mentions", tmp_path / "cli-mentions.jsonl")

    documents = _jsonl(tmp_path / "tui-documents.jsonl")
    assert documents == _jsonl(tmp_path / "cli-documents.jsonl")
    assert all(d["date"] is None or d["date"][:4].isdigit() for d in documents)

    mentions = _jsonl(tmp_path / "tui-entities.jsonl")  # one row per mention of the entity
    assert mentions and {m["key"] for m in mentions} == {"PERSON:Mehdi Sanai"}
    same = [m for m in _jsonl(tmp_path / "cli-mentions.jsonl") if m["key"] == "PERSON:Mehdi Sanai"]
    assert sorted(map(_key, mentions)) == sorted(map(_key, same))


async def test_search_results_export_highlights_as_search_json_does(
    app_factory, db, tmp_path, capsys
):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "trade")
        await settle(pilot)
        await pilot.press("escape")
        await _export(pilot, tmp_path / "hits.jsonl")
        await _export(pilot, tmp_path / "hits.csv")
    exported = _jsonl(tmp_path / "hits.jsonl")
    capsys.readouterr()
    assert main(["search", "trade", "--db", str(db), "--json", "--limit", "1000"]) == 0
    searched = [json.loads(line) for line in capsys.readouterr().out.splitlines()]

    def where(hit: dict) -> tuple:
        return (hit["kind"], hit["doc"], hit["sentence"], hit["text"])

    by_place = {where(hit): hit for hit in searched}
    assert exported and all(where(r) in by_place for r in exported)
    for record in exported:
        hit = by_place[where(record)]
        assert record["highlights"] == hit["highlights"]  # an array in both, never a string
        for field in set(hit) & set(record):
            assert type(record[field]) is type(hit[field]), field
    _, rows = _csv(tmp_path / "hits.csv")
    assert [json.loads(row["highlights"]) for row in rows] == [r["highlights"] for r in exported]


async def test_the_apps_export_names_a_hostile_file_safely(app_factory, corpus, tmp_path):
    hostile = corpus / "memo\x1b]0;pwned\x07\u202etxt.exe.txt"
    hostile.write_text("=SUM(A1) said Gordon Brown in London.\n", encoding="utf-8")
    app = app_factory(corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await _export(pilot, tmp_path / "documents.csv")
        await pilot.press("f")
        await _export(pilot, tmp_path / "facts.csv")
    for name in ("documents.csv", "facts.csv"):
        written = (tmp_path / name).read_text(encoding="utf-8")
        assert not any(c in written for c in ("\x1b", "\x07", "\u202e")), name
    _, documents = _csv(tmp_path / "documents.csv")
    (memo,) = [d for d in documents if d["doc"].startswith("memo")]
    assert memo["doc"] == "memo\\x1b]0;pwned\\x07\\u202etxt.exe.txt"
    assert memo["title"] == "'=SUM(A1) said Gordon Brown in London."  # text, not a formula


async def test_search_results_from_the_app_and_search_json_are_the_same_records(
    app_factory, db, tmp_path, capsys
):
    """Issue 12, point 9: one format. The app's `x` on a search and `search --group --json`
    for the same query write the same records: same columns in the same order, same values,
    the same types (highlights an array, dates ISO or null, sentence an int)."""
    from explorer.export import HIT_COLUMNS

    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "sanai")
        await settle(pilot)
        await pilot.press("escape")
        await _export(pilot, tmp_path / "hits.jsonl")
        await _export(pilot, tmp_path / "hits.csv")
    exported = _jsonl(tmp_path / "hits.jsonl")
    capsys.readouterr()
    assert main(["search", "sanai", "--db", str(db), "--group", "--json"]) == 0
    searched = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {h.pop("group") for h in searched} == {"entities", "facts", "sentences"}

    assert exported == searched  # every field, value and type, in the app's order
    assert all(tuple(record) == HIT_COLUMNS for record in exported)
    kinds = {r["kind"]: r for r in exported}
    assert set(kinds) == {"entity", "fact", "sentence"}
    assert all(isinstance(r["sentence"], int) for r in exported)  # -1 where none, never null
    for record in exported:
        assert isinstance(record["highlights"], list) and record["highlights"]
        assert all(isinstance(span, list) and len(span) == 2 for span in record["highlights"])
        assert record["date"] is None or record["date"][:4].isdigit()
    assert kinds["fact"]["date"] == "2019-04-30"

    columns, rows = _csv(tmp_path / "hits.csv")
    assert tuple(columns) == HIT_COLUMNS
    for row, record in zip(rows, exported, strict=True):
        assert json.loads(row["highlights"]) == record["highlights"]
        assert row["date"] == (record["date"] or "")
        assert row["sentence"] == str(record["sentence"])
