"""Crash consistency of the media export: SIGKILL at many points, then check and re-run."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydicom.fileset import FileSet

from mammolog.catalog.migrate import open_catalog
from mammolog.paths import AppPaths
from mammolog.services.export import export_media
from mammolog.services.importer import import_source
from mammolog.services.verify import verify_library
from tests.fixtures_discs import build_dicomdir_disc, study_specs
from tests.trust.crash import choose_points, count_sites, run_killed, wanted_points

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
TODAY = date(2025, 6, 1)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[str, ...]]:
    """Two persons' studies: exported together, the media carries no summary PDF (fast)."""
    root = tmp_path_factory.mktemp("export")
    paths = AppPaths.under_home(root / "home")
    engine = open_catalog(paths)
    for name, pid in (("LIS^EWA", "P-L"), ("KOT^ALA", "P-K")):
        disc = build_dicomdir_disc(root / pid, study_specs(name, pid, ("20210101",)))
        assert import_source(disc.root, paths=paths, engine=engine).instances_added == 4
    uids = tuple(s.study_uid for s in _studies(engine))
    engine.dispose()
    return paths.data_dir, uids


def _studies(engine: object) -> list[Any]:
    from sqlmodel import select

    from mammolog.catalog.db import read_session
    from mammolog.catalog.models import Study

    with read_session(engine) as session:  # type: ignore[arg-type]
        return list(session.exec(select(Study)).all())


def _export_work(scene: tuple[Path, tuple[str, ...]], out: Path, force: bool = False) -> Any:
    def work() -> None:
        paths = AppPaths.under_home(scene[0])
        export_media(open_catalog(paths), paths, out, today=TODAY, force=force,
                     study_refs=scene[1])  # fmt: skip

    return work


def _complete(out: Path) -> bool:
    return (out / "DICOMDIR").is_file() and len(FileSet(out / "DICOMDIR")) == 8


def test_export_killed_anywhere_leaves_no_half_media_and_the_home_intact(
    home: tuple[Path, tuple[str, ...]], tmp_path: Path
) -> None:
    (tmp_path / "probe").mkdir()
    counts = count_sites(_export_work(home, tmp_path / "probe" / "MAMMO"), tmp_path / "c.json")
    points = choose_points(counts, wanted_points(20))
    bad: dict[str, list[str]] = {}
    partial_left = 0
    for index, point in enumerate(points):
        parent = tmp_path / f"usb{index}"
        parent.mkdir()
        out = parent / "MAMMO"
        assert run_killed(_export_work(home, out), point) in (-9, 0)
        found = []
        if out.exists() and not _complete(out):
            found.append("a half-written media folder under the chosen name")
        partial_left += any(p.name.startswith(".MAMMO.partial-") for p in parent.iterdir())
        _export_work(home, out, force=True)()  # the re-run, here
        if not _complete(out):
            found.append("the re-run did not complete the media")
        if any(p.name.startswith(".MAMMO.partial-") for p in parent.iterdir()):
            found.append("the re-run left the killed export's staging folder of patient files")
        if found:
            bad[str(point)] = found
        shutil.rmtree(parent)
    paths = AppPaths.under_home(home[0])
    engine = open_catalog(paths)
    assert verify_library(paths, engine).clean  # the library was only read
    engine.dispose()
    print(f"\nexport kill points tried: {len(points)}, inconsistent: {len(bad)}, "
          f"staging folders left beside the target: {partial_left}; sites: {counts}")  # fmt: skip
    assert len(points) >= min(20, sum(counts.values()))
    assert not bad, bad
