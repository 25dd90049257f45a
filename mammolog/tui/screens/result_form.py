"""The results form: BI-RADS per breast, density, recommendation, a note, the findings (add,
change, remove), procedures and pathology. It checks everything with the domain rules and
hands back one :class:`ResultChanges`, which the study screen saves in one transaction."""

from __future__ import annotations

from datetime import date

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from mammolog.domain.errors import DomainValidationError
from mammolog.domain.lexicon import PathologyOutcome, ProcedureType
from mammolog.domain.plain_words import refusal_words, words
from mammolog.domain.records import Assessment, Pathology, Procedure
from mammolog.services.result_entry import ResultChanges
from mammolog.services.results import AssessmentInput
from mammolog.tui.choices import (
    SIDE_NAMES,
    category_options,
    chosen,
    density_options,
    enum_options,
    option_value,
    recommendation_options,
    side_options,
)
from mammolog.tui.data import StudyView
from mammolog.tui.widgets.explanation import ChoiceMeaning
from mammolog.tui.widgets.finding_editor import FindingEditor, form_row

ASSESSMENT_FIELDS = ("right", "left", "density", "recommendation")


class ResultFormScreen(ModalScreen[ResultChanges | None]):
    """Enter or change the result of one study; dismisses with what to save."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="result.cancel"),
        Binding("ctrl+s", "save", "Save", tooltip="Check and save the result", id="result.save"),
    ]

    def __init__(self, view: StudyView, today: date) -> None:
        super().__init__()
        self.view = view
        self.today = today
        self.procedures: list[Procedure] = []
        self.pathology: list[Pathology] = []

    def _recorded(self) -> dict[str, str | None]:
        """The assessment values recorded now, as picker values."""
        current = self.view.assessment
        if current is None:
            return dict.fromkeys(ASSESSMENT_FIELDS)
        return {
            "right": option_value(current.right) if current.right else None,
            "left": option_value(current.left) if current.left else None,
            "density": option_value(current.density) if current.density else None,
            "recommendation": (
                option_value(current.recommendation) if current.recommendation else None
            ),
        }

    def compose(self) -> ComposeResult:
        day = self.view.study.study_date
        title = f"Result of the exam on {day.isoformat() if day else 'an undated exam'}"
        recorded = self._recorded()
        note = self.view.assessment.note if self.view.assessment else ""

        def picker(options: list[tuple[str, str]], name: str, prompt: str) -> Select[str]:
            value = recorded[name]
            return Select(options, id=name, prompt=prompt, value=value or Select.NULL)

        with Vertical(id="result-form"):
            yield Static(title, classes="form-title")
            with VerticalScroll():
                yield form_row("Right breast", picker(category_options(), "right", "not assessed"))
                yield form_row("Left breast", picker(category_options(), "left", "not assessed"))
                yield form_row("Density", picker(density_options(), "density", "not stated"))
                yield form_row(
                    "Recommended",
                    picker(recommendation_options(), "recommendation", "not stated"),
                )
                note_input = Input(note, placeholder="anything else", id="note", compact=True)
                yield form_row("Note", note_input)
                yield Static("Findings", classes="section-title")
                yield FindingEditor(self.view.findings, id="findings")
                yield Static("Procedures and pathology", classes="section-title")
                yield Static("", id="procedure-list")
                yield form_row(
                    "Procedure",
                    Select(enum_options(ProcedureType), id="p-type", prompt="procedure"),
                    Select(side_options(), id="p-side", prompt="side"),
                    Input(placeholder="YYYY-MM-DD", id="p-date", compact=True),
                )
                yield Horizontal(
                    Button("Add procedure", id="add-procedure", compact=True), classes="form-row"
                )
                yield Static("", id="pathology-list")
                yield form_row(
                    "Pathology",
                    Select(enum_options(PathologyOutcome), id="h-outcome", prompt="outcome"),
                    Select(side_options(), id="h-side", prompt="side"),
                    Input(placeholder="YYYY-MM-DD", id="h-date", compact=True),
                )
                yield Horizontal(
                    Button("Add pathology", id="add-pathology", compact=True), classes="form-row"
                )
            yield ChoiceMeaning(id="choice-meaning")
            yield Static("", id="result-error")
            with Horizontal(id="result-form-buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        """Blink off when the app says so."""
        for widget in self.query(Input):
            widget.cursor_blink = getattr(self.app, "cursor_blink", True)
        self.query_one("#right", Select).focus()

    @on(Select.Changed)
    def _show_meaning(self, event: Select.Changed) -> None:
        """Say what the choice being picked means (from the reviewed explanations)."""
        self.query_one(ChoiceMeaning).explain_select(event.select.id or "", event.value)

    def on_resize(self, event: events.Resize) -> None:
        """On a small terminal the form takes the whole screen and its rows close up."""
        self.set_class(event.size.width < 100 or event.size.height < 32, "narrow")

    def _error(self, message: str) -> None:
        self.query_one("#result-error", Static).update(message)

    def on_finding_editor_problem(self, message: FindingEditor.Problem) -> None:
        """Show why a finding was refused (or clear the message)."""
        self._error(message.text)

    @on(Button.Pressed, "#add-procedure")
    def _add_procedure(self) -> None:
        try:
            procedure = Procedure.from_input(
                date=self.query_one("#p-date", Input).value.strip(),
                type=chosen(self.query_one("#p-type", Select)) or "",
                side=chosen(self.query_one("#p-side", Select)) or "",
                today=self.today,
            )
        except DomainValidationError as error:
            self._error(refusal_words(error))
            return
        self.procedures.append(procedure)
        self._error("")
        self.query_one("#procedure-list", Static).update(
            "\n".join(
                f"• {p.date.isoformat()} {words(p.type)} {SIDE_NAMES[p.side]} (new)"
                for p in self.procedures
            )
        )

    @on(Button.Pressed, "#add-pathology")
    def _add_pathology(self) -> None:
        try:
            result = Pathology.from_input(
                date=self.query_one("#h-date", Input).value.strip(),
                outcome=chosen(self.query_one("#h-outcome", Select)) or "",
                side=chosen(self.query_one("#h-side", Select)) or "",
                today=self.today,
            )
        except DomainValidationError as error:
            self._error(refusal_words(error))
            return
        self.pathology.append(result)
        self._error("")
        self.query_one("#pathology-list", Static).update(
            "\n".join(
                f"• {p.date.isoformat()} {words(p.outcome)} {SIDE_NAMES[p.side]} (new)"
                for p in self.pathology
            )
        )

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    def _assessment(self) -> AssessmentInput | None:
        """The assessment to record, or None when it is as recorded (raises when refused)."""
        values = {name: chosen(self.query_one(f"#{name}", Select)) for name in ASSESSMENT_FIELDS}
        note = self.query_one("#note", Input).value.strip()
        current = self.view.assessment
        if values == self._recorded() and note == (current.note if current else ""):
            return None
        if not (values["right"] or values["left"]):
            raise DomainValidationError(
                "category", "choose the BI-RADS category of at least one breast"
            )
        Assessment.from_input(
            right=values["right"],
            left=values["left"],
            density=values["density"],
            recommendation=values["recommendation"],
        )
        return AssessmentInput(
            right=values["right"],
            left=values["left"],
            density=values["density"],
            recommendation=values["recommendation"],
            note=note,
        )

    def action_save(self) -> None:
        """Check everything with the domain rules and hand it back to be saved."""
        try:
            assessment = self._assessment()
        except DomainValidationError as error:
            self._error(refusal_words(error))
            return
        added, changed, removed = self.query_one("#findings", FindingEditor).changes()
        changes = ResultChanges(
            assessment=assessment,
            added_findings=added,
            changed_findings=changed,
            removed_findings=removed,
            procedures=tuple(self.procedures),
            pathology=tuple(self.pathology),
        )
        if changes.is_empty:
            self._error("Nothing to save yet: choose a category or add a finding.")
            return
        self.dismiss(changes)
