"""Backup benchmark: mammolog backup + restore of a home against ``tar`` of the same folder.

Builds a home by importing a generated disc of full-size mammograms (about 1 GB by default),
then prints, in one run:
  - mammolog: ``backup`` (online SQLite copy, every file hashed against the catalog, archive
    fsynced) + ``restore`` (every file hashed against the manifest and fsynced, staged folder
    renamed into place);
  - tar: ``tar -cf`` of the home + ``sync`` + ``tar -xf`` into a new folder + ``sync`` (the
    same durable round trip without any checking);
  - the ratio (target: mammolog <= 1.5x tar).

Usage: python benchmarks/backup_bench.py [--size-mb 1024] [--runs 1] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from import_bench import make_full_disc  # noqa: E402

from mammolog.catalog.migrate import open_catalog  # noqa: E402
from mammolog.paths import AppPaths  # noqa: E402
from mammolog.services.backup import backup_home, restore_archive  # noqa: E402
from mammolog.services.importer import import_source  # noqa: E402
from mammolog.services.verify import verify_library  # noqa: E402


def _sync() -> None:
    subprocess.run(["sync"], check=True)


def build_home(work: Path, size_mb: int) -> tuple[AppPaths, int]:
    """Import a generated disc of ``size_mb`` into a new home; (paths, bytes in the library)."""
    disc = work / "disc"
    make_full_disc(disc, size_mb)
    paths = AppPaths.under_home(work / "home")
    engine = open_catalog(paths)
    report = import_source(disc, paths=paths, engine=engine)
    engine.dispose()
    shutil.rmtree(disc)
    _sync()
    return paths, report.bytes_copied


def time_mammolog(paths: AppPaths, work: Path) -> tuple[float, float, float]:
    """(backup seconds, restore seconds, total) for one round trip; checks the result."""
    archive = work / "backup.tar"
    target = work / "restored"
    started = time.perf_counter()
    backup_home(paths, archive)
    middle = time.perf_counter()
    restore_archive(archive, AppPaths.under_home(target))
    ended = time.perf_counter()
    restored = AppPaths.under_home(target)
    engine = open_catalog(restored)
    if not verify_library(restored, engine).clean:
        raise SystemExit("the restored home does not verify clean")
    engine.dispose()
    archive.unlink()
    shutil.rmtree(target)
    return middle - started, ended - middle, ended - started


def time_tar(home: Path, work: Path) -> tuple[float, float, float]:
    """(create + sync, extract + sync, total) with GNU tar."""
    archive = work / "plain.tar"
    target = work / "untarred"
    target.mkdir()
    started = time.perf_counter()
    subprocess.run(["tar", "-cf", str(archive), "-C", str(home), "."], check=True)
    _sync()
    middle = time.perf_counter()
    subprocess.run(["tar", "-xf", str(archive), "-C", str(target)], check=True)
    _sync()
    ended = time.perf_counter()
    archive.unlink()
    shutil.rmtree(target)
    return middle - started, ended - middle, ended - started


def main() -> int:
    """Run the benchmark and print the figures side by side."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size-mb", type=int, default=1024, help="size of the home (MB)")
    parser.add_argument("--runs", type=int, default=1, help="round trips of each (best kept)")
    parser.add_argument("--workdir", type=Path, default=None, help="where to build (a big disk)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mammolog-backup-bench-", dir=args.workdir) as tmp:
        work = Path(tmp)
        print(f"building a home of about {args.size_mb} MB ...", flush=True)
        paths, size = build_home(work, args.size_mb)
        ours = min((time_mammolog(paths, work) for _ in range(args.runs)), key=lambda t: t[2])
        plain = min((time_tar(paths.data_dir, work) for _ in range(args.runs)), key=lambda t: t[2])
    mb = size / 1e6
    print(f"home: {mb:.0f} MB in the library")
    print(f"{'':24}{'out':>10}{'back in':>10}{'total':>10}{'MB/s':>10}")
    print(f"{'mammolog backup+restore':24}{ours[0]:>9.2f}s{ours[1]:>9.2f}s{ours[2]:>9.2f}s"
          f"{mb / ours[2]:>10.0f}")  # fmt: skip
    print(f"{'tar -cf/-xf + sync':24}{plain[0]:>9.2f}s{plain[1]:>9.2f}s{plain[2]:>9.2f}s"
          f"{mb / plain[2]:>10.0f}")  # fmt: skip
    ratio = ours[2] / plain[2]
    print(f"ratio mammolog / tar: {ratio:.2f}x (target <= 1.5x) {'OK' if ratio <= 1.5 else 'OVER'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
