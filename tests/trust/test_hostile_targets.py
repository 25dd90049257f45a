"""Export targets: never inside mammolog's own folders, never replacing anything without --force."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from mammolog.cli import cli
from mammolog.paths import AppPaths, refuse_inside_home
from tests.trust.homes import Home, make_home


@pytest.fixture
def populated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Home:
    home = make_home(tmp_path / "home")
    home.engine.dispose()
    (home.paths.backups_dir / "mammolog-20240101T000000Z.tar").write_bytes(b"a backup")
    monkeypatch.setenv("MAMMOLOG_HOME", str(home.paths.data_dir))
    monkeypatch.setenv("MAMMOLOG_TODAY", "2024-06-01")
    return home


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix not in (".log", ".sqlite-wal", ".sqlite-shm")
        and "logs" not in p.parts
    }  # fmt: skip


def _targets(home: Path) -> list[list[str]]:
    return [
        ["summary", "--out", str(home / "catalog.sqlite")],
        ["summary", "--out", str(home / "catalog.sqlite"), "--force"],
        ["summary", "--out", str(home / "library" / "attachments" / "x.pdf")],
        ["media", "--out", str(home / "library" / "attachments"), "--force"],
        ["media", "--out", str(home / "backups"), "--force"],
        ["media", "--out", str(home / "backups" / "m.zip"), "--zip", "--force"],
        ["media", "--out", str(home.parent), "--force"],
        ["media", "--out", str(home), "--force"],
    ]


@pytest.mark.parametrize("case", range(8))
def test_an_export_into_the_home_is_refused_and_changes_nothing(populated: Home, case: int) -> None:
    home = populated.paths.data_dir
    before = _fingerprint(home)
    result = CliRunner().invoke(cli, ["export", *_targets(home)[case]])
    assert result.exit_code == 1, result.output
    assert "mammolog's own folder" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert _fingerprint(home) == before


def test_a_link_leading_into_the_home_is_refused(populated: Home, tmp_path: Path) -> None:
    link = tmp_path / "usb"
    link.symlink_to(populated.paths.backups_dir, target_is_directory=True)
    result = CliRunner().invoke(cli, ["export", "media", "--out", str(link), "--force"])
    assert result.exit_code == 1 and "own folder" in result.output
    assert (populated.paths.backups_dir / "mammolog-20240101T000000Z.tar").is_file()


def test_an_existing_file_needs_force(populated: Home, tmp_path: Path) -> None:
    out = tmp_path / "summary.md"
    out.write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "summary", "--out", str(out)])
    assert result.exit_code == 1
    assert "already exists (use --force to replace it)" in result.output
    assert out.read_text(encoding="utf-8") == "mine"
    media = tmp_path / "media"
    media.mkdir()
    (media / "keep.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "media", "--out", str(media)])
    assert result.exit_code == 1 and "use --force to replace its contents" in result.output
    forced = CliRunner().invoke(cli, ["export", "summary", "--out", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert out.read_text(encoding="utf-8") != "mine"


def test_places_outside_the_home_are_allowed(tmp_path: Path) -> None:
    paths = AppPaths.under_home(tmp_path / "home")
    assert refuse_inside_home(paths, tmp_path / "summary.pdf") is None
    assert refuse_inside_home(paths, tmp_path / "home-export") is None
    assert refuse_inside_home(paths, tmp_path / "home" / "x") is not None


@pytest.mark.parametrize(
    "where", ["catalog.sqlite", "settings.json", "library/b.tar", "logs/b.tar", "cache/b.tar"]
)
def test_a_backup_inside_the_home_is_refused_except_in_its_backups_folder(
    populated: Home, where: str
) -> None:
    home = populated.paths.data_dir
    before = _fingerprint(home)
    result = CliRunner().invoke(cli, ["backup", "--out", str(home / where), "--force"])
    assert result.exit_code == 2, result.output
    assert "mammolog's own folder" in result.output
    assert _fingerprint(home) == before
    fine = CliRunner().invoke(cli, ["backup", "--out", str(home / "backups" / "mine.tar")])
    assert fine.exit_code == 0, fine.output
