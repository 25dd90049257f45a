"""The import as the app runs it: throttled progress figures and a summary record.

The import itself is :func:`mammolog.services.importer.import_source`; this module turns its
callbacks into time-batched figures and its report into a frozen summary for the screen.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from mammolog.paths import AppPaths
from mammolog.services.importer import ImportFailed, ImportReport, import_source

PROGRESS_INTERVAL_S = 0.1


@dataclass(frozen=True)
class ImportFigures:
    """How far the import is: files and bytes done of total, rate and time left."""

    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int
    elapsed_s: float

    @property
    def fraction(self) -> float:
        """0..1, by bytes when known, else by files."""
        if self.bytes_total:
            return min(self.bytes_done / self.bytes_total, 1.0)
        if self.files_total:
            return min(self.files_done / self.files_total, 1.0)
        return 0.0

    @property
    def rate(self) -> float:
        """Bytes per second so far."""
        return self.bytes_done / self.elapsed_s if self.elapsed_s > 0 else 0.0

    @property
    def eta_s(self) -> float | None:
        """Seconds left at the current rate (None until there is a rate)."""
        if self.fraction <= 0 or self.elapsed_s <= 0:
            return None
        return max(self.elapsed_s / self.fraction - self.elapsed_s, 0.0)


@dataclass(frozen=True)
class ProblemLine:
    """A file that could not be imported and why; ``more_like_this`` counts further files
    with the same reason that the report summarised instead of listing (then ``path`` is "")."""

    path: str
    reason: str
    more_like_this: int = 0


@dataclass(frozen=True)
class PersonLine:
    """A person the import matched or created."""

    person_id: int
    display_name: str
    created: bool
    reason: str = ""


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, for the report on screen."""

    source: str
    status: str  # "done", "cancelled" or "failed"
    files_seen: int = 0
    studies_added: int = 0
    instances_added: int = 0
    already_present: int = 0
    ignored: int = 0
    bytes_copied: int = 0
    problems: tuple[ProblemLine, ...] = ()
    persons: tuple[PersonLine, ...] = ()
    reason: str = ""
    problems_found: int = 0  # every problem met, listed or summarised; 0: count the lines

    @property
    def problem_count(self) -> int:
        """Every problem met, including those summarised as "more like this"."""
        return self.problems_found or sum(p.more_like_this or 1 for p in self.problems)


class ProgressThrottle:
    """Hands figures on at most every ``interval`` seconds; :meth:`flush` sends the last."""

    def __init__(
        self, send: Callable[[ImportFigures], object], interval: float = PROGRESS_INTERVAL_S
    ):
        self._send = send
        self._interval = interval
        self._started = time.monotonic()
        self._last_sent = float("-inf")
        self._latest: ImportFigures | None = None

    def __call__(
        self, files_done: int, files_total: int, bytes_done: int, bytes_total: int
    ) -> None:
        """Record new figures; send them if the last send was long enough ago."""
        now = time.monotonic()
        self._latest = ImportFigures(
            files_done, files_total, bytes_done, bytes_total, now - self._started
        )
        if now - self._last_sent >= self._interval:
            self._last_sent = now
            self._send(self._latest)

    def flush(self) -> None:
        """Send the latest figures (once the import ended)."""
        if self._latest is not None:
            self._send(self._latest)


def human_bytes(size: float) -> str:
    """1.2 GB style sizes."""
    for unit in ("B", "KB", "MB", "GB"):
        if abs(size) < 1000:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} TB"


def duration(seconds: float) -> str:
    """ "1:05" style durations."""
    whole = int(seconds + 0.5)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def figures_text(figures: ImportFigures) -> str:
    """One line: files, bytes, rate and time left."""
    eta = figures.eta_s
    parts = [
        f"{figures.files_done} of {figures.files_total} files",
        f"{human_bytes(figures.bytes_done)} of {human_bytes(figures.bytes_total)}",
        f"{human_bytes(figures.rate)}/s",
        f"about {duration(eta)} left" if eta is not None and figures.fraction < 1 else "",
    ]
    return " · ".join(p for p in parts if p)


def run_import(
    source: Path,
    *,
    paths: AppPaths,
    engine: Engine,
    progress: ProgressThrottle,
    cancel: threading.Event,
) -> ImportSummary:
    """Import ``source`` with the import service and summarise its report.

    A source that cannot be imported at all gives a "failed" summary with the plain reason.
    """
    try:
        report = import_source(source, paths=paths, engine=engine, progress=progress, cancel=cancel)
    except ImportFailed as error:
        return ImportSummary(source=str(source), status="failed", reason=str(error))
    progress.flush()
    return summarise(report)


def summarise(report: ImportReport) -> ImportSummary:
    """A frozen summary of the import service's report."""
    return ImportSummary(
        source=report.source,
        status="cancelled" if report.cancelled else "done",
        files_seen=report.files_seen,
        studies_added=report.studies_added,
        instances_added=report.instances_added,
        already_present=report.instances_already_present,
        ignored=report.ignored_files,
        bytes_copied=report.bytes_copied,
        problems=tuple(ProblemLine(p.path, p.reason, p.more_like_this) for p in report.problems),
        problems_found=report.problems_found,
        persons=tuple(PersonLine(p.person_id, p.display_name, p.new) for p in report.persons),
    )
