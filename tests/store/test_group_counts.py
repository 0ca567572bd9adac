"""A merged group's documents (`group_documents` on its head's record) counted by a commit
that starts in a fresh process: from the postings of the group's keys (each segment's
`.post`), not from every document's keys, and the same as a recount over every document."""

from __future__ import annotations

import shutil
from collections import defaultdict

import pytest

import explorer.store.writer as writer_module
from explorer.store import Store, tinydb

from .identity_corpus import ARTICLES, write_corpus

pytestmark = pytest.mark.usefixtures("nlp_ready")


def _recount(db) -> dict[str, int]:
    """Head key -> documents that mention a key of its group (groups of 2 or more), counted
    over every document through TinyDB, and what the entity records say."""
    database = tinydb(db)
    members: dict[str, set[str]] = defaultdict(set)
    for rec in database.table("entities").all():
        if rec.get("canonical"):
            members[rec["canonical"]].update((rec["canonical"], rec["key"]))
    to_head = {k: h for h, keys in members.items() for k in keys}
    counts: dict[str, int] = defaultdict(int)
    for doc in database.table("documents").all():
        keys = {f"{e['label']}:{e['name']}" for e in doc.get("entities") or () if e["mentions"]}
        for head in {to_head[k] for k in keys if k in to_head}:
            counts[head] += 1
    return {h: n for h, n in counts.items() if n}


def _recorded(db) -> dict[str, int]:
    return {
        rec["key"]: rec["group_documents"]
        for rec in tinydb(db).table("entities").all()
        if "group_documents" in rec
    }


@pytest.fixture
def spy(monkeypatch):
    """What each commit's counts asked of the postings, and how many documents' keys they
    read one by one."""
    seen: list[dict] = []
    real_docs_of, real_commit = writer_module.Writer._docs_of, writer_module.Writer._commit

    def docs_of(self, keys):
        found = real_docs_of(self, keys)
        seen[-1]["asked"].append((set(keys), found is not None))
        return found

    def commit(self, **kwargs):
        seen.append({"asked": [], "fresh": len(self.fresh), "docs": len(self.docs)})
        self.keys_read = 0
        real_commit(self, **kwargs)
        seen[-1]["keys_read"] = self.keys_read

    monkeypatch.setattr(writer_module.Writer, "_docs_of", docs_of)
    monkeypatch.setattr(writer_module.Writer, "_commit", commit)
    return seen


def _store_file_by_file(tmp_path, spy, *, drop_postings=False):
    """Half the identity corpus in one ingest, then each other file in an ingest of its own
    (a fresh writer each, as `explorer ingest --db STORE FILE`); the store and what each
    one-file commit asked."""
    root = write_corpus(tmp_path / "corpus")
    later = tmp_path / "later"
    later.mkdir()
    names = sorted(ARTICLES)
    for name in names[1::2]:
        shutil.move(root / name, later / name)
    db = tmp_path / "store.json"
    with Store.open(db) as s:
        s.ingest([root])
    spy.clear()
    for name in names[1::2]:
        if drop_postings:  # a store written before postings existed
            for post in db.with_name(db.name + ".segments").glob("*.post"):
                post.unlink()
        shutil.move(later / name, root / name)
        with Store.open(db) as s:
            s.ingest([root / name])
    return db, list(spy)


def test_a_one_file_commit_counts_changed_groups_from_postings(tmp_path, spy) -> None:
    db, commits = _store_file_by_file(tmp_path, spy)
    # Some of those commits changed a group (a new name joined, a decision moved) and
    # counted it from the postings; none read the keys of more documents than it added.
    asked = [a for c in commits for a in c["asked"]]
    assert asked and all(answered for _keys, answered in asked)
    for commit in commits:
        assert commit["fresh"] == 1 and commit["docs"] > 20
        # The new document's keys, once for the commit and once a question (a pass over
        # the documents would read every one of the 20-odd).
        assert commit["keys_read"] <= commit["fresh"] * (1 + len(commit["asked"])), commit
    # The counts are those of a recount over every document.
    assert _recorded(db) == _recount(db) != {}


def test_a_store_without_postings_gets_them_at_its_next_commit(tmp_path, spy) -> None:
    db, commits = _store_file_by_file(tmp_path, spy, drop_postings=True)
    assert _recorded(db) == _recount(db) != {}
    # Each commit that needed them made them from the segments' keys, and left them.
    assert any(c["asked"] for c in commits)
    folder = db.with_name(db.name + ".segments")
    live = [p for p in folder.iterdir() if p.suffix == ".json" and p.name[0].isdigit()]
    assert live and all(p.with_name(p.name + ".post").exists() for p in live)


def test_a_damaged_postings_file_is_not_trusted(tmp_path, spy) -> None:
    from explorer.store.segments import POSTINGS_MAGIC

    root = write_corpus(tmp_path / "corpus")
    later = tmp_path / "later"
    later.mkdir()
    names = sorted(ARTICLES)
    for name in names[1::2]:
        shutil.move(root / name, later / name)
    db = tmp_path / "store.json"
    with Store.open(db) as s:
        s.ingest([root])
    spy.clear()
    for name in names[1::2]:
        for post in db.with_name(db.name + ".segments").glob("*.post"):
            # Every key's documents zeroed (all "document 0"), the directory left whole.
            data = post.read_bytes()
            start = len(POSTINGS_MAGIC) + 8
            start += int.from_bytes(data[len(POSTINGS_MAGIC) : start], "little")
            post.write_bytes(data[:start] + bytes(len(data) - start))
        shutil.move(later / name, root / name)
        with Store.open(db) as s:
            s.ingest([root / name])
    # The changed groups were counted over the documents instead, and rightly.
    asked = [answered for c in spy for _keys, answered in c["asked"]]
    assert asked and not any(asked)
    assert _recorded(db) == _recount(db) != {}


def test_documents_deleted_by_an_earlier_batch_are_not_counted(tmp_path, monkeypatch) -> None:
    # One ingest in batches (a commit a file): the first batch replaces a document that
    # named a company (its old version deleted), a later file names the company in new
    # forms (a new group, counted at the ingest's last commit from the postings, where
    # the old version is still listed). The last file's batch commits everything but the
    # identity decisions: the ingest still resolves the new names at its end.
    monkeypatch.setenv("EXPLORER_WORKERS", "1")
    root = tmp_path / "corpus"
    root.mkdir()
    company = "Quorrel Motor Co said it would buy a plant in Leeds."
    (root / "a.txt").write_text(f"First\n\n{company}\n", encoding="utf-8")
    (root / "b.txt").write_text("Second\n\nRome and Madrid signed a deal.\n", encoding="utf-8")
    db = tmp_path / "store.json"
    with Store.open(db) as s:
        s.ingest([root])
    (root / "a.txt").write_text("First\n\nLisbon and Porto signed a deal.\n", encoding="utf-8")
    (root / "c.txt").write_text(
        "Third\n\nThe Quorrel Motor Company said shares of Quorrel Motor Corp rose. "
        f"{company} Quorrel Motor said more.\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EXPLORER_COMMIT_EVERY", "1")
    with Store.open(db) as s:
        report = s.ingest([root])
    assert (report.updated, report.added) == (1, 1)
    recorded = _recorded(db)
    assert recorded == _recount(db)
    assert any(key.startswith("ORG:Quorrel") for key in recorded)
