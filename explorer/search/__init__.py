"""Search: an index over sentences, entity names and facts, queried as you type.

`SearchIndex.load_or_build(corpus)` loads (or builds) the index; `.search_grouped(query)` is
what one keystroke of the TUI and `explorer search --group` run (entities, facts, sentences,
each a page with its total); `.search(query, limit)` is one ranked list. `search(corpus,
query, limit)` does the latter in one call, keeping the index between calls.
"""

from __future__ import annotations

import threading

from explorer.model import Corpus, Hit
from explorer.search.index import (
    GROUP_LIMITS,
    Group,
    SearchIndex,
    cache_dir,
    fact_line,
    typo_budget,
)
from explorer.search.query import SYNTAX, Query, Term, parse

__all__ = [
    "GROUP_LIMITS",
    "SYNTAX",
    "Group",
    "Query",
    "SearchIndex",
    "Term",
    "cache_dir",
    "fact_line",
    "parse",
    "search",
    "typo_budget",
]

_current: dict[str, SearchIndex] = {}
_lock = threading.Lock()


def search(corpus: Corpus, query: str, limit: int = 50) -> list[Hit]:
    """Search `corpus`, loading (or building) its index once per store generation."""
    key = str(corpus.path)
    generation = str(corpus.generation())
    with _lock:
        index = _current.get(key)
        if index is None or index.generation != generation:
            index = _current[key] = SearchIndex.load_or_build(corpus)
    return index.search(query, limit)
