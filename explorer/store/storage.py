"""Files on disk: atomic replacement, a TinyDB storage built on it, and the writer's lock."""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

#: The tables of explorer's own (schema.TABLES, repeated: storage sits below schema).
TABLE_NAMES = ("documents", "mentions", "facts", "entities", "files", "meta")

__all__ = [
    "AtomicJSONStorage",
    "LockTimeout",
    "ReadOnlyStorage",
    "StoreLock",
    "atomic_write",
    "open_tinydb",
    "seal",
    "temp_files",
    "unseal",
    "unseal_view",
]


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, chunks: Iterable[bytes | memoryview], *, durable: bool = True) -> None:
    """Write `chunks` to a temporary file beside `path`, fsync it, then rename it over `path`.

    A kill or a failed write (disk full) at any point leaves either the old file or the new
    one, never a mixture; the temporary file of a failed write is removed. Raises OSError.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        try:
            with os.fdopen(fd, "wb", buffering=1 << 20) as handle:
                for chunk in chunks:
                    handle.write(chunk)
                handle.flush()
                if durable:
                    os.fsync(handle.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        with contextlib.suppress(OSError):
            if path.exists():
                os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_dir(path.parent)


class AtomicJSONStorage(Storage):
    """A TinyDB storage: orjson, and every write an atomic replacement of the whole file.

    TinyDB's own JSONStorage rewrites the file in place, so a crash mid-write destroys the
    database (MEASURED.md); this one cannot leave a half-written file.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create_dirs: bool = False,
        access_mode: str = "r+",
        **_: Any,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.readonly = access_mode == "r"
        if create_dirs:
            self.path.parent.mkdir(parents=True, exist_ok=True)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The TinyDB tables in the file, or None when it does not exist or is empty."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not data.strip():
            return None
        return orjson.loads(data)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file with `data`, atomically."""
        if self.readonly:
            raise OSError(errno.EROFS, "the store was opened read-only", str(self.path))
        atomic_write(self.path, [orjson.dumps(data)])

    def close(self) -> None:
        """Nothing to release: every write is a whole file."""
        pass


class LockTimeout(Exception):
    """Another process holds the store's lock."""

    def __init__(self, holder: str) -> None:
        super().__init__(holder)
        self.holder = holder


