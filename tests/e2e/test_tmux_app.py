"""The installed ``mammolog demo`` in a real terminal (tmux): keys in, screen text out."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.tools, pytest.mark.slow]

WIDTH, HEIGHT = 120, 40


def _mammolog() -> str | None:
    beside = Path(sys.executable).with_name("mammolog")
    return str(beside) if beside.exists() else shutil.which("mammolog")


class Terminal:
    """One tmux session running one command."""

    def __init__(self, name: str) -> None:
        self.name = name

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        """Poll the screen until ``text`` shows (a wait for a condition, not a timing check)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")


@pytest.fixture
def demo_terminal(tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    program = _mammolog()
    if program is None:
        pytest.skip("the mammolog command is not installed (pip install -e .)")
    name = f"mammolog-e2e-{uuid.uuid4().hex[:8]}"
    env = {
        "MAMMOLOG_TODAY": "2026-11-01",
        "TERM": "xterm-256color",
        "HOME": str(tmp_path),
        "PATH": os.environ.get("PATH", ""),
    }
    exports = " ".join(f"{key}={value}" for key, value in env.items())
    command = f"env -i {exports} {program} demo --demo-home {tmp_path / 'demo'}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT), command],
        check=True,
    )
    try:
        yield Terminal(name)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], check=False, capture_output=True)


def test_demo_library_timeline_and_help(demo_terminal: Terminal) -> None:
    screen = demo_terminal.wait_for("St Mary Breast Centre", timeout=60)
    assert "BI-RADS R" in screen
    assert "Kowalska" in screen
    demo_terminal.keys("F4")
    screen = demo_terminal.wait_for("since the previous exam")
    assert "Overdue since" in screen
    assert "Category over time" in screen
    demo_terminal.keys("F1")
    demo_terminal.wait_for("What it does")
    demo_terminal.keys("Escape")
    demo_terminal.keys("F2")
    demo_terminal.wait_for("St Mary Breast Centre")
    demo_terminal.keys("Enter")
    screen = demo_terminal.wait_for("R MLO")
    assert "Proposals from reports" in screen
    demo_terminal.keys("F5")
    demo_terminal.wait_for("mammolog-export-2026-11-01.pdf")
    demo_terminal.keys("C-s")
    demo_terminal.wait_for("Summary written", timeout=60)
    demo_terminal.keys("C-q")
