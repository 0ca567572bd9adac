"""The `explorer` command: the TUI by default, and a scriptable twin for every view.

Imports are lazy on purpose: `explorer extract` is measured start-up included, and must not
pay for Textual, TinyDB or the search index it never uses.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence

from explorer import __version__

# typing is for the type checker: importing it at run time costs each start ~16 M instructions
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from pathlib import Path
    from typing import Any, NoReturn, cast

    from explorer.store import Store
else:

    def cast(_type: object, value: object) -> object:
        """What typing.cast does at run time: the value as given."""
        return value


COMMANDS = (
    "ingest",
    "extract",
    "search",
    "entities",
    "facts",
    "export",
    "stats",
    "rules",
    "check",
    "marks",
    "tags",
    "notes",
    "serve",
)

EXIT_OK = 0
EXIT_FAILED = 1  # some input could not be processed; the rest was
EXIT_USAGE = 2  # a user mistake: missing path, bad store, bad arguments


class UserError(Exception):
    """A mistake the user can fix: printed as one line on stderr, never a traceback."""


# --------------------------------------------------------------------------- output helpers


def _dumps(obj: Any) -> str:
    from explorer.export import dumps

    return dumps(obj)


def _write_lines(lines: Iterable[str]) -> None:
    out = sys.stdout
    for line in lines:
        out.write(line)
        out.write("\n")
    out.flush()


def _printable(text: str) -> str:
    """Text for one terminal line: control characters (ESC above all) and bidi overrides
    shown escaped, never sent."""
    from explorer.export import printable

    return printable(text)


def _name(path: object) -> str:
    """A path or id for a terminal line: every unsafe character escaped."""
    from explorer.export import clean_id

    return clean_id(str(path))


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    """A JSON record safe for the tools it feeds (explorer.export says what that means)."""
    from explorer.export import clean_record

    return clean_record(record)


def _error(message: str) -> None:
    # Messages name files, and a file name is as untrusted as a document's text.
    from explorer.export import clean_id

    sys.stderr.write(f"explorer: {clean_id(message)}\n")
    sys.stderr.flush()


def _print_table(
    columns: Sequence[str], rows: Iterable[Sequence[str]], right: Sequence[str] = ()
) -> None:
    """A plain rich table: every cell is Text, so data is never read as markup."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column, justify="right" if column in right else "left")
    for row in rows:
        table.add_row(*(Text(_printable(cell)) for cell in row))
    Console(highlight=False).print(table)


# --------------------------------------------------------------------------- the parser


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the store file (default: $EXPLORER_DB, else the user data directory)",
    )


def _Parser(**kwargs: Any) -> argparse.ArgumentParser:
    """An argparse parser, with a user's mistake on one line (DESIGN.md: one clear line on
    stderr). argparse is imported here, when a parser is made: `explorer extract --jsonl`
    makes none (see _extract_args)."""
    return _parser_class()(**kwargs)


@functools.cache
def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    class _OneLineParser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")

    return _OneLineParser


class _NeedAllParsers(Exception):
    """argparse reached a sub-command whose parser was not built (see build_parser)."""


