"""What the screens show, shaped from the services' frozen records.

Each ``load_*`` function runs inside a thread worker and makes one service call (the services
open their own short sessions); this module only turns what they return into the rows and
views the screens present. It never opens a session or touches an ORM row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from mammolog.catalog.queries import InstanceRecord, StudyRecord
from mammolog.domain.due import DueKind, NextDue
from mammolog.domain.explain_words import due_action
from mammolog.domain.plain_words import sentence
from mammolog.domain.records import Assessment
from mammolog.paths import AppPaths
from mammolog.services.persons import PersonRecord, list_persons
from mammolog.services.settings import load_settings
from mammolog.services.studies import StudyNotFound, list_study_records

if TYPE_CHECKING:
    from mammolog.services.proposals import ProposalRecord
    from mammolog.services.results import StoredFinding
    from mammolog.services.study_view import DocumentRecord

# The study services pull in report reading; they are imported inside the worker functions
# so the first screen is drawn while they load.


@dataclass(frozen=True)
class StudyRow:
    """One line of the library table."""

    pk: int
    short_id: str
    study_uid: str
    study_date: date | None
    institution: str
    description: str
    modalities: str
    images: int
    person_id: int
    right: str = ""
    left: str = ""
    density: str = ""
    has_report: bool = False
    pending_proposals: int = 0

    def search_text(self) -> str:
        """Everything a search may match, lower case."""
        parts = (
            self.short_id, self.institution, self.description, self.modalities,
            self.right, self.left, self.density,
        )  # fmt: skip
        return " ".join(parts).lower()


@dataclass(frozen=True)
class DueNotice:
    """What is due next for a person, as the badge shows it."""

    text: str
    overdue: bool
    due_date: date | None
    badge: str = ""


@dataclass(frozen=True)
class LibraryView:
    """Everything the library screen needs for one person."""

    persons: tuple[PersonRecord, ...]
    person_id: int | None
    studies: tuple[StudyRow, ...]
    due: DueNotice | None
    total_studies: int
    complete: bool = True  # False: results and due dates are still being read

    @property
    def person(self) -> PersonRecord | None:
        """The person shown, if any."""
        return next((p for p in self.persons if p.person_id == self.person_id), None)


def study_row(record: StudyRecord) -> StudyRow:
    """The library row of a catalog study record (without its result)."""
    return StudyRow(
        pk=record.pk,
        short_id=record.short_id,
        study_uid=record.study_uid,
        study_date=record.study_date,
        institution=record.institution,
        description=record.description,
        modalities=record.modalities.replace("\\", ", "),
        images=record.instances,
        person_id=record.person_id,
    )


def screening_interval(paths: AppPaths) -> int:
    """The user's screening interval in months (Settings)."""
    return load_settings(paths.settings_file).screening_interval_months


def due_notice(due: NextDue | None, *, today: date) -> DueNotice | None:
    """The badge for a next-due record (None when there is nothing to say).

    The badge says what to do ("Book your routine screening mammogram; it was due on
    31 October.", :func:`mammolog.domain.explain_words.due_action`, as the command line and
    the calendar say it); the text says why ("Next due 2027-10-31: routine screening 12
    months after ...").
    """
    if due is None or due.kind is DueKind.NO_RESULTS:
        return None
    badge = due_action(due, today=today)
    reason = due.reason
    if due.date is None:
        return DueNotice(sentence(reason), due.overdue, None, badge)
    when = due.date.isoformat()
    if due.overdue:
        return DueNotice(f"Overdue since {when}: {reason}", True, due.date, badge)
    return DueNotice(f"Next due {when}: {reason}", False, due.date, badge)


def _choose_person(persons: tuple[PersonRecord, ...], person_id: int | None) -> int | None:
    with_studies = [p for p in persons if any(i.studies for i in p.identities)]
    if person_id is None or all(p.person_id != person_id for p in persons):
        chosen = with_studies[0] if with_studies else (persons[0] if persons else None)
        person_id = chosen.person_id if chosen else None
    return person_id


def load_studies_only(engine: Engine, person_id: int | None) -> LibraryView:
    """The persons and one person's studies without results: the quick first view."""
    persons = tuple(list_persons(engine))
    person_id = _choose_person(persons, person_id)
    if person_id is None:
        return LibraryView(persons, None, (), None, 0, complete=True)
    rows = tuple(study_row(record) for record in list_study_records(engine, person_id))
    return LibraryView(persons, person_id, rows, None, len(rows), complete=False)


def load_library(
    engine: Engine, person_id: int | None, today: date, interval_months: int = 12
) -> LibraryView:
    """The persons and one person's studies with results (the first person's when None)."""
    persons = tuple(list_persons(engine))
    person_id = _choose_person(persons, person_id)
    if person_id is None:
        return LibraryView(persons, None, (), None, 0)
    from mammolog.services.overview import library_overview

    overview = library_overview(
        engine, person_id, today=today, screening_interval_months=interval_months
    )
    rows = tuple(
        replace(
            study_row(item.study),
            right=item.right or "",
            left=item.left or "",
            density=item.density or "",
            has_report=item.has_report,
            pending_proposals=item.pending_proposals,
        )
        for item in overview.studies
    )
    return LibraryView(
        persons=persons,
        person_id=person_id,
        studies=rows,
        due=due_notice(overview.next_due, today=today),
        total_studies=len(rows),
    )


@dataclass(frozen=True)
class StudyView:
    """One study as the study screen, the results form and the images screen show it."""

    study: StudyRow
    instances: tuple[InstanceRecord, ...]
    assessment: Assessment | None = None
    findings: tuple[StoredFinding, ...] = ()
    documents: tuple[DocumentRecord, ...] = ()
    proposals: tuple[ProposalRecord, ...] = ()
    proposals_decided: int = 0

    @property
    def images(self) -> tuple[InstanceRecord, ...]:
        """The image objects (anything with rows and columns)."""
        return tuple(i for i in self.instances if i.rows and i.columns)

    @property
    def other_objects(self) -> tuple[InstanceRecord, ...]:
        """Non-image objects: reports, PDFs, dose records."""
        return tuple(i for i in self.instances if not (i.rows and i.columns))


class StudyNotFoundError(StudyNotFound):
    """The study is no longer in the catalog."""


def load_study(engine: Engine, study_pk: int, paths: AppPaths | None = None) -> StudyView:
    """A study and its objects; with ``paths`` also its result, documents and proposals.

    Raises :class:`StudyNotFoundError` if the study was removed.
    """
    from mammolog.services.study_view import load_study_details, load_study_images

    try:
        if paths is None:
            images = load_study_images(engine, study_pk)
            return StudyView(study=study_row(images.study), instances=images.instances)
        details = load_study_details(engine, paths, study_pk)
    except StudyNotFound as error:
        raise StudyNotFoundError(f"study {study_pk} is no longer in the library") from error
    return StudyView(
        study=study_row(details.study),
        instances=details.instances,
        assessment=details.assessment,
        findings=details.findings,
        documents=details.documents,
        proposals=details.proposals,
        proposals_decided=details.proposals_decided,
    )


def document_text(document: DocumentRecord) -> str:
    """The text of a report document (raises the reports module's error with a reason)."""
    from mammolog.services.study_view import document_text as read

    return read(document)
