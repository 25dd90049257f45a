"""Documents kept with a study (report PDFs, scans, text), stored in the library like images."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mammolog.catalog.db import read_session, write_session
from mammolog.catalog.results_models import Attachment
from mammolog.paths import AppPaths, make_private_dir
from mammolog.services.import_files import ATTACH_TEMP_PREFIX, remove_abandoned_temps
from mammolog.services.studies import person_of_study, resolve_study

CHUNK = 1 << 20
MAX_ATTACHMENT_BYTES = 512 * 1024 * 1024


class AttachmentError(ValueError):
    """A file that cannot be attached, with the reason."""


@dataclass(frozen=True)
class AttachmentRecord:
    """An attachment as listed."""

    attachment_id: int
    study_uid: str | None
    filename: str
    media_type: str
    kind: str
    size: int
    sha256: str
    library_path: str
    already_present: bool = False

    def as_json(self) -> dict[str, object]:
        """JSON form for ``mammolog attach --json``."""
        return {
            "attachment_id": self.attachment_id,
            "study_uid": self.study_uid,
            "filename": self.filename,
            "media_type": self.media_type,
            "kind": self.kind,
            "size": self.size,
            "sha256": self.sha256,
            "library_path": self.library_path,
            "already_present": self.already_present,
        }


def store_stream(stream: BinaryIO, paths: AppPaths, suffix: str) -> tuple[str, str, int]:
    """Copy ``stream`` into the library's attachments durably; (library_path, sha256, size).

    The bytes go to a temporary name in the library, are fsynced, then renamed to a
    content-addressed name, so a crash never leaves a half file under a final name.
    """
    paths.ensure()
    remove_abandoned_temps(paths.incoming_dir, ATTACH_TEMP_PREFIX)
    temp = paths.incoming_dir / f"{ATTACH_TEMP_PREFIX}{os.getpid()}-{uuid.uuid4().hex}.tmp"
    digest = hashlib.sha256()
    size = 0
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > MAX_ATTACHMENT_BYTES:
                    raise AttachmentError("file is larger than 512 MB")
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        relative = Path("attachments") / sha[:2] / f"{sha}{suffix.lower()}"
        final = paths.library_dir / relative
        make_private_dir(final.parent)
        os.replace(temp, final)
        _fsync_dir(final.parent)
        return relative.as_posix(), sha, size
    finally:
        temp.unlink(missing_ok=True)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def attach_file(
    engine: Engine,
    paths: AppPaths,
    study_ref: str | None,
    file_path: Path,
    *,
    kind: str = "report",
    source_path: str = "",
) -> AttachmentRecord:
    """Store ``file_path`` in the library and link it to a study (or leave it unplaced)."""
    if not file_path.is_file():
        raise AttachmentError(f"{file_path}: not a file")
    with file_path.open("rb") as stream:
        return attach_stream(
            engine, paths, study_ref, stream, filename=file_path.name, kind=kind,
            source_path=source_path or str(file_path),
        )  # fmt: skip


@dataclass(frozen=True)
class StoredFile:
    """A document already copied into the library, not yet registered."""

    library_path: str
    sha256: str
    size: int
    filename: str

    @property
    def media_type(self) -> str:
        """The media type guessed from the file name."""
        return mimetypes.guess_type(self.filename)[0] or "application/octet-stream"


def store_document(stream: BinaryIO, paths: AppPaths, filename: str) -> StoredFile:
    """Copy a document into the library (durably, by hash) without registering it."""
    library_path, sha, size = store_stream(stream, paths, Path(filename).suffix[:10])
    return StoredFile(library_path, sha, size, filename)


def attach_stream(
    engine: Engine,
    paths: AppPaths,
    study_ref: str | None,
    stream: BinaryIO,
    *,
    filename: str,
    kind: str = "report",
    source_path: str = "",
) -> AttachmentRecord:
    """Store a document read from ``stream``; the same bytes on the same study are kept once."""
    stored = store_document(stream, paths, filename)
    return register_attachment(
        engine, stored, study_ref=study_ref, kind=kind, source_path=source_path
    )


def register_attachment(
    engine: Engine,
    stored: StoredFile,
    *,
    study_ref: str | None,
    person_id: int | None = None,
    kind: str = "report",
    source_path: str = "",
) -> AttachmentRecord:
    """Register a stored document with a study (or a person, or unplaced); once per place."""
    with write_session(engine) as session:
        study = resolve_study(session, study_ref) if study_ref else None
        if study is not None:
            person_id = person_of_study(session, study.pk)
        place = (
            col(Attachment.study_pk) == study.pk
            if study is not None
            else col(Attachment.study_pk).is_(None)
        )
        existing = session.exec(
            select(Attachment).where(Attachment.sha256 == stored.sha256, place)
        ).first()
        if existing is not None:
            return _record(session, existing, already_present=True)
        row = Attachment(
            person_id=person_id,
            study_pk=study.pk if study else None,
            kind=kind,
            filename=stored.filename,
            media_type=stored.media_type,
            library_path=stored.library_path,
            sha256=stored.sha256,
            size=stored.size,
            source_path=source_path,
            created_at=datetime.now(UTC),
        )
        session.add(row)
        session.flush()
        return _record(session, row)


def _record(session: Session, row: Attachment, already_present: bool = False) -> AttachmentRecord:
    from mammolog.catalog.models import Study

    study = session.get(Study, row.study_pk) if row.study_pk else None
    return AttachmentRecord(
        attachment_id=row.id or 0,
        study_uid=study.study_uid if study else None,
        filename=row.filename,
        media_type=row.media_type,
        kind=row.kind,
        size=row.size,
        sha256=row.sha256,
        library_path=row.library_path,
        already_present=already_present,
    )


def list_attachments(engine: Engine, study_ref: str | None = None) -> list[AttachmentRecord]:
    """Attachments of a study, or all of them."""
    with read_session(engine) as session:
        query = select(Attachment).order_by(col(Attachment.id))
        if study_ref:
            query = query.where(Attachment.study_pk == resolve_study(session, study_ref).pk)
        return [_record(session, row) for row in session.exec(query).all()]
