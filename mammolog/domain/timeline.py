"""A person's exams in date order, with the interval between them and what changed.

Rules (pure functions, independent of the order the records come in):

* Entries are sorted by date; exams of one date in the order of
  :func:`mammolog.domain.latest.day_order` (the result that counts for the day last, so the
  changes run towards the latest result; ties by study UID). Procedures and pathology given apart from the
  exams join the exam of the same date, or get an entry of their own (no study UID).
* Each entry has a ``kind``: ``exam`` (a study, or a recorded result), ``procedure`` (a date
  holding procedures, with or without pathology) or ``pathology`` (pathology results alone).
* ``interval_months`` is the time since the previous exam (entries of procedures or
  pathology alone are not exams and never count as the previous exam), in months of 30.4375
  days, rounded to one decimal (``None`` before the first exam); ``previous_exam_date`` is
  the date it counts from. :func:`mammolog.domain.timeline_words.interval_label` words it:
  "7 months since the previous exam" on an exam, "3 weeks after the exam of 2024-03-01" on a
  procedure or pathology result.
* ``changes`` compare each breast with the previous exam that assessed that breast. An exam
  with only an overall category counts as that category on both breasts; a result given for
  one breast only leaves the other breast out of the comparison. Density is compared with the
  previous exam that recorded a density. Exams without a result have no changes.
* Category up/down follows the order of concern (2 -> 0 is up, 3 -> 0 is down).
* Findings are paired by :func:`mammolog.domain.findings.match_findings`. A previous finding
  with no partner, or marked ``resolved``, is a ``resolved_finding``; a finding with no
  partner (or marked ``new``) is a ``new_finding``, unless the report calls it stable (then
  it was simply not recorded before). Changed morphology, distribution, shape, margin, mass
  density, asymmetry kind, new associated features and a reported change in size or number
  are ``finding_changed``.
* A change found identically on both breasts (a bilateral finding, or an overall-only
  category) is reported once with side ``B``. A density change has no side (``None``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from mammolog.domain.birads import CATEGORY_INFO, DENSITY_WORDING, Direction, category_direction
from mammolog.domain.errors import DomainValidationError
from mammolog.domain.findings import (
    attribute_changes,
    change_words,
    describe_finding,
    match_findings,
)
from mammolog.domain.latest import breast_category, day_order
from mammolog.domain.lexicon import Category, Change, Density, Side
from mammolog.domain.records import Assessment, Exam, Finding, Pathology, Procedure

__all__ = [
    "ChangeKind",
    "EntryKind",
    "SideResult",
    "TimelineChange",
    "TimelineEntry",
    "build_timeline",
    "months_between",
]

DAYS_PER_MONTH = 30.4375


class ChangeKind(StrEnum):
    """Kinds of change between two exams (values are part of the JSON contract)."""

    CATEGORY_UP = "category_up"
    CATEGORY_DOWN = "category_down"
    NEW_FINDING = "new_finding"
    RESOLVED_FINDING = "resolved_finding"
    FINDING_CHANGED = "finding_changed"
    DENSITY_CHANGE = "density_change"


class EntryKind(StrEnum):
    """What a timeline entry is (values are part of the JSON contract)."""

    EXAM = "exam"
    PROCEDURE = "procedure"
    PATHOLOGY = "pathology"


_KIND_ORDER = {kind: rank for rank, kind in enumerate(ChangeKind)}
_SIDE_ORDER: dict[Side | None, int] = {Side.RIGHT: 0, Side.LEFT: 1, Side.BOTH: 2, None: 3}
_SIZE_CHANGES = (
    Change.INCREASED,
    Change.DECREASED,
    Change.INCREASED_NUMBER,
    Change.DECREASED_NUMBER,
)


@dataclass(frozen=True, slots=True)
class TimelineChange:
    """One change since the previous assessed exam: ``before``/``after`` are JSON from/to."""

    side: Side | None
    kind: ChangeKind
    before: str | None
    after: str | None
    detail: str

    def sort_key(self) -> tuple[int, int, str]:
        """Category changes first, then findings, then density; then R, L, B, no side."""
        return (_KIND_ORDER[self.kind], _SIDE_ORDER[self.side], self.detail)


@dataclass(frozen=True, slots=True)
class SideResult:
    """One breast on one exam: its category (``None`` if not assessed) and its findings."""

    category: Category | None
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One exam (or a procedure/pathology date) on the timeline."""

    date: dt.date
    study_uid: str | None
    interval_months: float | None
    right: SideResult
    left: SideResult
    density: Density | None
    density_entered: str | None
    changes: tuple[TimelineChange, ...]
    assessment: Assessment | None = None
    procedures: tuple[Procedure, ...] = field(default=())
    pathology: tuple[Pathology, ...] = field(default=())
    description: str = ""
    is_exam: bool = True
    previous_exam_date: dt.date | None = None

    @property
    def kind(self) -> EntryKind:
        """``exam``, ``procedure`` (procedures, perhaps with pathology) or ``pathology`` alone."""
        if self.is_exam:
            return EntryKind.EXAM
        return EntryKind.PROCEDURE if self.procedures else EntryKind.PATHOLOGY


