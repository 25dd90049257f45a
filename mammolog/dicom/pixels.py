"""Turn a DICOM image into an 8-bit grayscale preview sized for the screen.

The pipeline for one frame: decode (at reduced resolution when the codec allows it), apply the
Modality LUT, downscale with Pillow, apply the VOI transform (:mod:`mammolog.dicom.voi`),
invert MONOCHROME1, and quantise to 8 bits. Only one decoded frame is held in memory at a time.

JPEG 2000 frames are decoded through Pillow's OpenJPEG binding, which can stop at a lower
resolution level (``reduce``); pylibjpeg-openjpeg 2.6 always decodes the full image. Everything
else goes through pydicom's pixel plugins (pylibjpeg-libjpeg, pylibjpeg-rle, numpy).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from os import PathLike
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from PIL import Image, features
from pydicom.dataset import Dataset
from pydicom.pixels.processing import apply_modality_lut
from pydicom.uid import JPEG2000, UID, JPEG2000Lossless

from mammolog.dicom.frames import (
    FrameDecodeError,
    decode_stored_frame,
    frame_rescale,
    has_pixel_data,
    number_of_frames,
    read_encapsulated_frame,
    read_image_header,
)
from mammolog.dicom.voi import FloatArray, Window, apply_voi, number_value

__all__ = ["PixelDecodeError", "PreviewImage", "render_preview"]

_J2K_SYNTAXES: Final = frozenset({JPEG2000, JPEG2000Lossless})
_MAX_REDUCTION_LEVELS: Final = 8


class PixelDecodeError(Exception):
    """The image cannot be shown; ``str(error)`` is a plain reason for the user."""


@dataclass(frozen=True, eq=False)
class PreviewImage:
    """A display-ready 8-bit grayscale preview and what was done to produce it.

    ``window`` is the window that was applied (``None`` when a VOI LUT table or no VOI
    transform was used); ``file_window`` is the first Window Center/Width in the file, a good
    starting point for manual adjustment. ``decode_reduction`` is the factor the codec
    reduced each side by while decoding (1 when the full image was decoded).
    """

    image: Image.Image
    rows: int
    columns: int
    frame: int
    number_of_frames: int
    photometric: str
    window: Window | None
    window_source: str
    voi_function: str
    file_window: Window | None
    laterality: str | None
    transfer_syntax: str
    decode_reduction: int

    @property
    def size(self) -> tuple[int, int]:
        """Preview size in pixels as (width, height)."""
        return self.image.size


def render_preview(
    path: str | PathLike[str],
    *,
    max_width: int,
    max_height: int,
    window: Window | tuple[float, float] | None = None,
    frame: int = 0,
    reduced_decode: bool = True,
) -> PreviewImage:
    """Decode one frame of ``path`` into an 8-bit preview fitting ``max_width`` x ``max_height``.

    The aspect ratio is kept and small images are never enlarged. ``window`` overrides the
    file's VOI transform with (center, width) in modality units. ``reduced_decode=False``
    always decodes the full resolution (for comparison). Raises
    :class:`PixelDecodeError` with a plain reason when the file cannot be shown.
    """
    if max_width < 1 or max_height < 1:
        raise ValueError("max_width and max_height must be at least 1")
    user_window = _as_window(window)
    header = _read_header(path)
    rows, columns = int(header.Rows), int(header.Columns)
    frames = number_of_frames(header)
    if not 0 <= frame < frames:
        raise PixelDecodeError(f"frame {frame} does not exist (the image has {frames})")
    target = fit_size(columns, rows, max_width, max_height)
    syntax = UID(header.file_meta.TransferSyntaxUID)

    stored, reduction = _decode(path, header, syntax, frame, target if reduced_decode else None)
    photometric = str(header.get("PhotometricInterpretation", "MONOCHROME2")).upper()
    if stored.ndim == 3:
        if stored.dtype != np.uint8:  # 16-bit colour: keep the top 8 of the stored bits
            shift = max(0, int(header.get("BitsStored", 16) or 16) - 8)
            stored = np.clip(stored.astype(np.int64) >> shift, 0, 255)
        image = Image.fromarray(np.ascontiguousarray(stored[..., :3]).astype(np.uint8))
        image = image.convert("L").resize(target, Image.Resampling.LANCZOS)
        return PreviewImage(
            image, rows, columns, frame, frames, photometric, None, "none", "NONE",
            None, _laterality(header), syntax.name, reduction,
        )  # fmt: skip

    values = _modality_and_resize(stored, header, target, frame)
    del stored
    voi = apply_voi(values, header, frame, user_window)
    shown = voi.shown
    shape = str(header.get("PresentationLUTShape", "") or "").upper()
    if photometric == "MONOCHROME1" or shape == "INVERSE":
        shown = 1.0 - shown
    pixels = np.rint(np.clip(shown, 0.0, 1.0) * 255.0).astype(np.uint8)
    if needs_mirroring(header):
        pixels = np.ascontiguousarray(pixels[:, ::-1])
    return PreviewImage(
        Image.fromarray(pixels), rows, columns, frame, frames, photometric, voi.window,
        voi.source, voi.function, voi.file_window, _laterality(header), syntax.name, reduction,
    )  # fmt: skip


def fit_size(width: int, height: int, max_width: int, max_height: int) -> tuple[int, int]:
    """The largest (width, height) with the same aspect that fits the box, never enlarged."""
    scale = min(max_width / width, max_height / height, 1.0)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _as_window(window: Window | tuple[float, float] | None) -> Window | None:
    if window is None or isinstance(window, Window):
        return window
    center, width = window
    return Window(float(center), float(width))


def _read_header(path: str | PathLike[str]) -> Dataset:
    try:
        header = read_image_header(path)
    except FrameDecodeError as error:
        raise PixelDecodeError(str(error)) from None
    if "Rows" not in header or "Columns" not in header:
        raise PixelDecodeError("the file holds no image")
    try:
        if int(header.Rows) < 1 or int(header.Columns) < 1:
            raise PixelDecodeError("the image has no rows or columns")
    except (TypeError, ValueError):
        raise PixelDecodeError("the image size in the header is not a number") from None
    if not has_pixel_data(path):
        raise PixelDecodeError("the file holds no pixel data (only its description)")
    return header


def _decode(
    path: str | PathLike[str],
    header: Dataset,
    syntax: UID,
    frame: int,
    target: tuple[int, int] | None,
) -> tuple[npt.NDArray[Any], int]:
    """Return the decoded frame and the reduction factor the codec applied."""
    if target is not None and syntax in _J2K_SYNTAXES and features.check("jpg_2000"):
        reduced = _decode_j2k_reduced(path, header, frame, target)
        if reduced is not None:
            return reduced
    try:
        return decode_stored_frame(path, header, frame), 1
    except FrameDecodeError as error:
        raise PixelDecodeError(str(error)) from error


def _decode_j2k_reduced(
    path: str | PathLike[str],
    header: Dataset,
    frame: int,
    target: tuple[int, int],
) -> tuple[npt.NDArray[Any], int] | None:
    """Decode a grayscale JPEG 2000 frame at the lowest resolution that still covers ``target``.

    Returns ``None`` (the caller falls back to a full decode) when no reduction is possible or
    the codestream is not one this path handles.
    """
    rows, columns = int(header.Rows), int(header.Columns)
    levels = 0
    while (
        levels < _MAX_REDUCTION_LEVELS
        and columns >> (levels + 1) >= target[0]
        and rows >> (levels + 1) >= target[1]
    ):
        levels += 1
    if levels == 0 or int(header.get("SamplesPerPixel", 1) or 1) != 1:
        return None
    try:
        codestream = read_encapsulated_frame(path, frame, number_of_frames(header))
        if codestream is None:
            return None
        info = _j2k_info(codestream)
        if info is None or info["signed"] or info["components"] != 1:
            return None
        levels = min(levels, info["levels"])
        if levels == 0:
            return None
        with Image.open(io.BytesIO(codestream)) as image:
            image.reduce = levels  # type: ignore[method-assign,assignment]
            image.load()
            arr = np.asarray(image)
    except Exception:  # anything odd: let the full decoder try and report
        return None
    precision = info["precision"]
    if arr.dtype == np.uint16 and 8 < precision < 16:
        arr = arr >> (16 - precision)  # Pillow scales samples up to 16 bits
    return arr, 1 << levels


def _j2k_info(codestream: bytes) -> dict[str, int] | None:
    """Precision, signedness, components and decomposition levels from the SIZ/COD markers."""
    if codestream[:4] != b"\xff\x4f\xff\x51" or len(codestream) < 44:
        return None
    components = int.from_bytes(codestream[40:42], "big")
    ssiz = codestream[42]
    siz_length = int.from_bytes(codestream[4:6], "big")
    cod = 4 + siz_length
    if codestream[cod : cod + 2] != b"\xff\x52" or len(codestream) < cod + 10:
        cod = codestream.find(b"\xff\x52", 4)
        if cod < 0 or len(codestream) < cod + 10:
            return None
    return {
        "precision": (ssiz & 0x7F) + 1,
        "signed": ssiz >> 7,
        "components": components,
        "levels": codestream[cod + 9],
    }


def _modality_and_resize(
    stored: npt.NDArray[Any], header: Dataset, target: tuple[int, int], frame: int
) -> FloatArray:
    """Apply the Modality LUT and downscale to ``target``; returns float32 modality values."""
    if "ModalityLUTSequence" in header:
        try:
            stored = apply_modality_lut(stored, header)
        except Exception as exc:
            raise PixelDecodeError(f"the Modality LUT cannot be applied ({exc})") from None
        slope, intercept = 1.0, 0.0
    else:
        stored_slope, stored_intercept = frame_rescale(header, frame)
        slope = number_value(stored_slope, 1.0) or 1.0
        intercept = number_value(stored_intercept, 0.0)
    image = _to_pil(stored)
    if image.size != target:
        # Pillow cannot box-reduce I;16 first, so only other modes get the reducing gap.
        gap = None if image.mode == "I;16" else 3.0
        image = image.resize(target, Image.Resampling.LANCZOS, reducing_gap=gap)
    values = np.asarray(image, dtype=np.float32)
    if slope != 1.0 or intercept != 0.0:
        values = values * np.float32(slope) + np.float32(intercept)
    return values


def _to_pil(arr: npt.NDArray[Any]) -> Image.Image:
    if arr.dtype == np.uint16:
        return Image.fromarray(np.ascontiguousarray(arr))  # mode I;16
    if arr.dtype == np.uint8:
        return Image.fromarray(np.ascontiguousarray(arr))  # mode L
    if arr.dtype.kind in "iu" and arr.dtype.itemsize <= 4 and arr.dtype != np.uint32:
        return Image.fromarray(arr.astype(np.int32))  # mode I
    return Image.fromarray(arr.astype(np.float32))  # mode F


def needs_mirroring(header: Dataset) -> bool:
    """True when a breast image is stored facing the other way from the light-box convention.

    Mammography viewers show a right breast with its chest wall on the right (rows run
    towards posterior, Patient Orientation "P\\...") and a left breast with its chest wall on
    the left ("A\\..."), so the two breasts meet back to back in the middle. Images stored the
    other way round are mirrored for display; rotated or unlabelled ones are left as stored.
    """
    orientation = header.get("PatientOrientation")
    if not orientation or len(orientation) < 1:
        return False
    row_direction = str(orientation[0]).strip().upper()[:1]
    laterality = _laterality(header)
    return (laterality == "R" and row_direction == "A") or (
        laterality == "L" and row_direction == "P"
    )


def _laterality(header: Dataset) -> str | None:
    for keyword in ("ImageLaterality", "Laterality", "FrameLaterality"):
        value = str(header.get(keyword, "") or "").strip().upper()
        if value in {"R", "L", "B", "U"}:
            return value
    return None
