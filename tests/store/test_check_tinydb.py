"""Read access through TinyDB's own API: the README's example runs, and writes are refused."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from tinydb import Query, TinyDB

from explorer.store import Store, tinydb

pytestmark = pytest.mark.usefixtures("nlp_ready")

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def stored(tmp_path, corpus, monkeypatch):
    db = tmp_path / "explorer.json"
    Store.open(db).ingest([corpus])
    monkeypatch.chdir(tmp_path)
    return db


def test_the_readme_example_runs_against_a_store(stored):
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- tinydb-example[^\n]*\n```python\n(.*?)```", text, re.S)
    assert block, "the README's TinyDB example is gone"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block.group(1), "README.md", "exec"), {})
    busiest, _said, *_rest = out.getvalue().split(" ")
    assert out.getvalue().rstrip().endswith(("Moscow", "Tehran"))
    assert busiest  # the most mentioned person has a name


def test_tables_are_the_stores_and_match_what_explorer_reads(stored):
    db = tinydb(stored)
    assert {"documents", "mentions", "facts", "entities", "files", "meta"} <= db.tables()
    store = Store.open(stored, readonly=True)
    assert sorted(d["id"] for d in db.table("documents").all()) == sorted(
        d.id for d in store.documents()
    )
    E = Query()
    sanai = db.table("entities").get(E.key == "PERSON:Mehdi Sanai")
    assert sanai is not None and sanai["mentions"] == store.entity("PERSON:Mehdi Sanai").mentions
    M = Query()
    in_iran = db.table("mentions").search(M.doc == "world/iran.txt")
    assert len(in_iran) == len(store.mentions(doc="world/iran.txt"))
    # Stock TinyDB reads the same file the same way.
    stock = TinyDB(stored, access_mode="r")
    assert stock.table("facts").count(Query().predicate == "said") == db.table("facts").count(
        Query().predicate == "said"
    )
    stock.close()


def test_writes_through_tinydb_are_refused_and_change_nothing(stored):
    before = stored.read_bytes()
    db = tinydb(stored)
    with pytest.raises(OSError, match="read-only through TinyDB"):
        db.table("documents").insert({"id": "sneaky"})
    with pytest.raises(OSError, match="read-only"):
        db.table("facts").truncate()
    assert stored.read_bytes() == before


def test_a_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no store file here"):
        tinydb(tmp_path / "nothing.json")
