"""BI-RADS assessment categories and breast density from report text.

Precision first: a mention is proposed only when its number or wording is unambiguous, it is
not negated, not about a past exam, not hypothetical, and it is not part of a legend listing
several categories. "ACR" followed by a digit means density in much of Europe ("ACR 2") and
the assessment category elsewhere: it is read as density when density words stand before it,
as a category when an assessment word or label does, and otherwise left out. "ACR" with a
letter is always density, as are 4th-edition density numbers 1-4 in a density context.
Where "ACR n" is the usual name of the category (French reports), it is a category unless
density words stand before it.

Other scoring systems are never read as BI-RADS: a value right after one of them ("Lung-RADS
category 4A", "ABSS category 3") is skipped, and in a document that names another system and
never says BI-RADS only... nothing but an explicit "BI-RADS n" would count. A block (paragraph)
naming three or more different categories is a legend, and an addendum's values supersede
those it amends.
"""

from __future__ import annotations

import re
from dataclasses import replace

from mammolog.reports.category_words import (
    compatible,
    word_categories,
    words_restating_numbers,
    words_said_by_number,
)
from mammolog.reports.context import Hit, accept, find_side
from mammolog.reports.density import (
    FOURTH_EDITION,
    density_labelled,
    density_words,
    side_line_above,
    whole_exam,
)
from mammolog.reports.labels import label_values
from mammolog.reports.review import own_reading
from mammolog.reports.segment import Compiled, Sentence, side_of
from mammolog.reports.side_after import clause_side, closing_side, split_side
from mammolog.reports.structure import (
    DOUBTFUL_SIDE,
    FINAL_NOTE,
    LEGEND_AFTER,
    amended,
    drop_legend_blocks,
    drop_legends,
    explicit_only,
    findings_words_beside_numbers,
    hold_back_wrapped,
    note_of,
    sides_from_lines,
    wording_restated,
    words_outside_impression,
)

_VALUE = re.compile(
    r"(?P<n>[0-6])(?:[ \t]{0,3}(?P<sub>[abcABC])(?![^\W\d_]))?(?![\w]|[.,]\d)", re.UNICODE
)
_WORDS_AFTER = re.compile(r"[ \t]*(?:[:\-–(,=]|\))?[ \t]*")


_EDITION = re.compile(
    r"(?:\.|th|e|a|ª|º|o|-?я)?[ \t]*(?:auflage|edition|édition|edición|edizione|edição|editie"
    r"|wydani\w*|издани\w*|[ée]d\b\.?|ed\.|aufl\.)",
    re.IGNORECASE,
)
"""An edition named right after an ACR number: "ACR 4. Auflage", "ACR 4th edition"."""


_LOOSE_LETTER = re.compile(r"\s+[Aa][ \t]+[^\W\d_A-Z]")
"""An A standing alone before a word in small letters: the article, preposition or conjunction
"a" of English, Italian, Spanish, Portuguese and Polish ("4 a destra"), or the sub-category
(B and C are no words)."""


def _letter_or_word(text: str, value: re.Match[str]) -> bool:
    """True when a 4 and an A apart from it may be 4A or a 4 before a word: "BI-RADS 4 A
    biopsy is recommended" (the article), "BI-RADS 4 a destra" (on the right), "BI-RADS 4\nA
    pierś prawa" (4A or the conjunction)."""
    if value.group("n") != "4":
        return False
    if value.group("sub"):
        gap = value.start("sub") > value.end("n")
        return gap and _LOOSE_LETTER.match(text, value.end("n")) is not None
    return _LOOSE_LETTER.match(text, value.end()) is not None


def _category(n: str, sub: str | None) -> str:
    return n + (sub.upper() if sub and n == "4" else "")


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
            return slug != "" and not compatible(number, slug)
    return False


