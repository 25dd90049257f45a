"""Loose report documents on a disc are kept with their study; other documents are left alone."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF

from mammolog.cli import cli
from mammolog.dicom.synth import InstanceSpec, four_views, write_instance
from mammolog.services.import_documents import dates_in, match_study

CANDIDATES = [
    ("1.1", "ACC100", date(2024, 3, 1)),
    ("1.2", "ACC200", date(2025, 3, 3)),
]


def test_match_by_only_study_accession_or_date() -> None:
    assert match_study("anything", CANDIDATES[:1]) == "1.1"
    assert match_study("Accession ACC200, BI-RADS 2", CANDIDATES) == "1.2"
    assert match_study("Exam date 01.03.2024", CANDIDATES) == "1.1"
    assert match_study("Exam date 2025-03-03", CANDIDATES) == "1.2"
    assert match_study("compared with 2024-03-01; exam 2025-03-03", CANDIDATES) is None
    assert match_study("no clue", CANDIDATES) is None


def test_dates_in_ignores_impossible_dates() -> None:
    assert dates_in("20240301 and 31.02.2024 and 2024-13-01") == {date(2024, 3, 1)}


def _pdf(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 7, text)
    pdf.output(str(path))


@pytest.fixture
def disc(tmp_path: Path) -> Path:
    root = tmp_path / "disc"
    for spec in four_views(InstanceSpec(study_date="20240301", accession_number="ACC100")):
        write_instance(root / "DICOM" / f"IM{spec.instance_number}", spec)
    _pdf(
        root / "REPORTS" / "REPORT.PDF",
        "Mammography. IMPRESSION: Right breast: BI-RADS 2. Left breast: BI-RADS 1.",
    )
    _pdf(root / "VIEWER" / "MANUAL.PDF", "How to install the viewer software on Windows.")
    (root / "README.TXT").write_text("This disc contains a viewer. Double-click START.EXE.")
    (root / "AUTORUN.INF").write_text("[autorun]\nopen=START.EXE\n")
    return root


def test_import_keeps_the_report_and_reads_it(home: Path, disc: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["import", str(disc), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [d["path"] for d in report["documents_kept"]] == ["REPORTS/REPORT.PDF"]
    assert report["documents_kept"][0]["study_uid"] is not None
    assert report["proposals_added"] >= 2
    proposals = json.loads(runner.invoke(cli, ["proposals", "--json"]).output)
    assert {(p["side"], p["value"]) for p in proposals if p["field"] == "category"} == {
        ("R", "2"),
        ("L", "1"),
    }
    again = json.loads(runner.invoke(cli, ["import", str(disc), "--json"]).output)
    assert again["instances_already_present"] == 4
    assert again["proposals_added"] == 0
    assert runner.invoke(cli, ["verify"]).exit_code == 0
