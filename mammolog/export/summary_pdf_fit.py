"""Table cells of the summary PDF without words broken inside.

fpdf2 breaks a word that is wider than its column in the middle ("microcalcification/s"). A
:class:`WordFitter` instead sets such a cell in smaller type, down to
:data:`SMALLEST_WORD_SIZE`, and shortens a word too wide even then with an ellipsis.
"""

from __future__ import annotations

from fpdf import FPDF

__all__ = ["CELL_PADDING", "ELLIPSIS", "SMALLEST_WORD_SIZE", "WordFitter"]

CELL_PADDING = 0.8  # mm, the table's cell padding
SMALLEST_WORD_SIZE = 4.8  # points
ELLIPSIS = "…"
MM_PER_POINT = 25.4 / 72
_STEP = 0.4  # points


class WordFitter:
    """Measures words in one font family of ``pdf`` (each word and size once) and fits cells."""

    def __init__(
        self, pdf: FPDF, family: str, widths: dict[tuple[str, float], float] | None = None
    ) -> None:
        self.pdf = pdf
        self.family = family
        self.widths: dict[tuple[str, float], float] = widths if widths is not None else {}

    def width_of(self, word: str, size: float) -> float:
        """The printed width of ``word`` in mm at ``size`` points (the current font is kept)."""
        key = (word, size)
        found = self.widths.get(key)
        if found is None:
            before = self.pdf.font_size_pt
            self.pdf.set_font(self.family, size=size)
            found = self.widths[key] = self.pdf.get_string_width(word)
            self.pdf.set_font(self.family, size=before)  # a table cell takes the current font
        return found

    def fitted(self, text: str, width: float, size: float) -> tuple[str, float]:
        """``text`` and a type size at which no word is wider than a ``width`` mm column
        (shrunk first, then over-long words shortened with an ellipsis)."""
        room = width - 2 * CELL_PADDING - 0.3
        # no glyph of the font is wider than one em: shorter words fit without measuring
        long_words = [w for w in text.split() if len(w) * size * MM_PER_POINT > room]
        chosen = size
        while chosen > SMALLEST_WORD_SIZE:
            if all(self.width_of(word, chosen) <= room for word in long_words):
                return text, chosen
            chosen = round(chosen - _STEP, 1)
        shortened = " ".join(
            word if self.width_of(word, chosen) <= room else self.shortened(word, room, chosen)
            for word in text.split()
        )
        return shortened, chosen

    def shortened(self, word: str, room: float, size: float) -> str:
        """The longest start of ``word`` that fits ``room`` mm at ``size`` with an ellipsis."""
        low, high = 1, len(word)
        while low < high:
            middle = (low + high + 1) // 2
            if self.width_of(word[:middle] + ELLIPSIS, size) <= room:
                low = middle
            else:
                high = middle - 1
        return word[:low] + ELLIPSIS
