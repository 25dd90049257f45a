"""The zoom, pan and display window of the images screen: one view state for every cell.

Zoom and pan move every image together (keys, or the mouse on one image); the window keys
widen or narrow each shown image's window, and ``0`` goes back to the file's own. The
subclass (:class:`mammolog.tui.screens.images.ImagesScreen`) says which widgets are shown
and decodes them again when a window changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import Static

from mammolog.dicom.voi import Window
from mammolog.tui.screens.base import MammologScreen
from mammolog.tui.screens.images_plan import Cell
from mammolog.tui.widgets.mammo_image import MAX_ZOOM, MIN_ZOOM, PAN_STEP, ZOOM_STEP, MammoImage

WINDOW_STEP = 1.25


class ImageViewScreen(MammologScreen):
    """A screen of mammogram cells that zoom, pan and window together."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[str, Cell] = {}
        self.windows: dict[str, Window | None] = {}  # the window each cell shows
        self.user_windows: set[str] = set()  # cells whose window the user set (w, s)
        self.view_state: tuple[float, float, float] = (1.0, 0.5, 0.5)

    def _widgets(self) -> Sequence[MammoImage]:
        """The image widgets of the screen (shown or not)."""
        raise NotImplementedError

    def _render_all(self) -> None:
        """Decode every shown cell again (with the windows set)."""
        raise NotImplementedError

    def on_mammo_image_view_changed(self, message: MammoImage.ViewChanged) -> None:
        """Move the other images with the one that was zoomed or panned with the mouse."""
        self.view_state = (message.zoom, message.pan_x, message.pan_y)
        for widget in self._widgets():
            if widget is not message.view:
                widget.set_view(*self.view_state)

    def _set_view(self, zoom: float, pan_x: float, pan_y: float) -> None:
        """One zoom and pan for every image; the widgets post nothing back."""
        zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        self.view_state = (zoom, min(max(pan_x, 0.0), 1.0), min(max(pan_y, 0.0), 1.0))
        for widget in self._widgets():
            widget.set_view(*self.view_state)

    def action_zoom_in(self) -> None:
        """Enlarge every image."""
        zoom, pan_x, pan_y = self.view_state
        self._set_view(zoom * ZOOM_STEP, pan_x, pan_y)

    def action_zoom_out(self) -> None:
        """Shrink every image."""
        zoom, pan_x, pan_y = self.view_state
        self._set_view(zoom / ZOOM_STEP, pan_x, pan_y)

    def action_pan(self, dx: int, dy: int) -> None:
        """Move every image by a tenth of what shows."""
        zoom, pan_x, pan_y = self.view_state
        self._set_view(zoom, pan_x + dx * PAN_STEP / zoom, pan_y + dy * PAN_STEP / zoom)

    def action_reset_view(self) -> None:
        """The file's own window, whole images."""
        self._set_view(1.0, 0.5, 0.5)
        if self.user_windows:
            self.user_windows.clear()
            self.windows = dict.fromkeys(self.windows)
            self._render_all()

    def action_window_wider(self) -> None:
        """Less contrast."""
        self._scale_windows(WINDOW_STEP)

    def action_window_narrower(self) -> None:
        """More contrast."""
        self._scale_windows(1 / WINDOW_STEP)

    def _scale_windows(self, factor: float) -> None:
        adjustable = {
            cell_id: window
            for cell_id in self.cells
            if (window := self.windows.get(cell_id)) is not None
        }
        if not adjustable:
            self.notify("These images have no window to adjust.", timeout=3)
            return
        for cell_id, window in adjustable.items():
            self.windows[cell_id] = Window(window.center, max(window.width * factor, 1.0))
            self.user_windows.add(cell_id)
        self._render_all()
        first = next(iter(adjustable))
        shown = self.windows[first]
        assert shown is not None
        self.query_one("#images-status", Static).update(
            f"Window centre {shown.center:.0f}, width {shown.width:.0f}.  0: back to the file's window"
        )
