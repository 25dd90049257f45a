"""The summary as Markdown: the same content in plain text, for notes and e-mail."""

from __future__ import annotations

from mammolog.domain.lexicon import Side
from mammolog.export.summary import (
    DOCUMENT_NOTE,
    SummaryData,
    category_words,
    density_words,
    entry_heading,
    entry_sentences,
    exam_cells,
    exams_shown,
    pathology_words,
    pn_groups,
    procedure_words,
)

__all__ = ["render_markdown"]


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ") or "-"


def _who(data: SummaryData) -> list[str]:
    lines = [f"# Mammography history: {data.title_name}", ""]
    facts = []
    if not data.anonymized:
        facts.append(f"Born {data.birth_date.isoformat() if data.birth_date else 'not recorded'}")
    facts.append(f"Summary generated {data.generated.isoformat()}")
    if data.since is not None:
        facts.append(f"exams from {data.show_date(data.since)} on")
    if data.anonymized:
        facts.append("anonymized: names, IDs, birth date and centres left out")
    lines += [" · ".join(facts), ""]
    if data.identities and not data.anonymized:
        lines.append("Recorded by the centres as:")
        lines.append("")
        for ident in data.identities:
            parts = [" / ".join(pn_groups(ident.patient_name)) or "(no name)"]
            if ident.patient_id:
                parts.append(
                    f"ID {ident.patient_id}" + (f" ({ident.issuer})" if ident.issuer else "")
                )
            if ident.centres:
                parts.append(", ".join(ident.centres))
            parts.append(f"{ident.studies} exam{'s' if ident.studies != 1 else ''}")
            lines.append("- " + " · ".join(parts))
        lines.append("")
    return lines


def _latest(data: SummaryData) -> list[str]:
    lines = ["## Latest result", ""]
    labels = {Side.RIGHT: "Right breast", Side.LEFT: "Left breast"}
    for result in data.latest:
        when = f" (exam {data.show_date(result.exam_date)})" if result.exam_date else ""
        lines.append(
            f"- **{labels.get(result.side, 'Both')}: {category_words(result.category)}**{when}"
        )
    density = next((r.density for r in data.latest if r.density is not None), None)
    lines += [f"- Breast density {density_words(density)}", "", f"**{data.due_sentence()}**", ""]
    return lines


def _exams(data: SummaryData) -> list[str]:
    lines = ["## All exams", ""]
    rows = exams_shown(data)
    if not rows:
        return [*lines, "No exams recorded in this period.", ""]
    lines += [
        "| Date | Centre | Exam | R | L | Density | Key findings | Procedures | Pathology |",
        "|---|---|---|---|---|---|---|---|---|",
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
        lines += [f"### {entry_heading(entry, data.show_date)}", "", *(f"- {w}" for w in words), ""]
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
            lines.append(f"- {data.show_date(entry.date)} Procedure: {words}")
            found = True
        for words in pathology_words(entry.pathology):
            lines.append(f"- {data.show_date(entry.date)} Pathology: {words}")
            found = True
    if not found:
        lines.append("No procedures or pathology results recorded.")
    lines += ["", "## Key images", ""]
    if not data.key_images:
        lines.append("No mammogram images in the library for this period.")
    for image in data.key_images:
        state = image.window if image.png else f"cannot be shown: {image.reason}"
        lines.append(f"- {image.label} ({image.role}, {data.show_date(image.exam_date)}): {state}")
    lines += [
        "",
        "---",
        "",
        f"Generated {data.generated.isoformat()} with mammolog. {DOCUMENT_NOTE}",
        "",
    ]
    return "\n".join(lines)
