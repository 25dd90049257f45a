"""BI-RADS 5th-edition categories and breast density: names, risk ranges and order of concern.

The order of concern used everywhere (worst side, category up/down) is

    6 > 5 > 4C > 4B > 4A > 4 > 3 > 0 > 2 > 1

DOMAIN.md gives ``5 > 4C > 4B > 4A > 4 > 3 > 0 > 2 > 1`` and says 6 (known, biopsy-proven
cancer) is reported on its own. For a person's "worst side" and the overall result we rank 6
above everything: a side with a known cancer needs treatment whatever the other side shows, so
nothing may hide it. Category 0 (incomplete) ranks above 2 and 1 because work-up is still owed,
and below 3 because nothing has yet been characterised as a finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mammolog.domain.lexicon import Category, Density

__all__ = [
    "CATEGORY_INFO",
    "CONCERN_ORDER",
    "DENSITY_WORDING",
    "CategoryInfo",
    "Direction",
    "category_direction",
    "concern_rank",
    "is_dense",
    "is_suspicious",
    "overall",
    "worst",
]


@dataclass(frozen=True, slots=True)
class CategoryInfo:
    """What a BI-RADS category means (5th edition, mammography)."""

    category: Category
    name: str
    likelihood: str
    management: str


CATEGORY_INFO: dict[Category, CategoryInfo] = {
    info.category: info
    for info in (
        CategoryInfo(
            Category.C0,
            "Incomplete: needs additional imaging and/or prior mammograms",
            "n/a",
            "Recall for additional imaging / comparison with priors",
        ),
        CategoryInfo(Category.C1, "Negative", "essentially 0%", "Routine screening"),
        CategoryInfo(Category.C2, "Benign", "essentially 0%", "Routine screening"),
        CategoryInfo(
            Category.C3, "Probably benign", ">0% to ≤2%", "Short-interval (6-month) follow-up"
        ),
        CategoryInfo(Category.C4, "Suspicious", ">2% to <95%", "Tissue diagnosis (biopsy)"),
        CategoryInfo(Category.C4A, "Low suspicion", ">2% to ≤10%", "Tissue diagnosis"),
        CategoryInfo(Category.C4B, "Moderate suspicion", ">10% to ≤50%", "Tissue diagnosis"),
        CategoryInfo(Category.C4C, "High suspicion", ">50% to <95%", "Tissue diagnosis"),
        CategoryInfo(Category.C5, "Highly suggestive of malignancy", "≥95%", "Tissue diagnosis"),
        CategoryInfo(
            Category.C6,
            "Known biopsy-proven malignancy",
            "n/a",
            "Surgical excision when clinically appropriate",
        ),
    )
}

# Least to most concerning.
CONCERN_ORDER: tuple[Category, ...] = (
    Category.C1,
    Category.C2,
    Category.C0,
    Category.C3,
    Category.C4,
    Category.C4A,
    Category.C4B,
    Category.C4C,
    Category.C5,
    Category.C6,
)
_RANK = {category: rank for rank, category in enumerate(CONCERN_ORDER)}

SUSPICIOUS: frozenset[Category] = frozenset(
    {Category.C4, Category.C4A, Category.C4B, Category.C4C, Category.C5}
)


def concern_rank(category: Category) -> int:
    """Position of ``category`` in the order of concern: 0 for 1 (negative) up to 9 for 6."""
    return _RANK[Category(category)]


def worst(a: Category | None, b: Category | None) -> Category | None:
    """The more concerning of two categories; ``None`` (not assessed) loses to any category."""
    if a is None:
        return b
    if b is None:
        return a
    return a if concern_rank(a) >= concern_rank(b) else b


def overall(right: Category | None, left: Category | None) -> Category | None:
    """Overall result of an exam: the more concerning side (``None`` if neither was assessed)."""
    return worst(right, left)


def is_suspicious(category: Category | None) -> bool:
    """True for 4, 4A, 4B, 4C and 5: categories whose management is a biopsy."""
    return category in SUSPICIOUS


class Direction(StrEnum):
    """How a category moved between two exams, in the order of concern."""

    UP = "up"
    DOWN = "down"
    SAME = "same"


def category_direction(before: Category, after: Category) -> Direction:
    """Whether ``after`` is more (up) or less (down) concerning than ``before``.

    Follows the order of concern, not the number: 2 -> 0 is up, 3 -> 0 is down.
    """
    rank_before, rank_after = concern_rank(before), concern_rank(after)
    if rank_after > rank_before:
        return Direction.UP
    if rank_after < rank_before:
        return Direction.DOWN
    return Direction.SAME


DENSITY_WORDING: dict[Density, str] = {
    Density.A: "almost entirely fatty",
    Density.B: "scattered areas of fibroglandular density",
    Density.C: "heterogeneously dense, which may obscure small masses",
    Density.D: "extremely dense, which lowers the sensitivity of mammography",
}


def is_dense(density: Density | None) -> bool:
    """True for "dense breasts": composition c or d."""
    return density in (Density.C, Density.D)
