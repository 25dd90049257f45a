"""Text from PDF, Encapsulated PDF DICOM, TXT and HTML report documents."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pydicom
import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from mammolog.reports import ReportTextError, extract_from_text
from mammolog.reports.pdf_text import (
    decode_text,
    document_text,
    encapsulated_pdf_bytes,
    encapsulated_pdf_text,
    html_text,
    pdf_bytes_text,
)

REPORT = "IMPRESSION:\nRight breast: BI-RADS 4A.\nLeft breast: BI-RADS 1.\nBreast density: C."


def _pdf(text: str = REPORT, pages: int = 1) -> bytes:
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def test_pdf_text_then_extraction() -> None:
    text = pdf_bytes_text(_pdf())
    assert "BI-RADS 4A" in text
    result = extract_from_text(text)
    got = {(p.field, p.side, p.value) for p in result.proposals}
    assert got == {("category", "R", "4A"), ("category", "L", "1"), ("density", None, "c")}


def test_pages_are_joined_in_order() -> None:
    pdf = FPDF()
    for n in (1, 2):
        pdf.add_page()
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 6, f"page {n} text")
    text = pdf_bytes_text(bytes(pdf.output()))
    assert text.index("page 1") < text.index("page 2")


def test_encrypted_pdf_is_refused_with_a_reason() -> None:
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_pdf())))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ReportTextError, match="encrypted"):
        pdf_bytes_text(out.getvalue())


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n garbage that is not a pdf", b"not a pdf at all", _pdf()[:200], b""],
)
def test_corrupt_pdf_raises_report_text_error(data: bytes) -> None:
    with pytest.raises(ReportTextError):
        pdf_bytes_text(data)


def test_text_encodings() -> None:
    assert decode_text("Befund: Verkalkungen, Größe 5 mm".encode()) == (
        "Befund: Verkalkungen, Größe 5 mm"
    )
    assert decode_text("Befund: Größe".encode("cp1252")) == "Befund: Größe"
    assert decode_text("\ufeffBI-RADS 2".encode()) == "BI-RADS 2"
    assert decode_text("BI-RADS 2 – benign".encode("utf-16")) == "BI-RADS 2 – benign"
    assert decode_text(b"\x81\x8d\x8f") == "\x81\x8d\x8f"  # undefined in cp1252: latin-1


def test_html_tags_scripts_and_entities() -> None:
    markup = (
        "<html><head><title>Report</title><style>p {color: red}</style>"
        "<script>var birads = 5;</script></head><body><h1>Mammography</h1>"
        "<p>IMPRESSION: BI-RADS&nbsp;2 &amp; benign</p><p>Density: <b>B</b></p></body></html>"
    )
    text = html_text(markup)
    assert "birads = 5" not in text and "color" not in text
    assert "IMPRESSION: BI-RADS 2 & benign" in text
    assert "Density: B" in text.replace("  ", " ")


def test_document_text_dispatches_on_content(tmp_path: Path) -> None:
    (tmp_path / "REPORT.PDF").write_bytes(_pdf())
    (tmp_path / "report.htm").write_bytes(b"<html><body><p>BI-RADS 3</p></body></html>")
    (tmp_path / "REPORT.TXT").write_bytes(
        "Beurteilung: BI-RADS 2 beidseits. Größe".encode("cp1252")
    )
    assert "BI-RADS 4A" in document_text(tmp_path / "REPORT.PDF")
    assert document_text(tmp_path / "report.htm") == "BI-RADS 3"
    assert "Größe" in document_text(tmp_path / "REPORT.TXT")
    with pytest.raises(ReportTextError, match="cannot read"):
        document_text(tmp_path / "missing.pdf")


def test_dicom_without_document_is_refused(tmp_path: Path) -> None:
    ds = pydicom.Dataset()
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.104.1"
    with pytest.raises(ReportTextError, match="no encapsulated document"):
        encapsulated_pdf_text(ds)
    ds.EncapsulatedDocument = b"<xml/>"
    ds.MIMETypeOfEncapsulatedDocument = "text/xml"
    with pytest.raises(ReportTextError, match="not a PDF"):
        encapsulated_pdf_text(ds)


@pytest.mark.tools
@pytest.mark.skipif(shutil.which("pdf2dcm") is None, reason="DCMTK pdf2dcm not installed")
def test_pdf2dcm_encapsulated_pdf(tmp_path: Path) -> None:
    pdf_path = tmp_path / "report.pdf"
    pdf_path.write_bytes(_pdf() + b"")
    dcm_path = tmp_path / "report.dcm"
    subprocess.run(["pdf2dcm", str(pdf_path), str(dcm_path)], check=True, capture_output=True)
    ds = pydicom.dcmread(dcm_path)
    assert ds.Modality == "DOC"
    assert encapsulated_pdf_bytes(ds) == pdf_path.read_bytes()
    assert "BI-RADS 4A" in encapsulated_pdf_text(dcm_path)
    assert "BI-RADS 4A" in document_text(dcm_path)


def test_odd_length_pdf_pad_byte_is_stripped_without_length() -> None:
    data = _pdf()
    if len(data) % 2 == 0:
        data += b"\n"
    ds = pydicom.Dataset()
    ds.EncapsulatedDocument = data + b"\x00"
    assert encapsulated_pdf_bytes(ds) == data


@pytest.mark.real
def test_real_sample_pdf_dcm(real_data: Path) -> None:
    path = real_data / "orthanc-tests" / "sample-pdf.dcm"
    data = encapsulated_pdf_bytes(path)
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    assert not data.endswith(b"\x00")
    text = encapsulated_pdf_text(path)
    assert "Dear Patient" in text and "Lorem ipsum" in text
    assert extract_from_text(text).by_field("category") == ()


def test_extract_from_file_dispatches_every_kind(tmp_path: Path) -> None:
    from mammolog.reports import extract_from_file
    from tests.unit.reports.sr_builders import save, tid4200_report

    (tmp_path / "a.pdf").write_bytes(_pdf())
    (tmp_path / "b.txt").write_bytes("Beurteilung: BI-RADS 2 beidseits.".encode("cp1252"))
    (tmp_path / "c.html").write_bytes(b"<p>IMPRESSION: BI-RADS 3.</p>")
    save(tid4200_report(), tmp_path / "d.dcm")
    assert ("R", "4A") in {
        (p.side, p.value) for p in extract_from_file(tmp_path / "a.pdf").proposals
    }
    assert extract_from_file(tmp_path / "b.txt").values("category", "B") == ("2",)
    assert extract_from_file(tmp_path / "c.html").values("category") == ("3",)
    assert extract_from_file(tmp_path / "d.dcm").values("category", "R") == ("4B",)
    (tmp_path / "e.pdf").write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(ReportTextError):
        extract_from_file(tmp_path / "e.pdf")
    with pytest.raises(ReportTextError, match="cannot read"):
        extract_from_file(tmp_path / "missing.txt")


@pytest.mark.tools
@pytest.mark.skipif(shutil.which("pdf2dcm") is None, reason="DCMTK pdf2dcm not installed")
def test_extract_from_file_reads_encapsulated_pdf(tmp_path: Path) -> None:
    from mammolog.reports import extract_from_file

    pdf_path = tmp_path / "report.pdf"
    pdf_path.write_bytes(_pdf())
    subprocess.run(
        ["pdf2dcm", str(pdf_path), str(tmp_path / "doc.dcm")], check=True, capture_output=True
    )
    result = extract_from_file(tmp_path / "doc.dcm")
    assert result.values("category", "R") == ("4A",) and result.values("density") == ("c",)
