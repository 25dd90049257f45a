"""What is due next, from the latest result and anything done since.

Rules (``today`` is always passed in; dates are plain ``datetime.date``, no time zones):

* The latest result is the one :func:`mammolog.domain.latest.results_by_day` gives for the
  latest date (the one rule for "latest": on a day with several results a 0 is set aside
  when the day has a completed result, then the study time, then the more worrying result).
* 1 or 2: routine screening ``screening_interval_months`` after that exam (12 by default).
* 3: short-interval surveillance counted from the *first* 3 of the current run of 3s:
  follow-ups 6, 12 and 24 months after it, while the result stays 3 (the n-th 3 after the
  first one means the n-th follow-up is done). Still 3 after the 24-month follow-up: back to
  routine screening, to be confirmed with the doctor.
* 0: additional imaging, due now (the date of that exam).
* 4, 4A, 4B, 4C, 5: biopsy, due now, unless a biopsy (needle or surgical, on the suspicious
  breast or both) was done on or after that exam. After such a biopsy: no pathology yet -> ask
  for the pathology result; benign -> the date set by hand, or "your doctor decides" (no
  date); high-risk lesion -> your doctor decides; DCIS or invasive cancer -> treatment.
* 6, or a DCIS / invasive result on or after the latest exam: treatment (no date).
* ``manual_due``, a date the user set by hand, wins whenever it is not older than the latest
  result or procedure (an older one is left over from before and is ignored).
* ``overdue`` is true when ``today`` is after the due date.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from mammolog.domain.birads import is_suspicious
from mammolog.domain.errors import DomainValidationError
from mammolog.domain.latest import results_by_day
from mammolog.domain.lexicon import Category, PathologyOutcome, Side
from mammolog.domain.records import Assessment, Exam, Pathology, Procedure

__all__ = ["FOLLOW_UP_MONTHS", "DueKind", "NextDue", "add_months", "next_due"]

FOLLOW_UP_MONTHS: tuple[int, ...] = (6, 12, 24)
_PATHOLOGY_RANK = {
    PathologyOutcome.BENIGN: 0,
    PathologyOutcome.HIGH_RISK: 1,
    PathologyOutcome.DCIS: 2,
    PathologyOutcome.INVASIVE: 3,
}


class DueKind(StrEnum):
    """What kind of next step is due."""

    SCREENING = "screening"
    FOLLOW_UP = "follow-up"
    ADDITIONAL_IMAGING = "additional-imaging"
    BIOPSY = "biopsy"
    PATHOLOGY_RESULT = "pathology-result"
    TREATMENT = "treatment"
    DOCTOR_DECIDES = "doctor-decides"
    MANUAL = "manual"
    NO_RESULTS = "no-results"


@dataclass(frozen=True, slots=True)
class NextDue:
    """The next step: its date (``None`` when there is no date to give), why, and if overdue."""

    date: dt.date | None
    reason: str
    overdue: bool
    kind: DueKind

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form: ``{date, reason, overdue}`` with an ISO date or ``None``."""
        return {
            "date": self.date.isoformat() if self.date else None,
            "reason": self.reason,
            "overdue": self.overdue,
        }


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole calendar months; the 31st becomes the month's last day if needed."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _suspicious_sides(assessment: Assessment) -> set[Side]:
    sides = {s for s in (Side.RIGHT, Side.LEFT) if is_suspicious(assessment.side(s))}
    return sides or {Side.RIGHT, Side.LEFT}


@dataclass(frozen=True, slots=True)
class _Plan:
    kind: DueKind
    date: dt.date | None
    context: str


def next_due(
    exams: Iterable[Exam],
    procedures: Iterable[Procedure] = (),
    pathology: Iterable[Pathology] = (),
    *,
    today: dt.date,
    screening_interval_months: int = 12,
    manual_due: dt.date | None = None,
) -> NextDue:
    """What is due next for one person (see the module docstring for the rules)."""
    if (
        isinstance(screening_interval_months, bool)
        or not isinstance(screening_interval_months, int)
        or not 1 <= screening_interval_months <= 120
    ):
        raise DomainValidationError(
            "screening_interval_months", f"{screening_interval_months!r} is not 1 to 120 months"
        )
    exam_list = list(exams)
    procs = {*procedures, *(p for e in exam_list for p in e.procedures)}
    paths = {*pathology, *(p for e in exam_list for p in e.pathology)}
    results = [(day.date, day.assessment) for day in results_by_day(exam_list)]
    if not results:
        plan = _Plan(DueKind.NO_RESULTS, None, "no exam result recorded yet")
        last_event = None
    else:
        plan = _plan(results, procs, paths, screening_interval_months)
        day = results[-1][0]
        dates = [p.date for p in procs] + [p.date for p in paths]
        later = [d for d in dates if d >= day]
        last_event = max([day, *later])
    if manual_due is not None and (last_event is None or manual_due >= last_event):
        return NextDue(
            manual_due, f"{plan.context}: date set by hand", today > manual_due, DueKind.MANUAL
        )
    if plan.kind is DueKind.DOCTOR_DECIDES:
        reason = f"{plan.context}: your doctor decides when (you can set the date by hand)"
    elif plan.kind is DueKind.NO_RESULTS:
        reason = f"{plan.context}: add the result of your latest exam"
    else:
        reason = plan.context
    overdue = plan.date is not None and today > plan.date
    return NextDue(plan.date, reason, overdue, plan.kind)


