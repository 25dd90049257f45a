"""Timeline entries in plain words: the gap since the previous exam, the recommendation.

An exam says how long since the previous exam ("7 months since the previous exam"); a
procedure or pathology result, which is not an exam, says how long after which exam it came
("3 weeks after the exam of 2024-03-01"). The app, the summary and the command line share these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from mammolog.domain.lexicon import Recommendation
from mammolog.domain.timeline import DAYS_PER_MONTH, TimelineEntry

__all__ = ["interval_label", "interval_words", "recommendation_words"]

_RECOMMENDATION_WORDS = {
    Recommendation.ROUTINE_SCREENING: "routine screening",
    Recommendation.SHORT_INTERVAL_FOLLOW_UP: "short-interval follow-up (6 months)",
    Recommendation.ADDITIONAL_IMAGING: "additional imaging",
    Recommendation.BIOPSY: "biopsy",
    Recommendation.TREATMENT: "treatment",
}


def recommendation_words(recommendation: Recommendation | None) -> str:
    """The radiologist's recommendation in plain words (empty when none was recorded)."""
    return "" if recommendation is None else _RECOMMENDATION_WORDS[recommendation]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def interval_words(months: float) -> str:
    """``1 year 2 months``, ``7 months``, ``less than a month`` (rounded to whole months)."""
    whole = round(months)
    if whole < 1:
        return "less than a month"
    years, rest = divmod(whole, 12)
    parts = [_plural(years, "year")] if years else []
    if rest:
        parts.append(_plural(rest, "month"))
    return " ".join(parts)


def interval_label(
    entry: TimelineEntry, show_date: Callable[[dt.date], str] = dt.date.isoformat
) -> str:
    """The entry's gap in words, true to what it is (empty before the first exam).

    An exam: ``7 months since the previous exam`` (``2 weeks``, ``9 days`` under two months).
    A procedure or pathology result: ``5 days after`` / ``3 weeks after`` / ``2 months after``
    ``the exam of <date>`` (the latest exam before it; ``show_date`` writes that date).
    """
    if entry.previous_exam_date is None:
        return ""
    days = (entry.date - entry.previous_exam_date).days
    if entry.is_exam:
        if days < 1:
            return "the same day as the previous exam"
        return f"{_gap_words(days)} since the previous exam"
    # >= 1 day: a procedure or pathology result of an exam's day joins that exam
    return f"{_gap_words(days)} after the exam of {show_date(entry.previous_exam_date)}"


def _gap_words(days: int) -> str:
    """``5 days``, ``3 weeks`` (under two months), else months and years."""
    if days < 14:
        return _plural(days, "day")
    if days < 61:
        return _plural(round(days / 7), "week")
    return interval_words(days / DAYS_PER_MONTH)
