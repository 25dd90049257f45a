"""Crash consistency of the import: SIGKILL at many points, then check and re-run.

``MAMMOLOG_CRASH_POINTS`` sets how many kill points to try (default 50).
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import select

from mammolog.catalog.db import read_session
from mammolog.catalog.migrate import open_catalog
from mammolog.catalog.models import Instance
from mammolog.catalog.queries import all_registered_files
from mammolog.paths import AppPaths
from mammolog.services import importer
from mammolog.services.attachments import attach_file
from mammolog.services.importer import import_source
from mammolog.services.results import assess, assessment_history
from mammolog.services.verify import VerifyProblem, verify_library
from tests.fixtures_discs import add_junk, build_dicomdir_disc, study_specs
from tests.trust.crash import choose_points, count_sites, run_killed, wanted_points

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs fork")


@dataclass(frozen=True)
class Baseline:
    """A home with a first disc imported, an assessment and an attachment."""

    home: Path
    files: frozenset[tuple[str, str]]
    study_uid: str
    expected_uids: frozenset[str]


def _uids(paths: AppPaths) -> list[str]:
    engine = open_catalog(paths)
    try:
        with read_session(engine) as session:
            return list(session.exec(select(Instance.sop_instance_uid)).all())
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> tuple[Baseline, Path]:
    root = tmp_path_factory.mktemp("crash")
    first = build_dicomdir_disc(root / "disc-a", study_specs("NOWAK^ANNA", "P-A", ("20180101",)))
    specs = study_specs("NOWAK^ANNA", "P-A", ("20200202", "20220303"))
    specs[0] = specs[0].with_(rows=640, columns=1000)  # files larger than one copy chunk
    specs[5] = specs[5].with_(rows=700, columns=900)
    second = build_dicomdir_disc(root / "disc-b", specs)
    add_junk(second)
    shutil.copy(next(iter(sorted((root / "disc-a").rglob("IM*")))), root / "disc-b" / "COPY1")
    paths = AppPaths.under_home(root / "home")
    engine = open_catalog(paths)
    import_source(first.root, paths=paths, engine=engine)
    report_file = root / "report.txt"
    report_file.write_text("Screening: BI-RADS 1.\n", encoding="utf-8")
    uid = _study_uid(engine)
    assess(engine, uid, right="1", left="1")
    attach_file(engine, paths, uid, report_file)
    with read_session(engine) as session:
        files = frozenset((p, d) for p, d, _s in all_registered_files(session))
    engine.dispose()
    expected = frozenset(first.sop_uids | second.sop_uids)
    return Baseline(paths.data_dir, files, uid, expected), second.root


def _study_uid(engine: object) -> str:
    from mammolog.catalog.models import Study

    with read_session(engine) as session:  # type: ignore[arg-type]
        study = session.exec(select(Study)).first()
        assert study is not None
        return study.study_uid


def _import_work(home: Path, disc: Path) -> object:
    def work() -> None:
        importer.BATCH_FILES = 3  # several catalog batches on a tiny disc
        paths = AppPaths.under_home(home)
        import_source(disc, paths=paths, engine=open_catalog(paths))

    return work


def _complete_object(paths: AppPaths, problem: VerifyProblem) -> bool:
    """A published file not yet registered: named by its own SHA-256 and complete."""
    file_path = paths.library_dir / problem.path
    digest = hashlib.sha256(file_path.read_bytes()).hexdigest()
    return problem.path.startswith("objects/") and file_path.stem == digest


def check_after_crash(home: Path, baseline: Baseline, disc: Path) -> list[str]:
    """Every inconsistency found after a crash and after the re-run (empty when all is well)."""
    found: list[str] = []
    paths = AppPaths.under_home(home)
    engine = open_catalog(paths)
    try:
        report = verify_library(paths, engine)
        for problem in report.problems:
            if problem.kind == "incomplete":
                continue
            if problem.kind == "stray" and _complete_object(paths, problem):
                continue
            found.append(f"after crash: {problem.kind} {problem.path}: {problem.reason}")
        with read_session(engine) as session:
            now = {(p, d) for p, d, _s in all_registered_files(session)}
        lost = baseline.files - now
        found.extend(f"after crash: lost {path}" for path, _ in lost)
        history = assessment_history(engine, baseline.study_uid)
        if not history or history[-1]["right"] != "1":
            found.append("after crash: the earlier assessment is gone")

        rerun = import_source(disc, paths=paths, engine=engine)
        if rerun.cancelled or any("conflict" in p.reason for p in rerun.problems):
            found.append(f"re-run: {rerun.problems}")
        final = verify_library(paths, engine)
        found.extend(f"after re-run: {p.kind} {p.path}: {p.reason}" for p in final.problems)
    finally:
        engine.dispose()
    uids = _uids(paths)
    if set(uids) != baseline.expected_uids:
        found.append(f"after re-run: {len(set(uids))} objects, want {len(baseline.expected_uids)}")
    if len(uids) != len(set(uids)):
        found.append("after re-run: an object is registered twice")
    return found


def test_import_killed_at_many_points_never_loses_or_corrupts(
    scene: tuple[Baseline, Path], tmp_path: Path
) -> None:
    baseline, disc = scene
    probe = tmp_path / "probe"
    shutil.copytree(baseline.home, probe)
    counts = count_sites(_import_work(probe, disc), tmp_path / "counts.json")
    points = choose_points(counts, wanted_points(50))
    assert len(points) >= min(50, wanted_points(50)), counts
    killed = 0
    inconsistencies: dict[str, list[str]] = {}
    for index, point in enumerate(points):
        home = tmp_path / f"h{index}"
        shutil.copytree(baseline.home, home)
        code = run_killed(_import_work(home, disc), point)
        assert code in (-9, 0), f"{point}: exit {code}"
        killed += code == -9
        found = check_after_crash(home, baseline, disc)
        if found:
            inconsistencies[str(point)] = found
        shutil.rmtree(home)
    print(f"\nimport kill points tried: {len(points)}, killed: {killed}, "
          f"inconsistent: {len(inconsistencies)}; sites: {counts}")  # fmt: skip
    assert killed >= len(points) * 0.9
    assert not inconsistencies, inconsistencies


def test_a_completed_import_checks_clean(scene: tuple[Baseline, Path], tmp_path: Path) -> None:
    baseline, disc = scene
    home = tmp_path / "h"
    shutil.copytree(baseline.home, home)
    assert check_after_crash(home, baseline, disc) == []
    # The checker can fail: a damaged registered file is reported.
    paths = AppPaths.under_home(home)
    victim = sorted(baseline.files)[0][0]
    (paths.library_dir / victim).write_bytes(b"damaged")
    assert any("corrupt" in line for line in check_after_crash(home, baseline, disc))
