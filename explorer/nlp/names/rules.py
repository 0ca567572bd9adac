"""Pass 2, last step: the label of one name, by the strongest evidence at hand."""

from __future__ import annotations

from collections.abc import Callable

from explorer.nlp import regexes
from explorer.nlp.names import groups
from explorer.nlp.names.guesses import (
    MEDIUM,
    STRONG,
    UNCONFIRMED,
    WEAK,
    Doc,
    emit,
    is_about_sport,
)
from explorer.nlp.names.lists import (
    AWARDS,
    COMPANY_FORMS,
    COMPANY_NEXT,
    COMPANY_OWNERS,
    COMPANY_PREV,
    ENGINE_MAKERS,
    EVENT_OF,
    LAW_OF,
    LOC_PREPS,
    LOCAL_COUNTRIES,
    NAME_PARTICLES,
    OCCUPATIONS,
    ORG_ENDING,
    ORG_NEXT,
    PARTICLE_PLACE_HEADS,
    PEER_STYLES,
    PERSON_VERBS,
    PLACE_NOUNS,
    PLACE_OPENERS,
    SHORT_MONTHS,
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
    word_list,
)
from explorer.nlp.names.places import local_place, local_place_name, town_after_honorific
from explorer.nlp.names.tokens import (
    HAS_DIGIT,
    SCORE,
    Token,
    is_cap,
    is_sentence_initial,
    words_of,
)
from explorer.nlp.titles_words import SEATS
from explorer.nlp.values import is_holiday

_MODEL_NUMBER = regexes.compile(r"(?:\d{3,}|[A-Z]{1,2}\d+)[a-z]?$")  # "6600", "N70"; not "70 miles"


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
    if nxt in _RESULTS_IN_SPORTS:
        # "Besiktas lost 3-1", "Leeds beat Hull": a result; not "A man from Coventry lost his
        # savings", "the rapper Kano won best newcomer" (outside a story about sport)
        return _result_follows(toks, j, nxt) or is_about_sport(doc)
    return (
        nxt in SPORT_NEXT
        or prev in SPORT_PREV
        or (prev in SPORT_PREV_IN_SPORTS and is_about_sport(doc))
    )


_SCORE_NEAR = regexes.compile(r"\d{1,3}-\d{1,3}$")  # "3-1", not "500" ("lost 500 jobs")
#: Words after a town's name that make it a team only in a story about sport: a result.
_RESULTS_IN_SPORTS = frozenset({"beat", "beats", "drew", "draw", "lost", "win", "won"})


def _result_follows(toks, j: int, verb: str) -> bool:
    """Whether a match's result follows the verb after toks[j - 1]: a score within three words
    ("lost 3-1", "beat Bolton 2-1"), or a beaten name ("beat Hull")."""
    after = toks[j + 1 : j + 4] if toks[j].text == verb else toks[j + 2 : j + 5]
    if any(_SCORE_NEAR.match(t.text) for t in after):
        return True
    return verb in ("beat", "beats") and bool(after) and is_cap(after[0].text)


#: A batsman's way out after his name in a scorecard: "Hayden c Berry b Reiffel 104".
_DISMISSALS = frozenset({"c", "b", "lbw", "st"})
_OUT = frozenset({"out", "hurt"})
#: A goal's minute: "Degryse ( 13th )", "Quinn ( 11th , 61st )".
_ORDINAL = regexes.compile(r"\d{1,3}(?:st|nd|rd|th)$")
#: A bowler's figures, overs-maidens-runs-wickets: "Reiffel 15-3-44-1", "Law 8.2-1-30-1".
_BOWLING = regexes.compile(r"\d{1,2}(?:\.\d)?-\d{1,2}-\d{1,3}-\d{1,2}\b")


def sport_person(doc: Doc, toks, i: int, j: int) -> bool:
    """Whether the name toks[i:j] is a player by the form of a sports page around it: a
    batsman's dismissal after it ("Hayden c Berry", "Law run out"), a bowler's figures
    ("Reiffel 15-3-44-1"), a goal's minute ("Degryse ( 13th )", "( Dugarry 34 , Zidane 67
    )"), a country in brackets before a time or a result ("Furuseth ( Norway ) 1:39.50",
    "Becker ( Germany ) beat ..."). In a story about sport only."""
    n = len(toks)
    if j >= n:
        return False
    nxt = toks[j].text
    if nxt in _DISMISSALS:
        form = True
    elif nxt in ("run", "not", "retired"):
        form = j + 1 < n and toks[j + 1].text in _OUT
    elif nxt == "(":
        form = j + 1 < n and (
            bool(_ORDINAL.match(toks[j + 1].text)) or _country_in_brackets(toks, j)
        )
    elif nxt[:1].isdigit():
        form = bool(_BOWLING.match(doc.text, toks[j].start)) or _minute_in_brackets(toks, i, j)
    else:
        return False
    return form and is_about_sport(doc)


def _country_in_brackets(toks, j: int) -> bool:
    """ "( Norway )", "( New Zealand )" at toks[j], not before a bare score or a team game's
    score: a club's country in a cup's results ("Schalke ( Germany ) 2", "Red Star (
    Yugoslavia ) beat Dinamo ( Russia ) 92-90") is no player's."""
    n = len(toks)
    k = j + 1
    while k < n and k - j <= 3 and toks[k].text != ")":
        k += 1
    if k >= n or toks[k].text != ")" or k == j + 1:
        return False
    key = " ".join(t.text for t in toks[j + 1 : k])
    if key not in W.nations and key not in W.country_names and key != "U.S.":
        return False
    for m in range(k + 1, min(n, k + 12)):  # the first figure after it
        w = toks[m].text
        if not w[:1].isdigit():
            continue
        if w.isdigit():  # a bare score, "Schalke ( Germany ) 2", not a time "1:39.50"
            return not (len(w) <= 2 and (m + 1 == n or toks[m + 1].start > toks[m].end))
        a, _, b = w.partition("-")
        # "92-90": a team game's score; a set's "6-4" or "7-6" is a player's
        return not (a.isdigit() and b.isdigit() and max(int(a), int(b)) > 7)
    return True