class _Unbuilt:
    """Stands in for a sub-command's parser that this process will not use: it takes the
    arguments and sub-commands it is given and keeps none of them; if argparse does reach it
    after all, it says so, and main() parses again with every parser built."""

    def __init__(self, **kwargs: Any) -> None:
        pass

    def add_argument(self, *args: Any, **kwargs: Any) -> None:
        pass

    def add_subparsers(self, **kwargs: Any) -> _Unbuilt:
        return self

    def add_parser(self, name: str, **kwargs: Any) -> _Unbuilt:
        return self

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> NoReturn:
        raise _NeedAllParsers


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The sub-command parser; `explorer [--db PATH] [PATH...]` (the TUI) is handled apart.

    With `only`, that sub-command's parser alone is built in full: the others are listed, by
    name and help, in the same order, but their arguments are not added (building all of them
    was ~33 M instructions, 10% of `explorer extract --jsonl`'s start-up, in every process).
    """
    import argparse

    def subparser(**kwargs: Any) -> Any:
        # argparse names a sub-command's parser "explorer NAME"
        if only is None or kwargs.get("prog") == f"explorer {only}":
            return _Parser(**kwargs)
        return _Unbuilt()

    parser = _Parser(
        prog="explorer",
        description=(
            "Explore the facts inside a pile of text documents. With no command, opens the "
            "terminal app (ingesting PATH... first, or the bundled sample when the store is "
            "empty)."
        ),
        epilog="Run `explorer COMMAND --help` for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"explorer {__version__}")
    # `explorer --db PATH COMMAND ...` works as `explorer COMMAND --db PATH ...` does.
    parser.add_argument("--db", dest="global_db", metavar="PATH", help=argparse.SUPPRESS)
    # argparse calls parser_class(**kwargs); typeshed wants a class, a factory does as well
    sub = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        parser_class=cast("type[argparse.ArgumentParser]", subparser),
    )

    p = sub.add_parser(
        "ingest",
        help="parse files into the store",
        description=(
            "Read files and folders (walked recursively), extract their facts and store them. "
            "Unchanged files are skipped; changed files replace their old facts."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    _db_option(p)
    p.add_argument(
        "--prune", action="store_true", help="remove stored documents whose file has vanished"
    )
    p.add_argument(
        "--max-bytes",
        type=int,
        metavar="N",
        help="skip (and report) files larger than N bytes (default 50,000,000)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help=(
            "parse on a Dask cluster: a scheduler's address (tcp://HOST:8786), or local:N for "
            "N worker processes here; needs explorer[cluster] (the store is the same)"
        ),
    )

    p = sub.add_parser(
        "extract",
        help="parse files and print their facts as JSON Lines",
        description=(
            "Parse documents without storing anything: one JSON object per "
            "document, in input order (the extract contract)."
        ),
    )
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"id": ..., "text": ...} lines on stdin instead of files',
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="parse in N processes when the input is large enough (default: the cores "
        "this process may use; 1: all in this process)",
    )

    p = sub.add_parser(
        "search",
        help="search sentences, entities and facts",
        description=(
            "Fuzzy, typo-tolerant search. Query syntax: terms must all match; "
            '\'word exact; "a phrase"; ^start; !exclude; a | b; label:PERSON '
            "or @person; doc:NAME; date:1987-03, after:1987-03-01, before:1987-Q2."
        ),
    )
    p.add_argument("query", nargs="?", metavar="QUERY")
    _db_option(p)
    p.add_argument(
        "--limit",
        type=int,
        default=None,
        metavar="N",
        help="at most N hits (default 20); with --group, N per group (default: as the app "
        "shows them, 25 entities, 25 facts, 100 sentences)",
    )
    p.add_argument("--json", action="store_true", help="one JSON object per hit")
    p.add_argument(
        "--group",
        action="store_true",
        help="entities, facts and sentences apart, each with how many there are in all "
        '(what the app shows); with --json, each hit says its "group"',
    )
    p.add_argument(
        "--offset",
        type=int,
        default=0,
        metavar="N",
        help="with --group: skip the first N hits of each group (the next page)",
    )
    p.add_argument(
        "--batch",
        action="store_true",
        help="read one query per line on stdin, write one JSON line per query; its ms is "
        "the grouped search a keystroke of the app runs",
    )

    p = sub.add_parser("entities", help="list entities with their mention counts")
    _db_option(p)
    p.add_argument("--label", metavar="L", help="only this label (PERSON, ORG, GPE, ...)")
    p.add_argument("--limit", type=int, default=0, metavar="N", help="at most N (0: all)")
    p.add_argument("--json", action="store_true", help="one JSON object per entity")
    p.add_argument(
        "--related",
        metavar="NAME",
        help="the entities that appear with NAME (a name or LABEL:name), most significant first",
    )

    _rules_parser(sub)
    _marks_parsers(sub)
    _serve_parser(sub)

    p = sub.add_parser("facts", help="list facts with their provenance")
    _db_option(p)
    p.add_argument("--predicate", metavar="P", help="only this predicate (title, said, ...)")
    p.add_argument("--limit", type=int, default=0, metavar="N", help="at most N (0: all)")
    p.add_argument("--json", action="store_true", help="one JSON object per fact")

    p = sub.add_parser(
        "export",
        help="export documents, entities, mentions or facts",
        description="Write a table of the store as JSON Lines or CSV, with "
        "provenance (document, sentence, offsets).",
    )
    _db_option(p)
    p.add_argument("what", choices=("documents", "entities", "mentions", "facts"))
    p.add_argument(
        "--format",
        choices=("jsonl", "csv"),
        help="jsonl or csv (default: csv for an -o FILE ending in .csv, else jsonl)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    p = sub.add_parser("stats", help="count what the store holds")
    _db_option(p)
    p.add_argument("--json", action="store_true", help="one JSON object")

    p = sub.add_parser(
        "check",
        help="verify the store and its derived files (exit 1 on any problem)",
        description="Verify the store as SQLite's integrity_check does: the file parses, "
        "every record has its types, mentions and facts point at stored documents and "
        "sentences with offsets in range, entity keys resolve, and the derived files "
        "(sidecar, entity keys, search index) match their checksums. One line per problem, "
        "then a summary; exit 0 when clean, 1 when not.",
    )
    _db_option(p)
    p.add_argument(
        "--repair",
        action="store_true",
        help="rebuild derived files and remove temporary files; a damaged store is never "
        "written over: a repaired copy is written beside it",
    )
    p.add_argument("--json", action="store_true", help="one JSON object")
    return parser


def _rules_parser(sub: Any) -> None:
    import argparse

    p = sub.add_parser(
        "rules",
        help="list, add, remove, export and import the rules that fix entity identity",
        description=(
            "Your word on which names are one entity, kept in the store and applied after the "
            "automatic resolution on every read and every ingest: merge NAME into TARGET, "
            "split NAME off the entity it was merged into, rename NAME to TARGET, relabel NAME "
            "as a LABEL. NAME and TARGET are entity names as `explorer entities` lists them "
            "(or a name merged into one)."
        ),
    )
    # Its own dest: an action's --db default (None) would otherwise hide this one.
    p.add_argument("--db", dest="rules_db", metavar="PATH", help=argparse.SUPPRESS)
    rules = p.add_subparsers(dest="rules_command", metavar="ACTION")
    r = rules.add_parser("list", help="the rules, oldest first")
    _db_option(r)
    r.add_argument("--json", action="store_true", help="one JSON object per rule")
    r = rules.add_parser(
        "add",
        help="add a rule: merge NAME TARGET | split NAME | rename NAME NEW | relabel NAME LABEL",
        description=(
            'Examples: rules add merge "Volcker" "Paul Volcker" --label PERSON; '
            'rules add split "Espoo" --label GPE; rules add rename "K Mart" "Kmart"; '
            'rules add relabel "Nokia" ORG --label GPE.'
        ),
    )
    _db_option(r)
    r.add_argument("op", choices=("merge", "split", "rename", "relabel"))
    r.add_argument("name", metavar="NAME")
    r.add_argument("target", nargs="?", metavar="TARGET", help="the entity, new name or label")
    r.add_argument(
        "--label", metavar="L", help="only entities of this label (for merge: both sides)"
    )
    r.add_argument("--target-label", metavar="L", help="merge: the label of TARGET")
    r = rules.add_parser("remove", help="remove a rule by its number (see rules list)")
    _db_option(r)
    r.add_argument("id", type=int, metavar="N")
    r = rules.add_parser("undo", help="remove the newest rule")
    _db_option(r)
    r = rules.add_parser("export", help="write the rules as JSON Lines (to share them)")
    _db_option(r)
    r.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    r = rules.add_parser("import", help="add the rules of a JSON Lines file (- for stdin)")
    _db_option(r)
    r.add_argument("file", metavar="FILE")


def _marks_parsers(sub: Any) -> None:
    for name, what in (
        ("marks", "every marked, starred, tagged or noted item (the case file)"),
        ("tags", "the tags with how many items carry each, and the items"),
        ("notes", "the notes with the items they are on"),
    ):
        p = sub.add_parser(name, help=what)
        _db_option(p)
        p.add_argument("--json", action="store_true", help="one JSON object per line")


def build_tui_parser() -> argparse.ArgumentParser:
    """The parser of `explorer [PATH...]`: the TUI, ingesting PATH... first."""
    parser = _Parser(
        prog="explorer",
        description="Open the terminal app, ingesting PATH... first. "
        f"Commands: {', '.join(COMMANDS)} (explorer COMMAND --help).",
    )
    parser.add_argument("--version", action="version", version=f"explorer {__version__}")
    _db_option(parser)
    parser.add_argument("paths", nargs="*", metavar="PATH")
    return parser


def _extract_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of `explorer extract --jsonl [--jobs N]`, read without argparse: the
    form a script runs again and again, and whose start-up is measured (importing argparse
    and building its parser cost ~25 M instructions). None for any other form (paths, help,
    an abbreviation, a mistake): argparse reads those, as before, and says what is wrong."""
    if not argv or argv[0] != "extract":
        return None
    jsonl, jobs = False, None
    rest = iter(argv[1:])
    for arg in rest:
        if arg == "--jsonl":
            jsonl = True
            continue
        if arg == "--jobs":
            arg = next(rest, "")
        elif arg.startswith("--jobs="):
            arg = arg[len("--jobs=") :]
        else:
            return None
        if not (arg.isascii() and arg.isdigit()):
            return None
        jobs = int(arg)
    if not jsonl:
        return None
    import types

    args = types.SimpleNamespace(command="extract", global_db=None, paths=[], jsonl=True, jobs=jobs)
    return cast("argparse.Namespace", args)


def _first_positional(argv: Sequence[str]) -> str | None:
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--db":
            skip = True
            continue
        if arg.startswith("-"):
            continue
        return arg
    return None


# --------------------------------------------------------------------------- store access


def _db_path(explicit: str | None) -> Path:
    from explorer.store import default_db_path

    return default_db_path(explicit)


def _open_store(explicit: str | None, *, readonly: bool) -> Store:
    from explorer.store import Store, StoreError

    path = _db_path(explicit)
    if readonly and not path.exists():
        raise UserError(
            f"no store at {path}: run `explorer ingest PATH...` first (or pass --db PATH)"
        )
    try:
        store = Store.open(path, readonly=readonly)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    damaged = store.damaged
    if damaged and readonly:  # a writer refuses them, and says so
        _error(
            f"warning: {path}: {len(damaged)} damaged record(s) skipped, first {damaged[0]}; "
            f"run `explorer check --db {path}`"
        )
    return store


def _check_paths(paths: Sequence[str], *, all_needed: bool = True) -> list[Path]:
    """The paths, expanded. A missing one is a user mistake when every path is needed (the
    app) or when none exists; otherwise ingest and extract report it and go on."""
    from pathlib import Path

    out = [Path(raw).expanduser() for raw in paths]
    missing = [raw for raw, path in zip(paths, out, strict=True) if not path.exists()]
    if missing and (all_needed or len(missing) == len(out)):
        raise UserError(f"{missing[0]}: no such file or folder")
    return out


# --------------------------------------------------------------------------- commands


def cmd_ingest(args: argparse.Namespace) -> int:
    """`explorer ingest PATH...`: parse and store the files; 1 if any file failed."""
    from explorer.store import StoreError
    from explorer.store.cluster import ClusterError

    paths = _check_paths(args.paths, all_needed=False)
    if args.max_bytes is not None and args.max_bytes < 1:
        raise UserError("--max-bytes must be at least 1")
    store = _open_store(args.db, readonly=False)
    if args.max_bytes is not None:
        store.max_bytes = args.max_bytes
    try:
        # With EXPLORER_INDEX_BATCHES=1 the search index grows as each batch is committed
        # (a tail of its documents: docs/scale.md, "Growing the index during an ingest";
        # not the default: measured, the identity decisions made at the ingest's end send
        # ~40% of the BBC's documents back to be indexed again). Either way it is brought
        # up to date here, not on the app's first open: the first screen after an ingest is
        # then a warm one (issue 12).
        batches = os.environ.get("EXPLORER_INDEX_BATCHES", "") == "1"
        report = _ingest_with_progress(
            store,
            paths,
            prune=args.prune,
            scheduler=args.scheduler,
            on_commit=_grow_index if batches else None,
        )
        _load_index(store)
    except StoreError as exc:  # the lock is held, the disk is full, the store is read-only
        if isinstance(exc, ClusterError):  # unreachable: not a mistake in the command
            _error(str(exc))
            return EXIT_FAILED
        raise UserError(str(exc)) from None
    finally:
        store.close()
    for failure in report.failed:
        _error(f"{failure.path}: {failure.message}")
    return EXIT_FAILED if report.failed else EXIT_OK


def _ingest_with_progress(
    store: Store,
    paths: list[Path],
    *,
    prune: bool = False,
    scheduler: str | None = None,
    on_commit: Callable[[Store], None] | None = None,
):
    """Ingest with a rich progress bar on a terminal, plain lines when piped; print a summary."""
    started = time.perf_counter()
    if sys.stderr.isatty():
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        class RateColumn(TextColumn):
            def render(self, task):  # type: ignore[override]
                from rich.text import Text

                speed = task.finished_speed or task.speed
                return Text(f"{speed:,.0f} docs/s" if speed else "", style="progress.data.speed")

        with Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(""),
            TimeElapsedColumn(),
            transient=True,
        ) as bar:
            task = bar.add_task("ingesting", total=None)

            def progress(done: int, total: int, path: object) -> None:
                bar.update(task, completed=done, total=total)

            report = store.ingest(
                paths, progress=progress, prune=prune, scheduler=scheduler, on_commit=on_commit
            )
    else:
        last = [0.0]

        def progress(done: int, total: int, path: object) -> None:
            now = time.perf_counter()
            if done == total or now - last[0] >= 2.0:
                last[0] = now
                sys.stderr.write(f"ingest: {done}/{total} files\n")
                sys.stderr.flush()

        report = store.ingest(
            paths, progress=progress, prune=prune, scheduler=scheduler, on_commit=on_commit
        )
    elapsed = time.perf_counter() - started
    for warning in report.warnings:
        sys.stderr.write(f"warning: {_printable(warning)}\n")
    if report.dates_not_understood:
        examples = ", ".join(repr(_printable(e)) for e in report.date_examples)
        sys.stderr.write(
            f"{report.dates_not_understood:,} date{'s' if report.dates_not_understood > 1 else ''}"
            f" not understood, e.g. {examples} (kept as written in meta.date_unparsed)\n"
        )
    processed = report.added + report.updated
    rate = processed / elapsed if elapsed > 0 else 0.0
    sys.stderr.write(
        f"ingested {_name(store.path)}: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.duplicates} duplicates, {report.pruned} pruned, "
        f"{len(report.failed)} failed "
        f"in {elapsed:.1f}s ({rate:,.0f} docs/s); store holds {report.documents} documents, "
        f"{report.sentences} sentences, {report.entities} entities, {report.facts} facts\n"
    )
    return report


