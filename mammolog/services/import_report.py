"""The import report: what one run of ``mammolog import`` did (frozen records)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PersonSummary:
    """A person the imported objects belong to."""

    person_id: int
    display_name: str
    new: bool

    def as_json(self) -> dict[str, object]:
        """The public JSON form."""
        return {"person_id": self.person_id, "display_name": self.display_name, "new": self.new}


@dataclass(frozen=True)
class ProblemLine:
    """A file (path on the source) that could not be imported, and why."""

    path: str
    reason: str

    def as_json(self) -> dict[str, str]:
        """The public JSON form."""
        return {"path": self.path, "reason": self.reason}


@dataclass(frozen=True)
class ImportReport:
    """What one import did; :meth:`as_json` gives the public ``--json`` object."""

    source: str
    studies_added: int
    series_added: int
    instances_added: int
    instances_already_present: int
    conflicts: int
    ignored_files: int
    bytes_copied: int
    persons: tuple[PersonSummary, ...]
    problems: tuple[ProblemLine, ...]
    files_seen: int = 0
    dicom_found: int = 0
    cancelled: bool = False
    #: Loose non-DICOM documents on the source (relative path, "pdf"/"html"/"text"), e.g. for
    #: report reading; they are counted in ``ignored_files`` and not copied.
    documents: tuple[tuple[str, str], ...] = ()
    run_id: int | None = None
    #: Study Instance UIDs of every object on the source (added or already present).
    study_uids: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        """True when every DICOM object found is in the library and nothing went wrong."""
        return not self.problems and not self.cancelled

    def as_json(self) -> dict[str, object]:
        """The public JSON object (field names are a contract; extra fields are additions)."""
        return {
            "source": self.source,
            "studies_added": self.studies_added,
            "series_added": self.series_added,
            "instances_added": self.instances_added,
            "instances_already_present": self.instances_already_present,
            "conflicts": self.conflicts,
            "ignored_files": self.ignored_files,
            "bytes_copied": self.bytes_copied,
            "persons": [p.as_json() for p in self.persons],
            "problems": [p.as_json() for p in self.problems],
            "files_seen": self.files_seen,
            "cancelled": self.cancelled,
        }
