"""Entry points: read proposals from report text or from a structured report.

``extract_from_text`` runs the shared rules with one language's words; ``extract_from_sr``
takes the coded values of an SR and runs the text rules on its narrative. Both return an
:class:`ExtractionResult` whose proposals quote the exact span they came from. Values of one
field that disagree within a document (two right-side categories; an overall category that
is not the worse side) are reported as conflicts and not proposed. A different density for
each breast is proposed per side; an exam density beside another side density is a conflict.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import replace

from pydicom.dataset import Dataset

from mammolog.dicom.sr import SRDocument, SRReadError, read_sr
from mammolog.reports.categories import categories_and_density
from mammolog.reports.context import Hit
from mammolog.reports.density import drop_not_density
from mammolog.reports.descriptors import descriptors
from mammolog.reports.lang import detect_language, get_language
from mammolog.reports.model import (
    SINGLE_VALUED_FIELDS,
    Conflict,
    ExtractionResult,
    Proposal,
    ReportError,
    ReportTextError,
    SourceKind,
)
from mammolog.reports.normalise import normalise
from mammolog.reports.pdf_text import ENCAPSULATED_PDF, document_text, encapsulated_pdf_text
from mammolog.reports.review import outside_quotes
from mammolog.reports.segment import Compiled, compile_language, segment, side_of
from mammolog.reports.structure import DOUBTFUL_SIDE, FINAL_NOTE, MODALITY_NOTE
from mammolog.reports.tables import OVERALL_ROW_NOTE, table_values

_WORRY = ("1", "2", "0", "3", "4", "4A", "4B", "4C", "5")
"""Categories from least to most worrying; 6 stands on its own."""


def _proposals(
    text: str, hits: list[Hit], language: str, source_kind: SourceKind
) -> list[Proposal]:
    seen: set[tuple[str, str | None, str]] = set()
    out: list[Proposal] = []
    for h in sorted(hits, key=lambda h: (h.start, h.end)):
        key = (h.field, h.side, h.value)
        if key in seen:
            continue
        seen.add(key)
        quote = text[h.start : h.end]
        out.append(
            Proposal(h.field, h.side, h.value, h.start, h.end, quote, language, h.note, source_kind)
        )
    return out


def _same(a: str, b: str) -> bool:
    return a == b or (a[0] == "4" and b[0] == "4" and "4" in (a, b))


def _category_conflict(props: list[Proposal]) -> str | None:
    by_side: dict[str | None, set[str]] = defaultdict(set)
    for p in props:
        for side in ("R", "L") if p.side == "B" else (p.side,):
            by_side[side].add(p.value)
    for side, values in by_side.items():
        if len(values) > 1:
            where = {"R": "right", "L": "left", None: "overall"}[side]
            return f"different {where} categories: {', '.join(sorted(values))}"
    overall = next(iter(by_side.get(None, set())), None)
    sides = [next(iter(by_side[s])) for s in ("R", "L") if by_side.get(s)]
    if overall is None or not sides:
        return None
    stated = any(p.side is None and p.confidence == FINAL_NOTE for p in props)
    both_known = (
        len(sides) == 2
        and "6" not in (overall, *sides)
        and _same(overall, max(sides, key=_WORRY.index))
    )
    if not stated and not both_known and any(not _same(overall, side) for side in sides):
        # "Impression: BI-RADS 3 ... Left: BI-RADS 1": the 3 may be the right breast's, or a
        # value whose negation was lost; an unsided value that is not stated as the overall
        # one stands beside side values only as the worse of two known sides
        return f"category {overall} without a side beside different side categories"
    if "6" in sides or overall == "6":
        return None
    worst = max(sides, key=_WORRY.index)
    if len(sides) == 2 and not _same(overall, worst):
        return f"overall category {overall} is not the worse side ({worst})"
    if _WORRY.index(overall) < _WORRY.index(worst) and not _same(overall, worst):
        return f"overall category {overall} is less than a side's ({worst})"
    return None


def _density_conflict(props: list[Proposal]) -> str | None:
    """Densities that disagree: two for one breast, or an exam density beside other sides.

    A different density for the right and the left breast is no conflict: both are proposed,
    each with its side ("Right: scattered fibroglandular densities. Left: heterogeneously
    dense"). An exam density (no side) stands beside side densities only when all agree.
    """
    by_side: dict[str | None, set[str]] = defaultdict(set)
    for p in props:
        by_side[None if p.side == "B" else p.side].add(p.value)
    values = set().union(*by_side.values())
    if len(values) < 2:
        return None
    if any(len(v) > 1 for v in by_side.values()) or None in by_side:
        return f"different values: {', '.join(sorted(values))}"
    return None


def _exam_density_only(props: list[Proposal]) -> list[Proposal]:
    """An exam density and the same density for one breast is the exam's density alone."""
    if len({p.value for p in props}) == 1 and any(p.side is None for p in props):
        return [p for p in props if p.side is None]
    return props


def _doubtful_conflict(props: list[Proposal]) -> str | None:
    """Categories whose side is in doubt (see structure.DOUBTFUL_SIDE) are left out; beside an
    exam category of another value nothing is proposed, as either could be the exam's."""
    doubtful = {p.value for p in props if p.side == DOUBTFUL_SIDE}
    overall = {p.value for p in props if p.side is None}
    if doubtful and overall and len(doubtful | overall) > 1:
        values = ", ".join(sorted(doubtful | overall))
        return f"categories {values} under a breast's label or for the whole exam: side unclear"
    return None


def _drop_restated_overall(props: list[Proposal]) -> list[Proposal]:
    """An exam category beside the same value stated for both breasts is that value: "Mammografia:
    BI-RADS 2. Conclusioni: BI-RADS 2 bilaterale" is both breasts' 2."""
    both = {p.value for p in props if p.side == "B"}
    return [p for p in props if not (p.side is None and p.value in both)]


def _drop_unrefined_four(props: list[Proposal]) -> list[Proposal]:
    """ "Suspicious - BI-RADS 4B": a plain 4 beside 4A/4B/4C for the same side is the same."""
    refined = {p.side for p in props if p.value in ("4A", "4B", "4C")}
    return [p for p in props if not (p.value == "4" and p.side in refined)]


def _resolve(proposals: list[Proposal]) -> tuple[list[Proposal], list[Conflict]]:
    kept: list[Proposal] = []
    conflicts: list[Conflict] = []
    groups: dict[tuple[str, str], list[Proposal]] = defaultdict(list)
    for p in proposals:
        if p.field in SINGLE_VALUED_FIELDS:
            groups[(p.field, p.source_kind)].append(p)
        else:
            kept.append(p)
    for (field, _), props in groups.items():
        if field == "category":
            props = _drop_restated_overall(_drop_unrefined_four(props))
        if field == "density":
            props = _exam_density_only(props)
        if field == "category":
            reason = _doubtful_conflict(props)
            if reason is not None:  # the doubtful values are listed without a side
                props = [replace(p, side=None) if p.side == DOUBTFUL_SIDE else p for p in props]
            props = [p for p in props if p.side != DOUBTFUL_SIDE]
            reason = reason or _category_conflict(props)
        elif field == "density":
            reason = _density_conflict(props)
        else:
            values = {p.value for p in props}
            reason = f"different values: {', '.join(sorted(values))}" if len(values) > 1 else None
        if reason is None:
            kept += props
            continue
        sides = {p.side for p in props}
        values_t = tuple(sorted({p.value for p in props}))
        side = sides.pop() if len(sides) == 1 else None
        conflicts.append(Conflict(field, side, values_t, tuple(props), reason))
    kept.sort(key=lambda p: (p.start, p.end, p.field))
    return kept, conflicts


def breast_of_lesions(hits: list[Hit]) -> list[Hit]:
    """One breast's several lesion categories give the breast the most worrying one, when the
    report restates it: "Right breast, 11:00 mass: BI-RADS 4C. Right breast, 8:00 cyst: BI-RADS
    2. Right breast assessment: BI-RADS 4C." is a right 4C; so is one whose only exam category,
    stated as the overall or final one, is that value ("... Left breast: BI-RADS 1. OVERALL
    ASSESSMENT: BI-RADS 4C"). Otherwise the values stay apart and conflict (nothing is
    proposed); a 6 is never merged."""
    out = list(hits)
    exam = {h.value for h in hits if h.field == "category" and h.side is None}
    stated = any(
        h.field == "category" and h.side is None and h.note in (FINAL_NOTE, OVERALL_ROW_NOTE)
        for h in hits
    )
    for side in ("R", "L"):
        mine = [h for h in hits if h.field == "category" and h.side == side]
        values = {h.value for h in mine}
        if len(values) < 2 or "6" in values:
            continue
        worst = max(values, key=_WORRY.index)
        restated = sum(1 for h in mine if h.value == worst) >= 2
        # an overall value read with a side ("Lt: BI-RADS 2 OVERALL ASSESSMENT: BI-RADS 4B"
        # run into one line) is no lesion of that breast
        lesions = not any(h.note == FINAL_NOTE for h in mine)
        if restated or (stated and lesions and len(exam) == 1 and _same(next(iter(exam)), worst)):
            out = [h for h in out if h not in mine or _same(h.value, worst)]
    return out


def one_breast_exam_density(text: str, hits: list[Hit], c: Compiled) -> list[Hit]:
    """The density of a one-breast exam is the exam's: a density given for the breast a report
    calls its one breast ("UNILATERAL RIGHT (s/p LEFT MASTECTOMY)"), or for the left breast in a
    report that never names the right and names the left beside an imaging word ("left
    diagnostic mammogram"), has no side. Elsewhere one breast's density stays that breast's."""
    sides = {h.side for h in hits if h.field == "density"}
    if len(sides) != 1 or not sides & {"R", "L"}:
        return hits
    side = next(iter(sides))
    one_side = re.compile(rf"(?:{c.language.one_side_words})\W+", re.I)
    for line in text.splitlines():  # "MAMMOGRAM SCREENING UNILATERAL RIGHT (s/p LEFT ...)"
        named = one_side.search(line)
        first = c.side.match(line, named.end()) if named else None
        if first is not None:
            return _without_side(hits) if side_of(first) == side else hits
    other = "L" if side == "R" else "R"
    if _breast_removed(text, other, c):
        return _without_side(hits)  # "Mammographie rechts (Z. n. Mastektomie links 2018)"
    side_words = list(c.side.finditer(text))
    if any(side_of(m) in (other, "B") for m in side_words):
        return hits
    modality = re.compile(rf"(?:{c.language.modality_words})", re.I)
    titled = any(  # "LEFT DIAGNOSTIC MAMMOGRAM", "tomosynthesis views of the left"
        modality.search(text, max(0, m.start() - 40), m.end() + 40) for m in side_words
    )
    return _without_side(hits) if titled else hits


def pathology_report(text: str, c: Compiled) -> bool:
    """True when one of a document's first lines titles it a pathology report ("SERVICIO DE
    ANATOMÍA PATOLÓGICA", "LAUDO ANATOMOPATOLÓGICO"): its BI-RADS values are the request's."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:4]
    # a title may be wrapped over two lines ("LABORATOIRE D'ANATOMIE ET DE CYTOLOGIE\nPATHOLOGIQUES")
    return any(c.words.pathology_title.match(" ".join(lines[i:])) for i in range(len(lines)))


def request_document(text: str, c: Compiled) -> bool:
    """True when a document's title names it a request or a referral ("Pedido de exame",
    "REFERRAL TO BREAST SURGERY CLINIC"), a tumour board's minutes or a discharge letter: the
    values it quotes are the request's details or exams made before it.

    The title is the first line, a part of it after a dash ("CENTRE ... - RÉUNION DE
    CONCERTATION PLURIDISCIPLINAIRE SEIN"), or one of the next two lines when written in
    capitals under a letterhead ("HOSPITAL CLÍNIC ...\nINFORME DE ALTA HOSPITALARIA"). A
    letter in which a doctor refers the patient ("I would be grateful if you could see
    Mrs K.") is a referral too.
    """
    if c.referral.search(text):
        return True  # "Graag verwijs ik bovengenoemde patiënte naar uw mammapoli."
    lines = [line for line in text.splitlines() if line.strip()][:3]
    for i, line in enumerate(lines):
        if i and any(ch.islower() for ch in line):
            continue
        parts = [line, *(line[m.end() :] for m in _TITLE_PART.finditer(line))]
        if any(c.words.request_title.match(part) for part in parts):
            return True
    return False


_TITLE_PART = re.compile(r"[ \t][-–|][ \t]")


def _breast_removed(text: str, side: str, c: Compiled) -> bool:
    """True when the report says the breast on ``side`` was taken away: the side word nearest
    to a mastectomy word on its line, within a few words, is that side ("mastectomia esquerda",
    "Mama izquierda: mastectomía")."""
    for m in c.words.removed_breast.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        lo, hi = max(line_start, m.start() - 40), min(line_end, m.end() + 40)
        near = [
            (min(abs(w.end() - m.start()), abs(w.start() - m.end())), side_of(w))
            for w in c.side.finditer(text, lo, hi)
        ]
        if near and min(near)[1] == side:
            return True
    return False


def _without_side(hits: list[Hit]) -> list[Hit]:
    """The hits with every density's side taken off (the exam's density)."""
    return [replace(h, side=None) if h.field == "density" else h for h in hits]


def _text_hits(text: str, code: str) -> list[Hit]:
    """Hits over the normalised text, with spans mapped back to the original characters."""
    compiled = compile_language(get_language(code))
    norm = normalise(text, compiled.words.value_anchor, compiled.words.letter_marker, compiled.side)
    sentences = segment(norm.text, compiled)
    table_hits, tables = table_values(norm.text, sentences, compiled)
    # A table read cell by cell gives its values; a density line beside its rows ("Density
    # C" under a table of findings) is read as text when the table gave no density.
    table_density = any(h.field == "density" for h in table_hits)
    hits = [
        h
        for h in categories_and_density(norm.text, sentences, compiled)
        if not any(a <= h.start < b for a, b in tables)
        or (h.field == "density" and h.side is None and not table_density)
    ]
    hits = outside_quotes(norm.text, hits + table_hits, compiled)
    hits = breast_of_lesions(drop_not_density(norm.text, sentences, hits, compiled))
    if pathology_report(norm.text, compiled) or request_document(norm.text, compiled):
        hits = [h for h in hits if h.field not in ("category", "density")]
    if any(h.note == FINAL_NOTE for h in hits):
        # A combined/final assessment supersedes the per-modality ones beside it.
        hits = [h for h in hits if h.note != MODALITY_NOTE]
    hits = one_breast_exam_density(norm.text, hits, compiled)
    hits += descriptors(norm.text, sentences, compiled)
    mapped: list[Hit] = []
    for h in hits:
        start, end = norm.span(h.start, h.end)
        mapped.append(Hit(h.field, h.side, h.value, start, end, h.note))
    return mapped


def extract_from_text(
    text: str, *, language: str | None = None, source_kind: SourceKind = "radiologist"
) -> ExtractionResult:
    """Read proposals from report text; the language is detected when not given.

    Raises :class:`ReportError` for an unknown language code.
    """
    if not isinstance(text, str):
        raise ReportError("report text must be a string")
    code = language or detect_language(text)
    try:
        hits = _text_hits(text, code)
    except KeyError as exc:
        raise ReportError(str(exc.args[0])) from None
    proposals, conflicts = _resolve(_proposals(text, hits, code, source_kind))
    return ExtractionResult(text, code, tuple(proposals), tuple(conflicts))


def extraction_from_document(doc: SRDocument, *, language: str | None = None) -> ExtractionResult:
    """Proposals from an already read SR: its coded items plus rules over its narrative."""
    if doc.kind == "dose":
        return ExtractionResult("", "", notes=("radiation dose report: holds no results",))
    narrative = doc.narrative_text
    code = language or detect_language(narrative or doc.text)
    hits = [Hit(i.field, i.side, i.value, i.start, i.end, i.note) for i in doc.items]
    if narrative:
        try:
            text_hits = _text_hits(doc.text, code)
        except KeyError as exc:
            raise ReportError(str(exc.args[0])) from None
        hits += [h for h in text_hits if any(a <= h.start and h.end <= b for a, b in doc.narrative)]
    notes = list(doc.problems)
    if doc.kind == "cad":
        notes.insert(0, "Mammography CAD SR: machine output, not the radiologist's assessment")
    proposals, conflicts = _resolve(_proposals(doc.text, hits, code, doc.source_kind))
    return ExtractionResult(doc.text, code, tuple(proposals), tuple(conflicts), tuple(notes))


def extract_from_sr(
    dataset: Dataset | str | os.PathLike[str], *, language: str | None = None
) -> ExtractionResult:
    """Read proposals from a structured report (pydicom Dataset or file path).

    Raises :class:`ReportError` when the file cannot be read as DICOM at all.
    """
    try:
        doc = read_sr(dataset)
    except SRReadError as exc:
        raise ReportError(str(exc)) from exc
    return extraction_from_document(doc, language=language)


def extract_from_file(
    path: str | os.PathLike[str], *, language: str | None = None
) -> ExtractionResult:
    """Read proposals from any report file: DICOM SR, Encapsulated PDF, PDF, HTML or text.

    Raises :class:`ReportError` (or its :class:`ReportTextError`) with a plain reason when the
    file cannot be read.
    """
    import pydicom

    try:
        with open(path, "rb") as handle:
            head = handle.read(132)
    except OSError as exc:
        raise ReportTextError(f"cannot read {os.fspath(path)!r}: {exc.strerror or exc}") from exc
    if head[128:132] == b"DICM":
        try:
            ds = pydicom.dcmread(os.fspath(path), force=True)
        except Exception as exc:  # noqa: BLE001 - pydicom raises many types
            raise ReportError(f"not a readable DICOM file ({exc})") from exc
        if str(getattr(ds, "SOPClassUID", "")) == ENCAPSULATED_PDF:
            return extract_from_text(encapsulated_pdf_text(ds), language=language)
        return extraction_from_document(read_sr(ds), language=language)
    return extract_from_text(document_text(path), language=language)