def _value_side_list(
    text: str, first: re.Match[str], s: Sentence, c: Compiled
) -> list[tuple[str | None, re.Match[str]]]:
    """Items of "BI-RADS 1 right, 2 left": each value followed by its side word, or by its side
    letter in brackets ("BI-RADS: 1 (R) / 2 (L)")."""
    items: list[tuple[str | None, re.Match[str]]] = []
    value: re.Match[str] | None = first
    while value is not None:
        letter = c.words.bracket_letter.match(text, value.end(), s.end)
        if letter:
            items.append(("R" if letter.group("R") is not None else "L", value))
            sep = c.words.item_sep.match(text, letter.end(), s.end)
            value = _VALUE.match(text, sep.end(), s.end) if sep and sep.group().strip() else None
            continue
        gap = c.words.after_value.match(text, value.end(), s.end)
        side_m = c.side.match(text, gap.end(), s.end) if gap and gap.group() else None
        if side_m is None:
            break
        items.append((side_of(side_m), value))
        closing = re.compile(r"[ \t]*\)").match(text, side_m.end(), s.end)  # "4A (right), 1 (left)"
        after_side = closing.end() if closing else side_m.end()
        sep = c.words.item_sep.match(text, after_side, s.end)
        value = _VALUE.match(text, sep.end(), s.end) if sep and sep.group().strip() else None
    return items if len(items) >= 2 else []


def _side_items(
    text: str, pos: int, s: Sentence, c: Compiled
) -> list[tuple[str | None, re.Match[str]]]:
    """Items of "BI-RADS: right 1, left 4A" and of the compact "BI-RADS: R 2 / L 1"."""
    items: list[tuple[str | None, re.Match[str]]] = []
    cursor = pos
    while True:
        side_m = c.side.match(text, cursor, s.end)
        if side_m:
            gap = c.words.side_gap.match(text, side_m.end(), s.end)
            value = _VALUE.match(text, gap.end() if gap else side_m.end(), s.end)
            side = side_of(side_m)
        else:
            compact = c.words.compact_side.match(text, cursor, s.end)
            if not compact:
                break
            value = _VALUE.match(text, compact.end(), s.end)
            side = "R" if compact.group("R") is not None else "L"
        if not value:
            break
        items.append((side, value))
        sep = c.words.item_sep.match(text, value.end(), s.end)
        cursor = sep.end() if sep else value.end()
    return items


_LETTER_LIST = re.compile(r"[ \t]*[,/][ \t]*[A-Da-d](?![^\W\d_])")
"""Another density letter listed right after one ("A, B, C, D", "a/b")."""
_OPENING = re.compile(r"[ \t]*[(/]?[ \t]*")
_ANOTHER_VALUE = re.compile(r"[ \t]+[0-6][abcABC]?(?![\w.,])")


def _pair_items(
    text: str, pos: int, s: Sentence, c: Compiled
) -> list[tuple[str | None, re.Match[str]]]:
    """Items of "BI-RADS (R/L): 2/1": two values in the order the side pair names."""
    pair = c.words.side_pair.match(text, pos, s.end)
    if pair is None:
        return []
    first = _VALUE.match(text, pair.end(), s.end)
    slash = re.compile(r"[ \t]*/[ \t]*").match(text, first.end(), s.end) if first else None
    second = _VALUE.match(text, slash.end(), s.end) if first and slash else None
    if first is None or second is None:
        return []
    order = ("R", "L") if pair.group("rl") is not None else ("L", "R")
    return [(order[0], first), (order[1], second)]


def _letter_side(text: str, end: int, s: Sentence, c: Compiled) -> str | None:
    """The side of "BIRADS 3 L," - a side letter right after the value, closing its clause."""
    m = c.words.letter_after.match(text, end, s.end)
    if m is None:
        return None
    return "R" if m.group("R") is not None else "L"


def _line_letter_side(text: str, s: Sentence, start: int, c: Compiled) -> str | None:
    """The side of "R - BI-RADS 4A" and "P – BI-RADS 1": a side letter opening its line, or
    standing right before the anchor after a separator ("SD ACR 4 / SG ACR 1")."""
    line_start = max(s.start, text.rfind("\n", 0, start) + 1)
    m = c.words.line_letter.fullmatch(text, line_start, start)
    if m is None:
        m = c.words.letter_before.search(text[line_start:start])
    if m is None:
        return None
    return "R" if m.group("R") is not None else "L"


