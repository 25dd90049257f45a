"""Loose documents: what the keeper keeps or leaves alone, and where placing them puts them."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from mammolog.catalog.migrate import open_catalog
from mammolog.export.own_exports import EXPORT_MARKER
from mammolog.paths import AppPaths
from mammolog.services import import_documents
from mammolog.services.attachments import list_attachments
from mammolog.services.import_documents import (
    OWN_EXPORT_REASON,
    DocumentKeeper,
    StudyCandidate,
    accessions_named,
    place_document,
    place_documents,
)
from tests.factories import make_study

REPORT = "Mammography. IMPRESSION: BI-RADS 2."


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under_home(tmp_path / "home")


@pytest.fixture
def engine(paths: AppPaths) -> Engine:
    return open_catalog(paths)


def test_own_export_is_left_alone_with_its_reason(paths: AppPaths) -> None:
    keeper = DocumentKeeper(paths)
    summary = f"<!-- {EXPORT_MARKER} --> Mammography summary: BI-RADS 2".encode()
    keeper("SUMMARY.MD", "text", io.BytesIO(summary))
    assert keeper.kept == []
    assert keeper.left_alone == [("SUMMARY.MD", OWN_EXPORT_REASON)]


def test_a_readme_written_by_mammolog_is_left_alone_but_a_report_named_alike_is_kept(
    paths: AppPaths,
) -> None:
    keeper = DocumentKeeper(paths)
    keeper("README.TXT", "text", io.BytesIO(b"Written by mammolog. Mammography images."))
    keeper("REPORTS/README.TXT", "text", io.BytesIO(b"Mammography. BI-RADS 1."))
    assert [relpath for relpath, _ in keeper.left_alone] == ["README.TXT"]
    assert [d.relpath for d in keeper.kept] == ["REPORTS/README.TXT"]
    assert keeper.kept[0].text == "Mammography. BI-RADS 1."


def test_a_document_over_the_size_limit_is_neither_kept_nor_read(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_documents, "MAX_DOCUMENT_BYTES", 20)
    keeper = DocumentKeeper(paths)
    keeper("BIG.TXT", "text", io.BytesIO(b"Mammography BI-RADS 2 " * 2))
    assert keeper.kept == [] and keeper.left_alone == []
    keeper("SMALL.TXT", "text", io.BytesIO(b"BI-RADS 2"))  # 9 bytes: under the limit
    assert [d.relpath for d in keeper.kept] == ["SMALL.TXT"]


def test_an_unreadable_pdf_is_kept_without_text_as_it_may_be_a_scanned_report(
    paths: AppPaths,
) -> None:
    keeper = DocumentKeeper(paths)
    keeper("REPORTS/SCAN.PDF", "pdf", io.BytesIO(b"not a pdf at all, only bytes"))
    assert [d.relpath for d in keeper.kept] == ["REPORTS/SCAN.PDF"]
    assert keeper.kept[0].text == ""
    assert keeper.kept[0].stored.size == len(b"not a pdf at all, only bytes")
    placement = place_document(keeper.kept[0].text, [StudyCandidate("1.1", "A1", None)])
    assert placement.study_uid is None and "cannot be read" in placement.reason


def test_a_manual_without_report_words_is_not_kept(paths: AppPaths) -> None:
    keeper = DocumentKeeper(paths)
    keeper("VIEWER/HELP.TXT", "text", io.BytesIO(b"Click Start to install the viewer."))
    keeper("VIEWER/HELP.HTM", "html", io.BytesIO(b"<p>Install the <b>viewer</b></p>"))
    assert keeper.kept == [] and keeper.left_alone == []


def test_the_only_study_refuses_a_report_naming_another_accession_number() -> None:
    only = [StudyCandidate("1.1", "ACC100", date(2024, 3, 1))]
    other = place_document(f"{REPORT} Accession No.: X999", only)
    assert other.study_uid is None
    assert other.reason == "it names accession number X999, not that of the study on the disc"
    dated_later = place_document(f"{REPORT} Exam of 2024-06-01", only)
    assert dated_later.study_uid is None and "dated 2024-06-01" in dated_later.reason
    report_days_after = place_document(f"{REPORT} Signed 2024-03-20", only)
    assert report_days_after.study_uid == "1.1"
    assert report_days_after.reason == "the only study on the disc"


def test_an_accession_value_starting_with_acc_is_one_token() -> None:
    assert accessions_named("Accession No.: ACC999") == {"ACC999"}


def test_a_report_naming_acc999_does_not_join_the_study_of_accession_999() -> None:
    only = [StudyCandidate("1.2", "999", date(2025, 3, 3))]
    placement = place_document(f"{REPORT} Accession: ACC999", only)
    assert placement.study_uid is None


def test_several_studies_named_by_accession_stay_unplaced() -> None:
    candidates = [
        StudyCandidate("1.1", "ACC100", date(2024, 3, 1)),
        StudyCandidate("1.2", "ACC200", date(2025, 3, 3)),
    ]
    both = place_document(f"{REPORT} Accession ACC100. Prior: Accession ACC200.", candidates)
    assert both.study_uid is None and "several studies" in both.reason


def test_accessions_named_keeps_only_tokens_with_digits() -> None:
    assert accessions_named("Accession No.: 12-34/ and Accession: pending") == {"12-34"}
    assert accessions_named("Numéro d'examen 778 ; Auftragsnummer: A55") == {"778", "A55"}
    assert accessions_named("no label 123 here") == set()


def test_place_documents_registers_on_the_study_or_unplaced_for_the_person(
    engine: Engine, paths: AppPaths
) -> None:
    person = make_study(engine, uid="1.1", study_date=date(2024, 3, 1), views=())
    make_study(engine, uid="1.2", study_date=date(2025, 3, 3), views=())
    keeper = DocumentKeeper(paths)
    keeper("A.TXT", "text", io.BytesIO(f"{REPORT} Exam date 03.03.2025".encode()))
    keeper("B.TXT", "text", io.BytesIO(REPORT.encode()))
    placed = place_documents(engine, keeper, ("1.1", "1.2"), (person,))
    by_path = {p.relpath: p for p in placed}
    assert by_path["A.TXT"].study_uid == "1.2"
    assert by_path["A.TXT"].reason == "it names the study date 2025-03-03"
    assert by_path["B.TXT"].study_uid is None
    assert "neither the accession number nor the date" in by_path["B.TXT"].reason
    on_study = list_attachments(engine, "1.2")
    assert [a.attachment_id for a in on_study] == [by_path["A.TXT"].attachment_id]
    assert all(a.attachment_id != by_path["B.TXT"].attachment_id for a in on_study)
