"""Words for explanations: sides, places on the breast, one finding, and what to do when due.

:func:`due_action` is the one place that turns "what is due" into an instruction ("Book your
routine screening mammogram; it was due on 31 October"): the library's due badge, the command
line, the calendar and the summary all call it.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from mammolog.domain.due import NextDue
from mammolog.domain.explain_content import (
    About,
    Concern,
    Entry,
    Explanation,
    ExplanationBook,
    ResultsExplained,
    explanation_book,
    highest_concern,
)
from mammolog.domain.lexicon import Side
from mammolog.domain.records import Finding

__all__ = [
    "CONCERN_WORDS",
    "SIDE_WORDS",
    "clock_place",
    "date_words",
    "due_action",
    "explanation_lines",
    "finding_explanation",
    "finding_name",
    "location_words",
    "value_words",
]

CONCERN_WORDS: dict[Concern, str] = {
    Concern.NONE: "no concern",
    Concern.LOW: "low concern",
    Concern.MODERATE: "moderate concern",
    Concern.HIGH: "high concern",
    Concern.KNOWN_CANCER: "known cancer",
}
SIDE_WORDS: dict[Side, str] = {
    Side.RIGHT: "Right breast",
    Side.LEFT: "Left breast",
    Side.BOTH: "Both breasts",
}
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
# Places of the clock hours on the right breast, the radiologist facing the woman: 9 o'clock
# is the outer side (towards the right armpit). The left breast is the mirror image.
_RIGHT_CLOCK = {
    12: "top", 1: "upper-inner", 2: "upper-inner", 3: "inner", 4: "lower-inner",
    5: "lower-inner", 6: "bottom", 7: "lower-outer", 8: "lower-outer", 9: "outer",
    10: "upper-outer", 11: "upper-outer",
}  # fmt: skip


def value_words(value: str) -> str:
    """A slug as words: ``fine-pleomorphic`` -> ``fine pleomorphic``; "Left breast" -> "left breast"."""
    text = value.replace("-", " ")
    return text if text.isupper() else text[:1].lower() + text[1:]


def date_words(day: dt.date, *, today: dt.date) -> str:
    """``31 October`` in the current year, ``31 October 2027`` in any other."""
    words = f"{day.day} {MONTHS[day.month - 1]}"
    return words if day.year == today.year else f"{words} {day.year}"


def clock_place(hour: int, side: Side) -> str | None:
    """Where an hour of the clock face is on that breast (``None`` for both breasts)."""
    if side is Side.BOTH:
        return None
    mirrored = hour if side is Side.RIGHT else (12 - hour) % 12 or 12
    return _RIGHT_CLOCK[mirrored]


def location_words(finding: Finding, book: ExplanationBook | None = None) -> str:
    """Where a finding is in words: quadrant, clock face, depth and distance from the nipple."""
    book = book or explanation_book()
    parts: list[str] = []
    if finding.quadrant is not None:
        parts.append(book.entry("location", finding.quadrant.value).phrase)
    if finding.clock is not None and finding.side is not None:
        place = clock_place(finding.clock, finding.side)
        hour = f"{finding.clock} o'clock"
        if place is None or finding.quadrant is not None:
            parts.append(f"at {hour}")
        else:
            parts.append(f"{book.clock_words[place]} ({hour})")
    if finding.depth is not None:
        parts.append(book.entry("depth", finding.depth.value).phrase)
    if finding.distance_cm is not None:
        parts.append(f"{finding.distance_cm:g} cm from the nipple")
    return ", ".join(parts)


def _descriptors(finding: Finding, book: ExplanationBook) -> list[Entry]:
    values: list[tuple[str, str]] = [
        ("distribution", finding.distribution.value if finding.distribution else ""),
        ("morphology", finding.morphology.value if finding.morphology else ""),
        ("mass_shape", finding.shape.value if finding.shape else ""),
        ("mass_margin", finding.margin.value if finding.margin else ""),
        ("mass_density", finding.mass_density.value if finding.mass_density else ""),
        ("asymmetry", finding.asymmetry.value if finding.asymmetry else ""),
        *(("feature", feature.value) for feature in finding.features),
        ("change", finding.change.value if finding.change else ""),
    ]
    return [book.entry(section, value) for section, value in values if value]


def _label(entry: Entry) -> str:
    if entry.section == "mass_density":
        return f"{value_words(entry.key)} density"
    if entry.section == "asymmetry" and entry.key != "asymmetry":
        return f"{entry.key} asymmetry"
    if entry.section in ("feature", "change"):
        return value_words(entry.title)
    return value_words(entry.key)


def finding_name(finding: Finding, book: ExplanationBook | None = None) -> str:
    """A finding's name in words: "grouped fine pleomorphic calcifications", "focal asymmetry"."""
    book = book or explanation_book()
    kind = book.entry("finding_type", finding.type.value)
    naming = ("distribution", "morphology", "mass_shape", "mass_margin")
    words = [value_words(e.key) for e in _descriptors(finding, book) if e.section in naming]
    if finding.asymmetry is not None and finding.asymmetry.value != "asymmetry":
        words.append(finding.asymmetry.value)
    return " ".join([*words, value_words(kind.title)])


