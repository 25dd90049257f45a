"""Cheap classification of a file from its first bytes, without parsing it in full.

``sniff(head)`` looks at the first :data:`SNIFF_BYTES` bytes (fewer for short files):

* ``DICM`` at offset 128 -> :attr:`FileKind.DICOM`, or :attr:`FileKind.DICOMDIR` when the file
  meta names the Media Storage Directory SOP class;
* no preamble but a plausible first data element (group 0002/0008/..., explicit or implicit VR,
  little or big endian) -> :attr:`FileKind.DICOM` with ``has_preamble=False`` (the caller then
  tries a header parse);
* well-known magic bytes -> PDF, HTML, image, executable, archive; readable text -> TEXT;
* anything else -> OTHER; a zero-length file -> EMPTY.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from enum import StrEnum

SNIFF_BYTES = 1024
MEDIA_STORAGE_DIRECTORY = b"1.2.840.10008.1.3.10"

_VRS = frozenset(
    b"AE AS AT CS DA DS DT FL FD IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN "
    b"UR US UT UV".split()
)
_FIRST_GROUPS = frozenset({0x0002, 0x0004, 0x0008, 0x0010, 0x0018, 0x0020, 0x0028})


class FileKind(StrEnum):
    """What a file on a disc is, as far as its first bytes tell."""

    DICOM = "dicom"
    DICOMDIR = "dicomdir"
    PDF = "pdf"
    HTML = "html"
    TEXT = "text"
    IMAGE = "image"
    EXECUTABLE = "executable"
    ARCHIVE = "archive"
    EMPTY = "empty"
    OTHER = "other"


@dataclass(frozen=True)
class Sniffed:
    """The result of sniffing: the kind and, for DICOM, whether a 128-byte preamble is present."""

    kind: FileKind
    has_preamble: bool = False

    @property
    def is_dicom(self) -> bool:
        """True for DICOM objects and DICOMDIR-like indexes."""
        return self.kind in (FileKind.DICOM, FileKind.DICOMDIR)


_MAGIC: tuple[tuple[bytes, FileKind], ...] = (
    (b"%PDF-", FileKind.PDF),
    (b"\x89PNG\r\n\x1a\n", FileKind.IMAGE),
    (b"\xff\xd8\xff", FileKind.IMAGE),
    (b"GIF87a", FileKind.IMAGE),
    (b"GIF89a", FileKind.IMAGE),
    (b"BM", FileKind.IMAGE),
    (b"II*\x00", FileKind.IMAGE),
    (b"MM\x00*", FileKind.IMAGE),
    (b"\x00\x00\x00\x0cjP  ", FileKind.IMAGE),
    (b"MZ", FileKind.EXECUTABLE),
    (b"\x7fELF", FileKind.EXECUTABLE),
    (b"\xca\xfe\xba\xbe", FileKind.EXECUTABLE),
    (b"\xcf\xfa\xed\xfe", FileKind.EXECUTABLE),
    (b"PK\x03\x04", FileKind.ARCHIVE),
    (b"PK\x05\x06", FileKind.ARCHIVE),
    (b"Rar!", FileKind.ARCHIVE),
    (b"7z\xbc\xaf\x27\x1c", FileKind.ARCHIVE),
    (b"\x1f\x8b", FileKind.ARCHIVE),
    (b"MSCF", FileKind.ARCHIVE),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", FileKind.OTHER),
)
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml", b"<meta", b"<title")


def _plausible_first_element(head: bytes) -> bool:
    if len(head) < 8:
        return False
    for endian in ("<", ">"):
        group, element = struct.unpack(endian + "HH", head[:4])
        if group not in _FIRST_GROUPS or element > 0x1000:
            continue
        vr = head[4:6]
        if vr in _VRS:
            return True
        (length,) = struct.unpack(endian + "I", head[4:8])
        # Implicit VR: the first element of a header is short (a group length, a UID, a code).
        if length <= 256 and (group != 0x0002 or element == 0x0000 or element <= 0x0100):
            return True
    return False


def _looks_like_text(head: bytes) -> bool:
    sample = head[:SNIFF_BYTES]
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        if exc.start < len(sample) - 4:
            try:
                sample.decode("cp1252")
            except UnicodeDecodeError:
                return False
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control * 50 <= len(sample)


def _media_sop_class(meta: bytes) -> bytes:
    """The Media Storage SOP Class UID (0002,0002) from file meta bytes, or b""."""
    idx = meta.find(b"\x02\x00\x02\x00")
    if idx < 0:
        return b""
    if meta[idx + 4 : idx + 6] == b"UI":
        (length,) = struct.unpack("<H", meta[idx + 6 : idx + 8] or b"\x00\x00")
        start = idx + 8
    else:
        chunk = meta[idx + 4 : idx + 8]
        length = struct.unpack("<I", chunk)[0] if len(chunk) == 4 else 0
        start = idx + 8
    return meta[start : start + min(length, 64)].rstrip(b"\x00 ")


def sniff(head: bytes, name: str = "") -> Sniffed:
    """Classify a file from its first bytes (give at least :data:`SNIFF_BYTES` when available).

    ``name`` is only a hint for DICOMDIR indexes without a readable file meta (e.g. ``DIRFILE``).
    """
    if not head:
        return Sniffed(FileKind.EMPTY)
    if len(head) >= 132 and head[128:132] == b"DICM":
        if _media_sop_class(head[132:SNIFF_BYTES]) == MEDIA_STORAGE_DIRECTORY:
            return Sniffed(FileKind.DICOMDIR, has_preamble=True)
        return Sniffed(FileKind.DICOM, has_preamble=True)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return Sniffed(kind)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(stripped.startswith(start) for start in _HTML_STARTS):
        return Sniffed(FileKind.HTML)
    if _plausible_first_element(head):
        base = name.replace("\\", "/").rsplit("/", 1)[-1].upper().split(";")[0]
        kind = FileKind.DICOMDIR if base in ("DICOMDIR", "DIRFILE") else FileKind.DICOM
        return Sniffed(kind, has_preamble=False)
    if _looks_like_text(head):
        return Sniffed(FileKind.TEXT)
    return Sniffed(FileKind.OTHER)
