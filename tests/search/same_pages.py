"""What a user sees of an index for a list of queries: every page a search shows (hits,
order, highlights, scores, dates), of each kind, grouped with totals, and a page further on.
Two indexes that give the same `pages` answer every one of those queries the same."""

from __future__ import annotations

from typing import Any

from explorer.search import SearchIndex

_LIMITS = {"entity": 2, "fact": 2, "sentence": 3}
_OFFSETS = {"entity": 1, "fact": 2, "sentence": 3}


def pages(index: SearchIndex, queries: list[str]) -> list[tuple[Any, ...]]:
    """Every answer `index` gives to `queries`, in a list that compares with `==`."""
    out: list[tuple[Any, ...]] = []
    for q in queries:
        out.append(("search", q, index.search(q, 20)))
        for kind in ("entity", "fact", "sentence"):
            out.append(("kind", q, kind, index.search(q, 7, kind=kind)))
        out.append(("grouped", q, index.search_grouped(q)))
        out.append(("further", q, index.search_grouped(q, _LIMITS, _OFFSETS)))
    return out


def differences(ours: SearchIndex, theirs: SearchIndex, queries: list[str]) -> list[str]:
    """The answers that differ between two indexes, each as the query and what differs."""
    return [
        f"{a[:-1]}: {a[-1]!r} != {b[-1]!r}"
        for a, b in zip(pages(ours, queries), pages(theirs, queries), strict=True)
        if a != b
    ]
