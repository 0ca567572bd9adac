"""Rows of a sports table: a standings row gives its team once, typed as the table types it.

A standings row is a name and then only the figures of its columns: "Cagliari 2 2 0 0 5 1 6",
"HARTFORD 12 7 3 70 60 27", "Haitai 64 2 43 .596 -", "Proleter ( Z ) 4 0 1 3 2 9 1". A reader
of a sports page knows a column holds one kind of thing: in a table whose names are mostly
clubs, the odd one shaped like a person's name ("Ross County", "Red Star") is a club too; a
table whose names are mostly people's ("Colin Montgomerie 66 68 67 201") is a leaderboard, and
its rows are read as any other line. A nation in a table of clubs or of nations is the
national side, a place (CoNLL's convention: a country playing is LOC).

A team sheet lists its players by initial and surname, a comma or a semicolon between them:
"C Paterson; S Webster, A Craig, H Southwell, S Lamont; D Parks, C Cusiter; T Smith, G Bulloch
(capt)". Such a list is read by its shape, wherever it stands (on a line of its own or run on
after the last sentence when a document is one line): every name in it is a player.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from explorer.nlp import regexes
from explorer.nlp.names.guesses import STRONG, Doc, Guess, emit, is_about_sport
from explorer.nlp.names.lists import (
    FUNCTION,
    NAME_PARTICLES,
    W,
    gazetteer_label,
    org_suffix,
    word_list,
)
from explorer.nlp.names.tokens import Token, title_case

#: Words that may stand inside a club's name: "Queen of South", "Queen 's Park".
_INSIDE = frozenset({"of", "'s", "’s", "de", "del", "la", "le", "and", "&", "."})

#: A standings row has at least this many figures after its name.
_MIN_FIGURES = 3


def standings_name(toks: list[Token]) -> int:
    """The number of tokens of the name a standings row opens with, 0 if the tokens are no
    standings row: a capitalised name (with a town's initial in brackets, "( Z )"), then at
    least three figures and nothing else: whole numbers of up to three digits, a percentage
    written ".596", a fraction "1/2", a "-" for none."""
    n = len(toks)
    k = 0
    while k < n:
        w = toks[k].text
        if w[:1].isupper() or (k and w in _INSIDE and k + 1 < n and toks[k + 1].text[:1].isalpha()):
            k += 1
            continue
        break
    if k == 0 or not toks[k - 1].text[:1].isupper():
        return 0
    if (
        k + 2 < n
        and toks[k].text == "("
        and toks[k + 2].text == ")"
        and toks[k + 1].text.isupper()
        and len(toks[k + 1].text) <= 3
    ):
        name_end = k + 3  # "Proleter ( Z )": the club of the town Z
    else:
        name_end = k
    figures = 0
    end = -1
    for t in toks[name_end:]:
        w = t.text
        if w.isdigit() and len(w) <= 3:
            figures += 1
        elif w not in ("-", ".", "/", "+") or (w == "." and t.start == end):
            return 0  # a word, or a decimal point: "Gold 386.40 386.80" is a price
        end = t.end
    if figures < _MIN_FIGURES or not toks[-1].text.isdigit():
        return 0
    return name_end


def _person_shaped(words: list[str]) -> bool:
    """ "S. Waugh", "Colin Montgomerie": a name read as a person's on its own."""
    if len(words) < 2 or len(words) > 3:
        return False
    first = words[0]
    if len(first) == 2 and first[1] == "." and first[0].isupper():
        return True
    return (
        first in W.first_names
        and not gazetteer_label(words)
        and " ".join(words) not in W.known_orgs
        and not org_suffix(words[-1])
        and words[-1] not in W.loc_words
        and all(w.lower() not in FUNCTION for w in words)
    )


def standings_teams(doc: Doc, rows: list[tuple[int, list[Token], int]]) -> bool:
    """Emit the team of every standings row when the document is about sport and its rows
    name teams (fewer than half of them are shaped like people's names); True if it did."""
    if not is_about_sport(doc):
        return False
    names = []
    for _s_i, toks, k in rows:
        bracket = k > 3 and toks[k - 1].text == ")" and toks[k - 3].text == "("
        words = [t.text for t in toks[: k - 3 if bracket else k]]
        caps = all(w.isupper() for w in words if w[:1].isalpha())
        names.append([title_case(w) for w in words] if caps else words)
    people = sum(1 for words in names if _person_shaped(words))
    if 2 * people >= len(names):
        return False
    for (s_i, toks, k), words in zip(rows, names, strict=True):
        key = " ".join(words)
        hit = gazetteer_label(words)
        if hit and hit[0] == "GPE" and (key in W.nations or key in W.country_names):
            emit(doc, s_i, toks, 0, k, "GPE", hit[1], STRONG)  # a national side
            continue
        canon = key if k == len(words) else " ".join(t.text for t in toks[:k])
        emit(doc, s_i, toks, 0, k, "ORG", canon, STRONG)
        if len(words) == 1 and (hit or key in W.cities):
            doc.clubs.add(key)
            doc.table_clubs.add(key)
    return True


#: Two players of a team sheet in a row, "C Paterson; S Webster", "G du Toit/J Fourie": the
#: sentences worth reading as one (the initial opens the pattern, so that the engine skips to
#: capitals; the look-behind after it keeps "US" or "J." whole).
LINEUP = regexes.compile(
    r"[A-Z](?<![\w.][A-Z])(?:[A-Z]|-[A-Z])?\.? (?:[a-z]+ ){0,2}[A-Z][\w'’-]+"
    r"(?: \([a-z]+\))?[,;/] ?[A-Z](?:[A-Z]|-[A-Z])?\.? (?:[a-z]+ ){0,2}[A-Z]"
)

_SURNAME_WORD = regexes.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

#: Two players of a team sheet with a comma between them, ", S Webster": the pattern opens
#: with a literal, which the engine finds faster than a capital; a text without it is no
#: team sheet's.
LINEUP_GATE = regexes.compile(r", [A-Z](?:[A-Z]|-[A-Z])?\.? (?:[a-z]+ ){0,2}[A-Z]")

#: What stands between the players of a team sheet.
_LIST_MARKS = frozenset({",", ";", "/", ":", "."})

#: A team sheet names at least this many players by initial and surname.
_MIN_PLAYERS = 3


def _initial(word: str) -> bool:
    """ "C", "C.", "CJ", "J-P": a player's initials as a team sheet writes them (two capitals
    only if no list knows them as a name: "US", "UK" are no initials)."""
    w = word[:-1] if word[-1:] == "." else word
    if len(w) == 1:
        return w.isupper()
    if len(w) == 3 and w[1] == "-":
        return w[0].isupper() and w[2].isupper()
    return len(w) == 2 and w.isupper() and w.isalpha() and gazetteer_label([w]) is None


def _surname(toks: list[Token], i: int, j: int) -> bool:
    """Whether toks[i:j] is a surname: capitalised words, particles between ("du Toit", "van
    der Linde", "O'Gara"), at most four words, the last capitalised."""
    if not 0 < j - i <= 4 or not toks[j - 1].text[:1].isupper():
        return False
    for t in toks[i:j]:
        w = t.text
        if w in NAME_PARTICLES:
            continue
        if not (w[:1].isupper() and not w.isupper() and _SURNAME_WORD.fullmatch(w)):
            return False  # "Smith", "O'Gara", "Sowden-Taylor", "McBryde"; not "BBC1"
    return True


def lineup_people(
    doc: Doc, s_i: int, text: str, start: int, end: int, toks: list[Token]
) -> list[Token]:
    """Emit every player of a team sheet in the sentence text[start:end] as a PERSON, and
    return its tokens without them (and without a "(capt)" after one): a run of at least three
    items each an initial and a surname, or a full name among them ("Mirco Bergamasco"), with
    a comma, a semicolon or a slash between each two. The first item may follow other words
    ("...conversion. : C Paterson"), which are left to be read as any others. The marks
    between the players stay, so a sentence keeps a token."""
    if LINEUP.search(text, start, end) is None:
        return toks  # most sentences: one search in C
    n = len(toks)
    # The items between the marks, each (its name's first token, the name's end, the item's
    # end, whether an initial opens it), in runs of items one after another.
    items: list[tuple[int, int, int, bool]] = []
    runs: list[list[tuple[int, int, int, bool]]] = []
    k = 0
    while k <= n:
        e = k
        while e < n and toks[e].text not in _LIST_MARKS:
            e += 1
        item = _item(toks, k, e, not items)
        if item is None:
            if items:
                runs.append(items)
            items = []
            item = _item(toks, k, e, True)  # this one may open the next run
        if item is not None:
            items.append(item)
        k = e + 1
    if items:
        runs.append(items)
    drop: set[int] = set()
    for run in runs:
        if sum(1 for it in run if it[3]) < _MIN_PLAYERS:
            continue
        for first, name_end, item_end, _initialled in run:
            canon = " ".join(t.text for t in toks[first:name_end])
            emit(doc, s_i, toks, first, name_end, "PERSON", canon, STRONG)
            drop.update(range(first, name_end))
            if item_end > name_end and toks[name_end + 1].text.islower():
                drop.update(range(name_end, item_end))  # "(capt)"
    if not drop:
        return toks
    return [t for k, t in enumerate(toks) if k not in drop]


def _item(toks: list[Token], i: int, j: int, opens: bool) -> tuple[int, int, int, bool] | None:
    """The player named by toks[i:j], one item of a team sheet, as (start, name end, item
    end, whether an initial opens it); None if the tokens are no such item. An item opening a
    run may have other words before its initial."""
    end = j
    if end - i >= 3 and toks[end - 1].text == ")":  # "G Bulloch (capt)", "J Bonnaire (Bourgoin)"
        b = end - 2
        while b > i and toks[b].text != "(":
            b -= 1
        if toks[b].text != "(" or end - b > 5:
            return None
        end = b
    if end <= i:
        return None
    starts = range(i, end - 1) if opens else (i,)
    for s in starts:
        if _initial(toks[s].text) and _surname(toks, s + 1, end):
            return (s, end, j, True)
    if (
        not opens
        and end - i in (2, 3)
        and _surname(toks, i, end)
        and toks[i].text not in NAME_PARTICLES
    ):
        return (i, end, j, False)  # "Mirco Bergamasco", "De Wet Barry"
    return None


#: The head of a scorers' list: "Scorers", "Tries", "Drop goals" (data/scorer_heads.txt),
#: read as its words, the last before the list's colon.
_SCORER_HEADS = frozenset(tuple(h.split()) for h in word_list("scorer_heads"))
_SCORER_LAST = frozenset(h[-1] for h in _SCORER_HEADS)


def _scorer_head(toks: list[Token], k: int) -> bool:
    """Whether toks[k] is ":" after the head of a scorers' list ("Scorers :", "Drop goals :")."""
    if toks[k].text != ":" or k == 0 or toks[k - 1].text not in _SCORER_LAST:
        return False
    for head in _SCORER_HEADS:
        m = len(head)
        if k >= m and tuple(t.text for t in toks[k - m : k]) == head:
            return True
    return False


def scorers_people(doc: Doc, s_i: int, toks: list[Token]) -> list[Token]:
    """Emit the players of a match report's scorers' lists as people, and return the tokens
    without them: after "Scorers :", "Tries :", "Penalties :" (data/scorer_heads.txt) every
    name up to the next such head is a player's, whatever figures follow it ("Juninho 8 ,
    Ravanelli 30 pen , 71"); a name before " - " there is the side the list is for ("Leeds -
    Sharpe 12"), and a name in brackets is read as any other."""
    n = len(toks)
    drop: set[int] = set()
    k = 0
    while k < n:
        if not _scorer_head(toks, k):
            k += 1
            continue
        k += 1
        depth = 0
        while k < n and not _scorer_head(toks, k):
            w = toks[k].text
            if w == "(":
                depth += 1
            elif w == ")":
                depth = max(0, depth - 1)
            if depth or not w[:1].isupper() or w[-1:] == ":" or _scorer_head_word(toks, k):
                k += 1
                continue
            e = k + 1
            while e < n:
                p = e
                while p < n and toks[p].text in NAME_PARTICLES:
                    p += 1  # "Joost van der Westhuizen"
                if p < n and toks[p].text[:1].isupper() and toks[p].text not in ("'s", "’s"):
                    e = p + 1
                    continue
                break
            after = toks[e].text if e < n else ""
            if after in ("-", ":") or e - k > 4 or any(t.text[:1].isdigit() for t in toks[k:e]):
                k = e  # "Leeds - Sharpe 12": the side the list is for
                continue
            canon = " ".join(t.text for t in toks[k:e])
            emit(doc, s_i, toks, k, e, "PERSON", canon, STRONG)
            drop.update(range(k, e))
            k = e
    if not drop:
        return toks
    return [t for k, t in enumerate(toks) if k not in drop]


def _scorer_head_word(toks: list[Token], k: int) -> bool:
    """Whether toks[k] opens the next head of a scorers' list ("Conversions :")."""
    for head in _SCORER_HEADS:
        m = len(head)
        if (
            k + m < len(toks)
            and toks[k + m].text == ":"
            and tuple(t.text for t in toks[k : k + m]) == head
        ):
            return True
    return False


def has_scorers(text: str) -> bool:
    """Whether a scorers' list's head and its colon stand somewhere in the text ("Scorers :",
    "Tries:"): the colons are found in C, and most texts have few and no such head."""
    i = text.find(":")
    while i >= 0:
        j = i - 1 if i and text[i - 1] in " \t" else i
        k = j
        while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "-"):
            k -= 1
        if text[k:j] in _SCORER_LAST:
            return True
        i = text.find(":", i + 1)
    return False


