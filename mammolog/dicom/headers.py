"""Header-only reading of one DICOM object into a frozen :class:`InstanceHeader`.

Pixel data is never read nor decoded: parsing stops before (7FE0,0010), values larger than
:data:`DEFER_SIZE` are skipped, and every read is bounded by the bytes actually present, so a
huge declared length cannot make the reader allocate it. Files without preamble or file meta,
implicit VR and big endian are accepted. Anything that is not a usable DICOM object raises
:class:`HeaderError` with a plain reason.
"""

from __future__ import annotations

import io
import re
import struct
import warnings
from dataclasses import dataclass
from datetime import date
from typing import Any, BinaryIO

import pydicom
from pydicom.dataset import Dataset

from mammolog.dicom import views
from mammolog.dicom.header_checks import (
    Bounded,
    ends_mid_element,
    length_problem,
    pixel_data_complete,
)
from mammolog.dicom.header_fields import (
    WANTED_TAGS,
    int_value,
    laterality_of,
    private_groups_of,
    text_value,
    view_of,
)
from mammolog.dicom.header_walk import WalkedDataset, WalkError, walk
from mammolog.domain.image_kinds import Classification, ImageFacts, classify

DEFER_SIZE = 8192
#: How much of a file is parsed from memory before falling back to the stream.
HEADER_PREFIX = 1 << 20

MAMMO_SOP_CLASSES = frozenset(
    {
        "1.2.840.10008.5.1.4.1.1.1.2",
        "1.2.840.10008.5.1.4.1.1.1.2.1",
        "1.2.840.10008.5.1.4.1.1.13.1.3",
        "1.2.840.10008.5.1.4.1.1.13.1.4",
        "1.2.840.10008.5.1.4.1.1.13.1.5",
    }
)
_PROJECTION_MODALITIES = frozenset({"MG", "RG", "CR", "DX", "OT", "SC", "PX"})


class HeaderError(Exception):
    """The file is not a usable DICOM object; ``str(exc)`` is a plain reason."""


@dataclass(frozen=True)
class InstanceHeader:
    """What the catalog needs from one DICOM object's header (names decoded to Unicode)."""

    sop_class_uid: str
    sop_instance_uid: str
    study_uid: str
    series_uid: str
    modality: str
    transfer_syntax: str
    patient_name: str
    patient_id: str
    issuer_of_patient_id: str
    birth_date: date | None
    sex: str
    study_date: date | None
    study_time: str
    study_description: str
    accession_number: str
    study_id: str
    institution_name: str
    referring_physician: str
    series_number: int | None
    series_description: str
    body_part: str
    instance_number: int | None
    laterality: str | None
    view: str | None
    view_modifiers: tuple[str, ...]
    view_label: str
    presentation_intent: str
    image_type: tuple[str, ...]
    number_of_frames: int
    rows: int | None
    columns: int | None
    charset: str
    has_preamble: bool
    pixel_data_complete: bool
    manufacturer: str = ""
    view_position: str = ""
    private_groups: frozenset[int] = frozenset()

    @property
    def classification(self) -> Classification:
        """What kind of object this is (mammogram, tomosynthesis, report, ...)."""
        return classify(
            ImageFacts(
                sop_class_uid=self.sop_class_uid,
                modality=self.modality,
                image_type=self.image_type,
                presentation_intent=self.presentation_intent,
                view_position=self.view_position,
                view=self.view or "",
                series_description=self.series_description,
                body_part=self.body_part,
                manufacturer=self.manufacturer,
                private_groups=self.private_groups,
                has_pixels=bool(self.rows and self.columns),
            )
        )

    @property
    def is_mammography(self) -> bool:
        """True for mammograms: MG, a breast SOP class, or a projection image of the breast."""
        if self.modality == "MG" or self.sop_class_uid in MAMMO_SOP_CLASSES:
            return True
        return self.modality in _PROJECTION_MODALITIES and self.body_part.upper() == "BREAST"


def parse_date(value: object) -> date | None:
    """Parse a DA value ("YYYYMMDD", or the old "YYYY.MM.DD"); invalid or empty -> None."""
    text = str(value or "").strip().replace(".", "").replace("-", "")
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _parse(stream: Any) -> Dataset:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pydicom.dcmread(stream, stop_before_pixels=True, force=True, defer_size=DEFER_SIZE)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, EOFError | struct.error):
        return "truncated header"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"unreadable header ({text[:120]})"


