"""Breast density from report text: letters and numbers after density words, and wording.

A number 1-4 after density words is the 4th-edition density (1 = a ... 4 = d); a letter is
read when it is a capital, or follows a marker ("category", "type", ":"), or stands alone in
parentheses or at the end of its clause ("composition: c."), or the scale is named right
after it ("densité 3 (ACR, classification ancienne)").

A density context may name each breast in turn: "Composición: mama derecha tipo B; mama
izquierda tipo C", "Тип плотности: справа B, слева C". Each value gets its side; a letter
there needs a label ("tipo") or a capital, a number always a label.

MRI describes the amount of fibroglandular tissue and the background enhancement in words
close to density's ("Amount of fibroglandular tissue: scattered"); a report holding those
words (outside its history) gives no density.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from mammolog.reports.context import Hit, accept, find_side
from mammolog.reports.segment import Compiled, Sentence, side_of

FOURTH_EDITION = {"1": "a", "2": "b", "3": "c", "4": "d"}
"""4th-edition density numbers and the 5th-edition letters they became."""
_CLAUSE_END = re.compile(r"[ \t]*(?:[.;,)]|$)")
_ANOTHER_LETTER = re.compile(r"[ \t]+[A-Da-d1-4](?![\w.,])")
_SCALE_AFTER = re.compile(
    r"[ \t]*\([ \t]*(?:acr|bi-?rads)(?![\w])(?![ \t\-:]*[0-9A-Da-d](?![\w]))", re.IGNORECASE
)
"""The scale named after the value: "densité 3 (ACR, classification ancienne)"."""


_TYPED_LETTER = re.compile(r"(?<![\w])(?:type|typ|tipo|тип)[ \t]+[A-Da-d](?![\w])", re.IGNORECASE)
"""A density letter after its scale's word ("type a"); two in a sentence are a range."""
_LEGEND_ITEM = re.compile(
    r"(?<![\w])(?:(?P<up>[A-D])(?![\w])(?=[ \t]*(?:[:=\-–)][ \t]*)?[^\W\d_]{2,})"
    r"|(?P<any>[A-Da-d])(?=[ \t]*[:=\-–)]))"
)


def density_legend(text: str, s: Sentence) -> bool:
    """True when a sentence explains three or more density letters ("Densidad: A grasa,
    B dispersa, C heterogénea, D extremadamente densa"): a legend, not a result."""
    end = s.end
    if text[s.start : s.end].rstrip()[-1:] not in (".", "!", "?"):
        # a legend hard-wrapped over lines: "Budowa piersi wg ACR: a – tłuszczowa; b\n– ..."
        blank = re.compile(r"\n[ \t]*\n").search(text, s.end, s.end + 250)
        end = blank.start() if blank else min(len(text), s.end + 250)
    letters = {
        (m.group("up") or m.group("any")).lower() for m in _LEGEND_ITEM.finditer(text, s.start, end)
    }
    return len(letters) >= 3


def density_side(text: str, s: Sentence, start: int, end: int, c: Compiled) -> str | None:
    """The side of a density mention: side words in its clause, the side label opening its
    line ("Left: heterogeneously dense"), or a side heading alone on a line above it in its
    block ("RIGHT BREAST:\nHeterogeneously dense tissue."). A side label that opens a line
    of its own findings ("Right breast: 5 mm cyst.\nThe breasts are heterogeneously dense.")
    does not reach a density on a later line: density is mostly the exam's, and a wrong side
    would make it one breast's."""
    side = find_side(
        text, dataclasses.replace(s, scope_side=None), start, end, c, sentence_wide=False
    )
    if side is not None and _heading_run_in(text, s, start, c):
        return None
    if side is None:
        side = _side_after_bracket(text, s, end, c) or _segment_subject(text, s, end, c)
    if side is not None or s.scope_side is None:
        return side
    line_start = text.rfind("\n", 0, s.start) + 1
    if _scope_label(c).fullmatch(text, line_start, s.start):
        return s.scope_side
    # "RIGHT BREAST:\nHeterogeneously dense tissue.": a heading alone on its line above
    while line_start > 0:
        above = text.rfind("\n", 0, line_start - 1) + 1
        line = text[above : line_start - 1]
        if not line.strip():
            return None
        if _scope_label(c).fullmatch(line.rstrip("\r")):
            before = text[: max(above - 1, 0)].rstrip(" \t\r")
            # "MAMMOGRAM AND ULTRASOUND,\nLEFT": a title wrapped before its side word
            return None if before.endswith(",") else s.scope_side
        line_start = above
    return None


