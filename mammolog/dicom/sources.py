"""One read-only view over a folder, a ZIP archive or an ISO 9660 image.

Files are read in place: a ZIP is read with :mod:`zipfile`, an ISO with pycdlib (pure Python,
Rock Ridge names preferred, then Joliet, then plain ISO 9660 without the ``;1`` version), never
unpacked to disk and never mounted. A folder source never reads outside its root: symbolic
links that lead outside are reported and skipped, and ``..`` or absolute paths are refused.

Errors met while walking (permission denied, unreadable folders, links leaving the root) are
collected in :attr:`Source.problems`; errors while reading one file surface as the exceptions in
:data:`READ_ERRORS`, which callers turn into a per-file problem.
"""

from __future__ import annotations

import errno
import lzma
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

import pycdlib
from pycdlib.pycdlibexception import PyCdlibException

#: Exceptions a read of a single file may raise; none of them should stop an import.
READ_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    EOFError,
    ValueError,
    zipfile.BadZipFile,
    PyCdlibException,
    NotImplementedError,
    RuntimeError,
    struct.error,
    zlib.error,  # corrupt deflate data in a ZIP member
    lzma.LZMAError,  # corrupt LZMA data in a ZIP member
)

#: ZIP bomb limits. A member may expand to at most MAX_MEMBER_BYTES and, above RATIO_FLOOR
#: bytes, to at most MAX_RATIO times its compressed size (mammograms compress 2-20 times);
#: the whole archive to at most MAX_TOTAL_BYTES and MAX_RATIO times the archive's size.
#: Reads never go past a member's declared size, so the declared sizes bound the output.
MAX_MEMBER_BYTES = 8 << 30
MAX_TOTAL_BYTES = 1 << 40
MAX_RATIO = 100
RATIO_FLOOR = 1 << 20


class LinkRefused(PermissionError):
    """A path on a folder source goes through a link (put there, or swapped in, since the walk)."""


class SourceError(Exception):
    """The source as a whole cannot be opened (missing, unreadable, not a ZIP/ISO)."""


@dataclass(frozen=True)
class SourceEntry:
    """A regular file in a source: its relative POSIX path and size in bytes."""

    relpath: str
    size: int


@dataclass(frozen=True)
class SourceProblem:
    """Something on the source that could not be read while walking it."""

    relpath: str
    reason: str


