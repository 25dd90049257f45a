"""The bring-to-appointment summary: the frozen records it is made of, and shared wording.

A :class:`SummaryData` is everything one document shows about one person, gathered by
``mammolog.services.export``: who she is (unless anonymized), the latest result per breast,
what is due, every exam in a compact row, the timeline entries, procedures, pathology and
small key images. The renderers (:mod:`summary_pdf`, :mod:`summary_html`, :mod:`summary_md`)
turn it into a file; :func:`write_summary` picks one by the file's extension.

When anonymized, names, patient IDs, birth date and centres are left out, and (unless dates are
retained) every date is written as months since the first exam shown.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from mammolog.domain.due import NextDue
from mammolog.domain.latest import LatestResults
from mammolog.domain.lexicon import Category, Density, Side
from mammolog.domain.timeline import DAYS_PER_MONTH, EntryKind, TimelineEntry
from mammolog.export.summary_patient import PatientPage
from mammolog.export.summary_words import (
    category_words,
    change_sentence,
    density_words,
    entry_changes,
    entry_heading,
    entry_sentences,
    finding_words,
    loose_kind,
    pathology_words,
    pn_groups,
    procedure_words,
)

__all__ = [
    "DOCUMENT_NOTE",
    "EXAM_COLUMN_TITLES",
    "WINDOW_SOURCE_WORDS",
    "ExamRow",
    "IdentityLine",
    "KeyImage",
    "SummaryData",
    "SummaryError",
    "SummaryFormat",
    "WrittenSummary",
    "category_words",
    "entry_changes",
    "entry_heading",
    "entry_sentences",
    "exams_shown",
    "finding_words",
    "loose_kind",
    "pathology_words",
    "procedure_words",
    "render_summary",
    "write_bytes_atomically",
    "change_sentence",
    "density_words",
    "format_for",
    "history_counts",
    "latest_lines",
    "pn_groups",
    "write_summary",
]

DOCUMENT_NOTE = (
    "This summary was made by the patient with mammolog from her own imaging discs and the"
    " results she recorded from her reports. It is a convenience for the reading radiologist,"
    " not a medical report: the images and the original reports are authoritative."
)
ANONYMOUS_LABEL = "Anonymized patient"
# how a key image's grey levels were chosen (PreviewImage.window_source), in words
WINDOW_SOURCE_WORDS = {
    "file": "from the file",
    "auto": "automatic",
    "user": "chosen by you",
    "voi-lut": "VOI LUT from the file",
    "none": "shown as stored",
}
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


class SummaryError(Exception):
    """The summary cannot be written (the message says why, in plain words)."""


class SummaryFormat(StrEnum):
    """The file formats a summary can be written in."""

    PDF = "pdf"
    HTML = "html"
    MARKDOWN = "markdown"


def format_for(path: Path) -> SummaryFormat:
    """PDF for ``.pdf`` and anything unknown or missing; HTML for .html/.htm; Markdown for .md."""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return SummaryFormat.HTML
    if suffix in (".md", ".markdown"):
        return SummaryFormat.MARKDOWN
    return SummaryFormat.PDF


@dataclass(frozen=True)
class IdentityLine:
    """One way a centre recorded the person: the name as written, ID, issuer, centres."""

    patient_name: str
    patient_id: str
    issuer: str
    birth_date: date | None
    centres: tuple[str, ...]
    studies: int


@dataclass(frozen=True)
class ExamRow:
    """One exam in the compact table of page 1."""

    exam_date: date
    centre: str
    kind: str
    right: Category | None
    left: Category | None
    density: Density | None
    findings: tuple[str, ...]
    procedures: tuple[str, ...]
    pathology: tuple[str, ...]
    study_uid: str | None = None
    entry_kind: EntryKind = EntryKind.EXAM
    recommendation: str = ""  # the radiologist's, in plain words


@dataclass(frozen=True)
class KeyImage:
    """A small rendered image (PNG bytes) or, when it cannot be shown, the reason."""

    label: str
    exam_date: date | None
    role: str  # "latest" or "prior"
    png: bytes | None
    width: int = 0
    height: int = 0
    reason: str = ""
    window: str = ""


@dataclass(frozen=True)
class SummaryData:
    """Everything one summary document shows about one person."""

    person_name: str
    birth_date: date | None
    identities: tuple[IdentityLine, ...]
    generated: date
    latest: LatestResults  # the one rule of mammolog.domain.latest, over the whole history
    next_due: NextDue
    exams: tuple[ExamRow, ...]
    entries: tuple[TimelineEntry, ...]
    key_images: tuple[KeyImage, ...] = ()
    since: date | None = None
    anonymized: bool = False
    date_origin: date | None = None  # dates shown as months since this date
    notes: tuple[str, ...] = field(default=())
    patient_page: PatientPage | None = None  # the page for her, after the clinician's pages
    for_me_only: bool = False  # only the page for her

    def show_date(self, day: date | None) -> str:
        """An exam date as printed: ISO, or months since the first exam when dates are hidden."""
        if day is None:
            return "-"
        if self.date_origin is None:
            return day.isoformat()
        months = round((day - self.date_origin).days / DAYS_PER_MONTH, 1)
        return f"month {months:g}"

    def hide_dates(self, text: str) -> str:
        """``text`` with ISO dates written as :meth:`show_date` does (unchanged when shown)."""
        if self.date_origin is None:
            return text

        def relative(match: re.Match[str]) -> str:
            try:
                return self.show_date(date.fromisoformat(match.group(0)))
            except ValueError:
                return "a date"

        return _ISO_DATE.sub(relative, text)

    @property
    def title_name(self) -> str:
        """The name in the title (a neutral label when anonymized)."""
        return ANONYMOUS_LABEL if self.anonymized else self.person_name

    def due_sentence(self) -> str:
        """What is due and since when, in one sentence."""
        due = self.next_due
        reason = self.hide_dates(due.reason)
        if due.date is None:
            return f"Next: {reason}."
        when = self.show_date(due.date)
        if due.overdue:
            return f"Due since {when} (overdue): {reason}."
        return f"Due {when}: {reason}."


def history_counts(data: SummaryData) -> str:
    """``14 exams · 2 procedures · 1 pathology result`` (procedures are not counted as exams)."""
    exams = sum(1 for entry in data.entries if entry.kind is EntryKind.EXAM)
    procedures = sum(len(entry.procedures) for entry in data.entries)
    results = sum(len(entry.pathology) for entry in data.entries)
    parts = [f"{exams} exam{'' if exams == 1 else 's'}"]
    if procedures:
        parts.append(f"{procedures} procedure{'' if procedures == 1 else 's'}")
    if results:
        parts.append(f"{results} pathology result{'' if results == 1 else 's'}")
    return " · ".join(parts)


_BREAST_LABELS = {Side.RIGHT: "Right breast", Side.LEFT: "Left breast"}


def latest_lines(data: SummaryData) -> list[tuple[str, str]]:
    """The latest result per breast as (``Right breast: BI-RADS 2 (Benign)``, ``exam <date>``),
    then (``Breast density c: ...``, ``exam <date>``); the second part may be empty."""
    lines = []
    for result in (data.latest.right, data.latest.left):
        when = f"exam {data.show_date(result.exam_date)}" if result.exam_date else ""
        lines.append((f"{_BREAST_LABELS[result.side]}: {category_words(result.category)}", when))
    density_when = data.latest.density_date
    lines.append(
        (
            f"Breast density {density_words(data.latest.density)}",
            f"exam {data.show_date(density_when)}" if density_when else "",
        )
    )
    return lines


def write_bytes_atomically(out: Path, data: bytes) -> None:
    """Write ``data`` to ``out`` through a private temporary file in the same folder."""
    folder = out.parent
    if not folder.is_dir():
        raise SummaryError(f"folder {folder} does not exist")
    if out.is_dir():
        raise SummaryError(f"{out} is a folder; give a file name")
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o600)
        os.replace(temporary, out)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise SummaryError(f"{out} could not be written: {exc.strerror or exc}") from exc


@dataclass(frozen=True)
class WrittenSummary:
    """What was written: the file, its format, size and page count (PDF only)."""

    path: Path
    format: SummaryFormat
    bytes: int
    pages: int | None


def render_summary(data: SummaryData, summary_format: SummaryFormat) -> tuple[bytes, int | None]:
    """The document's bytes in ``summary_format`` and its page count (PDF only)."""
    if summary_format is SummaryFormat.HTML:
        from mammolog.export.summary_html import render_html

        return render_html(data).encode("utf-8"), None
    if summary_format is SummaryFormat.MARKDOWN:
        from mammolog.export.summary_md import render_markdown

        return render_markdown(data).encode("utf-8"), None
    from mammolog.export.summary_pdf import render_pdf

    return render_pdf(data)