def _jsonl_records() -> Iterator[tuple[str, str | None, dict[str, Any] | str]]:
    """(id, text, meta) per stdin line, or (id, None, error message) for a bad line.

    The text is kept exactly as sent: offsets must index into the caller's own string, so
    nothing is sanitised here (the output is JSON; nothing reaches a terminal raw).
    """
    import orjson

    from explorer.ingest.metadata import clean_title, normalize_author, normalize_date, sniff

    for number, line in enumerate(sys.stdin.buffer, start=1):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]  # a byte-order mark from an editor: not part of the JSON
        if not line.strip():
            continue
        doc_id: Any = f"line {number}"
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            yield doc_id, None, f"line {number}: not valid UTF-8"
            continue
        try:
            record = orjson.loads(line)
        except ValueError as exc:  # orjson.JSONDecodeError is a ValueError
            yield doc_id, None, f"line {number}: {exc}"
            continue
        if isinstance(record, dict) and record.get("id") is not None:
            doc_id = record["id"]  # echoed as sent (a number stays a number)
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield doc_id, None, f'line {number}: expected a JSON object with a "text" string'
            continue
        text = record["text"]
        title, date, author = sniff(text)
        given = normalize_date(record.get("date"))
        meta = {
            "title": clean_title(record["title"]) if record.get("title") else title or str(doc_id),
            "date": given or date,
            "author": normalize_author(record.get("author")) or author,
        }
        if meta["date"]:
            meta["date_source"] = "field" if given else "byline"
        if record.get("date") not in (None, "") and not given:
            meta["date_unparsed"] = str(record["date"])
        yield doc_id, text, meta


def _extract_records(args: argparse.Namespace) -> Iterator[tuple[str, str | None, Any]]:
    """(id, text, meta) in input order, or (id, None, error message)."""
    if args.jsonl:
        yield from _jsonl_records()
        return
    from pathlib import Path

    from explorer.ingest import iter_documents
    from explorer.ingest.catalog import warnings
    from explorer.ingest.files import document_id
    from explorer.model import IngestError, unique_document_id

    for warning in warnings([Path(raw).expanduser() for raw in args.paths]):
        sys.stderr.write(f"warning: {_printable(warning)}\n")
    seen: set[str] = set()

    def unique(doc_id: str, root: Path | None) -> str:
        # Two folders given may hold the same names ("a/x.txt", "b/x.txt"): the second is
        # named by its folder too, as ingest names it, so every id in the output is distinct.
        doc_id = unique_document_id(doc_id, seen, root.name if root is not None else None)
        seen.add(doc_id)
        return doc_id

    for raw in args.paths:
        path = Path(raw).expanduser()
        if not path.exists():
            yield unique(raw, None), None, "no such file or folder"
            continue
        root = path if path.is_dir() else None
        for item in iter_documents([path]):
            if isinstance(item, IngestError):
                # The id a document of that file would have had, so a caller can match it.
                yield unique(document_id(Path(item.path), root), root), None, item.message
            else:
                yield unique(item.id, root), item.text, item.meta_dict()


def _extract_line(doc_id: str, text: str | None, meta: Any) -> tuple[str, str | None]:
    """The output line of one (id, text, meta) record, and what stderr is told if it failed."""
    from explorer.export import clean_value
    from explorer.nlp import extract

    if text is None:
        line = _dumps(_clean({"id": doc_id, "error": meta}))
        # stdout is for tools; the person is told on stderr too
        return line, meta if meta.startswith(f"{doc_id}:") else f"{doc_id}: {meta}"
    # Ids and metadata are cleaned; the mentions index into the caller's own text, so
    # what is derived from the text stays exact (JSON escapes its control characters).
    safe_id = clean_value(doc_id, "id")
    try:
        return _dumps(extract(text, meta).to_dict(safe_id, _clean(meta))), None
    except Exception as exc:  # one bad document never stops the rest
        line = _dumps(_clean({"id": doc_id, "error": f"extraction failed: {exc!r}"}))
        return line, f"{doc_id}: extraction failed: {exc!r}"


def _extract_lines(
    records: list[tuple[str, str | None, Any]],
) -> list[tuple[str, str | None, str]]:
    """_extract_line over a chunk of records (one round trip to a worker for several), with
    what each wrote to stderr on the way, for the parent to write in the documents' order."""
    import contextlib
    import io

    results = []
    for record in records:
        with contextlib.redirect_stderr(io.StringIO()) as said:
            line, message = _extract_line(*record)
        results.append((line, message, said.getvalue()))
    return results


def _said_on_stderr(
    records: Iterator[tuple[str, str | None, Any]],
) -> Iterator[tuple[tuple[str, str | None, Any], str]]:
    """Each record with what reading it wrote to stderr (a PDF library's warning): read ahead
    of the output, that is written when the record's own line is, as one process does."""
    import contextlib
    import io

    while True:
        said = io.StringIO()
        try:
            with contextlib.redirect_stderr(said):
                record = next(records, None)
        except BaseException:  # a reader's "usage" error, Ctrl+C: what it said goes first
            sys.stderr.write(said.getvalue())
            raise
        if record is None:
            if said.getvalue():
                sys.stderr.write(said.getvalue())
            return
        yield record, said.getvalue()


