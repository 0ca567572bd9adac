"""Marks, stars, tags and notes: kept beside the store, attached to content, surviving a
re-ingest and saying so when their document changed."""

from __future__ import annotations

import pytest
from tinydb import TinyDB

from explorer.store import Store
from explorer.store.marks import marks_path

pytestmark = pytest.mark.usefixtures("nlp_ready")


@pytest.fixture
def store(tmp_path, corpus):
    store = Store.open(tmp_path / "db" / "explorer.json")
    assert not store.ingest([corpus]).failed
    yield store
    store.close()


def _sentence(store, doc_id, needle):
    text = store.document(doc_id).text
    for start, end in store.sentences(doc_id):
        if needle in text[start:end]:
            return store.anchor("sentence", doc=doc_id, start=start, end=end, text=text[start:end])
    raise AssertionError(needle)


def test_marks_stars_tags_and_notes_are_kept_and_read_back(store):
    said = _sentence(store, "world/iran.txt", "Sanai said")
    store.marks.mark(said)
    store.marks.star(said)
    store.marks.tag(said, "lead", "#trade deal")
    store.marks.note(said, "check the $500 million figure")
    store.marks.tag(store.anchor("entity", entity="PERSON:Mehdi Sanai"), "lead")

    again = Store.open(store.path, readonly=True)
    mark = again.marks.get(said)
    assert mark is not None
    assert (mark.marked, mark.starred) == (True, True)
    assert mark.tags == ("lead", "trade-deal")
    assert mark.note == "check the $500 million figure"
    assert mark.anchor.title and mark.anchor.sha
    assert again.marks.tags() == {"lead": 2, "trade-deal": 1}
    assert {m.anchor.kind for m in again.marks.by_tag("LEAD")} == {"sentence", "entity"}
    assert [m.note for m in again.marks.notes()] == ["check the $500 million figure"]
    # A plain TinyDB file, table `marks`, as the README says.
    with TinyDB(marks_path(store.path)) as db:
        assert len(db.table("marks")) == 2


def test_a_mark_with_nothing_left_is_forgotten(store):
    doc = store.anchor("document", doc="business.txt")
    store.marks.toggle_mark(doc)
    assert store.marks.get(doc).marked
    store.marks.toggle_mark(doc)
    assert store.marks.get(doc) is None
    store.marks.tag(doc, "x")
    store.marks.untag(doc, "X")
    assert store.marks.all() == []


def test_marks_survive_an_unchanged_reingest_without_a_flag(store, corpus):
    said = _sentence(store, "world/iran.txt", "Sanai said")
    store.marks.star(said)
    store.ingest([corpus])
    (mark,) = store.marks.checked(store)
    assert mark.status == ""
    assert (mark.start, mark.end) == (said.start, said.end)
    assert mark.date == "2019-04-30"


def test_a_changed_document_keeps_its_marks_and_finds_the_sentence_again(store, corpus):
    said = _sentence(store, "world/iran.txt", "Sanai said")
    gone = _sentence(store, "world/talks.md", "Zarif said")
    store.marks.star(said)
    store.marks.tag(gone, "quote")
    path = corpus / "world" / "iran.txt"
    path.write_text(
        path.read_text().replace("\n\nIranian", "\n\nA new first paragraph here.\n\nIranian"),
        encoding="utf-8",
    )
    talks = corpus / "world" / "talks.md"
    talks.write_text(talks.read_text().replace("Zarif said the talks", "He called the talks"))
    store.ingest([corpus])
    checked = {m.anchor.doc: m for m in store.marks.checked(store)}
    moved = checked["world/iran.txt"]
    assert moved.status == "document changed, text moved"
    text = store.document("world/iran.txt").text
    assert text[moved.start : moved.end] == said.text
    assert moved.start > said.start
    assert checked["world/talks.md"].status == "document changed, text not found"
    assert checked["world/talks.md"].tags == ("quote",)


def test_a_document_gone_from_the_store_keeps_its_mark_flagged(store, corpus):
    store.marks.mark(store.anchor("document", doc="business.txt"))
    (corpus / "business.txt").unlink()
    store.ingest([corpus], prune=True)
    (mark,) = store.marks.checked(store)
    assert mark.status == "document missing"


def test_tags_notes_and_marks_on_the_command_line(store, capsys):
    import json

    from explorer.cli import main

    said = _sentence(store, "world/iran.txt", "Sanai said")
    store.marks.tag(said, "lead")
    store.marks.note(said, "the figure")
    store.marks.star(store.anchor("entity", entity="PERSON:Mehdi Sanai"))
    db = str(store.path)

    assert main(["tags", "--db", db, "--json"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    tag = json.loads(line)
    assert (tag["tag"], tag["count"]) == ("lead", 1)
    assert tag["items"][0]["text"] == said.text and tag["items"][0]["doc"] == "world/iran.txt"

    assert main(["notes", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "note: the figure" in out and "world/iran.txt" in out

    assert main(["marks", "--db", db, "--json"]) == 0
    kinds = [json.loads(x)["kind"] for x in capsys.readouterr().out.splitlines()]
    assert kinds == ["sentence", "entity"]


def test_a_tag_in_other_letters_is_the_same_tag_and_filters_pass_on_it(store):
    said = _sentence(store, "world/iran.txt", "Sanai said")
    person = store.anchor("entity", entity="PERSON:Mehdi Sanai")
    store.marks.tag(said, "Lead")
    store.marks.tag(person, "#lead", "LEAD")
    store.marks.star(person)
    assert store.marks.tags() == {"Lead": 2}
    assert store.marks.get(person).tags == ("Lead",)
    # What search's tag: and is: ask of a mark (any case, with or without '#').
    assert [m.anchor.kind for m in store.marks.matching(["#LEAD"])] == ["sentence", "entity"]
    assert [m.anchor.kind for m in store.marks.matching(["lead"], ["starred"])] == ["entity"]
    assert store.marks.matching(["lead"], ["noted"]) == []
    assert store.marks.matching(flags=["tagged", "marked"]) == []
