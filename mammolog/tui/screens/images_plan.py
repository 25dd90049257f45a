"""What each cell of the images screen shows, worked out from the light box and the choices.

Kept apart from the screen so the rules (which slot image, which prior, which views compare
steps through) read in one place; the screen only keeps the choices and presents the cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mammolog.domain.hanging import SLOTS, slot_name
from mammolog.domain.image_kinds import KIND_WORDS, ImageKind
from mammolog.services.images import ImageEntry, LightBox, StudyImages

SLOT_NAMES = tuple(slot_name(side, view) for side, view in SLOTS)


@dataclass(frozen=True)
class Cell:
    """What one cell shows: an image of a study at a frame, or a message."""

    slot: str
    study: StudyImages | None
    image: ImageEntry | None
    frame: int = 0
    message: str = ""


@dataclass
class Choices:
    """What the user chose on the screen: the mode, the view compared, the prior, cycling."""

    mode: str = "hanging"  # "hanging", "compare" or "single"
    compare_view: int = 0
    prior_pick: int | None = None  # index into LightBox.earlier; None: the default prior
    single: ImageEntry | None = None
    slot_choice: dict[str, int] = field(default_factory=dict)


def caption(cell: Cell) -> str:
    """ "R MLO  2025-03-04 · slice 5 / 9 · tomosynthesis (3D)" (what matters most first)."""
    if cell.study is None:
        return cell.slot
    if cell.image is None:
        return f"{cell.slot}  {cell.study.day}"
    label = cell.image.label or cell.slot
    text = f"{label}  {cell.study.day}"
    if cell.image.frames > 1:
        unit = "slice" if cell.image.kind is ImageKind.TOMOSYNTHESIS else "frame"
        text += f" · {unit} {cell.frame + 1} / {cell.image.frames}"
    return f"{text} · {KIND_WORDS[cell.image.kind]}"


def list_line(image: ImageEntry) -> str:
    """One line of the list of every image: "6. L CC (magnification) · 2D mammogram"."""
    frames = f" · {image.frames} frames" if image.frames > 1 else ""
    where = f" · in {image.hung}" if image.hung else ""
    shown = "" if image.viewable else f" · not shown: {image.reason}"
    return f"{image.number}. {image.label or '-'} · {KIND_WORDS[image.kind]}{frames}{where}{shown}"


def slot_image(study: StudyImages, name: str, choices: Choices) -> ImageEntry | None:
    """The image a slot shows, after the user cycled through its candidates."""
    images = study.slot(name).images
    return images[choices.slot_choice.get(name, 0) % len(images)] if images else None


def prior_study(box: LightBox, image: ImageEntry | None, choices: Choices) -> StudyImages | None:
    """The earlier exam compared with: the one picked, else the newest with this image's view
    and kind, else the newest earlier exam."""
    if not box.earlier:
        return None
    if choices.prior_pick is not None:
        return box.earlier[choices.prior_pick % len(box.earlier)]
    found = box.default_prior(image) if image is not None else None
    return found or box.earlier[0]


def _start(image: ImageEntry | None) -> int:
    return image.start_frame if image is not None else 0


def _message(image: ImageEntry | None, missing: str) -> str:
    """The text a cell shows instead of a picture (empty when a picture is coming)."""
    if image is None:
        return missing
    return "" if image.viewable else f"Cannot show this image: {image.reason}"


def plan(box: LightBox, choices: Choices) -> list[Cell]:
    """The cells for the chosen mode: four slots, one image, or prior beside current."""
    current = box.current
    if choices.mode == "single" and choices.single is not None:
        single = choices.single
        message = _message(single, "")
        return [Cell(single.label or "image", current, single, single.start_frame, message)]
    if choices.mode == "compare":
        name = SLOT_NAMES[choices.compare_view]
        shown = slot_image(current, name, choices)
        prior = prior_study(box, shown, choices)
        prior_image = box.prior_image(shown, prior) if shown and prior else None
        missing = "No earlier exam" if prior is None else f"{name}: not in that exam"
        return [
            Cell(name, prior, prior_image, _start(prior_image), _message(prior_image, missing)),
            Cell(
                name, current, shown, _start(shown), _message(shown, f"{name}: not in this study")
            ),
        ]
    cells = []
    for name in SLOT_NAMES:
        shown = slot_image(current, name, choices)
        missing = f"{name}: not in this study"
        cells.append(Cell(name, current, shown, _start(shown), _message(shown, missing)))
    return cells


def compare_views(box: LightBox, choices: Choices) -> list[int]:
    """The views compare steps through: those both exams have, else those this one has."""
    here = [i for i, name in enumerate(SLOT_NAMES) if box.current.slot(name).shown]
    both = []
    for index in here:
        shown = slot_image(box.current, SLOT_NAMES[index], choices)
        prior = prior_study(box, shown, choices)
        if shown is not None and prior is not None and box.prior_image(shown, prior):
            both.append(index)
    return both or here


def status_text(box: LightBox, cells: list[Cell], choices: Choices) -> str:
    """The line above the images: what is shown and the keys that change it."""
    current = box.current
    if choices.mode == "compare":
        prior = cells[0].study
        if prior is None:
            return "Compare: there is no earlier study with images for this person."
        position = box.earlier.index(prior) + 1
        return (
            f"Compare {cells[1].slot}: {prior.day} (left, exam {position} of "
            f"{len(box.earlier)} earlier) and {current.day} (right).  v: view  p: prior"
        )
    objects = f"{len(current.images)} object{'' if len(current.images) == 1 else 's'}"
    if choices.mode == "single":
        if not any(slot.shown for slot in current.slots):
            return f"{current.day} · {objects}; none fits the four views.  o: every image"
        return f"{current.day}: one image.  Escape: back to the four views"
    says = "; ".join(slot.says() for slot in current.slots if slot.shown is not None)
    return (
        f"{current.day} · {current.institution or 'centre not recorded'} · "
        f"{objects}.  {says or 'No image fits the four views.'}"
    )
