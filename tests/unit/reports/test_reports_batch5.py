"""Regression cases from the fifth development batch (`*b5_*`): national density wordings.

Each case is a short text in the shape that failed and exactly the densities (or categories)
a careful reader takes from it.
"""

from __future__ import annotations

import pytest

from mammolog.reports import extract_from_text

Pair = tuple[str | None, str]

DENSITY: list[tuple[str, str, set[Pair]]] = [
    # esb5_02, esb5_15: "densidad heterogénea" of the breasts is the c wording.
    ("es", "Mamas con densidad heterogénea.\nConclusión: BI-RADS 1.", {(None, "c")}),
    ("es", "Densidad mamaria heterogénea, que puede ocultar lesiones.\nBI-RADS 2.", {(None, "c")}),
    # esb5_11, esb5_18: fat-predominant breasts fit a or b (b is fatty with scattered
    # fibroglandular areas): no density; a letter after the words still gives it.
    ("es", "Mamas predominantemente adiposas.\nConclusión: BI-RADS 1.", set()),
    ("es", "Mamas con predominio de tejido adiposo.\nConclusión: BI-RADS 2.", set()),
    (
        "es",
        "Mamas con predominio de tejido adiposo (tipo A).\nConclusión: BI-RADS 2.",
        {(None, "a")},
    ),
    ("en", "Predominantly fatty breasts. IMPRESSION: BI-RADS 1.", set()),
    (
        "pt",
        "Mamas predominantemente adiposas com esparsas áreas de densidade fibroglandular.",
        {(None, "b")},
    ),
    (
        "pt",
        "Mamas com\npredomínio de\ntecido adiposo\n(tipo A).\nConclusão: BI-RADS 1.",
        {(None, "a")},
    ),
    ("de", "Überwiegend lipomatöser Drüsenkörper. Beurteilung: BI-RADS 1.", set()),
    # ptb5_02, ptb5_07, ptb5_22: heterogeneous density of the breasts is c, in any case.
    ("pt", "Composição: densidade mamária heterogênea.\nConclusão: BI-RADS 1.", {(None, "c")}),
    ("pt", "MAMAS DE DENSIDADE HETEROGENEA, PODENDO OCULTAR LESOES.\nBI-RADS 2.", {(None, "c")}),
    ("pt", "Mamas densas de forma heterogénea.\nConclusão: BI-RADS 2.", {(None, "c")}),
    # "mamas densas" alone does not name one letter.
    ("pt", "Mamas densas.\nConclusão: BI-RADS 1.", set()),
    ("es", "Mamas densas.\nConclusión: BI-RADS 1.", set()),
    # enb5_15: "Breast composition: fatty" is a.
    ("en", "Breast composition: fatty (a).\nIMPRESSION: BI-RADS 1.", {(None, "a")}),
    # frb5_20: a side right after a bracketed value, and a breast opening the part after a
    # semicolon, give each breast its own density.
    (
        "fr",
        "Seins de densité hétérogène (type c) à droite ; sein gauche remanié, graisseux (type a).\n"
        "Conclusion : ACR 2 bilatéral.",
        {("R", "c"), ("L", "a")},
    ),
    # enb5_02 flattened: a side word closing a heading run into the density sentence is
    # the heading's, not the density's.
    (
        "en",
        "DIAGNOSTIC MAMMOGRAM AND ULTRASOUND, LEFT The breasts are heterogeneously dense. "
        "IMPRESSION: BI-RADS 4B.",
        {(None, "c")},
    ),
    (
        "en",
        "DIAGNOSTIC MAMMOGRAM AND ULTRASOUND,\nLEFT\nThe breasts are heterogeneously dense.\n"
        "IMPRESSION: BI-RADS 4B.",
        {(None, "c")},
    ),
    # ptb5_08: what the patient reports ("refere") of another exam is second-hand.
    (
        "pt",
        "Ultrassonografia da tireoide: nódulo TI-RADS 4.\n"
        "Obs.: a paciente refere mamografia recente com mamas de densidade heterogênea.",
        set(),
    ),
    # itb5_01, plb5_02, ptb5_15: a dated title line above is no wrapped start of a past exam.
    (
        "it",
        "Mammografia bilaterale di screening del 09/01/2025\n"
        "Mammelle a prevalente componente adiposa (densità ACR a).\nConclusioni: BI-RADS 1.",
        {(None, "a")},
    ),
    (
        "pt",
        "Mamografia bilateral de rastreio - 04-02-2025\n"
        "Mamas com padrão fibroglandular disperso (densidade B da ACR).\nConclusão: BI-RADS 1.",
        {(None, "b")},
    ),
]


