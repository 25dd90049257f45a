"""Images screen: the hanging protocol, decoding through the cache, compare with the prior."""

from __future__ import annotations

from textual.widgets import Static

from mammolog.tui.screens.images import ImagesScreen
from mammolog.tui.widgets.mammo_image import MammoImage
from tests.tui.conftest import SIZE, Library, app_for, settle


async def open_images(app: object, pilot: object, study_pk: int) -> ImagesScreen:
    screen = ImagesScreen(study_pk)
    await app.push_screen(screen)  # type: ignore[attr-defined]
    await settle(app, pilot)  # type: ignore[arg-type]
    await settle(app, pilot)  # type: ignore[arg-type]
    return screen


def shown(screen: ImagesScreen) -> list[MammoImage]:
    return [w for w in screen.query(MammoImage) if w.display]


async def test_hanging_protocol_places_four_views_against_the_midline(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_images(app, pilot, library.study_pks[-1])
        views = shown(screen)
        assert [w.caption for w in views] == [
            "R CC  2025-10-02 · 2D mammogram", "L CC  2025-10-02 · 2D mammogram", "R MLO  2025-10-02 · 2D mammogram", "L MLO  2025-10-02 · 2D mammogram",
        ]  # fmt: skip
        assert [w.align for w in views] == ["right", "left", "right", "left"]
        assert all(w.image is not None for w in views)
        assert any(library.paths.previews_dir.rglob("*.png"))


async def test_compare_shows_the_same_view_of_the_prior_exam(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_images(app, pilot, library.study_pks[-1])
        await pilot.press("c")
        await settle(app, pilot)
        await settle(app, pilot)
        views = shown(screen)
        assert [w.caption for w in views] == [
            "R CC  2024-05-14 · 2D mammogram",
            "R CC  2025-10-02 · 2D mammogram",
        ]
        assert all(w.image is not None for w in views)
        await pilot.press("v")
        await settle(app, pilot)
        assert [w.caption for w in shown(screen)] == [
            "L CC  2024-05-14 · 2D mammogram",
            "L CC  2025-10-02 · 2D mammogram",
        ]
        await pilot.press("c")
        await settle(app, pilot)
        assert len(shown(screen)) == 4


async def test_first_exam_has_no_prior_to_compare(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_images(app, pilot, library.study_pks[0])
        await pilot.press("c")
        await settle(app, pilot)
        status = str(screen.query_one("#images-status", Static).render())
        assert "no earlier study" in status


async def test_zoom_moves_images_together_and_window_changes(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_images(app, pilot, library.study_pks[-1])
        await pilot.press("plus")
        await pilot.pause()
        assert all(w.zoom > 1 for w in shown(screen))
        before = dict(screen.windows)
        await pilot.press("w")
        await settle(app, pilot)
        changed = [c for c, w in screen.windows.items() if w and before.get(c)]
        assert changed
        assert all(screen.windows[c].width > before[c].width for c in changed)  # type: ignore[union-attr]
        await pilot.press("0")
        await settle(app, pilot)
        assert all(w.zoom == 1 for w in shown(screen))


async def test_unreadable_image_shows_the_reason(library: Library) -> None:
    (library.paths.library_dir / "s3" / "RCC.dcm").write_bytes(b"not dicom at all")
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_images(app, pilot, library.study_pks[-1])
        first = shown(screen)[0]
        assert first.image is None
        text = str(first.query_one(".mammo-image--placeholder", Static).render())
        assert text.startswith("Cannot show this image")
        assert all(w.image is not None for w in shown(screen)[1:])


async def test_a_burst_of_keys_leaves_the_app_answering(library: Library) -> None:
    """Fifty zoom and pan keys at once, then quit: the images end up moved together."""
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_images(app, pilot, library.study_pks[-1])
        keys = ["plus", "right", "plus", "down", "left"] * 10
        await pilot.press(*keys)
        await settle(app, pilot)
        views = shown(screen)
        assert len({(w.zoom, w.pan_x, w.pan_y) for w in views}) == 1
        assert views[0].zoom == 16.0  # 20 steps of 1.25 reach the top
        await pilot.press("ctrl+q")
    assert app.return_code is not None or not app.is_running


async def test_zero_resets_zoom_pan_and_window_and_footer_says_reset(library: Library) -> None:
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_images(app, pilot, library.study_pks[-1])
        shown(screen)[0].focus()
        await pilot.press("plus", "plus", "right", "w")
        await settle(app, pilot)
        assert shown(screen)[1].zoom > 1
        widened = dict(screen.windows)
        await pilot.press("0")
        await settle(app, pilot)
        assert all((w.zoom, w.pan_x, w.pan_y) == (1.0, 0.5, 0.5) for w in shown(screen))
        assert all(screen.windows[c] is None or screen.windows[c] != widened[c] for c in widened)
        labels = {b.binding.key: b.binding.description for b in screen.active_bindings.values()}
        assert labels["0"] == "Reset"


async def test_compare_opens_on_a_view_both_exams_have(library: Library) -> None:
    from sqlmodel import select

    from mammolog.catalog.db import write_session
    from mammolog.catalog.models import Instance, Series

    with write_session(library.engine) as session:
        rows = session.exec(
            select(Instance)
            .join(Series)
            .where(Series.study_pk == library.study_pks[-1], Instance.laterality == "R")
        ).all()
        for row in rows:
            session.delete(row)
    app = app_for(library.paths, library.engine)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_images(app, pilot, library.study_pks[-1])
        await pilot.press("c")
        await settle(app, pilot)
        assert [w.caption for w in shown(screen)] == [
            "L CC  2024-05-14 · 2D mammogram",
            "L CC  2025-10-02 · 2D mammogram",
        ]
        await pilot.press("v")
        await settle(app, pilot)
        assert [w.caption for w in shown(screen)] == [
            "L MLO  2024-05-14 · 2D mammogram",
            "L MLO  2025-10-02 · 2D mammogram",
        ]
        await pilot.press("v")
        await settle(app, pilot)
        assert [w.caption for w in shown(screen)] == [
            "L CC  2024-05-14 · 2D mammogram",
            "L CC  2025-10-02 · 2D mammogram",
        ]
