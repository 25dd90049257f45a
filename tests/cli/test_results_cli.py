"""The results commands end to end through the command line: JSON contract, errors, exit codes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from mammolog.catalog.migrate import open_catalog
from mammolog.cli import cli
from mammolog.paths import AppPaths
from tests.factories import make_study


@pytest.fixture
def runner(home: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("MAMMOLOG_TODAY", "2026-11-25")
    engine = open_catalog(AppPaths.under_home(home))
    make_study(engine, uid="1.2.3.1", study_date=date(2023, 3, 1))
    make_study(engine, uid="1.2.3.2", study_date=date(2024, 3, 4))
    engine.dispose()
    return CliRunner()


def run(runner: CliRunner, *args: str) -> dict | list:  # type: ignore[type-arg]
    result = runner.invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def test_timeline_json_contract(runner: CliRunner) -> None:
    run(runner, "assess", "2023-03-01", "--right", "1", "--left", "1", "--density", "b")
    run(runner, "assess", "2024-03-04", "--right", "2", "--left", "4B", "--density", "c")
    finding = run(
        runner, "finding", "add", "2024-03-04", "--side", "L", "--type", "calcification",
        "--morphology", "fine-pleomorphic", "--distribution", "grouped", "--clock", "2",
        "--quadrant", "UOQ", "--change", "new",
    )  # fmt: skip
    assert isinstance(finding, dict) and finding["distribution"] == "grouped"
    timeline = run(runner, "timeline")
    assert isinstance(timeline, dict)
    assert set(timeline) >= {"person", "entries", "next_due"}
    entry = timeline["entries"][1]
    assert set(entry) >= {
        "date",
        "study_uid",
        "interval_months",
        "right",
        "left",
        "density",
        "changes",
    }
    assert entry["date"] == "2024-03-04" and entry["left"]["birads"] == "4B"
    assert set(entry["left"]) >= {"birads", "findings"}
    kinds = {(c["side"], c["kind"], c["from"], c["to"]) for c in entry["changes"]}
    assert ("L", "category_up", "1", "4B") in kinds
    assert all(set(c) == {"side", "kind", "from", "to", "detail"} for c in entry["changes"])
    assert set(timeline["next_due"]) >= {"date", "reason", "overdue"}
    assert timeline["next_due"]["overdue"] is True


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("assess", "2023-03-01", "--right", "7"), "right"),
        (("assess", "2023-03-01", "--density", "e"), "density"),
        (
            (
                "finding",
                "add",
                "2023-03-01",
                "--type",
                "calcification",
                "--distribution",
                "grouped",
            ),
            "side",
        ),
        (
            ("procedure", "add", "--date", "2030-01-01", "--type", "ultrasound", "--side", "L"),
            "date",
        ),
        (("assess", "1999-01-01", "--right", "1"), "STUDY"),
    ],
)
def test_invalid_input_is_refused_naming_the_field(
    runner: CliRunner, args: tuple[str, ...], field: str
) -> None:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 2
    assert result.output.startswith("mammolog: ")
    assert field in result.output
    assert "Traceback" not in result.output


def test_human_output_names_the_category(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["assess", "2024-03-04", "--left", "4b", "--density", "3"])
    assert result.exit_code == 0, result.output
    assert "BI-RADS 4B: Moderate suspicion" in result.output
    assert "Density  c: heterogeneously dense" in result.output
    history = runner.invoke(cli, ["assess", "2024-03-04", "--history"])
    assert "user" in history.output


def test_procedure_pathology_and_due(runner: CliRunner) -> None:
    run(runner, "assess", "2024-03-04", "--left", "4B")
    proc = run(
        runner,
        "procedure",
        "add",
        "--date",
        "2024-03-15",
        "--type",
        "stereotactic-biopsy",
        "--side",
        "L",
        "--study",
        "2024-03-04",
    )
    assert isinstance(proc, dict)
    run(
        runner,
        "pathology",
        "add",
        "--date",
        "2024-03-20",
        "--outcome",
        "benign",
        "--side",
        "L",
        "--procedure",
        str(proc["procedure_id"]),
    )
    due = run(runner, "due", "set", "2026-12-01", "--reason", "surgeon: 6-month ultrasound")
    assert isinstance(due, dict) and due["due"] == "2026-12-01"
    timeline = run(runner, "timeline")
    assert isinstance(timeline, dict)
    assert timeline["next_due"]["date"] == "2026-12-01"
    assert timeline["next_due"]["overdue"] is False