def _minute_in_brackets(toks, i: int, j: int) -> bool:
    """ "( Dugarry 34 , Zidane 67 )": a name and a minute inside the brackets after a score."""
    if not i or toks[i - 1].text not in ("(", ","):
        return False
    nxt = toks[j].text
    if not (nxt.isdigit() and len(nxt) <= 3):
        return False
    for k in range(i - 1, -1, -1):
        w = toks[k].text
        if w == "(":
            return k > 0 and toks[k - 1].text.isdigit()  # "Bordeaux 2 ( Dugarry 34"
        if w == ")":
            return False
    return False


class Name:
    """A name to label, toks[i:j], and what the rules read around it."""

    __slots__ = (
        "doc", "toks", "i", "j", "table", "person_next", "words", "n", "key", "first", "last",
        "prev", "nxt", "hit", "town", "s_i",
    )  # fmt: skip

    def __init__(
        self, doc: Doc, toks: list[Token], i: int, j: int, table: bool, person_next: bool, s_i=-1
    ):
        self.s_i = s_i  # the sentence
        self.doc = doc
        self.toks = toks
        self.i = i
        self.j = j
        self.table = table  # the line is a results table
        self.person_next = person_next  # an honorific or a player's role came before
        self.words = words = [t.text for t in toks[i:j]]
        self.n = len(words)
        self.key = " ".join(words)
        self.first = words[0]
        self.last = words[-1]
        self.prev = toks[i - 1].text if i else ""
        self.nxt = toks[j].text if j < len(toks) else ""
        self.hit = hit = W.places.get(self.key)  # (label, canonical name) if the lists know it
        # a town or a region the lists know, not a nation
        self.town = hit is not None and hit[0] == "GPE" and self.key not in W.nations


#: What a rule decides: (label, entity, strength) to emit, or NOT_A_NAME to emit nothing.
Verdict = tuple[str, str, int] | tuple[()]
NOT_A_NAME: tuple[()] = ()
Rule = Callable[[Name], Verdict | None]


# --- rules for names of any length ------------------------------------------------------------


def date(c: Name) -> Verdict | None:
    """A date ("New Year", "Christmas Eve"): the values pass finds it."""
    if is_holiday(c.key) or (
        c.key in ("Day", "Eve")
        and c.prev in ("'s", "’s")
        and c.i > 1
        and c.toks[c.i - 2].text in ("Year", "Valentine")
    ):
        return NOT_A_NAME
    return None


#: Lower-case words after a name that make it an agreement's: "the Louvre accord".
_ACCORD_NOUNS = frozenset({"accord", "accords", "pact"})


def named_accord(c: Name) -> Verdict | None:
    """ "the Plaza accord", "the Louvre accord": an agreement named after where it was made
    (the lower-case noun is part of its name); not "the U.S.-Japan accord", a place's."""
    if (
        not c.hit
        and c.key not in W.known_orgs
        and c.first not in W.first_names
        and "-" not in c.key
    ):
        emit(c.doc, c.s_i, c.toks, c.i, c.j + 1, "LAW", f"{c.key} {c.nxt}", STRONG)
        return NOT_A_NAME
    return None


def award(c: Name) -> Verdict | None:
    """ "an Oscar nomination", "the Olympics"."""
    if c.key in AWARDS and (c.n > 1 or c.nxt not in ("said", "says", "told", "added")):
        return "EVENT", c.key, STRONG
    return None


def team_in_sports_story(c: Name) -> Verdict | None:
    """ "division team Deportivo Coruna"."""
    key = c.key
    if (
        c.prev.lower() in TEAM_BEFORE
        and key not in W.nations
        and key not in W.country_names
        and is_about_sport(c.doc)
    ):
        if c.n == 1:
            c.doc.clubs.add(key)
        return "ORG", key, MEDIUM
    return None


def town_company(c: Name) -> Verdict | None:
    """ "Toyota sales", "Nokia 6600"."""
    if c.town and _company_context(c.key, c.nxt, c.toks, c.i):
        return "ORG", c.key, MEDIUM
    return None


def town_agency(c: Name) -> Verdict | None:
    """ "the news agency Xinhua"."""
    if c.town and c.prev in ("agency", "newspaper", "daily"):
        return "ORG", c.key, MEDIUM
    return None


def town_in_table(c: Name) -> Verdict | None:
    """A club named after its city, in a results table."""
    if c.town and c.table and SCORE.match(c.nxt) and c.key not in W.us_states:
        return "ORG", c.key, MEDIUM
    return None


#: Lower-case words after a town's name that make it a grade of crude oil: "Brent crude".
_GRADE_NOUNS = frozenset({"crude", "blend"})


def crude_grade(c: Name) -> Verdict | None:
    """ "Brent crude", "Brent blend": a grade of oil named after a field or a town, no place
    (a country's or a big city's crude, "Iranian crude", "Dubai crude", stays the place's)."""
    if c.town and c.nxt in _GRADE_NOUNS and W.cities.get(c.key, 0) < 1_000_000:
        return "PRODUCT", c.key, STRONG
    return None


def town_team(c: Name) -> Verdict | None:
    """ "Leeds beat Bolton", "Bolton striker"."""
    if c.town and _sports_context(c.toks, c.i, c.j, c.doc):
        c.doc.clubs.add(c.key)
        return "ORG", c.key, STRONG
    return None


