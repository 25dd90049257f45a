"""Saving one image, or one frame of it, as an 8-bit PNG with the file's window."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from mammolog.dicom.pixels import PixelDecodeError, render_preview
from mammolog.paths import AppPaths
from mammolog.services.images import ImageEntry, resolve_image

__all__ = ["RenderFailed", "RenderedImage", "render_image"]


class RenderFailed(Exception):
    """The image cannot be written; ``str(error)`` is one plain line saying why."""


@dataclass(frozen=True)
class RenderedImage:
    """What ``mammolog render`` wrote."""

    image: ImageEntry
    frame: int
    width: int
    height: int
    out: Path
    window_center: float | None
    window_width: float | None

    def as_json(self) -> dict[str, object]:
        """The JSON form."""
        return {
            "instance_uid": self.image.instance_uid,
            "frame": self.frame,
            "frames": self.image.frames,
            "width": self.width,
            "height": self.height,
            "out": str(self.out),
            "window": None
            if self.window_center is None
            else {"center": self.window_center, "width": self.window_width},
        }


def render_image(
    engine: Engine,
    paths: AppPaths,
    reference: str,
    out: Path,
    *,
    frame: int | None = None,
    width: int | None = None,
    height: int | None = None,
    force: bool = False,
) -> RenderedImage:
    """Write the image ``reference`` names (a SOP Instance UID or a short form such as
    "2024-05-14/3") to ``out`` as an 8-bit grayscale PNG.

    ``frame`` counts from 1 (default: the frame the viewer opens on, the middle slice of a
    tomosynthesis volume). ``width`` and ``height`` bound the picture (the aspect is kept,
    nothing is enlarged; default: full resolution). An existing ``out`` is replaced only with
    ``force``. Raises :class:`RenderFailed` with the reason.
    """
    try:
        image = resolve_image(engine, paths, reference)
    except ValueError as error:
        raise RenderFailed(str(error)) from None
    if not image.viewable:
        raise RenderFailed(f"{image.short_id} cannot be shown: {image.reason}")
    index = image.start_frame if frame is None else frame - 1
    if not 0 <= index < image.frames:
        raise RenderFailed(
            f"{image.short_id} has {image.frames} frame{'s' if image.frames != 1 else ''}; "
            f"--frame takes 1 to {image.frames}"
        )
    for name, value in (("--width", width), ("--height", height)):
        if value is not None and value < 1:
            raise RenderFailed(f"{name} must be at least 1")
    if out.exists() and not force:
        raise RenderFailed(f"{out} already exists (use --force to replace it)")
    if not out.parent.is_dir():
        raise RenderFailed(f"the folder {out.parent} does not exist")
    try:
        preview = render_preview(
            image.path,
            max_width=width or image.columns or 65535,
            max_height=height or image.rows or 65535,
            frame=index,
            reduced_decode=False,
        )
    except PixelDecodeError as error:
        raise RenderFailed(f"{image.short_id} cannot be shown: {error}") from None
    _write_png(preview.image, out)
    window = preview.window
    return RenderedImage(
        image=image,
        frame=index + 1,
        width=preview.size[0],
        height=preview.size[1],
        out=out,
        window_center=window.center if window else None,
        window_width=window.width if window else None,
    )


def _write_png(picture: object, out: Path) -> None:
    """Write atomically: a private temporary file in the target folder, then a rename."""
    from PIL import Image

    assert isinstance(picture, Image.Image)
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=".mammolog-", suffix=".png", dir=out.parent)
    except OSError as error:
        raise RenderFailed(f"cannot write in {out.parent} ({error.strerror or error})") from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            picture.save(stream, "PNG")
        os.replace(temporary, out)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise RenderFailed(f"cannot write {out} ({error.strerror or error})") from None
