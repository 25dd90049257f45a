"""What the screens show, read from the services as frozen records.

Every function here runs inside a thread worker: it opens its own short session, calls the
services and returns immutable records, so no ORM row ever reaches a widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine

from mammolog.catalog.db import read_session
from mammolog.catalog.queries import InstanceRecord, StudyRecord, list_studies, study_instances
from mammolog.services.persons import PersonRecord, list_persons


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


def load_library(engine: Engine, person_id: int | None, today: date) -> LibraryView:
    """The persons and one person's studies (the first person's when ``person_id`` is None)."""
    persons = tuple(list_persons(engine))
    with_studies = [p for p in persons if any(i.studies for i in p.identities)]
    if person_id is None or all(p.person_id != person_id for p in persons):
        chosen = with_studies[0] if with_studies else (persons[0] if persons else None)
        person_id = chosen.person_id if chosen else None
    with read_session(engine) as session:
        records = list_studies(session, person_id=person_id) if person_id is not None else []
    rows = tuple(_row(record) for record in records)
    return LibraryView(
        persons=persons,
        person_id=person_id,
        studies=rows,
        due=None,
        total_studies=len(rows),
    )


@dataclass(frozen=True)
class StudyView:
    """One study with its stored objects."""

    study: StudyRow
    instances: tuple[InstanceRecord, ...]

    @property
    def images(self) -> tuple[InstanceRecord, ...]:
        """The image objects (anything with rows and columns)."""
        return tuple(i for i in self.instances if i.rows and i.columns)

    @property
    def documents(self) -> tuple[InstanceRecord, ...]:
        """Non-image objects: reports, PDFs, dose records."""
        return tuple(i for i in self.instances if not (i.rows and i.columns))


class StudyNotFoundError(LookupError):
    """The study is no longer in the catalog."""


def load_study(engine: Engine, study_pk: int) -> StudyView:
    """A study and its objects; raises :class:`StudyNotFoundError` if it was removed."""
    with read_session(engine) as session:
        records = [r for r in list_studies(session) if r.pk == study_pk]
        if not records:
            raise StudyNotFoundError(f"study {study_pk} is no longer in the library")
        instances = tuple(study_instances(session, study_pk))
    return StudyView(study=_row(records[0]), instances=instances)


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


@dataclass(frozen=True)
class TimelineView:
    """A person's exams, newest first, and what is due next."""

    person_id: int | None
    person_name: str
    items: tuple[TimelineItem, ...]
    due: DueNotice | None
    has_results: bool


def months_between(earlier: date, later: date) -> float:
    """Months between two days (30.44-day months), for interval labels."""
    return (later - earlier).days / 30.44


def load_timeline(engine: Engine, person_id: int | None, today: date) -> TimelineView:
    """A person's exams over time (the first person's when ``person_id`` is None)."""
    library = load_library(engine, person_id, today)
    dated = sorted(
        (row for row in library.studies if row.study_date is not None),
        key=lambda row: (row.study_date or date.min, row.study_uid),
    )
    items: list[TimelineItem] = []
    previous: date | None = None
    for row in dated:
        assert row.study_date is not None
        title = " · ".join(p for p in (row.description, row.institution) if p)
        items.append(
            TimelineItem(
                study_date=row.study_date,
                title=title or "Exam",
                right=row.right,
                left=row.left,
                density=row.density,
                months_since_previous=(
                    months_between(previous, row.study_date) if previous else None
                ),
            )
        )
        previous = row.study_date
    person = library.person
    return TimelineView(
        person_id=library.person_id,
        person_name=person.display_name if person else "",
        items=tuple(reversed(items)),
        due=library.due,
        has_results=any(item.right or item.left for item in items),
    )
