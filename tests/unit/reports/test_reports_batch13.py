"""Regression cases from the development batches `*b13_*` to `*b24_*`, written blind to the
complete ground-truth convention: every wrong value they showed, cut down to its shape.

Each case is a short text in the shape that was read wrongly and exactly the (field, side,
value) triples a careful reader takes from it (an empty set: nothing may be proposed).
"""

from __future__ import annotations

import pytest

from mammolog.reports import extract_from_text

Triple = tuple[str, str | None, str]

CASES: list[tuple[str, str, set[Triple]]] = [
    # deb16_09, deb14_07: "unauffällig" (unremarkable) describes; it is no assessment.
    (
        "de",
        "Beurteilung: Beidseits unauffälliger Befund. Dichte: extrem dicht.",
        {("density", None, "d")},
    ),
    ("de", "Beurteilung: Negativer Befund beidseits.", {("category", "B", "1")}),
    # deb14_22, ptb15_05, esb16_05: the density of the one breast left after a mastectomy.
    (
        "de",
        "Mammographie rechts (Z. n. Mastektomie links 2018), 10.06.2025\n"
        "Rechte Mamma: Parenchymdichte ACR a.\nBeurteilung: Mamma rechts BI-RADS 2.",
        {("density", None, "a"), ("category", "R", "2")},
    ),
    (
        "es",
        "MAMOGRAFÍA\nMama derecha: patrón extremadamente denso. Mama izquierda: mastectomía.\n"
        "Sin hallazgos sospechosos en la mama derecha. BI-RADS 1.",
        {("density", None, "d"), ("category", None, "1")},
    ),
    # esb14_19, itb14_19: a month and year (or its name and year) before the report's date.
    (
        "es",
        "Control 27/05/2025\nNódulo de mama izquierda, clasificado BI-RADS 3 en mayo 2024.\n"
        "Conclusión:\nBI-RADS 3. Nuevo control.",
        {("category", None, "3")},
    ),
    (
        "it",
        "Controllo 13/05/2025\nNodulo mammella destra, BI-RADS 3 in ecografia del novembre 2024.\n"
        "Conclusione: reperto probabilmente benigno, BI-RADS 3.",
        {("category", None, "3")},
    ),
    (
        "en",
        "Report 12/05/2025. Impression: BI-RADS 2, stable since 2019.",
        {("category", None, "2")},
    ),
    # rub15_12, deb22_14: conditions.
    (
        "ru",
        "При подтверждении образования при маммографии следует отнести к категории BI-RADS 4A.",
        set(),
    ),
    ("de", "Bei mammographischem Korrelat mit Verkalkungen entspräche dies BI-RADS 4.", set()),
    ("pt", "Caso a assimetria persista, deverá ser categorizada como BI-RADS 4A.", set()),
    ("en", "If a mass is confirmed it would be BI-RADS 0; otherwise expected BI-RADS 1.", set()),
    # nlb15_04, nlb15_17: Dutch "li"/"re" before a breast word or a value.
    (
        "nl",
        "Conclusie: waarschijnlijk benigne laesie li borst, BI-RADS 3.",
        {("category", "L", "3")},
    ),
    ("nl", "Revisie-conclusie: li BI-RADS 4B. Advies biopsie.", {("category", "L", "4B")}),
    # enb13_99: the value's own category name before its side.
    ("en", "Result Impression\nBI-RADS 2 BENIGN, BOTH BREASTS.\n", {("category", "B", "2")}),
    # ptb15_12, esb18_05: a key listing categories with their names.
    (
        "pt",
        "Conclusão: Sem achados mamográficos suspeitos.\n\n"
        "Classificação BI-RADS (ACR): 0 - incompleto; 1 - negativo; 2 - benigno;\n"
        "3 - provavelmente benigno; 4 - suspeito; 5 - altamente suspeito; 6 - malignidade.\n",
        set(),
    ),
    (
        "es",
        "Conclusión: estudio sin particularidades.\n-----\nReferencias BI-RADS: 0 Incompleto · "
        "1 Negativo · 2 Hallazgo benigno · 3 Probablemente\nbenigno · 4 Sospechoso",
        set(),
    ),
    # enb16_10: a corrected report is an addendum.
    (
        "en",
        "Breast tissue density: scattered fibroglandular (BI-RADS B).\nBI-RADS 1.\n\n"
        "CORRECTED REPORT 23 May 2026: density corrected to heterogeneously dense (BI-RADS C).",
        {("category", None, "1"), ("density", None, "c")},
    ),
    # enb16_12 and the second opinions: the external report's value is the past's.
    ("en", "The external report assigned BI-RADS 3 to a right breast mass.", set()),
    ("it", "Il referto esterno classificava la lesione BI-RADS 3 a destra.", set()),
    (
        "en",
        "Outside study: Lakeside Imaging mammogram 10/06/2026, reported as BI-RADS 4A (left).\n"
        "OUR ASSESSMENT: Left breast BI-RADS 2. Right breast BI-RADS 1.",
        {("category", "L", "2"), ("category", "R", "1")},
    ),
    # enb16_13, deb14_04, nlb16_05: prior-exam labels with a date, "dort als", past asides.
    (
        "en",
        "Prior mammogram 2025: heterogeneously dense, BI-RADS 2.\nCURRENT EXAM: No new findings.",
        set(),
    ),
    ("de", "Voruntersuchung 01/2024 extern, dort als BI-RADS 3 links eingestuft.", set()),
    ("nl", "Vergelijking met mammografie 2024 (BI-RADS 2, ACR c) en 2022 (BI-RADS 2).", set()),
    # itb16_01: an exam category beside the same value for both breasts.
    (
        "it",
        "Mammografia: BI-RADS 2.\nEcografia: cisti semplici. BI-RADS 2.\n"
        "Conclusioni: quadro benigno, BI-RADS 2 bilaterale.",
        {("category", "B", "2")},
    ),
    # plb16_09, and Italian "a destra": a 4 and an "a" apart before a word.
    ("it", "Conclusione: BI-RADS 4 a destra.", set()),
    ("en", "Impression: BI-RADS 4\nA biopsy is recommended.", set()),
    ("it", "Conclusione:\nBI-RADS\n4 B alla mammella sinistra.", {("category", "L", "4B")}),
    ("pt", "IMPRESSÃO: BI-RADS categoria  4  C  (mama dir.)", {("category", "R", "4C")}),
    # enb17_91, ptb20_03, en31 flattened: a category after an inline side label's sentence.
    (
        "pt",
        "Mama direita: cisto simples. Categoria BI-RADS 2.\nMama esquerda: normal. Categoria BI-RADS 1.",
        set(),
    ),
    (
        "en",
        "BILATERAL DIAGNOSTIC MAMMOGRAM RIGHT BREAST: Grouped amorphous calcifications. "
        "BI-RADS 4A. LEFT BREAST: Stable benign calcifications. BI-RADS 2.",
        set(),
    ),
    # esb18_03: a line ending in a full stop gives no side to the value opening the next.
    (
        "es",
        "Mastografía: mama derecha sin alteraciones.\nBI-RADS 0 por mastografía.\n"
        "Ultrasonido: nódulo en mama izquierda.\nBI-RADS 3 final.",
        set(),
    ),
    # ptb20_07: "no último ano" speaks of the past.
    (
        "pt",
        "Conclusão: O-RADS US 2.\nPaciente com mamografia BI-RADS 2 no último ano (trazida).",
        set(),
    ),
    # esb22_04, nlb23_06, ptb23_06: a pathology report's BI-RADS is the request's.
    (
        "es",
        "SERVICIO DE ANATOMÍA PATOLÓGICA – Hospital Clínico\n"
        "Muestra: BAG ecoguiada de mama izquierda (nódulo BI-RADS 4B).\nDiagnóstico: FIBROADENOMA.",
        set(),
    ),
    (
        "nl",
        "PATHOLOGIE-VERSLAG\nKlinische gegevens: BI-RADS 4A laesie.\nConclusie: fibroadenoom. Benigne.",
        set(),
    ),
    (
        "pl",
        "Wynik histopatologiczny biopsji piersi lewej: rak.\nWniosek: BI-RADS 6.",
        {("category", None, "6")},
    ),
    # plb23_21, esb22_25, enb24_23: synoptic scores, density choices, the last study's density.
    ("pl", "Mammografia: pierś prawa - kategoria 1 (synoptic), pierś lewa - kategoria 3.", set()),
    (
        "es",
        "Mamas de densidad mixta, con áreas fibroglandulares dispersas y otras heterogéneas (B/C).\n"
        "BI-RADS 1.",
        {("category", None, "1")},
    ),
    (
        "en",
        "Clinical details: 49F.\nDense breasts (ACR C) on last study. Please perform a mammogram.",
        set(),
    ),
]

