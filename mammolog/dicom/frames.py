"""Reading one frame of a DICOM image: the header, the true transfer syntax, and the decoders.

Files are read with ``force=True`` so objects without preamble or file meta (allowed on old
media) decode like any other; their transfer syntax is taken from how the dataset is encoded.
When a file repeats its file meta group inside the dataset (some archives do, and the copy
may name another transfer syntax), the first group, bounded by its own group length, is the
one that describes the bytes.

Frames are decoded one at a time: pydicom's pixel plugins read only the requested frame of a
file. When they cannot (JPEG Extended 12-bit, which pylibjpeg-libjpeg refuses), the frame's
codestream goes to ``imagecodecs``; without it, DCMTK's ``dcmdjpeg`` is used when installed
(optional). Any other failure names the codec that is missing.

Window and rescale come from the frame's own functional groups when the object has them
(enhanced and tomosynthesis objects: per-frame, then shared), else from the top level.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import threading
import warnings
from collections import OrderedDict
from contextlib import suppress
from os import PathLike
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import get_frame
from pydicom.errors import InvalidDicomError
from pydicom.pixels.utils import pixel_array
from pydicom.uid import (
    UID,
    ExplicitVRBigEndian,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
)

__all__ = [
    "FrameDecodeError",
    "decode_stored_frame",
    "frame_rescale",
    "frame_window_values",
    "has_pixel_data",
    "missing_decoder",
    "number_of_frames",
    "read_image_header",
    "read_encapsulated_frame",
]

_JPEG_PROCESS = frozenset({"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51"})
_JPEG_LOSSLESS = frozenset({"1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70"})
_JPEG_LS = frozenset({"1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81"})
_JPEG_2000 = frozenset(
    {"1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.201"}
)
_DCMDJPEG_SYNTAXES = _JPEG_PROCESS | _JPEG_LOSSLESS
_DCMDJPEG_TIMEOUT: Final = 120
_HEADER_CACHE_SIZE: Final = 16


class FrameDecodeError(Exception):
    """The frame cannot be decoded; ``str(error)`` is a plain reason naming the codec."""


_cache_guard = threading.Lock()
_header_cache: OrderedDict[tuple[str, int, int], tuple[Dataset, bool]] = OrderedDict()
_PIXEL_TAGS: Final = frozenset(
    {b"\xe0\x7f\x10\x00", b"\x7f\xe0\x00\x10", b"\xe0\x7f\x08\x00", b"\xe0\x7f\x09\x00"}
)


def read_image_header(path: str | PathLike[str]) -> Dataset:
    """The header (everything before the pixel data) with its true transfer syntax set.

    Headers are kept for the last few files read, so scrolling through the frames of one
    object reads its header once. Raises :class:`FrameDecodeError` with a plain reason.
    """
    return _cached_header(path)[0]


def has_pixel_data(path: str | PathLike[str]) -> bool:
    """True when a pixel data element follows the header of ``path``."""
    return _cached_header(path)[1]


def _cached_header(path: str | PathLike[str]) -> tuple[Dataset, bool]:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise FrameDecodeError("the file no longer exists") from None
    except OSError as exc:
        raise FrameDecodeError(f"the file cannot be read ({exc.strerror or exc})") from None
    key = (os.fspath(path), status.st_mtime_ns, status.st_size)
    with _cache_guard:
        cached = _header_cache.get(key)
        if cached is not None:
            _header_cache.move_to_end(key)
            return cached
    entry = _read_header(path)
    with _cache_guard:
        _header_cache[key] = entry
        while len(_header_cache) > _HEADER_CACHE_SIZE:
            _header_cache.popitem(last=False)
    return entry


def _read_header(path: str | PathLike[str]) -> tuple[Dataset, bool]:
    try:
        with open(path, "rb") as stream, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            header = pydicom.dcmread(stream, stop_before_pixels=True, force=True)
            pixel_data = stream.read(4) in _PIXEL_TAGS
    except FileNotFoundError:
        raise FrameDecodeError("the file no longer exists") from None
    except InvalidDicomError:
        raise FrameDecodeError("the file is not a DICOM file") from None
    except OSError as exc:
        raise FrameDecodeError(f"the file cannot be read ({exc.strerror or exc})") from None
    except Exception as exc:  # a damaged header: pydicom raises many kinds
        raise FrameDecodeError(f"the DICOM header is damaged ({exc})") from None
    meta = getattr(header, "file_meta", None)
    if not meta and "SOPClassUID" not in header and "Rows" not in header:
        raise FrameDecodeError("the file is not a DICOM file")
    syntax = _first_meta_syntax(path) or _encoding_syntax(header)
    if syntax.is_deflated:  # the bytes after the header are compressed: no tag to look at
        pixel_data = True
    if not isinstance(getattr(header, "file_meta", None), FileMetaDataset):
        header.file_meta = FileMetaDataset()
    header.file_meta.TransferSyntaxUID = syntax
    return header, pixel_data


def _first_meta_syntax(path: str | PathLike[str]) -> UID | None:
    """Transfer Syntax UID of the first file meta group only (bounded by its group length)."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(132)
            if head[128:132] != b"DICM":
                return None
            element = stream.read(12)
            if element[:4] != b"\x02\x00\x00\x00" or element[4:6] != b"UL":
                return None
            (length,) = struct.unpack("<I", element[8:12])
            meta = stream.read(min(length, 1 << 16))
    except OSError:
        return None
    position = 0
    while position + 8 <= len(meta):
        group, number = struct.unpack("<HH", meta[position : position + 4])
        vr = meta[position + 4 : position + 6]
        if vr in (b"OB", b"OW", b"UN", b"SQ", b"UT", b"UC", b"UR"):
            (size,) = struct.unpack("<I", meta[position + 8 : position + 12])
            value_at = position + 12
        else:
            (size,) = struct.unpack("<H", meta[position + 6 : position + 8])
            value_at = position + 8
        if group != 0x0002:
            return None
        if number == 0x0010:
            text = meta[value_at : value_at + size].decode("ascii", "replace").strip("\0 ")
            return UID(text) if text else None
        position = value_at + size
    return None


