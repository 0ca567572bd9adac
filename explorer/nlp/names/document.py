"""Pass 3: the document decides what the lists cannot (surnames, confirmed guesses, teams)."""

from __future__ import annotations

import itertools
import re

from explorer.nlp import regexes
from explorer.nlp.names.guesses import (
    MEDIUM,
    UNCONFIRMED,
    WEAK,
    Doc,
    Guess,
    is_about_sport,
    is_sports_story,
)
from explorer.nlp.names.lists import (
    COMPANY_FORMS,
    COMPANY_NEXT,
    NAME_SUFFIXES,
    PEER_STYLES,
    TEAM_ENDS,
    W,
    gazetteer_label,
    org_suffix,
    word_list,
)
from explorer.nlp.names.places import listed_places

_FEMALE_BEFORE = regexes.compile(r"\b(?:Mrs|Ms|Miss|Lady|Dame|Madam)\.? $")


_MALE_BEFORE = regexes.compile(r"\b(?:Mr|Sir|Lord)\.? $")


def _gender_clash(text: str, start: int, full_name: str) -> bool:
    """ "Mrs Howard" is not "Michael Howard", nor "Mr Ward" "Judith Ward"."""
    before = text[max(0, start - 7) : start]
    female, male = W.gendered
    first = full_name.split(" ", 1)[0]
    if _FEMALE_BEFORE.search(before):
        return first in male
    if _MALE_BEFORE.search(before):
        return first in female
    return False


def resolve_document(doc: Doc) -> None:
    """The document decides what the lists cannot; its guesses are relabelled in place."""
    orgs: list[Guess] = []  # organisations of several words
    one_word: list[tuple[Guess, str]] = []  # one-word names that may stand for one of them
    _firms_named_for_people(doc)
    people, last_names, strong, org_firsts = _names_known(doc, orgs, one_word)
    _peers(doc, people)
    _relabel(doc, people, last_names, strong, org_firsts)
    doc.found = [f for f in doc.found if f.strength != UNCONFIRMED]
    _teams(doc, people)
    _town_companies(doc)
    _nicknames(doc, people)
    _listed_names(doc)
    listed_places(doc, people)
    if orgs and one_word:
        _acronyms_and_short_names(doc, orgs, one_word)
    _short_org_names(doc, people)
    _org_without_its_form(doc)
    _towns_by_their_state(doc, people)
    doc.people = people
    doc.strong = strong


def _firms_named_for_people(doc: Doc) -> None:
    """A firm named after people ("Merrill Lynch and Co", "Dean Witter Reynolds Inc") is
    written without its legal form, or with a unit's name after it, once the story has named
    it: "Merrill Lynch said", "Dean Witter analysts", "Merrill Lynch Capital Markets" are the
    firm, not a person. Read before the document's people are gathered."""
    text = doc.text
    firms: dict[str, str] = {}  # "Merrill Lynch", "Dean Witter" -> the firm
    whole: dict[str, str] = {}  # the firm's whole name without its legal form -> the firm
    for f in doc.found:
        if f.ntokens < 3 or f.label != "ORG" or f.strength < MEDIUM:
            continue
        words = text[f.start : f.end].split()
        if words[-1].rstrip(".") not in COMPANY_FORMS and words[-1] not in COMPANY_FORMS:
            continue
        words.pop()
        while words and words[-1] in ("and", "&", ","):
            words.pop()
        for k in range(2, len(words) + 1):  # "Kidder, Peabody" is "Kidder Peabody"
            firms.setdefault(" ".join(w.rstrip(",") for w in words[:k]), f.entity)
        whole.setdefault(" ".join(w.rstrip(",") for w in words), f.entity)
    if not firms:
        return
    for f in doc.found:
        if f.ntokens < 2 or f.label not in ("PERSON", "ORG"):
            continue
        surface = text[f.start : f.end].replace(",", "")
        if f.label == "ORG":
            if f.entity == surface and whole.get(surface, surface) != surface:
                # "Merrill Lynch" (a firm the lists know) of "Merrill Lynch and Co"; not
                # "General Motors" of "General Motors Acceptance Corp", its unit
                f.entity = whole[surface]
            continue
        if surface in firms:
            f.label, f.entity, f.strength = "ORG", firms[surface], MEDIUM
            continue
        words = surface.split()
        if any(" ".join(words[:k]) in firms for k in range(2, len(words))):
            f.label, f.strength = "ORG", MEDIUM  # "Merrill Lynch Capital Markets": a unit
            f.entity = text[f.start : f.end]


