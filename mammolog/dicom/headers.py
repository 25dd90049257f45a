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
from pydicom.charset import decode_bytes
from pydicom.datadict import dictionary_VR, tag_for_keyword
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset
from pydicom.valuerep import PersonName

from mammolog.dicom import views
from mammolog.dicom.header_walk import WalkedDataset, WalkError, WalkFallback, walk

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


class _Bounded(io.RawIOBase):
    """A read-only view of a stream that never asks it for more than ``size`` bytes in total."""

    def __init__(self, raw: BinaryIO, size: int) -> None:
        self._raw = raw
        self._size = size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._raw.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == 2:
            return self._raw.seek(self._size + offset)
        return self._raw.seek(offset, whence)

    def read(self, n: int | None = -1) -> bytes:
        left = max(0, self._size - self._raw.tell())
        want = left if n is None or n < 0 else min(n, left)
        return self._raw.read(want) if want else b""

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


_PN_DELIMITERS = {0x5E, 0x3D}
_MULTI_DELIMITERS = {0x5C}
_TEXT_DELIMITERS = {0x0D, 0x0A, 0x09, 0x0C}
_CODED_TEXT = frozenset({"LO", "SH", "UC"})
_FREE_TEXT = frozenset({"ST", "LT", "UT"})
_TAGS: dict[str, int] = {}
#: Every attribute the header reader looks at; the fast walk keeps only these.
WANTED_KEYWORDS = (
    "AccessionNumber BodyPartExamined CodeMeaning CodeValue CodingSchemeDesignator Columns "
    "FrameAnatomySequence FrameLaterality ImageLaterality ImageType InstanceNumber "
    "InstitutionName IssuerOfPatientID Laterality Modality NumberOfFrames PatientBirthDate "
    "PatientID PatientName PatientSex PerFrameFunctionalGroupsSequence PresentationIntentType "
    "ReferringPhysicianName Rows SOPClassUID SOPInstanceUID SeriesDescription SeriesInstanceUID "
    "SeriesNumber SharedFunctionalGroupsSequence SpecificCharacterSet StudyDate "
    "StudyDescription StudyID StudyInstanceUID StudyTime ViewCodeSequence "
    "ViewModifierCodeSequence ViewPosition"
).split()
_WANTED_TAGS = frozenset(int(tag_for_keyword(k) or 0) for k in WANTED_KEYWORDS)
_BINARY_NUMBERS = frozenset({"US", "SS", "UL", "SL", "FL", "FD", "SV", "UV", "AT"})


def _text(ds: Any, keyword: str) -> str:
    """A text value without converting the whole element (fast path on the raw bytes)."""
    tag = _TAGS.get(keyword)
    if tag is None:
        number = tag_for_keyword(keyword)
        if number is None:
            return ""
        tag = _TAGS[keyword] = number
    try:
        elem = ds._dict.get(tag)  # raw access: no conversion of the whole element
        if elem is None:
            return ""
        raw = getattr(elem, "value", None)
        if isinstance(elem, RawDataElement) and isinstance(raw, bytes):
            vr = elem.VR or dictionary_VR(tag)
            encodings = ds._character_set
            if isinstance(encodings, str):
                encodings = [encodings]
            if vr == "PN":
                text = decode_bytes(raw, encodings, _PN_DELIMITERS)
            elif vr in _CODED_TEXT:
                text = decode_bytes(raw, encodings, _MULTI_DELIMITERS)
            elif vr in _FREE_TEXT:
                text = decode_bytes(raw, encodings, _TEXT_DELIMITERS)
            elif vr in _BINARY_NUMBERS:
                value = ds.get(keyword)
                return (
                    "\\".join(str(v) for v in value)
                    if isinstance(value, list | tuple)
                    else str(value)
                )
            elif vr in ("UN", "OB"):
                text = raw.decode("latin-1", "replace")
            else:
                text = raw.decode("ascii", "replace")
            return text.strip("\x00 \t\r\n")
        value = ds.get(keyword)
    except Exception:  # noqa: BLE001 - a broken value is treated as absent
        return ""
    if value is None:
        return ""
    if isinstance(value, PersonName):
        return str(value).strip()
    if isinstance(value, list | tuple) or type(value).__name__ == "MultiValue":
        return "\\".join(str(v) for v in value).strip()
    if isinstance(value, bytes):
        return value.decode("latin-1", "replace").strip("\x00 ")
    return str(value).strip()


