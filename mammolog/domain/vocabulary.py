"""Turn what a user types (or a report says) into the 5th-edition vocabulary of an exam.

This module reads the words of the assessment and its work-up: the BI-RADS category, breast
density, the side, procedures, pathology outcomes and recommendations. The words that
describe one finding (its type, descriptors, location and change) are read by
:mod:`mammolog.domain.finding_vocabulary`.

Every parser is tolerant of case, spaces, underscores, hyphens and punctuation
("Fine_Pleomorphic", "fine-pleomorphic", "FINE PLEOMORPHIC" are the same) and maps older
wording onto the 5th edition: 4th-edition density 1-4 -> a-d, "intermediate suspicion" -> 4B,
"mag views" -> magnification views, atypia -> high-risk.

"Moderate suspicion" is the 5th-edition name of 4B, but older (4th edition, US) reports used it
for 4C. The words alone are therefore read as 4B, and as 4C only when the caller says the
report follows the older edition (``parse_category(text, edition=4)``). A number in the text
always wins over words ("4C moderate suspicion" is 4C in any edition).

Bad input raises :class:`DomainValidationError` naming the field and the allowed values.
"""

from __future__ import annotations

import re

from mammolog.domain.errors import DomainValidationError
from mammolog.domain.lexicon import (
    Category,
    Density,
    PathologyOutcome,
    ProcedureType,
    Recommendation,
    Side,
)
from mammolog.domain.text import (
    ensure_not_future,
    lookup,
    normalise,
    parse_date,
    require_text,
)

# --- categories ----------------------------------------------------------------------------

_CATEGORY_WORDS: dict[str, Category] = {
    "incomplete": Category.C0,
    "incomplete needs additional imaging": Category.C0,
    "incomplete needs additional imaging and or prior mammograms": Category.C0,
    "needs additional imaging": Category.C0,
    "needs additional imaging evaluation": Category.C0,
    "need additional imaging evaluation and or prior mammograms for comparison": Category.C0,
    "negative": Category.C1,
    "benign": Category.C2,
    "benign finding": Category.C2,
    "probably benign": Category.C3,
    "probably benign finding": Category.C3,
    "suspicious": Category.C4,
    "suspicious abnormality": Category.C4,
    "low suspicion": Category.C4A,
    "low suspicion for malignancy": Category.C4A,
    "moderate suspicion": Category.C4B,
    "moderate suspicion for malignancy": Category.C4B,
    "intermediate suspicion": Category.C4B,
    "intermediate suspicion for malignancy": Category.C4B,
    "high suspicion": Category.C4C,
    "high suspicion for malignancy": Category.C4C,
    "highly suggestive of malignancy": Category.C5,
    "known biopsy proven malignancy": Category.C6,
    "known cancer": Category.C6,
}
# Older (4th edition, US) wording where it differs from the 5th edition.
_OLD_CATEGORY_WORDS: dict[str, Category] = {
    "moderate suspicion": Category.C4C,
    "moderate suspicion for malignancy": Category.C4C,
    "moderate concern": Category.C4C,
    "moderate concern but not classic for malignancy": Category.C4C,
}
_CATEGORY_PREFIX = re.compile(r"^(?:(?:bi ?rads|acr|assessment|category|cat|kategorie)\s*)+")
_CATEGORY_NUMBER = re.compile(r"^(\d+)\s?([a-z])?(?:\s+(.*))?$")
CATEGORY_ALLOWED: tuple[str, ...] = tuple(c.value for c in Category)


def parse_category(value: object, *, edition: int = 5, field: str = "category") -> Category:
    """Read a BI-RADS category from a number ("4b", "BI-RADS 4B") or words ("Probably Benign").

    ``edition=4`` reads "moderate suspicion" the old (US, 4th edition) way, as 4C.
    """
    if edition not in (4, 5):
        raise DomainValidationError("edition", f"{edition!r} is not a BI-RADS edition", ["4", "5"])
    text = require_text(field, value)
    key = _CATEGORY_PREFIX.sub("", normalise(text)).strip()
    if text.strip()[:1] in ("-", "+"):
        key = "?"  # a signed number is never a category
    match = _CATEGORY_NUMBER.match(key)
    if match:
        number, letter, words = match.groups()
        code = number + (letter or "").upper()
        if code in CATEGORY_ALLOWED:
            return Category(code)
        if letter and words and number in CATEGORY_ALLOWED:
            return Category(number)  # "2 a benign finding"
        raise DomainValidationError(
            field, f"{text.strip()!r} is not a BI-RADS category", CATEGORY_ALLOWED
        )
    if edition == 4 and key in _OLD_CATEGORY_WORDS:
        return _OLD_CATEGORY_WORDS[key]
    if key in _CATEGORY_WORDS:
        return _CATEGORY_WORDS[key]
    raise DomainValidationError(
        field, f"{text.strip()!r} is not a BI-RADS category", CATEGORY_ALLOWED
    )


# --- density -------------------------------------------------------------------------------

