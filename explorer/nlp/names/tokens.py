"""Pass 1: tokens, and the lines whose capitals say nothing about names (headlines, datelines)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from explorer.nlp import regexes
from explorer.nlp.names.lists import FUNCTION, OPENERS, alternatives
from explorer.unicode_marks import MARKS


class Token:
    """One token of a sentence: its character offsets in the document and its text (NFC).

    What `@dataclass(slots=True)` makes, written out (the decorator compiled its methods at
    every start of `explorer extract`): the same init, repr, equality, no hash."""

    __slots__ = ("start", "end", "text")
    __match_args__ = ("start", "end", "text")
    start: int
    end: int
    text: str

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text

    def __repr__(self) -> str:
        return f"Token(start={self.start!r}, end={self.end!r}, text={self.text!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Token)
        return (self.start, self.end, self.text) == (other.start, other.end, other.text)

    __hash__ = None  # type: ignore[assignment]


#: A word: letters and digits, and the combining marks of decomposed accents ("Zu" + U+0308
#: + "rich") and of Indic scripts, so that no name is cut between a letter and its accent.
_WORD = rf"\w+(?:[{MARKS}]+\w*)*"


#: Most tokens are plain words followed by a space or a comma: the first alternative of
#: TOKEN takes them whole, as the others would (no "." after a letter, nothing joined on).
PLAIN_WORD = r"[A-Z]?[a-z]+(?=[ ,;:)\n])"


TOKEN = regexes.compile(
    PLAIN_WORD
    # Each rare alternative opens with a look-ahead, so that ordinary words fail it at once.
    + r"|(?=[A-Za-z]\.)(?:(?:[A-Za-z]\.){2,}(?:-[a-z]+\b)?"  # U.S., U.K., U.S.A., U.S.-led
    r"|[A-Z]\.(?=\s[A-Z]))"  # an initial: J. Smith
    rf"|(?=[A-Z][a-z]{{1,4}}\.)(?:{alternatives('abbreviations')})\.(?!\w)"  # Corp., Gov., Tex.
    r"|(?=[SMF]T\.[ \t]+[A-Z][A-Z])[SMF]T\."  # a dateline's "ST. LOUIS", "FT. WORTH", "MT. VERNON"
    rf"|{_WORD}(?:[-&]{_WORD})*(?:['’](?![sS]\b){_WORD})*(?:[-&]{_WORD})*"  # O'Neill, AT&T
    r"|['’][sS]\b"  # possessive
    r"|\S"
)
# TOKEN after the spaces before it, the token in group 1. No token opens with a space, so
# finditer tried every alternative of TOKEN at each space between two tokens, and failed
# (a sixth of the tokenizer's instructions over CoNLL dev); the spaces are taken here in one
# step with the token after them. The same tokens (checked on every sentence of CoNLL dev
# and BBC, and edge cases).
_SPACED_TOKEN = regexes.compile(r"\s*(" + TOKEN.pattern + ")")


_new_token = object.__new__


def tokenize(text: str, start: int, end: int, ascii_text: bool) -> list[Token]:
    """The tokens of text[start:end]."""
    # A token is made without calling Token(): the call into __init__ cost a tenth of the
    # recognizer's time (a document has a token for every word). The texts by findall and
    # each start by str.find (no match object a token) made the same tokens in less time
    # but cost more instructions: +26 M over CoNLL dev (speed27, callgrind).
    toks = []
    for m in _SPACED_TOKEN.finditer(text, start, end):
        tok = _new_token(Token)
        tok.start, tok.end = m.span(1)  # one call for both offsets, and m[1] for the text:
        tok.text = m[1]  # fewer calls a token than start(), end() and group()
        toks.append(tok)
    if not ascii_text:  # "Zu\u0308rich" is looked up as "Zürich"; offsets stay
        for tok in toks:
            if not tok.text.isascii():
                tok.text = nfc(tok.text)
    return toks


def is_cap(tok: str) -> bool:
    """True when the token starts with a capital letter."""
    return tok[:1].isupper()


_SAINT_MOUNT_FORT = {"ST.": "St.", "MT.": "Mt.", "FT.": "Ft."}


def title_case(word: str) -> str:
    """`word` capitalised part by part ("NEW-YORK" -> "New-York"); abbreviations as written."""
    if "." in word and len(word) <= 6:  # U.S.
        return _SAINT_MOUNT_FORT.get(word, word)
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


# The look-behinds follow the letter they guard rather than lead (as _UPPER_WORD's): a pattern
# that opens with a character class lets the engine skip to the lower-case letters instead of
# trying the pattern at every character (same matches). What only counts the words a line
# opens (_LOWER_WORD, _UPPER_WORD, NUMBER_START: their matches are counted, never read) takes
# the rest of the word with its first letter: no letter inside a word opens one (each follows
# a character of the look-behind's set), and the engine went on to try each of them in turn.
# The same count of matches; the rest of a word ends where the set does, before no letter.
_LOWER_WORD = regexes.compile(r"[a-z](?<![\w'’.-][a-z])[\w'’.-]*")


_PROSE = regexes.compile(r"[a-z](?<![\w'’.-][a-z])[\w'’-]* [a-z][\w'’-]* [a-z]")


_UPPER_WORD = regexes.compile(r"[A-Z](?<![\w'’.-][A-Z])[\w'’.-]*")


_AWARD_LABEL = regexes.compile(
    r"\s*(?:Best|Outstanding|Most)[ \t]+[a-z]+(?:[ \t]+[a-z]+){0,3}[ \t]*:"
)


def is_caps_line(text: str, start: int, end: int, toks: list[Token], first: bool = False) -> bool:
    """True when text[start:end] is a headline-like line whose capitals say nothing about names."""
    if _PROSE.search(text, start, end):
        return False  # three lower-case words in a row: prose, decided in C
    lower = len(_LOWER_WORD.findall(text, start, end))
    if not first and lower and lower > 0.3 * (lower + len(_UPPER_WORD.findall(text, start, end))):
        return False  # the common case, decided in C
    alpha = [t.text for t in toks if t.text[0].isalpha()]  # a token is never empty
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
        if (
            caps >= 0.85 * len(alpha)
            and funcs
            and sum(1 for t in funcs if t[:1].isupper()) >= 1
            # "Best actress: Ines Moura (The Quiet Coast)": an award's label in lower case,
            # then names, is no headline
            and _AWARD_LABEL.match(text, start, end) is None
        ):
            return True
    # ... or, as a document's first line, with its short words in lower case: "Trade Talks
    # Stall at the Summit".
    content = [t for t in alpha if t.lower() not in FUNCTION]
    return bool(
        first
        and len(content) >= 3
        and sum(1 for t in content if t[:1].isupper()) >= 0.9 * len(content)
        and text[start:end].rstrip()[-1:] not in '.?!:;,"”)'
        and len(NUMBER_START.findall(text, start, end)) <= 1
    )


def nfc(word: str) -> str:
    """`word` in Unicode's composed form (NFC)."""
    return unicodedata.normalize("NFC", word)


