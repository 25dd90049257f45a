"""The identifiers an export must not carry, and how they are found in text and bytes.

Identifiers are gathered from every original header of the export: the name components of
every person name anywhere in the object (patient, physicians, operators, observers, SR
content), the patient IDs, the other IDs a record holds (accession number, Study ID, request
and procedure step IDs) and the birth date. Text is scrubbed by whole words; a birth date is
found in the common ways people write it (19651203, 1965-12-03, 03.12.1965, 3/12/1965,
3 Dec 1965, December 3, 1965 ...).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.multival import MultiValue
from pydicom.tag import BaseTag

# IDs a record of the patient's visit carries (besides the patient IDs)
OTHER_ID_KEYWORDS = (
    "AccessionNumber",
    "StudyID",
    "RequestedProcedureID",
    "PerformedProcedureStepID",
    "ScheduledProcedureStepID",
    "AdmissionID",
    "PlacerOrderNumberImagingServiceRequest",
    "FillerOrderNumberImagingServiceRequest",
    "MedicalRecordLocator",
    "ServiceEpisodeID",
    "ClinicalTrialSubjectID",
)
PATIENT_ID_KEYWORDS = ("PatientID", "OtherPatientIDs")
PATIENT_NAME_KEYWORDS = ("PatientName", "OtherPatientNames", "PatientBirthName",
                         "PatientMotherBirthName")  # fmt: skip
# words and the date an anonymized object holds anyway: never an identifier to look for
DUMMY_WORDS = frozenset({"ANONYMOUS", "ANONYMIZED", "ANON", "19000101"})
_MONTHS = (
    ("jan", "january", "januar", "janvier", "jänner"),
    ("feb", "february", "februar", "février", "fevrier"),
    ("mar", "march", "märz", "maerz", "mars", "mrz"),
    ("apr", "april", "avril"),
    ("may", "mai"),
    ("jun", "june", "juni", "juin"),
    ("jul", "july", "juli", "juillet"),
    ("aug", "august", "août", "aout"),
    ("sep", "sept", "september", "septembre"),
    ("oct", "okt", "october", "oktober", "octobre"),
    ("nov", "november", "novembre"),
    ("dec", "dez", "december", "dezember", "décembre", "decembre"),
)
_MAX_DEPTH = 64


@dataclass(frozen=True)
class Identifiers:
    """Known identifying strings gathered from the originals, for scrubbing and checking."""

    name_components: tuple[str, ...]
    patient_ids: tuple[str, ...]
    birth_dates: tuple[str, ...]
    other_ids: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()

    def tokens(self) -> tuple[str, ...]:
        """Every string that must not survive in text, longest first."""
        return _usable({*self.patient_tokens(), *self.name_components, *self.other_names})

    def patient_tokens(self) -> tuple[str, ...]:
        """The patient's own identifiers (names, IDs, accession and study IDs, birth dates),
        longest first: what a written object is checked for, byte by byte."""
        # a Study ID "1" or "12" identifies nobody, and scrubbing it would eat measurements
        record_ids = {t for t in self.other_ids if len(t) >= 3}
        return _usable({*self.name_components, *self.patient_ids, *record_ids, *self.birth_dates})


def _usable(found: set[str]) -> tuple[str, ...]:
    usable = (t for t in found if worth_scrubbing(t) and t.upper() not in DUMMY_WORDS)
    return tuple(sorted(usable, key=len, reverse=True))


def worth_scrubbing(token: str) -> bool:
    """True for a token long enough to identify anyone (two characters, or one non-ASCII)."""
    return len(token) >= 2 or any(ord(ch) > 127 for ch in token)


def _wide(token: str) -> bool:
    """True if `token` holds East Asian wide characters (CJK, kana, Hangul): scripts that are
    written without spaces between words, so a name must be matched wherever it occurs."""
    return any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in token)


def _token_regex(token: str) -> str:
    body = re.escape(token)
    if _wide(token):
        return body
    if token.isdigit():
        # a numeric ID or date: whole numbers, even when glued to letters ("MRN4711")
        return rf"(?<!\d){body}(?!\d)"
    return rf"(?<!\w){body}(?!\w)"


def birth_date_regex(date: str) -> str | None:
    """A regular expression for `date` (YYYYMMDD) in the usual written forms, or None when
    `date` is not a plausible date."""
    if not re.fullmatch(r"\d{8}", date):
        return None
    year, month, day = date[:4], int(date[4:6]), int(date[6:])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    d = rf"0?{day}" if day < 10 else str(day)
    m = rf"0?{month}" if month < 10 else str(month)
    sep = r"[-./ ]"
    short_year = year[2:]
    names = "|".join(re.escape(name) for name in _MONTHS[month - 1])
    forms = [
        rf"{year}{sep}?{month:02d}{sep}?{day:02d}",
        rf"{year}{sep}{m}{sep}{d}",
        rf"{d}{sep}{m}{sep}(?:{year}|{short_year})",
        rf"{m}{sep}{d}{sep}(?:{year}|{short_year})",
        rf"{d}\.?\s*(?:{names})\.?,?\s*{year}",
        rf"(?:{names})\.?\s*{d}(?:st|nd|rd|th)?,?\s*{year}",
    ]
    return r"(?<![\d\w])(?:" + "|".join(forms) + r")(?![\d\w])"


def identifier_pattern(
    tokens: Iterable[str], birth_dates: Iterable[str] = ()
) -> re.Pattern[str] | None:
    """A case-insensitive pattern that finds `tokens` as whole words (None if nothing to find).

    Word boundaries are Unicode-aware: a token matches only where it is not part of a longer
    word (letters, digits or ``_`` on either side). Numeric tokens match whole numbers;
    tokens in scripts written without spaces (Chinese, Japanese, Korean) match anywhere.
    Each of `birth_dates` (YYYYMMDD) is also found in its common written forms.
    """
    ordered = sorted({t for t in tokens if t}, key=len, reverse=True)
    parts = [regex for regex in (birth_date_regex(d) for d in birth_dates) if regex]
    parts += [_token_regex(t) for t in ordered]
    if not parts:
        return None
    return re.compile("|".join(parts), re.IGNORECASE)


def name_components(name: object) -> list[str]:
    """Split a PN value into its components across all three groups (alphabetic, ideographic,
    phonetic); '^' and '=' separate them."""
    text = str(name) if name is not None else ""
    parts = re.split(r"[\^=]", text)
    return [part.strip() for part in parts if part.strip()]


def _values(value: object) -> list[object]:
    if isinstance(value, MultiValue | list | tuple):
        return list(value)
    return [value] if value not in (None, "") else []


def _element_or_none(dataset: Dataset, tag: BaseTag) -> DataElement | None:
    """The public element `tag` of `dataset`, or None for private and stray tags and for
    values pydicom cannot read (the de-identifier refuses those objects on its own)."""
    if tag.is_private or tag.group == 0xFFFE:
        return None
    try:
        return dataset[tag]
    except (NotImplementedError, ValueError, KeyError, TypeError, AttributeError, OverflowError):
        return None


def walk_datasets(dataset: Dataset, max_depth: int = _MAX_DEPTH) -> Iterator[Dataset]:
    """`dataset` and every item dataset below it, iteratively, down to `max_depth` levels;
    private sequences are not entered."""
    stack: list[tuple[Dataset, int]] = [(dataset, 0)]
    while stack:
        current, depth = stack.pop()
        yield current
        if depth >= max_depth:
            continue
        for tag in list(current.keys()):
            element = _element_or_none(current, tag)
            if element is not None and element.VR == "SQ" and element.value:
                stack.extend((item, depth + 1) for item in element.value)


def collect_identifiers(headers: Iterable[Dataset]) -> Identifiers:
    """Gather person names, IDs and birth dates from the original headers (all levels)."""
    names: set[str] = set()
    other_names: set[str] = set()
    patient_ids: set[str] = set()
    other_ids: set[str] = set()
    births: set[str] = set()
    for header in headers:
        for dataset in walk_datasets(header):
            for tag in list(dataset.keys()):
                element = _element_or_none(dataset, tag)
                if element is None:
                    continue
                if element.VR == "PN":
                    found = names if element.keyword in PATIENT_NAME_KEYWORDS else other_names
                    for item in _values(element.value):
                        found.update(name_components(item))
                elif element.keyword in PATIENT_ID_KEYWORDS:
                    patient_ids.update(str(v).strip() for v in _values(element.value))
                elif element.keyword in OTHER_ID_KEYWORDS:
                    other_ids.update(str(v).strip() for v in _values(element.value))
            birth = str(dataset.get("PatientBirthDate", "") or "").strip()
            if birth and birth.strip("0") and birth not in DUMMY_WORDS:
                births.add(birth)
    patient_ids.discard("")
    other_ids.discard("")
    return Identifiers(
        tuple(sorted(names)),
        tuple(sorted(patient_ids)),
        tuple(sorted(births)),
        tuple(sorted(other_ids - patient_ids)),
        tuple(sorted(other_names - names)),
    )
