"""What is due and how the history reads over time: due set, timeline."""

from __future__ import annotations

import click

from mammolog.commands._common import (
    AppContext,
    handle_errors,
    json_option,
    pass_app,
    print_json,
    say,
)
from mammolog.untrusted import for_terminal


@click.group()
def due() -> None:
    """Set the next due date by hand (e.g. what your doctor advised after a benign biopsy).

    Example: mammolog due set 2025-09-01 --reason "surgeon: ultrasound in 6 months"
    """


@due.command("set")
@click.argument("due_date")
@click.option("--reason", default="", help="Why (shown in the timeline).")
@click.option("--person", "person_id", type=int, help="The person (needed when there are several).")
@json_option
@pass_app
@handle_errors
def due_set(
    app: AppContext, due_date: str, reason: str, person_id: int | None, as_json: bool
) -> None:
    """Set the next due date to DUE_DATE (YYYY-MM-DD).

    Example: mammolog due set 2025-09-01 --reason "surgeon: ultrasound in 6 months"
    """
    from mammolog.services.workup import set_manual_due

    when = set_manual_due(app.engine, due=due_date, reason=reason, person_id=person_id)
    if as_json:
        print_json({"due": when, "reason": reason})
    else:
        say(f"Next due set to {when.isoformat()}.")


@click.command()
@click.option(
    "--person",
    "person_id",
    type=int,
    help="Whose timeline (needed when there are several persons).",
)
@json_option
@pass_app
@handle_errors
def timeline(app: AppContext, person_id: int | None, as_json: bool) -> None:
    """Show exams in date order with what changed, and what is due next.

    Example: mammolog timeline --person 1 --json
    """
    from mammolog.domain.render import render_timeline
    from mammolog.services.settings import load_settings
    from mammolog.services.timeline import person_timeline

    interval = load_settings(app.paths.settings_file).screening_interval_months
    result = person_timeline(
        app.engine, person_id, today=app.today, screening_interval_months=interval
    )
    if as_json:
        print_json(result.as_json())
        return
    say(result.display_name)
    say()
    text = render_timeline(result.entries, result.next_due, clean_line=for_terminal)
    for line in text.rstrip("\n").split("\n"):
        say(line)
    from mammolog.domain.explain_words import due_action

    say(f"What to do: {due_action(result.next_due, today=app.today)}")


COMMANDS: tuple[click.Command, ...] = (due, timeline)
