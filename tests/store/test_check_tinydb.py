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
    # Stock TinyDB opens every file of the store: the manifest names the segments, and a
    # store just ingested is one segment, which holds the same records.
    manifest = TinyDB(stored, access_mode="r")
    assert manifest.tables() == {"meta", "segments"}
    (segment,) = manifest.table("segments").all()
    manifest.close()
    stock = TinyDB(stored.with_name(stored.name + ".segments") / segment["file"], access_mode="r")
    assert stock.table("facts").count(Query().predicate == "said") == db.table("facts").count(
        Query().predicate == "said"
    )
    stock.close()


def test_tables_apply_tombstones_and_later_segments_across_segments(stored, corpus):
    # Three segments: the first ingest's, a changed document's, a deleted file's.
    (corpus / "business.txt").write_text("Changed\n\nNew text about Berlin and Angela Merkel.\n")
    Store.open(stored).ingest([corpus])
    (corpus / "world" / "talks.md").unlink()
    Store.open(stored).ingest([corpus], prune=True)
    segments = TinyDB(stored, access_mode="r").table("segments").all()
    assert len(segments) == 3
    db = tinydb(stored)
    store = Store.open(stored, readonly=True)
    documents = db.table("documents").all()
    assert [d["id"] for d in documents] == [d.id for d in store.documents()]
    assert "world/talks.md" not in {d["id"] for d in documents}
    assert next(d for d in documents if d["id"] == "business.txt")["title"] == "Changed"
    mentions = db.table("mentions").all()
    assert len(mentions) == len(store.mentions()) == store.stats()["mentions"]
    assert {m["doc"] for m in mentions} <= {d["id"] for d in documents}
    assert not db.table("mentions").search(Query().entity == "Time Warner")  # the old text's
    files = [f["path"] for f in db.table("files").all()]
    assert not any(p.endswith("talks.md") for p in files) and len(files) == 3
    keys = [e["key"] for e in db.table("entities").all()]
    assert "PERSON:Angela Merkel" in keys and keys == sorted(keys)
    assert "PERSON:Sergei Lavrov" not in keys  # only talks.md named him


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
