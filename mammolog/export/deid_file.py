"""Write the de-identified copy of one DICOM file: header rewritten, pixel data copied.

The steps are described in :mod:`mammolog.export.anonymize`: the structure walk first, then
the header read without its pixel data and de-identified, then the Pixel Data element appended
from the source file (in the kernel where it can, in 1 MB chunks otherwise), then the copy
checked. Peak memory is that of the header, whatever the size of the object. An object
stored without preamble or file meta (allowed on old media) is first written as a Part 10
file (:mod:`mammolog.export.part10`, which reads it whole: such objects are old and small).
"""

from __future__ import annotations

import os
import struct
import warnings
from pathlib import Path
from typing import BinaryIO

from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.filewriter import dcmwrite

from mammolog.export.anonymize import AnonymizeError, Anonymizer
from mammolog.export.deid_scan import (
    EXPLICIT_BIG,
    IMPLICIT_LITTLE,
    UNDEFINED,
    FileLayout,
    StructureError,
    encoding_of,
    is_native,
    scan_layout,
)
from mammolog.export.part10 import has_part10_header, write_part10

_DEFER_SIZE = 1 << 20  # values above 1 MB are read only if kept
_CHUNK = 1 << 20
_BULK_VRS = {0x7FE00008: b"OF", 0x7FE00009: b"OD"}


def deidentify_file(source: Path, target: Path, anonymizer: Anonymizer) -> Dataset:
    """Write a de-identified copy of the DICOM file `source` to `target`; return its header.

    Peak memory is that of the header: the Pixel Data value is copied from `source` in
    chunks, byte for byte. Raises AnonymizeError with a plain reason (and leaves no `target`)
    when the object cannot be de-identified safely; OSError when a file cannot be written.
    """
    try:
        if has_part10_header(source):
            return _deidentify_file(source, target, anonymizer)
        # an object without preamble or file meta (old media): made a Part 10 file first,
        # once its structure is known to be safe to read whole
        try:
            scan_layout(source, headless=True)
        except StructureError as exc:
            raise AnonymizeError(str(exc)) from exc
        staged = target.with_name(f".{target.name}.part10")
        try:
            write_part10(source, staged)
            return _deidentify_file(staged, target, anonymizer)
        finally:
            staged.unlink(missing_ok=True)
    except AnonymizeError:
        target.unlink(missing_ok=True)
        raise
    except OSError:
        target.unlink(missing_ok=True)
        raise
    except Exception as exc:
        # Whatever pydicom meets in one odd object (a waveform, a parametric map, values it
        # cannot encode) leaves that object out, never the whole media.
        target.unlink(missing_ok=True)
        raise AnonymizeError(
            f"its header could not be rewritten ({exc.__class__.__name__})"
        ) from exc


def _deidentify_file(source: Path, target: Path, anonymizer: Anonymizer) -> Dataset:
    try:
        layout = scan_layout(source)
    except StructureError as exc:
        raise AnonymizeError(str(exc)) from exc
    with warnings.catch_warnings():
        # values kept as the centre wrote them may be non-conformant; pydicom says so
        warnings.simplefilter("ignore")
        header = dcmread(source, stop_before_pixels=True, defer_size=_DEFER_SIZE)
        meta = getattr(header, "file_meta", None)
        read_as = str(meta.get("TransferSyntaxUID", "")) if meta is not None else ""
        if meta is None or encoding_of(read_as) != encoding_of(layout.transfer_syntax):
            raise AnonymizeError("its transfer syntax cannot be told for certain")
        # file meta elements repeated inside the data set: the true file meta group (as long
        # as its group length says) names the transfer syntax, not the repeated one
        meta.TransferSyntaxUID = layout.transfer_syntax
        anonymizer.anonymize(header)
        with target.open("wb") as out:
            dcmwrite(out, header, enforce_file_format=True)
            header_end = out.tell()
            if layout.bulk_start is not None:
                _copy_bulk(source, layout, out)
    return _check_copy(target, layout, header_end, anonymizer)


def _copy_bulk(source: Path, layout: FileLayout, out: BinaryIO) -> None:
    """Append the Pixel Data element: its header in the copy's encoding, then its value
    (fragments and delimiter included) exactly as the source holds it."""
    assert layout.bulk_tag is not None and layout.bulk_value_start is not None
    assert layout.bulk_end is not None
    order = "<" if layout.transfer_syntax != EXPLICIT_BIG else ">"
    tag = struct.pack(order + "HH", layout.bulk_tag >> 16, layout.bulk_tag & 0xFFFF)
    if layout.transfer_syntax == IMPLICIT_LITTLE:
        out.write(tag + struct.pack(order + "L", layout.bulk_length))
    else:
        vr = layout.bulk_vr or _BULK_VRS.get(
            layout.bulk_tag, b"OB" if layout.bulk_length == UNDEFINED else b"OW"
        )
        out.write(tag + vr + b"\0\0" + struct.pack(order + "L", layout.bulk_length))
    out.flush()
    offset = layout.bulk_value_start
    remaining = layout.bulk_end - offset
    with source.open("rb") as stream:
        kernel_copy = getattr(os, "copy_file_range", None)
        while remaining > 0 and kernel_copy is not None:
            # in the kernel, without passing the bytes through Python
            try:
                copied = kernel_copy(stream.fileno(), out.fileno(), remaining, offset)
            except OSError:
                copied = 0  # e.g. a file system that refuses it: read and write instead
            if copied == 0:
                break
            offset += copied
            remaining -= copied
        stream.seek(offset)
        while remaining > 0:
            chunk = stream.read(min(_CHUNK, remaining))
            if not chunk:
                raise AnonymizeError("the file changed while it was being copied")
            out.write(chunk)
            remaining -= len(chunk)


def _check_copy(
    target: Path, layout: FileLayout, header_end: int, anonymizer: Anonymizer
) -> Dataset:
    """The copy must read back with its pixel data where it was put, and its header must
    hold none of the patient's identifiers."""
    try:
        written = scan_layout(target)
    except StructureError as exc:
        raise AnonymizeError(f"the de-identified copy does not read back ({exc})") from exc
    if layout.bulk_start is not None:
        assert layout.bulk_end is not None and layout.bulk_value_start is not None
        if (layout.bulk_length == UNDEFINED) == is_native(written.transfer_syntax):
            raise AnonymizeError("its pixel data is not encoded as its transfer syntax says")
        value_length = layout.bulk_end - layout.bulk_value_start
        if (
            written.bulk_start != header_end
            or written.bulk_end is None
            or written.bulk_value_start is None
            or written.bulk_end - written.bulk_value_start != value_length
        ):
            raise AnonymizeError("the de-identified copy does not hold the pixel data as written")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        header = dcmread(target, stop_before_pixels=True)
    if anonymizer.leaks_in(header):
        raise AnonymizeError("an identifier of the patient was still found in its header")
    return header