def _side_after_bracket(text: str, s: Sentence, end: int, c: Compiled) -> str | None:
    """The side right after a bracketed value: "densité hétérogène (type c) à droite"."""
    close = re.compile(r"[ \t]*\)").match(text, end, s.end)
    if close is None:
        return None
    after = c.words.after_value.match(text, close.end(), s.end)
    m = c.side.match(text, after.end() if after else close.end(), s.end)
    if m is None or c.words.next_belongs.match(text, m.end(), s.end):
        return None
    return side_of(m)


def _segment_subject(text: str, s: Sentence, end: int, c: Compiled) -> str | None:
    """The breast that opens the part of a sentence after its last semicolon and is the only
    one named there: "...; sein gauche remanié, graisseux (type a)"."""
    seg = max(s.start, text.rfind(";", s.start, end) + 1)
    if seg == s.start:
        return None  # only a part after a semicolon has its own subject
    part = text[seg:end]
    lang = c.language
    lead = len(part) - len(part.lstrip())
    noun = re.compile(rf"(?:{lang.breast_words})[ \t]+", re.IGNORECASE | re.UNICODE).match(
        part, lead
    )
    sides = list(c.side.finditer(part))
    if len(sides) != 1 or sides[0].start() not in (lead, noun.end() if noun else lead):
        return None
    if re.search(r"\d", part):
        return None
    side = side_of(sides[0])
    return side if side in ("R", "L") else None


def _heading_run_in(text: str, s: Sentence, start: int, c: Compiled) -> bool:
    """True when the last side word before a density is a capitalised heading that a lost line
    break ran into the sentence: "ULTRASOUND, LEFT The breasts are heterogeneously dense"."""
    sides = list(c.side.finditer(text, s.start, start))
    if not sides or not sides[-1].group().isupper():
        return False
    words = text[sides[-1].end() : start].split()
    if not words or not text[sides[-1].end()].isspace():
        return False
    return words[0][:1].isupper() and any(ch.islower() for ch in words[0])


