"""The summary as a printable A4 PDF, drawn with fpdf2 (text, tables, chart and images).

Page 1 stands alone: who, the latest result per breast, density, what is due, and a compact
table of every exam. When the table would not fit, the document is drawn again with a smaller
table type (down to :data:`TABLE_SIZES`' last); only a history too long even for that continues
the table on page 2, and then the rest follows on that page rather than leaving it nearly empty.
Then the timeline of changes in words (each exam's block kept on one page), the chart of
categories per breast with its explanation, procedures and pathology, and small key images.

Words are never broken inside: a word wider than its table column is set in smaller type, and
one too wide even then is shortened with an ellipsis.
"""

from __future__ import annotations

import importlib.util
import io
import warnings
from itertools import pairwise

from fpdf import FPDF
from fpdf.enums import TableCellFillMode, XPos, YPos
from fpdf.errors import FPDFException
from fpdf.fonts import FontFace

from mammolog.domain.lexicon import Side
from mammolog.export.own_exports import EXPORT_MARKER
from mammolog.export.summary import (
    DOCUMENT_NOTE,
    EXAM_COLUMN_TITLES,
    SummaryData,
    SummaryError,
    entry_heading,
    entry_sentences,
    exam_cells,
    exams_shown,
    history_counts,
    latest_lines,
    pathology_words,
    procedure_words,
)
from mammolog.export.summary_chart import CHART_EXPLANATION, SIDE_COLOURS, chart_geometry
from mammolog.export.summary_fonts import FontSet, font_set, printable_name
from mammolog.export.summary_patient import draw_patient_page
from mammolog.export.summary_pdf_fit import CELL_PADDING, WordFitter

__all__ = ["can_shape_text", "render_pdf"]

FAMILY = "DejaVu"
INK = (17, 17, 17)
MUTED = (90, 90, 90)
ALERT = (170, 20, 20)
HEADING_FILL = (230, 230, 236)
# column widths in mm, in the order of EXAM_COLUMN_TITLES (180 mm in all)
EXAM_WIDTHS = (16, 20, 22, 6, 6, 9, 40, 18, 23, 20)
EXAM_HEADS = ("Date", "Centre", "Exam", "R", "L", "Dens", "Key findings", "Advised", "Procedures",
              "Pathology")  # fmt: skip
# the table's type sizes in points, tried in turn until page 1 holds the whole table
TABLE_SIZES = (6.8, 6.0, 5.4)


def can_shape_text() -> bool:
    """True when HarfBuzz (the optional ``uharfbuzz`` package) can shape right-to-left text."""
    return importlib.util.find_spec("uharfbuzz") is not None


class _SummaryPDF(FPDF):
    """A4 portrait with a footer saying what the document is and the page number."""

    footer_text = ""

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FAMILY, size=6.5)
        self.set_text_color(*MUTED)
        self.multi_cell(150, 3, self.footer_text, new_x=XPos.RIGHT, new_y=YPos.TOP)
        self.cell(0, 3, f"Page {self.page_no()} of {{nb}}", align="R")


