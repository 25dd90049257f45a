"""Structure of a report that decides which values stand: legends, addenda, other scales.

A sentence or a paragraph naming three or more different values of a field is a legend; an
addendum's values supersede those of the report it amends; a document that names another
scoring system and never says BI-RADS gives no category but an explicit "BI-RADS n".
"""

from __future__ import annotations

import re

from mammolog.reports.context import Hit, past_cues
from mammolog.reports.segment import Compiled, Sentence, side_of

FINAL_NOTE = "BI-RADS number, final/combined assessment"
"""The note of a category stated as the final/combined assessment (see categories._note)."""


DOUBTFUL_SIDE = "?"
"""The side of a category in the sentence after an inline side label ("Left breast: negative.
BI-RADS 1."): the left's or the exam's, readers disagree. Never proposed; it still makes an
exam category that differs from it a conflict."""


MODALITY_NOTE = "BI-RADS number for one modality"
"""The note of a category given for one modality ("Ultrasound: BI-RADS 3"), which a final or
combined assessment beside it supersedes."""
_ASIDE = re.compile(r"[ \t]*\([^()\n]*\)([ \t]*:?[ \t]*)$")
_LABEL_ONLY = re.compile(r"[ \t*\-•]*[^\W\d_][^:\n.;]{0,60}:[ \t]*")


def _label_head(head: str, c: Compiled) -> str:
    """``head`` without the side word and the earlier side items that stand between its label
    and a value: "Mammogram assessment: Right " and "Mammographische Einstufung: BI-RADS 0
    links, " are read as "Mammogram assessment: " and "Mammographische Einstufung: "."""
    item = c.item_at_end
    for _ in range(4):
        m = item.search(head)
        if m is None or m.start() == len(head):
            break
        head = head[: m.start()]
    return head


def note_of(text: str, s: Sentence, start: int, anchor: str, c: Compiled) -> str:
    """Whether a category is the final/combined assessment, one modality's, or plain."""
    # "Conclusão final (mamografia + ultrassonografia): BI-RADS 3": an aside before the colon
    head = _label_head(_ASIDE.sub(r"\1", text[s.start : start]), c)
    lead = head[-50:]
    final = c.words.final_before
    if final.search(lead) or c.words.final_start.match(anchor):
        return FINAL_NOTE
    if (
        c.words.final_start.match(head)
        and _LABEL_ONLY.fullmatch(head)
        and len(c.words.modality.findall(head)) >= 2
    ):
        return FINAL_NOTE  # "Eindconclusie mammografie en echografie: BI-RADS 4C links"
    if c.words.modality_before.search(head) and not final.search(head):
        return MODALITY_NOTE  # "Classement échographique : ACR 3" is the ultrasound's
    if c.words.final_start.match(head) and _LABEL_ONLY.fullmatch(head):
        return FINAL_NOTE  # "Conclusión final (...): BI-RADS 4B", "Wniosek końcowy: ..."
    label = _LABEL_ONLY.match(head)
    if c.words.final_start.match(head) and label and _only_side_items(head[label.end() :], c):
        return FINAL_NOTE  # "Zusammenfassende Beurteilung: links BI-RADS 3, rechts BI-RADS 1"
    if final.search(lead + anchor):
        return "BI-RADS number"
    if c.words.final_start.search(s.label) and c.side.search(head) and _only_side_items(head, c):
        return FINAL_NOTE  # "COMBINED FINAL ASSESSMENT" over "Left breast: BI-RADS 3"
    overall_label = c.words.overall.search(s.label) or c.words.final_start.search(s.label)
    if overall_label and not head.strip(" \t-•*"):
        return FINAL_NOTE  # "OVERALL ASSESSMENT (mammogram and ultrasound):\nBI-RADS 3"
    # A modality's label does not reach a sentence that opens with final wording of its own
    # ("Ecografia: ... BI-RADS 3.\nValutazione conclusiva integrata: BI-RADS 3 sx, 1 dx").
    opens_final = c.words.final_start.match(text, s.start) is not None
    if c.words.modality_before.search(lead) or (
        c.words.modality_label.fullmatch(s.label) and not opens_final
    ):
        return MODALITY_NOTE
    return "BI-RADS number"


