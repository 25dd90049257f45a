"""What the app shows of one study, read in one short session: the study, its objects, its
recorded result and findings, its report documents and the proposals read from them; and a
study with the prior exam it is compared with. Frozen records only."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mammolog.catalog.db import read_session
from mammolog.catalog.models import PatientIdentity, Study
from mammolog.catalog.queries import InstanceRecord, StudyRecord, study_instances
from mammolog.catalog.results_models import Attachment, FindingRow, Proposal
from mammolog.catalog.statuses import ProposalStatus
from mammolog.domain.records import Assessment
from mammolog.paths import AppPaths, make_private_dir, safe_library_path
from mammolog.services.proposals import ProposalRecord, list_proposals, report_documents
from mammolog.services.results import (
    StoredFinding,
    assessment_from_row,
    current_assessment_row,
    finding_from_row,
)
from mammolog.services.studies import StudyNotFound, study_record

DOCUMENT_NAMES = {"sr": "Structured report", "encapsulated-pdf": "PDF report (in DICOM)"}


@dataclass(frozen=True)
class DocumentRecord:
    """A report or document of a study that can be read or opened."""

    key: str
    name: str
    kind: str  # "sr", "encapsulated-pdf", "attachment"
    path: str
    media_type: str = ""


@dataclass(frozen=True)
class StudyImages:
    """A study and its stored objects."""

    study: StudyRecord
    instances: tuple[InstanceRecord, ...]

    @property
    def images(self) -> tuple[InstanceRecord, ...]:
        """The image objects (anything with rows and columns)."""
        return tuple(i for i in self.instances if i.rows and i.columns)


@dataclass(frozen=True)
class StudyDetails:
    """One study with its objects, recorded result, documents and proposals.

    ``proposals`` are the ones waiting for a decision; ``proposals_decided`` counts those
    already accepted or rejected, so a screen can say "all were reviewed".
    """

    study: StudyRecord
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


def load_study_details(engine: Engine, paths: AppPaths, study_pk: int) -> StudyDetails:
    """Everything the study screen shows; raises :class:`StudyNotFound` if it was removed."""
    with read_session(engine) as session:
        study = study_record(session, study_pk)
        instances = tuple(study_instances(session, study_pk))
        current = current_assessment_row(session, study_pk)
        rows = session.exec(
            select(FindingRow)
            .where(FindingRow.study_pk == study_pk, col(FindingRow.removed_at).is_(None))
            .order_by(col(FindingRow.id))
        ).all()
        findings = tuple(
            StoredFinding(row.id or 0, study.study_uid, finding_from_row(row), row.source)
            for row in rows
        )
        documents = _documents(session, paths, study_pk)
        decided = len(
            session.exec(
                select(Proposal.id).where(
                    Proposal.study_pk == study_pk, Proposal.status != ProposalStatus.PENDING
                )
            ).all()
        )
    return StudyDetails(
        study=study,
        instances=instances,
        assessment=assessment_from_row(current) if current else None,
        findings=findings,
        documents=documents,
        proposals=tuple(list_proposals(engine, study.study_uid)),
        proposals_decided=decided,
    )


def _documents(session: Session, paths: AppPaths, study_pk: int) -> tuple[DocumentRecord, ...]:
    rows: list[DocumentRecord] = []
    for index, doc in enumerate(report_documents(session, paths, study_pk)):
        name = DOCUMENT_NAMES.get(doc.kind, doc.name)
        rows.append(DocumentRecord(f"doc{index}", name, doc.kind, str(doc.path)))
    for attachment in session.exec(select(Attachment).where(Attachment.study_pk == study_pk)):
        if not safe_library_path(attachment.library_path):
            continue  # never show a file outside the library; `mammolog verify` names it
        path = str(paths.library_dir / attachment.library_path)
        if all(row.path != path for row in rows):
            rows.append(
                DocumentRecord(
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


def document_text(document: DocumentRecord) -> str:
    """The text of a report document (raises the reports module's error with a reason)."""
    from mammolog.services.proposals import ReportDocument, read_document

    report = ReportDocument(0, Path(document.path), document.name, document.kind)
    return read_document(report).text


def document_file(document: DocumentRecord, paths: AppPaths) -> Path:
    """A file a system viewer can open: the document itself, or for a PDF inside a DICOM
    object a private copy of that PDF in the cache folder."""
    source = Path(document.path)
    if document.kind != "encapsulated-pdf":
        return source
    from mammolog.reports.pdf_text import encapsulated_pdf_bytes

    folder = paths.cache_dir / "documents"
    make_private_dir(folder)
    target = folder / f"{document.key}.pdf"
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(encapsulated_pdf_bytes(source))
    return target


def load_study_images(engine: Engine, study_pk: int) -> StudyImages:
    """A study and its objects; raises :class:`StudyNotFound` if it was removed."""
    with read_session(engine) as session:
        return StudyImages(
            study_record(session, study_pk), tuple(study_instances(session, study_pk))
        )


@dataclass(frozen=True)
class StudyWithPrior:
    """A study's images and the person's prior study (the latest earlier one with images)."""

    current: StudyImages
    prior: StudyImages | None


def load_study_with_prior(engine: Engine, study_pk: int) -> StudyWithPrior:
    """The study and its prior, for the hanging protocol and compare mode."""
    with read_session(engine) as session:
        current = StudyImages(
            study_record(session, study_pk), tuple(study_instances(session, study_pk))
        )
        day = current.study.study_date
        if day is None:
            return StudyWithPrior(current, None)
        identity_ids = select(PatientIdentity.id).where(
            PatientIdentity.person_id == current.study.person_id
        )
        earlier = session.exec(
            select(Study.id)
            .where(col(Study.identity_id).in_(identity_ids), col(Study.study_date) < day)
            .order_by(col(Study.study_date).desc(), col(Study.study_uid).desc())
        ).all()
        for pk in earlier:
            if pk is None:
                continue
            instances = tuple(study_instances(session, pk))
            if any(i.rows and i.columns for i in instances):
                return StudyWithPrior(current, StudyImages(study_record(session, pk), instances))
    return StudyWithPrior(current, None)


__all__ = [
    "DocumentRecord",
    "StudyDetails",
    "StudyImages",
    "StudyNotFound",
    "StudyWithPrior",
    "document_file",
    "document_text",
    "load_study_details",
    "load_study_images",
    "load_study_with_prior",
]
