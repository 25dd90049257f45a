"""The layers: only the terminal app imports textual; the domain imports no I/O library."""

from __future__ import annotations

import subprocess
import sys

LOWER_PACKAGES = [
    "mammolog.domain", "mammolog.dicom", "mammolog.catalog", "mammolog.services",
    "mammolog.reports", "mammolog.export", "mammolog.paths", "mammolog.cli",
]  # fmt: skip


def _modules_after_import(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return set(done.stdout.split())


def test_lower_layers_never_import_textual() -> None:
    code = "\n".join(
        [
            "import importlib, pkgutil",
            *[f"import {name}" for name in LOWER_PACKAGES],
            "for pkg in " + repr(LOWER_PACKAGES[:6]) + ":",
            "    mod = importlib.import_module(pkg)",
            "    for info in pkgutil.walk_packages(getattr(mod, '__path__', []), pkg + '.'):",
            "        if '.migrations' not in info.name:",
            "            importlib.import_module(info.name)",
        ]
    )
    loaded = _modules_after_import(code)
    assert not any(name == "textual" or name.startswith("textual.") for name in loaded)


def test_domain_is_pure() -> None:
    loaded = _modules_after_import(
        "import importlib, pkgutil, mammolog.domain as d\n"
        "for i in pkgutil.walk_packages(d.__path__, 'mammolog.domain.'):\n"
        "    importlib.import_module(i.name)"
    )
    for library in ("pydicom", "sqlmodel", "sqlalchemy", "textual", "numpy"):
        assert library not in loaded, library
