"""Explaining results in plain words: one study, the latest result, one term, what to do next.

The words come from the reviewed content through :mod:`mammolog.domain.explain`; this module
only loads what the domain needs (the person's history and timeline, the one rule for the
latest result) and returns frozen records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine

from mammolog.catalog.db import read_session
from mammolog.catalog.models import Person
from mammolog.domain.due import NextDue
from mammolog.domain.explain import ResultsExplained, explain_exam
from mammolog.domain.explain import explain_term as explain_term_words
from mammolog.domain.explain_content import explanation_book
from mammolog.domain.explain_words import due_action
from mammolog.domain.latest import latest_results
from mammolog.export.summary_patient import PatientPage
from mammolog.services.studies import StudyNotFound, person_of_study, resolve_study
from mammolog.services.timeline import (
    PersonHistory,
    PersonTimeline,
    choose_person,
    load_history,
    timeline_of,
)

__all__ = [
    "DueAdvice",
    "LatestExplained",
    "due_advice",
    "explain_history",
    "explain_latest",
    "explain_study",
    "explain_term",
    "first_name",
    "patient_page",
]


@dataclass(frozen=True)
class DueAdvice:
    """What is due for a person, as an instruction in words, with the record it comes from."""

    person_id: int
    display_name: str
    action: str
    next_due: NextDue


@dataclass(frozen=True)
class LatestExplained:
    """A person's latest result explained (``None`` when nothing is recorded) and what is due."""

    person_id: int
    display_name: str
    results: ResultsExplained | None
    due: DueAdvice


def first_name(display_name: str) -> str:
    """The first given name of a display name "Family, Given Middle" ("" when not clear)."""
    family, comma, given = display_name.partition(",")
    if not comma or not family.strip():
        return ""
    words = given.split()
    return words[0] if words else ""


def explain_term(term: str) -> ResultsExplained:
    """Explain one lexicon term (``fine-pleomorphic``, ``segmental``, ``4B``, ``c``)."""
    return explain_term_words(term)


def explain_history(
    history: PersonHistory, timeline: PersonTimeline, study_uid: str, *, today: date
) -> ResultsExplained:
    """Explain one study of a loaded history (what is due is added for her latest result)."""
    exam = next((e for e in history.exams if e.study_uid == study_uid), None)
    if exam is None:
        raise StudyNotFound(
            "STUDY: this study has no date, so its result cannot be placed in your history"
        )
    entry = next((e for e in timeline.entries if e.study_uid == study_uid), None)
    latest = latest_results(history.exams).latest_day
    is_latest = latest is not None and latest.study_uid == study_uid
    return explain_exam(
        exam,
        history=history.exams,
        procedures=history.procedures,
        pathology=history.pathology,
        timeline_entry=entry,
        next_due=timeline.next_due if is_latest else None,
        today=today,
    )


def explain_study(
    engine: Engine, study_ref: str, *, today: date, screening_interval_months: int = 12
) -> ResultsExplained:
    """Explain the study a user named (UID or short id) in plain words."""
    with read_session(engine) as session:
        study = resolve_study(session, study_ref)
        person = session.get(Person, person_of_study(session, study.pk))
        assert person is not None
        history = load_history(session, person)
    timeline = timeline_of(
        history, today=today, screening_interval_months=screening_interval_months
    )
    return explain_history(history, timeline, study.study_uid, today=today)


def _advice(timeline: PersonTimeline, *, today: date) -> DueAdvice:
    action = due_action(timeline.next_due, today=today)
    return DueAdvice(timeline.person_id, timeline.display_name, action, timeline.next_due)


def due_advice(
    engine: Engine, person_id: int | None, *, today: date, screening_interval_months: int = 12
) -> DueAdvice:
    """What is due for a person (the only one when ``person_id`` is None), as an instruction."""
    with read_session(engine) as session:
        history = load_history(session, choose_person(session, person_id))
    timeline = timeline_of(
        history, today=today, screening_interval_months=screening_interval_months
    )
    return _advice(timeline, today=today)


def explain_latest(
    engine: Engine, person_id: int | None, *, today: date, screening_interval_months: int = 12
) -> LatestExplained:
    """A person's latest result explained (the one rule for "latest") and what is due."""
    with read_session(engine) as session:
        person = choose_person(session, person_id)
        history = load_history(session, person)
    timeline = timeline_of(
        history, today=today, screening_interval_months=screening_interval_months
    )
    latest = latest_results(history.exams).latest_day
    results = None
    if latest is not None and latest.study_uid is not None:
        results = explain_history(history, timeline, latest.study_uid, today=today)
    return LatestExplained(
        history.person_id, history.display_name, results, _advice(timeline, today=today)
    )


def patient_page(
    engine: Engine, person_id: int | None, *, today: date, screening_interval_months: int = 12
) -> PatientPage:
    """The summary's page for her: latest results explained, what is due, how to prepare."""
    latest = explain_latest(
        engine, person_id, today=today, screening_interval_months=screening_interval_months
    )
    book = explanation_book()
    due_entry = book.entry("due", latest.due.next_due.kind.value)
    found = latest.results.questions if latest.results else book.questions
    return PatientPage(
        first_name=first_name(latest.display_name),
        latest=latest.results,
        due_action=latest.due.action,
        due_summary=due_entry.summary,
        prepare=book.prepare,
        questions=tuple(dict.fromkeys([*found, *due_entry.questions])),
        disclaimer=book.disclaimer,
        sources=book.sources,
    )
