"""An index that grows: after documents are added, changed or removed, the saved index gains
a small tail part (and a names part) instead of being rewritten, older parts' records of the
changed documents are masked, and every page a search shows is the page a build gives."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import numpy as np
import pytest
from dated_store import REPORTS, write_corpus
from same_pages import differences

from explorer.search import SearchIndex, build, cache_dir

QUERIES = [
    "dollar",
    "doll",
    "dolar",  # a typo
    "cocoa ghana",
    "cocoa ghan",
    "james baker",
    "jmaes",
    '"the dollar"',
    "^the",
    "dollar !yen",
    "grain | tin",
    "@person",
    "label:GPE",
    "@gpe prices",
    "doc:r0",
    "doc:n dollar",
    "date:1987",
    "after:1987-03-01 dollar",
    "before:1987 @gpe",
    "pred:said",
    "zebra",
    "zeb",
    "quokka museum",
    "s",
    "t",
]

NEW_WORDS = "zebra quokka museum harbour ferry lantern orchard quarry glacier".split()
NAMES = ["Maria Lopez", "Tokyo", "Ghana", "James Baker", "Oslo", "Peter Holm", "Accra"]


def story(rng: random.Random) -> str:
    """A few sentences of the reports' words, new words and names, with a 'said' or two."""
    sentences = []
    for _ in range(rng.randint(1, 4)):
        _name, _when, text = rng.choice(REPORTS)
        words = text.rstrip(".").split()
        rng.shuffle(words)
        extra = rng.sample(NEW_WORDS, 2)
        sentences.append(
            f"{rng.choice(NAMES)} said the {extra[0]} near {rng.choice(NAMES)} was "
            f"{' '.join(words[:6]).lower()} {extra[1]}."
        )
    return " ".join(sentences)


def edit(folder: Path, rng: random.Random, step: int) -> str:
    """One random change to the corpus's files: add, change or remove a document."""
    files = sorted(p for p in folder.glob("*.txt"))
    op = rng.choice(["add", "add", "change", "remove"]) if len(files) > 4 else "add"
    if op == "add":
        (folder / f"n{step:02d}.txt").write_text(story(rng) + "\n", encoding="utf-8")
    elif op == "change":
        rng.choice(files).write_text(story(rng) + "\n", encoding="utf-8")
    else:
        rng.choice(files).unlink()
    return op


def open_store(root: Path):
    from explorer.store import Store

    store = Store.open(root / "store.json")
    folder = write_corpus(root)
    store.ingest([folder])
    return store, folder


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_page_after_a_run_of_updates_is_the_page_a_build_gives(tmp_path, seed, monkeypatch):
    monkeypatch.setattr(build, "MAX_TAILS", 2)  # tails merge within the run
    rng = random.Random(seed)
    store, folder = open_store(tmp_path)
    try:
        SearchIndex.load_or_build(store)
        grew = 0
        counts = []
        for step in range(7):
            ops = [edit(folder, rng, step) for _ in range(rng.randint(1, 2))]
            store.ingest([folder], prune=True)
            index = SearchIndex.load_or_build(store)
            grew += index.part_count > 1
            counts.append(index.part_count)
            assert index.part_count <= 4  # the build's part, the names, at most 2 tails
            assert index.updated_from_cache, ops
            assert differences(index, SearchIndex.build(store), QUERIES) == [], (step, ops)
            # and loaded again, as the next process finds it
            again = SearchIndex.load(cache_dir(store.path))
            assert again.generation == store.generation()
            assert differences(again, index, QUERIES) == []
        assert grew == 7
        assert any(b < a for a, b in itertools.pairwise(counts)), counts  # merged
    finally:
        store.close()


