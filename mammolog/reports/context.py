"""Context checks shared by every rule: which side a mention is about, and whether it is negated,
historical or hypothetical. Each check looks only inside the mention's own sentence/clause."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mammolog.reports.dates import (
    exam_date_spans,
    newest_date,
    newest_year_before,
    older_date_after,
    without_exam_date,
)
from mammolog.reports.segment import (
    Compiled,
    Sentence,
    clause_end,
    clause_start,
    open_bracket,
    section_kind,
    side_of,
)

_SIDE_BREAK_PUNCT = r"[,;]|(?<!\d)/|/(?!\d)"  # a slash inside a date ("20/11/2026") breaks nothing
_LABEL_BETWEEN = re.compile(r"(?<![\w'])([^\W\d_]{2,}(?:[ \t]+[^\W\d_]{2,}){0,2})[ \t]*:")
"""A section label between a side word and a value ("rechts Befund: ACR c")."""


def _label_between(c: Compiled, text: str) -> bool:
    """True when `text` holds a section label: a side word before it is not the value's.

    "Right breast assessment: BI-RADS 4C" names the side's own assessment: no break.
    """
    for m in _LABEL_BETWEEN.finditer(text):
        name = re.sub(rf"^(?:{c.language.breast_words})\s+", "", m.group(1), flags=re.I)
        if section_kind(c, m.group(1)) and not (
            m.start() == len(text) - len(text.lstrip()) and c.assessment_labels.fullmatch(name)
        ):
            return True
    return False


@dataclass(frozen=True)
class Hit:
    """A value found in the text, before it becomes a Proposal."""

    field: str
    side: str | None
    value: str
    start: int
    end: int
    note: str


def _side_breaks(c: Compiled) -> re.Pattern[str]:
    return re.compile(rf"{_SIDE_BREAK_PUNCT}|{c.language.clause_breaks}", re.I)


def find_side(
    text: str,
    s: Sentence,
    start: int,
    end: int,
    c: Compiled,
    *,
    look_after: bool = False,
    sentence_wide: bool = True,
    use_scope: bool = True,
) -> str | None:
    """The side a mention at [start, end) is about, from the nearest side words around it.

    Order: a side word earlier in its clause; one right after it (unless that one starts the
    next item, as in "2, left: 1"); with ``look_after`` one inside the mention or later in its
    clause; with ``sentence_wide`` a side word earlier in its sentence; the side label the
    sentence sits under; else None. "Overall" just before the mention means no side.
    """
    breaks = _side_breaks(c)
    cs = clause_start(text, s.start, start, breaks)
    before = text[cs:start]
    sides = [
        m
        for m in c.side.finditer(before)
        if not _in_aside(before, m.start(), len(before)) and not _names_the_exam(before, m, c)
    ]
    # "Mammella destra complessivamente: BI-RADS 4C": the side's own overall value
    own = [m.end() for m in sides]
    last_overall = max(
        (
            m.start()
            for m in c.words.overall.finditer(before)
            if not any(e <= m.start() and not before[e : m.start()].strip() for e in own)
        ),
        default=-1,
    )
    bracketed = _bracketed_side(text, s, end, c)
    if bracketed is not None:
        return bracketed  # "BI-RADS 2 (mama derecha) y BI-RADS 1 (mama izquierda)"
    end = _past_wording_aside(text, end, s.end, c)
    after = c.words.after_value.match(text, end, s.end)
    pos = after.end() if after else end
    m = c.side.match(text, pos, s.end)
    right_after = m if m and not c.words.next_belongs.match(text, m.end(), s.end) else None
    if last_overall >= 0 and (not sides or sides[-1].end() <= last_overall):
        # "Overall: BI-RADS 4B" has no side, "Summary: BI-RADS 3 left" has one
        return side_of(right_after) if right_after else None
    if sides and right_after and c.words.other_scale.search(before, sides[-1].end()):
        return side_of(right_after)  # "Left M1 BI-RADS 1 bilaterally": the M score's side
    if sides and right_after and c.anchor.search(before, 0, sides[-1].start()):
        # "BI-RADS 5 na mama esquerda e BI-RADS 1 na mama direita": the side before is the
        # value before's, the one right after is this one's
        return side_of(right_after)
    if sides and not _label_between(c, before[sides[-1].end() :]):
        return side_of(sides[-1])
    if right_after:
        return side_of(right_after)
    if look_after:
        inside = c.side.search(text, start, end)
        if inside:
            return side_of(inside)
        ce = clause_end(text, end, s.end, breaks)
        trailing = c.words.trailing_side
        m = c.side.search(text, end, ce) or trailing.match(text, ce, s.end)
        if m and m.re is trailing:
            m = c.side.match(text, m.end(), s.end)
        if m:
            return side_of(m)
    earlier = (
        [
            m
            for m in c.side.finditer(text, s.start, cs)
            if not _in_aside(text, m.start(), start) and not _names_the_exam(text, m, c)
        ]
        if sentence_wide
        else []
    )
    between = text[earlier[-1].end() : start] if earlier else ""
    if (
        earlier
        and not _VALUE_BEFORE.search(text, s.start, earlier[-1].start())
        and not c.words.overall.search(between)  # "Left ... OVERALL ASSESSMENT: BI-RADS 4A"
        and not _label_between(c, between)
    ):
        # not "BI-RADS 3 – pierś prawa; BI-RADS 1 ...": a side right after a value is its own
        return side_of(earlier[-1])
    return s.scope_side if use_scope else None


def _names_the_exam(text: str, m: re.Match[str], c: Compiled) -> bool:
    """True when a both-breasts side word describes the exam named right before it: "Mx bilat
    10/06/25: BI-RADS 2" says which exam was made, not that the value is both breasts'."""
    before = c.words.exam_before
    return (
        m.group("B") is not None
        and before.search(text, max(0, m.start() - 30), m.start()) is not None
    )


