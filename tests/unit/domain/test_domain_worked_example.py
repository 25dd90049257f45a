"""The worked example in docs/worked-example.md is produced by the real code.

Run ``MAMMOLOG_REGEN_DOCS=1 pytest tests/unit/domain/test_domain_worked_example.py`` to
rewrite the generated blocks after a deliberate change to the renderer or the rules.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import replace
from pathlib import Path

from mammolog.domain.due import DueKind, next_due
from mammolog.domain.lexicon import Change, Depth, PathologyOutcome, ProcedureType, Side
from mammolog.domain.records import Assessment, Exam, Finding, Pathology, Procedure
from mammolog.domain.render import render_next_due, render_timeline
from mammolog.domain.serialise import timeline_to_dict
from mammolog.domain.timeline import ChangeKind, build_timeline

DOC = Path(__file__).resolve().parents[3] / "docs" / "worked-example.md"
TODAY = dt.date(2026, 1, 15)
MANUAL_DUE = dt.date(2022, 10, 24)  # set by hand after the benign biopsy
ASKED_ON = dt.date(2022, 5, 2)  # the day she asked "what now?" after the biopsy result

CALCS = Finding.from_input(
    type="calcification",
    side="L",
    distribution="grouped",
    morphology="fine-pleomorphic",
    quadrant="UOQ",
    clock=2,
)
POPCORN = Finding.from_input(
    type="calcification", side="R", morphology="popcorn-like", quadrant="LOQ"
)


def screening(day: str, uid: str, right: str, left: str, density: str, *findings: Finding) -> Exam:
    """A routine bilateral screening mammogram."""
    return Exam(
        study_date=dt.date.fromisoformat(day),
        study_uid=uid,
        assessment=Assessment.from_input(right=right, left=left, density=density),
        findings=findings,
        description="Screening mammogram",
    )


def history() -> tuple[list[Exam], list[Pathology]]:
    """Ten years of one woman's breast imaging, as the app would hold them."""
    exams = [
        screening("2016-02-15", "2.25.1601", "1", "1", "3"),  # 4th-edition density 3 = c
        screening("2017-02-20", "2.25.1702", "Negative", "Negative", "c"),
        screening("2018-02-26", "2.25.1802", "2", "1", "c", replace(POPCORN, change=Change.NEW)),
        screening("2019-03-04", "2.25.1903", "2", "1", "heterogeneously dense", POPCORN),
        screening("2020-03-09", "2.25.2003", "2", "1", "b", POPCORN),
        screening("2021-03-15", "2.25.2103", "benign", "negative", "B", POPCORN),
        Exam(
            study_date=dt.date(2022, 3, 21),
            study_uid="2.25.2203",
            assessment=Assessment.from_input(
                right="2", left="0", density="b", recommendation="additional imaging"
            ),
            findings=(POPCORN, replace(CALCS, change=Change.NEW)),
            description="Screening mammogram",
        ),
        Exam(
            study_date=dt.date(2022, 4, 4),
            study_uid="2.25.2204",
            assessment=Assessment.from_input(left="4B", recommendation="biopsy"),
            findings=(replace(CALCS, distance_cm=6.0, depth=Depth.POSTERIOR),),
            procedures=(
                Procedure(dt.date(2022, 4, 4), ProcedureType.MAGNIFICATION_VIEWS, Side.LEFT),
            ),
            description="Diagnostic mammogram, left",
        ),
        Exam(
            study_date=dt.date(2022, 4, 19),
            study_uid="2.25.2205",
            procedures=(
                Procedure(
                    dt.date(2022, 4, 19),
                    ProcedureType.STEREOTACTIC_BIOPSY,
                    Side.LEFT,
                    ref="bx1",
                    note="clip placed",
                ),
            ),
            description="Stereotactic biopsy, left",
        ),
        Exam(
            study_date=dt.date(2022, 10, 24),
            study_uid="2.25.2210",
            assessment=Assessment.from_input(left="2", recommendation="routine screening"),
            findings=(replace(CALCS, change=Change.RESOLVED),),
            description="6-month follow-up, left",
        ),
        screening("2023-03-27", "2.25.2303", "2", "2", "b", POPCORN),
        screening("2024-04-02", "2.25.2404", "2", "1", "b", POPCORN),
        screening("2025-04-07", "2.25.2504", "2", "1", "b", POPCORN),
    ]
    pathology = [
        Pathology(
            dt.date(2022, 4, 26),
            PathologyOutcome.BENIGN,
            Side.LEFT,
            procedure_ref="bx1",
            text="fibrocystic change with benign calcifications",
        )
    ]
    return exams, pathology


def generated_blocks() -> dict[str, str]:
    """The text of each generated block of the document, by name."""
    exams, pathology = history()
    entries = build_timeline(exams, pathology=pathology)
    due = next_due(exams, pathology=pathology, today=TODAY, manual_due=MANUAL_DUE)
    before = [e for e in exams if e.study_date <= ASKED_ON]
    due_2022 = next_due(before, pathology=pathology, today=ASKED_ON)
    due_2022_manual = next_due(before, pathology=pathology, today=ASKED_ON, manual_due=MANUAL_DUE)
    json_entry = timeline_to_dict(entries, person="example", next_due=due)
    return {
        "timeline": render_timeline(entries, due),
        "due-2022": render_next_due(due_2022) + "\n" + render_next_due(due_2022_manual) + "\n",
        "json": json.dumps(
            {**json_entry, "entries": json_entry["entries"][7:8]},  # type: ignore[index]
            indent=2,
        )
        + "\n",
    }


BLOCK = re.compile(
    r"(<!-- generated: (?P<name>[a-z0-9-]+) -->\n```[a-z]*\n)(?P<body>.*?)(```\n)", re.DOTALL
)


def doc_blocks(text: str) -> dict[str, str]:
    """The generated blocks as they stand in the document."""
    return {m["name"]: m["body"] for m in BLOCK.finditer(text)}


def test_document_shows_what_the_code_renders() -> None:
    text = DOC.read_text(encoding="utf-8")
    blocks = generated_blocks()
    if os.environ.get("MAMMOLOG_REGEN_DOCS") == "1":
        text = BLOCK.sub(lambda m: m[1] + blocks[m["name"]] + m[4], text)
        DOC.write_text(text, encoding="utf-8")
    assert doc_blocks(text) == blocks


def test_history_tells_the_expected_story() -> None:
    exams, pathology = history()
    entries = build_timeline(exams, pathology=pathology)
    kinds = {e.date.isoformat(): [(c.side, c.kind) for c in e.changes] for e in entries}
    assert (("L", ChangeKind.CATEGORY_UP)) in kinds["2022-03-21"]
    assert ("L", ChangeKind.NEW_FINDING) in kinds["2022-03-21"]
    assert kinds["2022-04-04"] == [("L", ChangeKind.CATEGORY_UP)]
    assert ("L", ChangeKind.RESOLVED_FINDING) in kinds["2022-10-24"]
    assert ("L", ChangeKind.CATEGORY_DOWN) in kinds["2022-10-24"]
    assert kinds["2020-03-09"] == [(None, ChangeKind.DENSITY_CHANGE)]
    due = next_due(exams, pathology=pathology, today=TODAY, manual_due=MANUAL_DUE)
    assert (due.kind, due.date, due.overdue) == (DueKind.SCREENING, dt.date(2026, 4, 7), False)
