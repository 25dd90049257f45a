"""The mammogram view in a tiny app: half-block drawing, zoom, pan, caption, alignment."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest
from PIL import Image
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.widgets import Static

from mammolog.tui.widgets.mammo_image import MammoImage, compose_viewport


def left_dark_right_bright(width: int = 200, height: int = 400) -> Image.Image:
    """Black left half, white right half, and a grey square in the top-left corner."""
    pixels = np.zeros((height, width), np.uint8)
    pixels[:, width // 2 :] = 255
    pixels[: height // 8, : width // 8] = 128
    return Image.fromarray(pixels)


class ImageApp(App[None]):
    def __init__(self, image: Image.Image | None = None, caption: str = "") -> None:
        super().__init__()
        self.start_image = image
        self.start_caption = caption

    def compose(self) -> ComposeResult:
        yield MammoImage(self.start_image, caption=self.start_caption, mode="halfblock")


def colours(strip: Strip) -> set[tuple[int, int]]:
    """The (top, bottom) grey levels drawn on one line."""
    found = set()
    for segment in strip:
        style = segment.style
        if style is None or style.color is None or style.bgcolor is None:
            continue
        top = style.color.get_truecolor().red
        bottom = style.bgcolor.get_truecolor().red
        found.add((top, bottom))
    return found


def lines(view: MammoImage) -> list[Strip]:
    inner = view.query_one(".mammo-image--view")
    return [inner.render_line(y) for y in range(inner.size.height)]


def text_of(strip: Strip) -> str:
    return "".join(segment.text for segment in strip)


def test_half_blocks_show_the_picture_and_the_caption() -> None:
    asyncio.run(_half_blocks_show_the_picture_and_the_caption())


async def _half_blocks_show_the_picture_and_the_caption() -> None:
    app = ImageApp(left_dark_right_bright(), caption="R CC  2024-03-01")
    async with app.run_test(size=(60, 21)) as pilot:
        await pilot.pause()
        view = app.query_one(MammoImage)
        assert view.render_mode == "halfblock"
        caption = view.query_one(".mammo-image--caption", Static)
        assert caption.display and "R CC  2024-03-01" in str(caption.render())
        drawn = lines(view)
        assert len(drawn) == 20 and all(strip.cell_length == 60 for strip in drawn)
        assert set(text_of(drawn[10]).strip()) == {"\u2580"}
        middle = colours(drawn[10])
        assert (0, 0) in middle and (255, 255) in middle
        assert (128, 128) in colours(drawn[0])  # the grey corner at the top


def test_placeholder_until_an_image_arrives() -> None:
    asyncio.run(_placeholder_until_an_image_arrives())


async def _placeholder_until_an_image_arrives() -> None:
    app = ImageApp()
    async with app.run_test(size=(40, 12)) as pilot:
        view = app.query_one(MammoImage)
        placeholder = view.query_one(".mammo-image--placeholder", Static)
        assert placeholder.display and view.viewport is None
        view.image = left_dark_right_bright()
        await pilot.pause()
        assert not placeholder.display
        assert view.viewport is not None and view.viewport.size == (40, 24)


def test_zoom_and_pan_change_what_is_drawn() -> None:
    asyncio.run(_zoom_and_pan_change_what_is_drawn())


async def _zoom_and_pan_change_what_is_drawn() -> None:
    messages: list[MammoImage.ViewChanged] = []

    def keep(message: object) -> None:
        if isinstance(message, MammoImage.ViewChanged):
            messages.append(message)

    app = ImageApp(left_dark_right_bright())
    async with app.run_test(size=(40, 20), message_hook=keep) as pilot:
        view = app.query_one(MammoImage)
        view.focus()
        await pilot.pause()
        fitted = [text_of(s) + repr(colours(s)) for s in lines(view)]
        await pilot.press("plus", "plus", "plus", "plus", "plus")
        await pilot.pause()
        assert view.zoom == pytest.approx(1.25**5)
        zoomed = [text_of(s) + repr(colours(s)) for s in lines(view)]
        assert zoomed != fitted
        # Zoomed on the centre, the black/white boundary fills the view: no black margin.
        assert view.viewport is not None
        assert np.asarray(view.viewport)[:, 0].max() == 0
        assert np.asarray(view.viewport)[:, -1].min() == 255
        await pilot.press("left", "left", "left", "left", "left", "left")
        await pilot.pause()
        assert view.pan_x < 0.5
        panned = np.asarray(view.viewport)
        assert (panned == 0).mean() > 0.7  # mostly the dark half now (centred: half)
        await pilot.press("0")
        await pilot.pause()
        assert (view.zoom, view.pan_x, view.pan_y) == (1.0, 0.5, 0.5)
        assert [text_of(s) + repr(colours(s)) for s in lines(view)] == fitted
        assert messages and messages[-1].zoom == 1.0


def test_zoom_and_pan_are_clamped() -> None:
    asyncio.run(_zoom_and_pan_are_clamped())


async def _zoom_and_pan_are_clamped() -> None:
    app = ImageApp(left_dark_right_bright())
    async with app.run_test(size=(40, 20)):
        view = app.query_one(MammoImage)
        view.zoom = 100
        view.pan_x = -3
        assert view.zoom == 16.0 and view.pan_x == 0.0
        view.zoom = 0.1
        assert view.zoom == 1.0


def test_viewport_fits_and_aligns_without_mirroring() -> None:
    image = left_dark_right_bright(100, 200)  # tall image in a wide box
    for align, expected_left in (("left", 0), ("center", 25), ("right", 50)):
        viewport = np.asarray(compose_viewport(image, 100, 100, align=align))  # type: ignore[arg-type]
        assert viewport.shape == (100, 100)
        columns_with_white = np.flatnonzero(viewport.max(axis=0) > 200)
        # The white (right) half of the picture stays on the right: no mirroring.
        assert columns_with_white.min() == expected_left + 25
        assert columns_with_white.max() == expected_left + 49


def test_viewport_zoom_keeps_the_view_inside_the_image() -> None:
    image = left_dark_right_bright(100, 100)
    corner = np.asarray(compose_viewport(image, 50, 50, zoom=10, pan_x=0.0, pan_y=0.0))
    assert np.all(corner == 128)  # the grey top-left square fills the view
    edge = np.asarray(compose_viewport(image, 50, 50, zoom=2, pan_x=1.0, pan_y=0.5))
    assert np.all(edge == 255)


def test_graphics_mode_hands_a_cell_sized_picture_to_textual_image() -> None:
    asyncio.run(_graphics_mode_hands_a_cell_sized_picture_to_textual_image())


async def _graphics_mode_hands_a_cell_sized_picture_to_textual_image() -> None:
    from textual_image.widget import Image as GraphicsImage

    from mammolog.tui.widgets.mammo_image import _CELL_PIXELS

    class GraphicsApp(App[None]):
        def compose(self) -> ComposeResult:
            yield MammoImage(left_dark_right_bright(), caption="L MLO", mode="graphics")

    app = GraphicsApp()
    async with app.run_test(size=(30, 11)) as pilot:
        await pilot.pause()
        view = app.query_one(MammoImage)
        assert view.render_mode == "graphics"
        graphics = view.query_one(GraphicsImage)
        cell_width, cell_height = _CELL_PIXELS
        assert view.viewport is not None
        assert view.viewport.size == (30 * cell_width, 10 * cell_height)
        assert graphics.image is view.viewport


def test_dragging_moves_the_picture_with_the_pointer() -> None:
    asyncio.run(_dragging_moves_the_picture_with_the_pointer())


async def _dragging_moves_the_picture_with_the_pointer() -> None:
    app = ImageApp(left_dark_right_bright(200, 200))
    async with app.run_test(size=(40, 20)) as pilot:
        view = app.query_one(MammoImage)
        await pilot.pause()
        await pilot.mouse_down(MammoImage, offset=(20, 10))  # at zoom 1 nothing to drag
        await pilot.hover(MammoImage, offset=(30, 10))
        await pilot.mouse_up(MammoImage, offset=(30, 10))
        assert view.pan_x == 0.5
        view.zoom = 4.0
        await pilot.pause()
        await pilot.mouse_down(MammoImage, offset=(20, 10))
        await pilot.hover(MammoImage, offset=(30, 12))
        await pilot.mouse_up(MammoImage, offset=(30, 12))
        await pilot.pause()
        # A 40x40 px view of a 200x200 image at zoom 4 shows 50 image px, so one view px is
        # 1.25 image px; a cell is 1 px across and 2 px down: 10 cells right and 2 down pan
        # by 12.5 and 5 image px, the picture following the pointer.
        assert view.pan_x == pytest.approx(0.5 - 12.5 / 200)
        assert view.pan_y == pytest.approx(0.5 - 5 / 200)
