"""Crafted inputs for the de-identifier: deep nesting, odd fragments, vendor private pixels.

Written byte by byte where pydicom would refuse or repair what an attacker (or a broken
vendor) writes.
"""

from __future__ import annotations

import struct
from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.filewriter import dcmwrite
from pydicom.sequence import Sequence
from pydicom.uid import UID, ExplicitVRLittleEndian, generate_uid

from tests.unit.export.synth_files import Person

BASIC_TEXT_SR = "1.2.840.10008.5.1.4.1.1.88.11"
PARAMETRIC_MAP = "1.2.840.10008.5.1.4.1.1.30"
SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7"
JPEG_2000 = "1.2.840.10008.1.2.4.90"
_ITEM = struct.pack("<HHL", 0xFFFE, 0xE000, 0xFFFFFFFF)
_ITEM_END = struct.pack("<HHL", 0xFFFE, 0xE00D, 0)
_SEQUENCE_END = struct.pack("<HHL", 0xFFFE, 0xE0DD, 0)


def element(tag: int, vr: bytes, value: bytes) -> bytes:
    """One Explicit VR Little Endian element."""
    if len(value) % 2:
        value += b"\0" if vr == b"UI" else b" "
    group, number = tag >> 16, tag & 0xFFFF
    if vr in (b"SQ", b"OB", b"OW", b"OF", b"UT", b"UN"):
        return struct.pack("<HH2sHL", group, number, vr, 0, len(value)) + value
    return struct.pack("<HH2sH", group, number, vr, len(value)) + value


def file_bytes(sop_class: str, sop_uid: str, dataset: bytes, transfer_syntax: str) -> bytes:
    """Preamble, file meta group and `dataset` (already encoded)."""
    body = (
        element(0x00020001, b"OB", b"\0\1")
        + element(0x00020002, b"UI", sop_class.encode())
        + element(0x00020003, b"UI", sop_uid.encode())
        + element(0x00020010, b"UI", transfer_syntax.encode())
        + element(0x00020012, b"UI", b"1.2.3.4")
    )
    meta = element(0x00020000, b"UL", struct.pack("<L", len(body))) + body
    return b"\0" * 128 + b"DICM" + meta + dataset


def patient_elements(person: Person, sop_class: str, sop_uid: str, modality: bytes) -> bytes:
    """SOP, patient, study and series attributes, in tag order up to (0020,000E)."""
    return (
        element(0x00080016, b"UI", sop_class.encode())
        + element(0x00080018, b"UI", sop_uid.encode())
        + element(0x00080050, b"SH", b"ACC-5566")
        + element(0x00080060, b"CS", modality)
        + element(0x00100010, b"PN", person.name.encode())
        + element(0x00100020, b"LO", person.patient_id.encode())
        + element(0x00100030, b"DA", person.birth_date.encode())
        + element(0x0020000D, b"UI", generate_uid().encode())
        + element(0x0020000E, b"UI", generate_uid().encode())
    )


def nested_sr(path: Path, depth: int, *, undefined: bool, person: Person | None = None) -> Path:
    """A text SR whose content tree is `depth` containers deep, the name at the bottom."""
    person = person or Person()
    inner = element(0x0040A040, b"CS", b"TEXT") + element(
        0x0040A160, b"UT", f"{person.name.split('^')[0]} seen".encode()
    )
    for _ in range(depth):
        if undefined:
            sequence = (
                struct.pack("<HH2sHL", 0x0040, 0xA730, b"SQ", 0, 0xFFFFFFFF)
                + _ITEM
                + inner
                + _ITEM_END
                + _SEQUENCE_END
            )
        else:
            item = struct.pack("<HHL", 0xFFFE, 0xE000, len(inner)) + inner
            sequence = element(0x0040A730, b"SQ", item)
        inner = element(0x0040A040, b"CS", b"CONTAINER") + sequence
    sop_uid = generate_uid()
    dataset = patient_elements(person, BASIC_TEXT_SR, sop_uid, b"SR") + inner
    path.write_bytes(file_bytes(BASIC_TEXT_SR, sop_uid, dataset, str(ExplicitVRLittleEndian)))
    return path


def _header(sop_class: str, person: Person, transfer_syntax: str) -> Dataset:
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = UID(sop_class)
    ds.SOPInstanceUID = generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.file_meta.TransferSyntaxUID = UID(transfer_syntax)
    ds.SOPClassUID = sop_class
    ds.PatientName = person.name
    ds.PatientID = person.patient_id
    ds.PatientBirthDate = person.birth_date
    ds.StudyInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.Modality = "OT"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = ds.Columns = 4
    ds.BitsAllocated = 8
    ds.BitsStored = 8
    ds.HighBit = 7
    ds.PixelRepresentation = 0
    return ds


def odd_fragment_image(path: Path, *, person: Person | None = None) -> tuple[Path, bytes]:
    """A JPEG 2000 object whose one fragment has an odd length (invalid, but found on discs);
    return the path and the exact bytes of the Pixel Data value."""
    person = person or Person()
    ds = _header(SECONDARY_CAPTURE, person, JPEG_2000)
    fragment = b"\xff\x4f\xff\x51" + bytes(range(97))  # 101 bytes
    value = (
        struct.pack("<HHL", 0xFFFE, 0xE000, 0)
        + struct.pack("<HHL", 0xFFFE, 0xE000, len(fragment))
        + fragment
        + _SEQUENCE_END
    )
    with path.open("wb") as out:
        dcmwrite(out, ds, enforce_file_format=True)
        out.write(struct.pack("<HH2sHL", 0x7FE0, 0x0010, b"OB", 0, 0xFFFFFFFF) + value)
    return path, value


def hologic_tomo(path: Path, *, person: Person | None = None) -> Path:
    """A Hologic-style Secondary Capture whose 3D data sits in private group 7E01."""
    person = person or Person()
    ds = _header(SECONDARY_CAPTURE, person, str(ExplicitVRLittleEndian))
    ds.Modality = "MG"
    ds.Manufacturer = "HOLOGIC, Inc."
    ds.add_new(0x7E010010, "LO", "HOLOGIC, Inc.")
    ds.add_new(0x7E011001, "LO", "HOLOGIC")
    ds.add_new(0x7E011010, "OB", bytes(range(256)) * 4)
    ds.add_new(0x00190010, "LO", "OTHER VENDOR")
    ds.add_new(0x00191001, "LO", person.name)
    ds.PixelData = bytes(16)
    ds.save_as(path, enforce_file_format=True)
    return path


def parametric_map(path: Path, *, person: Person | None = None) -> tuple[Path, bytes]:
    """A Parametric Map whose pixels are Float Pixel Data (7FE0,0008); return the path and
    the float bytes."""
    person = person or Person()
    ds = _header(PARAMETRIC_MAP, person, str(ExplicitVRLittleEndian))
    ds.Modality = "MR"
    ds.BitsAllocated = 32
    ds.BitsStored = 32
    ds.HighBit = 31
    ds.NumberOfFrames = 1
    functional = Dataset()
    transform = Dataset()
    transform.RealWorldValueFirstValueMapped = 0
    transform.RealWorldValueLastValueMapped = 100
    transform.LUTLabel = person.name.split("^")[0]
    functional.RealWorldValueMappingSequence = Sequence([transform])
    ds.SharedFunctionalGroupsSequence = Sequence([functional])
    floats = struct.pack("<16f", *[n / 3 for n in range(16)])
    ds.FloatPixelData = floats
    ds.save_as(path, enforce_file_format=True)
    return path, floats
