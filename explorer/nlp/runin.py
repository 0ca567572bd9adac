"""A headline run into the first sentence of its story, with no line break between them.

Copy that lost its line breaks ("one line per document") starts "Ad sales boost Time Warner
profit Quarterly profits at US media giant TimeWarner jumped 76% ...": nothing marks where the
headline ends, so it becomes the first words of the first sentence, and its last name runs
into the sentence's first word ("profit Quarterly", "Reuters Revenues"). The analysis view
(explorer.nlp.layout) asks `headline_end` about a document's first line and, when it answers,
writes a line break for the space there, as if the headline stood on its own line.

A careful reader sees the seam in a capitalised word that opens a sentence where no sentence
ended: within the first few words, with no full stop, comma or semicolon before it, the
word before it not one that needs a continuation ("of", "the"), the word after it in lower
case, and the word itself one that only a sentence start capitalises:

- a function word ("The", "A", "In", "Its"), which never starts a name in running text;
- the headline's last word said again ("Cameroon Cameroon says", "Japan Japan's economy");
- a number written out ("Eighteen former directors"), which a name after a lower-case word
  does not open unless the document capitalises it inside its sentences too ("Five");
- a common word the document writes in lower case elsewhere ("quarterly", "shares"; a
  plural in the singular will do: "Plans to..." where it writes "the plan"; a compound of
  such words with its later parts in lower case: "Smoke-free", "High-speed"; by its shape, a
  plural for people by what they do: "Organisers", "Historians") and
  never capitalises except at a sentence's start (so "Labour", "Group", "News" stay names),
  and that the gazetteers do not know as a name.

A seam found inside a name is moved to the name's start: "...to reach final Lleyton Hewitt
kept" opens at "Lleyton", a word the document writes nowhere else, not at "Hewitt".

A common word is trusted only after a lower-case word, a number or a closing quote (a
sentence-case headline): after a capitalised word it may be a name's last word ("Royal Dutch
Shell Group fell"). Precision comes first: a false break in the middle of a real first
sentence costs more than a missed headline. The cost is bounded: only the first line's first
`MAX_WORDS` + 2 words are read, and the document's first `_WINDOW` characters searched for
the evidence, for a candidate word or two.
"""

from __future__ import annotations

import itertools

from explorer.nlp import regexes
from explorer.nlp.names.lists import word_list

__all__ = ["HEAD_CHARS", "MAX_WORDS", "headline_end"]

#: The longest headline looked for, in words.
MAX_WORDS = 15
_MIN_WORDS = 3
#: How much of the document is searched for how it writes a candidate word elsewhere.
_WINDOW = 20_000
#: How far into the first sentence its subject is looked for (see `_subject_again`), in words.
_SUBJECT_REACH = 5
#: The longest headline whose subject is looked for again, in words.
_SUBJECT_HEAD = 12
#: Characters of the first line read: enough for the words looked at, and a bound.
HEAD_CHARS = 40 * (MAX_WORDS + 2 + _SUBJECT_REACH)
# A match's score: "2-1", "21-19".
_SCORE = regexes.compile(r"\d{1,3}-\d{1,3}")
# A word a sentence start capitalises: "The", "Quarterly", "It's"; "A" alone.
_OPENER = regexes.compile(r"(?:[A-Z][a-z]+(?:-[a-z]+)*|A)(?:['’]s)?")
_CLOSERS = "\"'”’)]"
_OPEN_QUOTES = "\"'“‘"
# Words that open sentences and never a name (title-cased in running text only at a title
# of a work, "Meet The Fockers", where the next word is capitalised too).
_FUNCTION_OPENERS = frozenset(
    "the a an this these those it its he she they we his her their our there in on at for "
    "with after before as when while if although though despite according some many most "
    "several both all each every no another now still yet however meanwhile former "
    "second third".split()
)
# Nouns a capital letter labels ("class A drugs"): before them "A" is no article.
_LETTER_LABELS = frozenset(
    "grade grades class type category vitamin vitamins plan group pool division league serie "
    "series section part tier band level levels list row block gate hepatitis exhibit option "
    "annex appendix schedule form model size".split()
)
# Words that a headline does not end on: the sentence runs on after them.
_RUNS_ON = frozenset(
    "the a an and or but nor of to in on at by for from with as that than into onto about "
    "its his her their our my your is are was were be been has have had will would can could "
    "should may might must said says".split()
)


