"""A small in-memory `model.Corpus` over documents a test writes, with optional mentions."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from explorer.model import DocumentSummary, Entity, Fact, Mention, SentenceRecord

_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


class MemoryCorpus:
    """Documents as {doc_id: text} (one sentence per `.`/`!`/`?`), entities, facts, mentions."""

    def __init__(
        self,
        path: Path,
        docs: dict[str, str],
        *,
        titles: dict[str, str] | None = None,
        entities: list[Entity] = (),
        facts: list[Fact] = (),
        mentions: list[Mention] | None = None,
    ):
        self._path = Path(path)
        self.docs = dict(docs)
        self.titles = dict(titles or {})
        self._entities = list(entities)
        self._facts = list(facts)
        self._mentions = mentions
        self.iterated = 0  # how many times the sentences were read (a rebuild reads them)

    @property
    def path(self) -> Path:
        return self._path

    def generation(self) -> str:
        blob = repr((sorted(self.docs.items()), self._entities, self._facts)).encode()
        return hashlib.sha256(blob).hexdigest()[:16]

    def sentence_spans(self, doc: str) -> list[tuple[int, int]]:
        spans = []
        for m in _SENTENCE.finditer(self.docs[doc]):
            start, end = m.span()
            text = m.group()
            start += len(text) - len(text.lstrip())
            end -= len(text) - len(text.rstrip())
            if end > start:
                spans.append((start, end))
        return spans

    def iter_sentences(self) -> Iterator[SentenceRecord]:
        self.iterated += 1
        for doc, text in self.docs.items():
            for i, (start, end) in enumerate(self.sentence_spans(doc)):
                yield SentenceRecord(doc, self.titles.get(doc, doc), i, start, end, text[start:end])

    def entities(self, label: str | None = None) -> list[Entity]:
        return [e for e in self._entities if label is None or e.label == label]

    def facts(self, predicate: str | None = None) -> list[Fact]:
        return [f for f in self._facts if predicate is None or f.predicate == predicate]


class MentionCorpus(MemoryCorpus):
    """A corpus that can also list its mentions, as the store can."""

    def mentions(self, *, doc: str | None = None, entity: str | None = None) -> list[Mention]:
        return [
            m
            for m in (self._mentions or [])
            if (doc is None or m.doc == doc) and (entity is None or m.key == entity)
        ]


def texts(hits) -> list[str]:
    """The texts of hits, in rank order."""
    return [h.text for h in hits]


class DocumentCorpus(MentionCorpus):
    """A corpus that also lists its documents with content hashes and reads the sentences of
    chosen documents, as the store does: what lets a saved index be updated, not rebuilt."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.read_docs: list[str] = []  # documents whose sentences were read, each time
        self.all_mentions_read = 0  # times every mention was listed
        self.all_facts_read = 0  # times every fact was listed

    def mentions(self, *, doc: str | None = None, entity: str | None = None) -> list[Mention]:
        """By document in document order, as the store lists them."""
        self.all_mentions_read += doc is None and entity is None
        order = {d: i for i, d in enumerate(self.docs)}
        listed = [m for m in super().mentions(doc=doc, entity=entity) if m.doc in order]
        return sorted(listed, key=lambda m: order[m.doc])  # stable: positions stay in order

    def facts(self, predicate: str | None = None, *, doc: str | None = None) -> list[Fact]:
        """By document in document order, as the store lists them."""
        self.all_facts_read += doc is None
        order = {d: i for i, d in enumerate(self.docs)}
        listed = [
            f for f in super().facts(predicate) if f.doc in order and (doc is None or f.doc == doc)
        ]
        return sorted(listed, key=lambda f: order[f.doc])

    def documents(self) -> list[DocumentSummary]:
        return [
            DocumentSummary(
                id=doc,
                title=self.titles.get(doc, doc),
                date=None,
                author=None,
                path=None,
                sentences=len(self.sentence_spans(doc)),
                mentions=sum(1 for m in self._mentions or () if m.doc == doc),
                facts=sum(1 for f in self._facts if f.doc == doc),
                chars=len(text),
            )
            for doc, text in self.docs.items()
        ]

    def document_hashes(self) -> dict[str, str]:
        return {doc: hashlib.sha256(text.encode()).hexdigest() for doc, text in self.docs.items()}

    def iter_sentences(self, doc_ids=None) -> Iterator[SentenceRecord]:
        wanted = None if doc_ids is None else set(doc_ids)
        self.iterated += wanted is None
        for doc, text in self.docs.items():
            if wanted is not None and doc not in wanted:
                continue
            self.read_docs.append(doc)
            for i, (start, end) in enumerate(self.sentence_spans(doc)):
                yield SentenceRecord(doc, self.titles.get(doc, doc), i, start, end, text[start:end])


class AllFactsCorpus(DocumentCorpus):
    """As `DocumentCorpus`, but its facts can only be listed all at once."""

    def facts(self, predicate: str | None = None) -> list[Fact]:
        return super().facts(predicate)
