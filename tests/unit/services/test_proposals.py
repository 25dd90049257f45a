"""Proposals from attached reports: extraction, listing with source, accept, reject, conflicts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from mammolog.catalog.migrate import open_catalog
from mammolog.domain.errors import DomainValidationError
from mammolog.paths import AppPaths
from mammolog.services import results
from mammolog.services.attachments import attach_file
from mammolog.services.proposal_review import accept_proposal, reject_proposal
from mammolog.services.proposals import (
    extract_proposals,
    list_proposals,
)
from tests.factories import make_study

REPORT = """BILATERAL SCREENING MAMMOGRAM
Comparison: 2021.
The breasts are heterogeneously dense (density c).
Left breast: grouped fine pleomorphic calcifications in the upper outer quadrant.
IMPRESSION:
Right breast: BI-RADS 2 - Benign.
Left breast: BI-RADS 4B.
Recommendation: stereotactic biopsy of the left breast.
"""


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under_home(tmp_path / "home")


@pytest.fixture
def engine(paths: AppPaths) -> Engine:
    return open_catalog(paths)


def attach_text(
    engine: Engine, paths: AppPaths, tmp_path: Path, study: str, text: str, name: str
) -> None:
    report = tmp_path / name
    report.write_text(text, encoding="utf-8")
    attach_file(engine, paths, study, report)


def test_extract_list_accept_reject(engine: Engine, paths: AppPaths, tmp_path: Path) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1), views=())
    attach_text(engine, paths, tmp_path, "1.1", REPORT, "report.txt")
    summary = extract_proposals(engine, paths)
    assert summary.documents_read == 1 and summary.problems == ()
    found = {(p.field, p.side, p.value): p for p in list_proposals(engine)}
    right = found[("category", "R", "2")]
    left = found[("category", "L", "4B")]
    assert "4B" in left.quote and left.document == "report.txt"
    assert REPORT.count(left.quote) >= 1
    assert extract_proposals(engine, paths).proposals_added == 0  # nothing proposed twice
    accept_proposal(engine, right.proposal_id)
    accept_proposal(engine, left.proposal_id)
    history = results.assessment_history(engine, "1.1")
    assert (history[-1]["right"], history[-1]["left"]) == ("2", "4B")
    assert history[-1]["source"] == "document" and "4B" in history[-1]["source_text"]
    with pytest.raises(DomainValidationError, match="already accepted"):
        accept_proposal(engine, left.proposal_id)
    remaining = list_proposals(engine)
    assert all(p.proposal_id not in (right.proposal_id, left.proposal_id) for p in remaining)
    if remaining:
        reject_proposal(engine, remaining[0].proposal_id)
        assert remaining[0].proposal_id not in [p.proposal_id for p in list_proposals(engine)]


def test_two_documents_that_disagree_are_a_conflict(
    engine: Engine, paths: AppPaths, tmp_path: Path
) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1), views=())
    attach_text(engine, paths, tmp_path, "1.1", "IMPRESSION: Right breast: BI-RADS 2.\n", "a.txt")
    attach_text(engine, paths, tmp_path, "1.1", "IMPRESSION: Right breast: BI-RADS 3.\n", "b.txt")
    extract_proposals(engine, paths)
    rights = [p for p in list_proposals(engine) if p.field == "category" and p.side == "R"]
    assert sorted(p.value for p in rights) == ["2", "3"]
    assert all(p.conflict for p in rights)


def test_unreadable_document_is_a_problem_not_a_crash(
    engine: Engine, paths: AppPaths, tmp_path: Path
) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1), views=())
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n this is not really a pdf")
    attach_file(engine, paths, "1.1", broken)
    summary = extract_proposals(engine, paths)
    assert summary.proposals_added == 0
    assert [p for p, _ in summary.problems] == ["broken.pdf"]


def test_descriptor_proposals_become_findings_and_cad_never_the_assessment(
    engine: Engine, paths: AppPaths, tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    from mammolog.catalog.db import write_session
    from mammolog.catalog.results_models import Proposal

    make_study(engine, uid="1.1", study_date=date(2024, 3, 1), views=())
    now = datetime.now(UTC)
    with write_session(engine) as session:
        for field, side, value, kind in (
            ("calcification_morphology", "L", "fine-pleomorphic", "radiologist"),
            ("calcification_distribution", None, "grouped", "radiologist"),
            ("category", "R", "4A", "cad"),
            ("pathology", "L", "benign", "radiologist"),
            ("density", None, "c", "radiologist"),
        ):
            session.add(
                Proposal(
                    study_pk=1,
                    field=field,
                    side=side,
                    value=value,
                    quote=value,
                    source_kind=kind,
                    created_at=now,
                )  # fmt: skip
            )
    by_field = {p.field: p for p in list_proposals(engine, "1.1")}
    assert by_field["category"].source_kind == "cad"
    assert "finding" in accept_proposal(engine, by_field["calcification_morphology"].proposal_id)
    found = results.list_findings(engine, "1.1")
    assert [(f.finding.morphology, f.source) for f in found] == [("fine-pleomorphic", "document")]
    with pytest.raises(DomainValidationError, match="which breast"):
        accept_proposal(engine, by_field["calcification_distribution"].proposal_id)
    with pytest.raises(DomainValidationError, match="CAD"):
        accept_proposal(engine, by_field["category"].proposal_id)
    with pytest.raises(DomainValidationError, match="by hand"):
        accept_proposal(engine, by_field["pathology"].proposal_id)
    with pytest.raises(DomainValidationError, match="needs a category first"):
        accept_proposal(engine, by_field["density"].proposal_id)
    results.assess(engine, "1.1", right="2", left="2")
    done = accept_proposal(engine, by_field["density"].proposal_id)
    assert done.startswith("Recorded the breast density: c (heterogeneously dense"), done
    assert results.assessment_history(engine, "1.1")[-1]["density"] == "c"
    reject_proposal(engine, by_field["category"].proposal_id)
    with pytest.raises(DomainValidationError, match="already rejected"):
        reject_proposal(engine, by_field["category"].proposal_id)
    with pytest.raises(DomainValidationError, match="no proposal"):
        reject_proposal(engine, 999)
    with pytest.raises(DomainValidationError, match="no proposal"):
        accept_proposal(engine, 999)
    decided = list_proposals(engine, include_decided=True)
    assert {p.status for p in decided} >= {"accepted", "rejected", "pending"}
