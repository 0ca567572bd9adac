"""Facts from sentences written for each form: names are given by hand, so only the fact
rules (and the value finder they lean on) are under test here."""

from __future__ import annotations

import pytest

from explorer.model import Mention
from explorer.nlp import extract
from explorer.nlp.facts import find_facts
from explorer.nlp.pipeline import merge_mentions
from explorer.nlp.sentences import split_sentences
from explorer.nlp.values import find_values


def facts(text: str, *names: tuple[str, ...], meta=None) -> list[dict]:
    """The facts of `text`, given its names as (surface, label[, entity]) in text order."""
    mentions = []
    cursor = 0
    for surface, label, *entity in names:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        mentions.append(Mention(start, cursor, surface, label, entity[0] if entity else surface))
    sentences = split_sentences(text)
    merged = merge_mentions(mentions, find_values(text, sentences, meta), sentences)
    out = []
    for f in find_facts(text, sentences, merged, meta):
        assert 0 <= f.start < f.end <= len(text)
        assert sentences[f.sentence][0] <= f.start < sentences[f.sentence][1]
        out.append(f.to_dict())
    return out


def only(found: list[dict], predicate: str) -> list[dict]:
    return [
        {k: v for k, v in f.items() if k not in ("sentence", "start", "end", "predicate")}
        for f in found
        if f["predicate"] == predicate
    ]


# --- title ---------------------------------------------------------------------------------


def test_title_before_the_name_with_nationality_and_destination():
    text = "Iranian Ambassador to Russia Mehdi Sanai arrived."
    found = facts(
        text, ("Iranian", "NORP", "Iran"), ("Ambassador", "TITLE"), ("Russia", "GPE"),
        ("Mehdi Sanai", "PERSON"),
    )  # fmt: skip
    assert only(found, "title") == [
        {"subject": "Mehdi Sanai", "object": "Ambassador", "of": "Iran", "to": "Russia"}
    ]
    title = next(f for f in found if f["predicate"] == "title")
    assert text[title["start"] : title["end"]] == "Iranian Ambassador to Russia Mehdi Sanai"


def test_title_with_comma_before_the_name():
    text = "Russian Deputy Minister of Industry and Trade, Georgy Kalamanov, spoke."
    found = facts(
        text, ("Russian", "NORP", "Russia"),
        ("Deputy Minister of Industry and Trade", "TITLE"), ("Georgy Kalamanov", "PERSON"),
    )  # fmt: skip
    assert only(found, "title") == [
        {
            "subject": "Georgy Kalamanov",
            "object": "Deputy Minister of Industry and Trade",
            "of": "Russia",
        }
    ]


def test_title_in_front_of_a_name():
    found = facts(
        "Prime Minister Tony Blair and Chancellor Gordon Brown agreed.",
        ("Prime Minister", "TITLE"), ("Tony Blair", "PERSON"), ("Chancellor", "TITLE"),
        ("Gordon Brown", "PERSON"),
    )  # fmt: skip
    assert only(found, "title") == [
        {"subject": "Tony Blair", "object": "Prime Minister"},
        {"subject": "Gordon Brown", "object": "Chancellor"},
    ]


def test_title_in_apposition_after_the_name():
    found = facts(
        "Tony Blair, the prime minister, said the plan would work.",
        ("Tony Blair", "PERSON"), ("prime minister", "TITLE", "Prime Minister"),
    )  # fmt: skip
    assert only(found, "title") == [{"subject": "Tony Blair", "object": "Prime Minister"}]
    # The appositive does not hide the speaker.
    assert only(found, "said")[0]["subject"] == "Tony Blair"


def test_title_of_a_country_then_the_name():
    found = facts(
        "The talks were led by the president of Russia, Vladimir Putin.",
        ("president", "TITLE", "President"), ("Russia", "GPE"), ("Vladimir Putin", "PERSON"),
    )  # fmt: skip
    assert only(found, "title") == [
        {"subject": "Vladimir Putin", "object": "President", "of": "Russia"}
    ]


def test_possessive_title_after_the_name():
    found = facts(
        "Vladimir Putin, Russia's president, spoke.",
        ("Vladimir Putin", "PERSON"), ("Russia", "GPE"), ("president", "TITLE", "President"),
    )  # fmt: skip
    assert only(found, "title") == [
        {"subject": "Vladimir Putin", "object": "President", "of": "Russia"}
    ]


def test_a_title_without_a_person_is_no_fact():
    found = facts("The prime minister will speak.", ("prime minister", "TITLE"))
    assert only(found, "title") == []


# --- said ----------------------------------------------------------------------------------


def test_quote_then_said_name():
    found = facts('"We will not give up," said Gordon Brown.', ("Gordon Brown", "PERSON"))
    assert only(found, "said") == [
        {
            "subject": "Gordon Brown",
            "object": "We will not give up",
            "quote": "We will not give up",
            "direct": True,
            "verb": "said",
        }
    ]


