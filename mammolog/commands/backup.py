"""Commands to back up the whole home into one archive and to restore it: backup, restore."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from mammolog.commands._common import (
    EXIT_FAILED,
    EXIT_USAGE,
    AppContext,
    fail,
    handle_errors,
    human_bytes,
    json_option,
    pass_app,
    plural,
    print_json,
    say,
)
from mammolog.commands.progress import ProgressLine
from mammolog.paths import AppPaths


@click.command()
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Archive to write (default: a dated file in the home's backups folder).",
)
@click.option("--force", is_flag=True, help="Replace the archive if it already exists.")
@json_option
@pass_app
@handle_errors
def backup(app: AppContext, out: Path | None, force: bool, as_json: bool) -> None:
    """Write one archive of everything: catalog, images, attachments and settings.

    The catalog is copied consistently even while the app is open. Every file's SHA-256
    goes into a manifest inside the archive and is checked again on restore. The archive
    is private to you (0600); keep a copy somewhere other than this computer.
    Exit codes: 0 written and checked, 1 failed or some files did not match the catalog,
    2 usage error.

    Example: mammolog backup --out /media/usb/mammolog-backup.tar
    """
    from mammolog.services.backup import BackupError, RestoreTargetError, backup_home

    if out is None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        app.paths.backups_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        out = app.paths.backups_dir / f"mammolog-{stamp}.tar"
    line = ProgressLine("backup")
    try:
        report = backup_home(
            app.paths, out, overwrite=force,
            progress=lambda f, ft, b, bt: line.update(f, ft, b, bt),
        )  # fmt: skip
    except RestoreTargetError as error:
        fail(str(error), EXIT_USAGE)
    except BackupError as error:
        fail(str(error))
    finally:
        line.close()
    if as_json:
        print_json(report)
    else:
        say(f"backup written: {report.archive}")
        say(f"  {plural(report.files, 'file')}, {human_bytes(report.bytes)}")
        if report.left_out:
            say(f"  left out {plural(len(report.left_out), 'file')} the catalog does not know")
    if not report.clean:
        for problem in report.problems[:10]:
            say(f"mammolog: {problem.path}: {problem.reason}", err=True)
        fail(
            f"{plural(len(report.problems), 'file')} missing or not matching the catalog",
            EXIT_FAILED,
        )


@click.command()
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--home",
    "target",
    type=click.Path(file_okay=False, path_type=Path),
    help="Empty or new folder to restore into (default: the global --home / MAMMOLOG_HOME).",
)
@json_option
@pass_app
@handle_errors
def restore(app: AppContext, archive: Path, target: Path | None, as_json: bool) -> None:
    """Restore a backup archive into an empty or new home, checking every file's hash.

    Nothing is put in place unless every file matches the manifest; entries with absolute
    paths, `..` or links are refused. Exit codes: 0 restored, 1 the archive is missing,
    corrupt or does not match its manifest, 2 usage error (for example a non-empty target).

    Example: mammolog restore /media/usb/mammolog-backup.tar --home ~/mammolog-restored
    """
    from mammolog.services.backup import BackupError, RestoreTargetError, restore_archive

    paths = AppPaths.under_home(target) if target is not None else app.paths
    line = ProgressLine("restore")
    try:
        report = restore_archive(
            archive, paths, progress=lambda f, ft, b, bt: line.update(f, ft, b, bt)
        )
    except RestoreTargetError as error:
        fail(str(error), EXIT_USAGE)
    except BackupError as error:
        fail(str(error))
    finally:
        line.close()
    from mammolog.logs import configure_logging

    configure_logging(paths)
    if as_json:
        print_json(report)
    else:
        say(
            f"restored {plural(report.files, 'file')} ({human_bytes(report.bytes)}) "
            f"into {report.home}"
        )
        say("  every file matched its SHA-256 in the backup's manifest")


COMMANDS = (backup, restore)
