"""Build a populated home (catalog rows with real library files, an attachment, settings)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import select

from mammolog.catalog.db import write_session
from mammolog.catalog.migrate import open_catalog
from mammolog.catalog.models import Instance
from mammolog.paths import AppPaths
from mammolog.services.attachments import attach_file
from mammolog.services.settings import Settings, save_settings
from tests.factories import make_study


@dataclass(frozen=True)
class Home:
    """A home made for a test and what it holds."""

    paths: AppPaths
    engine: Engine
    study_uids: tuple[str, ...]
    files: dict[str, str]  # library relpath -> sha256


def _fill_instances(paths: AppPaths, engine: Engine, size: int) -> dict[str, str]:
    files: dict[str, str] = {}
    with write_session(engine) as session:
        for row in session.exec(select(Instance)).all():
            body = hashlib.sha256(row.sop_instance_uid.encode()).digest() * (size // 32 + 1)
            body = body[:size]
            relpath = f"studies/{row.sop_instance_uid}.dcm"
            target = paths.library_dir / relpath
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(body)
            row.library_path = relpath
            row.size = size
            row.sha256 = hashlib.sha256(body).hexdigest()
            files[relpath] = row.sha256
            session.add(row)
    return files


def make_home(root: Path, *, studies: int = 2, size: int = 4096) -> Home:
    """A home under ``root`` with ``studies`` four-view studies, one attachment and settings."""
    paths = AppPaths.under_home(root)
    engine = open_catalog(paths)
    uids = tuple(f"1.2.826.0.1.3680043.10.1.{n}" for n in range(1, studies + 1))
    for n, uid in enumerate(uids):
        make_study(engine, uid=uid, study_date=date(2015 + n, 3, 1))
    files = _fill_instances(paths, engine, size)
    report = root.parent / f"{root.name}-report.txt"
    report.write_text("BI-RADS 2, benign findings.\n", encoding="utf-8")
    record = attach_file(engine, paths, uids[0], report)
    files[record.library_path] = record.sha256
    save_settings(paths.settings_file, Settings().with_interval(24))
    return Home(paths, engine, uids, files)
