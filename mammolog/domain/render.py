"""A plain-text timeline for the terminal and the documentation.

One block per date, oldest first: both breasts, density, findings, procedures and
pathology, then the changes since the previous assessed exam (``R 2 -> 4B``,
``new grouped fine-pleomorphic calcifications L UOQ 2 o'clock``), and finally what is due.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mammolog.domain.birads import CATEGORY_INFO, DENSITY_WORDING
from mammolog.domain.due import NextDue
from mammolog.domain.findings import change_words, describe_finding
from mammolog.domain.lexicon import Change
from mammolog.domain.records import Finding
from mammolog.domain.timeline import ChangeKind, SideResult, TimelineChange, TimelineEntry
from mammolog.domain.timeline_words import interval_label

__all__ = ["render_change", "render_entry", "render_next_due", "render_timeline"]


def render_change(change: TimelineChange) -> str:
    """One change line: ``R 2 -> 4B`` for categories, the plain detail otherwise."""
    if change.kind in (ChangeKind.CATEGORY_UP, ChangeKind.CATEGORY_DOWN):
        side = change.side.value if change.side else "?"
        return f"{side} {change.before} -> {change.after}"
    return change.detail


def _side_line(label: str, result: SideResult) -> str:
    if result.category is None:
        return f"  {label:<6} not assessed"
    name = CATEGORY_INFO[result.category].name
    return f"  {label:<6} BI-RADS {result.category.value} ({name})"


def _finding_line(finding: Finding) -> str:
    text = describe_finding(finding)
    if finding.change is not None and finding.change is not Change.STABLE:
        text += f" ({change_words(finding.change)})"
    elif finding.change is Change.STABLE:
        text += " (stable)"
    return f"    - {text}"


def _default_title(entry: TimelineEntry) -> str:
    if entry.is_exam:
        return "Exam"
    if entry.procedures and entry.pathology:
        return "Procedure and pathology result"
    return "Procedure" if entry.procedures else "Pathology result"


def render_entry(entry: TimelineEntry) -> list[str]:
    """The lines of one block."""
    title = entry.description or _default_title(entry)
    header = f"{entry.date.isoformat()}  {title}"
    interval = interval_label(entry)
    if interval:
        header += f"  ({interval})"
    lines = [header]
    assessment = entry.assessment
    if assessment is not None:
        if assessment.right is None and assessment.left is None:
            lines.append(_side_line("Both", entry.right) + " [overall result only]")
        else:
            lines += [_side_line("Right", entry.right), _side_line("Left", entry.left)]
        if entry.density is not None:
            wording = DENSITY_WORDING[entry.density].split(",")[0]
            entered = entry.density_entered
            shown = (
                f" (entered as {entered!r})"
                if entered and entered.lower() != entry.density.value
                else ""
            )
            lines.append(f"  Density {entry.density.value}: {wording}{shown}")
    findings = sorted({*entry.right.findings, *entry.left.findings}, key=Finding.sort_key)
    if findings:
        lines.append("  Findings:")
        lines += [_finding_line(f) for f in findings]
    for proc in entry.procedures:
        note = f": {proc.note}" if proc.note else ""
        lines.append(f"  Procedure: {proc.type.value.replace('-', ' ')} {proc.side.value}{note}")
    for path in entry.pathology:
        text = f": {path.text}" if path.text else ""
        lines.append(f"  Pathology: {path.outcome.value} {path.side.value}{text}")
    if assessment is not None and assessment.recommendation is not None:
        lines.append(f"  Recommended: {assessment.recommendation.value.replace('-', ' ')}")
    if assessment is not None and assessment.note:
        lines.append(f"  Note: {assessment.note}")
    if entry.changes:
        lines.append("  Changes:")
        lines += [f"    {render_change(c)}" for c in entry.changes]
    return lines


def render_next_due(due: NextDue) -> str:
    """``Next due: 2026-02-16 (overdue): routine screening ...``."""
    when = due.date.isoformat() if due.date else "no date"
    flag = " (overdue)" if due.overdue else ""
    return f"Next due: {when}{flag}: {due.reason}"


def render_timeline(
    entries: Sequence[TimelineEntry],
    next_due: NextDue | None = None,
    *,
    clean_line: Callable[[str], str] | None = None,
) -> str:
    """The whole timeline as plain text (blocks separated by blank lines), ending in a newline.

    ``clean_line`` is applied to every line before the lines are joined (the command line
    passes its terminal sanitiser, so a line break inside a description stays on its line).
    """
    clean = clean_line or (lambda line: line)
    if not entries:
        blocks = ["No exams recorded yet."]
    else:
        blocks = ["\n".join(clean(line) for line in render_entry(e)) for e in entries]
    if next_due is not None:
        blocks.append(clean(render_next_due(next_due)))
    return "\n\n".join(blocks) + "\n"
