"""The synthetic generator writes valid, readable objects."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pydicom
import pytest

from mammolog.dicom import synth


def test_breast_image_shape_and_side() -> None:
    right = synth.breast_image(128, 100, "R", seed=1)
    left = synth.breast_image(128, 100, "L", seed=1)
    assert right.dtype == np.uint16 and right.shape == (128, 100)
    # The chest wall side is bright, the far side background; as a light box shows them (and as
    # the Patient Orientation written with them says): right breast's chest wall on the right.
    assert right[64, -10:].mean() > right[64, :5].mean()
    assert left[64, :10].mean() > left[64, -5:].mean()


def test_written_object_round_trips(tmp_path: Path) -> None:
    spec = synth.InstanceSpec(
        rows=64, columns=48, pixels="breast", patient_name="Kowalska^Maria", charset="ISO_IR 192"
    )
    path = synth.write_instance(tmp_path / "a" / "b.dcm", spec)
    ds = pydicom.dcmread(path)
    assert ds.Rows == 64 and ds.pixel_array.shape == (64, 48)
    assert ds.ViewCodeSequence[0].CodeValue == "399162004"
    assert str(ds.PatientName) == "Kowalska^Maria"


def test_uids_are_deterministic() -> None:
    a = synth.build_dataset(synth.InstanceSpec())
    b = synth.build_dataset(synth.InstanceSpec())
    c = synth.build_dataset(synth.InstanceSpec(instance_number=2))
    assert a.SOPInstanceUID == b.SOPInstanceUID != c.SOPInstanceUID
    assert (
        len({s.with_(seed=0).laterality + s.view for s in synth.four_views(synth.InstanceSpec())})
        == 4
    )


@pytest.mark.skipif(shutil.which("dciodvfy") is None, reason="dicom3tools not installed")
def test_dciodvfy_finds_no_errors(tmp_path: Path) -> None:
    path = synth.write_instance(tmp_path / "x.dcm", synth.InstanceSpec())
    result = subprocess.run(["dciodvfy", str(path)], capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    assert "MammographyImageForPresentation" in output
    errors = [line for line in output.splitlines() if line.startswith("Error")]
    assert errors == [], errors
