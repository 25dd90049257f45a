"""The summary's shared wording: categories, density, changes, timeline entries, findings,
procedures, pathology and names in plain words, the same in every format."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from mammolog.domain.birads import CATEGORY_INFO, DENSITY_WORDING
from mammolog.domain.findings import change_words, describe_finding
from mammolog.domain.lexicon import Category, Change, Density, Side
from mammolog.domain.records import Finding, Pathology, Procedure
from mammolog.domain.timeline import TimelineChange, TimelineEntry
from mammolog.domain.timeline_words import interval_label, recommendation_words

__all__ = [
    "category_words",
    "change_sentence",
    "density_words",
    "entry_changes",
    "entry_heading",
    "entry_sentences",
    "finding_words",
    "loose_kind",
    "pathology_words",
    "pn_groups",
    "procedure_words",
]


_SIDE_WORDS = {Side.RIGHT: "Right", Side.LEFT: "Left", Side.BOTH: "Both breasts"}


def category_words(category: Category | None) -> str:
    """``BI-RADS 4B (Moderate suspicion)``, or ``not assessed``."""
    if category is None:
        return "not assessed"
    return f"BI-RADS {category.value} ({CATEGORY_INFO[category].name})"


def density_words(density: Density | None) -> str:
    """``c: heterogeneously dense, which may obscure small masses`` or ``not recorded``."""
    if density is None:
        return "not recorded"
    return f"{density.value}: {DENSITY_WORDING[density]}"


def change_sentence(change: TimelineChange) -> str:
    """One change in words: ``Left: BI-RADS 2 -> 4B (Benign -> Moderate suspicion)``."""
    prefix = _SIDE_WORDS.get(change.side, "") if change.side is not None else ""
    detail = change.detail.replace("->", "→")
    return f"{prefix}: {detail}" if prefix else detail[:1].upper() + detail[1:]


def entry_changes(entry: TimelineEntry) -> list[str]:
    """The changes of one timeline entry in words (empty when nothing changed)."""
    return [change_sentence(change) for change in entry.changes]


def loose_kind(entry: TimelineEntry) -> str:
    """What a timeline date without an exam holds: procedure, pathology result, or both."""
    if entry.procedures and entry.pathology:
        return "Procedure and pathology result"
    return "Procedure" if entry.procedures else "Pathology result"


def entry_heading(entry: TimelineEntry, show_date: Callable[[date | None], str]) -> str:
    """``2024-03-01  MG screening  (1 year since the previous exam)``; a procedure or pathology
    result says how long after which exam it came."""
    title = entry.description or ("Exam" if entry.is_exam else loose_kind(entry))
    head = f"{show_date(entry.date)}  {title}"
    gap = interval_label(entry, show_date)
    return f"{head}  ({gap})" if gap else head


def entry_sentences(entry: TimelineEntry) -> list[str]:
    """What one timeline entry says in words: its changes, procedures and pathology."""
    words = entry_changes(entry)
    if entry.is_exam and not words:
        if entry.assessment is None:
            words = ["No result recorded for this exam."]
        elif entry.interval_months is None:
            words = ["First exam on record."]
        else:
            words = ["No change in category, findings or density."]
    if entry.assessment is not None and entry.assessment.recommendation is not None:
        words.append(f"Recommended: {recommendation_words(entry.assessment.recommendation)}")
    if entry.assessment is not None and entry.assessment.note:
        words.append(f"Patient's note: {entry.assessment.note}")
    words += [f"Procedure: {p}" for p in procedure_words(entry.procedures)]
    words += [f"Pathology: {p}" for p in pathology_words(entry.pathology)]
    return words


def finding_words(finding: Finding) -> str:
    """A finding in words with its change: ``coarse calcifications R LOQ (stable)``."""
    text = describe_finding(finding)
    if finding.change is Change.STABLE:
        return f"{text} (stable)"
    return f"{text} ({change_words(finding.change)})" if finding.change is not None else text


def procedure_words(procedures: Sequence[Procedure]) -> list[str]:
    """``stereotactic biopsy L: 9G, 12 cores`` for each procedure."""
    return [
        f"{proc.type.value.replace('-', ' ')} {proc.side.value}"
        + (f": {proc.note}" if proc.note else "")
        for proc in procedures
    ]


def pathology_words(pathology: Sequence[Pathology]) -> list[str]:
    """``benign L: fibrocystic change`` for each pathology result."""
    return [
        f"{path.outcome.value.replace('-', ' ')} {path.side.value}"
        + (f": {path.text}" if path.text else "")
        for path in pathology
    ]


def pn_groups(patient_name: str) -> list[str]:
    """The readable component groups of a DICOM PN (alphabetic, ideographic, phonetic).

    ``Yamada^Tarou=山田^太郎=やまだ^たろう`` gives ``["Yamada Tarou", "山田 太郎", "やまだ たろう"]``.
    """
    groups = []
    for group in patient_name.split("="):
        words = " ".join(part.strip() for part in group.split("^") if part.strip())
        if words:
            groups.append(words)
    return groups
