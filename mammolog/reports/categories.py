"""BI-RADS assessment categories and breast density from report text.

Precision first: a mention is proposed only when its number or wording is unambiguous, it is
not negated, not about a past exam, not hypothetical, and it is not part of a legend listing
several categories. "ACR" followed by a digit means density in much of Europe ("ACR 2") and
the assessment category elsewhere: it is read as density when density words stand before it,
as a category when an assessment word or label does, and otherwise left out. "ACR" with a
letter is always density, as are 4th-edition density numbers 1-4 in a density context.
"""

from __future__ import annotations

import re

from mammolog.reports.context import Hit, find_side, historical, hypothetical, negated
from mammolog.reports.segment import Compiled, Sentence, side_of

_VALUE = re.compile(
    r"(?P<n>[0-6])(?:[ \t]?(?P<sub>[abcABC])(?![^\W\d_]))?(?![\w]|[.,]\d)", re.UNICODE
)
_GAP = re.compile(r"(?:[ \t]*(?:[:=#\-–(]|\bis\b|\bist\b|\bof\b|\bvon\b)[ \t]*)*[ \t]*", re.I)
_RANGE = re.compile(r"[ \t]*(?:-|–|/|to|or|bis|oder|and|und)[ \t]*[0-6](?![\w])", re.I)
_ITEM_SEP = re.compile(r"[ \t]*(?:,|;|/|and|und|&)?[ \t]*", re.I)
_SIDE_GAP = re.compile(
    r"[ \t]*(?:breast|mamma|brust)?[ \t]*[:=\-–]?[ \t]*(?:bi-?rads[ \t]*)?", re.I
)
_WORDS_AFTER = re.compile(r"[ \t]*(?:[:\-–(,=]|\))?[ \t]*")
_ACR = re.compile(
    r"(?<!\w)ACR(?:[ \t\-–:]*(?P<typ>typ(?:e)?)\b)?[ \t\-–:]*"
    r"(?:(?P<letter>[A-Da-d])(?![\w])|(?P<n>[0-6])(?:[ \t]?(?P<sub>[abcABC])(?![^\W\d_]))?(?![\w]|[.,]\d))",
    re.I,
)
_GENERIC_AFTER = re.compile(
    r"[ \t]*(?:lesions|cases|patients|women|studies|exams|fälle|patientinnen|läsionen)\b", re.I
)
_UNIT_AFTER = re.compile(r"[ \t]*(?:cm|mm|uhr|o'?clock|%|x\b|h\b)", re.I)
_MARKER = re.compile(
    r"[:=]|\b(?:category|kategorie|type|typ|grade|grad|class|klasse|acr|bi-?rads)\b", re.I
)
_CLAUSE_END = re.compile(r"[ \t]*(?:[.;,)]|$)")
_MODALITY_BEFORE = re.compile(
    r"(?:mammographic|mammography|mammogram|sonographic|ultrasound|\bus|mri|tomosynthesis"
    r"|mammographisch\w*|sonographisch\w*|sonografisch\w*|mrt)[ \t]*:?[ \t]*$",
    re.I,
)
_FINAL_BEFORE = re.compile(
    r"(?:combined|overall|final|integrated|gesamt\w*|abschließend\w*|zusammenfassend\w*)"
    r"(?:[ \t]+(?:assessment|beurteilung|bi-?rads))?[ \t]*:?[ \t]*$",
    re.I,
)
FINAL_NOTE = "BI-RADS number, final/combined assessment"
MODALITY_NOTE = "BI-RADS number for one modality"
_FOURTH_EDITION = {"1": "a", "2": "b", "3": "c", "4": "d"}


def _category(n: str, sub: str | None) -> str:
    return n + (sub.upper() if sub and n == "4" else "")


def _compatible(number: str, word: str) -> bool:
    """True when `word` (a slug, or alternatives joined by "|") allows the category `number`."""
    return any(
        number == one or (number[0] == "4" and one[0] == "4" and "4" in (number, one))
        for one in word.split("|")
    )


def _word_disagrees(text: str, pos: int, limit: int, c: Compiled, number: str) -> bool:
    """True when wording right after a number names another category ("BI-RADS 3 - Benign").

    Wording that fits the number in either edition agrees: "4B - Moderate suspicion" (5th) and
    "4C - moderate suspicion" (4th) both keep their number, "3 - moderate suspicion" does not.
    Wholly ambiguous wording (empty slug) leaves the number to decide.
    """
    gap = _WORDS_AFTER.match(text, pos, limit)
    at = gap.end() if gap else pos
    for pattern, slug in c.category_words.entries:
        if pattern.match(text, at, limit):
            return slug != "" and not _compatible(number, slug)
    return False


_NEGATED_AFTER = re.compile(
    r"[^,;.()\-–]{0,30}?\b(?:not|nicht|excluded|ruled\s+out|unlikely|ausgeschlossen"
    r"|unwahrscheinlich)\b",
    re.I,
)
_NOT_BIRADS_BEFORE = re.compile(
    r"(?:risk|risiko|lifetime|tyrer|gail|insurance|billing|cpt|icd)\w*[ \t]*(?:-[ \t]*)?$", re.I
)
_CONDITION_AFTER = re.compile(
    r"[^,;.]{0,25}?\b(?:would|could|might|if|unless|falls|wenn|würde|wäre|könnte)\b", re.I
)


