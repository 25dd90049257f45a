"""Crash consistency of a results edit (assess) and of attaching a document."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlmodel import select

from mammolog.catalog.db import read_session
from mammolog.catalog.migrate import open_catalog
from mammolog.catalog.results_models import AssessmentRow, Attachment
from mammolog.paths import AppPaths
from mammolog.services.attachments import attach_file
from mammolog.services.results import assess
from mammolog.services.verify import verify_library
from tests.trust.crash import choose_points, count_sites, run_killed, wanted_points
from tests.trust.homes import make_home

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("results")
    home = make_home(root / "home", studies=2, size=2048)
    assess(home.engine, home.study_uids[1], right="1", left="2")
    home.engine.dispose()
    return root / "home", home.study_uids[1]


def _assess_work(home: Path, uid: str) -> object:
    def work() -> None:
        assess(open_catalog(AppPaths.under_home(home)), uid, right="4a", note="biopsy advised")

    return work


def _current(home: Path, uid: str) -> list[tuple[str | None, str | None]]:
    from mammolog.services.studies import resolve_study

    engine = open_catalog(AppPaths.under_home(home))
    try:
        with read_session(engine) as session:
            study = resolve_study(session, uid)
            rows = session.exec(
                select(AssessmentRow).where(AssessmentRow.study_pk == study.pk)
            ).all()
            return [(row.right, row.left) for row in rows if row.superseded_at is None]
    finally:
        engine.dispose()


def test_assess_killed_anywhere_keeps_exactly_one_current_result(
    base: tuple[Path, str], tmp_path: Path
) -> None:
    home, uid = base
    probe = tmp_path / "probe"
    shutil.copytree(home, probe)
    counts = count_sites(_assess_work(probe, uid), tmp_path / "c.json")
    assert _current(probe, uid) == [("4A", "2")]
    points = choose_points(counts, wanted_points(20))
    bad: dict[str, object] = {}
    for index, point in enumerate(points):
        copy = tmp_path / f"a{index}"
        shutil.copytree(home, copy)
        assert run_killed(_assess_work(copy, uid), point) in (-9, 0)
        current = _current(copy, uid)
        if current not in ([("1", "2")], [("4A", "2")]):
            bad[str(point)] = current
        shutil.rmtree(copy)
    print(f"\nassess kill points tried: {len(points)}, inconsistent: {len(bad)}; sites: {counts}")
    assert len(points) >= min(10, sum(counts.values()))
    assert not bad, bad


def _attach_work(home: Path, uid: str, document: Path) -> object:
    def work() -> None:
        paths = AppPaths.under_home(home)
        attach_file(open_catalog(paths), paths, uid, document)

    return work


def test_attach_killed_anywhere_leaves_no_half_file_registered(
    base: tuple[Path, str], tmp_path: Path
) -> None:
    home, uid = base
    document = tmp_path / "letter.pdf"
    document.write_bytes(b"%PDF-1.4\n" + os.urandom(3 << 20))  # several write calls
    probe = tmp_path / "probe"
    shutil.copytree(home, probe)
    counts = count_sites(_attach_work(probe, uid, document), tmp_path / "c.json")
    points = choose_points(counts, wanted_points(20))
    bad: dict[str, list[str]] = {}
    for index, point in enumerate(points):
        copy = tmp_path / f"t{index}"
        shutil.copytree(home, copy)
        assert run_killed(_attach_work(copy, uid, document), point) in (-9, 0)
        paths = AppPaths.under_home(copy)
        engine = open_catalog(paths)
        found = [f"{p.kind} {p.path}" for p in verify_library(paths, engine).problems
                 if p.kind != "incomplete" and not p.path.startswith("attachments/")]  # fmt: skip
        attach_file(engine, paths, uid, document)  # doing it again completes the work
        with read_session(engine) as session:
            rows = session.exec(select(Attachment)).all()
        if len(rows) != 2:
            found.append(f"{len(rows)} attachments after the re-run")
        final = verify_library(paths, engine)
        found.extend(f"after re-run: {p.kind} {p.path}" for p in final.problems
                     if p.kind != "incomplete")  # fmt: skip
        engine.dispose()
        if found:
            bad[str(point)] = found
        shutil.rmtree(copy)
    print(f"\nattach kill points tried: {len(points)}, inconsistent: {len(bad)}; sites: {counts}")
    assert not bad, bad


def test_attach_leftovers_are_cleaned_by_the_next_run(
    base: tuple[Path, str], tmp_path: Path
) -> None:
    from tests.trust.crash import KillPoint

    home, uid = base
    document = tmp_path / "letter.pdf"
    document.write_bytes(b"%PDF-1.4\n" + os.urandom(3 << 20))
    copy = tmp_path / "copy"
    shutil.copytree(home, copy)
    assert run_killed(_attach_work(copy, uid, document), KillPoint("buffered-write", 2)) == -9
    paths = AppPaths.under_home(copy)
    engine = open_catalog(paths)
    attach_file(engine, paths, uid, document)
    assert verify_library(paths, engine).clean