def _names_known(doc: Doc, orgs: list[Guess], one_word: list[tuple[Guess, str]]):
    """What the document's confident guesses say: the parts of people's names, their
    surnames, the labels given with confidence, the first words of organisations. Notes in
    `orgs` and `one_word` the organisations of several words and the one-word names that may
    stand for one ("SEC", "the Community") for `_acronyms_and_short_names`."""
    people: dict[str, str] = {}  # a part of a full name -> the full name
    last_names: set[str] = set()
    firsts: dict[str, str] = {}
    strong: dict[str, tuple[str, str]] = {}
    org_firsts: dict[str, tuple[str, str]] = {}  # "Jones" after "Jones Dental Supplies"
    companies: dict[str, str] = {}  # "Globex" -> "Globex Inc"
    for f in sorted(doc.found, key=lambda f: -f.strength):  # stable: strong guesses first
        start, end, label, entity = f.start, f.end, f.label, f.entity
        strength, ntok = f.strength, f.ntokens
        surface = doc.text[start:end]
        if label == "ORG" and strength != UNCONFIRMED:
            if ntok > 1:
                orgs.append(f)
            elif surface.isupper() or surface in _SHORT_HEADS:
                one_word.append((f, surface))
        elif label == "PERSON" and ntok == 1 and surface in _SHORT_HEADS:
            one_word.append((f, surface))
        elif label == "GPE" and ntok == 1 and doc.text.startswith(")", end):
            one_word.append((f, surface))  # "(MDA)" after its association's name, no Moldova
        if label == "PERSON" and strength <= WEAK and strong.get(surface, ("",))[0] == "ORG":
            continue  # "Tessitura Vallone" after "Tessitura Vallone SpA": no person's name
        if label == "PERSON" and ntok > 1:
            # 'Hector "Macho" Camacho': his name, without the nickname
            # and a peer's, without the title's territory ("Lord Young of Graffham")
            peer = surface.split(" ", 1)[0] in PEER_STYLES
            written = entity if '"' in surface or "“" in surface or peer else surface
            parts = [p for p in written.split() if p not in NAME_SUFFIXES]
            if (
                (len(parts) == 2 and _GIVEN_NAME_AFTER.match(parts[1]))
                or (
                    parts[0] in _FAMILY_FIRST
                    and (
                        (len(parts) == 2 and _PINYIN_GIVEN.match(parts[1]))  # "Zhao Ziyang"
                        # "Kim Il Sung", "Lee Kuan Yew": a syllable a word
                        or (len(parts) == 3 and all(len(p) <= 4 for p in parts[1:]))
                    )
                )
            ):
                # "Chen Chun-yeh", "Kim Young-sam", "Zhao Ziyang", "Kim Il Sung": the family
                # name first, and alone after
                people.setdefault(parts[0], entity)
                if strength >= MEDIUM:
                    last_names.add(parts[0])
            if len(parts) > 1:
                people.setdefault(parts[-1], entity)
                if strength >= MEDIUM:
                    last_names.add(parts[-1])
                people.setdefault(" ".join(parts[1:]), entity)
                if len(parts) > 2:
                    people.setdefault(" ".join(parts[-2:]), entity)
                first = parts[0]
                if (
                    not first.endswith(".")
                    and len(first) > 1  # "C Paterson": an initial is nobody's name
                    and first not in W.first_names
                    and first not in W.honorifics  # "Lord" of "Lord Young" is no name
                    and not gazetteer_label([first])
                    and first.lower() not in doc.lower_vocab()
                ):
                    firsts.setdefault(first, entity)  # "Tariq" after "Tariq Aziz"
        if strength >= MEDIUM and label != "TITLE":
            strong.setdefault(surface, (label, entity))
            if label == "GPE" and ntok > 2 and surface.startswith("Republic of "):
                org_firsts.setdefault("Republic", (label, entity))  # "the Republic" of Ireland
            if label == "ORG" and ntok > 1:
                first, _, last = surface.partition(" ")
                # "Google" after "Google News": the firm, not the service named after it
                org_firsts.setdefault(first, (label, first if last in _SERVICES else entity))
                short, _, form = surface.rpartition(" ")
                if (form in COMPANY_FORMS or form in _SHORTENED_ENDS) and " " in short:
                    strong.setdefault(short, (label, entity))  # "Acme Steel" of "Acme Steel Inc"
                elif form in COMPANY_FORMS and _company_word(short):
                    companies.setdefault(short, entity)  # "Globex" of "Globex Inc"
    for key, entity in firsts.items():
        people.setdefault(key, entity)
    for key, entity in companies.items():
        if key not in people and strong.get(key, ("ORG",))[0] == "ORG":
            strong[key] = ("ORG", entity)
    return people, last_names, strong, org_firsts


#: The last word of a service named after its firm: "Google" after "Google News" is the firm.
_SERVICES = frozenset(word_list("service_words"))

#: Family names written first (Chinese, Korean): "Zhao Ziyang", then "Zhao".
_FAMILY_FIRST = frozenset(word_list("family_names_first"))

