"""Mutation fuzzing of mammolog's input parsers: seeds, mutations, and a guarded call.

Shared by the bounded CI tests (tests/trust/test_fuzz.py) and the long run by hand
(benchmarks/fuzz_long.py). A guarded call fails when the parser raises anything but its own
error type, runs longer than the per-input time limit, or allocates more than the memory
limit (traced with tracemalloc): a declared length of 4 GB must not allocate 4 GB.
"""

from __future__ import annotations

import hashlib
import io
import signal
import struct
import tempfile
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import pydicom.data

from mammolog.dicom.dicomdir_reader import DicomdirError, read_dicomdir
from mammolog.dicom.headers import HEADER_PREFIX, HeaderError, read_header
from mammolog.dicom.sources import Source, SourceEntry
from mammolog.reports import ReportError, extract_from_text
from mammolog.reports.extract import extract_from_sr

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "fuzz_corpus"
PYDICOM_FILES = Path(pydicom.data.__file__).parent / "test_files"
TIME_LIMIT_S = 5.0
MEMORY_LIMIT = 64 << 20
HUGE = 0xFFFFFFF0
LONG_VRS = {b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR",
            b"UT", b"UV"}  # fmt: skip
SHORT_VRS = {b"AE", b"AS", b"AT", b"CS", b"DA", b"DS", b"DT", b"FL", b"FD", b"IS", b"LO",
             b"LT", b"PN", b"SH", b"SL", b"SS", b"ST", b"TM", b"UI", b"UL", b"US"}  # fmt: skip


class Hang(Exception):
    """The parser ran past the time limit."""


@dataclass(frozen=True)
class Failure:
    """One input that broke a parser's promise."""

    parser: str
    reason: str
    data: bytes

    def save(self, folder: Path = CORPUS) -> Path:
        """Keep the input under tests/fuzz_corpus/<parser>/ (named by its hash)."""
        target = folder / self.parser / f"{hashlib.sha1(self.data).hexdigest()[:16]}.bin"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.data)
        return target


@dataclass
class Stats:
    """Inputs run per parser (printed for the closing note)."""

    runs: dict[str, int] = field(default_factory=dict)

    def add(self, parser: str) -> None:
        self.runs[parser] = self.runs.get(parser, 0) + 1


STATS = Stats()


def _alarm(_signum: int, _frame: Any) -> None:
    raise Hang()


def guarded(parser: str, data: bytes, call: Callable[[], object],
            allowed: tuple[type[BaseException], ...]) -> Failure | None:  # fmt: skip
    """Run ``call``; a Failure when it crashes, hangs or allocates too much."""
    STATS.add(parser)
    previous = signal.signal(signal.SIGALRM, _alarm)
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT_S)
    failure: Failure | None = None
    try:
        call()
    except allowed:
        pass
    except Hang:
        failure = Failure(parser, f"hang: more than {TIME_LIMIT_S} s", data)
    except MemoryError:
        failure = Failure(parser, "MemoryError", data)
    except Exception as error:  # noqa: BLE001 - that is what we are looking for
        failure = Failure(parser, f"{type(error).__name__}: {str(error)[:200]}", data)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        peak = tracemalloc.get_traced_memory()[1]
        if not tracing:
            tracemalloc.stop()
    if failure is None and peak > MEMORY_LIMIT:
        failure = Failure(parser, f"allocated {peak >> 20} MB for a {len(data)}-byte input", data)
    return failure


# --- the parsers, as the importer and the report reader call them -----------------------


def parse_header(data: bytes) -> Failure | None:
    """read_header from bytes and from a stream with a prefix (the importer's two paths)."""

    def call() -> None:
        try:
            read_header(data)
        except HeaderError:
            pass
        stream = io.BytesIO(data)
        read_header(stream, size=len(data), prefix=data[:HEADER_PREFIX])

    return guarded("header", data, call, (HeaderError,))


class MemorySource(Source):
    """A source whose files live in memory (for the DICOMDIR reader)."""

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__(Path("/memory"))
        self.files = files

    @property
    def kind(self) -> str:
        return "folder"

    def walk(self) -> Iterator[SourceEntry]:
        for relpath in sorted(self.files):
            yield SourceEntry(relpath, len(self.files[relpath]))

    def open(self, relpath: str) -> BinaryIO:
        if relpath not in self.files:
            raise FileNotFoundError(relpath)
        return io.BytesIO(self.files[relpath])


def parse_dicomdir(files: dict[str, bytes], top: str = "DICOMDIR") -> Failure | None:
    """read_dicomdir over an in-memory disc (nested indexes included)."""
    source = MemorySource(files)
    data = files.get(top, b"")
    return guarded(
        "dicomdir", data, lambda: read_dicomdir(source, top, list(files)), (DicomdirError,)
    )


def parse_sr(data: bytes, workdir: Path | None = None) -> Failure | None:
    """The SR reader and the proposals taken from it, on a file as the app reads it."""
    with tempfile.NamedTemporaryFile(dir=workdir, suffix=".dcm") as handle:
        handle.write(data)
        handle.flush()
        return guarded("sr", data, lambda: extract_from_sr(handle.name), (ReportError,))


