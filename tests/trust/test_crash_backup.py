"""A backup or restore killed with SIGKILL anywhere: no half archive or half home under the
chosen name, and the next run removes what the killed one left beside it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mammolog.paths import AppPaths
from mammolog.services.backup import backup_home, restore_archive
from tests.trust.crash import choose_points, count_sites, run_killed, wanted_points
from tests.trust.homes import Home, make_home


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> tuple[Home, Path]:
    root = tmp_path_factory.mktemp("backup-crash")
    home = make_home(root / "home", studies=2, size=200_000)
    home.engine.dispose()
    archive = root / "good.tar"
    backup_home(home.paths, archive)
    return home, archive


def _leftovers(folder: Path, marker: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if marker in p.name)


def _backup(home: Home, out: Path) -> Callable[[], object]:
    return lambda: backup_home(home.paths, out, overwrite=True)


def test_backup_killed_anywhere_leaves_no_half_archive(
    scene: tuple[Home, Path], tmp_path: Path
) -> None:
    home, _archive = scene
    (tmp_path / "probe").mkdir()
    counts = count_sites(_backup(home, tmp_path / "probe" / "b.tar"), tmp_path / "c.json")
    points = choose_points(counts, wanted_points(12))
    bad: dict[str, list[str]] = {}
    for index, point in enumerate(points):
        folder = tmp_path / f"usb{index}"
        folder.mkdir()
        out = folder / "b.tar"
        assert run_killed(_backup(home, out), point) in (-9, 0)
        found = []
        if out.exists():
            try:
                restore_archive(out, AppPaths.under_home(folder / "check"))
            except Exception as error:  # noqa: BLE001 - any failure is the finding
                found.append(f"a half archive under the chosen name: {error}")
        _backup(home, out)()  # the next run
        if _leftovers(folder, ".mammolog-backup-"):
            found.append(f"the next run left {_leftovers(folder, '.mammolog-backup-')}")
        if found:
            bad[str(point)] = found
        shutil.rmtree(folder)
    assert len(points) >= min(12, sum(counts.values()))
    assert not bad, bad


def _restore(archive: Path, target: Path) -> Callable[[], object]:
    return lambda: restore_archive(archive, AppPaths.under_home(target))


def test_restore_killed_anywhere_leaves_no_half_home(
    scene: tuple[Home, Path], tmp_path: Path
) -> None:
    _home, archive = scene
    (tmp_path / "probe").mkdir()
    counts = count_sites(_restore(archive, tmp_path / "probe" / "home"), tmp_path / "c.json")
    points = choose_points(counts, wanted_points(12))
    bad: dict[str, list[str]] = {}
    for index, point in enumerate(points):
        folder = tmp_path / f"disk{index}"
        folder.mkdir()
        target = folder / "restored"
        assert run_killed(_restore(archive, target), point) in (-9, 0)
        found = []
        if target.exists() and not (target / "catalog.sqlite").is_file():
            found.append("a half home under the chosen name")
        if not target.exists():
            _restore(archive, target)()  # the next run
            if not (target / "catalog.sqlite").is_file():
                found.append("the next run did not restore")
        else:
            shutil.rmtree(target)
            _restore(archive, target)()
        if _leftovers(folder, ".restore-"):
            found.append(f"the next run left {_leftovers(folder, '.restore-')}")
        if found:
            bad[str(point)] = found
        shutil.rmtree(folder)
    assert len(points) >= min(12, sum(counts.values()))
    assert not bad, bad
