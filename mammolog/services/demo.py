"""A realistic generated history for trying mammolog: one woman, about ten years, three centres.

The newest exam is a tomosynthesis exam: four synthesized 2D views and one Breast Tomosynthesis
volume per view, so the images screen has slices to scroll. Every study is written as DICOM files on a generated "disc" folder and brought in through the
real import; results are then recorded through the real result services, so the demo shows
exactly what a user's own library would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from mammolog.dicom.synth import (
    InstanceSpec,
    four_views,
    synthesized_2d,
    synthetic_uid,
    write_instance,
)
from mammolog.dicom.synth_tomo import write_tomosynthesis
from mammolog.paths import AppPaths

DEMO_SIZE = (416, 336)  # rows, columns: small enough to generate in a moment, big enough to view
TOMO_SIZE = (512, 416)  # the tomosynthesis exam's views and volumes
TOMO_FRAMES = 19  # slices per volume: enough to scroll, few enough to keep the demo quick


@dataclass(frozen=True)
class Centre:
    """An imaging centre and how it records the patient."""

    name: str
    patient_name: str
    patient_id: str
    issuer: str


CENTRES = {
    "SM": Centre("St Mary Breast Centre", "KOWALSKA^MARIA", "SM12345", "SMBC"),
    "NS": Centre("Northside Imaging", "Kowalska^Maria^Anna", "880123", "NSI"),
    "CH": Centre("City Hospital Radiology", "KOWALSKA^MARIA^^^", "CH-55102", "CHR"),
}
BIRTH_DATE = "19680514"


@dataclass(frozen=True)
class DemoExam:
    """One exam of the demo history and its result."""

    months_ago: int
    centre: str
    description: str
    right: str | None
    left: str | None
    density: str | None
    recommendation: str | None = None
    findings: tuple[dict[str, Any], ...] = ()
    views: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    note: str = ""
    extra_days: int = 0
    tomosynthesis: bool = False  # synthesized 2D views plus one DBT volume per view


CALCS_L = {
    "type": "calcification", "side": "L", "morphology": "fine-pleomorphic",
    "distribution": "grouped", "quadrant": "UOQ", "clock": "2", "depth": "middle",
}  # fmt: skip
ASYM_L = {"type": "asymmetry", "side": "L", "asymmetry": "focal", "quadrant": "UIQ"}
BENIGN_R = {"type": "calcification", "side": "R", "morphology": "coarse", "quadrant": "LOQ"}

SCREENING = "MAMMOGRAPHY SCREENING BILATERAL"
DIAGNOSTIC = "MAMMOGRAPHY DIAGNOSTIC"
MAG_VIEWS = (("L", "CC", ("magnification",)), ("L", "ML", ("magnification",)))

HISTORY: tuple[DemoExam, ...] = (
    DemoExam(121, "SM", SCREENING, "1", "1", "b", "routine-screening"),
    DemoExam(109, "SM", SCREENING, "1", "1", "b", "routine-screening"),
    DemoExam(97, "NS", SCREENING, "2", "1", "b", "routine-screening", ({**BENIGN_R, "change": "new"},)),
    DemoExam(85, "NS", SCREENING, "2", "1", "b", "routine-screening", ({**BENIGN_R, "change": "stable"},)),
    DemoExam(73, "SM", SCREENING, "2", "0", "c", "additional-imaging",
             ({**BENIGN_R, "change": "stable"}, {**ASYM_L, "change": "new"})),
    DemoExam(72, "SM", DIAGNOSTIC, "2", "3", "c", "6-month-follow-up",
             ({**BENIGN_R, "change": "stable"}, {**ASYM_L, "change": "stable"}),
             views=(("L", "CC", ("spot compression",)), ("L", "MLO", ("spot compression",)))),
    DemoExam(66, "SM", DIAGNOSTIC, "2", "3", "c", "6-month-follow-up",
             ({**BENIGN_R, "change": "stable"}, {**ASYM_L, "change": "stable"})),
    DemoExam(60, "SM", SCREENING, "2", "2", "c", "routine-screening",
             ({**BENIGN_R, "change": "stable"}, {**ASYM_L, "change": "resolved"})),
    DemoExam(48, "CH", SCREENING, "2", "4B", "c", "biopsy",
             ({**BENIGN_R, "change": "stable"}, {**CALCS_L, "change": "new"}),
             note="New grouped fine pleomorphic calcifications, left upper outer quadrant."),
    DemoExam(48, "CH", DIAGNOSTIC, "2", "4B", "c", "biopsy",
             ({**BENIGN_R, "change": "stable"}, {**CALCS_L, "change": "stable"}), views=MAG_VIEWS,
             extra_days=10),
    DemoExam(41, "CH", DIAGNOSTIC, "2", "2", "c", "routine-screening",
             ({**BENIGN_R, "change": "stable"}, {**CALCS_L, "change": "decreased"}),
             note="Post-biopsy clip in place; benign concordant."),
    DemoExam(36, "CH", SCREENING, "2", "2", "c", "routine-screening", ({**BENIGN_R, "change": "stable"},)),
    DemoExam(25, "NS", SCREENING, "2", "2", "c", "routine-screening", ({**BENIGN_R, "change": "stable"},)),
    DemoExam(13, "NS", SCREENING, "2", "2", "c", "routine-screening", ({**BENIGN_R, "change": "stable"},),
             tomosynthesis=True),
)  # fmt: skip


@dataclass
class DemoResult:
    """What was generated."""

    home: Path
    studies: int = 0
    instances: int = 0
    study_uids: list[str] = field(default_factory=list)


def months_before(today: date, months: int) -> date:
    """A weekday about ``months`` months before ``today``."""
    day = today - timedelta(days=round(months * 30.4375))
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def exam_date(exam: DemoExam, today: date) -> date:
    """The date of a demo exam relative to ``today``."""
    return months_before(today, exam.months_ago) + timedelta(days=exam.extra_days)


def write_demo_discs(discs_dir: Path, today: date) -> list[tuple[DemoExam, str, Path]]:
    """Write one folder of DICOM files per exam; returns (exam, study UID, folder)."""
    written = []
    for index, exam in enumerate(HISTORY):
        centre = CENTRES[exam.centre]
        when = exam_date(exam, today)
        study_uid = synthetic_uid("demo-study", index)
        base = InstanceSpec(
            patient_name=centre.patient_name,
            patient_id=centre.patient_id,
            issuer_of_patient_id=centre.issuer,
            birth_date=BIRTH_DATE,
            study_date=when.strftime("%Y%m%d"),
            study_time="101500",
            study_description=exam.description,
            accession_number=f"{exam.centre}{when:%y%m%d}{index:02d}",
            study_id=str(index + 1),
            institution_name=centre.name,
            referring_physician="NOWAK^EWA",
            study_uid=study_uid,
            series_uid=synthetic_uid("demo-series", index),
            series_description="Screening" if exam.description == SCREENING else "Diagnostic",
            rows=DEMO_SIZE[0],
            columns=DEMO_SIZE[1],
            pixels="breast",
            seed=index * 10,
        )
        if exam.tomosynthesis:
            base = base.with_(rows=TOMO_SIZE[0], columns=TOMO_SIZE[1])
        specs = four_views(base) if not exam.views else [
            base.with_(laterality=side, view=view, view_modifiers=mods, instance_number=i + 1, seed=base.seed + i)
            for i, (side, view, mods) in enumerate(exam.views)
        ]  # fmt: skip
        folder = discs_dir / f"disc{index + 1:02d}"
        for spec in specs:
            uid = synthetic_uid("demo-image", index, spec.instance_number)
            target = folder / "DICOM" / f"IM{spec.instance_number:06d}"
            shown = synthesized_2d(spec) if exam.tomosynthesis else spec
            write_instance(target, shown.with_(sop_instance_uid=uid))
        if exam.tomosynthesis:
            _write_volumes(folder / "DICOM", index, specs)
        written.append((exam, study_uid, folder))
    return written


def _write_volumes(folder: Path, index: int, views: list[InstanceSpec]) -> None:
    """One Breast Tomosynthesis volume per view, in a series of its own after the 2D views."""
    for view in views:
        number = view.instance_number + len(views)
        volume = view.with_(
            series_uid=synthetic_uid("demo-series-dbt", index),
            series_number=2,
            series_description="Tomosynthesis",
            instance_number=number,
            sop_instance_uid=synthetic_uid("demo-image", index, number),
        )
        write_tomosynthesis(folder / f"IM{number:06d}", volume, frames=TOMO_FRAMES)


def build_demo_home(home: Path, *, today: date) -> DemoResult:
    """Fill ``home`` with the demo history: import the generated discs, record the results."""
    from mammolog.catalog.migrate import open_catalog
    from mammolog.services.importer import import_source

    paths = AppPaths.under_home(home)
    engine = open_catalog(paths)
    discs = home / "demo-discs"
    result = DemoResult(home=home)
    for exam, study_uid, folder in write_demo_discs(discs, today):
        report = import_source(folder, paths=paths, engine=engine)
        result.studies += report.studies_added
        result.instances += report.instances_added
        result.study_uids.append(study_uid)
        _record_results(engine, exam, study_uid, today)
    _record_work_up(engine, today)
    _attach_latest_report(engine, paths, home, today)
    _read_reports(engine, paths)
    _remove_tree(discs)
    return result


def _record_results(engine: Engine, exam: DemoExam, study_uid: str, today: date) -> None:
    from mammolog.services.results import add_finding, assess

    assess(
        engine, study_uid, right=exam.right, left=exam.left, density=exam.density,
        recommendation=exam.recommendation, note=exam.note,
    )  # fmt: skip
    for finding in exam.findings:
        add_finding(engine, study_uid, **finding)


def _record_work_up(engine: Engine, today: date) -> None:
    """Magnification views, a stereotactic biopsy of the 4B calcifications, benign pathology."""
    from mammolog.services.results import list_findings
    from mammolog.services.workup import add_pathology, add_procedure

    biopsy_exam = HISTORY[8]
    study_uid = synthetic_uid("demo-study", 8)
    calcs = next(
        f
        for f in list_findings(engine, study_uid)
        if f.finding.type == "calcification" and f.finding.side == "L"
    )
    first = exam_date(biopsy_exam, today)
    add_procedure(
        engine, procedure_date=first + timedelta(days=10), procedure_type="magnification-views",
        side="L", today=today, study_ref=study_uid, finding_id=calcs.finding_id,
    )  # fmt: skip
    biopsy_id, _ = add_procedure(
        engine, procedure_date=first + timedelta(days=24), procedure_type="stereotactic-biopsy",
        side="L", today=today, study_ref=study_uid, finding_id=calcs.finding_id,
        note="9G vacuum-assisted, 12 cores, clip placed",
    )  # fmt: skip
    add_pathology(
        engine, result_date=first + timedelta(days=29), outcome="benign", side="L", today=today,
        procedure_id=biopsy_id, text="Fibrocystic change with microcalcifications; no atypia.",
    )  # fmt: skip


def _attach_latest_report(engine: Engine, paths: AppPaths, home: Path, today: date) -> None:
    from fpdf import FPDF

    from mammolog.services.attachments import attach_file

    latest = HISTORY[-1]
    when = exam_date(latest, today)
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    lines = [
        "Northside Imaging - Breast Imaging Report",
        f"Exam date: {when.isoformat()}    Exam: Screening mammography, bilateral",
        "Comparison: prior mammograms.",
        "Findings: The breasts are heterogeneously dense, which may obscure small masses.",
        "Stable coarse calcification in the right lower outer quadrant.",
        "No suspicious masses, calcifications or architectural distortion.",
        "Impression: BI-RADS 2 - Benign.",
        "Recommendation: Routine screening mammogram in 12 months.",
    ]
    for line in lines:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    report = home / "demo-report.pdf"
    pdf.output(str(report))
    attach_file(engine, paths, synthetic_uid("demo-study", len(HISTORY) - 1), report, kind="report")
    report.unlink()


def _read_reports(engine: Engine, paths: AppPaths) -> None:
    """Read the attached report, so the demo shows proposals beside their source text."""
    from mammolog.services.proposals import extract_proposals

    extract_proposals(engine, paths)


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
