"""A private on-disk cache of image previews, so an image shown once comes back at once.

Previews are rendered at a size bucket (each side of the requested box rounded up to one of
:data:`SIZE_BUCKETS`, steps of about 1.5x), stored as PNG with the rendering facts in a text chunk, and handed back scaled
to the requested box. Files are 0600 in 0700 folders and appear atomically (temporary file and
rename), so any number of worker threads can share one cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from os import PathLike
from pathlib import Path
from typing import Any, Final, Protocol

from PIL import Image, PngImagePlugin

from mammolog.dicom.pixels import PreviewImage, fit_size, render_preview
from mammolog.dicom.voi import Window

__all__ = ["SIZE_BUCKETS", "PreviewCache", "PreviewCacheError", "Renderer", "size_bucket"]

SIZE_BUCKETS: Final = (128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096)
_FORMAT_VERSION: Final = "1"
_HASH_CHUNK: Final = 1 << 20
_TEXT_KEY: Final = "mammolog-preview"


class PreviewCacheError(Exception):
    """The cache folder cannot be used; ``str(error)`` is a plain reason."""


def size_bucket(max_width: int, max_height: int) -> tuple[int, int]:
    """The box (width, height) a preview for this box is rendered and cached at."""
    return _bucket(max_width), _bucket(max_height)


def _bucket(length: int) -> int:
    for bucket in SIZE_BUCKETS:
        if bucket >= length:
            return bucket
    return SIZE_BUCKETS[-1]


class Renderer(Protocol):
    """Renders a preview; :func:`~mammolog.dicom.pixels.render_preview` is the default."""

    def __call__(
        self,
        path: str | PathLike[str],
        *,
        max_width: int,
        max_height: int,
        window: Window | tuple[float, float] | None = None,
        frame: int = 0,
    ) -> PreviewImage: ...


class PreviewCache:
    """Previews on disk under ``cache_dir``, keyed by image identity, size bucket and window.

    ``renderer`` replaces :func:`~mammolog.dicom.pixels.render_preview` (tests, benchmarks).

    Example (in a thread worker)::

        cache = PreviewCache(paths.cache / "previews")
        preview = cache.get_or_render(image_path, sop_instance_uid, 1280, 800)
        widget_image = preview.image  # 8-bit grayscale PIL image
    """

    def __init__(self, cache_dir: str | PathLike[str], renderer: Renderer | None = None) -> None:
        self.cache_dir = Path(cache_dir)
        self._renderer = renderer
        self._guard = threading.Lock()
        self._key_locks: dict[str, threading.Lock] = {}

    def get_or_render(
        self,
        path: str | PathLike[str],
        key: str | None,
        max_width: int,
        max_height: int,
        window: Window | tuple[float, float] | None = None,
        frame: int = 0,
    ) -> PreviewImage:
        """Return the preview of ``path`` fitting the box, from the cache or freshly rendered.

        ``key`` identifies the image content (the SOP Instance UID); ``None`` hashes the file.
        Raises :class:`~mammolog.dicom.pixels.PixelDecodeError` when the image cannot be
        decoded and :class:`PreviewCacheError` when the cache folder cannot be written.
        """
        if max_width < 1 or max_height < 1:
            raise ValueError("max_width and max_height must be at least 1")
        bucket = size_bucket(max_width, max_height)
        identity = key if key else _file_hash(path)
        window_key = None if window is None else tuple(float(v) for v in _window_pair(window))
        name = _entry_name(identity, bucket, window_key, frame)
        entry = self.cache_dir / name[:2] / f"{name}.png"
        with self._lock_for(name):
            preview = _load(entry)
            if preview is None:
                render = self._renderer or render_preview
                preview = render(
                    path, max_width=bucket[0], max_height=bucket[1], window=window, frame=frame
                )
                self._store(entry, preview)
        return _fit(preview, max_width, max_height)

    def cached_path(
        self,
        key: str,
        max_width: int,
        max_height: int,
        window: Window | tuple[float, float] | None = None,
        frame: int = 0,
    ) -> Path | None:
        """The PNG file holding this preview, or ``None`` when it is not cached yet."""
        window_key = None if window is None else tuple(float(v) for v in _window_pair(window))
        name = _entry_name(key, size_bucket(max_width, max_height), window_key, frame)
        entry = self.cache_dir / name[:2] / f"{name}.png"
        return entry if entry.is_file() else None

    def clear(self) -> int:
        """Delete every cached preview; returns how many files were removed."""
        removed = 0
        if not self.cache_dir.is_dir():
            return 0
        for entry in self.cache_dir.glob("*/*.png"):
            try:
                entry.unlink()
                removed += 1
            except FileNotFoundError:
                continue
        return removed

    @contextmanager
    def _lock_for(self, name: str) -> Iterator[None]:
        with self._guard:
            lock = self._key_locks.setdefault(name, threading.Lock())
        with lock:
            yield

    def _store(self, entry: Path, preview: PreviewImage) -> None:
        try:
            _private_dirs(self.cache_dir, entry.parent)
            descriptor, temporary = tempfile.mkstemp(
                prefix=".tmp-", suffix=".png", dir=entry.parent
            )  # created 0600
            try:
                with os.fdopen(descriptor, "wb") as stream:
                    info = PngImagePlugin.PngInfo()
                    info.add_text(_TEXT_KEY, json.dumps(_facts(preview)))
                    preview.image.save(stream, "PNG", pnginfo=info, compress_level=1)
                os.replace(temporary, entry)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise PreviewCacheError(
                f"the preview cache at {self.cache_dir} cannot be written ({exc.strerror or exc})"
            ) from exc


def _window_pair(window: Window | tuple[float, float]) -> tuple[float, float]:
    if isinstance(window, Window):
        return window.center, window.width
    return float(window[0]), float(window[1])


def _entry_name(
    identity: str, bucket: tuple[int, int], window: tuple[float, ...] | None, frame: int
) -> str:
    text = f"v{_FORMAT_VERSION}|{identity}|{bucket[0]}x{bucket[1]}|{window}|{frame}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


def _file_hash(path: str | PathLike[str]) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(_HASH_CHUNK):
                digest.update(chunk)
    except OSError:
        return f"unreadable:{os.fspath(path)}"  # render_preview reports the plain reason
    return "sha256:" + digest.hexdigest()


def _private_dirs(root: Path, leaf: Path) -> None:
    for folder in (root, leaf):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folder.stat().st_mode & 0o077:
            folder.chmod(0o700)


def _facts(preview: PreviewImage) -> dict[str, Any]:
    window = preview.window
    file_window = preview.file_window
    return {
        "rows": preview.rows,
        "columns": preview.columns,
        "frame": preview.frame,
        "number_of_frames": preview.number_of_frames,
        "photometric": preview.photometric,
        "window": None if window is None else [window.center, window.width],
        "window_source": preview.window_source,
        "voi_function": preview.voi_function,
        "file_window": None if file_window is None else [file_window.center, file_window.width],
        "laterality": preview.laterality,
        "transfer_syntax": preview.transfer_syntax,
        "decode_reduction": preview.decode_reduction,
    }


def _load(entry: Path) -> PreviewImage | None:
    """The cached preview at ``entry``, or ``None`` when absent or unreadable (then removed)."""
    try:
        with Image.open(entry) as stored:
            stored.load()
            facts = json.loads(stored.info[_TEXT_KEY])
            image = stored.convert("L") if stored.mode != "L" else stored.copy()
        window = facts["window"]
        file_window = facts["file_window"]
        return PreviewImage(
            image=image,
            rows=int(facts["rows"]),
            columns=int(facts["columns"]),
            frame=int(facts["frame"]),
            number_of_frames=int(facts["number_of_frames"]),
            photometric=str(facts["photometric"]),
            window=None if window is None else Window(*map(float, window)),
            window_source=str(facts["window_source"]),
            voi_function=str(facts["voi_function"]),
            file_window=None if file_window is None else Window(*map(float, file_window)),
            laterality=facts["laterality"],
            transfer_syntax=str(facts["transfer_syntax"]),
            decode_reduction=int(facts["decode_reduction"]),
        )
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return None
    except Exception:  # a damaged or foreign file: drop it and render again
        with suppress(OSError):
            entry.unlink(missing_ok=True)
        return None


def _fit(preview: PreviewImage, max_width: int, max_height: int) -> PreviewImage:
    width, height = preview.image.size
    target = fit_size(width, height, max_width, max_height)
    if target == (width, height):
        return preview
    return replace(preview, image=preview.image.resize(target, Image.Resampling.LANCZOS))
