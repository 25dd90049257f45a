"""IHE Portable Data for Imaging (PDI) extras: README.TXT, INDEX.HTM and the IHE_PDI folder.

Plain files any computer opens: static HTML without scripts, stylesheets inline, no autorun.
Every name is an uppercase 8.3 name so the media also works as ISO 9660 level 1.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mammolog.export.dicomdir_writer import DirectoryEntry
from mammolog.export.own_exports import HTML_MARKER

README_NAME = "README.TXT"
INDEX_NAME = "INDEX.HTM"
PDI_FOLDER = "IHE_PDI"
SUMMARY_PDF_NAME = "SUMMARY.PDF"
SUMMARY_HTML_NAME = "SUMMARY.HTM"

_STYLE = (
    "body{font-family:sans-serif;margin:2em;color:#111}"
    "table{border-collapse:collapse}td,th{border:1px solid #888;padding:4px 8px;text-align:left}"
)
_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL)
_EVENT_ATTR = re.compile(r"\son[a-z]+\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)


@dataclass(frozen=True)
class StudyListing:
    """One study on the media, as shown in the HTML index (values as exported)."""

    patient_name: str
    patient_id: str
    study_date: str
    study_description: str
    modalities: tuple[str, ...]
    series_count: int
    instance_count: int
    folder: str


def study_listings(entries: Sequence[DirectoryEntry]) -> list[StudyListing]:
    """One listing per (Patient ID, study) of the exported headers, in media order."""
    grouped: dict[tuple[str, str], list[DirectoryEntry]] = {}
    for entry in entries:
        header = entry.header
        key = (str(header.get("PatientID", "")), str(header.get("StudyInstanceUID", "")))
        grouped.setdefault(key, []).append(entry)
    listings = []
    for group in grouped.values():
        first = group[0].header
        modalities = sorted({str(e.header.get("Modality", "") or "OT") for e in group})
        series = {str(e.header.get("SeriesInstanceUID", "")) for e in group}
        listings.append(
            StudyListing(
                patient_name=str(first.get("PatientName", "") or ""),
                patient_id=str(first.get("PatientID", "") or ""),
                study_date=str(first.get("StudyDate", "") or ""),
                study_description=str(first.get("StudyDescription", "") or ""),
                modalities=tuple(modalities),
                series_count=len(series),
                instance_count=len(group),
                folder="\\".join(group[0].file_id[:3]),
            )
        )
    return listings


def _display_date(value: str) -> str:
    if len(value) == 8 and value.isdigit():
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return value or "unknown"


def readme_text(
    *, generated: datetime, anonymized: bool, study_count: int, has_summary: bool
) -> str:
    """The README.TXT text: what the media is, who wrote it, how to open it."""
    lines = [
        "DICOM MEDIA - MAMMOGRAPHY HISTORY",
        "",
        "This disc or USB stick holds medical images in the DICOM standard format",
        "(a DICOM File-set following the IHE Portable Data for Imaging profile).",
        f"It contains {study_count} stud{'y' if study_count == 1 else 'ies'}.",
        "",
        f"Written by mammolog on {generated:%Y-%m-%d %H:%M}, from the patient's own copy",
        "of her imaging records. Images are copied exactly as the imaging centres stored them.",
    ]
    if anonymized:
        lines += [
            "",
            "The images were de-identified (DICOM PS3.15 Basic Application Level",
            "Confidentiality Profile): names, IDs and other identifying details were removed",
            "and all unique identifiers (UIDs) were replaced.",
        ]
    lines += [
        "",
        "HOW TO OPEN IT",
        "- In a radiology workstation or PACS: import the media; start from the DICOMDIR",
        "  file in the top folder.",
        "- In any DICOM viewer (for example Weasis, Horos, RadiAnt, MicroDicom): open the",
        "  DICOMDIR file.",
        "- In a web browser: open INDEX.HTM for a list of the studies"
        + (" and the summary." if has_summary else "."),
        "",
        "CONTENTS",
        "DICOMDIR     index of the DICOM files",
        "DICOM\\       the DICOM files (names without extensions, as the standard requires)",
        "IHE_PDI\\     study list" + (" and summary document" if has_summary else ""),
        "INDEX.HTM    start page for a web browser",
        "",
        "This media starts no program by itself (no autorun).",
    ]
    return "\r\n".join(lines) + "\r\n"


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"{HTML_MARKER}<title>{html.escape(title)}</title><style>{_STYLE}</style></head>\n"
        f"<body>\n{body}\n</body></html>\n"
    )


def root_index_html(*, has_summary_pdf: bool, has_summary_html: bool) -> str:
    """The INDEX.HTM at the media root: links to the study list, summary and README."""
    links = [f'<li><a href="{PDI_FOLDER}/{INDEX_NAME}">List of studies on this media</a></li>']
    if has_summary_pdf:
        links.append(f'<li><a href="{PDI_FOLDER}/{SUMMARY_PDF_NAME}">Summary (PDF)</a></li>')
    if has_summary_html:
        links.append(f'<li><a href="{PDI_FOLDER}/{SUMMARY_HTML_NAME}">Summary (web page)</a></li>')
    links.append(f'<li><a href="{README_NAME}">About this media (README)</a></li>')
    body = (
        "<h1>Mammography images (DICOM media)</h1>\n"
        "<p>This media holds DICOM images. Open the <code>DICOMDIR</code> file with a DICOM "
        "viewer or import it into a PACS.</p>\n<ul>\n" + "\n".join(links) + "\n</ul>"
    )
    return _page("DICOM media", body)


def studies_index_html(studies: Sequence[StudyListing], *, generated: datetime) -> str:
    """IHE_PDI/INDEX.HTM: a plain table of the studies on the media."""
    rows = []
    for study in studies:
        cells = (
            study.patient_name or "(no name)",
            study.patient_id,
            _display_date(study.study_date),
            study.study_description,
            " ".join(study.modalities),
            str(study.series_count),
            str(study.instance_count),
            study.folder,
        )
        rows.append("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>")
    header = "".join(
        f"<th>{name}</th>"
        for name in (
            "Patient",
            "Patient ID",
            "Study date",
            "Description",
            "Modality",
            "Series",
            "Images",
            "Folder",
        )
    )
    body = (
        "<h1>Studies on this media</h1>\n"
        f"<p>Written by mammolog on {generated:%Y-%m-%d}. Open the DICOMDIR file in the top "
        "folder with a DICOM viewer to see the images.</p>\n"
        f"<table>\n<tr>{header}</tr>\n" + "\n".join(rows) + "\n</table>\n"
        f'<p><a href="../{INDEX_NAME}">Back</a></p>'
    )
    return _page("Studies on this media", body)


def strip_scripts(page: str) -> str:
    """Remove script elements and inline event handlers from an HTML page."""
    return _EVENT_ATTR.sub("", _SCRIPT.sub("", page))


def write_pdi_extras(
    root: Path,
    studies: Sequence[StudyListing],
    *,
    generated: datetime,
    anonymized: bool,
    summary_pdf: Path | None = None,
    summary_html: str | None = None,
) -> list[Path]:
    """Write README.TXT, INDEX.HTM and IHE_PDI/ under `root`; return the files written."""
    folder = root / PDI_FOLDER
    folder.mkdir(mode=0o700, exist_ok=True)
    has_summary = summary_pdf is not None or summary_html is not None
    written: list[tuple[Path, bytes]] = [
        (
            root / README_NAME,
            readme_text(
                generated=generated,
                anonymized=anonymized,
                study_count=len(studies),
                has_summary=has_summary,
            ).encode("utf-8"),
        ),
        (
            root / INDEX_NAME,
            root_index_html(
                has_summary_pdf=summary_pdf is not None,
                has_summary_html=summary_html is not None,
            ).encode("utf-8"),
        ),
        (folder / INDEX_NAME, studies_index_html(studies, generated=generated).encode("utf-8")),
    ]
    if summary_html is not None:
        written.append((folder / SUMMARY_HTML_NAME, strip_scripts(summary_html).encode("utf-8")))
    if summary_pdf is not None:
        written.append((folder / SUMMARY_PDF_NAME, summary_pdf.read_bytes()))
    for path, data in written:
        path.write_bytes(data)
        path.chmod(0o600)
    return [path for path, _ in written]
