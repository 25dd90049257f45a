"""Disk full (ENOSPC) and read errors (EIO) injected during copies: clear message, consistent state."""

from __future__ import annotations

import errno
import os
import tarfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mammolog.catalog.migrate import open_catalog
from mammolog.cli import cli
from mammolog.dicom import sources
from mammolog.paths import AppPaths
from mammolog.services import import_files
from mammolog.services.backup import BackupError, backup_home, restore_archive
from mammolog.services.importer import ImportFailed, import_source
from mammolog.services.verify import verify_library
from tests.fixtures_discs import build_dicomdir_disc, study_specs
from tests.trust.homes import make_home


class _FailingWriter:
    """A file object whose writes fail with ``code`` once ``budget`` bytes are spent."""

    budget = 0

    def __init__(self, real: Any, code: int) -> None:
        self.real = real
        self.code = code

    def write(self, data: Any) -> int:
        if _FailingWriter.budget < len(data):
            raise OSError(self.code, os.strerror(self.code))
        _FailingWriter.budget -= len(data)
        return int(self.real.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def __enter__(self) -> _FailingWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


def _disk_fills_after(monkeypatch: pytest.MonkeyPatch, budget: int) -> None:
    real_fdopen = os.fdopen
    _FailingWriter.budget = budget

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        return _FailingWriter(real_fdopen(fd, *args, **kwargs), errno.ENOSPC)

    monkeypatch.setattr(import_files.os, "fdopen", fdopen)


@pytest.fixture
def disc(tmp_path: Path) -> Path:
    specs = study_specs("KOWALSKA^EWA", "P-E", ("20190101", "20210101"))
    specs[2] = specs[2].with_(rows=800, columns=900)  # a file copied in several chunks
    return build_dicomdir_disc(tmp_path / "disc", specs).root


def _only_incomplete(paths: AppPaths) -> list[str]:
    report = verify_library(paths, open_catalog(paths))
    return [f"{p.kind} {p.path}" for p in report.problems if p.kind != "incomplete"]


def test_disk_full_during_import_stops_with_a_clear_message(
    disc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = AppPaths.under_home(tmp_path / "home")
    engine = open_catalog(paths)
    _disk_fills_after(monkeypatch, 600_000)
    with pytest.raises(ImportFailed, match="No space left on device"):
        import_source(disc, paths=paths, engine=engine)
    monkeypatch.undo()
    assert _only_incomplete(paths) == []
    rerun = import_source(disc, paths=paths, engine=engine)
    assert rerun.complete and rerun.instances_added + rerun.instances_already_present == 8
    assert list(paths.incoming_dir.glob("imp-*")) == []  # leftovers cleaned by the re-run
    assert verify_library(paths, engine).clean


def test_disk_full_on_the_command_line_is_one_line_and_exit_1(
    disc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _disk_fills_after(monkeypatch, 0)
    result = CliRunner().invoke(cli, ["--home", str(tmp_path / "h"), "import", str(disc)])
    assert result.exit_code == 1
    assert "No space left on device" in result.output and "Traceback" not in result.output


def _read_fails(monkeypatch: pytest.MonkeyPatch, victim: str, after: int) -> None:
    real_open = sources.FolderSource.open

    class Failing:
        def __init__(self, stream: Any) -> None:
            self.stream, self.done = stream, 0

        def read(self, size: int = -1) -> bytes:
            if self.done >= after:
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            data: bytes = self.stream.read(size if size >= 0 else after)
            self.done += len(data)
            return data

        def readinto(self, buffer: Any) -> int:
            data = self.read(len(buffer))
            buffer[: len(data)] = data
            return len(data)

        def __getattr__(self, name: str) -> Any:
            return getattr(self.stream, name)

        def __enter__(self) -> Any:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

    def fake_open(self: Any, relpath: str) -> Any:
        stream = real_open(self, relpath)
        return Failing(stream) if relpath.endswith(victim) else stream

    monkeypatch.setattr(sources.FolderSource, "open", fake_open)


def test_read_error_mid_copy_is_a_problem_line_and_the_rest_goes_on(
    disc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = max(disc.rglob("IM*"), key=lambda p: p.stat().st_size)
    victim = big.relative_to(disc).as_posix()
    _read_fails(monkeypatch, victim, 300_000)
    paths = AppPaths.under_home(tmp_path / "home")
    engine = open_catalog(paths)
    report = import_source(disc, paths=paths, engine=engine)
    assert [p.path for p in report.problems] == [victim]
    assert "input/output error" in report.problems[0].reason.lower()
    assert report.instances_added == 7
    assert verify_library(paths, engine).clean  # no half file anywhere
    monkeypatch.undo()
    rerun = import_source(disc, paths=paths, engine=engine)
    assert rerun.instances_added == 1 and rerun.complete


def test_read_error_on_the_command_line_exits_3(
    disc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = sorted(p.relative_to(disc).as_posix() for p in disc.rglob("IM*"))[0]
    _read_fails(monkeypatch, victim, 0)
    result = CliRunner().invoke(cli, ["--home", str(tmp_path / "h"), "import", str(disc)])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output


def test_disk_full_during_backup_leaves_no_partial_archive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = make_home(tmp_path / "home")
    out = tmp_path / "out"
    out.mkdir()
    real_fdopen = os.fdopen
    _FailingWriter.budget = 20_000

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        return _FailingWriter(real_fdopen(fd, *args, **kwargs), errno.ENOSPC)

    monkeypatch.setattr("mammolog.services.backup.os.fdopen", fdopen)
    with pytest.raises(BackupError, match="No space left on device"):
        backup_home(home.paths, out / "b.tar")
    assert list(out.iterdir()) == []
    result = CliRunner().invoke(cli, ["--home", str(home.paths.home), "backup", "--out",
                                      str(out / "b.tar")])  # fmt: skip
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert list(out.iterdir()) == []


def test_disk_full_during_restore_leaves_the_target_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = make_home(tmp_path / "home")
    archive = tmp_path / "b.tar"
    backup_home(home.paths, archive)
    assert tarfile.is_tarfile(archive)
    real_fdopen = os.fdopen
    _FailingWriter.budget = 30_000

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        return _FailingWriter(real_fdopen(fd, *args, **kwargs), errno.ENOSPC)

    monkeypatch.setattr("mammolog.services.backup.os.fdopen", fdopen)
    target = tmp_path / "restored"
    with pytest.raises(BackupError, match="No space left on device"):
        restore_archive(archive, AppPaths.under_home(target))
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if "restore" in p.name] == []


def test_disk_full_while_writing_small_files_stops_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disc = build_dicomdir_disc(tmp_path / "small", study_specs("KOT^ALA", "P-K", ("20200101",)))
    paths = AppPaths.under_home(tmp_path / "home")
    engine = open_catalog(paths)
    real_write = os.write
    written = {"calls": 0}

    def write(fd: int, data: Any) -> int:
        written["calls"] += 1
        if written["calls"] > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(import_files.os, "write", write)
    with pytest.raises(ImportFailed, match="No space left on device"):
        import_source(disc.root, paths=paths, engine=engine)
    monkeypatch.undo()
    assert written["calls"] == 3
    assert _only_incomplete(paths) == []
    rerun = import_source(disc.root, paths=paths, engine=engine)
    assert rerun.complete and rerun.instances_added == 4
    assert verify_library(paths, engine).clean