def _accept(text: str, s: Sentence, start: int, end: int, c: Compiled) -> bool:
    return not (
        negated(text, s, start, c, reach=30)
        or historical(text, s, start, end, c)
        or hypothetical(text, s, start, c)
        or _CONDITION_AFTER.match(text, end, s.end)
        or _NEGATED_AFTER.match(text, end, s.end)
        or _UNIT_AFTER.match(text, end, s.end)
    )


def _value_side_list(
    text: str, first: re.Match[str], s: Sentence, c: Compiled
) -> list[tuple[str | None, re.Match[str]]]:
    """Items of "BI-RADS 1 right, 2 left": each value followed by its side word."""
    items: list[tuple[str | None, re.Match[str]]] = []
    value: re.Match[str] | None = first
    while value is not None:
        gap = re.compile(r"[ \t]+").match(text, value.end(), s.end)
        side_m = c.side.match(text, gap.end(), s.end) if gap else None
        if side_m is None:
            break
        items.append((side_of(side_m), value))
        sep = _ITEM_SEP.match(text, side_m.end(), s.end)
        value = _VALUE.match(text, sep.end(), s.end) if sep and sep.group().strip() else None
    return items if len(items) >= 2 else []


def _anchored_values(text: str, s: Sentence, c: Compiled) -> list[Hit]:
    hits: list[Hit] = []
    for anchor in c.anchor.finditer(text, s.start, s.end):
        if anchor.group().lower().startswith(("category", "kategorie", "cat")):
            cs = max(s.start, anchor.start() - 40)
            if c.density_context.search(text, cs, anchor.start()):
                continue
            if _NOT_BIRADS_BEFORE.search(text, max(s.start, anchor.start() - 25), anchor.start()):
                continue  # "risk category 3" is not an assessment
        pos = anchor.end()
        for _ in range(2):
            gap = _GAP.match(text, pos, s.end)
            pos = gap.end() if gap else pos
            again = c.anchor.match(text, pos, s.end)
            if not again:
                break
            pos = again.end()
        items: list[tuple[str | None, re.Match[str]]] = []
        cursor = pos
        while True:
            side_m = c.side.match(text, cursor, s.end)
            if not side_m:
                break
            gap = _SIDE_GAP.match(text, side_m.end(), s.end)
            value = _VALUE.match(text, gap.end() if gap else side_m.end(), s.end)
            if not value:
                break
            items.append((side_of(side_m), value))
            sep = _ITEM_SEP.match(text, value.end(), s.end)
            cursor = sep.end() if sep else value.end()
        if not items:
            single = _VALUE.match(text, pos, s.end)
            if not single or _RANGE.match(text, single.end(), s.end):
                continue
            items = _value_side_list(text, single, s, c) or [(None, single)]
        for named_side, value in items:
            cat = _category(value.group("n"), value.group("sub"))
            if _word_disagrees(text, value.end(), s.end, c, cat):
                continue
            if _GENERIC_AFTER.match(text, value.end(), s.end):
                continue  # "BI-RADS 4 lesions are biopsied": a statement about a category
            if not _accept(text, s, anchor.start(), value.end(), c):
                continue
            found = named_side or find_side(text, s, anchor.start(), value.end(), c)
            lead = text[max(s.start, anchor.start() - 30) : anchor.start()]
            whole = lead + anchor.group()
            note = "BI-RADS number"
            if _FINAL_BEFORE.search(lead) or re.match(r"(?:final|overall)", anchor.group(), re.I):
                note = FINAL_NOTE
            elif _MODALITY_BEFORE.search(lead) and not _FINAL_BEFORE.search(whole):
                note = MODALITY_NOTE
            hits.append(Hit("category", found, cat, anchor.start(), value.end(), note))
    return hits


def _acr_values(text: str, s: Sentence, c: Compiled) -> list[Hit]:
    hits: list[Hit] = []
    for m in _ACR.finditer(text, s.start, s.end):
        if not _accept(text, s, m.start(), m.end(), c):
            continue
        side = find_side(text, s, m.start(), m.end(), c, sentence_wide=False)
        if m.group("letter"):
            hits.append(
                Hit("density", side, m.group("letter").lower(), m.start(), m.end(), "ACR letter")
            )
            continue
        n, sub = m.group("n"), m.group("sub")
        before = text[max(s.start, m.start() - 40) : m.start()]
        if m.group("typ") or (n in "1234" and not sub and c.density_context.search(before)):
            if n in _FOURTH_EDITION and not sub:
                note = "ACR number read as density (4th-edition 1-4)"
                hits.append(Hit("density", side, _FOURTH_EDITION[n], m.start(), m.end(), note))
            continue
        if _RANGE.match(text, m.end(), s.end):
            continue
        assessment = c.assessment_labels.search(before) or c.anchor.search(before)
        if n in "056" or sub or assessment:
            note = "ACR number read as BI-RADS category"
            hits.append(Hit("category", side, _category(n, sub), m.start(), m.end(), note))
    return hits


