"""Store tests ingest through the real nlp pipeline (explorer.nlp.extract)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp_ready() -> None:
    """The store is tested through the real nlp layer: if it breaks, these tests fail."""
    from explorer.nlp import extract

    extract("Mehdi Sanai met officials in Moscow on Monday.", {"date": "2019-04-30"})


@pytest.fixture
def corpus(tmp_path):
    """A small folder of news-like documents in several formats."""
    root = tmp_path / "corpus"
    (root / "world").mkdir(parents=True)
    (root / "world" / "iran.txt").write_text(
        " date 2019-04-30 By Abdul Kerimkhanov\n\nIranian Ambassador to Russia Mehdi Sanai "
        "met Russian Deputy Minister Georgy Kalamanov in Moscow.\n\nSanai said trade between "
        "Iran and Russia reached $500 million in 2018.\n",
        encoding="utf-8",
    )
    (root / "world" / "talks.md").write_text(
        "# Talks in Tehran\n\nMohammed Javad Zarif met Sergei Lavrov in Tehran on Monday. "
        "Zarif said the talks were useful.\n",
        encoding="utf-8",
    )
    (root / "business.txt").write_text(
        "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner "
        "jumped 76% to $1.13bn for the three months to December. Google benefited too.\n",
        encoding="utf-8",
    )
    (root / "feed.jsonl").write_text(
        '{"id": "r1", "title": "Budget vote", "text": "The Senate in Washington passed the '
        'budget on Friday. Senator John Smith voted against it."}\n'
        '{"text": "Apple opened a store in Paris. Tim Cook visited France in June."}\n',
        encoding="utf-8",
    )
    return root
