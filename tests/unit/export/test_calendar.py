"""The .ics of the next due exam: parses with icalendar, one all-day event, one alarm, stable UID."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from mammolog.export.calendar import (
    REMINDER_DAYS,
    CalendarError,
    DueEvent,
    calendar_bytes,
    write_calendar,
)

EVENT = DueEvent(
    due_date=date(2027, 10, 31),
    summary="Book your routine screening mammogram (Maria)",
    description="Book your routine screening mammogram; it is due on 31 October 2027.\n\nBring your discs.",
    uid="0f8e-test@mammolog",
    reminder="In 14 days: book your routine screening mammogram.",
    generated=datetime(2026, 12, 1, 8, 30, tzinfo=UTC),
)


def _parse(data: bytes) -> Calendar:
    calendar = Calendar.from_ical(data)
    for component in calendar.walk():
        assert not component.errors, component.errors  # icalendar records what it could not read
    return calendar


def test_the_calendar_is_valid_rfc5545_with_one_all_day_event_and_one_alarm() -> None:
    data = calendar_bytes(EVENT)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded lines (RFC 5545 3.1)
    calendar = _parse(data)
    assert str(calendar["VERSION"]) == "2.0" and "mammolog" in str(calendar["PRODID"])
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == EVENT.due_date
    assert not isinstance(event.decoded("DTSTART"), datetime)  # all-day: a DATE value
    assert event.decoded("DTEND") == EVENT.due_date + timedelta(days=1)
    assert str(event["UID"]) == EVENT.uid and "DTSTAMP" in event
    assert str(event["SUMMARY"]) == EVENT.summary
    assert str(event["DESCRIPTION"]) == EVENT.description
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY" and str(alarm["DESCRIPTION"]) == EVENT.reminder
    assert alarm.decoded("TRIGGER") == timedelta(days=-REMINDER_DAYS)


def test_a_later_export_keeps_the_uid_and_raises_the_sequence(tmp_path: Path) -> None:
    out = tmp_path / "due.ics"
    write_calendar(EVENT, out)
    first = _parse(out.read_bytes()).walk("VEVENT")[0]
    later = DueEvent(
        date(2028, 1, 5), EVENT.summary, EVENT.description, EVENT.uid, EVENT.reminder,
        datetime(2027, 2, 1, tzinfo=UTC),
    )  # fmt: skip
    with pytest.raises(CalendarError, match="--force"):
        write_calendar(later, out)
    write_calendar(later, out, force=True)
    second = _parse(out.read_bytes()).walk("VEVENT")[0]
    assert str(second["UID"]) == str(first["UID"])
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])
    assert second.decoded("DTSTART") == date(2028, 1, 5)
    assert out.stat().st_mode & 0o777 == 0o600


def test_a_missing_folder_or_a_folder_as_target_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CalendarError, match="does not exist"):
        write_calendar(EVENT, tmp_path / "absent" / "due.ics")
    with pytest.raises(CalendarError, match="is a folder"):
        write_calendar(EVENT, tmp_path)
