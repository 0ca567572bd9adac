"""Places named by what is around them, and bonds named by their market: "the village of
Novye Atagi" and "the Erez crossing" are places (were people), "U.S. Middle East envoy" names
a country and a region (was one organisation), and "the September Bund future" or "BTP
losses" name no organisation. Each text is written for these tests, in prose and in the
tokenised one-sentence-a-line form of agency copy."""

from __future__ import annotations

import pytest

from explorer.nlp import extract

PROSE = (
    "Talks will resume on Monday in the village of Novye Atagi, south of the capital. "
    "The two leaders will meet at the Erez crossing next week. U.S. Middle East envoy "
    "Dennis Ross said Washington welcomed the talks. The September Bund future rose 0.12 "
    "while a firm lira helped limit BTP losses, and Gilts fell."
)
TOKENS = (
    "Talks will resume on Monday in the village of Novye Atagi , south of the capital .\n"
    "The two leaders will meet at the Erez crossing next week .\n"
    "U.S. Middle East envoy Dennis Ross said Washington welcomed the talks .\n"
    "The September Bund future rose 0.12 while a firm lira helped limit BTP losses , and "
    "Gilts fell .\n"
)


@pytest.mark.parametrize("text", [PROSE, TOKENS], ids=["prose", "tokens"])
def test_places_by_their_nouns_and_bonds_by_their_markets(text: str) -> None:
    labels = {m.text: m.label for m in extract(text).mentions}
    assert labels["Novye Atagi"] == "GPE"
    assert labels["Erez"] == "GPE"
    assert labels["U.S."] == "GPE" and labels["Middle East"] == "LOC"
    assert "U.S. Middle East" not in labels
    assert labels["Dennis Ross"] == "PERSON"
    for bond in ("Bund", "BTP", "Gilts"):
        assert bond not in labels, bond
