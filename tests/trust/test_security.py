"""Security review as tests: what is read and written where, file modes, logs, SQL."""

from __future__ import annotations

import ast
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pydicom
import pytest
from click.testing import CliRunner

from mammolog.cli import cli
from tests.fixtures_discs import (
    add_bad_files,
    add_traversal_reference,
    build_dicomdir_disc,
    study_specs,
)

REPO = Path(__file__).resolve().parents[2]
PATIENT = ("NOWAKOWSKA^KATARZYNA", "SECRET-ID-90210")

# --- recording every file the process opens, renames or creates (audit hooks) ------------

_RECORD: list[tuple[str, str]] | None = None
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _RECORD is None:
        return
    if event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        path, mode, flags = args
        writing = (mode and any(c in str(mode) for c in "wax+")) or (flags or 0) & _WRITE_FLAGS
        _RECORD.append(("write" if writing else "read", os.fsdecode(path)))
    elif event in ("os.rename", "os.replace") and isinstance(args[1], str | bytes | os.PathLike):
        _RECORD.append(("write", os.fsdecode(args[1])))
    elif event in ("os.mkdir", "os.symlink", "os.link") and isinstance(
        args[0], str | bytes | os.PathLike
    ):
        _RECORD.append(("write", os.fsdecode(args[0 if event == "os.mkdir" else 1])))


sys.addaudithook(_audit)


