"""Walk the element structure of a DICOM file without reading values, before any parser.

The de-identifier reads headers with pydicom, whose sequence reader recurses once per nesting
level: a crafted object nested thousands of levels deep exhausts the interpreter's stack, and
one whose lengths overlap can take minutes. This walk runs first. It reads only element
headers (8 or 12 bytes each) and seeks over the values, keeps its own stack (no recursion), and
stops at the first sequence nested deeper than the limit. It also finds the byte extent of the
top-level Pixel Data element, so that the de-identified copy can take those bytes exactly as
they are in the source, and counts stray item and delimiter tags outside any sequence.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pydicom.datadict import dictionary_VR

MAX_DEPTH = 64
ITEM = 0xFFFEE000
ITEM_END = 0xFFFEE00D
SEQUENCE_END = 0xFFFEE0DD
UNDEFINED = 0xFFFFFFFF
# Float, Double Float and (plain) Pixel Data: where pydicom's stop_before_pixels stops
BULK_TAGS = frozenset({0x7FE00008, 0x7FE00009, 0x7FE00010})
IMPLICIT_LITTLE = "1.2.840.10008.1.2"
EXPLICIT_BIG = "1.2.840.10008.1.2.2"
DEFLATED = frozenset({"1.2.840.10008.1.2.1.99"})
_LONG_VRS = frozenset(
    {b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR", b"UT", b"UV"}
)
_SHORT_VRS = frozenset(
    {b"AE", b"AS", b"AT", b"CS", b"DA", b"DS", b"DT", b"FL", b"FD", b"IS", b"LO", b"LT", b"PN",
     b"SH", b"SL", b"SS", b"ST", b"TM", b"UI", b"UL", b"US"}
)  # fmt: skip


class StructureError(Exception):
    """The file's element structure cannot be trusted (the message says why, in plain words)."""


@dataclass(frozen=True)
class FileLayout:
    """Where things are in one DICOM file, found without reading any value.

    ``bulk_start``/``bulk_end`` delimit the whole top-level Pixel Data element (tag, VR,
    length and value, incl. every fragment and the sequence delimiter when encapsulated); both
    are None when the object has no pixel data.
    """

    transfer_syntax: str
    implicit_vr: bool
    little_endian: bool
    dataset_start: int
    bulk_start: int | None
    bulk_end: int | None
    bulk_tag: int | None
    bulk_value_start: int | None
    bulk_vr: bytes  # as written in the source (empty when Implicit VR)
    bulk_length: int  # the length field as written (0xFFFFFFFF when encapsulated)
    deepest: int
    stray_delimiters: int
    size: int


@dataclass
class _Frame:
    """One open container: the dataset, a sequence, or an item of a sequence."""

    is_sequence: bool
    end: int | None  # None: undefined length, closed by a delimiter
    implicit_vr: bool
    depth: int


class _Reader:
    def __init__(self, stream: BinaryIO, size: int) -> None:
        self.stream = stream
        self.size = size
        self.pos = stream.tell()

    def read(self, count: int) -> bytes:
        if self.pos + count > self.size:
            raise StructureError("the file ends inside an element (it is cut short)")
        data = self.stream.read(count)
        if len(data) != count:
            raise StructureError("the file ends inside an element (it is cut short)")
        self.pos += count
        return data

    def seek(self, pos: int) -> None:
        if pos > self.size:
            raise StructureError("an element is longer than the file (it is cut short)")
        self.stream.seek(pos)
        self.pos = pos


def _read_meta(reader: _Reader) -> str:
    """Skip the preamble and the file meta group (always Explicit VR Little Endian); return
    the transfer syntax it names."""
    head = reader.read(132)
    if head[128:132] != b"DICM":
        raise StructureError("no DICOM file header (preamble and DICM marker)")
    transfer_syntax = ""
    # where the group length says the group ends: group 0002 elements repeated after it belong
    # to the data set (a length that ends inside an element is wrong, and ignored as pydicom does)
    meta_end: int | None = None
    while reader.pos + 8 <= reader.size and reader.pos != meta_end:
        start = reader.pos
        group, element = struct.unpack("<HH", reader.read(4))
        if group != 0x0002:
            reader.seek(start)
            break
        vr = reader.read(2)
        if vr in _LONG_VRS:
            reader.read(2)
            (length,) = struct.unpack("<L", reader.read(4))
        else:
            (length,) = struct.unpack("<H", reader.read(2))
        if length == UNDEFINED:
            raise StructureError("the file meta information has an element of undefined length")
        if element == 0x0000 and length == 4 and start == 132:
            (group_length,) = struct.unpack("<L", reader.read(4))
            meta_end = reader.pos + group_length
        elif element == 0x0010 and length <= 256:
            transfer_syntax = reader.read(length).decode("ascii", "replace").strip(" \x00")
        else:
            reader.seek(reader.pos + length)
    if not transfer_syntax:
        raise StructureError("the file meta information names no transfer syntax")
    return transfer_syntax


