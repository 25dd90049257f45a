"""A read-only home (write-protected stick, read-only disc): reading works, writing says why.

Made read-only by permissions for an ordinary user; for root (whom permissions do not stop) by
a read-only bind mount in a private mount namespace, or skipped when neither is possible.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.trust.homes import make_home

ENV = {**os.environ, "MAMMOLOG_TODAY": "2024-06-01", "PYTHONWARNINGS": "ignore"}


def _can_bind_read_only(folder: Path) -> bool:
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c",
         f"mount --bind '{folder}' '{folder}' && mount -o remount,ro,bind '{folder}' "
         f"&& ! touch '{folder}/.probe' 2>/dev/null"],
        capture_output=True,
    )  # fmt: skip
    return probe.returncode == 0


@pytest.fixture
def read_only_home(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A populated home and how it is made read-only ("mode" or "mount")."""
    home = make_home(tmp_path / "home")
    home.engine.dispose()
    root = home.paths.data_dir
    if os.geteuid() != 0:
        every = [root, *root.rglob("*")]
        modes = {p: stat.S_IMODE(p.stat().st_mode) for p in every}
        for path in every:
            path.chmod(modes[path] & ~0o222)
        yield root, "mode"
        for path in every:
            path.chmod(modes[path])
        return
    if not _can_bind_read_only(root):
        pytest.skip("running as root and no read-only bind mount can be made here")
    yield root, "mount"


def _run(home: tuple[Path, str], *args: str) -> subprocess.CompletedProcess[str]:
    root, how = home
    command = [sys.executable, "-m", "mammolog", "--home", str(root), *args]
    if how == "mount":
        quoted = " ".join(f"'{part}'" for part in command)
        command = ["unshare", "-m", "sh", "-c",
                   f"mount --bind '{root}' '{root}' && mount -o remount,ro,bind '{root}' "
                   f"&& exec {quoted}"]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=120)


@pytest.mark.parametrize("args", [["studies"], ["timeline"], ["persons"], ["verify"],
                                  ["studies", "--json"]])  # fmt: skip
def test_reading_commands_work(read_only_home: tuple[Path, str], args: list[str]) -> None:
    result = _run(read_only_home, *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "2016-03-01" in result.stdout or "Doe" in result.stdout or "clean" in result.stdout


def test_a_summary_written_elsewhere_works(
    read_only_home: tuple[Path, str], tmp_path: Path
) -> None:
    out = tmp_path / "summary.md"
    result = _run(read_only_home, "export", "summary", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "2016-03-01" in out.read_text(encoding="utf-8")


def test_a_backup_written_elsewhere_works(read_only_home: tuple[Path, str], tmp_path: Path) -> None:
    result = _run(read_only_home, "backup", "--out", str(tmp_path / "b.tar"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "b.tar").stat().st_size > 0


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "2015-03-01", "--right", "2"],
        ["persons", "merge", "1", "2"],
        ["finding", "add", "2015-03-01", "--type", "mass", "--side", "L"],
        ["due", "set", "2026-01-01", "--person", "1"],
    ],
)
def test_writing_commands_fail_with_one_clear_line(
    read_only_home: tuple[Path, str], args: list[str]
) -> None:
    result = _run(read_only_home, *args)
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "read-only" in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_an_import_into_a_read_only_home_fails_with_one_line(
    read_only_home: tuple[Path, str], tmp_path: Path
) -> None:
    disc = tmp_path / "disc"
    disc.mkdir()
    (disc / "IM1").write_bytes(b"\0" * 128 + b"DICM")
    result = _run(read_only_home, "import", str(disc))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not writable" in lines[0], result.stderr


def test_the_read_only_engine_allows_nested_reading_sessions(tmp_path: Path) -> None:
    """Services open a session inside another; each must get its own connection."""
    from sqlalchemy import text

    from mammolog.catalog.db import make_engine, read_session

    home = make_home(tmp_path / "home")
    home.engine.dispose()
    engine = make_engine(home.paths.database, read_only=True)
    with read_session(engine) as outer:
        first = outer.execute(text("SELECT count(*) FROM study")).scalar_one()
        with read_session(engine) as inner:
            assert inner.execute(text("SELECT count(*) FROM study")).scalar_one() == first == 2
    engine.dispose()