#: A Chinese given name of one or two syllables, joined: "Ziyang", "Xiaoping", "Peng".
_PINYIN_GIVEN = regexes.compile(
    r"(?i:(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|iao|ian|ing|ang|eng|ong|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|iu"
    r"|in|ua|uo|ui|un|ue|a|o|e|i|u)){1,2})$"
)

#: A given name written after the family name, its syllables joined: "Chun-yeh", "Young-sam".
_GIVEN_NAME_AFTER = regexes.compile(r"[A-Z][a-z]+-[a-z]+$")


#: Last words that a company of three words or more drops after a first mention, as it does
#: its legal form: "Standard Chartered" of "Standard Chartered Bank".
_SHORTENED_ENDS = frozenset({"Bank", "Group", "Holdings"})


def _company_word(word: str) -> bool:
    """Whether a company's name without its legal form ("Globex" of "Globex Inc") stands for
    the company alone: a word no list knows as a place or a person's given name."""
    return (
        word[:1].isupper()
        and word not in W.first_names
        and word not in W.places
        and word not in W.cities
        and word.lower() not in W.stopwords
    )


_PEER_OPENERS = tuple(f"{style} " for style in sorted(PEER_STYLES))


def _peers(doc: Doc, people: dict[str, str]) -> None:
    """ "Lord Butler" in a story that also names "Robin Butler" is he (a peer keeps the name he
    had), and so is "Butler" alone; but not "Lady Thatcher" after "Mark Thatcher"."""
    peers = [f for f in doc.found if f.entity.startswith(_PEER_OPENERS) and f.label == "PERSON"]
    if not peers:
        return
    full: dict[str, str] = {}  # a surname -> the full name of a person with it, no peer's
    for f in doc.found:
        parts = f.entity.split() if f.label == "PERSON" and f.ntokens > 1 else ()
        if len(parts) > 1 and parts[0] not in PEER_STYLES:
            full.setdefault(parts[-1], f.entity)
    for f in peers:
        parts = f.entity.split()
        if len(parts) != 2:
            continue  # "Lord Kinnock", also of "Lord Kinnock of Bedwellty"
        surname = parts[1]
        name = full.get(surname)
        at = f.start + len(parts[0]) + 1  # the surname, after the style
        if name is not None and not _gender_clash(doc.text, at, name):
            f.entity = people[surname] = name


def _relabel(doc: Doc, people, last_names, strong, org_firsts) -> None:
    """ "Blair" after "Tony Blair" is that person; a weak guess takes a confident label."""
    for f in doc.found:
        start, end, label, strength, ntok = f.start, f.end, f.label, f.strength, f.ntokens
        if label == "TITLE" and ntok == 1 and doc.text[start:end] in last_names:
            f.label, f.entity = "PERSON", people[doc.text[start:end]]  # "King" after "Carole King"
            continue
        if label in ("TITLE", "NORP"):
            continue
        surface = doc.text[start:end]
        if (
            ntok == 1
            and (label == "PERSON" or surface in people)
            and org_firsts.get(surface, ("",))[0] == "ORG"
            and _COMPANY_AFTER.match(doc.text, end)
            and _company_name(org_firsts[surface][1])
            and not doc.text.endswith(("said ", "says "), 0, start)  # "said X, which means"
        ):
            # "Halvorsen's shares", "Halvorsen, which makes": the company named after its
            # founder, even where the story names him ("Leonard Halvorsen")
            f.label, f.entity = org_firsts[surface]
            f.strength = max(strength, WEAK)
            continue
        if (surface in people and not _gender_clash(doc.text, start, people[surface])) and (
            strength <= MEDIUM
            or label == "PERSON"
            or surface in last_names
            or (label == "GPE" and surface in W.cities and surface not in W.nations)
        ):
            f.label, f.entity = "PERSON", people[surface]
            f.strength = max(strength, WEAK)
            continue
        if strength <= WEAK and surface in strong:
            f.label, f.entity = strong[surface]
            f.strength = WEAK
        elif (
            label == "ORG"
            and ntok == 1
            and strong.get(surface, ("",))[0] == "ORG"
            and strong[surface][1] != surface
        ):
            f.entity = strong[surface][1]  # "Globex said" after "Globex Inc": the company
        elif label == "GPE" and strong.get(surface, ("",))[0] == "PRODUCT":
            f.label, f.entity = strong[surface]  # "Brent rose" after "Brent crude"
        elif strength == WEAK and ntok == 1 and surface in org_firsts:
            f.label, f.entity = org_firsts[surface]


