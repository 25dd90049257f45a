"""Text normalisation before matching, with a map back to the exact original characters.

The rules read a normalised copy of the report; every proposal still quotes the original
text, because each normalised character remembers the span of original characters it came
from. What is normalised:

- Unicode NFKC per character cluster (full-width digits, ligatures, "Ⅳ", no-break spaces),
  dashes to "-" or "–", soft hyphens, zero-width and other format characters removed, the
  trade mark signs "™" and "®" read as a space ("BIRADS™ 2");
- Cyrillic and Greek letters that look like Latin ones, inside tokens that also hold Latin
  letters or digits ("BI-RАDS", "4А"), and as a lone density/category letter after a marker
  ("ACR С"). Cyrillic "В" after "4" is left alone: it is "B" to the eye but the third letter
  (4C) in Russian alphabetical order, so it is ambiguous and reads as nothing;
- the spellings of BI-RADS (OCR "Bl-RADS", "BI- RADS", "BI-\\nRADS", "BI RADS", Greek or
  Cyrillic "ΒΙ-RADS");
- OCR's "1" for l and "0" for o inside a word in small letters ("heterogeneous1y",
  "fibrog1andular", "c0mposition") or opening one ("1inks", "1ewej"), and "l" for I and "0" for O in a word in capitals
  ("RlGHT BREAST", "lMPRESSl0N");
- a word broken at a line end with a hyphen ("heterogen-\\neously", "ty-\\npe A") is joined
  when the line goes on in small letters; a side word before or after the hyphen keeps it
  ("left-\\nsided" reads "left-sided");
- right after a category anchor: a line break before the value, a roman numeral
  ("BI-RADS IV" is 4), OCR's "l" for 1 and "O" for 0 when nothing but punctuation, a dash (or a
  few words closing the line: "BI-RADS l bds.", "ACR l a droite et a gauche.") follows,
  and a hyphen or line break inside a subcategory ("4-B", "4\\nB", "4\\nC - biopsy");
- dot leaders between a label and its value ("mama direita ........ BI-RADS 4") read as
  spaces, so that they neither end a sentence nor part a side word from its value.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

_DASHES = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-", "\u2014": "–"}
_DASHES.update({"\u2015": "–", "\ufe58": "–", "\ufe63": "-", "\uff0d": "-"})
_DASHES.update({"\u2122": " ", "\u00ae": " "})  # "BIRADS™ 2", "BI-RADS® 3": no letters
_LOOKALIKE = str.maketrans(
    "АВСЕНІЈКМОРЅТХУаеіјорсхуΑΒΕΗΙΚΜΝΟΡΤΧΥΖοτ",
    "ABCEHIJKMOPSTXYaeijopcxyABEHIKMNOPTXYZot",
)
"""Cyrillic and Greek capitals and small letters drawn like Latin ones."""
_SUBCATEGORY = str.maketrans("АаБбСсΑαΒβ", "AaBbCcAaBb")
"""Letters after a 4 that name 4A-4C: in both Latin look and Russian order."""
_LATIN = re.compile(r"[A-Za-z0-9]")
_FOREIGN = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")
_TOKEN = re.compile(r"[\w\-]+")
_BIRADS = re.compile(
    r"(?<![^\W\d_])(?:[BΒВ]|8(?=[Il]))[ \t]?[Il1|ΙІ][ \t]*(?:[-–][ \t]*(?:\r?\n[ \t]*)?|\r?\n[ \t]*)?"
    r"R[ \t]?A[ \t]?D[ \t]?[S5](?![^\W\d_])",
    re.I,
)
_BR = re.compile(
    r"(?<![^\W\d_])(?-i:BR)(?=(?:[ \t]+[^\W\d_]{1,3}\.?[ \t]*[:\-]?)?"
    r"[ \t]?-?[ \t]?(?:[0-6][abcABC]?|IV[abcABC]?|VI|V|III|II|I)"
    r"(?![^\W\d_]|[ \t]*(?::\d|[.,]\d|cm\b|mm\b|h\b|o'?clock|uhr)))"
)
""""BR 2", "BR4c", "BR-IVa", "BR dx 1", "BR re. 2": the short form of BI-RADS in compact notes
(never "BR 2:00"); a short side mark may stand before its value."""
_SIDE_ROMAN = re.compile(
    r"(?P<lead>(?<![^\W\d_])[^\W\d_]{1,5}\.?[ \t]*[:=\-–]?[ \t]*)"
    r"(?-i:(?P<roman>VI|IV|V|III|II|I))(?P<sub>(?<=IV)[abcABC])?"
    r"(?=[ \t]*(?:[,;/)]|\.(?!\w)|$)|[ \t]+[^\W\d_]{1,5}\.?[ \t]*[:=\-–]?[ \t]*(?:VI|IV|V|III|II|I)\b)",
    re.M,
)
"""A roman numeral after a short side word, in a list of them after a category anchor:
"BI-RADS re. V / li. I", "BI-RADS: P - I, L - II"."""
_CAPS_OCR = re.compile(r"(?<!\w)(?=[A-Z0l]*[A-Z][A-Z0l]*[A-Z])(?=[A-Z]*[0l])[A-Z0l]{3,}(?!\w)")
"""A word in capitals with OCR's "l" for I or "0" for O in it ("RlGHT", "lMPRESSl0N")."""
_DIGIT_IN_WORD = re.compile(r"(?<=[a-zß-ÿ]{2})[10](?=[a-zß-ÿ])")
_DIGIT_OPENING_WORD = re.compile(r"(?<![\w.,/:-])[10](?=[a-zß-ÿąćęłńśźż]{3,}(?![\w]))")
"""OCR's "1" for l and "0" for o opening a word in small letters ("1inks", "1ewej", "0bscure")."""
_BROKEN_WORD = re.compile(
    r"(?<![^\W\d_])(?P<head>[^\W\d_]{2,})-[ \t]*\r?\n[ \t]*(?P<tail>[^\W\d_]{2,})"
)
_DOT_LEADER = re.compile(r"(?<=\S)[ \t]*(?:\.[ \t]?){4,}(?=[ \t]*[^\s.])|…{2,}")
"""Four or more dots (or ellipses) leading from a label to its value on the same line."""
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5", "VI": "6"}
_AFTER_ANCHOR = (
    r"(?P<gap>[ \t]*(?:[:=(\-–][ \t]*)*)(?P<brk>\r?\n[ \t]*)?"
    r"(?:(?-i:(?P<roman>VI|IV|V|III|II)(?P<rsub>(?<=IV)[abcABC])?(?![^\W\d_])"
    r"|(?P<one>I)(?![^\W\d_]|[ \t]+[a-z])"
    r"|(?P<ocr>[lO])(?=[ \t]*(?:[.,;:)]|\r?\n|$)|[ \t]+[-–][ \t]"
    r"|(?:[ \t]+[^\W\d_]+){1,5}[ \t]*\.?[ \t]*(?:[,;:)]|\r?\n|$)))"
    r"|(?P<n>[0-6]))"
    r"(?P<sub>-[abcABC](?![^\W\d_])"
    r"|(?:[ \t]+[-–][ \t]*|[ \t]*\r?\n[ \t]*)[abcABC](?=[ \t]*(?:[.,;:)/(]|\r?\n|$|[ \t][-–][ \t])))?"
)


