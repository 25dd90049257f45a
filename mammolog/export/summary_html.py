"""The summary as one self-contained HTML page: no scripts, inline style, inline SVG chart,
key images as data URIs. Opens in any browser, from a disc or a USB stick."""

from __future__ import annotations

import base64
from html import escape

from mammolog.domain.lexicon import Side
from mammolog.export.own_exports import HTML_MARKER
from mammolog.export.summary import (
    DOCUMENT_NOTE,
    EXAM_COLUMN_TITLES,
    SummaryData,
    entry_heading,
    entry_sentences,
    exam_cells,
    exams_shown,
    history_counts,
    latest_lines,
    pathology_words,
    pn_groups,
    procedure_words,
)
from mammolog.export.summary_chart import CHART_EXPLANATION, SIDE_COLOURS, chart_geometry
from mammolog.export.summary_patient import patient_page_html

__all__ = ["render_html", "render_svg_chart"]

_STYLE = """
body{font-family:"DejaVu Sans",Arial,"Noto Sans CJK JP","Noto Sans",sans-serif;margin:2em auto;
max-width:60em;color:#111;line-height:1.35}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;border-bottom:1px solid #888;
margin-top:1.6em}.muted{color:#555;font-size:.9em}.alert{color:#a01414}
table{border-collapse:collapse;font-size:.8em;width:100%}
th,td{border:1px solid #aaa;padding:3px 5px;text-align:left;vertical-align:top}
th{background:#e6e6ec}td:first-child{white-space:nowrap}h3{font-size:1em;margin:.8em 0 .2em}figure{display:inline-block;margin:0 1em 1em 0;font-size:.8em}
figure img{background:#000;display:block}footer{margin-top:2em;font-size:.8em;color:#555}
@media print{.page-break{page-break-before:always}}
""".strip()


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def render_svg_chart(data: SummaryData, width: int = 640, height: int = 260) -> str:
    """The chart of BI-RADS category per breast over time as an inline SVG element."""
    label = data.show_date if data.date_origin else None
    geo = chart_geometry(
        data.exams, left=40, top=10, width=width - 60, height=height - 60, date_label=label
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img"'
        ' aria-label="BI-RADS category per breast over time">',
        f'<rect x="{geo.left}" y="{geo.top}" width="{geo.width}" height="{geo.height}"'
        ' fill="none" stroke="#666"/>',
    ]
    for text, y in geo.y_ticks:
        parts.append(
            f'<line x1="{geo.left}" y1="{y:.1f}" x2="{geo.right}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{geo.left - 8}" y="{y + 4:.1f}" font-size="11" text-anchor="end">'
            f"{_e(text)}</text>"
        )
    for text, x in geo.x_ticks:
        parts.append(
            f'<line x1="{x:.1f}" y1="{geo.top}" x2="{x:.1f}" y2="{geo.bottom}" stroke="#ddd"/>'
            f'<text x="{x:.1f}" y="{geo.bottom + 16}" font-size="11" text-anchor="middle">'
            f"{_e(text)}</text>"
        )
    for side, points in geo.series:
        colour = "rgb({},{},{})".format(*SIDE_COLOURS[side])
        if len(points) > 1:
            coords = " ".join(f"{p.x:.1f},{p.y:.1f}" for p in points)
            parts.append(
                f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for p in points:
            when = _e(data.show_date(p.exam_date))
            tip = f"<title>{when}: {side.value} {_e(p.category.value)}</title>"
            if side is Side.RIGHT:
                parts.append(
                    f'<circle cx="{p.x:.1f}" cy="{p.y:.1f}" r="4" fill="{colour}">{tip}</circle>'
                )
            else:
                parts.append(
                    f'<rect x="{p.x - 5:.1f}" y="{p.y - 5:.1f}" width="10" height="10" fill="none"'
                    f' stroke="{colour}" stroke-width="2">{tip}</rect>'
                )
    legend_y = geo.bottom + 36
    for offset, side, words in (
        (0, Side.RIGHT, "right breast (dots)"),
        (200, Side.LEFT, "left breast (squares)"),
    ):
        colour = "rgb({},{},{})".format(*SIDE_COLOURS[side])
        parts.append(
            f'<text x="{geo.left + offset}" y="{legend_y}" font-size="12" font-weight="bold"'
            f' fill="{colour}">{words}</text>'
        )
    if geo.is_empty:
        parts.append(
            f'<text x="{geo.left + 10}" y="{geo.top + 30}" font-size="12">'
            "No assessed exams to plot.</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _who(data: SummaryData) -> list[str]:
    out = [f"<h1>Mammography history: {_e(data.title_name)}</h1>"]
    facts = []
    if not data.anonymized:
        facts.append(
            f"Born {_e(data.birth_date.isoformat() if data.birth_date else 'not recorded')}"
        )
    facts.append(f"Summary generated {_e(data.generated.isoformat())}")
    if data.since is not None:
        facts.append(f"exams from {_e(data.show_date(data.since))} on")
    if data.anonymized:
        facts.append("anonymized: names, IDs, birth date and centres left out")
    facts.append(_e(history_counts(data)))
    out.append(f'<p class="muted">{" · ".join(facts)}</p>')
    if data.identities and not data.anonymized:
        out.append("<p><strong>Recorded by the centres as:</strong></p><ul>")
        for ident in data.identities:
            parts = [" / ".join(_e(g) for g in pn_groups(ident.patient_name)) or "(no name)"]
            if ident.patient_id:
                issuer = f" ({_e(ident.issuer)})" if ident.issuer else ""
                parts.append(f"ID {_e(ident.patient_id)}{issuer}")
            if ident.centres:
                parts.append(_e(", ".join(ident.centres)))
            parts.append(f"{ident.studies} exam{'s' if ident.studies != 1 else ''}")
            out.append(f"<li>{' · '.join(parts)}</li>")
        out.append("</ul>")
    return out


def _latest(data: SummaryData) -> list[str]:
    out = ["<h2>Latest result</h2><ul>"]
    for words, when in latest_lines(data):
        out.append(
            f"<li><strong>{_e(words)}</strong>" + (f" ({_e(when)})" if when else "") + "</li>"
        )
    out.append("</ul>")
    css = ' class="alert"' if data.next_due.overdue else ""
    out.append(f"<p{css}><strong>{_e(data.due_sentence())}</strong></p>")
    return out


def _exam_table(data: SummaryData) -> list[str]:
    out = ["<h2>All exams</h2>"]
    rows = exams_shown(data)
    if not rows:
        return [*out, "<p>No exams recorded in this period.</p>"]
    heads = "".join(f"<th>{h}</th>" for h in EXAM_COLUMN_TITLES)
    out.append(f"<table><thead><tr>{heads}</tr></thead><tbody>")
    for exam in rows:
        cells = exam_cells(data, exam)
        out.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>")
    out.append("</tbody></table>")
    return out


def _changes(data: SummaryData) -> list[str]:
    out = ['<h2 class="page-break">What changed, exam by exam</h2>']
    if not data.entries:
        out.append("<p>No exams recorded in this period.</p>")
    for entry in data.entries:
        head = _e(entry_heading(entry, data.show_date))
        items = "".join(f"<li>{_e(w)}</li>" for w in entry_sentences(entry))
        out.append(f"<h3>{head}</h3><ul>{items}</ul>")
    return out


def _images(data: SummaryData) -> list[str]:
    out = ["<h2>Key images</h2>"]
    if not data.key_images and not data.notes:
        out.append("<p>No mammogram images in the library for this period.</p>")
    for image in data.key_images:
        caption = f"{image.label} · {image.role} · {data.show_date(image.exam_date)}"
        if image.png:
            source = "data:image/png;base64," + base64.b64encode(image.png).decode("ascii")
            width = min(image.width, 180)
            out.append(
                f'<figure><img src="{source}" width="{width}" alt="{_e(caption)}">'
                f"<figcaption><strong>{_e(caption)}</strong><br>{_e(image.window)}"
                "</figcaption></figure>"
            )
        else:
            out.append(f"<p>{_e(caption)}: cannot be shown: {_e(image.reason)}</p>")
    out += [f'<p class="muted">{_e(note)}</p>' for note in data.notes]
    return out


def render_html(data: SummaryData) -> str:
    """The whole summary as an HTML document (UTF-8, no scripts)."""
    procedures = [
        f"<li>{_e(data.show_date(entry.date))} {kind}: {_e(words)}</li>"
        for entry in data.entries
        for kind, items in (
            ("Procedure", procedure_words(entry.procedures)),
            ("Pathology", pathology_words(entry.pathology)),
        )
        for words in items
    ]
    body = [
        *_who(data),
        *_latest(data),
        *_exam_table(data),
        *_changes(data),
        "<h2>BI-RADS category per breast over time</h2>",
        f'<p class="muted">{_e(CHART_EXPLANATION)}</p>',
        render_svg_chart(data),
        "<h2>Procedures and pathology</h2>",
        f"<ul>{''.join(procedures)}</ul>"
        if procedures
        else "<p>No procedures or pathology results recorded.</p>",
        *_images(data),
        *(patient_page_html(data.patient_page) if data.patient_page else ()),
        f"<footer>Generated {_e(data.generated.isoformat())} with mammolog."
        f" {_e(DOCUMENT_NOTE)}</footer>",
    ]
    if data.for_me_only and data.patient_page is not None:
        body = [*patient_page_html(data.patient_page), body[-1]]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"{HTML_MARKER}<title>Mammography history summary</title>"
        f"<style>{_STYLE}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
