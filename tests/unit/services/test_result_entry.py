"""Saving a results form as one change: everything or nothing; findings changed and removed;
the study read without listing every study."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from mammolog.catalog.db import read_session, write_session
from mammolog.catalog.migrate import open_catalog
from mammolog.catalog.models import Instance
from mammolog.domain.errors import DomainValidationError
from mammolog.domain.records import Pathology, Procedure
from mammolog.paths import AppPaths
from mammolog.services import result_entry, studies
from mammolog.services.result_entry import ResultChanges, finding_from_input, save_result
from mammolog.services.results import (
    AssessmentInput,
    add_finding,
    assessment_history,
    list_findings,
)
from mammolog.services.studies import StudyNotFound, resolve_study, study_record
from mammolog.services.study_view import load_study_details, load_study_with_prior
from mammolog.services.timeline import person_timeline
from tests.factories import make_study

TODAY = date(2026, 11, 25)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under_home(tmp_path / "home")


@pytest.fixture
def engine(paths: AppPaths) -> Engine:
    engine = open_catalog(paths)
    make_study(engine, uid="1.1", study_date=date(2023, 3, 1))
    make_study(engine, uid="1.2", study_date=date(2024, 3, 1))
    make_study(engine, uid="1.3", study_date=date(2024, 3, 1))
    return engine


def biopsy() -> Procedure:
    return Procedure.from_input(
        date="2024-03-10", type="stereotactic-biopsy", side="L", today=TODAY
    )


def test_one_save_records_assessment_findings_procedure_and_pathology(engine: Engine) -> None:
    changes = ResultChanges(
        assessment=AssessmentInput(right="2", left="4B", density="c", recommendation="biopsy"),
        added_findings=(
            finding_from_input(type="calcification", side="L", morphology="fine-pleomorphic"),
            finding_from_input(type="mass", side="R", shape="oval"),
        ),
        procedures=(biopsy(),),
        pathology=(
            Pathology.from_input(date="2024-03-20", outcome="benign", side="L", today=TODAY),
        ),
    )
    saved = save_result(engine, "1.1", changes)
    assert saved.assessment is not None and saved.assessment.overall is not None
    assert saved.assessment.overall.value == "4B"
    assert saved.findings_total == 2 and len(saved.added_findings) == 2
    assert saved.summary() == (
        "Saved the result and 2 findings (2 added) and 1 procedure and 1 pathology result."
    )
    assert len(list_findings(engine, "1.1")) == 2
    timeline = person_timeline(engine, None, today=TODAY)
    assert timeline.entries


def test_a_failure_half_way_leaves_nothing_half_saved(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_finding(engine, "1.1", type="mass", side="R")
    before = list_findings(engine, "1.1")

    def broken(*_args: object, **_kwargs: object) -> int:
        raise OSError("the disk went away")

    monkeypatch.setattr(result_entry, "add_procedure_in_session", broken)
    changes = ResultChanges(
        assessment=AssessmentInput(right="4A", left="1"),
        added_findings=(finding_from_input(type="calcification", side="R"),),
        removed_findings=(before[0].finding_id,),
        procedures=(biopsy(),),
    )
    with pytest.raises(OSError, match="disk went away"):
        save_result(engine, "1.1", changes)
    assert assessment_history(engine, "1.1") == []
    assert list_findings(engine, "1.1") == before


def test_change_and_remove_findings_keep_the_history(engine: Engine) -> None:
    first = add_finding(engine, "1.1", type="mass", side="R", shape="oval")
    second = add_finding(engine, "1.1", type="mass", side="L")
    third = add_finding(engine, "1.1", type="asymmetry", side="B")
    changed = finding_from_input(type="mass", side="R", shape="irregular", margin="spiculated")
    saved = save_result(
        engine,
        "1.1",
        ResultChanges(
            added_findings=(finding_from_input(type="calcification", side="L"),),
            changed_findings=((first.finding_id, changed),),
            removed_findings=(second.finding_id,),
        ),
    )
    assert saved.findings_total == 3
    assert saved.summary() == "Saved 3 findings (1 added, 1 changed, 1 removed)."
    now = {(f.finding.type.value, f.finding.side) for f in list_findings(engine, "1.1")}
    assert ("mass", changed.side) in now and ("asymmetry", third.finding.side) in now
    assert all(f.finding_id not in (first.finding_id, second.finding_id)
               for f in list_findings(engine, "1.1"))  # fmt: skip


def test_a_finding_of_another_study_or_nothing_at_all_is_refused(engine: Engine) -> None:
    other = add_finding(engine, "1.2", type="mass", side="R")
    with pytest.raises(DomainValidationError, match="another study"):
        save_result(
            engine,
            "1.1",
            ResultChanges(
                assessment=AssessmentInput(right="1", left="1"),
                removed_findings=(other.finding_id,),
            ),
        )
    assert assessment_history(engine, "1.1") == []
    assert len(list_findings(engine, "1.2")) == 1
    with pytest.raises(DomainValidationError, match="nothing to save"):
        save_result(engine, "1.1", ResultChanges())
    with pytest.raises(DomainValidationError):
        finding_from_input(type="mass", side="L", morphology="amorphous")


def test_short_ids_need_only_the_studies_of_that_day(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def every_study(*_args: object, **_kwargs: object) -> object:
        raise AssertionError("read every study")

    monkeypatch.setattr(studies, "list_studies", every_study)
    with read_session(engine) as session:
        assert resolve_study(session, "2023-03-01").study_uid == "1.1"
        assert resolve_study(session, "2024-03-01.2").study_uid == "1.3"
        assert resolve_study(session, "1.2").short_id == "2024-03-01.1"
        with pytest.raises(StudyNotFound, match="several studies on 2024-03-01"):
            resolve_study(session, "2024-03-01")
        with pytest.raises(StudyNotFound, match="no study 'nonsense'"):
            resolve_study(session, "nonsense")
        with pytest.raises(StudyNotFound):
            study_record(session, 999)


def test_one_study_and_its_prior_without_listing_every_study(
    engine: Engine, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    def every_study(*_args: object, **_kwargs: object) -> object:
        raise AssertionError("read every study")

    monkeypatch.setattr(studies, "list_studies", every_study)
    add_finding(engine, "1.3", type="mass", side="R")
    with read_session(engine) as session:
        pk = resolve_study(session, "1.3").pk
    with write_session(engine) as session:  # the factory's objects have no size: give them one
        for instance in session.exec(select(Instance)).all():
            instance.rows, instance.columns = 64, 48
            session.add(instance)
    details = load_study_details(engine, paths, pk)
    assert details.study.study_uid == "1.3" and len(details.images) == 4
    assert [f.finding.type.value for f in details.findings] == ["mass"]
    assert details.proposals == () and details.proposals_decided == 0
    pair = load_study_with_prior(engine, pk)
    assert pair.prior is not None and pair.prior.study.study_uid == "1.1"  # 1.2: same day
    with read_session(engine) as session:
        first = resolve_study(session, "1.1").pk
    assert load_study_with_prior(engine, first).prior is None


def test_a_study_s_documents_their_text_and_file(
    engine: Engine, paths: AppPaths, tmp_path: Path
) -> None:
    from mammolog.services.attachments import attach_file
    from mammolog.services.study_view import document_file, document_text, load_study_images

    report = tmp_path / "letter.txt"
    report.write_text("Impression: BI-RADS 1, negative.\n", encoding="utf-8")
    attach_file(engine, paths, "1.1", report)
    with read_session(engine) as session:
        pk = resolve_study(session, "1.1").pk
    details = load_study_details(engine, paths, pk)
    assert [(d.name, d.kind, d.media_type) for d in details.documents] == [
        ("letter.txt", "attachment", "text/plain")
    ]
    document = details.documents[0]
    assert "BI-RADS 1" in document_text(document)
    assert document_file(document, paths) == Path(document.path)
    assert load_study_images(engine, pk).study.study_uid == "1.1"
    with pytest.raises(StudyNotFound):
        load_study_details(engine, paths, 999)
