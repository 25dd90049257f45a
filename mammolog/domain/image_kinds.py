"""What kind of object each stored DICOM instance is, and what that means for showing it.

Every instance is classified once, at import, from a few header facts (SOP class, modality,
Image Type, presentation intent, view position, series description, vendor and the presence
of vendor-private image groups). The rules are in the order a careful reader would apply
them: non-images first, then quality-control and specimen objects, then vendor-locked data,
then the ordinary images by how they were acquired.

Only :data:`HANGING_KINDS` ever take a hanging-protocol slot, in that order of preference:
a 2D mammogram, else a synthesized 2D view, else the middle slice of a tomosynthesis volume.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class ImageKind(StrEnum):
    """The kind of a stored object; the values are the names the CLI and JSON use."""

    MAMMOGRAM = "mammogram"
    SYNTHESIZED_2D = "synthesized-2d"
    TOMOSYNTHESIS = "tomosynthesis"
    TOMOSYNTHESIS_PROJECTION = "tomosynthesis-projection"
    FOR_PROCESSING = "for-processing"
    VENDOR_PROPRIETARY = "vendor-proprietary"
    QUALITY_CONTROL = "quality-control"
    SPECIMEN = "specimen"
    ULTRASOUND = "ultrasound"
    MRI = "mri"
    OTHER_IMAGE = "other-image"
    REPORT = "report"
    DOSE_REPORT = "dose-report"
    CAD = "cad"
    DOCUMENT = "document"


#: Kinds that hang in the R CC | L CC over R MLO | L MLO slots, most preferred first.
HANGING_KINDS: tuple[ImageKind, ...] = (
    ImageKind.MAMMOGRAM,
    ImageKind.SYNTHESIZED_2D,
    ImageKind.TOMOSYNTHESIS,
)

#: Kinds that carry no picture to show.
NON_IMAGE_KINDS = frozenset(
    {ImageKind.REPORT, ImageKind.DOSE_REPORT, ImageKind.CAD, ImageKind.DOCUMENT}
)

#: Plain words for each kind, for lists and captions.
KIND_WORDS: dict[ImageKind, str] = {
    ImageKind.MAMMOGRAM: "2D mammogram",
    ImageKind.SYNTHESIZED_2D: "synthesized 2D",
    ImageKind.TOMOSYNTHESIS: "tomosynthesis (3D)",
    ImageKind.TOMOSYNTHESIS_PROJECTION: "tomosynthesis projections",
    ImageKind.FOR_PROCESSING: "raw image (for processing)",
    ImageKind.VENDOR_PROPRIETARY: "vendor-only 3D data",
    ImageKind.QUALITY_CONTROL: "quality control",
    ImageKind.SPECIMEN: "specimen",
    ImageKind.ULTRASOUND: "ultrasound",
    ImageKind.MRI: "MRI",
    ImageKind.OTHER_IMAGE: "other image",
    ImageKind.REPORT: "report",
    ImageKind.DOSE_REPORT: "dose report",
    ImageKind.CAD: "CAD result",
    ImageKind.DOCUMENT: "document",
}

_STORAGE = "1.2.840.10008.5.1.4.1.1."
_MG_FOR_PRESENTATION = _STORAGE + "1.2"
_BREAST_TOMOSYNTHESIS = _STORAGE + "13.1.3"
_BREAST_PROJECTION_PRESENTATION = _STORAGE + "13.1.4"
_BREAST_PROJECTION_PROCESSING = _STORAGE + "13.1.5"
_FOR_PROCESSING_CLASSES = frozenset(
    {_STORAGE + "1.1.1", _STORAGE + "1.2.1", _STORAGE + "1.3.1", _BREAST_PROJECTION_PROCESSING}
)
_SECONDARY_CAPTURE_PREFIX = _STORAGE + "7"
_DOSE_CLASSES = frozenset({_STORAGE + "88.67", _STORAGE + "88.68", _STORAGE + "88.76"})
_CAD_CLASSES = frozenset({_STORAGE + "88.50", _STORAGE + "88.65", _STORAGE + "88.69"})
_REPORT_CLASSES = frozenset(
    {_STORAGE + "88.11", _STORAGE + "88.22", _STORAGE + "88.33", _STORAGE + "88.34"}
)
_DOCUMENT_PREFIXES = (_STORAGE + "104.", _STORAGE + "88.", _STORAGE + "11.", _STORAGE + "9.")
_ULTRASOUND_PREFIXES = (_STORAGE + "6.", _STORAGE + "3.1")
_MRI_PREFIXES = (_STORAGE + "4",)
_PROJECTION_MODALITIES = frozenset({"MG", "RG", "CR", "DX", "OT", "SC", "PX"})
_QC_POSITIONS = frozenset({"FLATFIELD", "FLAT FIELD", "PHANTOM", "QC"})
_QC_WORDS = ("flat field", "flatfield", "phantom", "quality control", "physics", "calibration")
#: Private groups in which a vendor keeps image data only its own workstations read.
_VENDOR_GROUPS: dict[int, tuple[str, str]] = {
    0x7E01: ("Hologic", "a Hologic workstation"),
}
#: The vendor each private group belongs to, as Manufacturer names it (upper case).
_VENDOR_NAMES: dict[int, str] = {0x7E01: "HOLOGIC"}


@dataclass(frozen=True)
class ImageFacts:
    """The header facts the classification looks at (all plain text, empty when absent)."""

    sop_class_uid: str
    modality: str = ""
    image_type: tuple[str, ...] = ()
    presentation_intent: str = ""
    view_position: str = ""
    view: str = ""
    series_description: str = ""
    body_part: str = ""
    manufacturer: str = ""
    private_groups: frozenset[int] = frozenset()
    has_pixels: bool = True


@dataclass(frozen=True)
class Classification:
    """An object's kind and, for vendor-locked data, whose it is and what shows it."""

    kind: ImageKind
    vendor: str = ""
    needs: str = ""