#: A capitalised name in brackets, "( Trinidad )", "(U.S.)": a column of nations has three.
_BRACKETED_NAME = regexes.compile(r"\( ?[A-Z][\w.'-]*(?: (?:and |of )?[A-Z][\w.'-]*){0,3} ?\)")


def nation_rows(text: str) -> bool:
    """Whether the text has at least three capitalised names in brackets, which a column of
    nations needs (one search in C; most texts have none)."""
    m = _BRACKETED_NAME.search(text)
    return m is not None and len(_BRACKETED_NAME.findall(text, m.end())) >= 2


def nation_brackets(text: str, start: int, end: int, toks: list[Token]) -> list[tuple[int, int]]:
    """The brackets after a capitalised name in the sentence text[start:end], "Ato Boldon (
    Trinidad )", "Benetton ( Italy )": (where the bracket opens, where it closes, as indexes
    of `toks`) for each whose inside is one to four words, capitalised but for "and" or "of",
    with no figure among them."""
    out: list[tuple[int, int]] = []
    if text.find("(", start, end) < 0:
        return out  # most sentences: one search in C
    n = len(toks)
    for k in range(1, n - 2):
        if toks[k].text != "(" or not toks[k - 1].text[:1].isupper():
            continue
        c = k + 1
        while c < n and c - k <= 5 and toks[c].text != ")":
            w = toks[c].text
            if not (w[:1].isupper() or (w in ("and", "of") and c > k + 1)):
                break
            c += 1
        if c < n and c > k + 1 and toks[c].text == ")" and c - k <= 5:
            out.append((k, c))
    return out


