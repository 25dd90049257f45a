"""Benchmark: writing DICOM media vs `cp -r` of the same files and DCMTK `dcmmkdir`.

Generates synthetic full-field mammograms (4096 x 3328, 16-bit, about 27 MB each) in a temp
folder, then times, in one run and side by side:

* ``cp -r`` of the files (the anchor for a plain export; target ratio <= 1.3),
* ``write_media`` to a folder (header reads, copies, DICOMDIR, IHE PDI pages), without and with
  the final sync that makes the export durable (against ``cp -r`` followed by ``sync``),
* a de-identified export (every file decoded and re-encoded; for information),
* the same export through pydicom's ``FileSet`` (what this writer replaces),
* building only the DICOMDIR over the same files: mammolog (header reads + encoding) against
  DCMTK ``dcmmkdir`` (the anchor for the index step).

Usage: python benchmarks/export_bench.py [--size-mb 1000] [--repeat 2] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from pydicom import dcmread
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.fileset import FileSet
from pydicom.uid import UID, ExplicitVRLittleEndian, generate_uid

from mammolog.export.dicomdir_writer import DirectoryEntry, plan_file_ids, write_dicomdir
from mammolog.export.media import MediaOptions, write_media

ROWS, COLUMNS = 4096, 3328
FILE_BYTES = ROWS * COLUMNS * 2


def make_files(folder: Path, count: int) -> list[Path]:
    """Write `count` MG For Presentation files (4 per study, 2 studies per patient)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = (np.arange(ROWS * COLUMNS, dtype=np.uint32) % 4096).astype(np.uint16)
    paths = []
    study_uid = series_uid = generate_uid()
    for index in range(count):
        if index % 4 == 0:
            study_uid, series_uid = generate_uid(), generate_uid()
        ds = Dataset()
        ds.file_meta = FileMetaDataset()
        ds.file_meta.MediaStorageSOPClassUID = UID("1.2.840.10008.5.1.4.1.1.1.2")
        ds.SOPInstanceUID = generate_uid()
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID
        ds.PatientName = f"Bench^Patient{index // 8}"
        ds.PatientID = f"BENCH{index // 8:03d}"
        ds.StudyInstanceUID, ds.SeriesInstanceUID = study_uid, series_uid
        ds.StudyDate, ds.StudyTime, ds.StudyID = "20250101", "090000", str(index // 4)
        ds.Modality, ds.SeriesNumber, ds.InstanceNumber = "MG", 1, index % 4 + 1
        ds.PresentationIntentType = "FOR PRESENTATION"
        ds.ImageLaterality = "RL"[index % 2]
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.Rows, ds.Columns = ROWS, COLUMNS
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
        ds.PixelData = np.roll(base, index).tobytes()
        path = folder / f"IMG{index:05d}"
        ds.save_as(path, enforce_file_format=True)
        paths.append(path)
    return paths


Step = tuple[Callable[[], object], Callable[[], object]]


def timed_interleaved(steps: dict[str, Step], repeat: int) -> dict[str, float]:
    """Median wall time per step; steps take turns in each round and start with no dirty
    pages left by the one before (``sync`` outside the timing), so none pays for another."""
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(repeat):
        for name, (action, cleanup) in steps.items():
            os.sync()
            start = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - start)
            cleanup()
    return {name: statistics.median(values) for name, values in times.items()}


def mammolog_dicomdir(files: list[Path], root: Path) -> None:
    """Only the index step: read headers, plan file IDs, write the DICOMDIR."""
    chosen = [(path, dcmread(path, stop_before_pixels=True)) for path in files]
    entries = [DirectoryEntry(p.file_id, p.header) for p in plan_file_ids(chosen)]
    write_dicomdir(entries, root / "DICOMDIR", fileset_id="BENCH", instance_uid=generate_uid())