Piece = tuple[int, int, int, int, bool]
"""(normalised start, normalised end, original start, original end, one for one)."""


@dataclass(frozen=True)
class Normalised:
    """A normalised copy of a text and, piece by piece, the original span it came from.

    A piece kept one for one maps each character to its own original character; a replaced
    piece maps every character to the whole original span it replaced.
    """

    text: str
    pieces: tuple[Piece, ...]
    original_length: int
    piece_starts: tuple[int, ...] = ()

    def _piece(self, index: int) -> Piece:
        at = bisect_right(self.piece_starts, index) - 1
        return self.pieces[max(at, 0)]

    def _start(self, index: int) -> int:
        if index >= len(self.text):
            return self.original_length
        ns, _ne, os, _oe, same = self._piece(index)
        return os + (index - ns) if same else os

    def _end(self, index: int) -> int:
        ns, _ne, os, oe, same = self._piece(index)
        return os + (index - ns) + 1 if same else oe

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the normalised span [start, end)."""
        if end <= start:
            at = self._start(start)
            return at, at
        return self._start(start), self._end(end - 1)

    def slice(self, start: int, end: int, at: int) -> list[Piece]:
        """The pieces covering normalised [start, end), moved to start at normalised `at`."""
        out: list[Piece] = []
        first = max(bisect_right(self.piece_starts, start) - 1, 0)
        for ns, ne, os, oe, same in self.pieces[first:]:
            if ns >= end:
                break
            lo, hi = max(ns, start), min(ne, end)
            if hi <= lo:
                continue
            shift = at + (lo - start)
            if same:
                out.append((shift, shift + hi - lo, os + lo - ns, os + hi - ns, True))
            else:
                out.append((shift, shift + hi - lo, os, oe, False))
        return out


class _Builder:
    """Collects normalised text and its pieces."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pieces: list[Piece] = []
        self.length = 0

    def keep(self, piece: str, pieces: list[Piece]) -> None:
        """Text whose mapping is given by `pieces` (already placed at the current length)."""
        self.parts.append(piece)
        self.pieces.extend(pieces)
        self.length += len(piece)

    def same(self, piece: str, start: int) -> None:
        """Original text kept one for one, from original offset `start`."""
        if piece:
            self.keep(
                piece, [(self.length, self.length + len(piece), start, start + len(piece), True)]
            )

    def replaced(self, piece: str, start: int, end: int) -> None:
        """New text standing for the original span [start, end)."""
        if piece:
            self.keep(piece, [(self.length, self.length + len(piece), start, end, False)])

    def done(self, original_length: int) -> Normalised:
        pieces = tuple(self.pieces) or ((0, 0, 0, original_length, False),)
        starts = tuple(p[0] for p in pieces)
        return Normalised("".join(self.parts), pieces, original_length, starts)