def headline_end(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(where the headline ends, where the first sentence starts) when text[start:end], a
    document's first line, opens with a headline run into the first sentence; else None."""
    # Asked of every document: its first words split at C speed, their offsets found only
    # when a capitalised word makes a candidate.
    words = text[start : min(end, start + HEAD_CHARS)].split(None, MAX_WORDS + 2 + _SUBJECT_REACH)
    del words[MAX_WORDS + 2 + _SUBJECT_REACH :]
    if len(words) < _MIN_WORDS + 2:
        return None
    first = words[0].lstrip(_OPEN_QUOTES)
    if not first or not (first[0].isupper() or first[0].isdigit()):
        return None
    result = _after_result(words)
    if result is not None:
        spans = _spans(text, start, words)
        return spans[result - 1][1], spans[result][0]
    toks: list[tuple[int, int]] | None = None
    lower_content = False  # whether the headline so far has a lower-case word not a function word
    quoted = False  # whether it opened a quotation (else a final ' is a possessive's)
    fallback: tuple[int, int] | None = None  # a seam after a word that wants more words
    for k in range(1, min(len(words) - 1, MAX_WORDS + 1)):
        prev = words[k - 1]
        tail = prev.rstrip(_CLOSERS) if prev[-1] in _CLOSERS else prev
        if tail[-1:] == "," and words[k] in ("says", "say", "said"):
            continue  # "School sport 'is back', says PM": the headline's source
        if not tail or tail[-1] in ".!?…,;":
            return fallback  # a sentence ended (the splitter's), or a clause runs on: no headline
        if prev[0] in _OPEN_QUOTES:
            quoted = True
            prev = prev.lstrip(_OPEN_QUOTES)
        if prev[:1].islower() and not lower_content and prev.lower() not in _RUNS_ON:
            lower_content = True
        if k < _MIN_WORDS or not prev or not words[k][0].isupper():
            continue  # most words are not capitalised: cheap to skip
        if toks is None:
            toks = _spans(text, start, words)
        if (
            fallback is not None
            and words[k] == _core(words[0]) + ","
            and _describes(prev.lower(), by_ending=False)
        ):
            # "Halden to buy Welsh cider firm Halden, the brewer, has...": the headline's
            # name again with an aside, after the object its verb wanted
            return toks[k - 1][1], toks[k][0]
        if (
            _said_again(words, k)
            or _source_then_subject(words, k)
            or _quote_then_subject(words, k, prev, quoted)
            or _first_word_again(text, words, toks, k, prev)
        ):
            return toks[k - 1][1], toks[k][0]
        if (
            _opens_sentence(text, toks, k, prev, lower_content, quoted)
            or (lower_content and k <= _SUBJECT_HEAD and _subject_again(words, k, prev, quoted))
            or (lower_content and _two_names(text, toks, k))
        ) and not _written_together(text, toks, k):
            seam = _name_start(text, words, toks, k)
            if fallback is None and _dangles(words, seam):
                # "Diageo to buy US wine firm Diageo, the...": a later seam, if any, where
                # the headline ends on what its last verb wants
                fallback = toks[seam - 1][1], toks[seam][0]
                continue
            return toks[seam - 1][1], toks[seam][0]
    return fallback


def _name_start(text: str, words: list[str], toks: list[tuple[int, int]], k: int) -> int:
    """Where the first sentence opens when the seam found at words[k] comes inside a name
    that follows a lower-case word: "...to reach final Lleyton Hewitt kept", "...greater Bush
    consensus George W Bush will", "...number one Rapper Eminem has". A name's first words,
    capitalised, that the document writes nowhere else are no headline's last name (which a
    story names again), so the sentence opens with them."""
    if _stem(words[k]).lower() in _FUNCTION_OPENERS:
        return k  # "...targets children's PCs The body that...": no name goes on into "The"
    j = k
    while j > _MIN_WORDS and words[j - 1][:1].isupper() and k - j < 3:
        core = _stem(words[j - 1])
        if core != words[j - 1] or not core.replace("-", "").isalnum():
            break  # "Britain's", "Reuters,": a name ends there
        if not _once(text, core, toks[j - 1][0]):
            break
        j -= 1
    if j == k or not words[j - 1][:1].islower() or words[j - 1].lower() in _RUNS_ON:
        return k
    return j


def _once(text: str, word: str, at: int) -> bool:
    """Whether the document writes `word` (at `at`) nowhere else, in any case."""
    window = min(len(text), _WINDOW)
    low = text[:window].lower()
    target = word.lower()
    pos = low.find(target)
    while pos >= 0:
        if pos != at and _bounded(text, pos, len(target)):
            return False
        pos = low.find(target, pos + 1)
    return True


def _said_again(words: list[str], k: int) -> bool:
    """Whether the words from words[k] say the headline's last two or three words again:
    "Obituary: Dame Alicia Markova Dame Alicia Markova, who...", "Profile: David Miliband
    David Miliband's rise...". No sentence names a person twice in a row."""
    for n in (3, 2):
        if (
            k >= n
            and k + n <= len(words)
            and words[k - n : k]
            == [
                *words[k : k + n - 1],
                _stem(words[k + n - 1]),
            ]
        ):
            return all(w[:1].isupper() for w in words[k : k + n])
    return False


def _source_then_subject(words: list[str], k: int) -> bool:
    """Whether words[k] opens a sentence after a headline that ends on its source: "School
    sport 'is back', says PM Tony Blair has promised...", "UK heading wrong way - Howard
    Tony Blair has had...". After ", says X" or "- X" a sentence does not go on with a full
    name and its verb: the name is the next sentence's subject."""
    from explorer.nlp.names.lists import W

    if k < 4 or k + 2 >= len(words):
        return False
    said, source = words[k - 2], words[k - 1]
    if said in ("says", "say", "said"):
        if words[k - 3].rstrip(_CLOSERS)[-1:] != ",":
            return False
    elif said not in ("-", "–", "—"):
        return False
    given, surname, verb = words[k], words[k + 1], words[k + 2]
    return (
        source[:1].isupper()
        and source.isalpha()
        and source not in W.honorifics  # "1986 - Bishop Desmond Tutu was"
        and source not in W.title_starts
        and given in W.first_names
        and surname[:1].isupper()
        and surname.isalpha()
        and surname not in W.org_suffixes  # "NOTE - Jeans Mate Corp is"
        and (verb in _AUXILIARIES or verb in _MODALS)
    )


def _quote_then_subject(words: list[str], k: int, prev: str, quoted: bool) -> bool:
    """Whether words[k] opens a sentence after a headline that ends on a quotation it opened:
    "Xbox power cable 'fire fear' Microsoft has said...", "Broadcaster 'should allow more
    scrutiny' MPs have urged...". After a quotation closes, a sentence goes on with a comma
    or a word in lower case, not with a name and its verb."""
    if not quoted or prev[-1] not in "'’\"”" or k + 1 >= len(words):
        return False
    j = k - 1
    while j > 0 and words[j][0] not in _OPEN_QUOTES:
        j -= 1
    if not any(w.lstrip(_OPEN_QUOTES)[:1].islower() for w in words[j:k]):
        return False  # "Marion "Suge" Knight", "'New Labour' MP": a name in quotes
    i = k
    while i < len(words) and i - k < 3 and words[i][:1].isupper() and words[i].isalpha():
        i += 1
    if i == k or i >= len(words) or words[k].lower() in _RUNS_ON:
        return False
    return words[i] in _AUXILIARIES or words[i] in _MODALS


def _first_word_again(
    text: str, words: list[str], toks: list[tuple[int, int]], k: int, prev: str
) -> bool:
    """Whether words[k] is the headline's first word again, a common word that opens the
    story too: "Oil prices fall back from highs Oil prices retreated...". The headline
    capitalises its first word as a sentence does; the document writes it in lower case
    elsewhere and never capitalises it inside a sentence (so it is no name)."""
    first = _stem(words[0])
    if words[k] != first or not first.isalpha() or not prev[-1:].isalnum():
        return False
    if prev[:1].isupper() or prev.lower() in _RUNS_ON or not words[k + 1][:1].islower():
        return False  # "...for Oil Oil", "...of Oil prices": a name or a clause goes on
    from explorer.nlp.names.lists import W

    if first in W.first_names or first in W.places or first in W.known_orgs:
        return False
    window = min(len(text), _WINDOW)
    return _written(text, first.lower(), window) and _only_at_starts(text, first, toks[k][0])


def _two_names(text: str, toks: list[tuple[int, int]], k: int) -> bool:
    """Whether a headline that ends on a name runs into a first sentence that opens with
    another: "Music man to the Oscars Bill Conti's job...", "BMW drives record sales in Asia
    BMW has...". Two names side by side with no word or mark between are two names when the
    document writes each elsewhere inside a sentence without the other beside it (and never
    together: see `_written_together`), and the second is a subject: a lower-case word
    follows it. Neither may be a title, an honorific or a nationality ("Labour MP John",
    "President George Bush", "US Senator").

    Cost: a few searches of the document's window, only at a capitalised word after a
    capitalised word."""
    from explorer.nlp.names.lists import W

    left = _stem(text[toks[k - 1][0] : toks[k - 1][1]])
    if (
        len(left) < 3
        or not left[:1].isupper()
        or not left.isalnum()
        or left != text[toks[k - 1][0] : toks[k - 1][1]]
    ):
        return False  # "Britain's", "Dubs'", '"Stars"', "La": a name leads on
    if _given_name(left):
        return False  # "Jacques Santini", "Kelly Holmes": a given name, then its surname
    i = k
    aside = False  # "Nicholas Negroponte, chairman of...": the subject, then an aside
    while i < len(toks) and i - k < 4 and text[toks[i][0]].isupper():
        mark = text[toks[i][1] - 1]
        i += 1
        if mark in ";:.!?":
            return False
        if mark == ",":
            aside = True
            break
    if i == k or not _lower_after(text, toks, i):
        return False
    verb = text[toks[i][0] : toks[i][1]]
    owner = text.endswith(("'s", "’s"), toks[i - 1][0], toks[i - 1][1])  # "Bill Conti's job"
    if not (aside or owner or verb in _AUXILIARIES or verb in _MODALS or verb.endswith("ed")):
        return False  # "Windows Word files", "Passion Oscar campaign": a name as a modifier
    first = _stem(text[toks[k][0] : toks[k][1]])
    head = _stem(text[toks[i - 1][0] : toks[i - 1][1]])
    for word in {left, first, head}:
        if (
            word in W.titles
            or word in W.title_starts
            or word in W.honorifics
            or word in W.demonyms
            or word in W.norp_words
            or word in W.org_suffixes
            or word.lower() in W.stopwords
            or word.lower() in W.lower_titles
        ):
            return False
    return _apart(text, left, toks[k - 1][0], first, forward=True) and _apart(
        text, head, toks[i - 1][0], left, forward=False
    )


def _apart(text: str, word: str, at: int, other: str, forward: bool) -> bool:
    """Whether the document writes `word` (at `at`) elsewhere inside a sentence without
    `other` right after it (`forward`) or right before it."""
    window = min(len(text), _WINDOW)
    pos = text.find(word, 0, window)
    while pos >= 0:
        if pos != at and _bounded(text, pos, len(word)) and not _sentence_start(text, pos):
            if forward:
                beside = text[pos + len(word) : pos + len(word) + 1 + len(other)].strip()
            else:
                beside = text[max(0, pos - 1 - len(other)) : pos].strip()
            if beside != other:
                return True
        pos = text.find(word, pos + 1, window)
    return False


def _written_together(text: str, toks: list[tuple[int, int]], k: int) -> bool:
    """Whether the document writes the two capitalised words either side of the seam at
    toks[k] together again further on: one name ("Lleyton Hewitt", "San Jose", "FA Cup",
    "Stan Lee"), not a headline's last word and a sentence's first."""
    pair = text[toks[k - 1][0] : toks[k][1]]
    left = _stem(text[toks[k - 1][0] : toks[k - 1][1]])
    if not left[:1].isupper() or left[-1:] in _CLOSERS or " " not in pair:
        return False
    pair = left + " " + _stem(text[toks[k][0] : toks[k][1]])
    pos = text.find(pair, toks[k][1], toks[k][1] + _WINDOW)
    while pos >= 0:
        if _bounded(text, pos, len(pair)):
            return True
        pos = text.find(pair, pos + 1, toks[k][1] + _WINDOW)
    return False


def _after_result(words: list[str]) -> int | None:
    """Where the first sentence opens after a result or a fixture for a headline, "Ireland
    17-12 South Africa Ronan O'Gara scored...", "Scotland v Italy (Sat) Murrayfield,
    Edinburgh": a team's name, the score or "v", the other team's name (a known place's
    words, or one word and the words that end a team's name: "Utd", "City"), then a
    capitalised word."""
    from explorer.nlp.names.lists import W

    W.load()
    i = 0
    while i < 4 and i < len(words) and words[i][:1].isupper():
        i += 1
    if not 0 < i < len(words):
        return None
    if _SCORE.fullmatch(words[i]) is None and words[i] not in ("v", "vs", "v."):
        return None
    k = i + 1
    longest = W.place_lengths.get(words[k], 1) if k < len(words) else 0
    for n in range(min(longest, len(words) - k - 1), 1, -1):
        if " ".join(words[k : k + n]) in W.places:
            k += n
            break
    else:
        k += 1
        while k < len(words) and words[k] in _TEAM_ENDS:
            k += 1
    if k < len(words) and words[k][:1] == "(" and words[k][-1:] == ")":
        k += 1  # "Scotland v Italy (Sat)": the day of a match to come
    if k + 1 >= len(words) or not words[k][:1].isupper() or not words[k + 1][:1].isalpha():
        return None
    if any(w[-1] in ";," for w in words[i + 1 : k + 1]):
        return None  # "France v Faroe Islands; Israel v...": a list of fixtures goes on
    return k


# Words that end a team's name: "Dundee Utd", "Leicester City".
_TEAM_ENDS = frozenset(
    "Utd United City Town Rovers Athletic County Albion Wanderers Forest Villa Palace Dons "
    "Orient Argyle Stanley Vale Wednesday Rangers Celtic Hotspur Alexandra Borough Harriers "
    "Academical Thistle Hearts Hibernian FC AFC".split()
)


def _spans(text: str, start: int, words: list[str]) -> list[tuple[int, int]]:
    """The (start, end) of each of `words`, the whitespace-split words of text[start:]."""
    spans = []
    pos = start
    for word in words:
        pos = text.find(word, pos)
        spans.append((pos, pos + len(word)))
        pos += len(word)
    return spans


def _opens_sentence(
    text: str, toks: list[tuple[int, int]], k: int, prev: str, lower_content: bool, quoted: bool
) -> bool:
    """Whether toks[k] opens a sentence that the headline before it runs into."""
    ks, ke = toks[k]
    word = text[ks:ke]
    if _OPENER.fullmatch(word) is None:
        return False
    core = word[:-2] if word[-2:] in ("'s", "’s") else word
    ns, ne = toks[k + 1]
    nxt = text[ns:ne].lstrip(_OPEN_QUOTES)
    if not nxt:
        return False
    from explorer.nlp.names.lists import PLAYER_ROLES, W

    W.load()
    last = prev[-1]
    if last in "'’" and not quoted:  # "Lord Dubs' Succession to...": a possessive
        last = prev[-2:-1] or "-"
    if last.isalpha():
        low_prev = prev.rstrip(_CLOSERS).lower()
        if low_prev in _RUNS_ON or low_prev in PLAYER_ROLES or low_prev in W.lower_titles:
            return False  # "chief of The", "striker Will": a name or a title goes on
        after_capital = prev[0].isupper()
    elif (last in _CLOSERS and last != ")") or last.isdigit() or last == "%":
        after_capital = False
    else:
        return False  # "Q&A:", "-", "1)": a colon, a dash or a list marker leads on
    low = core.lower()
    if low in ("the", "a", "an") and nxt[0].isupper() and _article_apart(text, toks, k):
        return True  # "...power for CSOs The Police Federation has said"
    if low in _FUNCTION_OPENERS and after_capital and not _only_at_starts(text, core, ks):
        return False  # "Carry On films": a title of a work the document names again
    if low in _FUNCTION_OPENERS:
        if low == "a" and prev.lower() in _LETTER_LABELS:
            return False  # "grade A students", "vitamin A levels": a letter as a label
        if nxt[0].islower():
            return True
        if nxt[0].isdigit() or nxt[0] in _CURRENCY_SIGNS:
            return True  # "The 77th annual...", "In 2020, ...", "Some 2,000 jobs", "The £10bn"
        if low not in ("the", "a", "an", "in"):
            return False
        if not after_capital and low != "in" and _article_then_subject(text, toks, k, prev):
            return True  # "...smoker ruling The US Justice Department is"
        # "The US economy", "A French court": an article, then a country's short name or
        # people, then lower case; a title of a work would go on in capitals ("The Aviator").
        return low != "in" and _country_word(nxt) and _lower_after(text, toks, k + 2)
    if nxt[0].islower() and _stem(prev) == core:
        # "Cameroon Cameroon says": the headline's last word said again; a name that doubles
        # ("Duran Duran") is written so each time.
        return text.count(f"{core} {core}", 0, _WINDOW) <= 1
    if not lower_content:
        return False  # from here on only after a headline in sentence case
    if _names_again(text, toks, k, prev, after_capital):
        return True
    if after_capital:
        # After a name, a capitalised word is more often the name's last ("Orange Prize for
        # fiction", "Forrester Research found", "the National Theatre and") than a sentence's
        # first, even where the document writes it in lower case too; not a plural, which
        # ends no name but a firm's ("Motors", "Holdings"): "...at China's Lenovo Profits at",
        # "...for HIV Companies fail", "...Kennedy Voters will"
        return (
            nxt[0].islower()
            and nxt not in ("and", "of", "for")  # "Futures and Options Exchange"
            and _singular(low) != low
            and core == word
            and not _inside_name(text, toks, k - 1)
            and _common_word(text, core, ks, written=True, plural=True)
        )
    if nxt[0].islower() and _number_word(low) and _only_at_starts(text, core, ks):
        # "...staff Eighteen former directors", "...subsidies Thousands of"; not "TV channel
        # Five has", a name the document capitalises inside its sentences too
        return True
    if nxt[0].islower():
        # "profit Quarterly profits at", "shares Jailed tycoon"
        return _common_word(text, core, ks, written=False, nxt=nxt)
    # "Actor Michael Douglas is to...": a role the document writes in lower case, a name.
    return (
        nxt in W.first_names
        and _upper_at(text, toks, k + 2)
        and _common_word(text, core, ks, written=True)
    )


_CURRENCY_SIGNS = "£$€¥"


def _article_then_subject(text: str, toks: list[tuple[int, int]], k: int, prev: str) -> bool:
    """Whether toks[k], "The", "A" or "An" after a lower-case word, opens a sentence whose
    subject is a name: "...mobile call charges The European Commission has written", "...new
    smoker ruling The US Justice Department is", "...interactive tree A Christmas tree that".
    Inside a sentence a capitalised article opens a title of a work ("stars in The Aviator",
    "film The Aviator", "watched The Aviator on"), after a word that leads to it or says what
    it is, and a title is not followed by its verb: "The", one to four capitalised words and
    then a verb that follows a subject ("has", "will", "is"); "A"/"An", one capitalised word
    and a noun in lower case."""
    low_prev = prev.rstrip(_CLOSERS).lower()
    if not low_prev.replace("-", "").isalpha() or _describes(low_prev, by_ending=False):
        return False  # "film The Aviator", "newspaper The Times"
    article = text[toks[k][0] : toks[k][1]]
    i = k + 1
    caps = 0  # capitalised words of the name
    while i < len(toks) and i - k <= 6:
        word = text[toks[i][0] : toks[i][1]]
        if word[:1].isupper() and word.replace("-", "").replace(".", "").isalnum():
            caps += 1
        elif word in _NAME_INNER and caps and _upper_at(text, toks, i + 1):
            pass  # "The Bank of England", "The Commission for Africa"
        elif word[:1] == "(" and word[-1:] == ")" and word[1:-1].isupper() and caps:
            pass  # "The World Trade Organisation (WTO) is"
        else:
            break
        i += 1
    if not caps or i >= len(toks):
        return False
    after = text[toks[i][0] : toks[i][1]]
    if article == "The":
        return after in _AUXILIARIES or after in _MODALS
    return (
        caps <= 3
        and text[toks[i - 1][0]].isupper()
        and after.isalpha()
        and after.islower()
        and after not in _RUNS_ON
        and after not in _NAME_INNER
    )


#: Words in lower case inside a name: "Bank of England", "Commission for Africa".
_NAME_INNER = frozenset("of for and &".split())


#: Numbers written out: after a lower-case word and before one, a capitalised one opens a
#: sentence ("Channel Four", "Formula One", "the Big Four" follow a capitalised word).
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred hundreds thousand thousands million millions billion billions "
    "dozen dozens".split()
)


