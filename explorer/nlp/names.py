"""Named-entity recognition by rules: capitalised spans, word lists, context and the document.

`find_names(text, sentences)` returns the name mentions of a text (PERSON, NORP, ORG, GPE,
LOC, FAC, EVENT, PRODUCT, LAW, WORK_OF_ART, LANGUAGE, TITLE), each with its canonical entity
name after resolution within the document; `build_entities(mentions)` groups mentions into
entities. How it works, in four passes over each document:

1. Tokens come from one compiled regular expression. A line written in capitals (a headline,
   a dateline) or a first line in Title Case is set aside, since capitals there say nothing
   about names; a sentence cut after an initial ("J.") is read with the next one.
2. In the other lines, runs of capitalised tokens (joined by "of", "de", "van der", "&", ...
   where names do that) are candidate spans; a title-cased phrase in quotes is a work. A span
   is cut into parts: an opener that is no name ("Jailed", "Officials"), roles ("Deputy
   Minister of Industry and Trade", "Spokesman Lieutenant-Colonel"), a nationality word or a
   country in front ("Iranian", "U.S."), an honorific ("Mr"), then the name itself, labelled
   by the strongest evidence at hand: the word lists of `gazetteer`, the shape of the name (a
   given name first, an organisation, place, law or event word last, an acronym), then the
   words around it (a place word before it, a results table, sports words after a city).
3. The document decides what the lists cannot: "Blair" after "Tony Blair" is that person, a
   surname in a list of surnames is a person, a name guessed at in one place takes the label
   it was given with confidence elsewhere, a sentence opener is a name only if the document
   names it elsewhere, and a city the document treats as a team is the team throughout. A
   sports story (several words only sports reports use) makes a town named alone its team,
   unless the words around make it the place ("in Leeds", a dateline, "at Headingley").
4. Headline lines get only names the document or the lists already know.

Every guess carries a strength (strong: a list or a shape said so; weak: a default), and only
weaker guesses give way. All word lists load once per process (`gazetteer`); a document costs
about 2 microseconds a word.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence

from explorer.model import Entity, Mention
from explorer.nlp import gazetteer as gz
from explorer.nlp.values import is_holiday
from explorer.unicode_marks import MARKS

__all__ = ["find_names", "build_entities"]

#: A word: letters and digits, and the combining marks of decomposed accents ("Zu" + U+0308
#: + "rich") and of Indic scripts, so that no name is cut between a letter and its accent.
_WORD = rf"\w+(?:[{MARKS}]+\w*)*"
_TOKEN = re.compile(
    # Each rare alternative opens with a look-ahead, so that ordinary words fail it at once.
    r"(?=[A-Za-z]\.)(?:(?:[A-Za-z]\.){2,}(?:-[a-z]+\b)?"  # U.S., U.K., U.S.A., U.S.-led
    r"|[A-Z]\.(?=\s[A-Z]))"  # an initial: J. Smith
    r"|(?=[A-Z][a-z]{1,4}\.)(?:Corp|Inc|Co|Ltd|Bros|Jr|Sr|St|Mt|Ft|Gov|Sen|Rep|Gen|Col|Lt|Sgt|"
    r"Capt|Adm|Maj|Cmdr|Calif|Colo|Conn|Fla|Ill|Kan|Mass|Mich|Minn|Okla|Tenn|Tex|Wash|Wis)\.(?!\w)"
    # abbreviations inside names and before them
    rf"|{_WORD}(?:[-&]{_WORD})*(?:['’](?![sS]\b){_WORD})*(?:[-&]{_WORD})*"  # O'Neill, AT&T
    r"|['’][sS]\b"  # possessive
    r"|\S"
)

#: Lower-case words that join capitalised words inside a name.
_NAME_PARTICLES = frozenset(
    "de van von der den da du dos das del della dello degli di le la bin ibn al el ter ten zu af wa".split()
)
#: Tokens after which the next word starts a clause, so its capital says nothing.
_OPENERS = frozenset(['"', "“", "‘", "'", "(", "[", "-", "--", ":", "—", "–", "*", "•", ";", "."])
#: Words before a place.
_LOC_PREPS = frozenset("in at near from to into across outside inside around towards via".split())
#: Words that follow a person's name.
_PERSON_VERBS = frozenset(
    "said says told added asked replied wrote stressed noted believes thinks explained "
    "argued insisted warned admitted denied claimed declared announced".split()
)
#: Of-heads beyond organisations and titles: places and people named "X of Y".
#: Words that start an event's or a law's name when "of" follows: "Battle of Britain",
#: "Treaty of Versailles", "Tour of the Netherlands", "Bill of Rights".
_EVENT_OF = frozenset("Battle Battles War Wars Siege Tour Festival Series Games".split())
_LAW_OF = frozenset("Treaty Convention Declaration Charter Bill Act Statute Edict Peace".split())
_OF_HEADS_EXTRA = (
    frozenset(
        "Republic Gulf Bay Isle Isles Cape Strait Straits Sea Duke Duchess Prince Princess Kingdom "
        "Province State City Port Museum Bishop Archbishop Earl Count Countess Lake Mount Gulf "
        "Bank Ministry Minister Secretary University Department States".split()
    )
    | _EVENT_OF
    | _LAW_OF
)
_MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)

# Each look-behind below follows the first character it guards rather than leading the pattern:
# a pattern that opens with a character class lets the regex engine skip straight to the
# candidates (twice as fast over a sentence), and matches exactly the same spans.
_MID_CAPS = re.compile(r"[A-Z](?<=[a-z,] [A-Z])[\w'-]*")

# Strength of a label guess; the document pass lets strong guesses override weak ones.
_STRONG, _MEDIUM, _WEAK, _UNCONFIRMED = 3, 2, 1, 0
_LONGEST_SPAN = 14


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _title_case(word: str) -> str:
    if "." in word and len(word) <= 6:  # U.S.
        return word
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


class _Doc:
    """What one document knows while its names are found."""

    def __init__(self, text: str) -> None:
        self.text = text
        # (start, end, label, entity, strength, sentence, ntokens)
        self.found: list[list] = []
        self.lower_words: set[str] | None = None
        self.mid_caps_words: set[str] | None = None
        self.clubs: set[str] = set()  # cities the document names as sports teams
        self.sports: bool | None = None  # whether it reads as a sports story (computed once)
        self.long_runs: list = []  # runs of capitalised words too long to be one name

    def mid_caps(self) -> set[str]:
        """Capitalised words the document writes after a lower-case word or a comma."""
        if self.mid_caps_words is None:
            self.mid_caps_words = set(_MID_CAPS.findall(self.text))
        return self.mid_caps_words

    def lower_vocab(self) -> set[str]:
        if self.lower_words is None:
            self.lower_words = set(_LOWER_VOCAB.findall(self.text))
        return self.lower_words


_LOWER_VOCAB = re.compile(r"[a-z](?<!\w[a-z])[a-z'-]+\b")  # \b[a-z][a-z'-]+\b
_LOWER_WORD = re.compile(r"(?<![\w'’.-])[a-z]")
_PROSE = re.compile(r"(?<![\w'’.-])[a-z][\w'’-]* [a-z][\w'’-]* [a-z]")
_UPPER_WORD = re.compile(r"[A-Z](?<![\w'’.-][A-Z])")


def _is_caps_line(
    text: str, start: int, end: int, toks: list[tuple[int, int, str]], first: bool = False
) -> bool:
    if _PROSE.search(text, start, end):
        return False  # three lower-case words in a row: prose, decided in C
    lower = len(_LOWER_WORD.findall(text, start, end))
    if not first and lower and lower > 0.3 * (lower + len(_UPPER_WORD.findall(text, start, end))):
        return False  # the common case, decided in C
    alpha = [t for _, _, t in toks if t[0].isalpha()]  # a token is never empty
    if not alpha:
        return False
    upper = sum(1 for t in alpha if t.isupper())
    if (
        upper >= 0.7 * len(alpha)
        and any(len(t) > 1 for t in alpha)
        and (upper >= 2 or len(alpha) <= 2)
    ):
        return True
    # A headline in Title Case: nearly every word capitalised, function words included.
    if len(alpha) >= 4:
        caps = sum(1 for t in alpha if t[:1].isupper())
        funcs = [
            t
            for t in alpha
            if t.lower() in ("of", "and", "the", "in", "for", "to", "on", "a", "with")
        ]
        if caps >= 0.85 * len(alpha) and funcs and sum(1 for t in funcs if t[:1].isupper()) >= 1:
            return True
    # ... or, as a document's first line, with its short words in lower case: "Trade Talks
    # Stall at the Summit".
    content = [t for t in alpha if t.lower() not in _FUNCTION]
    if (
        first
        and len(content) >= 3
        and sum(1 for t in content if t[:1].isupper()) >= 0.9 * len(content)
        and text[start:end].rstrip()[-1:] not in '.?!:;,"”)'
        and len(_NUMBER_START.findall(text, start, end)) <= 1
    ):
        return True
    return False


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


_W = _Lists()


def _nfc(word: str) -> str:
    return unicodedata.normalize("NFC", word)


def find_names(text: str, sentences: Sequence[tuple[int, int]]) -> list[Mention]:
    """The name mentions of `text`, sorted by start, non-overlapping, entities resolved."""
    _W.load()
    doc = _Doc(text)
    caps_lines: list[tuple[int, list[tuple[int, int, str]]]] = []
    ascii_text = text.isascii()
    for s_i, s_start, s_end in _scan_units(text, sentences):
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, s_start, s_end)]
        if not ascii_text:  # "Zu\u0308rich" is looked up as "Zürich"; offsets stay
            toks = [(a, b, w if w.isascii() else _nfc(w)) for a, b, w in toks]
        if not toks:
            continue
        if _is_caps_line(text, s_start, s_end, toks, s_i == 0):
            caps_lines.append((s_i, toks))
            continue
        digits = len(_NUMBER_START.findall(text, s_start, s_end))
        table = (
            digits >= 2 and digits >= 0.2 * len(toks) and not _FIGURES.search(text, s_start, s_end)
        )  # a results table ("Ashford 2 Kingsbridge Rovers 1"), not a page of accounts
        if text.find('"', s_start, s_end) >= 0 or text.find("“", s_start, s_end) >= 0:
            toks = _quoted_titles(doc, s_i, text, s_start, s_end, toks)
        if table:
            toks = _result_line(doc, s_i, text, s_start, s_end, toks)
        _scan_sentence(doc, s_i, toks, table)
    _resolve_document(doc)
    if caps_lines or doc.long_runs:
        known: dict[str, tuple[str, str]] = {}
        for f in doc.found:
            if f[2] != "TITLE":
                known.setdefault(text[f[0] : f[1]], (f[2], f[3]))
        for s_i, toks in caps_lines + doc.long_runs:
            _scan_caps_line(doc, s_i, toks, known)
    doc.found.sort(key=lambda f: f[0])
    starts = [s for s, _e in sentences]
    out: list[Mention] = []
    last_end = -1
    for start, end, label, entity, _strength, _s, _n in doc.found:
        if start < last_end:
            continue
        s_i = bisect_right(starts, start) - 1
        out.append(Mention(start, end, text[start:end], label, entity, s_i))
        last_end = end
    return out


_ENDS_WITH_INITIAL = re.compile(r"(?:^|[\s(])[A-Z]\.$")


def _scan_units(text: str, sentences: Sequence[tuple[int, int]]):
    """Sentences to scan, as (index, start, end); a sentence cut after an initial ("J.")
    is scanned together with the next one, so that "J. Smith" stays one name."""
    n = len(sentences)
    k = 0
    while k < n:
        s_i = k
        start, end = sentences[k]
        while (
            k + 1 < n
            and _ENDS_WITH_INITIAL.search(text, max(start, end - 3), end)
            and text[end : sentences[k + 1][0]] == " "
            and text[sentences[k + 1][0] : sentences[k + 1][0] + 1].isupper()
        ):
            k += 1
            end = sentences[k][1]
        yield s_i, start, end
        k += 1


# --- pass 2: capitalised spans in ordinary lines ------------------------------------------


_NUMBER_START = re.compile(r"\d(?<![\w.,-]\d)")  # a digit that starts a number
_HAS_DIGIT = re.compile(r"\d")
#: Endings of surnames in many languages, which company names rarely have.
_SURNAME_ENDING = re.compile(
    r"[a-z](?:ov|ev|ova|eva|ski|sky|ska|escu|yan|idis|opoulos|oglu|ovich|evich|enko|chuk|wicz|"
    r"vic|ovic|evic|sson|stein|ez|inho|elli|etti|ucci|akis)$"
)
_PREFIXED = re.compile(
    r"(?:ex|pre|post|anti|pro|non|neo|mid|mainly|pan|trans|all|former)-([A-Z][a-z]\w*)$"
)
_FIGURES = re.compile(r"\d\.\d|\d,\d{3}|\bmillion\b|\bbillion\b|%|\$")
_JOINED_PARTICLE = re.compile(
    r"(?:al|el|ad|ash|as|at|az|ul|ur|bin|ibn|abu|bint|de|di|da|van)-[A-Z]"
)
_ORG_ENDING = re.compile(r"[a-z](?:bank|tech|soft|net|tel|com|corp|fax|air)$")
#: Lower-case words that may open a title next to a name: "the prime minister".
_LOWER_TITLES = frozenset(
    "president minister ambassador chancellor prime foreign secretary governor mayor chairman "
    "senator envoy spokesman spokeswoman king queen premier".split()
)


_QUOTED_TITLE = re.compile(
    r"[\"“] ?((?:[A-Z0-9][\w'’-]*)(?: (?:[A-Z0-9][\w'’-]*|of|the|a|an|and|in|on|at|to|for|with|from"
    r"|is|are|my|your|me|you|no))*? (?:[A-Z0-9][\w'’-]*)) ?[\"”]"
)


def _quoted_titles(doc: _Doc, s_i: int, text: str, start: int, end: int, toks):
    """A title in quotes, every word capitalised but the short ones ("Songs of the Valley"), is
    the name of a work; its words are taken out of the sentence's other names."""
    taken = []
    for m in _QUOTED_TITLE.finditer(text, start, end):
        s, e = m.span(1)
        words = m.group(1).split()
        if len(words) > 8 or all(w.isupper() for w in words):
            continue
        if _W.places.get(m.group(1)):
            continue  # "New York" in quotes is still the place
        doc.found.append([s, e, "WORK_OF_ART", m.group(1), _STRONG, s_i, len(words)])
        taken.append((s, e))
    if not taken:
        return toks
    return [t for t in toks if not any(s <= t[0] < e for s, e in taken)]


