"""Export screen: a summary PDF for the shown person; a refused disc export says why; a typed
path survives a change of what to export."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, RadioButton, Static

from mammolog.tui.screens.export import ExportScreen
from tests.tui.conftest import SIZE, Library, app_for, record_notifications, settle


async def test_export_summary_then_disc_folder(library: Library, tmp_path: Path) -> None:
    """The test images have no patient module, so the disc export is refused with the reason."""
    app = app_for(library.paths, library.engine, browse_root=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        shown = record_notifications(app)
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        summary = tmp_path / "mammolog-export-2026-11-01.pdf"
        assert screen.query_one("#export-path", Input).value == str(summary)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        result = str(screen.query_one("#export-result", Static).render())
        assert result.startswith("Summary written"), result
        assert summary.read_bytes().startswith(b"%PDF")
        await pilot.press("ctrl+s")  # the same name again is refused
        await pilot.pause()
        assert any("already exists" in n.message for n in shown)
        screen.query(RadioButton)[1].value = True  # the disc folder
        await pilot.pause()
        folder = Path(screen.query_one("#export-path", Input).value)
        assert folder.name == "mammolog-export-2026-11-01"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        result = str(screen.query_one("#export-result", Static).render())
        assert result.startswith("Nothing was exported: "), result
        assert any(n.title == "Export failed" for n in shown)
        assert not folder.exists()


async def test_a_typed_path_is_kept_when_what_changes(library: Library, tmp_path: Path) -> None:
    app = app_for(library.paths, library.engine, browse_root=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await settle(app, pilot)
        screen = app.screen
        path = screen.query_one("#export-path", Input)
        typed = str(tmp_path / "for-dr-lee" / "anna.zip")
        path.value = typed
        buttons = screen.query(RadioButton)
        buttons[2].value = True  # ZIP
        await pilot.pause()
        assert path.value == typed
        buttons[3].value = True  # ISO
        await pilot.pause()
        assert path.value == typed
        path.value = ""  # an emptied box gets a suggestion again
        buttons[0].value = True
        await pilot.pause()
        assert path.value == str(tmp_path / "mammolog-export-2026-11-01.pdf")
