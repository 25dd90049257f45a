"""Commands that record results: assess, finding, procedure, pathology, attach, due."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

import click

from mammolog.commands._common import (
    AppContext,
    handle_errors,
    json_option,
    pass_app,
    print_json,
    print_table,
    say,
)
from mammolog.domain.lexicon import (
    AssociatedFeature,
    AsymmetryKind,
    CalcificationDistribution,
    CalcificationMorphology,
    Change,
    Depth,
    FindingType,
    MassDensity,
    MassMargin,
    MassShape,
    Quadrant,
)
from mammolog.domain.plain_words import words

STUDY_HELP = "STUDY is a study UID or the short id shown by `mammolog studies` (e.g. 2024-03-01)."


def _choices(enum: type[StrEnum]) -> str:
    return ", ".join(member.value for member in enum)


@click.command()
@click.argument("study")
@click.option("--right", help="BI-RADS category of the right breast: 0-6, 4A, 4B, 4C.")
@click.option("--left", help="BI-RADS category of the left breast.")
@click.option(
    "--overall", help="Overall category when the report states one (default: worse side)."
)
@click.option("--density", help="Breast composition a-d (4th-edition 1-4 accepted and mapped).")
@click.option(
    "--recommendation",
    help="routine-screening, 6-month-follow-up, additional-imaging, biopsy, treatment.",
)
@click.option("--note", help="The radiologist's words, or your own note.")
@click.option(
    "--edition", type=click.Choice(["4", "5"]), default="5", help="BI-RADS edition of the wording."
)
@click.option("--history", is_flag=True, help="Show every recorded version instead of recording.")
@json_option
@pass_app
@handle_errors
def assess(
    app: AppContext, study: str, right: str | None, left: str | None, overall: str | None,
    density: str | None, recommendation: str | None, note: str | None, edition: str,
    history: bool, as_json: bool,
) -> None:  # fmt: skip
    """Record a study's result: BI-RADS per breast, density, recommendation, note.

    Values not given keep what was recorded before; earlier versions are kept.
    STUDY is a study UID or the short id shown by `mammolog studies`.

    Example: mammolog assess 2024-03-01 --right 2 --left 4B --density c --recommendation biopsy
    """
    from mammolog.domain.birads import CATEGORY_INFO, DENSITY_WORDING
    from mammolog.domain.plain_words import recommendation_words
    from mammolog.services.result_entry import ResultChanges, save_result
    from mammolog.services.results import AssessmentInput, assessment_history

    if history:
        versions = assessment_history(app.engine, study)
        if as_json:
            print_json(versions)
        else:
            print_table(
                ["RECORDED", "R", "L", "OVERALL", "DENSITY", "RECOMMENDATION", "SOURCE", "SUPERSEDED"],
                [
                    (v["recorded_at"][:19], v["right"], v["left"], v["overall"], v["density"],
                     recommendation_words(v["recommendation"]) if v["recommendation"] else "",
                     v["source"], (v["superseded_at"] or "")[:19])
                    for v in versions
                ],
            )  # fmt: skip
        return
    if all(v is None for v in (right, left, overall, density, recommendation, note)):
        raise click.UsageError(
            "give at least one of --right, --left, --overall, --density, --recommendation, --note"
        )
    values = AssessmentInput(right, left, overall, density, recommendation, note, int(edition))
    saved = save_result(app.engine, study, ResultChanges(assessment=values))
    study_uid, result = saved.study_uid, saved.assessment
    assert result is not None  # an assessment was given, so one was recorded
    if as_json:
        print_json(
            {
                "study_uid": study_uid,
                "right": result.right,
                "left": result.left,
                "overall": result.overall,
                "density": result.density,
                "density_entered": result.density_entered,
                "recommendation": result.recommendation,
                "note": result.note,
            }
        )
        return
    for label, category in (
        ("Right", result.right),
        ("Left", result.left),
        ("Overall", result.overall),
    ):
        if category is not None:
            info = CATEGORY_INFO[category]
            say(f"{label:<8} BI-RADS {category}: {info.name} (likelihood {info.likelihood})")
    if result.density is not None:
        say(f"Density  {result.density}: {DENSITY_WORDING[result.density]}")
    if result.recommendation:
        say(f"Recommendation: {recommendation_words(result.recommendation)}")


@click.group()
def finding() -> None:
    """Add, list and remove findings (BI-RADS lexicon) of a study.

    Example: mammolog finding list 2024-03-01
    """


@finding.command("add")
@click.argument("study")
@click.option("--type", "finding_type", required=True, help=f"One of: {_choices(FindingType)}.")
@click.option("--side", help="R, L or B.")
@click.option(
    "--morphology", help=f"Calcification morphology: {_choices(CalcificationMorphology)}."
)
@click.option(
    "--distribution", help=f"Calcification distribution: {_choices(CalcificationDistribution)}."
)
@click.option("--shape", help=f"Mass shape: {_choices(MassShape)}.")
@click.option("--margin", help=f"Mass margin: {_choices(MassMargin)}.")
@click.option("--mass-density", help=f"Mass density: {_choices(MassDensity)}.")
@click.option("--asymmetry", help=f"Asymmetry kind: {_choices(AsymmetryKind)}.")
@click.option(
    "--feature",
    "features",
    multiple=True,
    help=f"Associated feature (repeat): {_choices(AssociatedFeature)}.",
)
@click.option("--quadrant", help=f"Location: {_choices(Quadrant)}.")
@click.option("--clock", help="Clock-face position 1-12.")
@click.option("--depth", help=f"Depth: {_choices(Depth)}.")
@click.option("--distance", "distance_cm", type=float, help="Distance from the nipple in cm.")
@click.option("--change", help=f"Change since the prior exam: {_choices(Change)}.")
@click.option("--note", default="", help="Free text.")
@json_option
@pass_app
@handle_errors
def finding_add(
    app: AppContext,
    /,
    study: str,
    finding_type: str,
    features: tuple[str, ...],
    as_json: bool,
    **fields: Any,
) -> None:
    """Record a finding on STUDY; only valid lexicon combinations are accepted.

    Example: mammolog finding add 2024-03-01 --side L --type calcification --morphology fine-pleomorphic --distribution grouped --clock 2 --quadrant UOQ --change new
    """
    from mammolog.services.result_entry import ResultChanges, finding_from_input, save_result

    values = {k: v for k, v in fields.items() if v not in (None, "")}
    finding = finding_from_input(type=finding_type, features=features, **values)
    saved = save_result(app.engine, study, ResultChanges(added_findings=(finding,)))
    stored = saved.added_findings[0]
    if as_json:
        print_json(stored.as_json())
    else:
        from mammolog.domain.findings import describe_finding

        say(f"Finding {stored.finding_id}: {describe_finding(stored.finding)}")


@finding.command("list")
@click.argument("study")
@json_option
@pass_app
@handle_errors
def finding_list(app: AppContext, study: str, as_json: bool) -> None:
    """List the findings recorded on STUDY.

    Example: mammolog finding list 2024-03-01 --json
    """
    from mammolog.domain.findings import describe_finding
    from mammolog.services.results import list_findings

    stored = list_findings(app.engine, study)
    if as_json:
        print_json([s.as_json() for s in stored])
        return
    if not stored:
        say("No findings recorded on this study.")
        return
    print_table(["ID", "SIDE", "FINDING", "SOURCE"], [
        (s.finding_id, s.finding.side or "", describe_finding(s.finding), s.source) for s in stored
    ])  # fmt: skip


@finding.command("remove")
@click.argument("finding_id", type=int)
@json_option
@pass_app
@handle_errors
def finding_remove(app: AppContext, finding_id: int, as_json: bool) -> None:
    """Remove a finding (it stays in the history).

    Example: mammolog finding remove 12
    """
    from mammolog.services.results import remove_finding

    remove_finding(app.engine, finding_id)
    if as_json:
        print_json({"finding_id": finding_id, "removed": True})
    else:
        say(f"Finding {finding_id} removed.")


@click.group()
def procedure() -> None:
    """Record procedures: magnification views, ultrasound, MRI, biopsies, excision.

    Example: mammolog procedure add --date 2024-03-15 --type stereotactic-biopsy --side L --finding 3
    """


@procedure.command("add")
@click.option("--date", "procedure_date", required=True, help="YYYY-MM-DD (not in the future).")
@click.option(
    "--type",
    "procedure_type",
    required=True,
    help="diagnostic-mammogram, magnification-views, ultrasound, mri, stereotactic-biopsy, ultrasound-biopsy, tomosynthesis-biopsy, mri-biopsy, surgical-excision.",
)
@click.option("--side", required=True, help="R, L or B.")
@click.option("--study", help="The study it belongs to (UID or short id).")
@click.option(
    "--finding", "finding_id", type=int, help="The finding it was for (see `finding list`)."
)
@click.option("--person", "person_id", type=int, help="The person (when no study is given).")
@click.option("--note", default="", help="Free text.")
@json_option
@pass_app
@handle_errors
def procedure_add(
    app: AppContext,
    procedure_date: str,
    procedure_type: str,
    side: str,
    study: str | None,
    finding_id: int | None,
    person_id: int | None,
    note: str,
    as_json: bool,
) -> None:
    """Record a procedure on a date, usually for a finding.

    Example: mammolog procedure add --date 2024-03-15 --type stereotactic-biopsy --side L --finding 3
    """
    from mammolog.services.workup import add_procedure

    proc_id, proc = add_procedure(
        app.engine, procedure_date=procedure_date, procedure_type=procedure_type, side=side,
        today=app.today, study_ref=study, person_id=person_id, finding_id=finding_id, note=note,
    )  # fmt: skip
    if as_json:
        print_json(
            {
                "procedure_id": proc_id,
                "date": proc.date,
                "type": proc.type,
                "side": proc.side,
                "finding_id": finding_id,
            }
        )
    else:
        say(f"Procedure {proc_id}: {words(proc.type)} {proc.side} on {proc.date.isoformat()}")


@click.group()
def pathology() -> None:
    """Record pathology outcomes (benign, high-risk, DCIS, invasive).

    Example: mammolog pathology add --date 2024-03-20 --outcome benign --side L --procedure 1
    """


@pathology.command("add")
@click.option("--date", "result_date", required=True, help="YYYY-MM-DD (not in the future).")
@click.option("--outcome", required=True, help="benign, high-risk, dcis, invasive.")
@click.option("--side", required=True, help="R, L or B.")
@click.option("--procedure", "procedure_id", type=int, help="The biopsy it came from.")
@click.option("--person", "person_id", type=int, help="The person (when no procedure is given).")
@click.option("--text", default="", help="The pathologist's words.")
@json_option
@pass_app
@handle_errors
def pathology_add(
    app: AppContext,
    result_date: str,
    outcome: str,
    side: str,
    procedure_id: int | None,
    person_id: int | None,
    text: str,
    as_json: bool,
) -> None:
    """Record a pathology outcome, usually of a biopsy.

    Example: mammolog pathology add --date 2024-03-20 --outcome benign --side L --procedure 1 --text "fibrocystic change"
    """
    from mammolog.services.workup import add_pathology

    path_id, result = add_pathology(
        app.engine, result_date=result_date, outcome=outcome, side=side, today=app.today,
        procedure_id=procedure_id, person_id=person_id, text=text,
    )  # fmt: skip
    if as_json:
        print_json(
            {
                "pathology_id": path_id,
                "date": result.date,
                "outcome": result.outcome,
                "side": result.side,
                "procedure_id": procedure_id,
            }
        )
    else:
        say(
            f"Pathology {path_id}: {words(result.outcome)} {result.side} "
            f"on {result.date.isoformat()}"
        )


@click.command()
@click.argument("study")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kind", default="report", help="report, scan, letter, other.")
@json_option
@pass_app
@handle_errors
def attach(app: AppContext, study: str, file: Path, kind: str, as_json: bool) -> None:
    """Keep a document (report PDF, scan) with STUDY, stored in the library.

    Example: mammolog attach 2024-03-01 ~/Downloads/report.pdf
    """
    from mammolog.services.attachments import attach_file

    record = attach_file(app.engine, app.paths, study, file, kind=kind)
    if as_json:
        print_json(record.as_json())
    else:
        state = "already attached" if record.already_present else "attached"
        say(f"{record.filename} {state} to {record.study_uid} (attachment {record.attachment_id}).")


COMMANDS: tuple[click.Command, ...] = (assess, finding, procedure, pathology, attach)
