"""Named-entity recognition by rules: capitalised spans, word lists, context and the document.

`find_names(text, sentences)` returns the name mentions of a text (PERSON, NORP, ORG, GPE,
LOC, FAC, EVENT, PRODUCT, LAW, WORK_OF_ART, LANGUAGE, TITLE), each with its canonical entity
name after resolution within the document; `build_entities(mentions)` groups mentions into
entities. How it works, in four passes over each document, one module each:

1. (`tokens`) Tokens come from one compiled regular expression. A line written in capitals (a headline,
   a dateline) or a first line in Title Case is set aside, since capitals there say nothing
   about names; a sentence cut after an initial ("J.") is read with the next one.
2. (`spans`, then `rules`) In the other lines, runs of capitalised tokens (joined by "of", "de", "van der", "&", ...
   where names do that) are candidate spans; a title-cased phrase in quotes is a work. A span
   is cut into parts: an opener that is no name ("Jailed", "Officials"), roles ("Deputy
   Minister of Industry and Trade", "Spokesman Lieutenant-Colonel"), a nationality word or a
   country in front ("Iranian", "U.S."), an honorific ("Mr"), then the name itself, labelled
   by the strongest evidence at hand: the word lists of `gazetteer`, the shape of the name (a
   given name first, an organisation, place, law or event word last, an acronym), then the
   words around it (a place word before it, a results table, sports words after a city).
3. (`document`) The document decides what the lists cannot: "Blair" after "Tony Blair" is that person, a
   surname in a list of surnames is a person, a name guessed at in one place takes the label
   it was given with confidence elsewhere, a sentence opener is a name only if the document
   names it elsewhere, and a city the document treats as a team is the team throughout. A
   sports story (several words only sports reports use) makes a town named alone its team,
   unless the words around make it the place ("in Leeds", a dateline, "at Headingley").
4. (`headlines`) Headline lines get only names the document or the lists already know.

Every guess (`guesses`) carries a strength (strong: a list or a shape said so; weak: a default), and only
weaker guesses give way. All word lists load once per process (`lists`, `gazetteer`); a document costs
about 2 microseconds a word.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from explorer.model import Mention
from explorer.nlp import regexes
from explorer.nlp.names.document import resolve_document
from explorer.nlp.names.entities import build_entities
from explorer.nlp.names.guesses import STRONG, Doc, Guess
from explorer.nlp.names.headlines import digest_papers, press_digest, scan_caps_line, town_teams
from explorer.nlp.names.lists import COMPANY_FORMS, TABLE_WORDS, W
from explorer.nlp.names.spans import fixture_line, quoted_titles, result_line, scan_sentence
from explorer.nlp.names.tables import (
    LINEUP_GATE,
    has_scorers,
    lineup_people,
    market_indices,
    nation_brackets,
    nation_column,
    nation_rows,
    scorers_people,
    standings_name,
    standings_teams,
    venue_line,
)
from explorer.nlp.names.tokens import (
    _PROSE,
    NUMBER_START,
    Token,
    is_caps_line,
    scan_units,
    title_case,
    tokenize,
)
from explorer.nlp.pipeline import new_mention

__all__ = ["build_entities", "find_names"]


def find_names(text: str, sentences: Sequence[tuple[int, int]]) -> list[Mention]:
    """The name mentions of `text`, sorted by start, non-overlapping, entities resolved."""
    W.load()
    doc = Doc(text)
    caps_lines: list[tuple[int, list[Token]]] = []
    tickers: list[tuple[int, int, int, int]] = []
    rows: list[tuple[int, list[Token]]] = []
    ascii_text = text.isascii()
    # Table words are looked for only in a document with a wire table in it: one scan.
    wire_table = _wire_table(text)
    # A line without figures read as prose, and what it added to `doc`: undone if the next
    # line is a row of figures and it reads as the heads of its columns ("Buyer Seller High
    # Low"), which are then read as a row. (Checked only then: most lines are no heads.)
    heads: tuple[int, list[Token], int, int, int, int] | None = None
    standings: list[tuple[int, list[Token], int]] = []
    lineups = LINEUP_GATE.search(text) is not None  # one quick search: most have no team sheet
    scorers = has_scorers(text)  # "Scorers : Juninho 8": likewise
    # Rows with a nation in brackets after a name: "1. Ato Boldon ( Trinidad ) 10.09".
    nations: list[tuple[int, list[Token], list[tuple[int, int]]]] = []
    brackets = nation_rows(text)
    caps_note = " in CAPS" in text  # "( home team in CAPS )"
    # "Hove : Sussex 363": a scores line that opens with its ground; "Sterling 1.6610"
    grounds = _GROUND_GATE.search(text) is not None or "Sterling " in text
    # Horses in a race's result ("1. Silver Lining ( Andre Fabre ) 7-2"): no one's name.
    runners = _runners(text) if any(w in text for w in _RACING) else None
    for s_i, s_start, s_end in scan_units(text, sentences):
        toks = tokenize(text, s_start, s_end, ascii_text)
        if runners:
            toks = [t for t in toks if not any(s <= t.start < e for s, e in runners)]
        if lineups or scorers or grounds:
            toks = _players(doc, s_i, text, s_start, s_end, toks, lineups, scorers)
        if not toks:
            continue
        if brackets and (found := nation_brackets(text, s_start, s_end, toks)):
            nations.append((s_i, toks, found))
        if text[s_end - 1].isdigit() and (k := standings_name(toks)):
            standings.append((s_i, toks, k))  # "Cagliari 2 2 0 0 5 1 6": read with the others
            continue
        if is_caps_line(text, s_start, s_end, toks, s_i == 0):
            _caps_line(doc, s_i, text, s_start, s_end, toks, caps_lines)
            continue
        if text.find("<", s_start, s_end) >= 0:
            toks = _tickers(tickers, s_i, text, s_start, s_end, toks)
        if caps_note and text.find(" in CAPS", s_start, s_end) >= 0:
            toks = [t for t in toks if t.text != "CAPS"]  # "( home team in CAPS )": a typeface
        words = len(toks)
        if wire_table and _TABLE_WORD.search(text, s_start, s_end):
            toks = _without_table_words(toks)
            if not toks:
                continue
        digits = len(NUMBER_START.findall(text, s_start, s_end))
        if (
            digits >= 3
            and toks[0].text[0].isalpha()
            and _FIGURES.search(text, s_start, s_end)
            # not a list of results: "2. Bob Kennedy ( U.S. ) 13:06.12", "Bowling : Law 2-0-23-0"
            and text.find("(", s_start, s_end) < 0
            and text.find(":", s_start, s_end) < 0
            and text.find("-", s_start, s_end) < 0
            and digits >= 0.6 * sum(1 for t in toks if t.text[0].isalpha())
            and not _PROSE.search(text, s_start, s_end)
        ):  # a row of figures ("Wheat 1,234 5,678"): only names known elsewhere, as there
            if (
                heads is not None
                and heads[0] == s_i - 1
                and _column_heads(text, heads[4], heads[5], heads[1])
            ):
                del doc.found[heads[2] :], doc.long_runs[heads[3] :]
                rows.append(heads[:2])
            heads = None
            rows.append((s_i, toks))
            continue
        heads = (
            (s_i, toks, len(doc.found), len(doc.long_runs), s_start, s_end)
            if digits == 0 and words >= 2
            else None
        )
        table = (
            digits >= 2 and digits >= 0.2 * len(toks) and not _FIGURES.search(text, s_start, s_end)
        )  # a results table ("Ashford 2 Kingsbridge Rovers 1"), not a page of accounts
        if text.find('"', s_start, s_end) >= 0 or text.find("“", s_start, s_end) >= 0:
            toks = quoted_titles(doc, s_i, text, s_start, s_end, toks)
        if table and len(_CONTRACT_MONTH.findall(text, s_start, s_end)) >= 2:
            rows.append((s_i, toks))  # "Soyoil Nov 560 Dec 565": a price row, its names known
            continue
        if table:
            toks = result_line(doc, s_i, text, s_start, s_end, toks)
        elif words <= 12 and (
            text.find(" v", s_start, s_end) >= 0 or text.find(" V", s_start, s_end) >= 0
        ):
            toks = fixture_line(doc, s_i, text, s_start, s_end, toks)  # "Leeds v Arsenal"
        scan_sentence(doc, s_i, toks, table)
    if standings and not standings_teams(doc, standings):
        for s_i, toks, _k in standings:  # a leaderboard of people: rows as any other line
            if is_caps_line(text, toks[0].start, toks[-1].end, toks, s_i == 0):
                caps_lines.append((s_i, toks))
            else:
                scan_sentence(doc, s_i, toks, True)
    nation_column(doc, nations)
    if "(" in text:  # a scan for the brackets, then a search before each
        _bracketed_companies(doc)
    _whole_names(doc, sentences)
    resolve_document(doc)
    if tickers:
        _ticker_aliases(doc, tickers)
    _headlines_and_rows(doc, caps_lines, rows)
    market_indices(doc)
    doc.found.sort(key=lambda f: f.start)
    starts = [s for s, _e in sentences]
    out: list[Mention] = []
    last_end = -1
    for f in doc.found:
        if f.start < last_end:
            continue
        s_i = bisect_right(starts, f.start) - 1
        out.append(new_mention(f.start, f.end, text[f.start : f.end], f.label, f.entity, s_i))
        last_end = f.end
    return out


#: Words only a horse race's report has: a document without them has no runners (plain
#: strings, each a fast scan).
_RACING = (" ran ", " ran.", "trained", "trainer", "jockey", "ridden", "furlong", "Distances")
#: A runner's line in a race's result: its place, its name, its trainer or jockey in
#: brackets and its odds ("7-2", "evens", "5-1 fav"), in either order.
_ODDS = r"(?:\d{1,3}-\d{1,2}|[Ee]vens|Evs)"
_RUNNER = regexes.compile(
    r"^[ \t]*\d{1,2}\.?[ \t]+([A-Z][\w'.-]*(?:[ \t]+[A-Za-z][\w'.-]*){0,4})[ \t]*"
    rf"(?:\([^()\n]{{2,60}}\)[ \t]*{_ODDS}\b[^\n\d]{{0,20}}"  # "( Andre Fabre ) 7-2 fav"
    rf"|{_ODDS}\b[^()\n\d]{{0,20}}\([^()\n]{{2,60}}\)[ \t]*)\r?$",  # "3-1 fav ( Peter Hill )"
    re.MULTILINE,
)


def _runners(text: str) -> list[tuple[int, int]]:
    """Where the horses' names are in the result lines of a race."""
    return [m.span(1) for m in _RUNNER.finditer(text)]


