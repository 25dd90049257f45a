"""Report languages: each language is data (patterns and word lists); the engine is shared.

To add a language, write a module beside ``en.py`` that builds one :class:`Language` and add
it to :data:`LANGUAGES`. Patterns are regular-expression fragments matched case-insensitively;
word tables map a phrase pattern to a slug of :mod:`mammolog.domain.lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WordTable = tuple[tuple[str, str], ...]
"""(phrase pattern, slug) pairs, tried in order: put longer phrases first."""


@dataclass(frozen=True)
class Language:
    """The words one report language uses; see ``en.py`` for the meaning of each field."""

    code: str
    name: str
    detect_words: frozenset[str]
    right: str
    left: str
    both: str
    history_sections: str
    current_sections: str
    assessment_labels: str
    category_anchor: str
    category_words: WordTable
    word_trailers: str
    negation: str
    history_cues: str
    current_cues: str
    past_after: str
    hypothetical: str
    clause_breaks: str
    density_context: str
    density_words: WordTable
    calcification_context: str
    morphology_words: WordTable
    distribution_words: WordTable
    mass_context: str
    mass_shape_words: WordTable
    mass_margin_words: WordTable
    recommendation_context: str
    recommendation_sections: str
    recommendation_words: WordTable
    performed_context: str
    procedure_sections: str
    procedure_words: WordTable
    pathology_context: str
    pathology_sections: str
    pathology_words: WordTable


def _registry() -> dict[str, Language]:
    from mammolog.reports.lang import de, en

    return {en.LANGUAGE.code: en.LANGUAGE, de.LANGUAGE.code: de.LANGUAGE}


LANGUAGES: dict[str, Language] = _registry()
"""Every supported language by code."""

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def get_language(code: str) -> Language:
    """The language with this code; raises KeyError naming the supported codes."""
    try:
        return LANGUAGES[code.lower()]
    except KeyError:
        raise KeyError(f"unsupported report language {code!r} (have {sorted(LANGUAGES)})") from None


def detect_language(text: str) -> str:
    """Guess the language of a report from its common words; English when unsure."""
    words = [w.lower() for w in _WORD.findall(text)]
    scores = {
        code: sum(1 for w in words if w in lang.detect_words) for code, lang in LANGUAGES.items()
    }
    best = max(scores.values(), default=0)
    if best == 0 or scores.get("en", 0) == best:
        return "en"
    return min(code for code, score in scores.items() if score == best)
