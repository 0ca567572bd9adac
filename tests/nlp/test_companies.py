"""Companies a news reader knows by one word are companies wherever the story names them:
"Toyota" and "Nokia" (also towns), "Yahoo" and "Nissan" (read as people before), "Sony" at the
start of a sentence; a town written with its country stays a town, and a surname the list
leaves out ("Ford") is still a person's in a person's name."""

from __future__ import annotations

import pytest

from explorer.nlp import extract

from .layouts import layouts

TECH = [
    "Nokia and Sony lead the market",
    "Nokia said on Tuesday that its handset sales rose 20% in the last quarter, while Sony "
    "warned that its games division would miss forecasts.",
    "Toyota overtook Ford as the world's second-largest carmaker, and Nissan chief executive "
    "Carlos Ghosn said Yahoo would host the new car's website.",
    "Sony declined to comment. Harrison Ford, who lives in Toyota, Japan, for part of the "
    "year, was not available.",
]


@pytest.mark.parametrize("text", layouts(TECH), ids=["one-line", "wrapped", "crlf"])
def test_known_companies_are_companies(text: str) -> None:
    mentions = extract(text).mentions
    labels: dict[str, set[str]] = {}
    for m in mentions:
        labels.setdefault(m.text, set()).add(m.label)
    for company in ("Nokia", "Sony", "Toyota", "Nissan", "Yahoo"):
        assert "ORG" in labels[company], company
    sony = [m for m in mentions if m.text == "Sony"]
    assert len(sony) == 3 and {m.label for m in sony} == {"ORG"}  # the headline's too
    assert labels["Harrison Ford"] == {"PERSON"}
    toyota_town = [m for m in mentions if m.text == "Toyota" and m.label == "GPE"]
    assert len(toyota_town) == 1  # "lives in Toyota, Japan"
    said = {f.subject for f in extract(text).facts if f.predicate == "said"}
    assert {"Nokia", "Carlos Ghosn"} <= said


@pytest.mark.parametrize(
    "sentence, firm",
    [
        ("Analysts at Jupiter Research said the move could help Yahoo.", "Jupiter Research"),
        ("Forrester Research analyst Josh Bernoff said sales would slow.", "Forrester Research"),
        ("A report by Holloway Associates found the opposite.", "Holloway Associates"),
    ],
)
def test_a_research_or_consulting_firm_is_no_person(sentence: str, firm: str) -> None:
    assert {m.text: m.label for m in extract(sentence).mentions}[firm] == "ORG"


@pytest.mark.parametrize(
    "sentence, firm",
    [
        ("First Executive Corp said its profits rose.", "First Executive Corp"),
        ("Second National Bank said its deposits fell.", "Second National Bank"),
        (
            "He bought Prairie Savings and Loan Association of Hutchinson.",
            "Prairie Savings and Loan Association of Hutchinson",  # one name, not "Prairie Savings"
        ),
        ("Fred Goodwin of the Royal Bank of Scotland said no.", "Royal Bank of Scotland"),
        (
            "A report by the Royal College of Physicians found the opposite.",
            "Royal College of Physicians",
        ),
    ],
)
def test_an_organisation_whose_name_opens_with_an_ordinal_or_a_given_name(sentence, firm):
    """'First Executive Corp' was an ORDINAL and 'Executive Corp'; 'Royal Bank of Scotland'
    a person (Royal, a given name)."""
    assert {m.text: m.label for m in extract(sentence).mentions}[firm] == "ORG"
