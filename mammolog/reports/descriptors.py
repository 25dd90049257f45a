"""Findings descriptors, recommendations, procedures and pathology from report text.

A descriptor word counts only next to the noun it describes: a calcification word within a
few words of "calcifications", a mass word next to "mass"/"nodule" ("round" is a calcification
morphology or a mass shape depending on that noun). Negation reaches across a comma list
("no suspicious masses, calcifications or distortion") up to a stronger break.
"""

from __future__ import annotations

from mammolog.reports.context import Hit, find_side, historical, hypothetical, negated_list
from mammolog.reports.segment import Compiled, Sentence, Table

_REACH = 45


def _nouns(text: str, s: Sentence, c: Compiled) -> list[tuple[int, int, str]]:
    found = [(m.start(), m.end(), "calc") for m in c.calcification.finditer(text, s.start, s.end)]
    found += [(m.start(), m.end(), "mass") for m in c.mass.finditer(text, s.start, s.end)]
    return sorted(found)


def _attached(
    text: str, start: int, end: int, nouns: list[tuple[int, int, str]], c: Compiled
) -> str | None:
    """The kind of noun ("calc"/"mass") a descriptor at [start, end) belongs to, if any."""
    other = c.words.other_nouns
    after = [n for n in nouns if n[0] >= end and n[0] - end <= _REACH]
    if after and not other.search(text, end, after[0][0]):
        return after[0][2]
    before = [n for n in nouns if n[1] <= start and start - n[1] <= _REACH]
    if before and not other.search(text, before[-1][1], start):
        return before[-1][2]
    return None


def _table_hits(text: str, s: Sentence, table: Table) -> list[tuple[int, int, str]]:
    return [(a + s.start, b + s.start, v) for a, b, v in table.matches(text[s.start : s.end])]


def _usable(
    text: str, s: Sentence, start: int, end: int, c: Compiled, *, event: bool = False
) -> bool:
    return not (
        negated_list(text, s, start, c)
        or historical(text, s, start, end, c, check_after=not event)
        or hypothetical(text, s, start, c)
        or c.words.absent_after.match(text[end : s.end])
        or c.words.descriptor_condition_after.match(text[end : s.end])
    )


def _descriptor_hits(text: str, s: Sentence, c: Compiled) -> list[Hit]:
    nouns = _nouns(text, s, c)
    if not nouns:
        return []
    tables = (
        ("calcification_morphology", c.morphology, "calc"),
        ("calcification_distribution", c.distribution, "calc"),
        ("mass_shape", c.mass_shape, "mass"),
        ("mass_margin", c.mass_margin, "mass"),
    )
    hits: list[Hit] = []
    for field, table, kind in tables:
        for start, end, value in _table_hits(text, s, table):
            if _attached(text, start, end, nouns, c) != kind or not _usable(text, s, start, end, c):
                continue
            side = find_side(text, s, start, end, c, look_after=True)
            hits.append(Hit(field, side, value, start, end, f"described with a {kind} word"))
    return hits


def _recommendation_hits(text: str, s: Sentence, c: Compiled) -> list[Hit]:
    asked = c.recommendation_context.search(text, s.start, s.end)
    if s.section != "recommendation" and not asked:
        return []
    if not asked and c.performed.search(text, s.start, s.end):
        return []  # "core biopsy performed today" under a Plan: label is not a recommendation
    hits: list[Hit] = []
    for start, end, value in _table_hits(text, s, c.recommendations):
        if not _usable(text, s, start, end, c) or c.words.after_event.search(text[s.start : start]):
            continue
        side = find_side(text, s, start, end, c, look_after=True)
        hits.append(Hit("recommendation", side, value, start, end, "recommendation wording"))
    return hits


def _procedure_hits(text: str, s: Sentence, c: Compiled) -> list[Hit]:
    performed = c.performed.search(text, s.start, s.end)
    if s.section != "procedure" and not performed:
        return []
    if s.section != "procedure" and c.recommendation_context.search(text, s.start, s.end):
        return []
    hits: list[Hit] = []
    for start, end, value in _table_hits(text, s, c.procedures):
        if not _usable(text, s, start, end, c, event=True):
            continue
        side = find_side(text, s, start, end, c, look_after=True)
        hits.append(Hit("procedure", side, value, start, end, "procedure performed"))
    return hits


def _pathology_hits(text: str, s: Sentence, c: Compiled) -> list[Hit]:
    if s.section != "pathology" and not c.pathology_context.search(text, s.start, s.end):
        return []
    hits: list[Hit] = []
    for start, end, value in _table_hits(text, s, c.pathology):
        if not _usable(text, s, start, end, c, event=True):
            continue
        side = find_side(text, s, start, end, c, look_after=True)
        hits.append(Hit("pathology", side, value, start, end, "pathology statement"))
    return hits


def descriptors(text: str, sentences: list[Sentence], c: Compiled) -> list[Hit]:
    """Descriptor, recommendation, procedure and pathology mentions in current sentences."""
    found: list[Hit] = []
    for s in sentences:
        if s.section in ("history", "legend"):
            continue
        found += _descriptor_hits(text, s, c)
        found += _recommendation_hits(text, s, c)
        found += _procedure_hits(text, s, c)
        found += _pathology_hits(text, s, c)
    return found
