"""Schema migrations: a new catalog is created by them, the models match them, and an
older catalog is upgraded with its data kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from mammolog.catalog.db import CatalogError, make_engine
from mammolog.catalog.migrate import (
    HEAD_REVISION,
    alembic_config,
    current_revision,
    open_catalog,
    upgrade,
)
from mammolog.paths import AppPaths


def test_head_constant_matches_the_migration_scripts() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_current_head() == HEAD_REVISION


def test_new_catalog_is_at_head_and_matches_the_models(tmp_path: Path) -> None:
    engine = open_catalog(AppPaths.under_home(tmp_path / "home"))
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert diff == []


def test_catalog_file_is_private_and_in_wal_mode(tmp_path: Path) -> None:
    paths = AppPaths.under_home(tmp_path / "home")
    engine = open_catalog(paths)
    assert paths.database.stat().st_mode & 0o777 == 0o600
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_older_catalog_is_backed_up_and_upgraded_with_its_data(tmp_path: Path) -> None:
    paths = AppPaths.under_home(tmp_path / "home")
    paths.ensure()
    script = ScriptDirectory.from_config(alembic_config())
    revisions = [rev.revision for rev in script.walk_revisions()]
    oldest = revisions[-1]
    engine = make_engine(paths.database)
    upgrade(engine, oldest)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO person (display_name, sex, created_at) "
            "VALUES ('Kowalska, Maria', 'F', '2020-01-01 00:00:00')"
        )
    engine.dispose()
    if oldest == HEAD_REVISION:
        pytest.skip("only one schema revision exists so far")
    upgraded = open_catalog(paths)
    assert current_revision(upgraded) == HEAD_REVISION
    with upgraded.connect() as connection:
        names = connection.exec_driver_sql("SELECT display_name FROM person").scalars().all()
    assert names == ["Kowalska, Maria"]
    backups = list(paths.backups_dir.glob("catalog-before-*.sqlite"))
    assert len(backups) == 1
    assert backups[0].stat().st_mode & 0o777 == 0o600


def test_catalog_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    paths = AppPaths.under_home(tmp_path / "home")
    engine = open_catalog(paths)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    with pytest.raises(CatalogError, match="newer mammolog"):
        open_catalog(paths)


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    paths = AppPaths.under_home(tmp_path / "home")
    paths.ensure()
    paths.database.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(CatalogError, match="cannot open the catalog"):
        open_catalog(paths)


def test_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    paths = AppPaths.under_home(tmp_path / "home")
    open_catalog(paths)
    first = sqlite3.connect(paths.database, isolation_level=None)
    first.execute("BEGIN IMMEDIATE")
    second = sqlite3.connect(paths.database, timeout=0.2, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        second.execute("BEGIN IMMEDIATE")
    first.execute("COMMIT")
    second.execute("BEGIN IMMEDIATE")
    second.execute("COMMIT")
