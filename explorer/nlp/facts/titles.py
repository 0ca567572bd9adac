"""`title` facts (who holds which office, of what) and `affiliated_with` facts (who works
for, speaks for or belongs to which organisation)."""

from __future__ import annotations

import bisect
import itertools
import re

from ...model import Fact, Mention
from .. import gazetteer, regexes
from ..names.lists import MONTHS_DAYS, PERSON_VERBS, PORTFOLIO_WORDS, gazetteer_label
from ..titles_words import PORTFOLIO, SEATS
from .occupations import _FIELDS as _OCCUPATION_FIELDS
from .occupations import _OCCUPATIONS as _OCCUPATION_HEADS
from .occupations import _occupations
from .referents import _party_named, _whose
from .text import (
    _GAP_COMMA,
    _HIS_OR_HER_BEFORE,
    _LOWER_WORD_AT,
    _MODIFIER_AFTER,
    _PARTY,
    _POSSESSIVE_AT,
    _POSSESSIVE_BEFORE,
    _ROLE_NOUNS,
    _ROLES,
    _SPACES,
    _fact,
    _Text,
)

_BLANK_AT = regexes.compile(r"[ \t]+")
_TITLE_LINK = regexes.compile(
    r"\s+(of|to|for|at|with)\s+(?:the\s+)?"
    r"(?:(?:ruling|governing|opposition|main|state-owned|state-run|outlawed|banned)\s+"
    r"|[a-z]+-[a-z]+\s+)?"  # "leader of the right-wing Likud bloc"
)  # "chairman of the ruling Democratic Justice Party"
# The lower-case rest of an appositive title, up to its closing comma: " of marketing".
_TITLE_TAIL = regexes.compile(
    r"[ \t]+(?:of|for|at|in|with)[ \t]+(?:[a-z][\w-]*[ \t]+){0,5}?[a-z][\w-]*(?=[ \t]*,)"
)
# Between a name and its title set off by a comma: "X, the committee chairman".
_BEFORE_TITLE = regexes.compile(
    r",\s*(?:\d{1,3}\s*,\s*)?(?:the\s+(?:[a-z]+['’]?\s+)?[a-z]+['’]s\s+|(?:the|a|an|its|his|her|their|then|now|former)\s+(?:former\s+)?)?"
    r"(?:(?!(?:who|which|that|and|or|but|said|says|is|was|as|while|when|with|alongside|like"
    r"|including|unlike|against|before|after|from|to|for|by|in|on|at|of|about|over|under)\b)"
    r"[a-z][\w-]*\s+){0,2}$"
)
_POSSESSIVE = regexes.compile(r"['’]s\s+$")
_POSSESSIVE_RANKED = regexes.compile(
    r"(?:['’]s|(?<=s)['’])\s+(?:(?:senior|executive|deputy|assistant|first|former|acting|new)"
    r"\s+)?(?:[a-z][\w-]*\s+){0,2}$"  # "the party's local government spokesman"
)
_ITS_BEFORE = regexes.compile(r"\bIts\s+(?:[a-z][\w-]*\s+){0,2}$")  # "Its chief engineer"
# Between two titles of one person: "chairman and chief executive", "president, chief".
_LOWER_COMPOUND_END = regexes.compile(r"-[a-z]+$")
_JOINED_TITLE = regexes.compile(
    r"[ \t]*(?:,|and|,[ \t]*and)[ \t]*(?:(?<=and )(?:an?[ \t]+)?former[ \t]+)?$"
)  # "director of Oxfam and a former minister"
_FORMER_BEFORE = regexes.compile(r"\b[Ff]ormer[ \t]+$")
_FORMER_IN_GAP = regexes.compile(r"^,[ \t]*(?:(?:an?|the)[ \t]+)?former[ \t]")
# "X, who is also OPEC president,": X's title, of the organisation before it.
_WHO_IS_BEFORE = regexes.compile(r",[ \t]*who[ \t]+(?:is|was)[ \t]+(?:also[ \t]+|now[ \t]+)?$")
# A title's organisation in lower case up to a name set off by commas: " of the transport
# union, " (then "Karel Boeckx,").
_OF_WHAT_THEN_NAME = regexes.compile(
    r"[ \t]+(?:of|for|at)[ \t]+(?:the[ \t]+)?[^,\"“”.;:()\n]{1,50}?,[ \t]*(?=[A-Z])"
)
# The same in a few lower-case words run on to the name: " of the employers' federation "
# (then "Luc Janssens said").
_OF_LOWER_THEN_NAME = regexes.compile(
    r"[ \t]+of[ \t]+(?:the[ \t]+)?(?:(?!(?:and|or|but|to|with|by|from|in|on|at|as|for|said"
    r"|says|told|met|when|while|who|that|which|is|was)\b)[a-z][a-z-]*(?:['’]s?)?[ \t]+){1,4}"
    r"(?=[A-Z])"
)
_SET_OFF_END = regexes.compile(r"[ \t]*,")
_SET_OFF_BEFORE = regexes.compile(r",[ \t]*(?:(?:the|a|an|now|then)[ \t]+)?$")
_A_OR_THE_BEFORE = regexes.compile(r"(?<![\w-])(?:[Tt]he|[Aa]n?)[ \t]+$")
# Between two titles before one name: "chairman and chief executive officer James Kinnear".
_AND_TITLE_AT = regexes.compile(r"[ \t]+and[ \t]+")


# A style between an office and its holder's name, itself no office held.
_STYLES = frozenset(
    "Sheikh Sheik Prince Princess Dr Doctor Sir Dame Lord Lady Rev Reverend Ayatollah Imam "
    "Rabbi Cardinal Archbishop Bishop Father Sister Brother Professor Prof".split()
)


_STYLE_AT = regexes.compile(r"[ \t]*,?[ \t]*(?:Dr|Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|Prof)\.?[ \t]+")


def _named_after_title(doc: _Text, right: int) -> Mention | None:
    """The mention after a title ending at `right`, past a style that is no office: "oil
    minister Sheikh Ali al-Khalifa al-Sabah", "Health Secretary Dr John Reid"."""
    person = doc.after(right, _GAP_COMMA)
    if (
        person is not None
        and person.label in ("NORP", "GPE")
        and "," in doc.text[right : person.start]
        and (office := doc.after(person.end)) is not None
        and office.label == "TITLE"
        and (holder := doc.after(office.end)) is not None
        and holder.label == "PERSON"
    ):
        # "OPEC's president, Nigerian Oil Minister Rilwanu Lukman": both offices his
        return holder
    if person is not None and person.label == "TITLE":
        if person.entity in _STYLES:
            return doc.after(person.end)
        rank = doc.after(person.end)
        if (
            rank is not None
            and rank.label == "PERSON"
            and (
                "," in doc.text[right : person.start]
                or (
                    person.entity.rpartition(" ")[2] in _RANKS
                    and (office := doc.before(right)) is not None  # not "Lt Col X": one rank
                    and office.entity.rpartition(" ")[2] not in _RANKS | {"Lieutenant", "Major"}
                )
            )
        ):
            # "the airline's director of operations, Captain Fernando Ruiz", "armed forces
            # chief of staff General Fidel Ramos": the office is the officer's
            return rank
    if person is None and (style := _STYLE_AT.match(doc.text, right)) is not None:
        return doc.by_start.get(style.end())
    return person


#: Military ranks, which a name's office may come before unparted: "chief of staff General X".
_RANKS = frozenset({"General", "Admiral", "Marshal", "Colonel", "Brigadier", "Commodore"})


def _closes_bracket(text: str, start: int, end: int) -> bool:
    return text.find(">", start, end) >= 0 or text.find(")", start, end) >= 0


def _ticker_before(text: str, pos: int) -> re.Match | None:
    """The ticker or bracketed acronym the words before `pos` end with, if any."""
    if not _closes_bracket(text, max(0, pos - 4), pos):
        return None  # most positions: two memchr
    return _TICKER_BEFORE.search(text, max(0, pos - 16), pos)


_PARTY_WORD_BEFORE = regexes.compile(r"(?<![\w-])party[ \t]+$")


def _party_before(doc: _Text, pos: int) -> Mention | None:
    """The party named before "party" right before `pos`: "the Conservative party chairman"."""
    word = _PARTY_WORD_BEFORE.search(doc.text, max(0, pos - 8), pos)
    found = doc.before(word.start()) if word is not None else None
    return found if found is not None and found.label in ("NORP", "ORG") else None


def _before_ticker(doc: _Text, pos: int) -> Mention | None:
    """The mention right before `pos`, or before a ticker there ("Citicorp <CCI> Chairman")."""
    found = doc.before(pos)
    ticker = _ticker_before(doc.text, pos) if found is None else None
    return doc.before(ticker.start()) if ticker is not None and "," not in ticker.group() else found


# A rank before the nationality before a title: "the chief U.S. negotiator" is the Chief
# Negotiator (of the United States), as "the chief negotiator" is.
_RANK_BEFORE = regexes.compile(r"(?<![\w-])(chief|deputy|assistant|acting)[ \t]+$")


def _rank_before(doc: _Text, name: str, left: int) -> tuple[str, int]:
    rank = _RANK_BEFORE.search(doc.text, max(0, left - 12), left)
    if rank is None or name.lower().startswith(rank.group(1)):
        return name, left
    return f"{rank.group(1).capitalize()} {name}", rank.start()


def _region_owner(doc: _Text, region: Mention, of: str | None, left: int) -> tuple[str | None, int]:
    """The organisation whose post a title of a region is: "the U.S. Navy's Middle East
    commander" is the Navy's; (of, where the title starts)."""
    poss = _POSSESSIVE.search(doc.text, max(0, region.start - 4), region.start)
    owner = doc.before(poss.start()) if poss is not None else None
    if owner is not None and owner.label == "ORG":
        return owner.entity, owner.start
    return of, left


# "its chief engineer" set off after a name: "Boeing sent Richard Tomlin, its chief engineer,".
_ITS_ASIDE_BEFORE = regexes.compile(r",[ \t]*its[ \t]+(?:[a-z][\w-]*[ \t]+){0,2}$")
# A capitalised word right before a title (or its possessive) that is no mention: "Halverson
# chairman X" after "Halverson Industries Inc", "Esa's director" after "the European Space
# Agency".
_WORD_BEFORE_TITLE = regexes.compile(r"(?<![\w'’.-])([A-Z][a-z]{2,})(?:['’]s)?[ \t]*$")


# A country joined to "then-" or "ex-" before a title: "then-US secretary of state".
_THEN_PLACE_BEFORE = regexes.compile(r"(?<![\w-])(?:then|ex|former)-([A-Z][\w.]*)[ \t]+$")


def _owner_before(doc: _Text, t: Mention, left: int) -> tuple[str | None, int]:
    """Whose the title `t` is by the words before it when no name of an organisation or a
    country comes right before it: "Acme's chairman", "the party's education spokesman",
    "the Italian club's president", "Its chief engineer"; (what it is of, where it starts)."""
    text = doc.text
    then = (
        _THEN_PLACE_BEFORE.search(text, max(0, t.start - 24), t.start)
        if text.find("-", max(0, t.start - 24), t.start) >= 0
        else None
    )
    place = gazetteer_label([then.group(1)]) if then is not None else None
    if then is not None and place is not None and place[0] in ("GPE", "NORP"):
        return place[1], then.start()  # "then-US secretary of state George Shultz"
    # "Acme's chairman", "Acme Corp's senior vice president"
    poss = _POSSESSIVE_RANKED.search(text, max(0, t.start - 24), t.start)
    owner = doc.before(poss.start()) if poss else None
    if owner is not None and owner.label in _PARTY:
        return owner.entity, owner.start
    if poss is not None and text.endswith(" party", 0, poss.start()):
        party = doc.before(poss.start() - 5)  # "the Labour party's deputy leader"
        if party is not None and party.label in ("NORP", "ORG"):
            return party.entity, left
    if poss is not None:
        # "the party's education spokesman", "the museum's head": the one the story named
        of = _whose(doc, poss.start())
        if of is None and owner is None:
            of = _org_named_by(doc, poss.start())  # "Esa's director of science"
        if of is None and owner is None and t.entity.rpartition(" ")[2] in _PUBLICATION_POSTS:
            of = _publication_before(doc, poss.start())  # "Variety's chief film critic"
        return of, left
    its = _ITS_BEFORE.search(text, max(0, t.start - 24), t.start)
    if its is not None:
        # "Boeing said ... Its chief engineer, X": the organisation the sentence before
        # opens with (not "its" inside a sentence, a clause's subject's)
        owner = _its_owner(doc, doc.sentence_of(its.start()) - 1)
        return (owner.entity if owner is not None else None), left
    its = (
        _ITS_ASIDE_BEFORE.search(text, max(0, t.start - 24), t.start)
        if text.find("its", max(0, t.start - 24), t.start) >= 0
        else None
    )
    if its is not None:
        # "Boeing sent a team led by Richard Tomlin, its chief safety engineer": the
        # organisation the sentence opens with
        owner = doc.opening_org(doc.sentence_of(its.start()))
        if owner is not None and owner.end <= its.start():
            return owner.entity, left
        return None, left
    last = text[max(0, t.start - 14) : t.start].rsplit(None, 1)[-1:]
    body = (
        _BODY_BEFORE.search(text, max(0, t.start - 60), t.start)
        if last and last[0] in _BODY_WORDS
        else None
    )
    if body is not None and doc.by_end.get(body.end(1)) is None:
        # "Environment office director X": the office named in lower case before the title
        # (not a word of a name before it: "Lib Dem affairs committee chairman")
        start = body.start("low") if _covered(doc, body.start()) else body.start()
        named = _SPACES.sub(" ", text[start : body.end(1)])
        if " " in named:  # not "the union leader": which union the words do not say
            return named, left
    return _org_named_by(doc, t.start), left