def _only_side_items(rest: str, c: Compiled) -> bool:
    """True when ``rest`` holds nothing but side words, categories and list punctuation."""
    rest = c.side.sub(" ", rest)
    rest = c.anchor.sub(" ", rest)
    rest = re.sub(rf"\b(?:{c.language.breast_words})\b", " ", rest, flags=re.I)
    return not re.sub(r"[0-6][abcABC]?|[\s,;:/()\-–]", "", rest)


def distinct(values: set[str]) -> set[str]:
    """Values that differ: a plain 4 beside 4A, 4B or 4C is the same ("ACR 4 (BI-RADS 4C)")."""
    if "4" in values and values & {"4A", "4B", "4C"}:
        return values - {"4"}
    return values


def drop_legends(hits: list[Hit], field: str) -> list[Hit]:
    """A sentence naming three or more different values of a field is a legend, not a result."""
    if len(distinct({h.value for h in hits if h.field == field})) >= 3:
        return [h for h in hits if h.field != field]
    return hits


def drop_legend_blocks(hits: list[tuple[Sentence, Hit]], field: str) -> list[tuple[Sentence, Hit]]:
    """A paragraph naming three or more different values of a field is a legend.

    Not when one of them is stated as the final/combined assessment: "Mammografia: BI-RADS 0.
    Ecografia: BI-RADS 3. Valutazione conclusiva integrata: BI-RADS 3 sx, BI-RADS 1 dx."
    A legend of five or more categories explains the densities beside it too ("Kategorie 0: ...
    Kategorie 5: ... Brustdichte ACR A bis D: A fast ganz fett, D extrem dicht").
    """
    values: dict[tuple[int, str], set[str]] = {}
    final: set[int] = set()
    for s, h in hits:
        if h.field in (field, "category"):
            values.setdefault((s.block, h.field), set()).add(h.value)
            if h.note == FINAL_NOTE:
                final.add(s.block)
    legends = {
        b
        for (b, named), seen in values.items()
        if len(distinct(seen)) >= (3 if named == field else 5) and b not in final
    }
    return [(s, h) for s, h in hits if not (h.field == field and s.block in legends)]


def superseded(
    hits: list[tuple[Sentence, Hit]], field: str, mentioned: set[str]
) -> list[tuple[Sentence, Hit]]:
    """Values of a field in an addendum replace what the report before it said.

    An overall value in the addendum replaces every earlier one; a side's value replaces
    that side's, both breasts' and the overall ones. The other side's value stands only
    when the addendum speaks of that side too ("The left breast assessment is unchanged"):
    whether an addendum silent about it leaves it standing, readers disagree.
    """
    amended = {h.side for s, h in hits if h.field == field and s.addendum}
    if not amended:
        return hits
    covers_all = None in amended or "B" in amended

    def stands(s: Sentence, h: Hit) -> bool:
        if h.field != field or s.addendum:
            return True
        if covers_all or h.side not in ("R", "L") or h.side in amended:
            return False
        return field == "density" or h.side in mentioned

    return [(s, h) for s, h in hits if stands(s, h)]


_VALUE_AFTER_ANCHOR = re.compile(r"\W{0,12}[0-6](?![\d.,]\d)")


