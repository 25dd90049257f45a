"""Results read from report documents become proposals; the user accepts or rejects each.

Report documents of a study are its structured reports (SR), its Encapsulated PDF objects and
its attachments (PDF, text, HTML). Every proposal keeps the document and the exact text span
it came from. Two documents that disagree on a category or density make a conflict, shown as
such; nothing becomes the recorded result until the user accepts it. Values from a
Mammography CAD SR are a machine's output and can never become the assessment. Attachments
that are mammolog's own exports (a summary attached by hand, a media page) are never read.
Accepting and rejecting are in :mod:`mammolog.services.proposal_review`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mammolog.catalog.db import read_session, write_session
from mammolog.catalog.models import Instance, Series, Study
from mammolog.catalog.results_models import Attachment, Proposal
from mammolog.catalog.statuses import ProposalStatus, SourceKind
from mammolog.domain.lexicon import Side
from mammolog.export.own_exports import is_own_export
from mammolog.paths import AppPaths, safe_library_path
from mammolog.sop_classes import ENCAPSULATED_PDF, REPORT_SR_CLASSES

if TYPE_CHECKING:
    from mammolog.reports.model import ExtractionResult
from mammolog.services.studies import resolve_study

SR_CLASSES = REPORT_SR_CLASSES
TEXT_TYPES = ("application/pdf", "text/plain", "text/html")
CONTEXT_CHARS = 80


@dataclass(frozen=True)
class ReportDocument:
    """A document of a study that may hold results."""

    study_pk: int
    path: Path
    name: str
    kind: str  # "sr", "encapsulated-pdf", "attachment"
    attachment_id: int | None = None
    instance_id: int | None = None


@dataclass(frozen=True)
class ExtractSummary:
    """What ``mammolog extract`` did."""

    documents_read: int
    proposals_added: int
    problems: tuple[tuple[str, str], ...]

    def as_json(self) -> dict[str, object]:
        """JSON form."""
        return {
            "documents_read": self.documents_read,
            "proposals_added": self.proposals_added,
            "problems": [{"path": p, "reason": r} for p, r in self.problems],
        }


@dataclass(frozen=True)
class ProposalRecord:
    """A proposal as listed, with its source quoted."""

    proposal_id: int
    study_uid: str
    study_date: str | None
    field: str
    side: Side | None
    value: str
    quote: str
    context: str
    document: str
    source_kind: SourceKind
    status: ProposalStatus
    conflict: bool

    def as_json(self) -> dict[str, object]:
        """JSON form for ``mammolog proposals --json``."""
        return {
            "id": self.proposal_id,
            "study_uid": self.study_uid,
            "date": self.study_date,
            "field": self.field,
            "side": self.side,
            "value": self.value,
            "quote": self.quote,
            "context": self.context,
            "document": self.document,
            "source_kind": self.source_kind,
            "status": self.status,
            "conflict": self.conflict,
        }


def report_documents(
    session: Session, paths: AppPaths, study_pk: int | None
) -> Iterator[ReportDocument]:
    """SR and Encapsulated PDF instances, and text-like attachments, of one study or all."""
    query = (
        select(Instance, Series.study_pk)
        .join(Series, col(Series.id) == col(Instance.series_pk))
        .where(col(Instance.sop_class_uid).in_(SR_CLASSES | {ENCAPSULATED_PDF}))
    )
    if study_pk is not None:
        query = query.where(Series.study_pk == study_pk)
    for instance, pk in session.exec(query).all():
        kind = "encapsulated-pdf" if instance.sop_class_uid == ENCAPSULATED_PDF else "sr"
        if not safe_library_path(instance.library_path):
            continue  # never read a file outside the library; `mammolog verify` names it
        yield ReportDocument(
            pk, paths.library_dir / instance.library_path, f"{kind} {instance.sop_instance_uid}",
            kind, instance_id=instance.id,
        )  # fmt: skip
    attachments = select(Attachment).where(col(Attachment.study_pk).is_not(None))
    if study_pk is not None:
        attachments = attachments.where(Attachment.study_pk == study_pk)
    for attachment in session.exec(attachments).all():
        if not safe_library_path(attachment.library_path):
            continue
        if attachment.media_type in TEXT_TYPES and attachment.study_pk is not None:
            yield ReportDocument(
                attachment.study_pk, paths.library_dir / attachment.library_path,
                attachment.filename, "attachment", attachment_id=attachment.id,
            )  # fmt: skip


def read_document(document: ReportDocument) -> ExtractionResult:
    """Extract proposals from one document (raises ReportError with a plain reason)."""
    from mammolog.reports.extract import extract_from_sr, extract_from_text
    from mammolog.reports.pdf_text import document_text, encapsulated_pdf_text

    if document.kind == "sr":
        return extract_from_sr(document.path)
    if document.kind == "encapsulated-pdf":
        return extract_from_text(encapsulated_pdf_text(document.path))
    return extract_from_text(document_text(document.path))


def extract_proposals(
    engine: Engine, paths: AppPaths, study_ref: str | None = None
) -> ExtractSummary:
    """Read every report document (of one study, or all) and store new proposals."""
    from mammolog.reports.model import ReportError

    with read_session(engine) as session:
        study_pk = resolve_study(session, study_ref).pk if study_ref else None
        documents = list(report_documents(session, paths, study_pk))
    added = 0
    problems: list[tuple[str, str]] = []
    for document in documents:
        try:
            extraction = read_document(document)
            if document.kind == "attachment" and is_own_export(
                document.name, document.path.read_bytes(), extraction.text
            ):
                continue  # the patient's own summary or media page, never the radiologist's
        except (ReportError, OSError, ValueError) as error:  # a bad document is a problem line
            problems.append((document.name, str(error) or type(error).__name__))
            continue
        added += _store(engine, document, extraction)
    return ExtractSummary(len(documents), added, tuple(problems))


def _store(engine: Engine, document: ReportDocument, extraction: ExtractionResult) -> int:
    added = 0
    with write_session(engine) as session:
        for proposal in extraction.proposals:
            exists = session.exec(
                select(Proposal).where(
                    Proposal.study_pk == document.study_pk,
                    Proposal.attachment_id == document.attachment_id,
                    Proposal.instance_id == document.instance_id,
                    Proposal.field == proposal.field,
                    Proposal.side == proposal.side,
                    Proposal.value == proposal.value,
                    Proposal.span_start == proposal.start,
                )
            ).first()
            if exists is not None:
                continue
            context = extraction.text[
                max(0, proposal.start - CONTEXT_CHARS) : proposal.end + CONTEXT_CHARS
            ]
            session.add(
                Proposal(
                    study_pk=document.study_pk,
                    attachment_id=document.attachment_id,
                    instance_id=document.instance_id,
                    field=proposal.field,
                    side=None if proposal.side is None else Side(proposal.side),
                    value=proposal.value,
                    quote=proposal.quote,
                    context=context,
                    span_start=proposal.start,
                    span_end=proposal.end,
                    language=proposal.language,
                    source_kind=SourceKind(proposal.source_kind),
                    created_at=datetime.now(UTC),
                )  # fmt: skip
            )
            added += 1
    return added


def list_proposals(
    engine: Engine, study_ref: str | None = None, *, include_decided: bool = False
) -> list[ProposalRecord]:
    """Proposals (pending ones unless ``include_decided``), with conflicts marked."""
    with read_session(engine) as session:
        query = select(Proposal, Study).join(Study, col(Study.id) == col(Proposal.study_pk))
        if study_ref:
            query = query.where(Proposal.study_pk == resolve_study(session, study_ref).pk)
        rows = session.exec(query.order_by(col(Proposal.id))).all()
        names = _document_names(session, [p for p, _ in rows])
    values: dict[tuple[int, str, str | None], set[str]] = {}
    for proposal, _study in rows:
        if proposal.status != ProposalStatus.REJECTED and (
            proposal.source_kind == SourceKind.RADIOLOGIST
        ):
            values.setdefault((proposal.study_pk or 0, proposal.field, proposal.side), set()).add(
                proposal.value
            )
    records = []
    for proposal, study in rows:
        if proposal.status != ProposalStatus.PENDING and not include_decided:
            continue
        key = (proposal.study_pk or 0, proposal.field, proposal.side)
        conflict = proposal.field in ("category", "density") and len(values.get(key, ())) > 1
        records.append(
            ProposalRecord(
                proposal_id=proposal.id or 0,
                study_uid=study.study_uid,
                study_date=study.study_date.isoformat() if study.study_date else None,
                field=proposal.field,
                side=proposal.side,
                value=proposal.value,
                quote=proposal.quote,
                context=proposal.context,
                document=names.get(proposal.id or 0, ""),
                source_kind=proposal.source_kind,
                status=proposal.status,
                conflict=conflict,
            )  # fmt: skip
        )
    return records


def _document_names(session: Session, proposals: list[Proposal]) -> dict[int, str]:
    names: dict[int, str] = {}
    for proposal in proposals:
        if proposal.attachment_id:
            attachment = session.get(Attachment, proposal.attachment_id)
            names[proposal.id or 0] = attachment.filename if attachment else ""
        elif proposal.instance_id:
            instance = session.get(Instance, proposal.instance_id)
            names[proposal.id or 0] = (
                f"DICOM {instance.modality} {instance.sop_instance_uid}" if instance else ""
            )
    return names
