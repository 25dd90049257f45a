"""The Markdown summary: untrusted text cannot format the document or drive a terminal."""

from __future__ import annotations

from datetime import date

from mammolog.domain.due import DueKind, NextDue
from mammolog.domain.latest import BreastResult, LatestResults
from mammolog.domain.lexicon import Category, Density, Side
from mammolog.domain.records import Assessment, Exam
from mammolog.domain.timeline import build_timeline
from mammolog.export.own_exports import EXPORT_MARKER
from mammolog.export.summary import ExamRow, IdentityLine, SummaryData
from mammolog.export.summary_md import md_text, render_markdown

HOSTILE = "Evil [click](http://x.example) ![img](http://x/i.png) *bold* <b>x</b> | a\x1b[2J\u202e"


def test_md_text_escapes_specials_controls_and_line_starts() -> None:
    escaped = md_text(HOSTILE)
    assert "\x1b" not in escaped and "\u202e" not in escaped
    assert "\\x1b" in escaped and "\\u202e" in escaped
    assert "\\[click\\]" in escaped and "\\*bold\\*" in escaped and "\\<b\\>" in escaped
    assert "\\|" in escaped
    assert md_text("- not a list") == "\\- not a list"
    assert md_text("12. not a list") == "12\\. not a list"
    assert md_text("# not a heading") == "\\# not a heading"
    assert md_text("plain words, 2024-03-01") == "plain words, 2024-03-01"


def test_the_rendered_summary_escapes_every_untrusted_field() -> None:
    exam = Exam(
        date(2024, 3, 1), "1.2", Assessment(right="2", left="1", note=HOSTILE),  # type: ignore[arg-type]
        description=HOSTILE,
    )  # fmt: skip
    entries = build_timeline([exam])
    row = ExamRow(
        date(2024, 3, 1), HOSTILE, HOSTILE, Category.C2, Category.C1, Density.B,
        (HOSTILE,), (), (), "1.2",
    )  # fmt: skip
    data = SummaryData(
        HOSTILE, None, (IdentityLine(HOSTILE, "P|1", "ISS*", None, (HOSTILE,), 1),), date(2025, 1, 1),
        LatestResults(BreastResult(Side.RIGHT, Category.C2, date(2024, 3, 1)),
                      BreastResult(Side.LEFT, Category.C1, date(2024, 3, 1))),
        NextDue(date(2025, 3, 1), "routine screening", False, DueKind.SCREENING), (row,), entries,
    )  # fmt: skip
    text = render_markdown(data)
    assert text.startswith(f"<!-- {EXPORT_MARKER}")
    assert "\x1b" not in text and "\u202e" not in text
    assert "[click](" not in text and "![img](" not in text and "<b>" not in text
    assert "*bold*" not in text.replace("\\*bold\\*", "")
    table = [line for line in text.splitlines() if line.startswith("| 2024-03-01 | Evil")]
    assert len(table) == 1 and table[0].count(" | ") == 9  # the "|" inside stayed in its cell
    assert table[0].endswith("| - | - | - |")
    assert "Patient's note: Evil" in text and "Recommended" in text
