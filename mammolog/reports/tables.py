"""Results laid out as a table: a category or density per side, read cell by cell.

Two layouts are read, with cells split by "|", tabs or runs of two or more spaces:

    Side   | Density | BI-RADS            (a column per field, a row per side)
    Right  | C       | 2
    Left   | C       | 4A

                Right    Left           (a column per side, a row per field)
    BI-RADS     2        1
    Density     B        B

A cell gives a value only when it holds nothing but that value ("4A", "BI-RADS 2", "C",
"ACR B"); its row and column must name a side and a field. The side of a row may stand in
any cell under no field ("Mammografie | Rechts | geen afwijkingen | 1"); a short row naming
the whole exam ("| OVERALL | 4C |") gives the exam's category. The header is the first row
that makes a table of the rows below it, so a letterhead with cells above it is no header.
Tables in a history or legend section are skipped; the lines of a table that was read are
not read again as sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mammolog.reports.context import Hit
from mammolog.reports.segment import Compiled, Sentence, side_of

OVERALL_ROW_NOTE = "table cell, the exam's overall row"
"""The note of the exam's category read from a table's overall row ("| OVERALL | 4C |")."""
_SPLIT = re.compile(r"[ \t]*\|[ \t]*|\t+[ \t]*|[ \t]{2,}")
_RULE = re.compile(r"^[\s|:+\-=–]*$")
_CATEGORY_CELL = re.compile(
    r"^(?:bi-?rads[ \t:]*|acr[ \t:]*)?(?P<n>[0-6])(?P<sub>[abcABC])?$", re.I
)
_DENSITY_CELL = re.compile(r"^(?:acr[ \t:\-]*|typ(?:e)?[ \t:]*)?(?P<d>[A-Da-d])$", re.I)


@dataclass(frozen=True)
class _Cell:
    text: str
    start: int
    end: int


def _cells(text: str, start: int, end: int) -> list[_Cell]:
    cells: list[_Cell] = []
    cursor = start
    line = text[start:end]
    offset = len(line) - len(line.lstrip(" \t|"))
    cursor = start + offset
    for m in _SPLIT.finditer(text, cursor, end):
        if m.start() > cursor:
            cells.append(_Cell(text[cursor : m.start()], cursor, m.start()))
        cursor = m.end()
    if cursor < end and text[cursor:end].strip(" \t|"):
        tail = text[cursor:end].rstrip(" \t|")
        cells.append(_Cell(tail, cursor, cursor + len(tail)))
    return cells


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for raw in text.splitlines(keepends=True):
        spans.append((pos, pos + len(raw.rstrip("\r\n"))))
        pos += len(raw)
    return spans


def _field_of(cell: str, c: Compiled) -> str | None:
    if re.search(r"bi-?rads", cell, re.I) or c.assessment_labels.fullmatch(cell.strip()):
        return "category"
    if c.density_context.search(cell):
        return "density"
    if c.language.acr_number_is_category and _ACR_HEADER.fullmatch(cell.strip()):
        return "category"  # "Classification ACR", "ACR": the French name of the category
    return None


_ACR_HEADER = re.compile(r"(?:[^\W\d_]+[ \t]+)?acr", re.I)


def _side_of_cell(cell: str, c: Compiled) -> str | None:
    name = re.sub(r"[ \t]*\([^()\d]{1,3}\)$", "", cell.strip().rstrip(":"))  # "Prawa (P)"
    # "pierś prawa", "mama derecha": the breast named before its side
    name = re.sub(rf"^(?:{c.language.breast_words})[ \t]+(?=\w)", "", name, flags=re.I)
    if c.side_label.match(name):
        found = c.side.search(name)
        return side_of(found) if found else None
    for side, letters in (
        ("R", c.language.side_letters_right),
        ("L", c.language.side_letters_left),
    ):
        if re.fullmatch(rf"(?:{letters})\.?", name, re.I):
            return side
    return None


def _said_in_words(raw: str, c: Compiled) -> str:
    """``raw`` without assessment words after its value that say the same ("BI-RADS 2
    Benign", "1 - negativo"); words naming another category are left, so the cell is no value."""
    m = _WORDS_AFTER.match(raw)
    if m is None:
        return raw
    words = c.category_words.matches(m.group("words"))
    if len(words) != 1 or words[0][:2] != (0, len(m.group("words"))):
        return raw
    value = m.group("value")[-2:].strip(" \t:").upper()
    slugs = words[0][2].split("|")
    return m.group("value") if value in slugs or value[:1] in slugs else raw


def _value(field: str, cell: _Cell, c: Compiled) -> tuple[str, str] | None:
    raw = cell.text.strip()
    if field == "category":
        raw = _CELL_ASIDE.sub("", raw)  # "2 (cisti note)": the value and a bracketed aside
        raw = _said_in_words(raw, c)
        m = _CATEGORY_CELL.match(raw)
        if m is None:
            return None
        sub = (m.group("sub") or "").upper()
        return m.group("n") + (sub if m.group("n") == "4" else ""), "table cell"
    m = _DENSITY_CELL.match(raw)
    return (m.group("d").lower(), "table cell") if m else None


_WORDS_AFTER = re.compile(
    r"(?P<value>(?:bi-?rads[ \t:]*|acr[ \t:]*)?[0-6][abcABC]?)[ \t]*[-–:,]?[ \t]*(?P<words>[^\W\d_][^\d|]*?)[ \t.]*$",
    re.I,
)
_CELL_ASIDE = re.compile(r"(?<=[0-6abcABC])[ \t]+\([^()]*\)$")
_NAMED_CATEGORY = re.compile(r"^bi-?rads[ \t:]*[0-6]", re.I)


def _side_rows(rows: list[list[_Cell]], c: Compiled) -> list[Hit]:
    """Rows with no header, each a side and its named value: "mama direita .... BI-RADS 4"."""
    hits: list[Hit] = []
    for row in rows:
        side = _side_of_cell(row[0].text, c)
        if side not in ("R", "L") or len(row) != 2 or not _NAMED_CATEGORY.match(row[1].text):
            return []
        found = _value("category", row[1], c)
        if found is None:
            return []
        hits.append(Hit("category", side, found[0], row[1].start, row[1].end, found[1]))
    return hits


def _read(rows: list[list[_Cell]], c: Compiled) -> tuple[list[Hit], bool]:
    """Hits of one run of table lines, and whether its header makes it a results table.

    The header is the first row that makes one: lines with cells above it (a letterhead
    "CLINIC | Private Practice | City", a "Patient ....:   DOB:" line) are no part of it.
    """
    for first in range(len(rows) - 1):
        if first and any(re.search(r"\d", cell.text) for cell in rows[first]):
            continue  # a header names columns; a row holding numbers is a row of values
        hits, is_table = _read_from(rows[first:], c)
        if is_table:
            return hits, is_table
    return [], False


def _row_side(row: list[_Cell], fields: list[str | None], c: Compiled) -> str | None:
    """The side a row is about: named in its first cell, or in the one cell under no field
    ("Mammografie | Rechts | geen afwijkingen | 1")."""
    side = _side_of_cell(row[0].text, c)
    if side is not None:
        return side
    named = [
        found
        for cell, field in zip(row, fields, strict=True)
        if field is None and (found := _side_of_cell(cell.text, c)) is not None
    ]
    return named[0] if len(named) == 1 else None


def _exam_columns(rows: list[list[_Cell]], c: Compiled) -> list[Hit]:
    """A table with a column for this exam and one for an earlier exam: the current column's
    values, each row naming its field and side ("Right breast | BI-RADS 2 | BI-RADS 1" under
    "Parameter | This exam (14/02/2025) | Prior (09/08/2024)")."""
    header, body = rows[0], rows[1:]
    width = max((len(row) for row in body), default=0)
    columns = header[1:] if len(header) == width else header if len(header) == width - 1 else []
    past = [
        bool(c.history.search(cell.text)) and not c.current.search(cell.text) for cell in columns
    ]
    if len(columns) < 2 or not any(past) or past.count(False) != 1:
        return []
    current = 1 + past.index(False)
    hits: list[Hit] = []
    for row in body:
        if len(row) != width:
            continue
        label = row[0].text
        named = c.side.search(label)
        field = _field_of(c.side.sub(" ", label), c) or ("category" if named else None)
        side = side_of(named) if named and field == "category" else None
        if field is None or (field == "category" and side not in ("R", "L")):
            continue
        found = _value(field, row[current], c)
        if found:
            cell = row[current]
            hits.append(Hit(field, side, found[0], cell.start, cell.end, found[1]))
    return hits


def _read_from(rows: list[list[_Cell]], c: Compiled) -> tuple[list[Hit], bool]:
    header, body = rows[0], rows[1:]
    side_rows = _side_rows(rows, c)
    if side_rows:
        return side_rows, True
    exams = _exam_columns(rows, c)
    if exams:
        return exams, True
    hits: list[Hit] = []
    header_sides = [_side_of_cell(cell.text, c) for cell in header]
    header_fields = [_field_of(cell.text, c) for cell in header]
    if sum(1 for side in header_sides if side) >= 2:
        for row in body:
            field = _field_of(row[0].text, c) if row else None
            if field is None:
                continue
            values = row[1:]
            sides = header_sides[1:] if len(header) == len(row) else header_sides
            if len(values) != len(sides):
                continue
            for side, cell in zip(sides, values, strict=True):
                found = _value(field, cell, c) if side in ("R", "L") else None
                if found:
                    hits.append(Hit(field, side, found[0], cell.start, cell.end, found[1]))
        return hits, True
    if any(header_fields):
        for row in body:
            # a header whose first cell (over the sides) is empty has one cell fewer
            fields = [None, *header_fields] if len(row) == len(header) + 1 else header_fields
            if not row or len(row) != len(fields):
                overall = _overall_row(row, header_fields, c)
                if overall is not None:
                    hits.append(overall)
                continue
            side = _row_side(row, fields, c)
            if side not in ("R", "L"):
                continue
            for field, cell in zip(fields, row, strict=True):
                found = _value(field, cell, c) if field else None
                if found:
                    hits.append(Hit(field or "", side, found[0], cell.start, cell.end, found[1]))
        return hits, bool(hits)
    return [], False


def _overall_row(row: list[_Cell], fields: list[str | None], c: Compiled) -> Hit | None:
    """The exam's category from a short row naming the whole exam under a table whose last
    column is the category: "| OVERALL | 4C |"."""
    if len(row) != 2 or not fields or fields[-1] != "category":
        return None
    name = row[0].text.strip()
    if not (c.words.overall.fullmatch(name) or c.words.final_start.fullmatch(name)):
        return None
    found = _value("category", row[1], c)
    if found is None:
        return None
    return Hit("category", None, found[0], row[1].start, row[1].end, OVERALL_ROW_NOTE)


def table_values(
    text: str, sentences: list[Sentence], c: Compiled
) -> tuple[list[Hit], list[tuple[int, int]]]:
    """Category and density hits read from tables, and the spans of the tables read."""
    skipped = [(s.start, s.end) for s in sentences if s.section in ("history", "legend")]
    hits: list[Hit] = []
    covered: list[tuple[int, int]] = []
    run: list[list[_Cell]] = []
    run_span: list[tuple[int, int]] = []

    def flush() -> None:
        if len(run) >= 2 and not any(a <= run_span[0][0] < b for a, b in skipped):
            found, is_table = _read(run, c)
            if is_table and found:
                hits.extend(found)
                covered.append((run_span[0][0], run_span[-1][1]))
        run.clear()
        run_span.clear()

    lines = _lines(text)
    for i, (start, end) in enumerate(lines):
        line = text[start:end]
        if _RULE.match(line) and line.strip():
            continue
        cells = _cells(text, start, end)
        if len(cells) < 2 and run and line.lstrip().startswith("|") and line.count("|") >= 3:
            continue  # "|        |     | circoscritti |": a cell's text wrapped onto a new line
        if len(cells) < 2 and line.strip() and run and _pipe_row_follows(text, run_span, lines, i):
            continue  # "rechts | 2 | B | Lymphknoten,\nFettzentrum\nlinks | 1 | B | ...": wrapped
        if len(cells) >= 2:
            run.append(cells)
            run_span.append((start, end))
        else:
            flush()
    flush()
    return _exam_density(hits), covered


def _pipe_row_follows(
    text: str, run_span: list[tuple[int, int]], lines: list[tuple[int, int]], i: int
) -> bool:
    """True when a line without cells sits between two rows of a table split by pipes."""
    last_start, last_end = run_span[-1]
    if "|" not in text[last_start:last_end]:
        return False
    for start, end in lines[i + 1 : i + 3]:
        line = text[start:end]
        if _RULE.match(line) and line.strip():
            continue
        return "|" in line and len(_cells(text, start, end)) >= 2
    return False


def _exam_density(hits: list[Hit]) -> list[Hit]:
    """The same density in the right and left rows is the exam's density (side None)."""
    densities = {h.side: h for h in hits if h.field == "density"}
    right, left = densities.get("R"), densities.get("L")
    if right is None or left is None or right.value != left.value:
        return hits
    others = [h for h in hits if h.field != "density"]
    return others + [Hit("density", None, right.value, right.start, right.end, right.note)]
