"""Catalog side of the import: runs, batched registration of instances, person matching."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, insert, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mammolog.catalog.db import CatalogError, read_session, write_session
from mammolog.catalog.models import (
    ImportProblem,
    ImportRun,
    Instance,
    PatientIdentity,
    Person,
    Series,
    Study,
)
from mammolog.catalog.statuses import ImportRunStatus
from mammolog.dicom.headers import InstanceHeader
from mammolog.dicom.names import match_keys
from mammolog.services.persons import IdentityFacts, find_or_create_identity

if TYPE_CHECKING:
    from mammolog.services.import_report import ImportReport


# Statements built once and reused (their compiled form is cached).
_STUDY_BY_UID = select(Study.id, Study.modalities).where(col(Study.study_uid) == bindparam("uid"))
_STUDY_INSERT = insert(Study).returning(col(Study.id))
_SERIES_BY_UID = select(Series.id).where(col(Series.series_uid) == bindparam("uid"))
_SERIES_INSERT = insert(Series).returning(col(Series.id))
_INSTANCE_INSERT = insert(Instance)


@dataclass(frozen=True)
class PendingInstance:
    """An object copied to a temporary file, waiting to be published and registered."""

    header: InstanceHeader
    sha256: str
    size: int
    source_path: str
    conflict: bool
    temp: Path


@dataclass(frozen=True)
class Totals:
    """Rows added by this run."""

    studies_added: int
    series_added: int
    instances_added: int


def identity_facts(header: InstanceHeader) -> IdentityFacts:
    """The patient identity a header records, with its name matching keys."""
    return IdentityFacts(
        patient_name=header.patient_name,
        patient_id=header.patient_id,
        issuer=header.issuer_of_patient_id,
        birth_date=header.birth_date,
        sex=header.sex,
        name_keys=match_keys(header.patient_name),
    )


def _key(value: object) -> int:
    """A primary key read back from the catalog."""
    if not isinstance(value, int):
        raise CatalogError("catalog returned no key for a new row")
    return value


class CatalogWriter:
    """Writes one import run into the catalog; one transaction per batch."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.run_id: int | None = None
        self._identities: dict[tuple[object, ...], tuple[int, int]] = {}
        self._studies: dict[str, int] = {}
        self._study_modalities: dict[int, list[str]] = {}
        self._series: dict[str, int] = {}
        self._persons: dict[int, bool] = {}
        self._studies_added = 0
        self._series_added = 0
        self._instances_added = 0
        self._changed_modalities: set[int] = set()
        self._touched_studies: set[str] = set()

    def start_run(self, source: str) -> int:
        """Record the start of a run and return its id."""
        with write_session(self.engine) as session:
            run = ImportRun(source=source, started_at=datetime.now(UTC))
            session.add(run)
            session.flush()
            assert run.id is not None
            self.run_id = run.id
        return self.run_id

    def known_instances(self) -> dict[str, set[str]]:
        """SOP Instance UID -> content hashes of every object already in the catalog.

        Also loads the study and series keys, so new objects need no lookups.
        """
        known: dict[str, set[str]] = {}
        with read_session(self.engine) as session:
            for uid, pk, modalities in session.execute(
                select(Study.study_uid, Study.id, Study.modalities)
            ).all():
                self._studies[uid] = pk
                self._study_modalities[pk] = [m for m in modalities.split("\\") if m]
            for uid, pk in session.execute(select(Series.series_uid, Series.id)).all():
                self._series[uid] = pk
            for uid, digest in session.exec(
                select(Instance.sop_instance_uid, Instance.sha256)
            ).all():
                known.setdefault(uid, set()).add(digest)
        return known

    def register(self, pending: list[PendingInstance], relpaths: list[str]) -> None:
        """Add studies, series and instances for published files, in one transaction."""
        with write_session(self.engine) as session:
            self._changed_modalities = set()
            rows = [
                self._row(session, item, relpath)
                for item, relpath in zip(pending, relpaths, strict=True)
            ]
            for study_pk in self._changed_modalities:
                session.execute(
                    update(Study)
                    .where(col(Study.id) == study_pk)
                    .values(modalities="\\".join(self._study_modalities[study_pk]))
                )
            # Core execution (no ORM bulk machinery): the rows carry every column.
            session.connection().execute(_INSTANCE_INSERT, rows)
        self._instances_added += len(rows)

    def _identity(self, session: Session, header: InstanceHeader) -> int:
        facts = identity_facts(header)
        key = (facts.patient_name, facts.patient_id, facts.issuer, facts.birth_date, facts.sex)
        cached = self._identities.get(key)
        if cached is None:
            identity, created = find_or_create_identity(session, facts)
            assert identity.id is not None
            cached = (identity.id, identity.person_id)
            self._identities[key] = cached
            self._persons[identity.person_id] = (
                self._persons.get(identity.person_id, False) or created
            )
        else:
            self._persons.setdefault(cached[1], False)
        return cached[0]

    def _study(self, session: Session, header: InstanceHeader) -> int:
        uid = header.study_uid or f"unknown-study-{header.sop_instance_uid}"
        pk = self._studies.get(uid)
        if pk is not None:
            if uid not in self._touched_studies:
                self._touched_studies.add(uid)
                self._identity(session, header)
            return pk
        self._touched_studies.add(uid)
        conn = session.connection()
        found = conn.execute(_STUDY_BY_UID, {"uid": uid}).first()
        identity_id = self._identity(session, header)
        row_pk: object
        if found is None:
            row_pk = conn.execute(
                _STUDY_INSERT,
                {
                    "study_uid": uid,
                    "identity_id": identity_id,
                    "study_date": header.study_date,
                    "study_time": header.study_time,
                    "description": header.study_description,
                    "accession_number": header.accession_number,
                    "study_id": header.study_id,
                    "institution": header.institution_name,
                    "referring_physician": header.referring_physician,
                    "modalities": "",
                    "created_at": datetime.now(UTC),
                },
            ).scalar_one()
            modalities = ""
            self._studies_added += 1
        else:
            row_pk, modalities = found
        pk = _key(row_pk)
        self._studies[uid] = pk
        self._study_modalities[pk] = [m for m in modalities.split("\\") if m]
        return pk

    def _series_pk(self, session: Session, header: InstanceHeader, study_pk: int) -> int:
        uid = header.series_uid or f"unknown-series-{header.sop_instance_uid}"
        pk = self._series.get(uid)
        if pk is not None:
            return pk
        conn = session.connection()
        row_pk: object = conn.execute(_SERIES_BY_UID, {"uid": uid}).scalar()
        if row_pk is None:
            row_pk = conn.execute(
                _SERIES_INSERT,
                {
                    "series_uid": uid,
                    "study_pk": study_pk,
                    "modality": header.modality,
                    "series_number": header.series_number,
                    "description": header.series_description,
                    "body_part": header.body_part,
                },
            ).scalar_one()
            self._series_added += 1
        pk = _key(row_pk)
        self._series[uid] = pk
        return pk

    def _row(self, session: Session, item: PendingInstance, relpath: str) -> dict[str, object]:
        """The Instance row for one object (creating its study and series when new).

        The caller's dedupe (known UID + hash pairs, under the import lock) guarantees the
        row is new, so rows are inserted in one statement per batch.
        """
        header = item.header
        study_pk = self._study(session, header)
        modalities = self._study_modalities.setdefault(study_pk, [])
        if header.modality and header.modality not in modalities:
            modalities.append(header.modality)
            self._changed_modalities.add(study_pk)
        return {
            "series_pk": self._series_pk(session, header, study_pk),
            "sop_instance_uid": header.sop_instance_uid,
            "sop_class_uid": header.sop_class_uid,
            "modality": header.modality,
            "instance_number": header.instance_number,
            "laterality": header.laterality or "",
            "view": header.view or "",
            "view_modifiers": "\\".join(header.view_modifiers),
            "view_label": header.view_label,
            "presentation_intent": header.presentation_intent,
            "image_type": "\\".join(header.image_type),
            "kind": header.classification.kind.value,
            "kind_vendor": header.classification.vendor,
            "transfer_syntax": header.transfer_syntax,
            "frames": header.number_of_frames,
            "rows": header.rows,
            "columns": header.columns,
            "size": item.size,
            "sha256": item.sha256,
            "library_path": relpath,
            "conflict": item.conflict,
            "import_run_id": self.run_id,
            "source_path": item.source_path,
        }

    def note_present(self, sop_instance_uids: list[str]) -> None:
        """Count the persons of objects that were already in the library as touched."""
        with read_session(self.engine) as session:
            for start in range(0, len(sop_instance_uids), 500):
                chunk = sop_instance_uids[start : start + 500]
                rows = session.exec(
                    select(PatientIdentity.person_id, Study.study_uid)
                    .join(Study, col(Study.identity_id) == col(PatientIdentity.id))
                    .join(Series, col(Series.study_pk) == col(Study.id))
                    .join(Instance, col(Instance.series_pk) == col(Series.id))
                    .where(col(Instance.sop_instance_uid).in_(chunk))
                    .distinct()
                ).all()
                for person_id, study_uid in rows:
                    self._persons.setdefault(person_id, False)
                    self._touched_studies.add(study_uid)

    def touched_studies(self) -> tuple[str, ...]:
        """Study UIDs of every object this run added or found already present."""
        return tuple(sorted(self._touched_studies))

    def totals(self) -> Totals:
        """Studies, series and instances this run added."""
        return Totals(self._studies_added, self._series_added, self._instances_added)

    def persons(self) -> list[tuple[int, str, bool]]:
        """(person id, display name, created by this run) for every person touched."""
        if not self._persons:
            return []
        with read_session(self.engine) as session:
            rows = session.exec(select(Person).where(col(Person.id).in_(list(self._persons)))).all()
        names = {p.id: p.display_name for p in rows}
        return [(pid, names.get(pid, ""), new) for pid, new in sorted(self._persons.items())]

    def abandon_run(self, reason: str) -> None:
        """Mark the run as stopped by an error (best effort: the catalog may be the problem)."""
        if self.run_id is None:
            return
        try:
            with write_session(self.engine) as session:
                run = session.get(ImportRun, self.run_id)
                if run is not None:
                    run.finished_at = datetime.now(UTC)
                    run.status = ImportRunStatus.FAILED
                    session.add(run)
                    session.add(ImportProblem(run_id=self.run_id, path="", reason=reason[:500]))
        except Exception:  # noqa: BLE001 - the original error is what the user must see
            return

    def finish_run(self, report: ImportReport, problems: list[tuple[str, str]]) -> None:
        """Record the run's counts, status and problems."""
        if self.run_id is None:
            return
        with write_session(self.engine) as session:
            run = session.get(ImportRun, self.run_id)
            if run is None:
                return
            run.finished_at = datetime.now(UTC)
            run.status = (
                ImportRunStatus.CANCELLED
                if report.cancelled
                else (ImportRunStatus.PROBLEMS if report.problems else ImportRunStatus.COMPLETED)
            )
            run.files_seen = report.files_seen
            run.studies_added = report.studies_added
            run.series_added = report.series_added
            run.instances_added = report.instances_added
            run.instances_already_present = report.instances_already_present
            run.conflicts = report.conflicts
            run.ignored_files = report.ignored_files
            run.problems = report.problems_found
            run.bytes_copied = report.bytes_copied
            session.add(run)
            for path, reason in problems:
                session.add(ImportProblem(run_id=self.run_id, path=path, reason=reason))
