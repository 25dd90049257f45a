"""The command line: help everywhere, locate, exit codes, private files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from mammolog.cli import cli


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, (*prefix, name)))
    return found


@pytest.mark.parametrize("path", all_commands(cli), ids=lambda p: " ".join(p))
def test_every_command_has_help_with_an_example(path: tuple[str, ...], home: Path) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert "mammolog" in result.output.split("Example:")[1]


def test_locate_under_home_option(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--home", str(tmp_path / "usb"), "locate", "--json"])
    assert result.exit_code == 0
    located = json.loads(result.output)
    for key in ("database", "library", "cache", "logs"):
        assert located[key].startswith(str(tmp_path / "usb"))


def test_locate_follows_the_environment(home: Path) -> None:
    result = CliRunner().invoke(cli, ["locate", "--json"])
    assert json.loads(result.output)["database"] == str(home / "catalog.sqlite")


def test_empty_library_lists(home: Path) -> None:
    runner = CliRunner()
    assert json.loads(runner.invoke(cli, ["studies", "--json"]).output) == []
    assert json.loads(runner.invoke(cli, ["persons", "--json"]).output) == []
    assert "No studies yet" in runner.invoke(cli, ["studies"]).output


def test_unknown_person_merge_is_a_usage_error(home: Path) -> None:
    result = CliRunner().invoke(cli, ["persons", "merge", "1", "2"])
    assert result.exit_code == 2
    assert "no person 1" in result.output


def test_python_dash_m_and_private_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "MAMMOLOG_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-m", "mammolog", "verify", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["clean"] is True
    for path in [home, *home.rglob("*")]:
        mode = path.stat().st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), path


def test_unreadable_catalog_exits_1_with_one_line(home: Path) -> None:
    home.mkdir(parents=True)
    (home / "catalog.sqlite").write_bytes(b"garbage" * 1000)
    result = CliRunner().invoke(cli, ["studies"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "cannot open the catalog" in result.output
