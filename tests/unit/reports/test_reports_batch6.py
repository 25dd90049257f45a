"""Regression cases from the sixth to eighth development batches (`*b6_*`, `*b7_*`, `*b8_*`):
exam-level versus per-breast values, density wordings, and real clinical layouts.

Each case is a short text in the shape that was read wrongly (or not at all) and exactly the
(field, side, value) triples a careful reader takes from it.
"""

from __future__ import annotations

import pytest

from mammolog.reports import extract_from_text

Triple = tuple[str, str | None, str]

CASES: list[tuple[str, str, set[Triple]]] = [
    # ptb6_12: dot leaders neither end a sentence nor part a side from its value; a header-less
    # table of one named value per side; "BI-RADS global: 4" is the exam's stated value.
    (
        "pt",
        "CONCLUSÃO\nBI-RADS global: 4\n   mama direita ......... BI-RADS 4\n"
        "   mama esquerda ........ BI-RADS 2\n",
        {("category", None, "4"), ("category", "R", "4"), ("category", "L", "2")},
    ),
    ("en", "Impression: BI-RADS overall: 4A.", {("category", None, "4A")}),
    # itb6_06: items under a side heading keep its side; "destra complessivamente" is the
    # breast's own overall value; a breast's lesion values give it the most worrying one when
    # the report restates it.
    (
        "it",
        "Mammella destra:\n- QSE, ore 10: formazione irregolare (BI-RADS 4C);\n"
        "- QII, ore 7: nodulo ovale circoscritto 5 mm (BI-RADS 3).\n"
        "Mammella destra complessivamente: BI-RADS 4C.\nMammella sinistra: BI-RADS 1.\n",
        {("category", "R", "4C"), ("category", "L", "1")},
    ),
    (
        "en",
        "IMPRESSION:\n Right breast, 11:00 mass: BI-RADS 4C.\n Right breast, 8:00 cyst: BI-RADS 2.\n"
        " Right breast assessment: BI-RADS 4C.\n Left breast: BI-RADS 1.\n"
        " Overall: BI-RADS 4C - Suspicious.\n",
        {("category", "R", "4C"), ("category", "L", "1"), ("category", None, "4C")},
    ),
    # Two lesion values for one breast that the report never restates: nothing is chosen.
    (
        "en",
        "Right breast, 11:00 mass: BI-RADS 4C.\nRight breast, 8:00 cyst: BI-RADS 2.\n",
        set(),
    ),
    # plb6_11: OCR splits "4" and "C" over two lines before a dash.
    (
        "pl",
        "Wniosek:\nPierś lewa - BI-RA DS 4\nC - wskazana biopsja.\nPierś prawa - BI-RADS l.\n",
        {("category", "L", "4C"), ("category", "R", "1")},
    ),
    # ptb6_02, enb6_20: the scale's name between a value and its side; side letters in brackets.
    ("pt", "Impressão: Categoria 2 do BI-RADS bilateralmente.", {("category", "B", "2")}),
    (
        "en",
        "BI-RADS: 1 (R) / 2 (L); overall 2.",
        {("category", "R", "1"), ("category", "L", "2")},
    ),
    # deb6_02, nlb6_02, frb6_02: a title carrying this exam's own date is no past exam.
    (
        "de",
        "Mammographie bds. vom 19.11.2026: beidseits BI-RADS 1, ACR C.",
        {("category", "B", "1"), ("density", None, "c")},
    ),
    (
        "nl",
        "Mammografie 18-11-2026: BI-RADS 2 beiderzijds. Dichtheid C.",
        {("category", "B", "2"), ("density", None, "c")},
    ),
    (
        "fr",
        "Mammographie de dépistage (DO) du 20/11/2026 : ACR 1 bilatéral.",
        {("category", "B", "1")},
    ),
    # ...but a dated sentence is a past report, and an older title date is a past exam.
    ("pt", "No laudo de 23/01/2026 constava BI-RADS 1.", set()),
    ("fr", "Date : 20/11/2026. Mammographie du 20/11/2025 : ACR 3.", set()),
    # plb6_10: a value with a question mark is a guess.
    ("pl", "Piersi o budowie tłuszczowo-gruczołowej, ACR d? – ocena orientacyjna w USG.", set()),
    ("en", "Impression: BI-RADS 3? Follow-up in six months.", set()),
    # deb6_03, enb6_09: per-modality values beside a final assessment given per breast.
    (
        "de",
        "Mammographie:\nMammographisch BI-RADS 0 links.\nSonographie:\nSonographisch BI-RADS 3.\n"
        "Zusammenfassende Beurteilung: links BI-RADS 3, rechts BI-RADS 1.\n",
        {("category", "L", "3"), ("category", "R", "1")},
    ),
    (
        "en",
        "MAMMOGRAM\nMammographic assessment: BI-RADS 0, additional evaluation.\n\nULTRASOUND\n"
        "Ultrasound assessment: BI-RADS 3.\n\nCOMBINED FINAL ASSESSMENT\n"
        "Left breast: BI-RADS 3 - probably benign.\nRight breast: BI-RADS 1 - negative.\n",
        {("category", "L", "3"), ("category", "R", "1")},
    ),
    # enb8_04: a final heading with an aside before its colon.
    (
        "en",
        "ULTRASOUND:\nSimple cyst.\nMammographic assessment: BI-RADS 0.\n"
        "OVERALL ASSESSMENT (combined mammogram and ultrasound):\nBI-RADS 3 - Probably benign.\n",
        {("category", None, "3")},
    ),
    # esb7_10: the atlas edition is no category.
    ("es", "Clasificación de la densidad mamaria (ACR BI-RADS 5ª ed.): a, b, c, d.", set()),
    # frb7_03, ptb8_10: a negation runs over a list of values joined by "or".
    ("fr", "Absence d'image pouvant être classée ACR 4 ou ACR 5.", set()),
    ("pt", "Impressão: Exame sem achados que justifiquem classificação BI-RADS 3,\n4 ou 5.", set()),
    # ptb3_05: a spaced dash ends a negation's clause.
    (
        "pt",
        "Conclusão: mamografia sem alterações suspeitas – classificação BI-RADS 1 em ambas as "
        "mamas.",
        {("category", "B", "1")},
    ),
    # itb7_05: a pipe table whose cell text wraps onto a line of its own.
    (
        "it",
        "| Lato              | Densità (ACR)    | BI-RADS     | Reperto               |\n"
        "| Mammella destra   | c                | 3           | nodulo ovalare 9 mm,  |\n"
        "|                   |                  |             | margini circoscritti  |\n"
        "| Mammella sinistra | c                | 1           | nessun reperto        |\n",
        {("category", "R", "3"), ("category", "L", "1"), ("density", None, "c")},
    ),
    # enb8_04: the density of a left breast exam is the exam's.
    (
        "en",
        "EXAM: LEFT DIAGNOSTIC MAMMOGRAM\nThe breast tissue of the left breast contains "
        "scattered areas of fibroglandular density.\nIMPRESSION: BI-RADS 2.\n",
        {("category", None, "2"), ("density", None, "b")},
    ),
    # enb10_80: "unilateral right" names the exam's one breast, though the other is named too.
    (
        "en",
        "MAMMOGRAM SCREENING UNILATERAL RIGHT (s/p LEFT MASTECTOMY)\nFindings: The right breast "
        "has scattered areas of fibroglandular density.\nBI-RADS 1: Negative.\n",
        {("category", None, "1"), ("density", None, "b")},
    ),
    # enb10_79: words in the sentence of a number that says the same give way to it.
    (
        "en",
        "OPINION:  Benign findings bilaterally - BI-RADS 2 bilateral.",
        {("category", "B", "2")},
    ),
    # plb9_06: a side right after a value and a dash is that value's, not the next one's.
    (
        "pl",
        "Wniosek: BI-RADS 3 – pierś prawa; BI-RADS 1 – pierś lewa.",
        {("category", "R", "3"), ("category", "L", "1")},
    ),
    # enb10_68: a table header "BIRADS" over a lesion number is no value.
    (
        "en",
        "Lesion   Location   Size   BIRADS\n1   10 o'clock   9 x 6 mm   3\n2   2 o'clock   8 mm   4A\n",
        set(),
    ),
    # enb11_26, enb11_29: "bilat." is both breasts; "4" and "B" split over lines before a bracket.
    ("en", "ASSESSMENT: BI-RADS 1 bilat.", {("category", "B", "1")}),
    (
        "en",
        "IMPRESSION\nLeft: BI-RADS\n6 (known malignancy)\nRight: BI-RADS 4\nB (7 mm mass)\n",
        {("category", "L", "6"), ("category", "R", "4B")},
    ),
    # deb12_01: assessment words and the number for both breasts after them are one value.
    (
        "de",
        "Beurteilung: Unauffälliger Befund. BI-RADS 1 beidseits.",
        {("category", "B", "1")},
    ),
    # rub12_08, rub12_10: "б/с" is both sides; the scale's letters listed are a legend.
    ("ru", "Закл.: BI-RADS 1 б/с.", {("category", "B", "1")}),
    ("ru", "Справка: плотность ACR: A, B, C, D.", set()),
    # esb12_06: a value dated before the report is the earlier study's.
    (
        "es",
        "Fecha: 06/08/2026\nLesión: nódulo de 13 mm (BI-RADS 4C en estudio del 28/07/2026).\n"
        "Recomendación: biopsia escisional. La lesión se mantiene como BI-RADS 4C.\n",
        {("category", None, "4C")},
    ),
    # deb12_04: a final label with an aside over per-breast lines supersedes one modality's.
    (
        "de",
        "Mammographisch BI-RADS 0 li.\n\nGESAMTBEURTEILUNG (Mammographie + Sonographie):\n"
        "rechts BI-RADS 1\nlinks BI-RADS 2 (einfache Zyste)\n",
        {("category", "R", "1"), ("category", "L", "2")},
    ),
    # enb10_74, itb6_08: a side in brackets or after the bracket closing a value is its own.
    (
        "en",
        "Assessment: BIRADS4b (L) ; BIRADS1 (R).",
        {("category", "L", "4B"), ("category", "R", "1")},
    ),
    (
        "it",
        "Conclusione: reperto benigno (BI-RADS 2) a destra; negativo (BI-RADS 1) a sinistra.",
        {("category", "R", "2"), ("category", "L", "1")},
    ),
    # esb6_06: a line naming the other breast ends the side of the line above.
    (
        "es",
        "Mama derecha: sin hallazgos.\nMama izquierda, CSE, 11 h, a 5 cm del pezón: nódulo "
        "irregular: BI-RADS 4B.\nCategoría final del estudio: BI-RADS 4B.\n",
        {("category", "L", "4B"), ("category", None, "4B")},
    ),
    # enb10_04: a history cue inside brackets reaches past the comma before the value.
    (
        "en",
        "INDICATION: High-risk screening.\nAlternating with mammography (last mammogram 04/2026, "
        "BI-RADS 1).\n\nIMPRESSION: BI-RADS 2: Benign.\n",
        {("category", None, "2")},
    ),
    # ptb7_02, deb6_07: partly fat-replaced breasts name no letter; another exam's density.
    (
        "pt",
        "Mamas parcialmente lipossubstituídas. Conclusão: BI-RADS 1.",
        {("category", None, "1")},
    ),
    (
        "de",
        "Mammasonographie beidseits\nÜberwiegend lipomatöser Drüsenkörper (ACR A in der "
        "Mammographie vom 10/2026).\n",
        set(),
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[c[1][:50] for c in CASES])
def test_batch6_case(language: str, text: str, expected: set[Triple]) -> None:
    result = extract_from_text(text, language=language)
    got = {
        (p.field, p.side, p.value) for p in result.proposals if p.field in ("category", "density")
    }
    assert got == expected
