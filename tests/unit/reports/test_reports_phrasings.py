"""Phrasings of categories and density seen across the nine languages, one case each.

Each case is a short report (enough words for its language to be recognised) and exactly the
categories and densities a careful reader takes from it. Every case that once failed stays.
"""

from __future__ import annotations

import pytest

from mammolog.reports import extract_from_text

Triple = tuple[str, str | None, str]

CASES: list[tuple[str, str, set[Triple]]] = [
    (
        "en",
        "IMPRESSION: BI-RADS® Assessment Category 2: Benign Finding(s).",
        {("category", None, "2")},
    ),
    ("en", "Overall BI-RADS: 2", {("category", None, "2")}),
    (
        "en",
        "R breast: BI-RADS 1. L breast: BI-RADS 3.",
        {("category", "R", "1"), ("category", "L", "3")},
    ),
    (
        "en",
        "BI-RADS 1 - Negative (right), BI-RADS 2 - Benign (left).",
        {("category", "R", "1"), ("category", "L", "2")},
    ),
    ("en", "The left breast is BI-RADS 3.", {("category", "L", "3")}),
    ("en", "Density (ACR): C.", {("density", None, "c")}),
    ("en", "The breasts are heterogeneous dense.", {("density", None, "c")}),
    ("en", "Breast tissue density: scattered fibroglandular.", {("density", None, "b")}),
    (
        "de",
        "Beurteilung: BI-RADS-Kategorie: 2 beidseits. Keine suspekten Befunde.",
        {("category", "B", "2")},
    ),
    (
        "de",
        "Mamma re.: BI-RADS 1. Mamma li.: BI-RADS 4a. Befund mit Empfehlung.",
        {("category", "R", "1"), ("category", "L", "4A")},
    ),
    (
        "de",
        "Beurteilung: Benigner Befund beidseits, keine Malignitätskriterien.",
        {("category", "B", "2")},
    ),
    ("de", "Die Parenchymdichte nach ACR: c. Keine Herdbefunde.", {("density", None, "c")}),
    (
        "fr",
        "Conclusion : classification ACR : 2 à droite, 1 à gauche. Pas d'anomalie.",
        {("category", "R", "2"), ("category", "L", "1")},
    ),
    ("fr", "Conclusion : ACR 3 (sein droit). Examen de contrôle.", {("category", "R", "3")}),
    ("fr", "La densité mammaire est de type 3. Pas d'anomalie.", {("density", None, "c")}),
    (
        "es",
        "Conclusión: BI-RADS 2 (mama derecha) y BI-RADS 1 (mama izquierda).",
        {("category", "R", "2"), ("category", "L", "1")},
    ),
    (
        "es",
        "Mama derecha: categoría 2 de BI-RADS. No se observan lesiones.",
        {("category", "R", "2")},
    ),
    ("es", "Mamas de densidad media (B). No se observan lesiones.", {("density", None, "b")}),
    (
        "pt",
        "Conclusão: BI-RADS®: categoria 2. Achados benignos na mama.",
        {("category", None, "2")},
    ),
    (
        "it",
        "Conclusioni: classe BI-RADS: 3 a destra. Si consiglia controllo.",
        {("category", "R", "3")},
    ),
    (
        "nl",
        "Mammadensiteit: ACR-categorie c. Geen afwijkingen in de borst.",
        {("density", None, "c")},
    ),
    (
        "nl",
        "Conclusie: BI-RADS rechts 1 en links 2.",
        {("category", "R", "1"), ("category", "L", "2")},
    ),
    (
        "pl",
        "Typ budowy piersi: B. Wnioski: kategoria BI-RADS 3 – pierś prawa.",
        {("density", None, "b"), ("category", "R", "3")},
    ),
    (
        "ru",
        "Заключение: справа – BI-RADS 3, слева – BI-RADS 1.",
        {("category", "R", "3"), ("category", "L", "1")},
    ),
    (
        "ru",
        "Тип C по ACR. Заключение: категория по классификации BI-RADS – 4А (справа).",
        {("density", None, "c"), ("category", "R", "4A")},
    ),
    ("ru", "Заключение: по шкале BI-RADS: 2 (с обеих сторон).", {("category", "B", "2")}),
    ("en", "ASSESSMENT: Benign. BI-RADS 2.", {("category", None, "2")}),
    (
        "en",
        "Impression: Negative bilateral screening mammogram. BI-RADS 1.",
        {("category", None, "1")},
    ),
    ("en", "BI-RADS Category: 3 - Probably Benign (left breast)", {("category", "L", "3")}),
    (
        "en",
        "Final Assessment:\nRight Breast: BI-RADS 2 - Benign\nLeft Breast: BI-RADS 4A - Low suspicion for malignancy",
        {("category", "R", "2"), ("category", "L", "4A")},
    ),
    ("en", "Assessment Category: Left breast: 4B", {("category", "L", "4B")}),
    ("en", "BI-RADS: Right - 1, Left - 2", {("category", "R", "1"), ("category", "L", "2")}),
    ("en", "Left breast BI-RADS category 4C: high suspicion.", {("category", "L", "4C")}),
    ("en", "BI-RADS 6 right breast (known biopsy-proven malignancy).", {("category", "R", "6")}),
    ("en", "The overall BI-RADS assessment is 0: incomplete.", {("category", None, "0")}),
    ("en", "Breast Composition: C - Heterogeneously dense.", {("density", None, "c")}),
    ("en", "Breast density is category B (scattered fibroglandular).", {("density", None, "b")}),
    ("en", "ACR breast density: D.", {("density", None, "d")}),
    ("en", "Tissue density: BI-RADS B.", {("density", None, "b")}),
    (
        "de",
        # "unauffällig" (unremarkable) is a vague word, not the assessment "negativ": no category
        "Befund: Parenchymdichte: ACR-Typ II. Keine Herdbefunde. Beurteilung: unauffälliger Befund.",
        {("density", None, "b")},
    ),
    (
        "de",
        "Befund: Dichte ACR III beidseits. Beurteilung: suspekter Befund links, BI-RADS 4.",
        {("density", None, "c"), ("category", "L", "4")},
    ),
    (
        "de",
        "Die Mammographie zeigt eine Dichte Typ C nach ACR. Beurteilung: BI-RADS 2 beidseits.",
        {("density", None, "c"), ("category", "B", "2")},
    ),
    (
        "de",
        "Der Dichtegrad ist C. Die Beurteilung ergibt BI-RADS 1.",
        {("density", None, "c"), ("category", None, "1")},
    ),
    (
        "fr",
        "Seins de densité hétérogène, type C. Conclusion : ACR 2.",
        {("density", None, "c"), ("category", None, "2")},
    ),
    (
        "fr",
        "Antécédents : diabète de type 2. Conclusion : mammographie normale, ACR 1.",
        {("category", None, "1")},
    ),
    (
        "fr",
        "Densité glandulaire de type c. Pas d'anomalie. Conclusion : BI-RADS 1 bilatéral.",
        {("density", None, "c"), ("category", "B", "1")},
    ),
    (
        "ru",
        "Рентгенологическая плотность ткани: тип B. Заключение: BI-RADS 2.",
        {("density", None, "b"), ("category", None, "2")},
    ),
    (
        "ru",
        "Структура молочных желез: тип B по ACR. Заключение: BI-RADS 1.",
        {("density", None, "b"), ("category", None, "1")},
    ),
    (
        "pt",
        "Mamas com densidade do tipo B. Conclusão: BI-RADS: categoria 3 à esquerda.",
        {("density", None, "b"), ("category", "L", "3")},
    ),
    (
        "it",
        "Densità mammaria di tipo ACR B. Conclusioni: BI-RADS 3 mammella sx.",
        {("density", None, "b"), ("category", "L", "3")},
    ),
    (
        "nl",
        "Conclusie: BI-RADS-score 2. Densiteit volgens ACR: b.",
        {("density", None, "b"), ("category", None, "2")},
    ),
    (
        "pl",
        "Wnioski: BI-RADS 2 po stronie prawej. Gęstość: B wg ACR.",
        {("density", None, "b"), ("category", "R", "2")},
    ),
    (
        "es",
        "Conclusión: BI-RADS 4B MD. Tipo de densidad: C. Se recomienda biopsia.",
        {("density", None, "c"), ("category", "R", "4B")},
    ),
    ("es", "Clasificación: BI-RADS 3 en MI. Control en seis meses.", {("category", "L", "3")}),
    (
        "fr",
        "Mammographie bilatérale. Densité mammaire : seins de type 3 (densité hétérogène). Conclusion : ACR 2.",
        {("density", None, "c"), ("category", None, "2")},
    ),
    (
        "fr",
        "Mammographie bilatérale. Seins denses de façon hétérogène (type c). Conclusion : BI-RADS 1.",
        {("density", None, "c"), ("category", None, "1")},
    ),
    (
        "fr",
        "Mammographie bilatérale. Seins à densité graisseuse prédominante (type a). Conclusion : ACR 1.",
        {("density", None, "a"), ("category", None, "1")},
    ),
    (
        "fr",
        "Mammographie bilatérale. Parenchyme mammaire de densité B. Conclusion : ACR 2.",
        {("density", None, "b"), ("category", None, "2")},
    ),
    (
        "fr",
        "Mammographie bilatérale. Les seins sont extrêmement denses, ce qui diminue la sensibilité. Conclusion : ACR 1.",
        {("density", None, "d"), ("category", None, "1")},
    ),
    (
        "fr",
        "Mammographie bilatérale. Composition mammaire : type B selon le BI-RADS. Conclusion : BI-RADS 1.",
        {("density", None, "b"), ("category", None, "1")},
    ),
    (
        "fr",
        "Mammographie bilatérale. Densité : type 4 de l'ACR. Conclusion : ACR 2.",
        {("density", None, "d"), ("category", None, "2")},
    ),
    (
        "fr",
        "Mammographie. Seins de densité mixte (type 2). Aucune anomalie. Conclusion: ACR 1.",
        {("density", None, "b"), ("category", None, "1")},
    ),
    (
        "de",
        "Mammographie beidseits. Das Drüsengewebe ist extrem dicht (ACR D). BI-RADS 1.",
        {("density", None, "d"), ("category", None, "1")},
    ),
    (
        "de",
        "Mammographie beidseits. Parenchym: involutiert, ACR A. Beurteilung: BI-RADS 2.",
        {("density", None, "a"), ("category", None, "2")},
    ),
    (
        "de",
        "Mammographie beidseits. Brustdichte nach ACR: Typ C. Beurteilung: BI-RADS 1.",
        {("density", None, "c"), ("category", None, "1")},
    ),
    (
        "de",
        "Mammographie beidseits. Mammographische Dichte: ACR b. Beurteilung: BI-RADS 1 beidseits.",
        {("density", None, "b"), ("category", "B", "1")},
    ),
    (
        "de",
        "Mammographie beidseits. Dichtes Drüsenparenchym (ACR-Kategorie C). Beurteilung: BI-RADS 2.",
        {("density", None, "c"), ("category", None, "2")},
    ),
    (
        "de",
        "Mammographie beidseits. Drüsenparenchym vom Dichtetyp ACR C. Beurteilung: BI-RADS 2.",
        {("density", None, "c"), ("category", None, "2")},
    ),
    (
        "de",
        "Mammographie beidseits. Fettreiche Involution (ACR a). Beurteilung: BI-RADS 1.",
        {("density", None, "a"), ("category", None, "1")},
    ),
    (
        "ru",
        "Маммография. Плотность молочных желез: ACR C (неоднородно плотные). Заключение: BI-RADS 2.",
        {("density", None, "c"), ("category", None, "2")},
    ),
    (
        "ru",
        "Маммография. Молочные железы преимущественно жировой плотности (тип A). Заключение: BI-RADS 1.",
        {("density", None, "a"), ("category", None, "1")},
    ),
    (
        "ru",
        "Маммография. Тип строения по ACR: B. Заключение: BI-RADS 1 с обеих сторон.",
        {("density", None, "b"), ("category", "B", "1")},
    ),
    (
        "ru",
        "Маммография. Плотность ткани молочных желез – тип D по ACR. Заключение: BI-RADS 2.",
        {("density", None, "d"), ("category", None, "2")},
    ),
    (
        "es",
        "Mamografía bilateral. Mamas con patrón de densidad B de la ACR. Conclusión: BI-RADS 1.",
        {("density", None, "b"), ("category", None, "1")},
    ),
    (
        "pt",
        "Mamografia bilateral. Mamas com densidade tipo C do ACR. Conclusão: BI-RADS 1.",
        {("density", None, "c"), ("category", None, "1")},
    ),
    (
        "it",
        "Mammografia bilaterale. Composizione mammaria di tipo C secondo ACR. Conclusioni: BI-RADS 1.",
        {("density", None, "c"), ("category", None, "1")},
    ),
    (
        "nl",
        "Mammografie beiderzijds. Het klierweefsel is heterogeen dens (ACR c). Conclusie: BI-RADS 1.",
        {("density", None, "c"), ("category", None, "1")},
    ),
    (
        "pl",
        "Mammografia obu piersi. Piersi o gęstości typu C (wg ACR). Wnioski: BI-RADS 1.",
        {("density", None, "c"), ("category", None, "1")},
    ),
    (
        "en",
        "Bilateral mammogram. There are scattered areas of fibroglandular tissue (ACR b). IMPRESSION: BI-RADS 1.",
        {("density", None, "b"), ("category", None, "1")},
    ),
    (
        "en",
        "Bilateral mammogram. Breast composition: The breasts are almost entirely fatty (A). BI-RADS 1.",
        {("density", None, "a"), ("category", None, "1")},
    ),
    (
        "en",
        "Screening mammogram, both breasts.\nIMPRESSION: Benign findings. Routine annual screening.",
        {("category", None, "2")},
    ),
    (
        "en",
        "Diagnostic mammogram of the right breast.\nASSESSMENT: Probably benign. Six month follow-up.",
        {("category", None, "3")},
    ),
    (
        "en",
        "Bilateral mammogram.\nAssessment: Suspicious abnormality - biopsy should be considered.",
        {("category", None, "4")},
    ),
    (
        "de",
        "Mammographie beidseits.\nBeurteilung: Wahrscheinlich gutartiger Befund rechts, Kontrolle in 6 Monaten.",
        {("category", "R", "3")},
    ),
    (
        "de",
        "Mammographie beidseits.\nBeurteilung: Negative Mammographie beidseits.",
        {("category", "B", "1")},
    ),
    (
        "de",
        "Mammographie beidseits.\nBeurteilung: Unauffällige Mammographie beidseits.",
        set(),
    ),
    (
        "fr",
        "Mammographie bilatérale.\nConclusion : anomalie probablement bénigne du sein gauche. Contrôle à 6 mois.",
        {("category", "L", "3")},
    ),
    ("fr", "Mammographie bilatérale.\nConclusion : anomalie bénigne.", {("category", None, "2")}),
    (
        "es",
        "Mamografía bilateral.\nConclusión: Hallazgos probablemente benignos en mama izquierda. Control en 6 meses.",
        {("category", "L", "3")},
    ),
    ("es", "Mamografía bilateral.\nConclusión: Estudio negativo.", set()),
    (
        "it",
        "Mammografia bilaterale.\nConclusioni: reperto probabilmente benigno a destra.",
        {("category", "R", "3")},
    ),
    ("pt", "Mamografia bilateral.\nConclusão: Achados benignos.", {("category", None, "2")}),
    (
        "nl",
        "Mammografie beiderzijds.\nConclusie: Waarschijnlijk benigne afwijking links.",
        {("category", "L", "3")},
    ),
    (
        "pl",
        "Mammografia obu piersi.\nWnioski: Zmiana prawdopodobnie łagodna w piersi lewej.",
        set(),
    ),
    (
        "ru",
        "Маммография обеих молочных желез.\nЗаключение: Доброкачественные изменения.",
        {("category", None, "2")},
    ),
    ("en", "Bilateral mammogram.\nIMPRESSION: Negative.", {("category", None, "1")}),
    ("en", "Bilateral screening mammogram.\nImpression: Normal mammogram.", set()),
    (
        "en",
        "BI-RADS 0 - needs additional imaging evaluation. Left breast asymmetry.",
        {("category", None, "0")},
    ),
    (
        "en",
        "Bilateral mammogram. Impression: BI-RADS 4A (right), 1 (left).",
        {("category", "R", "4A"), ("category", "L", "1")},
    ),
    (
        "en",
        "Bilateral mammogram. Impression: Downgraded to BI-RADS 2 from BI-RADS 3.",
        {("category", None, "2")},
    ),
    (
        "en",
        "Bilateral mammogram. Impression: BI-RADS 2 (previously BI-RADS 3).",
        {("category", None, "2")},
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[c[1][:50] for c in CASES])
def test_phrasing(language: str, text: str, expected: set[Triple]) -> None:
    result = extract_from_text(text)
    assert result.language == language
    got = {
        (p.field, p.side, p.value) for p in result.proposals if p.field in ("category", "density")
    }
    assert got == expected
