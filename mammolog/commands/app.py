"""Open the terminal app (``mammolog`` with no command, and ``mammolog demo``)."""

from __future__ import annotations

from typing import Any

from mammolog.commands._common import AppContext

COMMANDS: tuple[Any, ...] = ()


def open_app(app_context: AppContext) -> None:
    """Build the terminal app on ``app_context``'s home and run it until the user quits.

    The catalog is opened inside the app (in a worker, through ``app_context.engine``), so
    the first screen appears at once and a catalog that cannot be opened becomes a message
    on screen rather than a traceback. ``MAMMOLOG_TODAY`` fixes the day, as for every command.
    """
    # The image widget asks the terminal about graphics support when first imported, which
    # only works before the app takes over the terminal.
    import mammolog.tui.widgets.mammo_image  # noqa: F401
    from mammolog.tui.app import build_app

    app = build_app(
        app_context.paths,
        engine_factory=lambda: app_context.engine,
        today=app_context.today,
    )
    app.run()
