"""What is due next: every rule."""

from __future__ import annotations

import datetime as dt

import pytest

from mammolog.domain.due import DueKind, NextDue, add_months, next_due
from mammolog.domain.errors import DomainValidationError
from mammolog.domain.latest import results_by_day
from mammolog.domain.lexicon import Category
from mammolog.domain.records import Assessment, Exam, Pathology, Procedure

D = dt.date


def exam(day: str, overall: str, *, left: str | None = None, uid: str | None = None) -> Exam:
    if left is not None:
        assessment = Assessment.from_input(right="1", left=left)
    else:
        assessment = Assessment.from_input(overall=overall)
    return Exam(D.fromisoformat(day), uid or f"u{day}{overall}", assessment)


def biopsy(
    day: str, side: str = "L", ref: str | None = None, kind: str = "stereotactic-biopsy"
) -> Procedure:
    return Procedure(D.fromisoformat(day), kind, side, ref=ref)  # type: ignore[arg-type]


def path(day: str, outcome: str, side: str = "L", ref: str | None = None) -> Pathology:
    return Pathology(D.fromisoformat(day), outcome, side, procedure_ref=ref)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [(D(2020, 1, 31), 1, D(2020, 2, 29)), (D(2021, 1, 31), 1, D(2021, 2, 28)),
     (D(2020, 12, 15), 12, D(2021, 12, 15)), (D(2020, 11, 30), 3, D(2021, 2, 28)),
     (D(2020, 5, 5), 0, D(2020, 5, 5)), (D(2020, 2, 29), 12, D(2021, 2, 28))],
)  # fmt: skip
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize("category", ["1", "2"])
def test_negative_or_benign_means_routine_screening(category: str) -> None:
    due = next_due([exam("2024-03-10", category)], today=D(2024, 6, 1))
    assert (due.kind, due.date, due.overdue) == (DueKind.SCREENING, D(2025, 3, 10), False)
    assert "every 12 months" in due.reason


def test_screening_interval_is_a_setting_and_overdue_is_after_the_date() -> None:
    exams = [exam("2022-03-10", "1")]
    assert next_due(exams, today=D(2024, 3, 10), screening_interval_months=24).overdue is False
    late = next_due(exams, today=D(2024, 3, 11), screening_interval_months=24)
    assert (late.date, late.overdue) == (D(2024, 3, 10), True)
    assert next_due(exams, today=D(2024, 1, 1), screening_interval_months=36).date == D(2025, 3, 10)


@pytest.mark.parametrize("bad", [0, -12, 121, True, "12", 1.5])
def test_bad_screening_interval(bad: object) -> None:
    with pytest.raises(DomainValidationError, match="^screening_interval_months: "):
        next_due([], today=D(2024, 1, 1), screening_interval_months=bad)  # type: ignore[arg-type]


def test_probably_benign_surveillance_sequence() -> None:
    today = D(2020, 1, 1)
    first = exam("2019-01-15", "3")
    steps = [
        ([first], D(2019, 7, 15), "6-month"),
        ([first, exam("2019-07-20", "3")], D(2020, 1, 15), "12-month"),
        ([first, exam("2019-07-20", "3"), exam("2020-01-10", "3")], D(2021, 1, 15), "24-month"),
    ]
    for exams, date, words in steps:
        due = next_due([exam("2018-01-01", "1"), *exams], today=today)
        assert (due.kind, due.date) == (DueKind.FOLLOW_UP, date)
        assert words in due.reason
    done = [first, exam("2019-07-20", "3"), exam("2020-01-10", "3"), exam("2021-01-12", "3")]
    due = next_due(done, today=today)
    assert (due.kind, due.date) == (DueKind.SCREENING, D(2022, 1, 12))
    assert "confirm with your doctor" in due.reason


def test_a_new_run_of_3_starts_the_sequence_again() -> None:
    exams = [exam("2018-01-01", "3"), exam("2018-07-01", "2"), exam("2019-01-01", "3")]
    assert next_due(exams, today=D(2019, 2, 1)).date == D(2019, 7, 1)


def test_follow_up_overdue() -> None:
    due = next_due([exam("2019-01-15", "3")], today=D(2019, 8, 1))
    assert due.overdue


def test_incomplete_means_additional_imaging_now() -> None:
    due = next_due([exam("2024-03-10", "0")], today=D(2024, 3, 10))
    assert (due.kind, due.date, due.overdue) == (DueKind.ADDITIONAL_IMAGING, D(2024, 3, 10), False)
    assert next_due([exam("2024-03-10", "0")], today=D(2024, 4, 1)).overdue


@pytest.mark.parametrize("category", ["4", "4A", "4B", "4C", "5"])
def test_suspicious_means_biopsy_now(category: str) -> None:
    due = next_due([exam("2024-03-10", "1"), exam("2024-03-20", category)], today=D(2024, 3, 21))
    assert (due.kind, due.date, due.overdue) == (DueKind.BIOPSY, D(2024, 3, 20), True)


def test_biopsy_without_pathology_asks_for_the_result() -> None:
    due = next_due(
        [exam("2024-03-20", "4B", left="4B")], [biopsy("2024-03-28")], today=D(2024, 4, 1)
    )
    assert (due.kind, due.date, due.overdue) == (DueKind.PATHOLOGY_RESULT, None, False)


