"""Saving a study's result as one change: the assessment, findings added, changed or removed,
procedures and pathology, all in one transaction.

The app's results form and the command line (``mammolog assess``, ``mammolog finding add``)
both call :func:`save_result`, so a failure half-way leaves nothing half-saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import col, func, select

from mammolog.catalog.db import write_session
from mammolog.catalog.results_models import FindingRow
from mammolog.domain.errors import DomainValidationError
from mammolog.domain.plain_words import plural
from mammolog.domain.records import Assessment, Finding, Pathology, Procedure
from mammolog.services.results import (
    USER,
    AssessmentInput,
    Provenance,
    StoredFinding,
    add_finding_in_session,
    assess_in_session,
    remove_finding_in_session,
)
from mammolog.services.studies import resolve_study
from mammolog.services.workup import add_pathology_in_session, add_procedure_in_session


def finding_from_input(**fields: Any) -> Finding:
    """A finding from values typed as text ("calcification", "R", "fine-pleomorphic"),
    validated by the domain (raises :class:`DomainValidationError` with the reason)."""
    features = tuple(fields.pop("features", ()) or ())
    return Finding(features=features, **fields)


@dataclass(frozen=True)
class ResultChanges:
    """What a person changed in a study's result, validated by the domain records.

    ``assessment`` is ``None`` when the assessment is left as it is; ``changed_findings``
    maps a stored finding's id to its new version (the old one stays in the history);
    ``removed_findings`` are ids of stored findings to mark removed.
    """

    assessment: AssessmentInput | None = None
    added_findings: tuple[Finding, ...] = ()
    changed_findings: tuple[tuple[int, Finding], ...] = ()
    removed_findings: tuple[int, ...] = ()
    procedures: tuple[Procedure, ...] = ()
    pathology: tuple[Pathology, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to save."""
        return self.assessment is None and not (
            self.added_findings
            or self.changed_findings
            or self.removed_findings
            or self.procedures
            or self.pathology
        )


@dataclass(frozen=True)
class SavedResult:
    """What :func:`save_result` recorded, and how many findings the study has now."""

    study_uid: str
    assessment: Assessment | None
    added_findings: tuple[StoredFinding, ...] = ()
    changed_findings: int = 0
    removed_findings: int = 0
    procedures: int = 0
    pathology: int = 0
    findings_total: int = 0
    procedure_ids: tuple[int, ...] = field(default=())
    pathology_ids: tuple[int, ...] = field(default=())

    def summary(self) -> str:
        """One line for the person: "Saved the result and 4 findings (1 added)."."""
        parts: list[str] = []
        if self.assessment is not None:
            parts.append("the result")
        findings_touched = self.added_findings or self.changed_findings or self.removed_findings
        if findings_touched:
            what = [
                f"{count} {verb}"
                for count, verb in (
                    (len(self.added_findings), "added"),
                    (self.changed_findings, "changed"),
                    (self.removed_findings, "removed"),
                )
                if count
            ]
            total = plural(self.findings_total, "finding") if self.findings_total else "no findings"
            parts.append(f"{total} ({', '.join(what)})")
        if self.procedures:
            parts.append(plural(self.procedures, "procedure"))
        if self.pathology:
            parts.append(plural(self.pathology, "pathology result"))
        return "Saved " + " and ".join(parts) + "."


def save_result(
    engine: Engine,
    study_ref: str,
    changes: ResultChanges,
    *,
    provenance: Provenance = USER,
) -> SavedResult:
    """Record every change of ``changes`` on one study in one transaction.

    Raises :class:`DomainValidationError` (nothing saved) when there is nothing to save, a
    finding to change or remove is not one of this study's, or a value is refused.
    """
    if changes.is_empty:
        raise DomainValidationError("result", "nothing to save: give a category or a finding")
    with write_session(engine) as session:
        study = resolve_study(session, study_ref)
        assessment = (
            assess_in_session(session, study.pk, changes.assessment, provenance)
            if changes.assessment is not None
            else None
        )
        for finding_id in changes.removed_findings:
            remove_finding_in_session(session, finding_id, study_pk=study.pk)
        for finding_id, finding in changes.changed_findings:
            remove_finding_in_session(session, finding_id, study_pk=study.pk)
            add_finding_in_session(session, study.pk, finding, provenance)
        added = tuple(
            StoredFinding(
                add_finding_in_session(session, study.pk, finding, provenance),
                study.study_uid,
                finding,
                provenance.source,
            )
            for finding in changes.added_findings
        )
        procedure_ids = tuple(
            add_procedure_in_session(session, procedure, study_pk=study.pk, provenance=provenance)
            for procedure in changes.procedures
        )
        pathology_ids = tuple(
            add_pathology_in_session(
                session, result, person_id=study.person_id, provenance=provenance
            )
            for result in changes.pathology
        )
        session.flush()
        total = session.exec(
            select(func.count(col(FindingRow.id))).where(
                FindingRow.study_pk == study.pk, col(FindingRow.removed_at).is_(None)
            )
        ).one()
    return SavedResult(
        study_uid=study.study_uid,
        assessment=assessment,
        added_findings=added,
        changed_findings=len(changes.changed_findings),
        removed_findings=len(changes.removed_findings),
        procedures=len(procedure_ids),
        pathology=len(pathology_ids),
        findings_total=int(total),
        procedure_ids=procedure_ids,
        pathology_ids=pathology_ids,
    )
