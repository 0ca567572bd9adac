"""The recognizer's word lists: the gazetteer's tables, bound once, and the lists of words
around names; and the look-ups that read them."""

from __future__ import annotations

import re

from explorer.nlp import gazetteer as gz

#: Lower-case words that join capitalised words inside a name.
NAME_PARTICLES = frozenset(
    "de van von der den da du dos das del della dello degli di le la bin ibn al el ter ten zu af wa".split()
)


#: Tokens after which the next word starts a clause, so its capital says nothing.
OPENERS = frozenset(['"', "“", "‘", "'", "(", "[", "-", "--", ":", "—", "–", "*", "•", ";", "."])


#: Words before a place.
LOC_PREPS = frozenset("in at near from to into across outside inside around towards via".split())


#: Words that follow a person's name.
PERSON_VERBS = frozenset(
    "said says told added asked replied wrote stressed noted believes thinks explained "
    "argued insisted warned admitted denied claimed declared announced".split()
)


#: Of-heads beyond organisations and titles: places and people named "X of Y".
#: Words that start an event's or a law's name when "of" follows: "Battle of Britain",
#: "Treaty of Versailles", "Tour of the Netherlands", "Bill of Rights".
EVENT_OF = frozenset("Battle Battles War Wars Siege Tour Festival Series Games".split())


LAW_OF = frozenset("Treaty Convention Declaration Charter Bill Act Statute Edict Peace".split())


OF_HEADS_EXTRA = (
    frozenset(
        "Republic Gulf Bay Isle Isles Cape Strait Straits Sea Duke Duchess Prince Princess Kingdom "
        "Province State City Port Museum Bishop Archbishop Earl Count Countess Lake Mount Gulf "
        "Bank Ministry Minister Secretary University Department States".split()
    )
    | EVENT_OF
    | LAW_OF
)


MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


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
        self.stopwords = gz.stopwords()
        self.titles = gz.titles()
        self.us_states = gz.us_states()
        heads, mods = self.titles
        self.title_starts = frozenset(h.split()[0] for h in heads) | mods
        self.lower_titles = frozenset(h.lower() for h in heads if " " not in h and len(h) > 3)
        self.loaded = True


W = _Lists()


#: Endings of surnames in many languages, which company names rarely have.
SURNAME_ENDING = re.compile(
    r"[a-z](?:ov|ev|ova|eva|ski|sky|ska|escu|yan|idis|opoulos|oglu|ovich|evich|enko|chuk|wicz|"
    r"vic|ovic|evic|sson|stein|ez|inho|elli|etti|ucci|akis)$"
)


PREFIXED = re.compile(
    r"(?:ex|pre|post|anti|pro|non|neo|mid|mainly|pan|trans|all|former)-([A-Z][a-z]\w*)$"
)


JOINED_PARTICLE = re.compile(r"(?:al|el|ad|ash|as|at|az|ul|ur|bin|ibn|abu|bint|de|di|da|van)-[A-Z]")


ORG_ENDING = re.compile(r"[a-z](?:bank|tech|soft|net|tel|com|corp|fax|air)$")


#: Lower-case words that may open a title next to a name: "the prime minister".
LOWER_TITLES = frozenset(
    "president minister ambassador chancellor prime foreign secretary governor mayor chairman "
    "senator envoy spokesman spokeswoman king queen premier".split()
)


FUNCTION = frozenset(
    "the a an and or but by of for in on at to from with as if so than that this these those "
    "his her its their our my your we they he she it i you there here when while where after "
    "before since until during under over into about against between through via per".split()
)


#: Words that begin names ("New York Desk", "West Ham") even at a sentence's start.
NAME_OPENERS = frozenset(
    "new north south east west northern southern eastern western central great upper lower "
    "old royal saint st".split()
)


def org_suffix(word: str) -> bool:
    """An organisation's last word, singular or plural: "Bank", "Universities", "Airlines"."""
    suffixes = W.org_suffixes
    return (
        word in suffixes
        or (word.endswith("ies") and word[:-3] + "y" in suffixes)
        or (word.endswith("s") and word[:-1] in suffixes)
    )


#: Roles that are also given names: never a role in front of another name.
TITLES_THAT_ARE_NAMES = frozenset("Dean Major Earl Duke Marshal Baron".split())


NAME_PARTICLES_2 = frozenset("van von der den de la le du da dos del".split())


#: Words around a city's name that make it the city's team.
SPORT_NEXT = frozenset(
    "beat beats drew draw lost win won striker strikers midfielder defender defenders goalkeeper "
    "keeper manager boss coach winger forward fullback squad skipper midfield defence "
    "fans supporters side team players player star stars captain signing target debut "
    "batsman batsmen bowler bowlers all-rounder spinner paceman wicketkeeper opener "
    "flanker scrum-half fly-half hooker quarterback pitcher pitchers outfielder shortstop "
    "v vs".split()
)


