"""The case file as a report: every marked, starred, tagged or noted item with its sentence,
document title, date, path and offsets, as Markdown, JSON Lines or CSV (the TUI's `x` in the
case file)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from explorer.export import clean_id, clean_text, write_file

#: The columns of the CSV report (JSON Lines has the same fields).
COLUMNS = (
    "kind",
    "marked",
    "starred",
    "tags",
    "note",
    "entity",
    "predicate",
    "label",
    "text",
    "sentence",
    "doc",
    "title",
    "date",
    "path",
    "start",
    "end",
    "status",
)


def item(mark: Any, store: Any, texts: dict[str, str] | None = None) -> dict[str, Any]:
    """One checked mark (Marks.checked) as a report record: its sentence read from the
    document as it is now (the sentence around the marked offsets)."""
    a = mark.anchor
    texts = {} if texts is None else texts
    record: dict[str, Any] = {
        "kind": a.kind,
        "marked": mark.marked,
        "starred": mark.starred,
        "tags": list(mark.tags),
        "note": mark.note,
        "entity": a.entity if a.kind in ("entity", "fact") else "",
        "predicate": a.predicate,
        "label": a.label,
        "text": a.text,
        "sentence": "",
        "doc": a.doc,
        "title": a.title,
        "date": mark.date or "",
        "path": mark.path or "",
        "start": mark.start if mark.start >= 0 else None,
        "end": mark.end if mark.end >= 0 else None,
        "status": mark.status,
    }
    if a.kind == "entity":
        record["title"] = ""
        record["text"] = a.entity.split(":", 1)[-1]
        return record
    if a.doc and mark.status != "document missing" and mark.start >= 0:
        try:
            if a.doc not in texts:
                texts[a.doc] = store.document(a.doc).text
            text = texts[a.doc]
            for s, e in store.sentences(a.doc):
                if s <= mark.start < e or (s < mark.end <= e):
                    record["sentence"] = text[s:e]
                    break
        except KeyError:
            pass
    if a.kind == "sentence":
        record["sentence"] = record["sentence"] or a.text
    return record


def items(store: Any, marks: Iterable[Any] | None = None) -> list[dict[str, Any]]:
    """Every mark of `store` (or `marks`) as report records, oldest first."""
    texts: dict[str, str] = {}
    checked = store.marks.checked(store, marks)
    return [item(m, store, texts) for m in checked]


def _md(text: str) -> str:
    """Document text as Markdown text: safe characters, one line, no markup taken."""
    text = " ".join(clean_text(text).split())
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def write_markdown(records: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """The report as Markdown; how many items it holds."""
    records = list(records)
    out.write("# Case file\n\n")
    out.write(f"{len(records)} items.\n")
    for n, r in enumerate(records, start=1):
        flags = [f for f, on in (("starred", r["starred"]), ("marked", r["marked"])) if on]
        if r["kind"] == "entity":
            head = f"entity {_md(r['entity'])}"
        elif r["kind"] == "document":
            head = f"document “{_md(r['title'] or r['doc'])}”"
        else:
            what = r["predicate"] or r["label"] or ""
            head = f"{r['kind']}{f' ({_md(what)})' if what else ''} in “{_md(r['title'])}”"
        out.write(f"\n## {n}. {head}\n\n")
        if flags or r["tags"]:
            tags = " ".join(f"\\#{_md(t)}" for t in r["tags"])
            out.write(f"- {', '.join(flags)}{' · ' if flags and tags else ''}{tags}\n")
        if r["sentence"]:
            out.write(f"- sentence: {_md(r['sentence'])}\n")
        if r["text"] and r["text"] != r["sentence"]:
            out.write(f"- text: {_md(r['text'])}\n")
        if r["doc"]:
            out.write(f"- document: {_md(r['title'])} ({_md(clean_id(r['doc']))})\n")
            out.write(f"- date: {r['date'] or '(no date)'}\n")
            if r["path"]:
                path = clean_id(r["path"]).replace("`", "'")
                out.write(f"- path: `{path}`\n")
            if r["start"] is not None:
                out.write(f"- offsets: {r['start']}–{r['end']}\n")
        if r["status"]:
            out.write(f"- **{r['status']}** since it was marked\n")
        if r["note"]:
            out.write(f"- note: {_md(r['note'])}\n")
    return len(records)


def write_report(records: Iterable[Mapping[str, Any]], path: Path) -> int:
    """Write the report to `path`: Markdown (.md), CSV (.csv) or JSON Lines (else)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() in (".md", ".markdown"):
        with open(path, "w", encoding="utf-8") as out:
            return write_markdown(records, out)
    return write_file(records, path, columns=COLUMNS)