# Starting the workers costs a few ms of wall-clock time (forking, the first round trip); two
# cores halve the rest, which CoNLL text costs at ~1.4 ms a KB: below ~60 KB one process is
# as quick (measured on 12-96 KB of CoNLL dev, with the process pool it replaced).
PARALLEL_MIN_CHARS = 64_000
PARALLEL_MIN_DOCS = 4
CHUNK_CHARS = 16_000  # text sent to a worker in one round trip
CHUNK_DOCS = 64
IN_FLIGHT = 2  # chunks a worker holds at once: one it extracts, the next waiting in its pipe
# Once the input has ended, what is left is dealt in ever smaller chunks (a share of it, at
# least this much text), so that the workers end together: with whole chunks to the end,
# one worker could still have up to two to do when the other had none (~9% of a CoNLL dev
# run's critical path a chunk).
LAST_CHUNK_CHARS = 2_000


def _pack(obj: Any) -> bytes:
    """One message on a worker's pipe: its length, then marshal's bytes (pickle's for what
    marshal cannot write: metadata of another type than JSON's)."""
    import marshal

    try:
        body = b"M" + marshal.dumps(obj)
    except ValueError:
        import pickle

        body = b"P" + pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return len(body).to_bytes(8, "big") + body


def _unpack(body: bytes | bytearray) -> Any:
    import marshal

    if body[:1] == b"M":
        return marshal.loads(memoryview(body)[1:])
    import pickle

    return pickle.loads(memoryview(body)[1:])


def _read_message(fd: int) -> bytes | None:
    """The next message on `fd`, blocking; None at its end (the parent is done, or gone)."""
    head = _read_exactly(fd, 8)
    return None if head is None else _read_exactly(fd, int.from_bytes(head, "big"))


def _read_exactly(fd: int, size: int) -> bytes | None:
    parts = []
    while size:
        part = os.read(fd, min(size, 1 << 20))
        if not part:
            return None
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _worker(requests: int, replies: int, parent: int) -> NoReturn:
    """A forked worker: extract the chunks of records read from `requests`, write each
    chunk's results to `replies`, until the parent closes its end. Ctrl+C is the parent's to
    handle (it stops the workers), and a worker ends when the parent does. It leaves by
    os._exit, past the atexit hook: the patterns its documents compiled on first use are
    saved first, or every run's workers compile them again."""
    import signal

    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # forked while the parent held Ctrl+C back: ignored now
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})

        def orphaned(*_: Any) -> None:
            if os.getppid() != parent:
                os._exit(1)  # extract was killed: do not linger as an orphan

        signal.signal(signal.SIGALRM, orphaned)
        signal.setitimer(signal.ITIMER_REAL, 1.0, 1.0)
        while (body := _read_message(requests)) is not None:
            reply = _pack(_extract_lines(_unpack(body)))
            view = memoryview(reply)
            while view:
                view = view[os.write(replies, view) :]
        signal.setitimer(signal.ITIMER_REAL, 0)
        from explorer.nlp import regexes

        regexes.save_compiled()
        code = 0
    finally:
        os._exit(code)


class _Chunk:
    """Records sent to a worker as one message, and their results once back (None until
    then, and for ever if the worker died: then this process extracts them)."""

    __slots__ = ("records", "read", "results")

    def __init__(self, records: list[Any], read: list[str]) -> None:
        self.records = records
        self.read = read
        self.results: list[Any] | None = None


class _Workers:
    """`jobs` forked processes, each with a pipe in (chunks of records) and a pipe out (their
    results, in the order sent). This process never blocks writing to a worker (its pipe is
    non-blocking, written as it drains), so a worker writing a long result never waits on a
    parent that waits on it. If a worker dies, no more is sent to any of them."""

    def __init__(self, jobs: int) -> None:
        import signal
        from collections import deque

        self.pids: list[int] = []
        self.requests: list[int] = []  # this process's end of each worker's pipe in
        self.replies: list[int] = []
        self.outgoing: list[bytearray] = []
        self.incoming: list[bytearray] = []
        self.waiting: list[deque[_Chunk]] = []
        self.ready: deque[_Chunk] = deque()
        self.broken = False
        self.in_flight = IN_FLIGHT  # 1 once the input has ended: see _extract_in_workers
        parent = os.getpid()
        # Ctrl+C is held back while forking: one arriving mid-fork could kill a worker before
        # it ignores it; held, it is raised in this process just after, which stops them all.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            for _ in range(jobs):
                request_r, request_w = os.pipe()
                reply_r, reply_w = os.pipe()
                pid = os.fork()
                if pid == 0:
                    for fd in (*self.requests, *self.replies, request_w, reply_r):
                        os.close(fd)
                    _worker(request_r, reply_w, parent)
                os.close(request_r)
                os.close(reply_w)
                os.set_blocking(request_w, False)
                self.pids.append(pid)
                self.requests.append(request_w)
                self.replies.append(reply_r)
                self.outgoing.append(bytearray())
                self.incoming.append(bytearray())
                self.waiting.append(deque())
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        except BaseException:  # Ctrl+C held back while forking: stop those started
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            self.stop()
            raise

    def submit(self, chunk: _Chunk) -> None:
        self.ready.append(chunk)
        self._dispatch()

    def room(self) -> bool:
        """Whether a chunk submitted now would be sent at once (or done by this process,
        once a worker has died), not queued here."""
        return self.broken or any(len(waiting) < self.in_flight for waiting in self.waiting)

    def _dispatch(self) -> None:
        while self.ready and not self.broken:
            i = min(range(len(self.pids)), key=lambda k: len(self.waiting[k]))
            if len(self.waiting[i]) >= self.in_flight:
                return
            chunk = self.ready.popleft()
            self.outgoing[i] += _pack(chunk.records)
            self.waiting[i].append(chunk)

    def pump(self, block: bool) -> None:
        """Write what waits to be sent, read what came back; with `block`, wait for either."""
        import select

        if self.broken:
            return
        writing = [fd for fd, out in zip(self.requests, self.outgoing, strict=True) if out]
        readable, writable, _ = select.select(self.replies, writing, [], None if block else 0)
        for fd in writable:
            i = self.requests.index(fd)
            try:
                sent = os.write(fd, self.outgoing[i][: 1 << 16])
            except BlockingIOError:
                continue
            except OSError:  # BrokenPipeError: the worker died
                self._died()
                return
            del self.outgoing[i][:sent]
        for fd in readable:
            i = self.replies.index(fd)
            data = os.read(fd, 1 << 20)
            if not data:  # the worker died (out of memory?)
                self._died()
                return
            inbox = self.incoming[i]
            inbox += data
            while len(inbox) >= 8 and len(inbox) >= 8 + (n := int.from_bytes(inbox[:8], "big")):
                self.waiting[i].popleft().results = _unpack(inbox[8 : 8 + n])
                del inbox[: 8 + n]
        self._dispatch()

    def _died(self) -> None:
        """A worker died: the others are stopped; what none has done, this process does."""
        self.broken = True
        self.stop()

    def stop(self) -> None:
        """Stop the workers now, even deep in a long document."""
        import signal

        for pid in self.pids:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
        self.close()

    def close(self) -> None:
        """Close the pipes (a worker still running ends when it has read all that was sent)
        and wait for the workers to end."""
        for fd in (*self.requests, *self.replies):
            with contextlib.suppress(OSError):
                os.close(fd)
        self.requests, self.replies = [], []
        for pid in self.pids:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self.pids = []


