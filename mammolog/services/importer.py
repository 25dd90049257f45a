"""The import use case: everything DICOM on a disc, folder, ZIP or ISO into the library.

One pass over the source: every file is sniffed from its first bytes; DICOM objects are read
header-only, hashed and copied in the same streaming pass to a temporary name in the library;
batches are made durable and renamed to content-addressed names, then registered in the
catalog in one transaction per batch. The DICOMDIR (when present) is reconciled with the scan:
referenced-but-missing files and references leaving the disc are problems, unreferenced DICOM
files are imported like the others. Dedupe: same SOP Instance UID and same bytes -> counted as
already present; same UID with different bytes -> kept as a conflict, never overwritten.
This module runs the pass and its batches; one file's handling is
:func:`mammolog.services.import_entry.import_entry`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from mammolog.catalog.db import CatalogError
from mammolog.dicom.dicomdir_reader import DicomdirError, PathIndex, find_dicomdirs, read_dicomdir
from mammolog.dicom.sources import Source, SourceEntry, SourceError, open_source
from mammolog.paths import AppPaths
from mammolog.services.import_catalog import CatalogWriter
from mammolog.services.import_entry import DocumentCallback, ImportRun, import_entry
from mammolog.services.import_files import (
    StagedFile,
    Stager,
    StorageError,
    clean_incoming,
    import_lock,
)
from mammolog.services.import_report import ImportReport, PersonSummary, ProblemLine

BATCH_FILES = 1000
BATCH_BYTES = 512 << 20
MAX_PROBLEM_ROWS = 10_000

ProgressCallback = Callable[[int, int, int, int], object]


__all__ = ["ImportFailed", "ImportReport", "PersonSummary", "ProblemLine", "import_source"]


class ImportFailed(Exception):
    """Nothing could be imported (source missing/unreadable, library or catalog not writable)."""


def _is_cancelled(cancel: Any) -> bool:
    if cancel is None:
        return False
    if isinstance(cancel, threading.Event) or hasattr(cancel, "is_set"):
        return bool(cancel.is_set())
    return bool(cancel())


def import_source(
    path: str | Path,
    *,
    paths: AppPaths,
    engine: Engine,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | Callable[[], bool] | None = None,
    on_document: DocumentCallback | None = None,
) -> ImportReport:
    """Import every DICOM object found at ``path`` (folder, ZIP or ISO) into the library.

    ``progress(files_done, files_total, bytes_done, bytes_total)`` is called after each file;
    ``cancel`` (an Event or a callable) is checked between files. ``on_document(relpath,
    kind, stream)`` is called for each loose PDF/HTML/text file while the source is open
    (e.g. to keep a report as an attachment); its errors become problem lines. Raises
    :class:`ImportFailed` with a plain reason when nothing could be done; every other failure
    is a problem line.
    """
    try:
        source = open_source(path)
    except SourceError as exc:
        raise ImportFailed(str(exc)) from exc
    try:
        paths.ensure()
    except OSError as exc:
        source.close()
        raise ImportFailed(f"library not writable: {exc.strerror or exc}") from exc
    try:
        with source, import_lock(paths.data_dir / ".import.lock"):
            clean_incoming(paths.incoming_dir)
            return _run_import(str(path), source, paths, engine, progress, cancel, on_document)
    except StorageError as exc:
        raise ImportFailed(str(exc)) from exc
    except CatalogError as exc:
        raise ImportFailed(str(exc)) from exc
    except OperationalError as exc:
        reason = (
            "catalog is locked by another program"
            if "locked" in str(exc)
            else "catalog not writable"
        )
        raise ImportFailed(reason) from exc


def _run_import(
    label: str,
    source: Source,
    paths: AppPaths,
    engine: Engine,
    progress: ProgressCallback | None,
    cancel: Any,
    on_document: DocumentCallback | None = None,
) -> ImportReport:
    entries = list(source.walk())
    relpaths = [e.relpath for e in entries]
    writer = CatalogWriter(engine)
    run_id = writer.start_run(label)
    run: ImportRun | None = None
    try:
        run = ImportRun(
            source=source,
            stager=Stager(paths.library_dir, paths.incoming_dir),
            writer=writer,
            known=writer.known_instances(),
            skip=set(),
            on_document=on_document,
        )
        run.problems.extend(ProblemLine(p.relpath, p.reason) for p in source.problems)
        _reconcile_dicomdirs(run, relpaths)
        cancelled = _copy_all(run, entries, progress, cancel)
        report = _finish(run, label, run_id, len(entries), cancelled)
    except BaseException as exc:
        # Whatever stopped the run (a damaged index, the catalog, Ctrl+C), it is recorded as
        # ended, never left "running", and nothing half-copied stays registered.
        for item in run.pending if run is not None else ():
            item.temp.unlink(missing_ok=True)
        with contextlib.suppress(Exception):
            writer.abandon_run(f"stopped: {exc}" if str(exc) else "stopped")
        raise
    return report


def _finish(
    run: ImportRun, label: str, run_id: int | None, files_seen: int, cancelled: bool
) -> ImportReport:
    """The run's report, recorded in the catalog with its problems."""
    writer = run.writer
    writer.note_present(run.present_uids)
    totals = writer.totals()
    report = ImportReport(
        source=label,
        studies_added=totals.studies_added,
        series_added=totals.series_added,
        instances_added=totals.instances_added,
        instances_already_present=run.already_present,
        conflicts=run.conflicts,
        ignored_files=run.ignored,
        bytes_copied=run.bytes_copied,
        persons=tuple(PersonSummary(pid, name, new) for pid, name, new in writer.persons()),
        problems=run.problems.lines(),
        files_seen=files_seen,
        dicom_found=run.dicom_found,
        cancelled=cancelled,
        run_id=run_id,
        documents=tuple(run.documents),
        study_uids=writer.touched_studies(),
        problem_count=run.problems.total,
    )
    writer.finish_run(report, [(p.path, p.reason) for p in report.problems[:MAX_PROBLEM_ROWS]])
    return report