#: What after a surname makes it the company named after the family: its possessive before a
#: company's word ("'s shares", "'s profit", "'s board"), "which" ("Halvorsen, which
#: makes"), or a verb of accounts ("Halvorsen posted a loss", "Halvorsen shares rose").
_COMPANY_WORDS = sorted(COMPANY_NEXT | {"board", "stock", "unit", "units", "plant", "plants"})
_COMPANY_AFTER = regexes.compile(
    rf"(?:['’]s\s+(?:{'|'.join(_COMPANY_WORDS)})\b|,\s+which\b"
    r"|\s+(?:shares|stock|posted|earned|reported\s+(?:a|net|first|second|third|fourth|higher"
    r"|lower|record))\b)"
)


def _company_name(name: str) -> bool:
    """Whether an organisation's name is a company's by its last word: "Halvorsen Chemical
    Corp", "Halvorsen Chemicals"; not "Liverpool Echo"."""
    last = name.rpartition(" ")[2]
    return last in COMPANY_FORMS or org_suffix(last)


def _teams(doc: Doc, people: dict[str, str]) -> None:
    """A town the document treats as a team is the team throughout, but not "in Leeds"."""
    _clubs_by_their_name(doc)
    sports = is_sports_story(doc)
    if doc.clubs or sports or is_about_sport(doc):
        for f in doc.found:
            surface = doc.text[f.start : f.end]
            if sports and f.label == "PERSON" and f.ntokens == 1 and f.strength <= WEAK:
                # "Chelsea sack Mutu": a town that is also a given name, alone, is the team.
                if (
                    W.cities.get(surface, 0) >= 50_000
                    and surface not in people
                    and _club_like(surface)
                ):
                    f.label, f.entity = "ORG", surface
                    doc.clubs.add(surface)
                continue
            if f.label != "GPE":
                continue
            played = _club_like(surface) and _played(doc.text, f.end)
            if (
                (surface in doc.clubs or (sports and _club_like(surface)) or played)
                and not _PLACE_BEFORE.search(doc.text, max(0, f.start - 12), f.start)
                and not (
                    (surface in W.cities or surface in W.places)
                    and not played
                    # "the defeat at Southampton" once its tables name Southampton a team
                    and surface not in doc.table_clubs
                    and _VENUE_BEFORE.search(doc.text, max(0, f.start - 6), f.start)
                )
                and not _DATELINE_AFTER.match(doc.text, f.end)
            ):
                f.label, f.entity = "ORG", surface
                doc.clubs.add(surface)


def _clubs_by_their_name(doc: Doc) -> None:
    """ "Roma" after "AS Roma" is the club, not the Roma people: a word the lists know as a
    nationality, once the story has named a club by its letters and that word."""
    clubs: dict[str, str] = {}
    for f in doc.found:
        if f.label == "ORG" and f.ntokens == 2:
            first, _, last = doc.text[f.start : f.end].partition(" ")
            if first in W.org_prefixes and first.isupper():
                clubs[last] = f.entity
    if not clubs:
        return
    for f in doc.found:
        if f.label == "NORP" and f.ntokens == 1:
            surface = doc.text[f.start : f.end]
            entity = clubs.get(surface) or clubs.get(surface.title())
            if entity is not None:
                f.label, f.entity = "ORG", entity


def _town_companies(doc: Doc) -> None:
    """ "car giant Toyota", then "the Toyota stand", "Toyota's prototypes": a town the story
    names as a company by what is around it is the company throughout; not "in Toyota",
    "Toyota, Japan"."""
    if is_about_sport(doc):
        return  # a town's team: `_teams`
    text = doc.text
    firms = {
        text[f.start : f.end]: f.entity
        for f in doc.found
        if f.label == "ORG" and f.ntokens == 1 and f.strength >= MEDIUM
    }
    if not firms:
        return
    for f in doc.found:
        if f.label != "GPE" or f.ntokens != 1:
            continue
        surface = text[f.start : f.end]
        if (
            surface in firms
            and surface not in W.nations
            and not _PLACE_BEFORE.search(text, max(0, f.start - 12), f.start)
            and not (
                _VENUE_BEFORE.search(text, max(0, f.start - 6), f.start)
                and not _STAFF_AT.search(text, max(0, f.start - 24), f.start)
            )
            and not _PLACE_PAIR.match(text, f.end)
        ):
            f.label, f.entity = "ORG", firms[surface]


#: Who work at a firm, before "at" and its name: "economists at Halifax", "a spokesman at
#: Toyota" (the firm's people, not the town's).
_STAFF_WORDS = sorted({w for w in word_list("affiliation_roles")} | {"economists", "staff"})
_STAFF_AT = regexes.compile(rf"\b(?i:{'|'.join(_STAFF_WORDS)})s?\s+at\s+$")


#: A town and the region or country after it: "Toyota, Japan".
_PLACE_PAIR = regexes.compile(r" ?, [A-Z]")


