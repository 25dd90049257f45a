"""The latest result per breast: one rule, used by the library, timeline, next due and summaries.

Rule (pure; the order the exams come in does not matter):

1. Only exams with a recorded result count. A breast counts on an exam when that exam gives
   it a category, or gives only an overall category (then it holds for both breasts); an exam
   assessed on one side only leaves the other breast's latest result where it was.
2. The latest **date** wins.
3. On one date with several results (a screening and the diagnostic work-up the same day):
   a 0 ("needs additional imaging") is set aside when that day also has a completed result,
   because the work-up completes it.
4. Then the **time** of the study decides, when every remaining study of that day has one.
   A study without a time cannot be placed within its day, so then times are not used.
5. Then, on the same date and time (or when times cannot decide), the **more worrying**
   category wins (order of concern: 1, 2, 3, 0, 4, 4A, 4B, 4C, 5, 6): a wrong reassurance is
   worse than a cautious one. Remaining ties go to the larger study UID, so the answer never
   depends on input order.

The same rule picks one result per day for the whole exam (its overall category), which is
what :mod:`mammolog.domain.due` plans from, so the summary's latest result and next due agree.
Density is that of the latest exam (same rule) that recorded a density.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from mammolog.domain.birads import concern_rank
from mammolog.domain.lexicon import Category, Density, Side
from mammolog.domain.records import Assessment, Exam

__all__ = [
    "BreastResult",
    "DayResult",
    "LatestResults",
    "breast_category",
    "day_order",
    "latest_results",
    "results_by_day",
]


@dataclass(frozen=True, slots=True)
class BreastResult:
    """The latest result of one breast: its category and the exam it comes from."""

    side: Side
    category: Category | None = None
    exam_date: dt.date | None = None
    study_uid: str | None = None


@dataclass(frozen=True, slots=True)
class DayResult:
    """The one result that counts for a date (see rule 3 to 5) and the exam it comes from."""

    date: dt.date
    assessment: Assessment
    study_uid: str | None = None


@dataclass(frozen=True, slots=True)
class LatestResults:
    """The latest result per breast, the latest density, and the latest day's result."""

    right: BreastResult
    left: BreastResult
    density: Density | None = None
    density_date: dt.date | None = None
    latest_day: DayResult | None = None

    def of(self, side: Side) -> BreastResult:
        """The result of the right (``R``) or left (``L``) breast."""
        return self.left if side is Side.LEFT else self.right


def breast_category(assessment: Assessment | None, side: Side) -> Category | None:
    """The category ``assessment`` gives ``side``: its own, or the overall when no side is given."""
    if assessment is None:
        return None
    if assessment.right is None and assessment.left is None:
        return assessment.overall
    return assessment.side(side)


def _day_sorted(exams: Sequence[Exam], category: Callable[[Exam], Category | None]) -> list[Exam]:
    """The exams of one day, the one that counts (rules 3 to 5) last; exams without a
    category first."""
    rated = [exam for exam in exams if category(exam) is not None]
    has_complete = any(category(exam) is not Category.C0 for exam in rated)
    candidates = [e for e in rated if category(e) is not Category.C0] if has_complete else rated
    timed = bool(candidates) and all(exam.study_time is not None for exam in candidates)

    def key(exam: Exam) -> tuple[int, dt.time, int, str, str]:
        found = category(exam)
        if found is None:
            return (0, dt.time.min, -1, exam.study_uid or "", repr(exam))
        complete = 1 if not has_complete or found is not Category.C0 else 0
        when = exam.study_time if timed and exam.study_time is not None else dt.time.min
        return (1 + complete, when, concern_rank(found), exam.study_uid or "", repr(exam))

    return sorted(exams, key=key)


def day_order(exams: Iterable[Exam]) -> list[Exam]:
    """``exams`` by date and, within a date, in the order the rule reads them: the result that
    counts for that day last (exams without a result first). The timeline uses this order."""
    by_day: dict[dt.date, list[Exam]] = {}
    for exam in exams:
        by_day.setdefault(exam.study_date, []).append(exam)
    return [exam for day in sorted(by_day) for exam in _day_sorted(by_day[day], _overall)]


def _pick(candidates: Sequence[Exam], category: Callable[[Exam], Category | None]) -> Exam:
    """Rules 2 to 5 over exams that all have a category by ``category``."""
    last_day = max(exam.study_date for exam in candidates)
    return _day_sorted([exam for exam in candidates if exam.study_date == last_day], category)[-1]


def _overall(exam: Exam) -> Category | None:
    return exam.assessment.overall if exam.assessment is not None else None


def results_by_day(exams: Iterable[Exam]) -> tuple[DayResult, ...]:
    """One result per date, oldest first, chosen by rules 3 to 5 on the overall category."""
    by_day: dict[dt.date, list[Exam]] = {}
    for exam in exams:
        if exam.assessment is not None:
            by_day.setdefault(exam.study_date, []).append(exam)
    days = []
    for day in sorted(by_day):
        chosen = _pick(by_day[day], _overall)
        assert chosen.assessment is not None
        days.append(DayResult(day, chosen.assessment, chosen.study_uid))
    return tuple(days)


def _breast(exams: Sequence[Exam], side: Side) -> BreastResult:
    having = [exam for exam in exams if breast_category(exam.assessment, side) is not None]
    if not having:
        return BreastResult(side)

    def category(exam: Exam) -> Category | None:
        return breast_category(exam.assessment, side)

    chosen = _pick(having, category)
    return BreastResult(side, category(chosen), chosen.study_date, chosen.study_uid)


def latest_results(exams: Iterable[Exam]) -> LatestResults:
    """The latest result of each breast, the latest density and the latest day's result."""
    exam_list = [exam for exam in exams if exam.assessment is not None]
    with_density = [
        exam for exam in exam_list if exam.assessment and exam.assessment.density is not None
    ]
    density_exam = _pick(with_density, _overall) if with_density else None
    days = results_by_day(exam_list)
    return LatestResults(
        right=_breast(exam_list, Side.RIGHT),
        left=_breast(exam_list, Side.LEFT),
        density=density_exam.assessment.density
        if density_exam and density_exam.assessment
        else None,
        density_date=density_exam.study_date if density_exam else None,
        latest_day=days[-1] if days else None,
    )
