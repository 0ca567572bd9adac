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
pattern is compiled as usual, never worse than `re.compile`. The engine's code is kept as
bytes (an array of its code words), turned into the list the engine takes only for the
patterns a process uses: a list of 140,000 ints cost each process 15 M instructions to load.

`text(kind, key, build, source)` keeps the text of a pattern that takes long to build (the
tries of the word lists: ~35 M instructions at every start) the same way, under what it is
built from and the stamp of the module that builds it: an edited module builds it afresh.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable

from . import cachefile

# typing is for the type checker: importing it at run time costs each start ~16 M instructions
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

__all__ = [
    "cache_file",
    "cache_path",
    "compile",
    "keep_re_cache",
    "save_compiled",
    "seed_re_cache",
    "text",
]

_FORMAT = 2
_MAGIC = b"EXPLRX%d" % _FORMAT
#: Beyond this many entries the file keeps only this process's patterns (old ones go).
_MAX_ENTRIES = 2000

# (pattern, flags) -> (flags, code, groups, groupindex, indexgroup), as _sre.compile takes
# them, but the code as the bytes of an array of code words
_entries: dict[tuple[str, int], tuple] | None = None
_used: set[tuple[str, int]] = set()
_dirty = False
# (kind, key) -> (the stamp of the module that built it, the text)
_texts: dict[tuple[str, str], tuple[tuple, str]] = {}
_texts_used: set[tuple[str, str]] = set()
_stamps: dict[str, tuple] = {}


def _version_key() -> tuple:
    import _sre

    return (_FORMAT, sys.version, _sre.MAGIC, _sre.CODESIZE)


def cache_file() -> str | None:
    """The cache file, one per Python version and installed copy (as the gazetteer's)."""
    if os.environ.get("EXPLORER_NO_CACHE"):
        return None
    try:
        from explorer.nlp.gazetteer import cache_file as gazetteer_file

        folder, name = os.path.split(gazetteer_file())
    except Exception:  # no home directory, a broken platformdirs: no file
        return None
    return os.path.join(folder, name.replace("gazetteer-", "regex-", 1))


def cache_path() -> Path | None:
    """The cache file (`cache_file`) as a Path."""
    from pathlib import Path

    path = cache_file()
    return None if path is None else Path(path)


def _read() -> tuple[dict[tuple[str, int], tuple], dict[tuple[str, str], tuple[tuple, str]]]:
    """(the patterns, the texts) the file holds; empty if it is missing, stale or corrupt."""
    path = cache_file()
    stored = None if path is None else cachefile.read(path, _MAGIC, _version_key())
    if isinstance(stored, tuple) and len(stored) == 2 and all(type(d) is dict for d in stored):
        return stored
    return {}, {}


def _load() -> dict[tuple[str, int], tuple]:
    return _read()[0]


def _ensure_loaded() -> dict[tuple[str, int], tuple]:
    """The patterns, read from the file (with the texts) on first use in this process."""
    global _entries, _texts
    if _entries is None:
        _entries, texts = _read()
        _texts = {**texts, **_texts}
    return _entries


def _save() -> None:  # at exit, once, if a pattern was compiled afresh
    """Write the known patterns and texts (atomically: a temporary file renamed over)."""
    path = cache_file()
    if path is None or _entries is None:
        return
    # What another process wrote meanwhile is kept (extract's workers each compile the
    # patterns their own documents need, and save as they end, as the parent does after).
    stored, texts = _read()
    entries = {**stored, **_entries}
    if len(entries) > _MAX_ENTRIES:
        entries = {k: v for k, v in entries.items() if k in _used}
    texts = {**texts, **_texts}
    if len(texts) > _MAX_ENTRIES:
        texts = {k: v for k, v in texts.items() if k in _texts_used}
    cachefile.write(path, _MAGIC, _version_key(), (entries, texts))


def _changed() -> None:
    """Something new to keep: the file is written when the process ends."""
    global _dirty
    if not _dirty:
        import atexit

        atexit.register(_save)
        _dirty = True


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
        rest = (parsed.state.groups - 1, groupindex, tuple(indexgroup))
        compiled = _sre.compile(pattern, int(flags | parsed.state.flags), list(code), *rest)
        if compiled != re.compile(pattern, flags):  # internals not as this module expects
            return re.compile(pattern, flags), None
        words = _code_words()
        words.extend(code)
        return compiled, (int(flags | parsed.state.flags), words.tobytes(), *rest)
    except Exception:
        return re.compile(pattern, flags), None


