"""Search exported bytes for a patient's identifiers (names, IDs, birth dates)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydicom.charset import convert_encodings, encode_string

from mammolog.export.anonymize import name_components

_PIXEL_TAGS = (b"\xe0\x7f\x10\x00", b"\x7f\xe0\x00\x10")


@dataclass(frozen=True)
class Hit:
    """One identifier found in one file."""

    path: Path
    needle: str


def _needles_for(text: str, charsets: Iterable[str]) -> set[bytes]:
    found: set[bytes] = set()
    for variant in {text, text.upper(), text.lower()}:
        for encoding in ("utf-8", "latin-1"):
            try:
                found.add(variant.encode(encoding))
            except UnicodeEncodeError:
                pass
        terms = list(charsets)
        if terms:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")  # no lossy replacement characters
                    found.add(encode_string(variant, convert_encodings(terms)))
            except (UnicodeError, LookupError, ValueError, UserWarning):
                pass
    return {needle for needle in found if needle}


def without_pixel_data(data: bytes) -> bytes:
    """The bytes of a DICOM file with the top-level Pixel Data value cut out.

    Pixel values are not text: a short name can occur in them by chance.
    """
    if data[128:132] != b"DICM":
        return data
    for tag in _PIXEL_TAGS:
        position = data.rfind(tag)
        if position > 132 and data[position + 4 : position + 6] in (b"OB", b"OW"):
            return data[:position]
    return data


def identifier_needles(
    names: Iterable[str], ids: Iterable[str], birth_dates: Iterable[str], charsets: Iterable[str]
) -> dict[bytes, str]:
    """Byte patterns to look for, each mapped to the identifier it stands for."""
    needles: dict[bytes, str] = {}
    charset_list = list(charsets)
    for name in names:
        for component in name_components(name):
            for needle in _needles_for(component, charset_list):
                needles[needle] = component
    for value in ids:
        for needle in _needles_for(value, ()):
            needles[needle] = value
    for date in birth_dates:
        for form in (
            date,
            f"{date[:4]}-{date[4:6]}-{date[6:]}",
            f"{date[6:]}.{date[4:6]}.{date[:4]}",
        ):
            needles[form.encode("ascii")] = date
    return needles


def scan(root: Path, needles: dict[bytes, str]) -> list[Hit]:
    """Every identifier found in any file under `root` (or in `root` itself if a file)."""
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    hits: list[Hit] = []
    for path in files:
        data = without_pixel_data(path.read_bytes())
        if path.suffix.upper() == ".HTM":
            # markup is not content: a name such as HEAD must not match <head>
            data = re.sub(rb"<[^<>]*>", b" ", data)
        lowered = data.lower()
        for needle, label in needles.items():
            if needle in data or needle.lower() in lowered:
                hits.append(Hit(path, label))
    return hits
