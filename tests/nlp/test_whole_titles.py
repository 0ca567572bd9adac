"""A title is the whole office: "Shadow education secretary Tim Collins" is the Shadow
Education Secretary (not the Education Secretary, whom the story may also name), "general
secretary" of a union is its General Secretary; a word of when ("Former") is not the title's.
And a quotation that goes on from one speaker's words is not the next speaker's because the
next one "added:"."""

from __future__ import annotations

import pytest

from explorer.nlp import extract

from .layouts import layouts

POLITICS = [
    "Minister defends school funding plan",
    "Education Secretary Ruth Kelly has defended plans to give head teachers more control "
    "over their budgets.",
    "But National Union of Teachers general secretary Steve Sinnott warned the changes could "
    "widen the gap between rich and poor schools.",
    'Shadow education secretary Tim Collins said: "This is the third report in two days to '
    'highlight the failure. "Employers have repeatedly voiced concern, but all the government '
    'have offered is more talk." Liberal Democrat spokesman Phil Willis added: "Far too '
    'little has been done."',
    "Former education secretary Estelle Morris said the plan was sound.",
]


@pytest.mark.parametrize("text", layouts(POLITICS), ids=["one-line", "wrapped", "crlf"])
def test_titles_are_whole_offices(text: str) -> None:
    facts = extract(text).facts
    titles = {
        (f.subject, f.object, f.qualifiers.get("of")) for f in facts if f.predicate == "title"
    }
    assert ("Ruth Kelly", "Education Secretary", None) in titles
    assert ("Tim Collins", "Shadow Education Secretary", None) in titles
    assert ("Steve Sinnott", "General Secretary", "National Union of Teachers") in titles
    assert ("Estelle Morris", "Education Secretary", None) in titles
    holders = {s for s, o, _ in titles if o == "Education Secretary"}
    assert holders == {"Ruth Kelly", "Estelle Morris"}


@pytest.mark.parametrize("text", layouts(POLITICS), ids=["one-line", "wrapped", "crlf"])
def test_a_quotation_going_on_is_its_first_speakers(text: str) -> None:
    said = {(f.subject, f.object.split()[0]) for f in extract(text).facts if f.predicate == "said"}
    assert ("Tim Collins", "Employers") in said
    assert ("Phil Willis", "Far") in said
    assert ("Phil Willis", "Employers") not in said


QUOTES_WITH_TITLES = [
    '"Many big brands have used the network," said chief executive Sam Yagan.',
    '"As we mourn his passing, I ask you to remember his family," chief executive James '
    "Skinner said in a statement.",
    "More money is to be given to councils to develop caravan parks, said housing minister "
    "Yvette Cooper.",
    '"The quality of reporting does differ," Judge Letitia Clark said.',
]


@pytest.mark.parametrize("text", layouts(QUOTES_WITH_TITLES), ids=["one-line", "wrapped", "crlf"])
def test_a_title_in_lower_case_before_the_speaker_leaves_the_speaker(text: str) -> None:
    """'"...," said chief executive Sam Yagan' was nobody's: the title, not the person after
    it, was read as the speaker."""
    said = {(f.subject, f.object.split()[0]) for f in extract(text).facts if f.predicate == "said"}
    assert said == {
        ("Sam Yagan", "Many"),
        ("James Skinner", "As"),
        ("Yvette Cooper", "More"),
        ("Letitia Clark", "The"),
    }


LEADERS = [
    "Tory leader Michael Howard attacked the budget.",
    "The rest of the firm was bought by market leader Diageo.",
    "TV presenter Anne Robinson said he was kind. Ms Robinson, a friend of the Tory leader, "
    "also revealed that he was a fine dancer.",
    "The Liberal Democrats' education spokesman, Phil Willis, said the plan was wrong.",
    'Mr Howard said: "We will cut taxes." However, Treasury minister Paul Boateng said: "None '
    'of the figures add up." Liberal Democrat leader Charles Kennedy added: "People will not '
    'be taken in."',
]


@pytest.mark.parametrize("text", layouts(LEADERS), ids=["one-line", "wrapped", "crlf"])
def test_a_party_leader_holds_a_title_and_speaks(text: str) -> None:
    facts = extract(text).facts
    titles = {
        (f.subject, f.object, f.qualifiers.get("of")) for f in facts if f.predicate == "title"
    }
    assert ("Michael Howard", "Leader", "Tory") in titles
    assert ("Charles Kennedy", "Leader", "Liberal Democrat") in titles
    assert ("Phil Willis", "Education Spokesman", "Liberal Democrats") in titles
    assert not [t for t in titles if t[0] == "Diageo"]  # a market leader holds no office
    said = {(f.subject, f.object.split()[0]) for f in facts if f.predicate == "said"}
    # the aside's title is a friend's, not the speaker's; the quotation Boateng introduced is
    # his though Kennedy "added" after it
    assert ("Anne Robinson", "he") in said and ("Michael Howard", "he") not in said
    assert ("Paul Boateng", "None") in said and ("Charles Kennedy", "None") not in said
    assert ("Charles Kennedy", "People") in said


