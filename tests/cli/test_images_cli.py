"""`mammolog images` and `mammolog render`: output, JSON contract, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from PIL import Image

from mammolog.cli import cli
from tests.image_studies import ImageLibrary, build_image_library


@pytest.fixture
def library(home: Path, tmp_path: Path) -> ImageLibrary:
    return build_image_library(home, tmp_path / "disc", frames=5)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_images_table_and_json(library: ImageLibrary) -> None:
    result = run("images", library.current)
    assert result.exit_code == 0, result.output
    assert "tomosynthesis (3D)" in result.stdout and "R MLO" in result.stdout
    assert "no: Hologic 3D data: only a Hologic workstation can display it" in result.stdout
    data = json.loads(run("images", library.current, "--json").stdout)
    hung = {image["hung"] for image in data["images"]} - {None}
    assert hung == {"R CC", "L CC", "R MLO", "L MLO"}
    locked = next(i for i in data["images"] if i["kind"] == "vendor-proprietary")
    assert locked["viewable"] is False and "Hologic" in locked["reason"]
    assert all(i["reason"] is None for i in data["images"] if i["viewable"])


def test_images_of_an_unknown_study_is_one_line(library: ImageLibrary) -> None:
    result = run("images", "1999-01-01")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "no study" in result.stderr


def test_render_every_frame_then_refusals(library: ImageLibrary, tmp_path: Path) -> None:
    data = json.loads(run("images", library.current, "--json").stdout)
    volume = next(i for i in data["images"] if i["kind"] == "tomosynthesis")
    for frame in range(1, volume["frames"] + 1):
        out = tmp_path / f"f{frame}.png"
        result = run(
            "render", volume["instance_uid"], "--frame", str(frame), "--width", "40",
            "--out", str(out),
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert f"frame {frame} / 5" in result.stdout
        with Image.open(out) as picture:
            assert picture.mode == "L" and picture.width == 40
    locked = next(i for i in data["images"] if i["kind"] == "vendor-proprietary")
    result = run("render", locked["instance_uid"], "--out", str(tmp_path / "x.png"))
    assert result.exit_code == 1 and "only a Hologic workstation" in result.stderr
    assert not (tmp_path / "x.png").exists()
    result = run("render", "nothing-like-this", "--out", str(tmp_path / "y.png"))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    result = run("render", f"{library.current}/1", "--out", str(tmp_path / "f1.png"))
    assert result.exit_code == 1 and "--force" in result.stderr
    result = run(
        "render", f"{library.current}/1", "--out", str(tmp_path / "f1.png"), "--force", "--json"
    )
    assert result.exit_code == 0 and json.loads(result.stdout)["frame"] == 3
