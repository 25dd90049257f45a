"""Hostile sources: a ZIP with a corrupt DICOMDIR member, ZIP bombs, a huge DICOMDIR.

Each gives one clear problem line (or one summary line for thousands of the same problem),
the other images are still imported, and the import run is recorded as ended.
"""

from __future__ import annotations

import io
import sqlite3
import struct
import zipfile
from pathlib import Path

import pydicom
import pytest
from click.testing import CliRunner
from pydicom.dataset import FileMetaDataset
from pydicom.filewriter import write_file_meta_info
from pydicom.uid import ExplicitVRLittleEndian

from mammolog.catalog.migrate import open_catalog
from mammolog.cli import cli
from mammolog.dicom import sources
from mammolog.paths import AppPaths
from mammolog.services.importer import import_source
from tests.fixtures_discs import Disc, build_dicomdir_disc, study_specs


@pytest.fixture
def disc(tmp_path: Path) -> Disc:
    return build_dicomdir_disc(tmp_path / "disc", study_specs("ZIP^ANNA", "P-Z", ("20200101",)))


def _paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under_home(tmp_path / "home")


def _run_statuses(paths: AppPaths) -> list[str]:
    with sqlite3.connect(paths.database) as connection:
        return [row[0] for row in connection.execute("SELECT status FROM importrun")]


def _zip_with_damaged_dicomdir(disc: Disc, archive: Path, method: int) -> Path:
    with zipfile.ZipFile(archive, "w", compression=method) as out:
        for path in sorted(disc.root.rglob("*")):
            if path.is_file():
                out.write(path, path.relative_to(disc.root).as_posix())
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as read:
        info = read.getinfo("DICOMDIR")
    name_len, extra_len = struct.unpack(
        "<HH", data[info.header_offset + 26 : info.header_offset + 30]
    )
    start = info.header_offset + 30 + name_len + extra_len
    for offset in range(start + 8, start + info.compress_size - 8, 7):
        data[offset] ^= 0x5A
    archive.write_bytes(bytes(data))
    return archive


@pytest.mark.parametrize(
    "method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_LZMA], ids=["deflate", "lzma"]
)
def test_a_corrupt_dicomdir_member_is_one_problem_and_the_images_are_imported(
    disc: Disc, tmp_path: Path, method: int
) -> None:
    archive = _zip_with_damaged_dicomdir(disc, tmp_path / "disc.zip", method)
    paths = _paths(tmp_path)
    report = import_source(archive, paths=paths, engine=open_catalog(paths))
    dicomdir_lines = [p for p in report.problems if p.path == "DICOMDIR"]
    assert len(dicomdir_lines) == 1, report.problems
    assert "the files were scanned instead" in dicomdir_lines[0].reason
    assert report.instances_added == len(disc.instances)
    assert _run_statuses(paths) == ["problems"]


def test_on_the_command_line_it_is_exit_3_without_a_traceback(
    disc: Disc, tmp_path: Path, home: Path
) -> None:
    archive = _zip_with_damaged_dicomdir(disc, tmp_path / "disc.zip", zipfile.ZIP_DEFLATED)
    result = CliRunner().invoke(cli, ["import", str(archive)])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output and "DICOMDIR" in result.output


