"""Command palette providers: open a document by title, jump to an entity, filter by label.

Providers post messages rather than act (peplum's providers do the same). Titles and names
come from documents, so they are never given to `Matcher.highlight()` (which parses its
candidate as markup and crashes on `[/ 5%`): `safe_highlight` styles plain Content instead.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from explorer.tui.labels import MEANING
from explorer.tui.messages import FilterEntities, RunSearch, open_document, open_entity
from explorer.tui.render import plain, pluralise

if TYPE_CHECKING:
    from explorer.tui.app import ExplorerApp

LIMIT = 30


def safe_highlight(prefix: str, candidate: str, matcher: Matcher | None) -> Content:
    """`prefix` + `candidate` as plain Content, the fuzzy-matched characters styled."""
    shown = plain(candidate)
    content = Content(prefix + shown)
    if matcher is None or not matcher.query:
        return content
    score, offsets = matcher.fuzzy_search.match(matcher.query, shown)
    if not score:
        return content
    for offset in offsets:
        if not shown[offset].isspace():
            content = content.stylize(
                matcher.match_style, len(prefix) + offset, len(prefix) + offset + 1
            )
    return content


class _CorpusProvider(Provider):
    @property
    def explorer(self) -> ExplorerApp:
        return self.app  # type: ignore[return-value]

    @staticmethod
    async def best_matches(query: str, choices: list[str], cutoff: int) -> list[tuple]:
        """The best LIMIT of `choices` for `query` (rapidfuzz WRatio, case-blind), scored
        off the UI thread: (choice, score, index) tuples."""
        return await asyncio.to_thread(
            process.extract,
            query,
            choices,
            scorer=fuzz.WRatio,
            limit=LIMIT,
            score_cutoff=cutoff,
            processor=str.casefold,
        )


class DocumentCommands(_CorpusProvider):
    """“Open: <title>” for every document."""

    async def startup(self) -> None:
        reader = self.explorer.reader
        self.documents = await asyncio.to_thread(reader.documents) if reader else []
        self.titles = [plain(d.title or d.id) for d in self.documents]

    async def discover(self) -> Hits:
        for doc, title in list(zip(self.documents, self.titles, strict=True))[:10]:
            yield DiscoveryHit(
                Content("Open: " + title),
                partial(self.app.post_message, open_document(doc.id)),
                text=f"Open: {title}",
                help=doc.date or "",
            )

    async def search(self, query: str) -> Hits:
        if not self.titles:
            return
        matcher = self.matcher(query)
        for title, score, index in await self.best_matches(query, self.titles, 55):
            doc = self.documents[index]
            yield Hit(
                score / 100,
                safe_highlight("Open: ", title, matcher),
                partial(self.app.post_message, open_document(doc.id)),
                text=f"Open: {title}",
                help=f"document · {doc.date or 'no date'}",
            )


class EntityCommands(_CorpusProvider):
    """“Entity: <name> (LABEL)” for every entity, best known first."""

    async def startup(self) -> None:
        reader = self.explorer.reader
        entities = await asyncio.to_thread(reader.entities) if reader else []
        self.entities = sorted(entities, key=lambda e: -e.mentions)
        self.names = [plain(e.name) for e in self.entities]

    async def discover(self) -> Hits:
        for entity, name in list(zip(self.entities, self.names, strict=True))[:10]:
            yield DiscoveryHit(
                Content(f"Entity: {name} ({entity.label})"),
                partial(self.app.post_message, open_entity(entity.key)),
                text=f"Entity: {name}",
                help=f"{entity.mentions} mentions",
            )

    async def search(self, query: str) -> Hits:
        if not self.names:
            return
        matcher = self.matcher(query)
        for name, score, index in await self.best_matches(query, self.names, 60):
            entity = self.entities[index]
            display = safe_highlight("Entity: ", name, matcher) + Content(f" ({entity.label})")
            yield Hit(
                score / 100 * 0.99,
                display,
                partial(self.app.post_message, open_entity(entity.key)),
                text=f"Entity: {name}",
                help=f"{entity.label} · {pluralise(entity.mentions, 'mention')} in "
                f"{pluralise(entity.documents, 'document')}",
            )


class LabelCommands(_CorpusProvider):
    """“Entities labelled PERSON” for each label present, and one for every label."""

    async def startup(self) -> None:
        reader = self.explorer.reader
        counts = await asyncio.to_thread(reader.label_counts) if reader else {}
        self.options: list[tuple[str, str | None, str]] = [
            ("Entities: every label", None, "show the entities of every label")
        ]
        for label, count in sorted(counts.items(), key=lambda kv: -kv[1]):
            self.options.append(
                (
                    f"Entities labelled {label} ({MEANING.get(label, '')})",
                    label,
                    f"{count:,} entities",
                )
            )

    async def discover(self) -> Hits:
        for title, label, help_text in self.options:
            yield DiscoveryHit(
                Content(title),
                partial(self.app.post_message, FilterEntities(label)),
                text=title,
                help=help_text,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, label, help_text in self.options:
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    safe_highlight("", title, matcher),
                    partial(self.app.post_message, FilterEntities(label)),
                    text=title,
                    help=help_text,
                )


class SavedSearchCommands(_CorpusProvider):
    """“Saved search: <query>” for each saved search, then “Recent search: ...” for the
    latest past ones; choosing one runs it again."""

    async def startup(self) -> None:
        memory = self.explorer.searches
        self.options = [("Saved search: ", name, query) for name, query in memory.saved]
        saved = {q for _, q in memory.saved}
        recent = [q for q in reversed(memory.past) if q not in saved][:10]
        self.options += [("Recent search: ", q, q) for q in recent]

    async def discover(self) -> Hits:
        for prefix, name, query in self.options:
            yield DiscoveryHit(
                Content(prefix + plain(name)),
                partial(self.app.post_message, RunSearch(query)),
                text=prefix + name,
                help="run this search again",
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for prefix, name, saved_query in self.options:
            score = matcher.match(prefix + name)
            if score > 0:
                yield Hit(
                    score,
                    safe_highlight(prefix, name, matcher),
                    partial(self.app.post_message, RunSearch(saved_query)),
                    text=prefix + name,
                    help="run this search again",
                )
