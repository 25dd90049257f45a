"""Recording results: assessments and findings (procedures, pathology and due dates set by
hand are in :mod:`mammolog.services.workup`; a whole results form in
:mod:`mammolog.services.result_entry`).

Input is validated by the domain (:mod:`mammolog.domain.records`); rows keep their
provenance and history (an edit supersedes, a removal marks removed, nothing is deleted).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mammolog.catalog.db import read_session, write_session
from mammolog.catalog.results_models import AssessmentRow, FindingRow
from mammolog.catalog.statuses import ResultSource
from mammolog.domain.errors import DomainValidationError
from mammolog.domain.lexicon import AssociatedFeature
from mammolog.domain.records import Assessment, Finding
from mammolog.services.studies import resolve_study


@dataclass(frozen=True)
class Provenance:
    """Where a value comes from: typed by the user, or a confirmed proposal from a document."""

    source: ResultSource = ResultSource.USER
    attachment_id: int | None = None
    instance_id: int | None = None
    text: str = ""


USER = Provenance()


def now() -> datetime:
    """The time stamped on result rows (UTC)."""
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
        right=row.right,
        left=row.left,
        overall=row.overall,
        density=row.density,
        density_entered=row.density_entered,
        recommendation=row.recommendation,
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
    values = AssessmentInput(right, left, overall, density, recommendation, note, edition)
    with write_session(engine) as session:
        study = resolve_study(session, study_ref)
        return study.study_uid, assess_in_session(session, study.pk, values, provenance)


@dataclass(frozen=True)
class AssessmentInput:
    """Assessment values as a person typed them; ``None`` keeps what was recorded before."""

    right: str | None = None
    left: str | None = None
    overall: str | None = None
    density: str | None = None
    recommendation: str | None = None
    note: str | None = None
    edition: int = 5


def assess_in_session(
    session: Session, study_pk: int, values: AssessmentInput, provenance: Provenance
) -> Assessment:
    """Record an assessment inside the caller's transaction (see :func:`assess`)."""
    current = current_assessment_row(session, study_pk)
    base = assessment_from_row(current) if current else None

    def kept(given: str | None, before: object) -> str | None:
        return given if given is not None else (str(before) if before is not None else None)

    given = Assessment.from_input(
        right=kept(values.right, base.right if base else None),
        left=kept(values.left, base.left if base else None),
        overall=values.overall,
        density=kept(values.density, base.density_entered if base else None),
        recommendation=kept(values.recommendation, base.recommendation if base else None),
        note=values.note if values.note is not None else (base.note if base else ""),
        edition=values.edition,
    )
    if current is not None:
        current.superseded_at = now()
        session.add(current)
    session.add(
        AssessmentRow(
            study_pk=study_pk,
            right=given.right,
            left=given.left,
            overall=given.overall,
            density=given.density,
            density_entered=given.density_entered,
            recommendation=given.recommendation,
            note=given.note,
            **provenance_fields(provenance),
        )
    )
    return given


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
    features = tuple(AssociatedFeature(f) for f in row.features.split(",") if f)
    return Finding(type=row.type, features=features, ref=f"F{row.id}", note=row.note, **values)


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
        finding_id = add_finding_in_session(session, study.pk, finding, provenance)
        return StoredFinding(finding_id, study.study_uid, finding, provenance.source)


def add_finding_in_session(
    session: Session, study_pk: int, finding: Finding, provenance: Provenance
) -> int:
    """Record a validated finding inside the caller's transaction; returns its id."""
    row = FindingRow(
        study_pk=study_pk,
        type=finding.type,
        features=",".join(finding.features),
        note=finding.note,
        **{name: getattr(finding, name) for name in FINDING_FIELDS},
        **provenance_fields(provenance),
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


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
        remove_finding_in_session(session, finding_id, study_pk=None)


def remove_finding_in_session(
    session: Session, finding_id: int, *, study_pk: int | None
) -> FindingRow:
    """Mark a finding removed inside the caller's transaction (of ``study_pk`` when given)."""
    row = session.get(FindingRow, finding_id)
    if row is None or row.removed_at is not None:
        raise DomainValidationError("finding", f"there is no finding {finding_id}")
    if study_pk is not None and row.study_pk != study_pk:
        raise DomainValidationError("finding", f"finding {finding_id} belongs to another study")
    row.removed_at = now()
    session.add(row)
    return row


def provenance_fields(provenance: Provenance) -> dict[str, Any]:
    """The provenance columns every result row carries."""
    return {
        "source": provenance.source,
        "source_attachment_id": provenance.attachment_id,
        "source_instance_id": provenance.instance_id,
        "source_text": provenance.text,
        "created_at": now(),
    }
