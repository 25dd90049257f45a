"""Validation of findings, assessments, procedures, pathology and exams."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import FrozenInstanceError, replace

import pytest

from mammolog.domain.errors import DomainValidationError
from mammolog.domain.lexicon import (
    AssociatedFeature,
    CalcificationDistribution,
    CalcificationMorphology,
    Category,
    Density,
    FindingType,
    PathologyOutcome,
    ProcedureType,
    Quadrant,
    Recommendation,
    Side,
)
from mammolog.domain.records import (
    Assessment,
    Exam,
    Finding,
    Pathology,
    Procedure,
    check_not_future,
)

TODAY = dt.date(2025, 6, 1)


def test_finding_reads_text_and_old_wording() -> None:
    finding = Finding.from_input(
        type="Calcifications",
        side="left",
        morphology="punctate",
        distribution="clustered",
        quadrant="upper outer",
        clock="2 o'clock",
        depth="middle third",
        distance_cm=4,
        change="no significant change",
        features=["skin thickening", "Skin_Thickening", "calcifications"],
    )
    assert finding.type is FindingType.CALCIFICATION
    assert finding.side is Side.LEFT
    assert finding.morphology is CalcificationMorphology.ROUND
    assert finding.distribution is CalcificationDistribution.GROUPED
    assert finding.quadrant is Quadrant.UOQ
    assert finding.clock == 2
    assert finding.distance_cm == 4.0 and isinstance(finding.distance_cm, float)
    assert finding.features == (
        AssociatedFeature.CALCIFICATIONS,
        AssociatedFeature.SKIN_THICKENING,
    )


def test_finding_is_frozen_and_hashable() -> None:
    finding = Finding.from_input(type="mass", side="R", shape="oval")
    with pytest.raises(FrozenInstanceError):
        finding.side = Side.LEFT  # type: ignore[misc]
    assert len({finding, Finding.from_input(type="mass", side="R", shape="oval")}) == 1


def test_constructor_also_reads_text() -> None:
    text: dict[str, object] = {"type": "calcs", "side": "right", "distribution": "clustered"}
    finding = Finding(**text)  # type: ignore[arg-type]
    assert finding == Finding(
        FindingType.CALCIFICATION, Side.RIGHT, distribution=CalcificationDistribution.GROUPED
    )


def test_type_only_finding_needs_no_side() -> None:
    assert Finding(FindingType.ASYMMETRY).side is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"type": "mass", "side": "R", "morphology": "amorphous"}, "^morphology: only calcification"),
        ({"type": "asymmetry", "side": "R", "distribution": "grouped"}, "^distribution: only calc"),
        ({"type": "calcification", "side": "R", "shape": "oval"}, "^shape: only mass"),
        ({"type": "calcification", "side": "R", "margin": "spiculated"}, "^margin: only mass"),
        ({"type": "asymmetry", "side": "R", "mass_density": "high"}, "^mass_density: only mass"),
        ({"type": "mass", "side": "R", "asymmetry": "focal"}, "^asymmetry: only asymmetry"),
        ({"type": "calcification", "distribution": "grouped"}, "^side: a finding with a distribution needs a side"),
        ({"type": "mass", "clock": 3}, "^side: a finding with a clock position needs a side"),
        ({"type": "mass", "change": "new"}, "^side: a finding with a change needs a side"),
        ({"type": "mass", "features": ["skin retraction"]}, "^side: a finding with associated features"),
        ({"type": "mass", "distance_cm": 2}, "^side: a finding with a distance from the nipple"),
        ({"type": "mass", "side": "R", "clock": 13}, "^clock: 13 is not between 1 and 12"),
        ({"type": "mass", "side": "R", "quadrant": "UOQ", "clock": 2}, "^clock: 2 o'clock is not in the UOQ of the right"),
        ({"type": "mass", "side": "L", "quadrant": "UOQ", "clock": 10}, "^clock: 10 o'clock is not in the UOQ of the left"),
        ({"type": "mass", "side": "R", "distance_cm": -0.5}, "^distance_cm: -0.5 cm must be 0 or more"),
        ({"type": "mass", "side": "R", "distance_cm": math.nan}, "^distance_cm: nan"),
        ({"type": "mass", "side": "R", "distance_cm": "far"}, "^distance_cm: 'far' is not a number"),
        ({"type": "mass", "side": "R", "features": "skin-retraction"}, "^features: expected a list"),
        ({"type": "lump"}, "^type: 'lump' is not a finding type"),
        ({"type": None}, "^type: a finding needs a type"),
        ({"type": "mass", "side": "X"}, "^side: 'X' is not a side .allowed: R, L, B."),
    ],
)  # fmt: skip
def test_invalid_findings_are_refused_with_a_clear_reason(
    kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(DomainValidationError, match=message):
        Finding(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("side", "quadrant", "clock"),
    [("R", "UOQ", 10), ("R", "UOQ", 12), ("L", "UOQ", 2), ("L", "LIQ", 7), ("R", "LIQ", 4),
     ("R", "subareolar", 6), ("B", "UOQ", 2), ("B", "UOQ", 10)],
)  # fmt: skip
def test_consistent_quadrant_and_clock_are_accepted(side: str, quadrant: str, clock: int) -> None:
    assert Finding(type="mass", side=side, quadrant=quadrant, clock=clock).clock == clock  # type: ignore[arg-type]


def test_assessment_overall_is_the_worst_side_unless_given() -> None:
    assert Assessment(right=Category.C2, left=Category.C0).overall is Category.C0
    assert Assessment(right=Category.C3, left=Category.C0).overall is Category.C3
    assert Assessment(left=Category.C4B).overall is Category.C4B
    stated = Assessment(right=Category.C1, left=Category.C2, overall=Category.C0)
    assert stated.overall is Category.C0
    assert Assessment(overall=Category.C1).right is None


def test_assessment_keeps_density_as_entered_and_normalised() -> None:
    old = Assessment(right="1", left="1", density_entered="3")  # type: ignore[arg-type]
    assert (old.density, old.density_entered) == (Density.C, "3")
    letter = Assessment(right=Category.C1, density=Density.B)
    assert (letter.density, letter.density_entered) == (Density.B, "b")
    text = Assessment(right=Category.C1, density="4")  # type: ignore[arg-type]
    assert (text.density, text.density_entered) == (Density.D, "4")
    with pytest.raises(DomainValidationError, match="^density_entered: '3' does not match"):
        Assessment(right=Category.C1, density=Density.A, density_entered="3")


def test_assessment_from_input_parses_everything() -> None:
    result = Assessment.from_input(
        right="Negative", left="BI-RADS 4b", density=" 2 ", recommendation="biopsy", note="x"
    )
    assert (result.right, result.left, result.overall) == (Category.C1, Category.C4B, Category.C4B)
    assert (result.density, result.density_entered) == (Density.B, "2")
    assert result.recommendation is Recommendation.BIOPSY
    old = Assessment.from_input(left="moderate suspicion", edition=4)
    assert old.left is Category.C4C


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "^category: an assessment needs a category"),
        ({"right": "7"}, r"^right: '7' is not a BI-RADS category \(allowed: 0, 1, 2"),
        ({"left": "1", "density": "e"}, "^density: 'e' is not a breast density"),
        ({"left": "1", "recommendation": "pray"}, "^recommendation: 'pray' is not"),
        ({"left": "1", "note": 3}, "^note: expected text"),
    ],
)
def test_invalid_assessments(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(DomainValidationError, match=message):
        Assessment(**kwargs)  # type: ignore[arg-type]


def test_procedure_and_pathology_from_input() -> None:
    proc = Procedure.from_input(
        date="2025-05-02", type="stereotactic", side="left", today=TODAY, ref="bx1"
    )
    assert (proc.date, proc.type, proc.side) == (
        dt.date(2025, 5, 2),
        ProcedureType.STEREOTACTIC_BIOPSY,
        Side.LEFT,
    )
    assert proc.is_biopsy
    assert not Procedure(TODAY, ProcedureType.MAGNIFICATION_VIEWS, Side.LEFT).is_biopsy
    path = Pathology.from_input(
        date="20250509", outcome="atypia", side="L", today=TODAY, procedure_ref="bx1"
    )
    assert (path.outcome, path.procedure_ref) == (PathologyOutcome.HIGH_RISK, "bx1")


def test_future_dates_are_refused() -> None:
    with pytest.raises(DomainValidationError, match="^date: 2025-06-02 is in the future"):
        Procedure.from_input(date="2025-06-02", type="mri", side="R", today=TODAY)
    with pytest.raises(DomainValidationError, match="in the future"):
        Pathology.from_input(date="2030-01-01", outcome="benign", side="R", today=TODAY)
    exam = Exam(study_date=dt.date(2025, 7, 1), assessment=Assessment(overall=Category.C1))
    with pytest.raises(DomainValidationError, match="^study_date: 2025-07-01 is in the future"):
        check_not_future([exam], today=TODAY)
    late = Procedure(dt.date(2026, 1, 1), ProcedureType.MRI, Side.RIGHT)
    with pytest.raises(DomainValidationError, match="^date: 2026-01-01"):
        check_not_future([replace(exam, study_date=TODAY, procedures=(late,))], today=TODAY)
    check_not_future([replace(exam, study_date=TODAY)], today=TODAY)


@pytest.mark.parametrize(
    ("kind", "kwargs", "message"),
    [
        (Procedure, {"date": None, "type": "mri", "side": "R"}, "^date: a procedure needs a date"),
        (Procedure, {"date": "2020-01-01", "type": "massage", "side": "R"}, "^type: 'massage'"),
        (Procedure, {"date": "2020-01-01", "type": "mri", "side": None}, "^side: a procedure needs"),
        (Pathology, {"date": "2020-01-01", "outcome": "fine", "side": "R"}, "^outcome: 'fine'"),
        (Pathology, {"date": "01/02/2020", "outcome": "benign", "side": "R"}, "^date: '01/02/2020'"),
    ],
)  # fmt: skip
def test_invalid_procedures_and_pathology(
    kind: type, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(DomainValidationError, match=message):
        kind(**kwargs)


def test_exam_normalises_collections_and_checks_types() -> None:
    exam = Exam(study_date="2020-01-02", findings=[Finding(type="mass")])  # type: ignore[arg-type]
    assert exam.study_date == dt.date(2020, 1, 2)
    assert isinstance(exam.findings, tuple)
    with pytest.raises(DomainValidationError, match="^findings: expected Finding records"):
        Exam(study_date=TODAY, findings=("mass",))  # type: ignore[arg-type]
    with pytest.raises(DomainValidationError, match="^assessment: expected an Assessment"):
        Exam(study_date=TODAY, assessment="1")  # type: ignore[arg-type]
    with pytest.raises(DomainValidationError, match="^study_date: an exam needs a date"):
        Exam(study_date=None)  # type: ignore[arg-type]
