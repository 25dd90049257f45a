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
    # Small words the shared engine needs; each is a pattern fragment in this language.
    abbreviations: frozenset[str]
    """Words that end with a full stop without ending the sentence ("re." "ca." "approx.")."""
    breast_words: str
    """What may follow a side word or label ("breast", "Mamma")."""
    side_letters_right: str
    side_letters_left: str
    """Short side marks read only inside a category list ("BI-RADS: R 2 / L 1")."""
    side_articles: str
    """Words between a comma and a side word ("in the" in "2, in the left breast")."""
    value_links: str
    """Words between a category name and its value ("is", "of")."""
    range_words: str
    """Words joining two values into a range ("BI-RADS 2 to 3")."""
    list_words: str
    """Words joining items of a list ("and")."""
    category_labels: str
    """Words naming a scale position ("category", "type", "grade", "class")."""
    generic_plurals: str
    """Nouns after a value that make it a statement about a category ("BI-RADS 4 lesions")."""
    unit_words: str
    """Units after a number that make it a measure or a clock position ("o'clock")."""
    modality_words: str
    """Words before a value that give it to one modality ("mammographic", "ultrasound")."""
    final_words: str
    """Words before a value that make it the final or combined assessment."""
    overall_words: str
    """Words meaning the exam as a whole, no side ("overall", "summary")."""
    negated_after: str
    """Words after a value that negate it ("not", "excluded")."""
    condition_after: str
    """Words after a value that make it a condition ("would", "if")."""
    not_assessment_before: str
    """Words before "category n" that name another score ("risk")."""
    other_scales: str
    """This language's names of scoring systems that are not BI-RADS ("synoptic score")."""
    addendum_sections: str
    """Section labels of an addendum, which supersedes the report it amends."""
    legend_sections: str
    """Section labels of a legend explaining the categories (never a result)."""
    acr_number_is_category: bool
    """True where "ACR 3" names the assessment category unless density words precede it."""
    descriptor_other_nouns: str
    """Nouns that end a descriptor's reach ("cyst", "lymph node")."""
    descriptor_absent_after: str
    """Words after a descriptor that deny it ("not seen", "not recommended")."""
    descriptor_condition_after: str
    """Words after a descriptor that make it a condition ("if")."""
    after_event: str
    """Words before a recommendation that tie it to a past event ("after", "since")."""
    revision_cues: str = r"(?!x)x"
    """Words right before a value that give a revised category ("revised to", "korrigiert
    auf"): current in an addendum, and elsewhere unless a year or date stands before them
    ("The 2023 study was revised to BI-RADS 3" is the past)."""
    breast_context: str = r"breasts?|mammo\w*"
    """Words that make a document a breast imaging report ("breast", "mammogram")."""
    type_words: str = "type|typ"
    """Words between "ACR" and a density ("ACR type B", "ACR tipo C")."""
    script: str = "latin"
    """The alphabet the language is written in ("latin", "cyrillic")."""
    detect_letters: str = ""
    """Letters of this language's alphabet that English lacks ("ł", "ã"): a word holding one
    counts towards the languages that have it, the rarer the letter the more."""
    one_side_words: str = r"(?!x)x"
    """Words naming a one-breast exam ("unilateral"): its one breast's density is the exam's."""
    pathology_titles: str = r"(?!x)x"
    """Titles of a pathology report ("Surgical pathology report"): a pathologist gives no BI-RADS
    category or density; one written in it is the request's ("Clinical details: BI-RADS 4A")."""
    from_words: str = r"(?!x)x"
    """The word before the old value of a revision ("from" of "from BI-RADS 0 to BI-RADS 2")."""
    to_words: str = r"(?!x)x"
    """The word before the new value of a revision ("to", "auf", "naar")."""
    original_sections: str = r"(?!x)x"
    """Headings of the original report quoted after its addendum ("ORIGINAL REPORT",
    "--- ursprünglicher Befund ---"): the addendum ends there, and what follows is what it
    amended."""
    superseded_words: str = r"(?!x)x"
    """Words saying the report's assessment no longer stands, in an addendum or on the heading
    of the original it amends ("withdrawn", "in error", "Corrección de lateralidad",
    "Original report (superseded)"): none of the original's categories stand."""
    known_words: str = r"(?!x)x"
    """Words calling a cancer known ("known carcinoma"): beside a BI-RADS 6 they are the
    category's own meaning, not a sign that the value is a past exam's."""
    exam_words: str = r"(?!x)x"
    """Names of an exam, short or long ("Mx", "MMG", "mammogram", "Untersuchung"): "bilateral"
    right after one says which exam was made ("Mx bilat 10/06/25: BI-RADS 2"), not that a
    value is both breasts'."""
    request_titles: str = r"(?!x)x"
    """Titles of a request or referral for an exam or a visit ("Referral to breast surgery
    clinic", "Überweisung zur Mammographie"), of a tumour board's minutes or of a discharge
    letter ("Interdisziplinäre Tumorkonferenz", "Réunion de concertation pluridisciplinaire"):
    the results it quotes are exams made before it, and none is this document's own."""
    since_words: str = r"(?!x)x"
    """Words tying this exam's value to an older date ("stable since 2019", "unchanged from
    2023"): a date after them does not make the value the past's."""
    removed_breast_words: str = r"(?!x)x"
    """Words for a breast taken away ("mastectomy"): beside the other side's name they make the
    report a one-breast exam ("Z. n. Mastektomie links"), whose one breast's density is the exam's."""
    choice_words: str = r"(?!x)x"
    """Words offering a choice between values ("or"): "no BI-RADS 4 or 5 features" denies both."""
    own_exam_words: str = r"(?!x)x"
    """Words naming this exam as the patient's ("your mammogram", "Pani mammografii", "o
    exame"): a date or a past tense after them in the sentence tells when this exam was made
    ("the result of your mammogram of 14.06.2024 is normal"), not that a value is the past's."""
    past_tense: str = r"(?!x)x"
    """The past-tense history cues ("was", "foi classificado", "werd") that a sentence about
    this exam uses too (see ``own_exam_words``)."""
    outside_words: str = r"(?!x)x"
    """Words naming a report made elsewhere ("outside", "Fremdbefund", "compte rendu
    extérieur", "second opinion"): values in quotation marks after them are that report's."""
    referral_words: str = r"(?!x)x"
    """What a referring doctor writes to refer the patient ("I would be grateful if you could
    see", "Graag verwijs ik", "Encaminho a utente"): the letter's results are exams made
    before it, not this document's own."""
    own_words: str = r"(?!x)x"
    """Words saying a value is the writer's own reading in a review of images read elsewhere
    ("our assessment", "notre avis", "nach unserer Einschätzung", "Conclusion de la
    relecture"): values before the first of them that differ are the outside reading's."""
    mri_tissue: str = r"\bFGT\b|\bBPE\b"
    """MRI words for the amount of fibroglandular tissue and background enhancement ("amount
    of fibroglandular tissue", "BPE"): a report holding them gives no density."""


