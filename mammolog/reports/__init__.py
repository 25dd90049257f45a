"""Reading results from report documents: structured reports, PDF, text and HTML reports.

Everything read here is a proposal with its source span quoted; nothing becomes a recorded
result until the user accepts it.
"""

from mammolog.reports.extract import extract_from_sr, extract_from_text, extraction_from_document
from mammolog.reports.model import (
    Conflict,
    ExtractionResult,
    Proposal,
    ReportError,
    ReportTextError,
)

__all__ = [
    "Conflict",
    "ExtractionResult",
    "Proposal",
    "ReportError",
    "ReportTextError",
    "extract_from_sr",
    "extract_from_text",
    "extraction_from_document",
]
