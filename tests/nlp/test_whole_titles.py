"""A title is the whole office: "Shadow education secretary Tim Collins" is the Shadow
Education Secretary (not the Education Secretary, whom the story may also name), "general
secretary" of a union is its General Secretary; a word of when ("Former") is not the title's.
And a quotation that goes on from one speaker's words is not the next speaker's because the
next one "added:"."""

from __future__ import annotations

from explorer.nlp import extract

from .layouts import affiliations, held, in_layouts, labels, said, speakers, titles

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


@in_layouts(POLITICS)
def test_titles_are_whole_offices(text: str) -> None:
    got = titles(text)
    assert ("Ruth Kelly", "Education Secretary", None) in got
    assert ("Tim Collins", "Shadow Education Secretary", None) in got
    assert ("Steve Sinnott", "General Secretary", "National Union of Teachers") in got
    assert ("Estelle Morris", "Education Secretary", None) in got
    holders = {s for s, o, _ in got if o == "Education Secretary"}
    assert holders == {"Ruth Kelly", "Estelle Morris"}


@in_layouts(POLITICS)
def test_a_quotation_going_on_is_its_first_speakers(text: str) -> None:
    got = said(text)
    assert ("Tim Collins", "Employers") in got
    assert ("Phil Willis", "Far") in got
    assert ("Phil Willis", "Employers") not in got


QUOTES_WITH_TITLES = [
    '"Many big brands have used the network," said chief executive Sam Yagan.',
    '"As we mourn his passing, I ask you to remember his family," chief executive James '
    "Skinner said in a statement.",
    "More money is to be given to councils to develop caravan parks, said housing minister "
    "Yvette Cooper.",
    '"The quality of reporting does differ," Judge Letitia Clark said.',
]


