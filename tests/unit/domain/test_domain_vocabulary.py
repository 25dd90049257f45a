"""Parsing user text and old wording onto the 5th-edition vocabulary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum

import pytest

from mammolog.domain import finding_vocabulary as fv
from mammolog.domain import vocabulary as v
from mammolog.domain.errors import DomainValidationError
from mammolog.domain.lexicon import (
    AssociatedFeature,
    AsymmetryKind,
    CalcificationDistribution,
    CalcificationMorphology,
    Category,
    Change,
    Density,
    Depth,
    FindingType,
    MassDensity,
    MassMargin,
    MassShape,
    PathologyOutcome,
    ProcedureType,
    Quadrant,
    Recommendation,
    Side,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", "0"), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("4a", "4A"),
        ("4 B", "4B"), ("4-c", "4C"), ("5", "5"), ("6", "6"), ("BI-RADS 4C", "4C"),
        ("birads_4b", "4B"), ("Category 5", "5"), ("bi-rads: 3", "3"), (" BIRADS 0 ", "0"),
        ("3 - Probably Benign", "3"), ("2 a benign finding", "2"), ("4 benign?", "4"), ("Negative", "1"), ("BENIGN", "2"),
        ("probably_benign", "3"), ("Incomplete", "0"), ("needs additional imaging", "0"),
        ("Suspicious", "4"), ("suspicious abnormality", "4"), ("low suspicion", "4A"),
        ("moderate suspicion", "4B"), ("Intermediate suspicion", "4B"),
        ("high suspicion", "4C"), ("Highly suggestive of malignancy", "5"),
        ("known biopsy-proven malignancy", "6"),
    ],
)  # fmt: skip
def test_categories_from_numbers_and_words(text: str, expected: str) -> None:
    assert v.parse_category(text) is Category(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("moderate suspicion", "4C"),
        ("Moderate concern", "4C"),
        ("intermediate suspicion", "4B"),
        ("low suspicion", "4A"),
        ("4B moderate suspicion", "4B"),  # a number wins over the words
    ],
)
def test_old_edition_reads_moderate_suspicion_as_4c(text: str, expected: str) -> None:
    assert v.parse_category(text, edition=4) is Category(expected)


def test_fifth_edition_number_wins_over_old_words() -> None:
    assert v.parse_category("4C moderate suspicion") is Category.C4C


def test_invalid_category_names_field_and_allowed_values() -> None:
    with pytest.raises(DomainValidationError) as info:
        v.parse_category("7")
    assert str(info.value) == (
        "category: '7' is not a BI-RADS category (allowed: 0, 1, 2, 3, 4, 4A, 4B, 4C, 5, 6)"
    )
    assert isinstance(info.value, ValueError)
    assert info.value.field == "category"


@pytest.mark.parametrize("text", ["3A", "4D", "", "  ", "maybe", "44", "-1", "BI-RADS"])
def test_category_rejects_nonsense(text: str) -> None:
    with pytest.raises(DomainValidationError, match="is not a BI-RADS category"):
        v.parse_category(text)


def test_category_rejects_non_text_and_unknown_edition() -> None:
    with pytest.raises(DomainValidationError, match="expected text"):
        v.parse_category(7)
    with pytest.raises(DomainValidationError, match="edition"):
        v.parse_category("4", edition=3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a", "a"), ("B", "b"), ("ACR C", "c"), ("type d", "d"), ("density: b", "b"),
        ("1", "a"), ("2", "b"), ("3", "c"), ("4", "d"), ("ACR 3", "c"),
        ("almost entirely fatty", "a"), ("Fatty", "a"),
        ("scattered areas of fibroglandular density", "b"),
        ("scattered fibroglandular densities", "b"),
        ("Heterogeneously dense, which may obscure small masses", "c"),
        ("extremely_dense", "d"),
    ],
)  # fmt: skip
def test_density_letters_old_numbers_and_words(text: str, expected: str) -> None:
    assert v.parse_density(text) is Density(expected)


@pytest.mark.parametrize("text", ["e", "5", "0", "", "dense", "ab", "-1"])
def test_density_rejects_other_values(text: str) -> None:
    with pytest.raises(DomainValidationError) as info:
        v.parse_density(text)
    assert "(allowed: a, b, c, d, 1, 2, 3, 4)" in str(info.value)
    assert str(info.value).startswith("density: ")


def test_density_e_message() -> None:
    with pytest.raises(DomainValidationError, match=r"^density: 'e' is not a breast density"):
        v.parse_density("e")


PARSERS: list[tuple[Callable[..., StrEnum], type[StrEnum]]] = [
    (v.parse_side, Side),
    (fv.parse_finding_type, FindingType),
    (fv.parse_morphology, CalcificationMorphology),
    (fv.parse_distribution, CalcificationDistribution),
    (fv.parse_shape, MassShape),
    (fv.parse_margin, MassMargin),
    (fv.parse_mass_density, MassDensity),
    (fv.parse_asymmetry, AsymmetryKind),
    (fv.parse_feature, AssociatedFeature),
    (fv.parse_quadrant, Quadrant),
    (fv.parse_depth, Depth),
    (fv.parse_change, Change),
    (v.parse_procedure_type, ProcedureType),
    (v.parse_pathology_outcome, PathologyOutcome),
    (v.parse_recommendation, Recommendation),
]


@pytest.mark.parametrize(("parser", "enum"), PARSERS, ids=lambda p: getattr(p, "__name__", ""))
def test_every_vocabulary_value_round_trips_in_any_spelling(
    parser: Callable[..., StrEnum], enum: type[StrEnum]
) -> None:
    for member in enum:
        assert parser(member.value) is member
        assert parser(member) is member
        assert parser(member.value.upper().replace("-", "_")) is member
        assert parser(f"  {member.value.replace('-', ' ')} ") is member


@pytest.mark.parametrize(("parser", "enum"), PARSERS, ids=lambda p: getattr(p, "__name__", ""))
def test_every_parser_refuses_unknown_words_listing_allowed_values(
    parser: Callable[..., StrEnum], enum: type[StrEnum]
) -> None:
    with pytest.raises(DomainValidationError) as info:
        parser("zebra")
    assert "'zebra' is not" in str(info.value)
    assert info.value.allowed == tuple(m.value for m in enum)


@pytest.mark.parametrize(
    ("parser", "text", "expected"),
    [
        (fv.parse_distribution, "clustered", CalcificationDistribution.GROUPED),
        (fv.parse_distribution, "Clustered", CalcificationDistribution.GROUPED),
        (fv.parse_morphology, "eggshell", CalcificationMorphology.RIM),
        (fv.parse_morphology, "egg-shell", CalcificationMorphology.RIM),
        (fv.parse_morphology, "lucent-centered", CalcificationMorphology.RIM),
        (fv.parse_morphology, "Lucent_Centered", CalcificationMorphology.RIM),
        (fv.parse_morphology, "punctate", CalcificationMorphology.ROUND),
        (fv.parse_morphology, "popcorn-like", CalcificationMorphology.COARSE),
        (fv.parse_morphology, "fine-linear-branching", CalcificationMorphology.FINE_LINEAR),
        (fv.parse_morphology, "fine linear or fine-linear branching", CalcificationMorphology.FINE_LINEAR),
        (fv.parse_morphology, "amorphous or indistinct", CalcificationMorphology.AMORPHOUS),
        (fv.parse_morphology, "coarse heterogeneous", CalcificationMorphology.COARSE_HETEROGENEOUS),
        (fv.parse_change, "no significant change", Change.STABLE),
        (fv.parse_change, "No_Significant_Change", Change.STABLE),
        (fv.parse_change, "unchanged", Change.STABLE),
        (fv.parse_change, "increased in size", Change.INCREASED),
        (fv.parse_change, "increase in number", Change.INCREASED_NUMBER),
        (fv.parse_change, "decreased in number", Change.DECREASED_NUMBER),
        (fv.parse_change, "no longer seen", Change.RESOLVED),
        (fv.parse_shape, "lobular", MassShape.OVAL),
        (fv.parse_margin, "ill-defined", MassMargin.INDISTINCT),
        (fv.parse_margin, "well circumscribed", MassMargin.CIRCUMSCRIBED),
        (fv.parse_mass_density, "isodense", MassDensity.EQUAL),
        (fv.parse_mass_density, "fat containing", MassDensity.FAT_CONTAINING),
        (fv.parse_asymmetry, "focal asymmetric density", AsymmetryKind.FOCAL),
        (fv.parse_finding_type, "Calcifications", FindingType.CALCIFICATION),
        (fv.parse_finding_type, "masses", FindingType.MASS),
        (fv.parse_finding_type, "distortion", FindingType.ARCHITECTURAL_DISTORTION),
        (v.parse_side, "right", Side.RIGHT),
        (v.parse_side, "Left", Side.LEFT),
        (v.parse_side, "bilateral", Side.BOTH),
        (fv.parse_quadrant, "upper outer quadrant", Quadrant.UOQ),
        (fv.parse_quadrant, "retroareolar", Quadrant.SUBAREOLAR),
        (fv.parse_quadrant, "axillary_tail", Quadrant.AXILLARY_TAIL),
        (fv.parse_depth, "posterior third", Depth.POSTERIOR),
        (fv.parse_feature, "axillary lymphadenopathy", AssociatedFeature.AXILLARY_ADENOPATHY),
        (v.parse_procedure_type, "mag views", ProcedureType.MAGNIFICATION_VIEWS),
        (v.parse_procedure_type, "Stereotactic core needle biopsy", ProcedureType.STEREOTACTIC_BIOPSY),
        (v.parse_procedure_type, "excisional biopsy", ProcedureType.SURGICAL_EXCISION),
        (v.parse_pathology_outcome, "atypia", PathologyOutcome.HIGH_RISK),
        (v.parse_pathology_outcome, "ductal carcinoma in situ", PathologyOutcome.DCIS),
        (v.parse_pathology_outcome, "IDC", PathologyOutcome.INVASIVE),
        (v.parse_recommendation, "6-month follow-up", Recommendation.SHORT_INTERVAL_FOLLOW_UP),
        (v.parse_recommendation, "recall", Recommendation.ADDITIONAL_IMAGING),
    ],
)  # fmt: skip
def test_old_and_alternative_wording(
    parser: Callable[..., StrEnum], text: str, expected: StrEnum
) -> None:
    assert parser(text) is expected


@pytest.mark.parametrize(
    ("value", "hour"), [("2", 2), ("2 o'clock", 2), ("12:00", 12), (11, 11), ("10 oclock", 10)]
)
def test_clock_positions(value: object, hour: int) -> None:
    assert fv.parse_clock(value) == hour


@pytest.mark.parametrize("value", ["0", "13", 0, 13, "two", "", True])
def test_clock_rejects_positions_off_the_face(value: object) -> None:
    with pytest.raises(DomainValidationError, match="^clock: "):
        fv.parse_clock(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("20240229", dt.date(2024, 2, 29)),
        (dt.date(2020, 1, 2), dt.date(2020, 1, 2)),
        (dt.datetime(2020, 1, 2, 23, 59), dt.date(2020, 1, 2)),
    ],
)
def test_dates(value: object, expected: dt.date) -> None:
    assert v.parse_date(value) == expected


@pytest.mark.parametrize("value", ["2023-02-29", "yesterday", "2024/02/01", "2024-2-1", "", 2024])
def test_bad_dates_are_refused(value: object) -> None:
    with pytest.raises(DomainValidationError, match="^date: "):
        v.parse_date(value)


def test_future_dates_are_refused_against_an_injected_today() -> None:
    today = dt.date(2025, 6, 1)
    assert v.ensure_not_future(today, today=today) == today
    with pytest.raises(DomainValidationError, match="2025-06-02 is in the future"):
        v.ensure_not_future(dt.date(2025, 6, 2), today=today)