_RESULT = re.compile(
    r"\s*([A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,3}) (\d{1,3}) "
    r"([A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,3}) (\d{1,3})\s*"
)


def _result_line(doc: _Doc, s_i: int, text: str, start: int, end: int, toks):
    """A result, "Ashford 2 Kingsbridge Rovers 1": the two sides are teams (or countries)."""
    m = _RESULT.fullmatch(text, start, end)
    if not m:
        return toks
    for group in (1, 3):
        s, e = m.span(group)
        name = m.group(group)
        hit = _gazetteer_label(name.split())
        if hit and (name in _W.nations or hit[0] == "LOC"):  # national sides: "Wales"
            doc.found.append([s, e, hit[0], hit[1], _STRONG, s_i, name.count(" ") + 1])
        else:
            doc.found.append([s, e, "ORG", name, _STRONG, s_i, name.count(" ") + 1])
    return [t for t in toks if not (m.start(1) <= t[0] < m.end(3))]


def _scan_sentence(doc: _Doc, s_i: int, toks: list[tuple[int, int, str]], table: bool) -> None:
    n = len(toks)
    heads, mods = _W.titles
    org_heads = _W.org_heads
    lower_titles = _LOWER_TITLES
    starts = [
        k
        for k, t in enumerate(toks)
        if t[2][0].isupper() or t[2] in lower_titles or ("-" in t[2] and _PREFIXED.match(t[2]))
    ]
    j_done = 0
    for i in starts:
        if i < j_done:
            continue
        word = toks[i][2]
        if "-" in word and not word[:1].isupper():
            m = _PREFIXED.match(word)
            if m and m.group(1).lower() not in _MONTHS_DAYS:  # "ex-England", not "mid-July"
                hit = _gazetteer_label([m.group(1)])
                canon = hit[1] if hit else m.group(1)
                doc.found.append([toks[i][0], toks[i][1], "NORP", canon, _MEDIUM, s_i, 1])
                continue
        if not word[:1].isupper():
            # Lower-case titles next to a name: "the prime minister", "the president of".
            j_done = _lower_title(doc, s_i, toks, i)
            continue
        j = i + 1
        has_of = False
        while j < n:
            w = toks[j][2]
            if (w[0].isupper() and w not in ("'s", "’s")) or _JOINED_PARTICLE.match(w):
                j += 1  # "Omar al-Hakim", "Ali bin-Hassan"
                continue
            nxt = toks[j + 1][2] if j + 1 < n else ""
            if (
                w in _NAME_PARTICLES_2
                and nxt in _NAME_PARTICLES_2
                and j + 2 < n
                and (toks[j + 2][2][:1].isupper())
            ):
                j += 3  # "van der Merwe", "de la Cruz"
                continue
            if (
                w == "of"
                and nxt == "the"
                and j + 2 < n
                and toks[j + 2][2][:1].isupper()
                and (
                    toks[j - 1][2] in org_heads
                    or toks[j - 1][2] in _OF_HEADS_EXTRA
                    # "Chancellor of the Exchequer"; not "President of the United States"
                    or (toks[j - 1][2] in heads and not _longest_gazetteer(toks, j + 2, n)[0])
                )
            ):
                has_of = True  # "Organization of the Petroleum Exporting Countries"
                j += 3
                continue
            if not nxt or not _is_cap(nxt):
                break
            prev = toks[j - 1][2]
            if w in _NAME_PARTICLES:
                j += 2
                continue
            if w == "of" and (
                prev in org_heads
                or prev in heads
                or prev in _OF_HEADS_EXTRA
                or prev in _W.event_words  # "African Cup of Nations"
            ):
                has_of = True
                j += 2
                continue
            if (
                w == "of"
                and j - i <= 3
                and not any(t[2] in _W.first_names for t in toks[i:j])
                and toks[i][2].lower() not in doc.lower_vocab()
            ):
                # "Protection of Wildlife Bill", "Prevention of Fraud Act"
                k = j + 1
                while k < n and _is_cap(toks[k][2]):
                    k += 1
                end_word = toks[k - 1][2]
                if (
                    end_word in _W.law_words
                    or end_word in _W.org_suffixes
                    or (end_word in _W.event_words)
                ):
                    j = k
                    continue
            if (
                w in ("for", "on")
                and (prev in org_heads or _org_suffix(prev))
                and nxt.lower() not in _MONTHS_DAYS
            ):
                has_of = True  # "Organisation for Security and Cooperation in Europe"
                j += 2
                continue
            if (
                w == "in"
                and has_of
                and _gazetteer_label([nxt])
                and (j + 2 >= n or not _is_cap(toks[j + 2][2]))
            ):
                j += 2
                continue
            if w == "&" or (w == "and" and has_of and nxt not in _W.first_names):
                j += 2  # "Department of Trade and Industry"; not "Treaty of Rome and Bill Clinton"
                continue
            if w == "and" and prev in mods and (nxt in mods or nxt in heads):
                j += 2  # "Trade and Industry Secretary"
                continue
            if w == "." and len(prev) == 1:
                j += 2
                continue
            break
        if j - i > _LONGEST_SPAN:  # a run of capitals, not a name: read it like a headline
            doc.long_runs.append((s_i, toks[i:j]))
        else:
            _segment(doc, s_i, toks, i, j, table, heads, mods)
        j_done = j