def side_line_above(text: str, s: Sentence, start: int, c: Compiled) -> str | None:
    """The side of a value opening its line under a line that names only a breast:
    "pierś prawa\nBI-RADS 5," and "справа\nBI-RADS 5," in a report wrapped very narrow."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == 0 or text[line_start:start].strip():
        return None
    above = text.rfind("\n", 0, line_start - 1) + 1
    m = c.side.search(text, above, line_start - 1)
    if m is None or not _scope_label(c).fullmatch(text[above : line_start - 1].rstrip("\r")):
        return None
    side = side_of(m)
    return side if side in ("R", "L") else None


@lru_cache(maxsize=16)
def _scope_label(c: Compiled) -> re.Pattern[str]:
    lang = c.language
    side = rf"(?:{lang.right}|{lang.left}|{lang.both})"
    return re.compile(
        rf"[ \t]*(?:[-•*][ \t]*)?{side}(?:[ \t]+(?:{lang.breast_words}))?[ \t]*[:\-–]?[ \t]*",
        re.IGNORECASE | re.UNICODE,
    )


def density_labelled(text: str, s: Sentence, c: Compiled) -> list[Hit]:
    """Density after density words: "Breast density: C", "ACR-Typ 3", "densité de type 2"."""
    pattern = c.words.density_value
    hits: list[Hit] = []
    for m in pattern.finditer(text, s.start, s.end):
        d, gap = m.group("d"), m.group("gap")
        if text[m.start("d") - 1].isalnum():
            continue  # "gęsta", "tkanka gruczołowa.": the last letter of a density word
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
            or _SCALE_AFTER.match(text, m.end(), s.end)
        )
        if not (d.isupper() or marker) or not accept(text, s, m.start(), m.end(), c):
            continue
        if c.words.range.match(text, m.end(), s.end):
            continue
        side = density_side(text, s, m.start(), m.end(), c)
        if d.isdigit():
            note = "density number (4th edition 1-4)"
            hits.append(Hit("density", side, FOURTH_EDITION[d], m.start(), m.end(), note))
        else:
            hits.append(Hit("density", side, d.lower(), m.start(), m.end(), "density letter"))
    per_side = density_per_side(text, s, c)
    hits = [h for h in hits if not any(h.start < p.end and p.start < h.end for p in per_side)]
    return hits + per_side + abbreviated_density(text, s, c)


@lru_cache(maxsize=16)
def _side_items(c: Compiled) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(density words then a side, one side's value, what joins two sides' values)."""
    lang = c.language
    side = rf"(?<!\w)(?:(?P<B>{lang.both})|(?P<R>{lang.right})|(?P<L>{lang.left}))(?!\w)"
    flags = re.IGNORECASE | re.UNICODE
    start = re.compile(
        rf"(?:{lang.density_context})(?:[ \t]*\((?:acr|bi-?rads)\))?[ \t]*[:=\-–]?[ \t]*(?=\S)",
        flags,
    )
    item = re.compile(
        rf"{side}(?:[ \t]+(?:{lang.breast_words})(?!\w))?[ \t]*[:=\-–]?[ \t]*"
        rf"(?:(?P<label>{lang.category_labels})(?!\w)[ \t]*[:=]?[ \t]*)?"
        rf"(?P<d>[A-Da-d1-4])(?![\w])(?=[ \t]*(?:[.,;/()]|\r?\n|$|(?:{lang.list_words})(?!\w)))",
        flags,
    )
    join = re.compile(
        rf"[ \t]*(?:\([^()\n]{{0,60}}\))?[ \t]*(?:[,;/]|(?<!\w)(?:{lang.list_words})(?!\w))"
        r"[ \t]*",
        flags,
    )
    return start, item, join


_DENS_ABBREVIATION = re.compile(r"(?<![^\W\d_])dens\.[ \t]*$", re.IGNORECASE)
_OPENING_LETTER = re.compile(r"[ \t]*(?P<d>[A-D])(?![\w])(?=[ \t]*(?:[.,;)]|\r?\n|$))")


def abbreviated_density(text: str, s: Sentence, c: Compiled) -> list[Hit]:
    """A capital letter after "dens." ("Dens. B. Stable since 2024."): the full stop of the
    abbreviation ended the sentence before it, so the letter opens its own sentence."""
    line_start = text.rfind("\n", 0, s.start) + 1
    m = _OPENING_LETTER.match(text, s.start, s.end)
    dens = _DENS_ABBREVIATION.search(text, line_start, s.start)
    if m is None or dens is None:
        return []
    start, end = m.start("d"), m.end("d")
    if not accept(text, s, start, end, c):
        return []
    side = density_side(text, s, start, end, c)
    note = "density letter after dens."
    return [Hit("density", side, m.group("d").lower(), dens.start(), end, note)]