def encoding_of(transfer_syntax: str) -> tuple[bool, bool]:
    """(Implicit VR, little endian) of the dataset under `transfer_syntax`."""
    return transfer_syntax == IMPLICIT_LITTLE, transfer_syntax != EXPLICIT_BIG


def is_native(transfer_syntax: str) -> bool:
    """True for the transfer syntaxes whose pixel data is not encapsulated."""
    return transfer_syntax in (IMPLICIT_LITTLE, "1.2.840.10008.1.2.1", EXPLICIT_BIG, *DEFLATED)


def _found_implicit(reader: _Reader, assumed: bool) -> bool:
    """Whether the dataset or item starting here is Implicit VR: its first element carries no
    VR (two capital letters). pydicom decides the same way, for every dataset and item."""
    start = reader.pos
    if start + 6 > reader.size:
        return assumed
    head = reader.read(6)
    reader.seek(start)
    return not all(0x40 < byte < 0x5B for byte in head[4:6])


def _starts_with_item(reader: _Reader, little_endian: bool) -> bool:
    start = reader.pos
    if start + 4 > reader.size:
        return False
    group, element = struct.unpack("<HH" if little_endian else ">HH", reader.read(4))
    reader.seek(start)
    tag: int = group << 16 | element
    return tag == ITEM


def _skip_fragments(reader: _Reader, little_endian: bool) -> None:
    """Step over the items of encapsulated Pixel Data up to and including its delimiter."""
    order = "<" if little_endian else ">"
    while True:
        group, element, length = struct.unpack(order + "HHL", reader.read(8))
        tag = group << 16 | element
        if tag == SEQUENCE_END:
            return
        if tag != ITEM or length == UNDEFINED:
            raise StructureError("the encapsulated pixel data is malformed")
        reader.seek(reader.pos + length)


def scan_layout(path: Path, *, max_depth: int = MAX_DEPTH, headless: bool = False) -> FileLayout:
    """Walk `path`'s elements iteratively; raise StructureError when nested deeper than
    `max_depth` sequence levels, cut short, or otherwise impossible to follow. `headless`:
    the file has no preamble and file meta (its data set starts at byte 0, little endian)."""
    with path.open("rb") as stream:
        size = path.stat().st_size
        return scan_stream(stream, size, max_depth=max_depth, headless=headless)


