"""Whose a bare office is, from the story: a firm's chief executive in a story about one firm,
a central bank's governor in a story about one central bank; and a firm of one hyphenated
word named later by its first part. Stories written for these tests."""

from __future__ import annotations

import textwrap

import pytest

from explorer.nlp import extract

FIRM_STORY = [
    "BRAUNFELD-WERKE PROFIT SLIPS AS DEMAND FOR COATINGS WEAKENS IN EUROPE",
    "DUISBURG, May 4 - Braunfeld-Werke AG, the German coatings maker, said its first-quarter "
    "net profit fell 9 pct to 211 mln euros.",
    '"Customers are ordering later and in smaller lots," chief executive Ulrike Hanstein told '
    "reporters at the company's headquarters.",
    "Hanstein, 54, who took over from long-serving chairman Bernd Kolvenbach last year, said "
    "Braunfeld would close a plant in Thuringia.",
    "Shares in Braunfeld fell 2.4 pct. Braunfeld said it expected a better second half.",
]

BANK_STORY = [
    "PERU CENTRAL BANK HOLDS KEY RATE AT 4.75 PCT, HINTS AT EASING LATER THIS YEAR",
    "LIMA, Oct 2 - The Banco Central de Reserva del Peru left its key rate unchanged on "
    "Thursday, the bank said in a statement.",
    "Deputy governor Ana Lucia Paredes voted for a cut, the bank said. Governor Jorge Salinas "
    "Vega told a news conference that inflation was close to target.",
    "Economists at Banco Andino said they expected a cut in December.",
]


def _wire(paragraphs: list[str], width: int = 65) -> str:
    return "\n".join(textwrap.fill(p, width, initial_indent="    ") for p in paragraphs) + "\n"


LAYOUTS = {
    "paragraphs": lambda ps: "\n\n".join(ps) + "\n",
    "wire at 65": _wire,
    "wire at 65, CRLF": lambda ps: _wire(ps).replace("\n", "\r\n"),
}


def _titles(text: str) -> dict[str, tuple[str, str | None]]:
    return {
        f.subject: (f.object, f.qualifiers.get("of"))
        for f in extract(text).facts
        if f.predicate == "title"
    }


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_firms_bare_offices_are_of_the_firm_the_story_is_about(layout):
    result = extract(LAYOUTS[layout](FIRM_STORY))
    titles = {
        f.subject: (f.object, f.qualifiers.get("of"))
        for f in result.facts
        if f.predicate == "title"
    }
    assert titles["Ulrike Hanstein"] == ("Chief Executive", "Braunfeld-Werke AG")
    assert titles["Bernd Kolvenbach"] == ("Chairman", "Braunfeld-Werke AG")
    affiliated = {(f.subject, f.object) for f in result.facts if f.predicate == "affiliated_with"}
    assert ("Ulrike Hanstein", "Braunfeld-Werke AG") in affiliated


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_firm_of_one_hyphenated_word_is_the_same_firm_by_its_first_part(layout):
    result = extract(LAYOUTS[layout](FIRM_STORY))
    orgs = {m.text: m.entity for m in result.mentions if m.label == "ORG"}
    assert orgs["Braunfeld"] == "Braunfeld-Werke AG"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_central_banks_governors_are_of_the_one_central_bank_the_story_names(layout):
    titles = _titles(LAYOUTS[layout](BANK_STORY))
    assert titles["Ana Lucia Paredes"] == ("Deputy Governor", "Banco Central de Reserva del Peru")
    assert titles["Jorge Salinas Vega"] == ("Governor", "Banco Central de Reserva del Peru")


def test_no_owner_is_guessed_where_the_story_is_about_no_one_firm():
    text = (
        "Chief executive Maria Osei said the plan was sound. Talks between Halvard Foods Plc, "
        "Brightwater Plc and Corran Mills Plc went on. Halvard Foods Plc and Brightwater Plc "
        "declined to comment. Corran Mills Plc said talks were at an early stage."
    )
    assert _titles(text)["Maria Osei"] == ("Chief Executive", None)


def test_an_office_another_fact_ties_to_its_organisation_is_of_that_one():
    # the chairman's own organisation is named in the story: it wins over the story's firm
    text = (
        "Tarrant Steel Corp said profits rose. Tarrant Steel Corp shares gained. Tarrant Steel "
        "Corp will pay a dividend. Chairman Rhys Mallory of Carbury Holdings said the offer for "
        "Tarrant was too low."
    )
    assert _titles(text)["Rhys Mallory"] == ("Chairman", "Carbury Holdings")


def test_a_state_office_is_never_given_the_story_firm():
    text = (
        "Kelso Motors Inc said sales rose. Kelso Motors Inc will hire 500 workers, and Kelso "
        "Motors Inc thanked the state. Governor Dana Whitfield welcomed the jobs."
    )
    assert _titles(text)["Dana Whitfield"] == ("Governor", None)