#: What follows a town's name when it is the town's team, in a story about sport: a
#: score ("defeat to Guingamp 2-1") or one of its players ("Birmingham's Gary Breen").
_PLAYED_AFTER = regexes.compile(
    r" \d{1,2}-\d{1,2}(?![\d-])| ?['’]s ([A-Z][a-z]+) ([A-Z][a-z][\w'-]*)"
)


def _played(text: str, end: int) -> bool:
    m = _PLAYED_AFTER.match(text, end)
    if m is None or m.group(1) is None:
        return m is not None
    surname = m.group(2)  # not "London's Christ College"
    return m.group(1) in W.first_names and not org_suffix(surname) and surname not in W.loc_words


def _nicknames(doc: Doc, people: dict[str, str]) -> None:
    """A team named after its town and a plural ("Cleveland Indians", "Texas Rangers",
    "Chicago White Sox") goes by the plural alone in a story about sport: "the Indians",
    "the White Sox" is the team, not Indians or a person, there and in the headline
    ("RANGERS BEAT INDIANS"), once the story writes "the" before it. Noted in
    `doc.nicknames`. A plural of two capitalised words after "the" that the story never
    names in full ("the Red Devils") is a team too, not a person."""
    if not is_about_sport(doc):
        return
    nicks: dict[str, str] = {}
    text = doc.text
    after_the: set[str] | None = None  # names written after "the", however lines break
    for f in doc.found:
        if f.ntokens < 2 or f.label != "ORG" or f.strength < MEDIUM:
            continue
        words = text[f.start : f.end].split()
        for k in (1, 2):  # "the Indians", "the White Sox"
            if len(words) <= k:
                break
            town, last, nick = " ".join(words[:-k]), words[-1], " ".join(words[-k:])
            if (
                len(nick) > 3
                and (last[-1] == "s" or last == "Sox")
                and all(w[0].isupper() and w[1:].islower() for w in words[-k:])
                and not org_suffix(last)
                and nick not in people
                # a team's nickname takes "the" ("the Indians"); "Milan Baros" is a player's
                and (gazetteer_label(town.split()) or town in W.cities)
            ):
                if f"the {nick}" not in text and f"The {nick}" not in text:
                    if after_the is None:
                        after_the = {
                            " ".join(text[g.start : g.end].split())
                            for g in doc.found
                            if g.ntokens <= 2 and _after_the(text, g.start)
                        }
                    if nick not in after_the:
                        continue
                nicks[nick] = f.entity if nicks.get(nick, f.entity) == f.entity else ""
                break
    nicks = {k: v for k, v in nicks.items() if v}
    for f in doc.found:
        if f.ntokens > 2:
            continue
        surface = " ".join(text[f.start : f.end].split())
        entity = nicks.get(surface)
        if entity and (f.ntokens == 2 or f.label != "PERSON" or f.strength <= WEAK):
            f.label, f.entity = "ORG", entity
        elif (
            f.label == "PERSON"
            and f.ntokens == 2
            and surface[-1] == "s"
            and _after_the(text, f.start)
        ):
            f.label = "ORG"  # "the Red Devils": no person is written "the"
    if nicks:
        doc.nicknames = nicks


_THE_BEFORE = regexes.compile(r"\b[Tt]he\s+$")


def _after_the(text: str, start: int) -> bool:
    return _THE_BEFORE.search(text, max(0, start - 12), start) is not None


def _listed_names(doc: Doc) -> None:
    """Lists of surnames: "Hale , Moss , Burke and Lyle"; of teams: "Essex , Derbyshire"."""
    found = sorted(doc.found, key=lambda f: f.start)
    for order in (found, found[::-1]):
        for a, b in itertools.pairwise(order):
            if (
                b.strength == WEAK
                and b.ntokens == 1
                and b.label != "PERSON"
                and a.label == "PERSON"
                and a.sentence == b.sentence
                and doc.text[min(a.end, b.end) : max(a.start, b.start)].strip() in (",", "and", ";")
                # not "X, Acme's chief executive" once "Acme Corp" is known
                and b.entity == doc.text[b.start : b.end]
                and not doc.text.startswith(("'s", "’s"), b.end)
            ):
                b.label = "PERSON"
            # Teams listed with a team: "Essex , Derbyshire and Surrey" once one is a team.
            elif (
                doc.clubs
                and b.label == "GPE"
                and a.label == "ORG"
                and doc.text[a.start : a.end] in doc.clubs
                and doc.text[b.start : b.end] not in W.nations
                and doc.text[min(a.end, b.end) : max(a.start, b.start)].strip() in (",", "and")
            ):
                b.label, b.entity = "ORG", doc.text[b.start : b.end]
                doc.clubs.add(b.entity)


