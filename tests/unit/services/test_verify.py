"""verify: re-hashes registered files and finds missing, corrupt, stray and incomplete files."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from mammolog.catalog.db import write_session
from mammolog.catalog.migrate import open_catalog
from mammolog.catalog.models import Instance, PatientIdentity, Person, Series, Study
from mammolog.paths import AppPaths
from mammolog.services.verify import verify_library


def register(paths: AppPaths, files: dict[str, bytes]) -> None:
    engine = open_catalog(paths)
    now = datetime.now(UTC)
    with write_session(engine) as session:
        person = Person(display_name="Test", created_at=now)
        session.add(person)
        session.flush()
        identity = PatientIdentity(person_id=person.id or 0, created_at=now)
        session.add(identity)
        session.flush()
        study = Study(study_uid="1.2.3", identity_id=identity.id or 0, created_at=now)
        session.add(study)
        session.flush()
        series = Series(series_uid="1.2.3.1", study_pk=study.id or 0)
        session.add(series)
        session.flush()
        for index, (relpath, content) in enumerate(files.items()):
            target = paths.library_dir / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            session.add(
                Instance(
                    series_pk=series.id or 0,
                    sop_instance_uid=f"1.2.3.1.{index}",
                    size=len(content),
                    sha256=hashlib.sha256(content).hexdigest(),
                    library_path=relpath,
                )
            )


def test_clean_library(tmp_path: Path) -> None:
    paths = AppPaths.under_home(tmp_path / "h")
    register(paths, {"a/one": b"1" * 100, "a/two": b"2" * 50})
    report = verify_library(paths, open_catalog(paths))
    assert report.clean
    assert (report.files_checked, report.bytes_checked) == (2, 150)


def test_each_kind_of_problem_is_reported(tmp_path: Path) -> None:
    paths = AppPaths.under_home(tmp_path / "h")
    register(paths, {"a/one": b"1" * 100, "a/two": b"2" * 50, "a/three": b"3" * 10})
    (paths.library_dir / "a/one").unlink()
    (paths.library_dir / "a/two").write_bytes(b"X" * 50)
    (paths.library_dir / "a/three").write_bytes(b"3" * 11)
    (paths.library_dir / "stray.dcm").write_bytes(b"?")
    (paths.incoming_dir / "half.tmp").write_bytes(b"?")
    report = verify_library(paths, open_catalog(paths))
    kinds = sorted((p.kind, p.path) for p in report.problems)
    assert kinds == [
        ("corrupt", "a/three"),
        ("corrupt", "a/two"),
        ("incomplete", ".incoming/half.tmp"),
        ("missing", "a/one"),
        ("stray", "stray.dcm"),
    ]
    assert not report.clean
    assert report.as_json()["missing"] == 1
