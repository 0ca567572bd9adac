"""Sentence boundaries as character offsets: regexes find the candidates, rules judge them.

The splitter reads the analysis view of the text (explorer.nlp.layout), where the soft line
breaks of hard-wrapped paragraphs are already spaces; the line breaks left are hard. A blank
line always ends a sentence, and so does a line break unless the next line plainly continues
the sentence (it starts in lower case, or the line ended on a comma or a word like "and"), so
headlines and one-sentence-per-line text split where they should. Inside a line, list markers
("1.", "2)", "b.", "•") start items, and a terminal mark (. ! ? and ellipses) ends a sentence
unless what surrounds it says it is an abbreviation, an initial, an ellipsis inside a
sentence, or a quotation that goes on.
"""

from __future__ import annotations

import re

from explorer.nlp import regexes

__all__ = ["sentence_spans", "split_sentences"]

# A line holding at least one non-space character.
_LINE = regexes.compile(r"[^\n]*\S[^\n]*")
# A cluster of terminal marks, spaced ellipses included (". . . ."), then closing quotes and
# brackets, then whitespace: the only places a sentence can end inside a line.
_CANDIDATE = regexes.compile(r"[.!?…](?:[.!?…]|[ ](?=[.…]))*([\"'”’)\]]*)(?=\s)")
_NEXT_TOKEN = regexes.compile(r"\s+(\S+)")
# "[...]" and "(...)" mark omissions inside a sentence.
_BRACKETED_ELLIPSIS = regexes.compile(r"[\[(](?:\.\.\.|…)[\])]")

# Abbreviations that stand before a name: never the end of a sentence.
_PREPOSITIVE = frozenset(
    "mr mrs ms mx dr prof st mt ft gen sen rep gov lt col capt cpt sgt maj adm cmdr rev "
    "hon pres supt insp det messrs mme mlle sr jr".split()
)
# Other common abbreviations: a sentence may end on them only if a capital follows.
_ABBREVIATIONS = frozenset(
    "co corp inc ltd plc llc bros dept univ assn est approx vs etc al fig figs no nos vol "
    "vols p pp ch sec art para ed eds rev jan feb mar apr jun jul aug sep sept oct nov dec "
    "mon tue tues wed thu thur thurs fri sat sun cf e.g i.e ca min max tel ext".split()
)
# Words that open sentences: after "U.S." or "E.U." they mean the abbreviation ended one.
_STARTERS = frozenset(
    "a an the this that these those it its he she they we i you his her their our my your "
    "there here what when where why how who which while but and or so yet if as at in on "
    "for after before since although though however meanwhile then now still also".split()
)
# Prepositive titles that never end a line's sentence.
_BEFORE_NAMES = _PREPOSITIVE - {"sr", "jr", "st"}
_WORD_REACH = 200
# After an initial: a capitalised word, then "and", "&" or another capitalised word.
_NAME_GOES_ON = regexes.compile(r"\s+([A-Z][a-z]+)\s+(?:and\s|&|[A-Z])")
_JOINERS = frozenset(
    "and or but nor of the a an to in on at by for from with as that than into onto".split()
)
_OPENERS = "\"'“‘([{"
_BULLETS = "•⁃◦▪·‣●*-–"
_LIST_MARKER = regexes.compile(
    r"([" + re.escape(_BULLETS) + r"])\s*|(\d{1,3}|[a-zA-Z])(\.\)|\)|\.)(?=\s)"
)
# A dash or a bullet standing alone: a list item's marker.
_DASHES = frozenset("- – — • * ·".split())
_MULTI_PERIOD = regexes.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_INITIALS = regexes.compile(r"(?:[A-Z]\.){1,3}")  # "H.", "J.E." (not "U.S.": a starter follows)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences of `text` as (start, end) offsets, with no whitespace at either end.

    Read through the text's analysis view, like every pass; the offsets point into `text`.
    """
    from .layout import analysis_view

    view = analysis_view(text)
    spans = sentence_spans(view.text)
    return spans if view.identity else [view.span(s, e) for s, e in spans]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentence pass over a text that is already an analysis view (the pipeline's)."""
    spans: list[tuple[int, int]] = []
    for start, end in _chunks(text):
        for piece_start, piece_end in _list_items(text, start, end):
            _split_piece(text, piece_start, piece_end, spans)
    return spans