WIRE_TITLES = [
    "Citicorp chairman John Reed said profits rose.",
    "Senate Majority Leader Robert Dole said the bill would pass.",
    "Commerce Department undersecretary Robert Ortner said growth slowed.",
    "Kuwaiti oil minister Sheikh Ali al-Khalifa al-Sabah said output was steady.",
    "Health Secretary Dr John Reid said waiting lists were falling.",
    "Film director Ken Loach said the prize was a surprise.",
    "Halvorsen's chief financial officer Jon Berg said costs fell.",
]


@pytest.mark.parametrize("text", layouts(WIRE_TITLES), ids=["one-line", "wrapped", "crlf"])
def test_titles_of_wire_copy_with_their_organisations(text: str) -> None:
    result = extract(text)
    titles = {
        (f.subject, f.object, f.qualifiers.get("of"))
        for f in result.facts
        if f.predicate == "title"
    }
    assert {
        ("John Reed", "Chairman", "Citicorp"),
        ("Robert Dole", "Majority Leader", "Senate"),
        ("Robert Ortner", "Undersecretary", "Commerce Department"),
        ("Ali al-Khalifa al-Sabah", "Oil Minister", "Kuwait"),
        ("John Reid", "Health Secretary", None),
        ("Jon Berg", "Chief Financial Officer", "Halvorsen"),
    } <= titles
    # a film's director names no organisation "Film"
    assert "Film" not in {m.text for m in result.mentions if m.label == "ORG"}


PORTFOLIOS = [
    "Lib Dem Treasury spokesman Vince Cable said the plan would fail.",
    "Tory Treasury spokesman Oliver Letwin said the plan would fail.",
    "Labour spokesman David Winnick said the plan would fail.",
    "Salvation Army spokesman Jonathan Lomax said the plan would fail.",
    "California Institute of Technology professor Roy Williams said the plan would fail.",
]


@pytest.mark.parametrize("text", layouts(PORTFOLIOS), ids=["one-line", "wrapped", "crlf"])
def test_a_portfolio_in_capitals_before_a_title_in_lower_case_is_the_titles(text: str) -> None:
    """ "Lib Dem Treasury spokesman" gave an organisation "Lib Dem Treasury"; the party, an
    organisation's own last word ("Army", "Technology") stay out of the title."""
    result = extract(text)
    titles = {
        (f.subject, f.object, f.qualifiers.get("of"))
        for f in result.facts
        if f.predicate == "title"
    }
    assert ("Vince Cable", "Treasury Spokesman", "Liberal Democrats") in titles
    assert ("Oliver Letwin", "Treasury Spokesman", "Tory") in titles
    assert ("David Winnick", "Spokesman", "Labour") in titles
    assert ("Jonathan Lomax", "Spokesman", "Salvation Army") in titles
    orgs = {m.text for m in result.mentions if m.label == "ORG"}
    assert "Lib Dem Treasury" not in orgs and "California Institute of Technology" in orgs


UNDER = [
    "WASHINGTON, March 3 - Under Secretary of State Colin Brandt met the envoy on Monday. "
    "Treasury Under Secretary Ray Mott said the talks went well.",
    "Walt Nance, a former under secretary of agriculture now with Harlan Grain Inc, said the "
    "estimate was high. Under "
    "President Ortega, output rose, First Minister Alun Price said. First Lady Ana Reyes "
    "opened the school.",
]


@pytest.mark.parametrize("text", layouts(UNDER), ids=["one-line", "wrapped", "crlf"])
def test_an_under_secretary_and_a_first_minister_hold_the_whole_office(text: str) -> None:
    titles = {(f.subject, f.object) for f in extract(text).facts if f.predicate == "title"}
    assert ("Colin Brandt", "Under Secretary of State") in titles  # not Secretary of State
    assert ("Ray Mott", "Treasury Under Secretary") in titles
    assert ("Walt Nance", "Under Secretary of Agriculture") in titles
    assert ("Ortega", "President") in titles  # "Under President Ortega": under his rule
    assert ("Alun Price", "First Minister") in titles
    assert ("Ana Reyes", "First Lady") in titles
    ordinals = [m.text for m in extract(text).mentions if m.label == "ORDINAL"]
    assert ordinals == []


RANKS = [
    "LAGOS, Aug 30 - Military ruler General Sani Abacha sacked the oil minister, state radio "
    "said. Commonwealth Secretary-General Chief Emeka Anyaoku said he was concerned.",
    "General Dynamics shares fell, and General Motors Europe cut jobs. Lord Justice Mayfield "
    "and Mr Justice Harlow heard the appeal, and Supreme Court Justice Stephen Brandt "
    "dissented. Chief Supt Mick Dean said little about the Criminal Justice Bill.",
]


