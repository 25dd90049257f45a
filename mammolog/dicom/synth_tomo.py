"""Synthetic Breast Tomosynthesis Image objects (multi-frame), written as a stream.

For tests, the demo and benchmarks of what handles large objects. Two kinds:
:func:`write_tomosynthesis` turns an :class:`~mammolog.dicom.synth.InstanceSpec` into a volume
of synthetic breast slices, each with its own window in the per-frame functional groups;
:func:`write_tomo` writes a fuller enhanced object from a :class:`TomoSpec`: shared and
per-frame functional groups (pixel measures, frame anatomy with laterality, VOI LUT, plane
position and orientation, frame content with acquisition and reference date-times), the
Enhanced General Equipment attributes, and uncompressed 16-bit frames. The header is written by
pydicom; the frames are generated and appended one at a time (:func:`append_pixel_data`), so a
600 MB object needs the memory of one frame, not of the whole object.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.filewriter import dcmwrite
from pydicom.sequence import Sequence
from pydicom.uid import UID, ExplicitVRLittleEndian

from mammolog.dicom.synth import (
    BREAST_TOMOSYNTHESIS,
    IMPLEMENTATION_UID,
    InstanceSpec,
    breast_image,
    build_dataset,
    synthetic_uid,
)


def _code(value: str, scheme: str, meaning: str) -> Dataset:
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = scheme
    item.CodeMeaning = meaning
    return item


def append_pixel_data(stream: BinaryIO, frames: Iterable[bytes], length: int) -> None:
    """Append an uncompressed Pixel Data element (OW, explicit VR little endian) of ``length``
    bytes to ``stream``, one frame at a time, so a large volume never sits in memory."""
    stream.write(b"\xe0\x7f\x10\x00OW\x00\x00")
    stream.write(length.to_bytes(4, "little"))
    for frame in frames:
        stream.write(frame)


def tomosynthesis_frame(base: np.ndarray, index: int) -> np.ndarray:
    """One slice of a synthetic DBT volume: ``base`` (a breast) with a bright spot whose
    place depends on the depth ``index``, so every slice differs."""
    rows, columns = base.shape
    spot_row = rows // 2 + (index * 7) % max(1, rows // 3) - rows // 6
    radius = max(2, min(rows, columns) // 40)
    top, bottom = max(0, spot_row - radius), min(rows, spot_row + radius)
    left, right = max(0, columns // 2 - radius), min(columns, columns // 2 + radius)
    image = base.copy()
    y, x = np.ogrid[top:bottom, left:right]
    spot = (y - spot_row) ** 2 + (x - columns // 2) ** 2 < radius**2
    patch = image[top:bottom, left:right]
    patch[spot] = np.minimum(patch[spot].astype(np.int32) + 1200, 4095).astype(np.uint16)
    return image


def write_tomosynthesis(
    path: str | Path,
    spec: InstanceSpec | None = None,
    *,
    frames: int = 8,
    frame_windows: bool = True,
) -> Path:
    """A Breast Tomosynthesis Image object with ``frames`` slices, written frame by frame.

    The pixel data is streamed to the file one slice at a time, so a 600 MB benchmark object
    never sits in memory. With ``frame_windows`` every slice carries its own window in the
    per-frame functional groups (widening with depth), and the shared groups hold laterality.
    """
    spec = (spec or InstanceSpec()).with_(sop_class_uid=BREAST_TOMOSYNTHESIS)
    ds = build_dataset(spec)
    del ds.PixelData
    for keyword in ("WindowCenter", "WindowWidth", "ViewPosition", "ImageLaterality"):
        if keyword in ds:
            delattr(ds, keyword)
    ds.ImageType = ["ORIGINAL", "PRIMARY", "TOMOSYNTHESIS", "NONE"]
    ds.NumberOfFrames = frames
    anatomy = Dataset()
    anatomy.FrameLaterality = spec.laterality
    anatomy.AnatomicRegionSequence = Sequence([_code("76752008", "SCT", "Breast")])
    shared = Dataset()
    shared.FrameAnatomySequence = Sequence([anatomy])
    transformation = Dataset()
    transformation.RescaleSlope = 1
    transformation.RescaleIntercept = 0
    transformation.RescaleType = "US"
    shared.PixelValueTransformationSequence = Sequence([transformation])
    voi = Dataset()
    voi.WindowCenter = 2048
    voi.WindowWidth = 4096
    shared.FrameVOILUTSequence = Sequence([voi])
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    per_frame = []
    for index in range(frames):
        item = Dataset()
        content = Dataset()
        content.InStackPositionNumber = index + 1
        item.FrameContentSequence = Sequence([content])
        if frame_windows:
            window = Dataset()
            window.WindowCenter = 1800 + 10 * index
            window.WindowWidth = 2400 + 40 * index
            item.FrameVOILUTSequence = Sequence([window])
        per_frame.append(item)
    ds.PerFrameFunctionalGroupsSequence = Sequence(per_frame)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    ds.preamble = b"\x00" * 128
    dcmwrite(target, ds, implicit_vr=False, little_endian=True, enforce_file_format=True)
    frame_bytes = spec.rows * spec.columns * 2
    base = breast_image(spec.rows, spec.columns, spec.laterality, seed=7)
    with open(target, "ab") as stream:
        append_pixel_data(
            stream,
            (tomosynthesis_frame(base, index).astype("<u2").tobytes() for index in range(frames)),
            frame_bytes * frames,
        )
    return target


@dataclass(frozen=True)
class TomoSpec:
    """The patient, the view and the size of one synthetic tomosynthesis object."""

    patient_name: str = "DOE^JANE"
    patient_id: str = "PID0001"
    birth_date: str = "19700115"
    accession_number: str = "ACC0001"
    study_id: str = "STUDY17"
    study_date: str = "20240105"
    laterality: str = "L"
    rows: int = 64
    columns: int = 48
    frames: int = 4


def _shared_groups(spec: TomoSpec) -> Dataset:
    shared = Dataset()
    measures = Dataset()
    measures.PixelSpacing = [0.1, 0.1]
    measures.SliceThickness = 1.0
    shared.PixelMeasuresSequence = Sequence([measures])
    anatomy = Dataset()
    anatomy.FrameLaterality = spec.laterality
    anatomy.AnatomicRegionSequence = Sequence([_code("76752008", "SCT", "Breast")])
    shared.FrameAnatomySequence = Sequence([anatomy])
    voi = Dataset()
    voi.WindowCenter = 2048
    voi.WindowWidth = 4096
    shared.FrameVOILUTSequence = Sequence([voi])
    orientation = Dataset()
    orientation.ImageOrientationPatient = [0, 1, 0, 0, 0, -1]
    shared.PlaneOrientationSequence = Sequence([orientation])
    transformation = Dataset()
    transformation.RescaleIntercept = 0
    transformation.RescaleSlope = 1
    transformation.RescaleType = "US"
    shared.PixelValueTransformationSequence = Sequence([transformation])
    return shared


def _frame_group(spec: TomoSpec, index: int) -> Dataset:
    group = Dataset()
    content = Dataset()
    stamp = f"{spec.study_date}0930{index % 60:02d}"
    content.FrameAcquisitionDateTime = stamp
    content.FrameReferenceDateTime = stamp
    content.FrameAcquisitionDuration = 100.0
    content.StackID = "1"
    content.InStackPositionNumber = index + 1
    content.DimensionIndexValues = [index + 1]
    group.FrameContentSequence = Sequence([content])
    frame_type = Dataset()
    frame_type.FrameType = ["ORIGINAL", "PRIMARY", "TOMOSYNTHESIS", "NONE"]
    frame_type.PixelPresentation = "MONOCHROME"
    frame_type.VolumetricProperties = "VOLUME"
    frame_type.VolumeBasedCalculationTechnique = "TOMOSYNTHESIS"
    group.XRay3DFrameTypeSequence = Sequence([frame_type])
    position = Dataset()
    position.ImagePositionPatient = [0.0, 0.0, float(index)]
    group.PlanePositionSequence = Sequence([position])
    return group


def tomo_header(spec: TomoSpec) -> Dataset:
    """The dataset of the object, without its Pixel Data (file meta included)."""
    study_uid = synthetic_uid("tomo-study", spec.patient_id, spec.study_date)
    series_uid = synthetic_uid("tomo-series", study_uid, spec.laterality)
    sop_uid = synthetic_uid("tomo-sop", series_uid, spec.frames)
    ds = Dataset()
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "TOMOSYNTHESIS", "NONE"]
    ds.SOPClassUID = BREAST_TOMOSYNTHESIS
    ds.SOPInstanceUID = sop_uid
    ds.StudyDate = ds.ContentDate = spec.study_date
    ds.StudyTime = ds.ContentTime = "093000"
    ds.AcquisitionDateTime = f"{spec.study_date}093000"
    ds.AccessionNumber = spec.accession_number
    ds.Modality = "MG"
    ds.Manufacturer = "SYNTHETIC"
    ds.ManufacturerModelName = "TOMO"
    ds.DeviceSerialNumber = "SN-4711"
    ds.SoftwareVersions = "1.0"
    ds.InstitutionName = "Synthetic Breast Centre"
    ds.ReferringPhysicianName = "WHO^DOCTOR"
    ds.PatientName = spec.patient_name
    ds.PatientID = spec.patient_id
    ds.PatientBirthDate = spec.birth_date
    ds.PatientSex = "F"
    ds.StudyInstanceUID = study_uid
    ds.SeriesInstanceUID = series_uid
    ds.FrameOfReferenceUID = synthetic_uid("tomo-frame", series_uid)
    ds.PositionReferenceIndicator = ""
    ds.StudyID = spec.study_id
    ds.SeriesNumber = 1
    ds.InstanceNumber = 1
    ds.ImageLaterality = spec.laterality
    ds.PresentationIntentType = "FOR PRESENTATION"
    ds.ContentQualification = "PRODUCT"
    ds.LossyImageCompression = "00"
    ds.PixelPresentation = "MONOCHROME"
    ds.VolumetricProperties = "VOLUME"
    ds.VolumeBasedCalculationTechnique = "TOMOSYNTHESIS"
    ds.PresentationLUTShape = "IDENTITY"
    ds.BreastImplantPresent = "NO"
    ds.AcquisitionContextSequence = Sequence([])
    view = _code("399162004", "SCT", "cranio-caudal")
    view.ViewModifierCodeSequence = Sequence([])
    ds.ViewCodeSequence = Sequence([view])
    ds.BurnedInAnnotation = "NO"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.NumberOfFrames = spec.frames
    ds.Rows = spec.rows
    ds.Columns = spec.columns
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    organization = synthetic_uid("tomo-dimensions", sop_uid)
    dimension_org = Dataset()
    dimension_org.DimensionOrganizationUID = organization
    ds.DimensionOrganizationSequence = Sequence([dimension_org])
    index = Dataset()
    index.DimensionOrganizationUID = organization
    index.DimensionIndexPointer = 0x00209057
    index.FunctionalGroupPointer = 0x00209111
    ds.DimensionIndexSequence = Sequence([index])
    ds.SharedFunctionalGroupsSequence = Sequence([_shared_groups(spec)])
    ds.PerFrameFunctionalGroupsSequence = Sequence(
        [_frame_group(spec, number) for number in range(spec.frames)]
    )
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = UID(BREAST_TOMOSYNTHESIS)
    meta.MediaStorageSOPInstanceUID = UID(sop_uid)
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = UID(IMPLEMENTATION_UID)
    ds.file_meta = meta
    return ds


def frame_pixels(spec: TomoSpec, index: int) -> bytes:
    """The little-endian 16-bit pixels of frame `index` (a smooth slope, different per frame)."""
    rows = np.arange(spec.rows, dtype=np.uint32)[:, None]
    columns = np.arange(spec.columns, dtype=np.uint32)[None, :]
    frame = ((rows * 7 + columns * 3 + index * 11) % 4096).astype("<u2")
    return frame.tobytes()


def write_tomo(path: Path, spec: TomoSpec | None = None) -> Path:
    """Write the object to `path`, frame by frame; return `path`."""
    spec = spec or TomoSpec()
    with path.open("wb") as out:
        dcmwrite(out, tomo_header(spec), enforce_file_format=True)
        length = spec.rows * spec.columns * 2 * spec.frames
        append_pixel_data(out, (frame_pixels(spec, i) for i in range(spec.frames)), length)
    return path