def classify(facts: ImageFacts) -> Classification:
    """The kind of one object from its header facts (see the module docstring for the order)."""
    uid = facts.sop_class_uid.strip()
    modality = facts.modality.strip().upper()
    image_type = tuple(value.strip().upper() for value in facts.image_type)
    non_image = _non_image_kind(uid, modality)
    if non_image is not None:
        return Classification(non_image)
    if _is_quality_control(facts):
        return Classification(ImageKind.QUALITY_CONTROL)
    if facts.view.strip().upper() == "SPECIMEN" or "specimen" in _words(facts):
        return Classification(ImageKind.SPECIMEN)
    locked = _vendor_locked(facts, uid)
    if locked is not None:
        return locked
    if uid in _FOR_PROCESSING_CLASSES or facts.presentation_intent.upper() == "FOR PROCESSING":
        return Classification(ImageKind.FOR_PROCESSING)
    if uid == _BREAST_TOMOSYNTHESIS:
        return Classification(ImageKind.TOMOSYNTHESIS)
    if uid == _BREAST_PROJECTION_PRESENTATION:
        return Classification(ImageKind.TOMOSYNTHESIS_PROJECTION)
    breast = _is_breast(facts, uid, modality)
    if breast and "GENERATED_2D" in image_type:
        return Classification(ImageKind.SYNTHESIZED_2D)
    if breast and ({"TOMO", "TOMOSYNTHESIS"} & set(image_type)):
        return Classification(ImageKind.TOMOSYNTHESIS)
    if modality == "US" or uid.startswith(_ULTRASOUND_PREFIXES):
        return Classification(ImageKind.ULTRASOUND)
    if modality == "MR" or uid.startswith(_MRI_PREFIXES):
        return Classification(ImageKind.MRI if _is_mri_image(uid) else ImageKind.OTHER_IMAGE)
    if breast and (modality in _PROJECTION_MODALITIES or uid == _MG_FOR_PRESENTATION):
        return Classification(ImageKind.MAMMOGRAM)
    return Classification(ImageKind.OTHER_IMAGE)


