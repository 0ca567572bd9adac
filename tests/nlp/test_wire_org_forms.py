"""Organisations in wire copy that the recognizer typed as people, places or nothing: foreign
companies named in their own language ("Companhia Siderurgica Nacional", "Volkswagen do
Brasil"), a Malaysian group named without its "Bhd", a cycling race and the street it ends on,
a market named after its town and its goods, a court of appeals by its circuit, and the words
of a headline in capitals or of a minister's portfolio that name nothing. Every text is
written for these tests; each is read in the three layouts of `layouts`."""

from __future__ import annotations

from .layouts import in_layouts, label_sets, labels, names

STEEL = [
    "BRAZIL'S LARGEST STEEL MILL HALTED",
    "RIO DE JANEIRO, April 2 - A strike halted the Volta Redonda mill on Tuesday, the "
    "state-owned Companhia Siderurgica Nacional said in a statement.",
    "Compagnie Francaise des Petroles and Societe Generale lent the mill 40 mln dlrs last "
    "year, and Industrias Penoles of Mexico supplied its coke.",
    "Ford Brasil and Volkswagen do Brasil, which buy much of the mill's sheet, said their "
    "plants had steel for two weeks. Fiat Italia and Seat de Espana buy steel in Brasil too.",
    "Petroleo Brasileiro cut its fuel deliveries, and General Motors do Brasil said it would "
    "idle two lines.",
]


@in_layouts(STEEL)
def test_foreign_companies_are_organisations(text):
    got = labels(text)
    for name in (
        "Companhia Siderurgica Nacional",
        "Compagnie Francaise des Petroles",
        "Societe Generale",
        "Industrias Penoles",
        "Ford Brasil",
        "Volkswagen do Brasil",
        "Fiat Italia",
        "Seat de Espana",
        "Petroleo Brasileiro",
        "General Motors do Brasil",
    ):
        assert got.get(name) == "ORG", (name, got.get(name))
    assert got.get("Brasil") == "GPE"  # the country, alone


@in_layouts(STEEL)
def test_common_words_of_a_capitals_headline_name_nothing(text):
    got = labels(text)
    assert "LARGEST STEEL" not in got and "STEEL MILL" not in got
    assert got.get("BRAZIL") == "GPE"


TIN = [
    "KUALA LUMPUR, May 5 - Sime Darby Bhd said its net profit rose 12 pct in the half "
    "year, on higher rubber and palm oil prices.",
    "Sime Darby said it would sell a plantation in Sabah. Tin on the Kuala Lumpur Tin "
    "Market closed 12 cents lower at 17.10 ringgit a kilo.",
    "Arbitragers said the shares were cheap. Primary Industries Minister Sanusi Junid said "
    "the government would buy no more tin.",
    "In Canberra, Primary Industries and Energy Minister John Kerin said Australia would "
    "sell no tin either.",
]


@in_layouts(TIN)
def test_a_group_named_without_its_form_and_a_market(text):
    got = label_sets(text)
    assert got.get("Sime Darby Bhd") == {"ORG"}
    assert got.get("Sime Darby") == {"ORG"}
    assert got.get("Kuala Lumpur Tin Market") == {"ORG"}


@in_layouts(TIN)
def test_a_plural_noun_and_a_portfolio_name_nothing(text):
    got = labels(text)
    assert "Arbitragers" not in got
    assert "Primary Industries" not in got
    assert got.get("Sanusi Junid") == "PERSON" and got.get("John Kerin") == "PERSON"
    assert got.get("Primary Industries and Energy Minister") == "TITLE"


TOUR = [
    "LEMOND WINS TOUR DE FRANCE BY EIGHT SECONDS",
    "PARIS, July 24 - Greg LeMond of the United States won the Tour de France on Sunday "
    "by eight seconds, the closest finish in the race's history.",
    "LeMond said the Tour had been his hardest race. The riders ended on the "
    "Champs-Elysees before a crowd of half a million.",
]


@in_layouts(TOUR)
def test_a_race_and_the_street_it_ends_on(text):
    got = labels(text)
    assert got.get("Tour de France") == "EVENT"
    assert got.get("TOUR DE FRANCE") == "EVENT" and "FRANCE" not in got
    assert got.get("Tour") == "EVENT"
    assert got.get("Champs-Elysees") == "LOC"


COURT = [
    "RICHMOND, Va., March 3 - The Fourth Circuit Court of Appeals upheld the ruling. The "
    "Fourth Circuit said the contract was valid, and the Ninth Circuit had said the same.",
]


@in_layouts(COURT)
def test_a_court_of_appeals_by_its_circuit(text):
    got = labels(text)
    assert got.get("Fourth Circuit") == "ORG"
    assert got.get("Ninth Circuit") == "ORG"


MERGER = [
    "NEW YORK, June 9 - Halvorsen Chemical Corp said it agreed to buy Dunmore Resins Inc "
    "for 210 mln dlrs, and that first quarter net income rose 15 pct.",
    "Leonard Halvorsen, chairman of the company, said sales of solvents rose on strong "
    "demand. Halvorsen said he expected the deal to close in August.",
    "Halvorsen's shares rose 2 dlrs to 41 dlrs. Halvorsen, which makes industrial solvents, "
    "employs 4,000 people. Halvorsen posted record sales in 1986, and Halvorsen's board "
    "approved the deal.",
    "The company was advised by the law firm of Wachtell, Lipton, Rosen and Katz. Dunmore's "
    "counsel was Cravath, Swaine and Moore. Cleary, Gottlieb, Steen and Hamilton represented "
    "the banks.",
]


