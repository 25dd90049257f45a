"""One study: its images with laterality and view, its reports (text shown, PDF opened with
the system viewer), its recorded result, and proposals read from reports to accept or reject.

On a narrow terminal the two columns stack into one scrolling page."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import ScrollableContainer, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from mammolog.services.proposals import ProposalRecord
from mammolog.services.result_entry import ResultChanges
from mammolog.services.study_view import DocumentRecord
from mammolog.tui.commands import STUDY, bindings_for
from mammolog.tui.data import StudyView, document_text, load_study
from mammolog.tui.messages import CatalogChanged, LoadFailed, StudyLoaded
from mammolog.tui.safe import plain, plain_lines
from mammolog.tui.screens.base import MammologScreen
from mammolog.tui.widgets.study_text import (
    encoding_text,
    head_text,
    no_proposals_text,
    proposal_cells,
    result_text,
    view_text,
)
from mammolog.untrusted import for_terminal

NO_DOCUMENTS = "No reports or documents came with this study."
NARROW_BELOW = 110  # columns: below this the two columns stack
DOCUMENT_KINDS = {
    "sr": "structured report",
    "encapsulated-pdf": "PDF",
    "attachment": "attached file",
}


@dataclass
class DocumentText(Message):
    """The text of a report was read."""

    key: str
    text: str


@dataclass
class Saved(Message):
    """A write finished; ``summary`` is shown to the user."""

    summary: str


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
        with ScrollableContainer(id="study-body"):
            with Vertical(id="study-left"):
                yield Static("Images", classes="section-title")
                series: DataTable[str | Text] = DataTable(id="study-series", cursor_type="row")
                series.add_columns("View", "Series", "No.", "Size", "Kind", "Encoding")
                yield series
                yield Static("Reports and documents", classes="section-title")
                documents: DataTable[str | Text] = DataTable(
                    id="study-documents", cursor_type="row"
                )
                documents.add_columns("Document", "Kind")
                yield documents
                yield Static(NO_DOCUMENTS, id="study-no-documents", classes="hint")
                with VerticalScroll(id="study-document-text"):
                    yield Static("", id="study-text", markup=False)
            with VerticalScroll(id="study-right"):
                yield Static("Result", classes="section-title")
                yield Static("", id="study-result")
                yield Static("Proposals from reports", classes="section-title")
                proposals: DataTable[str | Text] = DataTable(
                    id="study-proposals", cursor_type="row"
                )
                proposals.add_columns("What", "Proposed", "From the report")
                yield proposals
                yield Static("", id="study-no-proposals", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        """Read the study."""
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Accept and reject are offered while proposals wait; Open when there is a file."""
        if action in ("accept_proposal", "reject_proposal"):
            return self.view is not None and any(p.status == "pending" for p in self.view.proposals)
        if action == "open_attachment":
            return self.view is not None and any(d.kind != "sr" for d in self.view.documents)
        return True

    def on_resize(self, event: events.Resize) -> None:
        """Stack the columns on a narrow terminal."""
        self.set_class(event.size.width < NARROW_BELOW, "narrow")

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
        self.query_one("#study-head", Static).update(head_text(view))
        self._fill_images(view)
        self._fill_documents(view)
        self.query_one("#study-result", Static).update(result_text(self.app, view))
        self._fill_proposals(view)
        self.refresh_bindings()
        if first:
            self.query_one("#study-series", DataTable).focus()

    def _fill_images(self, view: StudyView) -> None:
        table: DataTable[str | Text] = self.query_one("#study-series", DataTable)
        table.clear()
        for image in view.images:
            kind = "for processing" if "PROCESSING" in image.presentation_intent.upper() else ""
            frames = f" × {image.frames}" if image.frames > 1 else ""
            table.add_row(
                Text(view_text(image), style="bold"),
                plain(image.series_description or str(image.series_number or "–")),
                str(image.instance_number or ""),
                f"{image.columns} × {image.rows}{frames}",
                plain(kind or image.modality),
                plain(encoding_text(image)),
                key=str(image.pk),
            )

    def _fill_documents(self, view: StudyView) -> None:
        table: DataTable[str | Text] = self.query_one("#study-documents", DataTable)
        table.clear()
        for document in view.documents:
            kind = DOCUMENT_KINDS.get(document.kind, document.kind)
            table.add_row(plain(document.name), plain(kind), key=document.key)
        has_documents = table.row_count > 0
        table.display = has_documents
        self.query_one("#study-document-text").display = has_documents
        self.query_one("#study-no-documents").display = not has_documents
        if has_documents:
            self.read_text(view.documents[0])

    def _fill_proposals(self, view: StudyView) -> None:
        table: DataTable[str | Text] = self.query_one("#study-proposals", DataTable)
        table.clear()
        for proposal in view.proposals:
            if proposal.status != "pending":
                continue
            what, proposed = proposal_cells(
                proposal.field, proposal.side, proposal.value, proposal.conflict
            )
            quote = plain(proposal.quote)
            quote.truncate(60, overflow="ellipsis")
            table.add_row(what, proposed, quote, key=str(proposal.proposal_id))
        table.display = table.row_count > 0
        hint = self.query_one("#study-no-proposals", Static)
        hint.display = table.row_count == 0
        hint.update(no_proposals_text(view))

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
        proposal = self._proposal(event.row_key.value)
        if proposal is None:
            return
        text = plain(f"{proposal.document}\n", style="bold")
        text.append("\n")
        context = plain_lines(proposal.context or proposal.quote)
        quote = plain_lines(proposal.quote).plain
        start = context.plain.find(quote) if quote else -1
        if start >= 0:
            context.stylize("reverse", start, start + len(quote))
        text.append_text(context)
        self.query_one("#study-text", Static).update(text)
        self.query_one("#study-document-text").display = True

    def _document(self, key: str | None) -> DocumentRecord | None:
        if self.view is None:
            return None
        return next((d for d in self.view.documents if d.key == key), None)

    def _proposal(self, key: str | None) -> ProposalRecord | None:
        if self.view is None:
            return None
        return next((p for p in self.view.proposals if str(p.proposal_id) == key), None)

    @work(thread=True, exclusive=True, group="document-text", exit_on_error=False)
    def read_text(self, document: DocumentRecord) -> None:
        """Read a report's text (worker)."""
        try:
            text = document_text(document)
        except Exception as error:  # noqa: BLE001 - the reports module raises several kinds
            text = f"The text of this document cannot be shown: {error}"
        self.post_message(DocumentText(document.key, text or "(this document has no text)"))

    def on_document_text(self, message: DocumentText) -> None:
        """Show a report's text."""
        self.query_one("#study-text", Static).update(plain_lines(message.text))

    def action_open_images(self) -> None:
        """View this study's images."""
        from mammolog.tui.screens.images import ImagesScreen

        self.app.push_screen(ImagesScreen(self.study_pk))

    def action_explain(self) -> None:
        """This study's results in plain words."""
        if self.view is None:
            return
        from mammolog.tui.screens.explanation import ExplanationScreen

        self.app.push_screen(ExplanationScreen(self.view.study.study_uid))

    def action_edit_result(self) -> None:
        """Enter the result (BI-RADS, density, findings, procedures, pathology)."""
        if self.view is None:
            return
        from mammolog.tui.screens.result_form import ResultFormScreen

        def saved(changes: ResultChanges | None) -> None:
            if changes is not None:
                self.save_result(changes)

        self.app.push_screen(ResultFormScreen(self.view, self.mammolog.today), saved)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def save_result(self, changes: ResultChanges) -> None:
        """Record the result in one transaction (worker)."""
        from mammolog.domain.errors import DomainValidationError
        from mammolog.tui.saving import save_result_changes

        assert self.view is not None
        try:
            summary = save_result_changes(
                self.mammolog.catalog(), self.view.study.study_uid, changes
            )
        except (DomainValidationError, ValueError) as error:
            self.post_message(LoadFailed("save the result", str(error)))
            return
        self.post_message(Saved(summary))

    def on_saved(self, message: Saved) -> None:
        """Tell the user and refresh every screen."""
        self.notify(for_terminal(message.summary), timeout=4, markup=False)
        self.mammolog.refresh_catalog_views("result")

    def action_open_attachment(self) -> None:
        """Open the selected document with the system viewer."""
        table: DataTable[str | Text] = self.query_one("#study-documents", DataTable)
        if table.row_count == 0:
            self.notify("This study has no document to open.", timeout=3)
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        document = self._document(key)
        if document is not None:
            self.open_in_viewer(document)

    @work(thread=True, exclusive=True, group="viewer", exit_on_error=False)
    def open_in_viewer(self, document: DocumentRecord) -> None:
        """Hand the document to the system viewer (worker)."""
        from mammolog.tui.saving import open_document

        try:
            opened = open_document(document, self.mammolog.paths)
        except Exception as error:  # noqa: BLE001 - any reason is shown as is
            self.post_message(LoadFailed("open the document", str(error)))
            return
        self.post_message(Saved(f"Opened {opened.name} with the system viewer."))

    def _selected_proposal(self) -> ProposalRecord | None:
        table: DataTable[str | Text] = self.query_one("#study-proposals", DataTable)
        if table.row_count == 0:
            self.notify("There is no proposal waiting.", timeout=3)
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._proposal(key)

    def action_accept_proposal(self) -> None:
        """Accept the selected proposal."""
        proposal = self._selected_proposal()
        if proposal is not None:
            self.decide(proposal, True)

    def action_reject_proposal(self) -> None:
        """Reject the selected proposal."""
        proposal = self._selected_proposal()
        if proposal is not None:
            self.decide(proposal, False)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def decide(self, proposal: ProposalRecord, accept: bool) -> None:
        """Accept or reject a proposal (worker)."""
        from mammolog.tui.saving import decide_proposal

        try:
            summary = decide_proposal(self.mammolog.catalog(), proposal, accept)
        except ValueError as error:
            self.post_message(LoadFailed("decide", str(error)))
            return
        self.post_message(Saved(summary))
