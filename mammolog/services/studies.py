"""Finding a study from what a user types: a Study Instance UID or a short id."""

from __future__ import annotations

from sqlmodel import Session, select

from mammolog.catalog.models import PatientIdentity, Study
from mammolog.catalog.queries import StudyRecord, list_studies


class StudyNotFound(ValueError):
    """No study matches the reference the user gave."""


def resolve_study(session: Session, reference: str) -> StudyRecord:
    """The study named by a UID, or by the short id ``mammolog studies`` shows.

    Short ids are "YYYY-MM-DD" (the only study that day) or "YYYY-MM-DD.N".
    """
    reference = reference.strip()
    if not reference:
        raise StudyNotFound("STUDY: give a study UID or the short id shown by `mammolog studies`")
    by_uid = session.exec(select(Study).where(Study.study_uid == reference)).first()
    records = list_studies(session)
    if by_uid is not None:
        return next(r for r in records if r.pk == by_uid.id)
    matches = [r for r in records if r.short_id == reference]
    if matches:
        return matches[0]
    same_day = [r.short_id for r in records if r.short_id.startswith(reference + ".")]
    if same_day:
        raise StudyNotFound(
            f"STUDY: several studies on {reference}; use one of {', '.join(sorted(same_day))}"
        )
    raise StudyNotFound(f"STUDY: no study {reference!r} (see `mammolog studies`)")


def person_of_study(session: Session, study_pk: int) -> int:
    """The person a study belongs to."""
    study = session.get(Study, study_pk)
    if study is None:
        raise StudyNotFound(f"STUDY: no study with key {study_pk}")
    identity = session.get(PatientIdentity, study.identity_id)
    assert identity is not None
    return identity.person_id