@pytest.mark.parametrize(
    ("language", "text", "expected"), DENSITY, ids=[c[1][:50] for c in DENSITY]
)
def test_batch5_density(language: str, text: str, expected: set[Pair]) -> None:
    result = extract_from_text(text, language=language)
    assert {(p.side, p.value) for p in result.by_field("density")} == expected


CATEGORY: list[tuple[str, str, set[Pair]]] = [
    # rub5_20: a negated "BI-RADS 4–5" gives nothing; the dash joins the category to the
    # breast its finding is in (as "BI-RADS 6 - Known malignancy, right breast").
    (
        "ru",
        "Данных за BI-RADS 4–5 не получено.\nЗаключение: BI-RADS 2 — липома правой молочной железы.",
        {("R", "2")},
    ),
    # esb5_14: a bare "Categorías:" label opens no legend; two categories with no side
    # are a conflict, so nothing is proposed.
    ("es", "Se observan dos nódulos.\nCategorías: BI-RADS 3 y BI-RADS 4A.", set()),
    # plb5_14, rub5_16: a report wrapped very narrow puts each breast on a line of its own
    # above its category.
    (
        "pl",
        "Mammografia.\nWnioski:\npierś prawa\nBI-RADS 5,\npierś lewa\nBI-RADS 2.",
        {("R", "5"), ("L", "2")},
    ),
    (
        "ru",
        "Маммография.\nЗаключение:\nсправа\nBI-RADS 5,\nслева\nBI-RADS 1.",
        {("R", "5"), ("L", "1")},
    ),
    # deb5_16, ptb5_14: an external report's label ("Externer Befund", "Laudo de origem") is
    # the past; the reviewer's own category is the exam's.
    (
        "de",
        "Externer Befund: BI-RADS 0 links.\nEigene Beurteilung: unauffällig.\n"
        "Zweitmeinung: BI-RADS 1.",
        {(None, "1")},
    ),
    (
        "pt",
        "Laudo de origem: BI-RADS 4A mama esquerda.\nRevisão: sobreposição de tecido.\n"
        "Nossa classificação: BI-RADS 1.",
        {(None, "1")},
    ),
    # A title with a date above a negation cut by no wrap keeps the negation's reach.
    (
        "de",
        "Befund: Re. glatt begrenzter Herd, parallel, keine\n"
        "Kriterien einer BI-RADS-4-Läsion. Beurteilung: BI-RADS 3.",
        {(None, "3")},
    ),
]


@pytest.mark.parametrize(
    ("language", "text", "expected"), CATEGORY, ids=[c[1][:50] for c in CATEGORY]
)
def test_batch5_category(language: str, text: str, expected: set[Pair]) -> None:
    result = extract_from_text(text, language=language)
    assert {(p.side, p.value) for p in result.by_field("category")} == expected


def test_batch5_two_categories_under_a_bare_label_are_a_conflict() -> None:
    result = extract_from_text(
        "Se observan dos nódulos.\nCategorías: BI-RADS 3 y BI-RADS 4A.", language="es"
    )
    assert [c.field for c in result.conflicts] == ["category"]
