"""Her results in plain words: each breast's category, density, findings, changes, work-up, due.

Composed from the reviewed content (:mod:`mammolog.domain.explain_content`); no medical text is
written here, only put together. Rules:

* A breast's category is :func:`mammolog.domain.latest.breast_category` of the exam (its own,
  or the overall when no side is given). Two breasts with the same category that needs no
  work-up are explained once, for both breasts.
* A finding is explained with its own descriptors combined, in the order distribution then
  morphology (calcifications), shape, margin, density (masses), asymmetry kind, associated
  features, then its reported change, and where it is. Its concern is the highest concern of
  its descriptors (a finding is never made to sound calmer than its worst part), or that of
  its type when no descriptor is recorded.
* The clock face is read as the radiologist faces the woman (as :mod:`locations` does): on
  the right breast 9 o'clock is the outer side, on the left the inner side. For a finding
  marked on both breasts the hour cannot be put into words, so only the hour is given.
* What was already done: procedures and pathology on that breast dated on or after the exam
  and before the next exam whose result for that breast ends the work-up (a category that is
  not suspicious), or, after an exam that needs no work-up, before the next assessed exam.
* For a suspicious category (4, 4A, 4B, 4C, 5) the next steps are the usual work-up for the
  kind of finding on that breast (calcifications, a mass, or anything else), with each step
  already done named with its date, and the alternatives in order while no biopsy is done.
* What changed since the previous exam comes from the timeline's changes for that exam
  (:func:`mammolog.domain.timeline.build_timeline`); nothing is compared again here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from mammolog.domain.birads import is_suspicious
from mammolog.domain.due import NextDue
from mammolog.domain.errors import DomainValidationError
from mammolog.domain.explain_content import (
    SECTIONS,
    About,
    Entry,
    Explanation,
    ExplanationBook,
    ResultsExplained,
    explanation_book,
    highest_concern,
)
from mammolog.domain.explain_words import (
    SIDE_WORDS,
    due_action,
    finding_explanation,
    finding_name,
    location_words,
    value_words,
)
from mammolog.domain.finding_vocabulary import (
    parse_asymmetry,
    parse_change,
    parse_distribution,
    parse_feature,
    parse_finding_type,
    parse_margin,
    parse_mass_density,
    parse_morphology,
    parse_quadrant,
    parse_shape,
)
from mammolog.domain.findings import describe_finding
from mammolog.domain.latest import breast_category
from mammolog.domain.lexicon import Category, Change, FindingType, Side
from mammolog.domain.records import BIOPSY_TYPES, Exam, Pathology, Procedure
from mammolog.domain.timeline import ChangeKind, TimelineChange, TimelineEntry
from mammolog.domain.vocabulary import (
    parse_category,
    parse_pathology_outcome,
    parse_procedure_type,
)

__all__ = [
    "Explanation",
    "ResultsExplained",
    "explain_exam",
    "explain_term",
    "highest_concern",
    "term_slugs",
]


def _unique(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(texts))


def _from_entry(entry: Entry, side: Side | None = None, title: str | None = None) -> Explanation:
    about = SECTIONS[entry.section][1]
    return Explanation(
        about, side, entry.key, title or entry.title, entry.summary, entry.concern, entry.next_steps
    )


# --- terms ---------------------------------------------------------------------------------


def _slug(text: str) -> str:
    return "-".join(text.strip().replace("_", " ").split()).lower()


def term_slugs(book: ExplanationBook | None = None) -> tuple[str, ...]:
    """Every term ``explain --term`` knows, in content order (a slug may be in two sections)."""
    book = book or explanation_book()
    return _unique(key for (_section, key) in book.entries)


def explain_term(term: str, book: ExplanationBook | None = None) -> ResultsExplained:
    """Explain one lexicon term (``fine-pleomorphic``, ``segmental``, ``4B``, ``c``, ``UOQ``).

    Matching ignores case, spaces and underscores. A slug used in two places of the lexicon
    (``round`` calcifications and a ``round`` mass) gives both explanations. A word that is not
    a slug is read as the parsers read reports, so older words find their 5th-edition term
    (``clustered`` is ``grouped``, ``eggshell`` is ``rim``, ``atypia`` is ``high-risk``).
    """
    book = book or explanation_book()
    wanted = _slug(term)
    entries = [entry for (_s, key), entry in book.entries.items() if _slug(key) == wanted]
    if wanted and not entries:
        entries = _older_words(term, book)
    if not wanted or not entries:
        raise DomainValidationError(
            "term",
            f"{term.strip()!r} is not a term mammolog explains; give a BI-RADS category (4B),"
            " a density (c) or a lexicon word as mammolog spells it (fine-pleomorphic, segmental,"
            " UOQ)",
        )
    questions = _unique(q for entry in entries for q in entry.questions)
    return ResultsExplained(
        None,
        None,
        tuple(_from_entry(entry) for entry in entries),
        questions,
        book.sources,
        book.disclaimer,
    )


_PARSERS: tuple[tuple[str, Callable[[str], StrEnum]], ...] = (
    ("category", parse_category), ("finding_type", parse_finding_type),
    ("morphology", parse_morphology), ("distribution", parse_distribution),
    ("mass_shape", parse_shape), ("mass_margin", parse_margin),
    ("mass_density", parse_mass_density), ("asymmetry", parse_asymmetry),
    ("feature", parse_feature), ("location", parse_quadrant), ("change", parse_change),
    ("procedure", parse_procedure_type), ("pathology", parse_pathology_outcome),
)  # fmt: skip


def _older_words(term: str, book: ExplanationBook) -> list[Entry]:
    """The entries whose value a vocabulary parser reads ``term`` as (older or other words)."""
    found: list[Entry] = []
    for section, parser in _PARSERS:
        try:
            value = parser(term)
        except DomainValidationError:
            continue
        found.append(book.entry(section, value.value))
    return found


# --- one exam ------------------------------------------------------------------------------


def _window_end(exam: Exam, side: Side, exams: Sequence[Exam]) -> dt.date | None:
    """The date the work-up of ``exam`` on ``side`` ends (exclusive), ``None`` if still open."""
    category = breast_category(exam.assessment, side)
    later = sorted((e for e in exams if e.study_date > exam.study_date), key=lambda e: e.study_date)
    for other in later:
        found = breast_category(other.assessment, side)
        if found is None:
            continue
        if not is_suspicious(category) or not is_suspicious(found):
            return other.study_date
    return None


def _on_side(item_side: Side, side: Side) -> bool:
    return item_side is side or item_side is Side.BOTH or side is Side.BOTH


def _in_window(day: dt.date, start: dt.date, end: dt.date | None) -> bool:
    return day >= start and (end is None or day < end)


@dataclass(frozen=True, slots=True)
class _Done:
    procedures: tuple[Procedure, ...]
    pathology: tuple[Pathology, ...]


def _done_since(
    exam: Exam,
    side: Side,
    exams: Sequence[Exam],
    procedures: Iterable[Procedure],
    pathology: Iterable[Pathology],
) -> _Done:
    end = _window_end(exam, side, exams)
    start = exam.study_date
    procs = sorted(
        (p for p in procedures if _on_side(p.side, side) and _in_window(p.date, start, end)),
        key=lambda p: (p.date, p.type.value),
    )
    paths = sorted(
        (p for p in pathology if _on_side(p.side, side) and _in_window(p.date, start, end)),
        key=lambda p: (p.date, p.outcome.value),
    )
    return _Done(tuple(procs), tuple(paths))


def _work_up_path(exam: Exam, side: Side) -> str:
    types = {f.type for f in exam.findings if f.side is not None and _on_side(f.side, side)}
    if FindingType.CALCIFICATION in types:
        return "calcification"
    return "mass" if FindingType.MASS in types else "other"


def _work_up_steps(exam: Exam, side: Side, done: _Done, book: ExplanationBook) -> tuple[str, ...]:
    steps: list[str] = []
    biopsy_done = False
    for step in book.work_up[_work_up_path(exam, side)]:
        if step.alternative:
            if not biopsy_done:
                steps.append(step.text)
            continue
        matched = [p for p in done.procedures if p.type in step.done_by]
        if not matched:
            steps.append(step.text)
            continue
        first = matched[0]
        title = book.entry("procedure", first.type.value).title
        steps.append(f"Done: {title} on {first.date.isoformat()}.")
        biopsy_done = biopsy_done or any(p.type in BIOPSY_TYPES for p in matched)
    if not biopsy_done:
        steps.append(book.work_up_aim)
    elif not done.pathology:
        steps.append("Next: the pathology result of the biopsy. Ask the clinic for it.")
    else:
        for result in done.pathology:
            title = book.entry("pathology", result.outcome.value).title
            steps.append(f"Result: {title} on {result.date.isoformat()} (explained below).")
    return tuple(steps)


def _category_explanations(
    exam: Exam, exams: Sequence[Exam], procedures: Sequence[Procedure],
    pathology: Sequence[Pathology], book: ExplanationBook,
) -> tuple[list[Explanation], dict[Side, _Done]]:  # fmt: skip
    per_side: dict[Side, Category] = {}
    for side in (Side.RIGHT, Side.LEFT):
        category = breast_category(exam.assessment, side)
        if category is not None:
            per_side[side] = category
    sides: list[tuple[Side, Category]] = list(per_side.items())
    if len(sides) == 2 and sides[0][1] is sides[1][1] and not is_suspicious(sides[0][1]):
        sides = [(Side.BOTH, sides[0][1])]
    explanations: list[Explanation] = []
    done_by_side: dict[Side, _Done] = {}
    for side, category in sides:
        entry = book.entry("category", category.value)
        done = _done_since(exam, side, exams, procedures, pathology)
        done_by_side[side] = done
        steps = _work_up_steps(exam, side, done, book) if is_suspicious(category) else None
        item = _from_entry(entry, side, f"{SIDE_WORDS[side]}: {entry.title}")
        if steps is not None:
            item = Explanation(
                item.about, item.side, item.term, item.title, item.summary, item.concern, steps
            )
        explanations.append(item)
    return explanations, done_by_side


def _change_explanation(change: TimelineChange, exam: Exam, book: ExplanationBook) -> Explanation:
    side_words = SIDE_WORDS[change.side] if change.side is not None else ""
    detail = change.detail.replace("->", "→")
    if change.kind is ChangeKind.NEW_FINDING:
        # the timeline names the finding as describe_finding does: say it in words instead
        found = next((f for f in exam.findings if describe_finding(f) == change.after), None)
        if found is not None:
            where = location_words(found, book)
            detail = f"new {finding_name(found, book)}" + (f", {where}" if where else "")
    title = f"{side_words}: {detail}" if side_words else detail[:1].upper() + detail[1:]
    entry = book.entry("change_kind", change.kind.value)
    concern = entry.concern
    if change.kind in (ChangeKind.CATEGORY_UP, ChangeKind.CATEGORY_DOWN) and change.after:
        concern = book.entry("category", change.after).concern
    elif change.kind is ChangeKind.FINDING_CHANGED and change.after in {c.value for c in Change}:
        entry = book.entry("change", change.after)
        concern = entry.concern
    return Explanation(About.CHANGE, change.side, entry.key, title, entry.summary, concern)


def _record_explanations(done: Iterable[_Done], book: ExplanationBook) -> list[Explanation]:
    procedures = sorted({p for d in done for p in d.procedures}, key=lambda p: (p.date, repr(p)))
    pathology = sorted({p for d in done for p in d.pathology}, key=lambda p: (p.date, repr(p)))
    items = []
    for proc in procedures:
        entry = book.entry("procedure", proc.type.value)
        title = f"{entry.title}, {value_words(SIDE_WORDS[proc.side])}, {proc.date.isoformat()}"
        items.append(_from_entry(entry, proc.side, title))
    for result in pathology:
        entry = book.entry("pathology", result.outcome.value)
        title = f"{entry.title}, {value_words(SIDE_WORDS[result.side])}, {result.date.isoformat()}"
        items.append(_from_entry(entry, result.side, title))
    return items


def explain_exam(
    exam: Exam,
    *,
    history: Sequence[Exam] = (),
    procedures: Sequence[Procedure] = (),
    pathology: Sequence[Pathology] = (),
    timeline_entry: TimelineEntry | None = None,
    next_due: NextDue | None = None,
    today: dt.date | None = None,
    book: ExplanationBook | None = None,
) -> ResultsExplained:
    """Explain one exam in plain words (see the module docstring for the rules).

    ``history`` is every exam of the person (for the work-up window), ``timeline_entry`` the
    exam's entry on her timeline (for what changed), and ``next_due`` what is due, given when
    this exam holds her latest result (with ``today`` to put the date in words).
    """
    book = book or explanation_book()
    exams = list(history) or [exam]
    items: list[Explanation] = []
    done: dict[Side, _Done] = {}
    used: list[Entry] = []
    if exam.assessment is not None:
        categories, done = _category_explanations(exam, exams, procedures, pathology, book)
        items += categories
        # once the biopsy has a result, its questions replace those about having one
        used += [
            book.entry("category", c.term)
            for c in categories
            if c.side is None or not done.get(c.side, _Done((), ())).pathology
        ]
        if exam.assessment.density is not None:
            entry = book.entry("density", exam.assessment.density.value)
            items.append(_from_entry(entry))
            used.append(entry)
    for finding in sorted(exam.findings, key=lambda f: f.sort_key()):
        explained, entries = finding_explanation(finding, book)
        items.append(explained)
        used += entries
    if timeline_entry is not None and exam.assessment is not None:
        for change in timeline_entry.changes:
            items.append(_change_explanation(change, exam, book))
            used.append(book.entry("change_kind", change.kind.value))
        if not timeline_entry.changes and timeline_entry.interval_months is not None:
            entry = book.entry("change", Change.STABLE.value)
            title = "No change in result, findings or density since the previous exam"
            items.append(
                Explanation(About.CHANGE, None, entry.key, title, entry.summary, entry.concern)
            )
    records = _record_explanations(done.values(), book)
    items += records
    used += [book.entry("pathology", r.term) for r in records if r.about is About.PATHOLOGY]
    if next_due is not None:
        entry = book.entry("due", next_due.kind.value)
        action = due_action(next_due, today=today or exam.study_date, book=book)
        items.append(Explanation(About.DUE, None, entry.key, action, entry.summary,
                                 entry.concern, entry.next_steps))  # fmt: skip
        used.append(entry)
    questions = _unique([*(q for entry in used for q in entry.questions), *book.questions])
    return ResultsExplained(
        exam.study_uid, exam.study_date, tuple(items), questions, book.sources, book.disclaimer
    )
