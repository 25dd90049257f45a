"""Snapshots of every screen on a fixed library (fixed day, no cursor blink, 120 x 40), of
each of them at 80 x 24, and of the states people see when something waits or goes wrong:
proposals waiting, an import report with problems, a refused form, the split dialog.

Update after looking at the report: ``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Select

from mammolog.paths import AppPaths
from mammolog.services.results import add_finding, assess
from mammolog.tui.app import MammologApp
from mammolog.tui.importing import ImportSummary, PersonLine, ProblemLine
from mammolog.tui.messages import ImportFinished
from mammolog.tui.screens.images import ImagesScreen
from tests.tui.conftest import SIZE, Library, app_for, make_library, settle

SnapCompare = Any
NARROW = (80, 24)
REPORT = (
    "Breast Centre North - Mammography report\n"
    "Findings: The breasts are heterogeneously dense.\n"
    "Impression: Right breast BI-RADS 2. Left breast BI-RADS 1.\n"
)

pytestmark = pytest.mark.usefixtures("no_textual_env")


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    """The test library with results on every exam of person 1, and a folder tree to browse."""
    library = make_library(tmp_path / "home")
    uid = "1.2.826.0.1.3680043.99.{}".format
    assess(library.engine, uid(1), right="1", left="1", density="b")
    assess(library.engine, uid(2), right="2", left="2", density="b")
    assess(library.engine, uid(3), right="4B", left="2", density="c", recommendation="biopsy")
    add_finding(
        library.engine, uid(3), type="calcification", side="R", quadrant="UOQ", clock=10,
        morphology="fine-pleomorphic", distribution="grouped",
    )  # fmt: skip
    disc = tmp_path / "browse" / "Discs"
    for folder in ("DISC-2024", "DISC-2025/DICOM"):
        (disc / folder).mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "browse")
    return library


def app(library: Library) -> MammologApp:
    return app_for(library.paths, library.engine, browse_root=Path("Discs"))


async def ready(pilot: Pilot[None]) -> None:
    await settle(pilot.app, pilot)  # type: ignore[arg-type]


def pressed(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Settle, press ``keys``, then settle again (the new screen's workers finish too)."""

    async def run(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.press(*keys)
        await ready(pilot)

    return run


def test_library(snap_compare: SnapCompare, history: Library) -> None:
    assert snap_compare(app(history), terminal_size=SIZE, run_before=ready)


def test_library_empty(snap_compare: SnapCompare, tmp_path: Path) -> None:
    empty = app_for(AppPaths.under_home(tmp_path / "empty"), browse_root=Path("."))
    assert snap_compare(empty, terminal_size=SIZE, run_before=ready)


def test_study(snap_compare: SnapCompare, history: Library) -> None:
    async def open_study(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.press("enter")
        await ready(pilot)

    assert snap_compare(app(history), terminal_size=SIZE, run_before=open_study)


def test_result_form(snap_compare: SnapCompare, history: Library) -> None:
    async def open_form(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.press("enter")
        await ready(pilot)
        await pilot.press("e")
        await ready(pilot)

    assert snap_compare(app(history), terminal_size=SIZE, run_before=open_form)


def test_timeline(snap_compare: SnapCompare, history: Library) -> None:
    assert snap_compare(app(history), terminal_size=SIZE, run_before=pressed("f4"))


def _images(history: Library, compare: bool) -> Any:
    async def open_images(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.app.push_screen(ImagesScreen(history.study_pks[-1]))
        await ready(pilot)
        if compare:
            await pilot.press("c")
        await ready(pilot)
        await ready(pilot)

    return open_images


def test_images(snap_compare: SnapCompare, history: Library) -> None:
    assert snap_compare(app(history), terminal_size=SIZE, run_before=_images(history, False))


def test_images_compare(snap_compare: SnapCompare, history: Library) -> None:
    assert snap_compare(app(history), terminal_size=SIZE, run_before=_images(history, True))


def test_import(snap_compare: SnapCompare, history: Library) -> None:
    assert snap_compare(app(history), terminal_size=SIZE, run_before=pressed("f3"))


def test_settings(snap_compare: SnapCompare, history: Library) -> None:
    shown_paths = AppPaths.under_home(Path("/home/anna/mammolog"))
    settings = app_for(shown_paths, history.engine, browse_root=Path("Discs"))
    assert snap_compare(settings, terminal_size=SIZE, run_before=pressed("f9"))


def test_help(snap_compare: SnapCompare, history: Library) -> None:
    assert snap_compare(app(history), terminal_size=SIZE, run_before=pressed("f1"))


def test_persons(snap_compare: SnapCompare, history: Library) -> None:
    assert snap_compare(app(history), terminal_size=SIZE, run_before=pressed("m"))


def test_export(snap_compare: SnapCompare, history: Library) -> None:
    assert snap_compare(app(history), terminal_size=SIZE, run_before=pressed("f5"))


# At 80 x 24: every screen still works, the columns that matter first.


def test_library_narrow(snap_compare: SnapCompare, history: Library) -> None:
    assert snap_compare(app(history), terminal_size=NARROW, run_before=ready)


def test_study_narrow_with_proposals_waiting(
    snap_compare: SnapCompare, history: Library, tmp_path: Path
) -> None:
    from mammolog.services.attachments import attach_file
    from mammolog.services.proposals import extract_proposals

    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    latest = "1.2.826.0.1.3680043.99.3"
    attach_file(history.engine, history.paths, latest, report)
    extract_proposals(history.engine, history.paths, latest)

    async def scrolled_to_proposals(pilot: Pilot[None]) -> None:
        await pressed("enter")(pilot)
        pilot.app.screen.query_one("#study-proposals").focus()
        await ready(pilot)

    assert snap_compare(app(history), terminal_size=NARROW, run_before=scrolled_to_proposals)


def test_result_form_narrow_with_an_error(snap_compare: SnapCompare, history: Library) -> None:
    async def refused(pilot: Pilot[None]) -> None:
        await pressed("enter", "e")(pilot)
        pilot.app.screen.query_one("#right", Select).clear()
        pilot.app.screen.query_one("#left", Select).clear()
        await pilot.press("ctrl+s")
        await ready(pilot)

    assert snap_compare(app(history), terminal_size=NARROW, run_before=refused)


def test_import_report_with_problems_narrow(snap_compare: SnapCompare, history: Library) -> None:
    summary = ImportSummary(
        source="/media/anna/PATIENT_CD",
        status="done",
        files_seen=14,
        studies_added=1,
        instances_added=9,
        ignored=2,
        bytes_copied=48_200_000,
        problems=(
            ProblemLine("DICOM/IMG0007", "the file ends in the middle of its header"),
            ProblemLine("DICOM/IMG0011", "listed in the DICOMDIR but not on the disc"),
        ),
        persons=(PersonLine(3, "Kowalska, Maria", True),),
    )

    async def finished(pilot: Pilot[None]) -> None:
        await pressed("f3")(pilot)
        pilot.app.screen.post_message(ImportFinished(summary))
        await ready(pilot)

    assert snap_compare(app(history), terminal_size=NARROW, run_before=finished)


def test_split_dialog_narrow(snap_compare: SnapCompare, history: Library) -> None:
    async def split(pilot: Pilot[None]) -> None:
        await pressed("m")(pilot)
        await pilot.press("space", "down", "m")
        await ready(pilot)
        await pilot.press("s")
        await ready(pilot)

    assert snap_compare(app(history), terminal_size=NARROW, run_before=split)


@pytest.mark.parametrize("key", ["f3", "f5", "f1", "m"])
def test_other_screens_narrow(snap_compare: SnapCompare, history: Library, key: str) -> None:
    assert snap_compare(app(history), terminal_size=NARROW, run_before=pressed(key))


def test_settings_narrow(snap_compare: SnapCompare, history: Library) -> None:
    shown_paths = AppPaths.under_home(Path("/home/anna/mammolog"))
    settings = app_for(shown_paths, history.engine, browse_root=Path("Discs"))
    assert snap_compare(settings, terminal_size=NARROW, run_before=pressed("f9"))
