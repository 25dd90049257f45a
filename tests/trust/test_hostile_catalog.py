"""Catalog faults on the command line: a lock held too long, a full disk, a read-only home.

Each must end in one clear line on stderr and exit 1 (or, for reading commands on a read-only
home, just work); never a traceback.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from mammolog.catalog import db
from mammolog.cli import cli
from tests.trust.homes import Home, make_home


@pytest.fixture
def populated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Home:
    home = make_home(tmp_path / "home")
    home.engine.dispose()
    monkeypatch.setenv("MAMMOLOG_HOME", str(home.paths.data_dir))
    monkeypatch.setenv("MAMMOLOG_TODAY", "2024-06-01")
    return home


def _one_clear_line(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    return lines[0]


@pytest.fixture
def locked(populated: Home, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Another program holds the catalog's write lock for longer than the busy timeout."""
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 100)
    other = sqlite3.connect(populated.paths.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield
    other.execute("ROLLBACK")
    other.close()


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "2015-03-01", "--right", "2"],
        ["persons", "merge", "1", "2"],
        ["finding", "add", "2015-03-01", "--type", "mass", "--side", "L"],
        ["due", "set", "2026-01-01", "--person", "1"],
    ],
)
def test_a_write_lock_held_too_long_is_one_clear_line(locked: None, args: list[str]) -> None:
    line = _one_clear_line(CliRunner().invoke(cli, args))
    assert line.startswith("mammolog: the catalog is busy"), line
    assert "sqlalchemy" not in line.lower() and "INSERT" not in line


def _disk_full_after_opening(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new connection may not grow the file: writes fail with SQLITE_FULL."""
    real = db._on_connect

    def connect_then_cap(connection: sqlite3.Connection, record: Any) -> None:
        real(connection, record)
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count={pages}")

    monkeypatch.setattr(db, "_on_connect", connect_then_cap)


def test_disk_full_during_assess_is_one_clear_line_and_nothing_changes(
    populated: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = populated.paths.database.read_bytes()
    _disk_full_after_opening(monkeypatch)
    note = "x" * 200_000  # needs new pages
    line = _one_clear_line(
        CliRunner().invoke(cli, ["assess", "2015-03-01", "--right", "2", "--note", note])
    )
    assert line.startswith("mammolog: the disk holding the catalog is full"), line
    monkeypatch.undo()
    os.environ["MAMMOLOG_HOME"] = str(populated.paths.data_dir)
    result = CliRunner().invoke(cli, ["assess", "2015-03-01", "--history", "--json"])
    assert result.exit_code == 0 and note not in result.output
    assert len(populated.paths.database.read_bytes()) >= len(before) // 2


def test_database_error_messages_name_the_cause() -> None:
    from sqlalchemy.exc import DatabaseError, OperationalError

    cases = {
        "database is locked": "busy",
        "database or disk is full": "full",
        "disk I/O error": "input/output error",
        "attempt to write a readonly database": "read-only",
        "file is not a database": "damaged",
    }
    for text, expected in cases.items():
        error = OperationalError("UPDATE x SET y=?", {}, sqlite3.OperationalError(text))
        assert expected in db.database_error_message(error)
    other = DatabaseError("SELECT 1", {}, sqlite3.DatabaseError("something new\nsecond"))
    assert db.database_error_message(other).endswith("(something new)")


_FULL_DISK_SCRIPT = """
import json, os, sqlite3, subprocess, sys
home, args = sys.argv[1], sys.argv[2:]
keep = sqlite3.connect(os.path.join(home, "catalog.sqlite"))  # -wal and -shm exist already
keep.execute("SELECT count(*) FROM person").fetchall()
fill = os.path.join(os.path.dirname(home), "fill")
with open(fill, "wb", buffering=0) as out:
    try:
        while True:
            out.write(bytes(4096))
    except OSError:
        pass
command = [sys.executable, "-m", "mammolog", "--home", home]
run = subprocess.run(command + args, capture_output=True, text=True)
os.unlink(fill)
persons = subprocess.run(command + ["persons", "--json"], capture_output=True, text=True)
print(json.dumps({"rc": run.returncode, "stderr": run.stderr, "persons": persons.stdout}))
"""


def _on_a_full_disk(home: Path, tmp_path: Path, args: list[str]) -> dict[str, Any]:
    """Run ``mammolog ARGS`` on a copy of ``home`` on a small file system that is full."""
    import json
    import shutil
    import subprocess
    import sys

    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("a full file system needs a private tmpfs mount (root and unshare)")
    mount = tmp_path / "small-disk"
    mount.mkdir()
    script = tmp_path / "full_disk.py"
    script.write_text(_FULL_DISK_SCRIPT, encoding="utf-8")
    shell = (
        f"mount -t tmpfs -o size=4m tmpfs '{mount}' && cp -a '{home}' '{mount}/home' && "
        f"exec '{sys.executable}' '{script}' '{mount}/home' " + " ".join(f"'{a}'" for a in args)
    )
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", shell], capture_output=True, text=True, timeout=120,
        env={**os.environ, "MAMMOLOG_TODAY": "2024-06-01", "PYTHONPATH": os.getcwd()},
    )  # fmt: skip
    if result.returncode != 0 and not result.stdout:
        pytest.skip(f"no private tmpfs could be mounted here: {result.stderr.strip()[:100]}")
    return dict(json.loads(result.stdout))


@pytest.fixture
def two_persons(tmp_path: Path) -> Path:
    from datetime import date

    from mammolog.catalog.migrate import open_catalog
    from mammolog.paths import AppPaths
    from tests.factories import make_study

    paths = AppPaths.under_home(tmp_path / "home")
    engine = open_catalog(paths)
    make_study(engine, uid="1.2.826.0.1.3680043.10.8.1", study_date=date(2020, 1, 1),
               patient_name="ONE^ANNA", patient_id="A1", issuer="X")  # fmt: skip
    make_study(engine, uid="1.2.826.0.1.3680043.10.8.2", study_date=date(2021, 1, 1),
               patient_name="TWO^BEATA", patient_id="B2", issuer="Y",
               birth_date=date(1970, 1, 1))  # fmt: skip
    engine.dispose()
    return paths.data_dir


@pytest.mark.parametrize(
    "args", [["persons", "merge", "1", "2"], ["assess", "2020-01-01", "--right", "2"]]
)
def test_a_full_disk_during_a_write_is_one_line_and_nothing_changes(
    two_persons: Path, tmp_path: Path, args: list[str]
) -> None:
    import json

    outcome = _on_a_full_disk(two_persons, tmp_path, args)
    assert outcome["rc"] == 1, outcome
    lines = outcome["stderr"].strip().splitlines()
    assert len(lines) == 1 and "disk holding the catalog is full" in lines[0], outcome
    persons = json.loads(outcome["persons"])
    assert len(persons) == 2  # the merge did not half-happen