_SPECIAL = re.compile(
    r"[^\x00-\x7f][\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*"
    r"|[\x00-\x7f][\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
)
"""A character that normalisation may change, with the combining marks after it."""


def _unicode(text: str) -> Normalised:
    out = _Builder()
    cursor = 0
    for m in _SPECIAL.finditer(text):
        raw = m.group()
        if raw in _DASHES:
            piece = _DASHES[raw]
        else:
            piece = unicodedata.normalize("NFKC", raw)
            piece = "".join(ch for ch in piece if unicodedata.category(ch) not in ("Cf", "Cc"))
        if piece == raw:
            continue
        out.same(text[cursor : m.start()], cursor)
        if len(piece) == len(raw):
            out.keep(piece, [(out.length, out.length + len(piece), m.start(), m.end(), True)])
        else:
            out.replaced(piece, m.start(), m.end())
        cursor = m.end()
    out.same(text[cursor:], cursor)
    return out.done(len(text))


def _rewrite(
    base: Normalised, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str | None]
) -> Normalised:
    """Replace matches of `pattern` in `base.text`, keeping the map to the original.

    A replacement as long as what it replaces keeps every character's own span; otherwise the
    characters it shares at its start and end with the matched text keep theirs and the rest
    stand for the span of what changed.
    """
    out = _Builder()
    cursor = 0
    text = base.text
    changed = False
    for m in pattern.finditer(text):
        new = replace(m)
        old = m.group()
        if new is None or new == old:
            continue
        changed = True
        out.keep(text[cursor : m.start()], base.slice(cursor, m.start(), out.length))
        if len(new) == len(old):
            out.keep(new, base.slice(m.start(), m.end(), out.length))
            cursor = m.end()
            continue
        head = 0
        while head < min(len(old), len(new)) and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        out.keep(new[:head], base.slice(m.start(), m.start() + head, out.length))
        first, last = base.span(m.start() + head, m.end() - tail)
        if last <= first:  # nothing of the original is replaced: point at its neighbour
            first, last = base.span(m.start() + head - 1, m.start() + head)
        out.replaced(new[head : len(new) - tail], first, last)
        out.keep(new[len(new) - tail :], base.slice(m.end() - tail, m.end(), out.length))
        cursor = m.end()
    if not changed:
        return base
    out.keep(text[cursor:], base.slice(cursor, len(text), out.length))
    return out.done(base.original_length)


