"""Names with a possessive inside or at their end: "the People's Republic of China", "the
Kurdistan Workers' Party", "McDonald's", "Moody's Investors Service". Each was cut at the
apostrophe (a party "Pakistan People" and another "Party"; a firm "Investors Service"; no
"McDonald's" at all when it opened a sentence). Every text is written for these tests, in the
three layouts of `layouts`."""

from __future__ import annotations

from explorer.nlp import extract

from .layouts import affiliations, in_layouts, layouts, names, said, titles

PARTIES = [
    "MANILA, Nov 27 - Communist rebels said on Thursday that the New People's Army would "
    "observe a 60-day ceasefire from December 10, a rebel negotiator told reporters.",
    "The People's Republic of China protested to the embassy, and the Democratic People's "
    "Republic of Korea said it would send an envoy to the talks.",
    "In Islamabad the Pakistan People's Party won the vote, while in Ankara the government "
    "said the Kurdistan Workers' Party had claimed the attack.",
    "The Transport and General Workers' Union backed the strike, and the Women's Institute "
    "said it would raise the matter with the Democrats' Senate leader.",
]


@in_layouts(PARTIES)
def test_a_possessive_inside_a_name_is_the_names(text: str) -> None:
    found = names(text)
    assert ("New People's Army", "ORG", "New People's Army") in found
    assert ("People's Republic of China", "GPE", "China") in found
    assert ("Democratic People's Republic of Korea", "GPE", "North Korea") in found
    assert ("Pakistan People's Party", "ORG", "Pakistan People's Party") in found
    assert ("Kurdistan Workers' Party", "ORG", "Kurdistan Workers' Party") in found
    assert (
        "Transport and General Workers' Union",
        "ORG",
        "Transport and General Workers' Union",
    ) in found
    assert ("Women's Institute", "ORG", "Women's Institute") in found
    texts = {t for t, _, _ in found}
    assert not texts & {"New People", "Pakistan People", "Kurdistan Workers", "Party", "Army"}
    # a party's possessive before another name is not one name with it
    assert not any(t.startswith("Democrats'") for t in texts)


FIRMS = [
    "NEW YORK, April 2 - McDonald's said sales rose 5 pct in March, helped by a new menu.",
    "Moody's Investors Service cut the company's rating, and the cut was expected, said "
    "Moody's chief economist, John Lonski.",
    "Tobias Meyer, Sotheby's head of contemporary art, said: \"The collection reflects a "
    'great eye." The sale is in May.',
]


@in_layouts(FIRMS)
def test_a_firm_named_with_a_possessive_is_one_name_and_speaks(text: str) -> None:
    story = extract(text)
    found = names(story)
    assert ("McDonald's", "ORG", "McDonald's") in found
    assert ("Moody's Investors Service", "ORG", "Moody's Investors Service") in found
    statements = said(story)
    assert ("McDonald's", "sales") in statements
    assert ("John Lonski", "Moody's") in statements
    assert ("Tobias Meyer", "The") in statements
    assert ("John Lonski", "Chief Economist", "Moody's") in titles(story)


NOT_ONE_NAME = [
    "The report was given to Children's Minister Margaret Hodge on Monday.",
    "The Producers' Nathan Lane will host the show, the network said.",
    "Namibian athlete Frankie Fredericks, now a member of the Athletes' Commission, "
    "welcomed the decision.",
]


@in_layouts(NOT_ONE_NAME)
def test_a_possessive_before_a_title_or_a_person_ends_the_name(text: str) -> None:
    story = extract(text)
    found = names(story)
    assert ("Margaret Hodge", "PERSON", "Margaret Hodge") in found
    assert ("Nathan Lane", "PERSON", "Nathan Lane") in found
    held = titles(story)
    assert ("Frankie Fredericks", "Member", "Athletes' Commission") in held
    assert not any(of == "Children's" for _, _, of in held)


# --- a title before a name, and the organisation after it ----------------------------------

TITLE_NAME_OF = [
    "CHICAGO, April 14 - Chief economist Elizabeth Bramwell of Gabelli and Co said the shares were "
    "cheap at 109 dlrs.",
    "Economist Jane Doe at Chase Manhattan Bank said rates would fall, and Senator Robert "
    "Dole of Kansas said farmers were worried.",
    '"We are close," said Professor Anna Berg of the Swiss research group MiraLab.',
    "Wheat exports under the Export Enhancement Program rose 12 pct in March.",
]


@in_layouts(TITLE_NAME_OF)
def test_a_title_before_a_name_is_of_the_organisation_after_it(text: str) -> None:
    story = extract(text)
    held = titles(story)
    assert ("Elizabeth Bramwell", "Chief Economist", "Gabelli and Co") in held
    assert ("Jane Doe", "Economist", "Chase Manhattan Bank") in held
    assert ("Robert Dole", "Senator", "Kansas") in held
    assert ("Anna Berg", "Professor", None) in held  # not of Switzerland
    assert ("Elizabeth Bramwell", "Gabelli and Co") in affiliations(story)
    assert ("Export Enhancement Program", "ORG", "Export Enhancement Program") in names(story)


# --- a headline in capitals names a firm whose name has a capital inside -------------------


def test_a_headline_in_capitals_names_the_firm_the_story_spells_with_inner_capitals() -> None:
    paragraphs = [
        "AKRON, Ohio, March 30 - GenCorp Inc said its board rejected the offer from General "
        "Partners, and BankAmerica Corp said it would not bid.",
    ]
    for body in layouts(paragraphs):
        text = "GENCORP BOARD REJECTS OFFER, BANKAMERICA STAYS OUT\n" + body
        found = names(text)
        assert ("GENCORP", "ORG", "GenCorp Inc") in found
        assert ("BANKAMERICA", "ORG", "BankAmerica Corp") in found
        assert not any(t.startswith("GENCORP BOARD") for t, _, _ in found)


PARTY_CHAIRMEN = [
    "LONDON, May 11 - Norman Tebbit, the Conservative party chairman, told the BBC that "
    "Labour would lose the election.",
    "The party's general secretary, Larry Whitty, said Labour had not yet chosen its date.",
]


@in_layouts(PARTY_CHAIRMEN)
def test_a_title_after_a_party_and_the_word_party_is_that_partys(text: str) -> None:
    assert ("Norman Tebbit", "Chairman", "Conservative") in titles(text)


OPENED_BY_A_FIRM = [
    "The launch of the craft has been put back to 2014.",
    "Astrium chief executive Francois Auque said the firm accepted responsibility.",
    '"We will find the fault," he said.',
    "Art Loss Register chairman Julian Radcliffe said the paintings had been found.",
]


@in_layouts(OPENED_BY_A_FIRM)
def test_a_firm_opening_a_sentence_before_a_title_of_modifiers_alone_is_the_holders(
    text: str,
) -> None:
    story = extract(text)
    assert ("Astrium", "ORG", "Astrium") in names(story)
    assert ("Francois Auque", "Chief Executive", "Astrium") in titles(story)
    assert ("Francois Auque", "We") in said(story)
    assert ("Julian Radcliffe", "Chairman", "Art Loss Register") in titles(story)
