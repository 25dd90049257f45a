"""Images screen over every kind: DBT slices, cine, extra views, vendor-locked objects,
compare with a chosen prior (Pilot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from mammolog.services.images import list_study_images
from mammolog.tui.app import MammologApp
from mammolog.tui.screens.images import ImagesScreen
from mammolog.tui.widgets.hung_image import HungImage
from tests.image_studies import ImageLibrary, build_image_library
from tests.tui.conftest import SIZE, app_for, settle


@pytest.fixture
def library(tmp_path: Path) -> ImageLibrary:
    return build_image_library(tmp_path / "home", tmp_path / "disc", older=True)


async def open_current(app: MammologApp, pilot: object, library: ImageLibrary) -> ImagesScreen:
    study = list_study_images(library.engine, library.paths, library.current)
    screen = ImagesScreen(study.study_pk)
    await app.push_screen(screen)
    await settle(app, pilot)
    await settle(app, pilot)
    return screen


def shown(screen: ImagesScreen) -> list[HungImage]:
    return [w for w in screen.query(HungImage) if w.display]


def placeholder(widget: HungImage) -> str:
    return str(widget.query_one(".mammo-image--placeholder", Static).render())


async def test_slots_say_what_they_show_and_dbt_scrolls(library: ImageLibrary) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_current(app, pilot, library)
        captions = [w.caption for w in shown(screen)]
        assert captions == [
            "R CC  2025-03-04 · synthesized 2D",
            "L CC  2025-03-04 · synthesized 2D",
            "R MLO  2025-03-04 · slice 5 / 9 · tomosynthesis (3D)",
            "L MLO  2025-03-04 · slice 5 / 9 · tomosynthesis (3D)",
        ]
        status = str(screen.query_one("#images-status", Static).render())
        assert "R MLO: tomosynthesis (3D) (no 2D image)" in status
        first_slice = shown(screen)[2].image
        await pilot.press("pagedown", "pagedown", "full_stop")
        await settle(app, pilot)
        assert "· slice 8 / 9 ·" in shown(screen)[2].caption
        assert shown(screen)[2].image is not first_slice
        await pilot.press("pageup", *["pagedown"] * 5)
        await settle(app, pilot)
        assert "· slice 9 / 9 ·" in shown(screen)[3].caption  # stops at the last slice
        cached = list(library.paths.previews_dir.rglob("*.png"))
        assert 6 <= len(cached) < 4 * 9  # shown slices and prefetched neighbours, not every slice


async def test_a_slot_cycles_to_its_volume(library: ImageLibrary) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_current(app, pilot, library)
        shown(screen)[0].focus()
        await pilot.press("n")
        await settle(app, pilot)
        captions = [w.caption for w in shown(screen)]
        assert captions[0] == "R CC  2025-03-04 · slice 5 / 9 · tomosynthesis (3D)"
        assert captions[1] == "L CC  2025-03-04 · synthesized 2D"  # only the focused slot moved


async def test_cine_plays_and_stops(library: ImageLibrary) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_current(app, pilot, library)
        volume = shown(screen)[2]
        before = volume.caption
        await pilot.press("space")
        assert "Playing" in str(screen.query_one("#images-status", Static).render())
        while volume.caption == before:  # the film moves on by itself; pytest-timeout guards
            await pilot.pause()
        await pilot.press("space")
        await settle(app, pilot)
        assert "Playing" not in str(screen.query_one("#images-status", Static).render())
        stopped = volume.caption
        await settle(app, pilot)
        assert volume.caption == stopped


async def test_extra_view_and_vendor_locked_object_are_reached_from_the_list(
    library: ImageLibrary,
) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_current(app, pilot, library)
        await pilot.press("o")
        listing = screen.query_one("#images-others", OptionList)
        assert listing.has_focus
        lines = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        magnified = next(i for i, line in enumerate(lines) if "(magnification)" in line)
        locked = next(i for i, line in enumerate(lines) if "vendor-only" in line)
        assert "not shown: Hologic 3D data" in lines[locked]
        listing.highlighted = magnified
        await pilot.press("enter")
        await settle(app, pilot)
        views = shown(screen)
        assert len(views) == 1
        assert views[0].caption == "L CC (magnification)  2025-03-04 · 2D mammogram"
        assert views[0].image is not None
        await pilot.press("escape")
        await settle(app, pilot)
        assert len(shown(screen)) == 4
        await pilot.press("o")
        listing.highlighted = locked
        await pilot.press("enter")
        await settle(app, pilot)
        assert placeholder(shown(screen)[0]) == (
            "Cannot show this image: Hologic 3D data: only a Hologic workstation can display "
            "it; it is kept and exported unchanged"
        )
        assert shown(screen)[0].image is None


async def test_compare_with_a_chosen_prior_scrolls_and_zooms_together(
    library: ImageLibrary,
) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_current(app, pilot, library)
        await pilot.press("c")
        await settle(app, pilot)
        assert [w.caption for w in shown(screen)] == [
            "R CC  2023-02-01 · 2D mammogram",
            "R CC  2025-03-04 · synthesized 2D",
        ]
        status = str(screen.query_one("#images-status", Static).render())
        assert "exam 1 of 2 earlier" in status
        await pilot.press("p")
        await settle(app, pilot)
        assert shown(screen)[0].caption == "R CC  2021-06-01 · 2D mammogram"
        assert all(w.image is not None for w in shown(screen))
        await pilot.press("v", "v")
        await settle(app, pilot)
        assert [w.caption for w in shown(screen)] == [
            "R MLO  2021-06-01 · 2D mammogram",
            "R MLO  2025-03-04 · slice 5 / 9 · tomosynthesis (3D)",
        ]
        await pilot.press("plus", "plus", "left", "pagedown")
        await settle(app, pilot)
        prior, current = shown(screen)
        assert prior.zoom == current.zoom > 1 and prior.pan_x == current.pan_x
        assert "· slice 6 / 9 ·" in current.caption
        await pilot.press("p")
        await settle(app, pilot)
        assert shown(screen)[0].caption == "R MLO  2023-02-01 · 2D mammogram"


async def test_an_ultrasound_film_opens_on_its_first_frame(real_data: Path, tmp_path: Path) -> None:
    """DIRW0007 (ACUSON, 65 frames): nothing fits the four views, so the film itself shows."""
    import shutil

    from mammolog.catalog.migrate import open_catalog
    from mammolog.paths import AppPaths
    from mammolog.services.importer import import_source

    (tmp_path / "disc").mkdir()
    shutil.copy(real_data / "breadth" / "DIRW0007", tmp_path / "disc" / "DIRW0007")
    paths = AppPaths.under_home(tmp_path / "home")
    engine = open_catalog(paths)
    import_source(tmp_path / "disc", paths=paths, engine=engine)
    app = app_for(paths, engine)
    async with app.run_test(size=SIZE) as pilot:
        from mammolog.catalog.db import read_session
        from mammolog.catalog.queries import list_studies

        with read_session(engine) as session:
            study_pk = list_studies(session)[0].pk
        screen = ImagesScreen(study_pk)
        await app.push_screen(screen)
        await settle(app, pilot)
        await settle(app, pilot)
        views = shown(screen)
        assert len(views) == 1 and views[0].image is not None
        assert "frame 1 / 65" in views[0].caption and "ultrasound" in views[0].caption
        assert "none fits the four views" in str(
            screen.query_one("#images-status", Static).render()
        )
        await pilot.press("pagedown")
        await settle(app, pilot)
        assert "frame 2 / 65" in views[0].caption
