"""Pass 2, last step: the label of one name, by the strongest evidence at hand."""

from __future__ import annotations

import re

from explorer.nlp.names.guesses import MEDIUM, STRONG, UNCONFIRMED, WEAK, Doc, emit, is_sports_story
from explorer.nlp.names.lists import (
    AWARDS,
    COMPANY_NEXT,
    COMPANY_OWNERS,
    COMPANY_PREV,
    EVENT_OF,
    LAW_OF,
    LOC_PREPS,
    NAME_PARTICLES,
    ORG_ENDING,
    ORG_NEXT,
    PLACE_NOUNS,
    PLACE_OPENERS,
    SPORT_NEXT,
    SPORT_PREV,
    SPORT_PREV_IN_SPORTS,
    SURNAME_ENDING,
    SURNAME_LIKE,
    TEAM_BEFORE,
    W,
    gazetteer_label,
    org_suffix,
    place_adjective,
)
from explorer.nlp.names.tokens import HAS_DIGIT, SCORE, is_sentence_initial, words_of
from explorer.nlp.values import is_holiday

_MODEL_NUMBER = re.compile(r"(?:\d{3,}|[A-Z]{1,2}\d+)[a-z]?$")  # "6600", "N70"; not "70 miles"


def _company_context(key: str, nxt: str, toks=None, i: int = 0) -> bool:
    """A name (a town's, of under a million people, or none) that the words around make a
    company's: "Nokia 6600", "Toyota sales", "handset maker Nokia", "shares in Google"."""
    if W.cities.get(key, 0) >= 1_000_000 or key in W.nations or key in W.country_names:
        return False
    if nxt.lower() in COMPANY_NEXT or (
        bool(_MODEL_NUMBER.match(nxt)) and not nxt.startswith(("19", "20"))
    ):
        return True
    if toks is None or i == 0:
        return False
    prev = toks[i - 1].text.lower()
    if prev in COMPANY_PREV:
        return True
    return i > 1 and prev in ("in", "at", "for") and toks[i - 2].text.lower() in COMPANY_OWNERS


def _sports_context(toks, i: int, j: int, doc: Doc) -> bool:
    nxt = toks[j].text if j < len(toks) else ""
    if nxt in ("'s", "’s"):
        nxt = toks[j + 1].text if j + 1 < len(toks) else ""
    prev = toks[i - 1].text if i > 0 else ""
    return (
        nxt in SPORT_NEXT
        or prev in SPORT_PREV
        or (prev in SPORT_PREV_IN_SPORTS and is_sports_story(doc))
    )


