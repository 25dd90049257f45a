"""Results in plain words: one study's (key ``w`` on the study) or her latest result and what
is due (key ``w`` on the timeline).

The screen asks :mod:`mammolog.services.explain` in a worker and shows the frozen record it
gets in an :class:`~mammolog.tui.widgets.explanation.ExplanationPanel`.
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
    """Results were explained (``None``: nothing recorded yet); ``heading`` says which."""

    results: ResultsExplained | None
    heading: str


class ExplanationScreen(MammologScreen):
    """Results explained: categories, density, findings, changes, next steps, what is due."""

    BINDINGS = [
        Binding("escape", "go_back", "Back", tooltip="Back to where you were", id="explain.back"),
        Binding("w", "go_back", "Close", show=False, tooltip="Close", id="explain.close"),
    ]

    def __init__(self, study_uid: str | None = None, *, person_id: int | None = None) -> None:
        """Explain the study ``study_uid``, or else the latest result of ``person_id``."""
        super().__init__()
        self.study_uid = study_uid
        self.person_id = person_id

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
        from mammolog.services.explain import explain_latest, explain_study
        from mammolog.tui.data import screening_interval

        app = self.mammolog
        interval = screening_interval(app.paths)
        try:
            if self.study_uid is not None:
                results = explain_study(
                    app.catalog(), self.study_uid, today=app.today,
                    screening_interval_months=interval,
                )  # fmt: skip
                when = results.date.isoformat() if results.date else "an undated day"
                self.post_message(Explained(results, f"Your exam of {when}, explained"))
                return
            latest = explain_latest(
                app.catalog(), self.person_id, today=app.today, screening_interval_months=interval
            )
        except ValueError as error:
            self.post_message(LoadFailed("explain the results", str(error)))
            return
        heading = "Your latest result, explained"
        if latest.results is None:
            heading += f". {latest.due.action}"
        self.post_message(Explained(latest.results, heading))

    def on_explained(self, message: Explained) -> None:
        """Show the explanation."""
        self.query_one(ExplanationPanel).show(message.results, message.heading)
