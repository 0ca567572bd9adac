"""The analysis view of a document: its text with the layout taken out, mapped to the original.

Every nlp pass reads the view, never the original; `pipeline.run()` builds the view first and
maps every offset back at the end, so the stored text is never changed and offsets still point
into it. In the view:

- a soft line break (a line of a hard-wrapped paragraph that runs on) is one space, and the
  next line's indentation goes with it;
- a hyphen at the end of a soft-broken line joins the word when the dictionary says the joined
  word exists ("inter-\\nnational" is "international") and otherwise stays ("Prudential-Bache");
- CRLF and CR are LF; tabs, form feeds and runs of spaces inside a line are one space;
  indentation and trailing spaces are gone;
- hard breaks stay line breaks, so the sentence splitter treats them as it always has: a run
  of blank lines is one blank line, any other hard break one newline.
- a headline run into the first sentence on the document's first line ("Ad sales boost Time
  Warner profit Quarterly profits at ...", see explorer.nlp.runin) gets a line of its own:
  the space after it is a line break, so no offset moves. So does a wire headline in
  capitals run into its dateline ("...SECOND QUARTER PROFIT PITTSBURGH, Pa., April 8 -"),
  however wrapped or indented, and each item of a labelled list run into one line ("Best
  film: Salt Roads Best director: ...").
- a hyphen at a line's end before a word in lower case joins as above whatever the line's
  length, in text that is not hard-wrapped too.

Whether a break is soft is the classic reflow rule. A document is hard-wrapped when most of
its longer lines that run on (a headline or a table row is short) end within 15 columns of a common maximum of 45 to 100 (the wrap
width) and most of those end inside a sentence (on a lower-case word or a comma); then a break is soft when the line is long
enough that the next line's first word would not have fitted on it, and the next line is not
indented deeper (an indent opens a paragraph) nor opens a list item. A short line (a headline,
a table row, a dateline, a paragraph's last line) keeps its break. Text that is not
hard-wrapped (one line per paragraph, or one sentence per line) keeps every break, and text
with nothing to normalise is its own view, at no cost.
"""

from __future__ import annotations

import itertools
from array import array
from bisect import bisect_right
from functools import lru_cache

from explorer.nlp import regexes
from explorer.nlp.runin import HEAD_CHARS, headline_end

__all__ = ["View", "analysis_view", "wrap_width"]

#: What the space after a headline run into the first sentence becomes in the view.
HEADLINE_BREAK = "\n"
#: Widest wrap width taken for a hard-wrapped document; longer lines are paragraphs.
MAX_WIDTH = 100
_MIN_WIDTH = 45
#: A full line ends within this many columns of the wrap width.
_RAGGED = 15
# Anything a view changes: CR, tabs and other odd spaces, runs of spaces, indentation,
# trailing spaces. A text without any (and not hard-wrapped) is its own view. Looked for with
# `in` (a memchr each) and in the one loop over lines, not with a regex: it is asked of every
# document. Layout spaces are ASCII; a no-break space is the writer's, and stays.
_ODD_CHARS = "\r\t\f\v\x1c\x1d\x1e\x1f"
_SPACES = regexes.compile(r"[ \t\r\f\v\x1c-\x1f]+")
_IN_LINE_ODD = regexes.compile(r"[\t\r\f\v\x1c-\x1f]|  ")
_FIRST_WORD = regexes.compile(r"\S+")
_NON_SPACE = regexes.compile(r"\S")
_LIST_ITEM = regexes.compile(r"(?:[•⁃◦▪·‣●]|\d{1,3}[.)])\s")
# A letter opens a list item only after a line that ended a sentence or a lead-in, as a dash
# does: after a line that runs on it is an initial the wrap put first ("shipbrokers\nJ.
# Fearnley and Co").
_LETTER_ITEM = regexes.compile(r"[a-zA-Z][.)]\s")
# A dash opens a list item only after a line that ended a sentence or a lead-in ("...:");
# after a line that runs on, it is a dash the wrap put first ("firms\n- was a mistake").
_DASH_ITEM = regexes.compile(r"[*–-]\s")
_HYPHENATED = regexes.compile(r"(?<![\w-])([A-Za-z]+)-$")
_LETTERS = regexes.compile(r"[a-z]+")
_LOWER_FIRST = regexes.compile(r"[a-z]")
# A line that goes on a sentence: a lower-case word, quoted or in brackets ('were\n"cosmetic"').
_LOWER_GOES_ON = regexes.compile(r"[\"'“‘(]?[a-z]")
# How a line that stops inside a sentence ends: a lower-case word or a comma (a table row
# ends on a figure, a headline or a sentence on a capital or a mark).
_RUNS_ON = regexes.compile(r"[a-z,;-]")
# Word endings that are never a word of their own: a line-end hyphen before one splits a word.
_SUFFIXES = frozenset(
    "tion tions sion sions ment ments ness nesses ity ities ing ings ings ation ations ically "
    "ical ally ence ences ance ances ably ibly able ible ous ious eous ive ively ism isms ist "
    "ists ize izes ized izing ise ises ised ising ful fully less lessly ship ships hood ure "
    "ures ular ually ual ency ancy ial ially tial tially ery ory ories ary aries ute utes".split()
)


