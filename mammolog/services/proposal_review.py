"""Reviewing proposals: accepting one records its value with its provenance; rejecting keeps it.

Accepting goes through the same services as a result typed by hand (:mod:`mammolog.services.
results`), in one call per proposal. Values from a CAD report never become the assessment; a
density read for one breast becomes the exam's only when the other breast's agrees; a finding
descriptor needs its side. Proposals are read and listed by :mod:`mammolog.services.proposals`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from mammolog.catalog.db import read_session, write_session
from mammolog.catalog.models import Study
from mammolog.catalog.results_models import Proposal
from mammolog.catalog.statuses import ProposalStatus, ResultSource, SourceKind
from mammolog.domain.errors import DomainValidationError
from mammolog.domain.plain_words import proposal_accepted_words
from mammolog.services import results

ASSESSMENT_FIELDS = {"category", "density", "recommendation"}


def accept_proposal(engine: Engine, proposal_id: int) -> str:
    """Make a proposal part of the recorded results (with its provenance); returns what was done."""
    with read_session(engine) as session:
        proposal = session.get(Proposal, proposal_id)
        if proposal is None:
            raise DomainValidationError("proposal", f"there is no proposal {proposal_id}")
        study = session.get(Study, proposal.study_pk) if proposal.study_pk else None
    if proposal.status != ProposalStatus.PENDING:
        raise DomainValidationError(
            "proposal", f"proposal {proposal_id} is already {proposal.status}"
        )
    if study is None:
        raise DomainValidationError("proposal", f"proposal {proposal_id} is not placed on a study")
    if proposal.source_kind == SourceKind.CAD and proposal.field in ASSESSMENT_FIELDS:
        raise DomainValidationError(
            "proposal",
            f"proposal {proposal_id} comes from a CAD report (a machine's output); "
            "it cannot become the radiologist's assessment",
        )
    provenance = results.Provenance(
        source=ResultSource.DOCUMENT, attachment_id=proposal.attachment_id,
        instance_id=proposal.instance_id, text=proposal.quote,
    )  # fmt: skip
    done = _apply(engine, study.study_uid, proposal, provenance)
    with write_session(engine) as session:
        row = session.get(Proposal, proposal_id)
        assert row is not None
        row.status = ProposalStatus.ACCEPTED
        row.decided_at = datetime.now(UTC)
        session.add(row)
    return done


def _apply(
    engine: Engine, study_uid: str, proposal: Proposal, provenance: results.Provenance
) -> str:
    side, value = proposal.side, proposal.value
    if proposal.field == "category":
        right = value if side in ("R", "B") else None
        left = value if side in ("L", "B") else None
        overall = value if side is None else None
        results.assess(
            engine, study_uid, right=right, left=left, overall=overall, provenance=provenance
        )
        return proposal_accepted_words(proposal.field, side, value)
    if proposal.field == "density" and side in ("R", "L"):
        _refuse_uneven_density(engine, proposal)
    if proposal.field in ("density", "recommendation"):
        if not results.assessment_history(engine, study_uid):
            raise DomainValidationError(
                "proposal",
                f"a {proposal.field} needs a category first: record the study's BI-RADS "
                f"category, then its {proposal.field}",
            )
        if proposal.field == "density":
            results.assess(engine, study_uid, density=value, provenance=provenance)
        else:
            results.assess(engine, study_uid, recommendation=value, provenance=provenance)
        return proposal_accepted_words(proposal.field, side, value)
    finding_fields = {
        "calcification_morphology": ("calcification", "morphology"),
        "calcification_distribution": ("calcification", "distribution"),
        "mass_shape": ("mass", "shape"),
        "mass_margin": ("mass", "margin"),
    }
    if proposal.field in finding_fields:
        finding_type, name = finding_fields[proposal.field]
        if side is None:
            raise DomainValidationError(
                "side", "the report does not say which breast; record it by hand"
            )
        stored = results.add_finding(
            engine, study_uid, provenance=provenance, type=finding_type, side=side, **{name: value}
        )
        words = proposal_accepted_words(proposal.field, side, value)
        return f"{words.removesuffix('.')} (finding {stored.finding_id})."
    raise DomainValidationError(
        "proposal",
        f"a {proposal.field} proposal cannot be applied automatically; record it by hand",
    )


def _refuse_uneven_density(engine: Engine, proposal: Proposal) -> None:
    """A density read for one breast becomes the exam's only when the other breast's agrees.

    The record holds one density per exam. When a report gives each breast its own density
    ("right b, left c"), or one breast's only, accepting it would make one breast's value the
    exam's: refused, so the user decides (the proposals stay, with their sides).
    """
    with read_session(engine) as session:
        others = session.exec(
            select(Proposal).where(
                Proposal.study_pk == proposal.study_pk,
                Proposal.field == "density",
                col(Proposal.side).in_(("R", "L")),
                Proposal.status != ProposalStatus.REJECTED,
                Proposal.source_kind == SourceKind.RADIOLOGIST,
            )
        ).all()
    by_side: dict[str, set[str]] = {"R": set(), "L": set()}
    for other in others:
        by_side[str(other.side)].add(other.value)
    if by_side["R"] == by_side["L"] == {proposal.value}:
        return
    if by_side["R"] and by_side["L"]:
        right, left = ", ".join(sorted(by_side["R"])), ", ".join(sorted(by_side["L"]))
        said = f"gives each breast its own density (right {right}, left {left})"
    else:
        said = f"gives a density for the {'right' if proposal.side == 'R' else 'left'} breast only"
    raise DomainValidationError(
        "proposal",
        f"the report {said}; the record keeps one density for the exam, "
        "so record it by hand if you want one",
    )


def reject_proposal(engine: Engine, proposal_id: int) -> None:
    """Mark a proposal rejected (kept, so it is not proposed again)."""
    with write_session(engine) as session:
        row = session.get(Proposal, proposal_id)
        if row is None:
            raise DomainValidationError("proposal", f"there is no proposal {proposal_id}")
        if row.status != ProposalStatus.PENDING:
            raise DomainValidationError(
                "proposal", f"proposal {proposal_id} is already {row.status}"
            )
        row.status = ProposalStatus.REJECTED
        row.decided_at = datetime.now(UTC)
        session.add(row)