def _label_side_above(text: str, s: Sentence, start: int, c: Compiled) -> str | None:
    """The side a value opening its line takes from the line above when that line ends in a
    label's colon and the side, or in a side's own label: "... altamente sugestivo de
    malignidad: mama izquierda\nBI-RADS 5." is "mama izquierda BI-RADS 5" cut by a line break,
    and "R: BR2 | L:\nBR2" the left's 2."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == 0 or line_start < s.start or text[line_start:start].strip():
        return None
    prev_start = text.rfind("\n", 0, line_start - 1) + 1
    prev = text[prev_start : line_start - 1].rstrip()
    label = re.search(r"([^\W\d_]+(?:[ \t]+[^\W\d_]+)?)[ \t]*:[ \t]*$", prev)
    if label and c.side_label.fullmatch(label.group(1)):  # "... | R: BR2 | L:\nBR2"
        found = c.side.search(label.group(1))
        return side_of(found) if found else None
    colon = prev.rfind(":")
    if colon < 0 or c.anchor.search(prev):
        return None
    named = c.side_label.fullmatch(prev[colon + 1 :].strip())
    found = c.side.search(named.group()) if named else None
    return side_of(found) if found else None


def _own_side_after(text: str, end: int, s: Sentence, c: Compiled) -> str | None:
    """The side a lone value's own words give it after the value: "BIRADS 3 L,", "BIRADS4b
    (L)", "BI-RADS 3, probably benign, left breast", "(BI-RADS 1) a sinistra"."""
    found = _letter_side(text, end, s, c)
    bracketed = c.words.bracket_letter.match(text, end, s.end)
    if found is None and bracketed:
        found = "R" if bracketed.group("R") is not None else "L"
    return (
        found
        or closing_side(text, s, end, c)
        or clause_side(text, s, end, c)
        or split_side(text, s, end, c)
    )


def _revised_from(text: str, s: Sentence, start: int, end: int, c: Compiled) -> bool:
    """True for the old value of a revision: "from" before it, "to" and a value after it."""
    before = text[max(s.start, start - 12) : start]
    return bool(c.words.revised_from.search(before)) and bool(
        c.words.revised_to.match(text, end, s.end)
    )


def _other_scale_near(text: str, s: Sentence, start: int, end: int, c: Compiled) -> bool:
    """True when another scoring system is named just before a value or right after it."""
    before = text[max(s.start, start - 30) : start]
    named = list(c.words.other_scale.finditer(before))
    if named and not re.search(r"[.;]", before[named[-1].end() :]):
        return True
    gap = _OPENING.match(text, end, s.end)
    return c.words.other_scale.match(text, gap.end() if gap else end, s.end) is not None


def _anchored_values(text: str, s: Sentence, c: Compiled, *, explicit_only: bool) -> list[Hit]:
    hits: list[Hit] = []
    for anchor in c.anchor.finditer(text, s.start, s.end):
        generic = re.search(r"rads", anchor.group(), re.I) is None
        if generic and explicit_only:
            continue
        if generic:
            cs = max(s.start, anchor.start() - 40)
            if c.density_context.search(text, cs, anchor.start()):
                continue
            if c.words.not_assessment_before.search(
                text, max(s.start, anchor.start() - 25), anchor.start()
            ):
                continue  # "risk category 3" is not an assessment
        pos = anchor.end()
        for _ in range(2):
            gap = c.words.gap.match(text, pos, s.end)
            pos = gap.end() if gap else pos
            again = c.anchor.match(text, pos, s.end)
            if not again:
                break
            pos = again.end()
        items = _side_items(text, pos, s, c) or _pair_items(text, pos, s, c)
        if not items:
            single = _VALUE.match(text, pos, s.end)
            if not single or c.words.range.match(text, single.end(), s.end):
                continue
            another = _ANOTHER_VALUE.match(text, single.end(), s.end)
            if another and not c.words.unit_after.match(text, another.end(), s.end):
                continue  # "BI-RADS 4A 2": a flattened table row, whose columns are lost
            items = _value_side_list(text, single, s, c) or [(None, single)]
        for named_side, value in items:
            cat = _category(value.group("n"), value.group("sub"))
            if _letter_or_word(text, value):
                continue  # "BI-RADS 4 A biopsy ...", "BI-RADS 4\nA pierś ...": 4A, or a 4?
            if _EDITION.match(text, value.start("n") + 1):
                continue  # "ACR BI-RADS 5ª ed.", "BI-RADS 5th edition" name the atlas
            if _word_disagrees(text, value.end(), s.end, c, cat):
                continue
            if c.words.generic_after.match(text, value.end(), s.end):
                continue  # "BI-RADS 4 lesions are biopsied": a statement about a category
            if LEGEND_AFTER.match(text, value.end(), s.end + 200):
                continue  # "BI-RADS 1 = negative, 2 = benign, 3 = ...": a legend
            if generic and _other_scale_near(text, s, anchor.start(), value.end(), c):
                continue  # "Lung-RADS category 4A", "ABSS category 3"
            if not accept(text, s, anchor.start(), value.end(), c):
                continue
            if _revised_from(text, s, anchor.start(), value.end(), c):
                continue  # "von BI-RADS 0 auf BI-RADS 1 korrigiert": the old value
            found = (
                named_side
                or _line_letter_side(text, s, anchor.start(), c)
                or _label_side_above(text, s, anchor.start(), c)
                or side_line_above(text, s, anchor.start(), c)
                or find_side(
                    text, s, anchor.start(), value.end(), c, sentence_wide=False, use_scope=False
                )
            )
            if found is None and len(items) == 1:
                found = _own_side_after(text, value.end(), s, c)
            if found is None:  # a side named earlier in the sentence, before this clause
                found = find_side(text, s, anchor.start(), value.end(), c)
            note = note_of(text, s, anchor.start(), anchor.group(), c)
            if len(items) == 1 and c.words.overall.search(text, anchor.end(), value.start()):
                found, note = None, FINAL_NOTE  # "BI-RADS global: 4" is the exam's, stated
            hits.append(Hit("category", found, cat, anchor.start(), value.end(), note))
    return hits