def _its_owner(doc: _Text, k: int) -> Mention | None:
    """The organisation "Its" opening the sentence after sentence `k` stands for: the one a
    sentence before opens with ("Boeing said ..."), else the only one the sentence right
    before names ("Shares in Halverson Industries Inc rose ..."); back past sentences that
    name none and open by referring to one ("NHS Highland is to close two wards ... The
    board's medical director said ... Its chief executive")."""
    for j in range(k, max(-1, k - 3), -1):
        owner = doc.opening_org(j)
        if owner is not None:
            return owner
        named = {m.entity: m for m in doc.by_sentence.get(j, ()) if m.label == "ORG"}
        if named:
            return next(iter(named.values())) if len(named) == 1 and j == k else None
        if j < 1 or not _OPENS_WITH_REFERENCE.match(doc.text, doc.sentence_span(j)[0]):
            return None  # "Nothing was found wrong. Its chairman": whose is not guessed
    return None


# A sentence that opens by referring to an organisation named before: "The board's", "It".
_OPENS_WITH_REFERENCE = regexes.compile(r"(?:The[ \t]+[a-z]+['’]s|Its?)[ \t]")


#: Posts at a newspaper, a magazine or a broadcaster, whose name before them in the
#: possessive is the publication's: "Variety's chief film critic, X".
_PUBLICATION_POSTS = frozenset(
    "Critic Reviewer Editor Correspondent Columnist Reporter Commentator Writer".split()
)
# The name of a publication before its possessive: "Variety", "The New Yorker".
_PUBLICATION_BEFORE = regexes.compile(
    r"(?<![\w'’-])(?:The[ \t]+)?((?:[A-Z][a-z]+[ \t]+){0,2}[A-Z][a-z]+)$"
)


def _publication_before(doc: _Text, pos: int) -> str | None:
    """The publication whose post a title is, named before `pos` (its possessive) in a few
    capitalised words that no mention covers and that no list gives as a title: "Variety"."""
    found = _PUBLICATION_BEFORE.search(doc.text, max(0, pos - 40), pos)
    if found is None or _covered(doc, found.start(1)):
        return None
    words = found.group(1).split()
    heads, mods = gazetteer.titles()
    if any(w in heads or w in mods for w in words):
        return None
    return " ".join(words)


def _covered(doc: _Text, pos: int) -> bool:
    """Whether a mention covers the character at `pos` other than an organisation's name of
    one word there ("Environment office": the office's own name)."""
    i = bisect.bisect_right(doc.mention_starts, pos) - 1
    if i < 0 or doc.mentions[i].end <= pos:
        return False
    m = doc.mentions[i]
    return not (m.label == "ORG" and m.start == pos and " " not in m.text)


_BODY_WORDS = frozenset(
    "office ministry agency department bureau authority commission council committee board "
    "bank".split()
)
# A body named in lower case right before a title: "environment office director", "the
# public accounts committee chairman".
_BODY_BEFORE = regexes.compile(
    r"(?<![\w'’-])(?:(?!(?:The|An?|Its|His|Her|Their|This|That|Former|Ex|Then|New|Outgoing"
    r"|But|And|Or|So|Yet|While|When|After|Before|Since|As|If|Although|Meanwhile|Now|Also)[ \t])"
    r"[A-Z][a-z][\w-]*[ \t]+)?"
    r"(?P<low>(?:(?!(?:the|an?|and|or|of|to|in|on|at|former|new|then"
    r"|for|by|with|its|his|her|their|said|says|told)[ \t])[a-z][\w-]*[ \t]+){0,2}?"
    r"(?:office|ministry|agency|department|bureau|authority|commission|council|committee"
    r"|board|(?<=[Cc]entral )bank))[ \t]+$"
)


def _field_only(name: str) -> bool:
    """Whether the words of a title before its head say only its field or court, none another
    rank or a portfolio ("District Court Judge", not "Shadow Chancellor" or "Foreign
    Minister")."""
    return not any(w in _OTHER_OFFICE or w in PORTFOLIO_WORDS for w in name.split()[:-1])


#: Words before a title's head that make it another office: a shadow chancellor is not the
#: chancellor, a deputy head not the head.
_OTHER_OFFICE = frozenset(
    "Shadow Deputy Vice Assistant Associate Acting Former Junior Under Prime Lieutenant Crown "
    "First Interim Opposition Party".split()
)


def _org_named_by(doc: _Text, pos: int) -> str | None:
    """The organisation a capitalised word before `pos` that no mention covers stands for: the
    first word of one the story names in full ("Halverson" after "Halverson Industries
    Inc"), or its initials written as a word ("Esa" after "European Space Agency"); only a
    word the story never writes in lower case, and one organisation only."""
    text = doc.text
    last = text[max(0, pos - 24) : pos].rsplit(None, 1)[-1:]
    word = last[0].removesuffix("'s").removesuffix("’s") if last else ""
    if not (len(word) >= 3 and word.isalpha() and word.istitle()):
        return None  # most titles: no capitalised word right before
    found = _WORD_BEFORE_TITLE.search(text, max(0, pos - 24), pos)
    if found is None or doc.by_end.get(found.end(1)) is not None:
        return None
    word = found.group(1)
    if word in gazetteer.titles()[0] or word in gazetteer.titles()[1]:
        return None
    low = word.lower()
    at = text.find(low)
    while at >= 0:
        if not (text[at - 1 : at].isalpha() or text[at + len(low) : at + len(low) + 1].isalpha()):
            return None  # "Federal judge": a word of the language, not a name
        at = text.find(low, at + 1)
    firsts, initials = _org_words(doc)
    fits = set(firsts.get(word, ()))
    if len(word) <= 5:
        fits.update(initials.get(word.upper(), ()))
    return fits.pop() if len(fits) == 1 else None