#: What may follow a player's name on a sports page (`sport_person`), looked up first.
PLAYER_NEXT = _DISMISSALS | {"run", "not", "retired", "("}


def player(c: Name) -> Verdict | None:
    """A player by the form of a sports page around the name (`sport_person`)."""
    nxt = c.nxt
    if nxt not in PLAYER_NEXT and not nxt[:1].isdigit():
        return None  # most names: no call
    key = c.key
    if (
        sport_person(c.doc, c.toks, c.i, c.j)
        and key not in W.known_orgs
        and key not in W.nations
        and key not in W.country_names
    ):
        return "PERSON", key, STRONG
    return None


def after_occupation(c: Name) -> Verdict | None:
    """A name right after an occupation in lower case is a person's, though a place has it:
    "the rapper Kano" (a city in Nigeria), "singer Sheffield"."""
    if c.prev in OCCUPATIONS and c.key not in W.nations and c.key not in W.country_names:
        return "PERSON", c.key, STRONG
    return None


def gazetteer(c: Name) -> Verdict | None:
    """A place, a nationality or an organisation the lists know; a country's three-letter
    code ("NLD") names the country in brackets or a table, while in prose three capitals are
    an organisation's initials ("the NLD party"), unless they are the country's ("USA")."""
    hit = c.hit
    if hit:
        if (
            c.n == 1
            and len(c.key) == 3
            and c.key.isupper()
            and not c.table
            and c.prev != "("
            and not _initials_of(c.key, hit[1])
        ):
            return None
        if c.n == 1 and hit[0] in ("GPE", "LOC") and c.key in W.companies:
            return None  # "Toyota", "Nokia": the company, not the town (`known_org`)
        return hit[0], hit[1], STRONG
    return None


def _initials_of(code: str, name: str) -> bool:
    """Whether `code` is made of the initials of `name`: "UAE", "USA" ("United States")."""
    initials = "".join(w[0] for w in name.split() if w[0].isupper())
    return len(initials) > 1 and code.startswith(initials)


def known_org(c: Name) -> Verdict | None:
    """ "International Red Cross"."""
    if c.key in W.known_orgs or (c.n > 2 and " ".join(c.words[-2:]) in W.known_orgs):
        return "ORG", c.key, STRONG
    if " ".join(c.words[:-1]) in W.companies and (
        org_suffix(c.last) or (gazetteer_label([c.last]) or ("",))[0] in ("GPE", "LOC")
    ):
        return "ORG", c.key, STRONG  # "Morgan Stanley Asia", "Smith Barney Inc"
    return None


def peer_territory(c: Name) -> Verdict | None:
    """ "Lord Young of Graffham", "Lord Hunt of Kings Heath": the place after "of" is part of
    the peer's title, named for the title's sake, not a name of the story (nor a speaker,
    nor the peer's employer)."""
    i = c.i
    if (
        c.prev == "of"
        and i > 2
        and c.toks[i - 3].text in PEER_STYLES
        and c.toks[i - 2].text.istitle()
    ):
        return NOT_A_NAME
    return None


def after_honorific(c: Name) -> Verdict | None:
    """After "Mr" or a player's role, a person."""
    if c.person_next:
        return "PERSON", c.key, STRONG
    return None


def team_in_table(c: Name) -> Verdict | None:
    """A name followed by a score in a results table."""
    if c.table and SCORE.match(c.nxt):
        return "ORG", c.key, MEDIUM
    return None


# --- rules for a name of one word --------------------------------------------------------------


def no_letters(c: Name) -> Verdict | None:
    """ "A", "Q2": a letter or a code names nothing."""
    if len(c.key) == 1 or (not c.key.isalpha() and HAS_DIGIT.search(c.key)):
        return NOT_A_NAME
    return None


#: Government bonds known by a name of their own: a market's instrument, no organisation
#: ("the September Bund future", "BTP losses", "Gilts fell").
_BONDS = frozenset(
    "Bund Bunds BTP BTPs Gilts OAT OATs Bobl Bobls Schatz JGB JGBs Bonos T-bonds T-bills "
    "T-notes Eurodollar Eurodollars".split()
)


_BOND_WORDS = _BONDS | frozenset(w.upper() for w in _BONDS)  # "GERMAN BUND FUTURES"


#: A regulator of the United Kingdom named "Of" and a short word for what it watches:
#: "Ofsted", "Ofgem", "Ofcom", "Ofwat", "Oftel", "Ofqual", "Ofreg"; not "Offer", "Offaly",
#: "Often".
_REGULATOR = regexes.compile(r"Of[b-dghj-np-tv-z][a-z]{2,5}$")


def regulator(c: Name) -> Verdict | None:
    """ "Ofsted", "Ofgem": an organisation, wherever it stands ("inspectors from Ofsted" is
    no town), unless the word is an English one ("Often") or a place the lists know."""
    key = c.key
    if (
        key[:2] == "Of"
        and _REGULATOR.match(key)
        and c.hit is None
        and key.lower() not in W.stopwords
        and key.lower() not in c.doc.lower_vocab()
    ):
        return "ORG", key, STRONG
    return None


def bond(c: Name) -> Verdict | None:
    """ "Bund", "BTP": a government bond, named for what it is, names nothing."""
    return NOT_A_NAME if c.key in _BOND_WORDS else None


def nationalities_joined(c: Name) -> Verdict | None:
    """ "Russian-Iranian": both, not one."""
    if "-" in c.key and all(gazetteer_label([p]) for p in c.key.split("-")):
        return "NORP", c.key, STRONG
    return None


def acronym(c: Name) -> Verdict | None:
    """ "NATO", "BBC"."""
    key = c.key
    if key.isupper() and len(key) > 1 and key.isalpha():
        return "ORG", key, MEDIUM
    return None


