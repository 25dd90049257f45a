"""Which mounted media are offered as patient discs: bounded looking, hidden folders, read errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from mammolog.services import discs
from mammolog.services.discs import LOOK_ENTRIES, find_discs, looks_like_disc
from tests.tui.conftest import write_mammogram


def test_a_disc_mounted_straight_under_media_is_offered_itself(tmp_path: Path) -> None:
    media = tmp_path / "media"
    (media / "cdrom").mkdir(parents=True)
    (media / "cdrom" / "DICOMDIR").write_bytes(b"")
    write_mammogram(media / "cdrom" / "PAT1" / "IMG0001", "R", "CC", 1)  # not a nested disc
    write_mammogram(media / "stick" / "IMG0001", "L", "CC", 2)
    (media / "stick" / "notes").mkdir()
    assert find_discs((media,)) == [media / "cdrom", media / "stick"]


def test_a_user_folder_without_discs_is_not_offered(tmp_path: Path) -> None:
    media = tmp_path / "media"
    (media / "bob" / "Photos").mkdir(parents=True)
    (media / "bob" / "Photos" / "cat.jpg").write_bytes(b"\xff\xd8\xff\xe0 not dicom")
    (media / "bob" / "todo.txt").write_text("buy milk")
    assert find_discs((media,)) == []


def test_dicom_only_in_a_hidden_folder_does_not_make_a_disc(tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    write_mammogram(folder / ".Trash" / "IMG0001", "R", "MLO", 1)
    (folder / "visible").mkdir()
    assert not looks_like_disc(folder)
    write_mammogram(folder / "visible" / "IMG0002", "R", "MLO", 2)
    assert looks_like_disc(folder)


def test_looking_stops_after_a_bounded_number_of_entries(tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.mkdir()
    for index in range(LOOK_ENTRIES + 5):
        (big / f"a{index:04d}").mkdir()
    (big / "zzzz").mkdir()
    (big / "zzzz" / "DICOMDIR").write_bytes(b"")  # only found after reading every top entry
    assert not looks_like_disc(big)
    small = tmp_path / "small"
    (small / "zzzz").mkdir(parents=True)
    (small / "zzzz" / "DICOMDIR").write_bytes(b"")
    assert looks_like_disc(small)


def test_a_file_that_cannot_be_read_is_not_taken_for_dicom(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "scratched"
    write_mammogram(folder / "IMG0001", "R", "CC", 1)
    assert looks_like_disc(folder)
    real_open = Path.open

    def failing_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "IMG0001":
            raise OSError(5, "Input/output error")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", failing_open)
    assert not looks_like_disc(folder)


def test_a_user_folder_that_cannot_be_listed_is_offered_whole_when_dicom_lies_below(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    media = tmp_path / "media"
    write_mammogram(media / "anna" / "CD1" / "IMG0001", "R", "CC", 1)
    write_mammogram(media / "broken" / "CD2" / "IMG0001", "R", "CC", 2)
    real_iterdir = Path.iterdir

    def failing_iterdir(self: Path):  # type: ignore[no-untyped-def]
        if self.name == "broken":
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", failing_iterdir)
    assert discs._is_disc_top(media / "broken") is False
    # its labels cannot be listed, so the folder itself is offered (the scan still sees DICOM)
    assert find_discs((media,)) == [media / "anna" / "CD1", media / "broken"]