def finding_explanation(
    finding: Finding, book: ExplanationBook | None = None
) -> tuple[Explanation, list[Entry]]:
    """One finding explained with its own descriptors combined, and the entries used.

    ``grouped: a small cluster, which needs a closer look; fine pleomorphic: varied shapes,
    which is suspicious``. The concern is the highest of its descriptors (of its type when
    it has none).
    """
    book = book or explanation_book()
    kind = book.entry("finding_type", finding.type.value)
    descriptors = _descriptors(finding, book)
    name = finding_name(finding, book)
    side = SIDE_WORDS[finding.side] if finding.side is not None else "Breast not recorded"
    sentences = [kind.summary]
    if descriptors:
        described = "; ".join(f"{_label(e)}: {e.phrase}" for e in descriptors)
        sentences.append(described[:1].upper() + described[1:] + ".")
    where = location_words(finding, book)
    if where:
        sentences.append(f"Where: {where}.")
    # the descriptors say how worrying a finding is; the type alone only when none is given
    concern: Concern = highest_concern(e.concern for e in descriptors or [kind])
    explained = Explanation(
        About.FINDING, finding.side, finding.type.value, f"{side}: {name}", " ".join(sentences),
        concern,
    )  # fmt: skip
    return explained, [kind, *descriptors]


def due_action(due: NextDue, *, today: dt.date, book: ExplanationBook | None = None) -> str:
    """What to do about what is due, in words: "Book your routine screening mammogram; it was
    due on 31 October." (the date as :func:`date_words` writes it; none when there is none)."""
    book = book or explanation_book()
    action = book.entry("due", due.kind.value).action
    if due.date is None:
        return f"{action}."
    when = date_words(due.date, today=today)
    if due.date == today:
        return f"{action}; it is due today."
    if due.overdue or due.date < today:
        return f"{action}; it was due on {when}."
    return f"{action}; it is due on {when}."


def explanation_lines(results: ResultsExplained, *, width: int = 88) -> list[str]:
    """The explanations as plain text lines (wrapped to ``width``), questions and sources last."""
    wrap = textwrap.TextWrapper(width=width, initial_indent="  ", subsequent_indent="  ")
    steps = textwrap.TextWrapper(width=width, initial_indent="    - ", subsequent_indent="      ")
    lines: list[str] = []
    for item in results.explanations:
        lines += textwrap.wrap(f"{item.title}  [{CONCERN_WORDS[item.concern]}]", width=width)
        lines += wrap.wrap(item.summary)
        if item.next_steps:
            lines.append("  What usually happens next:")
            for step in item.next_steps:
                lines += steps.wrap(step)
        lines.append("")
    if results.questions:
        lines.append("Questions to ask your doctor:")
        for question in results.questions:
            lines += steps.wrap(question)
        lines.append("")
    lines += textwrap.wrap(results.disclaimer, width=width)
    lines.append("Sources:")
    for source in results.sources:
        lines += steps.wrap(source)
    return lines