def nation_column(doc: Doc, rows: list[tuple[int, list[Token], list[tuple[int, int]]]]) -> None:
    """A sports page's names with a nation in brackets after each ("1. Ato Boldon ( Trinidad
    ) 10.09", "Olaf Ludwig ( Germany ) Telekom 4 hours"): a reader knows the column holds
    nations once most of its entries are nations the lists know, so an entry they do not
    know ("Trinidad", "Kazakstan") is a nation too, a place; and the name between such a
    bracket and the row's figures is the rider's or the driver's team ("Telekom", "Kelme",
    "Jordan"), an organisation. Guesses over those spans give way."""
    if not rows:
        return
    entries = []
    known = 0
    for s_i, toks, brackets in rows:
        for k, c in brackets:
            key = " ".join(t.text for t in toks[k + 1 : c])
            hit = gazetteer_label(key.split(" "))
            nation = _nation(hit, key)
            known += nation
            entries.append((s_i, toks, k, c, key, hit, nation))
    if known < 3 or 3 * known < 2 * len(entries):
        return
    new: list[Guess] = []
    for s_i, toks, k, c, key, hit, nation in entries:
        if hit and nation:
            new.append(_guess(s_i, toks, k + 1, c, "GPE", hit[1]))  # "Trinidad and Tobago" whole
        elif not (hit or key in W.known_orgs or key in doc.people):
            new.append(_guess(s_i, toks, k + 1, c, "GPE", key))
        team = _team_after(toks, c)
        if team:
            canon = " ".join(t.text for t in toks[team[0] : team[1]])
            new.append(_guess(s_i, toks, team[0], team[1], "ORG", canon))
    if not new:
        return
    spans = sorted((g.start, g.end) for g in new)
    doc.found = _without_overlaps(doc.found, spans)
    doc.found.extend(new)


