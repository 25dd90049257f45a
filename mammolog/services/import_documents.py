"""Report documents found loose on a disc (PDF, text, HTML) are kept with the study they belong to.

During an import each loose document is copied into the library (by hash, durably) when it
looks like a report; viewer manuals, licences and disc index pages are left alone. After the
import the documents are placed: on the only study of the disc, else on the study whose
accession number or date the text names, else left unplaced for the user to place.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import BinaryIO

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from mammolog.catalog.db import read_session
from mammolog.catalog.models import Study
from mammolog.paths import AppPaths
from mammolog.services.attachments import StoredFile, register_attachment, store_document

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
REPORT_WORDS = re.compile(
    r"bi-?rads|mammogra|breast|impression|findings|befund|mamma|beurteilung|tomosynth|"
    r"ultrasound|sonograph|radiolog|assessment|acr\s*[1-4a-d]\b",
    re.IGNORECASE,
)
DATE_PATTERNS = (
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b"),
    re.compile(r"\b(\d{4})(\d{2})(\d{2})\b"),
)


@dataclass(frozen=True)
class LooseDocument:
    """A report document copied from the source, waiting to be placed."""

    relpath: str
    stored: StoredFile
    text: str


@dataclass
class DocumentKeeper:
    """The import's ``on_document`` callback: keeps report-like documents."""

    paths: AppPaths
    kept: list[LooseDocument] = field(default_factory=list)

    def __call__(self, relpath: str, kind: str, stream: BinaryIO) -> None:
        data = stream.read(MAX_DOCUMENT_BYTES + 1)
        if len(data) > MAX_DOCUMENT_BYTES:
            return
        text = _text_of(kind, data)
        if text is not None and not REPORT_WORDS.search(text):
            return  # a manual, a licence, a disc index page
        stored = store_document(io.BytesIO(data), self.paths, PurePosixPath(relpath).name)
        self.kept.append(LooseDocument(relpath, stored, text or ""))


def _text_of(kind: str, data: bytes) -> str | None:
    """The document's text; None when it has none (e.g. a scanned PDF: kept, it may be a report)."""
    from mammolog.reports.model import ReportError
    from mammolog.reports.pdf_text import decode_text, html_text, pdf_bytes_text

    try:
        if kind == "pdf":
            text = pdf_bytes_text(data)
            return text if text.strip() else None
        decoded = decode_text(data)
        return html_text(decoded) if kind == "html" else decoded
    except ReportError:
        return None


@dataclass(frozen=True)
class PlacedDocument:
    """Where a loose document ended up."""

    relpath: str
    attachment_id: int
    study_uid: str | None


def place_documents(
    engine: Engine,
    keeper: DocumentKeeper,
    study_uids: tuple[str, ...],
    person_ids: tuple[int, ...],
) -> list[PlacedDocument]:
    """Register each kept document on the study it belongs to (or unplaced)."""
    with read_session(engine) as session:
        studies = session.exec(select(Study).where(col(Study.study_uid).in_(study_uids))).all()
        candidates = [(s.study_uid, s.accession_number, s.study_date) for s in studies]
    placed = []
    for document in keeper.kept:
        study_uid = match_study(document.text, candidates)
        person_id = person_ids[0] if study_uid is None and len(person_ids) == 1 else None
        record = register_attachment(
            engine, document.stored, study_ref=study_uid, person_id=person_id,
            kind="report", source_path=document.relpath,
        )  # fmt: skip
        placed.append(PlacedDocument(document.relpath, record.attachment_id, study_uid))
    return placed


def match_study(text: str, candidates: list[tuple[str, str, date | None]]) -> str | None:
    """The study a report belongs to: the only one, or the one its accession number or date names."""
    if len(candidates) == 1:
        return candidates[0][0]
    by_accession = [uid for uid, accession, _ in candidates if accession and accession in text]
    if len(by_accession) == 1:
        return by_accession[0]
    mentioned = dates_in(text)
    by_date = [uid for uid, _, day in candidates if day is not None and day in mentioned]
    if len(by_date) == 1:
        return by_date[0]
    return None


def dates_in(text: str) -> set[date]:
    """Every plausible date written in the text (ISO, DICOM, or day.month.year)."""
    found: set[date] = set()
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            a, b, c = (int(g) for g in match.groups())
            year, month, day = (c, b, a) if pattern is DATE_PATTERNS[1] else (a, b, c)
            try:
                found.add(date(year, month, day))
            except ValueError:
                continue
    return found
