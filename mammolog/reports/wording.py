"""The small words the shared engine needs, per language, compiled once.

Every word here comes from the language module (``reports/lang/<code>.py``); the only words
of the engine's own are names that are the same in every language: "BI-RADS", "ACR", and the
names of other scoring systems (:data:`OTHER_SCALES`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mammolog.reports.lang import Language

_FLAGS = re.IGNORECASE | re.UNICODE


@dataclass(frozen=True)
class Words:
    """The engine's small-word patterns of one language, compiled (see ``Language``)."""

    gap: re.Pattern[str]
    range: re.Pattern[str]
    item_sep: re.Pattern[str]
    side_gap: re.Pattern[str]
    compact_side: re.Pattern[str]
    generic_after: re.Pattern[str]
    unit_after: re.Pattern[str]
    marker: re.Pattern[str]
    modality_before: re.Pattern[str]
    final_before: re.Pattern[str]
    modality: re.Pattern[str]
    final_start: re.Pattern[str]
    overall: re.Pattern[str]
    negated_after: re.Pattern[str]
    not_assessment_before: re.Pattern[str]
    condition_after: re.Pattern[str]
    other_scale: re.Pattern[str]
    letter_marker: re.Pattern[str]
    trailing_side: re.Pattern[str]
    after_value: re.Pattern[str]
    closes_side: re.Pattern[str]
    modality_label: re.Pattern[str]
    acr: re.Pattern[str]
    value_anchor: re.Pattern[str]
    word_prefix: re.Pattern[str]
    word_end: re.Pattern[str]
    density_value: re.Pattern[str]
    side_pair: re.Pattern[str]
    letter_after: re.Pattern[str]
    bracket_letter: re.Pattern[str]
    listed_value: re.Pattern[str]
    line_letter: re.Pattern[str]
    letter_before: re.Pattern[str]
    revised_from: re.Pattern[str]
    revised_to: re.Pattern[str]
    next_belongs: re.Pattern[str]
    other_nouns: re.Pattern[str]
    absent_after: re.Pattern[str]
    descriptor_condition_after: re.Pattern[str]
    after_event: re.Pattern[str]
    pathology_title: re.Pattern[str]
    request_title: re.Pattern[str]
    exam_before: re.Pattern[str]  # an exam's name right before a side word ("Mx bilat")
    removed_breast: re.Pattern[str]
    density_key_item: re.Pattern[str]
    since: re.Pattern[str]


OTHER_SCALES = (
    r"(?:lung|ti|tr|pi|o|li|c|ni|bt|gb|cad|node|mri?|us|ct)[\s-]?rads|\babss\b|\brcr\b"
    r"|\btabár\b|\btabar\b|\bbethesda\b|\bgleason\b|\bfleischner\b|\bbosniak\b"
    r"|\b[MU][1-5]\b|\bR[1-5]\b|\bP[1-5]\b|\bB[1-5][ab]?\b|\bC[1-5]\b|\bE[1-5]\b"
)
"""Scoring systems that are not BI-RADS, by names that are the same in every language: a
value beside one of them is never a BI-RADS category (UK M/U/R scores, B/C pathology codes,
ABSS, Lung-, TI-, PI-, O-, LI-RADS...)."""


