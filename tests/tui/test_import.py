"""Import screen: detected media, a real disc imported with progress and report, cancel, errors."""

from __future__ import annotations

import threading
from pathlib import Path

from textual.widgets import DataTable, Input, OptionList, Static

from mammolog.catalog.migrate import open_catalog
from mammolog.paths import AppPaths
from mammolog.services.discs import find_discs
from mammolog.services.import_report import ImportReport
from mammolog.services.import_report import ProblemLine as ReportProblem
from mammolog.tui.importing import (
    ImportFigures,
    ProgressThrottle,
    figures_text,
    run_import,
    summarise,
)
from mammolog.tui.screens.importing import ImportScreen, report_text
from tests.tui.conftest import SIZE, app_for, record_notifications, settle, write_mammogram


def test_detects_discs_under_user_folders_and_skips_empty_ones(tmp_path: Path) -> None:
    media, mnt = tmp_path / "media", tmp_path / "mnt"
    write_mammogram(media / "anna" / "DISC1" / "DICOM" / "IMG0001", "R", "CC", 1)
    (media / "anna" / "EMPTY").mkdir(parents=True)
    (mnt / "usb" / "DICOMDIR").parent.mkdir(parents=True)
    (mnt / "usb" / "DICOMDIR").write_bytes(b"x")
    (mnt / "nothing").mkdir()
    assert find_discs((media, mnt, tmp_path / "absent")) == [
        media / "anna" / "DISC1",
        mnt / "usb",
    ]


def test_a_mount_without_dicom_is_not_offered_as_a_disc(tmp_path: Path) -> None:
    """A data partition or system mount holds files, but no DICOMDIR and no DICOM file."""
    mnt = tmp_path / "mnt"
    data = mnt / "data"
    for index in range(30):
        (data / f"folder{index}").mkdir(parents=True)
        (data / f"folder{index}" / "notes.txt").write_text("not a mammogram")
    (data / "DICOM").mkdir()  # a folder name alone is not a disc
    (data / "DICOM" / "readme.html").write_text("<html></html>")
    deep = mnt / "deep" / "a" / "b" / "c" / "d" / "e"
    write_mammogram(deep / "IMG0001", "L", "CC", 2)  # far below the top: not looked for
    assert find_discs((mnt,)) == []


def test_progress_figures_and_throttle() -> None:
    figures = ImportFigures(5, 10, 50_000_000, 100_000_000, 10.0)
    assert figures.fraction == 0.5
    assert figures_text(figures) == (
        "5 of 10 files · 50.0 MB of 100.0 MB · 5.0 MB/s · about 0:10 left"
    )
    sent: list[ImportFigures] = []
    throttle = ProgressThrottle(sent.append, interval=3600)
    for done in range(1, 100):
        throttle(done, 99, done, 99)
    assert len(sent) == 1  # batched: only the first within the interval
    throttle.flush()
    assert sent[-1].files_done == 99


def test_the_report_says_how_many_more_problems_are_like_a_listed_one() -> None:
    """As the command line does: summarised problems show as "and N more like this"."""
    report = ImportReport(
        source="/media/cdrom", studies_added=0, series_added=0, instances_added=0,
        instances_already_present=0, conflicts=0, ignored_files=0, bytes_copied=0, persons=(),
        problems=(
            ReportProblem("DICOM/IMG0001", "listed in the DICOMDIR but not on the disc"),
            ReportProblem("", "listed in the DICOMDIR but not on the disc", more_like_this=1800),
        ),
        problem_count=1801,
    )  # fmt: skip
    text = report_text(summarise(report)).plain
    assert "Problems: 1,801" in text
    assert "DICOM/IMG0001" in text
    assert "and 1,800 more like this" in text
    assert text.count("listed in the DICOMDIR but not on the disc") == 2


def test_cancel_before_the_first_file_imports_nothing(real_data: Path, tmp_path: Path) -> None:
    paths = AppPaths.under_home(tmp_path / "home")
    engine = open_catalog(paths)
    cancel = threading.Event()
    cancel.set()
    summary = run_import(
        real_data / "orthanc-tests" / "DavidClunie", paths=paths, engine=engine,
        progress=ProgressThrottle(lambda f: None), cancel=cancel,
    )  # fmt: skip
    assert summary.status == "cancelled"
    assert summary.instances_added == 0


async def test_import_a_real_disc_then_see_it_in_the_library(
    real_data: Path, empty_home: AppPaths, tmp_path: Path
) -> None:
    media = tmp_path / "media"
    media.mkdir()
    (media / "cdrom").symlink_to(real_data / "orthanc-tests" / "DavidClunie")
    app = app_for(empty_home, media_roots=(media,))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        options = screen.query_one("#media-list", OptionList)
        assert options.option_count == 1
        assert screen.query_one("#import-path", Input).value == str(media / "cdrom")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert screen.summary is not None and screen.summary.status == "done"
        report = str(screen.query_one("#import-report-text", Static).render())
        assert "Objects added" in report and "11" in report
        assert "new person" in report
        assert "Import finished" in str(screen.query_one("#import-figures", Static).render())
        await pilot.press("ctrl+s")  # the same disc again: everything already there
        await settle(app, pilot)
        assert screen.summary.instances_added == 0
        assert screen.summary.already_present == 11
        await pilot.press("f2")
        await settle(app, pilot)
        assert app.screen.query_one("#studies", DataTable).row_count >= 1


async def test_missing_folder_and_unreadable_source_are_explained(
    empty_home: AppPaths, tmp_path: Path
) -> None:
    app = app_for(empty_home)
    async with app.run_test(size=SIZE) as pilot:
        shown = record_notifications(app)
        await pilot.press("f3")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        assert "No patient disc or USB stick found" in str(screen.query_one("#media-none").render())
        screen.query_one("#import-path", Input).value = str(tmp_path / "nowhere")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.summary is None and not screen.running
        assert any("does not exist" in n.message for n in shown)
        bad = tmp_path / "broken.iso"
        bad.write_bytes(b"this is not an ISO image")
        screen.query_one("#import-path", Input).value = str(bad)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert screen.summary is not None
        assert screen.summary.status in ("failed", "done")
        report = str(screen.query_one("#import-report-text", Static).render())
        assert str(bad) in report
