"""The summary as a printable A4 PDF, drawn with fpdf2 (text, tables, chart and images).

Page 1 stands alone: who, the latest result per breast, density, what is due, and a compact
table of every exam. Then the timeline of changes in words, the chart of categories per breast,
procedures and pathology, and small key images.
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
from mammolog.export.summary import (
    DOCUMENT_NOTE,
    SummaryData,
    SummaryError,
    category_words,
    density_words,
    entry_heading,
    entry_sentences,
    exam_cells,
    exams_shown,
    pathology_words,
    procedure_words,
)
from mammolog.export.summary_chart import SIDE_COLOURS, chart_geometry
from mammolog.export.summary_fonts import FontSet, font_set, printable_name

__all__ = ["can_shape_text", "render_pdf"]

FAMILY = "DejaVu"
INK = (17, 17, 17)
MUTED = (90, 90, 90)
ALERT = (170, 20, 20)
HEADING_FILL = (230, 230, 236)
EXAM_COLUMNS = (
    ("Date", 16), ("Centre", 22), ("Exam", 24), ("R", 6), ("L", 6), ("Dens", 9),
    ("Key findings", 49), ("Procedures", 25), ("Pathology", 23),
)  # fmt: skip


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

    def __init__(self, data: SummaryData, fonts: FontSet) -> None:
        self.data = data
        self.fonts = fonts
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
        pdf.footer_text = f"Generated {data.generated.isoformat()} with mammolog. " + DOCUMENT_NOTE
        self.pdf = pdf

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
        labels = {Side.RIGHT: "Right breast", Side.LEFT: "Left breast"}
        for result in self.data.latest:
            when = f"  (exam {self.data.show_date(result.exam_date)})" if result.exam_date else ""
            self.line(
                f"{labels.get(result.side, 'Both')}: {category_words(result.category)}{when}",
                bold=True,
            )
        density = next((r.density for r in self.data.latest if r.density is not None), None)
        self.line(f"Breast density {density_words(density)}")
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
        pdf.set_font(FAMILY, size=6.8)
        pdf.set_text_color(*INK)
        with pdf.table(
            col_widths=tuple(width for _name, width in EXAM_COLUMNS),
            width=sum(width for _name, width in EXAM_COLUMNS),
            line_height=3.2,
            text_align="LEFT",
            headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
            cell_fill_color=(248, 248, 250),
            cell_fill_mode=TableCellFillMode.ROWS,
            padding=0.8,
        ) as table:
            heading = table.row()
            for name, _width in EXAM_COLUMNS:
                heading.cell(name)
            for exam in rows:
                cells = exam_cells(self.data, exam)
                row = table.row()
                for cell in cells:
                    row.cell(self.text(cell))

    # later pages ----------------------------------------------------------------------------
    def changes(self) -> None:
        self.heading("What changed, exam by exam")
        entries = self.data.entries
        if not entries:
            self.line("No exams recorded in this period.")
        for entry in entries:
            self.line(entry_heading(entry, self.data.show_date), size=9, bold=True, height=4.6)
            for sentence in entry_sentences(entry):
                self.line(f"  •  {sentence}", size=8.5, height=4.2)

    def chart(self) -> None:
        pdf = self.pdf
        if pdf.get_y() > pdf.h - 105:
            pdf.add_page()
        self.heading("BI-RADS category per breast over time")
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
                    pdf.circle(x=point.x, y=point.y, radius=1.1, style="F")
                else:
                    pdf.rect(point.x - 1.3, point.y - 1.3, 2.6, 2.6, style="D")
        pdf.set_line_width(0.2)
        legend_y = geo.bottom + 8
        for offset, side, words in (
            (0, Side.RIGHT, "right breast (dots)"),
            (60, Side.LEFT, "left breast (squares)"),
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
            for words in procedure_words(entry.procedures):
                self.line(f"{self.data.show_date(entry.date)}  Procedure: {words}", size=9)
                found = True
            for words in pathology_words(entry.pathology):
                self.line(f"{self.data.show_date(entry.date)}  Pathology: {words}", size=9)
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

    def build(self) -> tuple[bytes, int]:
        self.pdf.add_page()
        self.who()
        self.latest()
        self.exam_table()
        self.pdf.add_page()
        self.changes()
        self.chart()
        self.procedures()
        self.images()
        return bytes(self.pdf.output()), self.pdf.pages_count


def render_pdf(data: SummaryData, fonts: FontSet | None = None) -> tuple[bytes, int]:
    """The summary as PDF bytes and its page count."""
    writer = _Writer(data, fonts or font_set())
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return writer.build()
    except (FPDFException, RuntimeError, ValueError, OSError) as exc:
        raise SummaryError(f"the summary PDF could not be drawn: {exc}") from exc
