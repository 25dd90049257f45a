"""De-identification matches names as whole words in the text people see, never in markup.

Regression: for a patient ``LI^NA`` the de-identified summary PDF was left off ("it still names
the patient": raw PDF bytes hold ``/Linearized``-like keywords) and the web page's CSS turned
``line-height`` into ``**ne-height``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fpdf import FPDF
from pydicom.dataset import Dataset
from sqlalchemy.engine import Engine

from mammolog.catalog.migrate import open_catalog
from mammolog.export.anonymize import (
    Anonymizer,
    Identifiers,
    collect_identifiers,
    guard_summaries,
    identifier_pattern,
)
from mammolog.export.summary import SummaryFormat, render_summary
from mammolog.export.visible_text import html_visible_text, scrub_html
from mammolog.paths import AppPaths
from mammolog.services.export import export_media, gather_summary
from mammolog.services.results import assess
from tests.factories import make_study
from tests.unit.export.scanner import identifier_needles, scan
from tests.unit.export.synth_files import Person, mg_image

SHORT_NAMES = ("LI^NA", "AN^LI", "MAY^APRIL")
# names that are also CSS properties/values or HTML tag and attribute names
MARKUP_NAMES = ("Table^Body", "Serif^Bold", "Head^Title", "Color^Style", "Left^Top")


def _anonymizer(name: str, patient_id: str = "P-77", birth: str = "19650402") -> Anonymizer:
    header = Dataset()
    header.PatientName = name
    header.PatientID = patient_id
    header.PatientBirthDate = birth
    return Anonymizer(collect_identifiers([header]), uid_secret=b"s")


def _pdf(path: Path, *lines: str) -> Path:
    document = FPDF()
    document.set_compression(False)  # the words stand in the raw bytes too
    document.add_page()
    document.set_font("helvetica", size=12)
    for line in lines:
        document.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    document.output(str(path))
    return path


@pytest.mark.parametrize("name", SHORT_NAMES)
def test_short_names_leave_words_that_contain_them_alone(name: str) -> None:
    anonymizer = _anonymizer(name)
    text = "Clinical line: scanned Mayday; Annual Aprils; Linear density, nail, banal."
    assert anonymizer.scrub_text(text) == text
    assert anonymizer.names_found(text) == []


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("LI^NA", "Patient: Li Na (li, NA).", "Patient: ** ** (**, **)."),
        ("AN^LI", "Seen: An Li, an-li", "Seen: ** **, **-**"),
        ("MAY^APRIL", "April May, born 1965-04-02", "***** ***, born ********"),
        ("Kowalska^Maria", "KOWALSKA MARIA / Maria_x", "******** ***** / Maria_x"),
    ],
)
def test_real_occurrences_are_scrubbed(name: str, text: str, expected: str) -> None:
    assert _anonymizer(name).scrub_text(text) == expected


def test_ids_and_dates_match_whole_numbers_and_unicode_names_whole_words() -> None:
    anonymizer = _anonymizer("Łukasz^Ewa", patient_id="4711", birth="19650312")
    assert anonymizer.scrub_text("MRN4711, 47110, 19650312") == "MRN****, 47110, ********"
    assert anonymizer.scrub_text("ŁUKASZ Ewa; Łukaszowa Ewelina") == "****** ***; Łukaszowa Ewelina"
    # scripts written without spaces still match inside a run of characters
    assert identifier_pattern(["山田"]) is not None
    assert _anonymizer("山田^太郎").scrub_text("患者山田太郎さん") == "患者****さん"


def test_html_scrubs_text_and_shown_attributes_only() -> None:
    anonymizer = _anonymizer("LI^NA")
    page = (
        "<html><head><title>Li Na</title><style>body{line-height:1.35}li{margin:0}"
        ".na{color:red}</style></head><body><ul class='na'><li title='for Li'>"
        '<img alt="Na &amp; Li" src="li.png">Li Na, clinical</li></ul>'
        "<!-- li na --><script>var li = 1;</script></body></html>"
    )
    cleaned = scrub_html(page, anonymizer.scrub_text)
    assert cleaned == (
        "<html><head><title>** **</title><style>body{line-height:1.35}li{margin:0}"
        ".na{color:red}</style></head><body><ul class='na'><li title=\"for **\">"
        '<img alt="** &amp; **" src="li.png">** **, clinical</li></ul>'
        "<!-- li na --><script>var li = 1;</script></body></html>"
    )
    assert anonymizer.names_found(html_visible_text(cleaned)) == []
    assert "Li" in anonymizer.names_found(html_visible_text(page))


@pytest.mark.parametrize("name", MARKUP_NAMES)
def test_names_that_are_css_or_html_words_keep_the_markup(name: str) -> None:
    anonymizer = _anonymizer(name)
    family, given = name.split("^")
    page = (
        "<html><head><style>table{font:bold 1em serif;color:#111;text-align:left;top:0}"
        "</style></head><body><table><tr><td style='color:red'>"
        f"{family} {given}</td></tr></table></body></html>"
    )
    kept_pdf, kept_html, warnings = guard_summaries(None, page, anonymizer)
    assert warnings == [] and kept_html is not None
    stars = "*" * len(family) + " " + "*" * len(given)
    assert kept_html == page.replace(f"{family} {given}", stars)


def test_pdf_check_uses_extracted_words_not_raw_bytes(tmp_path: Path) -> None:
    anonymizer = _anonymizer("LI^NA")
    clean = _pdf(tmp_path / "clean.pdf", "Summary: Linear calcifications, annual screening")
    assert b"li" in clean.read_bytes().lower()  # the old raw-bytes check matched here
    assert guard_summaries(clean, None, anonymizer) == (clean, None, [])
    naming = _pdf(tmp_path / "naming.pdf", "Summary for Na Li")
    kept, _html, warnings = guard_summaries(naming, None, anonymizer)
    assert kept is None and warnings == ["summary PDF left out: it still names the patient"]
    document = FPDF()
    document.add_page()
    document.set_author("Li Na")
    document.output(str(tmp_path / "meta.pdf"))
    assert guard_summaries(tmp_path / "meta.pdf", None, anonymizer)[0] is None


def _library(home: Path, name: str, density: str = "b") -> tuple[AppPaths, Engine, int]:
    paths = AppPaths.under_home(home)
    engine = open_catalog(paths)
    uid = "1.2.826.0.1.3680043.9.7777.91"
    person_id = make_study(
        engine, uid=uid, study_date=date(2024, 3, 1), patient_name=name, patient_id="LN5566",
        issuer="ISSUER", birth_date=date(1971, 5, 6), institution="Centre Z",
        views=(("R", "CC"), ("L", "CC")),
    )  # fmt: skip
    person = Person(name=name, patient_id="LN5566", birth_date="19710506")
    for number, laterality in enumerate("RL", start=1):
        target = paths.library_dir / "test" / uid / str(number)
        target.parent.mkdir(parents=True, exist_ok=True)
        dataset = mg_image(
            target, person=person, study_uid=uid, series_uid=f"{uid}.1", laterality=laterality
        )
        dataset.SOPInstanceUID = f"{uid}.1.{number}"
        dataset.file_meta.MediaStorageSOPInstanceUID = dataset.SOPInstanceUID
        dataset.save_as(target, enforce_file_format=True)
    assess(engine, uid, right="2", left="2", density=density)
    return paths, engine, person_id


@pytest.mark.parametrize("name", SHORT_NAMES)
def test_anonymized_media_for_a_short_name_keeps_both_summaries(name: str, tmp_path: Path) -> None:
    paths, engine, person_id = _library(tmp_path / "home", name)
    plain = gather_summary(engine, paths, person_id, today=date(2025, 6, 1))
    page = render_summary(plain, SummaryFormat.HTML)[0].decode("utf-8")
    out = tmp_path / "ANON"
    result = export_media(engine, paths, out, today=date(2025, 6, 1), anonymize=True)
    assert result.summary_included and result.report.warnings == ()
    written = (out / "IHE_PDI" / "SUMMARY.HTM").read_text("utf-8")
    assert "line-height" in written and "**" not in written
    style = page[page.index("<style>") : page.index("</style>")]
    assert style in written  # the CSS is exactly the plain page's
    needles = identifier_needles([], ["LN5566"], ["19710506"], [])
    assert scan(out, needles) == []
    anonymizer = _anonymizer(name, "LN5566", "19710506")
    assert anonymizer.names_found(html_visible_text(written)) == []


def test_identifiers_tokens_feed_the_whole_word_pattern() -> None:
    identifiers = Identifiers(("Li", "Na"), ("AB-1",), ("19650312",))
    pattern = identifier_pattern(identifiers.tokens())
    assert pattern is not None
    assert [m.group(0) for m in pattern.finditer("li, Nail, AB-1x, AB-1 19650312")] == [
        "li",
        "AB-1",
        "19650312",
    ]


def test_a_name_that_is_a_word_of_the_summary_counts_as_an_occurrence(tmp_path: Path) -> None:
    # density c reads "which may obscure small masses": for a patient called May the guard
    # cannot tell the word from the name, so it scrubs the page and leaves the PDF out
    paths, engine, _person = _library(tmp_path / "home", "MAY^APRIL", density="c")
    out = tmp_path / "ANON"
    result = export_media(engine, paths, out, today=date(2025, 6, 1), anonymize=True)
    assert result.report.warnings == ("summary PDF left out: it still names the patient",)
    written = (out / "IHE_PDI" / "SUMMARY.HTM").read_text("utf-8")
    assert "which *** obscure" in written and "line-height" in written
    assert not (out / "IHE_PDI" / "SUMMARY.PDF").exists()
