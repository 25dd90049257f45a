"""The library overview: results per study, report flags, pending proposals and next due."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mammolog.catalog.migrate import open_catalog
from mammolog.paths import AppPaths
from mammolog.services import results
from mammolog.services.attachments import attach_file
from mammolog.services.overview import library_overview
from tests.factories import make_study


def test_overview_of_an_empty_library(tmp_path: Path) -> None:
    engine = open_catalog(AppPaths.under_home(tmp_path / "h"))
    overview = library_overview(engine, None, today=date(2026, 1, 1))
    assert overview.person_id is None and overview.studies == ()


def test_overview_rows_and_due(tmp_path: Path) -> None:
    paths = AppPaths.under_home(tmp_path / "h")
    engine = open_catalog(paths)
    person = make_study(engine, uid="1.1", study_date=date(2024, 3, 1))
    make_study(engine, uid="1.2", study_date=date(2025, 3, 3))
    make_study(
        engine,
        uid="9.1",
        study_date=date(2025, 1, 1),
        patient_name="OTHER^ONE",
        patient_id="X",
        issuer="B",
    )
    results.assess(engine, "1.2", right="2", left="3", density="d")
    report = tmp_path / "r.txt"
    report.write_text("BI-RADS 3")
    attach_file(engine, paths, "1.2", report)
    overview = library_overview(engine, person, today=date(2025, 12, 1))
    assert [s.study.study_uid for s in overview.studies] == ["1.2", "1.1"]
    latest = overview.studies[0]
    assert (latest.right, latest.left, latest.overall, latest.density) == ("2", "3", "3", "d")
    assert latest.has_report and not overview.studies[1].has_report
    assert overview.next_due is not None and overview.next_due.overdue
    assert overview.latest is not None
    assert (overview.latest.right.category, overview.latest.left.category) == ("2", "3")
    assert overview.latest.left.exam_date == date(2025, 3, 3)
    assert overview.display_name == "Doe, Jane"
