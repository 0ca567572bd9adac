"""Issue 9's sports pages: entity F1 on hand-marked sports, table and market pages, as the
CoNLL form and as wire copy.

`benchmarks/data/sports_pages.txt` holds 18 documents written for this benchmark in Reuters
style (results, standings, scorers' lists, cricket scorecards, tennis, golf, athletics,
motor racing, cycling, baseball, ice hockey, basketball, skiing, rugby, horse racing,
headlines in capitals, press-style market tables), each mention marked by hand. Each is read
in three forms: the CoNLL form (tokens joined by single spaces, one sentence a line), wire copy
(the dateline run into the first paragraph, "LONDON, Sept 14 - ...", paragraphs wrapped at 65
with a four-space indent on their first line, tables line by line), and wire copy with one
line a paragraph. Scored as CoNLL scores: a mention counts only if its span and its type are
both right; a wrong type, a missed and a spurious mention are counted apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import figure, heading

PAGES = Path(__file__).resolve().parent / "data" / "sports_pages.txt"

_MARK = re.compile(r"\[([^\[\]|]+)\|(\w+|\?)\]")
_TYPES = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
_MONTHS = "Jan Feb March April May June July Aug Sept Oct Nov Dec".split()
_NO_SPACE_BEFORE = {",", ".", ":", ";", ")", "?", "!", "'s", "n't", "'"}

#: One line of a document: its kind, its tokens, its marks (first token, end token, type).
Line = tuple[str, list[str], list[tuple[int, int, str]]]
Span = tuple[int, int, str]


def read_pages(path: Path = PAGES) -> list[tuple[str, list[Line]]]:
    docs: list[tuple[str, list[Line]]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("# "):
            continue
        if raw.startswith("### "):
            docs.append((raw[4:], []))
            continue
        kind, body = raw[0], raw[2:]
        toks: list[str] = []
        marks: list[tuple[int, int, str]] = []
        pos = 0
        for m in _MARK.finditer(body):
            toks += body[pos : m.start()].split()
            words = m.group(1).split()
            marks.append((len(toks), len(toks) + len(words), m.group(2)))
            toks += words
            pos = m.end()
        toks += body[pos:].split()
        docs[-1][1].append((kind, toks, marks))
    return docs


def _spaced(toks: list[str]) -> tuple[str, list[tuple[int, int]]]:
    offsets, pos = [], 0
    for t in toks:
        offsets.append((pos, pos + len(t)))
        pos += len(t) + 1
    return " ".join(toks), offsets


def _detok(toks: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The tokens as a writer writes them: no space before a comma or a closing bracket,
    none after an opening one, quotes against their words."""
    out: list[str] = []
    offsets = []
    pos = 0
    quote_open = False
    prev = None
    for t in toks:
        space = prev is not None and t not in _NO_SPACE_BEFORE and prev != "("
        if t == '"':
            space = space and not quote_open
            quote_open = not quote_open
        elif prev == '"' and quote_open:
            space = False
        if space:
            out.append(" ")
            pos += 1
        offsets.append((pos, pos + len(t)))
        out.append(t)
        pos += len(t)
        prev = t
    return "".join(out), offsets


def _wrap(text: str, width: int = 65, indent: str = "    ") -> tuple[str, Callable[[int], int]]:
    """The paragraph wrapped at `width`, its first line indented; and the map of offsets."""
    lines: list[str] = []
    current = indent
    for k, word in enumerate(text.split(" ")):
        if k and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = current + (" " if k else "") + word
    lines.append(current)
    return "\n".join(lines), lambda offset: offset + len(indent)  # a break takes a space's place


def build(lines: list[Line], form: str) -> tuple[str, set[Span]]:
    """The document's text in `form` ("conll", "wire", "oneline") and its marked spans."""
    groups: list[tuple[str, list[tuple[list[str], list[tuple[int, int, str]]]]]] = []
    for kind, toks, marks in lines:
        if kind == "+" and groups and groups[-1][0] == "P":
            groups[-1][1].append((toks, marks))
        else:
            groups.append((kind, [(toks, marks)]))
    parts: list[str] = []
    gold: set[Span] = set()
    pos = 0
    dateline: tuple[list[str], list[tuple[int, int, str]]] | None = None
    for kind, items in groups:
        if form == "conll":
            for toks, marks in items:
                text, offsets = _spaced(toks)
                gold |= {(pos + offsets[a][0], pos + offsets[b - 1][1], t) for a, b, t in marks}
                parts.append(text)
                pos += len(text) + 1
            continue
        if kind == "D":
            dateline = items[0]
            continue
        toks, marks = [], []
        if dateline is not None:
            d_toks, d_marks = dateline
            if kind == "P":  # "LONDON, Sept 14 - Results of ..."
                _y, month, day = d_toks[-1].split("-")
                toks = [*d_toks[:-1], ",", _MONTHS[int(month) - 1], str(int(day)), "-"]
                marks = list(d_marks)
            else:
                text, offsets = _detok(d_toks)
                gold |= {(pos + offsets[a][0], pos + offsets[b - 1][1], t) for a, b, t in d_marks}
                parts.append(text)
                pos += len(text) + 1
            dateline = None
        for i_toks, i_marks in items:
            base = len(toks)
            marks += [(a + base, b + base, t) for a, b, t in i_marks]
            toks += i_toks
        text, offsets = _detok(toks)
        shift: Callable[[int], int] = lambda offset: offset  # noqa: E731
        if kind == "P" and form == "wire":
            text, shift = _wrap(text)
        gold |= {
            (pos + shift(offsets[a][0]), pos + shift(offsets[b - 1][1]), t) for a, b, t in marks
        }
        parts.append(text)
        pos += len(text) + 1
    return "\n".join(parts) + "\n", gold


def score(forms: tuple[str, ...] = ("conll", "wire", "oneline")) -> dict[str, Counter]:
    from explorer.nlp import extract

    totals = {form: Counter() for form in forms}
    for _name, lines in read_pages():
        for form in forms:
            text, gold = build(lines, form)
            unscored = {(s, e) for s, e, t in gold if t == "?"}
            right = {g for g in gold if g[2] != "?"}
            spans = {(s, e): t for s, e, t in right}
            pred = {
                (m.start, m.end, _TYPES[m.label])
                for m in extract(text).mentions
                if m.label in _TYPES and (m.start, m.end) not in unscored
            }
            c = totals[form]
            c["gold"] += len(right)
            c["pred"] += len(pred)
            c["right"] += len(right & pred)
            pred_spans = {(s, e) for s, e, _t in pred}
            c["wrong type"] += sum(1 for s, e, t in right - pred if (s, e) in pred_spans)
            c["missed"] += sum(1 for s, e, _t in right if (s, e) not in pred_spans)
            c["spurious"] += sum(1 for s, e, _t in pred if (s, e) not in spans)
    return totals


def main() -> None:
    heading("sports (issue 9): hand-marked sports, table and market pages, CoNLL and wire forms")
    for form, c in score().items():
        precision = c["right"] / c["pred"] if c["pred"] else 0.0
        recall = c["right"] / c["gold"] if c["gold"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        figure(
            f"{form}: F1 (P / R)",
            f"{f1:.2%} ({precision:.1%} / {recall:.1%})",
            f"gold {c['gold']}: wrong type {c['wrong type']}, missed {c['missed']}, "
            f"spurious {c['spurious']}",
        )


if __name__ == "__main__":
    main()
