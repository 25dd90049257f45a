"""A 600 MB tomosynthesis volume in the images screen, beside decoding the same slice with pydicom.

One generated Breast Tomosynthesis object (2457 x 1890, 16-bit, 65 slices: about 604 MB, the
size of a Hologic or GE DBT view) is imported into a fresh library. Then, each in its own
process so the peak memory (maximum resident set size) belongs to that measurement alone:

- **mammolog, on screen**: the app (headless, 160 x 48 cells) opens the study's images; the
  time until the volume's middle slice is on screen with an empty preview cache ("cold"), then
  on a second opening ("from cache"), then the time per next slice (PageDown until the caption
  shows the next slice, ten times: the viewer decodes one frame and prefetches neighbours).
- **pydicom alone, the usual way**: ``pydicom.dcmread(path).pixel_array[middle]``: the whole
  volume is read and decoded to reach one slice.
- **pydicom alone, one frame**: ``pydicom.pixels.pixel_array(path, index=middle)``.

The operating system's file cache is warm (the file was just written). Run:
``python benchmarks/dbt_bench.py [--frames 65]``. Targets: first slice < 1 s cold, next slice
< 150 ms, peak < 200 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ROWS, COLUMNS = 2457, 1890
TARGET_FIRST_S = 1.0
TARGET_NEXT_S = 0.150
TARGET_PEAK_MB = 200.0
SIZE = (160, 48)


def peak_mb() -> float:
    """This process's peak resident memory in MB (VmHWM: unlike ru_maxrss it starts afresh at
    exec, so a measuring child does not inherit the parent's peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(home: Path, frames: int) -> dict[str, object]:
    """Write the DBT object and import it; returns what the measurements need."""
    from mammolog.catalog.migrate import open_catalog
    from mammolog.dicom.synth import InstanceSpec
    from mammolog.dicom.synth_tomo import write_tomosynthesis
    from mammolog.paths import AppPaths
    from mammolog.services.images import list_study_images
    from mammolog.services.importer import import_source

    disc = home.parent / "disc"
    spec = InstanceSpec(
        rows=ROWS, columns=COLUMNS, laterality="R", view="CC", study_date="20250304",
        patient_name="BENCH^DBT", patient_id="DBT600",
    )  # fmt: skip
    started = time.perf_counter()
    path = write_tomosynthesis(disc / "dbt.dcm", spec, frames=frames)
    written = time.perf_counter() - started
    paths = AppPaths.under_home(home)
    engine = open_catalog(paths)
    import_source(disc, paths=paths, engine=engine)
    study = list_study_images(engine, paths, "2025-03-04")
    volume = study.slot("R CC").shown
    assert volume is not None and volume.frames == frames
    return {
        "file": str(volume.path),
        "bytes": path.stat().st_size,
        "frames": frames,
        "middle": volume.start_frame,
        "study_pk": study.study_pk,
        "written_s": written,
    }


