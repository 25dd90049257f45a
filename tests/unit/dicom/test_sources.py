"""Folder, ZIP and ISO sources: same files, read in place, never outside the root."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from mammolog.dicom.sources import FolderSource, SourceError, open_source, safe_relpath
from tests import fixtures_discs as fd


def _contents(source_path: Path) -> dict[str, bytes]:
    with open_source(source_path) as source:
        result = {}
        for entry in source.walk():
            with source.open(entry.relpath) as fh:
                data = fh.read()
            assert len(data) == entry.size
            result[entry.relpath] = data
        return result


def test_folder_zip_and_iso_give_the_same_files(tmp_path: Path) -> None:
    disc = fd.add_junk(fd.build_dicomdir_disc(tmp_path / "disc"))
    folder = _contents(disc.root)
    assert _contents(fd.zip_disc(disc, tmp_path / "d.zip")) == folder
    assert _contents(fd.iso_disc(disc, tmp_path / "rr.iso")) == folder
    assert _contents(fd.iso_disc(disc, tmp_path / "j.iso", rock_ridge=False, joliet=True)) == folder
    plain = _contents(fd.iso_disc(disc, tmp_path / "p.iso", rock_ridge=False))
    assert set(plain) == {k.upper() for k in folder}  # ISO 9660 names, ";1" stripped
    assert "DICOMDIR" in plain


def test_symlinks_leaving_the_root_are_reported_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    root = tmp_path / "disc"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.dcm").write_bytes(b"x")
    os.symlink(outside, root / "link")
    os.symlink(tmp_path, root / "up")
    os.symlink(root / "sub" / "a.dcm", root / "inside")
    source = FolderSource(root)
    entries = {e.relpath for e in source.walk()}
    assert entries == {"sub/a.dcm", "inside"}
    assert {p.relpath for p in source.problems} == {"link", "up"}
    with pytest.raises(PermissionError):
        source.open("link")
    with pytest.raises(ValueError):
        source.open("../secret.txt")


def test_zip_entries_leaving_the_archive_are_refused(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../evil.dcm", b"x")
        zf.writestr("/abs.dcm", b"x")
        zf.writestr("ok/file.dcm", b"y")
    with open_source(archive) as source:
        assert [e.relpath for e in source.walk()] == ["ok/file.dcm"]
        assert len(source.problems) == 2


def test_missing_or_unsupported_sources(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not found"):
        open_source(tmp_path / "nope")
    other = tmp_path / "file.bin"
    other.write_bytes(b"hello")
    with pytest.raises(SourceError, match="not a folder"):
        open_source(other)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_folder_is_a_problem(tmp_path: Path) -> None:
    root = tmp_path / "disc"
    (root / "locked").mkdir(parents=True)
    (root / "locked").chmod(0)
    try:
        source = FolderSource(root)
        assert list(source.walk()) == []
        assert source.problems[0].reason.startswith("folder not readable")
    finally:
        (root / "locked").chmod(0o700)


@pytest.mark.parametrize("bad", ["../x", "a/../../x", "/etc/passwd", "C:/x", ""])
def test_safe_relpath_refuses(bad: str) -> None:
    with pytest.raises(ValueError):
        safe_relpath(bad)


def test_safe_relpath_normalises() -> None:
    assert safe_relpath("A\\B\\C") == "A/B/C"
    assert safe_relpath("./a//b") == "a/b"


def test_file_swapped_for_a_link_after_the_walk_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("secret")
    root = tmp_path / "disc"
    root.mkdir()
    (root / "IM1").write_bytes(b"x")
    source = FolderSource(root)
    assert [e.relpath for e in source.walk()] == ["IM1"]
    (root / "IM1").unlink()
    os.symlink(secret, root / "IM1")
    with pytest.raises(OSError):
        source.open("IM1")
