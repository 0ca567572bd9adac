"""Places of local and regional news: the towns, counties, regions and rivers that the big
tables leave out ("Fishguard", "Pembrokeshire", "the Humber"), told from people of the
same name by the evidence around them."""

from __future__ import annotations

import itertools

from explorer.nlp import regexes
from explorer.nlp.gazetteer import data_text
from explorer.nlp.names.guesses import MEDIUM, STRONG, WEAK, Doc, emit, is_about_sport
from explorer.nlp.names.lists import LOC_PREPS, SPORTS_WORDS, W

TYPE_CHECKING = False
if TYPE_CHECKING:
    from explorer.nlp.names.rules import Name, Verdict

#: Words before a name that make a town of a name that is also a given name: "for Devon",
#: "between Lynn and ...", "across Kent" (besides the place prepositions: "in", "at").
_PLACE_BEFORE = LOC_PREPS | frozenset({"for", "between", "throughout", "of"})


#: The word between the teams of a fixture: "Birmingham v Barnsley".
_FIXTURE = frozenset({"v", "v.", "vs", "vs."})


def local_key(key: str) -> str:
    """A name's key as the tables write it: "King 's Lynn" is "King's Lynn"."""
    return key.replace(" 's ", "'s ").replace(" ’s ", "’s ") if " " in key else key


#: The regions, rivers and states written by hand (data/local_places.tsv): places by name.
_NAMED = frozenset(
    line.partition("\t")[0]
    for line in data_text("local_places.tsv").splitlines()
    if line and not line.startswith("#")
)

#: How the name of a town of Britain ends, where few surnames or words of the language do:
#: "Swaffham", "Tenby", "Bideford", "Sandwich", "Lowestoft" does not ("Hutton", "Church").
_TOWN_ENDING = regexes.compile(
    r"(?:ham|ford|by|wick|wich|bury|borough|brough|mouth|chester|caster|cester|field|worth"
    r"|combe|stow|minster|hurst|thorpe|thwaite|haven|dale|stead|port|pool|shire|ey|ness)$"
)


def _town_by_name(word: str) -> bool:
    """Whether a town of the local table says it is a place by its name alone."""
    return word in _NAMED or _TOWN_ENDING.search(word) is not None


def local_town(doc: Doc, word: str) -> bool:
    """Whether a word opening a sentence is a town or county of local news that is no given
    name: "Pembrokeshire was worst hit", "Swaffham is quiet"; not in a story of sport, where
    it may be a club or a player's surname ("Nash, Reiziger, Riggott")."""
    return (
        word in W.local_places
        and word not in W.first_names
        and word not in W.known_orgs  # "Ford plans to cut": the company
        and _town_by_name(word)
        and not _about_sport(doc)
    )


#: The small words inside a town's name: "Newcastle upon Tyne", "Stoke on Trent".
TOWN_JOINERS = frozenset({"upon", "on", "in", "under"})


def town_joined(toks, j: int) -> bool:
    """Whether toks[j], a small word, joins a town's name: "Newcastle upon Tyne"."""
    key = f"{toks[j - 1].text} {toks[j].text} {toks[j + 1].text}"
    return key in W.local_places or key in W.places


def possessive_place(owner: str, rest: str) -> bool:
    """Whether "<owner>'s <rest>" names a town: "King's Lynn", "Bishop's Stortford"."""
    return f"{owner}'s {rest}" in W.local_places  # not "Hell's Kitchen", a show as often


def town_after_honorific(c: Name) -> Verdict | None:
    """ "Mr Preston", "Mrs Lincoln": a person named like a town, not the town."""
    if (
        c.prev in W.honorifics
        and c.hit is not None
        and c.hit[0] == "GPE"
        and c.key not in W.nations
        and c.key not in W.country_names
    ):
        return "PERSON", c.key, STRONG
    return None


def local_place(c: Name) -> Verdict | None:
    """A town, county or region of local news that the lists know by no other sense:
    "Fishguard", "Pembrokeshire", "Swaffham", "the Hebrides". One that is also a given name
    ("Devon", "Kent") is the place only after a place's word ("for Devon", "in Kent"); one
    after an honorific is a person's name. The document's people still win: "Preston" after
    "John Preston" is he (the guess is not strong)."""
    label = W.local_places.get(c.key)
    if (
        label is None
        or c.person_next
        or c.key in W.known_orgs
        or c.key.lower() in c.doc.lower_vocab()
        or c.prev in _FIXTURE
        or c.nxt in _FIXTURE  # "Manchester City v Charlton": the town's team
        or c.prev in ("'s", "’s")  # "Sadler's Wells", "Hell's Kitchen": a name's end
        or _possessive_in_a_name(c)  # ... and its start
        or _about_sport(c.doc)  # "a spokeswoman for Chelsea", "Peel (Llanelli)": the club
    ):
        return None
    if c.prev.lower() not in _PLACE_BEFORE and (c.key in W.first_names or not _town_by_name(c.key)):
        return None  # "the Church", "Hutton": a place only where a place's word says so
    # Weak: a team's or a firm's strong label elsewhere in the story overrides it, and so
    # does a list of surnames around it ("McLoughlin, Houghton, Townsend").
    return label, c.key, WEAK