def _word_categories(text: str, s: Sentence, c: Compiled) -> list[Hit]:
    labels = c.language.assessment_labels
    side_words = rf"{c.language.right}|{c.language.left}|{c.language.both}"
    prefix_ok = re.compile(
        rf"^[\s\-•*\d.)]*(?:(?:{labels})[ \t]*[:\-–]?[ \t]*)?"
        rf"(?:(?:{side_words})(?:[ \t]+(?:breast|mamma|brust))?[ \t]*[:\-–]?[ \t]*)?"
        rf"(?:(?:{labels})[ \t]*[:\-–]?[ \t]*)?$",
        re.I,
    )
    end_ok = re.compile(
        rf"(?:[ \t]+(?:{c.language.word_trailers}))*[ \t]*(?:$|[.;:,)(\n]|[-–][ \t]|"
        r"bi-?rads\b|category\b|kategorie\b)",
        re.I,
    )
    hits: list[Hit] = []
    for start, end, slug in c.category_words.matches(text[s.start : s.end]):
        start, end = start + s.start, end + s.start
        prefix = text[s.start : start]
        if not slug or "|" in slug:
            continue  # ambiguous wording alone ("moderate suspicion") proposes nothing
        if not prefix_ok.match(prefix) or not end_ok.match(text, end, s.end):
            continue
        if not prefix.strip(" \t-•*") and not c.assessment_labels.fullmatch(s.label.strip()):
            continue
        named = list(c.side.finditer(prefix))
        side = side_of(named[-1]) if named else s.scope_side
        hits.append(Hit("category", side, slug, start, end, "assessment wording"))
    return hits


def _density_labelled(text: str, s: Sentence, c: Compiled) -> list[Hit]:
    pattern = re.compile(
        rf"(?:{c.language.density_context})(?P<gap>[ \t]*(?:(?:[:=(\-–]|\b(?:is|are|ist|sind"
        r"|entspricht|of|von|vom|category|kategorie|type|typ|grade|grad|class|klasse|acr"
        r"|bi-?rads)\b)[ \t]*)*)(?P<d>[A-Da-d1-4])(?![\w])",
        re.I,
    )
    hits: list[Hit] = []
    for m in pattern.finditer(text, s.start, s.end):
        d, gap = m.group("d"), m.group("gap")
        if _UNIT_AFTER.match(text, m.end(), s.end) or "acr" in gap.lower():
            continue  # ACR values are read by _acr_values
        closes = _CLAUSE_END.match(text, m.end(), s.end)
        marker = _MARKER.search(gap) or (d.isalpha() and ("(" in gap or closes))
        if not (d.isupper() or marker) or not _accept(text, s, m.start(), m.end(), c):
            continue
        if _RANGE.match(text, m.end(), s.end):
            continue
        side = find_side(text, s, m.start(), m.end(), c, sentence_wide=False)
        if d.isdigit():
            note = "density number (4th edition 1-4)"
            hits.append(Hit("density", side, _FOURTH_EDITION[d], m.start(), m.end(), note))
        else:
            hits.append(Hit("density", side, d.lower(), m.start(), m.end(), "density letter"))
    return hits


def _whole_exam(hits: list[Hit]) -> list[Hit]:
    """Density stated for both breasts is the exam's density (side None)."""
    return [
        Hit(h.field, None, h.value, h.start, h.end, h.note) if h.side == "B" else h for h in hits
    ]


def _density_words(text: str, s: Sentence, c: Compiled) -> list[Hit]:
    hits: list[Hit] = []
    for start, end, slug in c.density_words.matches(text[s.start : s.end]):
        start, end = start + s.start, end + s.start
        if not _accept(text, s, start, end, c):
            continue
        side = find_side(text, s, start, end, c, sentence_wide=False)
        hits.append(Hit("density", side, slug, start, end, "density wording"))
    return hits


def _drop_legends(hits: list[Hit], field: str) -> list[Hit]:
    """A sentence naming three or more different values of a field is a legend, not a result."""
    if len({h.value for h in hits if h.field == field}) >= 3:
        return [h for h in hits if h.field != field]
    return hits


def categories_and_density(text: str, sentences: list[Sentence], c: Compiled) -> list[Hit]:
    """Every category and density mention accepted in the current (non-history) sentences."""
    found: list[Hit] = []
    for s in sentences:
        if s.section == "history":
            continue
        hits = _anchored_values(text, s, c) + _acr_values(text, s, c)
        taken = [(h.start, h.end) for h in hits]
        # In a pathology section "Benign" is the tissue result, not a BI-RADS category.
        words = _word_categories(text, s, c) if s.section != "pathology" else []
        hits += [
            h
            for h in words + _density_labelled(text, s, c)
            if not any(h.start < e and b < h.end for b, e in taken)
        ]
        hits += _density_words(text, s, c)
        hits = [h for h in hits if h.field != "density"] + _whole_exam(
            [h for h in hits if h.field == "density"]
        )
        found += _drop_legends(_drop_legends(hits, "category"), "density")
    return found
