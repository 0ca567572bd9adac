"""The case file's report (the app's `x` in the case file, `explorer marks --json`): every
item with its sentence, document title, date, path and offsets, in Markdown, JSON Lines and
CSV alike; and marks that outlive a re-ingest of their changed document, saying so."""

from __future__ import annotations

import csv
import json

import pytest

from explorer.casefile import COLUMNS, CaseFile, items, search, search_grouped, write_report
from explorer.search import SearchIndex
from explorer.store import Store

IRAN = (
    " date 2019-04-30 By Abdul Kerimkhanov\n\nIranian Ambassador to Russia Mehdi Sanai "
    "met Russian Deputy Minister Georgy Kalamanov in Moscow.\n\nSanai said trade between "
    "Iran and Russia reached $500 million in 2018.\n"
)


@pytest.fixture
def store(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "iran.txt").write_text(IRAN, encoding="utf-8")
    store = Store.open(tmp_path / "db" / "explorer.json")
    assert not store.ingest([folder]).failed
    yield store
    store.close()


def _mark_one_of_each(store: Store) -> dict[str, str]:
    """A sentence, a fact, a mention, the document and an entity, marked as the app does;
    the text each is expected to carry."""
    text = store.document("iran.txt").text
    start, end = next((s, e) for s, e in store.sentences("iran.txt") if "Sanai said" in text[s:e])
    marks = store.marks
    marks.star(store.anchor("sentence", doc="iran.txt", start=start, end=end, text=text[start:end]))
    fact = next(f for f in store.facts("title", doc="iran.txt") if f.subject == "Mehdi Sanai")
    marks.tag(CaseFile(store).anchor(fact), "lead")  # as the app anchors a fact's row
    (mention,) = [m for m in store.mentions(doc="iran.txt") if m.text == "Georgy Kalamanov"]
    marks.note(
        store.anchor(
            "mention",
            doc="iran.txt",
            start=mention.start,
            end=mention.end,
            text=mention.text,
            label=mention.label,
        ),
        "who is he?",
    )
    marks.mark(store.anchor("document", doc="iran.txt"))
    marks.star(store.anchor("entity", entity="PERSON:Mehdi Sanai"))
    return {
        "sentence": text[start:end],
        "fact": text[fact.start : fact.end],
        "mention": "Georgy Kalamanov",
    }


def _reports(store: Store, tmp_path) -> dict[str, list[dict]]:
    records = items(store)
    write_report(records, tmp_path / "case.md")
    write_report(records, tmp_path / "case.jsonl")
    write_report(records, tmp_path / "case.csv")
    jsonl = [json.loads(line) for line in (tmp_path / "case.jsonl").read_text().splitlines()]
    with (tmp_path / "case.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        rows = list(reader)
    return {"records": records, "jsonl": jsonl, "csv": rows}


def test_every_item_has_its_sentence_title_date_path_and_offsets_in_each_format(store, tmp_path):
    expected = _mark_one_of_each(store)
    reports = _reports(store, tmp_path)
    assert [r["kind"] for r in reports["jsonl"]] == [
        "sentence",
        "fact",
        "mention",
        "document",
        "entity",
    ]
    assert reports["jsonl"] == json.loads(json.dumps(reports["records"]))
    text = store.document("iran.txt").text
    (title,) = [d.title for d in store.documents()]
    assert title
    for record, row in zip(reports["jsonl"], reports["csv"], strict=True):
        assert set(record) == set(COLUMNS)
        if record["kind"] == "entity":
            assert (record["text"], record["doc"], record["start"]) == ("Mehdi Sanai", "", None)
            continue
        assert record["title"] == title and record["doc"] == "iran.txt"
        assert record["date"] == "2019-04-30" and record["path"].endswith("iran.txt")
        assert row["title"] == record["title"] and row["date"] == "2019-04-30"
        assert row["path"] == record["path"]
        if record["kind"] == "document":
            continue
        start, end = record["start"], record["end"]
        assert text[start:end] == expected[record["kind"]]  # the offsets point at it
        assert expected[record["kind"]] in record["sentence"]  # within its sentence
        assert (int(row["start"]), int(row["end"])) == (start, end)
        assert row["sentence"] == record["sentence"]

    md = (tmp_path / "case.md").read_text(encoding="utf-8")
    assert md.startswith("# Case file") and "5 items." in md
    write_report(reports["records"][:1], tmp_path / "one.md")
    assert "\n1 item.\n" in (tmp_path / "one.md").read_text(encoding="utf-8")
    assert md.count("- sentence: ") == 3
    assert md.count("- date: 2019-04-30") == 4 and md.count("- path: `") == 4
    assert md.count("- offsets: ") == 3
    assert "note: who is he?" in md and "\\#lead" in md


def test_marks_outlive_a_reingest_of_their_changed_document_and_say_so(store, tmp_path):
    expected = _mark_one_of_each(store)
    before = {r["kind"]: r for r in items(store)}
    path = tmp_path / "news" / "iran.txt"
    path.write_text(IRAN.replace("\n\nIranian", "\n\nA paragraph written later.\n\nIranian"))
    store.ingest([path.parent])
    text = store.document("iran.txt").text
    reports = _reports(store, tmp_path)
    after = {r["kind"]: r for r in reports["jsonl"]}
    assert set(after) == set(before)  # nothing lost
    assert after["document"]["status"] == "document changed"
    assert after["entity"]["status"] == ""  # an entity is no document's
    for kind in ("sentence", "fact", "mention"):
        record = after[kind]
        assert record["status"] == "document changed, text moved"
        assert record["start"] == before[kind]["start"] + len("A paragraph written later.\n\n")
        assert text[record["start"] : record["end"]] == expected[kind]
        assert expected[kind] in record["sentence"]
    assert {r["status"] for r in reports["csv"] if r["kind"] != "entity"} == {
        "document changed",
        "document changed, text moved",
    }
    md = (tmp_path / "case.md").read_text(encoding="utf-8")
    assert md.count("since it was marked") == 4


def test_search_filters_and_row_markers_follow_a_mark_whose_text_moved(store, tmp_path):
    _mark_one_of_each(store)
    path = tmp_path / "news" / "iran.txt"
    path.write_text(IRAN.replace("\n\nIranian", "\n\nA paragraph written later.\n\nIranian"))
    store.ingest([path.parent])
    index = SearchIndex.load_or_build(store)
    case_file = CaseFile(store)
    # With words: the hits where the marked text is now carry the mark.
    (fact,) = search(index, "sanai tag:lead", lambda: case_file)
    assert fact.kind == "fact" and "Mehdi Sanai" in fact.text
    (said,) = search(index, "trade is:starred", lambda: case_file)
    assert said.text.startswith("Sanai said trade")
    assert case_file.mark_of(said) is not None and case_file.mark_of(said).starred
    # Alone: the marked items, each in the sentence where its text is now.
    noted = {g.kind: g.hits for g in search_grouped(index, "is:noted", lambda: case_file)}
    (mention,) = noted["sentence"]
    text = store.document("iran.txt").text
    assert text[mention.start : mention.end] == mention.text
    assert [mention.text[s:e] for s, e in mention.highlights] == ["Georgy Kalamanov"]
