"""Text normalisation before matching, with a map back to the exact original characters.

The rules read a normalised copy of the report; every proposal still quotes the original
text, because each normalised character remembers the span of original characters it came
from. What is normalised:

- Unicode NFKC per character cluster (full-width digits, ligatures, "Ⅳ", no-break spaces),
  dashes to "-" or "–", soft hyphens, zero-width and other format characters removed;
- Cyrillic and Greek letters that look like Latin ones, inside tokens that also hold Latin
  letters or digits ("BI-RАDS", "4А"), and as a lone density/category letter after a marker
  ("ACR С"). Cyrillic "В" after "4" is left alone: it is "B" to the eye but the third letter
  (4C) in Russian alphabetical order, so it is ambiguous and reads as nothing;
- the spellings of BI-RADS (OCR "Bl-RADS", "BI- RADS", "BI-\\nRADS", "BI RADS");
- right after a category anchor: a line break before the value, a roman numeral
  ("BI-RADS IV" is 4), OCR's "l" for 1 and "O" for 0 when nothing but punctuation follows,
  and a hyphen or line break inside a subcategory ("4-B", "4\\nB").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

_DASHES = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-", "\u2014": "–"}
_DASHES.update({"\u2015": "–", "\ufe58": "–", "\ufe63": "-", "\uff0d": "-"})
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
    r"(?<![^\W\d_])B[ \t]?[Il1|][ \t]*(?:[-–][ \t]*(?:\r?\n[ \t]*)?|\r?\n[ \t]*)?"
    r"R[ \t]?A[ \t]?D[ \t]?[S5](?![^\W\d_])",
    re.I,
)
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5", "VI": "6"}
_AFTER_ANCHOR = (
    r"(?P<gap>[ \t]*(?:[:=(\-–][ \t]*)*)(?P<brk>\r?\n[ \t]*)?"
    r"(?:(?-i:(?P<roman>VI|IV|V|III|II)(?P<rsub>(?<=IV)[abcABC])?(?![^\W\d_])"
    r"|(?P<one>I)(?![^\W\d_]|[ \t]+[a-z])"
    r"|(?P<ocr>[lO])(?=[ \t]*(?:[.,;:)]|\r?\n|$)))|(?P<n>[0-6]))"
    r"(?P<sub>-[abcABC](?![^\W\d_])"
    r"|(?:[ \t]+[-–][ \t]*|[ \t]*\r?\n[ \t]*)[abcABC](?=[ \t]*(?:[.,;:)/]|\r?\n|$)))?"
)


@dataclass(frozen=True)
class Normalised:
    """A normalised copy of a text and, per character, the original span it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the normalised span [start, end)."""
        if end <= start:
            at = self.starts[start] if start < len(self.starts) else self.original_length
            return at, at
        return self.starts[start], self.ends[end - 1]


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, piece: str, start: int, end: int) -> None:
        self.parts.append(piece)
        self.starts.extend([start] * len(piece))
        self.ends.extend([end] * len(piece))

    def done(self, original_length: int) -> Normalised:
        return Normalised(
            "".join(self.parts), tuple(self.starts), tuple(self.ends), original_length
        )


def _clusters(text: str) -> list[tuple[int, int]]:
    """Spans of a base character and the combining marks after it."""
    spans: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if spans and unicodedata.combining(ch):
            spans[-1] = (spans[-1][0], i + 1)
        else:
            spans.append((i, i + 1))
    return spans


def _unicode(text: str) -> Normalised:
    out = _Builder()
    for start, end in _clusters(text):
        raw = text[start:end]
        if raw in _DASHES:
            out.add(_DASHES[raw], start, end)
            continue
        if raw in "\r\n\t":
            out.add(raw, start, end)
            continue
        piece = unicodedata.normalize("NFKC", raw)
        piece = "".join(ch for ch in piece if unicodedata.category(ch) not in ("Cf", "Cc"))
        out.add(piece, start, end)
    return out.done(len(text))


def _rewrite(
    base: Normalised, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str | None]
) -> Normalised:
    """Replace matches of `pattern` in `base.text`; each new character maps to the match's span.

    Characters of a replacement that equal the matched text one for one keep their own span.
    """
    out = _Builder()
    cursor = 0
    text = base.text
    for m in pattern.finditer(text):
        new = replace(m)
        if new is None or new == m.group():
            continue
        for i in range(cursor, m.start()):
            out.add(text[i], base.starts[i], base.ends[i])
        old = m.group()
        head = 0
        while head < min(len(old), len(new)) and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        if len(new) == len(old):
            head, tail = 0, 0  # one for one: every character keeps its own span
        for offset, ch in enumerate(new):
            if offset < head or offset >= len(new) - tail or len(new) == len(old):
                i = m.start() + (
                    offset if offset < len(new) - tail else offset - len(new) + len(old)
                )
                out.add(ch, base.starts[i], base.ends[i])
            else:
                first, last = base.span(m.start() + head, m.end() - tail)
                if last <= first:  # nothing of the original is replaced: point at its neighbour
                    first, last = base.span(m.start() + head - 1, m.start() + head)
                out.add(ch, first, last)
        cursor = m.end()
    if cursor == 0:
        return base
    for i in range(cursor, len(text)):
        out.add(text[i], base.starts[i], base.ends[i])
    return out.done(base.original_length)


def _lookalikes(m: re.Match[str]) -> str | None:
    token = m.group()
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


def _after_anchor(m: re.Match[str]) -> str:
    gap = m.group("gap")
    if m.group("brk"):
        gap = gap.rstrip(" \t") + " "
    roman = m.group("roman") or m.group("one")
    ocr = {"l": "1", "O": "0"}.get(m.group("ocr") or "")
    number = _ROMAN[roman] if roman else ocr or m.group("n")
    sub = m.group("sub") or m.group("rsub") or ""
    letter = sub.strip(" \t\r\n-–") if sub and number == "4" else sub
    return m.group("anchor") + gap + number + letter


def normalise(text: str, anchor: re.Pattern[str], letter_marker: re.Pattern[str]) -> Normalised:
    """Normalise report text for matching.

    ``anchor`` matches the words a category value follows ("BI-RADS", "ACR", "category");
    ``letter_marker`` the words after which a lone letter is a density or category letter.
    """
    base = _unicode(text)
    base = _rewrite(base, _TOKEN, _lookalikes)
    lone = re.compile(r"(?<![^\W\d_])[АБСΑΒ](?![^\W\d_])")
    base = _rewrite(base, lone, _lone_letter(letter_marker))
    base = _rewrite(base, _BIRADS, lambda m: "BI-RADS")
    after = re.compile(rf"(?P<anchor>{anchor.pattern}){_AFTER_ANCHOR}", anchor.flags)
    return _rewrite(base, after, _after_anchor)


def identity(text: str) -> Normalised:
    """The text unchanged, each character mapping to itself (for tests and empty texts)."""
    return Normalised(text, tuple(range(len(text))), tuple(range(1, len(text) + 1)), len(text))
