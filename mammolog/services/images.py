"""Every image of a study: what it is, whether it can be shown, where it hangs, its priors.

One listing serves the CLI (``mammolog images``), the light box and the summary's key
images, so they never disagree. Objects whose kind is not yet known (catalogs from before
image kinds, where the stored fields could not tell) have their header read once here and
their kind stored.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mammolog.catalog.db import read_session
from mammolog.catalog.models import Instance, PatientIdentity, Series, Study
from mammolog.catalog.queries import list_studies
from mammolog.dicom.frames import (
    FrameDecodeError,
    has_pixel_data,
    missing_decoder,
    read_image_header,
)
from mammolog.domain.hanging import (
    SLOTS,
    HangCandidate,
    hang,
    same_kind_and_view,
    shown_as,
    slot_name,
    starting_frame,
)
from mammolog.domain.image_kinds import Classification, ImageKind, is_image, not_shown_reason
from mammolog.paths import AppPaths, LibraryPathError, library_file
from mammolog.services.kinds import classify_unknown, stored_classification
from mammolog.services.studies import StudyNotFound, resolve_study, study_record

__all__ = [
    "ImageEntry",
    "ImageNotFound",
    "LightBox",
    "SlotImages",
    "StudyImages",
    "key_images",
    "light_box",
    "list_study_images",
    "resolve_image",
    "study_images",
]


class ImageNotFound(ValueError):
    """No image matches the reference the user gave; ``str(error)`` says what to type."""


@dataclass(frozen=True)
class ImageEntry:
    """One stored object of a study as the viewer and ``mammolog images`` present it."""

    pk: int
    number: int  # 1-based position in the study's listing
    short_id: str  # "<study short id>/<number>", accepted wherever an instance is named
    instance_uid: str
    series_uid: str
    series_number: int | None
    series_description: str
    instance_number: int | None
    modality: str
    kind: ImageKind
    vendor: str
    laterality: str
    view: str
    view_modifiers: tuple[str, ...]
    label: str
    frames: int
    rows: int | None
    columns: int | None
    viewable: bool
    reason: str | None
    hung: str | None
    path: Path

    @property
    def start_frame(self) -> int:
        """The frame the viewer opens on (the middle slice of a tomosynthesis volume)."""
        return starting_frame(self.candidate())

    def candidate(self) -> HangCandidate:
        """The facts the hanging protocol looks at."""
        return HangCandidate(
            key=str(self.pk), laterality=self.laterality, view=self.view,
            view_modifiers=self.view_modifiers, kind=self.kind, viewable=self.viewable,
            instance_number=self.instance_number, frames=self.frames,
        )  # fmt: skip

    def as_json(self) -> dict[str, object]:
        """The public JSON form (the field names are a contract)."""
        return {
            "instance_uid": self.instance_uid,
            "series_uid": self.series_uid,
            "modality": self.modality,
            "kind": self.kind.value,
            "laterality": self.laterality or None,
            "view": self.view or None,
            "label": self.label,
            "frames": self.frames,
            "viewable": self.viewable,
            "reason": self.reason,
            "hung": self.hung,
        }


@dataclass(frozen=True)
class SlotImages:
    """One light-box slot and the images that may fill it, best first."""

    name: str
    laterality: str
    view: str
    images: tuple[ImageEntry, ...]

    @property
    def shown(self) -> ImageEntry | None:
        """The image the slot shows unless the user cycles to another."""
        return self.images[0] if self.images else None

    def says(self) -> str:
        """What the slot holds, in words: "R CC: synthesized 2D (no 2D image)"."""
        shown = self.shown
        if shown is None:
            return f"{self.name}: not in this study"
        words = shown_as(shown.candidate())
        if shown.kind is not ImageKind.MAMMOGRAM:
            words += " (no 2D image)"
        return f"{self.name}: {words}"


@dataclass(frozen=True)
class StudyImages:
    """A study's objects in listing order, and its four slots."""

    study_pk: int
    study_uid: str
    short_id: str
    study_date: date | None
    institution: str
    images: tuple[ImageEntry, ...]
    slots: tuple[SlotImages, ...]

    @property
    def viewable(self) -> tuple[ImageEntry, ...]:
        """Images that can be shown."""
        return tuple(image for image in self.images if image.viewable)

    @property
    def day(self) -> str:
        """The study date as shown ("2024-05-14", or "undated")."""
        return self.study_date.isoformat() if self.study_date else "undated"

    def slot(self, name: str) -> SlotImages:
        """The slot called ``name`` ("R CC")."""
        return next(slot for slot in self.slots if slot.name == name)

    def as_json(self) -> dict[str, object]:
        """The public JSON form of ``mammolog images``."""
        return {"study_uid": self.study_uid, "images": [i.as_json() for i in self.images]}


