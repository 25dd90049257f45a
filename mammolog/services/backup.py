"""Back up the whole home into one tar archive with a manifest of hashes, and restore it.

The archive is a plain (uncompressed) POSIX tar: images are already compressed or do not
compress, so compression would only cost time. It holds, in this order:

- ``catalog.sqlite``: a consistent copy taken with SQLite's online backup API, so the app
  may keep running (and writing) while the backup is made;
- ``settings.json`` when there is one;
- ``library/<path>`` for every file the copied catalog owns (images and attachments);
- ``manifest.json`` last: the SHA-256 and size of every other member.

Each file is read once: the bytes are hashed as they are written into the archive and
checked against the hash the catalog stored at import. Restoring writes into a private
staging folder beside the target, hashes every member as it is written, checks the
manifest, and only then renames the staging folder into place: a failed restore leaves
nothing behind.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO
from urllib.parse import quote

from mammolog import __version__
from mammolog.leftovers import remove_abandoned
from mammolog.paths import AppPaths, LibraryPathError, library_file, refuse_inside_home
from mammolog.services.backup_format import (
    CHUNK,
    DATABASE_NAME,
    FORMAT,
    FORMAT_VERSION,
    LIBRARY_PREFIX,
    MANIFEST_NAME,
    SETTINGS_NAME,
    BackupError,
    Progress,
    RestoreReport,
    RestoreTargetError,
    fsync_dir,
    registered_files,
)
from mammolog.services.restore import member_destination, restore_archive

__all__ = [
    "BackupError",
    "BackupProblem",
    "BackupReport",
    "RestoreReport",
    "RestoreTargetError",
    "backup_home",
    "member_destination",
    "restore_archive",
    "snapshot_database",
]

#: Work folders of a running backup are named ``.mammolog-backup-<pid>-<random>`` beside the
#: archive; one whose process is gone was left by a killed backup and is removed.
WORK_PREFIX = ".mammolog-backup-"


@dataclass(frozen=True)
class BackupProblem:
    """A library file that could not be backed up as the catalog describes it."""

    path: str
    reason: str


@dataclass(frozen=True)
class BackupReport:
    """What ``mammolog backup`` wrote."""

    archive: Path
    files: int
    bytes: int
    left_out: tuple[str, ...] = field(default_factory=tuple)
    problems: tuple[BackupProblem, ...] = field(default_factory=tuple)

    @property
    def clean(self) -> bool:
        """True when every file the catalog owns was archived with the catalog's hash."""
        return not self.problems

    def as_json(self) -> dict[str, object]:
        """The JSON form printed by ``mammolog backup --json``."""
        return {
            "archive": str(self.archive),
            "clean": self.clean,
            "files": self.files,
            "bytes": self.bytes,
            "left_out": list(self.left_out),
            "problems": [{"path": p.path, "reason": p.reason} for p in self.problems],
        }


class _HashingReader:
    """Wraps a binary stream; hashes and counts what is read through it."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.digest.update(data)
        self.count += len(data)
        return data


def snapshot_database(database: Path, target: Path) -> None:
    """Copy ``database`` to ``target`` with SQLite's online backup API (consistent, online)."""
    # On a read-only home the WAL catalog's -shm file cannot be created; nothing can change
    # the file there either, so it is read as immutable.
    writable = os.access(database, os.W_OK) and os.access(database.parent, os.W_OK)
    flags = "mode=ro" if writable else "mode=ro&immutable=1"
    try:
        source = sqlite3.connect(f"file:{quote(str(database))}?{flags}", uri=True)
    except sqlite3.Error as error:
        raise BackupError(f"cannot open the catalog {database}: {error}") from error
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
            destination.execute("PRAGMA journal_mode=DELETE")
        finally:
            destination.close()
    except sqlite3.Error as error:
        raise BackupError(f"cannot copy the catalog {database}: {error}") from error
    finally:
        source.close()


def _add(tar: tarfile.TarFile, name: str, stream: IO[bytes], size: int, mtime: float) -> str:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(mtime)
    info.mode = 0o600
    reader = _HashingReader(stream)
    tar.addfile(info, reader)
    return reader.digest.hexdigest()


def _unregistered(paths: AppPaths, known: set[str]) -> list[str]:
    left_out: list[str] = []
    if not paths.library_dir.is_dir():
        return left_out
    for file_path in sorted(paths.library_dir.rglob("*")):
        if file_path.is_dir() and not file_path.is_symlink():
            continue
        relpath = file_path.relative_to(paths.library_dir).as_posix()
        if relpath not in known and paths.incoming_dir not in file_path.parents:
            left_out.append(relpath)
    return left_out


