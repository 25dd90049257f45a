"""The library: a person's studies as a table, a search box, what is due, how to import."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from mammolog.tui.commands import LIBRARY, bindings_for
from mammolog.tui.data import (
    LibraryView,
    StudyRow,
    load_library,
    load_studies_only,
    screening_interval,
)
from mammolog.tui.messages import CatalogChanged, LibraryLoaded
from mammolog.tui.screens.base import MammologScreen
from mammolog.tui.widgets.concern import concern_text

EMPTY_LIBRARY = (
    "[b]Your library is empty.[/b]\n\n"
    "Put a patient disc (CD, DVD or USB stick) in, then press [b]F3[/b] to open the import "
    "screen, choose the disc or any folder of DICOM files, and press [b]Ctrl+S[/b].\n\n"
    "From a shell: [b]mammolog import /media/cdrom[/b]\n\n"
    "Everything stays on this computer, in a private folder (see Settings, [b]F9[/b])."
)
NO_MATCH = "No study matches “{query}”. Press [b]Escape[/b] in the search box to clear it."

COLUMNS = (
    ("Date", "date"),
    ("Centre", "centre"),
    ("Description", "description"),
    ("Type", "modalities"),
    ("BI-RADS R", "right"),
    ("BI-RADS L", "left"),
    ("Density", "density"),
    ("Images", "images"),
    ("Report", "report"),
)


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis ("–" when empty)."""
    if not text:
        return "–"
    return text if len(text) <= width else text[: width - 1] + "…"


