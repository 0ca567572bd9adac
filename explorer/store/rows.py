"""Records and models, both ways: the store's JSON records of one document from what nlp
extracted, and Mention, Fact, Entity and the sidecar row back from stored records."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import orjson

from explorer.model import (
    NAME_LABELS,
    Document,
    DocumentSummary,
    Entity,
    Extraction,
    Fact,
    Mention,
)

from .schema import IMPLIED_MARK

_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W{0,2}$")
#: At most this many context words kept per entity and document (identity needs a few).
_CTX_WORDS = 4


def _contexts(text: str, mentions: tuple[Mention, ...]) -> tuple[dict, dict, dict]:
    """Per entity key: the lower-cased words just before its mentions (counts), the company
    names a ticker mention is written after ("Boeing Co <BA>": BA -> Boeing Co), and the
    tickers written after a company's mentions (Boeing Co -> <BA>)."""
    ctx: dict[str, Counter[str]] = {}
    tickers: dict[str, Counter[str]] = {}
    ticker_aliases: dict[str, set[str]] = {}
    previous: Mention | None = None
    for mention in mentions:
        if mention.label not in NAME_LABELS:
            continue
        start, end = mention.start, mention.end
        if (
            start > 0
            and text[start - 1 : start] == "<"
            and text[end : end + 1] == ">"
            and previous is not None
            and previous.label == "ORG"
            and 0 <= start - previous.end <= 3
        ):
            tickers.setdefault(mention.key, Counter())[previous.entity] += 1
            ticker_aliases.setdefault(previous.key, set()).add(f"<{mention.text}>")
        found = _WORD_BEFORE.search(text, max(0, start - 24), start)
        word = found.group(1).lower() if found else "^"
        ctx.setdefault(mention.key, Counter())[word] += 1
        previous = mention
    return (
        {k: dict(c.most_common(_CTX_WORDS)) for k, c in ctx.items()},
        {k: dict(c) for k, c in tickers.items()},
        ticker_aliases,
    )


#: A fact record's own fields; every other field of the record is a qualifier.
FACT_KEYS = frozenset(("predicate", "subject", "object", "sentence", "start", "end", "doc"))


def document_records(doc: Document, extraction: Extraction) -> dict[str, Any]:
    """The store's records for one document: its `documents` record (without ids and paths),
    its mentions and facts (encoded JSON, each carrying `doc`)."""
    per_entity = Counter(mention.key for mention in extraction.mentions)
    ctx, tickers, ticker_aliases = _contexts(doc.text, extraction.mentions)
    entities: dict[str, dict[str, Any]] = {}
    # A country said only through other names ("Germany" by "Frankfurt", "Bundesbank"):
    # kept apart, so that the counts of `entities` stay those of mentions.
    implied: list[dict[str, Any]] = []
    for entity in extraction.entities:
        if entity.via:
            if entity.key not in per_entity:  # extract adds none the text names; never twice
                implied.append({"name": entity.name, "label": entity.label, "via": [*entity.via]})
            continue
        entities[entity.key] = {
            "name": entity.name,
            "label": entity.label,
            "aliases": sorted(set(entity.aliases) - {entity.name}),
            "mentions": per_entity.get(entity.key, 0),
        }
    for mention in extraction.mentions:
        if mention.key not in entities:
            entities[mention.key] = {
                "name": mention.entity,
                "label": mention.label,
                "aliases": [],
                "mentions": per_entity[mention.key],
            }
        item = entities[mention.key]
        if mention.text != mention.entity and mention.text not in item["aliases"]:
            item["aliases"] = sorted({*item["aliases"], mention.text})
    for key, item in entities.items():
        if key in ctx:
            item["ctx"] = ctx[key]
        if key in tickers:
            item["tickers"] = tickers[key]
        if key in ticker_aliases:
            item["aliases"] = sorted({*item["aliases"], *ticker_aliases[key]})
    record = {
        "id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "date_source": doc.date_source,
        "author": doc.author,
        "path": doc.path,
        "sha256": doc.sha256,
        "chars": len(doc.text),
        "meta": dict(doc.meta),
        "counts": {
            "sentences": len(extraction.sentences),
            "mentions": len(extraction.mentions),
            "facts": len(extraction.facts),
        },
        "sentences": [[start, end] for start, end in extraction.sentences],
        "entities": list(entities.values()),
        **({"implied": implied} if implied else {}),
        "text": doc.text,
    }
    dumps = orjson.dumps
    return {
        "id": doc.id,
        "sha256": doc.sha256,
        "record": record,
        "mentions": [dumps({**m.to_dict(), "doc": doc.id}) for m in extraction.mentions],
        "facts": [dumps({**f.to_dict(), "doc": doc.id}) for f in extraction.facts],
    }


