"""Put the next due exam into her own calendar: an ``.ics`` file with a reminder.

The words are those of the due badge (:func:`mammolog.domain.explain_words.due_action`). The
event names no one beyond her first name (none when the first name cannot be told from the
recorded name), unless the full name is asked for. Its UID is derived from the person's
record, so every export for her carries the same UID and replaces the earlier event.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from mammolog.catalog.db import read_session
from mammolog.domain.explain_content import explanation_book
from mammolog.domain.explain_words import date_words, due_action
from mammolog.export.calendar import REMINDER_DAYS, DueEvent, write_calendar
from mammolog.services.explain import first_name
from mammolog.services.timeline import choose_person, load_history, timeline_of

__all__ = ["CalendarExport", "NothingDatedDue", "export_calendar", "first_name"]

_UID_NAMESPACE = uuid.UUID("5b0c2d1e-8a47-4e0f-9d0a-6c1f3b7e2a91")


class NothingDatedDue(ValueError):
    """What is due has no date, so there is nothing to put in a calendar."""


@dataclass(frozen=True)
class CalendarExport:
    """The calendar written: where, the event's date, words and UID."""

    path: Path
    due_date: date
    summary: str
    uid: str
    overdue: bool
    bytes: int

    def as_json(self) -> dict[str, object]:
        """The JSON printed by ``mammolog export calendar --json``."""
        return {
            "path": str(self.path.absolute()),
            "due_date": self.due_date.isoformat(),
            "summary": self.summary,
            "uid": self.uid,
            "overdue": self.overdue,
            "bytes": self.bytes,
        }


def export_calendar(
    engine: Engine,
    out: Path,
    person_id: int | None,
    *,
    today: date,
    screening_interval_months: int = 12,
    full_name: bool = False,
    force: bool = False,
    now: datetime | None = None,
) -> CalendarExport:
    """Write the next due exam of one person (the only one when ``person_id`` is None)."""
    with read_session(engine) as session:
        person = choose_person(session, person_id)
        created = person.created_at.isoformat()
        history = load_history(session, person)
    due = timeline_of(
        history, today=today, screening_interval_months=screening_interval_months
    ).next_due
    action = due_action(due, today=today)
    if due.date is None:
        raise NothingDatedDue(f"there is no due date to put in a calendar: {action}")
    book = explanation_book()
    entry = book.entry("due", due.kind.value)
    name = history.display_name if full_name else first_name(history.display_name)
    summary = entry.action + (f" ({name})" if name else "")
    when = date_words(due.date, today=today)
    description = "\n".join(
        [
            action,
            "",
            entry.summary,
            f"Why: {due.reason}.",
            "",
            "How to prepare:",
            *(f"- {step}" for step in entry.next_steps),
            "- Write down the questions you want to ask.",
            "",
            book.disclaimer,
        ]
    )
    event = DueEvent(
        due_date=due.date,
        summary=summary,
        description=description,
        uid=f"{uuid.uuid5(_UID_NAMESPACE, f'next-due/{history.person_id}/{created}')}@mammolog",
        reminder=f"In {REMINDER_DAYS} days, on {when}: {entry.action.lower()}.",
        generated=now or datetime.now(UTC),
    )
    size = write_calendar(event, out, force=force)
    return CalendarExport(out, due.date, summary, event.uid, due.overdue, size)
