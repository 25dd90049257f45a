"""Every frame of every viewable third-party object renders through ``render``.

The objects: ``../shared/data/real`` (incl. breadth/: tomosynthesis stored as CT, ultrasound
films, MRI), the pip-installable ``pydicom-data`` and ``deid-data`` sets (test extras), and
the DBT / synthesized 2D / Hologic-style SC / QC / magnification objects written here. Each set
is imported into a fresh library, listed with ``images`` and rendered frame by frame; what is
not viewable must say why in words.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from mammolog.catalog.db import read_session
from mammolog.catalog.migrate import open_catalog
from mammolog.catalog.queries import list_studies
from mammolog.paths import AppPaths
from mammolog.services.images import ImageEntry, list_study_images
from mammolog.services.importer import import_source
from mammolog.services.render import RenderFailed, render_image
from tests.image_studies import write_current, write_prior


@dataclass(frozen=True)
class Rendered:
    images: list[ImageEntry]
    frames: int
    refused: dict[str, str]


def _package_folder(name: str, below: str) -> Path:
    try:
        module = importlib.import_module(name)
    except ImportError:
        pytest.skip(f"the {name} test data package is not installed (pip install -e '.[test]')")
    assert module.__file__ is not None
    return Path(module.__file__).parent / below


def _render_all(source: Path, home: Path, out: Path) -> Rendered:
    paths = AppPaths.under_home(home)
    engine = open_catalog(paths)
    import_source(source, paths=paths, engine=engine)
    with read_session(engine) as session:
        studies = [s.pk for s in list_studies(session)]
    images: list[ImageEntry] = []
    refused: dict[str, str] = {}
    frames = 0
    for study_pk in studies:
        from mammolog.services.images import study_images

        listing = study_images(engine, paths, study_pk)
        for image in listing.images:
            images.append(image)
            if not image.viewable:
                assert image.reason and "Traceback" not in image.reason
                continue
            for frame in range(1, image.frames + 1):
                try:
                    done = render_image(
                        engine, paths, image.short_id, out, frame=frame, width=96,
                        height=96, force=True,
                    )  # fmt: skip
                except RenderFailed as error:
                    refused[image.short_id] = str(error)
                    break
                with Image.open(out) as picture:
                    assert picture.mode == "L" and picture.size == (done.width, done.height)
                frames += 1
    return Rendered(images, frames, refused)


def test_real_third_party_objects(real_data: Path, tmp_path: Path) -> None:
    result = _render_all(real_data, tmp_path / "home", tmp_path / "out.png")
    kinds = {image.kind.value for image in result.images}
    assert {"mammogram", "tomosynthesis", "ultrasound", "mri", "quality-control"} <= kinds
    assert result.refused == {}
    viewable = [i for i in result.images if i.viewable]
    assert sum(i.frames for i in viewable) == result.frames
    assert max(i.frames for i in viewable) == 65  # the ACUSON film, every frame
    by_label = {i.instance_uid: i for i in result.images}
    assert len(by_label) == len(result.images)


def test_pydicom_data_set(tmp_path: Path) -> None:
    folder = _package_folder("data_store", "data")
    result = _render_all(folder, tmp_path / "home", tmp_path / "out.png")
    assert len(result.images) >= 50
    assert result.frames >= 100
    assert result.refused == {}


def test_deid_data_set(tmp_path: Path) -> None:
    folder = _package_folder("deid_data", "data")
    result = _render_all(folder, tmp_path / "home", tmp_path / "out.png")
    assert result.refused == {}
    assert {"ultrasound"} <= {image.kind.value for image in result.images}
    assert max(i.frames for i in result.images if i.viewable) >= 30


def test_generated_dbt_and_friends(tmp_path: Path) -> None:
    write_current(tmp_path / "disc" / "current", frames=12)
    write_prior(tmp_path / "disc" / "prior")
    result = _render_all(tmp_path / "disc", tmp_path / "home", tmp_path / "out.png")
    kinds = sorted(image.kind.value for image in result.images)
    assert kinds.count("tomosynthesis") == 4
    assert {"synthesized-2d", "vendor-proprietary", "quality-control", "ultrasound"} <= set(kinds)
    assert result.refused == {}
    assert result.frames == 4 * 12 + sum(1 for i in result.images if i.viewable and i.frames == 1)
    locked = [i for i in result.images if i.kind.value == "vendor-proprietary"]
    assert [i.viewable for i in locked] == [False]


def test_a_rendered_slice_is_the_slice_asked_for(tmp_path: Path) -> None:
    write_current(tmp_path / "disc", frames=6)
    paths = AppPaths.under_home(tmp_path / "home")
    engine = open_catalog(paths)
    import_source(tmp_path / "disc", paths=paths, engine=engine)
    study = list_study_images(engine, paths, "2025-03-04")
    volume = study.slot("R MLO").shown
    assert volume is not None
    pictures = []
    for frame in (1, 6):
        out = tmp_path / f"{frame}.png"
        render_image(engine, paths, volume.short_id, out, frame=frame)
        with Image.open(out) as picture:
            pictures.append(np.asarray(picture, dtype=np.int32))
    assert np.abs(pictures[0] - pictures[1]).max() > 50  # the bright spot moved with depth