#: A word of a company's name in brackets, and the form after: "Cheung Kong (Holdings) Ltd",
#: "Jardine Matheson ( Holdings )", "Hutchison Whampoa (Group)"; and the name before it.
_BRACKETED_WORD = regexes.compile(
    r"\(\s*(Holdings|Hldgs|Group|International|Overseas|Bermuda|Pte)\s*\)"
    r"(?:\s+(Ltd|Limited|Co|Corp|Plc|PLC|Bhd|Berhad|Inc|NV|SA|AG)\b\.?)?"
)
_NAME_BEFORE = regexes.compile(r"(?<![\w.])(?:[A-Z][\w&'.-]*\s+){0,3}[A-Z][\w&'.-]*\s*$")


def _bracketed_companies(doc: Doc) -> None:
    """A company named with a word of its name in brackets is one organisation over the
    brackets ("Cheung Kong (Holdings) Ltd"), not a person "Cheung Kong" and a "Ltd"; the
    name before the brackets alone is the company too, where the document writes it."""
    text = doc.text
    spans: list[tuple[int, int, str, str]] = []
    for m in _BRACKETED_WORD.finditer(text):
        name = _NAME_BEFORE.search(text, max(0, m.start() - 80), m.start())
        if name is None:
            continue
        words = name.group().split()
        while words and words[0].lower() in W.stopwords:  # "Shares of", "The"
            words = words[1:]
        if not words:
            continue
        start = text.rindex(words[0], name.start(), m.start())
        short = " ".join(words)
        form = f" {m.group(2)}" if m.group(2) else ""
        spans.append((start, m.end(), short, f"{short} ({m.group(1)}){form}"))
    if not spans:
        return
    shorts: dict[str, str] = {}
    for _s, _e, short, entity in spans:  # the fullest name ("... (Holdings) Ltd") for each
        if len(entity) > len(shorts.get(short, "")):
            shorts[short] = entity
    spans = [(s, e, short, shorts[short]) for s, e, short, _entity in spans]
    keep = []
    sentences = [0] * len(spans)  # each span's sentence: that of a guess it covers
    for f in doc.found:
        over = [k for k, (s, e, _sh, _en) in enumerate(spans) if f.start < e and s <= f.start]
        for k in over:
            sentences[k] = f.sentence
        if over or any(f.start < e and s < f.end for s, e, _short, _entity in spans):
            continue
        full = shorts.get(" ".join(text[f.start : f.end].split()))
        if full is not None:
            f.label, f.entity, f.strength = "ORG", full, STRONG  # "shares of Cheung Kong"
        keep.append(f)
    for (s, e, _short, entity), sentence in zip(spans, sentences, strict=True):
        keep.append(Guess(s, e, "ORG", entity, STRONG, sentence, len(text[s:e].split())))
    doc.found = keep


