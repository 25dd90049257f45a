"""Snapshots of the images screen over every kind of image (fixed library, 120 x 40 and 80 x 24).

Update after looking at the report: ``pytest tests/tui/test_images_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from mammolog.services.images import list_study_images
from mammolog.tui.screens.images import ImagesScreen
from tests.image_studies import ImageLibrary, build_image_library
from tests.tui.conftest import SIZE, app_for, settle

SnapCompare = Any
NARROW = (80, 24)


@pytest.fixture
def library(tmp_path: Path, no_textual_env: None) -> ImageLibrary:
    return build_image_library(tmp_path / "home", tmp_path / "disc", older=True)


def opened(
    library: ImageLibrary, *keys: str, pick: str = ""
) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Open the 2025 study's images, press ``keys``; ``pick`` chooses a list line first."""
    study_pk = list_study_images(library.engine, library.paths, library.current).study_pk

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot.app, pilot)  # type: ignore[arg-type]
        screen = ImagesScreen(study_pk)
        await pilot.app.push_screen(screen)
        for _ in range(2):
            await settle(pilot.app, pilot)  # type: ignore[arg-type]
        if pick:
            listing = screen.query_one("#images-others", OptionList)
            listing.focus()
            prompts = [
                str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)
            ]
            listing.highlighted = next(i for i, line in enumerate(prompts) if pick in line)
            await pilot.press("enter")
        for key in keys:
            await pilot.press(key)
            await settle(pilot.app, pilot)  # type: ignore[arg-type]
        await settle(pilot.app, pilot)  # type: ignore[arg-type]

    return run


def test_dbt_study_hangs_synthesized_2d_and_volumes(
    snap_compare: SnapCompare, library: ImageLibrary
) -> None:
    app = app_for(library.paths, library.engine)
    assert snap_compare(app, terminal_size=SIZE, run_before=opened(library, "pagedown", "pagedown"))


def test_dbt_study_at_80_by_24(snap_compare: SnapCompare, library: ImageLibrary) -> None:
    app = app_for(library.paths, library.engine)
    assert snap_compare(app, terminal_size=NARROW, run_before=opened(library))


def test_vendor_locked_object_says_why(snap_compare: SnapCompare, library: ImageLibrary) -> None:
    app = app_for(library.paths, library.engine)
    assert snap_compare(app, terminal_size=SIZE, run_before=opened(library, pick="vendor-only"))


def test_extra_view_on_its_own(snap_compare: SnapCompare, library: ImageLibrary) -> None:
    app = app_for(library.paths, library.engine)
    assert snap_compare(app, terminal_size=SIZE, run_before=opened(library, pick="(magnification)"))


def test_compare_with_a_chosen_prior(snap_compare: SnapCompare, library: ImageLibrary) -> None:
    app = app_for(library.paths, library.engine)
    assert snap_compare(app, terminal_size=SIZE, run_before=opened(library, "c", "p", "v", "v"))
