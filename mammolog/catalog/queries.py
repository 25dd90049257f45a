"""Read queries over the catalog, returning frozen records (never live ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from mammolog.catalog.models import Instance, PatientIdentity, Series, Study
from mammolog.catalog.results_models import Attachment


@dataclass(frozen=True)
class StudyRecord:
    """A study as listed by ``mammolog studies``."""

    pk: int
    study_uid: str
    study_date: date | None
    description: str
    institution: str
    modalities: str
    patient_name: str
    person_id: int
    identity_id: int
    instances: int
    accession_number: str
    short_id: str = ""

    def as_json(self) -> dict[str, object]:
        """The public JSON form (fields are a contract)."""
        return {
            "study_uid": self.study_uid,
            "date": self.study_date.isoformat() if self.study_date else None,
            "description": self.description,
            "institution": self.institution,
            "modalities": self.modalities.split("\\") if self.modalities else [],
            "patient_name": self.patient_name,
            "person_id": self.person_id,
            "instances": self.instances,
            "short_id": self.short_id,
            "accession_number": self.accession_number,
        }


@dataclass(frozen=True)
class InstanceRecord:
    """A stored object of a study."""

    pk: int
    sop_instance_uid: str
    sop_class_uid: str
    modality: str
    series_uid: str
    series_number: int | None
    series_description: str
    instance_number: int | None
    laterality: str
    view: str
    view_modifiers: str
    view_label: str
    presentation_intent: str
    transfer_syntax: str
    frames: int
    rows: int | None
    columns: int | None
    size: int
    sha256: str
    library_path: str
    conflict: bool


def list_studies(session: Session, *, person_id: int | None = None) -> list[StudyRecord]:
    """Studies newest first, with their short ids ("YYYY-MM-DD" or "YYYY-MM-DD.N")."""
    counts = (
        select(Series.study_pk, func.count(col(Instance.id)).label("n"))
        .join(Instance, col(Instance.series_pk) == col(Series.id))
        .group_by(col(Series.study_pk))
        .subquery()
    )
    query = (
        select(Study, PatientIdentity, counts.c.n)
        .join(PatientIdentity, col(PatientIdentity.id) == col(Study.identity_id))
        .outerjoin(counts, counts.c.study_pk == col(Study.id))
    )
    if person_id is not None:
        query = query.where(PatientIdentity.person_id == person_id)
    rows = session.exec(query).all()
    records = [
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
            instances=int(count or 0),
            accession_number=study.accession_number,
        )
        for study, identity, count in rows
    ]
    return assign_short_ids(records)


def assign_short_ids(records: list[StudyRecord]) -> list[StudyRecord]:
    """Sort newest first and give each study a short id; same-day studies get ".1", ".2"...

    Short ids are computed over the whole list given, oldest first within a day, so they
    stay stable when newer studies arrive on other days.
    """
    ordered = sorted(records, key=lambda r: (r.study_date or date.min, r.study_uid))
    per_day: dict[date | None, list[StudyRecord]] = {}
    for record in ordered:
        per_day.setdefault(record.study_date, []).append(record)
    result: list[StudyRecord] = []
    for day, same_day in per_day.items():
        label = day.isoformat() if day else "undated"
        for index, record in enumerate(same_day, start=1):
            short = label if len(same_day) == 1 else f"{label}.{index}"
            result.append(_with_short_id(record, short))
    result.sort(key=lambda r: (r.study_date or date.min, r.study_uid), reverse=True)
    return result


def _with_short_id(record: StudyRecord, short_id: str) -> StudyRecord:
    from dataclasses import replace

    return replace(record, short_id=short_id)


def study_instances(session: Session, study_pk: int) -> list[InstanceRecord]:
    """Every stored object of a study, by series then instance number."""
    rows = session.exec(
        select(Instance, Series)
        .join(Series, col(Series.id) == col(Instance.series_pk))
        .where(Series.study_pk == study_pk)
        .order_by(col(Series.series_number), col(Instance.instance_number), col(Instance.id))
    ).all()
    return [
        InstanceRecord(
            pk=inst.id or 0,
            sop_instance_uid=inst.sop_instance_uid,
            sop_class_uid=inst.sop_class_uid,
            modality=inst.modality,
            series_uid=series.series_uid,
            series_number=series.series_number,
            series_description=series.description,
            instance_number=inst.instance_number,
            laterality=inst.laterality,
            view=inst.view,
            view_modifiers=inst.view_modifiers,
            view_label=inst.view_label,
            presentation_intent=inst.presentation_intent,
            transfer_syntax=inst.transfer_syntax,
            frames=inst.frames,
            rows=inst.rows,
            columns=inst.columns,
            size=inst.size,
            sha256=inst.sha256,
            library_path=inst.library_path,
            conflict=inst.conflict,
        )
        for inst, series in rows
    ]


def all_instance_files(session: Session) -> list[tuple[int, str, str, int]]:
    """(pk, library_path, sha256, size) of every stored object."""
    rows = session.exec(
        select(Instance.id, Instance.library_path, Instance.sha256, Instance.size)
    ).all()
    return [(int(pk or 0), path, digest, size) for pk, path, digest, size in rows]


def all_registered_files(session: Session) -> list[tuple[str, str, int]]:
    """(library_path, sha256, size) of every file the catalog owns in the library."""
    files = [(path, digest, size) for _pk, path, digest, size in all_instance_files(session)]
    attachments = session.exec(
        select(Attachment.library_path, Attachment.sha256, Attachment.size)
    ).all()
    files.extend((path, digest, size) for path, digest, size in attachments)
    return files
