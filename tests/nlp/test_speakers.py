"""Who said it and what they are: the pronoun, "the bank", "a spokesman for ...", "a Treasury
official" and the titles around a name, read as a careful reader of news reads them. Every
text is written for this test; each comes in one line per paragraph and hard-wrapped at 65
columns with a four-space indent and CRLF endings, as wire archives have it."""

from __future__ import annotations

import textwrap

import pytest

from explorer.nlp import extract

from .layouts import titles as titles_of

LAYOUTS = ["one-line", "hard-wrapped"]


def laid_out(paragraphs: list[str], layout: str) -> str:
    if layout == "one-line":
        return "\n".join("    " + p for p in paragraphs) + "\n"
    body = "\n".join(textwrap.fill(p, 65, initial_indent="    ") for p in paragraphs) + "\n"
    return body.replace("\n", "\r\n")


def said(paragraphs: list[str], layout: str) -> list[tuple[str, str]]:
    """(speaker, the first three words said) for every statement, in text order."""
    text = laid_out(paragraphs, layout)
    return [
        (f.subject, " ".join(f.object.split()[:3]))
        for f in extract(text).facts
        if f.predicate == "said"
    ]


def titles(paragraphs: list[str], layout: str) -> set[tuple]:
    return titles_of(laid_out(paragraphs, layout))


# --- he and she ----------------------------------------------------------------------------

