"""Time to first preview of a full-field mammogram, beside a plain full-resolution decode.

For each image: the anchor is ``pydicom.dcmread(path).pixel_array`` (full-resolution decode
only, no windowing or scaling); "cold" is ``PreviewCache.get_or_render`` on an empty cache
(decode for the screen, window, downscale, PNG write); "cache" is the same call again. Boxes:
160x100 px (half blocks in a 160x50-cell terminal) and 1280x800 px (Kitty/Sixel at 8x16-px
cells). The operating system's file cache is warm in every run.

Run: ``python benchmarks/preview_bench.py [--repeat 5]``. Targets: < 0.5 s from cache, < 1.5 s
cold.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import UID, ExplicitVRLittleEndian, generate_uid

from mammolog.dicom.pixels import PreviewImage, render_preview
from mammolog.services.previews import PreviewCache

REPO_ROOT = Path(__file__).resolve().parent.parent
REAL_DATA = Path(
    os.environ.get("MAMMOLOG_REAL_DATA", REPO_ROOT.parent / "shared" / "data" / "real")
)
BOXES = ((160, 100), (1280, 800))
TARGET_CACHE_S = 0.5
TARGET_COLD_S = 1.5


def synthetic_mammogram(path: Path, rows: int = 4096, columns: int = 3328) -> Path:
    """An uncompressed 16-bit (12 stored) MONOCHROME2 image with breast-like structure."""
    generator = np.random.default_rng(7)
    y, x = np.mgrid[0:rows, 0:columns].astype(np.float32)
    breast = ((y - rows / 2) / (rows * 0.48)) ** 2 + (x / (columns * 0.85)) ** 2 < 1
    texture = generator.normal(0, 120, (rows // 16, columns // 16)).astype(np.float32)
    texture = np.kron(texture, np.ones((16, 16), np.float32))[:rows, :columns]
    pixels = np.where(breast, 2200 + texture + 600 * np.cos(x / 300), 40)
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = UID("1.2.840.10008.5.1.4.1.1.1.2")
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.1.2"
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.Modality, ds.ImageLaterality = "MG", "L"
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.Rows, ds.Columns = rows, columns
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    ds.WindowCenter, ds.WindowWidth = 2200, 1800
    ds.PixelData = np.clip(pixels, 0, 4095).astype(np.uint16).tobytes()
    ds.save_as(path, enforce_file_format=True)
    return path


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def measure(
    name: str, path: Path, workdir: Path, repeat: int, *, reduced: bool = True
) -> list[tuple[str, str, float, float, float]]:
    """(case, box, anchor, cold, cache) medians in seconds."""
    anchor = median_seconds(lambda: pydicom.dcmread(path).pixel_array, repeat)
    renderer = None if reduced else _full_decode
    rows = []
    for width, height in BOXES:
        cold_caches = iter(
            PreviewCache(workdir / f"cold-{name}-{width}-{run}", renderer) for run in range(repeat)
        )
        warm_cache = PreviewCache(workdir / f"warm-{name}-{width}", renderer)
        warm_cache.get_or_render(path, "bench", width, height)
        cold_s = median_seconds(partial(_render_next, cold_caches, path, width, height), repeat)
        cache_s = median_seconds(
            partial(warm_cache.get_or_render, path, "bench", width, height), repeat
        )
        rows.append((name, f"{width}x{height}", anchor, cold_s, cache_s))
    return rows


def _render_next(caches: Iterator[PreviewCache], path: Path, width: int, height: int) -> object:
    return next(caches).get_or_render(path, "bench", width, height)


def _full_decode(path: str | os.PathLike[str], **options: Any) -> PreviewImage:
    return render_preview(path, reduced_decode=False, **options)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    repeat = parser.parse_args().repeat
    results: list[tuple[str, str, float, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="mammolog-bench-") as folder:
        workdir = Path(folder)
        j2k = REAL_DATA / "nema-wg04" / "MG1_J2KI"
        lossless = REAL_DATA / "fo-dicom" / "GH133.dcm"
        if j2k.is_file():
            results += measure("J2K 4664x3064 reduced", j2k, workdir, repeat)
            results += measure("J2K 4664x3064 full", j2k, workdir, repeat, reduced=False)
        else:
            print(f"skipped JPEG 2000: {j2k} not found", file=sys.stderr)
        if lossless.is_file():
            results += measure("JPEG Lossless GH133 3062x2394", lossless, workdir, repeat)
        else:
            print(f"skipped JPEG Lossless: {lossless} not found", file=sys.stderr)
        synthetic = synthetic_mammogram(workdir / "synthetic.dcm")
        results += measure("Uncompressed 4096x3328", synthetic, workdir, repeat)

    print(f"Median of {repeat} runs, seconds. Anchor: dcmread + pixel_array (full decode only).")
    print(
        f"{'image':32} {'box px':>9} {'anchor':>7} {'cold':>7} {'anchor/cold':>11}"
        f" {'cache':>7} {'anchor/cache':>12}  targets"
    )
    for name, box, anchor, cold_s, cache_s in results:
        verdict = "ok" if cold_s < TARGET_COLD_S and cache_s < TARGET_CACHE_S else "MISSED"
        print(
            f"{name:32} {box:>9} {anchor:7.3f} {cold_s:7.3f} {anchor / cold_s:10.1f}x"
            f" {cache_s:7.3f} {anchor / cache_s:11.1f}x  {verdict}"
        )
    print(f"Targets: from cache < {TARGET_CACHE_S} s, cold < {TARGET_COLD_S} s.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