def _encoding_syntax(header: Dataset) -> UID:
    """The transfer syntax a headless dataset was found to be encoded in."""
    meta = getattr(header, "file_meta", None)
    if meta is not None and meta.get("TransferSyntaxUID"):
        return UID(meta.TransferSyntaxUID)
    implicit, little = header.original_encoding
    if implicit:
        return ImplicitVRLittleEndian
    return ExplicitVRLittleEndian if little is not False else ExplicitVRBigEndian


def number_of_frames(header: Dataset) -> int:
    """Number of Frames, 1 when absent or not a number."""
    try:
        return max(1, int(header.get("NumberOfFrames", 1) or 1))
    except (TypeError, ValueError):
        return 1


def _frame_group(header: Dataset, frame: int, keyword: str) -> Dataset | None:
    """The item of ``keyword`` for ``frame``: per-frame functional groups, then shared."""
    for groups, index in (("PerFrameFunctionalGroupsSequence", frame), ("SharedFunctionalGroupsSequence", 0)):  # fmt: skip
        try:
            sequence = header.get(groups)
            if not sequence or index >= len(sequence):
                continue
            inner = sequence[index].get(keyword)
            if inner:
                item: Dataset = inner[0]
                return item
        except Exception:  # noqa: BLE001 - a damaged functional group counts as absent
            continue
    return None


def frame_window_values(header: Dataset, frame: int) -> tuple[Any, Any, Any]:
    """(Window Center, Window Width, VOI LUT Function) for ``frame``, as stored."""
    item = _frame_group(header, frame, "FrameVOILUTSequence")
    holder = item if item is not None and "WindowCenter" in item else header
    return (
        holder.get("WindowCenter"),
        holder.get("WindowWidth"),
        holder.get("VOILUTFunction", header.get("VOILUTFunction")),
    )


def frame_rescale(header: Dataset, frame: int) -> tuple[Any, Any]:
    """(Rescale Slope, Rescale Intercept) for ``frame``, as stored."""
    item = _frame_group(header, frame, "PixelValueTransformationSequence")
    holder = item if item is not None and "RescaleSlope" in item else header
    return holder.get("RescaleSlope"), holder.get("RescaleIntercept")


def read_encapsulated_frame(path: str | PathLike[str], frame: int, frames: int) -> bytes | None:
    """One frame's codestream, read from the file without loading the other frames."""
    with open(path, "rb") as stream, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pydicom.dcmread(stream, stop_before_pixels=True, force=True)
        element = stream.read(12)  # Pixel Data tag, VR OB, reserved, undefined length
        if element[:4] != b"\xe0\x7f\x10\x00" or element[8:12] != b"\xff\xff\xff\xff":
            return None
        return get_frame(stream, frame, number_of_frames=frames)