#: Words before a name that keep it a place in a sports story: "in Leeds", "north London".
_PLACE_BEFORE = regexes.compile(
    r"(?:\b(?i:in|of|near|north|south|east|west|central|capital|city|town)\s+|\(\s*)$"
)


#: ... and before a known town, where a match is played or a trip goes: "at Headingley".
_VENUE_BEFORE = regexes.compile(r"\b(?i:at|to)\s+$")


_DATELINE_AFTER = regexes.compile(
    r"(?:[ \t]*,[ \t]*[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)?[ \t]+(?:1[5-9]|20)\d\d-\d\d-\d\d"
    # "LISBON, Oct 23 -": a wire dateline
    r"|(?:[ \t]*,[ \t]*[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)?"  # "BIRMINGHAM, England, June 8 -"
    r"[ \t]*,[ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}[ \t]+-"
)


def _club_like(surface: str) -> bool:
    """A single-word place name that a sports story may use for a team: a town, not a
    country, a home nation or a US state."""
    return (
        " " not in surface
        and surface not in W.nations
        and surface not in W.us_states
        and surface not in W.country_names
    )


#: The last words of an organisation's name that stand for it after "the" once the document
#: has named it in full: "the Community", "the Fund", "the Commission".
_SHORT_HEADS = frozenset(
    {"Community", "Commission", "Fund", "Bank", "Exchange", "Committee", "Board", "Agency"}
    | {"Council", "Organization", "Organisation", "Bourse"}
)


def _acronyms_and_short_names(doc: Doc, orgs: list[Guess], one_word: list[tuple[Guess, str]]):
    """An acronym in brackets after an organisation's name is that organisation, there and
    wherever else the document uses it: "the Ministry of International Trade and Industry
    (MITI)"; so is one that spells the initials of an organisation the document names
    ("SEC" beside "Securities and Exchange Commission"), before what the lists say. A lone
    "the Community" or "the Fund" is the one organisation of the document whose name ends so
    ("European Community", "International Monetary Fund"). `orgs` are the document's
    organisations of several words, `one_word` its one-word names that may stand for one."""
    text = doc.text
    acronyms: dict[str, str] = {}
    heads: dict[str, str] = {}
    initials: dict[str, str] = {}  # "SEC" -> "Securities and Exchange Commission"
    by_end: dict[int, Guess] = {}  # where each organisation's name ends
    for f in orgs:
        surface = text[f.start : f.end]
        by_end[f.end] = f
        last = surface.rpartition(" ")[2]
        if last in _SHORT_HEADS:
            heads[last] = f.entity if heads.get(last, f.entity) == f.entity else ""
        key = _initials(surface)
        if len(key) > 1:
            initials[key] = f.entity if initials.get(key, f.entity) == f.entity else ""
    for f, surface in one_word:  # "(MITI)" just after its organisation's name
        if text.startswith(")", f.end) and text[f.start - 1 : f.start] == "(":
            a = by_end.get(f.start - 1) or by_end.get(f.start - 2)
            if a is not None and _abbreviates(surface.replace(".", ""), text[a.start : a.end]):
                acronyms[surface] = a.entity
                key = _initials(text[a.start : a.end])
                if key != surface and key in initials:
                    # "International Cocoa Organization (ICCO)" is not the "ICO" of the
                    # International Coffee Organization beside it
                    others = {
                        o.entity
                        for o in orgs
                        if o.entity != a.entity and _initials(text[o.start : o.end]) == key
                    }
                    initials[key] = others.pop() if len(others) == 1 else ""
    for f, surface in one_word:
        if surface in acronyms:
            f.label, f.entity = "ORG", acronyms[surface]
        elif surface in initials:
            if f.label == "ORG" and initials[surface]:
                f.entity = initials[surface]  # "the EC" where it names the European
                # Commission, before the lists' European Community
        elif (
            heads.get(surface)
            and (f.label == "ORG" or (f.label == "PERSON" and f.strength <= WEAK))
            and text[max(0, f.start - 4) : f.start] in ("the ", "The ")
        ):
            f.label, f.entity = "ORG", heads[surface]


