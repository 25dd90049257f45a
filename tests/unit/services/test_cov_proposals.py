"""Proposals from DICOM reports and attachments: which documents are read, and the refusals."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fpdf import FPDF
from pydicom.uid import generate_uid
from sqlalchemy.engine import Engine
from sqlmodel import select

from mammolog.catalog.db import write_session
from mammolog.catalog.migrate import open_catalog
from mammolog.catalog.results_models import Attachment, Proposal
from mammolog.domain.errors import DomainValidationError
from mammolog.export.own_exports import EXPORT_MARKER
from mammolog.paths import AppPaths
from mammolog.services import results
from mammolog.services.attachments import attach_file
from mammolog.services.importer import import_source
from mammolog.services.proposal_review import accept_proposal, reject_proposal
from mammolog.services.proposals import (
    extract_proposals,
    list_proposals,
)
from tests.factories import make_study
from tests.unit.export.synth_files import encapsulated_pdf, text_sr


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under_home(tmp_path / "home")


@pytest.fixture
def engine(paths: AppPaths) -> Engine:
    return open_catalog(paths)


def _pdf_bytes(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 7, text)
    return bytes(pdf.output())


def _attach(engine: Engine, paths: AppPaths, folder: Path, study: str, name: str, data: bytes):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return attach_file(engine, paths, study, folder / name)


def _add_proposal(engine: Engine, study_pk: int | None, field: str, side: str | None, value: str):
    with write_session(engine) as session:
        row = Proposal(
            study_pk=study_pk, field=field, side=side, value=value, quote=value,
            source_kind="radiologist", created_at=datetime.now(UTC),
        )  # fmt: skip
        session.add(row)
        session.flush()
        return row.id


def test_dicom_sr_and_encapsulated_pdf_reports_are_read_and_named(
    engine: Engine, paths: AppPaths, tmp_path: Path
) -> None:
    source = tmp_path / "disc"
    source.mkdir()
    study_uid = generate_uid()
    text_sr(source / "sr.dcm", study_uid=study_uid)
    dataset = encapsulated_pdf(source / "pdf.dcm", study_uid=study_uid)
    data = _pdf_bytes("MAMMOGRAPHY. IMPRESSION: Left breast: BI-RADS 4A.")
    dataset.EncapsulatedDocument = data + (b"\0" if len(data) % 2 else b"")
    dataset.save_as(source / "pdf.dcm", enforce_file_format=True)
    import_source(source, paths=paths, engine=engine)
    summary = extract_proposals(engine, paths)
    assert (summary.documents_read, summary.proposals_added, summary.problems) == (2, 2, ())
    found = {(p.field, p.side, p.value): p for p in list_proposals(engine)}
    assert set(found) == {("category", "L", "4A"), ("category", None, "2")}
    assert found[("category", "L", "4A")].document.startswith("DICOM DOC ")
    assert found[("category", None, "2")].document.startswith("DICOM SR ")
    assert "KOWALSKA" in found[("category", None, "2")].context
    assert summary.as_json() == {"documents_read": 2, "proposals_added": 2, "problems": []}


def test_extract_for_one_study_reads_only_its_documents(
    engine: Engine, paths: AppPaths, tmp_path: Path
) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1), views=())
    make_study(engine, uid="1.2", study_date=date(2025, 3, 3), views=())
    _attach(engine, paths, tmp_path, "1.1", "a.txt", b"IMPRESSION: Right breast: BI-RADS 2.")
    _attach(engine, paths, tmp_path, "1.2", "b.txt", b"IMPRESSION: Right breast: BI-RADS 3.")
    only = extract_proposals(engine, paths, "1.2")
    assert (only.documents_read, only.proposals_added) == (1, 1)
    assert [(p.study_uid, p.value) for p in list_proposals(engine)] == [("1.2", "3")]
    assert [p.value for p in list_proposals(engine, "1.1")] == []


def test_own_exports_images_and_files_outside_the_library_are_not_read(
    engine: Engine, paths: AppPaths, tmp_path: Path
) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1), views=())
    own = f"<!-- {EXPORT_MARKER} -->\nRight breast: BI-RADS 5.".encode()
    _attach(engine, paths, tmp_path, "1.1", "summary.md.txt", own)
    _attach(engine, paths, tmp_path, "1.1", "photo.png", b"\x89PNG\r\n\x1a\n BI-RADS 5")
    outside = _attach(engine, paths, tmp_path, "1.1", "moved.txt", b"Left breast: BI-RADS 5.")
    with write_session(engine) as session:
        row = session.get(Attachment, outside.attachment_id)
        assert row is not None
        row.library_path = "../../elsewhere/moved.txt"
        session.add(row)
    summary = extract_proposals(engine, paths)
    assert summary.documents_read == 1  # only the own export is a text document in the library
    assert summary.proposals_added == 0 and summary.problems == ()
    assert list_proposals(engine) == []


def test_a_document_missing_from_the_library_is_a_problem_line(
    engine: Engine, paths: AppPaths, tmp_path: Path
) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1), views=())
    record = _attach(engine, paths, tmp_path, "1.1", "r.txt", b"Right breast: BI-RADS 2.")
    with write_session(engine) as session:
        row = session.get(Attachment, record.attachment_id)
        assert row is not None
        stored = paths.library_dir / row.library_path
    stored.chmod(0o600)
    stored.unlink()
    summary = extract_proposals(engine, paths)
    assert summary.proposals_added == 0
    assert [name for name, _ in summary.problems] == ["r.txt"]
    assert summary.as_json()["problems"] == [{"path": "r.txt", "reason": summary.problems[0][1]}]


def test_accept_and_reject_refuse_unknown_decided_or_unplaced_proposals(engine: Engine) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1), views=())
    with pytest.raises(DomainValidationError, match="there is no proposal 999"):
        accept_proposal(engine, 999)
    with pytest.raises(DomainValidationError, match="there is no proposal 999"):
        reject_proposal(engine, 999)
    loose = _add_proposal(engine, None, "category", "R", "2")
    with pytest.raises(DomainValidationError, match="not placed on a study"):
        accept_proposal(engine, loose)
    rejected = _add_proposal(engine, 1, "category", "R", "3")
    reject_proposal(engine, rejected)
    with pytest.raises(DomainValidationError, match="already rejected"):
        reject_proposal(engine, rejected)
    with pytest.raises(DomainValidationError, match="already rejected"):
        accept_proposal(engine, rejected)
    assert results.assessment_history(engine, "1.1") == []
    decided = list_proposals(engine, include_decided=True)
    assert {p.proposal_id: p.status for p in decided}[rejected] == "rejected"
    assert rejected not in [p.proposal_id for p in list_proposals(engine)]


def test_density_and_recommendation_need_a_category_first(engine: Engine) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1), views=())
    density = _add_proposal(engine, 1, "density", None, "c")
    recommendation = _add_proposal(engine, 1, "recommendation", None, "routine-screening")
    with pytest.raises(DomainValidationError, match="needs a category first"):
        accept_proposal(engine, recommendation)
    category = _add_proposal(engine, 1, "category", "B", "2")
    accept_proposal(engine, category)
    accept_proposal(engine, recommendation)
    accept_proposal(engine, density)
    latest = results.assessment_history(engine, "1.1")[-1]
    assert (latest["right"], latest["left"]) == ("2", "2")
    assert latest["density"] == "c"
    assert latest["recommendation"] == "routine-screening"
    with write_session(engine) as session:
        statuses = {p.id: p.status for p in session.exec(select(Proposal)).all()}
    assert statuses == {density: "accepted", recommendation: "accepted", category: "accepted"}


def test_proposal_json_names_its_study_date_and_source(engine: Engine) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1), views=())
    proposal_id = _add_proposal(engine, 1, "category", "L", "4A")
    (record,) = list_proposals(engine)
    assert record.as_json() == {
        "id": proposal_id, "study_uid": "1.1", "date": "2024-03-01", "field": "category",
        "side": "L", "value": "4A", "quote": "4A", "context": "", "document": "",
        "source_kind": "radiologist", "status": "pending", "conflict": False,
    }  # fmt: skip
