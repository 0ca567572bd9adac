"""Turning untrusted document text into styled `rich.text.Text`, never through markup.

Every string that came from a document (titles, sentences, entity names) goes through
`plain()` before it is shown: control characters become visible Control Pictures one for one,
so offsets still line up, and no escape sequence can reach the terminal even if ingest missed
one. Styles are added with `Text.stylize(style, start, end)` over those offsets.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

# C0 controls, DEL and C1 controls map to a visible stand-in of the same length (one code
# point), so every offset computed on the original text is still right on the shown text.
_CONTROLS = {c: 0x2400 + c for c in range(0x20)}
_CONTROLS[0x7F] = 0x2421  # ␡
_CONTROLS.update({c: 0xFFFD for c in range(0x80, 0xA0)})
# The bidi embeddings, overrides and isolates would reorder a line (a file name in a progress
# line, say): U+FFFD as explorer.export writes them.
_CONTROLS.update({c: 0xFFFD for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_ONE_LINE = dict(_CONTROLS)
_ONE_LINE[0x0A] = 0x20  # a newline inside a row is a space
_ONE_LINE[0x09] = 0x20
_ONE_LINE[0x0D] = 0x20
_MULTI_LINE = dict(_CONTROLS)
del _MULTI_LINE[0x0A]
_MULTI_LINE[0x09] = 0x20  # a tab would be expanded by the terminal: its cell width is unknown


def plain(text: str | None, *, multiline: bool = False) -> str:
    """The text with every control character replaced one for one by something visible."""
    if not text:
        return ""
    return text.translate(_MULTI_LINE if multiline else _ONE_LINE)


def highlighted(
    text: str,
    ranges: Iterable[tuple[int, int]],
    style: Style | str,
    *,
    base: Style | str = "",
) -> Text:
    """`text` as one line, literally, with each [start, end) range in `ranges` styled."""
    out = Text(plain(text), style=base, no_wrap=True, end="")
    n = len(text)
    for start, end in ranges:
        start, end = max(0, start), min(n, end)
        if start < end:
            out.stylize(style, start, end)
    return out


def window(text: Text, focus: int, width: int, *, lead: float = 0.3) -> Text:
    """A `width`-cell slice of a one-line `text` that keeps offset `focus` in view.

    Used for keyword-in-context rows: the match sits about a third of the way in, with an
    ellipsis where text was cut off on either side.
    """
    if width <= 0:
        return Text("", end="")
    if cell_len(text.plain) <= width:
        return text
    start = 0
    if focus > 0:
        # Walk back from the focus until about `lead` of the width is used.
        budget = int(width * lead)
        start = focus
        used = 0
        plain_text = text.plain
        while start > 0 and used < budget:
            used += cell_len(plain_text[start - 1])
            start -= 1
    piece = text[start:] if start else text.copy()
    if start:
        piece = Text("…", end="") + piece[1:] if len(piece) > 1 else Text("…", end="")
    piece.truncate(width, overflow="ellipsis")
    return piece


def fit(text: Text | str, width: int, align: str = "left") -> Text:
    """`text` cut with an ellipsis or padded to exactly `width` cells."""
    text = Text(plain(text), no_wrap=True, end="") if isinstance(text, str) else text.copy()
    text.no_wrap = True
    text.end = ""
    if width <= 0:
        return Text("", end="")
    text.truncate(width, overflow="ellipsis")
    pad = width - text.cell_len
    if pad > 0:
        if align == "right":
            text = Text(" " * pad, end="") + text
        else:
            text.append(" " * pad)
    return text


def wrap_ranges(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of `text` to `width` cells: the [start, end) of every display line.

    Lines break at whitespace, a word longer than the width is cut, and each newline ends a
    line (it belongs to no line). Offsets are into `text`, so styles keep their place.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        para_end = n if nl < 0 else nl
        _wrap_paragraph(text, pos, para_end, width, lines)
        if nl < 0:
            break
        pos = nl + 1
    return lines


def _wrap_paragraph(
    text: str, start: int, end: int, width: int, lines: list[tuple[int, int]]
) -> None:
    if start >= end:
        lines.append((start, start))
        return
    line_start = start
    used = 0
    last_break = -1  # offset just after the last whitespace on this line
    i = start
    while i < end:
        ch = text[i]
        w = cell_len(ch)
        if used + w > width and i > line_start:
            if ch == " ":
                # The overflowing character is a space: break here and swallow it.
                lines.append((line_start, i))
                i += 1
                line_start, used, last_break = i, 0, -1
                continue
            if last_break > line_start:
                lines.append((line_start, last_break))
                line_start = last_break
            else:
                lines.append((line_start, i))
                line_start = i
            used = cell_len(text[line_start:i])
            last_break = -1
        if ch == " ":
            last_break = i + 1
        used += w
        i += 1
    lines.append((line_start, end))


def pluralise(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (plural or word + 's')}"


def pack(pieces: Iterable[Text], width: int, separator: str = "  ") -> list[Text]:
    """`pieces` laid out in lines of at most `width` cells, never splitting a piece (one
    wider than `width` gets a line of its own, to be cut by whoever shows it)."""
    lines: list[Text] = []
    line: Text | None = None
    for piece in pieces:
        if line is not None and line.cell_len + len(separator) + piece.cell_len <= width:
            line.append(separator)
            line.append_text(piece)
            continue
        line = Text(end="")
        line.append_text(piece)
        lines.append(line)
    return lines
