"""The findings part of the results form: the study's findings as a list, pickers to add one,
and buttons to change or remove the selected one. Pickers offer only what the BI-RADS
lexicon allows for the type chosen, and a clock hour must lie in the chosen quadrant."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Label, Select, Static

from mammolog.domain.errors import DomainValidationError
from mammolog.domain.finding import Finding
from mammolog.domain.findings import describe_finding
from mammolog.domain.lexicon import (
    AsymmetryKind,
    CalcificationDistribution,
    CalcificationMorphology,
    Change,
    FindingType,
    MassDensity,
    MassMargin,
    MassShape,
    Quadrant,
    Side,
)
from mammolog.domain.locations import quadrant_hours
from mammolog.domain.plain_words import refusal_words
from mammolog.services.results import StoredFinding
from mammolog.tui.choices import chosen, enum_options, option_value, quadrant_options, side_options
from mammolog.tui.safe import plain

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
DETAIL_LABELS = {
    "morphology": "Shape",
    "distribution": "Spread",
    "shape": "Shape",
    "margin": "Margin",
    "mass_density": "Density",
    "asymmetry": "Kind",
}
PICKED = ("type", "side", "quadrant", "clock", "change", *DETAIL_ENUMS)
STATE_WORDS = {"recorded": "", "new": "new", "changed": "changed"}


@dataclass(frozen=True)
class FindingEntry:
    """One finding in the list: recorded before (``stored_id``), new, or changed."""

    key: str
    finding: Finding
    stored_id: int | None = None
    state: str = "recorded"  # "recorded", "new" or "changed"


def form_row(label: str, *widgets: Any) -> Horizontal:
    """A labelled row of compact pickers."""
    for widget in widgets:
        if isinstance(widget, Select):
            widget.compact = True
    return Horizontal(Label(label), *widgets, classes="form-row")


class FindingEditor(Vertical):
    """Add, change and remove a study's findings; nothing is saved until the form is.

    In the list, Enter changes the selected finding and Delete removes it.
    """

    BINDINGS = [
        Binding(
            "delete", "remove_selected", "Remove", show=False,
            tooltip="Remove the selected finding", id="finding.remove",
        ),
    ]  # fmt: skip

    @dataclass
    class Problem(Message):
        """A finding was refused (``text`` says why) or accepted (``text`` is empty)."""

        text: str

    def __init__(self, stored: tuple[StoredFinding, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[FindingEntry] = [
            FindingEntry(f"f{s.finding_id}", s.finding, s.finding_id) for s in stored
        ]
        self.removed_ids: list[int] = []
        self.editing: str | None = None
        self._next_key = 0

    def compose(self) -> ComposeResult:
        table: DataTable[str | Text] = DataTable(id="finding-list", cursor_type="row")
        table.add_columns("Finding", "")
        yield table
        yield Static("No findings recorded.", id="finding-none", classes="hint")
        with Horizontal(classes="form-row", id="finding-actions"):
            yield Button("Change selected", id="edit-finding", compact=True)
            yield Button("Remove selected", id="remove-finding", compact=True)
        yield form_row("Finding", Select(enum_options(FindingType), id="f-type", prompt="type"))
        yield form_row("Side", Select(side_options(), id="f-side", prompt="side"))
        for name, enum in DETAIL_ENUMS.items():
            row = form_row(
                DETAIL_LABELS[name], Select(enum_options(enum), id=f"f-{name}", prompt="not stated")
            )
            row.id = f"row-{name}"
            yield row
        yield form_row(
            "Where",
            Select(quadrant_options(), id="f-quadrant", prompt="quadrant"),
            Select(self._clock_options(range(1, 13)), id="f-clock", prompt="o'clock"),
        )
        yield form_row(
            "Since last", Select(enum_options(Change), id="f-change", prompt="not stated")
        )
        with Horizontal(classes="form-row"):
            yield Button("Add finding", id="add-finding", compact=True)
            yield Button("Stop changing", id="stop-editing", compact=True)

    def on_mount(self) -> None:
        """Only the pickers of the chosen type show."""
        self._show_type_fields(None)
        self.query_one("#stop-editing").display = False
        self._fill_list()

    @staticmethod
    def _clock_options(hours: Any) -> list[tuple[str, str]]:
        return [(f"{h} o'clock", str(h)) for h in hours]

    def changes(
        self,
    ) -> tuple[tuple[Finding, ...], tuple[tuple[int, Finding], ...], tuple[int, ...]]:
        """(added, changed by stored id, removed stored ids), for the form's save."""
        added = tuple(e.finding for e in self.entries if e.stored_id is None)
        changed = tuple(
            (e.stored_id, e.finding)
            for e in self.entries
            if e.stored_id is not None and e.state == "changed"
        )
        return added, changed, tuple(self.removed_ids)

    def _fill_list(self) -> None:
        table: DataTable[str | Text] = self.query_one("#finding-list", DataTable)
        rows = [
            (plain(describe_finding(e.finding)), Text(STATE_WORDS[e.state], style="italic"), e.key)
            for e in self.entries
        ]
        # columns as wide as these rows: auto widths can keep the width of what was there before
        table.clear(columns=True)
        table.add_column("Finding", width=max([7, *(r[0].cell_len for r in rows)]))
        table.add_column("", width=max([1, *(r[1].cell_len for r in rows)]))
        for finding, state, key in rows:
            table.add_row(finding, state, key=key)
        table.display = bool(self.entries)
        self.query_one("#finding-actions").display = bool(self.entries)
        self.query_one("#finding-none").display = not self.entries

    def _show_type_fields(self, finding_type: FindingType | None) -> None:
        wanted = TYPE_FIELDS.get(finding_type, ()) if finding_type else ()
        for name in DETAIL_ENUMS:
            self.query_one(f"#row-{name}").display = name in wanted

    @on(Select.Changed, "#f-type")
    def _type_changed(self, event: Select.Changed) -> None:
        value = chosen(event.select)
        self._show_type_fields(FindingType(value) if value else None)

    @on(Select.Changed, "#f-quadrant")
    @on(Select.Changed, "#f-side")
    def _location_changed(self) -> None:
        quadrant = chosen(self.query_one("#f-quadrant", Select))
        side = chosen(self.query_one("#f-side", Select))
        hours = list(range(1, 13))
        if quadrant and side:
            allowed = quadrant_hours(Quadrant(quadrant), Side(side))
            if allowed:
                hours = sorted(allowed)
        clock: Select[str] = self.query_one("#f-clock", Select)
        before = chosen(clock)
        clock.set_options(self._clock_options(hours))
        if before is not None and int(before) in hours:
            clock.value = before

    def _picked(self) -> Finding | None:
        value = chosen(self.query_one("#f-type", Select))
        if value is None:
            self.post_message(self.Problem("Choose the type of finding first."))
            return None
        fields: dict[str, Any] = {"type": value}
        for name in (
            "side",
            "quadrant",
            "clock",
            "change",
            *TYPE_FIELDS.get(FindingType(value), ()),
        ):
            picked = chosen(self.query_one(f"#f-{name}", Select))
            if picked is not None:
                fields[name] = picked
        try:
            return Finding(**fields)
        except DomainValidationError as error:
            self.post_message(self.Problem(refusal_words(error)))
            return None

    def _clear_pickers(self) -> None:
        for name in PICKED:
            self.query_one(f"#f-{name}", Select).clear()
        self.editing = None
        self.query_one("#add-finding", Button).label = "Add finding"
        self.query_one("#stop-editing").display = False

    @on(Button.Pressed, "#add-finding")
    def _add_pressed(self) -> None:
        finding = self._picked()
        if finding is None:
            return
        if self.editing is None:
            self._next_key += 1
            self.entries.append(FindingEntry(f"n{self._next_key}", finding, None, "new"))
        else:
            self.entries = [
                replace(e, finding=finding, state="changed" if e.stored_id else "new")
                if e.key == self.editing
                else e
                for e in self.entries
            ]
        self.post_message(self.Problem(""))
        self._clear_pickers()
        self._fill_list()

    def _selected(self) -> FindingEntry | None:
        table: DataTable[str | Text] = self.query_one("#finding-list", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((e for e in self.entries if e.key == key), None)

    @on(DataTable.RowSelected, "#finding-list")
    @on(Button.Pressed, "#edit-finding")
    def _edit_pressed(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        finding = entry.finding
        self.editing = entry.key
        self.query_one("#f-type", Select).value = finding.type.value
        self._show_type_fields(finding.type)
        for name in ("side", "quadrant", "change", *DETAIL_ENUMS):
            self.query_one(f"#f-{name}", Select).value = option_value(getattr(finding, name))
        self._location_changed()
        self.query_one("#f-clock", Select).value = option_value(finding.clock)
        self.query_one("#add-finding", Button).label = "Keep this change"
        self.query_one("#stop-editing").display = True
        self.post_message(self.Problem(""))
        self.query_one("#f-type", Select).focus()

    @on(Button.Pressed, "#stop-editing")
    def _stop_pressed(self) -> None:
        self._clear_pickers()

    def action_remove_selected(self) -> None:
        """Remove the finding selected in the list."""
        self._remove_pressed()

    @on(Button.Pressed, "#remove-finding")
    def _remove_pressed(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        if entry.stored_id is not None:
            self.removed_ids.append(entry.stored_id)
        self.entries = [e for e in self.entries if e.key != entry.key]
        if self.editing == entry.key:
            self._clear_pickers()
        self._fill_list()