def _non_image_kind(uid: str, modality: str) -> ImageKind | None:
    if uid in _DOSE_CLASSES:
        return ImageKind.DOSE_REPORT
    if uid in _CAD_CLASSES:
        return ImageKind.CAD
    if uid in _REPORT_CLASSES:
        return ImageKind.REPORT
    if uid.startswith(_DOCUMENT_PREFIXES) or modality in {"SR", "DOC", "KO", "PR"}:
        return ImageKind.REPORT if modality == "SR" else ImageKind.DOCUMENT
    return None


def _words(facts: ImageFacts) -> str:
    return " ".join(facts.series_description.lower().split())


def _is_quality_control(facts: ImageFacts) -> bool:
    position = " ".join(facts.view_position.strip().upper().replace("_", " ").split())
    if position in _QC_POSITIONS or position.replace(" ", "") in _QC_POSITIONS:
        return True
    words = _words(facts)
    return any(word in words for word in _QC_WORDS) or words.split(" ")[:1] == ["qc"]


def _vendor_locked(facts: ImageFacts, uid: str) -> Classification | None:
    """Secondary Capture whose real content sits in a vendor's private group."""
    if not uid.startswith(_SECONDARY_CAPTURE_PREFIX):
        return None
    maker = facts.manufacturer.upper()
    for group, (vendor, needs) in _VENDOR_GROUPS.items():
        if group in facts.private_groups and _VENDOR_NAMES[group] in maker:
            return Classification(ImageKind.VENDOR_PROPRIETARY, vendor, needs)
    return None


def _is_breast(facts: ImageFacts, uid: str, modality: str) -> bool:
    if modality == "MG" or uid.startswith(_STORAGE + "1.2") or uid.startswith(_STORAGE + "13.1"):
        return True
    return facts.body_part.strip().upper() == "BREAST"


def _is_mri_image(uid: str) -> bool:
    # MR Image, Enhanced MR, MR Spectroscopy is not an image; Enhanced MR Color; Legacy MR.
    return uid in {
        _STORAGE + "4",
        _STORAGE + "4.1",
        _STORAGE + "4.3",
        _STORAGE + "4.4",
    } or not uid.startswith(_STORAGE)


def parse_kind(text: str) -> ImageKind | None:
    """The kind named by ``text`` ("mammogram", ...), or ``None`` when it names none."""
    try:
        return ImageKind(text.strip().lower())
    except ValueError:
        return None


def is_image(kind: ImageKind) -> bool:
    """True when objects of this kind carry a picture."""
    return kind not in NON_IMAGE_KINDS


def may_hang(kind: ImageKind, view_modifiers: Iterable[str] = ()) -> bool:
    """True when an image of this kind (and these view modifiers) may take a hanging slot.

    Magnification, spot and implant-displaced views are extra views: reachable, never hung.
    """
    return kind in HANGING_KINDS and not any(m for m in view_modifiers)


def hanging_rank(kind: ImageKind) -> int:
    """How much a slot prefers this kind: 0 is best; kinds that never hang rank last."""
    try:
        return HANGING_KINDS.index(kind)
    except ValueError:
        return len(HANGING_KINDS)


def not_shown_reason(classification: Classification) -> str | None:
    """Why objects of this kind cannot be shown, in plain words; ``None`` when they can."""
    kind = classification.kind
    if kind is ImageKind.VENDOR_PROPRIETARY:
        vendor = classification.vendor or "Vendor"
        needs = classification.needs or f"a {vendor} workstation"
        return f"{vendor} 3D data: only {needs} can display it; it is kept and exported unchanged"
    if kind in NON_IMAGE_KINDS:
        return f"a {KIND_WORDS[kind]}, not an image"
    return None


def vendor_needs(vendor: str) -> str:
    """What shows a vendor's private data ("a Hologic workstation"), from the vendor's name."""
    for name, needs in _VENDOR_GROUPS.values():
        if name == vendor:
            return needs
    return f"a {vendor} workstation" if vendor else ""
