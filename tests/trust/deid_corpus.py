"""The de-identification check over third-party objects: what each object becomes, measured.

For every object: de-identified or left out (and why); the dciodvfy error lines the copy has
that the original has not; the original's identifiers found in the copy by a byte scan (the
Pixel Data value excepted: pixel values are not text); whether any Pixel Data byte changed.
Shared by tests/trust/test_deid_corpus.py and benchmarks/deid_bench.py --corpus.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pydicom.data
from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError
from pydicom.multival import MultiValue

from mammolog.export.anonymize import AnonymizeError, Anonymizer, collect_identifiers
from mammolog.export.deid_file import deidentify_file
from mammolog.export.deid_scan import StructureError, scan_layout
from mammolog.export.deid_text import DUMMY_WORDS, birth_date_regex, walk_datasets
from tests.unit.export.scanner import identifier_needles

MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10"
_SKIPPED_SUFFIXES = {".md", ".txt", ".png", ".json", ".gz", ".zip", ".icc", ".dump", ".py", ".pyc"}


def dciodvfy_path() -> str | None:
    """dciodvfy (dicom3tools) if installed."""
    return shutil.which("dciodvfy")


def corpus(real: Path | None) -> list[Path]:
    """pydicom's test files (with pydicom-data's, when installed), deid-data's files and the
    real files, each a candidate DICOM object."""
    paths = [Path(p) for p in pydicom.data.get_testdata_files()]
    try:
        import deid_data  # type: ignore[import-untyped]

        paths += sorted(Path(deid_data.__file__).parent.rglob("*.dcm"))
    except ImportError:
        pass
    if real is not None:
        paths += sorted(real.rglob("*"))
    return [p for p in paths if p.is_file() and p.suffix.lower() not in _SKIPPED_SUFFIXES]


def read_header(path: Path) -> Dataset | None:
    """The header of `path` if it is an object an export would take (None otherwise)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            header = dcmread(path, stop_before_pixels=True)
    except (InvalidDicomError, OSError, ValueError, EOFError, KeyError, TypeError):
        return None
    meta_class = str(getattr(header, "file_meta", {}).get("MediaStorageSOPClassUID", ""))
    if MEDIA_STORAGE_DIRECTORY in (meta_class, str(header.get("SOPClassUID", ""))):
        return None
    if not header.get("SOPInstanceUID"):
        return None
    return header


_UNREADABLE = ("read failed", "Tags out of order", "Information Object Not found")


def dciodvfy_errors(tool: str, path: Path) -> tuple[set[str], bool]:
    """dciodvfy's error lines for `path` (values taken out: UIDs, numbers and quoted text
    change with de-identification), and whether dciodvfy could read the object through."""
    result = subprocess.run(
        [tool, str(path)], capture_output=True, text=True, errors="replace", check=False
    )
    lines = (result.stdout + result.stderr).splitlines()
    errors = {
        re.sub(r"'[^']*'|\d+(?:\.\d+)*", "#", line) for line in lines if line.startswith("Error")
    }
    return errors, not any(marker in line for line in lines for marker in _UNREADABLE)


def _text_values(header: Dataset, keywords: Iterable[str]) -> list[str]:
    found: list[str] = []
    for dataset in walk_datasets(header):
        for keyword in keywords:
            value = dataset.get(keyword)
            if value is None:
                continue
            values = list(value) if isinstance(value, MultiValue | list | tuple) else [value]
            found += [str(v).strip() for v in values if str(v).strip()]
    return found


_CODED_KEYWORDS = ("CodeValue", "CodingSchemeDesignator", "CodingSchemeVersion", "CodeMeaning",
                   "Manufacturer", "ManufacturerModelName", "SoftwareVersions")  # fmt: skip


def coded_words(header: Dataset) -> set[str]:
    """The words of the original's coded values (every CS value, code values, designators
    and meanings) and product names: an identifier that is also one of these ("PERFUSION"
    in Image Type for a patient called Perfusion) cannot be told from the code by a byte
    scan, so it is counted apart."""
    words: set[str] = set()
    for dataset in walk_datasets(header):
        for tag in list(dataset.keys()):
            try:
                element = dataset[tag]
            except (NotImplementedError, ValueError, KeyError, TypeError):
                continue
            if element.VR == "CS" or element.keyword in _CODED_KEYWORDS or element.VR == "UI":
                words.update(w.casefold() for w in re.split(r"[^\w]+", str(element.value)) if w)
    return words


def needles_for(header: Dataset) -> dict[bytes, str]:
    """Byte patterns of the original's own identifiers (3 characters or more: shorter ones
    occur in any binary data by chance), mapped to the identifier; identifiers that are also
    coded words of the original (:func:`coded_words`) are left to :func:`ambiguous_tokens`."""
    names = _text_values(header, ("PatientName", "OtherPatientNames", "PatientBirthName"))
    ids = _text_values(header, ("PatientID", "OtherPatientIDs", "AccessionNumber", "StudyID"))
    birth = str(header.get("PatientBirthDate", "") or "").strip()
    births = [birth] if birth_date_regex(birth) else []
    charset = header.get("SpecificCharacterSet", "")
    charsets = [str(c) for c in (charset if isinstance(charset, list) else [charset]) if c]
    needles = identifier_needles(names, ids, births, charsets)
    coded = coded_words(header)
    return {
        needle: token
        for needle, token in needles.items()
        if (len(needle) >= 3 or not needle.isascii())
        and token.upper() not in DUMMY_WORDS
        and token.casefold() not in coded
    }