def read_header(
    source: BinaryIO | bytes,
    *,
    size: int | None = None,
    prefix: bytes | None = None,
    fast: bool = True,
) -> InstanceHeader:
    """Read the header of one DICOM object from a seekable stream or from bytes.

    ``size`` is the file size (needed to detect truncated pixel data); ``prefix`` may carry the
    first bytes already read from ``source`` so small files are parsed from memory.
    ``fast=False`` skips the struct-based walk and always uses pydicom (for comparison).
    """
    data = source if isinstance(source, bytes) else prefix
    if size is None and isinstance(source, bytes):
        size = len(source)
    ds: Any = None
    stream: Any = None
    if (
        fast
        and data is not None
        and size is not None
        and (len(data) >= size or len(data) >= HEADER_PREFIX)
    ):
        try:
            ds, stop = walk(data, size, WANTED_TAGS)
        except WalkError as exc:
            raise HeaderError(str(exc)) from exc
        except Exception:  # noqa: BLE001 - WalkFallback or a surprise: pydicom decides
            ds = None
        if ds is not None:
            stream = io.BytesIO(data)
            stream.seek(stop)
    if (
        ds is None
        and data is not None
        and (size is None or len(data) >= size or len(data) >= HEADER_PREFIX)
    ):
        stream = io.BytesIO(data)
        try:
            ds = _parse(stream)
        except Exception as exc:  # noqa: BLE001 - pydicom raises many types on bad input
            if isinstance(source, bytes) or size is None or len(data) >= size:
                raise HeaderError(_reason(exc)) from exc
        if (
            ds is not None
            and size is not None
            and len(data) < size
            and "PixelData" not in ds
            and stream.tell() >= len(data) - 16
        ):
            ds = None  # the header runs past the prefix: parse from the stream below
    if ds is None:
        if isinstance(source, bytes):
            raise HeaderError("truncated header")
        try:
            source.seek(0)
            stream = Bounded(source, size) if size is not None else source
            ds = _parse(stream)
        except Exception as exc:  # noqa: BLE001
            raise HeaderError(_reason(exc)) from exc
    tail: Any = None
    if isinstance(source, bytes):
        tail = stream
    elif stream is not None and not isinstance(stream, io.BytesIO):
        tail = stream
    elif data is not None and size is not None and len(data) >= size:
        tail = stream
    elif not isinstance(source, bytes):
        tail = Bounded(source, size) if size is not None else source
    try:
        return _header_from(
            ds, stream, size, tail, has_preamble=bool(getattr(ds, "preamble", None))
        )
    except HeaderError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise HeaderError(_reason(exc)) from exc


