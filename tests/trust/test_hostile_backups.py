"""Crafted backup archives: every kind of damaged manifest or catalog is refused in one line,
and the target is never created."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest

from mammolog.paths import AppPaths
from mammolog.services.backup import BackupError, restore_archive


def _archive(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def _entry(name: str, data: bytes) -> dict[str, object]:
    return {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _manifest(files: object) -> bytes:
    return json.dumps({"format": "mammolog-backup", "format_version": 1, "files": files}).encode()


NOT_A_DB = b"this is not a database at all" * 10

CASES = {
    "manifest-not-json": ({"catalog.sqlite": NOT_A_DB, "manifest.json": b"{no"}, "not valid JSON"),
    "manifest-foreign": (
        {"catalog.sqlite": NOT_A_DB, "manifest.json": b'{"format": "other"}'},
        "not a mammolog backup",
    ),
    "manifest-lists-nothing": (
        {"catalog.sqlite": NOT_A_DB, "manifest.json": _manifest("none")},
        "lists no files",
    ),
    "manifest-entry-damaged": (
        {"catalog.sqlite": NOT_A_DB, "manifest.json": _manifest([{"path": "catalog.sqlite"}])},
        "entry is damaged",
    ),
    "catalog-not-a-database": (
        {
            "catalog.sqlite": NOT_A_DB,
            "manifest.json": _manifest([_entry("catalog.sqlite", NOT_A_DB)]),
        },
        "catalog cannot be read",
    ),  # fmt: skip
    "many-mismatches": (
        {
            "catalog.sqlite": NOT_A_DB,
            **{f"library/f{n}": b"x" for n in range(5)},
            "manifest.json": _manifest(
                [
                    _entry("catalog.sqlite", NOT_A_DB),
                    *(_entry(f"library/f{n}", b"y") for n in range(5)),
                ]
            ),
        },
        "hash check failed for 5 files: ",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_crafted_archive_is_refused_and_nothing_is_created(tmp_path: Path, case: str) -> None:
    members, expected = CASES[case]
    archive = _archive(tmp_path / "crafted.tar", members)
    target = tmp_path / "restored"
    with pytest.raises(BackupError) as raised:
        restore_archive(archive, AppPaths.under_home(target))
    assert expected in str(raised.value)
    assert "\n" not in str(raised.value)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crafted.tar"]


def test_more_than_three_mismatches_are_counted_not_all_listed(tmp_path: Path) -> None:
    members, _expected = CASES["many-mismatches"]
    archive = _archive(tmp_path / "crafted.tar", members)
    with pytest.raises(BackupError, match=r"\(and 2 more\)"):
        restore_archive(archive, AppPaths.under_home(tmp_path / "restored"))
