"""Commands over the library: locate, studies, persons, verify."""

from __future__ import annotations

import sys

import click

from mammolog.commands._common import (
    EXIT_PROBLEMS,
    AppContext,
    handle_errors,
    human_bytes,
    json_option,
    pass_app,
    plural,
    print_json,
    print_table,
    say,
)


@click.command()
@json_option
@pass_app
def locate(app: AppContext, as_json: bool) -> None:
    """Print every path mammolog uses (database, library, cache, logs, settings).

    Example: mammolog --home /media/usb/mammolog locate
    """
    locations = app.paths.as_dict()
    if as_json:
        print_json(locations)
        return
    for name, value in locations.items():
        if value:
            say(f"{name:<12} {value}")


@click.command()
@click.option("--person", "person_id", type=int, help="Only this person's studies.")
@json_option
@pass_app
@handle_errors
def studies(app: AppContext, person_id: int | None, as_json: bool) -> None:
    """List studies, newest first.

    The first column is the short id other commands accept instead of the study UID.

    Example: mammolog studies --json
    """
    from mammolog.services.persons import display_name_for
    from mammolog.services.studies import list_study_records

    records = list_study_records(app.engine, person_id)
    if as_json:
        print_json([record.as_json() for record in records])
        return
    if not records:
        say("No studies yet. Import a disc or folder: mammolog import /media/cdrom")
        return
    print_table(
        ["STUDY", "DATE", "CENTRE", "DESCRIPTION", "MOD", "IMAGES", "PERSON", "PATIENT"],
        [
            (
                r.short_id,
                r.study_date.isoformat() if r.study_date else "",
                r.institution,
                r.description,
                r.modalities.replace("\\", ","),
                r.instances,
                r.person_id,
                display_name_for(r.patient_name),
            )
            for r in records
        ],
    )


@click.group(invoke_without_command=True)
@json_option
@click.pass_context
@handle_errors
def persons(ctx: click.Context, as_json: bool) -> None:
    """List persons with the identities (name, ID, issuer, birth date) each disc used.

    Every automatic link shows its reason. Merge two persons that are the same woman;
    split an identity that was linked wrongly.

    Example: mammolog persons --json
    """
    if ctx.invoked_subcommand is not None:
        return
    from mammolog.services.persons import list_persons

    app = ctx.find_object(AppContext)
    assert app is not None
    records = list_persons(app.engine)
    if as_json:
        print_json([record.as_json() for record in records])
        return
    if not records:
        say("No persons yet. Import a disc or folder: mammolog import /media/cdrom")
        return
    for record in records:
        born = f", born {record.birth_date.isoformat()}" if record.birth_date else ""
        say(f"Person {record.person_id}: {record.display_name}{born}")
        for ident in record.identities:
            issuer = f" (issuer {ident.issuer})" if ident.issuer else ""
            say(
                f"  identity {ident.identity_id}: {ident.readable_name or '(no name)'}  "
                f"ID {ident.patient_id or '-'}{issuer}  {plural(ident.studies, 'study')}  "
                f"[{ident.link_reason}]"
            )


@persons.command("merge")
@click.argument("keep_id", type=int)
@click.argument("other_id", type=int)
@json_option
@pass_app
@handle_errors
def persons_merge(app: AppContext, keep_id: int, other_id: int, as_json: bool) -> None:
    """Merge person OTHER_ID into person KEEP_ID (all identities and studies move).

    Example: mammolog persons merge 1 2
    """
    from mammolog.services.persons import merge_persons

    record = merge_persons(app.engine, keep_id, other_id)
    if as_json:
        print_json(record.as_json())
    else:
        say(
            f"Person {other_id} merged into person {record.person_id} "
            f"({plural(len(record.identities), 'identity')})."
        )


@persons.command("split")
@click.argument("person_id", type=int)
@click.argument("identity_id", type=int)
@json_option
@pass_app
@handle_errors
def persons_split(app: AppContext, person_id: int, identity_id: int, as_json: bool) -> None:
    """Give identity IDENTITY_ID of person PERSON_ID a person of its own.

    Example: mammolog persons split 1 3
    """
    from mammolog.services.persons import split_identity

    record = split_identity(app.engine, person_id, identity_id)
    if as_json:
        print_json(record.as_json())
    else:
        say(f"Identity {identity_id} is now person {record.person_id}.")


@click.command()
@json_option
@pass_app
@handle_errors
def verify(app: AppContext, as_json: bool) -> None:
    """Re-hash the library and check catalog and files against each other, both ways.

    Reports missing, corrupt and stray files. Exit code 0 only when clean, 3 otherwise.

    Example: mammolog verify --json
    """
    from mammolog.commands.progress import ProgressLine
    from mammolog.services.verify import verify_library

    line = ProgressLine("verify")
    report = verify_library(app.paths, app.engine, lambda d, t: line.update(d, t, 0, 0))
    line.close()
    if as_json:
        print_json(report.as_json())
    else:
        say(
            f"Checked {plural(report.files_checked, 'file')} ({human_bytes(report.bytes_checked)})."
        )
        for problem in report.problems:
            say(f"{problem.kind}: {problem.path}: {problem.reason}")
        say("Library is clean." if report.clean else f"{plural(len(report.problems), 'problem')}.")
    if not report.clean:
        sys.exit(EXIT_PROBLEMS)