def _lower_title(doc: _Doc, s_i: int, toks, i: int) -> int:
    """Emit a lower-case title ("prime minister", "president") when a name is beside it."""
    heads, mods = _W.titles
    n = len(toks)
    j = i
    while j < n and toks[j][2].capitalize() in mods and toks[j][2] != "president":
        j += 1
    if j < n and toks[j][2].capitalize() in heads:
        j += 1
    else:
        return i + 1
    phrase = " ".join(t[2].capitalize() for t in toks[i:j])
    if phrase not in heads and (j - i == 1 or toks[j - 1][2].capitalize() not in heads):
        return j
    prev = toks[i - 1][2] if i else ""
    nxt = toks[j][2] if j < n else ""
    near_name = prev in ("the", "The", ",") or _is_cap(prev) or nxt in ("of", ",") or _is_cap(nxt)
    if near_name:
        canon = " ".join(w.capitalize() for w in phrase.split())
        doc.found.append([toks[i][0], toks[j - 1][1], "TITLE", canon, _STRONG, s_i, j - i])
    return j


def _is_sentence_initial(toks, i: int) -> bool:
    return i == 0 or toks[i - 1][2] in _OPENERS


def _segment(doc: _Doc, s_i: int, toks, i: int, j: int, table: bool, heads, mods) -> None:
    stop = _W.stopwords
    # Trim words that are not names: leading function words and openers, months, days.
    while i < j:
        w = toks[i][2]
        lw = w.lower()
        if (
            lw in stop
            and not _gazetteer_label(_words(toks, i, j))
            and not (w.isupper() and _gazetteer_label([w]))
        ):
            if (
                (lw in _MONTHS_DAYS and not (j - i > 1 and _org_suffix(toks[j - 1][2])))
                or lw in ("the", "a", "an")
                or (lw in _FUNCTION and (j - i == 1 or w not in _W.first_names))
                or (_is_sentence_initial(toks, i) and not (j - i > 1 and lw in _NAME_OPENERS))
            ):
                i += 1
                continue
            if j - i == 1:
                return
        break
    while (
        j > i
        and toks[j - 1][2].lower() in _MONTHS_DAYS
        and not (
            j - i > 1 and toks[j - 2][2] in _W.first_names  # "Theresa May"
        )
    ):
        j -= 1
    if i >= j:
        return
    nxt = toks[j][2] if j < len(toks) else ""
    if (
        nxt == ":"
        and all(t[2].isupper() for t in toks[i:j])
        and not (_gazetteer_label(_words(toks, i, j)) or toks[i][2] in _W.known_orgs)
    ):
        return  # a field name: "ISSUER :", "PAYING AGENT :"
    if j - i == 1:
        w = toks[i][2]
        if len(w) == 1 or _HAS_DIGIT.search(w) or w[1:2] == "-":
            return  # "A", "Q2", "T-bills"
        if "-" in w:  # "Nairobi-based", even at the start of a sentence
            head, _, tail = w.rpartition("-")
            hit = _gazetteer_label([head]) if tail.islower() else None
            if hit:
                _emit(doc, s_i, toks, i, j, "NORP", hit[1], _STRONG)
                return
    if _is_sentence_initial(toks, i):
        w = toks[i][2]
        # A dateline: "MOSCOW (Reuters) -", "HERZLIYA 1996-08-28".
        if w.isupper() and len(w) > 1 and (nxt in ("(", ",", "-", "--") or _DATE_TOKEN.match(nxt)):
            hit = _gazetteer_label([_title_case(t[2]) for t in toks[i:j]])
            label, canon = hit if hit else ("GPE", " ".join(_title_case(t[2]) for t in toks[i:j]))
            _emit(doc, s_i, toks, i, j, label, canon, _MEDIUM)
            return
        # A capitalised sentence opener that the document writes in lower case elsewhere.
        if (
            w.lower() in doc.lower_vocab()
            and not _gazetteer_label([w])
            and w not in _W.first_names
            and w not in heads
            and w not in mods
            and w not in _W.honorifics
        ):
            i += 1
            if i >= j:
                return
        elif (
            j - i == 1
            and not _gazetteer_label([w])
            and w not in doc.mid_caps()
            and not w.isupper()
            and nxt not in _PERSON_VERBS
            and w not in _W.known_orgs
            and not (_SCORE.match(nxt) and (table or w in _W.cities))
            and not (  # "LONDON (Reuters) -"
                nxt == ")" and i > 1 and toks[i - 1][2] == "(" and toks[i - 2][2].isupper()
            )
        ):
            # "Unfortunately", "Ad sales ...": an opener the document never capitalises
            # elsewhere is a name only if the document names it in full somewhere.
            label = "PERSON" if w in _W.first_names else "ORG"
            _emit(doc, s_i, toks, i, j, label, w, _UNCONFIRMED)
            return

    if (
        j - i > 1
        and _is_sentence_initial(toks, i)
        and (
            _longest_gazetteer(toks, i + 1, j)[1] == "NORP"
            or (j - i > 2 and toks[i + 1][2] in _W.first_names)
        )
        and not _longest_gazetteer(toks, i, j)[0]
        and _unknown_word(doc, toks[i][2], heads, mods)
    ):
        i += 1  # "Jailed British banker": the opener is not part of the name
    words = _words(toks, i, j)
    # Nationality words only: "Latin American", "Iraqi Kurdish". The group is its own NORP:
    # "African American" does not lead to the United States as "American" alone does.
    if len(words) > 1 and all(w in _W.demonyms or w in _W.norp_words for w in words):
        _emit(doc, s_i, toks, i, j, "NORP", " ".join(words), _STRONG)
        return
    # A role inside the span: "Acme CEO Jane Roe", "U.S. President Bill Clinton".
    best = before = None
    starts: dict[int, int] = {}  # where a role followed by a name starts -> its length
    title_starts = _W.title_starts
    for p in range(i, j):
        w = toks[p][2]
        if w not in title_starts and "-" not in w:
            continue
        t_len = _title_at(toks, p, j, heads, mods)
        if not t_len:
            continue
        rest = words[p - i + t_len :]
        if len(rest) > 1 and rest[0] == "of" and _gazetteer_label(rest[1:]):
            # "Emperor of Brazil", "Archbishop of Cape Town": the role, then the place
            _parts(doc, s_i, toks, i, p, table, False) if p > i else None
            _emit_title(doc, s_i, toks, p, p + t_len)
            _parts(doc, s_i, toks, p + t_len + 1, j, table, False)
            return
        if rest and (
            _org_suffix(rest[-1])
            or rest[-1] in _W.event_words
            or not all(_name_shaped(w) for w in rest)
        ):
            continue  # "General Motors", "Justice Department"
        if rest and t_len == 1 and toks[p][2] in _TITLES_THAT_ARE_NAMES:
            continue  # "Dean Martin"
        if not rest and t_len == 1 and p > i and toks[p - 1][2] in _W.first_names:
            continue  # "John Major", "Carole King"
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
            _parts(doc, s_i, toks, i, p, table, False)
        while p + t_len in starts:  # "Spokesman Lieutenant-Colonel Anna Berg"
            _emit_title(doc, s_i, toks, p, p + t_len)
            p, t_len = p + t_len, starts[p + t_len]
        _emit_title(doc, s_i, toks, p, p + t_len)
        if p + t_len < j:
            _parts(doc, s_i, toks, p + t_len, j, table, True)
        return
    _parts(doc, s_i, toks, i, j, table, False)


