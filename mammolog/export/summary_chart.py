"""Geometry of the chart "BI-RADS category per breast over time", shared by PDF and SVG.

The vertical axis has the BI-RADS categories in number order, 0 at the bottom and 6 at the top
(:data:`CHART_ROWS`, explained in words by :data:`CHART_EXPLANATION`, which every chart prints
beside it, the app's too); the horizontal axis is time. The right breast's points sit a little
above the row's centre line and the left breast's a little below, so equal results on both
sides stay visible as two markers and two lines. Coordinates are in the caller's units with y
growing downwards (as in SVG and fpdf2), so both renderers only draw lines, markers and labels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from mammolog.domain.lexicon import Category, Side
from mammolog.export.summary import ExamRow

__all__ = [
    "CHART_EXPLANATION",
    "CHART_EXPLANATION_SHORT",
    "CHART_ROWS",
    "ChartGeometry",
    "ChartPoint",
    "SIDE_COLOURS",
    "chart_geometry",
]

#: The chart's rows, bottom to top: BI-RADS categories in number order.
CHART_ROWS: tuple[Category, ...] = tuple(Category)
CHART_EXPLANATION = (
    "Rows are the BI-RADS categories in number order (0 at the bottom, 6 at the top)."
    " 0 means the exam was incomplete and needed more imaging; 1 and 2 are normal or benign,"
    " 3 probably benign, 4 to 5 suspicious (more concern higher up), 6 a known cancer."
)
#: The same in one short line, for the app's chart.
CHART_EXPLANATION_SHORT = (
    "Rows: BI-RADS 0 (bottom) to 6 (top) in number order; 0 = incomplete, more imaging needed."
)
_ROW_INDEX = {category: index for index, category in enumerate(CHART_ROWS)}
# share of a row's height between the two breasts' markers when their results are equal
_SIDE_SPREAD = 0.28

SIDE_COLOURS: dict[Side, tuple[int, int, int]] = {
    Side.RIGHT: (176, 48, 96),
    Side.LEFT: (32, 96, 176),
}


@dataclass(frozen=True)
class ChartPoint:
    """One assessed breast on one exam."""

    x: float
    y: float
    category: Category
    exam_date: date


@dataclass(frozen=True)
class ChartGeometry:
    """Everything needed to draw the chart inside (left, top, width, height)."""

    left: float
    top: float
    width: float
    height: float
    y_ticks: tuple[tuple[str, float], ...]
    x_ticks: tuple[tuple[str, float], ...]
    series: tuple[tuple[Side, tuple[ChartPoint, ...]], ...]

    @property
    def right(self) -> float:
        """x of the right edge of the plot area."""
        return self.left + self.width

    @property
    def bottom(self) -> float:
        """y of the bottom edge of the plot area."""
        return self.top + self.height

    @property
    def is_empty(self) -> bool:
        """True when no exam has a category to plot."""
        return not any(points for _side, points in self.series)


def _x_scale(first: date, last: date, left: float, width: float) -> tuple[float, float]:
    span = (last - first).days
    if span <= 0:
        return left + width / 2, 0.0
    return left, width / span


def chart_geometry(
    exams: Sequence[ExamRow],
    *,
    left: float,
    top: float,
    width: float,
    height: float,
    date_label: Callable[[date], str] | None = None,
) -> ChartGeometry:
    """Place each assessed breast of ``exams`` in the plot box (left, top, width, height).

    Time ticks are years; with ``date_label`` (dates hidden) only the first and last exam are
    labelled, with that function.
    """
    step = height / len(CHART_ROWS)

    def y_of(category: Category, side: Side | None = None) -> float:
        centre = top + height - step * (_ROW_INDEX[category] + 0.5)
        if side is None:
            return centre
        shift = step * _SIDE_SPREAD / 2
        return centre - shift if side is Side.RIGHT else centre + shift

    y_ticks = tuple((category.value, y_of(category)) for category in CHART_ROWS)
    assessed = [row for row in exams if row.right is not None or row.left is not None]
    if not assessed:
        return ChartGeometry(left, top, width, height, y_ticks, (), ())
    first = min(row.exam_date for row in assessed)
    last = max(row.exam_date for row in assessed)
    origin, per_day = _x_scale(first, last, left, width)

    def x_of(day: date) -> float:
        return origin + (day - first).days * per_day

    series = []
    for side in (Side.RIGHT, Side.LEFT):
        points = []
        for row in sorted(assessed, key=lambda r: r.exam_date):
            category = row.right if side is Side.RIGHT else row.left
            if category is not None:
                points.append(
                    ChartPoint(x_of(row.exam_date), y_of(category, side), category, row.exam_date)
                )
        series.append((side, tuple(points)))
    x_ticks = []
    years = range(first.year + (1 if (first.month, first.day) > (1, 1) else 0), last.year + 1)
    stride = max(1, len(years) // 8 + (1 if len(years) % 8 else 0)) if len(years) > 8 else 1
    for year in list(years)[::stride]:
        x_ticks.append((str(year), x_of(date(year, 1, 1))))
    if date_label is not None:
        x_ticks = [(date_label(first), x_of(first))]
        if per_day:
            x_ticks.append((date_label(last), x_of(last)))
    elif not x_ticks or per_day == 0:
        x_ticks = [(first.isoformat(), x_of(first))]
    return ChartGeometry(left, top, width, height, y_ticks, tuple(x_ticks), tuple(series))