def local_place_name(c: Name) -> Verdict | None:
    """A town or region of several words: "Milford Haven", "Pembroke Dock", "King's Lynn",
    "East Anglia", "the Outer Hebrides"."""
    key = local_key(c.key)
    label = W.local_places.get(key)
    if (
        label is None
        or c.person_next
        # "Stamford Bridge", "Crystal Palace": the ground or the building (and its club)
        or W.loc_words.get(c.last) == "FAC"
        or _possessive_in_a_name(c)  # "St Stephen's Green": the first words of a longer name
    ):
        return None
    return label, key, MEDIUM


def _possessive_in_a_name(c: Name) -> bool:
    """Whether a possessive and a capitalised word follow the name: "Sadler's Wells"."""
    return c.nxt in ("'s", "’s") and c.j + 1 < len(c.toks) and c.toks[c.j + 1].text[:1].isupper()


#: Words of a story about a club, besides the sports words: "a spokeswoman for Charlton
#: said the club ...".
_CLUB_WORDS = frozenset({"club", "clubs", "match", "fans", "league", "squad", "derby"})


def _about_sport(doc: Doc) -> bool:
    """Whether the story uses a word of sport at all: a town named alone there may be its
    club ("against Charlton"), which the rules for sport read better."""
    vocab = doc.lower_vocab()
    return (
        is_about_sport(doc)
        or not vocab.isdisjoint(SPORTS_WORDS)
        or not vocab.isdisjoint(_CLUB_WORDS)
    )


def listed_places(doc: Doc, people: dict[str, str]) -> None:
    """A weak guess of a person's given name listed beside a place is a town or county the
    tables know: "Devon, Cornwall and Somerset", "Kent and Sussex"; not a name the story gives
    a person ("Devon Malcolm", then "Devon")."""
    if _about_sport(doc):
        return  # "Chelsea and Barcelona": clubs
    found = sorted(doc.found, key=lambda f: f.start)
    text = doc.text
    for order in (found, found[::-1], found):  # "Pembrokeshire, Devon and Cornwall"
        for a, b in itertools.pairwise(order):
            between = text[min(a.end, b.end) : max(a.start, b.start)].strip()
            if between == "," and b.start < a.start:
                continue  # "Ashley, Swindon": a person and where they live
            if (
                b.strength <= WEAK
                and b.label in ("GPE", "LOC")
                and b.ntokens == 1
                and a.label == "ORG"
                and a.strength >= MEDIUM
                and a.sentence == b.sentence
                and text[min(a.end, b.end) : max(a.start, b.start)].strip() in (",", "and", "or")
                and text[b.start : b.end] in W.local_places
                and text[b.start : b.end] not in W.cities
            ):
                b.label = "ORG"  # "Genentech and Roche", "Opel and Vauxhall": a firm
                continue
            if (
                b.strength <= WEAK
                and b.label == "PERSON"
                and b.ntokens == 1
                and a.label in ("GPE", "LOC")
                and a.sentence == b.sentence
                and text[min(a.end, b.end) : max(a.start, b.start)].strip() in (",", "and", "or")
            ):
                surface = text[b.start : b.end]
                if surface in W.local_places and surface not in people:
                    b.label, b.entity = W.local_places[surface], surface


def compound(doc: Doc, s_i: int, toks, i: int, k: int, head: str, hit, strength: int) -> None:
    """Record the place or nationality that opens a compound, toks[i:k + 1] up to its
    hyphen (`head` the compound's last token's part before the suffix), as the whole word
    CoNLL-2003 and OntoNotes type a modifier (NORP), its entity the place or the nation:
    "the Bonn-based group" is NORP "Bonn-based" of Bonn, found under Bonn."""
    _label, canon = hit
    emit(doc, s_i, toks, i, k + 1, "NORP", canon, strength)


def town_before_suffix(head: str) -> tuple[str, str] | None:
    """The place that a "-based" or "-born" compound names when the big tables do not know
    it: a town of local news or one of the world's towns ("Ludwigshafen-based")."""
    if head in W.cities or head in W.us_states:
        return "GPE", head
    if head in W.local_places:
        return W.local_places[head], head
    from explorer.nlp import gazetteer  # a cache file of its own, read only when needed

    return ("GPE", head) if head in gazetteer.town_nations() else None