_FUNCTION = frozenset(
    "the a an and or but by of for in on at to from with as if so than that this these those "
    "his her its their our my your we they he she it i you there here when while where after "
    "before since until during under over into about against between through via per".split()
)
_SCORE = re.compile(r"\d{1,3}(?:-\d{1,3})?$")
_DATE_TOKEN = re.compile(r"\d{4}-\d\d-\d\d$|\d{1,2}/\d{1,2}/\d{2,4}$")


def _unknown_word(doc: _Doc, w: str, heads, mods) -> bool:
    """A capitalised word no list knows and the document never capitalises mid-sentence."""
    return not (
        w.endswith(".")  # an initial or an abbreviation
        or w in doc.mid_caps()
        or w in _W.first_names
        or w in heads
        or w in mods
        or w in _W.honorifics
        or w in _W.org_prefixes
        or w in _W.org_heads
        or _gazetteer_label([w])
        or w.isupper()
    )


#: Words that begin names ("New York Desk", "West Ham") even at a sentence's start.
_NAME_OPENERS = frozenset(
    "new north south east west northern southern eastern western central great upper lower "
    "old royal saint st".split()
)


def _org_suffix(word: str) -> bool:
    """An organisation's last word, singular or plural: "Bank", "Universities", "Airlines"."""
    suffixes = _W.org_suffixes
    return (
        word in suffixes
        or (word.endswith("ies") and word[:-3] + "y" in suffixes)
        or (word.endswith("s") and word[:-1] in suffixes)
    )


#: Roles that are also given names: never a role in front of another name.
_TITLES_THAT_ARE_NAMES = frozenset("Dean Major Earl Duke Marshal Baron".split())
_NAME_PARTICLES_2 = frozenset("van von der den de la le du da dos del".split())


#: Words around a city's name that make it the city's team.
_SPORT_NEXT = frozenset(
    "beat beats drew draw lost win won striker strikers midfielder defender defenders goalkeeper "
    "keeper manager boss coach winger forward fullback squad skipper midfield defence "
    "fans supporters side team players player star stars captain signing target debut "
    "batsman batsmen bowler bowlers all-rounder spinner paceman wicketkeeper opener "
    "flanker scrum-half fly-half hooker quarterback pitcher pitchers outfielder shortstop "
    "v vs".split()
)
_SPORT_PREV = frozenset("beat beating v vs versus join joined joining joins".split())
#: Words before a name that make it a team only in a sports story ("sanctions against Baghdad").
_SPORT_PREV_IN_SPORTS = frozenset(["against"])


def _place_adjective(word: str) -> str | None:
    """The place an adjective of place is made from: "Transylvanian" -> Transylvania."""
    if len(word) < 5 or not word.endswith(("an", "ian", "ean", "ese")):
        return None
    stems = (word[:-1], word[:-1] + "s", word[:-2] + "a", word[:-3], word[:-3] + "a")
    for stem in stems:
        hit = _W.places.get(stem)
        if hit and hit[0] in ("GPE", "LOC"):
            return hit[1]
    return None


#: Awards, which are no person ("an Oscar") and no organisation ("the Baftas"), and the
#: events that one word names ("the Olympics").
_AWARDS = frozenset(
    ["Oscar", "Oscars", "Bafta", "Baftas", "Grammy", "Grammys", "Emmy", "Emmys", "Tony Award",
     "Tony Awards", "Golden Globe", "Golden Globes", "Golden Bear", "Golden Lion", "Palme d'Or",
     "Booker", "Pulitzer", "Nobel", "Brit Award", "Brit Awards", "Ballon d'Or",
     # events known by one word
     "Olympics", "Paralympics", "Olympiad"]
)  # fmt: skip
#: Nouns after a name that say it is an organisation: "the X newspaper".
_ORG_NEXT = frozenset("newspaper daily weekly agency company firm group party".split())
#: Nouns that say the name next to them is a place: "the town of X", "the X region".
_PLACE_NOUNS = frozenset(
    "town towns village villages city cities island islands region province district state "
    "port capital suburb county municipality area settlement enclave republic".split()
)


