"""Organisations and people as reporters write them, which the recognizer cut in pieces: a
firm of two partners joined by "and", a police force or a council named after two places, a
ministry whose portfolios are listed with commas, a company's national arm, a name with
letters after it, a police rank in short, and a headline in capitals that repeats a name of
the story. Every text is written for these tests, each read in three layouts."""

from __future__ import annotations

from .layouts import in_layouts, label_sets, labels, names, speakers

# --- a firm of two partners -------------------------------------------------------------------

FIRM = [
    "The family was advised by the law firm Harwood and Pryce, which said it would appeal.",
    "Harwood and Pryce said on Tuesday that the ruling ignored the evidence.",
    "Brokers Dalton and Greer said prices fell, and Smith and Jones said they disagreed.",
    "Tom Hale, a partner at Ferris and Kent, said the law firm Hollis and May had lost.",
]


@in_layouts(FIRM)
def test_a_firm_after_its_trade_is_one_organisation_throughout(text):
    got = names(text)
    firms = [m for m in got if m[0] == "Harwood and Pryce"]
    assert len(firms) == 2 and all(m[1] == "ORG" for m in firms), got
    assert ("Dalton and Greer", "ORG", "Dalton and Greer") in got
    assert "Harwood" not in labels(text) and "Pryce" not in labels(text)
    assert "Smith and Jones" not in labels(text)  # two people, no trade said
    assert {"Harwood and Pryce", "Dalton and Greer"} <= speakers(text)
    assert ("Ferris and Kent", "ORG", "Ferris and Kent") in got
    assert ("Hollis and May", "ORG", "Hollis and May") in got  # a partner named like a month


TRADERS = [
    "Minerals and Metals Trading Corp said it had sold 20,000 tonnes of copper to "
    "E.K. and T. Barlow Ltd, a trading house in London.",
    "Britain and France said they would back the sale.",
]


@in_layouts(TRADERS)
def test_a_legal_form_after_two_partners_covers_both(text):
    got = labels(text)
    assert got.get("Minerals and Metals Trading Corp") == "ORG", got
    assert got.get("E.K. and T. Barlow Ltd") == "ORG", got
    assert "Minerals" not in got and "T. Barlow Ltd" not in got
    assert got.get("Britain") == "GPE" and got.get("France") == "GPE"


# --- public bodies named after places or portfolios -------------------------------------------

FORCES = [
    "Officers from Wessex and Dorset Police arrested a man on Friday, and Devon and Cornwall "
    "Constabulary said it was looking for a second man.",
    "Bedfordshire and Luton Fire Service said crews were called to the warehouse, and "
    "Brighton and Hove City Council closed the road.",
]


@in_layouts(FORCES)
def test_a_force_or_council_named_after_two_places_is_one_organisation(text):
    got = label_sets(text)
    for body in (
        "Wessex and Dorset Police",
        "Devon and Cornwall Constabulary",
        "Bedfordshire and Luton Fire Service",
        "Brighton and Hove City Council",
    ):
        assert got.get(body) == {"ORG"}, (body, got)
    assert "Devon" not in got and "Wessex" not in got


MINISTRY = [
    "The Ministry of Farming, Fisheries and Rural Affairs announced the grant on Monday.",
    "A spokesperson for the Ministry of Farming, Fisheries and Rural Affairs said the "
    "scheme was fair.",
    "A Department for Coasts, Rivers and Inland Waters spokesman said the work would start.",
]


@in_layouts(MINISTRY)
def test_a_ministry_listing_its_portfolios_is_one_organisation(text):
    full = "Ministry of Farming, Fisheries and Rural Affairs"
    got = names(text)
    other = "Department for Coasts, Rivers and Inland Waters"
    assert [m[0] for m in got if m[1] != "TITLE"] == [full, full, other], got
    assert speakers(text) == {full, other}  # one each, not a speaker per part


ARMS = [
    "Ford of Britain said it would cut 500 jobs at its Essex plant.",
    "General Motors of Canada said it would hire, while Hoechst AG of West Germany said "
    "sales rose.",
]