def _ends_mid_element(ds: Any, size: int) -> bool:
    """True when a few bytes after the last complete element are left (a cut element header)."""
    last = ds._dict[max(ds._dict)] if ds._dict else None
    if not isinstance(last, RawDataElement) or last.length == 0xFFFFFFFF:
        return False
    return 0 < size - (last.value_tell + last.length) < 12


def _check_lengths(ds: Any, size: int | None) -> None:
    """Raise HeaderError when an element claims more bytes than the file holds."""
    for elem in ds._dict.values():
        if not isinstance(elem, RawDataElement) or elem.length == 0xFFFFFFFF:
            continue
        end = elem.value_tell + elem.length
        if size is not None and end > size:
            raise HeaderError("a declared length runs past the end of the file")
        if isinstance(elem.value, bytes) and len(elem.value) < elem.length:
            raise HeaderError("truncated header")


def _int(ds: Any, keyword: str) -> int | None:
    text = _text(ds, keyword).split("\\")[0]
    try:
        return int(float(text))
    except ValueError:
        return None


def _seq_item(ds: Any, keyword: str) -> Any:
    try:
        seq = ds.get(keyword)
        return seq[0] if seq else None
    except Exception:  # noqa: BLE001
        return None


def _side(value: str) -> str | None:
    text = value.strip().upper()
    if text in ("R", "L", "B"):
        return text
    return {"RIGHT": "R", "LEFT": "L", "BOTH": "B"}.get(text)


def _laterality(ds: Any) -> str | None:
    for keyword in ("ImageLaterality", "Laterality"):
        side = _side(_text(ds, keyword))
        if side:
            return side
    for groups in ("SharedFunctionalGroupsSequence", "PerFrameFunctionalGroupsSequence"):
        item = _seq_item(ds, groups)
        anatomy = _seq_item(item, "FrameAnatomySequence") if item is not None else None
        if anatomy is not None:
            side = _side(_text(anatomy, "FrameLaterality"))
            if side:
                return side
    return None


def _view(ds: Any) -> tuple[str | None, tuple[str, ...]]:
    view: str | None = None
    modifiers: list[str] = []
    item = _seq_item(ds, "ViewCodeSequence")
    if item is not None:
        view = views.view_from_code(
            _text(item, "CodeValue"),
            _text(item, "CodingSchemeDesignator"),
            _text(item, "CodeMeaning"),
        )
        for holder in (item, ds):
            try:
                seq = holder.get("ViewModifierCodeSequence") or []
            except Exception:  # noqa: BLE001
                seq = []
            for mod in seq:
                name = views.modifier_from_code(
                    _text(mod, "CodeValue"),
                    _text(mod, "CodingSchemeDesignator"),
                    _text(mod, "CodeMeaning"),
                )
                if name:
                    modifiers.append(name)
    if view is None:
        view, text_mods = views.view_from_position(_text(ds, "ViewPosition"))
        modifiers.extend(text_mods)
    return view, tuple(dict.fromkeys(modifiers))


def _pixel_data_complete(stream: Any, size: int | None, little_endian: bool, tail: Any) -> bool:
    """Check the declared PixelData length against the bytes present, without reading pixels.

    ``tail`` is a seekable stream over the whole file, used to look at its last 8 bytes when
    the pixel data is encapsulated (undefined length); without it that case is assumed fine.
    """
    if size is None:
        return True
    try:
        start = stream.tell()
        element = stream.read(12)
        if len(element) < 8:
            return True  # no pixel data element: nothing to be truncated
        endian = "<" if little_endian else ">"
        group, elem = struct.unpack(endian + "HH", element[:4])
        if (group, elem) != (0x7FE0, 0x0010):
            return True
        if element[4:6] in (b"OB", b"OW", b"OD", b"OF", b"OL", b"OV", b"UN"):
            (length,) = struct.unpack(endian + "I", element[8:12])
            value_start = start + 12
        else:
            (length,) = struct.unpack(endian + "I", element[4:8])
            value_start = start + 8
        if length == 0xFFFFFFFF:
            if tail is None:
                return True
            return bool(_fragments_complete(tail, value_start, size, endian))
        return bool(value_start + length <= size)
    except (OSError, ValueError, struct.error):
        return False