#: A player's role right before a name: the name is a person's ("striker Milan Baros").
_PLAYER_ROLES = frozenset(
    "striker midfielder defender goalkeeper keeper winger forward captain skipper batsman "
    "bowler fly-half scrum-half full-back centre-back flanker hooker pitcher quarterback "
    "team-mate teammate playmaker sprinter".split()
)
#: Words after a town's name that make it a company of that name ("Toyota sales").
_COMPANY_NEXT = frozenset(
    "sales shares profits profit revenues revenue earnings turnover model models handset "
    "handsets phone phones chips chip shareholders subsidiary brand executive executives "
    "chairman spokesman spokeswoman stake bid takeover merger products product plc corp "
    "inc motors motor".split()
)
#: Words right before a name that make it a company's: "handset maker Nokia".
_COMPANY_PREV = frozenset(
    "maker makers firm company giant retailer operator carrier insurer airline brewer "
    "chipmaker carmaker manufacturer supplier producer lender broker publisher broadcaster "
    "conglomerate provider developer distributor subsidiary".split()
)
#: ... and before "in", "at" or "for": "shares in Google", "employees at Apple".
_COMPANY_OWNERS = frozenset(
    "shares stake stakes investors investment shareholders employees staff workers "
    "executives executive engineers jobs job chief boss".split()
)
_MODEL_NUMBER = re.compile(r"(?:\d{3,}|[A-Z]{1,2}\d+)[a-z]?$")  # "6600", "N70"; not "70 miles"


def _company_context(key: str, nxt: str, toks=None, i: int = 0) -> bool:
    """A name (a town's, of under a million people, or none) that the words around make a
    company's: "Nokia 6600", "Toyota sales", "handset maker Nokia", "shares in Google"."""
    if _W.cities.get(key, 0) >= 1_000_000 or key in _W.nations or key in _W.country_names:
        return False
    if nxt.lower() in _COMPANY_NEXT or (
        bool(_MODEL_NUMBER.match(nxt)) and not nxt.startswith(("19", "20"))
    ):
        return True
    if toks is None or i == 0:
        return False
    prev = toks[i - 1][2].lower()
    if prev in _COMPANY_PREV:
        return True
    return i > 1 and prev in ("in", "at", "for") and toks[i - 2][2].lower() in _COMPANY_OWNERS


def _sports_context(toks, i: int, j: int, doc: _Doc) -> bool:
    nxt = toks[j][2] if j < len(toks) else ""
    if nxt in ("'s", "’s"):
        nxt = toks[j + 1][2] if j + 1 < len(toks) else ""
    prev = toks[i - 1][2] if i > 0 else ""
    return (
        nxt in _SPORT_NEXT
        or prev in _SPORT_PREV
        or (prev in _SPORT_PREV_IN_SPORTS and _is_sports_story(doc))
    )


def _name_shaped(word: str) -> bool:
    return (
        word[:1].isupper()
        or word in _NAME_PARTICLES
        or word in ("(", ")", ".")
        or bool(_JOINED_PARTICLE.match(word))
    )


def _parts(doc: _Doc, s_i: int, toks, i: int, j: int, table: bool, person_next: bool) -> None:
    """Label toks[i:j], splitting a leading place or nationality off a person's name."""
    if not person_next and i and toks[i - 1][2].lower() in _PLAYER_ROLES:
        person_next = True  # "Liverpool striker Milan Baros": a player, not a Milan club
    last = toks[j - 1][2]
    if "-" in last:
        head, _, tail = last.rpartition("-")
        if tail.islower():  # "New York-based", "Hong Kong-listed"
            hit = _gazetteer_label(_words(toks, i, j - 1) + [head])
            if hit:
                _emit(doc, s_i, toks, i, j, "NORP", hit[1], _STRONG)
                return
    for k in range(i + 1, j - 1):  # "St. Louis-based Acme Bancorp Inc."
        w = toks[k][2]
        if "-" in w and w.rpartition("-")[2].islower():
            hit = _gazetteer_label(_words(toks, i, k) + [w.rpartition("-")[0]])
            if hit:
                _emit(doc, s_i, toks, i, k + 1, "NORP", hit[1], _STRONG)
                i = k + 1
            break
    pos = i
    while pos < j:
        w = toks[pos][2]
        # "Brazilian-born", "Vienna-based", "Communist-led": a compound that is not the name.
        if "-" in w and pos + 1 < j:
            head, _, tail = w.partition("-")
            hit = _gazetteer_label([head])
            if hit and tail.islower():
                _emit(doc, s_i, toks, pos, pos + 1, "NORP", hit[1], _STRONG)
                pos += 1
                continue
        if toks[pos][2] in _W.honorifics and pos + 1 < j:
            pos += 1
            person_next = True
            continue
        g_len, g_label, g_canon = _longest_gazetteer(toks, pos, j)
        if not g_len or pos + g_len == j:
            break
        rest = _words(toks, pos + g_len, j)
        if person_next and pos == i and g_len == 1 and len(rest) <= 2 and g_label != "NORP":
            break  # after a player's role, "Milan Baros" is a name, not a place and a name
        of_head = rest[rest.index("of") - 1] if "of" in rest[1:] else ""
        if (
            _org_suffix(rest[-1])
            or rest[-1] in _W.event_words
            or (" ".join(rest[-2:]) in _W.event_words)
            or of_head in _W.event_words
        ):
            break  # "Japan Airlines", "Italian Grand Prix", "African Cup of Nations": one name
        team = (
            len(rest) == 1
            and rest[0].endswith("s")
            and rest[0] not in _W.first_names
            and g_label == "GPE"
        )  # "Houston Astros", "Phoenix Suns"
        if g_len == 1 and w in _W.first_names and w not in _W.demonyms and len(rest) <= 2:
            party = g_label == "NORP" and len(rest) == 2 and rest[0] in _W.first_names
            if not team and not party:
                break  # "Christian Cullen", "Jordan Smith": a person ("Tory Liam Fox": not)
        if rest[0] in _W.first_names or rest[0] in _W.honorifics or g_label == "NORP":
            _emit(doc, s_i, toks, pos, pos + g_len, g_label, g_canon, _STRONG)
            pos += g_len
            continue
        # "Boston Red Sox", "Leeds United", "Oslo Fish Traders": named after a place
        _emit(doc, s_i, toks, pos, j, "ORG", " ".join(_words(toks, pos, j)), _MEDIUM)
        return
    if pos < j:
        _add_core(doc, s_i, toks, pos, j, table, person_next)


def _words(toks, i: int, j: int) -> list[str]:
    return [t[2] for t in toks[i:j]]


def _title_at(toks, pos: int, j: int, heads, mods) -> int:
    """Length in tokens of the role phrase starting at `pos`, 0 if none."""
    w = toks[pos][2]
    if "-" in w:  # "Lieutenant-Colonel", "Vice-President"
        if w in heads or all(p in heads or p in mods for p in w.split("-")):
            return 1
    k = pos
    while k < j and (
        toks[k][2] in mods
        or (toks[k][2] == "and" and k > pos and k + 1 < j and toks[k + 1][2] in mods)
    ):
        k += 1
    best = 0
    for m in range(min(j, k + 3), k, -1):
        if " ".join(t[2] for t in toks[k:m]) in heads:
            best = m
            break
    if not best:
        return 0
    # "of Industry and Trade": the rest of a ministry's name, but not a country or a name
    if best < j and toks[best][2] == "of":
        m = best + 1
        if m < j and toks[m][2] == "the":
            m += 1  # "Chancellor of the Exchequer"
        obj_end = m
        while obj_end < j and (_is_cap(toks[obj_end][2]) or toks[obj_end][2] in ("and", "&")):
            if toks[obj_end][2] in _W.first_names and obj_end > m:
                break
            obj_end += 1
        obj = " ".join(t[2] for t in toks[m:obj_end])
        if obj_end > m and not _gazetteer_label(obj.split()):
            best = obj_end
    return best - pos


def _gazetteer_label(words: list[str]) -> tuple[str, str] | None:
    return _W.places.get(" ".join(words))