@in_layouts(QUOTES_WITH_TITLES)
def test_a_title_in_lower_case_before_the_speaker_leaves_the_speaker(text: str) -> None:
    """'"...," said chief executive Sam Yagan' was nobody's: the title, not the person after
    it, was read as the speaker."""
    assert said(text) == {
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


@in_layouts(LEADERS)
def test_a_party_leader_holds_a_title_and_speaks(text: str) -> None:
    r = extract(text)
    got = titles(r)
    assert ("Michael Howard", "Leader", "Tory") in got
    assert ("Charles Kennedy", "Leader", "Liberal Democrat") in got
    assert ("Phil Willis", "Education Spokesman", "Liberal Democrats") in got
    assert not [t for t in got if t[0] == "Diageo"]  # a market leader holds no office
    quoted = said(r)
    # the aside's title is a friend's, not the speaker's; the quotation Boateng introduced is
    # his though Kennedy "added" after it
    assert ("Anne Robinson", "he") in quoted and ("Michael Howard", "he") not in quoted
    assert ("Paul Boateng", "None") in quoted and ("Charles Kennedy", "None") not in quoted
    assert ("Charles Kennedy", "People") in quoted


WIRE_TITLES = [
    "Citicorp chairman John Reed said profits rose.",
    "Senate Majority Leader Robert Dole said the bill would pass.",
    "Commerce Department undersecretary Robert Ortner said growth slowed.",
    "Kuwaiti oil minister Sheikh Ali al-Khalifa al-Sabah said output was steady.",
    "Health Secretary Dr John Reid said waiting lists were falling.",
    "Film director Ken Loach said the prize was a surprise.",
    "Halvorsen's chief financial officer Jon Berg said costs fell.",
]


@in_layouts(WIRE_TITLES)
def test_titles_of_wire_copy_with_their_organisations(text: str) -> None:
    result = extract(text)
    assert {
        ("John Reed", "Chairman", "Citicorp"),
        ("Robert Dole", "Majority Leader", "Senate"),
        ("Robert Ortner", "Undersecretary", "Commerce Department"),
        ("Ali al-Khalifa al-Sabah", "Oil Minister", "Kuwait"),
        ("John Reid", "Health Secretary", None),
        ("Jon Berg", "Chief Financial Officer", "Halvorsen"),
    } <= titles(result)
    # a film's director names no organisation "Film"
    assert "Film" not in {m.text for m in result.mentions if m.label == "ORG"}


PORTFOLIOS = [
    "Lib Dem Treasury spokesman Vince Cable said the plan would fail.",
    "Tory Treasury spokesman Oliver Letwin said the plan would fail.",
    "Labour spokesman David Winnick said the plan would fail.",
    "Salvation Army spokesman Jonathan Lomax said the plan would fail.",
    "California Institute of Technology professor Roy Williams said the plan would fail.",
]


@in_layouts(PORTFOLIOS)
def test_a_portfolio_in_capitals_before_a_title_in_lower_case_is_the_titles(text: str) -> None:
    """ "Lib Dem Treasury spokesman" gave an organisation "Lib Dem Treasury"; the party, an
    organisation's own last word ("Army", "Technology") stay out of the title."""
    result = extract(text)
    got = titles(result)
    assert ("Vince Cable", "Treasury Spokesman", "Liberal Democrats") in got
    assert ("Oliver Letwin", "Treasury Spokesman", "Tory") in got
    assert ("David Winnick", "Spokesman", "Labour") in got
    assert ("Jonathan Lomax", "Spokesman", "Salvation Army") in got
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


@in_layouts(UNDER)
def test_an_under_secretary_and_a_first_minister_hold_the_whole_office(text: str) -> None:
    r = extract(text)
    got = held(r)
    assert ("Colin Brandt", "Under Secretary of State") in got  # not Secretary of State
    assert ("Ray Mott", "Treasury Under Secretary") in got
    assert ("Walt Nance", "Under Secretary of Agriculture") in got
    assert ("Ortega", "President") in got  # "Under President Ortega": under his rule
    assert ("Alun Price", "First Minister") in got
    assert ("Ana Reyes", "First Lady") in got
    ordinals = [m.text for m in r.mentions if m.label == "ORDINAL"]
    assert ordinals == []


RANKS = [
    "LAGOS, Aug 30 - Military ruler General Sani Abacha sacked the oil minister, state radio "
    "said. Commonwealth Secretary-General Chief Emeka Anyaoku said he was concerned.",
    "General Dynamics shares fell, and General Motors Europe cut jobs. Lord Justice Mayfield "
    "and Mr Justice Harlow heard the appeal, and Supreme Court Justice Stephen Brandt "
    "dissented. Chief Supt Mick Dean said little about the Criminal Justice Bill.",
]


@in_layouts(RANKS)
def test_a_rank_that_also_modifies_titles_is_a_title_before_a_name(text: str) -> None:
    r = extract(text)
    named = labels(r)
    assert named["Sani Abacha"] == "PERSON" and named["General"] == "TITLE"
    assert named["Emeka Anyaoku"] == "PERSON"
    assert named["Stephen Brandt"] == "PERSON"
    assert named["Criminal Justice Bill"] == "LAW"
    assert "Dynamics" not in named and "Motors Europe" not in named
    got = held(r)
    assert {("Sani Abacha", "General"), ("Emeka Anyaoku", "Chief")} <= got
    assert ("Mick Dean", "Chief Supt") in got
    assert ("Stephen Brandt", "Justice") in got


DIRECTORS = [
    "LONDON, June 14 - Sir Terence Beckett, the CBI's director-general, said firms were more "
    "confident. Peter Gale, director general of the Retail Trust, agreed.",
    "Fiona Dean, associate director of Arts Venture Capital, and Joan Pike, the firm's "
    "finance director, said the fund would grow. Former director Sam Hale was not asked.",
]


@in_layouts(DIRECTORS)
def test_a_director_in_lower_case_holds_the_whole_title(text: str) -> None:
    got = titles(text)
    assert ("Terence Beckett", "Director-General", "CBI") in got
    assert ("Peter Gale", "Director General", "Retail Trust") in got
    assert ("Fiona Dean", "Associate Director", "Arts Venture Capital") in got
    assert ("Joan Pike", "Finance Director", "Arts Venture Capital") in got  # "the firm's"
    assert ("Sam Hale", "Director", None) in got  # "former" says when, not what


SPOKESMEN = [
    "LONDON, June 14 - Labour's Treasury spokesman, Jim Pryce, said the forecasts had been "
    "wrong before. Ann Dale, the Liberals' Health spokeswoman, agreed, and London's Labour "
    "mayor Ken Vale said nothing.",
]


@in_layouts(SPOKESMEN)
def test_a_portfolio_after_a_possessive_is_the_titles_not_an_organisation(text: str) -> None:
    r = extract(text)
    got = held(r)
    assert ("Jim Pryce", "Treasury Spokesman") in got
    assert ("Ann Dale", "Health Spokeswoman") in got
    assert ("Jim Pryce", "Treasury") not in affiliations(r)
    assert "Labour Mayor" not in {t for _, t in got}


ENVOYS = [
    "MOSCOW, April 15 - U.S. Secretary of State George Shultz and Soviet Foreign Minister "
    'Eduard Shevardnadze ended two days of talks. "We have made real progress," Shultz said. '
    "The Bank of England and the Bundesbank were not asked, and the Police Federation of "
    "England and Wales said nothing.",
]


@in_layouts(ENVOYS)
def test_a_name_after_an_office_of_state_ends_before_and(text: str) -> None:
    r = extract(text)
    named = labels(r)
    assert named["George Shultz"] == "PERSON"
    assert named["Eduard Shevardnadze"] == "PERSON"
    assert named["Bank of England"] == "ORG" and named["Bundesbank"] == "ORG"
    assert named["Police Federation of England and Wales"] == "ORG"
    assert ("George Shultz", "Secretary of State") in held(r)
    assert speakers(r) == {"George Shultz"}


FESTIVAL = [
    "BERLIN, Feb 10 - Festival director Dieter Brand said the film festival would open with "
    "a German film. Arthur Mill, a law professor at the Free University, praised the choice.",
    "Worldcom director Sam Hale was not asked.",
]


@in_layouts(FESTIVAL)
def test_a_field_before_a_director_or_a_professor_is_the_titles(text: str) -> None:
    got = held(text)
    assert ("Dieter Brand", "Festival Director") in got  # the story writes "film festival"
    assert ("Arthur Mill", "Law Professor") in got
    assert ("Sam Hale", "Worldcom Director") not in got  # a firm's name, no field
