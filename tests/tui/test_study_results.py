"""Study screen and results form: enter a result, see it in the library and the timeline."""

from __future__ import annotations

from textual.widgets import Button, DataTable, Input, Select, Static

from mammolog.services.results import assess
from mammolog.tui.screens.result_form import ResultFormScreen
from mammolog.tui.screens.study import StudyScreen
from mammolog.tui.screens.timeline import TimelineScreen
from tests.tui.conftest import SIZE, Library, app_for, settle


async def open_latest_study(app: object, pilot: object) -> None:
    await settle(app, pilot)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(app, pilot)  # type: ignore[arg-type]


async def test_study_lists_views_and_explains_missing_result(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await open_latest_study(app, pilot)
        assert isinstance(app.screen, StudyScreen)
        table = app.screen.query_one("#study-series", DataTable)
        views = [table.get_row_at(i)[2].plain for i in range(table.row_count)]
        assert views == ["R CC", "L CC", "R MLO", "L MLO"]
        assert "No result recorded" in str(app.screen.query_one("#study-result", Static).render())
        assert app.screen.query_one("#study-no-documents", Static).display


async def test_enter_result_updates_library_and_timeline(library: Library) -> None:
    assess(library.engine, "1.2.826.0.1.3680043.99.2", right="2", left="2", density="b")
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await open_latest_study(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ResultFormScreen)
        form.query_one("#right", Select).value = "4B"
        form.query_one("#left", Select).value = "2"
        form.query_one("#density", Select).value = "c"
        form.query_one("#f-type", Select).value = "calcification"
        await pilot.pause()
        # Only the calcification pickers are offered for a calcification.
        assert form.query_one("#row-morphology").display
        assert not form.query_one("#row-shape").display
        form.query_one("#f-side", Select).value = "R"
        form.query_one("#f-quadrant", Select).value = "UOQ"
        await pilot.pause()
        clock_values = [value for _label, value in form.query_one("#f-clock", Select)._options]
        assert clock_values[1:] == ["9", "10", "11", "12"]
        form.query_one("#f-distribution", Select).value = "grouped"
        form.query_one("#f-morphology", Select).value = "fine-pleomorphic"
        await pilot.click("#add-finding")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, StudyScreen)
        result = str(app.screen.query_one("#study-result", Static).render())
        assert "4B" in result and "Moderate suspicion" in result
        assert "grouped fine-pleomorphic calcifications R UOQ" in result
        await pilot.press("f2")
        await settle(app, pilot)
        table = app.screen.query_one("#studies", DataTable)
        row = table.get_row_at(0)
        assert (row[4].plain, row[5].plain, row[6]) == ("4B", "2", "c")
        assert "Biopsy overdue" in str(app.screen.query_one("#due-badge", Static).render())
        await pilot.press("f4")
        await settle(app, pilot)
        assert isinstance(app.screen, TimelineScreen)
        entries = [str(s.render()) for s in app.screen.query(".timeline-entry").results(Static)]
        assert "R 2 → 4B" in entries[0]
        assert "density b → c" in entries[0]
        assert "new grouped fine-pleomorphic calcifications R UOQ" in entries[0]


async def test_form_refuses_what_the_lexicon_does_not_allow(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await open_latest_study(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#density", Select).value = "c"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ResultFormScreen)
        assert "at least one breast" in str(form.query_one("#result-error", Static).render())
        form.query_one("#p-type", Select).value = "stereotactic-biopsy"
        form.query_one("#p-side", Select).value = "L"
        form.query_one("#p-date", Input).value = "2030-01-01"
        form.query_one("#add-procedure", Button).press()
        await pilot.pause()
        assert "in the future" in str(form.query_one("#result-error", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, StudyScreen)
