"""The summary as Markdown: the same content in plain text, for notes and e-mail.

Text that came from discs, reports or the user (names, centres, descriptions, findings notes,
procedure notes, pathology text) is escaped with :func:`md_text`: control characters are shown
as visible escapes and Markdown's special characters are backslash-escaped, so it can neither
format the document (headings, links, images, tables) nor hide in it.
"""

from __future__ import annotations

import re

from mammolog.export.own_exports import MARKDOWN_MARKER
from mammolog.export.summary import (
    DOCUMENT_NOTE,
    EXAM_COLUMN_TITLES,
    SummaryData,
    entry_heading,
    entry_sentences,
    exam_cells,
    exams_shown,
    history_counts,
    latest_lines,
    pathology_words,
    pn_groups,
    procedure_words,
)
from mammolog.export.summary_patient import patient_page_markdown
from mammolog.untrusted import for_terminal

__all__ = ["md_text", "render_markdown"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")
_MD_LINE_START = re.compile(r"^(\s*|\s*\d+)((?<=\d)[.)]|(?<!\d)[-+=])")


def md_text(value: str, *, line_start: bool = True) -> str:
    """``value`` as literal Markdown text on one line (controls visible, specials escaped).

    Emphasis, code, links, images, HTML, entities, tables and headings are neutralised; with
    ``line_start`` (text that may begin a line) a leading list marker is escaped too.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", for_terminal(value))
    if not line_start:
        return escaped
    return _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}", escaped, count=1)


def _cell(value: str) -> str:
    return md_text(value, line_start=False) or "-"


def _who(data: SummaryData) -> list[str]:
    lines = [MARKDOWN_MARKER, "", f"# Mammography history: {md_text(data.title_name)}", ""]
    facts = []
    if not data.anonymized:
        facts.append(f"Born {data.birth_date.isoformat() if data.birth_date else 'not recorded'}")
    facts.append(f"Summary generated {data.generated.isoformat()}")
    if data.since is not None:
        facts.append(f"exams from {data.show_date(data.since)} on")
    if data.anonymized:
        facts.append("anonymized: names, IDs, birth date and centres left out")
    facts.append(history_counts(data))
    lines += [" · ".join(facts), ""]
    if data.identities and not data.anonymized:
        lines.append("Recorded by the centres as:")
        lines.append("")
        for ident in data.identities:
            parts = [md_text(" / ".join(pn_groups(ident.patient_name))) or "(no name)"]
            if ident.patient_id:
                issuer = f" ({md_text(ident.issuer)})" if ident.issuer else ""
                parts.append(f"ID {md_text(ident.patient_id)}{issuer}")
            if ident.centres:
                parts.append(", ".join(md_text(c) for c in ident.centres))
            parts.append(f"{ident.studies} exam{'s' if ident.studies != 1 else ''}")
            lines.append("- " + " · ".join(parts))
        lines.append("")
    return lines


def _latest(data: SummaryData) -> list[str]:
    lines = ["## Latest result", ""]
    for words, when in latest_lines(data):
        lines.append(f"- **{words}**" + (f" ({when})" if when else ""))
    return [*lines, "", f"**{md_text(data.due_sentence())}**", ""]


def _exams(data: SummaryData) -> list[str]:
    lines = ["## All exams", ""]
    rows = exams_shown(data)
    if not rows:
        return [*lines, "No exams recorded in this period.", ""]
    lines += [
        "| " + " | ".join(EXAM_COLUMN_TITLES) + " |",
        "|" + "---|" * len(EXAM_COLUMN_TITLES),
    ]
    for exam in rows:
        cells = exam_cells(data, exam)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return [*lines, ""]


def _changes(data: SummaryData) -> list[str]:
    lines = ["## What changed, exam by exam", ""]
    if not data.entries:
        lines += ["No exams recorded in this period.", ""]
    for entry in data.entries:
        words = entry_sentences(entry)
        lines += [f"### {md_text(entry_heading(entry, data.show_date))}", ""]
        lines += [*(f"- {md_text(w)}" for w in words), ""]
    return lines


def _chart_table(data: SummaryData) -> list[str]:
    lines = ["## BI-RADS category per breast over time", ""]
    assessed = [r for r in exams_shown(data) if r.right is not None or r.left is not None]
    if not assessed:
        return [*lines, "No assessed exams.", ""]
    lines += ["| Date | Right | Left |", "|---|---|---|"]
    for row in assessed:
        right = row.right.value if row.right else "-"
        left = row.left.value if row.left else "-"
        lines.append(f"| {data.show_date(row.exam_date)} | {right} | {left} |")
    return [*lines, ""]


def render_markdown(data: SummaryData) -> str:
    """The whole summary as Markdown text (key images are listed, not embedded)."""
    lines = [*_who(data), *_latest(data), *_exams(data), *_changes(data), *_chart_table(data)]
    lines += ["## Procedures and pathology", ""]
    found = False
    for entry in data.entries:
        for words in procedure_words(entry.procedures):
            lines.append(f"- {data.show_date(entry.date)} Procedure: {md_text(words)}")
            found = True
        for words in pathology_words(entry.pathology):
            lines.append(f"- {data.show_date(entry.date)} Pathology: {md_text(words)}")
            found = True
    if not found:
        lines.append("No procedures or pathology results recorded.")
    lines += ["", "## Key images", ""]
    if not data.key_images:
        lines.append("No mammogram images in the library for this period.")
    for image in data.key_images:
        state = image.window if image.png else f"cannot be shown: {image.reason}"
        when = data.show_date(image.exam_date)
        lines.append(f"- {md_text(image.label)} ({image.role}, {when}): {md_text(state)}")
    if data.patient_page is not None:
        lines += patient_page_markdown(data.patient_page, md_text)
        if data.for_me_only:
            lines = [MARKDOWN_MARKER, *patient_page_markdown(data.patient_page, md_text)[3:]]
    lines += [
        "",
        "---",
        "",
        f"Generated {data.generated.isoformat()} with mammolog. {DOCUMENT_NOTE}",
        "",
    ]
    return "\n".join(lines)
