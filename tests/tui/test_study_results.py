"""Study screen and results form: enter a result, change and remove findings, see it in the
library and the timeline; one save is one transaction."""

from __future__ import annotations

import pytest
from textual.widgets import Button, DataTable, Input, OptionList, Select, Static
from textual.widgets.select import InvalidSelectValueError

from mammolog.services.results import add_finding, assess, list_findings
from mammolog.tui.screens.result_form import ResultFormScreen
from mammolog.tui.screens.study import StudyScreen
from mammolog.tui.screens.timeline import TimelineScreen
from tests.tui.conftest import SIZE, Library, app_for, record_notifications, settle

LATEST = "1.2.826.0.1.3680043.99.3"


async def open_latest_study(app: object, pilot: object) -> None:
    await settle(app, pilot)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(app, pilot)  # type: ignore[arg-type]


async def open_form(app: object, pilot: object) -> ResultFormScreen:
    await open_latest_study(app, pilot)
    await pilot.press("e")  # type: ignore[attr-defined]
    await settle(app, pilot)  # type: ignore[arg-type]
    form = app.screen  # type: ignore[attr-defined]
    assert isinstance(form, ResultFormScreen)
    return form


def finding_rows(form: ResultFormScreen) -> list[tuple[str, str]]:
    table = form.query_one("#finding-list", DataTable)
    return [
        (str(table.get_row_at(i)[0]), str(table.get_row_at(i)[1])) for i in range(table.row_count)
    ]


async def test_study_lists_views_and_explains_missing_result(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await open_latest_study(app, pilot)
        assert isinstance(app.screen, StudyScreen)
        table = app.screen.query_one("#study-series", DataTable)
        views = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        assert views == ["R CC", "L CC", "R MLO", "L MLO"]
        assert "No result recorded" in str(app.screen.query_one("#study-result", Static).render())
        assert app.screen.query_one("#study-no-documents", Static).display
        hint = str(app.screen.query_one("#study-no-proposals", Static).render())
        assert hint == "No proposals: no report came with this study."


async def test_enter_result_updates_library_and_timeline(library: Library) -> None:
    assess(library.engine, "1.2.826.0.1.3680043.99.2", right="2", left="2", density="b")
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot)
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
        clock = form.query_one("#f-clock", Select)
        with pytest.raises(InvalidSelectValueError):
            clock.value = "3"  # 3 o'clock is not in the right upper outer quadrant
        clock.value = "10"
        form.query_one("#f-distribution", Select).value = "grouped"
        form.query_one("#f-morphology", Select).value = "fine-pleomorphic"
        form.query_one("#add-finding", Button).press()
        await pilot.pause()
        assert finding_rows(form) == [
            ("grouped fine-pleomorphic calcifications R UOQ 10 o'clock", "new")
        ]
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
        assert (row[1].plain, row[2].plain, str(row[3])) == ("4B", "2", "c")
        badge = str(app.screen.query_one("#due-badge", Static).render())
        assert badge.startswith("Arrange the biopsy your doctor advised; it was due on ")
        await pilot.press("f4")
        await settle(app, pilot)
        assert isinstance(app.screen, TimelineScreen)
        entries = [str(s.render()) for s in app.screen.query(".timeline-entry").results(Static)]
        assert "R 2 → 4B" in entries[0]
        assert "density b → c" in entries[0]
        assert "new grouped fine-pleomorphic calcifications R UOQ" in entries[0]


async def test_change_and_remove_findings_and_count_them_all(library: Library) -> None:
    """Three recorded findings; one changed, one removed, one added: 3 findings after."""
    for side in ("R", "L", "B"):
        add_finding(library.engine, LATEST, type="mass", side=side, shape="oval")
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        shown = record_notifications(app)
        form = await open_form(app, pilot)
        assert [state for _text, state in finding_rows(form)] == ["", "", ""]
        table = form.query_one("#finding-list", DataTable)
        table.move_cursor(row=0)
        form.query_one("#edit-finding", Button).press()
        await settle(app, pilot)
        assert form.query_one("#f-type", Select).value == "mass"
        assert form.query_one("#f-side", Select).value == "R"
        assert form.query_one("#f-shape", Select).value == "oval"
        form.query_one("#f-shape", Select).value = "irregular"
        form.query_one("#f-margin", Select).value = "spiculated"
        form.query_one("#add-finding", Button).press()
        await pilot.pause()
        table.move_cursor(row=1)
        form.query_one("#remove-finding", Button).press()
        await pilot.pause()
        form.query_one("#f-type", Select).value = "architectural-distortion"
        form.query_one("#f-side", Select).value = "L"
        await pilot.pause()
        form.query_one("#add-finding", Button).press()
        await pilot.pause()
        rows = finding_rows(form)
        assert rows == [
            ("irregular spiculated mass R", "changed"),
            ("oval mass B", ""),
            ("architectural distortion L", "new"),
        ]
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, StudyScreen)
        assert shown[-1].message == "Saved 3 findings (1 added, 1 changed, 1 removed)."
    stored = [f.finding for f in list_findings(library.engine, LATEST)]
    assert sorted((f.type.value, f.side.value if f.side else "") for f in stored) == [
        ("architectural-distortion", "L"), ("mass", "B"), ("mass", "R"),
    ]  # fmt: skip


