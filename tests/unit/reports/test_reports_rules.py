"""Targeted rules: negation, history, hypotheticals, ACR, sides, words, legends and conflicts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mammolog.reports import ReportError, extract_from_text
from mammolog.reports.lang import LANGUAGES, detect_language


def cats(text: str, language: str | None = None) -> set[tuple[str | None, str]]:
    result = extract_from_text(text, language=language)
    return {(p.side, p.value) for p in result.proposals if p.field == "category"}


def values(text: str, field: str) -> set[tuple[str | None, str]]:
    return {(p.side, p.value) for p in extract_from_text(text).proposals if p.field == field}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IMPRESSION: BI-RADS 4B.", {(None, "4B")}),
        ("BIRADS: 2", {(None, "2")}),
        ("Conclusion: Bi-Rads® 3.", {(None, "3")}),
        ("Final Assessment: Category 3 - Probably Benign.", {(None, "3")}),
        ("BI-RADS category 4 a.", {(None, "4A")}),
        ("Assessment: ACR 2.", {(None, "2")}),
        ("Overall assessment: BI-RADS 5 - Highly suggestive of malignancy.", {(None, "5")}),
        ("IMPRESSION: Negative.", {(None, "1")}),
        ("Impression: Benign findings.", {(None, "2")}),
        ("Assessment: Known biopsy-proven malignancy.", {(None, "6")}),
        ("Impression: Highly suggestive of malignancy.", {(None, "5")}),
        ("Assessment: Incomplete: need additional imaging evaluation.", {(None, "0")}),
        ("Impression: Suspicious abnormality.", {(None, "4")}),
        ("Impression: Suspicious - intermediate suspicion for malignancy.", {(None, "4B")}),
        ("Left: BI-RADS 2. Right: BI-RADS 1.", {("L", "2"), ("R", "1")}),
        ("BI-RADS: right 1, left 4A.", {("R", "1"), ("L", "4A")}),
        ("BI-RADS 2 right breast, BI-RADS 1 left breast.", {("R", "2"), ("L", "1")}),
        ("Bilateral BI-RADS 2.", {("B", "2")}),
        ("BI-RADS 1 right, 2 left.", {("R", "1"), ("L", "2")}),
        ("Beurteilung: BI-RADS 2 rechts, 1 links.", {("R", "2"), ("L", "1")}),
        ("BI-RADS 2 bilaterally.", {("B", "2")}),
        ("Right breast: Probably benign.", {("R", "3")}),
    ],
)
def test_category_forms(text: str, expected: set[tuple[str | None, str]]) -> None:
    assert cats(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Prior BI-RADS 3.",
        "Compared with 2021 (BI-RADS 4A), stable.",
        "In 2019 the left breast was BI-RADS 4A.",
        "The previous exam had been read as BI-RADS 4B.",
        "If the asymmetry persists it would be BI-RADS 3.",
        "This is not BI-RADS 3.",
        "BI-RADS 3 - Benign.",
        "Impression: moderate suspicion for malignancy.",
        "Findings: ACR 2.",
        "BI-RADS 2-3.",
        "BI-RADS 5th edition lexicon was used.",
        "Negative for malignancy on the prior biopsy.",
        "Right breast: Benign-appearing calcifications.",
        "Axillae: negative.",
        "Breast density category 2.",
        "UK scoring: M3 U2.",
        "Policy: BI-RADS 4 lesions are biopsied within two weeks.",
        "PATHOLOGY:\nResult: Benign.",
        "Category: 12 images stored.",
        "BI-RADS 3 would be appropriate if the finding persists.",
        "The assessment was changed from BI-RADS 0.",
        "BI-RADS 3 ist hier nicht anzunehmen.",
        "Ein BI-RADS 4 Befund liegt nicht vor.",
        "Empfehlung: bei Größenprogredienz BI-RADS 4, sonst Kontrolle.",
        "Patient was recalled for BI-RADS 0 screening exam last month.",
        "Her sister had BI-RADS 5 cancer.",
        "Risk category 3 (high risk per Tyrer-Cuzick).",
        "Category 4 o'clock lesion.",
        "BI-RADS 4C-5.",
        "Im Vorbefund 2023 wurde BI-RADS 4a vergeben.",
    ],
)
def test_no_category_when_not_sure(text: str) -> None:
    assert cats(text) == set()


def test_addendum_change_keeps_only_the_new_category() -> None:
    text = "ADDENDUM: After review of outside priors, the assessment is changed from BI-RADS 0 to BI-RADS 2."
    assert cats(text) == {(None, "2")}
    assert cats("Beurteilung: BI-RADS 2 statt BI-RADS 0.") == {(None, "2")}
    assert cats("Beurteilung: korrigiert von BI-RADS 0 auf BI-RADS 2.") == {(None, "2")}
    assert cats("Compared to BI-RADS 3 of the prior exam, stable.") == set()


def test_words_and_subcategory_for_one_side_agree() -> None:
    assert cats("IMPRESSION: Left breast: Suspicious - BI-RADS 4B.") == {("L", "4B")}


def test_result_of_another_exam_in_parentheses_is_skipped() -> None:
    text = "Left: BI-RADS 4B. Right breast: not imaged today (BI-RADS 1 on screening 09/02/2025)."
    assert cats(text) == {("L", "4B")}


def test_density_for_both_breasts_is_the_exam_density() -> None:
    assert values("Mammographie bds.: Dichte B. BI-RADS 1.", "density") == {(None, "b")}


def test_prior_then_now() -> None:
    assert cats("Prior BI-RADS 3, now BI-RADS 2.") == {(None, "2")}
    assert cats("BI-RADS 3 in 2022, now BI-RADS 2.") == {(None, "2")}


def test_history_sections_are_skipped() -> None:
    text = "CLINICAL HISTORY: BI-RADS 4A left in 2022.\nCOMPARISON: BI-RADS 3.\n\nIMPRESSION: BI-RADS 1."
    assert cats(text) == {(None, "1")}


def test_side_block_under_a_heading() -> None:
    text = "RIGHT BREAST:\nNo masses. BI-RADS 1.\n\nLEFT BREAST:\nOval mass. BI-RADS 3."
    assert cats(text) == {("R", "1"), ("L", "3")}


def test_legend_lines_are_not_results() -> None:
    text = (
        "Impression: BI-RADS 2.\n"
        "Key: BI-RADS 0 incomplete, BI-RADS 1 negative, BI-RADS 2 benign, BI-RADS 3 probably benign."
    )
    assert cats(text) == {(None, "2")}


def test_conflicts_are_reported_not_guessed() -> None:
    result = extract_from_text("Right breast: BI-RADS 2.\nSummary: Right breast BI-RADS 3.")
    assert result.by_field("category") == ()
    (conflict,) = result.conflicts
    assert conflict.field == "category" and conflict.values == ("2", "3")
    assert len(conflict.proposals) == 2


def test_overall_must_be_the_worse_side() -> None:
    consistent = extract_from_text("Right: BI-RADS 4B. Left: BI-RADS 2.\nOverall: BI-RADS 4B.")
    assert not consistent.conflicts and len(consistent.by_field("category")) == 3
    inconsistent = extract_from_text("Right: BI-RADS 4B. Left: BI-RADS 2.\nOverall: BI-RADS 2.")
    assert inconsistent.by_field("category") == ()
    assert "worse side" in inconsistent.conflicts[0].reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Breast density: ACR B.", {(None, "b")}),
        ("Breast composition: c.", {(None, "c")}),
        ("Parenchymal density ACR 3.", {(None, "c")}),
        ("Breast density: 2.", {(None, "b")}),
        ("The breasts are almost entirely fatty.", {(None, "a")}),
        ("Scattered areas of fibroglandular density.", {(None, "b")}),
        (
            "The breast tissue is heterogeneously dense, which may obscure small masses.",
            {(None, "c")},
        ),
        ("The breasts are extremely dense.", {(None, "d")}),
        ("The breasts are not extremely dense.", set()),
        ("Dense breasts.", set()),
        ("Fibroglandular density 2 cm from the nipple.", set()),
        ("Previously extremely dense, now heterogeneously dense.", {(None, "c")}),
    ],
)
def test_density(text: str, expected: set[tuple[str | None, str]]) -> None:
    assert values(text, "density") == expected


def test_descriptors_need_their_noun_and_respect_negation() -> None:
    text = (
        "Round mass with indistinct margins in the left breast. "
        "No fine pleomorphic calcifications, no spiculated mass. "
        "Clustered punctate calcifications in the right breast."
    )
    result = extract_from_text(text)
    got = {(p.field, p.side, p.value) for p in result.proposals}
    assert ("mass_shape", "L", "round") in got
    assert ("mass_margin", "L", "indistinct") in got
    assert ("calcification_morphology", "R", "round") in got
    assert ("calcification_distribution", "R", "grouped") in got
    assert not any(v in ("fine-pleomorphic", "spiculated") for _, _, v in got)


def test_fine_linear_is_morphology_not_distribution() -> None:
    text = "Fine linear branching calcifications in a linear distribution."
    assert values(text, "calcification_morphology") == {(None, "fine-linear")}
    assert values(text, "calcification_distribution") == {(None, "linear")}


def test_recommendation_procedure_pathology() -> None:
    text = (
        "PROCEDURE: Ultrasound-guided core needle biopsy of the right breast was performed.\n"
        "PATHOLOGY: Invasive ductal carcinoma. No atypia elsewhere.\n"
        "RECOMMENDATION: Surgical consultation. No further biopsy is needed."
    )
    result = extract_from_text(text)
    got = {(p.field, p.value) for p in result.proposals}
    assert ("procedure", "ultrasound-biopsy") in got
    assert ("pathology", "invasive") in got
    assert ("pathology", "high-risk") not in got
    assert ("recommendation", "treatment") in got
    assert ("recommendation", "biopsy") not in got


@pytest.mark.parametrize(
    "text",
    [
        "Amorphous calcifications were not seen on the magnification views.",
        "Recommend biopsy if the lesion enlarges.",
        "Biopsy is not recommended.",
        "No suspicious masses, fine pleomorphic calcifications or distortion.",
        "Prior report described fine pleomorphic calcifications.",
    ],
)
def test_descriptors_and_recommendations_not_proposed(text: str) -> None:
    fields = {"calcification_morphology", "recommendation"}
    assert [p for p in extract_from_text(text).proposals if p.field in fields] == []


def test_german_rules() -> None:
    text = (
        "Befund: Drüsenparenchym ACR-Typ 3. Rechts gruppierte amorphe Mikroverkalkungen.\n"
        "Beurteilung: BI-RADS rechts 4a, links 1.\n"
        "Empfehlung: Stereotaktische Vakuumbiopsie rechts."
    )
    result = extract_from_text(text)
    assert result.language == "de"
    got = {(p.field, p.side, p.value) for p in result.proposals}
    assert {
        ("category", "R", "4A"),
        ("category", "L", "1"),
        ("density", None, "c"),
        ("calcification_morphology", "R", "amorphous"),
        ("calcification_distribution", "R", "grouped"),
        ("recommendation", "R", "biopsy"),
    } <= got


def test_language_detection_and_override() -> None:
    assert detect_language("Beurteilung: BI-RADS 2 beidseits, keine suspekten Befunde.") == "de"
    assert detect_language("Impression: BI-RADS 2, no suspicious findings in the breasts.") == "en"
    assert detect_language("BI-RADS 2") == "en"
    assert extract_from_text("BI-RADS 2", language="de").language == "de"
    with pytest.raises(ReportError, match="unsupported"):
        extract_from_text("BI-RADS 2", language="xx")
    assert set(LANGUAGES) >= {"en", "de"}


def test_quote_and_offsets() -> None:
    text = "Header\n\nIMPRESSION: Right: BI-RADS 4C."
    (p,) = extract_from_text(text).proposals
    assert (p.side, p.value) == ("R", "4C")
    assert text[p.start : p.end] == p.quote == "BI-RADS 4C"
    assert p.confidence and p.source_kind == "radiologist"


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("BIRADS-0123456abcd :.,;()\nrightleft no prior")),
        max_size=200,
    )
)
def test_any_text_never_crashes_and_spans_are_exact(text: str) -> None:
    result = extract_from_text(text)
    for p in result.proposals:
        assert text[p.start : p.end] == p.quote


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IMPRESSION:\nLeft breast: BI-RADS 4B - Moderate suspicion.\n", {("L", "4B")}),
        ("IMPRESSION:\nLeft breast: BI-RADS 4C - High suspicion.\n", {("L", "4C")}),
        ("IMPRESSION:\nRight breast: BI-RADS 4A - Low suspicion.\n", {("R", "4A")}),
        ("IMPRESSION:\nLeft breast: BI-RADS 4B - intermediate suspicion.\n", {("L", "4B")}),
        ("IMPRESSION:\nLeft breast: BI-RADS 4C - moderate suspicion.\n", {("L", "4C")}),
        ("Impression: BI-RADS 4 (moderate suspicion for malignancy).", {(None, "4")}),
        ("Impression: BI-RADS 4B, suspicious: moderate suspicion.", {(None, "4B")}),
        # wording that no edition gives this number
        ("IMPRESSION:\nRight breast: BI-RADS 3 - moderate suspicion.\n", set()),
        ("IMPRESSION:\nRight breast: BI-RADS 4A - moderate suspicion.\n", set()),
        ("IMPRESSION:\nLeft breast: BI-RADS 4B - High suspicion.\n", set()),
        ("IMPRESSION:\nLeft breast: Moderate suspicion.\n", set()),
    ],
)
def test_a_number_with_wording_of_either_edition_keeps_the_number(
    text: str, expected: set[tuple[str | None, str]]
) -> None:
    assert cats(text) == expected


def test_a_history_label_with_a_whole_sentence_ends_with_its_line() -> None:
    report = (
        "Comparison: 2021.\nThe breasts are heterogeneously dense (density c).\n"
        "Left breast: grouped fine pleomorphic calcifications.\n"
    )
    assert values(report, "density") == {(None, "c")}
    assert values(report, "calcification_morphology") == {("L", "fine-pleomorphic")}
    # a label whose sentence runs on keeps the next line in the history
    running = "Comparison: 2022 mammogram, where the left breast was\nBI-RADS 3.\n"
    assert cats(running) == set()
    block = "HISTORY:\nLeft breast BI-RADS 4A.\nThe breasts were extremely dense.\n"
    assert cats(block) == set() and values(block, "density") == set()
