"""The explanation panel and screen: snapshots of a 4B study explained, and the words shown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Static

from mammolog.domain.explain import explain_exam
from mammolog.domain.explain_content import ResultsExplained
from mammolog.domain.records import Assessment, Exam, Finding, Pathology, Procedure
from mammolog.services.results import add_finding, assess
from mammolog.tui.screens.explanation import ExplanationScreen
from mammolog.tui.widgets.explanation import ChoiceMeaning, ExplanationPanel
from tests.tui.conftest import SIZE, app_for, make_library, settle

SnapCompare = Any
DAY = dt.date(2024, 3, 1)


def _explained(*, work_up: bool) -> ResultsExplained:
    calcs = Finding.from_input(
        type="calcification", side="L", morphology="fine-pleomorphic", distribution="grouped",
        quadrant="UOQ", clock="2", change="new",
    )  # fmt: skip
    exam = Exam(DAY, "1.2.3", Assessment.from_input(right="2", left="4B", density="c"), (calcs,))
    procedures = (
        Procedure(DAY + dt.timedelta(days=10), "magnification-views", "L"),
        Procedure(DAY + dt.timedelta(days=24), "stereotactic-biopsy", "L"),
    )
    pathology = (Pathology(DAY + dt.timedelta(days=29), "benign", "L"),)
    if not work_up:
        return explain_exam(exam)
    return explain_exam(exam, procedures=procedures, pathology=pathology)


class PanelApp(App[None]):
    """The panel alone, showing one explanation."""

    def __init__(self, results: ResultsExplained | None) -> None:
        super().__init__()
        self.results = results

    def compose(self) -> ComposeResult:
        yield ExplanationPanel(id="panel")
        yield ChoiceMeaning(id="meaning")

    def on_mount(self) -> None:
        self.query_one(ExplanationPanel).show(self.results, "Your exam of 2024-03-01, explained")
        self.query_one(ChoiceMeaning).show_choice("distribution", "grouped")


def test_panel_snapshot_before_the_work_up(snap_compare: SnapCompare) -> None:
    assert snap_compare(PanelApp(_explained(work_up=False)), terminal_size=SIZE)


def test_panel_snapshot_after_a_benign_biopsy(snap_compare: SnapCompare) -> None:
    async def scroll(pilot: Pilot[None]) -> None:
        await pilot.pause()
        pilot.app.query_one(ExplanationPanel).scroll_to(y=12, animate=False)
        await pilot.pause()

    assert snap_compare(PanelApp(_explained(work_up=True)), terminal_size=SIZE, run_before=scroll)


def _shown(app: App[None]) -> str:
    return str(app.screen.query_one("#explanation-text", Static).render())


async def test_panel_words_and_nothing_recorded() -> None:
    app = PanelApp(_explained(work_up=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = _shown(app)
        assert "Left breast: BI-RADS 4B, moderate suspicion  moderate concern" in text
        assert "magnification views" in text and "stereotactic core needle biopsy" in text
        assert "Questions to ask your doctor" in text and "general information" in text
        meaning = str(app.query_one(ChoiceMeaning).render())
        assert meaning.startswith("Grouped (clustered) calcifications (low concern): A few")
        app.query_one(ChoiceMeaning).show_choice("distribution", None)
        app.query_one(ChoiceMeaning).show_choice("morphology", "not-a-shape")
        await pilot.pause()
        assert str(app.query_one(ChoiceMeaning).render()) == ""
    empty = PanelApp(None)
    async with empty.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "No result is recorded for this exam yet" in _shown(empty)


async def test_explanation_screen_explains_a_stored_study(tmp_path: Path) -> None:
    library = make_library(tmp_path / "home")
    uid = "1.2.826.0.1.3680043.99.3"
    assess(library.engine, uid, right="4B", left="2", density="d")
    add_finding(
        library.engine, uid, type="calcification", side="R", quadrant="UOQ", clock=10,
        morphology="fine-linear", distribution="segmental",
    )  # fmt: skip
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.push_screen(ExplanationScreen(uid))
        await settle(app, pilot)
        text = _shown(app)  # type: ignore[arg-type]
        assert "Right breast: BI-RADS 4B" in text and "Density d" in text
        assert "Segmental: in one duct and its branches" in text
        assert "in the upper outer part" not in text  # a quadrant is given: the hour only
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, ExplanationScreen)


async def test_explanation_screen_reports_an_unknown_study(tmp_path: Path) -> None:
    library = make_library(tmp_path / "home")
    app = app_for(library.paths, library.engine)
    shown: list[str] = []
    original = app.notify

    def notify(message: str, **kw: Any) -> None:  # the app's public notify, recorded
        shown.append(message)
        original(message, **kw)

    app.notify = notify  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.push_screen(ExplanationScreen("9.9.9"))
        await settle(app, pilot)
        assert "Reading" in _shown(app)  # type: ignore[arg-type]
        assert any("no study '9.9.9'" in message for message in shown)


async def test_w_explains_the_study_and_the_timeline_and_the_form_says_what_a_choice_means(
    tmp_path: Path,
) -> None:
    from textual.widgets import Select

    from mammolog.tui.screens.result_form import ResultFormScreen
    from mammolog.tui.screens.study import StudyScreen
    from mammolog.tui.screens.timeline import TimelineScreen

    library = make_library(tmp_path / "home")
    uid = "1.2.826.0.1.3680043.99.3"
    assess(library.engine, uid, right="2", left="3", density="b")
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.push_screen(StudyScreen(library.study_pks[-1]))
        await settle(app, pilot)
        await pilot.press("w")
        await settle(app, pilot)
        assert isinstance(app.screen, ExplanationScreen)
        assert "Left breast: BI-RADS 3, probably benign" in _shown(app)  # type: ignore[arg-type]
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, ResultFormScreen)
        app.screen.query_one("#left", Select).value = "4C"
        await settle(app, pilot)
        meaning = str(app.screen.query_one("#choice-meaning", ChoiceMeaning).render())
        assert meaning.startswith("BI-RADS 4C, high suspicion (high concern): ")
        await pilot.press("escape")
        await settle(app, pilot)
        app.action_show_timeline()
        await settle(app, pilot)
        assert isinstance(app.screen, TimelineScreen)
        await pilot.press("w")
        await settle(app, pilot)
        text = _shown(app)  # type: ignore[arg-type]
        assert text.startswith("Your latest result, explained")
        assert "Book your follow-up mammogram" in text


async def test_the_export_screen_writes_the_calendar(tmp_path: Path) -> None:
    from icalendar import Calendar
    from textual.widgets import Input, RadioButton

    from mammolog.tui.screens.export import ExportScreen

    library = make_library(tmp_path / "home")
    assess(library.engine, "1.2.826.0.1.3680043.99.3", right="2", left="2", density="b")
    app = app_for(library.paths, library.engine, browse_root=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        screen.query(RadioButton)[-1].value = True  # the calendar
        await pilot.pause()
        target = Path(screen.query_one("#export-path", Input).value)
        assert target.name == "mammolog-export-2026-11-01.ics"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        result = str(screen.query_one("#export-result", Static).render())
        assert result.startswith("Calendar written: "), result
        assert "Book your routine screening mammogram (Anna)" in result
        (event,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
        assert len(event.walk("VALARM")) == 1