class View:
    """The text the passes read, and the way back from its offsets to the original's.

    The map is piecewise: the view is made of runs copied from the original, each shifted by
    a constant, so two arrays of ints (where each run starts in the view, and its shift) are
    all it takes, however long the text. A view of an unchanged text has no map at all.
    """

    __slots__ = ("_shifts", "_starts", "original", "text")

    def __init__(
        self, original: str, text: str, starts: array | None = None, shifts: array | None = None
    ) -> None:
        self.original = original
        self.text = text
        self._starts = starts
        self._shifts = shifts

    @property
    def identity(self) -> bool:
        """True when the view is the original text itself (nothing to map)."""
        return self._starts is None

    @property
    def same_offsets(self) -> bool:
        """True when every character of the view stands at its own offset in the original
        (the view only wrote a line break or a space for another space): nothing to map."""
        shifts = self._shifts
        return shifts is None or (len(self.text) == len(self.original) and not any(shifts))

    def offset(self, pos: int) -> int:
        """The original offset of the view's character at `pos` (a start offset)."""
        starts, shifts = self._starts, self._shifts
        if starts is None or shifts is None:  # an unchanged text: no map (both or neither)
            return pos
        if pos >= len(self.text):
            return len(self.original)
        return pos + shifts[bisect_right(starts, pos) - 1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the view's [start, end): from the first character
        to just after the last, so a span across a soft break covers the break."""
        if self._starts is None:
            return start, end
        if end <= start:
            pos = self.offset(start)
            return pos, pos
        return self.offset(start), self.offset(end - 1) + 1


def analysis_view(text: str) -> View:
    """The analysis view of `text` (see the module docstring)."""
    headline = _run_in_headline(text)
    versus = " v " in text
    fixtures = _fixture_breaks(text) if versus else []
    if versus and ("GMT " in text or "BST " in text):  # a match preview's heading
        fixtures = sorted(fixtures + _kick_off_breaks(text))
    if ": " in text:
        fixtures = sorted(fixtures + _labelled_item_breaks(text))
    ends: set[int] = set()  # line ends that are hard breaks, however wrapped
    for pos in _heading_breaks(text) + _dateline_breaks(text):
        gap = pos
        while text[gap] in " \t\r":
            gap += 1
        if text[gap] == "\n":
            ends.add(pos)  # "...THE LEGEND OF ZELDA\r\nThe charismatic", wrapped
        else:
            fixtures.append(pos)
            fixtures.sort()
    if "\n" in text:
        lines = text.split("\n")
        width = _wrap_width(lines)
        ragged = any(line[:1] == " " or line[-1:] == " " for line in lines)
    else:
        width = None
        ragged = text[:1] == " " or text[-1:] == " "
    if (
        width is None
        and headline is None
        and not hyphen_break(text)
        and (ragged or not _joins_a_line(text))
        and not fixtures
        and not ragged
        and "  " not in text
        and not any(ch in text for ch in _ODD_CHARS)
    ):
        return View(text, text)
    return _Builder(text, width, headline, fixtures, ends).build()


def _joins_a_line(text: str) -> bool:
    """Whether a line break of `text`, whose lines say no wrap width, is inside a sentence
    (`_Builder._inside`): only then is the view more than the text. One scan finds the few
    breaks that may be: most lines of such a text end on a stop, a figure or a capital."""
    builder = None
    n = len(text)
    for m in _MAY_JOIN.finditer(text):  # (a pattern opening on "\n": a fast scan)
        nl = m.start()
        end = nl
        while end and text[end - 1] in " \t\r":
            end -= 1
        if not end or text[end - 1] not in _MAY_RUN_ON:
            continue
        start = text.rfind("\n", 0, nl) + 1
        n_start = m.end() - 1
        n_end = text.find("\n", n_start)
        builder = builder or _Builder(text, None)
        if builder._inside(start, end, n_start, n if n_end < 0 else n_end):
            return True
    return False


#: A line break before a letter or an opening mark; `_joins_a_line` asks of the line before
#: that it ends on a lower-case letter or a comma (`_MAY_RUN_ON`).
_MAY_JOIN = regexes.compile(r"\n[ \t]*[A-Za-z\"'“‘(]")
_MAY_RUN_ON = frozenset("abcdefghijklmnopqrstuvwxyz,;")


# A word broken by a hyphen at a line's end, the next line going on in lower case.
_HYPHEN_BREAK = regexes.compile(r"-[ \t]*\r?\n[ \t]*[a-z]")


def hyphen_break(text: str) -> bool:
    """Whether `text` breaks a word with a hyphen at a line's end (asked of a text whose
    lines are not wrapped: only its hyphens may need joining)."""
    if "-" not in text or "\n" not in text:
        return False
    return any(text[m.start() - 1 : m.start()].isalpha() for m in _HYPHEN_BREAK.finditer(text))


def _run_in_headline(text: str) -> tuple[int, int] | None:
    """Where a headline run into the first sentence on the first line ends, and where the
    sentence starts (explorer.nlp.runin), or None."""
    first = _NON_SPACE.search(text)
    if first is None:
        return None
    start = first.start()
    limit = min(len(text), start + HEAD_CHARS)  # all it reads: no scan of a long line
    end = text.find("\n", start, limit)
    return headline_end(text, start, limit if end < 0 else end)


def wrap_width(text: str) -> int | None:
    """The width `text` is hard-wrapped at, or None when its lines are not wrapped."""
    return _wrap_width(text.split("\n"))


def _wrap_width(lines: list[str]) -> int | None:
    if len(lines) < 3:
        return None
    runs_on: list[tuple[int, str]] = []  # (length, last character) of lines that run on
    rows: list[tuple[int, str]] = []  # (length, line) of those that end on a figure
    # the same of every line a line follows, a block's last line too ("before a block")
    any_on: list[tuple[int, str]] = []
    any_rows: list[tuple[int, str]] = []
    prev = ""
    for line in lines:
        end = line.rstrip()
        if end and prev:
            block = _opens_block(prev, end)
            found = (_columns(prev), prev[-1] if block else _last_of(prev, end))
            figure = prev[-1].isdigit() or " vs " in prev
            any_on.append(found)
            if figure:
                any_rows.append((found[0], prev))
            if not block:
                runs_on.append(found)
                if figure:
                    rows.append((found[0], prev))
        prev = end
    # A block's last line says nothing of the width a wrap filled (a short paragraph's last
    # line, a results table's row); but where too few lines are left to tell, a story of two
    # or three paragraphs, every line is read as before the blocks were known.
    return _width_of(runs_on, rows) or _width_of(any_on, any_rows)


def _width_of(runs_on: list[tuple[int, str]], rows: list[tuple[int, str]]) -> int | None:
    """The wrap width the lines that run on say, or None: `runs_on` holds each line's length
    and how it ends, `rows` those of the lines that end on a figure or say "vs"."""
    if len(runs_on) < 2:
        return None
    fitting = sorted(n for n, _ in runs_on if n <= MAX_WIDTH)
    if len(fitting) < 0.8 * len(runs_on):
        return None  # long lines: paragraphs on one line each
    for width in (fitting[-1], fitting[(len(fitting) - 1) * 9 // 10]):
        if width < _MIN_WIDTH:
            return None
        full = [last for n, last in runs_on if width - _RAGGED <= n <= width]
        longish = sum(1 for n, _ in runs_on if n > width // 2)  # not headlines, table rows
        if len(full) >= 2 and len(full) < 0.6 * longish:
            # a wire story's earnings or price table may outnumber its prose lines: rows
            # that end on a figure or say "vs" are no lines the wrap could have filled
            longish -= sum(1 for n, line in rows if width // 2 < n and _table_row(line))
        if len(full) < 2 or len(full) < 0.6 * longish:
            continue
        inside = sum(1 for last in full if _RUNS_ON.match(last))
        if inside >= 0.5 * len(full):
            return width
        return None  # one sentence or one table row a line
    return None


def _last_of(line: str, nxt: str) -> str:
    """How `line` ends, for `_wrap_width`: its last character, or a comma where it stops
    inside a sentence some other way: on a figure or a name before a next line in lower case
    ("won by 18\nseconds"), or on a quotation closed after a comma ('the end,"\nRoche
    said'). A story of quotations and names ends many a wrapped line so."""
    if line[-2:] in _COMMA_QUOTES or _LOWER_GOES_ON.match(nxt.lstrip()) is not None:
        return ","
    return line[-1]


_COMMA_QUOTES = frozenset({',"', ",”", ",'", ",’"})


def _opens_block(line: str, nxt: str) -> bool:
    """Whether `nxt` opens a paragraph or a list item after `line` (its break is kept however
    wide the lines): indented deeper (by a paragraph's indent), or a numbered or marked item. The line before says
    nothing of the width a wrap filled: a short paragraph's last line, a table's row ("1.
    Pedro Delgado (Spain) PDM 5:32:41"), and a story of short paragraphs and a results table
    was read as not wrapped at all."""
    indent = len(nxt) - len(nxt.lstrip())
    if len(line) - len(line.lstrip()) < indent <= _PARAGRAPH_INDENT:
        return True  # (deeper still, it is a table's column: "      Curr Wk   Prev Wk")
    return _LIST_ITEM.match(nxt, indent) is not None


#: The most columns a paragraph's first line is indented by.
_PARAGRAPH_INDENT = 8


def _table_row(line: str) -> bool:
    """A row of a table of figures: a few words, a figure and "vs" ("Net 14.6 mln vs 11.2
    mln") or three figures ("Wheat 1,234.5 18,442.0 16,901.3"), not a numbered item."""
    words = line.split()
    if len(words) > 10 or words[0][:1].isdigit():
        return False
    figures = sum(1 for w in words if any(c.isdigit() for c in w))
    return figures >= 3 or (figures >= 1 and "vs" in words)


def _columns(line: str) -> int:
    return len(line.expandtabs()) if "\t" in line else len(line)


class _Builder:
    """Builds the view and its map, a line at a time (never a character at a time)."""

    def __init__(
        self,
        text: str,
        width: int | None,
        headline: tuple[int, int] | None = None,
        breaks: list[int] | None = None,
        ends: set[int] | None = None,
    ) -> None:
        self.text = text
        self.width = width
        self.headline = headline
        self.breaks = breaks or []  # spaces inside a line that are line breaks in the view
        self.ends = ends or set()  # line ends that stay line breaks, however wrapped
        self.parts: list[str] = []
        self.pos = 0  # length of the view so far
        self.starts = array("i")
        self.shifts = array("i")
        self.shift: int | None = None
        self.words: frozenset[str] | None = None

    def emit(self, start: int, end: int) -> None:
        """Copy the original's [start, end) into the view."""
        if end <= start:
            return
        shift = start - self.pos
        if shift != self.shift:
            self.starts.append(self.pos)
            self.shifts.append(shift)
            self.shift = shift
        self.parts.append(self.text[start:end])
        self.pos += end - start

    def put(self, chars: str, at: int) -> None:
        """Write `chars` (a separator) into the view, each mapped to the original's `at`."""
        for ch in chars:
            if self.text.startswith(ch, at):
                self.emit(at, at + 1)
                continue
            shift = at - self.pos
            self.starts.append(self.pos)
            self.shifts.append(shift)
            self.shift = None  # the next copied run needs its own shift
            self.parts.append(ch)
            self.pos += 1

    def emit_line(self, start: int, end: int) -> None:
        """Copy a line's content, each run of odd spaces inside it made one space."""
        if _IN_LINE_ODD.search(self.text, start, end) is None:
            self.emit(start, end)
            return
        cur = start
        for m in _SPACES.finditer(self.text, start, end):
            s, e = m.span()
            if e - s == 1 and self.text[s] == " ":
                continue
            self.emit(cur, s)
            self.put(" ", s)
            cur = e
        self.emit(cur, end)

    def build(self) -> View:
        lines = _content_lines(self.text)
        if self.headline is not None:
            (start, end, indent, _), (head_end, body) = lines[0], self.headline
            lines[:1] = [(start, head_end, indent, False), (body, end, indent, False)]
        forced: set[int] = set()  # lines that a break inside an original line opens
        if self.breaks:
            lines, forced = _split_lines(lines, self.breaks)
        seps = [""] + [
            "\n\n" if line[3] else "\n" if i in forced else self._join(prev, line)
            for i, (prev, line) in enumerate(itertools.pairwise(lines), 1)
        ]
        seps.append("\n")
        if self.headline is not None:
            seps[1] = HEADLINE_BREAK  # the headline gets a line of its own
        for i, (start, end, _indent, _blank) in enumerate(lines):
            if i and seps[i].isspace():
                self.put(seps[i], lines[i - 1][1])
            # "" after a line joins a hyphenated word: the hyphen goes
            self.emit_line(start, end - 1 if seps[i + 1] == "" else end)
        return View(self.text, "".join(self.parts), self.starts, self.shifts)

    def _join(self, line: tuple[int, int, int, bool], nxt: tuple[int, int, int, bool]) -> str:
        """What the break between `line` and the next content line `nxt` becomes."""
        start, end, indent, _ = line
        n_start, n_end, n_indent, _ = nxt
        if (
            end - start > 1
            and self.text[end - 1] == "-"
            and self.text[end - 2].isalpha()
            and _LOWER_FIRST.match(self.text, n_start) is not None
            and end not in self.ends
        ):
            # a word broken at a line's end, whatever the line's length ("inter-\nnational",
            # "well-\nknown"): it goes on on the next line, in lower case
            return self._hyphen(start, end, n_start, n_end)
        if end in self.ends:
            return "\n"  # a heading's end
        if n_indent > indent or _LIST_ITEM.match(self.text, n_start, n_end):
            return "\n"
        if self.width is None:
            # Not hard-wrapped, as far as the lines tell (too few of them, or too short, or
            # ragged): a break stays a break unless the words on both sides say it is inside
            # a sentence.
            return " " if self._inside(start, end, n_start, n_end) else "\n"
        if (
            _DASH_ITEM.match(self.text, n_start, n_end)
            or _LETTER_ITEM.match(self.text, n_start, n_end)
        ) and self.text[end - 1] in ".!?:;":
            return "\n"
        if self.text[end - 1] in ".!?" and _CAPS_HEADING.fullmatch(self.text, n_start, n_end):
            return "\n"  # "...the minister said.\nJAKARTA POST": a heading in capitals
        if (
            _LOWER_FIRST.search(self.text, start, end) is None
            and len(_CAPS_WORDS.findall(self.text, start, end)) >= 3
            and _LOWER_FIRST.search(self.text, n_start, n_end) is not None
        ):
            # a headline in capitals as long as a wrapped line, then the story's first line
            # ("...5.25 PCT, SIGNALS CUTS LATER\n    SANTIAGO, Sept 5 - Chile's central bank")
            return "\n"
        word = _FIRST_WORD.match(self.text, n_start, n_end)
        first_len = word.end() - word.start() if word else 0
        line_cols = _columns(self.text[self._line_start(start) : end])
        # A hyphen right after a letter or digit: the wrap broke a word or a compound there.
        hyphen = end - start > 1 and self.text[end - 1] == "-" and self.text[end - 2].isalnum()
        # A line that stops inside a sentence and goes on in lower case ("said it\nexpects"):
        # wrapped by hand or edited after the wrap; no headline, list or table ends so.
        runs_on = (
            not hyphen
            and _RUNS_ON.match(self.text, end - 1) is not None
            and _LOWER_GOES_ON.match(self.text, n_start) is not None
        )
        if (
            line_cols + (0 if hyphen else 1) + first_len <= self.width
            and not runs_on
            and not (not hyphen and self._goes_on(start, end, n_start, n_end))
        ):
            return "\n"  # the next word would have fitted: the line ended on purpose
        if not hyphen:
            return " "
        return self._hyphen(start, end, n_start, n_end)

    def _inside(self, start: int, end: int, n_start: int, n_end: int) -> bool:
        """Whether a line break of a text of unknown width is inside a sentence: the line
        stops on a lower-case word or a comma and the next goes on in lower case, or, below
        the first line, `_goes_on` reads a name or a phrase running on."""
        if (
            self.text[end - 1] != "-"
            and _RUNS_ON.match(self.text, end - 1) is not None
            and _LOWER_GOES_ON.match(self.text, n_start) is not None
        ):
            return True
        if not self.text[:start].strip():
            return False  # a first line that ends on a name or "says": a headline, mostly
        return self._goes_on(start, end, n_start, n_end, wrapped=False)

    def _hyphen(self, start: int, end: int, n_start: int, n_end: int) -> str:
        """What a line-end hyphen before the next line's word becomes: nothing where the two
        parts make a word the dictionary knows, else the hyphen it is ("Prudential-Bache")."""
        word = _HYPHENATED.search(self.text, max(start, end - 60), end)  # "inter-", not "well-to-"
        second = _LETTERS.match(self.text, n_start, n_end)
        if word is None or second is None:
            return "-"
        return "" if self._joins(word.group(1), second.group()) else "-"

    def _goes_on(
        self, start: int, end: int, n_start: int, n_end: int, *, wrapped: bool = True
    ) -> bool:
        """Whether a line that stops short still runs on into the next, which opens with a
        capital: it ends on a word no sentence or headline ends on ("at the\nChicago"), or
        inside a name that the next line finishes: a given name before its surname ("James\n
        Baker"), a name before the rest of an organisation's ("the Chicago\nBoard of Trade",
        "Shearson Lehman\nBrothers Inc", "Chicago\nMercantile Exchange")."""
        if wrapped and _TICKER_START.match(self.text, n_start, n_end):
            return True  # "Litton Industries Inc\n<LIT> for": a company's ticker follows it
        if not self.text[n_start].isupper():
            return False
        last = _LAST_WORD.search(self.text, max(start, end - 40), end)
        if last is None:
            return False
        word = last.group()
        if word in _NEVER_LAST:
            return True
        if not word[0].isupper() or not word[1:].islower():
            return False  # "REUTER", a figure, a mark: no name runs on from it
        if _LOWER_WORD.search(self.text, start, last.start()) is None:
            return False  # a name and nothing else: a list's item ("Ford Motor Co\nChrysler")
        tables = _names()
        if word in tables.first_names and (wrapped or word not in _MONTH_NAMES):
            nxt = _FIRST_WORD.match(self.text, n_start, n_end)
            if nxt is None or not nxt.group()[1:].islower():
                return False
            # "James\nBaker said"; in a text of unknown width, only where a lower-case word
            # follows the surname ("beat Jane\nQuigley ( USA )" may be a table's two cells)
            return wrapped or _THEN_LOWER.match(self.text, nxt.end(), n_end) is not None
        if not wrapped:
            return False  # "Man of the Match : Aravinda de Silva\nNext Series match"
        # the next line's first capitalised words end in an organisation's last word
        prev_end = n_start - 1
        for k, m in enumerate(_CAP_WORD.finditer(self.text, n_start, min(n_end, n_start + 60))):
            if k == 3 or m.start() != prev_end + 1:
                break
            if m.group() in tables.org_suffixes:
                return True
            prev_end = m.end()
        return False

    def _line_start(self, content_start: int) -> int:
        return self.text.rfind("\n", 0, content_start) + 1

    def _joins(self, first: str, second: str) -> bool:
        """Whether `first`-`second` split one word at a line end (else the hyphen is real)."""
        joined = (first + second).lower()
        if self.words is None:
            self.words = frozenset(_LETTERS.findall(self.text.lower())) | _vocabulary()
        if joined in self.words:
            return True
        return second.rstrip(".,;:!?") in _SUFFIXES


#: A word of two or more capitals: a line of three and no lower-case letter is a headline.
_CAPS_WORDS = regexes.compile(r"\b[A-Z][A-Z'&-]+\b")
#: A line of a few words in capitals, nothing else: a heading ("JAKARTA POST", "LA PRESSE").
_CAPS_HEADING = regexes.compile(r"[A-Z][A-Z'&.-]*(?: [A-Z][A-Z'&.-]*){0,4}")


def _split_lines(
    lines: list[tuple[int, int, int, bool]], breaks: list[int]
) -> tuple[list[tuple[int, int, int, bool]], set[int]]:
    """`lines` cut at the spaces at `breaks` (sorted), and the indexes of the pieces a cut opens."""
    out: list[tuple[int, int, int, bool]] = []
    forced: set[int] = set()
    k = 0
    for start, end, indent, blank in lines:
        while k < len(breaks) and breaks[k] < start:
            k += 1
        while k < len(breaks) and breaks[k] < end:
            if breaks[k] > start:
                out.append((start, breaks[k], indent, blank))
                forced.add(len(out))
                start, blank = breaks[k] + 1, False
            k += 1
        out.append((start, end, indent, blank))
    return out, forced


# A fixture list run into one line: "Arsenal v Stoke Man Utd v Exeter Plymouth v Everton".
# (The "v" opens the pattern, the space before it looked behind for: the engine's search
# skips to each "v", where a pattern opening with a look-behind was tried at every character.)
_VERSUS = regexes.compile(r"v(?<= v)(?:s|\.)?(?= )")
#: Fixtures in a row it takes to read a line as a fixture list.
_MIN_FIXTURES = 2
# Words that end a team's name ("Man Utd", "Crystal Palace"), and words that open one and
# never stand alone ("West Ham", "Nottm Forest").
_TEAM_ENDS = frozenset(
    "Utd United City Town Rovers Athletic County Albion Wanderers Forest Villa Palace Dons Co "
    "Orient Argyle Stanley Vale Wednesday Rangers Celtic Hotspur Alexandra Borough Harriers "
    "Academical Thistle Hearts Hibernian FC AFC".split()
)
_TEAM_OPENS = frozenset(
    "West East North South Man Sheff Nottm Milton Crystal Aston Notts St".split()
)


def _fixture_breaks(text: str) -> list[int]:
    """Where a fixture list that lost its line breaks goes on to the next fixture: between
    "...v Stoke" and "Swindon v...", after the team that follows one "v" and before the team
    that precedes the next. A reader sees a list in two "A v B" in a row, with nothing but
    teams' names between them ("Seychelles v South Africa Mauritius v Madagascar", a group's
    two ties); each fixture gets its line back, as the list had it."""
    marks = [m.start() for m in _VERSUS.finditer(text)]
    if len(marks) < _MIN_FIXTURES:
        return []
    breaks: list[int] = []
    run: list[int] = []  # breaks of the current run of fixtures

    def close(last: int) -> None:
        """The run ends with the fixture at `last`: it ends with its second team."""
        if len(run) + 1 >= _MIN_FIXTURES:
            breaks.extend(run)
            after = text.index(" ", last) + 1
            line_end = text.find("\n", after, after + 200)
            words = list(
                itertools.takewhile(
                    _team_word, text[after : after + 200 if line_end < 0 else line_end].split(" ")
                )
            )
            n = _team_words(words) if words else 0
            if n < len(words):
                breaks.append(after + len(" ".join(words[:n])))
        run.clear()

    for a, b in itertools.pairwise(marks):
        gap_start = text.index(" ", a) + 1
        gap = text[gap_start : b - 1]
        words = gap.split(" ")
        if "\n" in gap or not 2 <= len(words) <= 8 or not all(map(_team_word, words)):
            close(a)
            continue
        n = _team_words(words)
        if n < len(words):
            run.append(gap_start + len(" ".join(words[:n])))
    close(marks[-1])
    return breaks


# A kick-off time in a match preview's heading: "26 February 1400 GMT", "Dublin 19:45 GMT".
_KICK_OFF = regexes.compile(r"(?<![\w.:])(?:[01]\d|2[0-3]):?[0-5]\d (?:GMT|BST) (?=[A-Z])")


def _kick_off_breaks(text: str) -> list[int]:
    """Where a match preview's heading (its fixture "A v B" for a headline) run into one line
    goes on after its kick-off time: after "1400 GMT" that follows a date or a place and comes
    before a capitalised word ("Saturday, 26 February 1400 GMT BBC1, Five Live", "2000 GMT The
    Tykes have..."), the time being a line of the heading. A time in a sentence follows a
    lower-case word ("by 1300 GMT Carnival's shares"), and keeps the words after it."""
    breaks = []
    for m in _KICK_OFF.finditer(text):
        before = m.start() - 1
        if before > 0 and text[before] == " ":
            word = text.rfind(" ", 0, before) + 1
            if not text[word].isupper() and not text[word].isdigit():
                continue
        breaks.append(m.end() - 1)
    return breaks


# A word in capitals, then one in Title Case, a dash that opens an item or a figure: where a
# heading in capitals may end (a space or a line break after it, as wrapped). The word in
# capitals follows a space or a line break, which opens the pattern (a literal, which the
# engine skips to faster than to a capital), and looks behind for another word in capitals
# before it (a heading has two; across a line break, one that ends in a letter: a wrap's).
_HEADING_ENDS = (
    regexes.compile(r" [A-Z](?<=[A-Z0-9.:!?')] [A-Z])[A-Z.)]*(\s+)(?:[A-Z][a-z]|[-–] |\d)"),
    regexes.compile(r"\n[A-Z](?<=[A-Z]\n[A-Z])[A-Z.)]*(\s+)(?:[A-Z][a-z]|[-–] |\d)"),
    regexes.compile(r"\n[A-Z](?<=[A-Z]\r\n[A-Z])[A-Z.)]*(\s+)(?:[A-Z][a-z]|[-–] |\d)"),
)
# A word of a heading in capitals: "ZELDA", "II", "(WORKING", "SOLID:", "S.T.A.L.K.E.R.".
_CAPS_WORD = regexes.compile(r"[(]?[A-Z0-9][A-Z0-9.'’&:!?/-]*[)]?")
#: The most words a heading in capitals has.
_HEADING_WORDS = 8
_SENTENCE_ENDS = frozenset('.!?"”:')
_INITIALS = regexes.compile(r"(?:[A-Za-z]\.)+")  # "U.S.": no sentence's end
_ENDED = regexes.compile(r"[.!?\"”:] ")  # a sentence's end inside a line


def _heading_breaks(text: str) -> list[int]:
    """Where a heading in capitals run into the text it heads ends (the first space or line
    break after it): "...on PS2. THE LEGEND OF ZELDA The charismatic cel imagery...", "HOW IT
    ALL STARTED The first Academy Awards...". A reader sees a heading in three or more words
    in capitals (two long ones: "SNAKE EATER") after a sentence's end or at a line's start,
    then a sentence opening in Title Case, or after a sentence's end a list item ("...we'll
    win." KEY MATCH STATS - BRENTFORD are...") or a figure ("HEAD TO HEAD 16th PREM"; at a
    line's start, those go on with the line: "ALPINE SKIING - SLALOM RESULTS", "KANSAS CITY
    61 74 .452"); the heading gets its line back. A word or two in capitals is a name that
    opens a sentence ("BT Group said", "ABN AMRO Chief Executive Rijkman Groenink said").
    A line break inside a paragraph may be a wrap's: the heading is read across it."""
    breaks = []
    for m in itertools.chain.from_iterable(p.finditer(text) for p in _HEADING_ENDS):
        after = m.start(1)  # the space or the line break after the heading
        opens_line = text[m.end(1)].isalpha()  # what a heading at a line's start needs
        if not opens_line and not _ENDED.search(text, text.rfind("\n", 0, after) + 1, after):
            continue  # a dash or a figure after no sentence's end: "LONDON 1996-08-30"
        words = 0  # the heading's words with letters
        short = 0  # words of three letters or fewer: "ABN AMRO" is a name, not a heading
        pos = after  # where the heading's word looked at ends
        opens = False  # whether the heading opens the text, a line or follows a sentence
        newline = False  # whether a line break stands before the word looked at last
        while words <= _HEADING_WORDS:
            start = pos
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            word = text[start:pos]
            if words and word[-1:] in _SENTENCE_ENDS and not _INITIALS.fullmatch(word):
                # "...on PS2. THE LEGEND OF ZELDA": a sentence ended before (on the line
                # before, the heading opens a line: "LYON .\nMONTE CARLO 1996-08-30")
                opens = opens_line if newline else True
                break
            if not _CAPS_WORD.fullmatch(word):
                opens = newline and opens_line  # a line of its own, after a line of prose
                break
            n = sum(c.isalpha() for c in word)
            words += n > 0
            short += 0 < n <= 3
            gap = start
            while gap > 0 and text[gap - 1].isspace():
                gap -= 1
            newline = text.find("\n", gap, start) >= 0
            if gap == 0 or text.count("\n", gap, start) > 1:
                # at the text's or a paragraph's start only Title Case: a dash or a figure
                # goes on with the line ("ALPINE SKIING - SLALOM RESULTS", "KANSAS CITY 61
                # 74 .452", "MONTE CARLO 1996-08-30")
                opens = opens_line
                break
            pos = gap
        if opens and (3 <= words <= _HEADING_WORDS or (words == 2 and not short)):
            breaks.append(after)
    return sorted(set(breaks))


# A dateline's date after its place in capitals: ", April 8 -", ", Pa., April 8 -" (a state's
# abbreviation between), from the comma after the place (a literal the engine skips to).
_DATELINE_DATE = regexes.compile(
    r",(?:[ \t]+[A-Z][A-Za-z.]{1,14},)?[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}[ \t]+-"
)
# A word of a wire headline in capitals, a ticker in angle brackets too: "<FS>", "1ST", "QTR".
_WIRE_CAPS_WORD = regexes.compile(r"[(<]?[A-Z0-9][A-Z0-9.'’&:!?/-]*[)>]?")
# A ticker in angle brackets opening a line, after its company's name: "<LIT> for about".
_TICKER_START = regexes.compile(r"<[A-Z][A-Z0-9.&-]{0,9}>")
#: Words that open a place's name of two or three ("NEW YORK", "ST. LOUIS"), and particles
#: inside one ("PUNTA DEL ESTE", "RIO DE JANEIRO"): the place takes them too.
_PLACE_OPENS = frozenset(
    "NEW SAN SANTA SANTO LOS LAS ST ST. FT. MT. FORT PORT EL LA LE RIO SAO HONG KUALA TEL ABU BUENOS "
    "SALT BATON GRAND PALM LONG CAPE HOT MEXICO PANAMA GUATEMALA DAR RAS".split()
)
_PLACE_PARTICLES = frozenset("DE DEL DI DA DO DOS DAS DU LA LE EL AL OF".split())
#: How far into a document its dateline is looked for (as the ingest's date does): a
#: story's headline and dateline open it.
_DATELINE_REACH = 1200
#: The most words of a wire headline walked back over (a long one wraps onto two lines).
_WIRE_HEAD_WORDS = 24


def _dateline_breaks(text: str) -> list[int]:
    """Where a wire headline in capitals run into its story's dateline ends: before the
    dateline's place, "FEDERATED STEEL SEES HIGHER PROFIT PITTSBURGH, Pa., April 8 - ...".
    A reader sees the place in capitals, a comma, a state's abbreviation perhaps and a date
    with a dash after it, and the headline in the two or more words in capitals before the
    place, where they open the text, a line or follow a sentence's end: the place is the
    last word (or the last two or three, "NEW YORK", "PUNTA DEL ESTE", a known place's)."""
    breaks = []
    for m in _DATELINE_DATE.finditer(text, 0, _DATELINE_REACH):
        end = m.start()
        if not text[end - 1 : end].isupper():
            continue
        words: list[tuple[int, int]] = []  # the words in capitals before the date, last first
        pos = end
        opens = False
        while len(words) < _WIRE_HEAD_WORDS:
            start = pos
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            word = text[start:pos]
            if not word:
                opens = True  # the text's start
                break
            if (
                words
                and word[-1] in _SENTENCE_ENDS
                and not _INITIALS.fullmatch(word)
                and word not in _PLACE_OPENS  # "ST. LOUIS"
            ):
                opens = True  # "...Reuter. FEDERATED STEEL ..."
                break
            if not _WIRE_CAPS_WORD.fullmatch(word):
                opens = len(words) > 0 and text.find("\n", pos, words[-1][0]) >= 0
                break
            words.append((start, pos))
            gap = start
            while gap > 0 and text[gap - 1].isspace():
                gap -= 1
            if gap == 0 or text.count("\n", gap, start) > 1:
                opens = True  # a paragraph's start
                break
            pos = gap
        if not opens:
            continue
        place = _place_words([text[s:e] for s, e in words[:4]])
        head = [w for w in words[place:] if any(c.isalpha() for c in text[w[0] : w[1]])]
        if len(head) >= 2:
            breaks.append(words[place][1])  # the space or the line break after the headline
    return breaks


def _place_words(last: list[str]) -> int:
    """How many of the words in capitals before a dateline's comma (`last`, the last four,
    the last first) its place takes: a known place's two or three words, a name opened by "NEW",
    "SAN" or with a particle inside, else one."""
    from explorer.nlp import gazetteer
    from explorer.nlp.names.tokens import title_case

    places = gazetteer.places()
    for n in (3, 2):
        if len(last) > n:
            words = [title_case(w) for w in reversed(last[:n])]
            if (
                " ".join(words) in places
                or " ".join(w.lower() if w.upper() in _PLACE_PARTICLES else w for w in words)
                in places
            ):
                return n
    n = 1
    if len(last) > 2 and last[1] in _PLACE_PARTICLES:
        n = 3  # "PUNTA DEL ESTE"
    elif len(last) > 1 and last[1] in _PLACE_OPENS:
        n = 2  # "NEW BRUNSWICK"
    return min(n, len(last) - 1)


#: The most words of an item of a labelled list ("Best actor: Tomas Varga (Night Ferry)").
_ITEM_WORDS = 10
_ITEM_ENDS = '.!?"“”;,'
# Words in lower case inside a name or a title: an item is names, figures and these only.
_NAME_LINKS = frozenset("of the and de del da di van von der la le du for in on at a an".split())


def _labelled_item_breaks(text: str) -> list[int]:
    """Where a labelled list run into one line goes on to its next item: "Best film: Salt
    Roads Best director: Pieter Hollander (Salt Roads) Best actor: ...", an award's winners,
    a team sheet ("Coach: ... Captain: ..."). A reader sees a list in two or more labels in a
    row, each a capitalised word and at most three in lower case before a colon, with a few
    names or figures between them (no clause, no comma, no "and" that joins two titles:
    "Halloween: Resurrection and Halloween: The Curse"); each item gets its line back (a space before
    its label becomes a line break). "He said: ..." twice in prose has a sentence between."""
    labels: list[tuple[int, int]] = []  # (label start, after the colon's space) in the line
    pos = text.find(": ")
    while pos >= 0:
        start = _label_start(text, pos)
        if start is not None:
            labels.append((start, pos + 2))
        pos = text.find(": ", pos + 2)
    breaks: list[int] = []
    for (_, a_after), (b_start, _) in itertools.pairwise(labels):
        item = text[a_after:b_start]
        words = item.split()
        if (
            b_start > a_after
            and "\n" not in item
            and len(words) <= _ITEM_WORDS
            and not any(c in _ITEM_ENDS for c in item)
            and all(
                w[0].isupper() or w[0].isdigit() or w[0] == "(" or w in _NAME_LINKS for w in words
            )
            and words[-1] not in _NAME_LINKS  # "Halloween: Resurrection and Halloween: The..."
        ):
            breaks.append(b_start - 1)  # the space before the next label
    return [b for b in breaks if text[b] == " "]


def _label_start(text: str, colon: int) -> int | None:
    """Where the label before the colon at `colon` starts: a capitalised word, then at most
    three in lower case ("Best actor", "Coach"), after a space; None if none."""
    end = colon
    for _ in range(4):
        space = text.rfind(" ", max(0, end - 30), end)
        if space < 0:
            return None
        word = text[space + 1 : end]
        if not word.isalpha():
            return None
        if word[0].isupper():
            return space + 1 if word[1:].islower() or len(word) == 1 else None
        if not word.islower():
            return None
        end = space
    return None


def _team_word(word: str) -> bool:
    """A word of a team's name in a fixture list: "Swindon/Notts", "Co", "or"; a mark after
    it ("Selby;") makes the list a sentence of its own."""
    return (word[:1].isupper() and word[-1].isalnum()) or word in ("or", "&", "and", "/")


def _team_words(words: list[str]) -> int:
    """How many of `words` (a run of names after a "v") the team named first takes."""
    i = 1
    while True:
        if words[i - 1] in _TEAM_OPENS and i < len(words):
            i += 1
        while i < len(words) and words[i] in _TEAM_ENDS:
            i += 1
        if i + 1 < len(words) and words[i] == "or":
            i += 2  # "Leicester or Blackpool": a tie still to be played
            continue
        return i


def _content_lines(text: str) -> list[tuple[int, int, int, bool]]:
    """(start, end, indent, blank line before) of each line with content, CR and all."""
    out: list[tuple[int, int, int, bool]] = []
    pos = 0
    blank = False
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        s, e = pos, nl
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e, _columns(text[pos:s]), blank and bool(out)))
            blank = False
        elif out:
            blank = True
        pos = nl + 1
    return out


