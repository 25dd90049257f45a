"""A report language compiled: every pattern of its words built once (see lang/).

``compile_language`` turns a :class:`~mammolog.reports.lang.Language` (words as pattern
fragments) into :class:`Compiled`, the regular expressions and word tables the shared engine
reads reports with; :mod:`mammolog.reports.segment` re-exports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mammolog.reports.lang import Language, WordTable
from mammolog.reports.wording import Words, compile_words

_FLAGS = re.IGNORECASE | re.UNICODE
_CLAUSE_PUNCT = r"[,;:()\[\]]|[ \t][–-][ \t]"  # a spaced dash parts clauses too


@dataclass(frozen=True)
class Table:
    """A compiled word table: (pattern, slug) in order of preference."""

    entries: tuple[tuple[re.Pattern[str], str], ...]

    def matches(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, slug) matches; earlier table rows win overlaps."""
        taken: list[tuple[int, int, str]] = []
        for pattern, slug in self.entries:
            for m in pattern.finditer(text):
                if m.end() > m.start() and not any(
                    m.start() < e and s < m.end() for s, e, _ in taken
                ):
                    taken.append((m.start(), m.end(), slug))
        return sorted(taken)


@dataclass(frozen=True)
class Compiled:
    """A language with every pattern compiled once."""

    language: Language
    side: re.Pattern[str]
    side_label: re.Pattern[str]
    history_sections: re.Pattern[str]
    current_sections: re.Pattern[str]
    recommendation_sections: re.Pattern[str]
    procedure_sections: re.Pattern[str]
    pathology_sections: re.Pattern[str]
    addendum_sections: re.Pattern[str]
    legend_sections: re.Pattern[str]
    original_sections: re.Pattern[str]
    superseded: re.Pattern[str]
    own_reading: re.Pattern[str]  # "our assessment", "notre avis": a review's own value
    outside: re.Pattern[str]  # "outside", "Fremdbefund": a report quoted from elsewhere
    referral: re.Pattern[str]  # "I would be grateful if you could see": a referral letter
    own_exam: re.Pattern[str]  # "your mammogram": a date or a past tense after it is this exam's
    past_tense: re.Pattern[str]
    item_at_end: re.Pattern[str]  # a side item ("BI-RADS 0 links, ") or side word ending a text
    assessment_labels: re.Pattern[str]
    anchor: re.Pattern[str]
    negation: re.Pattern[str]
    history: re.Pattern[str]
    known: re.Pattern[str]  # "known carcinoma": no past beside a BI-RADS 6
    current: re.Pattern[str]
    revision: re.Pattern[str]
    past_after: re.Pattern[str]
    hypothetical: re.Pattern[str]
    clause_break: re.Pattern[str]
    density_context: re.Pattern[str]
    calcification: re.Pattern[str]
    mass: re.Pattern[str]
    recommendation_context: re.Pattern[str]
    performed: re.Pattern[str]
    pathology_context: re.Pattern[str]
    category_words: Table
    density_words: Table
    morphology: Table
    distribution: Table
    mass_shape: Table
    mass_margin: Table
    recommendations: Table
    procedures: Table
    pathology: Table
    words: Words


def _table(rows: WordTable) -> Table:
    return Table(tuple((re.compile(rf"(?<!\w)(?:{p})(?!\w)", _FLAGS), s) for p, s in rows))


def _full(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{pattern})$", _FLAGS)


def _prefix(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{pattern})(?!\w)", _FLAGS)


@lru_cache(maxsize=16)
def compile_language(language: Language) -> Compiled:
    """Compile every pattern of a language (cached)."""
    lang = language
    # "BI-RADS 2 right and left", "rechts und links": one value for both breasts
    link = rf"[ \t]+(?:{lang.list_words}|e)[ \t]+(?:(?:a|à|ad)[ \t]+)?"
    pair = rf"(?:{lang.right}){link}(?:{lang.left})|(?:{lang.left}){link}(?:{lang.right})"
    side = rf"(?P<B>{pair}|{lang.both})|(?P<R>{lang.right})|(?P<L>{lang.left})"
    plain_side = rf"(?<!\w)(?:{pair}|{lang.both}|{lang.right}|{lang.left})(?!\w)"
    anchor = rf"(?<!\w)(?:{lang.category_anchor})"
    return Compiled(
        language=lang,
        side=re.compile(rf"(?<!\w)(?:{side})(?!\w)", _FLAGS),
        side_label=_full(rf"(?:{side})(?:\s+(?:{lang.breast_words}))?"),
        history_sections=_full(lang.history_sections),
        current_sections=_full(lang.current_sections),
        recommendation_sections=_full(lang.recommendation_sections),
        procedure_sections=_full(lang.procedure_sections),
        pathology_sections=_full(lang.pathology_sections),
        addendum_sections=_prefix(lang.addendum_sections),
        legend_sections=_prefix(lang.legend_sections),
        original_sections=_prefix(lang.original_sections),
        superseded=re.compile(rf"(?<!\w)(?:{lang.superseded_words})(?!\w)", re.I),
        own_reading=re.compile(rf"(?<!\w)(?:{lang.own_words})(?!\w)", _FLAGS),
        outside=re.compile(rf"(?<!\w)(?:{lang.outside_words})(?!\w)", _FLAGS),
        referral=re.compile(rf"(?<!\w)(?:{lang.referral_words})(?!\w)", _FLAGS),
        own_exam=re.compile(rf"(?<!\w)(?:{lang.own_exam_words})(?!\w)", _FLAGS),
        past_tense=re.compile(rf"(?:{lang.past_tense})", _FLAGS),
        item_at_end=re.compile(
            rf"(?:(?:{anchor})\W{{0,5}}[0-6][abcABC]?[ \t]*(?:\([^()\n]*\)[ \t]*)?"
            rf"(?:(?:{plain_side})[ \t]*)?[,;/]?[ \t]*|(?:{plain_side})[ \t]*[:\-–]?[ \t]*)$",
            _FLAGS,
        ),
        assessment_labels=re.compile(rf"(?:{lang.assessment_labels})", _FLAGS),
        anchor=re.compile(rf"(?<!\w)(?:{lang.category_anchor})", _FLAGS),
        negation=re.compile(lang.negation, _FLAGS),
        history=re.compile(lang.history_cues, _FLAGS),
        known=re.compile(rf"(?:{lang.known_words})", _FLAGS),
        current=re.compile(lang.current_cues, _FLAGS),
        revision=re.compile(lang.revision_cues, _FLAGS),
        past_after=re.compile(lang.past_after, _FLAGS),
        hypothetical=re.compile(lang.hypothetical, _FLAGS),
        clause_break=re.compile(rf"{_CLAUSE_PUNCT}|{lang.clause_breaks}", _FLAGS),
        density_context=re.compile(lang.density_context, _FLAGS),
        calcification=re.compile(lang.calcification_context, _FLAGS),
        mass=re.compile(lang.mass_context, _FLAGS),
        recommendation_context=re.compile(lang.recommendation_context, _FLAGS),
        performed=re.compile(lang.performed_context, _FLAGS),
        pathology_context=re.compile(lang.pathology_context, _FLAGS),
        category_words=_table(lang.category_words),
        density_words=_table(lang.density_words),
        morphology=_table(lang.morphology_words),
        distribution=_table(lang.distribution_words),
        mass_shape=_table(lang.mass_shape_words),
        mass_margin=_table(lang.mass_margin_words),
        recommendations=_table(lang.recommendation_words),
        procedures=_table(lang.procedure_words),
        pathology=_table(lang.pathology_words),
        words=compile_words(lang),
    )
