"""The summary's key images: the latest CC and MLO of each breast, rendered small, and the
prior image of the same view where that breast changed on the latest exam."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session

from mammolog.catalog.queries import StudyRecord
from mammolog.dicom.pixels import PixelDecodeError
from mammolog.domain.lexicon import Side
from mammolog.domain.timeline import ChangeKind, TimelineEntry
from mammolog.export.summary import WINDOW_SOURCE_WORDS, KeyImage
from mammolog.paths import AppPaths
from mammolog.services.images import ImageEntry, study_images
from mammolog.services.previews import PreviewCache, PreviewCacheError

__all__ = ["KEY_VIEWS", "PREVIEW_BOX", "key_images_of"]

KEY_VIEWS = ("CC", "MLO")
PREVIEW_BOX = (360, 460)
# changes that make the prior image of the same view worth showing
_IMAGE_CHANGES = frozenset(ChangeKind) - {ChangeKind.DENSITY_CHANGE}


def _key_candidates(
    session: Session, paths: AppPaths, study_pk: int
) -> dict[tuple[str, str], ImageEntry]:
    """The image hung in each slot (a 2D view, else synthesized 2D, else the DBT volume at its
    middle slice; never QC, vendor-locked or For Processing objects), by (side, view)."""
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    study = study_images(engine, paths, study_pk)
    return {
        (slot.laterality, slot.view): slot.shown
        for slot in study.slots
        if slot.shown is not None and slot.view in KEY_VIEWS
    }


def _changed_sides(entry: TimelineEntry | None) -> set[str]:
    if entry is None:
        return set()
    sides: set[str] = set()
    for change in entry.changes:
        if change.kind in _IMAGE_CHANGES:
            sides |= {"R", "L"} if change.side in (Side.BOTH, None) else {str(change.side)}
    return sides


def _render_key_image(
    paths: AppPaths, inst: ImageEntry, exam_date: date | None, role: str
) -> KeyImage:
    label = f"{inst.laterality} {inst.view}"
    source = inst.path
    if not source.is_file():
        return KeyImage(label, exam_date, role, None, reason="the file is missing from the library")
    if not inst.viewable:
        return KeyImage(label, exam_date, role, None, reason=inst.reason or "it cannot be shown")
    try:
        preview = PreviewCache(paths.previews_dir).get_or_render(
            source, inst.instance_uid, *PREVIEW_BOX, frame=inst.start_frame
        )
    except (PixelDecodeError, PreviewCacheError, OSError, ValueError) as exc:
        return KeyImage(label, exam_date, role, None, reason=str(exc) or exc.__class__.__name__)
    buffer = io.BytesIO()
    preview.image.save(buffer, format="PNG", optimize=True)
    applied = preview.window
    origin = WINDOW_SOURCE_WORDS.get(preview.window_source, preview.window_source)
    window = (
        f"window C {applied.center:.0f} W {applied.width:.0f} ({origin})" if applied else origin
    )
    width, height = preview.size
    return KeyImage(label, exam_date, role, buffer.getvalue(), width, height, window=window)


def key_images_of(
    session: Session,
    paths: AppPaths,
    studies: Sequence[StudyRecord],
    entries: dict[str, TimelineEntry],
) -> tuple[KeyImage, ...]:
    """Latest CC and MLO of each side; the prior same view where that side changed."""
    dated = sorted((s for s in studies if s.study_date), key=lambda s: s.study_date or date.min)
    per_study = [(s, _key_candidates(session, paths, s.pk)) for s in reversed(dated)]
    images = []
    for side in ("R", "L"):
        for view in KEY_VIEWS:
            having = [(s, c[(side, view)]) for s, c in per_study if (side, view) in c]
            if not having:
                continue
            latest_study, latest_inst = having[0]
            images.append(_render_key_image(paths, latest_inst, latest_study.study_date, "latest"))
            if len(having) > 1 and side in _changed_sides(entries.get(latest_study.study_uid)):
                prior_study, prior_inst = having[1]
                images.append(_render_key_image(paths, prior_inst, prior_study.study_date, "prior"))
    return tuple(images)
