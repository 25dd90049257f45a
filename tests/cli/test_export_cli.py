"""`mammolog export summary` and `mammolog export media`: output, JSON, exit codes, round trip."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pydicom import dcmread
from pypdf import PdfReader
from sqlmodel import select

from mammolog.catalog.db import read_session
from mammolog.catalog.migrate import open_catalog
from mammolog.catalog.models import Instance
from mammolog.cli import cli
from mammolog.paths import AppPaths
from tests.factories import make_study
from tests.unit.export.test_summary_data import Library, build_library


@pytest.fixture
def library(home: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    monkeypatch.setenv("MAMMOLOG_TODAY", "2025-06-01")
    return build_library(home)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_summary_pdf_json(library: Library, tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    result = run("export", "summary", "--out", str(out), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["path"] == str(out) and data["format"] == "pdf"
    assert data["pages"] == len(PdfReader(out).pages) and data["bytes"] == out.stat().st_size
    assert (data["exams"], data["studies"], data["key_images"]) == (6, 4, 6)
    assert data["next_due"] == {
        "date": "2025-03-01",
        "reason": "routine screening every 12 months (last: BI-RADS 2 on 2024-03-01)",
        "overdue": True,
    }


@pytest.mark.parametrize(
    ("name", "kind"), [("s.html", "html"), ("s.htm", "html"), ("s.md", "markdown"), ("s", "pdf")]
)
def test_summary_format_by_extension(
    library: Library, tmp_path: Path, name: str, kind: str
) -> None:
    result = run(
        "export",
        "summary",
        "--out",
        str(tmp_path / name),
        "--person",
        str(library.person_id),
        "--json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["format"] == kind
    head = (tmp_path / name).read_bytes()[:16]
    assert head.startswith(b"%PDF") == (kind == "pdf")


def test_summary_since_and_plain_output(library: Library, tmp_path: Path) -> None:
    out = tmp_path / "since.md"
    result = run("export", "summary", "--out", str(out), "--since", "2024-01-01")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Summary written to {out} (markdown")
    assert "| 2024-03-01 |" in out.read_text() and "| 2021-03-04 |" not in out.read_text()


def test_usage_errors_exit_2(library: Library, tmp_path: Path) -> None:
    bad_date = run("export", "summary", "--out", str(tmp_path / "x.pdf"), "--since", "last year")
    assert bad_date.exit_code == 2 and "not a date" in bad_date.stderr
    no_person = run("export", "summary", "--out", str(tmp_path / "x.pdf"), "--person", "99")
    assert no_person.exit_code == 2 and "there is no person 99" in no_person.stderr
    assert len(no_person.stderr.splitlines()) == 1
    both = run("export", "media", "--out", str(tmp_path / "m"), "--zip", "--iso")
    assert both.exit_code == 2 and "choose one of --zip and --iso" in both.stderr
    unknown = run("export", "media", "--out", str(tmp_path / "m"), "--study", "1999-01-01")
    assert unknown.exit_code == 2 and "no study" in unknown.stderr
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "m").exists()


def test_several_persons_need_a_choice(library: Library, tmp_path: Path) -> None:
    make_study(
        library.engine,
        uid="9.9.9",
        study_date=None,
        patient_name="OTHER^ANNA",
        patient_id="Z1",
        birth_date=None,
    )
    result = run("export", "summary", "--out", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2 and "several persons" in result.stderr


def test_nothing_to_export_exits_1(home: Path, tmp_path: Path) -> None:
    for command in ("summary", "media"):
        result = run("export", command, "--out", str(tmp_path / "out"))
        assert result.exit_code == 1
        assert result.stderr == "mammolog: no persons yet: import a disc first\n"


def test_media_json_and_refusing_a_busy_folder(library: Library, tmp_path: Path) -> None:
    out = tmp_path / "MEDIA"
    result = run("export", "media", "--out", str(out), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["format"], data["studies"], data["instances"], data["summary"]) == (
        "folder",
        4,
        16,
        True,
    )
    again = run("export", "media", "--out", str(out))
    assert (
        again.exit_code == 1 and "not empty" in again.stderr and len(again.stderr.splitlines()) == 1
    )
    forced = run("export", "media", "--out", str(out), "--force", "--study", "2024-03-01")
    assert forced.exit_code == 0, forced.output
    assert "Wrote 4 objects of 1 study " in forced.stdout


def test_media_zip_anonymized_with_retained_dates(library: Library, tmp_path: Path) -> None:
    out = tmp_path / "anon.zip"
    result = run(
        "export", "media", "--out", str(out), "--zip", "--anonymize", "--retain-dates", "--json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["format"] == "zip" and data["anonymized"] is True and out.is_file()
    lonely = run("export", "media", "--out", str(tmp_path / "x"), "--retain-dates")
    assert lonely.exit_code == 2


def _pixels(path: Path) -> str:
    return hashlib.sha256(dcmread(path).PixelData).hexdigest()


def _catalogued_pixels(home: Path) -> dict[str, str]:
    """SOP Instance UID -> hash of the pixel bytes of every object catalogued in ``home``."""
    paths = AppPaths.under_home(home)
    with read_session(open_catalog(paths)) as session:
        rows = session.exec(select(Instance)).all()
        return {row.sop_instance_uid: _pixels(paths.library_dir / row.library_path) for row in rows}


def test_round_trip_export_then_import_into_a_fresh_home(library: Library, tmp_path: Path) -> None:
    originals = {
        f"{uid}.1.{n}": _pixels(library.paths.library_dir / "test" / uid / str(n))
        for uid in library.study_uids
        for n in range(1, 5)
    }
    out = tmp_path / "MEDIA"
    assert run("export", "media", "--out", str(out)).exit_code == 0
    fresh = tmp_path / "fresh"
    imported = run("--home", str(fresh), "import", str(out), "--json")
    assert imported.exit_code == 0, imported.output
    studies = json.loads(run("--home", str(fresh), "studies", "--json").stdout)
    assert {s["study_uid"] for s in studies} == set(library.study_uids)

    copied = _catalogued_pixels(fresh)
    assert copied == originals


@pytest.mark.real
def test_real_discs_round_trip_through_the_command_line(
    real_data: Path, home: Path, tmp_path: Path
) -> None:
    disc = tmp_path / "disc"
    disc.mkdir()
    for name in (
        "fo-dicom/GH133.dcm",
        "fo-dicom/OutOfBoundsOverlay.dcm",
        "dicomsamples-jl/MG_Explicit_Little.dcm",
        "orthanc-tests/DavidClunie/SCSGREEK",
        "orthanc-tests/DavidClunie/SCSH31",
    ):
        (disc / Path(name).name).write_bytes((real_data / name).read_bytes())
    assert run("import", str(disc)).exit_code == 0
    studies = json.loads(run("studies", "--json").stdout)
    assert len(studies) == 5 and len({s["person_id"] for s in studies}) > 1
    out = tmp_path / "MEDIA"
    args = [arg for s in studies for arg in ("--study", s["study_uid"])]
    result = run("export", "media", "--out", str(out), *args, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["instances"] == 5 and data["summary"] is False
    assert "no summary: the studies belong to several persons" in data["warnings"]
    fresh = tmp_path / "fresh"
    assert run("--home", str(fresh), "import", str(out)).exit_code == 0
    again = json.loads(run("--home", str(fresh), "studies", "--json").stdout)
    assert {s["study_uid"] for s in again} == {s["study_uid"] for s in studies}
    originals = {str(dcmread(p).SOPInstanceUID): _pixels(p) for p in disc.iterdir() if p.is_file()}
    copied = _catalogued_pixels(fresh)
    assert copied == originals
