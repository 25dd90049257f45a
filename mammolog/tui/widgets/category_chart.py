"""A small chart of BI-RADS category over time for one breast, in text.

Rows are the categories in number order (0 at the bottom, 6 at the top), the same order as the
summary's chart; :data:`CHART_EXPLANATION_SHORT` says so beside it on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import RenderableType
from rich.text import Text
from textual.widget import Widget

from mammolog.export.summary_chart import CHART_EXPLANATION_SHORT, CHART_ROWS
from mammolog.tui.widgets.concern import LEVEL_VARIABLE, concern_level

__all__ = ["CHART_EXPLANATION_SHORT", "ROWS", "CategoryChart"]

ROWS = tuple(category.value for category in CHART_ROWS)


class CategoryChart(Widget):
    """Category (rows in number order, 0 at the bottom, 6 on top) against exam (columns)."""

    DEFAULT_CSS = """
    CategoryChart {
        height: auto;
        padding: 0 0 1 0;
    }
    """

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        self.points: tuple[tuple[date, str], ...] = ()

    def show(self, points: Sequence[tuple[date, str]]) -> None:
        """Plot (exam date, category) pairs, oldest first; empty categories are skipped."""
        self.points = tuple((day, category) for day, category in points if category)
        self.refresh(layout=True)

    def render(self) -> RenderableType:
        """The chart as text."""
        text = Text()
        # as many exams as the width holds (two columns each after the 5-column axis), at most 24
        room = (self.size.width - 5) // 2 if self.size.width else 24
        points = self.points[-max(2, min(24, room)) :]
        shown_title = self.title
        if len(points) < len(self.points):
            shown_title += f", last {len(points)} exams"
        text.append(f"{shown_title}\n", style="bold")
        if not self.points:
            text.append("no categories recorded yet\n", style="dim")
            return text
        used = {category for _day, category in points}
        low = min(ROWS.index(c) for c in used if c in ROWS)
        high = max(ROWS.index(c) for c in used if c in ROWS)
        shown = ROWS[max(0, low - 1) : high + 2]
        for category in reversed(shown):
            text.append(f"{category:>3} │", style="dim")
            colour = ""
            variable = LEVEL_VARIABLE[concern_level(category)]
            if variable:
                colour = self.app.theme_variables.get(variable, "")
            for _day, value in points:
                text.append(
                    " ●" if value == category else " ·",
                    style=colour if value == category else "dim",
                )
            text.append("\n")
        text.append("    └" + "──" * len(points) + "\n", style="dim")
        years = [day.strftime("%y") for day, _value in points]
        axis = "".join(f"{y:>2}" if i % 2 == 0 else "  " for i, y in enumerate(years))
        text.append(f"     {axis}\n", style="dim")
        return text