def test_an_update_writes_a_tail_and_leaves_the_base_files_alone(tmp_path):
    store, folder = open_store(tmp_path)
    try:
        SearchIndex.load_or_build(store)
        directory = cache_dir(store.path)
        before = {p.name: p.stat().st_mtime_ns for p in directory.iterdir() if p.is_file()}
        (folder / "n01.txt").write_text("Quokka said the zebra museum opened.\n")
        store.ingest([folder])
        index = SearchIndex.load_or_build(store)
        assert index.part_count == 3  # the build's part, the names, the tail
        assert index.update_stats["documents_indexed"] == 1
        after = {p.name: p.stat().st_mtime_ns for p in directory.iterdir() if p.is_file()}
        assert after.pop("parts.json")
        assert after == before  # the base is never rewritten by an update
        assert [h.doc for h in index.search("quokka", kind="sentence")] == ["n01.txt"]
    finally:
        store.close()


def test_a_shorter_sentence_in_the_tail_outranks_a_longer_one_in_the_base(tmp_path):
    # Parts merge their pages by every rule, fewer words included, before record order.
    store, folder = open_store(tmp_path)
    try:
        (folder / "a00.txt").write_text("Quokka museum keepers said the zebra opened late.\n")
        store.ingest([folder])
        SearchIndex.load_or_build(store)
        (folder / "n01.txt").write_text("Quokka museum.\n")
        store.ingest([folder])
        index = SearchIndex.load_or_build(store)
        assert index.part_count == 3
        assert [h.doc for h in index.search("quokka museum")] == ["n01.txt", "a00.txt"]
        assert differences(index, SearchIndex.build(store), ["quokka", "quokka museum"]) == []
    finally:
        store.close()


def test_a_removed_or_changed_document_is_never_found_in_its_old_part(tmp_path):
    store, folder = open_store(tmp_path)
    try:
        SearchIndex.load_or_build(store)
        (folder / "r09.txt").unlink()  # "James Baker said the dollar had fallen far enough."
        (folder / "r12.txt").write_text("The zebra crossing in New York was repainted.\n")
        store.ingest([folder], prune=True)
        index = SearchIndex.load_or_build(store)
        assert index.part_count > 1
        assert all(h.doc != "r09.txt" for h in index.search("fallen enough"))
        assert [h.doc for h in index.search("crashed", kind="sentence")] == []
        assert [h.doc for h in index.search("zebra crossing", kind="sentence")] == ["r12.txt"]
        groups = index.search_grouped("crashed")
        assert [g.total for g in groups] == [0, 0, 0]
    finally:
        store.close()


def same_arrays(ours: SearchIndex, theirs: SearchIndex) -> list[str]:
    """The arrays, words and tables of two one-part indexes that differ (by name; the texts
    by what they hold, whatever dictionary compressed them)."""
    names = ours.arrays.differences(theirs.arrays)
    if ours.vocab != theirs.vocab:
        names.append("vocab")
    for table in ("docs", "entities", "predicates", "doc_dates", "fact_dates"):
        if getattr(ours.tables, table) != getattr(theirs.tables, table):
            names.append(table)
    return names


def test_too_big_a_tail_is_merged_into_the_base_without_a_build(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "TAIL_FLOOR", 0)
    store, folder = open_store(tmp_path)
    try:
        SearchIndex.load_or_build(store)
        (folder / "n01.txt").write_text("Quokka said the zebra museum opened.\n")
        (folder / "r05.txt").write_text("The zebra fell against the quokka.\n")  # changed
        (folder / "r09.txt").unlink()
        store.ingest([folder], prune=True)

        def no_build(_corpus):
            raise AssertionError("the merge into the base tokenised the store again")

        monkeypatch.setattr(build, "build", no_build)
        index = SearchIndex.load_or_build(store)
        monkeypatch.undo()
        assert index.part_count == 1  # more than 2% of the records: merged, one part
        assert index.update_stats["merged"] == index.records
        assert index.update_stats["sentences_indexed"] == 2  # the new and changed ones
        assert not (cache_dir(store.path) / "parts.json").exists()
        built = SearchIndex.build(store)
        assert same_arrays(index, built) == []  # a build's arrays, byte for byte
        assert differences(index, built, QUERIES) == []
    finally:
        store.close()


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_merges_into_the_base_within_a_run_give_a_builds_arrays(tmp_path, seed, monkeypatch):
    monkeypatch.setattr(build, "MAX_TAILS", 2)
    monkeypatch.setattr(build, "TAIL_FLOOR", 0)
    monkeypatch.setattr(build, "TAIL_SHARE", 0.12)  # a merge every few updates
    rng = random.Random(seed)
    store, folder = open_store(tmp_path)
    try:
        SearchIndex.load_or_build(store)
        merged = 0
        for step in range(8):
            ops = [edit(folder, rng, step) for _ in range(rng.randint(1, 2))]
            store.ingest([folder], prune=True)
            index = SearchIndex.load_or_build(store)
            assert index.updated_from_cache, ops
            built = SearchIndex.build(store)
            assert differences(index, built, QUERIES) == [], (step, ops)
            if index.part_count == 1:
                merged += 1
                assert same_arrays(index, built) == [], (step, ops)
            again = SearchIndex.load(cache_dir(store.path))
            assert differences(again, index, QUERIES) == []
        assert merged >= 2
    finally:
        store.close()


