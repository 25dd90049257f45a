"""Mammography view codes (SNOMED CT and the legacy SRT/SNM3 codes) and readable view labels.

Label convention: ``"<side> <view>"`` such as ``"R CC"`` or ``"L MLO"``, followed by the view
modifiers in plain words in brackets: ``"L CC (magnification, spot compression)"``,
``"R MLO (implant displaced)"``. A missing side is written ``"?"``, a missing view is left out
(``"R"``), and nothing at all gives ``""``. The short DICOM prefixes (M, S) and suffix (ID) are
available from :data:`MODIFIER_ABBREVIATIONS` for compact displays.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: Coding schemes that carry SNOMED CT concept ids, and the legacy ones (SRT and SNM3 are one).
SCT_SCHEMES = frozenset({"SCT", "SNOMED", "SNOMED-CT", "SNOMEDCT"})
LEGACY_SCHEMES = frozenset({"SRT", "SNM3", "99SDM"})


@dataclass(frozen=True)
class ViewCode:
    """One mammographic view: its short label and its codes."""

    label: str
    sct: str
    legacy: str
    meaning: str


VIEWS: tuple[ViewCode, ...] = (
    ViewCode("CC", "399162004", "R-10242", "cranio-caudal"),
    ViewCode("MLO", "399368009", "R-10226", "medio-lateral oblique"),
    ViewCode("ML", "399260004", "R-10224", "medio-lateral"),
    ViewCode("LM", "399352003", "R-10228", "latero-medial"),
    ViewCode("LMO", "399099002", "R-10230", "latero-medial oblique"),
    ViewCode("FB", "399196006", "R-10244", "caudo-cranial (from below)"),
    ViewCode("XCCL", "399192008", "R-1024A", "exaggerated cranio-caudal, laterally"),
    ViewCode("XCCM", "399101009", "R-1024B", "exaggerated cranio-caudal, medially"),
    ViewCode("SIO", "399188001", "R-102D0", "superolateral to inferomedial oblique"),
    ViewCode("SPECIMEN", "127457009", "G-8310", "specimen"),
)

MODIFIERS: tuple[ViewCode, ...] = (
    ViewCode("magnification", "399163009", "R-102D6", "magnification"),
    ViewCode("spot compression", "399055006", "R-102D7", "spot compression"),
    ViewCode("implant displaced", "399209000", "R-102D5", "implant displaced"),
)

#: The DICOM/ACR short forms: prefix M, prefix S, suffix ID.
MODIFIER_ABBREVIATIONS: dict[str, str] = {
    "magnification": "M",
    "spot compression": "S",
    "implant displaced": "ID",
}

_BY_CODE: dict[str, str] = {}
for _view in VIEWS:
    _BY_CODE[_view.sct] = _view.label
    _BY_CODE[_view.legacy.upper()] = _view.label
_MODIFIER_BY_CODE: dict[str, str] = {}
for _mod in MODIFIERS:
    _MODIFIER_BY_CODE[_mod.sct] = _mod.label
    _MODIFIER_BY_CODE[_mod.legacy.upper()] = _mod.label

# Free-text ViewPosition values seen on devices, mapped onto the labels above.
_POSITION_TEXT: dict[str, str] = {
    "CC": "CC",
    "CRANIOCAUDAL": "CC",
    "CRANIO-CAUDAL": "CC",
    "MLO": "MLO",
    "OBLIQUE": "MLO",
    "MEDIOLATERAL OBLIQUE": "MLO",
    "MEDIO-LATERAL OBLIQUE": "MLO",
    "ML": "ML",
    "LATERAL": "ML",
    "MEDIOLATERAL": "ML",
    "MEDIO-LATERAL": "ML",
    "LM": "LM",
    "LATEROMEDIAL": "LM",
    "LATERO-MEDIAL": "LM",
    "LMO": "LMO",
    "FB": "FB",
    "XCCL": "XCCL",
    "XCC": "XCCL",
    "XCCM": "XCCM",
    "SIO": "SIO",
}
_MEANING_TEXT: dict[str, str] = {v.meaning.split(" (")[0]: v.label for v in VIEWS}
_MODIFIER_MEANINGS: dict[str, str] = {m.meaning: m.label for m in MODIFIERS}


def _clean(text: str) -> str:
    return " ".join(text.strip().upper().replace("_", " ").split())


def view_from_code(value: str, scheme: str = "", meaning: str = "") -> str | None:
    """Return the view label ("CC", "MLO", ...) for a coded view, or None when unknown.

    SNOMED CT ids, the legacy SRT/SNM3 codes and, as a last resort, the code meaning are tried.
    """
    label = _BY_CODE.get(value.strip().upper())
    if label is not None:
        return label
    cleaned = meaning.strip().lower()
    if cleaned in _MEANING_TEXT:
        return _MEANING_TEXT[cleaned]
    return None


def modifier_from_code(value: str, scheme: str = "", meaning: str = "") -> str | None:
    """Return the modifier name ("magnification", ...) for a coded view modifier, or None."""
    label = _MODIFIER_BY_CODE.get(value.strip().upper())
    if label is not None:
        return label
    return _MODIFIER_MEANINGS.get(meaning.strip().lower())


def view_from_position(text: str) -> tuple[str | None, tuple[str, ...]]:
    """Interpret a free-text ViewPosition ("CC", "RMLO", "MCC", "XCCL", "CC ID").

    Returns the view label (or None) and any modifiers the text names.
    """
    cleaned = _clean(text)
    if not cleaned:
        return None, ()
    modifiers: list[str] = []
    words = cleaned.split(" ")
    if words[-1] == "ID" and len(words) > 1:
        modifiers.append("implant displaced")
        words = words[:-1]
    cleaned = " ".join(words)
    if cleaned in _POSITION_TEXT:
        return _POSITION_TEXT[cleaned], tuple(modifiers)
    compact = cleaned.replace(" ", "")
    if compact.endswith("ID") and compact[:-2] in _POSITION_TEXT:
        return _POSITION_TEXT[compact[:-2]], ("implant displaced",)
    # Side prefixes ("RCC", "LMLO") and modifier prefixes ("MCC", "SMLO", "MSCC").
    for prefix_len in (0, 1, 2, 3):
        head, rest = compact[:prefix_len], compact[prefix_len:]
        if rest in _POSITION_TEXT and all(ch in "RLMS" for ch in head):
            found = list(modifiers)
            if "M" in head:
                found.append("magnification")
            if "S" in head:
                found.append("spot compression")
            return _POSITION_TEXT[rest], tuple(found)
    return None, tuple(modifiers)


def view_label(laterality: str | None, view: str | None, modifiers: Iterable[str] = ()) -> str:
    """Build the readable label, e.g. ``"L CC (magnification)"``; see the module docstring."""
    mods = [m for m in dict.fromkeys(modifiers) if m]
    if not laterality and not view and not mods:
        return ""
    side = laterality if laterality in {"R", "L", "B"} else "?"
    label = f"{side} {view}" if view else side
    if mods:
        label += f" ({', '.join(mods)})"
    return label