def scan_stream(
    stream: BinaryIO, size: int, *, max_depth: int = MAX_DEPTH, headless: bool = False
) -> FileLayout:
    """:func:`scan_layout` over an open binary stream of `size` bytes (positioned at 0)."""
    reader = _Reader(stream, size)
    if headless:
        assumed_implicit = _found_implicit(reader, True)
        transfer_syntax = IMPLICIT_LITTLE if assumed_implicit else "1.2.840.10008.1.2.1"
    else:
        transfer_syntax = _read_meta(reader)
    if transfer_syntax in DEFLATED:
        raise StructureError("a deflated transfer syntax cannot be de-identified as a stream")
    little_endian = transfer_syntax != EXPLICIT_BIG
    implicit_vr = transfer_syntax == IMPLICIT_LITTLE
    implicit_vr = _found_implicit(reader, implicit_vr)  # the data may not use what it declares
    dataset_start = reader.pos
    order = "<" if little_endian else ">"
    stack = [_Frame(is_sequence=False, end=None, implicit_vr=implicit_vr, depth=0)]
    deepest = 0
    stray = 0
    bulk: tuple[int, int, int, int, bytes, int] | None = None
    while stack:
        frame = stack[-1]
        if frame.end is not None and reader.pos >= frame.end:
            if reader.pos > frame.end:
                raise StructureError("an element runs past the end of its item or sequence")
            stack.pop()
            continue
        if reader.pos + 8 > size:
            if len(stack) == 1 and reader.pos == size:
                break
            raise StructureError("the file ends inside a sequence (it is cut short)")
        start = reader.pos
        group, element = struct.unpack(order + "HH", reader.read(4))
        tag = group << 16 | element
        if group == 0xFFFE:
            (length,) = struct.unpack(order + "L", reader.read(4))
            if tag == ITEM and frame.is_sequence:
                end = None if length == UNDEFINED else reader.pos + length
                item_implicit = _found_implicit(reader, frame.implicit_vr)
                stack.append(_Frame(False, end, item_implicit, frame.depth))
            elif tag == ITEM_END and not frame.is_sequence and frame.end is None and len(stack) > 1:
                stack.pop()
            elif tag == SEQUENCE_END and frame.is_sequence and frame.end is None:
                stack.pop()
            elif tag == SEQUENCE_END and len(stack) > 2 and stack[-2].is_sequence:
                stray += 1  # an item left open: the sequence delimiter closes both
                stack.pop()
                if stack[-1].end is None:
                    stack.pop()
            else:
                stray += 1
                if length != UNDEFINED and tag == ITEM:
                    reader.seek(reader.pos + length)
            continue
        if frame.is_sequence:
            raise StructureError("a sequence holds an element outside any item")
        if frame.implicit_vr:
            vr = b""
            (length,) = struct.unpack(order + "L", reader.read(4))
        else:
            vr = reader.read(2)
            if vr in _LONG_VRS:
                reader.read(2)
                (length,) = struct.unpack(order + "L", reader.read(4))
            elif vr in _SHORT_VRS:
                (length,) = struct.unpack(order + "H", reader.read(2))
            else:
                raise StructureError(f"an element has an unknown value representation {vr!r}")
        value_start = reader.pos
        top_level = len(stack) == 1
        if top_level and tag in BULK_TAGS:
            if length == UNDEFINED:
                _skip_fragments(reader, little_endian)
            else:
                reader.seek(value_start + length)
            bulk = (start, reader.pos, tag, value_start, vr, length)
            break  # what follows the pixel data (padding, signatures) is not carried over
        sequence, inner_implicit = _opens_sequence(reader, tag, vr, length, frame, little_endian)
        if sequence:
            depth = frame.depth + 1
            if depth > max_depth:
                raise StructureError(f"nested more than {max_depth} sequence levels deep")
            deepest = max(deepest, depth)
            end = None if length == UNDEFINED else value_start + length
            stack.append(_Frame(True, end, inner_implicit, depth))
        elif length == UNDEFINED and (vr in (b"OB", b"OW") or (not vr and tag in BULK_TAGS)):
            _skip_fragments(reader, little_endian)  # encapsulated pixels, e.g. of an icon
        elif length == UNDEFINED:
            raise StructureError("an element that is not a sequence has an undefined length")
        else:
            reader.seek(value_start + length)
    return FileLayout(
        transfer_syntax=transfer_syntax,
        implicit_vr=implicit_vr,
        little_endian=little_endian,
        dataset_start=dataset_start,
        bulk_start=bulk[0] if bulk else None,
        bulk_end=bulk[1] if bulk else None,
        bulk_tag=bulk[2] if bulk else None,
        bulk_value_start=bulk[3] if bulk else None,
        bulk_vr=bulk[4] if bulk else b"",
        bulk_length=bulk[5] if bulk else 0,
        deepest=deepest,
        stray_delimiters=stray,
        size=size,
    )


def _opens_sequence(
    reader: _Reader, tag: int, vr: bytes, length: int, frame: _Frame, little_endian: bool
) -> tuple[bool, bool]:
    """Whether the element just read is a sequence, and whether its items are implicit VR.

    Explicit SQ is a sequence. UN and implicit elements are sequences when their length is
    undefined (their items are then Implicit VR Little Endian, PS3.5 6.2.2), when the
    dictionary says SQ, or when the value starts with an item tag (as pydicom reads them).
    """
    if vr == b"SQ":
        return True, frame.implicit_vr
    if vr not in (b"", b"UN"):
        return False, frame.implicit_vr
    inner_implicit = True if vr == b"UN" else frame.implicit_vr
    if length == UNDEFINED:
        return True, inner_implicit
    try:
        known_sq = not (tag >> 16) & 1 and dictionary_VR(tag) == "SQ"
    except KeyError:
        known_sq = False
    if known_sq or (length >= 8 and _starts_with_item(reader, little_endian)):
        return True, inner_implicit
    return False, inner_implicit
