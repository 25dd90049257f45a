"""Recording results: assessments, findings, procedures, pathology and due dates set by hand.

Input is validated by the domain (:mod:`mammolog.domain.records`); rows keep their
provenance and history (an edit supersedes, a removal marks removed, nothing is deleted).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mammolog.catalog.db import read_session, write_session
from mammolog.catalog.models import Person
from mammolog.catalog.results_models import (
    AssessmentRow,
    FindingRow,
    ManualDue,
    PathologyRow,
    ProcedureRow,
)
from mammolog.domain.errors import DomainValidationError
from mammolog.domain.records import Assessment, Finding, Pathology, Procedure
from mammolog.domain.vocabulary import parse_date
from mammolog.services.studies import person_of_study, resolve_study


@dataclass(frozen=True)
class Provenance:
    """Where a value comes from: typed by the user, or a confirmed proposal from a document."""

    source: str = "user"
    attachment_id: int | None = None
    instance_id: int | None = None
    text: str = ""


USER = Provenance()


def _now() -> datetime:
    return datetime.now(UTC)


def current_assessment_row(session: Session, study_pk: int) -> AssessmentRow | None:
    """The assessment in force for a study (not superseded)."""
    return session.exec(
        select(AssessmentRow).where(
            AssessmentRow.study_pk == study_pk, col(AssessmentRow.superseded_at).is_(None)
        )
    ).first()


def assessment_from_row(row: AssessmentRow) -> Assessment:
    """The domain record of a stored assessment."""
    return Assessment(
        right=row.right,  # type: ignore[arg-type]
        left=row.left,  # type: ignore[arg-type]
        overall=row.overall,  # type: ignore[arg-type]
        density=row.density,  # type: ignore[arg-type]
        density_entered=row.density_entered,
        recommendation=row.recommendation,  # type: ignore[arg-type]
        note=row.note,
    )


def assess(
    engine: Engine,
    study_ref: str,
    *,
    right: str | None = None,
    left: str | None = None,
    overall: str | None = None,
    density: str | None = None,
    recommendation: str | None = None,
    note: str | None = None,
    edition: int = 5,
    provenance: Provenance = USER,
) -> tuple[str, Assessment]:
    """Record (or amend) a study's assessment; values not given keep their current value.

    Returns the study UID and the assessment now in force. The previous version is kept,
    marked superseded.
    """
    with write_session(engine) as session:
        study = resolve_study(session, study_ref)
        current = current_assessment_row(session, study.pk)
        base = assessment_from_row(current) if current else None
        given = Assessment.from_input(
            right=right if right is not None else (base.right if base else None),
            left=left if left is not None else (base.left if base else None),
            overall=overall,
            density=density if density is not None else (base.density_entered if base else None),
            recommendation=(
                recommendation
                if recommendation is not None
                else (base.recommendation if base else None)
            ),
            note=note if note is not None else (base.note if base else ""),
            edition=edition,
        )
        if current is not None:
            current.superseded_at = _now()
            session.add(current)
        session.add(
            AssessmentRow(
                study_pk=study.pk,
                right=given.right,
                left=given.left,
                overall=given.overall,
                density=given.density,
                density_entered=given.density_entered,
                recommendation=given.recommendation,
                note=given.note,
                **_provenance_fields(provenance),
            )
        )
        return study.study_uid, given


def assessment_history(engine: Engine, study_ref: str) -> list[dict[str, Any]]:
    """Every version of a study's assessment, oldest first, with provenance."""
    with read_session(engine) as session:
        study = resolve_study(session, study_ref)
        rows = session.exec(
            select(AssessmentRow)
            .where(AssessmentRow.study_pk == study.pk)
            .order_by(col(AssessmentRow.id))
        ).all()
    return [
        {
            "right": r.right,
            "left": r.left,
            "overall": r.overall,
            "density": r.density,
            "density_entered": r.density_entered,
            "recommendation": r.recommendation,
            "note": r.note,
            "source": r.source,
            "source_text": r.source_text,
            "recorded_at": r.created_at.isoformat(),
            "superseded_at": r.superseded_at.isoformat() if r.superseded_at else None,
        }
        for r in rows
    ]


@dataclass(frozen=True)
class StoredFinding:
    """A finding with its catalog id and study."""

    finding_id: int
    study_uid: str
    finding: Finding
    source: str

    def as_json(self) -> dict[str, Any]:
        """JSON form for ``mammolog finding list --json``."""
        f = self.finding
        return {
            "finding_id": self.finding_id,
            "study_uid": self.study_uid,
            "type": f.type.value,
            "side": f.side.value if f.side else None,
            "morphology": f.morphology,
            "distribution": f.distribution,
            "shape": f.shape,
            "margin": f.margin,
            "mass_density": f.mass_density,
            "asymmetry": f.asymmetry,
            "features": list(f.features),
            "quadrant": f.quadrant,
            "clock": f.clock,
            "depth": f.depth,
            "distance_cm": f.distance_cm,
            "change": f.change,
            "note": f.note,
            "source": self.source,
        }


FINDING_FIELDS = (
    "side", "morphology", "distribution", "shape", "margin", "mass_density", "asymmetry",
    "quadrant", "clock", "depth", "distance_cm", "change",
)  # fmt: skip


def finding_from_row(row: FindingRow) -> Finding:
    """The domain record of a stored finding (its ref is "F<id>")."""
    values = {name: getattr(row, name) for name in FINDING_FIELDS}
    features = tuple(f for f in row.features.split(",") if f)
    return Finding(type=row.type, features=features, ref=f"F{row.id}", note=row.note, **values)  # type: ignore[arg-type]