def test_a_build_by_parts_merged_is_the_build(tmp_path):
    from explorer.search import merge

    store, _folder = open_store(tmp_path)
    try:
        whole = SearchIndex.build(store)
        ids = [doc.id for doc in store.documents()]
        place = {doc_id: i for i, doc_id in enumerate(ids)}
        sources = [merge.Source(build.build_names(store))]
        for lo in range(0, len(ids), 4):
            part = build.build_documents(store, ids[lo : lo + 4])
            where = [place[doc_id] for doc_id, _title in part.tables.docs]
            sources.append(merge.Source(part, np.asarray([*where, 0], dtype=np.int64)))
        sources.reverse()  # the order of the sources does not matter, the places do
        sources.insert(0, sources.pop())
        parts = merge.merge(sources, build.generation_of(store))
        assert same_arrays(SearchIndex._of(parts), whole) == []
    finally:
        store.close()


def test_a_killed_update_leaves_the_old_index_usable(tmp_path, monkeypatch):
    store, folder = open_store(tmp_path)
    try:
        SearchIndex.load_or_build(store)
        (folder / "n01.txt").write_text("Quokka said the zebra museum opened.\n")
        store.ingest([folder])
        first = SearchIndex.load_or_build(store)
        directory = cache_dir(store.path)
        manifest = json.loads((directory / "parts.json").read_text())
        (folder / "n02.txt").write_text("A glacier lantern was found in Oslo.\n")
        store.ingest([folder])

        def killed(*_args, **_kwargs):
            raise KeyboardInterrupt  # the process dies before the manifest is replaced

        monkeypatch.setattr("explorer.search.persist.save_manifest", killed)
        with pytest.raises(KeyboardInterrupt):
            SearchIndex.load_or_build(store)
        assert json.loads((directory / "parts.json").read_text()) == manifest
        old = SearchIndex.load(directory)
        assert differences(old, first, QUERIES) == []
        monkeypatch.undo()
        index = SearchIndex.load_or_build(store)  # the next search grows it, leftovers go
        assert [h.doc for h in index.search("glacier lantern", kind="sentence")] == ["n02.txt"]
        folders = {p.name for p in directory.iterdir() if p.is_dir()}
        assert folders == set(json.loads((directory / "parts.json").read_text())["parts"])
    finally:
        store.close()


def test_a_word_whose_first_records_were_removed_still_finds_the_rest(tmp_path):
    # The first 25 of 30 documents holding "zebra" go: their records lead the base's
    # postings, masked, and the best live ones come after them.
    from explorer.store import Store

    folder = tmp_path / "zoo"
    folder.mkdir()
    for i in range(30):
        (folder / f"z{i:02d}.txt").write_text(f"The zebra number {i} grazed.\n")
    store = Store.open(tmp_path / "store.json")
    try:
        store.ingest([folder])
        SearchIndex.load_or_build(store)
        for i in range(25):
            (folder / f"z{i:02d}.txt").unlink()
        store.ingest([folder], prune=True)
        index = SearchIndex.load_or_build(store)
        assert index.part_count > 1
        hits = index.search("zebra", 3, kind="sentence")
        assert [h.doc for h in hits] == ["z25.txt", "z26.txt", "z27.txt"]
        assert [g.total for g in index.search_grouped("zebra")][2] == 5
        assert differences(index, SearchIndex.build(store), ["zebra", "zeb", "zebar"]) == []
    finally:
        store.close()


