"""The PDF summary's pages: page 1 alone for 20 exams, latest result and next due agreeing,
words never broken, recommendation and note shown, and the chart explained."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy.engine import Engine

from mammolog.catalog.migrate import open_catalog
from mammolog.export.summary import SummaryFormat, render_summary
from mammolog.export.summary_chart import CHART_EXPLANATION
from mammolog.paths import AppPaths
from mammolog.services.export import export_summary, gather_summary
from mammolog.services.results import add_finding, assess
from mammolog.services.workup import add_pathology, add_procedure
from tests.factories import make_study

TODAY = date(2026, 6, 1)
EXAM_DATES = tuple(date(2006 + year, 3, 1 + year % 5) for year in range(19)) + (date(2025, 5, 2),)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _pages(path: Path) -> list[str]:
    return [_flat(page.extract_text() or "") for page in PdfReader(path).pages]


def _uid(index: int) -> str:
    return f"1.2.826.0.1.3680043.9.8888.{index + 1}"


def _twenty_exams(home: Path) -> tuple[AppPaths, Engine]:
    """20 yearly exams with results, findings, a biopsy and its pathology, and the last day
    holding a second (work-up) study: 0/0 at screening, then 4A/1."""
    paths = AppPaths.under_home(home)
    engine = open_catalog(paths)
    for index, day in enumerate(EXAM_DATES):
        make_study(
            engine, uid=_uid(index), study_date=day, institution="City Hospital Radiology",
            description="MAMMOSCREENING BILATERAL" if index % 2 else "MG screening",
        )  # fmt: skip
        category = "2" if index % 3 else "1"
        assess(engine, _uid(index), right=category, left="1", density="c")
        if index % 4 == 1:
            add_finding(
                engine, _uid(index), type="calcification", side="R", morphology="coarse",
                quadrant="LOQ", change="stable",
            )  # fmt: skip
    make_study(engine, uid=_uid(99), study_date=EXAM_DATES[-1], description="Work-up")
    assess(engine, _uid(19), right="0", left="0", recommendation="additional-imaging")
    assess(
        engine, _uid(99), right="4A", left="1", recommendation="biopsy",
        note="Radiologist explained the spot; biopsy booked",
    )  # fmt: skip
    biopsy, _ = add_procedure(
        engine, procedure_date=date(2015, 4, 2), procedure_type="stereotactic-biopsy", side="R",
        today=TODAY, study_ref=_uid(9), note="9G vacuum-assisted",
    )  # fmt: skip
    add_pathology(
        engine, result_date=date(2015, 4, 9), outcome="benign", side="R", today=TODAY,
        procedure_id=biopsy, text="Fibrocystic change with microcalcifications",
    )  # fmt: skip
    return paths, engine


@pytest.fixture(scope="module")
def twenty(tmp_path_factory: pytest.TempPathFactory) -> tuple[AppPaths, Engine]:
    return _twenty_exams(tmp_path_factory.mktemp("twenty") / "home")


@pytest.fixture(scope="module")
def twenty_pdf(twenty: tuple[AppPaths, Engine], tmp_path_factory: pytest.TempPathFactory) -> Path:
    paths, engine = twenty
    out = tmp_path_factory.mktemp("pdf") / "summary.pdf"
    export_summary(engine, paths, out, None, today=TODAY)
    return out


def test_page_one_alone_holds_every_one_of_twenty_exams(twenty_pdf: Path) -> None:
    pages = _pages(twenty_pdf)
    page_one = pages[0]
    assert "Latest result" in page_one and "All exams" in page_one
    assert "21 exams · 1 procedure · 1 pathology result" in page_one
    for day in EXAM_DATES:
        assert day.isoformat() in page_one, day
    assert "2015-04-02" in page_one and "2015-04-09" in page_one  # biopsy and pathology rows
    assert "What changed" not in page_one  # page 1 stands alone
    assert pages[1].startswith("What changed, exam by exam")


def test_latest_result_and_next_due_agree_on_a_day_with_two_studies(twenty_pdf: Path) -> None:
    page_one = _pages(twenty_pdf)[0]
    assert "Right breast: BI-RADS 4A (Low suspicion) (exam 2025-05-02)" in page_one
    assert "Left breast: BI-RADS 1 (Negative) (exam 2025-05-02)" in page_one
    assert "biopsy" in page_one.split("Due", 1)[1] and "4A" in page_one.split("Due", 1)[1]
    assert "BI-RADS 0" not in page_one


def test_words_are_never_broken_and_recommendation_and_note_are_shown(
    twenty_pdf: Path,
) -> None:
    pages = _pages(twenty_pdf)
    text = " ".join(pages)
    assert "MAMMOSCREENING" in pages[0]
    assert "microcalcifications" in text
    assert "Recommended: biopsy" in text
    assert "Patient's note: Radiologist explained the spot; biopsy booked" in text
    # intervals are between exams; the biopsy says which exam it followed
    assert "(1 year since the previous exam)" in text
    assert "2015-04-02 Procedure (4 weeks after the exam of 2015-03-05)" in text
    assert "2015-04-09 Pathology result (5 weeks after the exam of 2015-03-05)" in text
    assert CHART_EXPLANATION[:60] in text


def test_the_pages_render_to_images(twenty_pdf: Path, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", str(twenty_pdf), str(tmp_path / "p")], check=True
    )
    assert len(list(tmp_path.glob("p-*.png"))) == len(PdfReader(twenty_pdf).pages)


def test_every_format_agrees_on_the_latest_result(twenty: tuple[AppPaths, Engine]) -> None:
    paths, engine = twenty
    data = gather_summary(engine, paths, None, today=TODAY, key_images=False)
    assert data.latest.right.category is not None and data.latest.right.category.value == "4A"
    assert data.next_due.kind.value == "biopsy"
    for summary_format in (SummaryFormat.HTML, SummaryFormat.MARKDOWN):
        text = render_summary(data, summary_format)[0].decode("utf-8")
        assert "Right breast: BI-RADS 4A (Low suspicion)" in text
        assert "BI-RADS 0 (" not in text.split("Latest result", 1)[1].split("All exams")[0]
        assert "Recommended: biopsy" in text
        assert "note: Radiologist explained the spot; biopsy booked" in text
        assert "21 exams · 1 procedure · 1 pathology result" in text
    html = render_summary(data, SummaryFormat.HTML)[0].decode("utf-8")
    assert CHART_EXPLANATION.split(";")[0] in html
    assert "(1 year since the previous exam)" in html and "after the exam of 2015-03-05" in html
