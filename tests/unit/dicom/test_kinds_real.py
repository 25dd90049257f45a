"""Kinds read from the headers of real third-party objects."""

from __future__ import annotations

from pathlib import Path

import pytest

from mammolog.dicom.headers import read_header

EXPECTED = {
    "openrem/MG-Im-Hologic-PropProj.dcm": "quality-control",
    "breadth/GH1376.dcm": "tomosynthesis",
    "breadth/DIRW0007": "ultrasound",
    "breadth/US_Explicit_Big_RGB.dcm": "ultrasound",
    "breadth/MOVEKNEE.dcm": "mri",
    "breadth/MR_Explicit_Little_MultiFrame.dcm": "mri",
    "breadth/MR_BREAST_SEG_UnspecifiedLength.dcm": "other-image",
    "fo-dicom/GH133.dcm": "mammogram",
    "nema-wg04/MG1_JPLY": "mammogram",
    "openrem/MG-Im-GE_Seno_1_ForProcessing.dcm": "for-processing",
    "openrem/MG-RDSR-Hologic_mix.dcm": "dose-report",
    "orthanc-tests/sample-pdf.dcm": "document",
    "orthanc-tests/MarekLatin2.dcm": "report",
    "dcm_qa_ct/Philips/S21570/S1000/I10": "other-image",
}


@pytest.mark.parametrize(("name", "kind"), sorted(EXPECTED.items()))
def test_real_object_kind(real_data: Path, name: str, kind: str) -> None:
    header = read_header((real_data / name).read_bytes())
    assert header.classification.kind.value == kind


def test_hologic_flat_field_keeps_its_private_group_seen(real_data: Path) -> None:
    header = read_header((real_data / "openrem/MG-Im-Hologic-PropProj.dcm").read_bytes())
    assert header.private_groups == frozenset({0x7E01})
    assert header.view_position == "FLATFIELD"
    assert header.manufacturer == "HOLOGIC, Inc."
