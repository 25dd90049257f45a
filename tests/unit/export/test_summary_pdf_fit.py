"""Table cells never break a word: smaller type first, then an ellipsis."""

from __future__ import annotations

from fpdf import FPDF

from mammolog.export.summary_fonts import BOLD, REGULAR
from mammolog.export.summary_pdf_fit import ELLIPSIS, SMALLEST_WORD_SIZE, WordFitter


def _fitter() -> WordFitter:
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(REGULAR))
    pdf.add_font("DejaVu", "B", str(BOLD))
    pdf.add_page()
    pdf.set_font("DejaVu", size=6.8)
    return WordFitter(pdf, "DejaVu")


def test_short_words_keep_the_size() -> None:
    assert _fitter().fitted("coarse calcifications R LOQ", 40, 6.8) == (
        "coarse calcifications R LOQ", 6.8
    )  # fmt: skip


def test_a_word_too_wide_for_its_column_is_set_smaller_not_broken() -> None:
    fitter = _fitter()
    text, size = fitter.fitted("benign: microcalcifications", 20, 6.8)
    assert text == "benign: microcalcifications" and SMALLEST_WORD_SIZE < size < 6.8
    assert fitter.width_of("microcalcifications", size) <= 20 - 1.9
    assert fitter.pdf.font_size_pt == 6.8  # measuring leaves the table's type alone


def test_a_word_too_wide_even_when_small_is_shortened_with_an_ellipsis() -> None:
    fitter = _fitter()
    text, size = fitter.fitted("see " + "x" * 120, 20, 6.8)
    first, second = text.split(" ")
    assert first == "see" and second.endswith(ELLIPSIS) and len(second) < 120
    assert fitter.width_of(second, size) <= 20 - 1.9
    assert fitter.width_of(second[:-1] + "x" + ELLIPSIS, size) > 20 - 1.9  # the longest that fits
