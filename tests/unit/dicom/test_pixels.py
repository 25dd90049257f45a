"""Previews from real mammograms and from synthetic files written with pydicom."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, JPEG2000Lossless, RLELossless, generate_uid

from mammolog.dicom import pixels
from mammolog.dicom.pixels import PixelDecodeError, fit_size, render_preview
from mammolog.dicom.voi import Window

MG_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.2"


def write_image(
    path: Path,
    array: np.ndarray[Any, Any],
    *,
    photometric: str = "MONOCHROME2",
    bits_stored: int = 12,
    signed: bool = False,
    rle: bool = False,
    compress_as: str | None = None,
    **attributes: Any,
) -> Path:
    """Write a grayscale image (2-D, or 3-D for multi-frame) as a DICOM file."""
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = MG_FOR_PRESENTATION
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = MG_FOR_PRESENTATION
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.Modality = "MG"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = photometric
    ds.Rows, ds.Columns = array.shape[-2], array.shape[-1]
    if array.ndim == 3:
        ds.NumberOfFrames = array.shape[0]
    ds.BitsAllocated = 8 if array.dtype.itemsize == 1 else 16
    ds.BitsStored = bits_stored
    ds.HighBit = bits_stored - 1
    ds.PixelRepresentation = 1 if signed else 0
    for keyword, value in attributes.items():
        setattr(ds, keyword, value)
    ds.PixelData = np.ascontiguousarray(array).tobytes()
    if rle:
        ds.compress(RLELossless)
    if compress_as is not None:
        ds.compress(compress_as)
    ds.save_as(path, enforce_file_format=True)
    return path


def ramp(rows: int = 64, columns: int = 48, top: int = 4095) -> np.ndarray[Any, Any]:
    """Values rising from 0 (left) to ``top`` (right), same on every row."""
    line = np.linspace(0, top, columns).round().astype(np.uint16)
    return np.tile(line, (rows, 1))


def as_array(image: Image.Image) -> np.ndarray[Any, Any]:
    return np.asarray(image, dtype=np.int32)


# --- real files -----------------------------------------------------------------------------


def test_ge_jpeg_lossless_mammogram_uses_its_voi_lut(real_data: Path) -> None:
    preview = render_preview(real_data / "fo-dicom/GH133.dcm", max_width=640, max_height=400)
    assert (preview.rows, preview.columns) == (3062, 2394)
    assert preview.image.mode == "L"
    assert preview.size == fit_size(2394, 3062, 640, 400) == (313, 400)
    assert preview.window_source == "voi-lut"
    assert preview.file_window == Window(2653.0, 900.0)
    assert preview.laterality == "R"
    low, high = preview.image.getextrema()
    assert low == 0 and high > 200  # black background, bright tissue


def test_ge_mammogram_with_user_window_is_linear_in_modality_units(real_data: Path) -> None:
    path = real_data / "fo-dicom/GH133.dcm"
    narrow = render_preview(path, max_width=320, max_height=200, window=(2600, 200))
    wide = render_preview(path, max_width=320, max_height=200, window=Window(2600, 4000))
    assert narrow.window_source == "user" and narrow.window == Window(2600, 200)
    # A narrow window pushes more pixels to pure black or pure white.
    extremes_narrow = np.isin(as_array(narrow.image), (0, 255)).mean()
    extremes_wide = np.isin(as_array(wide.image), (0, 255)).mean()
    assert extremes_narrow > extremes_wide


def test_siemens_jpeg_lossless_with_file_window(real_data: Path) -> None:
    preview = render_preview(
        real_data / "fo-dicom/OutOfBoundsOverlay.dcm", max_width=1280, max_height=800
    )
    assert preview.size == (1280, 765)
    assert preview.window == Window(2048.0, 4096.0) and preview.window_source == "file"
    assert preview.laterality == "L"


def test_jpeg2000_decodes_at_reduced_resolution_like_a_full_decode(
    real_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = real_data / "nema-wg04/MG1_J2KI"
    reduced = render_preview(path, max_width=640, max_height=400)
    assert (reduced.rows, reduced.columns) == (4664, 3064)
    assert reduced.decode_reduction == 8
    assert reduced.laterality == "L"
    full = render_preview(path, max_width=640, max_height=400, reduced_decode=False)
    assert full.decode_reduction == 1
    monkeypatch.setattr(pixels.features, "check", lambda name: False)  # Pillow without J2K
    assert render_preview(path, max_width=640, max_height=400).decode_reduction == 1
    assert full.size == reduced.size
    difference = np.abs(as_array(full.image) - as_array(reduced.image))
    assert difference.mean() < 2.0  # same grey levels, only resampling differs
    assert np.percentile(difference, 99) < 20


def test_clean_mammography_object_is_not_enlarged(real_data: Path) -> None:
    preview = render_preview(
        real_data / "dicomsamples-jl/MG_Explicit_Little.dcm", max_width=1280, max_height=800
    )
    assert preview.size == (512, 512)
    assert preview.window == Window(127.5, 256.0)


def test_jpeg_extended_12_bit_decodes_through_the_fallback(real_data: Path) -> None:
    """pylibjpeg refuses MG1_JPLY; imagecodecs (or DCMTK's dcmdjpeg) reads it."""
    preview = render_preview(real_data / "nema-wg04/MG1_JPLY", max_width=320, max_height=200)
    same = render_preview(real_data / "nema-wg04/MG1_J2KI", max_width=320, max_height=200)
    assert preview.size == same.size
    difference = np.abs(as_array(preview.image) - as_array(same.image))
    assert difference.mean() < 4  # the same mammogram, lossy twice


def test_jpeg_extended_12_bit_without_any_fallback_names_the_codec(
    real_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins
    import shutil

    real_import = builtins.__import__

    def no_imagecodecs(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "imagecodecs":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_imagecodecs)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(
        PixelDecodeError, match="no installed decoder.*JPEG Extended.*imagecodecs or DCMTK"
    ):
        render_preview(real_data / "nema-wg04/MG1_JPLY", max_width=320, max_height=200)


@pytest.mark.skipif(not __import__("shutil").which("dcmdjpeg"), reason="DCMTK is not installed")
def test_jpeg_extended_12_bit_through_dcmtk_when_imagecodecs_is_absent(
    real_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_imagecodecs(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "imagecodecs":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_imagecodecs)
    preview = render_preview(real_data / "nema-wg04/MG1_JPLY", max_width=160, max_height=100)
    assert preview.rows == 4664 and preview.image.getextrema()[1] > 200


def test_hologic_dbt_slice_with_repeated_file_meta_shows(real_data: Path) -> None:
    """GH1376: the copy of the file meta inside the dataset names the wrong syntax."""
    preview = render_preview(real_data / "breadth/GH1376.dcm", max_width=256, max_height=256)
    assert (preview.rows, preview.columns) == (2457, 1890)
    assert preview.transfer_syntax.startswith("JPEG Lossless")
    low, high = preview.image.getextrema()
    assert high - low > 100


def test_dose_report_has_no_image(real_data: Path) -> None:
    with pytest.raises(PixelDecodeError, match="no image"):
        render_preview(real_data / "openrem/MG-RDSR-Hologic_2D.dcm", max_width=320, max_height=200)


# --- synthetic files ------------------------------------------------------------------------


def test_monochrome1_is_inverted(tmp_path: Path) -> None:
    data = ramp()
    window = {"WindowCenter": 2048, "WindowWidth": 4096}
    normal = render_preview(
        write_image(tmp_path / "m2.dcm", data, **window), max_width=48, max_height=64
    )
    inverted = render_preview(
        write_image(tmp_path / "m1.dcm", data, photometric="MONOCHROME1", **window),
        max_width=48,
        max_height=64,
    )
    assert inverted.photometric == "MONOCHROME1"
    assert as_array(normal.image)[0, 0] == 0 and as_array(inverted.image)[0, 0] == 255
    np.testing.assert_array_equal(as_array(inverted.image), 255 - as_array(normal.image))


def test_inverse_presentation_lut_shape_is_inverted(tmp_path: Path) -> None:
    path = write_image(
        tmp_path / "inv.dcm", ramp(), WindowCenter=2048, WindowWidth=4096,
        PresentationLUTShape="INVERSE",
    )  # fmt: skip
    image = as_array(render_preview(path, max_width=48, max_height=64).image)
    assert image[0, 0] == 255 and image[0, -1] == 0


def test_voi_lut_sequence_maps_values_through_the_table(tmp_path: Path) -> None:
    data = np.zeros((8, 8), np.uint16)
    data[:, 4:] = 3  # left half 0, right half 3
    item = Dataset()
    item.LUTDescriptor = [4, 0, 8]
    item.add_new(0x00283006, "US", [10, 20, 30, 255])  # LUT Data
    path = write_image(
        tmp_path / "lut.dcm", data, VOILUTSequence=Sequence([item]),
        WindowCenter=100, WindowWidth=10,
    )  # fmt: skip
    preview = render_preview(path, max_width=8, max_height=8)
    assert preview.window_source == "voi-lut" and preview.window is None
    assert preview.file_window == Window(100.0, 10.0)
    image = as_array(preview.image)
    assert image[0, 0] == 10 and image[0, 7] == 255


def test_rescale_is_applied_before_the_window(tmp_path: Path) -> None:
    data = np.full((4, 4), 1000, np.uint16)
    # Modality value 2 * 1000 - 1024 = 976: the window 976 +/- 50 puts it at mid-grey.
    path = write_image(
        tmp_path / "ct.dcm", data, RescaleSlope=2, RescaleIntercept=-1024,
        WindowCenter=976, WindowWidth=100,
    )  # fmt: skip
    image = as_array(render_preview(path, max_width=4, max_height=4).image)
    assert np.all(np.abs(image - 128) <= 2)


def test_sigmoid_window_function(tmp_path: Path) -> None:
    data = np.array([[1000, 2000, 3000]], np.uint16)
    path = write_image(
        tmp_path / "sig.dcm", data, WindowCenter=2000, WindowWidth=1000,
        VOILUTFunction="SIGMOID",
    )  # fmt: skip
    preview = render_preview(path, max_width=3, max_height=1)
    assert preview.voi_function == "SIGMOID"
    low, middle, high = as_array(preview.image)[0]
    expected_low = round(255 / (1 + np.exp(4.0)))
    assert abs(low - expected_low) <= 1 and abs(middle - 128) <= 1
    assert abs(high - (255 - expected_low)) <= 1


def test_percentile_window_when_the_file_has_none(tmp_path: Path) -> None:
    data = ramp(top=1000)
    data[0, 0] = 60000  # one hot pixel must not flatten the picture
    path = write_image(tmp_path / "auto.dcm", data, bits_stored=16)
    preview = render_preview(path, max_width=48, max_height=64)
    assert preview.window_source == "auto"
    assert preview.window is not None and preview.window.center < 1000
    assert as_array(preview.image)[10, 24] in range(100, 156)


def test_rle_lossless_decodes(tmp_path: Path) -> None:
    data = ramp(rows=40, columns=30)
    path = write_image(tmp_path / "rle.dcm", data, rle=True, WindowCenter=2048, WindowWidth=4096)
    preview = render_preview(path, max_width=30, max_height=40)
    assert preview.transfer_syntax == "RLE Lossless"
    row = as_array(preview.image)[5]
    assert row[0] == 0 and row[-1] == 255 and np.all(np.diff(row) >= 0)


def test_multi_frame_jpeg2000_decodes_the_requested_frame_at_reduced_resolution(
    tmp_path: Path,
) -> None:
    frames = np.stack([ramp(256, 256) // divisor for divisor in (1, 2, 4)]).astype(np.uint16)
    path = write_image(
        tmp_path / "j2k.dcm", frames, compress_as=JPEG2000Lossless,
        WindowCenter=2048, WindowWidth=4096,
    )  # fmt: skip
    for index, divisor in enumerate((1, 2, 4)):
        preview = render_preview(path, max_width=64, max_height=64, frame=index)
        assert preview.decode_reduction == 4
        assert preview.transfer_syntax == "JPEG 2000 Image Compression (Lossless Only)"
        brightest = int(as_array(preview.image)[32, -1])
        assert abs(brightest - 255 // divisor) <= 3


def test_large_image_is_downscaled_to_fit(tmp_path: Path) -> None:
    data = ramp(rows=800, columns=600)
    path = write_image(tmp_path / "big.dcm", data, WindowCenter=2048, WindowWidth=4096)
    preview = render_preview(path, max_width=100, max_height=100)
    assert preview.size == (75, 100)
    row = as_array(preview.image)[50]
    assert row[0] < 10 and row[-1] > 245


def test_multi_frame_picks_the_requested_frame(tmp_path: Path) -> None:
    frames = np.stack([np.full((6, 6), value, np.uint16) for value in (0, 2048, 4095)])
    path = write_image(tmp_path / "multi.dcm", frames, WindowCenter=2048, WindowWidth=4096)
    middle = render_preview(path, max_width=6, max_height=6, frame=1)
    last = render_preview(path, max_width=6, max_height=6, frame=2)
    assert middle.number_of_frames == 3 and middle.frame == 1
    assert abs(int(as_array(middle.image)[0, 0]) - 128) <= 1
    assert as_array(last.image)[0, 0] == 255
    with pytest.raises(PixelDecodeError, match="frame 3 does not exist"):
        render_preview(path, max_width=6, max_height=6, frame=3)


def test_signed_pixels(tmp_path: Path) -> None:
    data = np.array([[-1000, 0, 1000]], np.int16)
    path = write_image(
        tmp_path / "signed.dcm", data, signed=True, bits_stored=16,
        WindowCenter=0, WindowWidth=2000,
    )  # fmt: skip
    low, middle, high = as_array(render_preview(path, max_width=3, max_height=1).image)[0]
    assert low == 0 and abs(middle - 128) <= 1 and high == 255


def test_not_dicom_missing_and_bad_sizes(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not an image")
    with pytest.raises(PixelDecodeError, match="not a DICOM file"):
        render_preview(text, max_width=10, max_height=10)
    with pytest.raises(PixelDecodeError, match="no longer exists"):
        render_preview(tmp_path / "gone.dcm", max_width=10, max_height=10)
    with pytest.raises(ValueError):
        render_preview(text, max_width=0, max_height=10)


def test_truncated_pixel_data_is_a_decode_error(tmp_path: Path) -> None:
    path = write_image(tmp_path / "cut.dcm", ramp(rows=64, columns=64))
    content = path.read_bytes()
    path.write_bytes(content[: len(content) - 4000])
    with pytest.raises(PixelDecodeError, match="missing or incomplete"):
        render_preview(path, max_width=10, max_height=10)


def test_hologic_projection_without_pixel_data(real_data: Path) -> None:
    with pytest.raises(PixelDecodeError, match="no pixel data"):
        render_preview(
            real_data / "openrem/MG-Im-Hologic-PropProj.dcm", max_width=100, max_height=100
        )


def test_colour_images_become_grey_without_a_window() -> None:
    path = get_testdata_file("SC_rgb_rle_16bit.dcm")
    assert path is not None
    preview = render_preview(path, max_width=50, max_height=50)
    assert preview.image.mode == "L" and preview.size == (50, 50)
    assert preview.window_source == "none"
    low, high = preview.image.getextrema()
    assert high - low > 100  # the colour bars keep distinct grey levels


def test_deflated_file_decodes() -> None:
    path = get_testdata_file("image_dfl.dcm")
    assert path is not None
    preview = render_preview(path, max_width=64, max_height=64)
    assert preview.transfer_syntax == "Deflated Explicit VR Little Endian"
    assert preview.size == (64, 64)


def test_breasts_are_shown_in_the_light_box_orientation(real_data: Path, tmp_path: Path) -> None:
    """Right breast: chest wall on the right; left breast: chest wall on the left."""
    import pydicom

    from mammolog.dicom.synth import InstanceSpec, write_instance

    def heavier_side(path: Path) -> str:
        pixels = np.asarray(render_preview(path, max_width=200, max_height=200).image, float)
        half = pixels.shape[1] // 2
        return "left" if pixels[:, :half].mean() > pixels[:, half:].mean() else "right"

    assert heavier_side(real_data / "fo-dicom" / "GH133.dcm") == "right"  # R MLO, "P\\FL"
    assert heavier_side(real_data / "nema-wg04" / "MG1_J2KI") == "left"  # L MLO, "A\\F"
    stored_other_way = write_instance(
        tmp_path / "r.dcm", InstanceSpec(laterality="R", rows=64, columns=48, pixels="breast")
    )
    assert heavier_side(stored_other_way) == "right"
    flipped = pydicom.dcmread(stored_other_way)
    flipped.PixelData = np.ascontiguousarray(flipped.pixel_array[:, ::-1]).tobytes()
    flipped.PatientOrientation = ["A", "L"]
    flipped.save_as(stored_other_way)
    assert heavier_side(stored_other_way) == "right"