@dataclass(frozen=True)
class LightBox:
    """A study and the person's earlier studies with images (newest first), for compare."""

    current: StudyImages
    earlier: tuple[StudyImages, ...]

    def prior_image(self, image: ImageEntry, prior: StudyImages) -> ImageEntry | None:
        """In ``prior``, the image of the same kind and view as ``image`` (see the domain)."""
        found = same_kind_and_view(image.candidate(), [i.candidate() for i in prior.images])
        if found is None:
            return None
        return next(i for i in prior.images if str(i.pk) == found.key)

    def default_prior(self, image: ImageEntry) -> StudyImages | None:
        """The newest earlier study holding this image's view and kind, else the newest
        earlier study holding the view at all, else ``None``."""
        same_kind = [
            study for study in self.earlier
            if (found := self.prior_image(image, study)) is not None and found.kind is image.kind
        ]  # fmt: skip
        if same_kind:
            return same_kind[0]
        return next((s for s in self.earlier if self.prior_image(image, s) is not None), None)


def study_images(engine: Engine, paths: AppPaths, study_pk: int) -> StudyImages:
    """Every object of one study, classified, with the four slots filled."""
    with read_session(engine) as session:
        record = study_record(session, study_pk)
        rows = _rows(session, study_pk)
    rows = classify_unknown(engine, paths, rows)
    entries = [
        _entry(paths, number, record.short_id, instance, series)
        for number, (instance, series) in enumerate(rows, start=1)
    ]
    slots = hang([e.candidate() for e in entries])
    hung = {candidates[0].key: name for name, candidates in slots.items() if candidates}
    entries = [replace(e, hung=hung.get(str(e.pk))) for e in entries]
    by_key = {str(e.pk): e for e in entries}
    return StudyImages(
        study_pk=study_pk,
        study_uid=record.study_uid,
        short_id=record.short_id,
        study_date=record.study_date,
        institution=record.institution,
        images=tuple(entries),
        slots=tuple(
            SlotImages(
                name=slot_name(side, view),
                laterality=side,
                view=view,
                images=tuple(by_key[c.key] for c in slots[slot_name(side, view)]),
            )  # fmt: skip
            for side, view in SLOTS
        ),
    )


def list_study_images(engine: Engine, paths: AppPaths, reference: str) -> StudyImages:
    """The images of the study a user names (UID or short id); raises ``StudyNotFound``."""
    with read_session(engine) as session:
        record = resolve_study(session, reference)
    return study_images(engine, paths, record.pk)


def light_box(engine: Engine, paths: AppPaths, study_pk: int) -> LightBox:
    """The study and every earlier study of the same person that has viewable images."""
    current = study_images(engine, paths, study_pk)
    with read_session(engine) as session:
        study = session.get(Study, study_pk)
        person_id = _person_of(session, study)
        earlier_records = (
            []
            if person_id is None
            else [
                r
                for r in list_studies(session, person_id=person_id)
                if r.pk != study_pk and _before(r.study_date, current.study_date)
            ]  # fmt: skip
        )
    earlier = [study_images(engine, paths, r.pk) for r in earlier_records]
    return LightBox(current=current, earlier=tuple(s for s in earlier if s.viewable))


def key_images(engine: Engine, paths: AppPaths, study_pk: int) -> tuple[ImageEntry, ...]:
    """The images hung in the four slots, in slot order (what a summary shows of a study)."""
    study = study_images(engine, paths, study_pk)
    return tuple(slot.shown for slot in study.slots if slot.shown is not None)


