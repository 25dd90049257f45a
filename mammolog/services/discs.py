"""Patient discs and sticks that are mounted now: folders under the usual mount roots that
look like a disc of images (a DICOMDIR, or DICOM files near the top), never an unrelated
mount such as a system or data partition.

Looking is bounded: at most three folder levels below the mount and a few hundred entries
are read, and only the first bytes of a file, so a large drive is not walked."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from mammolog.dicom.sniff import SNIFF_BYTES, sniff

MEDIA_ROOTS: tuple[Path, ...] = (
    Path("/media"),
    Path("/run/media"),
    Path("/mnt"),
    Path("/Volumes"),
)
INDEX_NAMES = frozenset({"DICOMDIR", "DIRFILE"})
LOOK_DEPTH = 3  # folder levels below the mount looked into
LOOK_ENTRIES = 400  # directory entries read at most, per medium
LOOK_FILES = 40  # files whose first bytes are read at most, per medium


def _folders(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []


def _is_dicom_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return sniff(head, path.name).is_dicom


def looks_like_disc(folder: Path) -> bool:
    """True when ``folder`` holds a DICOMDIR (or DIRFILE) or DICOM files near its top."""
    entries_left, files_left = LOOK_ENTRIES, LOOK_FILES
    level = [folder]
    for _depth in range(LOOK_DEPTH + 1):
        deeper: list[Path] = []
        for current in level:
            try:
                with os.scandir(current) as scan:
                    for entry in scan:
                        entries_left -= 1
                        if entries_left < 0:
                            return False
                        name = entry.name.upper().split(";")[0]
                        if entry.is_dir(follow_symlinks=False):
                            if not entry.name.startswith("."):
                                deeper.append(Path(entry.path))
                        elif name in INDEX_NAMES:
                            return True
                        elif files_left > 0 and entry.is_file(follow_symlinks=False):
                            files_left -= 1
                            if _is_dicom_file(Path(entry.path)):
                                return True
            except OSError:
                continue
        level = sorted(deeper)
    return False


def _is_disc_top(folder: Path) -> bool:
    """True when the disc starts right here: a DICOMDIR, a DICOM folder, or DICOM files at
    the top (not only in folders below, as in a per-user folder that holds discs)."""
    try:
        entries = sorted(folder.iterdir())[:LOOK_ENTRIES]
    except OSError:
        return False
    for entry in entries:
        name = entry.name.upper().split(";")[0]
        if name in INDEX_NAMES:
            return True
        if name == "DICOM" and entry.is_dir() and looks_like_disc(entry):
            return True
    files = [e for e in entries if e.is_file()][:LOOK_FILES]
    return any(_is_dicom_file(f) for f in files)


def find_discs(roots: Iterable[Path] = MEDIA_ROOTS) -> list[Path]:
    """Mounted discs and sticks that look like patient discs: ``/media/cdrom``,
    ``/media/<user>/<label>``, ``/run/media/<user>/<label>``, ``/Volumes/X``."""
    found: list[Path] = []
    for root in roots:
        for child in _folders(root):
            if root.name == "Volumes" and child.name == "Macintosh HD":
                continue
            # /media/<user>/<label> and /run/media/<user>/<label>: the labels are the discs.
            if root.name == "media" and not os.path.ismount(child) and not _is_disc_top(child):
                nested = [g for g in _folders(child) if looks_like_disc(g)]
                if nested:
                    found.extend(nested)
                    continue
            if looks_like_disc(child):
                found.append(child)
    return list(dict.fromkeys(found))
