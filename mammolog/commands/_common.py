"""What every command shares: the context (paths, catalog), JSON and table output, errors."""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ParamSpec, TypeVar

import click
from sqlalchemy.engine import Engine

from mammolog.domain.plain_words import plural as plural  # shared by every command
from mammolog.paths import AppPaths, LibraryPathError
from mammolog.untrusted import for_terminal, json_for_terminal

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PROBLEMS = 3


@dataclass
class AppContext:
    """Built once per invocation by the root command; opens the catalog on first use."""

    paths: AppPaths
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def today(self) -> date:
        """Today's local date; ``MAMMOLOG_TODAY`` (YYYY-MM-DD) fixes it for tests and demos."""
        fixed = os.environ.get("MAMMOLOG_TODAY")
        return date.fromisoformat(fixed) if fixed else date.today()

    @property
    def engine(self) -> Engine:
        """The catalog engine, migrated to the current schema."""
        if self._engine is None:
            from mammolog.catalog.migrate import open_catalog

            self._engine = open_catalog(self.paths)
        return self._engine


pass_app = click.make_pass_decorator(AppContext)


def json_option(func: Callable[P, R]) -> Callable[P, R]:
    """Add ``--json`` to a command."""
    return click.option(
        "--json", "as_json", is_flag=True, help="Print one JSON object instead of a table."
    )(func)


def print_json(value: Any) -> None:
    """Print ``value`` as JSON (Unicode kept, dates as ISO strings)."""
    text = json.dumps(value, ensure_ascii=False, indent=2, default=_json_default)
    click.echo(json_for_terminal(text))


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "as_json"):
        return value.as_json()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def say(message: object = "", *, err: bool = False) -> None:
    """Print one line of human output, made safe for a terminal.

    Every line a command prints for people goes through here (or :func:`print_table`,
    :func:`fail`): names, descriptions and paths from discs may hold escape sequences or
    line breaks, which come out visible, on the one line. ``--json`` uses :func:`print_json`.
    """
    click.echo(for_terminal(message), err=err)


def fail(message: str, code: int = EXIT_FAILED) -> None:
    """Print one clear line on stderr and exit with ``code``."""
    say(f"mammolog: {message}", err=True)
    sys.exit(code)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn the errors a user can cause into one line on stderr and a documented exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from sqlalchemy.exc import DBAPIError

        from mammolog.catalog.db import CatalogError, database_error_message

        try:
            return func(*args, **kwargs)
        except click.ClickException:
            raise
        except BrokenPipeError:
            # The reader went away (`mammolog studies | head`): stop quietly, as cat does.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed stream
            sys.exit(EXIT_OK)
        except CatalogError as error:
            fail(str(error))
        except (DBAPIError, sqlite3.Error) as error:
            fail(database_error_message(error))
        except ValueError as error:  # domain validation and bad references
            fail(str(error), EXIT_USAGE)
        except LibraryPathError as error:
            fail(str(error))
        except PermissionError as error:
            fail(f"permission denied: {error.filename or error}")
        except OSError as error:
            fail(f"{error.strerror or error}: {error.filename or ''}".rstrip(": "))
        raise AssertionError("unreachable")

    return wrapper


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Print a plain aligned table (wide columns are not cut: pipes stay readable).

    Every cell is made safe for a terminal: a control character or line break from a disc
    comes out visible and the row stays one line.
    """
    text_rows = [[for_terminal(cell) for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in text_rows:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], len(cell))
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False)).rstrip()
    click.echo(for_terminal(line))
    click.echo("  ".join("-" * w for w in widths))
    for row in text_rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip())


def human_bytes(size: float) -> str:
    """1.2 GB style sizes."""
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(size) < 1000 or unit == "TB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} TB"
