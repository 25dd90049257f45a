"""Reading results from report documents: structured reports, PDF, text and HTML reports.

Everything read here is a proposal with its source span quoted; nothing becomes a recorded
result until the user accepts it.
"""

from mammolog.reports.extract import (
    extract_from_file,
    extract_from_sr,
    extract_from_text,
    extraction_from_document,
)
from mammolog.reports.model import (
    Conflict,
    ExtractionResult,
    Proposal,
    ReportError,
    ReportTextError,
)
from mammolog.reports.pdf_text import (
    document_text,
    encapsulated_pdf_text,
    html_text,
    pdf_bytes_text,
)

__all__ = [
    "Conflict",
    "ExtractionResult",
    "Proposal",
    "ReportError",
    "ReportTextError",
    "extract_from_sr",
    "extract_from_text",
    "document_text",
    "encapsulated_pdf_text",
    "extract_from_file",
    "extraction_from_document",
    "html_text",
    "pdf_bytes_text",
]
