"""Shared text engine: cut a report into sections, sentences and clauses.

The compiled language it reads with (:class:`Compiled`, ``compile_language``) lives in
:mod:`mammolog.reports.compiled` and is re-exported here.

Sections come from labels at the start of a line ("COMPARISON:", "Befund:"); a section whose
label names the past (history, indication, comparison) is never read for results; it ends at
a blank line or a new section label, or with its own line when the label is followed there by
a whole sentence ("Comparison: 2021."), since the next line then starts afresh. A line that
starts with a side label ("RIGHT BREAST:", "Links:") gives that side to what follows it until
a blank line, another side label or a new section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mammolog.reports.compiled import Compiled as Compiled
from mammolog.reports.compiled import Table as Table
from mammolog.reports.compiled import compile_language as compile_language

_FLAGS = re.IGNORECASE | re.UNICODE
_LABEL = re.compile(
    r"^[ \t]*(?:[-•*][ \t]*)?(?P<label>[^\W\d_](?:[^\n:.]|\.(?!\s)|\n(?=[ \t]*[a-zà-ÿа-я])){0,40}?)"
    r"(?:[ \t]*\([^()\n:]{1,60}\))?[ \t]*:",  # "OVERALL ASSESSMENT (mammogram and US):"
    _FLAGS,
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'»”)\]]*[ \t\r\n]+")  # also after a closing quote


@dataclass(frozen=True)
class Sentence:
    """One sentence of a report with what its position tells about it."""

    start: int
    end: int
    section: str  # "history", "legend", "current", "recommendation", "procedure", "pathology"
    label: str  # the label of the section it is in ("" when none)
    scope_side: str | None  # side given by a side label before it on its line or block
    block: int = 0  # paragraph number: blocks are separated by blank lines
    addendum: bool = False  # inside an addendum, which supersedes what came before it
    doubtful_scope: bool = False  # a later sentence of an inline side label's text (see segment)


def side_of(match: re.Match[str]) -> str:
    """The side ("R", "L", "B") named by a match of ``Compiled.side``."""
    return next(k for k in ("R", "L", "B") if match.group(k) is not None)


def section_kind(c: Compiled, label: str) -> str | None:
    """The kind of section a label opens ("history", "current", ...), None for no section."""
    return _section_kind(c, label)


def _section_kind(c: Compiled, label: str) -> str | None:
    """The kind of section a label opens; a heading run into it counts for nothing.

    "SCREENING MAMMOGRAM Comparison" (a flattened heading and label) is a comparison label:
    when the whole label names no section, its last one to three words are tried.
    """
    label = re.sub(r"[ \t]*\([^()]*\)[ \t]*$", "", " ".join(label.split()))
    undated = re.sub(r"(?<=[^\W\d_])(?:[ \t]+[^\W\d_]{1,4})?[ \t]+\d[\d./-]*$", "", label)
    if undated != label and _whole_label_kind(c, undated) == "history":
        return "history"  # "Prior mammogram 2025", "Mammographie précédente du 12/03/2024"
    inner = re.sub(r"(?<=[^\W\d_])[ \t]+\d[\d./-]*(?=[ \t]+[^\W\d_])", "", label)
    if inner != label and _whole_label_kind(c, inner) == "history":
        return "history"  # "Prior 10/2025 exam"
    kind = _whole_label_kind(c, label)
    words = label.split()
    for size in (3, 2, 1):
        if kind is not None or len(words) <= size:
            break
        tail = " ".join(words[-size:])
        if len(words) <= 3 or (tail[:1].isupper() and not tail.isupper()):
            kind = _whole_label_kind(c, tail)
    return kind


def _whole_label_kind(c: Compiled, label: str) -> str | None:
    if c.addendum_sections.match(label):
        return "addendum"
    if c.legend_sections.match(label):
        return "legend"
    if c.history_sections.match(label):
        return "history"
    if c.recommendation_sections.match(label):
        return "recommendation"
    if c.pathology_sections.match(label):
        return "pathology"
    if c.procedure_sections.match(label):
        return "procedure"
    if c.current_sections.match(label):
        return "current"
    if re.search(r"\d", label) is None and (
        re.search(r"bi-?rads", label, re.I) or c.density_context.search(label)
    ):
        return "current"  # "BI-RADS ASSESSMENT", "Breast density": a heading of results
    return None


def _continues(prev: str, line: str) -> bool:
    """True when `line` (starting in lower case or with a bracket) continues `prev`."""
    prev, line = prev.rstrip(), line.strip()
    return bool(
        prev and line and prev[-1] not in ".!?:;" and (line[0].islower() or line[0] in "(,;")
    )


def _logical_lines(text: str) -> list[tuple[int, int]]:
    """Line spans, joining a line to the one before when it continues it (see _continues)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        start, end = pos, pos + len(raw.rstrip("\r\n"))
        pos += len(raw)
        if spans and _continues(text[spans[-1][0] : spans[-1][1]], raw):
            spans[-1] = (spans[-1][0], end)
            continue
        spans.append((start, end))
    return spans


