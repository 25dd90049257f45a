"""Regression cases from the development batches `*b29_*` to `*b36_*`, written blind to the
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
    # ptb30_18, rub30_15: a request or referral quotes earlier results; none is its own.
    (
        "pt",
        "Pedido de exame — Ginecologia\nSolicito: Mamografia digital bilateral.\n"
        "Paciente com mamografia de 2024 (mamas heterogeneamente densas), BI-RADS 3.",
        set(),
    ),
    (
        "ru",
        "НАПРАВЛЕНИЕ НА КОНСУЛЬТАЦИЮ В ОНКОДИСПАНСЕР\nРезультаты обследования от 20.03.2025: "
        "BI-RADS 4B. Молочные железы с рассеянными участками фиброгландулярной ткани.",
        set(),
    ),
    # nlb32_04: a final label naming both modalities is the final assessment.
    (
        "nl",
        "Mammografie: vrijwel geheel vettige mammae (ACR a).\nMammografie: BI-RADS 4.\n"
        "Echografie: BI-RADS 4.\nEindconclusie mammografie en echografie: BI-RADS 4C links.",
        {("category", "L", "4C"), ("density", None, "a")},
    ),
    # plb32_16: a history section goes on when its next line opens in small letters.
    (
        "pl",
        "Wywiad: w 2020 r. rak piersi lewej, mastektomia lewostronna. W 2024 r.\n"
        "w piersi prawej zmiana BI-RADS 3, w kontroli w 2025 r. obniżona do BI-RADS 2.\n\n"
        "Wniosek: obraz stabilny. Kontrola za rok.",
        set(),
    ),
    # enb32_29: a side letter after the label, before the anchor.
    (
        "en",
        "MMG: ACR d.\nAss: R BI-RADS III. F/U US 6/12.",
        {("category", "R", "3"), ("density", None, "d")},
    ),
    # frb31_12: the French ACR category takes the side closing its clause.
    (
        "fr",
        "Conclusion : stabilité à 6 mois. Classement ACR 3 maintenu pour le sein gauche.",
        {("category", "L", "3")},
    ),
    # enb31_05, deb31_07, rub32_06: a second opinion quoting the outside reading.
    (
        "en",
        'OUTSIDE INTERPRETATION (quoted): "Right breast 10 o\'clock 7 mm mass. BI-RADS 4A."\n\n'
        "OPINION:\nRight breast: BI-RADS 3 - probably benign.\nLeft breast: BI-RADS 1.",
        {("category", "R", "3"), ("category", "L", "1")},
    ),
    (
        "ru",
        "Заключение внешнего учреждения: «Справа BI-RADS 4, слева BI-RADS 2. Плотность тип C».\n\n"
        "Заключение по результатам пересмотра:\nПравая молочная железа - BI-RADS 1.\n"
        "Левая молочная железа - BI-RADS 2.",
        {("category", "R", "1"), ("category", "L", "2")},
    ),
    # frb33_12: a thyroid report naming the breast's ACR 2 in passing.
    (
        "fr",
        "ÉCHOGRAPHIE THYROÏDIENNE\nPatiente suivie par ailleurs pour mammographies annuelles ACR 2.\n"
        "Conclusion : nodule droit EU-TIRADS 3 de 14 mm.",
        set(),
    ),
    # itb33_09, plb27_11, rub27_11: a word for both breasts split in two by OCR.
    ("it", "CONCLU SIONI:  BI-\nRADS 2  bila teralmente.", {("category", "B", "2")}),
    (
        "ru",
        "За ключение: BI-\nRADS 2 (доброкачест- венные кальцинаты) с обеих сто рон.",
        {("category", "B", "2")},
    ),
    # plb35_07: "W wywiadzie" is the history; a date in brackets dates the value.
    (
        "pl",
        "Mammografia piersi lewej – kontrola po 6 miesiącach\nData: 25.11.2026\n"
        "W wywiadzie: mikrozwapnienia w piersi lewej, ocenione jako BI-RADS 3 (05.2026).\n"
        "Wniosek: obraz stabilny.\nBI-RADS 3. Kolejna kontrola za 6 miesięcy.",
        {("category", None, "3")},
    ),
    # enb34_21: "3 - 6-month follow-up" is no range, and "Finding 2: BI-RADS" no legend.
    (
        "en",
        "ASSESSMENT:\nFinding 1: BI-RADS 2\n"
        "Finding 2: BI-RADS 3 - recommend 6-month follow-up ultrasound.",
        set(),
    ),
    # esb36_07: a density key whose letters run over two lines.
    (
        "es",
        "CONCLUSIÓN: Estudio sin hallazgos sospechosos. BI-RADS 2.\n\n"
        "Densidad: A grasa · B densidades fibroglandulares dispersas · C heterogéneamente densa ·\n"
        "D extremadamente densa.",
        {("category", None, "2")},
    ),
    # missed shapes fixed with them
    # enb29_12, ptb30_08: the pre-biopsy category gives way to the post-biopsy 6.
    (
        "en",
        "Procedure: core biopsy, left breast 1 o'clock (prebiopsy BI-RADS 4C).\n"
        "Correlation: malignant and concordant.\nLeft breast: BI-RADS 6 - Known biopsy-proven "
        "malignancy.",
        {("category", "L", "6")},
    ),
    (
        "pt",
        "Classificação pré-biópsia: BI-RADS 4B.\nResultado anatomopatológico: carcinoma invasivo.\n"
        "Classificação atual: BI-RADS 6 (malignidade comprovada por biópsia).",
        {("category", None, "6")},
    ),
    # esb31_11, ptb32_11: "known carcinoma" beside a 6 is the 6's meaning, not the past.
    (
        "es",
        "Conclusión:\n1. Carcinoma conocido en mama izquierda, 21 mm: mama izquierda BI-RADS 6.",
        {("category", "L", "6")},
    ),
    (
        "pt",
        "IMPRESSÃO:\nMama esquerda: neoplasia conhecida, com extensão não nodular anterior - "
        "BI-RADS 6.\nMama direita: BI-RADS 2.",
        {("category", "L", "6"), ("category", "R", "2")},
    ),
    # frb31_06: a pathology B code does not make the French ACR category unreadable.
    (
        "fr",
        "CENTRE DE SÉNOLOGIE\nCompte rendu de macrobiopsie sous stéréotaxie\n"
        "Patiente : Mme X, née le 03/01/1958\nIndication : foyer du sein gauche.\n"
        "Anatomopathologie : carcinome canalaire in situ. Classification B5a.\n"
        "Conclusion : résultat concordant. Lésion du sein gauche désormais classée ACR 6.",
        {("category", "L", "6")},
    ),
    # enb29_16, esb29_11: "BR" is the short form of BI-RADS; not a clock position.
    (
        "en",
        "R: BR1 (NAD).\nL: BR4c -- 2:00 15mm irreg mass.",
        {("category", "R", "1"), ("category", "L", "4C")},
    ),
    ("en", "L BR 2:00 mass, 9 mm.", set()),
    # deb31_10, plb32_10: roman numerals after side abbreviations.
    (
        "de",
        "Dichte: ACR c\nBI-RADS re. V / li. I",
        {("category", "R", "5"), ("category", "L", "1"), ("density", None, "c")},
    ),
    (
        "pl",
        "Gęst. ACR b.\nBI-RADS: P - I, L - II.",
        {("category", "R", "1"), ("category", "L", "2"), ("density", None, "b")},
    ),
    # frb31_09: side letters before the French ACR category.
    (
        "fr",
        "Densité : type C.\nConcl. : SD ＡＣＲ ４ ／ SG ＡＣＲ １",
        {("category", "R", "4"), ("category", "L", "1"), ("density", None, "c")},
    ),
    # deb29_05: "von BI-RADS 0 auf BI-RADS 1" revises the first.
    (
        "de",
        "NACHTRAG vom 28.11.2026:\nDie Einstufung wird daher von BI-RADS 0 auf BI-RADS 1 korrigiert.",
        {("category", None, "1")},
    ),
    # enb29_09, nlb32_05: an addendum above the original report it amends.
    (
        "en",
        "*** ADDENDUM ***\nThe assessment is revised from BI-RADS 0 to BI-RADS 2: Benign.\n"
        "*** END ADDENDUM ***\n\nORIGINAL REPORT (2026-11-12):\nBREAST DENSITY: Heterogeneously "
        "dense.\nIMPRESSION: INCOMPLETE. BI-RADS 0: Need additional imaging evaluation.",
        {("category", None, "2"), ("density", None, "c")},
    ),
    # deb31_05, enb31_26: side items after a modality label are that modality's.
    (
        "de",
        "Mammographische Einstufung: BI-RADS 0 links, BI-RADS 1 rechts.\n"
        "Sonographische Einstufung: BI-RADS-US 2 bds.\n\n"
        "ZUSAMMENFASSENDE BEURTEILUNG (Mammographie + Sonographie):\n"
        "Einfache Zysten beidseits, kein Malignitätsverdacht.\nBI-RADS 2 beidseits.",
        {("category", "B", "2")},
    ),
    # enb30_09, enb31_08, nlb32_07: tables under a letterhead, a side in its own column.
    (
        "en",
        "RADIANT WOMEN'S IMAGING | Private Practice | Scottsdale AZ\n"
        "| Item              | Right breast        | Left breast          |\n"
        "| Mass              | none                | 4 mm oval, stable    |\n"
        "| BI-RADS           | 1                   | 2                    |",
        {("category", "R", "1"), ("category", "L", "2")},
    ),
    (
        "nl",
        "Onderzoek\tZijde\tBevinding\tBI-RADS\nMammografie\tRechts\tgeen afwijkingen\t1\n"
        "Mammografie\tLinks\tgroep amorfe microcalcificaties\t4B",
        {("category", "R", "1"), ("category", "L", "4B")},
    ),
    # esb31_07: a side ending the unfinished line above the value.
    (
        "es",
        "Conclusión:\nConsideramos el nódulo altamente sugestivo de malignidad: mama izquierda\n"
        "BI-RADS 5. Mama derecha BI-RADS 1.",
        {("category", "L", "5"), ("category", "R", "1")},
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[c[1][:50] for c in CASES])
def test_batch29_case(language: str, text: str, expected: set[Triple]) -> None:
    result = extract_from_text(text, language=language)
    got = {
        (p.field, p.side, p.value) for p in result.proposals if p.field in ("category", "density")
    }
    assert got == expected