class LibraryScreen(MammologScreen):
    """A person's studies, newest first."""

    COMMAND_GROUP = LIBRARY
    BINDINGS = bindings_for(LIBRARY)

    def __init__(self) -> None:
        super().__init__()
        self.view: LibraryView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="library-bar"):
            yield Select[int]([], prompt="Person", id="person", allow_blank=True)
            yield self.text_input(placeholder="Search: centre, description, BI-RADS…", id="search")
            yield Static("", id="due-badge", classes="badge")
        with Vertical(id="library-body"):
            table: DataTable[str | Text] = DataTable(
                id="studies", cursor_type="row", zebra_stripes=True
            )
            for title, key in COLUMNS:
                table.add_column(title, key=key)
            yield table
            yield Static(EMPTY_LIBRARY, id="library-empty", classes="empty-state")
        yield Static("Reading the library…", id="library-status", classes="status-line")
        yield Footer()

    def on_mount(self) -> None:
        """Read the library in a worker."""
        self.query_one("#library-empty").display = False
        self.load()

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def load(self) -> None:
        """Read persons and studies (worker)."""
        app = self.mammolog
        if self.view is None:  # first read: show the studies at once, results follow
            self.post_message(LibraryLoaded(load_studies_only(app.catalog(), app.person_id)))
        view = load_library(app.catalog(), app.person_id, app.today, screening_interval(app.paths))
        self.post_message(LibraryLoaded(view))

    def on_library_loaded(self, message: LibraryLoaded) -> None:
        """Show what the worker read."""
        view: LibraryView = message.view
        self.view = view
        if self.mammolog.person_id != view.person_id:
            self.mammolog.person_id = view.person_id
        self._show_persons(view)
        self._show_due(view)
        self._fill_table()

    def on_catalog_changed(self, _message: CatalogChanged) -> None:
        """Read again after an import or a merge."""
        self.load()

    def _show_persons(self, view: LibraryView) -> None:
        select: Select[int] = self.query_one("#person", Select)
        options = [
            (f"{p.display_name}" + (f" ({p.birth_date.year})" if p.birth_date else ""), p.person_id)
            for p in view.persons
        ]
        with self.prevent(Select.Changed):
            select.set_options(options)
            if view.person_id is not None:
                select.value = view.person_id
        select.display = len(options) > 0

    def _show_due(self, view: LibraryView) -> None:
        badge = self.query_one("#due-badge", Static)
        badge.remove_class("overdue", "due")
        if view.due is None:
            badge.display = False
            return
        badge.display = True
        badge.update(view.due.badge)
        badge.add_class("overdue" if view.due.overdue else "due")

    def _visible_rows(self) -> list[StudyRow]:
        if self.view is None:
            return []
        query = self.query_one("#search", Input).value.strip().lower()
        if not query:
            return list(self.view.studies)
        words = query.split()
        return [row for row in self.view.studies if all(w in row.search_text() for w in words)]

    def _fill_table(self) -> None:
        table: DataTable[str | Text] = self.query_one("#studies", DataTable)
        empty = self.query_one("#library-empty", Static)
        status = self.query_one("#library-status", Static)
        rows = self._visible_rows()
        selected = self._selected_pk()
        table.clear()
        for row in rows:
            table.add_row(
                row.study_date.isoformat() if row.study_date else "undated",
                clip(row.institution, 22),
                clip(row.description, 24),
                row.modalities or "–",
                concern_text(self.app, row.right),
                concern_text(self.app, row.left),
                row.density or "–",
                Text(str(row.images), justify="right"),
                self._report_cell(row),
                key=str(row.pk),
            )
        if selected is not None and any(r.pk == selected for r in rows):
            table.move_cursor(row=table.get_row_index(str(selected)))
        has_studies = bool(self.view and self.view.studies)
        query = self.query_one("#search", Input).value.strip()
        table.display = bool(rows)
        empty.display = not rows
        if not has_studies:
            empty.update(EMPTY_LIBRARY)
        elif not rows:
            empty.update(NO_MATCH.format(query=query))
        total = len(self.view.studies) if self.view else 0
        name = self.view.person.display_name if self.view and self.view.person else ""
        shown = f"{len(rows)} of {total}" if len(rows) != total else f"{total}"
        due = f"  ·  {self.view.due.text}" if self.view and self.view.due else ""
        if self.view and not self.view.complete:
            due = "  ·  reading results…"
        status.update(f"{name}: {shown} studies{due}" if name else "No persons yet")
        if rows and not self.query_one("#search", Input).has_focus:
            table.focus()

    @staticmethod
    def _report_cell(row: StudyRow) -> Text:
        if not row.has_report:
            return Text("–", style="dim")
        if row.pending_proposals:
            return Text(f"yes, {row.pending_proposals} to review", style="bold")
        return Text("yes")

    def on_screen_resume(self) -> None:
        """Follow a person chosen on another screen."""
        if self.view is not None and self.view.person_id != self.mammolog.person_id:
            self.load()

    def _selected_pk(self) -> int | None:
        table: DataTable[str | Text] = self.query_one("#studies", DataTable)
        if table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except Exception:  # noqa: BLE001 - no row under the cursor
            return None
        return int(key.value) if key.value is not None else None

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        self._fill_table()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        if self.query_one("#studies", DataTable).row_count:
            self.query_one("#studies", DataTable).focus()

    @on(Select.Changed, "#person")
    def _person_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, int) and event.value != self.mammolog.person_id:
            self.mammolog.person_id = event.value
            self.load()

    @on(DataTable.RowSelected, "#studies")
    def _row_selected(self) -> None:
        self.action_open_study()

    def key_escape(self) -> None:
        """Escape in the search box clears it."""
        search = self.query_one("#search", Input)
        if search.has_focus and search.value:
            search.value = ""

    def action_focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.query_one("#search", Input).focus()

    def action_next_person(self) -> None:
        """Show the next person's studies."""
        if self.view is None or len(self.view.persons) < 2:
            self.notify("There is only one person in the library.", timeout=3)
            return
        ids = [p.person_id for p in self.view.persons]
        current = ids.index(self.view.person_id) if self.view.person_id in ids else -1
        self.mammolog.person_id = ids[(current + 1) % len(ids)]
        self.load()

    def action_refresh(self) -> None:
        """Read the catalog again."""
        self.load()

    def action_open_study(self) -> None:
        """Open the selected study."""
        pk = self._selected_pk()
        if pk is None:
            self.notify("Choose a study first.", timeout=3)
            return
        from mammolog.tui.screens.study import StudyScreen

        self.app.push_screen(StudyScreen(pk))

    def action_open_images(self) -> None:
        """View the selected study's images."""
        pk = self._selected_pk()
        if pk is None:
            self.notify("Choose a study first.", timeout=3)
            return
        from mammolog.tui.screens.images import ImagesScreen

        self.app.push_screen(ImagesScreen(pk))

    def action_manage_persons(self) -> None:
        """Open the persons screen (merge persons)."""
        from mammolog.tui.screens.persons import PersonsScreen

        self.app.push_screen(PersonsScreen())
