"""Single-file outputs of a staged media folder: an ISO 9660 image (level 1 + Joliet) or a zip."""

from __future__ import annotations

import re
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
