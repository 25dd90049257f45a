"""Apply the PS3.15 actions to every element of a header, iteratively and depth-limited.

The walk keeps its own stack of datasets (no recursion), so its cost is one visit per element
and its depth is bounded by ``max_depth``. Coded values are never scrubbed by name matching:
CS elements, code values, scheme designators and versions, and the meanings of codes the
standard defines stay as they are; every other text value (LO, SH, LT, ST, UT, UC, UR, AE) is
scrubbed of the known identifiers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.multival import MultiValue
from pydicom.sequence import Sequence as DicomSequence
from pydicom.tag import BaseTag
from pydicom.valuerep import PersonName

from mammolog.export.deid_table import Action, profile_table, resolve, standard_codes

ANONYMOUS_NAME = "Anonymous"
DATE_VRS = frozenset({"DA", "DT", "TM"})
TEXT_VRS = frozenset({"LO", "SH", "ST", "LT", "UT", "UC", "UR", "AE"})
_DUMMY_TEXT = "ANONYMIZED"
DUMMIES: dict[str, object] = {
    "DA": "19000101",
    "TM": "000000",
    "DT": "19000101000000",
    "PN": ANONYMOUS_NAME,
    "AS": "000Y",
    "IS": "0",
    "DS": "0",
    "UR": "",
    **{vr: _DUMMY_TEXT for vr in ("LO", "SH", "LT", "ST", "UT", "UC", "CS", "AE")},
    **{vr: 0 for vr in ("US", "SS", "UL", "SL", "FL", "FD", "SV", "UV")},
}
# UIDs that name a class, syntax or scheme rather than one object: never replaced.
KEEP_UID_KEYWORDS = frozenset(
    """
    SOPClassUID ReferencedSOPClassUID MediaStorageSOPClassUID TransferSyntaxUID
    ImplementationClassUID CodingSchemeUID ContextGroupExtensionCreatorUID
    TemplateExtensionCreatorUID MappingResourceUID ReferencedSOPClassUIDInFile
    ReferencedTransferSyntaxUIDInFile RelatedGeneralSOPClassUID OriginalSpecializedSOPClassUID
    PrivateInformationCreatorUID ContextUID CodingSchemeRegistry AffectedSOPClassUID
    RequestedSOPClassUID ReferencedRelatedGeneralSOPClassUIDInFile SOPClassesInStudy
    """.split()
)
# coded values and names of products: scrubbing a word out of them would make them wrong
NEVER_SCRUBBED = frozenset(
    """
    CodeValue CodingSchemeDesignator CodingSchemeVersion LongCodeValue URNCodeValue
    CodingSchemeName CodingSchemeResponsibleOrganization MappingResourceName
    ContextGroupLocalVersion Manufacturer ManufacturerModelName SoftwareVersions
    SpecificCharacterSet
    """.split()
)
# Type 1 in the Enhanced General Equipment, Enhanced (multi-frame) Image and SR Document
# modules: where the table allows X or D, these get a dummy in such objects
_TYPE1_WHEN_ENHANCED = frozenset(
    {"DeviceSerialNumber", "AcquisitionDateTime", "StartAcquisitionDateTime",
     "EndAcquisitionDateTime"}
)  # fmt: skip
_TYPE1_IN_SR = frozenset({"ObservationDateTime"})
# SR classes whose IOD holds the Enhanced General Equipment module (Device Serial Number Type 1)
_SR_WITH_ENHANCED_EQUIPMENT = frozenset(
    "1.2.840.10008.5.1.4.1.1.88." + suffix
    for suffix in ("34", "35", "67", "68", "71", "72", "73", "74", "75", "76")
)
# identify a place: gone even where the table would let a sequence be kept
_SEQUENCES_REMOVED = frozenset({"InstitutionCodeSequence"})
# X in the table, but Type 2 in some IODs (the SR Document General module's Referenced Request
# Sequence; the Patient module of an animal): emptied instead
_EMPTIED_NOT_REMOVED = frozenset(
    {"RequestedProcedureID", "ResponsiblePerson", "ResponsibleOrganization"}
)
HOLOGIC_GROUP = 0x7E01
HOLOGIC_CREATOR = "HOLOGIC, Inc."


class TooDeepError(Exception):
    """A dataset is nested deeper than the walk allows."""


@dataclass(frozen=True)
class WalkOptions:
    """Which PS3.15 options apply: Retain Longitudinal Full Dates, Retain Safe Private."""

    retain_dates: bool = False
    keep_safe_private: bool = False
    max_depth: int = 64


def _dummy_code_item() -> Dataset:
    item = Dataset()
    item.CodeValue = "0"
    item.CodingSchemeDesignator = "99MAMMOLOG"
    item.CodeMeaning = "De-identified person"
    return item


def private_creator(dataset: Dataset, tag: BaseTag) -> str:
    """The creator name of the private block `tag` belongs to ('' if none)."""
    if tag.element < 0x0100:
        return str(dataset[tag].value or "").strip()
    creator = dataset.get((tag.group, tag.element >> 8))
    return str(creator.value or "").strip() if creator is not None else ""


def holds_hologic_3d(dataset: Dataset) -> bool:
    """True if `dataset` keeps Hologic's tomosynthesis data in private group 7E01."""
    return any(
        str(dataset[tag].value or "").strip() == HOLOGIC_CREATOR
        for tag in dataset.keys()
        if tag.group == HOLOGIC_GROUP and 0x0010 <= tag.element <= 0x00FF
    )


