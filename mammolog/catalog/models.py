"""Catalog tables (SQLModel on SQLite).

A *Person* is a human being the user keeps records for. Each disc names her its own way:
a *PatientIdentity* is one such naming (name, ID, issuer, birth date, sex as recorded), and
many identities belong to one person. Studies hang off the identity they were recorded
under, so merging and splitting persons never touches a study.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from mammolog.catalog.statuses import ImportRunStatus
from mammolog.catalog.types import EnumString


class Person(SQLModel, table=True):
    """A human being the user keeps records for."""

    id: int | None = Field(default=None, primary_key=True)
    display_name: str
    birth_date: date | None = None
    sex: str = ""
    created_at: datetime


class PatientIdentity(SQLModel, table=True):
    """A patient as one disc records her; many per person.

    ``name_keys`` holds the normalised "family^first-given" of each PN component group
    (alphabetic, ideographic, phonetic), separated by ";", for person matching.
    """

    __table_args__ = (
        UniqueConstraint(
            "patient_name", "patient_id", "issuer", "birth_date", "sex", name="uq_identity"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    patient_name: str = ""
    patient_id: str = ""
    issuer: str = ""
    birth_date: date | None = None
    sex: str = ""
    name_keys: str = Field(default="", index=True)
    link_reason: str = ""
    created_at: datetime


class Study(SQLModel, table=True):
    """One exam on one day at one centre."""

    id: int | None = Field(default=None, primary_key=True)
    study_uid: str = Field(unique=True)
    identity_id: int = Field(foreign_key="patientidentity.id", index=True)
    study_date: date | None = Field(default=None, index=True)
    study_time: str = ""
    description: str = ""
    accession_number: str = ""
    study_id: str = ""
    institution: str = ""
    referring_physician: str = ""
    modalities: str = ""
    created_at: datetime


class Series(SQLModel, table=True):
    """A series of a study."""

    id: int | None = Field(default=None, primary_key=True)
    series_uid: str = Field(unique=True)
    study_pk: int = Field(foreign_key="study.id", index=True)
    modality: str = ""
    series_number: int | None = None
    description: str = ""
    body_part: str = ""


class Instance(SQLModel, table=True):
    """One stored DICOM object (an image, a report, a dose record)."""

    __table_args__ = (UniqueConstraint("sop_instance_uid", "sha256", name="uq_instance_content"),)

    id: int | None = Field(default=None, primary_key=True)
    series_pk: int = Field(foreign_key="series.id", index=True)
    sop_instance_uid: str = Field(index=True)
    sop_class_uid: str = ""
    modality: str = ""
    instance_number: int | None = None
    laterality: str = ""
    view: str = ""
    view_modifiers: str = ""
    view_label: str = ""
    presentation_intent: str = ""
    image_type: str = ""
    # What the object is (mammogram, tomosynthesis, dose-report, ...; see
    # mammolog.domain.image_kinds), classified at import; "" until it has been classified.
    kind: str = ""
    kind_vendor: str = ""  # for vendor-proprietary data: whose it is ("Hologic")
    transfer_syntax: str = ""
    frames: int = 1
    rows: int | None = None
    columns: int | None = None
    size: int
    sha256: str
    library_path: str = Field(unique=True)  # POSIX, relative to the library folder
    conflict: bool = False  # same SOP Instance UID as an earlier object, different bytes
    import_run_id: int | None = Field(default=None, foreign_key="importrun.id")
    source_path: str = ""


class ImportRun(SQLModel, table=True):
    """One run of ``mammolog import`` over one source."""

    id: int | None = Field(default=None, primary_key=True)
    source: str
    started_at: datetime
    finished_at: datetime | None = None
    status: ImportRunStatus = Field(
        default=ImportRunStatus.RUNNING, sa_type=EnumString(ImportRunStatus)
    )
    files_seen: int = 0
    studies_added: int = 0
    series_added: int = 0
    instances_added: int = 0
    instances_already_present: int = 0
    conflicts: int = 0
    ignored_files: int = 0
    problems: int = 0
    bytes_copied: int = 0


class ImportProblem(SQLModel, table=True):
    """Something on a source that could not be imported, and why."""

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="importrun.id", index=True)
    path: str
    reason: str


# The results tables live in their own module; importing it here registers them with the
# metadata wherever the catalog models are used.
from mammolog.catalog import results_models as _results_models  # noqa: E402, F401