def constituency(c: Name) -> Verdict | None:
    """ "the MP for Kenilworth", "the member for Arfon": the seat's constituency, a place."""
    if (
        c.prev == "for"
        and c.i >= 2
        and (c.toks[c.i - 2].text in SEATS or c.toks[c.i - 2].text == "member")
    ):
        return "GPE", c.key, MEDIUM
    return None


def after_lower_title(c: Name) -> Verdict | None:
    """ "president Suharto"; a cricket scorecard: "c Healy b Warne"."""
    if c.prev in W.lower_titles or (c.prev in ("b", "c", "st") and c.i > 1):
        return "PERSON", c.key, MEDIUM
    return None


def dateline_agency(c: Name) -> Verdict | None:
    """The agency of a dateline: "LONDON (Reuters)"."""
    if c.prev == "(" and c.nxt == ")" and c.i > 1:
        before = c.toks[c.i - 2].text
        if before.isupper() and len(before) > 1:
            return "ORG", c.key, STRONG
    return None


def named_agency(c: Name) -> Verdict | None:
    """ "the news agency Tanjug"."""
    if c.prev in ("agency", "newspaper", "daily"):
        return "ORG", c.key, MEDIUM
    return None


#: Fighters a movement's name goes before: "Shining Path guerrillas".
_FIGHTERS = frozenset({"guerrillas", "guerrilla", "rebels", "militants", "militiamen"})


def movement(c: Name) -> Verdict | None:
    """ "Shining Path guerrillas", "Tamil Tiger rebels": the movement they fight for."""
    if c.nxt in _FIGHTERS or c.nxt in ORG_NEXT:
        return "ORG", c.key, MEDIUM
    return None


def after_company_noun(c: Name) -> Verdict | None:
    """ "the daily Sueddeutsche Zeitung", "chipmaker Advanced Micro Devices"; not
    "broadcaster David Dimbleby" (a given name first)."""
    if c.prev.lower() in COMPANY_PREV and c.first not in W.first_names:
        return "ORG", c.key, MEDIUM
    return None


def before_org_noun(c: Name) -> Verdict | None:
    """ "X newspaper", "X news agency"."""
    nxt = c.nxt
    if (
        nxt in ORG_NEXT
        or (nxt == "news" and c.j + 1 < len(c.toks) and c.toks[c.j + 1].text == "agency")
    ) and not place_adjective(c.key):
        return "ORG", c.key, MEDIUM
    return None


def beside_place_noun(c: Name) -> Verdict | None:
    """ "the town of X", "the X region"."""
    return after_place_noun(c) or (("GPE", c.key, MEDIUM) if c.nxt in PLACE_NOUNS else None)


def after_place_noun(c: Name) -> Verdict | None:
    """ "the village of Novye Atagi", "the province of Nuevo Leon"; "Charles de Gaulle
    airport", "Tanjung Priok port"."""
    if c.prev == "of" and c.i > 1 and c.toks[c.i - 2].text.lower() in PLACE_NOUNS:
        return "GPE", c.key, MEDIUM
    if c.nxt in _PORTS:
        return ("FAC" if c.nxt == "airport" else "GPE"), c.key, MEDIUM
    if c.nxt in _LANDFORMS:
        return "LOC", c.key, MEDIUM  # "the Pamir mountains", "the Euphrates river"
    return None


#: What a name before it is the name of, a place but no town: "the Pamir mountains".
_LANDFORMS = frozenset(
    "mountains hills river valley desert plateau peninsula lake strait basin delta".split()
)


def state_of_country(c: Name) -> Verdict | None:
    """ "the Federal Republic of Yugoslavia", "the Islamic Republic of Iran": the country."""
    words = c.words
    if "of" not in words[1:-1]:
        return None
    k = words.index("of")
    rest = words[k + 2 :] if words[k + 1] == "the" else words[k + 1 :]
    hit = gazetteer_label(rest)
    if hit and hit[1] in W.nations and all(w in _STATE_WORDS for w in words[:k]):
        return "GPE", hit[1], STRONG
    return None


_STATE_WORDS = frozenset(
    "Republic Kingdom Federal Democratic People's Islamic Socialist United Union "
    "Commonwealth State Arab Principality Grand Duchy Sultanate Emirate".split()
)


#: Where a name of several words is a port's or an airport's: "Charles de Gaulle airport".
_PORTS = frozenset({"airport", "port", "harbour", "harbor", "crossing", "checkpoint"})


def company_ending(c: Name) -> Verdict | None:
    """ "Nordbank", "Infotech"."""
    if ORG_ENDING.search(c.key):
        return "ORG", c.key, WEAK
    return None


def company(c: Name) -> Verdict | None:
    """ "Nokia shares", "Hitachi chief"."""
    if _company_context(c.key, c.nxt, c.toks, c.i):
        return "ORG", c.key, MEDIUM
    return None


def city_team(c: Name) -> Verdict | None:
    """A city the words around make its team: "Leeds beat Bolton"."""
    if W.cities.get(c.key) and _sports_context(c.toks, c.i, c.j, c.doc):
        c.doc.clubs.add(c.key)
        return "ORG", c.key, STRONG
    return None


def given_name_after_article(c: Name) -> Verdict | None:
    """ "a Sky spokesman": no person."""
    if c.key in W.first_names and c.prev.lower() in ("a", "an"):
        return "ORG", c.key, WEAK
    return None


def given_name(c: Name) -> Verdict | None:
    """ "Nancy", a given name, unless a place word comes before it."""
    if c.key in W.first_names and c.prev not in LOC_PREPS:
        return "PERSON", c.key, WEAK
    return None


