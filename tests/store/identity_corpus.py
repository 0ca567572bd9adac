"""A corpus written for the identity tests: 43 short wire-style articles (our own words) in
which the same people, companies and places are named in the ways real news names them."""

from __future__ import annotations

from pathlib import Path

ARTICLES: dict[str, str] = {
    # Paul Volcker: full name, surname alone, titles, a middle initial, a misspelling.
    "volcker01.txt": "Fed chief warns on rates\n\nPaul Volcker said on Tuesday that interest "
    "rates would stay high. Volcker told Congress the dollar was too weak.",
    "volcker02.txt": "Volcker speaks again\n\nMr Volcker said the central bank would act. "
    "Analysts in New York said Volcker meant a rate rise.",
    "volcker03.txt": "Bank chairman firm\n\nChairman Volcker repeated that inflation was the "
    "main danger. Paul Volcker spoke for an hour.",
    "volcker04.txt": "Testimony\n\nPaul A. Volcker, the Federal Reserve chairman, said banks "
    "must lend carefully. Paul Volcker added that the budget deficit was too large.",
    "volcker05.txt": "Markets calm\n\nPaul Vocker said markets were calm, and Paul Volcker "
    "repeated later that rates would not fall this month.",
    "volcker06.txt": "Volcker on the dollar\n\nVolcker said the dollar had fallen enough. "
    "Paul Volcker met bankers in Washington.",
    "volcker07.txt": "Debt talks\n\nPaul Volcker said Brazil must repay its debt. Volcker "
    "spoke after talks with bankers.",
    "volcker08.txt": "Fed minutes\n\nPaul Volcker told reporters the Fed was united. "
    "Volcker smiled.",
    # Boeing: suffix variants, the ticker, the short form.
    "boeing01.txt": "Order for jets\n\nBoeing Co <BA> said it won an order for twenty jets "
    "from Qantas. Boeing said deliveries begin next year.",
    "boeing02.txt": "Plane maker profit\n\nThe Boeing Company said profit rose. Boeing "
    "shares gained two dollars.",
    "boeing03.txt": "Boeing wins deal\n\nBoeing Corp. agreed to supply engines to an airline "
    "in Chicago. Boeing said the deal was worth one billion dollars.",
    "boeing04.txt": "Jet sales\n\nBoeing said it sold more jets than a year ago. Boeing "
    "builds planes in Seattle.",
    "boeing05.txt": "Strike ends\n\nBoeing said the strike at its plants had ended. Boeing "
    "workers returned on Monday.",
    "boeing06.txt": "Results\n\nBoeing Co <BA> reported higher sales. Boeing Co said orders "
    "were strong.",
    # K Mart and its suffix.
    "kmart01.txt": "Retailer sales\n\nK Mart Corp said sales rose five pct in March. K Mart "
    "said it would open new stores.",
    "kmart02.txt": "Store openings\n\nK Mart said it opened forty stores. K Mart expects "
    "more growth.",
    "kmart03.txt": "Retail results\n\nK Mart reported record earnings for the year. K Mart "
    "shares rose.",
    # Raisio, a company named after its town (the lists know the town), and Espoo, a town.
    "raisio01.txt": "Phone maker\n\nRaisio Oyj said it sold more phones than ever. Raisio "
    "shares rose in Helsinki.",
    "raisio02.txt": "Handsets\n\nRaisio Oyj launched three new handsets. Raisio said demand "
    "was strong in Europe.",
    "raisio03.txt": "Mobile market\n\nRaisio Oyj kept its lead in mobile phones. Rivals trail "
    "Raisio by a wide margin.",
    "raisio06.txt": "Phones\n\nRaisio said it sold more phones in Asia.",
    "raisio07.txt": "Network deal\n\nRaisio said it won a network contract.",
    "raisio04.txt": "Town news\n\nA new school opened in Espoo on Monday. Families in Espoo "
    "welcomed it, and the mayor of Espoo said more would follow.",
    "raisio05.txt": "Espoo grows\n\nThe population of Espoo grew again. Many people moved to "
    "Espoo, and housing in Espoo is scarce.",
    # Marlow the brewer and Marlow the town: two things, the contexts say so.
    "marlow01.txt": "Brewer profits\n\nMarlow Ltd said profits rose. Marlow said beer sales "
    "were strong.",
    "marlow02.txt": "Brewer expands\n\nMarlow Ltd bought two pubs. Marlow said it would "
    "hire staff.",
    "marlow03.txt": "Brewer dividend\n\nMarlow Ltd raised its dividend. Marlow said the "
    "outlook was good.",
    "marlow04.txt": "Flood warning\n\nRiver levels rose in Marlow overnight. Residents in "
    "Marlow were told to stay indoors.",
    "marlow05.txt": "Regatta\n\nCrowds gathered in Marlow for the regatta. Hotels in Marlow "
    "were full.",
    # Japan, and the Japanese.
    "japan01.txt": "Trade surplus\n\nJapan reported a record trade surplus. Japanese "
    "exporters gained.",
    "japan02.txt": "Tokyo talks\n\nJapanese officials met American negotiators in Tokyo. "
    "Japan wants a deal.",
    "japan03.txt": "Yen rises\n\nThe yen rose as Japan bought dollars. Japanese banks followed.",
    # Nigel Lawson and Clayton Yeutter, by surname.
    "lawson01.txt": "Budget\n\nNigel Lawson said the budget would cut taxes. Lawson spoke in "
    "London.",
    "lawson02.txt": "Chancellor speaks\n\nLawson said sterling was stable. Lawson rejected "
    "calls for a rate cut.",
    "lawson03.txt": "Sterling\n\nNigel Lawson defended the pound. Lawson said he would not resign.",
    "yeutter01.txt": "Farm trade\n\nClayton Yeutter said farm talks would resume. Yeutter "
    "met ministers in Geneva.",
    "yeutter02.txt": "Trade envoy\n\nYeutter said Japan must open its markets. Yeutter flew "
    "to Tokyo.",
    # Two Smiths: "Smith" alone must not join either.
    "smith01.txt": "Council vote\n\nJohn Smith said the council would vote today. John "
    "Smith chairs the finance committee.",
    "smith02.txt": "Hospital\n\nMary Smith said the hospital needed more nurses. Mary Smith "
    "runs the ward.",
    "smith03.txt": "Council plan\n\nSmith said the plan was sound, and the council agreed.",
    # Ford the company (with its suffix) and Gerald Ford the president.
    "ford01.txt": "Car maker\n\nFord Motor Co said car sales rose. Ford said trucks sold well.",
    "ford02.txt": "Ford earnings\n\nShares of Ford rose. Analysts said Ford plans new models.",
    "ford03.txt": "Former president\n\nGerald Ford visited a school in Michigan. Gerald Ford "
    "spoke about history.",
}


def write_corpus(root: Path) -> Path:
    """Write the articles under `root` (a folder); return it."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (root / name).write_text(text + "\n", encoding="utf-8")
    return root