def _org_words(doc: _Text) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The organisations the story names by the first word of their names of several words,
    and by their initials: ({"Halverson": {"Halverson Industries Inc"}}, {"ESA": {...}})."""
    if doc.org_words is not None:
        return doc.org_words
    firsts: dict[str, set[str]] = {}
    initials: dict[str, set[str]] = {}
    for m in doc.mentions:
        if m.label != "ORG":
            continue
        first, space, _ = m.entity.partition(" ")
        if space:
            firsts.setdefault(first, set()).add(m.entity)
        initials.setdefault(_name_initials(m.entity), set()).add(m.entity)
    doc.org_words = (firsts, initials)
    return firsts, initials


def _portfolio_before(
    doc: _Text, prefix: Mention, name: str, left: int
) -> tuple[Mention | None, str, int, str | None]:
    """A portfolio read as a name before a title is the title's ("Justice and Home Affairs
    Commissioner", "EC External Relations Commissioner", "Dutch Transport and Public Works
    Minister"); (the mention before the title still to read, the title, where it starts,
    what it is of)."""
    head, portfolio = _portfolio(prefix.entity)
    if portfolio is None and " " not in (written := doc.text[prefix.start : prefix.end]):
        head, portfolio = _portfolio(written)  # "Universities", not "Universities UK"
    if portfolio is None and name in _OFFICES_FOR and prefix.label == "ORG":
        # "Colombia's Finance and Public Credit Minister": a country's ministry's words
        country = doc.before(prefix.start, _POSSESSIVE_AT)
        if (
            country is not None
            and country.label == "GPE"
            and _PORTFOLIO_SHAPE.fullmatch(prefix.entity)
        ):
            return None, f"{prefix.entity} {name}", country.start, country.entity
    if portfolio is None:
        return prefix, name, left, None
    # the whole office, as "Finance Minister" and "Farm Commissioner" are
    name, left = f"{portfolio} {name}", prefix.start
    if head:
        return None, name, left, gazetteer.org_aliases().get(head, head)
    before = doc.before(prefix.start) or doc.before(prefix.start, _POSSESSIVE_AT)
    if before is not None and before.label in _PARTY:
        # "Dutch Transport ... Minister", "Malaysia's Primary Industries Minister"
        return None, name, before.start, before.entity
    return None, name, left, None


_PORTFOLIO_SHAPE = regexes.compile(r"[A-Z][a-z]+(?: (?:and )?[A-Z][a-z]+){0,4}")
# Whose a role set off before a title is: "Bolivia's delegate, Deputy Mines Minister X".
_ROLE_OF_BEFORE = regexes.compile(
    r"['’]s[ \t]+(?:(?:chief|senior|main|top)[ \t]+)?(?:delegate|representative|envoy"
    r"|negotiator|spokesman|spokeswoman)[ \t]*,[ \t]*$"
)


def _owner_of_role_before(doc: _Text, left: int) -> str | None:
    """The country or organisation whose delegate the holder of a title set off after it is:
    "Bolivia's delegate, Deputy Mines Minister Jorge Rios" (Bolivia's minister)."""
    role = _ROLE_OF_BEFORE.search(doc.text, max(0, left - 40), left)
    owner = doc.before(role.start()) if role is not None else None
    return owner.entity if owner is not None and owner.label in _PARTY else None


def _of_as_read(doc: _Text, name: str, of: str | None) -> tuple[str, str | None]:
    """A title and what it is of as a reader has them once the words around it are read: an
    organisation in full where initials gave it, a nation's adjective in the title its
    country ("Scottish Education Secretary", not "Scottish Secretary"), the country whose
    ministry of the portfolio the story names."""
    if of is not None:
        return name, _spelled_out(doc, of)
    nation, _, rest = name.partition(" ")
    if nation in _NATIONS_IN_TITLES and rest.partition(" ")[0] in _PORTFOLIO_WORDS:
        return rest, _NATIONS_IN_TITLES[nation]
    return name, _ministry_country(doc, name)


def _ministry_country(doc: _Text, name: str) -> str | None:
    """The country of a minister the story names no country for, where it names that
    country's ministry of the same portfolio: "Foreign Minister X" after "the Swedish Foreign
    Ministry said" is Sweden's; None where it names none, or several countries'."""
    portfolio, _, head = name.rpartition(" ")
    if head != "Minister" or not portfolio or "Ministry" not in doc.text:
        return None
    countries = set()
    for m in doc.mentions:
        if m.label == "ORG" and m.entity.endswith(f" {portfolio} Ministry"):
            words = m.entity[: -len(portfolio) - 10].split()
            place = gazetteer_label(words) if words else None
            if place is not None and place[0] in ("GPE", "NORP"):
                countries.add(place[1])
    return countries.pop() if len(countries) == 1 else None


def _spelled_out(doc: _Text, of: str | None) -> str | None:
    """The organisation a title is of, in full where it is given by its initials written as
    a word ("Iea" after "the International Energy Agency")."""
    if of is None or not 3 <= len(of) <= 5 or not of.isalpha() or not of.istitle():
        return of
    fits = _org_words(doc)[1].get(of.upper(), set()) - {of}
    return next(iter(fits)) if len(fits) == 1 else of


def _name_initials(name: str) -> str:
    """ "European Space Agency" -> "ESA"; "National Aeronautics and Space Administration"."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


# The body a title is of, in lower case: "head of the civil aviation authority", "president of
# the Italian football federation", "leader of the Shi'ite Amal movement".
_BODY_NOUNS = (
    r"authority|federation|mission|union|association|commission|committee|council|agency"
    r"|movement|board|institute|bureau|ministry|department|league|alliance|front|club|team"
    r"|group|company|bank|organi[sz]ation|society|foundation|charity|service"
)
_BODY_AFTER = regexes.compile(
    r"[ \t]+of[ \t]+the[ \t]+(?P<body>(?P<caps>(?:[A-Z][\w'’-]*[ \t]+){0,2})"
    rf"(?P<low>(?:[a-z][\w-]*(?:['’]s?)?[ \t]+){{0,3}}?)(?:{_BODY_NOUNS}))(?![\w-]|[ \t]+[A-Z])"
)


def _body_after(doc: _Text, right: int) -> tuple[str | None, int]:
    """The body named in lower case after a title ending at `right` (its words as written, a
    nationality before them kept: "Italian football federation"), and where it ends; (None,
    right) if none is."""
    body = _BODY_AFTER.match(doc.text, right)
    if body is None:
        return None, right
    if not body.group("low"):
        # "the Shi'ite Amal movement": a name misread as a person's before the noun; not
        # "the Labour party" or "the European Commission"'s kind of name
        named = doc.before(body.end("caps"))
        if named is None or named.label != "PERSON":
            return None, right
    if body.group("caps") and doc.by_start.get(body.start("caps")) is None:
        return None, right
    return _SPACES.sub(" ", body.group("body")), body.end()


def _whose_title(doc: _Text, t: Mention) -> tuple[str, int, str | None, re.Match | None]:
    """Whose the title `t` is by the words before it: a party, a country or a company named
    before it ("Acme chairman", "the chief U.S. negotiator", "European Ryder Cup captain"), an
    owner ("Acme's chairman"), or one set off before it ("Bolivia's delegate, Deputy Mines
    Minister X"); (the title's name, where its words start, of, the possessive before it)."""
    text = doc.text
    of = None
    left = t.start
    name = t.entity
    poss = None  # "the engineering union's chief negotiator at Ford": the union's
    prefix = _before_ticker(doc, t.start) or _party_before(doc, t.start)
    if prefix is not None and prefix.text in _NO_OWNER_WORDS:
        prefix = None  # "Defending champion X" opening a sentence: nobody's
    if prefix is not None and prefix.label == "TITLE" and prefix.entity == "Lieutenant":
        name, left = f"Lieutenant {name}", prefix.start  # "Lt. Gen. John Vessey"
        prefix = doc.before(left)
    if (
        prefix is not None
        and prefix.label == "ORG"
        and prefix.entity in _BODIES_ALONE
        and not _WORD_BEFORE_TITLE.search(text, max(0, prefix.start - 24), prefix.start)
    ):
        # "Council leader X": the council the story names, else nobody's named
        of, left, prefix = _body_named(doc, prefix.entity, prefix.start), prefix.start, None
        name = name if of is not None else f"{doc.text[left : t.start].strip().capitalize()} {name}"
    if prefix is not None and prefix.label in ("ORG", "PERSON"):
        prefix, name, left, of = _portfolio_before(doc, prefix, name, left)
    if prefix is not None and prefix.label == "EVENT":
        of, left = prefix.entity, prefix.start  # "European Ryder Cup captain X"
    elif prefix is not None and prefix.label in _PARTY and not _praise(doc, prefix):
        of, left = prefix.entity, prefix.start
        if prefix.label != "ORG":
            name, left = _rank_before(doc, name, left)  # "the chief U.S. negotiator"
        if prefix.label in ("LOC", "GPE"):
            of, left = _region_owner(doc, prefix, of, left)
    else:
        poss = _POSSESSIVE_RANKED.search(text, max(0, t.start - 24), t.start)
        if of is None:
            of, left = _owner_before(doc, t, left)
        if of is None:
            of = _owner_set_off_before(doc, left)
    return name, left, of, poss


#: A body's kind read alone as its name before a title: "Council leader X", "Club captain X".
_BODIES_ALONE = frozenset("Council Party Club Union Board Committee Trust Authority".split())


def _body_named(doc: _Text, kind: str, pos: int) -> str | None:
    """The one organisation of the kind the story names in full ("Leeds City Council" for
    "Council"), None where it names none or several; for "Party", the party named last
    before `pos`, as "the party" is."""
    if kind == "Party":
        i = bisect.bisect_left(doc.mention_starts, pos) - 1
        for m in itertools.islice((doc.mentions[j] for j in range(i, -1, -1)), 200):
            if m.label in ("NORP", "ORG") and _party_named(m.entity):
                return m.entity
        return None
    named = {m.entity for m in doc.mentions if m.label == "ORG" and m.entity.endswith(f" {kind}")}
    return named.pop() if len(named) == 1 else None


def _titles(doc: _Text) -> list[Fact]:
    text = doc.text
    facts: list[Fact] = []
    seen: set[tuple] = set()
    held_at: dict[int, tuple[Mention, int]] = {}  # where a title held ends -> (holder, fact)
    carried_of: dict[int, str] = {}  # a second title's start -> the organisation of the first
    for t in doc.mentions:
        if t.label != "TITLE":
            continue
        right = t.end
        name, left, of, poss = _whose_title(doc, t)
        former_aside = False
        if of is None:
            name, of = _party_seat(name)
        name, right = _with_field(doc, name, right)
        if of is None:
            of, right = _body_after(doc, right)
        of, to, right = _title_links(doc, right, of, at=poss is None)
        if of is None and (part := _part_after(doc, right)) is not None:
            of, right = part  # "chairman of the union's Northstar unit"
        seat, right = _seat_for(doc, t, name, of, right)
        if of is None and to is not None and name.rpartition(" ")[2] in _ADVISERS:
            of, to = to, None  # "legal adviser to the Foreign Ministry": its adviser
        person, of, right = _title_holder(doc, t, left, right, of, carried_of)
        if person is not None and person.label == "PERSON":
            role = doc.after(person.end)
            holder = doc.after(role.end) if role is not None and role.label == "TITLE" else None
            if holder is not None and holder.label == "PERSON":
                # "a spokesman for European Justice and Home Affairs Commissioner Franco
                # Frattini": the words after are the next title's, the spokesman unnamed (but
                # "welfare minister Frank Field MP" is Field's)
                continue
        start, end = left, right
        joined = _JOINED_TITLE.search(text, max(0, left - 16), left)
        earlier = held_at.get(joined.start()) if joined is not None else None
        if person is not None and person.label == "PERSON":
            end = person.end
            if of is None and (org := _org_after_name(doc, person)) is not None:
                of, end = org.entity, org.end  # "Analyst X of Gabelli and Co said"
        elif earlier is not None:
            # "X, chairman and chief executive of Acme, said": X's too, and of Acme both
            person, k = earlier
            start = person.start
            if of is not None and facts[k].qualifiers.get("of") is None:
                prev = facts[k]
                facts[k] = Fact(prev.predicate, prev.subject, prev.object, prev.sentence,
                                prev.start, max(prev.end, right), {**prev.qualifiers, "of": of})  # fmt: skip
                doc.appositives[right] = (person.entity, person.start)
        else:
            person, former_aside = _holder_before(doc, left, right)
            if person is None:
                continue
            start = person.start
            # "X, spokeswoman for Y, said": whoever speaks after Y is X.
            doc.appositives[right] = (person.entity, person.start)
            tail = _TITLE_TAIL.match(text, right)
            if tail is not None:  # "X, the vice president of marketing, said"
                doc.appositives.setdefault(tail.end(), (person.entity, person.start))
        if of is None and (name in _STAFF or name == "Press Secretary"):  # not a portfolio's
            of = _whose_staff(doc, left, t.end, person)
        name, of = _of_as_read(doc, name, of)
        key = (person.entity, name, of, to)
        former = (
            former_aside
            or _FORMER_BEFORE.search(text, max(0, left - 12), left) is not None
            # "Britain's former deputy prime minister": after whose it is
            or _FORMER_BEFORE.search(text, max(0, t.start - 12), t.start) is not None
        ) or None
        if not former:  # "the president" is the one in office, not "former President X"
            doc.holders.setdefault((name.lower(), of), person.entity)
            doc.holders.setdefault((name.lower(), None), person.entity)
        if not former and " " in name and name == t.entity and _field_only(name):
            # "the judge" after "US district court judge Susan Ilston": the office's head
            # word (not "the chancellor" after "shadow chancellor X")
            doc.holders.setdefault((name.rpartition(" ")[2].lower(), None), person.entity)
        if key in seen:
            continue
        seen.add(key)
        held_at[t.end] = held_at[right] = (person, len(facts))
        facts.append(
            _fact(
                doc, "title", person.entity, name, start, end, of=of, to=to, former=former,
                constituency=seat if seat != of else None,
            )
        )  # fmt: skip
        facts.extend(_opening_title_and(doc, left, person, of, end, seen))
    facts.extend(_doctors(doc, seen))
    facts.extend(_members_for(doc, seen))
    facts.extend(_who_heads(doc, seen))
    facts.extend(_top_officials(doc, seen))
    facts.extend(_plural_titles(doc, seen))
    facts.extend(_occupations(doc, seen))
    _briefs(doc, facts, seen)
    _set_off_titles(doc, facts, seen)
    doc.title_facts = facts
    facts.extend(_appointments(doc, seen))
    return facts


# A portfolio's office with its brief after "for", in lower case: "cabinet secretary for net
# zero and energy", "shadow secretary of state for health", "the minister for children".
_BRIEF_TITLE = (
    r"(?<![\w'’-])(?P<title>(?:(?:[Ss]hadow|[Cc]abinet|[Dd]eputy|[Jj]unior|[Aa]ssistant"
    r"|[Aa]cting|[Ii]nterim)[ \t]+){0,2}(?:[Ss]ecretary|[Mm]inister)(?:[ \t]+of[ \t]+state)?"
    r"|(?:[Ss]hadow[ \t]+)?(?:[Cc]ommissioner|[Ss]pokes(?:man|woman|person)))"
)
_BRIEF_TITLE_BEFORE = regexes.compile(_BRIEF_TITLE + "$")
_BRIEF = regexes.compile(
    _BRIEF_TITLE + r"[ \t]+for[ \t]+"
    r"(?P<brief>(?:[a-z][\w-]*[ \t]+){0,5}?[a-z][\w-]*)"
    r"(?:(?P<set_off>[ \t]*,[ \t]*|(?=[ \t]*[.;:)]))|[ \t]+(?=[A-Z]))"
)
# Words that make a brief's words a clause or a time, not a portfolio: "minister for two years".
_NOT_BRIEF = frozenset(
    "the a an its our this that these those all both each one two three four five six seven "
    "eight nine ten many several some life years year months weeks days decades now "
    "said says told who which that is was has had will would on in at to from with by his her "
    "him them it this".split()
)
_THE_BEFORE = regexes.compile(r"(?:^|[ \t(“\"])(?:[Tt]he|[Aa]n?)[ \t]+$")


def _briefs(doc: _Text, facts: list[Fact], seen: set[tuple]) -> None:
    """Titles of a portfolio whose brief follows "for" in lower case, before a name or set off
    after one: "cabinet secretary for net zero and energy Mairi X", "X, the cabinet secretary
    for justice,", "shadow secretary of state for health X". Where the title pass read only
    the office ("Secretary"), this whole title takes its place."""
    text = doc.text
    if " for " not in text:
        return
    for found in _briefs_at(text):
        brief = found.group("brief").split()
        if _NOT_BRIEF.intersection(brief) or (
            brief[-1].capitalize() in gazetteer.titles()[0] and brief[-1] not in PORTFOLIO
        ):
            continue  # "a spokesman for opposition leader X": X leads, the spokesman is unnamed
        if not found.group("title").islower() and not (_opens_sentence(doc, found.start())):
            continue
        left, end = found.start(), found.end()
        person = doc.by_start.get(end)
        of = None
        owner = _POSSESSIVE_BEFORE.search(text, max(0, left - 3), left)
        # "Labour's shadow minister for transport", "Liberal Democrat spokeswoman for women"
        named = doc.by_end.get(owner.start()) if owner is not None else doc.before(left)
        if named is not None and named.label in _PARTY:
            of, left = named.entity, named.start
        if person is not None and person.label == "PERSON":
            if (
                found.group("set_off")
                and of is None
                and not _THE_BEFORE.search(text, max(0, left - 5), left)
            ):
                continue  # "X told the secretary for health, Y": no aside of Y's title
            start, stop = left, person.end
        elif found.group("set_off") is not None or text[end : end + 1] in ".;:)":
            gap = _SET_OFF_BEFORE.search(text, max(0, left - 8), left)
            person = doc.before(gap.start()) if gap is not None else None
            if person is None or person.label != "PERSON":
                continue
            start, stop = person.start, found.end("brief")
        else:
            continue
        words = found.group("title").split()
        name = " ".join(w.capitalize() if w != "of" else w for w in words)
        name = f"{name} for {_title_case(' '.join(brief))}"
        key = (person.entity, name, of, None)
        if key in seen:
            continue
        seen.add(key)
        fact = _fact(doc, "title", person.entity, name, start, stop, of=of)
        for k, prev in enumerate(facts):
            if prev.subject == person.entity and prev.start < stop and start < prev.end:
                facts[k] = fact  # "Secretary" read alone in "secretary for net zero ... X"
                break
        else:
            facts.append(fact)


def _briefs_at(text: str):
    """The matches of `_BRIEF`, read only where " for " is (a find each, not a scan of the
    whole text by the pattern)."""
    at = text.find(" for ")
    while at >= 0:
        title = _BRIEF_TITLE_BEFORE.search(text, max(0, at - 45), at)
        found = _BRIEF.match(text, title.start()) if title is not None else None
        if found is not None:
            yield found
        at = text.find(" for ", at + 4)


def _opens_sentence(doc: _Text, pos: int) -> bool:
    """Whether only quotation marks and spaces come between a sentence's opening and `pos`."""
    opening = doc.sentence_span(doc.sentence_of(pos))[0]
    return not doc.text[opening:pos].strip(" \t\r\n\"'“‘(")


#: Offices held for a person, whom they are of: "a spokesman for opposition leader X",
#: "Her spokesman, Y", "Smith's lawyer".
_STAFF = frozenset(
    "Spokesman Spokeswoman Spokesperson Aide Adviser Advisor Lawyer Attorney Solicitor Agent "
    "Publicist Secretary".split()
)
_FOR_PERSON = regexes.compile(r"[ \t]+(?:for|to)[ \t]+")


def _whose_staff(doc: _Text, left: int, right: int, holder: Mention) -> str | None:
    """The person an office held for a person is of: the one named after "for" ("a spokesman
    for opposition leader Khaleda Zia, Salah Uddin"), or owning it before ("Smith's lawyer",
    "Her spokesman", as a reader takes "her"); never its holder."""
    text = doc.text
    whose = None
    link = _FOR_PERSON.match(text, right)
    if link is not None:
        pos = link.end()
        for _ in range(3):  # past an office's words in lower case: "opposition leader"
            whose = doc.by_start.get(pos)
            lower = _LOWER_WORD_AT.match(text, pos) if whose is None else None
            if lower is None:
                break
            pos = lower.end()
        if whose is not None and whose.label == "TITLE":
            whose = doc.after(whose.end)  # "for opposition leader X"
    elif (pronoun := _HIS_OR_HER_BEFORE.search(text, max(0, left - 5), left)) is not None:
        if text[right : right + 1] == "," or doc.after(right) is holder:
            whose = doc.last_person(pronoun.start(), "she" if pronoun.group(1) == "er" else "he")
    elif (poss := _POSSESSIVE.search(text, max(0, left - 4), left)) is not None:
        whose = doc.before(poss.start())
    if whose is None or whose.label != "PERSON" or whose.entity == holder.entity:
        return None
    if whose.start < holder.end and whose.end > holder.start:
        return None
    return whose.entity


# A part of an organisation after a title, by its owner: " of the union's Northstar unit".
_OWNERS_PART = regexes.compile(r"[ \t]+of[ \t]+(?:the|its|their)[ \t]+[a-z]+['’]s[ \t]+")
_PART_WORD = regexes.compile(
    r"[ \t]+(?P<part>unit|branch|division|subsidiary|arm|section|chapter|wing|local|office)\b"
)


def _part_after(doc: _Text, right: int) -> tuple[str, int] | None:
    """The part of an organisation a title ending at `right` is of, named after its owner:
    "chairman of the union's Northstar unit" is of the Northstar unit; (of, where it ends)."""
    link = _OWNERS_PART.match(doc.text, right)
    named = doc.by_start.get(link.end()) if link is not None else None
    if named is None:
        return None
    part = _PART_WORD.match(doc.text, named.end)
    if part is not None:  # the name as written: a part's name, whatever it was read as
        return f"{' '.join(named.text.split())} {part.group('part')}", part.end()
    return (named.entity, named.end) if named.label == "ORG" else None


# A phrase set off by commas between a name and its title: "Meral Tun, the first woman in
# the cabinet, health minister, said".
_ASIDE_BEFORE_TITLE = regexes.compile(
    r",[ \t]*(?:the|an?)[ \t]+[a-z][^,;:.\"“”()]{2,50},[ \t]*(?:(?:the|a|an)[ \t]+)?$"
)


def _aside_before_title(doc: _Text, left: int, right: int) -> re.Match | None:
    """The aside between a person and a title set off after it, if no name is in it."""
    if _SET_OFF_END.match(doc.text, right) is None:
        return None
    aside = _ASIDE_BEFORE_TITLE.search(doc.text, max(0, left - 64), left)
    if aside is None or any(
        m.label == "PERSON"
        for m in doc.by_sentence.get(doc.sentence_of(left), ())
        if aside.start() <= m.start < left
    ):
        return None
    return aside


# An office opening a sentence, joined by "and" to the title before a name: "Chairman and
# chief executive Leonard Hal said" (the capitalised first word is no mention).
_OPENING_TITLE_AND = regexes.compile(r"([A-Z][a-z]+)[ \t]+and[ \t]+$")


def _opening_title_and(
    doc: _Text, left: int, person: Mention, of: str | None, end: int, seen: set[tuple]
) -> list[Fact]:
    """The office that opens the sentence before "and" and a title at `left` is the holder's
    too: "Chairman and chief executive Leonard Hal said" (the capitalised first word is no
    mention); [] where none does."""
    if not doc.text.endswith("and ", max(0, left - 4), left):
        return []
    found = _OPENING_TITLE_AND.search(doc.text, max(0, left - 24), left)
    if found is None or found.start(1) != doc.sentence_span(doc.sentence_of(left))[0]:
        return []
    word = found.group(1)
    if word not in gazetteer.titles()[0] or doc.by_start.get(found.start(1)) is not None:
        return []
    key = (person.entity, word, of, None)
    if key in seen:
        return []
    seen.add(key)
    return [_fact(doc, "title", person.entity, word, found.start(1), end, of=of)]


def _holder_before(doc: _Text, left: int, right: int) -> tuple[Mention | None, bool]:
    """Who holds a title set off after their name, and whether it is a post they held before:
    "X, the committee chairman", "X, who is also OPEC president", "X, a former central bank
    governor" (former), "X, the first woman in the cabinet, health minister,"."""
    text = doc.text
    gap = (
        _BEFORE_TITLE.search(text, max(0, left - 40), left)
        or _WHO_IS_BEFORE.search(text, max(0, left - 30), left)
        or _set_off_before_owner(doc, left)
    )
    person = doc.before(gap.start()) if gap else None
    if (person is None or person.label != "PERSON") and (
        aside := _aside_before_title(doc, left, right)
    ) is not None:
        person = doc.before(aside.start())
    if person is None or person.label != "PERSON":
        return None, False
    return person, gap is not None and _FORMER_IN_GAP.search(gap.group()) is not None


def _owner_set_off_before(doc: _Text, left: int) -> str | None:
    """Whose a title is by the words set off before it: "Bolivia's delegate, Deputy Mines
    Minister X", "the Workers Party, whose leader X"."""
    text = doc.text
    if text.find(",", max(0, left - 3), left) >= 0:
        return _owner_of_role_before(doc, left)
    if text.find("whose", max(0, left - 8), left) >= 0:
        return _owner_before_whose(doc, left)
    return None


_WHOSE_BEFORE = regexes.compile(r"(?:[ \t]*,)?[ \t]*whose[ \t]+$")


def _owner_before_whose(doc: _Text, left: int) -> str | None:
    """The organisation named before "whose" and a title: "the Workers Party, whose leader
    Luiz da Silva" (its leader), "The union, whose general secretary X" (the union named
    before)."""
    whose = _WHOSE_BEFORE.search(doc.text, max(0, left - 12), left)
    if whose is None:
        return None
    owner = doc.before(whose.start())
    if owner is not None:
        return owner.entity if owner.label in _PARTY else None
    return _whose(doc, whose.start())


#: Capitalised words before a title that are nobody's: "Defending champion X", "Local
#: councillor X" opening a sentence.
_NO_OWNER_WORDS = frozenset("Defending Reigning Local Outgoing Incoming Backbench".split())
_FOR_AT = regexes.compile(r"[ \t]+for[ \t]+")


def _seat_for(
    doc: _Text, t: Mention, name: str, of: str | None, right: int
) -> tuple[str | None, int]:
    """The constituency of a seat held for a party: "Labour MP for West Ham" (the party's,
    for West Ham), and where the title's words end ("for Orkney and Shetland, X")."""
    seat = _constituency(doc, t.end) if name in SEATS and of is not None else None
    if seat is not None and (last := doc.by_end.get(right)) is not None:
        more = _constituency_more(doc, last)
        right = more.end if more is not None else right
    return seat, right


def _constituency(doc: _Text, pos: int) -> str | None:
    """The constituency named after a seat ending at `pos`: "Labour MP for West Ham", "for
    Hornsey and Wood Green"."""
    link = _FOR_AT.match(doc.text, pos)
    place = doc.by_start.get(link.end()) if link is not None else None
    if place is None or place.label not in _SEAT_PLACES:
        return None
    more = _constituency_more(doc, place)
    if more is not None:
        return _SPACES.sub(" ", doc.text[place.start : more.end])
    return place.entity


def _constituency_more(doc: _Text, place: Mention) -> Mention | None:
    """The second place of a constituency named for two: "Hornsey and Wood Green", "Orkney
    and Shetland, Alistair Rae" (an unknown name read as a person's before the holder's)."""
    joined = _PARTNERS_AND.match(doc.text, place.end)
    more = doc.by_start.get(joined.end()) if joined is not None else None
    if more is None:
        return None
    if more.label in _SEAT_PLACES:
        return more
    after = doc.after(more.end, _GAP_COMMA) if doc.text.startswith(",", more.end) else None
    if more.label == "PERSON" and after is not None and after.label == "PERSON":
        return more
    return None


_SEAT_PLACES = frozenset({"GPE", "LOC", "ORG"})


def _party_seat(name: str) -> tuple[str, str | None]:
    """A seat read with its party as one title is the seat, of the party: "Labour MP" is an
    MP of Labour (the recognizer reads "Labour" as a portfolio's word, as in "Labour
    Minister"); (the title, its party or None). "Local Councillor" is a councillor."""
    party, _, seat = name.rpartition(" ")
    if not party or seat not in SEATS:
        return name, None
    if party in _NO_OWNER_WORDS:
        return seat, None
    found = gazetteer_label(party.split())
    if found is None or found[0] not in ("NORP", "ORG"):
        return name, None
    return seat, found[1]


def _set_off_before_owner(doc: _Text, left: int) -> re.Match | None:
    """The comma that sets off a title after a person's possessive, before the name of whoever
    holds it: "Sir Bernard Ingham, Margaret Thatcher's former press secretary, said"."""
    poss = _POSSESSIVE_RANKED.search(doc.text, max(0, left - 24), left)
    owner = doc.before(poss.start()) if poss is not None else None
    if owner is None or owner.label != "PERSON":
        return None
    return _SET_OFF_BEFORE_OWNER.search(doc.text, max(0, owner.start - 12), owner.start)


_SET_OFF_BEFORE_OWNER = regexes.compile(
    r",[ \t]*(?:(?:the|a|an|now|then)[ \t]+)?(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady)\.?[ \t]+)?$"
)


def _title_links(
    doc: _Text, right: int, of: str | None, at: bool = True
) -> tuple[str | None, str | None, int]:
    """Whom a title ending at `right` is of and to: "ambassador of Iran to Russia", "Minister
    of Defence"; (of, to, where the title's words end). Not "at" a place when `at` is false
    (the title's owner given before it: "the union's chief negotiator at Ford")."""
    to = None
    for _ in range(2):
        link = _TITLE_LINK.match(doc.text, right)
        if link is None:
            break
        target = doc.by_start.get(link.end())
        if link.group(1) != "to" and (named := _org_past_kind(doc, link.end())) is not None:
            target = named  # "manager of the Dutch salvage company Smit Tak": the company's
        if target is None or not (
            target.label in _PARTY
            # "analyst at Energy Merchant": where an analyst works, though the name reads as a
            # person's (as `_affiliations` reads it)
            or (target.label == "PERSON" and link.group(1) == "at" and " " in target.text)
        ):
            break
        if link.group(1) == "to":
            to = target.entity
        elif of is None and (at or link.group(1) not in ("at", "with")):
            of = target.entity
        right = target.end
    return of, to, right


# The kind of an organisation before its name: "the Dutch salvage company Smit Tak", "research
# firm CCS Insight", "the venture firm Vision Plus", "the white-collar union Unionen".
_KIND_THEN_NAME = regexes.compile(
    r"(?:[A-Z][a-z][\w'’-]*[ \t]+)?(?:[a-z][\w-]*[ \t]+){0,2}?"
    r"(?:firm|company|group|consultancy|bank|agency|fund|institute|charity|organi[sz]ation"
    r"|house|body|think[ \t]+tank|union|party|association|federation|council|movement"
    r"|alliance|regulator|watchdog|brokers?|brokerage|shipbrokers?|insurer|lender|airline"
    r"|carrier|newspaper|magazine|broadcaster|network|university|trust|foundation|club)"
    r"[ \t]+(?=[A-Z])"
)


def _org_past_kind(doc: _Text, pos: int) -> Mention | None:
    """The organisation named at `pos` after the words that say what it is, if any."""
    kind = _KIND_THEN_NAME.match(doc.text, pos)
    org = doc.by_start.get(kind.end()) if kind is not None else None
    return org if org is not None and org.label == "ORG" else None


#: Titles held "to" whom they serve: "adviser to the Foreign Ministry" is the ministry's.
_ADVISERS = frozenset({"Adviser", "Advisor", "Aide", "Counsel", "Consultant"})
_AT_OR_WITH_AFTER = regexes.compile(r"[ \t]+(?:at|with)[ \t]+(?:the[ \t]+)?")


def _org_after_name(doc: _Text, person: Mention) -> Mention | None:
    """The organisation (or country) named right after the holder of a title before a name:
    "Analyst X of Gabelli and Co", "economist X at Chase", "Senator Sam Nunn of Georgia",
    "Bishop Paride Taban of Torit"."""
    text = doc.text
    link = _OF_AFTER.match(text, person.end)
    if link is not None:
        org = doc.by_start.get(link.end())  # not "of the Swiss research group MiraLab"
        return org if org is not None and org.label in ("ORG", "GPE", "LOC") else None
    link = _AT_OR_WITH_AFTER.match(text, person.end)
    org = doc.by_start.get(link.end()) if link is not None else None
    return org if org is not None and org.label == "ORG" else None


def _with_field(doc: _Text, name: str, right: int) -> tuple[str, int]:
    """A title and where it ends, past the field in lower case after it: "vice president of
    finance at Acme Corp" is the whole title, then its organisation; "senior vice president
    for finance at Acme Corp" is the title, past its brief."""
    text = doc.text
    field = _FIELD_AFTER.match(text, right)
    named = _FIELD_THEN_NAME.match(text, right) if field is None else None
    if (
        named is not None
        and (named.group(1) not in _NOT_FIELD or named.group(1) == "state")
        # "the head of chairman X": no field; but "director of science X" has one
        and (named.group(1) not in _ROLE_NOUNS or named.group(1).capitalize() in _PORTFOLIO_WORDS)
        and (holder := doc.by_start.get(named.end())) is not None
        and holder.label == "PERSON"  # not "president of manufacturer Toshiba"
    ):
        # "secretary of state George Shultz": a field of one word, then the holder's name
        return f"{name} of {named.group(1).capitalize()}", named.end(1)
    if field is None or _NOT_FIELD.intersection(field.group(2).split()):
        return name, right
    if field.group(1) == "of":
        name = f"{name} of {_title_case(field.group(2))}"
    elif name.rpartition(" ")[2] in _OFFICES_FOR:
        name = f"{name} for {_title_case(field.group(2))}"  # "minister for overseas development"
    return name, field.end()


#: Offices whose brief after "for" is their name: "Minister for Europe", not "vice president for
#: finance".
_OFFICES_FOR = frozenset({"Minister", "Secretary", "Commissioner"})


def _praise(doc: _Text, prefix: Mention) -> bool:
    """Whether a name before a title ends in a word of praise, no organisation: "the
    Oscar-winning director"."""
    return _LOWER_COMPOUND_END.search(doc.text, prefix.start, prefix.end) is not None


def _title_holder(
    doc: _Text, t: Mention, left: int, right: int, of: str | None, carried_of: dict[int, str]
) -> tuple[Mention | None, str | None, int]:
    """Who holds the title `t` read from `left` to `right`, what it is of, and where it ends."""
    person = _named_after_title(doc, right)
    of = carried_of.get(t.start) if of is None else of
    if person is None and (person := _named_further(doc, left, right, of, carried_of)):
        aside = _SET_OFF_BEFORE.search(doc.text, max(0, person.start - 4), person.start)
        org = _before_ticker(doc, aside.start()) if aside is not None and of is None else None
        if org is not None and org.start >= right and org.label in _PARTY:
            of = org.entity  # "A spokesman for the pilots' union SEPLA, Ramon Vidal"
    if person is None and right > t.end:
        # "The president of the Italian football federation, Federico Sordillo": the
        # nationality opened the organisation's words, it is not what the title is of
        person = _named_further(doc, left, t.end, None, carried_of)
        if person is not None:
            return person, None, t.end
    if (
        person is not None
        and person.label == "PERSON"
        and doc.text[person.end : person.end + 1].isspace()
    ):
        firm = doc.by_start.get(person.end + 1)
        if firm is not None and firm.label == "ORG":
            return None, of, right  # "fund manager Matrix Asset Advisors": one firm's name
    return person, of, right


def _named_further(
    doc: _Text, left: int, right: int, of: str | None, carried_of: dict[int, str]
) -> Mention | None:
    """The person a title from `left` to `right` is held by when no name comes right after
    it: past a phrase of what it is of, to a name set off by commas ("The general secretary
    of the transport union, Karel Boeckx, said", "A spokesman for the port employers, Marc
    Dierckx, said"), or past a second title joined by "and" ("Texaco chairman and chief
    executive officer James Kinnear": both his, the second of Texaco too, in `carried_of`)."""
    text = doc.text
    set_off = _SET_OFF_BEFORE.search(text, max(0, left - 8), left) is not None
    if not set_off and (plain := _OF_LOWER_THEN_NAME.match(text, right)) is not None:
        # not an aside's: "X, director of civil rights group Liberty"
        named = doc.by_start.get(plain.end())
        if named is not None and named.label == "PERSON":
            return named
    if (aside := _OF_WHAT_THEN_NAME.match(text, right)) is not None:
        named = _named_after_title(doc, aside.end())
        if (
            named is not None
            and named.label == "PERSON"
            and _SET_OFF_END.match(text, named.end) is not None
            and _A_OR_THE_BEFORE.search(text, max(0, left - 5), left) is not None
        ):
            return named
    if (both := _AND_TITLE_AT.match(text, right)) is not None:
        second = doc.by_start.get(both.end())
        if second is not None and second.label == "TITLE":
            holder = _named_after_title(doc, second.end)
            if holder is not None and holder.label == "PERSON":
                if of is not None:
                    carried_of[second.start] = of
                return holder
    return None


# The rest of a title in lower case, up to its organisation or the end of the aside: "vice
# president of finance at Acme Corp", "head of emerging technologies,".
_FIELD_AFTER = regexes.compile(
    r"[ \t]+(of|for)[ \t]+([a-z][\w-]*(?:[ \t]+(?:and[ \t]+)?(?!(?:now|then|also)\b)[a-z][\w-]*){0,2})"
    r"(?=[ \t]*(?:[,.;:)]|$)|[ \t]+(?:at|with|in|for|of|said|says|told|now|then)[ \t])"
)
_FIELD_THEN_NAME = regexes.compile(r"[ \t]+of[ \t]+([a-z]+)[ \t]+(?=[A-Z][a-z]+[ \t]+[A-Z][a-z])")
_NOT_FIELD = frozenset(
    "the a an its his her their our this that these those all both each state".split()
    # "president for two years", "chairman for life": how long, not a field
    + "one two three four five six seven eight nine ten many several some life years year"
    " months weeks days decades now".split()
)
# The words of a portfolio that comes before a title: "Justice and Home Affairs Commissioner".
# The shared list (data/portfolio_words.txt) and this reading's own, a commissioner's
# portfolios among them ("External Relations", "Internal Market"): safe here, where every
# word of the name must be one. Not names/spans.py's "Shadow" ("Shadow Treasury" stays the
# organisation of its "Chief Secretary").
_PORTFOLIO_WORDS = PORTFOLIO_WORDS | frozenset(
    "Public Works Water Sport Youth Family Children Veterans Cooperation Reconstruction "
    "Universities Schools Skills Pensions Disabilities Cities "
    "External Relations Monetary Competition Labour Labor Enlargement Budget Internal Market "
    "Research Regional Policy Social Consumer Protection Taxation Customs Security "
    "Humanitarian Aid Administrative Communication Commerce Tourism Planning Digital "
    "Information Telecommunications Women Equality Local Government Oil Petroleum Mines "
    "Minerals Mining Economy Power Water Communications Aviation Shipping Forestry Food "
    "Primary Industries Resources Plantation Commodities".split()
)
_ACRONYM = regexes.compile(r"[A-Z]{2,5}")


def _portfolio(name: str) -> tuple[str | None, str | None]:
    """A name before a title read as (organisation, portfolio): "EC External Relations" ->
    ("EC", "External Relations"), "Egyptian Petroleum" -> ("Egypt", "Petroleum"), "Justice
    and Home Affairs" -> (None, "Justice and Home Affairs"); (None, None) when it is no
    portfolio ("Acme Corp", "Finance Ministry")."""
    words = name.split()
    head = words[0] if len(words) > 1 and _ACRONYM.fullmatch(words[0]) else None
    if len(words) > 1 and (country := gazetteer.demonyms().get(words[0])) is not None:
        head = country  # "Egyptian Petroleum" (Minister): the country's
    rest = words[1:] if head else words
    if rest and rest[0] != "and" and rest[-1] != "and" and all(w in _PORTFOLIO_WORDS for w in rest):
        return head, " ".join(rest)
    return None, None


def _title_case(words: str) -> str:
    return " ".join(w if w in ("and", "of") else w.capitalize() for w in words.split())


# A title in the plural before the names of those who hold it: "Finance ministers James Baker
# and Kiichi Miyazawa", "foreign ministers Shultz, Genscher and Howe".
_PLURAL_TITLE = regexes.compile(
    r"(?<![\w-])(?P<head>ministers|secretaries|governors|ambassadors|chairmen|presidents"
    r"|senators|spokesmen)[ \t]+(?=[A-Z])"
)
# Up to two words before the plural: "Finance", "EC farm".
_WORDS_BEFORE = regexes.compile(r"(?:[A-Za-z]+[ \t]+){1,2}$")
_PLURAL_HEADS = {
    "ministers": "Minister",
    "secretaries": "Secretary",
    "governors": "Governor",
    "ambassadors": "Ambassador",
    "chairmen": "Chairman",
    "presidents": "President",
    "senators": "Senator",
    "spokesmen": "Spokesman",
}
_NEXT_IN_LIST = regexes.compile(r"[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+")


def _plural_titles(doc: _Text, seen: set[tuple]) -> list[Fact]:
    """Each person listed after a title in the plural holds it: "Finance ministers Baker and
    Miyazawa" are both Finance Minister; the portfolio before it is the title's, any other
    word is not ("the two ministers")."""
    text = doc.text
    facts: list[Fact] = []
    if not any(head in text for head in _PLURAL_HEADS):
        return facts
    for found in _PLURAL_TITLE.finditer(text):
        what = _WORDS_BEFORE.search(text, max(0, found.start() - 40), found.start())
        words = what.group().split() if what is not None else []
        words = [w.capitalize() for w in words if w.capitalize() in _PORTFOLIO_WORDS]
        title = " ".join([*words, _PLURAL_HEADS[found.group("head")]])
        people: list[Mention] = []
        pos = found.end()
        while (m := doc.by_start.get(pos)) is not None and _listed_holder(m):
            people.append(m)
            link = _NEXT_IN_LIST.match(text, m.end)
            if link is None:
                break
            pos = link.end()
        if len(people) < 2 or all(p.label == "GPE" for p in people):
            continue  # "ministers Baker": one name after a plural is no list of holders
        for p in people:
            key = (p.entity, title, None, None)
            if key not in seen:
                seen.add(key)
                facts.append(_fact(doc, "title", p.entity, title, found.start(), p.end))
    return facts


def _listed_holder(m: Mention) -> bool:
    """A name listed after a title in the plural is a person's: one read as a lone unknown
    organisation or place is a surname the story gives alone ("Finance ministers Baker and
    Miyazawa", "Trade ministers Yeutter and Tamura", a town's name too)."""
    if m.label == "PERSON":
        return True
    name = m.entity
    return (
        m.label in ("ORG", "GPE")
        and name.isalpha()
        and not name.isupper()
        and name not in gazetteer.known_orgs()
        and name not in gazetteer.org_aliases()
    )


# "X, who chairs the BMA's Welsh council": a verb of the office X holds.
_WHO_HEADS = regexes.compile(
    r",[ \t]*who[ \t]+(?:also[ \t]+|now[ \t]+)?(?P<verb>heads|headed|chairs|chaired|runs|ran"
    r"|leads|led|coaches|coached)[ \t]+(?:the[ \t]+)?"
)
_OFFICE_OF_VERB = {
    verb: office
    for office, verbs in (
        ("Head", "heads headed runs ran"),
        ("Chair", "chairs chaired"),
        ("Leader", "leads led"),
        ("Coach", "coaches coached"),
    )
    for verb in verbs.split()
}
#: Verbs of an office whose object is an organisation, never a country ("who led Britain to
#: victory", "who runs the country" are no offices).
_OF_AN_ORG_ONLY = frozenset({"runs", "ran", "leads", "led"})
# After the organisation, up to the aside's end: what of it ("the BMA's Welsh council", "the
# Derby supporters' trust"); not a phrase of where or when ("Acme in Paris").
_WHOSE_PART = regexes.compile(
    r"(?:['’]s)?(?:[ \t]+(?!(?:in|at|for|with|since|from|to|and|of|on|until|when|after|before"
    r"|since|which|who|that|but)\b)[A-Za-z][\w-]*['’]?){1,3}(?=[ \t]*[,.;])"
)

# A body named in lower case, up to the aside's end: "the hospital trust's ethics committee".
_BODY_IN_LOWER_CASE = regexes.compile(
    r"(?:[a-z][\w-]*(?:['’]s?)?[ \t]+){0,4}(?:committee|council|board|trust|union|team|club"
    r"|party|company|firm|group|department|panel|commission|inquiry|federation|association"
    r"|society|side|squad|agency|authority|office|unit)(?=[ \t]*[,.;])"
)


def _who_heads(doc: _Text, seen: set[tuple]) -> list[Fact]:
    """ "X, who heads the Federal Aviation Administration, said": X is its head; so "who
    chairs" (Chair), "who runs" (Head), "who leads" (Leader), "who coaches" (Coach); in the
    past ("who headed") a former one. Of "the BMA's Welsh council": that council."""
    facts: list[Fact] = []
    text = doc.text
    if "who " not in text:
        return facts
    for found in _WHO_HEADS.finditer(text):
        person = doc.before(found.start())
        org = doc.by_start.get(found.end())
        verb = found.group("verb")
        if person is None or person.label != "PERSON":
            continue
        if org is None:
            # "who chairs the hospital trust's ethics committee": a body in lower case
            body = _BODY_IN_LOWER_CASE.match(text, found.end())
            if body is None:
                continue
            of, end = None, body.end()
        elif org.label not in _PARTY or (verb in _OF_AN_ORG_ONLY and org.label != "ORG"):
            continue
        else:
            of, end = org.entity, org.end
            if (part := _WHOSE_PART.match(text, end)) is not None:
                of, end = " ".join(text[org.start : part.end()].split()), part.end()
        office = _OFFICE_OF_VERB[verb]
        former = (verb.endswith("ed") or verb == "ran") or None
        key = (person.entity, office, of, None)
        if key not in seen:
            seen.add(key)
            facts.append(
                _fact(doc, "title", person.entity, office, person.start, end, of=of, former=former)
            )
    return facts


# "the member for Arfon": a seat in lower case, for its constituency.
_MEMBER_FOR = regexes.compile(r"(?<![\w-])member[ \t]+for[ \t]+")
_SET_OFF_PERSON_BEFORE = regexes.compile(r"[ \t]*,[ \t]*(?:(?:the|a)[ \t]+)?$")
_THE_BEFORE = regexes.compile(r"(?<![\w-])[Tt]he[ \t]+$")


def _members_for(doc: _Text, seen: set[tuple]) -> list[Fact]:
    """ "The member for Arfon, Sian Pryce, said", "Sian Pryce, the Labour member for Arfon,":
    a Member, of the party named before the seat (else of the constituency), set off from
    the name by commas."""
    text = doc.text
    facts: list[Fact] = []
    if "member for" not in text:
        return facts
    for found in _MEMBER_FOR.finditer(text):
        place = doc.by_start.get(found.end())
        if place is None or place.label not in _SEAT_PLACES:
            continue
        party = doc.before(found.start())
        start = found.start()
        if party is not None and party.label in ("NORP", "ORG"):
            start = party.start
        else:
            party = None
        person = doc.after(place.end, _GAP_COMMA) if text.startswith(",", place.end) else None
        if person is not None and person.label == "PERSON":
            if _THE_BEFORE.search(text, max(0, start - 4), start) is None:
                continue  # "The member for Arfon, X": the one set off after it
        else:
            aside = _SET_OFF_PERSON_BEFORE.search(text, max(0, start - 8), start)
            person = doc.before(aside.start()) if aside is not None else None
            if person is None or person.label != "PERSON":
                continue
        of = party.entity if party is not None else place.entity
        seat = place.entity if party is not None else None
        key = (person.entity, "Member", of, None)
        if key in seen:
            continue
        seen.add(key)
        lo, hi = min(person.start, start), max(person.end, place.end)
        facts.append(_fact(doc, "title", person.entity, "Member", lo, hi, of=of, constituency=seat))
    return facts


_DOCTOR_BEFORE = regexes.compile(r"(?<![\w.])Dr\.?[ \t]+$")


def _doctors(doc: _Text, seen: set[tuple]) -> list[Fact]:
    """ "Dr Anne Quarrie", "Dr. Colin Amery", "Dr Fox" (Liam Fox): the honorific is a title,
    Doctor, of one the story names in full."""
    text = doc.text
    facts: list[Fact] = []
    if "Dr" not in text:
        return facts
    one_name: set[str] | None = None
    for p in doc.persons:
        if text.find("Dr", max(0, p.start - 5), p.start) < 0:
            continue
        dr = _DOCTOR_BEFORE.search(text, max(0, p.start - 5), p.start)
        if dr is None or (p.entity, "Doctor", None, None) in seen:
            continue
        if " " not in p.entity:
            if one_name is None:
                one_name = _known_without_dr(doc, seen)
            if p.entity not in one_name:
                continue  # "Dr Dre", "Dr Seuss", "Dr Pepper": a name, not a doctor's
        seen.add((p.entity, "Doctor", None, None))
        facts.append(_fact(doc, "title", p.entity, "Doctor", dr.start(), p.end))
    return facts


def _known_without_dr(doc: _Text, seen: set[tuple]) -> set[str]:
    """The people of one name the story also writes without "Dr" ("Mr Subroto", "Subroto
    said") or gives a post of some organisation or country ("Indonesia's oil minister"): a
    doctor's name then, not a stage name like "Dr Dre"."""
    text = doc.text
    known = {key[0] for key in seen if key[2] is not None}
    for p in doc.persons:
        if " " not in p.entity and not _DOCTOR_BEFORE.search(text, max(0, p.start - 5), p.start):
            known.add(p.entity)
    return known


_ROLE_ADVERBS = (
    r"(?:(?:has|have|had|was|were|is|will|would|be|been|being|also|previously|formerly|recently"
    r"|later|now|then|currently|once|already|subsequently|earlier|since|first|elected)[ \t]+)*"
)
# After a person: how the text gives them a role, held or left. "X was named president",
# "X, 52, was previously vice president", "X, who was named chief executive in May", "X has
# resigned as chairman", "X succeeds Y as chairman", "X is also Nigeria's oil minister".
_ROLE_AFTER_PERSON = regexes.compile(
    r"(?:[ \t]*,[ \t]*(?:\d{1,3}[ \t]*,[ \t]*)?(?:who[ \t]+)?|[ \t]+)"
    + _ROLE_ADVERBS
    + r"(?P<verb>named|appointed|elected|promoted|nominated|chosen|selected|made|became|becomes"
    r"|become|been|is|was|remains|remained|served|serves|resigned|resigns|retired|retires|quit"
    r"|quits|(?:takes|took|take)[ \t]+over"
    r"|stepped[ \t]+down|steps[ \t]+down|succeeds|succeeded|replaces|replaced)\b"
    r"(?:[ \t]+(?:also|previously|formerly|once|later|now|then|currently|recently))*"
)
# Between the verb and the role: "as", "to the post of", "the", "its".
_TO_ROLE = regexes.compile(
    r"(?:[ \t]+(?:as|to[ \t]+the[ \t]+(?:post|job|position|office)[ \t]+of|to))?[ \t]+"
    r"(?:(?:the|a|an|its|their|his|her)[ \t]+)?"
)
# "Acme named Eleanor Whitby (as) president": the one named, after the verb.
_APPOINTS = regexes.compile(
    r"\b(?:named|appoints|appointed|elected|elects|promoted|names|nominated|nominates)[ \t]+"
    r"(?=[A-Z])"
)
# An aside after the one named, before the role: "named Nihat Sezer, a former central bank
# governor, as finance minister" (the aside's own title is read as any other).
_ASIDE_THEN_AS = regexes.compile(r"[ \t]*,[^,;:.\"“”()]{3,60},(?=[ \t]+as[ \t])")
_APPOINTING_STEMS = ("named", "names", "appoint", "elect", "promoted", "nominat")
# A word that makes a title of a role's head: "executive vice president".
_RANK = regexes.compile(
    r"(?:executive|senior|chief|group|first|deputy|assistant|acting|interim|managing|new"
    r"|former)[ \t]+"
)
_SUCCEEDING = regexes.compile(
    r"(?:[ \t]+(?:on|in|from|at|effective)[ \t]+[^,.;\"“”]{1,25}?)?[ \t]*,?[ \t]+"
    r"(?:succeeding|replacing|who[ \t]+succeeds)[ \t]+"
)
_LEFT = frozenset({"resigned", "resigns", "retired", "retires", "quit", "quits"})
_ROLE_LINK = regexes.compile(r"[ \t]+(?:of|at|for)[ \t]+(?:(?:the|its|their)[ \t]+)?")
# Before an appointing verb: the organisation that appoints ("Acme Corp <ACM> said it named").
_APPOINTER_GAP = regexes.compile(
    r">?(?:[ \t]*<[A-Z][A-Z0-9.&-]{0,9}>)?(?:[ \t]+(?:has|have|had|also|said|says|it|today"
    r"|yesterday|on|[A-Z][a-z]+day))*[ \t]+"
)


_UNIT = regexes.compile(r"[ \t]+(?:unit|subsidiary|division|arm|affiliate)\b")


def _role_at(doc: _Text, pos: int) -> tuple[Mention, str, str | None, int] | None:
    """The role named from `pos` ("the president of Acme", "Nigeria's oil minister",
    "executive vice president"): (its TITLE mention, its name, of whom, where it ends)."""
    text = doc.text
    of = None
    m = doc.by_start.get(pos)
    if m is not None and m.label in _PARTY:
        poss = _possessive_end(text, m)
        if poss is None and m.label != "NORP":
            return None
        of, pos = m.entity, poss if poss is not None else m.end + 1
        m = doc.by_start.get(pos)
    rank = _RANK.match(text, pos)
    if m is None and rank is not None:
        m = doc.by_start.get(rank.end())
    if m is None or m.label != "TITLE":
        return None
    after = text[m.end : m.end + 2]
    if after in ("'s", "’s") or doc.after(m.end) is not None:
        return None  # "was President Reagan's aide": the title is someone else's
    name = m.entity
    if rank is not None and m.start == rank.end():
        name = f"{rank.group().strip().capitalize()} {name}"
    end = m.end
    link = _ROLE_LINK.match(text, end)
    target = doc.by_start.get(link.end()) if link is not None else None
    if (
        target is not None
        and target.label in _PARTY
        and of is None
        # "of the Commons public accounts committee": a part of it, not the body itself
        and (not _MODIFIER_AFTER.match(text, target.end) or _UNIT.match(text, target.end))
    ):
        of, end = target.entity, target.end
    return m, name, of, end


def _appointments(doc: _Text, seen: set[tuple]) -> list[Fact]:
    """Roles given, held or left in so many words: "Acme named X (as) president, succeeding
    Y", "X was elected chairman of Y", "X succeeds Y as chairman", "X has resigned as
    chairman" (a role left, or Y's before X, is `former`)."""
    text = doc.text
    facts: list[Fact] = []
    held = {(f.subject, f.object) for f in doc.title_facts}

    def add(person: Mention, role, start: int, former: bool) -> None:
        t, name, of, end = role
        if (person.entity, name) in held:
            return
        held.add((person.entity, name))
        seen.add((person.entity, name, of, None))
        doc.holders.setdefault((name.lower(), of), person.entity)
        lo, hi = min(start, t.start, person.start), max(end, person.end)  # all its evidence
        facts.append(_fact(doc, "title", person.entity, name, lo, hi, of=of, former=former or None))

    appoints = any(word in text for word in _APPOINTING_STEMS)  # a memchr each, not a scan
    for a in _APPOINTS.finditer(text) if appoints else ():
        person = doc.by_start.get(a.end())
        if person is None or person.label != "PERSON":
            continue
        aside = _ASIDE_THEN_AS.match(text, person.end)  # "X, a former governor, as minister"
        gap = _TO_ROLE.match(text, aside.end() if aside is not None else person.end)
        role = _role_at(doc, gap.end()) if gap is not None else None
        if role is None:
            continue
        i = bisect.bisect_left(doc.mention_starts, a.start()) - 1
        before = doc.mentions[i] if i >= 0 else None
        if (
            role[2] is None
            and before is not None
            and before.label == "ORG"
            and _APPOINTER_GAP.fullmatch(text, before.end, a.start())
        ):
            role = (role[0], role[1], before.entity, role[3])
        add(person, role, person.start, False)
        more = _and_role(doc, role)
        if more is not None:
            add(person, more, person.start, False)
        _predecessor(doc, (more or role)[3], role, add)
    for p in doc.persons:
        verb = _ROLE_AFTER_PERSON.match(text, p.end)
        if verb is None:
            continue
        pos = verb.end()
        other = None
        if verb.group("verb").startswith(("succeed", "replace")):
            other = doc.after(pos)  # "X succeeds Y as chairman"
            if other is None or other.label != "PERSON":
                continue
            pos = other.end
            if not text.startswith(" as ", pos):
                continue
        gap = _TO_ROLE.match(text, pos)
        role = _role_at(doc, gap.end()) if gap is not None else None
        if role is None:
            continue
        former = (
            verb.group("verb") in _LEFT
            or verb.group("verb").startswith("stepped")
            or bool(_FORMERLY.search(verb.group()))
        )
        add(p, role, p.start, former)
        more = _and_role(doc, role)
        if more is not None:
            add(p, more, p.start, former)
        if other is not None:
            add(other, role, p.start, True)
        elif not former:
            _predecessor(doc, (more or role)[3], role, add)
    return facts


def _predecessor(doc: _Text, pos: int, role, add) -> None:
    """ "..., succeeding John Marsh": the one succeeded held the role before."""
    succeeding = _SUCCEEDING.match(doc.text, pos)
    before_them = doc.by_start.get(succeeding.end()) if succeeding is not None else None
    if before_them is not None and before_them.label == "PERSON":
        add(before_them, role, before_them.start, True)


def _and_role(doc: _Text, role: tuple[Mention, str, str | None, int]):
    """A second role joined to the first: "president and chief executive officer"."""
    follows = _AND_ROLE.match(doc.text, role[3])
    more = _role_at(doc, follows.end()) if follows is not None else None
    return (more[0], more[1], more[2] or role[2], more[3]) if more is not None else None


_AND_ROLE = regexes.compile(r"[ \t]*(?:,|and|,[ \t]*and)[ \t]+")
_FORMERLY = regexes.compile(r"\b(?:previously|formerly|once)\b")


# "X, an analyst with Y", "X, chief financial officer of Y", "X, a spokesman for Y".
_ROLE_AFTER = regexes.compile(
    r"[ \t]*,[ \t]*(?:(?:now|then|also|still|formerly|currently)[ \t]+)?(?:(?:an?|the|its)[ \t]+)?"
    r"(?P<role>(?:[a-z][a-z-]*[ \t]+){0,3}?[a-z][a-z-]*)"
    r"[ \t]+(?:with|of|for|at)[ \t]+(?:the[ \t]+)?"
    # "a partner at the accountancy firm of Hart and Lowe", "at investment bank X"
    r"(?:(?:[a-z]+[ \t]+)?(?:firm|bank|house|practice)[ \t]+(?P<partners>of[ \t]+)?(?=[A-Z]))?"
)
_WITH_OR_AT = regexes.compile(r"[ \t]+(?:with|at)[ \t]")
# "X of Y said": a person of an organisation, or an organisation of a place.
_OF_AFTER = regexes.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?")
# The ticker after a company's name: "Acme Corp <ACM>".
_TICKER_AFTER = regexes.compile(r"[ \t]*<[A-Z][A-Z0-9.&-]{0,9}>")
# A ticker or a bracketed acronym before a title or a verb: "Acme Corp <ACM>, said", "the
# Brazilian Coffee Institute (IBC), told reporters", "Citicorp <CCI> Chairman".
_TICKER_BEFORE = regexes.compile(
    r"[ \t]*(?:<[A-Z][A-Z0-9.&-]{0,9}>|\([A-Z][A-Za-z0-9.&-]{1,9}\))[ \t]*,?[ \t]*$"
)


def _affiliations(doc: _Text) -> list[Fact]:
    """Who works for which organisation: "X of Y", "X, an analyst with Y", "X, president of
    Y", "Y's chairman X". Where X then speaks ("X of Y said"), X is the speaker, not Y; an
    organisation "of" a place ("Hoechst AG of West Germany said") speaks for itself."""
    text = doc.text
    facts: list[Fact] = []
    seen: set[tuple[str, str]] = set()
    orgs = {m.entity for m in doc.mentions if m.label == "ORG"}
    # the titles read already: "X, senior technology consultant for Sophos" is read once
    held = {(t.subject, t.object, t.qualifiers.get("of")) for t in doc.title_facts}
    for t in doc.title_facts:
        of = t.qualifiers.get("of")
        if of in orgs and (t.subject, of) not in seen:
            seen.add((t.subject, of))
            facts.append(
                _fact(doc, "affiliated_with", t.subject, of, t.start, t.end, title=t.object)
            )
    for m in doc.mentions:
        if m.label == "ORG":
            link = _OF_AFTER.match(text, m.end)
            place = doc.by_start.get(link.end()) if link else None
            if place is not None and place.label in ("GPE", "LOC"):
                doc.appositives.setdefault(place.end, (m.entity, m.start))
            continue
        if m.label != "PERSON":
            continue
        role = former = None
        link = _OF_AFTER.match(text, m.end)
        org = doc.by_start.get(link.end()) if link else None
        if org is None or org.label != "ORG" or (" " not in m.text and " " not in org.text):
            # "Shaun of the Dead": one word "of" another is a title, not an affiliation
            link = _ROLE_AFTER.match(text, m.end)
            if link is None:
                continue
            words = link.group("role").split()
            if words[-1] not in _ROLES or any(w in _NOT_ROLE for w in words):
                continue
            org = doc.by_start.get(link.end())
            if org is None or org.label != "ORG":
                org = _org_past_kind(doc, link.end()) or org  # "at research firm CCS Insight"
            if (
                org is not None
                and (org.label != "ORG" or link.group("partners"))  # "the law firm of X and Y"
                and _WITH_OR_AT.search(text, link.end("role"), link.end())
            ):
                org = _firm_of_partners(doc, org) or org
            if org is None or not (
                org.label == "ORG"
                or (
                    # "an analyst with Petroleum Intelligence Weekly": where an analyst works,
                    # though the name reads as a person's
                    org.label == "PERSON"
                    and " " in org.text
                    and _WITH_OR_AT.search(text, link.end("role"), link.end()) is not None
                )
            ):
                continue
            former = (words[0] == "former" and len(words) > 1) or None  # "a former partner at X"
            role = " ".join(
                w if w in ("and", "of") else w.capitalize() for w in words[1 if former else 0 :]
            )
        end = org.end
        ticker = _TICKER_AFTER.match(text, end)
        if ticker is not None:
            end = ticker.end()
        doc.appositives.setdefault(org.end, (m.entity, m.start))
        if (
            role is not None
            and link is not None  # the role's own match
            and (m.entity, role, org.entity) not in held
            and not any(
                x.label == "TITLE"
                for x in doc.by_sentence.get(doc.sentence_of(m.start), ())
                if link.start("role") <= x.start < link.end("role")
            )
        ):
            facts.append(
                _fact(doc, "title", m.entity, role, m.start, end, of=org.entity, former=former)
            )
        if (m.entity, org.entity) in seen:
            continue
        seen.add((m.entity, org.entity))
        facts.append(_fact(doc, "affiliated_with", m.entity, org.entity, m.start, end, title=role))
    return facts


def _firm_of_partners(doc: _Text, first: Mention) -> Mention | None:
    """The firm a trader or an analyst works at when it is named for its partners and read
    as two names: "a trader at E.D. and F. Man", "an analyst at Gill and Duffus"."""
    link = _PARTNERS_AND.match(doc.text, first.end)
    second = doc.by_start.get(link.end()) if link is not None else None
    if second is None or first.label not in _PARTNER or second.label not in _PARTNER:
        return None
    if first.label == second.label == "GPE":
        return None  # "an analyst with Paris and London": two places
    name = " ".join(doc.text[first.start : second.end].split())
    return Mention(first.start, second.end, name, "ORG", name, first.sentence)


_PARTNERS_AND = regexes.compile(r"[ \t]+(?:and|&)[ \t]+")
_PARTNER = frozenset({"PERSON", "GPE", "ORG"})


# Words that make the words before "with"/"for" a clause, not a role: "who works for".
_NOT_ROLE = frozenset("who which that is was are were has had have will would said says".split())


#: The nations whose adjective the title words take in ("Scottish Education Secretary").
_NATIONS_IN_TITLES = {"Scottish": "Scotland", "Welsh": "Wales"}


def _possessive_end(text: str, m: Mention) -> int | None:
    """Where the possessive after `m` ends ("Acme's chairman"), also of a name that ends in
    one ("McDonald's chairman", "Moody's analyst"); None when no possessive follows."""
    poss = _POSSESSIVE_AT.match(text, m.end)
    if poss is None and m.text.endswith(("'s", "’s")):
        poss = _BLANK_AT.match(text, m.end)
    return poss.end() if poss is not None else None


# A title in lower case set off before a name, read whole: "the tin buffer stock manager,
# Peter Smith,", "Its publisher, X,", "the council's cabinet member for transport, X,",
# "Greenpeace's head of oceans campaign, X,"; or run on to it at a sentence's opening or
# after "the" ("Deputy head teacher X said").
#: Offices read at the end of a title in lower case set off before a name, beyond the lists'
#: roles and occupations: "senior research fellow", "deputy head teacher".
_SET_OFF_HEADS = frozenset("fellow teacher publisher forecaster meteorologist".split())
#: Words before a title in lower case that say when or how it is held, not what it is.
_WHEN_HELD = frozenset(
    "new former then current outgoing incoming retiring retired late last previous longtime "
    "long-time long-serving veteran newly recently now also still currently formerly once".split()
)
#: Words that make the words before a name no title: a verb's, a clause's, a determiner's.
_NOT_TITLE_WORDS = frozenset(
    "a an the and or but of for to in on at by with from as is was are were be been has had "
    "have who which that this these those said says told his her their its our my your we he "
    "she they it not no also only when while after before since than under despite without "
    "like if into over about through via between against among during near being having one "
    "say claim claims believe think argue insist warn admit deny fear hope want expect urge "
    "accuse blame tell ask".split()
    + [w for w in PERSON_VERBS if w.isalpha()]
)
_TITLE_WORD = (
    # longest first, then in order: the same pattern in every process (a frozenset's order is
    # not), so that the compiled-regex cache serves it
    r"(?!(?:" + "|".join(sorted(_NOT_TITLE_WORDS, key=lambda w: (-len(w), w))) + r")\b)[a-z][a-z-]*"
)
_FIELD_WORD = _TITLE_WORD.replace("[a-z][a-z-]*", "[A-Za-z][a-z-]*")  # "head of European sales"
_LOWER_TITLE_BEFORE = regexes.compile(
    r"(?<![\w'’-])(?=[A-Za-z])(?:(?P<det>[Tt]he|[Ii]ts|[Tt]heir|(?P<owner>[A-Za-z][\w.&-]*)['’]s)"
    r"[ \t]+|(?P<cap>[A-Z][a-z-]*)[ \t]+)?"
    rf"(?P<words>(?:{_TITLE_WORD}[ \t]+){{0,4}}?{_TITLE_WORD})"
    rf"(?:[ \t]+(?P<link>of|for)[ \t]+(?P<field>(?:{_FIELD_WORD}[ \t]+){{0,2}}?{_FIELD_WORD}))?"
    r"(?P<comma>[ \t]*,)?[ \t]*$"
)
#: Words of praise or of how someone is, no office's: "the legendary singer", "its main lawyer".
_PRAISE = frozenset(
    "best main another leading legendary teenage independent young old veteran popular famous "
    "great big uncapped inspirational mercurial controversial charismatic star-studded "
    "respected renowned acclaimed celebrated notorious influential outspoken".split()
)
#: Words in "-ing" that are a title's own: "founding member", "managing editor".
_TITLE_WORDS_IN_ING = frozenset(
    "founding managing acting defending presiding reigning consulting visiting marketing "
    "engineering publishing accounting banking planning programming advertising purchasing "
    "trading training casting licensing manufacturing broadcasting nursing lending housing "
    "building mining shipping".split()
)
_ADJECTIVE_END = regexes.compile(r"(?:ed|ous|ful|less|ly|est)$|^(?:under|over|much|well|self|so)-")


def _title_word(word: str) -> bool:
    """Whether a word in lower case before an office may be the title's own ("tin", "buffer",
    "research", "deputy"), not a word of praise, of manner or a plural ("famed", "legendary",
    "referees")."""
    if word in _PRAISE or _ADJECTIVE_END.search(word):
        return False
    if word.endswith("ing"):
        return word in _TITLE_WORDS_IN_ING
    return (
        not word.endswith("s") or word in _DESK_WORDS_IN_S or word.capitalize() in _PORTFOLIO_WORDS
    )


_DESK_WORDS_IN_S = frozenset(
    "arts sports news affairs business communications economics politics operations sales "
    "games programmes features".split()
)


def _title_opener(word: str) -> bool:
    """Whether a word is one a title in lower case is made of, the lists say: "Deputy",
    "senior", "film" (not "Chelsea", "Despite", "keen": a name, a clause, a praise)."""
    low = word.lower()
    if word in gazetteer.titles()[0] and word not in gazetteer.titles()[1]:
        return False  # "Queen bassist X": the band's name, a title's word alone
    return (
        word.capitalize() in gazetteer.titles()[1]
        or low in _ROLE_NOUNS
        or low in _OCCUPATION_FIELDS
        or low in PORTFOLIO
        or low in _TITLE_WORDS_IN_ING
    )


def _office_head(word: str) -> bool:
    """Whether `word` may end a title in lower case: a role, an occupation or an office."""
    return word in _ROLE_NOUNS or word in _OCCUPATION_HEADS or word in _SET_OFF_HEADS


def _set_off_lower_title(doc: _Text, p: Mention) -> tuple[str, str | None, int, bool] | None:
    """The title in lower case before the name `p`, read whole ("Tin Buffer Stock Manager",
    "Head of Oceans Campaign"); (its name, what it is of, where it starts, whether it is one
    held before: "ex-health secretary")."""
    text = doc.text
    found = _LOWER_TITLE_BEFORE.search(text, max(0, p.start - 90), p.start)
    if found is None:
        return None
    words = found.group("words").split()
    head = words[-1]
    if not _office_head(head):
        return None
    start = found.start()
    i = bisect.bisect_left(doc.mention_starts, start)
    if any(
        m.start < p.start
        and m.label != "TITLE"
        and not _body_alone(m, start)
        and not (m.label == "NORP" and 0 <= found.start("field") <= m.start)  # "of European sales"
        for m in doc.mentions[i : i + 3]
    ):
        return None  # "Former Citicorp chairman X", "Council leader X": the title pass's
    det, cap = found.group("det"), found.group("cap")
    if cap is not None:
        if not ((_title_opener(cap) or cap in _BODIES_ALONE) and _opens_sentence(doc, start)):
            return None  # "Chelsea winger X", "Despite flanker X"
        words.insert(0, cap)
    new = False
    while len(words) > 1 and words[0].lower() in _WHEN_HELD:
        new = new or words[0].lower() == "new"
        words = words[1:]
    former = words[0].lower().startswith("ex-")
    words[0] = words[0][3:] if former else words[0]
    field = (found.group("field") or "").split()
    comma = found.group("comma") is not None
    if (
        not all(_title_word(w.lower()) for w in words[:-1])
        or (len(words) == 1 and not field and not new and (head in _ROLE_NOUNS or det is None))
        or (head == "fellow" and len(words) == 1)  # "fellow Labour MP X"
        or (det is None and (comma or cap is None))  # "X met deputy head teacher, Y"
        or (field and not comma)  # "founder of merchant bank Hambro Magan": the bank's name
        or _NOT_FIELD.intersection(field)
    ):
        return None
    if (
        comma
        and text[p.end : p.end + 1] not in (",", ";", ".")
        and not text.startswith((" said", " says", " told", " who"), p.end)
    ):
        return None  # "the team manager, Jack Ross and ...": a list
    if (
        cap in _BODIES_ALONE
        and len(words) == 2
        and (body := _body_named(doc, cap, start)) is not None
    ):
        return head.capitalize(), body, start, former  # "Party leader X" after "the Green Party"
    name = " ".join(_title_case(" ".join(words)).split())
    if field and (found.group("link") == "of" or head in _BRIEFS_FOR):
        name = f"{name} {found.group('link')} {_title_case(' '.join(field))}"
    return name, _lower_title_owner(doc, found, new), start, former


def _body_alone(m: Mention, start: int) -> bool:
    """Whether `m` is a body's kind read as a name opening a title at `start`: "Party" of
    "Party leader X"."""
    return m.start == start and m.label == "ORG" and m.entity in _BODIES_ALONE


#: Offices whose brief after "for" is the title's ("cabinet member for transport"); any other's
#: is what the holder does ("senior vice president for lending").
_BRIEFS_FOR = frozenset(
    "minister secretary commissioner member spokesman spokeswoman spokesperson".split()
)


def _lower_title_owner(doc: _Text, found: re.Match, new: bool) -> str | None:
    """Whose a title in lower case set off before a name is by the word before it: an
    organisation's possessive ("Greenpeace's", "the council's"), "Its" (the organisation a
    sentence before opens with), "The new head" (the organisation named just before)."""
    det = found.group("det")
    if det is None:
        return None
    owner = found.group("owner")
    if owner is not None:
        named = doc.by_end.get(found.end("owner"))
        if named is not None:
            return named.entity if named.label in ("ORG", "GPE", "NORP") else None
        if owner.islower():
            named = doc.before(found.start("owner"))  # "The Labour party's"
            if named is not None and named.label in _PARTY:
                return named.entity
            return _whose(doc, found.end("owner"))  # "the council's"
        return _org_named_by(doc, found.end("owner") + 2) or _unknown_owner(doc, found)
    if det == "Its" or (new and det == "The"):
        org = _its_owner(doc, doc.sentence_of(found.start()) - 1)
        return org.entity if org is not None else None
    return None  # "owned by its chief finance officer X": whose "its" is, is not guessed


#: Capitalised words before a possessive that name no organisation: "Women's top seed".
_NO_OWNERS = frozenset("Women Men Boys Girls Children People Today Yesterday Tomorrow".split())


def _unknown_owner(doc: _Text, found: re.Match) -> str | None:
    """A capitalised word before a title's possessive that no mention covers, read as the
    organisation it names ("Greenpeace's head of oceans"): not a person's first name, a day's
    or a month's, nor a word the story writes in lower case."""
    word = found.group("owner")
    if not (word.isalpha() and len(word) >= 3 and word[0].isupper()) or word in _NO_OWNERS:
        return None
    low = word.lower()
    if (
        low in MONTHS_DAYS
        or word in gazetteer.first_names()
        or f" {low} " in doc.text.lower()
        or any(word in q.entity.split() for q in doc.persons)
    ):
        return None
    return word


def _set_off_titles(doc: _Text, facts: list[Fact], seen: set[tuple]) -> None:
    """Titles in lower case before a name or set off after it, read whole: where the title
    pass read only their office ("Stock Manager" of "the tin buffer stock manager, Peter
    Smith,") or no owner, this title takes its place; else it is added."""
    text = doc.text
    for p in doc.persons:
        before = text[max(0, p.start - 40) : p.start]
        last = before.rstrip(" \t,").rpartition(" ")[2]
        found = None
        if (
            last in _ROLE_NOUNS
            or last in _OCCUPATION_HEADS
            or last in _SET_OFF_HEADS
            or (before.endswith((",", ", ")) and (" of " in before or " for " in before))
        ):  # most names: no title in lower case before them (a look-up, no search)
            found = _set_off_lower_title(doc, p)
            if found is not None:
                name, of, start, former = found
                end = p.end
                if of is None and (org := _org_after_name(doc, p)) is not None:
                    of, end = org.entity, org.end  # "Aviation analyst X of BNP Paribas"
        if found is None and text.startswith(",", p.end):
            after = _lower_title_after(doc, p)
            if after is None:
                continue
            name, of, end, former = after
            start = p.start
        elif found is None:
            continue
        _take_title(
            facts,
            seen,
            _fact(doc, "title", p.entity, name, start, end, of=of, former=former or None),
        )


def _take_title(facts: list[Fact], seen: set[tuple], fact: Fact) -> None:
    """Add a title read whole, or put it in place of the one the title pass read of its last
    words alone (or of no owner) over the same words."""
    name, of = fact.object, fact.qualifiers.get("of")
    for k, prev in enumerate(facts):
        if prev.subject != fact.subject or not (prev.start < fact.end and fact.start < prev.end):
            continue
        if of is None and prev.qualifiers.get("of"):
            return  # "Water board director X": the body the title pass read is whose
        if prev.object.lower() not in name.lower():
            break  # another title of theirs: "Ana Ruiz, the club's new manager"
        if len(prev.object.split()) < len(name.split()) or (
            prev.object.lower() == name.lower() and of and not prev.qualifiers.get("of")
        ):
            facts[k] = fact
            seen.add((fact.subject, name, of, None))
        return
    key = (fact.subject, name, of, None)
    if key not in seen:
        seen.add(key)
        facts.append(fact)


# A title in lower case set off after a name: "X, the deputy head teacher, said", "X, a
# senior research fellow at the Royal Institute,", "X, its tin buffer stock manager,".
_LOWER_TITLE_AFTER = regexes.compile(
    r"[ \t]*,[ \t]*(?:\d{1,3}[ \t]*,[ \t]*)?"
    r"(?:(?P<det>the|an?|its|their)[ \t]+|(?P<owner>[a-z]+)['’]s[ \t]+)?"
    rf"(?P<words>(?:{_TITLE_WORD}[ \t]+){{0,4}}?{_TITLE_WORD})"
    rf"(?:[ \t]+(?P<link>of|for)[ \t]+(?P<field>(?:{_TITLE_WORD}[ \t]+){{0,2}}?{_TITLE_WORD}))?"
    r"(?=[ \t]*[,.;]|[ \t]+(?P<at>at|with|of|for)[ \t])"
)
_AT_AFTER = regexes.compile(r"[ \t]+(?:at|with|of|for)[ \t]+(?:the[ \t]+)?")


def _lower_title_after(doc: _Text, p: Mention) -> tuple[str, str | None, int, bool] | None:
    """The title in lower case set off after the name `p`, read whole, of several words or
    of an office the title pass does not read ("Deputy Head Teacher", "Senior Research
    Fellow"); (its name, what it is of, where its words end, whether held before)."""
    text = doc.text
    found = _LOWER_TITLE_AFTER.match(text, p.end)
    if found is None:
        return None
    words = found.group("words").split()
    head = words[-1]
    if not _office_head(head):
        return None
    former = False
    while len(words) > 1 and words[0] in _WHEN_HELD:
        former = former or words[0] == "former"
        words = words[1:]
    field = (found.group("field") or "").split()
    known = found.group("det") not in ("a", "an")  # "X, a keen golfer": no title's words
    if not all(_title_word(w) and (known or _title_opener(w)) for w in words[:-1]) or (
        len(words) == 1 and not field and head not in _SET_OFF_HEADS
    ):
        return None  # "X, the chairman,": the title pass's
    if (head == "fellow" and len(words) == 1) or _NOT_FIELD.intersection(field):
        return None  # "X, a member of two sides"
    name = _title_case(" ".join(words))
    if field and (found.group("link") == "of" or head in _BRIEFS_FOR):
        name = f"{name} {found.group('link')} {_title_case(' '.join(field))}"
    end = found.end()
    of = None
    if found.group("owner") is not None:
        of = _whose(doc, found.end("owner"))  # "X, the council's head of planning,"
    elif found.group("det") == "its":
        org = doc.opening_org(doc.sentence_of(p.start))
        of = org.entity if org is not None and org.end <= p.start else None
    if of is None and found.group("at") is not None:
        link = _AT_AFTER.match(text, end)
        org = doc.by_start.get(link.end()) if link is not None else None
        if link is not None and (org is None or org.label != "ORG"):
            org = _org_past_kind(doc, link.end()) or org  # "at accountancy firm Grant Thornton"
        if org is not None and (
            org.label == "ORG"
            or (org.label in ("GPE", "LOC") and not _POSSESSIVE_AT.match(text, org.end))
        ):  # not "a board member of Germany's central bank"
            of, end = org.entity, org.end  # "X, deputy head teacher at Hill School,"
    return name, of, end, former


# "X, the top U.S. official in Japan,": an official of the organisation or country named.
_TOP_BEFORE = regexes.compile(r"[ \t]*,[ \t]*(?:the|a)[ \t]+(?:top|senior|most[ \t]+senior)[ \t]+")
_OFFICIAL_AFTER = regexes.compile(
    r"[ \t]+(?P<role>official|diplomat|envoy|negotiator|commander|aide|adviser|executive)\b"
)


def _top_officials(doc: _Text, seen: set[tuple]) -> list[Fact]:
    """ "X, the top Treasury official in Tokyo, said": X is an official of the Treasury (the
    rank is how high, not another office)."""
    text = doc.text
    facts: list[Fact] = []
    if " top " not in text and " senior " not in text:
        return facts
    for p in doc.persons:
        top = _TOP_BEFORE.match(text, p.end) if text.startswith(",", p.end) else None
        owner = doc.by_start.get(top.end()) if top is not None else None
        if owner is None or owner.label not in _PARTY:
            continue
        role = _OFFICIAL_AFTER.match(text, owner.end)
        if role is None:
            continue
        name = role.group("role").capitalize()
        key = (p.entity, name, owner.entity, None)
        if key in seen:
            continue
        seen.add(key)
        facts.append(_fact(doc, "title", p.entity, name, p.start, role.end(), of=owner.entity))
    return facts