@in_layouts(ARMS)
def test_a_companys_national_arm_is_one_organisation(text):
    got = labels(text)
    assert got.get("Ford of Britain") == "ORG" and got.get("General Motors of Canada") == "ORG"
    assert "Britain" not in got and "Canada" not in got
    assert got.get("West Germany") == "GPE"  # where a company with its legal form is
    assert {"Ford of Britain", "General Motors of Canada"} <= speakers(text)


# --- people: letters after the name, police ranks in short -------------------------------------

LETTERS = [
    "Anna Cartwright KC, for the family, said they were relieved. Ms Cartwright said the "
    "inquiry had failed them.",
    "Peter Lang MP said the report was late.",
]


@in_layouts(LETTERS)
def test_letters_after_a_name_are_no_part_of_it(text):
    got = names(text)
    people = {m[0]: m[2] for m in got if m[1] == "PERSON"}
    assert people == {
        "Anna Cartwright": "Anna Cartwright",
        "Cartwright": "Anna Cartwright",
        "Peter Lang": "Peter Lang",
    }, got
    assert "Peter Lang" in speakers(text)


RANKS = [
    "Det Insp Claire Dunn of Wessex and Dorset Police said the man had been arrested.",
    "Ch Insp Tom Bale said more arrests were likely. DCI Paul Rowe and Det Sgt Amy Lees "
    "attended the scene.",
]


@in_layouts(RANKS)
def test_a_police_rank_in_short_is_a_title_before_the_name(text):
    got = label_sets(text)
    for person in ("Claire Dunn", "Tom Bale", "Paul Rowe", "Amy Lees"):
        assert got.get(person) == {"PERSON"}, (person, got)
    for rank in ("Det Insp", "Ch Insp", "DCI", "Det Sgt"):
        assert got.get(rank) == {"TITLE"}, (rank, got)
    assert not [n for n, ls in got.items() if "ORG" in ls and n != "Wessex and Dorset Police"]
    assert "Claire Dunn" in speakers(text)


# --- a headline in capitals repeats the story's names ---------------------------------------

HEADLINES = [
    "BANK OF FRANCE CUTS RATE, FORD BRITAIN WORKERS STRIKE",
    "PARIS, March 3 - The Bank of France cut its intervention rate on Tuesday, and workers "
    "at Ford of Britain went on strike.",
    "NON-OPEC OIL OUTPUT RISES",
    "Oil output from countries outside OPEC rose in February, the agency said.",
]


@in_layouts(HEADLINES)
def test_a_headline_gives_the_names_the_story_writes_whole(text):
    got = names(text)
    assert ("BANK OF FRANCE", "ORG", "Bank of France") in got, got
    assert ("FORD BRITAIN", "ORG", "Ford of Britain") in got, got
    assert not [m for m in got if m[0] in ("FRANCE", "BRITAIN", "FORD") or "NON" in m[0]]


# --- title words are no organisation ----------------------------------------------------------

ROLES = [
    "Egyptian Petroleum Minister Abdel Hadi Kandeel said output would rise, and Indonesian "
    "Mines and Energy Minister Ginandjar Kartasasmita said prices would hold.",
    "Assistant U.S. Attorney Mary Jo Whitby said the case was strong.",
    "Prosecutors said the fraud ran for years. Investigators said the books were burned.",
]


@in_layouts(ROLES)
def test_title_words_and_people_of_a_trade_are_no_organisation(text):
    got = label_sets(text)
    assert not [n for n, ls in got.items() if "ORG" in ls], got
    assert got.get("Egyptian") == {"NORP"} and got.get("Indonesian") == {"NORP"}
    assert got.get("Petroleum Minister") == {"TITLE"}
    assert got.get("Mines and Energy Minister") == {"TITLE"}
    assert got.get("U.S.") == {"GPE"} and got.get("Mary Jo Whitby") == {"PERSON"}
