"""A second opinion's own reading, which supersedes the outside reading it quotes; quotations.

A review of images read elsewhere first quotes the outside report ("Compte rendu extérieur :
« ... classée ACR 4 »", "opisaną jako BIRADS 4A") and then gives its own value in words that
say so ("Notre avis : ACR 2", "Nasza ocena: BI-RADS 2", "In our opinion this is BI-RADS 3").
When the values before the first such sentence differ from its own, they are the outside
reading's: none of them stands. When they agree, they stand as they are.
"""

from __future__ import annotations

import re

from mammolog.reports.context import Hit
from mammolog.reports.segment import Compiled, Sentence
from mammolog.reports.structure import distinct


def _own(text: str, s: Sentence, h: Hit, c: Compiled) -> bool:
    """True when the words before a value in its sentence, or its label, say the reading is
    the writer's own ("Our assessment:", "Conclusion de la relecture :")."""
    return bool(c.own_reading.search(text, s.start, h.start) or c.own_reading.search(s.label))


def own_reading(
    text: str, found: list[tuple[Sentence, Hit]], c: Compiled
) -> list[tuple[Sentence, Hit]]:
    """The values a second opinion quotes before its own reading give way when they differ.

    A density counts as the review's own when its sentence says so or when it stands after
    the first category the review calls its own ("Notre avis : ACR 2. Seins de type C.").
    """
    said = [h for s, h in found if _own(text, s, h, c)]
    categories = [h.start for h in said if h.field == "category"]
    if not categories:
        return found
    begun = min(categories)
    for field in ("category", "density"):
        own = [
            h
            for _, h in found
            if h.field == field and (h in said or (field == "density" and h.start >= begun))
        ]
        if not own:
            continue
        first = min(h.start for h in own)
        earlier = {h.value for _, h in found if h.field == field and h.start < first}
        mine = {h.value for h in own}
        if not earlier or distinct(earlier | mine) == distinct(mine):
            continue
        found = [(s, h) for s, h in found if not (h.field == field and h.start < first)]
    return found


_QUOTED = re.compile(
    r"«[^«»]{1,600}»|“[^“”]{1,600}”|„[^„“”]{1,600}[“”]"
    r'|"(?:[^"\n]|\n(?![ \t]*\n)){1,600}"'
)
"""A passage in quotation marks, on one paragraph: «...», “...”, „...“ or "..."."""


def outside_quotes(text: str, hits: list[Hit], c: Compiled) -> list[Hit]:
    """The category and density hits not inside a quotation of a report made elsewhere.

    A second opinion or an intake note quotes the outside report ("Le compte rendu extérieur
    conclut : « ... ACR 4 à gauche »", "Fremdbefund: „... BI-RADS 4 rechts“"): a value inside
    quotation marks, in a document that names such a report before the quotation, is that
    report's, never this one's. A letter quoting this exam's own report ("Your result is
    "BI-RADS 1 - negative"") names no other report and keeps its values.
    """
    spans = [
        (m.start(), m.end())
        for m in _QUOTED.finditer(text)
        if c.outside.search(text, 0, m.start()) is not None
    ]
    if not spans:
        return hits
    return [
        h
        for h in hits
        if h.field not in ("category", "density")
        or not any(a < h.start and h.end <= b for a, b in spans)
    ]
