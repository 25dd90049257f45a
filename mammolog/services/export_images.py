"""The summary's key images: the latest CC and MLO of each breast, rendered small, and the
prior image of the same view where that breast changed on the latest exam."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from sqlmodel import Session

from mammolog.catalog.queries import InstanceRecord, StudyRecord, study_instances
from mammolog.dicom.pixels import PixelDecodeError
from mammolog.domain.lexicon import Side
from mammolog.domain.timeline import ChangeKind, TimelineEntry
from mammolog.export.summary import WINDOW_SOURCE_WORDS, KeyImage
from mammolog.paths import AppPaths, LibraryPathError, library_file
from mammolog.services.previews import PreviewCache, PreviewCacheError

__all__ = ["KEY_VIEWS", "PREVIEW_BOX", "key_images_of"]

KEY_VIEWS = ("CC", "MLO")
PREVIEW_BOX = (360, 460)
# changes that make the prior image of the same view worth showing
_IMAGE_CHANGES = frozenset(ChangeKind) - {ChangeKind.DENSITY_CHANGE}


def _key_candidates(instances: Sequence[InstanceRecord]) -> dict[tuple[str, str], InstanceRecord]:
    chosen: dict[tuple[str, str], InstanceRecord] = {}
    for inst in instances:
        if inst.modality != "MG" or inst.presentation_intent.upper() == "FOR PROCESSING":
            continue
        if inst.laterality not in ("R", "L") or inst.view not in KEY_VIEWS or inst.view_modifiers:
            continue
        chosen.setdefault((inst.laterality, inst.view), inst)
    return chosen


def _changed_sides(entry: TimelineEntry | None) -> set[str]:
    if entry is None:
        return set()
    sides: set[str] = set()
    for change in entry.changes:
        if change.kind in _IMAGE_CHANGES:
            sides |= {"R", "L"} if change.side in (Side.BOTH, None) else {str(change.side)}
    return sides


def _render_key_image(
    paths: AppPaths, inst: InstanceRecord, exam_date: date | None, role: str
) -> KeyImage:
    label = f"{inst.laterality} {inst.view}"
    try:
        source = library_file(paths.library_dir, inst.library_path)
    except LibraryPathError as exc:
        return KeyImage(label, exam_date, role, None, reason=str(exc))
    if not source.is_file():
        return KeyImage(label, exam_date, role, None, reason="the file is missing from the library")
    try:
        preview = PreviewCache(paths.previews_dir).get_or_render(
            source, inst.sop_instance_uid, *PREVIEW_BOX
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
    per_study = [(s, _key_candidates(study_instances(session, s.pk))) for s in reversed(dated)]
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