SPORT_PREV = frozenset("beat beating v vs versus join joined joining joins".split())


#: Words before a name that make it a team only in a sports story ("sanctions against Baghdad").
SPORT_PREV_IN_SPORTS = frozenset(["against"])


def place_adjective(word: str) -> str | None:
    """The place an adjective of place is made from: "Transylvanian" -> Transylvania."""
    if len(word) < 5 or not word.endswith(("an", "ian", "ean", "ese")):
        return None
    stems = (word[:-1], word[:-1] + "s", word[:-2] + "a", word[:-3], word[:-3] + "a")
    for stem in stems:
        hit = W.places.get(stem)
        if hit and hit[0] in ("GPE", "LOC"):
            return hit[1]
    return None


#: Awards, which are no person ("an Oscar") and no organisation ("the Baftas"), and the
#: events that one word names ("the Olympics").
AWARDS = frozenset(
    ["Oscar", "Oscars", "Bafta", "Baftas", "Grammy", "Grammys", "Emmy", "Emmys", "Tony Award",
     "Tony Awards", "Golden Globe", "Golden Globes", "Golden Bear", "Golden Lion", "Palme d'Or",
     "Booker", "Pulitzer", "Nobel", "Brit Award", "Brit Awards", "Ballon d'Or",
     # events known by one word
     "Olympics", "Paralympics", "Olympiad"]
)  # fmt: skip


#: Nouns after a name that say it is an organisation: "the X newspaper".
ORG_NEXT = frozenset("newspaper daily weekly agency company firm group party".split())


#: Nouns that say the name next to them is a place: "the town of X", "the X region".
PLACE_NOUNS = frozenset(
    "town towns village villages city cities island islands region province district state "
    "port capital suburb county municipality area settlement enclave republic".split()
)


#: A player's role right before a name: the name is a person's ("striker Milan Baros").
PLAYER_ROLES = frozenset(
    "striker midfielder defender goalkeeper keeper winger forward captain skipper batsman "
    "bowler fly-half scrum-half full-back centre-back flanker hooker pitcher quarterback "
    "team-mate teammate playmaker sprinter".split()
)


#: Words after a town's name that make it a company of that name ("Toyota sales").
COMPANY_NEXT = frozenset(
    "sales shares profits profit revenues revenue earnings turnover model models handset "
    "handsets phone phones chips chip shareholders subsidiary brand executive executives "
    "chairman spokesman spokeswoman stake bid takeover merger products product plc corp "
    "inc motors motor".split()
)


#: Words right before a name that make it a company's: "handset maker Nokia".
COMPANY_PREV = frozenset(
    "maker makers firm company giant retailer operator carrier insurer airline brewer "
    "chipmaker carmaker manufacturer supplier producer lender broker publisher broadcaster "
    "conglomerate provider developer distributor subsidiary".split()
)


#: ... and before "in", "at" or "for": "shares in Google", "employees at Apple".
COMPANY_OWNERS = frozenset(
    "shares stake stakes investors investment shareholders employees staff workers "
    "executives executive engineers jobs job chief boss".split()
)


def gazetteer_label(words: list[str]) -> tuple[str, str] | None:
    return W.places.get(" ".join(words))


def longest_gazetteer(toks, pos: int, j: int) -> tuple[int, str, str]:
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


#: Words that only sports reports use often; a document with several of them is one, and a
#: town it names (not a country: national sides stay places) is the town's team.
SPORTS_WORDS = frozenset(
    "striker strikers midfielder midfielders midfield defender defenders goalkeeper goalkeepers "
    "winger wingers full-back centre-back fly-half scrum-half flanker batsman batsmen bowler "
    "bowlers wicket wickets innings quarterback pitcher pitchers referee umpire semi-final "
    "semi-finals quarter-final quarter-finals premiership goals scored scorer scorers "
    "equaliser equalised unbeaten relegation hat-trick fixture fixtures kick-off half-time "
    "touchline sin-bin touchdown homer homers tiebreak tie-break seeded footballer footballers "
    "cricketer cricketers athlete athletes sprinter team-mate team-mates football rugby "
    "cricket tennis golf athletics baseball basketball hockey stadium uncapped capped".split()
)


#: Words before a name that make it a team in a sports story: "champions Bath".
TEAM_BEFORE = frozenset(
    "team club side rivals champions contenders leaders opponents outfit hosts visitors "
    "holders".split()
)


#: Sports words that other stories use too ("a football stadium"): each counts half.
SPORTS_WORDS_WEAK = frozenset(
    "football rugby cricket tennis golf athletics baseball basketball hockey stadium athlete "
    "athletes footballer footballers".split()
)


SURNAME_LIKE = frozenset(
    "Park Hall Lane Hill Hills Street Bridge Ford Forest Castle Tower Temple".split()
)


PLACE_OPENERS = frozenset("Mount Mt Lake Cape Isle Gulf".split())


NAME_SUFFIXES = frozenset(["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"])