def _number_word(low: str) -> bool:
    """ "three", "thousands", "twenty-eight": a number written out."""
    head, _, tail = low.partition("-")
    return head in _NUMBER_WORDS and (not tail or tail in _NUMBER_WORDS)


def _inside_name(text: str, toks: list[tuple[int, int]], i: int) -> bool:
    """Whether toks[i], capitalised, follows another capitalised word that is no honorific
    nor a possessive: "Hot Digital", "British Hit" go on as a name ("...Hot Digital Sales
    chart"); "Dr Reddy", "China's Lenovo", "lifts Domecq" end one."""
    from explorer.nlp.names.lists import W

    if i < 1:
        return False
    before = text[toks[i - 1][0] : toks[i - 1][1]]
    return before[:1].isupper() and _stem(before) == before and before not in W.honorifics


def _article_apart(text: str, toks: list[tuple[int, int]], k: int) -> bool:
    """Whether toks[k], a capitalised article, opens a sentence with a name that follows it,
    then a word in lower case ("The Police Federation has", "An MP has"), where the document
    writes the article in lower case before the same name further on ("the Police
    Federation"): the article is no part of a title ("Meet The Fockers", "The Hague")."""
    i = k + 1
    while i < len(toks) and i - k <= 4 and text[toks[i][0]].isupper():
        i += 1
    if i == k + 1 or not _lower_after(text, toks, i):
        return False
    name = text[toks[k + 1][0] : toks[i - 1][1]].rstrip(_CLOSERS + ",;:.")
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    phrase = text[toks[k][0] : toks[k][1]].lower() + " " + name
    pos = text.find(phrase, toks[i - 1][1], toks[i - 1][1] + _WINDOW)
    while pos >= 0:
        if _bounded(text, pos, len(phrase)) and not _sentence_start(text, pos):
            return True
        pos = text.find(phrase, pos + 1, toks[i - 1][1] + _WINDOW)
    return False


