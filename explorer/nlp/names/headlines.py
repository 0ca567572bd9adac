"""Pass 4: headline lines get only names the document or the lists already know."""

from __future__ import annotations

from explorer.nlp import regexes
from explorer.nlp.names.guesses import MEDIUM, Doc, emit, is_about_sport
from explorer.nlp.names.lists import (
    COMPETITION_HEADS,
    FUNCTION,
    SPORT_NAMES,
    TEAM_ENDS,
    W,
    competition_end,
    gazetteer_label,
    org_suffix,
)
from explorer.nlp.names.tables import INDEX_NAMES
from explorer.nlp.names.tokens import DATE_TOKEN, SCORE, Token, title_case


def scan_caps_line(
    doc: Doc,
    s_i: int,
    toks,
    known: dict[str, tuple[str, str]],
    row: bool = False,
    teams: dict[str, str] | None = None,
) -> None:
    """Emit the names of a headline line that the document (`known`, its people) or the
    lists already know; capitals there say nothing of what else is a name. In a `row` of a
    table of figures, only those: no dateline, no organisation guessed by its last word. A
    town or a nickname in `teams` (`town_teams`) is that team in a headline."""
    toks = _after_slug(toks)
    n = len(toks)
    # Title-cased forms, once per word; None where a word cannot be part of a name.
    titled = [title_case(t.text) if t.text[:1].isalpha() else None for t in toks]
    i = (
        _dateline(doc, s_i, toks)
        if not row and titled[0] is not None and toks[0].text[:1].isupper()
        else 0
    )
    # A competition's name is looked for only in a line with a competition's word in it, and
    # the story asked whether it is about sport only once one is found.
    events = not row and not _EVENT_OR_LEAGUE.isdisjoint(titled)
    while i < n:
        if titled[i] is None or not toks[i].text[:1].isupper():
            i += 1
            continue
        m = events and (competition_end(titled, i) or _sports_event(titled, i))
        hit = _known_name(doc, toks, titled, i, known)
        if m and is_about_sport(doc) and not (hit and hit[0] > m):
            # "AMERICAN LEAGUE", "BERLIN GRAND PRIX", "U.S. OPEN"; not "TOUR" of "TOUR DE
            # FRANCE" where the story names the race
            emit(doc, s_i, toks, i, m, "EVENT", " ".join(map(str, titled[i:m])), MEDIUM)
            i = m
            continue
        hit = hit or (None if row else _org_by_last_word(doc, titled, i))
        if not hit and teams and not row and (team := teams.get(str(titled[i]))):
            hit = (i + 1, "ORG", team)  # "BULLS" of the Chicago Bulls
        if not hit:
            i += 1
            continue
        m, label, canon = hit
        if teams and label in ("GPE", "LOC") and canon in teams and not row:
            label, canon = "ORG", teams[canon]  # "BLACKBURN SACK HARFORD" over Blackburn Rovers
        nxt = toks[m].text if m < n else ""
        before = toks[i - 1].text if i else ""
        if (
            label in ("GPE", "LOC")
            and canon not in W.country_names
            and canon not in W.nations  # "ENGLAND V PAKISTAN": national sides stay places
            and (SCORE.match(nxt) or nxt in ("AT", "V", "VS") or before in ("V", "VS"))
        ):  # a results table or a fixture list: "HOUSTON AT PITTSBURGH" (the team at a place)
            label, canon = "ORG", " ".join(title_case(t.text) for t in toks[i:m])
        elif before == "AT" and label == "ORG" and (place := _place(titled[i:m])):
            label, canon = place  # ... where the table names the place's team elsewhere
        emit(doc, s_i, toks, i, m, label, canon, MEDIUM)
        i = m


def _dateline(doc: Doc, s_i: int, toks) -> int:
    """A dateline: "KHARTOUM 2019-05-02" is the place the story was filed from, even where
    the story names a team after it ("NEW YORK 1996-08-30" over baseball). The number of
    tokens it takes (0 if the line opens with none)."""
    n = len(toks)
    m = 0
    while m < n and toks[m].text[:1].isalpha() and toks[m].text.isupper():
        m += 1
    if 0 < m <= 3 and m < n and DATE_TOKEN.match(toks[m].text):
        words = [title_case(t.text) for t in toks[:m]]
        key = " ".join(words)
        place = gazetteer_label(words)
        label, canon = place or (("ORG" if key in W.known_orgs else "GPE"), key)
        emit(doc, s_i, toks, 0, m, label, canon, MEDIUM)
        return m
    return 0


