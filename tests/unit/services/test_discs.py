"""Which mounted media are offered as patient discs."""

from __future__ import annotations

from pathlib import Path

from mammolog.services.discs import find_discs, looks_like_disc
from tests.tui.conftest import write_mammogram


def test_a_dicomdir_or_dicom_files_near_the_top_make_a_disc(tmp_path: Path) -> None:
    with_index = tmp_path / "a"
    (with_index / "dicomdir").parent.mkdir()
    (with_index / "dicomdir").write_bytes(b"")  # the name is enough; the importer reads it
    assert looks_like_disc(with_index)
    with_files = tmp_path / "b"
    write_mammogram(with_files / "PATIENT" / "STUDY" / "IMG0001", "R", "CC", 1)
    assert looks_like_disc(with_files)
    assert not looks_like_disc(tmp_path / "missing")


def test_ordinary_folders_and_deep_files_are_not_discs(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    for index in range(50):
        (plain / f"f{index}.txt").parent.mkdir(parents=True, exist_ok=True)
        (plain / f"f{index}.txt").write_text("hello")
    assert not looks_like_disc(plain)
    deep = tmp_path / "deep"
    write_mammogram(deep / "1" / "2" / "3" / "4" / "5" / "IMG", "L", "MLO", 2)
    assert not looks_like_disc(deep)


def test_media_roots_per_user_folders_and_the_mac_system_volume(tmp_path: Path) -> None:
    media, volumes = tmp_path / "media", tmp_path / "Volumes"
    write_mammogram(media / "anna" / "CD1" / "IMG0001", "R", "CC", 1)
    write_mammogram(media / "cdrom" / "DICOM" / "IMG0001", "L", "CC", 2)
    write_mammogram(volumes / "Macintosh HD" / "IMG0001", "L", "CC", 3)
    write_mammogram(volumes / "USB" / "IMG0001", "L", "CC", 4)
    (volumes / "Data").mkdir()
    assert find_discs((media, volumes, tmp_path / "absent")) == [
        media / "anna" / "CD1",
        media / "cdrom",
        volumes / "USB",
    ]
