"""Durable, content-addressed storage of imported files in the library.

Files are streamed (and hashed) into a temporary name under the library's ``.incoming``
folder, renamed to ``objects/ab/<sha256>.dcm`` and made durable (``syncfs`` on Linux, else
``fsync`` of each file and folder) before the catalog registers them.
A run killed at any moment leaves at most temporary files (removed by the next run) or a
complete file not yet registered (registered when the import is run again).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import hashlib
import os
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from mammolog.leftovers import remove_abandoned
from mammolog.paths import make_private_dir

CHUNK = 4 << 20
TEMP_PREFIX = "imp-"
TEMP_SUFFIX = ".part"
OBJECTS = "objects"


class StorageError(Exception):
    """The library cannot be written; ``str(exc)`` is a plain reason."""


def _load_syncfs() -> object | None:
    if not hasattr(os, "sync") or os.name != "posix":
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        func = libc.syncfs
    except (OSError, AttributeError):
        return None
    func.argtypes = [ctypes.c_int]
    func.restype = ctypes.c_int
    return func


_SYNCFS = _load_syncfs()


_HASHER: ThreadPoolExecutor | None = None
_HASHER_PID = 0


def _hasher() -> ThreadPoolExecutor:
    """One helper thread that hashes chunks in order while the caller writes them.

    Made again in a forked child, which inherits the executor but not its thread.
    """
    global _HASHER, _HASHER_PID
    if _HASHER is None or _HASHER_PID != os.getpid():
        _HASHER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mammolog-hash")
        _HASHER_PID = os.getpid()
    return _HASHER


def _read_into(stream: BinaryIO, view: memoryview) -> int:
    readinto = getattr(stream, "readinto", None)
    if readinto is not None:
        return int(readinto(view) or 0)
    data = stream.read(len(view))
    view[: len(data)] = data
    return len(data)


def _write_all(handle: BinaryIO, data: bytes | memoryview) -> None:
    try:
        view = memoryview(data)
        while view:
            written = handle.write(view)
            if written is None:
                written = len(view)
            view = view[written:]
    except OSError as exc:
        raise StorageError(f"library not writable: {exc.strerror or exc}") from exc


def library_relpath(sha256: str) -> str:
    """Where an object with this content lives, relative to the library folder."""
    return f"{OBJECTS}/{sha256[:2]}/{sha256}.dcm"


@dataclass
class StagedFile:
    """A file written under a temporary name, not yet durable nor renamed."""

    temp: Path
    sha256: str
    size: int


class Stager:
    """Writes temporary files in ``incoming`` and publishes them durably in batches."""

    def __init__(self, library: Path, incoming: Path) -> None:
        self.library = library
        self.incoming = incoming
        self._counter = 0
        self._buffers = (bytearray(CHUNK), bytearray(CHUNK))
        self._folders: set[Path] = set()

    def _temp_path(self) -> Path:
        self._counter += 1
        return self.incoming / f"{TEMP_PREFIX}{os.getpid()}-{self._counter}{TEMP_SUFFIX}"

    @contextlib.contextmanager
    def _temp_file(self) -> Iterator[tuple[Path, BinaryIO]]:
        path = self._temp_path()
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            raise StorageError(f"library not writable: {exc.strerror or exc}") from exc
        handle = os.fdopen(fd, "wb", buffering=0)
        try:
            yield path, handle
        except BaseException:
            handle.close()
            path.unlink(missing_ok=True)
            raise
        handle.close()

    def stage_bytes(self, data: bytes, sha256: str | None = None) -> StagedFile:
        """Write ``data`` (a whole small file, its hash given or computed) to a temporary file."""
        path = self._temp_path()
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            raise StorageError(f"library not writable: {exc.strerror or exc}") from exc
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        except OSError as exc:
            os.close(fd)
            path.unlink(missing_ok=True)
            raise StorageError(f"library not writable: {exc.strerror or exc}") from exc
        os.close(fd)
        return StagedFile(path, sha256 or hashlib.sha256(data).hexdigest(), len(data))

    def stage_stream(self, first: bytes, stream: BinaryIO) -> StagedFile:
        """Copy ``first`` and the rest of ``stream`` to a temporary file, hashing on the way.

        One pass over the source: each chunk read is hashed by a helper thread while the
        main thread writes it (both release the GIL), with two buffers so reading the next
        chunk overlaps hashing the last one. Read errors from the source propagate (the
        temporary file is removed).
        """
        digest = hashlib.sha256(first)
        size = len(first)
        views = [memoryview(buf) for buf in self._buffers]
        pending: list[Future[None] | None] = [None, None]
        hasher = _hasher()
        with self._temp_file() as (path, handle):
            try:
                _write_all(handle, first)
                turn = 0
                while True:
                    previous = pending[turn]
                    if previous is not None:
                        previous.result()
                    count = _read_into(stream, views[turn])
                    if not count:
                        break
                    chunk = views[turn][:count]
                    pending[turn] = hasher.submit(digest.update, chunk)
                    _write_all(handle, chunk)
                    size += count
                    turn ^= 1
            finally:
                for future in pending:
                    if future is not None:
                        future.result()
        return StagedFile(path, digest.hexdigest(), size)

    def publish(self, staged: list[StagedFile]) -> list[str]:
        """Rename the staged files to their final names and make all of it durable.

        Renames first, then one file-system sync (``syncfs``; without it, ``fsync`` of every
        file and folder), so the caller registers the files only once data and names are on
        disk. A crash before the sync leaves at most unregistered files, which the next
        import of the same disc rewrites and registers.
        """
        if not staged:
            return []
        relpaths: list[str] = []
        for item in staged:
            relpath = library_relpath(item.sha256)
            final = self.library / relpath
            if final.parent not in self._folders:
                make_private_dir(final.parent)
                self._folders.add(final.parent)
            os.replace(item.temp, final)
            relpaths.append(relpath)
        if not self._syncfs():
            self._fsync_all([self.library / r for r in relpaths])
            self._fsync_folders({(self.library / r).parent for r in relpaths} | {self.incoming})
        return relpaths

    def _syncfs(self) -> bool:
        """Flush the library's file system; False when syncfs is not available or failed."""
        if _SYNCFS is None:
            return False
        fd = os.open(self.library, os.O_RDONLY)
        try:
            return bool(_SYNCFS(fd) == 0)  # type: ignore[operator]
        finally:
            os.close(fd)

    @staticmethod
    def _fsync_all(files: list[Path]) -> None:
        for path in files:
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    @staticmethod
    def _fsync_folders(folders: set[Path]) -> None:
        for folder in folders:
            with contextlib.suppress(OSError):
                fd = os.open(folder, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)

    @staticmethod
    def discard(staged: StagedFile) -> None:
        """Remove a staged file that will not be published."""
        staged.temp.unlink(missing_ok=True)


def clean_incoming(incoming: Path) -> int:
    """Remove temporary files left by an interrupted import (or attach); return how many."""
    removed = 0
    if not incoming.is_dir():
        return 0
    for path in incoming.iterdir():
        if path.name.startswith(TEMP_PREFIX) and path.name.endswith(TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
    return removed + remove_abandoned_temps(incoming, ATTACH_TEMP_PREFIX)


ATTACH_TEMP_PREFIX = "attach-"


def remove_abandoned_temps(incoming: Path, prefix: str) -> int:
    """Remove ``<prefix><pid>-*.tmp`` files whose writing process no longer runs."""
    return remove_abandoned(incoming, prefix, ".tmp")


@contextlib.contextmanager
def import_lock(lock_path: Path) -> Iterator[None]:
    """Hold the library's import lock file (one import at a time), or raise StorageError."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise StorageError(f"library not writable: {exc.strerror or exc}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise StorageError("another import is running on this library") from exc
        yield
    finally:
        os.close(fd)
