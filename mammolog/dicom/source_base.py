"""What every source shares: entries, problems, errors, the read errors of one file, paths.

See :mod:`mammolog.dicom.sources` for the sources themselves and :func:`open_source`.
"""

from __future__ import annotations

import lzma
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

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


def posix_parent(relpath: str) -> str:
    """The parent folder of a relative path ("" at the root)."""
    parent = str(PurePosixPath(relpath).parent)
    return "" if parent == "." else parent
