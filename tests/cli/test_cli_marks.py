"""The case file on the command line: `explorer search` applies `tag:NAME` and `is:starred`
(`is:marked`, `is:noted`) through the user's marks exactly as the app's search box does, and
`explorer tags` / `explorer notes` list what the app marked."""

from __future__ import annotations

import json
import shutil

import pytest

from explorer.casefile import CaseFile
from explorer.search import SearchIndex
from explorer.store import Store
from explorer.tui.data import StoreReader

from .conftest import SAMPLE

OIL = (
    "Oil exporters meet in Vienna\n\n"
    "Saudi Aramco raised oil output in March.\n\n"
    "Oil prices fell in Houston on Tuesday.\n\n"
    "The weather in Vienna was mild.\n"
)
GAS = (
    "Gazprom sells gas\n\nGazprom sold gas to Germany.\n\nOil traders in London watched the deal.\n"
)


def _lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _sentence(store: Store, doc: str, needle: str):
    text = store.document(doc).text
    for start, end in store.sentences(doc):
        if needle in text[start:end]:
            return store.anchor("sentence", doc=doc, start=start, end=end, text=text[start:end])
    raise AssertionError(needle)


@pytest.fixture
def marked(explorer, tmp_path):
    """A store of three documents where, as a user would in the app, two sentences are
    tagged `lead` (one about oil), one entity and one fact are starred, a document marked
    and a sentence noted."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "oil.txt").write_text(OIL, encoding="utf-8")
    (folder / "gas.txt").write_text(GAS, encoding="utf-8")
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    assert explorer("ingest", str(folder)).returncode == 0
    with Store.open(explorer.db) as store:
        marks = store.marks
        marks.tag(_sentence(store, "oil.txt", "Oil prices fell"), "lead")
        marks.tag(_sentence(store, "gas.txt", "Gazprom sold gas"), "#Lead")
        marks.star(store.anchor("entity", entity="GPE:Houston"))
        (fact,) = [f for f in store.facts("title", doc=SAMPLE.name) if f.subject == "Mehdi Sanai"]
        marks.star(CaseFile(store).anchor(fact))  # as the app anchors a fact's row
        marks.mark(store.anchor("document", doc="gas.txt"))
        marks.note(_sentence(store, "oil.txt", "Saudi Aramco"), "check the output figure")
    return explorer


def test_a_tag_with_words_keeps_only_the_tagged_hits_that_match(marked) -> None:
    every = _lines(marked("search", "oil", "--json").stdout)
    assert len(every) >= 4  # oil is in four sentences
    result = marked("search", "tag:lead oil", "--json")
    assert result.returncode == 0, result.stderr
    assert [h["text"] for h in _lines(result.stdout)] == ["Oil prices fell in Houston on Tuesday."]
    # The tag is any case, with or without '#'; a tag nobody used finds nothing.
    shouted = _lines(marked("search", "TAG:#LEAD oil", "--json").stdout)
    assert [h["text"] for h in shouted] == ["Oil prices fell in Houston on Tuesday."]
    nothing = marked("search", "tag:nothing oil")
    assert nothing.returncode == 0 and "no results" in nothing.stdout


def test_a_mark_filter_alone_lists_the_marked_items(marked) -> None:
    result = marked("search", "tag:lead")
    assert result.returncode == 0, result.stderr
    assert "Oil prices fell in Houston on Tuesday." in result.stdout
    assert "Gazprom sold gas to Germany." in result.stdout
    assert "Saudi Aramco" not in result.stdout  # noted, not tagged
    starred = _lines(marked("search", "is:starred", "--json").stdout)
    assert [(h["kind"], h.get("entity")) for h in starred] == [
        ("entity", "GPE:Houston"),
        ("fact", None),
    ]
    assert starred[1]["predicate"] == "title" and "Mehdi Sanai" in starred[1]["text"]
    assert starred[1]["date"] == "2019-04-30"  # dated as the search dates a hit, ISO
    noted = _lines(marked("search", "is:noted", "--json").stdout)
    assert [h["text"] for h in noted] == ["Saudi Aramco raised oil output in March."]
    marked_doc = _lines(marked("search", "is:marked", "--json").stdout)
    assert [(h["doc"], h["text"]) for h in marked_doc] == [("gas.txt", "Gazprom sells gas")]
    narrowed = _lines(marked("search", "is:starred houst", "--json").stdout)
    assert [h["entity"] for h in narrowed] == ["GPE:Houston"]


@pytest.mark.parametrize(
    "query", ["tag:lead", "tag:lead oil", "is:starred", "is:starred mehdi", "oil is:noted", "oil"]
)
def test_group_json_is_what_the_apps_search_box_shows(marked, query: str) -> None:
    result = marked("search", query, "--group", "--json")
    assert result.returncode == 0, result.stderr
    cli = [(h.pop("group"), h) for h in _lines(result.stdout)]
    with Store.open(marked.db, readonly=True) as store:
        reader = StoreReader(store, SearchIndex.load_or_build(store))
        app = [
            (group.name, json.loads(json.dumps(hit.to_dict())))
            for group in reader.search_grouped(query)
            for hit in group.hits
        ]
    assert app and [(g, {**h, "query": query}) for g, h in app] == cli


def test_batch_applies_the_marks_to_hits_and_groups(marked) -> None:
    (line,) = _lines(marked("search", "--batch", "--group", input="tag:lead oil\n").stdout)
    assert [h["text"] for h in line["hits"]] == ["Oil prices fell in Houston on Tuesday."]
    sentences = line["groups"][-1]
    assert (sentences["group"], sentences["total"], sentences["exact"]) == ("sentences", 1, True)


def test_a_damaged_marks_file_is_one_line_not_a_traceback(marked) -> None:
    marked.db.with_name(marked.db.name + ".marks").write_text("{not json", encoding="utf-8")
    result = marked("search", "tag:lead oil")
    assert result.returncode != 0
    assert "marks file is damaged" in result.stderr and "Traceback" not in result.stderr
    assert marked("search", "oil").returncode == 0  # a search without marks does not read it


def test_tags_lists_each_tag_with_its_count_and_items(marked) -> None:
    result = marked("tags")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["#lead", "2"]
    assert sum("Oil prices fell" in line or "Gazprom sold gas" in line for line in lines) == 2
    (lead,) = _lines(marked("tags", "--json").stdout)
    assert (lead["tag"], lead["count"]) == ("lead", 2)
    assert {i["sentence"] for i in lead["items"]} == {
        "Oil prices fell in Houston on Tuesday.",
        "Gazprom sold gas to Germany.",
    }


def test_notes_show_the_item_its_sentence_and_document(marked) -> None:
    result = marked("notes")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "check the output figure" in out
    assert "Saudi Aramco raised oil output in March." in out  # the sentence
    assert "Oil exporters meet in Vienna" in out  # the document's title
    assert "oil.txt" in out
    (note,) = _lines(marked("notes", "--json").stdout)
    assert note["note"] == "check the output figure"
    assert note["sentence"] == "Saudi Aramco raised oil output in March."
    assert (note["title"], note["doc"], note["kind"]) == (
        "Oil exporters meet in Vienna",
        "oil.txt",
        "sentence",
    )
    assert note["path"].endswith("oil.txt") and note["start"] == OIL.index("Saudi")