def write_summary(
    data: SummaryData, out: Path, summary_format: SummaryFormat | None = None
) -> WrittenSummary:
    """Write the summary to ``out`` (format from the extension unless given), atomically."""
    chosen = summary_format or format_for(out)
    payload, pages = render_summary(data, chosen)
    write_bytes_atomically(out, payload)
    return WrittenSummary(out, chosen, len(payload), pages)


def exams_shown(data: SummaryData) -> Sequence[ExamRow]:
    """Exams in date order (oldest first)."""
    return sorted(data.exams, key=lambda row: (row.exam_date, row.study_uid or ""))


#: The exam table's column titles, in the order of :func:`exam_cells`.
EXAM_COLUMN_TITLES = (
    "Date", "Centre", "Exam", "R", "L", "Density", "Key findings", "Recommended", "Procedures",
    "Pathology",
)  # fmt: skip


def exam_cells(data: SummaryData, exam: ExamRow) -> tuple[str, ...]:
    """The cells of one row of the exam table (date, centre, type, R, L, density, findings,
    recommendation, procedures, pathology), "-" where there is nothing; the same in every
    format."""
    return (
        data.show_date(exam.exam_date),
        "-" if data.anonymized else exam.centre or "-",
        exam.kind or "-",
        exam.right.value if exam.right else "-",
        exam.left.value if exam.left else "-",
        exam.density.value if exam.density else "-",
        "; ".join(exam.findings) or "-",
        exam.recommendation or "-",
        "; ".join(exam.procedures) or "-",
        "; ".join(exam.pathology) or "-",
    )
