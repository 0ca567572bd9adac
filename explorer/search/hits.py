"""Hits: the best page of ranked records turned into `Hit`s, each with the character ranges
its query terms matched (highlights), and the groups a grouped search answers with.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np

from explorer.model import Hit
from explorer.search.analysis import WORD_RE, fold
from explorer.search.arrays import KIND_ENTITY, KIND_FACT, IndexArrays, IndexTables
from explorer.search.expansion import PREFIX
from explorer.search.matching import Gathered, Matcher, Plan
from explorer.search.query import period
from explorer.search.ranking import RankKey


@dataclass(frozen=True, slots=True)
class Group:
    """One kind of hit for a query: the page asked for, and how many there are in all.

    `total` counts every hit of the kind when `exact`; otherwise it is a lower bound (the
    search stopped counting where a keystroke must stop: "4,000+")."""

    kind: str  # "entity", "fact" or "sentence"
    hits: list[Hit]
    total: int
    offset: int = 0
    exact: bool = True

    @property
    def name(self) -> str:
        """The group's name as a user reads it: "entities", "facts", "sentences"."""
        return GROUP_NAMES[self.kind]

    @property
    def more(self) -> bool:
        """Whether there are hits beyond this page."""
        return not self.exact or self.offset + len(self.hits) < self.total


#: Group kinds in the order they are shown, with their plural names.
GROUP_NAMES = {"entity": "entities", "fact": "facts", "sentence": "sentences"}


class HitMaker:
    """Turns ranked records into `Hit`s. Reads sentence text from the saved file when the
    index was loaded (`os.pread`: the text blob is never mapped), else from memory."""

    def __init__(self, arrays: IndexArrays, tables: IndexTables, matcher: Matcher) -> None:
        self.a = arrays
        self.tables = tables
        self.matcher = matcher
        self.text_file: BinaryIO | None = None
        self.text_base = 0

    def text(self, rec: int) -> str:
        """The text of record `rec`."""
        lo, hi = int(self.a.text_off[rec]), int(self.a.text_off[rec + 1])
        if self.text_file is not None:
            data = os.pread(self.text_file.fileno(), hi - lo, self.text_base + lo)
        else:
            data = bytes(self.a.text_blob[lo:hi])
        return data.decode("utf-8", "replace")

    def top(self, recs: np.ndarray, keys: np.ndarray, limit: int) -> list[tuple[int, int]]:
        """(record, key) of the best `limit` hits in rank order, an entity's name and aliases
        folded into one."""
        if not len(recs):
            return []
        want = min(len(keys), limit * 2 + 16)
        if len(keys) > want:
            top = np.argpartition(keys, want - 1)[:want]
            order = top[np.argsort(keys[top], kind="stable")]
        else:
            order = np.argsort(keys, kind="stable")
        out: list[tuple[int, int]] = []
        seen_entities: set[int] = set()
        kinds, refs = self.a.kind, self.a.ref
        for i in order.tolist():
            rec = int(recs[i])
            if int(kinds[rec]) == KIND_ENTITY:
                ref = int(refs[rec])
                if ref in seen_entities:  # its name and an alias both matched: one hit
                    continue
                seen_entities.add(ref)
            out.append((rec, int(keys[i])))
            if len(out) >= limit:
                break
        return out

    def materialise(
        self, plan: Plan, recs: np.ndarray, keys: np.ndarray, limit: int, offset: int = 0
    ) -> list[Hit]:
        """The hits ranked `offset` to `offset + limit`."""
        return [self.hit(plan, rec, key) for rec, key in self.top(recs, keys, offset + limit)][
            offset:
        ]

    def hit(self, plan: Plan, rec: int, key: int) -> Hit:
        """Record `rec` as a `Hit`, scored from its rank key and highlighted."""
        a, tables = self.a, self.tables
        kind, ref = int(a.kind[rec]), int(a.ref[rec])
        text = self.text(rec)
        doc_index = int(a.doc[rec])
        doc, title = tables.docs[doc_index] if doc_index >= 0 else ("", "")
        score = RankKey.unpack(key).score
        highlights = self.highlights(plan, rec, text)
        sentence = int(a.sent[rec])
        when = self.date_of(kind, ref, doc_index)
        if kind == KIND_ENTITY:
            key_name, label = tables.entities[ref][0], tables.entities[ref][1]
            return Hit(
                "entity",
                doc,
                title,
                sentence,
                text,
                score,
                highlights,
                label=label,
                entity=key_name,
                date=when,
            )
        if kind == KIND_FACT:
            return Hit(
                "fact",
                doc,
                title,
                sentence,
                text,
                score,
                highlights,
                predicate=tables.predicates[ref],
                date=when,
            )
        return Hit(
            "sentence",
            doc,
            title,
            sentence,
            text,
            score,
            highlights,
            start=int(a.start[rec]),
            end=int(a.end[rec]),
            date=when,
        )

    def date_of(self, kind: int, ref: int, doc_index: int) -> str | None:
        """A hit's date: a fact's own, an entity's latest document's, else its document's."""
        tables = self.tables
        doc_dates = tables.doc_dates or []
        if kind == KIND_FACT:
            fact_dates = tables.fact_dates or []
            return fact_dates[ref] if 0 <= ref < len(fact_dates) else None
        if kind == KIND_ENTITY:
            off = self.a.ent_doc_off
            if not 0 <= ref < len(off) - 1:
                return None
            docs = np.asarray(self.a.ent_doc[int(off[ref]) : int(off[ref + 1])]).tolist()
            dated = [doc_dates[d] for d in docs if d < len(doc_dates) and doc_dates[d]]
            return max(dated, key=_date_order) if dated else None
        return doc_dates[doc_index] if 0 <= doc_index < len(doc_dates) else None

    def highlights(self, plan: Plan, rec: int, text: str) -> tuple[tuple[int, int], ...]:
        """The character ranges of `text` (record `rec`) that the plan's terms matched,
        merged; a prefix match highlights the typed part only."""
        spans = [m.span() for m in WORD_RE.finditer(fold(text))]
        lo, hi = int(self.a.fwd_off[rec]), int(self.a.fwd_off[rec + 1])
        if len(spans) != hi - lo or not spans:
            return ()
        g = Gathered(
            recs=np.array([rec], np.int64),
            toks=np.asarray(self.a.fwd[lo:hi]),
            starts=np.zeros(1, np.int64),
        )
        lut = self.matcher.vocabulary.lut
        ranges: list[tuple[int, int]] = []
        for group in plan.groups:
            for term, exps in group:
                codes = self.matcher.term_codes(term, exps, g)
                for p in np.flatnonzero(codes).tolist():
                    for j, (word, exp) in enumerate(zip(term.words, exps, strict=True)):
                        start, end = spans[p + j]
                        code = int(lut(exp)[g.toks[p + j]])
                        if code == PREFIX:
                            end = min(end, start + len(word))
                        ranges.append((start, end))
        if not ranges:
            return ()
        ranges.sort()
        merged = [ranges[0]]
        for start, end in ranges[1:]:
            last_start, last_end = merged[-1]
            if start <= last_end:
                merged[-1] = (last_start, max(last_end, end))
            else:
                merged.append((start, end))
        return tuple(merged)


def _date_order(when: str | None) -> tuple[int, int]:
    found = period(when)
    return (found[1], found[0]) if found else (0, 0)
