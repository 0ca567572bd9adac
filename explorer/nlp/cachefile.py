"""A cache file of one marshalled value under a key: a magic tag, a CRC-32, then the value.

The gazetteer's tables and the compiled regexes keep themselves between processes this way:
read back only when the magic, the checksum and the key all agree, written atomically (a
temporary file renamed over), so a missing, stale, corrupt or half-written file is rebuilt,
never trusted.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import zlib

# typing is for the type checker: importing it at run time costs each start ~16 M instructions
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any


def read(path: str | Path, magic: bytes, key: Any) -> Any | None:
    """The value stored in `path` for `key`; None if missing, stale or corrupt."""
    try:
        with open(path, "rb") as fh:
            blob = fh.read()
    except OSError:
        return None
    head = len(magic)
    if blob[:head] != magic or len(blob) < head + 4:
        return None
    payload = memoryview(blob)[head + 4 :]
    if zlib.crc32(payload) != int.from_bytes(blob[head : head + 4], "big"):
        return None
    # A load can allocate some 100,000 objects; the collector, triggered again and again on the
    # way, would only walk them (a quarter of the load's time) and find no garbage.
    collecting = gc.isenabled()
    gc.disable()
    try:
        stored_key, value = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    finally:
        if collecting:
            gc.enable()
    return value if stored_key == key else None


def write(path: str | Path, magic: bytes, key: Any, value: Any) -> bool:
    """Store `value` under `key` in `path` atomically; False if it cannot be written."""
    import tempfile  # only when writing: reading is on every process's start-up path

    try:
        payload = marshal.dumps((key, value))
    except ValueError:  # a value marshal cannot write
        return False
    blob = magic + zlib.crc32(payload).to_bytes(4, "big") + payload
    tmp: str | None = None
    folder, base = os.path.split(os.fspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=base + ".", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False
    return True
