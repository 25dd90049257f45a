"""Where mammolog keeps its files.

By default the locations come from platformdirs (the platform's data, cache and log
folders). ``MAMMOLOG_HOME`` or the global ``--home DIR`` option put everything under one
folder instead: portable use on a USB stick, and tests.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "mammolog"
HOME_ENV = "MAMMOLOG_HOME"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


@dataclass(frozen=True)
class AppPaths:
    """Every location mammolog reads or writes."""

    data_dir: Path
    database: Path
    library_dir: Path
    attachments_dir: Path
    incoming_dir: Path
    cache_dir: Path
    previews_dir: Path
    logs_dir: Path
    log_file: Path
    settings_file: Path
    backups_dir: Path
    home: Path | None = None

    @classmethod
    def under_home(cls, home: Path) -> AppPaths:
        """All locations inside one folder."""
        home = home.expanduser().absolute()
        return cls(
            data_dir=home,
            database=home / "catalog.sqlite",
            library_dir=home / "library",
            attachments_dir=home / "library" / "attachments",
            incoming_dir=home / "library" / ".incoming",
            cache_dir=home / "cache",
            previews_dir=home / "cache" / "previews",
            logs_dir=home / "logs",
            log_file=home / "logs" / "mammolog.log",
            settings_file=home / "settings.json",
            backups_dir=home / "backups",
            home=home,
        )

    @classmethod
    def platform_default(cls) -> AppPaths:
        """The platform's own folders (XDG on Linux, ~/Library on macOS, AppData on Windows)."""
        data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        cache = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
        logs = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
        config = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
        return cls(
            data_dir=data,
            database=data / "catalog.sqlite",
            library_dir=data / "library",
            attachments_dir=data / "library" / "attachments",
            incoming_dir=data / "library" / ".incoming",
            cache_dir=cache,
            previews_dir=cache / "previews",
            logs_dir=logs,
            log_file=logs / "mammolog.log",
            settings_file=config / "settings.json",
            backups_dir=data / "backups",
        )

    @classmethod
    def resolve(cls, home: str | Path | None = None) -> AppPaths:
        """``home`` if given, else ``MAMMOLOG_HOME`` if set, else the platform folders."""
        chosen = home if home else os.environ.get(HOME_ENV)
        if chosen:
            return cls.under_home(Path(chosen))
        return cls.platform_default()

    def directories(self) -> list[Path]:
        """Every folder mammolog creates."""
        dirs = [
            self.data_dir,
            self.library_dir,
            self.attachments_dir,
            self.incoming_dir,
            self.cache_dir,
            self.previews_dir,
            self.logs_dir,
            self.settings_file.parent,
            self.backups_dir,
        ]
        return list(dict.fromkeys(dirs))

    def ensure(self) -> AppPaths:
        """Create the folders, private to the user (0700)."""
        for directory in self.directories():
            make_private_dir(directory)
        return self

    def as_dict(self) -> dict[str, str]:
        """Every path by name, for ``mammolog locate``."""
        return {
            "home": str(self.home) if self.home else "",
            "data": str(self.data_dir),
            "database": str(self.database),
            "library": str(self.library_dir),
            "attachments": str(self.attachments_dir),
            "incoming": str(self.incoming_dir),
            "cache": str(self.cache_dir),
            "previews": str(self.previews_dir),
            "logs": str(self.logs_dir),
            "log_file": str(self.log_file),
            "settings": str(self.settings_file),
            "backups": str(self.backups_dir),
        }


def make_private_dir(directory: Path) -> None:
    """Create ``directory`` and any missing parents, each 0700, and make ``directory`` 0700.

    Parents that already exist are left as they are (they may be the user's own folders).
    """
    missing = []
    current = directory
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            pass
        folder.chmod(PRIVATE_DIR_MODE)
    if directory.stat().st_mode & 0o777 != PRIVATE_DIR_MODE:
        directory.chmod(PRIVATE_DIR_MODE)


def make_private_file(path: Path) -> None:
    """Make an existing file 0600."""
    if path.exists() and path.stat().st_mode & 0o777 != PRIVATE_FILE_MODE:
        path.chmod(PRIVATE_FILE_MODE)


class LibraryPathError(PermissionError):
    """A catalog path that would lead out of the library (absolute, ``..``, a link): refused."""


def library_relpath(relpath: str) -> str:
    """``relpath`` when it is a plain library-relative POSIX path, else :class:`LibraryPathError`.

    Refused: empty paths, absolute paths (``/x``, ``C:x``), backslashes, NUL, and any
    ``..``, ``.`` or empty component. Only the text is checked; see :func:`library_file`.
    """
    text = str(relpath)
    shown = repr(text[:80])
    if not text or "\x00" in text or "\\" in text:
        raise LibraryPathError(f"catalog path {shown} is not a plain library path; refused")
    if text.startswith("/") or (len(text) > 1 and text[1] == ":"):
        raise LibraryPathError(f"catalog path {shown} is absolute, outside the library; refused")
    if any(part in ("", ".", "..") for part in text.split("/")):
        raise LibraryPathError(f"catalog path {shown} leads out of the library; refused")
    return text


def safe_library_path(relpath: str) -> bool:
    """True when ``relpath`` is a plain library-relative path (see :func:`library_relpath`)."""
    try:
        library_relpath(relpath)
    except LibraryPathError:
        return False
    return True


def library_file(library_dir: Path, relpath: str) -> Path:
    """The file ``relpath`` names inside ``library_dir``; every reader of catalog paths uses it.

    Raises :class:`LibraryPathError` when the path leaves the library by its text or through a
    symbolic link anywhere below ``library_dir`` (the library holds no links; a link there was
    put by someone else). A path that does not exist is returned as it is: the caller's open
    reports it missing.
    """
    parts = library_relpath(relpath).split("/")
    current = library_dir
    for part in parts:
        current = current / part
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                raise LibraryPathError(
                    f"catalog path {relpath[:80]!r} goes through a link; refused"
                )
        except (FileNotFoundError, NotADirectoryError):
            break
    return library_dir.joinpath(*parts)


def _real(path: Path) -> Path:
    """``path`` with every link in its existing part resolved (the rest kept as written)."""
    return Path(os.path.realpath(path.expanduser().absolute()))


def _contains(folder: Path, path: Path) -> bool:
    return path == folder or folder in path.parents


def refuse_inside_home(paths: AppPaths, target: Path) -> str | None:
    """Why ``target`` may not be written by an export, or None when it may.

    An export may neither land inside one of mammolog's own folders (the catalog, the library
    and its attachments, backups, cache, logs, settings) nor replace a folder holding one of
    them: ``--out HOME/catalog.sqlite`` would replace the catalog and ``--out HOME/backups
    --force`` delete the backups. Links are resolved first.
    """
    real_target = _real(target)
    # The most specific folder first, so the message names it.
    own = [paths.library_dir, paths.backups_dir, paths.cache_dir, paths.logs_dir,
           paths.settings_file.parent, paths.data_dir]  # fmt: skip
    if paths.home is not None:
        own.append(paths.home)
    for folder in dict.fromkeys(_real(p) for p in own):
        if _contains(folder, real_target):
            return f"{target} is inside mammolog's own folder {folder}; choose a place outside it"
        if _contains(real_target, folder):
            return f"{target} holds mammolog's own folder {folder}; choose another place"
    return None
