"""A folder with a metadata.jsonl and documents of every kind: every one dated, from the best
source, and the ingest succeeds (issue 10)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from explorer.ingest import iter_documents
from explorer.model import IngestError

sys.path.insert(0, str(Path(__file__).parent))
from dated_corpus import make_corpus


def test_every_document_is_dated_from_the_best_source(tmp_path):
    expected = make_corpus(tmp_path / "corpus", articles=300)
    items = list(iter_documents([tmp_path / "corpus"]))
    errors = [i for i in items if isinstance(i, IngestError)]
    assert errors == []  # the metadata file is not a document, and nothing fails
    got = {d.id: (d.date, d.date_source) for d in items}
    assert got == expected
    from_metadata = [d for d in items if d.id.startswith("wire/")]
    assert len(from_metadata) == 300
    assert all(d.date_source == "metadata" for d in from_metadata)
    first = next(d for d in from_metadata if d.id == "wire/000/00000.txt")
    assert first.title == "REPORT 0"
    assert isinstance(first.meta["topics"], list) and first.meta["places"]
    assert "file_name" not in first.meta


def test_ingest_exits_0_warns_once_and_stats_count_the_sources(tmp_path):
    make_corpus(tmp_path / "corpus", articles=200)
    (tmp_path / "corpus" / "odd").mkdir()
    (tmp_path / "corpus" / "odd" / "x.txt").write_text("Odd\n\nBody.\n", encoding="utf-8")
    (tmp_path / "corpus" / "odd" / "metadata.csv").write_text(
        "file_name,date\nx.txt,sometime in spring\n", encoding="utf-8"
    )
    db = tmp_path / "store.json"
    env_cmd = [sys.executable, "-m", "explorer"]
    result = subprocess.run(
        [*env_cmd, "ingest", str(tmp_path / "corpus"), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "missing/00001.txt" in warnings[0]
    assert "1 date not understood, e.g. 'sometime in spring'" in result.stderr
    stats = json.loads(
        subprocess.run(
            [*env_cmd, "stats", "--db", str(db), "--json"], capture_output=True, text=True
        ).stdout
    )
    assert stats["documents"] == 200 + 20 + 10 + 10 + 1 + 1
    assert stats["date_sources"] == {
        "metadata": 200,
        "meta tag": 20,
        "field": 10,
        "dateline": 10,
        "path": 1,
    }
    assert (stats["dated"], stats["undated"], stats["dates_not_understood"]) == (241, 1, 1)
    facts = [
        json.loads(line)
        for line in subprocess.run(
            [*env_cmd, "facts", "--db", str(db), "--json"], capture_output=True, text=True
        ).stdout.splitlines()
    ]
    assert facts and all(f.get("date") and f.get("date_source") for f in facts)


def test_extract_writes_the_date_and_its_source(tmp_path):
    make_corpus(tmp_path / "corpus", articles=5)
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "extract", str(tmp_path / "corpus" / "datelines")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout.splitlines()[0])
    assert first["meta"]["date"] == "1987-03-01"
    assert first["meta"]["date_source"] == "dateline"
    assert first["meta"]["dateline"] == "LONDON, March 1"


def test_a_corrected_metadata_record_is_read_again_on_the_next_ingest(tmp_path):
    from explorer.store import Store

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"{n}.txt").write_text(f"Story {n}\n\nPrices rose {n}.\n", encoding="utf-8")
    meta = corpus / "metadata.jsonl"
    meta.write_text(
        "\n".join(json.dumps({"file_name": f"{n}.txt", "date": "1987-02-26"}) for n in range(3)),
        encoding="utf-8",
    )
    with Store.open(tmp_path / "store.json") as store:
        report = store.ingest([corpus])
        assert (report.added, report.failed) == (3, [])
        meta.write_text(
            "\n".join(
                json.dumps({"file_name": f"{n}.txt", "date": "1987-03-0" + str(n + 1)})
                if n == 0
                else json.dumps({"file_name": f"{n}.txt", "date": "1987-02-26"})
                for n in range(3)
            ),
            encoding="utf-8",
        )
        report = store.ingest([corpus])
        assert (report.updated, report.unchanged) == (1, 2)
        dates = {d.id: d.date for d in store.documents()}
    assert dates == {"0.txt": "1987-03-01", "1.txt": "1987-02-26", "2.txt": "1987-02-26"}
