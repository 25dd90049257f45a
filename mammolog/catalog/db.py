"""Engine and sessions: SQLite in WAL mode, foreign keys on, one writer at a time."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool
from sqlmodel import Session, create_engine

from mammolog.paths import make_private_dir, make_private_file

BUSY_TIMEOUT_MS = 10_000


class CatalogError(Exception):
    """The catalog cannot be opened or written (locked, unreadable, newer than this program)."""


# What SQLite says, and what it means for the person at the keyboard; first match wins.
_SQLITE_REASONS = (
    (
        "database is locked",
        "the catalog is busy: another program (mammolog itself, or a backup "
        "tool) has held its write lock for more than 10 seconds; close it and try again",
    ),
    (
        "database table is locked",
        "the catalog is busy: another program is writing to it; try again",
    ),
    (
        "database or disk is full",
        "the disk holding the catalog is full; nothing was changed. Free some space and try again",
    ),
    (
        "disk i/o error",
        "the disk holding the catalog reported an input/output error; nothing "
        "was changed. Check the disk and run `mammolog verify`",
    ),
    (
        "attempt to write a readonly database",
        "the catalog is read-only here (a read-only "
        "folder or disc?); reading works, changes cannot be saved",
    ),
    ("readonly", "the catalog is read-only here; reading works, changes cannot be saved"),
    ("unable to open database", "the catalog cannot be opened (missing folder or no permission)"),
    ("file is not a database", "the catalog file is damaged or not a mammolog catalog"),
    ("malformed", "the catalog file is damaged (database disk image is malformed)"),
)


def database_error_message(error: BaseException) -> str:
    """One plain line for a SQLite or SQLAlchemy database error (locked, disk full, I/O).

    SQLAlchemy wraps the driver's error in ``orig``; its text is matched against the messages
    SQLite uses, so the person reads what happened instead of a statement and a traceback.
    """
    original = getattr(error, "orig", None) or error
    text = str(original).strip().lower()
    for fragment, reason in _SQLITE_REASONS:
        if fragment in text:
            return reason
    first_line = str(original).strip().splitlines()[0] if str(original).strip() else ""
    return f"the catalog could not be read or written ({first_line or type(original).__name__})"


def make_engine(database: Path, *, read_only: bool = False) -> Engine:
    """An engine on ``database`` with mammolog's pragmas; the file is private (0600).

    ``read_only`` opens a catalog on a read-only folder or disc (nothing is created, no write
    can succeed): SQLite's ``immutable`` mode, since no other program can change the file
    there either, and since a WAL catalog otherwise needs its ``-shm`` file created.
    """
    if read_only:
        return _read_only_engine(database)
    make_private_dir(database.parent)
    if not database.exists():
        database.touch(mode=0o600)
    make_private_file(database)
    engine = create_engine(
        f"sqlite:///{database}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _read_only_engine(database: Path) -> Engine:
    uri = f"file:{quote(str(database.absolute()))}?mode=ro&immutable=1"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )

    # The URL names no file, so SQLAlchemy would pick its in-memory pool (one connection per
    # thread, shared by nested sessions); a file catalog wants the ordinary pool.
    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)
    event.listen(engine, "connect", _on_connect_read_only)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect_read_only(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself, so writers can use BEGIN IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _on_begin(connection: Any) -> None:
    if connection.get_execution_options().get("mammolog_write"):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def read_session(engine: Engine) -> Session:
    """A session for reading (deferred transaction)."""
    return Session(engine, expire_on_commit=False)


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session that holds the write lock from its first statement and commits at the end.

    SQLite allows one writer at a time; BEGIN IMMEDIATE takes the lock up front so two
    writers wait for each other (busy timeout) instead of failing half-way.
    """
    session = Session(engine.execution_options(mammolog_write=True), expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
