"""One frame at a time: headless files, the true transfer syntax, per-frame windows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mammolog.dicom import frames
from mammolog.dicom.frames import FrameDecodeError, read_image_header
from mammolog.dicom.headers import read_header
from mammolog.dicom.pixels import PixelDecodeError, render_preview
from mammolog.dicom.synth import (
    InstanceSpec,
    magnification,
    quality_control,
    synthesized_2d,
    write_hologic_secondary_capture,
    write_instance,
)
from mammolog.dicom.synth_tomo import write_tomosynthesis


def test_file_without_preamble_or_file_meta_renders(tmp_path: Path) -> None:
    spec = InstanceSpec(rows=40, columns=30, preamble=False, file_meta=False, pixels="breast")
    path = write_instance(tmp_path / "headless", spec)
    assert path.read_bytes()[128:132] != b"DICM"
    preview = render_preview(path, max_width=30, max_height=40)
    assert preview.size == (30, 40)
    assert preview.transfer_syntax == "Explicit VR Little Endian"


def test_implicit_headless_file_renders(tmp_path: Path) -> None:
    spec = InstanceSpec(
        rows=20, columns=10, preamble=False, file_meta=False, transfer_syntax="1.2.840.10008.1.2"
    )
    path = write_instance(tmp_path / "implicit", spec)
    assert render_preview(path, max_width=10, max_height=20).transfer_syntax == (
        "Implicit VR Little Endian"
    )


def test_tomosynthesis_frames_use_their_own_window(tmp_path: Path) -> None:
    path = write_tomosynthesis(
        tmp_path / "dbt.dcm", InstanceSpec(rows=60, columns=40, laterality="L"), frames=6
    )
    windows = [render_preview(path, max_width=40, max_height=60, frame=f).window for f in range(6)]
    assert [w.width for w in windows if w] == [2400 + 40 * f for f in range(6)]
    first = render_preview(path, max_width=40, max_height=60, frame=0)
    last = render_preview(path, max_width=40, max_height=60, frame=5)
    assert first.number_of_frames == 6
    assert np.asarray(first.image).tolist() != np.asarray(last.image).tolist()
    with pytest.raises(PixelDecodeError, match="frame 6 does not exist"):
        render_preview(path, max_width=40, max_height=60, frame=6)


def test_shared_window_when_frames_carry_none(tmp_path: Path) -> None:
    path = write_tomosynthesis(
        tmp_path / "dbt.dcm", InstanceSpec(rows=30, columns=20), frames=3, frame_windows=False
    )
    preview = render_preview(path, max_width=20, max_height=30, frame=2)
    assert preview.window is not None and preview.window.width == 4096


def test_header_is_read_once_while_scrolling(tmp_path: Path) -> None:
    path = write_tomosynthesis(tmp_path / "dbt.dcm", InstanceSpec(rows=30, columns=20), frames=3)
    assert read_image_header(path) is read_image_header(path)


def test_missing_file_and_text_file(tmp_path: Path) -> None:
    with pytest.raises(FrameDecodeError, match="no longer exists"):
        read_image_header(tmp_path / "gone.dcm")
    text = tmp_path / "a.txt"
    text.write_text("hello there, not an image at all")
    with pytest.raises(FrameDecodeError, match="not a DICOM file"):
        read_image_header(text)


def test_generated_objects_have_their_kinds(tmp_path: Path) -> None:
    base = InstanceSpec(rows=24, columns=16)
    made = {
        "tomosynthesis": write_tomosynthesis(tmp_path / "t.dcm", base, frames=2),
        "synthesized-2d": write_instance(tmp_path / "s.dcm", synthesized_2d(base)),
        "vendor-proprietary": write_hologic_secondary_capture(tmp_path / "h.dcm", base),
        "quality-control": write_instance(tmp_path / "q.dcm", quality_control(base)),
        "mammogram": write_instance(tmp_path / "m.dcm", magnification(base)),
    }
    for kind, path in made.items():
        header = read_header(path.read_bytes())
        assert header.classification.kind.value == kind, path
    assert read_header(made["mammogram"].read_bytes()).view_modifiers == ("magnification",)


def test_imagecodecs_refusing_everything_gives_none(monkeypatch: pytest.MonkeyPatch) -> None:
    class Refusing:
        def jpeg8_decode(self, data: bytes) -> object:
            raise ValueError("no")

        def ljpeg_decode(self, data: bytes) -> object:
            return np.zeros((0,))

    assert frames._imagecodecs_decode(Refusing(), frames.UID("1.2.840.10008.1.2.4.70"), b"") is None
    assert frames._imagecodecs_decode(Refusing(), frames.UID("1.2.840.10008.1.2.5"), b"") is None
