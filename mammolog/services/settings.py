"""The user's settings, kept in a small private JSON file."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from mammolog.paths import make_private_dir

SCREENING_INTERVALS = (12, 24, 36)


class SettingsError(ValueError):
    """A setting with a value it cannot take."""


@dataclass(frozen=True)
class Settings:
    """What the user can set."""

    screening_interval_months: int = 12

    def with_interval(self, months: int) -> Settings:
        """A copy with another screening interval (12, 24 or 36 months)."""
        if months not in SCREENING_INTERVALS:
            allowed = ", ".join(map(str, SCREENING_INTERVALS))
            raise SettingsError(f"screening interval: {months} months (allowed: {allowed})")
        return replace(self, screening_interval_months=months)


def load_settings(path: Path) -> Settings:
    """The saved settings, or the defaults when there are none or the file is unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        months = int(data.get("screening_interval_months", 12))
        return Settings().with_interval(months)
    except (OSError, ValueError, TypeError, AttributeError):
        return Settings()


def save_settings(path: Path, settings: Settings) -> None:
    """Write the settings atomically, private to the user."""
    make_private_dir(path.parent)
    temp = path.with_suffix(".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(asdict(settings), out, indent=2)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temp, path)
