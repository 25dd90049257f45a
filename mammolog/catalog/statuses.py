"""The closed sets of words the catalog keeps besides the BI-RADS vocabulary: the state of an
import run and of a proposal, and where a result or a proposal came from.

The values are exactly the text stored in the catalog and printed in JSON. The vocabulary of
results (sides, categories, finding attributes, ...) is :mod:`mammolog.domain.lexicon`.
"""

from __future__ import annotations

from enum import StrEnum


class ImportRunStatus(StrEnum):
    """How an import run ended (or that it is still running)."""

    RUNNING = "running"
    COMPLETED = "completed"
    PROBLEMS = "problems"  # completed, with files that could not be imported
    CANCELLED = "cancelled"
    FAILED = "failed"


class ProposalStatus(StrEnum):
    """Whether the user has decided on a value read from a report."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class SourceKind(StrEnum):
    """Who wrote the report a proposal was read from."""

    RADIOLOGIST = "radiologist"
    CAD = "cad"  # a Mammography CAD SR: a machine's output


class ResultSource(StrEnum):
    """Where a recorded result came from."""

    USER = "user"  # typed in
    DOCUMENT = "document"  # proposed from a report and accepted
