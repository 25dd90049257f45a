"""Reports on the study screen: text shown, proposals accepted or rejected, viewer handed the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from mammolog.services.attachments import attach_file
from mammolog.services.proposals import extract_proposals, list_proposals
from mammolog.services.study_view import DocumentRecord
from mammolog.tui import saving
from mammolog.tui.screens.study import StudyScreen
from tests.tui.conftest import SIZE, Library, app_for, record_notifications, settle

REPORT = (
    "Breast Centre North - Mammography report\n"
    "Exam date: 2025-10-02\n"
    "Findings: The breasts are heterogeneously dense.\n"
    "Impression: Right breast BI-RADS 2. Left breast BI-RADS 1.\n"
)
LATEST = "1.2.826.0.1.3680043.99.3"


@pytest.fixture
def reported(library: Library, tmp_path: Path) -> Library:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    attach_file(library.engine, library.paths, LATEST, report)
    extract_proposals(library.engine, library.paths, LATEST)
    return library


async def test_report_text_and_accepting_a_proposal(reported: Library) -> None:
    pending = list_proposals(reported.engine, LATEST)
    assert pending, "the report should give proposals"
    app = app_for(reported.paths, reported.engine)
    async with app.run_test(size=SIZE) as pilot:
        shown = record_notifications(app)
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, StudyScreen)
        text = str(app.screen.query_one("#study-text", Static).render())
        assert "Impression: Right breast BI-RADS 2" in text
        proposals = app.screen.query_one("#study-proposals", DataTable)
        assert proposals.row_count == len(pending)
        proposals.focus()
        fields = [str(proposals.get_row_at(i)[0]) for i in range(proposals.row_count)]
        assert "Breast density" in fields
        assert all("_" not in field for field in fields)
        proposals.move_cursor(row=fields.index("Breast density"))
        await pilot.press("a")  # density alone cannot be a result: the reason is shown
        await settle(app, pilot)
        assert any("needs a category" in n.message for n in shown)
        assert proposals.row_count == len(pending)
        category = next(i for i, f in enumerate(fields) if f.startswith("BI-RADS category"))
        proposals.move_cursor(row=category)
        await pilot.press("a")
        await settle(app, pilot)
        assert proposals.row_count == len(pending) - 1
        assert shown[-1].message.startswith("Recorded BI-RADS "), shown[-1]
        assert "recorded for" not in shown[-1].message
        await pilot.press("x")
        await settle(app, pilot)
        assert proposals.row_count == len(pending) - 2
    decided = {p.status for p in list_proposals(reported.engine, LATEST, include_decided=True)}
    assert {"accepted", "rejected"} <= decided


async def test_after_every_proposal_is_decided_it_says_they_were_reviewed(
    reported: Library,
) -> None:
    pending = list_proposals(reported.engine, LATEST)
    app = app_for(reported.paths, reported.engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        proposals = app.screen.query_one("#study-proposals", DataTable)
        proposals.focus()
        for _ in pending:
            await pilot.press("x")
            await settle(app, pilot)
        assert proposals.row_count == 0
        hint = str(app.screen.query_one("#study-no-proposals", Static).render())
        assert hint == f"All {len(pending)} proposals read from this study's reports were reviewed."
        assert "nothing was read" not in hint


def test_viewer_gets_the_file_and_a_missing_viewer_is_explained(
    reported: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = DocumentRecord("att1", "report.txt", "attachment", str(tmp_path / "report.txt"))
    monkeypatch.setattr(saving, "viewer_command", lambda: ["true"])
    assert saving.open_document(document, reported.paths) == tmp_path / "report.txt"
    monkeypatch.setattr(saving, "viewer_command", lambda: ["no-such-viewer-program"])
    with pytest.raises(saving.ViewerError, match="no viewer found"):
        saving.open_document(document, reported.paths)
    with pytest.raises(saving.ViewerError, match="structured report"):
        saving.open_document(DocumentRecord("d", "SR", "sr", "x"), reported.paths)