_VALUE_BEFORE = re.compile(r"[0-6][abcABC]?[ \t]*[-–][ \t]*$")
"""A value and a dash right before a side word: the side closes that value ("3 – pierś prawa")."""


def _in_aside(text: str, pos: int, end: int) -> bool:
    """True when ``pos`` sits in brackets closed before ``end``: "MAMMOGRAPHY (bilateral, with
    right spot views) Scattered fibroglandular density" names no side for the density."""
    return open_bracket(text, 0, pos) >= 0 and 0 <= text.find(")", pos, end)


_BRACKET_OPEN = re.compile(r"[ \t]*(?:[-–:][ \t]*)?")


_ASIDE_OPEN = re.compile(r"\s*\(\s*")
_ASIDE_CLOSE = re.compile(r"[ \t]*\)")


def _past_wording_aside(text: str, end: int, limit: int, c: Compiled) -> int:
    """Where a value's own wording in brackets ends ("BI-RADS category 3 (probably benign) for
    the left breast"): a side word after it is still right after the value."""
    m = _ASIDE_OPEN.match(text, end, limit)
    if m is None:
        return end
    for pattern, _slug in c.category_words.entries:
        wording = pattern.match(text, m.end(), limit)
        if wording:
            close = _ASIDE_CLOSE.match(text, wording.end(), limit)
            return close.end() if close else end
    return end


def _bracketed_side(text: str, s: Sentence, end: int, c: Compiled) -> str | None:
    """A side in brackets right after a value, or after the value's wording: "2 - Benign (left)"."""
    gap = _BRACKET_OPEN.match(text, end, s.end)
    pos = gap.end() if gap else end
    for pattern, _slug in c.category_words.entries:
        wording = pattern.match(text, pos, s.end)
        if wording:
            pos = wording.end()
            break
    else:
        pos = end
    m = re.compile(r"\s*\(\s*").match(text, pos, s.end)
    if m is None:
        return None
    article = c.words.after_value.match(text, m.end(), s.end)
    side = c.side.match(text, article.end() if article else m.end(), s.end)
    if side is None:
        return None
    close = c.words.closes_side.match(text, side.end(), s.end)
    after = close.end() if close else side.end()
    if ")" not in text[side.end() : after + 1]:
        return None
    return side_of(side)


