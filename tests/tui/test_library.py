"""The library screen: persons, studies, search, empty state, opening a study, narrow terminals."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select, Static

from mammolog.paths import AppPaths
from mammolog.services.results import assess
from mammolog.tui.screens.library import LibraryScreen
from mammolog.tui.screens.persons import PersonsScreen
from tests.tui.conftest import SIZE, Library, app_for, settle

NARROW = (80, 24)
WIDE = (160, 48)


def column(table: DataTable[object], index: int) -> list[str]:
    return [str(table.get_row_at(i)[index]) for i in range(table.row_count)]


async def test_empty_library_explains_how_to_import(empty_home: AppPaths) -> None:
    app = app_for(empty_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        empty = app.screen.query_one("#library-empty", Static)
        assert empty.display
        assert "mammolog import" in str(empty.render())
        assert not app.screen.query_one("#studies", DataTable).display


async def test_lists_first_persons_studies_newest_first(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#studies", DataTable)
        assert table.row_count == 3
        assert column(table, 0) == ["2025-10-02", "2024-05-14", "2022-05-10"]
        assert app.person_id == library.person_ids[0]
        assert table.get_row_at(0)[8].plain == "4"
        status = str(app.screen.query_one("#library-status", Static).render())
        assert status == "Nowak, Anna: 3 studies"


async def test_one_study_is_not_one_studies(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("p")  # the second person has one study
        await settle(app, pilot)
        status = str(app.screen.query_one("#library-status", Static).render())
        assert status == "Nowak, Ewa: 1 study"


async def test_search_filters_and_explains_no_match(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        assert app.screen.query_one("#search", Input).has_focus
        await pilot.press(*"city")
        table = app.screen.query_one("#studies", DataTable)
        assert table.row_count == 1
        assert column(table, 5) == ["City Hospital"]
        await pilot.press(*"[b")  # typed brackets are text, not markup
        empty = app.screen.query_one("#library-empty", Static)
        assert empty.display and "No study matches “city[b”" in str(empty.render())
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 3


async def test_escape_leaves_the_search_box_so_keys_work_again(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"north", "escape")
        await pilot.pause()
        search = app.screen.query_one("#search", Input)
        assert not search.has_focus and search.value == ""
        await pilot.press("m")  # a key again, not a letter in the box
        await settle(app, pilot)
        assert isinstance(app.screen, PersonsScreen)


async def test_home_and_end_move_the_cursor(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#studies", DataTable)
        assert table.has_focus and table.cursor_row == 0
        await pilot.press("end")
        assert table.cursor_row == 2
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_switch_person_with_key_and_select(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        table = app.screen.query_one("#studies", DataTable)
        assert app.person_id == library.person_ids[1]
        assert table.row_count == 1
        assert app.screen.query_one("#person", Select).value == library.person_ids[1]


async def test_enter_opens_the_study(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, LibraryScreen)
        assert "2025-10-02" in str(app.screen.query_one("#study-head", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_at_80_columns_the_results_come_first_and_search_is_usable(
    library: Library,
) -> None:
    assess(library.engine, "1.2.826.0.1.3680043.99.3", right="4B", left="2", density="c")
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        screen = app.screen
        table = screen.query_one("#studies", DataTable)
        titles = [str(c.label) for c in table.ordered_columns[:4]]
        assert titles == ["Date", "BI-RADS R", "BI-RADS L", "Density"]
        visible = sum(c.get_render_width(table) for c in table.ordered_columns[:5])
        assert visible <= NARROW[0]
        assert screen.query_one("#search", Input).size.width >= 16
        assert not screen.query_one("#due-badge", Static).display
        detail = str(screen.query_one("#library-detail", Static).render())
        assert detail == "City Hospital · Screening mammography · MG, SR · 4 images"


async def test_at_160_columns_centre_and_description_get_the_width(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#studies", DataTable)
        total = sum(c.get_render_width(table) for c in table.ordered_columns)
        assert WIDE[0] - 10 <= total <= WIDE[0]
        assert "Breast Centre North" in column(table, 5)