def _towns_by_their_state(doc: Doc, people: dict[str, str]) -> None:
    """A town written with its state or country after a comma, the pair set off by
    punctuation, is a place whatever its word otherwise is: "its Gary, Indiana, mill",
    "hit Eugene, Oregon, on Monday", "in Nice, France." ("Jim Wright, Texas Democrat" goes
    on after the state: no town; a surname of the story's people stays theirs; in a list,
    "Deacon Blue, Idlewild, Texas, Mogwai", the names are each their own)."""
    text = doc.text
    states, nations = W.us_states, W.nations  # looked up in each: no union made a document
    for f in doc.found:
        if not (
            (f.label == "PERSON" and f.ntokens == 1) or (f.label == "ORG" and f.ntokens <= 2)
        ) or text[max(0, f.start - 5) : f.start].endswith((", ", " and ", " & ")):
            continue  # "John Smith, Texas, said" is a person; "Idlewild, Texas, Mogwai" a list
        # (what the pattern opens with, tested first: most names have no comma after them)
        m = _STATE_AFTER.match(text, f.end) if text.startswith((",", " ,"), f.end) else None
        if (
            m is None
            or (m.group(1) not in states and m.group(1) not in nations)
            or _LIST_GOES_ON.match(text, m.end())
        ):
            continue  # "Becker, Germany, and Ivanisevic, Croatia": a list's first, no town
        surface = text[f.start : f.end]
        if (
            (surface in people and people[surface] != surface)
            or surface in doc.clubs
            or (f.label == "ORG" and _SCORE_AFTER_PAIR.match(text, m.end()))
        ):
            continue  # "Juventus, Italy, 2-1": a club in a line of results
        f.label, f.entity = "GPE", surface


#: A score after a "club, nation" pair: "Rapid Vienna, Austria, 1 (halftime 1-1)".
_SCORE_AFTER_PAIR = regexes.compile(r" ?, \d{1,2}(?:-\d{1,2})?(?![\d,.])")
#: A state or country and the punctuation that closes the "town, state" pair.
_STATE_AFTER = regexes.compile(r" ?, ([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?= ?[,.;:)]|\s*$)", re.M)
#: After a "name, country" pair, another name: the pair is a list's item.
_LIST_GOES_ON = regexes.compile(r" ?, (?:and |or )?[A-Z]| (?:and|or) [A-Z]")


#: Words that end many names and, alone, stand for one the story has not named: "The
#: Times" beside the "Financial Times", "the party", "Radio 4" beside "BBC Radio".
_NOT_SHORT_NAMES = _SHORT_HEADS | frozenset(
    "Times Post News Radio Journal Herald Daily Association Union Party Group Airlines "
    "Students Federation Trust Church Foundation Institute Society Club League".split()
)


def _short_org_names(doc: Doc, people: dict[str, str]) -> None:
    """An organisation written by one word of its name, its first or its last, after the
    story has named it whole: "Federated said" after "Federated Steel Corp", "Rovers" and
    "Blackburn" after "Blackburn Rovers", "United" after "Manchester United". Only where one
    organisation of the story fits (with "Manchester United" and "Newcastle United" both
    named, "United" stays as written), where the word did not stand alone before the whole
    name came (the parent "Yukos" is not its later "Yukos USA"), where it is no word the
    story writes in lower case ("Radio", "Party") or a part of a person's name, and where the
    whole name is no person's ("Delta Goodrem") or row code ("Liverpool I")."""
    text = doc.text
    fits: dict[str, str] = {}
    named_at: dict[str, int] = {}  # an organisation's entity -> where the story first names it
    for f in doc.found:
        if f.label != "ORG" or f.ntokens < 2 or f.strength < MEDIUM:
            continue
        words = text[f.start : f.end].split()
        n_written = len(words)
        if len(words) > 3 and words[-2] == "de" and words[-1] in ("CV", "C.V.", "RL"):
            del words[-2:]  # "SA de CV", Mexico's form, as "SA"
        while len(words) > 1 and words[-1].rstrip(".") in COMPANY_FORMS:
            words.pop()  # "Nissan Motor Co Ltd": both its forms
            while words and words[-1] in ("and", "&", ","):
                words.pop()
        if len(words) >= 3 and len(words) < n_written and words[0] in _FIRM_KIND_FIRSTS:
            # "Minera Oro del Sur SA de CV", later "Oro del Sur": the name past its kind
            named_at[f.entity] = min(named_at.get(f.entity, f.start), f.start)
            rest = " ".join(words[1:])
            fits[rest] = f.entity if fits.get(rest, f.entity) == f.entity else ""
        if len(words) == 1 < n_written and "-" in words[0]:
            # "Kessler-Werke AG": a firm of one hyphenated word, later "Kessler"
            words = words[0].split("-")
            if len(words) != 2 or words[0] in W.first_names:
                continue
            if words[0] not in _NOT_SHORT_NAMES and words[0][1:].islower():
                named_at[f.entity] = min(named_at.get(f.entity, f.start), f.start)
                word = words[0]
                fits[word] = f.entity if fits.get(word, f.entity) == f.entity else ""
            continue
        if (
            len(words) < 2
            or "of" in words  # "University of Surrey" is no "Surrey"
            or words[-1] in W.loc_words  # "Melbourne Park" is no "Melbourne"
            or any(
                len(w) == 1
                or not w[0].isalpha()
                # a given name ("Delta Goodrem"), but not a firm the lists know ("Nissan")
                or (w in W.first_names and not (k == 0 and w in W.companies))
                for k, w in enumerate(words)
            )
        ):
            continue
        named_at[f.entity] = min(named_at.get(f.entity, f.start), f.start)
        # Its first word alone is the firm only where the name is a firm's ("Federated Steel
        # Corp") or a club's ("Blackburn Rovers", "Leeds United", "Bayern Munich"): "Google"
        # is not "Google News", nor "Barclays" "Barclays Capital".
        firm = len(words) < n_written
        club = words[-1] in TEAM_ENDS or gazetteer_label(words[-1:]) is not None
        place = gazetteer_label(words[:1]) is not None
        for word in {words[0], words[-1]} if firm or club or place else {words[-1]}:
            if word[:1].isupper() and word[1:].islower() and word not in _NOT_SHORT_NAMES:
                fits[word] = f.entity if fits.get(word, f.entity) == f.entity else ""
    if not fits:
        return
    lower = doc.lower_vocab()
    alone_at: dict[str, int] = {}  # a word -> where it first stands alone
    for f in doc.found:
        if f.ntokens == 1 and f.label == "ORG":
            surface = text[f.start : f.end]
            alone_at[surface] = min(alone_at.get(surface, f.start), f.start)
    for f in doc.found:
        if f.ntokens > 1 and f.label in ("ORG", "PERSON"):
            surface = text[f.start : f.end]
            entity = fits.get(" ".join(surface.split()))
            if entity and " " in surface and f.start > named_at[entity]:
                f.label, f.entity = "ORG", entity  # "Oro del Sur" of the mining firm
            continue
        if f.label != "ORG" or f.ntokens != 1:
            continue
        surface = text[f.start : f.end]
        entity = fits.get(surface)
        if (
            entity
            and f.entity == surface
            and alone_at[surface] > named_at[entity]
            and surface.lower() not in lower
            and surface not in people
        ):
            f.entity = entity


