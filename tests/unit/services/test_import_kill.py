"""An import killed with SIGKILL at the worst moments, then run again: catalog and library agree."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import select

from mammolog.catalog.db import read_session
from mammolog.catalog.migrate import open_catalog
from mammolog.catalog.models import Instance
from mammolog.dicom import synth
from mammolog.paths import AppPaths
from mammolog.services.importer import import_source
from mammolog.services.verify import verify_library

REPO = Path(__file__).resolve().parents[3]

# The child imports with small batches and stops forever at the chosen point after writing a
# marker file; the test kills it there with SIGKILL.
CHILD = r"""
import sys, time
from pathlib import Path
from mammolog.catalog.migrate import open_catalog
from mammolog.paths import AppPaths
from mammolog.services import import_catalog, import_files, importer

source, home, point, marker = sys.argv[1:5]
importer.BATCH_FILES = 3
calls = {"n": 0}

def stop_here():
    calls["n"] += 1
    if calls["n"] == 2:
        Path(marker).write_text("ready")
        time.sleep(600)

if point == "between-files":
    real = importer.import_entry
    def hooked(run, entry):
        stop_here()
        return real(run, entry)
    importer.import_entry = hooked
elif point == "before-register":
    real_register = import_catalog.CatalogWriter.register
    def hooked_register(self, pending, relpaths):
        stop_here()
        return real_register(self, pending, relpaths)
    import_catalog.CatalogWriter.register = hooked_register
elif point == "mid-copy":
    real_stage = import_files.Stager.stage_stream
    def hooked_stage(self, first, stream):
        class Slow:
            def __init__(self, inner):
                self.inner = inner
            def readinto(self, buffer):
                stop_here()
                return self.inner.readinto(buffer)
        return real_stage(self, first, Slow(stream))
    import_files.Stager.stage_stream = hooked_stage
paths = AppPaths.under_home(Path(home))
importer.import_source(Path(source), paths=paths, engine=open_catalog(paths))
"""


def _disc(root: Path) -> set[str]:
    uids = set()
    for n in range(9):
        # Every third file is larger than the in-memory limit, so it is streamed.
        rows = 1024 if n % 3 == 0 else 16
        spec = synth.InstanceSpec(
            instance_number=n + 1, rows=rows, columns=600 if rows > 16 else 12, seed=n
        )
        synth.write_instance(root / f"IM{n:04d}", spec)
        uids.add(synth.build_dataset(spec.with_(rows=1, columns=1)).SOPInstanceUID)
    return uids


@pytest.mark.parametrize("point", ["between-files", "before-register", "mid-copy"])
def test_sigkill_then_rerun_completes(tmp_path: Path, point: str) -> None:
    uids = _disc(tmp_path / "disc")
    home = tmp_path / "home"
    marker = tmp_path / "marker"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path / "disc"), str(home), point, str(marker)],
        env=env,
    )
    try:
        deadline = time.monotonic() + 120  # generous: CI machines can be busy
        while time.monotonic() < deadline:
            if marker.exists() or child.poll() is not None:
                break
            time.sleep(0.05)
        assert marker.exists(), "the import never reached the kill point"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    paths = AppPaths.under_home(home)
    engine = open_catalog(paths)
    with read_session(engine) as session:
        rows = session.exec(select(Instance)).all()
    # Whatever was registered is complete and correct on disk.
    for row in rows:
        data = (paths.library_dir / row.library_path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row.sha256
    report = import_source(tmp_path / "disc", paths=paths, engine=engine)
    assert report.instances_added + report.instances_already_present == 9
    assert report.problems == ()
    with read_session(engine) as session:
        assert set(session.exec(select(Instance.sop_instance_uid)).all()) == uids
    assert verify_library(paths, engine).problems == ()
    assert [p.name for p in paths.incoming_dir.iterdir()] == []
