"""The log file: counts, timings and reasons; never patient names or IDs.

Warnings raised by libraries (pydicom warns about every odd value it meets on a disc) are
routed into the log too, never onto the terminal, with every quoted value in them blanked:
pydicom quotes the offending value, which may be a name.
"""

from __future__ import annotations

import logging
import re
import warnings
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TextIO

from mammolog.paths import AppPaths, make_private_dir, make_private_file

_configured: set[str] = set()
_warning_log = logging.getLogger("mammolog.warnings")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|b'[^']*'")
MAX_WARNING_CHARS = 200

logging.getLogger("mammolog").addHandler(logging.NullHandler())


def configure_logging(paths: AppPaths) -> None:
    """Send mammolog's log records to its private, rotating log file (once per file).

    Library warnings go to the log from now on (see :func:`route_warnings_to_log`).
    """
    route_warnings_to_log()
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


def scrub_warning(message: str) -> str:
    """A warning's text with every quoted value blanked and the length bounded."""
    text = _QUOTED.sub("'…'", " ".join(message.split()))
    return text[:MAX_WARNING_CHARS]


def _log_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    where = Path(filename).name
    _warning_log.info("%s from %s:%d: %s", category.__name__, where, lineno,
                      scrub_warning(str(message)))  # fmt: skip


def route_warnings_to_log() -> None:
    """Write every warning (pydicom's ``UserWarning`` lines included) to the log, not stderr."""
    warnings.showwarning = _log_warning
