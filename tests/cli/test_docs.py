"""Every command and every app key is documented: in the user guide, with help and examples.

Walks the click command tree (as sqlite-utils does), so a new command or subcommand fails here
until it is described in docs/user-guide.md and its --help shows how to call it; and every key
the app declares (``mammolog.tui.commands.COMMANDS``) must have its row in the guide's table of
keys, which in turn lists no key the app does not have.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from mammolog.cli import cli

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "user-guide.md"


def _commands(group: click.Group, prefix: str) -> Iterator[tuple[str, click.Command]]:
    for name in sorted(group.commands):
        command = group.commands[name]
        if command.hidden:
            continue
        full = f"{prefix} {name}"
        yield full, command
        if isinstance(command, click.Group):
            yield from _commands(command, full)


COMMANDS = dict(_commands(cli, "mammolog"))


def test_the_walk_finds_the_commands_and_subcommands() -> None:
    assert {"mammolog import", "mammolog finding list", "mammolog export media"} <= set(COMMANDS)
    assert len(COMMANDS) >= 25


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_the_user_guide(name: str) -> None:
    guide = " ".join(GUIDE.read_text(encoding="utf-8").split())
    assert re.search(rf"`?{re.escape(name)}(\s|`|$)", guide), f"{name} is not in docs/user-guide.md"


@pytest.mark.parametrize("name", ["mammolog", *sorted(COMMANDS)])
def test_every_command_has_help_ending_with_an_example(name: str) -> None:
    command = cli if name == "mammolog" else COMMANDS[name]
    text = (command.help or "").strip()
    assert text, f"{name} has no help"
    last = text.splitlines()[-1].strip()
    assert last.startswith("Example: mammolog"), f"{name}: help does not end with an example"
    example = last.removeprefix("Example: ").split()
    if example[1:2] == ["--home"]:  # a global option before the command
        example = [example[0], *example[3:]]
    assert " ".join(example[: len(name.split())]) == name or name == "mammolog", (
        f"{name}: the example calls {' '.join(example[:3])}"
    )


def test_every_option_has_help() -> None:
    missing = [
        f"{name} {param.opts[0]}"
        for name, command in COMMANDS.items()
        for param in command.params
        if isinstance(param, click.Option) and not param.help and param.opts[0] != "--help"
    ]
    assert not missing, missing


_KEY_NAMES = {"plus": "+", "minus": "-", "slash": "/", "full_stop": ".", "comma": ",",
              "escape": "Esc", "enter": "Enter", "space": "Space", "pagedown": "PageDown",
              "pageup": "PageUp", "left": "Left", "right": "Right", "up": "Up", "down": "Down",
              "home": "Home", "end": "End"}  # fmt: skip


def _key_in_words(key: str) -> str:
    """``ctrl+q`` -> ``Ctrl+Q``, ``pagedown,full_stop`` -> ``PageDown`` or ``.``."""
    shown = []
    for alternative in key.split(","):
        parts = alternative.split("+")
        shown.append(
            "+".join(
                part.capitalize()
                if part in ("ctrl", "shift", "alt")
                else _KEY_NAMES.get(part, part.upper() if len(part) > 1 or len(parts) > 1 else part)
                for part in parts
            )
        )
    return " or ".join(f"`{k}`" for k in shown)


def _guide_key_rows() -> set[tuple[str, str]]:
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("### Every key in the app", 1)[1].split("\n#", 1)[0]
    rows = set()
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[1].startswith("`"):
            rows.add((cells[0], cells[1]))
    return rows


def test_every_app_key_is_in_the_user_guide_and_no_other() -> None:
    from mammolog.tui.commands import COMMANDS as APP_COMMANDS
    from mammolog.tui.commands import GROUP_TITLES

    declared = {(GROUP_TITLES[c.group], _key_in_words(c.key)) for c in APP_COMMANDS}
    documented = _guide_key_rows()
    assert not declared - documented, (
        f"keys missing from the guide: {sorted(declared - documented)}"
    )
    assert not documented - declared, f"keys the app no longer has: {sorted(documented - declared)}"
