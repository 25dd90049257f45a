"""Commands over a study's images: list them (``images``), save one as a PNG (``render``)."""

from __future__ import annotations

from pathlib import Path

import click

from mammolog.commands._common import (
    EXIT_FAILED,
    AppContext,
    fail,
    handle_errors,
    json_option,
    pass_app,
    plural,
    print_json,
    print_table,
    say,
)


@click.command()
@click.argument("study")
@json_option
@pass_app
@handle_errors
def images(app: AppContext, study: str, as_json: bool) -> None:
    """List every object of STUDY: its kind, view, frames, whether it can be shown and why
    not, and which light-box slot it hangs in.

    STUDY is a Study Instance UID or the short id `mammolog studies` shows. The first column
    is the short form `mammolog render` accepts.

    Example: mammolog images 2024-05-14 --json
    """
    from mammolog.domain.image_kinds import KIND_WORDS
    from mammolog.services.images import list_study_images

    listing = list_study_images(app.engine, app.paths, study)
    if as_json:
        print_json(listing.as_json())
        return
    say(f"Study {listing.short_id} ({listing.day}): {plural(len(listing.images), 'object')}")
    if not listing.images:
        return
    rows = [
        (
            image.short_id,
            KIND_WORDS[image.kind],
            image.label or "-",
            image.frames,
            image.hung or "",
            "yes" if image.viewable else f"no: {image.reason}",
        )
        for image in listing.images
    ]
    print_table(("image", "kind", "view", "frames", "hung", "shown"), rows)


@click.command()
@click.argument("instance")
@click.option(
    "--frame", type=int, help="Frame number, from 1 (default: the middle slice of a DBT)."
)
@click.option("--width", type=int, help="Largest width in pixels (default: full size).")
@click.option("--height", type=int, help="Largest height in pixels (default: full size).")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The PNG file to write.",
)
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@json_option
@pass_app
@handle_errors
def render(
    app: AppContext,
    instance: str,
    frame: int | None,
    width: int | None,
    height: int | None,
    out: Path,
    force: bool,
    as_json: bool,
) -> None:
    """Save one image, or one frame of it, as an 8-bit PNG with the file's own window.

    INSTANCE is a SOP Instance UID or a short form `mammolog images` shows ("2024-05-14/3").
    Exit 0 when written; otherwise one line says why not (exit 1).

    Example: mammolog render 2024-05-14/3 --frame 23 --width 1200 --out slice23.png
    """
    from mammolog.services.render import RenderFailed, render_image

    try:
        rendered = render_image(
            app.engine, app.paths, instance, out, frame=frame, width=width, height=height,
            force=force,
        )  # fmt: skip
    except RenderFailed as error:
        fail(str(error), EXIT_FAILED)
        return
    if as_json:
        print_json(rendered.as_json())
        return
    frames = rendered.image.frames
    which = f" frame {rendered.frame} / {frames}" if frames > 1 else ""
    say(
        f"Wrote {rendered.out} ({rendered.width} x {rendered.height}) from {rendered.image.short_id}{which}"
    )


COMMANDS = (images, render)