#: A broadcaster's station named by its number: "BBC Radio 6 Music", "Radio 4", "BBC Radio 5
#: Live", "Radio 1Xtra", "BBC 6 Music", "Channel 4", "Channel 5 News", "Five Live".
_STATION = regexes.compile(
    r"(?<![\w-])(?:(?:BBC|RTE|RT\u00c9|ABC|CBC)[ \t]+)?"
    r"(?:(?:Radio|Channel)[ \t]+\d{1,2}(?:Xtra)?(?![\w.,:/-]\d)"
    r"(?:[ \t]+(?:Music|Live|Extra|Xtra|News|Sports[ \t]+Extra|Live[ \t]+Sports[ \t]+Extra))?"
    r"|(?:BBC[ \t]+)?(?:Radio[ \t]+)?(?:6|Five|5)[ \t]+(?:Music|Live))(?![\w-])"
)
#: What every station's name has (plain words, each a fast scan, looked for first).
_STATION_WORDS = ("Radio", "Channel", "Music", "Live")


#: A devolved government of the United Kingdom, whatever its case, after "the": "the
#: Scottish government", "the Welsh Assembly", "the Northern Ireland executive"; not "a
#: Scottish parliament" (one to be made) nor "the party's Scottish executive".
_DEVOLVED = regexes.compile(
    r"(?<=\b[Tt]he )(?:Scottish|Welsh|Northern[ \t]+Ireland)[ \t]+"
    r"(?:Assembly[ \t]+Government|[Gg]overnment|[Ee]xecutive|[Pp]arliament|[Aa]ssembly|Office)\b"
)
_DEVOLVED_WORDS = ("Scottish", "Welsh", "Northern Ireland")


