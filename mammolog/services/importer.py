"""The import use case: everything DICOM on a disc, folder, ZIP or ISO into the library.

One pass over the source: every file is sniffed from its first bytes; DICOM objects are read
header-only, hashed and copied in the same streaming pass to a temporary name in the library;
batches are made durable and renamed to content-addressed names, then registered in the
catalog in one transaction per batch. The DICOMDIR (when present) is reconciled with the scan:
referenced-but-missing files and references leaving the disc are problems, unreferenced DICOM
files are imported like the others. Dedupe: same SOP Instance UID and same bytes -> counted as
already present; same UID with different bytes -> kept as a conflict, never overwritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from mammolog.catalog.db import CatalogError
from mammolog.dicom.dicomdir_reader import DicomdirError, PathIndex, find_dicomdirs, read_dicomdir
from mammolog.dicom.headers import (
    HEADER_PREFIX,
    HeaderError,
    InstanceHeader,
    peek_instance_uid,
    read_header,
)
from mammolog.dicom.sniff import SNIFF_BYTES, FileKind, sniff
from mammolog.dicom.sources import (
    READ_ERRORS,
    Source,
    SourceEntry,
    SourceError,
    open_source,
    read_error_reason,
)
from mammolog.paths import AppPaths
from mammolog.services.import_catalog import CatalogWriter, PendingInstance
from mammolog.services.import_files import (
    CHUNK,
    StagedFile,
    Stager,
    StorageError,
    clean_incoming,
    import_lock,
)
from mammolog.services.import_report import (
    ImportReport,
    PersonSummary,
    ProblemCollector,
    ProblemLine,
)

_log = logging.getLogger("mammolog.import")

BATCH_FILES = 1000
BATCH_BYTES = 512 << 20
MAX_PROBLEM_ROWS = 10_000

_DOCUMENT_KINDS = frozenset({FileKind.PDF, FileKind.HTML, FileKind.TEXT})

ProgressCallback = Callable[[int, int, int, int], object]
DocumentCallback = Callable[[str, str, BinaryIO], object]


__all__ = ["ImportFailed", "ImportReport", "PersonSummary", "ProblemLine", "import_source"]


class ImportFailed(Exception):
    """Nothing could be imported (source missing/unreadable, library or catalog not writable)."""


@dataclass
class _Run:
    """Mutable state of one import run."""

    source: Source
    stager: Stager
    writer: CatalogWriter
    known: dict[str, set[str]]
    skip: set[str]
    problems: ProblemCollector = field(default_factory=ProblemCollector)
    pending: list[PendingInstance] = field(default_factory=list)
    pending_bytes: int = 0
    ignored: int = 0
    dicom_found: int = 0
    already_present: int = 0
    present_uids: list[str] = field(default_factory=list)
    documents: list[tuple[str, str]] = field(default_factory=list)
    on_document: DocumentCallback | None = None
    conflicts: int = 0
    bytes_copied: int = 0


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
    run: _Run | None = None
    try:
        run = _Run(
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
    run: _Run, label: str, run_id: int | None, files_seen: int, cancelled: bool
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
    run: _Run, entries: list[SourceEntry], progress: ProgressCallback | None, cancel: Any
) -> bool:
    """Import every entry, flushing batches; return True when cancelled."""
    total_bytes = sum(e.size for e in entries)
    done_bytes = 0
    for done, entry in enumerate(entries, start=1):
        if _is_cancelled(cancel):
            _flush(run)
            return True
        if entry.relpath not in run.skip:
            _import_one(run, entry)
            if len(run.pending) >= BATCH_FILES or run.pending_bytes >= BATCH_BYTES:
                _flush(run)
        done_bytes += entry.size
        if progress is not None:
            progress(done, len(entries), done_bytes, total_bytes)
    _flush(run)
    return False


def _reconcile_dicomdirs(run: _Run, relpaths: list[str]) -> None:
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


def _import_one(run: _Run, entry: SourceEntry) -> None:
    try:
        with run.source.open(entry.relpath) as stream:
            first = stream.read(min(max(entry.size, SNIFF_BYTES), HEADER_PREFIX))
            kind = sniff(first[:SNIFF_BYTES], entry.relpath)
            if kind.kind is FileKind.EMPTY:
                run.problems.append(ProblemLine(entry.relpath, "empty file"))
                return
            if kind.kind is FileKind.DICOMDIR:
                return
            if not kind.is_dicom:
                run.ignored += 1
                if kind.kind in _DOCUMENT_KINDS:
                    run.documents.append((entry.relpath, str(kind.kind)))
                    _hand_on_document(run, entry.relpath, str(kind.kind), stream)
                return
            run.dicom_found += 1
            if len(first) >= entry.size:
                staged, header = _small(run, entry, first)
            else:
                staged, header = _large(run, entry, first, stream)
    except HeaderError as exc:
        run.problems.append(ProblemLine(entry.relpath, str(exc)))
        return
    except StorageError:
        raise
    except READ_ERRORS as exc:
        run.problems.append(
            ProblemLine(entry.relpath, f"could not be read: {read_error_reason(exc)}")
        )
        return
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop the import
        _log.warning("unexpected %s on a source file", type(exc).__name__)
        run.problems.append(
            ProblemLine(entry.relpath, f"could not be imported ({type(exc).__name__})")
        )
        return
    if staged is None or header is None:
        return
    if not header.pixel_data_complete:
        run.stager.discard(staged)
        run.problems.append(
            ProblemLine(entry.relpath, "truncated: the pixel data ends early; not imported")
        )
        return
    hashes = run.known.setdefault(header.sop_instance_uid, set())
    if staged.sha256 in hashes:
        run.stager.discard(staged)
        run.already_present += 1
        run.present_uids.append(header.sop_instance_uid)
        return
    conflict = bool(hashes)
    if conflict:
        run.conflicts += 1
        run.problems.append(
            ProblemLine(
                entry.relpath,
                "conflict: an object with the same SOP Instance UID but different bytes is already in the library; both kept",
            )
        )
    hashes.add(staged.sha256)
    run.pending.append(
        PendingInstance(header, staged.sha256, staged.size, entry.relpath, conflict, staged.temp)
    )
    run.pending_bytes += staged.size
    run.bytes_copied += staged.size


def _hand_on_document(run: _Run, relpath: str, kind: str, stream: BinaryIO) -> None:
    if run.on_document is None:
        return
    try:
        stream.seek(0)
        run.on_document(relpath, kind, stream)
    except Exception as exc:  # noqa: BLE001 - the caller's code must not stop the import
        run.problems.append(ProblemLine(relpath, f"document not kept: {exc}"))


def _small(
    run: _Run, entry: SourceEntry, data: bytes
) -> tuple[StagedFile | None, InstanceHeader | None]:
    header = read_header(data, size=len(data))
    digest = hashlib.sha256(data).hexdigest()
    if digest in run.known.get(header.sop_instance_uid, ()):
        run.already_present += 1
        run.present_uids.append(header.sop_instance_uid)
        return None, None
    return run.stager.stage_bytes(data, digest), header


def _large(
    run: _Run, entry: SourceEntry, first: bytes, stream: Any
) -> tuple[StagedFile | None, InstanceHeader | None]:
    uid = peek_instance_uid(first)
    if uid and run.known.get(uid):
        # Probably imported before: hash without writing, copy only if the bytes differ.
        digest = hashlib.sha256(first)
        size = len(first)
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
        if size == entry.size and digest.hexdigest() in run.known[uid]:
            run.already_present += 1
            run.present_uids.append(uid)
            return None, None
        stream = run.source.open(entry.relpath)
        stream.seek(len(first))
        try:
            staged = run.stager.stage_stream(first, stream)
        finally:
            stream.close()
    else:
        staged = run.stager.stage_stream(first, stream)
    if staged.size != entry.size:
        run.stager.discard(staged)
        run.problems.append(
            ProblemLine(
                entry.relpath, f"could not be read completely ({staged.size} of {entry.size} bytes)"
            )
        )
        return None, None
    try:
        with staged.temp.open("rb") as copy:
            header = read_header(copy, size=staged.size, prefix=first)
    except HeaderError:
        run.stager.discard(staged)
        raise
    return staged, header


def _flush(run: _Run) -> None:
    if not run.pending:
        return
    staged = [StagedFile(p.temp, p.sha256, p.size) for p in run.pending]
    relpaths = run.stager.publish(staged)
    run.writer.register(run.pending, relpaths)
    run.pending = []
    run.pending_bytes = 0
