"""What every mammolog screen shares: its command group, going back, worker errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.worker import Worker, WorkerState

from mammolog.tui.messages import LoadFailed
from mammolog.untrusted import for_terminal

if TYPE_CHECKING:
    from mammolog.tui.app import MammologApp


NARROW_FOOTER_BELOW = 100  # columns


class MammologScreen(Screen[Any]):
    """A screen of the app: failed workers become notifications with the plain reason."""

    COMMAND_GROUP: ClassVar[str] = ""

    @property
    def mammolog(self) -> MammologApp:
        """The app, typed."""
        from mammolog.tui.app import MammologApp

        assert isinstance(self.app, MammologApp)
        return self.app

    def on_resize(self, event: events.Resize) -> None:
        """On a narrow terminal the footer packs its keys closer and leaves out the palette key
        (Ctrl+P still opens it; Help lists it)."""
        narrow = event.size.width < NARROW_FOOTER_BELOW
        for footer in self.query(Footer):
            footer.compact = narrow
            footer.show_command_palette = not narrow

    def text_input(self, **kwargs: Any) -> Input:
        """An Input that follows the app's cursor-blink setting (off in snapshots)."""
        widget = Input(**kwargs)
        widget.cursor_blink = self.mammolog.cursor_blink
        return widget

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show why a worker failed instead of crashing."""
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            reason = str(error) if error is not None and str(error) else type(error).__name__
            self.notify(
                for_terminal(reason),
                title="Something went wrong",
                severity="error",
                timeout=8,
                markup=False,
            )

    def on_load_failed(self, message: LoadFailed) -> None:
        """A worker reported a problem it could describe."""
        self.notify(
            for_terminal(message.reason),
            title=f"Cannot {message.what}",
            severity="error",
            timeout=8,
            markup=False,
        )

    def action_go_back(self) -> None:
        """Close this screen, or go to the library when it is the first of its mode."""
        if len(self.app.screen_stack) > 1 and self.app.screen is self:
            self.app.pop_screen()
        else:
            self.mammolog.action_show_library()
