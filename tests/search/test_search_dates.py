"""Search by time: date:, after: and before: filter sentences, facts and entities (through
the documents that mention them), combine with every other term, and every hit says its date."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest
from dated_store import REPORTS, dated_store

from explorer.search import SearchIndex, cache_dir
from explorer.search.query import parse, period

BY_TEXT = {text: when for _name, when, text in REPORTS}


@pytest.fixture
def store(tmp_path):
    store = dated_store(tmp_path)
    yield store
    store.close()


@pytest.fixture
def index(store):
    return SearchIndex.load_or_build(store)


def dates_of(hits):
    return {h.date for h in hits}


def days(lo: str, hi: str) -> tuple[int, int]:
    return date.fromisoformat(lo).toordinal(), date.fromisoformat(hi).toordinal()


@pytest.mark.parametrize(
    ("written", "first", "last"),
    [
        ("1987-03-02", "1987-03-02", "1987-03-02"),
        ("1987-03", "1987-03-01", "1987-03-31"),
        ("1987-02", "1987-02-01", "1987-02-28"),
        ("1988-02", "1988-02-01", "1988-02-29"),
        ("1987-Q1", "1987-01-01", "1987-03-31"),
        ("1987-q4", "1987-10-01", "1987-12-31"),
        ("1987", "1987-01-01", "1987-12-31"),
        ("1987-03-02T10:00:00", "1987-03-02", "1987-03-02"),
    ],
)
def test_a_period_is_its_first_and_last_day(written, first, last):
    assert period(written) == days(first, last)


@pytest.mark.parametrize("written", ["", "abc", "1987-13", "1987-02-30", "1987-Q5", "87"])
def test_what_is_not_a_date_is_no_period(written):
    assert period(written) is None


def test_date_filters_intersect_and_leave_the_words_alone():
    query = parse("after:1987-03-01 before:1987-04 dollar")
    assert query.dates == days("1987-03-01", "1987-03-31")
    assert [t.words for g in query.groups for t in g] == [("dollar",)]
    assert parse("date:1987 date:1987-Q2").dates == days("1987-04-01", "1987-06-30")


def test_the_hint_names_what_is_a_filter_and_what_is_not():
    assert parse("date:1987 foo:bar dollar").hint == "date: understood; foo: is not a filter"
    assert "date:soon is not a date" in parse("date:soon dollar").hint
    # an unknown filter is still searched as words (a time, a URL)
    assert [t.words for g in parse("foo:bar").groups for t in g] == [("foo", "bar")]


def test_a_year_being_typed_waits_and_a_month_being_typed_counts_its_year():
    assert parse("dollar date:19").dates is None
    assert parse("dollar date:19").hint == ""
    assert parse("dollar date:1987-0").dates == days("1987-01-01", "1987-12-31")


def test_date_filter_keeps_only_hits_of_that_period(index):
    hits = index.search("dollar date:1987-03", limit=50)
    sentences = [h for h in hits if h.kind == "sentence"]
    assert {BY_TEXT[h.text] for h in sentences} == {"1987-03-02", "1987-03-30"}
    assert all(h.date and h.date.startswith("1987-03") for h in hits)
    everything = index.search("dollar", limit=50)
    assert len([h for h in everything if h.kind == "sentence"]) > len(sentences)


def test_after_and_before_bound_the_dates(index):
    hits = index.search("dollar after:1987-03-01 before:1987-Q4", limit=50)
    assert {BY_TEXT[h.text] for h in hits if h.kind == "sentence"} == {"1987-03-02", "1987-03-30"}
    later = index.search("dollar after:1987-06", limit=50)
    assert {BY_TEXT[h.text] for h in later if h.kind == "sentence"} == {"1987-10-19", "1988-08-30"}


def test_undated_documents_never_pass_a_date_filter(index):
    assert any(h.date is None for h in index.search("cocoa", limit=50))
    assert all(h.date for h in index.search("cocoa after:1900", limit=50))


def test_a_date_filter_alone_lists_that_period(index):
    hits = index.search("date:1987-Q1", limit=200)
    texts = {BY_TEXT[h.text] for h in hits if h.kind == "sentence"}
    assert texts == {"1987-01-15", "1987-02-26", "1987-03-02", "1987-03-17", "1987-03-30"}


def test_an_entity_matches_through_the_documents_that_mention_it(index):
    # Ghana is mentioned in 1985 and 1988 only; Baker in March 1987 only.
    names = {h.text for h in index.search("date:1988 @gpe", limit=100) if h.kind == "entity"}
    assert "Ghana" in names
    assert "Ghana" not in {
        h.text for h in index.search("date:1987 @gpe", limit=100) if h.kind == "entity"
    }
    assert [h.text for h in index.search("baker date:1987-03", kind="entity")] == ["James Baker"]
    assert index.search("baker date:1986", kind="entity") == []


def test_date_combines_with_label_and_doc_filters(index):
    hits = index.search("date:1987-Q1 @gpe", limit=100)
    sentences = {BY_TEXT[h.text] for h in hits if h.kind == "sentence"}
    assert sentences and all(d.startswith("1987-0") for d in sentences)
    assert index.search("dollar date:1987 doc:r05", limit=50)[0].doc == "r05.txt"
    assert index.search("dollar date:1986 doc:r05") == []


def test_grouped_search_counts_only_the_period(index):
    groups = {g.kind: g for g in index.search_grouped("dollar date:1987")}
    assert groups["sentence"].total == 4  # January, March twice, October
    assert all(h.date.startswith("1987") for h in groups["sentence"].hits)


def test_facts_carry_their_own_date(index):
    facts = [h for h in index.search("baker said", limit=20) if h.kind == "fact"]
    assert facts and facts[0].date == "1987-03-30"
    assert facts[0].to_dict()["date"] == "1987-03-30"


def test_an_index_updated_after_an_ingest_filters_the_new_document(store, tmp_path):
    SearchIndex.load_or_build(store)
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "metadata.jsonl").write_text(
        json.dumps({"file_name": "late.txt", "date": "1989-05-04"}) + "\n", encoding="utf-8"
    )
    (extra / "late.txt").write_text("The dollar rallied in Zurich on Friday.\n", encoding="utf-8")
    store.ingest([extra])
    updated = SearchIndex.load_or_build(store)
    built = SearchIndex.build(store)
    for query in ("dollar date:1989", "date:1987-03", "date:1989 @gpe", "dollar"):
        assert [h.to_dict() for h in updated.search(query, limit=50)] == [
            h.to_dict() for h in built.search(query, limit=50)
        ]
    assert [h.date for h in updated.search("dollar date:1989")] == ["1989-05-04"]


def test_a_saved_index_keeps_its_sentences_dates_per_document_and_filters_as_built(store, tmp_path):
    built = SearchIndex.build(store)
    built.save(tmp_path / "index")
    loaded = SearchIndex.load(tmp_path / "index")
    a = loaded.arrays
    sentences = loaded.matcher.kind_range("sentence")
    assert sentences[0] < sentences[1] == a.records
    assert len(a.date_lo) == sentences[0]  # entity names and facts only
    assert len(a.doc_date_lo) == len(loaded.tables.docs) + 1
    for query in ("date:1987", "dollar date:1987-03", "date:1987 @gpe", "baker date:1987"):
        for kind in (None, "entity", "fact", "sentence"):
            assert loaded.search(query, limit=50, kind=kind) == built.search(
                query, limit=50, kind=kind
            ), (query, kind)
    assert loaded.search_grouped("date:1987-03") == built.search_grouped("date:1987-03")


def test_an_index_saved_in_the_old_format_is_rebuilt(store):
    SearchIndex.load_or_build(store)
    meta = cache_dir(store.path) / "meta.json"
    saved = json.loads(meta.read_text())
    saved["version"] = 2
    meta.write_text(json.dumps(saved))
    index = SearchIndex.load_or_build(store)
    assert not index.loaded_from_cache
    assert index.search("dollar date:1987-03")


def run_cli(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "explorer", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_json_hits_carry_their_date_and_a_bad_date_is_one_line(store, index):
    store.close()
    db = str(store.path)
    done = run_cli("search", "dollar date:1987-03", "--db", db, "--json")
    assert done.returncode == 0, done.stderr
    hits = [json.loads(line) for line in done.stdout.splitlines()]
    assert hits and all(h["date"].startswith("1987-03") for h in hits)
    assert {"kind", "doc", "title", "sentence", "text", "score", "highlights"} <= set(hits[0])
    bad = run_cli("search", "dollar date:soon", "--db", db)
    assert bad.returncode != 0
    assert "date:soon is not a date" in bad.stderr and "Traceback" not in bad.stderr
    batch = run_cli("search", "--batch", "--db", db, stdin="dollar date:1988\n")
    line = json.loads(batch.stdout)
    assert [h["date"] for h in line["hits"]] == ["1988-08-30"]


@pytest.mark.parametrize("chunk", [3, 1 << 20])
def test_sentence_dates_are_saved_per_document_only_when_each_is_its_documents(
    store, monkeypatch, chunk
):
    import numpy as np

    from explorer.search import arrays

    monkeypatch.setattr(arrays, "DATES_CHUNK", chunk)  # read a few records at a time, or all
    built = SearchIndex.build(store)
    a, documents = built.arrays, len(built.tables.docs)
    first, doc_lo, doc_hi = arrays.dates_by_document(a, documents)
    docs = np.asarray(a.doc[first:]).astype(np.int64)
    assert len(docs) > 2 * chunk or chunk > len(docs)
    assert (doc_lo[docs] == a.date_lo[first:]).all() and (doc_hi[docs] == a.date_hi[first:]).all()
    # The last sentence made the first one's document's, dated a day later: the two are
    # read in different chunks, and the days stay per record.
    a.doc, a.date_hi = np.array(a.doc), np.array(a.date_hi)
    a.doc[-1] = a.doc[first]
    a.date_hi[-1] = a.date_hi[first] + 1
    assert arrays.dates_by_document(a, documents) is None
