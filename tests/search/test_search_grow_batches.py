"""An index that grows during an ingest: each committed batch becomes a tail (`grow_batch`,
the callback `explorer ingest` gives the store), the tails merge in tiers, and the end of
the ingest adds the entity names; what a user then searches is what a build gives, and a
kill between batches leaves an index that the next load brings up to date."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from dated_store import write_corpus
from same_pages import differences
from test_search_grow import QUERIES, story

from explorer.search import SearchIndex, build, cache_dir
from explorer.search import index as index_module
from explorer.store import ingest as ingest_module

MORE = [*QUERIES, "maria lopez", "oslo harbour", "@person said", "pred:said tokyo", "peter"]


def write_more(folder: Path, count: int, seed: int) -> None:
    """`count` more documents of the test words and names (under 48 files in all: parsed in
    this process)."""
    rng = random.Random(seed)
    for i in range(count):
        (folder / f"s{seed}-{i:02d}.txt").write_text(story(rng) + "\n", encoding="utf-8")


def seen_as(hits: list) -> list[tuple]:
    return [(h.kind, h.doc, h.sentence, h.text, h.score, h.predicate) for h in hits]


def small_batches(store, monkeypatch, tier_floor: int = 4) -> None:
    """Commits of a document or two (a batch), and tiers of a few records."""
    store.commit_every = 1
    monkeypatch.setattr(ingest_module, "BATCH_MAX", 2)
    monkeypatch.setattr(index_module, "TIER_FLOOR", tier_floor)


@pytest.mark.parametrize("seed", [1, 2])
def test_an_ingest_in_batches_searches_as_a_build(tmp_path, monkeypatch, seed):
    from explorer.store import Store

    folder = write_corpus(tmp_path)
    write_more(folder, 16, seed)
    store = Store.open(tmp_path / "store.json")
    try:
        small_batches(store, monkeypatch)
        seen: list[tuple[int, str]] = []
        builds = []
        build_saved = SearchIndex.build_saved.__func__  # type: ignore[attr-defined]

        def counted(cls, corpus, directory):
            builds.append(corpus.generation())
            return build_saved(cls, corpus, directory)

        monkeypatch.setattr(SearchIndex, "build_saved", classmethod(counted))

        def on_commit(committed) -> None:
            index = SearchIndex.grow_batch(committed)
            seen.append((index.part_count, index.generation))
            # Its facts and sentences are the store's at this batch (the names come last).
            # (Highlights aside: a part whose page has too few exact hits plans with typos
            # and marks a typo word of a hit a build's exact plan leaves unmarked.)
            built = SearchIndex.build(committed)
            for q in ("zebra", "said", "quokka museum", "pred:said"):
                for kind in ("fact", "sentence"):
                    assert seen_as(index.search(q, 20, kind=kind)) == seen_as(
                        built.search(q, 20, kind=kind)
                    )

        store.ingest([folder], on_commit=on_commit)
        assert len(seen) >= 8
        assert len(builds) <= 3  # the first batches (most of the store new); then tails
        assert all(g.startswith(index_module.BEHIND) for _n, g in seen)
        assert max(n for n, _g in seen) > 2  # tails side by side
        assert max(n for n, _g in seen) <= 2 + 3 * 4  # base, names, 3 tails a tier at most
        index = SearchIndex.load_or_build(store)
        assert index.generation == store.generation()
        assert index.names_behind == ([], [])
        assert differences(index, SearchIndex.build(store), MORE) == []
        again = SearchIndex.load(cache_dir(store.path))
        assert differences(again, index, MORE) == []
    finally:
        store.close()


def test_tails_merge_in_tiers_each_record_a_few_times(tmp_path, monkeypatch):
    from explorer.search import merge as merge_module
    from explorer.store import Store

    folder = write_corpus(tmp_path)
    write_more(folder, 24, 5)
    store = Store.open(tmp_path / "store.json")
    merged: list[int] = []
    real = merge_module.merge

    def counting(sources, *args, **kwargs):
        merged.append(sum(s.parts.arrays.records for s in sources))
        return real(sources, *args, **kwargs)

    monkeypatch.setattr(merge_module, "merge", counting)
    try:
        small_batches(store, monkeypatch, tier_floor=2)
        counts: list[int] = []
        store.ingest([folder], on_commit=lambda s: counts.append(SearchIndex.grow_batch(s).records))
        assert merged, "no tails were merged"
        # Merged in tiers: fewer merges than batches, and less copied than a merge of every
        # tail at every batch would copy.
        assert len(merged) < len(counts) / 2
        assert sum(merged) < sum(counts) / 2
        index = SearchIndex.load_or_build(store)
        assert differences(index, SearchIndex.build(store), MORE) == []
    finally:
        store.close()


def test_the_tier_run(monkeypatch):
    monkeypatch.setattr(index_module, "TIER_FLOOR", 10)
    monkeypatch.setattr(index_module, "TIER_FACTOR", 4)
    run = index_module._tier_run
    assert run([]) == 0
    assert run([5]) == 1
    assert run([5, 5, 5]) == 3  # three of tier 0: kept
    assert run([5, 5, 5, 5]) == 0  # four: merged into one
    assert run([1000, 5, 5, 5, 5]) == 1  # the big one stays
    # four of tier 0 make one of tier 1, which completes a run of tier 1: all merged at once
    assert run([50, 50, 50, 10, 10, 10, 10]) == 0
    assert run([50, 50, 10, 10, 10, 10]) == 2
    assert run([5] * (index_module.BATCH_TAILS + 1)) == 0


KILLER = r"""
import os, signal, sys
from explorer.search import SearchIndex, index
from explorer.store import Store, ingest

