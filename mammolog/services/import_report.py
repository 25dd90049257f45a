"""The import report: what one run of ``mammolog import`` did (frozen records)."""

from __future__ import annotations

from collections.abc import Iterable
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
    """A file (path on the source) that could not be imported, and why.

    ``more_like_this`` counts further problems with the same reason that were not listed one
    by one (a damaged index can name hundreds of thousands of missing files).
    """

    path: str
    reason: str
    more_like_this: int = 0

    def as_json(self) -> dict[str, object]:
        """The public JSON form (``more_like_this`` only when problems were summarised)."""
        data: dict[str, object] = {"path": self.path, "reason": self.reason}
        if self.more_like_this:
            data["more_like_this"] = self.more_like_this
        return data


#: Problems with the same reason listed one by one before the rest are only counted (a real
#: Philips disc names 140 missing files in one index), and distinct reasons kept apart.
LISTED_PER_REASON = 200
MAX_REASONS = 1000


class ProblemCollector:
    """Problems of one run: the first few of each reason listed, the rest only counted.

    Memory stays bounded however many files a source gets wrong in the same way, and a report
    shows ``and 599,990 more like this`` instead of 600,000 lines.
    """

    def __init__(
        self, listed_per_reason: int = LISTED_PER_REASON, max_reasons: int = MAX_REASONS
    ) -> None:
        self.listed_per_reason = listed_per_reason
        self.max_reasons = max_reasons
        self._lines: list[ProblemLine] = []
        self._seen: dict[str, int] = {}
        self.total = 0

    def append(self, line: ProblemLine) -> None:
        """Record one problem."""
        self.total += 1
        reason = line.reason if len(self._seen) < self.max_reasons else "other problems"
        seen = self._seen.get(reason, 0)
        self._seen[reason] = seen + 1
        if seen < self.listed_per_reason and reason == line.reason:
            self._lines.append(line)

    def extend(self, lines: Iterable[ProblemLine]) -> None:
        """Record several problems."""
        for line in lines:
            self.append(line)

    def __len__(self) -> int:
        return self.total

    def __bool__(self) -> bool:
        return self.total > 0

    def lines(self) -> tuple[ProblemLine, ...]:
        """The listed problems, then one summary line per reason with more than were listed."""
        listed = {reason: 0 for reason in self._seen}
        for line in self._lines:
            listed[line.reason] += 1
        summaries = [
            ProblemLine("", reason, self._seen[reason] - listed[reason])
            for reason in self._seen
            if self._seen[reason] > listed[reason]
        ]
        return (*self._lines, *summaries)


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
    #: Every problem met, including those summarised as ``more_like_this``.
    problem_count: int = 0

    @property
    def problems_found(self) -> int:
        """How many problems the run met (listed or summarised)."""
        return self.problem_count or sum(p.more_like_this or 1 for p in self.problems)

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
            "problem_count": self.problems_found,
            "files_seen": self.files_seen,
            "cancelled": self.cancelled,
        }
