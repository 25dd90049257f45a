"""Restore a backup archive into an empty or new home, checking every hash and every path.

Members are written into a private staging folder beside the target,
``.<target>.restore-<pid>-<random>``, hashed as they are written and checked against the
manifest; the restored catalog's file paths must all stay inside the library. Only then is the
staging folder renamed into place: a failed restore leaves nothing behind, and the staging
folder of a killed restore is recognised by its dead owner process and removed by the next.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from mammolog.domain.plain_words import plural
from mammolog.leftovers import remove_abandoned
from mammolog.paths import AppPaths, LibraryPathError, library_relpath, make_private_dir
from mammolog.services.backup_format import (
    CHUNK,
    DATABASE_NAME,
    FORMAT,
    LIBRARY_PREFIX,
    MANIFEST_NAME,
    MAX_MANIFEST_BYTES,
    SETTINGS_NAME,
    BackupError,
    Progress,
    RestoreReport,
    RestoreTargetError,
    fsync_dir,
)

MAX_REFUSED_SHOWN = 3
_PATH_QUERIES = {
    "instance": "SELECT library_path FROM instance",
    "attachment": "SELECT library_path FROM attachment",
}


def member_destination(name: str, staged: AppPaths) -> Path:
    """Where an archive member goes under ``staged``; refuses every path trick.

    Raises :class:`BackupError` for absolute paths, ``..``, empty or odd components and names
    outside the layout a backup writes.
    """
    if not name or "\x00" in name or "\\" in name:
        raise BackupError(f"refused entry {name!r}: not a plain relative path")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise BackupError(f"refused entry {name!r}: absolute path")
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise BackupError(f"refused entry {name!r}: path leaves the archive folder")
    if name == DATABASE_NAME:
        return staged.database
    if name == SETTINGS_NAME:
        return staged.settings_file
    if name.startswith(LIBRARY_PREFIX) and len(parts) > 1:
        return staged.library_dir.joinpath(*parts[1:])
    raise BackupError(f"refused entry {name!r}: not part of a mammolog backup")


def restore_archive(
    archive: Path, paths: AppPaths, *, progress: Progress | None = None
) -> RestoreReport:
    """Restore ``archive`` into the (empty or new) home ``paths``, checking every hash.

    Raises :class:`RestoreTargetError` when the home is not empty and :class:`BackupError`
    for a missing, corrupt or tampered archive; in every failure the target is left untouched.
    """
    target = paths.data_dir.absolute()
    if not archive.is_file():
        raise BackupError(f"no such backup file: {archive}")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise RestoreTargetError(f"{target} is not empty; restore into an empty or new folder")
    make_private_dir(target.parent)
    prefix = f".{target.name}.restore-"
    remove_abandoned(target.parent, prefix)
    staging = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=target.parent))
    try:
        staged = AppPaths.under_home(staging)
        written, manifest = _extract(archive, staged, progress)
        files, size = _check_manifest(manifest, written)
        check_catalog_paths(staged.database)
        staged.ensure()
        fsync_dir(staging)
        os.replace(staging, target)
        fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    final = AppPaths.under_home(target)
    if paths.settings_file != final.settings_file and final.settings_file.is_file():
        make_private_dir(paths.settings_file.parent)
        shutil.move(final.settings_file, paths.settings_file)
    return RestoreReport(target, files, size, str(manifest.get("created", "")))


def _extract(
    archive: Path, staged: AppPaths, progress: Progress | None
) -> tuple[dict[str, tuple[str, int]], dict[str, Any]]:
    written: dict[str, tuple[str, int]] = {}
    manifest_bytes: bytes | None = None
    total = archive.stat().st_size
    done = 0
    try:
        with tarfile.TarFile(archive, mode="r", copybufsize=CHUNK) as tar:
            for member in tar:
                name = member.name
                if name in written or (name == MANIFEST_NAME and manifest_bytes is not None):
                    raise BackupError(f"refused entry {name!r}: appears twice")
                if not member.isreg():
                    raise BackupError(
                        f"refused entry {name!r}: links and special files are not restored"
                    )
                stream = tar.extractfile(member)
                if stream is None:  # pragma: no cover - regular members always have data
                    raise BackupError(f"corrupt archive: no data for {name!r}")
                if name == MANIFEST_NAME:
                    if member.size > MAX_MANIFEST_BYTES:
                        raise BackupError("corrupt archive: manifest too large")
                    manifest_bytes = stream.read()
                    continue
                destination = member_destination(name, staged)
                written[name] = _write_member(stream, destination, staged.data_dir)
                done += member.size
                if progress:
                    progress(len(written), 0, done, total)
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        if isinstance(error, OSError) and error.errno is not None:
            raise BackupError(f"cannot restore: {error.strerror}") from error
        raise BackupError(f"corrupt archive ({error})") from error
    if manifest_bytes is None:
        raise BackupError("corrupt archive: no manifest (is the file cut short?)")
    try:
        manifest = json.loads(manifest_bytes)
    except (UnicodeDecodeError, ValueError) as error:
        raise BackupError("corrupt archive: the manifest is not valid JSON") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("not a mammolog backup (no mammolog manifest)")
    return written, manifest


def _write_member(stream: IO[bytes], destination: Path, root: Path) -> tuple[str, int]:
    parent = destination.parent
    if not parent.is_dir():
        make_private_dir(parent)
    if not os.path.realpath(parent).startswith(os.path.realpath(root) + os.sep) and (
        os.path.realpath(parent) != os.path.realpath(root)
    ):
        raise BackupError(f"refused entry {destination.name!r}: path leaves the restore folder")
    digest = hashlib.sha256()
    size = 0
    fd = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as out:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest(), size


def _check_manifest(
    manifest: dict[str, Any], written: dict[str, tuple[str, int]]
) -> tuple[int, int]:
    files = manifest.get("files")
    if not isinstance(files, list):
        raise BackupError("corrupt archive: the manifest lists no files")
    expected: dict[str, tuple[str, int]] = {}
    for entry in files:
        try:
            expected[str(entry["path"])] = (str(entry["sha256"]), int(entry["size"]))
        except (KeyError, TypeError, ValueError) as error:
            raise BackupError("corrupt archive: a manifest entry is damaged") from error
    bad: list[str] = []
    for name, (digest, size) in expected.items():
        got = written.get(name)
        if got is None:
            bad.append(f"{name}: listed in the manifest but not in the archive")
        elif got[1] != size:
            bad.append(f"{name}: {got[1]} bytes, the manifest says {size}")
        elif got[0] != digest:
            bad.append(f"{name}: content does not match its SHA-256 in the manifest")
    bad.extend(f"{name}: in the archive but not in the manifest" for name in written
               if name not in expected)  # fmt: skip
    if DATABASE_NAME not in expected:
        bad.append(f"{DATABASE_NAME}: the backup has no catalog")
    if bad:
        more = f" (and {len(bad) - 3} more)" if len(bad) > 3 else ""
        failed = plural(len(bad), "file")
        raise BackupError(f"hash check failed for {failed}: {'; '.join(bad[:3])}{more}")
    return len(written), sum(size for _digest, size in written.values())


def _library_paths(database: Path) -> list[str]:
    """Every library path the catalog names, whatever its schema version (older backups
    are migrated only when first opened, so the query must not rely on the newest tables)."""
    try:
        connection = sqlite3.connect(f"file:{quote(str(database))}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise BackupError(f"the backup's catalog cannot be read: {error}") from error
    try:
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}  # fmt: skip
        paths: list[str] = []
        for table, query in _PATH_QUERIES.items():
            if table in tables:
                paths.extend(str(row[0]) for row in connection.execute(query))
        return paths
    except sqlite3.Error as error:
        raise BackupError(f"the backup's catalog cannot be read: {error}") from error
    finally:
        connection.close()


def check_catalog_paths(database: Path) -> None:
    """Refuse a restored catalog naming any file outside the library.

    Every path must be library-relative, without ``..``, not absolute (see
    :func:`mammolog.paths.library_relpath`); a crafted backup pointing at ``/etc/passwd``
    would otherwise let verify read it, an export copy it and the next backup archive it.
    Raises :class:`BackupError` naming the first few paths refused.
    """
    refused: list[str] = []
    for relpath in _library_paths(database):
        try:
            library_relpath(relpath)
        except LibraryPathError:
            refused.append(repr(str(relpath)[:80]))
    if refused:
        shown = ", ".join(refused[:MAX_REFUSED_SHOWN])
        more = (
            f" and {len(refused) - MAX_REFUSED_SHOWN} more"
            if len(refused) > MAX_REFUSED_SHOWN
            else ""
        )
        raise BackupError(
            f"refused backup: its catalog points outside the library ({shown}{more}); "
            "nothing was restored"
        )
