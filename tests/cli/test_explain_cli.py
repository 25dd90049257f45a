"""``mammolog explain`` and ``mammolog export calendar`` through the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from mammolog.catalog.migrate import open_catalog
from mammolog.cli import cli
from mammolog.domain.explain import term_slugs
from mammolog.paths import AppPaths
from mammolog.services import results
from tests.factories import make_study

ABOUT = {"category", "density", "finding", "change", "procedure", "pathology", "due"}
CONCERN = {"none", "low", "moderate", "high", "known-cancer"}


@pytest.fixture
def runner(home: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("MAMMOLOG_TODAY", "2026-12-01")
    engine = open_catalog(AppPaths.under_home(home))
    make_study(engine, uid="1.2.3.1", study_date=date(2025, 3, 1), patient_name="DOE^JANE")
    make_study(engine, uid="1.2.3.2", study_date=date(2025, 10, 31), patient_name="DOE^JANE")
    results.assess(engine, "1.2.3.1", right="1", left="1", density="b")
    results.assess(engine, "1.2.3.2", right="2", left="4B", density="d")
    results.add_finding(
        engine, "1.2.3.2", type="calcification", side="L", morphology="fine-pleomorphic",
        distribution="grouped", quadrant="UOQ",
    )  # fmt: skip
    engine.dispose()
    return CliRunner()


def test_explain_study_json_contract(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["explain", "2025-10-31", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["study_uid"] == "1.2.3.2" and data["date"] == "2025-10-31"
    assert data["questions"] and data["sources"]
    for item in data["explanations"]:
        assert set(item) == {"about", "side", "term", "title", "summary", "concern", "next_steps"}
        assert item["about"] in ABOUT and item["concern"] in CONCERN
        assert item["side"] in (None, "R", "L", "B")
    left = next(i for i in data["explanations"] if i["about"] == "category" and i["side"] == "L")
    assert left["term"] == "4B" and left["concern"] == "moderate"
    assert any("stereotactic" in step for step in left["next_steps"])
    assert {"density", "finding", "change", "due"} <= {i["about"] for i in data["explanations"]}


def test_explain_study_in_words(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["explain", "1.2.3.2"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Your exam of 2025-10-31, explained\n")
    assert "Left breast: BI-RADS 4B, moderate suspicion  [moderate concern]" in result.output
    assert "grouped: a small cluster, which needs a closer look" in " ".join(
        result.output.lower().split()
    )
    assert "Questions to ask your doctor:" in result.output
    assert "general information" in result.output


@pytest.mark.parametrize("slug", term_slugs())
def test_explain_term_for_every_lexicon_slug(home: Path, slug: str) -> None:
    result = CliRunner().invoke(cli, ["explain", "--term", slug, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["study_uid"] is None and data["date"] is None
    assert data["explanations"] and {i["term"] for i in data["explanations"]} == {slug}


def test_explain_errors_are_one_line_with_usage_exit_codes(runner: CliRunner) -> None:
    unknown = runner.invoke(cli, ["explain", "--term", "sparkly"])
    assert unknown.exit_code == 2 and "not a term mammolog explains" in unknown.output
    assert "Traceback" not in unknown.output
    both = runner.invoke(cli, ["explain", "1.2.3.2", "--term", "c"])
    assert both.exit_code == 2 and "either a STUDY or --term" in both.output
    missing = runner.invoke(cli, ["explain", "2001-01-01"])
    assert missing.exit_code == 2 and "no study" in missing.output


def test_explain_an_exam_without_a_result(runner: CliRunner, home: Path) -> None:
    engine = open_catalog(AppPaths.under_home(home))
    make_study(engine, uid="1.2.3.9", study_date=date(2026, 1, 5), patient_name="DOE^JANE")
    engine.dispose()
    result = runner.invoke(cli, ["explain", "1.2.3.9"])
    assert result.exit_code == 0 and "No result is recorded for this exam yet" in result.output


def test_export_calendar(runner: CliRunner, home: Path, tmp_path: Path) -> None:
    engine = open_catalog(AppPaths.under_home(home))
    results.assess(engine, "1.2.3.2", right="2", left="2", density="d")
    engine.dispose()
    out = tmp_path / "due.ics"
    result = runner.invoke(cli, ["export", "calendar", "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["due_date"] == "2026-10-31" and data["overdue"] is True
    assert data["summary"] == "Book your routine screening mammogram (Jane)"
    event = Calendar.from_ical(out.read_bytes()).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == date(2026, 10, 31)
    assert len(event.walk("VALARM")) == 1
    again = runner.invoke(cli, ["export", "calendar", "--out", str(out)])
    assert again.exit_code == 1 and "--force" in again.output
    forced = runner.invoke(cli, ["export", "calendar", "--out", str(out), "--force"])
    assert forced.exit_code == 0 and "overdue since 2026-10-31" in forced.output
    assert str(Calendar.from_ical(out.read_bytes()).walk("VEVENT")[0]["UID"]) == data["uid"]


def test_export_calendar_without_a_date_exits_1(
    runner: CliRunner, home: Path, tmp_path: Path
) -> None:
    engine = open_catalog(AppPaths.under_home(home))
    results.assess(engine, "1.2.3.2", right="2", left="6", density="d")
    engine.dispose()
    result = runner.invoke(cli, ["export", "calendar", "--out", str(tmp_path / "d.ics")])
    assert result.exit_code == 1
    assert "no due date to put in a calendar: Follow the plan of your breast care team" in (
        result.output
    )
    assert not (tmp_path / "d.ics").exists()


def test_timeline_says_what_to_do(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["timeline"])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith(
        "What to do: Arrange the biopsy your doctor advised; it was due on 31 October 2025."
    )
