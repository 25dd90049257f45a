"""Kill a piece of work with SIGKILL at a chosen call, in a forked child process.

A profile hook (``sys.setprofile``) counts calls to chosen builtins (``FileIO.write``,
``os.write``, ``open``, ``os.replace``, ``os.fsync``, ``Cursor.execute``,
``Connection.commit``; before or after the call) and sends SIGKILL to its own process at the N-th one: the process dies exactly as
with ``kill -9`` or a power cut seen from the application (the operating system keeps what
was written). Forking keeps the default run fast (no interpreter start per kill point).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# (event, qualified name of the builtin): the places where a crash can hurt.
SITES: dict[str, tuple[str, str]] = {
    "write": ("c_call", "FileIO.write"),
    "buffered-write": ("c_call", "BufferedWriter.write"),
    "after-write": ("c_return", "FileIO.write"),
    "os-write": ("c_call", "write"),  # os.write
    "after-os-write": ("c_return", "write"),
    "open": ("c_call", "open"),  # os.open / io.open: a file about to be created
    "replace": ("c_call", "replace"),
    "after-replace": ("c_return", "replace"),
    "fsync": ("c_call", "fsync"),
    "execute": ("c_call", "Cursor.execute"),
    "commit": ("c_call", "Connection.commit"),
    "after-commit": ("c_return", "Connection.commit"),
    "unlink": ("c_call", "unlink"),
}
_BY_EVENT: dict[tuple[str, str], str] = {value: key for key, value in SITES.items()}


@dataclass(frozen=True)
class KillPoint:
    """Kill at the ``count``-th event of ``site`` (1-based)."""

    site: str
    count: int

    def __str__(self) -> str:
        return f"{self.site}#{self.count}"


def _install(hook: Callable[[str], None]) -> None:
    def profile(_frame: Any, event: str, arg: Any) -> None:
        if event == "c_call" or event == "c_return":
            site = _BY_EVENT.get((event, getattr(arg, "__qualname__", "")))
            if site is not None:
                hook(site)

    threading.setprofile(profile)
    sys.setprofile(profile)


CHILD_TIME_LIMIT_S = 120


def _in_child() -> None:
    """Make the forked child safe: no helper threads inherited, and never hang forever."""
    signal.alarm(CHILD_TIME_LIMIT_S)  # a hung child dies with SIGALRM instead of hanging CI
    from mammolog.services import import_files

    # The importer's hashing thread does not survive fork; let the child start its own.
    if hasattr(import_files, "_HASHER"):
        import_files._HASHER = None


def count_sites(work: Callable[[], object], out: Path) -> dict[str, int]:
    """Run ``work`` in a forked child and return how often each site was reached."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        counts: Counter[str] = Counter()
        code = 0
        try:
            _in_child()
            _install(lambda site: counts.update((site,)))
            work()
        except BaseException:  # noqa: BLE001
            code = 1
        finally:
            sys.setprofile(None)
        out.write_text(json.dumps(counts), encoding="utf-8")
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise AssertionError("the work failed without any kill")
    return dict(json.loads(out.read_text(encoding="utf-8")))


def run_killed(work: Callable[[], object], point: KillPoint) -> int:
    """Run ``work`` in a forked child killed at ``point``; the child's exit code (-9 killed)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        seen: Counter[str] = Counter()

        def hook(site: str) -> None:
            if site == point.site:
                seen[site] += 1
                if seen[site] == point.count:
                    os.kill(os.getpid(), signal.SIGKILL)

        code = 0
        try:
            _in_child()
            _install(hook)
            work()
        except BaseException:  # noqa: BLE001
            code = 1
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def choose_points(counts: dict[str, int], wanted: int) -> list[KillPoint]:
    """Up to ``wanted`` distinct kill points spread evenly over every site that was reached."""
    sites = sorted(site for site, total in counts.items() if total > 0)
    points: list[KillPoint] = []
    if not sites:
        return points
    share = max(1, wanted // len(sites))
    for site in sites:
        total = counts[site]
        take = min(total, share)
        step = total / take
        points.extend(KillPoint(site, int(i * step) + 1) for i in range(take))
    chosen = set(points)
    # Top up from the sites with the most events until ``wanted`` points are chosen.
    for site in sorted(sites, key=lambda s: -counts[s]):
        for count in range(1, counts[site] + 1):
            if len(chosen) >= wanted:
                break
            point = KillPoint(site, count)
            if point not in chosen:
                chosen.add(point)
                points.append(point)
    return points[:wanted] if len(points) > wanted else points


def wanted_points(default: int) -> int:
    """How many kill points to try: ``MAMMOLOG_CRASH_POINTS`` or ``default``."""
    return int(os.environ.get("MAMMOLOG_CRASH_POINTS", default))
