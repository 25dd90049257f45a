"""Finding a study from what a user types (a Study Instance UID or a short id), and one
study's record without reading every other study."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mammolog.catalog.db import read_session
from mammolog.catalog.models import Instance, PatientIdentity, Series, Study
from mammolog.catalog.queries import StudyRecord, assign_short_ids, list_studies


class StudyNotFound(ValueError):
    """No study matches the reference the user gave."""


def _records(session: Session, studies: list[Study]) -> list[StudyRecord]:
    """Catalog records (with instance counts, without short ids) of ``studies``."""
    pks = [s.id for s in studies if s.id is not None]
    counts = dict(
        session.exec(
            select(Series.study_pk, func.count(col(Instance.id)))
            .join(Instance, col(Instance.series_pk) == col(Series.id))
            .where(col(Series.study_pk).in_(pks))
            .group_by(col(Series.study_pk))
        ).all()
    )
    identities = {
        identity.id: identity
        for identity in session.exec(
            select(PatientIdentity).where(
                col(PatientIdentity.id).in_({s.identity_id for s in studies})
            )
        ).all()
    }
    records = []
    for study in studies:
        identity = identities[study.identity_id]
        records.append(
            StudyRecord(
                pk=study.id or 0,
                study_uid=study.study_uid,
                study_date=study.study_date,
                description=study.description,
                institution=study.institution,
                modalities=study.modalities,
                patient_name=identity.patient_name,
                person_id=identity.person_id,
                identity_id=identity.id or 0,
                instances=int(counts.get(study.id or 0, 0)),
                accession_number=study.accession_number,
            )
        )
    return records


def _same_day(session: Session, day: date | None) -> list[StudyRecord]:
    """The studies of one day with their short ids (the short id depends only on them)."""
    same = col(Study.study_date).is_(None) if day is None else col(Study.study_date) == day
    return assign_short_ids(_records(session, list(session.exec(select(Study).where(same)))))


def study_record(session: Session, study_pk: int) -> StudyRecord:
    """One study's record with its short id, reading only the studies of the same day."""
    study = session.get(Study, study_pk)
    if study is None:
        raise StudyNotFound(f"STUDY: no study with key {study_pk}")
    return next(r for r in _same_day(session, study.study_date) if r.pk == study_pk)


def _day_of(reference: str) -> date | None | str:
    """The day a short id names (``None`` for "undated"), or ``""`` when it names none."""
    head = reference.split(".", 1)[0]
    if head == "undated":
        return None
    try:
        return date.fromisoformat(head)
    except ValueError:
        return ""


def resolve_study(session: Session, reference: str) -> StudyRecord:
    """The study named by a UID, or by the short id ``mammolog studies`` shows.

    Short ids are "YYYY-MM-DD" (the only study that day) or "YYYY-MM-DD.N".
    """
    reference = reference.strip()
    if not reference:
        raise StudyNotFound("STUDY: give a study UID or the short id shown by `mammolog studies`")
    by_uid = session.exec(select(Study).where(Study.study_uid == reference)).first()
    if by_uid is not None and by_uid.id is not None:
        return study_record(session, by_uid.id)
    day = _day_of(reference)
    records = _same_day(session, day) if not isinstance(day, str) else []
    matches = [r for r in records if r.short_id == reference]
    if matches:
        return matches[0]
    same_day = [r.short_id for r in records if r.short_id.startswith(reference + ".")]
    if same_day:
        raise StudyNotFound(
            f"STUDY: several studies on {reference}; use one of {', '.join(sorted(same_day))}"
        )
    raise StudyNotFound(f"STUDY: no study {reference!r} (see `mammolog studies`)")


def list_study_records(engine: Engine, person_id: int | None = None) -> list[StudyRecord]:
    """Every study (or one person's), newest first, with the short ids other commands take."""
    with read_session(engine) as session:
        return list_studies(session, person_id=person_id)


def person_of_study(session: Session, study_pk: int) -> int:
    """The person a study belongs to."""
    study = session.get(Study, study_pk)
    if study is None:
        raise StudyNotFound(f"STUDY: no study with key {study_pk}")
    identity = session.get(PatientIdentity, study.identity_id)
    assert identity is not None
    return identity.person_id
