"""The log file: counts, timings and reasons; never patient names or IDs."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from mammolog.paths import AppPaths, make_private_dir, make_private_file

_configured: set[str] = set()


def configure_logging(paths: AppPaths) -> None:
    """Send mammolog's log records to its private, rotating log file (once per file)."""
    key = str(paths.log_file)
    if key in _configured:
        return
    try:
        make_private_dir(paths.logs_dir)
        handler = RotatingFileHandler(
            paths.log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        make_private_file(paths.log_file)
    except OSError:
        return  # a read-only home still works; it just keeps no log
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("mammolog")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    _configured.add(key)
