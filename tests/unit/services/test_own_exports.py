"""mammolog's own exports coming back on a disc are left alone: no document kept, nothing read.

A library is exported with the real export code (folder, ZIP and ISO, and loose summaries in
every format), then each form is imported into a fresh home: the images come in, but no
document is kept and no proposal is made from the patient's own summary or media pages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mammolog.cli import cli
from mammolog.dicom.synth import InstanceSpec, four_views, write_instance
from mammolog.export.own_exports import EXPORT_MARKER, is_own_export

MEDIA_PAGES = {"README.TXT", "INDEX.HTM", "IHE_PDI/INDEX.HTM", "IHE_PDI/SUMMARY.PDF",
               "IHE_PDI/SUMMARY.HTM"}  # fmt: skip


def _run(runner: CliRunner, home: Path, *args: str) -> Any:
    result = runner.invoke(cli, ["--home", str(home), *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A library with a result, exported as folder, ZIP, ISO and loose summaries."""
    root = tmp_path_factory.mktemp("own")
    disc = root / "disc"
    for spec in four_views(InstanceSpec(study_date="20240301", accession_number="73")):
        write_instance(disc / "DICOM" / f"IM{spec.instance_number}", spec)
    home = root / "home"
    runner = CliRunner()
    _run(runner, home, "import", str(disc))
    study = runner.invoke(cli, ["--home", str(home), "studies", "--json"])
    uid = json.loads(study.output)[0]["study_uid"]
    assert runner.invoke(
        cli, ["--home", str(home), "assess", uid, "--right", "2", "--left", "4B", "--density",
              "c", "--recommendation", "biopsy"],
    ).exit_code == 0  # fmt: skip
    forms = {
        "folder": root / "out" / "MAMMO",
        "zip": root / "out" / "mammo.zip",
        "iso": root / "out" / "mammo.iso",
    }
    forms["folder"].parent.mkdir()
    _run(runner, home, "export", "media", "--out", str(forms["folder"]))
    _run(runner, home, "export", "media", "--zip", "--out", str(forms["zip"]))
    _run(runner, home, "export", "media", "--iso", "--out", str(forms["iso"]))
    forms["anonymized zip"] = root / "out" / "anon.zip"
    _run(
        runner,
        home,
        "export",
        "media",
        "--zip",
        "--anonymize",
        "--out",
        str(forms["anonymized zip"]),
    )
    loose = root / "loose"
    for spec in four_views(InstanceSpec(study_date="20240301", accession_number="73")):
        write_instance(loose / "DICOM" / f"IM{spec.instance_number}", spec)
    (loose / "REPORTS").mkdir()
    for name in ("my summary.pdf", "notes.html", "history.md"):
        _run(runner, home, "export", "summary", "--out", str(loose / "REPORTS" / name))
    forms["loose summaries"] = loose
    return forms


@pytest.mark.parametrize("form", ["folder", "zip", "iso", "anonymized zip", "loose summaries"])
def test_reimporting_an_export_keeps_no_document_and_proposes_nothing(
    exported: dict[str, Path], tmp_path: Path, form: str
) -> None:
    runner = CliRunner()
    report = _run(runner, tmp_path / "fresh", "import", str(exported[form]))
    assert report["instances_added"] == 4  # the images themselves are imported
    assert report["documents_kept"] == []
    assert report["proposals_added"] == 0
    left_alone = {str(d["path"]) for d in report["documents_left_alone"]}
    if form == "loose summaries":
        assert left_alone == {"REPORTS/my summary.pdf", "REPORTS/notes.html", "REPORTS/history.md"}
    else:
        assert left_alone == MEDIA_PAGES
    assert _run(runner, tmp_path / "fresh", "proposals") == []


def test_the_marker_or_the_fixed_layout_identifies_an_export() -> None:
    assert is_own_export("anything.pdf", b"%PDF ... /Keywords (" + EXPORT_MARKER.encode() + b")")
    legacy_readme = "DICOM MEDIA - MAMMOGRAPHY HISTORY\r\nWritten by mammolog on 2025-01-01"
    assert is_own_export("README.TXT;1", legacy_readme.encode(), legacy_readme)
    page = "Studies on this media Written by mammolog on 2025-01-01."
    assert is_own_export("DISC/IHE_PDI/INDEX.HTM", page.encode(), page)
    summary = "Mammography history ... This summary was made by the\\npatient with mammolog from"
    assert is_own_export("IHE_PDI/SUMMARY.PDF", b"%PDF", summary.replace("\\n", "\n"))
    # a vendor's disc pages and a real report are not mammolog's
    vendor = "Patient CD. Written by ViewerSoft. Mammography images."
    assert not is_own_export("README.TXT", vendor.encode(), vendor)
    report = "Mammography report. BI-RADS 2. Written by mammolog? no: by Dr. Smith"
    assert not is_own_export("REPORTS/REPORT.PDF", report.encode(), report)
    assert not is_own_export("README.TXT", b"", None)


def test_a_summary_attached_by_hand_is_kept_but_never_read(
    exported: dict[str, Path], tmp_path: Path
) -> None:
    runner = CliRunner()
    home = tmp_path / "fresh"
    _run(runner, home, "import", str(exported["folder"]))
    uid = _run(runner, home, "studies")[0]["study_uid"]
    summary = exported["loose summaries"] / "REPORTS" / "my summary.pdf"
    attached = runner.invoke(cli, ["--home", str(home), "attach", uid, str(summary)])
    assert attached.exit_code == 0, attached.output
    extract = _run(runner, home, "extract")
    assert extract["documents_read"] == 1 and extract["proposals_added"] == 0
    assert _run(runner, home, "proposals") == []
