"""Objects stored without preamble or file meta (allowed on old media) go onto a disc as
standard DICOM Part 10 files: the same data set, with the 128-byte preamble, "DICM" and a
file meta group describing how it is encoded."""

from __future__ import annotations

import warnings
from pathlib import Path

import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import (
    PYDICOM_IMPLEMENTATION_UID,
    UID,
    ExplicitVRBigEndian,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
)

__all__ = ["complete_file_meta", "has_part10_header", "write_part10"]


def has_part10_header(path: Path) -> bool:
    """True when ``path`` starts with the preamble and the "DICM" marker."""
    try:
        with open(path, "rb") as stream:
            return stream.read(132)[128:132] == b"DICM"
    except OSError:
        return False


def complete_file_meta(header: Dataset) -> Dataset:
    """Give a headless ``header`` the file meta its data set implies (in place; returned)."""
    meta = getattr(header, "file_meta", None)
    if not isinstance(meta, FileMetaDataset):
        meta = FileMetaDataset()
    if not meta.get("TransferSyntaxUID"):
        implicit, little = header.original_encoding
        meta.TransferSyntaxUID = (
            ImplicitVRLittleEndian
            if implicit
            else ExplicitVRLittleEndian
            if little is not False
            else ExplicitVRBigEndian
        )
    if not meta.get("MediaStorageSOPClassUID") and header.get("SOPClassUID"):
        meta.MediaStorageSOPClassUID = UID(str(header.SOPClassUID))
    if not meta.get("MediaStorageSOPInstanceUID") and header.get("SOPInstanceUID"):
        meta.MediaStorageSOPInstanceUID = UID(str(header.SOPInstanceUID))
    if not meta.get("ImplementationClassUID"):
        meta.ImplementationClassUID = PYDICOM_IMPLEMENTATION_UID
    header.file_meta = meta
    return header


def write_part10(source: Path, target: Path) -> Dataset:
    """Write the headless object ``source`` to ``target`` as a Part 10 file; the data set
    itself is written back unchanged in its own encoding. Returns its header."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dataset = pydicom.dcmread(source, force=True)
    complete_file_meta(dataset)
    dataset.preamble = b"\x00" * 128
    syntax = UID(dataset.file_meta.TransferSyntaxUID)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dataset.save_as(
            target,
            implicit_vr=syntax.is_implicit_VR,
            little_endian=syntax.is_little_endian,
            enforce_file_format=True,
        )
    if "PixelData" in dataset:
        del dataset.PixelData
    return dataset