def _nation(hit: tuple[str, str] | None, key: str) -> bool:
    """Whether a bracket's words are a nation's name ("Italy", "U.S.", "Trinidad and Tobago")."""
    if hit is None:
        return False
    return hit[0] == "GPE" and (key in W.nations or key in W.country_names or key in _NATIONS)


#: Nations as results tables write them, besides their names in the lists.
_NATIONS = frozenset({"U.S.", "USA", "U.S.A.", "Britain", "UK", "U.K."})


def _guess(s_i: int, toks: list[Token], i: int, j: int, label: str, canon: str) -> Guess:
    return Guess(toks[i].start, toks[j - 1].end, label, canon, STRONG, s_i, j - i)


def _without_overlaps(found: list[Guess], spans: list[tuple[int, int]]) -> list[Guess]:
    """The guesses that overlap none of the sorted, disjoint `spans`."""
    starts = [s for s, _e in spans]
    keep = []
    for f in found:
        k = bisect_right(starts, f.start) - 1  # the last span starting at or before the guess
        if (k >= 0 and spans[k][1] > f.start) or (k + 1 < len(spans) and starts[k + 1] < f.end):
            continue
        keep.append(f)
    return keep


#: What follows a team's name in a row of results: "same time", "s.t.", "all same time".
_AFTER_TEAM = frozenset({"same", "s.t.", "st", "all", "at"})