def _whole_names(doc: Doc, sentences: Sequence[tuple[int, int]]) -> None:
    """The names the recognizer's spans cut, read whole by their patterns (each behind a
    plain search that most texts fail)."""
    text = doc.text
    if any(word in text for word in _STATION_WORDS):
        _whole_name(doc, sentences, _STATION)
    if any(word in text for word in _DEVOLVED_WORDS):
        _whole_name(doc, sentences, _DEVOLVED)


def _whole_name(doc: Doc, sentences: Sequence[tuple[int, int]], pattern: re.Pattern) -> None:
    """A station named by its number is one organisation's name ("BBC Radio 6 Music"), not
    "BBC Radio", a number and "Music"; so is a devolved government, written in lower case
    or not ("the Scottish government" is the Scottish Government). The guesses such a name
    covers give way to it."""
    text = doc.text
    spans = [
        (s, e)
        for s, e in (m.span() for m in pattern.finditer(text))
        if pattern is not _STATION
        or any(c.isdigit() for c in text[s:e])
        or "BBC" in text[s:e]
        or text[s:e].split() == ["Five", "Live"]
    ]
    if not spans:
        return
    doc.found = [f for f in doc.found if not any(f.start < e and s < f.end for s, e in spans)]
    starts = [s for s, _e in sentences]
    for s, e in spans:
        words = text[s:e].split()
        if pattern is _DEVOLVED:
            words = [w[:1].upper() + w[1:] for w in words]
        name = " ".join(words)
        s_i = max(0, bisect_right(starts, s) - 1)
        doc.found.append(Guess(s, e, "ORG", name, STRONG, s_i, len(words)))


