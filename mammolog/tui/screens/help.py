"""Every key and command, by screen, from the one list of commands."""

from __future__ import annotations

from rich.text import Text
from textual import events
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


KEY_NAMES = {
    "slash": "/", "plus": "+", "minus": "-", "full_stop": ".", "comma": ",",
    "space": "Space", "escape": "Esc", "enter": "Enter", "pageup": "Page Up",
    "pagedown": "Page Down", "home": "Home", "end": "End", "left": "←", "right": "→",
    "up": "↑", "down": "↓",
}  # fmt: skip


def key_words(key: str) -> str:
    """A binding's keys as a person types them: "ctrl+s" -> "Ctrl+S", "pagedown,full_stop"
    -> "Page Down or ."."""

    def one(key_name: str) -> str:
        parts = key_name.split("+")
        return "+".join(
            KEY_NAMES.get(part, part.upper() if len(part) == 1 and len(parts) > 1 else part)
            if len(part) == 1 or part in KEY_NAMES
            else part.capitalize()
            for part in parts
        )

    return " or ".join(one(k.strip()) for k in key.split(",") if k.strip())


class HelpScreen(MammologScreen):
    """The list of keys."""

    BINDINGS = [
        Binding("escape", "go_back", "Close", tooltip="Close the help", id="help.close"),
        Binding("f1", "go_back", "Close", show=False, tooltip="Close the help", id="help.f1"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="help-body"):
            yield Static(INTRO)
            yield DataTable(id="help-table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        """Focus the list so arrows scroll it."""
        self.query_one("#help-table").focus()

    def on_resize(self, event: events.Resize) -> None:
        """What each key does takes the width there is and wraps."""
        if event.size.width != self._width:
            self._width = event.size.width
            self._fill(event.size.width)

    def _fill(self, screen_width: int) -> None:
        table: DataTable[str | Text] = self.query_one("#help-table", DataTable)
        table.clear(columns=True)
        fixed = (("Where", 11), ("Key", 12), ("Action", 14))
        for title, width in fixed:
            table.add_column(title, width=width)
        spare = screen_width - 6 - sum(width + 2 for _t, width in fixed) - 2
        table.add_column("What it does", width=max(spare, 20))
        rows = [(GROUP_TITLES[c.group], key_words(c.key), c.title, c.tooltip) for c in COMMANDS]
        rows.append((GROUP_TITLES["app"], "Ctrl+P", "Commands", "Search every command"))
        for where, key, title, tooltip in rows:
            table.add_row(where, key, title, Text(tooltip), height=None)