def _team_after(toks: list[Token], c: int) -> tuple[int, int] | None:
    """The team named after a nation's closing bracket at toks[c], as (start, end): "( Germany
    ) Telekom 4 hours", "( Spain ) MX Onda" (at the row's end), "( U.S. ) , Lola Ford Cosworth
    , 54.483"; None if no team is named there."""
    n = len(toks)
    i = c + 1
    comma = i < n and toks[i].text == ","
    if comma:
        i += 1
    j = i
    while j < n and j - i < 3 and toks[j].text[:1].isupper() and toks[j].text != "(":
        j += 1
    if j == i:
        return None
    after = toks[j].text if j < n else ""
    if comma:
        ok = after == "," and j + 1 < n and toks[j + 1].text[:1].isdigit()
    else:
        ok = (after[:1].isdigit() and j - i == 1) or (
            (after == "" or after[:1].isdigit() or after in _AFTER_TEAM)
            and toks[i].text not in W.first_names  # not "( Canada ) Mike Sullivan"
        )
    return (i, j) if ok else None


#: A stock market index by name (data/market_indices.txt), the longest first: "FTSE 100"
#: before "FTSE". Not a firm's or a paper's name that opens with one: "Dow Jones & Co", "Dow
#: Jones Telerate", "Nikkei business daily", "Hang Seng Bank".
_INDEX = regexes.compile(
    r"(?:"  # (no \b before it: the engine then skips to the names' first letters)
    + "|".join(re.escape(w) for w in sorted(word_list("market_indices"), key=len, reverse=True))
    + r")(?![\w&-])(?! ?(?:&|and Co\b|(?!Index|Average|Composite)[A-Z]|newspaper|daily|"
    r"business|financial|Shimbun))"
)

#: The words an index's name opens with ("FTSE", "Hang", "Dow"): a guess with one of them
#: in it is looked at again (a set's look-up a guess: cheaper than a search of every text).
INDEX_WORDS = frozenset(
    w.replace("-", " ").split(" ", 1)[0] for w in word_list("market_indices")
) | {"Nasdaq"}

_INDEX_INITIALS = frozenset(w[0] for w in INDEX_WORDS)

#: "Nasdaq" before the word of its index ("the Nasdaq composite index"); alone it is the
#: market's owner ("Nasdaq plans a share sale").
_NASDAQ = regexes.compile(r"Nasdaq(?= (?:[Cc]omposite|[Ii]ndex|100)\b)")

#: "the Dow" alone, the Dow Jones average, before no capitalised word ("Dow Chemical").
_THE_DOW = regexes.compile(r"[Tt]he Dow(?![\w&-])(?! ?(?:&|[A-Z]))")


_CAC = regexes.compile(r"CAC[- ]40\b")


#: The indices' names, for the names a table's row or a headline may give.
INDEX_NAMES = frozenset(word_list("market_indices"))


