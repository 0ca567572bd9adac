"""`explorer rules` and the identity fields of `explorer entities`, as a user types them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from identity_corpus import ARTICLES

PICK = (
    "volcker01.txt",
    "volcker02.txt",
    "smith01.txt",
    "smith02.txt",
    "smith03.txt",
    "boeing01.txt",
)


def _lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def news(explorer, tmp_path):
    root = tmp_path / "news"
    root.mkdir()
    for name in PICK:
        (root / name).write_text(ARTICLES[name] + "\n", encoding="utf-8")
    result = explorer("ingest", str(root))
    assert result.returncode == 0, result.stderr
    return explorer


def _entity(explorer, name: str) -> dict | None:
    rows = _lines(explorer("entities", "--json").stdout)
    return next((r for r in rows if r["name"] == name), None)


def test_entities_json_says_what_was_merged_and_why(news) -> None:
    volcker = _entity(news, "Paul Volcker")
    assert volcker is not None and _entity(news, "Volcker") is None
    (merged,) = [m for m in volcker["merged"] if m["key"] == "PERSON:Volcker"]
    assert merged["reason"].startswith("surname of Paul Volcker")
    assert 0 < merged["confidence"] <= 1
    boeing = _entity(news, "Boeing Co")
    assert "<BA>" in boeing["aliases"]


def test_rules_add_list_remove_undo(news) -> None:
    assert news("rules", "list").stdout.strip().startswith("no rules")
    added = news("rules", "add", "merge", "Smith", "John Smith", "--label", "PERSON")
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("rule 1: merge 'Smith'")
    # --label narrows both sides: the "Smith" the tagger called an organisation is not merged
    assert _entity(news, "Smith") is not None
    news("rules", "remove", "1")
    news("rules", "add", "merge", "Smith", "John Smith")
    assert _entity(news, "Smith") is None
    assert "Smith" in _entity(news, "John Smith")["aliases"]
    news("rules", "add", "rename", "Paul Volcker", "Paul A. Volcker")
    news("rules", "add", "split", "Volcker", "--label", "PERSON")
    listed = news("rules", "list").stdout.splitlines()
    assert [line.split()[0] for line in listed] == ["1", "2", "3"]
    assert "rename 'Paul Volcker' to 'Paul A. Volcker'" in listed[1]
    assert _entity(news, "Paul A. Volcker") and _entity(news, "Volcker")
    undone = news("rules", "undo")
    assert "removed rule 3" in undone.stdout
    assert _entity(news, "Volcker") is None
    rows = _lines(news("rules", "list", "--json").stdout)
    assert [(r["id"], r["op"]) for r in rows] == [(1, "merge"), (2, "rename")]
    # --db before or after the action names the same store
    elsewhere = str(news.db.with_name("other.json"))
    assert news("rules", "--db", elsewhere, "list").stdout.startswith("no rules")
    assert news("rules", "list", "--db", str(news.db)).stdout.split()[0] == "1"
    assert news("--db", str(news.db), "rules", "list").stdout.split()[0] == "1"


def test_rules_export_import_round_trip(news, tmp_path) -> None:
    news("rules", "add", "merge", "Smith", "John Smith")
    news("rules", "add", "relabel", "Qantas", "ORG")
    out = tmp_path / "rules.jsonl"
    assert news("rules", "export", "-o", str(out)).returncode == 0
    exported = _lines(out.read_text())
    assert [r["op"] for r in exported] == ["merge", "relabel"]
    news("rules", "remove", "1")
    news("rules", "remove", "2")
    imported = news("rules", "import", str(out))
    assert imported.stdout.startswith("imported 2 rules")
    assert news("rules", "import", "-", input=out.read_text()).stdout.startswith("imported 0")
    assert _entity(news, "Qantas")["label"] == "ORG"


def test_rule_mistakes_are_one_clear_line(news, tmp_path) -> None:
    bad = news("rules", "add", "relabel", "Qantas", "TOWN")
    assert bad.returncode == 2 and "is not a label" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    missing = news("rules", "add", "merge", "Smith")
    assert missing.returncode == 2 and "target is missing" in missing.stderr
    assert news("rules", "remove", "9").returncode == 2
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"op": "merge", "name": "A", "target": "B"}\nnot json\n')
    result = news("rules", "import", str(broken))
    assert result.returncode == 2 and ":2: not a JSON object" in result.stderr
    assert "Traceback" not in result.stderr
    nameless = tmp_path / "nameless.jsonl"
    nameless.write_text('{"op": "split"}\n')
    assert "rule 1:" in news("rules", "import", str(nameless)).stderr


def test_entities_related_prints_score_and_shared_documents(news) -> None:
    rows = _lines(news("entities", "--related", "Paul Volcker", "--json").stdout)
    assert rows and all({"shared_documents", "score", "key"} <= set(r) for r in rows)
    table = news("entities", "--related", "Paul Volcker").stdout
    assert "shared docs" in table.splitlines()[0]
    unknown = news("entities", "--related", "Nobody At All")
    assert unknown.returncode == 2 and "no entity named" in unknown.stderr
