"""Round trip: export media, import it into a fresh home, get the same objects back."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pydicom import dcmread
from sqlmodel import select

from mammolog.catalog.db import read_session
from mammolog.catalog.migrate import open_catalog
from mammolog.catalog.models import Instance, Series, Study
from mammolog.export.media import MediaOptions, OutputKind, write_media
from mammolog.paths import AppPaths
from mammolog.services.importer import import_source


def _catalogued(home: Path, source: Path) -> tuple[set[str], set[str], dict[str, str]]:
    paths = AppPaths.under_home(home)
    engine = open_catalog(paths)
    report = import_source(source, paths=paths, engine=engine)
    assert report.problems == ()
    with read_session(engine) as session:
        instances = list(session.exec(select(Instance)).all())
        studies = {row.study_uid for row in session.exec(select(Study)).all()}
        series = {row.series_uid for row in session.exec(select(Series)).all()}
    pixels = {}
    for row in instances:
        dataset = dcmread(paths.library_dir / row.library_path)
        data = dataset.get("PixelData") or dataset.get("EncapsulatedDocument") or b""
        pixels[row.sop_instance_uid] = hashlib.sha256(data).hexdigest()
    return studies, series, pixels


@pytest.mark.real
@pytest.mark.parametrize("output", [OutputKind.FOLDER, OutputKind.ZIP, OutputKind.ISO])
def test_export_then_import_gives_the_same_objects(
    tmp_path: Path, real_data: Path, output: OutputKind
) -> None:
    originals = tmp_path / "originals"
    originals.mkdir()
    names = [
        "fo-dicom/GH133.dcm",
        "fo-dicom/OutOfBoundsOverlay.dcm",
        "orthanc-tests/sample-pdf.dcm",
        "openrem/MG-RDSR-Hologic_2D.dcm",
        "orthanc-tests/DavidClunie/SCSGREEK",
        "orthanc-tests/DavidClunie/SCSH31",
    ]
    for name in names:
        (originals / Path(name).name).write_bytes((real_data / name).read_bytes())
    expected = _catalogued(tmp_path / "home_a", originals)
    media = tmp_path / f"media.{output.value}"
    write_media(sorted(originals.iterdir()), media, options=MediaOptions(output=output))
    assert _catalogued(tmp_path / "home_b", media) == expected
    assert len(expected[2]) == len(names)


@pytest.mark.real
def test_anonymized_export_imports_with_identical_pixels(tmp_path: Path, real_data: Path) -> None:
    originals = tmp_path / "originals"
    originals.mkdir()
    for name in ("fo-dicom/GH133.dcm", "orthanc-tests/DavidClunie/SCSFREN"):
        (originals / Path(name).name).write_bytes((real_data / name).read_bytes())
    studies, series, pixels = _catalogued(tmp_path / "home_a", originals)
    media = tmp_path / "anon"
    write_media(sorted(originals.iterdir()), media, options=MediaOptions(anonymize=True))
    new_studies, new_series, new_pixels = _catalogued(tmp_path / "home_b", media)
    assert len(new_studies) == len(studies) and len(new_series) == len(series)
    assert not (new_studies & studies) and not (set(new_pixels) & set(pixels))  # UIDs replaced
    assert sorted(new_pixels.values()) == sorted(pixels.values())