def _acr_values(text: str, s: Sentence, c: Compiled, *, explicit_only: bool) -> list[Hit]:
    hits: list[Hit] = []
    for m in c.words.acr.finditer(text, s.start, s.end):
        if not accept(text, s, m.start(), m.end(), c) or _revised_from(
            text, s, m.start(), m.end(), c
        ):
            continue
        if _other_scale_near(text, s, m.start(), m.end(), c) or _EDITION.match(text, m.end()):
            continue  # "Brustdichte nach ACR 4. Auflage" names the edition, not a value
        side = find_side(text, s, m.start(), m.end(), c, sentence_wide=False)
        letter = m.group("letter") or m.group("labelled")
        if letter and _LETTER_LIST.match(text, m.end(), s.end):
            continue  # "Плотность ACR: A, B, C, D": the scale's letters, a legend
        if letter:
            hits.append(Hit("density", side, letter.lower(), m.start(), m.end(), "ACR letter"))
            continue
        n, sub = m.group("n"), m.group("sub")
        before = text[max(s.start, m.start() - 40) : m.start()]
        if m.group("typ") or (n in "1234" and not sub and c.density_context.search(before)):
            if n in FOURTH_EDITION and not sub:
                note = "ACR number read as density (4th-edition 1-4)"
                hits.append(Hit("density", side, FOURTH_EDITION[n], m.start(), m.end(), note))
            continue
        if c.words.range.match(text, m.end(), s.end) or explicit_only:
            continue
        if LEGEND_AFTER.match(text, m.end(), s.end + 200):
            continue  # "Classification ACR : 0 incomplet ; 1 normal ; 2 bénin"
        assessment = c.assessment_labels.search(before) or c.anchor.search(before)
        if n in "056" or sub or assessment or c.language.acr_number_is_category:
            note = note_of(text, s, m.start(), "ACR", c)
            if note == "BI-RADS number":
                note = "ACR number read as BI-RADS category"
            value = _VALUE.match(text, m.start("n"), s.end)
            listed = _value_side_list(text, value, s, c) if value else []
            if listed:  # "ACR : 2 à droite, 1 à gauche"
                for named, item in listed:
                    cat = _category(item.group("n"), item.group("sub"))
                    hits.append(Hit("category", named, cat, m.start(), item.end(), note))
                continue
            if side is None:  # a category's side may be named earlier in its sentence
                side = (
                    find_side(text, s, m.start(), m.end(), c)
                    or _line_letter_side(text, s, m.start(), c)
                    or _own_side_after(text, m.end(), s, c)
                )
            hits.append(Hit("category", side, _category(n, sub), m.start(), m.end(), note))
    return hits


_DENSITY_CHOICE = re.compile(r"(?<![\w/])[A-Da-d][ \t]*[/–-][ \t]*[A-Da-d](?![\w/])")
"""Two density letters offered as a choice or range ("B/C", "b-c"): no one density stands."""
_LEGEND_ITEM = re.compile(
    r"(?<![\w.,/])([0-6])[abcABC]?(?:[ \t]*(?:=|:|–|—)|[ \t]+-|-[ \t])[ \t]*(?!bi-?rads)[^\W\d_]",
    re.I,
)
"""One entry of a category key: "3 - provavelmente benigno", "4 = suspekt", "1: negative";
not "6-month" nor the numbered label "Finding 2: BI-RADS 3"."""