def ambiguous_tokens(header: Dataset) -> list[str]:
    """The original's identifiers that are also its coded words (not scanned for)."""
    coded = coded_words(header)
    needles = identifier_needles(
        _text_values(header, ("PatientName",)), _text_values(header, ("PatientID",)), [], []
    )
    return sorted({t for t in needles.values() if t.casefold() in coded and len(t) >= 3})


def identifiers_in(data: bytes, needles: dict[bytes, str]) -> list[str]:
    """The identifiers whose bytes occur in `data` as whole words (no letter or digit on
    either side of an ASCII needle)."""
    found = []
    for needle, token in needles.items():
        body = re.escape(needle)
        pattern = rb"(?<![A-Za-z0-9])" + body + rb"(?![A-Za-z0-9])" if needle.isascii() else body
        if re.search(pattern, data, re.IGNORECASE if needle.isascii() else 0):
            found.append(token)
    return sorted(set(found))


def without_bulk(path: Path) -> tuple[bytes, str]:
    """The bytes of `path` with the Pixel Data value cut out, and the SHA-256 of that value."""
    data = path.read_bytes()
    layout = scan_layout(path)
    if layout.bulk_value_start is None or layout.bulk_end is None:
        return data, ""
    value = data[layout.bulk_value_start : layout.bulk_end]
    return data[: layout.bulk_value_start] + data[layout.bulk_end :], hashlib.sha256(
        value
    ).hexdigest()


@dataclass
class Tally:
    """Counts for the closing note."""

    tried: int = 0
    deidentified: int = 0
    left_out: Counter[str] = field(default_factory=Counter)
    with_new_errors: dict[str, set[str]] = field(default_factory=dict)
    identifiers_found: dict[str, list[str]] = field(default_factory=dict)
    pixel_changed: list[str] = field(default_factory=list)
    dciodvfy_checked: int = 0
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    original_unreadable: dict[str, set[str]] = field(default_factory=dict)

    def lines(self) -> Iterator[str]:
        """The figures, one per line."""
        yield f"objects tried: {self.tried}"
        yield f"de-identified: {self.deidentified}"
        yield f"left out: {sum(self.left_out.values())}"
        for reason, count in self.left_out.most_common():
            yield f"  {count} x {reason}"
        yield f"checked with dciodvfy: {self.dciodvfy_checked}"
        yield f"objects with dciodvfy errors introduced: {len(self.with_new_errors)}"
        for name, errors in self.with_new_errors.items():
            yield f"  {name}: {sorted(errors)}"
        yield (
            "originals dciodvfy cannot read through (copies compared as read): "
            f"{len(self.original_unreadable)}"
        )
        for name, errors in self.original_unreadable.items():
            yield f"  {name}: the copy has {len(errors)} error line(s)"
        yield f"objects with identifiers found: {len(self.identifiers_found)}"
        for name, tokens in self.identifiers_found.items():
            yield f"  {name}: {len(tokens)} identifier(s)"
        yield f"objects with pixel bytes changed: {len(self.pixel_changed)}"
        yield f"objects whose name or ID is also a coded word (not scanned): {len(self.ambiguous)}"
        for name, tokens in self.ambiguous.items():
            yield f"  {name}: {len(tokens)} word(s)"


def check_corpus(paths: Iterable[Path], workdir: Path, *, dciodvfy: str | None) -> Tally:
    """De-identify every object of `paths` on its own into `workdir` and measure it."""
    tally = Tally()
    for index, path in enumerate(paths):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _check_one(tally, index, path, workdir, dciodvfy)
    return tally


def _check_one(tally: Tally, index: int, path: Path, workdir: Path, dciodvfy: str | None) -> None:
    header = read_header(path)
    if header is None:
        return
    tally.tried += 1
    name = f"{path.parent.name}/{path.name}"
    anonymizer = Anonymizer(collect_identifiers([header]), uid_secret=b"corpus")
    target = workdir / f"{index:04d}.dcm"
    try:
        deidentify_file(path, target, anonymizer)
    except AnonymizeError as exc:
        tally.left_out[str(exc)] += 1
        return
    tally.deidentified += 1
    try:
        original_rest, original_pixels = without_bulk(path)
        copy_rest, copy_pixels = without_bulk(target)
    except StructureError:
        tally.pixel_changed.append(name)
        return
    if original_pixels != copy_pixels:
        tally.pixel_changed.append(name)
    found = identifiers_in(copy_rest, needles_for(header))
    if found:
        tally.identifiers_found[name] = found
    if ambiguous := ambiguous_tokens(header):
        tally.ambiguous[name] = ambiguous
    if dciodvfy is not None:
        tally.dciodvfy_checked += 1
        copy_errors, copy_readable = dciodvfy_errors(dciodvfy, target)
        original_errors, original_readable = dciodvfy_errors(dciodvfy, path)
        if original_readable and not copy_readable:
            tally.with_new_errors[name] = {"dciodvfy cannot read the copy through"}
            return
        if not original_readable:
            # dciodvfy stops early in the original: the copy's errors of the same content
            # cannot be compared line by line, only its reading through
            tally.original_unreadable[name] = copy_errors
            return
        introduced = copy_errors - original_errors
        if introduced:
            tally.with_new_errors[name] = introduced
    target.unlink()