def _extract_in_workers(
    pairs: Iterator[tuple[tuple[str, str | None, Any], str]], jobs: int, kind: str = "extract"
) -> Iterator[tuple[str, str | None, str]]:
    """(line, message, what reading and extracting it said on stderr) of every (record, what
    reading it said), in input order: the first document here, the rest by `jobs` forked
    processes, in chunks of ~16 KB of text (smaller ones at the end, so the workers end
    together), at most four chunks a worker and ~64 KB read ahead (bounded memory). The workers are forked warm (word lists and patterns loaded, frozen out of the
    collector's sight), so they share them copy-on-write. They are plain forks talking
    marshal over pipes: concurrent.futures and multiprocessing cost extract ~80 M
    instructions to import, before the workers could start. If a worker dies, the records
    not yet done are extracted in this process instead."""
    from collections import deque

    # The first document is extracted here, before the fork: work to do anyway, and what it
    # loads (word lists, the patterns compiled on first use on the paths real text takes, the
    # output's modules) is then loaded once for every worker, not once in each (with a
    # made-up sentence as the warm-up each worker spent ~20 M instructions more on CoNLL dev).
    for record, said in pairs:
        for line, message, during in _extract_lines([record]):
            yield line, message, said + during
        if record[1] is not None:
            break
    else:
        return
    _warmed_up(kind)
    sys.stdout.flush()  # a forked worker flushes what it inherited: nothing may be pending
    sys.stderr.flush()
    window: deque[_Chunk] = deque()
    limit = jobs * 4

    def settle(chunk: _Chunk) -> Iterator[tuple[str, str | None, str]]:
        results = chunk.results
        if results is None:
            results = _extract_lines(chunk.records)
        for said, (line, message, during) in zip(chunk.read, results, strict=True):
            yield line, message, said + during

    workers = _Workers(jobs)
    # Read ahead of the workers (records not yet sent): when the input ends, how much is left
    # is known, and the last chunks are cut to a share of it.
    pool: deque[tuple[tuple[str, str | None, Any], str]] = deque()
    pooled = 0  # the length of their texts
    ahead = jobs * IN_FLIGHT * CHUNK_CHARS
    reading = True
    try:
        while True:
            while reading and pooled < ahead:
                pair = next(pairs, None)
                if pair is None:
                    reading = False
                    # From now on a worker gets a chunk only when it has none: one queued
                    # behind another could keep it busy while the other worker waits.
                    workers.in_flight = 1
                    break
                pool.append(pair)
                pooled += len(pair[0][1] or "")
                workers.pump(block=False)
            while pool and len(window) < limit and workers.room():
                size = CHUNK_CHARS
                if not reading:
                    size = min(size, max(LAST_CHUNK_CHARS, pooled // (2 * jobs)))
                records: list[Any] = []
                read: list[str] = []
                cut = 0
                while pool and cut < size and len(records) < CHUNK_DOCS:
                    record, said = pool.popleft()
                    records.append(record)
                    read.append(said)
                    cut += len(record[1] or "")
                pooled -= cut
                window.append(chunk := _Chunk(records, read))
                workers.submit(chunk)
            if not window:  # nothing sent, nothing to read: all done
                break
            if window[0].results is None and not workers.broken:
                workers.pump(block=True)
            else:
                yield from settle(window.popleft())
    except BaseException:  # Ctrl+C, a closed pipe: stop the workers, do not wait for them
        workers.stop()
        raise
    workers.close()


def _jobs(args: argparse.Namespace) -> int:
    if args.jobs is not None:
        if args.jobs < 1:
            raise UserError("--jobs must be at least 1")
        return int(args.jobs)
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def cmd_extract(args: argparse.Namespace) -> int:
    """`explorer extract`: the extract contract, one JSON line per document, nothing stored."""
    if not args.jsonl and not args.paths:
        raise UserError("extract needs PATH... or --jsonl (documents on stdin)")
    if args.jsonl and args.paths:
        raise UserError("extract takes PATH... or --jsonl (documents on stdin), not both")
    jobs = _jobs(args)
    # Until the first document is done, start-up only builds what stays (modules, word lists,
    # patterns, ~400,000 objects) and makes next to no garbage: the collector, triggered again
    # and again on the way, would walk them all for nothing (~6% of start-up's instructions).
    # _warmed_up() lets it run again; so does the end of the command, whatever way it ends.
    import gc

    _defer_inspect()
    collecting = gc.isenabled()
    gc.disable()
    try:
        from explorer.nlp import regexes

        # before orjson and the readers import the modules that compile patterns as they load
        regexes.seed_re_cache(_start_kind(args))
        return _extract(args, jobs)
    finally:
        if collecting:
            gc.enable()


def _extract(args: argparse.Namespace, jobs: int) -> int:
    records = _extract_records(args)
    pairs: Iterator[tuple[tuple[str, str | None, Any], str]] = ((r, "") for r in records)
    failed = 0
    out = sys.stdout
    if jobs > 1:
        import itertools

        # Look ahead: a few small documents are done before a worker would have started.
        pairs = _said_on_stderr(records)
        head: list[tuple[tuple[str, str | None, Any], str]] = []
        size = 0
        for pair in pairs:
            head.append(pair)
            size += len(pair[0][1] or "")
            if size >= PARALLEL_MIN_CHARS and len(head) >= PARALLEL_MIN_DOCS:
                break
        if size < PARALLEL_MIN_CHARS or len(head) < PARALLEL_MIN_DOCS:
            pairs = iter(head)  # that was all of it: done here, below
        else:
            for line, message, said in _extract_in_workers(
                itertools.chain(head, pairs), jobs, _start_kind(args)
            ):
                if said:
                    sys.stderr.write(said)
                if message is not None:
                    failed += 1
                    _error(message)
                out.write(line)
                out.write("\n")
            out.flush()
            return EXIT_FAILED if failed else EXIT_OK
    frozen = False
    for (doc_id, text, meta), said in pairs:
        if said:
            sys.stderr.write(said)  # what reading it said, then what extracting it says
        line, message = _extract_line(doc_id, text, meta)
        if message is not None:
            failed += 1
            _error(message)
        out.write(line)
        out.write("\n")
        if not frozen and text is not None:
            _warmed_up(_start_kind(args))
            frozen = True
    out.flush()
    return EXIT_FAILED if failed else EXIT_OK


def _end_now(code: int) -> NoReturn:
    """End the process past the interpreter's own clean-up, which frees every object of the
    word lists and patterns one by one (~15 M instructions once the last line is written).
    What matters of it is done first: the atexit hooks (the patterns compiled on the way are
    saved) and the output flushed."""
    import atexit

    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _defer_inspect() -> None:
    """Make `import inspect` cheap until something reads from the module. orjson imports
    dataclasses (for one constant), and dataclasses imports inspect at its top (with ast,
    dis and tokenize: ~40 M instructions, a tenth of `explorer extract`'s start-up) only to
    use it when a class with no docstring is made a dataclass, which extract never does.
    The module stands in `sys.modules` unexecuted; the first attribute read from it runs its
    code in it (as importlib's LazyLoader does, which loads at the import system's own
    first look at `__spec__`), so it is then the real module."""
    if "inspect" in sys.modules:
        return
    import importlib.util
    import types

    spec = importlib.util.find_spec("inspect")
    if spec is None or spec.loader is None:
        return
    loader = spec.loader

    class _Deferred(types.ModuleType):
        def __getattr__(self, name: str) -> Any:
            if name == "__path__":  # the import system asks: inspect is no package
                raise AttributeError(name)
            self.__class__ = types.ModuleType  # type: ignore[assignment]
            loader.exec_module(self)
            return getattr(self, name)

    module = importlib.util.module_from_spec(spec)
    module.__class__ = _Deferred
    sys.modules["inspect"] = module


def _start_kind(args: argparse.Namespace) -> str:
    """What an extract's start imports (and so which patterns re compiles on the way): the
    readers of files and folders, or only the JSON lines' reader."""
    return "extract --jsonl" if args.jsonl else "extract PATH"


def _warmed_up(kind: str) -> None:
    """After the first document: what start-up and that document loaded (modules, word lists,
    patterns) stays for the whole process, so it leaves the collector's sight for good
    (gc.freeze), and the collector, held back since start-up, runs again."""
    import gc

    from explorer.nlp import regexes

    regexes.keep_re_cache(kind)  # what start-up compiled through re, for the next start
    gc.freeze()
    gc.enable()


def _load_index(store: Store):
    from explorer.search import SearchIndex

    return SearchIndex.load_or_build(store)


def _grow_index(store: Store) -> None:
    """After a batch of an ingest is committed: its documents added to the search index as
    a tail (`SearchIndex.grow_batch`). A failure costs nothing but time: the end of the
    ingest brings the index up to date whatever this left."""
    from explorer.search import SearchIndex

    with contextlib.suppress(Exception):
        SearchIndex.grow_batch(store)


def cmd_search(args: argparse.Namespace) -> int:
    """`explorer search QUERY`: ranked hits, or the app's groups with --group, or --batch."""
    if args.limit is not None and args.limit < 1:
        raise UserError("--limit must be at least 1")
    if args.offset < 0:
        raise UserError("--offset must be 0 or more")
    if args.offset and not args.group:
        raise UserError("--offset pages through groups: use it with --group")
    if args.batch and args.query:
        raise UserError("search takes a QUERY or --batch (queries on stdin), not both")
    if not args.batch:
        _check_query(args.query or "")
    from explorer.export import clean_text, hit_record

    limit = 20 if args.limit is None else args.limit
    # --group pages as the app does unless told a size: what `--batch` times is a keystroke.
    limits = None
    if args.group and args.limit is not None:
        limits = dict.fromkeys(("entity", "fact", "sentence"), args.limit)
    offsets = dict.fromkeys(("entity", "fact", "sentence"), args.offset)
    store = _open_store(args.db, readonly=True)
    try:
        index = _load_index(store)
        from explorer import casefile

        def marks() -> casefile.CaseFile:  # tag: and is: read the user's marks, as the app does
            from explorer.store import StoreError

            case_file = casefile.CaseFile(store)
            try:
                case_file.reload()
            except StoreError as exc:  # a damaged marks file: one line, not a traceback
                raise UserError(str(exc)) from None
            return case_file

        def search_grouped(query: str) -> list[Any]:
            return casefile.search_grouped(index, query, marks, limits, offsets)

        def search(query: str) -> list[Any]:
            return casefile.search(index, query, marks, limit)

        if args.batch:
            for raw in sys.stdin.buffer:
                # A query is text; bytes that are not UTF-8 cannot match and must not crash.
                query = raw.decode("utf-8", "replace").rstrip("\r\n")
                started = time.perf_counter()
                groups = search_grouped(query)
                ms = (time.perf_counter() - started) * 1000.0
                hits = search(query)  # the one ranked list, as ever
                line = {
                    "query": clean_text(query),
                    "ms": round(ms, 3),
                    "hits": [_clean(hit_record(hit, query)) for hit in hits],
                    "groups": [_group_dict(group, query, with_hits=args.group) for group in groups],
                }
                sys.stdout.write(_dumps(line))
                sys.stdout.write("\n")
                sys.stdout.flush()
            return EXIT_OK
        started = time.perf_counter()
        if args.group:
            groups = search_grouped(args.query)
            ms = (time.perf_counter() - started) * 1000.0
            if args.json:
                _write_lines(
                    _dumps({**_clean(hit_record(hit, args.query)), "group": group.name})
                    for group in groups
                    for hit in group.hits
                )
            else:
                _print_groups(args.query, groups, ms)
            return EXIT_OK
        hits = search(args.query)
        ms = (time.perf_counter() - started) * 1000.0
        if args.json:
            _write_lines(_dumps(_clean(hit_record(hit, args.query))) for hit in hits)
        else:
            _print_hits(args.query, hits, ms)
    finally:
        store.close()
    return EXIT_OK


def _group_dict(group: Any, query: str, *, with_hits: bool) -> dict[str, Any]:
    """A group of a grouped search for --batch: its name, page and total ("exact": false
    when the total is a lower bound)."""
    out: dict[str, Any] = {
        "group": group.name,
        "total": group.total,
        "exact": group.exact,
        "offset": group.offset,
        "shown": len(group.hits),
    }
    if with_hits:
        from explorer.export import hit_record

        out["hits"] = [_clean(hit_record(hit, query)) for hit in group.hits]
    return out


def _group_count(group: Any) -> str:
    """'25 of 393' (or '25 of 4,000+'), or just '3' when the page holds them all."""
    shown = len(group.hits)
    if not group.more and group.offset == 0:
        return f"{shown:,}"
    first = f"{group.offset + 1:,}-{group.offset + shown:,}" if group.offset else f"{shown:,}"
    return f"{first} of {group.total:,}{'' if group.exact else '+'}"


def _check_query(query: str) -> None:
    """A single query that can match nothing is a mistake worth a line (--batch never
    fails: a tool's queries are its own business)."""
    from explorer.model import LABELS
    from explorer.search.query import parse

    if not query.strip():
        raise UserError("search needs a QUERY (or --batch with queries on stdin)")
    parsed = parse(query)
    if parsed.label_filter and not parsed.labels:
        raise UserError(f"the label in {query!r} matches no label; labels: {', '.join(LABELS)}")
    bad_dates = [name for name, ok in parsed.filters if not ok and ":" in name]
    if bad_dates:
        raise UserError(f"{bad_dates[0]} is not a date: a day, a month, 1987-Q1 or a year")
    unknown = [name for name, ok in parsed.filters if not ok]
    if unknown:  # searched as words (a time, a URL), but worth saying once
        print(f"note: {', '.join(f'{n}:' for n in unknown)} is not a filter", file=sys.stderr)
    if parsed.is_empty and not parsed.marks_filter:
        raise UserError(f"{query!r} has no words to search for")


def _print_groups(query: str, groups: list, ms: float) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=False)
    if not any(group.hits for group in groups):
        console.print(Text(f"no results for {_printable(repr(query))} ({ms:.1f} ms)", style="dim"))
        return
    for group in groups:
        if not group.hits:
            continue
        console.print(Text(f"{group.name.capitalize()} · {_group_count(group)}", style="bold"))
        _print_hit_rows(console, group.hits)
    shown = sum(len(group.hits) for group in groups)
    console.print(Text(f"{shown} results in {ms:.1f} ms", style="dim"))


def _print_hits(query: str, hits: list, ms: float) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=False)
    if not hits:
        console.print(Text(f"no results for {_printable(repr(query))} ({ms:.1f} ms)", style="dim"))
        return
    _print_hit_rows(console, hits)
    console.print(Text(f"{len(hits)} results in {ms:.1f} ms", style="dim"))


