"""Images: the light box (R CC | L CC over R MLO | L MLO), every other image, compare over years.

The screen presents what :func:`mammolog.services.images.light_box` returns: each slot shows its
best image (2D, else synthesized 2D, else the tomosynthesis volume at its middle slice) and
says which; ``n`` cycles through the other images of a slot; the list below holds every object
of the study (extra views, ultrasound, MRI, and the ones that cannot be shown, with the reason).
Multi-frame objects scroll one slice at a time (keys, mouse wheel) and play as a film. Frames
are decoded one at a time in thread workers through the preview cache, the neighbours of the
shown slice are prefetched, and a volume is never decoded whole.
"""

from __future__ import annotations

from dataclasses import replace

from textual import work
from textual.app import ComposeResult
from textual.containers import Grid
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from mammolog.dicom.pixels import PixelDecodeError
from mammolog.dicom.voi import Window
from mammolog.services.images import LightBox, light_box
from mammolog.services.previews import PreviewCacheError
from mammolog.tui.commands import IMAGES, bindings_for
from mammolog.tui.screens.images_plan import (
    SLOT_NAMES,
    Cell,
    Choices,
    caption,
    compare_views,
    list_line,
    plan,
    status_text,
)
from mammolog.tui.screens.images_view import ImageViewScreen
from mammolog.tui.widgets.hung_image import HungImage
from mammolog.tui.widgets.mammo_image import MammoImage
from mammolog.untrusted import for_terminal

CELL_PIXELS = (10, 20)
MAX_PREVIEW = 1600
CINE_SECONDS = 0.12
PREFETCH = (1, 2, -1)


class LightBoxReady(Message):
    """The study, its slots and the earlier studies were read."""

    def __init__(self, box: LightBox) -> None:
        super().__init__()
        self.box = box


class FrameReady(Message):
    """One frame was decoded (or failed) for a cell."""

    def __init__(
        self, cell_id: str, cell: Cell, image: object, window: Window | None, reason: str = ""
    ) -> None:
        super().__init__()
        self.cell_id = cell_id
        self.cell = cell
        self.image = image
        self.window = window
        self.reason = reason