def _names_again(
    text: str, toks: list[tuple[int, int]], k: int, prev: str, after_capital: bool
) -> bool:
    """Whether toks[k] opens a sentence that names in full a person its headline named by
    surname: "Blair blasts Tory plans Tony Blair has...", "Spark heads Booker list Dame Muriel
    Spark is...", "Poll explains decision Referee Graham Poll said...". A given name alone
    opens it only after a name of the document's own ("...over Glazer Rio Ferdinand has");
    after a lower-case word it may be a role's ("tycoon Mikhail Khodorkovsky"), so there only
    an honorific or a capitalised role does."""
    from explorer.nlp.names.lists import W

    def word(i: int) -> str:
        return _stem(text[toks[i][0] : toks[i][1]]) if i < len(toks) else ""

    opener = word(k)
    if opener in W.honorifics:
        kind, j = "honorific", k + 1
    elif opener in W.gendered[0] or opener in W.gendered[1]:
        kind, j = "given", k  # a name for a man or a woman: "Sun" is no given name here
    else:
        kind, j = "role", k + 1  # "Referee Graham Poll", "Actor Michael Douglas"
        if word(j) in W.honorifics:
            j += 1
    if word(j) in W.first_names:
        j += 1
    elif kind != "honorific":
        return False
    surname = word(j)
    if not surname[:1].isupper() or not _lower_after(text, toks, j + 1):
        return False
    given = word(j - 1)
    words = [word(i) for i in range(k)]
    # The surname alone, not after the same given name ("Axa Sun Life cuts... Sun Life has").
    if not any(w == surname and (not i or words[i - 1] != given) for i, w in enumerate(words)):
        return False
    if kind == "role" and not _plain_word(text, toks, k):
        return False  # "Glazer Rio Ferdinand", "Arsenal's Thierry Henry": a name before
    if after_capital:
        # The headline ends on a name of the document's own, not on "Actor", "Britain's".
        last = _stem(prev)
        if (
            kind == "honorific"
            or last != prev
            or last.isupper()
            or last in W.honorifics
            or last in W.title_starts
            or last in W.first_names
            or _only_at_starts(text, last, toks[k - 1][1] - len(prev))
        ):
            return False
    elif kind == "given":
        return False
    return True


