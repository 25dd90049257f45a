"""The installed ``mammolog demo`` in a real terminal (tmux), at 80 x 24 and at 160 x 48:
keys in, screen text out. Drives the library, a study, the results form (add, change and
remove a finding), the images (with a burst of keys, and the slices of the newest exam's
tomosynthesis volumes), the timeline and the export."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.tools, pytest.mark.slow]

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]
TODAY = "2026-11-01"
LATEST = "2025-10-01"


def _mammolog() -> str | None:
    beside = Path(sys.executable).with_name("mammolog")
    return str(beside) if beside.exists() else shutil.which("mammolog")


class Terminal:
    """One tmux session running one command."""

    def __init__(self, name: str, home: Path, size: tuple[int, int]) -> None:
        self.name = name
        self.home = home
        self.size = size

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str) -> None:
        """Type ``text`` a key at a time, as a person does (a single send-keys of several
        characters arrives as one burst, which terminals treat like a paste)."""
        for character in text:
            self.keys(character)

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

    def wait_for_match(self, pattern: str, timeout: float = 30.0) -> re.Match[str]:
        """Poll the screen until the regular expression ``pattern`` matches it."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            found = re.search(pattern, screen)
            if found is not None:
                return found
            time.sleep(0.2)
        raise AssertionError(f"{pattern!r} never matched; the screen was:\n{screen}")

    def wait_gone(self, text: str, timeout: float = 30.0) -> str:
        """Poll the screen until ``text`` is no longer shown."""
        deadline = time.monotonic() + timeout
        screen = self.screen()
        while time.monotonic() < deadline:
            screen = self.screen()
            if text not in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} stayed on the screen:\n{screen}")

    def wait_for_row(self, label: str, value: str, timeout: float = 30.0) -> None:
        """Poll until a form row that starts with ``label`` shows ``value``."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            rows = [line.strip(" │") for line in screen.splitlines()]  # a dialog's border
            if any(row.startswith(label) and value in row for row in rows):
                return
            time.sleep(0.2)
        raise AssertionError(f"no row {label!r} with {value!r}; the screen was:\n{screen}")

    def pick(self, listed: str, typed: str, label: str, shown: str) -> None:
        """Open the focused picker (wait until ``listed``, one of its choices, shows), type
        to find a choice, take it, and wait until the row ``label`` shows ``shown``."""
        self.keys("Enter")
        self.wait_for(listed)
        self.type(typed)
        self.keys("Enter")
        self.wait_gone(listed)
        self.wait_for_row(label, shown)

    def tab(self, times: int, back: bool = False) -> None:
        self.keys(*(["BTab" if back else "Tab"] * times))


@pytest.fixture(params=SIZES)
def demo_terminal(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    program = _mammolog()
    if program is None:
        pytest.skip("the mammolog command is not installed (pip install -e .)")
    width, height = request.param
    name = f"mammolog-e2e-{uuid.uuid4().hex[:8]}"
    env = {
        "MAMMOLOG_TODAY": TODAY,
        "TERM": "xterm-256color",
        "HOME": str(tmp_path),
        "PATH": os.environ.get("PATH", ""),
    }
    exports = " ".join(f"{key}={value}" for key, value in env.items())
    command = f"cd {tmp_path} && env -i {exports} {program} demo --demo-home {tmp_path / 'demo'}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), command],
        check=True,
    )
    try:
        yield Terminal(name, tmp_path, (width, height))
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], check=False, capture_output=True)


def findings_on(terminal: Terminal, study: str) -> list[dict[str, object]]:
    """What the catalog holds now, read with the command line."""
    program = _mammolog()
    assert program is not None
    out = subprocess.run(
        [program, "--home", str(terminal.home / "demo"), "finding", "list", study, "--json"],
        check=True, capture_output=True, text=True, env={**os.environ, "MAMMOLOG_TODAY": TODAY},
    ).stdout  # fmt: skip
    findings: list[dict[str, object]] = json.loads(out)
    return findings


def test_library_study_results_timeline_export(demo_terminal: Terminal) -> None:
    term = demo_terminal
    width, _height = term.size
    term.wait_for("Kowalska", timeout=90)
    term.wait_for("Overdue since")  # the results and the due date are read
    # The columns that matter first, and a footer that is not cut.
    screen = term.wait_for("f5 Export")
    for title in ("Date", "BI-RADS R", "BI-RADS L", "Density"):
        assert title in screen
    if width >= 160:
        assert "Northside Imaging" in screen and "MAMMOGRAPHY SCREENING BILATERAL" in screen
    # End and Home move the cursor: the detail line follows the highlighted study.
    term.keys("End")
    term.wait_for("St Mary Breast Centre · MAMMOGRAPHY SCREENING")
    term.keys("Home")
    term.wait_for("Northside Imaging · MAMMOGRAPHY SCREENING")
    # Escape leaves the search box, so m is a key again (the persons screen), not a letter.
    term.type("/north")
    term.wait_for("of 14 studies")  # the search filtered the table
    term.keys("Escape")  # alone: a key right after Escape would read as Alt+key
    term.wait_for("m Persons")  # the footer lists m again: the box gave the keys back
    term.keys("m")
    term.wait_for("Names on discs")
    term.keys("Escape")
    term.wait_for("BI-RADS R")

    term.keys("Enter")
    term.wait_for("R MLO")
    term.wait_for("Proposals from reports" if width >= 160 else "Reports and documents")
    term.keys("e")
    term.wait_for("Result of the exam on 2025-10-01")
    term.wait_for("coarse calcifications R LOQ")

    # Add a finding: the type picker is the eighth stop (categories, density,
    # recommendation, note, the list and its two buttons come first).
    term.tab(8)
    term.pick("Intramammary lymph node", "mass", "Finding", "Mass")
    term.wait_for_row("Margin", "not stated")  # a mass has a shape, margin and density
    term.tab(1)
    term.pick("both", "le", "Side", "left")
    term.tab(1)
    term.pick("Irregular", "ov", "Shape", "Oval")
    term.tab(6)  # margin, density, quadrant, o'clock, since last, then Add finding
    term.keys("Enter")
    term.wait_for("oval mass L")
    # Change the recorded finding: back to the list, Enter on its first row.
    term.tab(8, back=True)
    term.keys("Enter")
    term.wait_for("Keep this change")
    term.tab(3)  # side, shape, spread
    term.pick("Segmental", "gro", "Spread", "Grouped")
    term.tab(4)  # quadrant, o'clock, since last, then Keep this change
    term.keys("Enter")
    term.wait_for("grouped coarse calcifications R LOQ")
    # Remove it again: Delete on the list's first row.
    term.tab(8, back=True)
    term.keys("Delete")
    term.wait_gone("grouped coarse calcifications")
    term.keys("C-s")
    term.wait_for("Saved 1 finding")
    stored = findings_on(term, LATEST)
    assert [(f["type"], f["side"], f["shape"]) for f in stored] == [("mass", "L", "oval")]

    term.keys("F4")
    screen = term.wait_for("since the previous exam")
    assert "Overdue since 2026-10-01" in screen
    assert "new oval mass L" in screen  # the result just saved is on the timeline
    term.keys("F1")
    term.wait_for("What it does")
    term.keys("Escape")
    term.keys("F5")
    term.wait_for("Write to")  # the suggested path is long; at 80 columns only its start shows
    term.keys("C-s")
    term.wait_for("Summary written", timeout=90)
    assert (term.home / "mammolog-export-2026-11-01.pdf").read_bytes().startswith(b"%PDF")
    term.keys("C-q")


def test_images_survive_a_burst_of_keys(demo_terminal: Terminal) -> None:
    """Fifty zoom keys at once, then Help and Quit still answer."""
    term = demo_terminal
    term.wait_for("Kowalska", timeout=90)
    term.keys("i")
    term.wait_for("L MLO")
    term.keys(*(["+"] * 50))
    term.keys("F1")
    term.wait_for("What it does")
    term.keys("Escape", "Escape")
    term.wait_for("BI-RADS R")
    term.keys("C-q")


def test_tomosynthesis_slices_scroll(demo_terminal: Terminal) -> None:
    """The newest exam hangs its synthesized 2D views; n puts the DBT volumes in the slots,
    and PageDown or . shows the next slice in the caption."""
    term = demo_terminal
    term.wait_for("Kowalska", timeout=90)
    term.keys("i")
    screen = term.wait_for("synthesized 2D")
    assert re.search(r"slice \d+ / 19", screen) is None  # the 2D views hang first
    term.keys("n")  # no slot focused: every slot goes to its next image, the volume
    shown = term.wait_for_match(r"slice (\d+) / 19")
    first = int(shown.group(1))
    assert 1 < first < 19  # a volume opens at a middle slice
    term.keys("PageDown")
    term.wait_for(f"slice {first + 1} / 19")
    term.keys(".")
    term.wait_for(f"slice {first + 2} / 19")
    term.keys("Escape")
    term.wait_for("BI-RADS R")
    term.keys("C-q")
