"""A person's timeline as the timeline screen shows it (frozen records from the service)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine

from mammolog.domain.findings import describe_finding
from mammolog.domain.lexicon import Side
from mammolog.domain.timeline import ChangeKind, TimelineChange, TimelineEntry
from mammolog.tui.data import DueNotice, due_notice, load_library


@dataclass(frozen=True)
class TimelineItem:
    """One exam on the timeline, ready to show."""

    study_date: date
    title: str
    right: str = ""
    left: str = ""
    density: str = ""
    findings: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    months_since_previous: float | None = None
    is_exam: bool = True


@dataclass(frozen=True)
class TimelineView:
    """A person's exams, newest first, and what is due next."""

    person_id: int | None
    person_name: str
    items: tuple[TimelineItem, ...]
    due: DueNotice | None
    has_results: bool


def change_badge(change: TimelineChange) -> str:
    """ "R 2 -> 4B", "density b -> c", "new grouped calcifications L UOQ"."""
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
        for p in entry.pathology
    ]
    return tuple(lines)


def _timeline_item(entry: TimelineEntry) -> TimelineItem:
    findings = tuple(
        describe_finding(finding) for finding in (*entry.right.findings, *entry.left.findings)
    )
    return TimelineItem(
        study_date=entry.date,
        title=entry.description or ("Exam" if entry.is_exam else "Procedure"),
        right=entry.right.category.value if entry.right.category else "",
        left=entry.left.category.value if entry.left.category else "",
        density=entry.density.value if entry.density else "",
        findings=tuple(dict.fromkeys(findings)),
        changes=tuple(change_badge(c) for c in entry.changes),
        events=_event_lines(entry),
        months_since_previous=entry.interval_months,
        is_exam=entry.is_exam,
    )


def load_timeline(
    engine: Engine, person_id: int | None, today: date, interval_months: int = 12
) -> TimelineView:
    """A person's timeline, newest first (the first person with studies when None)."""
    library = load_library(engine, person_id, today, interval_months)
    if library.person_id is None:
        return TimelineView(None, "", (), None, False)
    from mammolog.services.timeline import person_timeline

    timeline = person_timeline(
        engine, library.person_id, today=today, screening_interval_months=interval_months
    )
    items = tuple(_timeline_item(entry) for entry in reversed(timeline.entries))
    return TimelineView(
        person_id=library.person_id,
        person_name=timeline.display_name,
        items=items,
        due=due_notice(timeline.next_due),
        has_results=any(item.right or item.left for item in items),
    )