def backup_home(
    paths: AppPaths, out: Path, *, overwrite: bool = False, progress: Progress | None = None
) -> BackupReport:
    """Write one archive of the home (catalog, library files, settings) to ``out``, atomically.

    Files the catalog does not know (strays) and unfinished imports are left out and listed.
    A registered file that is missing or does not match its stored hash is listed as a
    problem; the archive is still written with everything else.
    """
    out = out.expanduser().absolute()
    if not paths.database.is_file():
        raise BackupError(f"no catalog at {paths.database}: nothing to back up")
    inside = refuse_inside_home(paths, out)
    in_backups = os.path.realpath(out.parent) == os.path.realpath(paths.backups_dir)
    if inside is not None and not in_backups:
        # Only the backups folder is the home's own place for archives: anywhere else inside
        # the home, `--out HOME/catalog.sqlite --force` would replace the catalog.
        raise RestoreTargetError(inside)
    if out.exists() and not overwrite:
        raise RestoreTargetError(f"{out} already exists (use --force to replace it)")
    if out.is_dir():
        raise RestoreTargetError(f"{out} is a folder; give a file name")
    if not out.parent.is_dir():
        raise BackupError(f"folder {out.parent} does not exist")
    remove_abandoned(out.parent, WORK_PREFIX)
    workdir = Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-", dir=out.parent))
    temp = workdir / f"{out.name}.partial"
    try:
        snapshot = workdir / DATABASE_NAME
        snapshot_database(paths.database, snapshot)
        registered = registered_files(snapshot)
        report = _write_archive(paths, snapshot, registered, temp, progress)
        os.replace(temp, out)
        fsync_dir(out.parent)
    except OSError as error:
        raise BackupError(f"cannot write the backup: {error.strerror or error}") from error
    finally:
        temp.unlink(missing_ok=True)
        shutil.rmtree(workdir, ignore_errors=True)
    known = {relpath for relpath, _digest, _size in registered}
    return BackupReport(out, report[0], report[1], tuple(_unregistered(paths, known)), report[2])


def _write_archive(
    paths: AppPaths,
    snapshot: Path,
    registered: list[tuple[str, str, int]],
    temp: Path,
    progress: Progress | None,
) -> tuple[int, int, tuple[BackupProblem, ...]]:
    entries: list[dict[str, object]] = []
    problems: list[BackupProblem] = []
    total = snapshot.stat().st_size + sum(size for _p, _d, size in registered)
    done_bytes = 0
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as raw:
        with tarfile.TarFile(
            fileobj=raw, mode="w", format=tarfile.PAX_FORMAT, copybufsize=CHUNK
        ) as tar:
            singles = [(DATABASE_NAME, snapshot, "database")]
            if paths.settings_file.is_file():
                singles.append((SETTINGS_NAME, paths.settings_file, "settings"))
            for name, source, kind in singles:
                with source.open("rb") as stream:
                    stat = os.fstat(stream.fileno())
                    digest = _add(tar, name, stream, stat.st_size, stat.st_mtime)
                entries.append({"path": name, "kind": kind, "size": stat.st_size,
                                "sha256": digest})  # fmt: skip
                done_bytes += stat.st_size
            for count, (relpath, expected, size) in enumerate(registered, 1):
                entry = _add_library_file(tar, paths, relpath, expected, size, problems)
                if entry is not None:
                    entries.append(entry)
                done_bytes += size
                if progress:
                    progress(count, len(registered), done_bytes, total)
            manifest = json.dumps(_manifest(entries), indent=1).encode("utf-8")
            _add(tar, MANIFEST_NAME, io.BytesIO(manifest), len(manifest), _now().timestamp())
        raw.flush()
        os.fsync(raw.fileno())
    archived = sum(int(str(entry["size"])) for entry in entries)
    return len(entries), archived, tuple(problems)


def _add_library_file(
    tar: tarfile.TarFile,
    paths: AppPaths,
    relpath: str,
    expected: str,
    size: int,
    problems: list[BackupProblem],
) -> dict[str, object] | None:
    try:
        with library_file(paths.library_dir, relpath).open("rb") as stream:
            stat = os.fstat(stream.fileno())
            digest = _add(tar, LIBRARY_PREFIX + relpath, stream, stat.st_size, stat.st_mtime)
    except FileNotFoundError:
        problems.append(BackupProblem(relpath, "in the catalog but not in the library"))
        return None
    except LibraryPathError as error:
        problems.append(BackupProblem(relpath, f"{error}; not archived"))
        return None
    except OSError as error:
        problems.append(BackupProblem(relpath, f"cannot be read: {error.strerror or error}"))
        return None
    if digest != expected or stat.st_size != size:
        problems.append(BackupProblem(relpath, "content does not match the catalog's SHA-256"))
    return {"path": LIBRARY_PREFIX + relpath, "kind": "library", "size": stat.st_size,
            "sha256": digest}  # fmt: skip


def _now() -> datetime:
    return datetime.now(UTC)


def _manifest(entries: list[dict[str, object]]) -> dict[str, object]:
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "mammolog_version": __version__,
            "created": _now().isoformat(timespec="seconds"), "files": entries}  # fmt: skip
