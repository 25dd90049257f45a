"""Choices the app's pickers offer, in words: categories with their names, lexicon values,
quadrants with what they mean, sides, recommendations."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from textual.widgets import Select

from mammolog.domain.birads import CATEGORY_INFO, DENSITY_WORDING
from mammolog.domain.lexicon import Density, Quadrant, Recommendation, Side
from mammolog.domain.plain_words import quadrant_words, recommendation_words, sentence, words

SIDE_NAMES = {Side.RIGHT: "right", Side.LEFT: "left", Side.BOTH: "both"}


def category_options() -> list[tuple[str, str]]:
    """Each category with its name and likelihood of malignancy."""
    return [
        (f"{c.value}  {info.name} (malignancy {info.likelihood})", c.value)
        for c, info in CATEGORY_INFO.items()
    ]


def density_options() -> list[tuple[str, str]]:
    """Each density letter with its wording."""
    return [(f"{d.value}  {DENSITY_WORDING[d]}", d.value) for d in Density]


def recommendation_options() -> list[tuple[str, str]]:
    """What can be recommended, in words."""
    return [(recommendation_words(r), r.value) for r in Recommendation]


def quadrant_options() -> list[tuple[str, str]]:
    """Quadrants with their meaning: "Upper outer quadrant (UOQ)"."""
    return [(quadrant_words(q), q.value) for q in Quadrant]


def side_options() -> list[tuple[str, str]]:
    """Right, left, both."""
    return [(SIDE_NAMES[s], s.value) for s in Side]


def enum_options(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """Options for a lexicon picker, in words ("fine pleomorphic")."""
    return [(sentence(words(member)), member.value) for member in enum]


def chosen(select: Select[Any]) -> str | None:
    """The value of a picker, or None when nothing is chosen."""
    if select.is_blank() or select.value is None:
        return None
    return str(select.value)


def option_value(value: StrEnum | int | None) -> Any:
    """A record's value as a picker value (blank for None)."""
    if value is None:
        return Select.NULL
    return value.value if isinstance(value, StrEnum) else str(value)
