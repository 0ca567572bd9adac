"""Names of parties and sports competitions the word lists read as their members, as people
or as places: "Labour said" (the party, ORG; "a Labour rebel" is one of its members, NORP),
"the Social Democrats elected" (ORG; "a Social Democrat deputy", NORP), "the Copa
Libertadores", "the Five Nations", "the Masters" (competitions, EVENT, as CoNLL tags them
MISC)."""

from __future__ import annotations

from explorer.nlp.names.guesses import MEDIUM, STRONG, is_about_sport
from explorer.nlp.names.lists import W

TYPE_CHECKING = False
if TYPE_CHECKING:
    from explorer.nlp.names.rules import Name, Verdict

#: A party named in one word that is no member's word ("Labour"; "Conservative" and
#: "Liberal" are what a member is too).
_PARTY_WORDS = frozenset({"Labour"})
#: Who a party word before them says they belong to: "Labour rebels", "a Labour peer".
_MEMBERS = frozenset(
    "member members rebel rebels peer peers councillor councillors candidate candidates "
    "voter voters supporter supporters activist activists delegate delegates backbencher "
    "backbenchers deputy deputies politician politicians loyalist loyalists".split()
)
#: What makes the members' word of a party ("Democrats") its name: "the Social Democrats",
#: "the Christian Democrats", "the Progressive Conservatives".
_PARTY_QUALIFIERS = frozenset({"Social", "Christian", "Free", "Progressive", "Radical"})
_MEMBERS_WORDS = frozenset({"Democrats", "Conservatives", "Liberals", "Socialists"})


def party(c: Name) -> Verdict | None:
    """ "Labour said", "the Social Democrats elected": the party (not "Labour rebels")."""
    if c.n == 1:
        if c.key in _PARTY_WORDS and c.nxt not in _MEMBERS and c.nxt not in W.lower_titles:
            # "Labour said"; not "Labour spokesman X", "Labour mayor": the title's
            return "ORG", c.key, STRONG
        return None
    return ("ORG", c.key, STRONG) if party_name(c.words) else None


def party_name(words: list[str]) -> bool:
    """Whether the words name a party by its members' word: "Christian Democrats"."""
    return len(words) == 2 and words[1] in _MEMBERS_WORDS and words[0] in _PARTY_QUALIFIERS


#: "Cup" in the languages that name South American and European cups: "Copa Libertadores",
#: "Coppa Italia", "Coupe de France", "Taca de Portugal".
_CUP_WORDS = frozenset({"Copa", "Coppa", "Coupe", "Taca", "Taça"})
#: The rugby championships named for how many nations play: "the Five Nations".
_NATIONS_COUNTS = frozenset({"Four", "Five", "Six", "Tri", "Home"})
#: Competitions named in one word after "the": "the Masters"; "the Tour" (de France) in a
#: story that names it or is about sport.
_ONE_WORD = frozenset({"Masters", "Tour"})
#: The first words of cycling's stage races, with the country after: "Tour de France", "Giro
#: d'Italia", "Vuelta a Espana", "Tour of Britain".
_TOUR_WORDS = frozenset({"Tour", "Giro", "Vuelta"})


def competition(c: Name) -> Verdict | None:
    """ "Copa Libertadores", "the Five Nations", "the Masters"."""
    if c.n == 1:
        if (
            c.key in _ONE_WORD
            and c.prev in ("the", "The")
            and (c.key != "Tour" or "Tour de " in c.doc.text or is_about_sport(c.doc))
        ):
            return "EVENT", c.key, MEDIUM
        return None
    if c.first in _CUP_WORDS or (c.n == 2 and c.last == "Nations" and c.first in _NATIONS_COUNTS):
        return "EVENT", c.key, STRONG
    if c.first in _TOUR_WORDS and c.n >= 2 and c.words[1][:1].islower():
        return "EVENT", c.key, STRONG  # "Tour de France"; not "Tour Operators"
    return None


#: What a name `named_group` may decide has: its only word, its first, or its last.
KEYS = _PARTY_WORDS | _ONE_WORD
FIRSTS = _CUP_WORDS | _TOUR_WORDS
LASTS = _MEMBERS_WORDS | {"Nations"}


def named_group(c: Name) -> Verdict | None:
    """A party or a competition (`party`, `competition`), for a name with a word of `KEYS`,
    `FIRSTS` or `LASTS` (asked only of those: most names are neither)."""
    return party(c) or competition(c)