def density_per_side(text: str, s: Sentence, c: Compiled) -> list[Hit]:
    """A density for each breast after density words: "Densidade: mama direita tipo B; mama
    esquerda tipo C", "Gęstość: pierś prawa – typ c, pierś lewa – typ b"."""
    start, item, join = _side_items(c)
    hits: list[Hit] = []
    for m in start.finditer(text, s.start, s.end):
        at = m.end()
        found: list[Hit] = []
        while (v := item.match(text, at, s.end)) is not None:
            d = v.group("d")
            if not (v.group("label") or (d.isalpha() and d.isupper())):
                break
            if not accept(text, s, v.start(), v.end(), c):
                found = []  # "right C, left B in 2019": the list is one statement
                break
            value = FOURTH_EDITION[d] if d.isdigit() else d.lower()
            note = "density per side"
            found.append(Hit("density", side_of(v), value, v.start(), v.end(), note))
            j = join.match(text, v.end(), s.end)
            if j is None:
                break
            at = j.end()
        if found:
            line_end = text.find("\n", found[-1].end, s.end)
            rest = text[found[-1].end : s.end if line_end < 0 else line_end]
            if c.side.search(rest):
                found = []  # "right C, left B in 2019": the list goes on in words not read
        hits += found
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
        if not slug:
            continue  # wording that fits more than one letter ("parcialmente lipossubstituídas")
        if re.search(
            r"(?<![\w])[A-Da-d][ \t]*\([ \t]*$", text[max(s.start, start - 6) : start]
        ) and (len(_TYPED_LETTER.findall(text, s.start, s.end)) >= 2):
            continue  # "type a (graisseux) à type d (extrêmement dense)": a range's wording
        if not accept(text, s, start, end, c):
            continue
        side = density_side(text, s, start, end, c)
        hits.append(Hit("density", side, slug, start, end, "density wording"))
    return _fatty_with_scattered(text, hits)


_SHORT_LINK = re.compile(r"[\s,]*(?:[^\W\d_]{1,5}[\s,]+){0,2}$")
"""One or two short words ("with", "z", "con", "mit") between two wordings."""


def _fatty_with_scattered(text: str, hits: list[Hit]) -> list[Hit]:
    """ "Fatty with scattered areas of fibroglandular density" is density b: the fatty wording
    that scattered fibroglandular wording closes gives way to it."""
    scattered = [h for h in hits if h.value == "b"]
    return [
        h
        for h in hits
        if not (
            h.value == "a"
            and any(
                b.side == h.side and b.start >= h.end and _SHORT_LINK.match(text[h.end : b.start])
                for b in scattered
            )
        )
    ]


@lru_cache(maxsize=16)
def _mri_tissue(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE | re.UNICODE)


@lru_cache(maxsize=16)
def _second_value(range_words: str) -> re.Pattern[str]:
    return re.compile(
        r"[ \t]*(?:\([^()\n]{0,12}\)[ \t]*)?(?:[/\-–]|(?<!\w)(?:" + range_words + r")(?!\w))"
        r"[ \t]*(?:(?:acr|typ\w*|tipo|тип)[ \t\-]*)?(?:[A-Da-d1-4]|I{1,3}|IV)(?![\w])",
        re.IGNORECASE | re.UNICODE,
    )


def _between_two(text: str, h: Hit, c: Compiled) -> bool:
    """A letter or number that another follows as a range or choice ("B/C", "ACR b-c", "B to
    C", "C or D"): the density lies between two, so neither is proposed."""
    if h.end < 1 or text[h.end - 1] not in "ABCDabcd1234I":
        return False
    return _second_value(c.language.range_words).match(text, h.end) is not None


def drop_not_density(
    text: str, sentences: list[Sentence], hits: list[Hit], c: Compiled
) -> list[Hit]:
    """Density hits go from a sentence that explains the density letters (a legend), a value
    that another follows as a range or choice ("B/C", "C or D"), and all
    of them from a report that names MRI tissue amount or background enhancement outside
    its history: an MRI report's "scattered fibroglandular tissue" is not mammographic
    density, and in a report that mixes MRI with a mammogram (or a contrast mammogram) the
    two cannot be told apart safely."""
    mri = _mri_tissue(c.language.mri_tissue)
    if any(
        s.section not in ("history", "legend")
        and (mri.search(text, s.start, s.end) or mri.search(s.label or ""))
        for s in sentences
    ):
        return [h for h in hits if h.field != "density"]
    spans = [(s.start, s.end) for s in sentences if density_legend(text, s)]
    return [
        h
        for h in hits
        if h.field != "density"
        or not (any(a <= h.start < b for a, b in spans) or _between_two(text, h, c))
    ]
