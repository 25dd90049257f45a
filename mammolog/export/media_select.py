"""Which input files go on a DICOM disc/USB, and why the others are left off.

Every header is read once (without pixel data; a headless data set gets its file meta filled
in). Left off, each with its reason: files that are not readable DICOM, DICOMDIRs (a media
index, not patient data), objects without SOP Instance, Study or Series UIDs, a second file
with the same SOP Instance UID, For Processing images unless asked for, encapsulated documents
when anonymizing (they cannot be de-identified safely), and objects that are not patient data
(hanging protocols, palettes, implant templates).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError

from mammolog.export.anonymize import can_anonymize
from mammolog.export.dicomdir_records import instance_record_type
from mammolog.export.part10 import complete_file_meta, has_part10_header

FOR_PROCESSING_SOP_CLASSES = frozenset(
    {
        "1.2.840.10008.5.1.4.1.1.1.1.1",  # Digital X-Ray For Processing
        "1.2.840.10008.5.1.4.1.1.1.2.1",  # Digital Mammography For Processing
        "1.2.840.10008.5.1.4.1.1.1.3.1",  # Digital Intra-Oral For Processing
        "1.2.840.10008.5.1.4.1.1.13.1.5",  # Breast Projection For Processing
    }
)
MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10"


@dataclass(frozen=True)
class SkippedItem:
    """An input file left off the media, and why."""

    path: Path
    reason: str
    # True when the object should have been on the media but could not be de-identified
    problem: bool = False


def _is_for_processing(header: Dataset) -> bool:
    intent = str(header.get("PresentationIntentType", "")).upper()
    return str(header.get("SOPClassUID", "")) in FOR_PROCESSING_SOP_CLASSES or (
        intent == "FOR PROCESSING"
    )


def select_files(
    items: Sequence[Path], *, include_for_processing: bool, anonymize: bool
) -> tuple[list[tuple[Path, Dataset]], list[SkippedItem], list[Dataset]]:
    """Read every header; return the files to export, the skipped ones, and all headers read
    (identifiers of left-out files are scrubbed too)."""
    readable: list[Dataset] = []
    chosen: list[tuple[Path, Dataset]] = []
    skipped: list[SkippedItem] = []
    seen: set[str] = set()
    for path in items:
        try:
            # force: objects without preamble or file meta are valid on older media
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                header = dcmread(path, stop_before_pixels=True, force=True)
            if not has_part10_header(path):
                if "SOPClassUID" not in header or "SOPInstanceUID" not in header:
                    raise InvalidDicomError("neither a DICOM file nor a headless data set")
                complete_file_meta(header)
        except (InvalidDicomError, OSError, ValueError, EOFError, KeyError, TypeError) as exc:
            skipped.append(
                SkippedItem(path, f"not a readable DICOM file ({exc.__class__.__name__})")
            )
            continue
        except RecursionError:  # pydicom reads nested sequences by recursion
            skipped.append(SkippedItem(path, "nested too many sequence levels deep to be read"))
            continue
        readable.append(header)
        sop_uid = str(header.get("SOPInstanceUID", "")).strip()
        reason = None
        meta_class = str(getattr(header, "file_meta", {}).get("MediaStorageSOPClassUID", ""))
        if MEDIA_STORAGE_DIRECTORY in (meta_class, str(header.get("SOPClassUID", ""))):
            reason = "a DICOMDIR (media index), not an image or document"
        elif (
            not sop_uid or not header.get("StudyInstanceUID") or not header.get("SeriesInstanceUID")
        ):
            reason = "lacks a SOP Instance, Study or Series UID"
        elif sop_uid in seen:
            reason = "same SOP Instance UID as another file on the media"
        elif _is_for_processing(header) and not include_for_processing:
            reason = "For Processing image (left out; --include-for-processing adds it)"
        elif anonymize and not can_anonymize(header):
            reason = "encapsulated document left out: it cannot be de-identified safely"
        elif instance_record_type(header) in ("HANGING PROTOCOL", "PALETTE", "IMPLANT"):
            reason = "not patient data"
        if reason is not None:
            skipped.append(SkippedItem(path, reason))
            continue
        seen.add(sop_uid)
        if "EncapsulatedDocument" in header:
            del header.EncapsulatedDocument  # the DICOMDIR needs only the header
        chosen.append((path, header))
    return chosen, skipped, readable
