"""Colours by level of concern, taken from the theme (never literal colours)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App

from mammolog.domain.birads import CATEGORY_INFO, concern_rank
from mammolog.domain.lexicon import Category

# Theme variable for each level of concern.
LEVEL_VARIABLE = {"reassuring": "success", "attention": "warning", "alert": "error", "none": ""}


def concern_level(category: str | None) -> str:
    """ "reassuring" (1, 2), "attention" (0, 3), "alert" (4-6) or "none" (not assessed)."""
    if not category:
        return "none"
    try:
        rank = concern_rank(Category(category))
    except ValueError:
        return "none"
    if rank <= concern_rank(Category.C2):
        return "reassuring"
    if rank <= concern_rank(Category.C3):
        return "attention"
    return "alert"


def category_name(category: str | None) -> str:
    """ "Benign" for "2"; empty when unknown."""
    try:
        return CATEGORY_INFO[Category(category or "")].name
    except ValueError:
        return ""


def concern_text(app: App[object], category: str | None, *, label: str = "") -> Text:
    """A category as coloured text ("–" when not assessed)."""
    if not category:
        return Text(label + "–", style="dim")
    variable = LEVEL_VARIABLE[concern_level(category)]
    colour = app.theme_variables.get(variable, "") if variable else ""
    return Text(label + category, style=f"bold {colour}".strip())
