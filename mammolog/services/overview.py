"""What the library screen shows: each study with its result, the latest result per breast
(the one rule of :mod:`mammolog.domain.latest`) and what is due, in one read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from mammolog.catalog.db import read_session
from mammolog.catalog.models import Instance, Series
from mammolog.catalog.queries import StudyRecord, list_studies
from mammolog.catalog.results_models import AssessmentRow, Attachment, Proposal
from mammolog.catalog.statuses import ProposalStatus
from mammolog.domain.due import NextDue
from mammolog.domain.latest import LatestResults
from mammolog.services.timeline import choose_person, load_history, timeline_of
from mammolog.sop_classes import ENCAPSULATED_PDF, REPORT_SR_CLASSES


@dataclass(frozen=True)
class StudyOverview:
    """One row of the library: the study and its recorded result."""

    study: StudyRecord
    right: str | None
    left: str | None
    overall: str | None
    density: str | None
    has_report: bool
    pending_proposals: int


@dataclass(frozen=True)
class LibraryOverview:
    """A person's studies (newest first), her latest result per breast and what is due next."""

    person_id: int | None
    display_name: str
    studies: tuple[StudyOverview, ...]
    next_due: NextDue | None
    latest: LatestResults | None = None


def library_overview(
    engine: Engine, person_id: int | None, *, today: date, screening_interval_months: int = 12
) -> LibraryOverview:
    """Everything the library screen needs for one person (the first person when None)."""
    with read_session(engine) as session:
        from mammolog.catalog.models import Person

        persons = session.exec(select(Person).order_by(col(Person.id))).all()
        if not persons:
            return LibraryOverview(None, "", (), None)
        person = choose_person(session, person_id if person_id is not None else persons[0].id)
        assert person.id is not None
        studies = list_studies(session, person_id=person.id)
        pks = [s.pk for s in studies]
        assessments = {
            row.study_pk: row
            for row in session.exec(
                select(AssessmentRow).where(
                    col(AssessmentRow.study_pk).in_(pks), col(AssessmentRow.superseded_at).is_(None)
                )
            ).all()
        }
        with_attachment = set(
            session.exec(select(Attachment.study_pk).where(col(Attachment.study_pk).in_(pks))).all()
        )
        with_report_object = set(
            session.exec(
                select(Series.study_pk)
                .join(Instance, col(Instance.series_pk) == col(Series.id))
                .where(col(Series.study_pk).in_(pks))
                .where(col(Instance.sop_class_uid).in_(REPORT_SR_CLASSES | {ENCAPSULATED_PDF}))
            ).all()
        )
        pending: dict[int, int] = {}
        for study_pk in session.exec(
            select(Proposal.study_pk).where(
                col(Proposal.study_pk).in_(pks), Proposal.status == ProposalStatus.PENDING
            )
        ).all():
            if study_pk is not None:
                pending[study_pk] = pending.get(study_pk, 0) + 1
        history = load_history(session, person)
    timeline = timeline_of(
        history, today=today, screening_interval_months=screening_interval_months
    )
    rows = []
    for study in studies:
        row = assessments.get(study.pk)
        rows.append(
            StudyOverview(
                study=study,
                right=row.right if row else None,
                left=row.left if row else None,
                overall=row.overall if row else None,
                density=row.density if row else None,
                has_report=study.pk in with_attachment or study.pk in with_report_object,
                pending_proposals=pending.get(study.pk, 0),
            )
        )
    return LibraryOverview(
        person.id, person.display_name, tuple(rows), timeline.next_due, timeline.latest
    )