def test_name_said_colon_quote():
    found = facts('Gordon Brown said: "We will not give up."', ("Gordon Brown", "PERSON"))
    assert [f["quote"] for f in only(found, "said")] == ["We will not give up."]
    assert only(found, "said")[0]["subject"] == "Gordon Brown"


def test_quote_then_he_said_is_the_person_the_text_is_about():
    text = (
        "Gordon Brown met the press. “I have spoken to Tony Blair,” he said. "
        '"The economy is strong," Brown added.'
    )
    found = facts(
        text, ("Gordon Brown", "PERSON"), ("Tony Blair", "PERSON"),
        ("Brown", "PERSON", "Gordon Brown"),
    )  # fmt: skip
    assert [(f["subject"], f["quote"]) for f in only(found, "said")] == [
        ("Gordon Brown", "I have spoken to Tony Blair"),
        ("Gordon Brown", "The economy is strong"),
    ]


def test_reported_speech_with_that():
    found = facts(
        "Gordon Brown noted that inflation had fallen. He also added that rates would stay low.",
        ("Gordon Brown", "PERSON"),
    )
    assert [(f["subject"], f["quote"], f["direct"], f["verb"]) for f in only(found, "said")] == [
        ("Gordon Brown", "inflation had fallen", False, "noted"),
        ("Gordon Brown", "rates would stay low", False, "added"),
    ]


def test_a_question_then_asked():
    found = facts('"Why now?" asked Gordon Brown.', ("Gordon Brown", "PERSON"))
    assert [(f["subject"], f["quote"], f["verb"]) for f in only(found, "said")] == [
        ("Gordon Brown", "Why now?", "asked")
    ]


def test_reported_speech_without_that():
    found = facts(
        "Gordon Brown said the economy was strong. Tony Blair said talks went well. "
        "Jack Straw said on Monday.",
        ("Gordon Brown", "PERSON"), ("Tony Blair", "PERSON"), ("Jack Straw", "PERSON"),
    )  # fmt: skip
    assert [f["quote"] for f in only(found, "said")] == [
        "the economy was strong",
        "talks went well",
    ]


def test_according_to_at_either_end():
    found = facts(
        "According to Gordon Brown, the economy grew. Prices fell, according to the Bank of England.",
        ("Gordon Brown", "PERSON"), ("Bank of England", "ORG"),
    )  # fmt: skip
    assert [(f["subject"], f["quote"], f["verb"]) for f in only(found, "said")] == [
        ("Gordon Brown", "the economy grew", "according to"),
        ("Bank of England", "Prices fell", "according to"),
    ]


def test_the_person_behind_an_appositive_title_speaks():
    found = facts(
        "Patricia Sanders, spokeswoman for the Disaster Emergency Committee said it was aware.",
        ("Patricia Sanders", "PERSON"), ("spokeswoman", "TITLE", "Spokeswoman"),
        ("Disaster Emergency Committee", "ORG"),
    )  # fmt: skip
    assert only(found, "title") == [
        {
            "subject": "Patricia Sanders",
            "object": "Spokeswoman",
            "of": "Disaster Emergency Committee",
        }
    ]
    assert [(f["subject"], f["quote"]) for f in only(found, "said")] == [
        ("Patricia Sanders", "it was aware")
    ]


def test_a_name_set_off_after_its_title_speaks():
    found = facts(
        "The chancellor, Gordon Brown, said the economy was strong.",
        ("chancellor", "TITLE", "Chancellor"), ("Gordon Brown", "PERSON"),
    )  # fmt: skip
    assert only(found, "title") == [{"subject": "Gordon Brown", "object": "Chancellor"}]
    assert [(f["subject"], f["quote"]) for f in only(found, "said")] == [
        ("Gordon Brown", "the economy was strong")
    ]


def test_a_person_and_their_age_speaks():
    found = facts("John Smith, 45, said he would stay.", ("John Smith", "PERSON"))
    assert [(f["subject"], f["quote"]) for f in only(found, "said")] == [
        ("John Smith", "he would stay")
    ]


def test_a_title_as_speaker_is_its_holder():
    text = (
        "Iranian Ambassador to Russia Mehdi Sanai arrived. "
        "In turn, Iranian ambassador noted that relations could improve."
    )
    found = facts(
        text, ("Iranian", "NORP", "Iran"), ("Ambassador", "TITLE"), ("Russia", "GPE"),
        ("Mehdi Sanai", "PERSON"), ("Iranian", "NORP", "Iran"),
        ("ambassador", "TITLE", "Ambassador"),
    )  # fmt: skip
    assert [(f["subject"], f["quote"]) for f in only(found, "said")] == [
        ("Mehdi Sanai", "relations could improve")
    ]


def test_no_speaker_no_said_fact():
    assert only(facts('"It is over," the crowd chanted.'), "said") == []
    assert only(facts("Analysts said that prices would rise."), "said") == []


# --- affiliated_with -----------------------------------------------------------------------