def town(c: Name) -> Verdict | None:
    """A city, or a word after "in", "at", "near"...; but "the Alliance", "the Union": no
    town is "the X", an organisation's last word is."""
    city = W.cities.get(c.key)
    if city and c.prev in ("the", "The") and org_suffix(c.key):
        return "ORG", c.key, WEAK
    if city or (c.prev in LOC_PREPS and c.key[1:].islower()):
        return "GPE", c.key, WEAK
    return None


def given_name_after_place_word(c: Name) -> Verdict | None:
    """A given name after a place word, not written as a town is ("in McKay")."""
    if c.key in W.first_names:
        return "PERSON", c.key, WEAK
    return None


def place_adjective_word(c: Name) -> Verdict | None:
    """ "Transylvanian", "Californian", "Texan"."""
    place = place_adjective(c.key)
    if place:
        return "NORP", place, MEDIUM
    return None


#: People of a trade that a story opens a sentence with, as a body: "Prosecutors said",
#: "Investigators believe" (a title's plural, "Ministers", is found from the titles).
_PEOPLE_OF_A_TRADE = frozenset(
    "Investigators Detectives Officers Researchers Scientists Economists Analysts Officials "
    "Experts Lawyers Paramedics Firefighters Campaigners Protesters Doctors Medics".split()
)


def people_of_a_trade(c: Name) -> Verdict | None:
    """ "Prosecutors said", "Investigators said": people of a trade opening their sentence,
    no organisation."""
    key = c.key
    if key[-1:] != "s" or not is_sentence_initial(c.toks, c.i):
        return None
    if key in _PEOPLE_OF_A_TRADE or key[:-1] in W.titles[0]:
        return NOT_A_NAME
    return None


def unknown_word(c: Name) -> Verdict:
    """A word no list knows: a person by a surname's ending ("Kowalski", "Petrov"), else an
    organisation; one the document also writes in lower case ("Library", "Health") is a name
    only if the document confirms it elsewhere."""
    common = c.key.lower() in c.doc.lower_vocab() or (
        # "Arbitragers said": a plural of people opening its sentence before a verb of
        # speech, a name only if the document names it elsewhere (not "Corinthians -")
        c.nxt in PERSON_VERBS
        and _PLURAL_OF_PEOPLE.match(c.key) is not None
        and is_sentence_initial(c.toks, c.i)
    )
    label = "PERSON" if SURNAME_ENDING.search(c.key) else "ORG"
    return label, c.key, UNCONFIRMED if common else WEAK


#: A plural noun of people by its ending: "Arbitragers", "Economists", "Analysts".
_PLURAL_OF_PEOPLE = regexes.compile(r"[A-Z][a-z]{4,}(?:ers|ors|ists|ysts|ians)$")


# --- rules for a name of several words ---------------------------------------------------------


def racing_team(c: Name) -> Verdict | None:
    """ "Reynard Honda", "Penske Mercedes", "Williams-Renault" in a story about sport: a
    constructor and its engine's maker, a team; not "Henry Ford", a person, but "a Lola
    Ford", a car."""
    maker = c.last.rpartition("-")[2] if "-" in c.last else c.last
    if (
        (c.last in ENGINE_MAKERS or maker in ENGINE_MAKERS)
        and (
            c.first not in W.first_names
            or (maker != "Ford" and c.n == 2)
            or c.prev.lower() in ("a", "an", "his", "her", "their", "its")
        )
        and not c.person_next
        and is_about_sport(c.doc)
    ):
        return "ORG", c.key, STRONG
    return None


#: The family names that open a person's name in English-language copy (Chinese, Korean,
#: Vietnamese): "Tran Quang Co", "Kim Dae Ho".
_FAMILY_FIRST = frozenset(word_list("family_names_first")) | frozenset(
    word_list("family_names_vietnamese")
)
#: Last syllables of such a name that are also a company's form ("Co") or a town's name
#: ("Ho", a city in Ghana), or that no English name ends with ("Ng").
_SYLLABLES_LIKE_OTHER_WORDS = frozenset({"Co", "Ho", "Ng"})


def family_name_then_syllables(c: Name) -> Verdict | None:
    """ "Tran Quang Co", "Le Van Co", "Nguyen Van Ho": a family name that opens a person's
    name, then two syllables, is a person's name though its last word is a company's form
    or a town's; not "Merrill Lynch and Co", nor a company the words around say is one
    ("shares in Lee Hing Co", "Wong Kam Co Ltd")."""
    words = c.words
    if (
        c.n == 3
        and c.last in _SYLLABLES_LIKE_OTHER_WORDS
        and c.first in _FAMILY_FIRST
        and words[1].isalpha()
        and words[1].istitle()
        and len(words[1]) <= 6
        and not org_suffix(words[1])
        and words[1] not in W.nations
        and c.nxt not in COMPANY_FORMS
        and not _company_context(c.key, c.nxt, c.toks, c.i)
    ):
        return "PERSON", c.key, STRONG
    return None


def person_named_like_law(c: Name) -> Verdict | None:
    """ "Jude Law", "Kyle Bill"."""
    if c.n == 2 and c.last in ("Law", "Bill", "Code") and c.first in W.first_names:
        return "PERSON", c.key, STRONG
    return None


def event_or_law_of(c: Name) -> Verdict | None:
    """ "Battle of Britain", "World Series of Golf", "Treaty of Rome", "Bill of Rights",
    "Convention on Human Rights"."""
    words = c.words
    head = words[words.index("of") - 1] if c.n > 2 and "of" in words[1:-1] else ""
    if head in EVENT_OF or head in W.event_words:
        return "EVENT", c.key, STRONG
    if head in LAW_OF or head in W.law_words:
        return "LAW", c.key, STRONG
    if c.n > 2 and "on" in words[1:-1] and words[words.index("on") - 1] in W.law_words:
        return "LAW", c.key, STRONG  # "Convention on Human Rights"
    return None


