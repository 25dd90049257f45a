"""Regression cases from the fourth development batch (`*b4_*`): categories once read wrongly.

Each case is a short text in the shape that failed and exactly the categories a careful reader
takes from it (densities are left to their own tests).
"""

from __future__ import annotations

import pytest

from mammolog.reports import extract_from_text

Pair = tuple[str | None, str]

CASES: list[tuple[str, str, set[Pair]]] = [
    # *b4_11: an addendum that restates the old value and then revises it gives the revised
    # value, even when outside films or prior exams are named before "revised to".
    (
        "en",
        "IMPRESSION: BI-RADS 3.\n\n*** ADDENDUM 05/28/2026 ***\nPrior report of 05/27/2026"
        " stated BI-RADS 3. After review of the outside comparison films the assessment is"
        " revised to BI-RADS 2.\n",
        {(None, "2")},
    ),
    (
        "de",
        "BEURTEILUNG:\nBI-RADS 1\n\n*** NACHTRAG 12.10.2026 ***\nIm Vorbefund wurde BI-RADS 1"
        " angegeben. Nach Eingang der Voraufnahmen wird die Einstufung korrigiert auf BI-RADS 3.\n",
        {(None, "3")},
    ),
    (
        "es",
        "IMPRESIÓN DIAGNÓSTICA:\nBI-RADS 3\n\n*** ADENDA 16/07/2026 ***\nEn el informe previo se"
        " indicó BI-RADS 3. Tras revisar los estudios previos externos se modifica la categoría"
        " a BI-RADS 2.\n",
        {(None, "2")},
    ),
    (
        "it",
        "CONCLUSIONI:\nBI-RADS 2\n\n*** INTEGRAZIONE AL REFERTO 26/11/2026 ***\nNel referto"
        " precedente era indicato BI-RADS 2. Dopo confronto con gli esami esterni la categoria"
        " viene modificata in BI-RADS 3.\n",
        {(None, "3")},
    ),
    (
        "nl",
        "CONCLUSIE:\nBI-RADS 3\n\n*** ADDENDUM 06-02-2026 ***\nIn het verslag van 03-02-2026 werd"
        " BI-RADS 3 vermeld. Na vergelijking met externe vooropnamen wordt de classificatie"
        " gewijzigd in BI-RADS 2.\n",
        {(None, "2")},
    ),
    (
        "pl",
        "WNIOSKI:\nBI-RADS 3\n\n*** ANEKS DO OPISU 17.05.2026 ***\nW opisie z 16.05.2026 podano"
        " BI-RADS 3. Po porównaniu z badaniami zewnętrznymi kategorię zmieniono na BI-RADS 2.\n",
        {(None, "2")},
    ),
    (
        "ru",
        "ЗАКЛЮЧЕНИЕ:\nBI-RADS 0\n\n*** ДОПОЛНЕНИЕ К ПРОТОКОЛУ 05.09.2026 ***\nВ заключении от"
        " 04.09.2026 указано BI-RADS 0. После сравнения с внешними снимками категория изменена"
        " на BI-RADS 3.\n",
        {(None, "3")},
    ),
    # Outside an addendum, a revision after a year is the past's.
    (
        "en",
        "FINDINGS: Stable.\nIMPRESSION: The 2023 study was revised to BI-RADS 3 after review.\n",
        set(),
    ),
    # An addendum naming a category the reader cannot take may have revised the report's:
    # nothing from before it stands.
    (
        "en",
        "IMPRESSION: BI-RADS 3.\n\nADDENDUM 05/28/2026: The prior report stated BI-RADS 3."
        " After comparison with the outside films it was reclassified as BI-RADS 2.\n",
        set(),
    ),
    (
        "en",
        "IMPRESSION: Right breast: BI-RADS 1. Left breast: BI-RADS 4B.\n\n"
        "ADDENDUM: After comparison with outside films the left breast is BI-RADS 3.\n",
        set(),
    ),
    # Flattened (*b4_16, *b4_11): a side block ends at a section label inside a sentence, and
    # a page footer's date before the label is no past exam.
    (
        "de",
        "Befund: Rechte Mamma: Herd 11 mm, Fibroadenom. Linke Mamma: Verkalkungen, unverändert."
        " Seite 1 von 2 Weber, Anja – A9175898 – 11.10.2026 BEURTEILUNG: BI-RADS 2. BI-RADS 3."
        " Elektronisch freigegeben durch Dr. med. Beat Zimmermann.",
        set(),
    ),
    (
        "en",
        "FINDINGS: RIGHT BREAST: Stable coarse calcifications. LEFT BREAST: Stable intramammary"
        " lymph node. Page 1 of 2 DOE, JANE – ACC5230506 – 05/27/2026 IMPRESSION: BI-RADS 2"
        " Electronically signed by Dr. Priya Venkataraman, 05/28/2026",
        {(None, "2")},
    ),
    # ... but a sentence opening with its own side label keeps its side past a label in it.
    (
        "en",
        "RIGHT BREAST: Impression: BI-RADS 2.\nLEFT BREAST: Impression: BI-RADS 1.\n",
        {("R", "2"), ("L", "1")},
    ),
    # Hard-wrapped legends (*b4_15): "5 highly suggestive of malignancy; 6" and "2\nbenign".
    (
        "en",
        "IMPRESSION: Spot compression views are needed before an assessment.\n\n"
        "BI-RADS: 0 incomplete; 1 negative; 2\nbenign; 3 probably benign; 4 suspicious;\n"
        "5 highly suggestive of malignancy; 6\nknown malignancy.\n",
        set(),
    ),
    (
        "es",
        "IMPRESIÓN: Se requieren proyecciones adicionales.\n\nBI-RADS: 0 incompleto; 1 negativo;"
        " 2\nbenigno; 3 probablemente benigno; 4\nsospechoso; 5 altamente sugestivo de\n"
        "malignidad; 6 malignidad conocida.\n",
        set(),
    ),
    # *b4_04: a table whose header leaves the cell over the sides empty; sides written after
    # the breast ("pierś prawa") or as "ПМЖ"/"ЛМЖ".
    (
        "en",
        "IMPRESSION:\n\n+----------+-----------+---------+\n|          | BI-RADS   | ACR     |\n"
        "| RIGHT    | 2         | -       |\n| LEFT     | 5         | -       |\n"
        "+----------+-----------+---------+\n",
        {("R", "2"), ("L", "5")},
    ),
    (
        "pl",
        "WNIOSKI:\n\n|          | BI-RADS   | ACR     |\n| pierś prawa | 4A        | -       |\n"
        "| pierś lewa | 2         | -       |\n",
        {("R", "4A"), ("L", "2")},
    ),
    ("ru", "ЗАКЛЮЧЕНИЕ:\nПМЖ: BI-RADS 1\nЛМЖ: BI-RADS 3\n", {("R", "1"), ("L", "3")}),
    # *b4_08: a final label with the modalities in brackets gives the combined category.
    (
        "de",
        "BEURTEILUNG:\nMammographie: BI-RADS 0.\nSonographie: BI-RADS 2.\n"
        "Abschließende Beurteilung (Mammographie und Sonographie): BI-RADS 2\n",
        {(None, "2")},
    ),
    (
        "pl",
        "WNIOSKI:\nMammografia: BI-RADS 2.\nUSG: BI-RADS 4A.\n"
        "Wniosek końcowy (mammografia i USG): BI-RADS 4A\n",
        {(None, "4A")},
    ),
    # enb4_25: a trade mark sign after the name ("BIRADS™ 2").
    ("en", "IMPRESSION:\nBIRADS™ 2\n", {(None, "2")}),
    # rub4_17: the category a patient is referred with ("Направлена с ...") is the indication.
    (
        "ru",
        "Направлена с образованием BI-RADS 4 левой молочной железы (заключение другого ЛПУ).\n"
        "ЗАКЛЮЧЕНИЕ:\nКатегория по BI-RADS: 3 (вероятно доброкачественные)\n",
        {(None, "3")},
    ),
    # plb4_07: "Zmiany łagodne." as a sentence of its own is the exam's assessment.
    (
        "pl",
        "WNIOSKI:\nZmiany łagodne.\nprawa: BI-RADS 2. lewa: BI-RADS 2.\n",
        {(None, "2"), ("R", "2"), ("L", "2")},
    ),
    # plb4_15: "W razie ..." and a conditional verb ("należałoby") make a condition.
    (
        "pl",
        "WNIOSKI:\nKategoryzacja po dostarczeniu poprzednich badań.\n"
        "W razie powiększenia zmiany należałoby ją przeklasyfikować do BI-RADS 4.\n",
        set(),
    ),
    (
        "pl",
        "Opis: pierś prawa bez zmian.\nWNIOSKI: Zmianę należałoby ocenić jako BI-RADS 4.\n",
        set(),
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[c[1][:50] for c in CASES])
def test_batch4_category(language: str, text: str, expected: set[Pair]) -> None:
    result = extract_from_text(text)
    assert result.language == language
    assert {(p.side, p.value) for p in result.by_field("category")} == expected
