"""A title in lower case before a name is read whole, not its last word or two: "the tin
buffer stock manager, Peter Smith," is the Tin Buffer Stock Manager, "the council's cabinet
member for transport, X," its Cabinet Member for Transport. Whose it is comes from the words
before it: an organisation's possessive ("Greenpeace's"), "Its" (the organisation the
sentence before is about), "The new head" (the one named just before). And the wire's
"Council leader X" is of the council the story names, "X, the top Treasury official in
Tokyo," an official of the Treasury, "X, a forecaster at the Met Office," a forecaster there."""

from __future__ import annotations

from explorer.nlp import extract

from .layouts import in_layouts, titles

WHOLE = [
    "Tin prices slid again in London on Tuesday.",
    "The tin buffer stock manager, Peter Smith, said the market would steady by the spring.",
    "Their chief rugby league writer, Tom Hardy, said the match had been a poor one.",
    "The deputy head teacher, Janet Fox, said every pupil had been taken home safely.",
    "The senior research fellow, Anna Berg, said the results were clear enough.",
    "Deputy head teacher Malik Osei said parents had been told by letter.",
]


@in_layouts(WHOLE)
def test_a_title_in_lower_case_is_read_whole(text: str) -> None:
    got = titles(text)
    assert ("Peter Smith", "Tin Buffer Stock Manager", None) in got
    assert ("Tom Hardy", "Chief Rugby League Writer", None) in got
    assert ("Janet Fox", "Deputy Head Teacher", None) in got
    assert ("Anna Berg", "Senior Research Fellow", None) in got
    assert ("Malik Osei", "Deputy Head Teacher", None) in got
    # the office's last words alone are no second title of theirs
    assert not {(s, o) for s, o, _ in got} & {
        ("Peter Smith", "Stock Manager"),
        ("Janet Fox", "Deputy Head"),
    }


OWNED = [
    "Greenpeace's head of oceans campaign, Ana Ruiz, said the plan had failed.",
    "The council's cabinet member for transport, Liam Byrne, said the roads would be mended.",
    "Oxfam's senior policy adviser, Hugo Brand, said the deal was a start.",
]


@in_layouts(OWNED)
def test_an_owner_before_a_lower_case_title_is_whose_it_is(text: str) -> None:
    got = titles(text)
    assert ("Ana Ruiz", "Head of Oceans Campaign", "Greenpeace") in got
    assert ("Liam Byrne", "Cabinet Member for Transport", None) in got
    assert ("Hugo Brand", "Senior Policy Adviser", "Oxfam") in got


ITS_AND_NEW = [
    "Shares in Calder Holdings rose on Monday.",
    "Its publisher, Henry Blake, said the staff had been told.",
    "Bromley Hospital has a new leader.",
    "The new head, Maria Lopez, who joined in May, said she was pleased.",
]


@in_layouts(ITS_AND_NEW)
def test_its_and_the_new_are_the_organisation_named_before(text: str) -> None:
    got = titles(text)
    assert ("Henry Blake", "Publisher", "Calder Holdings") in got
    assert ("Maria Lopez", "Head", "Bromley Hospital") in got


def test_the_new_head_of_nobody_named_is_nobodys() -> None:
    got = titles("The weather was fine. The new head, Maria Lopez, said she was pleased.\n")
    assert ("Maria Lopez", "Head", None) in got


COUNCIL = [
    "Leeds City Council approved the plan for a new tram line on Wednesday.",
    "Council leader Judith Blake said it was a good day for the city.",
]


@in_layouts(COUNCIL)
def test_council_leader_is_the_councils_the_story_names(text: str) -> None:
    assert ("Judith Blake", "Leader", "Leeds City Council") in titles(text)


def test_council_leader_with_no_council_named_is_nobodys() -> None:
    got = titles("Council leader Judith Blake said it was a good day for the city.\n")
    assert {(s, of) for s, _, of in got} == {("Judith Blake", None)}


WIRE = [
    "Michael Armacost, the top U.S. official in Japan, said the talks had gone well.",
    "John Reed, a senior Treasury official, said rates would not fall this year.",
    "Sarah Jones, a forecaster at the Met Office, said so.",
    "Aviation analyst Nick Brennan of Harcourt Securities said fares would rise.",
]