def _plan(
    results: list[tuple[dt.date, Assessment]],
    procs: set[Procedure],
    paths: set[Pathology],
    interval: int,
) -> _Plan:
    day, assessment = results[-1]
    category = assessment.overall
    assert category is not None
    seen = f"BI-RADS {category.value} on {day.isoformat()}"
    malignant = [
        p
        for p in paths
        if p.date >= day and p.outcome in (PathologyOutcome.DCIS, PathologyOutcome.INVASIVE)
    ]
    if category is Category.C6 or malignant:
        why = seen if category is Category.C6 else f"{_worst(malignant).outcome.value} at pathology"
        return _Plan(DueKind.TREATMENT, None, f"treatment with your care team ({why})")
    if category in (Category.C1, Category.C2):
        return _Plan(
            DueKind.SCREENING,
            add_months(day, interval),
            f"routine screening every {interval} months (last: {seen})",
        )
    if category is Category.C0:
        return _Plan(DueKind.ADDITIONAL_IMAGING, day, f"additional imaging, due now ({seen})")
    if category is Category.C3:
        return _follow_up(results, interval)
    return _after_suspicious(day, assessment, seen, procs, paths)


def _worst(paths: Iterable[Pathology]) -> Pathology:
    return max(paths, key=lambda p: (_PATHOLOGY_RANK[p.outcome], p.date, repr(p)))


def _follow_up(results: list[tuple[dt.date, Assessment]], interval: int) -> _Plan:
    run = []
    for day, assessment in reversed(results):
        if assessment.overall is not Category.C3:
            break
        run.append(day)
    first, done = run[-1], len(run) - 1
    if done < len(FOLLOW_UP_MONTHS):
        months = FOLLOW_UP_MONTHS[done]
        return _Plan(
            DueKind.FOLLOW_UP,
            add_months(first, months),
            f"{months}-month follow-up of a probably benign finding"
            f" (BI-RADS 3 since {first.isoformat()})",
        )
    last = run[0]
    return _Plan(
        DueKind.SCREENING,
        add_months(last, interval),
        f"routine screening every {interval} months after {FOLLOW_UP_MONTHS[-1]} months of"
        f" BI-RADS 3 follow-up (since {first.isoformat()}); confirm with your doctor",
    )


def _after_suspicious(
    day: dt.date,
    assessment: Assessment,
    seen: str,
    procs: set[Procedure],
    paths: set[Pathology],
) -> _Plan:
    sides = _suspicious_sides(assessment)
    biopsies = sorted(
        (
            p
            for p in procs
            if p.is_biopsy and p.date >= day and (p.side in sides or p.side is Side.BOTH)
        ),
        key=lambda p: (p.date, repr(p)),
    )
    if not biopsies:
        return _Plan(DueKind.BIOPSY, day, f"biopsy, due now ({seen})")
    refs = {p.ref for p in biopsies if p.ref}
    first = biopsies[0]
    results = [
        p
        for p in paths
        if p.date >= first.date and (p.procedure_ref is None or p.procedure_ref in refs)
    ]
    if not results:
        return _Plan(
            DueKind.PATHOLOGY_RESULT,
            None,
            f"{first.type.value} on {first.date.isoformat()} ({seen}): add the pathology result",
        )
    result = _worst(results)
    when = result.date.isoformat()
    if result.outcome is PathologyOutcome.BENIGN:
        return _Plan(DueKind.DOCTOR_DECIDES, None, f"benign biopsy result on {when} ({seen})")
    return _Plan(
        DueKind.DOCTOR_DECIDES,
        None,
        f"high-risk lesion at biopsy on {when} ({seen}); often followed by surgical excision",
    )
