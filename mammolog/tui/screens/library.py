"""The library: a person's studies as a table, a search box, what is due, how to import."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from mammolog.domain.plain_words import plural
from mammolog.tui.commands import LIBRARY, bindings_for
from mammolog.tui.data import (
    LibraryView,
    StudyRow,
    load_library,
    load_studies_only,
    screening_interval,
)
from mammolog.tui.messages import CatalogChanged, LibraryLoaded
from mammolog.tui.safe import clipped, plain
from mammolog.tui.screens.base import MammologScreen
from mammolog.tui.widgets.concern import concern_text
from mammolog.tui.widgets.study_table import StudyTable

EMPTY_LIBRARY = (
    "[b]Your library is empty.[/b]\n\n"
    "Put a patient disc (CD, DVD or USB stick) in, then press [b]F3[/b] to open the import "
    "screen, choose the disc or any folder of DICOM files, and press [b]Ctrl+S[/b].\n\n"
    "From a shell: [b]mammolog import /media/cdrom[/b]\n\n"
    "Everything stays on this computer, in a private folder (see Settings, [b]F9[/b])."
)
NO_MATCH = "”. Press Escape in the search box to clear it."

# The columns that matter first come first; centre and description share what width is left.
COLUMNS = (
    ("Date", "date"),
    ("BI-RADS R", "right"),
    ("BI-RADS L", "left"),
    ("Density", "density"),
    ("Report", "report"),
    ("Centre", "centre"),
    ("Description", "description"),
    ("Type", "modalities"),
    ("Images", "images"),
)
COLUMN_WIDTHS = {
    "date": 10, "right": 9, "left": 9, "density": 7, "report": 11, "modalities": 6, "images": 6,
}  # fmt: skip
NARROW_LEFT_OUT = ("modalities", "images")  # shown in the detail line below the table instead
CELL_PADDING = 2
NARROW_BELOW = 100  # columns: below this the due badge leaves the bar (the status line has it)


def columns_for(screen_width: int) -> tuple[tuple[str, str], ...]:
    """The columns shown at this width: type and images leave a narrow terminal."""
    if screen_width < NARROW_BELOW:
        return tuple(c for c in COLUMNS if c[1] not in NARROW_LEFT_OUT)
    return COLUMNS


def text_widths(screen_width: int) -> int:
    """How many characters the centre and the description may each take at this width."""
    columns = columns_for(screen_width)
    fixed = sum(COLUMN_WIDTHS.get(key, 0) + CELL_PADDING for _title, key in columns)
    spare = screen_width - 2 - fixed - 2 * CELL_PADDING
    return max(8, spare // 2)


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
        self._text_width = text_widths(100)
        self._columns: tuple[tuple[str, str], ...] = COLUMNS

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="library-bar"):
            yield Select[int]([], prompt="Person", id="person", allow_blank=True)
            yield self.text_input(placeholder="Search: centre, description, BI-RADS…", id="search")
            yield Static("", id="due-badge", classes="badge")
        with Vertical(id="library-body"):
            yield StudyTable(id="studies", cursor_type="row", zebra_stripes=True)
            yield Static(EMPTY_LIBRARY, id="library-empty", classes="empty-state")
        yield Static("", id="library-detail", classes="status-line")
        yield Static("Reading the library…", id="library-status", classes="status-line")
        yield Footer()

    def on_mount(self) -> None:
        """Read the library in a worker."""
        self.query_one("#library-empty").display = False
        self._text_width = text_widths(self.app.size.width)
        self._set_columns()
        self.load()

    def _set_columns(self) -> None:
        """The table's columns, centre and description as wide as the screen allows."""
        table: DataTable[str | Text] = self.query_one("#studies", DataTable)
        table.clear(columns=True)
        self._columns = columns_for(self.app.size.width)
        for title, key in self._columns:
            width = COLUMN_WIDTHS.get(key, self._text_width)
            table.add_column(title, key=key, width=width)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ "Person" is offered only when there is another person to switch to."""
        if action == "next_person":
            return self.view is not None and len(self.view.persons) > 1
        return True

    def on_resize(self, event: events.Resize) -> None:
        """Give centre and description the width there is; drop the badge when narrow."""
        self.set_class(event.size.width < NARROW_BELOW, "narrow")
        width = text_widths(event.size.width)
        if width != self._text_width or columns_for(event.size.width) != self._columns:
            self._text_width = width
            self._set_columns()
            self._fill_table()
        if self.view is not None:
            self._show_due(self.view)

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
        options: list[tuple[RenderableType, int]] = [
            (
                plain(p.display_name + (f" ({p.birth_date.year})" if p.birth_date else "")),
                p.person_id,
            )
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
        if view.due is None or self.has_class("narrow"):
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
        width = self._text_width
        for row in rows:
            cells: dict[str, str | Text] = {
                "date": row.study_date.isoformat() if row.study_date else "undated",
                "right": concern_text(self.app, row.right),
                "left": concern_text(self.app, row.left),
                "density": row.density or "–",
                "report": self._report_cell(row),
                "centre": clipped(row.institution, width),
                "description": clipped(row.description, width),
                "modalities": clipped(row.modalities, 6),
                "images": Text(str(row.images), justify="right"),
            }
            table.add_row(*(cells[key] for _title, key in self._columns), key=str(row.pk))
        if selected is not None and any(r.pk == selected for r in rows):
            table.move_cursor(row=table.get_row_index(str(selected)))
        has_studies = bool(self.view and self.view.studies)
        query = self.query_one("#search", Input).value.strip()
        table.display = bool(rows)
        empty.display = not rows
        if not has_studies:
            empty.update(EMPTY_LIBRARY)
        elif not rows:
            empty.update(Text.assemble("No study matches “", plain(query), NO_MATCH))
        total = len(self.view.studies) if self.view else 0
        name = self.view.person.display_name if self.view and self.view.person else ""
        shown = plural(total, "study", "studies")
        if len(rows) != total:
            shown = f"{len(rows)} of {shown}"
        due = f"  ·  {self.view.due.text}" if self.view and self.view.due else ""
        if self.view and not self.view.complete:
            due = "  ·  reading results…"
        status.update(plain(f"{name}: {shown}{due}") if name else "No persons yet")
        self._show_detail()
        if rows and not self.query_one("#search", Input).has_focus:
            table.focus()

    def _show_detail(self) -> None:
        """The highlighted study in full: centre, description, type and images."""
        detail = self.query_one("#library-detail", Static)
        pk = self._selected_pk()
        row = next((r for r in self.view.studies if r.pk == pk), None) if self.view else None
        detail.display = row is not None
        if row is not None:
            parts = [row.institution or "centre not recorded", row.description, row.modalities]
            text = " · ".join(p for p in parts if p) + f" · {plural(row.images, 'image')}"
            detail.update(plain(text))

    @on(DataTable.RowHighlighted, "#studies")
    def _row_highlighted(self) -> None:
        self._show_detail()

    @staticmethod
    def _report_cell(row: StudyRow) -> Text:
        if not row.has_report:
            return Text("–", style="dim")
        if row.pending_proposals:
            return Text(f"{row.pending_proposals} to review", style="bold")
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
        """Escape in the search box clears it and gives the keys back to the table."""
        search = self.query_one("#search", Input)
        if not search.has_focus:
            return
        search.value = ""
        table = self.query_one("#studies", DataTable)
        self.set_focus(table if table.display and table.row_count else None)

    def action_first_study(self) -> None:
        """Move the cursor to the newest study."""
        table: DataTable[str | Text] = self.query_one("#studies", DataTable)
        if table.row_count:
            table.move_cursor(row=0)

    def action_last_study(self) -> None:
        """Move the cursor to the oldest study."""
        table: DataTable[str | Text] = self.query_one("#studies", DataTable)
        if table.row_count:
            table.move_cursor(row=table.row_count - 1)

    def action_focus_search(self) -> None:
        """Put the cursor in the search box (at once, so the next key typed goes there)."""
        self.set_focus(self.query_one("#search", Input))

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