@in_layouts(WIRE)
def test_wire_officials_and_forecasters(text: str) -> None:
    got = titles(text)
    assert ("Michael Armacost", "Official", "United States") in got
    assert ("John Reed", "Official", "Treasury") in got
    assert ("Sarah Jones", "Forecaster", "Met Office") in got
    assert ("Nick Brennan", "Aviation Analyst", "Harcourt Securities") in got


NOT_TITLES = [
    "The legendary singer, Ray Charles, died in 2004.",
    "Critics of the land reform policy say president Hugo Chavez is wrong.",
    "Chelsea winger Arjen Robben was hurt in the second half.",
    "The film was made before returning to the sport under Lester's shrewd eye.",
    "Women's top seed Lindsay Davenport won in straight sets.",
    "A house in Houston is owned by its chief finance officer Bruce Misamore.",
]


@in_layouts(NOT_TITLES)
def test_praise_names_and_clauses_are_no_titles_words(text: str) -> None:
    got = titles(text)
    objects = {o for _, o, _ in got}
    assert not objects & {"Legendary Singer", "Chelsea Winger", "Sport Under"}
    assert not any(o.startswith("Land") for o in objects)
    assert ("Lindsay Davenport", "Top Seed", "Women") not in got
    assert not any(s == "Bruce Misamore" and of is not None for s, _, of in got)


PARTIES_AND_FIELDS = [
    "The Conservatives attacked the plan on Monday.",
    "The Green Party met in Brighton at the weekend.",
    "Party leader Caroline Lucas said the vote had been won.",
    "The Labour party's deputy general secretary, Ann Black, said the rules were clear.",
    "Ford's head of European sales, Mary Chen, said orders had risen.",
    "Robert Klein, senior economist with Lloyds Bank, said rates would fall.",
]


@in_layouts(PARTIES_AND_FIELDS)
def test_party_leader_field_words_and_roles_with_a_body(text: str) -> None:
    got = titles(text)
    # "Party leader" is of the party named last before it, as "the party's leader" is
    assert ("Caroline Lucas", "Leader", "Green Party") in got
    assert ("Ann Black", "Deputy General Secretary", "Labour") in got
    assert ("Mary Chen", "Head of European Sales", "Ford") in got
    assert ("Robert Klein", "Senior Economist", "Lloyds Bank") in got


AFTER_NAMES = [
    "Jo Park, the deputy head teacher, said the pupils were safe.",
    "Sam Ode, a senior research fellow at the Royal Institute, said the data were sound.",
    "Calder Holdings said Ray Lunn, its tin buffer stock manager, had left the firm.",
    "Ada Kerr, 54, a former assistant chief constable, said the force was stretched.",
    "Tim Rowe, now chairman of the board, said the vote was fair.",
    "Mervyn Price, a member of two winning sides, said the team was strong.",
]


@in_layouts(AFTER_NAMES)
def test_a_title_set_off_after_a_name_is_read_whole(text: str) -> None:
    got = titles(text)
    assert ("Jo Park", "Deputy Head Teacher", None) in got
    assert ("Sam Ode", "Senior Research Fellow", "Royal Institute") in got
    assert ("Ray Lunn", "Tin Buffer Stock Manager", "Calder Holdings") in got
    assert ("Ada Kerr", "Assistant Chief Constable", None) in got
    assert ("Jo Park", "Deputy Head", None) not in got
    assert not any(o.startswith("Now") or o == "Member of Two" for _, o, _ in got)


FOR_A_FIRM = [
    '"It is like poking a bear," said Graham Cole, senior technology consultant for Sophos.',
    "Rob Pike, sales director for Arbor Networks, said traffic had doubled.",
]


@in_layouts(FOR_A_FIRM)
def test_a_title_for_a_firm_is_read_once(text: str) -> None:
    facts = [f for f in extract(text).facts if f.predicate == "title"]
    got = [(f.subject, f.object, f.qualifiers.get("of")) for f in facts]
    assert got.count(("Graham Cole", "Senior Technology Consultant", "Sophos")) == 1
    assert got.count(("Rob Pike", "Sales Director", "Arbor Networks")) == 1