def _traced_open(real_open: Any) -> Any:
    """``os.open`` that also records opens relative to a directory descriptor, which the
    audit event names only by their last component (folder sources open every file so)."""

    def traced(path: Any, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
        if dir_fd is not None and _RECORD is not None:
            base = os.readlink(f"/proc/self/fd/{dir_fd}")
            kind = "write" if flags & _WRITE_FLAGS else "read"
            _RECORD.append((kind, os.path.join(base, os.fsdecode(path))))
        return int(real_open(path, flags, mode, dir_fd=dir_fd))

    return traced


@contextmanager
def recording() -> Iterator[list[tuple[str, str]]]:
    """Every (read|write, real path) the process touches inside the block."""
    global _RECORD
    _RECORD = []
    real_open = os.open
    os.open = _traced_open(real_open)
    try:
        yield _RECORD
    finally:
        os.open = real_open
        found = _RECORD
        _RECORD = None
        found[:] = [(kind, os.path.realpath(path)) for kind, path in found]


def _inside(path: str, folder: Path) -> bool:
    root = os.path.realpath(folder)
    return path == root or path.startswith(root + os.sep)


# --- the scene ---------------------------------------------------------------------------


@pytest.fixture
def named_disc(tmp_path: Path) -> tuple[Path, Path]:
    """A disc with a named patient, links and a DICOMDIR reference leading outside it."""
    outside = tmp_path / "outside"
    secret = build_dicomdir_disc(outside, study_specs("OUTSIDE^ONLY", "OUT-1", ("20100101",)))
    disc = build_dicomdir_disc(tmp_path / "disc", study_specs(*PATIENT, ("20200101", "20220101")))
    add_bad_files(disc)
    first_secret = sorted(secret.instances)[0]
    os.symlink(outside / first_secret, disc.root / "LINKFILE")
    os.symlink(outside, disc.root / "LINKDIR")
    add_traversal_reference(disc, "..\\outside\\" + first_secret.replace("/", "\\"))
    return disc.root, outside


def _run(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def test_import_never_reads_outside_the_source(
    named_disc: tuple[Path, Path], tmp_path: Path
) -> None:
    disc, outside = named_disc
    home = tmp_path / "home"
    with recording() as touched:
        result = _run("--home", str(home), "import", str(disc), "--json")
    assert result.exit_code == 3, result.output  # problems reported, not followed
    assert [path for _kind, path in touched if _inside(path, outside)] == []
    assert "outside the source" in result.output or "leaves the disc root" in result.output
    studies = _run("--home", str(home), "studies", "--json").output
    assert "OUTSIDE" not in studies and PATIENT[0].split("^")[0] in studies


def test_export_writes_only_in_the_chosen_folder(
    named_disc: tuple[Path, Path], tmp_path: Path
) -> None:
    disc, _ = named_disc
    home = tmp_path / "home"
    assert _run("--home", str(home), "import", str(disc)).exit_code == 3
    out = tmp_path / "usb" / "MAMMO"
    out.parent.mkdir()
    with recording() as touched:
        result = _run("--home", str(home), "export", "media", "--out", str(out))
    assert result.exit_code == 0, result.output
    scratch = os.path.realpath(tempfile.gettempdir())
    allowed = (out, home)
    staging = str(out.parent.resolve() / f".{out.name}.partial-")  # renamed into place
    stray = [
        path for kind, path in touched
        if kind == "write" and not any(_inside(path, folder) for folder in allowed)
        and not (_inside(path, Path(scratch)) and "mammolog-" in path)
        and not path.startswith(staging)
    ]  # fmt: skip
    assert stray == []
    assert any(_inside(path, out) for kind, path in touched if kind == "write")


def _modes(folder: Path) -> list[str]:
    wrong = []
    for path in [folder, *folder.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        want = 0o700 if path.is_dir() else 0o600
        if not path.is_symlink() and mode != want:
            wrong.append(f"{path.relative_to(folder)}: {oct(mode)}")
    return wrong


def _private_round_trip(disc: Path, tmp_path: Path, umask: int) -> tuple[Path, Path, Path]:
    home = tmp_path / "home"
    letter = tmp_path / "letter.txt"
    letter.write_text("BI-RADS 1", encoding="utf-8")
    old = os.umask(umask)
    try:
        assert _run("--home", str(home), "import", str(disc)).exit_code == 3
        study = _run("--home", str(home), "studies", "--json").output.split('"study_uid": "')[1]
        study_uid = study.split('"')[0]
        assert _run("--home", str(home), "attach", study_uid, str(letter)).exit_code == 0
        assert _run("--home", str(home), "assess", study_uid, "--right", "1").exit_code == 0
        archive = tmp_path / "backup.tar"
        assert _run("--home", str(home), "backup", "--out", str(archive)).exit_code == 0
        restored = tmp_path / "restored"
        assert _run("restore", str(archive), "--home", str(restored)).exit_code == 0
        assert _run("--home", str(restored), "verify").exit_code == 0
    finally:
        os.umask(old)
    return home, archive, restored


def test_every_created_file_and_folder_is_private(
    named_disc: tuple[Path, Path], tmp_path: Path
) -> None:
    home, archive, restored = _private_round_trip(named_disc[0], tmp_path, 0o077)  # as main()
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert _modes(home) == []
    assert _modes(restored) == []


def test_files_stay_private_even_under_a_permissive_umask(
    named_disc: tuple[Path, Path], tmp_path: Path
) -> None:
    home, _archive, restored = _private_round_trip(named_disc[0], tmp_path, 0o022)
    assert _modes(home) == [] and _modes(restored) == []


def test_logs_never_hold_patient_names_or_ids(
    named_disc: tuple[Path, Path], tmp_path: Path
) -> None:
    disc, _ = named_disc
    home = tmp_path / "home"
    _run("--home", str(home), "import", str(disc))
    _run("--home", str(home), "import", str(disc))  # already present: another code path
    _run("--home", str(home), "import", str(tmp_path / "missing"))
    _run("--home", str(home), "verify")
    logs = home / "logs"
    text = "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in logs.rglob("*") if p.is_file()
    )
    assert text, "the import writes a log"
    family, given = PATIENT[0].split("^")
    for secret in (family, given, PATIENT[1], family.lower(), "OUTSIDE"):
        assert secret not in text


# --- SQL is built with bound parameters only ---------------------------------------------

SQL_CALLS = {"execute", "executemany", "executescript", "exec_driver_sql", "text"}
# (file, fragment of the SQL): why the dynamic part cannot carry user input
ALLOWED = {
    ("mammolog/catalog/db.py", "PRAGMA busy_timeout"): "an integer module constant",
    ("mammolog/catalog/person_rows.py", "UPDATE {table}"): "table names from a constant tuple",
}


def _dynamic_sql(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in SQL_CALLS or (name == "text" and not isinstance(func, ast.Name)):
            continue  # obj.text(...) is not SQLAlchemy's text()
        sql = node.args[0]
        dynamic = isinstance(sql, ast.JoinedStr) or (
            isinstance(sql, ast.BinOp) and isinstance(sql.op, ast.Mod | ast.Add)
        ) or (
            isinstance(sql, ast.Call) and isinstance(sql.func, ast.Attribute)
            and sql.func.attr == "format"
        )  # fmt: skip
        if dynamic:
            found.append((node.lineno, ast.unparse(sql)))
    return sorted(found)


def test_sql_is_built_only_with_bound_parameters() -> None:
    offenders = []
    for path in sorted((REPO / "mammolog").rglob("*.py")):
        relpath = path.relative_to(REPO).as_posix()
        for line, sql in _dynamic_sql(ast.parse(path.read_text(encoding="utf-8"))):
            if not any(relpath == f and fragment in sql for f, fragment in ALLOWED):
                offenders.append(f"{relpath}:{line}: {sql}")
    assert offenders == []


def test_the_sql_check_catches_formatted_sql() -> None:
    snippet = (
        'cur.execute(f"SELECT * FROM study WHERE uid = {uid}")\n'
        'session.execute(text("DELETE FROM t WHERE a = %s" % a))\n'
        'conn.exec_driver_sql("SELECT {}".format(x))\n'
        'cur.execute("SELECT * FROM study WHERE uid = ?", (uid,))\n'
    )
    assert [line for line, _ in _dynamic_sql(ast.parse(snippet))] == [1, 2, 3]


def test_pydicom_and_shutil_are_what_the_recorder_sees(tmp_path: Path) -> None:
    source = tmp_path / "a.dcm"
    pydicom.dcmread(pydicom.data.get_testdata_file("CT_small.dcm")).save_as(source)
    with recording() as touched:
        shutil.copy(source, tmp_path / "b.dcm")
        os.rename(tmp_path / "b.dcm", tmp_path / "c.dcm")
    assert ("read", os.path.realpath(source)) in touched
    assert ("write", os.path.realpath(tmp_path / "c.dcm")) in touched
