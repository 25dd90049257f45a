"""Small synthetic DICOM files written with pydicom for the export tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import UID, ExplicitVRLittleEndian, generate_uid

MG_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.2"
MG_FOR_PROCESSING = "1.2.840.10008.5.1.4.1.1.1.2.1"
BASIC_TEXT_SR = "1.2.840.10008.5.1.4.1.1.88.11"
ENCAPSULATED_PDF = "1.2.840.10008.5.1.4.1.1.104.1"


@dataclass(frozen=True)
class Person:
    """The identity written into a synthetic file."""

    name: str = "Kowalska^Maria^Anna"
    patient_id: str = "PID778899"
    birth_date: str = "19650312"


def _base(sop_class: str, person: Person, study_uid: str, series_uid: str) -> Dataset:
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = UID(sop_class)
    ds.SOPInstanceUID = generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SpecificCharacterSet = "ISO_IR 192"
    ds.SOPClassUID = sop_class
    ds.PatientName = person.name
    ds.PatientID = person.patient_id
    ds.PatientBirthDate = person.birth_date
    ds.PatientSex = "F"
    ds.OtherPatientNames = person.name.replace("^", " ")
    ds.StudyInstanceUID = study_uid
    ds.SeriesInstanceUID = series_uid
    ds.StudyDate = "20240105"
    ds.StudyTime = "101500"
    ds.StudyID = "1"
    ds.AccessionNumber = "ACC123456"
    ds.ReferringPhysicianName = "Nowak^Jan"
    ds.InstitutionName = "Centrum Mammografii Krakow"
    ds.InstitutionAddress = "ul. Dluga 5, Krakow"
    ds.StudyDescription = "Screening mammography"
    ds.Manufacturer = "SYNTH"
    ds.DeviceSerialNumber = "SN-4455"
    ds.ContentDate = "20240105"
    ds.ContentTime = "101700"
    ds.InstanceNumber = 1
    ds.SeriesNumber = 1
    ds.add_new(0x00091010, "LO", f"private {person.name}")
    return ds


def mg_image(
    path: Path,
    *,
    person: Person = Person(),
    study_uid: str | None = None,
    series_uid: str | None = None,
    for_processing: bool = False,
    laterality: str = "L",
    view: str = "CC",
    rows: int = 8,
    columns: int = 6,
) -> Dataset:
    """Write a small MG image (16-bit, uncompressed) and return its dataset."""
    sop_class = MG_FOR_PROCESSING if for_processing else MG_FOR_PRESENTATION
    ds = _base(sop_class, person, study_uid or generate_uid(), series_uid or generate_uid())
    ds.Modality = "MG"
    ds.PresentationIntentType = "FOR PROCESSING" if for_processing else "FOR PRESENTATION"
    ds.ImageLaterality = laterality
    ds.ViewPosition = view
    ds.ImageType = ["ORIGINAL", "PRIMARY"]
    ds.FrameOfReferenceUID = generate_uid()
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = rows
    ds.Columns = columns
    ds.BitsAllocated = 16
    ds.BitsStored = 14
    ds.HighBit = 13
    ds.PixelRepresentation = 0
    ds.PixelData = (np.arange(rows * columns, dtype=np.uint16) * 7).tobytes()
    ds.add_new(0x60000010, "US", rows)
    ds.add_new(0x60000011, "US", columns)
    ds.add_new(0x60004000, "LT", f"overlay for {person.name}")
    ds.save_as(path, enforce_file_format=True)
    return ds


def text_sr(path: Path, *, person: Person = Person(), study_uid: str | None = None) -> Dataset:
    """Write a Basic Text SR whose content names the patient."""
    ds = _base(BASIC_TEXT_SR, person, study_uid or generate_uid(), generate_uid())
    ds.Modality = "SR"
    ds.CompletionFlag = "COMPLETE"
    ds.VerificationFlag = "UNVERIFIED"
    ds.ValueType = "CONTAINER"
    ds.ContinuityOfContent = "SEPARATE"
    concept = Dataset()
    concept.CodeValue = "18748-4"
    concept.CodingSchemeDesignator = "LN"
    concept.CodeMeaning = "Diagnostic Imaging Report"
    ds.ConceptNameCodeSequence = Sequence([concept])
    text = Dataset()
    text.RelationshipType = "CONTAINS"
    text.ValueType = "TEXT"
    name_code = Dataset()
    name_code.CodeValue = "121071"
    name_code.CodingSchemeDesignator = "DCM"
    name_code.CodeMeaning = "Finding"
    text.ConceptNameCodeSequence = Sequence([name_code])
    surname = person.name.split("^")[0]
    text.TextValue = f"Patient {surname.upper()} (ID {person.patient_id}), BI-RADS 2."
    observer = Dataset()
    observer.RelationshipType = "HAS OBS CONTEXT"
    observer.ValueType = "PNAME"
    observer_code = Dataset()
    observer_code.CodeValue = "121008"
    observer_code.CodingSchemeDesignator = "DCM"
    observer_code.CodeMeaning = "Person Observer Name"
    observer.ConceptNameCodeSequence = Sequence([observer_code])
    observer.PersonName = "Radiolog^Ewa"
    ds.ContentSequence = Sequence([observer, text])
    ds.SeriesNumber = None
    del ds.InstanceNumber
    ds.save_as(path, enforce_file_format=True)
    return ds


def encapsulated_pdf(
    path: Path, *, person: Person = Person(), study_uid: str | None = None
) -> Dataset:
    """Write an Encapsulated PDF with an empty Study ID and no series/instance numbers."""
    ds = _base(ENCAPSULATED_PDF, person, study_uid or generate_uid(), generate_uid())
    ds.Modality = "DOC"
    ds.StudyID = ""
    del ds.SeriesNumber
    del ds.InstanceNumber
    ds.MIMETypeOfEncapsulatedDocument = "application/pdf"
    ds.BurnedInAnnotation = "YES"
    ds.DocumentTitle = "Report"
    ds.ConceptNameCodeSequence = Sequence([])
    pdf = b"%PDF-1.4\n% " + person.name.encode() + b"\n%%EOF\n"
    ds.EncapsulatedDocument = pdf + (b"\0" if len(pdf) % 2 else b"")
    ds.save_as(path, enforce_file_format=True)
    return ds