def decode_stored_frame(path: str | PathLike[str], header: Dataset, frame: int) -> npt.NDArray[Any]:
    """The stored values of one frame (rows x columns, or x samples for colour)."""
    syntax = UID(header.file_meta.TransferSyntaxUID)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if syntax.is_deflated:  # the whole dataset is compressed: read it, then decode
                arr = pixel_array(pydicom.dcmread(path, force=True), index=frame)
            else:  # reads only this frame from the file
                arr = pixel_array(path, index=frame, transfer_syntax_uid=syntax)
    except Exception as first_error:  # plugins raise RuntimeError, ValueError, ...
        if not syntax.is_encapsulated:
            raise FrameDecodeError(_reason(syntax)) from first_error
        arr = _fallback(path, header, syntax, frame)
    else:
        if str(syntax) in _DCMDJPEG_SYNTAXES and arr.size and arr.min() == arr.max():
            # pylibjpeg-libjpeg returns a flat frame for some 16-bit lossless streams
            # (Hologic tomosynthesis slices) instead of failing: ask the other decoders.
            with suppress(FrameDecodeError):
                arr = _fallback(path, header, syntax, frame)
    if arr.ndim == 3 and int(header.get("SamplesPerPixel", 1) or 1) == 1:
        arr = arr[0]
    return arr


def _fallback(
    path: str | PathLike[str], header: Dataset, syntax: UID, frame: int
) -> npt.NDArray[Any]:
    """imagecodecs on the frame's codestream, else DCMTK's dcmdjpeg, else a clear reason."""
    codecs: Any
    try:
        import imagecodecs as codecs
    except ImportError:  # optional: the reason below says what would read it
        codecs = None
    if codecs is not None:
        try:
            codestream = read_encapsulated_frame(path, frame, number_of_frames(header))
        except Exception:  # noqa: BLE001 - damaged fragments: the reason below says so
            codestream = None
        decoded = _imagecodecs_decode(codecs, syntax, codestream) if codestream else None
        if decoded is not None:
            return decoded
    if syntax in _DCMDJPEG_SYNTAXES and shutil.which("dcmdjpeg"):
        decoded = _dcmdjpeg_decode(path, frame)
        if decoded is not None:
            return decoded
    raise FrameDecodeError(_reason(syntax))


def _imagecodecs_decode(codecs: Any, syntax: UID, codestream: bytes) -> npt.NDArray[Any] | None:
    # libjpeg-turbo (jpeg8) reads lossless JPEG too, and agrees with DCMTK where ljpeg does not.
    decoders = {
        **dict.fromkeys(_JPEG_PROCESS, ("jpeg8_decode",)),
        **dict.fromkeys(_JPEG_LOSSLESS, ("jpeg8_decode", "ljpeg_decode")),
        **dict.fromkeys(_JPEG_LS, ("jpegls_decode",)),
        **dict.fromkeys(_JPEG_2000, ("jpeg2k_decode",)),
    }
    for name in decoders.get(str(syntax), ()):
        function = getattr(codecs, name, None)
        if function is None:
            continue
        try:
            arr: npt.NDArray[Any] = np.asarray(function(codestream))
        except Exception:  # noqa: BLE001 - this codec refused it; try the next
            continue
        if arr.size:
            return arr
    return None


def _dcmdjpeg_decode(path: str | PathLike[str], frame: int) -> npt.NDArray[Any] | None:
    """Decompress the whole file with DCMTK into a private temporary file, read one frame."""
    with tempfile.TemporaryDirectory(prefix="mammolog-dcmdjpeg-") as folder:
        target = Path(folder) / "decoded.dcm"
        try:
            subprocess.run(
                ["dcmdjpeg", os.fspath(path), os.fspath(target)],
                check=True, capture_output=True, timeout=_DCMDJPEG_TIMEOUT,
            )  # fmt: skip
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return pixel_array(target, index=frame)
        except Exception:  # noqa: BLE001 - DCMTK failed or wrote nothing usable
            return None


def _reason(syntax: UID) -> str:
    if syntax.is_transfer_syntax and not syntax.is_encapsulated:
        return "the pixel data is missing or incomplete"
    name = syntax.name if syntax.is_transfer_syntax else f"transfer syntax {syntax}"
    hint = (
        "; imagecodecs or DCMTK's dcmdjpeg would read it"
        if str(syntax) in _DCMDJPEG_SYNTAXES
        else ""
    )
    return f"no installed decoder can read this image ({name}){hint}"


def missing_decoder(transfer_syntax: str) -> str | None:
    """Why no installed decoder reads ``transfer_syntax``, or ``None`` when one does."""
    syntax = UID(transfer_syntax or "1.2.840.10008.1.2.1")
    if not syntax.is_transfer_syntax:
        return f"the transfer syntax {syntax} is unknown"
    if not syntax.is_encapsulated:
        return None
    try:
        from pydicom.pixels.decoders.base import get_decoder

        if get_decoder(syntax).is_available:
            return None
    except NotImplementedError:
        pass
    try:
        import imagecodecs  # noqa: F401

        if str(syntax) in _JPEG_PROCESS | _JPEG_LOSSLESS | _JPEG_LS | _JPEG_2000:
            return None
    except ImportError:
        pass
    if str(syntax) in _DCMDJPEG_SYNTAXES and shutil.which("dcmdjpeg"):
        return None
    return _reason(syntax)
