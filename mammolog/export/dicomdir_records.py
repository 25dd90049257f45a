"""The directory records of a DICOMDIR (PS3.3 F.5), each built from one header-only dataset.

PATIENT, STUDY and SERIES records hold their level's keys; an instance-level record (IMAGE,
SR DOCUMENT, KEY OBJECT DOC, ENCAP DOC, or another type made by pydicom's recorders) holds its
file's references and the keys its type requires. Type 1 keys that real files leave empty
(Study ID, Series Number, Instance Number, dates) get plain placeholders. Offsets are left at
0: :mod:`mammolog.export.dicomdir_writer` links and encodes the records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pydicom import fileset as _pydicom_fileset
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence as DicomSequence
from pydicom.uid import ExplicitVRLittleEndian

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


class RecordError(Exception):
    """A directory record cannot be made from a header (the message says why)."""


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


def header_text(header: Dataset, keyword: str) -> str:
    """The value of ``keyword`` in ``header`` as stripped text ("" when absent)."""
    value = header.get(keyword)
    return "" if value is None else str(value).strip()


def _first_text(header: Dataset, keywords: Sequence[str], fallback: str) -> str:
    """The first of ``keywords`` with a value in ``header``, else ``fallback``."""
    for keyword in keywords:
        value = header_text(header, keyword)
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


def patient_record(header: Dataset) -> Dataset:
    """The PATIENT record for the Patient ID of ``header``."""
    record = _new_record("PATIENT", header)
    record.PatientName = header.get("PatientName", "")
    record.PatientID = header_text(header, "PatientID") or UNKNOWN_PATIENT_ID
    return record


def study_record(header: Dataset, ordinal: int) -> Dataset:
    """The STUDY record; ``ordinal`` (its place under the patient) stands in for a Study ID."""
    record = _new_record("STUDY", header)
    date_keys = ("StudyDate", "SeriesDate", "AcquisitionDate", "ContentDate")
    time_keys = ("StudyTime", "SeriesTime", "AcquisitionTime", "ContentTime")
    record.StudyDate = _first_text(header, date_keys, PLACEHOLDER_DATE)
    record.StudyTime = _first_text(header, time_keys, PLACEHOLDER_TIME)
    record.StudyDescription = header_text(header, "StudyDescription")
    record.StudyInstanceUID = header_text(header, "StudyInstanceUID")
    record.StudyID = header_text(header, "StudyID") or str(ordinal)
    record.AccessionNumber = header_text(header, "AccessionNumber")
    return record


def series_record(header: Dataset, ordinal: int) -> Dataset:
    """The SERIES record; ``ordinal`` stands in for a missing Series Number."""
    record = _new_record("SERIES", header)
    record.Modality = header_text(header, "Modality") or "OT"
    record.SeriesInstanceUID = header_text(header, "SeriesInstanceUID")
    record.SeriesNumber = header_text(header, "SeriesNumber") or str(ordinal)
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


def instance_record(
    record_type: str, header: Dataset, file_id: Sequence[str], ordinal: int
) -> Dataset:
    """The instance-level record of ``record_type`` for the file at ``file_id``: its
    references, and the keys its type requires (placeholders where the header has none)."""
    record = _new_record(record_type, header)
    record.ReferencedFileID = list(file_id)
    record.ReferencedSOPClassUIDInFile = header_text(header, "SOPClassUID")
    record.ReferencedSOPInstanceUIDInFile = header_text(header, "SOPInstanceUID")
    meta = getattr(header, "file_meta", None)
    transfer_syntax = str(meta.get("TransferSyntaxUID", "")) if meta is not None else ""
    record.ReferencedTransferSyntaxUIDInFile = transfer_syntax or ExplicitVRLittleEndian
    instance_number = header_text(header, "InstanceNumber") or str(ordinal)
    date = _first_text(header, ("ContentDate", "StudyDate"), PLACEHOLDER_DATE)
    time = _first_text(header, ("ContentTime", "StudyTime"), PLACEHOLDER_TIME)
    if record_type == "SR DOCUMENT":
        record.InstanceNumber = instance_number
        record.CompletionFlag = header_text(header, "CompletionFlag") or "PARTIAL"
        record.VerificationFlag = header_text(header, "VerificationFlag") or "UNVERIFIED"
        record.ContentDate = date
        record.ContentTime = time
        if record.VerificationFlag == "VERIFIED" and header_text(header, "VerificationDateTime"):
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
        record.ContentDate = header_text(header, "ContentDate")
        record.ContentTime = header_text(header, "ContentTime")
        record.InstanceNumber = instance_number
        record.DocumentTitle = header_text(header, "DocumentTitle")
        concept = header.get("ConceptNameCodeSequence")
        record.ConceptNameCodeSequence = DicomSequence([concept[0]] if concept else [])
        sop_class = header_text(header, "SOPClassUID")
        record.MIMETypeOfEncapsulatedDocument = header_text(
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
        raise RecordError(f"{record_type} record cannot be made: {exc}") from exc
    for element in keys:
        record.add(element)
