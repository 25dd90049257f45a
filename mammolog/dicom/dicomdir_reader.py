"""Reading DICOMDIR media indexes without trusting them.

The records of a DICOMDIR are walked in file order; the PATIENT/STUDY/SERIES/instance
hierarchy is rebuilt from the record offsets when every offset points at a record, else from
the order of the records. Nested indexes (Philips burners write per-study and per-series
``DIRFILE`` files) are followed. File IDs are resolved against the files actually present,
case-insensitively and with ``.dcm``/``.DCM``/``;1`` variants; a reference that leaves the
folder holding the DICOMDIR is refused and reported. The result lists every reference with its
resolved path (or why it has none) so an importer can reconcile it with a scan of the tree.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pydicom
from pydicom.dataset import Dataset

from mammolog.dicom.sources import (
    READ_ERRORS,
    Source,
    SourceProblem,
    posix_parent,
    read_error_reason,
)

MAX_INDEX_BYTES = 64 << 20
#: More sequence items than this (records and their nested items) and the index is not parsed:
#: pydicom keeps every record in memory, about 4 KB each. The files are scanned instead.
MAX_INDEX_ITEMS = 50_000
#: Together, a DICOMDIR and the nested indexes it names may hold this many items.
MAX_TOTAL_ITEMS = 200_000
_ITEM_TAG = b"\xfe\xff\x00\xe0"
MAX_DEPTH = 8
MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10"
INDEX_NAMES = frozenset({"DICOMDIR", "DIRFILE"})
_LEVELS = {"PATIENT": 0, "STUDY": 1, "SERIES": 2}


class DicomdirError(Exception):
    """A DICOMDIR cannot be read at all; ``str(exc)`` is a plain reason."""


@dataclass(frozen=True)
class DirectoryReference:
    """One file named by a directory record.

    ``status`` is "resolved" (``relpath`` is set), "missing" or "refused" (leaves the root).
    """

    file_id: str
    record_type: str
    index_path: str
    status: str
    relpath: str | None
    patient_id: str = ""
    patient_name: str = ""
    study_uid: str = ""
    series_uid: str = ""
    sop_instance_uid: str = ""


@dataclass(frozen=True)
class DicomdirIndex:
    """All references found through one DICOMDIR and the nested indexes it points to."""

    root: str
    indexes: tuple[str, ...]
    references: tuple[DirectoryReference, ...]
    problems: tuple[SourceProblem, ...]
    hierarchy_from_offsets: bool

    @property
    def resolved(self) -> frozenset[str]:
        """Relative paths of every referenced file that is present."""
        return frozenset(r.relpath for r in self.references if r.relpath)


def _key(relpath: str) -> str:
    parts = []
    for part in relpath.replace("\\", "/").split("/"):
        part = part.split(";")[0].rstrip(".").lower()
        parts.append(part)
    if parts and parts[-1].endswith(".dcm"):
        parts[-1] = parts[-1][:-4]
    return "/".join(parts)


class PathIndex:
    """Case-insensitive lookup of the files present, ignoring ``;1`` and ``.dcm`` variants."""

    def __init__(self, relpaths: Iterable[str]) -> None:
        self._exact: set[str] = set()
        self._by_key: dict[str, str] = {}
        for rel in relpaths:
            self._exact.add(rel)
            self._by_key.setdefault(_key(rel), rel)

    def find(self, relpath: str) -> str | None:
        """The present file matching ``relpath``, or None."""
        if relpath in self._exact:
            return relpath
        return self._by_key.get(_key(relpath))


def is_index_name(relpath: str) -> bool:
    """True for a file named DICOMDIR or DIRFILE (any case, with or without ``;1``)."""
    base = relpath.rsplit("/", 1)[-1].split(";")[0].rstrip(".").upper()
    return base in INDEX_NAMES


def find_dicomdirs(relpaths: Iterable[str]) -> list[str]:
    """Top-level DICOMDIR files among ``relpaths`` (any folder depth, any case), shallowest first."""
    found = [
        r for r in relpaths if r.rsplit("/", 1)[-1].split(";")[0].rstrip(".").upper() == "DICOMDIR"
    ]
    return sorted(found, key=lambda r: (r.count("/"), r))


def _join(base: str, components: list[str]) -> str:
    """Join a File ID under ``base``; raises ValueError when it leaves ``base``."""
    parts: list[str] = []
    for comp in components:
        for piece in comp.replace("\\", "/").split("/"):
            piece = piece.strip()
            if piece in ("", "."):
                continue
            if piece == ".." or ":" in piece:
                raise ValueError("reference leaves the disc root")
            parts.append(piece)
    if not parts:
        raise ValueError("empty reference")
    return f"{base}/{'/'.join(parts)}" if base else "/".join(parts)


def _str(ds: Dataset, keyword: str) -> str:
    try:
        value = ds.get(keyword)
    except Exception:  # noqa: BLE001 - a broken record value is treated as absent
        return ""
    if value is None:
        return ""
    if isinstance(value, list | tuple) or type(value).__name__ == "MultiValue":
        return "\\".join(str(v) for v in value)
    return str(value).strip()


def _file_id(record: Dataset) -> list[str] | None:
    try:
        value: Any = record.get("ReferencedFileID")
    except Exception:  # noqa: BLE001
        return None
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value.split("\\")
    return [str(v) for v in value]


def _load(source: Source, relpath: str, size: int | None, budget: list[int]) -> Dataset:
    if size is not None and size > MAX_INDEX_BYTES:
        raise DicomdirError("index file too large")
    try:
        with source.open(relpath) as fh:
            data = fh.read(MAX_INDEX_BYTES + 1)
    except READ_ERRORS as exc:
        raise DicomdirError(f"not readable: {read_error_reason(exc)}") from exc
    if len(data) > MAX_INDEX_BYTES:
        raise DicomdirError("index file too large")
    items = data.count(_ITEM_TAG)
    if items > MAX_INDEX_ITEMS:
        raise DicomdirError(
            f"it holds {items:,} records, more than the {MAX_INDEX_ITEMS:,} a disc can hold"
        )
    if items > budget[0]:
        raise DicomdirError(
            f"together the disc's indexes hold more than {MAX_TOTAL_ITEMS:,} records; not read"
        )
    budget[0] -= items
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ds = pydicom.dcmread(io.BytesIO(data), force=True)
            records = ds.get("DirectoryRecordSequence")
    except Exception as exc:  # noqa: BLE001 - pydicom raises many types on bad input
        raise DicomdirError(
            f"unreadable DICOMDIR ({str(exc)[:100] or type(exc).__name__})"
        ) from exc
    if records is None:
        raise DicomdirError("no directory records (not a DICOMDIR)")
    return ds


def _offset(ds: Dataset, keyword: str) -> int | None:
    """An offset or flag value, or None when absent or unreadable (odd length, several values)."""
    try:
        value = ds.get(keyword)
    except Exception:  # noqa: BLE001 - a damaged value is treated as unusable
        return None
    return value if isinstance(value, int) else None


def _ordered_records(ds: Dataset) -> tuple[list[tuple[Dataset, int]], bool]:
    """Records with their levels, from offsets when they are all valid, else by file order."""
    records: list[Dataset] = list(ds.DirectoryRecordSequence)
    by_offset = {getattr(r, "seq_item_tell", -1): r for r in records}
    first = _offset(ds, "OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity")
    usable = bool(first) and first in by_offset
    if usable:
        for record in records:
            for keyword in (
                "OffsetOfTheNextDirectoryRecord",
                "OffsetOfReferencedLowerLevelDirectoryEntity",
            ):
                offset = _offset(record, keyword)
                if (offset is None and keyword in record) or (offset and offset not in by_offset):
                    usable = False
    if usable:
        result: list[tuple[Dataset, int]] = []
        seen: set[int] = set()

        def visit(offset: int, depth: int) -> None:
            while offset and offset in by_offset and offset not in seen and depth < 16:
                seen.add(offset)
                record = by_offset[offset]
                result.append((record, depth))
                lower = _offset(record, "OffsetOfReferencedLowerLevelDirectoryEntity")
                visit(lower or 0, depth + 1)
                offset = _offset(record, "OffsetOfTheNextDirectoryRecord") or 0

        visit(first or 0, 0)
        if len(seen) == len(records):
            return result, True
    ordered = []
    for record in records:
        rtype = _str(record, "DirectoryRecordType").upper()
        ordered.append((record, _LEVELS.get(rtype, 3)))
    return ordered, False


def read_dicomdir(
    source: Source, dicomdir: str, present: Iterable[str] | PathIndex
) -> DicomdirIndex:
    """Read the DICOMDIR at ``dicomdir`` (a relative path in ``source``) and nested indexes.

    ``present`` is the list (or a :class:`PathIndex`) of files found by scanning the source.
    Raises :class:`DicomdirError` only when the top DICOMDIR itself cannot be read.
    """
    index = present if isinstance(present, PathIndex) else PathIndex(present)
    root = posix_parent(dicomdir)
    refs: list[DirectoryReference] = []
    problems: list[SourceProblem] = []
    indexes: list[str] = []
    from_offsets = True

    budget = [MAX_TOTAL_ITEMS]  # items every index read so far may still hold

    def walk(relpath: str, depth: int, context: dict[str, str]) -> None:
        nonlocal from_offsets
        indexes.append(relpath)
        ds = _load(source, relpath, None, budget)
        try:
            ordered, offsets_ok = _ordered_records(ds)
        except Exception as exc:  # noqa: BLE001 - pydicom raises many types on bad records
            raise DicomdirError(f"unreadable directory records ({type(exc).__name__})") from exc
        from_offsets = from_offsets and offsets_ok
        stack: list[tuple[int, dict[str, str]]] = []
        for record, level in ordered:
            if _offset(record, "RecordInUseFlag") == 0:
                continue
            while stack and stack[-1][0] >= level:
                stack.pop()
            ctx = dict(stack[-1][1]) if stack else dict(context)
            rtype = _str(record, "DirectoryRecordType").upper()
            if rtype == "PATIENT":
                ctx["patient_id"] = _str(record, "PatientID")
                ctx["patient_name"] = _str(record, "PatientName")
            elif rtype == "STUDY":
                ctx["study_uid"] = _str(record, "StudyInstanceUID")
            elif rtype == "SERIES":
                ctx["series_uid"] = _str(record, "SeriesInstanceUID")
            stack.append((level, ctx))
            file_id = _file_id(record)
            if file_id is None:
                continue
            shown = "/".join(file_id)
            try:
                wanted = _join(root, file_id)
            except ValueError as exc:
                refs.append(DirectoryReference(shown, rtype, relpath, "refused", None, **ctx))
                problems.append(SourceProblem(shown, f"{exc}; refused (in {relpath})"))
                continue
            found = index.find(wanted)
            sop_class = _str(record, "ReferencedSOPClassUIDInFile")
            nested = found is not None and (
                is_index_name(found) or sop_class == MEDIA_STORAGE_DIRECTORY
            )
            if nested and found is not None:
                if found in indexes:
                    continue
                if depth >= MAX_DEPTH:
                    problems.append(SourceProblem(found, "nested index too deep; not followed"))
                    continue
                try:
                    walk(found, depth + 1, ctx)
                except DicomdirError as exc:
                    problems.append(SourceProblem(found, f"nested index: {exc}"))
                continue
            sop_uid = _str(record, "ReferencedSOPInstanceUIDInFile")
            refs.append(
                DirectoryReference(
                    shown,
                    rtype,
                    relpath,
                    "resolved" if found else "missing",
                    found,
                    sop_instance_uid=sop_uid,
                    **ctx,
                )
            )

    walk(dicomdir, 0, {})
    return DicomdirIndex(root, tuple(indexes), tuple(refs), tuple(problems), from_offsets)
