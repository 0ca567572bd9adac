"""Countries a story implies without naming them ("Germany" by "Frankfurt" and "the
Bundesbank"): stored per document with the names that say them, counted apart from mentions,
found by search, and gone with the document that implied them."""

from __future__ import annotations

import orjson
import pytest

import explorer.store.segments as segments
from explorer.search import SearchIndex
from explorer.store import Store
from explorer.store.check import check_store

pytestmark = pytest.mark.usefixtures("nlp_ready")

#: Wire copy as it comes: hard-wrapped, a dateline, the Bundesbank; never "Germany".
FRANKFURT = (
    "Bundesbank holds rates as inflation cools\n\n"
    "FRANKFURT, March 3 (Reuters) - The Bundesbank said on Tuesday that\n"
    "inflation had cooled faster than expected, and that wage growth in\n"
    "Frankfurt had slowed.\n"
)
#: The same form, indented and wrapped at 65 columns, with CRLF line ends.
DAX = (
    "Dax falls\r\n\r\n"
    "    FRANKFURT, June 2 (Reuters) - Shares fell on the Frankfurt Stock\r\n"
    "    Exchange on Monday after the Bundesbank cut its growth forecast,\r\n"
    "    traders said.\r\n"
)
TOKYO = (
    "BOJ keeps rates\n\nTOKYO, May 25 (Reuters) - The Bank of Japan kept its policy rate "
    "unchanged on Friday, the central bank said.\n"
)
#: A story that names Germany (twice) in so many words.
BERLIN = (
    "German exports rise\n\nGermany's exports rose 2 percent in May, the statistics office "
    "in Berlin said. Economists in Germany had expected a smaller rise.\n"
)


def _write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(text.encode("utf-8"))


def _ok(db):
    report = check_store(db)
    assert report.ok, [str(p) for p in report.problems]


@pytest.fixture
def wires(tmp_path):
    root = tmp_path / "wires"
    _write(root, "frankfurt.txt", FRANKFURT)
    _write(root, "dax.txt", DAX)
    _write(root, "tokyo.txt", TOKYO)
    return root


def test_a_country_only_implied_is_an_entity_of_no_mention_with_its_documents(tmp_path, wires):
    db = tmp_path / "store.json"
    with Store.open(db) as store:
        store.ingest([wires])
        germany = store.entity("GPE:Germany")
        assert (germany.mentions, germany.documents, germany.implied) == (0, 0, 2)
        assert store.documents_of("GPE:Germany") == []
        assert store.mentions(entity="GPE:Germany") == []
        implied = dict(store.implied_documents("GPE:Germany"))
        assert set(implied) == {"frankfurt.txt", "dax.txt"}
        assert {"Frankfurt", "Bundesbank"} <= set(implied["frankfurt.txt"])
        assert "Bundesbank" in implied["dax.txt"]
        assert dict(store.implied_documents("GPE:Japan")) == {
            "tokyo.txt": ("Tokyo", "Bank of Japan")
        }
        # listed after every entity a document names
        listed = store.entities("GPE")
        assert listed[-1].mentions == 0 and "GPE:Germany" in {e.key for e in listed}
        # the documents' own counts are of mentions, as before
        assert store.stats()["mentions"] == sum(d.mentions for d in store.documents())
    _ok(db)


def test_search_finds_a_country_a_story_only_implies(tmp_path, wires):
    with Store.open(tmp_path / "store.json") as store:
        store.ingest([wires])
        hits = [h for h in SearchIndex.load_or_build(store).search("germany") if h.kind == "entity"]
        assert [(h.entity, h.implied) for h in hits] == [("GPE:Germany", 2)]
        assert hits[0].to_dict()["implied"] == 2
        japan = SearchIndex.load_or_build(store).search("japan")
        assert ("GPE:Japan", 1) in [(h.entity, h.implied) for h in japan]


def test_a_named_entitys_counts_stay_those_of_its_mentions(tmp_path, wires):
    db = tmp_path / "store.json"
    named = tmp_path / "named"
    _write(named, "berlin.txt", BERLIN)
    with Store.open(db) as store:
        store.ingest([named])
        before = store.entity("GPE:Germany")
        mentions = [m.to_dict() for m in store.mentions(entity="GPE:Germany")]
        assert (before.mentions, before.documents, before.implied) == (2, 1, 0)
        store.ingest([wires])
        after = store.entity("GPE:Germany")
        assert (after.mentions, after.documents, after.implied) == (2, 1, 2)
        assert store.documents_of("GPE:Germany") == ["berlin.txt"]
        assert [m.to_dict() for m in store.mentions(entity="GPE:Germany")] == mentions
        assert [d for d, _via in store.implied_documents("GPE:Germany")] == [
            "dax.txt",  # in store order (the files' order)
            "frankfurt.txt",
        ]
        hits = SearchIndex.load_or_build(store).search("germany")
        assert [(h.entity, h.implied) for h in hits if h.entity == "GPE:Germany"] == [
            ("GPE:Germany", 2)
        ]
    _ok(db)


def test_a_pruned_story_takes_its_implied_country_with_it(tmp_path, wires):
    db = tmp_path / "store.json"
    with Store.open(db) as store:
        store.ingest([wires])
        (wires / "dax.txt").unlink()
        store.ingest([wires], prune=True)
        assert store.entity("GPE:Germany").implied == 1
        assert [d for d, _via in store.implied_documents("GPE:Germany")] == ["frankfurt.txt"]
        (wires / "frankfurt.txt").unlink()
        store.ingest([wires], prune=True)
        with pytest.raises(KeyError):
            store.entity("GPE:Germany")
        assert store.implied_documents("GPE:Germany") == []
        assert store.entity("GPE:Japan").implied == 1
    _ok(db)


def test_a_merged_entity_counts_the_documents_that_imply_one_of_its_names(tmp_path, wires):
    db = tmp_path / "store.json"
    named = tmp_path / "named"
    _write(named, "berlin.txt", BERLIN)
    with Store.open(db) as store:
        store.ingest([named, wires])
        store.merge("Japan", "Germany", label="GPE")  # a user's rule, as odd as it may be
        merged = store.entity("GPE:Germany")
        assert (merged.mentions, merged.documents, merged.implied) == (2, 1, 3)
        assert [d for d, _via in store.implied_documents("GPE:Japan")] == [
            "dax.txt",
            "frankfurt.txt",
            "tokyo.txt",
        ]


def test_a_store_whose_totals_were_written_before_implied_entities_works(tmp_path, wires):
    """A store an older explorer wrote (its entity totals without the implied count) opens,
    and the next ingest adds implied countries to it."""
    db = tmp_path / "store.json"
    named = tmp_path / "named"
    _write(named, "berlin.txt", BERLIN)
    with Store.open(db) as store:
        store.ingest([named])
    folder = segments.segments_dir(db)
    meta = orjson.loads(db.read_bytes())["meta"]["1"]
    found = segments.read_aggregates(folder / meta["aggregates"], meta["generation"])
    assert found is not None
    old = {key: entry[:7] for key, entry in found["agg"].items()}  # as written then
    name = segments.write_aggregates(
        folder, meta["generation"], old, found["digests"], found["groups"]
    )
    assert name == meta["aggregates"]
    with Store.open(db) as store:
        assert store.entity("GPE:Germany").implied == 0
        store.ingest([wires])
        germany = store.entity("GPE:Germany")
        assert (germany.mentions, germany.documents, germany.implied) == (2, 1, 2)
    _ok(db)
