"""What the screens show, read from the services as frozen records.

Every function here runs inside a thread worker: it opens its own short session, calls the
services and returns immutable records, so no ORM row ever reaches a widget.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from mammolog.catalog.db import read_session
from mammolog.catalog.queries import InstanceRecord, StudyRecord, list_studies, study_instances
from mammolog.catalog.results_models import Attachment
from mammolog.domain.due import DueKind, NextDue
from mammolog.domain.records import Assessment
from mammolog.paths import AppPaths
from mammolog.services.persons import PersonRecord, list_persons
from mammolog.services.settings import load_settings

if TYPE_CHECKING:
    from mammolog.services.proposals import ProposalRecord
    from mammolog.services.results import StoredFinding

# The services below pull in report reading (pydicom, numpy); they are imported inside the
# worker functions so the first screen is drawn while they load.


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


def _row(record: StudyRecord) -> StudyRow:
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


def due_notice(due: NextDue | None) -> DueNotice | None:
    """The badge for a next-due record (None when there is nothing to say)."""
    if due is None or due.kind is DueKind.NO_RESULTS:
        return None
    what = due.kind.value.replace("-", " ").capitalize()
    if due.date is None:
        reason = due.reason[:1].upper() + due.reason[1:]
        return DueNotice(reason, due.overdue, None, f"{what} due")
    when = due.date.isoformat()
    prefix = "Overdue since" if due.overdue else "Next due"
    badge = f"{what} overdue since {when}" if due.overdue else f"{what} due {when}"
    return DueNotice(f"{prefix} {when}: {due.reason}", due.overdue, due.date, badge)


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
    with read_session(engine) as session:
        rows = tuple(_row(record) for record in list_studies(session, person_id=person_id))
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
            _row(item.study),
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
        due=due_notice(overview.next_due),
        total_studies=len(rows),
    )


@dataclass(frozen=True)
class DocumentRow:
    """A report or document of a study that can be read or opened."""

    key: str
    name: str
    kind: str  # "sr", "encapsulated-pdf", "attachment"
    path: str
    media_type: str = ""


@dataclass(frozen=True)
class StudyView:
    """One study with its stored objects, recorded result, documents and proposals."""

    study: StudyRow
    instances: tuple[InstanceRecord, ...]
    assessment: Assessment | None = None
    findings: tuple[StoredFinding, ...] = ()
    documents: tuple[DocumentRow, ...] = ()
    proposals: tuple[ProposalRecord, ...] = ()

    @property
    def images(self) -> tuple[InstanceRecord, ...]:
        """The image objects (anything with rows and columns)."""
        return tuple(i for i in self.instances if i.rows and i.columns)

    @property
    def other_objects(self) -> tuple[InstanceRecord, ...]:
        """Non-image objects: reports, PDFs, dose records."""
        return tuple(i for i in self.instances if not (i.rows and i.columns))


class StudyNotFoundError(LookupError):
    """The study is no longer in the catalog."""


def _documents(session: Session, paths: AppPaths, study_pk: int) -> tuple[DocumentRow, ...]:
    from mammolog.services.proposals import report_documents

    rows: list[DocumentRow] = []
    for index, doc in enumerate(report_documents(session, paths, study_pk)):
        name = doc.name
        if doc.kind == "sr":
            name = "Structured report"
        elif doc.kind == "encapsulated-pdf":
            name = "PDF report (in DICOM)"
        rows.append(DocumentRow(f"doc{index}", name, doc.kind, str(doc.path)))
    for attachment in session.exec(select(Attachment).where(Attachment.study_pk == study_pk)):
        path = str(paths.library_dir / attachment.library_path)
        if all(row.path != path for row in rows):
            rows.append(
                DocumentRow(
                    f"att{attachment.id}",
                    attachment.filename,
                    "attachment",
                    path,
                    attachment.media_type,
                )  # fmt: skip
            )
        else:
            rows = [
                replace(r, media_type=attachment.media_type) if r.path == path else r for r in rows
            ]
    return tuple(rows)


def load_study(engine: Engine, study_pk: int, paths: AppPaths | None = None) -> StudyView:
    """A study and its objects; with ``paths`` also its result, documents and proposals.

    Raises :class:`StudyNotFoundError` if the study was removed.
    """
    from mammolog.services.proposals import list_proposals
    from mammolog.services.results import (
        assessment_from_row,
        current_assessment_row,
        list_findings,
    )

    with read_session(engine) as session:
        records = [r for r in list_studies(session) if r.pk == study_pk]
        if not records:
            raise StudyNotFoundError(f"study {study_pk} is no longer in the library")
        instances = tuple(study_instances(session, study_pk))
        if paths is None:
            return StudyView(study=_row(records[0]), instances=instances)
        current = current_assessment_row(session, study_pk)
        assessment = assessment_from_row(current) if current else None
        documents = _documents(session, paths, study_pk)
    uid = records[0].study_uid
    findings = tuple(list_findings(engine, uid))
    proposals = tuple(list_proposals(engine, uid))
    return StudyView(
        study=_row(records[0]),
        instances=instances,
        assessment=assessment,
        findings=findings,
        documents=documents,
        proposals=proposals,
    )


def document_text(document: DocumentRow) -> str:
    """The text of a report document (raises the reports module's error with a reason)."""
    from mammolog.services.proposals import ReportDocument, read_document

    kind = document.kind
    return read_document(ReportDocument(0, Path(document.path), document.name, kind)).text


@dataclass(frozen=True)
class LightBox:
    """A study's images and the person's prior study (the latest one before it with images)."""

    current: StudyView
    prior: StudyView | None
    library_dir: str


def load_light_box(engine: Engine, study_pk: int, library_dir: str) -> LightBox:
    """The study and its prior, for the hanging protocol and compare mode."""
    current = load_study(engine, study_pk)
    prior: StudyView | None = None
    with read_session(engine) as session:
        earlier = [
            r
            for r in list_studies(session, person_id=current.study.person_id)
            if r.pk != study_pk
            and r.study_date is not None
            and current.study.study_date is not None
            and r.study_date < current.study.study_date
        ]
        for record in earlier:  # newest first
            instances = tuple(study_instances(session, record.pk))
            if any(i.rows and i.columns for i in instances):
                prior = StudyView(study=_row(record), instances=instances)
                break
    return LightBox(current=current, prior=prior, library_dir=library_dir)
