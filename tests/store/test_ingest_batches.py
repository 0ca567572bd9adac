"""A long ingest commits in batches and lets each batch's records go: what a later file
needs of an earlier batch is read back from the store, and the store is the one a single
batch makes. Files that change, vanish or fail during an ingest."""

from __future__ import annotations

import pytest

from explorer.store import Store

pytestmark = pytest.mark.usefixtures("nlp_ready")

CITIES = ["Paris", "Berlin", "Madrid", "Rome", "Vienna", "Lisbon", "Prague", "Dublin"]


def _story(n: int) -> str:
    a, b = CITIES[n % len(CITIES)], CITIES[(n * 3 + 1) % len(CITIES)]
    return (
        f"Talks {n} in {a}\n\nAngela Merkel met the mayor of {a} in {b} on Monday. "
        f"Merkel said trade rose by {n}% to ${n + 2} million.\n"
    )


def _corpus(root, count: int):
    root.mkdir(parents=True)
    for n in range(count):
        (root / f"{n:03}.txt").write_text(_story(n))
    return root


def _tables(store: Store) -> tuple:
    return (
        [(d.id, d.title, d.path) for d in store.documents()],
        {d.id: sorted(store.document(d.id).meta.get("paths", [])) for d in store.documents()},
        [m.to_dict() for m in store.mentions()],
        [f.to_dict() for f in store.facts()],
        store.entities(),
        {k: v for k, v in store.stats().items() if k != "db"},
    )


def test_copies_of_documents_committed_batches_earlier_list_every_path(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "corpus", 30)
    # Copies sort after every original: each finds its document in a batch committed
    # long before (and merged with others since: more batches than segments are kept).
    for n in (0, 1, 7, 15):
        (corpus / f"zz-copy-{n}.txt").write_text(_story(n))
    stores = {}
    for every in ("2", "1000"):
        monkeypatch.setenv("EXPLORER_COMMIT_EVERY", every)
        store = Store.open(tmp_path / f"s{every}.json")
        store.workers = 1
        report = store.ingest([corpus])
        assert (report.added, report.duplicates, report.failed) == (30, 4, [])
        stores[every] = store
    batches, single = _tables(stores["2"]), _tables(stores["1000"])
    assert batches == single
    paths = batches[1]
    assert paths["007.txt"] == sorted(
        [str((corpus / "007.txt").resolve()), str((corpus / "zz-copy-7.txt").resolve())]
    )


def test_a_file_changed_during_the_ingest_is_stored_as_read_then_updated(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 6)
    store = Store.open(tmp_path / "s.json")
    changed = []

    def progress(done: int, total: int, path) -> None:
        if path.name == "002.txt" and not changed:
            # Read and parsed already: the store keeps what was read, hash and all.
            path.write_text("Budget vote\n\nThe Senate in Washington passed the budget.\n")
            changed.append(path)

    first = store.ingest([corpus], progress=progress)
    assert (first.added, first.failed) == (6, [])
    assert store.document("002.txt").title == "Talks 2 in Madrid"
    again = store.ingest([corpus])
    assert (again.updated, again.unchanged) == (1, 5)
    assert store.document("002.txt").title == "Budget vote"
    assert any(m.text == "Washington" for m in store.mentions(doc="002.txt"))


def test_a_file_that_vanishes_during_the_ingest_is_reported_and_the_rest_stored(
    tmp_path, monkeypatch
):
    from explorer.store.ingest import IngestRun

    corpus = _corpus(tmp_path / "corpus", 120)
    gone = corpus / "077.txt"
    listed = IngestRun._files

    def listed_then_gone(run):
        files = listed(run)
        gone.unlink()  # after the folder was listed, before the file is read
        return files

    monkeypatch.setattr(IngestRun, "_files", listed_then_gone)
    store = Store.open(tmp_path / "s.json")
    store.workers = 1
    report = store.ingest([corpus])
    assert [(f.path, f.message) for f in report.failed] == [
        (str(gone.resolve()), "vanished before it could be read")
    ]
    assert report.added == 119
    assert len(store.documents()) == 119
    assert "077.txt" not in {d.id for d in store.documents()}
    assert "078.txt" in {d.id for d in store.documents()}


def test_a_file_that_fails_is_reported_and_every_other_file_stored(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "corpus", 10)
    (corpus / "005.txt").write_bytes(b"   \n")
    (corpus / "bad.json").write_text("{not json")
    monkeypatch.setenv("EXPLORER_COMMIT_EVERY", "2")
    store = Store.open(tmp_path / "s.json")
    report = store.ingest([corpus])
    failed = {f.path.rsplit("/", 1)[-1]: f.message for f in report.failed}
    assert set(failed) == {"005.txt", "bad.json"}
    assert failed["005.txt"] == "empty file (only whitespace)"
    assert report.added == 9
    assert sorted(d.id for d in store.documents()) == [f"{n:03}.txt" for n in range(10) if n != 5]
