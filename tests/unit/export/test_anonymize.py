"""De-identification: the PS3.15 Basic Profile, consistent UIDs, and a byte scanner."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from fpdf import FPDF
from pydicom import dcmread
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset
from pydicom.fileset import FileSet
from pydicom.filewriter import dcmwrite
from pydicom.sequence import Sequence as DicomSequence
from pydicom.uid import generate_uid

from mammolog.dicom.synth_tomo import TomoSpec, write_tomo
from mammolog.export.anonymize import (
    AnonymizeError,
    Anonymizer,
    collect_identifiers,
    guard_summaries,
    name_components,
)
from mammolog.export.deid_file import deidentify_file
from mammolog.export.deid_scan import scan_layout
from mammolog.export.media import MediaOptions, OutputKind, write_media
from tests.unit.export.deid_inputs import (
    hologic_tomo,
    nested_sr,
    odd_fragment_image,
    parametric_map,
)
from tests.unit.export.scanner import identifier_needles, scan
from tests.unit.export.synth_files import Person, encapsulated_pdf, mg_image, text_sr

PERSON = Person()
OTHER_IDENTITY = Person(name="Kowalska^Maria", patient_id="KRK-2020-17", birth_date="19650312")


def _needles_for(*people: Person) -> dict[bytes, str]:
    return identifier_needles(
        [p.name for p in people], [p.patient_id for p in people], [p.birth_date for p in people], []
    )


@pytest.fixture
def library(tmp_path: Path) -> list[Path]:
    """Two studies under two identities of one woman, with an SR and a PDF."""
    source = tmp_path / "library"
    source.mkdir()
    study = generate_uid()
    series = generate_uid()
    paths = [source / f"f{n}.dcm" for n in range(5)]
    mg_image(paths[0], study_uid=study, series_uid=series, view="CC")
    mg_image(paths[1], study_uid=study, series_uid=series, view="MLO")
    text_sr(paths[2], study_uid=study)
    encapsulated_pdf(paths[3], study_uid=study)
    mg_image(paths[4], person=OTHER_IDENTITY)
    return paths


def test_scanner_finds_identifiers_in_a_plain_export(tmp_path: Path, library: list[Path]) -> None:
    out = tmp_path / "plain"
    write_media(library, out)
    found = {hit.needle for hit in scan(out, _needles_for(PERSON, OTHER_IDENTITY))}
    assert {"Kowalska", "Maria", "Anna", "PID778899", "KRK-2020-17", "19650312"} <= found


@pytest.mark.parametrize("output", [OutputKind.FOLDER, OutputKind.ZIP, OutputKind.ISO])
def test_anonymized_export_holds_no_identifier(
    tmp_path: Path, library: list[Path], output: OutputKind
) -> None:
    summary_html = (
        "<html><body><h1>Summary for Kowalska Maria</h1><p>ID PID778899</p></body></html>"
    )
    out = tmp_path / f"anon.{output.value}"
    options = MediaOptions(anonymize=True, output=output, summary_html=summary_html)
    report = write_media(library, out, options=options)
    assert any("encapsulated" in item.reason for item in report.skipped)
    assert scan(out, _needles_for(PERSON, OTHER_IDENTITY)) == []


def test_profile_attributes_uids_and_codes(tmp_path: Path, library: list[Path]) -> None:
    out = tmp_path / "anon"
    write_media(library, out, options=MediaOptions(anonymize=True, uid_secret=b"k"))
    fileset = FileSet(dcmread(out / "DICOMDIR"))
    originals = [dcmread(p, stop_before_pixels=True) for p in library]
    original_uids = {
        str(getattr(ds, kw))
        for ds in originals
        for kw in ("SOPInstanceUID", "StudyInstanceUID", "SeriesInstanceUID")
    }
    exported = [instance.load() for instance in fileset]
    assert len(exported) == 4
    studies = set()
    for ds in exported:
        assert ds.PatientIdentityRemoved == "YES"
        assert ds.PatientName == "Anonymous" and ds.PatientID.startswith("ANON")
        assert not ds.PatientBirthDate and not ds.get("StudyDate")
        codes = [item.CodeValue for item in ds.DeidentificationMethodCodeSequence]
        assert "113100" in codes and "113106" not in codes
        for keyword in (
            "InstitutionName",
            "AccessionNumber",
            "DeviceSerialNumber",
            "OtherPatientNames",
        ):
            assert not ds.get(keyword)
        assert not any(element.tag.is_private for element in ds)
        assert not any(element.tag.group == 0x6000 for element in ds)
        for keyword in ("SOPInstanceUID", "StudyInstanceUID", "SeriesInstanceUID"):
            value = str(getattr(ds, keyword))
            assert value.startswith("2.25.") and value not in original_uids
        assert ds.file_meta.MediaStorageSOPInstanceUID == ds.SOPInstanceUID
        if ds.PatientID == "ANON0001":
            studies.add(str(ds.StudyInstanceUID))
    assert len(studies) == 1  # the study UID is mapped the same way in every file
    assert {str(ds.PatientID) for ds in exported} == {"ANON0001", "ANON0002"}
    sr = next(ds for ds in exported if ds.Modality == "SR")
    text = next(item for item in sr.ContentSequence if item.ValueType == "TEXT")
    assert "BI-RADS 2" in text.TextValue and "KOWALSKA" not in text.TextValue
    assert next(i for i in sr.ContentSequence if i.ValueType == "PNAME").PersonName == "Anonymous"


def test_retained_dates_option(tmp_path: Path, library: list[Path]) -> None:
    out = tmp_path / "anon"
    write_media(library, out, options=MediaOptions(anonymize=True, retain_dates=True))
    for instance in FileSet(dcmread(out / "DICOMDIR")):
        ds = instance.load()
        assert ds.StudyDate == "20240105" and not ds.PatientBirthDate
        codes = {item.CodeValue for item in ds.DeidentificationMethodCodeSequence}
        assert {"113100", "113106"} <= codes
        assert ds.LongitudinalTemporalInformationModified == "UNMODIFIED"


def test_uid_mapping_is_consistent_and_secret_dependent() -> None:
    identifiers = collect_identifiers([])
    first = Anonymizer(identifiers, uid_secret=b"a")
    again = Anonymizer(identifiers, uid_secret=b"a")
    other = Anonymizer(identifiers, uid_secret=b"b")
    uid = "1.2.3.4.5"
    assert first.new_uid(uid) == first.new_uid(uid) == again.new_uid(uid)
    assert first.new_uid(uid) != other.new_uid(uid)
    assert first.new_uid(uid) != first.new_uid("1.2.3.4.6")
    assert len(first.new_uid(uid)) <= 64


def test_encapsulated_documents_are_refused(tmp_path: Path) -> None:
    ds = encapsulated_pdf(tmp_path / "doc.dcm")
    with pytest.raises(AnonymizeError):
        Anonymizer(collect_identifiers([ds])).anonymize(ds)


def test_name_components_cover_all_groups() -> None:
    assert name_components("Yamada^Tarou=山田^太郎=やまだ^たろう") == [
        "Yamada",
        "Tarou",
        "山田",
        "太郎",
        "やまだ",
        "たろう",
    ]


def test_summary_guard_drops_a_pdf_that_names_the_patient(tmp_path: Path) -> None:
    def pdf(path: Path, text: str) -> Path:
        document = FPDF()
        document.add_page()
        document.set_font("helvetica", size=12)
        document.cell(text=text)
        document.output(str(path))
        return path

    anonymizer = Anonymizer(collect_identifiers([mg_image(tmp_path / "x.dcm")]))
    naming = pdf(tmp_path / "a.pdf", "Summary for Maria Kowalska")
    clean = pdf(tmp_path / "b.pdf", "Summary for an anonymous patient")
    kept_pdf, kept_html, warnings = guard_summaries(naming, "<p>Kowalska</p>", anonymizer)
    assert kept_pdf is None and kept_html == "<p>********</p>" and len(warnings) == 1
    assert guard_summaries(clean, None, anonymizer)[0] == clean
    assert guard_summaries(naming, None, None)[0] == naming


@pytest.mark.real
def test_real_files_anonymized_export_scans_clean(tmp_path: Path, real_data: Path) -> None:
    clunie = sorted((real_data / "orthanc-tests" / "DavidClunie").glob("SCS*"))
    items = [
        real_data / "fo-dicom" / "GH133.dcm",
        real_data / "fo-dicom" / "OutOfBoundsOverlay.dcm",
        real_data / "orthanc-tests" / "sample-pdf.dcm",
        real_data / "orthanc-tests" / "MarekLatin2.dcm",
        real_data / "openrem" / "MG-RDSR-Hologic_2D.dcm",
        real_data / "openrem" / "MG-Im-GE-SenDS-scaled.dcm",
        *clunie,
    ]
    out = tmp_path / "anon"
    report = write_media(
        items, out, options=MediaOptions(anonymize=True, include_for_processing=True)
    )
    assert report.instances == len(items) - 1  # the PDF is left out
    for path in items:
        header = dcmread(path, stop_before_pixels=True)
        charset = header.get("SpecificCharacterSet", "")
        charsets = [charset] if isinstance(charset, str) else list(charset)
        birth = str(header.get("PatientBirthDate", "") or "")
        needles = identifier_needles(
            [str(header.get("PatientName", ""))],
            [str(header.PatientID)] if header.get("PatientID") else [],
            [birth] if birth.strip("0") else [],
            [c for c in charsets if c],
        )
        assert scan(out, needles) == [], path.name
    # the scanner does see names in a plain export of the same multi-charset files
    plain = tmp_path / "plain"
    write_media(clunie, plain)
    greek = dcmread(clunie[3], stop_before_pixels=True)
    needles = identifier_needles([str(greek.PatientName)], [], [], ["ISO_IR 126"])
    assert scan(plain, needles)


def _dciodvfy_errors(path: Path) -> set[str]:
    tool = shutil.which("dciodvfy")
    if tool is None:
        pytest.skip("dciodvfy is not installed")
    result = subprocess.run(
        [tool, str(path)], capture_output=True, text=True, errors="replace", check=False
    )
    return {
        line for line in (result.stdout + result.stderr).splitlines() if line.startswith("Error")
    }


@pytest.mark.tools
@pytest.mark.real
def test_anonymized_files_gain_no_dciodvfy_error(tmp_path: Path, real_data: Path) -> None:
    items = [
        real_data / "fo-dicom" / "OutOfBoundsOverlay.dcm",
        real_data / "dicomsamples-jl" / "MG_Explicit_Little.dcm",
        real_data / "openrem" / "MG-RDSR-Giotto-DBT.dcm",
        real_data / "openrem" / "MG-RDSR-Hologic_2D.dcm",
        real_data / "orthanc-tests" / "MarekLatin2.dcm",
    ]
    out = tmp_path / "anon"
    write_media(items, out, options=MediaOptions(anonymize=True, uid_secret=b"fixed"))
    exported = {
        str(instance.ReferencedSOPInstanceUIDInFile): Path(instance.path)
        for instance in FileSet(dcmread(out / "DICOMDIR"))
    }
    anonymizer = Anonymizer(collect_identifiers([]), uid_secret=b"fixed")
    for source in items:
        uid = str(dcmread(source, stop_before_pixels=True).SOPInstanceUID)
        copy = exported[anonymizer.new_uid(uid)]
        assert _dciodvfy_errors(copy) <= _dciodvfy_errors(source), source.name


def test_new_uids_never_spell_a_numeric_identifier() -> None:
    identifiers = collect_identifiers([])
    numeric = type(identifiers)(
        name_components=(), patient_ids=("4711",), birth_dates=("19650312",)
    )
    anonymizer = Anonymizer(numeric, uid_secret=b"s")
    uids = [anonymizer.new_uid(f"1.2.3.{n}") for n in range(2000)]
    assert len(set(uids)) == 2000
    assert not any("4711" in uid or "19650312" in uid for uid in uids)
    short = Anonymizer(type(identifiers)((), ("12",), ()), uid_secret=b"s")
    assert short.new_uid("1.2.3").startswith("2.25.")


# --- PS3.15 actions, coded values, free text, nesting, pixel bytes ------------------------


def _deidentify(source: Path, target: Path, **options: bool) -> Dataset:
    header = dcmread(source, stop_before_pixels=True)
    anonymizer = Anonymizer(collect_identifiers([header]), uid_secret=b"t", **options)
    deidentify_file(source, target, anonymizer)
    return dcmread(target)


def _pixel_value(path: Path) -> bytes:
    layout = scan_layout(path)
    assert layout.bulk_value_start is not None and layout.bulk_end is not None
    return path.read_bytes()[layout.bulk_value_start : layout.bulk_end]


def test_enhanced_multiframe_gets_dummies_where_type_1(tmp_path: Path) -> None:
    source = write_tomo(tmp_path / "tomo.dcm", TomoSpec(frames=3))
    copy = _deidentify(source, tmp_path / "copy.dcm")
    assert copy.DeviceSerialNumber == "ANONYMIZED"
    assert copy.ContentDate == "19000101" and copy.ContentTime == "000000"
    assert copy.AcquisitionDateTime == "19000101000000"
    for frame in copy.PerFrameFunctionalGroupsSequence:
        content = frame.FrameContentSequence[0]
        assert content.FrameAcquisitionDateTime == content.FrameReferenceDateTime
        assert content.FrameAcquisitionDateTime == "19000101000000"
    assert not copy.get("InstitutionName") and not copy.StudyDate
    assert copy.SharedFunctionalGroupsSequence[0].FrameAnatomySequence[0].FrameLaterality == "L"
    assert _pixel_value(copy_path := tmp_path / "copy.dcm") == _pixel_value(source)
    assert copy_path.stat().st_size < source.stat().st_size + 4096


def test_verified_report_keeps_its_verification_with_dummies(tmp_path: Path) -> None:
    ds = text_sr(tmp_path / "sr.dcm")
    ds.VerificationFlag = "VERIFIED"
    observer = Dataset()
    observer.VerifyingObserverName = "Radiolog^Ewa"
    observer.VerifyingOrganization = "Breast Centre Krakow"
    observer.VerificationDateTime = "20240105101500"
    observer.VerifyingObserverIdentificationCodeSequence = DicomSequence([])
    ds.VerifyingObserverSequence = DicomSequence([observer])
    concept = ds.ConceptNameCodeSequence[0]
    concept.ContextIdentifier = "7000"
    concept.ContextGroupVersion = "20200101000000"
    concept.MappingResource = "DCMR"
    ds.save_as(tmp_path / "sr.dcm", enforce_file_format=True)
    copy = _deidentify(tmp_path / "sr.dcm", tmp_path / "copy.dcm")
    verified = copy.VerifyingObserverSequence[0]
    assert verified.VerifyingObserverName == "Anonymous"
    assert verified.VerifyingOrganization == "ANONYMIZED"
    assert verified.VerificationDateTime == "19000101000000"
    assert "VerifyingObserverIdentificationCodeSequence" in verified
    code = copy.ConceptNameCodeSequence[0]
    assert code.ContextGroupVersion == "19000101000000"
    assert (code.CodeValue, code.CodingSchemeDesignator, code.ContextIdentifier) == (
        "18748-4",
        "LN",
        "7000",
    )


def test_coded_values_are_never_scrubbed_but_text_is(tmp_path: Path) -> None:
    person = Person(name="Perfusion^Breast^Jpeg", patient_id="MRN-4711", birth_date="19651203")
    ds = text_sr(tmp_path / "sr.dcm", person=person)
    ds.ImageType = ["DERIVED", "PRIMARY", "PERFUSION"]
    ds.BodyPartExamined = "BREAST"
    ds.StudyID = "ST-9931"
    ds.AccessionNumber = "ACC-2024-77"
    standard = Dataset()
    standard.CodeValue = "76752008"
    standard.CodingSchemeDesignator = "SCT"
    standard.CodeMeaning = "Breast"
    local = Dataset()
    local.CodeValue = "X1"
    local.CodingSchemeDesignator = "99LOCAL"
    local.CodeMeaning = "Order ACC-2024-77 for Perfusion"
    ds.AnatomicRegionSequence = DicomSequence([standard, local])
    text = ds.ContentSequence[1]
    text.TextValue = (
        "Accession ACC-2024-77, study ST-9931, born 03.12.1965 (1965-12-03, 3 Dec 1965, "
        "12/03/1965, December 3, 1965); Perfusion Breast seen; MRN-4711."
    )
    ds.save_as(tmp_path / "sr.dcm", enforce_file_format=True)
    copy = _deidentify(tmp_path / "sr.dcm", tmp_path / "copy.dcm")
    assert list(copy.ImageType) == ["DERIVED", "PRIMARY", "PERFUSION"]
    assert copy.BodyPartExamined == "BREAST"
    regions = copy.AnatomicRegionSequence
    assert regions[0].CodeMeaning == "Breast"  # the standard's meaning, kept as it is
    assert "ACC" not in regions[1].CodeMeaning and "Perfusion" not in regions[1].CodeMeaning
    cleaned = copy.ContentSequence[1].TextValue
    for leak in ("ACC-2024-77", "ST-9931", "1965", "03.12", "Perfusion", "MRN-4711", "Dec 3"):
        assert leak not in cleaned, leak
    assert cleaned.endswith("seen; ********.")


@pytest.mark.parametrize(("depth", "undefined"), [(500, True), (5000, True), (5000, False)])
def test_deep_nesting_is_left_out_with_a_reason(
    tmp_path: Path, depth: int, undefined: bool
) -> None:
    source = nested_sr(tmp_path / "deep.dcm", depth, undefined=undefined)
    anonymizer = Anonymizer(collect_identifiers([]), uid_secret=b"t")
    with pytest.raises(AnonymizeError, match="nested more than 64 sequence levels deep"):
        deidentify_file(source, tmp_path / "copy.dcm", anonymizer)
    assert not (tmp_path / "copy.dcm").exists()
    kept = nested_sr(tmp_path / "ok.dcm", 60, undefined=undefined)
    copy = _deidentify(kept, tmp_path / "ok-copy.dcm")
    item = copy
    for _ in range(60):
        item = item.ContentSequence[0]
    assert item.TextValue == "******** seen"


def test_deep_nesting_never_aborts_the_media(tmp_path: Path, library: list[Path]) -> None:
    deep = nested_sr(tmp_path / "deep.dcm", 5000, undefined=True)
    shallow = nested_sr(tmp_path / "deep-defined.dcm", 5000, undefined=False)
    report = write_media(
        [deep, shallow, library[0]], tmp_path / "out", options=MediaOptions(anonymize=True)
    )
    assert report.instances == 1
    reasons = {item.path.name: item.reason for item in report.skipped}
    assert "nested" in reasons["deep.dcm"] and "nested" in reasons["deep-defined.dcm"]
    assert any(item.problem for item in report.skipped)


def test_odd_fragment_and_transfer_syntax_are_copied_exactly(tmp_path: Path) -> None:
    source, value = odd_fragment_image(tmp_path / "j2k.dcm")
    copy = _deidentify(source, tmp_path / "copy.dcm")
    assert copy.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2.4.90"
    assert _pixel_value(tmp_path / "copy.dcm") == value
    assert copy.PatientName == "Anonymous"


def test_hologic_private_3d_data_is_named_and_kept_only_when_asked(tmp_path: Path) -> None:
    source = hologic_tomo(tmp_path / "hologic.dcm")
    header = dcmread(source, stop_before_pixels=True)
    anonymizer = Anonymizer(collect_identifiers([header]), uid_secret=b"t")
    reason = "Hologic 3D data kept in private tags: de-identifying it would destroy it"
    with pytest.raises(AnonymizeError, match=reason):
        deidentify_file(source, tmp_path / "copy.dcm", anonymizer)
    copy = _deidentify(source, tmp_path / "kept.dcm", keep_private=True)
    assert copy[0x7E011010].value == bytes(range(256)) * 4
    assert copy[0x7E010010].value == "HOLOGIC, Inc."
    assert 0x00191001 not in copy and 0x00190010 not in copy  # other private data still goes
    codes = {item.CodeValue for item in copy.DeidentificationMethodCodeSequence}
    assert "113111" in codes


def test_unusual_objects_are_each_done_or_left_out_on_their_own(
    tmp_path: Path, library: list[Path]
) -> None:
    ecg = Path(get_testdata_file("waveform_ecg.dcm"))  # type: ignore[arg-type]
    pmap, floats = parametric_map(tmp_path / "pmap.dcm")
    report = write_media(
        [ecg, pmap, library[0]], tmp_path / "out", options=MediaOptions(anonymize=True)
    )
    assert report.instances + len(report.skipped) == 3 and report.instances >= 2
    copies = [p for p in (tmp_path / "out" / "DICOM").rglob("*") if p.is_file()]
    maps = [p for p in copies if dcmread(p, stop_before_pixels=True).Modality == "MR"]
    assert len(maps) == 1 and dcmread(maps[0]).FloatPixelData == floats
    label = dcmread(maps[0]).SharedFunctionalGroupsSequence[0].RealWorldValueMappingSequence[0]
    assert "Kowalska" not in label.LUTLabel


@pytest.mark.real
def test_real_jpeg_stray_items_and_repeated_meta(tmp_path: Path, real_data: Path) -> None:
    for name, syntax in (
        ("fo-dicom/GH133.dcm", "1.2.840.10008.1.2.4.70"),
        ("breadth/GH364.dcm", "1.2.840.10008.1.2.4.80"),
        ("breadth/GH1376.dcm", "1.2.840.10008.1.2.4.70"),
    ):
        source = real_data / name
        target = tmp_path / source.name
        copy = _deidentify(source, target)
        assert copy.file_meta.TransferSyntaxUID == syntax, name
        assert _pixel_value(target) == _pixel_value(source), name
        assert not any(tag.group in (0x0002, 0xFFFE) for tag in copy.keys()), name
        assert copy.pixel_array.size > 0  # decodes: still JPEG, as the transfer syntax says


def test_retained_dates_keep_dates_but_never_the_birth_date(tmp_path: Path) -> None:
    ds = text_sr(tmp_path / "sr.dcm")
    ds.StudyDate = "20240105"
    ds.ContentDate = ds.PatientBirthDate  # a date that is the birth date is never kept
    ds.save_as(tmp_path / "sr.dcm", enforce_file_format=True)
    copy = _deidentify(tmp_path / "sr.dcm", tmp_path / "copy.dcm", retain_dates=True)
    assert copy.StudyDate == "20240105"
    assert copy.ContentDate == "19000101" and not copy.PatientBirthDate


def test_summaries_lose_the_patient_identifiers_not_common_words(tmp_path: Path) -> None:
    ds = text_sr(tmp_path / "sr.dcm")
    ds.ReferringPhysicianName = "Who^Doctor"
    anonymizer = Anonymizer(collect_identifiers([ds]))
    page = "<p>Kowalska: ask the doctor who reads it</p>"
    _pdf, html, warnings = guard_summaries(None, page, anonymizer)
    assert html == "<p>********: ask the doctor who reads it</p>" and warnings == []
    assert anonymizer.scrub_text("Dr Who, doctor") == "Dr ***, ******"  # report text: all names


def test_an_object_without_preamble_or_file_meta_is_deidentified(tmp_path: Path) -> None:
    ds = mg_image(tmp_path / "full.dcm")
    headless = tmp_path / "headless.dcm"
    del ds.file_meta
    dcmwrite(headless, ds, implicit_vr=False, little_endian=True)
    assert headless.read_bytes()[128:132] != b"DICM"
    report = write_media([headless], tmp_path / "out", options=MediaOptions(anonymize=True))
    assert report.instances == 1 and report.skipped == ()
    copy = next(p for p in (tmp_path / "out" / "DICOM").rglob("*") if p.is_file())
    written = dcmread(copy)
    assert written.PatientName == "Anonymous" and written.PixelData == ds.PixelData
    assert not list(tmp_path.rglob(".*part10"))
