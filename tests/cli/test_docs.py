"""Every command is documented: in the user guide, and with help that ends with an example.

Walks the click command tree (as sqlite-utils does), so a new command or subcommand fails here
until it is described in docs/user-guide.md and its --help shows how to call it.
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
