"""``mammolog export``: the summary to print and the standard DICOM disc/USB to hand over."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import ParamSpec, TypeVar

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

P = ParamSpec("P")
R = TypeVar("R")


def _export_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Exports that cannot be done: one line on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from mammolog.export.media import MediaExportError
        from mammolog.export.summary import SummaryError
        from mammolog.services.export import ExportError

        try:
            return func(*args, **kwargs)
        except (ExportError, SummaryError, MediaExportError) as error:
            fail(str(error), EXIT_FAILED)
        raise AssertionError("unreachable")

    return wrapper


def _since(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD)", param_hint="--since"
        ) from None


def _interval(app: AppContext) -> int:
    from mammolog.services.settings import load_settings

    return load_settings(app.paths.settings_file).screening_interval_months


def _check_target(app: AppContext, out: Path, *, force: bool, folder: bool) -> None:
    """Refuse a target inside mammolog's own folders, and replacing anything without --force."""
    from mammolog.paths import refuse_inside_home

    reason = refuse_inside_home(app.paths, out)
    if reason is not None:
        fail(reason, EXIT_FAILED)
    if force or not out.exists():
        return
    if folder and out.is_dir():
        if any(out.iterdir()):
            fail(f"{out} is not empty (use --force to replace its contents)", EXIT_FAILED)
        return
    fail(f"{out} already exists (use --force to replace it)", EXIT_FAILED)


@click.group()
def export() -> None:
    """Make what you bring to an appointment: a printable summary and a DICOM disc/USB.

    Example: mammolog export summary --out summary.pdf
    """


@export.command("summary")
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="File to write: .pdf (default), .html/.htm or .md.",
)  # fmt: skip
@click.option(
    "--person", "person_id", type=int, help="Whose summary (needed when there are several persons)."
)
@click.option("--since", "since", help="Only exams on or after this date (YYYY-MM-DD).")
@click.option("--anonymize", is_flag=True, help="Leave out names, IDs, birth date and centres.")
@click.option("--retain-dates", is_flag=True, help="With --anonymize: keep exam dates as they are.")
@click.option("--force", is_flag=True, help="Replace the file if it already exists.")
@click.option(
    "--for-me-only", is_flag=True,
    help="Only the page for you: your latest results in plain words, what is due, how to prepare.",
)  # fmt: skip
@json_option
@pass_app
@handle_errors
@_export_errors
def summary(
    app: AppContext, out: Path, person_id: int | None, since: str | None, anonymize: bool,
    retain_dates: bool, force: bool, for_me_only: bool, as_json: bool,
) -> None:  # fmt: skip
    """Write a printable summary of one person's history.

    Latest result per breast, density, what is due, every exam, what changed, a chart per
    breast, procedures, pathology and key images; then, on a page of its own, a page for you:
    your latest results in plain words, what is due and how to prepare (--for-me-only writes
    just that page). PDF by default; HTML for .html/.htm and Markdown for .md.

    Example: mammolog export summary --out ~/appointment.pdf --person 1 --since 2020-01-01
    """
    from mammolog.services.export import export_summary

    _check_target(app, out, force=force, folder=False)
    written, data = export_summary(
        app.engine, app.paths, out, person_id, today=app.today, since=_since(since),
        anonymize=anonymize, retain_dates=retain_dates, screening_interval_months=_interval(app),
        for_me_only=for_me_only,
    )  # fmt: skip
    if as_json:
        print_json(
            {
                "path": str(written.path.absolute()),
                "format": written.format.value,
                "bytes": written.bytes,
                "pages": written.pages,
                "exams": len(data.exams),
                "studies": sum(1 for row in data.exams if row.study_uid),
                "key_images": sum(1 for image in data.key_images if image.png),
                "images_not_shown": sum(1 for image in data.key_images if not image.png),
                "since": data.since,
                "anonymized": data.anonymized,
                "next_due": data.next_due.to_dict(),
            }
        )
        return
    pages = f", {plural(written.pages, 'page')}" if written.pages else ""
    say(
        f"Summary written to {written.path}"
        f" ({written.format.value}{pages}, {human_bytes(written.bytes)})."
    )


