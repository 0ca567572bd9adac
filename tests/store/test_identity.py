"""Corpus-level identity through the real ingest: one entity per real thing, each merge with
its reason, on a corpus written for it (tests/store/identity_corpus.py)."""

from __future__ import annotations

import shutil

import pytest

from explorer.store import Store

from .identity_corpus import ARTICLES, write_corpus


@pytest.fixture(scope="module")
def store(tmp_path_factory, nlp_ready):
    root = write_corpus(tmp_path_factory.mktemp("identity") / "corpus")
    db = root.parent / "store.json"
    with Store.open(db) as s:
        s.ingest([root])
    s = Store.open(db, readonly=True)
    yield s
    s.close()


def _named(store: Store, *names: str):
    return [e for e in store.entities() if e.name in names]


def _merged(store: Store, key: str) -> dict[str, dict]:
    return {m["key"]: m for m in store.identity(key)["merged"]}


def test_surname_title_initial_and_misspelling_join_the_full_name(store) -> None:
    (volcker,) = _named(store, "Paul Volcker", "Volcker", "Paul A. Volcker", "Paul Vocker")
    assert volcker.label == "PERSON"
    assert {"Volcker", "Paul A. Volcker", "Paul Vocker"} <= set(volcker.aliases)
    merged = _merged(store, volcker.key)
    assert "surname of Paul Volcker" in merged["PERSON:Volcker"]["reason"]
    assert "middle initial" in merged["PERSON:Paul A. Volcker"]["reason"]
    typo = merged["PERSON:Paul Vocker"]
    assert typo["reason"].startswith("one letter from Paul Volcker")
    assert 0.5 < typo["confidence"] < 1
    # Every mention reads as the one person, its text as written.
    texts = {m.text for m in store.mentions(entity=volcker.key)}
    assert {"Volcker", "Paul Vocker", "Paul A. Volcker", "Paul Volcker"} <= texts
    assert {m.label for m in store.mentions(entity="PERSON:Volcker")} == {"PERSON"}
    assert volcker.documents == sum(1 for name in ARTICLES if name.startswith("volcker"))


def test_other_surnames_join_their_one_full_name(store) -> None:
    assert [e.name for e in _named(store, "Nigel Lawson", "Lawson")] == ["Nigel Lawson"]
    assert [e.name for e in _named(store, "Clayton Yeutter", "Yeutter")] == ["Clayton Yeutter"]


def test_an_ambiguous_surname_stays_apart(store) -> None:
    names = {e.name for e in _named(store, "Smith", "John Smith", "Mary Smith")}
    assert names == {"Smith", "John Smith", "Mary Smith"}


def test_company_suffixes_and_ticker_are_one_company(store) -> None:
    (boeing,) = _named(store, "Boeing", "Boeing Co", "Boeing Company", "Boeing Corp.", "BA")
    assert boeing.label == "ORG"
    names = {*boeing.aliases, boeing.name}
    assert {"Boeing Co", "Boeing Company"} <= names
    assert {"Boeing Corp.", "Boeing Corp"} & names
    # The recognizer reads a ticker as an alias of the company before it: never its own entity.
    assert {"<BA>", "BA"} & names
    assert not any(e.name == "BA" for e in _named(store, "BA") if e.key != boeing.key)
    merged = _merged(store, boeing.key)
    assert all(m["reason"] and m["confidence"] > 0 for m in merged.values())
    assert len(_named(store, "K Mart", "K Mart Corp")) == 1


def test_a_short_form_joins_its_company_not_a_person_of_that_surname(store) -> None:
    (ford,) = _named(store, "Ford", "Ford Motor Co")
    assert ford.label == "ORG"
    assert [e.label for e in _named(store, "Gerald Ford")] == ["PERSON"]


def test_the_minority_label_joins_the_majority(store) -> None:
    nokia = _named(store, "Raisio", "Raisio Oyj")
    assert [e.label for e in nokia] == ["ORG"]
    why = _merged(store, nokia[0].key)["GPE:Raisio"]
    assert why["reason"].startswith("label vote: ORG")


def test_a_place_named_like_a_company_stays_a_place(store) -> None:
    labels = sorted(e.label for e in _named(store, "Marlow", "Marlow Ltd"))
    assert labels == ["GPE", "ORG"]
    assert store.entity("GPE:Marlow").documents == 2


def test_a_nationality_stays_a_nationality_linked_to_its_country(store) -> None:
    (norp,) = [e for e in store.entities("NORP") if "Japanese" in e.aliases]
    assert store.identity(norp.key)["country"] == "GPE:Japan"
    assert store.entity("GPE:Japan").label == "GPE"


def test_a_merged_key_still_finds_its_entity(store) -> None:
    assert store.entity("PERSON:Volcker").name == "Paul Volcker"
    (boeing,) = _named(store, "Boeing", "Boeing Co", "Boeing Company", "Boeing Corp.", "BA")
    assert store.canonical_key("ORG:Boeing Co") == boeing.key
    assert any(f.subject == "Volcker" for f in store.facts(entity="PERSON:Paul Volcker"))


def test_the_search_index_shows_the_merged_entity(store) -> None:
    from explorer.search.index import SearchIndex

    index = SearchIndex.build(store)
    hits = index.search("Volcker", 10, kind="entity")
    assert [h.entity for h in hits].count("PERSON:Paul Volcker") == 1
    assert not any(h.entity in ("PERSON:Volcker", "PERSON:Paul Vocker") for h in hits)


def test_incremental_resolution_decides_as_a_full_one(tmp_path, nlp_ready, store) -> None:
    root = write_corpus(tmp_path / "corpus")
    later = tmp_path / "later"
    later.mkdir()
    for name in sorted(ARTICLES)[::2]:  # half the corpus arrives in a second ingest
        shutil.move(root / name, later / name)
    db = tmp_path / "store.json"
    with Store.open(db) as s:
        s.ingest([root])
        first = {e.key for e in s.entities()}
        s.ingest([later])
        assert {e.key for e in s.entities()} != first
        got = sorted((e.key, e.aliases, e.mentions, e.documents) for e in s.entities())
    want = sorted((e.key, e.aliases, e.mentions, e.documents) for e in store.entities())
    assert got == want


def test_records_of_a_corpus_given_file_by_file_are_those_of_one_ingest(
    tmp_path, nlp_ready, store
) -> None:
    # Each later file is its own ingest, so its commit starts from what the last one stored
    # (the totals, the decisions, the groups' documents and each record's digest) and
    # writes only the records that changed: every record read through TinyDB, decisions,
    # countries and groups' documents included, must be what one whole ingest writes.
    from explorer.store import tinydb

    root = write_corpus(tmp_path / "corpus")
    later = tmp_path / "later"
    later.mkdir()
    names = sorted(ARTICLES)
    for name in names[len(names) // 2 :]:
        shutil.move(root / name, later / name)
    db = tmp_path / "store.json"
    with Store.open(db) as s:
        s.ingest([root])
    for name in names[len(names) // 2 :]:
        shutil.move(later / name, root / name)
        with Store.open(db) as s:
            s.ingest([root / name])

    def records(path):
        rows = tinydb(path).table("entities").all()
        return sorted((dict(r) for r in rows), key=lambda r: r["key"])

    got, want = records(db), records(store.path)
    assert any("canonical" in r for r in want) and any("group_documents" in r for r in want)
    assert got == want
