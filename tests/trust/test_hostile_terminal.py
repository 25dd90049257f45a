"""Hostile text from a disc cannot drive the terminal or fake lines in any command's output.

A patient name holding ``ESC [2J`` (clear screen), ``ESC ]0;... BEL`` (retitle the terminal) and
``ESC ]52;c;...`` (write the clipboard), a description with a line break, and a file name with
escapes are imported; every command that prints them must show the controls as visible
escapes and keep each row on one line, while ``--json`` keeps the exact values.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mammolog.cli import cli
from tests.fixtures_discs import build_dicomdir_disc, study_specs

REPO = Path(__file__).resolve().parents[2]
CLEAR = "\x1b[2J"
TITLE = "\x1b]0;pwned\x07"
CLIPBOARD = "\x1b]52;c;ZWNobyBoaQ==\x07"
NAME = f"EVIL{CLEAR}{TITLE}^MARIA{CLIPBOARD}"
DESCRIPTION = "Screening\nFAKE ROW  9999-01-01  injected"
BAD_FILE = f"notes{TITLE}.dcm"
CONTROLS = ("\x1b", "\x07", "\x9b")


@pytest.fixture
def hostile_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A home with one imported hostile study, and the text ``mammolog import`` printed."""
    home = tmp_path / "home"
    monkeypatch.setenv("MAMMOLOG_HOME", str(home))
    monkeypatch.setenv("MAMMOLOG_TODAY", "2024-06-01")
    disc = build_dicomdir_disc(
        tmp_path / "disc",
        study_specs(NAME, "PID-EVIL", ("20240301",), study_description=DESCRIPTION,
                    institution_name=f"Centre{CLEAR}"),
    )  # fmt: skip
    (disc.root / BAD_FILE).write_bytes(b"")  # an empty file: a problem line naming it
    result = CliRunner().invoke(cli, ["import", str(disc.root)])
    assert result.exit_code == 3, result.output
    return home, result.output


def _assert_safe(text: str) -> None:
    for control in CONTROLS:
        assert control not in text, f"raw control {control!r} reached the terminal:\n{text!r}"
    assert "FAKE ROW" not in [line.strip()[:8] for line in text.splitlines()]
    for line in text.splitlines():
        assert not line.lstrip().startswith("FAKE ROW"), "a line break from a disc faked a row"


def test_the_import_report_shows_names_and_file_names_escaped(
    hostile_home: tuple[Path, str],
) -> None:
    _home, output = hostile_home
    _assert_safe(output)
    assert "EVIL\\x1b[2J\\x1b]0;pwned\\x07^MARIA" in output or "EVIL\\x1b[2J" in output
    assert "notes\\x1b]0;pwned\\x07.dcm" in output


@pytest.mark.parametrize(
    "args", [["studies"], ["persons"], ["timeline"], ["proposals", "--all"], ["verify"]]
)
def test_listing_commands_keep_every_row_on_one_line(
    hostile_home: tuple[Path, str], args: list[str]
) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 3), result.output
    _assert_safe(result.output)


def test_the_studies_table_has_one_row_per_study_with_the_escapes_visible(
    hostile_home: tuple[Path, str],
) -> None:
    result = CliRunner().invoke(cli, ["studies"])
    lines = result.output.splitlines()
    assert len(lines) == 3, result.output  # header, rule, one study
    assert "Screening\\x0aFAKE ROW" in lines[2]
    assert "\\x1b]52;c;" in lines[2]


def test_json_keeps_the_exact_values(hostile_home: tuple[Path, str]) -> None:
    result = CliRunner().invoke(cli, ["studies", "--json"])
    assert "\x1b" not in result.output  # the JSON encoder escapes it as \u001b
    record = json.loads(result.output)[0]
    assert record["description"] == DESCRIPTION
    assert CLEAR in record["patient_name"] or "EVIL" in record["patient_name"]
    persons = json.loads(CliRunner().invoke(cli, ["persons", "--json"]).output)
    names = [ident["patient_name"] for p in persons for ident in p["identities"]]
    assert any(CLIPBOARD in name for name in names)


def test_an_error_line_naming_a_hostile_path_is_escaped(tmp_path: Path, home: Path) -> None:
    missing = tmp_path / f"disc{CLEAR}"
    result = CliRunner().invoke(cli, ["import", str(missing)])
    assert result.exit_code == 1
    _assert_safe(result.output)
    assert "disc\\x1b[2J" in result.output


def test_no_command_prints_without_the_sanitiser() -> None:
    """Commands print through say/print_table/fail/print_json only, so none can forget."""
    offenders: list[str] = []
    for module in sorted((REPO / "mammolog" / "commands").glob("*.py")):
        if module.name == "_common.py":
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("echo", "secho")
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "click"
            ) or (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "print"):
                offenders.append(f"{module.name}:{node.lineno}")
    assert not offenders, f"raw terminal output (use say/print_table): {offenders}"


def test_pydicom_warnings_go_to_the_log_without_names(hostile_home: tuple[Path, str]) -> None:
    home, output = hostile_home
    assert "UserWarning" not in output and "site-packages" not in output
    log = (home / "logs" / "mammolog.log").read_text(encoding="utf-8")
    assert "UserWarning from charset.py" in log  # the escape sequences in the name
    assert "EVIL" not in log and "PID-EVIL" not in log and "pwned" not in log


@pytest.mark.parametrize("kind", ["import", "summary", "media"])
def test_no_library_warning_reaches_stderr_in_a_real_process(
    hostile_home: tuple[Path, str], tmp_path: Path, kind: str
) -> None:
    """A real process (pytest would catch warnings itself), every warning shown if not routed."""
    import os
    import subprocess
    import sys

    if kind == "import":
        disc = build_dicomdir_disc(tmp_path / "again", study_specs(NAME, "PID-2", ("20230301",)))
        args = ["import", str(disc.root)]
    else:
        out = tmp_path / ("summary.md" if kind == "summary" else "media")
        args = ["export", kind, "--out", str(out)]
    env = {**os.environ, "PYTHONWARNINGS": "always"}
    result = subprocess.run(
        [sys.executable, "-m", "mammolog", *args], capture_output=True, text=True, env=env
    )
    assert result.returncode in (0, 3), result.stderr
    assert "Warning" not in result.stderr and "site-packages" not in result.stderr, result.stderr
    _assert_safe(result.stdout + result.stderr)


def test_json_escapes_what_its_encoder_would_leave_raw_and_keeps_the_values() -> None:
    from mammolog.untrusted import json_for_terminal

    value = {"name": "A\x9b2J\u202eB\ud800", "ok": "Łódź 東京", "list": [1, "\x85"]}
    text = json_for_terminal(json.dumps(value, ensure_ascii=False, indent=2))
    assert not any(ch in text for ch in ("\x9b", "\u202e", "\ud800", "\x85"))
    assert "Łódź 東京" in text
    assert json.loads(text) == value


def test_json_of_a_name_with_a_c1_csi_carries_no_raw_control(tmp_path: Path, home: Path) -> None:
    disc = build_dicomdir_disc(
        tmp_path / "c1", study_specs("C1\u009b2J\u202eNAME", "PID-C1", ("20240301",))
    )
    CliRunner().invoke(cli, ["import", str(disc.root)])
    result = CliRunner().invoke(cli, ["studies", "--json"])
    assert result.exit_code == 0
    assert "\x9b" not in result.output and "\u202e" not in result.output
    names = [record["patient_name"] for record in json.loads(result.output)]
    assert any("\x9b" in name for name in names), names  # exact (latin-1 has no U+202E)
