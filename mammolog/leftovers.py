"""Temporary files and folders left by a process that was killed, found by the pid in their name.

Writers name their temporaries ``<prefix><pid>-<random>``; anyone may remove one whose process
no longer runs. A running writer's temporaries are never touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from pathlib import Path


def process_alive(pid: int) -> bool:
    """True when a process with this id runs (or may run, if it belongs to someone else)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


_OWNER = re.compile(r"^\D*?(\d+)-")


def owner_pid(name: str) -> int | None:
    """The writer's process id in a temporary's name (``imp-<pid>-7.part``), or None."""
    match = _OWNER.match(name)
    return int(match.group(1)) if match else None


def written_by_running_process(name: str) -> bool:
    """True when ``name`` is a temporary whose writer still runs (so it is not a leftover)."""
    pid = owner_pid(name)
    return pid is not None and process_alive(pid)


def remove_abandoned(parent: Path, prefix: str, suffix: str = "") -> int:
    """Remove ``<prefix><pid>-*<suffix>`` entries of ``parent`` whose writer is gone."""
    removed = 0
    if not parent.is_dir():
        return 0
    for entry in parent.glob(f"{prefix}*{suffix}"):
        pid_text = entry.name[len(prefix) :].split("-", 1)[0]
        if pid_text.isdigit() and process_alive(int(pid_text)):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()
        removed += 1
    return removed