_DENSITY_PHRASES: tuple[tuple[str, Density], ...] = (
    ("almost entirely fat", Density.A),
    ("predominantly fat", Density.A),
    ("fatty", Density.A),
    ("scattered", Density.B),
    ("heterogeneously dense", Density.C),
    ("heterogeneous", Density.C),
    ("extremely dense", Density.D),
)
_DENSITY_PREFIX = re.compile(r"^(?:(?:acr|type|density|composition|breast|category|bi ?rads)\s*)+")
_OLD_DENSITY = {"1": Density.A, "2": Density.B, "3": Density.C, "4": Density.D}
DENSITY_ALLOWED: tuple[str, ...] = ("a", "b", "c", "d", "1", "2", "3", "4")


def parse_density(value: object, *, field: str = "density") -> Density:
    """Read breast composition: 5th-edition letter a-d, 4th-edition number 1-4, or the words."""
    text = require_text(field, value)
    key = _DENSITY_PREFIX.sub("", normalise(text)).strip()
    if text.strip()[:1] in ("-", "+"):
        key = "?"  # a signed number is never a density
    if key in ("a", "b", "c", "d"):
        return Density(key)
    if key in _OLD_DENSITY:
        return _OLD_DENSITY[key]
    for phrase, density in _DENSITY_PHRASES:
        if key.startswith(phrase):
            return density
    raise DomainValidationError(field, f"{text.strip()!r} is not a breast density", DENSITY_ALLOWED)


# --- side and work-up ---------------------------------------------------------------------


def parse_side(value: object, *, field: str = "side") -> Side:
    """Read a side: R / L / B, right / left / both / bilateral."""
    aliases = {
        "right": Side.RIGHT,
        "rt": Side.RIGHT,
        "left": Side.LEFT,
        "lt": Side.LEFT,
        "both": Side.BOTH,
        "bilateral": Side.BOTH,
        "bil": Side.BOTH,
    }
    return lookup(field, value, Side, "a side", aliases)


def parse_procedure_type(value: object, *, field: str = "procedure") -> ProcedureType:
    """Read a procedure type (mag views, stereotactic core needle biopsy, excision, ...)."""
    p = ProcedureType
    aliases = {
        "diagnostic": p.DIAGNOSTIC_MAMMOGRAM,
        "diagnostic mammography": p.DIAGNOSTIC_MAMMOGRAM,
        "magnification": p.MAGNIFICATION_VIEWS,
        "mag views": p.MAGNIFICATION_VIEWS,
        "magnification view": p.MAGNIFICATION_VIEWS,
        "us": p.ULTRASOUND,
        "breast ultrasound": p.ULTRASOUND,
        "breast mri": p.MRI,
        "stereotactic": p.STEREOTACTIC_BIOPSY,
        "stereotactic core needle biopsy": p.STEREOTACTIC_BIOPSY,
        "stereotactic core biopsy": p.STEREOTACTIC_BIOPSY,
        "us biopsy": p.ULTRASOUND_BIOPSY,
        "ultrasound guided biopsy": p.ULTRASOUND_BIOPSY,
        "ultrasound guided core biopsy": p.ULTRASOUND_BIOPSY,
        "tomosynthesis guided biopsy": p.TOMOSYNTHESIS_BIOPSY,
        "mri guided biopsy": p.MRI_BIOPSY,
        "excision": p.SURGICAL_EXCISION,
        "excisional biopsy": p.SURGICAL_EXCISION,
        "surgical biopsy": p.SURGICAL_EXCISION,
    }
    return lookup(field, value, p, "a procedure type", aliases)


def parse_pathology_outcome(value: object, *, field: str = "outcome") -> PathologyOutcome:
    """Read a pathology outcome (benign, high-risk / atypia, DCIS, invasive)."""
    p = PathologyOutcome
    aliases = {
        "high risk lesion": p.HIGH_RISK,
        "atypia": p.HIGH_RISK,
        "atypical": p.HIGH_RISK,
        "adh": p.HIGH_RISK,
        "ductal carcinoma in situ": p.DCIS,
        "invasive cancer": p.INVASIVE,
        "invasive carcinoma": p.INVASIVE,
        "idc": p.INVASIVE,
        "ilc": p.INVASIVE,
    }
    return lookup(field, value, p, "a pathology outcome", aliases)


def parse_recommendation(value: object, *, field: str = "recommendation") -> Recommendation:
    """Read a recommendation (routine screening, 6-month follow-up, biopsy, ...)."""
    r = Recommendation
    aliases = {
        "routine": r.ROUTINE_SCREENING,
        "screening": r.ROUTINE_SCREENING,
        "short interval follow up": r.SHORT_INTERVAL_FOLLOW_UP,
        "6 month follow up": r.SHORT_INTERVAL_FOLLOW_UP,
        "six month follow up": r.SHORT_INTERVAL_FOLLOW_UP,
        "follow up": r.SHORT_INTERVAL_FOLLOW_UP,
        "recall": r.ADDITIONAL_IMAGING,
        "tissue diagnosis": r.BIOPSY,
    }
    return lookup(field, value, r, "a recommendation", aliases)


__all__ = [
    "CATEGORY_ALLOWED",
    "DENSITY_ALLOWED",
    "ensure_not_future",
    "normalise",
    "parse_category",
    "parse_date",
    "parse_density",
    "parse_pathology_outcome",
    "parse_procedure_type",
    "parse_recommendation",
    "parse_side",
]
