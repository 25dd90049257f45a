"""Synthetic but realistic DICOM objects for tests, benchmarks and the demo.

:func:`write_instance` writes one mammogram (Digital Mammography X-Ray For Presentation by
default) with ViewCodeSequence, laterality, patient/study/series attributes and pixel data of a
chosen size: tiny for tests, 4096x3328 16-bit for benchmarks, or a small synthetic breast shape
for the demo. Encoding variants (implicit VR, big endian, no preamble/file meta) and character
sets are options of :class:`InstanceSpec`. The other objects of an exam are specs or writers
built on it: synthesized 2D and magnification views, a physics flat field, and a Hologic-style
Secondary Capture. Tomosynthesis volumes, written frame by frame, are in
:mod:`mammolog.dicom.synth_tomo`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import UID, ExplicitVRBigEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian

from mammolog.dicom import views

MG_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.2"
MG_FOR_PROCESSING = "1.2.840.10008.5.1.4.1.1.1.2.1"
SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7"
US_IMAGE = "1.2.840.10008.5.1.4.1.1.6.1"
BREAST_TOMOSYNTHESIS = "1.2.840.10008.5.1.4.1.1.13.1.3"
IMPLEMENTATION_UID = "2.25.91655893432181398371187316216474733914"
BENCH_ROWS, BENCH_COLUMNS = 4096, 3328


def synthetic_uid(*parts: object) -> str:
    """A deterministic UID under the 2.25 root derived from ``parts``."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return "2.25." + str(int.from_bytes(digest[:15], "big"))


@dataclass(frozen=True)
class InstanceSpec:
    """Everything a synthetic object can vary. UIDs default to values derived from the rest."""

    patient_name: str = "DOE^JANE"
    patient_id: str = "PID0001"
    issuer_of_patient_id: str = ""
    birth_date: str = "19700115"
    sex: str = "F"
    study_date: str = "20200310"
    study_time: str = "093000"
    study_description: str = "Mammography screening"
    accession_number: str = "ACC0001"
    study_id: str = "1"
    institution_name: str = "Synthetic Breast Centre"
    referring_physician: str = "WHO^DOCTOR"
    study_uid: str = ""
    series_uid: str = ""
    sop_instance_uid: str = ""
    series_number: int = 1
    series_description: str = "Screening"
    instance_number: int = 1
    modality: str = "MG"
    sop_class_uid: str = MG_FOR_PRESENTATION
    presentation_intent: str = "FOR PRESENTATION"
    body_part: str = "BREAST"
    laterality: str = "R"
    view: str = "CC"
    view_modifiers: tuple[str, ...] = ()
    use_view_code: bool = True
    view_position: str | None = None
    legacy_codes: bool = False
    rows: int = 16
    columns: int = 12
    pixels: str = "noise"  # "noise", "breast", "zeros"
    charset: str = "ISO_IR 100"
    transfer_syntax: str = ExplicitVRLittleEndian
    preamble: bool = True
    file_meta: bool = True
    seed: int = 0
    extra: dict[str, object] = field(default_factory=dict)

    def with_(self, **changes: object) -> InstanceSpec:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


