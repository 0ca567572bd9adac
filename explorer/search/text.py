"""Normalisation and tokenisation shared by the index and the query: one definition of a word.

`fold` lower-cases and strips accents one character for one character, so a folded text has
exactly the offsets of the original: a token found in `fold(text)` is a highlight range of
`text` as it stands.
"""

from __future__ import annotations

import re
import unicodedata

#: A word: a run of letters and digits (the underscore is punctuation here).
WORD_RE = re.compile(r"[^\W_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


class _FoldTable(dict):
    """Character → one folded character (lower case, accents stripped), filled lazily."""

    def __missing__(self, char: str) -> str:
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
    return WORD_RE.findall(fold(text))


def normalize_query(text: str) -> str:
    """A typed query in composed form, so `e` + combining accent folds like `é`."""
    return unicodedata.normalize("NFC", text)
