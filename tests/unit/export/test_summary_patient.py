"""The summary's page for her: after the clinician's pages, and alone with --for-me-only."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy.engine import Engine

from mammolog.catalog.migrate import open_catalog
from mammolog.export.summary_patient import PAGE_TITLE
from mammolog.paths import AppPaths
from mammolog.services import results
from mammolog.services.explain import patient_page
from mammolog.services.export import ExportError, export_summary
from tests.factories import make_study

TODAY = date(2026, 12, 1)


@pytest.fixture
def home(tmp_path: Path) -> tuple[Engine, AppPaths]:
    paths = AppPaths.under_home(tmp_path / "h")
    engine = open_catalog(paths)
    make_study(engine, uid="1.1", study_date=date(2025, 10, 31), patient_name="KOWALSKA^MARIA")
    results.assess(engine, "1.1", right="2", left="2", density="d")
    return engine, paths


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages]


def test_the_page_for_her_comes_after_the_clinicians_pages(
    home: tuple[Engine, AppPaths], tmp_path: Path
) -> None:
    engine, paths = home
    written, data = export_summary(engine, paths, tmp_path / "s.pdf", None, today=TODAY)
    pages = _pages(written.path)
    assert data.patient_page is not None and len(pages) >= 2
    assert PAGE_TITLE not in pages[0]
    last = " ".join(pages[-1].split())
    assert last.startswith(PAGE_TITLE) and "This page is for you, Maria." in last
    assert "Book your routine screening mammogram; it was due on 31 October." in last
    assert "Density d: extremely dense" in last and "How to prepare" in last
    assert "Bring your previous discs" in last and "Write down your questions" in last


def test_for_me_only_writes_just_that_page_in_every_format(
    home: tuple[Engine, AppPaths], tmp_path: Path
) -> None:
    engine, paths = home
    written, _ = export_summary(
        engine, paths, tmp_path / "me.pdf", None, today=TODAY, for_me_only=True
    )
    assert written.pages == 1 and _pages(written.path)[0].startswith(PAGE_TITLE)
    html, _ = export_summary(
        engine, paths, tmp_path / "me.html", None, today=TODAY, for_me_only=True
    )
    text = html.path.read_text()
    assert f"<h1>{PAGE_TITLE}</h1>" in text and "All exams" not in text
    md, _ = export_summary(engine, paths, tmp_path / "me.md", None, today=TODAY, for_me_only=True)
    lines = md.path.read_text().splitlines()
    assert lines[0].startswith("<!-- mammolog-own-export") and lines[1] == f"# {PAGE_TITLE}"
    full, _ = export_summary(engine, paths, tmp_path / "all.md", None, today=TODAY)
    assert f"# {PAGE_TITLE}" in full.path.read_text()


def test_anonymized_summaries_leave_the_personal_page_out(
    home: tuple[Engine, AppPaths], tmp_path: Path
) -> None:
    engine, paths = home
    _, data = export_summary(engine, paths, tmp_path / "a.pdf", None, today=TODAY, anonymize=True)
    assert data.patient_page is None
    with pytest.raises(ExportError, match="personal"):
        export_summary(
            engine, paths, tmp_path / "b.pdf", None, today=TODAY, anonymize=True, for_me_only=True
        )


def test_a_page_without_results_says_so(tmp_path: Path) -> None:
    engine = open_catalog(AppPaths.under_home(tmp_path / "e"))
    make_study(engine, uid="2.1", study_date=date(2025, 1, 1), patient_name="SOLO")
    page = patient_page(engine, None, today=TODAY)
    assert page.latest is None and page.result_items() == []
    assert page.first_name == "" and page.greeting().startswith("This page is for you.")
    assert page.results_heading() == "Your latest results"
    assert page.due_action == "Add the result of your latest exam."
