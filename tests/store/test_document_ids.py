"""Document ids: one rule names a document whose name is taken, for ingest and extract alike,
and the TUI reads the file's path back from an id made by that rule."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from explorer.model import document_id_path, unique_document_id
from explorer.store import Store


def test_a_taken_name_gets_its_folder_then_a_number() -> None:
    taken = {"x.txt"}
    assert unique_document_id("y.txt", taken, "news") == "y.txt"
    assert unique_document_id("x.txt", taken, "news") == "news/x.txt"
    taken.add("news/x.txt")
    assert unique_document_id("x.txt", taken, "news") == "x.txt~2"
    taken.add("x.txt~2")
    assert unique_document_id("x.txt", taken, "news") == "x.txt~3"
    assert unique_document_id("x.txt", taken) == "x.txt~3"


@pytest.mark.parametrize(
    ("doc_id", "path"),
    [
        ("business/001.txt", "business/001.txt"),
        ("business/001.txt~2", "business/001.txt"),
        ("news/business/001.txt", "news/business/001.txt"),
        ("feed.jsonl#r1", "feed.jsonl"),
        ("feed.jsonl#3~2", "feed.jsonl"),
        ("v~2a.txt", "v~2a.txt"),
    ],
)
def test_an_id_reads_back_as_the_path_it_was_made_from(doc_id: str, path: str) -> None:
    assert document_id_path(doc_id) == path


def _three_folders_named_alike(tmp_path):
    # a/news/note.txt, b/news/note.txt, c/news/note.txt: the same name three times, in
    # folders that share a name too, with different content (not duplicates).
    roots = []
    for i, place in enumerate(("Oslo", "Rome", "Lima")):
        root = tmp_path / "abc"[i] / "news"
        root.mkdir(parents=True)
        (root / "note.txt").write_text(f"Note {i}\n\nThe mayor of {place} met officials.\n")
        roots.append(root)
    return roots


def test_ingest_and_extract_name_documents_of_the_same_name_alike(tmp_path, nlp_ready) -> None:
    roots = _three_folders_named_alike(tmp_path)
    store = Store.open(tmp_path / "store.json")
    store.ingest(roots)
    stored = [d.id for d in store.documents()]
    assert stored == ["note.txt", "news/note.txt", "note.txt~2"]
    done = subprocess.run(
        [sys.executable, "-m", "explorer", "extract", *map(str, roots)],
        capture_output=True,
        text=True,
        check=True,
    )
    extracted = [json.loads(line)["id"] for line in done.stdout.splitlines()]
    assert extracted == stored
    assert {document_id_path(i) for i in stored} == {"note.txt", "news/note.txt"}
