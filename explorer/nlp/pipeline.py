"""The extraction pipeline: small named steps over one shared `Doc`, spaCy-style.

sentences → names (explorer.nlp.names) + values → merge → entities → facts. Each step reads
and writes fields of the `Doc`; `extract()` runs them in order and freezes the result into a
`model.Extraction`. A step is a plain function, so a test can run any prefix of the pipeline.

The steps read the analysis view of the text (explorer.nlp.layout: soft line breaks,
indentation, CRLF and runs of spaces taken out), never the original; `run()` builds the view
first and maps every offset back to the original at the end, here and nowhere else.

Cost grows linearly with the text (about a microsecond a character, a few tens of MB for a
MB), but a text longer than `MAX_CHARS` is refused with `TextTooLong` before any work: a 49 MB
one-line dump would otherwise take a minute and gigabytes. The command line and the ingest
report it as that document's error, naming the file, and go on with the others.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import MISSING, fields, replace

from explorer.nlp import regexes

from ..model import NAME_LABELS, Entity, Extraction, Fact, Mention

# typing is for the type checker: importing it at run time costs each start ~16 M instructions
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .layout import View

__all__ = [
    "MAX_CHARS",
    "PIPELINE",
    "Doc",
    "TextTooLong",
    "extract",
    "merge_mentions",
    "new_mention",
    "run",
]

#: The longest text `extract()` parses (characters): about five seconds and 200 MB at most.
MAX_CHARS = 5_000_000


def _mention_maker() -> Callable[..., Mention]:
    """`Mention(start, end, text, label, entity, sentence=-1, norm=None)` made by setting its
    slots directly. The frozen dataclass's __init__ sets each field through
    object.__setattr__ (1.1 µs a mention against 0.6), and the recognizer and the value pass
    make one for every name and value of a text. Every field is set: the others to their
    defaults."""
    specs = fields(Mention)
    names = [spec.name for spec in specs]
    assert names[:7] == ["start", "end", "text", "label", "entity", "sentence", "norm"], names
    a, b, c, d, e, f, g = (getattr(Mention, name).__set__ for name in names[:7])
    rest = [(getattr(Mention, spec.name).__set__, spec.default) for spec in specs[7:]]
    assert all(default is not MISSING for _, default in rest), "a field without a default"
    new = object.__new__

    def make(start, end, text, label, entity, sentence=-1, norm=None) -> Mention:
        m = new(Mention)
        a(m, start), b(m, end), c(m, text), d(m, label), e(m, entity), f(m, sentence), g(m, norm)
        for setter, default in rest:
            setter(m, default)
        return m

    return make


#: A `Mention` as `Mention(...)` makes it, made faster (see `_mention_maker`).
new_mention = _mention_maker()


class TextTooLong(ValueError):
    """A text over `MAX_CHARS`: refused before any work, so its cost stays bounded."""

    def __init__(self, length: int) -> None:
        super().__init__(
            f"too long to extract: {length:,} characters, over the limit of {MAX_CHARS:,}; "
            "split it into smaller documents"
        )


class Doc:
    """What the steps share while one text is parsed. (A plain class: as a dataclass, its
    generated methods were compiled at every start, ~4 M instructions.)"""

    def __init__(
        self,
        text: str,
        meta: Mapping[str, Any] | None = None,
        sentences: list[tuple[int, int]] | None = None,
        names: list[Mention] | None = None,
        values: list[Mention] | None = None,
        mentions: list[Mention] | None = None,
        entities: list[Entity] | None = None,
        facts: list[Fact] | None = None,
    ) -> None:
        self.text = text
        self.meta: Mapping[str, Any] = {} if meta is None else meta
        self.sentences: list[tuple[int, int]] = [] if sentences is None else sentences
        self.names: list[Mention] = [] if names is None else names
        self.values: list[Mention] = [] if values is None else values
        self.mentions: list[Mention] = [] if mentions is None else mentions
        self.entities: list[Entity] = [] if entities is None else entities
        self.facts: list[Fact] = [] if facts is None else facts

    def __repr__(self) -> str:
        return f"Doc(text={self.text!r}, meta={self.meta!r}, {len(self.mentions)} mentions)"


def sentences_step(doc: Doc) -> None:
    from .sentences import sentence_spans

    doc.sentences = sentence_spans(doc.text)


def names_step(doc: Doc) -> None:
    from .names import find_names

    doc.names = list(find_names(doc.text, doc.sentences))


def values_step(doc: Doc) -> None:
    from .values import find_values

    doc.values = find_values(doc.text, doc.sentences, doc.meta)


def merge_step(doc: Doc) -> None:
    doc.mentions = merge_mentions(doc.names, doc.values, doc.sentences)


def entities_step(doc: Doc) -> None:
    from .names import build_entities

    names = [m for m in doc.mentions if m.label in NAME_LABELS]
    date = doc.meta.get("date")
    doc.entities = list(build_entities(names, doc.text, str(date) if date else None))


def facts_step(doc: Doc) -> None:
    from .facts import find_facts

    doc.facts = find_facts(doc.text, doc.sentences, doc.mentions, doc.meta)


Step = Callable[[Doc], None]

#: The steps of `extract()`, in order, by name.
PIPELINE: tuple[tuple[str, Step], ...] = (
    ("sentences", sentences_step),
    ("names", names_step),
    ("values", values_step),
    ("merge", merge_step),
    ("entities", entities_step),
    ("facts", facts_step),
)


def run(
    text: str, meta: Mapping | None = None, steps: Sequence[tuple[str, Step]] = PIPELINE
) -> Doc:
    """Run `steps` over the analysis view of `text` and return the shared `Doc`, its offsets
    mapped back into `text` (for tests and tools)."""
    from .layout import analysis_view

    if len(text) > MAX_CHARS:
        raise TextTooLong(len(text))
    view = analysis_view(text)
    doc = Doc(view.text, meta or {})
    for _name, step in steps:
        step(doc)
    return doc if view.identity else _to_original(doc, view)


_BROKEN_AT_HYPHEN = regexes.compile(r"-[ \t]*\r?\n[ \t]*")


def _to_original(doc: Doc, view: View) -> Doc:
    """`doc` with every offset moved from the view into the original text."""
    from .layout import hyphen_break

    span = view.span
    original = view.original
    joined = hyphen_break(original)  # asked once: most texts break no word at a hyphen

    def mention(m: Mention) -> Mention:
        start, end = span(m.start, m.end)
        if joined and original.count("-", start, end) != m.text.count("-"):
            # a word the view joined at a line-end hyphen ("co-\nordinator"): the text is the
            # original's, its line break taken out, so that it reads what the offsets point at
            text = _BROKEN_AT_HYPHEN.sub("-", original[start:end])
            return replace(m, start=start, end=end, text=" ".join(text.split()))
        return replace(m, start=start, end=end)

    def fact(f: Fact) -> Fact:
        start, end = span(f.start, f.end)
        return replace(f, start=start, end=end)

    if view.same_offsets:  # "Headline\nFirst sentence" for "Headline First sentence"
        doc.text = view.original
        return doc
    out = Doc(view.original, doc.meta)
    out.sentences = [span(s, e) for s, e in doc.sentences]
    out.names = [mention(m) for m in doc.names]
    out.values = [mention(m) for m in doc.values]
    out.mentions = [mention(m) for m in doc.mentions]
    out.entities = doc.entities
    out.facts = [fact(f) for f in doc.facts]
    return out


def extract(text: str, meta: Mapping | None = None) -> Extraction:
    """Sentences, mentions, entities and facts of `text`; meta["date"] anchors relative dates."""
    doc = run(text, meta)
    return Extraction(
        sentences=tuple(doc.sentences),
        mentions=tuple(doc.mentions),
        entities=tuple(doc.entities),
        facts=tuple(doc.facts),
    )


def _numeric(value: Mention) -> bool:
    return value.label in ("MONEY", "PERCENT", "QUANTITY") or any(c.isdigit() for c in value.text)


def merge_mentions(
    names: Sequence[Mention], values: Sequence[Mention], sentences: Sequence[tuple[int, int]] = ()
) -> list[Mention]:
    """Names and values in text order, without overlaps.

    A name beats a value it overlaps ("May" in "Theresa May", "747" in "Boeing 747"), unless
    the value is clearly numeric and not inside the name ("$500 million" against a name that
    runs into it), in which case the value stays and the name goes.
    """
    names = sorted(names, key=lambda m: (m.start, -m.end))
    values = sorted(values, key=lambda m: (m.start, -m.end))
    dropped_names: set[int] = set()
    kept_values: list[Mention] = []
    j = 0
    for value in values:
        while j < len(names) and names[j].end <= value.start:
            j += 1
        keep = True
        k = j
        while k < len(names) and names[k].start < value.end:
            name = names[k]
            if name.end > value.start:
                inside = name.start <= value.start and value.end <= name.end
                if inside or not _numeric(value):
                    keep = False
                else:
                    dropped_names.add(k)
            k += 1
        if keep:
            kept_values.append(value)
    merged = [m for i, m in enumerate(names) if i not in dropped_names]
    merged.extend(kept_values)
    merged.sort(key=lambda m: (m.start, m.end))
    out: list[Mention] = []
    last_end = -1
    for m in merged:
        if m.start < last_end:  # two names overlapping: the recognizer's own conflict
            continue
        out.append(m)
        last_end = m.end
    if sentences and any(m.sentence < 0 for m in out):
        out = _with_sentences(out, sentences)
    return _events_with_years(out)


_YEAR = regexes.compile(r"(?:19|20)?\d\d$")


def _events_with_years(mentions: list[Mention]) -> list[Mention]:
    """A year is part of the event it names: "the 1998 World Cup", "Euro 96"."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        m = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if (
            nxt is not None
            and m.label == "DATE"
            and len(m.text) == 4
            and m.text.isdigit()
            and nxt.label == "EVENT"
            and nxt.start == m.end + 1
            and nxt.sentence == m.sentence
        ):  # "1998 World Cup"
            name = f"{m.text} {nxt.text}"
            out.append(
                Mention(m.start, nxt.end, name, "EVENT", f"{m.text} {nxt.entity}", m.sentence)
            )
            i += 2
            continue
        if (
            nxt is not None
            and m.text == "Euro"
            and nxt.label in ("CARDINAL", "DATE")
            and nxt.start == m.end + 1
            and _YEAR.match(nxt.text)
        ):  # "Euro 96", "Euro 2004": the football championship
            name = f"Euro {nxt.text}"
            out.append(Mention(m.start, nxt.end, name, "EVENT", name, m.sentence))
            i += 2
            continue
        out.append(m)
        i += 1
    return out


def _with_sentences(mentions: list[Mention], sentences: Sequence[tuple[int, int]]) -> list[Mention]:
    out = []
    s = 0
    for m in mentions:
        while s < len(sentences) - 1 and sentences[s][1] <= m.start:
            s += 1
        out.append(m if m.sentence >= 0 else replace(m, sentence=s))
    return out
