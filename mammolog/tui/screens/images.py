"""Images: the hanging protocol (R CC | L CC over R MLO | L MLO) and compare with the prior.

Each breast sits against the midline, as on a light box. Previews are decoded in thread
workers through the on-disk preview cache, at the size of the screen, and handed to the
image widgets as finished pictures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Footer, Header, Static

from mammolog.catalog.queries import InstanceRecord
from mammolog.dicom.pixels import PixelDecodeError, Window
from mammolog.services.previews import PreviewCacheError
from mammolog.tui.commands import IMAGES, bindings_for
from mammolog.tui.data import LightBox, StudyRow, load_light_box
from mammolog.tui.messages import LightBoxLoaded, PreviewReady
from mammolog.tui.screens.base import MammologScreen
from mammolog.tui.widgets.mammo_image import MAX_ZOOM, MIN_ZOOM, PAN_STEP, ZOOM_STEP, MammoImage

HANGING = (("R", "CC"), ("L", "CC"), ("R", "MLO"), ("L", "MLO"))
CELL_PIXELS = (10, 20)
MAX_PREVIEW = 1600
WINDOW_STEP = 1.25


def pick_view(
    images: tuple[InstanceRecord, ...], laterality: str, view: str
) -> InstanceRecord | None:
    """The image for one position: for presentation before for processing, then latest."""
    matches = [
        i for i in images
        if i.laterality.upper() == laterality and i.view.upper() == view and i.frames == 1
    ]  # fmt: skip
    if not matches:
        return None
    matches.sort(
        key=lambda i: ("PROCESSING" not in i.presentation_intent.upper(), i.instance_number or 0)
    )
    return matches[-1]


def caption(study: StudyRow, laterality: str, view: str) -> str:
    """ "R CC  2024-05-14"."""
    day = study.study_date.isoformat() if study.study_date else "undated"
    return f"{laterality} {view}  {day}"


@dataclass(frozen=True)
class CellImage:
    """What one cell shows."""

    instance: InstanceRecord
    path: Path


class HungImage(MammoImage, inherit_bindings=False):
    """An image of the light box: the screen's keys move every image together.

    The widget's own keys are left out so one key press is handled once, by the screen,
    which sets the same zoom and pan on every image it shows.
    """


class ImagesScreen(MammologScreen):
    """The four standard views of a study, or one view beside the same view of the prior."""

    COMMAND_GROUP = IMAGES
    BINDINGS = bindings_for(IMAGES)

    def __init__(self, study_pk: int) -> None:
        super().__init__()
        self.study_pk = study_pk
        self.box: LightBox | None = None
        self.compare = False
        self.compare_view = 0
        self.cells: dict[str, CellImage | None] = {}
        self.windows: dict[str, Window | None] = {}
        self.view_state: tuple[float, float, float] = (1.0, 0.5, 0.5)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading the study…", id="images-status", classes="status-line")
        with Grid(id="images-grid"):
            for index, (laterality, view) in enumerate(HANGING):
                yield HungImage(
                    caption=f"{laterality} {view}",
                    align="right" if laterality == "R" else "left",
                    placeholder="Reading…",
                    id=f"cell-{index}",
                )
        yield Footer()

    def on_mount(self) -> None:
        """Read the study and its prior."""
        self.load()

    @work(thread=True, exclusive=True, group="images", exit_on_error=False)
    def load(self) -> None:
        """Read the study and its prior (worker)."""
        app = self.mammolog
        box = load_light_box(app.catalog(), self.study_pk, str(app.paths.library_dir))
        self.post_message(LightBoxLoaded(box))

    def on_light_box_loaded(self, message: LightBoxLoaded) -> None:
        """Hang the images."""
        self.box = message.box
        self._hang()

    def _image_widgets(self) -> list[MammoImage]:
        return [self.query_one(f"#cell-{i}", MammoImage) for i in range(len(HANGING))]

    def _hang(self) -> None:
        box = self.box
        if box is None:
            return
        grid = self.query_one("#images-grid", Grid)
        grid.set_class(self.compare, "compare")
        widgets = self._image_widgets()
        library = Path(box.library_dir)
        study = box.current.study
        status = self.query_one("#images-status", Static)
        plan: list[tuple[StudyRow | None, InstanceRecord | None, str, str]] = []
        if self.compare:
            laterality, view = HANGING[self.compare_view]
            prior = box.prior
            prior_image = pick_view(prior.images, laterality, view) if prior else None
            plan.append((prior.study if prior else None, prior_image, laterality, view))
            plan.append((study, pick_view(box.current.images, laterality, view), laterality, view))
            if prior is None:
                status.update("Compare: there is no earlier study with images for this person.")
            else:
                status.update(
                    f"Compare {laterality} {view}: prior {self._day(prior.study)} (left) "
                    f"and {self._day(study)} (right).  v: next view"
                )
        else:
            for laterality, view in HANGING:
                plan.append(
                    (study, pick_view(box.current.images, laterality, view), laterality, view)
                )
            status.update(
                f"{self._day(study)} · {study.institution or 'centre not recorded'} · "
                f"{len(box.current.images)} images.  c: compare with the prior exam"
            )
        for index, widget in enumerate(widgets):
            widget.display = index < len(plan)
            if index >= len(plan):
                continue
            row, instance, laterality, view = plan[index]
            cell_id = widget.id or ""
            widget.align = "center" if self.compare else ("right" if laterality == "R" else "left")
            widget.caption = caption(row, laterality, view) if row else f"{laterality} {view}"
            widget.image = None
            widget.set_view(*self.view_state)
            if instance is None or row is None:
                self.cells[cell_id] = None
                self._set_placeholder(
                    widget,
                    "No earlier exam" if row is None else f"{laterality} {view}: not in this study",
                )
                continue
            self.cells[cell_id] = CellImage(instance, library / instance.library_path)
            self.windows[cell_id] = None
            self._set_placeholder(widget, "Decoding…")
        self.call_after_refresh(self._render_all)

    @staticmethod
    def _day(study: StudyRow) -> str:
        return study.study_date.isoformat() if study.study_date else "undated"

    @staticmethod
    def _set_placeholder(widget: MammoImage, text: str) -> None:
        widget.query_one(".mammo-image--placeholder", Static).update(text)

    def _render_all(self) -> None:
        for widget in self._image_widgets():
            if widget.display:
                self._render_cell(widget)

    def _render_cell(self, widget: MammoImage) -> None:
        cell_id = widget.id or ""
        cell = self.cells.get(cell_id)
        if cell is None:
            return
        columns = max(widget.size.width, 8)
        rows = max(widget.size.height - 1, 4)
        width = min(columns * CELL_PIXELS[0], MAX_PREVIEW)
        height = min(rows * CELL_PIXELS[1], MAX_PREVIEW)
        self.decode(cell_id, cell, width, height, self.windows.get(cell_id))

    @work(thread=True, exclusive=False, group="previews", exit_on_error=False)
    def decode(
        self, cell_id: str, cell: CellImage, width: int, height: int, window: Window | None
    ) -> None:
        """Decode one preview through the cache (worker)."""
        try:
            preview = self.mammolog.preview_cache.get_or_render(
                cell.path, cell.instance.sop_instance_uid, width, height, window=window
            )
        except (PixelDecodeError, PreviewCacheError, OSError, ValueError) as error:
            reason = str(error) or type(error).__name__
            self.post_message(PreviewReady(cell_id, cell.instance.pk, None, None, reason))
            return
        shown = preview.window or preview.file_window
        self.post_message(PreviewReady(cell_id, cell.instance.pk, preview.image, shown))

    def on_preview_ready(self, message: PreviewReady) -> None:
        """Put a decoded picture in its cell (if the cell still shows that image)."""
        cell = self.cells.get(message.cell_id)
        if cell is None or cell.instance.pk != message.instance_pk:
            return
        widget = self.query_one(f"#{message.cell_id}", MammoImage)
        if message.image is None:
            self._set_placeholder(widget, f"Cannot show this image: {message.reason}")
            self.notify(message.reason, title="Cannot show an image", severity="warning")
            return
        if self.windows.get(message.cell_id) is None and message.window is not None:
            self.windows[message.cell_id] = message.window
        widget.image = message.image

    def on_mammo_image_view_changed(self, message: MammoImage.ViewChanged) -> None:
        """Move the other images with the one that was zoomed or panned with the mouse."""
        self.view_state = (message.zoom, message.pan_x, message.pan_y)
        for widget in self._image_widgets():
            if widget is not message.view:
                widget.set_view(*self.view_state)

    def _set_view(self, zoom: float, pan_x: float, pan_y: float) -> None:
        """One zoom and pan for every image; the widgets post nothing back."""
        zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        self.view_state = (zoom, min(max(pan_x, 0.0), 1.0), min(max(pan_y, 0.0), 1.0))
        for widget in self._image_widgets():
            widget.set_view(*self.view_state)

    def action_toggle_compare(self) -> None:
        """Switch between the four views and compare with the prior."""
        self.compare = not self.compare
        if self.compare:
            shared = self._compare_views()
            self.compare_view = shared[0] if shared else 0
        self._hang()

    def _compare_views(self) -> list[int]:
        """The views compare steps through: those both exams have, else those this one has."""
        box = self.box
        if box is None:
            return []
        here = [
            index for index, (side, view) in enumerate(HANGING)
            if pick_view(box.current.images, side, view) is not None
        ]  # fmt: skip
        if box.prior is None:
            return here
        prior = box.prior
        both = [i for i in here if pick_view(prior.images, *HANGING[i]) is not None]
        return both or here

    def action_next_view(self) -> None:
        """In compare mode, show the next view."""
        if not self.compare:
            self.notify("Press c to compare with the prior exam first.", timeout=3)
            return
        steps = self._compare_views() or list(range(len(HANGING)))
        later = [index for index in steps if index > self.compare_view]
        self.compare_view = later[0] if later else steps[0]
        self._hang()

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
        changed = [cell for cell, window in self.windows.items() if window is not None]
        for cell_id in changed:
            self.windows[cell_id] = None
        self._render_all()

    def action_window_wider(self) -> None:
        """Less contrast."""
        self._scale_windows(WINDOW_STEP)

    def action_window_narrower(self) -> None:
        """More contrast."""
        self._scale_windows(1 / WINDOW_STEP)

    def _scale_windows(self, factor: float) -> None:
        adjustable = {c: w for c, w in self.windows.items() if w is not None and self.cells.get(c)}
        if not adjustable:
            self.notify("These images have no window to adjust.", timeout=3)
            return
        for cell_id, window in adjustable.items():
            self.windows[cell_id] = Window(window.center, max(window.width * factor, 1.0))
        self._render_all()
        first = next(iter(self.windows.values()))
        if first is not None:
            self.query_one("#images-status", Static).update(
                f"Window centre {first.center:.0f}, width {first.width:.0f}.  0: back to the file's window"
            )
