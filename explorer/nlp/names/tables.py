"""Rows of a sports table: a standings row gives its team once, typed as the table types it.

A standings row is a name and then only the figures of its columns: "Cagliari 2 2 0 0 5 1 6",
"HARTFORD 12 7 3 70 60 27", "Haitai 64 2 43 .596 -", "Proleter ( Z ) 4 0 1 3 2 9 1". A reader
of a sports page knows a column holds one kind of thing: in a table whose names are mostly
clubs, the odd one shaped like a person's name ("Ross County", "Red Star") is a club too; a
table whose names are mostly people's ("Colin Montgomerie 66 68 67 201") is a leaderboard, and
its rows are read as any other line. A nation in a table of clubs or of nations is the
national side, a place (CoNLL's convention: a country playing is LOC).
"""

from __future__ import annotations

from explorer.nlp.names.guesses import STRONG, Doc, emit, is_about_sport
from explorer.nlp.names.lists import FUNCTION, W, gazetteer_label, org_suffix
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
    return True