class ImagesScreen(ImageViewScreen):
    """The four slots of a study, one image of it, or one view beside the same of an earlier exam."""

    COMMAND_GROUP = IMAGES
    BINDINGS = bindings_for(IMAGES)
    DEFAULT_CSS = """
    ImagesScreen #images-grid.single { grid-size: 1 1; }
    ImagesScreen #images-others { height: 5; border: none; }
    """

    def __init__(self, study_pk: int) -> None:
        super().__init__()
        self.study_pk = study_pk
        self.box: LightBox | None = None
        self.choices = Choices()
        self.pending: set[str] = set()
        self.requested: dict[str, tuple[int, int]] = {}  # picture size asked for, per cell
        self.cine: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading the study…", id="images-status", classes="status-line")
        with Grid(id="images-grid"):
            for index, name in enumerate(SLOT_NAMES):
                yield HungImage(
                    caption=name, align="right" if name.startswith("R") else "left",
                    placeholder="Reading…", id=f"cell-{index}",
                )  # fmt: skip
        yield OptionList(id="images-others")
        yield Footer()

    def on_mount(self) -> None:
        """Read the study and the earlier ones."""
        self.load()

    @work(thread=True, exclusive=True, group="images", exit_on_error=False)
    def load(self) -> None:
        """Read the light box (worker)."""
        app = self.mammolog
        self.post_message(LightBoxReady(light_box(app.catalog(), app.paths, self.study_pk)))

    def on_light_box_ready(self, message: LightBoxReady) -> None:
        """Fill the list of every image and hang the slots."""
        self.box = message.box
        others = self.query_one("#images-others", OptionList)
        others.clear_options()
        for image in message.box.current.images:
            others.add_option(Option(for_terminal(list_line(image)), id=str(image.pk)))
        current = message.box.current
        if not any(slot.shown for slot in current.slots) and current.viewable:
            # Nothing fits the four views (an ultrasound, an MRI): open on its first image.
            self.choices.mode, self.choices.single = "single", current.viewable[0]
        self._hang()

    # --- what each cell shows ---------------------------------------------------------------

    def _widgets(self) -> list[HungImage]:
        return [self.query_one(f"#cell-{i}", HungImage) for i in range(len(SLOT_NAMES))]

    def _hang(self) -> None:
        box = self.box
        if box is None:
            return
        self._stop_cine()
        grid = self.query_one("#images-grid", Grid)
        grid.set_class(self.choices.mode == "compare", "compare")
        grid.set_class(self.choices.mode == "single", "single")
        cells = plan(box, self.choices)
        self.cells.clear()
        for index, widget in enumerate(self._widgets()):
            widget.display = index < len(cells)
            if index >= len(cells):
                continue
            cell = cells[index]
            cell_id = widget.id or ""
            self.cells[cell_id] = cell
            self.windows[cell_id] = None
            self.user_windows.discard(cell_id)
            widget.align = (
                "center"
                if self.choices.mode != "hanging"
                else ("right" if cell.slot[0] == "R" else "left")
            )
            widget.caption = for_terminal(caption(cell))
            widget.frames = cell.image.frames if cell.image is not None else 1
            widget.image = None
            widget.set_view(*self.view_state)
            self._placeholder(widget, cell.message or "Decoding…")
        self._show_status(box, cells)
        self.call_after_refresh(self._render_all)

    def _show_status(self, box: LightBox, cells: list[Cell]) -> None:
        text = status_text(box, cells, self.choices)
        self.query_one("#images-status", Static).update(for_terminal(text))

    @staticmethod
    def _placeholder(widget: MammoImage, text: str) -> None:
        widget.query_one(".mammo-image--placeholder", Static).update(for_terminal(text))

    # --- decoding ---------------------------------------------------------------------------

    def _render_all(self) -> None:
        for widget in self._widgets():
            if widget.display:
                self._render_cell(widget)

    def _box_size(self, widget: MammoImage) -> tuple[int, int]:
        columns = max(widget.size.width, 8)
        rows = max(widget.size.height - 1, 4)
        return min(columns * CELL_PIXELS[0], MAX_PREVIEW), min(rows * CELL_PIXELS[1], MAX_PREVIEW)

    def _render_cell(self, widget: MammoImage) -> None:
        cell_id = widget.id or ""
        cell = self.cells.get(cell_id)
        if cell is None or cell.image is None or not cell.image.viewable:
            return
        width, height = self.requested[cell_id] = self._box_size(widget)
        self.pending.add(cell_id)
        window = self.windows.get(cell_id) if cell_id in self.user_windows else None
        self.decode(cell_id, cell, width, height, window)

    @work(thread=True, exclusive=False, group="previews", exit_on_error=False)
    def decode(
        self, cell_id: str, cell: Cell, width: int, height: int, window: Window | None
    ) -> None:
        """Decode one frame through the cache, then prefetch its neighbours (worker)."""
        assert cell.image is not None
        try:
            preview = self.mammolog.preview_cache.get_or_render(
                cell.image.path, cell.image.instance_uid, width, height, window=window,
                frame=cell.frame,
            )  # fmt: skip
        except (PixelDecodeError, PreviewCacheError, OSError, ValueError) as error:
            self.post_message(FrameReady(cell_id, cell, None, None, str(error) or "unreadable"))
            return
        self.post_message(FrameReady(cell_id, cell, preview.image, preview.window))
        if cell.image.frames > 1:
            self._prefetch(cell_id, cell, width, height, window)

    def _prefetch(
        self, cell_id: str, cell: Cell, width: int, height: int, window: Window | None
    ) -> None:
        """In the decoding worker: the neighbouring slices into the cache, one at a time, while
        the cell still shows this image near this slice."""
        assert cell.image is not None
        for step in PREFETCH:
            frame = cell.frame + step
            shown = self.cells.get(cell_id)
            if shown is None or shown.image != cell.image or abs(shown.frame - frame) > 2:
                return  # she moved on: decode nothing she will not see
            if not 0 <= frame < cell.image.frames:
                continue
            try:
                self.mammolog.preview_cache.get_or_render(
                    cell.image.path, cell.image.instance_uid, width, height, window=window,
                    frame=frame,
                )  # fmt: skip
            except (PixelDecodeError, PreviewCacheError, OSError, ValueError):
                return  # the shown frame reports problems; prefetching just stops

    def on_frame_ready(self, message: FrameReady) -> None:
        """Put a decoded frame in its cell (if the cell still shows that image and frame)."""
        self.pending.discard(message.cell_id)
        if self.cells.get(message.cell_id) != message.cell:
            return
        widget = self.query_one(f"#{message.cell_id}", HungImage)
        if message.image is None:
            self._placeholder(widget, f"Cannot show this image: {message.reason}")
            self.notify(
                for_terminal(message.reason),
                title="Cannot show an image",
                severity="warning",
                markup=False,
            )
            return
        if message.cell_id not in self.user_windows:
            self.windows[message.cell_id] = message.window
        widget.caption = for_terminal(caption(message.cell))
        widget.image = message.image  # type: ignore[assignment]
        if self.requested.get(message.cell_id) != self._box_size(widget):
            self._render_cell(widget)  # the cell changed size while this frame was decoded

    # --- slices and films -------------------------------------------------------------------

    def action_step_frame(self, step: int) -> None:
        """The next (or previous) slice of every multi-frame image shown, together."""
        moved = False
        for cell_id, cell in list(self.cells.items()):
            if cell.image is None or cell.image.frames < 2 or not cell.image.viewable:
                continue
            frame = min(max(cell.frame + step, 0), cell.image.frames - 1)
            if frame != cell.frame:
                self.cells[cell_id] = replace(cell, frame=frame)
                moved = True
        if moved:
            self._render_all()
        elif not any(c.image and c.image.frames > 1 for c in self.cells.values()):
            self.notify("These images have a single frame.", timeout=3)

    def on_hung_image_frame_scroll(self, message: HungImage.FrameScroll) -> None:
        """The mouse wheel over a volume or a film."""
        self.action_step_frame(message.step)

    def action_toggle_cine(self) -> None:
        """Play the slices or frames as a film, or stop."""
        if self.cine is not None:
            self._stop_cine()
            return
        if not any(
            c.image and c.image.frames > 1 and c.image.viewable for c in self.cells.values()
        ):
            self.notify("Nothing to play: these images have a single frame.", timeout=3)
            return
        self.cine = self.set_interval(CINE_SECONDS, self._cine_tick)
        self.query_one("#images-status", Static).update("Playing.  Space: stop")

    def _cine_tick(self) -> None:
        for cell_id, cell in list(self.cells.items()):
            if cell.image is None or cell.image.frames < 2 or cell_id in self.pending:
                continue  # a slow frame is not skipped over: the film waits for it
            self.cells[cell_id] = replace(cell, frame=(cell.frame + 1) % cell.image.frames)
            widget = self.query_one(f"#{cell_id}", HungImage)
            self._render_cell(widget)

    def _stop_cine(self) -> None:
        if self.cine is not None:
            self.cine.stop()
            self.cine = None
            if self.box is not None:
                self._show_status(self.box, list(self.cells.values()))

    # --- choosing what is shown -------------------------------------------------------------

    def action_cycle_slot(self) -> None:
        """The next image that fits the focused slot (or every slot when none is focused)."""
        if self.box is None or self.choices.mode == "single":
            return
        focused = self.focused if isinstance(self.focused, HungImage) else None
        names = [self.cells[focused.id or ""].slot] if focused and focused.id in self.cells else []
        names = names or [cell.slot for cell in self.cells.values()]
        several = [n for n in dict.fromkeys(names) if len(self.box.current.slot(n).images) > 1]
        if not several:
            self.notify("No other image fits this view.", timeout=3)
            return
        for name in several:
            self.choices.slot_choice[name] = self.choices.slot_choice.get(name, 0) + 1
        self._hang()

    def action_focus_others(self) -> None:
        """Go to the list of every image of the study."""
        self.query_one("#images-others", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Show the chosen image on its own."""
        if self.box is None:
            return
        chosen = next(i for i in self.box.current.images if str(i.pk) == event.option.id)
        self.choices.single = chosen
        self.choices.mode = "single"
        self._hang()

    def action_go_back(self) -> None:
        """From one image back to the four views; from there, back to the previous screen."""
        hung = self.box is not None and any(slot.shown for slot in self.box.current.slots)
        if self.choices.mode == "single" and hung:
            self.choices.mode = "hanging"
            self._hang()
            return
        super().action_go_back()

    def action_toggle_compare(self) -> None:
        """Switch between the four views and compare with an earlier exam."""
        choices = self.choices
        choices.mode = "hanging" if choices.mode == "compare" else "compare"
        if choices.mode == "compare" and self.box is not None:
            views = compare_views(self.box, choices)
            choices.compare_view = views[0] if views else 0
        self._hang()

    def action_next_view(self) -> None:
        """In compare mode, show the next view."""
        choices = self.choices
        if choices.mode != "compare" or self.box is None:
            self.notify("Press c to compare with an earlier exam first.", timeout=3)
            return
        steps = compare_views(self.box, choices) or list(range(len(SLOT_NAMES)))
        later = [index for index in steps if index > choices.compare_view]
        choices.compare_view = later[0] if later else steps[0]
        self._hang()

    def action_pick_prior(self) -> None:
        """In compare mode, go one earlier exam further back (round to the newest again)."""
        if self.choices.mode != "compare" or self.box is None or not self.box.earlier:
            self.notify("Press c to compare; this person needs an earlier exam.", timeout=3)
            return
        shown = self.cells.get("cell-0")
        at = self.box.earlier.index(shown.study) if shown and shown.study else -1
        self.choices.prior_pick = (at + 1) % len(self.box.earlier)
        self._hang()
