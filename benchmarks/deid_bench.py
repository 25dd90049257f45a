"""Benchmark: de-identifying a 600 MB tomosynthesis object against a plain export of it.

Generates one Breast Tomosynthesis Image object (enhanced multi-frame, shared and per-frame
functional groups, 2457 x 1890 16-bit frames, about 600 MB) in a temp folder, then runs, each
in a fresh child process so that peak memory is the run's own, side by side in one run:

* a plain export (``write_media`` to a folder: the file copied as it is, DICOMDIR, IHE PDI) -
  the anchor,
* a de-identified export of the same object (``write_media`` with ``anonymize``),

and prints time and peak resident memory (RSS) of each and the ratio de-identified / plain.
The issue's bound: peak memory under 200 MB for a 600 MB object. ``--corpus`` also prints
the de-identification check over the third-party objects (tests/trust/deid_corpus.py).

Usage: python benchmarks/deid_bench.py [--size-mb 600] [--repeat 2] [--workdir DIR] [--corpus]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROWS, COLUMNS = 2457, 1890
FRAME_BYTES = ROWS * COLUMNS * 2
REPO = Path(__file__).resolve().parents[1]

_CHILD = """
import json, sys, time, warnings
from pathlib import Path
warnings.simplefilter("ignore")
from mammolog.export.media import MediaOptions, write_media
source, out, anonymize = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "1"
start = time.perf_counter()
report = write_media([source], out, options=MediaOptions(anonymize=anonymize, durable=False))
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "instances": report.instances,
                  "skipped": [s.reason for s in report.skipped]}))
"""


def run_child(source: Path, out: Path, *, anonymize: bool) -> tuple[float, int]:
    """Export `source` to `out` in a new interpreter; return (seconds, the child's own peak
    RSS in bytes, from wait4)."""
    command = [sys.executable, "-c", _CHILD, str(source), str(out), "1" if anonymize else "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, cwd=REPO) as process:
        assert process.stdout is not None
        stdout = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"the export failed (status {status})")
    result = json.loads(stdout)
    if result["instances"] != 1:
        raise SystemExit(f"the object was not exported: {result['skipped']}")
    return float(result["seconds"]), int(usage.ru_maxrss) * 1024


def main() -> None:
    """Generate the object, run both exports `--repeat` times, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=600.0)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--corpus", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from mammolog.dicom.synth_tomo import TomoSpec, write_tomo

    frames = max(1, round(args.size_mb * 1e6 / FRAME_BYTES))
    with tempfile.TemporaryDirectory(dir=args.workdir, prefix="deid-bench-") as scratch:
        folder = Path(scratch)
        source = folder / "tomo.dcm"
        spec = TomoSpec(rows=ROWS, columns=COLUMNS, frames=frames)
        write_tomo(source, spec)
        size = source.stat().st_size
        print(
            f"object: Breast Tomosynthesis, {frames} frames {ROWS}x{COLUMNS}, {size / 1e6:.0f} MB"
        )
        runs: dict[str, list[tuple[float, int]]] = {"plain": [], "deidentified": []}
        for attempt in range(args.repeat):
            for name in runs:  # alternate, so neither always runs on a warm cache
                out = folder / f"out-{name}-{attempt}"
                runs[name].append(run_child(source, out, anonymize=name == "deidentified"))
                shutil.rmtree(out)
        print(f"{'':>14} {'time (s)':>10} {'peak RSS (MB)':>15}")
        figures = {}
        for name, measured in runs.items():
            seconds = statistics.median(m[0] for m in measured)
            peak = max(m[1] for m in measured)
            figures[name] = (seconds, peak)
            print(f"{name:>14} {seconds:>10.2f} {peak / 1e6:>15.0f}")
        plain, deid = figures["plain"], figures["deidentified"]
        print(
            f"{'ratio':>14} {deid[0] / plain[0]:>10.2f} {deid[1] / plain[1]:>15.2f}"
            "   (de-identified / plain export)"
        )
        print(f"bound: peak RSS of the de-identified export < 200 MB: {deid[1] < 200e6}")
    if args.corpus:
        from tests.conftest import REAL_DATA
        from tests.trust.deid_corpus import check_corpus, corpus, dciodvfy_path

        real = REAL_DATA if (REAL_DATA / "MANIFEST.md").is_file() else None
        with tempfile.TemporaryDirectory(prefix="deid-corpus-") as scratch:
            tally = check_corpus(corpus(real), Path(scratch), dciodvfy=dciodvfy_path())
        for line in tally.lines():
            print(line)


if __name__ == "__main__":
    main()
