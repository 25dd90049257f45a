"""The VOI (value of interest) transform: modality values to display values from 0 to 1.

One transform is chosen per frame, in this order: a window the user set; the file's VOI LUT
Sequence (its first table); the frame's Window Center/Width with its VOI LUT Function (LINEAR,
LINEAR_EXACT or SIGMOID, PS3.3 C.11.2.1.2); else a window spanning the 0.5th..99.5th
percentile of the frame, Pixel Padding Value pixels left out. Inversion (MONOCHROME1) and
quantising to 8 bits are the caller's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from pydicom.dataset import Dataset
from pydicom.multival import MultiValue

from mammolog.dicom.frames import frame_window_values

__all__ = ["FloatArray", "VoiResult", "Window", "apply_voi", "number_value"]

FloatArray = npt.NDArray[np.float32]

_AUTO_PERCENTILES: Final = (0.5, 99.5)


@dataclass(frozen=True)
class Window:
    """A VOI window in modality units (after rescale), as DICOM Window Center/Width."""

    center: float
    width: float


@dataclass(frozen=True, eq=False)
class VoiResult:
    """Display values (0..1) and the transform that produced them.

    ``window`` is the window applied (``None`` for a VOI LUT table); ``source`` is "user",
    "voi-lut", "file" or "auto"; ``function`` the VOI LUT Function used ("LUT" for a table);
    ``file_window`` the frame's first usable Window Center/Width, whether applied or not.
    """

    shown: FloatArray
    window: Window | None
    source: str
    function: str
    file_window: Window | None


def apply_voi(
    values: FloatArray, header: Dataset, frame: int, user_window: Window | None
) -> VoiResult:
    """Map the frame's modality ``values`` to 0..1 with the first transform that applies."""
    center, width, voi_function = frame_window_values(header, frame)
    file_window = _file_window(center, width)
    function = str(voi_function or "LINEAR").upper()
    lut = _voi_lut(header)
    if user_window is not None:
        shown = _apply_window(values, user_window, function)
        return VoiResult(shown, user_window, "user", function, file_window)
    if lut is not None:
        return VoiResult(_apply_lut(values, *lut), None, "voi-lut", "LUT", file_window)
    if file_window is not None:
        shown = _apply_window(values, file_window, function)
        return VoiResult(shown, file_window, "file", function, file_window)
    auto = _auto_window(values, header)
    return VoiResult(_apply_window(values, auto, "LINEAR"), auto, "auto", "LINEAR", file_window)


def number_value(value: Any, default: float) -> float:
    """A header value (number, string or the first of several) as a finite float, else ``default``."""
    if value is None or value == "":
        return default
    if isinstance(value, (list, tuple, MultiValue)):
        value = value[0] if len(value) else None
        if value is None:
            return default
    try:
        result = float(value)
    except (TypeError, ValueError):
        return default
    return result if np.isfinite(result) else default


def _file_window(stored_center: Any, stored_width: Any) -> Window | None:
    center = number_value(stored_center, float("nan"))
    width = number_value(stored_width, float("nan"))
    if np.isnan(center) or np.isnan(width) or width <= 0:
        return None
    return Window(center, width)


def _voi_lut(header: Dataset) -> tuple[int, FloatArray] | None:
    """The first VOI LUT item as (first mapped value, table scaled to 0..1), if usable."""
    sequence = header.get("VOILUTSequence")
    if not sequence:
        return None
    try:
        item = sequence[0]
        descriptor = [int(v) for v in item.LUTDescriptor]
        raw = item.LUTData
        if isinstance(raw, bytes):
            table = np.frombuffer(raw, dtype="<u2").astype(np.float32)
        elif isinstance(raw, int):
            table = np.asarray([raw], np.float32)
        else:
            table = np.asarray(list(raw), np.float32)
    except Exception:  # a malformed LUT: fall back to the window or an automatic one
        return None
    if table.size < 2:
        return None
    first = descriptor[1]
    if first >= 32768 and int(header.get("PixelRepresentation", 0) or 0) == 1:
        first -= 65536  # a negative first mapped value stored as US
    top = max(float(2 ** max(1, descriptor[2]) - 1), float(table.max()))
    return first, table / np.float32(top)


def _apply_lut(values: FloatArray, first: int, table: FloatArray) -> FloatArray:
    index = np.clip(np.rint(values) - first, 0, table.size - 1).astype(np.intp)
    result: FloatArray = table[index]
    return result


def _apply_window(values: FloatArray, window: Window, function: str) -> FloatArray:
    """Map modality values to 0..1 with the DICOM VOI LUT Function (PS3.3 C.11.2.1.2)."""
    center, width = np.float32(window.center), np.float32(max(window.width, 1e-6))
    if function == "SIGMOID":
        result: FloatArray = 1.0 / (1.0 + np.exp(-4.0 * (values - center) / width))
    elif function == "LINEAR_EXACT":
        result = (values - center) / width + np.float32(0.5)
    else:
        span = max(float(width) - 1.0, 1.0)
        result = (values - (center - np.float32(0.5))) / np.float32(span) + np.float32(0.5)
    return np.clip(result, 0.0, 1.0).astype(np.float32)


def _auto_window(values: FloatArray, header: Dataset) -> Window:
    """A window spanning the 0.5th..99.5th percentile, ignoring Pixel Padding Value pixels."""
    sample = values
    padding = number_value(header.get("PixelPaddingValue"), float("nan"))
    if not np.isnan(padding) and "ModalityLUTSequence" not in header:
        slope = number_value(header.get("RescaleSlope"), 1.0) or 1.0
        padding = padding * slope + number_value(header.get("RescaleIntercept"), 0.0)
        kept = values[np.abs(values - np.float32(padding)) > 0.5 * abs(slope)]
        if kept.size:
            sample = kept
    low, high = np.percentile(sample, _AUTO_PERCENTILES)
    if high <= low:
        high = low + 1.0
    return Window(float(low + high) / 2.0, float(high - low) + 1.0)