def test_a_zip_bomb_member_is_refused_and_the_rest_imported(disc: Disc, tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for path in sorted(disc.root.rglob("*")):
            if path.is_file():
                out.write(path, path.relative_to(disc.root).as_posix())
        out.writestr("BOMB/IM0001", b"\0" * (20 << 20))  # about 1,000 times smaller packed
    paths = _paths(tmp_path)
    report = import_source(archive, paths=paths, engine=open_catalog(paths))
    bomb = [p for p in report.problems if p.path == "BOMB/IM0001"]
    assert len(bomb) == 1 and "ZIP bomb" in bomb[0].reason
    assert report.instances_added == len(disc.instances)


def test_many_small_members_expanding_past_the_total_limit_are_left_out(tmp_path: Path) -> None:
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for n in range(40):
            out.writestr(f"F{n:03d}", b"\0" * (900 << 10))  # each under the per-member floor
    source = sources.open_source(archive)
    kept = list(source.walk())
    assert 0 < len(kept) < 40
    assert sum(entry.size for entry in kept) <= max(archive.stat().st_size * 100, 1 << 20)
    assert [p.relpath for p in source.problems] == ["."]
    assert "ZIP bomb" in source.problems[0].reason
    source.close()


def _raw_dicomdir(records: int, file_id: str = "GONE\\F{n:07d}") -> bytes:
    """A DICOMDIR with ``records`` IMAGE records naming ``file_id`` (not on the disc)."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.1.3.10"
    meta.MediaStorageSOPInstanceUID = "1.2.826.0.1.3680043.10.99.1"
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    head = io.BytesIO()
    head.write(b"\0" * 128 + b"DICM")
    write_file_meta_info(head, meta, enforce_standard=True)
    body = bytearray(b"\x04\x00\x20\x12SQ\0\0\xff\xff\xff\xff")

    def cs(element: int, text: str) -> bytes:
        value = text.encode("ascii")
        value += b" " * (len(value) % 2)
        return struct.pack("<HH", 0x0004, element) + b"CS" + struct.pack("<H", len(value)) + value

    image = cs(0x1430, "IMAGE")
    for n in range(records):
        item = image + cs(0x1500, file_id.format(n=n))
        body += b"\xfe\xff\x00\xe0" + struct.pack("<I", len(item)) + item
    body += b"\xfe\xff\xdd\xe0\0\0\0\0"
    return head.getvalue() + bytes(body)


def test_thousands_of_missing_references_are_summarised(
    disc: Disc, tmp_path: Path, home: Path
) -> None:
    (disc.root / "DICOMDIR").write_bytes(_raw_dicomdir(2000))
    assert len(pydicom.dcmread(disc.root / "DICOMDIR").DirectoryRecordSequence) == 2000
    result = CliRunner().invoke(cli, ["import", str(disc.root)])
    assert result.exit_code == 3
    lines = result.output.splitlines()
    missing = [line for line in lines if "missing on the disc" in line]
    assert len(missing) == 201, result.output  # 200 listed, then one summary
    assert "and 1,800 more like this: listed in DICOMDIR but missing on the disc" in missing[-1]
    assert "2,000 problems:" in result.output
    data = CliRunner().invoke(cli, ["import", str(disc.root), "--json"]).output
    assert '"problem_count": 2000' in data and '"more_like_this": 1800' in data


def test_a_huge_dicomdir_is_not_parsed_and_the_files_are_scanned(
    disc: Disc, tmp_path: Path
) -> None:
    (disc.root / "DICOMDIR").write_bytes(_raw_dicomdir(60_000))
    paths = _paths(tmp_path)
    report = import_source(disc.root, paths=paths, engine=open_catalog(paths))
    assert [p.path for p in report.problems] == ["DICOMDIR"]
    assert "60,000 records" in report.problems[0].reason
    assert report.instances_added == len(disc.instances)


def test_the_problem_collector_bounds_lines_and_reasons() -> None:
    from mammolog.services.import_report import ProblemCollector, ProblemLine

    collector = ProblemCollector(listed_per_reason=2, max_reasons=3)
    for n in range(5):
        collector.append(ProblemLine(f"a{n}", "same"))
    collector.extend(ProblemLine(f"b{n}", f"reason {n}") for n in range(6))
    lines = collector.lines()
    assert len(collector) == 11 and collector
    assert [(p.path, p.more_like_this) for p in lines if p.reason == "same"] == [
        ("a0", 0),
        ("a1", 0),
        ("", 3),
    ]
    assert [p.more_like_this for p in lines if p.reason == "other problems"] == [4]


def test_a_folder_swapped_for_a_link_during_the_import_lets_nothing_in(tmp_path: Path) -> None:
    disc = build_dicomdir_disc(tmp_path / "disc", study_specs("INSIDE^ONLY", "P-IN", ("20200101",)))
    outside = build_dicomdir_disc(
        tmp_path / "outside", study_specs("OUTSIDE^SECRET", "P-OUT", ("20100101",))
    )
    folders = sorted({relpath.split("/")[0] for relpath in disc.instances})
    first_files = sorted(disc.instances)
    victim = first_files[-1].rsplit("/", 1)[0]  # the folder of the last file walked
    paths = _paths(tmp_path)
    swapped: list[bool] = []

    def swap_after_the_first_file(done: int, *_rest: int) -> None:
        if done == 1 and not swapped:
            real = disc.root / victim
            real.rename(disc.root / "moved-away")
            (disc.root / victim).symlink_to(outside.root / victim, target_is_directory=True)
            swapped.append(True)

    (outside.root / victim).mkdir(parents=True, exist_ok=True)
    for relpath in disc.instances:
        if relpath.startswith(victim + "/"):
            twin = outside.root / relpath
            twin.write_bytes((outside.root / sorted(outside.instances)[0]).read_bytes())
    report = import_source(
        disc.root, paths=paths, engine=open_catalog(paths), progress=swap_after_the_first_file
    )
    assert swapped and folders
    with sqlite3.connect(paths.database) as connection:
        names = {row[0] for row in connection.execute("SELECT patient_name FROM patientidentity")}
    assert not any("OUTSIDE" in name for name in names), names
    assert any("link" in p.reason for p in report.problems), report.problems


def test_a_link_to_a_folder_inside_the_source_is_still_followed(tmp_path: Path) -> None:
    root = tmp_path / "disc"
    (root / "real" / "deep").mkdir(parents=True)
    (root / "real" / "deep" / "IM1").write_bytes(b"inside")
    (root / "alias").symlink_to(root / "real", target_is_directory=True)
    with sources.open_source(root) as source:
        walked = {entry.relpath for entry in source.walk()}
        assert walked == {"alias/deep/IM1"}  # the folder is walked once, by its first name
        with source.open("alias/deep/IM1") as stream:
            assert stream.read() == b"inside"
    (root / "alias").rename(root / "zlink")
    with sources.open_source(root) as source:
        assert {entry.relpath for entry in source.walk()} == {"real/deep/IM1"}
        with source.open("real/deep/IM1") as stream:
            assert stream.read() == b"inside"


@pytest.mark.parametrize("step", ["known_instances", "totals"])
def test_a_catalog_failure_at_any_step_ends_the_run(
    disc: Disc, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    from sqlalchemy.exc import OperationalError

    from mammolog.services.import_catalog import CatalogWriter
    from mammolog.services.importer import ImportFailed

    def broken(*_args: object) -> None:
        raise OperationalError("SELECT", {}, sqlite3.OperationalError("disk I/O error"))

    monkeypatch.setattr(CatalogWriter, step, broken)
    paths = _paths(tmp_path)
    with pytest.raises(ImportFailed):
        import_source(disc.root, paths=paths, engine=open_catalog(paths))
    assert _run_statuses(paths) == ["failed"]
    assert not list(paths.incoming_dir.iterdir())


def test_nested_indexes_together_are_bounded_too(
    disc: Disc, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mammolog.dicom import dicomdir_reader

    monkeypatch.setattr(dicomdir_reader, "MAX_TOTAL_ITEMS", 3_500)
    (disc.root / "DICOMDIR").write_bytes(_raw_dicomdir(5, "S{n}\\DIRFILE"))
    for n in range(5):
        (disc.root / f"S{n}").mkdir()
        (disc.root / f"S{n}" / "DIRFILE").write_bytes(_raw_dicomdir(1000, f"S{n}\\GONE{{n}}"))
    paths = _paths(tmp_path)
    report = import_source(disc.root, paths=paths, engine=open_catalog(paths))
    refused = [p for p in report.problems if "together the disc's indexes" in p.reason]
    assert [p.path for p in refused] == ["S3/DIRFILE", "S4/DIRFILE"], report.problems[:5]
    assert report.instances_added == len(disc.instances)
