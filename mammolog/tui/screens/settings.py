"""Settings: the screening interval and where mammolog keeps its files."""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Header, Label, Select, Static

from mammolog.services.settings import (
    SCREENING_INTERVALS,
    Settings,
    SettingsError,
    load_settings,
    save_settings,
)
from mammolog.tui.commands import SETTINGS, bindings_for
from mammolog.tui.screens.base import MammologScreen

PATH_LABELS = (
    ("home", "Home folder"),
    ("database", "Catalog"),
    ("library", "Images and reports"),
    ("cache", "Preview cache"),
    ("backups", "Backups"),
    ("logs", "Logs"),
    ("settings", "Settings file"),
)


@dataclass
class SettingsLoaded(Message):
    """The settings file was read."""

    settings: Settings


class SettingsScreen(MammologScreen):
    """Change the screening interval; see the folders."""

    COMMAND_GROUP = SETTINGS
    BINDINGS = bindings_for(SETTINGS)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="settings-body"):
            yield Static("[b]Screening[/b]", classes="section-title")
            with Horizontal(classes="form-row"):
                yield Label("Routine screening every")
                yield Select(
                    [(f"{m} months", m) for m in SCREENING_INTERVALS],
                    value=12,
                    allow_blank=False,
                    id="screening-interval",
                )
            yield Static(
                "After a BI-RADS 1 or 2 result the next screening is due after this interval "
                "(many countries screen every 24 or 36 months). A 3 is followed up after 6 "
                "months; 0, 4 and 5 need action now.",
                classes="hint",
            )
            yield Static("[b]Where your files are[/b]", classes="section-title")
            locations = self.mammolog.paths.as_dict()
            lines = [
                f"{label:<20} {locations[key]}" for key, label in PATH_LABELS if locations.get(key)
            ]
            if not locations.get("home"):
                lines.insert(0, f"{'Home folder':<20} platform folders (set MAMMOLOG_HOME to move)")
            yield Static("\n".join(lines), id="settings-paths", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Read the saved settings."""
        self.load()

    @work(thread=True, exclusive=True, group="settings", exit_on_error=False)
    def load(self) -> None:
        """Read the settings file (worker)."""
        settings = load_settings(self.mammolog.paths.settings_file)
        self.post_message(SettingsLoaded(settings))

    def on_settings_loaded(self, message: SettingsLoaded) -> None:
        """Show the saved interval."""
        self.query_one(
            "#screening-interval", Select
        ).value = message.settings.screening_interval_months

    def action_save(self) -> None:
        """Keep the chosen interval."""
        value = self.query_one("#screening-interval", Select).value
        if not isinstance(value, int):
            return
        settings_file = self.mammolog.paths.settings_file
        try:
            save_settings(settings_file, load_settings(settings_file).with_interval(value))
        except SettingsError as error:
            self.notify(str(error), severity="error")
            return
        except OSError as error:
            self.notify(f"cannot save the settings: {error.strerror or error}", severity="error")
            return
        self.notify(f"Routine screening every {value} months.", title="Saved", timeout=3)
        self.mammolog.refresh_catalog_views("settings")