def months_between(earlier: dt.date, later: dt.date) -> float:
    """Months from ``earlier`` to ``later`` (30.4375-day months, one decimal)."""
    return round((later - earlier).days / DAYS_PER_MONTH, 1)


def _exam_key(exam: Exam) -> tuple[dt.date, str, str]:
    return (exam.study_date, exam.study_uid or "", repr(exam))


def _unique_exams(exams: Iterable[Exam]) -> list[Exam]:
    by_uid: dict[str, Exam] = {}
    unique: set[Exam] = set()
    for exam in exams:
        if not isinstance(exam, Exam):
            raise DomainValidationError(
                "exams", f"expected Exam records, got {type(exam).__name__}"
            )
        if exam.study_uid is not None:
            seen = by_uid.setdefault(exam.study_uid, exam)
            if seen != exam:
                raise DomainValidationError(
                    "study_uid", f"{exam.study_uid} is given twice with different contents"
                )
        unique.add(exam)
    return day_order(sorted(unique, key=_exam_key))


def _place_loose(
    exams: list[Exam], procedures: Iterable[Procedure], pathology: Iterable[Pathology]
) -> list[Exam]:
    """Attach loose procedures/pathology to the exam of their date, or make a date of their own."""
    carried = {item for exam in exams for item in (*exam.procedures, *exam.pathology)}
    loose_proc: dict[dt.date, set[Procedure]] = defaultdict(set)
    loose_path: dict[dt.date, set[Pathology]] = defaultdict(set)
    for proc in procedures:
        if proc not in carried:
            loose_proc[proc.date].add(proc)
    for path in pathology:
        if path not in carried:
            loose_path[path.date].add(path)
    result: list[Exam] = []
    done: set[dt.date] = set()
    for exam in exams:
        day = exam.study_date
        if day in done or (day not in loose_proc and day not in loose_path):
            result.append(exam)
            continue
        done.add(day)
        result.append(_with_items(exam, loose_proc.pop(day, set()), loose_path.pop(day, set())))
    for day in sorted(set(loose_proc) | set(loose_path)):
        carrier = Exam(study_date=day)
        result.append(_with_items(carrier, loose_proc.get(day, set()), loose_path.get(day, set())))
    return sorted(result, key=lambda exam: exam.study_date)  # stable: keeps the day order


def _with_items(exam: Exam, procs: set[Procedure], paths: set[Pathology]) -> Exam:
    return Exam(
        study_date=exam.study_date,
        study_uid=exam.study_uid,
        assessment=exam.assessment,
        findings=exam.findings,
        procedures=tuple(sorted({*exam.procedures, *procs}, key=repr)),
        pathology=tuple(sorted({*exam.pathology, *paths}, key=repr)),
        description=exam.description,
        study_time=exam.study_time,
    )


def _side_findings(exam: Exam, side: Side | None) -> tuple[Finding, ...]:
    wanted = {side} if side is None else {side, Side.BOTH}
    return tuple(sorted((f for f in exam.findings if f.side in wanted), key=Finding.sort_key))


def _category_change(side: Side, before: Category, after: Category) -> TimelineChange | None:
    direction = category_direction(before, after)
    if direction is Direction.SAME:
        return None
    kind = ChangeKind.CATEGORY_UP if direction is Direction.UP else ChangeKind.CATEGORY_DOWN
    detail = (
        f"BI-RADS {before.value} -> {after.value}"
        f" ({CATEGORY_INFO[before].name} -> {CATEGORY_INFO[after].name})"
    )
    return TimelineChange(side, kind, before.value, after.value, detail)


