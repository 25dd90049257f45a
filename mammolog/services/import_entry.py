"""Importing one file of a source: sniff it, read its header, hash and stage it, dedupe.

A file is sniffed from its first bytes. Empty files are problems, DICOMDIRs were read before
the scan, and documents (PDF, HTML, text) are listed and handed on while the source is open.
A DICOM object is read header-only and copied, hashed in the same pass, to a temporary name
in the library; a small one is read whole first, a large one streamed. An object seen before
(same SOP Instance UID and same bytes) is counted, not copied again; a large one is hashed
without writing first. Same UID with other bytes is kept as a conflict. A header that cannot be
read, pixel data that ends early or a short read is the file's problem line and nothing else.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from mammolog.dicom.headers import (
    HEADER_PREFIX,
    HeaderError,
    InstanceHeader,
    peek_instance_uid,
    read_header,
)
from mammolog.dicom.sniff import SNIFF_BYTES, FileKind, sniff
from mammolog.dicom.sources import READ_ERRORS, Source, SourceEntry, read_error_reason
from mammolog.services.import_catalog import CatalogWriter, PendingInstance
from mammolog.services.import_files import CHUNK, StagedFile, Stager, StorageError
from mammolog.services.import_report import ProblemCollector, ProblemLine

__all__ = ["DocumentCallback", "ImportRun", "import_entry"]

_log = logging.getLogger("mammolog.import")

_DOCUMENT_KINDS = frozenset({FileKind.PDF, FileKind.HTML, FileKind.TEXT})

DocumentCallback = Callable[[str, str, BinaryIO], object]


@dataclass
class ImportRun:
    """Mutable state of one import run: what is staged and not yet registered, and the counts."""

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


def import_entry(run: ImportRun, entry: SourceEntry) -> None:
    """Import one source file into ``run``; every failure but storage is a problem line."""
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


def _hand_on_document(run: ImportRun, relpath: str, kind: str, stream: BinaryIO) -> None:
    if run.on_document is None:
        return
    try:
        stream.seek(0)
        run.on_document(relpath, kind, stream)
    except Exception as exc:  # noqa: BLE001 - the caller's code must not stop the import
        run.problems.append(ProblemLine(relpath, f"document not kept: {exc}"))


def _small(
    run: ImportRun, entry: SourceEntry, data: bytes
) -> tuple[StagedFile | None, InstanceHeader | None]:
    header = read_header(data, size=len(data))
    digest = hashlib.sha256(data).hexdigest()
    if digest in run.known.get(header.sop_instance_uid, ()):
        run.already_present += 1
        run.present_uids.append(header.sop_instance_uid)
        return None, None
    return run.stager.stage_bytes(data, digest), header


def _large(
    run: ImportRun, entry: SourceEntry, first: bytes, stream: Any
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