def _print_hit_rows(console: Any, hits: list) -> None:
    from rich.text import Text

    from explorer.export import clean_text

    for hit in hits:
        head = Text()
        head.append(f"{hit.kind:<9}", style="bold cyan")  # "sentence" and a space
        if hit.label:
            head.append(f"{hit.label} ", style="magenta")
        tail = Text()
        if hit.sentence >= 0:
            tail.append(f" · sentence {hit.sentence + 1}", style="dim")
        if hit.date:
            tail.append(f" · {hit.date}", style="dim")
        tail.append(f"  {hit.score:.2f}", style="dim")
        shown = hit.title or hit.doc or ""
        if not shown and hit.implied:  # an entity no document names: where it comes from
            shown = f"implied in {hit.implied:,} document{'s' if hit.implied != 1 else ''}"
        where = Text(_printable(" ".join(shown.split())), style="dim")
        # One line a hit: a long title gives way, the sentence number and score stay.
        where.truncate(max(8, console.width - len(head) - len(tail)), overflow="ellipsis")
        head.append_text(where)
        head.append_text(tail)
        # Plain text (document text is never markup), cleaned character for character so
        # the highlights still point at the matched characters.
        body = Text(clean_text(hit.text))
        for start, end in hit.highlights:
            body.stylize("bold reverse", start, end)
        console.print(head)
        for line in body.wrap(console, max(20, console.width - 2)):
            line.rstrip()
            console.print(Text("  ") + line)  # every wrapped line indented, none padded


def _known(
    given: str | None, choices: Sequence[str], what: str, norm: Callable[[str], str]
) -> str | None:
    """`given` in the form of `choices` (or None); a mistake that lists them if it is none."""
    if given is None:
        return None
    if norm(given) not in choices:
        raise UserError(f"unknown {what} {given!r}; {what}s: {', '.join(choices)}")
    return norm(given)


def _check_limit(limit: int) -> None:
    if limit < 0:
        raise UserError("--limit must be 0 (all) or more")


def cmd_entities(args: argparse.Namespace) -> int:
    """`explorer entities`: the store's entities, optionally of one label."""
    from explorer.model import LABELS

    _check_limit(args.limit)
    label = _known(args.label, LABELS, "label", str.upper)
    with _open_store(args.db, readonly=True) as store:
        if args.related is not None:
            return _print_related(store, args)
        entities = store.entities(label)
        if args.limit:
            entities = entities[: args.limit]
        if args.json:
            _write_lines(_dumps(_clean(_entity_row(entity, store))) for entity in entities)
            return EXIT_OK
    _print_table(
        ("label", "name", "mentions", "docs", "implied", "aliases"),
        (
            (
                e.label,
                e.name,
                str(e.mentions),
                str(e.documents),
                # documents that imply it without naming it (a country said by its towns)
                str(e.implied) if e.implied else "",
                ", ".join(e.aliases),
            )
            for e in entities
        ),
        right=("mentions", "docs", "implied"),
    )
    return EXIT_OK


