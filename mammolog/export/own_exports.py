"""Recognising mammolog's own exports when they come back on a disc, a ZIP or an ISO.

A summary (PDF, HTML or Markdown) and the media pages (README.TXT, INDEX.HTM, IHE_PDI/...) are
the patient's own documents, never the radiologist's: an import must not keep them as reports
nor read results from them. Two kinds of evidence, either is enough:

* the marker :data:`EXPORT_MARKER`, which every summary carries (PDF keywords, an HTML
  ``<meta name="generator">``, a Markdown comment on the first line) and the media's HTML pages
  carry too;
* the fixed layout of older exports without the marker: the file names the media writer uses
  (``README.TXT``, ``INDEX.HTM``, ``SUMMARY.PDF``, ``SUMMARY.HTM``, anything in ``IHE_PDI/``)
  together with the sentences mammolog writes into them ("Written by mammolog", "made by the
  patient with mammolog").
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

__all__ = ["EXPORT_MARKER", "HTML_MARKER", "MARKDOWN_MARKER", "is_own_export"]

#: Written into every document mammolog exports; never found in a report.
EXPORT_MARKER = "mammolog-own-export-v1"
HTML_MARKER = f'<meta name="generator" content="mammolog ({EXPORT_MARKER})">'
MARKDOWN_MARKER = f"<!-- {EXPORT_MARKER}: summary written by mammolog, not a medical report -->"

_MEDIA_NAMES = frozenset({"readme.txt", "index.htm", "summary.pdf", "summary.htm"})
_PDI_FOLDER = "ihe_pdi"
_OWN_SENTENCES = re.compile(
    r"written by mammolog|made by the patient with mammolog|generated \S+ with mammolog"
    r"|mammography images \(dicom media\)|dicom media - mammography history",
    re.IGNORECASE,
)


def _normalised(text: str) -> str:
    return " ".join(text.split())


def is_own_export(relpath: str, data: bytes, text: str | None = None) -> bool:
    """True when the document at ``relpath`` (bytes ``data``, extracted ``text``) is mammolog's."""
    if EXPORT_MARKER.encode("ascii") in data:
        return True
    path = PurePosixPath(relpath.replace("\\", "/").lower())
    name = path.name.split(";")[0]
    in_layout = name in _MEDIA_NAMES or _PDI_FOLDER in path.parts[:-1]
    if not in_layout or text is None:
        return False
    return _OWN_SENTENCES.search(_normalised(text)) is not None