_ENDS_WITH_INITIAL = regexes.compile(r"(?:^|[\s(\"'\u201c\u2018\u2014\u2013-])[A-Z]\.$")


def scan_units(text: str, sentences: Sequence[tuple[int, int]]):
    """Sentences to scan, as (index, start, end); a sentence cut after an initial ("J.")
    is scanned together with the next one, so that "J. Smith" stays one name, also where a
    line ends on the initial."""
    n = len(sentences)
    k = 0
    while k < n:
        s_i = k
        start, end = sentences[k]
        while (
            k + 1 < n
            and text.endswith((".", ".\n"), start, end)  # where the pattern can end: cheap
            and _ENDS_WITH_INITIAL.search(text, max(start, end - 3), end)
            # "C. Buyers"; and "C.\nBuyers", a short line ending on the initial
            and text[end : sentences[k + 1][0]] in (" ", "\n")
            and text[sentences[k + 1][0] : sentences[k + 1][0] + 1].isupper()
        ):
            k += 1
            end = sentences[k][1]
        # The sentence splitter keeps a line with the next one where it ends on a colon
        # ("Results on Saturday :\nLeeds 0 Coventry 1") or a word like "a" ("Division A\n
        # Hajduk 2 Zemun 0"). For names, a line after a colon (a row, a heading, a list's
        # first item) and a line that ends on a figure (a table's row) are read on their own.
        nl = text.find("\n", start, end)
        while nl >= 0:
            after = text.find("\n", nl + 1, end)
            line_end = end if after < 0 else after
            if text[nl - 1] == ":" or text[line_end - 1].isdigit():
                yield s_i, start, nl
                start = nl + 1
            nl = after
        yield s_i, start, end
        k += 1


# A digit that starts a number, with the rest of the number (counted: see _LOWER_WORD).
NUMBER_START = regexes.compile(r"\d(?<![\w.,-]\d)[\w.,-]*")


# (A word of letters only, `str.isalpha`, has none: a cheap test that callers make first.)
HAS_DIGIT = regexes.compile(r"\d")


def is_sentence_initial(toks, i: int) -> bool:
    """True at a sentence's first token or right after an opening quote, bracket, dash or bullet."""
    return i == 0 or toks[i - 1].text in OPENERS


SCORE = regexes.compile(r"\d{1,3}(?:-\d{1,3})?$")


DATE_TOKEN = regexes.compile(r"\d{4}-\d\d-\d\d$|\d{1,2}/\d{1,2}/\d{2,4}$")


def words_of(toks, i: int, j: int) -> list[str]:
    """The texts of tokens [i, j)."""
    return [t.text for t in toks[i:j]]
