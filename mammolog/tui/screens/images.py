"""Images: the hanging protocol (R CC | L CC over R MLO | L MLO) and compare with the prior."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Footer, Header, Static

from mammolog.catalog.queries import InstanceRecord
from mammolog.tui.commands import IMAGES, bindings_for
from mammolog.tui.data import StudyView, load_study
from mammolog.tui.messages import StudyLoaded
from mammolog.tui.screens.base import MammologScreen

HANGING = (("R", "CC"), ("L", "CC"), ("R", "MLO"), ("L", "MLO"))


def pick_view(
    images: tuple[InstanceRecord, ...], laterality: str, view: str
) -> InstanceRecord | None:
    """The image for one position: for presentation first, then the latest number."""
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


class ImagesScreen(MammologScreen):
    """The four standard views of a study, like a light box."""

    COMMAND_GROUP = IMAGES
    BINDINGS = bindings_for(IMAGES)

    def __init__(self, study_pk: int) -> None:
        super().__init__()
        self.study_pk = study_pk
        self.view: StudyView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading the study…", id="images-status", classes="status-line")
        with Grid(id="images-grid"):
            for laterality, view in HANGING:
                yield Static(
                    f"{laterality} {view}", id=f"cell-{laterality}{view}", classes="image-cell"
                )
        yield Footer()

    def on_mount(self) -> None:
        """Read the study."""
        self.load()

    @work(thread=True, exclusive=True, group="images", exit_on_error=False)
    def load(self) -> None:
        """Read the study (worker)."""
        self.post_message(StudyLoaded(load_study(self.mammolog.catalog(), self.study_pk)))

    def on_study_loaded(self, message: StudyLoaded) -> None:
        """Place each view."""
        self.view = message.view
        study = message.view.study
        day = study.study_date.isoformat() if study.study_date else "undated"
        self.query_one("#images-status", Static).update(f"{day} · {study.institution}")
        for laterality, view in HANGING:
            cell = self.query_one(f"#cell-{laterality}{view}", Static)
            image = pick_view(message.view.images, laterality, view)
            cell.update(
                f"{laterality} {view}" if image else f"{laterality} {view}: not in this study"
            )
            cell.set_class(image is None, "missing")
