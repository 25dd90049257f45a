"""Removable media that may hold a patient disc: folders under the usual mount roots."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

MEDIA_ROOTS: tuple[Path, ...] = (
    Path("/media"),
    Path("/run/media"),
    Path("/mnt"),
    Path("/Volumes"),
)


def _children(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []


def _looks_mounted(folder: Path) -> bool:
    try:
        return os.path.ismount(folder) or any(folder.iterdir())
    except OSError:
        return False


def _only_folders(folder: Path) -> bool:
    try:
        return all(entry.is_dir() for entry in folder.iterdir())
    except OSError:
        return False


def detect_media(roots: Iterable[Path] = MEDIA_ROOTS) -> list[Path]:
    """Mounted discs and sticks: ``/media/cdrom``, ``/media/<user>/<label>``, ``/Volumes/X``.

    Per-user folders (``/media/anna``) are looked into; empty folders are left out, and so
    is the macOS system volume.
    """
    found: list[Path] = []
    for root in roots:
        for child in _children(root):
            if root.name == "Volumes" and child.name == "Macintosh HD":
                continue
            # /media/<user>/<label> and /run/media/<user>/<label>: look one level deeper.
            if root.name == "media" and not os.path.ismount(child) and _only_folders(child):
                nested = [g for g in _children(child) if _looks_mounted(g)]
                if nested:
                    found.extend(nested)
                    continue
            if _looks_mounted(child):
                found.append(child)
    return list(dict.fromkeys(found))
