"""Sides named after a value: at the end of its sentence or clause ("BI-RADS 3, probably
benign, left breast"; "BI-RADS III por asimetría focal en mama derecha")."""

from __future__ import annotations

import re

from mammolog.reports.segment import Compiled, Sentence, clause_end, side_of


def closing_side(text: str, s: Sentence, end: int, c: Compiled) -> str | None:
    """The side named at the very end of a sentence, after a comma or dash that follows ``end``.

    "BI-RADS 3, probably benign, left breast." and "BI-RADS 4B - mass in the left breast."
    give the left side; nothing does when a number, a negation or a second side word stands
    between, or when anything but the side (and "breast") follows it.
    """
    stop = text.find(";", end, s.end)
    stop = s.end if stop < 0 else stop  # "BI-RADS 3 – pierś prawa; BI-RADS 1 – pierś lewa"
    rest = text[end:stop]
    if not re.match(r"[ \t]*(?:[,\-–(]|\)[ \t]+[^\W\d_])", rest) and not _named_after(rest, c):
        return None  # "reperto benigno (BI-RADS 2) a destra; ..." closes with its side too
    sides = list(c.side.finditer(text, end, stop))
    if len(sides) != 1:
        return None
    side = sides[0]
    between = text[end : side.start()]
    number = re.search(r"(?<![^\W\d_])\d", between)  # OCR digits inside words are no number
    if number or len(between) > 48 or c.negation.search(between):
        return None
    if re.search(r"\([^()]*[^\W\d_][^()]*$", between):
        return None  # "BI-RADS II, benigne (Lymphknoten intramammär li.)": a finding's aside
    if not c.words.closes_side.fullmatch(text, side.end(), stop):
        return None
    return side_of(side)


def _named_after(rest: str, c: Compiled) -> bool:
    """True when the value's own category name and a comma follow it: "BI-RADS 2 BENIGN, BOTH
    BREASTS"."""
    m = re.match(r"[ \t]+([^\W\d_]+(?:[ \t]+[^\W\d_]+){0,3})[ \t]*[,\-–]", rest)
    return m is not None and any(
        pattern.fullmatch(m.group(1)) for pattern, _ in c.category_words.entries
    )


def clause_side(text: str, s: Sentence, end: int, c: Compiled) -> str | None:
    """The one side named later in the clause a value opens: "BI-RADS III por asimetría focal
    en mama derecha, sin correlato" is the right breast's.

    Only a clause that goes on in small letters ("por", "wegen") with one breast named in it:
    nothing when a number, a negation, assessment words or a second side word stand in it, or
    when what follows the value starts a new sentence whose full stop was lost ("BIRADS: 2
    Benign calcifications bilaterally"). Both breasts count only named right after the value,
    with at most one short word between ("2 для обеих молочных желез", "2 per entrambe").
    """
    if c.words.overall.search(text, s.start, end):
        return None  # "Overall: BI-RADS 4 due to the left breast mass" is the exam's
    ce = clause_end(text, end, s.end, c.clause_break)
    rest = text[end:ce]
    caps = not any(ch.islower() for ch in text[s.start : s.end])  # all capitals: case tells nothing
    if not re.match(r"[ \t]+[^\W\d_]", rest) or not (caps or rest.lstrip()[0].islower()):
        return None
    sides = list(c.side.finditer(rest))
    if len(sides) != 1 or re.search(r"(?<![^\W\d_])\d", rest) or c.negation.search(rest):
        return None
    if any(pattern.search(rest) for pattern, _ in c.category_words.entries):
        return None
    side = side_of(sides[0])
    if side == "B":  # "BI-RADS: 2 для обеих молочных желез": both breasts right after the value
        near = re.fullmatch(r"[ \t]*(?:[^\W\d_]{1,4}[ \t]+)?", rest[: sides[0].start()])
        return side if near else None
    return side


_AFTER_VALUE_WORDS = re.compile(
    r"(?:[ \t]*\([^()\n]{0,60}\))?[ \t]+((?:[^\W\d_]+[ \t]+){0,2}[^\W\d_]+[ \t]+[^\W\d_]+)"
    r"[ \t]*(?:[.;,]|$)"
)


def split_side(text: str, s: Sentence, end: int, c: Compiled) -> str | None:
    """The side named right after a value by a side word that OCR split in two, closing the
    sentence: "BI-RADS 2  bila teralmente.", "BI- RADS 2 (łagodne zwap nienia) obustron nie.",
    "RADS 2 (...) с обеих сто рон." Nothing when the words read as they stand name a side."""
    m = _AFTER_VALUE_WORDS.match(text, end, s.end)
    if m is None or c.side.search(m.group(1)):
        return None
    words = m.group(1).split()
    for k in range(len(words) - 1):
        head = " ".join(words[:k])
        joined = (head + " " if head else "") + words[k] + words[k + 1]
        side = c.side.fullmatch(
            joined + (" " + " ".join(words[k + 2 :]) if k + 2 < len(words) else "")
        )
        if side is not None:
            return side_of(side)
    return None
