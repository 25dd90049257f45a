"""`export media --anonymize` end to end: folder, ZIP and ISO media scanned byte by byte.

A sample of third-party objects (real mammograms, ultrasound with stray delimiters, repeated
file meta, enhanced MR, a synthetic tomosynthesis object, a Hologic private-pixel object) goes
through the real media writer. Every DICOM file on the media, read back out of the folder, the
ZIP or the ISO, holds none of the originals' identifiers outside its Pixel Data, and the
Pixel Data values on the media are exactly the originals'. The command line leaves the
Hologic object out with its reason and exit code 3, and keeps it with --keep-private.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydicom import dcmread

from mammolog.cli import cli
from mammolog.dicom.sources import open_source
from mammolog.dicom.synth_tomo import TomoSpec, write_tomo
from mammolog.export.deid_scan import StructureError, scan_stream
from mammolog.export.media import MediaOptions, OutputKind, write_media
from tests.trust.deid_corpus import identifiers_in, needles_for, read_header
from tests.unit.export.deid_inputs import hologic_tomo
from tests.unit.export.synth_files import mg_image

REAL_SAMPLE = (
    "fo-dicom/GH133.dcm",
    "fo-dicom/OutOfBoundsOverlay.dcm",
    "dicomsamples-jl/MG_Explicit_Little.dcm",
    "openrem/MG-Im-GE_Seno_1_ForPresentation.dcm",
    "openrem/MG-RDSR-Hologic_2D.dcm",
    "openrem/MG-Im-GE-SenDS-scaled.dcm",
    "orthanc-tests/DavidClunie/SCSH31",
    "orthanc-tests/MarekLatin2.dcm",
    "breadth/GH364.dcm",
    "breadth/GH1376.dcm",
    "breadth/MOVEKNEE.dcm",
    "breadth/US_Explicit_Big_RGB.dcm",
)


def _split(data: bytes) -> tuple[bytes, str]:
    """`data` without its Pixel Data value, and the SHA-256 of that value ('' if none)."""
    try:
        layout = scan_stream(io.BytesIO(data), len(data))
    except StructureError:
        return data, "unreadable"
    if layout.bulk_value_start is None or layout.bulk_end is None:
        return data, ""
    value = data[layout.bulk_value_start : layout.bulk_end]
    rest = data[: layout.bulk_value_start] + data[layout.bulk_end :]
    return rest, hashlib.sha256(value).hexdigest()


def _media_files(out: Path) -> Iterator[tuple[str, bytes]]:
    """Every file on the media, read through the same reader the importer uses."""
    source = open_source(out)
    try:
        for entry in source.walk():
            with source.open(entry.relpath) as stream:
                yield entry.relpath, stream.read()
    finally:
        source.close()


@pytest.fixture
def sample(tmp_path: Path, real_data: Path) -> list[Path]:
    tomo = write_tomo(tmp_path / "tomo.dcm", TomoSpec(patient_name="Nowak^Ewa", frames=6))
    return [*(real_data / name for name in REAL_SAMPLE), tomo, hologic_tomo(tmp_path / "h.dcm")]


@pytest.mark.real
@pytest.mark.slow
@pytest.mark.parametrize("output", [OutputKind.FOLDER, OutputKind.ZIP, OutputKind.ISO])
def test_media_holds_no_identifier_and_every_pixel_byte(
    tmp_path: Path, sample: list[Path], output: OutputKind
) -> None:
    out = tmp_path / f"media.{output.value}"
    options = MediaOptions(anonymize=True, output=output, include_for_processing=True)
    report = write_media(sample, out, options=options)
    assert [item.path.name for item in report.skipped] == ["h.dcm"]
    headers = [header for header in map(read_header, sample) if header is not None]
    needles: dict[bytes, str] = {}
    for header in headers:
        needles.update(needles_for(header))
    originals = {_split(path.read_bytes())[1] for path in sample if path.name != "h.dcm"}
    copies: set[str] = set()
    for relpath, data in _media_files(out):
        rest, pixels = _split(data) if data[128:132] == b"DICM" else (data, "")
        assert identifiers_in(rest, needles) == [], relpath
        if relpath.startswith("DICOM/"):
            copies.add(pixels)
    assert copies == originals
    assert report.instances == len(sample) - 1


def test_command_line_exit_code_and_keep_private(tmp_path: Path, home: Path) -> None:
    disc = tmp_path / "disc"
    disc.mkdir()
    mg_image(disc / "MG1.dcm")  # the same person as the Hologic object
    hologic_tomo(disc / "TOMO.dcm")
    runner = CliRunner()
    imported = runner.invoke(cli, ["import", str(disc)])
    assert imported.exit_code in (0, 3), imported.output
    out = tmp_path / "out"
    refused = runner.invoke(cli, ["export", "media", "--out", str(out), "--anonymize"])
    assert refused.exit_code == 3, refused.output
    assert "Hologic 3D data kept in private tags: de-identifying it would destroy it" in (
        refused.stdout
    )
    kept = runner.invoke(
        cli, ["export", "media", "--out", str(out), "--anonymize", "--keep-private", "--force"]
    )
    assert kept.exit_code == 0, kept.output
    exported = [p for p in (out / "DICOM").rglob("*") if p.is_file()]
    assert any(0x7E011010 in dcmread(p, stop_before_pixels=True) for p in exported)
    lonely = runner.invoke(cli, ["export", "media", "--out", str(tmp_path / "x"), "--keep-private"])
    assert lonely.exit_code == 2