NAMED_IN_A_QUOTATION = [
    "Fund manager Alan Pryce said the market had turned for good this spring.",
    'Pryce said: "I warned Robert Vance about the risk in March and he laughed at me."',
    "He said the fund would sell most of its bank shares before the summer.",
    '"We have no choice now," he added.',
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_he_is_never_someone_named_only_inside_an_earlier_quotation(layout):
    assert said(NAMED_IN_A_QUOTATION, layout) == [
        ("Alan Pryce", "the market had"),
        ("Alan Pryce", "I warned Robert"),
        ("Alan Pryce", "the fund would"),
        ("Alan Pryce", "We have no"),
    ]


THE_OPPONENT = [
    "Tim Barrow beat Andy Kessler 6-3 6-4 in the semi-final at Queen's Club on Saturday.",
    '"I served better than at any time this year," he said.',
    '"The wind made it hard for both of us."',
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_he_in_a_match_report_is_the_winner_the_sentence_is_about_not_his_opponent(layout):
    assert said(THE_OPPONENT, layout) == [
        ("Tim Barrow", "I served better"),
        ("Tim Barrow", "The wind made"),
    ]


THE_LAWYER = [
    "Mark Ellis, who was represented by the lawyer Peter Grant, denied all the charges.",
    '"I have done nothing wrong and I will clear my name," he told the court.',
    "He said he would appeal against any conviction.",
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_he_is_the_one_the_story_is_about_not_a_lawyer_named_in_passing(layout):
    assert said(THE_LAWYER, layout) == [
        ("Mark Ellis", "I have done"),
        ("Mark Ellis", "he would appeal"),
    ]


THE_CHAIN = [
    "Commission chairman Trevor Phillips said applications were down 40% this year.",
    "He did not think Michael Howard intended to make the debate about race.",
    "But he warned that some campaigners could use the words to stir up trouble.",
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_he_follows_the_subject_from_sentence_to_sentence(layout):
    assert said(THE_CHAIN, layout) == [
        ("Trevor Phillips", "applications were down"),
        ("Trevor Phillips", "some campaigners could"),
    ]


# --- the bank, the company -----------------------------------------------------------------

THE_BANK = [
    "Two lenders later bought by JP Morgan, Citizens Bank and Canal Bank, accepted slaves as "
    "collateral for loans, the records show.",
    "JP Morgan said it was setting up a scholarship fund for students in Louisiana.",
    "The bank said it was a very different company from the lenders of the 1800s.",
    "Harwick Group said it would buy Tolland Bank for 40 mln dlrs.",
    "The bank said it welcomed the offer.",
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_bank_is_the_one_the_sentence_before_is_about(layout):
    assert said(THE_BANK, layout) == [
        ("JP Morgan", "it was setting"),
        ("JP Morgan", "it was a"),
        ("Harwick Group", "it would buy"),
        # a bank by name, named in the sentence before, beats a subject of no known kind
        ("Tolland Bank", "it welcomed the"),
    ]


THE_KIND_STATED = [
    "Morrow Trust, the US bank, lost 2 mln dlrs on the loans, which Canal Bank had arranged.",
    "Shares in both fell sharply in early trading on Monday.",
    "The bank said the losses would not affect its dividend.",
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_bank_is_one_the_story_calls_a_bank(layout):
    assert said(THE_KIND_STATED, layout) == [("Morrow Trust", "the losses would")]


# --- spokesmen and officials ---------------------------------------------------------------

SPOKESMAN_FOR_A_PERSON = [
    "A spokesman for European Justice and Home Affairs Commissioner Franco Frattini said the "
    "plans would break EU asylum rules.",
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_spokesman_for_a_person_speaks_for_that_person(layout):
    assert said(SPOKESMAN_FOR_A_PERSON, layout) == [("Franco Frattini", "the plans would")]
    held = titles(SPOKESMAN_FOR_A_PERSON, layout)
    assert not any(t[1] == "Spokesman" for t in held), held  # the spokesman is not named
    # the whole office, as "Finance Minister" is
    assert ("Franco Frattini", "Justice and Home Affairs Commissioner") in {t[:2] for t in held}


UNNAMED_OFFICIALS = [
    "BONN, March 3 - The Bundesbank left its discount rate unchanged at 3.0 pct on Thursday.",
    "A central bank spokesman said the council saw no reason to act.",
    "A Treasury official said the dollar had fallen far enough.",
    "Harwick Group shares rose 2 pct, a company spokesman said.",
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_an_unnamed_official_speaks_for_the_organisation_the_story_names(layout):
    assert said(UNNAMED_OFFICIALS, layout) == [
        ("Bundesbank", "the council saw"),
        ("Treasury", "the dollar had"),
        ("Harwick Group", "Harwick Group shares"),
    ]


NO_CENTRAL_BANK = [
    "Harwick Group said on Monday that it had repaid its loans from Tolland Bank.",
    "A central bank spokesman said the economy was growing.",
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_central_bank_spokesman_is_nobody_when_the_story_names_no_central_bank(layout):
    assert said(NO_CENTRAL_BANK, layout) == [("Harwick Group", "it had repaid")]


# --- titles --------------------------------------------------------------------------------

TITLED = [
    "Dr Anne Quarrie said the trial had gone well.",
    "The results surprised Dr. Colin Amery, who led the study.",
    "Mary Hale, vice president of finance at Acme Corp, said sales rose.",
    "EC External Relations Commissioner Willy De Clercq said the talks had failed.",
    "Bank officials in Tokyo said the yen was weak.",
    "Bank of Japan Governor Satoshi Sumita said the bank would keep rates steady.",
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_titles_whole_and_with_their_organisation_and_area(layout):
    held = titles(TITLED, layout)
    assert held >= {
        ("Anne Quarrie", "Doctor", None),
        ("Colin Amery", "Doctor", None),
        ("Mary Hale", "Vice President of Finance", "Acme Corp"),
        ("Willy De Clercq", "External Relations Commissioner", "European Community"),
        ("Satoshi Sumita", "Governor", "Bank of Japan"),
    }, held
    assert not any(t[2] and t[2].startswith("of ") for t in held), held
    assert ("Satoshi Sumita", "the bank would") in said(TITLED, layout)


NOT_DOCTORS = [
    "Hip-hop producer Dr Dre and the drink Dr Pepper were in the advert.",
    "Former welfare minister Frank Field MP said the plan would fail.",
    "Vera Lind, senior vice president of sales and marketing at Acme Corp, said sales rose.",
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_name_after_dr_alone_is_no_doctor_and_a_field_of_two_words_stays_whole(layout):
    held = titles(NOT_DOCTORS, layout)
    assert not any(t[1] == "Doctor" for t in held), held
    assert ("Vera Lind", "Senior Vice President of Sales and Marketing", "Acme Corp") in held
    assert ("Frank Field", "Welfare Minister", None) in held  # a title after the name too


LATER_CLAUSE = [
    "Lena Brandt said the courts were too slow, but Tennis Board chief Karl Weiss rejected "
    "her complaint.",
    '"We made the courts faster than last year," he said.',
    '"It is still a bit rough," said Speegle founder Gordon Renton.',
    '"The voices will get better."',
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_he_is_the_subject_of_the_last_clause_and_a_founder_speaks_not_his_firm(layout):
    assert said(LATER_CLAUSE, layout) == [
        ("Lena Brandt", "the courts were"),
        ("Karl Weiss", "We made the"),
        ("Gordon Renton", "It is still"),
        ("Gordon Renton", "The voices will"),
    ]


OWNER_IN_THE_SENTENCE = [
    "Harwick Group said on Monday that Tolland Bank had repaid its loans.",
    "While Kestrel's new engines are built for airlines, the company says they will also "
    "power ships.",
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_company_is_the_one_its_own_sentence_names_before_it(layout):
    assert said(OWNER_IN_THE_SENTENCE, layout)[-1] == ("Kestrel", "they will also")


def test_a_long_sentence_of_many_clauses_costs_in_proportion_to_its_length(monkeypatch):
    """A text with no full stop (a transcript, a run-on list) is one sentence of many clauses;
    each "he said" in it looked at every clause before it again, so twice the text took four
    times as long (100 KB: 0.15 -> 9.7 CPU-s). Counted, not timed: the clauses read."""
    from explorer.nlp import facts

    reads = [0]
    subject_at = facts._Text._subject_at

    def counted(self, pos, e):
        reads[0] += 1
        return subject_at(self, pos, e)

    monkeypatch.setattr(facts._Text, "_subject_at", counted)
    names = ["John Smith", "Mary Jones", "Peter Brown", "Anne White", "David Green"]

    def run(n: int) -> tuple[int, list]:
        reads[0] = 0
        text = ", and ".join(
            f"{names[i % 5]} met the board, but he said the plan would fail, while she "
            "told reporters it was fine"
            for i in range(n)
        )
        found = [
            (f.subject, f.object) for f in extract(text + ".\n").facts if f.predicate == "said"
        ]
        return reads[0], found

    short, said_short = run(100)
    long, said_long = run(200)
    assert said_short and len(said_long) == 2 * len(said_short)
    assert said_long[: len(said_short) - 1] == said_short[:-1]  # the last runs to the end
    assert long <= 2.5 * short


UNNAMED_AFTER_A_QUOTATION = [
    "Harwick Group said on Monday that it had repaid its loans.",
    '"The market is still very weak in Europe," said a company spokesman, who declined to be '
    "named.",
    '"We found clues of possible market manipulation," a BaFin spokesman said.',
    '"It was an old injury," said a spokeswoman.',
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_quotation_said_by_an_unnamed_spokesman_is_their_organisations(layout):
    """'"...," said a company spokesman' was nobody's; a spokeswoman of no organisation the
    story names stays nobody's."""
    assert said(UNNAMED_AFTER_A_QUOTATION, layout) == [
        ("Harwick Group", "it had repaid"),
        ("Harwick Group", "The market is"),
        ("BaFin", "We found clues"),
    ]
