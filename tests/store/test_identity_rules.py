"""The user's rules over identity: merge, split, rename, relabel, undo; kept in the store's
`rules` table and applied after the automatic resolution, through re-ingest, prune and a
rebuild of the search index."""

from __future__ import annotations

import pytest

from explorer.store import RuleError, Store

from .identity_corpus import ARTICLES

PICK = (
    "volcker01.txt",
    "volcker02.txt",
    "lawson01.txt",
    "lawson02.txt",
    "marlow01.txt",
    "marlow04.txt",
    "smith01.txt",
    "smith02.txt",
    "smith03.txt",
)


@pytest.fixture
def store(tmp_path, nlp_ready):
    root = tmp_path / "corpus"
    root.mkdir()
    for name in PICK:
        (root / name).write_text(ARTICLES[name] + "\n", encoding="utf-8")
    s = Store.open(tmp_path / "store.json")
    s.ingest([root])
    s.root = root  # type: ignore[attr-defined]
    yield s
    s.close()


def _names(store: Store) -> set[str]:
    return {e.name for e in store.entities()}


def test_merge_joins_one_name_into_another_with_the_rule_as_reason(store) -> None:
    assert {"Smith", "John Smith"} <= _names(store)
    rule = store.merge("Smith", "John Smith", label=None)
    assert rule["id"] == 1 and rule["op"] == "merge"
    john = store.entity("PERSON:John Smith")
    assert "Smith" in john.aliases and "Smith" not in _names(store)
    (why,) = [m for m in store.identity(john.key)["merged"] if m["name"] == "Smith"]
    assert why["rule"] == 1 and why["reason"].startswith("rule 1: merge")
    assert store.entity("ORG:Smith").key == john.key


def test_split_takes_a_name_back_out(store) -> None:
    assert "Volcker" not in _names(store)  # resolution joined it to Paul Volcker
    store.split("Volcker", label="PERSON")
    assert store.entity("PERSON:Volcker").name == "Volcker"
    assert "Volcker" in _names(store)
    assert store.undo()["op"] == "split"
    assert "Volcker" not in _names(store)


def test_rename_and_relabel_change_what_readers_see(store) -> None:
    store.rename("Paul Volcker", "Paul A. Volcker")
    entity = store.entity("PERSON:Paul A. Volcker")
    assert "Paul Volcker" in entity.aliases
    assert {m.entity for m in store.mentions(entity=entity.key)} == {"Paul A. Volcker"}
    assert store.entity("PERSON:Paul Volcker").key == entity.key  # the old key still finds it
    store.relabel("Marlow", "LOC", label="GPE")
    assert store.entity("GPE:Marlow").label == "LOC"


def test_bad_rules_are_refused_in_words(store) -> None:
    with pytest.raises(RuleError, match="not a label"):
        store.relabel("Marlow", "TOWN")
    with pytest.raises(RuleError, match="target is missing"):
        store.add_rule("merge", "Smith")
    with pytest.raises(RuleError, match="unknown rule"):
        store.add_rule("delete", "Smith")
    assert store.rules() == []


def test_rules_survive_reingest_prune_and_index_rebuild(store) -> None:
    from explorer.search.index import SearchIndex

    store.merge("Smith", "John Smith")
    store.rename("Nigel Lawson", "Lord Lawson")
    root = store.root
    (root / "smith01.txt").write_text(ARTICLES["smith01.txt"] + " John Smith left.\n")
    (root / "extra.txt").write_text("Smith said the vote was close.\n")
    store.ingest([root])
    assert "Smith" not in _names(store) and "Lord Lawson" in _names(store)
    (root / "lawson02.txt").unlink()
    report = store.ingest([root], prune=True)
    assert report.pruned == 1
    assert "Smith" not in _names(store) and "Lord Lawson" in _names(store)
    assert [r["op"] for r in store.rules()] == ["merge", "rename"]
    # The search index, rebuilt from the store, shows the rules' entities.
    index = SearchIndex.load_or_build(store)
    hits = [h.entity for h in index.search("Lawson", 10, kind="entity")]
    assert "PERSON:Lord Lawson" in hits and "PERSON:Nigel Lawson" not in hits
    store.remove_rule(2)
    index = SearchIndex.load_or_build(store)
    assert "PERSON:Nigel Lawson" in [h.entity for h in index.search("Lawson", 10, kind="entity")]


def test_export_and_import_carry_rules_between_stores(store, tmp_path) -> None:
    store.merge("Smith", "John Smith", label="PERSON")
    store.relabel("Marlow", "LOC")
    exported = store.export_rules()
    assert [r["op"] for r in exported] == ["merge", "relabel"]
    assert all("id" not in r for r in exported)
    with Store.open(tmp_path / "other.json") as other:
        assert other.import_rules(exported) == 2
        assert other.import_rules(exported) == 0  # already kept
        assert [r["id"] for r in other.rules()] == [1, 2]
        assert other.unmatched_rules() == [1, 2]  # nothing ingested there yet
