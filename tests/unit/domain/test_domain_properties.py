"""Property tests: the timeline ignores input order; overall is the worst side."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from mammolog.domain.birads import concern_rank, overall, worst
from mammolog.domain.due import next_due
from mammolog.domain.lexicon import (
    CalcificationDistribution,
    CalcificationMorphology,
    Category,
    Change,
    Density,
    FindingType,
    Quadrant,
    Side,
)
from mammolog.domain.records import Assessment, Exam, Finding, Pathology, Procedure
from mammolog.domain.serialise import timeline_to_dict
from mammolog.domain.timeline import build_timeline

categories = st.sampled_from(list(Category))
maybe = st.none() | categories


@given(maybe, maybe)
def test_overall_is_the_worst_side_for_all_pairs(
    right: Category | None, left: Category | None
) -> None:
    result = overall(right, left)
    assert result == worst(left, right)
    if right is None or left is None:
        assert result == (left if right is None else right)
    else:
        assert concern_rank(result) == max(concern_rank(right), concern_rank(left))  # type: ignore[arg-type]


@given(maybe, maybe)
def test_assessment_overall_matches_worst_side(
    right: Category | None, left: Category | None
) -> None:
    if right is None and left is None:
        return
    assert Assessment(right=right, left=left).overall == worst(right, left)


@st.composite
def findings(draw: st.DrawFn) -> Finding:
    kind = draw(
        st.sampled_from([FindingType.CALCIFICATION, FindingType.MASS, FindingType.ASYMMETRY])
    )
    side = draw(st.sampled_from([Side.RIGHT, Side.LEFT, Side.BOTH]))
    calcs = kind is FindingType.CALCIFICATION
    return Finding(
        type=kind,
        side=side,
        morphology=draw(st.none() | st.sampled_from(list(CalcificationMorphology)))
        if calcs
        else None,
        distribution=draw(st.none() | st.sampled_from(list(CalcificationDistribution)))
        if calcs
        else None,
        quadrant=draw(st.none() | st.sampled_from([Quadrant.CENTRAL, Quadrant.AXILLARY_TAIL])),
        clock=draw(st.none() | st.integers(1, 12)),
        change=draw(st.none() | st.sampled_from(list(Change))),
    )


@st.composite
def exams(draw: st.DrawFn) -> list[Exam]:
    count = draw(st.integers(0, 7))
    offsets = st.integers(0, 3000) | st.sampled_from([0, 1, 180])  # same-day exams too
    days = draw(st.lists(offsets, min_size=count, max_size=count))
    result = []
    for index, day in enumerate(days):
        right, left, only = draw(maybe), draw(maybe), draw(maybe)
        assessment = None
        if right is not None or left is not None:
            density = draw(st.none() | st.sampled_from(list(Density)))
            assessment = Assessment(right=right, left=left, density=density)
        elif only is not None:
            assessment = Assessment(overall=only)
        result.append(
            Exam(
                study_date=dt.date(2010, 1, 1) + dt.timedelta(days=day),
                study_uid=f"2.25.{index}",
                assessment=assessment,
                findings=tuple(draw(st.lists(findings(), max_size=4))),
            )
        )
    return result


@settings(max_examples=150, deadline=None)
@given(exams(), st.randoms(use_true_random=False))
def test_timeline_is_independent_of_input_order(history: list[Exam], rng: object) -> None:
    shuffled = list(history)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    reordered = [
        Exam(e.study_date, e.study_uid, e.assessment, tuple(reversed(e.findings))) for e in shuffled
    ]
    first = build_timeline(history)
    assert timeline_to_dict(build_timeline(reordered), person=None, next_due=None) == (
        timeline_to_dict(first, person=None, next_due=None)
    )
    assert [e.date for e in first] == sorted(e.study_date for e in history)


@settings(max_examples=100, deadline=None)
@given(exams(), st.randoms(use_true_random=False), st.booleans())
def test_next_due_is_independent_of_input_order(
    history: list[Exam], rng: object, with_biopsy: bool
) -> None:
    procs = [Procedure(dt.date(2015, 1, 1), "stereotactic-biopsy", "B")] if with_biopsy else []  # type: ignore[arg-type]
    paths = [Pathology(dt.date(2015, 1, 8), "benign", "L")] if with_biopsy else []  # type: ignore[arg-type]
    shuffled = list(history)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    today = dt.date(2020, 1, 1)
    assert next_due(shuffled, procs, paths, today=today) == next_due(
        history, procs, paths, today=today
    )
