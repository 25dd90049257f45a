"""Backup and restore: a whole home round-trips, every hash is checked, tricks are refused."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import stat
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from mammolog.catalog.migrate import open_catalog
from mammolog.cli import cli
from mammolog.paths import AppPaths
from mammolog.services.backup import (
    BackupError,
    RestoreTargetError,
    backup_home,
    member_destination,
    restore_archive,
)
from mammolog.services.results import assess, assessment_history
from mammolog.services.settings import load_settings
from mammolog.services.verify import verify_library
from tests.trust.homes import Home, make_home


@pytest.fixture
def populated(tmp_path: Path) -> Home:
    return make_home(tmp_path / "home")


def _members(archive: Path) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(archive) as tar:
        return {member.name: member for member in tar.getmembers()}


def test_round_trip_restores_everything_and_verify_is_clean(
    populated: Home, tmp_path: Path
) -> None:
    assess(populated.engine, populated.study_uids[0], right="2", left="1")
    archive = tmp_path / "backup.tar"
    report = backup_home(populated.paths, archive)
    assert report.clean and not report.left_out
    assert report.files == len(populated.files) + 2  # plus catalog and settings
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600

    target = AppPaths.under_home(tmp_path / "restored")
    restored = restore_archive(archive, target)
    assert restored.files == report.files
    engine = open_catalog(target)
    verified = verify_library(target, engine)
    assert verified.clean, verified.problems
    assert verified.files_checked == len(populated.files)
    assert assessment_history(engine, populated.study_uids[0])[-1]["right"] == "2"
    assert load_settings(target.settings_file).screening_interval_months == 24
    for relpath in populated.files:
        original = (populated.paths.library_dir / relpath).read_bytes()
        assert (target.library_dir / relpath).read_bytes() == original


def test_archive_layout_manifest_last_with_every_hash(populated: Home, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar"
    backup_home(populated.paths, archive)
    names = list(_members(archive))
    assert names[0] == "catalog.sqlite" and names[-1] == "manifest.json"
    with tarfile.open(archive) as tar:
        stream = tar.extractfile("manifest.json")
        assert stream is not None
        manifest = json.loads(stream.read())
    listed = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    for relpath, digest in populated.files.items():
        assert listed["library/" + relpath] == digest  # the catalog's own hashes
    assert set(listed) == set(names) - {"manifest.json"}


def test_backup_is_consistent_while_another_writer_holds_the_catalog(
    populated: Home, tmp_path: Path
) -> None:
    archive = tmp_path / "b.tar"
    writer = sqlite3.connect(populated.paths.database, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(
            "UPDATE study SET description = ? WHERE study_uid = ?",
            ("UNCOMMITTED", populated.study_uids[0]),
        )
        backup_home(populated.paths, archive)  # the app keeps its write lock meanwhile
        writer.execute("ROLLBACK")
    finally:
        writer.close()
    target = AppPaths.under_home(tmp_path / "r")
    restore_archive(archive, target)
    check = sqlite3.connect(target.database)
    try:
        descriptions = {row[0] for row in check.execute("SELECT description FROM study")}
    finally:
        check.close()
    assert "UNCOMMITTED" not in descriptions and descriptions
    assert verify_library(target, open_catalog(target)).clean


def test_strays_and_unfinished_imports_are_left_out(populated: Home, tmp_path: Path) -> None:
    (populated.paths.library_dir / "stray.bin").write_bytes(b"x")
    populated.paths.incoming_dir.mkdir(parents=True, exist_ok=True)
    (populated.paths.incoming_dir / "half.tmp").write_bytes(b"y")
    report = backup_home(populated.paths, tmp_path / "b.tar")
    assert report.left_out == ("stray.bin",)
    assert "library/stray.bin" not in _members(tmp_path / "b.tar")


def test_a_damaged_library_file_is_reported_and_the_rest_is_kept(
    populated: Home, tmp_path: Path
) -> None:
    victim = sorted(populated.files)[0]
    (populated.paths.library_dir / victim).write_bytes(b"damaged")
    gone = sorted(populated.files)[1]
    (populated.paths.library_dir / gone).unlink()
    report = backup_home(populated.paths, tmp_path / "b.tar")
    assert {p.path for p in report.problems} == {victim, gone}
    assert (tmp_path / "b.tar").is_file()


def test_existing_archive_is_not_replaced_without_force(populated: Home, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar"
    archive.write_bytes(b"keep me")
    with pytest.raises(RestoreTargetError):
        backup_home(populated.paths, archive)
    assert archive.read_bytes() == b"keep me"
    backup_home(populated.paths, archive, overwrite=True)
    assert tarfile.is_tarfile(archive)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_restore_refuses_a_non_empty_target(populated: Home, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar"
    backup_home(populated.paths, archive)
    with pytest.raises(RestoreTargetError):
        restore_archive(archive, populated.paths)


def _rewrite(archive: Path, out: Path, change: dict[str, bytes | None], extra=()) -> None:  # type: ignore[no-untyped-def]
    with tarfile.open(archive) as src, tarfile.open(out, "w") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            if member.name in change:
                if change[member.name] is None:
                    continue
                data = change[member.name]  # type: ignore[assignment]
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
        for member, data in extra:
            dst.addfile(member, io.BytesIO(data) if data is not None else None)


def _restore_fails(archive: Path, tmp_path: Path, fragment: str) -> None:
    target = tmp_path / "target"
    with pytest.raises(BackupError, match=fragment):
        restore_archive(archive, AppPaths.under_home(target))
    assert not target.exists()
    assert [p for p in tmp_path.iterdir() if ".restore-" in p.name] == []


def test_restore_detects_a_changed_file(populated: Home, tmp_path: Path) -> None:
    archive, bad = tmp_path / "b.tar", tmp_path / "bad.tar"
    backup_home(populated.paths, archive)
    victim = "library/" + sorted(populated.files)[0]
    original = dict((n, m.size) for n, m in _members(archive).items())[victim]
    _rewrite(archive, bad, {victim: b"\0" * original})
    _restore_fails(bad, tmp_path, "does not match its SHA-256")


def test_restore_detects_a_missing_file_and_a_missing_manifest(
    populated: Home, tmp_path: Path
) -> None:
    archive = tmp_path / "b.tar"
    backup_home(populated.paths, archive)
    _rewrite(archive, tmp_path / "m.tar", {"library/" + sorted(populated.files)[0]: None})
    _restore_fails(tmp_path / "m.tar", tmp_path, "not in the archive")
    _rewrite(archive, tmp_path / "n.tar", {"manifest.json": None})
    _restore_fails(tmp_path / "n.tar", tmp_path, "no manifest")


def test_restore_detects_a_truncated_or_garbage_archive(populated: Home, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar"
    backup_home(populated.paths, archive)
    data = archive.read_bytes()
    (tmp_path / "cut.tar").write_bytes(data[: len(data) // 2])
    _restore_fails(tmp_path / "cut.tar", tmp_path, "corrupt archive")
    (tmp_path / "junk.tar").write_bytes(os.urandom(5000))
    _restore_fails(tmp_path / "junk.tar", tmp_path, "corrupt archive|not a mammolog")


@pytest.mark.parametrize(
    ("name", "kind", "fragment"),
    [
        ("/etc/evil", tarfile.REGTYPE, "absolute path"),
        ("library/../../evil", tarfile.REGTYPE, "leaves the archive"),
        ("../evil", tarfile.REGTYPE, "leaves the archive"),
        ("library/a\\..\\b", tarfile.REGTYPE, "not a plain"),
        ("library/link", tarfile.SYMTYPE, "links and special files"),
        ("library/hard", tarfile.LNKTYPE, "links and special files"),
        ("library/dev", tarfile.CHRTYPE, "links and special files"),
        ("elsewhere.txt", tarfile.REGTYPE, "not part of a mammolog backup"),
        ("catalog.sqlite", tarfile.REGTYPE, "appears twice"),
    ],
)
def test_restore_refuses_path_tricks(
    populated: Home, tmp_path: Path, name: str, kind: bytes, fragment: str
) -> None:
    archive = tmp_path / "b.tar"
    backup_home(populated.paths, archive)
    member = tarfile.TarInfo(name)
    member.type = kind
    data: bytes | None = b"evil" if kind == tarfile.REGTYPE else None
    member.size = len(data) if data else 0
    if kind in (tarfile.SYMTYPE, tarfile.LNKTYPE):
        member.linkname = "/etc/passwd"
    _rewrite(archive, tmp_path / "evil.tar", {}, [(member, data)])
    _restore_fails(tmp_path / "evil.tar", tmp_path, fragment)
    assert not (tmp_path / "evil").exists()


def test_member_destination_maps_only_the_backup_layout(tmp_path: Path) -> None:
    staged = AppPaths.under_home(tmp_path)
    assert member_destination("catalog.sqlite", staged) == staged.database
    assert member_destination("library/a/b.dcm", staged) == staged.library_dir / "a" / "b.dcm"
    for bad in ("", "library/", "library//x", "./catalog.sqlite", "C:/x", "a\0b"):
        with pytest.raises(BackupError):
            member_destination(bad, staged)


def test_restored_files_and_folders_are_private(populated: Home, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar"
    backup_home(populated.paths, archive)
    target = tmp_path / "restored"
    restore_archive(archive, AppPaths.under_home(target))
    for path in [target, *target.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_cli_backup_and_restore_round_trip(populated: Home, tmp_path: Path) -> None:
    runner = CliRunner()
    home = str(populated.paths.home)
    archive = tmp_path / "cli.tar"
    result = runner.invoke(cli, ["--home", home, "backup", "--out", str(archive), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["clean"] is True
    again = runner.invoke(cli, ["--home", home, "backup", "--out", str(archive)])
    assert again.exit_code == 2 and "already exists" in again.output
    target = tmp_path / "restored"
    result = runner.invoke(cli, ["restore", str(archive), "--home", str(target)])
    assert result.exit_code == 0, result.output
    verify = runner.invoke(cli, ["--home", str(target), "verify", "--json"])
    assert verify.exit_code == 0, verify.output
    assert json.loads(verify.output)["clean"] is True
    non_empty = runner.invoke(cli, ["restore", str(archive), "--home", str(target)])
    assert non_empty.exit_code == 2 and "not empty" in non_empty.output


def test_cli_exit_codes_for_missing_and_corrupt_archives(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(
        cli, ["restore", str(tmp_path / "nope.tar"), "--home", str(tmp_path / "h")]
    )
    assert missing.exit_code == 2
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"not a tar at all" * 100)
    corrupt = runner.invoke(cli, ["restore", str(junk), "--home", str(tmp_path / "h")])
    assert corrupt.exit_code == 1
    assert "corrupt archive" in corrupt.output and "Traceback" not in corrupt.output
    nothing = runner.invoke(cli, ["--home", str(tmp_path / "empty"), "backup", "--out",
                                  str(tmp_path / "x.tar")])  # fmt: skip
    assert nothing.exit_code == 1 and "nothing to back up" in nothing.output


def test_cli_backup_reports_damaged_files_with_exit_1(populated: Home, tmp_path: Path) -> None:
    (populated.paths.library_dir / sorted(populated.files)[0]).write_bytes(b"damaged")
    result = CliRunner().invoke(
        cli, ["--home", str(populated.paths.home), "backup", "--out", str(tmp_path / "b.tar")]
    )
    assert result.exit_code == 1
    assert "not matching the catalog" in result.output


def test_cli_backup_defaults_to_the_backups_folder_and_restore_prints_json(
    populated: Home, tmp_path: Path
) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["--home", str(populated.paths.home), "backup"])
    assert result.exit_code == 0, result.output
    written = list(populated.paths.backups_dir.glob("mammolog-*.tar"))
    assert len(written) == 1
    target = tmp_path / "r"
    restored = runner.invoke(cli, ["restore", str(written[0]), "--home", str(target), "--json"])
    assert restored.exit_code == 0, restored.output
    assert json.loads(restored.output)["files"] == len(populated.files) + 2


def test_backup_refuses_odd_destinations(populated: Home, tmp_path: Path) -> None:
    with pytest.raises(RestoreTargetError, match="inside mammolog's own folder .*library"):
        backup_home(populated.paths, populated.paths.library_dir / "b.tar")
    with pytest.raises(BackupError, match="does not exist"):
        backup_home(populated.paths, tmp_path / "nowhere" / "b.tar")
    with pytest.raises(RestoreTargetError, match="folder"):
        backup_home(populated.paths, tmp_path, overwrite=True)


def test_restore_into_an_existing_empty_folder(populated: Home, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar"
    backup_home(populated.paths, archive)
    target = tmp_path / "empty"
    target.mkdir(mode=0o755)
    restore_archive(archive, AppPaths.under_home(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
    assert verify_library(
        AppPaths.under_home(target), open_catalog(AppPaths.under_home(target))
    ).clean
