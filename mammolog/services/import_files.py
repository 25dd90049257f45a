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
import errno
import hashlib
import itertools
import mmap
import os
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from mammolog.leftovers import remove_abandoned
from mammolog.paths import make_private_dir

CHUNK = 4 << 20
#: Offsets and lengths of direct (page-cache bypassing) writes are multiples of this.
DIRECT_ALIGN = 4096
_O_DIRECT = getattr(os, "O_DIRECT", 0)
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
_WRITER: ThreadPoolExecutor | None = None
_HASHER_PID = 0
#: Chunk buffers per stream: one being read while the two before it are hashed and written.
BUFFERS = 3


def _hasher() -> ThreadPoolExecutor:
    """One helper thread that hashes chunks in order while the caller reads the next ones.

    Made again in a forked child, which inherits the executor but not its thread.
    """
    global _HASHER, _WRITER, _HASHER_PID
    if _HASHER is None or _WRITER is None or _HASHER_PID != os.getpid():
        _HASHER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mammolog-hash")
        _WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mammolog-write")
        _HASHER_PID = os.getpid()
    return _HASHER


def _writer() -> ThreadPoolExecutor:
    """One helper thread that writes chunks in order (made with the hasher)."""
    _hasher()
    assert _WRITER is not None
    return _WRITER


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


def _end_direct(handle: BinaryIO) -> None:
    """Switch a file opened with ``O_DIRECT`` back to ordinary buffered writes."""
    import fcntl

    fd = handle.fileno()
    fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~_O_DIRECT)


def _write_chunk(handle: BinaryIO, chunk: memoryview, direct: bool) -> bool:
    """Write one chunk (page-aligned memory); return whether the file is still direct.

    Direct writes need aligned lengths: the aligned part of a short last chunk is written
    directly, the rest after switching the file back to buffered writes. A file system that
    refuses a direct write (EINVAL) gets it buffered instead.
    """
    if direct:
        aligned = len(chunk) - len(chunk) % DIRECT_ALIGN
        start = handle.tell()
        try:
            if aligned:
                _write_all(handle, chunk[:aligned])
                chunk = chunk[aligned:]
        except StorageError as exc:
            if not isinstance(exc.__cause__, OSError) or exc.__cause__.errno != errno.EINVAL:
                raise
            handle.seek(start)  # write the whole chunk again, buffered
        if chunk:
            try:
                _end_direct(handle)
            except OSError as exc:
                raise StorageError(f"library not writable: {exc.strerror or exc}") from exc
            direct = False
    if chunk:
        _write_all(handle, chunk)
    return direct


class _ChunkWriter:
    """Writes the chunks of one file in order (on the writer thread)."""

    def __init__(self, handle: BinaryIO, direct: bool) -> None:
        self.handle = handle
        self.direct = direct

    def write(self, chunk: memoryview) -> None:
        self.direct = _write_chunk(self.handle, chunk, self.direct)


def _wait(futures: tuple[Future[None], Future[None]] | None) -> None:
    """Wait for a buffer's hash and write; raise the first error."""
    error = _settle(futures)
    if error is not None:
        raise error


def _settle(futures: tuple[Future[None], Future[None]] | None) -> BaseException | None:
    """Wait for a buffer's hash and write to end; return the first error, if any."""
    if futures is None:
        return None
    errors = [f.exception() for f in futures]
    return next((e for e in errors if e is not None), None)


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
        self._counter = itertools.count(1)  # next() is atomic: safe from a helper thread
        # Page-aligned (mmap) buffers, as direct writes require.
        self._buffers = tuple(mmap.mmap(-1, CHUNK) for _ in range(BUFFERS))
        self._folders: set[Path] = set()

    def _temp_path(self) -> Path:
        number = next(self._counter)
        return self.incoming / f"{TEMP_PREFIX}{os.getpid()}-{number}{TEMP_SUFFIX}"

    @contextlib.contextmanager
    def _temp_file(self, direct: bool = False) -> Iterator[tuple[Path, BinaryIO, bool]]:
        path = self._temp_path()
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        fd = -1
        if direct and _O_DIRECT:
            with contextlib.suppress(OSError):  # e.g. tmpfs: no direct writes
                fd = os.open(path, flags | _O_DIRECT, 0o600)
        if fd < 0:
            direct = False
            try:
                fd = os.open(path, flags, 0o600)
            except OSError as exc:
                raise StorageError(f"library not writable: {exc.strerror or exc}") from exc
        handle = os.fdopen(fd, "wb", buffering=0)
        try:
            yield path, handle, direct
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

        One pass over the source: the caller's thread reads each chunk once into one of
        :data:`BUFFERS` buffers; a hashing thread and a writing thread (both release the GIL)
        work on the chunks before it, in order. Chunks are written with ``O_DIRECT`` where the
        file system allows it (no page-cache copy; the batch's sync still makes them durable).
        Read and write errors propagate (the temporary file is removed).
        """
        digest = hashlib.sha256()
        size = 0
        views = [memoryview(buf) for buf in self._buffers]
        pending: list[tuple[Future[None], Future[None]] | None] = [None] * len(views)
        hasher, writer = _hasher(), _writer()
        carry = memoryview(first)
        with self._temp_file(direct=True) as (path, handle, direct):
            out = _ChunkWriter(handle, direct)
            try:
                turn = 0
                eof = False
                while not eof:
                    _wait(pending[turn])
                    pending[turn] = None
                    view = views[turn]
                    count = min(len(carry), CHUNK)
                    view[:count] = carry[:count]
                    carry = carry[count:]
                    while count < CHUNK and not carry:
                        got = _read_into(stream, view[count:])
                        if not got:
                            eof = True
                            break
                        count += got
                    if not count:
                        break
                    chunk = view[:count]
                    pending[turn] = (
                        hasher.submit(digest.update, chunk),
                        writer.submit(out.write, chunk),
                    )
                    size += count
                    turn = (turn + 1) % len(views)
            finally:
                # Every helper must be done with the buffers and the file before it closes.
                errors = [_settle(p) for p in pending]
            for error in errors:
                if error is not None:
                    raise error
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