def safe_relpath(relpath: str) -> str:
    """Return a normalised relative POSIX path, or raise ValueError for ``..``/absolute paths."""
    text = relpath.replace("\\", "/")
    if text.startswith("/") or (len(text) > 1 and text[1] == ":"):
        raise ValueError(f"absolute path refused: {relpath}")
    parts = [p for p in text.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        raise ValueError(f"path leaving the source refused: {relpath}")
    return "/".join(parts)


@dataclass
class Source:
    """Base class of the three sources; use :func:`open_source`."""

    path: Path
    problems: list[SourceProblem] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """ "folder", "zip" or "iso"."""
        raise NotImplementedError

    def walk(self) -> Iterator[SourceEntry]:
        """Yield every regular file, in a stable (sorted) order."""
        raise NotImplementedError

    def open(self, relpath: str) -> BinaryIO:
        """Open one file for binary reading (seekable)."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the underlying archive or image."""

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


@dataclass
class FolderSource(Source):
    """A folder: a mounted disc, a USB stick or any directory.

    The root is opened once; every folder below it is walked and every file opened relative
    to its parent's directory descriptor, refusing a link in any component (``O_NOFOLLOW``,
    ``O_DIRECTORY``). A folder swapped for a link while the import runs therefore cannot let
    a file from outside the source in. Links inside the source that lead to another place
    inside it are followed at walk time and opened by their real path, also without links.
    """

    root_real: str = ""
    _root_fd: int = -1
    _linked: dict[str, str] = field(default_factory=dict)  # shown relpath -> real relpath
    # The folder of the last file opened stays open: files are read folder by folder, and a
    # descriptor keeps naming the folder it was opened on whatever is renamed since.
    _last_dir: tuple[str, int] | None = None

    def __post_init__(self) -> None:
        self.root_real = os.path.realpath(self.path)
        try:
            self._root_fd = os.open(self.root_real, _DIR_FLAGS)
        except OSError as exc:
            raise SourceError(f"source folder not readable: {_reason(exc)}") from exc

    @property
    def kind(self) -> str:
        return "folder"

    def _inside(self, real: str) -> bool:
        return real == self.root_real or real.startswith(self.root_real.rstrip(os.sep) + os.sep)

    def _real_relpath(self, real: str) -> str:
        return "" if real == self.root_real else os.path.relpath(real, self.root_real)

    def walk(self) -> Iterator[SourceEntry]:
        root = os.stat(self._root_fd)
        seen = {(root.st_dev, root.st_ino)}
        fd = os.dup(self._root_fd)
        yield from self._walk_dir(fd, "", "", seen)

    def _walk_dir(
        self, dir_fd: int, rel_dir: str, real_dir: str, seen: set[tuple[int, int]]
    ) -> Iterator[SourceEntry]:
        """Walk the folder open as ``dir_fd`` (closed at the end), shown as ``rel_dir``."""
        try:
            try:
                with os.scandir(dir_fd) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                self.problems.append(
                    SourceProblem(rel_dir or ".", f"folder not readable: {_reason(exc)}")
                )
                return
            for entry in entries:
                rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
                real_rel = f"{real_dir}/{entry.name}" if real_dir else entry.name
                try:
                    if entry.is_symlink():
                        yield from self._follow_link(rel, real_rel, seen)
                    elif entry.is_dir(follow_symlinks=False):
                        child = os.open(entry.name, _DIR_FLAGS, dir_fd=dir_fd)
                        st = os.fstat(child)
                        if (st.st_dev, st.st_ino) in seen:
                            os.close(child)
                            continue
                        seen.add((st.st_dev, st.st_ino))
                        yield from self._walk_dir(child, rel, real_rel, seen)
                    elif entry.is_file(follow_symlinks=False):
                        if rel != real_rel:
                            self._linked[rel] = real_rel
                        yield SourceEntry(rel, entry.stat(follow_symlinks=False).st_size)
                except OSError as exc:
                    self.problems.append(SourceProblem(rel, f"not readable: {_reason(exc)}"))
        finally:
            os.close(dir_fd)

    def _follow_link(
        self, rel: str, real_rel: str, seen: set[tuple[int, int]]
    ) -> Iterator[SourceEntry]:
        target = os.path.realpath(os.path.join(self.root_real, *real_rel.split("/")))
        if not self._inside(target):
            self.problems.append(SourceProblem(rel, "link leads outside the source; not followed"))
            return
        target_rel = self._real_relpath(target)
        if not target_rel:
            return  # a link to the root itself: already walked
        fd = self._open_relative(target_rel, directory=None)
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            if (st.st_dev, st.st_ino) in seen:
                os.close(fd)
                return
            seen.add((st.st_dev, st.st_ino))
            yield from self._walk_dir(fd, rel, target_rel, seen)
            return
        os.close(fd)
        if stat.S_ISREG(st.st_mode):
            self._linked[rel] = target_rel
            yield SourceEntry(rel, st.st_size)

    def _open_relative(self, real_rel: str, *, directory: bool | None) -> int:
        """Open ``real_rel`` below the root one component at a time, never through a link.

        ``directory`` True/False insists on a folder/file; None accepts either.
        """
        parts = real_rel.split("/")
        folder = "/".join(parts[:-1])
        try:
            fd = self._folder_fd(folder, parts[:-1])
            flags = _DIR_FLAGS if directory else _FILE_FLAGS
            opened = os.open(parts[-1], flags, dir_fd=fd)
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                raise LinkRefused(exc.errno, "a link is in the way; not followed") from exc
            raise
        if directory is False and not stat.S_ISREG(os.fstat(opened).st_mode):
            os.close(opened)
            raise PermissionError(f"not a regular file: {real_rel}")
        return opened

    def _folder_fd(self, folder: str, parts: list[str]) -> int:
        """A descriptor of ``folder`` below the root, opened one component at a time."""
        if not parts:
            return self._root_fd
        if self._last_dir is not None and self._last_dir[0] == folder:
            return self._last_dir[1]
        fd = self._root_fd
        try:
            for part in parts:
                next_fd = os.open(part, _DIR_FLAGS, dir_fd=fd)
                if fd != self._root_fd:
                    os.close(fd)
                fd = next_fd
        except OSError:
            if fd != self._root_fd:
                os.close(fd)
            raise
        self._forget_folder()
        self._last_dir = (folder, fd)
        return fd

    def _forget_folder(self) -> None:
        if self._last_dir is not None:
            os.close(self._last_dir[1])
            self._last_dir = None

    def open(self, relpath: str) -> BinaryIO:
        rel = safe_relpath(relpath)
        fd = self._open_relative(self._linked.get(rel, rel), directory=False)
        return os.fdopen(fd, "rb")

    def close(self) -> None:
        self._forget_folder()
        if self._root_fd >= 0:
            os.close(self._root_fd)
            self._root_fd = -1


@dataclass
class ZipSource(Source):
    """A ZIP archive, read in place."""

    _zip: zipfile.ZipFile | None = None
    _names: dict[str, zipfile.ZipInfo] = field(default_factory=dict)

    def __post_init__(self) -> None:
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (OSError, zipfile.BadZipFile, ValueError) as exc:
            raise SourceError(f"cannot read ZIP archive: {_reason(exc)}") from exc
        archive_size = max(self.path.stat().st_size, 1)
        budget = min(MAX_TOTAL_BYTES, max(archive_size * MAX_RATIO, RATIO_FLOOR))
        over_budget = 0
        for info in self._zip.infolist():
            if info.is_dir():
                continue
            try:
                rel = safe_relpath(info.filename)
            except ValueError:
                self.problems.append(
                    SourceProblem(info.filename, "entry leads outside the archive; refused")
                )
                continue
            refusal = _bomb_reason(info)
            if refusal is not None:
                self.problems.append(SourceProblem(rel, refusal))
                continue
            if info.file_size > budget:
                over_budget += 1
                continue
            budget -= info.file_size
            self._names.setdefault(rel, info)
        if over_budget:
            self.problems.append(
                SourceProblem(
                    ".",
                    f"{over_budget} more entries left out: together the archive would expand "
                    f"to more than {MAX_RATIO} times its size (a ZIP bomb?)",
                )
            )

    @property
    def kind(self) -> str:
        return "zip"

    def walk(self) -> Iterator[SourceEntry]:
        for rel in sorted(self._names):
            yield SourceEntry(rel, self._names[rel].file_size)

    def open(self, relpath: str) -> BinaryIO:
        info = self._names.get(safe_relpath(relpath))
        if info is None or self._zip is None:
            raise FileNotFoundError(f"not in the archive: {relpath}")
        return self._zip.open(info)  # type: ignore[return-value]

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None


@dataclass
class IsoSource(Source):
    """An ISO 9660 image (with Rock Ridge or Joliet names when present), read in place."""

    _iso: pycdlib.PyCdlib | None = None
    _facade_kw: str = "iso_path"
    _files: dict[str, tuple[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        iso = pycdlib.PyCdlib()
        try:
            iso.open(str(self.path))
        except (OSError, PyCdlibException, ValueError, struct.error) as exc:
            raise SourceError(f"cannot read ISO 9660 image: {_reason(exc)}") from exc
        self._iso = iso
        if iso.has_rock_ridge():
            facade: object = iso.get_rock_ridge_facade()
            self._facade_kw = "rr_path"
        elif iso.has_joliet():
            facade = iso.get_joliet_facade()
            self._facade_kw = "joliet_path"
        else:
            facade = iso.get_iso9660_facade()
            self._facade_kw = "iso_path"
        try:
            for dirpath, _dirs, files in facade.walk("/"):  # type: ignore[attr-defined]
                for name in files:
                    iso_path = f"{dirpath.rstrip('/')}/{name}"
                    shown = name.split(";")[0] if self._facade_kw == "iso_path" else name
                    shown = shown.rstrip(".") if self._facade_kw == "iso_path" else shown
                    try:
                        rel = safe_relpath("/".join(filter(None, (dirpath.strip("/"), shown))))
                        record = facade.get_record(**{self._facade_kw: iso_path})  # type: ignore[attr-defined]
                        size = int(record.get_data_length())
                    except (ValueError, PyCdlibException) as exc:
                        self.problems.append(
                            SourceProblem(iso_path.lstrip("/"), f"unreadable entry: {_reason(exc)}")
                        )
                        continue
                    self._files.setdefault(rel, (iso_path, size))
        except (PyCdlibException, OSError, ValueError) as exc:
            self.problems.append(SourceProblem(".", f"damaged directory structure: {_reason(exc)}"))

    @property
    def kind(self) -> str:
        return "iso"

    def walk(self) -> Iterator[SourceEntry]:
        for rel in sorted(self._files):
            yield SourceEntry(rel, self._files[rel][1])

    def open(self, relpath: str) -> BinaryIO:
        found = self._files.get(safe_relpath(relpath))
        if found is None or self._iso is None:
            raise FileNotFoundError(f"not in the image: {relpath}")
        ctx = self._iso.open_file_from_iso(**{self._facade_kw: found[0]})
        return ctx.__enter__()  # type: ignore[no-any-return, no-untyped-call]

    def close(self) -> None:
        if self._iso is not None:
            try:
                self._iso.close()
            except (PyCdlibException, OSError):
                pass
            self._iso = None


def _bomb_reason(info: zipfile.ZipInfo) -> str | None:
    """Why a ZIP member is refused as a bomb, or None when its sizes are plausible."""
    if info.file_size > MAX_MEMBER_BYTES:
        return (
            f"refused: would expand to {info.file_size:,} bytes, more than "
            f"{MAX_MEMBER_BYTES >> 30} GB (a ZIP bomb?)"
        )
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        return f"refused: would expand {ratio:,} times, more than {MAX_RATIO} (a ZIP bomb?)"
    return None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, LinkRefused):
        return "a link is in the way; not followed"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "not found"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    text = str(exc).strip()
    return text or type(exc).__name__


def read_error_reason(exc: BaseException) -> str:
    """A plain one-line reason for an exception from :data:`READ_ERRORS`."""
    return _reason(exc)


def _is_iso(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            fh.seek(16 * 2048 + 1)
            return fh.read(5) == b"CD001"
    except OSError:
        return False


def open_source(path: str | os.PathLike[str]) -> Source:
    """Open a folder, ZIP archive or ISO 9660 image as a :class:`Source`.

    Raises :class:`SourceError` with a plain reason when the path is missing or unreadable.
    """
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError as exc:
        raise SourceError(f"source not found: {p}") from exc
    except OSError as exc:
        raise SourceError(f"source not readable: {_reason(exc)}") from exc
    if stat.S_ISDIR(st.st_mode):
        if not os.access(p, os.R_OK | os.X_OK):
            raise SourceError(f"source folder not readable: {p}")
        return FolderSource(p)
    if not stat.S_ISREG(st.st_mode) and not stat.S_ISBLK(st.st_mode):
        raise SourceError(f"not a folder, ZIP archive or ISO image: {p}")
    if zipfile.is_zipfile(p):
        return ZipSource(p)
    if _is_iso(p):
        return IsoSource(p)
    raise SourceError(f"not a folder, ZIP archive or ISO image: {p}")


def posix_parent(relpath: str) -> str:
    """The parent folder of a relative path ("" at the root)."""
    parent = str(PurePosixPath(relpath).parent)
    return "" if parent == "." else parent
