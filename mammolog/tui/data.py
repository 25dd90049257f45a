"""What the screens show, read from the services as frozen records.

Every function here runs inside a thread worker: it opens its own short session, calls the
services and returns immutable records, so no ORM row ever reaches a widget.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from mammolog.catalog.db import read_session
from mammolog.catalog.queries import InstanceRecord, StudyRecord, list_studies, study_instances
from mammolog.catalog.results_models import Attachment
from mammolog.domain.due import DueKind, NextDue
from mammolog.domain.findings import describe_finding
from mammolog.domain.lexicon import Side
from mammolog.domain.records import Assessment
from mammolog.domain.timeline import ChangeKind, TimelineChange, TimelineEntry
from mammolog.paths import AppPaths
from mammolog.services.overview import library_overview
from mammolog.services.persons import PersonRecord, list_persons
from mammolog.services.proposals import ProposalRecord, list_proposals, report_documents
from mammolog.services.results import (
    StoredFinding,
    assessment_from_row,
    current_assessment_row,
    list_findings,
)
from mammolog.services.settings import load_settings
from mammolog.services.timeline import person_timeline


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


@dataclass(frozen=True)
class LibraryView:
    """Everything the library screen needs for one person."""

    persons: tuple[PersonRecord, ...]
    person_id: int | None
    studies: tuple[StudyRow, ...]
    due: DueNotice | None
    total_studies: int

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
    if due.date is None:
        return DueNotice(due.reason[:1].upper() + due.reason[1:], due.overdue, None)
    when = due.date.isoformat()
    prefix = "Overdue since" if due.overdue else "Next due"
    return DueNotice(f"{prefix} {when}: {due.reason}", due.overdue, due.date)


def load_library(
    engine: Engine, person_id: int | None, today: date, interval_months: int = 12
) -> LibraryView:
    """The persons and one person's studies with results (the first person's when None)."""
    persons = tuple(list_persons(engine))
    with_studies = [p for p in persons if any(i.studies for i in p.identities)]
    if person_id is None or all(p.person_id != person_id for p in persons):
        chosen = with_studies[0] if with_studies else (persons[0] if persons else None)
        person_id = chosen.person_id if chosen else None
    if person_id is None:
        return LibraryView(persons, None, (), None, 0)
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
class TimelineItem:
    """One exam on the timeline, ready to show."""

    study_date: date
    title: str
    right: str = ""
    left: str = ""
    density: str = ""
    findings: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    months_since_previous: float | None = None
    is_exam: bool = True


@dataclass(frozen=True)
class TimelineView:
    """A person's exams, newest first, and what is due next."""

    person_id: int | None
    person_name: str
    items: tuple[TimelineItem, ...]
    due: DueNotice | None
    has_results: bool


def change_badge(change: TimelineChange) -> str:
    """ "R 2 -> 4B", "density b -> c", "new grouped calcifications L UOQ"."""
    side = change.side.value if change.side and change.side is not Side.BOTH else ""
    if change.kind in (ChangeKind.CATEGORY_UP, ChangeKind.CATEGORY_DOWN):
        return f"{side} {change.before} → {change.after}".strip()
    if change.kind is ChangeKind.DENSITY_CHANGE:
        return f"density {change.before} → {change.after}"
    detail = change.detail.replace(" -> ", " → ")
    if change.kind is ChangeKind.FINDING_CHANGED and side:
        return f"{side} {detail}"
    return detail


def _event_lines(entry: TimelineEntry) -> tuple[str, ...]:
    lines = [
        f"{p.date.isoformat()} {p.type.value.replace('-', ' ')} {p.side.value}"
        + (f": {p.note}" if p.note else "")
        for p in entry.procedures
    ]
    lines += [
        f"{p.date.isoformat()} pathology {p.side.value}: {p.outcome.value.replace('-', ' ')}"
        for p in entry.pathology
    ]
    return tuple(lines)


def _timeline_item(entry: TimelineEntry) -> TimelineItem:
    findings = tuple(
        describe_finding(finding) for finding in (*entry.right.findings, *entry.left.findings)
    )
    return TimelineItem(
        study_date=entry.date,
        title=entry.description or ("Exam" if entry.is_exam else "Procedure"),
        right=entry.right.category.value if entry.right.category else "",
        left=entry.left.category.value if entry.left.category else "",
        density=entry.density.value if entry.density else "",
        findings=tuple(dict.fromkeys(findings)),
        changes=tuple(change_badge(c) for c in entry.changes),
        events=_event_lines(entry),
        months_since_previous=entry.interval_months,
        is_exam=entry.is_exam,
    )


def load_timeline(
    engine: Engine, person_id: int | None, today: date, interval_months: int = 12
) -> TimelineView:
    """A person's timeline, newest first (the first person with studies when None)."""
    library = load_library(engine, person_id, today, interval_months)
    if library.person_id is None:
        return TimelineView(None, "", (), None, False)
    timeline = person_timeline(
        engine, library.person_id, today=today, screening_interval_months=interval_months
    )
    items = tuple(_timeline_item(entry) for entry in reversed(timeline.entries))
    return TimelineView(
        person_id=library.person_id,
        person_name=timeline.display_name,
        items=items,
        due=due_notice(timeline.next_due),
        has_results=any(item.right or item.left for item in items),
    )


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
