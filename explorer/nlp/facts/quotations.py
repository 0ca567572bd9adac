"""Quotations: which quotation marks open and close which quotation, found by a walk over
the marks (not a regex), for double marks, guillemets, low marks and single marks that are
no apostrophe."""

from __future__ import annotations

import bisect

from .. import regexes

# Every mark `_quotations` pairs: double marks, guillemets, the German low mark, and single
# marks that are not an apostrophe inside a word ("don't", "Smith's").
# (Found by `str.find`, one mark at a time, and put in order: a regex tried its class at every
# character of every text; `find` skips a mark wider than the text's characters at once. Which
# single marks count is decided in `_quotations`.)
_ANY_QUOTE_MARKS = "\"“”«»„'‘’"
# After an apostrophe that opens no quotation: a clitic as tokenised text writes it (" 's ").
_CLITIC_AFTER = regexes.compile(r"(?:s|re|ve|ll|m|d|t)\b")
# An opening mark follows one of these (or the start) and comes before a word; a closing
# mark follows a word and comes before a space, one of these, or the end.
_OPENS_AFTER = frozenset(' \t\n\r\f\v\u00a0([{/–—-"')
_CLOSES_BEFORE = frozenset(" \t\n\r\f\v\u00a0.,;:!?)]}/–—-'’\"…")


def _strip_span(text: str, start: int, end: int, chars: str = " \t\n,.;:") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _quote_marks(text: str) -> list[int]:
    """Where each of `_ANY_QUOTE_MARKS` is in `text`, in order."""
    out: list[int] = []
    find = text.find
    for mark in _ANY_QUOTE_MARKS:
        at = find(mark)
        while at >= 0:
            out.append(at)
            at = find(mark, at + 1)
    out.sort()
    return out


def _quotations(text: str) -> list[tuple[int, int, int]]:
    """The quotations of `text`: (start, end of the words, end), in order, not overlapping.

    Each mark is told opening or closing by the characters beside it, not by where lines
    break, so the pairs are the same whether the paragraphs are lines, blank-line apart or
    one line: a curly mark says which it is; a straight one opens after the start, a space,
    a bracket or a dash and before a word, and closes after a word and before a space, a
    punctuation mark or the end. A mark that fits both or neither (`, " he said`) closes the
    open quotation if there is one and opens one otherwise; at the start of a line it opens
    (text tokenised one sentence a line leaves such marks at both ends of its lines).

    An opening mark pairs with the next closing mark of its kind. When another opening mark
    comes first, the first quotation runs on into the next paragraph, which opens with a
    mark of its own (the news convention; the paragraph break may be gone): it ends where
    the next one opens, with no closing mark (its end is the end of its words). An opening
    mark never closed by the end of the text is dropped. Curly and straight marks pair
    apart; a pair inside another (a quote within a quote) is left to the outer one. One pass
    over the marks: linear in the text.

    Besides double marks: guillemets (« » as the French write them, » « as the Germans do),
    the German „ closed by “ or ”, and single marks as British papers write them ('We will
    act,' he said; or curly, U+2018 and U+2019). A single mark is also an apostrophe, so it counts only where it
    cannot be one: inside a word ("don't") it is never looked at; one that would open
    before a clitic ("'s", "'re", as tokenised text writes them) does not, nor one that
    would close after a plural "s" before a lower-case word ("the players' wages"); one
    that fits both or neither is left alone; and a single quotation runs on to the next
    opening mark only from a sentence's start to another's.
    """
    pairs: list[tuple[int, int, int]] = []
    open_straight = open_curly = open_low = open_guillemet = -1
    guillemet_closer = "»"
    open_single = -1
    single_curly = False  # whether the open single mark is curly (closed only by a curly one)
    end = len(text)
    skip = -1  # the second of two apostrophes read as one mark
    for at in _quote_marks(text):
        char = text[at]
        if char == "“":
            if open_low >= 0:
                pairs.append((open_low, at, at + 1))
                open_low = -1
                continue
            if open_curly >= 0:
                pairs.append((open_curly, at, at))
            open_curly = at
            continue
        if char == "”":
            if open_curly >= 0:
                pairs.append((open_curly, at, at + 1))
                open_curly = -1
            elif open_low >= 0:
                pairs.append((open_low, at, at + 1))
                open_low = -1
            continue
        if char == "„":
            if open_low >= 0:
                pairs.append((open_low, at, at))
            open_low = at
            continue
        if char in "«»":
            if open_guillemet >= 0 and char == guillemet_closer:
                pairs.append((open_guillemet, at, at + 1))
                open_guillemet = -1
            elif open_guillemet < 0 or char != guillemet_closer:
                if open_guillemet >= 0:
                    pairs.append((open_guillemet, at, at))
                open_guillemet = at
                guillemet_closer = "»" if char == "«" else "«"
            continue
        if at == skip:
            continue
        before = text[at - 1] if at else " "
        last = at
        if char == "'" and text.startswith("'", at + 1):
            char = '"'  # two apostrophes are a double mark: "''Robbie has ...''"
            last = skip = at + 1
        after = text[last + 1] if last + 1 < end else " "
        if char != '"':
            open_single, single_curly = _single_mark(
                text, at, char, before, after, open_single, single_curly, pairs
            )
            continue
        opens = before in _OPENS_AFTER and not after.isspace()
        closes = not before.isspace() and (after in _CLOSES_BEFORE or after.isspace())
        if opens == closes:
            # A mark alone between spaces (' " ', as in tokenised text): one that starts a
            # line opens; any other closes the open quotation if there is one.
            closes = open_straight >= 0 and before != "\n"
        if closes:
            if open_straight >= 0:
                pairs.append((open_straight, at, last + 1))
                open_straight = -1
        else:
            if open_straight >= 0:
                pairs.append((open_straight, at, at))
            open_straight = last
    if not pairs:
        return pairs
    pairs.sort()
    out = [pairs[0]]
    for pair in pairs[1:]:
        if pair[0] >= out[-1][2]:
            out.append(pair)
    return out


