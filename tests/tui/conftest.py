"""A small, fixed library for the app tests: two persons, dated studies, four views each."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pytest
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import UID, ExplicitVRLittleEndian, generate_uid
from sqlalchemy.engine import Engine

from mammolog.catalog.db import write_session
from mammolog.catalog.migrate import open_catalog
from mammolog.catalog.models import Instance, PatientIdentity, Person, Series, Study
from mammolog.paths import AppPaths
from mammolog.tui.app import MammologApp, build_app


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (no asyncio plugin needed)."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        names = inspect.signature(pyfuncitem.obj).parameters
        asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
        return True
    return None


TODAY = date(2026, 11, 1)
SIZE = (120, 40)
MG_CLASS = UID("1.2.840.10008.5.1.4.1.1.1.2")
STAMP = datetime(2026, 1, 1, tzinfo=UTC)
VIEWS = (("R", "CC"), ("L", "CC"), ("R", "MLO"), ("L", "MLO"))


@dataclass(frozen=True)
class Library:
    """A prepared home: paths, engine and the primary keys the tests refer to."""

    paths: AppPaths
    engine: Engine
    person_ids: tuple[int, ...]
    study_pks: tuple[int, ...]  # person 1's studies, oldest first


def write_mammogram(path: Path, laterality: str, view: str, seed: int) -> None:
    """A tiny synthetic MG image (64 x 48, 12-bit) with laterality and view."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = MG_CLASS
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(str(path), {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID = MG_CLASS
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "MG"
    ds.ImageLaterality = laterality
    ds.ViewPosition = view
    ds.Rows, ds.Columns = 64, 48
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    rows = np.linspace(0, 4095, 64, dtype=np.float32)[:, None]
    cols = np.linspace(0, 1, 48, dtype=np.float32)[None, :]
    pixels = (rows * cols + seed * 13) % 4096
    ds.PixelData = pixels.astype(np.uint16).tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    ds.save_as(path, enforce_file_format=True)


def _add_study(
    session: object, paths: AppPaths, identity_id: int, day: date, index: int, images: bool
) -> int:
    from sqlmodel import Session

    assert isinstance(session, Session)
    study = Study(
        study_uid=f"1.2.826.0.1.3680043.99.{index}",
        identity_id=identity_id,
        study_date=day,
        description="Screening mammography" if index % 2 else "Diagnostic mammography",
        institution="Breast Centre North" if index % 3 else "City Hospital",
        modalities="MG\\SR",
        created_at=STAMP,
    )
    session.add(study)
    session.flush()
    assert study.id is not None
    series = Series(
        series_uid=f"{study.study_uid}.1", study_pk=study.id, modality="MG", series_number=1,
        description="Mammo",
    )  # fmt: skip
    session.add(series)
    session.flush()
    assert series.id is not None
    for number, (laterality, view) in enumerate(VIEWS, start=1):
        relative = f"s{index}/{laterality}{view}.dcm"
        if images:
            write_mammogram(paths.library_dir / relative, laterality, view, index + number)
        session.add(
            Instance(
                series_pk=series.id,
                sop_instance_uid=f"{series.series_uid}.{number}",
                sop_class_uid=MG_CLASS,
                modality="MG",
                instance_number=number,
                laterality=laterality,
                view=view,
                view_label=f"{laterality} {view}",
                presentation_intent="FOR PRESENTATION",
                rows=64,
                columns=48,
                size=6400,
                sha256=f"{index:04d}{number:060d}",
                library_path=relative,
            )  # fmt: skip
        )
    return study.id


def make_library(home: Path, *, images: bool = True) -> Library:
    """Person 1 with three studies (2022, 2024, 2025), person 2 with one."""
    paths = AppPaths.under_home(home)
    engine = open_catalog(paths)
    with write_session(engine) as session:
        people = [
            Person(display_name="Nowak, Anna", birth_date=date(1960, 3, 4), created_at=STAMP),
            Person(display_name="Nowak, Ewa", birth_date=date(1988, 7, 9), created_at=STAMP),
        ]
        session.add_all(people)
        session.flush()
        identities = [
            PatientIdentity(
                person_id=p.id or 0,
                patient_name=p.display_name.replace(", ", "^").upper(),
                patient_id=f"P{p.id}",
                birth_date=p.birth_date,
                created_at=STAMP,
                link_reason="new person",
            )  # fmt: skip
            for p in people
        ]
        session.add_all(identities)
        session.flush()
        days = (date(2022, 5, 10), date(2024, 5, 14), date(2025, 10, 2))
        study_pks = tuple(
            _add_study(session, paths, identities[0].id or 0, day, i, images)
            for i, day in enumerate(days, start=1)
        )
        _add_study(session, paths, identities[1].id or 0, date(2023, 1, 20), 9, images)
        person_ids = tuple(p.id or 0 for p in people)
    return Library(paths, engine, person_ids, study_pks)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    """A prepared library in a private temporary home."""
    return make_library(tmp_path / "home")


@pytest.fixture
def empty_home(tmp_path: Path) -> AppPaths:
    """A home with nothing in it yet."""
    return AppPaths.under_home(tmp_path / "empty")


def app_for(
    paths: AppPaths,
    engine: Engine | None = None,
    *,
    browse_root: Path | None = None,
    media_roots: tuple[Path, ...] = (),
) -> MammologApp:
    """The app as the tests build it: fixed day, no cursor blink, no real media or home."""
    root = browse_root or paths.data_dir
    return build_app(
        paths, engine=engine, today=TODAY, cursor_blink=False, browse_root=root,
        media_roots=media_roots,
    )  # fmt: skip


async def settle(app: MammologApp, pilot: object) -> None:
    """Wait until every worker finished and the screen caught up with their messages."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    for _ in range(3):
        await pilot.pause()
        # The folder tree's loader is a long-lived worker that waits for requests.
        pending = [w for w in app.workers if w.group != "_loader"]
        if pending:  # an empty list would mean "every worker"
            await app.workers.wait_for_complete(pending)
    await pilot.pause()


@dataclass(frozen=True)
class Notice:
    """One notification the app showed."""

    message: str
    title: str
    severity: str


def record_notifications(app: MammologApp) -> list[Notice]:
    """Every notification ``app`` shows from now on, in order (wraps its public ``notify``)."""
    shown: list[Notice] = []
    original = app.notify

    def notify(
        message: str, *, title: str = "", severity: str = "information", **kw: object
    ) -> None:
        shown.append(Notice(message, title, severity))
        original(message, title=title, severity=severity, **kw)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return shown


@pytest.fixture
def no_textual_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep the user's TEXTUAL_* settings out of snapshots."""
    for name in ("TEXTUAL_THEME", "TEXTUAL_ANIMATIONS"):
        monkeypatch.delenv(name, raising=False)
    yield
