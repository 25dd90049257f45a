"""Persons: every woman in the library with the names each disc used; merge two, or split one."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from mammolog.domain.plain_words import plural
from mammolog.services.persons import (
    IdentityRecord,
    PersonError,
    PersonRecord,
    list_persons,
    merge_persons,
    split_identity,
)
from mammolog.tui.commands import PERSONS, bindings_for
from mammolog.tui.messages import LoadFailed
from mammolog.tui.safe import clipped, plain
from mammolog.tui.screens.base import MammologScreen
from mammolog.untrusted import for_terminal

INTRO = (
    "Each disc names a woman its own way. Persons found to be the same (same ID from the "
    "same issuer, or same name and birth date) are joined automatically. If two persons "
    "below are the same woman: select the one to keep and press [b]Space[/b], then select "
    "the other and press [b]m[/b]. If a name was joined to the wrong person, select that "
    "person and press [b]s[/b] to give one of her identities a person of its own."
)


@dataclass
class PersonsLoaded(Message):
    """The persons were read."""

    persons: tuple[PersonRecord, ...]
    merged: str = ""


def identity_text(identity: IdentityRecord) -> Text:
    """One identity as a person reads it: "Maria Kowalska  ID 123  issuer X  2 studies"."""
    issuer = f"  issuer {identity.issuer}" if identity.issuer else ""
    return plain(
        f"{identity.readable_name or '(no name)'}  ID {identity.patient_id or '–'}{issuer}  "
        + plural(identity.studies, "study", "studies")
    )


class SplitIdentityScreen(ModalScreen[int | None]):
    """Choose which identity of a person becomes a person of its own."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Split nothing")]

    def __init__(self, person: PersonRecord) -> None:
        super().__init__()
        self.person = person

    def compose(self) -> ComposeResult:
        with Vertical(id="split-body"):
            yield Static(
                Text.assemble(
                    "Which identity of ",
                    plain(self.person.display_name),
                    " is someone else? Enter splits it off with its studies; Escape cancels.",
                )
            )
            yield OptionList(
                *(
                    Option(identity_text(ident), id=str(ident.identity_id))
                    for ident in self.person.identities
                ),
                id="split-identities",
            )
        yield Footer()

    @on(OptionList.OptionSelected, "#split-identities")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0) or None)

    def action_cancel(self) -> None:
        """Close without splitting."""
        self.dismiss(None)


class PersonsScreen(MammologScreen):
    """List persons and merge two of them."""

    COMMAND_GROUP = PERSONS
    BINDINGS = bindings_for(PERSONS)

    def __init__(self) -> None:
        super().__init__()
        self.persons: tuple[PersonRecord, ...] = ()
        self.keep_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="persons-body"):
            yield Static(INTRO)
            table: DataTable[str | Text] = DataTable(id="persons-table", cursor_type="row")
            table.add_columns(
                "", "Person", "Born", "Names on discs", "IDs", "Studies", "Why joined"
            )
            yield table
        yield Static("", id="persons-status", classes="status-line")
        yield Footer()

    def on_mount(self) -> None:
        """Read the persons."""
        self.load()

    @work(thread=True, exclusive=True, group="persons", exit_on_error=False)
    def load(self) -> None:
        """Read persons (worker)."""
        self.post_message(PersonsLoaded(tuple(list_persons(self.mammolog.catalog()))))

    @work(thread=True, exclusive=True, group="persons", exit_on_error=False)
    def merge_in_worker(self, keep_id: int, other_id: int) -> None:
        """Merge two persons (worker)."""
        engine = self.mammolog.catalog()
        try:
            kept = merge_persons(engine, keep_id, other_id)
        except PersonError as error:
            self.post_message(LoadFailed("merge", str(error)))
            return
        self.post_message(
            PersonsLoaded(tuple(list_persons(engine)), merged=f"Merged into {kept.display_name}.")
        )

    @work(thread=True, exclusive=True, group="persons", exit_on_error=False)
    def split_in_worker(self, person_id: int, identity_id: int) -> None:
        """Give one identity a person of its own (worker)."""
        engine = self.mammolog.catalog()
        try:
            split = split_identity(engine, person_id, identity_id)
        except PersonError as error:
            self.post_message(LoadFailed("split", str(error)))
            return
        self.post_message(
            PersonsLoaded(
                tuple(list_persons(engine)),
                merged=f"{split.display_name} is now person {split.person_id}.",
            )
        )

    def on_persons_loaded(self, message: PersonsLoaded) -> None:
        """Show the persons."""
        self.persons = message.persons
        if message.merged:
            self.keep_id = None
            self.notify(for_terminal(message.merged), timeout=4, markup=False)
            self.mammolog.refresh_catalog_views("merge")
        table: DataTable[str | Text] = self.query_one("#persons-table", DataTable)
        table.clear()
        for person in self.persons:
            idents = person.identities
            table.add_row(
                "keep" if person.person_id == self.keep_id else "",
                plain(f"{person.person_id}: {person.display_name}"),
                person.birth_date.isoformat() if person.birth_date else "–",
                clipped("; ".join(sorted({i.readable_name or "(no name)" for i in idents})), 34),
                clipped("; ".join(sorted({i.patient_id for i in idents if i.patient_id})), 20),
                str(sum(i.studies for i in idents)),
                clipped("; ".join(sorted({i.link_reason for i in idents if i.link_reason})), 30),
                key=str(person.person_id),
            )
        self.query_one("#persons-status", Static).update(
            plural(len(self.persons), "person")
            if self.persons
            else "No persons yet: import a disc first."
        )
        table.focus()

    def _selected(self) -> int | None:
        table: DataTable[str | Text] = self.query_one("#persons-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def action_mark(self) -> None:
        """Mark the selected person as the one to keep."""
        selected = self._selected()
        if selected is None:
            return
        self.keep_id = None if self.keep_id == selected else selected
        table: DataTable[str | Text] = self.query_one("#persons-table", DataTable)
        for person in self.persons:
            mark = "keep" if person.person_id == self.keep_id else ""
            table.update_cell(str(person.person_id), table.ordered_columns[0].key, mark)

    def action_merge(self) -> None:
        """Merge the selected person into the marked one."""
        selected = self._selected()
        if self.keep_id is None:
            self.notify("First mark the person to keep with Space.", timeout=4)
            return
        if selected is None or selected == self.keep_id:
            self.notify("Select the other person (not the one marked to keep).", timeout=4)
            return
        self.merge_in_worker(self.keep_id, selected)

    def action_split(self) -> None:
        """Choose an identity of the selected person to split off."""
        selected = self._selected()
        person = next((p for p in self.persons if p.person_id == selected), None)
        if person is None:
            return
        if len(person.identities) < 2:
            self.notify(
                for_terminal(f"{person.display_name} has only one identity."),
                timeout=4,
                markup=False,
            )
            return

        def split(identity_id: int | None) -> None:
            if identity_id is not None:
                self.split_in_worker(person.person_id, identity_id)

        self.app.push_screen(SplitIdentityScreen(person), split)