def _longest_gazetteer(toks, pos: int, j: int) -> tuple[int, str, str]:
    word = toks[pos][2]
    longest = _W.place_lengths.get(word, 1)
    places = _W.places
    if longest == 1 or pos + 1 == j:  # most words start no longer place name: one look-up
        hit = places.get(word)
        return (1, hit[0], hit[1]) if hit else (0, "", "")
    for m in range(min(j, pos + longest), pos, -1):
        hit = places.get(" ".join([t[2] for t in toks[pos:m]]))
        if hit:
            return m - pos, hit[0], hit[1]
    return 0, "", ""


def _emit(doc: _Doc, s_i: int, toks, i: int, j: int, label: str, canon: str, strength: int):
    if label == "ORG":
        canon = _W.org_aliases.get(canon, canon)  # "EU" and "European Union": one entity
    doc.found.append([toks[i][0], toks[j - 1][1], label, canon, strength, s_i, j - i])


def _emit_title(doc: _Doc, s_i: int, toks, i: int, j: int) -> None:
    _emit(doc, s_i, toks, i, j, "TITLE", " ".join(_words(toks, i, j)), _STRONG)


def _add_core(doc: _Doc, s_i: int, toks, i: int, j: int, table: bool, person_next: bool) -> None:
    """Label the name toks[i:j] by the strongest evidence at hand."""
    words = _words(toks, i, j)
    n = len(words)
    key = " ".join(words)
    if n == 1 and (len(key) == 1 or _HAS_DIGIT.search(key)):
        return
    prev = toks[i - 1][2] if i else ""
    nxt = toks[j][2] if j < len(toks) else ""
    if is_holiday(key) or (
        key in ("Day", "Eve")
        and prev in ("'s", "’s")
        and i > 1
        and toks[i - 2][2] in ("Year", "Valentine")
    ):
        return  # a date ("New Year", "Christmas Eve"): the values pass finds it
    if key in _AWARDS and (n > 1 or nxt not in ("said", "says", "told", "added")):
        _emit(doc, s_i, toks, i, j, "EVENT", key, _STRONG)  # "an Oscar nomination"
        return
    if (
        prev.lower() in _TEAM_BEFORE
        and key not in _W.nations
        and key not in _W.country_names
        and _is_sports_story(doc)
    ):
        _emit(doc, s_i, toks, i, j, "ORG", key, _MEDIUM)  # "division team Deportivo Coruna"
        if n == 1:
            doc.clubs.add(key)
        return
    hit = _gazetteer_label(words)
    if hit:
        label, canon = hit
        if label == "GPE" and key not in _W.nations:
            if n == 1 and _company_context(key, nxt, toks, i):
                _emit(doc, s_i, toks, i, j, "ORG", key, _MEDIUM)  # "Toyota sales", "Nokia 6600"
                return
            if prev in ("agency", "newspaper", "daily") and n == 1:
                _emit(doc, s_i, toks, i, j, "ORG", key, _MEDIUM)  # "the news agency Xinhua"
                return
            if table and _SCORE.match(nxt) and key not in _W.us_states:
                _emit(doc, s_i, toks, i, j, "ORG", key, _MEDIUM)  # a club named after its city
                return
            if _sports_context(toks, i, j, doc):
                doc.clubs.add(key)  # "Leeds beat Bolton", "Bolton striker"
                _emit(doc, s_i, toks, i, j, "ORG", key, _STRONG)
                return
        _emit(doc, s_i, toks, i, j, label, canon, _STRONG)
        return
    if key in _W.known_orgs or (n > 2 and " ".join(words[-2:]) in _W.known_orgs):
        _emit(doc, s_i, toks, i, j, "ORG", key, _STRONG)  # "International Red Cross"
        return
    last = words[-1]
    first = words[0]
    if n == 2 and last in ("Law", "Bill", "Code") and first in _W.first_names:
        _emit(doc, s_i, toks, i, j, "PERSON", key, _STRONG)  # "Jude Law", "Kyle Bill"
        return
    head = words[words.index("of") - 1] if n > 2 and "of" in words[1:-1] else ""
    if head in _EVENT_OF or head in _W.event_words or head in _LAW_OF or head in _W.law_words:
        # "Battle of Britain", "World Series of Golf", "Treaty of Rome", "Bill of Rights"
        label = "EVENT" if head in _EVENT_OF or head in _W.event_words else "LAW"
        _emit(doc, s_i, toks, i, j, label, key, _STRONG)
        return
    if n > 1 and last in _W.norp_words and last not in _W.first_names:
        _emit(doc, s_i, toks, i, j, "NORP", key, _STRONG)  # "Roman Catholic", "Sunni Muslim"
        return
    if n > 1 and last in _W.law_words:
        _emit(doc, s_i, toks, i, j, "LAW", key, _STRONG)
        return
    if n > 1 and (last in _W.event_words or " ".join(words[-2:]) in _W.event_words):
        _emit(doc, s_i, toks, i, j, "EVENT", key, _STRONG)
        return
    if n > 1 and _org_suffix(last):  # a lone "TV", "PLC" or "FC" names nothing
        _emit(doc, s_i, toks, i, j, "ORG", key, _STRONG)
        return
    if n > 1 and (
        first in _W.org_heads or (first in _W.org_prefixes and first not in _W.first_names)
    ):
        _emit(doc, s_i, toks, i, j, "ORG", key, _STRONG)
        return
    if n > 1 and len(first) == 2 and first[1] == "." and first[0].isupper():
        _emit(doc, s_i, toks, i, j, "PERSON", key, _STRONG)  # "P. Simmons"
        return
    if n > 1 and _W.cities.get(last, 0) >= 100_000 and first not in _W.first_names:
        _emit(doc, s_i, toks, i, j, "ORG", key, _MEDIUM)  # "Rapid Vienna", "Sporting Lisbon"
        return
    fn = _W.first_names
    place = _W.loc_words.get(last)
    if n > 1 and place and not (last in _SURNAME_LIKE and (first in fn or person_next)):
        _emit(doc, s_i, toks, i, j, place, key, _STRONG)  # "Trafalgar Square", "Tower Bridge"
        return
    if n > 1 and first in _PLACE_OPENERS and not person_next:
        _emit(doc, s_i, toks, i, j, "LOC", key, _STRONG)  # "Mount Kenya", "Lake Victoria"
        return
    if person_next:
        _emit(doc, s_i, toks, i, j, "PERSON", key, _STRONG)
        return
    if n > 1 and len(first) == 2 and first[1] == "." and first[0].isupper():
        _emit(doc, s_i, toks, i, j, "PERSON", key, _STRONG)  # "P. Simmons"
        return
    if "-" in key and n == 1:
        parts = key.split("-")
        hits = [_gazetteer_label([p]) for p in parts]
        if all(hits):
            _emit(doc, s_i, toks, i, j, "NORP", key, _STRONG)  # "Russian-Iranian": both, not one
            return
    if "&" in words:
        _emit(doc, s_i, toks, i, j, "ORG", key, _STRONG)  # "Marks & Spencer", "Smith & Co"
        return
    if n > 1 and (first in fn or first.split("-")[0] in fn) and first.lower() not in _W.stopwords:
        if last.endswith("s") and last.lower() in doc.lower_vocab():
            _emit(doc, s_i, toks, i, j, "ORG", key, _MEDIUM)  # "Johnson Controls"
            return
        _emit(doc, s_i, toks, i, j, "PERSON", key, _STRONG)  # "Mehdi Sanai", "Jean-Michel Monin"
        return
    if (
        n == 2
        and first in fn
        and not _is_sentence_initial(toks, i)
        and last.lower() not in _W.stopwords
        and last[1:].islower()
    ):
        _emit(doc, s_i, toks, i, j, "PERSON", key, _MEDIUM)  # "Will Hartley", "Jan Novak"
        return
    if n == 1 and (key.isupper() and len(key) > 1 and key.isalpha()):
        _emit(doc, s_i, toks, i, j, "ORG", key, _MEDIUM)
        return
    if table and _SCORE.match(nxt):
        _emit(doc, s_i, toks, i, j, "ORG", key, _MEDIUM)
        return
    if n == 1:
        pop = _W.cities.get(key)
        if prev in _W.lower_titles or (prev in ("b", "c", "st") and i > 1):
            # "president Suharto"; a cricket scorecard: "c Healy b Warne"
            _emit(doc, s_i, toks, i, j, "PERSON", key, _MEDIUM)
            return
        if (
            prev == "("
            and nxt == ")"
            and i > 1
            and toks[i - 2][2].isupper()
            and len(toks[i - 2][2]) > 1
        ):
            _emit(doc, s_i, toks, i, j, "ORG", key, _STRONG)  # the agency of a dateline
            return
        if prev in ("agency", "newspaper", "daily"):
            _emit(doc, s_i, toks, i, j, "ORG", key, _MEDIUM)  # "the news agency Tanjug"
            return
        if (
            nxt in _ORG_NEXT or (nxt == "news" and j + 1 < len(toks) and toks[j + 1][2] == "agency")
        ) and not _place_adjective(key):
            _emit(doc, s_i, toks, i, j, "ORG", key, _MEDIUM)  # "X newspaper", "X news agency"
            return
        if (prev == "of" and i > 1 and toks[i - 2][2].lower() in _PLACE_NOUNS) or (
            nxt in _PLACE_NOUNS
        ):
            _emit(doc, s_i, toks, i, j, "GPE", key, _MEDIUM)  # "the town of X", "the X region"
            return
        if _ORG_ENDING.search(key):
            _emit(doc, s_i, toks, i, j, "ORG", key, _WEAK)  # "Nordbank", "Infotech"
            return
        if _company_context(key, nxt, toks, i):
            _emit(doc, s_i, toks, i, j, "ORG", key, _MEDIUM)  # "Nokia shares", "Hitachi chief"
            return
        if pop and _sports_context(toks, i, j, doc):
            doc.clubs.add(key)
            _emit(doc, s_i, toks, i, j, "ORG", key, _STRONG)
            return
        if key in fn and prev.lower() in ("a", "an"):
            _emit(doc, s_i, toks, i, j, "ORG", key, _WEAK)  # "a Sky spokesman": no person
            return
        if key in fn and prev not in _LOC_PREPS:
            _emit(doc, s_i, toks, i, j, "PERSON", key, _WEAK)  # "Nancy", a name before a town
            return
        if pop or (prev in _LOC_PREPS and key[1:].islower()):
            _emit(doc, s_i, toks, i, j, "GPE", key, _WEAK)
            return
        if key in fn:
            _emit(doc, s_i, toks, i, j, "PERSON", key, _WEAK)
            return
        place = _place_adjective(key)
        if place:  # "Transylvanian", "Californian", "Texan"
            _emit(doc, s_i, toks, i, j, "NORP", place, _MEDIUM)
            return
        # An unknown word the document also writes in lower case ("Library", "Health") is a
        # name only if the document confirms it elsewhere.
        common = key.lower() in doc.lower_vocab()
        label = "PERSON" if _SURNAME_ENDING.search(key) else "ORG"  # "Kowalski", "Petrov"
        _emit(doc, s_i, toks, i, j, label, key, _UNCONFIRMED if common else _WEAK)
        return
    if n > 1 and last in _W.countries and first not in fn:
        _emit(doc, s_i, toks, i, j, "ORG", key, _MEDIUM)  # "Statistics Norway"
        return
    if n <= 3 and all(
        w[:1].isupper() and w[1:].islower() and w.lower() not in _W.stopwords
        for w in words
        if w not in _NAME_PARTICLES
    ):
        # Two or three unknown words: a person, unless the document uses one of them as an
        # ordinary lower-case word ("Blue Bird", "Silver Lake").
        lower = doc.lower_vocab()
        common = any(w.lower() in lower for w in words if w not in _NAME_PARTICLES)
        _emit(doc, s_i, toks, i, j, "ORG" if common else "PERSON", key, _WEAK)
        return
    _emit(doc, s_i, toks, i, j, "ORG", key, _WEAK)


