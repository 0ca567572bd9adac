"""Officers of a company named with its ticker, in wire copy: "Citicorp <CCI> Chairman John
Reed" holds the chairmanship of Citicorp as "Citicorp Chairman John Reed" does. Every text is
written for these tests; each comes in one line per paragraph, hard-wrapped at 65 columns with
a four-space indent, and hard-wrapped with CRLF endings."""

from __future__ import annotations

from explorer.nlp import extract

from .layouts import affiliations, in_layouts, said, speakers, titles

DEBT = [
    "BRAZIL HALTS PAYMENTS TO BANKS",
    "RIO DE JANEIRO, Feb 20 - Brazil halted interest payments on its commercial bank debt, "
    "the finance ministry said.",
    "Citicorp <CCI> Chairman John Reed, who leads the creditor banks' committee, said the "
    "banks regretted the move. Norland Steel Inc <NSI> President Carla Benn said her "
    "company had no loans to Brazil.",
]


@in_layouts(DEBT)
def test_an_officer_after_a_ticker_holds_the_companys_title(text: str) -> None:
    r = extract(text)
    got = titles(r)
    assert ("John Reed", "Chairman", "Citicorp") in got
    assert ("Carla Benn", "President", "Norland Steel Inc") in got
    assert {("John Reed", "Citicorp"), ("Carla Benn", "Norland Steel Inc")} <= affiliations(r)
    assert {"John Reed", "Carla Benn"} <= speakers(r)


CABINET = [
    "SEOUL, May 26 - Ho Min-jun, chairman of the ruling Unity Democratic Party, said the "
    "party would back the reform. Pak Se-ri, secretary general of the main Renewal "
    "Democratic Party, called it a delay.",
]


@in_layouts(CABINET)
def test_an_officer_of_the_ruling_party_holds_the_partys_title(text: str) -> None:
    got = titles(text)
    assert ("Ho Min-jun", "Chairman", "Unity Democratic Party") in got
    assert ("Pak Se-ri", "Secretary General", "Renewal Democratic Party") in got


COFFEE = [
    "LONDON, Oct 2 - Talks on coffee export quotas ended without agreement, delegates said.",
    "Davi Coutinho, president of the Brazilian Coffee Board (IBC), told reporters his "
    "country would not accept a smaller share. The Office of Commodity Statistics (OCS) "
    "said stocks rose 4 pct in September.",
    "Brazilian Coffee Board (IBC) Director Lia Prado said the board would meet again in December.",
]


@in_layouts(COFFEE)
def test_a_bracketed_acronym_after_an_organisation_hides_neither_speaker_nor_title(
    text: str,
) -> None:
    r = extract(text)
    quoted = said(r)
    assert {s for s, word in quoted if word == "his"} == {"Davi Coutinho"}
    assert {s for s, word in quoted if word == "stocks"} == {"Office of Commodity Statistics"}
    assert ("Lia Prado", "Director", "Brazilian Coffee Board") in titles(r)


TEXACO = [
    "NEW YORK, April 3 - Texaco Inc said it would appeal the ruling.",
    "Securities analyst Kurt Wulff of Donaldson, Lufkin and Jenrette Securities Corp said a "
    'settlement near three billion dlrs was likely. "Both sides want it over," he said.',
]


@in_layouts(TEXACO)
def test_a_partnership_with_its_trade_and_form_is_one_firm_and_not_the_speaker(
    text: str,
) -> None:
    r = extract(text)
    orgs = [" ".join(m.text.split()) for m in r.mentions if m.label == "ORG"]
    assert "Donaldson, Lufkin and Jenrette Securities Corp" in orgs
    who = speakers(r)
    assert "Kurt Wulff" in who
    assert not any("Jenrette" in s or "Lufkin" in s for s in who)
