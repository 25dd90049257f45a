"""A mammogram view: an 8-bit grayscale picture with zoom, pan and a caption.

The widget never decodes anything: it is handed a rendered PIL image (see
:func:`mammolog.dicom.pixels.render_preview` and :class:`mammolog.services.previews.PreviewCache`)
and only crops and scales it for the cells it occupies. It draws with the terminal's best
graphics protocol through textual-image (Kitty graphics protocol or Sixel) and otherwise with
Unicode half blocks (two grey pixels per cell). Pixels are never mirrored: the hanging protocol
places images and sets ``align`` so each breast sits against the midline.

A hosting screen (``yield MammoImage(caption="R CC  2024-03-01", align="right", id="rcc")``)
decodes in a thread worker and hands the result over::

    @work(thread=True, exclusive=True, group="preview-rcc")
    def load_preview(self, path: Path, uid: str) -> None:
        try:
            preview = self.app.preview_cache.get_or_render(path, uid, 1280, 800)
        except (PixelDecodeError, PreviewCacheError) as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        view = self.query_one("#rcc", MammoImage)
        self.app.call_from_thread(setattr, view, "image", preview.image)

Import this module before ``App.run()``: textual-image asks the terminal about graphics
support and cell size when it is first imported, which is impossible once Textual owns it.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from PIL import Image
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from mammolog.tui.widgets.viewport import MIN_ZOOM, Align, HalfBlockView, compose_viewport

__all__ = [
    "MAX_ZOOM",
    "MIN_ZOOM",
    "PAN_STEP",
    "ZOOM_STEP",
    "Align",
    "MammoImage",
    "RenderMode",
    "compose_viewport",
    "graphics_protocol",
]

RenderMode = Literal["auto", "graphics", "halfblock"]

MAX_ZOOM = 16.0
ZOOM_STEP = 1.25
PAN_STEP = 0.1
_DEFAULT_CELL = (10, 20)
_MAX_GRAPHICS_WIDTH = 2560


def _probe_terminal() -> tuple[str | None, tuple[int, int], type[Widget] | None]:
    """Graphics protocol, cell size in pixels and textual-image's widget class.

    textual-image asks the terminal about graphics support and cell size when first imported;
    that has to happen at import time, before Textual takes over the terminal.
    """
    try:
        from textual_image._terminal import get_cell_size
        from textual_image.renderable import Image as auto_renderable
        from textual_image.renderable import SixelImage, TGPImage
        from textual_image.widget import Image as graphics_widget
    except Exception:  # textual-image missing or the terminal query failed: half blocks only
        return None, _DEFAULT_CELL, None
    protocol = {TGPImage: "kitty", SixelImage: "sixel"}.get(auto_renderable)
    cell = _DEFAULT_CELL
    try:
        size = get_cell_size()
        if size.width > 0 and size.height > 0:
            cell = (int(size.width), int(size.height))
    except Exception:  # unknown terminal: assume a common cell size
        pass
    return protocol, cell, graphics_widget


_PROTOCOL, _CELL_PIXELS, _GRAPHICS_WIDGET = _probe_terminal()


def graphics_protocol() -> str | None:
    """The graphics protocol found at import ("kitty" or "sixel"), or ``None``."""
    return _PROTOCOL


class MammoImage(Widget, can_focus=True):
    """One mammogram on screen, with zoom, pan, a caption and midline alignment.

    Set ``image`` to an already rendered PIL image (mode "L" preferred); ``None`` shows the
    ``placeholder`` text. ``zoom`` is 1 (whole image) to 16; ``pan_x`` and ``pan_y`` are the
    point of the image shown at the centre, as fractions of its width and height.
    """

    DEFAULT_CSS = """
    MammoImage {
        width: 1fr;
        height: 1fr;
        /* black like a light box, matching the picture's own surround */
        background: black;
        layout: vertical;
    }
    MammoImage:focus > .mammo-image--caption { background: $accent; }
    MammoImage > .mammo-image--caption {
        height: 1;
        width: 1fr;
        padding: 0 1;
        background: $panel;
        color: $text;
        text-style: bold;
    }
    MammoImage > .mammo-image--placeholder {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign", "zoom_in", "Zoom in", tooltip="Magnify the image", id="image.zoom_in"),
        Binding("minus", "zoom_out", "Zoom out", tooltip="Show more of the image", id="image.zoom_out"),
        Binding("0", "reset_view", "Fit", tooltip="Show the whole image", id="image.fit"),
        Binding("left", "pan(-1, 0)", "Pan", show=False, tooltip="Move left", id="image.pan_left"),
        Binding("right", "pan(1, 0)", "Pan", show=False, tooltip="Move right", id="image.pan_right"),
        Binding("up", "pan(0, -1)", "Pan", show=False, tooltip="Move up", id="image.pan_up"),
        Binding("down", "pan(0, 1)", "Pan", show=False, tooltip="Move down", id="image.pan_down"),
    ]  # fmt: skip

    zoom: reactive[float] = reactive(1.0)
    pan_x: reactive[float] = reactive(0.5)
    pan_y: reactive[float] = reactive(0.5)
    caption: reactive[str] = reactive("")
    align: reactive[Align] = reactive[Align]("center")

    class ViewChanged(Message):
        """The zoom or pan changed (lets a compare screen move two images together)."""

        def __init__(self, view: MammoImage, zoom: float, pan_x: float, pan_y: float) -> None:
            super().__init__()
            self.view = view
            self.zoom = zoom
            self.pan_x = pan_x
            self.pan_y = pan_y

        @property
        def control(self) -> MammoImage:
            """The image view that changed."""
            return self.view

    def __init__(
        self,
        image: Image.Image | None = None,
        *,
        caption: str = "",
        align: Align = "center",
        mode: RenderMode = "auto",
        placeholder: str = "No image",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._image = image
        self._placeholder = placeholder
        protocol = graphics_protocol() if mode != "halfblock" else None
        graphics = _GRAPHICS_WIDGET is not None and (mode == "graphics" or protocol is not None)
        self.render_mode: Literal["graphics", "halfblock"] = "graphics" if graphics else "halfblock"
        self.set_reactive(MammoImage.caption, caption)
        self.set_reactive(MammoImage.align, align)
        self._viewport: Image.Image | None = None
        self._drag_start: tuple[int, int, float, float] | None = None
        self._redraw_pending = False

    @property
    def image(self) -> Image.Image | None:
        """The picture shown (the rendered preview)."""
        return self._image

    @image.setter
    def image(self, value: Image.Image | None) -> None:
        self._image = value
        self._redraw()

    @property
    def viewport(self) -> Image.Image | None:
        """The picture as last drawn, at the resolution of the drawing method."""
        return self._viewport

    def compose(self) -> ComposeResult:
        yield Static(self.caption, classes="mammo-image--caption", markup=False)
        yield Static(self._placeholder, classes="mammo-image--placeholder", markup=False)
        if self.render_mode == "graphics" and _GRAPHICS_WIDGET is not None:
            view: Widget = _GRAPHICS_WIDGET(classes="mammo-image--view")
            view.styles.width = "1fr"
            view.styles.height = "1fr"
        else:
            view = HalfBlockView()
            view.add_class("mammo-image--view")
        yield view

    def on_mount(self) -> None:
        self._show_caption()
        self._redraw()

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._redraw)

    def validate_zoom(self, zoom: float) -> float:
        return min(max(float(zoom), MIN_ZOOM), MAX_ZOOM)

    def validate_pan_x(self, pan: float) -> float:
        return min(max(float(pan), 0.0), 1.0)

    validate_pan_y = validate_pan_x

    def watch_zoom(self) -> None:
        self._view_changed()

    watch_pan_x = watch_pan_y = watch_zoom

    def watch_align(self) -> None:
        self._redraw()

    def watch_caption(self) -> None:
        self._show_caption()
        self._redraw()

    def set_view(self, zoom: float, pan_x: float, pan_y: float) -> None:
        """Show this zoom and pan without announcing it (a host moving images together).

        Changes made here post no :class:`ViewChanged`, so a screen that follows one image
        with the others never hears its own changes back.
        """
        self.set_reactive(MammoImage.zoom, self.validate_zoom(zoom))
        self.set_reactive(MammoImage.pan_x, self.validate_pan_x(pan_x))
        self.set_reactive(MammoImage.pan_y, self.validate_pan_y(pan_y))
        self._schedule_redraw()

    def action_zoom_in(self) -> None:
        """Magnify by one step around the current centre."""
        self.zoom = self.zoom * ZOOM_STEP

    def action_zoom_out(self) -> None:
        """Step back out; at zoom 1 the whole image shows."""
        self.zoom = self.zoom / ZOOM_STEP

    def action_reset_view(self) -> None:
        """Show the whole image again."""
        self.zoom, self.pan_x, self.pan_y = 1.0, 0.5, 0.5

    def action_pan(self, dx: int, dy: int) -> None:
        """Move the view by a tenth of the visible part."""
        self.pan_x = self.pan_x + dx * PAN_STEP / self.zoom
        self.pan_y = self.pan_y + dy * PAN_STEP / self.zoom

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.action_zoom_in()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.action_zoom_out()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if self._image is not None and self.zoom > MIN_ZOOM:
            self._drag_start = (event.screen_x, event.screen_y, self.pan_x, self.pan_y)
            self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_start is None or self._image is None:
            return
        start_x, start_y, pan_x, pan_y = self._drag_start
        per_cell_x, per_cell_y = self._pan_per_cell()
        # The picture follows the pointer: moving right shows more of the left side.
        self.pan_x = pan_x - (event.screen_x - start_x) * per_cell_x
        self.pan_y = pan_y - (event.screen_y - start_y) * per_cell_y

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_start is not None:
            self._drag_start = None
            self.release_mouse()

    def _pan_per_cell(self) -> tuple[float, float]:
        """How far (as a fraction of the image) one cell of pointer movement pans."""
        assert self._image is not None
        cells = self._view_cells()
        width, height = self._view_pixels(cells)
        image_width, image_height = self._image.size
        scale = min(width / image_width, height / image_height) * self.zoom
        return (
            width / max(cells.width, 1) / (scale * image_width),
            height / max(cells.height, 1) / (scale * image_height),
        )

    def _schedule_redraw(self) -> None:
        if not self._redraw_pending:  # zoom and pan often change together: draw once
            self._redraw_pending = True
            self.call_after_refresh(self._redraw)

    def _view_changed(self) -> None:
        self._schedule_redraw()
        self.post_message(self.ViewChanged(self, self.zoom, self.pan_x, self.pan_y))

    def _show_caption(self) -> None:
        if not self.is_mounted:
            return
        caption = self.query_one(".mammo-image--caption", Static)
        caption.update(self.caption)
        caption.display = bool(self.caption)

    def _redraw(self) -> None:
        self._redraw_pending = False
        if not self.is_mounted:
            return
        placeholder = self.query_one(".mammo-image--placeholder", Static)
        view = self.query_one(".mammo-image--view", Widget)
        placeholder.display = self._image is None
        view.display = self._image is not None
        if self._image is None:
            self._viewport = None
            return
        cells = self._view_cells()
        if cells.width < 1 or cells.height < 1:
            return
        width, height = self._view_pixels(cells)
        self._viewport = compose_viewport(
            self._image, width, height, zoom=self.zoom, pan_x=self.pan_x, pan_y=self.pan_y,
            align=self.align,
        )  # fmt: skip
        if isinstance(view, HalfBlockView):
            view.show(self._viewport)
        else:
            view.image = self._viewport  # type: ignore[attr-defined]

    def _view_pixels(self, cells: Size) -> tuple[int, int]:
        """The picture size in pixels for the drawing method."""
        if self.render_mode == "graphics":
            cell_width, cell_height = _CELL_PIXELS
            width = min(cells.width * cell_width, _MAX_GRAPHICS_WIDTH)
            height = round(width * cells.height * cell_height / max(cells.width * cell_width, 1))
            return max(width, 1), max(height, 1)
        return cells.width, cells.height * 2

    def _view_cells(self) -> Size:
        size = self.content_size
        caption_rows = 1 if self.caption else 0
        return Size(size.width, max(0, size.height - caption_rows))
