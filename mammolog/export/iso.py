"""Finishing a staged media folder: move it into place, or write it as one zip or ISO 9660 image.

A folder export is staged in a hidden sibling and renamed into place. The root of a mounted
stick cannot be renamed, so there the staged entries are moved in one by one with the DICOMDIR
last: until it appears, the media never looks complete. ISO images use level 1 names + Joliet.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import pycdlib

_LEVEL1_NAME = re.compile(r"^[A-Z0-9_]{1,8}(\.[A-Z0-9_]{1,3})?$")
_MAX_DEPTH = 8


class IsoError(Exception):
    """The folder cannot be written as an ISO 9660 level 1 image (the message says why)."""


def _iso_file_path(relative: Path) -> str:
    parts = relative.parts
    name = parts[-1]
    if "." not in name:
        name += "."
    return "/" + "/".join((*parts[:-1], name)) + ";1"


def volume_identifier(fileset_id: str) -> str:
    """A volume identifier (d-characters, up to 32) derived from the File-set ID."""
    cleaned = re.sub(r"[^A-Z0-9_]", "_", fileset_id.upper())[:32]
    return cleaned or "DICOM"


def build_iso(source: Path, target: Path, *, volume_id: str) -> int:
    """Write `source` (a folder of 8.3 uppercase names) as an ISO image to `target`.

    Returns the image size in bytes. Names that level 1 does not allow raise IsoError.
    """
    iso = pycdlib.PyCdlib()
    iso.new(interchange_level=1, joliet=3, vol_ident=volume_identifier(volume_id))
    try:
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(source)
            if len(relative.parts) > _MAX_DEPTH:
                raise IsoError(f"{relative} is nested deeper than {_MAX_DEPTH} levels")
            if not _LEVEL1_NAME.match(relative.parts[-1]):
                raise IsoError(f"{relative} is not an ISO 9660 level 1 name")
            joliet_path = "/" + "/".join(relative.parts)
            if path.is_dir():
                iso.add_directory("/" + "/".join(relative.parts), joliet_path=joliet_path)
            else:
                # add_file opens each file only while the image is written
                iso.add_file(str(path), _iso_file_path(relative), joliet_path=joliet_path)
        iso.write(str(target))
    except pycdlib.pycdlibexception.PyCdlibException as exc:
        raise IsoError(f"ISO image could not be written: {exc}") from exc
    finally:
        iso.close()
    return target.stat().st_size


def build_zip(source: Path, target: Path) -> int:
    """Write `source` as one zip file (stored, not deflated: DICOM pixels rarely shrink).

    The DICOMDIR goes in last. Returns the archive size in bytes.
    """
    files = sorted(path for path in source.rglob("*") if path.is_file())
    files.sort(key=lambda path: path.relative_to(source).as_posix() == "DICOMDIR")
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for path in files:
            archive.write(path, arcname=path.relative_to(source).as_posix())
    return target.stat().st_size


# Every name a media export writes at its root; DICOMDIR is what makes it look complete.
MEDIA_ROOT_NAMES = ("DICOMDIR", "DICOM", "IHE_PDI", "INDEX.HTM", "README.TXT")


def sync_folder(folder: Path) -> None:
    """Make a folder's entries (renames, new files) durable."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def sync_tree(root: Path) -> None:
    """Flush written data, then every folder under `root`."""
    os.sync()
    for folder in [root, *(path for path in root.rglob("*") if path.is_dir())]:
        sync_folder(folder)


def replace_folder(staging: Path, out: Path, *, durable: bool) -> None:
    """Rename `staging` to `out`; an existing `out` is moved aside first, then removed."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.replace(out, old / "previous")
    os.replace(staging, out)
    if durable:
        sync_folder(out.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def replace_file(staged: Path, out: Path, *, durable: bool) -> None:
    """Put a finished archive in place (private mode), replacing any file there."""
    if durable:
        with staged.open("rb") as handle:
            os.fsync(handle.fileno())
    staged.chmod(0o600)
    os.replace(staged, out)
    if durable:
        sync_folder(out.parent)


def move_into_root(staging: Path, root: Path, *, durable: bool) -> None:
    """Move the staged entries (a folder inside `root`) up into `root`, DICOMDIR last.

    A previous export's entries are removed first, DICOMDIR first; other files stay.
    """
    for name in MEDIA_ROOT_NAMES:
        previous = root / name
        if previous.is_dir() and not previous.is_symlink():
            shutil.rmtree(previous)
        elif previous.exists() or previous.is_symlink():
            previous.unlink()
    for entry in sorted(staging.iterdir(), key=lambda path: path.name == "DICOMDIR"):
        if durable and entry.name == "DICOMDIR":
            sync_folder(root)
        os.replace(entry, root / entry.name)
    staging.rmdir()
    if durable:
        sync_folder(root)
