"""The de-identification check over third-party objects (the counts go in the closing note).

Every object of each set is de-identified on its own: it is either written, or left out with
a plain reason. Written copies gain no dciodvfy error, hold none of the original's identifiers
(byte scan, the Pixel Data value excepted) and keep every Pixel Data byte. Sets: pydicom's
own test files, ``pydicom-data`` and ``deid-data`` (the ``test`` extra; skipped with a reason
when not installed) and ../shared/data/real.
"""

from __future__ import annotations

from pathlib import Path

import pydicom.data
import pytest

from tests.trust.deid_corpus import Tally, check_corpus, corpus, dciodvfy_path

pytestmark = pytest.mark.slow

# reasons an object may be left out for: each names what is wrong with that object
PLAIN_REASONS = (
    "cut short",
    "deflated transfer syntax",
    "Hologic 3D data kept in private tags",
    "encapsulated documents",
    "names no transfer syntax",
    "nested more than",
)


def _check(paths: list[Path], workdir: Path) -> Tally:
    tally = check_corpus(paths, workdir, dciodvfy=dciodvfy_path())
    print("\n".join(tally.lines()))  # the figures, with -s
    assert tally.tried > 0
    assert tally.identifiers_found == {}
    assert tally.pixel_changed == []
    assert tally.with_new_errors == {}
    for reason in tally.left_out:
        assert any(plain in reason for plain in PLAIN_REASONS), reason
    return tally


def _pydicom_data_files() -> list[Path]:
    try:
        import data_store  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        pytest.skip("pydicom-data is not installed (pip install -e '.[test]')")
    own = Path(pydicom.data.__file__).parent
    return [p for p in corpus(None) if not p.is_relative_to(own)]


def test_pydicom_test_files(tmp_path: Path) -> None:
    own = Path(pydicom.data.__file__).parent
    tally = _check([p for p in corpus(None) if p.is_relative_to(own)], tmp_path)
    assert tally.deidentified >= 60


def test_pydicom_data_set(tmp_path: Path) -> None:
    paths = [p for p in _pydicom_data_files() if "deid_data" not in p.parts]
    if not paths:
        pytest.skip("pydicom-data holds no files here")
    tally = _check(paths, tmp_path)
    assert tally.deidentified >= 40


def test_deid_data_set(tmp_path: Path) -> None:
    try:
        import deid_data  # type: ignore[import-untyped]
    except ImportError:
        pytest.skip("deid-data is not installed (pip install -e '.[test]')")
    paths = sorted(Path(deid_data.__file__).parent.rglob("*.dcm"))
    tally = _check(paths, tmp_path)
    assert tally.deidentified >= 10


@pytest.mark.real
def test_real_files(tmp_path: Path, real_data: Path) -> None:
    tally = _check(sorted(p for p in real_data.rglob("*") if p.is_file()), tmp_path)
    assert tally.deidentified >= 30
    assert tally.left_out[
        "Hologic 3D data kept in private tags: de-identifying it would destroy it"
    ]


def test_dciodvfy_is_there_to_check(tmp_path: Path) -> None:
    """Without dciodvfy the checks above test everything but conformance: say so."""
    if dciodvfy_path() is None:
        pytest.skip("dciodvfy (dicom3tools) is not installed: conformance not checked")
    paths = [Path(pydicom.data.get_testdata_file("MR_small.dcm"))]  # type: ignore[arg-type]
    assert check_corpus(paths, tmp_path, dciodvfy=dciodvfy_path()).dciodvfy_checked == 1
