"""`explorer entities` and `explorer search` show a country a story implies but never names."""

from __future__ import annotations

import json

WIRE = (
    "Bundesbank holds rates\n\n"
    "FRANKFURT, March 3 (Reuters) - The Bundesbank said on Tuesday that\n"
    "inflation had cooled, and that wage growth in Frankfurt had slowed.\n"
)


def test_an_implied_country_is_listed_and_found_with_its_implied_count(explorer, tmp_path):
    folder = tmp_path / "wires"
    folder.mkdir()
    (folder / "frankfurt.txt").write_text(WIRE, encoding="utf-8")
    assert explorer("ingest", str(folder)).returncode == 0
    listed = explorer("entities", "--label", "GPE", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = {r["key"]: r for r in map(json.loads, listed.stdout.splitlines())}
    germany = rows["GPE:Germany"]
    assert (germany["mentions"], germany["documents"], germany["implied"]) == (0, 0, 1)
    assert rows["GPE:Frankfurt"]["implied"] == 0 and rows["GPE:Frankfurt"]["mentions"] == 2
    table = explorer("entities", "--label", "GPE").stdout
    assert "implied" in table.splitlines()[0]
    found = explorer("search", "germany", "--json")
    hits = [json.loads(line) for line in found.stdout.splitlines()]
    entity = next(h for h in hits if h["kind"] == "entity")
    assert (entity["entity"], entity["implied"]) == ("GPE:Germany", 1)
    assert all(h["implied"] is None for h in hits if h["kind"] != "entity")
    assert "implied in 1 document" in explorer("search", "germany").stdout