def _chunks(text: str) -> list[tuple[int, int]]:
    """Runs of lines that belong together: blank lines and line-final headlines split them."""
    chunks: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        s, e = m.span()
        while text[s].isspace():
            s += 1
        while text[e - 1].isspace():
            e -= 1
        if block and text.count("\n", block[-1][1], s) > 1:
            _block_chunks(text, block, chunks)
            block = []
        block.append((s, e))
    if block:
        _block_chunks(text, block, chunks)
    return chunks


def _block_chunks(text: str, lines: list[tuple[int, int]], chunks: list[tuple[int, int]]) -> None:
    """The chunks of one block of lines (no blank line inside)."""
    cur_start, cur_end = lines[0]
    for s, e in lines[1:]:
        if not _continues(text, cur_end, s):
            chunks.append((cur_start, cur_end))
            cur_start = s
        cur_end = e
    chunks.append((cur_start, cur_end))


def _continues(text: str, line_end: int, next_start: int) -> bool:
    """Whether the line ending at `line_end` runs on into the line starting at `next_start`."""
    first = text[next_start]
    if first.islower():
        return True
    last = text[line_end - 1]
    if last in ",;:(&/-–—":
        return True
    if last.isalpha() or last == ".":
        word_start = max(text.rfind(" ", 0, line_end), text.rfind("\n", 0, line_end)) + 1
        word = text[word_start:line_end].lower()
        if last == "." and _INITIALS.fullmatch(text, word_start, line_end):
            # initials the wrap left at a line's end go on as they would on one line (as
            # `_boundary` reads them): "a director of H.\nClarkson and Co Ltd", "said James
            # E.\nSmith", "of J.E.\nHyde and Co"; not "in Group E.\nThe team"
            nxt = text[next_start : next_start + 40].split(None, 1)[0].strip("\"'“‘,;:")
            if line_end - word_start > 2:
                return nxt.lower() not in _STARTERS
            return _opens_a_name(text, line_end) or (
                _after_name(text, 0, word_start) and nxt.lower() not in _STARTERS
            )
        # "... and\nRussia", "... Mr\nBlair", "... Dr.\nSmith"
        return word in _JOINERS or word.rstrip(".") in _BEFORE_NAMES
    return False


def _list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A line that opens with a list marker is cut before each following marker of its kind."""
    m = _LIST_MARKER.match(text, start, end)
    if m is None:
        return [(start, end)]
    bullet, value, style = m.group(1), m.group(2), m.group(3)
    if bullet:
        cuts = [c.start() for c in _BULLET_AFTER_SPACE[bullet].finditer(text, m.end(), end)]
    else:
        cuts = []
        pos = m.end()
        while True:
            value = str(int(value) + 1) if value.isdigit() else chr(ord(value) + 1)
            at = _next_marker(text, pos, end, value, style)
            if at < 0:
                break
            cuts.append(at)
            pos = at + len(value) + len(style)
    items = []
    for cut in cuts:
        items.append((start, _rstrip(text, start, cut)))
        start = cut
    items.append((start, end))
    return items


# Each bullet, after a space: the next items of a bulleted line.
_BULLET_AFTER_SPACE = {b: regexes.compile(r"(?<=\s)" + re.escape(b)) for b in _BULLETS}
# A numbered or lettered marker between spaces ("2.", "b)"): the next items of a list line.
_MARKER_BETWEEN_SPACES = regexes.compile(r"(?<=\s)(\d{1,3}|[a-zA-Z])(\.\)|\)|\.)(?=\s)")


def _next_marker(text: str, pos: int, end: int, value: str, style: str) -> int:
    """Where `value` + `style` ("3.", "c)") next stands between spaces in text[pos:end], -1 if
    nowhere: the first marker of that shape that says it, found with one compiled pattern
    rather than one compiled for each value."""
    if not (value.isascii() and ((value.isdigit() and len(value) <= 3) or value.isalpha())):
        found = re.compile(r"(?<=\s)" + re.escape(value + style) + r"(?=\s)").search(
            text, pos, end
        )  # a value past "z" or "999": as rare as it sounds
        return -1 if found is None else found.start()
    for marker in _MARKER_BETWEEN_SPACES.finditer(text, pos, end):
        if marker.group(1) == value and marker.group(2) == style:
            return marker.start()
    return -1


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _split_piece(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Cut one line-level piece at the terminal marks that end a sentence."""
    sent_start = start
    piece = text[start:end]
    has_ellipsis = "..." in piece or "…" in piece
    for m in _CANDIDATE.finditer(text, start, end):
        cs, ce = m.span()
        if has_ellipsis and _inside_bracketed_ellipsis(text, cs, start):
            continue
        nxt = _NEXT_TOKEN.match(text, ce, end)
        if nxt is None:
            continue
        token = nxt.group(1)
        if token in _DASHES:
            # "...the wooden spoon. - M Blair (Edinburgh), ...": a list item that lost its
            # line; the word after the dash says whether a sentence opens
            after = _NEXT_TOKEN.match(text, nxt.end(), end)
            if after is None:
                continue
            token = after.group(1)
        cut = _boundary(text, sent_start, cs, ce, m.group(1), token)
        if cut is None:
            continue
        spans.append((sent_start, cut))
        sent_start = nxt.start(1) if cut >= ce else _lstrip(text, cut, end)
    if sent_start < end:
        spans.append((sent_start, end))