def group_word_last(c: Name) -> Verdict | None:
    """ "Roman Catholic", "Sunni Muslim"; but "Virgin Atlantic", "Union Pacific": a company
    named after an ocean or a sea ("North Atlantic", "South Pacific" are the waters)."""
    if (
        c.last in W.norp_words
        and c.last not in W.first_names
        and "for" not in c.words  # "Institute for the Study of Labour"
    ):
        if c.last in _WATERS:
            if c.n == 2 and (c.first in _COMPASS or c.first in ("Mid", "Central")):
                return "LOC", c.key, STRONG
            return "ORG", c.key, STRONG
        return "NORP", c.key, STRONG
    return None


_WATERS = frozenset({"Atlantic", "Pacific", "Mediterranean", "Caribbean", "Baltic"})


def law_word_last(c: Name) -> Verdict | None:
    """ "Data Protection Act"."""
    if c.last in W.law_words:
        return "LAW", c.key, STRONG
    return None


def event_word_last(c: Name) -> Verdict | None:
    """ "World Cup", "Italian Grand Prix"."""
    if c.last in W.event_words or " ".join(c.words[-2:]) in W.event_words:
        return "EVENT", c.key, STRONG
    return None


#: Words that end organisations' names and are surnames too: after a given name that is no
#: place and no title ("David Steel", "Tony Banks", "Margaret Court"; not "General Mills",
#: "the Royal Court", "Saint Sulpice Church") the two words are a person.
SURNAMES_THAT_NAME_TRADES = frozenset(
    {"Steel", "Mills", "Power", "Court", "Church", "Banks", "Chambers", "Press", "Post"}
    | {"Waters"}
)
_NOT_BEFORE_PERSON = frozenset({"the", "The", "Saint", "St", "St.", "San", "Santa"})


def org_word_last(c: Name) -> Verdict | None:
    """ "Acme Holdings"; a lone "TV", "PLC" or "FC" names nothing."""
    if org_suffix(c.last):
        if (
            c.n == 2
            and c.last in SURNAMES_THAT_NAME_TRADES
            and c.first in W.first_names
            and c.first not in W.places
            and c.first not in W.title_starts
            and c.prev not in _NOT_BEFORE_PERSON
        ):
            return None  # "David Steel": the rules for people decide
        return "ORG", c.key, STRONG
    return None


def org_word_first(c: Name) -> Verdict | None:
    """ "Bank Leumi", "Air France", "Spartak Moscow"; "Savings and Loan Association of Hutchinson" (the head
    before its "of" where the name opens with other words)."""
    first = c.first
    if first in W.org_heads or (
        first in W.org_prefixes
        # a given name too ("Spartak", "Slavia"): the club where its town follows
        and (first not in W.first_names or (len(c.words) == 2 and c.last in W.cities))
    ):
        return "ORG", c.key, STRONG
    words = c.words
    if "of" in words[2:]:
        k = words.index("of", 2)
        if words[k - 1] in W.org_heads and words[k - 1] in W.org_suffixes:
            return "ORG", c.key, STRONG
    if "for" in words[2:]:  # "Royal Society for the Protection of Birds"
        k = words.index("for", 2)
        if words[k - 1] in W.org_heads or org_suffix(words[k - 1]):
            return "ORG", c.key, STRONG
    return None


def initial_first(c: Name) -> Verdict | None:
    """ "P. Simmons"."""
    first = c.first
    if len(first) == 2 and first[1] == "." and first[0].isupper():
        return "PERSON", c.key, STRONG
    return None


def club_named_after_city(c: Name) -> Verdict | None:
    """ "Rapid Vienna", "Sporting Lisbon"; not "finalist MaliVai Washington", a player, nor,
    outside a story about sport, "the film by Hayao Miyazaki" (a Japanese given name and a
    surname that is also a town's)."""
    if (
        W.cities.get(c.last, 0) >= 100_000
        and c.first not in W.first_names
        and not c.person_next
        and not (c.n == 2 and _JAPANESE.match(c.key.lower()) and not is_about_sport(c.doc))
    ):
        return "ORG", c.key, MEDIUM
    return None


#: Two words spelt in Japanese syllables (Hepburn romanisation): "Hayao Miyazaki", "Shinzo
#: Okayama"; not "Prensa Latina" ("pr" is no syllable's start).
_SYLLABLES = r"(?:(?:ch|sh|ts|[kgnhbpmr]y|[kgsztdnhbpmrfjwy])?[aiueo]|n)+"
_JAPANESE = regexes.compile(rf"{_SYLLABLES} {_SYLLABLES}$")


#: What numbers a United States court of appeals: "the Fourth Circuit", "the D.C. Circuit".
_CIRCUITS = frozenset(
    "First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth Eleventh Federal D.C.".split()
)


def appeals_circuit(c: Name) -> Verdict | None:
    """ "Fourth Circuit", "Federal Circuit": a court of appeals (not a racing circuit)."""
    if c.n == 2 and c.last == "Circuit" and c.first in _CIRCUITS:
        return "ORG", c.key, STRONG
    return None


def place_word_last(c: Name) -> Verdict | None:
    """ "Trafalgar Square", "Tower Bridge"; not "Jane Hall"."""
    place = W.loc_words.get(c.last)
    if place and not (c.last in SURNAME_LIKE and (c.first in W.first_names or c.person_next)):
        return place, c.key, STRONG
    return None


def place_with_particle(c: Name) -> Verdict | None:
    """ "Punta del Este", "Vila do Conde", "Ras al-Khaimah": a place's first word in Spanish,
    Portuguese, Italian or Arabic, then a particle; not "Juan de la Cruz", a person."""
    label = PARTICLE_PLACE_HEADS.get(c.first)
    if (
        label is not None
        and c.n > 1
        and (
            c.words[1] in NAME_PARTICLES
            or c.words[1] == "do"
            or c.words[1][:3] in ("al-", "el-", "es-", "ad-")
        )
        and not c.person_next
    ):
        return label, c.key, STRONG
    return None