async def on_screen(
    home: Path, study_pk: int, steps: int, frames: int, middle: int
) -> dict[str, float]:
    """Open the images screen twice and step through slices; times as seen on screen."""
    from mammolog.paths import AppPaths
    from mammolog.tui.app import build_app
    from mammolog.tui.screens.images import ImagesScreen
    from mammolog.tui.widgets.hung_image import HungImage

    paths = AppPaths.under_home(home)
    figures: dict[str, float] = {}
    for label in ("cold", "cache"):
        app = build_app(paths, cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            # She opens the images from the library once it has shown: let its readers finish.
            for _ in range(3):
                await pilot.pause()
                busy = [w for w in app.workers if w.group != "_loader"]
                if busy:
                    await app.workers.wait_for_complete(busy)
            started = time.perf_counter()
            screen = ImagesScreen(study_pk)
            await app.push_screen(screen)
            cell = screen.query_one("#cell-0", HungImage)
            while cell.image is None:
                await pilot.pause(0.002)
            figures[f"first_{label}_s"] = time.perf_counter() - started
            if label == "cache":
                break
            times = []
            for step in range(steps):
                before = cell.caption
                started = time.perf_counter()
                # down through the volume; back up should the last slice come first
                await pilot.press("pagedown" if step < frames - middle - 1 else "pageup")
                while cell.caption == before:
                    await pilot.pause(0.002)
                times.append(time.perf_counter() - started)
            figures["next_median_s"] = statistics.median(times)
            figures["next_max_s"] = max(times)
            pending = [w for w in app.workers if w.group in ("previews", "images")]
            if pending:  # let prefetching finish before the app closes
                await app.workers.wait_for_complete(pending)
    figures["peak_mb"] = peak_mb()
    return figures


def pydicom_whole(path: str, middle: int) -> dict[str, float]:
    """The usual way: read the whole object, decode every frame, take one."""
    import pydicom

    started = time.perf_counter()
    frame = pydicom.dcmread(path).pixel_array[middle]
    assert frame.shape == (ROWS, COLUMNS)
    return {"first_s": time.perf_counter() - started, "peak_mb": peak_mb()}


def pydicom_frame(path: str, middle: int) -> dict[str, float]:
    """pydicom's frame-only decode (no window, no scaling, nothing on screen)."""
    from pydicom.pixels import pixel_array

    started = time.perf_counter()
    frame = pixel_array(path, index=middle)
    first = time.perf_counter() - started
    started = time.perf_counter()
    pixel_array(path, index=middle + 1)
    assert frame.shape == (ROWS, COLUMNS)
    return {"first_s": first, "next_s": time.perf_counter() - started, "peak_mb": peak_mb()}


def child(task: str, argument: str) -> None:
    """Run one measurement in this (child) process and print its figures as JSON."""
    facts = json.loads(argument)
    if task == "screen":
        result = asyncio.run(
            on_screen(
                Path(facts["home"]),
                facts["study_pk"],
                facts["steps"],
                facts["frames"],
                facts["middle"],
            )  # fmt: skip
        )
    elif task == "whole":
        result = pydicom_whole(facts["file"], facts["middle"])
    else:
        result = pydicom_frame(facts["file"], facts["middle"])
    print(json.dumps(result))


def run_child(task: str, facts: dict[str, object]) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", task, json.dumps(facts)],
        check=True, capture_output=True, text=True, cwd=REPO_ROOT,
    )  # fmt: skip
    figures: dict[str, float] = json.loads(output.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    """Build the volume, measure each way in its own process, print them side by side."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--frames", type=int, default=65, help="slices (65 = about 604 MB)")
    parser.add_argument("--steps", type=int, default=10, help="next-slice steps to time")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(*options.child)
        return
    with tempfile.TemporaryDirectory(prefix="mammolog-dbt-bench-") as scratch:
        home = Path(scratch) / "home"
        facts = build(home, options.frames)
        facts.update(home=str(home), steps=options.steps)
        size_mb = int(facts["bytes"]) / 1e6  # type: ignore[call-overload]
        print(
            f"DBT object: {ROWS} x {COLUMNS}, {options.frames} slices, {size_mb:.0f} MB "
            f"(written in {facts['written_s']:.1f} s); showing slice {int(facts['middle']) + 1}"  # type: ignore[call-overload]
        )
        screen = run_child("screen", facts)
        whole = run_child("whole", facts)
        frame = run_child("frame", facts)
    rows = [
        ("first slice, cold", screen["first_cold_s"], whole["first_s"], frame["first_s"], TARGET_FIRST_S),
        ("first slice, from cache", screen["first_cache_s"], whole["first_s"], frame["first_s"], TARGET_FIRST_S),
        ("next slice (median)", screen["next_median_s"], whole["first_s"], frame["next_s"], TARGET_NEXT_S),
        ("next slice (slowest)", screen["next_max_s"], whole["first_s"], frame["next_s"], TARGET_NEXT_S),
    ]  # fmt: skip
    print(f"{'':26}{'mammolog':>12}{'pydicom whole':>15}{'pydicom frame':>15}{'target':>9}")
    for label, ours, anchor, frame_only, target in rows:
        verdict = "ok" if ours < target else "MISSED"
        print(
            f"{label:26}{ours * 1000:10.0f}ms{anchor * 1000:13.0f}ms{frame_only * 1000:13.0f}ms"
            f"{target * 1000:7.0f}ms  {verdict}  (x{anchor / max(ours, 1e-9):.1f} vs whole)"
        )
    verdict = "ok" if screen["peak_mb"] < TARGET_PEAK_MB else "MISSED"
    print(
        f"{'peak memory':26}{screen['peak_mb']:10.0f}MB{whole['peak_mb']:13.0f}MB"
        f"{frame['peak_mb']:13.0f}MB{TARGET_PEAK_MB:7.0f}MB  {verdict}"
    )
    print(
        "mammolog's figures are on screen (decode, window, scale, draw); pydicom's are decode only."
    )


if __name__ == "__main__":
    main()