def _copy_all(
    run: ImportRun, entries: list[SourceEntry], progress: ProgressCallback | None, cancel: Any
) -> bool:
    """Import every entry, flushing batches; return True when cancelled."""
    total_bytes = sum(e.size for e in entries)
    done_bytes = 0
    for done, entry in enumerate(entries, start=1):
        if _is_cancelled(cancel):
            _flush(run)
            return True
        if entry.relpath not in run.skip:
            import_entry(run, entry)
            if len(run.pending) >= BATCH_FILES or run.pending_bytes >= BATCH_BYTES:
                _flush(run)
        done_bytes += entry.size
        if progress is not None:
            progress(done, len(entries), done_bytes, total_bytes)
    _flush(run)
    return False


def _reconcile_dicomdirs(run: ImportRun, relpaths: list[str]) -> None:
    index = PathIndex(relpaths)
    for dicomdir in find_dicomdirs(relpaths):
        try:
            found = read_dicomdir(run.source, dicomdir, index)
        except DicomdirError as exc:
            run.skip.add(dicomdir)  # reported once here, not again by the scan
            run.problems.append(
                ProblemLine(
                    dicomdir, f"DICOMDIR not usable ({exc}); the files were scanned instead"
                )
            )
            continue
        run.skip.update(found.indexes)
        run.problems.extend(ProblemLine(p.relpath, p.reason) for p in found.problems)
        for ref in found.references:
            if ref.status == "missing":
                run.problems.append(
                    ProblemLine(ref.file_id, f"listed in {ref.index_path} but missing on the disc")
                )


def _flush(run: ImportRun) -> None:
    if not run.pending:
        return
    staged = [StagedFile(p.temp, p.sha256, p.size) for p in run.pending]
    relpaths = run.stager.publish(staged)
    run.writer.register(run.pending, relpaths)
    run.pending = []
    run.pending_bytes = 0
