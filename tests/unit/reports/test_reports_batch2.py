"""Regression cases from the second development batch (`*b2_*`): values once read wrongly.

Each case is a short report and exactly the categories and densities a careful reader takes
from it.
"""

from __future__ import annotations

import pytest

from mammolog.reports import extract_from_text

Triple = tuple[str, str | None, str]

CASES: list[tuple[str, str, set[Triple]]] = [
    # enb2_24: "R breast - BIRADS 0" was read as one overall 0 instead of a value per breast.
    (
        "en",
        "Screening mammogram. The breasts are extremely dense.\n"
        "Assessment:\nR breast - BIRADS 0\nL breast - BIRADS 0\n",
        {("category", "R", "0"), ("category", "L", "0"), ("density", None, "d")},
    ),
    (
        "en",
        "Screening mammogram of both breasts.\nAssessment:\nR breast - BI-RADS 1\n"
        "L breast - BI-RADS 2\n",
        {("category", "R", "1"), ("category", "L", "2")},
    ),
    # frb2_01: "ACR 2 à droite et à gauche" was read as the right breast's 2 only.
    (
        "fr",
        "Mammographie de dépistage. Seins de densité type B.\n"
        "Conclusion : Examen bénin. ACR 2 à droite et à gauche.",
        {("category", "B", "2"), ("density", None, "b")},
    ),
    (
        "fr",
        "Mammographie de dépistage bilatérale. Pas de masse.\n"
        "Conclusion : ACR 1 à gauche et à droite.",
        {("category", "B", "1")},
    ),
    (
        "fr",
        "Mammographie bilatérale. Conclusion : ACR 4A à droite, ACR 2 à gauche.",
        {("category", "R", "4A"), ("category", "L", "2")},
    ),
    # deb2_04, plb2_07, nlb2_03 hard-wrapped: the side of "..., BI-RADS 4B" was lost with the
    # line break and the value was proposed as the exam's; it is held back instead.
    (
        "de",
        "Mammographie rechts. Dichte ACR C.\nBeurteilung: Suspekter Mikrokalk rechte\n"
        "Brust, BI-RADS 4B.\nEmpfehlung: Vakuumbiopsie rechts.",
        {("density", None, "c")},
    ),
    (
        "pl",
        "USG piersi prawej\nWniosek: torbiel prosta piersi prawej,\nBI-RADS 2.",
        set(),
    ),
    (
        "nl",
        "Echografie rechter mamma\nBeoordeling: eenvoudige cyste rechter mamma, classificatie\n"
        "BI-RADS 2.",
        set(),
    ),
    (
        "pl",
        "W piersi prawej torbiel prosta. W piersi lewej drobne zwapnienia\nBI-RADS 2. BI-RADS 3",
        set(),
    ),
    (
        "de",
        "Mammographie beidseits, unauffällig.\nBeurteilung:\nBI-RADS 1.",
        {("category", None, "1")},
    ),
    # ptb2_06, rub2_06: the final combined category replaces the per-modality ones.
    (
        "pt",
        "Mamografia e ultrassonografia bilaterais\nMamografia: sem alterações, BI-RADS 1.\n"
        "Ultrassonografia: cisto simples de 7 mm na mama esquerda, BI-RADS 2.\n"
        "Classificação final combinada: BI-RADS 2 (achado benigno).",
        {("category", None, "2")},
    ),
    (
        "ru",
        "Маммография + УЗИ молочных желёз\nМаммография: BI-RADS 0 (снижена информативность).\n"
        "УЗИ: простые кисты обеих молочных желёз до 6 мм, BI-RADS 2.\n"
        "Итоговая категория по совокупности методов: BI-RADS 2 с обеих сторон.",
        {("category", "B", "2")},
    ),
    # itb2_05, deb2_02: a final per-side assessment after per-modality values is no legend,
    # and "ACR 4. Auflage" names the edition (it was read as density d beside ACR-Typ 3).
    (
        "it",
        "Mammografia + ecografia\nDensità: mammelle estremamente dense (ACR d).\n"
        "Mammografia: BI-RADS 0 (sensibilità ridotta).\n"
        "Ecografia: mammella sinistra, ore 4, cisti complicata; ecograficamente BI-RADS 3.\n"
        "Valutazione conclusiva integrata: BI-RADS 3 mammella sinistra, BI-RADS 1 mammella destra.",
        {("category", "L", "3"), ("category", "R", "1"), ("density", None, "d")},
    ),
    (
        "de",
        "Mammographie und Mammasonographie beidseits\nMammographie: Dichte Parenchymstruktur, "
        "ACR-Typ 3 (Brustdichte nach ACR 4. Auflage). Mammographisch BI-RADS 0.\n"
        "Sonographie: Linke Mamma 2 Uhr, ovaler Herd. Sonographisch BI-RADS 3.\n\n"
        "Gesamtbeurteilung: BI-RADS 3 links, rechts BI-RADS 1.",
        {("category", "L", "3"), ("category", "R", "1"), ("density", None, "c")},
    ),
    # itb2_06: "andrebbe riclassificata BI-RADS 4" is a hypothetical, not a second value.
    (
        "it",
        "Ecografia mammaria bilaterale\nCisti semplici bilaterali.\n"
        "Conclusione: BI-RADS 2 bilaterale.\nNota: qualora comparisse una componente solida, "
        "la lesione andrebbe riclassificata BI-RADS 4.",
        {("category", "B", "2")},
    ),
    # esb2_04: "mamas de predominio graso" is density a.
    (
        "es",
        "Mamografía bilateral\nHallazgos: mamas de predominio graso (tipo A). Sin cambios.\n"
        "Conclusión: BI-RADS 2.",
        {("category", None, "2"), ("density", None, "a")},
    ),
    # deb2_03: the density line of a category legend gave density a and d (a conflict).
    (
        "de",
        "Erläuterung der BI-RADS-Kategorien für Patientinnen\n"
        "Kategorie 0: Weitere Bildgebung erforderlich.\nKategorie 1: Unauffälliger Befund.\n"
        "Kategorie 2: Sicher gutartiger Befund.\nKategorie 3: Wahrscheinlich gutartig.\n"
        "Kategorie 4: Abklärungsbedürftig.\nKategorie 5: Hochgradig malignitätsverdächtig.\n"
        "Brustdichte ACR A bis D: A fast ganz fett, D extrem dicht.",
        set(),
    ),
    # frb2_01 in every language: "BI-RADS 2 right and left" was the right breast's 2 only.
    (
        "en",
        "Screening mammogram of both breasts. No suspicious findings.\n"
        "Impression: BI-RADS 2 right and left.",
        {("category", "B", "2")},
    ),
    (
        "de",
        "Mammographie beidseits, kein Herdbefund.\nBeurteilung: BI-RADS 2 rechts und links.",
        {("category", "B", "2")},
    ),
    (
        "es",
        "Mamografía bilateral sin hallazgos sospechosos.\n"
        "Conclusión: BI-RADS 2 derecha e izquierda.",
        {("category", "B", "2")},
    ),
    (
        "it",
        "Mammografia bilaterale senza reperti sospetti.\n"
        "Conclusione: BI-RADS 2 a destra e a sinistra.",
        {("category", "B", "2")},
    ),
    (
        "pt",
        "Mamografia bilateral sem achados suspeitos.\nConclusão: BI-RADS 2 à direita e à esquerda.",
        {("category", "B", "2")},
    ),
    (
        "nl",
        "Mammografie beiderzijds zonder afwijkingen.\nConclusie: BI-RADS 2 rechts en links.",
        {("category", "B", "2")},
    ),
    (
        "ru",
        "Маммография обеих молочных желёз без подозрительных изменений.\n"
        "Заключение: BI-RADS 2 справа и слева.",
        {("category", "B", "2")},
    ),
    (
        "en",
        "Bilateral mammogram. Impression: BI-RADS 1 right and 2 left.",
        {("category", "R", "1"), ("category", "L", "2")},
    ),
    # "in beiden Mammae", "в обеих молочных железах" after the value were not read as a side,
    # so the bilateral value was proposed as the exam's.
    (
        "de",
        "Mammographie, kein Herdbefund.\nBeurteilung: BI-RADS 2 in beiden Mammae.",
        {("category", "B", "2")},
    ),
    (
        "ru",
        "Маммография без подозрительных изменений.\n"
        "Заключение: BI-RADS 2 в обеих молочных железах.",
        {("category", "B", "2")},
    ),
    # Hypothetical reclassification (as in itb2_06, plb2_07) in German and Portuguese.
    (
        "de",
        "Sonographie der Mamma: einfache Zyste.\nBeurteilung: BI-RADS 2.\n"
        "Bei Auftreten einer soliden Komponente wäre der Befund als BI-RADS 4 einzustufen.",
        {("category", None, "2")},
    ),
    (
        "pt",
        "Ultrassonografia mamária: cisto simples.\nConclusão: BI-RADS 2.\nNota: caso surja "
        "componente sólido, a lesão deveria ser reclassificada como BI-RADS 4.",
        {("category", None, "2")},
    ),
    # Hard-wrapped after the value (frb2_01, de10 at other widths): the side on the next line
    # must not be lost or cut in half (the value proposed as the exam's or the right breast's).
    (
        "fr",
        "Mammographie de dépistage bilatérale.\nConclusion : Examen bénin. ACR 2 à droite et\n"
        "à gauche.",
        {("category", "B", "2")},
    ),
    (
        "de",
        "Mammographie beidseits.\nErgebnis: Altersentsprechender Befund, BI-RADS 2\nbds.",
        {("category", "B", "2")},
    ),
    (
        "en",
        "MAMMO SCREEN BILAT\nNo suspicious findings.\nBIRADS: 2\n"
        "Benign vascular and skin calcifications bilaterally.",
        {("category", None, "2")},
    ),
    # deb2_05 hard-wrapped at 50 columns: the prior exam's "BI-RADS 4A links" opened a line.
    (
        "de",
        "Sehr geehrte Frau Kollegin,\n\nwir berichten über Ihre Patientin, geb.\n"
        "1968. In der Vorgeschichte Mammographie 2022 mit\nBI-RADS 4A links, Stanzbiopsie: "
        "Mastopathie. Die aktuelle Mammographie liegt uns noch nicht vor.",
        set(),
    ),
    # enb2_06 hard-wrapped at 35 columns: "BI-RADS 2 -\nBenign, left breast." lost its side.
    (
        "en",
        "Exam: Left diagnostic mammogram\n\nImpression: Stable over 24 months,\n"
        "now considered benign.\nFinal assessment: BI-RADS 2 -\nBenign, left breast.\n"
        "Return to annual screening.",
        set(),
    ),
    # nlb2_01 in capitals, hard-wrapped at 70 columns: "BI-RADS 1\nBEIDERZIJDS." lost its side.
    (
        "nl",
        "MAMMOGRAFIE BEIDERZIJDS, SCREENING\nBEVINDINGEN: GEEN MASSA, GEEN VERDACHTE MICROKALK.\n"
        "BEOORDELING: GEEN AANWIJZINGEN VOOR MALIGNITEIT. BI-RADS 1\nBEIDERZIJDS.\n"
        "ADVIES: JAARLIJKSE CONTROLE.",
        set(),
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[c[1][:50] for c in CASES])
def test_batch2_phrasing(language: str, text: str, expected: set[Triple]) -> None:
    result = extract_from_text(text)
    assert result.language == language
    got = {
        (p.field, p.side, p.value) for p in result.proposals if p.field in ("category", "density")
    }
    assert got == expected