def parse_text(text: str) -> Failure | None:
    """The report text extractor."""
    data = text.encode("utf-8", "surrogatepass")
    return guarded("text", data, lambda: extract_from_text(text), (ReportError,))


# --- seeds ------------------------------------------------------------------------------


def dicom_seeds(real: Path | None) -> list[bytes]:
    """Real files (first 256 KB of the big ones are enough for headers) and pydicom's files."""
    paths = sorted(PYDICOM_FILES.glob("*.dcm"))
    if real is not None:
        paths += sorted(p for p in real.rglob("*") if p.is_file() and p.suffix not in
                        (".md", ".txt", ".png") and "DICOMDIR" not in p.name
                        and "DIRFILE" not in p.name)  # fmt: skip
    seeds = [p.read_bytes()[: 256 << 10] for p in paths]
    seeds += [p.read_bytes() for p in sorted((CORPUS / "header").glob("*.bin"))]
    return [s for s in seeds if s]


def dicomdir_seeds(real: Path | None) -> list[dict[str, bytes]]:
    """Whole small discs: the DICOMDIR and every nested index, keyed by relative path."""
    discs: list[dict[str, bytes]] = []
    roots = [PYDICOM_FILES / "dicomdirtests"]
    if real is not None:
        roots += [real / "fo-dicom", real / "orthanc-tests" / "DavidClunie",
                  real / "dcm_qa_ct" / "Philips"]  # fmt: skip
    for root in roots:
        if not (root / "DICOMDIR").is_file():
            continue
        files = {p.relative_to(root).as_posix(): b"" for p in root.rglob("*") if p.is_file()}
        for relpath in files:
            if relpath.split("/")[-1].upper() in ("DICOMDIR", "DIRFILE"):
                files[relpath] = (root / relpath).read_bytes()
        discs.append(files)
    for extra in sorted((CORPUS / "dicomdir").glob("*.bin")):
        discs.append({"DICOMDIR": extra.read_bytes()})
    for name in ("DICOMDIR-bigEnd", "DICOMDIR-implicit", "DICOMDIR-nooffset", "DICOMDIR-reordered"):
        path = PYDICOM_FILES / "dicomdirtests" / name
        if path.is_file():
            discs.append({"DICOMDIR": path.read_bytes()})
    return discs


def sr_seeds(real: Path | None) -> list[bytes]:
    """Structured reports: pydicom's, the real dose reports and text SR, built TID 4200 ones."""
    paths = [PYDICOM_FILES / n for n in ("test-SR.dcm", "reportsi.dcm",
                                          "reportsi_with_empty_number_tags.dcm")]  # fmt: skip
    if real is not None:
        paths += sorted((real / "openrem").glob("*RDSR*.dcm"))
        paths += [real / "orthanc-tests" / "MarekLatin2.dcm"]
    seeds = [p.read_bytes() for p in paths if p.is_file()]
    try:
        from tests.unit.reports import sr_builders

        buffer = io.BytesIO()
        sr_builders.tid4200_report().save_as(buffer, enforce_file_format=True)
        seeds.append(buffer.getvalue())
    except Exception:  # noqa: BLE001, S110 - the builders are optional seeds
        pass
    seeds += [p.read_bytes() for p in sorted((CORPUS / "sr").glob("*.bin"))]
    return seeds


def text_seeds() -> list[str]:
    """The report corpus and kept inputs."""
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((REPO / "tests/corpus/reports").glob("*.txt"))
    ]
    texts += [
        p.read_bytes().decode("utf-8", "replace") for p in sorted((CORPUS / "text").glob("*.bin"))
    ]
    return texts or ["BI-RADS 2"]


# --- mutations --------------------------------------------------------------------------


def element_offsets(data: bytes, limit: int = 1 << 16) -> list[tuple[int, int]]:
    """(offset of the length field, its width) of plausible explicit-VR element headers."""
    found: list[tuple[int, int]] = []
    end = min(len(data), limit) - 8
    for offset in range(0, max(end, 0)):
        vr = data[offset + 4 : offset + 6]
        if vr in SHORT_VRS:
            found.append((offset + 6, 2))
        elif vr in LONG_VRS and data[offset + 6 : offset + 8] == b"\0\0":
            found.append((offset + 8, 4))
    return found


OPS = ("flip", "truncate", "inflate", "inflate4", "tag", "delete", "duplicate", "byte")


