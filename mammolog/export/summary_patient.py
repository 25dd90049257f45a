"""The summary's page for her: her latest results in plain words, what is due, how to prepare.

It comes after the clinician's pages, on a page of its own with its own heading, so the
radiologist's part stays a clinical document; ``export summary --for-me-only`` writes just
this page. The words come from :mod:`mammolog.domain.explain` (the reviewed content).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Protocol

from fpdf import FPDF

from mammolog.domain.explain_content import About, ResultsExplained
from mammolog.domain.explain_words import CONCERN_WORDS

__all__ = [
    "PAGE_TITLE",
    "PageWriter",
    "PatientPage",
    "draw_patient_page",
    "patient_page_html",
    "patient_page_markdown",
]

PAGE_TITLE = "For you: your results in plain words"
SEPARATE_NOTE = (
    "This page is for you. It is separate from the pages for your doctor, and it does not"
    " replace them or your doctor's advice."
)


@dataclass(frozen=True)
class PatientPage:
    """What the page for her says."""

    first_name: str
    latest: ResultsExplained | None
    due_action: str
    due_summary: str
    prepare: tuple[str, ...]
    questions: tuple[str, ...]
    disclaimer: str
    sources: tuple[str, ...]

    def greeting(self) -> str:
        """``This page is for you, Maria.`` (no name when none is known)."""
        who = f", {self.first_name}" if self.first_name else ""
        return SEPARATE_NOTE.replace("This page is for you.", f"This page is for you{who}.", 1)

    def results_heading(self) -> str:
        """``Your latest results (exam of 2025-10-31)``."""
        if self.latest is None or self.latest.date is None:
            return "Your latest results"
        return f"Your latest results (exam of {self.latest.date.isoformat()})"

    def result_items(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(title with its concern, summary, next steps) of each result explained."""
        if self.latest is None:
            return []
        return [
            (f"{item.title} [{CONCERN_WORDS[item.concern]}]", item.summary, item.next_steps)
            for item in self.latest.explanations
            if item.about is not About.DUE
        ]


class PageWriter(Protocol):
    """What the summary PDF writer offers this page: its FPDF and two text helpers."""

    @property
    def pdf(self) -> FPDF: ...

    def line(
        self,
        value: str,
        *,
        size: float = 9.5,
        bold: bool = False,
        colour: tuple[int, int, int] = (17, 17, 17),
        height: float = 5,
    ) -> None: ...

    def heading(self, value: str) -> None: ...


MUTED = (90, 90, 90)


def draw_patient_page(writer: PageWriter, page: PatientPage) -> None:
    """Draw the page for her on a new page of the summary PDF."""
    writer.pdf.add_page()
    writer.line(PAGE_TITLE, size=16, bold=True, height=8)
    writer.line(page.greeting(), size=9, colour=MUTED)
    writer.line(page.disclaimer, size=9, colour=MUTED)
    writer.heading(page.results_heading())
    items = page.result_items()
    if not items:
        writer.line("No result is recorded yet: add the result of your latest exam.", size=9.5)
    for title, summary, steps in items:
        writer.line(title, size=9.5, bold=True, height=4.8)
        writer.line(summary, size=9, height=4.4)
        for step in steps:
            writer.line(f"   •  {step}", size=8.5, height=4.2)
        writer.pdf.ln(1.5)
    writer.heading("What is due")
    writer.line(page.due_action, size=10, bold=True)
    writer.line(page.due_summary, size=9, height=4.4)
    writer.heading("How to prepare")
    for step in page.prepare:
        writer.line(f"   •  {step}", size=9, height=4.6)
    if page.questions:
        writer.heading("Questions you could ask")
        for question in page.questions:
            writer.line(f"   •  {question}", size=9, height=4.6)
    writer.line("", size=4, height=3)
    writer.line("Sources: " + "; ".join(page.sources) + ".", size=7.5, colour=MUTED, height=3.6)


def patient_page_markdown(page: PatientPage, md_text: Callable[[str], str]) -> list[str]:
    """The page for her as Markdown lines (``md_text`` escapes text for Markdown)."""
    lines = ["", "---", "", f"# {PAGE_TITLE}", "", md_text(page.greeting()), ""]
    lines += [f"*{md_text(page.disclaimer)}*", "", f"## {md_text(page.results_heading())}", ""]
    items = page.result_items()
    if not items:
        lines += ["No result is recorded yet: add the result of your latest exam.", ""]
    for title, summary, steps in items:
        lines += [f"**{md_text(title)}**", "", md_text(summary), ""]
        lines += [f"- {md_text(step)}" for step in steps]
        lines += [""] if steps else []
    lines += [
        "## What is due",
        "",
        f"**{md_text(page.due_action)}**",
        "",
        md_text(page.due_summary),
    ]
    lines += ["", "## How to prepare", "", *(f"- {md_text(step)}" for step in page.prepare), ""]
    if page.questions:
        lines += ["## Questions you could ask", ""]
        lines += [*(f"- {md_text(question)}" for question in page.questions), ""]
    lines += [f"Sources: {md_text('; '.join(page.sources))}.", ""]
    return lines


def patient_page_html(page: PatientPage) -> list[str]:
    """The page for her as HTML fragments, in a section of its own."""
    e = escape
    out = [
        '<section class="for-you" style="break-before: page; page-break-before: always">',
        f"<h1>{e(PAGE_TITLE)}</h1>",
        f'<p class="muted">{e(page.greeting())}</p>',
        f'<p class="muted">{e(page.disclaimer)}</p>',
        f"<h2>{e(page.results_heading())}</h2>",
    ]
    items = page.result_items()
    if not items:
        out.append("<p>No result is recorded yet: add the result of your latest exam.</p>")
    for title, summary, steps in items:
        out += [f"<h3>{e(title)}</h3>", f"<p>{e(summary)}</p>"]
        if steps:
            out.append("<ul>" + "".join(f"<li>{e(step)}</li>" for step in steps) + "</ul>")
    out += [
        "<h2>What is due</h2>",
        f"<p><strong>{e(page.due_action)}</strong></p>",
        f"<p>{e(page.due_summary)}</p>",
        "<h2>How to prepare</h2>",
        "<ul>" + "".join(f"<li>{e(step)}</li>" for step in page.prepare) + "</ul>",
    ]
    if page.questions:
        out.append("<h2>Questions you could ask</h2>")
        out.append("<ul>" + "".join(f"<li>{e(q)}</li>" for q in page.questions) + "</ul>")
    out += [f'<p class="muted">Sources: {e("; ".join(page.sources))}.</p>', "</section>"]
    return out
