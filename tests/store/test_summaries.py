"""The document list's summaries, built through their slots, are the dataclass's own."""

from __future__ import annotations

import pytest

from explorer.model import DocumentSummary
from explorer.store.rows import summaries_from_rows


def test_summaries_equal_the_constructors_and_stay_frozen_and_hashable() -> None:
    rows = [
        ["a", "A title", "2020-01-02", "Ann", "a.txt", 3, 5, 1, 120, "sha", ["a.txt"]],
        ["b", "b", None, None, None, 0, 0, 0, 0, "", []],
    ]
    built = summaries_from_rows(rows)
    expected = [DocumentSummary(*row[:9]) for row in rows]
    assert built == expected
    assert [hash(d) for d in built] == [hash(d) for d in expected]
    assert repr(built[0]) == repr(expected[0])
    with pytest.raises(AttributeError):
        built[0].title = "changed"  # type: ignore[misc]
