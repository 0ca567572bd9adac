"""Loading an index (as the TUI does after every store change) must not make the rest of the
process's memory uncollectable: what was garbage or later becomes garbage in cycles is freed."""

from __future__ import annotations

import gc
import weakref

from dated_store import write_corpus

from explorer.search import SearchIndex, cache_dir


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_a_load_leaves_the_processs_cycles_collectable(tmp_path):
    from explorer.store import Store

    store = Store.open(tmp_path / "store.json")
    try:
        store.ingest([write_corpus(tmp_path)])
        SearchIndex.load_or_build(store)
        was_enabled = gc.isenabled()
        gc.disable()  # no collection between the garbage's making and the load
        try:
            dead = _Node()
            dead_ref = weakref.ref(dead)
            del dead  # garbage already when the index is loaded
            alive = _Node()  # live then (a screen, a widget), garbage later
            alive_ref = weakref.ref(alive)
            index = SearchIndex.load(cache_dir(store.path))
            assert index.search("said", kind="sentence")
            del alive
        finally:
            if was_enabled:
                gc.enable()
        gc.collect()
        assert dead_ref() is None
        assert alive_ref() is None
    finally:
        gc.unfreeze()  # whatever a failing run left frozen, for the tests after this one
        store.close()