def _find_entity(store: Store, name: str, label: str | None) -> str:
    """The key of the entity a user named (a key, or a name: the most mentioned one)."""
    if ":" in name and name.split(":", 1)[0] in _labels():
        try:
            return store.entity(name).key
        except KeyError:
            pass
    found = [e for e in store.entities(label) if e.name == name or name in e.aliases] or [
        e for e in store.entities(label) if e.name.casefold() == name.casefold()
    ]
    if not found:
        raise UserError(f"no entity named {name!r} in the store (see explorer entities)")
    found.sort(key=lambda e: (e.name != name, -e.mentions))
    return found[0].key


def _labels() -> tuple[str, ...]:
    from explorer.model import LABELS

    return LABELS


def _print_related(store: Store, args: argparse.Namespace) -> int:
    key = _find_entity(store, args.related, _known(args.label, _labels(), "label", str.upper))
    related = store.related(key, args.limit or 20)
    if args.json:
        _write_lines(
            _dumps({**_entity_row(e, store), "shared_documents": n, "score": round(score, 2)})
            for e, n, score in related
        )
        return EXIT_OK
    _print_table(
        ("label", "name", "score", "shared docs", "docs"),
        ((e.label, e.name, f"{score:.1f}", str(n), str(e.documents)) for e, n, score in related),
        right=("score", "shared docs", "docs"),
    )
    return EXIT_OK


def _entity_row(entity, store: Store | None = None) -> dict[str, Any]:
    """An entity as `entities --json` writes it: the record `export entities` writes, and
    with the store, what was merged into it and why (`merged`) and a nationality's
    `country`."""
    from explorer.export import Records

    row = Records(None).entity(entity)
    if store is not None:
        try:
            why = store.identity(entity.key)
        except KeyError:
            return row
        if why.get("merged"):
            row["merged"] = why["merged"]
        if why.get("country"):
            row["country"] = why["country"]
    return row


def _fact_row(fact) -> dict[str, Any]:
    return {**fact.to_dict(), "doc": fact.doc}


def cmd_facts(args: argparse.Namespace) -> int:
    """`explorer facts`: the store's facts, optionally of one predicate."""
    from explorer.model import PREDICATES

    _check_limit(args.limit)
    predicate = _known(args.predicate, PREDICATES, "predicate", str.lower)
    with _open_store(args.db, readonly=True) as store:
        facts = store.facts(predicate)
    if args.limit:
        facts = facts[: args.limit]
    if args.json:
        _write_lines(_dumps(_clean(_fact_row(fact))) for fact in facts)
        return EXIT_OK
    _print_table(
        ("predicate", "subject", "object", "qualifiers", "document"),
        (
            (
                fact.predicate,
                fact.subject,
                fact.object,
                # the quote is the object already: shown once
                "; ".join(f"{k}={v}" for k, v in fact.qualifiers.items() if v != fact.object),
                f"{_name(fact.doc)} #{fact.sentence + 1}",
            )
            for fact in facts
        ),
    )
    return EXIT_OK


def _export_rows(store: Store, what: str) -> tuple[list[dict[str, Any]], Sequence[str]]:
    """The records of one table and their columns, as the TUI's `x` writes them too."""
    from explorer import export

    records = export.Records(store)
    if what == "documents":
        return [records.document(d) for d in store.documents()], export.DOCUMENT_COLUMNS
    if what == "entities":
        return [records.entity(e) for e in store.entities()], export.ENTITY_COLUMNS
    if what == "mentions":
        return [records.mention(m) for m in store.mentions()], export.MENTION_COLUMNS
    return [records.fact(f) for f in store.facts()], export.FACT_COLUMNS


def cmd_export(args: argparse.Namespace) -> int:
    """`explorer export`: one of the store's tables as JSON Lines, CSV, ..., to a file or stdout."""
    from pathlib import Path

    with _open_store(args.db, readonly=True) as store:
        rows, columns = _export_rows(store, args.what)
    from explorer.export import format_for, write_file, write_rows

    fmt = args.format or format_for(args.output or "")
    if args.output:
        try:
            write_file(rows, Path(args.output), fmt, columns)
        except OSError as exc:
            raise UserError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
    else:
        write_rows(rows, sys.stdout, fmt, columns)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    """`explorer stats`: the store's counts and dating sources, as text or JSON."""
    from pathlib import Path

    with _open_store(args.db, readonly=True) as store:
        stats = store.stats()
        # Issue 10: how many documents are dated, and from which source.
        dates = store.dates()
    stats = {**stats, **dates, "db": str(Path(stats.get("db", store.path)).absolute())}
    if args.json:
        _write_lines([_dumps(_clean(stats))])
        return EXIT_OK
    width = max(len(k) for k in stats)
    _write_lines(
        f"{_printable(key):<{width}}  "
        + _printable(
            ", ".join(f"{k} {v}" for k, v in value.items())
            if isinstance(value, dict)
            else str(value)
        )
        for key, value in stats.items()
    )
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    """`explorer rules`: list, add, remove, undo, export or import the user's identity rules."""
    from pathlib import Path

    from explorer.store import RuleError
    from explorer.store.rules import describe

    action = args.rules_command or "list"
    if getattr(args, "db", None) is None:
        args.db = getattr(args, "rules_db", None) or getattr(args, "global_db", None)
    if action == "list":
        if not _db_path(args.db).exists():
            if not getattr(args, "json", False):
                _write_lines(["no rules (explorer rules add --help)"])
            return EXIT_OK
        with _open_store(args.db, readonly=True) as store:
            rules, unmatched = store.rules(), set(store.unmatched_rules())
        if getattr(args, "json", False):
            _write_lines(_dumps(rule) for rule in rules)
            return EXIT_OK
        if not rules:
            _write_lines(["no rules (explorer rules add --help)"])
            return EXIT_OK
        _write_lines(
            f"{rule['id']:>4}  {describe(rule)}"
            + ("   (matches no entity)" if rule["id"] in unmatched else "")
            for rule in rules
        )
        return EXIT_OK
    if action == "export":
        if not _db_path(args.db).exists():
            rules = []
        else:
            with _open_store(args.db, readonly=True) as store:
                rules = store.export_rules()
        lines = [_dumps(rule) for rule in rules]
        if args.output:
            try:
                Path(args.output).write_text("".join(f"{line}\n" for line in lines), "utf-8")
            except OSError as exc:
                raise UserError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
        else:
            _write_lines(lines)
        return EXIT_OK
    with _open_store(args.db, readonly=False) as store:
        try:
            if action == "add":
                rule = store.add_rule(
                    args.op,
                    args.name,
                    args.target,
                    label=args.label,
                    target_label=args.target_label,
                )
                matches_nothing = rule["id"] in store.unmatched_rules()
                _write_lines(
                    [f"rule {rule['id']}: {describe(rule)}"]
                    + (
                        ["  (it matches no entity yet: check the names with explorer entities)"]
                        if matches_nothing
                        else []
                    )
                )
            elif action == "remove":
                removed = store.remove_rule(args.id)
                if removed is None:
                    raise UserError(f"no rule {args.id} (see explorer rules list)")
                _write_lines([f"removed rule {args.id}: {describe(removed)}"])
            elif action == "undo":
                removed = store.undo()
                _write_lines(
                    [
                        f"removed rule {removed['id']}: {describe(removed)}"
                        if removed
                        else "no rules"
                    ]
                )
            elif action == "import":
                added = store.import_rules(_read_rules(args.file))
                _write_lines([f"imported {added} rules ({len(store.rules())} in all)"])
        except RuleError as exc:
            raise UserError(str(exc)) from None
    return EXIT_OK


