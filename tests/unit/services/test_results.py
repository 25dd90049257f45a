"""Recording results: validation, history, provenance, and the timeline built from them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from mammolog.catalog.migrate import open_catalog
from mammolog.domain.errors import DomainValidationError
from mammolog.paths import AppPaths
from mammolog.services import results, workup
from mammolog.services.attachments import attach_file, list_attachments
from mammolog.services.studies import StudyNotFound
from mammolog.services.timeline import person_timeline
from mammolog.services.verify import verify_library
from tests.factories import make_study

TODAY = date(2026, 11, 25)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under_home(tmp_path / "home")


@pytest.fixture
def engine(paths: AppPaths) -> Engine:
    return open_catalog(paths)


def test_assess_by_short_id_keeps_history(engine: Engine) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1))
    uid, first = results.assess(engine, "2024-03-01", right="2", left="4b", density="3")
    assert uid == "1.1"
    assert (first.right, first.left, first.overall, first.density) == ("2", "4B", "4B", "c")
    assert first.density_entered == "3"
    _, second = results.assess(engine, "1.1", left="2")
    assert (second.right, second.left, second.density) == ("2", "2", "c")
    history = results.assessment_history(engine, "1.1")
    assert [h["left"] for h in history] == ["4B", "2"]
    assert history[0]["superseded_at"] is not None and history[1]["superseded_at"] is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"right": "7"}, "right: '7' is not a BI-RADS category"),
        ({"density": "e"}, "density"),
        ({"recommendation": "wait and see"}, "recommendation"),
    ],
)
def test_invalid_assessment_is_refused_and_nothing_is_stored(
    engine: Engine, kwargs: dict[str, str], message: str
) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1))
    with pytest.raises(DomainValidationError, match=message):
        results.assess(engine, "1.1", **kwargs)
    assert results.assessment_history(engine, "1.1") == []


def test_unknown_and_ambiguous_study_references(engine: Engine) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1))
    make_study(engine, uid="1.2", study_date=date(2024, 3, 1))
    with pytest.raises(StudyNotFound, match="several studies on 2024-03-01"):
        results.assess(engine, "2024-03-01", right="1")
    results.assess(engine, "2024-03-01.2", right="1")
    with pytest.raises(StudyNotFound, match="no study"):
        results.assess(engine, "2020-01-01", right="1")


def test_findings_add_list_remove(engine: Engine) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1))
    stored = results.add_finding(
        engine, "1.1", type="calcification", side="L", morphology="fine pleomorphic",
        distribution="clustered", clock="2", quadrant="UOQ", change="new",
    )  # fmt: skip
    assert stored.finding.distribution == "grouped"
    with pytest.raises(DomainValidationError, match="side"):
        results.add_finding(engine, "1.1", type="calcification", distribution="grouped")
    with pytest.raises(DomainValidationError, match="morphology"):
        results.add_finding(engine, "1.1", type="mass", side="L", morphology="amorphous")
    assert [f.finding_id for f in results.list_findings(engine, "1.1")] == [stored.finding_id]
    results.remove_finding(engine, stored.finding_id)
    assert results.list_findings(engine, "1.1") == []
    with pytest.raises(DomainValidationError, match="no finding"):
        results.remove_finding(engine, stored.finding_id)


def test_procedure_and_pathology_refuse_future_dates(engine: Engine) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1))
    with pytest.raises(DomainValidationError, match="future"):
        workup.add_procedure(
            engine, procedure_date="2027-01-01", procedure_type="stereotactic-biopsy",
            side="L", today=TODAY,
        )  # fmt: skip


def test_timeline_through_biopsy_and_back_to_routine(engine: Engine) -> None:
    person = make_study(engine, uid="1.1", study_date=date(2023, 3, 1))
    make_study(engine, uid="1.2", study_date=date(2024, 3, 4))
    make_study(engine, uid="1.3", study_date=date(2025, 3, 10))
    results.assess(engine, "1.1", right="1", left="1", density="b")
    results.assess(engine, "1.2", right="1", left="4B", density="c", recommendation="biopsy")
    calc = results.add_finding(
        engine, "1.2", type="calcification", side="L", morphology="fine-pleomorphic",
        distribution="grouped", quadrant="UOQ", change="new",
    )  # fmt: skip
    timeline = person_timeline(engine, person, today=TODAY)
    assert timeline.next_due.date == date(2024, 3, 4)  # biopsy now
    assert timeline.next_due.overdue
    proc_id, _ = workup.add_procedure(
        engine, procedure_date="2024-03-15", procedure_type="stereotactic biopsy", side="L",
        today=TODAY, finding_id=calc.finding_id,
    )  # fmt: skip
    workup.add_pathology(
        engine, result_date="2024-03-20", outcome="benign", side="L", today=TODAY,
        procedure_id=proc_id,
    )  # fmt: skip
    results.assess(engine, "1.3", right="2", left="2", density="c")
    data = person_timeline(engine, person, today=TODAY).as_json()
    entries = data["entries"]
    assert isinstance(entries, list)
    second = next(e for e in entries if e["study_uid"] == "1.2")
    kinds = {(c["kind"], c["side"], c["from"], c["to"]) for c in second["changes"]}
    assert ("category_up", "L", "1", "4B") in kinds
    assert ("density_change", None, "b", "c") in kinds
    third = next(e for e in entries if e["study_uid"] == "1.3")
    assert ("category_down", "L", "4B", "2") in {
        (c["kind"], c["side"], c["from"], c["to"]) for c in third["changes"]
    }
    due = data["next_due"]
    assert isinstance(due, dict)
    assert due["date"] == "2026-03-10" and due["overdue"] is True
    early = person_timeline(engine, person, today=date(2025, 6, 1)).next_due
    assert (early.date, early.overdue) == (date(2026, 3, 10), False)


def test_attachments_are_stored_once_and_verified(
    engine: Engine, paths: AppPaths, tmp_path: Path
) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1), views=())
    make_study(engine, uid="1.2", study_date=date(2025, 3, 1), views=())
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4 report")
    first = attach_file(engine, paths, "1.1", report)
    again = attach_file(engine, paths, "1.1", report)
    other = attach_file(engine, paths, "1.2", report)
    assert again.already_present and again.attachment_id == first.attachment_id
    assert other.library_path == first.library_path and other.attachment_id != first.attachment_id
    stored = paths.library_dir / first.library_path
    assert stored.read_bytes() == report.read_bytes()
    assert stored.stat().st_mode & 0o777 == 0o600
    assert [a.study_uid for a in list_attachments(engine)] == ["1.1", "1.2"]
    report_check = verify_library(paths, engine)
    assert report_check.clean, report_check.problems
    assert report_check.files_checked == 1  # one file serves both attachments


def test_person_is_required_when_it_cannot_be_inferred(engine: Engine) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1), views=())
    make_study(engine, uid="2.1", study_date=date(2024, 3, 1), views=(),
               patient_name="OTHER^ONE", patient_id="X", issuer="B")  # fmt: skip
    with pytest.raises(DomainValidationError, match="say which person"):
        workup.add_procedure(engine, procedure_date="2024-03-02", procedure_type="ultrasound",
                              side="L", today=TODAY)  # fmt: skip
    with pytest.raises(DomainValidationError, match="no person 99"):
        workup.set_manual_due(engine, due="2025-01-01", reason="", person_id=99)
    with pytest.raises(DomainValidationError, match="no finding 5"):
        workup.add_procedure(engine, procedure_date="2024-03-02", procedure_type="ultrasound",
                              side="L", today=TODAY, finding_id=5)  # fmt: skip
    with pytest.raises(DomainValidationError, match="no procedure 7"):
        workup.add_pathology(engine, result_date="2024-03-02", outcome="benign", side="L",
                              today=TODAY, procedure_id=7)  # fmt: skip
    first = workup.set_manual_due(engine, due="2025-01-01", reason="a", person_id=1)
    second = workup.set_manual_due(engine, due="2025-02-01", reason="b", person_id=1)
    assert (first, second) == (date(2025, 1, 1), date(2025, 2, 1))
    assert person_timeline(engine, 1, today=TODAY).next_due.date is not None
