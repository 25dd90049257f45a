"""Messages that workers post to the screens (data goes up as frozen records)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class LibraryLoaded(Message):
    """The library screen's data was read."""

    view: Any  # mammolog.tui.data.LibraryView


@dataclass
class StudyLoaded(Message):
    """A study and its objects were read."""

    view: Any  # mammolog.tui.data.StudyView


@dataclass
class LoadFailed(Message):
    """A worker could not read what a screen needs; ``reason`` is shown to the user."""

    what: str
    reason: str


@dataclass
class CatalogChanged(Message):
    """Something wrote to the catalog (an import, a result, a merge): screens reload."""

    reason: str


@dataclass
class TimelineLoaded(Message):
    """A person's timeline was read."""

    view: Any  # mammolog.services.timeline_view.TimelineView


@dataclass
class ImportProgress(Message):
    """Latest figures of the running import (replaces the previous ones)."""

    progress: Any  # mammolog.tui.importing.ImportFigures


@dataclass
class ImportFinished(Message):
    """The import ended (done, cancelled or failed) with its report."""

    summary: Any  # mammolog.tui.importing.ImportSummary


@dataclass
class MediaFound(Message):
    """Removable media were looked for."""

    media: list[Any]  # list[pathlib.Path]