def _mark_lines(record: dict[str, Any], *, indent: str = "") -> list[str]:
    """One item of the case file for a terminal: what it is, its tags and status; its note,
    its sentence, and its document (title, id, date, offsets)."""
    flags = ("[x]" if record["marked"] else "[ ]") + ("*" if record["starred"] else " ")
    kind = record["kind"] + (f":{record['predicate']}" if record["predicate"] else "")
    if record["kind"] == "entity":
        what = record["entity"]
    elif record["kind"] == "document":
        what = record["title"] or record["doc"]
    else:
        what = record["text"] or record["sentence"]
    parts = [flags, kind, repr(" ".join(what.split())[:100])]
    if record["tags"]:
        parts.append(" ".join(f"#{t}" for t in record["tags"]))
    if record["status"]:
        parts.append(f"({record['status']})")
    lines = [indent + "  ".join(parts)]
    more = indent + "    "
    if record["note"]:
        lines.append(f"{more}note: {record['note']}")
    if record["sentence"] and record["sentence"] != what:
        lines.append(f"{more}sentence: {' '.join(record['sentence'].split())}")
    if record["doc"]:
        where = [f"{record['title'] or record['doc']} ({record['doc']})"]
        where.append(record["date"] or "no date")
        if record["start"] is not None:
            where.append(f"{record['start']}-{record['end']}")
        lines.append(f"{more}document: {' · '.join(where)}")
    return [_printable(line) for line in lines]


def cmd_marks(args: argparse.Namespace) -> int:
    """`explorer marks`, `explorer tags`, `explorer notes`: the case file on the command line,
    each item as the case file's report has it (its sentence, document title, date, path
    and offsets; `--json` writes the report's JSON Lines records)."""
    if not _db_path(args.db).exists():
        if not args.json:
            _write_lines([f"no {args.command} (mark rows in the app: space, *, #)"])
        return EXIT_OK
    from explorer.casefile import items

    with _open_store(args.db, readonly=True) as store:
        try:
            records = items(store)
        except Exception as exc:  # a damaged marks file: one line, not a traceback
            from explorer.store import StoreError

            if isinstance(exc, StoreError):
                raise UserError(str(exc)) from None
            raise
    records = [_clean(r) for r in records]
    if args.command == "notes":
        records = [r for r in records if r["note"]]
    if args.command == "tags":
        by_tag: dict[str, list[dict[str, Any]]] = {}
        for record in records:
            for tag in record["tags"]:
                by_tag.setdefault(tag, []).append(record)
        ordered = sorted(by_tag.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold()))
        if args.json:
            _write_lines(
                _dumps({"tag": tag, "count": len(tagged), "items": tagged})
                for tag, tagged in ordered
            )
            return EXIT_OK
        if not ordered:
            _write_lines(["no tags (# on a row in the app tags it)"])
        lines = []
        for tag, tagged in ordered:
            lines.append(_printable(f"#{tag}  {len(tagged)}"))
            for record in tagged:
                lines.extend(_mark_lines(record, indent="    "))
        _write_lines(lines)
        return EXIT_OK
    if args.json:
        _write_lines(_dumps(r) for r in records)
        return EXIT_OK
    if not records:
        _write_lines([f"no {args.command} (mark rows in the app: space, *, #)"])
        return EXIT_OK
    _write_lines(line for record in records for line in _mark_lines(record))
    return EXIT_OK


def _read_rules(name: str) -> list[dict[str, Any]]:
    import json
    from pathlib import Path

    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{name}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise UserError(f"{name}:{n}: not a JSON object ({exc.msg})") from None
    return out


def cmd_check(args: argparse.Namespace) -> int:
    """`explorer check`: verify the store; --repair rebuilds derived files, never overwrites."""
    from explorer.store import StoreError
    from explorer.store.check import check_store, repair_store

    path = _db_path(args.db)
    if not path.exists():
        raise UserError(f"no store at {path} (pass --db PATH)")
    if path.is_dir():
        raise UserError(f"{path}: is a folder, not a store file; pass --db PATH to a file")

    def rebuild_index(db: Path) -> None:
        from explorer.search import SearchIndex
        from explorer.store import Store

        with Store.open(db, readonly=True) as store:
            SearchIndex.load_or_build(store)

    try:
        report = (
            repair_store(path, rebuild_index=rebuild_index) if args.repair else check_store(path)
        )
    except StoreError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"{path}: could not repair ({exc.strerror or exc})") from None
    if args.json:
        _write_lines([_dumps(_clean(report.to_dict()))])
    else:
        _write_lines(_printable(f"repaired: {line}") for line in report.repaired)
        _write_lines(_printable(problem.line()) for problem in report.problems)
        _write_lines([_printable(report.summary())])
    return EXIT_OK if report.ok else EXIT_FAILED


def _serve_parser(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the app to a web browser (for someone without a terminal)",
        description="Serve the app on the store to web browsers through textual-serve: open "
        "http://localhost:PORT and each tab gets its own app. There is no login: keep it to "
        "this machine (the default) or a network you trust.",
    )
    _db_option(p)
    p.add_argument("--port", type=int, default=8000, metavar="N", help="default 8000")
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1, this machine only; "
        "0.0.0.0 for every network it is on, with a warning)",
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """`explorer serve`: the app of `explorer --db PATH`, in web browsers, until Ctrl+C."""
    import errno

    from explorer.store import Store, StoreError

    if not 0 < args.port <= 65535:
        raise UserError(f"--port {args.port}: not a port (1 to 65535)")
    db_path = _db_path(args.db).resolve()
    try:
        if db_path.exists():  # a damaged store: one line now, not in every browser tab
            Store.open(db_path, readonly=True).close()
    except StoreError as exc:
        raise UserError(str(exc)) from None
    from explorer.tui.serve import AppServer

    server = AppServer(db_path, args.host, args.port)
    if not server.loopback:
        _error(
            f"warning: listening on {args.host}: anyone who can reach this machine on port "
            f"{args.port} can use the app and read the store (there is no login)"
        )

    def ready() -> None:
        host = f"[{args.host}]" if ":" in args.host else args.host
        url = f"http://{host}:{args.port}"
        print(f"explorer: serving {_name(db_path)} on {url} (Ctrl+C stops)", flush=True)

    try:
        server.run(ready)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UserError(
                f"port {args.port} on {args.host} is in use: pick another with --port N"
            ) from None
        raise UserError(
            f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}"
        ) from None
    return EXIT_OK


def run_tui(argv: Sequence[str]) -> int:
    """Open the TUI on the store, ingesting `argv`'s paths first (an empty store gets the seeds)."""
    args = build_tui_parser().parse_args(argv)
    paths = _check_paths(args.paths)
    db_path = _db_path(args.db)
    from explorer.store import Store, StoreError

    try:
        # A damaged store: one line, before any screen is drawn; the app then uses this
        # open (for writing, as it would open it) rather than reading the store again.
        store = Store.open(db_path) if db_path.exists() else None
        from explorer.tui.app import make_app

        app = make_app(db_path, ingest_paths=paths, store=store)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    app.run()
    if app.exit_message:
        _error(app.exit_message)
    return int(app.return_code or 0)


HANDLERS = {
    "ingest": cmd_ingest,
    "extract": cmd_extract,
    "search": cmd_search,
    "entities": cmd_entities,
    "facts": cmd_facts,
    "export": cmd_export,
    "stats": cmd_stats,
    "rules": cmd_rules,
    "check": cmd_check,
    "marks": cmd_marks,
    "tags": cmd_marks,
    "notes": cmd_marks,
    "serve": cmd_serve,
}


def main(argv: Sequence[str] | None = None) -> int:
    """The `explorer` command: a sub-command, else the TUI. Returns the exit code."""
    program = argv is None  # the process is this command's, not a caller's (a test's)
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        first = _first_positional(argv)
        if first == "extract" and (simple := _extract_args(argv)) is not None:
            code = cmd_extract(simple)
            if program:
                _end_now(code)
            return code
        if first in COMMANDS:
            try:
                args = build_parser(first).parse_args(argv)
            except _NeedAllParsers:  # argparse read another word as the command
                args = build_parser().parse_args(argv)
            if getattr(args, "db", None) is None and args.global_db is not None:
                args.db = args.global_db
            return HANDLERS[args.command](args)
        if first is None and any(a in ("-h", "--help") for a in argv):
            build_parser().print_help()
            return EXIT_OK
        return run_tui(argv)
    except UserError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        # `explorer extract ... | head`: the reader went away; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