def amended(
    text: str, sentences: list[Sentence], found: list[tuple[Sentence, Hit]], c: Compiled
) -> list[tuple[Sentence, Hit]]:
    """What stands once an addendum has spoken (see superseded), category and density.

    An addendum that names a category value the reader cannot take ("Prior report stated
    BI-RADS 3; the assessment is now given as ...") may have revised the report's category:
    then no category from before the addendum stands either, rather than one it replaced;
    nor when the addendum, or the heading of the original it amends ("Original report
    (superseded)"), says the report's assessment was withdrawn, in error or on the wrong side.
    """
    mentioned = {
        side_of(m) for s in sentences if s.addendum for m in c.side.finditer(text, s.start, s.end)
    }
    if "B" in mentioned:
        mentioned |= {"R", "L"}
    for field in ("category", "density"):
        found = superseded(found, field, mentioned)
    has_addendum = any(s.addendum for s in sentences)
    if has_addendum and any(
        (s.addendum or c.original_sections.match(text[s.start : s.end].lstrip(" \t*#=-–—•")))
        and c.superseded.search(text, s.start, s.end)
        for s in sentences
    ):
        # "The BI-RADS assessment ... was entered in error and is WITHDRAWN", "Corrección de
        # lateralidad": no category of the report before it stands
        return [(s, h) for s, h in found if h.field != "category" or s.addendum]
    if any(h.field == "category" and s.addendum for s, h in found):
        return found
    named = any(
        s.addendum
        and s.section not in ("legend",)
        and (
            any(
                _VALUE_AFTER_ANCHOR.match(text, m.end(), s.end)
                for m in c.anchor.finditer(text, s.start, s.end)
            )
            or (  # French "elles sont classées ACR 4"
                c.language.acr_number_is_category
                and any(m.group("n") for m in c.words.acr.finditer(text, s.start, s.end))
            )
        )
        for s in sentences
    )
    return [(s, h) for s, h in found if not (named and h.field == "category")]


LEGEND_AFTER = re.compile(
    r"(?:[^.\n]|\r?\n(?![ \t]*\r?\n)){0,40}?(?:[,;/|·•](?:[ \t]|\r?\n(?![ \t]*\r?\n))*[0-6][abcABC]?"
    r"[ \t]*(?:=|:|-|–)[ \t]*[^\W\d_]"
    r"|(?:[,;|·•](?:[ \t]|\r?\n(?![ \t]*\r?\n))*[0-6][abcABC]?(?:[ \t]|\r?\n(?![ \t]*\r?\n))+"
    r"[^\W\d_][^,;|·•\n]{0,40}?){2})"
)
"""What follows the first value of a legend written on one line: "1 = negative, 2 = benign",
"0 incomplet ; 1 normal ; 2 bénin", also when a hard line break cuts it."""
_REPORT_WORDS = 15
"""A text this long is a whole report, not a fragment: it must say it is about the breast."""


_PATHOLOGY_CODE = re.compile(r"[BC][1-5][ab]?")


def explicit_only(text: str, c: Compiled) -> bool:
    """True when only an explicit "BI-RADS n" may give a category in this document.

    That is a document that names another scoring system and never says BI-RADS (a lung CT,
    a thyroid ultrasound, a UK M/U-scored report), or a whole report that never names the
    breast, a mammogram or BI-RADS (an abdominal ultrasound): its "Category 4A" or
    "Impression: Benign" is no BI-RADS category.
    """
    says_birads = re.search(r"bi-?rads|\bacr\b", text, re.I) is not None
    # a pathology or cytology code ("B5a", "C2") in a biopsy report is no imaging scale
    other = [
        m for m in c.words.other_scale.finditer(text) if not _PATHOLOGY_CODE.fullmatch(m.group())
    ]
    if other and not re.search(r"bi-?rads", text, re.I):
        return True
    if says_birads or len(text.split()) < _REPORT_WORDS:
        return False
    return re.search(c.language.breast_context, text, re.I) is None


WORDING_NOTE = "assessment wording"
"""The note of a category read from assessment words alone (see categories._word_categories)."""


def wording_restated(hits: list[Hit]) -> list[Hit]:
    """Sided assessment words that an unsided number of the same value restates give way to it.

    "IMPRESSION: HIGHLY SUGGESTIVE OF MALIGNANCY LEFT BREAST. BI-RADS 5.": the number, in a
    sentence of its own, is the exam's category; the words before it say the same, and their
    side is the finding's, not a second category for the left breast.
    """
    numbers = [h for h in hits if h.field == "category" and h.note != WORDING_NOTE]
    unsided = {h.value for h in numbers if h.side is None}
    sided = {h.side for h in numbers if h.side is not None}

    def restated(h: Hit) -> bool:
        return (
            h.field == "category"
            and h.note == WORDING_NOTE
            and h.side in ("R", "L")
            and h.value in unsided
            and h.side not in sided
        )

    return [h for h in hits if not restated(h)]


