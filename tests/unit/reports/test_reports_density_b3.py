"""Density cases from the third development batch (`*b3_*`): densities once missed or wrong.

Each case is a short report in the failing shape (not a copy of a corpus document) and exactly
the densities a careful reader takes from it; categories are not checked here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mammolog.catalog.migrate import open_catalog
from mammolog.domain.errors import DomainValidationError
from mammolog.paths import AppPaths
from mammolog.reports import extract_from_text
from mammolog.services import results
from mammolog.services.attachments import attach_file
from mammolog.services.proposal_review import accept_proposal
from mammolog.services.proposals import extract_proposals, list_proposals
from mammolog.tui.widgets.study_text import proposal_cells
from tests.factories import make_study

Pair = tuple[str | None, str]

CASES: list[tuple[str, str, set[Pair]]] = [
    # MRI: the amount of fibroglandular tissue and the background enhancement are not density.
    (
        "en",
        "MRI of both breasts.\nAmount of fibroglandular tissue: Scattered fibroglandular tissue.\n"
        "Background parenchymal enhancement: minimal.\nImpression: BI-RADS 1.",
        set(),
    ),
    ("en", "Breast MRI. FGT: heterogeneously dense fibroglandular tissue. BI-RADS 2.", set()),
    (
        "en",
        "MRI BREASTS.\nBreast composition: c (heterogeneous fibroglandular tissue).\n"
        "Background parenchymal enhancement: minimal.\nImpression: BI-RADS 2.",
        set(),
    ),
    # An MRI named in the history does not stop the mammogram's density.
    (
        "en",
        "Comparison: MRI 2025 with minimal BPE.\n\nMammogram: The breasts are heterogeneously"
        " dense. BI-RADS 1.",
        {(None, "c")},
    ),
    ("nl", "MRI mammae. Hoeveelheid fibroglandulair weefsel: type C. BI-RADS 1.", set()),
    (
        "de",
        "MRT der Mammae. Menge an fibroglandulärem Gewebe: ACR c. "
        "Hintergrundenhancement gering. BI-RADS 2.",
        set(),
    ),
    # A different density for each breast: each is proposed with its side.
    (
        "en",
        "Bilateral mammogram.\nBreast composition:\n  Right: scattered fibroglandular densities\n"
        "  Left: heterogeneously dense\nImpression: BI-RADS 2.",
        {("R", "b"), ("L", "c")},
    ),
    (
        "de",
        "Mammographie beidseits. Parenchymdichte: rechts ACR b, links ACR c.\n"
        "Beurteilung: BI-RADS 2.",
        {("R", "b"), ("L", "c")},
    ),
    (
        "es",
        "Mamografía bilateral. Composición: mama derecha tipo C; mama izquierda tipo B.\n"
        "Conclusión: BI-RADS 2.",
        {("R", "c"), ("L", "b")},
    ),
    (
        "pt",
        "Mamografia bilateral. Densidade: mama esquerda tipo D; mama direita tipo C.\n"
        "Conclusão: BI-RADS 1.",
        {("L", "d"), ("R", "c")},
    ),
    (
        "pl",
        "Mammografia obustronna. Gęstość: pierś lewa – typ a, pierś prawa – typ b.\n"
        "Wniosek: BI-RADS 1.",
        {("L", "a"), ("R", "b")},
    ),
    (
        "ru",
        "Маммография. Тип плотности: слева A (после лечения), справа B.\nЗаключение: BI-RADS 2.",
        {("L", "a"), ("R", "b")},
    ),
    # A side label opening a line of findings does not reach a density on a later line; a
    # side heading alone on its line does.
    (
        "en",
        "Findings:\nRight breast: 5 mm cyst.\nThe breasts are heterogeneously dense.\n"
        "Impression: BI-RADS 2.",
        {(None, "c")},
    ),
    (
        "en",
        "Left breast: benign calcifications. The breasts are scattered fibroglandular.\nBI-RADS 2.",
        {(None, "b")},
    ),
    (
        "en",
        "RIGHT BREAST:\nHeterogeneously dense.\nLEFT BREAST:\nScattered fibroglandular densities."
        "\nBI-RADS 1.",
        {("R", "c"), ("L", "b")},
    ),
    # The same density for both breasts, and an exam density repeated for one, is the exam's.
    (
        "es",
        "Mamografía. Composición: mama derecha tipo B; mama izquierda tipo B. BI-RADS 1.",
        {(None, "b")},
    ),
    (
        "pl",
        "| prawa | bez zmian | 1 | lewa | bez zmian | 1 | Gęstość: typ d (skrajnie gęste).",
        {(None, "d")},
    ),
    # A number without a label beside a side is not read (it may be a category).
    ("es", "Mamografía. Densidad: mama derecha 2, mama izquierda 3.", set()),
    # Line-end hyphens of OCR and PDF text: the broken word is read whole.
    (
        "en",
        "FINDINGS: The breasts are heterogen-\neously dense. No suspicious mass.\n"
        "IMPRESSION: BI-RADS 1.",
        {(None, "c")},
    ),
    ("es", "Mamografía bilateral.\nComposición ti-\npo A.\nConclusión: BI-RADS 1.", {(None, "a")}),
    ("nl", "Mammografie.\nMammacompositie ty-\npe B.\nConclusie: BI-RADS 1.", {(None, "b")}),
    ("pl", "Mammografia.\nGęstość ty-\npu c.\nWniosek: BI-RADS 1.", {(None, "c")}),
    # OCR's 1 for l inside a word.
    ("en", "The breasts are heterogeneous1y dense. BI-RADS 1.", {(None, "c")}),
    ("en", "Scattered areas of fibrog1andular density. BI-RADS 1.", {(None, "b")}),
    # A scale named after the number with a value of its own is not the number's scale.
    ("en", "Breast density 2 (BI-RADS 2).", set()),
    (
        "fr",
        "Mammographie. Densité : sein droit type B, sein gauche type C.\nConclusion : ACR 1.",
        {("R", "b"), ("L", "c")},
    ),
    # A list of sides that goes on in words not read, or is past, gives nothing.
    ("en", "Density: right C, left B in 2019. BI-RADS 1.", set()),
    ("en", "Density: right C; no left breast (mastectomy). BI-RADS 2.", set()),
    ("en", "Density: Right: A 5 mm mass is seen. BI-RADS 4.", set()),
    # Compact forms: "dens." and a capital, whose full stop ends a sentence.
    ("it", "MX BIL 03/10/26 – Sig.ra Neri 58aa – dens. C\nBIRADS dx 1 sx 1", {(None, "c")}),
    ("nl", "Mammo bdz. Dens. A. Geen afwijkingen.\nBI-RADS 1", {(None, "a")}),
    ("pt", "Mamo bilat. Dens. D. Sem achados.\nBI-RADS: 1", {(None, "d")}),
    ("en", "The breasts are dense. A 5 mm cyst on the left. BI-RADS 2.", set()),
    # The scale named after a 4th-edition number.
    (
        "fr",
        "Seins de densité 2 (ACR,\nancienne classification).\nConclusion : ACR 1.",
        {(None, "b")},
    ),
    # A legend of the density letters is not a result.
    (
        "es",
        "Mamografía sin hallazgos.\nDensidad: A grasa, B dispersa, C heterogénea, D extremadamente"
        " densa.",
        set(),
    ),
    (
        "it",
        "Mammografia negativa.\nDensità ACR: A adiposa; B sparsa; C densa; D molto densa.",
        set(),
    ),
    # A density line under a table of findings.
    (
        "nl",
        "Zijde\tBevinding\tBI-RADS\nRechts\tgeen\t1\nLinks\tcyste\t2\nDensiteit\tB\n",
        {(None, "b")},
    ),
    # National wordings.
    ("fr", "Densité : seins denses de façon hétérogène. Conclusion : ACR 1.", {(None, "c")}),
    (
        "fr",
        "Seins de densité de type B (seins graisseux avec quelques opacités fibro-glandulaires"
        " éparses). Conclusion : ACR 1.",
        {(None, "b")},
    ),
    # "mostly fat" fits density a or b: nothing (nlb3_18's truth was corrected the same way)
    ("nl", "Verslag: mamma's met voornamelijk vetweefsel. Conclusie: BI-RADS 1.", set()),
    ("pl", "OPIS: SUTKI O BUDOWIE TŁUSZCZOWEJ (TYP A). WNIOSEK: BI-RADS 1.", {(None, "a")}),
    ("pl", "Sutki o budowie tłuszczowo-gruczołowej. Wniosek: BI-RADS 1.", set()),
    ("pt", "Mamas lipossubstituidas (padrao A). Conclusao: BI-RADS 2.", {(None, "a")}),
    ("pt", "Mamas com tecido fibroglandular esparso. Conclusão: BI-RADS 1.", {(None, "b")}),
    # Two values as a range or a choice: the density lies between them, nothing is proposed.
    ("en", "Density B/C. BI-RADS 1.", set()),
    ("en", "Breast density: C or D. BI-RADS 1.", set()),
    ("en", "Breast density B (R) / C (L). BI-RADS 1.", set()),
    ("de", "Dichte ACR b-c. BI-RADS 1.", set()),
    ("de", "ACR-Typ II-III. BI-RADS 1.", set()),
    ("fr", "Densité de type B/C. ACR 1.", set()),
    ("es", "Densidad tipo B-C. BI-RADS 1.", set()),
    ("ru", "Плотность: тип B/C. BI-RADS 1.", set()),
    ("en", "Density C - heterogeneously dense. BI-RADS 2.", {(None, "c")}),
    # The last letter of a density word is not a density letter.
    ("pl", "Skrajnie gęsta tkanka gruczołowa. BI-RADS 1.", {(None, "d")}),
    ("pl", "Piersi o budowie utkania. BI-RADS 1.", set()),
    # More national wordings.
    ("nl", "Vrijwel volledig vervette mammae. BI-RADS 1.", {(None, "a")}),
    # "mostly fat" fits a or b (b is fatty with scattered fibroglandular areas): nothing
    ("nl", "Mammae bestaan grotendeels uit vetweefsel. BI-RADS 1.", set()),
    ("pl", "Piersi o utkaniu tłuszczowym. BI-RADS 1.", {(None, "a")}),
    ("pl", "Piersi o utkaniu tłuszczowo-gruczołowym. BI-RADS 1.", set()),
    ("pt", "Mamas densas e heterogêneas. BI-RADS 1.", {(None, "c")}),
    ("pt", "Mamas com predomínio de tecido adiposo. BI-RADS 1.", set()),
    ("es", "Mamas densas heterogéneas. BI-RADS 1.", {(None, "c")}),
    ("it", "Mammelle dense ed eterogenee. BI-RADS 1.", {(None, "c")}),
    (
        "ru",
        "Плотность ткани молочных желез соответствует типу B по ACR. BI-RADS 2.",
        {(None, "b")},
    ),
    # Wordings of the fourth development batch.
    ("de", "Befund:\nZerstreute fibroglanduläre Anteile.\nBeurteilung: BI-RADS 1.", {(None, "b")}),
    ("de", "Befund:\nInhomogen dichtes Drüsengewebe.\nBeurteilung: BI-RADS 1.", {(None, "c")}),
    ("fr", "Résultats :\nSeins hétérogènes et denses.\nConclusion : ACR 1.", {(None, "c")}),
    ("it", "Reperti:\nSparse aree fibroghiandolari.\nConclusione: BI-RADS 1.", {(None, "b")}),
    ("pl", "Opis:\nRozproszona tkanka włóknisto-gruczołowa.\nWnioski: BI-RADS 1.", {(None, "b")}),
    # Words typed without their accents, and a 4th-edition number after more words.
    ("es", "Composicion mamaria tipo C. BI-RADS 1.", {(None, "c")}),
    ("es", "Mamas heterogeneamente densas. BI-RADS 1.", {(None, "c")}),
    ("it", "Densita' mammaria tipo B. BI-RADS 1.", {(None, "b")}),
    ("it", "Struttura mammaria di tipo 2 secondo ACR. BI-RADS 1.", {(None, "b")}),
    ("pl", "Gestosc piersi typ c. BI-RADS 1.", {(None, "c")}),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_density_of_a_third_batch_shape(language: str, text: str, expected: set[Pair]) -> None:
    result = extract_from_text(text, language=language)
    got = {(p.side, p.value) for p in result.proposals if p.field == "density"}
    assert got == expected
    assert not [c for c in result.conflicts if c.field == "density"]


def test_an_exam_density_beside_a_different_side_density_is_a_conflict() -> None:
    text = "Mammography. Breast density: C. Left: scattered fibroglandular densities. BI-RADS 1."
    result = extract_from_text(text, language="en")
    assert not [p for p in result.proposals if p.field == "density"]
    assert [c.field for c in result.conflicts] == ["density"]


def test_a_side_word_broken_at_a_hyphen_keeps_its_side() -> None:
    text = "Mammogram.\nFindings: benign calcifications, left-\nsided. Left breast: BI-RADS 2."
    result = extract_from_text(text, language="en")
    assert {(p.field, p.side, p.value) for p in result.proposals if p.field == "category"} == {
        ("category", "L", "2")
    }


def test_accepting_one_breasts_density_is_refused(
    tmp_path: Path,
) -> None:
    """The record keeps one density per exam: a breast's own density is left to the user."""
    base = tmp_path
    paths = AppPaths.under_home(base / "home")
    engine = open_catalog(paths)
    for uid, text in (
        ("1.1", "Breast composition:\nRight: ACR b\nLeft: ACR c\nImpression: BI-RADS 1.\n"),
        ("1.2", "Breast composition:\nRight: ACR c\nImpression: BI-RADS 1.\n"),
    ):
        make_study(engine, uid=uid, study_date=date(2024, 3, 1), views=())
        report = base / f"{uid}.txt"
        report.write_text(text, encoding="utf-8")
        attach_file(engine, paths, uid, report)
    extract_proposals(engine, paths)
    found = {(p.study_uid, p.field, p.side, p.value): p for p in list_proposals(engine)}
    right, left = found[("1.1", "density", "R", "b")], found[("1.1", "density", "L", "c")]
    assert not right.conflict and not left.conflict
    results.assess(engine, "1.1", right="1", left="1")
    for proposal in (right, left):
        with pytest.raises(DomainValidationError, match="each breast its own density"):
            accept_proposal(engine, proposal.proposal_id)
    assert results.assessment_history(engine, "1.1")[-1]["density"] is None
    assert {p.proposal_id for p in list_proposals(engine)} >= {right.proposal_id, left.proposal_id}
    # one breast's density alone is not the exam's either
    results.assess(engine, "1.2", right="1", left="1")
    with pytest.raises(DomainValidationError, match="for the right breast only"):
        accept_proposal(engine, found[("1.2", "density", "R", "c")].proposal_id)
    assert results.assessment_history(engine, "1.2")[-1]["density"] is None


def test_a_density_for_one_breast_is_shown_with_its_side() -> None:
    what, _ = proposal_cells("density", "L", "c", False)
    assert what.plain == "Breast density, left"
    what, _ = proposal_cells("density", None, "c", False)
    assert what.plain == "Breast density"
