"""Records produced by report extraction: proposals, conflicts and the result of one document.

A proposal is never a recorded result: it is a value read from a report, tied to the exact
span of text it came from, which the user accepts or rejects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SourceKind = Literal["radiologist", "cad"]
"""Who produced the value: the radiologist's report, or a machine (Mammography CAD SR)."""

FIELDS: tuple[str, ...] = (
    "category",
    "density",
    "calcification_morphology",
    "calcification_distribution",
    "mass_shape",
    "mass_margin",
    "recommendation",
    "procedure",
    "pathology",
    "finding",
)
"""Every field a proposal can name."""

SINGLE_VALUED_FIELDS: frozenset[str] = frozenset({"category", "density"})
"""Fields that hold one value per side: two different values are a conflict."""


class ReportError(Exception):
    """Base class for report reading errors; the message is a plain reason."""


class ReportTextError(ReportError):
    """A report document could not be turned into text (corrupt, encrypted, not a report)."""


@dataclass(frozen=True)
class Proposal:
    """One value read from a report, waiting for the user's decision.

    ``side`` is "R", "L", "B" (stated for both breasts) or None (the exam as a whole, or
    no side stated). ``start``/``end`` are offsets into the text the proposal was read
    from (``ExtractionResult.text``) and ``quote`` is exactly ``text[start:end]``.
    """

    field: str
    side: str | None
    value: str
    start: int
    end: int
    quote: str
    language: str
    confidence: str
    source_kind: SourceKind = "radiologist"


@dataclass(frozen=True)
class Conflict:
    """Values of one field that disagree within one document; none of them is proposed."""

    field: str
    side: str | None
    values: tuple[str, ...]
    proposals: tuple[Proposal, ...]
    reason: str


@dataclass(frozen=True)
class ExtractionResult:
    """Everything read from one report document."""

    text: str
    language: str
    proposals: tuple[Proposal, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def values(self, field_name: str, side: str | None = None) -> tuple[str, ...]:
        """The proposed values of one field for one side (None = overall), in text order."""
        return tuple(p.value for p in self.proposals if p.field == field_name and p.side == side)

    def by_field(self, field_name: str) -> tuple[Proposal, ...]:
        """All proposals of one field, in text order."""
        return tuple(p for p in self.proposals if p.field == field_name)