def test_x_of_an_organisation_said_is_the_person_speaking():
    found = facts(
        "Larry Eckhart of Prudential-Bache Securities said he believes prices will rise.",
        ("Larry Eckhart", "PERSON"), ("Prudential-Bache Securities", "ORG"),
    )  # fmt: skip
    assert [(f["subject"], f["quote"]) for f in only(found, "said")] == [
        ("Larry Eckhart", "he believes prices will rise")
    ]
    assert only(found, "affiliated_with") == [
        {"subject": "Larry Eckhart", "object": "Prudential-Bache Securities"}
    ]
    (fact,) = [f for f in found if f["predicate"] == "affiliated_with"]
    assert (fact["sentence"], fact["start"], fact["end"]) == (0, 0, 44)


def test_an_analyst_with_an_organisation():
    found = facts(
        '"Demand is holding," said Ruth Okafor, an analyst with Dunmore and Co.',
        ("Ruth Okafor", "PERSON"), ("Dunmore and Co", "ORG"),
    )  # fmt: skip
    assert [f["subject"] for f in only(found, "said")] == ["Ruth Okafor"]
    assert only(found, "affiliated_with") == [
        {"subject": "Ruth Okafor", "object": "Dunmore and Co", "title": "Analyst"}
    ]
    assert only(found, "title") == [
        {"subject": "Ruth Okafor", "object": "Analyst", "of": "Dunmore and Co"}
    ]


def test_a_spokesman_for_a_company_with_a_ticker_speaks():
    found = facts(
        "Ian Brodie, a spokesman for Acme Corp <ACM>, said talks had begun.",
        ("Ian Brodie", "PERSON"), ("Acme Corp", "ORG"), ("ACM", "ORG", "Acme Corp"),
    )  # fmt: skip
    assert [(f["subject"], f["quote"]) for f in only(found, "said")] == [
        ("Ian Brodie", "talks had begun")
    ]
    assert only(found, "affiliated_with") == [
        {"subject": "Ian Brodie", "object": "Acme Corp", "title": "Spokesman"}
    ]


def test_a_title_of_an_organisation_is_an_affiliation_and_of_a_country_is_not():
    found = facts(
        "Globex's chairman Ann Reilly said the board agreed. "
        "Treasury Secretary James Baker said the dollar was stable.",
        ("Globex", "ORG"), ("chairman", "TITLE", "Chairman"), ("Ann Reilly", "PERSON"),
        ("Treasury Secretary", "TITLE"), ("James Baker", "PERSON"),
    )  # fmt: skip
    assert only(found, "affiliated_with") == [
        {"subject": "Ann Reilly", "object": "Globex", "title": "Chairman"}
    ]
    assert [f["subject"] for f in only(found, "said")] == ["Ann Reilly", "James Baker"]


def test_an_organisation_of_a_place_speaks_for_itself():
    found = facts(
        "Hoechst AG of West Germany said it would keep its stake.",
        ("Hoechst AG", "ORG"), ("West Germany", "GPE"),
    )  # fmt: skip
    assert [f["subject"] for f in only(found, "said")] == ["Hoechst AG"]
    assert only(found, "affiliated_with") == []


def test_a_clause_before_with_is_no_role():
    found = facts(
        "Tom Hale, who works with Globex Corp, said sales fell.",
        ("Tom Hale", "PERSON"), ("Globex Corp", "ORG"),
    )  # fmt: skip
    assert only(found, "affiliated_with") == []


# --- met, visited, withdrew_from, located_in -------------------------------------------------


def test_two_people_at_a_meeting_in_a_place():
    found = facts(
        "Tony Blair and Jacques Chirac held talks at a meeting in Paris on 5 June 2004.",
        ("Tony Blair", "PERSON"), ("Jacques Chirac", "PERSON"), ("Paris", "GPE"),
    )  # fmt: skip
    assert only(found, "met") == [
        {
            "subject": "Tony Blair",
            "object": "Jacques Chirac",
            "participants": ["Tony Blair", "Jacques Chirac"],
            "place": "Paris",
            "date_text": "5 June 2004",
            "date": "2004-06-05",
            "date_source": "sentence",
        }
    ]


def test_met_directly():
    found = facts(
        "Tony Blair met Gordon Brown on Tuesday.",
        ("Tony Blair", "PERSON"), ("Gordon Brown", "PERSON"),
    )  # fmt: skip
    assert [(f["subject"], f["object"]) for f in only(found, "met")] == [
        ("Tony Blair", "Gordon Brown")
    ]


def test_is_to_meet():
    found = facts(
        "Tony Blair is to meet French President Jacques Chirac in Paris.",
        ("Tony Blair", "PERSON"), ("French", "NORP", "France"), ("President", "TITLE"),
        ("Jacques Chirac", "PERSON"), ("Paris", "GPE"),
    )  # fmt: skip
    assert [(f["subject"], f["object"], f.get("place")) for f in only(found, "met")] == [
        ("Tony Blair", "Jacques Chirac", "Paris")
    ]


