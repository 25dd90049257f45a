"""Reading results from report documents: structured reports, PDF, text and HTML reports.

Everything read here is a proposal with its source span quoted; nothing becomes a recorded
result until the user accepts it.

Layout: ``pdf_text`` turns documents into text; ``segment`` cuts text into sections and
sentences (history/indication/comparison sections are never read for results); ``context``
decides side, negation, history and conditions; ``categories`` reads BI-RADS categories and
density; ``descriptors`` reads lexicon descriptors, recommendations, procedures and pathology;
``extract`` dedupes, reports conflicts and holds the entry points. A language is data only
(``lang/en.py``, ``lang/de.py``); add one by writing a module like them and registering it in
``lang/__init__.py``.

Decisions worth knowing: "ACR" + letter is density; "ACR" + digit is density after density
words, a category after an assessment word or label (or when the digit cannot be a density:
0, 5, 6, 4A-4C) and otherwise nothing. Side "B" means stated for both breasts, None means the
exam as a whole. "Moderate suspicion" alone is 4B in the 5th edition but 4C in the 4th, so it
yields nothing without a number; beside a number the number wins when either edition gives it
that wording ("4B - Moderate suspicion", "4C - moderate suspicion"), and nothing is proposed
when neither does ("3 - moderate suspicion"). Disagreeing values in one document become
conflicts.
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