#: A firm's first word that says what kind of firm it is, in the languages of wire copy:
#: the name goes on without it ("Minera Oro del Sur SA de CV" is "Oro del Sur").
_FIRM_KIND_FIRSTS = frozenset(
    "Minera Mineracao Grupo Compania Compañía Companhia Cia Empresas Empresa Industrias "
    "Inversiones Corporacion Corporación Banco Constructora Distribuidora Sociedad "
    "Aerolineas Aerolíneas Petroleos Petróleos Cementos Transportes Laboratorios".split()
)


def _abbreviates(acronym: str, name: str) -> bool:
    """Whether `acronym` is made of a name's capitalised words, each giving its first letter
    and maybe more of its letters in order: "MITI", and "ICCO" of "International Cocoa
    Organization"."""
    words = [w.upper() for w in name.split() if w[:1].isupper()]
    if not words or len(acronym) > 12 or not acronym.isupper():
        return False

    def fits(i: int, j: int) -> bool:  # acronym[i:] spells words[j:]
        if j == len(words):
            return i == len(acronym)
        word = words[j]
        if i >= len(acronym) or acronym[i] != word[0]:
            return False
        at = 1
        i += 1
        while True:
            if fits(i, j + 1):
                return True
            if i >= len(acronym):
                return False
            at = word.find(acronym[i], at) + 1
            if at == 0:
                return False
            i += 1

    return fits(0, 0)


#: The last words of an organisation's name that the story may leave off once it has named
#: it whole: "Prairie Savings and Loan" after "Prairie Savings and Loan Association".
_LEFT_OFF = COMPANY_FORMS | frozenset({"Association", "Assn", "Assn."})


def _org_without_its_form(doc: Doc) -> None:
    """An organisation of several words written without its last word, a legal form or
    "Association", once the story has named it whole, is that organisation: "Prairie
    Savings and Loan" after "Prairie Savings and Loan Association", "Acme Steel" after "Acme
    Steel Inc" (one entity, not two)."""
    text = doc.text
    whole: dict[str, str] = {}
    for f in doc.found:
        if f.label == "ORG" and f.ntokens >= 3:
            short, _, last = text[f.start : f.end].rpartition(" ")
            if last in _LEFT_OFF and " " in short:
                short = " ".join(short.split())
                whole[short] = f.entity if whole.get(short, f.entity) == f.entity else ""
    if not whole:
        return
    for f in doc.found:
        if f.label == "ORG" and f.ntokens >= 2:
            written = " ".join(text[f.start : f.end].split())
            entity = whole.get(written)
            if entity and " ".join(f.entity.split()) == written:
                f.entity = entity


def _initials(name: str) -> str:
    """The initials of a name's capitalised words: "General Agreement on Tariffs and Trade"
    -> "GATT"; none for a name with an acronym in it ("BT Together")."""
    out = ""
    for w in name.split():
        if w[:1].isupper():
            if w[1:2].isupper():
                return ""
            out += w[0]
    return out
