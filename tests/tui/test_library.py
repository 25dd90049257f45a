"""The library screen: persons, studies, search, empty state, opening a study."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select, Static

from mammolog.paths import AppPaths
from mammolog.tui.screens.library import LibraryScreen
from tests.tui.conftest import SIZE, Library, app_for, settle


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
        assert [table.get_row_at(i)[0] for i in range(3)] == [
            "2025-10-02", "2024-05-14", "2022-05-10",
        ]  # fmt: skip
        assert app.person_id == library.person_ids[0]
        assert table.get_row_at(0)[7].plain == "4"


async def test_search_filters_and_explains_no_match(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        assert app.screen.query_one("#search", Input).has_focus
        await pilot.press(*"city")
        table = app.screen.query_one("#studies", DataTable)
        assert table.row_count == 1
        assert table.get_row_at(0)[1] == "City Hospital"
        await pilot.press(*"zzz")
        empty = app.screen.query_one("#library-empty", Static)
        assert empty.display and "No study matches" in str(empty.render())
        await pilot.press("escape")
        assert table.row_count == 3


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
