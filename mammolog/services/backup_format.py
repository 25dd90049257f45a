"""What a mammolog backup archive is: its layout names, errors and the restore report.

Shared by the writer (:mod:`mammolog.services.backup`) and the reader
(:mod:`mammolog.services.restore`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mammolog.catalog.db import make_engine, read_session
from mammolog.catalog.queries import all_registered_files

FORMAT = "mammolog-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATABASE_NAME = "catalog.sqlite"
SETTINGS_NAME = "settings.json"
LIBRARY_PREFIX = "library/"
CHUNK = 1 << 20
MAX_MANIFEST_BYTES = 256 << 20

Progress = Callable[[int, int, int, int], None]  # files done, files total, bytes done, total


class BackupError(Exception):
    """A backup or restore that cannot be done (or failed its checks), with the reason."""


class RestoreTargetError(BackupError):
    """The folder chosen for a restore cannot take it (not empty, not a folder)."""


@dataclass(frozen=True)
class RestoreReport:
    """What ``mammolog restore`` put in place."""

    home: Path
    files: int
    bytes: int
    created: str

    def as_json(self) -> dict[str, object]:
        """The JSON form printed by ``mammolog restore --json``."""
        return {"home": str(self.home), "files": self.files, "bytes": self.bytes,
                "backup_created": self.created}  # fmt: skip


def registered_files(snapshot: Path) -> list[tuple[str, str, int]]:
    """(library_path, sha256, size) of every file the catalog at ``snapshot`` owns."""
    engine = make_engine(snapshot)
    try:
        with read_session(engine) as session:
            return all_registered_files(session)
    except Exception as error:  # noqa: BLE001 - an old or damaged schema
        raise BackupError(
            f"cannot read the catalog's file list ({type(error).__name__}); "
            "run `mammolog verify` once to bring the catalog up to date"
        ) from error
    finally:
        engine.dispose()


def fsync_dir(directory: Path) -> None:
    """Make a folder's entries (a rename into it) durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
