"""The results form: BI-RADS per breast, density, findings, recommendation, procedures,
pathology and a note. Pickers offer only what the BI-RADS lexicon allows for the choice
already made (a mass has a shape and margin, calcifications a morphology and distribution,
a clock hour must lie in the chosen quadrant)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static
from textual.widgets._select import NoSelection

from mammolog.domain.birads import CATEGORY_INFO, DENSITY_WORDING
from mammolog.domain.errors import DomainValidationError
from mammolog.domain.findings import describe_finding
from mammolog.domain.lexicon import (
    AsymmetryKind,
    CalcificationDistribution,
    CalcificationMorphology,
    Category,
    Change,
    Density,
    FindingType,
    MassDensity,
    MassMargin,
    MassShape,
    PathologyOutcome,
    ProcedureType,
    Quadrant,
    Recommendation,
    Side,
)
from mammolog.domain.locations import quadrant_hours
from mammolog.domain.records import Assessment, Finding, Pathology, Procedure
from mammolog.tui.data import StudyView

# Which detail pickers each finding type has (the rest are hidden).
TYPE_FIELDS: dict[FindingType, tuple[str, ...]] = {
    FindingType.CALCIFICATION: ("morphology", "distribution"),
    FindingType.MASS: ("shape", "margin", "mass_density"),
    FindingType.ASYMMETRY: ("asymmetry",),
}
DETAIL_ENUMS: dict[str, type[StrEnum]] = {
    "morphology": CalcificationMorphology,
    "distribution": CalcificationDistribution,
    "shape": MassShape,
    "margin": MassMargin,
    "mass_density": MassDensity,
    "asymmetry": AsymmetryKind,
}
SIDE_NAMES = {Side.RIGHT: "right", Side.LEFT: "left", Side.BOTH: "both"}


def words(value: StrEnum) -> str:
    """ "fine-pleomorphic" -> "fine pleomorphic"."""
    return value.value.replace("-", " ")


def category_options() -> list[tuple[str, str]]:
    """Each category with its name and likelihood of malignancy."""
    return [
        (f"{c.value}  {info.name} (malignancy {info.likelihood})", c.value)
        for c, info in CATEGORY_INFO.items()
    ]


def enum_options(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """Options for a lexicon picker."""
    return [(words(member), member.value) for member in enum]


@dataclass(frozen=True)
class ResultEntry:
    """What the form collected, validated by the domain records, ready to save."""

    assessment: dict[str, str | None] | None
    findings: tuple[Finding, ...]
    procedures: tuple[Procedure, ...]
    pathology: tuple[Pathology, ...]


def _value(select: Select[Any]) -> str | None:
    value = select.value
    return None if isinstance(value, NoSelection) or value is None else str(value)


class ResultFormScreen(ModalScreen[ResultEntry | None]):
    """Enter or change the result of one study; dismisses with what to save."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="result.cancel"),
        Binding("ctrl+s", "save", "Save", tooltip="Check and save the result", id="result.save"),
    ]

    def __init__(self, view: StudyView, today: date) -> None:
        super().__init__()
        self.view = view
        self.today = today
        self.findings: list[Finding] = []
        self.procedures: list[Procedure] = []
        self.pathology: list[Pathology] = []

    def _row(self, label: str, *widgets: Any) -> Horizontal:
        for widget in widgets:
            if isinstance(widget, Select | Input):
                widget.compact = True
        return Horizontal(Label(label), *widgets, classes="form-row")

    def compose(self) -> ComposeResult:
        current = self.view.assessment
        day = self.view.study.study_date
        title = f"Result of the exam on {day.isoformat() if day else 'an undated exam'}"
        cats = category_options()
        with Vertical(id="result-form"):
            yield Static(f"[b]{title}[/b]")
            with VerticalScroll():
                yield self._row(
                    "Right breast",
                    Select(
                        cats,
                        id="right",
                        prompt="not assessed",
                        value=_opt(current.right if current else None),
                    ),
                )
                yield self._row(
                    "Left breast",
                    Select(
                        cats,
                        id="left",
                        prompt="not assessed",
                        value=_opt(current.left if current else None),
                    ),
                )
                yield self._row(
                    "Density",
                    Select(
                        [(f"{d.value}  {DENSITY_WORDING[d]}", d.value) for d in Density],
                        id="density",
                        prompt="not stated",
                        value=_opt(current.density if current else None),
                    ),
                )
                yield self._row(
                    "Recommended",
                    Select(
                        enum_options(Recommendation),
                        id="recommendation",
                        prompt="not stated",
                        value=_opt(current.recommendation if current else None),
                    ),
                )
                note = Input(
                    current.note if current else "", placeholder="anything else", id="note"
                )
                yield self._row("Note", note)
                yield Static("Findings", classes="section-title")
                yield Static(self._findings_text(), id="finding-list")
                yield self._row(
                    "Finding",
                    Select(enum_options(FindingType), id="f-type", prompt="type of finding"),
                )
                yield self._row(
                    "Side",
                    Select([(SIDE_NAMES[s], s.value) for s in Side], id="f-side", prompt="side"),
                )
                for name, enum in DETAIL_ENUMS.items():
                    row = self._row(
                        name.replace("_", " ").capitalize(),
                        Select(enum_options(enum), id=f"f-{name}", prompt="not stated"),
                    )
                    row.id = f"row-{name}"
                    yield row
                yield self._row(
                    "Where",
                    Select(enum_options(Quadrant), id="f-quadrant", prompt="quadrant"),
                    Select([], id="f-clock", prompt="o'clock"),
                )
                yield self._row(
                    "Since last", Select(enum_options(Change), id="f-change", prompt="not stated")
                )
                yield Horizontal(Button("Add finding", id="add-finding"), classes="form-row")
                yield Static("Procedures and pathology", classes="section-title")
                yield Static("", id="procedure-list")
                yield self._row(
                    "Procedure",
                    Select(enum_options(ProcedureType), id="p-type", prompt="procedure"),
                    Select([(SIDE_NAMES[s], s.value) for s in Side], id="p-side", prompt="side"),
                    Input(placeholder="YYYY-MM-DD", id="p-date"),
                )
                yield Horizontal(Button("Add procedure", id="add-procedure"), classes="form-row")
                yield Static("", id="pathology-list")
                yield self._row(
                    "Pathology",
                    Select(enum_options(PathologyOutcome), id="h-outcome", prompt="outcome"),
                    Select([(SIDE_NAMES[s], s.value) for s in Side], id="h-side", prompt="side"),
                    Input(placeholder="YYYY-MM-DD", id="h-date"),
                )
                yield Horizontal(Button("Add pathology", id="add-pathology"), classes="form-row")
            yield Static("", id="result-error")
            with Horizontal(id="result-form-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        """Blink off when the app says so; only the pickers of the chosen type show."""
        for widget in self.query(Input):
            widget.cursor_blink = getattr(self.app, "cursor_blink", True)
        self._show_type_fields(None)
        self.query_one("#right", Select).focus()

    def _findings_text(self) -> str:
        stored = [describe_finding(f.finding) for f in self.view.findings]
        added = [describe_finding(f) + "  (new)" for f in getattr(self, "findings", [])]
        lines = stored + added
        return "\n".join(f"• {line}" for line in lines) if lines else "No findings recorded."

    def _show_type_fields(self, finding_type: FindingType | None) -> None:
        wanted = TYPE_FIELDS.get(finding_type, ()) if finding_type else ()
        for name in DETAIL_ENUMS:
            self.query_one(f"#row-{name}").display = name in wanted

    @on(Select.Changed, "#f-type")
    def _type_changed(self, event: Select.Changed) -> None:
        value = _value(event.select)
        self._show_type_fields(FindingType(value) if value else None)

    @on(Select.Changed, "#f-quadrant")
    @on(Select.Changed, "#f-side")
    def _location_changed(self) -> None:
        quadrant = _value(self.query_one("#f-quadrant", Select))
        side = _value(self.query_one("#f-side", Select))
        hours = list(range(1, 13))
        if quadrant and side:
            allowed = quadrant_hours(Quadrant(quadrant), Side(side))
            if allowed:
                hours = sorted(allowed)
        clock: Select[str] = self.query_one("#f-clock", Select)
        clock.set_options([(f"{h} o'clock", str(h)) for h in hours])

    def _error(self, message: str) -> None:
        self.query_one("#result-error", Static).update(message)

    @on(Button.Pressed, "#add-finding")
    def _add_finding(self) -> None:
        value = _value(self.query_one("#f-type", Select))
        if value is None:
            self._error("Choose the type of finding first.")
            return
        fields: dict[str, Any] = {"type": value}
        for name in (
            "side",
            "quadrant",
            "clock",
            "change",
            *TYPE_FIELDS.get(FindingType(value), ()),
        ):
            chosen = _value(self.query_one(f"#f-{name}", Select))
            if chosen is not None:
                fields[name] = chosen
        try:
            finding = Finding(**fields)
        except DomainValidationError as error:
            self._error(str(error))
            return
        self.findings.append(finding)
        self._error("")
        self.query_one("#finding-list", Static).update(self._findings_text())
        for name in ("type", "side", "quadrant", "clock", "change", *DETAIL_ENUMS):
            self.query_one(f"#f-{name}", Select).clear()

    @on(Button.Pressed, "#add-procedure")
    def _add_procedure(self) -> None:
        try:
            procedure = Procedure.from_input(
                date=self.query_one("#p-date", Input).value.strip(),
                type=_value(self.query_one("#p-type", Select)) or "",
                side=_value(self.query_one("#p-side", Select)) or "",
                today=self.today,
            )
        except DomainValidationError as error:
            self._error(str(error))
            return
        self.procedures.append(procedure)
        self._error("")
        self.query_one("#procedure-list", Static).update(
            "\n".join(
                f"• {p.date.isoformat()} {words(p.type)} {SIDE_NAMES[p.side]}"
                for p in self.procedures
            )
        )

    @on(Button.Pressed, "#add-pathology")
    def _add_pathology(self) -> None:
        try:
            result = Pathology.from_input(
                date=self.query_one("#h-date", Input).value.strip(),
                outcome=_value(self.query_one("#h-outcome", Select)) or "",
                side=_value(self.query_one("#h-side", Select)) or "",
                today=self.today,
            )
        except DomainValidationError as error:
            self._error(str(error))
            return
        self.pathology.append(result)
        self._error("")
        self.query_one("#pathology-list", Static).update(
            "\n".join(
                f"• {p.date.isoformat()} {words(p.outcome)} {SIDE_NAMES[p.side]}"
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

    def action_save(self) -> None:
        """Check everything with the domain rules and hand it back to be saved."""
        values = {
            "right": _value(self.query_one("#right", Select)),
            "left": _value(self.query_one("#left", Select)),
            "density": _value(self.query_one("#density", Select)),
            "recommendation": _value(self.query_one("#recommendation", Select)),
            "note": self.query_one("#note", Input).value.strip(),
        }
        assessment: dict[str, str | None] | None = None
        if values["right"] or values["left"]:
            try:
                Assessment.from_input(
                    right=values["right"],
                    left=values["left"],
                    density=values["density"],
                    recommendation=values["recommendation"],
                )
            except DomainValidationError as error:
                self._error(str(error))
                return
            assessment = values
        elif values["density"] or values["recommendation"]:
            self._error("Choose the BI-RADS category of at least one breast.")
            return
        if assessment is None and not (self.findings or self.procedures or self.pathology):
            self._error("Nothing to save yet: choose a category or add a finding.")
            return
        self.dismiss(
            ResultEntry(
                assessment, tuple(self.findings), tuple(self.procedures), tuple(self.pathology)
            )
        )


def _opt(value: Category | Density | Recommendation | None) -> Any:
    return Select.NULL if value is None else value.value
