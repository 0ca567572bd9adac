"""The layouts a story is read in by the tests of its forms: one line per paragraph with blank
lines between, hard-wrapped at 65 columns with a four-space indent, and that with CRLF. And
what those tests read of a story: its titles, who said what, its names by label.

Each reader takes the text (and extracts it) or an extraction already made, for a test that
reads several things of one story."""

from __future__ import annotations

import textwrap

import pytest

from explorer.model import Extraction
from explorer.nlp import extract

IDS = ["one-line", "wrapped", "crlf"]


def layouts(paragraphs: list[str]) -> list[str]:
    one_line = "\n\n".join(paragraphs) + "\n"
    wrapped = "\n".join(textwrap.fill(p, 65, initial_indent="    ") for p in paragraphs) + "\n"
    return [one_line, wrapped, wrapped.replace("\n", "\r\n")]


def in_layouts(paragraphs: list[str]) -> pytest.MarkDecorator:
    """The test once for each layout of the story, given as its argument `text`."""
    return pytest.mark.parametrize("text", layouts(paragraphs), ids=IDS)


def _read(story: str | Extraction) -> Extraction:
    return extract(story) if isinstance(story, str) else story


def titles(story: str | Extraction) -> set[tuple[str, str, str | None]]:
    """(holder, title, whose) of each title fact: ("John Reed", "Chairman", "Citicorp")."""
    return {
        (f.subject, f.object, f.qualifiers.get("of"))
        for f in _read(story).facts
        if f.predicate == "title"
    }


def held(story: str | Extraction) -> set[tuple[str, str]]:
    """(holder, title) of each title fact, whoever's the title is."""
    return {(f.subject, f.object) for f in _read(story).facts if f.predicate == "title"}


def said(story: str | Extraction, word: int = 0) -> set[tuple[str, str]]:
    """(speaker, the `word`-th word of what was said) of each said fact that has one: ("Tim
    Collins", "Employers")."""
    return {
        (f.subject, words[word])
        for f in _read(story).facts
        if f.predicate == "said" and len(words := f.object.split()) > word
    }


def speakers(story: str | Extraction) -> set[str]:
    """Who says something in the story."""
    return {f.subject for f in _read(story).facts if f.predicate == "said"}


def affiliations(story: str | Extraction) -> set[tuple[str, str]]:
    """(person, organisation) of each affiliated_with fact."""
    return {(f.subject, f.object) for f in _read(story).facts if f.predicate == "affiliated_with"}


def labels(story: str | Extraction) -> dict[str, str]:
    """Each name as written (its line breaks and indents one space) -> its label (the last
    one, where a name is written twice)."""
    return {" ".join(m.text.split()): m.label for m in _read(story).mentions}


def label_sets(story: str | Extraction) -> dict[str, set[str]]:
    """Each name as written (its line breaks and indents one space) -> every label it has."""
    out: dict[str, set[str]] = {}
    for m in _read(story).mentions:
        out.setdefault(" ".join(m.text.split()), set()).add(m.label)
    return out


#: The labels of values (amounts, dates), not names.
VALUES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})


def names(story: str | Extraction) -> list[tuple[str, str, str]]:
    """(name as written on one line, label, entity) of every mention that is no value, in
    text order."""
    return [
        (" ".join(m.text.split()), m.label, m.entity)
        for m in _read(story).mentions
        if m.label not in VALUES
    ]
