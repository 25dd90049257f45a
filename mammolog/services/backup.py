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
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from mammolog import __version__
from mammolog.catalog.db import make_engine, read_session
from mammolog.catalog.queries import all_registered_files
from mammolog.paths import AppPaths, make_private_dir

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
    try:
        source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
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


def _registered(snapshot: Path) -> list[tuple[str, str, int]]:
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
    if out.exists() and not overwrite:
        raise RestoreTargetError(f"{out} already exists (use --force to replace it)")
    if out.is_dir():
        raise RestoreTargetError(f"{out} is a folder; give a file name")
    if paths.library_dir.absolute() in out.parents:
        raise RestoreTargetError("the backup cannot be written inside the library")
    if not out.parent.is_dir():
        raise BackupError(f"folder {out.parent} does not exist")
    workdir = Path(tempfile.mkdtemp(prefix=".mammolog-backup-", dir=out.parent))
    temp = out.parent / f".{out.name}.{uuid.uuid4().hex}.tmp"
    try:
        snapshot = workdir / DATABASE_NAME
        snapshot_database(paths.database, snapshot)
        registered = _registered(snapshot)
        report = _write_archive(paths, snapshot, registered, temp, progress)
        os.replace(temp, out)
        _fsync_dir(out.parent)
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
        with (paths.library_dir / relpath).open("rb") as stream:
            stat = os.fstat(stream.fileno())
            digest = _add(tar, LIBRARY_PREFIX + relpath, stream, stat.st_size, stat.st_mtime)
    except FileNotFoundError:
        problems.append(BackupProblem(relpath, "in the catalog but not in the library"))
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


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.restore-", dir=target.parent))
    try:
        staged = AppPaths.under_home(staging)
        written, manifest = _extract(archive, staged, progress)
        files, size = _check_manifest(manifest, written)
        staged.ensure()
        _fsync_dir(staging)
        os.replace(staging, target)
        _fsync_dir(target.parent)
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
        raise BackupError(f"hash check failed for {len(bad)} file(s): {'; '.join(bad[:3])}{more}")
    return len(written), sum(size for _digest, size in written.values())