def _plain_word(text: str, toks: list[tuple[int, int]], k: int) -> bool:
    """Whether toks[k] is a capitalised word that is no name: not a possessive, unknown to
    the gazetteers, capitalised nowhere else inside a sentence."""
    from explorer.nlp.names.lists import W

    ks, ke = toks[k]
    word = text[ks:ke]
    return (
        _stem(word) == word
        and word not in W.places
        and word not in W.cities
        and word not in W.known_orgs
        and word not in W.demonyms
        and _only_at_starts(text, word, ks)
    )


def _upper_at(text: str, toks: list[tuple[int, int]], i: int) -> bool:
    return i < len(toks) and text[toks[i][0]].isupper()


def _stem(word: str) -> str:
    """`word` without closing quotes and a possessive's ending: "Blair's" is "Blair"."""
    return word.rstrip(_CLOSERS).removesuffix("'s").removesuffix("’s")


def _country_word(word: str) -> bool:
    from explorer.nlp.names.lists import W

    word = word.removesuffix("'s").removesuffix("’s")
    return (2 <= len(word) <= 3 and word.isupper() and word in W.places) or word in W.demonyms


def _lower_after(text: str, toks: list[tuple[int, int]], i: int) -> bool:
    return i < len(toks) and text[toks[i][0]].islower()


def _common_word(
    text: str, word: str, at: int, written: bool, nxt: str = "", plural: bool = False
) -> bool:
    """Whether `word` (title-cased, at `at`) is a common word of the document, not a name: it
    writes it in lower case somewhere (or, unless `written`, it ends as common words do) and
    capitalises it only at a sentence's start, and no gazetteer knows it. A word ending as a
    past participle does ("Jailed", "Divorced") is one before a noun (`nxt`), not before a
    verb: "Busted have", a band."""
    from explorer.nlp.names.lists import W

    if (
        word in W.first_names
        or word in W.places
        or word in W.cities
        or word in W.known_orgs
        or word in W.demonyms
        or word in W.org_suffixes
        or word in W.title_starts
    ):
        return False
    low = word.lower()
    window = min(len(text), _WINDOW)
    shaped = not written and (
        (len(word) > 5 and low.endswith(_COMMON_ENDINGS))
        or (
            len(word) > 5
            and low.endswith("ed")
            and "-" not in word  # "Moscow-backed": a name's compound
            and nxt not in _AUXILIARIES
            and nxt not in _MODALS
        )
        or _common_compound(text, word, window)
        or _agents(word, low)
    )
    if not shaped and not (
        _written(text, low, window)
        or ((plural or not written) and _written(text, _singular(low), window))
    ):
        return False
    return _only_at_starts(text, word, at)


def _singular(low: str) -> str:
    """A plural's singular, as a reader knows it for the same word ("billions", "plans",
    "companies"); a word that is no plural as it stands."""
    if len(low) < 4 or low[-1] != "s" or low[-2:] in ("ss", "us", "is", "'s"):
        return low
    if low.endswith("ies"):
        return low[:-3] + "y"
    if low.endswith(("ches", "shes", "xes", "sses")):
        return low[:-2]
    return low[:-1]


# Endings of common words, never of a name the gazetteers miss: "Struggling", "Quarterly".
_COMMON_ENDINGS = ("ing", "ly")
# Plurals of nouns for people by what they do: "Organisers", "Historians", "Spectators".
_AGENTS = ("ers", "ors", "ians", "ists")


def _agents(word: str, low: str) -> bool:
    """Whether `word` is a plural noun for people by what they do ("Organisers", "Reporters",
    "Historians"), not for people of a place ("Londoners", "Afrikaners", "Parisians")."""
    from explorer.nlp.names.lists import W

    if len(word) <= 7 or not low.endswith(_AGENTS) or not _describes(_singular(low)):
        return False
    one = word[:-1]
    for stem in (one, word[:-3], word[:-4], word[:-5], word[:-2] + "a"):
        if stem in W.places or stem in W.demonyms or stem in W.norp_words:
            return False
    return one not in W.demonyms


# A compound whose second part is in lower case: "Smoke-free", "So-called", "High-speed".
_LOWER_COMPOUND = regexes.compile(r"[A-Z][a-z]+(?:-[a-z]+)+")


def _common_compound(text: str, word: str, window: int) -> bool:
    """Whether `word` is a compound of common words, capitalised: its later parts in lower
    case and its first one a word the document writes in lower case or a stopword ("Smoke-
    free", "So-called", "High-speed"); not a name's compound ("Moscow-backed", "Blu-ray",
    "Oscar-nominated")."""
    from explorer.nlp.names.lists import W

    if _LOWER_COMPOUND.fullmatch(word) is None:
        return False
    first = word.partition("-")[0]
    low = first.lower()
    return (
        first not in W.first_names
        and first not in W.places
        and first not in W.demonyms
        and first not in W.known_orgs
        and (low in W.stopwords or _written(text, low, window))
    )


def _only_at_starts(text: str, word: str, at: int) -> bool:
    """Whether the document capitalises `word` (at `at`) nowhere else inside a sentence."""
    window = min(len(text), _WINDOW)
    pos = text.find(word, 0, window)
    while pos >= 0:
        if pos != at and _bounded(text, pos, len(word)) and not _sentence_start(text, pos):
            return False  # capitalised inside a sentence elsewhere: a name
        pos = text.find(word, pos + 1, window)
    return True


def _written(text: str, word: str, window: int) -> bool:
    """Whether `word` stands as a word of its own in text[:window]."""
    pos = text.find(word, 0, window)
    while pos >= 0:
        if _bounded(text, pos, len(word)):
            return True
        pos = text.find(word, pos + 1, window)
    return False


def _bounded(text: str, pos: int, n: int) -> bool:
    before = text[pos - 1] if pos else " "
    after = text[pos + n] if pos + n < len(text) else " "
    return not (before.isalnum() or after.isalnum() or before == "-" or after == "-")