def findings_words_beside_numbers(
    found: list[tuple[Sentence, Hit]], c: Compiled
) -> list[tuple[Sentence, Hit]]:
    """Assessment words under a findings label give way when the report states a number.

    "Befund: Re. ovaler Herd. Li. unauffällig. Beurteilung: ... Aktuell BI-RADS 3": the
    "unauffällig" describes the left breast's findings; the category is the number.
    """
    if not any(h.field == "category" and h.note != WORDING_NOTE for _, h in found):
        return found

    def findings_words(s: Sentence, h: Hit) -> bool:
        label = s.label.strip()
        return (
            h.note == WORDING_NOTE
            and bool(label)
            and not c.assessment_labels.fullmatch(label)
            and s.section == "current"
        )

    return [(s, h) for s, h in found if not findings_words(s, h)]


def impression_label(label: str, c: Compiled) -> bool:
    """True for a label naming the impression, alone or with a few words around it
    ("Conclusione della revisione", "Final assessment (mammography)")."""
    words = re.sub(r"[ \t]*\([^()]*\)[ \t]*$", "", label.strip()).split()
    return any(
        c.assessment_labels.fullmatch(" ".join(part))
        for n in range(1, min(3, len(words)) + 1)
        for part in (words[:n], words[-n:])
    )


def words_outside_impression(
    found: list[tuple[Sentence, Hit]], sentences: list[Sentence], c: Compiled
) -> list[tuple[Sentence, Hit]]:
    """Assessment words outside the impression give nothing when the report has one.

    "Mammella sinistra negativa." among the findings, above "Conclusione: ...", describes the
    findings; only the impression's own words stand as its assessment.
    """
    if not any(impression_label(s.label, c) for s in sentences):
        return found
    return [(s, h) for s, h in found if h.note != WORDING_NOTE or impression_label(s.label, c)]


def sides_from_lines(text: str, hits: list[Hit], c: Compiled) -> list[Hit]:
    """Unsided categories that disagree take the one side their own line names.

    A value alone at the start of its line takes the side of the line before it (a line
    wrapped before the value).

    "1. Irregular mass in the left breast, suspicious. BI-RADS 4B." and "2. Right breast
    negative. BI-RADS 1." are one finding per line: each category belongs to the side its
    line names. Applied only when the unsided categories disagree (otherwise nothing is lost
    by leaving them unsided) and every one of them sits on a line naming exactly one side,
    a different side for each value; else they stay as they are, to be reported as a conflict.
    """
    unsided = [h for h in hits if h.field == "category" and h.side is None]
    if len({h.value for h in unsided}) < 2:
        return hits
    given: dict[int, str] = {}
    side_values: dict[str, set[str]] = {}
    for h in unsided:
        start = text.rfind("\n", 0, h.start) + 1
        end = text.find("\n", h.end)
        line = text[start : len(text) if end < 0 else end]
        before = text[text.rfind("\n", 0, start - 1) + 1 : start] if start > 0 else ""
        wrapped = before.rstrip()[-1:] not in (".", "!", "?", ":", ";", "")
        if c.side.search(line) is None and c.anchor.match(line.strip()) and wrapped:
            # "Suspicious mass in the left breast\nBI-RADS 4B.": a line wrapped before its value
            # (not "Mama derecha sin alteraciones.\nBI-RADS 0 por mastografía.")
            line = before
        named = {side_of(m) for m in c.side.finditer(line)}
        if len(named) != 1 or named & {"B"}:
            return hits
        side = named.pop()
        given[id(h)] = side
        side_values.setdefault(side, set()).add(h.value)
    if any(len(values) > 1 for values in side_values.values()):
        return hits
    return [
        Hit(h.field, given[id(h)], h.value, h.start, h.end, h.note) if id(h) in given else h
        for h in hits
    ]


def hold_back_wrapped(text: str, hits: list[Hit], c: Compiled) -> list[Hit]:
    """Categories whose side a hard line break hides are held back (see the two tests below).

    Nothing is held back when the values would then no longer disagree ("BI-RADS 2. BI-RADS
    3" stays a conflict), except an unsided value beside a side's different one, which would
    stand as the exam's ("... SOSPECHOSO. BI-RADS 4B\nMAMA IZQUIERDA. MAMA DERECHA BI-RADS 1.").
    """
    held = [
        h
        for h in hits
        if _wrapped_after_side(text, h, c)
        or _wrapped_before_side(text, h, c)
        or _wrapped_after_past(text, h, c)
    ]
    kept = [h for h in hits if h not in held]
    if any(
        k.field == "category" and k.value != h.value and (k.side is None or h.side is not None)
        for k in kept
        for h in held
    ):
        return hits
    return kept


