"""Regression cases from the development batches `*b37_*` to `*b48_*`, written blind to the
complete ground-truth convention: every wrong value they showed before the rules were fitted,
and the missed shapes fixed with them, cut down to their shape.

Each case is a short text in the shape that was read wrongly and exactly the (field, side,
value) triples a careful reader takes from it (an empty set: nothing may be proposed).
"""

from __future__ import annotations

import pytest

from mammolog.reports import extract_from_text

Triple = tuple[str, str | None, str]

CASES: list[tuple[str, str, set[Triple]]] = [
    # plb37_09: a value dated by a day and month without a year is an earlier exam's.
    (
        "pl",
        "REZONANS MAGNETYCZNY PIERSI – 28.04.2025\n"
        "Rozpoznanie: rak piersi prawej? (BI-RADS 5 w MMG z 15.04.)\n"
        "Wnioski: pierś prawa BI-RADS 5, jednoogniskowo.",
        {("category", "R", "5")},
    ),
    # deb38_10: "BI-RADS 3 or higher" names a threshold, not a result.
    (
        "de",
        "Mammasonographie beidseits.\nBeidseits kein Herdbefund.\n"
        "Kein Befund, der eine Einstufung als BI-RADS 3 oder höher rechtfertigen würde.\n"
        "Beurteilung: Sonographisch unauffälliger Befund beidseits.",
        set(),
    ),
    (
        "en",
        "Bilateral breast ultrasound.\nNo finding warranting BI-RADS 3 or higher.\n"
        "IMPRESSION: No sonographic abnormality.",
        set(),
    ),
    # itb38_03, itb40_10: assessment words among the findings, when the report has an
    # impression of its own, describe the findings.
    (
        "it",
        "Mammelle quasi completamente adipose (ACR a).\nMammella sinistra negativa.\n\n"
        "Conclusione della revisione: linfonodo intramammario, BI-RADS 2 a destra.",
        {("category", "R", "2"), ("density", None, "a")},
    ),
    (
        "it",
        "Mammelle con aree sparse di densità fibroghiandolare (ACR B).\n"
        "Mammella destra negativa.\n\nConclusioni: si consiglia biopsia.",
        {("density", None, "b")},
    ),
    # enb39_10: OCR's "l" for I and "0" for O in words in capitals, and "l" for 1 before a dash.
    (
        "en",
        "lMPRESSl0N:\nRlGHT BREAST: Bl-RADS 4C - HlGH SUSPlCl0N F0R MALlGNANCY\n"
        "LEFT BREAST: Bl-RADS l - NEGATlVE",
        {("category", "R", "4C"), ("category", "L", "1")},
    ),
    # enb39_16, esb41_04, frb41_02: a correction of laterality or a superseded original leaves
    # none of the original's categories standing; its density stands.
    (
        "en",
        'CORRECTED REPORT\nThe impression of the original report stated "Right breast" in error.\n'
        "Corrected impression: Left breast: BI-RADS 4C.\n\n"
        "------------ Original report (superseded) ------------\n"
        "Composition: The breasts are extremely dense.\nImpression: Right breast: BI-RADS 4C.",
        {("category", "L", "4C"), ("density", None, "d")},
    ),
    (
        "es",
        "Impresión: BI-RADS 3 en mama izquierda. Control ecográfico en 6 meses.\n\n"
        "ADENDA 08/02/2024: Corrección de lateralidad. La lesión se localiza en la mama derecha. "
        "Debe leerse: BI-RADS 3 en mama derecha. Mama izquierda sin hallazgos.",
        {("category", "R", "3")},
    ),
    (
        "fr",
        "RECTIFICATIF DE COMPTE RENDU\nLe compte rendu comportait une erreur de côté. La "
        "classification est inchangée : lésion du sein droit classée ACR 4.\n\n"
        "Conclusion initiale : nodule irrégulier du sein gauche, classé ACR 4.",
        {("category", "R", "4")},
    ),
    # enb37_04 and b41: an addendum revising one breast and silent about the other: whether
    # the other's first value stands, readers disagree, so nothing is proposed for it.
    (
        "en",
        "ADDENDUM: Outside priors reviewed. The left breast assessment is revised to BI-RADS 2.\n"
        "\nORIGINAL REPORT\nIMPRESSION: Left breast BI-RADS 0. Right breast BI-RADS 1.",
        {("category", "L", "2")},
    ),
    (
        "en",
        "ADDENDUM: The left breast assessment is revised to BI-RADS 2. The right breast "
        "assessment is unchanged.\n\nORIGINAL REPORT\n"
        "IMPRESSION: Left breast BI-RADS 0. Right breast BI-RADS 1.",
        {("category", "L", "2"), ("category", "R", "1")},
    ),
    # enb39_18: a side after the value's own wording in brackets.
    (
        "en",
        "Dr. Achebe interpreted the study as BI-RADS category 3\n(probably benign) for the left "
        "breast, due to a 7 mm oval mass.",
        {("category", "L", "3")},
    ),
    # itb37_23, frb42_03, enb43_14: one category for both breasts in the report's words.
    (
        "it",
        "Ho classificato l'esame come categoria BI-RADS 2 su entrambi i lati.",
        {("category", "B", "2")},
    ),
    (
        "fr",
        "Conclusion : examen sans anomalie suspecte, ACR 2 des deux cotes.",
        {("category", "B", "2")},
    ),
    (
        "en",
        "We are pleased to tell you that your mammogram was normal. Both your breasts were given "
        "category 1.",
        {("category", "B", "1")},
    ),
    # plb37_25, plb41_05, ptb41_04: an addendum whose label holds its date revises the density.
    (
        "pl",
        "Mammografia – 15.05.2025\nGęstość typu B.\nWniosek: BI-RADS 2.\n\n"
        "ANEKS (20.05.2025): Po ponownej ocenie – piersi niejednorodnie gęste (typ C), nie typ B.",
        {("category", None, "2"), ("density", None, "c")},
    ),
    (
        "pl",
        "Opis mammografii – 20.09.2023\nPiersi niemal całkowicie tłuszczowe (ACR a).\nBI-RADS 1.\n"
        "Aneks z dnia 22.09.2023: korekta gęstości – piersi z rozproszonymi obszarami tkanki "
        "włóknisto-gruczołowej (ACR b).",
        {("category", None, "1"), ("density", None, "b")},
    ),
    (
        "pt",
        "Padrão mamário: mamas quase totalmente adiposas (tipo a).\nConclusão: BI-RADS 1.\n\n"
        "ADENDA (19/05/2023): as mamas apresentam áreas dispersas de densidade fibroglandular "
        "(tipo b). A categoria BI-RADS mantém-se.",
        {("category", None, "1"), ("density", None, "b")},
    ),
    # plb37_25: "therefore" starts a clause a negation before it does not reach.
    (
        "pl",
        "Mammografia 15.05.2025.\nANEKS: Zmiana nie ma badań, dlatego ocena zostaje zmieniona na\n"
        "BI-RADS 3.",
        {("category", None, "3")},
    ),
    # enb41_14, frb41_08: a letter quoting the category the patient was referred for.
    (
        "en",
        "Dear Dr Abernathy,\nYou will recall that her mammogram in March was reported as BI-RADS 3 "
        "because of calcifications in the left breast.",
        set(),
    ),
    (
        "fr",
        "Cher confrère,\nJ'ai revu Mme F., adressée pour une image classée ACR 4 du sein droit "
        "sur la mammographie réalisée en décembre.",
        set(),
    ),
    # deb42_06, nlb42_06, enb38_20: the reason for the exam is its indication.
    (
        "de",
        "Anlass: Verlaufskontrolle 6 Monate nach Einstufung als BI-RADS 3.\n\n"
        "Befund: Parenchym ACR b.\nBeurteilung: Unveränderter Befund.",
        {("density", None, "b")},
    ),
    (
        "nl",
        "Verwijzing vanuit het bevolkingsonderzoek borstkanker (BI-RADS 0 links).\n"
        "Conclusie: geen afwijkingen.",
        set(),
    ),
    (
        "en",
        "Reason: heterogeneously dense breasts on mammography.\n\nImpression:\n"
        "1. Mass at 2 o'clock - BI-RADS 3.",
        {("category", None, "3")},
    ),
    # ptb42_12: two categories offered side by side with no side are no one value.
    ("pt", "Mamografia e ecografia 10/2023\nConclusão: BI-RADS: 2 | 4A", set()),
    # ptb39_03: a page holding an earlier exam under its own heading.
    (
        "pt",
        "=== EXAME ATUAL ===\nConclusão: Mama direita: BI-RADS 4A. Mama esquerda: BI-RADS 1.\n\n"
        "=== EXAME ANTERIOR (para referência) ===\nMamografia bilateral – 2025-06-12\n"
        "Padrão ACR c.\n\nConclusão: BI-RADS 0 – completar estudo com ecografia.",
        {("category", "R", "4A"), ("category", "L", "1")},
    ),
    # plb39_10: fatty with scattered fibroglandular density is density b.
    (
        "pl",
        "Piersi o budowie tłuszczowej z rozproszonymi obszarami gęstości\n"
        "włóknisto-gruczołowej. Wniosek: obraz prawidłowy.",
        {("density", None, "b")},
    ),
    # enb41_30: an "Outside:" line in a compact second read is the outside reading.
    (
        "en",
        "2nd read (outside CD):\nOutside: BR 4A L.  Density C.\nOwn reading: density B.",
        {("density", None, "b")},
    ),
    # plb43_08: a history sentence wrapped over a line with "r." and "godz." in it.
    (
        "pl",
        "USG piersi lewej – kontrola. Data: 19.03.2025\n\n"
        "W badaniu z 02.2022 r. zmiana w piersi lewej na godz. 3 oceniona jako\n"
        "BI-RADS 3; w kontroli 09.2022 również BI-RADS 3.\n\nWniosek: obraz stabilny.",
        set(),
    ),
    # plb9_03 (kept): this exam's own date on the line before a value is no past.
    (
        "pl",
        "Uprzejmie informujemy, że wynik Pani mammografii wykonanej 21.11.2026 r. jest prawidłowy\n"
        "– nie stwierdzono zmian podejrzanych (kategoria BI-RADS 1 – wynik negatywny).",
        {("category", None, "1")},
    ),
    # b44: a tumour board's minutes or a discharge letter quote earlier exams; none is its own.
    (
        "de",
        "Interdisziplinäre Tumorkonferenz Brustzentrum – Protokoll\nSitzung vom 26.02.2025\n\n"
        "Bildgebung:\n  03.02.2025 Mammographie bds.: Mikrokalk links, BI-RADS 4C, ACR C",
        set(),
    ),
    (
        "en",
        "Mammogram review for tumour board.\nDensity: heterogeneously dense.\n"
        "IMPRESSION: BI-RADS 0, ultrasound to follow.",
        {("category", None, "0"), ("density", None, "c")},
    ),
    # esb44_10, nlb44_06: "bilateral" after the exam's name says which exam was made.
    (
        "es",
        "Cons. Mama 16/06/25: Mx bilat 10/06/25: BI-RADS 2 (quistes oleosos). Dens. B.",
        {("category", None, "2"), ("density", None, "b")},
    ),
    # esb44_09: a partial mastectomy leaves the breast: its side's density stays its own.
    (
        "es",
        "Composición mamaria:\n  Mama derecha: extremadamente densa.\n  Mama izquierda: "
        "(status posmastectomía parcial).\n\nConclusión: BI-RADS 1 bilateral.",
        {("category", "B", "1"), ("density", "R", "d")},
    ),
    # rub44_02: "Повод:" is the reason for the exam.
    (
        "ru",
        "УЗИ молочных желёз – контроль через 6 месяцев\n\n"
        "Повод: динамическое наблюдение образования правой МЖ (BI-RADS 3).\n\n"
        "Заключение: образование правой МЖ, вероятно доброкачественное.\nBI-RADS 3.",
        {("category", None, "3")},
    ),
    # itb48_01: Italian "bil." is both breasts.
    (
        "it",
        "Mx bil. 2P 15/01/25\ndensità ACR b\nBI-RADS 2 bil. (linfonodo intramammario sn)",
        {("category", "B", "2"), ("density", None, "b")},
    ),
    # nlb48_03, plb48_03: OCR's "1" opening a word in small letters is an l.
    (
        "nl",
        "Mammografie 1inks.\nHet mammaweefsel is extreem dens (ACR d).\nC0NCLUSIE: BI-RADS 5 1inks.",
        {("category", "L", "5"), ("density", None, "d")},
    ),
    (
        "pl",
        "Piersi o niejednorodnie dużej gęstości (typ c).\nWNI0SEK: BI-RADS 4C w piersi 1ewej.",
        {("category", "L", "4C"), ("density", None, "c")},
    ),
    # enb46_09, enb28_23: "at that time" and a "Background:" section speak of the past.
    (
        "en",
        "Clinical details: Left wide local excision 2019.\n"
        "Pre-operative mammogram at that time was reported as BI-RADS 5.\n\n"
        "Report:\nScattered areas of fibroglandular density. No new mass.",
        {("density", None, "b")},
    ),
    (
        "en",
        "Background: presented with a right breast mass; Left breast BI-RADS 1 at diagnosis.\n"
        "Plan: surgery.",
        set(),
    ),
    # esb47_07, plb47_08, frb47_05: addenda headed "ADENDUM", "Uzupełnienie opisu badania",
    # or naming a French ACR category, replace the original's category.
    (
        "es",
        "Conclusión: BI-RADS 0.\n\nADENDUM (16/07/2024):\nLa asimetría de la mama izquierda "
        "está sin cambios, por lo que se reclasifica como BI-RADS 2 izquierda.",
        {("category", "L", "2")},
    ),
    (
        "pl",
        "Uzupełnienie opisu badania – 18.04.2024 r.\nZagęszczenie w sutku prawym jest stabilne – zmiana kategorii na BI-RADS 2.\n\n"
        "Opis pierwotny (15.04.2024 r.):\nGęstość: ACR C.\nWniosek: BI-RADS 0.",
        {("category", "R", "2"), ("density", None, "c")},
    ),
    (
        "fr",
        "Conclusion : ACR 0 – agrandissements nécessaires.\n\nCOMPLÉMENT DU 22/01/2024\n"
        "Les microcalcifications sont sans équivalent sur les clichés de 2021 : elles sont classées "
        "ACR 4.",
        set(),
    ),
    # itb47_11: a second opinion quoting the outside centre's reading.
    (
        "it",
        "SECONDO PARERE RADIOLOGICO\nMammografia eseguita il 28/12/2023 presso altra struttura,\n"
        'refertata come "distorsione mammella destra, BI-RADS 4B".\n\n'
        "Giudizio conclusivo: BI-RADS 4C.",
        {("category", None, "4C")},
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[c[1][:50] for c in CASES])
def test_batch37_case(language: str, text: str, expected: set[Triple]) -> None:
    result = extract_from_text(text, language=language)
    got = {
        (p.field, p.side, p.value) for p in result.proposals if p.field in ("category", "density")
    }
    assert got == expected
