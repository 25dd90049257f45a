"""The command line: parses, builds the paths and the catalog, calls services, prints.

``mammolog`` with no command opens the terminal app.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from mammolog import __version__
from mammolog.commands import library
from mammolog.commands._common import AppContext
from mammolog.logs import configure_logging, route_warnings_to_log
from mammolog.paths import AppPaths


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="MAMMOLOG_HOME",
    help="Keep everything (database, library, cache, logs) under this folder.",
)
@click.version_option(__version__, prog_name="mammolog")
@click.pass_context
def cli(ctx: click.Context, home: Path | None) -> None:
    """mammolog: keep your own mammogram history.

    Import patient discs, record BI-RADS results, see what changed and what is due,
    and take a summary and a standard DICOM disc to your next appointment.
    With no command, opens the terminal app.

    Example: mammolog import /media/cdrom
    """
    ctx.obj = AppContext(paths=AppPaths.resolve(home))
    route_warnings_to_log()
    # `locate` creates nothing; `restore` needs an empty or new home and configures the log
    # itself once the home is in place.
    if ctx.invoked_subcommand not in ("locate", "restore"):
        configure_logging(ctx.obj.paths)
    if ctx.invoked_subcommand is None:
        from mammolog.commands.app import open_app

        open_app(ctx.obj)


for command in (library.locate, library.studies, library.persons, library.verify):
    cli.add_command(command)


def _register_optional_commands() -> None:
    """Commands whose modules are present in this build."""
    import importlib

    modules = (
        "imports", "results", "timeline", "reports", "export", "explain", "backup", "demo",
        "app", "images",
    )  # fmt: skip
    for module_name in modules:
        try:
            module = importlib.import_module(f"mammolog.commands.{module_name}")
        except ModuleNotFoundError as error:
            if error.name != f"mammolog.commands.{module_name}":
                raise
            continue
        for command in getattr(module, "COMMANDS", ()):
            cli.add_command(command)


_register_optional_commands()


def main() -> None:
    """Console entry point: files created are private to the user."""
    os.umask(0o077)
    cli(prog_name="mammolog")
