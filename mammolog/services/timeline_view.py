"""The timeline as the app shows it: one read, one run of the domain rules, one frozen record.

``timeline_view`` picks the person (the one asked for, else the first with studies), loads her
history in one short session, builds the timeline once and returns every line the screen
shows: exams, procedures and pathology newest first, each saying what it is; intervals worded
truthfully ("7 months since the previous exam" on exams only; a procedure or pathology result
says how long after which exam it came); counts of exams apart from procedures and pathology;
the latest result per breast (the one rule in :mod:`mammolog.domain.latest`) and next due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from mammolog.catalog.db import read_session
from mammolog.catalog.models import PatientIdentity, Person, Study
from mammolog.domain.due import NextDue
from mammolog.domain.findings import describe_finding
from mammolog.domain.latest import LatestResults
from mammolog.domain.lexicon import Side
from mammolog.domain.timeline import (
    ChangeKind,
    EntryKind,
    TimelineChange,
    TimelineEntry,
)
from mammolog.domain.timeline_words import interval_label, recommendation_words
from mammolog.services.timeline import load_history, timeline_of

__all__ = [
    "TimelineItem",
    "TimelineView",
    "change_badge",
    "timeline_view",
]

_KIND_TITLES = {
    EntryKind.EXAM: "Exam",
    EntryKind.PROCEDURE: "Procedure",
    EntryKind.PATHOLOGY: "Pathology result",
}


@dataclass(frozen=True)
class TimelineItem:
    """One timeline entry, ready to show. Text from discs (``title``) is not yet sanitised."""

    study_date: date
    kind: EntryKind
    title: str
    right: str = ""
    left: str = ""
    density: str = ""
    findings: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    interval: str = ""  # "7 months since the previous exam", "3 weeks after the exam of ..."
    recommendation: str = ""
    note: str = ""
    study_uid: str | None = None  # the study behind an exam entry, when there is one
    study_pk: int | None = None

    @property
    def is_exam(self) -> bool:
        """True for an exam (not a procedure or pathology result on its own)."""
        return self.kind is EntryKind.EXAM


@dataclass(frozen=True)
class TimelineView:
    """A person's timeline, newest first, with counts, latest result and what is due next."""

    person_id: int | None
    person_name: str
    person_ids: tuple[int, ...]
    items: tuple[TimelineItem, ...]
    exam_count: int
    procedure_count: int
    pathology_count: int
    latest: LatestResults | None
    next_due: NextDue | None

    @property
    def has_results(self) -> bool:
        """True when at least one exam has a category."""
        return any(item.right or item.left for item in self.items)

    def counts_text(self) -> str:
        """``14 exams · 2 procedures · 1 pathology result`` (exams only count as exams)."""
        parts = [_plural(self.exam_count, "exam")]
        if self.procedure_count:
            parts.append(_plural(self.procedure_count, "procedure"))
        if self.pathology_count:
            parts.append(_plural(self.pathology_count, "pathology result"))
        return " · ".join(parts)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def change_badge(change: TimelineChange) -> str:
    """``R 2 → 4B``, ``density b → c``, ``new grouped calcifications L UOQ``."""
    side = change.side.value if change.side and change.side is not Side.BOTH else ""
    if change.kind in (ChangeKind.CATEGORY_UP, ChangeKind.CATEGORY_DOWN):
        return f"{side} {change.before} → {change.after}".strip()
    if change.kind is ChangeKind.DENSITY_CHANGE:
        return f"density {change.before} → {change.after}"
    detail = change.detail.replace(" -> ", " → ")
    if change.kind is ChangeKind.FINDING_CHANGED and side:
        return f"{side} {detail}"
    return detail


def _event_lines(entry: TimelineEntry) -> tuple[str, ...]:
    lines = [
        f"{p.date.isoformat()} {p.type.value.replace('-', ' ')} {p.side.value}"
        + (f": {p.note}" if p.note else "")
        for p in entry.procedures
    ]
    lines += [
        f"{p.date.isoformat()} pathology {p.side.value}: {p.outcome.value.replace('-', ' ')}"
        + (f" ({p.text})" if p.text else "")
        for p in entry.pathology
    ]
    return tuple(lines)


def _title(entry: TimelineEntry) -> str:
    if entry.kind is EntryKind.PROCEDURE and entry.pathology:
        return "Procedure and pathology result"
    return _KIND_TITLES[entry.kind]


def _item(entry: TimelineEntry, study_pks: dict[str, int]) -> TimelineItem:
    findings = (describe_finding(f) for f in (*entry.right.findings, *entry.left.findings))
    assessment = entry.assessment
    return TimelineItem(
        study_date=entry.date,
        kind=entry.kind,
        title=entry.description or _title(entry),
        right=entry.right.category.value if entry.right.category else "",
        left=entry.left.category.value if entry.left.category else "",
        density=entry.density.value if entry.density else "",
        findings=tuple(dict.fromkeys(findings)),
        changes=tuple(change_badge(c) for c in entry.changes),
        events=_event_lines(entry),
        interval=interval_label(entry),
        recommendation=recommendation_words(assessment.recommendation) if assessment else "",
        note=assessment.note if assessment else "",
        study_uid=entry.study_uid,
        study_pk=study_pks.get(entry.study_uid) if entry.study_uid else None,
    )


def timeline_view(
    engine: Engine, person_id: int | None, *, today: date, screening_interval_months: int = 12
) -> TimelineView:
    """The timeline screen's record for one person (the first person with studies when None,
    or when ``person_id`` is not a person); an empty view when there is nobody yet."""
    with read_session(engine) as session:
        persons = session.exec(select(Person).order_by(col(Person.id))).all()
        ids = tuple(p.id for p in persons if p.id is not None)
        if not ids:
            return TimelineView(None, "", (), (), 0, 0, 0, None, None)
        with_studies = set(
            session.exec(
                select(PatientIdentity.person_id).join(
                    Study, col(Study.identity_id) == col(PatientIdentity.id)
                )
            ).all()
        )
        if person_id not in ids:
            person_id = next((i for i in ids if i in with_studies), ids[0])
        person = next(p for p in persons if p.id == person_id)
        history = load_history(session, person)
        uids = [exam.study_uid for exam in history.exams if exam.study_uid]
        study_pks = {
            uid: pk
            for pk, uid in session.exec(
                select(Study.id, Study.study_uid).where(col(Study.study_uid).in_(uids))
            ).all()
            if pk is not None
        }
    timeline = timeline_of(
        history, today=today, screening_interval_months=screening_interval_months
    )
    items = [_item(entry, study_pks) for entry in timeline.entries]
    kinds = [entry.kind for entry in timeline.entries]
    return TimelineView(
        person_id=person_id,
        person_name=timeline.display_name,
        person_ids=ids,
        items=tuple(reversed(items)),
        exam_count=kinds.count(EntryKind.EXAM),
        procedure_count=sum(len(e.procedures) for e in timeline.entries),
        pathology_count=sum(len(e.pathology) for e in timeline.entries),
        latest=timeline.latest,
        next_due=timeline.next_due,
    )