class _Writer:
    """Draws one summary into a fresh PDF."""

    def __init__(
        self,
        data: SummaryData,
        fonts: FontSet,
        table_size: float = TABLE_SIZES[0],
        widths: dict[tuple[str, float], float] | None = None,
    ) -> None:
        self.data = data
        self.fonts = fonts
        self.table_size = table_size
        pdf = _SummaryPDF(orientation="portrait", unit="mm", format="A4")
        pdf.set_margins(15, 14, 15)
        pdf.set_auto_page_break(auto=True, margin=16)
        pdf.add_font(FAMILY, "", str(fonts.regular))
        pdf.add_font(FAMILY, "B", str(fonts.bold))
        if fonts.cjk is not None:
            pdf.add_font("CJK", "", str(fonts.cjk))
            pdf.set_fallback_fonts(["CJK"], exact_match=False)
        if can_shape_text():
            pdf.set_text_shaping(True)  # Arabic letters joined, Hebrew and Arabic right to left
        pdf.set_title("Mammography history summary")
        pdf.set_subject("Bring-to-appointment summary of mammography exams and results")
        pdf.set_creator("mammolog")
        pdf.set_keywords(EXPORT_MARKER)
        pdf.footer_text = f"Generated {data.generated.isoformat()} with mammolog. " + DOCUMENT_NOTE
        self.pdf = pdf
        self.fitter = WordFitter(pdf, FAMILY, widths)

    # text helpers ---------------------------------------------------------------------------
    def text(self, value: str) -> str:
        return self.fonts.printable(value)

    def name(self, patient_name: str) -> str:
        return printable_name(patient_name, self.fonts)

    def line(
        self,
        value: str,
        *,
        size: float = 9.5,
        bold: bool = False,
        colour: tuple[int, int, int] = INK,
        height: float = 5,
    ) -> None:
        self.pdf.set_font(FAMILY, "B" if bold else "", size)
        self.pdf.set_text_color(*colour)
        self.pdf.multi_cell(
            0, height, self.text(value), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def heading(self, value: str) -> None:
        if self.pdf.get_y() > self.pdf.h - 45:
            self.pdf.add_page()
        self.pdf.ln(3)
        self.line(value, size=12, bold=True, height=7)
        self.pdf.set_draw_color(*MUTED)
        y = self.pdf.get_y()
        self.pdf.line(self.pdf.l_margin, y, self.pdf.w - self.pdf.r_margin, y)
        self.pdf.ln(1.5)

    # page 1 ---------------------------------------------------------------------------------
    def who(self) -> None:
        data = self.data
        title = data.title_name if data.anonymized else self._person_title()
        self.line(f"Mammography history: {title}", size=16, bold=True, height=8)
        facts = []
        if not data.anonymized:
            born = data.birth_date.isoformat() if data.birth_date else "not recorded"
            facts.append(f"Born {born}")
        facts.append(f"Summary generated {data.generated.isoformat()}")
        if data.since is not None:
            facts.append(f"exams from {data.show_date(data.since)} on")
        if data.anonymized:
            facts.append("anonymized: names, IDs, birth date and centres left out")
        facts.append(history_counts(data))
        self.line("  ·  ".join(facts), size=9, colour=MUTED)
        if data.identities and not data.anonymized:
            self.line("Recorded by the centres as:", size=9, bold=True)
            for ident in data.identities:
                parts = [self.name(ident.patient_name) or "(no name)"]
                if ident.patient_id:
                    issuer = f" ({ident.issuer})" if ident.issuer else ""
                    parts.append(f"ID {ident.patient_id}{issuer}")
                if ident.centres:
                    parts.append(", ".join(ident.centres))
                parts.append(f"{ident.studies} exam{'s' if ident.studies != 1 else ''}")
                self.line("   " + " · ".join(parts), size=8.5, height=4.2)

    def _person_title(self) -> str:
        name = self.data.person_name
        if self.fonts.covers(name):
            return name
        for ident in self.data.identities:
            printable = self.name(ident.patient_name)
            if printable and "?" not in printable:
                return printable
        return self.text(name)

    def latest(self) -> None:
        self.heading("Latest result")
        lines = latest_lines(self.data)
        for number, (words, when) in enumerate(lines):
            text = f"{words}  ({when})" if when else words
            self.line(text, bold=number < 2)
        due = self.data.next_due
        self.pdf.ln(1)
        self.line(self.data.due_sentence(), bold=True, colour=ALERT if due.overdue else INK)

    def exam_table(self) -> None:
        self.heading("All exams")
        rows = exams_shown(self.data)
        if not rows:
            self.line("No exams recorded in this period.")
            return
        pdf = self.pdf
        size = self.table_size
        pdf.set_font(FAMILY, size=size)
        pdf.set_text_color(*INK)
        assert len(EXAM_HEADS) == len(EXAM_COLUMN_TITLES) == len(EXAM_WIDTHS)
        with pdf.table(
            col_widths=EXAM_WIDTHS,
            width=sum(EXAM_WIDTHS),
            line_height=size * 0.47,
            text_align="LEFT",
            headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
            cell_fill_color=(248, 248, 250),
            cell_fill_mode=TableCellFillMode.ROWS,
            padding=CELL_PADDING,
        ) as table:
            heading = table.row()
            for name in EXAM_HEADS:
                heading.cell(name)
            for exam in rows:
                row = table.row()
                for cell, width in zip(exam_cells(self.data, exam), EXAM_WIDTHS, strict=True):
                    text, fitted = self.fitter.fitted(self.text(cell), width, size)
                    row.cell(text, style=FontFace(size_pt=fitted) if fitted != size else None)

    # later pages ----------------------------------------------------------------------------
    def changes(self) -> None:
        self.heading("What changed, exam by exam")
        entries = self.data.entries
        if not entries:
            self.line("No exams recorded in this period.")
        for entry in entries:
            sentences = entry_sentences(entry)
            self.keep_together(4.6 + 4.2 * len(sentences) + 1)
            self.line(entry_heading(entry, self.data.show_date), size=9, bold=True, height=4.6)
            for sentence in sentences:
                self.line(f"  •  {sentence}", size=8.5, height=4.2)

    def keep_together(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit on this one."""
        pdf = self.pdf
        if pdf.get_y() + height > pdf.h - pdf.b_margin:
            pdf.add_page()

    def chart(self) -> None:
        pdf = self.pdf
        if pdf.get_y() > pdf.h - 115:
            pdf.add_page()
        self.heading("BI-RADS category per breast over time")
        self.line(CHART_EXPLANATION, size=8, colour=MUTED, height=3.8)
        top = pdf.get_y() + 2
        label = self.data.show_date if self.data.date_origin else None
        geo = chart_geometry(
            self.data.exams, left=pdf.l_margin + 12, top=top, width=150, height=55, date_label=label
        )
        pdf.set_draw_color(200, 200, 200)
        pdf.set_line_width(0.15)
        pdf.set_font(FAMILY, size=6.5)
        pdf.set_text_color(*MUTED)
        for text, y in geo.y_ticks:
            pdf.line(geo.left, y, geo.right, y)
            pdf.text(geo.left - 7, y + 1, text)
        for text, x in geo.x_ticks:
            pdf.line(x, geo.top, x, geo.bottom)
            pdf.text(x - pdf.get_string_width(text) / 2, geo.bottom + 4, text)
        pdf.set_draw_color(*MUTED)
        pdf.rect(geo.left, geo.top, geo.width, geo.height)
        for side, points in geo.series:
            pdf.set_draw_color(*SIDE_COLOURS[side])
            pdf.set_fill_color(*SIDE_COLOURS[side])
            pdf.set_line_width(0.5)
            for first, second in pairwise(points):
                pdf.line(first.x, first.y, second.x, second.y)
            for point in points:
                if side is Side.RIGHT:
                    pdf.circle(x=point.x, y=point.y, radius=0.9, style="F")
                else:
                    pdf.set_line_width(0.35)
                    pdf.rect(point.x - 1.1, point.y - 1.1, 2.2, 2.2, style="D")
                    pdf.set_line_width(0.5)
        pdf.set_line_width(0.2)
        legend_y = geo.bottom + 8
        for offset, side, words in (
            (0, Side.RIGHT, "right breast (dots, a little above the row line)"),
            (80, Side.LEFT, "left breast (squares, a little below)"),
        ):
            pdf.set_text_color(*SIDE_COLOURS[side])
            pdf.set_font(FAMILY, "B", 8)
            pdf.text(geo.left + offset, legend_y, words)
        if geo.is_empty:
            pdf.set_text_color(*MUTED)
            pdf.text(geo.left + 5, geo.top + geo.height / 2, "No assessed exams to plot.")
        pdf.set_y(legend_y + 3)

    def procedures(self) -> None:
        self.heading("Procedures and pathology")
        found = False
        for entry in self.data.entries:
            for kind, items in (
                ("Procedure", procedure_words(entry.procedures)),
                ("Pathology", pathology_words(entry.pathology)),
            ):
                for words in items:
                    self.keep_together(5)
                    self.line(f"{self.data.show_date(entry.date)}  {kind}: {words}", size=9)
                    found = True
        if not found:
            self.line("No procedures or pathology results recorded.", size=9)

    def images(self) -> None:
        self.heading("Key images")
        pdf = self.pdf
        shown = [image for image in self.data.key_images if image.png]
        if not self.data.key_images:
            self.line("No mammogram images in the library for this period.", size=9)
        box_w, box_h, gap = 40.0, 52.0, 5.0
        x = pdf.l_margin
        y = pdf.get_y() + 1
        for image in shown:
            if x + box_w > pdf.w - pdf.r_margin + 0.1:
                x, y = pdf.l_margin, y + box_h + 13
            if y + box_h + 12 > pdf.h - pdf.b_margin:
                pdf.add_page()
                x, y = pdf.l_margin, pdf.get_y()
            scale = min(box_w / max(image.width, 1), box_h / max(image.height, 1))
            w, h = image.width * scale, image.height * scale
            pdf.set_fill_color(0, 0, 0)
            pdf.rect(x, y, box_w, box_h, style="F")
            pdf.image(io.BytesIO(image.png or b""), x + (box_w - w) / 2, y + (box_h - h) / 2, w, h)
            pdf.set_font(FAMILY, "B", 7.5)
            pdf.set_text_color(*INK)
            pdf.text(x, y + box_h + 3.5, self.text(f"{image.label} · {image.role}"))
            pdf.set_font(FAMILY, size=6.3)
            pdf.set_text_color(*MUTED)
            pdf.text(x, y + box_h + 6.5, self.data.show_date(image.exam_date))
            pdf.text(x, y + box_h + 9.3, self.text(image.window))
            x += box_w + gap
        if shown:
            pdf.set_y(y + box_h + 12)
        for image in self.data.key_images:
            if not image.png:
                self.line(
                    f"{image.label} ({self.data.show_date(image.exam_date)}):"
                    f" cannot be shown: {image.reason}",
                    size=8.5,
                )
        for note in self.data.notes:
            self.line(note, size=8, colour=MUTED)

    def first_page(self) -> bool:
        """Draw page 1; True when it held everything (the exam table did not run over)."""
        self.pdf.add_page()
        self.who()
        self.latest()
        self.exam_table()
        return self.pdf.page_no() == 1

    def build(self) -> tuple[bytes, int]:
        if self.pdf.page_no() == 1:
            self.pdf.add_page()  # page 1 stands alone
        else:
            self.pdf.ln(4)  # the table ran over: the rest follows it instead of a near-empty page
        self.changes()
        self.chart()
        self.procedures()
        self.images()
        if self.data.patient_page is not None:
            draw_patient_page(self, self.data.patient_page)
        return bytes(self.pdf.output()), self.pdf.pages_count


def render_pdf(data: SummaryData, fonts: FontSet | None = None) -> tuple[bytes, int]:
    """The summary as PDF bytes and its page count (page 1 alone whenever the table fits)."""
    chosen_fonts = fonts or font_set()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            if data.for_me_only and data.patient_page is not None:
                writer = _Writer(data, chosen_fonts)
                draw_patient_page(writer, data.patient_page)
                return bytes(writer.pdf.output()), writer.pdf.pages_count
            widths: dict[tuple[str, float], float] = {}  # measured words, shared by the tries
            for size in TABLE_SIZES:
                writer = _Writer(data, chosen_fonts, size, widths)
                if writer.first_page():
                    break
            return writer.build()
    except (FPDFException, RuntimeError, ValueError, OSError) as exc:
        raise SummaryError(f"the summary PDF could not be drawn: {exc}") from exc
