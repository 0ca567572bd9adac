"""The TUI's read access to a store and its search index: one lock, a few caches.

Screens call these from thread workers while the search worker queries the index, so every
store call goes through one lock. Nothing here imports textual: it is the store and search
APIs, made safe to share between threads and cheap to call twice.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.model import Document, DocumentSummary, Entity, Fact, Mention

if TYPE_CHECKING:
    from explorer.search import Group, SearchIndex
    from explorer.store import Store


@dataclass(frozen=True, slots=True)
class Paragraph:
    """The paragraph around a sentence, for previews: its text and where the sentence is."""

    doc: str
    text: str
    sentence_start: int  # offsets into `text`
    sentence_end: int
    offset: int  # where `text` starts in the document


class StoreReader:
    """Thread-safe, cached reads of one store and its search index."""

    def __init__(self, store: Store, index: SearchIndex | None = None) -> None:
        self.store = store
        self.index = index
        #: Set once the index is there (or could not be loaded): the first screen shows the
        #: store's documents while the index loads, and a search waits for it.
        self.index_ready = threading.Event()
        if index is not None:
            self.index_ready.set()
        self._lock = threading.RLock()
        self._generation = ""
        self._documents: list[DocumentSummary] | None = None
        self._by_id: dict[str, DocumentSummary] = {}
        self._entities: list[Entity] | None = None
        self._facts: list[Fact] | None = None
        self._texts: OrderedDict[str, Document] = OrderedDict()
        self._sentences: OrderedDict[str, list[tuple[int, int]]] = OrderedDict()
        self._entity_docs: dict[str, set[str]] | None = None
        self._stats: dict[str, Any] | None = None

    @property
    def path(self) -> Path:
        return Path(self.store.path)

    def _call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return fn(*args, **kwargs)

    def swap(self, store: Store, index: SearchIndex) -> None:
        """Read from another version of the store from now on (a live view's new snapshot)."""
        with self._lock:
            self.store = store
            self.index = index
        self.index_ready.set()
        self.refresh()

    def set_index(self, index: SearchIndex | None) -> None:
        """The search index, loaded after the store opened (None: it could not be)."""
        self.index = index
        self.index_ready.set()

    def refresh(self) -> None:
        """Forget every cache (after an ingest)."""
        with self._lock:
            self._documents = None
            self._by_id = {}
            self._entities = None
            self._facts = None
            self._texts.clear()
            self._sentences.clear()
            self._entity_docs = None
            self._stats = None

    # ------------------------------------------------------------------ documents

    def documents(self) -> list[DocumentSummary]:
        with self._lock:
            if self._documents is None:
                self._documents = list(self.store.documents())
            return self._documents

    def summary(self, doc_id: str) -> DocumentSummary | None:
        # Indexed on first use, not with the list: the first screen shows the list only.
        by_id = self._by_id
        if not by_id:
            with self._lock:
                if not self._by_id:
                    self._by_id = {d.id: d for d in self.documents()}
                by_id = self._by_id
        return by_id.get(doc_id)

    def title(self, doc_id: str) -> str:
        summary = self.summary(doc_id)
        return (summary.title if summary else "") or doc_id

    def document(self, doc_id: str) -> Document:
        with self._lock:
            doc = self._texts.get(doc_id)
            if doc is None:
                doc = self.store.document(doc_id)
                self._texts[doc_id] = doc
                while len(self._texts) > 64:
                    self._texts.popitem(last=False)
            else:
                self._texts.move_to_end(doc_id)
            return doc

    def sentences(self, doc_id: str) -> list[tuple[int, int]]:
        with self._lock:
            spans = self._sentences.get(doc_id)
            if spans is None:
                spans = [(start, end) for start, end in self.store.sentences(doc_id)]
                self._sentences[doc_id] = spans
                while len(self._sentences) > 256:
                    self._sentences.popitem(last=False)
            return spans

    def sentence_text(self, doc_id: str, index: int) -> tuple[str, int, int]:
        """The text of sentence `index` of a document, with its offsets."""
        doc = self.document(doc_id)
        spans = self.sentences(doc_id)
        if 0 <= index < len(spans):
            start, end = spans[index]
            return doc.text[start:end], start, end
        return "", 0, 0

    def paragraph(self, doc_id: str, index: int, *, limit: int = 1200) -> Paragraph | None:
        """The paragraph holding sentence `index` (cut to about `limit` characters)."""
        try:
            doc = self.document(doc_id)
        except KeyError:
            return None
        spans = self.sentences(doc_id)
        if not 0 <= index < len(spans):
            return None
        s_start, s_end = spans[index]
        text = doc.text
        p_start = text.rfind("\n", 0, s_start) + 1
        p_end = text.find("\n", s_end)
        if p_end < 0:
            p_end = len(text)
        # A long paragraph is cut around the sentence, so a preview stays a preview.
        if p_end - p_start > limit:
            p_start = max(p_start, s_start - limit // 3)
            p_end = min(p_end, max(s_end, p_start + limit))
        return Paragraph(doc_id, text[p_start:p_end], s_start - p_start, s_end - p_start, p_start)

    # ------------------------------------------------------------------ facts, entities

    def mentions(self, *, doc: str | None = None, entity: str | None = None) -> list[Mention]:
        return self._call(self.store.mentions, doc=doc, entity=entity)

    def documents_of(self, key: str) -> list[str]:
        """The ids of the documents that mention an entity (or what it was merged into), in
        store order: from the store's derived keys, without reading a mention."""
        return self._call(self.store.documents_of, key)

    def implied_documents(self, key: str) -> list[tuple[str, tuple[str, ...]]]:
        """The documents that imply an entity without naming it, in store order, each with
        the names that say it there."""
        return self._call(self.store.implied_documents, key)

    def mentions_in_context(self, doc_id: str, key: str) -> list[tuple[Mention, str, int]]:
        """An entity's mentions in one document, each with its sentence's text and where
        that sentence starts (about 80 characters around it when it has none): one read of the
        document, under the lock once, so a long list is fetched a document at a time."""
        with self._lock:
            try:
                text = self.document(doc_id).text
            except KeyError:
                return []
            spans = self.sentences(doc_id)
            out = []
            for m in self.store.mentions(doc=doc_id, entity=key):
                if 0 <= m.sentence < len(spans) and spans[m.sentence][1] > spans[m.sentence][0]:
                    start, end = spans[m.sentence]
                else:
                    start, end = max(0, m.start - 80), m.end + 80
                out.append((m, text[start:end], start))
            return out

    def entities(self) -> list[Entity]:
        with self._lock:
            if self._entities is None:
                self._entities = list(self.store.entities())
            return self._entities

    def entity(self, key: str) -> Entity:
        return self._call(self.store.entity, key)

    def facts(self, *, doc: str | None = None, entity: str | None = None) -> list[Fact]:
        if doc is None and entity is None:
            with self._lock:
                if self._facts is None:
                    self._facts = list(self.store.facts())
                return self._facts
        return self._call(self.store.facts, None, doc=doc, entity=entity)

    def cooccurring(self, key: str, limit: int = 50) -> list[tuple[Entity, int]]:
        return self._call(self.store.cooccurring, key, limit)

    def entity_documents(self) -> dict[str, set[str]]:
        """Entity key -> the documents that mention it (for the frequency view)."""
        with self._lock:
            if self._entity_docs is None:
                out: dict[str, set[str]] = {}
                for m in self.store.mentions():
                    out.setdefault(m.key, set()).add(m.doc)
                self._entity_docs = out
            return self._entity_docs

    def stats(self) -> dict[str, Any]:
        with self._lock:
            if self._stats is None:
                self._stats = dict(self.store.stats())
            return self._stats

    # ------------------------------------------------------------------ search

    def search_grouped(self, query: str) -> list[Group]:
        """Entities, facts and sentences for a typed query, each kind a page of its own with
        its total: the search layer's one grouped search (what a keystroke runs), with
        `tag:` and `is:` applied through the user's marks as `explorer search` applies them."""
        self.index_ready.wait()
        if self.index is None or not query.strip():
            return []
        from explorer.casefile import search_grouped

        return search_grouped(self.index, query, self._case_file)

    def search_page(self, query: str, kind: str, offset: int, limit: int) -> Group | None:
        """Hits `offset` to `offset + limit` of one kind (the next page of a group)."""
        self.index_ready.wait()
        if self.index is None or not query.strip():
            return None
        from explorer.casefile import search_grouped

        groups = search_grouped(self.index, query, self._case_file, {kind: limit}, {kind: offset})
        return next((g for g in groups if g.kind == kind), None)

    def _case_file(self) -> Any:
        from explorer.tui.marking import CaseFile

        return CaseFile(self)

    def label_counts(self) -> Counter[str]:
        return Counter(e.label for e in self.entities())

    def ingest(
        self, paths: Iterable[Path], progress: Callable[[int, int, str], None] | None = None
    ) -> Any:
        with self._lock:
            report = self.store.ingest(list(paths), progress=progress)
        self.refresh()
        return report