# --- pass 3: the document decides --------------------------------------------------------


_FEMALE_BEFORE = re.compile(r"\b(?:Mrs|Ms|Miss|Lady|Dame|Madam)\.? $")
_MALE_BEFORE = re.compile(r"\b(?:Mr|Sir|Lord)\.? $")


def _gender_clash(text: str, start: int, full_name: str) -> bool:
    """ "Mrs Howard" is not "Michael Howard", nor "Mr Ward" "Judith Ward"."""
    before = text[max(0, start - 7) : start]
    female, male = _W.gendered
    first = full_name.split(" ", 1)[0]
    if _FEMALE_BEFORE.search(before):
        return first in male
    if _MALE_BEFORE.search(before):
        return first in female
    return False


def _resolve_document(doc: _Doc) -> None:
    people: dict[str, str] = {}  # a part of a full name -> the full name
    last_names: set[str] = set()
    firsts: dict[str, str] = {}
    strong: dict[str, tuple[str, str]] = {}
    org_firsts: dict[str, tuple[str, str]] = {}  # "Jones" after "Jones Dental Supplies"
    for f in sorted(doc.found, key=lambda f: -f[4]):  # stable: strong guesses first
        start, end, label, entity, strength, _s, ntok = f
        surface = doc.text[start:end]
        if label == "PERSON" and ntok > 1:
            parts = [p for p in surface.split() if p not in _NAME_SUFFIXES]
            if len(parts) > 1:
                people.setdefault(parts[-1], entity)
                if strength >= _MEDIUM:
                    last_names.add(parts[-1])
                people.setdefault(" ".join(parts[1:]), entity)
                if len(parts) > 2:
                    people.setdefault(" ".join(parts[-2:]), entity)
                first = parts[0]
                if (
                    not first.endswith(".")
                    and first not in _W.first_names
                    and not _gazetteer_label([first])
                    and first.lower() not in doc.lower_vocab()
                ):
                    firsts.setdefault(first, entity)  # "Tariq" after "Tariq Aziz"
        if strength >= _MEDIUM and label != "TITLE":
            strong.setdefault(surface, (label, entity))
            if label == "ORG" and ntok > 1:
                org_firsts.setdefault(surface.split()[0], (label, entity))
    for key, entity in firsts.items():
        people.setdefault(key, entity)
    for f in doc.found:
        start, end, label, entity, strength, _s, ntok = f
        if label == "TITLE" and ntok == 1 and doc.text[start:end] in last_names:
            f[2], f[3] = "PERSON", people[doc.text[start:end]]  # "King" after "Carole King"
            continue
        if label in ("TITLE", "NORP"):
            continue
        surface = doc.text[start:end]
        if (surface in people and not _gender_clash(doc.text, start, people[surface])) and (
            strength <= _MEDIUM
            or label == "PERSON"
            or surface in last_names
            or (label == "GPE" and surface in _W.cities and surface not in _W.nations)
        ):
            f[2], f[3] = "PERSON", people[surface]
            f[4] = max(strength, _WEAK)
            continue
        if strength <= _WEAK and surface in strong:
            f[2], f[3] = strong[surface]
            f[4] = _WEAK
        elif strength == _WEAK and ntok == 1 and surface in org_firsts:
            f[2], f[3] = org_firsts[surface]
    doc.found = [f for f in doc.found if f[4] != _UNCONFIRMED]
    sports = _is_sports_story(doc)
    if doc.clubs or sports:  # the team elsewhere in the document too, but not "in Leeds"
        for f in doc.found:
            surface = doc.text[f[0] : f[1]]
            if sports and f[2] == "PERSON" and f[6] == 1 and f[4] <= _WEAK:
                # "Chelsea sack Mutu": a town that is also a given name, alone, is the team.
                if (
                    _W.cities.get(surface, 0) >= 50_000
                    and surface not in people
                    and _club_like(surface)
                ):
                    f[2], f[3] = "ORG", surface
                    doc.clubs.add(surface)
                continue
            if (
                f[2] == "GPE"
                and (surface in doc.clubs or (sports and _club_like(surface)))
                and not _PLACE_BEFORE.search(doc.text, max(0, f[0] - 12), f[0])
                and not (
                    (surface in _W.cities or surface in _W.places)
                    and _VENUE_BEFORE.search(doc.text, max(0, f[0] - 6), f[0])
                )
                and not _DATELINE_AFTER.match(doc.text, f[1])
            ):
                f[2], f[3] = "ORG", surface
                doc.clubs.add(surface)
    # Lists of surnames: "Hale , Moss , Burke and Lyle".
    found = sorted(doc.found, key=lambda f: f[0])
    for order in (found, found[::-1]):
        for a, b in zip(order, order[1:], strict=False):
            if (
                b[4] == _WEAK
                and b[6] == 1
                and b[2] != "PERSON"
                and a[2] == "PERSON"
                and a[5] == b[5]
                and doc.text[min(a[1], b[1]) : max(a[0], b[0])].strip() in (",", "and", ";")
            ):
                b[2] = "PERSON"
            # Teams listed with a team: "Essex , Derbyshire and Surrey" once one is a team.
            elif (
                doc.clubs
                and b[2] == "GPE"
                and a[2] == "ORG"
                and doc.text[a[0] : a[1]] in doc.clubs
                and doc.text[b[0] : b[1]] not in _W.nations
                and doc.text[min(a[1], b[1]) : max(a[0], b[0])].strip() in (",", "and")
            ):
                b[2], b[3] = "ORG", doc.text[b[0] : b[1]]
                doc.clubs.add(b[3])
    doc.people = people
    doc.strong = strong


