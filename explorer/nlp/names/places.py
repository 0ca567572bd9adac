"""Places of local and regional news: the towns, counties, regions and rivers that the big
tables leave out ("Fishguard", "Pembrokeshire", "the Humber"), told from people of the
same name by the evidence around them."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from explorer.nlp.names.guesses import MEDIUM, STRONG, WEAK, Doc, Guess, emit, is_sports_story
from explorer.nlp.names.lists import LOC_PREPS, W

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


def local_town(word: str) -> bool:
    """Whether a word opening a sentence is a town or county of local news that is no given
    name: "Pembrokeshire was worst hit", "Swaffham is quiet"."""
    return (
        word in W.local_places
        and word not in W.first_names
        and word not in W.known_orgs  # "Ford plans to cut": the company
    )


#: The small words inside a town's name: "Newcastle upon Tyne", "Stoke on Trent".
TOWN_JOINERS = frozenset({"upon", "on", "in", "under"})


def town_joined(toks, j: int) -> bool:
    """Whether toks[j], a small word, joins a town's name: "Newcastle upon Tyne"."""
    key = f"{toks[j - 1].text} {toks[j].text} {toks[j + 1].text}"
    return key in W.local_places or key in W.places


def possessive_place(owner: str, rest: str) -> bool:
    """Whether "<owner>'s <rest>" names a town: "King's Lynn", "Bishop's Stortford"."""
    key = f"{owner}'s {rest}"
    return key in W.local_places or key in W.places


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
        or is_sports_story(c.doc)
        or c.prev in _FIXTURE
        or c.nxt in _FIXTURE  # "Manchester City v Charlton": the town's team
    ):
        return None
    if c.key in W.first_names and c.prev.lower() not in _PLACE_BEFORE:
        return None
    # Weak: a team's or a firm's strong label elsewhere in the story overrides it, and so
    # does a list of surnames around it ("McLoughlin, Houghton, Townsend").
    return label, c.key, WEAK


def local_place_name(c: Name) -> Verdict | None:
    """A town or region of several words: "Milford Haven", "Pembroke Dock", "King's Lynn",
    "East Anglia", "the Outer Hebrides"."""
    key = local_key(c.key)
    label = W.local_places.get(key)
    if label is None or c.person_next:
        return None
    return label, key, MEDIUM


def listed_places(doc: Doc, people: dict[str, str]) -> None:
    """A weak guess of a person's given name listed beside a place is a town or county the
    tables know: "Devon, Cornwall and Somerset", "Kent and Sussex"; not a name the story gives
    a person ("Devon Malcolm", then "Devon")."""
    found = sorted(doc.found, key=lambda f: f.start)
    text = doc.text
    for order in (found, found[::-1], found):  # "Pembrokeshire, Devon and Cornwall"
        for a, b in itertools.pairwise(order):
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
    hyphen (`head` the compound's last token's part before the suffix): a place's name is
    a GPE mention of the name alone ("the Bonn-based group", "a Cardiff-born singer",
    "New York-based"), a nationality keeps its compound ("Brazilian-born", a NORP)."""
    label, canon = hit
    if label in ("GPE", "LOC"):
        end = toks[k].start + len(head)
        doc.found.append(Guess(toks[i].start, end, label, canon, strength, s_i, k + 1 - i))
    else:
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