_KEY_GOES_ON = re.compile(r"[ \t]*[-–][ \t]*[^\W\d_]")
"""A sentence that opens with a dash and a word: the rest of a key item wrapped before it."""


def _legend_list(text: str, s: Sentence, c: Compiled) -> bool:
    """True when a sentence, or the line it is on, lists three or more categories with their
    names or three density letters: a key ("3 - provavelmente benigno; 4 - suspeito; 5 -
    altamente suspeito", "Densité : type A graisseux ; type B ; type C ; type D très dense"),
    whose words are the scale's and no result. A key's density letters may run on from the
    line before."""
    if len({m.group(1) for m in _LEGEND_ITEM.finditer(text, s.start, s.end)}) >= 3:
        return True
    line_start = text.rfind("\n", 0, s.start) + 1
    line_end = text.find("\n", s.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    letters = {(m.group(1) or m.group(2)).lower() for m in c.words.density_key_item.finditer(line)}
    if letters and line_start > 0:  # "... C heterogéneamente densa ·\nD extremadamente densa."
        prev = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]
        letters |= {
            (m.group(1) or m.group(2)).lower() for m in c.words.density_key_item.finditer(prev)
        }
    return len(letters) >= 3


def categories_and_density(text: str, sentences: list[Sentence], c: Compiled) -> list[Hit]:
    """Every category and density mention accepted in the current (non-history) sentences."""
    strict = explicit_only(text, c)
    found: list[tuple[Sentence, Hit]] = []
    key_block = -1  # the block of the last key sentence
    for s in sentences:
        if s.section in ("history", "legend") or _legend_list(text, s, c):
            key_block = s.block
            continue
        if s.block == key_block and _KEY_GOES_ON.match(text, s.start, s.end):
            continue  # "...; c – heterogeneamente densa; d\n– extremamente densa.": the key's tail
        doubtful, s = s.doubtful_scope, replace(s, scope_side=None) if s.doubtful_scope else s
        hits = _anchored_values(text, s, c, explicit_only=strict)
        hits += _acr_values(text, s, c, explicit_only=strict)
        taken = [(h.start, h.end) for h in hits]
        # In a pathology section "Benign" is the tissue result, not a BI-RADS category.
        words = word_categories(text, s, c) if s.section != "pathology" and not strict else []
        words += label_values(text, s, c) if not strict else []
        hits += [
            h
            for h in words + density_labelled(text, s, c)
            if not any(h.start < e and b < h.end for b, e in taken)
        ]
        hits = words_said_by_number(hits)
        hits += density_words(text, s, c)
        if _DENSITY_CHOICE.search(text, s.start, s.end) and c.density_context.search(
            text, s.start, s.end
        ):  # "densidad mixta, con áreas fibroglandulares dispersas y otras heterogéneas (B/C)"
            hits = [h for h in hits if h.field != "density"]
        hits = [h for h in hits if h.field != "density"] + whole_exam(
            [h for h in hits if h.field == "density"]
        )
        if doubtful:  # a category with no side of its own under "Left breast: ..." (see segment)
            hits = [
                replace(h, side=DOUBTFUL_SIDE) if h.field == "category" and h.side is None else h
                for h in hits
            ]
        found += [(s, h) for h in drop_legends(drop_legends(hits, "category"), "density")]
    found = drop_legend_blocks(drop_legend_blocks(found, "density"), "category")
    found = findings_words_beside_numbers(found, c)
    found = words_outside_impression(found, sentences, c)
    found = own_reading(text, amended(text, sentences, found, c), c)
    hits = words_restating_numbers(wording_restated([h for _, h in found]))
    hits = same_density_both_sides(sides_from_lines(text, hits, c))
    return hold_back_wrapped(text, hits, c)


def same_density_both_sides(hits: list[Hit]) -> list[Hit]:
    """The same density stated for the right and for the left is the exam's density."""
    by_side: dict[str | None, set[str]] = {}
    for h in hits:
        if h.field == "density":
            by_side.setdefault(h.side, set()).add(h.value)
    right, left = by_side.get("R", set()), by_side.get("L", set())
    if len(right) != 1 or right != left or by_side.get(None, right) != right:
        return hits
    merged: list[Hit] = []
    for h in hits:
        if h.field == "density" and h.side in ("R", "L"):
            h = Hit(h.field, None, h.value, h.start, h.end, h.note)
        merged.append(h)
    return merged
