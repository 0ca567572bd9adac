"""Fixtures for the search tests: small corpora written in the test, indexed in tmp_path."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from explorer.search import SearchIndex, texts

sys.path.insert(0, str(Path(__file__).parent))  # the tests' own helpers: search_corpus.py

from search_corpus import MemoryCorpus, MentionCorpus


@pytest.fixture(autouse=True)
def small_dictionaries(monkeypatch):
    """Texts' dictionaries trained from the few texts of a test's corpus (an index of real
    size trains from 32 KB or more), so that builds, updates and merges meet parts with a
    dictionary, parts with another and parts too small for one, as a real index's do."""
    monkeypatch.setattr(texts, "MIN_TRAIN_BYTES", 512)
    monkeypatch.setattr(texts, "MIN_TRAIN_TEXTS", 8)


@pytest.fixture
def index_of(tmp_path):
    """Build an index over {doc_id: text} (plus entities, facts, mentions when given)."""

    def build(docs: dict[str, str], **extra) -> SearchIndex:
        cls = MentionCorpus if "mentions" in extra else MemoryCorpus
        return SearchIndex.build(cls(tmp_path / "store.json", docs, **extra))

    return build
