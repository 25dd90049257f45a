"""Cheap classification of disc files."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydicom.data import get_testdata_file
from pydicom.uid import ExplicitVRBigEndian, ImplicitVRLittleEndian

from mammolog.dicom import synth
from mammolog.dicom.sniff import SNIFF_BYTES, FileKind, sniff


def _head(path: Path) -> bytes:
    return path.read_bytes()[:SNIFF_BYTES]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", FileKind.EMPTY),
        (b"%PDF-1.7\n...", FileKind.PDF),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", FileKind.IMAGE),
        (b"\x89PNG\r\n\x1a\n\x00\x00", FileKind.IMAGE),
        (b"MZ\x90\x00" + b"\x00" * 60, FileKind.EXECUTABLE),
        (b"PK\x03\x04rest", FileKind.ARCHIVE),
        (b"  <!DOCTYPE HTML><html>", FileKind.HTML),
        (b"\xef\xbb\xbf<html><body>", FileKind.HTML),
        (b"[autorun]\r\nopen=viewer.exe\r\n", FileKind.TEXT),
        (bytes(range(256)), FileKind.OTHER),
    ],
)
def test_known_files_are_classified_by_magic(data: bytes, kind: FileKind) -> None:
    assert sniff(data).kind is kind
    assert not sniff(data).is_dicom


@pytest.mark.parametrize(
    ("spec", "preamble"),
    [
        (synth.InstanceSpec(), True),
        (synth.InstanceSpec(preamble=False, file_meta=False), False),
        (
            synth.InstanceSpec(
                transfer_syntax=ImplicitVRLittleEndian, preamble=False, file_meta=False
            ),
            False,
        ),
        (
            synth.InstanceSpec(
                transfer_syntax=ExplicitVRBigEndian, preamble=False, file_meta=False
            ),
            False,
        ),
    ],
)
def test_dicom_with_and_without_preamble(
    tmp_path: Path, spec: synth.InstanceSpec, preamble: bool
) -> None:
    path = synth.write_instance(tmp_path / "x", spec)
    result = sniff(_head(path))
    assert result.kind is FileKind.DICOM
    assert result.has_preamble is preamble


def test_dicomdir_is_recognised_by_its_sop_class() -> None:
    path = Path(get_testdata_file("DICOMDIR"))
    assert sniff(_head(path)).kind is FileKind.DICOMDIR
    # The implicit VR variant of pydicom's test set still carries a preamble and file meta.
    implicit = path.with_name("DICOMDIR-implicit")
    assert sniff(_head(implicit)).kind is FileKind.DICOMDIR


def test_real_screenshot_is_not_dicom(real_data: Path) -> None:
    head = _head(real_data / "orthanc-tests" / "DavidClunie" / "charsettests.screenshot.png")
    assert sniff(head).kind is FileKind.IMAGE


def test_text_with_latin1_characters_is_text() -> None:
    assert sniff("Bienvenue à la clinique\r\n".encode("cp1252")).kind is FileKind.TEXT