def pydicom_fileset_export(files: list[Path], out: Path) -> None:
    """The same export through pydicom's FileSet (reads whole files, stages, copies)."""
    fileset = FileSet()
    fileset.ID = "BENCH"
    for path in files:
        fileset.add(path)
    fileset.write(out)


def main() -> int:
    """Run the benchmark and print the figures side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1000, help="total size (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--workdir", type=Path, default=None, help="scratch folder")
    args = parser.parse_args()
    count = max(1, round(args.size_mb * 1_000_000 / FILE_BYTES))
    work = Path(tempfile.mkdtemp(prefix="mammolog-bench-", dir=args.workdir))
    try:
        source = work / "SRC"
        started = time.perf_counter()
        files = make_files(source, count)
        total = sum(path.stat().st_size for path in files)
        print(
            f"{count} files, {total / 1e6:.0f} MB generated in {time.perf_counter() - started:.1f} s"
        )
        copy_target = work / "cp_out"
        media_target = work / "media_out"

        def remove(path: Path) -> Callable[[], None]:
            return lambda: shutil.rmtree(path, ignore_errors=True)

        def run(command: list[str]) -> Callable[[], object]:
            return lambda: subprocess.run(command, check=True)

        pydicom_target = work / "pydicom_out"
        index_root = work / "index_only"
        index_root.mkdir()
        fast, durable = MediaOptions(durable=False), MediaOptions(durable=True)
        anonymized = MediaOptions(durable=False, anonymize=True)
        steps: dict[str, Step] = {
            "cp": (run(["cp", "-r", str(source), str(copy_target)]), remove(copy_target)),
            "ours": (
                lambda: write_media(files, media_target, options=fast),
                remove(media_target),
            ),
            "cp_sync": (
                run(["sh", "-c", f"cp -r '{source}' '{copy_target}' && sync"]),
                remove(copy_target),
            ),
            "ours_sync": (
                lambda: write_media(files, media_target, options=durable),
                remove(media_target),
            ),
            "ours_anon": (
                lambda: write_media(files, media_target, options=anonymized),
                remove(media_target),
            ),
            "pydicom": (
                lambda: pydicom_fileset_export(files, pydicom_target),
                remove(pydicom_target),
            ),
            "ours_index": (
                lambda: mammolog_dicomdir(files, index_root),
                lambda: (index_root / "DICOMDIR").unlink(),
            ),
        }
        dcmmkdir = shutil.which("dcmmkdir")
        if dcmmkdir:
            command = [dcmmkdir, "+r", "+I", "+F", "BENCH", "+D", "DICOMDIR", "SRC"]
            steps["dcmmkdir"] = (
                lambda: subprocess.run(command, cwd=work, check=True, capture_output=True),
                lambda: (work / "DICOMDIR").unlink(),
            )
        result = timed_interleaved(steps, args.repeat)
        ours, cp = result["ours"], result["cp"]
        dcmtk_index = result.get("dcmmkdir")
        print(f"{'what':44} {'mammolog':>10} {'anchor':>10} {'ratio':>7}")
        rows = [
            ("export to folder vs cp -r", ours, cp),
            ("durable export (synced) vs cp -r && sync", result["ours_sync"], result["cp_sync"]),
            ("export vs pydicom FileSet export", ours, result["pydicom"]),
            ("de-identified export vs cp -r (information)", result["ours_anon"], cp),
        ]
        if dcmtk_index is not None:
            rows.append(("DICOMDIR only vs dcmmkdir", result["ours_index"], dcmtk_index))
            rows.append(("whole export vs dcmmkdir (index only)", ours, dcmtk_index))
        for label, mine, anchor in rows:
            print(f"{label:44} {mine:9.2f}s {anchor:9.2f}s {mine / anchor:6.2f}x")
        if dcmtk_index is None:
            print("dcmmkdir not installed: DCMTK figures left out")
        print(f"throughput: {total / 1e6 / ours:.0f} MB/s (cp -r: {total / 1e6 / cp:.0f} MB/s)")
        print("target: export <= 1.3x cp -r")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