def _headlines_and_rows(doc: Doc, caps_lines: list, rows: list) -> None:
    """Pass 4: lines in capitals and rows of figures get the names known elsewhere; in a
    press digest a newspaper's name heading its stories is the newspaper."""
    if press_digest(doc.text):
        caps_lines = digest_papers(doc, caps_lines)  # "JAKARTA POST": a newspaper's stories
    if caps_lines or doc.long_runs or rows:
        known = _known_names(doc)
        teams = town_teams(doc) if caps_lines else None
        for s_i, toks in caps_lines + doc.long_runs:
            scan_caps_line(doc, s_i, toks, known, teams=teams)
        for s_i, toks in rows:
            scan_caps_line(doc, s_i, toks, known, row=True)


def _players(doc: Doc, s_i: int, text: str, start: int, end: int, toks, lineups, scorers):
    """The sentence's tokens without the players a team sheet ("C Paterson; S Webster, A
    Craig") or a scorers' list ("Scorers : Juninho 8 , Ravanelli 30") names, and a scores
    line's ground and side ("Hove : Sussex 363"), which are emitted; and without a currency
    before its rate ("Sterling 1.6610"): read before the line's shape."""
    if lineups and toks:
        toks = lineup_people(doc, s_i, text, start, end, toks)
    if scorers and toks and text.find(":", start, end) >= 0:
        toks = scorers_people(doc, s_i, toks)
    if toks and text.find(":", start, min(end, start + 40)) >= 0 and toks[0].text[:1].isupper():
        toks = venue_line(doc, s_i, toks)  # "Hove : Sussex 363 ( ... )"
    if len(toks) > 1 and toks[0].text == "Sterling" and toks[1].text[:1].isdigit():
        toks = toks[1:]  # "Sterling 1.6610 / 20 dlrs": the currency's rate, no Mr Sterling
    return toks


#: A colon, a side and its score: "Hove : Sussex 363", "Tunbridge Wells: Kent 108-3".
_GROUND_GATE = regexes.compile(r": [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2} \d")

#: A futures contract's month and its price: "Nov 560", "Dec 380 1/2".
_CONTRACT_MONTH = regexes.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d")


def _known_names(doc: Doc) -> dict[str, tuple[str, str]]:
    """The names the document gives outside its headlines and tables: surface -> (label,
    entity), for pass 4."""
    known: dict[str, tuple[str, str]] = {}
    text = doc.text
    for f in doc.found:
        if f.label != "TITLE":
            surface = text[f.start : f.end]
            known.setdefault(surface, (f.label, f.entity))
            short, _, form = surface.rpartition(" ")
            if f.label == "ORG" and form in COMPANY_FORMS:
                known.setdefault(short, (f.label, f.entity))  # "ACME" over "Acme Corp"
    for nick, entity in doc.nicknames.items():
        known.setdefault(nick, ("ORG", entity))  # "INDIANS" of "Cleveland Indians"
    for surface, value in list(known.items()):
        # one word with capitals inside: "GENCORP", read as "Gencorp", is GenCorp
        if " " not in surface and not (surface.istitle() or surface.isupper()):
            known.setdefault(title_case(surface), value)
    return known


def _caps_line(doc: Doc, s_i: int, text: str, start: int, end: int, toks, caps_lines) -> None:
    """A line in capitals: a table's column heads name nothing, a result ("LG 2 OB 0") names
    its two sides; any other is kept for pass 4, which gives it only names known elsewhere."""
    if _column_codes(toks):
        return  # "W L T GF GA PTS"
    if text[end - 1].isdigit() or text[end - 1] == ")":
        left = result_line(doc, s_i, text, start, end, toks)
        if left is not toks:
            scan_sentence(doc, s_i, left, True)
            return
    elif (
        len(toks) <= 9
        and text.find(" V", start, end) >= 0
        and fixture_line(doc, s_i, text, start, end, toks) is not toks
    ):
        return  # "LEEDS V ARSENAL"
    caps_lines.append((s_i, toks))


def _column_codes(toks: list[Token]) -> bool:
    """Whether a line in capitals is the heads of a table's columns in codes of a few
    letters and nothing else: "W L T GF GA PTS", "W D L PCT GB"."""
    return len(toks) >= 3 and all(t.text.isalpha() and len(t.text) <= 4 for t in toks)