# A line's last word, and the capitalised words (or "of") that open the next line.
_LAST_WORD = regexes.compile(r"[A-Za-z]+$")
_THEN_LOWER = regexes.compile(r",? [a-z]")
#: Months that are given names too: "July June\nNet foreign currency" is a table's heading.
_MONTH_NAMES = frozenset("April May June July August".split())
_CAP_WORD = regexes.compile(r"(?:[A-Z][A-Za-z]*\.?|of)(?![A-Za-z])")
#: A lower-case word: a line with one before its last word is prose, not a name alone.
_LOWER_WORD = regexes.compile(r"(?<![A-Za-z])[a-z]")
#: Lower-case words no sentence or headline ends on: a line that stops on one runs on.
_NEVER_LAST = frozenset(
    "the a an of and or but nor to for from with by at in on into onto upon than via per "
    "said says told".split()
)


class _NameLists:
    """The lists `_goes_on` reads (from the gazetteer, loaded on first use)."""

    def __init__(self) -> None:
        from explorer.nlp import gazetteer

        self.first_names = gazetteer.first_names()
        self.org_suffixes = gazetteer.org_suffixes()


@lru_cache(maxsize=1)
def _names() -> _NameLists:
    return _NameLists()


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """Words the package ships (its hand-written word lists): the dictionary for hyphens."""
    from pathlib import Path

    words: set[str] = set()
    folder = Path(__file__).with_name("data")
    for path in sorted(folder.glob("*.t[xs][tv]")):
        words.update(_LETTERS.findall(path.read_text("utf-8").lower()))
    return frozenset(w for w in words if len(w) > 3)