def add_finding(
    engine: Engine,
    study_ref: str,
    *,
    provenance: Provenance = USER,
    **fields: Any,
) -> StoredFinding:
    """Validate and record a finding on a study."""
    features = tuple(fields.pop("features", ()) or ())
    finding = Finding(features=features, **fields)
    with write_session(engine) as session:
        study = resolve_study(session, study_ref)
        row = FindingRow(
            study_pk=study.pk,
            type=finding.type,
            features=",".join(finding.features),
            note=finding.note,
            **{name: getattr(finding, name) for name in FINDING_FIELDS},
            **_provenance_fields(provenance),
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        return StoredFinding(row.id, study.study_uid, finding, provenance.source)


def list_findings(engine: Engine, study_ref: str) -> list[StoredFinding]:
    """The findings recorded on a study (removed ones excluded)."""
    with read_session(engine) as session:
        study = resolve_study(session, study_ref)
        rows = session.exec(
            select(FindingRow)
            .where(FindingRow.study_pk == study.pk, col(FindingRow.removed_at).is_(None))
            .order_by(col(FindingRow.id))
        ).all()
        return [
            StoredFinding(r.id or 0, study.study_uid, finding_from_row(r), r.source) for r in rows
        ]


def remove_finding(engine: Engine, finding_id: int) -> None:
    """Mark a finding removed (it stays in the history)."""
    with write_session(engine) as session:
        row = session.get(FindingRow, finding_id)
        if row is None or row.removed_at is not None:
            raise DomainValidationError("finding", f"there is no finding {finding_id}")
        row.removed_at = _now()
        session.add(row)


def _person_for(session: Session, person_id: int | None, study_pk: int | None) -> int:
    if study_pk is not None:
        return person_of_study(session, study_pk)
    if person_id is not None:
        if session.get(Person, person_id) is None:
            raise DomainValidationError("person", f"there is no person {person_id}")
        return person_id
    persons = session.exec(select(Person.id)).all()
    if len(persons) == 1 and persons[0] is not None:
        return persons[0]
    raise DomainValidationError("person", "say which person (--person) or which study (--study)")


def add_procedure(
    engine: Engine,
    *,
    procedure_date: str | date,
    procedure_type: str,
    side: str,
    today: date,
    study_ref: str | None = None,
    person_id: int | None = None,
    finding_id: int | None = None,
    note: str = "",
    provenance: Provenance = USER,
) -> tuple[int, Procedure]:
    """Record a procedure (work-up imaging, biopsy, excision)."""
    procedure = Procedure.from_input(
        date=procedure_date, type=procedure_type, side=side, today=today, note=note,
        finding_ref=f"F{finding_id}" if finding_id else None,
    )  # fmt: skip
    with write_session(engine) as session:
        study_pk = resolve_study(session, study_ref).pk if study_ref else None
        if finding_id is not None:
            finding = session.get(FindingRow, finding_id)
            if finding is None:
                raise DomainValidationError("finding", f"there is no finding {finding_id}")
            study_pk = study_pk or finding.study_pk
        row = ProcedureRow(
            person_id=_person_for(session, person_id, study_pk),
            study_pk=study_pk,
            finding_id=finding_id,
            procedure_date=procedure.date,
            type=procedure.type,
            side=procedure.side,
            note=procedure.note,
            **_provenance_fields(provenance),
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        return row.id, procedure


def add_pathology(
    engine: Engine,
    *,
    result_date: str | date,
    outcome: str,
    side: str,
    today: date,
    procedure_id: int | None = None,
    person_id: int | None = None,
    text: str = "",
    provenance: Provenance = USER,
) -> tuple[int, Pathology]:
    """Record a pathology outcome, usually of a biopsy."""
    pathology = Pathology.from_input(
        date=result_date, outcome=outcome, side=side, today=today, text=text,
        procedure_ref=f"P{procedure_id}" if procedure_id else None,
    )  # fmt: skip
    with write_session(engine) as session:
        study_pk = None
        if procedure_id is not None:
            procedure = session.get(ProcedureRow, procedure_id)
            if procedure is None:
                raise DomainValidationError("procedure", f"there is no procedure {procedure_id}")
            person_id = procedure.person_id
            study_pk = procedure.study_pk
        row = PathologyRow(
            person_id=_person_for(session, person_id, study_pk),
            procedure_id=procedure_id,
            result_date=pathology.date,
            outcome=pathology.outcome,
            side=pathology.side,
            text=pathology.text,
            **_provenance_fields(provenance),
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        return row.id, pathology


def set_manual_due(
    engine: Engine, *, due: str | date, reason: str, person_id: int | None = None
) -> date:
    """Set the next due date by hand (replaces any earlier one, which is kept as removed)."""
    due_date = parse_date(due, field="due")
    with write_session(engine) as session:
        person = _person_for(session, person_id, None)
        for row in session.exec(
            select(ManualDue).where(
                ManualDue.person_id == person, col(ManualDue.removed_at).is_(None)
            )
        ).all():
            row.removed_at = _now()
            session.add(row)
        session.add(
            ManualDue(person_id=person, due_date=due_date, reason=reason, created_at=_now())
        )
    return due_date


def _provenance_fields(provenance: Provenance) -> dict[str, Any]:
    return {
        "source": provenance.source,
        "source_attachment_id": provenance.attachment_id,
        "source_instance_id": provenance.instance_id,
        "source_text": provenance.text,
        "created_at": _now(),
    }
