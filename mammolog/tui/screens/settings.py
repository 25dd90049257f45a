"""Settings: the screening interval and where mammolog keeps its files."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Label, Select, Static

from mammolog.services.settings import (
    SCREENING_INTERVALS,
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


class SettingsScreen(MammologScreen):
    """Change the screening interval; see the folders."""

    COMMAND_GROUP = SETTINGS
    BINDINGS = bindings_for(SETTINGS)

    def compose(self) -> ComposeResult:
        yield Header()
        settings = load_settings(self.mammolog.paths.settings_file)
        with Vertical(id="settings-body"):
            yield Static("[b]Screening[/b]", classes="section-title")
            with Horizontal(classes="form-row"):
                yield Label("Routine screening every")
                yield Select(
                    [(f"{m} months", m) for m in SCREENING_INTERVALS],
                    value=settings.screening_interval_months,
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
