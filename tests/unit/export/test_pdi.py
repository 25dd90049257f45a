"""IHE PDI extras: README.TXT, INDEX.HTM and IHE_PDI/ written by the media writer."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from fpdf import FPDF

from mammolog.export.media import MediaOptions, write_media
from mammolog.export.pdi import StudyListing, strip_scripts, studies_index_html, write_pdi_extras
from tests.unit.export.synth_files import Person, mg_image

WHEN = datetime(2026, 3, 1, 9, 30)


def _listing(name: str) -> StudyListing:
    return StudyListing(name, "ID1", "20240105", "Screening", ("MG",), 1, 4, "DICOM\\P0000001")


def test_study_index_escapes_text_and_has_no_script() -> None:
    page = studies_index_html([_listing("<script>alert(1)</script>^Eve")], generated=WHEN)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page and "2024-01-05" in page


def test_strip_scripts_removes_scripts_and_handlers() -> None:
    page = '<p onclick="x()">a</p><SCRIPT src="y.js"></SCRIPT><img onerror=z() src=a.png>'
    cleaned = strip_scripts(page)
    assert "script" not in cleaned.lower() and "onclick" not in cleaned and "onerror" not in cleaned
    assert "<p>a</p>" in cleaned


def test_extras_written_with_83_names(tmp_path: Path) -> None:
    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text="Summary")
    pdf = tmp_path / "summary.pdf"
    document.output(str(pdf))
    root = tmp_path / "media"
    root.mkdir()
    written = write_pdi_extras(
        root,
        [_listing("Doe^Jane")],
        generated=WHEN,
        anonymized=False,
        summary_pdf=pdf,
        summary_html="<html><body>Summary</body></html>",
    )
    names = sorted(path.relative_to(root).as_posix() for path in written)
    assert names == [
        "IHE_PDI/INDEX.HTM",
        "IHE_PDI/SUMMARY.HTM",
        "IHE_PDI/SUMMARY.PDF",
        "INDEX.HTM",
        "README.TXT",
    ]
    assert (root / "IHE_PDI" / "SUMMARY.PDF").read_bytes() == pdf.read_bytes()
    index = (root / "INDEX.HTM").read_text()
    for link in re.findall(r'href="([^"]+)"', index):
        assert (root / link).is_file()
    readme = (root / "README.TXT").read_text()
    assert "mammolog" in readme and "DICOMDIR" in readme and "no autorun" in readme


def test_media_readme_says_when_anonymized(tmp_path: Path) -> None:
    source = tmp_path / "img.dcm"
    mg_image(source, person=Person())
    plain = tmp_path / "plain"
    write_media([source], plain)
    assert "de-identified" not in (plain / "README.TXT").read_text()
    assert "Kowalska" in (plain / "IHE_PDI" / "INDEX.HTM").read_text()
    anon = tmp_path / "anon"
    write_media([source], anon, options=MediaOptions(anonymize=True))
    assert "de-identified" in (anon / "README.TXT").read_text()
    assert "Anonymous" in (anon / "IHE_PDI" / "INDEX.HTM").read_text()
