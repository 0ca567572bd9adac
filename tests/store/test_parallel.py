"""Parsing in worker processes gives exactly what parsing in this process gives."""

from __future__ import annotations

import pytest

from explorer.store import Store

# slow: a pool of worker processes.
pytestmark = [pytest.mark.usefixtures("nlp_ready"), pytest.mark.slow]


def test_worker_processes_store_the_same_as_one_process(tmp_path, corpus):
    for n in range(40):
        (corpus / f"extra-{n:02}.txt").write_text(
            f"Report {n}\n\nThe mayor of Paris met Angela Merkel in Berlin on day {n}. "
            f"Trade rose by {n}% to ${n + 2} million.\n"
        )
    (corpus / "broken.txt").write_bytes(b"")
    stores = {}
    for workers in (1, 2):
        store = Store.open(tmp_path / f"s{workers}.json")
        store.workers = workers
        store.parallel_min = 8
        store.commit_every = 10
        calls = []
        report = store.ingest([corpus], progress=lambda d, t, p, calls=calls: calls.append(d))
        assert calls == list(range(1, 46))
        assert [f.message for f in report.failed] == ["empty file"]
        stores[workers] = store
    one, two = stores[1], stores[2]
    assert one.documents() == two.documents()
    assert [m.to_dict() for m in one.mentions()] == [m.to_dict() for m in two.mentions()]
    assert [f.to_dict() for f in one.facts()] == [f.to_dict() for f in two.facts()]
    assert one.entities() == two.entities()
