"""write_media: the File-set on disk, zip and ISO outputs, atomicity and refusals."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import zipfile
from collections import namedtuple
from pathlib import Path

import pycdlib
import pytest
from pydicom import dcmread
from pydicom.fileset import FileSet
from pydicom.uid import generate_uid

from mammolog.export import media as media_module
from mammolog.export.media import (
    MediaExportError,
    MediaOptions,
    MediaProgress,
    OutputKind,
    write_media,
)
from tests.unit.export.synth_files import Person, encapsulated_pdf, mg_image, text_sr

REAL_FILES = (
    "fo-dicom/GH133.dcm",
    "fo-dicom/OutOfBoundsOverlay.dcm",
    "orthanc-tests/sample-pdf.dcm",
    "orthanc-tests/MarekLatin2.dcm",
    "openrem/MG-RDSR-Hologic_2D.dcm",
    "openrem/MG-RDSR-Giotto-DBT.dcm",
    "openrem/MG-Im-GE_Seno_1_ForPresentation.dcm",
    "openrem/MG-Im-GE_Seno_1_ForProcessing.dcm",
    "nema-wg04/MG1_JPLY",
)
NAME_83 = re.compile(r"^[A-Z0-9_]{1,8}(\.[A-Z0-9_]{1,3})?$")


def _real_items(real_data: Path) -> list[Path]:
    clunie = sorted((real_data / "orthanc-tests" / "DavidClunie").glob("SCS*"))
    return [real_data / name for name in REAL_FILES] + clunie


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def synthetic_items(tmp_path: Path) -> list[Path]:
    """Files of one study plus a For Processing image, an SR and a PDF."""
    source = tmp_path / "library"
    source.mkdir()
    study = generate_uid()
    series = generate_uid()
    paths = [source / f"f{n}.dcm" for n in range(5)]
    mg_image(paths[0], study_uid=study, series_uid=series, view="CC")
    mg_image(paths[1], study_uid=study, series_uid=series, view="MLO")
    mg_image(paths[2], study_uid=study, for_processing=True)
    text_sr(paths[3], study_uid=study)
    encapsulated_pdf(paths[4], person=Person(), study_uid=study)
    return paths


def test_folder_export_copies_bytes_and_indexes_everything(
    tmp_path: Path, synthetic_items: list[Path]
) -> None:
    seen: list[MediaProgress] = []
    out = tmp_path / "usb"
    report = write_media(
        synthetic_items, out, options=MediaOptions(fileset_id="APPT_2026", progress=seen.append)
    )
    assert report.instances == 4 and report.patients == 1 and report.studies == 1
    assert [item.path for item in report.skipped] == [synthetic_items[2]]  # For Processing
    assert seen[-1].done == seen[-1].total == 4
    fileset = FileSet(dcmread(out / "DICOMDIR"))
    by_uid = {str(instance.SOPInstanceUID): Path(instance.path) for instance in fileset}
    for source in synthetic_items[:2] + synthetic_items[3:]:
        uid = str(dcmread(source, stop_before_pixels=True).SOPInstanceUID)
        assert _sha(by_uid[uid]) == _sha(source)  # bytes as stored
    names = {p.relative_to(out).as_posix() for p in out.rglob("*")}
    assert {"DICOMDIR", "README.TXT", "INDEX.HTM", "IHE_PDI/INDEX.HTM"} <= names
    assert all(NAME_83.match(part) for name in names for part in name.split("/"))
    assert not any(name.upper().startswith("AUTORUN") for name in names)
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())  # no staging left


def test_for_processing_can_be_included(tmp_path: Path, synthetic_items: list[Path]) -> None:
    options = MediaOptions(include_for_processing=True)
    report = write_media(synthetic_items, tmp_path / "out", options=options)
    assert report.instances == 5 and report.skipped == ()


def test_refuses_non_empty_target_unless_forced(
    tmp_path: Path, synthetic_items: list[Path]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(MediaExportError, match="not empty"):
        write_media(synthetic_items, out)
    assert (out / "keep.txt").read_text() == "mine"
    write_media(synthetic_items, out, options=MediaOptions(force=True))
    assert (out / "DICOMDIR").is_file() and not (out / "keep.txt").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert write_media(synthetic_items, empty).instances == 4


def test_refuses_a_target_holding_the_sources(tmp_path: Path, synthetic_items: list[Path]) -> None:
    with pytest.raises(MediaExportError, match="holds the files"):
        write_media(synthetic_items, synthetic_items[0].parent, options=MediaOptions(force=True))


def test_checks_free_space_first(
    tmp_path: Path, synthetic_items: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _: usage(10, 10, 1000))
    with pytest.raises(MediaExportError, match=r"needs \d.* MB, 1.0 kB is free"):
        write_media(synthetic_items, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_failure_midway_leaves_no_complete_looking_target(
    tmp_path: Path, synthetic_items: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def stop_after_two(progress: MediaProgress) -> None:
        if progress.done == 2:
            raise OSError("device unplugged")

    out = tmp_path / "out"
    with pytest.raises(MediaExportError, match="device unplugged"):
        write_media(synthetic_items, out, options=MediaOptions(progress=stop_after_two))
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "library"]  # staging removed

    def broken_dicomdir(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    previous = tmp_path / "previous"
    write_media(synthetic_items, previous)
    before = _sha(previous / "DICOMDIR")
    monkeypatch.setattr(media_module, "write_dicomdir", broken_dicomdir)
    with pytest.raises(MediaExportError, match="disk full"):
        write_media(synthetic_items, previous, options=MediaOptions(force=True))
    assert _sha(previous / "DICOMDIR") == before  # the earlier good export is untouched


def test_zip_output_is_one_readable_file(tmp_path: Path, synthetic_items: list[Path]) -> None:
    target = tmp_path / "media.zip"
    report = write_media(synthetic_items, target, options=MediaOptions(output=OutputKind.ZIP))
    assert report.output is OutputKind.ZIP and target.is_file()
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert names[-1] == "DICOMDIR" and "README.TXT" in names
        dicomdir = dcmread(io.BytesIO(archive.read("DICOMDIR")))
        referenced = {
            "/".join(record.ReferencedFileID)
            for record in dicomdir.DirectoryRecordSequence
            if "ReferencedFileID" in record
        }
        assert referenced <= set(names) and len(referenced) == 4
    with pytest.raises(MediaExportError, match="already exists"):
        write_media(synthetic_items, target, options=MediaOptions(output=OutputKind.ZIP))


def test_iso_output_reads_back_with_pycdlib(tmp_path: Path, synthetic_items: list[Path]) -> None:
    target = tmp_path / "media.iso"
    write_media(synthetic_items, target, options=MediaOptions(output=OutputKind.ISO))
    iso = pycdlib.PyCdlib()
    iso.open(str(target))
    try:
        buffer = io.BytesIO()
        iso.get_file_from_iso_fp(buffer, iso_path="/DICOMDIR.;1")
        dicomdir = dcmread(io.BytesIO(buffer.getvalue()))
        record = next(r for r in dicomdir.DirectoryRecordSequence if "ReferencedFileID" in r)
        image = io.BytesIO()
        iso.get_file_from_iso_fp(image, joliet_path="/" + "/".join(record.ReferencedFileID))
        assert dcmread(io.BytesIO(image.getvalue())).SOPInstanceUID == (
            record.ReferencedSOPInstanceUIDInFile
        )
        readme = io.BytesIO()
        iso.get_file_from_iso_fp(readme, iso_path="/README.TXT;1")
        assert b"mammolog" in readme.getvalue()
    finally:
        iso.close()


def test_bad_inputs_become_skipped_lines(tmp_path: Path, synthetic_items: list[Path]) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_text("not dicom")
    report = write_media([junk, *synthetic_items], tmp_path / "out")
    assert any(item.path == junk and "not a readable" in item.reason for item in report.skipped)
    with pytest.raises(MediaExportError, match="none of the given files"):
        write_media([junk], tmp_path / "out2")


@pytest.mark.real
def test_real_files_round_trip(tmp_path: Path, real_data: Path) -> None:
    items = _real_items(real_data)
    out = tmp_path / "out"
    report = write_media(items, out)
    skipped = {item.path.name for item in report.skipped}
    assert skipped == {"MG-Im-GE_Seno_1_ForProcessing.dcm"}
    fileset = FileSet(dcmread(out / "DICOMDIR"))
    exported = {str(instance.SOPInstanceUID): Path(instance.path) for instance in fileset}
    assert len(exported) == len(items) - 1
    for source in items:
        uid = str(dcmread(source, stop_before_pixels=True).SOPInstanceUID)
        if source.name in skipped:
            assert uid not in exported
            continue
        copy = dcmread(exported[uid], stop_before_pixels=True)
        original = dcmread(source, stop_before_pixels=True)
        assert copy.file_meta.TransferSyntaxUID == original.file_meta.TransferSyntaxUID
        assert _sha(exported[uid]) == _sha(source)
    records = dcmread(out / "DICOMDIR").DirectoryRecordSequence
    kinds = {str(r.DirectoryRecordType) for r in records}
    assert {"PATIENT", "STUDY", "SERIES", "IMAGE", "SR DOCUMENT", "ENCAP DOC"} <= kinds
    charsets = {str(r.get("SpecificCharacterSet", "")) for r in records}
    assert "ISO_IR 126" in charsets and "ISO_IR 144" in charsets
    names = {str(i.PatientName) for i in fileset if "PatientName" in i}
    assert "Buc^Jérôme" in names or any("Buc" in n for n in names)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


@pytest.mark.tools
@pytest.mark.real
def test_third_party_tools_accept_the_real_export(tmp_path: Path, real_data: Path) -> None:
    items = _real_items(real_data)
    out = tmp_path / "out"
    write_media(items, out)
    dump = subprocess.run(
        [_tool("dcmdump"), str(out / "DICOMDIR")], capture_output=True, text=True, errors="replace"
    )
    assert dump.returncode == 0 and "E:" not in dump.stderr
    check = subprocess.run(
        [_tool("dciodvfy"), str(out / "DICOMDIR")], capture_output=True, text=True, errors="replace"
    )
    errors = [line for line in (check.stdout + check.stderr).splitlines() if "Error" in line]
    assert errors == []


def _entity_errors(files: list[Path], root: Path) -> set[str]:
    result = subprocess.run(
        [_tool("dcentvfy"), *map(str, files)],
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    )
    lines = (result.stdout + result.stderr).splitlines()
    return {re.sub(r"</[^>]*>", "<file>", line) for line in lines if "Error" in line}


@pytest.mark.tools
def test_dcentvfy_finds_no_inconsistencies(tmp_path: Path) -> None:
    source = tmp_path / "library"
    source.mkdir()
    study = generate_uid()
    series = generate_uid()
    paths = [source / f"f{n}.dcm" for n in range(3)]
    mg_image(paths[0], study_uid=study, series_uid=series)
    mg_image(paths[1], study_uid=study, series_uid=series, laterality="R")
    text_sr(paths[2], study_uid=study)
    out = tmp_path / "out"
    write_media(paths, out)
    exported = sorted(p for p in (out / "DICOM").rglob("*") if p.is_file())
    assert len(exported) == 3
    assert _entity_errors(exported, out) == set()
    anonymized = tmp_path / "anon"
    write_media(paths, anonymized, options=MediaOptions(anonymize=True))
    exported = sorted(p for p in (anonymized / "DICOM").rglob("*") if p.is_file())
    assert _entity_errors(exported, anonymized) == set()


@pytest.mark.tools
@pytest.mark.real
def test_dcentvfy_real_export_adds_no_inconsistency(tmp_path: Path, real_data: Path) -> None:
    items = [p for p in _real_items(real_data) if "ForProcessing" not in p.name]
    out = tmp_path / "out"
    write_media(items, out)
    exported = sorted(p for p in (out / "DICOM").rglob("*") if p.is_file())
    assert _entity_errors(exported, out) == _entity_errors(items, real_data)


def test_a_file_that_cannot_be_deidentified_is_left_out(
    tmp_path: Path, synthetic_items: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from mammolog.export.anonymize import Anonymizer

    original = Anonymizer.anonymize
    broken_uid = str(dcmread(synthetic_items[1], stop_before_pixels=True).SOPInstanceUID)

    def anonymize(self: Anonymizer, ds: object) -> bool:
        if str(getattr(ds, "SOPInstanceUID", "")) == broken_uid:
            raise ValueError("cannot re-encode")
        return original(self, ds)  # type: ignore[arg-type]

    monkeypatch.setattr(Anonymizer, "anonymize", anonymize)
    out = tmp_path / "anon"
    report = write_media(synthetic_items, out, options=MediaOptions(anonymize=True))
    assert report.instances == 2  # two images minus the broken one, plus the SR
    assert any("cannot be de-identified" in s.reason for s in report.skipped)
    assert len(list(FileSet(dcmread(out / "DICOMDIR")))) == 2


def test_dicomdir_inputs_and_bad_fileset_ids_are_explained(
    tmp_path: Path, synthetic_items: list[Path]
) -> None:
    first = tmp_path / "first"
    write_media(synthetic_items, first)
    report = write_media([first / "DICOMDIR", *synthetic_items], tmp_path / "second")
    assert any("DICOMDIR" in item.reason for item in report.skipped)
    missing = MediaOptions(summary_pdf=tmp_path / "nope.pdf")
    with pytest.raises(MediaExportError, match="summary PDF"):
        write_media(synthetic_items, tmp_path / "fourth", options=missing)
    with pytest.raises(MediaExportError, match="File-set ID"):
        write_media(synthetic_items, tmp_path / "third", options=MediaOptions(fileset_id="bad id!"))


def test_root_of_a_mounted_stick_gets_the_media_in_place(
    tmp_path: Path, synthetic_items: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    real_ismount = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == stick or real_ismount(p))
    write_media(synthetic_items, stick)
    assert sorted(p.name for p in stick.iterdir()) == [
        "DICOM",
        "DICOMDIR",
        "IHE_PDI",
        "INDEX.HTM",
        "README.TXT",
    ]
    (stick / "PHOTOS").mkdir()
    with pytest.raises(MediaExportError, match="not empty"):
        write_media(synthetic_items[:1], stick)
    report = write_media(synthetic_items[:1], stick, options=MediaOptions(force=True))
    assert report.instances == 1 and (stick / "PHOTOS").is_dir()  # other files stay
    assert len(list(FileSet(dcmread(stick / "DICOMDIR")))) == 1
    assert len([p for p in (stick / "DICOM").rglob("*") if p.is_file()]) == 1

    def fail(progress: MediaProgress) -> None:
        raise OSError("unplugged")

    with pytest.raises(MediaExportError):
        write_media(synthetic_items, stick, options=MediaOptions(force=True, progress=fail))
    assert not any(p.name.startswith(".") for p in stick.iterdir())  # staging removed
    assert len(list(FileSet(dcmread(stick / "DICOMDIR")))) == 1  # previous export intact
