"""Write a standard DICOM disc/USB (File-set with DICOMDIR plus IHE PDI extras), atomically.

Which input files go on the media, and why the others are left off, is decided by
:mod:`mammolog.export.media_select`. Files are copied byte for byte (transfer syntaxes kept as
stored) unless anonymizing. Everything is written into a hidden sibling folder first and moved
into place at the end, so a target that looks complete always is complete. ``--zip`` and
``--iso`` produce a single file instead.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError
from pydicom.uid import generate_uid

from mammolog.export.anonymize import (
    AnonymizeError,
    Anonymizer,
    collect_identifiers,
    guard_summaries,
)
from mammolog.export.deid_file import deidentify_file
from mammolog.export.dicomdir_writer import (
    DicomdirError,
    DirectoryEntry,
    PlannedFile,
    plan_file_ids,
    write_dicomdir,
)
from mammolog.export.iso import (
    IsoError,
    build_iso,
    build_zip,
    move_into_root,
    replace_file,
    replace_folder,
    sync_tree,
)
from mammolog.export.media_select import SkippedItem, select_files
from mammolog.export.part10 import has_part10_header, write_part10
from mammolog.export.pdi import study_listings, write_pdi_extras
from mammolog.leftovers import remove_abandoned

_SPARE_BYTES = 4 * 1024 * 1024
_DECODE_ERRORS = (
    InvalidDicomError,
    AnonymizeError,
    ValueError,
    TypeError,
    KeyError,
    AttributeError,
    EOFError,
    struct.error,
)
_FILESET_ID = re.compile(r"[A-Z0-9_ ]{0,16}")


class MediaExportError(Exception):
    """The media cannot be written (the message says why, in plain words)."""


class OutputKind(StrEnum):
    """What the export produces."""

    FOLDER = "folder"
    ZIP = "zip"
    ISO = "iso"


@dataclass(frozen=True)
class MediaProgress:
    """Progress of one export: `done` of `total` files copied so far."""

    stage: str
    done: int
    total: int
    done_bytes: int
    total_bytes: int


ProgressCallback = Callable[[MediaProgress], None]


@dataclass(frozen=True)
class MediaOptions:
    """How to write the media. `uid_secret` fixes the anonymized UID mapping (tests)."""

    anonymize: bool = False
    retain_dates: bool = False
    keep_private: bool = False
    fileset_id: str = "MAMMOLOG"
    summary_pdf: Path | None = None
    summary_html: str | None = None
    output: OutputKind = OutputKind.FOLDER
    force: bool = False
    include_for_processing: bool = False
    durable: bool = True
    uid_secret: bytes | None = field(default=None, repr=False)
    progress: ProgressCallback | None = None


@dataclass(frozen=True)
class MediaReport:
    """What was written."""

    out_path: Path
    output: OutputKind
    fileset_id: str
    patients: int
    studies: int
    series: int
    instances: int
    bytes_written: int
    anonymized: bool
    skipped: tuple[SkippedItem, ...]
    warnings: tuple[str, ...]


#: What one disc holds: a CD-R (700 MiB) and a single-layer DVD-R (4.7 GB).
CD_BYTES = 700 * 1024 * 1024
DVD_BYTES = 4_700_000_000


def size_warnings(size: int) -> list[str]:
    """Notes when the export is too large for a CD or a DVD, with what to use instead."""
    if size > DVD_BYTES:
        return [
            f"the export holds {human_size(size)}, more than a DVD (4.7 GB): "
            "copy it to a USB stick, or write a ZIP file (--zip) and share that"
        ]
    if size > CD_BYTES:
        return [
            f"the export holds {human_size(size)}, more than a CD (700 MB): "
            "burn a DVD, or use a USB stick or a ZIP file (--zip)"
        ]
    return []


def human_size(size: int) -> str:
    """A byte count in words people read (1.2 GB)."""
    value = float(size)
    for unit in ("bytes", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} TB"  # pragma: no cover


def _check_target(out: Path, items: Sequence[Path], options: MediaOptions) -> None:
    if not _FILESET_ID.fullmatch(options.fileset_id):
        raise MediaExportError("the File-set ID must be up to 16 of A-Z, 0-9, _ and space")
    if options.summary_pdf is not None and not options.summary_pdf.is_file():
        raise MediaExportError(f"summary PDF {options.summary_pdf} not found")
    if out == Path(out.anchor) or out == Path.home().resolve():
        raise MediaExportError(f"{out} cannot be the export target")
    resolved_out = out.resolve()
    for item in items:
        if item.resolve().is_relative_to(resolved_out):
            raise MediaExportError(f"{out} holds the files being exported; choose another target")
    if options.output is OutputKind.FOLDER:
        if out.exists() and not out.is_dir():
            raise MediaExportError(f"{out} exists and is not a folder")
        if out.is_dir() and any(out.iterdir()) and not options.force:
            raise MediaExportError(f"{out} is not empty (use force to replace its contents)")
    else:
        if out.is_dir():
            raise MediaExportError(f"{out} is a folder; give a file name for the {options.output}")
        if out.exists() and not options.force:
            raise MediaExportError(f"{out} already exists (use force to replace it)")
    if not out.parent.is_dir():
        raise MediaExportError(f"folder {out.parent} does not exist")


def _check_space(parent: Path, needed: int) -> None:
    free = shutil.disk_usage(parent).free
    if free < needed:
        raise MediaExportError(
            f"not enough free space: the export needs {human_size(needed)}, "
            f"{human_size(free)} is free at {parent}"
        )


def _make_folders(root: Path, components: Sequence[str]) -> None:
    folder = root
    for component in components:
        folder = folder / component
        if not folder.is_dir():
            folder.mkdir(mode=0o700)


def _anonymized_copy(planned: PlannedFile, target: Path, anonymizer: Anonymizer) -> Dataset:
    # the header is rewritten, the pixel data copied byte for byte from the source
    return deidentify_file(planned.source, target, anonymizer)


def _write_files(
    plan: Sequence[PlannedFile],
    staging: Path,
    options: MediaOptions,
    anonymizer: Anonymizer | None,
) -> tuple[list[DirectoryEntry], list[SkippedItem]]:
    entries: list[DirectoryEntry] = []
    skipped: list[SkippedItem] = []
    total_bytes = sum(planned.size for planned in plan)
    done_bytes = 0
    for index, planned in enumerate(plan, start=1):
        target = staging.joinpath(*planned.file_id)
        if not target.resolve().is_relative_to(staging.resolve()):
            raise MediaExportError(f"file ID {planned.file_id} leaves the media folder")
        _make_folders(staging, planned.file_id[:-1])
        header = planned.header
        if anonymizer is None and not has_part10_header(planned.source):
            write_part10(planned.source, target)  # the same data set, as a Part 10 file
        elif anonymizer is None:
            shutil.copyfile(planned.source, target)
        else:
            try:
                header = _anonymized_copy(planned, target, anonymizer)
            except AnonymizeError as exc:
                target.unlink(missing_ok=True)
                reason = f"cannot be de-identified: {exc}; left out"
                skipped.append(SkippedItem(planned.source, reason, problem=True))
                continue
            except _DECODE_ERRORS as exc:
                target.unlink(missing_ok=True)
                reason = f"cannot be de-identified ({exc.__class__.__name__}); left out"
                skipped.append(SkippedItem(planned.source, reason, problem=True))
                continue
        target.chmod(0o600)
        entries.append(DirectoryEntry(planned.file_id, header))
        done_bytes += planned.size
        if options.progress is not None:
            options.progress(MediaProgress("copy", index, len(plan), done_bytes, total_bytes))
    return entries, skipped


def _finalize(staging: Path, out: Path, options: MediaOptions, *, in_place: bool) -> int:
    if options.output is OutputKind.FOLDER:
        size = sum(path.stat().st_size for path in staging.rglob("*") if path.is_file())
        if in_place:
            move_into_root(staging, out, durable=options.durable)
        else:
            replace_folder(staging, out, durable=options.durable)
        return size
    archive = staging.with_name(staging.name + "." + options.output.value)
    try:
        if options.output is OutputKind.ZIP:
            size = build_zip(staging, archive)
        else:
            size = build_iso(staging, archive, volume_id=options.fileset_id)
        replace_file(archive, out, durable=options.durable)
    finally:
        archive.unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
    return size


def write_media(
    items: Sequence[Path], out_dir: Path, *, options: MediaOptions | None = None
) -> MediaReport:
    """Write `items` (DICOM files) as a DICOM File-set with IHE PDI extras at `out_dir`.

    With ``options.output`` ZIP or ISO, `out_dir` names the single file to produce.
    Raises MediaExportError with a plain reason when the media cannot be written.
    """
    options = options or MediaOptions()
    out = Path(os.path.abspath(out_dir))
    _check_target(out, items, options)
    chosen, skipped, readable = select_files(
        items, include_for_processing=options.include_for_processing, anonymize=options.anonymize
    )
    if not chosen:
        raise MediaExportError("none of the given files can go on the media")
    plan = plan_file_ids(chosen)
    extra = options.summary_pdf.stat().st_size if options.summary_pdf else 0
    total = sum(planned.size for planned in plan) + extra + _SPARE_BYTES
    # The root of a mounted stick or disc cannot be renamed: stage inside it instead.
    in_place = options.output is OutputKind.FOLDER and out.is_dir() and os.path.ismount(out)
    staging_parent = out if in_place else out.parent
    _check_space(staging_parent, total * (1 if options.output is OutputKind.FOLDER else 2))
    anonymizer = None
    if options.anonymize:
        identifiers = collect_identifiers(readable)
        anonymizer = Anonymizer(
            identifiers,
            retain_dates=options.retain_dates,
            keep_private=options.keep_private,
            uid_secret=options.uid_secret,
        )
    prefix = f".{out.name or 'MEDIA'}.partial-"
    remove_abandoned(staging_parent, prefix)  # left by a killed export to the same place
    staging = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=staging_parent))
    try:
        entries, unreadable = _write_files(plan, staging, options, anonymizer)
        skipped += unreadable
        if not entries:
            raise MediaExportError("none of the given files could be de-identified")
        summary = write_dicomdir(
            entries,
            staging / "DICOMDIR",
            fileset_id=options.fileset_id,
            instance_uid=generate_uid(prefix=None),
        )
        (staging / "DICOMDIR").chmod(0o600)
        summary_pdf, summary_html, notes = guard_summaries(
            options.summary_pdf, options.summary_html, anonymizer
        )
        write_pdi_extras(
            staging,
            study_listings(entries),
            generated=datetime.now(),
            anonymized=anonymizer is not None,
            summary_pdf=summary_pdf,
            summary_html=summary_html,
        )
        notes += [
            f"{'/'.join(entry.file_id)} has burned-in annotation: text in the pixels is kept"
            for entry in entries
            if anonymizer is not None
            and str(entry.header.get("BurnedInAnnotation", "")).upper() == "YES"
        ]
        if options.durable:
            sync_tree(staging)
        size = _finalize(staging, out, options, in_place=in_place)
        notes += size_warnings(size)
    except (OSError, DicomdirError, IsoError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise MediaExportError(f"the media could not be written: {exc}") from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return MediaReport(
        out_path=out,
        output=options.output,
        fileset_id=options.fileset_id,
        patients=summary.patients,
        studies=summary.studies,
        series=summary.series,
        instances=summary.instances,
        bytes_written=size,
        anonymized=anonymizer is not None,
        skipped=tuple(skipped),
        warnings=tuple(notes),
    )
