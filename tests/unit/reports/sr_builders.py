"""Build structured reports with pydicom for the SR tests (TID 4200 style breast reports)."""

from __future__ import annotations

from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

BASIC_TEXT = "1.2.840.10008.5.1.4.1.1.88.11"
ENHANCED = "1.2.840.10008.5.1.4.1.1.88.22"
COMPREHENSIVE = "1.2.840.10008.5.1.4.1.1.88.33"
CAD = "1.2.840.10008.5.1.4.1.1.88.50"

ASSESSMENT = ("111005", "DCM", "Assessment Category")
COMPOSITION = ("129715009", "SCT", "Breast composition")
LATERALITY = ("272741003", "SCT", "Laterality")
RIGHT = ("73056007", "SCT", "Right breast")
LEFT = ("80248007", "SCT", "Left breast")
BOTH = ("63762007", "SCT", "Both breasts")


def code(triple: tuple[str, str, str]) -> Dataset:
    """A code sequence item."""
    ds = Dataset()
    ds.CodeValue, ds.CodingSchemeDesignator, ds.CodeMeaning = triple
    return ds


def item(
    relationship: str,
    value_type: str,
    concept: tuple[str, str, str] | None,
    *,
    value: tuple[str, str, str] | None = None,
    text: str | None = None,
    children: list[Dataset] | None = None,
) -> Dataset:
    """One content item; CONTAINERs get ContinuityOfContent SEPARATE."""
    ds = Dataset()
    ds.RelationshipType = relationship
    ds.ValueType = value_type
    if concept is not None:
        ds.ConceptNameCodeSequence = Sequence([code(concept)])
    if value is not None:
        ds.ConceptCodeSequence = Sequence([code(value)])
    if text is not None:
        ds.TextValue = text
    if value_type == "CONTAINER":
        ds.ContinuityOfContent = "SEPARATE"
    if children is not None:
        ds.ContentSequence = Sequence(children)
    return ds


def laterality(side: tuple[str, str, str]) -> Dataset:
    """A laterality concept modifier child."""
    return item("HAS CONCEPT MOD", "CODE", LATERALITY, value=side)


def report(
    children: list[Dataset],
    *,
    sop_class: str = COMPREHENSIVE,
    root: tuple[str, str, str] = ("111400", "DCM", "Breast Imaging Report"),
    charset: str = "ISO_IR 192",
) -> Dataset:
    """A complete SR document dataset with file meta, ready to save."""
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = sop_class
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SpecificCharacterSet = charset
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.Modality = "SR"
    ds.PatientName = "Test^Patient"
    ds.PatientID = "SR-TEST-1"
    ds.PatientBirthDate = "19700101"
    ds.PatientSex = "F"
    ds.StudyDate = "20240314"
    ds.StudyTime = "101500"
    ds.ContentDate = "20240314"
    ds.ContentTime = "101500"
    ds.AccessionNumber = "A123"
    ds.ReferringPhysicianName = ""
    ds.StudyID = "1"
    ds.SeriesNumber = 1
    ds.InstanceNumber = 1
    ds.Manufacturer = "mammolog tests"
    ds.ValueType = "CONTAINER"
    ds.ContinuityOfContent = "SEPARATE"
    ds.CompletionFlag = "COMPLETE"
    ds.VerificationFlag = "UNVERIFIED"
    ds.ConceptNameCodeSequence = Sequence([code(root)])
    ds.ReferencedPerformedProcedureStepSequence = Sequence([])
    ds.PerformedProcedureCodeSequence = Sequence([])
    ds.ContentSequence = Sequence(children)
    return ds


def save(ds: Dataset, path: Path) -> Path:
    """Write the dataset as a DICOM file and return its path."""
    ds.save_as(path, enforce_file_format=True)
    return path


def tid4200_report() -> Dataset:
    """Right breast 4B with fine pleomorphic calcifications, left breast 1, density c."""
    right = item(
        "CONTAINS",
        "CONTAINER",
        ("121071", "DCM", "Finding"),
        children=[
            laterality(RIGHT),
            item(
                "CONTAINS",
                "CODE",
                ("121071", "DCM", "Finding"),
                value=("99CAL", "99TEST", "Calcification"),
                children=[
                    item(
                        "HAS PROPERTIES",
                        "CODE",
                        ("99MORPH", "99TEST", "Calcification morphology"),
                        value=("99FP", "99TEST", "Fine pleomorphic"),
                    )
                ],
            ),
            item(
                "CONTAINS", "CODE", ASSESSMENT, value=("MA.II.A.5.4B", "BI", "Moderate suspicion")
            ),
        ],
    )
    left = item(
        "CONTAINS",
        "CONTAINER",
        ("111402", "DCM", "Overall Assessment"),
        children=[
            laterality(LEFT),
            item("CONTAINS", "CODE", ASSESSMENT, value=("397140005", "SCT", "Negative")),
        ],
    )
    return report(
        [
            item(
                "CONTAINS", "CODE", COMPOSITION, value=("129718006", "SCT", "Heterogeneously dense")
            ),
            right,
            left,
            item(
                "CONTAINS",
                "TEXT",
                ("121073", "DCM", "Impression"),
                text="Suspicious calcifications in the right breast.",
            ),
        ]
    )
