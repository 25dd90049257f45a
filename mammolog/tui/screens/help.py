"""Every key and command, by screen, from the one list of commands."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static

from mammolog.tui.commands import COMMANDS, GROUP_TITLES
from mammolog.tui.screens.base import MammologScreen

INTRO = (
    "Every action has a key (shown in the footer) and an entry in the command palette "
    "([b]Ctrl+P[/b]: type a few letters of what you want). The mouse works too."
)


class HelpScreen(MammologScreen):
    """The list of keys."""

    BINDINGS = [
        Binding("escape", "go_back", "Close", tooltip="Close the help", id="help.close"),
        Binding("f1", "go_back", "Close", show=False, tooltip="Close the help", id="help.f1"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="help-body"):
            yield Static(INTRO)
            table: DataTable[str] = DataTable(id="help-table", cursor_type="row")
            table.add_columns("Where", "Key", "Action", "What it does")
            for command in COMMANDS:
                table.add_row(
                    GROUP_TITLES[command.group], command.key_display, command.title,
                    command.tooltip,
                )  # fmt: skip
            table.add_row(GROUP_TITLES["app"], "Ctrl+P", "Commands", "Search every command")
            yield table
        yield Footer()

    def on_mount(self) -> None:
        """Focus the list so arrows scroll it."""
        self.query_one("#help-table").focus()
