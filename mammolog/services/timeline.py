"""A person's timeline and what is due next, from the catalog through the pure domain rules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mammolog.catalog.db import read_session
from mammolog.catalog.models import PatientIdentity, Person, Study
from mammolog.catalog.results_models import (
    AssessmentRow,
    FindingRow,
    ManualDue,
    PathologyRow,
    ProcedureRow,
)
from mammolog.domain.due import NextDue, next_due
from mammolog.domain.errors import DomainValidationError
from mammolog.domain.latest import LatestResults, latest_results
from mammolog.domain.records import Exam, Finding, Pathology, Procedure
from mammolog.domain.serialise import timeline_to_dict
from mammolog.domain.timeline import TimelineEntry, build_timeline
from mammolog.services.results import assessment_from_row, finding_from_row


@dataclass(frozen=True)
class PersonHistory:
    """Everything the domain needs about one person."""

    person_id: int
    display_name: str
    exams: tuple[Exam, ...]
    procedures: tuple[Procedure, ...]
    pathology: tuple[Pathology, ...]
    manual_due: date | None
    manual_due_reason: str


@dataclass(frozen=True)
class PersonTimeline:
    """A person's timeline entries, latest result per breast and next due."""

    person_id: int
    display_name: str
    entries: tuple[TimelineEntry, ...]
    next_due: NextDue
    latest: LatestResults

    def as_json(self) -> dict[str, object]:
        """The public JSON contract of ``mammolog timeline --json``."""
        data = timeline_to_dict(self.entries, person=self.display_name, next_due=self.next_due)
        data["person_id"] = self.person_id
        return data


def time_of_day(stored: str) -> time | None:
    """A study time as stored (DICOM ``HHMMSS.FFFFFF``, ``HHMM``, ``HH``, or ``HH:MM:SS``).

    ``None`` when it is empty or not a valid time: an unknown time never orders a day.
    """
    digits = stored.strip().replace(":", "")
    whole, _dot, fraction = digits.partition(".")
    if not whole.isdigit() or len(whole) not in (2, 4, 6) or (fraction and not fraction.isdigit()):
        return None
    hour, minute, second = (int(whole[i : i + 2] or 0) for i in (0, 2, 4))
    micro = int((fraction + "000000")[:6]) if fraction else 0
    try:
        return time(hour, minute, second, micro)
    except ValueError:
        return None


def choose_person(session: Session, person_id: int | None) -> Person:
    """The person asked for, or the only one; a clear error otherwise."""
    if person_id is not None:
        person = session.get(Person, person_id)
        if person is None:
            raise DomainValidationError("person", f"there is no person {person_id}")
        return person
    persons = session.exec(select(Person).order_by(col(Person.id))).all()
    if not persons:
        raise DomainValidationError("person", "no persons yet: import a disc first")
    if len(persons) > 1:
        ids = ", ".join(str(p.id) for p in persons)
        raise DomainValidationError("person", f"several persons; choose one with --person ({ids})")
    return persons[0]


def load_history(session: Session, person: Person) -> PersonHistory:
    """Studies with their current assessment and findings, procedures, pathology, due date."""
    assert person.id is not None
    studies = session.exec(
        select(Study)
        .join(PatientIdentity, col(PatientIdentity.id) == col(Study.identity_id))
        .where(PatientIdentity.person_id == person.id)
    ).all()
    study_pks = [s.id for s in studies]
    assessments = {
        row.study_pk: row
        for row in session.exec(
            select(AssessmentRow).where(
                col(AssessmentRow.study_pk).in_(study_pks),
                col(AssessmentRow.superseded_at).is_(None),
            )
        ).all()
    }
    findings: dict[int, list[Finding]] = defaultdict(list)
    for row in session.exec(
        select(FindingRow)
        .where(col(FindingRow.study_pk).in_(study_pks), col(FindingRow.removed_at).is_(None))
        .order_by(col(FindingRow.id))
    ).all():
        findings[row.study_pk].append(finding_from_row(row))
    exams = tuple(
        Exam(
            study_date=study.study_date,
            study_uid=study.study_uid,
            assessment=assessment_from_row(assessments[study.id])
            if study.id in assessments
            else None,
            findings=tuple(findings.get(study.id or 0, ())),
            description=study.description,
            study_time=time_of_day(study.study_time),
        )
        for study in studies
        if study.study_date is not None
    )
    procedures = tuple(
        Procedure(
            date=row.procedure_date,
            type=row.type,
            side=row.side,
            finding_ref=f"F{row.finding_id}" if row.finding_id else None,
            ref=f"P{row.id}",
            note=row.note,
        )  # fmt: skip
        for row in session.exec(
            select(ProcedureRow).where(
                ProcedureRow.person_id == person.id, col(ProcedureRow.removed_at).is_(None)
            )
        ).all()
    )
    pathology = tuple(
        Pathology(
            date=row.result_date,
            outcome=row.outcome,
            side=row.side,
            procedure_ref=f"P{row.procedure_id}" if row.procedure_id else None,
            text=row.text,
        )  # fmt: skip
        for row in session.exec(
            select(PathologyRow).where(
                PathologyRow.person_id == person.id, col(PathologyRow.removed_at).is_(None)
            )
        ).all()
    )
    manual = session.exec(
        select(ManualDue).where(
            ManualDue.person_id == person.id, col(ManualDue.removed_at).is_(None)
        )
    ).first()
    return PersonHistory(
        person_id=person.id,
        display_name=person.display_name,
        exams=exams,
        procedures=procedures,
        pathology=pathology,
        manual_due=manual.due_date if manual else None,
        manual_due_reason=manual.reason if manual else "",
    )


def person_timeline(
    engine: Engine, person_id: int | None, *, today: date, screening_interval_months: int = 12
) -> PersonTimeline:
    """The timeline and next due of one person (the only one when ``person_id`` is None)."""
    with read_session(engine) as session:
        history = load_history(session, choose_person(session, person_id))
    return timeline_of(history, today=today, screening_interval_months=screening_interval_months)


def timeline_of(
    history: PersonHistory, *, today: date, screening_interval_months: int = 12
) -> PersonTimeline:
    """Run the domain rules over a loaded history (timeline, latest result, next due)."""
    entries = build_timeline(history.exams, history.procedures, history.pathology)
    due = next_due(
        history.exams,
        history.procedures,
        history.pathology,
        today=today,
        screening_interval_months=screening_interval_months,
        manual_due=history.manual_due,
    )
    return PersonTimeline(
        history.person_id, history.display_name, entries, due, latest_results(history.exams)
    )