_LINE_LABEL = re.compile(
    r"[ \t]*[^\W\d_](?:[^:\n.(]|\([^()\n]{0,20}\)|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}){0,40}:"
)
_WRAPPED_LINE = 40
"""A line at least this long, ending without punctuation, was hard-wrapped mid-sentence."""


def wrapped_lead(text: str, s: Sentence, start: int, c: Compiled) -> str:
    """The start of a sentence that a hard line break cut off before ``s``.

    "No presenta rasgos de\nBI-RADS 4." and "wäre der\nBefund als BI-RADS 4": a sentence that
    starts a line after a long line ending in no punctuation began on that line when the
    value at ``start`` does not open the line, or the line before ends in a small word that
    cannot end a phrase. Returns the part of that line after its last sentence end ("" when
    the sentence starts afresh: "Right breast without suspicious findings\nBI-RADS 1.").
    """
    line_start = text.rfind("\n", 0, s.start) + 1
    if line_start == 0 or text[line_start : s.start].strip():
        return ""
    prev_start = text.rfind("\n", 0, line_start - 1) + 1
    prev = text[prev_start : line_start - 1].rstrip()
    line_end = text.find("\n", line_start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    heading = prev.strip().isupper() and not line.strip().isupper()  # capitals over text
    if len(prev.strip()) < _WRAPPED_LINE or prev[-1] in ".!?:;" or heading:
        return ""
    if _LINE_LABEL.match(text, line_start, start):
        return ""  # "Revised assessment: BI-RADS 0": a label starts afresh
    last = prev.split()[-1]
    small_last = (len(last) <= 4 and last.islower()) or _NAMES_A_SCALE.fullmatch(last) is not None
    if not text[s.start : start].strip() and not small_last:
        return ""
    if text[s.start].isupper() and not small_last and _DATE.search(prev):
        return ""  # "Mammografia del 09/01/2025\nMammelle ... (ACR a)": a dated title above
    return _last_phrase(prev, c)


def _last_phrase(line: str, c: Compiled) -> str:
    """The part of a line after its last sentence end; a full stop after an abbreviation,
    a single letter or a number ("z 02.2022 r. zmiana ... godz. 3 oceniona jako") ends none."""
    cut = 0
    for m in re.finditer(r"[.!?:;]\s", line):
        word = line[: m.start()].split()[-1:] or [""]
        last = word[0].lower()
        if m.group()[0] == "." and (
            len(last) == 1 or last.isdigit() or last in c.language.abbreviations
        ):
            continue
        cut = m.end()
    return line[cut:]


_DATE = re.compile(r"(?<!\d)\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d\d(?!\d)")
_NAMES_A_SCALE = re.compile(
    r"\w*(?:classif|clasif|klasyf|klassif|kategor|categor|катег|класс|eingestuft|classé)\w*",
    re.IGNORECASE,
)
"""A line ending in a word that names a scale ("classificação") goes on with its value."""
"""A date ("09/01/2025", "04.02.2025"): a line holding one above a capitalised line is a title."""


def negated(text: str, s: Sentence, start: int, c: Compiled, *, reach: int | None = None) -> bool:
    """True when a negation cue stands before ``start`` in its clause (or within ``reach`` chars).

    A clause that a hard line break cut off is read from its start on the line before.
    """
    cs = clause_start(text, s.start, start, c.clause_break)
    window = text[cs:start]
    if cs == s.start:
        lead = wrapped_lead(text, s, start, c)
        window = re.split(c.clause_break.pattern, lead, flags=c.clause_break.flags)[-1] + (
            " " + window if lead else window
        )
    if reach is not None:
        window = window[-reach:]
    return c.negation.search(window) is not None


def negated_list(text: str, s: Sentence, start: int, c: Compiled) -> bool:
    """Negation whose scope runs over a comma list ("no masses, calcifications or distortion")."""
    strong = re.compile(rf"[;.]|{c.language.clause_breaks}", re.I)
    cs = clause_start(text, s.start, start, strong)
    return c.negation.search(text, cs, start) is not None


def historical(
    text: str, s: Sentence, start: int, end: int, c: Compiled, *, check_after: bool = True
) -> bool:
    """True when the mention describes a past exam ("prior BI-RADS 3", "BI-RADS 4A in 2019").

    ``check_after`` also reads past-tense words right after the mention ("... was"); events
    of this exam (a biopsy that "was performed") turn it off.
    """
    if _under_history_label(text, s, start, c):
        return True
    cs = clause_start(text, s.start, start, _side_breaks(c))
    label = _LINE_LABEL.match(text, s.start, start)
    if label and section_kind(c, text[s.start : label.end() - 1].strip(" \t*-•")) == "addendum":
        cs = max(cs, label.end())  # "ADDENDUM 06/12/2026: ... BI-RADS 3": its date is no past
    # "... 09.10.2026 BEURTEILUNG: BI-RADS 2" (a flattened page header): a label starts afresh
    labels = [
        m.end() for m in _LABEL_BETWEEN.finditer(text, cs, start) if section_kind(c, m.group(1))
    ]
    cs = max([cs, *labels])
    opened = open_bracket(text, s.start, start)
    if 0 <= opened < cs:
        cs = opened + 1  # "(last mammogram 04/2026, BI-RADS 1)": the aside's own clause
    if opened > s.start and _past_lead(text, s, opened, c):
        return True  # "Vergelijking met mammografie 2024 (BI-RADS 2, ACR c)": the past's aside
    window = text[cs:start]
    if cs == s.start:  # "..., dort beurteilt als\nBI-RADS 4 rechts": a clause cut by a wrap
        lead = without_exam_date(wrapped_lead(text, s, start, c), newest_date(text))
        window = re.split(_side_breaks(c).pattern, lead, flags=re.I)[-1] + " " + window
    today = exam_date_spans(window, newest_date(text))
    six = text[start:end].rstrip()[-1:] == "6"  # "known carcinoma: BI-RADS 6" is today's
    last_history = max(
        (
            m.end()
            for m in past_cues(window, text, start, c)
            if not any(a <= m.start() and m.end() <= b for a, b in today)
            and not (six and c.known.fullmatch(m.group()))
        ),
        default=-1,
    )
    last_current = max((m.end() for m in c.current.finditer(window)), default=-1)
    if s.addendum or not _YEAR.search(window):  # "the assessment is revised to BI-RADS 2"
        last_current = max([last_current, *(m.end() for m in c.revision.finditer(window))])
    if last_history > last_current:
        return True
    if cs > s.start and _past_opening(text, s, start, end, c):
        return True  # "Outside study: mammogram 10/06/2026, reported as BI-RADS 4A (left)."
    after_end = s.end
    if text[s.start : s.end].rstrip()[-1:] not in (".", "!", "?", ":", ";"):
        line_end = text.find("\n", s.end + 1)  # "(ACR A in der\nMammographie vom 10/2026)"
        after_end = len(text) if line_end < 0 else line_end
    if check_after and older_date_after(text, end, after_end, c.words.since):
        return True  # "(BI-RADS 4C en estudio del 28/07/2026)" in a report of 06/08/2026
    return check_after and c.past_after.match(text[end:after_end]) is not None


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def past_cues(window: str, text: str, start: int, c: Compiled) -> list[re.Match[str]]:
    """The history cues of ``window``, the words before a value at ``start`` in ``text``;
    beside words naming this exam as the patient's ("your mammogram of 12.03.2024 was read
    as"), not those that only say when it was made."""
    cues = [m for m in c.history.finditer(window) if not _denied(window, m.start(), c)]
    if not cues or c.own_exam.search(window) is None:
        return cues
    newest = newest_year_before(text, start)
    return [m for m in cues if not _when_made(m.group(), newest, c)]


_WORD_BEFORE = re.compile(r"(\S+)[ \t]+(?:[^\W\d_]+[ \t]+)?$")
"""The word before a cue, at most one more word between ("sem exame anterior")."""
_YEAR_CUE = re.compile(r"(?:in\s+)?((?:19|20)\d\d)")


def _denied(window: str, at: int, c: Compiled) -> bool:
    """True for a history cue a negation stands right before, at most one word between: "sem
    exame anterior", "no prior", "sin estudios previos" say there is no past to compare with."""
    m = _WORD_BEFORE.search(window, max(0, at - 30), at)
    return m is not None and c.negation.fullmatch(m.group(1)) is not None


def _when_made(cue: str, newest: str, c: Compiled) -> bool:
    """True for a history cue that only says when this exam was made: the newest year the
    document has named so far (a letter's date above it), or a past tense ("was read", "foi
    classificado"). Beside words naming this exam as the patient's ("the result of your
    mammogram of 14.06.2024 is normal") it is no past; an older year still is ("o exame de
    2023 foi classificado como BI-RADS 3")."""
    cue = cue.strip()
    year = _YEAR_CUE.fullmatch(cue)
    if year:
        return year.group(1) == newest
    return c.past_tense.fullmatch(cue) is not None


def _past_opening(text: str, s: Sentence, start: int, end: int, c: Compiled) -> bool:
    """True when a sentence opens with a clause about the past in words and nothing between it
    and the value speaks of this exam: "Представлены маммограммы от 01.04.2024 (сторонняя
    клиника), заключение: BI-RADS 3 справа", "Outside study: ..., reported as BI-RADS 4A"."""
    opening = text[s.start : start].lstrip(" \t-•*")
    if s.addendum or s.scope_side is not None or c.side_label.match(opening):
        return False  # "Nachtrag: Nach Eingang der Voraufnahmen ..., somit BI-RADS 2 links"
    first = clause_end(text, s.start, start, _side_breaks(c))
    if first >= start or c.current.search(text, first, start):
        return False
    if c.revision.search(text[first:start]):
        return False  # "Après comparaison avec les clichés antérieurs, ... est modifiée en ACR 3"
    return _past_words(text[s.start : first], c, six=text[start:end].rstrip()[-1:] == "6")


def _past_words(window: str, c: Compiled, *, six: bool = False) -> bool:
    """True when the last word about the past in ``window`` comes after any about this exam;
    a date alone is no such word (it may be this exam's own), nor is "known" before a 6."""
    last_history = max(
        (
            m.end()
            for m in c.history.finditer(window)
            if not _YEAR.search(m.group()) and not (six and c.known.fullmatch(m.group()))
        ),
        default=-1,
    )
    last_current = max((m.end() for m in c.current.finditer(window)), default=-1)
    return last_history > last_current


def _past_lead(text: str, s: Sentence, opened: int, c: Compiled) -> bool:
    """True when the clause an aside opens in speaks of the past in words ("Vergelijking met
    mammografie 2024 (BI-RADS 2)", "prior study (BI-RADS 3)"). A date alone is no such word:
    "Ihre Mammographie vom 03.03.2026 ... (BI-RADS 1)" may be this exam's own date."""
    return _past_words(text[clause_start(text, s.start, opened, _side_breaks(c)) : opened], c)


def _under_history_label(text: str, s: Sentence, start: int, c: Compiled) -> bool:
    """True when the last section label earlier in the sentence names the past.

    Text flattened from a PDF runs labels into one sentence: "... 60 ans Indication : foyer
    classé ACR 4 (BI-RADS 4B)." is the indication's value, whatever the sentence began with.
    """
    named: list[str] = []
    for m in _LABEL_BETWEEN.finditer(text, s.start, start):
        words = m.group(1).split()
        tails = [" ".join(words[i:]) for i in range(len(words)) if i == 0 or words[i][0].isupper()]
        kind = next((k for k in map(lambda t: section_kind(c, t), tails) if k), None)
        if kind is not None:
            named.append(kind)
    return bool(named) and named[-1] == "history" and s.section != "history"


def hypothetical(text: str, s: Sentence, start: int, c: Compiled) -> bool:
    """True when the mention sits in a condition ("if ..., BI-RADS 0", "any BI-RADS 4 lesion")."""
    lead = len(text[s.start : start]) - len(text[s.start : start].lstrip())
    if c.hypothetical.match(text, s.start + lead, start):
        return True  # "If it grows, it will be BI-RADS 4": the whole sentence is a condition
    cs = clause_start(text, s.start, start, _side_breaks(c))
    if c.hypothetical.search(text, cs, start) is not None:
        return True
    strong = clause_start(text, s.start, start, c.clause_break)
    if strong > s.start:  # "...; if resolved, BI-RADS 1": a clause that opens with a condition
        opening = len(text[strong:start]) - len(text[strong:start].lstrip())
        if c.hypothetical.match(text, strong + opening, start):
            return True
    if cs == s.start and _hypothetical_before(text, s, c):
        return True
    wrapped = wrapped_lead(text, s, start, c) if cs == s.start else ""
    # "Caso haja crescimento, deverá ser reclassificado como\nBI-RADS 4.": a hard-wrapped
    # sentence that opened with a condition on the line before
    return bool(wrapped) and (
        c.hypothetical.match(wrapped.lstrip()) is not None
        or c.hypothetical.search(re.split(_side_breaks(c).pattern, wrapped, flags=re.I)[-1])
        is not None
    )


_PHRASE_END = re.compile(r"[.!?](?:\s|$)|\n[ \t]*\n")


def _hypothetical_before(text: str, s: Sentence, c: Compiled) -> bool:
    """True when the phrase a sentence continues, over several hard-wrapped lines, opened with
    a condition: "W przypadku powiększenia ... należałoby ją zakwalifikować do\nkategorii\n
    BI-RADS 4"."""
    lower = max(0, s.start - 300)
    ends = [m.end() for m in _PHRASE_END.finditer(text, lower, s.start)]
    back = text[ends[-1] if ends else lower : s.start]
    if "\n" not in back.strip(" \t") or not back.strip():
        return False
    if c.hypothetical.match(back.lstrip()):
        return True  # "Caso haja crescimento ..., a lesão\ndeverá ser recategorizada como\n..."
    last = re.split(_side_breaks(c).pattern, back, flags=re.I)[-1]
    return c.hypothetical.search(last) is not None


def accept(text: str, s: Sentence, start: int, end: int, c: Compiled) -> bool:
    """True when a value at [start, end) is stated for this exam: not negated, past or hypothetical."""
    listed = c.words.listed_value.search(text, max(s.start, start - 30), start) is not None
    return not (
        negated(text, s, start, c, reach=None if listed else 60)
        or historical(text, s, start, end, c)
        or hypothetical(text, s, start, c)
        or c.words.condition_after.match(text, end, s.end)
        or c.words.negated_after.match(text, end, s.end)
        or c.words.unit_after.match(text, end, s.end)
        or _QUESTIONED.match(text, end, s.end)
        or _QUERY_BEFORE.search(text, max(s.start, start - 3), start) is not None
    )


_QUESTIONED = re.compile(r"[ \t]*\?")
"""A question mark right after a value ("ACR d?", "BI-RADS 3?"): a guess, not a statement."""
_QUERY_BEFORE = re.compile(r"\?[ \t]*$")
"""A question mark right before a value ("? BI-RADS 4" in a request): a query, no statement."""
