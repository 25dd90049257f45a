"""A study's results in plain words (key ``e`` on the study and the timeline).

The screen asks :func:`mammolog.services.explain.explain_study` in a worker and shows the
frozen record it gets in an :class:`~mammolog.tui.widgets.explanation.ExplanationPanel`.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Footer, Header

from mammolog.domain.explain_content import ResultsExplained
from mammolog.tui.messages import LoadFailed
from mammolog.tui.screens.base import MammologScreen
from mammolog.tui.widgets.explanation import ExplanationPanel


@dataclass
class Explained(Message):
    """A study's results were explained."""

    results: ResultsExplained


class ExplanationScreen(MammologScreen):
    """One study's results explained: categories, density, findings, changes, next steps."""

    BINDINGS = [
        Binding("escape", "go_back", "Back", tooltip="Back to where you were", id="explain.back"),
        Binding("e", "go_back", "Close", show=False, tooltip="Close", id="explain.close"),
    ]

    def __init__(self, study_uid: str) -> None:
        super().__init__()
        self.study_uid = study_uid

    def compose(self) -> ComposeResult:
        yield Header()
        yield ExplanationPanel(id="explanation")
        yield Footer()

    def on_mount(self) -> None:
        """Explain the study in a worker; focus the panel so the arrows scroll it."""
        self.query_one(ExplanationPanel).focus()
        self.explain()

    @work(thread=True, exclusive=True, group="explain")
    def explain(self) -> None:
        """Ask the service for the explanation (never touches widgets)."""
        from mammolog.services.explain import explain_study
        from mammolog.tui.data import screening_interval

        app = self.mammolog
        try:
            results = explain_study(
                app.catalog(),
                self.study_uid,
                today=app.today,
                screening_interval_months=screening_interval(app.paths),
            )
        except ValueError as error:
            self.post_message(LoadFailed("explain this study", str(error)))
            return
        self.post_message(Explained(results))

    def on_explained(self, message: Explained) -> None:
        """Show the explanation."""
        results = message.results
        heading = f"Your exam of {results.date.isoformat()}, explained" if results.date else ""
        self.query_one(ExplanationPanel).show(results, heading)