def _known_name(doc: Doc, toks, titled, i: int, known) -> tuple[int, str, str] | None:
    """The longest name (up to four words) at toks[i] that the document or the lists know:
    (its end, label, canonical name)."""
    for m in range(min(len(toks), i + 4), i, -1):
        if None in titled[i:m]:
            continue
        words = titled[i:m]
        key = " ".join(words)
        raw = " ".join(t.text for t in toks[i:m])
        if key in known:
            return (m, *known[key])
        if m - i > 1 and (hit := _known_with_particles(words, known)):
            return (m, *hit)  # "BANK OF FRANCE" of "Bank of France", "FORD BRITAIN"
        if raw in known and raw.isupper():
            return (m, *known[raw])
        if key in doc.people:
            return m, "PERSON", doc.people[key]
        g = gazetteer_label(words)
        if g and (
            g[0] != "GPE"
            or key in W.nations
            or key in W.us_states
            or W.cities.get(key, 0) >= 100_000
        ):
            return (m, *g)
        if key in W.known_orgs or raw in W.known_orgs:
            return m, "ORG", key if key in W.known_orgs else raw
        if raw in INDEX_NAMES or key in INDEX_NAMES:  # "Nikkei 21,045.10 down 98.32"
            return m, "PRODUCT", raw if raw in INDEX_NAMES else key
    return None


#: The small words of a name that a headline writes in capitals: "BANK OF FRANCE".
_PARTICLES = frozenset(
    {"Of", "And", "The", "For", "De", "Du", "La", "Le", "Do", "Da", "Del", "Des"}
)


def _known_with_particles(words, known) -> tuple[str, str] | None:
    """(label, entity) of the organisation or event the document writes as the title-cased
    `words` with their small words in lower case ("Bank Of France" -> "Bank of France",
    "Tour De France"), or of two words with "of" between them ("Ford Britain" -> "Ford of
    Britain")."""
    if not _PARTICLES.isdisjoint(words[1:]):
        key = " ".join([words[0], *(w.lower() if w in _PARTICLES else w for w in words[1:])])
        hit = known.get(key)
        return hit if hit is not None and hit[0] in ("ORG", "EVENT") else None  # "TOUR DE FRANCE"
    if len(words) == 2:
        hit = known.get(f"{words[0]} of {words[1]}")
        return hit if hit is not None and hit[0] == "ORG" else None
    return None


#: Prefixes that make a word of a name ("Non-Opec"), no organisation's first word.
_NO_NAME_PREFIXES = ("Non-", "Anti-", "Pro-", "Ex-", "Post-", "Pre-", "Mid-")


def _org_by_last_word(doc: Doc, titled, i: int) -> tuple[int, str, str] | None:
    """ "JAKARTA POST", "ACME HOLDINGS": an organisation by its last word; not "NON-OPEC
    OIL", whose first word is a prefix's, nor "LARGEST STEEL" of "BRAZIL'S LARGEST STEEL
    MILL HALTED", whose first word is a common one (written in lower case in the story, a
    stop word, or a superlative)."""
    if titled[i].startswith(_NO_NAME_PREFIXES):
        return None
    for m in range(min(len(titled), i + 4), i + 1, -1):
        words = titled[i:m]
        if None in words or any(w.lower() in FUNCTION for w in words):
            continue
        if org_suffix(words[-1]) and words[-1] not in _NO_ORG_LAST:
            if _common_word(doc, words[0]):
                return None
            return m, "ORG", " ".join(words)
    return None


#: Last words of organisations' names that in a headline end no name: "WORLD MARKETS
#: ROUND-UP", "MAN CITY".
_NO_ORG_LAST = frozenset({"United", "City", "Town", "Market", "Markets"})


def _common_word(doc: Doc, word: str) -> bool:
    """Whether a title-cased word of a headline is a common word, no name's: the story writes
    it in lower case (but a sport's name: "RUGBY UNION"), it is a stop word, or a word of
    rank ("Largest", "Leading")."""
    low = word.lower()
    return (
        low in W.stopwords
        or low in _RANK_WORDS
        or (low in doc.lower_vocab() and low not in SPORT_NAMES)  # not "RUGBY UNION"
    )


#: Words of rank or comparison that open a headline's common noun phrase: "LARGEST STEEL
#: MILL", "ON WEAKER CHEMICALS DEMAND".
_RANK_WORDS = frozenset(
    "largest biggest leading major top second third fourth smallest oldest weaker stronger "
    "higher lower bigger smaller better worse firmer softer cheaper dearer slower faster "
    "weak strong firm soft".split()
)


def _place(words) -> tuple[str, str] | None:
    """The place the title-cased `words` name, if the lists know one."""
    return gazetteer_label([w for w in words if w is not None])


#: The last words of a sports competition's name: "ITALIAN GRAND PRIX", "HONG KONG OPEN".
_SPORTS_EVENTS = frozenset(
    "Cup Cups Championship Championships Olympics Open Grand Prix Tour Trophy Masters "
    "Classic Marathon Rally Series Derby Stakes Tournament Invitational Challenge Slam "
    "Shield".split()
)
_EVENT_OR_LEAGUE = _SPORTS_EVENTS | COMPETITION_HEADS


