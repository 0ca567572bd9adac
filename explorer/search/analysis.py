"""Normalisation and tokenisation shared by the index and the query: one definition of a word.

`fold` lower-cases and strips accents one character for one character, so a folded text has
exactly the offsets of the original: a token found in `fold(text)` is a highlight range of
`text` as it stands.
"""

from __future__ import annotations

import re
import unicodedata

from explorer.unicode_marks import MARKS

#: What `fold` writes for an invisible character inside a word (a soft hyphen, a zero-width
#: space or joiner): one character for one, so offsets hold, and dropped from the term.
JOIN = "\ue000"
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
#: A word: a letter or digit, then letters, digits, combining marks (the accents of decomposed
#: text, the vowel signs of Indic scripts) and invisible joiners (the underscore is
#: punctuation here).
WORD_RE = re.compile(rf"[^\W_]+(?:[{MARKS}{JOIN}]+[^\W_]*)*")  # letters first: fast in C
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
#: In a term: what matching ignores (joiners, and the accents of decomposed text, as `fold`
#: strips those of composed text) ...
_TERM_DROP = re.compile(
    rf"[{JOIN}\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
#: ... and the ligatures it writes out ("ﬁ" -> "fi"), which `fold` cannot without moving offsets.
_LIGATURES = {cp: unicodedata.normalize("NFKD", chr(cp)).lower() for cp in range(0xFB00, 0xFB07)}


class _FoldTable(dict):
    """Character → one folded character (lower case, accents stripped), filled lazily."""

    def __missing__(self, char: str) -> str:
        if char in _INVISIBLE:
            self[char] = JOIN
            return JOIN
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        ).lower()
        folded = base if len(base) == 1 else (char.lower() if len(char.lower()) == 1 else char)
        self[char] = folded
        return folded


_FOLD = _FoldTable()


def _fold_run(match: re.Match[str]) -> str:
    return "".join([_FOLD[c] for c in match.group()])


def fold(text: str) -> str:
    """`text` lower-cased and accent-free, character for character (same length, same offsets)."""
    if text.isascii():
        return text.lower()
    # str.lower() turns U+0130 (I with dot) into two characters; it is the only one that grows.
    if "\u0130" in text:
        text = text.replace("\u0130", "I")
    return _NON_ASCII.sub(_fold_run, text.lower())


def tokens(text: str) -> list[str]:
    """The normalised words of `text`, in order."""
    words = WORD_RE.findall(fold(text))
    return words if text.isascii() else terms(words)


def terms(words: list[str]) -> list[str]:
    """The terms of words found by WORD_RE in folded text: joiners, decomposed accents and
    ligatures normalised (an ASCII word is its own term)."""
    return [w if w.isascii() else term(w) for w in words]


def term(word: str) -> str:
    """`word` as the index stores it: marks dropped and ligatures spelled out."""
    return _TERM_DROP.sub("", word).translate(_LIGATURES)


#: `bytes.translate` table that tokenises ASCII as `WORD_RE` does folded text: letters lower
#: cased, letters and digits kept, NUL kept (the builder's end of a record), every other byte
#: a space (so `bytes.split()` gives the words).
ASCII_WORDS = bytes(
    c + 32 if 65 <= c <= 90 else c if c == 0 or chr(c).isalnum() else 32 for c in range(128)
) + bytes([32] * 128)
#: A character that is or continues a word in folded text.
_WORDISH = re.compile(rf"[^\W_]|[{MARKS}{JOIN}]")


def ascii_class(char: str) -> int:
    """How one non-ASCII character `char` tokenises, wherever it stands: the code of the
    ASCII character it folds to (`ASCII_WORDS` then says whether that is a word character);
    32 when it folds to a non-ASCII character that ends a word (as a space does); -1 when
    it folds to one that is or continues a word (the text is then tokenised by `WORD_RE`).
    Folding is character by character but for capital sigma, whose lower case depends on
    what follows (final sigma): a Greek letter either way, so -1 wherever it stands."""
    folded = fold(char)
    if len(folded) != 1 or folded == "\x00":
        return -1
    if folded.isascii():
        return ord(folded)
    return -1 if _WORDISH.fullmatch(folded) else 32


def normalize_query(text: str) -> str:
    """A typed query in composed form, so `e` + combining accent folds like `é`."""
    return unicodedata.normalize("NFC", text)
