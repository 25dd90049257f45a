"""Structured reports (SR): read the content tree into frozen records.

Reads BI-RADS assessment categories (111005, DCM), breast composition, laterality, coded
findings and the narrative text of Basic Text, Enhanced and Comprehensive SR (TID 4200 style
breast imaging reports). Mammography CAD SR is a machine's output: everything read from it is
marked ``source_kind="cad"``. Radiation dose SRs are not reports and yield no results. A
malformed tree never raises: what can be read is returned and the rest is listed in
``SRDocument.problems``.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from typing import Any, Literal

import pydicom
from pydicom.dataset import Dataset

SRKind = Literal["report", "cad", "dose", "other"]

CAD_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.88.50"
DOSE_SOP_CLASSES = frozenset({"1.2.840.10008.5.1.4.1.1.88.67", "1.2.840.10008.5.1.4.1.1.88.68"})
REPORT_SOP_CLASSES = frozenset(
    f"1.2.840.10008.5.1.4.1.1.88.{n}" for n in ("11", "22", "33", "34", "35", "72", "73", "76")
)
_LEGACY = {"SRT": "SRT", "SNM3": "SRT", "99SDM": "SRT", "SCT": "SCT", "SNOMED": "SCT"}

_CATEGORY_CODES: dict[tuple[str, str], str] = {
    ("SCT", "397138000"): "0", ("SCT", "397140005"): "1", ("SCT", "397141009"): "2",
    ("SCT", "397143007"): "3", ("SCT", "397144001"): "4", ("SCT", "397145000"): "5",
    ("SCT", "6111000179101"): "6",
    ("SRT", "F-037BB"): "0", ("SRT", "F-037BC"): "1", ("SRT", "F-037BD"): "2",
    ("SRT", "F-037BF"): "3", ("SRT", "F-037C0"): "4", ("SRT", "F-037C1"): "5",
}  # fmt: skip
_BI_CATEGORIES = {"0", "1", "2", "3", "4", "4A", "4B", "4C", "5", "6"}
_CATEGORY_MEANINGS = {
    "negative": "1", "benign": "2", "probably benign": "3", "suspicious": "4",
    "suspicious abnormality": "4", "low suspicion for malignancy": "4A",
    "intermediate suspicion for malignancy": "4B", "high suspicion for malignancy": "4C",
    "highly suggestive of malignancy": "5", "known biopsy proven malignancy": "6",
    "incomplete": "0", "need additional imaging evaluation": "0",
}  # fmt: skip
_DENSITY_CODES = {
    ("SCT", "129716005"): "a", ("SCT", "129717001"): "b", ("SCT", "129718006"): "c",
    ("SCT", "129719003"): "d", ("SRT", "F-01711"): "a", ("SRT", "F-01712"): "b",
    ("SRT", "F-01713"): "c", ("SRT", "F-01714"): "d",
}  # fmt: skip
_DENSITY_MEANINGS = {
    "almost entirely fat": "a", "scattered fibroglandular": "b",
    "heterogeneously dense": "c", "extremely dense": "d",
}  # fmt: skip
_SIDE_CODES = {
    ("SCT", "73056007"): "R", ("SCT", "80248007"): "L", ("SCT", "63762007"): "B",
    ("SRT", "T-04020"): "R", ("SRT", "T-04030"): "L", ("SRT", "T-04080"): "B",
}  # fmt: skip
_ASSESSMENT = ("DCM", "111005")
_COMPOSITION = {("SCT", "129715009"), ("DCM", "111006"), ("SRT", "F-01710")}
_CAD_ROOT = ("DCM", "111036")
_DOSE_ROOT = ("DCM", "113701")
_FINDING_WORDS = (
    ("calcification", "calcification"), ("mass", "mass"), ("asymmetr", "asymmetry"),
    ("architectural distortion", "architectural-distortion"),
    ("lymph node", "intramammary-lymph-node"), ("skin lesion", "skin-lesion"),
    ("dilated duct", "solitary-dilated-duct"),
)  # fmt: skip
_DESCRIPTOR_CONCEPTS = (
    ("distribution", "calcification_distribution"), ("calcification", "calcification_morphology"),
    ("shape", "mass_shape"), ("margin", "mass_margin"),
)  # fmt: skip
_VALUE_KEYWORDS = {
    "PNAME": "PersonName", "DATE": "Date", "TIME": "Time", "DATETIME": "DateTime",
    "UIDREF": "UID",
}  # fmt: skip
_MAX_DEPTH = 40
_MAX_ITEMS = 20000


class SRReadError(Exception):
    """An SR file could not be read at all (not DICOM, unreadable); the message says why."""


@dataclass(frozen=True)
class CodedValue:
    """One code: value, coding scheme designator and meaning, as stored."""

    value: str
    scheme: str
    meaning: str


@dataclass(frozen=True)
class SRItem:
    """A result read from a coded content item; ``start``/``end`` locate its line in the text."""

    field: str  # "category", "density", "finding" or a descriptor field
    value: str  # a lexicon slug
    side: str | None
    code: CodedValue | None
    concept: str
    start: int
    end: int
    note: str


@dataclass(frozen=True)
class SRDocument:
    """What was read from one SR: a text rendering of the tree and the coded results in it."""

    sop_class_uid: str
    kind: SRKind
    source_kind: Literal["radiologist", "cad"]
    title: str
    text: str
    items: tuple[SRItem, ...]
    narrative: tuple[tuple[int, int], ...]
    problems: tuple[str, ...]

    @property
    def narrative_text(self) -> str:
        """The TEXT values of the report, joined by blank lines."""
        return "\n\n".join(self.text[a:b] for a, b in self.narrative)


def _code(seq_owner: Any, keyword: str) -> CodedValue | None:
    try:
        seq = getattr(seq_owner, keyword, None)
        if not seq:
            return None
        item = seq[0]
        value = str(getattr(item, "CodeValue", "") or getattr(item, "LongCodeValue", "") or "")
        scheme = str(getattr(item, "CodingSchemeDesignator", "") or "").strip().upper()
        return CodedValue(
            value.strip(), scheme, str(getattr(item, "CodeMeaning", "") or "").strip()
        )
    except Exception:  # noqa: BLE001 - malformed sequence items are skipped
        return None


def _key(code: CodedValue | None) -> tuple[str, str]:
    if code is None:
        return ("", "")
    return (
        _LEGACY.get(code.scheme, code.scheme),
        code.value.upper() if "-" in code.value else code.value,
    )


def _category(code: CodedValue) -> tuple[str | None, str]:
    key = _key(code)
    if key in _CATEGORY_CODES:
        return _CATEGORY_CODES[key], f"coded ({code.scheme})"
    if key[0] == "BI" and key[1].upper().startswith("MA.II.A.5."):
        value = key[1].upper().rsplit(".", 1)[-1]
        if value in _BI_CATEGORIES:
            return value, "coded (BI scheme)"
    meaning = " ".join(code.meaning.lower().replace("-", " ").split())
    if meaning in _CATEGORY_MEANINGS:
        return _CATEGORY_MEANINGS[meaning], "code meaning text"
    for prefix in ("bi rads category ", "bi rads ", "category "):
        if meaning.startswith(prefix) and meaning[len(prefix) :].upper() in _BI_CATEGORIES:
            return meaning[len(prefix) :].upper(), "code meaning text"
    return None, ""


def _density(code: CodedValue) -> str | None:
    if _key(code) in _DENSITY_CODES:
        return _DENSITY_CODES[_key(code)]
    meaning = code.meaning.lower().replace("-", " ")
    return next((v for k, v in _DENSITY_MEANINGS.items() if k in meaning), None)


def _slug(text: str) -> str:
    return "-".join(text.lower().replace("-", " ").split())


class _Walker:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.length = 0
        self.items: list[SRItem] = []
        self.narrative: list[tuple[int, int]] = []
        self.problems: list[str] = []
        self.count = 0

    def add_line(self, depth: int, head: str, value: str) -> tuple[int, int, int]:
        line = "  " * depth + head + value
        start = self.length
        self.lines.append(line)
        self.length += len(line) + 1
        return start, start + len(line), start + len("  " * depth + head)

    def walk(self, items: Any, depth: int, side: str | None) -> None:
        if depth > _MAX_DEPTH:
            self.problems.append("content tree nested too deeply; the rest was skipped")
            return
        try:
            children = list(items or [])
        except Exception:  # noqa: BLE001
            self.problems.append("unreadable ContentSequence")
            return
        local_side = side
        for child in children:
            found = self._side_modifier(child)
            local_side = found or local_side
        for child in children:
            self.count += 1
            if self.count > _MAX_ITEMS:
                self.problems.append("too many content items; the rest was skipped")
                return
            try:
                self.item(child, depth, local_side)
            except Exception as exc:  # noqa: BLE001 - one bad item never stops the walk
                self.problems.append(f"content item skipped: {type(exc).__name__}")

    def _side_modifier(self, item: Any) -> str | None:
        try:
            if str(getattr(item, "ValueType", "")).upper() != "CODE":
                return None
            return _SIDE_CODES.get(_key(_code(item, "ConceptCodeSequence")))
        except Exception:  # noqa: BLE001 - a malformed sibling item names no side
            return None

    def item(self, item: Any, depth: int, side: str | None) -> None:
        value_type = str(getattr(item, "ValueType", "") or "").upper()
        concept = _code(item, "ConceptNameCodeSequence")
        concept_text = concept.meaning if concept and concept.meaning else "(no concept name)"
        head = f"{concept_text}: "
        if value_type == "TEXT":
            text = str(getattr(item, "TextValue", "") or "")
            _, end, value_start = self.add_line(depth, head, text)
            if text.strip():
                self.narrative.append((value_start, end))
        elif value_type == "CODE":
            code = _code(item, "ConceptCodeSequence")
            shown = f"{code.meaning} ({code.value}, {code.scheme})" if code else "(no code)"
            start, end, _ = self.add_line(depth, head, shown)
            if code is not None:
                self.coded(concept, code, start, end, side)
        elif value_type == "NUM":
            self.add_line(depth, head, self.number(item))
        elif value_type == "CONTAINER":
            self.add_line(depth, concept_text, "")
        else:
            raw = getattr(item, _VALUE_KEYWORDS.get(value_type, ""), None)
            self.add_line(depth, head, str(raw) if raw else f"({value_type.lower() or 'empty'})")
        self.walk(getattr(item, "ContentSequence", None), depth + 1, side)

    @staticmethod
    def number(item: Any) -> str:
        try:
            measured = item.MeasuredValueSequence[0]
            unit = _code(measured, "MeasurementUnitsCodeSequence")
            return f"{measured.NumericValue} {unit.value if unit else ''}".strip()
        except Exception:  # noqa: BLE001
            return "(no value)"

    def coded(
        self, concept: CodedValue | None, code: CodedValue, start: int, end: int, side: str | None
    ) -> None:
        key = _key(concept)
        concept_text = concept.meaning if concept else ""
        if key == _ASSESSMENT:
            value, note = _category(code)
            if value is None:
                self.problems.append(
                    f"assessment code not recognised: {code.value} ({code.scheme})"
                )
                return
            self.items.append(SRItem("category", value, side, code, concept_text, start, end, note))
        elif key in _COMPOSITION or "composition" in concept_text.lower():
            density = _density(code)
            if density is not None:
                note = "coded breast composition"
                self.items.append(
                    SRItem("density", density, side, code, concept_text, start, end, note)
                )
        elif _key(code) not in _SIDE_CODES:
            self.descriptor(concept_text, code, start, end, side)

    def descriptor(
        self, concept: str, code: CodedValue, start: int, end: int, side: str | None
    ) -> None:
        from mammolog.domain import lexicon

        meaning, lower = _slug(code.meaning), concept.lower()
        tables = {
            "calcification_morphology": {m.value for m in lexicon.CalcificationMorphology},
            "calcification_distribution": {m.value for m in lexicon.CalcificationDistribution},
            "mass_shape": {m.value for m in lexicon.MassShape},
            "mass_margin": {m.value for m in lexicon.MassMargin},
        }
        for word, field in _DESCRIPTOR_CONCEPTS:
            if word in lower and meaning in tables[field]:
                self.items.append(SRItem(field, meaning, side, code, concept, start, end, "coded"))
                return
        text = code.meaning.lower()
        if "finding" in lower or lower in ("", "(no concept name)"):
            for word, slug in _FINDING_WORDS:
                if word in text:
                    self.items.append(
                        SRItem("finding", slug, side, code, concept, start, end, "coded")
                    )
                    return


def _kind(sop_class: str, root: CodedValue | None) -> SRKind:
    if sop_class == CAD_SOP_CLASS or _key(root) == _CAD_ROOT:
        return "cad"
    if sop_class in DOSE_SOP_CLASSES or _key(root) == _DOSE_ROOT:
        return "dose"
    if sop_class in REPORT_SOP_CLASSES:
        return "report"
    return "other"


MAX_SR_BYTES = 64 * 1024 * 1024


def _bounded_bytes(source: str | os.PathLike[str]) -> io.BytesIO:
    """The file's bytes in memory, so a declared length beyond the end allocates nothing.

    Reading a value of a declared 4 GB length from a real file makes Python reserve 4 GB;
    from an in-memory buffer it returns only the bytes that exist.
    """
    path = os.fspath(source)
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_SR_BYTES:
                raise SRReadError(f"{path!r} is larger than a structured report can be (64 MB)")
            data = stream.read(size)
    except OSError as exc:
        raise SRReadError(f"cannot read {path!r}: {exc.strerror or exc}") from exc
    return io.BytesIO(data)


def read_sr(source: Dataset | str | os.PathLike[str]) -> SRDocument:
    """Read an SR (dataset or file path) into an :class:`SRDocument`.

    Raises :class:`SRReadError` only when the file cannot be read as DICOM at all.
    """
    if isinstance(source, Dataset):
        ds = source
    else:
        try:
            ds = pydicom.dcmread(_bounded_bytes(source), force=True, stop_before_pixels=True)
        except SRReadError:
            raise
        except Exception as exc:  # noqa: BLE001 - pydicom raises many types
            raise SRReadError(f"cannot read {os.fspath(source)!r} as DICOM: {exc}") from exc
    try:
        sop_class = str(getattr(ds, "SOPClassUID", "") or "")
    except Exception:  # noqa: BLE001
        sop_class = ""
    root = _code(ds, "ConceptNameCodeSequence")
    kind = _kind(sop_class, root)
    walker = _Walker()
    title = root.meaning if root else ""
    if kind != "dose":
        walker.add_line(0, title or "Report", "")
        try:
            content = getattr(ds, "ContentSequence", None)
        except Exception:  # noqa: BLE001
            content = None
        if content is None:
            walker.problems.append("no ContentSequence")
        walker.walk(content, 1, None)
    return SRDocument(
        sop_class_uid=sop_class,
        kind=kind,
        source_kind="cad" if kind == "cad" else "radiologist",
        title=title,
        text="\n".join(walker.lines),
        items=tuple(walker.items),
        narrative=tuple(walker.narrative),
        problems=tuple(walker.problems),
    )
