"""Schema versions: every database is brought to the current schema by Alembic migrations.

Opening a catalog that is already current costs one small query and never imports Alembic.
Before an existing catalog is migrated, a copy is taken with SQLite's online backup API.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from mammolog.catalog.db import CatalogError, make_engine
from mammolog.paths import AppPaths, make_private_dir, make_private_file

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
HEAD_REVISION = "0003"


def alembic_config(connection: Connection | None = None):  # type: ignore[no-untyped-def]
    """An Alembic config pointing at mammolog's migration scripts."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current_revision(engine: Engine) -> str | None:
    """The catalog's schema revision, or None for an empty database."""
    with engine.connect() as connection:
        has_table = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).first()
        if not has_table:
            return None
        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
        return str(row[0]) if row else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` on ``engine``."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def backup_database(database: Path, backups_dir: Path, label: str) -> Path:
    """Copy ``database`` with SQLite's online backup API into ``backups_dir``."""
    make_private_dir(backups_dir)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backups_dir / f"catalog-{label}-{stamp}.sqlite"
    source = sqlite3.connect(database)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    make_private_file(target)
    return target


def home_is_read_only(paths: AppPaths) -> bool:
    """True when the catalog exists but neither it nor its folder can be written (a read-only
    disc, a write-protected stick, a folder without write permission)."""
    database = paths.database
    if not database.is_file():
        return False
    return not (os.access(database, os.W_OK) and os.access(database.parent, os.W_OK))


def open_catalog(paths: AppPaths) -> Engine:
    """Create the home if needed and return an engine on a catalog at the current schema.

    On a read-only home nothing is created: the catalog is opened read-only, so reading
    commands work and a write fails with SQLite's read-only error (one clear line).
    """
    read_only = home_is_read_only(paths)
    if not read_only:
        paths.ensure()
    try:
        engine = make_engine(paths.database, read_only=read_only)
        revision = current_revision(engine)
    except Exception as error:  # sqlite3 raises many kinds for a damaged or foreign file
        reason = getattr(error, "orig", None) or error
        raise CatalogError(f"cannot open the catalog {paths.database}: {reason}") from error
    if revision == HEAD_REVISION:
        return engine
    if read_only:
        raise CatalogError(
            f"the catalog {paths.database} is read-only here and needs an upgrade to this "
            "version of mammolog; copy the home somewhere writable first"
        )
    known = _known_revisions()
    if revision is not None and revision not in known:
        raise CatalogError(
            f"the catalog {paths.database} was written by a newer mammolog (schema {revision}); "
            "update mammolog to open it"
        )
    if revision is not None:
        backup_database(
            paths.database, paths.backups_dir, f"before-{HEAD_REVISION}-from-{revision}"
        )
    upgrade(engine)
    return engine


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}