CASES += [
    # frb22_07: one value "pour chaque sein" is both breasts'.
    ("fr", "Résultat : catégorie BI-RADS 1 pour chaque sein.", {("category", "B", "1")}),
    # itb24_09, plb24_05, nlb24_06: "all'epoca", "stan po", "w poprzednim badaniu", "na".
    ("it", "Anamnesi: nel 2022 lesione BI-RADS 5.\nMammelle dense tipo D all'epoca.", set()),
    (
        "pl",
        "Skierowanie na mammografię\nRozpoznanie: stan po biopsji zmiany BI-RADS 4A w piersi "
        "prawej (2024).\nPiersi gęste, ACR C w poprzednim badaniu. Proszę o kontrolę.",
        set(),
    ),
    (
        "nl",
        "Controle-echo links (6 maanden na BI-RADS 3)\nLaesie 7 mm op 2 uur, onveranderd.\n"
        "Conclusie: waarschijnlijk benigne, BI-RADS 3; nogmaals controle over 6 maanden.",
        {("category", None, "3")},
    ),
]

CASES += [
    # enb25_39, enb25_66, frb26_16: a query, "nothing to suggest", a key of density letters.
    (
        "en",
        'Request from GP: "please repeat imaging, ? BI-RADS 4."\nOpinion: no abnormality.',
        set(),
    ),
    ("en", "There is nothing to suggest BI-RADS 3, 4 or 5 pathology on today's study.", set()),
    (
        "fr",
        "Conclusion : examen sans particularité.\n"
        "Densité : type A graisseux ; type B ; type C ; type D très dense.",
        set(),
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[c[1][:50] for c in CASES])
def test_batch13_case(language: str, text: str, expected: set[Triple]) -> None:
    result = extract_from_text(text, language=language)
    got = {
        (p.field, p.side, p.value) for p in result.proposals if p.field in ("category", "density")
    }
    assert got == expected


NO_WRONG: list[tuple[str, str, set[Triple]]] = [
    # rub15_16: the outside value beside the consultant's own is never proposed.
    (
        "ru",
        "Дата пересмотра: 16.04.2024\n"
        "Представлены маммограммы от 01.04.2024 (сторонняя клиника), заключение: BI-RADS 3 справа.\n"
        "По нашему мнению: справа BI-RADS 2, слева BI-RADS 1.",
        {("category", "R", "2"), ("category", "L", "1")},
    ),
    # frb18_11, enb19_08: the first value of an addendum that revises it is the past's
    # ("initialement proposée", "Initial conclusion"); the revised value may still be missed.
    (
        "fr",
        "ADDENDUM au compte rendu du 03/11/2026\n"
        "La classification ACR 0 initialement proposée est révisée : sein gauche ACR 2.",
        {("category", "L", "2")},
    ),
    (
        "en",
        "ADDENDUM\nInitial conclusion: BI-RADS 0 right breast, comparison requested.\n"
        "Final conclusion after comparison: right breast BI-RADS 2.",
        {("category", "R", "2")},
    ),
]


@pytest.mark.parametrize(
    ("language", "text", "allowed"), NO_WRONG, ids=[c[1][:50] for c in NO_WRONG]
)
def test_batch13_no_wrong_value(language: str, text: str, allowed: set[Triple]) -> None:
    result = extract_from_text(text, language=language)
    got = {
        (p.field, p.side, p.value) for p in result.proposals if p.field in ("category", "density")
    }
    assert got <= allowed