#: Words that only sports reports use often; a document with several of them is one, and a
#: town it names (not a country: national sides stay places) is the town's team.
_SPORTS_WORDS = frozenset(
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
_TEAM_BEFORE = frozenset(
    "team club side rivals champions contenders leaders opponents outfit hosts visitors "
    "holders".split()
)
#: Words before a name that keep it a place in a sports story: "in Leeds", "north London".
_PLACE_BEFORE = re.compile(
    r"(?:\b(?i:in|of|near|north|south|east|west|central|capital|city|town)\s+|\(\s*)$"
)
#: ... and before a known town, where a match is played or a trip goes: "at Headingley".
_VENUE_BEFORE = re.compile(r"\b(?i:at|to)\s+$")
_DATELINE_AFTER = re.compile(
    r"(?:[ \t]*,[ \t]*[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)?[ \t]+(?:1[5-9]|20)\d\d-\d\d-\d\d"
)


#: Sports words that other stories use too ("a football stadium"): each counts half.
_SPORTS_WORDS_WEAK = frozenset(
    "football rugby cricket tennis golf athletics baseball basketball hockey stadium athlete "
    "athletes footballer footballers".split()
)


def _is_sports_story(doc: _Doc) -> bool:
    if doc.sports is None:
        words = doc.lower_vocab() & _SPORTS_WORDS
        doc.sports = len(words) - len(words & _SPORTS_WORDS_WEAK) / 2 >= 2
    return doc.sports


def _club_like(surface: str) -> bool:
    """A single-word place name that a sports story may use for a team: a town, not a
    country, a home nation or a US state."""
    return (
        " " not in surface
        and surface not in _W.nations
        and surface not in _W.us_states
        and surface not in _W.country_names
    )


_SURNAME_LIKE = frozenset(
    "Park Hall Lane Hill Hills Street Bridge Ford Forest Castle Tower Temple".split()
)
_PLACE_OPENERS = frozenset("Mount Mt Lake Cape Isle Gulf".split())
_NAME_SUFFIXES = frozenset(["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"])


# --- pass 4: headlines ----------------------------------------------------------------------


def _scan_caps_line(doc: _Doc, s_i: int, toks, known: dict[str, tuple[str, str]]) -> None:
    people = getattr(doc, "people", {})
    n = len(toks)
    # Title-cased forms, once per word; None where a word cannot be part of a name.
    titled = [_title_case(t[2]) if t[2][:1].isalpha() else None for t in toks]
    i = 0
    while i < n:
        if titled[i] is None or not toks[i][2][:1].isupper():
            i += 1
            continue
        hit = None
        if i == 0:
            # A dateline: "KHARTOUM 2019-05-02" is the place the story was filed from, even
            # where the story names a team after it ("NEW YORK 1996-08-30" over baseball).
            m = 0
            while m < n and toks[m][2][:1].isalpha() and toks[m][2].isupper():
                m += 1
            if 0 < m <= 3 and m < n and _DATE_TOKEN.match(toks[m][2]):
                words = [_title_case(t[2]) for t in toks[:m]]
                key = " ".join(words)
                place = _gazetteer_label(words)
                label, canon = place or (("ORG" if key in _W.known_orgs else "GPE"), key)
                _emit(doc, s_i, toks, 0, m, label, canon, _MEDIUM)
                i = m
                continue
        for m in range(min(n, i + 4), i, -1):
            if None in titled[i:m]:
                continue
            words = titled[i:m]
            key = " ".join(words)
            raw = " ".join(t[2] for t in toks[i:m])
            if key in known:
                hit = (m, *known[key])
            elif raw in known and raw.isupper():
                hit = (m, *known[raw])
            elif key in people:
                hit = (m, "PERSON", people[key])
            else:
                g = _gazetteer_label(words)
                if g and (
                    g[0] != "GPE"
                    or key in _W.nations
                    or key in _W.us_states
                    or _W.cities.get(key, 0) >= 100_000
                ):
                    hit = (m, *g)
                elif key in _W.known_orgs or raw in _W.known_orgs:
                    hit = (m, "ORG", key if key in _W.known_orgs else raw)
            if hit:
                break
        if not hit:
            # "JAKARTA POST", "ACME HOLDINGS": an organisation by its last word.
            for m in range(min(n, i + 4), i + 1, -1):
                words = titled[i:m]
                if None in words or any(w.lower() in _FUNCTION for w in words):
                    continue
                if _org_suffix(words[-1]) and words[-1] not in ("United", "City", "Town"):
                    hit = (m, "ORG", " ".join(words))
                    break
        if hit:
            m, label, canon = hit
            nxt = toks[m][2] if m < n else ""
            before = toks[i - 1][2] if i else ""
            if (
                label in ("GPE", "LOC")
                and canon not in _W.country_names
                and (_SCORE.match(nxt) or nxt in ("AT", "V", "VS") or before in ("V", "VS"))
            ):  # a results table or a fixture list: "HOUSTON AT PITTSBURGH" (the team at a place)
                label, canon = "ORG", " ".join(_title_case(t[2]) for t in toks[i:m])
            _emit(doc, s_i, toks, i, m, label, canon, _MEDIUM)
            i = m
        else:
            i += 1


# --- entities --------------------------------------------------------------------------------


def build_entities(mentions: Sequence[Mention]) -> list[Entity]:
    """One Entity per (label, canonical name), in order of first appearance."""
    order: list[tuple[str, str]] = []
    aliases: dict[tuple[str, str], list[str]] = {}
    counts: dict[tuple[str, str], int] = {}
    for m in mentions:
        key = (m.label, m.entity)
        if key not in counts:
            order.append(key)
            counts[key] = 0
            aliases[key] = []
        counts[key] += 1
        # An alias is a name as written, on one line: "Boris\tJohnson" is "Boris Johnson".
        alias = m.text if m.text.isprintable() else " ".join(m.text.split())
        if alias != m.entity and alias not in aliases[key]:
            aliases[key].append(alias)
    return [
        Entity(
            name=name,
            label=label,
            aliases=tuple(aliases[(label, name)]),
            mentions=counts[(label, name)],
        )
        for label, name in order
    ]
