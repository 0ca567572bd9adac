"""One file to store-ready records: read, extract, encode. Runs in worker processes.

Everything here is a pure function of its arguments (no store access), so it can run in a
process pool; the main process only assigns ids and writes.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

from explorer.ingest import IngestFailure, read_source
from explorer.model import Document

from .rows import document_records


def extract_document(doc: Document) -> dict[str, Any]:
    """The store's records of one document: its text run through the nlp pipeline."""
    from explorer.nlp import extract

    return document_records(doc, extract(doc.text, doc.meta_dict()))


def parse_file(task: tuple[str, str | None, bytes]) -> tuple[str, str, Any, list[tuple[str, str]]]:
    """("ok", path, [records per document], [(where, why) per failed record]) or
    ("fail", path, reason, [])."""
    path, root, data = task
    try:
        docs, errors = read_source(Path(path), root=root, data=data)
    except IngestFailure as exc:
        return ("fail", path, str(exc), [])
    except Exception as exc:  # a reader bug must not stop the ingest of other files
        return ("fail", path, f"could not read it ({type(exc).__name__}: {exc})", [])
    failed = [(error.path, error.message) for error in errors]
    parsed = []
    for doc in docs:
        try:
            parsed.append(extract_document(doc))
        except Exception as exc:
            where = f"{path}#{doc.meta.get('record')}" if "record" in doc.meta else path
            failed.append((where, f"extraction failed ({type(exc).__name__}: {exc})"))
    if not parsed and failed:
        return (
            "fail",
            path,
            failed[0][1]
            if len(failed) == 1
            else f"no document could be extracted ({failed[0][1]})",
            [],
        )
    return ("ok", path, parsed, failed)


def parse_files(tasks: list[tuple[str, str | None, bytes]]) -> list[tuple[str, str, Any, list]]:
    """parse_file over a chunk of files: one round trip to a worker for several files."""
    return [parse_file(task) for task in tasks]


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)  # the ingest was killed: do not linger as an orphan


def worker_init() -> None:
    """In each worker: leave Ctrl+C to the parent (it stops the pool), exit when the parent
    dies, and warm up the extractor once."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    try:
        from explorer.nlp import extract

        extract("Warm up.", None)
    except Exception:
        pass
