"""The images of a study: kinds, hanging, what cannot be shown, priors, rendering."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from sqlmodel import select

from mammolog.catalog.db import read_session, write_session
from mammolog.catalog.models import Instance
from mammolog.domain.image_kinds import ImageKind
from mammolog.services.images import (
    ImageNotFound,
    key_images,
    light_box,
    list_study_images,
    resolve_image,
)
from mammolog.services.render import RenderFailed, render_image
from mammolog.services.studies import StudyNotFound
from tests.image_studies import ImageLibrary, build_image_library


@pytest.fixture
def library(tmp_path: Path) -> ImageLibrary:
    return build_image_library(tmp_path / "home", tmp_path / "disc")


def test_every_object_is_listed_with_its_kind_and_slot(library: ImageLibrary) -> None:
    study = list_study_images(library.engine, library.paths, library.current)
    kinds = [image.kind for image in study.images]
    assert kinds.count(ImageKind.TOMOSYNTHESIS) == 4
    assert kinds.count(ImageKind.SYNTHESIZED_2D) == 2
    assert {ImageKind.VENDOR_PROPRIETARY, ImageKind.QUALITY_CONTROL, ImageKind.ULTRASOUND} <= set(
        kinds
    )
    hung = {image.hung: image for image in study.images if image.hung}
    assert set(hung) == {"R CC", "L CC", "R MLO", "L MLO"}
    assert hung["R CC"].kind is ImageKind.SYNTHESIZED_2D  # preferred over the volume
    assert hung["R MLO"].kind is ImageKind.TOMOSYNTHESIS  # no 2D: the volume's middle slice
    assert hung["R MLO"].start_frame == 4 and hung["R MLO"].frames == 9
    assert study.slot("R MLO").says() == "R MLO: tomosynthesis (3D) (no 2D image)"
    assert study.slot("R CC").says() == "R CC: synthesized 2D (no 2D image)"
    assert len(study.slot("R CC").images) == 2  # the volume can be cycled to


def test_qc_vendor_locked_and_extra_views_never_hang(library: ImageLibrary) -> None:
    study = list_study_images(library.engine, library.paths, library.current)
    by_kind = {image.kind: image for image in study.images}
    locked = by_kind[ImageKind.VENDOR_PROPRIETARY]
    assert not locked.viewable and locked.hung is None
    assert locked.reason == (
        "Hologic 3D data: only a Hologic workstation can display it; "
        "it is kept and exported unchanged"
    )
    assert by_kind[ImageKind.QUALITY_CONTROL].hung is None
    assert by_kind[ImageKind.QUALITY_CONTROL].viewable
    magnified = next(i for i in study.images if i.view_modifiers == ("magnification",))
    assert magnified.hung is None and magnified.viewable
    assert magnified.label == "L CC (magnification)"


def test_json_form_is_the_public_contract(library: ImageLibrary) -> None:
    data = list_study_images(library.engine, library.paths, library.current).as_json()
    assert set(data) == {"study_uid", "images"}
    assert set(data["images"][0]) == {  # type: ignore[index]
        "instance_uid", "series_uid", "modality", "kind", "laterality", "view", "label",
        "frames", "viewable", "reason", "hung",
    }  # fmt: skip


def test_prior_of_the_same_kind_and_view(library: ImageLibrary) -> None:
    study = list_study_images(library.engine, library.paths, library.current)
    box = light_box(library.engine, library.paths, study.study_pk)
    assert [s.short_id for s in box.earlier] == [library.prior]
    shown = study.slot("L MLO").shown
    assert shown is not None
    prior = box.default_prior(shown)
    assert prior is not None and prior.short_id == library.prior
    found = box.prior_image(shown, prior)
    assert found is not None and (found.laterality, found.view) == ("L", "MLO")
    assert found.kind is ImageKind.MAMMOGRAM  # no DBT then: the 2D view stands in
    first = box.earlier[0]
    assert light_box(library.engine, library.paths, first.study_pk).earlier == ()


def test_key_images_are_the_hung_ones(library: ImageLibrary) -> None:
    study = list_study_images(library.engine, library.paths, library.current)
    keys = key_images(library.engine, library.paths, study.study_pk)
    assert [k.hung for k in keys] == ["R CC", "L CC", "R MLO", "L MLO"]


def test_resolve_by_uid_and_short_form(library: ImageLibrary) -> None:
    study = list_study_images(library.engine, library.paths, library.current)
    third = study.images[2]
    assert resolve_image(library.engine, library.paths, third.instance_uid).pk == third.pk
    assert resolve_image(library.engine, library.paths, third.short_id).pk == third.pk
    for bad, words in (
        ("", "give a SOP"), ("9.9.9", "no image"), (f"{library.current}/99", "images 1 to"),
        ("1999-01-01/1", "no study"),
    ):  # fmt: skip
        with pytest.raises(ImageNotFound, match=words):
            resolve_image(library.engine, library.paths, bad)
    with pytest.raises(StudyNotFound):
        list_study_images(library.engine, library.paths, "1999-01-01")


def test_every_frame_of_every_viewable_object_renders(
    library: ImageLibrary, tmp_path: Path
) -> None:
    out = tmp_path / "out.png"
    for reference in (library.current, library.prior):
        study = list_study_images(library.engine, library.paths, reference)
        for image in study.viewable:
            for frame in range(1, image.frames + 1):
                done = render_image(
                    library.engine, library.paths, image.short_id, out, frame=frame, force=True
                )
                with Image.open(out) as picture:
                    assert picture.mode == "L" and picture.size == (done.width, done.height)
                    assert np.asarray(picture).std() > 0


def test_render_refuses_with_one_line(library: ImageLibrary, tmp_path: Path) -> None:
    study = list_study_images(library.engine, library.paths, library.current)
    locked = next(i for i in study.images if i.kind is ImageKind.VENDOR_PROPRIETARY)
    volume = study.slot("R MLO").shown
    assert volume is not None
    out = tmp_path / "a.png"
    cases = [
        (locked.short_id, {}, "only a Hologic workstation"),
        (volume.short_id, {"frame": 10}, "has 9 frames"),
        (volume.short_id, {"width": 0}, "--width must be at least 1"),
        ("9.9", {}, "no image"),
    ]
    for reference, options, words in cases:
        with pytest.raises(RenderFailed, match=words):
            render_image(library.engine, library.paths, reference, out, **options)  # type: ignore[arg-type]
    done = render_image(library.engine, library.paths, volume.short_id, out, width=36)
    assert done.frame == 5 and done.width == 36 and done.window_width is not None
    with pytest.raises(RenderFailed, match="already exists"):
        render_image(library.engine, library.paths, volume.short_id, out)
    with pytest.raises(RenderFailed, match="does not exist"):
        render_image(library.engine, library.paths, volume.short_id, tmp_path / "no" / "x.png")


def test_unclassified_objects_are_read_once_and_stored(library: ImageLibrary) -> None:
    with write_session(library.engine) as session:
        for row in session.exec(select(Instance)).all():
            row.kind = ""
            session.add(row)
    study = list_study_images(library.engine, library.paths, library.current)
    assert any(i.kind is ImageKind.VENDOR_PROPRIETARY for i in study.images)
    with read_session(library.engine) as session:
        assert "" in {row.kind for row in session.exec(select(Instance)).all()}  # the prior's
    list_study_images(library.engine, library.paths, library.prior)
    with read_session(library.engine) as session:
        assert "" not in {row.kind for row in session.exec(select(Instance)).all()}


def test_missing_file_is_not_viewable_and_says_why(library: ImageLibrary) -> None:
    study = list_study_images(library.engine, library.paths, library.current)
    first = study.images[0]
    first.path.chmod(0o600)
    first.path.unlink()
    again = list_study_images(library.engine, library.paths, library.current)
    assert again.images[0].reason == "the file no longer exists"


def test_summary_key_images_are_the_hung_images_not_dbt_frame_zero(library: ImageLibrary) -> None:
    from mammolog.catalog.queries import list_studies
    from mammolog.services.export_images import key_images_of

    with read_session(library.engine) as session:
        studies = [s for s in list_studies(session) if s.short_id == library.current]
        images = key_images_of(session, library.paths, studies, {})
    assert [i.label for i in images] == ["R CC", "R MLO", "L CC", "L MLO"]
    assert all(i.png for i in images)
    study = list_study_images(library.engine, library.paths, library.current)
    volume = study.slot("R MLO").shown
    assert volume is not None and volume.kind is ImageKind.TOMOSYNTHESIS
    cached = library.paths.previews_dir
    from mammolog.services.export_images import PREVIEW_BOX
    from mammolog.services.previews import PreviewCache

    cache = PreviewCache(cached)
    assert cache.cached_path(volume.instance_uid, *PREVIEW_BOX, frame=4) is not None  # middle
    assert cache.cached_path(volume.instance_uid, *PREVIEW_BOX, frame=0) is None