def _wrapped_after_side(text: str, h: Hit, c: Compiled) -> bool:
    """True for an unsided category that opens a line continuing a sentence that names a side.

    "Wniosek: torbiel piersi prawej,\nBI-RADS 2." is a hard-wrapped "..., BI-RADS 2" whose
    side is the right breast's, which the line break hides. The sentence is followed back
    over up to three lines that end in no punctuation ("the left\nbreast is downgraded to\n
    BI-RADS 3.").
    """
    if h.field != "category" or h.side is not None:
        return False
    line_start = text.rfind("\n", 0, h.start) + 1
    if line_start == 0 or re.search(r"[.;:!?]", text[line_start : h.start]):
        return False
    clause = text[line_start : h.start]
    for _ in range(3):
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        prev = text[prev_start : line_start - 1].rstrip()
        if not prev or prev[-1] in ".!?:;":
            break
        pieces = re.split(r"[.;:!?]", prev)
        clause = pieces[-1] + " " + clause
        if len(pieces) > 1 or prev_start == 0:
            break
        line_start = prev_start
    return clause.strip() != text[text.rfind("\n", 0, h.start) + 1 : h.start].strip() and (
        c.side.search(clause) is not None
    )


def _continued_clause(text: str, h: Hit) -> str | None:
    """The clause a line opening with the mention continues from the line before, if any."""
    line_start = text.rfind("\n", 0, h.start) + 1
    if line_start == 0 or re.search(r"[.;:!?]", text[line_start : h.start]):
        return None
    prev_start = text.rfind("\n", 0, line_start - 1) + 1
    prev = text[prev_start : line_start - 1].rstrip()
    if not prev or prev[-1] in ".!?:;":
        return None
    return re.split(r"[.;:!?]", prev)[-1] + " " + text[line_start : h.start]


def _wrapped_after_past(text: str, h: Hit, c: Compiled) -> bool:
    """True for a category opening a line whose sentence began with a past exam or a condition.

    "In der Vorgeschichte Mammographie 2022 mit\nBI-RADS 4A links" is the prior exam's value.
    """
    if h.field != "category":
        return False
    clause = _continued_clause(text, h)
    if clause is None:
        return False
    last_history = max((m.end() for m in past_cues(clause, text, h.start, c)), default=-1)
    last_current = max((m.end() for m in c.current.finditer(clause)), default=-1)
    return last_history > last_current or c.hypothetical.search(clause) is not None


def _wrapped_before_side(text: str, h: Hit, c: Compiled) -> bool:
    """True for a category whose clause runs on to the next line and names a side there.

    "BI-RADS 2\nbeidseits." and "ACR 2 à droite et\nà gauche.": the side read from the first
    line alone is not the side of the whole clause.
    """
    if h.field != "category":
        return False
    line_end = text.find("\n", h.end)
    if line_end == -1 or re.search(r"[.;:!?]", text[h.end : line_end]):
        return False
    next_end = text.find("\n", line_end + 1)
    after = text[line_end + 1 : next_end if next_end != -1 else len(text)]
    if not after.strip() or re.match(r"[ \t]*[^\W\d_][^:\n.]{0,40}:", after):
        return False  # a blank line or a new label ("Left breast: ...") starts afresh
    caps = not any(ch.islower() for ch in after)  # all capitals: case tells nothing
    if not (after.lstrip()[:1].islower() or caps or text[h.end : line_end].strip()):
        return False  # "BIRADS: 2\nBenign vascular calcifications bilaterally.": a new sentence
    first = re.split(r"[.;:!?()]", after)[0]
    if re.search(r"\d", first):
        return False  # "R breast - BIRADS 0\nL breast - BIRADS 0": the next line's own value
    named = c.side.search(text[h.end : line_end] + " " + first)
    return named is not None and side_of(named) != h.side
