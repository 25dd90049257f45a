"""The command line talks to a person: plurals, plain words, no internal names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from mammolog.catalog.migrate import open_catalog
from mammolog.cli import cli
from mammolog.paths import AppPaths
from tests.factories import make_study


@pytest.fixture
def one_study(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MAMMOLOG_TODAY", "2024-06-01")
    engine = open_catalog(AppPaths.under_home(home))
    make_study(engine, uid="1.2.826.0.1.3680043.10.7.1", study_date=date(2024, 3, 1))
    engine.dispose()
    return home


def test_one_of_everything_is_singular(one_study: Path) -> None:
    persons = CliRunner().invoke(cli, ["persons"]).output
    assert "1 study " in persons and "1 studies" not in persons
    assert "DOE^JANE" not in persons and "Jane" in persons
    verify = CliRunner().invoke(cli, ["verify"]).output
    assert "1 files" not in verify and "1 problems" not in verify


def test_a_recommendation_is_shown_in_words(one_study: Path) -> None:
    result = CliRunner().invoke(
        cli, ["assess", "2024-03-01", "--right", "1", "--recommendation", "routine-screening"]
    )
    assert result.exit_code == 0, result.output
    assert "Recommendation: Routine screening" in result.output
    assert "routine-screening" not in result.output
    history = CliRunner().invoke(cli, ["assess", "2024-03-01", "--history"]).output
    assert "Routine screening" in history and "routine-screening" not in history


def test_an_existing_backup_names_the_force_option(one_study: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.tar"
    out.write_bytes(b"mine")
    result = CliRunner().invoke(cli, ["backup", "--out", str(out)])
    assert result.exit_code == 2
    assert "already exists (use --force to replace it)" in result.output


def test_proposals_and_accepting_them_read_as_words(tmp_path: Path, home: Path) -> None:
    demo = tmp_path / "demo"
    built = CliRunner().invoke(cli, ["demo", "--demo-home", str(demo), "--json"])
    assert built.exit_code == 0, built.output
    listed = CliRunner().invoke(cli, ["--home", str(demo), "proposals"]).output
    assert "calcification_morphology" not in listed and "routine-screening" not in listed
    assert "Calcification shape" in listed and "Routine screening" in listed
    accepted = CliRunner().invoke(cli, ["--home", str(demo), "accept", "1", "2", "3", "4"]).output
    assert "for overall" not in accepted and "routine-screening" not in accepted
    assert "Recorded BI-RADS 2 (Benign) overall." in accepted


def test_the_progress_line_counts_in_words() -> None:
    import io

    from mammolog.commands.progress import ProgressLine

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for total, expected in ((1, " 1/1 file "), (2500, " 2,500/2,500 files ")):
        screen = Terminal()
        line = ProgressLine("import", screen)
        line.update(total, total, 10, 10)
        line.close()
        assert expected in screen.getvalue(), screen.getvalue()
