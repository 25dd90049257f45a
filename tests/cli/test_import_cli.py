"""``mammolog import`` through the command line: the JSON contract and the exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from mammolog.cli import cli

CONTRACT = {
    "source", "studies_added", "series_added", "instances_added", "instances_already_present",
    "conflicts", "ignored_files", "bytes_copied", "persons", "problems",
}  # fmt: skip


def test_real_charset_disc_imports_cleanly_then_is_already_present(
    home: Path, real_data: Path
) -> None:
    runner = CliRunner()
    disc = real_data / "orthanc-tests" / "DavidClunie"
    first = runner.invoke(cli, ["import", str(disc), "--json"])
    assert first.exit_code == 0, first.output
    report = json.loads(first.output)
    assert CONTRACT <= set(report)
    assert report["instances_added"] == 11 and report["studies_added"] == 11
    assert report["ignored_files"] == 1  # the PNG screenshot
    assert all(set(p) >= {"person_id", "display_name", "new"} for p in report["persons"])
    names = {p["display_name"] for p in report["persons"]}
    assert "Buc, Jérôme" in names and "Διονυσιος" in names
    again = json.loads(runner.invoke(cli, ["import", str(disc), "--json"]).output)
    assert again["instances_added"] == 0 and again["instances_already_present"] == 11
    studies = json.loads(runner.invoke(cli, ["studies", "--json"]).output)
    assert {"Yamada^Tarou=山田^太郎=やまだ^たろう", "Hong^Gildong=洪^吉洞=홍^길동"} <= {
        s["patient_name"] for s in studies
    }
    verify = runner.invoke(cli, ["verify", "--json"])
    assert verify.exit_code == 0, verify.output


def test_disc_with_missing_files_exits_3_and_lists_problems(
    home: Path, real_data: Path, tmp_path: Path
) -> None:
    disc = tmp_path / "philips"
    shutil.copytree(real_data / "dcm_qa_ct" / "Philips", disc)
    result = CliRunner().invoke(cli, ["import", str(disc), "--json"])
    assert result.exit_code == 3, result.output
    report = json.loads(result.output)
    assert report["instances_added"] == 2
    assert report["problems"] and all(set(p) == {"path", "reason"} for p in report["problems"])


def test_missing_source_exits_1_with_one_line(home: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["import", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "no such file" in result.output


def test_usage_error_exits_2(home: Path) -> None:
    assert CliRunner().invoke(cli, ["import"]).exit_code == 2


def test_demo_builds_a_ten_year_history(home: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["demo", "--demo-home", str(tmp_path / "demo"), "--json"])
    assert result.exit_code == 0, result.output
    built = json.loads(result.output)
    assert built["studies"] >= 12 and built["instances"] >= 48
    timeline = json.loads(
        runner.invoke(cli, ["--home", str(tmp_path / "demo"), "timeline", "--json"]).output
    )
    years = {e["date"][:4] for e in timeline["entries"]}
    assert len(years) >= 9
    kinds = {c["kind"] for e in timeline["entries"] for c in e["changes"]}
    assert {"category_up", "category_down", "new_finding", "density_change"} <= kinds
