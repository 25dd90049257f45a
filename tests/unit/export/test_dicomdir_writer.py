"""The DICOMDIR writer: records, offsets, placeholders, and what third-party readers say."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pydicom import dcmread
from pydicom.fileset import FileSet
from pydicom.uid import generate_uid

from mammolog.export.dicomdir_writer import (
    DicomdirError,
    DirectoryEntry,
    encode_dicomdir,
    is_conformant_file_id,
    plan_file_ids,
    write_dicomdir,
)
from tests.unit.export.synth_files import Person, encapsulated_pdf, mg_image, text_sr


def _lay_out(sources: list[Path], root: Path) -> list[DirectoryEntry]:
    chosen = [(path, dcmread(path, stop_before_pixels=True)) for path in sources]
    entries = []
    for planned in plan_file_ids(chosen):
        target = root.joinpath(*planned.file_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(planned.source, target)
        entries.append(DirectoryEntry(planned.file_id, planned.header))
    return entries


@pytest.fixture
def synthetic_set(tmp_path: Path) -> tuple[Path, list[Path]]:
    """Two identities of one woman (two Patient IDs), an SR and a PDF with empty Study ID."""
    source = tmp_path / "source"
    source.mkdir()
    study = generate_uid()
    series = generate_uid()
    other = Person(name="KOWALSKA^MARIA", patient_id="CENTRE2-55")
    files = [
        source / "a.dcm",
        source / "b.dcm",
        source / "c.dcm",
        source / "sr.dcm",
        source / "pdf.dcm",
    ]
    mg_image(files[0], study_uid=study, series_uid=series, view="CC")
    mg_image(files[1], study_uid=study, series_uid=series, view="MLO")
    mg_image(files[2], person=other)
    text_sr(files[3], study_uid=study)
    encapsulated_pdf(files[4], study_uid=study)
    return source, files


def test_file_ids_are_conformant_and_grouped(synthetic_set: tuple[Path, list[Path]]) -> None:
    _, files = synthetic_set
    chosen = [(path, dcmread(path, stop_before_pixels=True)) for path in files]
    planned = plan_file_ids(chosen)
    assert all(is_conformant_file_id(item.file_id) for item in planned)
    patients = {item.file_id[1] for item in planned}
    assert patients == {"P0000001", "P0000002"}
    assert len({item.file_id for item in planned}) == len(files)
    assert not is_conformant_file_id(("DICOM", "img.dcm"))
    assert not is_conformant_file_id(("A",) * 9)


def test_pydicom_fileset_finds_every_instance(
    tmp_path: Path, synthetic_set: tuple[Path, list[Path]]
) -> None:
    _, files = synthetic_set
    root = tmp_path / "media"
    entries = _lay_out(files, root)
    summary = write_dicomdir(
        entries, root / "DICOMDIR", fileset_id="MAMMO_TEST", instance_uid=generate_uid()
    )
    assert (summary.patients, summary.studies, summary.instances) == (2, 2, 5)
    fileset = FileSet(dcmread(root / "DICOMDIR"))
    assert fileset.ID == "MAMMO_TEST"
    found = {str(instance.SOPInstanceUID) for instance in fileset}
    expected = {str(dcmread(path, stop_before_pixels=True).SOPInstanceUID) for path in files}
    assert found == expected
    for instance in fileset:
        assert instance.path is not None and Path(instance.path).is_file()
    types = {str(instance.DirectoryRecordType) for instance in fileset}
    assert types == {"IMAGE", "SR DOCUMENT", "ENCAP DOC"}
    assert sorted(str(pid) for pid in fileset.find_values("PatientID")) == [
        "CENTRE2-55",
        "PID778899",
    ]


def test_records_fill_type1_keys_and_offsets_point_at_items(
    synthetic_set: tuple[Path, list[Path]],
) -> None:
    _, files = synthetic_set
    entries = [
        DirectoryEntry(("DICOM", f"I{n:07d}"), dcmread(path, stop_before_pixels=True))
        for n, path in enumerate(files)
    ]
    data, _ = encode_dicomdir(entries, fileset_id="X", instance_uid=generate_uid())
    from io import BytesIO

    dicomdir = dcmread(BytesIO(data))
    records = dicomdir.DirectoryRecordSequence
    item_tag = b"\xfe\xff\x00\xe0"
    for record in records:
        assert record.RecordInUseFlag == 0xFFFF
        for keyword in (
            "OffsetOfTheNextDirectoryRecord",
            "OffsetOfReferencedLowerLevelDirectoryEntity",
        ):
            offset = record[keyword].value
            if offset:
                assert data[offset : offset + 4] == item_tag
        if record.DirectoryRecordType == "STUDY":
            assert record.StudyID  # the PDF has an empty Study ID
        if record.DirectoryRecordType == "SERIES":
            assert str(record.SeriesNumber)
        if record.DirectoryRecordType in ("IMAGE", "SR DOCUMENT", "ENCAP DOC"):
            assert str(record.InstanceNumber)
    pdf = next(r for r in records if r.DirectoryRecordType == "ENCAP DOC")
    assert pdf.MIMETypeOfEncapsulatedDocument == "application/pdf"
    first = dicomdir.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity
    assert data[first : first + 4] == item_tag


def test_bad_entries_raise_the_module_error(tmp_path: Path) -> None:
    header = mg_image(tmp_path / "x.dcm")
    with pytest.raises(DicomdirError):
        encode_dicomdir([DirectoryEntry(("dicom",), header)], fileset_id="X", instance_uid="1.2")
    del header.SeriesInstanceUID
    with pytest.raises(DicomdirError):
        encode_dicomdir([DirectoryEntry(("A",), header)], fileset_id="X", instance_uid="1.2")
    with pytest.raises(DicomdirError):
        encode_dicomdir([], fileset_id="lower case", instance_uid="1.2")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


@pytest.mark.tools
def test_dcmdump_and_dciodvfy_accept_the_dicomdir(
    tmp_path: Path, synthetic_set: tuple[Path, list[Path]]
) -> None:
    _, files = synthetic_set
    root = tmp_path / "media"
    write_dicomdir(
        _lay_out(files, root), root / "DICOMDIR", fileset_id="T", instance_uid=generate_uid()
    )
    dump = subprocess.run(
        [_tool("dcmdump"), str(root / "DICOMDIR")],
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    )
    assert dump.returncode == 0, dump.stderr
    assert "DirectoryRecordSequence" in dump.stdout and "E:" not in dump.stderr
    check = subprocess.run(
        [_tool("dciodvfy"), str(root / "DICOMDIR")],
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    )
    errors = [
        line for line in (check.stdout + check.stderr).splitlines() if line.startswith("Error")
    ]
    assert errors == []
    assert "BasicDirectory" in check.stdout + check.stderr
