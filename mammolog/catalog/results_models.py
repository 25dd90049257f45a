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


class Provenance(SQLModel):
    """Where a value came from."""

    source: str = "user"  # "user" or "document"
    source_attachment_id: int | None = Field(default=None, foreign_key="attachment.id")
    source_instance_id: int | None = Field(default=None, foreign_key="instance.id")
    source_text: str = ""
    created_at: datetime


class AssessmentRow(Provenance, table=True):
    """The recorded result of one study; older versions are kept, superseded."""

    __tablename__ = "assessment"

    id: int | None = Field(default=None, primary_key=True)
    study_pk: int = Field(foreign_key="study.id", index=True)
    right: str | None = None
    left: str | None = None
    overall: str | None = None
    density: str | None = None
    density_entered: str | None = None
    recommendation: str | None = None
    note: str = ""
    superseded_at: datetime | None = None


class FindingRow(Provenance, table=True):
    """One finding of a study, in the BI-RADS lexicon."""

    __tablename__ = "finding"

    id: int | None = Field(default=None, primary_key=True)
    study_pk: int = Field(foreign_key="study.id", index=True)
    type: str
    side: str | None = None
    morphology: str | None = None
    distribution: str | None = None
    shape: str | None = None
    margin: str | None = None
    mass_density: str | None = None
    asymmetry: str | None = None
    features: str = ""  # comma-separated AssociatedFeature values
    quadrant: str | None = None
    clock: int | None = None
    depth: str | None = None
    distance_cm: float | None = None
    change: str | None = None
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
    type: str
    side: str
    note: str = ""
    removed_at: datetime | None = None


class PathologyRow(Provenance, table=True):
    """A pathology outcome, usually of a biopsy."""

    __tablename__ = "pathology"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    procedure_id: int | None = Field(default=None, foreign_key="procedure.id")
    result_date: date
    outcome: str
    side: str
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
    side: str | None = None
    value: str
    quote: str = ""  # exactly the text the value was read from
    context: str = ""  # the text around it, for showing the source
    span_start: int | None = None
    span_end: int | None = None
    language: str = ""
    source_kind: str = "radiologist"  # "radiologist" or "cad"
    status: str = "pending"  # pending, accepted, rejected
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