ingest.BATCH_MAX = 2
index.TIER_FLOOR = 4
store = Store.open(sys.argv[1])
store.commit_every = 1
calls = []

def on_commit(committed):
    calls.append(1)
    SearchIndex.grow_batch(committed)
    if len(calls) == int(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)  # between two batches, the index grown

store.ingest([sys.argv[2]], on_commit=on_commit)
"""


@pytest.mark.parametrize("after", [1, 6])
def test_a_kill_between_batches_leaves_an_index_the_next_load_brings_up_to_date(tmp_path, after):
    from explorer.store import Store
    from explorer.store.check import check_store

    folder = write_corpus(tmp_path)
    write_more(folder, 16, 3)
    db = tmp_path / "store.json"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", KILLER, str(db), str(folder), str(after)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    report = check_store(db)
    assert report.ok, report
    with Store.open(db, readonly=True) as store:
        left = SearchIndex.load(cache_dir(store.path))
        index = SearchIndex.load_or_build(store)
        assert index.generation == store.generation()
        # saved by a batch (the first builds it), never served as the store's: the next
        # load grows it the rest of the way (the names, the relabelled documents)
        assert left.generation == index_module.BEHIND + store.generation()
        assert index.updated_from_cache  # grown, not built again
        assert differences(index, SearchIndex.build(store), MORE) == []
    # and the ingest run again completes the store and its index
    with Store.open(db) as store:
        store.ingest([folder])
        index = SearchIndex.load_or_build(store)
        assert differences(index, SearchIndex.build(store), MORE) == []
        assert store.stats()["documents"] == len(list(folder.glob("*.txt")))
    assert check_store(db).ok


def test_a_reader_waits_for_a_grow_and_loads_what_it_saved(tmp_path, monkeypatch):
    """Two processes growing at once would each remove the other's new parts: the second
    waits on the index lock, then finds the index grown and loads it."""
    import threading

    from explorer.store import Store

    folder = write_corpus(tmp_path)
    store = Store.open(tmp_path / "store.json")
    try:
        store.ingest([folder])
        SearchIndex.load_or_build(store)
        write_more(folder, 3, 7)
        store.ingest([folder])
        started, release = threading.Event(), threading.Event()
        real = build.build_documents

        def slow(corpus, doc_ids):
            started.set()
            release.wait(30)
            return real(corpus, doc_ids)

        monkeypatch.setattr(build, "build_documents", slow)
        results: list[SearchIndex] = []
        first = threading.Thread(target=lambda: results.append(SearchIndex.load_or_build(store)))
        first.start()
        assert started.wait(30)
        second = threading.Thread(target=lambda: results.append(SearchIndex.load_or_build(store)))
        second.start()
        second.join(0.5)
        assert second.is_alive()  # waiting for the lock
        release.set()
        first.join(30)
        second.join(30)
        assert len(results) == 2
        assert results[0].updated_from_cache
        assert results[1].loaded_from_cache  # loaded what the first saved, not grown again
        assert differences(results[1], SearchIndex.build(store), MORE) == []
    finally:
        store.close()


def test_documents_an_identity_decision_relabels_after_the_batches_are_indexed_again(
    tmp_path, monkeypatch
):
    """A batch labels its sentences by their mentions as extracted; when the entity is shown
    under another label by the time the names are made (a rule here; the ingest's identity
    resolution at its end), its documents' sentences are indexed again."""
    from explorer.store import Store

    folder = write_corpus(tmp_path)
    write_more(folder, 12, 4)
    store = Store.open(tmp_path / "store.json")
    try:
        small_batches(store, monkeypatch)
        store.ingest([folder], on_commit=SearchIndex.grow_batch)
        assert SearchIndex.load(cache_dir(store.path)).generation.startswith(index_module.BEHIND)
        store.relabel("Oslo", "PERSON")
        index = SearchIndex.load_or_build(store)
        assert index.updated_from_cache
        # ("said" aside: its typo "slid" is highlighted by a part's typo plan, see above)
        queries = [q for q in MORE if "said" not in q]
        queries += ["@person oslo", "@gpe oslo", "label:PERSON harbour", "@person", "@gpe"]
        built = SearchIndex.build(store)
        assert differences(index, built, queries) == []
        for kind in ("fact", "sentence"):
            assert seen_as(index.search("@person said", 50, kind=kind)) == seen_as(
                built.search("@person said", 50, kind=kind)
            )
        assert index.search("@person oslo", kind="sentence")  # the relabelled sentences
    finally:
        store.close()
