"""Summary records: formats, PN groups, hidden dates, chart geometry, fonts, gathered data.

``build_library`` (used by the other summary, service and CLI tests) fills a home with one
woman recorded under four names at four centres, four screening rounds with real DICOM files
(R/L CC/MLO), results with a 4B, a biopsy and benign pathology.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from mammolog.catalog.migrate import open_catalog
from mammolog.domain.due import DueKind, NextDue
from mammolog.domain.latest import BreastResult, LatestResults
from mammolog.domain.lexicon import Category, Density, Side
from mammolog.export.summary import (
    ExamRow,
    SummaryData,
    SummaryFormat,
    format_for,
    pn_groups,
)
from mammolog.export.summary_chart import CHART_EXPLANATION, chart_geometry
from mammolog.export.summary_fonts import BOLD, REGULAR, FontSet, find_cjk_font, printable_name
from mammolog.paths import AppPaths
from mammolog.services.export import gather_summary
from mammolog.services.persons import list_persons, merge_persons
from mammolog.services.results import add_finding, assess
from mammolog.services.workup import add_pathology, add_procedure
from tests.factories import make_study
from tests.unit.export.synth_files import Person, mg_image

TODAY = date(2025, 6, 1)
NAMES = (
    "KOWALSKA^MARIA",
    "Kowalska^Maria^Anna",
    "Διονυσιος^Ελένη",
    "Yamada^Tarou=山田^太郎=やまだ^たろう",
)
PATIENT_IDS = ("SM12345", "NS880123", "GR4455", "JP7788")
BIRTH = date(1965, 4, 2)
DATES = (date(2019, 3, 1), date(2021, 3, 4), date(2023, 3, 9), date(2024, 3, 1))
VIEWS = (("R", "CC"), ("L", "CC"), ("R", "MLO"), ("L", "MLO"))


@dataclass(frozen=True)
class Library:
    """A filled home for export tests."""

    paths: AppPaths
    engine: Engine
    person_id: int
    study_uids: tuple[str, ...]

    def image_path(self, study: int, number: int) -> Path:
        """The stored file of image ``number`` (1-4) of study ``study`` (0-3)."""
        return self.paths.library_dir / "test" / self.study_uids[study] / str(number)


def build_library(home: Path, *, with_results: bool = True) -> Library:
    """See the module docstring."""
    paths = AppPaths.under_home(home)
    engine = open_catalog(paths)
    uids = []
    for index, (day, name) in enumerate(zip(DATES, NAMES, strict=True)):
        uid = f"1.2.826.0.1.3680043.9.7777.{index + 1}"
        make_study(
            engine, uid=uid, study_date=day, patient_name=name, patient_id=PATIENT_IDS[index],
            issuer=f"ISSUER{index}", birth_date=BIRTH, institution=f"Centre {'ABCD'[index]}",
            description="MG screening bilateral", views=VIEWS,
        )  # fmt: skip
        person = Person(name=name, patient_id=PATIENT_IDS[index], birth_date="19650402")
        series_uid = f"{uid}.1"
        for number, (laterality, view) in enumerate(VIEWS, start=1):
            target = paths.library_dir / "test" / uid / str(number)
            target.parent.mkdir(parents=True, exist_ok=True)
            dataset = mg_image(
                target, person=person, study_uid=uid, series_uid=series_uid,
                laterality=laterality, view=view, rows=40, columns=32,
            )  # fmt: skip
            dataset.SOPInstanceUID = f"{uid}.1.{number}"
            dataset.file_meta.MediaStorageSOPInstanceUID = dataset.SOPInstanceUID
            dataset.StudyDate = day.strftime("%Y%m%d")
            dataset.InstanceNumber = number
            dataset.save_as(target, enforce_file_format=True)
        uids.append(uid)
    persons = list_persons(engine)
    keep = persons[0].person_id
    for other in persons[1:]:
        merge_persons(engine, keep, other.person_id)
    if with_results:
        assess(engine, uids[0], right="1", left="1", density="b")
        assess(engine, uids[1], right="2", left="2", density="c")
        add_finding(
            engine, uids[1], type="calcification", side="R", morphology="coarse", quadrant="LOQ"
        )
        assess(engine, uids[2], right="2", left="4B", density="c", recommendation="biopsy")
        calcs = add_finding(
            engine, uids[2], type="calcification", side="L", morphology="fine-pleomorphic",
            distribution="grouped", quadrant="UOQ", clock=2,
        )  # fmt: skip
        biopsy, _ = add_procedure(
            engine, procedure_date=date(2023, 3, 30), procedure_type="stereotactic-biopsy",
            side="L", today=TODAY, study_ref=uids[2], finding_id=calcs.finding_id,
            note="9G vacuum-assisted, 12 cores",
        )  # fmt: skip
        add_pathology(
            engine, result_date=date(2023, 4, 5), outcome="benign", side="L", today=TODAY,
            procedure_id=biopsy, text="Fibrocystic change",
        )  # fmt: skip
        assess(engine, uids[3], right="2", left="2", density="c")
    return Library(paths, engine, keep, tuple(uids))


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return build_library(tmp_path / "home")


def _data(**changes: object) -> SummaryData:
    base: dict[str, object] = dict(
        person_name="Doe, Jane", birth_date=BIRTH, identities=(), generated=TODAY,
        latest=LatestResults(BreastResult(Side.RIGHT), BreastResult(Side.LEFT)),
        next_due=NextDue(
            date(2025, 3, 1), "screening (last: BI-RADS 2 on 2024-03-01)", True, DueKind.SCREENING
        ),
        exams=(), entries=(),
    )  # fmt: skip
    base.update(changes)
    return SummaryData(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.pdf", SummaryFormat.PDF),
        ("A.PDF", SummaryFormat.PDF),
        ("noext", SummaryFormat.PDF),
        ("x.html", SummaryFormat.HTML),
        ("x.HTM", SummaryFormat.HTML),
        ("x.md", SummaryFormat.MARKDOWN),
    ],
)
def test_format_follows_the_extension(name: str, expected: SummaryFormat) -> None:
    assert format_for(Path(name)) is expected


def test_pn_groups_split_alphabetic_ideographic_phonetic() -> None:
    assert pn_groups(NAMES[3]) == ["Yamada Tarou", "山田 太郎", "やまだ たろう"]
    assert pn_groups("DOE^JANE^^^") == ["DOE JANE"]
    assert pn_groups("=山田^太郎") == ["山田 太郎"]


def test_hidden_dates_become_months_since_the_first_exam() -> None:
    data = _data(date_origin=date(2020, 1, 1))
    assert data.show_date(date(2021, 1, 1)) == "month 12"
    assert "2024-03-01" not in data.due_sentence()
    assert "month 50" in data.due_sentence()
    shown = _data()
    assert shown.show_date(date(2021, 1, 1)) == "2021-01-01"
    assert "Due since 2025-03-01 (overdue)" in shown.due_sentence()


def _row(day: date, right: Category | None, left: Category | None) -> ExamRow:
    return ExamRow(day, "", "", right, left, Density.B, (), (), ())


def test_chart_rows_are_in_number_order_and_time_runs_to_the_right() -> None:
    rows = [
        _row(date(2020, 1, 1), Category.C1, Category.C2),
        _row(date(2022, 1, 1), Category.C2, Category.C4B),
        _row(date(2023, 1, 1), None, Category.C0),
    ]
    geo = chart_geometry(rows, left=10, top=5, width=100, height=50)
    assert [label for label, _y in geo.y_ticks] == [
        "0", "1", "2", "3", "4", "4A", "4B", "4C", "5", "6"
    ]  # fmt: skip
    tick_y = [y for _label, y in geo.y_ticks]
    assert tick_y == sorted(tick_y, reverse=True)  # 0 at the bottom, 6 at the top
    assert "number order" in CHART_EXPLANATION and "0 means" in CHART_EXPLANATION
    series = dict(geo.series)
    assert len(series[Side.RIGHT]) == 2 and len(series[Side.LEFT]) == 3
    left = series[Side.LEFT]
    assert left[0].x == 10 and left[-1].x == pytest.approx(110)
    assert left[1].y < left[0].y < left[2].y  # 4B above 2 above 0
    assert [label for label, _x in geo.x_ticks] == ["2020", "2021", "2022", "2023"]
    hidden = chart_geometry(rows, left=10, top=5, width=100, height=50, date_label=lambda d: "m")
    assert [label for label, _x in hidden.x_ticks] == ["m", "m"]


def test_equal_results_on_both_breasts_stay_two_visible_markers() -> None:
    rows = [_row(date(2020, 1, 1), Category.C2, Category.C2)]
    geo = chart_geometry(rows, left=0, top=0, width=100, height=50)
    right, left = dict(geo.series)[Side.RIGHT][0], dict(geo.series)[Side.LEFT][0]
    row_centre = dict(geo.y_ticks)["2"]
    assert right.y < row_centre < left.y  # right a little above, left a little below
    assert left.y - right.y >= 1.2  # more than a marker's line width apart
    assert abs(left.y - right.y) < 50 / 10  # both inside the row of category 2


def test_chart_of_one_exam_is_centred_and_of_none_is_empty() -> None:
    geo = chart_geometry(
        [_row(date(2020, 5, 1), Category.C3, None)], left=0, top=0, width=80, height=40
    )
    assert dict(geo.series)[Side.RIGHT][0].x == 40
    assert chart_geometry([], left=0, top=0, width=80, height=40).is_empty


def test_names_fall_back_to_printable_groups_without_a_cjk_font() -> None:
    latin_only = FontSet(REGULAR, BOLD, None)
    assert printable_name(NAMES[3], latin_only) == "Yamada Tarou"
    assert printable_name("Διονυσιος^Ελένη", latin_only) == "Διονυσιος Ελένη"
    assert printable_name("=山田^太郎", latin_only) == "?? ??"
    cjk = find_cjk_font()
    if cjk is None:
        pytest.skip("no CJK font on this system")
    assert "山田 太郎" in printable_name(NAMES[3], FontSet(REGULAR, BOLD, cjk))


def test_gathered_summary_has_identities_latest_results_and_every_exam(library: Library) -> None:
    data = gather_summary(library.engine, library.paths, None, today=TODAY)
    assert data.person_name == "Kowalska, Maria"
    assert data.birth_date == BIRTH
    assert sorted(i.patient_id for i in data.identities) == sorted(PATIENT_IDS)
    assert {c for i in data.identities for c in i.centres} == {
        "Centre A",
        "Centre B",
        "Centre C",
        "Centre D",
    }
    assert data.latest.left.category is Category.C2
    assert data.latest.left.exam_date == DATES[3]
    assert data.latest.density is Density.C and data.latest.density_date == DATES[3]
    assert [r.exam_date for r in data.exams] == [
        *DATES[:3],
        date(2023, 3, 30),
        date(2023, 4, 5),
        DATES[3],
    ]
    row_4b = data.exams[2]
    assert (row_4b.right, row_4b.left, row_4b.centre) == (Category.C2, Category.C4B, "Centre C")
    assert any("fine-pleomorphic" in text for text in row_4b.findings)
    assert data.exams[3].procedures == ("stereotactic biopsy L: 9G vacuum-assisted, 12 cores",)
    assert [r.entry_kind.value for r in data.exams] == [
        "exam", "exam", "exam", "procedure", "pathology", "exam"
    ]  # fmt: skip
    assert row_4b.recommendation == "biopsy"
    assert data.next_due.date == date(2025, 3, 1) and data.next_due.overdue