def _sports_event(titled, i: int) -> int:
    """ "BERLIN GRAND PRIX", "U.S. OPEN", "ENGLISH COUNTY CHAMPIONSHIP": a place or a
    nationality, then up to two more words, the last of them a competition's (in a story about
    sport; "KOREAN GAMES" are only games); where it ends, 0 if none starts at titled[i]."""
    n = len(titled)
    if titled[i] is None:
        return 0
    place = 2 if i + 1 < n and titled[i + 1] is not None and _place(titled[i : i + 2]) else 0
    place = place or (1 if _place(titled[i : i + 1]) else 0)
    if not place:
        return 0
    for m in range(min(n, i + place + 2), i + place, -1):
        words = titled[i + place : m]
        if None in words or any(
            str(w).lower() in FUNCTION or "-" in str(w) or str(w).endswith("s") for w in words[:-1]
        ):
            continue  # "U.S. TEAMS OPEN ON ROAD": a plural between is what opens
        if words[-1] in _SPORTS_EVENTS:
            return m
    return 0


#: A press digest's slug: "PRESS DIGEST - Indonesian newspapers - August 30".
_DIGEST = regexes.compile(r"\s*(?:PRESS DIGEST|Press Digest|Press digest)\b")


def press_digest(text: str) -> bool:
    """Whether the text is a wire service's press digest (its slug opens it)."""
    return _DIGEST.match(text, 0, 40) is not None


def digest_papers(doc: Doc, caps_lines: list) -> list:
    """In a press digest, a line in capitals on its own ("KOMPAS", "JAKARTA POST", "LA
    PRESSE") heads the stories of one newspaper: the newspaper, an organisation, though its
    words name a place. The other lines in capitals are returned, for pass 4; the slug's own
    words ("PRESS DIGEST") name nothing."""
    text = doc.text
    slug = _DIGEST.match(text)
    if slug is not None:
        doc.found = [f for f in doc.found if f.start >= slug.end()]
    rest = []
    for s_i, toks in caps_lines:
        # the line of the sentence's first word ("- - - -" may be read with it)
        i = next((k for k, t in enumerate(toks) if t.text[:1].isalpha()), len(toks))
        j = i
        while j < len(toks) and toks[j].text.isalpha() and toks[j].text.isupper():
            j += 1
        if s_i == 0 or i == j or j - i > 4:
            rest.append((s_i, toks))
            continue
        line_start = text.rfind("\n", 0, toks[i].start) + 1
        line_end = text.find("\n", toks[j - 1].end)
        line_end = len(text) if line_end < 0 else line_end
        if text[line_start : toks[i].start].strip() or text[toks[j - 1].end : line_end].strip():
            rest.append((s_i, toks))
            continue
        canon = " ".join(title_case(t.text) for t in toks[i:j])
        emit(doc, s_i, toks, i, j, "ORG", canon, MEDIUM)
    return rest


def town_teams(doc: Doc) -> dict[str, str]:
    """In a story about sport, the teams it names by a town and a plural or a club's word
    ("Blackburn Rovers", "Chicago Bulls", "Leeds United"; not "Vancouver IndyCar"): the town
    and the word alone -> the team, for its headlines,
    where "BLACKBURN" and "BULLS" are the team. A nation's side is named so too ("England
    B"), and keeps its nation: no nation is listed."""
    if not is_about_sport(doc):
        return {}
    teams: dict[str, str] = {}
    text = doc.text
    for f in doc.found:
        if f.label != "ORG" or f.ntokens != 2:
            continue
        town, _, word = text[f.start : f.end].partition(" ")
        if (
            town in W.nations
            or word.lower() in FUNCTION
            or not word[:1].isupper()
            or not (word in TEAM_ENDS or (word[-1:] == "s" and word[-2:] != "'s"))
            or not (town in W.cities or gazetteer_label([town]))
        ):
            continue
        teams.setdefault(town, f.entity)
        teams.setdefault(word, f.entity)
    return teams


def _after_slug(toks: list[Token]) -> list[Token]:
    """The tokens of a headline with its sport's slug cut off the word it is joined to:
    "SOCCER-DONCASTER SACK ...", "AMERICAN FOOTBALL-RANDALL CUNNINGHAM RETIRES" (the word
    after the hyphen is the headline's first)."""
    for k, t in enumerate(toks[:3]):
        head, dash, tail = t.text.partition("-")
        if not dash or not tail[:1].isalpha():
            continue
        sport = head.lower()
        cut = Token(t.start + len(head) + 1, t.end, tail)
        if k and f"{toks[k - 1].text.lower()} {sport}" in SPORT_NAMES:
            return [*toks[: k - 1], cut, *toks[k + 1 :]]  # "NFL AMERICAN FOOTBALL-RANDALL"
        if sport in SPORT_NAMES:
            return [*toks[:k], cut, *toks[k + 1 :]]
        break
    return toks