def _grown(tmp_path):
    store, folder = open_store(tmp_path)
    SearchIndex.load_or_build(store)
    (folder / "n01.txt").write_text("Quokka said the zebra museum opened.\n")
    store.ingest([folder])
    index = SearchIndex.load_or_build(store)
    assert index.part_count == 3
    return store, cache_dir(store.path)


def test_check_verifies_every_part_and_repair_builds_it_again(tmp_path):
    from explorer.cli import main
    from explorer.store.check import check_store

    store, directory = _grown(tmp_path)
    path = store.path
    store.close()
    assert check_store(path).problems == []
    tail = next(p for p in directory.iterdir() if p.name.startswith("tail-"))
    (tail / "vocab.txt").write_text("quokka\nzebra\n")  # edited: a wrong answer, silently
    (directory / "tail-0123456789ab").mkdir()  # a killed update's part, never listed
    found = {(p.file.name, p.message.split(";")[0]) for p in check_store(path).problems}
    assert found == {
        ("vocab.txt", "does not match its checksum (edited or damaged)"),
        ("tail-0123456789ab", "not part of the index (no manifest lists it: a stale part)"),
    }
    assert main(["check", "--repair", "--db", str(path)]) == 0
    assert check_store(path).problems == []
    assert not (directory / "parts.json").exists()  # built again: one part


def test_check_finds_a_part_the_manifest_names_but_that_is_gone(tmp_path):
    import shutil

    from explorer.store.check import check_store

    store, directory = _grown(tmp_path)
    store.close()
    names = next(p for p in directory.iterdir() if p.name.startswith("names-"))
    shutil.rmtree(names)
    found = [p.message.split(";")[0] for p in check_store(store.path).problems]
    assert found == ["missing from the index"]


def test_an_entity_keeps_only_the_documents_that_still_mention_it(tmp_path):
    store, folder = open_store(tmp_path)
    try:
        SearchIndex.load_or_build(store)
        # r01 (1985) no longer names Ghana (r13, 1988, still does); Accra stays in it
        (folder / "r01.txt").write_text("Cocoa growers met buyers in Accra to talk.\n")
        # r02 now names Tokyo too (r03 and r14 did); a changed document goes last
        (folder / "r02.txt").write_text("The grain board in Tokyo said wheat stocks fell.\n")
        store.ingest([folder])
        index = SearchIndex.load_or_build(store)
        assert index.part_count == 3
        built = SearchIndex.build(store)
        assert differences(index, built, [*QUERIES, "date:1985 ghana", "tokyo", "accra"]) == []
        assert index.search("date:1985 ghana", kind="entity") == []
        assert [h.doc for h in index.search("tokyo", kind="entity")] == ["r03.txt"]
    finally:
        store.close()


def test_a_second_update_dates_entities_by_their_documents_as_they_are_now(tmp_path):
    # The second update starts from the names part the first wrote: what it keeps of it
    # (rows, dates, each entity's first and last day) must still be what a build finds.
    store, folder = open_store(tmp_path)
    try:
        SearchIndex.load_or_build(store)
        (folder / "n01.txt").write_text("Maria Lopez met cocoa buyers in Oslo.\n")
        store.ingest([folder])
        assert SearchIndex.load_or_build(store).part_count == 3
        # Ghana is left with r01 (1985) only; Tokyo with r03 (1986); Oslo gains a dated report
        (folder / "r13.txt").write_text("Cocoa buyers said the new crop looked strong.\n")
        (folder / "r14.txt").unlink()
        (folder / "r03.txt").write_text("Dollar trading was quiet in Tokyo and in Oslo.\n")
        store.ingest([folder], prune=True)
        index = SearchIndex.load_or_build(store)
        assert index.updated_from_cache and index.part_count > 2
        queries = [*QUERIES, "date:1988 ghana", "date:1988 tokyo", "date:1986 oslo", "oslo"]
        assert differences(index, SearchIndex.build(store), queries) == []
        assert index.search("date:1988 ghana", kind="entity") == []
        assert index.search("date:1988 tokyo", kind="entity") == []
        assert [h.text for h in index.search("date:1986 oslo", kind="entity")] == ["Oslo"]
        assert _entity_days(index) == _entity_days(build.build_names(store))
        # a third, adding only: the entities it does not touch keep the dates just made
        (folder / "n02.txt").write_text("Peter Holm said the quokka museum opened.\n")
        store.ingest([folder])
        index = SearchIndex.load_or_build(store)
        assert index.update_stats["documents_indexed"] == 1
        assert differences(index, SearchIndex.build(store), queries) == []
        assert [h.text for h in index.search("date:1985 ghana", kind="entity")] == ["Ghana"]
        assert _entity_days(index) == _entity_days(build.build_names(store))
    finally:
        store.close()