def _finding_changes(
    side: Side | None, before: Sequence[Finding], after: Sequence[Finding]
) -> list[TimelineChange]:
    changes: list[TimelineChange] = []
    for old, new in match_findings(before, after):
        if new is None or new.change is Change.RESOLVED:
            gone = new if new is not None else old
            assert gone is not None
            text = describe_finding(gone)
            changes.append(
                TimelineChange(side, ChangeKind.RESOLVED_FINDING, text, None, f"resolved {text}")
            )
            continue
        text = describe_finding(new)
        if old is None and new.change in (None, Change.NEW):
            changes.append(TimelineChange(side, ChangeKind.NEW_FINDING, None, text, f"new {text}"))
            continue
        if old is not None:
            for attr in attribute_changes(old, new):
                detail = f"{text}: {attr.attribute.replace('_', ' ')} {attr.before or '-'}"
                detail += f" -> {attr.after}" + (f" ({attr.note})" if attr.note else "")
                changes.append(
                    TimelineChange(
                        side, ChangeKind.FINDING_CHANGED, attr.before, attr.after, detail
                    )
                )
        if new.change in _SIZE_CHANGES:
            assert new.change is not None
            detail = f"{text}: {change_words(new.change)}"
            changes.append(
                TimelineChange(side, ChangeKind.FINDING_CHANGED, None, new.change.value, detail)
            )
    return changes


def _merge_sides(right: list[TimelineChange], left: list[TimelineChange]) -> list[TimelineChange]:
    """Report a change seen identically on both breasts once, with side B."""
    merged: list[TimelineChange] = []
    remaining = list(left)
    for change in right:
        twin = next(
            (
                c
                for c in remaining
                if (c.kind, c.before, c.after, c.detail)
                == (change.kind, change.before, change.after, change.detail)
            ),
            None,
        )
        if twin is None:
            merged.append(change)
        else:
            remaining.remove(twin)
            merged.append(
                TimelineChange(Side.BOTH, change.kind, change.before, change.after, change.detail)
            )
    return merged + remaining


def build_timeline(
    exams: Iterable[Exam],
    procedures: Iterable[Procedure] = (),
    pathology: Iterable[Pathology] = (),
) -> tuple[TimelineEntry, ...]:
    """The timeline of a person's exams, in date order, with intervals and changes."""
    ordered = _place_loose(_unique_exams(exams), procedures, pathology)
    previous: dict[Side | None, tuple[Category | None, tuple[Finding, ...]]] = {}
    last_density: Density | None = None
    last_exam_date: dt.date | None = None
    entries: list[TimelineEntry] = []
    for exam in ordered:
        is_exam = exam.study_uid is not None or exam.assessment is not None or bool(exam.findings)
        interval = None
        previous_exam = last_exam_date
        if last_exam_date is not None:
            interval = months_between(last_exam_date, exam.study_date)
        if is_exam:
            last_exam_date = exam.study_date
        assessment = exam.assessment
        sides: dict[Side, SideResult] = {}
        per_side: dict[Side, list[TimelineChange]] = {Side.RIGHT: [], Side.LEFT: []}
        other: list[TimelineChange] = []
        unsided = _side_findings(exam, None)
        for side in (Side.RIGHT, Side.LEFT):
            category = breast_category(assessment, side)
            findings = _side_findings(exam, side)
            sides[side] = SideResult(
                category, tuple(sorted((*findings, *unsided), key=Finding.sort_key))
            )
            if category is None:
                continue
            if side in previous:
                before_category, before_findings = previous[side]
                if before_category is not None:
                    change = _category_change(side, before_category, category)
                    if change is not None:
                        per_side[side].append(change)
                per_side[side] += _finding_changes(side, before_findings, findings)
            previous[side] = (category, _still_present(findings))
        if assessment is not None:
            if None in previous:
                other += _finding_changes(None, previous[None][1], unsided)
            previous[None] = (None, _still_present(unsided))
            if assessment.density is not None:
                if last_density is not None and last_density is not assessment.density:
                    other.append(_density_change(last_density, assessment.density))
                last_density = assessment.density
        changes = _merge_sides(per_side[Side.RIGHT], per_side[Side.LEFT]) + other
        entries.append(
            TimelineEntry(
                date=exam.study_date,
                study_uid=exam.study_uid,
                interval_months=interval,
                right=sides[Side.RIGHT],
                left=sides[Side.LEFT],
                density=assessment.density if assessment else None,
                density_entered=assessment.density_entered if assessment else None,
                changes=tuple(sorted(changes, key=TimelineChange.sort_key)),
                assessment=assessment,
                procedures=exam.procedures,
                pathology=exam.pathology,
                description=exam.description,
                is_exam=is_exam,
                previous_exam_date=previous_exam,
            )
        )
    return tuple(entries)


def _still_present(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(f for f in findings if f.change is not Change.RESOLVED)


def _density_change(before: Density, after: Density) -> TimelineChange:
    detail = f"density {before.value} -> {after.value} ({DENSITY_WORDING[after].split(',')[0]})"
    return TimelineChange(None, ChangeKind.DENSITY_CHANGE, before.value, after.value, detail)
