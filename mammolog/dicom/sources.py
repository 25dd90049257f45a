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

import os
import stat
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pycdlib
from pycdlib.pycdlibexception import PyCdlibException

from mammolog.dicom.folder_source import FolderSource
from mammolog.dicom.source_base import (
    READ_ERRORS,
    LinkRefused,
    Source,
    SourceEntry,
    SourceError,
    SourceProblem,
    posix_parent,
    read_error_reason,
    safe_relpath,
)

__all__ = [
    "READ_ERRORS",
    "FolderSource",
    "IsoSource",
    "LinkRefused",
    "Source",
    "SourceEntry",
    "SourceError",
    "SourceProblem",
    "ZipSource",
    "open_source",
    "posix_parent",
    "read_error_reason",
    "safe_relpath",
]

#: ZIP bomb limits. A member may expand to at most MAX_MEMBER_BYTES and, above RATIO_FLOOR
#: bytes, to at most MAX_RATIO times its compressed size (mammograms compress 2-20 times);
#: the whole archive to at most MAX_TOTAL_BYTES and MAX_RATIO times the archive's size.
#: Reads never go past a member's declared size, so the declared sizes bound the output.
MAX_MEMBER_BYTES = 8 << 30
MAX_TOTAL_BYTES = 1 << 40
MAX_RATIO = 100
RATIO_FLOOR = 1 << 20


@dataclass
class ZipSource(Source):
    """A ZIP archive, read in place."""

    _zip: zipfile.ZipFile | None = None
    _names: dict[str, zipfile.ZipInfo] = field(default_factory=dict)

    def __post_init__(self) -> None:
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (OSError, zipfile.BadZipFile, ValueError) as exc:
            raise SourceError(f"cannot read ZIP archive: {read_error_reason(exc)}") from exc
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
            raise SourceError(f"cannot read ISO 9660 image: {read_error_reason(exc)}") from exc
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
                            SourceProblem(
                                iso_path.lstrip("/"), f"unreadable entry: {read_error_reason(exc)}"
                            )
                        )
                        continue
                    self._files.setdefault(rel, (iso_path, size))
        except (PyCdlibException, OSError, ValueError) as exc:
            self.problems.append(
                SourceProblem(".", f"damaged directory structure: {read_error_reason(exc)}")
            )

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
        raise SourceError(f"source not readable: {read_error_reason(exc)}") from exc
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
