"""Frozen records of a person's results: assessments, findings, procedures, pathology, exams.

Each record checks itself when built and raises :class:`DomainValidationError` with a plain
reason. Text is accepted wherever a vocabulary value is expected (it goes through the
parsers in :mod:`mammolog.domain.vocabulary`), so ``Finding(type="calcs", side="left")``
works. ``from_input`` class methods take user text and an injectable ``today`` and refuse
dates in the future.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from mammolog.domain.birads import overall as overall_of
from mammolog.domain.errors import DomainValidationError
from mammolog.domain.finding import Finding, coerce_field, require_optional_text
from mammolog.domain.lexicon import (
    Category,
    Density,
    PathologyOutcome,
    ProcedureType,
    Recommendation,
    Side,
)
from mammolog.domain.vocabulary import (
    ensure_not_future,
    parse_category,
    parse_date,
    parse_density,
    parse_pathology_outcome,
    parse_procedure_type,
    parse_recommendation,
    parse_side,
)

__all__ = ["Assessment", "Exam", "Finding", "Pathology", "Procedure", "check_not_future"]


@dataclass(frozen=True, slots=True)
class Assessment:
    """The radiologist's result of one exam.

    ``overall`` is the more concerning side (see :func:`mammolog.domain.birads.overall`)
    unless the report states it. ``density`` is the 5th-edition letter and
    ``density_entered`` the text as entered (e.g. "3" from a 4th-edition report).
    """

    right: Category | None = None
    left: Category | None = None
    overall: Category | None = None
    density: Density | None = None
    density_entered: str | None = None
    recommendation: Recommendation | None = None
    note: str = ""

    def __post_init__(self) -> None:
        for name in ("right", "left", "overall"):
            coerce_field(self, name, parse_category)
        coerce_field(self, "recommendation", parse_recommendation)
        require_optional_text(self, "density_entered")
        require_optional_text(self, "note")
        entered = self.density_entered
        if self.density is not None:
            if entered is None:
                entered = str(self.density).strip()
            coerce_field(self, "density", parse_density)
            if parse_density(entered, field="density_entered") is not self.density:
                raise DomainValidationError(
                    "density_entered", f"{entered!r} does not match density {self.density}"
                )
        elif entered is not None:
            object.__setattr__(self, "density", parse_density(entered))
        object.__setattr__(self, "density_entered", entered)
        if self.right is None and self.left is None and self.overall is None:
            raise DomainValidationError(
                "category", "an assessment needs a category for the right, left or overall"
            )
        if self.overall is None:
            object.__setattr__(self, "overall", overall_of(self.right, self.left))

    def side(self, side: Side) -> Category | None:
        """The category of one breast (R or L)."""
        return self.right if side is Side.RIGHT else self.left if side is Side.LEFT else None

    @classmethod
    def from_input(
        cls,
        *,
        right: str | None = None,
        left: str | None = None,
        overall: str | None = None,
        density: str | None = None,
        recommendation: str | None = None,
        note: str = "",
        edition: int = 5,
    ) -> Assessment:
        """Build from user text; ``edition=4`` reads old wording ("moderate suspicion" = 4C)."""

        def cat(value: str | None, name: str) -> Category | None:
            return None if value is None else parse_category(value, edition=edition, field=name)

        return cls(
            right=cat(right, "right"),
            left=cat(left, "left"),
            overall=cat(overall, "overall"),
            density_entered=None if density is None else density.strip(),
            recommendation=None if recommendation is None else parse_recommendation(recommendation),
            note=note,
        )


@dataclass(frozen=True, slots=True)
class Procedure:
    """A procedure done on a date: work-up imaging, a biopsy or a surgical excision.

    ``finding_ref`` may point at the finding it was for (:attr:`Finding.ref`); ``ref``
    identifies the procedure so pathology can point back at it.
    """

    date: dt.date
    type: ProcedureType
    side: Side
    finding_ref: str | None = None
    ref: str | None = None
    note: str = ""

    def __post_init__(self) -> None:
        for name, parser in (
            ("date", parse_date),
            ("type", parse_procedure_type),
            ("side", parse_side),
        ):
            if getattr(self, name) is None:
                raise DomainValidationError(name, f"a procedure needs a {name}")
            coerce_field(self, name, parser)
        for name in ("finding_ref", "ref", "note"):
            require_optional_text(self, name)

    @property
    def is_biopsy(self) -> bool:
        """True for any tissue sampling (needle biopsies and surgical excision)."""
        return self.type in BIOPSY_TYPES

    @classmethod
    def from_input(
        cls,
        *,
        date: str | dt.date,
        type: str,
        side: str,
        today: dt.date,
        finding_ref: str | None = None,
        ref: str | None = None,
        note: str = "",
    ) -> Procedure:
        """Build from user text, refusing a date after ``today``."""
        when = ensure_not_future(parse_date(date), today=today)
        return cls(when, parse_procedure_type(type), parse_side(side), finding_ref, ref, note)


BIOPSY_TYPES: frozenset[ProcedureType] = frozenset(
    {
        ProcedureType.STEREOTACTIC_BIOPSY,
        ProcedureType.ULTRASOUND_BIOPSY,
        ProcedureType.TOMOSYNTHESIS_BIOPSY,
        ProcedureType.MRI_BIOPSY,
        ProcedureType.SURGICAL_EXCISION,
    }
)


@dataclass(frozen=True, slots=True)
class Pathology:
    """A pathology result; ``procedure_ref`` may point at the biopsy (:attr:`Procedure.ref`)."""

    date: dt.date
    outcome: PathologyOutcome
    side: Side
    procedure_ref: str | None = None
    text: str = ""

    def __post_init__(self) -> None:
        for name, parser in (
            ("date", parse_date),
            ("outcome", parse_pathology_outcome),
            ("side", parse_side),
        ):
            if getattr(self, name) is None:
                raise DomainValidationError(name, f"a pathology result needs a {name}")
            coerce_field(self, name, parser)
        require_optional_text(self, "procedure_ref")
        require_optional_text(self, "text")

    @classmethod
    def from_input(
        cls,
        *,
        date: str | dt.date,
        outcome: str,
        side: str,
        today: dt.date,
        procedure_ref: str | None = None,
        text: str = "",
    ) -> Pathology:
        """Build from user text, refusing a date after ``today``."""
        when = ensure_not_future(parse_date(date), today=today)
        return cls(when, parse_pathology_outcome(outcome), parse_side(side), procedure_ref, text)


@dataclass(frozen=True, slots=True)
class Exam:
    """One imaging exam (a DICOM study, or a report entered by hand) and what it showed.

    ``assessment`` is ``None`` for an exam without a recorded result (a biopsy study, an exam
    whose report is still to be entered). Procedures and pathology dated on the exam's day
    may ride along. ``study_time`` (when the study records one) orders exams of one day.
    """

    study_date: dt.date
    study_uid: str | None = None
    assessment: Assessment | None = None
    findings: tuple[Finding, ...] = field(default=())
    procedures: tuple[Procedure, ...] = field(default=())
    pathology: tuple[Pathology, ...] = field(default=())
    description: str = ""
    study_time: dt.time | None = None

    def __post_init__(self) -> None:
        if self.study_date is None:
            raise DomainValidationError("study_date", "an exam needs a date")
        coerce_field(self, "study_date", parse_date)
        if self.study_time is not None and not isinstance(self.study_time, dt.time):
            raise DomainValidationError("study_time", "expected a time of day")
        require_optional_text(self, "study_uid")
        require_optional_text(self, "description")
        if self.assessment is not None and not isinstance(self.assessment, Assessment):
            raise DomainValidationError("assessment", "expected an Assessment")
        for name, kind in (
            ("findings", Finding),
            ("procedures", Procedure),
            ("pathology", Pathology),
        ):
            items = tuple(getattr(self, name))
            for item in items:
                if not isinstance(item, kind):
                    raise DomainValidationError(name, f"expected {kind.__name__} records")
            object.__setattr__(self, name, items)


def check_not_future(records: Iterable[Exam | Procedure | Pathology], *, today: dt.date) -> None:
    """Raise :class:`DomainValidationError` if any record is dated after ``today``."""
    for record in records:
        if isinstance(record, Exam):
            ensure_not_future(record.study_date, today=today, field="study_date")
            check_not_future((*record.procedures, *record.pathology), today=today)
        else:
            ensure_not_future(record.date, today=today, field="date")
