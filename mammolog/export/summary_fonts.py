"""Fonts for the summary PDF: the shipped DejaVu Sans, and a CJK font when the system has one.

fpdf2's core fonts only cover Latin-1, so the PDF always embeds DejaVu Sans (shipped in
``mammolog/export/fonts``, Bitstream Vera licence: Latin, Greek, Cyrillic, Hebrew, Arabic
letters). Chinese, Japanese and Korean need a system font (Noto/Source Han CJK, Droid Sans
Fallback, WenQuanYi, IPA...); without one, a name falls back to the PN component groups the
fonts can print (the romanised or phonetic group).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError

from mammolog.export.summary import pn_groups

__all__ = ["FontSet", "find_cjk_font", "font_set", "printable_name"]

FONT_DIR = Path(__file__).with_name("fonts")
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
CJK_FONT_ENV = "MAMMOLOG_CJK_FONT"

# Checked in order; the first that exists and loads is used. (.ttc collections: face 0.)
CJK_CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/usr/share/fonts/truetype/unfonts-core/UnDotum.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/msgothic.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)


@functools.lru_cache(maxsize=8)
def _codepoints(path: str) -> frozenset[int]:
    """The characters a font file maps to glyphs (empty when it cannot be read)."""
    try:
        with TTFont(path, fontNumber=0, lazy=True) as font:
            cmap = font.getBestCmap() or {}
            return frozenset(cmap)
    except (TTLibError, OSError, AssertionError, KeyError, ValueError):
        return frozenset()


def find_cjk_font(candidates: Iterable[str] | None = None) -> Path | None:
    """The first CJK font that exists and covers 山田 (``MAMMOLOG_CJK_FONT`` wins; "" = none)."""
    configured = os.environ.get(CJK_FONT_ENV)
    if configured is not None:
        chosen: Iterable[str] = (configured,) if configured else ()
    else:
        chosen = CJK_CANDIDATES if candidates is None else candidates
    for candidate in chosen:
        path = Path(candidate)
        if path.is_file() and {ord("山"), ord("田")} <= _codepoints(str(path)):
            return path
    return None


@dataclass(frozen=True)
class FontSet:
    """The font files a PDF embeds and the characters they can print together."""

    regular: Path
    bold: Path
    cjk: Path | None

    def covers(self, text: str) -> bool:
        """True when every character of ``text`` has a glyph in one of the fonts."""
        known = _codepoints(str(self.regular))
        extra = _codepoints(str(self.cjk)) if self.cjk else frozenset()
        return all(ch.isspace() or ord(ch) in known or ord(ch) in extra for ch in text)

    def printable(self, text: str) -> str:
        """``text`` with characters no font can print replaced by ``?``."""
        if self.covers(text):
            return text
        return "".join(ch if self.covers(ch) else "?" for ch in text)


def font_set(cjk_candidates: Sequence[str] | None = None) -> FontSet:
    """The shipped DejaVu Sans and the system CJK font, if any."""
    return FontSet(REGULAR, BOLD, find_cjk_font(cjk_candidates))


def printable_name(patient_name: str, fonts: FontSet) -> str:
    """A PN for the PDF: every component group the fonts can print, joined by " / ".

    With no CJK font, ``Yamada^Tarou=山田^太郎=やまだ^たろう`` prints as ``Yamada Tarou``; a name
    with no printable group prints with ``?`` for the missing characters.
    """
    groups = pn_groups(patient_name)
    printable = [group for group in groups if fonts.covers(group)]
    if printable:
        return " / ".join(printable)
    return fonts.printable(groups[0]) if groups else ""