def compile_words(lang: Language) -> Words:
    """Compile the small-word patterns of one language."""
    right = rf"{lang.side_letters_right}|{lang.right}"
    left = rf"{lang.side_letters_left}|{lang.left}"
    assessment = lang.assessment_labels
    sides = rf"{lang.right}|{lang.left}|{lang.both}"
    side_phrase = (
        rf"(?:\s+(?:{lang.side_articles}))?\s+(?:{sides})(?:[ \t]+(?:{lang.breast_words}))?"
    )
    labels = lang.category_labels
    # "BI-RADS global: 4", "BI-RADS overall 4A": words for the whole exam may stand between
    gap = (
        rf"(?:[ \t]*(?:[:=#\-–(]|\b(?:{lang.value_links})\b|(?:{lang.overall_words}))[ \t]*)*"
        r"[ \t]*"
    )
    return Words(
        gap=re.compile(gap, _FLAGS),
        # "BI-RADS 3-4", "ACR 2 to 3"; not "BI-RADS 3 - 6-month follow-up"
        range=re.compile(
            rf"[ \t]*(?:-|–|/|\||\b(?:{lang.range_words})\b)[ \t]*[0-6](?:[abcABC])?"
            rf"(?![\w]|-[^\W\d_])",
            _FLAGS,
        ),
        item_sep=re.compile(rf"[ \t]*(?:,|;|/|\||\b(?:{lang.list_words})\b)?[ \t]*", _FLAGS),
        side_gap=re.compile(
            rf"[ \t]*(?:(?:{lang.breast_words})\b)?[ \t]*[:=\-–]?[ \t]*(?:bi-?rads[ \t]*)?", _FLAGS
        ),
        compact_side=re.compile(
            rf"(?<!\w)(?:(?P<R>{lang.side_letters_right})|(?P<L>{lang.side_letters_left}))\.?"
            r"(?=[ \t]*[:=\-]?[ \t]*[0-6](?!\d|[.,]\d))[ \t]*[:=\-]?[ \t]*",  # "D-2 / I-1"
            _FLAGS,
        ),
        generic_after=re.compile(rf"[ \t]*(?:{lang.generic_plurals})\b", _FLAGS),
        unit_after=re.compile(rf"[ \t]*(?:(?:{lang.unit_words})(?!\w)|%|x\b|h\b)", _FLAGS),
        marker=re.compile(rf"[:=]|\b(?:{labels}|acr|bi-?rads)\b", _FLAGS),
        # "Mammographisch BI-RADS 0", "Mammographic assessment: BI-RADS 0"
        modality_before=re.compile(
            rf"(?:(?:{lang.modality_words})\w*(?:[ \t]+(?:{lang.assessment_labels}))?"
            rf"|(?:{lang.assessment_labels}|{lang.final_words})[ \t]+(?:{lang.modality_words})\w*)"
            r"[ \t]*:?[ \t]*$",
            _FLAGS,
        ),
        final_before=re.compile(rf"(?:{lang.final_words})[ \t]*:?[ \t]*$", _FLAGS),
        modality=re.compile(rf"(?<!\w)(?:{lang.modality_words})", _FLAGS),
        final_start=re.compile(rf"(?:{lang.final_words})", _FLAGS),
        overall=re.compile(lang.overall_words, _FLAGS),
        negated_after=re.compile(rf"[^,;:.()\-–]{{0,30}}?\b(?:{lang.negated_after})(?!\w)", _FLAGS),
        not_assessment_before=re.compile(
            rf"(?:{lang.not_assessment_before}|tyrer|gail|cpt|icd)\w*[ \t]*(?:-[ \t]*)?$", _FLAGS
        ),
        condition_after=re.compile(rf"[^,;:.]{{0,25}}?\b(?:{lang.condition_after})(?!\w)", _FLAGS),
        other_scale=re.compile(rf"{OTHER_SCALES}|(?<!\w)(?:{lang.other_scales})(?!\w)", _FLAGS),
        letter_marker=re.compile(
            rf"(?:\b(?:acr|bi-?rads|{labels})|{lang.density_context})[\s:\-–]*$", _FLAGS
        ),
        # "Categoria 2 do BI-RADS bilateralmente": the scale's name may come before the side
        after_value=re.compile(
            rf"\s*\(?\s*(?:(?:[^\W\d_]{{1,5}}\s+)?bi-?rads\s+(?=[^\W\d_]))?"
            rf"(?:(?:{lang.side_articles})\s+)?",
            _FLAGS,
        ),
        closes_side=re.compile(
            rf"(?:[ \t]+(?:{lang.breast_words}))?[ \t]*\)?[ \t]*[.;]?[ \t]*", _FLAGS
        ),
        modality_label=re.compile(rf"(?:(?:{lang.modality_words})\w*)(?:[ \t]+\w+){{0,2}}", _FLAGS),
        acr=re.compile(
            rf"(?<!\w)ACR(?:[ \t\-–:]*(?P<typ>{lang.type_words})(?!\w))?[ \t\-–:]*"
            r"(?:(?P<letter>[A-Da-d])(?![\w])|(?P<n>[0-6])(?:[ \t]?(?P<sub>[abcABC])"
            r"(?![^\W\d_]))?(?![\w]|[.,]\d)"
            rf"|(?:{lang.category_labels})[ \t:]*(?P<labelled>[A-Da-d])(?![\w]))",
            _FLAGS,
        ),
        word_prefix=re.compile(
            rf"^[\s\-•*\d.)]*(?:(?:{assessment})[ \t]*[:\-–]?[ \t]*)?"
            rf"(?:(?:{sides})(?:[ \t]+(?:{lang.breast_words}))?[ \t]*[:\-–]?[ \t]*)?"
            rf"(?:(?:{assessment})[ \t]*[:\-–]?[ \t]*)?$",
            _FLAGS,
        ),
        word_end=re.compile(
            rf"(?:\s+(?:{lang.word_trailers}))*(?:{side_phrase})?[ \t]*(?:$|[.;:,)(\n]|[-–][ \t]"
            rf"|bi-?rads\b|(?:{labels})\b)",
            _FLAGS,
        ),
        density_value=re.compile(
            # "predomínio de\ntecido adiposo\n(tipo A)": a bracket may open the next line
            rf"(?:{lang.density_context})(?P<gap>(?:[ \t]*\r?\n(?=[ \t]*\())?[ \t]*(?:(?:[:=()\-–]|\b(?:"
            rf"{lang.value_links}|{labels}|acr|bi-?rads)\b)[ \t]*)*"
            r"|[ \t]+[^\W\d_]+(?:[ \t]+[^\W\d_]+)?[ \t]*\((?=[A-Da-d]\)))"
            r"(?P<d>[A-Da-d1-4])(?![\w])",
            _FLAGS,
        ),
        value_anchor=re.compile(
            rf"(?<!\w)(?:{lang.category_anchor})|(?<!\w)ACR(?:[ \t\-–]*(?:{lang.type_words}))?",
            _FLAGS,
        ),
        side_pair=re.compile(
            rf"[ \t]*\(?[ \t]*(?:(?P<rl>{right})[ \t]*/[ \t]*(?:{left})|(?P<lr>{left})[ \t]*/"
            rf"[ \t]*(?:{right}))[ \t]*\)?[ \t]*[:=]?[ \t]*",
            _FLAGS,
        ),
        letter_after=re.compile(
            rf"[ \t]+(?:(?P<R>{lang.side_letters_right})|(?P<L>{lang.side_letters_left}))\.?"
            r"(?=[ \t]*(?:[,;)/|(]|\.(?!\w)|$))",  # "ACR2 D (kyste) / ACR1 G"
            _FLAGS,
        ),
        # "... classée ACR 4 ou ACR 5", "BI-RADS 3, 4 ou 5": a value continuing a list of values
        listed_value=re.compile(
            rf"(?:bi-?rads|acr)?[ \t\-]*[0-6][abcABC]?[ \t]*-?\s*(?:,|/|\b(?:{lang.list_words}"
            rf"|{lang.choice_words})\b)\s*(?:(?:bi-?rads|acr)[ \t\-]*)?$",
            _FLAGS,
        ),
        bracket_letter=re.compile(
            rf"[ \t]*\([ \t]*(?:(?P<R>{lang.side_letters_right})|(?P<L>{lang.side_letters_left}))"
            r"\.?[ \t]*\)",
            _FLAGS,
        ),
        # "R - BI-RADS 4A", "P – BI-RADS 1", and after a label "Ass: R BI-RADS III"
        line_letter=re.compile(
            rf"[ \t]*(?:[-•*][ \t]+)?(?P<label>[^\W\d_]{{2,20}}\.?[ \t]*:[ \t]*)?"
            rf"(?:(?P<R>{lang.side_letters_right})|(?P<L>{lang.side_letters_left}))"
            r"\.?(?:[ \t]*[-–:=][ \t]*|(?(label)[ \t]+|(?!)))",
            _FLAGS,
        ),
        # "SD ACR 4 / SG ACR 1": a side letter right before a value's anchor, after a separator
        letter_before=re.compile(
            rf"(?:^|[/,;|:])[ \t]*(?:(?P<R>{lang.side_letters_right})|(?P<L>{lang.side_letters_left}))"
            r"\.?[ \t]*[-–:=]?[ \t]*$",
            _FLAGS,
        ),
        # "von BI-RADS 0 auf BI-RADS 1", "from BI-RADS 0 to BI-RADS 2": the first is the old one
        revised_from=re.compile(rf"(?<!\w)(?:{lang.from_words})[ \t]*$", _FLAGS),
        revised_to=re.compile(
            rf"[ \t]*(?:{lang.to_words})[ \t]+(?:(?:bi-?rads|acr|{labels})[ \t:]*)?[0-6]", _FLAGS
        ),
        trailing_side=re.compile(rf"[,;][ \t]*(?:(?:{lang.side_articles})[ \t]+)?", _FLAGS),
        next_belongs=re.compile(rf"[ \t]*(?:[:=]|bi-?rads|\b(?:{labels})\b|\d)", _FLAGS),
        other_nouns=re.compile(rf"{lang.descriptor_other_nouns}|[;.]", _FLAGS),
        absent_after=re.compile(
            rf"^[^.;]{{0,40}}?\b(?:{lang.descriptor_absent_after})(?!\w)", _FLAGS
        ),
        descriptor_condition_after=re.compile(
            rf"^[^,;.]{{0,20}}?\b(?:{lang.descriptor_condition_after})(?!\w)", _FLAGS
        ),
        after_event=re.compile(rf"(?<!\w)(?:{lang.after_event})(?!\w)[^,;]*$", _FLAGS),
        # "SERVICIO DE ANATOMÍA PATOLÓGICA" at the start of one of a document's first lines
        pathology_title=re.compile(rf"[ \t*#=|-]*(?:{lang.pathology_titles})\b", _FLAGS),
        # "REFERRAL TO BREAST SURGERY CLINIC", "НАПРАВЛЕНИЕ на консультацию" opening a document
        request_title=re.compile(rf"[ \t*#=|-]*(?:{lang.request_titles})", _FLAGS),
        exam_before=re.compile(rf"(?<!\w)(?:{lang.exam_words})[ \t.]+$", _FLAGS),
        removed_breast=re.compile(rf"(?:{lang.removed_breast_words})", _FLAGS),
        # "type A graisseux", "tipo B", "ACR C": one entry of a density key
        # "type B", "ACR c", and a bare letter opening an item: "Densidad: A grasa · B ..."
        density_key_item=re.compile(
            rf"(?<![^\W\d_])(?:{lang.type_words}|acr)[ \t]*([A-Da-d])(?![^\W\d_])"
            r"|(?:^|(?<=[·;|•:]))[ \t]*([A-Da-d])(?=[ \t]+[^\W\d_])",
            _FLAGS | re.M,
        ),
        since=re.compile(rf"(?<!\w)(?:{lang.since_words})(?!\w)", _FLAGS),
    )