_ROMAN_LOOKALIKE = re.compile(r"[IVΙІӀ]*[ΙІӀ][IVΙІӀ]*")
"""A roman numeral written with Cyrillic or Greek capitals I ("ІІ", "Ι"): no Russian word."""


def _lookalikes(m: re.Match[str]) -> str | None:
    token = m.group()
    if _ROMAN_LOOKALIKE.fullmatch(token) and len(token) <= 4:
        return token.translate(_LOOKALIKE).replace("Ӏ", "I")
    if not _FOREIGN.search(token) or not _LATIN.search(token):
        return None
    if re.search(r"\d", token):
        return token.translate(_SUBCATEGORY)  # "4А" is 4A; "4В" stays ambiguous
    return token.translate(_LOOKALIKE)


def _lone_letter(markers: re.Pattern[str]) -> Callable[[re.Match[str]], str | None]:
    def replace(m: re.Match[str]) -> str | None:
        if markers.search(m.string, max(0, m.start() - 40), m.start()) is None:
            return None
        return m.group().translate(_SUBCATEGORY)

    return replace


_COLUMN_GAP = re.compile(r"\t|[ \t]{2,}\S")
"""Two or more spaces (or a tab) after a value moved up from the next line: table columns."""


def _after_anchor(m: re.Match[str]) -> str | None:
    if m.group("brk") and _COLUMN_GAP.match(m.string, m.end()):
        return None  # "BIRADS\n1   10 o'clock   9 mm": a table's header over a lesion number
    gap = m.group("gap")
    if m.group("brk"):
        gap = gap.rstrip(" \t") + " "
    roman = m.group("roman") or m.group("one")
    ocr = {"l": "1", "O": "0"}.get(m.group("ocr") or "")
    number = _ROMAN[roman] if roman else ocr or m.group("n")
    sub = m.group("sub") or m.group("rsub") or ""
    letter = sub.strip(" \t\r\n-–") if sub and number == "4" else sub
    return m.group("anchor") + gap + number + letter


def _broken_word(whole_words: re.Pattern[str] | None) -> Callable[[re.Match[str]], str | None]:
    def join(m: re.Match[str]) -> str | None:
        head, tail = m.group("head"), m.group("tail")
        if not (head[-1].islower() and tail[0].islower()):
            return None  # "BI-\nRADS", "RADS-\nkategorie": not a word broken in small letters
        if whole_words and (whole_words.fullmatch(head) or whole_words.fullmatch(tail)):
            return f"{head}-{tail}"
        return head + tail

    return join


_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]{2,}(?![^\W\d_])")


def _join_split_sides(base: Normalised, sides: re.Pattern[str]) -> Normalised:
    """A side word OCR cut in two with a space ("rech ts", "pra wa", "di reita") is joined
    when the two pieces make the side word and neither piece is a side word of its own."""
    words = list(_WORD.finditer(base.text))
    pairs = {
        f"{a.group()} {b.group()}"
        for a, b in zip(words, words[1:], strict=False)
        if base.text[a.end() : b.start()] == " "
        and sides.fullmatch(a.group() + b.group())
        and not sides.fullmatch(a.group())
        and not sides.fullmatch(b.group())
    }
    if not pairs:
        return base
    joined = "|".join(re.escape(p) for p in sorted(pairs, key=len, reverse=True))
    pattern = re.compile(rf"(?<![^\W\d_])(?:{joined})(?![^\W\d_])")
    return _rewrite(base, pattern, lambda m: m.group().replace(" ", ""))


