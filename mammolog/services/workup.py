"""Work-up and follow-up: procedures (imaging, biopsies, excision), pathology outcomes and
due dates set by hand. Rows keep their provenance; nothing is deleted."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mammolog.catalog.db import write_session
from mammolog.catalog.models import Person
from mammolog.catalog.results_models import FindingRow, ManualDue, PathologyRow, ProcedureRow
from mammolog.domain.errors import DomainValidationError
from mammolog.domain.records import Pathology, Procedure
from mammolog.domain.vocabulary import parse_date
from mammolog.services.results import USER, Provenance, now, provenance_fields
from mammolog.services.studies import person_of_study, resolve_study


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
        row_id = add_procedure_in_session(
            session, procedure, study_pk=study_pk, person_id=person_id,
            finding_id=finding_id, provenance=provenance,
        )  # fmt: skip
        return row_id, procedure


def add_procedure_in_session(
    session: Session,
    procedure: Procedure,
    *,
    study_pk: int | None,
    person_id: int | None = None,
    finding_id: int | None = None,
    provenance: Provenance = USER,
) -> int:
    """Record a validated procedure inside the caller's transaction; returns its id."""
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
        **provenance_fields(provenance),
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


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
        row_id = add_pathology_in_session(
            session, pathology, procedure_id=procedure_id, person_id=person_id,
            provenance=provenance,
        )  # fmt: skip
        return row_id, pathology


def add_pathology_in_session(
    session: Session,
    pathology: Pathology,
    *,
    procedure_id: int | None = None,
    person_id: int | None = None,
    provenance: Provenance = USER,
) -> int:
    """Record a validated pathology outcome inside the caller's transaction; returns its id."""
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
        **provenance_fields(provenance),
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


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
            row.removed_at = now()
            session.add(row)
        session.add(ManualDue(person_id=person, due_date=due_date, reason=reason, created_at=now()))
    return due_date