def test_documents_added_at_the_end_are_the_only_ones_indexed_again():
    saved = [["a", "fa", 3], ["b", "fb", 2]]
    plan = build.grow_plan(saved, [*saved, ["c", "fc", 4]], 1_000_000, 0, 0)
    assert plan is not None
    fresh, merge, stats = plan
    assert (fresh, merge, stats["sentences_kept"], stats["sentences_indexed"]) == (
        ["c"],
        "",
        5,
        4,
    )
    # the tails and masked records past their share: merged into the base, still a plan
    plan = build.grow_plan(saved, [*saved, ["c", "fc", 4]], 100, build.TAIL_FLOOR, 0)
    assert plan is not None and plan[1] == "base"
    # one tail more than the most kept: the tails merged into one
    plan = build.grow_plan(saved, [*saved, ["c", "fc", 4]], 1_000_000, 0, build.MAX_TAILS)
    assert plan is not None and plan[1] == "tails"
    # a document without a fingerprint is never taken as unchanged, at the end or not
    unhashed = [["a", "", 3], ["b", "fb", 200]]
    assert not build.appended(unhashed, [*unhashed, ["c", "fc", 4]])
    fresh, _merge, _stats = build.grow_plan(unhashed, [*unhashed, ["c", "fc", 4]], 1_000_000, 0, 0)
    assert fresh == ["a", "c"]
    # a changed one is not an addition
    assert not build.appended(saved, [["a", "fa", 3], ["b", "fB", 2], ["c", "fc", 4]])


def _entity_days(index) -> dict[str, tuple[int, int]]:
    """Entity key -> the first and last day its names' records carry, of a grown index's
    names part (or of a names part as `build_names` makes it afresh)."""
    if isinstance(index, SearchIndex):
        index = next(s.part for s in index._served if s.folder.startswith("names-")).parts
    a, rows = index.arrays, index.tables.entities
    names = int((a.kind == a.kind[0]).sum())
    return {rows[int(a.ref[r])][0]: (int(a.date_lo[r]), int(a.date_hi[r])) for r in range(names)}


class OnePass:
    """The store as a corpus that lists its records only all at once (no `doc=`)."""

    def __init__(self, store):
        self.store = store

    @property
    def path(self):
        return self.store.path

    def generation(self):
        return self.store.generation()

    def iter_sentences(self):
        return self.store.iter_sentences()

    def entities(self, label=None):
        return self.store.entities()

    def facts(self, predicate=None):
        return self.store.facts()

    def mentions(self):
        return self.store.mentions()

    def documents(self):
        return self.store.documents()


@pytest.mark.parametrize("size", [3, 7, 1_000_000])
@pytest.mark.parametrize("streamed", [True, False])
def test_a_build_in_parts_of_a_few_records_is_the_build(tmp_path, size, streamed):
    from explorer.search import merge

    store, _folder = open_store(tmp_path)
    try:
        corpus = store if streamed else OnePass(store)
        whole = SearchIndex.build(corpus)
        parts = merge.build_in_parts(corpus, part_records=size)
        assert same_arrays(SearchIndex._of(parts), whole) == []
        assert parts.tables.fingerprints == whole.tables.fingerprints
        assert not list(tmp_path.glob(".explorer-parts-*"))  # its scratch parts are gone
    finally:
        store.close()
