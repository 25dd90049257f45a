"""The user's settings file (JSON, private): read with defaults, written atomically."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from mammolog.paths import AppPaths, make_private_dir

SCREENING_CHOICES: tuple[int, ...] = (12, 24, 36)
DEFAULT_INTERVAL = 12


@dataclass(frozen=True)
class Settings:
    """What the user can change in the Settings screen."""

    screening_interval_months: int = DEFAULT_INTERVAL


def load_settings(paths: AppPaths) -> Settings:
    """The saved settings, or the defaults when the file is missing or unreadable."""
    try:
        data = json.loads(paths.settings_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    interval = data.get("screening_interval_months") if isinstance(data, dict) else None
    if isinstance(interval, int) and not isinstance(interval, bool) and 1 <= interval <= 120:
        return Settings(screening_interval_months=interval)
    return Settings()


def save_settings(paths: AppPaths, *, screening_interval_months: int) -> Settings:
    """Write the settings (keeping keys other programs added), 0600, atomically."""
    if not 1 <= screening_interval_months <= 120:
        raise ValueError(f"{screening_interval_months} is not 1 to 120 months")
    target: Path = paths.settings_file
    make_private_dir(target.parent)
    try:
        existing = json.loads(target.read_text(encoding="utf-8"))
        if not isinstance(existing, dict):
            existing = {}
    except (OSError, ValueError):
        existing = {}
    existing["screening_interval_months"] = screening_interval_months
    temporary = target.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(existing, handle, indent=2)
    os.replace(temporary, target)
    return Settings(screening_interval_months=screening_interval_months)
