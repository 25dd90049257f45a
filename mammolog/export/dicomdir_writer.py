"""Write a DICOMDIR (PS3.10 / PS3.3 F) for files already laid out under conformant file IDs.

The writer builds PATIENT / STUDY / SERIES / instance-level records from header-only datasets,
fills Type 1 record keys that real files leave empty (Study ID, Series Number, Instance Number,
dates) with plain placeholders, and computes every record offset itself. One PATIENT record is
written per Patient ID, as the standard requires, even when several IDs belong to one person.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from pydicom import fileset as _pydicom_fileset
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_dataset, write_file_meta_info
from pydicom.sequence import Sequence as DicomSequence
from pydicom.uid import UID, ExplicitVRLittleEndian, MediaStorageDirectoryStorage

# mammolog's own implementation class UID, a fixed value under the UUID-derived root 2.25.
IMPLEMENTATION_CLASS_UID = "2.25.172575143933791202618903408322178584938"
IMPLEMENTATION_VERSION_NAME = "MAMMOLOG_0_1"
FILE_ID_COMPONENT = re.compile(r"^[A-Z0-9_]{1,8}$")
MAX_FILE_ID_LEVELS = 8
PLACEHOLDER_DATE = "19000101"
PLACEHOLDER_TIME = "000000"
UNKNOWN_PATIENT_ID = "UNKNOWN"

_ENCAPSULATED_PREFIX = "1.2.840.10008.5.1.4.1.1.104."
_MIME_BY_SOP_CLASS = {
    "1.2.840.10008.5.1.4.1.1.104.1": "application/pdf",
    "1.2.840.10008.5.1.4.1.1.104.2": "text/XML",
    "1.2.840.10008.5.1.4.1.1.104.3": "model/stl",
    "1.2.840.10008.5.1.4.1.1.104.4": "model/obj",
    "1.2.840.10008.5.1.4.1.1.104.5": "model/mtl",
}
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
        _text(header, "PatientID"),
        _text(header, "StudyDate"),
        _text(header, "StudyInstanceUID"),
        number("SeriesNumber"),
        _text(header, "SeriesInstanceUID"),
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
        patient_key = _text(header, "PatientID")
        study_key = (patient_key, _text(header, "StudyInstanceUID"))
        series_key = (*study_key, _text(header, "SeriesInstanceUID"))
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


def instance_record_type(header: Dataset) -> str:
    """The directory record type for an instance (IMAGE, SR DOCUMENT, ENCAP DOC, ...)."""
    sop_class = str(header.get("SOPClassUID", ""))
    if sop_class.startswith(_ENCAPSULATED_PREFIX):
        return "ENCAP DOC"
    modality = str(header.get("Modality", ""))
    if modality in ("RTINTENT", "RTSEGANN", "RTRAD"):
        return "RADIOTHERAPY"
    four_level: dict[str, str] = getattr(_pydicom_fileset, "_FOUR_LEVEL_SOP_CLASSES", {})
    single_level: dict[str, str] = getattr(_pydicom_fileset, "_SINGLE_LEVEL_SOP_CLASSES", {})
    if sop_class in single_level:
        return single_level[sop_class]
    if "RTPlanLabel" in header:
        return "RT PLAN"
    return four_level.get(sop_class, "IMAGE")


def _text(header: Dataset, keyword: str) -> str:
    value = header.get(keyword)
    return "" if value is None else str(value).strip()


def _first_text(header: Dataset, keywords: Sequence[str], fallback: str) -> str:
    for keyword in keywords:
        value = _text(header, keyword)
        if value:
            return value
    return fallback


def _charset_of(header: Dataset) -> object | None:
    element = header.get("SpecificCharacterSet")
    return None if element is None or not element else element


def _new_record(record_type: str, header: Dataset) -> Dataset:
    record = Dataset()
    record.OffsetOfTheNextDirectoryRecord = 0
    record.RecordInUseFlag = 0xFFFF
    record.OffsetOfReferencedLowerLevelDirectoryEntity = 0
    record.DirectoryRecordType = record_type
    charset = _charset_of(header)
    if charset is not None:
        record.SpecificCharacterSet = charset
    return record


def _patient_record(header: Dataset) -> Dataset:
    record = _new_record("PATIENT", header)
    record.PatientName = header.get("PatientName", "")
    record.PatientID = _text(header, "PatientID") or UNKNOWN_PATIENT_ID
    return record


def _study_record(header: Dataset, ordinal: int) -> Dataset:
    record = _new_record("STUDY", header)
    date_keys = ("StudyDate", "SeriesDate", "AcquisitionDate", "ContentDate")
    time_keys = ("StudyTime", "SeriesTime", "AcquisitionTime", "ContentTime")
    record.StudyDate = _first_text(header, date_keys, PLACEHOLDER_DATE)
    record.StudyTime = _first_text(header, time_keys, PLACEHOLDER_TIME)
    record.StudyDescription = _text(header, "StudyDescription")
    record.StudyInstanceUID = _text(header, "StudyInstanceUID")
    record.StudyID = _text(header, "StudyID") or str(ordinal)
    record.AccessionNumber = _text(header, "AccessionNumber")
    return record


def _series_record(header: Dataset, ordinal: int) -> Dataset:
    record = _new_record("SERIES", header)
    record.Modality = _text(header, "Modality") or "OT"
    record.SeriesInstanceUID = _text(header, "SeriesInstanceUID")
    record.SeriesNumber = _text(header, "SeriesNumber") or str(ordinal)
    return record


def _concept_modifiers(header: Dataset) -> list[Dataset]:
    """Only HAS CONCEPT MOD content items belong in an SR DOCUMENT record."""
    return [
        item
        for item in header.get("ContentSequence", [])
        if str(item.get("RelationshipType", "")) == "HAS CONCEPT MOD"
    ]


def _default_concept_name() -> Dataset:
    code = Dataset()
    code.CodeValue = "18748-4"
    code.CodingSchemeDesignator = "LN"
    code.CodeMeaning = "Diagnostic Imaging Report"
    return code


def _instance_record(
    record_type: str, header: Dataset, entry: DirectoryEntry, ordinal: int
) -> Dataset:
    record = _new_record(record_type, header)
    record.ReferencedFileID = list(entry.file_id)
    record.ReferencedSOPClassUIDInFile = _text(header, "SOPClassUID")
    record.ReferencedSOPInstanceUIDInFile = _text(header, "SOPInstanceUID")
    meta = getattr(header, "file_meta", None)
    transfer_syntax = str(meta.get("TransferSyntaxUID", "")) if meta is not None else ""
    record.ReferencedTransferSyntaxUIDInFile = transfer_syntax or ExplicitVRLittleEndian
    instance_number = _text(header, "InstanceNumber") or str(ordinal)
    date = _first_text(header, ("ContentDate", "StudyDate"), PLACEHOLDER_DATE)
    time = _first_text(header, ("ContentTime", "StudyTime"), PLACEHOLDER_TIME)
    if record_type == "SR DOCUMENT":
        record.InstanceNumber = instance_number
        record.CompletionFlag = _text(header, "CompletionFlag") or "PARTIAL"
        record.VerificationFlag = _text(header, "VerificationFlag") or "UNVERIFIED"
        record.ContentDate = date
        record.ContentTime = time
        if record.VerificationFlag == "VERIFIED" and _text(header, "VerificationDateTime"):
            record.VerificationDateTime = header.VerificationDateTime
        concept = header.get("ConceptNameCodeSequence") or [_default_concept_name()]
        record.ConceptNameCodeSequence = DicomSequence([concept[0]])
        modifiers = _concept_modifiers(header)
        if modifiers:
            record.ContentSequence = DicomSequence(modifiers)
    elif record_type == "KEY OBJECT DOC":
        record.ContentDate = date
        record.ContentTime = time
        record.InstanceNumber = instance_number
        concept = header.get("ConceptNameCodeSequence") or [_default_concept_name()]
        record.ConceptNameCodeSequence = DicomSequence([concept[0]])
    elif record_type == "ENCAP DOC":
        record.ContentDate = _text(header, "ContentDate")
        record.ContentTime = _text(header, "ContentTime")
        record.InstanceNumber = instance_number
        record.DocumentTitle = _text(header, "DocumentTitle")
        concept = header.get("ConceptNameCodeSequence")
        record.ConceptNameCodeSequence = DicomSequence([concept[0]] if concept else [])
        sop_class = _text(header, "SOPClassUID")
        record.MIMETypeOfEncapsulatedDocument = _text(
            header, "MIMETypeOfEncapsulatedDocument"
        ) or _MIME_BY_SOP_CLASS.get(sop_class, "application/octet-stream")
    elif record_type == "IMAGE":
        record.InstanceNumber = instance_number
    else:
        _copy_generic_keys(record, record_type, header, instance_number)
    return record


def _copy_generic_keys(record: Dataset, record_type: str, header: Dataset, number: str) -> None:
    """Other record types: use pydicom's recorder on a copy with Instance Number filled."""
    recorder: Callable[[Dataset], Dataset] | None = _pydicom_fileset.DIRECTORY_RECORDERS.get(
        record_type
    )
    source = Dataset(header)
    source.InstanceNumber = number
    if recorder is None:
        record.InstanceNumber = number
        return
    try:
        keys = recorder(source)
    except (KeyError, ValueError, AttributeError) as exc:
        raise DicomdirError(f"{record_type} record cannot be made: {exc}") from exc
    for element in keys:
        record.add(element)


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
        patient_id = _text(header, "PatientID") or UNKNOWN_PATIENT_ID
        study_uid = _text(header, "StudyInstanceUID")
        series_uid = _text(header, "SeriesInstanceUID")
        if not study_uid or not series_uid or not _text(header, "SOPInstanceUID"):
            raise DicomdirError(f"{'/'.join(entry.file_id)} lacks a study, series or SOP UID")
        patient = patients.get(patient_id)
        if patient is None:
            patient = patients[patient_id] = _Node(_patient_record(header), [])
        study_key = (patient_id, study_uid)
        study = studies.get(study_key)
        if study is None:
            study = studies[study_key] = _Node(_study_record(header, len(patient.children) + 1), [])
            patient.children.append(study)
        series_key = (patient_id, study_uid, series_uid)
        series_node = series.get(series_key)
        if series_node is None:
            series_node = _Node(_series_record(header, len(study.children) + 1), [])
            series[series_key] = series_node
            study.children.append(series_node)
        ordinal = len(series_node.children) + 1
        record = _instance_record(record_type, header, entry, ordinal)
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
