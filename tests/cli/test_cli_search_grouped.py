"""`explorer search --group`: the groups the app shows, each with how many hits it holds;
`--batch` times that same grouped search and keeps its ranked "hits" as they were."""

from __future__ import annotations

import json

import pytest


def _lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def pelicans(explorer, tmp_path):
    folder = tmp_path / "birds"
    folder.mkdir()
    text = "\n\n".join(f"Mayor Ann Lee saw a pelican on pier {i} in Leeds." for i in range(30))
    (folder / "pelicans.txt").write_text(text, encoding="utf-8")
    assert explorer("ingest", str(folder)).returncode == 0
    return explorer


def test_group_prints_each_group_with_its_count(pelicans) -> None:
    result = pelicans("search", "pelican", "--group", "--limit", "5")
    assert result.returncode == 0, result.stderr
    assert "Sentences · 5 of 30" in result.stdout
    texts = [line for line in result.stdout.splitlines() if line.startswith("  Mayor")]
    assert texts == [f"  Mayor Ann Lee saw a pelican on pier {i} in Leeds." for i in range(5)]
    following = pelicans("search", "pelican", "--group", "--limit", "5", "--offset", "25")
    assert "Sentences · 26-30 of 30" in following.stdout
    assert "  Mayor Ann Lee saw a pelican on pier 29 in Leeds." in following.stdout.splitlines()


def test_group_json_is_a_hit_per_line_with_its_group(pelicans) -> None:
    result = pelicans("search", "leeds", "--group", "--json", "--limit", "3")
    hits = _lines(result.stdout)
    assert {h["group"] for h in hits} <= {"entities", "facts", "sentences"}
    sentences = [h for h in hits if h["group"] == "sentences"]
    assert len(sentences) == 3 and all(h["kind"] == "sentence" for h in sentences)
    plain = _lines(pelicans("search", "leeds", "--json", "--limit", "50").stdout)
    for hit in hits:  # the fields of `search --json`, and the group besides
        assert {k: v for k, v in hit.items() if k != "group"} in plain


def test_batch_keeps_its_hits_and_adds_the_groups_a_keystroke_shows(pelicans) -> None:
    (line,) = _lines(pelicans("search", "--batch", "--limit", "2", input="pelican\n").stdout)
    assert set(line) == {"query", "ms", "hits", "groups"}
    assert len(line["hits"]) == 2 and line["ms"] >= 0
    sentences = line["groups"][-1]
    assert (sentences["group"], sentences["total"], sentences["shown"]) == ("sentences", 30, 30)
    assert sentences["exact"] is True and "hits" not in sentences
    (with_hits,) = _lines(
        pelicans("search", "--batch", "--group", "--limit", "4", input="pelican\n").stdout
    )
    assert len(with_hits["groups"][-1]["hits"]) == 4


def test_offset_without_group_is_a_mistake(pelicans) -> None:
    result = pelicans("search", "pelican", "--offset", "5")
    assert result.returncode == 2 and "--group" in result.stderr
