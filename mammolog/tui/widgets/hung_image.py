"""An image of the light box: keys belong to the screen, the wheel steps through slices."""

from __future__ import annotations

from textual import events
from textual.message import Message

from mammolog.tui.widgets.mammo_image import MammoImage


class HungImage(MammoImage, inherit_bindings=False):
    """A :class:`MammoImage` whose keys are left to the hosting screen.

    One key press is then handled once, by the screen, which sets the same zoom and pan on
    every image. On a multi-frame image (``frames`` > 1) the mouse wheel steps through the
    slices instead of zooming.
    """

    frames = 1

    class FrameScroll(Message):
        """The wheel turned over a multi-frame image: ``step`` is +1 (down) or -1 (up)."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        if self.frames > 1:
            event.stop()
            self.post_message(self.FrameScroll(-1))
            return
        super().on_mouse_scroll_up(event)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        if self.frames > 1:
            event.stop()
            self.post_message(self.FrameScroll(1))
            return
        super().on_mouse_scroll_down(event)