def _sentence_start(text: str, pos: int) -> bool:
    """Whether text[pos] opens a sentence, a line or a quotation."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0:
        return True
    return text[i] in ".!?…:\n\"'“”‘’(-–—"


def _subject_again(words: list[str], k: int, prev: str, quoted: bool) -> bool:
    """Whether words[k] opens a first sentence whose subject names again what its headline
    named: "Japan narrowly escapes recession Japan's economy...", "Howard attacks cost of
    asylum Michael Howard has...", "Lufthansa may sue over Bush visit German airline Lufthansa
    may sue...", "IMF 'cuts' German growth estimate The International Monetary Fund...".

    A news story's first sentence restates its headline, and its subject is the headline's:
    the same name, its nationality word ("Irish markets... Irish shares", "Italy... Italian
    Prime Minister") or its initials spelt out. Inside one sentence a name is not named again
    a few words on, so the name must come within the first `_SUBJECT_REACH` words after the
    seam, with only capitalised words and nouns before it (no function word, no comma).
    """
    from explorer.nlp.names.lists import W

    W.load()
    if not _may_end_headline(prev, quoted, words[k : k + 4]):
        return False
    named, common = _headline_words(words[:k])
    after_capital = prev[:1].isupper()
    first = _core(words[k])
    if not after_capital and first.lower() in common and first[:1].isupper():
        return True  # the headline's word again, capitalised where a sentence opens
    if not after_capital and _role_then_person(words, k):
        return True
    if after_capital and (prev in W.demonyms or prev in W.norp_words):
        return False  # "Venezuelan President": a name goes on
    if after_capital and _role_then_person(words, k):
        return True  # "U2 stars enter rock Hall of Fame Singer Bruce Springsteen has"
    if named and _measure_of_named(words, k, named):
        return True
    if not named:
        return False
    if after_capital and _article_then_initials(words, k, named):
        return True
    if after_capital and k + 1 < len(words):
        if _person_after_name(words, k, prev, named):
            return True
        if _given_before(words, k + 1) and _core(words[k + 1]) in named:
            return _subject_ends(words, k + 1)  # "...to Dent Lleyton Hewitt suffered"
    lower_seen = False  # a lower-case word ("German airline Lufthansa"): the name must follow
    described = False  # whether the word before is one that describes a name ("airline")
    for j in range(k, min(len(words), k + _SUBJECT_REACH + 1)):
        word = words[j]
        core = _core(word)
        if not core:
            return False
        if core[0].isupper():
            if (core.lower() not in W.stopwords or j == k or _acronym(core)) and _named_again(
                words, j, named
            ):
                if j == k and _continues_name(words, k, prev):
                    return False
                if j == k and after_capital and _given_before(words, k):
                    return False  # "Hewitt falls to Dent Lleyton Hewitt": at "Lleyton"
                if after_capital and not lower_seen and j > k and not _role(words[k]):
                    return False  # "Uganda bans Vagina Monologues Uganda's": where?
                if not lower_seen and not all(_leads_to_name(w) or _role(w) for w in words[k:j]):
                    return False  # "Ireland surge past Scots Ireland maintained": at "Ireland"
                if lower_seen and not described:
                    return False  # "Electrolux to export Europe jobs Electrolux saw"
                return _subject_ends(words, j)
            if lower_seen and not words[j - 1][:1].isupper():
                # a name after a noun ("Chelsea boss Jose Mourinho") must be the headline's:
                # "Boeing plane deal Budget airline Ryanair" opens at "Budget", not "Boeing"
                names = itertools.takewhile(lambda i: words[i][:1].isupper(), range(j, len(words)))
                if not any(_named_again(words, i, named) for i in names):
                    return False
        elif core.lower() in W.stopwords or core.lower() in _RUNS_ON:
            return False  # "...beat Wales and Scotland": a clause goes on
        else:
            lower_seen = True
            # a noun that says what the name is ("airline", "hurdler"), not the headline's
            # last word ("Electrolux to export Europe jobs Electrolux saw")
            described = _describes(core.lower())
        if word[-1] in ",;:.!?)" or (word != core and not word.endswith(("'s", "’s"))):
            return False  # a comma or a quote closes the subject
    return False


#: Words after a verb that leave it wanting its object: "blows away", "pops in".
_PARTICLES = frozenset("away up off out down over in on into".split())


def _dangles(words: list[str], k: int) -> bool:
    """Whether a headline ending before words[k] would end on a word that wants the words
    after it: an infinitive ("...to buy", "...to face"), a word in -ing ("...keen on
    succeeding"), a verb's particle ("...blows away"), a word in quotes ("...quits
    'shameful'"), a past participle after a name ("Keanu Reeves given"). A story's subject
    described in lower case then follows ("US wine firm Diageo"): the headline ends there."""
    prev = words[k - 1]
    low = prev.lower()
    if prev[:1] in _OPEN_QUOTES and prev[-1:] in _CLOSERS:
        return True
    if not prev.isalpha() or not prev.islower():
        return False
    before = words[k - 2].lower() if k >= 2 else ""
    return (
        before == "to"
        or (low.endswith("ing") and before in _OBJECT_NEXT)  # "on succeeding", not "Robson warning"
        or low in _PARTICLES
        or (low.endswith("en") and k >= 2 and words[k - 2][:1].isupper())
    )


def _article_then_initials(words: list[str], k: int, named: set[str]) -> bool:
    """Whether words[k] is "The" before the name the headline wrote in initials, then its
    verb: "SFA awaits report over Mikoliunas The Scottish Football Association is...", "FA
    decides not to punish Mourinho The Football Association will...". A name spelt out in
    full a word after the initials' own headline opens the story; no title of a work reads
    so ("Meet The Fockers" spells no initials)."""
    if _core(words[k]) != "The" or k + 2 >= len(words):
        return False
    initials = _initials(words, k + 1)
    return initials in named and _subject_ends(words, k + 1)


def _named_again(words: list[str], j: int, named: set[str]) -> bool:
    """Whether words[j] names again one of the headline's `named`: the same word, a nationality
    word for its country, or the initials of the name it opens."""
    from explorer.nlp.names.lists import W

    core = _core(words[j])
    return core in named or W.demonyms.get(core, "") in named or _initials(words, j) in named


def _subject_ends(words: list[str], j: int) -> bool:
    """Whether the name at words[j] ends a subject: a verb or an aside follows it, not a
    preposition that makes it an object ("took his band Fightstar to the stage")."""
    for word in words[j : j + 4]:
        if not word[:1].isupper() or word[-1] in ",;:" or word.endswith(("'s", "’s")):
            break
    else:
        return True
    return word[:1].isupper() or word.lower() not in _OBJECT_NEXT


def _describes(low: str, by_ending: bool = True) -> bool:
    """Whether `low` (in lower case) is a noun that stands before a name to say what it is:
    "airline", "drugmaker", "striker", "chairman", "singer"; without `by_ending`, only a word
    the lists know, not one that merely ends as such a noun does ("Reuters", "Rovers")."""
    from explorer.nlp.names.lists import COMPANY_PREV, PLAYER_ROLES, TEAM_BEFORE, W

    if (
        low in _DESCRIBERS
        or low in _AFFILIATION_ROLES
        or low in COMPANY_PREV
        or low in PLAYER_ROLES
        or low in TEAM_BEFORE
        or low in W.lower_titles
    ):
        return True
    return by_ending and (
        low.endswith(("maker", "makers", "ist", "ists", "ian", "ians"))
        or (  # an agent noun: "hurdler", "investor", "rappers"
            len(low) > 4
            and low.removesuffix("s").endswith(("er", "or"))
            and low.removesuffix("s") not in _NOT_AGENTS
        )
    )


# What a person is to an organisation: "analyst", "spokesman", "economist".
_AFFILIATION_ROLES = frozenset(word_list("affiliation_roles"))
# Words ending as agent nouns do that are none.
_NOT_AGENTS = frozenset(
    "order number offer power border water paper other under over after ever never corner "
    "quarter letter matter center centre winter summer october november december september "
    "error floor door factor sector mirror terror horror honour favour labour colour "
    "tender transfer cancer dinner poster thriller brother sister mother father daughter "
    "manner partner".split()
)


# Nouns before a name that say what it is, besides the recognizer's titles, roles and firms.
_DESCRIBERS = frozenset(
    "star stars actress band group boss tycoon mogul duo trio host veteran champion rival "
    "bank exchange network agency regulator watchdog union party body charity newspaper "
    "magazine website prop hooker centre man woman act behemoth legend icon idol hero "
    "great favourite teenager youngster newcomer prodigy international wing lock dj show "
    "movie film comedy drama thriller biopic musical sitcom soap documentary album song "
    "novel book".split()
)


# Words after a name that make it an object rather than a subject.
_OBJECT_NEXT = frozenset("to in on at for from with by of into onto over than".split())


def _headline_words(head: list[str]) -> tuple[set[str], set[str]]:
    """The names a headline's words give (each name, its country for a nationality word, the
    initials of capitalised words in a row) and its lower-case words."""
    from explorer.nlp.names.lists import W

    named: set[str] = set()
    common: set[str] = set()  # "Cup holders ... Holders Manchester United"
    run = ""  # initials of the capitalised words in a row
    for i, word in enumerate(head):
        core = _core(word)
        if core[:1].islower() and len(core) > 3 and core not in W.stopwords:
            common.add(core)
        if core in W.honorifics or (
            (core in W.org_suffixes or core in _TEAM_ENDS) and (run or i + 1 < len(head))
        ):
            # "Inc", "Utd", "Lord": a word that ends or opens a name is no name alone, but
            # the headline's last word after a lower-case one is a name ("...hits Reuters")
            pass
        elif core[:1].isupper() and (core.lower() not in W.stopwords or _acronym(core)):
            named.add(core)  # "US", "IT" in capitals are names, not the stopwords "us", "it"
            named.add(W.demonyms.get(core, core))
            run += core[0]
        else:
            run = ""
        if len(run) > 1:
            named.add(run)
    return named, common


def _may_end_headline(prev: str, quoted: bool, after: list[str] | None = None) -> bool:
    """Whether `prev` may be a headline's last word, the name of what it is about: not a word
    that a name or a phrase goes on after ("chief of The", "Italy's Illva", "airline
    Lufthansa"), nor a score between two teams ("Man City 0-2 Man Utd"), nor an amount
    before a nationality word (a currency's or a noun's: "3.1bn Australian dollars")."""
    from explorer.nlp.names.lists import W

    if after and _AMOUNT.fullmatch(prev) and _core(after[0]) in W.demonyms:
        return False  # "...worth 3.1bn Australian dollars", "the top 50 Scottish bands"
    last = prev[-1]
    if last in "'’" and not quoted:
        last = prev[-2:-1] or "-"
    if last.isalpha():
        low_prev = prev.rstrip(_CLOSERS).lower()
        return not (
            low_prev in _RUNS_ON
            # "PC", "US", "IT" in capitals are names, not the stopwords "pc", "us", "it"
            # (before another word in capitals, one name: "US TV")
            or (low_prev in W.stopwords and not _acronym_ends(prev, after))
            # capitalised in a headline, a word that only ends as a role does is a name
            # ("Weak dollar hits Reuters Revenues at..."), unless a given name follows it
            # ("...sitcom Comedian Chris Morris") or a word that ends a name ("Manchester United")
            or (
                _describes(low_prev, by_ending=not prev[:1].isupper() or _name_goes_on(after or []))
                # a role in lower case, then one capitalised, opens a sentence: "...backs
                # student directors Film-maker Spike Lee says" (not "airline Lufthansa")
                and not (prev[:1].islower() and _role_then_full_name(after or []))
            )
            or low_prev.endswith(("'s", "’s"))
        )
    if not ((last in _CLOSERS and last != ")") or last.isdigit() or last == "%"):
        return False
    return _SCORE.fullmatch(prev) is None


def _acronym(word: str) -> bool:
    """Whether `word` is written in capitals, two letters or more: "US", "IT", "BBC"."""
    return len(word) > 1 and word.isupper()


def _acronym_ends(prev: str, after: list[str] | None) -> bool:
    """Whether `prev`, in capitals ("PC", "US"), may end a headline before the words
    `after`: not before another word in capitals ("US TV")."""
    return len(prev) > 1 and prev.isupper() and not (after and after[0].isupper())


def _name_goes_on(after: list[str]) -> bool:
    """Whether the words `after` a capitalised word go on with a name: a person's ("Actor
    Stephen Fry", "Film-maker Spike Lee says": a given name, or two capitalised words and a
    verb) or a word that ends a team's or a firm's name ("Manchester United")."""
    from explorer.nlp.names.lists import W

    if not after:
        return False
    core = _core(after[0])
    return (
        _given_name(core)
        or core in _TEAM_ENDS
        or core in W.org_suffixes
        or (
            len(after) >= 3
            and core[:1].isupper()
            and after[1][:1].isupper()
            and after[1].rstrip(",").isalpha()
            and (after[1][-1] == "," or after[2] in _AUXILIARIES)
        )
    )


def _role_then_full_name(after: list[str]) -> bool:
    """Whether the words `after` are a capitalised role, two capitalised words and a verb or
    an aside: "Film-maker Spike Lee says", "Comedian Chris Morris, who"."""
    if len(after) < 4:
        return False
    role, given, surname, verb = after[:4]
    if surname[-1:] == ",":
        surname, verb = surname[:-1], "has"
    return (
        _role(role)
        and given.isalpha()
        and given[:1].isupper()
        and surname.isalpha()
        and surname[:1].isupper()
        and verb in _AUXILIARIES
    )


def _role(word: str) -> bool:
    """Whether `word`, capitalised, says what a person or a firm is and is no title:
    "Actor", "Entrepreneur", "Analyst" (a title, "Chancellor", may stand inside a sentence)."""
    from explorer.nlp.names.lists import W

    return (
        word == word.capitalize()
        and word not in W.titles
        and word not in W.title_starts
        and word not in W.org_suffixes
        and word not in W.org_heads
        and word.lower() not in _ORG_KINDS
        and _describes(word.lower())
    )


# Kinds of organisation: capitalised, they are a name's last word ("London Stock Exchange").
_ORG_KINDS = frozenset(
    "bank exchange network agency regulator watchdog union party body charity newspaper "
    "magazine website group company firm club side team league council".split()
)


def _role_then_person(words: list[str], k: int) -> bool:
    """Whether words[k] opens a sentence with what a person is, then the person's full name
    and a verb: "Musical future for phones Analyst Bill Thompson has seen...". Inside a
    sentence the role would be in lower case ("said analyst Bill Thompson"); a title
    ("Chancellor Gordon Brown") may stand capitalised there, so it does not count."""
    from explorer.nlp.names.lists import W

    if k + 3 >= len(words):
        return False
    role, given, surname, verb = words[k], words[k + 1], words[k + 2], words[k + 3]
    if surname[-1:] == ",":  # "Comedian Chris Morris, who created...": an aside, then a verb
        surname, verb = surname[:-1], "has"
    return (
        _role(role)
        and (
            given in W.gendered[0]
            or given in W.gendered[1]
            or (given in W.first_names and given.lower() not in W.stopwords)
        )
        and surname[:1].isupper()
        and surname.isalpha()
        and verb in _AUXILIARIES
    )


# An amount or a count that a currency or a noun follows: "1.2bn", "50", "3,000" (no year).
_AMOUNT = regexes.compile(r"(?!(?:19|20)\d\d$)\d[\d.,]*(?:bn|m|k)?")

# Prepositions after a measure that a first sentence reports of a firm: "Shares in", "Profits at".
_MEASURE_LINKS = frozenset("in at of for".split())


def _measure_of_named(words: list[str], k: int, named: set[str]) -> bool:
    """Whether words[k] opens a first sentence whose subject is something of the headline's
    name: "Cairn Energy in Indian gas find Shares in Cairn Energy rose", "Weak dollar hits
    Reuters Revenues at media group Reuters slipped": a plain capitalised word, a
    preposition, at most three words in lower case that say what the name is, then the
    headline's name and a verb. Inside a sentence the measure would be in lower case."""
    from explorer.nlp.names.lists import W

    if k + 3 >= len(words) or words[k + 1] not in _MEASURE_LINKS:
        return False
    measure = words[k]
    if (
        not measure.isalpha()
        or not measure[0].isupper()
        or not measure[1:].islower()
        or measure in named
        or measure in W.first_names
        or measure in W.places
        or measure in W.cities
        or measure in W.known_orgs
        or measure in W.demonyms
        or measure in W.titles
        or measure in W.title_starts
        or measure in W.org_heads
        or measure in W.org_suffixes
        or measure.lower() in _ORG_KINDS
    ):
        return False
    j = k + 2
    if words[j] in ("the", "its", "their"):
        j += 1
    for _ in range(3):  # "online auction house", "media group"
        if j < len(words) and words[j].isalpha() and words[j].islower():
            j += 1
    return j < len(words) and _named_again(words, j, named) and _subject_ends(words, j)


def _given_before(words: list[str], j: int) -> bool:
    """Whether words[j - 1] reads as the given name of the surname words[j], one the lists
    may not know ("Lleyton Hewitt", "Sania Mirza"): a capitalised word that is no place,
    organisation, nationality, title or function word, after another capitalised word (so
    that it cannot be the headline's own last name: "in Asia BMW has"). Only a person's
    surname takes one: no place, no organisation, no possessive."""
    from explorer.nlp.names.lists import W

    if j < 2:
        return False
    given, surname, before = words[j - 1], _core(words[j]), words[j - 2]
    if not (before[:1].isupper() or before.endswith(("'s", "’s"))):
        return False
    if not given.isalpha() or not given[:1].isupper() or (given.isupper() and len(given) > 1):
        return False
    if words[j].endswith(("'s", "’s")) or not surname[:1].isupper():
        return False
    unknown = (
        given.lower() not in W.stopwords
        and given not in W.places
        and given not in W.cities
        and given not in W.known_orgs
        and given not in W.demonyms
        and given not in W.title_starts
        and given not in W.titles
        and given not in W.org_suffixes
        and given not in _TEAM_ENDS
        and not given.endswith("s")
    )
    return (
        unknown
        and surname not in W.places
        and surname not in W.cities
        and surname not in W.known_orgs
        and surname not in W.demonyms
    )


def _leads_to_name(word: str) -> bool:
    """Whether `word` leads up to a name as a sentence's first words do: a given name, a
    title, a possessive ("Britain's Kelly Holmes"), a function word ("The World Trade
    Organisation"); not a name of its own ("Scots", "Davis Cup")."""
    from explorer.nlp.names.lists import W

    core = _core(word)
    return (
        core in W.first_names
        or core in W.honorifics
        or core in W.title_starts
        or core in W.titles
        or core.lower() in W.stopwords
        or word.endswith(("'s", "’s"))
    )


def _person_after_name(words: list[str], k: int, prev: str, named: set[str]) -> bool:
    """Whether words[k] opens a person's full name right after the headline's last name, no
    word or mark between: "Radcliffe will compete in London Paula Radcliffe will", "Takeover
    offer for Sunderland FC Bob Murray, chairman of...". Running text puts a role, a
    possessive or a comma between two names; a title ("President", "MP") is no name."""
    from explorer.nlp.names.lists import W

    given, surname = words[k], _core(words[k + 1])
    # "Clijsters could play Aussie Open Kim Clijsters has": a given name for either sex only
    # before the headline's own surname, and none that is a common word too ("Axa Sun Life
    # has", "Will", "May")
    if (
        given not in W.gendered[0]
        and given not in W.gendered[1]
        and (given not in W.first_names or given.lower() in W.stopwords or surname not in named)
    ):
        return False
    if not surname[:1].isupper() or surname.lower() in W.stopwords:
        return False
    core = _core(prev)
    if core != prev.rstrip(_CLOSERS) or (_given_name(core) and core != surname):
        return False  # "Tony Blair's", "Tony": the name goes on
    if (
        core in W.titles
        or core in W.title_starts
        or (core in W.honorifics and not _name_before(words, k - 1))
        or core in W.demonyms
        or core in W.norp_words
        or core.lower() in W.lower_titles
        or _describes(core.lower())
    ):
        return False  # "President George Bush", "Democrat John Kerry", "Actor Tom Hanks"
    if surname in named or words[k + 1][-1] == ",":
        return True
    # "...wrong way, says Howard Tony Blair has had...": a full name, then its verb; "Music
    # man to the Oscars Bill Conti's job...": its possessive, then a noun
    return (
        k + 2 < len(words)
        and (
            (words[k + 1] == surname and words[k + 2] in _AUXILIARIES)
            or (words[k + 1] in (surname + "'s", surname + "’s") and words[k + 2][:1].islower())
        )
        and given not in W.places
        and given not in W.known_orgs
        and not prev.isupper()
    )


def _name_before(words: list[str], i: int) -> bool:
    """Whether a capitalised word inside the headline stands before words[i], so that a
    title's word there ends a name rather than opens one: "Big Brother", not "Brother Roger"."""
    from explorer.nlp.names.lists import W

    before = _core(words[i - 1]) if i > 1 else ""
    return (
        before[:1].isupper()
        and before == words[i - 1]
        and before not in W.honorifics
        and before not in W.titles
        and before not in W.title_starts
    )


_MODALS = frozenset("will would can could may might must should shall are were".split())
# Verbs that follow a sentence's subject: after a full name, they make it one.
_AUXILIARIES = frozenset("has have had is was will would could says said".split())


def _continues_name(words: list[str], k: int, prev: str) -> bool:
    """Whether words[k], a name of the headline's, is the end of a name begun by `prev`:
    after a given name ("Jimi Hendrix"), or written after the same word elsewhere ("Cairn
    Energy ... shares in Cairn Energy")."""
    if not prev[:1].isupper():
        return False
    if _given_name(prev):
        return True
    word = words[k]
    return any(
        words[i] == prev and words[i + 1] == word for i in range(len(words) - 1) if i != k - 1
    )


def _given_name(word: str) -> bool:
    """Whether `word` may be a given name that a surname follows: one the lists know, and no
    country, region or big city ("in London", "in Asia", "by Valencia": the lists know them
    as given names too; a town's name, "George", "Howard", stays a given name)."""
    from explorer.nlp.names.lists import W

    return word in W.first_names and word not in W.places and word not in _FUNCTION_WORDS


#: Function words the lists of given names hold too ("The", "A"): none opens a full name.
_FUNCTION_WORDS = frozenset(w.capitalize() for w in _FUNCTION_OPENERS)


def _core(word: str) -> str:
    """`word` without quotes, trailing marks and a possessive's ending: "'Blair's," is "Blair"."""
    return _stem(word.strip("\"'“‘”’,;:.!?()")).rstrip("\"'”’")


def _initials(words: list[str], j: int) -> str:
    """The initials of the capitalised words from words[j] on: "International Monetary Fund"
    is "IMF" (a small word inside, "of", "and", is skipped: "Bank of England" is "BE")."""
    letters = ""
    for word in words[j : j + 6]:
        core = _core(word)
        if core[:1].isupper():
            letters += core[0]
        elif core not in ("of", "and", "for", "&"):
            break
        if word != core and not word.endswith(("'s", "’s")):
            break
    return letters if len(letters) > 1 else ""
