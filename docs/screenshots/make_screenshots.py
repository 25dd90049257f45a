"""Take the screenshots used by the README and the user guide (SVG, then PNG).

Runs the app headless on the demo history (fixed day) and saves one SVG per screen here;
PNGs are made with cairosvg, rsvg-convert or ImageMagick, whichever is installed.

    python docs/screenshots/make_screenshots.py [--real-data ../shared/data/real]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from mammolog.paths import AppPaths
from mammolog.services.demo import build_demo_home
from mammolog.tui.app import MammologApp, build_app

HERE = Path(__file__).resolve().parent
TODAY = date(2026, 11, 1)
SIZE = (120, 40)


async def settle(app: MammologApp, pilot: Pilot[None]) -> None:
    """Let every worker finish and the screen catch up."""
    for _ in range(3):
        await pilot.pause()
        pending = [w for w in app.workers if w.group != "_loader"]
        if pending:
            await app.workers.wait_for_complete(pending)
    await pilot.pause(0.2)


def save(app: MammologApp, name: str) -> None:
    """One SVG named after the screen."""
    app.save_screenshot(filename=f"{name}.svg", path=str(HERE))
    print(f"saved {name}.svg")


async def demo_screens(home: Path) -> None:
    """Library, study, result form, images, compare, timeline, persons, help, export, settings."""
    paths = AppPaths.under_home(home)
    app = build_app(paths, today=TODAY, cursor_blink=False, browse_root=home, media_roots=())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        save(app, "library")
        await pilot.press("enter")
        await settle(app, pilot)
        save(app, "study")
        await pilot.press("e")
        await settle(app, pilot)
        save(app, "result-form")
        await pilot.press("escape")
        await pilot.press("i")
        await settle(app, pilot)
        await settle(app, pilot)
        save(app, "images")
        await pilot.press("c")
        await settle(app, pilot)
        await settle(app, pilot)
        save(app, "images-compare")
        await pilot.press("f4")
        await settle(app, pilot)
        save(app, "timeline")
        await pilot.press("f2")
        await pilot.press("m")
        await settle(app, pilot)
        save(app, "persons")
        await pilot.press("f1")
        await settle(app, pilot)
        save(app, "help")
        await pilot.press("escape")
        await pilot.press("f5")
        await settle(app, pilot)
        save(app, "export")
    shown = AppPaths.under_home(Path("/home/anna/mammolog"))
    engine_app = build_app(shown, engine=app.catalog(), today=TODAY, cursor_blink=False)
    async with engine_app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await settle(engine_app, pilot)
        save(engine_app, "settings")


async def import_screen(home: Path, disc: Path) -> None:
    """The import report after reading a real disc."""
    paths = AppPaths.under_home(home)
    media = home.parent / "media"
    media.mkdir(exist_ok=True)
    link = media / "PATIENT_CD"
    if not link.exists():
        link.symlink_to(disc)
    app = build_app(paths, today=TODAY, cursor_blink=False, browse_root=media, media_roots=(media,))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        save(app, "import")


def to_png(svg: Path) -> None:
    """Convert with the first converter available."""
    png = svg.with_suffix(".png")
    try:
        import cairosvg

        cairosvg.svg2png(url=str(svg), write_to=str(png), output_width=1400)
        return
    except ImportError:
        pass
    if shutil.which("rsvg-convert"):
        subprocess.run(["rsvg-convert", "-w", "1400", str(svg), "-o", str(png)], check=True)
    elif shutil.which("convert"):
        subprocess.run(["convert", "-density", "120", str(svg), str(png)], check=True)


def main() -> None:
    """Build the demo, take every screenshot, convert them."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--real-data", type=Path, default=HERE.parents[2] / "shared/data/real")
    args = parser.parse_args()
    # A fixed folder name keeps the paths shown in the screenshots short and stable.
    folder = Path(tempfile.gettempdir()) / "mammolog-screenshots"
    shutil.rmtree(folder, ignore_errors=True)
    try:
        home = folder / "demo"
        build_demo_home(home, today=TODAY)
        asyncio.run(demo_screens(home))
        disc = args.real_data / "orthanc-tests" / "DavidClunie"
        if disc.is_dir():
            asyncio.run(import_screen(folder / "import-home", disc))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for svg in sorted(HERE.glob("*.svg")):
        to_png(svg)


if __name__ == "__main__":
    main()
