"""Reading attribute values from a parsed header (a pydicom Dataset or a fast-walk dataset).

Text values are decoded from the raw bytes per SpecificCharacterSet without converting whole
elements; laterality and view follow the DICOM rules (ImageLaterality, then Laterality, then
FrameLaterality; ViewCodeSequence with its modifiers, then ViewPosition text).
"""

from __future__ import annotations

from typing import Any

from pydicom.charset import decode_bytes
from pydicom.datadict import dictionary_VR, tag_for_keyword
from pydicom.dataelem import RawDataElement
from pydicom.valuerep import PersonName

from mammolog.dicom import views

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
    "InstitutionName IssuerOfPatientID Laterality Manufacturer Modality NumberOfFrames "
    "PatientBirthDate "
    "PatientID PatientName PatientSex PerFrameFunctionalGroupsSequence PresentationIntentType "
    "ReferringPhysicianName Rows SOPClassUID SOPInstanceUID SeriesDescription SeriesInstanceUID "
    "SeriesNumber SharedFunctionalGroupsSequence SpecificCharacterSet StudyDate "
    "StudyDescription StudyID StudyInstanceUID StudyTime ViewCodeSequence "
    "ViewModifierCodeSequence ViewPosition"
).split()
#: Private groups whose presence classifies an object (vendor-locked image data).
PRIVATE_GROUPS_OF_INTEREST = (0x7E01,)
_PRIVATE_CREATOR_TAGS = frozenset(
    (group << 16) | element for group in PRIVATE_GROUPS_OF_INTEREST for element in range(0x10, 0x20)
)
WANTED_TAGS = (
    frozenset(int(tag_for_keyword(k) or 0) for k in WANTED_KEYWORDS) | _PRIVATE_CREATOR_TAGS
)
_BINARY_NUMBERS = frozenset({"US", "SS", "UL", "SL", "FL", "FD", "SV", "UV", "AT"})


def text_value(ds: Any, keyword: str) -> str:
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


def private_groups_of(ds: Any) -> frozenset[int]:
    """Which of :data:`PRIVATE_GROUPS_OF_INTEREST` hold a private creator in ``ds``."""
    try:
        tags = [int(tag) for tag in ds._dict]
    except Exception:  # noqa: BLE001 - an odd dataset: no private groups seen
        return frozenset()
    return frozenset(tag >> 16 for tag in tags if tag in _PRIVATE_CREATOR_TAGS)


def int_value(ds: Any, keyword: str) -> int | None:
    """The first value of ``keyword`` as an integer, or ``None``."""
    text = text_value(ds, keyword).split("\\")[0]
    try:
        return int(float(text))
    except ValueError:
        return None


def first_item(ds: Any, keyword: str) -> Any:
    """The first item of a sequence, or ``None``."""
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


def laterality_of(ds: Any) -> str | None:
    """R, L or B from ImageLaterality, Laterality or the functional groups' FrameLaterality."""
    for keyword in ("ImageLaterality", "Laterality"):
        side = _side(text_value(ds, keyword))
        if side:
            return side
    for groups in ("SharedFunctionalGroupsSequence", "PerFrameFunctionalGroupsSequence"):
        item = first_item(ds, groups)
        anatomy = first_item(item, "FrameAnatomySequence") if item is not None else None
        if anatomy is not None:
            side = _side(text_value(anatomy, "FrameLaterality"))
            if side:
                return side
    return None


def view_of(ds: Any) -> tuple[str | None, tuple[str, ...]]:
    """The view label and its modifiers, from ViewCodeSequence, else ViewPosition text."""
    view: str | None = None
    modifiers: list[str] = []
    item = first_item(ds, "ViewCodeSequence")
    if item is not None:
        view = views.view_from_code(
            text_value(item, "CodeValue"),
            text_value(item, "CodingSchemeDesignator"),
            text_value(item, "CodeMeaning"),
        )
        for holder in (item, ds):
            try:
                seq = holder.get("ViewModifierCodeSequence") or []
            except Exception:  # noqa: BLE001
                seq = []
            for mod in seq:
                name = views.modifier_from_code(
                    text_value(mod, "CodeValue"),
                    text_value(mod, "CodingSchemeDesignator"),
                    text_value(mod, "CodeMeaning"),
                )
                if name:
                    modifiers.append(name)
    if view is None:
        view, text_mods = views.view_from_position(text_value(ds, "ViewPosition"))
        modifiers.extend(text_mods)
    return view, tuple(dict.fromkeys(modifiers))
