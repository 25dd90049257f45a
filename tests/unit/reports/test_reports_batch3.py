"""Regression cases from the third development batch (`*b3_*`): categories once read wrongly.

Each case is a short text in the shape that failed and exactly the categories a careful reader
takes from it (densities are left to their own tests).
"""

from __future__ import annotations

import pytest

from mammolog.reports import extract_from_text

Pair = tuple[str | None, str]

CASES: list[tuple[str, str, set[Pair]]] = [
    # deb3_18: a side inside a finding's aside after the value is not the category's side.
    (
        "de",
        "Befund: Kein Herd, kein suspekter Kalk.\n"
        "Beurteilung: BI-RADS II, benigne (Lymphknoten intramammär li.). Routinekontrolle.",
        {(None, "2")},
    ),
    # esb3_15: "BI-RADS 6 de mama derecha" names its side with "de".
    (
        "es",
        "Resultado anatomopatológico: carcinoma infiltrante.\n"
        "Categoría final: BI-RADS 6 de mama derecha.",
        {("R", "6")},
    ),
    # ptb3_06: "Histórico:" (Brazil) is a history section; its category is the past exam's.
    (
        "pt",
        "Histórico: nódulo na ME\nclassificado como BI-RADS 3 em\n03/2026.\n\n"
        "Impressão: nódulo estável,\nprovavelmente benigno. BI-RADS\n3. Controle em 6 meses.",
        {(None, "3")},
    ),
    # enb3_34: an Australian synoptic 1-5 report (no BI-RADS named) gives no category.
    (
        "en",
        "Mammography:  Right: 1 - no significant abnormality\n"
        "              Left:  3 - indeterminate / equivocal (distortion UOQ)\n"
        "Ultrasound:   Left: 2 - benign\n\n"
        "Overall assessment: Left 3. Proceed to stereotactic core biopsy.",
        set(),
    ),
    # enb3_18: sided assessment words restated by a number in a sentence of its own.
    (
        "en",
        "FINDINGS: IRREGULAR SPICULATED MASS IN THE LEFT BREAST.\n"
        "IMPRESSION: HIGHLY SUGGESTIVE OF MALIGNANCY LEFT BREAST. BI-RADS 5.\n",
        {(None, "5")},
    ),
    (
        "en",
        "Findings: irregular spiculated mass in the left breast.\n"
        "Impression: Highly suggestive of malignancy, left breast. BI-RADS 5.\n",
        {(None, "5")},
    ),
    # esb3_20: the one breast named later in the category's own clause is its side.
    (
        "es",
        "Hallazgos: no hay lesiones sospechosas.\n"
        "Opinión: categoría BI-RADS III por asimetría focal en mama derecha, sin correlato;\n"
        "control en 6 meses.",
        {("R", "3")},
    ),
    # ... but not a new sentence whose full stop a flattened text lost.
    (
        "en",
        "Screening mammogram. No suspicious findings. BIRADS: 2 Benign vascular and skin"
        " calcifications bilaterally. Recommendation: annual screening.",
        {(None, "2")},
    ),
    # frb3_17 flattened: a history label run into the sentence still makes its value past.
    (
        "fr",
        "COMPTE RENDU DE MACROBIOPSIE du sein gauche Mme X, 60 ans Indication : foyer de"
        " microcalcifications classé ACR 4 (BI-RADS 4B). Résultats histologiques : hyperplasie"
        " canalaire atypique. Conclusion : exérèse chirurgicale recommandée.",
        set(),
    ),
    (
        "it",
        "ECOGRAFIA MAMMARIA SINISTRA Paziente: Galli, 35 anni Anamnesi: fibroadenoma sx"
        " classificato BI-RADS 3 a marzo 2026. Nodulo invariato. Conclusioni: reperto stabile."
        " BI-RADS 3; controllo tra 6 mesi.",
        {(None, "3")},
    ),
    # nlb3_18 hard-wrapped: a legend cut by a line break is still a legend.
    (
        "nl",
        "Verslag: Mamma's met voornamelijk vetweefsel. Geen massa's.\n"
        "Conclusie: geen afwijkingen.\n\n"
        "* BI-RADS: 0 = aanvullend onderzoek\nnodig, 1 = normaal, 2 = goedaardig,\n"
        "  3 = waarschijnlijk goedaardig, 4 =\nverdacht, 5 = zeer verdacht.\n",
        set(),
    ),
    # deb3_05: OCR "l" for 1 before a side word closing the line.
    (
        "de",
        "Befund: Kein Herdbefund.\nBeurteilung: BI-RADS\nl bds.\n",
        {("B", "1")},
    ),
    # *b3_12/13/15: a negated or hypothetical BI-RADS 4 (also cut by a hard line break) beside
    # the real category once made a conflict, and the real category was lost.
    (
        "de",
        "Befund: Re. 9 Uhr 12 x 8 mm ovaler, glatt begrenzter echoarmer Herd, parallel, keine\n"
        "Kriterien einer BI-RADS-4-Läsion. Li. unauffällig.\n\n"
        "Beurteilung: Am ehesten Fibroadenom re. Sollte sich eine Größenzunahme zeigen, wäre der\n"
        "Befund als BI-RADS 4 einzustufen und zu stanzen. Aktuell BI-RADS 3, Kontrolle.",
        {(None, "3")},
    ),
    (
        "es",
        "MI a las 4 h: nódulo ovalado de 13 mm, circunscrito, paralelo. No presenta rasgos de\n"
        "BI-RADS 4. MD: normal.\n"
        "Impresión: probable fibroadenoma en MI, categoría BI-RADS 3.",
        {("L", "3")},
    ),
    (
        "fr",
        "Sein droit à 11h : nodule ovale, circonscrit, 14 mm, sans critère de malignité (pas\n"
        "d'argument pour une lésion ACR 4). Sein gauche normal.\n"
        "Conclusion : fibroadénome probable du sein droit, ACR 3.",
        {("R", "3")},
    ),
    (
        "it",
        "Dx ore 11: nodulo ovalare circoscritto, parallelo, privo di caratteristiche da BI-RADS 4."
        "\nConclusioni: verosimile fibroadenoma dx. Attualmente BI-RADS 3; controllo a 6 mesi.",
        {(None, "3")},
    ),
    (
        "pt",
        "MD às 9h: nódulo oval, circunscrito, paralelo à pele, hipoecoico, de 12 x 7 mm.\n"
        "Impressão: provável fibroadenoma. Caso haja crescimento, deverá ser reclassificado como\n"
        "BI-RADS 4. Categoria atual: BI-RADS 3.",
        {(None, "3")},
    ),
    (
        "ru",
        "Справа на 9 ч.: овальное образование 12 х 7 мм. Признаков BI-RADS 4 нет.\n"
        "Заключение: вероятно фиброаденома. При росте образование следует отнести к BI-RADS 4.\n"
        "В настоящее время – BI-RADS 3.",
        {(None, "3")},
    ),
    # ... but a line that ends a phrase of its own does not negate the value on the next one.
    (
        "en",
        "IMPRESSION: Suspicious irregular mass in the left breast\nBI-RADS 4B.\n"
        "Right breast without suspicious findings\nBI-RADS 1.\n",
        {("L", "4B"), ("R", "1")},
    ),
    # *b3_07: a second opinion: the outside exam's category is history, the reviewer's stands.
    (
        "de",
        "Auswärtige Mammographie vom 12.08.2026 (Radiologie Musterstadt), dort beurteilt als\n"
        "BI-RADS 4 rechts aufgrund gruppierter Mikroverkalkungen.\n\n"
        "Zusammenfassend rechts benigne Verkalkungen, BI-RADS 2. Keine Biopsie erforderlich.",
        {("R", "2")},
    ),
    (
        "en",
        "Outside report describes a 1.0 cm mass left breast 2:00 and assigns BI-RADS 4.\n\n"
        "IMPRESSION (our interpretation): Benign intramammary lymph node, left breast.\n"
        "BI-RADS 2 - Benign. Biopsy is not recommended.",
        {(None, "2")},
    ),
    (
        "es",
        "Se revisa mamografía realizada en otro centro (20/08/2026), informada como BI-RADS 0.\n"
        "Conclusión (nuestra valoración): estudio negativo. Categoría BI-RADS 1 bilateral.",
        {("B", "1")},
    ),
    (
        "fr",
        "Clichés de mammographie réalisés à l'extérieur le 04/08/2026, classés ACR 4 par le\n"
        "radiologue initial (foyer de microcalcifications QSE gauche).\n\n"
        "Conclusion de la relecture : microcalcifications probablement bénignes, ACR 3\n"
        "à gauche. Contrôle à 6 mois.",
        {("L", "3")},
    ),
    (
        "pl",
        "Mammografia wykonana w innym ośrodku (08.2026), oceniona tam jako BI-RADS 0.\n"
        "Wniosek konsultanta: BI-RADS 1 obu piersi.",
        {("B", "1")},
    ),
    (
        "ru",
        "Маммография из другого учреждения (08.2026), где оценена как BI-RADS 4.\n"
        "Наше заключение: доброкачественные изменения левой молочной железы, BI-RADS 2.",
        {("L", "2")},
    ),
    # *b3_05/07/30: one value for both breasts, in OCR'd and letter forms.
    (
        "fr",
        "Seins de densite de type A. Pas d'anomalie.\nConclusion : ACR\nl a droite et a gauche.\n",
        {("B", "1")},
    ),
    (
        "nl",
        "Geen massa's, geen verdachte microcalcificaties.\nConcl: ΒΙ-\nRADS l bdz.\n",
        {("B", "1")},
    ),
    (
        "en",
        "Bilateral mammography today shows no abnormality in either breast.\n\n"
        "I would classify this examination as BI-RADS 1, normal, on both sides.",
        {("B", "1")},
    ),
    # ... while a new label after a long line without a full stop starts afresh.
    (
        "en",
        "Impression: Negative. BI-RADS 1\n\nADDENDUM 07/16/2026\n"
        "After comparison with outside prior examinations, there is a new group of\n"
        "fine pleomorphic calcifications in the right breast, not present previously\n"
        "Revised assessment: BI-RADS 0, incomplete. Recommend magnification views\n",
        {(None, "0")},
    ),
    # *b3 compact forms: side letters opening a line, abbreviations, a plain 4 beside its 4C.
    (
        "en",
        "Summary:\nR - BI-RADS 4A (M3). Stereo VAB advised.\nL - BI-RADS 1 (M1).\n",
        {("R", "4A"), ("L", "1")},
    ),
    (
        "pl",
        "Pierś lewa: nieregularna zmiana z mikrozwapnieniami. Pierś prawa: bez zmian.\n\n"
        "Podsumowanie:\nL – BI-RADS 4C. Wskazana biopsja gruboigłowa.\nP – BI-RADS 1.\n",
        {("L", "4C"), ("R", "1")},
    ),
    (
        "es",
        "Mx bilat. Densidad B. Sin cambios vs 2024.\nBIRADS dx 2 sx 1\n",
        {("R", "2"), ("L", "1")},
    ),
    (
        "fr",
        "Seins graisseux (type a). Sein D : RAS.\n"
        "Au total : lésion suspecte sein G classée BI-RADS 5 ; sein D BI-RADS 1.",
        {("L", "5"), ("R", "1")},
    ),
    (
        "fr",
        "CONCLUSION :\nSein droit : anomalie classée ACR 4 (BI-RADS 4C), microbiopsie programmée.\n"
        "Sein gauche : ACR 1.\n",
        {("R", "4C"), ("L", "1")},
    ),
    (
        "pt",
        "MAMAS LIPOSSUBSTITUÍDAS. NÓDULO ESPICULADO NA MAMA ESQUERDA.\n"
        "CONCLUSÃO: BI-RADS 5 NA MAMA ESQUERDA E BI-RADS 1 NA MAMA DIREITA.",
        {("L", "5"), ("R", "1")},
    ),
    (
        "ru",
        "СТРУКТУРИРОВАННЫЙ ПРОТОКОЛ МАММОГРАФИИ\n"
        "+-----------+------------------+---------+\n"
        "| Сторона   | Находка          | BI-RADS |\n"
        "+-----------+------------------+---------+\n"
        "| Правая МЖ | микрокальцинаты  | 4A      |\n"
        "| Левая МЖ  | без особенностей | 1       |\n"
        "+-----------+------------------+---------+\n",
        {("R", "4A"), ("L", "1")},
    ),
    # *b3 addenda opened by a line with a date, an author or stars before any label colon.
    (
        "en",
        "Impression: Negative. BI-RADS 1.\n\n*** ADDENDUM 07/16/2026 ***\n"
        "There is a new group of fine pleomorphic calcifications in the right breast.\n"
        "Revised assessment: BI-RADS 0, incomplete. Recommend magnification views.\n",
        {(None, "0")},
    ),
    (
        "en",
        "Impression: Right BI-RADS 6. Left: BI-RADS 3, recommend 6 month MRI.\n\n"
        "ADDENDUM (05/09/2026, Dr P. Lau): Following multidisciplinary review, the left breast\n"
        "non-mass enhancement is new. The left breast assessment is amended to BI-RADS 4.\n",
        {("L", "4")},  # the addendum is silent about the right: its first value is left out
    ),
    (
        "fr",
        "Densité type B. Pas d'anomalie. Conclusion : ACR 1.\n\n"
        "ADDENDUM du 15/07/2026 (après réception des clichés antérieurs de 2024) :\n"
        "apparition d'une asymétrie focale au QSE droit.\n"
        "La classification est modifiée : ACR 0 à droite, complément par échographie.\n",
        {("R", "0")},
    ),
    (
        "ru",
        "Тип плотности C. В правой МЖ фокальная асимметрия 10 мм.\n"
        "Заключение: BI-RADS 0, рекомендована прицельная маммография.\n\n"
        "ДОПОЛНЕНИЕ от 05.08.2026 (после прицельной маммографии и УЗИ): асимметрия\n"
        "соответствует суммационной тени.\nОкончательная категория: BI-RADS 1.\n",
        {(None, "1")},
    ),
    # *b3_04: the combined final assessment, with an aside before its colon, is the only one.
    (
        "pt",
        "Mamografia: mamas densas (padrão D). Sem achados suspeitos. BI-RADS 1.\n"
        "Ultrassonografia: nódulo oval circunscrito na MD às 10h de 7 mm. BI-RADS 3.\n\n"
        "Conclusão final (mamografia + ultrassonografia): BI-RADS 3 – achado provavelmente"
        " benigno.\n",
        {(None, "3")},
    ),
    (
        "ru",
        "Маммография: плотность по ACR – D. Патологических образований не выявлено. BI-RADS 1.\n"
        "УЗИ: в левой молочной железе на 2 ч. простая киста 9 мм. BI-RADS 2.\n\n"
        "Итоговая оценка по системе BI-RADS: 2. Контроль через 12 месяцев.\n",
        {(None, "2")},
    ),
    # Variants of the batch's shapes: an addendum label's date is no past exam ...
    (
        "en",
        "IMPRESSION: Right breast: BI-RADS 1. Left breast: BI-RADS 4B.\n\n"
        "ADDENDUM 06/12/2026: The left breast is downgraded to BI-RADS 3. Right breast unchanged.",
        {("R", "1"), ("L", "3")},
    ),
    # ... "Conclusion globale (...)" is the combined assessment ...
    (
        "fr",
        "Mammographie : ACR 1. Échographie : ACR 2.\n"
        "Conclusion globale (mammographie + échographie) : ACR 2.",
        {(None, "2")},
    ),
    # ... and an overall category keeps no side from the finding that caused it.
    (
        "en",
        "Findings: irregular mass in the left breast.\n"
        "Overall: BI-RADS 4 due to the left breast mass, biopsy advised.\n",
        {(None, "4")},
    ),
    # A side named two wrapped lines before an addendum's value: the value is held back, not
    # read as the exam's.
    (
        "en",
        "IMPRESSION: Right breast:\nBI-RADS 1. Left breast:\nBI-RADS 4B.\n\n"
        "ADDENDUM 06/12/2026:\nAfter review the left\nbreast is downgraded to\nBI-RADS 3.",
        set(),
    ),
    # Second opinions in the other languages of the batch: the outside reading is history.
    (
        "it",
        "Revisione di mammografia esterna (08/2026), refertata come BI-RADS 4.\n"
        "Nostra valutazione: linfonodo intramammario, BI-RADS 2.",
        {(None, "2")},
    ),
    (
        "pt",
        "Mamografia realizada em outro serviço (08/2026), laudada como BI-RADS 4.\n"
        "Nossa avaliação: linfonodo intramamário, BI-RADS 2.",
        {(None, "2")},
    ),
    (
        "ru",
        "Снимки из другой клиники, где выставлена категория BI-RADS 4.\n"
        "Наше заключение: BI-RADS 2.",
        {(None, "2")},
    ),
    (
        "nl",
        "Mammografie elders verricht, daar beoordeeld als BI-RADS 4. De borsten zijn heterogeen"
        " dens.\nConclusie: intramammaire lymfeklier, BI-RADS 2.",
        {(None, "2")},
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[c[1][:50] for c in CASES])
def test_batch3_category(language: str, text: str, expected: set[Pair]) -> None:
    result = extract_from_text(text)
    assert result.language == language
    assert {(p.side, p.value) for p in result.by_field("category")} == expected