@export.command("media")
@click.option(
    "--out", "out", required=True, type=click.Path(path_type=Path),
    help="Folder to write (a file name with --zip or --iso).",
)  # fmt: skip
@click.option(
    "--person", "person_id", type=int, help="Whose studies (needed when there are several persons)."
)
@click.option(
    "--study", "studies", multiple=True, help="Only this study (UID or short id); repeat for more."
)
@click.option(
    "--anonymize",
    is_flag=True,
    help="De-identify (DICOM PS3.15 Basic Profile), names left out of the summary.",
)
@click.option(
    "--retain-dates", is_flag=True, help="With --anonymize: keep dates (longitudinal option)."
)
@click.option(
    "--keep-private",
    is_flag=True,
    help="With --anonymize: keep safe private data (Hologic 3D tomosynthesis in group 7E01)"
    " instead of leaving such images out.",
)
@click.option(
    "--include-for-processing",
    is_flag=True,
    help="Also write the raw For Processing images (left out by default: viewers show the"
    " For Presentation ones).",
)
@click.option("--zip", "as_zip", is_flag=True, help="Write one .zip file instead of a folder.")
@click.option(
    "--iso",
    "as_iso",
    is_flag=True,
    help="Write one ISO 9660 image (for burning) instead of a folder.",
)
@click.option(
    "--force", is_flag=True, help="Replace a folder that is not empty, or an existing file."
)
@json_option
@pass_app
@handle_errors
@_export_errors
def media(
    app: AppContext, out: Path, person_id: int | None, studies: tuple[str, ...], anonymize: bool,
    retain_dates: bool, keep_private: bool, include_for_processing: bool, as_zip: bool,
    as_iso: bool, force: bool, as_json: bool,
) -> None:  # fmt: skip
    """Write a standard DICOM disc/USB folder (or a .zip or ISO image).

    DICOMDIR, the images and reports as stored, a README, a web page index and the summary
    (IHE PDI). Any DICOM viewer or PACS can read it.

    Example: mammolog export media --out /media/usb/MAMMO --person 1
    """
    from mammolog.commands.progress import ProgressLine
    from mammolog.export.media import MediaProgress, OutputKind
    from mammolog.services.export import export_media

    if as_zip and as_iso:
        raise click.UsageError("choose one of --zip and --iso")
    if retain_dates and not anonymize:
        raise click.UsageError("--retain-dates only applies with --anonymize")
    if keep_private and not anonymize:
        raise click.UsageError("--keep-private only applies with --anonymize")
    output = OutputKind.ZIP if as_zip else OutputKind.ISO if as_iso else OutputKind.FOLDER
    _check_target(app, out, force=force, folder=output is OutputKind.FOLDER)
    line = ProgressLine("Writing")

    def progress(step: MediaProgress) -> None:
        line.update(step.done, step.total, step.done_bytes, step.total_bytes)

    try:
        result = export_media(
            app.engine, app.paths, out, today=app.today, person_id=person_id, study_refs=studies,
            anonymize=anonymize, retain_dates=retain_dates, keep_private=keep_private,
            output=output, force=force, screening_interval_months=_interval(app),
            progress=progress, include_for_processing=include_for_processing,
        )  # fmt: skip
    finally:
        line.close()
    # an object that should be on the media but could not be de-identified: exit 3
    problems = any(item.problem for item in result.report.skipped)
    if as_json:
        print_json(result.as_json())
        if problems:
            sys.exit(EXIT_PROBLEMS)
        return
    report = result.report
    say(
        f"Wrote {plural(report.instances, 'object')} of {plural(report.studies, 'study')}"
        f" to {report.out_path}"
        f" ({report.output.value}, {human_bytes(report.bytes_written)})"
        + (", de-identified" if report.anonymized else "")
        + "."
    )
    for item in report.skipped:
        say(f"  left out: {item.path.name}: {item.reason}")
    for note in (*result.warnings, *report.warnings):
        say(f"  note: {note}")
    if problems:
        sys.exit(EXIT_PROBLEMS)


@export.command("calendar")
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="Calendar file to write, e.g. due.ics.",
)  # fmt: skip
@click.option(
    "--person", "person_id", type=int, help="Whose next exam (needed when there are several)."
)
@click.option("--full-name", is_flag=True, help="Name her in full (default: first name only).")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@json_option
@pass_app
@handle_errors
def calendar(
    app: AppContext, out: Path, person_id: int | None, full_name: bool, force: bool, as_json: bool
) -> None:
    """Put the next due exam in your calendar: an .ics file with a reminder 14 days before.

    An all-day event on the due date, in plain words. Export again after a new result: the
    event keeps its identity, so your calendar app updates it instead of adding another.

    Example: mammolog export calendar --out ~/due.ics
    """
    from mammolog.export.calendar import CalendarError
    from mammolog.services.calendar import NothingDatedDue, export_calendar

    _check_target(app, out, force=force, folder=False)
    try:
        written = export_calendar(
            app.engine, out, person_id, today=app.today, screening_interval_months=_interval(app),
            full_name=full_name, force=force,
        )  # fmt: skip
    except (CalendarError, NothingDatedDue) as error:
        fail(str(error), EXIT_FAILED)
        return
    if as_json:
        print_json(written.as_json())
        return
    state = "overdue since" if written.overdue else "due"
    say(f"Calendar written to {written.path}: {written.summary}, {state} {written.due_date}.")


COMMANDS = (export,)