def test_people_named_apart_did_not_meet():
    found = facts(
        "Tony Blair said the presidents met, while Jacques Chirac stayed home.",
        ("Tony Blair", "PERSON"), ("Jacques Chirac", "PERSON"),
    )  # fmt: skip
    assert only(found, "met") == []


def test_leaders_of_two_countries_met_n_times():
    found = facts(
        "Over the past five years, the presidents of Iran and Russia met and negotiated 16 times.",
        ("Iran", "GPE"), ("Russia", "GPE"),
    )  # fmt: skip
    (met,) = only(found, "met")
    assert met["participants"] == ["President of Iran", "President of Russia"]
    assert met["count"] == {"value": 16}
    assert met["date_text"] == "the past five years"
    assert "date" not in met  # a span of five years is no date, and the document has none


def test_visited_more_than_n_times():
    found = facts(
        "Jacques Chirac visited China and held talks more than 20 times.",
        ("Jacques Chirac", "PERSON"), ("China", "GPE"),
    )  # fmt: skip
    assert only(found, "visited") == [
        {
            "subject": "Jacques Chirac",
            "object": "China",
            "count": {"value": 20, "modifier": ">"},
            "times": "more than 20",
        }
    ]


def test_withdrawal_noun_and_verb():
    found = facts(
        "After the U.S. withdrawal from the JCPOA in 2018, trade fell. "
        "Britain withdrew from the European Union.",
        ("U.S.", "GPE", "United States"), ("JCPOA", "ORG"), ("Britain", "GPE", "United Kingdom"),
        ("European Union", "ORG"),
    )  # fmt: skip
    assert only(found, "withdrew_from") == [
        {
            "subject": "United States",
            "object": "JCPOA",
            "date_text": "2018",
            "date": "2018",
            "date_source": "sentence",
        },
        {"subject": "United Kingdom", "object": "European Union"},
    ]


def test_located_in():
    found = facts(
        "He flew to Kabul, Afghanistan, on Friday. Tehran, the Iranian capital, hosted it.",
        ("Kabul", "GPE"), ("Afghanistan", "GPE"), ("Tehran", "GPE"),
        ("Iranian", "NORP", "Iran"),
    )  # fmt: skip
    assert [(f["subject"], f["object"]) for f in only(found, "located_in")] == [
        ("Kabul", "Afghanistan"),
        ("Tehran", "Iran"),
    ]


def test_a_building_in_a_city_and_a_city_in_a_country():
    found = facts(
        "Fans filled Wembley Stadium in London. Talks in Kabul in Afghanistan ended.",
        ("Wembley Stadium", "FAC"), ("London", "GPE"), ("Kabul", "GPE"), ("Afghanistan", "GPE"),
    )  # fmt: skip
    assert [(f["subject"], f["object"]) for f in only(found, "located_in")] == [
        ("Wembley Stadium", "London"),
        ("Kabul", "Afghanistan"),
    ]


def test_countries_side_by_side_are_not_located_in_each_other():
    found = facts("Iran, Russia and China signed.", ("Iran", "GPE"), ("Russia", "GPE"))
    assert only(found, "located_in") == []


# --- amount --------------------------------------------------------------------------------


def test_amount_of_trade_between_two_countries():
    text = "Sanai said that the volume of trade between Iran and Russia has reached $500 million."
    found = facts(
        text, ("Sanai", "PERSON", "Mehdi Sanai"), ("Iran", "GPE"), ("Russia", "GPE"),
    )  # fmt: skip
    (amount,) = only(found, "amount")
    assert amount == {
        "subject": "trade between Iran and Russia",
        "object": "$500 million",
        "measure": "volume",
        "verb": "reached",
        "metric": "trade",
        "value": 500000000,
        "currency": "USD",
    }


def test_amounts_rose_by_a_percentage_to_a_sum():
    found = facts("Sales at the firm rose 5% to £1.2bn.")
    assert [(f["subject"], f["object"], f["value"]) for f in only(found, "amount")] == [
        ("Sales at the firm", "5%", 5.0),
        ("Sales at the firm", "£1.2bn", 1200000000),
    ]


def test_an_amount_before_the_thing_it_measures():
    found = facts("The firm signed a $500m arms deal, paid a £2m fine and £5bn in tax cuts.")
    assert [(f["subject"], f["value"], f["currency"]) for f in only(found, "amount")] == [
        ("arms deal", 500000000, "USD"),
        ("fine", 2000000, "GBP"),
    ]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # The verb takes the thing measured as its object, "to" before the amount's verb.
        ("The company said it expects first quarter net profit to rise to 42 mln dlrs.",
         "first quarter net profit"),
        ("Homeowners now expect house prices to fall by 1%.", "house prices"),
        ("We are expecting sales to reach £20m.", "sales"),
        # A verb that takes "to": who pays is named before it.
        ("Marsh agreed to pay $850m to settle the charges.", "Marsh"),
        ("Acme Corp offered to pay $2bn for the stake.", "Acme Corp"),
    ],
)  # fmt: skip
def test_the_thing_measured_is_not_the_clause_around_it(text, subject):
    assert [f["subject"] for f in only(facts(text), "amount")] == [subject]


