"""The app's vocabulary in a patient's words: counts with the right plural, lexicon values,
quadrants, proposal fields and recommendations, never the internal names."""

from __future__ import annotations

from enum import StrEnum

from mammolog.domain.birads import CATEGORY_INFO, DENSITY_WORDING
from mammolog.domain.errors import DomainValidationError
from mammolog.domain.lexicon import Category, Density, Quadrant, Recommendation

QUADRANT_WORDS: dict[Quadrant, str] = {
    Quadrant.UOQ: "Upper outer quadrant (UOQ)",
    Quadrant.UIQ: "Upper inner quadrant (UIQ)",
    Quadrant.LOQ: "Lower outer quadrant (LOQ)",
    Quadrant.LIQ: "Lower inner quadrant (LIQ)",
    Quadrant.SUBAREOLAR: "Behind the nipple (subareolar)",
    Quadrant.CENTRAL: "Central",
    Quadrant.AXILLARY_TAIL: "Axillary tail (towards the armpit)",
}

RECOMMENDATION_WORDS: dict[Recommendation, str] = {
    Recommendation.ROUTINE_SCREENING: "Routine screening",
    Recommendation.SHORT_INTERVAL_FOLLOW_UP: "Follow-up in 6 months",
    Recommendation.ADDITIONAL_IMAGING: "Additional imaging",
    Recommendation.BIOPSY: "Biopsy",
    Recommendation.TREATMENT: "Treatment",
}

# Fields of a proposal read from a report, as a person would name them.
PROPOSAL_FIELD_WORDS: dict[str, str] = {
    "category": "BI-RADS category",
    "density": "Breast density",
    "recommendation": "Recommendation",
    "calcification_morphology": "Calcification shape",
    "calcification_distribution": "Calcification spread",
    "mass_shape": "Mass shape",
    "mass_margin": "Mass margin",
    "finding": "Finding",
}

SIDE_WORDS: dict[str | None, str] = {
    "R": "right breast",
    "L": "left breast",
    "B": "both breasts",
    None: "overall",
}


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 study``, ``2 studies``, ``2,000 images``: the count with the right form of the noun."""
    if count == 1:
        return f"{count} {singular}"
    if plural_form is None:
        if singular.endswith("y") and singular[-2:-1] not in ("a", "e", "o", "u"):
            plural_form = singular[:-1] + "ies"
        elif singular.endswith(("s", "x", "ch", "sh")):
            plural_form = singular + "es"
        else:
            plural_form = singular + "s"
    return f"{count:,} {plural_form}"


def words(value: StrEnum | str) -> str:
    """A lexicon value in words: "fine-pleomorphic" -> "fine pleomorphic"."""
    text = value.value if isinstance(value, StrEnum) else value
    return text.replace("-", " ").replace("_", " ")


def sentence(text: str) -> str:
    """``text`` with a capital first letter."""
    return text[:1].upper() + text[1:]


def refusal_words(error: DomainValidationError) -> str:
    """A refused value as one sentence for a person, without the internal field name."""
    text = sentence(error.reason.strip())
    return text if text.endswith(".") else text + "."


def quadrant_words(quadrant: Quadrant) -> str:
    """ "Upper outer quadrant (UOQ)"."""
    return QUADRANT_WORDS.get(quadrant, sentence(words(quadrant)))


def recommendation_words(recommendation: Recommendation | str) -> str:
    """ "Routine screening" for ``routine-screening``; unknown values in plain words."""
    try:
        return RECOMMENDATION_WORDS[Recommendation(recommendation)]
    except ValueError:
        return sentence(words(str(recommendation)))


def proposal_field_words(field: str) -> str:
    """ "Calcification shape" for ``calcification_morphology``."""
    return PROPOSAL_FIELD_WORDS.get(field, sentence(words(field)))


def side_words(side: str | None) -> str:
    """ "right breast", "left breast", "both breasts" or "overall"."""
    return SIDE_WORDS.get(side, side or "overall")


def proposal_value_words(field: str, value: str) -> str:
    """A proposed value in words: "2 (Benign)", "c (heterogeneously dense...)", "Biopsy"."""
    if field == "category":
        try:
            return f"{value} ({CATEGORY_INFO[Category(value)].name})"
        except ValueError:
            return value
    if field == "density":
        try:
            return f"{value} ({DENSITY_WORDING[Density(value)]})"
        except ValueError:
            return value
    if field == "recommendation":
        return recommendation_words(value)
    return words(value)


def proposal_accepted_words(field: str, side: str | None, value: str) -> str:
    """What accepting a proposal recorded, e.g. "Recorded BI-RADS 2 (Benign) for the right
    breast." or "Recorded the breast density c (...)."."""
    if field == "category":
        where = "overall" if side is None else f"for the {side_words(side)}"
        return f"Recorded BI-RADS {proposal_value_words(field, value)} {where}."
    if field in ("density", "recommendation"):
        noun = "breast density" if field == "density" else "recommendation"
        return f"Recorded the {noun}: {proposal_value_words(field, value)}."
    what = proposal_field_words(field).lower()
    return f"Recorded a finding in the {side_words(side)}: {what} {words(value)}."
