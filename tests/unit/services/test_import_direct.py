"""Large files are copied with direct writes where the file system allows it, and with
ordinary writes where it does not (tmpfs); either way the bytes and the hash are exact."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

import pytest

from mammolog.catalog.migrate import open_catalog
from mammolog.dicom.synth import InstanceSpec, write_instance
from mammolog.paths import AppPaths
from mammolog.services import import_files
from mammolog.services.importer import import_source
from mammolog.services.verify import verify_library


def _disc(root: Path) -> list[Path]:
    # 2,100 x 2,100 16-bit: about 8.8 MB, more than two 4 MB chunks with a ragged tail.
    return [
        write_instance(
            root / f"IM{n}",
            InstanceSpec(rows=2100, columns=2100, instance_number=n, laterality=side, seed=n),
        )  # fmt: skip
        for n, side in ((1, "R"), (2, "L"))
    ]


def _library_copies_match(home: Path, sources: list[Path]) -> None:
    paths = AppPaths.under_home(home)
    engine = open_catalog(paths)
    report = import_source(sources[0].parent, paths=paths, engine=engine)
    assert report.complete and report.instances_added == len(sources)
    stored = {p.read_bytes() for p in (paths.library_dir / "objects").rglob("*.dcm")}
    assert stored == {s.read_bytes() for s in sources}
    for source in sources:
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        assert (paths.library_dir / import_files.library_relpath(digest)).is_file()
    assert verify_library(paths, engine).clean


def test_large_files_on_an_ordinary_file_system(tmp_path: Path) -> None:
    _library_copies_match(tmp_path / "home", _disc(tmp_path / "disc"))


def test_large_files_where_direct_writes_are_refused(tmp_path: Path) -> None:
    shm = Path("/dev/shm")
    if not shm.is_dir():
        pytest.skip("no tmpfs at /dev/shm to refuse direct writes")
    home = Path(tempfile.mkdtemp(prefix="mammolog-test-", dir=shm))
    try:
        _library_copies_match(home, _disc(tmp_path / "disc"))
    finally:
        shutil.rmtree(home, ignore_errors=True)


def test_a_rejected_direct_write_is_written_again_buffered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file system that accepts O_DIRECT at open but refuses a write (EINVAL)."""
    import errno
    import fcntl
    import os

    real_write_all = import_files._write_all
    refused = {"count": 0}

    def picky_write_all(handle: object, data: bytes | memoryview) -> None:
        flags = fcntl.fcntl(handle.fileno(), fcntl.F_GETFL)  # type: ignore[attr-defined]
        if flags & getattr(os, "O_DIRECT", 0) and refused["count"] < 1:
            refused["count"] += 1
            raise import_files.StorageError("refused") from OSError(errno.EINVAL, "Invalid")
        real_write_all(handle, data)  # type: ignore[arg-type]

    monkeypatch.setattr(import_files, "_write_all", picky_write_all)
    _library_copies_match(tmp_path / "home", _disc(tmp_path / "disc"))
    if not getattr(os, "O_DIRECT", 0):
        pytest.skip("this platform has no direct writes")
    assert refused["count"] == 1  # the direct path was taken, refused, and recovered
