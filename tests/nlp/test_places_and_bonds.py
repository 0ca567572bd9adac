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
    "Dennis Ross said Washington welcomed the talks. He flew in to Charles de Gaulle airport "
    "and cars landed at Tanjung Priok port. The September Bund future rose 0.12 "
    "while a firm lira helped limit BTP losses, Gilts fell and Eurodollars eased."
)
TOKENS = (
    "Talks will resume on Monday in the village of Novye Atagi , south of the capital .\n"
    "The two leaders will meet at the Erez crossing next week .\n"
    "U.S. Middle East envoy Dennis Ross said Washington welcomed the talks .\n"
    "He flew in to Charles de Gaulle airport and cars landed at Tanjung Priok port .\n"
    "The September Bund future rose 0.12 while a firm lira helped limit BTP losses , and "
    "Gilts fell and Eurodollars eased .\n"
)


@pytest.mark.parametrize("text", [PROSE, TOKENS], ids=["prose", "tokens"])
def test_places_by_their_nouns_and_bonds_by_their_markets(text: str) -> None:
    labels = {m.text: m.label for m in extract(text).mentions}
    assert labels["Novye Atagi"] == "GPE"
    assert labels["Erez"] == "GPE"
    assert labels["U.S."] == "GPE" and labels["Middle East"] == "LOC"
    assert "U.S. Middle East" not in labels
    assert labels["Dennis Ross"] == "PERSON"
    assert labels["Charles de Gaulle"] == "FAC" and labels["Tanjung Priok"] == "GPE"
    for bond in ("Bund", "BTP", "Gilts", "Eurodollars"):
        assert bond not in labels, bond


MARKETS = (
    "The Hang Seng Index rose 85 points and the Nikkei average shed 156 points, while the Dow "
    "Jones industrial average ended down 31 points and the Nasdaq composite index edged up. "
    "Nasdaq said on Monday it would sell shares to the public. Dow Chemical shares fell."
)


def test_a_share_index_is_neither_a_company_nor_a_person() -> None:
    labels = {" ".join(m.text.split()): m.label for m in extract(MARKETS).mentions}
    for index in ("Hang Seng", "Nikkei", "Dow Jones"):
        assert labels[index] == "PRODUCT", index
    nasdaq = [m.label for m in extract(MARKETS).mentions if m.text == "Nasdaq"]
    assert nasdaq == ["PRODUCT", "ORG"]  # the index, then the market's owner
    assert labels["Dow Chemical"] == "ORG"


STATES = (
    "The Federal Republic of Yugoslavia and the Islamic Republic of Iran signed the accord in "
    "Paramaribo, Surinam, where Byelorussian and Surinamese officials met. Shelling echoed in "
    "the nearby Pamir mountains. A professor at the University of Texas said it was a first."
)


def test_a_state_by_its_full_name_or_its_old_name_is_the_country() -> None:
    found = {m.text: (m.label, m.entity) for m in extract(STATES).mentions}
    assert found["Federal Republic of Yugoslavia"] == ("GPE", "Yugoslavia")
    assert found["Islamic Republic of Iran"] == ("GPE", "Iran")
    assert found["Surinam"] == ("GPE", "Suriname")
    assert found["Byelorussian"] == ("NORP", "Belarus")
    assert found["Surinamese"] == ("NORP", "Suriname")
    assert found["Pamir"][0] == "LOC"
    assert found["University of Texas"][0] == "ORG"  # no town, whatever a census calls it


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Boston Red Sox won 7-0 on Sunday .", [("Boston Red Sox", "ORG")]),
        ("The Athletics blanked the Toronto Blue Jays 7-0 .", [("Toronto Blue Jays", "ORG")]),
        (
            "Texas Democrat Tom Lyle said the bill would pass .",
            [("Texas", "GPE"), ("Democrat", "NORP"), ("Tom Lyle", "PERSON")],
        ),
    ],
)
def test_a_place_before_a_nickname_or_a_party_member(sentence: str, expected) -> None:
    found = [(m.text, m.label) for m in extract(sentence).mentions if m.label != "CARDINAL"]
    assert all(e in found for e in expected), found
