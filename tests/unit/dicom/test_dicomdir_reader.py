"""DICOMDIR reading: pydicom's test set, real burner layouts, synthetic odd discs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from pydicom.data import get_testdata_file

from mammolog.dicom.dicomdir_reader import (
    DicomdirError,
    PathIndex,
    find_dicomdirs,
    is_index_name,
    read_dicomdir,
)
from mammolog.dicom.sources import open_source
from tests import fixtures_discs as fd


def _read(root: Path, name: str = "") -> object:
    source = open_source(root)
    present = [e.relpath for e in source.walk()]
    dicomdir = name or find_dicomdirs(present)[0]
    return read_dicomdir(source, dicomdir, present)


def _statuses(index: object) -> Counter[str]:
    return Counter(r.status for r in index.references)  # type: ignore[attr-defined]


def test_pydicom_dicomdirtests() -> None:
    root = Path(get_testdata_file("DICOMDIR")).parent
    index = _read(root, "DICOMDIR")
    assert _statuses(index) == {"resolved": 31}
    assert index.hierarchy_from_offsets  # type: ignore[attr-defined]
    first = index.references[0]  # type: ignore[attr-defined]
    assert first.patient_id == "77654033" and first.study_uid and first.series_uid


@pytest.mark.parametrize(
    "variant", ["DICOMDIR-nooffset", "DICOMDIR-reordered", "DICOMDIR-bigEnd", "DICOMDIR-implicit"]
)
def test_pydicom_variants_keep_the_hierarchy(variant: str) -> None:
    root = Path(get_testdata_file("DICOMDIR")).parent

    def tree(name: str) -> dict[str, tuple[str, str, str]]:
        refs = _read(root, name).references  # type: ignore[attr-defined]
        return {r.relpath: (r.patient_id, r.study_uid, r.series_uid) for r in refs}

    expected = tree("DICOMDIR")
    assert {v[0] for v in expected.values()} == {"77654033", "98890234"}
    assert tree(variant) == expected


def test_philips_nested_dirfiles(real_data: Path) -> None:
    index = _read(real_data / "dcm_qa_ct" / "Philips")
    assert len(index.indexes) == 12  # type: ignore[attr-defined]
    assert _statuses(index) == {"missing": 431, "resolved": 2}
    assert index.resolved == {"S21570/S1000/I10", "S21610/S1000/I10"}  # type: ignore[attr-defined]
    assert all(r.study_uid for r in index.references)  # type: ignore[attr-defined]


def test_clunie_and_fo_dicom(real_data: Path) -> None:
    clunie = _read(real_data / "orthanc-tests" / "DavidClunie")
    assert _statuses(clunie) == {"resolved": 11}
    names = {r.patient_name for r in clunie.references}  # type: ignore[attr-defined]
    assert "Yamada^Tarou=山田^太郎=やまだ^たろう" in names
    assert _statuses(_read(real_data / "fo-dicom")) == {"missing": 20}


def test_lowercase_names_with_version_and_suffix(tmp_path: Path) -> None:
    disc = fd.rename_files(fd.build_dicomdir_disc(tmp_path / "a"), lower=True, suffix=";1")
    assert _statuses(_read(disc.root)) == {"resolved": 4}
    disc2 = fd.rename_files(fd.build_dicomdir_disc(tmp_path / "b"), suffix=".dcm")
    index = _read(disc2.root)
    assert index.resolved == set(disc2.instances)  # type: ignore[attr-defined]


def test_traversal_reference_is_refused(tmp_path: Path) -> None:
    disc = fd.add_traversal_reference(fd.build_dicomdir_disc(tmp_path / "a"))
    index = _read(disc.root)
    assert _statuses(index) == {"refused": 1, "resolved": 3}
    assert "leaves the disc root" in index.problems[0].reason  # type: ignore[attr-defined]


def test_dicomdir_in_a_subfolder_of_a_zip(tmp_path: Path) -> None:
    disc = fd.build_dicomdir_disc(tmp_path / "a")
    archive = fd.zip_disc(disc, tmp_path / "a.zip", prefix="PATIENT CD/")
    index = _read(archive)
    assert index.root == "PATIENT CD"  # type: ignore[attr-defined]
    assert _statuses(index) == {"resolved": 4}


def test_broken_dicomdir_raises(tmp_path: Path) -> None:
    (tmp_path / "DICOMDIR").write_bytes(b"\x00" * 128 + b"DICM" + b"\x01" * 50)
    with pytest.raises(DicomdirError):
        _read(tmp_path)


def test_path_index_and_names() -> None:
    index = PathIndex(["pt0/st0/im1;1", "PT0/ST0/IM2.DCM", "x/DIRFILE"])
    assert index.find("PT0/ST0/IM1") == "pt0/st0/im1;1"
    assert index.find("PT0/ST0/IM2") == "PT0/ST0/IM2.DCM"
    assert index.find("PT0/ST0/IM3") is None
    assert is_index_name("a/dirfile;1") and not is_index_name("a/IM1")
    assert find_dicomdirs(["b/c/DICOMDIR", "dicomdir;1", "x"]) == ["dicomdir;1", "b/c/DICOMDIR"]