async def test_saving_one_finding_counts_those_already_there(library: Library) -> None:
    for side in ("R", "L", "B"):
        add_finding(library.engine, LATEST, type="mass", side=side)
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        shown = record_notifications(app)
        form = await open_form(app, pilot)
        form.query_one("#right", Select).value = "2"
        form.query_one("#f-type", Select).value = "calcification"
        form.query_one("#f-side", Select).value = "R"
        await pilot.pause()
        form.query_one("#add-finding", Button).press()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert shown[-1].message == "Saved the result and 4 findings (1 added)."


async def test_form_refuses_what_the_lexicon_does_not_allow(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot)
        form.query_one("#density", Select).value = "c"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ResultFormScreen)
        error = str(form.query_one("#result-error", Static).render())
        assert error == "Choose the BI-RADS category of at least one breast."
        form.query_one("#p-type", Select).value = "stereotactic-biopsy"
        form.query_one("#p-side", Select).value = "L"
        form.query_one("#p-date", Input).value = "2030-01-01"
        form.query_one("#add-procedure", Button).press()
        await pilot.pause()
        error = str(form.query_one("#result-error", Static).render())
        assert "in the future" in error and "date:" not in error
        await pilot.press("escape")
        assert isinstance(app.screen, StudyScreen)


def choices(select: Select[str]) -> list[str]:
    """The labels a person sees when the picker opens."""
    overlay = select.query_one(OptionList)
    return [str(overlay.get_option_at_index(i).prompt) for i in range(overlay.option_count)]


async def test_quadrants_and_recommendations_are_offered_in_words(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot)
        quadrants = choices(form.query_one("#f-quadrant", Select))
        assert "Upper outer quadrant (UOQ)" in quadrants
        assert "UOQ" not in quadrants
        recommendations = choices(form.query_one("#recommendation", Select))
        assert "Routine screening" in recommendations
        assert "Follow-up in 6 months" in recommendations
        assert not any(
            label in ("routine-screening", "6-month-follow-up") for label in recommendations
        )
        morphology = choices(form.query_one("#f-morphology", Select))
        assert "Fine pleomorphic" in morphology


def test_a_view_label_names_its_modifier_once() -> None:
    from mammolog.catalog.queries import InstanceRecord
    from mammolog.tui.widgets.study_text import view_text

    def instance(label: str, laterality: str, view: str, modifiers: str) -> InstanceRecord:
        return InstanceRecord(
            pk=1, sop_instance_uid="1.2", sop_class_uid="1.2.3", modality="MG", series_uid="1",
            series_number=1, series_description="", instance_number=1, laterality=laterality,
            view=view, view_modifiers=modifiers, view_label=label, presentation_intent="",
            transfer_syntax="", frames=1, rows=10, columns=10, size=1, sha256="x",
            library_path="x", conflict=False,
        )  # fmt: skip

    labelled = instance("L CC (magnification)", "L", "CC", "MAGNIFICATION")
    assert view_text(labelled) == "L CC (magnification)"
    unlabelled = instance("", "R", "MLO", "SPOT COMPRESSION")
    assert view_text(unlabelled) == "R MLO (spot compression)"
    assert view_text(instance("", "", "", "")) == "view not recorded"


async def test_enter_changes_and_delete_removes_the_selected_finding(library: Library) -> None:
    add_finding(library.engine, LATEST, type="mass", side="L", shape="round")
    add_finding(library.engine, LATEST, type="asymmetry", side="R")
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot)
        form.query_one("#finding-list", DataTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert form.query_one("#f-shape", Select).value == "round"
        assert str(form.query_one("#add-finding", Button).label) == "Keep this change"
        form.query_one("#finding-list", DataTable).focus()
        await pilot.press("down", "delete")
        await pilot.pause()
        assert finding_rows(form) == [("round mass L", "")]
