"""The recognizer's word lists: the gazetteer's tables, bound once, the lists of words around
names (`data/*.txt`, one entry a line, read once at import), and the look-ups that read them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from explorer.nlp import gazetteer as gz
from explorer.nlp import regexes


def word_list(name: str) -> list[str]:
    """The entries of `data/<name>.txt` in order, one a line; a line opening with # is a comment
    (kept with the gazetteer's tables, as read from the files)."""
    return gz.word_list(name)


def _words(name: str) -> frozenset[str]:
    return frozenset(word_list(name))


def alternatives(name: str) -> str:
    """The entries of `data/<name>.txt` as a regular expression's alternatives, in order."""
    return "|".join(re.escape(entry) for entry in word_list(name))


# Inside a name: "van der Merwe", "Omar al-Hakim", "ex-England", "Jr".
NAME_PARTICLES = _words("name_particles")
NAME_PARTICLES_2 = _words("name_particles_paired")
JOINED_PARTICLE = regexes.compile(rf"(?:{alternatives('joined_particles')})-[A-Z]")
PREFIXED = regexes.compile(rf"(?:{alternatives('compound_prefixes')})-([A-Z][a-z]\w*)$")
NAME_SUFFIXES = _words("name_suffixes")
NAME_OPENERS = _words("name_openers")
SURNAME_ENDING = regexes.compile(rf"[a-z](?:{alternatives('surname_endings')})$")

# Around a name.
OPENERS = _words("clause_openers")
FUNCTION = _words("function_words")
MONTHS_DAYS = _words("months_days")
#: The short forms of the months, which "Jan" (a first name too) is one of.
SHORT_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
TEAM_ENDS = _words("team_ends")
LOC_PREPS = _words("place_prepositions")
PERSON_VERBS = _words("speech_verbs")
LOWER_TITLES = _words("lower_titles")
TITLES_THAT_ARE_NAMES = _words("titles_that_are_names")
PLAYER_ROLES = _words("player_roles")
OCCUPATIONS = _words("occupations")
PORTFOLIO_WORDS = _words("portfolio_words")  # "Home Affairs" Minister

# Names of events, laws, places and organisations.
EVENT_OF = _words("event_of_heads")
LAW_OF = _words("law_of_heads")
OF_HEADS_EXTRA = _words("of_heads") | EVENT_OF | LAW_OF
AWARDS = _words("awards")
ORG_NEXT = _words("org_nouns_after")
PLACE_NOUNS = _words("place_nouns")
PLACE_OPENERS = _words("place_openers")
PARTICLE_PLACE_HEADS = dict(line.split("\t", 1) for line in word_list("particle_place_heads"))
SURNAME_LIKE = _words("surname_like_place_words")
ORG_ENDING = regexes.compile(rf"[a-z](?:{alternatives('company_endings')})$")
COMPANY_NEXT = _words("company_after")
COMPANY_PREV = _words("company_before")
COMPANY_OWNERS = _words("company_owners")
COMPANY_FORMS = _words("company_forms")
LOCAL_COUNTRIES = frozenset(gz.LOCAL_COUNTRY_NAMES)  # "Brasil", "Deutschland"
TABLE_WORDS = _words("table_words")

# Sports stories.
SPORT_NEXT = _words("sport_after_team")
SPORT_PREV = _words("sport_before_team")
SPORT_PREV_IN_SPORTS = _words("sport_before_team_in_sports")
SPORTS_WORDS = _words("sports_words")
# hyphen-blind: a line that breaks "semi-\nfinal" is read "semifinal", as stories also write it
SPORTS_WORDS |= frozenset(w.replace("-", "") for w in SPORTS_WORDS if "-" in w)
SPORTS_WORDS_WEAK = _words("sports_words_weak")
SPORT_NAMES = _words("sport_names")
TEAM_BEFORE = _words("team_before")
COMPETITION_WORDS = _words("competition_words")
ENGINE_MAKERS = _words("engine_makers")
COMPETITION_HEADS = frozenset({"League", "Division", "Conference"})
#: A peer's style: "Lord Young", "Lady Thatcher" are what the peer is called, the style part of
#: the name (where "Mr Major" is "Major").
PEER_STYLES = frozenset({"Lord", "Lady"})
_COMPETITION_TAILS = frozenset({"Central", "East", "West", "North", "South", "Baseball"})


class _Lists:
    """The word lists of `gazetteer`, bound once as attributes (cheaper than cached calls)."""

    loaded = False

    def load(self) -> None:
        if self.loaded:
            return
        self.cities = gz.cities()
        self.countries = gz.countries()
        # Countries and the states and nations that field national sides: never a club.
        self.nations = frozenset(self.countries) | gz.states()
        self.country_names = gz.country_names()
        self.demonyms = gz.demonyms()
        self.event_words = gz.event_words()
        self.first_names = gz.first_names()
        self.honorifics = gz.honorifics()
        self.known_orgs = gz.known_orgs()
        self.companies = gz.companies()
        # the first words of the known organisations of several words ("European Community")
        self.known_org_firsts = frozenset(o.split()[0] for o in self.known_orgs if " " in o)
        self.org_aliases = gz.org_aliases()
        self.gendered = gz.gendered_names()
        self.law_words = gz.law_words()
        self.loc_words = gz.loc_words()
        self.norp_words = gz.norp_words()
        self.org_heads = gz.org_heads()
        self.org_prefixes = gz.org_prefixes()
        self.org_suffixes = gz.org_suffixes()
        self.place_lengths = gz.place_lengths()
        self.places = gz.places()
        self.local_places = gz.local_places()
        self.stopwords = gz.stopwords()
        self.titles = gz.titles()
        self.us_states = gz.us_states()
        heads, mods = self.titles
        self.title_starts = frozenset(h.split()[0] for h in heads) | mods
        # "International" of "International Development Minister"
        self.title_mod_firsts = frozenset(m.split()[0] for m in mods if " " in m)
        self.lower_titles = frozenset(h.lower() for h in heads if " " not in h and len(h) > 3)
        self.loaded = True


W = _Lists()


def gazetteer_label(words: list[str]) -> tuple[str, str] | None:
    """The (label, canonical name) of the place or nationality `words` name, or None."""
    return W.places.get(" ".join(words))


def longest_gazetteer(toks, pos: int, j: int) -> tuple[int, str, str]:
    """The longest place name at token `pos` (before `j`): (its length in tokens, label, name)."""
    word = toks[pos].text
    longest = W.place_lengths.get(word, 1)
    places = W.places
    if longest == 1 or pos + 1 == j:  # most words start no longer place name: one look-up
        hit = places.get(word)
        return (1, hit[0], hit[1]) if hit else (0, "", "")
    for m in range(min(j, pos + longest), pos, -1):
        hit = places.get(" ".join([t.text for t in toks[pos:m]]))
        if hit:
            return m - pos, hit[0], hit[1]
    return 0, "", ""


def org_suffix(word: str) -> bool:
    """An organisation's last word, singular or plural: "Bank", "Universities", "Airlines"."""
    suffixes = W.org_suffixes
    return (
        word in suffixes
        or (word.endswith("ies") and word[:-3] + "y" in suffixes)
        or (word.endswith("s") and word[:-1] in suffixes)
    )


#: Words like an adjective of place that are none: "The Guardian" is no "Guarda"'s.
_NOT_OF_PLACES = frozenset({"Guardian", "Guardians", "Custodian", "Veteran", "Median"})


def place_adjective(word: str) -> str | None:
    """The place an adjective of place is made from: "Transylvanian" -> Transylvania."""
    if len(word) < 5 or not word.endswith(("an", "ian", "ean", "ese")) or word in _NOT_OF_PLACES:
        return None
    stems = (word[:-1], word[:-1] + "s", word[:-2] + "a", word[:-3], word[:-3] + "a")
    for stem in stems:
        hit = W.places.get(stem)
        if hit and hit[0] in ("GPE", "LOC"):
            return hit[1]
    return None


def competition_end(words: Sequence[str | None], i: int) -> int:
    """Where the name of a sports competition or a part of one that starts at words[i] ends
    ("American League", "Eastern Division", "English Premier League", "Major League
    Baseball", "American League Central"); 0 if none starts there. For a story about sport."""
    n = len(words)
    k = i
    own = False  # a nationality word alone says whose league it is, not its name
    while k < n and (w := words[k]) is not None:
        if w in COMPETITION_WORDS:
            own = True
        elif w not in W.demonyms:
            break
        k += 1
    if not own or k >= n or words[k] not in COMPETITION_HEADS:
        return 0
    k += 1
    if k < n and words[k] in _COMPETITION_TAILS:
        k += 1
    return k
