"""Fixtures for the search tests: small corpora written in the test, indexed in tmp_path."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from explorer.search import SearchIndex

sys.path.insert(0, str(Path(__file__).parent))  # the tests' own helpers: search_corpus.py

from search_corpus import MemoryCorpus, MentionCorpus


@pytest.fixture
def index_of(tmp_path):
    """Build an index over {doc_id: text} (plus entities, facts, mentions when given)."""

    def build(docs: dict[str, str], **extra) -> SearchIndex:
        cls = MentionCorpus if "mentions" in extra else MemoryCorpus
        return SearchIndex.build(cls(tmp_path / "store.json", docs, **extra))

    return build
