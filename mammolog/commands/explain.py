"""``mammolog explain``: a study's results, or one term of the BI-RADS lexicon, in plain words."""

from __future__ import annotations

import shutil

import click

from mammolog.commands._common import AppContext, handle_errors, json_option, pass_app, print_json
from mammolog.commands._common import say as say_line


def _interval(app: AppContext) -> int:
    from mammolog.services.settings import load_settings

    return load_settings(app.paths.settings_file).screening_interval_months


@click.command("explain")
@click.argument("study", required=False)
@click.option(
    "--term",
    "term",
    help="Explain one term instead: a category (4B), a density (c) or a lexicon word"
    " (fine-pleomorphic, segmental, UOQ).",
)
@json_option
@pass_app
@handle_errors
def explain(app: AppContext, study: str | None, term: str | None, as_json: bool) -> None:
    """Explain a study's results in plain words: each breast, density, findings, what changed,
    what usually happens next, and questions to ask your doctor.

    STUDY is a Study Instance UID or the short id shown by `mammolog studies`. With --term,
    explain one word of a report instead. This is general information: your doctor decides.

    Example: mammolog explain 2024-03-01   or   mammolog explain --term fine-pleomorphic
    """
    from mammolog.domain.explain_words import explanation_lines
    from mammolog.services.explain import explain_study, explain_term

    if (study is None) == (term is None):
        raise click.UsageError("give either a STUDY or --term TERM")
    if term is not None:
        results = explain_term(term)
    else:
        assert study is not None
        results = explain_study(
            app.engine, study, today=app.today, screening_interval_months=_interval(app)
        )
    if as_json:
        print_json(results.to_dict())
        return
    width = min(shutil.get_terminal_size((88, 24)).columns, 100) - 1
    if results.date is not None:
        say_line(f"Your exam of {results.date.isoformat()}, explained")
        say_line()
    if not results.explanations:
        say_line("No result is recorded for this exam yet. Add it with `mammolog assess`.")
        say_line()
    for line in explanation_lines(results, width=width):
        say_line(line)


COMMANDS = (explain,)
