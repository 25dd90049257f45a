"""What a killed backup or restore leaves is named after its process and removed by the next run.

Also: a restore named with the global ``--home`` works like ``restore ... --home``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mammolog.cli import cli
from mammolog.paths import AppPaths
from mammolog.services.backup import backup_home, restore_archive
from tests.trust.homes import Home, make_home


@pytest.fixture
def populated(tmp_path: Path) -> Home:
    return make_home(tmp_path / "home")


@pytest.fixture(scope="module")
def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_running_backup_names_its_work_folder_after_its_process(
    populated: Home, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    seen: list[str] = []

    def progress(*_figures: int) -> None:
        seen.extend(p.name for p in out_dir.iterdir())

    backup_home(populated.paths, out_dir / "b.tar", progress=progress)
    assert any(name.startswith(f".mammolog-backup-{os.getpid()}-") for name in seen), seen
    assert [p.name for p in out_dir.iterdir()] == ["b.tar"]


def test_a_killed_backups_leftovers_are_removed_and_a_running_ones_kept(
    populated: Home, tmp_path: Path, dead_pid: int
) -> None:
    out_dir = tmp_path / "out"
    killed = out_dir / f".mammolog-backup-{dead_pid}-x1y2"
    killed.mkdir(parents=True)
    (killed / "b.tar.partial").write_bytes(b"\0" * 4096)
    (killed / "catalog.sqlite").write_bytes(b"SQLite format 3\0")
    running = out_dir / f".mammolog-backup-{os.getpid()}-busy"
    running.mkdir()
    backup_home(populated.paths, out_dir / "b.tar")
    assert not killed.exists()
    assert running.exists()


def test_a_killed_restores_staging_folder_is_removed(
    populated: Home, tmp_path: Path, dead_pid: int
) -> None:
    archive = tmp_path / "b.tar"
    backup_home(populated.paths, archive)
    staging = tmp_path / f".restored.restore-{dead_pid}-abc"
    (staging / "library").mkdir(parents=True)
    (staging / "catalog.sqlite").write_bytes(b"partial")
    seen: list[str] = []

    def progress(*_figures: int) -> None:
        seen.extend(p.name for p in tmp_path.iterdir())

    restore_archive(archive, AppPaths.under_home(tmp_path / "restored"), progress=progress)
    assert not staging.exists()
    assert any(name.startswith(f".restored.restore-{os.getpid()}-") for name in seen), seen
    assert not [p for p in tmp_path.iterdir() if ".restore-" in p.name]


@pytest.mark.parametrize("form", ["global", "option"])
def test_restore_takes_the_home_either_way(
    populated: Home, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    monkeypatch.delenv("MAMMOLOG_HOME", raising=False)
    archive = tmp_path / "b.tar"
    backup_home(populated.paths, archive)
    target = tmp_path / "restored"
    args = (
        ["--home", str(target), "restore", str(archive)]
        if form == "global"
        else ["restore", str(archive), "--home", str(target)]
    )
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert (target / "catalog.sqlite").is_file()
    studies = CliRunner().invoke(cli, ["--home", str(target), "studies", "--json"])
    assert studies.exit_code == 0 and studies.output.count('"study_uid"') == 2


def test_verify_does_not_call_a_running_imports_temporaries_interrupted(
    populated: Home, dead_pid: int
) -> None:
    from mammolog.services.verify import verify_library

    incoming = populated.paths.incoming_dir
    (incoming / f"imp-{os.getpid()}-1.part").write_bytes(b"being written")
    (incoming / f"attach-{os.getpid()}-ab.tmp").write_bytes(b"being written")
    (incoming / f"imp-{dead_pid}-1.part").write_bytes(b"left by a killed import")
    report = verify_library(populated.paths, populated.engine)
    assert [(p.kind, p.path) for p in report.problems] == [
        ("incomplete", f".incoming/imp-{dead_pid}-1.part")
    ]