MINER_STORY = [
    "CHILEAN MINER VALLE ALTO HALTS COPPER PROJECT AFTER PROTESTS",
    "SANTIAGO, June 3 - Copper producer Constructora Valle Alto SA de CV said on Monday it "
    "had halted work at its Los Pinos project after protests by farmers over water use.",
    "Shares of Valle Alto fell 6.2 pct. Valle Alto said it would talk to the farmers.",
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_firm_named_whole_is_the_same_firm_by_its_name_past_its_kind(layout):
    result = extract(LAYOUTS[layout](MINER_STORY))
    spans = {(m.text, m.label, m.entity) for m in result.mentions if "alle" in m.text.lower()}
    firm = "Constructora Valle Alto SA de CV"
    assert ("Valle Alto", "ORG", firm) in spans
    # the headline in capitals takes the name as the story writes it
    assert ("VALLE ALTO", "ORG", firm) in spans
    assert {label for _t, label, _e in spans} == {"ORG"}


def test_a_headline_names_no_firm_by_a_comparative_and_a_firms_last_word():
    text = (
        "TOLLAND PROFIT FALLS 12 PCT ON WEAKER CHEMICALS DEMAND\n\n"
        "Tolland Group said on Tuesday its profit fell 12 pct as demand for chemicals slowed."
    )
    orgs = {m.text for m in extract(text).mentions if m.label == "ORG"}
    assert "WEAKER CHEMICALS" not in orgs


@pytest.mark.parametrize(
    ("text", "person", "rank"),
    [
        ("Prosecuting, Daniel Okonkwo KC said the fraud ran for years.", "Daniel Okonkwo", "KC"),
        ("Defending, Ruth Adeyemi QC told the jury her client was sorry.", "Ruth Adeyemi", "QC"),
        ("Helen Marsh MP said the scheme was a failure.", "Helen Marsh", "MP"),
        ("Fiona Drummond MSP asked the minister to act.", "Fiona Drummond", "MSP"),
    ],
)
def test_a_rank_written_after_a_name_is_its_title(text, person, rank):
    assert (person, rank) in {
        (f.subject, f.object) for f in extract(text).facts if f.predicate == "title"
    }


def test_letters_before_a_name_are_that_names_title_not_the_one_before():
    text = "Party leaders spoke. London Green MEP Owen Sparrow said the vote was close."
    titles = {(f.subject, f.object) for f in extract(text).facts if f.predicate == "title"}
    assert all(subject == "Owen Sparrow" for subject, _ in titles)


def test_a_judge_and_a_councillor_are_of_the_one_court_and_council_the_story_names():
    text = (
        "A former trustee was jailed at Lincoln Crown Court on Friday. Passing sentence, Judge "
        "Ann Whitcombe said the fraud was cruel.\n\n"
        "Bexley Borough Council said it would review its pension fund. Councillor Joe Marr said "
        "the council had been misled."
    )
    titles = _titles(text)
    assert titles["Ann Whitcombe"] == ("Judge", "Lincoln Crown Court")
    assert titles["Joe Marr"] == ("Councillor", "Bexley Borough Council")


def test_a_judge_is_of_no_court_where_the_story_names_two():
    text = (
        "The case moved from Lincoln Crown Court to Leeds Crown Court. Judge Ann Whitcombe "
        "said the fraud was cruel."
    )
    assert _titles(text)["Ann Whitcombe"] == ("Judge", None)


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("said Lena Kraus, an analyst at Bankhaus Vollrath in Bremen.", "Bankhaus Vollrath"),
        (
            "Tom Hale, the founder of Redwater Asset Management, admitted fraud.",
            "Redwater Asset Management",
        ),
        (
            "said Amy Lott, a portfolio manager at Greyfield Investors in Denver.",
            "Greyfield Investors",
        ),
        (
            "The August National Union of Metal Workers survey showed a fall.",
            "National Union of Metal Workers",
        ),
    ],
)
def test_firms_named_by_a_bank_word_first_or_a_fund_word_last_are_organisations(text, org):
    labels = {m.text: m.label for m in extract(text).mentions}
    assert labels.get(org) == "ORG", labels


@pytest.mark.parametrize(
    ("text", "person", "title", "of"),
    [
        (
            "Tamsin Reed, the co-founder of Larkfield Records, said she was delighted.",
            "Tamsin Reed",
            "Co-founder",
            "Larkfield Records",
        ),
        (
            '"It is good," said Hamish Tulloch, convener of Shetland Islands Council.',
            "Hamish Tulloch",
            "Convener",
            "Shetland Islands Council",
        ),
        (
            "Ravi Menon, the founder of Korvex Semiconductors, said it was a first.",
            "Ravi Menon",
            "Founder",
            "Korvex Semiconductors",
        ),
    ],
)
def test_founders_and_conveners_are_titles_of_what_they_founded_or_convene(text, person, title, of):
    assert _titles(text)[person] == (title, of)
