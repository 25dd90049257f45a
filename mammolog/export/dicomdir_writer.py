"""Write a DICOMDIR (PS3.10 / PS3.3 F) for files already laid out under conformant file IDs.

:func:`plan_file_ids` lays files out under DICOM/Pnnnnnnn/Snnnnnnn/SEnnnnnn/Innnnnnn. The writer
arranges the PATIENT / STUDY / SERIES / instance-level records (built from header-only datasets
by :mod:`mammolog.export.dicomdir_records`) into a tree, computes every record offset itself and
encodes the file. One PATIENT record is written per Patient ID, as the standard requires, even
when several IDs belong to one person.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_dataset, write_file_meta_info
from pydicom.uid import UID, ExplicitVRLittleEndian, MediaStorageDirectoryStorage

from mammolog.export.dicomdir_records import (
    UNKNOWN_PATIENT_ID,
    RecordError,
    header_text,
    instance_record,
    instance_record_type,
    patient_record,
    series_record,
    study_record,
)

# mammolog's own implementation class UID, a fixed value under the UUID-derived root 2.25.
IMPLEMENTATION_CLASS_UID = "2.25.172575143933791202618903408322178584938"
IMPLEMENTATION_VERSION_NAME = "MAMMOLOG_0_1"
FILE_ID_COMPONENT = re.compile(r"^[A-Z0-9_]{1,8}$")
MAX_FILE_ID_LEVELS = 8
_SINGLE_LEVEL_RECORD_TYPES = {"HANGING PROTOCOL", "PALETTE", "IMPLANT", "IMPLANT ASSY"}
_OFFSET_KEYWORDS = (
    "OffsetOfTheNextDirectoryRecord",
    "OffsetOfReferencedLowerLevelDirectoryEntity",
)


class DicomdirError(Exception):
    """A DICOMDIR cannot be written from the given entries (the message says why)."""


@dataclass(frozen=True)
class DirectoryEntry:
    """One file of the File-set: its file ID components and its header (no pixel data)."""

    file_id: tuple[str, ...]
    header: Dataset


@dataclass(frozen=True)
class DicomdirSummary:
    """What a written DICOMDIR holds."""

    path: Path
    patients: int
    studies: int
    series: int
    instances: int
    size_bytes: int


@dataclass(frozen=True)
class PlannedFile:
    """A source file and the file ID it gets on the media."""

    source: Path
    file_id: tuple[str, ...]
    header: Dataset
    size: int


def _sort_key(item: tuple[Path, Dataset]) -> tuple[str, str, str, int, str, int, str]:
    header = item[1]

    def number(keyword: str) -> int:
        try:
            return int(str(header.get(keyword, "")).strip() or 0)
        except ValueError:
            return 0

    return (
        header_text(header, "PatientID"),
        header_text(header, "StudyDate"),
        header_text(header, "StudyInstanceUID"),
        number("SeriesNumber"),
        header_text(header, "SeriesInstanceUID"),
        number("InstanceNumber"),
        str(item[0]),
    )


def plan_file_ids(chosen: Sequence[tuple[Path, Dataset]]) -> list[PlannedFile]:
    """Give each file an ID DICOM/Pnnnnnnn/Snnnnnnn/SEnnnnnn/Innnnnnn, grouped by Patient ID,
    study and series, in date and number order."""
    patients: dict[str, str] = {}
    studies: dict[tuple[str, str], str] = {}
    series: dict[tuple[str, str, str], str] = {}
    counts: dict[tuple[str, ...], int] = {}
    planned: list[PlannedFile] = []
    for path, header in sorted(chosen, key=_sort_key):
        patient_key = header_text(header, "PatientID")
        study_key = (patient_key, header_text(header, "StudyInstanceUID"))
        series_key = (*study_key, header_text(header, "SeriesInstanceUID"))
        if patient_key not in patients:
            patients[patient_key] = f"P{len(patients) + 1:07d}"
        patient = patients[patient_key]
        if study_key not in studies:
            counts[(patient,)] = counts.get((patient,), 0) + 1
            studies[study_key] = f"S{counts[(patient,)]:07d}"
        study = studies[study_key]
        if series_key not in series:
            counts[(patient, study)] = counts.get((patient, study), 0) + 1
            series[series_key] = f"SE{counts[(patient, study)]:06d}"
        series_name = series[series_key]
        key = (patient, study, series_name)
        counts[key] = counts.get(key, 0) + 1
        file_id = ("DICOM", patient, study, series_name, f"I{counts[key]:07d}")
        planned.append(PlannedFile(path, file_id, header, path.stat().st_size))
    return planned


def is_conformant_file_id(file_id: Sequence[str]) -> bool:
    """True when every component is 1-8 of A-Z 0-9 _ and there are 1-8 components."""
    return 0 < len(file_id) <= MAX_FILE_ID_LEVELS and all(
        FILE_ID_COMPONENT.match(part) for part in file_id
    )


@dataclass
class _Node:
    record: Dataset
    children: list[_Node]


def _build_tree(entries: Sequence[DirectoryEntry]) -> list[_Node]:
    patients: dict[str, _Node] = {}
    studies: dict[tuple[str, str], _Node] = {}
    series: dict[tuple[str, str, str], _Node] = {}
    for entry in entries:
        if not is_conformant_file_id(entry.file_id):
            raise DicomdirError(f"file ID {'/'.join(entry.file_id)!r} is not conformant")
        header = entry.header
        record_type = instance_record_type(header)
        if record_type in _SINGLE_LEVEL_RECORD_TYPES:
            raise DicomdirError(f"{record_type} objects are not patient data")
        patient_id = header_text(header, "PatientID") or UNKNOWN_PATIENT_ID
        study_uid = header_text(header, "StudyInstanceUID")
        series_uid = header_text(header, "SeriesInstanceUID")
        if not study_uid or not series_uid or not header_text(header, "SOPInstanceUID"):
            raise DicomdirError(f"{'/'.join(entry.file_id)} lacks a study, series or SOP UID")
        patient = patients.get(patient_id)
        if patient is None:
            patient = patients[patient_id] = _Node(patient_record(header), [])
        study_key = (patient_id, study_uid)
        study = studies.get(study_key)
        if study is None:
            study = studies[study_key] = _Node(study_record(header, len(patient.children) + 1), [])
            patient.children.append(study)
        series_key = (patient_id, study_uid, series_uid)
        series_node = series.get(series_key)
        if series_node is None:
            series_node = _Node(series_record(header, len(study.children) + 1), [])
            series[series_key] = series_node
            study.children.append(series_node)
        ordinal = len(series_node.children) + 1
        try:
            record = instance_record(record_type, header, entry.file_id, ordinal)
        except RecordError as exc:
            raise DicomdirError(str(exc)) from exc
        series_node.children.append(_Node(record, []))
    return list(patients.values())


def _flatten(nodes: list[_Node], out: list[_Node]) -> None:
    for node in nodes:
        out.append(node)
        _flatten(node.children, out)


def _encode_record(record: Dataset) -> bytes:
    buffer = DicomBytesIO()
    buffer.is_little_endian = True
    buffer.is_implicit_VR = False
    write_dataset(buffer, record)
    body = buffer.getvalue()
    return struct.pack("<HHI", 0xFFFE, 0xE000, len(body)) + body


def _file_meta(instance_uid: str) -> FileMetaDataset:
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = MediaStorageDirectoryStorage
    meta.MediaStorageSOPInstanceUID = UID(instance_uid)
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = UID(IMPLEMENTATION_CLASS_UID)
    meta.ImplementationVersionName = IMPLEMENTATION_VERSION_NAME
    return meta


def _head_bytes(instance_uid: str, fileset_id: str, first: int, last: int) -> bytes:
    buffer = DicomBytesIO()
    buffer.is_little_endian = True
    buffer.is_implicit_VR = False
    buffer.write(b"\x00" * 128 + b"DICM")
    write_file_meta_info(buffer, _file_meta(instance_uid), enforce_standard=True)
    head = Dataset()
    head.FileSetID = fileset_id
    head.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity = first
    head.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity = last
    head.FileSetConsistencyFlag = 0
    write_dataset(buffer, head)
    return buffer.getvalue()


def _link_offsets(roots: list[_Node], position: dict[int, int]) -> None:
    def link(siblings: list[_Node]) -> None:
        for index, node in enumerate(siblings):
            following = siblings[index + 1] if index + 1 < len(siblings) else None
            node.record.OffsetOfTheNextDirectoryRecord = position[id(following)] if following else 0
            node.record.OffsetOfReferencedLowerLevelDirectoryEntity = (
                position[id(node.children[0])] if node.children else 0
            )
            link(node.children)

    link(roots)


def encode_dicomdir(
    entries: Sequence[DirectoryEntry], *, fileset_id: str, instance_uid: str
) -> tuple[bytes, DicomdirSummary]:
    """Encode a DICOMDIR for `entries` and return its bytes with a summary (path unset)."""
    if not re.fullmatch(r"[A-Z0-9_ ]{0,16}", fileset_id):
        raise DicomdirError("File-set ID must be up to 16 of A-Z 0-9 _ and space")
    roots = _build_tree(entries)
    ordered: list[_Node] = []
    _flatten(roots, ordered)
    head_length = len(_head_bytes(instance_uid, fileset_id, 0, 0))
    sequence_header = 12
    position: dict[int, int] = {}
    cursor = head_length + sequence_header
    for node in ordered:
        position[id(node)] = cursor
        cursor += len(_encode_record(node.record))
    _link_offsets(roots, position)
    encoded = [_encode_record(node.record) for node in ordered]
    body_length = sum(len(item) for item in encoded)
    first = position[id(roots[0])] if roots else 0
    last = position[id(roots[-1])] if roots else 0
    out = BytesIO()
    out.write(_head_bytes(instance_uid, fileset_id, first, last))
    out.write(struct.pack("<HH2sHI", 0x0004, 0x1220, b"SQ", 0, body_length))
    for item in encoded:
        out.write(item)
    data = out.getvalue()
    counts = {"PATIENT": 0, "STUDY": 0, "SERIES": 0}
    for node in ordered:
        kind = str(node.record.DirectoryRecordType)
        counts[kind] = counts.get(kind, 0) + 1
    instances = len(ordered) - counts["PATIENT"] - counts["STUDY"] - counts["SERIES"]
    summary = DicomdirSummary(
        path=Path("DICOMDIR"),
        patients=counts["PATIENT"],
        studies=counts["STUDY"],
        series=counts["SERIES"],
        instances=instances,
        size_bytes=len(data),
    )
    return data, summary


def write_dicomdir(
    entries: Sequence[DirectoryEntry], path: Path, *, fileset_id: str, instance_uid: str
) -> DicomdirSummary:
    """Write the DICOMDIR for `entries` to `path` (the root of the File-set)."""
    data, summary = encode_dicomdir(entries, fileset_id=fileset_id, instance_uid=instance_uid)
    path.write_bytes(data)
    return DicomdirSummary(
        path=path,
        patients=summary.patients,
        studies=summary.studies,
        series=summary.series,
        instances=summary.instances,
        size_bytes=summary.size_bytes,
    )
