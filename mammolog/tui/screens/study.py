"""One study: its images with laterality and view, its reports and documents, its result."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from mammolog.catalog.queries import InstanceRecord
from mammolog.tui.commands import STUDY, bindings_for
from mammolog.tui.data import StudyView, load_study
from mammolog.tui.messages import CatalogChanged, StudyLoaded
from mammolog.tui.screens.base import MammologScreen

NO_DOCUMENTS = "No reports or documents came with this study."
SOP_KINDS = {
    "1.2.840.10008.5.1.4.1.1.104.1": "PDF report",
    "1.2.840.10008.5.1.4.1.1.88.11": "Text report",
    "1.2.840.10008.5.1.4.1.1.88.22": "Report",
    "1.2.840.10008.5.1.4.1.1.88.33": "Report",
    "1.2.840.10008.5.1.4.1.1.88.67": "Dose record",
    "1.2.840.10008.5.1.4.1.1.88.50": "Mammography CAD",
}


def view_text(instance: InstanceRecord) -> str:
    """ "R CC", "L MLO magnification"... from what the catalog recorded."""
    label = instance.view_label or " ".join(p for p in (instance.laterality, instance.view) if p)
    modifiers = instance.view_modifiers.replace("\\", ", ").lower()
    return " ".join(p for p in (label, modifiers) if p) or "view not recorded"


def document_kind(instance: InstanceRecord) -> str:
    """A reader's name for a non-image object."""
    return SOP_KINDS.get(instance.sop_class_uid, instance.modality or "Document")


class StudyScreen(MammologScreen):
    """Images, documents and the result of one study."""

    COMMAND_GROUP = STUDY
    BINDINGS = bindings_for(STUDY)

    def __init__(self, study_pk: int) -> None:
        super().__init__()
        self.study_pk = study_pk
        self.view: StudyView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading the study…", id="study-head")
        with Horizontal(id="study-body"):
            with Vertical(id="study-left"):
                yield Static("Images", classes="section-title")
                series: DataTable[str | Text] = DataTable(id="study-series", cursor_type="row")
                series.add_columns("Series", "No.", "View", "Size", "Kind", "Encoding")
                yield series
                yield Static("Reports and documents", classes="section-title")
                documents: DataTable[str] = DataTable(id="study-documents", cursor_type="row")
                documents.add_columns("Kind", "Series", "Size")
                yield documents
                yield Static(NO_DOCUMENTS, id="study-no-documents", classes="hint")
            with VerticalScroll(id="study-right"):
                yield Static("Result", classes="section-title")
                yield Static("", id="study-result")
                yield Static("Proposals from reports", classes="section-title")
                yield Static("", id="study-proposals")
        yield Footer()

    def on_mount(self) -> None:
        """Read the study."""
        self.load()

    @work(thread=True, exclusive=True, group="study", exit_on_error=False)
    def load(self) -> None:
        """Read the study and its objects (worker)."""
        self.post_message(StudyLoaded(load_study(self.mammolog.catalog(), self.study_pk)))

    def on_catalog_changed(self, _message: CatalogChanged) -> None:
        """Read again after a change."""
        self.load()

    def on_study_loaded(self, message: StudyLoaded) -> None:
        """Show the study."""
        view: StudyView = message.view
        self.view = view
        study = view.study
        day = study.study_date.isoformat() if study.study_date else "undated"
        parts = [day, study.institution, study.description, study.modalities]
        head = " · ".join(p for p in parts if p)
        self.query_one("#study-head", Static).update(
            Text.assemble(
                (head, "bold"), f"   {len(view.images)} images, {len(view.documents)} documents"
            )
        )
        self._fill_images(view)
        self._fill_documents(view)
        self._show_result(view)
        self.query_one("#study-series", DataTable).focus()

    def _fill_images(self, view: StudyView) -> None:
        table: DataTable[str | Text] = self.query_one("#study-series", DataTable)
        table.clear()
        for image in view.images:
            kind = "for processing" if "PROCESSING" in image.presentation_intent.upper() else ""
            table.add_row(
                image.series_description or (str(image.series_number or "") or "–"),
                str(image.instance_number or ""),
                Text(view_text(image), style="bold"),
                f"{image.columns} × {image.rows}"
                + (f" × {image.frames}" if image.frames > 1 else ""),
                kind or image.modality,
                image.transfer_syntax or "–",
                key=str(image.pk),
            )

    def _fill_documents(self, view: StudyView) -> None:
        table: DataTable[str] = self.query_one("#study-documents", DataTable)
        table.clear()
        for document in view.documents:
            table.add_row(
                document_kind(document),
                document.series_description or "–",
                f"{document.size / 1000:.0f} KB",
                key=str(document.pk),
            )
        has_documents = table.row_count > 0
        table.display = has_documents
        self.query_one("#study-no-documents").display = not has_documents

    def _show_result(self, view: StudyView) -> None:
        self.query_one("#study-result", Static).update(
            "No result recorded for this study yet.\n"
            "The result (BI-RADS per breast, density, findings) is entered with "
            "[b]mammolog assess[/b] on the command line."
        )
        self.query_one("#study-proposals", Static).update("No proposals: no report was read.")

    def action_open_images(self) -> None:
        """View this study's images."""
        from mammolog.tui.screens.images import ImagesScreen

        self.app.push_screen(ImagesScreen(self.study_pk))

    def action_edit_result(self) -> None:
        """Enter the result (BI-RADS, density, findings)."""
        self.notify("Entering results here needs the results service.", timeout=4)

    def action_open_attachment(self) -> None:
        """Open the selected document with the system viewer."""
        self.notify("Choose a report first.", timeout=3)

    def action_accept_proposal(self) -> None:
        """Accept the selected proposal."""
        self.notify("There is no proposal to accept.", timeout=3)

    def action_reject_proposal(self) -> None:
        """Reject the selected proposal."""
        self.notify("There is no proposal to reject.", timeout=3)
