"""Low-level checks of a DICOM file against its size, without reading pixel data.

Used by :mod:`mammolog.dicom.headers`: a bounded view of a stream (reads never ask for more
bytes than the file holds, so a huge declared length is never allocated), declared lengths
against the file size, and whether the pixel data is complete (native: its declared length;
encapsulated: the fragment items up to the sequence delimiter).
"""

from __future__ import annotations

import io
import struct
from typing import Any, BinaryIO

from pydicom.dataelem import RawDataElement


class Bounded(io.RawIOBase):
    """A read-only view of a stream that never asks it for more than ``size`` bytes in total."""

    def __init__(self, raw: BinaryIO, size: int) -> None:
        self._raw = raw
        self._size = size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._raw.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == 2:
            return self._raw.seek(self._size + offset)
        return self._raw.seek(offset, whence)

    def read(self, n: int | None = -1) -> bytes:
        left = max(0, self._size - self._raw.tell())
        want = left if n is None or n < 0 else min(n, left)
        return self._raw.read(want) if want else b""

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def ends_mid_element(ds: Any, size: int) -> bool:
    """True when a few bytes after the last complete element are left (a cut element header)."""
    last = ds._dict[max(ds._dict)] if ds._dict else None
    if not isinstance(last, RawDataElement) or last.length == 0xFFFFFFFF:
        return False
    return 0 < size - (last.value_tell + last.length) < 12


def length_problem(ds: Any, size: int | None) -> str | None:
    """A reason when an element claims more bytes than the file holds, else None."""
    for elem in ds._dict.values():
        if not isinstance(elem, RawDataElement) or elem.length == 0xFFFFFFFF:
            continue
        end = elem.value_tell + elem.length
        if size is not None and end > size:
            return "a declared length runs past the end of the file"
        if isinstance(elem.value, bytes) and len(elem.value) < elem.length:
            return "truncated header"
    return None


def pixel_data_complete(stream: Any, size: int | None, little_endian: bool, tail: Any) -> bool:
    """Check the declared PixelData length against the bytes present, without reading pixels.

    ``tail`` is a seekable stream over the whole file, used to look at its last 8 bytes when
    the pixel data is encapsulated (undefined length); without it that case is assumed fine.
    """
    if size is None:
        return True
    try:
        start = stream.tell()
        element = stream.read(12)
        if len(element) < 8:
            return True  # no pixel data element: nothing to be truncated
        endian = "<" if little_endian else ">"
        group, elem = struct.unpack(endian + "HH", element[:4])
        if (group, elem) != (0x7FE0, 0x0010):
            return True
        if element[4:6] in (b"OB", b"OW", b"OD", b"OF", b"OL", b"OV", b"UN"):
            (length,) = struct.unpack(endian + "I", element[8:12])
            value_start = start + 12
        else:
            (length,) = struct.unpack(endian + "I", element[4:8])
            value_start = start + 8
        if length == 0xFFFFFFFF:
            if tail is None:
                return True
            return bool(_fragments_complete(tail, value_start, size, endian))
        return bool(value_start + length <= size)
    except (OSError, ValueError, struct.error):
        return False


def _fragments_complete(stream: Any, offset: int, size: int, endian: str) -> bool:
    """Walk the items of encapsulated pixel data (headers only) up to the sequence delimiter."""
    position = stream.tell()
    try:
        for _ in range(1_000_000):
            stream.seek(offset)
            item = stream.read(8)
            if len(item) < 8:
                return False
            group, elem, length = struct.unpack(endian + "HHI", item)
            if (group, elem) == (0xFFFE, 0xE0DD):
                return True
            if (group, elem) != (0xFFFE, 0xE000) or length == 0xFFFFFFFF:
                return False
            offset += 8 + length
            if offset > size:
                return False
        return False
    finally:
        stream.seek(position)
