"""Reading results from report documents: structured reports, PDF, text and HTML reports.

Everything read here is a proposal with its source span quoted; nothing becomes a recorded
result until the user accepts it.

Layout: ``pdf_text`` turns documents into text; ``normalise`` makes a normalised copy that
maps back to the original characters (look-alike letters, roman numerals, split values);
``segment`` cuts text into sections and sentences (history, indication, comparison and legend
sections are never read for results; an addendum supersedes); ``context`` decides side,
negation, history and conditions; ``categories``, ``density``, ``labels`` and ``tables`` read
BI-RADS categories and density; ``structure`` drops legends, applies addenda and recognises
documents that are not BI-RADS reports; ``descriptors`` reads lexicon descriptors,
recommendations, procedures and pathology; ``extract`` dedupes, reports conflicts and holds the
entry points. A language is data only (``lang/en.py``, ``lang/de.py``, ``lang/fr.py``, ``es``,
``it``, ``pt``, ``nl``, ``pl``, ``ru``); add one by writing a module like them and registering
it in ``lang/__init__.py``. ``wording`` compiles a language's small words for the engine.

Decisions worth knowing: "ACR" + letter is density; "ACR" + digit is density after density
words, a category after an assessment word or label (or when the digit cannot be a density:
0, 5, 6, 4A-4C; or in French reports, where "ACR 3" is the category's usual name) and
otherwise nothing. Other scoring systems (UK M/U, ABSS, Lung-, TI-, PI-, O-, LI-RADS) are
never read as BI-RADS. An unsided category is proposed only when the document states it as
the overall one or every category agrees with it. Side "B" means stated for both breasts, None means the
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
