"""Related entities ranked by significance (log-likelihood), not by raw co-occurrence: a
person's company comes before the country every article names."""

from __future__ import annotations

import pytest

from explorer.store import Store
from explorer.store.store import log_likelihood

FILLER = [
    "Farm exports from the United States rose in March, officials in Chicago said.",
    "The United States and Canada agreed on lumber quotas, officials in Ottawa said.",
    "Steel imports into the United States fell, the Commerce Department said.",
    "Oil prices in the United States rose after a cold week, traders in Houston said.",
    "The United States dollar weakened against the yen in Tokyo trading.",
    "Car sales in the United States rose, General Motors said in Detroit.",
    "Wheat growers in the United States expect a large harvest, Cargill said.",
    "The United States trade deficit narrowed, the Treasury said in Washington.",
]
KOVACS = [
    "Anna Kovacs, chief executive of Veltro Corp, said sales in the United States grew.",
    "Veltro Corp shares rose after Anna Kovacs said the United States market was strong.",
    "Anna Kovacs said Veltro Corp would hire staff in the United States.",
    "Anna Kovacs spoke in the United States about trade.",
    "Anna Kovacs visited Budapest, where Veltro Corp has a plant, then the United States.",
]


@pytest.fixture
def store(tmp_path, nlp_ready):
    root = tmp_path / "news"
    root.mkdir()
    for i, text in enumerate([*FILLER, *KOVACS]):
        (root / f"{i:02}.txt").write_text(text + "\n", encoding="utf-8")
    with Store.open(tmp_path / "store.json") as s:
        s.ingest([root])
        yield s


def test_a_persons_company_ranks_before_the_country_everyone_names(store) -> None:
    related = store.related("PERSON:Anna Kovacs")
    names = [e.name for e, _n, _score in related]
    counts = {e.name: n for e, n, _score in related}
    assert counts["United States"] == 5 and counts["Veltro Corp"] == 4  # raw count beside
    assert names.index("Veltro Corp") < names.index("United States")
    assert names[0] == "Veltro Corp"
    # The floor: names met in one document only come after those met in two or more.
    positive = [(n, score) for _e, n, score in related if score > 0]
    assert positive.index((1, related[names.index("Budapest")][2])) > 0
    # Met no more often than chance (it is in every article): last.
    assert names[-1] == "United States" and related[-1][2] <= 0
    # The TUI's list is the same ranking with the shared documents beside each entity.
    assert [e.name for e, _n in store.cooccurring("PERSON:Anna Kovacs")] == names


def test_log_likelihood_is_signed_by_association() -> None:
    assert log_likelihood(3, 3, 3, 12) > log_likelihood(3, 4, 12, 12)
    assert log_likelihood(0, 5, 5, 10) < 0 < log_likelihood(5, 5, 5, 10)
    assert log_likelihood(4, 4, 12, 12) == pytest.approx(0.0)