def mutate(data: bytes, ops: list[tuple[str, int, int]]) -> bytes:
    """Apply ``ops`` (name, position seed, value) to ``data``; deterministic, shrinkable."""
    buffer = bytearray(data)
    for name, where, value in ops:
        size = len(buffer)
        if size == 0:
            buffer = bytearray(bytes([value]))
            continue
        pos = where % size
        if name == "flip":
            buffer[pos] ^= 1 << (value % 8)
        elif name == "truncate":
            del buffer[pos:]
        elif name == "inflate":
            fields = element_offsets(bytes(buffer))
            if fields:
                at, width = fields[where % len(fields)]
                huge = HUGE if width == 4 else 0xFFFF
                buffer[at : at + width] = huge.to_bytes(width, "little" if value % 2 else "big")
        elif name == "inflate4":
            buffer[pos : pos + 4] = struct.pack("<I", HUGE)
        elif name == "tag":
            group = (0x0008, 0x0010, 0x0020, 0x0028, 0x0040, 0x7FE0, 0xFFFE, value << 8)[value % 8]
            vr = (b"SQ", b"UN", b"OB", b"LO", b"UI", b"DA")[value % 6]
            length = (0, 2, HUGE, 0xFFFFFFFF)[where % 4]
            element = struct.pack("<HH", group, where & 0xFFFF) + vr
            element += struct.pack("<HI", 0, length) if vr in LONG_VRS else struct.pack("<H", 8)
            buffer[pos:pos] = element + b"ABCDEFGH"
        elif name == "delete":
            del buffer[pos : pos + 1 + value]
        elif name == "duplicate":
            buffer[pos:pos] = buffer[pos : pos + 16 + value * 4]
        elif name == "byte":
            buffer[pos] = (0x00, 0xFF, 0x7F, 0x80, 0xFE, 0x20, 0x5C, value)[value % 8]
    return bytes(buffer)


def mutate_text(text: str, ops: list[tuple[str, int, int]]) -> str:
    """Text mutations: cut, repeat, insert odd characters, numbers and BI-RADS words."""
    words = ("BI-RADS", "Kategorie", "category", "4a", "0", "6", "rechts", "left", "ACR",
             "\u0000", "\ufeff", "\u202e", "\U0001f600", "..", "\n\n", " " * 50, "9" * 40)  # fmt: skip
    for name, where, value in ops:
        pos = where % (len(text) + 1)
        if name in ("truncate", "delete"):
            text = text[:pos] + text[pos + 1 + value :] if name == "delete" else text[:pos]
        elif name == "duplicate":
            text = text[:pos] + text[pos : pos + 40 + value] * (1 + value % 4) + text[pos:]
        else:
            text = text[:pos] + words[(value + where) % len(words)] + text[pos:]
    return text


# --- the backup reader ------------------------------------------------------------------


def parse_backup(data: bytes) -> Failure | None:
    """restore_archive on ``data`` into a new folder: a BackupError leaving nothing, or a home
    whose files are all inside it and whose catalog names only files inside its library."""
    from mammolog.paths import AppPaths
    from mammolog.services.backup import BackupError, restore_archive

    def call() -> None:
        with tempfile.TemporaryDirectory() as work:
            archive = Path(work) / "backup.tar"
            archive.write_bytes(data)
            target = Path(work) / "restored"
            try:
                restore_archive(archive, AppPaths.under_home(target))
            except BackupError:
                left = sorted(p.name for p in Path(work).iterdir() if p.name != "backup.tar")
                if left:
                    raise AssertionError(f"a refused restore left {left}") from None
                return
            _check_restored(target)

    return guarded("backup", data, call, ())


def _check_restored(home: Path) -> None:
    import os

    from mammolog.paths import library_relpath
    from mammolog.services.backup_format import registered_files

    for folder, dirs, files in os.walk(home):
        for name in (*dirs, *files):
            if os.path.islink(os.path.join(folder, name)):
                raise AssertionError(f"the restore made a link: {name}")
    for relpath, _digest, _size in registered_files(home / "catalog.sqlite"):
        library_relpath(relpath)  # raises LibraryPathError (a PermissionError) when unsafe


def backup_seed() -> bytes:
    """A small backup archive: a home with one study, an attachment and settings."""
    from mammolog.services.backup import backup_home
    from tests.trust.homes import make_home

    with tempfile.TemporaryDirectory() as work:
        home = make_home(Path(work) / "home", studies=1, size=64)
        home.engine.dispose()
        archive = Path(work) / "seed.tar"
        backup_home(home.paths, archive)
        return archive.read_bytes()


def backup_seeds() -> list[bytes]:
    """The generated seed and the kept inputs."""
    return [backup_seed(), *(p.read_bytes() for p in sorted((CORPUS / "backup").glob("*.bin")))]


def craft_backup(seed: bytes, library_path: str) -> bytes:
    """``seed`` with its catalog's first file renamed to ``library_path`` and a manifest that
    matches: a crafted backup, passing every hash check."""
    import json
    import sqlite3
    import tarfile

    members: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(seed)) as tar:
        for member in tar:
            stream = tar.extractfile(member)
            members[member.name] = stream.read() if stream else b""
    with tempfile.TemporaryDirectory() as work:
        database = Path(work) / "catalog.sqlite"
        database.write_bytes(members["catalog.sqlite"])
        with sqlite3.connect(database) as connection:
            connection.execute(
                "UPDATE instance SET library_path = ? WHERE id = (SELECT min(id) FROM instance)",
                (library_path,),
            )
        connection.close()
        members["catalog.sqlite"] = database.read_bytes()
    manifest = json.loads(members.pop("manifest.json"))
    for entry in manifest["files"]:
        body = members[entry["path"]]
        entry["size"], entry["sha256"] = len(body), hashlib.sha256(body).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode("utf-8")
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, body in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return out.getvalue()
