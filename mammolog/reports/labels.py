"""Values that stand right after a label, with no "BI-RADS" or "category" word beside them.

    Assessment: 2 - Benign.            (an assessment label, then the value and its wording)

    BI-RADS ASSESSMENT                 (a heading that names the scale, then one side per line)
    Right: 2
    Left: 1

    BREAST DENSITY
    Right: C

A bare number after a label is read only when nothing but its wording follows it ("2 - Benign",
"2 (benign)") or it ends its line: "Impression: 2 masses" and the numbered list
"Impression: 1. Suspicious mass" give nothing.
"""

from __future__ import annotations

import re

from mammolog.reports.context import Hit, accept
from mammolog.reports.segment import Compiled, Sentence
from mammolog.reports.structure import LEGEND_AFTER

_LEAD = re.compile(r"[ \t]*(?:[-•*][ \t]*)?(?P<label>[^\W\d_][^\n:]{0,40}?)[ \t]*:[ \t]*")
_NUMBER = re.compile(r"(?P<n>[0-6])(?P<sub>[abcABC])?(?![\w]|[.,]\d)")
_LETTER = re.compile(r"(?P<d>[A-Da-d])(?![\w])")
_WORDING = re.compile(r"[ \t]*(?:[-–:=(,][ \t]*)")
_LINE_END = re.compile(r"[ \t]*(?:[;.][ \t]*)?$")


def _category(m: re.Match[str]) -> str:
    sub = (m.group("sub") or "").upper()
    return m.group("n") + (sub if m.group("n") == "4" else "")


def _ends_line(text: str, end: int) -> bool:
    """True when nothing but a full stop follows `end` on its line ("1." of a list does not)."""
    line_end = text.find("\n", end)
    return _LINE_END.fullmatch(text, end, len(text) if line_end < 0 else line_end) is not None


def _wording_agrees(text: str, end: int, limit: int, c: Compiled, value: str) -> bool:
    """True when the value ends its line, or its wording follows a separator and fits it."""
    if _ends_line(text, end):
        return True
    sep = _WORDING.match(text, end, limit)
    if sep is None:
        return False
    for pattern, slug in c.category_words.entries:
        if pattern.match(text, sep.end(), limit):
            return bool(slug) and any(
                value == one or (value[0] == "4" and one[0] == "4" and "4" in (value, one))
                for one in slug.split("|")
            )
    return False


def _heading_field(s: Sentence, c: Compiled) -> str | None:
    label = s.label.strip()
    if not label:
        return None
    if re.search(r"bi-?rads", label, re.I) or c.assessment_labels.fullmatch(label):
        return "category"
    if c.density_context.search(label):
        return "density"
    return None


def label_values(text: str, s: Sentence, c: Compiled) -> list[Hit]:
    """Category or density values stated right after a label (see the module docstring)."""
    lead = _LEAD.match(text, s.start, s.end)
    if lead is None:
        return []
    name = " ".join(lead.group("label").split())
    side_label = c.side_label.match(name)
    side: str | None
    field: str | None
    if side_label:
        named = c.side.search(name)
        side = next(k for k in ("R", "L", "B") if named and named.group(k) is not None)
        field = _heading_field(s, c)
    elif c.assessment_labels.fullmatch(name):
        side, field = s.scope_side, "category"
    else:
        return []
    if field == "category":
        number = _NUMBER.match(text, lead.end(), s.end)
        if number is None:
            return []
        value = _category(number)
        if not _wording_agrees(text, number.end(), s.end, c, value):
            return []
        if LEGEND_AFTER.match(text, number.end(), s.end + 200):
            return []
        if not accept(text, s, lead.start("label"), number.end(), c):
            return []
        return [Hit("category", side, value, number.start(), number.end(), "value after a label")]
    if field == "density" and side_label:
        letter = _LETTER.match(text, lead.end(), s.end)
        if letter is None or not _ends_line(text, letter.end()):
            return []
        d = letter.group("d").lower()
        return [Hit("density", side, d, letter.start(), letter.end(), "density after a label")]
    return []