def resolve_image(engine: Engine, paths: AppPaths, reference: str) -> ImageEntry:
    """The image named by a SOP Instance UID or by the short form ``images`` shows
    ("2024-05-14/3"); raises :class:`ImageNotFound` with what to type instead."""
    reference = reference.strip()
    if not reference:
        raise ImageNotFound("INSTANCE: give a SOP Instance UID or a short form from `images`")
    if "/" in reference:
        study_reference, _, number_text = reference.rpartition("/")
        try:
            study = list_study_images(engine, paths, study_reference)
        except StudyNotFound as error:
            raise ImageNotFound(f"INSTANCE: {error}") from None
        if not number_text.isdigit() or not 1 <= int(number_text) <= len(study.images):
            raise ImageNotFound(
                f"INSTANCE: study {study.short_id} has images 1 to {len(study.images)}"
            )
        return study.images[int(number_text) - 1]
    with read_session(engine) as session:
        studies = session.exec(
            select(Series.study_pk)
            .join(Instance, col(Series.id) == col(Instance.series_pk))
            .where(Instance.sop_instance_uid == reference)
            .distinct()
        ).all()
    matches = [
        image
        for study_pk in studies
        for image in study_images(engine, paths, study_pk).images
        if image.instance_uid == reference
    ]
    if not matches:
        raise ImageNotFound(f"INSTANCE: no image {reference!r} (see `mammolog images STUDY`)")
    if len(matches) > 1:  # the same UID on different objects: never guess which
        forms = ", ".join(image.short_id for image in matches)
        raise ImageNotFound(f"INSTANCE: {len(matches)} objects share this UID; use one of {forms}")
    return matches[0]


def _rows(session: Session, study_pk: int) -> list[tuple[Instance, Series]]:
    return [
        (instance, series)
        for instance, series in session.exec(
            select(Instance, Series)
            .join(Series, col(Series.id) == col(Instance.series_pk))
            .where(Series.study_pk == study_pk)
            .order_by(
                col(Series.series_number),
                col(Series.id),
                col(Instance.instance_number),
                col(Instance.id),
            )  # fmt: skip
        ).all()
    ]


def _entry(
    paths: AppPaths, number: int, study_short_id: str, instance: Instance, series: Series
) -> ImageEntry:
    classification = stored_classification(instance, series)
    reason: str | None
    try:
        path = library_file(paths.library_dir, instance.library_path)
    except LibraryPathError as error:
        path, reason = paths.library_dir / "refused", str(error)
    else:
        reason = _why_not_viewable(classification, instance, path)
    modifiers = tuple(m for m in instance.view_modifiers.split("\\") if m)
    return ImageEntry(
        pk=instance.id or 0,
        number=number,
        short_id=f"{study_short_id}/{number}",
        instance_uid=instance.sop_instance_uid,
        series_uid=series.series_uid,
        series_number=series.series_number,
        series_description=series.description,
        instance_number=instance.instance_number,
        modality=instance.modality,
        kind=classification.kind,
        vendor=classification.vendor,
        laterality=instance.laterality,
        view=instance.view,
        view_modifiers=modifiers,
        label=instance.view_label,
        frames=max(1, instance.frames),
        rows=instance.rows,
        columns=instance.columns,
        viewable=reason is None,
        reason=reason,
        hung=None,
        path=path,
    )


def _why_not_viewable(classification: Classification, instance: Instance, path: Path) -> str | None:
    """Why this object cannot be shown, in plain words; ``None`` when it can."""
    stated = not_shown_reason(classification)
    if stated is not None:
        return stated
    if not is_image(classification.kind):
        return "the file holds no image"
    codec = missing_decoder(instance.transfer_syntax)
    if codec is not None:
        return codec
    try:
        header = read_image_header(path)  # header only, kept for the viewer's first frame
        if "Rows" not in header or "Columns" not in header:
            return "the file holds no image"
        if not has_pixel_data(path):
            return "the file holds no pixel data (only its description)"
    except FrameDecodeError as error:
        return str(error)
    return None


def _person_of(session: Session, study: Study | None) -> int | None:
    if study is None:
        return None
    identity = session.get(PatientIdentity, study.identity_id)
    return identity.person_id if identity is not None else None


def _before(day: date | None, current: date | None) -> bool:
    return day is not None and current is not None and day < current