def record_keys(entities: Iterable[dict[str, Any]]) -> list[str]:
    """A document's entity keys, as its `.keys` files list them, from its record's entities
    (`entities` then `implied`, as `Writer` holds them): the key of each entity it mentions,
    then each it implies, after schema.IMPLIED_MARK."""
    named, implied = [], []
    for e in entities:
        if "via" in e:
            implied.append(f"{IMPLIED_MARK}{e['label']}:{e['name']}")
        elif e.get("mentions"):
            named.append(f"{e['label']}:{e['name']}")
    return named + implied


def fact_from(record: dict[str, Any]) -> Fact:
    """A stored fact record as a Fact (its other fields are qualifiers)."""
    return Fact(
        predicate=record.get("predicate", ""),
        subject=record.get("subject", ""),
        object=record.get("object", ""),
        sentence=record.get("sentence", -1),
        start=record.get("start", -1),
        end=record.get("end", -1),
        qualifiers={k: v for k, v in record.items() if k not in FACT_KEYS},
        doc=record.get("doc", ""),
    )


def mention_from(record: dict[str, Any]) -> Mention:
    """A stored mention record as a Mention."""
    return Mention(
        start=record["start"],
        end=record["end"],
        text=record.get("text", ""),
        label=record.get("label", ""),
        entity=record.get("entity", ""),
        sentence=record.get("sentence", -1),
        norm=record.get("norm"),
        doc=record.get("doc", ""),
    )


def entity_from(record: dict[str, Any]) -> Entity:
    """A stored entity record as an Entity."""
    return Entity(
        name=record["name"],
        label=record["label"],
        aliases=tuple(record.get("aliases", ())),
        mentions=record.get("mentions", 0),
        documents=record.get("documents", 0),
        implied=record.get("implied", 0),
    )


def row_from_record(record: dict[str, Any], paths: list[str] | None = None) -> list[Any]:
    """The sidecar row (schema.ROW_*) of a `documents` record, without its byte spans."""
    counts = record.get("counts") or {}
    return [
        record["id"],
        record.get("title") or record["id"],
        record.get("date"),
        record.get("author"),
        record.get("path"),
        counts.get("sentences", len(record.get("sentences") or ())),
        counts.get("mentions", 0),
        counts.get("facts", 0),
        record.get("chars", len(record.get("text") or "")),
        record.get("sha256", ""),
        list(
            paths
            if paths is not None
            else record.get("paths") or ([record["path"]] if record.get("path") else [])
        ),
    ]


#: DocumentSummary's fields, in the order of the row's first columns (schema.ROW_ID ...
#: ROW_CHARS are 0-8).
_SUMMARY_FIELDS = (
    "id",
    "title",
    "date",
    "author",
    "path",
    "sentences",
    "mentions",
    "facts",
    "chars",
)


def summaries_from_rows(rows: Iterable[list[Any]]) -> list[DocumentSummary]:
    """The DocumentSummary of each row (schema.ROW_*), in order: the same objects its
    constructor makes, built through its slots. A frozen dataclass's `__init__` sets each
    field through `object.__setattr__`, by keyword here: 0.28 CPU-s for 191,232 documents
    against 0.14 s this way, and the documents pane lists every one on the first screen."""
    new = object.__new__
    cls = DocumentSummary
    s0, s1, s2, s3, s4, s5, s6, s7, s8 = (getattr(cls, name).__set__ for name in _SUMMARY_FIELDS)
    out: list[DocumentSummary] = []
    add = out.append
    for r in rows:
        d = new(cls)
        s0(d, r[0])
        s1(d, r[1])
        s2(d, r[2])
        s3(d, r[3])
        s4(d, r[4])
        s5(d, r[5])
        s6(d, r[6])
        s7(d, r[7])
        s8(d, r[8])
        add(d)
    return out