class DatasetCleaner:
    """Applies the profile to headers with one UID mapping and one text scrubber."""

    def __init__(
        self,
        *,
        new_uid: Callable[[str], str],
        scrub: Callable[[str], str],
        birth_dates: frozenset[str],
        options: WalkOptions,
    ) -> None:
        """`new_uid` maps UIDs (U), `scrub` cleans free text (C)."""
        self._new_uid = new_uid
        self._scrub = scrub
        self._birth_dates = birth_dates
        self.options = options
        self.kept_private = False
        self._enhanced = False
        self._structured = False

    def clean(self, dataset: Dataset) -> None:
        """De-identify `dataset` in place, every nested item included (TooDeepError when
        nested deeper than the options allow)."""
        table = profile_table()
        self._enhanced = any(
            keyword in dataset
            for keyword in ("SharedFunctionalGroupsSequence", "PerFrameFunctionalGroupsSequence")
        )
        self._structured = "ContentSequence" in dataset
        self._enhanced = self._enhanced or (
            str(dataset.get("SOPClassUID", "")) in _SR_WITH_ENHANCED_EQUIPMENT
        )
        stack: list[tuple[Dataset, int, bool]] = [(dataset, 0, False)]
        while stack:
            current, depth, in_safe_private = stack.pop()
            if depth > self.options.max_depth:
                raise TooDeepError(f"nested more than {self.options.max_depth} levels deep")
            is_code = "CodeValue" in current and "CodingSchemeDesignator" in current
            standard = (
                is_code
                and (
                    str(current.CodingSchemeDesignator).strip(),
                    str(current.CodeValue).strip(),
                )
                in standard_codes()
            )
            for tag in list(current.keys()):
                children = self._element(
                    current, tag, table, in_safe_private=in_safe_private, standard_code=standard
                )
                if children is not None:
                    items, safe = children
                    stack.extend((item, depth + 1, safe) for item in items)

    def _element(
        self,
        dataset: Dataset,
        tag: BaseTag,
        table: dict[int, str],
        *,
        in_safe_private: bool,
        standard_code: bool,
    ) -> tuple[list[Dataset], bool] | None:
        """Act on one element; return the items to visit next (and whether they sit in kept
        private data), or None."""
        group = tag.group
        if group in (0x0002, 0xFFFE) or tag.element == 0x0000:
            del dataset[tag]  # file meta repeated in the dataset, stray items, group lengths
            return None
        if tag.is_private or in_safe_private:
            return self._private(dataset, tag, in_safe_private)
        is_curve = 0x5000 <= group <= 0x501E
        if is_curve or 0x6000 <= group <= 0x601E:
            del dataset[tag]  # curves and overlays (the whole overlay plane goes)
            return None
        element = dataset[tag]
        if not element.keyword:
            del dataset[tag]  # an attribute no dictionary knows: it could hold anything
            return None
        vr = element.VR
        code = table.get(int(tag))
        action = self._action(element, code)
        if action is Action.REMOVE or element.keyword in _SEQUENCES_REMOVED:
            del dataset[tag]
        elif action is Action.EMPTY:
            element.value = DicomSequence([]) if vr == "SQ" else None
        elif vr == "SQ":
            if action is Action.DUMMY and element.keyword == "PersonIdentificationCodeSequence":
                element.value = DicomSequence([_dummy_code_item()])
                return None
            return list(element.value or []), False
        elif action is Action.DUMMY:
            if not _is_empty(element.value):
                element.value = DUMMIES.get(vr, b"" if vr.startswith("O") or vr == "UN" else None)
        elif action is Action.UID:
            self._replace_uid(element)
        elif action is Action.CLEAN and not (
            element.keyword in NEVER_SCRUBBED
            or (standard_code and element.keyword == "CodeMeaning")
        ):
            self._scrub_element(element)
        return None

    def _action(self, element: DataElement, code: str | None) -> Action:
        vr = element.VR
        if vr in DATE_VRS:
            births = self._birth_dates
            is_birth = element.keyword.startswith("PatientBirth") or any(
                str(value)[:8] in births for value in _values(element.value)
            )
            if self.options.retain_dates and not is_birth:
                return Action.KEEP
            if code is None:
                return Action.DUMMY
        if code is not None:
            keyword = element.keyword
            if keyword in _EMPTIED_NOT_REMOVED:
                return Action.EMPTY
            type1 = (self._enhanced and keyword in _TYPE1_WHEN_ENHANCED) or (
                self._structured and keyword in _TYPE1_IN_SR
            )
            return resolve(code, vr, type1=type1)
        if vr == "UI":
            return Action.UID
        if vr == "PN":
            return Action.DUMMY
        if vr in TEXT_VRS:
            return Action.CLEAN
        return Action.KEEP

    def _private(
        self, dataset: Dataset, tag: BaseTag, in_safe_private: bool
    ) -> tuple[list[Dataset], bool] | None:
        """Private data goes, except Hologic's 3D block when safe private data is kept."""
        safe = in_safe_private or (
            self.options.keep_safe_private
            and tag.group == HOLOGIC_GROUP
            and private_creator(dataset, tag) == HOLOGIC_CREATOR
        )
        if not safe:
            del dataset[tag]
            return None
        self.kept_private = True
        element = dataset[tag]
        if element.VR == "SQ":
            return list(element.value or []), True
        if element.VR in TEXT_VRS or element.VR == "PN":
            self._scrub_element(element)
        return None

    def _replace_uid(self, element: DataElement) -> None:
        if element.keyword in KEEP_UID_KEYWORDS or _is_empty(element.value):
            return

        def convert(uid: object) -> str:
            text = str(uid).strip().rstrip("\x00")
            return text if text.startswith("1.2.840.10008.") else self._new_uid(text)

        if isinstance(element.value, MultiValue | list):
            element.value = [convert(uid) for uid in element.value]
        else:
            element.value = convert(element.value)

    def _scrub_element(self, element: DataElement) -> None:
        value = element.value
        if _is_empty(value):
            return
        if isinstance(value, MultiValue | list):
            element.value = [self._scrub_scalar(item) for item in value]
        else:
            element.value = self._scrub_scalar(value)

    def _scrub_scalar(self, value: object) -> object:
        if isinstance(value, str | PersonName):
            text = str(value)
            cleaned = self._scrub(text)
            return cleaned if cleaned != text else value
        return value


