"""Image kinds for objects of catalogs older than the kind column: read once, then stored."""

from __future__ import annotations

import os

from sqlalchemy.engine import Engine

from mammolog.catalog.db import write_session
from mammolog.catalog.models import Instance, Series
from mammolog.dicom.headers import HeaderError, read_header
from mammolog.domain.image_kinds import (
    Classification,
    ImageFacts,
    classify,
    parse_kind,
    vendor_needs,
)
from mammolog.paths import AppPaths, LibraryPathError, library_file


def classify_unknown(
    engine: Engine, paths: AppPaths, rows: list[tuple[Instance, Series]]
) -> list[tuple[Instance, Series]]:
    """Read the header of every object whose kind is not stored yet, and store it.

    The rows are updated in place (they are the caller's detached copies); an object whose
    file cannot be read stays unclassified and :func:`stored_classification` decides.
    """
    unknown = [(instance, series) for instance, series in rows if parse_kind(instance.kind) is None]
    if not unknown:
        return rows
    found: dict[int, Classification] = {}
    for instance, _series in unknown:
        classification = _classification_from_file(paths, instance)
        if classification is not None and instance.id is not None:
            found[instance.id] = classification
    if found:
        with write_session(engine) as session:
            for pk, classification in found.items():
                stored = session.get(Instance, pk)
                if stored is not None:
                    stored.kind = classification.kind.value
                    stored.kind_vendor = classification.vendor
                    session.add(stored)
    for instance, _series in unknown:
        if instance.id in found:
            instance.kind = found[instance.id].kind.value
            instance.kind_vendor = found[instance.id].vendor
    return rows


def _classification_from_file(paths: AppPaths, instance: Instance) -> Classification | None:
    try:
        path = library_file(paths.library_dir, instance.library_path)
        size = os.path.getsize(path)
        with open(path, "rb") as stream:
            prefix = stream.read(1 << 20)
            header = read_header(stream, size=size, prefix=prefix)
    except (OSError, HeaderError, LibraryPathError):
        return None  # kept unclassified; the stored fields decide below, nothing is stored
    return header.classification


def stored_classification(instance: Instance, series: Series) -> Classification:
    """The stored kind, or for an unclassified object the kind its stored fields suggest."""
    kind = parse_kind(instance.kind)
    if kind is not None:
        vendor = instance.kind_vendor
        return Classification(kind, vendor, vendor_needs(vendor))
    return classify(
        ImageFacts(
            sop_class_uid=instance.sop_class_uid,
            modality=instance.modality,
            image_type=tuple(v for v in instance.image_type.split("\\") if v),
            presentation_intent=instance.presentation_intent,
            view=instance.view,
            series_description=series.description,
            body_part=series.body_part,
        )
    )
