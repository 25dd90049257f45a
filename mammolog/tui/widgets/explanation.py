"""Results in plain words, as a panel: each explanation, what happens next, questions, sources.

:class:`ExplanationPanel` shows a :class:`~mammolog.domain.explain_content.ResultsExplained`
(from :mod:`mammolog.services.explain`); :class:`ChoiceMeaning` shows what one choice of the
results form means while it is picked. Colours come from the theme by level of concern.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from mammolog.domain.explain_content import (
    Concern,
    ContentError,
    ResultsExplained,
    explanation_book,
)
from mammolog.domain.explain_words import CONCERN_WORDS
from mammolog.untrusted import for_terminal, for_terminal_lines

__all__ = [
    "CHOICE_SECTIONS",
    "CONCERN_VARIABLE",
    "ChoiceMeaning",
    "ExplanationPanel",
    "explanation_text",
]

# Theme variable for each level of concern.
CONCERN_VARIABLE: dict[Concern, str] = {
    Concern.NONE: "success",
    Concern.LOW: "success",
    Concern.MODERATE: "warning",
    Concern.HIGH: "error",
    Concern.KNOWN_CANCER: "error",
}
NOTHING = "No result is recorded for this exam yet: add it with e (result)."
# The content section that explains each choice of the results form, by the Select's id.
CHOICE_SECTIONS: dict[str, str] = {
    "right": "category", "left": "category", "density": "density", "p-type": "procedure",
    "h-outcome": "pathology", "f-type": "finding_type", "f-morphology": "morphology",
    "f-distribution": "distribution", "f-shape": "mass_shape", "f-margin": "mass_margin",
    "f-mass_density": "mass_density", "f-asymmetry": "asymmetry", "f-quadrant": "location",
    "f-depth": "depth", "f-change": "change",
}  # fmt: skip


def _colour(app: App[object], concern: Concern) -> str:
    return app.theme_variables.get(CONCERN_VARIABLE[concern], "")


def explanation_text(app: App[object], results: ResultsExplained | None, heading: str = "") -> Text:
    """The explanations as rich text, made safe for the terminal."""
    text = Text()
    if heading:
        text.append(for_terminal(heading) + "\n\n", style="bold")
    if results is None or not results.explanations:
        text.append(NOTHING + "\n\n")
    for item in results.explanations if results else ():
        text.append(for_terminal(item.title), style="bold")
        text.append(
            f"  {CONCERN_WORDS[item.concern]}\n", style=f"bold {_colour(app, item.concern)}"
        )
        text.append(for_terminal_lines(item.summary) + "\n")
        if item.next_steps:
            text.append("What usually happens next:\n", style="italic")
            for step in item.next_steps:
                text.append(f"  • {for_terminal(step)}\n")
        text.append("\n")
    if results is not None and results.questions:
        text.append("Questions to ask your doctor\n", style="bold")
        for question in results.questions:
            text.append(f"  • {for_terminal(question)}\n")
        text.append("\n")
    if results is not None:
        text.append(for_terminal(results.disclaimer) + "\n", style="italic")
        text.append("Sources: " + for_terminal("; ".join(results.sources)), style="dim")
    return text


class ExplanationPanel(VerticalScroll):
    """A scrolling panel of results explained in plain words."""

    DEFAULT_CSS = """
    ExplanationPanel {
        border: round $primary;
        border-title-color: $text;
        padding: 0 1;
        height: 1fr;
    }
    ExplanationPanel > #explanation-text { width: 100%; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = "In plain words"
        self.can_focus = True

    def compose(self) -> ComposeResult:
        """One text that :meth:`show` fills."""
        yield Static("Reading…", id="explanation-text")

    def show(self, results: ResultsExplained | None, heading: str = "") -> None:
        """Show ``results`` (``None``: nothing recorded) under an optional ``heading``."""
        self.query_one("#explanation-text", Static).update(
            explanation_text(self.app, results, heading)
        )
        self.scroll_home(animate=False)


class ChoiceMeaning(Static):
    """What the choice being picked means ("grouped: a small cluster, which needs a closer
    look"), from the reviewed content; empty when nothing is picked."""

    DEFAULT_CSS = """
    ChoiceMeaning { color: $text-muted; height: auto; padding: 0 1; }
    """

    def explain_select(self, select_id: str, value: object) -> None:
        """Explain what was picked in the results form's Select ``select_id`` (nothing for a
        choice without a text, such as a side or a date)."""
        section = CHOICE_SECTIONS.get(select_id)
        if section is None:
            return
        self.show_choice(section, value if isinstance(value, str) else None)

    def show_choice(self, section: str, value: str | None) -> None:
        """Explain ``value`` of a content ``section`` (``category``, ``morphology``, ...)."""
        if not value:
            self.update("")
            return
        try:
            entry = explanation_book().entry(section, value)
        except ContentError:
            self.update("")
            return
        text = Text()
        text.append(entry.title, style="bold")
        text.append(f" ({CONCERN_WORDS[entry.concern]}): ", style=_colour(self.app, entry.concern))
        text.append(entry.summary)
        self.update(text)
