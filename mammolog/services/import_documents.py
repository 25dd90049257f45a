"""Report documents found loose on a disc (PDF, text, HTML) are kept with the study they belong to.

During an import each loose document is copied into the library (by hash, durably) when it
looks like a report; viewer manuals, licences and disc index pages are left alone, and so are
mammolog's own exports (summaries, README.TXT, INDEX.HTM, IHE_PDI pages: see
:mod:`mammolog.export.own_exports`), which are the patient's documents, not the radiologist's.

After the import each kept document is placed only on evidence (:func:`place_document`):

1. it must read like a breast imaging report (mammography, breast, BI-RADS, ... in one of the
   nine languages); otherwise it stays unplaced;
2. it joins the study whose accession number it names as a whole token right after a label
   ("Accession", "Acc. No", "Auftragsnummer", "N° d'examen", ...): "73" inside "1073" or a page
   number "73" is not evidence;
3. else the study whose exact date it names, when it names the date of one study only;
4. else the only study of the disc, unless it names an accession number that is not that study's,
   or names dates of which none is the study date or up to 30 days after it (a report of another
   exam);
5. otherwise it stays unplaced, and the import report says why in one plain line.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import BinaryIO

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from mammolog.catalog.db import read_session
from mammolog.catalog.models import Study
from mammolog.export.own_exports import is_own_export
from mammolog.paths import AppPaths
from mammolog.services.attachments import StoredFile, register_attachment, store_document

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
# a report is written on the day of its exam or within this many days after it
REPORT_DAYS = 30
REPORT_WORDS = re.compile(
    r"bi-?rads|mammogra|breast|impression|findings|befund|mamma|beurteilung|tomosynth|"
    r"ultrasound|sonograph|radiolog|assessment|acr\s*[1-4a-d]\b",
    re.IGNORECASE,
)
# words that make a text read like a breast imaging report, in the nine report languages
BREAST_WORDS = re.compile(
    r"bi-?rads|mammo(?:gra|graf|grap)|\bmammo\b|tomosynth|breast|\bbrust|\bmamma(?:e|rum)?\b|"
    r"mammaire|\bseins?\b(?=.{0,40}(?:droit|gauche|bilat))|\bmamas?\b|mamari[oa]|mammell|"
    r"mammari[oa]|\bborst|\bpiersi|\bpierś|sutk|молочн|маммограф|\bacr\s*[1-4a-d]\b",
    re.IGNORECASE | re.DOTALL,
)
# labels an accession number follows ("Accession No.: 73", "Auftragsnummer 73", ...)
ACCESSION_LABEL = re.compile(
    r"(?<![^\W\d_])(?:accession(?:\s*(?:number|no\.?|nr\.?|#))?|acc\.?(?:\s*(?:no\.?|nr\.?|#|number))?|"
    r"auftrags?-?\s*(?:nummer|nr\.?)|anforderungs?-?\s*(?:nummer|nr\.?)|"
    r"untersuchungs-?\s*(?:nummer|nr\.?)|n[°ºo]\.?\s*d['’]\s*(?:examen|accession)|"
    r"num[ée]ro\s+d['’]\s*(?:examen|accession)|n[úu]mero\s+de\s+(?:acceso|estudio)|"
    r"numero\s+di\s+accesso|accessienummer|onderzoeksnummer|numer\s+badania|"
    r"номер\s+исследования|order\s*(?:number|no\.?)|exam(?:ination)?\s*(?:number|no\.?))"
    r"(?![^\W_])[\s:#.=\-]*",  # a label ends where a letter or digit cannot follow it
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
    """The import's ``on_document`` callback: keeps report-like documents.

    ``left_alone`` lists mammolog's own exports found on the source (relative path, reason):
    they are neither kept nor read.
    """

    paths: AppPaths
    kept: list[LooseDocument] = field(default_factory=list)
    left_alone: list[tuple[str, str]] = field(default_factory=list)

    def __call__(self, relpath: str, kind: str, stream: BinaryIO) -> None:
        data = stream.read(MAX_DOCUMENT_BYTES + 1)
        if len(data) > MAX_DOCUMENT_BYTES:
            return
        text = _text_of(kind, data)
        if is_own_export(relpath, data, text):
            self.left_alone.append((relpath, OWN_EXPORT_REASON))
            return
        if kind == "html" and PurePosixPath(relpath).name.lower() in INDEX_PAGE_NAMES:
            return  # a disc's start page (a viewer's or the IHE PDI index), not a report
        if text is not None and not REPORT_WORDS.search(text):
            return  # a manual, a licence, a disc index page
        stored = store_document(io.BytesIO(data), self.paths, PurePosixPath(relpath).name)
        self.kept.append(LooseDocument(relpath, stored, text or ""))


INDEX_PAGE_NAMES = frozenset({"index.htm", "index.html", "index.htm;1", "index.html;1"})
OWN_EXPORT_REASON = "made by mammolog (a summary or media page), not a radiologist's report"


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
    """Where a loose document ended up, and why (one plain line)."""

    relpath: str
    attachment_id: int
    study_uid: str | None
    reason: str = ""


@dataclass(frozen=True)
class StudyCandidate:
    """A study a loose document of the same source may belong to."""

    study_uid: str
    accession_number: str
    study_date: date | None


@dataclass(frozen=True)
class Placement:
    """The study a document joins (``None``: unplaced) and the evidence, or why not."""

    study_uid: str | None
    reason: str


def place_documents(
    engine: Engine,
    keeper: DocumentKeeper,
    study_uids: tuple[str, ...],
    person_ids: tuple[int, ...],
) -> list[PlacedDocument]:
    """Register each kept document on the study its text gives evidence for (or unplaced)."""
    with read_session(engine) as session:
        studies = session.exec(select(Study).where(col(Study.study_uid).in_(study_uids))).all()
        candidates = [
            StudyCandidate(s.study_uid, s.accession_number, s.study_date) for s in studies
        ]
    placed = []
    for document in keeper.kept:
        placement = place_document(document.text, candidates)
        study_uid = placement.study_uid
        person_id = person_ids[0] if study_uid is None and len(person_ids) == 1 else None
        record = register_attachment(
            engine, document.stored, study_ref=study_uid, person_id=person_id,
            kind="report", source_path=document.relpath,
        )  # fmt: skip
        placed.append(
            PlacedDocument(document.relpath, record.attachment_id, study_uid, placement.reason)
        )
    return placed


def reads_like_breast_report(text: str) -> bool:
    """True when the text speaks of breast imaging (mammography, breast, BI-RADS, ...)."""
    return BREAST_WORDS.search(text) is not None


def accessions_named(text: str) -> set[str]:
    """Every token written right after an accession-number label, as written."""
    found = set()
    for label in ACCESSION_LABEL.finditer(text):
        token = re.match(r"[A-Za-z0-9][A-Za-z0-9_/\-]*", text[label.end() :])
        if token is not None and any(char.isdigit() for char in token.group(0)):
            found.add(token.group(0).rstrip("-/"))
    return found


def _named_accession(text: str, accession: str) -> bool:
    """True when ``accession`` stands as a whole token right after an accession label."""
    if not accession.strip():
        return False
    whole = re.compile(
        ACCESSION_LABEL.pattern + re.escape(accession.strip()) + r"(?![A-Za-z0-9])",
        re.IGNORECASE,
    )
    return whole.search(text) is not None


def _only_other_dates(mentioned: set[date], study_date: date | None) -> date | None:
    """The latest date named when every date the text names lies outside the study's report
    window (the study date to :data:`REPORT_DAYS` days after it): the text is then about another
    exam. ``None`` when it names no date, or one inside the window."""
    if not mentioned or study_date is None:
        return None
    if any(0 <= (day - study_date).days <= REPORT_DAYS for day in mentioned):
        return None
    return max(mentioned)


def place_document(text: str, candidates: Sequence[StudyCandidate]) -> Placement:
    """The study a loose document belongs to, on evidence only (see the module rules)."""
    if not candidates:
        return Placement(None, "no study was imported from the same source")
    if not text.strip():
        return Placement(
            None, "its text cannot be read (a scanned page?), so nothing shows which study it is"
        )
    if not reads_like_breast_report(text):
        return Placement(None, "it does not read like a breast imaging report")
    by_accession = [c for c in candidates if _named_accession(text, c.accession_number)]
    if len(by_accession) == 1:
        chosen = by_accession[0]
        return Placement(chosen.study_uid, f"it names accession number {chosen.accession_number}")
    if len(by_accession) > 1:
        return Placement(None, "it names the accession numbers of several studies")
    mentioned = dates_in(text)
    by_date = [c for c in candidates if c.study_date is not None and c.study_date in mentioned]
    if len(by_date) == 1:
        chosen = by_date[0]
        assert chosen.study_date is not None
        return Placement(chosen.study_uid, f"it names the study date {chosen.study_date}")
    if len(by_date) > 1:
        return Placement(None, "it names the dates of several studies")
    named = accessions_named(text)
    if len(candidates) == 1:
        only = candidates[0]
        if named and only.accession_number.strip():
            return Placement(
                None,
                f"it names accession number {sorted(named)[0]}, not that of the study on the disc",
            )
        other_exam = _only_other_dates(mentioned, only.study_date)
        if other_exam is not None:
            return Placement(
                None,
                f"it is dated {other_exam}, not on or just after the study of {only.study_date}",
            )
        return Placement(only.study_uid, "the only study on the disc")
    return Placement(
        None,
        f"it names neither the accession number nor the date of one of the {len(candidates)}"
        " studies",
    )


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
