"""Where a finding is: clock face and quadrants, and when two locations are "the same place".

The clock face is read as the radiologist faces the woman, so 9 o'clock is the outer side
of the right breast and the inner side of the left. Hours on a quadrant boundary (12, 3, 6,
9) belong to both neighbouring quadrants.

Two locations are close enough to be the same finding when:

* both are clock hours at most one hour apart (12 and 1 are one hour apart);
* a clock hour lies in (or on the boundary of) the other's quadrant;
* the quadrants are equal; the axillary tail counts as part of the upper outer quadrant;
  subareolar and central count as the same place;
* either location is unknown (nothing recorded), or one is a clock hour and the other
  subareolar / central: the finding may be the same, and it is matched only when no better
  candidate exists (see :mod:`mammolog.domain.findings`).
"""

from __future__ import annotations

from mammolog.domain.lexicon import Quadrant, Side

# Clock hours of each quadrant, right breast (viewer facing the woman).
_RIGHT_QUADRANT_HOURS: dict[Quadrant, frozenset[int]] = {
    Quadrant.UOQ: frozenset({9, 10, 11, 12}),
    Quadrant.UIQ: frozenset({12, 1, 2, 3}),
    Quadrant.LIQ: frozenset({3, 4, 5, 6}),
    Quadrant.LOQ: frozenset({6, 7, 8, 9}),
}


def _mirror(hour: int) -> int:
    """The same anatomical place on the other breast: 2 o'clock left = 10 o'clock right."""
    return (12 - hour) % 12 or 12


def quadrant_hours(quadrant: Quadrant, side: Side) -> frozenset[int]:
    """Clock hours inside ``quadrant`` of the ``side`` breast (empty for central places)."""
    hours = _RIGHT_QUADRANT_HOURS.get(
        Quadrant.UOQ if quadrant is Quadrant.AXILLARY_TAIL else quadrant, frozenset()
    )
    if side is Side.LEFT:
        return frozenset(_mirror(h) for h in hours)
    if side is Side.BOTH:
        return hours | frozenset(_mirror(h) for h in hours)
    return hours


def clock_in_quadrant(hour: int, quadrant: Quadrant, side: Side) -> bool:
    """Whether a clock hour is consistent with a quadrant on that side.

    Subareolar, central and axillary-tail locations accept any hour (they are given
    together with a clock hour in some reports).
    """
    if quadrant in (Quadrant.SUBAREOLAR, Quadrant.CENTRAL, Quadrant.AXILLARY_TAIL):
        return True
    return hour in quadrant_hours(quadrant, side)


def clock_distance(a: int, b: int) -> int:
    """Hours between two clock positions, the short way round (12 and 1 are 1 apart)."""
    diff = abs(a - b) % 12
    return min(diff, 12 - diff)


def _same_area(a: Quadrant, b: Quadrant) -> bool:
    central = {Quadrant.SUBAREOLAR, Quadrant.CENTRAL}
    upper_outer = {Quadrant.UOQ, Quadrant.AXILLARY_TAIL}
    return a is b or {a, b} <= central or {a, b} <= upper_outer


def location_score(
    side: Side | None,
    a: tuple[Quadrant | None, int | None],
    b: tuple[Quadrant | None, int | None],
) -> int:
    """How well two locations match: 3 same place, 2 close, 1 unknown, 0 different."""
    (quad_a, clock_a), (quad_b, clock_b) = a, b
    if (quad_a, clock_a) == (quad_b, clock_b):
        return 3 if quad_a is not None or clock_a is not None else 1
    if clock_a is not None and clock_b is not None:
        return 2 if clock_distance(clock_a, clock_b) <= 1 else 0
    if quad_a is not None and quad_b is not None:
        return 2 if _same_area(quad_a, quad_b) else 0
    if side is not None:
        if clock_a is not None and quad_b is not None:
            return _hour_score(clock_a, quad_b, side)
        if clock_b is not None and quad_a is not None:
            return _hour_score(clock_b, quad_a, side)
    return 1


def _hour_score(hour: int, quadrant: Quadrant, side: Side) -> int:
    if quadrant in (Quadrant.SUBAREOLAR, Quadrant.CENTRAL):
        return 1  # a central place has no clock hour: cannot tell
    return 2 if hour in quadrant_hours(quadrant, side) else 0
