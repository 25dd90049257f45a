"""The timeline screen's record: one read, entries that say what they are, truthful gaps."""

from __future__ import annotations

import datetime as dt
from datetime import date
from pathlib import Path

import pytest

from mammolog.catalog.migrate import open_catalog
from mammolog.domain.records import Assessment, Exam, Pathology, Procedure
from mammolog.domain.timeline import EntryKind, build_timeline
from mammolog.domain.timeline_words import interval_label
from mammolog.paths import AppPaths
from mammolog.services.results import assess
from mammolog.services.timeline import person_timeline, time_of_day
from mammolog.services.timeline_view import timeline_view
from mammolog.services.workup import add_pathology, add_procedure
from tests.factories import make_study

TODAY = date(2026, 1, 1)


def test_an_empty_library_gives_an_empty_view(tmp_path: Path) -> None:
    engine = open_catalog(AppPaths.under_home(tmp_path / "home"))
    view = timeline_view(engine, None, today=TODAY)
    assert (view.person_id, view.items, view.latest, view.next_due) == (None, (), None, None)
    assert view.counts_text() == "0 exams" and not view.has_results


def test_the_view_counts_exams_apart_and_words_every_gap(tmp_path: Path) -> None:
    engine = open_catalog(AppPaths.under_home(tmp_path / "home"))
    person = make_study(engine, uid="9.1", study_date=date(2024, 1, 10), description="")
    make_study(engine, uid="9.2", study_date=date(2024, 8, 12), description="Screening")
    make_study(
        engine, uid="9.3", study_date=date(2023, 1, 1), patient_name="OTHER^ANNA",
        patient_id="Q9", issuer="ELSEWHERE", birth_date=date(1970, 1, 1),
    )  # fmt: skip
    assess(engine, "9.1", right="4A", left="1", recommendation="biopsy", note="booked")
    assess(engine, "9.2", right="2", left="1")
    biopsy, _ = add_procedure(
        engine, procedure_date=date(2024, 1, 20), procedure_type="ultrasound-biopsy", side="R",
        today=TODAY, study_ref="9.1", note="14G",
    )  # fmt: skip
    add_pathology(
        engine, result_date=date(2024, 4, 1), outcome="benign", side="R", today=TODAY,
        procedure_id=biopsy, text="fibroadenoma",
    )  # fmt: skip
    view = timeline_view(engine, None, today=TODAY)
    assert view.person_id == person and len(view.person_ids) == 2
    assert view.counts_text() == "2 exams · 1 procedure · 1 pathology result"
    kinds = [item.kind for item in view.items]
    assert kinds == [EntryKind.EXAM, EntryKind.PATHOLOGY, EntryKind.PROCEDURE, EntryKind.EXAM]
    newest, pathology, procedure, first = view.items
    assert newest.interval == "7 months since the previous exam" and newest.is_exam
    assert pathology.interval == "3 months after the exam of 2024-01-10"
    assert pathology.title == "Pathology result" and "(fibroadenoma)" in pathology.events[0]
    assert procedure.interval == "10 days after the exam of 2024-01-10"
    assert procedure.title == "Procedure" and procedure.events[0].endswith(": 14G")
    assert first.interval == "" and first.title == "Exam"
    assert (first.recommendation, first.note, first.right, first.left) == (
        "biopsy", "booked", "4A", "1"
    )  # fmt: skip
    assert view.latest is not None and view.latest.right.study_uid == "9.2"
    assert view.next_due is not None and view.has_results
    data = person_timeline(engine, person, today=TODAY).as_json()
    entries = data["entries"]
    assert isinstance(entries, list)
    assert [e["kind"] for e in entries] == ["exam", "procedure", "pathology", "exam"]
    assert [e["interval_months"] for e in entries] == [None, 0.3, 2.7, 7.1]  # 215 days
    assert data["person_id"] == person
    other = timeline_view(engine, view.person_ids[1], today=TODAY)
    assert other.person_name != view.person_name and other.counts_text() == "1 exam"
    unknown = timeline_view(engine, 999, today=TODAY)
    assert unknown.person_id == person
    add_procedure(
        engine, procedure_date=date(2024, 4, 1), procedure_type="mri", side="R", today=TODAY,
        study_ref="9.1",
    )  # fmt: skip
    same_day = timeline_view(engine, person, today=TODAY).items[1]
    assert same_day.title == "Procedure and pathology result"
    assert same_day.kind is EntryKind.PROCEDURE and len(same_day.events) == 2


def test_the_study_time_orders_a_day_through_the_catalog(tmp_path: Path) -> None:
    from sqlmodel import select

    from mammolog.catalog.db import write_session
    from mammolog.catalog.models import Study

    engine = open_catalog(AppPaths.under_home(tmp_path / "home"))
    make_study(engine, uid="8.1", study_date=date(2024, 5, 2))
    make_study(engine, uid="8.2", study_date=date(2024, 5, 2))
    assess(engine, "8.1", right="4B", left="1")
    assess(engine, "8.2", right="2", left="1")
    with write_session(engine) as session:
        for study in session.exec(select(Study)).all():
            study.study_time = "090000" if study.study_uid == "8.1" else "143000.25"
    timeline = person_timeline(engine, None, today=TODAY)
    assert timeline.latest.right.study_uid == "8.2"  # the afternoon work-up
    assert timeline.next_due.kind.value == "screening"
    assert [e.study_uid for e in timeline.entries] == ["8.1", "8.2"]


@pytest.mark.parametrize(
    ("stored", "expected"),
    [("", None), ("093000", dt.time(9, 30)), ("0930", dt.time(9, 30)), ("09", dt.time(9)),
     ("09:30:05", dt.time(9, 30, 5)), ("093000.5", dt.time(9, 30, 0, 500000)),
     ("250000", None), ("ab", None), ("0930.x", None), ("1", None)],
)  # fmt: skip
def test_study_times_as_stored(stored: str, expected: dt.time | None) -> None:
    assert time_of_day(stored) == expected


def test_gap_words_for_items_that_are_not_exams() -> None:
    exam = Exam(date(2024, 1, 1), "e1", Assessment(overall="2"))  # type: ignore[arg-type]
    later = Procedure(date(2024, 5, 1), "mri", "L")  # type: ignore[arg-type]
    early = Pathology(date(2023, 6, 1), "benign", "L")  # type: ignore[arg-type]
    entries = build_timeline([exam], [later], [early])
    assert interval_label(entries[0]) == ""  # before any exam
    assert interval_label(entries[2]) == "4 months after the exam of 2024-01-01"
    assert interval_label(entries[2], lambda d: "month 0") == "4 months after the exam of month 0"
