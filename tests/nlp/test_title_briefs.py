"""A portfolio's office with its brief after "for" in lower case is one title: "cabinet
secretary for net zero and energy X", "X, the cabinet secretary for justice,", "shadow
secretary of state for health X"; and a spokesman for a person is that person's. Every story
is written for these tests and read in the three layouts of `layouts`."""

from __future__ import annotations

from .layouts import in_layouts, titles

HOLYROOD = [
    "Cabinet secretary for rural affairs and islands Fiona Baird has promised new ferries for "
    "the western isles by 2028.",
    "Ms Baird told MSPs the first vessel would sail next spring.",
    "Calum Reid, the cabinet secretary for finance, said the money had been set aside.",
    "Shadow secretary of state for transport Helen Aske said the promise had been made before.",
    "The minister for islands, Rhona Kerr, will visit Stornoway on Friday.",
    "He was minister for two years before the election.",
]


@in_layouts(HOLYROOD)
def test_a_portfolio_after_for_is_the_titles(text):
    got = titles(text)
    assert ("Fiona Baird", "Cabinet Secretary for Rural Affairs and Islands", None) in got, got
    assert ("Calum Reid", "Cabinet Secretary for Finance", None) in got, got
    assert ("Helen Aske", "Shadow Secretary of State for Transport", None) in got, got
    assert ("Rhona Kerr", "Minister for Islands", None) in got, got
    # the office read alone is gone where the whole title is read
    assert not any(t[1] == "Secretary" for t in got), got
    assert not any("Two Years" in t[1] for t in got), got


STRIKE = [
    "DHAKA, May 9 - The opposition called a two-day general strike from Sunday.",
    "A spokesman for opposition leader Begum Rokeya, Anwar Kabir, said the strike would go "
    "ahead despite a ban on rallies.",
    "Prime Minister Shirin Akhter said the strike was illegal. Her spokesman, Imran Sobhan, "
    "said the police would keep the roads open.",
    "Mofiz Uddin, a spokesman for the opposition alliance, said no talks were planned.",
]


@in_layouts(STRIKE)
def test_a_spokesman_for_a_person_is_that_persons(text):
    got = titles(text)
    assert ("Anwar Kabir", "Spokesman", "Begum Rokeya") in got, got
    assert ("Begum Rokeya", "Opposition Leader", None) in got, got
    assert ("Imran Sobhan", "Spokesman", "Shirin Akhter") in got, got
    # a spokesman for a body in lower case is nobody's named
    assert ("Mofiz Uddin", "Spokesman", None) in got, got


LEADS = [
    "Begum Rokeya, whose National Unity Front boycotted the last election, said she would "
    "lead the march.",
    "The ruling People's League, led by Prime Minister Shirin Akhter, said the strike was "
    "illegal. The head of Rokeya's National Unity Front, Abdul Karim, said it would go on.",
]


@in_layouts(LEADS)
def test_no_title_nobody_stated_of_a_party_someone_leads(text):
    got = titles(text)
    # "whose party" and "led by" state no office; the head named is the head
    assert not any(t[0] == "Begum Rokeya" for t in got), got
    assert ("Shirin Akhter", "Prime Minister", None) in got, got
    assert ("Abdul Karim", "Head", "National Unity Front") in got, got
    assert not any(t[0] == "Shirin Akhter" and t[1] in ("Head", "Leader") for t in got), got
