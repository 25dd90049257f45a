"""BI-RADS categories stated in words ("Probably benign", "Unauffälliger Befund"), and how
they give way to numbers that say the same."""

from __future__ import annotations

import re

from mammolog.reports.context import Hit
from mammolog.reports.segment import Compiled, Sentence, side_of
from mammolog.reports.structure import WORDING_NOTE


def compatible(number: str, word: str) -> bool:
    """True when `word` (a slug, or alternatives joined by "|") allows the category `number`."""
    return any(
        number == one or (number[0] == "4" and one[0] == "4" and "4" in (number, one))
        for one in word.split("|")
    )


def _part_of_wrapped_phrase(text: str, s: Sentence, start: int, end: int, c: Compiled) -> bool:
    """True when wording at the start of its sentence ends a longer phrase begun before it."""
    if text[s.start : start].strip(" \t-•*:"):
        return False
    if text[: s.start].rstrip().endswith(","):
        return True  # "US-BI-RADS 3 – BEFUND ... FIBROADENOM,\nWAHRSCHEINLICH BENIGNE."
    if re.search(
        r"[0-6][abcABC]?[ \t]*[-–:(][ \t]*\n?[ \t]*$", text[max(0, s.start - 12) : s.start]
    ):
        return True  # "BI-RADS 0 -\nIncomplete: ...": the wording of the value before it
    if re.search(r"(?:^|[|,;])[ \t]*[0-6][ \t]*\n[ \t]*$", text[max(0, s.start - 12) : s.start]):
        return True  # "|  2 Benign  |  3\nProbably Benign": a legend's item wrapped apart
    lower = max(0, start - 40)
    for pattern, _slug in c.category_words.entries:
        for m in pattern.finditer(text, lower, end):
            if m.start() < s.start <= start and m.end() >= end:
                return True
    return False


_BARE_NUMBER = re.compile(r"(?<![\d.])[0-6][ \t]+$")


def word_categories(text: str, s: Sentence, c: Compiled) -> list[Hit]:
    prefix_ok, end_ok = c.words.word_prefix, c.words.word_end
    hits: list[Hit] = []
    for start, end, slug in c.category_words.matches(text[s.start : s.end]):
        start, end = start + s.start, end + s.start
        prefix = text[s.start : start]
        if not slug or "|" in slug:
            continue  # ambiguous wording alone ("moderate suspicion") proposes nothing
        if _part_of_wrapped_phrase(text, s, start, end, c):
            continue  # "Probably\nBenign.": the wording began on the line before
        closing = end_ok.match(text, end, s.end)
        if not prefix_ok.match(prefix) or not closing or _BARE_NUMBER.search(prefix):
            continue  # "; 5 highly suggestive of malignancy; 6": a legend's item wrapped apart
        if not prefix.strip(" \t-•*") and not c.assessment_labels.fullmatch(s.label.strip()):
            continue
        named = list(c.side.finditer(prefix))
        # "Benigner Befund beidseits": a side word closing the wording (not "Negative bilateral
        # screening mammogram", where it describes the exam)
        last = list(c.side.finditer(text, end, closing.end()))
        trailing = (
            last[-1]
            if last and not text[last[-1].end() : closing.end()].strip(" \t.;:,)(\n")
            else None
        )
        side = side_of(named[-1]) if named else side_of(trailing) if trailing else s.scope_side
        hits.append(Hit("category", side, slug, start, end, WORDING_NOTE))
    return hits


def words_said_by_number(hits: list[Hit]) -> list[Hit]:
    """Assessment words in the sentence of a number that names the same category give way to
    it: "Benign findings bilaterally - BI-RADS 2 bilateral" is one bilateral 2."""
    numbers = [h for h in hits if h.field == "category" and h.note != WORDING_NOTE]
    return [
        h
        for h in hits
        if not (
            h.field == "category"
            and h.note == WORDING_NOTE
            and any(compatible(n.value, h.value) for n in numbers)
        )
    ]


def words_restating_numbers(hits: list[Hit]) -> list[Hit]:
    """Unsided assessment words give way to a number for the whole exam or both breasts that
    says the same: "Beurteilung: Unauffälliger Befund. BI-RADS 1 beidseits." is one value."""
    whole = [
        h
        for h in hits
        if h.field == "category" and h.note != WORDING_NOTE and h.side in (None, "B")
    ]
    return [
        h
        for h in hits
        if not (
            h.field == "category"
            and h.note == WORDING_NOTE
            and h.side is None
            and any(compatible(n.value, h.value) for n in whole)
        )
    ]
