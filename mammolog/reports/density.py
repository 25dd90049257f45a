"""Breast density from report text: letters and numbers after density words, and wording.

A number 1-4 after density words is the 4th-edition density (1 = a ... 4 = d); a letter is
read when it is a capital, or follows a marker ("category", "type", ":"), or stands alone in
parentheses or at the end of its clause ("composition: c.").
"""

from __future__ import annotations

import re

from mammolog.reports.context import Hit, accept, find_side
from mammolog.reports.segment import Compiled, Sentence

FOURTH_EDITION = {"1": "a", "2": "b", "3": "c", "4": "d"}
"""4th-edition density numbers and the 5th-edition letters they became."""
_CLAUSE_END = re.compile(r"[ \t]*(?:[.;,)]|$)")
_ANOTHER_LETTER = re.compile(r"[ \t]+[A-Da-d1-4](?![\w.,])")


def density_labelled(text: str, s: Sentence, c: Compiled) -> list[Hit]:
    """Density after density words: "Breast density: C", "ACR-Typ 3", "densité de type 2"."""
    pattern = c.words.density_value
    hits: list[Hit] = []
    for m in pattern.finditer(text, s.start, s.end):
        d, gap = m.group("d"), m.group("gap")
        if c.words.unit_after.match(text, m.end(), s.end):
            continue
        if _ANOTHER_LETTER.match(text, m.end(), s.end):
            continue  # "Density C B": a flattened table row, whose columns are lost
        if c.words.acr.search(text, m.start("gap"), m.end()):
            continue  # ACR values are read by _acr_values
        closes = _CLAUSE_END.match(text, m.end(), s.end)
        context = m.group()[: m.start("gap") - m.start()]
        marker = (
            c.words.marker.search(gap)
            or c.words.marker.search(context)
            or (d.isalpha() and ("(" in gap or closes))
        )
        if not (d.isupper() or marker) or not accept(text, s, m.start(), m.end(), c):
            continue
        if c.words.range.match(text, m.end(), s.end):
            continue
        side = find_side(text, s, m.start(), m.end(), c, sentence_wide=False)
        if d.isdigit():
            note = "density number (4th edition 1-4)"
            hits.append(Hit("density", side, FOURTH_EDITION[d], m.start(), m.end(), note))
        else:
            hits.append(Hit("density", side, d.lower(), m.start(), m.end(), "density letter"))
    return hits


def whole_exam(hits: list[Hit]) -> list[Hit]:
    """Density stated for both breasts is the exam's density (side None)."""
    return [
        Hit(h.field, None, h.value, h.start, h.end, h.note) if h.side == "B" else h for h in hits
    ]


def density_words(text: str, s: Sentence, c: Compiled) -> list[Hit]:
    """Density named in words: "heterogeneously dense", "extrem dicht"."""
    hits: list[Hit] = []
    for start, end, slug in c.density_words.matches(text[s.start : s.end]):
        start, end = start + s.start, end + s.start
        if not accept(text, s, start, end, c):
            continue
        side = find_side(text, s, start, end, c, sentence_wide=False)
        hits.append(Hit("density", side, slug, start, end, "density wording"))
    return hits