def market_indices(doc: Doc) -> None:
    """A stock market index, "the Nikkei average", "FTSE 100 3,897.2 up 12.6", "the Hang
    Seng", is the index (a PRODUCT, CoNLL's miscellany), whatever was guessed over it (an
    organisation, a person): each guess that opens with an index's first word is read again
    there, its span the index's name with its number ("FTSE 100")."""
    text = doc.text
    found = []
    for f in doc.found:
        pos = f.start
        if text[pos] not in _INDEX_INITIALS:
            continue  # most guesses: one look-up
        word = text[pos : f.end].partition(" ")[0].partition("-")[0]
        if word in INDEX_WORDS:
            m = _INDEX.match(text, pos)
            if m is not None and (not pos or not text[pos - 1].isalnum()):
                found.append((m.start(), m.end()))
            elif word == "Dow" and (m := _THE_DOW.match(text, max(0, pos - 4))):
                found.append((pos, m.end()))
            elif word == "Nasdaq" and (m := _NASDAQ.match(text, pos)):
                found.append(m.span())
    if "CAC" in text:  # "CAC-40": a figure in it, so no guess of a name is over it
        found += [m.span() for m in _CAC.finditer(text)]
    if not found:
        return
    spans = sorted(set(found))
    doc.found = _without_overlaps(doc.found, spans)
    for s, e in spans:
        name = text[s:e]
        doc.found.append(Guess(s, e, "PRODUCT", name, STRONG, 0, len(name.split())))


def venue_line(doc: Doc, s_i: int, toks: list[Token]) -> list[Token]:
    """A line of a sports page that opens with where its match is played, then a colon and
    the first side's score: "Hove : Sussex 363 ( ... )", "At Headingley ( Leeds ) : Yorkshire
    290", "Tunbridge Wells : Nottinghamshire 214". The ground is a place and the side after
    the colon a team; both are emitted, and the tokens left to read returned. A line whose
    first words are no place the lists know needs "At" before them ("Bowling : Vass 7-0-29-0"
    is no ground)."""
    n = len(toks)
    i = 1 if toks[0].text in ("At", "at") else 0
    j = i
    while j < n and j - i < 3 and toks[j].text[:1].isupper():
        j += 1
    if j == i:
        return toks
    k = j
    town = None
    if (
        k + 2 < n
        and toks[k].text == "("
        and toks[k + 1].text[:1].isupper()
        and toks[k + 2].text == ")"
    ):
        town, k = k + 1, k + 3  # "At Headingley ( Leeds ) :"
    if k + 2 >= n or toks[k].text != ":" or not toks[k + 1].text[:1].isupper():
        return toks
    t = k + 1
    e = t
    while e < n and e - t < 3 and toks[e].text[:1].isupper():
        e += 1
    if e >= n or not toks[e].text[:1].isdigit():
        return toks  # "Hove : Sussex 363": a score after the side
    words = [tok.text for tok in toks[i:j]]
    if not i and not _ground_name(words):
        return toks
    if not is_about_sport(doc):
        return toks
    emit(doc, s_i, toks, i, j, "GPE", " ".join(words), STRONG)
    if town is not None:
        emit(doc, s_i, toks, town, town + 1, "GPE", toks[town].text, STRONG)
    side = [tok.text for tok in toks[t:e]]
    hit = gazetteer_label(side)
    key = " ".join(side)
    if not (hit and _nation(hit, key)):
        emit(doc, s_i, toks, t, e, "ORG", key, STRONG)
        return toks[:i] + toks[k:t] + toks[e:]
    return toks[:i] + toks[k:]


def _ground_name(words: list[str]) -> bool:
    """Whether words the lists know name a place a match is played at: a town ("Hove",
    "Chesterfield"), a place's name ("The Oval"), "Chester-le-Street", "Tunbridge Wells"."""
    key = " ".join(words)
    if key in W.known_orgs:
        return False
    hit = gazetteer_label(words)
    if hit is not None:
        return hit[0] in ("GPE", "LOC", "FAC")
    return (
        W.cities.get(key, 0) > 0
        or words[-1] in W.loc_words
        or words[-1] in _GROUND_ENDS
        or ("-" in key and any(p in key for p in ("-le-", "-on-", "-upon-", "-en-", "-sur-")))
    )


#: The last words of a ground's or a town's name: "Tunbridge Wells", "Trent Bridge".
_GROUND_ENDS = frozenset({"Wells", "Oval", "Park", "Road", "Ground", "Stadium", "Lane", "Spa"})