class StoreLock:
    """One writer at a time: an exclusive lock on `<store>.lock`, released when the holder
    exits or dies (the kernel drops flock locks with the process)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self, timeout: float = 5.0) -> None:
        """Take the lock, waiting up to `timeout` seconds (LockTimeout after that)."""
        import fcntl

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + max(0.0, timeout)
        delay = 0.02
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = ""
                    with contextlib.suppress(OSError):
                        holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
                    os.close(fd)
                    raise LockTimeout(holder) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.25)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        """Let the lock go (nothing when it is not held)."""
        if self._fd is None:
            return
        import fcntl

        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


# ------------------------------------------------------------------ checksummed derived files
#
# A derived file (the sidecar, the entity keys) is written sealed: one JSON object whose first
# field is the sha256 of the rest, `{"sha256":"<64 hex>","body":<body>}`, so a reader checks
# it at a fixed offset without parsing, and a file edited or torn is never trusted.

_SEAL_HEAD = b'{"sha256":"'
_SEAL_MID = b'","body":'
_BODY_AT = len(_SEAL_HEAD) + 64 + len(_SEAL_MID)


def seal(body: bytes) -> bytes:
    """`body` (JSON) inside a checksummed envelope."""
    import hashlib

    return _SEAL_HEAD + hashlib.sha256(body).hexdigest().encode() + _SEAL_MID + body + b"}"


def unseal(data: bytes) -> bytes | None:
    """The body of a sealed file, or None when it is not sealed or its checksum is wrong."""
    body = unseal_view(data)
    return None if body is None else bytes(body)


def unseal_view(data: bytes) -> memoryview | None:
    """`unseal` without copying: the body as a view of `data` (orjson and hashlib read it
    in place; at 191,232 documents the sidecars' bodies are 60 MB, copied once per open)."""
    import hashlib

    view = memoryview(data)
    if (
        len(data) < _BODY_AT + 1
        or not data.startswith(_SEAL_HEAD)
        or data[_BODY_AT - len(_SEAL_MID) : _BODY_AT] != _SEAL_MID
        or not data.endswith(b"}")
    ):
        return None
    body = view[_BODY_AT:-1]
    want = data[len(_SEAL_HEAD) : len(_SEAL_HEAD) + 64]
    return body if hashlib.sha256(body).hexdigest().encode() == want else None


def temp_files(path: Path) -> list[Path]:
    """Temporary files that a killed write of the store at `path` (or of its derived files)
    left beside it."""
    import re

    name = Path(path).name
    pattern = re.compile(rf"\.{re.escape(name)}(\.idx|\.keys|\.v1\.bak)?\.\d+\.tmp")
    folder = Path(path).parent
    found = [p for p in folder.glob(f".{name}*.tmp") if pattern.fullmatch(p.name)]
    segments = folder / f"{name}.segments"
    if segments.is_dir():  # a segment's or its sidecar's
        found += [p for p in segments.glob(".*.tmp") if re.fullmatch(r"\..+\.\d+\.tmp", p.name)]
    return sorted(found)


# ------------------------------------------------------------------ TinyDB read access


class ReadOnlyStorage(Storage):
    """A TinyDB storage over a store file: parsed once with orjson, then served from memory;
    every write refused (the store has one writer, explorer, under its lock)."""

    def __init__(self, path: str | os.PathLike[str], **_: Any) -> None:
        super().__init__()
        self.path = Path(path)
        self._data: dict[str, dict[str, Any]] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The store's tables, read once (None when there is no file): of a segmented
        store, the tables its live segments combine into (tombstones applied, the later
        segment winning), as one committed version (the manifest read)."""
        if self._data is None:
            from .snapshot import Snapshot

            if not self.path.exists():
                return None
            snap = Snapshot.load(self.path)
            try:
                if snap.layout != "segments":
                    raw = self.path.read_bytes()
                    self._data = orjson.loads(raw) if raw.strip() else None
                else:
                    self._data = _one_segment(snap)
                    if self._data is None:
                        names = [*TABLE_NAMES, *snap.extra_names]
                        self._data = {name: snap.table(name) for name in dict.fromkeys(names)}
            finally:
                snap.close()
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Refused: the store is read-only through TinyDB."""
        raise OSError(
            errno.EROFS,
            "explorer's store is read-only through TinyDB; change it with `explorer ingest`",
            str(self.path),
        )

    def close(self) -> None:
        """Forget the tables read."""
        self._data = None


def _one_segment(snap: Any) -> dict[str, dict[str, Any]] | None:
    """The tables of a store of one segment without tombstones (what an ingest leaves),
    parsed in one go: they are that segment's own, but for `meta`, the manifest's."""
    from .segments import live_meta

    if len(snap.seg_raw) != 1 or snap.spans is None or snap.problems:
        return None
    data = orjson.loads(snap.seg_raw[0][:] if snap.seg_raw[0] else b"{}")
    if not isinstance(data, dict) or data.pop("tombstones", None):
        return None
    data["meta"] = {"1": live_meta(snap.manifest)}
    data.update(snap.manifest_extra)
    return data


def open_tinydb(path: str | os.PathLike[str]) -> Any:
    """The store at `path` as a read-only TinyDB: its tables (`documents`, `mentions`,
    `facts`, `entities`, `files`, `meta`) are TinyDB tables, queried with `tinydb.Query`,
    across every live segment (deleted and replaced records left out). The store is read
    once, when first queried; reopen to see a later commit."""
    from tinydb import TinyDB

    path = Path(path).expanduser()
    if not path.is_file():
        raise FileNotFoundError(errno.ENOENT, "no store file here", str(path))
    return TinyDB(path, storage=ReadOnlyStorage)


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read a megabyte at a time (the checksums of derived
    files: the search index's, checked by `explorer check`)."""
    import hashlib  # only writers and checks hash: an open does not pay for the import

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