def _smooth_noise(rng: np.random.Generator, rows: int, columns: int, cells: int) -> np.ndarray:
    """Smooth random texture: coarse noise enlarged with bicubic interpolation."""
    from PIL import Image

    coarse = rng.normal(0, 1, (max(2, rows // cells), max(2, columns // cells))).astype(np.float32)
    image = Image.fromarray(coarse, mode="F").resize((columns, rows), Image.Resampling.BICUBIC)
    return np.asarray(image, dtype=np.float32)


def breast_image(rows: int, columns: int, laterality: str = "R", seed: int = 0) -> np.ndarray:
    """A 12-bit synthetic breast against the chest wall: a soft half-ellipse with a skin line,
    fibroglandular texture denser behind the nipple, and fat towards the edge."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:rows, 0:columns].astype(np.float32)
    # Stored as viewers show them: a right breast with its chest wall on the right
    # (Patient Orientation "P\\L"), a left breast with its chest wall on the left ("A\\R").
    depth = ((columns - 1 - x) if laterality == "R" else x) / (columns * 0.8)
    height = (y - rows * 0.5) / (rows * 0.44)
    r = np.sqrt(depth**2 + height**2)
    inside = r < 1.0
    thickness = np.sqrt(np.clip(1.0 - r**2, 0, 1))  # compressed breast: thicker near the wall
    glandular = np.clip(1.0 - np.sqrt((depth * 1.4) ** 2 + (height * 1.6) ** 2), 0, 1)
    texture = 0.6 * _smooth_noise(rng, rows, columns, 24) + 0.4 * _smooth_noise(
        rng, rows, columns, 6
    )
    strands = np.clip(texture, 0, None) * glandular
    image = 350 + 2000 * thickness**0.8 + 1100 * strands
    skin = (r > 0.985) & inside
    image = np.where(skin, image + 120, image)
    image = np.where(inside, image, 60)
    noise = rng.normal(0, 10, (rows, columns)).astype(np.float32)
    return np.clip(image + noise, 0, 4095).astype(np.uint16)


def _pixels(spec: InstanceSpec) -> np.ndarray:
    if spec.pixels == "breast":
        return breast_image(spec.rows, spec.columns, spec.laterality, spec.seed)
    if spec.pixels == "zeros":
        return np.zeros((spec.rows, spec.columns), dtype=np.uint16)
    rng = np.random.default_rng(spec.seed)
    return rng.integers(0, 4096, size=(spec.rows, spec.columns), dtype=np.uint16)


def _code(value: str, scheme: str, meaning: str) -> Dataset:
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = scheme
    item.CodeMeaning = meaning
    return item


def build_dataset(spec: InstanceSpec) -> Dataset:
    """The dataset (with file meta unless ``spec.file_meta`` is false) for ``spec``."""
    study_uid = spec.study_uid or synthetic_uid(
        "study", spec.patient_id, spec.study_date, spec.accession_number
    )
    series_uid = spec.series_uid or synthetic_uid("series", study_uid, spec.series_number)
    sop_uid = spec.sop_instance_uid or synthetic_uid(
        "sop", series_uid, spec.instance_number, spec.laterality, spec.view
    )
    ds = Dataset()
    if spec.charset:
        ds.SpecificCharacterSet = spec.charset.split("\\") if "\\" in spec.charset else spec.charset
    ds.ImageType = ["ORIGINAL", "PRIMARY", ""]
    ds.SOPClassUID = spec.sop_class_uid
    ds.SOPInstanceUID = sop_uid
    ds.StudyDate = spec.study_date
    ds.SeriesDate = spec.study_date
    ds.StudyTime = spec.study_time
    ds.AccessionNumber = spec.accession_number
    ds.Modality = spec.modality
    ds.PresentationIntentType = spec.presentation_intent
    ds.Manufacturer = "SYNTHETIC"
    ds.InstitutionName = spec.institution_name
    ds.ReferringPhysicianName = spec.referring_physician
    ds.StudyDescription = spec.study_description
    ds.SeriesDescription = spec.series_description
    ds.PatientName = spec.patient_name
    ds.PatientID = spec.patient_id
    if spec.issuer_of_patient_id:
        ds.IssuerOfPatientID = spec.issuer_of_patient_id
    ds.PatientBirthDate = spec.birth_date
    ds.PatientSex = spec.sex
    ds.BodyPartExamined = spec.body_part
    if spec.view_position is not None:
        ds.ViewPosition = spec.view_position
    elif spec.view:
        ds.ViewPosition = spec.view
    ds.StudyInstanceUID = study_uid
    ds.SeriesInstanceUID = series_uid
    ds.StudyID = spec.study_id
    ds.SeriesNumber = spec.series_number
    ds.InstanceNumber = spec.instance_number
    ds.ImageLaterality = spec.laterality
    if spec.use_view_code and spec.view:
        found = next((v for v in views.VIEWS if v.label == spec.view), None)
        if found is not None:
            item = (
                _code(found.legacy, "SRT", found.meaning)
                if spec.legacy_codes
                else _code(found.sct, "SCT", found.meaning)
            )
            mods = [m for m in views.MODIFIERS if m.label in spec.view_modifiers]
            item.ViewModifierCodeSequence = Sequence(
                [
                    _code(m.legacy, "SRT", m.meaning)
                    if spec.legacy_codes
                    else _code(m.sct, "SCT", m.meaning)
                    for m in mods
                ]
            )
            ds.ViewCodeSequence = Sequence([item])
    ds.PatientOrientation = ["P", "L"] if spec.laterality == "R" else ["A", "R"]
    region = _code("76752008", "SCT", "Breast")
    ds.AnatomicRegionSequence = Sequence([region])
    ds.AcquisitionContextSequence = Sequence([])
    ds.PixelIntensityRelationship = "LOG"
    ds.PixelIntensityRelationshipSign = 1
    ds.RescaleIntercept = 0
    ds.RescaleSlope = 1
    ds.RescaleType = "US"
    ds.PresentationLUTShape = "IDENTITY"
    ds.LossyImageCompression = "00"
    ds.BurnedInAnnotation = "NO"
    ds.ImagerPixelSpacing = [0.1, 0.1]
    ds.DetectorType = "DIRECT"
    ds.PositionerType = "MAMMOGRAPHIC"
    ds.DistanceSourceToDetector = 650
    ds.DistanceSourceToPatient = 630
    ds.EstimatedRadiographicMagnificationFactor = "1.031746"
    ds.BreastImplantPresent = "NO"
    ds.OrganExposed = "BREAST"
    ds.WindowCenter = 2048
    ds.WindowWidth = 4096
    ds.KVP = 29
    ds.ExposureTime = 1000
    ds.XRayTubeCurrent = 100
    ds.Exposure = 100
    ds.AnodeTargetMaterial = "TUNGSTEN"
    ds.FilterMaterial = ["RHODIUM"]
    ds.BodyPartThickness = 50
    ds.CompressionForce = 100
    ds.PatientAge = ""
    ds.ContentDate = spec.study_date
    ds.ContentTime = spec.study_time
    ds.SeriesNumber = spec.series_number
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = spec.rows
    ds.Columns = spec.columns
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    for keyword, value in spec.extra.items():
        setattr(ds, keyword, value)
    pixels = _pixels(spec)
    big_endian = spec.transfer_syntax == ExplicitVRBigEndian
    ds.PixelData = pixels.astype(">u2" if big_endian else "<u2").tobytes()
    if spec.file_meta:
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = UID(spec.sop_class_uid)
        meta.MediaStorageSOPInstanceUID = UID(sop_uid)
        meta.TransferSyntaxUID = UID(spec.transfer_syntax)
        meta.ImplementationClassUID = UID(IMPLEMENTATION_UID)
        ds.file_meta = meta
    return ds


def write_instance(path: str | Path, spec: InstanceSpec | None = None) -> Path:
    """Write one synthetic object to ``path`` (parent folders are created) and return the path."""
    spec = spec or InstanceSpec()
    ds = build_dataset(spec)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    implicit = spec.transfer_syntax == ImplicitVRLittleEndian
    little = spec.transfer_syntax != ExplicitVRBigEndian
    if spec.preamble and spec.file_meta:
        ds.preamble = b"\x00" * 128
        pydicom.dcmwrite(
            target, ds, implicit_vr=implicit, little_endian=little, enforce_file_format=True
        )
    else:
        if not spec.file_meta:
            ds.file_meta = FileMetaDataset()
        ds.preamble = None
        pydicom.dcmwrite(
            target, ds, implicit_vr=implicit, little_endian=little, enforce_file_format=False
        )
    return target


def four_views(base: InstanceSpec) -> list[InstanceSpec]:
    """The four screening views R CC, L CC, R MLO, L MLO of one study, numbered 1-4."""
    return [
        base.with_(laterality=side, view=view, instance_number=i + 1, seed=base.seed + i)
        for i, (side, view) in enumerate((("R", "CC"), ("L", "CC"), ("R", "MLO"), ("L", "MLO")))
    ]


HOLOGIC_PRIVATE_GROUP = 0x7E01


def synthesized_2d(spec: InstanceSpec) -> InstanceSpec:
    """The spec of a synthesized 2D view (Image Type value 4 GENERATED_2D) of ``spec``."""
    return spec.with_(extra={**spec.extra, "ImageType": ["DERIVED", "PRIMARY", "", "GENERATED_2D"]})


def write_hologic_secondary_capture(path: str | Path, spec: InstanceSpec | None = None) -> Path:
    """A Hologic-style Secondary Capture: a placeholder picture, the slices in group 7E01."""
    spec = (spec or InstanceSpec()).with_(sop_class_uid=SECONDARY_CAPTURE)
    ds = build_dataset(spec)
    ds.Manufacturer = "HOLOGIC, Inc."
    ds.SeriesDescription = "Tomosynthesis Projections"
    block = ds.private_block(HOLOGIC_PRIVATE_GROUP, "HOLOGIC, Inc.", create=True)
    block.add_new(0x10, "LO", "TOMO")
    block.add_new(0x11, "OB", bytes(range(256)) * 16)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    ds.preamble = b"\x00" * 128
    pydicom.dcmwrite(target, ds, enforce_file_format=True)
    return target


def quality_control(spec: InstanceSpec) -> InstanceSpec:
    """The spec of a physics flat-field object (ViewPosition FLATFIELD) like Hologic's."""
    return spec.with_(
        view_position="FLATFIELD",
        series_description="Flat Field Tomo",
        sop_class_uid=SECONDARY_CAPTURE,
    )


def magnification(spec: InstanceSpec) -> InstanceSpec:
    """The spec of a magnification view of ``spec`` (view modifier and "M" position prefix)."""
    return spec.with_(
        view_modifiers=("magnification",),
        view_position=f"M{spec.view}",
        instance_number=spec.instance_number + 10,
    )
