"""Timeline entries, intervals and every kind of change."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from mammolog.domain.errors import DomainValidationError
from mammolog.domain.lexicon import Category, Change, Side
from mammolog.domain.records import Assessment, Exam, Finding, Pathology, Procedure
from mammolog.domain.serialise import timeline_to_dict
from mammolog.domain.timeline import (
    ChangeKind,
    EntryKind,
    TimelineChange,
    build_timeline,
    months_between,
)

CALC = {"type": "calcification", "side": "L", "quadrant": "UOQ", "clock": 2}


def exam(
    day: str,
    right: str | None = None,
    left: str | None = None,
    *findings: Finding,
    density: str | None = None,
    overall: str | None = None,
    uid: str | None = None,
) -> Exam:
    assessment = None
    if right or left or overall:
        assessment = Assessment.from_input(right=right, left=left, overall=overall, density=density)
    return Exam(dt.date.fromisoformat(day), uid or f"uid-{day}", assessment, findings)


def calc(**changes: object) -> Finding:
    return Finding(**{**CALC, **changes})  # type: ignore[arg-type]


def changes_of(*exams: Exam) -> list[tuple[str | None, str, str | None, str | None]]:
    last = build_timeline(exams)[-1]
    return [(c.side and c.side.value, c.kind.value, c.before, c.after) for c in last.changes]


def test_entries_come_in_date_order_with_intervals() -> None:
    entries = build_timeline(
        [exam("2021-03-01", "1", "1"), exam("2020-03-01", "1", "1"), exam("2021-09-01", "1", "1")]
    )
    assert [e.date.isoformat() for e in entries] == ["2020-03-01", "2021-03-01", "2021-09-01"]
    assert [e.interval_months for e in entries] == [None, 12.0, 6.0]


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [("2020-01-01", "2021-01-01", 12.0), ("2020-01-01", "2020-01-15", 0.5),
     ("2020-01-01", "2020-01-01", 0.0), ("2019-03-10", "2019-09-14", 6.2)],
)  # fmt: skip
def test_months_between(earlier: str, later: str, months: float) -> None:
    assert months_between(dt.date.fromisoformat(earlier), dt.date.fromisoformat(later)) == months


@pytest.mark.parametrize(
    ("before", "after", "kind"),
    [("2", "0", "category_up"), ("3", "0", "category_down"), ("1", "4A", "category_up"),
     ("4C", "4B", "category_down"), ("0", "2", "category_down"), ("5", "6", "category_up")],
)  # fmt: skip
def test_category_changes_follow_order_of_concern(before: str, after: str, kind: str) -> None:
    got = changes_of(exam("2020-01-01", "1", before), exam("2021-01-01", "1", after))
    assert got == [("L", kind, before.upper(), after.upper())]


def test_same_change_on_both_sides_is_reported_once_as_b() -> None:
    assert changes_of(exam("2020-01-01", "1", "1"), exam("2021-01-01", "2", "2")) == [
        ("B", "category_up", "1", "2")
    ]


def test_overall_only_results_compare_on_both_sides() -> None:
    got = changes_of(exam("2019-01-01", overall="1"), exam("2020-01-01", "1", "4B"))
    assert got == [("L", "category_up", "1", "4B")]
    got = changes_of(exam("2019-01-01", "2", "1"), exam("2020-01-01", overall="2"))
    assert got == [("L", "category_up", "1", "2")]


def test_side_not_assessed_is_compared_with_the_last_exam_that_assessed_it() -> None:
    entries = build_timeline(
        [
            exam("2020-01-01", "1", "0"),
            exam("2020-01-20", None, "4A"),  # diagnostic of the left breast only
            exam("2021-01-01", "2", "2"),
        ]
    )
    assert entries[1].right.category is None
    assert [(c.side, c.before, c.after) for c in entries[1].changes] == [(Side.LEFT, "0", "4A")]
    assert {(c.side, c.before, c.after) for c in entries[2].changes} == {
        (Side.RIGHT, "1", "2"),
        (Side.LEFT, "4A", "2"),
    }


def test_new_finding_unmatched_or_explicit() -> None:
    got = changes_of(exam("2020-01-01", "1", "1"), exam("2021-01-01", "1", "0", calc()))
    assert ("L", "new_finding", None, "calcifications L UOQ 2 o'clock") in got
    # explicitly new: never paired with the old finding at the same place
    got = changes_of(
        exam("2020-01-01", "1", "2", calc()), exam("2021-01-01", "1", "2", calc(change="new"))
    )
    assert sorted(k for _, k, _, _ in got) == ["new_finding", "resolved_finding"]


def test_stable_finding_without_partner_is_not_called_new() -> None:
    got = changes_of(
        exam("2020-01-01", "1", "1"), exam("2021-01-01", "1", "2", calc(change="stable"))
    )
    assert got == [("L", "category_up", "1", "2")]


def test_resolved_finding_absent_or_explicit() -> None:
    absent = changes_of(exam("2020-01-01", "1", "3", calc()), exam("2021-01-01", "1", "2"))
    assert ("L", "resolved_finding", "calcifications L UOQ 2 o'clock", None) in absent
    explicit = changes_of(
        exam("2020-01-01", "1", "3", calc()), exam("2021-01-01", "1", "2", calc(change="resolved"))
    )
    assert [k for _, k, _, _ in explicit] == ["category_down", "resolved_finding"]
    # a resolved finding does not come back as resolved again on the next exam
    entries = build_timeline(
        [
            exam("2020-01-01", "1", "3", calc()),
            exam("2021-01-01", "1", "2", calc(change="resolved")),
            exam("2022-01-01", "1", "2"),
        ]
    )
    assert entries[2].changes == ()


def test_stable_finding_produces_no_change() -> None:
    assert (
        changes_of(exam("2020-01-01", "1", "2", calc()), exam("2021-01-01", "1", "2", calc())) == []
    )


@pytest.mark.parametrize(
    ("old", "new", "before", "after", "note"),
    [
        ({"distribution": "grouped"}, {"distribution": "segmental"}, "grouped", "segmental", "more suspicious"),
        ({"morphology": "coarse"}, {"morphology": "fine-pleomorphic"}, "coarse", "fine-pleomorphic", "typically benign -> suspicious"),
        ({"morphology": "amorphous"}, {"morphology": "fine-linear"}, "amorphous", "fine-linear", "more suspicious"),
        ({"morphology": "fine-pleomorphic"}, {"morphology": "round"}, "fine-pleomorphic", "round", "suspicious -> typically benign"),
        ({}, {"morphology": "amorphous"}, None, "amorphous", ""),
    ],
)  # fmt: skip
def test_calcification_changes(
    old: dict[str, str], new: dict[str, str], before: str | None, after: str, note: str
) -> None:
    last = build_timeline(
        [exam("2020-01-01", "1", "3", calc(**old)), exam("2021-01-01", "1", "4B", calc(**new))]
    )[-1]
    changed = [c for c in last.changes if c.kind is ChangeKind.FINDING_CHANGED]
    assert [(c.side, c.before, c.after) for c in changed] == [(Side.LEFT, before, after)]
    assert changed[0].detail.endswith(f"({note})" if note else after)


def test_mass_margin_size_and_features() -> None:
    old = Finding.from_input(type="mass", side="R", shape="oval", margin="circumscribed", clock=10)
    new = Finding.from_input(
        type="mass", side="R", shape="oval", margin="spiculated", clock=11,
        change="increased in size", features=["skin-retraction"],
    )  # fmt: skip
    last = build_timeline([exam("2020-01-01", "2", "1", old), exam("2021-01-01", "4C", "1", new)])[
        -1
    ]
    details = [c.detail for c in last.changes if c.kind is ChangeKind.FINDING_CHANGED]
    assert details == [
        "oval spiculated mass with skin retraction R 11 o'clock: features - -> skin-retraction"
        " (new associated skin retraction)",
        "oval spiculated mass with skin retraction R 11 o'clock: increased in size",
        "oval spiculated mass with skin retraction R 11 o'clock: margin circumscribed ->"
        " spiculated (more suspicious)",
    ]


@pytest.mark.parametrize(
    ("old", "new", "same"),
    [
        ({"clock": 2, "quadrant": None}, {"clock": 3, "quadrant": None}, True),
        ({"clock": 12, "quadrant": None}, {"clock": 1, "quadrant": None}, True),
        ({"clock": 2, "quadrant": None}, {"clock": 4, "quadrant": None}, False),
        ({"clock": 2, "quadrant": None}, {"clock": None, "quadrant": "UOQ"}, True),
        ({"clock": 10, "quadrant": None}, {"clock": None, "quadrant": "UOQ"}, False),  # left 10 = UIQ
        ({"clock": None, "quadrant": "UOQ"}, {"clock": None, "quadrant": "LOQ"}, False),
        ({"clock": None, "quadrant": "axillary-tail"}, {"clock": None, "quadrant": "UOQ"}, True),
        ({"clock": None, "quadrant": "central"}, {"clock": None, "quadrant": "subareolar"}, True),
        ({"clock": None, "quadrant": None}, {"clock": 7, "quadrant": None}, True),
    ],
)  # fmt: skip
def test_finding_identity_by_location(
    old: dict[str, object], new: dict[str, object], same: bool
) -> None:
    got = changes_of(
        exam("2020-01-01", "1", "2", calc(**old)), exam("2021-01-01", "1", "2", calc(**new))
    )
    assert (got == []) is same
    if not same:
        assert sorted(k for _, k, _, _ in got) == ["new_finding", "resolved_finding"]


def test_different_type_or_side_is_a_different_finding() -> None:
    mass = Finding.from_input(type="mass", side="L", clock=2)
    got = changes_of(exam("2020-01-01", "1", "2", calc()), exam("2021-01-01", "1", "2", mass))
    assert sorted(k for _, k, _, _ in got) == ["new_finding", "resolved_finding"]
    right = calc(side="R", clock=10)
    got = changes_of(exam("2020-01-01", "2", "2", calc()), exam("2021-01-01", "2", "2", right))
    assert sorted(k for _, k, _, _ in got) == ["new_finding", "resolved_finding"]


def test_closest_location_wins_when_several_match() -> None:
    a, b = calc(clock=1), calc(clock=3)
    later_a, later_b = calc(clock=2, distribution="linear"), calc(clock=3, distribution="grouped")
    last = build_timeline(
        [exam("2020-01-01", "1", "2", a, b), exam("2021-01-01", "1", "2", later_b, later_a)]
    )[-1]
    assert {(c.before, c.after) for c in last.changes} == {(None, "linear"), (None, "grouped")}
    assert {c.kind for c in last.changes} == {ChangeKind.FINDING_CHANGED}


def test_bilateral_finding_is_reported_once() -> None:
    diffuse = Finding.from_input(type="calcification", side="B", distribution="diffuse")
    got = changes_of(exam("2020-01-01", "1", "1"), exam("2021-01-01", "2", "2", diffuse))
    assert got == [
        ("B", "category_up", "1", "2"),
        ("B", "new_finding", None, "diffuse calcifications B"),
    ]


def test_findings_without_side_are_listed_and_compared_apart() -> None:
    vague = Finding.from_input(type="asymmetry")
    entries = build_timeline([exam("2020-01-01", "1", "1"), exam("2021-01-01", "1", "0", vague)])
    assert entries[1].right.findings == (vague,) and entries[1].left.findings == (vague,)
    assert (None, ChangeKind.NEW_FINDING) in [(c.side, c.kind) for c in entries[1].changes]


def test_density_change_against_last_recorded_density() -> None:
    entries = build_timeline(
        [
            exam("2019-01-01", "1", "1", density="3"),
            exam("2020-01-01", "1", "1"),
            exam("2021-01-01", "1", "1", density="b"),
            exam("2022-01-01", "1", "1", density="B"),
        ]
    )
    assert [c.kind for c in entries[2].changes] == [ChangeKind.DENSITY_CHANGE]
    assert (entries[2].changes[0].before, entries[2].changes[0].after) == ("c", "b")
    assert entries[2].changes[0].side is None
    assert entries[3].changes == ()
    assert entries[0].density_entered == "3"


def test_unassessed_exam_has_no_changes_and_is_skipped_for_comparison() -> None:
    entries = build_timeline(
        [exam("2020-01-01", "1", "2"), exam("2020-06-01", uid="x"), exam("2021-01-01", "1", "0")]
    )
    assert entries[1].changes == () and entries[1].right.category is None
    assert entries[1].interval_months == 5.0
    assert [(c.before, c.after) for c in entries[2].changes] == [("2", "0")]


def test_loose_procedures_join_their_exam_or_get_their_own_entry() -> None:
    mag = Procedure(dt.date(2020, 1, 1), "magnification-views", "L")  # type: ignore[arg-type]
    path = Pathology(dt.date(2020, 1, 20), "benign", "L")  # type: ignore[arg-type]
    entries = build_timeline([exam("2020-01-01", "1", "4A")], [mag], [path])
    assert entries[0].procedures == (mag,)
    assert (entries[1].study_uid, entries[1].pathology, entries[1].is_exam) == (
        None,
        (path,),
        False,
    )
    assert entries[1].interval_months == 0.6


def test_duplicates() -> None:
    same = exam("2020-01-01", "1", "1")
    assert len(build_timeline([same, same])) == 1
    with pytest.raises(DomainValidationError, match="^study_uid: uid-2020-01-01 is given twice"):
        build_timeline([same, exam("2020-01-01", "1", "2")])
    with pytest.raises(DomainValidationError, match="^exams: expected Exam records"):
        build_timeline(["2020-01-01"])  # type: ignore[list-item]


def test_empty_history() -> None:
    assert build_timeline([]) == ()


def test_json_contract() -> None:
    entries = build_timeline(
        [
            exam("2020-01-01", "1", "1", density="c"),
            exam("2021-01-01", "1", "4B", calc(change="new")),
        ]
    )
    data = timeline_to_dict(entries, person="p1", next_due=None)
    json.dumps(data)  # JSON-ready
    assert set(data) == {"person", "entries", "next_due"}
    entry = data["entries"][1]  # type: ignore[index]
    assert set(entry) == {
        "date", "kind", "study_uid", "interval_months", "right", "left", "density", "changes"
    }  # fmt: skip
    assert entry["kind"] == "exam"
    assert entry["date"] == "2021-01-01"
    assert entry["left"]["birads"] == "4B" and entry["right"] == {"birads": "1", "findings": []}
    assert entry["left"]["findings"][0]["morphology"] is None
    assert entry["left"]["findings"][0]["clock"] == 2
    assert all(set(c) == {"side", "kind", "from", "to", "detail"} for c in entry["changes"])
    assert {c["kind"] for c in entry["changes"]} == {"category_up", "new_finding"}
    assert data["entries"][0]["density"] == "c"  # type: ignore[index]


def test_change_kinds_are_exactly_the_contract() -> None:
    assert [k.value for k in ChangeKind] == [
        "category_up", "category_down", "new_finding", "resolved_finding",
        "finding_changed", "density_change",
    ]  # fmt: skip
    assert TimelineChange(Side.LEFT, ChangeKind.NEW_FINDING, None, "x", "x").sort_key()[0] == 2
    assert Change.RESOLVED.value == "resolved"
    assert Category.C4B.value == "4B"


def test_entries_say_what_they_are_and_intervals_run_between_exams() -> None:
    biopsy = Procedure(dt.date(2020, 2, 1), "ultrasound-biopsy", "L")  # type: ignore[arg-type]
    result = Pathology(dt.date(2020, 2, 20), "benign", "L")  # type: ignore[arg-type]
    both_day = dt.date(2020, 4, 1)
    excision = Procedure(both_day, "surgical-excision", "L")  # type: ignore[arg-type]
    excision_result = Pathology(both_day, "benign", "L")  # type: ignore[arg-type]
    entries = build_timeline(
        [exam("2020-01-01", "1", "4A"), exam("2020-08-01", "1", "2")],
        [biopsy, excision],
        [result, excision_result],
    )
    assert [e.kind.value for e in entries] == [
        "exam", "procedure", "pathology", "procedure", "exam"
    ]  # fmt: skip
    assert [e.kind for e in entries] == [
        EntryKind.EXAM, EntryKind.PROCEDURE, EntryKind.PATHOLOGY, EntryKind.PROCEDURE,
        EntryKind.EXAM,
    ]  # fmt: skip
    # the second exam's interval runs from the first exam, not from the pathology result
    assert entries[-1].interval_months == months_between(dt.date(2020, 1, 1), dt.date(2020, 8, 1))
    assert entries[-1].interval_months == 7.0
    data = timeline_to_dict(entries, person=None, next_due=None)
    kinds = [e["kind"] for e in data["entries"]]  # type: ignore[attr-defined, index]
    assert kinds == ["exam", "procedure", "pathology", "procedure", "exam"]
