"""Structured report reading: pydicom-built SRs, DCMTK round trips and the real files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from mammolog.dicom.sr import read_sr
from mammolog.reports import ReportError, extract_from_sr
from tests.unit.reports.sr_builders import (
    ASSESSMENT,
    BASIC_TEXT,
    BOTH,
    CAD,
    COMPOSITION,
    ENHANCED,
    LEFT,
    RIGHT,
    item,
    laterality,
    report,
    save,
    tid4200_report,
)
from tests.unit.reports.sr_builders import code as code_item


def _triples(result: object) -> set[tuple[str, str | None, str]]:
    return {(p.field, p.side, p.value) for p in result.proposals}  # type: ignore[attr-defined]


def test_tid4200_categories_sides_density_and_findings() -> None:
    result = extract_from_sr(tid4200_report())
    triples = _triples(result)
    assert ("category", "R", "4B") in triples
    assert ("category", "L", "1") in triples
    assert ("density", None, "c") in triples
    assert ("calcification_morphology", "R", "fine-pleomorphic") in triples
    assert ("finding", "R", "calcification") in triples
    assert all(p.source_kind == "radiologist" for p in result.proposals)
    for p in result.proposals:
        assert result.text[p.start : p.end] == p.quote


def test_legacy_srt_and_snm3_codes_are_the_same_scheme() -> None:
    for scheme in ("SRT", "SNM3"):
        ds = report(
            [item("CONTAINS", "CODE", ASSESSMENT, value=("F-037BF", scheme, "Probably benign"))]
        )
        assert _triples(extract_from_sr(ds)) == {("category", None, "3")}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (("397141009", "SCT", "Benign"), "2"),
        (("397145000", "SCT", "Highly suggestive of malignancy"), "5"),
        (("MA.II.A.5.4C", "BI", "High suspicion"), "4C"),
        (("MA.II.A.5.6", "BI", "Known biopsy proven malignancy"), "6"),
        (("6111000179101", "SCT", "Known biopsy proven malignancy"), "6"),
        (("XYZ-1", "99LOCAL", "Probably Benign"), "3"),
        (("XYZ-2", "99LOCAL", "BI-RADS category 4A"), "4A"),
    ],
)
def test_category_codes_and_meaning_fallback(value: tuple[str, str, str], expected: str) -> None:
    ds = report([item("CONTAINS", "CODE", ASSESSMENT, value=value)])
    assert _triples(extract_from_sr(ds)) == {("category", None, expected)}


def test_unknown_assessment_code_is_a_problem_not_a_guess() -> None:
    ds = report([item("CONTAINS", "CODE", ASSESSMENT, value=("X9", "99LOCAL", "See report"))])
    doc = read_sr(ds)
    assert doc.items == ()
    assert any("not recognised" in p for p in doc.problems)


def test_retired_composition_concept_and_legacy_density_code() -> None:
    ds = report(
        [
            item(
                "CONTAINS",
                "CODE",
                ("111006", "DCM", "Breast composition"),
                value=("F-01714", "SRT", "Extremely dense"),
            )
        ]
    )
    assert _triples(extract_from_sr(ds)) == {("density", None, "d")}


def test_laterality_as_concept_modifier_applies_to_siblings_and_both() -> None:
    ds = report(
        [
            item(
                "CONTAINS",
                "CONTAINER",
                ("111402", "DCM", "Overall Assessment"),
                children=[
                    laterality(BOTH),
                    item("CONTAINS", "CODE", ASSESSMENT, value=("397141009", "SCT", "Benign")),
                ],
            )
        ]
    )
    assert _triples(extract_from_sr(ds)) == {("category", "B", "2")}


def test_cad_sr_is_machine_output_by_sop_class_and_by_root() -> None:
    children = [
        item(
            "CONTAINS",
            "CONTAINER",
            ("111017", "DCM", "CAD Processing and Findings Summary"),
            children=[
                laterality(RIGHT),
                item("CONTAINS", "CODE", ASSESSMENT, value=("397144001", "SCT", "Suspicious")),
            ],
        )
    ]
    by_class = extract_from_sr(report(children, sop_class=CAD))
    by_root = extract_from_sr(
        report(children, sop_class=ENHANCED, root=("111036", "DCM", "Mammography CAD Report"))
    )
    for result in (by_class, by_root):
        assert _triples(result) == {("category", "R", "4")}
        assert all(p.source_kind == "cad" for p in result.proposals)
        assert any("CAD" in note for note in result.notes)


def test_basic_text_sr_narrative_is_read_with_text_rules() -> None:
    ds = report(
        [
            item(
                "CONTAINS",
                "TEXT",
                ("121071", "DCM", "Findings"),
                text="Scattered areas of fibroglandular density. Prior BI-RADS 3.",
            ),
            item(
                "CONTAINS",
                "TEXT",
                ("121073", "DCM", "Impression"),
                text="Right: BI-RADS 2. Left: BI-RADS 1.",
            ),
        ],
        sop_class=BASIC_TEXT,
    )
    result = extract_from_sr(ds)
    assert _triples(result) == {
        ("category", "R", "2"),
        ("category", "L", "1"),
        ("density", None, "b"),
    }
    assert "Prior BI-RADS 3" in read_sr(ds).narrative_text


def test_coded_and_narrative_disagreeing_is_a_conflict() -> None:
    ds = report(
        [
            item("CONTAINS", "CODE", ASSESSMENT, value=("397141009", "SCT", "Benign")),
            item("CONTAINS", "TEXT", ("121073", "DCM", "Impression"), text="BI-RADS 3."),
        ]
    )
    result = extract_from_sr(ds)
    assert not result.by_field("category")
    assert [c.values for c in result.conflicts] == [("2", "3")]


def test_malformed_tree_returns_what_it_can() -> None:
    empty = Dataset()
    no_concept = item("CONTAINS", "CODE", None, value=("397141009", "SCT", "Benign"))
    no_value = item("CONTAINS", "CODE", ASSESSMENT)
    broken_seq = item("CONTAINS", "CODE", ASSESSMENT)
    broken_seq.ConceptCodeSequence = Sequence([Dataset()])
    good = item("CONTAINS", "CODE", ASSESSMENT, value=("397138000", "SCT", "Incomplete"))
    container = item("CONTAINS", "CONTAINER", None, children=[empty, laterality(LEFT), good])
    ds = report([empty, no_concept, no_value, broken_seq, container])
    assert _triples(extract_from_sr(ds)) == {("category", "L", "0")}
    bare = Dataset()
    bare.SOPClassUID = COMPREHENSIVE_UID
    doc = read_sr(bare)
    assert doc.items == () and "no ContentSequence" in doc.problems


COMPREHENSIVE_UID = "1.2.840.10008.5.1.4.1.1.88.33"


def test_unreadable_file_raises_report_error(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.dcm"
    with pytest.raises(ReportError, match="cannot read"):
        extract_from_sr(missing)


def test_saved_file_reads_the_same(tmp_path: Path) -> None:
    path = save(tid4200_report(), tmp_path / "sr.dcm")
    assert _triples(extract_from_sr(path)) == _triples(extract_from_sr(tid4200_report()))


@pytest.mark.tools
@pytest.mark.skipif(shutil.which("dsr2xml") is None, reason="DCMTK dsr2xml not installed")
def test_dcmtk_round_trip_keeps_results(tmp_path: Path) -> None:
    original = save(tid4200_report(), tmp_path / "orig.dcm")
    xml = tmp_path / "sr.xml"
    back = tmp_path / "back.dcm"
    subprocess.run(["dsr2xml", "+Xn", str(original), str(xml)], check=True, capture_output=True)
    assert b"Assessment Category" in xml.read_bytes()
    subprocess.run(["xml2dsr", str(xml), str(back)], check=True, capture_output=True)
    assert _triples(extract_from_sr(back)) == _triples(extract_from_sr(original))
    assert ("category", "R", "4B") in _triples(extract_from_sr(back))


@pytest.mark.real
def test_real_polish_text_sr_reads_latin2_and_has_no_assessment(real_data: Path) -> None:
    path = real_data / "orthanc-tests" / "MarekLatin2.dcm"
    doc = read_sr(path)
    assert doc.kind == "report"
    assert "Oddział" in doc.text
    assert "Język treści" in doc.text
    result = extract_from_sr(path)
    assert result.by_field("category") == ()


@pytest.mark.real
@pytest.mark.parametrize(
    "name",
    [
        "MG-RDSR-Hologic_2D.dcm",
        "MG-RDSR-Hologic_mix.dcm",
        "MG-RDSR-GEPristina-2D.dcm",
        "MG-RDSR-GEPristina-DBT.dcm",
        "MG-RDSR-Giotto-DBT.dcm",
    ],
)
def test_real_dose_reports_yield_no_assessment(real_data: Path, name: str) -> None:
    path = real_data / "openrem" / name
    assert read_sr(path).kind == "dose"
    result = extract_from_sr(path)
    assert result.proposals == ()
    assert any("dose" in note for note in result.notes)


_VALUE_TYPES = ["CODE", "TEXT", "CONTAINER", "NUM", "PNAME", "DATE", "UIDREF", "", "BOGUS"]


def _random_item(draw: st.DrawFn, depth: int) -> Dataset:
    ds = Dataset()
    if draw(st.booleans()):
        ds.ValueType = draw(st.sampled_from(_VALUE_TYPES))
    if draw(st.booleans()):
        ds.RelationshipType = draw(
            st.sampled_from(["CONTAINS", "HAS CONCEPT MOD", "HAS PROPERTIES"])
        )
    concepts = [ASSESSMENT, COMPOSITION, ("272741003", "SCT", "Laterality"), ("1", "99X", "")]
    values = [
        RIGHT,
        LEFT,
        ("397141009", "SCT", "Benign"),
        ("129716005", "SCT", "Fatty"),
        ("", "", ""),
    ]
    if draw(st.booleans()):
        seq = [] if draw(st.booleans()) else [code_item(draw(st.sampled_from(concepts)))]
        ds.ConceptNameCodeSequence = Sequence(seq)
    if draw(st.booleans()):
        seq = [] if draw(st.booleans()) else [code_item(draw(st.sampled_from(values)))]
        ds.ConceptCodeSequence = Sequence(seq)
    if draw(st.booleans()):
        ds.TextValue = draw(st.text(max_size=40))
    if depth < 3 and draw(st.booleans()):
        ds.ContentSequence = Sequence(
            [_random_item(draw, depth + 1) for _ in range(draw(st.integers(0, 3)))]
        )
    return ds


@st.composite
def random_reports(draw: st.DrawFn) -> Dataset:
    """SR-like datasets with arbitrary missing and empty parts."""
    children = [_random_item(draw, 1) for _ in range(draw(st.integers(0, 4)))]
    return report(children, sop_class=draw(st.sampled_from([BASIC_TEXT, ENHANCED, CAD])))


@settings(max_examples=80, deadline=None)
@given(random_reports())
def test_random_malformed_trees_never_raise(ds: Dataset) -> None:
    result = extract_from_sr(ds)
    for p in result.proposals:
        assert result.text[p.start : p.end] == p.quote