def place_word_first(c: Name) -> Verdict | None:
    """ "Mount Kenya", "Lake Victoria"."""
    if c.first in PLACE_OPENERS and not c.person_next:
        return "LOC", c.key, STRONG
    return None


def ampersand(c: Name) -> Verdict | None:
    """ "Marks & Spencer", "Smith & Co"."""
    if "&" in c.words:
        return "ORG", c.key, STRONG
    return None


#: The staff of a firm of brokers or a bank, named after it: "Wood Gundy economist Carl
#: Beigie", "Morgan Stanley analyst Ann Berg".
_FIRM_STAFF = frozenset(
    "analyst analysts economist economists strategist strategists dealer dealers trader "
    "traders".split()
)


def firm_before_its_staff(c: Name) -> Verdict | None:
    """ "Richardson Greenshields analyst Jim Bonner": the name before a firm's role and a
    person's name is the firm (a person has no analyst)."""
    if c.nxt in _FIRM_STAFF and c.j + 1 < len(c.toks) and is_cap(c.toks[c.j + 1].text):
        return "ORG", c.key, MEDIUM
    return None


def given_name_first(c: Name) -> Verdict | None:
    """ "Mehdi Sanai", "Jean-Michel Monin"; but "Johnson Controls"."""
    fn = W.first_names
    first = c.first
    if (first in fn or first.split("-")[0] in fn) and first.lower() not in W.stopwords:
        if c.last.endswith("s") and c.last.lower() in c.doc.lower_vocab():
            return "ORG", c.key, MEDIUM
        return "PERSON", c.key, STRONG
    return None


def given_name_and_surname(c: Name) -> Verdict | None:
    """ "Will Hartley", "Jan Novak"."""
    last = c.last
    if (
        c.n == 2
        and c.first in W.first_names
        # opening a sentence, "Will Hartley" may be a question, but "Jan Novak" no date
        and (not is_sentence_initial(c.toks, c.i) or c.first.lower() in SHORT_MONTHS)
        and last.lower() not in W.stopwords
        and last[1:].islower()
    ):
        return "PERSON", c.key, MEDIUM
    return None


def given_name_with_particle(c: Name) -> Verdict | None:
    """ "Said bin Ahmed al-Shanfari", "Said al-Shanfari": a given name that is also a common
    word (so no rule above took it), then an Arabic particle, is a person's."""
    if c.first in W.first_names and any(
        w in ("bin", "ibn", "bint") or (w[:3] in ("al-", "el-") and w[3:4].isupper())
        for w in c.words[1:]
    ):
        return "PERSON", c.key, MEDIUM
    return None


_COMPASS = frozenset(
    ("North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western")
)


def compass_country(c: Name) -> Verdict | None:
    """ "West Germany", "South Yemen": a country's part (or a country of the day), a place."""
    if c.n == 2 and c.first in _COMPASS and c.last in W.countries:
        return "GPE", c.key, STRONG
    return None


#: The nations of the United Kingdom, which end the names of their public bodies as a country
#: does: "Historic Environment Scotland", "Sport England", "Natural Resources Wales".
_UK_NATIONS = frozenset({"England", "Scotland", "Wales", "Cymru"})


def local_country_last(c: Name) -> Verdict | None:
    """ "Ford Brasil", "Volkswagen do Brasil", "Seat de Espana": a company and its country in
    the country's own language, which no English name of a person or place ends with."""
    if c.last in LOCAL_COUNTRIES and not c.person_next and c.first not in LOCAL_COUNTRIES:
        return "ORG", c.key, STRONG
    return None


def country_last(c: Name) -> Verdict | None:
    """ "Statistics Norway", "Transport Scotland", "Friends of the Earth Cymru"; "South
    Wales", "Central Scotland" are a part of the nation, a place."""
    if c.last in _UK_NATIONS and c.n == 2 and c.first in _PARTS:
        return "GPE", c.key, MEDIUM
    if c.last in W.countries and c.first not in W.first_names:
        return "ORG", c.key, MEDIUM
    if (
        c.last in _UK_NATIONS
        and c.first not in W.first_names
        and c.first not in W.honorifics
        and c.first not in _PEERS  # "Baroness Scotland"
        and not c.first.endswith(("an", "ish", "ly"))  # "Victorian England", "Unfortunately"
    ):
        return "ORG", c.key, MEDIUM
    return None


#: A peer's rank before the place of the title: "Baroness Scotland", "Lord Wales".
_PEERS = frozenset("Lord Lady Baron Baroness Earl Countess Duke Duchess Viscount Marquess".split())

#: The words before a nation's name that make a part of it: "South Wales", "Mid Wales".
_PARTS = frozenset(
    "North South East West Northern Southern Eastern Western Central Mid Rural".split()
)


def unknown_words(c: Name) -> Verdict | None:
    """Two or three unknown words: a person, unless the document uses one of them as an
    ordinary lower-case word ("Blue Bird", "Silver Lake")."""
    words = [w for w in c.words if w not in NAME_PARTICLES]
    if c.n <= 3 and all(
        (w[1:].islower() or _double_barrelled(c, w))
        and w[:1].isupper()
        and w.lower() not in W.stopwords
        for w in words
    ):
        lower = c.doc.lower_vocab()
        common = (
            any(w.lower() in lower for w in words)
            or c.nxt in _STAFF_AFTER
            or _it_after(c)  # "Placer Dome said it would", "Placer Dome, which"
        )
        return "ORG" if common or c.first in _BODY_OPENERS else "PERSON", c.key, WEAK
    return None