def _split_sentences(text: str, start: int, end: int, c: Compiled) -> list[tuple[int, int]]:
    """Sentence spans of one line; "Dr." and an initial "J." end none, "density B." does."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    for m in _SENTENCE_END.finditer(text, start, end):
        before = text[cursor : m.start()].split()
        word = before[-1].lower().rstrip(".") if before else ""
        initial = len(word) == 1 and word.isalpha()
        if initial:  # a density or category letter ends its sentence: "Densité : type B."
            letter_at = m.start() - len(before[-1].rstrip("."))
            initial = (
                c.words.letter_marker.search(text, max(cursor, letter_at - 40), letter_at) is None
            )
        label = _LABEL.match(text[m.end() : end])
        starts_section = label is not None and _section_kind(c, label.group("label")) is not None
        if m.group().startswith(".") and (word in c.language.abbreviations or initial):
            if not starts_section:  # "15 мм. Заключение: ..." ends a sentence all the same
                continue
        if text[cursor : m.start()].strip():
            pieces.append((cursor, m.start() + len(m.group().rstrip())))
        cursor = m.end()
    if text[cursor:end].strip():
        pieces.append((cursor, end))
    return pieces


_ADDENDUM_LEAD = re.compile(r"[ \t]*[*#=\-–•]*[ \t]*")
_ADDENDUM_AFTER = re.compile(r"[ \t]*(?:$|[:(*\-–—]|\d)")


def _opens_addendum(line: str, c: Compiled) -> bool:
    """True for a line opening an addendum with its date or author before any label colon.

    "*** ADDENDUM 07/16/2026 ***", "ADDENDUM du 15/07/2026 (après réception des clichés) :",
    "ДОПОЛНЕНИЕ от 05.08.2026 (...): ...": the word in capitals, or followed by a date, a
    bracket or a colon.
    """
    lead = _ADDENDUM_LEAD.match(line)
    rest = line[lead.end() if lead else 0 :]
    m = c.addendum_sections.match(rest)
    if m is None:
        return False
    return m.group().isupper() or _ADDENDUM_AFTER.match(rest, m.end()) is not None


def _ends_sentence(rest: str) -> bool:
    """True when `rest` (what follows a label on its line) is text that ends a sentence."""
    rest = rest.strip()
    return len(rest) > 1 and rest[-1] in ".!?"


_INNER_LABEL = re.compile(r"(?<![\w'])([^\W\d_]{2,}(?:[ \t]+[^\W\d_]{2,}){0,2})[ \t]*:(?!\S)")


def _label_inside(text: str, start: int, end: int, c: Compiled) -> bool:
    """True when a section or assessment label stands inside a sentence, past its start.

    Text flattened from a PDF runs a side block into the sections after it ("Linke Mamma:
    Verkalkungen. ... Seite 1 von 2 BEURTEILUNG: BI-RADS 3"): the side ends there.
    """
    for m in _INNER_LABEL.finditer(text, start, end):
        name = m.group(1)
        if c.side_label.match(name):
            continue
        if _section_kind(c, name) is not None or c.assessment_labels.fullmatch(name):
            return True
    return False


_FULL_RULE = re.compile(r"[ \t]*(?:[-_=*~–—][ \t]?){10,}[ \t]*")
"""A line of rule marks alone, the width of a page part."""
_RULE_HEADING = re.compile(
    r"[ \t]*(?:[=*#~_]{3,}|-{3,}|[–—]{2,})[ \t]*(?P<inner>[^=*#~_\n–—-][^=*#~_\n]*?)"
    r"[ \t]*(?:(?:[=*#~_]{2,}|-{2,}|[–—]{2,}).*)?$"
)
"""A heading between rule marks ("=== EXAME ANTERIOR (para referência) ==="): on a page
holding several exams, it names the exam below it."""
_LIST_ITEM = re.compile(r"[ \t]*(?:[-–•*]|\d{1,2}[.)]|[a-z]\))[ \t]+\S")
"""A line that is an item of a list ("- ...", "2) ...", "b) ...")."""


def _last_inner_section(
    text: str, start: int, end: int, c: Compiled
) -> tuple[str, str, int] | None:
    """The last section label standing inside a sentence, past its start: kind, name, place."""
    found: tuple[str, str, int] | None = None
    for m in _INNER_LABEL.finditer(text, start, end):
        words = m.group(1).split()
        for i in range(len(words)):  # "Dr E. DROUET Antécédents :": the label is the last words
            name = " ".join(words[i:])
            kind = None if c.side_label.match(name) else _section_kind(c, name)
            if kind is not None and kind != "addendum":
                found = (kind, name, m.start())
                break
    return found


def open_bracket(text: str, start: int, pos: int) -> int:
    """Where the bracket that is still open at ``pos`` opened, after ``start``; -1 if none."""
    opened = text.rfind("(", start, pos)
    return opened if opened > text.rfind(")", start, pos) else -1


def _names_other(line: str, scope: str, c: Compiled) -> bool:
    """True when a line names a breast other than ``scope`` (both breasts do not count)."""
    return any(side_of(m) not in (scope, "B") for m in c.side.finditer(line))


def segment(text: str, c: Compiled) -> list[Sentence]:
    """Cut a report into sentences that know their section and the side they are under.

    An addendum label starts an addendum that runs to the end of the document; a legend
    section ("Key:", "BI-RADS categories:") is kept apart like a history section.
    """
    sentences: list[Sentence] = []
    section, label, scope = "current", "", None
    block, addendum, blank_before = 0, False, False
    addendum_said, opened_at = False, -1  # the addendum has text below its opening line
    prior_block = False  # under "=== PRIOR EXAM ===": an earlier exam, up to the next such heading
    heading_scope = False  # the side came from a line of its own ("Right breast:")
    inline_scope = False  # the side came from a label with text after it ("Left breast: ...")
    lines = _logical_lines(text)
    for index, (line_start, line_end) in enumerate(lines):
        line = text[line_start:line_end]
        list_item = _LIST_ITEM.match(line) is not None
        if not list_item:
            heading_scope = False
        if addendum and addendum_said and _FULL_RULE.fullmatch(line):
            # "Addendum: ... withdrawn.\n-----------\nExam: ...": the report it amended below
            addendum, addendum_said, section, label = False, False, "current", ""
        rule = _RULE_HEADING.match(line)
        if rule is not None:
            inner = rule.group("inner").strip()
            prior_block = _section_kind(c, inner) == "history" and not (
                c.original_sections.match(inner) or c.addendum_sections.match(inner)
            )  # "--- Original report ---" is what an addendum amended (see structure)
            if prior_block:
                section, label, scope = "history", inner, None
        if not line.strip():
            if section in ("history", "legend") and not prior_block:
                section, label = "current", ""
            scope = None
            blank_before = True
            continue
        if blank_before:
            block, blank_before = block + 1, False
        scope_from = line_start
        closes_history = False
        opening_side = c.side.match(line, len(line) - len(line.lstrip(" \t-•*")))
        if opening_side is not None and side_of(opening_side) != scope:
            scope = None  # "Mama izquierda, CSE, 11 h, ...": a line naming another breast
        elif scope is not None and not heading_scope and _names_other(line, scope, c):
            scope = None  # "Mama izquierda: mastectomía.\nSin hallazgos en la mama derecha."
        m = _LABEL.match(line)
        kind: str | None = None
        heading_like = (
            line.strip().isupper()
            or c.anchor.fullmatch(line.strip().rstrip(":"))
            or c.side_label.fullmatch(line.strip())
        )
        if m is None and len(line.strip()) <= 40 and heading_like:
            heading = line.strip()
            kind = _section_kind(c, heading)
            if c.side_label.match(heading):
                scope = side_of(c.side.search(heading))  # type: ignore[arg-type]
                heading_scope, inline_scope = True, False
            elif kind is not None:
                section, label, scope = kind, heading, None
            elif c.words.final_start.search(heading):
                label, scope = heading, None  # "COMBINED FINAL ASSESSMENT" over the side lines
        elif m is not None:
            name = " ".join(m.group("label").split())
            kind = _section_kind(c, name)
            if c.side_label.match(name):
                scope = side_of(c.side.search(name))  # type: ignore[arg-type]
                heading_scope = not line[m.end() :].strip()
                inline_scope = not heading_scope
            elif list_item and heading_scope and _section_kind(c, name) is None:
                pass  # "Right breast:" then "- 10 o'clock: mass ...": items under the side
            else:
                scope = None  # any other label ends the side block above it
                if kind is None and c.words.final_start.match(name):
                    label = name  # "GESAMTBEURTEILUNG (Mammographie + Sonographie):"
                if kind is not None:
                    section, label = kind, name
                    # "Comparison: 2021." says all it has on its line: what follows is current
                    closes_history = kind == "history" and _ends_sentence(line[m.end() :])
                    rest = _LABEL.match(text[line_start + m.end() : line_end])
                    if rest and c.side_label.match(" ".join(rest.group("label").split())):
                        scope = side_of(c.side.search(rest.group("label")))  # type: ignore[arg-type]
                        inline_scope = True
        if kind is None and _opens_addendum(line, c):
            kind = "addendum"
        elif (addendum or opened_at >= 0) and c.original_sections.match(line.lstrip(" \t*#=-–—•")):
            addendum, section, label = False, "current", ""  # "ORIGINAL REPORT (12.11.2026):"
        if kind == "addendum":
            addendum, section = True, "current"
            opened_at = index
        pieces = _split_sentences(text, line_start, line_end, c)
        for s_start, s_end in pieces:
            lead = _LABEL.match(text[s_start:s_end])
            if lead and s_start > line_start:
                name = " ".join(lead.group("label").split())
                if c.side_label.match(name):
                    scope = side_of(c.side.search(name))  # type: ignore[arg-type]
                    inline_scope = True
                elif (
                    _section_kind(c, name) is not None
                    or c.density_context.search(name)
                    or c.assessment_labels.search(name)
                ):
                    scope = None  # "Left: BI-RADS 1. Density: B." - density is not the left's
                    kind = _section_kind(c, name)
                    if kind == "addendum":
                        addendum, section, label = True, "current", name
                        opened_at = index
                    elif kind is not None:
                        # text flattened from a PDF: "Indication: ... Conclusion: ACR 1."
                        section, label = kind, name
                        closes_history = kind == "history" and _ends_sentence(
                            text[s_start + lead.end() : s_end]
                        )
                    then = _LABEL.match(text[s_start + lead.end() : s_end])
                    if then and c.side_label.match(" ".join(then.group("label").split())):
                        scope = side_of(c.side.search(then.group("label")))  # type: ignore[arg-type]
                else:
                    scope = None  # flattened text: "Pierś lewa: ... Pacha prawa: węzeł ..."
            side = scope if s_start >= scope_from else None
            own_side = lead is not None and c.side_label.match(
                " ".join(lead.group("label").split())
            )
            if not own_side and _label_inside(
                text, s_start + (lead.end() if lead else 0), s_end, c
            ):
                scope = side = None  # flattened text: "... Seite 1 von 2 BEURTEILUNG: BI-RADS 3"
            # "Left breast: negative. BI-RADS 1.": the label's text is one sentence; whether the
            # sentence after it is still the left's or the exam's, readers of reports disagree
            doubtful = side is not None and inline_scope and not own_side
            if prior_block:
                section = "history"
            sentences.append(
                Sentence(s_start, s_end, section, label, side, block, addendum, doubtful)
            )
            addendum_said = addendum_said or (
                addendum
                and (index > opened_at or len(text[s_start:s_end].partition(":")[2].split()) > 6)
            )
            carried = _last_inner_section(text, s_start + (lead.end() if lead else 0), s_end, c)
            if carried is not None and open_bracket(text, s_start, carried[2]) < 0:
                # flattened text: "... DROUET Antécédents : ... ACR 5). En 2021, ... ACR 4" and
                # "... Data: 07.11.2026 Wskazanie: rak? (BI-RADS 4B w USG)."
                section, label, scope = carried[0], carried[1], None
        if closes_history and not _goes_on(text, lines, index):
            section, label = "current", ""
    return sentences


def _goes_on(text: str, lines: list[tuple[int, int]], index: int) -> bool:
    """True when the line after ``lines[index]`` opens in small letters: it goes on with the
    sentence its line ended ("Wywiad: ... W 2024 r.\nw piersi prawej zmiana BI-RADS 3")."""
    if index + 1 >= len(lines):
        return False
    following = text[lines[index + 1][0] : lines[index + 1][1]].lstrip()
    return following[:1].islower()


def clause_start(text: str, lower: int, pos: int, pattern: re.Pattern[str]) -> int:
    """Start of the clause holding ``pos``: just after the last break between lower and pos."""
    last = lower
    for m in pattern.finditer(text, lower, pos):
        last = m.end()
    return last


def clause_end(text: str, pos: int, upper: int, pattern: re.Pattern[str]) -> int:
    """End of the clause holding ``pos``: the next break between pos and upper."""
    m = pattern.search(text, pos, upper)
    return m.start() if m else upper
