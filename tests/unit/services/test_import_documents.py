"""Loose report documents on a disc are kept with their study; other documents are left alone."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF

from mammolog.cli import cli
from mammolog.dicom.synth import InstanceSpec, four_views, write_instance
from mammolog.services.import_documents import (
    StudyCandidate,
    accessions_named,
    dates_in,
    place_document,
    reads_like_breast_report,
)

CANDIDATES = [
    StudyCandidate("1.1", "ACC100", date(2024, 3, 1)),
    StudyCandidate("1.2", "ACC200", date(2025, 3, 3)),
]
REPORT = "Mammography. IMPRESSION: BI-RADS 2."


def _placed(text: str, candidates: list[StudyCandidate] = CANDIDATES) -> str | None:
    return place_document(text, candidates).study_uid


def test_placed_by_accession_date_or_only_study() -> None:
    assert _placed(REPORT, CANDIDATES[:1]) == "1.1"
    assert _placed(f"{REPORT} Accession ACC200", CANDIDATES) == "1.2"
    assert _placed(f"{REPORT} Acc. No.: acc200", CANDIDATES) == "1.2"
    assert _placed(f"Mammographie. Auftragsnummer: ACC100. {REPORT}", CANDIDATES) == "1.1"
    assert _placed(f"{REPORT} Exam date 01.03.2024", CANDIDATES) == "1.1"
    assert _placed(f"{REPORT} Exam date 2025-03-03", CANDIDATES) == "1.2"


def test_unplaced_when_the_evidence_is_missing_or_ambiguous() -> None:
    both_dates = place_document(f"{REPORT} compared with 2024-03-01; exam 2025-03-03", CANDIDATES)
    assert both_dates.study_uid is None and "several studies" in both_dates.reason
    nothing = place_document(REPORT, CANDIDATES)
    assert nothing.study_uid is None and "neither the accession number nor the date" in (
        nothing.reason
    )
    no_text = place_document("", CANDIDATES[:1])
    assert no_text.study_uid is None and "cannot be read" in no_text.reason
    assert place_document(REPORT, []).study_uid is None


def test_only_a_breast_imaging_report_is_placed() -> None:
    lung = place_document("CT chest. Lung-RADS Category 4A. Accession ACC100.", CANDIDATES[:1])
    assert lung.study_uid is None and "breast imaging report" in lung.reason
    for text in (
        "Mammographie bilatérale",
        "Mammografía: BI-RADS 2",
        "Befund: Mamma rechts",
        "ecografia mammaria",
        "Маммография",
        "mammografia piersi",
        "borstonderzoek",
    ):
        assert reads_like_breast_report(text), text  # fmt: skip
    assert not reads_like_breast_report("Knee MRI: no tear. Sein oder nicht sein.")


def test_an_accession_number_inside_other_text_is_not_evidence() -> None:
    short = [
        StudyCandidate("1.1", "73", date(2024, 3, 1)),
        StudyCandidate("1.2", "88", date(2025, 3, 3)),
    ]
    text = (
        "Mammography report 1073. Patient ID 7301. Tel. 0731 773. Page 73 of 80. "
        "BI-RADS 2. Accession: 1073"
    )
    placement = place_document(text, short)
    assert placement.study_uid is None
    assert _placed(f"{REPORT} Accession No.: 73", short) == "1.1"
    assert _placed(f"{REPORT} Accession No.: 88.", short) == "1.2"
    # the only study, but the report names another accession number: not placed
    other = place_document(f"{REPORT} Accession: 1073", short[:1])
    assert other.study_uid is None and "1073" in other.reason
    assert accessions_named("accurate according to Acc. No. 12a; Accession: pending") == {"12a"}


def test_the_only_study_does_not_take_a_report_of_another_exam() -> None:
    only = [StudyCandidate("1.1", "", date(2024, 3, 1))]
    assert _placed(f"{REPORT} Report signed 2024-03-04", only) == "1.1"  # within the report window
    assert _placed(f"{REPORT} No date given.", only) == "1.1"
    prior = place_document(f"{REPORT} Mammogram of 12.02.2022.", only)
    assert prior.study_uid is None and "dated 2022-02-12" in prior.reason
    late = place_document(f"{REPORT} Written 2024-06-01", only)
    assert late.study_uid is None
    assert (
        _placed(f"{REPORT} Accession 55", only) == "1.1"
    )  # the study has no accession to contradict


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
    (root / "IHE_PDI").mkdir()
    (root / "IHE_PDI" / "INDEX.HTM").write_text(
        "<html><body><h1>Mammography images</h1><p>Breast imaging, 2024-03-01</p></body></html>"
    )
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


def test_a_report_without_evidence_stays_unplaced_and_the_report_says_why(
    home: Path, tmp_path: Path
) -> None:
    root = tmp_path / "two-studies"
    for number, (day, accession) in enumerate((("20240301", "73"), ("20250303", "88"))):
        spec = InstanceSpec(study_date=day, accession_number=accession)
        for view in four_views(spec):
            write_instance(root / "DICOM" / f"S{number}IM{view.instance_number}", view)
    _pdf(root / "REPORTS" / "A.PDF", "Mammography 1073. Page 73. BI-RADS 4A.")
    _pdf(root / "REPORTS" / "B.PDF", "Mammography. Accession No.: 88. BI-RADS 2.")
    runner = CliRunner()
    report = json.loads(runner.invoke(cli, ["import", str(root), "--json"]).output)
    kept = {d["path"]: d for d in report["documents_kept"]}
    assert kept["REPORTS/A.PDF"]["study_uid"] is None
    assert "neither the accession number nor the date" in kept["REPORTS/A.PDF"]["reason"]
    assert kept["REPORTS/B.PDF"]["study_uid"] is not None
    assert kept["REPORTS/B.PDF"]["reason"] == "it names accession number 88"
    proposals = json.loads(runner.invoke(cli, ["proposals", "--json"]).output)
    assert {p["value"] for p in proposals if p["field"] == "category"} == {"2"}  # never 4A
    again = runner.invoke(cli, ["import", str(root)])
    assert again.exit_code == 0, again.output


def test_a_disc_index_page_is_left_alone_even_when_it_names_mammography(
    home: Path, tmp_path: Path
) -> None:
    from mammolog.paths import AppPaths
    from mammolog.services.import_documents import DocumentKeeper

    keeper = DocumentKeeper(AppPaths.under_home(tmp_path / "keep"))
    page = b"<html><body><h1>Mammography images</h1><p>Breast imaging 2024-03-01</p></body></html>"
    keeper("IHE_PDI/INDEX.HTM", "html", io.BytesIO(page))
    keeper("index.html", "html", io.BytesIO(page))
    assert keeper.kept == [] and keeper.left_alone == []
    keeper("REPORTS/REPORT.HTM", "html", io.BytesIO(page))
    assert [d.relpath for d in keeper.kept] == ["REPORTS/REPORT.HTM"]
