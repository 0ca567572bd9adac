"""The command line contracts of DESIGN.md, as tools outside the code rely on them."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "seeds" / "000_89ed38884c8c83f1.txt"


def _lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_version_and_help(explorer) -> None:
    assert explorer("--version").stdout.startswith("explorer ")
    result = explorer("--help")
    assert result.returncode == 0
    for command in ("ingest", "extract", "search", "entities", "facts", "stats"):
        assert command in result.stdout
    assert "--json" in explorer("search", "--help").stdout


def test_extract_sample_article_follows_the_contract(explorer) -> None:
    result = explorer("extract", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    (doc,) = _lines(result.stdout)
    assert set(doc) >= {"id", "meta", "sentences", "mentions", "entities", "facts"}
    assert doc["meta"]["date"] == "2019-04-30"
    assert doc["meta"]["author"] == "Abdul Kerimkhanov"
    text = SAMPLE.read_text(encoding="utf-8")
    for mention in doc["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    people = {m["entity"] for m in doc["mentions"] if m["label"] == "PERSON"}
    assert {"Mehdi Sanai", "Georgy Kalamanov", "Mohammed Javad Zarif"} <= people
    money = [m for m in doc["mentions"] if m["label"] == "MONEY"]
    assert any(m["text"] == "$500 million" for m in money)
    predicates = {fact["predicate"] for fact in doc["facts"]}
    assert {"title", "said", "amount"} <= predicates
    for start, end in doc["sentences"]:
        assert 0 <= start < end <= len(text)


def test_extract_jsonl_keeps_input_order_and_reports_bad_lines(explorer) -> None:
    stdin = "\n".join(
        [
            json.dumps({"id": "b", "text": "Tony Blair met Gordon Brown in London."}),
            "this is not json",
            json.dumps({"id": "a", "text": "Shares in Microsoft rose 5% on Monday."}),
        ]
    )
    result = explorer("extract", "--jsonl", input=stdin)
    assert result.returncode == 1  # one document failed; the rest were parsed
    docs = _lines(result.stdout)
    assert [d["id"] for d in docs] == ["b", "line 2", "a"]
    assert "error" in docs[1] and "mentions" not in docs[1]
    assert any(m["label"] == "PERCENT" and m["text"] == "5%" for m in docs[2]["mentions"])
    assert "Traceback" not in result.stderr


def test_extract_missing_path_is_one_clear_line(explorer, tmp_path) -> None:
    missing = tmp_path / "nowhere.txt"
    result = explorer("extract", str(missing))
    assert result.returncode != 0
    assert str(missing) in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_ingest_then_stats_entities_facts(ingested) -> None:
    stats = json.loads(ingested("stats", "--json").stdout)
    assert stats["documents"] == 1
    for key in ("sentences", "mentions", "entities", "facts"):
        assert isinstance(stats[key], int) and stats[key] > 0
    assert stats["db"] == str(ingested.db)

    people = _lines(ingested("entities", "--label", "PERSON", "--json").stdout)
    assert "Mehdi Sanai" in {e["name"] for e in people}
    assert all(e["label"] == "PERSON" for e in people)

    titles = _lines(ingested("facts", "--predicate", "title", "--json").stdout)
    assert titles and all(f["predicate"] == "title" for f in titles)
    assert "Mehdi Sanai" in {f["subject"] for f in titles}


def test_ingest_twice_changes_nothing(ingested) -> None:
    before = json.loads(ingested("stats", "--json").stdout)
    result = ingested("ingest", str(SAMPLE))
    assert result.returncode == 0
    assert "1 unchanged" in result.stderr
    assert json.loads(ingested("stats", "--json").stdout) == before


def test_search_json_highlights_the_matched_characters(ingested) -> None:
    result = ingested("search", "kalamanov", "--json")
    assert result.returncode == 0, result.stderr
    hits = _lines(result.stdout)
    assert hits
    for hit in hits:
        assert set(hit) >= {"kind", "doc", "title", "sentence", "text", "score", "highlights"}
        assert hit["kind"] in {"sentence", "entity", "fact"}
    sentence_hits = [h for h in hits if h["kind"] == "sentence"]
    assert sentence_hits
    for hit in sentence_hits:
        marked = [hit["text"][s:e].lower() for s, e in hit["highlights"]]
        assert "kalamanov" in marked


def test_search_forgives_a_typo(ingested) -> None:
    hits = _lines(ingested("search", "kalamnov", "--json").stdout)
    assert any("Kalamanov" in hit["text"] for hit in hits)


def test_search_batch_answers_each_query_in_order(ingested) -> None:
    result = ingested("search", "--batch", "--limit", "3", input="sanai\nmoscow\n\nzzzzqqq\n")
    assert result.returncode == 0, result.stderr
    answers = _lines(result.stdout)
    assert [a["query"] for a in answers] == ["sanai", "moscow", "", "zzzzqqq"]
    for answer in answers:
        assert isinstance(answer["ms"], (int, float)) and answer["ms"] >= 0
        assert len(answer["hits"]) <= 3
    assert answers[0]["hits"] and answers[1]["hits"]
    assert answers[3]["hits"] == []


def test_search_plain_output_is_readable(ingested) -> None:
    ingested.env["COLUMNS"] = "60"  # long sentences wrap
    result = ingested("search", "Moscow")
    assert result.returncode == 0
    assert "Moscow" in result.stdout
    lines = result.stdout.splitlines()
    assert lines[-1].endswith("ms") and "results in" in lines[-1]
    heads = [line for line in lines if line.startswith(("sentence ", "entity ", "fact "))]
    assert heads and any(h.startswith("sentence ") for h in heads)  # the kind, then a space
    body = [line for line in lines[:-1] if line not in heads]
    assert len(body) > len(heads)  # some sentence wrapped over more than one line
    assert all(line.startswith("  ") and line == line.rstrip() for line in body)


def test_export_csv_has_provenance(ingested, tmp_path) -> None:
    out = tmp_path / "facts.csv"
    result = ingested("export", "facts", "--format", "csv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"predicate", "subject", "object", "doc", "sentence", "start", "end"} <= set(header)


def test_query_commands_on_a_missing_store_say_what_to_do(explorer) -> None:
    result = explorer("stats")
    assert result.returncode == 2
    assert "explorer ingest" in result.stderr
    assert "Traceback" not in result.stderr


def test_corrupt_store_is_one_clear_line_and_left_alone(explorer) -> None:
    explorer.db.write_text('{"documents": {"1": ', encoding="utf-8")
    result = explorer("stats", "--json")
    assert result.returncode != 0
    assert str(explorer.db) in result.stderr
    assert "Traceback" not in result.stderr
    assert explorer.db.read_text(encoding="utf-8") == '{"documents": {"1": '


def test_ingest_reports_a_bad_file_by_name_and_keeps_the_rest(explorer, tmp_path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text("Mayor Ann Lee opened a bridge in Leeds.\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    (folder / "empty.md").write_text("", encoding="utf-8")
    result = explorer("ingest", str(folder))
    assert result.returncode == 1
    assert "broken.txt" in result.stderr and "empty.md" in result.stderr
    assert "Traceback" not in result.stderr
    assert "1 added" in result.stderr
    assert json.loads(explorer("stats", "--json").stdout)["documents"] == 1


def test_ingest_with_the_lock_held_says_why(explorer, tmp_path) -> None:
    import fcntl

    first = explorer("ingest", str(SAMPLE))
    assert first.returncode == 0
    lock = explorer.db.with_name(explorer.db.name + ".lock")
    with open(lock, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        explorer.env["EXPLORER_LOCK_TIMEOUT"] = "0.2"
        other = tmp_path / "other.txt"
        other.write_text("Pilots in Oslo went on strike.\n", encoding="utf-8")
        result = explorer("ingest", str(other))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert json.loads(explorer("stats", "--json").stdout)["documents"] == 1


def test_extract_jsonl_offsets_index_into_the_text_as_sent(explorer) -> None:
    text = "Report\r\n\x07Chancellor Gordon Brown met\tAngela Merkel in Berlin.\r\n"
    result = explorer("extract", "--jsonl", input=json.dumps({"id": "x", "text": text}))
    assert result.returncode == 0, result.stderr
    (doc,) = _lines(result.stdout)
    assert doc["mentions"]
    for mention in doc["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    assert {"Gordon Brown", "Berlin"} <= {m["text"] for m in doc["mentions"]}


def test_tables_and_errors_show_untrusted_text_literally(explorer, tmp_path) -> None:
    doc = tmp_path / "markup.txt"
    doc.write_text(
        "Markup [bold]Test[/bold]\n\nProfessor Ada [red]Lovelace[/red] spoke in Paris. "
        "Prices rose [/ 5% as Mr Babbage said.\n",
        encoding="utf-8",
    )
    assert explorer("ingest", str(doc)).returncode == 0
    table = explorer("entities")
    assert table.returncode == 0, table.stderr
    assert "Traceback" not in table.stderr
    assert "\x1b" not in table.stdout
    facts = explorer("facts")
    assert facts.returncode == 0, facts.stderr
    hits = explorer("search", "babbage")
    assert hits.returncode == 0 and "Babbage" in hits.stdout
    assert "[/ 5%" in hits.stdout  # the sentence is shown as written, brackets and all

    evil = tmp_path / "evil\x1b[31mname.txt"
    result = explorer("ingest", str(evil))
    assert result.returncode == 2
    assert "\x1b" not in result.stderr
    assert "\\x1b[31mname.txt" in result.stderr


def test_table_cells_are_never_markup(capsys) -> None:
    from explorer.cli import _print_table

    _print_table(("name", "note"), [("[bold]Acme[/bold]", "[link=http://x.test]y[/link] \x1b[2J")])
    out = capsys.readouterr().out
    assert "[bold]Acme[/bold]" in out
    assert "[link=http://x.test]y[/link]" in out
    assert "\x1b" not in out


def test_extract_and_ingest_go_on_past_a_missing_path(explorer, tmp_path) -> None:
    missing = tmp_path / "typo.txt"
    result = explorer("extract", str(SAMPLE), str(missing))
    assert result.returncode == 1
    docs = _lines(result.stdout)
    assert [("error" in d) for d in docs] == [False, True]
    assert "no such file" in docs[1]["error"]
    result = explorer("ingest", str(missing), str(SAMPLE))
    assert result.returncode == 1
    assert str(missing) in result.stderr and "Traceback" not in result.stderr
    assert json.loads(explorer("stats", "--json").stdout)["documents"] == 1


def test_jsonl_without_an_id_is_named_by_its_line(explorer) -> None:
    stdin = json.dumps({"id": None, "text": "Oslo."}) + "\n" + json.dumps({"text": "Rome."})
    docs = _lines(explorer("extract", "--jsonl", input=stdin).stdout)
    assert [d["id"] for d in docs] == ["line 1", "line 2"]


def test_batch_search_survives_bytes_that_are_not_utf8(ingested) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "explorer", "search", "--batch"],
        input=b"\xff\xfe moscow\nsanai\n",
        capture_output=True,
        env=ingested.env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    answers = _lines(result.stdout.decode())
    assert len(answers) == 2 and answers[1]["hits"]


def test_negative_limits_are_refused(ingested) -> None:
    for command in ("entities", "facts"):
        result = ingested(command, "--limit", "-1")
        assert result.returncode == 2 and "--limit" in result.stderr


def test_a_pdf_style_text_is_found_by_the_words_a_person_types(explorer, tmp_path) -> None:
    folder = tmp_path / "pdfish"
    folder.mkdir()
    (folder / "report.txt").write_text(
        "Annual report\n\nThe ﬁnance oﬃce of the inter\u00adnational bank grew.\n",
        encoding="utf-8",
    )
    assert explorer("ingest", str(folder)).returncode == 0
    for query in ("finance", "office", "international"):
        hits = _lines(explorer("search", query, "--json").stdout)
        sentences = [h for h in hits if h["kind"] == "sentence"]
        assert sentences, query
        text = sentences[0]["text"]
        marked = [text[s:e] for s, e in sentences[0]["highlights"]]
        # The text stays as written; the highlight covers the word as written.
        as_typed = [unicodedata.normalize("NFKC", m).replace("\u00ad", "") for m in marked]
        assert query in as_typed


def test_facts_table_shows_a_quote_once(ingested) -> None:
    said = _lines(ingested("facts", "--predicate", "said", "--json").stdout)
    quote = next(f["object"] for f in said if len(f["object"]) > 30)
    ingested.env["COLUMNS"] = "400"  # one line a fact
    table = ingested("facts", "--predicate", "said").stdout
    line = next(line for line in table.splitlines() if quote in line)
    assert line.count(quote) == 1
    assert "verb=" in line


def test_extract_errors_keep_the_callers_id_and_tell_the_person(explorer) -> None:
    stdin = "\ufeff" + "\n".join(
        [
            json.dumps({"id": 5, "text": "Tony Blair spoke."}),  # after a byte-order mark
            json.dumps({"id": "c"}),  # no text
            json.dumps({"id": "d", "text": 5}),
        ]
    )
    result = explorer("extract", "--jsonl", input=stdin)
    assert result.returncode == 1
    docs = _lines(result.stdout)
    assert [d["id"] for d in docs] == [5, "c", "d"]  # echoed as sent
    assert "mentions" in docs[0] and "error" in docs[1] and "error" in docs[2]
    told = result.stderr.splitlines()
    assert len(told) == 2 and told[0].startswith("explorer: c: ") and "text" in told[0]


def test_extract_error_ids_are_the_ids_the_documents_would_have(explorer, tmp_path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text("Tony Blair met Gordon Brown.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    result = explorer("extract", str(folder))
    ids = {d["id"]: "error" in d for d in _lines(result.stdout)}
    assert ids == {"empty.txt": True, "good.txt": False}


def test_extract_takes_paths_or_stdin_not_both(explorer) -> None:
    result = explorer("extract", "--jsonl", str(SAMPLE), input="")
    assert result.returncode == 2 and "not both" in result.stderr


def test_unknown_label_or_predicate_is_a_mistake_with_the_choices(ingested) -> None:
    result = ingested("entities", "--label", "FOO")
    assert result.returncode == 2 and "PERSON" in result.stderr and not result.stdout
    result = ingested("facts", "--predicate", "nope")
    assert result.returncode == 2 and "said" in result.stderr
    result = ingested("search", "label:FOO")
    assert result.returncode == 2 and "PERSON" in result.stderr
    assert ingested("entities", "--label", "gpe", "--json").returncode == 0


def test_a_single_query_with_no_words_is_a_mistake_but_batch_answers_it(ingested) -> None:
    for query in ("!", "^", "|", "   ", "label:"):
        result = ingested("search", query)
        assert result.returncode == 2, query
        assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    batch = _lines(ingested("search", "--batch", input="!\n|\n").stdout)
    assert [b["hits"] for b in batch] == [[], []]
    assert ingested("search", "x", "--batch", input="").returncode == 2


def test_db_may_come_before_the_command(ingested) -> None:
    env_db = ingested.env.pop("EXPLORER_DB")
    try:
        result = ingested("--db", env_db, "stats", "--json")
    finally:
        ingested.env["EXPLORER_DB"] = env_db
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["documents"] == 1


def test_bad_arguments_are_one_line(explorer) -> None:
    for args in (("search", "x", "--limit", "abc"), ("export", "nope"), ("stats", "--bogus")):
        result = explorer(*args)
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "--help" in result.stderr


def test_export_to_a_csv_file_writes_csv(ingested, tmp_path) -> None:
    out = tmp_path / "facts.csv"
    assert ingested("export", "facts", "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").splitlines()[0].startswith("predicate,")


def test_stats_names_the_store_by_its_full_path(ingested, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    relative = "store.json"  # the fixture's store is tmp_path/store.json
    stats = json.loads(ingested("stats", "--db", relative, "--json").stdout)
    assert stats["db"] == str(tmp_path / "store.json")


def test_the_app_on_a_damaged_store_is_one_line_before_any_screen(explorer, tmp_path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"documents": {"1": {"id": "a", "te', encoding="utf-8")
    result = explorer("--db", str(broken))
    assert result.returncode == 2
    assert result.stderr.startswith("explorer: ")  # no screen drawn first
    assert len(result.stderr.splitlines()) == 1 and str(broken) in result.stderr
    assert "\x1b" not in result.stderr


def test_extract_gives_every_document_its_own_id(explorer, tmp_path) -> None:
    for name, text in (("east", "Oslo news."), ("west", "Rome news.")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_text(text + "\n", encoding="utf-8")
    result = explorer("extract", str(tmp_path / "east"), str(tmp_path / "west"))
    ids = [d["id"] for d in _lines(result.stdout)]
    assert ids == ["a.txt", "west/a.txt"]


def test_ingest_in_batches_grows_the_index_and_check_passes(explorer, tmp_path):
    """`explorer ingest` with EXPLORER_INDEX_BATCHES=1 grows the search index after each
    committed batch; at its end the index is the store's (not behind it), `check` passes and
    search finds every batch."""
    import json

    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(12):
        (folder / f"n{i:02d}.txt").write_text(
            f"Maria Lopez opened the harbour museum number {i} in Oslo on Monday.\n"
            f"The quokka{i} exhibit drew crowds, officials in Oslo said.\n",
            encoding="utf-8",
        )
    explorer.env["EXPLORER_COMMIT_EVERY"] = "1"  # a commit (and a tail) every document or so
    explorer.env["EXPLORER_INDEX_BATCHES"] = "1"
    result = explorer("ingest", str(folder))
    assert result.returncode == 0, result.stderr
    index = Path(str(explorer.db) + ".index")
    # a manifest: grown by parts (an index built at the end alone is one part, without one)
    manifest = json.loads((index / "parts.json").read_text())
    assert not manifest["generation"].startswith("behind:")
    assert not manifest.get("names_fresh")
    checked = explorer("check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    for i in (0, 6, 11):
        found = explorer("search", f"quokka{i}")
        assert found.returncode == 0, found.stderr
        assert f"quokka{i} exhibit" in found.stdout
