"""Catalog paths that leave the library: a crafted backup, and every reader of library paths.

A catalog row pointing at ``../../../../etc/passwd`` or an absolute path elsewhere must never be
restored, and verify, backup and export must refuse to read such a path (or one that goes
through a link) instead of reading, copying or archiving a file from outside the library.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from mammolog.cli import cli
from mammolog.paths import AppPaths, LibraryPathError, library_file, library_relpath
from mammolog.services.backup import BackupError, backup_home, restore_archive
from mammolog.services.verify import verify_library
from tests.trust.homes import Home, make_home

SECRET = b"root:x:0:0:outside the library\n"


@pytest.fixture
def populated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Home:
    home = make_home(tmp_path / "home")
    monkeypatch.setenv("MAMMOLOG_HOME", str(home.paths.data_dir))
    monkeypatch.setenv("MAMMOLOG_TODAY", "2024-06-01")
    return home


def _point_outside(home: Home, tmp_path: Path, how: str) -> Path:
    """Make the first instance row name a file outside the library; return that file."""
    secret = tmp_path / "secret.txt"
    secret.write_bytes(SECRET)
    if how == "dotdot":
        relpath = os.path.relpath(secret, home.paths.library_dir)
        assert relpath.startswith("..")
    elif how == "absolute":
        relpath = str(secret)
    else:  # a link inside the library leading out
        link = home.paths.library_dir / "studies" / "linked"
        link.symlink_to(tmp_path, target_is_directory=True)
        relpath = "studies/linked/secret.txt"
    home.engine.dispose()
    with sqlite3.connect(home.paths.database) as connection:
        connection.execute(
            "UPDATE instance SET library_path = ? WHERE id = (SELECT min(id) FROM instance)",
            (relpath,),
        )
    return secret


@pytest.mark.parametrize("how", ["dotdot", "absolute", "link"])
def test_verify_refuses_a_path_leaving_the_library(
    populated: Home, tmp_path: Path, how: str
) -> None:
    _point_outside(populated, tmp_path, how)
    report = verify_library(populated.paths, populated.engine)
    refused = [p for p in report.problems if p.kind == "refused"]
    assert len(refused) == 1, report.problems
    assert "refused" in refused[0].reason
    result = CliRunner().invoke(cli, ["verify", "--json"])
    assert result.exit_code == 3 and '"refused": 1' in result.output


@pytest.mark.parametrize("how", ["dotdot", "absolute", "link"])
def test_backup_does_not_archive_a_file_outside_the_library(
    populated: Home, tmp_path: Path, how: str
) -> None:
    _point_outside(populated, tmp_path, how)
    archive = tmp_path / "backup.tar"
    report = backup_home(populated.paths, archive)
    assert not report.clean and any("refused" in p.reason for p in report.problems)
    assert SECRET not in archive.read_bytes()


@pytest.mark.parametrize("how", ["dotdot", "absolute"])
def test_restore_refuses_a_crafted_backup_and_leaves_nothing(
    populated: Home, tmp_path: Path, how: str
) -> None:
    _point_outside(populated, tmp_path, how)
    archive = tmp_path / "crafted.tar"
    backup_home(populated.paths, archive)  # the catalog row travels in the archive
    target = tmp_path / "restored"
    with pytest.raises(BackupError, match="points outside the library"):
        restore_archive(archive, AppPaths.under_home(target))
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if ".restore-" in p.name]
    result = CliRunner().invoke(cli, ["restore", str(archive), "--home", str(target)])
    assert result.exit_code == 1 and "refused backup" in result.output
    assert "Traceback" not in result.output


def test_export_media_refuses_a_path_leaving_the_library(populated: Home, tmp_path: Path) -> None:
    _point_outside(populated, tmp_path, "dotdot")
    out = tmp_path / "media"
    result = CliRunner().invoke(cli, ["export", "media", "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "leads out of the library" in result.output
    copied = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert all(SECRET not in p.read_bytes() for p in copied)


@pytest.mark.parametrize(
    "relpath",
    ["", "/etc/passwd", "C:/x", "a/../b", "../a", "a//b", "./a", "a\\b", "a\x00b", "a/."],
)
def test_library_relpath_refuses_every_trick(relpath: str) -> None:
    with pytest.raises(LibraryPathError):
        library_relpath(relpath)


def test_library_file_accepts_plain_paths_and_missing_files(tmp_path: Path) -> None:
    assert library_file(tmp_path, "objects/ab/cd.dcm") == tmp_path / "objects" / "ab" / "cd.dcm"
    (tmp_path / "objects").mkdir()
    (tmp_path / "objects" / "f").write_bytes(b"")
    assert library_file(tmp_path, "objects/f/g") == tmp_path / "objects" / "f" / "g"


def test_report_reading_never_reads_a_file_outside_the_library(
    populated: Home, tmp_path: Path
) -> None:
    secret = tmp_path / "outside-report.txt"
    secret.write_text("Assessment: BI-RADS 5, highly suggestive of malignancy.\n", encoding="utf-8")
    populated.engine.dispose()
    with sqlite3.connect(populated.paths.database) as connection:
        connection.execute(
            "UPDATE attachment SET library_path = ?",
            (os.path.relpath(secret, populated.paths.library_dir),),
        )
    result = CliRunner().invoke(cli, ["extract"])
    assert result.exit_code == 0, result.output
    proposals = CliRunner().invoke(cli, ["proposals", "--all", "--json"]).output
    assert '"value": "5"' not in proposals and "highly suggestive" not in proposals


def test_a_backup_of_an_older_schema_still_restores(tmp_path: Path) -> None:
    """The path check reads any schema: a catalog at the first revision has no attachments."""
    import hashlib
    import io
    import json
    import tarfile

    from mammolog.catalog.db import make_engine
    from mammolog.catalog.migrate import upgrade

    database = tmp_path / "old.sqlite"
    engine = make_engine(database)
    upgrade(engine, "0001")
    engine.dispose()
    body = database.read_bytes()
    manifest = {"format": "mammolog-backup", "format_version": 1, "created": "2020-01-01",
                "files": [{"path": "catalog.sqlite", "kind": "database", "size": len(body),
                           "sha256": hashlib.sha256(body).hexdigest()}]}  # fmt: skip
    archive = tmp_path / "old.tar"
    with tarfile.open(archive, "w") as tar:
        for name, data in (
            ("catalog.sqlite", body),
            ("manifest.json", json.dumps(manifest).encode()),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    report = restore_archive(archive, AppPaths.under_home(tmp_path / "restored"))
    assert report.files == 1