def _registry() -> dict[str, Language]:
    from mammolog.reports.lang import de, en, es, fr, it, nl, pl, pt, ru

    return {m.LANGUAGE.code: m.LANGUAGE for m in (en, de, fr, es, it, pt, nl, pl, ru)}


LANGUAGES: dict[str, Language] = _registry()
"""Every supported language by code."""

_WORD = re.compile(r"(?<!\w)[^\W\d_]{2,}(?!\w)", re.UNICODE)


def get_language(code: str) -> Language:
    """The language with this code; raises KeyError naming the supported codes."""
    try:
        return LANGUAGES[code.lower()]
    except KeyError:
        raise KeyError(f"unsupported report language {code!r} (have {sorted(LANGUAGES)})") from None


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> str:
    """Guess the language of a report from its common words; English when unsure.

    A text with 30% or more Cyrillic letters is read as Russian even when none of its words
    is a common one (a short lung CT report, or "Справа: BI-RADS 4А. Слева: BI-RADS 1.").
    """
    words = [w.lower() for w in _WORD.findall(text)]
    cyrillic = len(_CYRILLIC.findall(text))
    script = "cyrillic" if cyrillic * 10 >= len(_LETTER.findall(text)) * 3 else "latin"
    sharing: dict[str, int] = {}
    for lang in LANGUAGES.values():
        for letter in set(lang.detect_letters):
            sharing[letter] = sharing.get(letter, 0) + 1
    scores: dict[str, float] = {
        code: sum(1 for w in words if w in lang.detect_words)
        + sum(
            max((1 / sharing[ch] for ch in set(w) if ch in lang.detect_letters), default=0)
            for w in words
        )
        for code, lang in LANGUAGES.items()
        if lang.script == script
    }
    if script != "latin":
        return max(sorted(scores), key=lambda code: scores[code])
    best = max(scores.values(), default=0)
    if best == 0 or scores.get("en", 0) == best:
        return "en"
    return min(code for code, score in scores.items() if score == best)
