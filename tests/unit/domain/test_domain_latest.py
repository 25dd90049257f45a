"""The one rule for "the latest result per breast", and next due agreeing with it."""

from __future__ import annotations

import datetime as dt

import pytest

from mammolog.domain.due import DueKind, next_due
from mammolog.domain.latest import breast_category, latest_results, results_by_day
from mammolog.domain.lexicon import Category, Density, Side
from mammolog.domain.records import Assessment, Exam

D = dt.date
T = dt.time


def exam(
    day: str,
    *,
    right: str | None = None,
    left: str | None = None,
    overall: str | None = None,
    density: str | None = None,
    at: dt.time | None = None,
    uid: str = "",
) -> Exam:
    assessment = Assessment.from_input(right=right, left=left, overall=overall, density=density)
    return Exam(D.fromisoformat(day), uid or f"u-{day}-{right}-{left}-{overall}", assessment,
                study_time=at)  # fmt: skip


def test_later_date_wins_per_breast() -> None:
    exams = [exam("2023-03-01", right="2", left="2"), exam("2024-03-01", right="1", left="3")]
    latest = latest_results(exams)
    assert (latest.right.category, latest.right.exam_date) == (Category.C1, D(2024, 3, 1))
    assert (latest.left.category, latest.left.exam_date) == (Category.C3, D(2024, 3, 1))


def test_same_day_zero_zero_and_four_a_one_agree_with_next_due() -> None:
    exams = [
        exam("2024-05-02", right="0", left="0", uid="screening"),
        exam("2024-05-02", right="4A", left="1", uid="work-up"),
    ]
    for order in (exams, exams[::-1]):
        latest = latest_results(order)
        assert latest.right.category is Category.C4A and latest.right.study_uid == "work-up"
        assert latest.left.category is Category.C1
        assert latest.latest_day is not None and latest.latest_day.study_uid == "work-up"
        due = next_due(order, today=D(2024, 5, 10))
        assert due.kind is DueKind.BIOPSY and "4A" in due.reason


def test_a_lone_zero_on_its_day_counts() -> None:
    latest = latest_results([exam("2024-05-02", overall="0")])
    assert latest.right.category is Category.C0 and latest.left.category is Category.C0


def test_time_orders_one_day_when_every_study_has_one() -> None:
    morning = exam("2024-05-02", right="4B", left="1", at=T(9, 0), uid="a")
    afternoon = exam("2024-05-02", right="2", left="1", at=T(15, 30), uid="b")
    latest = latest_results([afternoon, morning])
    assert latest.right.category is Category.C2 and latest.right.study_uid == "b"
    assert next_due([morning, afternoon], today=D(2024, 6, 1)).kind is DueKind.SCREENING


def test_a_study_without_time_lets_the_more_worrying_result_count() -> None:
    timed = exam("2024-05-02", right="2", left="1", at=T(15, 30), uid="timed")
    untimed = exam("2024-05-02", right="4B", left="1", uid="untimed")
    for order in ([timed, untimed], [untimed, timed]):
        latest = latest_results(order)
        assert latest.right.category is Category.C4B and latest.right.study_uid == "untimed"
        assert next_due(order, today=D(2024, 6, 1)).kind is DueKind.BIOPSY


def test_same_date_and_time_the_more_worrying_wins() -> None:
    a = exam("2024-05-02", right="3", left="1", at=T(10, 0), uid="a")
    b = exam("2024-05-02", right="4C", left="1", at=T(10, 0), uid="b")
    assert latest_results([a, b]).right.category is Category.C4C
    assert latest_results([b, a]).right.category is Category.C4C


def test_a_later_study_assessed_on_one_side_only() -> None:
    exams = [exam("2023-01-10", right="2", left="2"), exam("2024-02-01", left="4A")]
    latest = latest_results(exams)
    assert (latest.right.category, latest.right.exam_date) == (Category.C2, D(2023, 1, 10))
    assert (latest.left.category, latest.left.exam_date) == (Category.C4A, D(2024, 2, 1))
    assert next_due(exams, today=D(2024, 3, 1)).kind is DueKind.BIOPSY


def test_an_overall_only_result_holds_for_both_breasts() -> None:
    latest = latest_results(
        [exam("2023-01-10", right="3", left="1"), exam("2024-01-10", overall="2")]
    )
    assert latest.right.category is Category.C2 and latest.left.category is Category.C2
    assert breast_category(None, Side.RIGHT) is None


def test_density_comes_from_the_latest_exam_that_recorded_one() -> None:
    exams = [exam("2022-01-10", overall="1", density="c"), exam("2024-01-10", overall="2")]
    latest = latest_results(exams)
    assert (latest.density, latest.density_date) == (Density.C, D(2022, 1, 10))


def test_exams_without_results_give_nothing() -> None:
    latest = latest_results([Exam(D(2024, 1, 1), "x")])
    assert latest.right.category is None and latest.left.category is None
    assert latest.latest_day is None and latest.density is None
    assert latest.of(Side.LEFT) is latest.left and latest.of(Side.RIGHT) is latest.right
    assert results_by_day([]) == ()


@pytest.mark.parametrize("bad", ["10:00", 1000])
def test_study_time_must_be_a_time(bad: object) -> None:
    from mammolog.domain.errors import DomainValidationError

    with pytest.raises(DomainValidationError):
        Exam(D(2024, 1, 1), "x", study_time=bad)  # type: ignore[arg-type]


def test_the_timeline_reads_a_day_towards_the_result_that_counts() -> None:
    from mammolog.domain.timeline import build_timeline

    prior = exam("2023-05-02", right="1", left="1", uid="z-prior")
    screening = exam("2024-05-02", right="0", left="0", uid="b-screening")
    work_up = exam("2024-05-02", right="4A", left="1", uid="a-work-up")
    unassessed = Exam(D(2024, 5, 2), "c-unassessed")
    entries = build_timeline([work_up, unassessed, screening, prior])
    assert [e.study_uid for e in entries] == ["z-prior", "c-unassessed", "b-screening", "a-work-up"]
    assert entries[-1].right.category is Category.C4A
    assert [(c.before, c.after) for c in entries[-1].changes if c.side is Side.RIGHT] == [
        ("0", "4A")
    ]