# After a plural's apostrophe: a lower-case word ("the players' wages").
_LOWER_WORD_AFTER = regexes.compile(r"[ \t]+[a-z]")
# A single mark that closes a quotation for sure: after a word (not a plural's "s" before a
# lower-case word) and before a space, a punctuation mark or the end.
_SINGLE_CLOSES = regexes.compile(r"(?:[^\ss]|s(?![ \t]+[a-z]))['’](?!\w)")
_PARAGRAPH_BREAK = regexes.compile(r"\n[ \t]*\r?\n")


def _closes_later(text: str, at: int) -> bool:
    """Whether a single mark closes a quotation for sure within the paragraph after `at`
    (looked for over 300 characters at most): then the mark at `at`, after a plural before
    a lower-case word, is the plural's apostrophe ("'... the players' wages ...,' he said"),
    else it closes ("'Veritas' party")."""
    stop = min(len(text), at + 300)
    brk = _PARAGRAPH_BREAK.search(text, at, stop)
    return _SINGLE_CLOSES.search(text, at + 1, brk.start() if brk else stop) is not None


# Before a mark that opens a sentence: the start, or a sentence's end and spaces; or a
# paragraph's end on a comma, the quotation running on into the next ("'... so hard,\n'We
# can now ...,' she said").
_SENTENCE_BEFORE = regexes.compile(r"(?:^|[.!?:]['’\"”]?|,[ \t]*\r?\n)\s*$")


def _single_mark(
    text: str,
    at: int,
    char: str,
    before: str,
    after: str,
    open_single: int,
    single_curly: bool,
    pairs: list[tuple[int, int, int]],
) -> tuple[int, bool]:
    """Read the single mark at `at` for `_quotations`: the open single quotation after it
    (where it starts, -1 for none) and whether that opened curly; pairs go to `pairs`."""
    if after.isalnum() and (before.isalnum() or char == "’"):
        return open_single, single_curly  # inside a word ("don't", "Smith's"), or a year's
    if (before.isalnum() and char == "‘") or (
        char == "'" and not before.isalnum() and _CLITIC_AFTER.match(text, at + 1)
    ):
        return open_single, single_curly  # the clitic of tokenised text: " 's "
    opens = char != "’" and before in _OPENS_AFTER and not after.isspace()
    closes = (
        char != "‘"
        and not before.isspace()
        and (after in _CLOSES_BEFORE or after.isspace())
        and (open_single < 0 or char == "’" or not single_curly)
        and not (
            before == "s" and _LOWER_WORD_AFTER.match(text, at + 1) and _closes_later(text, at)
        )
    )
    if opens == closes:
        return open_single, single_curly
    if closes:
        if open_single >= 0:
            pairs.append((open_single, at, at + 1))
        return -1, False
    if open_single >= 0 and (
        _SENTENCE_BEFORE.search(text, max(0, open_single - 4), open_single)
        and _SENTENCE_BEFORE.search(text, max(0, at - 4), at)
    ):
        pairs.append((open_single, at, at))
    return at, char == "‘"


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `pos` falls in one of `spans` (sorted, not overlapping)."""
    i = bisect.bisect_right(spans, (pos, len(spans) and spans[-1][1] + pos + 1)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
