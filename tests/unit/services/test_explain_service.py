"""Explaining a stored study, the latest result and what is due, and the calendar export."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy.engine import Engine

from mammolog.catalog.migrate import open_catalog
from mammolog.domain.explain_content import About, Concern
from mammolog.domain.lexicon import Side
from mammolog.export.calendar import CalendarError
from mammolog.paths import AppPaths
from mammolog.services import results
from mammolog.services.calendar import NothingDatedDue, export_calendar, first_name
from mammolog.services.explain import (
    due_advice,
    explain_latest,
    explain_study,
    explain_term,
)
from mammolog.services.studies import StudyNotFound
from mammolog.services.workup import add_pathology, add_procedure
from tests.factories import make_study

TODAY = date(2026, 12, 1)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = open_catalog(AppPaths.under_home(tmp_path / "h"))
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1), patient_name="KOWALSKA^MARIA")
    make_study(engine, uid="1.2", study_date=date(2025, 3, 3), patient_name="KOWALSKA^MARIA")
    results.assess(engine, "1.1", right="2", left="2", density="c")
    results.assess(engine, "1.2", right="2", left="4B", density="c")
    results.add_finding(
        engine, "1.2", type="calcification", side="L", morphology="fine-pleomorphic",
        distribution="grouped", quadrant="UOQ", clock="2",
    )  # fmt: skip
    return engine


def test_explain_a_stored_4b_study_with_its_changes_and_what_is_due(engine: Engine) -> None:
    explained = explain_study(engine, "1.2", today=TODAY)
    assert explained.study_uid == "1.2" and explained.date == date(2025, 3, 3)
    about = [item.about for item in explained.explanations]
    assert about.count(About.CATEGORY) == 2 and About.DENSITY in about
    left = next(i for i in explained.explanations if i.side is Side.LEFT and i.term == "4B")
    assert "magnification views" in left.next_steps[0]
    change = next(i for i in explained.explanations if i.term == "category_up")
    assert change.side is Side.LEFT and change.concern is Concern.MODERATE
    due = next(i for i in explained.explanations if i.about is About.DUE)
    assert due.title == "Arrange the biopsy your doctor advised; it was due on 3 March 2025."
    earlier = explain_study(engine, "1.1", today=TODAY)
    assert not any(i.about is About.DUE for i in earlier.explanations)  # not her latest


def test_work_up_done_since_the_study_is_named(engine: Engine) -> None:
    add_procedure(
        engine, procedure_date="2025-03-12", procedure_type="magnification-views", side="L",
        today=TODAY, study_ref="1.2",
    )  # fmt: skip
    biopsy, _ = add_procedure(
        engine, procedure_date="2025-03-20", procedure_type="stereotactic-biopsy", side="L",
        today=TODAY, study_ref="1.2",
    )  # fmt: skip
    add_pathology(
        engine, result_date="2025-03-25", outcome="benign", side="L", today=TODAY,
        procedure_id=biopsy,
    )  # fmt: skip
    explained = explain_study(engine, "1.2", today=TODAY)
    left = next(i for i in explained.explanations if i.side is Side.LEFT and i.term == "4B")
    assert left.next_steps[:2] == (
        "Done: Magnification views on 2025-03-12.",
        "Done: Stereotactic core needle biopsy on 2025-03-20.",
    )
    assert any(i.about is About.PATHOLOGY and i.term == "benign" for i in explained.explanations)
    advice = due_advice(engine, None, today=TODAY)
    assert advice.action == "Ask your doctor when your next mammogram should be."


def test_latest_result_and_unknown_studies(engine: Engine, tmp_path: Path) -> None:
    latest = explain_latest(engine, None, today=TODAY)
    assert latest.results is not None and latest.results.study_uid == "1.2"
    assert latest.display_name == "Kowalska, Maria"
    with pytest.raises(StudyNotFound):
        explain_study(engine, "9.9", today=TODAY)
    make_study(engine, uid="1.3", study_date=None, patient_name="KOWALSKA^MARIA")
    with pytest.raises(StudyNotFound, match="no date"):
        explain_study(engine, "1.3", today=TODAY)
    assert explain_term("segmental").explanations[0].concern is Concern.HIGH
    empty = open_catalog(AppPaths.under_home(tmp_path / "other"))
    make_study(empty, uid="2.1", study_date=date(2025, 1, 1))
    nothing = explain_latest(empty, None, today=TODAY)
    assert nothing.results is None and nothing.due.action == "Add the result of your latest exam."


def test_calendar_names_her_first_name_only_and_keeps_its_uid(
    engine: Engine, tmp_path: Path
) -> None:
    results.assess(engine, "1.2", right="2", left="2", density="c")
    out = tmp_path / "due.ics"
    first = export_calendar(engine, out, None, today=TODAY, now=datetime(2026, 12, 1, tzinfo=UTC))
    assert first.due_date == date(2026, 3, 3) and first.overdue
    event = Calendar.from_ical(out.read_bytes()).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Book your routine screening mammogram (Maria)"
    assert "Kowalska" not in out.read_text()
    with pytest.raises(CalendarError, match="--force"):
        export_calendar(engine, out, None, today=TODAY)
    again = export_calendar(engine, out, None, today=TODAY, full_name=True, force=True)
    assert again.uid == first.uid and "Kowalska, Maria" in again.summary
    with pytest.raises(CalendarError, match="folder"):
        export_calendar(engine, tmp_path, None, today=TODAY)


def test_calendar_refuses_when_nothing_dated_is_due(engine: Engine, tmp_path: Path) -> None:
    results.assess(engine, "1.2", right="2", left="6", density="c")
    with pytest.raises(NothingDatedDue, match="breast care team"):
        export_calendar(engine, tmp_path / "due.ics", None, today=TODAY)
    assert not (tmp_path / "due.ics").exists()


@pytest.mark.parametrize(
    ("display", "first"),
    [("Kowalska, Maria Anna", "Maria"), ("Kowalska", ""), (", Maria", ""), ("Doe,", "")],
)
def test_first_name(display: str, first: str) -> None:
    assert first_name(display) == first
