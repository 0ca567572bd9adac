"""Companies a news reader knows by one word are companies wherever the story names them:
"Toyota" and "Nokia" (also towns), "Yahoo" and "Nissan" (read as people before), "Sony" at the
start of a sentence; a town written with its country stays a town, and a surname the list
leaves out ("Ford") is still a person's in a person's name."""

from __future__ import annotations

import pytest

from explorer.nlp import extract

from .layouts import held, in_layouts, label_sets, labels, speakers

TECH = [
    "Nokia and Sony lead the market",
    "Nokia said on Tuesday that its handset sales rose 20% in the last quarter, while Sony "
    "warned that its games division would miss forecasts.",
    "Toyota overtook Ford as the world's second-largest carmaker, and Nissan chief executive "
    "Carlos Ghosn said Yahoo would host the new car's website.",
    "Sony declined to comment. Harrison Ford, who lives in Toyota, Japan, for part of the "
    "year, was not available.",
]


@in_layouts(TECH)
def test_known_companies_are_companies(text: str) -> None:
    r = extract(text)
    named = label_sets(r)
    for company in ("Nokia", "Sony", "Toyota", "Nissan", "Yahoo"):
        assert "ORG" in named[company], company
    sony = [m for m in r.mentions if m.text == "Sony"]
    assert len(sony) == 3 and {m.label for m in sony} == {"ORG"}  # the headline's too
    assert named["Harrison Ford"] == {"PERSON"}
    toyota_town = [m for m in r.mentions if m.text == "Toyota" and m.label == "GPE"]
    assert len(toyota_town) == 1  # "lives in Toyota, Japan"
    assert {"Nokia", "Carlos Ghosn"} <= speakers(r)


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


PARTY_LEADERS = [
    "Liberals and Social Democrats pledge joint campaign",
    "David Steel, leader of the Liberal Party, and Sheila Mills, the Social Democrats' "
    "chairwoman, said the two parties would fight the election side by side.",
    '"We will not be squeezed," Ms Mills said. Steel Workers Union officials and General '
    "Mills executives were not asked. The Royal Court theatre staged a reading.",
]


@in_layouts(PARTY_LEADERS)
def test_a_given_name_before_a_company_word_that_is_a_surname_is_a_person(text: str) -> None:
    r = extract(text)
    named = labels(r)
    assert named["David Steel"] == "PERSON"
    assert named["Sheila Mills"] == "PERSON"
    assert named["General Mills"] == "ORG"  # a title is no given name
    assert named["Royal Court"] == "ORG"  # after "the"
    assert ("David Steel", "Leader") in held(r)
    said = {(f.subject, str(f.object)[:12]) for f in r.facts if f.predicate == "said"}
    assert ("Sheila Mills", "We will not ") in said


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Owen said in a statement that the Alliance was ready for an election.", "Alliance"),
        ("Shortly after the Bank raised its rates, the pound rose.", "Bank"),
        ("Delegates said the Union would strike on Monday.", "Union"),
    ],
)
def test_the_and_an_organisations_last_word_is_no_town(sentence: str, name: str) -> None:
    assert {m.text: m.label for m in extract(sentence).mentions}[name] == "ORG"


def test_brokers_named_like_people_and_a_firms_regional_arm_are_companies() -> None:
    text = (
        "Analysts at Bear Stearns, Paine Webber and Kidder Peabody cut their forecasts, and "
        "Tom Reyes, an analyst at Morgan Stanley Asia, said Nintendo Europe would follow."
    )
    labels = {m.text: m.label for m in extract(text).mentions}
    for firm in ("Bear Stearns", "Paine Webber", "Kidder Peabody", "Morgan Stanley Asia"):
        assert labels[firm] == "ORG", firm
    assert labels["Nintendo Europe"] == "ORG"
    assert labels["Tom Reyes"] == "PERSON"


@pytest.mark.parametrize(
    "sentence, firm",
    [
        ("China Light and Power fell 0.10 to 35.70 .", "China Light and Power"),
        ("Shares of Pacific Gas and Electric rose.", "Pacific Gas and Electric"),
        ("Northern Lighting and Power Co said rates would rise.", "Northern Lighting and Power Co"),
    ],
)
def test_a_utility_named_for_two_trades_is_one_company(sentence: str, firm: str) -> None:
    orgs = [m.text for m in extract(sentence).mentions if m.label == "ORG"]
    assert orgs == [firm]


@pytest.mark.parametrize(
    "sentence, name, label",
    [
        ("Troops killed 12 Shining Path guerrillas on Monday.", "Shining Path", "ORG"),
        ("But Le Matin newspaper, quoting witnesses, said 20 died.", "Le Matin", "ORG"),
        ("Virgin Atlantic chairman Richard Branson said no.", "Virgin Atlantic", "ORG"),
        ("Shares in Royal Caribbean and Union Pacific rose.", "Royal Caribbean", "ORG"),
        ("Storms swept the North Atlantic on Monday.", "North Atlantic", "LOC"),
        ("They qualified for the World Cup group stage.", "World Cup", "EVENT"),
    ],
)
def test_what_follows_or_ends_a_name_says_its_kind(sentence: str, name: str, label: str) -> None:
    assert {m.text: m.label for m in extract(sentence).mentions}[name] == label


FIRMS = [
    "Drinks firm Halloran Domecq said on Monday it would cut 600 jobs, the daily Wiener "
    "Zeitung reported.",
    "Halloran Domecq shares rose 3%, and broadcaster David Dimbleby said the news was "
    "expected. Budget airline Virgin Teal said fares would fall.",
]


@in_layouts(FIRMS)
def test_a_name_after_a_word_for_a_firm_or_a_paper_is_the_firm_throughout(text: str) -> None:
    named = label_sets(text)
    assert named["Halloran Domecq"] == {"ORG"}  # here and in the next paragraph
    assert named["Wiener Zeitung"] == {"ORG"}
    assert named["Virgin Teal"] == {"ORG"}
    assert named["David Dimbleby"] == {"PERSON"}  # a broadcaster with a given name


BODIES = [
    "LONDON, June 14 - The Confederation of British Industry (CBI) said output would grow, "
    "and Nigel Lawson told the Commons Treasury and Civil Service Committee that inflation "
    "would fall.",
    "The Countryside Alliance lost its appeal on Wednesday. But the group says the fight "
    "will go on.",
]


@in_layouts(BODIES)
def test_a_body_of_members_is_one_organisation_and_the_group_that_speaks(text: str) -> None:
    r = extract(text)
    orgs = {" ".join(m.text.split()): m.entity for m in r.mentions if m.label == "ORG"}
    assert orgs["Confederation of British Industry"] == "Confederation of British Industry"
    assert orgs["CBI"] == "Confederation of British Industry"
    assert "Commons Treasury and Civil Service Committee" in orgs
    said = {str(f.object).split()[0]: f.subject for f in r.facts if f.predicate == "said"}
    assert said["output"] == "Confederation of British Industry"
    assert said["the"] == "Countryside Alliance"  # "the group says the fight ..."