@in_layouts(MERGER)
def test_a_company_named_after_its_founder_and_a_firm_of_partners(text):
    got = names(text)
    halvorsen = [(label, entity) for name, label, entity in got if name == "Halvorsen"]
    # "Halvorsen said he expected": the man; "Halvorsen's shares", "Halvorsen, which makes",
    # "Halvorsen posted", "Halvorsen's board": the company
    assert halvorsen == [
        ("PERSON", "Leonard Halvorsen"),
        ("ORG", "Halvorsen Chemical Corp"),
        ("ORG", "Halvorsen Chemical Corp"),
        ("ORG", "Halvorsen Chemical Corp"),
        ("ORG", "Halvorsen Chemical Corp"),
    ]
    firms = {name: label for name, label, _entity in got}
    assert firms.get("Wachtell, Lipton, Rosen and Katz") == "ORG"
    assert firms.get("Cravath, Swaine and Moore") == "ORG"
    assert firms.get("Cleary, Gottlieb, Steen and Hamilton") == "ORG"
    for partner in ("Wachtell", "Lipton", "Rosen", "Katz", "Swaine", "Moore", "Hamilton"):
        assert partner not in firms


LIST = [
    "Smith, Jones, Brown and Taylor all scored twice for the county on Saturday.",
    "Paris, London, Bonn and Rome said their lawyers would study the text.",
]


@in_layouts(LIST)
def test_a_list_of_surnames_or_capitals_elsewhere_is_no_firm(text):
    got = labels(text)
    assert "Smith, Jones, Brown and Taylor" not in got
    assert "Paris, London, Bonn and Rome" not in got and got.get("Bonn") == "GPE"


BANKS = [
    "HONG KONG, Oct 2 - The Hongkong and Shanghai Banking Corp and Standard Chartered Bank "
    "raised their prime rates. Standard Chartered said deposits rose.",
    "Cie Generale des Eaux sold its stake to Drexel Burnham Lambert, and Johnson Matthey "
    "bought gold.",
]


@in_layouts(BANKS)
def test_banks_and_firms_of_the_wires(text):
    got = labels(text)
    for name in (
        "Hongkong and Shanghai Banking Corp",
        "Standard Chartered Bank",
        "Standard Chartered",
        "Cie Generale des Eaux",
        "Drexel Burnham Lambert",
        "Johnson Matthey",
    ):
        assert got.get(name) == "ORG", (name, got.get(name))


STRIKE = [
    "VOLKSWAGEN DO BRASIL HALTS OUTPUT",
    "SAO PAULO, March 12 - Volkswagen do Brasil said it halted output after a strike by "
    "20,000 metalworkers.",
    "The carmaker was advised by Skadden, Arps, Slate, Meagher & Flom, and its union by "
    "Sullivan and Cromwell, the New York law firm.",
]


@in_layouts(STRIKE)
def test_a_company_in_a_headline_and_firms_with_an_ampersand_or_an_apposition(text):
    got = labels(text)
    assert got.get("VOLKSWAGEN DO BRASIL") == "ORG"
    assert "BRASIL" not in got
    assert got.get("Skadden, Arps, Slate, Meagher & Flom") == "ORG"
    assert got.get("Sullivan and Cromwell") == "ORG"
    assert "Sullivan" not in got and "Cromwell" not in got


PLACES = [
    "PORTO ALEGRE, Brazil, May 4 - Soybean output in Rio Grande do Sul and Mato Grosso do "
    "Sul fell, while car plants in Sao Bernardo do Campo stood idle.",
    "Tankers in the Strait of Hormuz were hit, and mills in the Ruhr cut output.",
]


@in_layouts(PLACES)
def test_places_of_the_wires_are_places(text):
    got = labels(text)
    assert got.get("Rio Grande do Sul") == "GPE"
    assert got.get("Mato Grosso do Sul") == "GPE"
    assert got.get("Sao Bernardo do Campo") == "GPE"
    assert got.get("Strait of Hormuz") == "LOC"
    assert got.get("Ruhr") == "LOC"


BROKERS = [
    "TORONTO, April 8 - Bond prices rose, said Richardson Greenshields analyst Jim Bonner. "
    "Wood Gundy economist Carl Beigie said rates would fall.",
]


@in_layouts(BROKERS)
def test_a_firm_named_before_its_analyst(text):
    got = labels(text)
    assert got.get("Richardson Greenshields") == "ORG"
    assert got.get("Wood Gundy") == "ORG"
    assert got.get("Jim Bonner") == "PERSON" and got.get("Carl Beigie") == "PERSON"


MINES = [
    "TORONTO, April 8 - Placer Dome said it would buy a stake in a gold mine, and Campbell "
    "Resources, which owns the other half, agreed.",
    "Tessa Vallone said it was a fair price.",
]


@in_layouts(MINES)
def test_two_unknown_words_said_to_do_as_a_company_does_are_one(text):
    got = labels(text)
    assert got.get("Placer Dome") == "ORG"
    assert got.get("Campbell Resources") == "ORG"
    assert got.get("Tessa Vallone") == "PERSON"  # a given name first: a person, whatever "it"
