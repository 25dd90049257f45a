"""``mammolog demo``: try mammolog on a generated ten-year history in a temporary folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from mammolog.commands._common import AppContext, handle_errors, json_option, print_json, say
from mammolog.paths import AppPaths, make_private_dir


@click.command()
@click.option(
    "--demo-home",
    type=click.Path(file_okay=False, path_type=Path),
    help="Build the demo here instead of a new temporary folder (must be empty or absent).",
)
@click.option("--no-app", is_flag=True, help="Only build the demo home and list its studies.")
@json_option
@click.pass_context
@handle_errors
def demo(ctx: click.Context, demo_home: Path | None, no_app: bool, as_json: bool) -> None:
    """Open mammolog on a generated history (one woman, ten years, three centres).

    Nothing touches your own library: the demo lives in a temporary folder.

    Example: mammolog demo
    """
    from mammolog.services.demo import build_demo_home

    if demo_home is None:
        demo_home = Path(tempfile.mkdtemp(prefix="mammolog-demo-"))
    elif demo_home.exists() and any(demo_home.iterdir()):
        raise click.UsageError(f"{demo_home} is not empty; choose an empty or new folder")
    make_private_dir(demo_home)
    app = AppContext(paths=AppPaths.under_home(demo_home))
    ctx.obj = app
    if not as_json:
        say(f"Building the demo history in {demo_home} ...", err=True)
    result = build_demo_home(demo_home, today=app.today)
    if as_json:
        print_json(
            {"home": str(demo_home), "studies": result.studies, "instances": result.instances}
        )
    if no_app or as_json:
        if not as_json:
            ctx.invoke(_studies_command(), person_id=None, as_json=False)
            say()
            say(f"Demo home: {demo_home}")
            say(f"Try: mammolog --home {demo_home} timeline")
        return
    from mammolog.commands.app import open_app

    open_app(app)


def _studies_command() -> click.Command:
    from mammolog.commands.library import studies

    return studies


COMMANDS = (demo,)
