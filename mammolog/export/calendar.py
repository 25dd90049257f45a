"""The next due exam as an RFC 5545 calendar file (``.ics``) for her own calendar app.

One all-day event on the due date, with a reminder (VALARM) 14 days before. The UID is given by
the caller and stays the same for a person, so importing a newer export updates the event
instead of adding a second one; SEQUENCE and DTSTAMP grow with each export so calendar apps
take the newer one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from mammolog.export.summary import SummaryError, write_bytes_atomically

__all__ = ["REMINDER_DAYS", "CalendarError", "DueEvent", "calendar_bytes", "write_calendar"]

REMINDER_DAYS = 14
PRODUCT_ID = "-//mammolog//next mammogram due//EN"
_SEQUENCE_ORIGIN = date(2020, 1, 1)


class CalendarError(Exception):
    """The calendar file cannot be written (the message says why, in plain words)."""


@dataclass(frozen=True)
class DueEvent:
    """The next due exam as a calendar event: its date, words and stable UID."""

    due_date: date
    summary: str
    description: str
    uid: str
    reminder: str
    generated: datetime


def calendar_bytes(event: DueEvent) -> bytes:
    """The calendar (one VEVENT with one VALARM) as RFC 5545 bytes."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    item = Event()
    item.add("uid", event.uid)
    stamp = event.generated.astimezone(UTC).replace(microsecond=0)
    item.add("dtstamp", stamp)
    item.add("last-modified", stamp)
    item.add("sequence", max(0, (stamp.date() - _SEQUENCE_ORIGIN).days))
    item.add("dtstart", event.due_date)
    item.add("dtend", event.due_date + timedelta(days=1))
    item.add("transp", "TRANSPARENT")
    item.add("summary", event.summary)
    item.add("description", event.description)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-REMINDER_DAYS))
    alarm.add("description", event.reminder)
    item.add_component(alarm)
    calendar.add_component(item)
    return bytes(calendar.to_ical())


def write_calendar(event: DueEvent, out: Path, *, force: bool = False) -> int:
    """Write the calendar to ``out`` atomically; an existing file only with ``force``.

    Returns the number of bytes written.
    """
    if out.is_dir():
        raise CalendarError(f"{out} is a folder; give a file name such as due.ics")
    if out.exists() and not force:
        raise CalendarError(f"{out} already exists; add --force to replace it")
    payload = calendar_bytes(event)
    try:
        write_bytes_atomically(out, payload)
    except SummaryError as exc:
        raise CalendarError(str(exc)) from exc
    return len(payload)