def test_benign_biopsy_doctor_decides_or_manual_date() -> None:
    exams = [exam("2024-03-20", "4B", left="4B")]
    procs, paths = [biopsy("2024-03-28", ref="b1")], [path("2024-04-02", "benign", ref="b1")]
    due = next_due(exams, procs, paths, today=D(2024, 4, 5))
    assert (due.kind, due.date, due.overdue) == (DueKind.DOCTOR_DECIDES, None, False)
    assert "your doctor decides" in due.reason
    manual = next_due(exams, procs, paths, today=D(2024, 11, 1), manual_due=D(2024, 10, 2))
    assert (manual.kind, manual.date, manual.overdue) == (DueKind.MANUAL, D(2024, 10, 2), True)
    assert "benign biopsy" in manual.reason


def test_biopsy_before_the_suspicious_exam_or_other_side_does_not_count() -> None:
    exams = [exam("2024-03-20", "4A", left="4A")]
    old = [biopsy("2023-01-01")]
    assert (
        next_due(exams, old, [path("2023-01-05", "benign")], today=D(2024, 4, 1)).kind
        is DueKind.BIOPSY
    )
    right = [biopsy("2024-03-25", side="R")]
    assert (
        next_due(exams, right, [path("2024-03-30", "benign", "R")], today=D(2024, 4, 1)).kind
        is DueKind.BIOPSY
    )
    both = [biopsy("2024-03-25", side="B")]
    assert next_due(exams, both, today=D(2024, 4, 1)).kind is DueKind.PATHOLOGY_RESULT


def test_pathology_of_another_procedure_does_not_count() -> None:
    exams = [exam("2024-03-20", "4A", left="4A")]
    due = next_due(
        exams,
        [biopsy("2024-03-25", ref="b1")],
        [path("2024-03-30", "benign", ref="zz")],
        today=D(2024, 4, 1),
    )
    assert due.kind is DueKind.PATHOLOGY_RESULT


def test_high_risk_pathology_doctor_decides() -> None:
    exams = [exam("2024-03-20", "4A", left="4A")]
    due = next_due(
        exams, [biopsy("2024-03-25")], [path("2024-03-30", "atypia")], today=D(2024, 4, 1)
    )
    assert (due.kind, due.date) == (DueKind.DOCTOR_DECIDES, None)
    assert "high-risk" in due.reason


@pytest.mark.parametrize("outcome", ["dcis", "invasive"])
def test_malignant_pathology_means_treatment(outcome: str) -> None:
    exams = [exam("2024-03-20", "4C", left="4C")]
    due = next_due(
        exams, [biopsy("2024-03-25")], [path("2024-03-30", outcome)], today=D(2024, 4, 1)
    )
    assert (due.kind, due.date, due.overdue) == (DueKind.TREATMENT, None, False)
    assert outcome in due.reason


def test_known_cancer_means_treatment() -> None:
    due = next_due([exam("2024-03-20", "6")], today=D(2025, 1, 1))
    assert (due.kind, due.date, due.overdue) == (DueKind.TREATMENT, None, False)


def test_procedures_and_pathology_carried_on_exams_count_too() -> None:
    carrier = Exam(
        D(2024, 3, 28),
        "bx",
        procedures=(biopsy("2024-03-28"),),
        pathology=(path("2024-04-02", "benign"),),
    )
    due = next_due([exam("2024-03-20", "4B", left="4B"), carrier], today=D(2024, 4, 5))
    assert due.kind is DueKind.DOCTOR_DECIDES


def test_a_later_result_supersedes_the_biopsy_story() -> None:
    exams = [exam("2024-03-20", "4B", left="4B"), exam("2024-10-01", "2")]
    due = next_due(
        exams,
        [biopsy("2024-03-28")],
        [path("2024-04-02", "benign")],
        today=D(2024, 10, 2),
        manual_due=D(2024, 9, 28),
    )
    assert (due.kind, due.date) == (DueKind.SCREENING, D(2025, 10, 1))


def test_manual_date_wins_unless_older_than_the_latest_event() -> None:
    exams = [exam("2024-03-10", "2")]
    due = next_due(exams, today=D(2024, 4, 1), manual_due=D(2024, 9, 10))
    assert (due.kind, due.date, due.overdue) == (DueKind.MANUAL, D(2024, 9, 10), False)
    assert due.reason.endswith("date set by hand")
    stale = next_due(exams, today=D(2024, 4, 1), manual_due=D(2024, 3, 1))
    assert stale.kind is DueKind.SCREENING


def test_no_results_yet() -> None:
    due = next_due([Exam(D(2024, 1, 1), "x")], today=D(2024, 2, 1))
    assert (due.kind, due.date, due.overdue) == (DueKind.NO_RESULTS, None, False)
    assert next_due([], today=D(2024, 2, 1), manual_due=D(2024, 5, 1)).kind is DueKind.MANUAL


def test_same_day_results_set_an_incomplete_aside() -> None:
    exams = [exam("2024-03-10", "0", uid="a"), exam("2024-03-10", "2", uid="b")]
    assert next_due(exams, today=D(2024, 4, 1)).kind is DueKind.SCREENING
    exams = [exam("2024-03-10", "2", uid="a"), exam("2024-03-10", "4A", uid="b")]
    assert next_due(exams, today=D(2024, 4, 1)).kind is DueKind.BIOPSY
    assert [d.assessment.overall for d in results_by_day(reversed(exams))] == [Category.C4A]


def test_to_dict_is_the_public_contract() -> None:
    due = NextDue(D(2026, 4, 7), "routine screening", False, DueKind.SCREENING)
    assert due.to_dict() == {"date": "2026-04-07", "reason": "routine screening", "overdue": False}
    assert NextDue(None, "x", False, DueKind.TREATMENT).to_dict()["date"] is None