def test_an_aside_between_dashes_is_not_the_thing_measured():
    text = (
        "The estimate of rebuilding costs for the province - much of which was flattened by "
        "the flood - was 20 trillion rupiah."
    )
    assert [f["subject"] for f in only(facts(text), "amount")] == [
        "estimate of rebuilding costs for the province"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "It has already offered to pay $300m to settle charges.",
        "The game is thought to have cost around $15m.",
    ],
)
def test_no_amount_when_nobody_pays(text):
    """Nobody named before "offered to pay" or "is thought to have cost": no junk subject
    ("already", "thought") is made up."""
    assert only(facts(text), "amount") == []


def test_a_bare_number_is_no_amount():
    assert only(facts("The two countries signed 16 deals."), "amount") == []


def test_she_is_the_latest_woman_named_and_he_the_latest_man():
    text = 'Patricia Sanders met John Smith. "We are ready," she said. "So are we," he said.'
    found = facts(text, ("Patricia Sanders", "PERSON"), ("John Smith", "PERSON"))
    assert [(f["subject"], f["quote"]) for f in only(found, "said")] == [
        ("Patricia Sanders", "We are ready"),
        ("John Smith", "So are we"),
    ]


def test_two_people_backing_talks_did_not_meet():
    found = facts(
        "Tony Blair and Gordon Brown backed the talks.",
        ("Tony Blair", "PERSON"), ("Gordon Brown", "PERSON"),
    )  # fmt: skip
    assert only(found, "met") == []


# --- the forms of a news story, through the whole pipeline ---------------------------------

STORY = (
    "Tony Blair, the prime minister, met Chancellor Gordon Brown in London on Tuesday. "
    '"We will win," said Mr Blair. '
    '"It is not over," Mr Brown said. '
    "The president of Russia, Vladimir Putin, said that oil output rose 5%. "
    "BT paid £1.2bn for the firm. "
    "Tory Liam Fox said the plan was wrong."
)


def story_facts(predicate: str) -> list[tuple]:
    found = extract(STORY, {"date": "2005-03-01"}).facts
    return [(f.subject, f.object) for f in found if f.predicate == predicate]


def test_said_mr_x_is_the_person_named_before():
    said = story_facts("said")
    assert ("Tony Blair", "We will win") in said
    assert ("Gordon Brown", "It is not over") in said


def test_a_speaker_set_off_by_commas_after_what_names_them():
    assert ("Vladimir Putin", "oil output rose 5%") in story_facts("said")


def test_a_meeting_across_an_appositive_title():
    assert ("Tony Blair", "Gordon Brown") in story_facts("met")


def test_what_a_company_paid_is_an_amount_even_for_a_two_letter_name():
    assert ("BT", "£1.2bn") in story_facts("amount")


def test_a_party_word_before_a_full_name_is_not_part_of_it():
    assert ("Liam Fox", "the plan was wrong") in story_facts("said")


# --- met: only a meeting verb between people (or governments and organisations in talks) ---

P, C, G = "PERSON", "ORG", "GPE"
#: (text, its names with labels, who met whom).
MEETINGS = [
    ("Angela Merkel held talks with Vladimir Putin in Moscow.",
     [("Angela Merkel", P), ("Vladimir Putin", P), ("Moscow", G)], ("Angela Merkel", "Vladimir Putin")),
    ("Gordon Brown met with John Prescott on Monday.",
     [("Gordon Brown", P), ("John Prescott", P)], ("Gordon Brown", "John Prescott")),
    ("Jack Straw and Condoleezza Rice met in London last week.",
     [("Jack Straw", P), ("Condoleezza Rice", P), ("London", G)], ("Jack Straw", "Condoleezza Rice")),
    ("Colin Powell talked with Kofi Annan about the vote.",
     [("Colin Powell", P), ("Kofi Annan", P)], ("Colin Powell", "Kofi Annan")),
    ("Britain held talks with Iran over its nuclear plans.",
     [("Britain", G), ("Iran", G)], ("Britain", "Iran")),
    ("Werner Seifert met LSE chief executive Clara Furse.",
     [("Werner Seifert", P), ("LSE", C), ("Clara Furse", P)], ("Werner Seifert", "Clara Furse")),
    ("Talks between Israel and Syria resumed in March.",
     [("Israel", G), ("Syria", G)], ("Israel", "Syria")),
    ("Ariel Sharon's meeting with Mahmoud Abbas was brief.",
     [("Ariel Sharon", P), ("Mahmoud Abbas", P)], ("Ariel Sharon", "Mahmoud Abbas")),
]  # fmt: skip

