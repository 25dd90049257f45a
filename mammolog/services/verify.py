"""Check the library against the catalog, both ways, re-hashing every file."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine

from mammolog.catalog.db import read_session
from mammolog.catalog.queries import all_registered_files
from mammolog.leftovers import written_by_running_process
from mammolog.paths import AppPaths, LibraryPathError, library_file

CHUNK = 1 << 20


@dataclass(frozen=True)
class VerifyProblem:
    """One disagreement between the catalog and the files."""

    kind: str  # "missing", "corrupt", "stray", "incomplete", "refused"
    path: str
    reason: str


@dataclass(frozen=True)
class VerifyReport:
    """What ``mammolog verify`` found."""

    files_checked: int
    bytes_checked: int
    problems: tuple[VerifyProblem, ...] = field(default_factory=tuple)

    @property
    def clean(self) -> bool:
        """True when catalog and library agree and every file hashes right."""
        return not self.problems

    def as_json(self) -> dict[str, object]:
        """The JSON form printed by ``mammolog verify --json``."""
        counts = {kind: 0 for kind in ("missing", "corrupt", "stray", "incomplete", "refused")}
        for problem in self.problems:
            counts[problem.kind] += 1
        return {
            "clean": self.clean,
            "files_checked": self.files_checked,
            "bytes_checked": self.bytes_checked,
            **counts,
            "problems": [
                {"kind": p.kind, "path": p.path, "reason": p.reason} for p in self.problems
            ],
        }


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def verify_library(
    paths: AppPaths, engine: Engine, progress: Callable[[int, int], None] | None = None
) -> VerifyReport:
    """Re-hash every registered file and look for files the catalog does not know."""
    with read_session(engine) as session:
        registered = all_registered_files(session)
    library = paths.library_dir
    problems: list[VerifyProblem] = []
    known: set[str] = set()
    total_bytes = 0

    def check(entry: tuple[str, str, int]) -> VerifyProblem | None:
        relpath, expected, size = entry
        try:
            file_path = library_file(library, relpath)
        except LibraryPathError as error:
            return VerifyProblem("refused", relpath, f"{error}; not read")
        try:
            actual_size = file_path.stat().st_size
            if actual_size != size:
                return VerifyProblem(
                    "corrupt", relpath, f"size is {actual_size} bytes, catalog says {size}"
                )
            if sha256_file(file_path) != expected:
                return VerifyProblem("corrupt", relpath, "content does not match its SHA-256")
        except FileNotFoundError:
            return VerifyProblem("missing", relpath, "in the catalog but not in the library")
        except OSError as error:
            return VerifyProblem("corrupt", relpath, f"cannot be read: {error.strerror}")
        return None

    # Identical documents attached to several studies share one file: check it once.
    entries = list(
        {relpath: (relpath, digest, size) for relpath, digest, size in registered}.values()
    )
    with ThreadPoolExecutor(max_workers=2) as pool:
        for done, (entry, problem) in enumerate(
            zip(entries, pool.map(check, entries), strict=False), 1
        ):
            known.add(entry[0])
            total_bytes += entry[2]
            if problem:
                problems.append(problem)
            if progress:
                progress(done, len(entries))
    problems.extend(_stray_files(paths, known))
    return VerifyReport(len(entries), total_bytes, tuple(problems))


def _stray_files(paths: AppPaths, known: set[str]) -> list[VerifyProblem]:
    library = paths.library_dir
    incoming = paths.incoming_dir
    stray: list[VerifyProblem] = []
    if not library.exists():
        return stray
    for file_path in sorted(library.rglob("*")):
        if not file_path.is_file() and not file_path.is_symlink():
            continue
        relpath = file_path.relative_to(library).as_posix()
        if relpath in known:
            continue
        if incoming in file_path.parents:
            if written_by_running_process(file_path.name):
                continue  # a running import's or attach's temporary, not a leftover
            stray.append(
                VerifyProblem(
                    "incomplete",
                    relpath,
                    "left by an interrupted import; re-run the import to complete it",
                )
            )
        else:
            stray.append(VerifyProblem("stray", relpath, "in the library but not in the catalog"))
    return stray