_RULE_LINE = r"[ \t]*(?:[_\-=~*·.][ \t]?){3,}[ \t]*\r?\n"
_PAGE_MARK = (
    r"[^\n]*?(?<![^\W\d_])(?:page|seite|strona|pag|pagina|página|pág|стр|blad|bladzijde)\.?"
    r"[ \t]*\d{1,2}[ \t]*(?:of|von|z|di|de|из|van|/)[ \t]*\d{1,2}(?!\d)[^\n]*\r?\n"
)
_PAGE_BREAK = re.compile(
    rf"(?m)^(?:[ \t]*\r?\n|{_RULE_LINE})*"
    rf"(?:^{_RULE_LINE}(?:^[^\n]*\r?\n){{0,2}}?)?^{_PAGE_MARK}(?:(?:^[^\n]*\r?\n){{0,2}}?^{_RULE_LINE})?"
    rf"(?:^[ \t]*\r?\n|^{_RULE_LINE})*(?=[^\W_])",
    re.IGNORECASE,
)
"""A page break inside a document turned to text: the line naming the page ("Page 1 of 2",
"Strona 1 z 2", "Стр. 1 из 2") with the rules, blank lines and footer lines around it."""


def _page_break(m: re.Match[str]) -> str | None:
    if m.start() == 0:
        return None  # a page header on the first line: nothing is cut
    before = m.string[: m.start()].rstrip()
    return "\n" if before[-1:] in ".!?" else ""


def normalise(
    text: str,
    anchor: re.Pattern[str],
    letter_marker: re.Pattern[str],
    whole_words: re.Pattern[str] | None = None,
) -> Normalised:
    """Normalise report text for matching.

    ``anchor`` matches the words a category value follows ("BI-RADS", "ACR", "category");
    ``letter_marker`` the words after which a lone letter is a density or category letter;
    ``whole_words`` the words a line-end hyphen is kept beside (side words).
    """
    base = _unicode(text)
    base = _rewrite(base, _PAGE_BREAK, _page_break)  # "BI-\n___\nPage 1 of 2\n___\nRADS 2"
    base = _rewrite(base, _DOT_LEADER, lambda m: " " * len(m.group()))
    base = _rewrite(base, _TOKEN, _lookalikes)
    lone = re.compile(r"(?<![^\W\d_])[АБСΑΒ](?![^\W\d_])")
    base = _rewrite(base, lone, _lone_letter(letter_marker))
    base = _rewrite(base, _BIRADS, lambda m: "BI-RADS")
    base = _rewrite(base, _CAPS_OCR, lambda m: m.group().replace("l", "I").replace("0", "O"))
    base = _rewrite(base, _DIGIT_IN_WORD, lambda m: "l" if m.group() == "1" else "o")
    base = _rewrite(base, _DIGIT_OPENING_WORD, lambda m: "l" if m.group() == "1" else "o")
    base = _rewrite(base, _BROKEN_WORD, _broken_word(whole_words))
    if whole_words is not None:
        base = _join_split_sides(base, whole_words)
    base = _rewrite(base, _BR, lambda m: "BI-RADS")
    after = re.compile(rf"(?P<anchor>{anchor.pattern}){_AFTER_ANCHOR}", anchor.flags)
    base = _rewrite(base, after, _after_anchor)
    items = re.compile(
        rf"(?P<anchor>{anchor.pattern})[ \t]*[:=\-–]?[ \t]*(?:{_SIDE_ROMAN.pattern}"
        r"(?:[ \t]*[,;/][ \t]*|[ \t]+)?)+",
        anchor.flags | re.M,
    )
    return _rewrite(base, items, _side_romans)


def _side_romans(m: re.Match[str]) -> str | None:
    """The roman numerals of a list of side items after an anchor, as digits."""
    anchor_end = m.end("anchor") - m.start()
    whole = m.group()
    head, rest = whole[:anchor_end], whole[anchor_end:]

    def digit(item: re.Match[str]) -> str:
        number = _ROMAN[item.group("roman")]
        return item.group("lead") + number + (item.group("sub") or "")

    return head + _SIDE_ROMAN.sub(digit, rest)


def identity(text: str) -> Normalised:
    """The text unchanged, each character mapping to itself (for tests and empty texts)."""
    out = _Builder()
    out.same(text, 0)
    return out.done(len(text))