def _lstrip(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _inside_bracketed_ellipsis(text: str, pos: int, floor: int) -> bool:
    lo = max(floor, pos - 3)
    return _BRACKETED_ELLIPSIS.search(text, lo, pos + 5) is not None


def _boundary(text: str, sent_start: int, cs: int, ce: int, close: str, nxt: str) -> int | None:
    """Where the sentence ends if the terminal cluster text[cs:ce] ends it, else None."""
    first = nxt[0]
    if first.islower():
        return None
    if not (first.isupper() or first.isdigit() or first in _OPENERS) or first in "([":
        return None
    cluster = text[cs : ce - len(close)]
    if "?" in cluster or "!" in cluster:
        return ce
    dots = cluster.count(".") + 3 * cluster.count("…")
    if dots == 3:  # an ellipsis inside a sentence
        return None
    lo = max(sent_start, cs - _WORD_REACH)  # a word is never longer: keeps this O(1)
    prev_start = max(text.rfind(" ", lo, cs), text.rfind("\t", lo, cs), lo - 1) + 1
    prev = text[prev_start:cs].lstrip(_OPENERS + _BULLETS)
    item_start = prev_start - sent_start <= 4 and not text[sent_start:prev_start].strip(
        _BULLETS + " \t"
    )
    if dots >= 4:
        if " " in cluster and prev:
            # "compounds. . . . The": the word's own period ends it; the ellipsis opens the next.
            return cs + 1
        return ce
    if not prev:
        return ce
    low = prev.lower()
    if low in _PREPOSITIVE:
        return None
    if len(prev) == 1 and prev.isalpha():
        if item_start:  # a list marker: "a. The first item"
            return None
        if prev.isupper() and _after_name(text, sent_start, prev_start):
            return None  # an initial: "Jonas E. Smith"
        if prev.isupper() and _opens_a_name(text, ce):
            return None  # an initial opening a name: "a director of J. Fearnley and Co"
        return ce if first.isupper() else None
    if low in ("a.m", "p.m"):
        words = text[sent_start:cs].count(" ") + 1
        return ce if first.isupper() and words > 3 else None
    if _MULTI_PERIOD.fullmatch(prev):
        word = nxt.strip("\"'“‘”’,;:").lower()
        return ce if word in _STARTERS else None
    if first.isdigit():
        if prev.isdigit() and item_start:
            return None
        return ce if prev.isalpha() and len(prev) > 1 and low not in _ABBREVIATIONS else None
    if prev.isdigit() and item_start and len(prev) <= 3:
        return None  # "1. The first item"
    return ce


def _opens_a_name(text: str, ce: int) -> bool:
    """Whether the words after an initial go on with a name: "J. Fearnley and Co", "C.
    Czarnikow Ltd" (a capitalised word a sentence does not open with, then "and", "&" or
    another capitalised word); not "type C. Doctors said", "a grade of A. The"."""
    name = _NAME_GOES_ON.match(text, ce)
    return name is not None and name.group(1).lower() not in _STARTERS


def _after_name(text: str, sent_start: int, prev_start: int) -> bool:
    """Whether the word before `prev_start` is capitalised or an initial (part of a name)."""
    end = prev_start - 1
    while end > sent_start and text[end - 1].isspace():
        end -= 1
    if end <= sent_start:
        return False
    lo = max(sent_start, end - _WORD_REACH)
    begin = max(text.rfind(" ", lo, end), text.rfind("\t", lo, end), lo - 1) + 1
    return text[begin].isupper()
