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


async def test_de_identified_summary_keeps_dates_only_when_asked(
    library: Library, tmp_path: Path
) -> None:
    from textual.widgets import Checkbox

    from mammolog.services.results import assess

    assess(library.engine, "1.2.826.0.1.3680043.99.1", right="2", left="1")
    app = app_for(library.paths, library.engine, browse_root=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await settle(app, pilot)
        screen = app.screen
        anonymize = screen.query_one("#export-anonymize", Checkbox)
        dates = screen.query_one("#export-retain-dates", Checkbox)
        private = screen.query_one("#export-keep-private", Checkbox)
        assert dates.disabled and private.disabled  # they apply only when de-identifying
        anonymize.value = True
        await pilot.pause()
        assert not dates.disabled and private.disabled  # 3D data is a disc's choice
        path = screen.query_one("#export-path", Input)
        shifted, kept = tmp_path / "shifted.md", tmp_path / "kept.md"
        path.value = str(shifted)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        dates.value = True
        path.value = str(kept)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        screen.query(RadioButton)[1].value = True  # the disc folder
        await pilot.pause()
        assert not private.disabled
    assert "2022-05-10" not in shifted.read_text(encoding="utf-8")
    assert "2022-05-10" in kept.read_text(encoding="utf-8")
    assert "Nowak" not in shifted.read_text(encoding="utf-8") + kept.read_text(encoding="utf-8")
