"""Export use cases: choosing files for the media, writing it with the summary, de-identified."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pydicom.fileset import FileSet
from pypdf import PdfReader

from mammolog.catalog.migrate import open_catalog
from mammolog.export.media import OutputKind
from mammolog.paths import AppPaths
from mammolog.services.export import ExportError, export_media, select_media_files
from mammolog.services.studies import StudyNotFound
from tests.unit.export.scanner import identifier_needles, scan
from tests.unit.export.test_summary_data import (
    NAMES,
    PATIENT_IDS,
    TODAY,
    Library,
    build_library,
)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return build_library(tmp_path / "home")


def test_files_of_the_person_or_of_chosen_studies(library: Library) -> None:
    files, owner = select_media_files(library.engine, library.paths, person_id=None)
    assert owner == library.person_id and len(files) == 16 and all(f.is_file() for f in files)
    chosen, owner = select_media_files(
        library.engine,
        library.paths,
        person_id=None,
        study_refs=("2023-03-09", library.study_uids[0]),
    )
    assert owner == library.person_id
    assert {f.parent.name for f in chosen} == {library.study_uids[2], library.study_uids[0]}
    with pytest.raises(StudyNotFound):
        select_media_files(
            library.engine, library.paths, person_id=None, study_refs=("1999-01-01",)
        )
    with pytest.raises(ExportError, match="not all of person 99"):
        select_media_files(library.engine, library.paths, person_id=99, study_refs=("2023-03-09",))


def test_an_empty_library_has_nothing_to_export(tmp_path: Path) -> None:
    paths = AppPaths.under_home(tmp_path / "empty")
    engine = open_catalog(paths)
    with pytest.raises(ExportError, match="no persons yet"):
        select_media_files(engine, paths, person_id=None)
    with pytest.raises(ExportError, match="no persons yet"):
        export_media(engine, paths, tmp_path / "out", today=TODAY)


def test_media_holds_every_object_a_dicomdir_and_the_summary(
    library: Library, tmp_path: Path
) -> None:
    out = tmp_path / "MEDIA"
    result = export_media(library.engine, library.paths, out, today=TODAY)
    report = result.report
    assert (report.studies, report.series, report.instances) == (4, 4, 16)
    assert report.patients == 4  # one PATIENT record per Patient ID
    assert result.summary_included and result.person_id == library.person_id
    fileset = FileSet(out / "DICOMDIR")
    assert len(fileset) == 16
    assert {i.SOPInstanceUID for i in fileset} == {
        f"{uid}.1.{n}" for uid in library.study_uids for n in range(1, 5)
    }
    summary = out / "IHE_PDI" / "SUMMARY.PDF"
    text = " ".join(page.extract_text() or "" for page in PdfReader(summary).pages)
    assert "Kowalska, Maria" in text and "Left breast: BI-RADS 2 (Benign)" in text
    assert "Centre C" in text
    html = (out / "IHE_PDI" / "SUMMARY.HTM").read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "data:image/png" in html
    as_json = result.as_json()
    assert (
        as_json["instances"] == 16 and as_json["format"] == "folder" and as_json["summary"] is True
    )


def test_chosen_studies_only(library: Library, tmp_path: Path) -> None:
    out = tmp_path / "one.zip"
    result = export_media(
        library.engine, library.paths, out, today=TODAY, study_refs=("2024-03-01",),
        output=OutputKind.ZIP,
    )  # fmt: skip
    assert out.is_file() and result.report.studies == 1 and result.report.instances == 4


def test_refuses_a_folder_that_is_not_empty_unless_forced(library: Library, tmp_path: Path) -> None:
    out = tmp_path / "busy"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(ExportError, match="not empty"):
        export_media(library.engine, library.paths, out, today=TODAY)
    assert (out / "keep.txt").is_file()
    export_media(library.engine, library.paths, out, today=TODAY, force=True)
    assert (out / "DICOMDIR").is_file() and not (out / "keep.txt").exists()


def test_anonymized_media_names_nobody_anywhere(library: Library, tmp_path: Path) -> None:
    out = tmp_path / "ANON"
    result = export_media(library.engine, library.paths, out, today=TODAY, anonymize=True)
    assert result.report.anonymized and result.report.instances == 16
    assert result.summary_included, result.report.warnings
    assert (out / "IHE_PDI" / "SUMMARY.PDF").is_file()
    assert (out / "IHE_PDI" / "SUMMARY.HTM").is_file()
    needles = identifier_needles(NAMES, PATIENT_IDS, ["19650402"], ["ISO_IR 192"])
    needles.update({b"Centre C": "centre", b"2023-03-09": "exam date", b"20230309": "exam date"})
    assert scan(out, needles) == []


def test_anonymized_media_with_retained_dates_keeps_exam_dates(
    library: Library, tmp_path: Path
) -> None:
    out = tmp_path / "ANON"
    export_media(library.engine, library.paths, out, today=TODAY, anonymize=True, retain_dates=True)
    pdf = out / "IHE_PDI" / "SUMMARY.PDF"
    text = " ".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    assert "2023-03-09" in text and "Kowalska" not in text


@pytest.mark.tools
def test_third_party_readers_accept_the_media(library: Library, tmp_path: Path) -> None:
    if shutil.which("dcmdump") is None or shutil.which("dciodvfy") is None:
        pytest.skip("DCMTK / dicom3tools are not installed")
    out = tmp_path / "MEDIA"
    export_media(library.engine, library.paths, out, today=TODAY)
    dump = subprocess.run(["dcmdump", str(out / "DICOMDIR")], capture_output=True, text=True)
    assert dump.returncode == 0 and "DirectoryRecordSequence" in dump.stdout
    verify = subprocess.run(["dciodvfy", str(out / "DICOMDIR")], capture_output=True, text=True)
    assert "Error" not in verify.stdout + verify.stderr
    if shutil.which("dcentvfy") is not None:
        files = sorted(str(p) for p in (out / "DICOM").rglob("*") if p.is_file())
        assert len(files) == 16
        across = subprocess.run(["dcentvfy", *files], capture_output=True, text=True)
        assert "Error" not in across.stdout + across.stderr
