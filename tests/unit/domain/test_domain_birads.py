"""Categories, order of concern, worst side and density wording."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

from mammolog.domain.birads import (
    CATEGORY_INFO,
    CONCERN_ORDER,
    DENSITY_WORDING,
    Direction,
    category_direction,
    concern_rank,
    is_dense,
    is_suspicious,
    overall,
    worst,
)
from mammolog.domain.lexicon import Category, Density

C = Category


@pytest.mark.parametrize(
    ("category", "name", "likelihood"),
    [
        (C.C0, "Incomplete: needs additional imaging and/or prior mammograms", "n/a"),
        (C.C1, "Negative", "essentially 0%"),
        (C.C2, "Benign", "essentially 0%"),
        (C.C3, "Probably benign", ">0% to ≤2%"),
        (C.C4, "Suspicious", ">2% to <95%"),
        (C.C4A, "Low suspicion", ">2% to ≤10%"),
        (C.C4B, "Moderate suspicion", ">10% to ≤50%"),
        (C.C4C, "High suspicion", ">50% to <95%"),
        (C.C5, "Highly suggestive of malignancy", "≥95%"),
        (C.C6, "Known biopsy-proven malignancy", "n/a"),
    ],
)
def test_every_category_has_its_fifth_edition_name_and_risk(
    category: Category, name: str, likelihood: str
) -> None:
    info = CATEGORY_INFO[category]
    assert (info.category, info.name, info.likelihood) == (category, name, likelihood)
    assert info.management


def test_order_of_concern_is_the_documented_one() -> None:
    expected = ["1", "2", "0", "3", "4", "4A", "4B", "4C", "5", "6"]
    assert [c.value for c in CONCERN_ORDER] == expected
    assert sorted(Category, key=concern_rank) == [Category(v) for v in expected]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (C.C1, C.C2, C.C2),
        (C.C2, C.C0, C.C0),
        (C.C0, C.C3, C.C3),
        (C.C3, C.C4, C.C4),
        (C.C4, C.C4A, C.C4A),
        (C.C4A, C.C4B, C.C4B),
        (C.C4B, C.C4C, C.C4C),
        (C.C4C, C.C5, C.C5),
        (C.C5, C.C6, C.C6),
        (C.C1, C.C6, C.C6),
        (C.C2, C.C2, C.C2),
    ],
)
def test_worst_picks_the_more_concerning_either_way_round(
    a: Category, b: Category, expected: Category
) -> None:
    assert worst(a, b) is expected
    assert worst(b, a) is expected


def test_missing_side_loses_to_any_category() -> None:
    assert worst(None, C.C1) is C.C1
    assert worst(C.C0, None) is C.C0
    assert worst(None, None) is None
    assert overall(None, C.C4B) is C.C4B


def test_overall_is_the_worst_side_for_every_pair() -> None:
    for right, left in itertools.product(Category, repeat=2):
        result = overall(right, left)
        assert result in (right, left)
        assert concern_rank(result) == max(concern_rank(right), concern_rank(left))


@pytest.mark.parametrize(
    ("before", "after", "direction"),
    [
        (C.C2, C.C0, Direction.UP),
        (C.C1, C.C0, Direction.UP),
        (C.C3, C.C0, Direction.DOWN),
        (C.C0, C.C2, Direction.DOWN),
        (C.C4A, C.C4B, Direction.UP),
        (C.C5, C.C4C, Direction.DOWN),
        (C.C4, C.C4A, Direction.UP),
        (C.C4B, C.C4B, Direction.SAME),
        (C.C5, C.C6, Direction.UP),
    ],
)
def test_direction_follows_concern_not_number(
    before: Category, after: Category, direction: Direction
) -> None:
    assert category_direction(before, after) is direction


def test_suspicious_categories_are_those_managed_by_biopsy() -> None:
    assert {c for c in Category if is_suspicious(c)} == {C.C4, C.C4A, C.C4B, C.C4C, C.C5}
    assert not is_suspicious(None)


def test_dense_means_c_or_d() -> None:
    assert [d for d in Density if is_dense(d)] == [Density.C, Density.D]
    assert not is_dense(None)


def test_density_wording_is_fifth_edition() -> None:
    assert DENSITY_WORDING[Density.A] == "almost entirely fatty"
    assert DENSITY_WORDING[Density.B] == "scattered areas of fibroglandular density"
    assert DENSITY_WORDING[Density.C].startswith("heterogeneously dense")
    assert DENSITY_WORDING[Density.D].startswith("extremely dense")


def test_domain_imports_only_the_standard_library() -> None:
    code = (
        "import sys, mammolog.domain, mammolog.domain.render, mammolog.domain.serialise;"
        "bad = [m for m in ('pydicom', 'sqlmodel', 'sqlalchemy', 'textual', 'numpy')"
        " if m in sys.modules]; print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