def add_core(doc: Doc, s_i: int, toks, i: int, j: int, table: bool, person_next: bool) -> None:
    """Label the name toks[i:j] by the strongest evidence at hand."""
    words = words_of(toks, i, j)
    n = len(words)
    key = " ".join(words)
    if n == 1 and (len(key) == 1 or HAS_DIGIT.search(key)):
        return
    prev = toks[i - 1].text if i else ""
    nxt = toks[j].text if j < len(toks) else ""
    if is_holiday(key) or (
        key in ("Day", "Eve")
        and prev in ("'s", "’s")
        and i > 1
        and toks[i - 2].text in ("Year", "Valentine")
    ):
        return  # a date ("New Year", "Christmas Eve"): the values pass finds it
    if key in AWARDS and (n > 1 or nxt not in ("said", "says", "told", "added")):
        emit(doc, s_i, toks, i, j, "EVENT", key, STRONG)  # "an Oscar nomination"
        return
    if (
        prev.lower() in TEAM_BEFORE
        and key not in W.nations
        and key not in W.country_names
        and is_sports_story(doc)
    ):
        emit(doc, s_i, toks, i, j, "ORG", key, MEDIUM)  # "division team Deportivo Coruna"
        if n == 1:
            doc.clubs.add(key)
        return
    hit = gazetteer_label(words)
    if hit:
        label, canon = hit
        if label == "GPE" and key not in W.nations:
            if n == 1 and _company_context(key, nxt, toks, i):
                emit(doc, s_i, toks, i, j, "ORG", key, MEDIUM)  # "Toyota sales", "Nokia 6600"
                return
            if prev in ("agency", "newspaper", "daily") and n == 1:
                emit(doc, s_i, toks, i, j, "ORG", key, MEDIUM)  # "the news agency Xinhua"
                return
            if table and SCORE.match(nxt) and key not in W.us_states:
                emit(doc, s_i, toks, i, j, "ORG", key, MEDIUM)  # a club named after its city
                return
            if _sports_context(toks, i, j, doc):
                doc.clubs.add(key)  # "Leeds beat Bolton", "Bolton striker"
                emit(doc, s_i, toks, i, j, "ORG", key, STRONG)
                return
        emit(doc, s_i, toks, i, j, label, canon, STRONG)
        return
    if key in W.known_orgs or (n > 2 and " ".join(words[-2:]) in W.known_orgs):
        emit(doc, s_i, toks, i, j, "ORG", key, STRONG)  # "International Red Cross"
        return
    last = words[-1]
    first = words[0]
    if n == 2 and last in ("Law", "Bill", "Code") and first in W.first_names:
        emit(doc, s_i, toks, i, j, "PERSON", key, STRONG)  # "Jude Law", "Kyle Bill"
        return
    head = words[words.index("of") - 1] if n > 2 and "of" in words[1:-1] else ""
    if head in EVENT_OF or head in W.event_words or head in LAW_OF or head in W.law_words:
        # "Battle of Britain", "World Series of Golf", "Treaty of Rome", "Bill of Rights"
        label = "EVENT" if head in EVENT_OF or head in W.event_words else "LAW"
        emit(doc, s_i, toks, i, j, label, key, STRONG)
        return
    if n > 1 and last in W.norp_words and last not in W.first_names:
        emit(doc, s_i, toks, i, j, "NORP", key, STRONG)  # "Roman Catholic", "Sunni Muslim"
        return
    if n > 1 and last in W.law_words:
        emit(doc, s_i, toks, i, j, "LAW", key, STRONG)
        return
    if n > 1 and (last in W.event_words or " ".join(words[-2:]) in W.event_words):
        emit(doc, s_i, toks, i, j, "EVENT", key, STRONG)
        return
    if n > 1 and org_suffix(last):  # a lone "TV", "PLC" or "FC" names nothing
        emit(doc, s_i, toks, i, j, "ORG", key, STRONG)
        return
    if n > 1 and (first in W.org_heads or (first in W.org_prefixes and first not in W.first_names)):
        emit(doc, s_i, toks, i, j, "ORG", key, STRONG)
        return
    if n > 1 and len(first) == 2 and first[1] == "." and first[0].isupper():
        emit(doc, s_i, toks, i, j, "PERSON", key, STRONG)  # "P. Simmons"
        return
    if n > 1 and W.cities.get(last, 0) >= 100_000 and first not in W.first_names:
        emit(doc, s_i, toks, i, j, "ORG", key, MEDIUM)  # "Rapid Vienna", "Sporting Lisbon"
        return
    fn = W.first_names
    place = W.loc_words.get(last)
    if n > 1 and place and not (last in SURNAME_LIKE and (first in fn or person_next)):
        emit(doc, s_i, toks, i, j, place, key, STRONG)  # "Trafalgar Square", "Tower Bridge"
        return
    if n > 1 and first in PLACE_OPENERS and not person_next:
        emit(doc, s_i, toks, i, j, "LOC", key, STRONG)  # "Mount Kenya", "Lake Victoria"
        return
    if person_next:
        emit(doc, s_i, toks, i, j, "PERSON", key, STRONG)
        return
    if n > 1 and len(first) == 2 and first[1] == "." and first[0].isupper():
        emit(doc, s_i, toks, i, j, "PERSON", key, STRONG)  # "P. Simmons"
        return
    if "-" in key and n == 1:
        parts = key.split("-")
        hits = [gazetteer_label([p]) for p in parts]
        if all(hits):
            emit(doc, s_i, toks, i, j, "NORP", key, STRONG)  # "Russian-Iranian": both, not one
            return
    if "&" in words:
        emit(doc, s_i, toks, i, j, "ORG", key, STRONG)  # "Marks & Spencer", "Smith & Co"
        return
    if n > 1 and (first in fn or first.split("-")[0] in fn) and first.lower() not in W.stopwords:
        if last.endswith("s") and last.lower() in doc.lower_vocab():
            emit(doc, s_i, toks, i, j, "ORG", key, MEDIUM)  # "Johnson Controls"
            return
        emit(doc, s_i, toks, i, j, "PERSON", key, STRONG)  # "Mehdi Sanai", "Jean-Michel Monin"
        return
    if (
        n == 2
        and first in fn
        and not is_sentence_initial(toks, i)
        and last.lower() not in W.stopwords
        and last[1:].islower()
    ):
        emit(doc, s_i, toks, i, j, "PERSON", key, MEDIUM)  # "Will Hartley", "Jan Novak"
        return
    if n == 1 and (key.isupper() and len(key) > 1 and key.isalpha()):
        emit(doc, s_i, toks, i, j, "ORG", key, MEDIUM)
        return
    if table and SCORE.match(nxt):
        emit(doc, s_i, toks, i, j, "ORG", key, MEDIUM)
        return
    if n == 1:
        pop = W.cities.get(key)
        if prev in W.lower_titles or (prev in ("b", "c", "st") and i > 1):
            # "president Suharto"; a cricket scorecard: "c Healy b Warne"
            emit(doc, s_i, toks, i, j, "PERSON", key, MEDIUM)
            return
        if (
            prev == "("
            and nxt == ")"
            and i > 1
            and toks[i - 2].text.isupper()
            and len(toks[i - 2].text) > 1
        ):
            emit(doc, s_i, toks, i, j, "ORG", key, STRONG)  # the agency of a dateline
            return
        if prev in ("agency", "newspaper", "daily"):
            emit(doc, s_i, toks, i, j, "ORG", key, MEDIUM)  # "the news agency Tanjug"
            return
        if (
            nxt in ORG_NEXT
            or (nxt == "news" and j + 1 < len(toks) and toks[j + 1].text == "agency")
        ) and not place_adjective(key):
            emit(doc, s_i, toks, i, j, "ORG", key, MEDIUM)  # "X newspaper", "X news agency"
            return
        if (prev == "of" and i > 1 and toks[i - 2].text.lower() in PLACE_NOUNS) or (
            nxt in PLACE_NOUNS
        ):
            emit(doc, s_i, toks, i, j, "GPE", key, MEDIUM)  # "the town of X", "the X region"
            return
        if ORG_ENDING.search(key):
            emit(doc, s_i, toks, i, j, "ORG", key, WEAK)  # "Nordbank", "Infotech"
            return
        if _company_context(key, nxt, toks, i):
            emit(doc, s_i, toks, i, j, "ORG", key, MEDIUM)  # "Nokia shares", "Hitachi chief"
            return
        if pop and _sports_context(toks, i, j, doc):
            doc.clubs.add(key)
            emit(doc, s_i, toks, i, j, "ORG", key, STRONG)
            return
        if key in fn and prev.lower() in ("a", "an"):
            emit(doc, s_i, toks, i, j, "ORG", key, WEAK)  # "a Sky spokesman": no person
            return
        if key in fn and prev not in LOC_PREPS:
            emit(doc, s_i, toks, i, j, "PERSON", key, WEAK)  # "Nancy", a name before a town
            return
        if pop or (prev in LOC_PREPS and key[1:].islower()):
            emit(doc, s_i, toks, i, j, "GPE", key, WEAK)
            return
        if key in fn:
            emit(doc, s_i, toks, i, j, "PERSON", key, WEAK)
            return
        place = place_adjective(key)
        if place:  # "Transylvanian", "Californian", "Texan"
            emit(doc, s_i, toks, i, j, "NORP", place, MEDIUM)
            return
        # An unknown word the document also writes in lower case ("Library", "Health") is a
        # name only if the document confirms it elsewhere.
        common = key.lower() in doc.lower_vocab()
        label = "PERSON" if SURNAME_ENDING.search(key) else "ORG"  # "Kowalski", "Petrov"
        emit(doc, s_i, toks, i, j, label, key, UNCONFIRMED if common else WEAK)
        return
    if n > 1 and last in W.countries and first not in fn:
        emit(doc, s_i, toks, i, j, "ORG", key, MEDIUM)  # "Statistics Norway"
        return
    if n <= 3 and all(
        w[:1].isupper() and w[1:].islower() and w.lower() not in W.stopwords
        for w in words
        if w not in NAME_PARTICLES
    ):
        # Two or three unknown words: a person, unless the document uses one of them as an
        # ordinary lower-case word ("Blue Bird", "Silver Lake").
        lower = doc.lower_vocab()
        common = any(w.lower() in lower for w in words if w not in NAME_PARTICLES)
        emit(doc, s_i, toks, i, j, "ORG" if common else "PERSON", key, WEAK)
        return
    emit(doc, s_i, toks, i, j, "ORG", key, WEAK)
