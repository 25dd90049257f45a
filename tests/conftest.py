"""Shared fixtures: a private home per test and the real DICOM files beside the checkout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (no flaky runs), without per-example deadlines on a
# shared machine; a developer's run explores new examples.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))

REPO_ROOT = Path(__file__).resolve().parent.parent
REAL_DATA = Path(
    os.environ.get("MAMMOLOG_REAL_DATA", REPO_ROOT.parent / "shared" / "data" / "real")
)


@pytest.fixture
def real_data() -> Path:
    """The folder of real DICOM files from public sources (../shared/data/real)."""
    if not (REAL_DATA / "MANIFEST.md").is_file():
        pytest.skip(f"real DICOM data not found at {REAL_DATA} (set MAMMOLOG_REAL_DATA)")
    return REAL_DATA


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty mammolog home folder; MAMMOLOG_HOME points at it."""
    home_dir = tmp_path / "home"
    monkeypatch.setenv("MAMMOLOG_HOME", str(home_dir))
    return home_dir
