"""Commands (bindings, footer, palette, help), settings, persons, timeline and bad data."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import DataTable, Select, Static

from mammolog.domain.timeline_words import interval_words
from mammolog.services.persons import list_persons
from mammolog.services.settings import load_settings
from mammolog.tui.commands import COMMANDS, GROUP_TITLES
from mammolog.tui.screens.help import HelpScreen
from mammolog.tui.screens.persons import PersonsScreen
from mammolog.tui.screens.settings import SettingsScreen
from mammolog.tui.screens.timeline import TimelineScreen
from mammolog.tui.widgets.category_chart import CategoryChart
from tests.tui.conftest import SIZE, Library, app_for, record_notifications, settle


def test_every_command_has_a_key_tooltip_and_unique_id() -> None:
    ids = [command.id for command in COMMANDS]
    assert len(ids) == len(set(ids))
    for command in COMMANDS:
        binding = command.binding()
        assert binding.tooltip and binding.id == command.id and binding.description
        assert command.group in GROUP_TITLES


def test_interval_wording() -> None:
    assert interval_words(14.2) == "1 year 2 months"
    assert interval_words(24.0) == "2 years"
    assert interval_words(7.0) == "7 months"
    assert interval_words(1.0) == "1 month"
    assert interval_words(0.3) == "less than a month"


async def test_help_lists_every_command(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-table", DataTable)
        tooltips = {str(table.get_row_at(i)[3]) for i in range(table.row_count)}
        assert {command.tooltip for command in COMMANDS} <= tooltips
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_runs_a_screen_command(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"timeline")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, TimelineScreen)


async def test_settings_saves_the_screening_interval(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        paths_text = str(app.screen.query_one("#settings-paths", Static).render())
        assert str(library.paths.database) in paths_text
        app.screen.query_one("#screening-interval", Select).value = 24
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert load_settings(library.paths.settings_file).screening_interval_months == 24
    again = app_for(library.paths, library.engine)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await settle(again, pilot)
        assert again.screen.query_one("#screening-interval", Select).value == 24


async def test_merge_two_persons(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, PersonsScreen)
        await pilot.press("space")  # keep person 1
        await pilot.press("down")
        await pilot.press("m")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen.query_one("#studies", DataTable).row_count == 4
    assert len(list_persons(library.engine)) == 1


async def test_timeline_lists_exams_newest_first_with_intervals(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await settle(app, pilot)
        entries = [str(s.render()) for s in app.screen.query(".timeline-entry").results(Static)]
        assert [e.split()[1] for e in entries] == ["2025-10-02", "2024-05-14", "2022-05-10"]
        assert "1 year 5 months since the previous exam" in entries[0]
        assert "2 years since the previous exam" in entries[1]
        assert "since the previous exam" not in entries[2]
        assert "3 exams" in str(app.screen.query_one("#timeline-head", Static).render())
        await pilot.press("p")
        await settle(app, pilot)
        assert "Nowak, Ewa" in str(app.screen.query_one("#timeline-head", Static).render())


async def test_timeline_counts_only_exams_and_words_procedure_gaps_truthfully(
    library: Library,
) -> None:
    from datetime import date

    from mammolog.services.results import assess
    from mammolog.services.workup import add_pathology, add_procedure

    first = "1.2.826.0.1.3680043.99.1"
    assess(library.engine, first, right="4A", left="1", recommendation="biopsy", note="my note")
    biopsy, _ = add_procedure(
        library.engine, procedure_date=date(2022, 6, 1), procedure_type="ultrasound-biopsy",
        side="R", today=date(2026, 1, 1), study_ref=first,
    )  # fmt: skip
    add_pathology(
        library.engine, result_date=date(2022, 6, 8), outcome="benign", side="R",
        today=date(2026, 1, 1), procedure_id=biopsy,
    )  # fmt: skip
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await settle(app, pilot)
        head = str(app.screen.query_one("#timeline-head", Static).render())
        assert "3 exams · 1 procedure · 1 pathology result" in head
        entries = [str(s.render()) for s in app.screen.query(".timeline-entry").results(Static)]
        assert [e.split()[1] for e in entries] == [
            "2025-10-02", "2024-05-14", "2022-06-08", "2022-06-01", "2022-05-10"
        ]  # fmt: skip
        # the exam after the biopsy counts from the previous exam, not from the pathology
        assert "2 years since the previous exam" in entries[1]
        assert "Pathology result" in entries[2]
        assert "4 weeks after the exam of 2022-05-10" in entries[2]
        assert "3 weeks after the exam of 2022-05-10" in entries[3]
        assert "since the previous exam" not in entries[2] + entries[3]
        assert "Recommended: biopsy" in entries[4] and "Note: my note" in entries[4]
        latest = str(app.screen.query_one("#timeline-next", Static).render())
        assert "Latest:" in latest and "R 4A (2022-05-10)" in latest
        explanation = str(app.screen.query_one("#chart-explanation", Static).render())
        assert "number order" in explanation and "0 = incomplete" in explanation
        left_rows = [
            line.split("│")[0].strip()
            for line in str(app.screen.query_one("#chart-left", CategoryChart).render()).split("\n")
            if "│" in line
        ]
        assert left_rows == ["2", "1", "0"]  # number order, 0 at the bottom


async def test_a_damaged_catalog_is_a_message_not_a_crash(empty_home: object) -> None:
    from mammolog.paths import AppPaths

    assert isinstance(empty_home, AppPaths)
    empty_home.ensure()
    empty_home.database.write_bytes(b"this is not a database" * 100)
    app = app_for(empty_home)
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        messages = [n.message for n in shown]
        assert any("cannot open the catalog" in m for m in messages)
        assert app.is_running


async def test_f2_goes_back_to_the_studies_list_from_anywhere(library: Library) -> None:
    from mammolog.tui.screens.library import LibraryScreen

    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("f4")
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert len(app.screen_stack) == 1


async def test_split_an_identity_back_off(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        await pilot.press("space")
        await pilot.press("down")
        await pilot.press("m")
        await settle(app, pilot)
        assert len(list_persons(library.engine)) == 1
        await pilot.press("s")  # the merged person has two identities
        await settle(app, pilot)
        await pilot.press("down")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PersonsScreen)
    persons = list_persons(library.engine)
    assert len(persons) == 2
    assert all(len(p.identities) == 1 for p in persons)
    assert any("split by you" in p.identities[0].link_reason for p in persons)


async def test_timeline_entries_are_a_list_enter_opens_and_w_explains_the_highlighted_exam(
    library: Library,
) -> None:
    from mammolog.services.results import assess
    from mammolog.tui.screens.explanation import ExplanationScreen
    from mammolog.tui.screens.study import StudyScreen

    assess(library.engine, "1.2.826.0.1.3680043.99.1", right="3", left="1")
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        newest = screen.highlighted()
        assert newest is not None and newest.study_date.isoformat() == "2025-10-02"
        await pilot.press("w")  # on the newest exam: the latest result and what is due
        await settle(app, pilot)
        assert isinstance(app.screen, ExplanationScreen) and app.screen.study_uid is None
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("end")
        await settle(app, pilot)
        oldest = screen.highlighted()
        assert oldest is not None and oldest.study_date.isoformat() == "2022-05-10"
        await pilot.press("w")  # an earlier exam: that exam's result
        await settle(app, pilot)
        assert isinstance(app.screen, ExplanationScreen)
        assert app.screen.study_uid == "1.2.826.0.1.3680043.99.1"
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, StudyScreen) and app.screen.study_pk == oldest.study_pk


async def test_the_category_chart_fits_a_narrow_column() -> None:
    from datetime import date

    from textual.app import App, ComposeResult

    class ChartApp(App[None]):
        def compose(self) -> ComposeResult:
            yield CategoryChart("Right breast", id="chart")

    app = ChartApp()
    async with app.run_test(size=(30, 20)) as pilot:
        chart = app.query_one(CategoryChart)
        chart.show([(date(2000 + n, 1, 1), "2" if n % 3 else "1") for n in range(20)])
        await pilot.pause()
        lines = str(chart.render()).split("\n")
        assert lines[0] == "Right breast, last 12 exams"  # (30 - 5) // 2 exams fit
        assert all(len(line) <= 30 for line in lines)
        assert lines[-2].split()[0] == "08"  # the newest 12 (2008-2019) are the ones kept