#: (text, its names): a meeting verb, but no meeting.
NOT_MEETINGS = [
    ("Mario Gabelli said the fund is designed to meet the needs of Alcoa shareholders.",
     [("Mario Gabelli", P), ("Alcoa", C)]),
    ("Results at Tesco met expectations, Philip Clarke said.", [("Tesco", C), ("Philip Clarke", P)]),
    ("Gordon Brown said the plan met with criticism from Oxfam.", [("Gordon Brown", P), ("Oxfam", C)]),
    ("Paula Radcliffe will meet the deadline, Dave Moorcroft said.",
     [("Paula Radcliffe", P), ("Dave Moorcroft", P)]),
    ("Wayne Rooney met Gary Neville's cross with a low shot.",
     [("Wayne Rooney", P), ("Gary Neville", P)]),
    ("Arsenal meet Chelsea at Highbury on Sunday.", [("Arsenal", C), ("Chelsea", C)]),
    ("Tim Henman will meet Roger Federer in the semi-final.",
     [("Tim Henman", P), ("Roger Federer", P)]),
    ("Think of it as Donkey Kong meets Norman Cook.", [("Donkey Kong", P), ("Norman Cook", P)]),
    ("Jack McConnell and Cathy Jamieson met supporters from both clubs.",
     [("Jack McConnell", P), ("Cathy Jamieson", P)]),
    ("She hoped to meet Leonardo DiCaprio and Keanu Reeves one day.",
     [("Leonardo DiCaprio", P), ("Keanu Reeves", P)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "names", "pair"), MEETINGS)
def test_a_meeting_verb_links_two_parties(text, names, pair):
    found = facts(text, *names)
    assert [(f["subject"], f["object"]) for f in only(found, "met")] == [pair]


@pytest.mark.parametrize(("text", "names"), NOT_MEETINGS)
def test_meeting_a_need_a_deadline_or_an_opponent_is_no_meeting(text, names):
    assert only(facts(text, *names), "met") == []


def test_he_met_is_the_person_the_text_is_about():
    text = "Ricky Gervais is casting his sitcom. But he has met with Ben Stiller twice."
    found = facts(text, ("Ricky Gervais", "PERSON"), ("Ben Stiller", "PERSON"))
    assert [(f["subject"], f["object"]) for f in only(found, "met")] == [
        ("Ricky Gervais", "Ben Stiller")
    ]


def test_met_two_people_named_together():
    text = "Tony Blair has met Silvio Berlusconi and Gerhard Schroeder in Rome."
    found = facts(
        text, ("Tony Blair", "PERSON"), ("Silvio Berlusconi", "PERSON"),
        ("Gerhard Schroeder", "PERSON"), ("Rome", "GPE"),
    )  # fmt: skip
    assert [(f["subject"], f["object"]) for f in only(found, "met")] == [
        ("Tony Blair", "Silvio Berlusconi"),
        ("Tony Blair", "Gerhard Schroeder"),
    ]


# --- amount: what was measured, and the period it covers -----------------------------------


def _amounts_of(text: str, meta=None) -> list[tuple]:
    found = facts(text, meta=meta)
    return [
        (f["object"], f.get("metric"), f.get("value"), f.get("currency"), f.get("period_norm"))
        for f in found
        if f["predicate"] == "amount"
    ]


def test_a_figure_and_the_one_before_it_with_their_periods():
    text = "First-quarter net profit in 1987 rose to 310 mln dlrs from 290 mln."
    assert _amounts_of(text) == [
        ("310 mln dlrs", "net profit", 310e6, "USD", "1987-Q1"),
        ("290 mln", "net profit", 290e6, "USD", "1986-Q1"),
    ]


def test_a_quarter_without_a_year_is_still_a_quarter():
    text = "First-quarter net profit rose to 310 mln dlrs from 290 mln."
    assert [a[4] for a in _amounts_of(text)] == ["Q1", None]


def test_each_figure_takes_the_year_written_after_it():
    text = (
        "The company reported a net loss of 5.2 mln dlrs for 1986, against a profit of "
        "3.1 mln dlrs in 1985."
    )
    assert _amounts_of(text) == [
        ("5.2 mln dlrs", "net loss", 5.2e6, "USD", "1986"),
        ("3.1 mln dlrs", "profit", 3.1e6, "USD", "1985"),
    ]


def test_sales_dividends_and_trade_are_named_as_such():
    assert _amounts_of("Sales in the six months to June rose 12 pct to 40 mln stg.")[-1][:4] == (
        "40 mln stg",
        "sales",
        40e6,
        "GBP",
    )
    assert _amounts_of("The board declared a dividend of 15 cts a share.") == [
        ("15 cts", "dividend", 0.15, "USD", None)
    ]
    assert _amounts_of("Trade between Iran and Russia reached $500 million.")[0][1] == "trade"


def test_a_figure_without_a_measure_has_no_metric():
    assert _amounts_of("The bridge cost $5m to build.")[0][1] is None


def test_he_who_speaks_is_not_the_man_his_quotation_is_about():
    text = (
        "Shadow chancellor Vince Cable warned the picture was not as rosy as Mr Brown "
        'would like. "For all his boasts, Gordon Brown\'s record is very mixed," he said.'
    )
    found = facts(
        text,
        ("Vince Cable", "PERSON"),
        ("Brown", "PERSON", "Gordon Brown"),
        ("Gordon Brown", "PERSON"),
    )
    assert [f["subject"] for f in only(found, "said")] == ["Vince Cable"]
    # with no one else in reach, the man named before the quotation still speaks
    text = 'Gordon Brown spoke in Leeds. "Gordon Brown keeps his promises," he said.'
    found = facts(text, ("Gordon Brown", "PERSON"), ("Gordon Brown", "PERSON"))
    assert [f["subject"] for f in only(found, "said")] == ["Gordon Brown"]


def test_a_mark_that_closes_nothing_does_not_turn_the_later_quotes_inside_out():
    # 15" (inches) closes no quotation: the quote after it still pairs the right way round.
    text = 'The screen measures 15" across. "We sold every one of them," said Ann Lee.'
    found = facts(text, ("Ann Lee", "PERSON"))
    assert [(f["subject"], f["quote"]) for f in only(found, "said")] == [
        ("Ann Lee", "We sold every one of them")
    ]


def test_a_mark_between_spaces_closes_the_open_quote():
    text = '"We sold every one of them , " said Ann Lee. "The shop is empty."'
    found = facts(text, ("Ann Lee", "PERSON"))
    # the next quotation, in the same paragraph with no speaker of its own, is hers going on
    assert [(f["subject"], f["quote"]) for f in only(found, "said")] == [
        ("Ann Lee", "We sold every one of them"),
        ("Ann Lee", "The shop is empty."),
    ]


def test_a_quote_inside_a_quote_is_part_of_the_outer_one():
    text = '“They told us "wait until spring" and we waited,” said Ann Lee.'
    found = facts(text, ("Ann Lee", "PERSON"))
    assert [(f["subject"], f["quote"]) for f in only(found, "said")] == [
        ("Ann Lee", 'They told us "wait until spring" and we waited')
    ]


def test_marks_alone_between_spaces_pair_up_over_lines_of_tokenised_text():
    # One sentence a line, every mark a token of its own; the mark at the end of the first
    # line opens the next sentence's quotation (it never closes), as tokenisers leave it.
    text = (
        '" I did not sleep well , " said Ann Lee . "\n'
        "The pier was loud all night .\n"
        '" Tomorrow will be better . "\n'
        '" We sold every ticket , " said Tom Reed .\n'
        '" The boats came in late .\n'
        'Nobody minded , " said Ann Lee .\n'
    )
    found = facts(text, ("Ann Lee", "PERSON"), ("Tom Reed", "PERSON"), ("Ann Lee", "PERSON"))
    assert [(f["subject"], f["quote"]) for f in only(found, "said")] == [
        ("Ann Lee", "I did not sleep well"),
        ("Tom Reed", "We sold every ticket"),
        ("Ann Lee", "The boats came in late . Nobody minded"),
    ]


def test_a_speaker_named_before_the_quote_comes_before_a_sentence_that_follows_it():
    # The quote ends its sentence; "Tom Reed said ..." after it opens the next one (on one
    # line when a paragraph break was lost), so the quote is Ann Lee's.
    text = 'Ann Lee said: "We sold every ticket." Tom Reed said the shop would close in May.'
    found = facts(text, ("Ann Lee", "PERSON"), ("Tom Reed", "PERSON"))
    assert [(f["subject"], f["quote"]) for f in only(found, "said")] == [
        ("Ann Lee", "We sold every ticket."),
        ("Tom Reed", "the shop would close in May"),
    ]


@pytest.mark.parametrize("gap", [" ", "\n\n"])
def test_a_quote_left_without_its_speaker_is_not_given_to_the_next_sentence_s(gap):
    # The quotation continues Ann Lee's (she goes on after her attribution); "Acme Corp said
    # it would ..." opens a sentence of its own (a new paragraph, the break perhaps lost): the
    # quotation is not Acme's words.
    text = (
        '"We will build the road," said Ann Lee. "It opens next year."'
        + gap
        + "Acme Corp said it would bid for the work."
    )
    found = facts(text, ("Ann Lee", "PERSON"), ("Acme Corp", "ORG"))
    assert [(f["subject"], f["quote"]) for f in only(found, "said")] == [
        ("Ann Lee", "We will build the road"),
        ("Ann Lee", "It opens next year."),
        ("Acme Corp", "it would bid for the work"),
    ]


@pytest.mark.parametrize("gap", [" ", "\n\n"])
def test_a_quote_continued_by_the_same_speaker_s_sentence_is_still_theirs(gap):
    # In one paragraph or over a paragraph break alike: the layout must not decide.
    text = (
        '"We will build the road," said Ann Lee. "It opens next year."'
        + gap
        + "Ms Lee said the cost was fixed."
    )
    found = facts(text, ("Ann Lee", "PERSON"), ("Lee", "PERSON", "Ann Lee"))
    assert [(f["subject"], f["quote"]) for f in only(found, "said")] == [
        ("Ann Lee", "We will build the road"),
        ("Ann Lee", "It opens next year."),
        ("Ann Lee", "the cost was fixed"),
    ]


def test_said_then_a_nationality_and_a_role_is_the_person_named():
    text = (
        '"The mills will be kept open," said Italian trade union official Marco Belotti. '
        '"We will not sell," said Swiss banker Hans Meili, who chairs the board.'
    )
    said = {f.object: f.subject for f in extract(text).facts if f.predicate == "said"}
    assert said == {
        "The mills will be kept open": "Marco Belotti",
        "We will not sell": "Hans Meili",
    }


@pytest.mark.parametrize(
    "text, subject",
    [
        (
            "Chairman Walter Huang told analysts the company's shipments rose 12 pct in March.",
            "company's shipments",
        ),
        ("Ann Lee told a news conference exports fell 3.5 pct last year.", "exports"),
    ],
)
def test_what_rose_follows_the_listener_a_speaker_told(text, subject):
    amounts = [f for f in extract(text).facts if f.predicate == "amount"]
    assert [f.subject for f in amounts] == [subject]


@pytest.mark.parametrize(
    "text",
    [
        "David Willetts told BBC Radio 4's Today programme that the plans were too little.",
        "David Willetts told the BBC World Service programme Go Digital the plans were too little.",
    ],
)
def test_told_a_programme_then_what_was_said(text):
    said = [(f.subject, f.object) for f in extract(text).facts if f.predicate == "said"]
    assert said == [("David Willetts", "the plans were too little")]


@pytest.mark.parametrize(
    "text, speakers",
    [
        (
            "NEC Corp, Hitachi Ltd and Toshiba Corp, the three largest producers, said they "
            "would comply.",
            ["NEC Corp", "Hitachi Ltd", "Toshiba Corp"],
        ),
        ("Ann Lee and John Smith said the plan would fail.", ["Ann Lee", "John Smith"]),
        # Not a list of speakers: two clauses, a place before the speaker.
        (
            "St Helens want forward Sonny Bill Williams, and Paul Sculthorpe said he would "
            "love him to come.",
            ["Paul Sculthorpe"],
        ),
        ("The sides meet in Rome and John Kirwan says his side will win.", ["John Kirwan"]),
    ],
)
def test_each_speaker_a_list_names_says_it(text, speakers):
    said = [f.subject for f in extract(text).facts if f.predicate == "said"]
    assert said == speakers


def test_a_pair_s_meetings_each_once_with_their_place_and_day():
    text = (
        "Kohl meets Yeltsin\n\nHelmut Kohl will meet Boris Yeltsin in Moscow next week. Kohl "
        "last met Yeltsin in April at a summit in Lyon. Kohl met Yeltsin in Lyon in April."
    )
    met = [
        (f.subject, f.object, f.qualifiers.get("place"), f.qualifiers.get("date_text"))
        for f in extract(text).facts
        if f.predicate == "met"
    ]
    assert met == [
        ("Helmut Kohl", "Boris Yeltsin", "Moscow", "next week"),
        ("Helmut Kohl", "Boris Yeltsin", "Lyon", "April"),
    ]


@pytest.mark.parametrize(
    "text, met",
    [
        ("Mrs. Thatcher met Mr. Gorbachev in Moscow.", ("Thatcher", "Gorbachev")),
        ("Ms Druyun had talks with Mr Sears in October 2002.", ("Druyun", "Sears")),
    ],
)
def test_an_honorific_before_the_one_met(text, met):
    found = [(f.subject, f.object) for f in extract(text).facts if f.predicate == "met"]
    assert found == [met]


def test_a_name_after_an_honorific_with_its_full_stop_is_a_person():
    text = (
        "Dr. Subroto, Indonesia's oil minister, said in Jakarta that he agreed. Mr. Subroto left."
    )
    assert {(m.text, m.label) for m in extract(text).mentions if m.text == "Subroto"} == {
        ("Subroto", "PERSON")
    }


@pytest.mark.parametrize(
    "text, holder, title",
    [
        (
            "Palaniappan Chidambaram, India's finance minister, argued that trade must grow.",
            "Palaniappan Chidambaram",
            "Finance Minister",
        ),
        (
            "Britain's home secretary David Blunkett said crime had fallen.",
            "David Blunkett",
            "Home Secretary",
        ),
        (
            "Phil Willis, the Lib Dem education spokesman, said fees would rise.",
            "Phil Willis",
            "Education Spokesman",
        ),
    ],
)
def test_a_lower_case_title_keeps_its_area(text, holder, title):
    titles = [(f.subject, f.object) for f in extract(text).facts if f.predicate == "title"]
    assert (holder, title) in titles
