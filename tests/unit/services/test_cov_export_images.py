"""The summary's key images: the prior view where a breast changed, and images that cannot be shown."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from mammolog.catalog.db import read_session
from mammolog.catalog.queries import StudyRecord, list_studies
from mammolog.domain.lexicon import Side
from mammolog.domain.timeline import ChangeKind, SideResult, TimelineChange, TimelineEntry
from mammolog.services.export_images import _render_key_image, key_images_of
from mammolog.services.images import list_study_images
from tests.image_studies import ImageLibrary, build_image_library


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> ImageLibrary:
    root = tmp_path_factory.mktemp("keyimages")
    return build_image_library(root / "home", root / "sources", frames=3)


def _entry(study_uid: str, *changes: TimelineChange) -> TimelineEntry:
    return TimelineEntry(
        date=date(2025, 3, 4), study_uid=study_uid, interval_months=25.0,
        right=SideResult(None), left=SideResult(None), density=None, density_entered=None,
        changes=changes,
    )  # fmt: skip


def _change(side: Side | None, kind: ChangeKind) -> TimelineChange:
    return TimelineChange(side=side, kind=kind, before=None, after=None, detail="")


def _studies(library: ImageLibrary) -> list[StudyRecord]:
    with read_session(library.engine) as session:
        return list(list_studies(session))


def _key_images(library: ImageLibrary, entries: dict[str, TimelineEntry]) -> list[tuple]:
    studies = _studies(library)
    with read_session(library.engine) as session:
        images = key_images_of(session, library.paths, studies, entries)
    return [(i.label, i.role, i.exam_date) for i in images]


def test_a_finding_on_one_breast_adds_the_prior_views_of_that_breast_only(
    library: ImageLibrary,
) -> None:
    current = next(s for s in _studies(library) if s.short_id == library.current)
    entries = {
        current.study_uid: _entry(current.study_uid, _change(Side.LEFT, ChangeKind.NEW_FINDING))
    }
    latest, prior = date(2025, 3, 4), date(2023, 2, 1)
    assert _key_images(library, entries) == [
        ("R CC", "latest", latest),
        ("R MLO", "latest", latest),
        ("L CC", "latest", latest),
        ("L CC", "prior", prior),
        ("L MLO", "latest", latest),
        ("L MLO", "prior", prior),
    ]


def test_a_density_change_alone_shows_no_prior_and_a_change_of_both_sides_shows_all(
    library: ImageLibrary,
) -> None:
    current = next(s for s in _studies(library) if s.short_id == library.current)
    uid = current.study_uid
    density = {uid: _entry(uid, _change(None, ChangeKind.DENSITY_CHANGE))}
    assert [role for _, role, _ in _key_images(library, density)] == ["latest"] * 4
    both = {uid: _entry(uid, _change(Side.BOTH, ChangeKind.CATEGORY_UP))}
    assert [role for _, role, _ in _key_images(library, both)] == ["latest", "prior"] * 4


def test_an_image_that_cannot_be_shown_says_why_instead_of_a_picture(
    library: ImageLibrary, tmp_path: Path
) -> None:
    study = list_study_images(library.engine, library.paths, library.prior)
    entry = study.slot("R CC").shown
    assert entry is not None
    locked = dataclasses.replace(entry, viewable=False, reason="vendor-locked pixels")
    shown = _render_key_image(library.paths, locked, date(2023, 2, 1), "prior")
    assert shown.png is None and shown.reason == "vendor-locked pixels"
    assert shown.label == "R CC" and shown.role == "prior"
    damaged_file = tmp_path / "damaged.dcm"
    damaged_file.write_bytes(b"DICM but not really" * 10)
    damaged = dataclasses.replace(entry, path=damaged_file, instance_uid="9.9.9")
    broken = _render_key_image(library.paths, damaged, date(2023, 2, 1), "latest")
    assert broken.png is None and broken.reason
    missing = dataclasses.replace(entry, path=tmp_path / "gone.dcm")
    gone = _render_key_image(library.paths, missing, None, "latest")
    assert gone.png is None and gone.reason == "the file is missing from the library"
    fine = _render_key_image(library.paths, entry, date(2023, 2, 1), "latest")
    assert fine.png is not None and fine.png.startswith(b"\x89PNG") and fine.width > 0
    assert fine.window


def test_without_a_timeline_entry_only_the_latest_views_are_shown(library: ImageLibrary) -> None:
    images = _key_images(library, {})
    assert [(label, role) for label, role, _ in images] == [
        ("R CC", "latest"),
        ("R MLO", "latest"),
        ("L CC", "latest"),
        ("L MLO", "latest"),
    ]
    assert {day for _, _, day in images} == {date(2025, 3, 4)}


def test_no_studies_give_no_key_images(library: ImageLibrary) -> None:
    with read_session(library.engine) as session:
        assert key_images_of(session, library.paths, [], {}) == ()
