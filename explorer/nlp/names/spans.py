"""Pass 2: capitalised spans in ordinary lines, cut into roles, places, honorifics and names."""

from __future__ import annotations

from explorer.nlp import regexes
from explorer.nlp.names.groups import party_name
from explorer.nlp.names.guesses import (
    MEDIUM,
    STRONG,
    UNCONFIRMED,
    Doc,
    Guess,
    emit,
    emit_title,
    is_about_sport,
)
from explorer.nlp.names.joined import (
    ARM_PLACES,
    body_of_places,
    firm_of_partners,
    firm_of_two,
    national_arm,
    partners_with_form,
    portfolios_listed,
    service_of_places,
)
from explorer.nlp.names.lists import (
    COMPANY_FORMS,
    COMPANY_PREV,
    COMPETITION_HEADS,
    FUNCTION,
    JOINED_PARTICLE,
    LOCAL_COUNTRIES,
    LOWER_TITLES,
    MONTHS_DAYS,
    NAME_OPENERS,
    NAME_PARTICLES,
    NAME_PARTICLES_2,
    OCCUPATIONS,
    OF_HEADS_EXTRA,
    ORG_ENDING,
    PARTICLE_PLACE_HEADS,
    PEER_STYLES,
    PERSON_VERBS,
    PLAYER_ROLES,
    PORTFOLIO_WORDS,
    PREFIXED,
    SHORT_MONTHS,
    SURNAME_ENDING,
    TITLES_THAT_ARE_NAMES,
    W,
    competition_end,
    gazetteer_label,
    longest_gazetteer,
    org_suffix,
    word_list,
)
from explorer.nlp.names.places import (
    TOWN_JOINERS,
    compound,
    local_town,
    possessive_place,
    town_before_suffix,
    town_joined,
)
from explorer.nlp.names.postnominals import POST_NOMINALS, without_post_nominals
from explorer.nlp.names.rules import (
    PLAYER_NEXT,
    SURNAMES_THAT_NAME_TRADES,
    label_name,
    sport_person,
)
from explorer.nlp.names.tokens import (
    DATE_TOKEN,
    HAS_DIGIT,
    SCORE,
    Token,
    is_cap,
    is_sentence_initial,
    title_case,
    words_of,
)
from explorer.nlp.titles_words import (
    LOWER_ONLY_HEADS,
    SEATS,
    ends_in_office,
    portfolio_title_end,
    with_lower_heads,
)

_LONGEST_SPAN = 14


_QUOTED_TITLE = regexes.compile(
    r"[\"“] ?((?:[A-Z0-9][\w'’-]*)(?: (?:[A-Z0-9][\w'’-]*|of|the|a|an|and|in|on|at|to|for|with|from"
    r"|is|are|my|your|me|you|no))*? (?:[A-Z0-9][\w'’-]*)) ?[\"”]"
)


def quoted_titles(doc: Doc, s_i: int, text: str, start: int, end: int, toks):
    """A title in quotes, every word capitalised but the short ones ("Songs of the Valley"), is
    the name of a work; its words are taken out of the sentence's other names."""
    taken = _nicknamed(doc, s_i, text, start, end)
    for m in _QUOTED_TITLE.finditer(text, start, end):
        s, e = m.span(1)
        if taken and any(a <= s < b for a, b in taken):
            continue  # the nickname of a person's name
        words = m.group(1).split()
        if len(words) > 8 or all(w.isupper() for w in words):
            continue
        if W.places.get(m.group(1)):
            continue  # "New York" in quotes is still the place
        doc.found.append(Guess(s, e, "WORK_OF_ART", m.group(1), STRONG, s_i, len(words)))
        taken.append((s, e))
    if not taken:
        return toks
    return [t for t in toks if not any(s <= t.start < e for s, e in taken)]


#: A nickname in quotes inside a person's name: 'Hector "Macho" Camacho', 'Roberto "Hands of
#: Stone" Duran'.
_NICKNAMED = regexes.compile(
    r"([A-Z][\w'’-]*) [\"“] ?([A-Z][\w'’-]*(?: (?:[A-Z][\w'’-]*|of|the)){0,3}) ?[\"”] "
    r"([A-Z][a-z][\w'’-]*)"
)