def _column_heads(text: str, start: int, end: int, toks: list[Token]) -> bool:
    """Whether a line reads as the heads of a table's columns: one line of capitalised words
    and nothing else ("Buyer Seller High Low", "Prev Wk Yr Ago")."""
    return (
        all(t.text[:1].isupper() and t.text.isalpha() for t in toks)
        and text.find("\n", start, end) < 0
    )


# \d\.\d|\d,\d{3}|\bmillion\b|\bbillion\b|%|\$, opening with the class of its first
# characters, so that the engine skips to them instead of trying every character.
_FIGURES = regexes.compile(
    r"[\dmb%$](?:(?<=\d)(?:\.\d|,\d{3})|(?<=m)(?<!\wm)illion\b|(?<=b)(?<!\wb)illion\b|(?<=[%$]))"
)


#: A ticker symbol in angle brackets after a company's name: "Acme Corp <ACM>".
_TICKER = regexes.compile(r"<([A-Z][A-Z0-9.&-]{0,9})>")


def _tickers(tickers: list, s_i: int, text: str, start: int, end: int, toks):
    """Take the tickers out of the sentence's tokens, and note each (sentence, where its
    bracket opens, where its symbol starts and ends) for `_ticker_aliases`."""
    spans = []
    for m in _TICKER.finditer(text, start, end):
        tickers.append((s_i, m.start(), m.start(1), m.end(1)))
        spans.append(m.span())
    if not spans:
        return toks
    return [t for t in toks if not any(s <= t.start < e for s, e in spans)]


def _ticker_aliases(doc: Doc, tickers: list) -> None:
    """A ticker names the company written just before it, as an alias of that company; with
    no company before it, it names nothing."""
    by_end = {f.end: f for f in doc.found}
    text = doc.text
    for s_i, bracket, start, end in tickers:
        before = bracket
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        f = by_end.get(before)
        if f is not None and f.label == "ORG":
            doc.found.append(Guess(start, end, "ORG", f.entity, f.strength, s_i, 1))


_TABLE_WORD = regexes.compile(rf"\b(?:{'|'.join(sorted(TABLE_WORDS))})\b")


#: What only a wire table has: "Shr", "Revs", "Qtr", "YTD", " vs ". (The space before "vs" is
#: looked behind for: a pattern opening with a space would stop the search at every space.)
_WIRE_TABLE = regexes.compile(r"(?:Shr|Revs|Qtr|YTD|Yr Ago|vs(?<= vs)\.? )")

#: ... and a futures or weekly table: "Prev Day Open Int 512,340 off 2,150", "Est Vol 41,000",
#: "Micron Curr Wk Prev Wk" (looked for as plain strings, each a fast scan, cheaper than more
#: alternatives in the pattern).
_FUTURES_TABLE = ("Open Int", "Est Vol", "Est. Vol", "Prev Day", "Curr Wk", "Prev Wk")


#: What `_WIRE_TABLE` needs, looked for first (plain scans): its search stops at every S, R,
#: Q, Y and v of every text.
_WIRE_TABLE_WORDS = ("Shr", "Revs", "Qtr", "YTD", "Yr Ago", " vs")


def _wire_table(text: str) -> bool:
    return (
        any(s in text for s in _WIRE_TABLE_WORDS) and _WIRE_TABLE.search(text) is not None
    ) or any(s in text for s in _FUTURES_TABLE)


def _without_table_words(toks: list[Token]) -> list[Token]:
    """The tokens without the words of a table's rows and heads ("Shr", "Revs", "Curr Wk
    YTD Yr Ago"): those next to a number, "vs" or another such word."""
    n = len(toks)
    keep = []
    for k, t in enumerate(toks):
        if t.text in TABLE_WORDS and (
            _table_side(toks[k - 1].text if k else "")
            or _table_side(toks[k + 1].text if k + 1 < n else "")
        ):
            continue
        keep.append(t)
    if len(keep) == 1 and n - len(keep) >= 2 and keep[0] is toks[0]:
        return []  # "Micron Curr Wk Prev Wk": the first column's head, with the others
    return keep


def _table_side(word: str) -> bool:
    return word == "" or word[:1].isdigit() or word in TABLE_WORDS or word in ("-", "(", ")")
