"""The hanging protocol: which image of a study takes each light-box slot, and which prior.

Four slots, R CC | L CC over R MLO | L MLO. Each slot takes the best viewable image of its
side and view whose kind may hang (:func:`mammolog.domain.image_kinds.may_hang`): a 2D
mammogram, else a synthesized 2D view, else a tomosynthesis volume shown at its middle
slice; among equals the latest (highest instance number). Every other candidate of the slot
stays available to cycle through; extra views (magnification, spot), quality-control and
vendor-locked objects never take a slot.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mammolog.domain.image_kinds import KIND_WORDS, ImageKind, hanging_rank, may_hang

#: The slots in screen order: (side, view).
SLOTS: tuple[tuple[str, str], ...] = (("R", "CC"), ("L", "CC"), ("R", "MLO"), ("L", "MLO"))


@dataclass(frozen=True)
class HangCandidate:
    """What the protocol needs to know of one image."""

    key: str
    laterality: str
    view: str
    view_modifiers: tuple[str, ...]
    kind: ImageKind
    viewable: bool
    instance_number: int | None = None
    frames: int = 1


def slot_name(laterality: str, view: str) -> str:
    """ "R CC"."""
    return f"{laterality} {view}"


def slot_candidates(
    images: Iterable[HangCandidate], laterality: str, view: str
) -> tuple[HangCandidate, ...]:
    """The images that may take this slot, best first; ones that cannot be shown come last
    (and fill the slot only when nothing else does, so it can say why)."""
    matches = [
        image for image in images
        if image.laterality.upper() == laterality and image.view.upper() == view
        and may_hang(image.kind, image.view_modifiers)
    ]  # fmt: skip
    matches.sort(
        key=lambda image: (
            not image.viewable,
            hanging_rank(image.kind),
            -(image.instance_number or 0),
        )
    )
    return tuple(matches)


def hang(images: Sequence[HangCandidate]) -> dict[str, tuple[HangCandidate, ...]]:
    """Every slot's candidates, best first (an empty tuple when the study has none)."""
    return {slot_name(side, view): slot_candidates(images, side, view) for side, view in SLOTS}


def starting_frame(candidate: HangCandidate) -> int:
    """The frame a slot opens on: the middle slice of a tomosynthesis volume, else the first."""
    if candidate.kind is ImageKind.TOMOSYNTHESIS and candidate.frames > 1:
        return candidate.frames // 2
    return 0


def shown_as(candidate: HangCandidate) -> str:
    """What the slot says it shows: "2D mammogram", "synthesized 2D", "tomosynthesis (3D)"."""
    return KIND_WORDS[candidate.kind]


def same_kind_and_view(
    image: HangCandidate, images: Iterable[HangCandidate]
) -> HangCandidate | None:
    """In another exam, the image to compare ``image`` with: same side, view and kind.

    Falls back to the best image hung in that slot when no image of the same kind exists
    (a 2D prior for a synthesized 2D current); ``None`` when the exam lacks the view.
    """
    candidates = [
        c for c in slot_candidates(images, image.laterality.upper(), image.view.upper())
        if c.viewable
    ]  # fmt: skip
    same = [c for c in candidates if c.kind is image.kind]
    if same:
        return same[0]
    return candidates[0] if candidates else None
