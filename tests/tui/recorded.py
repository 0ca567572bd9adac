"""A recorded extraction of the TUI test corpus, so snapshots pin the screens, not the nlp.

The nlp layer improves every day; an SVG snapshot that changed whenever a mention did would
test the recognizer, not the screens. Snapshot tests replace `explorer.nlp.extract` with
this record (every other TUI test uses the live nlp). Re-record after changing the corpus:

    .venv/bin/python -m tests.tui.recorded
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from explorer.model import Entity, Extraction, Fact, Mention

RECORD = Path(__file__).parent / "data" / "extractions.json"


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _to_json(extraction: Extraction) -> dict[str, Any]:
    return {
        "sentences": [list(s) for s in extraction.sentences],
        "mentions": [m.to_dict() for m in extraction.mentions],
        "entities": [
            {"name": e.name, "label": e.label, "aliases": list(e.aliases), "mentions": e.mentions}
            for e in extraction.entities
        ],
        "facts": [
            {
                "predicate": f.predicate,
                "subject": f.subject,
                "object": f.object,
                "sentence": f.sentence,
                "start": f.start,
                "end": f.end,
                "qualifiers": dict(f.qualifiers),
            }
            for f in extraction.facts
        ],
    }


def _from_json(data: Mapping[str, Any]) -> Extraction:
    return Extraction(
        sentences=tuple((s, e) for s, e in data["sentences"]),
        mentions=tuple(
            Mention(
                m["start"],
                m["end"],
                m["text"],
                m["label"],
                m["entity"],
                m.get("sentence", -1),
                m.get("norm"),
            )
            for m in data["mentions"]
        ),
        entities=tuple(
            Entity(e["name"], e["label"], tuple(e["aliases"]), e["mentions"])
            for e in data["entities"]
        ),
        facts=tuple(
            Fact(
                f["predicate"],
                f["subject"],
                f["object"],
                f["sentence"],
                f["start"],
                f["end"],
                f["qualifiers"],
            )
            for f in data["facts"]
        ),
    )


def recorded_extract(text: str, meta: Mapping[str, Any] | None = None) -> Extraction:
    """`explorer.nlp.extract` as it was when the record was made."""
    records = json.loads(RECORD.read_text(encoding="utf-8"))
    try:
        return _from_json(records[_key(text)])
    except KeyError:
        raise KeyError("this text was not recorded: run `python -m tests.tui.recorded`") from None


def record(texts: list[tuple[str, Mapping[str, Any]]]) -> None:
    from explorer.nlp import extract

    RECORD.parent.mkdir(exist_ok=True)
    records = {_key(text): _to_json(extract(text, meta)) for text, meta in texts}
    RECORD.write_text(json.dumps(records, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    """Record the extraction of every document of the TUI test corpus, as ingest reads it."""
    import tempfile

    from explorer.ingest import iter_documents
    from explorer.model import Document
    from tests.tui.conftest import SAMPLE, TRICKY

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / SAMPLE.name).write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
        (root / "tricky.txt").write_text(TRICKY, encoding="utf-8")
        docs = [d for d in iter_documents([root]) if isinstance(d, Document)]
        record([(d.text, d.meta_dict()) for d in docs])
    print(f"recorded {len(docs)} documents in {RECORD}")


if __name__ == "__main__":
    main()
