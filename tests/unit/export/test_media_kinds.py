"""Media export: headless objects go on as Part 10 files, For Processing on request, and the
size is weighed against a CD and a DVD."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydicom import dcmread
from pydicom.fileset import FileSet

from mammolog.dicom import synth
from mammolog.dicom.synth import InstanceSpec
from mammolog.export import media
from mammolog.export.media import CD_BYTES, DVD_BYTES, MediaOptions, size_warnings, write_media


def test_headless_object_is_exported_as_a_part10_file(tmp_path: Path) -> None:
    base = InstanceSpec(rows=20, columns=16)
    plain = synth.write_instance(tmp_path / "in" / "a.dcm", base)
    headless = synth.write_instance(
        tmp_path / "in" / "b", base.with_(view="MLO", preamble=False, file_meta=False)
    )
    assert headless.read_bytes()[128:132] != b"DICM"
    report = write_media([plain, headless], tmp_path / "usb")
    assert report.instances == 2 and report.skipped == ()
    files = {
        str(i.SOPInstanceUID): Path(i.path) for i in FileSet(dcmread(tmp_path / "usb" / "DICOMDIR"))
    }
    uid = str(dcmread(headless, force=True).SOPInstanceUID)
    written = files[uid]
    assert written.read_bytes()[128:132] == b"DICM"
    copy = dcmread(written)
    original = dcmread(headless, force=True)
    assert copy.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2.1"
    assert copy.file_meta.MediaStorageSOPInstanceUID == uid
    assert copy.PixelData == original.PixelData and copy.PatientName == original.PatientName


def test_for_processing_is_left_out_with_the_option_named(tmp_path: Path) -> None:
    base = InstanceSpec(rows=20, columns=16)
    shown = synth.write_instance(tmp_path / "a.dcm", base)
    raw = synth.write_instance(
        tmp_path / "raw.dcm",
        base.with_(
            view="MLO", sop_class_uid=synth.MG_FOR_PROCESSING, presentation_intent="FOR PROCESSING"
        ),
    )
    report = write_media([shown, raw], tmp_path / "one")
    assert [(s.path, s.reason) for s in report.skipped] == [
        (raw, "For Processing image (left out; --include-for-processing adds it)")
    ]
    both = write_media(
        [shown, raw], tmp_path / "two", options=MediaOptions(include_for_processing=True)
    )
    assert both.instances == 2


def test_size_warnings_name_the_medium_and_what_to_use() -> None:
    assert size_warnings(CD_BYTES) == []
    (cd,) = size_warnings(CD_BYTES + 1)
    assert "more than a CD (700 MB)" in cd and "USB stick" in cd and "--zip" in cd
    (dvd,) = size_warnings(DVD_BYTES + 1)
    assert "more than a DVD (4.7 GB)" in dvd and "USB stick" in dvd and "ZIP" in dvd


def test_a_large_export_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(media, "CD_BYTES", 1000)
    item = synth.write_instance(tmp_path / "a.dcm", InstanceSpec(rows=40, columns=40))
    report = write_media([item], tmp_path / "usb")
    assert any("more than a CD" in note for note in report.warnings)
