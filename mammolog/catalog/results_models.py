"""Catalog tables for results: assessments, findings, procedures, pathology, attachments,
proposals read from reports, and due dates set by hand.

Nothing a user entered is lost silently: an edit writes a new row and marks the old one
superseded (``superseded_at``); a removal marks the row removed (``removed_at``). Every row
keeps its provenance: ``source`` is "user" (typed in) or "document" (proposed from a report
and confirmed), with the attachment or instance it came from and the quoted text.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from mammolog.catalog.statuses import ProposalStatus, ResultSource, SourceKind
from mammolog.catalog.types import EnumString
from mammolog.domain.lexicon import (
    AsymmetryKind,
    CalcificationDistribution,
    CalcificationMorphology,
    Category,
    Change,
    Density,
    Depth,
    FindingType,
    MassDensity,
    MassMargin,
    MassShape,
    PathologyOutcome,
    ProcedureType,
    Quadrant,
    Recommendation,
    Side,
)


class Provenance(SQLModel):
    """Where a value came from."""

    source: ResultSource = Field(default=ResultSource.USER, sa_type=EnumString(ResultSource))
    source_attachment_id: int | None = Field(default=None, foreign_key="attachment.id")
    source_instance_id: int | None = Field(default=None, foreign_key="instance.id")
    source_text: str = ""
    created_at: datetime


class AssessmentRow(Provenance, table=True):
    """The recorded result of one study; older versions are kept, superseded."""

    __tablename__ = "assessment"

    id: int | None = Field(default=None, primary_key=True)
    study_pk: int = Field(foreign_key="study.id", index=True)
    right: Category | None = Field(default=None, sa_type=EnumString(Category))
    left: Category | None = Field(default=None, sa_type=EnumString(Category))
    overall: Category | None = Field(default=None, sa_type=EnumString(Category))
    density: Density | None = Field(default=None, sa_type=EnumString(Density))
    density_entered: str | None = None
    recommendation: Recommendation | None = Field(default=None, sa_type=EnumString(Recommendation))
    note: str = ""
    superseded_at: datetime | None = None


class FindingRow(Provenance, table=True):
    """One finding of a study, in the BI-RADS lexicon."""

    __tablename__ = "finding"

    id: int | None = Field(default=None, primary_key=True)
    study_pk: int = Field(foreign_key="study.id", index=True)
    type: FindingType = Field(sa_type=EnumString(FindingType))
    side: Side | None = Field(default=None, sa_type=EnumString(Side))
    morphology: CalcificationMorphology | None = Field(
        default=None, sa_type=EnumString(CalcificationMorphology)
    )
    distribution: CalcificationDistribution | None = Field(
        default=None, sa_type=EnumString(CalcificationDistribution)
    )
    shape: MassShape | None = Field(default=None, sa_type=EnumString(MassShape))
    margin: MassMargin | None = Field(default=None, sa_type=EnumString(MassMargin))
    mass_density: MassDensity | None = Field(default=None, sa_type=EnumString(MassDensity))
    asymmetry: AsymmetryKind | None = Field(default=None, sa_type=EnumString(AsymmetryKind))
    features: str = ""  # comma-separated AssociatedFeature values
    quadrant: Quadrant | None = Field(default=None, sa_type=EnumString(Quadrant))
    clock: int | None = None
    depth: Depth | None = Field(default=None, sa_type=EnumString(Depth))
    distance_cm: float | None = None
    change: Change | None = Field(default=None, sa_type=EnumString(Change))
    note: str = ""
    removed_at: datetime | None = None


class ProcedureRow(Provenance, table=True):
    """A work-up procedure or biopsy on a date, usually for a finding."""

    __tablename__ = "procedure"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    study_pk: int | None = Field(default=None, foreign_key="study.id")
    finding_id: int | None = Field(default=None, foreign_key="finding.id")
    procedure_date: date
    type: ProcedureType = Field(sa_type=EnumString(ProcedureType))
    side: Side = Field(sa_type=EnumString(Side))
    note: str = ""
    removed_at: datetime | None = None


class PathologyRow(Provenance, table=True):
    """A pathology outcome, usually of a biopsy."""

    __tablename__ = "pathology"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    procedure_id: int | None = Field(default=None, foreign_key="procedure.id")
    result_date: date
    outcome: PathologyOutcome = Field(sa_type=EnumString(PathologyOutcome))
    side: Side = Field(sa_type=EnumString(Side))
    text: str = ""
    removed_at: datetime | None = None


class Attachment(SQLModel, table=True):
    """A document kept with a study (report PDF, scan, text), stored in the library."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    study_pk: int | None = Field(default=None, foreign_key="study.id", index=True)
    kind: str = "report"
    filename: str
    media_type: str = "application/octet-stream"
    library_path: str  # POSIX, relative to the library folder; same bytes share one file
    sha256: str = Field(index=True)
    size: int
    source_path: str = ""
    created_at: datetime


class Proposal(SQLModel, table=True):
    """A value read from a report, waiting for the user to accept or reject it."""

    id: int | None = Field(default=None, primary_key=True)
    study_pk: int | None = Field(default=None, foreign_key="study.id", index=True)
    attachment_id: int | None = Field(default=None, foreign_key="attachment.id")
    instance_id: int | None = Field(default=None, foreign_key="instance.id")
    field: str
    side: Side | None = Field(default=None, sa_type=EnumString(Side))
    value: str  # depends on the field (a category, a density letter, ...): text
    quote: str = ""  # exactly the text the value was read from
    context: str = ""  # the text around it, for showing the source
    span_start: int | None = None
    span_end: int | None = None
    language: str = ""
    source_kind: SourceKind = Field(default=SourceKind.RADIOLOGIST, sa_type=EnumString(SourceKind))
    status: ProposalStatus = Field(
        default=ProposalStatus.PENDING, sa_type=EnumString(ProposalStatus)
    )
    created_at: datetime
    decided_at: datetime | None = None


class ManualDue(SQLModel, table=True):
    """A due date the user set by hand (e.g. after a benign biopsy, as her doctor advised)."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    due_date: date
    reason: str = ""
    created_at: datetime
    removed_at: datetime | None = None