def _fragments_complete(stream: Any, offset: int, size: int, endian: str) -> bool:
    """Walk the items of encapsulated pixel data (headers only) up to the sequence delimiter."""
    position = stream.tell()
    try:
        for _ in range(1_000_000):
            stream.seek(offset)
            item = stream.read(8)
            if len(item) < 8:
                return False
            group, elem, length = struct.unpack(endian + "HHI", item)
            if (group, elem) == (0xFFFE, 0xE0DD):
                return True
            if (group, elem) != (0xFFFE, 0xE000) or length == 0xFFFFFFFF:
                return False
            offset += 8 + length
            if offset > size:
                return False
        return False
    finally:
        stream.seek(position)


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
            ds, stop = walk(data, size, _WANTED_TAGS)
        except WalkError as exc:
            raise HeaderError(str(exc)) from exc
        except WalkFallback:
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
            stream = _Bounded(source, size) if size is not None else source
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
        tail = _Bounded(source, size) if size is not None else source
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
        _check_lengths(ds, size)
    stop_position = stream.tell() if stream is not None else 0
    meta = getattr(ds, "file_meta", None)
    sop_instance_uid = _text(ds, "SOPInstanceUID") or (
        _text(meta, "MediaStorageSOPInstanceUID") if meta else ""
    )
    sop_class_uid = _text(ds, "SOPClassUID") or (
        _text(meta, "MediaStorageSOPClassUID") if meta else ""
    )
    if not sop_instance_uid:
        if len(ds) == 0:
            raise HeaderError("not a DICOM object (no readable data elements)")
        raise HeaderError("no SOP Instance UID")
    if not _is_uid(sop_instance_uid):
        raise HeaderError("damaged header (SOP Instance UID is not a UID)")
    transfer_syntax = _text(meta, "TransferSyntaxUID") if meta else ""
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
        and _ends_mid_element(ds, size)
    ):
        raise HeaderError("truncated header (file ends before the pixel data)")
    complete = (
        _pixel_data_complete(stream, size, little_endian, tail) if stream is not None else True
    )
    laterality = _laterality(ds)
    view, modifiers = _view(ds)
    charset = _text(ds, "SpecificCharacterSet")
    frames = _int(ds, "NumberOfFrames")
    image_type = tuple(v for v in _text(ds, "ImageType").split("\\") if v)
    return InstanceHeader(
        sop_class_uid=sop_class_uid,
        sop_instance_uid=sop_instance_uid,
        study_uid=_text(ds, "StudyInstanceUID"),
        series_uid=_text(ds, "SeriesInstanceUID"),
        modality=_text(ds, "Modality").upper(),
        transfer_syntax=transfer_syntax,
        patient_name=_text(ds, "PatientName"),
        patient_id=_text(ds, "PatientID"),
        issuer_of_patient_id=_text(ds, "IssuerOfPatientID"),
        birth_date=parse_date(_text(ds, "PatientBirthDate")),
        sex=_text(ds, "PatientSex").upper(),
        study_date=parse_date(_text(ds, "StudyDate")),
        study_time=_text(ds, "StudyTime"),
        study_description=_text(ds, "StudyDescription"),
        accession_number=_text(ds, "AccessionNumber"),
        study_id=_text(ds, "StudyID"),
        institution_name=_text(ds, "InstitutionName"),
        referring_physician=_text(ds, "ReferringPhysicianName"),
        series_number=_int(ds, "SeriesNumber"),
        series_description=_text(ds, "SeriesDescription"),
        body_part=_text(ds, "BodyPartExamined"),
        instance_number=_int(ds, "InstanceNumber"),
        laterality=laterality,
        view=view,
        view_modifiers=modifiers,
        view_label=views.view_label(laterality, view, modifiers),
        presentation_intent=_text(ds, "PresentationIntentType").upper(),
        image_type=image_type,
        number_of_frames=frames if frames and frames > 0 else 1,
        rows=_int(ds, "Rows"),
        columns=_int(ds, "Columns"),
        charset=charset,
        has_preamble=has_preamble,
        pixel_data_complete=complete,
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
        ds = _parse(io.BytesIO(prefix))
        uid = _text(ds, "SOPInstanceUID")
    except Exception:  # noqa: BLE001 - a peek; the full read reports problems
        return None
    return uid if _is_uid(uid) else None
