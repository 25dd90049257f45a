"""A folder source, walked and opened relative to directory descriptors."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from mammolog.dicom.source_base import (
    LinkRefused,
    Source,
    SourceEntry,
    SourceError,
    SourceProblem,
    read_error_reason,
    safe_relpath,
)

# POSIX flags (Linux, macOS, the BSDs); absent names count as 0 so the module always imports.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW
_FILE_FLAGS = os.O_RDONLY | _NOFOLLOW


@dataclass
class FolderSource(Source):
    """A folder: a mounted disc, a USB stick or any directory.

    The root is opened once; every folder below it is walked and every file opened relative
    to its parent's directory descriptor, refusing a link in any component (``O_NOFOLLOW``,
    ``O_DIRECTORY``). A folder swapped for a link while the import runs therefore cannot let
    a file from outside the source in. Links inside the source that lead to another place
    inside it are followed at walk time and opened by their real path, also without links.
    """

    root_real: str = ""
    _root_fd: int = -1
    _linked: dict[str, str] = field(default_factory=dict)  # shown relpath -> real relpath
    # The folder of the last file opened stays open: files are read folder by folder, and a
    # descriptor keeps naming the folder it was opened on whatever is renamed since.
    _last_dir: tuple[str, int] | None = None

    def __post_init__(self) -> None:
        self.root_real = os.path.realpath(self.path)
        try:
            self._root_fd = os.open(self.root_real, _DIR_FLAGS)
        except OSError as exc:
            raise SourceError(f"source folder not readable: {read_error_reason(exc)}") from exc

    @property
    def kind(self) -> str:
        return "folder"

    def _inside(self, real: str) -> bool:
        return real == self.root_real or real.startswith(self.root_real.rstrip(os.sep) + os.sep)

    def _real_relpath(self, real: str) -> str:
        return "" if real == self.root_real else os.path.relpath(real, self.root_real)

    def walk(self) -> Iterator[SourceEntry]:
        root = os.stat(self._root_fd)
        seen = {(root.st_dev, root.st_ino)}
        fd = os.dup(self._root_fd)
        yield from self._walk_dir(fd, "", "", seen)

    def _walk_dir(
        self, dir_fd: int, rel_dir: str, real_dir: str, seen: set[tuple[int, int]]
    ) -> Iterator[SourceEntry]:
        """Walk the folder open as ``dir_fd`` (closed at the end), shown as ``rel_dir``."""
        try:
            try:
                with os.scandir(dir_fd) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                self.problems.append(
                    SourceProblem(rel_dir or ".", f"folder not readable: {read_error_reason(exc)}")
                )
                return
            for entry in entries:
                rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
                real_rel = f"{real_dir}/{entry.name}" if real_dir else entry.name
                try:
                    if entry.is_symlink():
                        yield from self._follow_link(rel, real_rel, seen)
                    elif entry.is_dir(follow_symlinks=False):
                        child = os.open(entry.name, _DIR_FLAGS, dir_fd=dir_fd)
                        st = os.fstat(child)
                        if (st.st_dev, st.st_ino) in seen:
                            os.close(child)
                            continue
                        seen.add((st.st_dev, st.st_ino))
                        yield from self._walk_dir(child, rel, real_rel, seen)
                    elif entry.is_file(follow_symlinks=False):
                        if rel != real_rel:
                            self._linked[rel] = real_rel
                        yield SourceEntry(rel, entry.stat(follow_symlinks=False).st_size)
                except OSError as exc:
                    self.problems.append(
                        SourceProblem(rel, f"not readable: {read_error_reason(exc)}")
                    )
        finally:
            os.close(dir_fd)

    def _follow_link(
        self, rel: str, real_rel: str, seen: set[tuple[int, int]]
    ) -> Iterator[SourceEntry]:
        target = os.path.realpath(os.path.join(self.root_real, *real_rel.split("/")))
        if not self._inside(target):
            self.problems.append(SourceProblem(rel, "link leads outside the source; not followed"))
            return
        target_rel = self._real_relpath(target)
        if not target_rel:
            return  # a link to the root itself: already walked
        fd = self._open_relative(target_rel, directory=None)
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            if (st.st_dev, st.st_ino) in seen:
                os.close(fd)
                return
            seen.add((st.st_dev, st.st_ino))
            yield from self._walk_dir(fd, rel, target_rel, seen)
            return
        os.close(fd)
        if stat.S_ISREG(st.st_mode):
            self._linked[rel] = target_rel
            yield SourceEntry(rel, st.st_size)

    def _open_relative(self, real_rel: str, *, directory: bool | None) -> int:
        """Open ``real_rel`` below the root one component at a time, never through a link.

        ``directory`` True/False insists on a folder/file; None accepts either.
        """
        parts = real_rel.split("/")
        folder = "/".join(parts[:-1])
        try:
            fd = self._folder_fd(folder, parts[:-1])
            flags = _DIR_FLAGS if directory else _FILE_FLAGS
            opened = os.open(parts[-1], flags, dir_fd=fd)
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                raise LinkRefused(exc.errno, "a link is in the way; not followed") from exc
            raise
        if directory is False and not stat.S_ISREG(os.fstat(opened).st_mode):
            os.close(opened)
            raise PermissionError(f"not a regular file: {real_rel}")
        return opened

    def _folder_fd(self, folder: str, parts: list[str]) -> int:
        """A descriptor of ``folder`` below the root, opened one component at a time."""
        if not parts:
            return self._root_fd
        if self._last_dir is not None and self._last_dir[0] == folder:
            return self._last_dir[1]
        fd = self._root_fd
        try:
            for part in parts:
                next_fd = os.open(part, _DIR_FLAGS, dir_fd=fd)
                if fd != self._root_fd:
                    os.close(fd)
                fd = next_fd
        except OSError:
            if fd != self._root_fd:
                os.close(fd)
            raise
        self._forget_folder()
        self._last_dir = (folder, fd)
        return fd

    def _forget_folder(self) -> None:
        if self._last_dir is not None:
            os.close(self._last_dir[1])
            self._last_dir = None

    def open(self, relpath: str) -> BinaryIO:
        rel = safe_relpath(relpath)
        fd = self._open_relative(self._linked.get(rel, rel), directory=False)
        return os.fdopen(fd, "rb")

    def close(self) -> None:
        self._forget_folder()
        if self._root_fd >= 0:
            os.close(self._root_fd)
            self._root_fd = -1
