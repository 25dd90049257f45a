"""The library's table of studies: a DataTable whose Home and End are left to the screen,
which moves the cursor to the newest or oldest study (DataTable only scrolls sideways)."""

from __future__ import annotations

from rich.text import Text
from textual.binding import BindingType
from textual.widgets import DataTable


def _without_home_and_end() -> list[BindingType]:
    kept: list[BindingType] = []
    for binding in DataTable.BINDINGS:
        key = binding.key if not isinstance(binding, tuple) else binding[0]
        if key not in ("home", "end"):
            kept.append(binding)
    return kept


class StudyTable(DataTable[str | Text], inherit_bindings=False):
    """A row-cursor table of studies; Home and End are the screen's keys."""

    BINDINGS = _without_home_and_end()
