"""The on-disk preview cache: hits, keys, private files, damaged entries, threads."""

from __future__ import annotations

import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

from mammolog.dicom import pixels
from mammolog.dicom.pixels import PixelDecodeError, PreviewImage
from mammolog.dicom.voi import Window
from mammolog.services import previews
from mammolog.services.previews import PreviewCache, PreviewCacheError, size_bucket


def write_mammogram(path: Path, rows: int = 600, columns: int = 480) -> Path:
    """A small 12-bit MONOCHROME2 image: a bright disc on a dark background."""
    y, x = np.mgrid[0:rows, 0:columns]
    disc = (y - rows / 2) ** 2 + (x - columns / 3) ** 2 < (rows / 3) ** 2
    data = np.where(disc, 3000, 100).astype(np.uint16)
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.1.2"
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.Modality = "MG"
    ds.ImageLaterality = "R"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows, ds.Columns = rows, columns
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    ds.WindowCenter, ds.WindowWidth = 1550, 2900
    ds.PixelData = data.tobytes()
    ds.save_as(path, enforce_file_format=True)
    return path


class CountingRenderer:
    """Wraps render_preview and counts calls, to tell cache hits from renders."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, *args: Any, **kwargs: Any) -> PreviewImage:
        self.calls += 1
        return pixels.render_preview(*args, **kwargs)


@pytest.fixture
def renderer(monkeypatch: pytest.MonkeyPatch) -> CountingRenderer:
    """Counts renders by every cache made without its own renderer."""
    counting = CountingRenderer()
    monkeypatch.setattr(previews, "render_preview", counting)
    return counting


def test_a_given_renderer_is_used(tmp_path: Path) -> None:
    counting = CountingRenderer()
    cache = PreviewCache(tmp_path / "cache", renderer=counting)
    cache.get_or_render(write_mammogram(tmp_path / "r.dcm"), "uid", 64, 64)
    cache.get_or_render(tmp_path / "r.dcm", "uid", 64, 64)
    assert counting.calls == 1


def test_size_buckets() -> None:
    assert size_bucket(160, 100) == (192, 128)
    assert size_bucket(320, 200) == (384, 256)
    assert size_bucket(1280, 800) == (1536, 1024)
    assert size_bucket(9000, 9000) == (4096, 4096)


def test_second_request_comes_from_disk_with_the_same_pixels_and_facts(
    tmp_path: Path, renderer: CountingRenderer
) -> None:
    image_path = write_mammogram(tmp_path / "rcc.dcm")
    cache = PreviewCache(tmp_path / "cache")
    first = cache.get_or_render(image_path, "1.2.3.4", 400, 300)
    second = PreviewCache(tmp_path / "cache").get_or_render(image_path, "1.2.3.4", 400, 300)
    assert renderer.calls == 1
    assert first.size == second.size == (240, 300)
    np.testing.assert_array_equal(np.asarray(first.image), np.asarray(second.image))
    assert second.window == Window(1550.0, 2900.0) and second.window_source == "file"
    assert (second.rows, second.columns, second.laterality) == (600, 480, "R")
    assert cache.cached_path("1.2.3.4", 400, 300) is not None
    assert cache.cached_path("9.9.9", 400, 300) is None


def test_a_different_size_bucket_or_window_renders_again(
    tmp_path: Path, renderer: CountingRenderer
) -> None:
    image_path = write_mammogram(tmp_path / "lcc.dcm")
    cache = PreviewCache(tmp_path / "cache")
    cache.get_or_render(image_path, "uid", 400, 300)
    cache.get_or_render(image_path, "uid", 390, 290)  # same bucket: a hit
    assert renderer.calls == 1
    small = cache.get_or_render(image_path, "uid", 100, 80)
    assert renderer.calls == 2 and small.size == (64, 80)
    user = cache.get_or_render(image_path, "uid", 400, 300, window=(100, 50))
    again = cache.get_or_render(image_path, "uid", 400, 300, window=Window(100, 50))
    assert renderer.calls == 3
    assert user.window_source == again.window_source == "user"


def test_without_a_key_the_file_content_is_the_key(
    tmp_path: Path, renderer: CountingRenderer
) -> None:
    first = write_mammogram(tmp_path / "a.dcm")
    copy = tmp_path / "copy.dcm"
    copy.write_bytes(first.read_bytes())
    cache = PreviewCache(tmp_path / "cache")
    cache.get_or_render(first, None, 200, 200)
    cache.get_or_render(copy, None, 200, 200)
    assert renderer.calls == 1
    other = write_mammogram(tmp_path / "b.dcm", rows=300)
    cache.get_or_render(other, None, 200, 200)
    assert renderer.calls == 2


def test_files_and_folders_are_private(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    cache = PreviewCache(cache_dir)
    cache.get_or_render(write_mammogram(tmp_path / "p.dcm"), "uid", 200, 200)
    files = list(cache_dir.rglob("*"))
    assert any(f.is_file() for f in files)
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    for entry in files:
        expected = 0o700 if entry.is_dir() else 0o600
        assert stat.S_IMODE(entry.stat().st_mode) == expected, entry
    assert not [f for f in files if f.name.startswith(".tmp-")]


def test_a_damaged_entry_is_rendered_again(tmp_path: Path, renderer: CountingRenderer) -> None:
    image_path = write_mammogram(tmp_path / "d.dcm")
    cache = PreviewCache(tmp_path / "cache")
    cache.get_or_render(image_path, "uid", 200, 200)
    entry = cache.cached_path("uid", 200, 200)
    assert entry is not None
    entry.write_bytes(b"\x89PNG broken")
    preview = cache.get_or_render(image_path, "uid", 200, 200)
    assert renderer.calls == 2 and preview.image.size == (160, 200)
    assert cache.clear() == 1 and cache.cached_path("uid", 200, 200) is None


def test_decode_errors_pass_through_and_nothing_is_cached(tmp_path: Path) -> None:
    text = tmp_path / "x.dcm"
    text.write_text("not dicom")
    cache = PreviewCache(tmp_path / "cache")
    with pytest.raises(PixelDecodeError):
        cache.get_or_render(text, "uid", 200, 200)
    assert cache.cached_path("uid", 200, 200) is None


def test_an_unwritable_cache_folder_is_a_plain_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    cache = PreviewCache(blocker / "cache")
    with pytest.raises(PreviewCacheError, match="cannot be written"):
        cache.get_or_render(write_mammogram(tmp_path / "w.dcm"), "uid", 200, 200)


def test_many_threads_asking_for_the_same_preview_render_it_once(
    tmp_path: Path, renderer: CountingRenderer
) -> None:
    image_path = write_mammogram(tmp_path / "t.dcm")
    cache = PreviewCache(tmp_path / "cache")
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(
            pool.map(lambda _: cache.get_or_render(image_path, "uid", 300, 300), range(16))
        )
    assert renderer.calls == 1
    sizes = {result.size for result in results}
    assert sizes == {(240, 300)}