def _double_barrelled(c: Name, word: str) -> bool:
    """Whether `word` is a double-barrelled surname ending a name of two words, as "Adaeze
    Nwankwo-Bello" or "Benoit Lacombe-Vidal": two parts in Title Case, the name's last word
    ("Neath-Swansea Ospreys" is a side named after two places)."""
    parts = word.split("-")
    return (
        c.n == 2
        and word == c.last
        and "-" not in c.first
        and len(parts) == 2
        and all(
            p[:1].isupper() and p[1:].islower() and p not in W.org_suffixes and p not in W.nations
            for p in parts
        )  # not "Soros Foundation-Kazakhstan"
    )


#: Adjectives that open the names of public bodies and no one's name: "National
#: Highways", "Natural Resources Wales", "Historic Environment Scotland".
_BODY_OPENERS = frozenset({"National", "Natural", "Historic"})


def _it_after(c: Name) -> bool:
    """Whether the words after the name speak of it as a thing: "X said it", "X, which"."""
    after = c.toks[c.j + 1].text if c.j + 1 < len(c.toks) else ""
    return (c.nxt in ("said", "says") and after in ("it", "its")) or (
        c.nxt == "," and after == "which"
    )


#: Who work for an organisation, named after it: "Harbridge House officials".
_STAFF_AFTER = frozenset(
    "officials executives shareholders employees workers spokesman spokeswoman".split()
)


def organisation(c: Name) -> Verdict:
    """Anything else of several words."""
    return "ORG", c.key, WEAK


#: Who speak or act for a body, in lower case after its common noun: "Union officials".
_BODY_PEOPLE = frozenset(
    "officials official members member bosses leaders chiefs officers representatives "
    "sources activists negotiators delegates".split()
)


def common_noun_opening_a_title(c: Name) -> Verdict | None:
    """ "Union leader Jimmy Reid", "Council officials said": a body's common noun opening a
    sentence, before a title or its people in lower case, names no body (it is capitalised
    only because it opens the sentence); not a body the lists know ("Congress leader") nor
    one the story names so mid-sentence ("the Commission's attention")."""
    nxt = c.nxt
    if (
        nxt[:1].islower()
        and (nxt in W.lower_titles or nxt in _BODY_PEOPLE)
        and is_sentence_initial(c.toks, c.i)
        and org_suffix(c.key)
        and c.key not in W.known_orgs
        and c.key not in c.doc.mid_caps()
    ):
        return NOT_A_NAME
    return None


#: The rules for a name of one word, strongest first: the first that decides, labels it.
ONE_WORD_RULES: tuple[Rule, ...] = (
    no_letters,
    common_noun_opening_a_title,
    regulator,
    bond,
    date,
    award,
    team_in_sports_story,
    town_company,
    town_agency,
    town_in_table,
    crude_grade,
    town_team,
    player,
    after_occupation,
    town_after_honorific,
    gazetteer,
    known_org,
    constituency,
    after_honorific,
    nationalities_joined,
    acronym,
    team_in_table,
    after_lower_title,
    dateline_agency,
    named_agency,
    before_org_noun,
    beside_place_noun,
    company_ending,
    company,
    city_team,
    local_place,
    given_name_after_article,
    given_name,
    town,
    given_name_after_place_word,
    place_adjective_word,
    people_of_a_trade,
    unknown_word,
)

#: The rules for a name of several words, strongest first.
SEVERAL_WORD_RULES: tuple[Rule, ...] = (
    date,
    award,
    team_in_sports_story,
    town_in_table,
    town_team,
    gazetteer,
    state_of_country,
    known_org,
    local_place_name,
    constituency,
    player,
    racing_team,
    family_name_then_syllables,
    person_named_like_law,
    place_with_particle,
    local_country_last,
    after_place_noun,
    event_or_law_of,
    group_word_last,
    law_word_last,
    event_word_last,
    movement,
    after_company_noun,
    org_word_last,
    org_word_first,
    initial_first,
    club_named_after_city,
    appeals_circuit,
    place_word_last,
    place_word_first,
    after_honorific,
    ampersand,
    firm_before_its_staff,
    given_name_first,
    given_name_and_surname,
    given_name_with_particle,
    team_in_table,
    compass_country,
    country_last,
    unknown_words,
    organisation,
)


def label_name(doc: Doc, s_i: int, toks, i: int, j: int, table: bool, person_next: bool) -> None:
    """Label the name toks[i:j] by the first rule that decides (the strongest evidence)."""
    if doc.joined and doc.joined.get(toks[i].start) == toks[j - 1].end:
        canon = " ".join(words_of(toks, i, j)).replace(" ,", ",")
        emit(doc, s_i, toks, i, j, "ORG", canon, STRONG)  # "Avon and Somerset Police"
        return
    c = Name(doc, toks, i, j, table, person_next, s_i)
    if c.nxt in _ACCORD_NOUNS and named_accord(c) is not None:
        return  # before every table ("the Louvre accord"), tried only before such a noun
    if c.prev == "of" and peer_territory(c) is not None:
        return  # "Lord Young of Graffham": the peer's, named with him
    if (
        (c.key in groups.KEYS or c.first in groups.FIRSTS or c.last in groups.LASTS)
        and c.key not in W.known_orgs
        and "for" not in c.words  # "Institute for the Study of Labour": no party
        and (verdict := groups.named_group(c))
    ):
        emit(doc, s_i, toks, i, j, *verdict)  # "Labour said", "the Copa Libertadores"
        return
    for rule in ONE_WORD_RULES if c.n == 1 else SEVERAL_WORD_RULES:
        verdict = rule(c)
        if verdict is not None:
            if verdict:
                emit(doc, s_i, toks, i, j, *verdict)
            return