def _nicknamed(doc: Doc, s_i: int, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A person named with a nickname in quotes between the given name and the surname is
    that person, the whole a name (his name without the nickname is the entity); the spans
    taken."""
    taken = []
    for m in _NICKNAMED.finditer(text, start, end):
        given, surname = m.group(1), m.group(3)
        if given not in W.first_names or surname.lower() in W.stopwords:
            continue
        s, e = m.start(1), m.end(3)
        ntok = len(text[s:e].split())
        doc.found.append(Guess(s, e, "PERSON", f"{given} {surname}", STRONG, s_i, ntok))
        taken.append((s, e))
    return taken


#: A team's name in a result: capitalised words, "of" or "'s" inside ("Queen of South",
#: "Queen 's Park"), and a town's initial in brackets after it ("Proleter ( Z )").
_SIDE = r"[A-Z][\w'.-]*(?: (?:[A-Z][\w'.-]*|of|'s)){0,3}(?: \( [A-Z]{1,3} \))?"

_RESULT = regexes.compile(
    rf"\s*({_SIDE}) (\d{{1,3}}) ({_SIDE}) (\d{{1,3}})"
    r"(?: \( ?([^()\n]{1,80}?) ?\))?\s*"  # "( in 12 )", "(OT)", "( Ajax win on penalties )"
)

#: A fixture: "Leeds v Arsenal", "Coventry vs Sheffield Wednesday".
_FIXTURE = regexes.compile(rf"\s*({_SIDE}) (?:v|vs|V|VS)\.? ({_SIDE})\s*")

#: A fixture's lead-in: "Postponed : ", "Playing Sunday: ".
_FIXTURE_LEAD = regexes.compile(r"\s*[A-Z][a-z]+(?: [A-Za-z]+)? ?: ")

_LOWER = regexes.compile(r"[a-z]")


def result_line(doc: Doc, s_i: int, text: str, start: int, end: int, toks):
    """A result, "Ashford 2 Kingsbridge Rovers 1", "MILWAUKEE 5 Minnesota 4 ( in 12 )": the
    two sides are teams (or countries). A note in brackets after it is read as words where
    it has some ("( Ajax win on penalties )"), and is no name where it is a code ("( OT )").
    The tokens left to read; `toks` itself if the line is no result."""
    m = _RESULT.fullmatch(text, start, end)
    if not m:
        return toks
    _side(doc, s_i, m, 1)
    _side(doc, s_i, m, 3)
    note = m.start(5) if m.group(5) and _LOWER.search(m.group(5)) else end
    return [t for t in toks if t.start >= note]


def fixture_line(doc: Doc, s_i: int, text: str, start: int, end: int, toks):
    """A fixture, "Leeds v Arsenal", "Coventry vs Sheffield Wednesday": the two sides are
    teams (or countries). The tokens left to read; `toks` itself if the line is none."""
    m = _FIXTURE.fullmatch(text, start, end)
    if not m:
        lead = _FIXTURE_LEAD.match(text, start, end)
        if lead is None or not (m := _FIXTURE.fullmatch(text, lead.end(), end)):
            return toks
        _side(doc, s_i, m, 1)
        _side(doc, s_i, m, 2)
        return [t for t in toks if t.end <= lead.end()]
    _side(doc, s_i, m, 1)
    _side(doc, s_i, m, 2)
    return []


def _side(doc: Doc, s_i: int, m, group: int) -> None:
    """One side of a result or a fixture: a team, or a country's national side."""
    s, e = m.span(group)
    name = m.group(group)
    if name[-1] == "." and name.count(".") == 1:
        name, e = name[:-1], e - 1  # "Cyprus v Israel.": the sentence's full stop
    words = name.split()
    if name.isupper() and not (len(words) == 1 and len(name) <= 3):
        words = [title_case(w) for w in words]  # "NEW YORK"; not "LG"
    key = " ".join(words)
    hit = gazetteer_label(words)
    if hit and (key in W.nations or hit[0] == "LOC"):  # national sides: "Wales"
        doc.found.append(Guess(s, e, hit[0], hit[1], STRONG, s_i, len(words)))
    else:
        doc.found.append(Guess(s, e, "ORG", key, STRONG, s_i, len(words)))
        if hit:
            doc.clubs.add(key)  # the town's team throughout the story ("Leeds v Arsenal")
            doc.table_clubs.add(key)


def scan_sentence(doc: Doc, s_i: int, toks: list[Token], table: bool) -> None:
    """Find the names in one sentence's tokens: roles, places, honorifics, then capitalised runs."""
    n = len(toks)
    heads, mods = W.titles
    org_heads = W.org_heads
    lower_titles = LOWER_TITLES
    starts = [
        k
        for k, t in enumerate(toks)
        if t.text[0].isupper()
        or t.text in lower_titles
        or ("-" in t.text and PREFIXED.match(t.text))
    ]
    j_done = 0
    for i in starts:
        if i < j_done:
            continue
        word = toks[i].text
        if "-" in word and not word[:1].isupper():
            m = PREFIXED.match(word)
            if m and m.group(1).lower() not in MONTHS_DAYS:  # "ex-England", not "mid-July"
                hit = gazetteer_label([m.group(1)])
                canon = hit[1] if hit else m.group(1)
                doc.found.append(Guess(toks[i].start, toks[i].end, "NORP", canon, MEDIUM, s_i, 1))
                continue
        # Lower-case titles next to a name: "the prime minister", "the president of"; and one
        # opening its sentence, "Chief executive Michael O'Leary said".
        if k := _opening_lower_title(doc, s_i, toks, i):
            j_done = k
            continue
        j = i + 1
        has_of = False
        of_at = 0  # where the last "of" that made the span a name's is
        while j < n:
            w = toks[j].text
            # (a joined particle has a hyphen: look for one before the pattern runs)
            if (
                (w[0].isupper() and w not in ("'s", "’s"))
                or ("-" in w and JOINED_PARTICLE.match(w))
                or (w in TOWN_JOINERS and j + 1 < n and town_joined(toks, j))
            ):
                j += 1  # "Omar al-Hakim", "Ali bin-Hassan", "Newcastle upon Tyne"
                continue
            nxt = toks[j + 1].text if j + 1 < n else ""
            if (
                w in NAME_PARTICLES_2
                and nxt in NAME_PARTICLES_2
                and j + 2 < n
                and (toks[j + 2].text[:1].isupper())
            ):
                j += 3  # "van der Merwe", "de la Cruz"
                continue
            if nxt == "the" and (k := _of_or_for_the(toks, j, n, heads, mods, org_heads)):
                # "Organization of the Petroleum Exporting Countries", "Royal Society for the
                # Protection of Birds"
                has_of, of_at = True, j
                j = k
                continue
            k = (
                _name_goes_on(doc, toks, i, j, n)
                if w in _JOINERS
                and not nxt[:1].islower()
                and (w != "of" or toks[j - 1].text == "Group" or nxt in ARM_PLACES)
                else 0
            )
            if k:
                j = k  # "Merrill Lynch and Co", "Group of 77", "Food and Drug Administration"
                continue
            if w in _POSSESSIVE and (k := _past_possessive(toks, i, j, heads)):
                j = k
                continue
            if not nxt or not is_cap(nxt):
                break
            prev = toks[j - 1].text
            if w in NAME_PARTICLES or (
                w == "do"
                and (
                    prev in PARTICLE_PLACE_HEADS
                    or nxt in LOCAL_COUNTRIES
                    or _place_with_do(toks, i, j, nxt)
                )
            ):
                # "Ludwig van Beethoven", "Vila do Conde", "Volkswagen do Brasil", "Rio Grande
                # do Sul" (not "How do I")
                j += 2
                continue
            if w == "of" and (
                prev in org_heads
                or prev in heads
                or prev in OF_HEADS_EXTRA
                # "African Cup of Nations"; not "the Uruguay Round of GATT talks"
                or (prev in W.event_words and not nxt.isupper())
            ):
                has_of, of_at = True, j
                j += 2
                continue
            if (
                w == "of"
                and j - i <= 3
                and not any(t.text in W.first_names for t in toks[i:j])
                and toks[i].text.lower() not in doc.lower_vocab()
                # not a plural of people opening its sentence: "Customers of Welsh Water"
                and not (j - i == 1 and toks[i].text[-1:] == "s" and is_sentence_initial(toks, i))
            ):
                # "Protection of Wildlife Bill", "Prevention of Fraud Act"
                k = j + 1
                while k < n and is_cap(toks[k].text):
                    k += 1
                end_word = toks[k - 1].text
                if (
                    end_word in W.law_words
                    or end_word in W.org_suffixes
                    or (end_word in W.event_words)
                ):
                    j = k
                    continue
            if (
                w in ("for", "on")
                and _named_for_or_on(w, prev, org_heads)
                and nxt.lower() not in MONTHS_DAYS
            ):
                has_of, of_at = True, j  # "Organisation for Security and Cooperation in Europe"
                j += 2
                continue
            if (
                w == "in"
                and has_of
                and gazetteer_label([nxt])
                and (j + 2 >= n or not is_cap(toks[j + 2].text))
            ):
                j += 2
                continue
            if w in ("'s", "’s") and nxt in COMPANY_FORMS:
                j += 2  # "Standard and Poor's Corp"
                continue
            if w == "and" and prev == "Savings" and nxt in ("Loan", "Loans"):
                j += 2  # "Prairie Savings and Loan (Association)": a thrift's one name
                continue
            if (
                w == "&"
                or (
                    w == "and"
                    and has_of
                    and nxt not in W.first_names
                    # not after a name or a country the "of" led to: "Secretary of State
                    # George Shultz and", "the Bank of England and the Bundesbank"
                    and not any(t.text in W.first_names for t in toks[of_at:j])
                    and not (
                        j - of_at == 2
                        and gazetteer_label([toks[j - 1].text])
                        and (prev, nxt) != ("England", "Wales")  # one jurisdiction
                    )
                    and nxt not in W.known_orgs
                )
            ):
                j += 2  # "Department of Trade and Industry"; not "Treaty of Rome and Bill Clinton"
                continue
            if (
                w == "and"
                and (prev in mods or (j - i > 1 and f"{toks[j - 2].text} {prev}" in mods))
                and (nxt in mods or nxt in heads)
            ):
                j += 2  # "Trade and Industry Secretary", "Primary Industries and Energy Minister"
                continue
            if w == "." and len(prev) == 1:
                j += 2
                continue
            break
        j = _read_run(doc, s_i, toks, i, j, table, heads, mods)
        j_done = j


def _place_with_do(toks, i: int, j: int, nxt: str) -> bool:
    """Whether the last words of toks[i:j], "do" and `nxt` name a place the lists know: "Rio
    Grande do Sul", "Sao Bernardo do Campo"."""
    places = W.places
    return any(
        f"{' '.join(t.text for t in toks[k:j])} do {nxt}" in places for k in range(max(i, j - 3), j)
    )


def _portfolio_at_end(toks, i: int, j: int, heads, mods) -> int:
    """Where the portfolio in capitals that ends the span toks[i:j] starts, when a title in
    lower case and a name follow it: "Lib Dem Treasury spokesman Vince Cable" (the index of
    "Treasury"); j when there is none ("a Treasury spokesman said": the ministry speaks)."""
    n = len(toks)
    if not (
        j + 1 < n
        and toks[j].text.islower()
        and toks[j].text.capitalize() in heads
        and is_cap(toks[j + 1].text)
        and toks[j + 1].text not in mods
    ):
        return j
    k = j
    while k > i and toks[k - 1].text in _PORTFOLIO_WORDS:
        k -= 1
    if k < j and toks[k].text == "and":
        k += 1
    if k > i and toks[k - 1].text in ("of", "for", "&"):
        return j  # "California Institute of Technology professor X": the name's own word
    return k


_POSSESSIVE = frozenset(("'s", "’s", "'", "’"))

#: Plural nouns whose possessive a name runs on past: "the Women's Institute", "the
#: Transport Workers' Union", "Great Ormond Street Children's Hospital"; not the parties
#: ("the Democrats' Senate leader").
_POSSESSORS_IN_NAMES = frozenset(
    "People Peoples Workers Women Men Children Farmers Citizens Veterans Teachers Nurses "
    "Miners Employers Consumers Taxpayers Students Soldiers Officers Pensioners Mothers "
    "Fathers Friends Voters Owners Shareholders Investors Seamen Boatmen Fishermen "
    "Journalists Writers Traders Builders Engineers Physicians Surgeons Doctors Lawyers "
    "Governors Mayors Servicemen Growers Producers Manufacturers Exporters Importers "
    "Retailers Merchants Scientists Artists Musicians Actors Players Cricketers "
    "Footballers Athletes Editors Publishers Broadcasters Agents Managers Officials "
    "Patients Prisoners Refugees Railwaymen Dockers Drivers Pilots Bishops Peers Lords "
    "Ladies Gentlemen Boys Girls Sailors Airmen".split()
)


def _past_possessive(toks, i: int, j: int, heads) -> int:
    """Where the name toks[i:j] goes on to when the possessive toks[j] is its own: "McDonald's",
    "Moody's Investors Service" (j + 1), "People's Republic of China", "Kurdistan Workers'
    Party" (j + 2); 0 when the possessive ends it."""
    if j - i == 1 and toks[i].text + "'s" in W.known_orgs:
        return j + 1
    nxt = toks[j + 1].text if j + 1 < len(toks) else ""
    if is_cap(nxt) and possessive_place(toks[j - 1].text, nxt):
        return j + 2  # "King's Lynn", "Bishop's Stortford": a town, no title's
    if (
        is_cap(nxt)
        and toks[j - 1].text in _POSSESSORS_IN_NAMES
        and nxt not in heads  # "Children's Minister Margaret Hodge": the title's
        and nxt not in W.first_names  # "The Producers' Nathan Lane"
    ):
        return j + 2
    if (
        toks[j].text in ("'", "’")
        and is_cap(nxt)
        and toks[j - 1].text.endswith("s")
        and toks[j - 1].text not in _PARTY_MEMBERS
        # "The United Nations' Economic Commission": a known body's, not one name
        and not any(" ".join(t.text for t in toks[k:j]) in W.known_orgs for k in range(i, j))
        and nxt not in heads
        and nxt not in W.first_names
        and _body_ends(toks, j + 1)
    ):
        return j + 2  # "the Shale Employees' Federation", "the Tenants' Rights Association"
    return 0


def _body_ends(toks, k: int) -> bool:
    """Whether the capitalised words from toks[k] (three at most) end as a body's name does:
    "Federation", "Rights Association", "Union"; not "Senate leader", "Chris Smith"."""
    n = len(toks)
    end = k
    while end < n and end - k < 3 and is_cap(toks[end].text):
        end += 1
    last = toks[end - 1].text
    return org_suffix(last) and last in W.org_heads


# The words of a portfolio before a minister or spokesman: "Home Affairs", "Treasury"; not
# whose it is ("Labour") nor the end of an organisation's name ("Salvation Army"): the
# shared list (data/portfolio_words.txt) and this reading's own. Not facts/titles.py's others: the
# run is read back from the title word by word, so "Labour" or "Market" would take the
# party's or the name's word ("Labour spokesman X", "Market leader").
_PORTFOLIO_WORDS = PORTFOLIO_WORDS | frozenset({"Shadow", "Treasury", "Constitutional", "Legal"})


def _read_run(doc: Doc, s_i: int, toks, i: int, j: int, table: bool, heads, mods) -> int:
    """Label the capitalised run toks[i:j]; where the reading ends (past a lower-case title
    the run's portfolio opens)."""
    n = len(toks)
    if (
        j - i == 1
        and (
            (j < n and toks[j].text[:1] == "1")
            or (i and toks[i - 1].text[:1] == "1")  # a year: look no further for most
        )
        and _club_with_year(doc, s_i, toks, i)
    ):
        pass  # "Munich 1860", "1860 Munich"
    elif j - i > _LONGEST_SPAN:  # a run of capitals, not a name: read it like a headline
        doc.long_runs.append((s_i, toks[i:j]))
    elif (k := _portfolio_at_end(toks, i, j, heads, mods)) < j:
        # "Lib Dem Treasury spokesman Vince Cable": the portfolio is the title's
        if k > i:
            _segment(doc, s_i, toks, i, k, table, heads, mods)
        canon = " ".join([*(t.text for t in toks[k:j]), toks[j].text.capitalize()])
        doc.found.append(Guess(toks[k].start, toks[j].end, "TITLE", canon, STRONG, s_i, j + 1 - k))
        j += 1
    else:
        _segment(doc, s_i, toks, i, j, table, heads, mods)
    return j


#: The year a club was founded, in its name: "Munich 1860", "1860 Munich".
_FOUNDED = regexes.compile(r"1[89]\d\d$")


def _club_with_year(doc: Doc, s_i: int, toks, i: int) -> bool:
    """A town's name with a year just before or after it, in a story about sport, is a
    club's name: "Munich 1860 drew 0-0", "1860 Munich coach"; emitted as one name. True if
    it was one."""
    word = toks[i].text
    if word not in W.cities:
        return False
    n = len(toks)
    if i + 1 < n and _FOUNDED.match(toks[i + 1].text) and toks[i + 1].start == toks[i].end + 1:
        a, b = i, i + 2
    elif (
        i > 0
        and _FOUNDED.match(toks[i - 1].text)
        and toks[i - 1].end + 1 == toks[i].start
        and (i == 1 or toks[i - 2].text.lower() not in _YEAR_BEFORE)
    ):
        a, b = i - 1, i + 1
    else:
        return False
    if not is_about_sport(doc):
        return False
    emit(doc, s_i, toks, a, b, "ORG", " ".join(words_of(toks, a, b)), STRONG)
    return True


#: Words before a year that make it the year of something else: "in 1860 Munich ...".
_YEAR_BEFORE = frozenset({"in", "of", "since", "from", "until", "by", "before", "after", "about"})


#: The sizes of the groups of nations named "Group of Seven", "Group of 77".
_GROUP_SIZES = frozenset(
    {"Three", "Five", "Six", "Seven", "Eight", "Ten", "Fifteen", "Twenty"}
    | {"3", "5", "6", "7", "8", "10", "15", "20", "24", "77"}
)

#: The last word of a public body's name that joins the words before it across "and":
#: "Securities and Exchange Commission", "Food and Drug Administration".
_INSTITUTION_ENDS = frozenset(
    {"Commission", "Committee", "Subcommittee", "Administration", "Board", "Agency"}
    | {"Authority", "Council", "Bureau", "Office", "Exchange", "Department", "Ministry"}
    | {"Organisation", "Organization", "Institute"}  # "Food and Agriculture Organisation"
)

#: The lower-case word after a committee's name: "the House Ways and Means subcommittee".
_COMMITTEE_NOUNS = frozenset({"committee", "subcommittee", "panel"})

#: The houses whose committees are named so ("House Energy and Commerce Committee").
_CHAMBERS = frozenset({"House", "Senate", "Commons", "Lords"})


def _body_for_place(doc: Doc, toks, i: int, j: int, n: int) -> int:
    """Where the name of a public body, named for what it does and the place it does it in,
    ends when the "for" at `j` is its own: "Transport for Wales", "Sport for Scotland",
    "Homes for London", "Transport for Greater Manchester"; 0 if it is not so. The words
    before "for" are one or two common nouns, not a name ("Jones for Wales"; in a story about
    sport, a word the story also writes in lower case), a title ("the Secretary for
    Scotland") or a place; the place after it ends the name. Opening a
    sentence, the noun is a body's only if the document writes it so elsewhere or never
    writes it in lower case ("Support for Scotland grew": a noun)."""
    if j - i > 2 or (i and toks[i - 1].text.lower() in COMPANY_PREV):
        return 0  # "oil giant Shell for Australia's Woodside": a company, then a place
    heads = W.titles[0]
    for t in toks[i:j]:
        w = t.text
        if (
            not (w.isalpha() and w.istitle())
            or w in W.first_names
            or w in heads
            or w in W.places
            or w in W.honorifics
            or w in W.known_orgs  # "oil giant Shell for Australia's Woodside"
            or w.lower() in W.stopwords
            or SURNAME_ENDING.search(w)
        ):
            return 0
    at = j + 2 if j + 2 < n and toks[j + 1].text in _PARTS_OF_PLACES else j + 1
    g_len, g_label, _canon = longest_gazetteer(toks, at, n)
    end = at + g_len
    if not g_len or g_label not in ("GPE", "LOC") or (end < n and is_cap(toks[end].text)):
        return 0
    if (i and toks[i - 1].text in _QUOTE_MARKS) or (end < n and toks[end].text == "!"):
        return 0  # a cry in quotes: '"Freedom for Chechnya!"'
    if end < n and (toks[end].text in LOWER_TITLES or toks[end].text in PLAYER_ROLES):
        return 0  # "a bid from Rangers for Scotland captain Barry Ferguson": his country's
    if j - i == 1 and _surname_in(doc, toks[i].text):
        return 0  # "Souness backs Smith for Scotland" where "Walter Smith" is named

    if is_about_sport(doc) and any(t.text.lower() not in doc.lower_vocab() for t in toks[i:j]):
        return 0  # "Smith for England": a player's caps, in a story about sport
    if (
        is_sentence_initial(toks, i)
        and toks[i].text not in doc.mid_caps()
        and toks[i].text.lower() in doc.lower_vocab()
        and not (end < n and toks[end].text in PERSON_VERBS)
    ):
        return 0
    return end


_QUOTE_MARKS = frozenset({'"', "“", "'", "‘"})


def _surname_in(doc: Doc, word: str) -> bool:
    """Whether the document writes `word` after a given name ("Walter Smith"): a surname.
    (Asked only of the rare word before "for" and a place: a scan of the text each time.)"""
    text = doc.text
    k = text.find(" " + word)
    while k > 0:
        before = text.rfind(" ", 0, k) + 1
        if text[before:k] in W.first_names:
            return True
        k = text.find(" " + word, k + 1)
    return False


#: The words before a place's name that make a part of it: "Greater Manchester", "North
#: Wales".
_PARTS_OF_PLACES = frozenset(
    "Greater North South East West Northern Southern Eastern Western Central Mid Inner "
    "Outer".split()
)


def _named_for_or_on(w: str, prev: str, org_heads) -> bool:
    """Whether a name goes on past "for" or "on" after `prev`: an organisation's ("Organisation
    for Security and Cooperation in Europe") or an agreement's ("General Agreement on Tariffs
    and Trade"; not "Bill for Crossrail")."""
    return (
        prev in org_heads
        or org_suffix(prev)
        or (w == "on" and prev in W.law_words and prev not in W.first_names)
    )


def _name_goes_on(doc: Doc, toks, i: int, j: int, n: int) -> int:
    """Where the name toks[i:j] begins ends when it goes on past the "and", comma, "of" or
    "for" at `j`: as a company's ("Merrill Lynch and Co", "Ford of Britain"), a group of
    nations's ("Group of 77"), a public body's ("Food and Drug Administration", "Avon and
    Somerset Police", "Ministry of Housing, Communities and Local Government", "Transport
    for Wales") or a firm's of two ("the law firm Carlyle and Webb"); 0 if it does not."""
    w = toks[j].text
    if w == "for":
        return _body_for_place(doc, toks, i, j, n)  # "Transport for Wales"
    if w == "of":
        if toks[j - 1].text == "Group" and j + 1 < n and toks[j + 1].text in _GROUP_SIZES:
            return j + 2
        return national_arm(doc, toks, i, j, n)
    k = _company_goes_on(toks, i, j, n)
    if not k and w == ",":
        k = portfolios_listed(doc, toks, i, j, n) or firm_of_partners(doc, toks, i, j, n)
    if not k and w == "and":
        k = (
            _institution_after_and(toks, i, j, n)
            or service_of_places(doc, toks, i, j, n)
            or body_of_places(doc, toks, i, j, n)
            or firm_of_two(doc, toks, i, j, n)
        )
    return k


#: The words after which a name may go on as a company's, a group's or a public body's.
_JOINERS = frozenset({"and", "et", "und", ",", "of", "for"})


def _institution_after_and(toks, i: int, j: int, n: int) -> int:
    """Where a public body's name that goes on past the "and" at `j` ends: one or two
    capitalised words and an institution's last word ("Securities and Exchange Commission",
    "Monopolies and Mergers Commission"), or, after "House" or "Senate", a committee's name
    before "committee" ("House Ways and Means subcommittee"); 0 if it does not go on. The
    words on each side of "and" must be no place, person, chamber or known organisation:
    "Britain and Trade Commission", "Senate and House Committee" are lists."""
    if j - i > 3 or j + 1 >= n or toks[j - 1].text in COMPANY_FORMS:
        return 0  # "Acme AG and Globex Commission": a company, then another name
    committee = toks[i].text in _CHAMBERS and j - i >= 2  # "Commons Treasury and ..."
    for w in (toks[j - 1].text, toks[j + 1].text):
        if (
            not w[:1].isupper()
            or w in _CHAMBERS
            or w in W.first_names
            or (w in W.known_orgs and not committee)
            or gazetteer_label([w])
        ):
            return 0
    k = j + 1
    while k < n and k - j <= (3 if committee else 2) and toks[k].text[:1].isupper():
        k += 1
    if toks[k - 1].text in _INSTITUTION_ENDS:
        return k
    if k < n and toks[k].text in _COMMITTEE_NOUNS and toks[i].text in _CHAMBERS and j - i >= 2:
        return k
    return 0


#: A party's member after the place he stands for: "Sen. Lloyd Bentsen, a Texas Democrat".
_PARTY_MEMBERS = frozenset({"Democrat", "Republican", "Democrats", "Republicans"})

#: "and" in the legal names of companies ("Lazard Freres et Cie", "Schmidt und Sohn KG").
_AND = frozenset({"and", "et", "und"})


def _company_goes_on(toks, i: int, j: int, n: int) -> int:
    """Where the company's name that toks[i:j] begins ends when it goes on past the "and" or
    comma at `j` ("Merrill Lynch and Co", "Roper and Sons Ltd", "Lazard Freres et Cie",
    "Kidder, Peabody and Co"; not "Acme AG and Globex AG"); 0 if it does not."""
    prev = toks[j - 1].text
    if toks[j].text == ",":
        return _partners_after_comma(toks, i, j, n) if j - i <= 2 else 0
    if prev in COMPANY_FORMS or ORG_ENDING.search(prev):
        return 0
    if j - i > 1 and prev in _UTILITY_WORDS and j + 1 < n and toks[j + 1].text in _UTILITY_WORDS:
        # "China Light and Power", "Pacific Gas and Electric": a utility's two trades
        k = j + 2
        return k + 1 if k < n and toks[k].text in COMPANY_FORMS else k
    return _company_after_and(toks, i, j + 1, n)


#: The trades a utility names itself after, two joined by "and".
_UTILITY_WORDS = frozenset({"Light", "Lighting", "Power", "Gas", "Electric", "Water", "Heat"})


#: The legal forms of a partnership, whose name lists its partners ("Kidder, Peabody and Co").
_PARTNERSHIP = frozenset({"Co", "Co.", "Cie", "Sons", "Company"})


def _partners_after_comma(toks, i: int, j: int, n: int) -> int:
    """Where a partnership's name that the comma at `j` goes on with ends: one or two more
    partners of a word or two ("Kidder, Peabody and Co", "Smith, Barney, Harris Upham and
    Co"), then "and" or "&" and its form; 0 if there is none. No partner may be a name the
    gazetteer knows (a place, a known organisation): "IBM, Apple and Co" is a list."""
    parts = [(i, j)]
    k = j
    while k < n and toks[k].text == "," and len(parts) < 3:
        start = k = k + 1
        while k < n and k - start < 2 and toks[k].text[:1].isupper():
            k += 1
        if k == start:
            return 0
        parts.append((start, k))
    if len(parts) < 2 or k + 1 >= n or toks[k].text not in ("and", "&"):
        return 0
    end = k + 1
    while end < n and end - k <= 3 and toks[end].text[:1].isupper():
        end += 1
    if not (
        (end - k == 2 and toks[end - 1].text in _PARTNERSHIP)
        # "Donaldson, Lufkin and Jenrette Securities Corp": the last partner, the trade, the form
        or (end - k == 4 and toks[end - 1].text in COMPANY_FORMS and org_suffix(toks[end - 2].text))
    ):
        return 0  # "and Co" itself: the last partner is the one before "and"
    for a, b in parts:
        words = [t.text for t in toks[a:b]]
        if gazetteer_label(words) or any(w in W.known_orgs for w in words):
            return 0
    return end


def _company_after_and(toks, i: int, k: int, n: int) -> int:
    """Where a company's name that goes on after "and" ends ("and Co", "and Poor's Corp"):
    a short run of capitalised words ending in a legal form; 0 if there is none."""
    start = k
    while k < n and k - start < 4:
        w = toks[k].text
        if w[0].isupper() or (
            w in ("'s", "’s") and k + 1 < n and toks[k + 1].text in COMPANY_FORMS
        ):
            k += 1
            continue
        break
    if k == start or toks[k - 1].text not in COMPANY_FORMS:
        return 0
    # One more name at most before the legal form ("Poor's Corp", "Gamble Co"): "KeyCorp and
    # Banc One Corp" are two companies; but "E.D. and F. Man Ltd", "Minerals and Metals
    # Trading Corp" are one.
    names = [t.text for t in toks[start:k] if t.text not in COMPANY_FORMS and t.text[:1].isupper()]
    return k if len(names) <= 1 or partners_with_form(toks, i, start - 1, k, names) else 0


# Words after which a lower-case role is one held: "the president", "resigned as chief
# executive", "will become chairman", "has been acting chief executive", "was named chief
# operating officer".
_BEFORE_A_ROLE = frozenset(
    "the The , 's ’s as become became becomes acting interim named appointed elected "
    "promoted senior executive former".split()
)


_OWNERS = frozenset({"his", "her", "its", "their"})
# The word after a title that says whose it is: "a spokesman for the union" ("at" and "with"
# are read by the affiliations: "an economist at X").
_LINKS_AFTER_A_ROLE = frozenset({"for"})


def _set_off_after_name(toks, i: int) -> bool:
    """Whether the title at toks[i] opens an aside after a name: "Lars Holm, a spokesman"
    (not after words in lower case, which may be the title's own: "X, group managing
    director for consumer")."""
    return (
        i >= 3
        and toks[i - 1].text in ("a", "an", "the")
        and toks[i - 2].text == ","
        and is_cap(toks[i - 3].text)
    )


def _second_title(doc: Doc, toks, i: int) -> bool:
    """Whether toks[i] opens a title joined by "and" to one just found: "named X as
    president and chief operating officer"."""
    return (
        i > 1
        and toks[i - 1].text == "and"
        and bool(doc.found)
        and doc.found[-1].label == "TITLE"
        and doc.found[-1].end == toks[i - 2].end
    )


def _modifier_alone(toks, i: int, j: int, n: int) -> bool:
    """Whether a word that mostly opens a title is one alone: "deputy" after "his" (the
    deputy of the one just named), "head" before "of"."""
    w = toks[i].text
    if w == "deputy":
        return i > 0 and toks[i - 1].text in _OWNERS
    return w == "head" and j < n and toks[j].text == "of"


# Words before a title that say when it was held, not what it is.
_NOT_OF_THE_TITLE = frozenset({"Former", "Ex", "Then", "Outgoing", "Incoming", "Retiring", "New"})


def _opening_lower_title(doc: Doc, s_i: int, toks, i: int) -> int:
    """A word in lower case: `_lower_title`. A title in lower case but for the capital that
    opens its sentence ("Chief executive Michael O'Leary said"), or for a portfolio's after a
    possessive ("Labour's Treasury spokesman"): emitted as `_lower_title` does; where it ends,
    0 if none."""
    if not toks[i].text[:1].isupper():
        return _lower_title(doc, s_i, toks, i)
    if i + 1 >= len(toks) or not toks[i + 1].text.islower():
        return 0
    portfolio = (
        i
        and toks[i - 1].text in ("'s", "’s")
        and toks[i].text in W.titles[1]
        and toks[i + 1].text.capitalize() in W.titles[0]
    )  # "Labour's Treasury spokesman": the portfolio is the title's, not an organisation
    opener = (
        toks[i].text.lower() in LOWER_TITLES
        and is_sentence_initial(toks, i)
        # the next word goes on with the title ("Chief executive"), not "Chancellor of the"
        and any(toks[i + 1].text.capitalize() in words for words in W.titles)
    )
    if not (portfolio or opener) or gazetteer_label([toks[i].text]):
        return 0  # "Labour spokesman X", "London's Labour mayor": the party's
    found = len(doc.found)
    j = _lower_title(doc, s_i, toks, i)
    return j if len(doc.found) > found else 0  # none beside a name: a capitalised run


def _lower_title(doc: Doc, s_i: int, toks, i: int) -> int:
    """Emit a lower-case title ("prime minister", "president") when a name is beside it."""
    heads, mods = with_lower_heads(W.titles[0]), W.titles[1]
    n = len(toks)
    j = i
    while j < n and toks[j].text.capitalize() in mods and toks[j].text != "president":
        j += 1
    ranked = j > i and any(t.text in _RANKS for t in toks[i:j])
    if j > i and _field_between(toks, j, heads, ranked):
        j += 1  # "chief safety engineer": a field between the rank and the office
    if k := portfolio_title_end([t.text for t in toks[i : i + 8]], 0):
        j = i + k  # "oil and energy minister", "shadow local government secretary"
    elif (
        j - i == 1
        and j + 1 < n
        and toks[j].text == "of"
        and f"{toks[i].text.capitalize()} of {toks[j + 1].text.capitalize()}" in heads
    ):
        j += 2  # "chief of staff"
    elif j + 1 < n and f"{toks[j].text} {toks[j + 1].text}".title() in heads:
        j += 2  # "under secretary"
    elif j > i and j < n and f"{toks[j - 1].text} {toks[j].text}".title() in heads:
        j += 1  # "deputy managing partner": the last modifier and a word make the office
    elif (
        j < n
        and _is_head(toks[j].text.title(), heads, ranked)  # "director-general"
        and not (toks[j].text in LOWER_ONLY_HEADS or toks[j].text in TITLES_THAT_ARE_NAMES)
    ):  # (not "assistant Dean Goldfine": a name)
        j += 1
        if (
            j < n
            and f"{toks[j - 1].text} {toks[j].text}".title() in heads
            and toks[j].text.islower()
        ):
            j += 1  # "secretary general"
    elif j - i == 1 and _modifier_alone(toks, i, j, n):
        pass  # "X and his deputy, Lars Holm", "the head of the aviation authority, X"
    elif (
        toks[j - 1].text == "executive"
        and j < n
        and is_cap(toks[j].text)
        and i
        and is_cap(toks[i - 1].text)
        and toks[i - 1].text.lower() not in W.stopwords  # not "The executive Committee"
    ):
        ranked = True  # "Nordtel executive Tero Ojanpera": the executive is the office
    elif j - i < 2 or (
        " ".join(words := [t.text.capitalize() for t in toks[i:j]]) not in heads
        and not (toks[j - 1].text.capitalize() in heads and j < n and toks[j].text == "of")
        and not ends_in_office(words, heads)  # "deputy chief executive"
    ):
        return i + 1  # but "chief executive" is a title of modifiers alone, "deputy head of" too
    phrase = " ".join(t.text.title() for t in toks[i:j]).replace(" Of ", " of ")
    if (
        phrase not in heads
        and not (ranked and phrase == "Executive")
        and (j - i == 1 or not _is_head(toks[j - 1].text.title(), heads, ranked))
        and not ends_in_office(phrase.split(), heads)
    ):
        return j
    prev = toks[i - 1].text if i else ""
    nxt = toks[j].text if j < n else ""
    # "party leader Michael Howard", "Tory leader"; not "market leader Diageo", "world leader"
    compound = (
        phrase == "Leader"
        and prev.islower()
        and prev.capitalize() not in mods
        and prev not in _MEMBERS_LED  # "union leader Jef Vermeulen", as "party leader"
        and prev != "whose"  # "the Workers Party, whose leader Luiz da Silva"
    )
    near_name = not compound and (
        prev in _BEFORE_A_ROLE
        or is_cap(prev)
        or nxt in ("of", ",")
        or is_cap(nxt)
        or _second_title(doc, toks, i)
        or (ranked and toks[i].text in _BEFORE_A_ROLE)  # "has been acting chief executive"
        # "X, a spokesman for the union,", "X, the secretary for health,"
        or (nxt in _LINKS_AFTER_A_ROLE and _set_off_after_name(toks, i))
    )  # "Acme's chief executive", "has resigned as chief executive"
    if near_name:
        if i and toks[i - 1].text in _NO_NAME_BEFORE_ROLE and is_sentence_initial(toks, i - 1):
            _forget_word(doc, toks[i - 1].start)  # "Local councillor X": no name "Local"
        desk = toks[i - 1].text if j - i == 1 and phrase in _DESK_HEADS and i else ""
        if (
            desk[:1].isupper()
            and desk[1:].islower()
            and is_sentence_initial(toks, i - 1)
            and phrase != "Manager"  # "Arsenal manager Arsene Wenger": the club's, no desk
        ):
            # "Law professor Arthur Miller": the desk the sentence's capital hid
            known = (
                desk.lower() not in doc.lower_vocab()  # "Worldcom director X": a name
                or desk in W.first_names
                or desk in W.known_orgs
                or desk in W.cities  # "Bath director of rugby X": the club's
                or org_suffix(desk)  # "Club director X": the club's
                or gazetteer_label([desk])
            )
            if not known:  # the guess just made for the word alone ("Crime") is gone
                _forget_word(doc, toks[i - 1].start)
            desk = "" if known else desk.lower()
        if (
            desk.isalpha()
            and desk.islower()
            and desk not in W.stopwords
            and desk.capitalize() not in _NOT_OF_THE_TITLE
            and (not _NOT_A_DESK.search(desk) or desk in _DESKS_IN_S)
            and desk not in _VERBS_BEFORE_A_ROLE
            and desk not in _BODIES  # "environment office director": the office's director
            and (not desk.endswith("ing") or desk in _DESKS_IN_ING)  # not "hoping manager"
        ):
            i -= 1  # "film editor", "crime correspondent": the desk is part of the title
            phrase = f"{desk} {phrase}"
            if (
                desk == "affairs"
                and i
                and toks[i - 1].text.isalpha()
                and toks[i - 1].text.islower()
            ):
                i -= 1  # "home affairs correspondent"
                phrase = f"{toks[i].text} {phrase}"
        canon = " ".join(w.title() if "-" in w else w.capitalize() for w in phrase.split())
        # "Chief of Staff"; "co-ordinator" as the line broken at its hyphen reads
        canon = (
            canon.replace(" Of ", " of ")
            .replace(" And ", " and ")
            .replace("Co-Ordinator", "Coordinator")
        )
        first = i
        if (
            i
            and is_sentence_initial(toks, i - 1)
            and prev in mods
            and prev not in _NOT_OF_THE_TITLE
            and not gazetteer_label([prev])  # "Labour spokesman X": the party's
        ):
            # "Shadow education secretary Tim Collins": the word the sentence's capital hid
            # is the title's own (a shadow secretary is not the secretary).
            first, canon = i - 1, f"{prev} {canon}"
        doc.found.append(
            Guess(toks[first].start, toks[j - 1].end, "TITLE", canon, STRONG, s_i, j - first)
        )
    return j


def _forget_word(doc: Doc, start: int) -> None:
    """Drop the guess just made for the one word at `start`, if any."""
    for k in range(len(doc.found) - 1, max(-1, len(doc.found) - 5), -1):
        if doc.found[k].start == start and doc.found[k].ntokens == 1:
            del doc.found[k]
            break


#: Ranks in lower case before an office, and the offices that are titles only after one: "chief
#: engineer", "senior scientist" (not "the engineer", "state engineer Comelf").
_RANKS = frozenset({"chief", "senior", "deputy", "assistant", "lead", "principal"})
_RANKED_HEADS = frozenset({"Engineer", "Scientist", "Pilot", "Designer", "Architect"})


def _is_head(word: str, heads, ranked: bool) -> bool:
    return word in heads or (ranked and (word in _RANKED_HEADS or word == "Executive"))


def _field_between(toks, j: int, heads, ranked: bool) -> bool:
    """Whether toks[j] is a field in lower case between a title's rank and its office: "chief
    safety engineer", "chief investment officer" (not after "former" alone)."""
    if j + 1 >= len(toks):
        return False
    w = toks[j].text
    return (
        w.isalpha()
        and w.islower()
        and w not in W.stopwords
        and w not in _VERBS_BEFORE_A_ROLE  # "transport expert professor X"
        and (not _NOT_A_DESK.search(w) or w in _DESKS_IN_S)  # "police officers spokesman"
        and w.title() not in heads
        and toks[j + 1].text.islower()
        and _is_head(toks[j + 1].text.title(), heads, ranked)
        and toks[j - 1].text.capitalize() not in _NOT_OF_THE_TITLE
    )


#: A word before a title that says what was done or what the holder is like, not the desk:
#: "thanked director X", "famed director X", "plays director X" (but "sports editor").
_NOT_A_DESK = regexes.compile(r"(?:ed|ly|s)$")
_DESKS_IN_S = frozenset(
    "arts sports news affairs business communications economics politics operations sales "
    "games programmes programs reviews features".split()
)
_VERBS_BEFORE_A_ROLE = frozenset(
    {"saw", "met", "told", "made", "became", "said", "says", "expert", "guest", "visiting"}
)  # and the roles before one: "road safety expert Professor X"
#: Desks in "-ing", told from a verb before a title ("is hoping manager X will").
_DESKS_IN_ING = frozenset(
    "marketing engineering publishing accounting banking planning programming advertising "
    "purchasing trading training casting licensing manufacturing broadcasting recruiting "
    "merchandising nursing lending sporting finishing housing building mining shipping".split()
)
#: Bodies whose head a title in lower case after them is, not a desk: "environment office
#: director", "the affairs committee chairman".
_BODIES = frozenset(
    "office ministry agency department bureau authority commission council committee union "
    "board".split()
)
#: Titles given with their desk or field in front, in lower case: "film editor", "associate
#: director", "investment director".
_DESK_HEADS = frozenset({"Editor", "Correspondent", "Director", "Professor", "Manager"})
#: Bodies of members whose head is a "leader" written after them in lower case.
_MEMBERS_LED = frozenset({"union"})


def _segment(doc: Doc, s_i: int, toks, i: int, j: int, table: bool, heads, mods) -> None:
    """Cut the capitalised span toks[i:j] into roles, places and names, and label them."""
    span = _trim(toks, i, j)
    if span is None:
        return
    i, j = span
    if toks[j - 1].text in POST_NOMINALS and (k := without_post_nominals(toks, i, j)) < j:
        emit_title(doc, s_i, toks, k, j)  # "Anna Cartwright KC": a title after the name
        if k == i:
            return  # "a QC": the title alone
        j = k
    if (
        toks[j - 1].text in COMPETITION_HEADS
        or (j - i > 2 and toks[j - 2].text in COMPETITION_HEADS)
    ) and is_about_sport(doc):
        words = words_of(toks, i, j)
        if competition_end(words, 0) == len(words):  # "American League", "Eastern Division"
            emit(doc, s_i, toks, i, j, "EVENT", " ".join(words), STRONG)
            return
    nxt = toks[j].text if j < len(toks) else ""
    if (
        nxt == ":"
        and all(t.text.isupper() for t in toks[i:j])
        and not (gazetteer_label(words_of(toks, i, j)) or toks[i].text in W.known_orgs)
    ):
        return  # a field name: "ISSUER :", "PAYING AGENT :"
    if j - i == 1:
        w = toks[i].text
        if len(w) == 1 or (not w.isalpha() and HAS_DIGIT.search(w)) or w[1:2] == "-":
            if w in W.known_orgs:  # "G-7"
                emit(doc, s_i, toks, i, j, "ORG", w, STRONG)
            return  # "A", "Q2", "T-bills"
        if "-" in w:  # "Nairobi-based", even at the start of a sentence
            head, _, tail = w.rpartition("-")
            hit = gazetteer_label([head]) if tail.islower() else None
            if hit:
                compound(doc, s_i, toks, i, i, head, hit, STRONG)
                return
            if tail in ("based", "born"):  # "the Hartford-based insurer": a town the lists know
                if hit := town_before_suffix(head):  # smaller than the places
                    compound(doc, s_i, toks, i, i, head, hit, MEDIUM)
                return  # an unknown "X-based" names nothing
    if nxt == "," and _club_of_nation(toks, i, j):
        key = " ".join(words_of(toks, i, j))  # "Juventus, Italy, 2-1": a result's club
        doc.clubs.add(key)
        emit(doc, s_i, toks, i, j, "ORG", key, MEDIUM)
        return
    if is_sentence_initial(toks, i):
        opened = _sentence_opener(doc, s_i, toks, i, j, nxt, table, heads, mods)
        if opened is None:
            return
        i = opened
    if (
        j - i > 1
        and is_sentence_initial(toks, i)
        and (
            longest_gazetteer(toks, i + 1, j)[1] == "NORP"
            or (j - i > 2 and toks[i + 1].text in W.first_names)
        )
        and not longest_gazetteer(toks, i, j)[0]
        and _unknown_word(doc, toks[i].text, heads, mods)
        # "Solicitor General Harriet Harman" (but "Solicitor Gareth Pierce")
        and not (toks[i].text in W.title_starts and _title_at(toks, i, j, heads, mods))
        # "Kestrel Valve Co", "Lindqvist Marine Ltd": a company's name keeps its first word,
        # though the next one is also somebody's given name.
        and not org_suffix(toks[j - 1].text)
    ):
        i += 1  # "Jailed British banker": the opener is not part of the name
    words = words_of(toks, i, j)
    # Nationality words only: "Latin American", "Iraqi Kurdish". The group is its own NORP:
    # "African American" does not lead to the United States as "American" alone does.
    if (
        len(words) > 1
        and all(w in W.demonyms or w in W.norp_words for w in words)
        and not party_name(words)  # "Christian Democrats": the party
    ):
        emit(doc, s_i, toks, i, j, "NORP", " ".join(words), STRONG)
        return
    _roles_and_names(doc, s_i, toks, i, j, words, table, heads, mods)


_ORDINAL_WORDS = frozenset({"first", "second", "third"})


#: A result after a club and its nation: "Juventus, Italy, 2-1", "Real Madrid, Spain, 3".
_CLUB_RESULT = regexes.compile(r"\d{1,2}(?:-\d{1,2})?$")


def _club_of_nation(toks, i: int, j: int) -> bool:
    """Whether toks[i:j] is a club in a line of results, its nation and a score after it:
    "Juventus, Italy, 2-1". Only a place's name may take its nation so ("Paris, France")."""
    n = len(toks)
    if j + 3 >= n or not toks[j + 1].text[:1].isupper():
        return False
    g_len, label, canon = longest_gazetteer(toks, j + 1, n)
    k = j + 1 + g_len
    return (
        g_len > 0
        and label == "GPE"
        and canon in W.nations
        and canon not in W.us_states
        and k + 1 < n
        and toks[k].text == ","
        and _CLUB_RESULT.match(toks[k + 1].text) is not None
        and (k + 2 == n or toks[k + 2].text[:1].isupper() or toks[k + 2].text in (".", ";", "("))
    )


#: Time zones written after a time: "1030 GMT", "4 p.m. EST".
_TIME_ZONES = frozenset("GMT UTC BST CET CEST EST EDT CST CDT MST MDT PST PDT JST HKT".split())


def _trim(toks, i: int, j: int) -> tuple[int, int] | None:
    """The span without the words around it that are no names: leading function words and
    openers, months, days. None if nothing is left."""
    stop = W.stopwords
    if j - i > 1 and toks[i].text in _TIME_ZONES and i and toks[i - 1].text[:1].isdigit():
        i += 1  # "by 1030 GMT Harbridge officials": the time's zone, no part of a name
    while i < j:
        w = toks[i].text
        lw = w.lower()
        if (
            lw in stop
            and not gazetteer_label(words_of(toks, i, j))
            and not (w.isupper() and gazetteer_label([w]))
            # "AS Roma", "AS Monaco": a club's letters, not "as" (but "DOLLAR FALLS AS ...")
            and not (j - i > 1 and w in W.org_prefixes and not toks[i + 1].text.isupper())
            # "Under Secretary of State X", "First Minister X": a title's first word
            and not (j - i > 2 and f"{w} {toks[i + 1].text}" in W.titles[0])
        ):
            if (
                # "Sunday Times", "May Department Stores"; not "the August National Association of
                # Purchasing Management (NAPM) index"
                (lw in MONTHS_DAYS and not (1 < j - i <= 3 and org_suffix(toks[j - 1].text)))
                or lw in ("the", "a", "an")
                or (lw in FUNCTION and (j - i == 1 or w not in W.first_names))
                or (
                    is_sentence_initial(toks, i)
                    and not (j - i > 1 and (lw in NAME_OPENERS or w in W.honorifics))
                    # "Jan Berg said": a month's short form that is a first name, before a name
                    and not (j - i > 1 and lw in SHORT_MONTHS and w in W.first_names)
                    # "First Executive Corp", "Second National Bank": the company's own word
                    and not (j - i > 2 and lw in _ORDINAL_WORDS and org_suffix(toks[j - 1].text))
                    # "First Lady Nancy Reagan", "First Minister Alex Salmond": a title's word
                    and not (lw == "first" and 1 < _title_at(toks, i, j, *W.titles) < j - i)
                )
            ):
                i += 1
                continue
            if j - i == 1:
                return None
        break
    while (
        j > i
        and toks[j - 1].text.lower() in MONTHS_DAYS
        and not (
            j - i > 1 and toks[j - 2].text in W.first_names  # "Theresa May"
        )
        and not (j - i > 2 and toks[j - 2].text == "and")  # "the law firm Slaughter and May"
    ):
        j -= 1
    if i >= j:
        return None
    return i, j


def _date_follows(toks, k: int) -> bool:
    """Whether a date starts at toks[k] or after a place of up to four capitalised words:
    "April 14", "14 April", "England 1996-08-24", "United Arab Emirates 1996-12-06",
    "Ohio, Feb 12"; or a place alone ending the line ("FARMINGTON HILLS , Mich .", the date
    below it)."""
    for t in toks[k : k + 6]:
        if t.text.lower() in MONTHS_DAYS or t.text[:1].isdigit():
            return True
        if not t.text[:1].isupper() and t.text not in (",", "."):
            return False
    return len(toks) <= k + 6


#: The bodies named for a cause after "for the": "Royal Society for the Protection of
#: Birds", "Campaign for the Protection of Rural England", "Institute for the Blind".
_FOR_THE_HEADS = frozenset(
    "Society Institute Campaign Commission Council Trust Fund Foundation Association Centre "
    "Center League Alliance Coalition Committee Movement Office Agency".split()
)


def _of_or_for_the(toks, j: int, n: int, heads, mods, org_heads) -> int:
    """Where a name goes on to past the "of the" or "for the" at `j`: "Organization of the
    Petroleum Exporting Countries", "Chancellor of the Exchequer" (not "President of the
    United States"); "Royal Society for the Protection of Birds", "Institute for the Blind"
    (after a body's word; not "the Office for the Deputy Prime Minister", a title read as
    one); 0 if it does not."""
    w = toks[j].text
    if w not in ("of", "for") or j + 2 >= n or not toks[j + 2].text[:1].isupper():
        return 0
    prev = toks[j - 1].text
    if w == "of":
        if (
            prev in org_heads
            or prev in OF_HEADS_EXTRA
            or (prev in heads and not longest_gazetteer(toks, j + 2, n)[0])
        ):
            return j + 3
        return 0
    if prev not in _FOR_THE_HEADS or toks[j + 2].text in heads or toks[j + 2].text in mods:
        return 0
    k = j + 3
    if k + 1 < n and toks[k].text == "of" and is_cap(toks[k + 1].text):
        k += 2  # "... the Protection of Birds"
    return k


#: A word with a capital after small letters inside it, as a body's or a brand's name is
#: written ("NatureScot", "PayPal", "VisitScotland"); not a surname's ("McCain",
#: "DiCaprio", "LaGuardia"), which the document must confirm as any opener.
_CAMEL_CASE = regexes.compile(r"(?!Mc|Mac|Di|De|Da|Du|La|Le)[A-Z][a-z]+[A-Z][a-z]")


def _sentence_opener(
    doc: Doc, s_i: int, toks, i: int, j: int, nxt: str, table: bool, heads, mods
) -> int | None:
    """A span that opens a sentence: where its name starts, or None once it is dealt with
    (a dateline, or an opener only the rest of the document can confirm)."""
    w = toks[i].text
    if (
        nxt == "("
        and w.isupper()
        and j + 3 < len(toks)
        and toks[j + 2].text == ")"
        and toks[j + 3].text[:1].isdigit()
        and not DATE_TOKEN.match(toks[j + 3].text)
    ):
        return None  # a commodity's table: "SOYBEANS (CBT) 5,000 bu; cents per bu"
    if nxt == "(" and w.isupper() and j + 1 < len(toks) and toks[j + 1].text[:1].islower():
        # a table's heading and its unit: "WHEAT ( cents per bushel )", "ROTTERDAM VEGOILS (
        # dlrs per tonne )": no dateline; only a place the lists know opening it is a name
        for m in range(j, i, -1):
            hit = gazetteer_label([title_case(t.text) for t in toks[i:m]])
            if hit and hit[0] in ("GPE", "LOC"):
                emit(doc, s_i, toks, i, m, hit[0], hit[1], MEDIUM)
                break
        return None
    # A dateline: "MOSCOW (Reuters) -", "HERZLIYA 1996-08-28".
    # Every word in capitals, and a comma only before the date ("PITTSBURGH, April 14 -",
    # "MANCHESTER, England 1996-08-24"): "NEC Corp, Hitachi Ltd and ..." opens a list.
    if (
        w.isupper()
        and len(w) > 1
        and all(t.text.isupper() for t in toks[i + 1 : j])
        and (
            nxt in ("(", "-", "--")
            or DATE_TOKEN.match(nxt)
            or (nxt == "," and _date_follows(toks, j + 1))
        )
    ):
        words = [title_case(t.text) for t in toks[i:j]]
        words[1:] = [w.lower() if w.lower() in NAME_PARTICLES else w for w in words[1:]]
        hit = gazetteer_label(words)  # "PUNTA DEL ESTE" is "Punta del Este"
        label, canon = hit if hit else ("GPE", " ".join(words))
        emit(doc, s_i, toks, i, j, label, canon, MEDIUM)
        return None
    if j - i == 1 and nxt in PERSON_VERBS and w[-1:] == "s" and w[:-1].lower() in _VOICES:
        return (
            None  # "Bankers said", "Brokers said": people of a trade, no name ("Bankers Trust" is)
        )
    if (nxt in PLAYER_NEXT or nxt[:1].isdigit()) and sport_person(doc, toks, i, j):
        return i  # "Hayden c Berry b Reiffel 104", "Degryse ( 13th )": a player, for the rules
    # "State-owned Rosneft", "Cash-strapped Alitalia": a capitalised compound adjective
    # opening the sentence is no part of the name ("Moscow-based" is dealt with as a place).
    # A word the document also capitalises mid-sentence ("Blu-ray") is a name.
    if "-" in w and not JOINED_PARTICLE.match(w) and w not in doc.mid_caps():
        head, _, tail = w.rpartition("-")
        if tail.islower() and tail.isalpha() and not gazetteer_label([head]):
            return i + 1 if i + 1 < j else None
    # A capitalised sentence opener that the document writes in lower case elsewhere; not
    # the head of an "X of Y" name ("Bank of Japan" where "the bank" is written too).
    if (
        w.lower() in doc.lower_vocab()
        and not (j - i > 2 and toks[i + 1].text == "of")
        # "Met Office forecasters" where "the Met Office" is written too (and "met" as well)
        # (not an occupation: "Rapper Kanye West" is a rapper)
        and not (j - i > 1 and w in doc.mid_caps() and w.lower() not in OCCUPATIONS)
        and not gazetteer_label([w])
        and w not in W.first_names
        and w not in heads
        and w not in mods
        and w not in W.honorifics
        and not (j - i > 2 and f"{w} {toks[i + 1].text}" in heads)  # "Under Secretary"
    ):
        return i + 1 if i + 1 < j else None
    if j - i == 1 and _CAMEL_CASE.match(w) is not None:
        return i  # "NatureScot has been given", "PayPal has": no word of the language
    if (
        j - i == 1
        and (nxt in _TEAM_VERBS or (nxt in _RESULT_VERBS and doc.clubs))
        and any(_MATCH_SCORE.match(t.text) for t in toks[j + 1 : j + 8])
        and not w.isupper()
        and w not in W.first_names
        and not gazetteer_label([w])
        and is_about_sport(doc)
    ):
        # "Galatasaray were held 1-1", "Besiktas lost 3-1" (once the story names teams): a
        # club the lists do not know, the name of a team ("were": no person's verb; the
        # result after it: not "Balls were going fast")
        doc.clubs.add(w)
        emit(doc, s_i, toks, i, j, "ORG", w, MEDIUM)
        return None
    if (
        j - i == 1
        and not gazetteer_label([w])
        and not local_town(doc, w)  # "Swaffham was worst hit"
        and w not in doc.mid_caps()
        and not w.isupper()
        and nxt not in PERSON_VERBS
        and w not in W.known_orgs
        and not (SCORE.match(nxt) and (table or w in W.cities))
        and not (  # "LONDON (Reuters) -"
            nxt == ")" and i > 1 and toks[i - 1].text == "(" and toks[i - 2].text.isupper()
        )
    ):
        # "Unfortunately", "Ad sales ...": an opener the document never capitalises
        # elsewhere is a name only if the document names it in full somewhere; but one
        # before a person's title and name is their organisation ("Investec chief
        # economist Philip Shaw said").
        if (
            w not in mods
            and w not in heads
            and "-" not in w  # "Ex-Labour minister Frank Field"
            and w.lower() not in W.stopwords
            and w.lower() not in _ROLE_NOUNS  # "Film director Ken Loach"
            # "Union leader Jimmy Reid": a body's common noun, unless the story names the
            # body so mid-sentence ("against United", "the Commission's")
            and not (org_suffix(w) and w not in doc.mid_caps())
            # "Halvorsen's chief financial officer Jon Berg": after its possessive too
            and _role_and_name_at(toks, j + (nxt in ("'s", "’s")), heads, mods)
        ):
            emit(doc, s_i, toks, i, j, "ORG", w, MEDIUM)
            return None
        label = "PERSON" if w in W.first_names else "ORG"
        emit(doc, s_i, toks, i, j, label, w, UNCONFIRMED)
        return None
    return i


#: Common nouns that open a role: "Fund manager Florian Hamm" names no fund.
_ROLE_NOUNS = frozenset(word_list("role_nouns"))
# Who a story quotes by their trade ("an analyst with X"): in the plural opening a sentence
# before a speech verb, the people of that trade ("Bankers said"), not a name.
_VOICES = frozenset(word_list("affiliation_roles"))


def _role_and_name_at(toks, j: int, heads, mods) -> bool:
    """Whether a title in lower case and a capitalised name start at toks[j]: "chief
    economist Philip Shaw"."""
    n = len(toks)
    k = j
    while k < n and k - j < 3 and toks[k].text.islower() and toks[k].text.capitalize() in mods:
        k += 1
    if k < n and toks[k].text.islower() and toks[k].text.capitalize() in heads:
        k += 1
    elif k == j + 1 and toks[j].text == "executive":
        pass  # "Nordtel executive Tero Ojanpera"
    elif " ".join(t.text.capitalize() for t in toks[j:k]) not in heads:
        return False  # but "chief executive" is a title of modifiers alone
    if k < n and toks[k].text == "," and k > j:
        k += 1  # "Halvorsen's chairman, Jon Berg,"
    return k + 1 < n and toks[k].text[:1].isupper() and toks[k + 1].text[:1].isupper()


#: A match's result a few words after a club's name: "were held 1-1", "lost 3-1".
_MATCH_SCORE = regexes.compile(r"\d{1,2}-\d{1,2}$")
#: What a team does after its name that a person does not: "Galatasaray were held".
_TEAM_VERBS = frozenset({"were", "have", "are", "drew"})
#: ... and what both do: "Besiktas lost 3-1", "Sampras beat Agassi".
_RESULT_VERBS = frozenset({"beat", "lost", "won", "crashed", "thrashed", "edged"})


def _roles_and_names(doc: Doc, s_i: int, toks, i: int, j: int, words, table: bool, heads, mods):
    """A role inside the span ("Acme CEO Jane Roe", "U.S. President Bill Clinton") is a
    TITLE, and the parts around it are labelled apart."""
    if j - i == 2 and toks[i].text in W.honorifics and " ".join(words) not in heads:
        # "Ms King", "Mr Major": a person's name (but "Lord Chancellor" is a title)
        _parts(doc, s_i, toks, i, j, table, False)
        return
    best = before = None
    starts: dict[int, int] = {}  # where a role followed by a name starts -> its length
    title_starts, mod_firsts = W.title_starts, W.title_mod_firsts
    for p in range(i, j):
        w = toks[p].text
        if w not in title_starts and w not in mod_firsts and "-" not in w:
            continue
        t_len = _title_at(toks, p, j, heads, mods) or _head_before_name(doc, words, p - i)
        if not t_len:
            continue
        rest = words[p - i + t_len :]
        if len(rest) > 1 and rest[0] == "of" and gazetteer_label(rest[1:]):
            # "Emperor of Brazil", "Archbishop of Cape Town": the role, then the place
            _parts(doc, s_i, toks, i, p, table, False) if p > i else None
            emit_title(doc, s_i, toks, p, p + t_len)
            _parts(doc, s_i, toks, p + t_len + 1, j, table, False)
            return
        if len(rest) > 3 and rest[0] == "of" and (m := _place_then_name(rest)):
            # "Governor of Texas Bill Clements": the role, the place, then the holder
            _parts(doc, s_i, toks, i, p, table, False) if p > i else None
            emit_title(doc, s_i, toks, p, p + t_len)
            _parts(doc, s_i, toks, p + t_len + 1, p + t_len + m, table, False)
            _parts(doc, s_i, toks, p + t_len + m, j, table, True)
            return
        if rest and (
            # "General Motors", not "Liberal leader David Steel"
            (
                org_suffix(rest[-1])
                and not (
                    len(rest) == 2
                    and rest[0] in W.first_names
                    and rest[1] in SURNAMES_THAT_NAME_TRADES
                )
            )
            or rest[-1] in W.event_words
            or not all(_name_shaped(w) for w in rest)
        ):
            continue  # "General Motors", "Justice Department"
        if rest and t_len == 1 and toks[p].text in TITLES_THAT_ARE_NAMES:
            continue  # "Dean Martin"
        if (
            not rest
            and t_len == 1
            and p > i
            and toks[p - 1].text in W.first_names
            # "Tory MP": a party's seat, though "Tory" is also a given name
            and not (toks[p].text in SEATS and gazetteer_label([toks[p - 1].text]))
        ):
            continue  # "John Major", "Carole King"
        if toks[p].text == "AM" and p and toks[p - 1].text[:1].isdigit():
            continue  # "10 AM Eastern Time": a time, no member of an assembly
        if rest:
            starts[p] = t_len
            if before is None:
                before = (p, t_len)  # the first role followed by a name
        if best is None or p + t_len > best[0] + best[1]:
            best = (p, t_len)
    best = before or best
    if best is not None:
        p, t_len = best
        if p > i:
            _before_role(doc, s_i, toks, i, p, table, mods)
        while p + t_len in starts:  # "Spokesman Lieutenant-Colonel Anna Berg"
            emit_title(doc, s_i, toks, p, p + t_len)
            p, t_len = p + t_len, starts[p + t_len]
        emit_title(doc, s_i, toks, p, p + t_len)
        if p + t_len < j:
            _parts(doc, s_i, toks, p + t_len, j, table, True)
        return
    _parts(doc, s_i, toks, i, j, table, False)


def _before_role(doc: Doc, s_i: int, toks, i: int, p: int, table: bool, mods) -> None:
    """Label the words toks[i:p] before a role: a title's modifiers before a place are the
    title's ("Assistant U.S. Attorney X": "Assistant", then the place), not an organisation
    "Assistant U.S."."""
    if all(t.text in _NO_NAME_BEFORE_ROLE for t in toks[i:p]):
        return  # "Local MSP Morag Ross", "Defending Champion X": which one, no name
    k = i
    while k < p - 1 and toks[k].text in mods:
        k += 1
    if k > i and gazetteer_label(words_of(toks, k, p)):
        emit_title(doc, s_i, toks, i, k)
        i = k
    _parts(doc, s_i, toks, i, p, table, False)


#: Words before a role that name no party or place: "Local MSP Morag Ross", "Defending
#: champion X" opening a sentence.
_NO_NAME_BEFORE_ROLE = frozenset(
    "Local Backbench Rebel Veteran Fellow Constituency Ward Defending Reigning".split()
)


def _head_before_name(doc: Doc, words: list[str], k: int) -> int:
    """1 where words[k] is an office that also modifies others ("General", "Chief") and a
    person's name follows: a given name, or two words the story never writes in lower case
    ("General Sani Abacha", "Chief Emeka Anyaoku"; not "General Dynamics")."""
    heads, mods = W.titles
    w = words[k]
    rest = words[k + 1 :]
    if w not in heads or w not in mods or not rest or (k and words[k - 1] in W.honorifics):
        return 0  # "Mr Justice Harrison", "Lord Justice May": a judge's style, kept whole
    if any(org_suffix(r) or r in W.law_words or gazetteer_label([r]) for r in rest):
        return 0  # "General Motors Europe", "Criminal Justice Bill"
    if rest[0] in W.first_names:
        return 1
    lower = doc.lower_vocab()
    named = len(rest) >= 2 and all(_name_shaped(r) and r.lower() not in lower for r in rest)
    return 1 if named and not org_suffix(rest[-1]) else 0


def _unknown_word(doc: Doc, w: str, heads, mods) -> bool:
    """A capitalised word no list knows and the document never capitalises mid-sentence."""
    return not (
        w.endswith(".")  # an initial or an abbreviation
        or w in doc.mid_caps()
        or w in W.first_names
        or w in heads
        or w in mods
        or w in W.honorifics
        or w in W.org_prefixes
        or w in W.org_heads
        or gazetteer_label([w])
        or w.isupper()
    )


def _name_shaped(word: str) -> bool:
    return (
        word[:1].isupper()
        or word in NAME_PARTICLES
        or word in ("(", ")", ".")
        or ("-" in word and bool(JOINED_PARTICLE.match(word)))
    )


def _place_then_name(rest: list[str]) -> int:
    """Where a person's name begins in `rest` ("of", a place, then a first name and more), 0
    if it is not so: ["of", "Texas", "Bill", "Clements"] -> 2."""
    for m in range(len(rest) - 2, 1, -1):
        if rest[m] in W.first_names and gazetteer_label(rest[1:m]):
            return m
    return 0


def _parts(doc: Doc, s_i: int, toks, i: int, j: int, table: bool, person_next: bool) -> None:
    """Label toks[i:j], splitting a leading place or nationality off a person's name."""
    if (
        not person_next
        and i
        and ((word := toks[i - 1].text.lower()) in PLAYER_ROLES or word in OCCUPATIONS)
    ):
        # "Liverpool striker Milan Baros": a player, not a Milan club; "the rapper Kano"
        person_next = True
    if (
        j - i > 1
        and toks[i].text in W.known_org_firsts
        and " ".join(words_of(toks, i, j)) in W.known_orgs
    ):
        label_name(doc, s_i, toks, i, j, table, person_next)  # "European Community"
        return
    last = toks[j - 1].text
    if "-" in last:
        head, _, tail = last.rpartition("-")
        if tail.islower():  # "New York-based", "Hong Kong-listed"
            hit = gazetteer_label([*words_of(toks, i, j - 1), head])
            if hit:
                compound(doc, s_i, toks, i, j - 1, head, hit, STRONG)
                return
    for k in range(i + 1, j - 1):  # "St. Louis-based Acme Bancorp Inc."
        w = toks[k].text
        if "-" in w and w.rpartition("-")[2].islower():
            hit = gazetteer_label([*words_of(toks, i, k), w.rpartition("-")[0]])
            if hit:
                compound(doc, s_i, toks, i, k, w.rpartition("-")[0], hit, STRONG)
                i = k + 1
            break
    pos = i
    while pos < j:
        w = toks[pos].text
        # "Brazilian-born", "Vienna-based", "Communist-led": a compound that is not the name.
        if "-" in w and pos + 1 < j:
            head, _, tail = w.partition("-")
            hit = gazetteer_label([head])
            if hit and tail.islower():
                compound(doc, s_i, toks, pos, pos, head, hit, STRONG)
                pos += 1
                continue
        if toks[pos].text in W.honorifics and pos + 1 < j:
            if _peer(toks, pos, j):  # "Lord Young", "Lord Young of Graffham": "Lord Young"
                name = " ".join(words_of(toks, pos, j))
                emit(doc, s_i, toks, pos, _territory_end(toks, j), "PERSON", name, STRONG)
                return
            pos += 1
            person_next = True
            continue
        g_len, g_label, g_canon = longest_gazetteer(toks, pos, j)
        if not g_len or pos + g_len == j:
            break
        rest = words_of(toks, pos + g_len, j)
        if person_next and pos == i and g_len == 1 and len(rest) <= 2 and g_label != "NORP":
            break  # after a player's role, "Milan Baros" is a name, not a place and a name
        of_head = rest[rest.index("of") - 1] if "of" in rest[1:] else ""
        if (
            org_suffix(rest[-1])
            or rest[-1] in W.event_words
            or (" ".join(rest[-2:]) in W.event_words)
            or of_head in W.event_words
            or rest[-1] in W.law_words
        ):
            break  # "Japan Airlines", "Italian Grand Prix", "Geneva Convention": one name
        team = g_label == "GPE" and (
            (len(rest) == 1 and rest[0].endswith("s") and rest[0] not in W.first_names)
            # "Boston Red Sox", "Toronto Blue Jays", "Detroit Red Wings" ("Red" is a name too)
            or (len(rest) == 2 and rest[0] in _NICKNAME_COLOURS and rest[1].endswith(("s", "x")))
        )  # "Houston Astros", "Phoenix Suns"
        if g_len == 1 and w in W.first_names and w not in W.demonyms and len(rest) <= 2:
            party = g_label == "NORP" and len(rest) == 2 and rest[0] in W.first_names
            if not team and not party:
                break  # "Christian Cullen", "Jordan Smith": a person ("Tory Liam Fox": not)
        if not team and (
            rest[0] in W.first_names
            or rest[0] in W.honorifics
            or g_label == "NORP"
            or rest[0] in _PARTY_MEMBERS  # "a Texas Democrat", "Texas Democrat Tom Jones"
            or (g_canon in W.countries and _region(rest))  # "U.S. Middle East envoy"
        ):
            emit(doc, s_i, toks, pos, pos + g_len, g_label, g_canon, STRONG)
            pos += g_len
            continue
        if pos >= 2 and toks[pos - 1].text == "for" and toks[pos - 2].text in SEATS:
            # "the MP for Bristol West": a constituency, a place
            emit(doc, s_i, toks, pos, j, "GPE", " ".join(words_of(toks, pos, j)), MEDIUM)
            return
        # "Boston Red Sox", "Leeds United", "Oslo Fish Traders": named after a place
        emit(doc, s_i, toks, pos, j, "ORG", " ".join(words_of(toks, pos, j)), MEDIUM)
        return
    if pos < j:
        label_name(doc, s_i, toks, pos, j, table, person_next)


def _territory_end(toks, j: int) -> int:
    """Where the territory of a peer's title that may follow at `j` ends ("of Graffham", "of
    Kings Heath"); `j` when none follows."""
    if j + 1 >= len(toks) or toks[j].text != "of":
        return j
    k = j + 1
    while k < len(toks) and k < j + 4 and toks[k].text.istitle() and toks[k].text.isalpha():
        k += 1
    return k if k > j + 1 else j


def _peer(toks, pos: int, j: int) -> bool:
    """Whether toks[pos:j] is a peer's style (`PEER_STYLES`) and one name: "Lord Young"; not
    before two names ("Lady Diana Spencer") nor a word ("The Lord Of The Rings")."""
    if toks[pos].text not in PEER_STYLES or pos + 2 != j:
        return False
    w = toks[pos + 1].text
    return w.isalpha() and w[0].isupper() and not w.isupper() and w.lower() not in W.stopwords


#: The first words of clubs' nicknames that are given names too: "Red Sox", "Blue Jays".
_NICKNAME_COLOURS = frozenset({"Red", "White", "Blue", "Black", "Golden", "Maple", "Silver"})


def _region(words: list[str]) -> bool:
    """Whether `words` name a region of several words the lists know ("Middle East")."""
    hit = gazetteer_label(words) if len(words) > 1 else None
    return hit is not None and hit[0] == "LOC"


def _title_at(toks, pos: int, j: int, heads, mods) -> int:
    """Length in tokens of the role phrase starting at `pos`, 0 if none."""
    w = toks[pos].text
    # "Lieutenant-Colonel", "Vice-President"
    if "-" in w and (w in heads or all(p in heads or p in mods for p in w.split("-"))):
        return 1
    k = pos
    while k < j:
        if toks[k].text in mods or (
            toks[k].text == "and" and k > pos and k + 1 < j and toks[k + 1].text in mods
        ):
            k += 1
        elif k + 1 < j and f"{toks[k].text} {toks[k + 1].text}" in mods:
            k += 2  # "International Development Minister"
        else:
            break
    best = 0
    # after the modifiers; else a head of two or three words that opens with one ("Chief
    # Executive"), not a modifier alone ("General Motors", "Solicitor General Harriet Harman")
    for s in (k, *range(pos, k)):
        for m in range(min(j, s + 3), s if s == k else s + 1, -1):
            if " ".join(t.text for t in toks[s:m]) in heads:
                best = m
                break
        if best:
            break
    if not best:
        return 0
    # "of Industry and Trade": the rest of a ministry's name, but not a country or a name
    if best < j and toks[best].text == "of":
        m = best + 1
        if m < j and toks[m].text == "the":
            m += 1  # "Chancellor of the Exchequer"
        obj_end = m
        while obj_end < j and (is_cap(toks[obj_end].text) or toks[obj_end].text in ("and", "&")):
            if toks[obj_end].text in W.first_names and obj_end > m:
                break
            obj_end += 1
        obj = " ".join(t.text for t in toks[m:obj_end])
        if obj_end > m and not gazetteer_label(obj.split()):
            best = obj_end
    return best - pos
