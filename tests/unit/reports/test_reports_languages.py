"""Nine languages, normalisation, other scoring systems, compact and table forms, structure.

Each trap named in the issue has a test here; each wrong proposal found while growing the
corpus is kept as a regression case.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mammolog.reports import extract_from_text
from mammolog.reports.lang import LANGUAGES, detect_language
from mammolog.reports.normalise import identity, normalise


def cats(text: str, language: str | None = None) -> set[tuple[str | None, str]]:
    result = extract_from_text(text, language=language)
    return {(p.side, p.value) for p in result.proposals if p.field == "category"}


def dens(text: str, language: str | None = None) -> set[tuple[str | None, str]]:
    result = extract_from_text(text, language=language)
    return {(p.side, p.value) for p in result.proposals if p.field == "density"}


def test_nine_languages_are_registered() -> None:
    assert set(LANGUAGES) == {"en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru"}


# --- the two failures the issue names -------------------------------------------------------


def test_russian_sides_with_a_cyrillic_subcategory_letter() -> None:
    result = extract_from_text("Справа: BI-RADS 4А. Слева: BI-RADS 1.")
    got = {(p.side, p.value) for p in result.by_field("category")}
    assert got == {("R", "4A"), ("L", "1")}
    assert (None, "1") not in got
    quotes = {p.quote for p in result.by_field("category")}
    assert "BI-RADS 4А" in quotes  # the exact original text, Cyrillic letter and all


@pytest.mark.parametrize(
    "text",
    [
        "Lung-RADS Category 4A",
        "Impression: Lung-RADS Category 4A. Recommend 3-month low-dose CT.",
        "ACR TI-RADS: TR4. Category 4.",
        "PI-RADS category 4.",
        "O-RADS US category 3.",
        "LI-RADS category 5.",
        "Mammography: ABSS category 3 (indeterminate).",
        "Right M1. Left M3. Ultrasound: U2.\nImpression: Benign.",
        "Lungen-CT. Beurteilung: Lung-RADS Kategorie 4A.",
        "Lung-RADS: категория 4A.",
        "Clasificación TI-RADS: categoría 4.",
    ],
)
def test_other_scoring_systems_are_never_bi_rads(text: str) -> None:
    assert cats(text) == set()


def test_a_bi_rads_value_beside_another_scale_in_a_breast_report_still_counts() -> None:
    text = "Chest CT: Lung-RADS category 2.\nMammography: BI-RADS 1."
    assert cats(text) == {(None, "1")}


# --- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Impression: BI-RADS ４Ｂ.", {(None, "4B")}),  # full-width
        ("Impression: BI-RАDS 4С.", {(None, "4C")}),  # Cyrillic А and С in Latin tokens
        ("Impression: BI-RADS IV.", {(None, "4")}),
        ("Impression: BI-RADS III.", {(None, "3")}),
        ("Beurteilung: BI-RADS IVa.", {(None, "4A")}),
        ("Impression: BI-RADS Ⅴ.", {(None, "5")}),  # the roman numeral character
        ("Impression: BI-RADS 4-B.", {(None, "4B")}),
        ("Impression: BI-RADS 4 - b.", {(None, "4B")}),
        ("Impression: BI-RADS\n4\nB\n", {(None, "4B")}),
        ("Impression: BI-\nRADS 2.", {(None, "2")}),
        ("Impression: Bl-RADS 2.", {(None, "2")}),  # OCR: lower-case L
        ("Impression: BI RADS 2.", {(None, "2")}),
        ("Заключение: слева BI-RADS 4Б.", {("L", "4B")}),  # Russian order: Б is the second
    ],
)
def test_normalised_forms(text: str, expected: set[tuple[str | None, str]]) -> None:
    assert cats(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Заключение: справа BI-RADS 4В.",  # В: B to the eye, C in Russian order
        "Impression: BI-RADS 4\nA 2 cm mass is seen.",  # a line starting "A" is no subcategory
        "Impression: BI-RADS 4 - a mass is suspected.",
        "Category I would place here.",
    ],
)
def test_ambiguous_letters_give_no_subcategory(text: str) -> None:
    got = cats(text)
    assert not any(value in ("4A", "4B", "4C", "1") for _, value in got)


def test_lone_cyrillic_density_letter_after_a_marker() -> None:
    assert dens("Плотность: тип С.") == {(None, "c")}
    assert dens("Breast density: ACR С.") == {(None, "c")}


def test_normalised_spans_quote_the_original() -> None:
    anchor = re.compile(r"(?<!\w)(?:bi-?\s?rads)", re.I)
    marker = re.compile(r"(?:acr)[\s:\-–]*$", re.I)
    text = "x BI-\nRADS IV-b y"
    norm = normalise(text, anchor, marker)
    assert norm.text == "x BI-RADS 4b y"
    start = norm.text.index("BI-RADS")
    a, b = norm.span(start, start + len("BI-RADS 4b"))
    assert text[a:b] == "BI-\nRADS IV-b"
    plain = identity("abc")
    assert plain.span(1, 2) == (1, 2) and plain.span(3, 3) == (3, 3)


def test_every_quote_is_the_exact_original_span() -> None:
    text = "Impression: Bl-RADS\n４-Ｂ (left). Справа: BI-RADS 4А. Density: АCR С."
    result = extract_from_text(text)
    assert result.proposals
    for p in result.proposals:
        assert text[p.start : p.end] == p.quote


# --- sides in every language -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Conclusion : sein droit ACR 3, sein gauche ACR 1.", {("R", "3"), ("L", "1")}),
        ("Conclusion : BI-RADS 4A à gauche, BI-RADS 1 à droite.", {("L", "4A"), ("R", "1")}),
        ("Conclusión: mama derecha BI-RADS 2, mama izquierda BI-RADS 1.", {("R", "2"), ("L", "1")}),
        ("Conclusioni: BI-RADS dx 3, sn 1.", {("R", "3"), ("L", "1")}),
        ("Conclusione: mammella destra BI-RADS 4B.", {("R", "4B")}),
        ("Conclusão: mama direita BI-RADS 3, mama esquerda BI-RADS 2.", {("R", "3"), ("L", "2")}),
        ("Conclusie: rechts BI-RADS 5, links BI-RADS 1.", {("R", "5"), ("L", "1")}),
        ("Wnioski: pierś prawa BI-RADS 1, pierś lewa BI-RADS 4B.", {("R", "1"), ("L", "4B")}),
        ("Заключение: правая молочная железа BI-RADS 1.", {("R", "1")}),
        ("Beurteilung: BI-RADS re. 2, li. 1.", {("R", "2"), ("L", "1")}),
        ("Conclusión: BI-RADS 2 en ambas mamas.", {("B", "2")}),
        ("Wniosek: BI-RADS 2 obustronnie.", {("B", "2")}),
    ],
)
def test_side_words_in_every_language(text: str, expected: set[tuple[str | None, str]]) -> None:
    assert cats(text) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Conclusion : pas d'anomalie suspecte dans les deux seins, examen normal.", "fr"),
        ("Conclusión: no se observan hallazgos sospechosos en ambas mamas.", "es"),
        ("Conclusioni: non si apprezzano reperti sospetti nella mammella destra.", "it"),
        ("Conclusão: não se observam achados suspeitos nas mamas.", "pt"),
        ("Conclusie: geen afwijkingen in de linker borst, geen verdacht kalk.", "nl"),
        ("Wnioski: nie stwierdza się zmian podejrzanych w piersi prawej.", "pl"),
        ("Заключение: КТ органов грудной клетки.", "ru"),
        ("Beurteilung: kein Herdbefund, unauffällige Mammographie beidseits.", "de"),
        ("Impression: no suspicious findings in either breast.", "en"),
    ],
)
def test_language_detection(text: str, language: str) -> None:
    assert detect_language(text) == language


# --- density in every language ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Densité mammaire de type 2.", {(None, "b")}),
        ("Seins de type c.", {(None, "c")}),
        ("Seins à prédominance graisseuse.", {(None, "a")}),
        ("Densidad mamaria tipo C.", {(None, "c")}),
        ("Composición mamaria: B.", {(None, "b")}),
        ("Mamas con ACR tipo D.", {(None, "d")}),
        ("Densità: tipo B.", {(None, "b")}),
        ("Composição mamária: C.", {(None, "c")}),
        ("As mamas são heterogeneamente densas.", {(None, "c")}),
        ("Densiteit: ACR c.", {(None, "c")}),
        ("Budowa piersi: typ B.", {(None, "b")}),
        ("Плотность молочных желез: тип C.", {(None, "c")}),
        ("Тип плотности по ACR: D.", {(None, "d")}),
    ],
)
def test_density_in_every_language(text: str, expected: set[tuple[str | None, str]]) -> None:
    assert dens(text) == expected


def test_french_acr_is_the_category_unless_density_words_precede_it() -> None:
    text = "Densité mammaire ACR 2.\nConclusion : aspect bénin, ACR 3."
    assert dens(text) == {(None, "b")}
    assert cats(text) == {(None, "3")}
    assert cats("Examen classé ACR 4.", language="fr") == {(None, "4")}
    # in English "ACR 3" alone stays ambiguous
    assert cats("Findings: ACR 3.", language="en") == set()


# --- compact and table forms -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BI-RADS: R 2 / L 1.", {("R", "2"), ("L", "1")}),
        ("BI-RADS (R/L): 1/4A.", {("R", "1"), ("L", "4A")}),
        ("BI-RADS L/R: 3/2.", {("L", "3"), ("R", "2")}),
        ("BIRADS 3 L, BIRADS 1 R.", {("L", "3"), ("R", "1")}),
        ("BI-RADS: re 2 / li 1.", {("R", "2"), ("L", "1")}),
        ("BI-RADS: D 2 / I 3.", {("R", "2"), ("L", "3")}),
        ("BI-RADS: P 2, L 2.", {("R", "2"), ("L", "2")}),
        ("BI-RADS: П 2, Л 3.", {("R", "2"), ("L", "3")}),
        ("Assessment: 2 - Benign.", {(None, "2")}),
        ("BI-RADS ASSESSMENT\nRight: 2\nLeft: 1\n", {("R", "2"), ("L", "1")}),
    ],
)
def test_compact_forms(text: str, expected: set[tuple[str | None, str]]) -> None:
    language = {"re": "de", "D ": "es", "P ": "pl", "П": "ru"}
    code = next((v for k, v in language.items() if k in text), None)
    assert cats(text, code) == expected


@pytest.mark.parametrize(
    "text",
    [
        "IMPRESSION: 1. Suspicious mass left breast.\n2. Benign cyst right breast.",
        "Impression: 2 masses in the left breast.",
        "BI-RADS: R 2.5 cm mass.",
    ],
)
def test_numbers_that_are_not_compact_categories(text: str) -> None:
    assert cats(text) == set()


def test_table_with_a_column_per_field() -> None:
    text = "Side | Density | BI-RADS\nRight | C | 2\nLeft | C | 4A\n"
    result = extract_from_text(text)
    got = {(p.field, p.side, p.value) for p in result.proposals}
    assert got == {("category", "R", "2"), ("category", "L", "4A"), ("density", None, "c")}
    for p in result.proposals:
        assert text[p.start : p.end] == p.quote


def test_table_with_a_column_per_side() -> None:
    text = "             Right     Left\nBI-RADS      4A        2\nDensity      C         C\n"
    got = {(p.field, p.side, p.value) for p in extract_from_text(text).proposals}
    assert got == {("category", "R", "4A"), ("category", "L", "2"), ("density", None, "c")}
    # different densities for the two sides are proposed per side, not merged or guessed
    uneven = extract_from_text(text.replace("C\n", "B\n"))
    got = {(p.side, p.value) for p in uneven.by_field("density")}
    assert got == {("R", "c"), ("L", "b")} and uneven.conflicts == ()


def test_table_cells_with_more_than_a_value_and_tables_in_history_give_nothing() -> None:
    assert cats("Side | BI-RADS\nRight | 2 in 2021, now 3\nLeft | probably 1\n") == set()
    history = "PRIOR RESULTS:\nSide | BI-RADS\nRight | 3\nLeft | 1\n\nIMPRESSION: BI-RADS 2."
    assert cats(history) == {(None, "2")}


# --- structure -------------------------------------------------------------------------------


def test_an_addendum_supersedes_what_it_amends() -> None:
    text = "IMPRESSION: BI-RADS 0.\n\nADDENDUM: Outside priors reviewed; stable. BI-RADS 2."
    assert cats(text) == {(None, "2")}
    one_side = (
        "IMPRESSION: Right breast BI-RADS 0. Left breast BI-RADS 1.\n\n"
        "ADDENDUM: Spot views of the right breast are normal. Right breast: BI-RADS 1."
    )
    # silent about the left: whether its first value stands, readers disagree, so it is left out
    assert cats(one_side) == {("R", "1")}
    assert cats(one_side + " Left breast unchanged.") == {("R", "1"), ("L", "1")}
    assert cats("Befund: BI-RADS 0.\n\nNachtrag: einfache Zyste. BI-RADS 2.") == {(None, "2")}
    assert cats("Conclusion : ACR 0.\n\nADDENDUM : échographie normale. ACR 1.") == {(None, "1")}


@pytest.mark.parametrize(
    "text",
    [
        "Mammography: BI-RADS 1.\nUltrasound: simple cyst right breast, BI-RADS 2.\n"
        "Final assessment: BI-RADS 2.",
        "Mammographie: BI-RADS 2.\nSonographie: Zyste rechts, BI-RADS 3.\nGesamtbeurteilung: BI-RADS 3.",
        "Mammographie : BI-RADS 1.\nÉchographie : kyste du sein gauche, BI-RADS 2.\nSynthèse : BI-RADS 2.",
        "Mamografía: BI-RADS 2.\nEcografía: quiste en mama derecha, BI-RADS 3.\n"
        "Valoración final: BI-RADS 3.",
        "Маммография: BI-RADS 1.\nУЗИ: киста правой молочной железы, BI-RADS 2.\n"
        "Итоговая оценка: BI-RADS 2.",
    ],
)
def test_final_assessment_wins_over_per_modality_values(text: str) -> None:
    got = cats(text)
    assert len(got) == 1 and next(iter(got))[0] is None


@pytest.mark.parametrize(
    "text",
    [
        "INDICATION: BI-RADS 4A left in 2022.\n\nIMPRESSION: BI-RADS 1.",
        "Comparison: 2022 (BI-RADS 3).\nIMPRESSION: BI-RADS 1.",
        "Indication : contrôle d'une image ACR 3.\n\nConclusion : ACR 1.",
        "Antecedentes: BI-RADS 4A en 2021.\n\nConclusión: BI-RADS 1.",
        "Impression: BI-RADS 1.\n\nLegend:\nBI-RADS 2: benign\nBI-RADS 3: probably benign\n",
        "Impression: BI-RADS 1.\n\nBI-RADS 0: Incomplete\nBI-RADS 2: Benign\nBI-RADS 3: Probably benign",
        "Conclusion : ACR 1.\n\nRappel de la classification :\nACR 2 : bénin\nACR 3 : probablement bénin",
    ],
)
def test_history_comparison_indication_and_legend_give_no_values(text: str) -> None:
    assert cats(text) == {(None, "1")}


@pytest.mark.parametrize(
    "text",
    [
        "Impression: BI-RADS 3 and BI-RADS 4B.",
        "W piersi prawej torbiel. BI-RADS 2. BI-RADS 3.",
        "Impression: BI-RADS 3.\nLeft breast: BI-RADS 1.",
        "Описание: BI-RADS 3.\nСлева BI-RADS 1.",
    ],
)
def test_no_overall_value_when_sides_cannot_be_told_apart(text: str) -> None:
    result = extract_from_text(text)
    assert result.by_field("category") == ()
    assert [c.field for c in result.conflicts] == ["category"]


def test_an_unsided_value_that_is_the_worse_of_two_known_sides_is_the_exams() -> None:
    text = "Right breast: BI-RADS 2.\nLeft breast: BI-RADS 4A.\nImpression: BI-RADS 4A."
    assert cats(text) == {("R", "2"), ("L", "4A"), (None, "4A")}
    # not the worse side: a contradiction, nothing is proposed
    assert (
        cats("Right breast: BI-RADS 2.\nLeft breast: BI-RADS 4A.\nImpression: BI-RADS 2.") == set()
    )


def test_an_overall_value_when_stated_or_when_every_category_agrees() -> None:
    assert cats("Right: BI-RADS 4B. Left: BI-RADS 2.\nOverall: BI-RADS 4B.") == {
        ("R", "4B"),
        ("L", "2"),
        (None, "4B"),
    }
    assert cats("Impression: BI-RADS 2.\nRight breast: BI-RADS 2.") == {(None, "2"), ("R", "2")}


def test_a_side_named_at_the_end_of_the_sentence() -> None:
    assert cats("Impression: BI-RADS 3, probably benign, left breast.") == {("L", "3")}
    assert cats("Заключение: BI-RADS 3 - вероятно доброкачественные изменения справа.") == {
        ("R", "3")
    }
    # a negation or a second side in between leaves the value without a side
    assert cats("Impression: BI-RADS 2, no change in the left breast.") == {(None, "2")}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("No BI-RADS 4 features are seen.", "en"),
        ("Ne présente pas de critère ACR 4.", "fr"),
        ("No se aprecian lesiones BI-RADS 4.", "es"),
        ("Non si osservano lesioni BI-RADS 4.", "it"),
        ("Geen BI-RADS 4 kenmerken.", "nl"),
        ("Nie stwierdza się zmian BI-RADS 4.", "pl"),
        ("Признаков BI-RADS 4 не выявлено.", "ru"),
        ("Ein BI-RADS 4 Befund liegt nicht vor.", "de"),
        ("En cas d'augmentation de taille, elle serait classée ACR 4.", "fr"),
        ("Si crece, se clasificaría como BI-RADS 4.", "es"),
        ("Se dovesse crescere sarebbe BI-RADS 4.", "it"),
        ("Se aumentar, será classificado como BI-RADS 4.", "pt"),
        ("Indien groei, zou het BI-RADS 4 zijn.", "nl"),
        ("Jeśli zmiana się powiększy, będzie to BI-RADS 4.", "pl"),
        ("Если образование увеличится, будет BI-RADS 4.", "ru"),
        ("Falls größenprogredient, wäre dies BI-RADS 4.", "de"),
    ],
)
def test_negations_and_hypotheticals_in_every_language(text: str, language: str) -> None:
    assert cats(text, language) == set()


# --- regressions found while growing the development corpus ---------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a value wrapped onto its own line by a PDF takes the side of the line before
        (
            "IMPRESSION: Suspicious irregular mass in the left breast\nBI-RADS 4B.\n"
            "Right breast without suspicious findings\nBI-RADS 1.\n",
            {("L", "4B"), ("R", "1")},
        ),
        # one finding per numbered line, each with its own category
        (
            "IMPRESSION:\n1. Irregular mass in the left breast, suspicious. BI-RADS 4B.\n"
            "2. Right breast negative. BI-RADS 1.\n",
            {("L", "4B"), ("R", "1")},
        ),
        # title-case side headings without a colon
        (
            "Right breast\nNo mass. BI-RADS 1.\n\nLeft breast\nAmorphous calcifications. BI-RADS 4A.",
            {("R", "1"), ("L", "4A")},
        ),
        # a side after 'summary' words still counts
        ("Zusammenfassende Beurteilung: BI-RADS 3 links.", {("L", "3")}),
        # a label in the middle of a flattened line starts its section
        (
            "Antécédents : diabète de type 2. Conclusion : mammographie normale, ACR 1.",
            {(None, "1")},
        ),
        ("BI-RADS 1 - Negative (right), BI-RADS 2 - Benign (left).", {("R", "1"), ("L", "2")}),
        (
            "Conclusión: BI-RADS 2 (mama derecha) y BI-RADS 1 (mama izquierda).",
            {("R", "2"), ("L", "1")},
        ),
        ("Conclusion : classification ACR : 2 à droite, 1 à gauche.", {("R", "2"), ("L", "1")}),
        ("R breast: BI-RADS 1. L breast: BI-RADS 3.", {("R", "1"), ("L", "3")}),
        ("Beurteilung: Benigner Befund beidseits.", {("B", "2")}),
        # 'bilateral' describing the exam is no side
        ("Impression: Negative bilateral screening mammogram. BI-RADS 1.", {(None, "1")}),
    ],
)
def test_regressions(text: str, expected: set[tuple[str | None, str]]) -> None:
    assert cats(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Breast density: ACR density 2.", {(None, "b")}),
        ("Befund: Parenchymdichte ACR-Typ II, kein Herdbefund.", {(None, "b")}),
        ("Density (ACR): C.", {(None, "c")}),
        ("The breasts are heterogeneous dense.", {(None, "c")}),
        ("Mammadensiteit: ACR-categorie c. Geen afwijkingen in de borst.", {(None, "c")}),
        ("Mamas de densidad media (B). No se observan lesiones.", {(None, "b")}),
        ("Seins de densité hétérogène, type C.", {(None, "c")}),
        ("Antécédents de diabète de type 2.", set()),
        ("BREAST DENSITY\nRight: C\nLeft: C\n", {(None, "c")}),
    ],
)
def test_density_regressions(text: str, expected: set[tuple[str | None, str]]) -> None:
    assert dens(text) == expected


def test_unsided_values_on_lines_without_one_side_stay_a_conflict() -> None:
    result = extract_from_text(
        "Mammography: BI-RADS 1.\nUltrasound: cyst in the right breast. BI-RADS 2."
    )
    assert result.by_field("category") == () and result.conflicts


@pytest.mark.parametrize(
    "text",
    [
        "ECOGRAFÍA ABDOMINAL. Hígado de tamaño y ecoestructura normales. Vesícula biliar sin "
        "litiasis. Riñones normales. Bazo homogéneo. Conclusión: hallazgos benignos.",
        "Sonographie Oberbauch. Leber normal groß, homogenes Parenchym, keine fokalen Läsionen. "
        "Gallenblase steinfrei. Nieren regelrecht. Beurteilung: unauffälliger Befund.",
        "THYROID ULTRASOUND. Right lobe: 11 mm isoechoic nodule, well defined, no "
        "calcifications. Left lobe normal. Impression: Benign. Category 2.",
    ],
)
def test_a_whole_report_that_never_names_the_breast_gives_no_worded_category(text: str) -> None:
    assert cats(text) == set()


def test_ocr_letters_for_digits_right_after_bi_rads() -> None:
    assert cats("IMPRESSION: BI-RADS l.") == {(None, "1")}
    assert cats("IMPRESSION: BI-RADS O.") == {(None, "0")}
    assert cats("IMPRESSION: BI-RADS O is not assigned.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Impression: BI-RADS 2.\n(BI-RADS 1 = negative, 2 = benign, 3 = probably benign)",
        "Impression: BI-RADS 2.\nBI-RADS: 1 = Negative; 2 = Benign; 3 = Probably benign",
        "BI-RADS 4 features are absent. Impression: BI-RADS 2.",
    ],
)
def test_one_line_legends_and_absent_features_give_nothing_more(text: str) -> None:
    assert cats(text) == {(None, "2")}


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("BIRADSACR-–—0123456abcIVl ：:.,;()\n\t")
            + list("АВСБабсΑΒ４Ｂ")
            + ["\u0301", "\u00ad", "\u200b", "ﬁ", "Ⅳ", "\u00a0"]
        ),
        max_size=160,
    )
)
def test_any_unicode_text_never_crashes_and_quotes_are_exact(text: str) -> None:
    for code in ("en", "fr", "ru"):
        result = extract_from_text(text, language=code)
        for p in result.proposals:
            assert text[p.start : p.end] == p.quote
