"""The plain-text timeline."""

from __future__ import annotations

import datetime as dt

from mammolog.domain.due import DueKind, NextDue
from mammolog.domain.records import Assessment, Exam, Finding, Pathology, Procedure
from mammolog.domain.render import render_next_due, render_timeline
from mammolog.domain.timeline import build_timeline
from mammolog.domain.timeline_words import interval_label

CALCS = Finding.from_input(
    type="calcification", side="L", distribution="clustered", morphology="fine pleomorphic",
    quadrant="UOQ", change="new",
)  # fmt: skip


def test_one_block_per_exam_with_sides_density_findings_and_changes() -> None:
    exams = [
        Exam(dt.date(2020, 5, 4), "a", Assessment.from_input(right="2", left="1", density="2")),
        Exam(
            dt.date(2021, 5, 10),
            "b",
            Assessment.from_input(right="4B", left="2", density="b", recommendation="biopsy"),
            (CALCS,),
            description="Screening mammogram",
        ),
    ]
    text = render_timeline(build_timeline(exams))
    first, second = text.rstrip("\n").split("\n\n")
    assert first.splitlines() == [
        "2020-05-04  Exam",
        "  Right  BI-RADS 2 (Benign)",
        "  Left   BI-RADS 1 (Negative)",
        "  Density b: scattered areas of fibroglandular density (entered as '2')",
    ]
    lines = second.splitlines()
    assert lines[0] == "2021-05-10  Screening mammogram  (1 year since the previous exam)"
    assert "  Right  BI-RADS 4B (Moderate suspicion)" in lines
    assert "    - grouped fine-pleomorphic calcifications L UOQ (new)" in lines
    assert "  Recommended: biopsy" in lines
    changes = lines[lines.index("  Changes:") + 1 :]
    assert changes == [
        "    R 2 -> 4B",
        "    L 1 -> 2",
        "    new grouped fine-pleomorphic calcifications L UOQ",
    ]


def test_overall_only_unassessed_procedures_and_pathology() -> None:
    exams = [
        Exam(
            dt.date(2020, 1, 1), "a", Assessment.from_input(overall="3"), description="Old report"
        ),
        Exam(
            dt.date(2020, 2, 1),
            "b",
            procedures=(Procedure(dt.date(2020, 2, 1), "ultrasound-biopsy", "R", note="14G"),),  # type: ignore[arg-type]
        ),
    ]
    paths = [Pathology(dt.date(2020, 2, 9), "high-risk", "R", text="ADH")]  # type: ignore[arg-type]
    text = render_timeline(build_timeline(exams, pathology=paths))
    assert "  Both   BI-RADS 3 (Probably benign) [overall result only]" in text
    assert (
        "2020-02-01  Exam  (4 weeks since the previous exam)\n  Procedure: ultrasound biopsy R: 14G"
        in text
    )
    assert (
        "2020-02-09  Pathology result  (8 days after the exam of 2020-02-01)\n"
        "  Pathology: high-risk R: ADH" in text
    )
    assert "previous exam)\n  Pathology" not in text  # a pathology result is not an exam


def test_next_due_line_and_empty_timeline() -> None:
    due = NextDue(dt.date(2024, 1, 2), "routine screening", True, DueKind.SCREENING)
    assert render_next_due(due) == "Next due: 2024-01-02 (overdue): routine screening"
    none = NextDue(None, "treatment", False, DueKind.TREATMENT)
    assert render_timeline((), none) == "No exams recorded yet.\n\nNext due: no date: treatment\n"


def test_intervals_say_what_they_count_from() -> None:
    exams = [
        Exam(dt.date(2020, 1, 1), "a", Assessment.from_input(overall="0")),
        Exam(dt.date(2020, 1, 1), "b", Assessment.from_input(overall="2")),
        Exam(dt.date(2020, 1, 10), "c", Assessment.from_input(overall="2")),
        Exam(dt.date(2020, 2, 14), "d", Assessment.from_input(overall="2")),
        Exam(dt.date(2021, 3, 1), "e", Assessment.from_input(overall="1")),
    ]
    labels = [interval_label(e) for e in build_timeline(exams)]
    assert labels == [
        "",
        "the same day as the previous exam",
        "9 days since the previous exam",
        "5 weeks since the previous exam",
        "1 year 1 month since the previous exam",
    ]