def _header_from(
    ds: Any, stream: Any, size: int | None, tail: Any, *, has_preamble: bool
) -> InstanceHeader:
    if not isinstance(ds, WalkedDataset):  # the walk checked lengths itself
        problem = length_problem(ds, size)
        if problem:
            raise HeaderError(problem)
    stop_position = stream.tell() if stream is not None else 0
    meta = getattr(ds, "file_meta", None)
    sop_instance_uid = text_value(ds, "SOPInstanceUID") or (
        text_value(meta, "MediaStorageSOPInstanceUID") if meta else ""
    )
    sop_class_uid = text_value(ds, "SOPClassUID") or (
        text_value(meta, "MediaStorageSOPClassUID") if meta else ""
    )
    if not sop_instance_uid:
        if len(ds) == 0:
            raise HeaderError("not a DICOM object (no readable data elements)")
        raise HeaderError("no SOP Instance UID")
    if not _is_uid(sop_instance_uid):
        raise HeaderError("damaged header (SOP Instance UID is not a UID)")
    transfer_syntax = text_value(meta, "TransferSyntaxUID") if meta else ""
    if not transfer_syntax:
        implicit, little = ds.original_encoding
        transfer_syntax = (
            "1.2.840.10008.1.2"
            if implicit
            else "1.2.840.10008.1.2.1"
            if little
            else "1.2.840.10008.1.2.2"
        )
    little_endian = transfer_syntax != "1.2.840.10008.1.2.2"
    if (
        size is not None
        and stream is not None
        and stop_position >= size
        and not isinstance(ds, WalkedDataset)
        and ends_mid_element(ds, size)
    ):
        raise HeaderError("truncated header (file ends before the pixel data)")
    complete = (
        pixel_data_complete(stream, size, little_endian, tail) if stream is not None else True
    )
    laterality = laterality_of(ds)
    view, modifiers = view_of(ds)
    charset = text_value(ds, "SpecificCharacterSet")
    frames = int_value(ds, "NumberOfFrames")
    image_type = tuple(v for v in text_value(ds, "ImageType").split("\\") if v)
    return InstanceHeader(
        sop_class_uid=sop_class_uid,
        sop_instance_uid=sop_instance_uid,
        study_uid=text_value(ds, "StudyInstanceUID"),
        series_uid=text_value(ds, "SeriesInstanceUID"),
        modality=text_value(ds, "Modality").upper(),
        transfer_syntax=transfer_syntax,
        patient_name=text_value(ds, "PatientName"),
        patient_id=text_value(ds, "PatientID"),
        issuer_of_patient_id=text_value(ds, "IssuerOfPatientID"),
        birth_date=parse_date(text_value(ds, "PatientBirthDate")),
        sex=text_value(ds, "PatientSex").upper(),
        study_date=parse_date(text_value(ds, "StudyDate")),
        study_time=text_value(ds, "StudyTime"),
        study_description=text_value(ds, "StudyDescription"),
        accession_number=text_value(ds, "AccessionNumber"),
        study_id=text_value(ds, "StudyID"),
        institution_name=text_value(ds, "InstitutionName"),
        referring_physician=text_value(ds, "ReferringPhysicianName"),
        series_number=int_value(ds, "SeriesNumber"),
        series_description=text_value(ds, "SeriesDescription"),
        body_part=text_value(ds, "BodyPartExamined"),
        instance_number=int_value(ds, "InstanceNumber"),
        laterality=laterality,
        view=view,
        view_modifiers=modifiers,
        view_label=views.view_label(laterality, view, modifiers),
        presentation_intent=text_value(ds, "PresentationIntentType").upper(),
        image_type=image_type,
        number_of_frames=frames if frames and frames > 0 else 1,
        rows=int_value(ds, "Rows"),
        columns=int_value(ds, "Columns"),
        charset=charset,
        has_preamble=has_preamble,
        pixel_data_complete=complete,
        manufacturer=text_value(ds, "Manufacturer"),
        view_position=text_value(ds, "ViewPosition"),
        private_groups=private_groups_of(ds),
    )


_UID = re.compile(r"[0-9.]{1,64}")


def _is_uid(text: str) -> bool:
    return _UID.fullmatch(text) is not None


_NON_IMAGE_PREFIXES = (
    "1.2.840.10008.5.1.4.1.1.88.",
    "1.2.840.10008.5.1.4.1.1.104.",
    "1.2.840.10008.5.1.4.1.1.481.",
    "1.2.840.10008.5.1.4.1.1.66",
    "1.2.840.10008.5.1.4.1.1.11.",
    "1.2.840.10008.5.1.4.1.1.9.",
)


def _is_image_class(sop_class_uid: str) -> bool:
    """True for storage SOP classes that carry pixel data."""
    if not sop_class_uid.startswith("1.2.840.10008.5.1.4.1.1."):
        return False
    return not sop_class_uid.startswith(_NON_IMAGE_PREFIXES)


def peek_instance_uid(prefix: bytes) -> str | None:
    """The SOP Instance UID found in the first bytes of a file, or None (never raises)."""
    try:
        # The fast walk first (the file is longer than the prefix: no size to check against).
        ds: Any = walk(prefix, 1 << 62, WANTED_TAGS)[0]
    except Exception:  # noqa: BLE001 - WalkFallback, damage: pydicom decides below
        ds = None
    try:
        uid = text_value(ds if ds is not None else _parse(io.BytesIO(prefix)), "SOPInstanceUID")
    except Exception:  # noqa: BLE001 - a peek; the full read reports problems
        return None
    return uid if _is_uid(uid) else None
