"""What a mammogram view draws in its cells: the picture seen at a zoom and pan, and the
Unicode half-block drawing used when the terminal has no graphics protocol.

Pure drawing, no state of the view: :class:`~mammolog.tui.widgets.mammo_image.MammoImage`
holds the zoom, pan and caption and calls these.
"""

from __future__ import annotations

from typing import Literal

from PIL import Image
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

__all__ = ["Align", "HalfBlockView", "MIN_ZOOM", "compose_viewport"]

Align = Literal["left", "center", "right"]

MIN_ZOOM = 1.0
_UPPER_HALF = "\u2580"


def compose_viewport(
    image: Image.Image,
    width: int,
    height: int,
    *,
    zoom: float = 1.0,
    pan_x: float = 0.5,
    pan_y: float = 0.5,
    align: Align = "center",
) -> Image.Image:
    """The ``width`` x ``height`` picture of ``image`` as seen at this zoom and pan.

    Zoom 1 fits the whole image in the box; higher zooms magnify around (``pan_x``, ``pan_y``),
    the point of the image (as fractions of its width and height) placed at the centre, kept
    inside the image. Where the image does not cover the box it is placed by ``align``
    horizontally and centred vertically on black.
    """
    width, height = max(1, width), max(1, height)
    source = image if image.mode == "L" else image.convert("L")
    image_width, image_height = source.size
    scale = min(width / image_width, height / image_height) * max(zoom, MIN_ZOOM)
    seen_width, seen_height = width / scale, height / scale
    fraction = {"left": 0.0, "center": 0.5, "right": 1.0}[align]
    left = _visible_start(image_width, seen_width, pan_x, fraction)
    top = _visible_start(image_height, seen_height, pan_y, 0.5)
    box = (max(0.0, left), max(0.0, top))
    box_end = (
        min(float(image_width), left + seen_width),
        min(float(image_height), top + seen_height),
    )
    canvas = Image.new("L", (width, height), 0)
    out_x, out_y = round((box[0] - left) * scale), round((box[1] - top) * scale)
    out_w = min(width - out_x, max(1, round((box_end[0] - box[0]) * scale)))
    out_h = min(height - out_y, max(1, round((box_end[1] - box[1]) * scale)))
    if out_w > 0 and out_h > 0:
        part = source.resize(
            (out_w, out_h), Image.Resampling.BILINEAR, box=(*box, *box_end), reducing_gap=2.0
        )
        canvas.paste(part, (out_x, out_y))
    return canvas


def _visible_start(length: int, seen: float, pan: float, fraction: float) -> float:
    """Image coordinate of the first visible pixel along one axis."""
    if seen >= length:
        return (length - seen) * fraction  # the whole axis shows; place it in the box
    centre = min(max(pan * length, seen / 2), length - seen / 2)
    return centre - seen / 2


class HalfBlockView(Widget):
    """Draws a grayscale picture with upper-half blocks: foreground top pixel, background bottom."""

    DEFAULT_CSS = """
    HalfBlockView { width: 1fr; height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.picture: Image.Image | None = None
        self._strips: list[Strip] = []
        self._styles: dict[tuple[int, int], Style] = {}

    def show(self, picture: Image.Image | None) -> None:
        """Replace the picture (already sized to the widget: width x 2*height pixels)."""
        self.picture = picture
        self._strips = self._build_strips(picture) if picture is not None else []
        self.refresh()

    def render_line(self, y: int) -> Strip:
        if 0 <= y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.size.width, self.rich_style)

    def _style(self, top: int, bottom: int) -> Style:
        style = self._styles.get((top, bottom))
        if style is None:
            style = Style.parse(f"rgb({top},{top},{top}) on rgb({bottom},{bottom},{bottom})")
            self._styles[(top, bottom)] = style
        return style

    def _build_strips(self, picture: Image.Image) -> list[Strip]:
        width, height = picture.size
        data = picture.tobytes()
        strips: list[Strip] = []
        for row in range(0, height - 1, 2):
            upper = data[row * width : (row + 1) * width]
            lower = data[(row + 1) * width : (row + 2) * width]
            segments: list[Segment] = []
            run_start = 0
            for column in range(1, width + 1):
                if column == width or (upper[column], lower[column]) != (
                    upper[run_start],
                    lower[run_start],
                ):
                    style = self._style(upper[run_start], lower[run_start])
                    segments.append(Segment(_UPPER_HALF * (column - run_start), style))
                    run_start = column
            strips.append(Strip(segments, width))
        return strips
