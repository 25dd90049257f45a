"""One study: its images with laterality and view, its reports (text shown, PDF opened with
the system viewer), its recorded result, and proposals read from reports to accept or reject."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from mammolog.catalog.queries import InstanceRecord
from mammolog.domain.birads import DENSITY_WORDING
from mammolog.domain.findings import describe_finding
from mammolog.domain.records import Assessment
from mammolog.tui.commands import STUDY, bindings_for
from mammolog.tui.data import DocumentRow, StudyView, document_text, load_study
from mammolog.tui.messages import CatalogChanged, LoadFailed, StudyLoaded
from mammolog.tui.screens.base import MammologScreen
from mammolog.tui.widgets.concern import category_name, concern_text

NO_DOCUMENTS = "No reports or documents came with this study."
NO_RESULT = (
    "No result recorded for this study yet.\n"
    "Press [b]e[/b] to enter the BI-RADS category of each breast, the density and the findings."
)
NO_PROPOSALS = "No proposals waiting: nothing was read from a report of this study."


@dataclass
class DocumentText(Message):
    """The text of a report was read."""

    key: str
    text: str


@dataclass
class Saved(Message):
    """A write finished; ``summary`` is shown to the user."""

    summary: str


SYNTAX_NAMES = {
    "1.2.840.10008.1.2": "Implicit little endian",
    "1.2.840.10008.1.2.1": "Explicit little endian",
    "1.2.840.10008.1.2.2": "Explicit big endian",
    "1.2.840.10008.1.2.4.50": "JPEG baseline",
    "1.2.840.10008.1.2.4.51": "JPEG extended",
    "1.2.840.10008.1.2.4.57": "JPEG lossless",
    "1.2.840.10008.1.2.4.70": "JPEG lossless SV1",
    "1.2.840.10008.1.2.4.80": "JPEG-LS lossless",
    "1.2.840.10008.1.2.4.81": "JPEG-LS near-lossless",
    "1.2.840.10008.1.2.4.90": "JPEG 2000 lossless",
    "1.2.840.10008.1.2.4.91": "JPEG 2000",
    "1.2.840.10008.1.2.5": "RLE lossless",
}


def view_text(instance: InstanceRecord) -> str:
    """ "R CC", "L MLO spot compression"... from what the catalog recorded."""
    label = instance.view_label or " ".join(p for p in (instance.laterality, instance.view) if p)
    modifiers = instance.view_modifiers.replace("\\", ", ").lower()
    return " ".join(p for p in (label, modifiers) if p) or "view not recorded"


def result_text(app: object, assessment: Assessment | None, view: StudyView) -> Text:
    """The recorded result in words."""
    from textual.app import App

    assert isinstance(app, App)
    if assessment is None and not view.findings:
        return Text.from_markup(NO_RESULT)
    text = Text()
    if assessment is not None:
        for label, category in (("Right", assessment.right), ("Left", assessment.left)):
            text.append(f"{label:<7}")
            text.append_text(concern_text(app, category.value if category else None))
            if category:
                text.append(f"  {category_name(category.value)}")
            text.append("\n")
        if assessment.density:
            text.append(
                f"Density {assessment.density.value}: {DENSITY_WORDING[assessment.density]}\n"
            )
        if assessment.recommendation:
            text.append(f"Recommended: {assessment.recommendation.value.replace('-', ' ')}\n")
        if assessment.note:
            text.append(f"Note: {assessment.note}\n", style="italic")
    for stored in view.findings:
        text.append(f"• {describe_finding(stored.finding)}\n")
    return text


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
                documents.add_columns("Document", "Kind")
                yield documents
                yield Static(NO_DOCUMENTS, id="study-no-documents", classes="hint")
                with VerticalScroll(id="study-document-text"):
                    yield Static("", id="study-text", markup=False)
            with VerticalScroll(id="study-right"):
                yield Static("Result", classes="section-title")
                yield Static("", id="study-result")
                yield Static("Proposals from reports", classes="section-title")
                proposals: DataTable[str] = DataTable(id="study-proposals", cursor_type="row")
                proposals.add_columns("Field", "Side", "Value", "Quote")
                yield proposals
                yield Static(NO_PROPOSALS, id="study-no-proposals", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        """Read the study."""
        self.load()

    @work(thread=True, exclusive=True, group="study", exit_on_error=False)
    def load(self) -> None:
        """Read the study, its result, documents and proposals (worker)."""
        app = self.mammolog
        self.post_message(StudyLoaded(load_study(app.catalog(), self.study_pk, app.paths)))

    def on_catalog_changed(self, _message: CatalogChanged) -> None:
        """Read again after a change."""
        self.load()

    def on_study_loaded(self, message: StudyLoaded) -> None:
        """Show the study."""
        view: StudyView = message.view
        first = self.view is None
        self.view = view
        study = view.study
        day = study.study_date.isoformat() if study.study_date else "undated"
        head = " · ".join(
            p for p in (day, study.institution, study.description, study.modalities) if p
        )
        self.query_one("#study-head", Static).update(
            Text.assemble(
                (head, "bold"),
                f"   {_count(len(view.images), 'image')}, "
                f"{_count(len(view.documents), 'document')}",
            )
        )
        self._fill_images(view)
        self._fill_documents(view)
        self.query_one("#study-result", Static).update(result_text(self.app, view.assessment, view))
        self._fill_proposals(view)
        if first:
            self.query_one("#study-series", DataTable).focus()

    def _fill_images(self, view: StudyView) -> None:
        table: DataTable[str | Text] = self.query_one("#study-series", DataTable)
        table.clear()
        for image in view.images:
            kind = "for processing" if "PROCESSING" in image.presentation_intent.upper() else ""
            frames = f" × {image.frames}" if image.frames > 1 else ""
            table.add_row(
                image.series_description or str(image.series_number or "–"),
                str(image.instance_number or ""),
                Text(view_text(image), style="bold"),
                f"{image.columns} × {image.rows}{frames}",
                kind or image.modality,
                SYNTAX_NAMES.get(image.transfer_syntax, image.transfer_syntax or "–"),
                key=str(image.pk),
            )

    def _fill_documents(self, view: StudyView) -> None:
        table: DataTable[str] = self.query_one("#study-documents", DataTable)
        table.clear()
        kinds = {
            "sr": "structured report",
            "encapsulated-pdf": "PDF",
            "attachment": "attached file",
        }
        for document in view.documents:
            table.add_row(document.name, kinds.get(document.kind, document.kind), key=document.key)
        has_documents = table.row_count > 0
        table.display = has_documents
        self.query_one("#study-document-text").display = has_documents
        self.query_one("#study-no-documents").display = not has_documents
        if has_documents:
            self.read_text(view.documents[0])

    def _fill_proposals(self, view: StudyView) -> None:
        table: DataTable[str] = self.query_one("#study-proposals", DataTable)
        table.clear()
        for proposal in view.proposals:
            if proposal.status != "pending":
                continue
            value = proposal.value + ("  (conflict)" if proposal.conflict else "")
            quote = proposal.quote if len(proposal.quote) < 40 else proposal.quote[:39] + "…"
            table.add_row(
                proposal.field, proposal.side or "–", value, quote, key=str(proposal.proposal_id)
            )
        table.display = table.row_count > 0
        self.query_one("#study-no-proposals").display = table.row_count == 0

    @on(DataTable.RowSelected, "#study-series")
    def _image_selected(self) -> None:
        self.action_open_images()

    @on(DataTable.RowHighlighted, "#study-documents")
    def _document_highlighted(self, event: DataTable.RowHighlighted) -> None:
        document = self._document(event.row_key.value)
        if document is not None:
            self.read_text(document)

    @on(DataTable.RowHighlighted, "#study-proposals")
    def _proposal_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.view is None:
            return
        for proposal in self.view.proposals:
            if str(proposal.proposal_id) == event.row_key.value:
                text = Text()
                text.append(f"{proposal.document}\n", style="bold")
                context = proposal.context or proposal.quote
                start = context.find(proposal.quote) if proposal.quote else -1
                text.append(context)
                if start >= 0:
                    text.stylize(
                        "reverse",
                        start + len(proposal.document) + 1,
                        start + len(proposal.document) + 1 + len(proposal.quote),
                    )
                self.query_one("#study-text", Static).update(text)
                self.query_one("#study-document-text").display = True

    def _document(self, key: str | None) -> DocumentRow | None:
        if self.view is None:
            return None
        return next((d for d in self.view.documents if d.key == key), None)

    @work(thread=True, exclusive=True, group="document-text", exit_on_error=False)
    def read_text(self, document: DocumentRow) -> None:
        """Read a report's text (worker)."""
        try:
            text = document_text(document)
        except Exception as error:  # noqa: BLE001 - the reports module raises several kinds
            text = f"The text of this document cannot be shown: {error}"
        self.post_message(DocumentText(document.key, text or "(this document has no text)"))

    def on_document_text(self, message: DocumentText) -> None:
        """Show a report's text."""
        self.query_one("#study-text", Static).update(message.text)

    def action_open_images(self) -> None:
        """View this study's images."""
        from mammolog.tui.screens.images import ImagesScreen

        self.app.push_screen(ImagesScreen(self.study_pk))

    def action_edit_result(self) -> None:
        """Enter the result (BI-RADS, density, findings, procedures, pathology)."""
        if self.view is None:
            return
        from mammolog.tui.screens.result_form import ResultEntry, ResultFormScreen

        def saved(entry: ResultEntry | None) -> None:
            if entry is not None:
                self.save_result(entry)

        self.app.push_screen(ResultFormScreen(self.view, self.mammolog.today), saved)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def save_result(self, entry: object) -> None:
        """Record the result (worker)."""
        from mammolog.domain.errors import DomainValidationError
        from mammolog.tui.saving import save_result
        from mammolog.tui.screens.result_form import ResultEntry

        assert isinstance(entry, ResultEntry) and self.view is not None
        app = self.mammolog
        try:
            summary = save_result(app.catalog(), self.view.study, entry, app.today)
        except (DomainValidationError, ValueError) as error:
            self.post_message(LoadFailed("save the result", str(error)))
            return
        self.post_message(Saved(summary))

    def on_saved(self, message: Saved) -> None:
        """Tell the user and refresh every screen."""
        self.notify(message.summary, timeout=4)
        self.mammolog.refresh_catalog_views("result")

    def action_open_attachment(self) -> None:
        """Open the selected document with the system viewer."""
        table: DataTable[str] = self.query_one("#study-documents", DataTable)
        if table.row_count == 0:
            self.notify("This study has no document to open.", timeout=3)
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        document = self._document(key)
        if document is not None:
            self.open_in_viewer(document)

    @work(thread=True, exclusive=True, group="viewer", exit_on_error=False)
    def open_in_viewer(self, document: DocumentRow) -> None:
        """Hand the document to the system viewer (worker)."""
        from mammolog.tui.saving import open_document

        try:
            opened = open_document(document, self.mammolog.paths)
        except Exception as error:  # noqa: BLE001 - any reason is shown as is
            self.post_message(LoadFailed("open the document", str(error)))
            return
        self.post_message(Saved(f"Opened {opened.name} with the system viewer."))

    def _selected_proposal(self) -> int | None:
        table: DataTable[str] = self.query_one("#study-proposals", DataTable)
        if table.row_count == 0:
            self.notify("There is no proposal waiting.", timeout=3)
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def action_accept_proposal(self) -> None:
        """Accept the selected proposal."""
        proposal_id = self._selected_proposal()
        if proposal_id is not None:
            self.decide(proposal_id, True)

    def action_reject_proposal(self) -> None:
        """Reject the selected proposal."""
        proposal_id = self._selected_proposal()
        if proposal_id is not None:
            self.decide(proposal_id, False)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def decide(self, proposal_id: int, accept: bool) -> None:
        """Accept or reject a proposal (worker)."""
        from mammolog.tui.saving import decide_proposal

        try:
            summary = decide_proposal(self.mammolog.catalog(), proposal_id, accept)
        except ValueError as error:
            self.post_message(LoadFailed("decide", str(error)))
            return
        self.post_message(Saved(summary))


def _count(number: int, noun: str) -> str:
    """ "1 image", "2 images"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
