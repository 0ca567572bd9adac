"""Compiled regular expressions kept from one process to the next.

Python compiles a pattern in pure Python, and the nlp passes compile some 13,000 characters
of patterns (the value pattern alone is 13,400) at every start: about a tenth of the
instructions of an `explorer extract --jsonl` over the CoNLL dev set. What the compiler makes
of a pattern (the engine's code, a list of ints, and its group tables) is plain data, so it is
kept in `regex-<python>-<copy>.marshal` beside the gazetteer's cache and handed straight to the
engine (`_sre.compile`, which checks the code it is given) by the next process.

`compile(pattern, flags)` returns a pattern equal to `re.compile(pattern, flags)` (same
pattern, flags and code; a test holds this). The file is keyed by the exact Python version
and the engine's magic number; a pattern not in it is compiled as usual and the file is
rewritten once, when the process ends. A missing, stale or corrupt file, a cache directory
that cannot be written, `EXPLORER_NO_CACHE`, or a Python whose internals differ: the
pattern is compiled as usual, never worse than `re.compile`.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

from . import cachefile

__all__ = ["cache_path", "compile", "save_compiled"]

_FORMAT = 1
_MAGIC = b"EXPLRX%d" % _FORMAT
#: Beyond this many entries the file keeps only this process's patterns (old ones go).
_MAX_ENTRIES = 2000

# (pattern, flags) -> (flags, code, groups, groupindex, indexgroup), as _sre.compile takes them
_entries: dict[tuple[str, int], tuple] | None = None
_used: set[tuple[str, int]] = set()
_dirty = False


def _version_key() -> tuple:
    import _sre

    return (_FORMAT, sys.version, _sre.MAGIC, _sre.CODESIZE)


def cache_path() -> Path | None:
    """The cache file, one per Python version and installed copy (as the gazetteer's)."""
    if os.environ.get("EXPLORER_NO_CACHE"):
        return None
    try:
        from explorer.nlp.gazetteer import cache_path as gazetteer_path

        path = gazetteer_path()
    except Exception:  # no home directory, a broken platformdirs: no file
        return None
    return path.with_name(path.name.replace("gazetteer-", "regex-", 1))


def _load() -> dict[tuple[str, int], tuple]:
    path = cache_path()
    entries = None if path is None else cachefile.read(path, _MAGIC, _version_key())
    return entries if isinstance(entries, dict) else {}


def _save() -> None:  # at exit, once, if a pattern was compiled afresh
    """Write the known patterns (atomically: a temporary file renamed over)."""
    path = cache_path()
    if path is None or _entries is None:
        return
    # What another process wrote meanwhile is kept (extract's workers each compile the
    # patterns their own documents need, and save as they end, as the parent does after).
    entries = {**_load(), **_entries}
    if len(entries) > _MAX_ENTRIES:
        entries = {k: v for k, v in entries.items() if k in _used}
    cachefile.write(path, _MAGIC, _version_key(), entries)


def save_compiled() -> None:
    """Write the file now if this process compiled a pattern afresh: what a forked worker
    calls as it ends (it leaves by `os._exit`, past the atexit hook; its patterns, compiled
    again in every run, cost extract's workers ~380 M instructions a run over CoNLL dev)."""
    if _dirty:
        _save()


def _compile_fresh(pattern: str, flags: int) -> tuple[re.Pattern[str], tuple | None]:
    """Compile as `re._compiler.compile` does, keeping what it hands the engine."""
    try:
        import _sre

        # typeshed has no stubs for re's private modules; this is what re.compile runs.
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[Any] = [None] * parsed.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        entry = (
            int(flags | parsed.state.flags),
            [int(c) for c in code],  # opcodes are int subclasses: plain ints marshal
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        compiled = _sre.compile(pattern, *entry)
        if compiled != re.compile(pattern, flags):  # internals not as this module expects
            return re.compile(pattern, flags), None
        return compiled, entry
    except Exception:
        return re.compile(pattern, flags), None


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the cache file when an earlier process compiled it."""
    global _entries, _dirty
    flags = int(flags)
    if _entries is None:
        _entries = _load()
    key = (pattern, flags)
    _used.add(key)
    entry = _entries.get(key)
    if entry is not None:
        try:
            import _sre

            return _sre.compile(pattern, *entry)
        except Exception:  # a corrupt entry: compile afresh and rewrite it
            del _entries[key]
    compiled, entry = _compile_fresh(pattern, flags)
    if entry is not None:
        _entries[key] = entry
        if not _dirty:
            import atexit

            atexit.register(_save)
            _dirty = True
    return compiled
