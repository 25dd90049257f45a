"""Bring-to-appointment exports: the summary document and the DICOM disc/USB media.

``gather_summary`` reads one person's catalog content into a frozen
:class:`~mammolog.export.summary.SummaryData` (identities, latest results, exams, timeline,
key images rendered small); ``export_summary`` writes it as PDF, HTML or Markdown.
``export_media`` selects the stored files of a person (or of given studies) and hands them,
with the summary, to the media writer.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mammolog.catalog.db import read_session
from mammolog.catalog.models import PatientIdentity, Person
from mammolog.catalog.queries import StudyRecord, list_studies, study_instances
from mammolog.domain.records import Finding
from mammolog.domain.timeline import EntryKind, TimelineEntry
from mammolog.domain.timeline_words import recommendation_words
from mammolog.export.media import (
    MediaExportError,
    MediaOptions,
    MediaReport,
    OutputKind,
    ProgressCallback,
    write_media,
)
from mammolog.export.summary import (
    ExamRow,
    IdentityLine,
    SummaryData,
    SummaryFormat,
    WrittenSummary,
    finding_words,
    loose_kind,
    pathology_words,
    procedure_words,
    render_summary,
    write_summary,
)
from mammolog.paths import AppPaths, library_file
from mammolog.services.explain import patient_page
from mammolog.services.export_images import key_images_of
from mammolog.services.studies import person_of_study, resolve_study
from mammolog.services.timeline import choose_person, load_history, timeline_of

__all__ = [
    "ExportError",
    "MediaExportResult",
    "export_media",
    "export_summary",
    "gather_summary",
    "select_media_files",
]


class ExportError(Exception):
    """Nothing could be exported (the message says why, in plain words)."""


@dataclass(frozen=True)
class MediaExportResult:
    """The media written, whose person it is and whether the summary went on it."""

    report: MediaReport
    person_id: int | None
    summary_included: bool
    warnings: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        """The JSON printed by ``mammolog export media --json``."""
        report = self.report
        counts = ("fileset_id", "patients", "studies", "series", "instances", "anonymized")
        return {
            "path": str(report.out_path),
            "format": report.output.value,
            "bytes": report.bytes_written,
            **{name: getattr(report, name) for name in counts},
            "person_id": self.person_id,
            "summary": self.summary_included,
            "skipped": [{"path": str(s.path), "reason": s.reason} for s in report.skipped],
            "warnings": [*self.warnings, *report.warnings],
        }


def _person(session: Session, person_id: int | None) -> Person:
    if person_id is None and session.exec(select(Person)).first() is None:
        raise ExportError("no persons yet: import a disc first")
    return choose_person(session, person_id)


def _exam_rows(
    entries: Sequence[TimelineEntry], studies: dict[str, StudyRecord], anonymize: bool
) -> tuple[ExamRow, ...]:
    rows = []
    for entry in entries:
        study = studies.get(entry.study_uid or "")
        findings = sorted({*entry.right.findings, *entry.left.findings}, key=Finding.sort_key)
        modalities = study.modalities.replace("\\", ", ") if study is not None else ""
        if entry.kind is not EntryKind.EXAM:
            kind = entry.description or loose_kind(entry)
        else:
            kind = entry.description or (f"Exam ({modalities})" if modalities else "Exam")
        assessment = entry.assessment
        rows.append(
            ExamRow(
                exam_date=entry.date,
                centre="" if anonymize or study is None else study.institution,
                kind=kind,
                right=entry.right.category if entry.assessment else None,
                left=entry.left.category if entry.assessment else None,
                density=entry.density,
                findings=tuple(finding_words(f) for f in findings),
                procedures=tuple(procedure_words(entry.procedures)),
                pathology=tuple(pathology_words(entry.pathology)),
                study_uid=entry.study_uid,
                entry_kind=entry.kind,
                recommendation=recommendation_words(assessment.recommendation)
                if assessment
                else "",
            )
        )
    return tuple(rows)


def _identity_lines(
    session: Session, person_id: int, studies: Sequence[StudyRecord]
) -> tuple[IdentityLine, ...]:
    """How the centres recorded the person, with their centres and exam counts (same session)."""
    identities = session.exec(
        select(PatientIdentity)
        .where(PatientIdentity.person_id == person_id)
        .order_by(col(PatientIdentity.id))
    ).all()
    lines = []
    for identity in identities:
        own = [s for s in studies if s.identity_id == identity.id]
        lines.append(
            IdentityLine(
                identity.patient_name,
                identity.patient_id,
                identity.issuer,
                identity.birth_date,
                tuple(sorted({s.institution for s in own} - {""})),
                len(own),
            )
        )
    return tuple(lines)


def _without_free_text(entry: TimelineEntry) -> TimelineEntry:
    """An entry with descriptions, notes and pathology text left out (anonymized summaries)."""
    return replace(
        entry,
        description="",
        procedures=tuple(replace(p, note="") for p in entry.procedures),
        pathology=tuple(replace(p, text="") for p in entry.pathology),
        assessment=replace(entry.assessment, note="") if entry.assessment else None,
    )


def gather_summary(
    engine: Engine,
    paths: AppPaths,
    person_id: int | None,
    *,
    today: date,
    since: date | None = None,
    anonymize: bool = False,
    retain_dates: bool = False,
    screening_interval_months: int = 12,
    key_images: bool = True,
) -> SummaryData:
    """Everything the summary of one person shows (the only person when ``person_id`` is None).

    ``since`` keeps exams on or after that date (latest result and due date still use the whole
    history). ``anonymize`` leaves out names, IDs, birth date, centres and free text, and writes
    dates as months since the first exam unless ``retain_dates``.
    """
    with read_session(engine) as session:
        person = _person(session, person_id)
        assert person.id is not None
        history = load_history(session, person)
        studies = list_studies(session, person_id=person.id)
        timeline = timeline_of(
            history, today=today, screening_interval_months=screening_interval_months
        )
        entries = [e for e in timeline.entries if since is None or e.date >= since]
        shown_studies = [
            s
            for s in studies
            if since is None or (s.study_date is not None and s.study_date >= since)
        ]
        by_uid = {e.study_uid: e for e in entries if e.study_uid}
        images = key_images_of(session, paths, shown_studies, by_uid) if key_images else ()
        identities = _identity_lines(session, person.id, studies)
    if anonymize:
        entries = [_without_free_text(e) for e in entries]
    first_exam = min((e.date for e in timeline.entries), default=None)
    return SummaryData(
        person_name="" if anonymize else person.display_name,
        birth_date=None if anonymize else person.birth_date,
        identities=() if anonymize else identities,
        generated=today,
        latest=timeline.latest,
        next_due=timeline.next_due,
        exams=_exam_rows(entries, {s.study_uid: s for s in studies}, anonymize),
        entries=tuple(entries),
        key_images=images,
        since=since,
        anonymized=anonymize,
        date_origin=first_exam if anonymize and not retain_dates else None,
        patient_page=None
        if anonymize
        else patient_page(
            engine, person.id, today=today, screening_interval_months=screening_interval_months
        ),
    )


def export_summary(
    engine: Engine,
    paths: AppPaths,
    out: Path,
    person_id: int | None,
    *,
    today: date,
    since: date | None = None,
    anonymize: bool = False,
    retain_dates: bool = False,
    screening_interval_months: int = 12,
    for_me_only: bool = False,
) -> tuple[WrittenSummary, SummaryData]:
    """Write the summary of one person to ``out`` (PDF, HTML or Markdown by the extension).

    ``for_me_only`` writes just the page for her (her results in plain words, what is due).
    """
    if for_me_only and anonymize:
        raise ExportError("the page for you is personal: it cannot be anonymized")
    data = gather_summary(
        engine, paths, person_id, today=today, since=since, anonymize=anonymize,
        retain_dates=retain_dates, screening_interval_months=screening_interval_months,
        key_images=not for_me_only,
    )  # fmt: skip
    if for_me_only:
        data = replace(data, for_me_only=True)
    return write_summary(data, out), data


def select_media_files(
    engine: Engine, paths: AppPaths, *, person_id: int | None, study_refs: Sequence[str] = ()
) -> tuple[list[Path], int | None]:
    """The stored files of the given studies (or of the person) and the person they belong to.

    The person is ``None`` when the studies belong to several persons.
    """
    with read_session(engine) as session:
        if study_refs:
            studies = [resolve_study(session, ref) for ref in study_refs]
            owners = {person_of_study(session, s.pk) for s in studies}
            if person_id is not None and owners != {person_id}:
                raise ExportError(f"the studies given are not all of person {person_id}")
            owner = owners.pop() if len(owners) == 1 else None
        else:
            person = _person(session, person_id)
            owner = person.id
            studies = list_studies(session, person_id=owner)
        files = [
            library_file(paths.library_dir, inst.library_path)
            for study in studies
            for inst in study_instances(session, study.pk)
        ]
    if not files:
        raise ExportError("there are no stored images or documents to export")
    return files, owner


def export_media(
    engine: Engine,
    paths: AppPaths,
    out: Path,
    *,
    today: date,
    person_id: int | None = None,
    study_refs: Sequence[str] = (),
    anonymize: bool = False,
    retain_dates: bool = False,
    keep_private: bool = False,
    output: OutputKind = OutputKind.FOLDER,
    force: bool = False,
    screening_interval_months: int = 12,
    progress: ProgressCallback | None = None,
    include_for_processing: bool = False,
) -> MediaExportResult:
    """Write the person's (or the given studies') files as DICOM media with the summary.

    ``keep_private`` (with ``anonymize``) keeps Hologic's 3D data in private group 7E01
    instead of leaving such objects out (the Retain Safe Private option).
    ``include_for_processing`` also writes the raw For Processing images.
    """
    files, owner = select_media_files(engine, paths, person_id=person_id, study_refs=study_refs)
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="mammolog-export-") as scratch:
        summary_pdf: Path | None = None
        summary_html: str | None = None
        if owner is None:
            notes.append("no summary: the studies belong to several persons")
        else:
            data = gather_summary(
                engine, paths, owner, today=today, anonymize=anonymize,
                retain_dates=retain_dates, screening_interval_months=screening_interval_months,
            )  # fmt: skip
            pdf_bytes, _pages = render_summary(data, SummaryFormat.PDF)
            summary_pdf = Path(scratch) / "SUMMARY.PDF"
            summary_pdf.write_bytes(pdf_bytes)
            if anonymize:
                # pictures stay out of the de-identified web page: base64 text cannot be
                # scrubbed, and the images are on the media anyway
                note = "Key images: open the de-identified images on this media in a DICOM viewer."
                data = replace(data, key_images=(), notes=(*data.notes, note))
            summary_html = render_summary(data, SummaryFormat.HTML)[0].decode("utf-8")
        options = MediaOptions(
            anonymize=anonymize, retain_dates=retain_dates, keep_private=keep_private,
            summary_pdf=summary_pdf, summary_html=summary_html, output=output, force=force,
            progress=progress, include_for_processing=include_for_processing,
        )  # fmt: skip
        try:
            report = write_media(files, out, options=options)
        except MediaExportError as exc:
            raise ExportError(str(exc)) from exc
    included = owner is not None and not any("summary" in w for w in report.warnings)
    return MediaExportResult(report, owner, included, tuple(notes))
