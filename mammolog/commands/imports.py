"""``mammolog import``: bring a disc, USB stick, folder, ZIP or ISO into the library."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mammolog.commands._common import (
    EXIT_FAILED,
    EXIT_PROBLEMS,
    AppContext,
    fail,
    handle_errors,
    human_bytes,
    json_option,
    pass_app,
    plural,
    print_json,
    say,
)

if TYPE_CHECKING:
    from mammolog.services.importer import ImportReport

log = logging.getLogger("mammolog.import")


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--no-extract", is_flag=True, help="Do not read results from reports on the disc.")
@json_option
@pass_app
@handle_errors
def import_command(app: AppContext, source: Path, no_extract: bool, as_json: bool) -> None:
    """Import every study from SOURCE: a mounted disc, a USB stick, a folder, a .zip or an .iso.

    Uses the DICOMDIR when there is one and scans every file too. Nothing is imported twice;
    an interrupted import completes when run again. Exit codes: 0 every DICOM object found is
    in the library; 3 finished with problems (listed); 2 usage error; 1 nothing could be done.

    Example: mammolog import /media/cdrom
    """
    from mammolog.commands.progress import ProgressLine
    from mammolog.services.import_documents import DocumentKeeper, place_documents
    from mammolog.services.importer import ImportFailed, import_source

    if not source.exists():
        fail(f"{source}: no such file or folder", EXIT_FAILED)
    line = ProgressLine("import")
    keeper = DocumentKeeper(app.paths)
    try:
        report = import_source(
            source, paths=app.paths, engine=app.engine, progress=line.update, on_document=keeper
        )
    except ImportFailed as error:
        line.close()
        fail(str(error), EXIT_FAILED)
        return
    except KeyboardInterrupt:
        line.close()
        fail("import interrupted; run it again to complete it", EXIT_FAILED)
        return
    line.close()
    log.info(
        "import run %s: %d studies, %d instances added, %d present, %d conflicts, %d ignored, %d problems",
        report.run_id, report.studies_added, report.instances_added,
        report.instances_already_present, report.conflicts, report.ignored_files, len(report.problems),
    )  # fmt: skip
    placed = place_documents(
        app.engine, keeper, report.study_uids, tuple(p.person_id for p in report.persons)
    )
    extracted = 0
    if not no_extract and (report.instances_added or placed):
        extracted = _extract_reports(app)
    if as_json:
        data = report.as_json()
        data["proposals_added"] = extracted
        data["documents_kept"] = [
            {
                "path": d.relpath,
                "attachment_id": d.attachment_id,
                "study_uid": d.study_uid,
                "reason": d.reason,
            }
            for d in placed
        ]
        data["documents_left_alone"] = [
            {"path": path, "reason": reason} for path, reason in keeper.left_alone
        ]
        print_json(data)
    else:
        _print_report(report, extracted)
        for document in placed:
            if document.study_uid is None:
                say(
                    f"Report kept: {document.relpath} -> not placed: {document.reason}"
                    " (place it with: mammolog attach)"
                )
            else:
                say(f"Report kept: {document.relpath} -> {document.study_uid} ({document.reason})")
        for path, reason in keeper.left_alone:
            say(f"Left alone: {path}: {reason}")
    if not report.complete:
        sys.exit(EXIT_PROBLEMS)


def _extract_reports(app: AppContext) -> int:
    """Read results from the reports just imported (proposals only); never fails the import."""
    from mammolog.services.proposals import extract_proposals

    try:
        return extract_proposals(app.engine, app.paths).proposals_added
    except Exception:  # report reading must never cost the user her import
        log.exception("reading reports after import failed")
        return 0


def _print_report(report: ImportReport, extracted: int) -> None:
    say(
        f"Studies added: {report.studies_added}   series: {report.series_added}   "
        f"images and documents: {report.instances_added} ({human_bytes(report.bytes_copied)})"
    )
    say(
        f"Already in the library: {report.instances_already_present}   "
        f"conflicts kept: {report.conflicts}   ignored (not DICOM): {report.ignored_files}"
    )
    for person in report.persons:
        state = "new person" if person.new else "matched existing person"
        say(f"Person {person.person_id}: {person.display_name} ({state})")
    if extracted:
        say(f"Results read from reports: {plural(extracted, 'proposal')} (see: mammolog proposals)")
    if report.problems:
        say()
        say(f"{plural(report.problems_found, 'problem')}:")
        for problem in report.problems:
            if problem.more_like_this:
                say(f"  and {problem.more_like_this:,} more like this: {problem.reason}")
            else:
                say(f"  {problem.path}: {problem.reason}")
    if report.cancelled:
        say("Cancelled: run the import again to complete it.")


COMMANDS = (import_command,)