@pytest.mark.parametrize("text", layouts(RANKS), ids=["one-line", "wrapped", "crlf"])
def test_a_rank_that_also_modifies_titles_is_a_title_before_a_name(text: str) -> None:
    r = extract(text)
    labels = {" ".join(m.text.split()): m.label for m in r.mentions}
    assert labels["Sani Abacha"] == "PERSON" and labels["General"] == "TITLE"
    assert labels["Emeka Anyaoku"] == "PERSON"
    assert labels["Stephen Brandt"] == "PERSON"
    assert labels["Criminal Justice Bill"] == "LAW"
    assert "Dynamics" not in labels and "Motors Europe" not in labels
    titles = {(f.subject, f.object) for f in r.facts if f.predicate == "title"}
    assert {("Sani Abacha", "General"), ("Emeka Anyaoku", "Chief")} <= titles
    assert ("Mick Dean", "Chief Supt") in titles
    assert ("Stephen Brandt", "Justice") in titles


DIRECTORS = [
    "LONDON, June 14 - Sir Terence Beckett, the CBI's director-general, said firms were more "
    "confident. Peter Gale, director general of the Retail Trust, agreed.",
    "Fiona Dean, associate director of Arts Venture Capital, and Joan Pike, the firm's "
    "finance director, said the fund would grow. Former director Sam Hale was not asked.",
]


@pytest.mark.parametrize("text", layouts(DIRECTORS), ids=["one-line", "wrapped", "crlf"])
def test_a_director_in_lower_case_holds_the_whole_title(text: str) -> None:
    titles = {
        (f.subject, f.object, f.qualifiers.get("of"))
        for f in extract(text).facts
        if f.predicate == "title"
    }
    assert ("Terence Beckett", "Director-General", "CBI") in titles
    assert ("Peter Gale", "Director General", "Retail Trust") in titles
    assert ("Fiona Dean", "Associate Director", "Arts Venture Capital") in titles
    assert ("Joan Pike", "Finance Director", "Arts Venture Capital") in titles  # "the firm's"
    assert ("Sam Hale", "Director", None) in titles  # "former" says when, not what


SPOKESMEN = [
    "LONDON, June 14 - Labour's Treasury spokesman, Jim Pryce, said the forecasts had been "
    "wrong before. Ann Dale, the Liberals' Health spokeswoman, agreed, and London's Labour "
    "mayor Ken Vale said nothing.",
]


@pytest.mark.parametrize("text", layouts(SPOKESMEN), ids=["one-line", "wrapped", "crlf"])
def test_a_portfolio_after_a_possessive_is_the_titles_not_an_organisation(text: str) -> None:
    r = extract(text)
    titles = {(f.subject, f.object) for f in r.facts if f.predicate == "title"}
    assert ("Jim Pryce", "Treasury Spokesman") in titles
    assert ("Ann Dale", "Health Spokeswoman") in titles
    works = {(f.subject, f.object) for f in r.facts if f.predicate == "affiliated_with"}
    assert ("Jim Pryce", "Treasury") not in works
    assert "Labour Mayor" not in {t for _, t in titles}


ENVOYS = [
    "MOSCOW, April 15 - U.S. Secretary of State George Shultz and Soviet Foreign Minister "
    'Eduard Shevardnadze ended two days of talks. "We have made real progress," Shultz said. '
    "The Bank of England and the Bundesbank were not asked, and the Police Federation of "
    "England and Wales said nothing.",
]


@pytest.mark.parametrize("text", layouts(ENVOYS), ids=["one-line", "wrapped", "crlf"])
def test_a_name_after_an_office_of_state_ends_before_and(text: str) -> None:
    r = extract(text)
    labels = {" ".join(m.text.split()): m.label for m in r.mentions}
    assert labels["George Shultz"] == "PERSON"
    assert labels["Eduard Shevardnadze"] == "PERSON"
    assert labels["Bank of England"] == "ORG" and labels["Bundesbank"] == "ORG"
    assert labels["Police Federation of England and Wales"] == "ORG"
    titles = {(f.subject, f.object) for f in r.facts if f.predicate == "title"}
    assert ("George Shultz", "Secretary of State") in titles
    said = {f.subject for f in r.facts if f.predicate == "said"}
    assert said == {"George Shultz"}


FESTIVAL = [
    "BERLIN, Feb 10 - Festival director Dieter Brand said the film festival would open with "
    "a German film. Arthur Mill, a law professor at the Free University, praised the choice.",
    "Worldcom director Sam Hale was not asked.",
]


@pytest.mark.parametrize("text", layouts(FESTIVAL), ids=["one-line", "wrapped", "crlf"])
def test_a_field_before_a_director_or_a_professor_is_the_titles(text: str) -> None:
    titles = {(f.subject, f.object) for f in extract(text).facts if f.predicate == "title"}
    assert ("Dieter Brand", "Festival Director") in titles  # the story writes "film festival"
    assert ("Arthur Mill", "Law Professor") in titles
    assert ("Sam Hale", "Worldcom Director") not in titles  # a firm's name, no field