_NOT_TEXT_VRS = frozenset(
    {"CS", "UI", "AT", "DS", "IS", "US", "SS", "UL", "SL", "FL", "FD", "SV", "UV", "OF", "OD",
     "OL", "OV"}
)  # fmt: skip


def holds_identifier(
    header: Dataset, pattern: re.Pattern[str] | None, wide_tokens: tuple[str, ...]
) -> bool:
    """True if a value of `header` (at any level) still holds an identifier: `pattern`
    matches its text, or one of `wide_tokens` occurs in it. Coded values (CS, code values and
    designators, standard code meanings), UIDs, numbers and product names are not looked at:
    they say nothing of the patient, and may equal a name by chance ("PERFUSION" in Image
    Type). Binary values are looked at in kept private data only."""
    stack = [header]
    folded = tuple(token.casefold() for token in wide_tokens)
    while stack:
        dataset = stack.pop()
        standard = (
            "CodeValue" in dataset
            and "CodingSchemeDesignator" in dataset
            and (str(dataset.CodingSchemeDesignator).strip(), str(dataset.CodeValue).strip())
            in standard_codes()
        )
        for tag in list(dataset.keys()):
            if tag.group == 0xFFFE:
                continue
            element = dataset[tag]
            vr = element.VR
            if vr == "SQ":
                stack.extend(element.value or [])
                continue
            skipped = element.keyword in NEVER_SCRUBBED or vr in _NOT_TEXT_VRS
            if skipped or (standard and element.keyword == "CodeMeaning"):
                continue
            value = element.value
            if isinstance(value, bytes):
                if not tag.is_private:
                    continue
                text = value.decode("latin-1")
            else:
                text = "\\".join(str(item) for item in _values(value))
            if (pattern is not None and pattern.search(text)) or any(
                token in text.casefold() for token in folded
            ):
                return True
    return False


def _is_empty(value: object) -> bool:
    return (
        value is None
        or value == ""
        or value == b""
        or (isinstance(value, MultiValue | list) and len(value) == 0)
    )


def _values(value: object) -> list[object]:
    if isinstance(value, MultiValue | list):
        return list(value)
    return [] if _is_empty(value) else [value]