def _code_words() -> Any:
    """An empty array of the engine's code words (unsigned, _sre.CODESIZE bytes each)."""
    import _sre
    from array import array

    for typecode in "IL":
        if array(typecode).itemsize == _sre.CODESIZE:
            return array(typecode)
    raise ValueError("no array type for the engine's code words")


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the cache file when an earlier process compiled it."""
    flags = int(flags)
    entries = _ensure_loaded()
    key = (pattern, flags)
    _used.add(key)
    entry = entries.get(key)
    if entry is not None:
        try:
            return _from_entry(pattern, entry)
        except Exception:  # a corrupt entry: compile afresh and rewrite it
            del entries[key]
    compiled, entry = _compile_fresh(pattern, flags)
    if entry is not None:
        entries[key] = entry
        _changed()
    return compiled


def _seeds_key(kind: str) -> tuple[str, int]:
    """Where the entries keep the keys of the patterns `seed_re_cache(kind)` puts in re's
    own cache (no pattern's key: a pattern's flags are never negative)."""
    return (kind, -1)


def _from_entry(pattern: Any, entry: tuple) -> Any:
    """The pattern an entry keeps (ValueError, TypeError...: the entry is corrupt)."""
    import _sre

    code = entry[1]
    if type(code) is bytes:
        words = _code_words()
        words.frombytes(code)
        code = words.tolist()
    return _sre.compile(pattern, entry[0], code, *entry[2:])


def seed_re_cache(kind: str) -> None:
    """Put in re's own cache the patterns that modules compile through `re` as they are
    imported, as `keep_re_cache(kind)` kept them (`kind`: starts that import the same
    modules): `explorer extract --jsonl` imports some (platform, json and dataclasses,
    through orjson) that compile theirs at import, in pure Python (~8 M instructions at
    every start before its workers fork). A Python whose re keeps no such cache, or a
    missing entry: nothing is put there, and re compiles as usual."""
    cache = getattr(re, "_cache", None)
    if type(cache) is not dict:
        return
    entries = _ensure_loaded()
    seeds = entries.get(_seeds_key(kind))
    if type(seeds) is not tuple:
        return
    for key in seeds:
        entry = entries.get(key)
        if entry is None or type(key) is not tuple or len(key) != 2:
            continue
        pattern, flags = key
        try:
            cache.setdefault((type(pattern), pattern, flags), _from_entry(pattern, entry))
        except Exception:  # a corrupt entry: re compiles it when asked
            continue


def keep_re_cache(kind: str) -> None:
    """Keep for the next start of this `kind` (see `seed_re_cache`) the patterns in re's
    own cache that this module was not asked for: those compiled through `re` so far (by a
    start that has done its first document: the ones every such start compiles)."""
    cache = getattr(re, "_cache", None)
    if type(cache) is not dict:
        return
    entries = _ensure_loaded()
    where = _seeds_key(kind)
    seeds = entries.get(where)
    seeds = seeds if type(seeds) is tuple else ()
    known = set(seeds)
    new = []
    for key in list(cache):
        if type(key) is not tuple or len(key) != 3 or key[0] not in (str, bytes):
            continue
        name = (key[1], key[2])
        if name in known or name in _used or type(name[1]) is not int:
            continue
        _, entry = _compile_fresh(*name)
        if entry is not None:
            entries[name] = entry
            new.append(name)
    _used.update(seeds)
    _used.update(new)
    if seeds or new:
        _used.add(where)
    if new:
        entries[where] = (*seeds, *new)
        _changed()


def _stamp(source: str) -> tuple:
    stamp = _stamps.get(source)
    if stamp is None:
        try:
            st = os.stat(source)
            stamp = (source, st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = (source,)
        _stamps[source] = stamp
    return stamp


def text(kind: str, key: str, build: Callable[[], str], source: str) -> str:
    """`build()`, from the cache file when an earlier process built it: `key` must say all
    that the text is built from, and `source` is the file of the code that builds it (when
    that file changes, the text is built afresh)."""
    _ensure_loaded()
    name = (kind, key)
    _texts_used.add(name)
    stamp = _stamp(source)
    kept = _texts.get(name)
    if kept is not None and kept[0] == stamp and type(kept[1]) is str:
        return kept[1]
    built = build()
    _texts[name] = (stamp, built)
    _changed()
    return built
