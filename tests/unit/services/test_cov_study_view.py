"""The study screen's records: DICOM report documents, attachments, and which prior is shown."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from fpdf import FPDF
from pydicom.uid import generate_uid
from sqlalchemy.engine import Engine
from sqlmodel import select

from mammolog.catalog.db import read_session, write_session
from mammolog.catalog.migrate import open_catalog
from mammolog.catalog.models import Instance, Series, Study
from mammolog.catalog.results_models import Attachment
from mammolog.paths import AppPaths
from mammolog.services.attachments import attach_file
from mammolog.services.importer import import_source
from mammolog.services.studies import resolve_study
from mammolog.services.study_view import (
    document_file,
    document_text,
    load_study_details,
    load_study_images,
    load_study_with_prior,
)
from tests.factories import make_study
from tests.unit.export.synth_files import encapsulated_pdf, text_sr


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under_home(tmp_path / "home")


@pytest.fixture
def engine(paths: AppPaths) -> Engine:
    return open_catalog(paths)


def _pk(engine: Engine, uid: str) -> int:
    with read_session(engine) as session:
        return resolve_study(session, uid).pk


def _give_pixels(engine: Engine, uid: str) -> None:
    """The factory's objects have no size; make those of ``uid`` images."""
    with write_session(engine) as session:
        study = session.exec(select(Study).where(Study.study_uid == uid)).one()
        series = session.exec(select(Series).where(Series.study_pk == study.id)).all()
        for one in series:
            for instance in session.exec(select(Instance).where(Instance.series_pk == one.id)):
                instance.rows, instance.columns = 64, 48
                session.add(instance)


def test_dicom_reports_are_named_read_and_opened_as_a_private_pdf_copy(
    engine: Engine, paths: AppPaths, tmp_path: Path
) -> None:
    source = tmp_path / "disc"
    source.mkdir()
    study_uid = generate_uid()
    text_sr(source / "sr.dcm", study_uid=study_uid)
    dataset = encapsulated_pdf(source / "pdf.dcm", study_uid=study_uid)
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 7, "MAMMOGRAPHY. Left breast: BI-RADS 4A.")
    data = bytes(pdf.output())
    dataset.EncapsulatedDocument = data + (b"\0" if len(data) % 2 else b"")
    dataset.save_as(source / "pdf.dcm", enforce_file_format=True)
    import_source(source, paths=paths, engine=engine)
    details = load_study_details(engine, paths, _pk(engine, study_uid))
    by_kind = {d.kind: d for d in details.documents}
    assert sorted((d.name, d.kind) for d in details.documents) == [
        ("PDF report (in DICOM)", "encapsulated-pdf"),
        ("Structured report", "sr"),
    ]
    assert details.images == ()  # reports are objects, not images
    assert "BI-RADS 2" in document_text(by_kind["sr"])
    assert "BI-RADS 4A" in document_text(by_kind["encapsulated-pdf"])
    sr_file = document_file(by_kind["sr"], paths)
    assert sr_file == Path(by_kind["sr"].path)
    copy = document_file(by_kind["encapsulated-pdf"], paths)
    assert copy.parent == paths.cache_dir / "documents" and copy.suffix == ".pdf"
    assert copy.read_bytes().rstrip(b"\0") == data
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert document_file(by_kind["encapsulated-pdf"], paths) == copy  # written again, same place


def test_attachments_are_listed_once_and_never_outside_the_library(
    engine: Engine, paths: AppPaths, tmp_path: Path
) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1))
    for name, data in (
        ("letter.txt", b"Impression: BI-RADS 1."),
        ("photo.png", b"\x89PNG\r\n\x1a\n"),
        ("moved.txt", b"BI-RADS 2"),
    ):
        (tmp_path / name).write_bytes(data)
        record = attach_file(engine, paths, "1.1", tmp_path / name)
    with write_session(engine) as session:
        moved = session.get(Attachment, record.attachment_id)
        assert moved is not None
        moved.library_path = "../outside/moved.txt"
        session.add(moved)
    details = load_study_details(engine, paths, _pk(engine, "1.1"))
    assert [(d.name, d.kind, d.media_type) for d in details.documents] == [
        ("letter.txt", "attachment", "text/plain"),
        ("photo.png", "attachment", "image/png"),
    ]
    assert all(Path(d.path).is_relative_to(paths.library_dir) for d in details.documents)
    assert len({d.key for d in details.documents}) == 2


def test_objects_without_pixels_are_not_images(engine: Engine) -> None:
    make_study(engine, uid="1.1", study_date=date(2024, 3, 1))
    pk = _pk(engine, "1.1")
    assert len(load_study_images(engine, pk).instances) == 4
    assert load_study_images(engine, pk).images == ()
    _give_pixels(engine, "1.1")
    assert len(load_study_images(engine, pk).images) == 4


def test_the_prior_is_the_latest_earlier_study_of_the_same_person_with_images(
    engine: Engine,
) -> None:
    make_study(engine, uid="1.1", study_date=date(2021, 6, 1))
    make_study(engine, uid="1.2", study_date=date(2023, 2, 1))  # no images: skipped
    make_study(engine, uid="1.3", study_date=date(2025, 3, 4))
    make_study(engine, uid="2.1", study_date=date(2024, 5, 5), patient_name="ROE^ANNA",
               patient_id="A1")  # fmt: skip
    make_study(engine, uid="1.4", study_date=None)
    for uid in ("1.1", "1.3", "2.1", "1.4"):
        _give_pixels(engine, uid)
    pair = load_study_with_prior(engine, _pk(engine, "1.3"))
    assert pair.current.study.study_uid == "1.3"
    assert pair.prior is not None and pair.prior.study.study_uid == "1.1"
    assert len(pair.prior.images) == 4
    assert load_study_with_prior(engine, _pk(engine, "1.4")).prior is None  # undated
    assert load_study_with_prior(engine, _pk(engine, "2.1")).prior is None  # another person
