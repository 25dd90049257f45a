"""A one-line progress display on a terminal (files, bytes, rate, ETA); silent otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from mammolog.commands._common import human_bytes, plural


class ProgressLine:
    """Redraws one stderr line at most ten times a second; does nothing when not a TTY."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.started = time.monotonic()
        self._last_draw = 0.0
        self._drawn = False

    def update(self, files_done: int, files_total: int, bytes_done: int, bytes_total: int) -> None:
        """Show the current figures (throttled)."""
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last_draw < 0.1 and files_done < files_total:
            return
        self._last_draw = now
        elapsed = max(now - self.started, 1e-6)
        rate = bytes_done / elapsed
        fraction = (
            bytes_done / bytes_total
            if bytes_total
            else (files_done / files_total if files_total else 0)
        )
        eta = (elapsed / fraction - elapsed) if fraction > 0 else 0.0
        width = 24
        filled = int(width * min(fraction, 1.0))
        bar = "#" * filled + "." * (width - filled)
        text = (
            f"\r{self.label} [{bar}] {files_done:,}/{plural(files_total, 'file')}  "
            f"{human_bytes(bytes_done)}/{human_bytes(bytes_total)}  {human_bytes(rate)}/s  "
            f"ETA {int(eta) // 60}:{int(eta) % 60:02d} "
        )
        self.stream.write(text)
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """End the line."""
        if self.enabled and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
