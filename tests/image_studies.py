"""Studies with every kind of image, written with pydicom and imported: DBT volumes,
synthesized 2D, 2D views, a magnification view, a Hologic-style Secondary Capture, a QC
flat field, an ultrasound and a dose report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from mammolog.catalog.migrate import open_catalog
from mammolog.dicom import synth
from mammolog.dicom.synth import InstanceSpec
from mammolog.dicom.synth_tomo import write_tomosynthesis
from mammolog.paths import AppPaths
from mammolog.services.importer import import_source


@dataclass(frozen=True)
class ImageLibrary:
    """An imported home and the short ids of its two studies."""

    paths: AppPaths
    engine: Engine
    current: str  # "2025-03-04": DBT, synthesized 2D, extras
    prior: str  # "2023-02-01": 2D only


def write_current(folder: Path, frames: int = 9) -> None:
    """The 2025 study: R CC and L CC as DBT plus synthesized 2D, MLOs as DBT only, extras."""
    base = InstanceSpec(
        rows=96, columns=72, pixels="breast", patient_name="TOMO^ANNA", patient_id="T1",
        study_date="20250304", accession_number="A2025",
    )  # fmt: skip
    number = 0

    def spec(series: int, side: str, view: str) -> InstanceSpec:
        nonlocal number
        number += 1
        return base.with_(
            series_number=series, laterality=side, view=view, instance_number=number, seed=number
        )

    for side, view in (("R", "CC"), ("L", "CC"), ("R", "MLO"), ("L", "MLO")):
        write_tomosynthesis(folder / f"dbt-{side}{view}.dcm", spec(1, side, view), frames=frames)
    for side in ("R", "L"):
        synth.write_instance(
            folder / f"c-view-{side}.dcm", synth.synthesized_2d(spec(2, side, "CC"))
        )
    synth.write_instance(folder / "mag.dcm", synth.magnification(spec(3, "L", "CC")))
    synth.write_hologic_secondary_capture(folder / "hologic.dcm", spec(4, "R", "MLO"))
    synth.write_instance(folder / "qc.dcm", synth.quality_control(spec(5, "R", "CC")))
    synth.write_instance(
        folder / "us.dcm",
        spec(6, "L", "").with_(modality="US", sop_class_uid=synth.US_IMAGE, body_part="BREAST"),
    )


def write_prior(folder: Path, day: str = "20230201") -> None:
    """An earlier study (2023 by default): the four 2D views."""
    base = InstanceSpec(
        rows=96, columns=72, pixels="breast", patient_name="TOMO^ANNA", patient_id="T1",
        study_date=day, accession_number=f"A{day}", seed=int(day[2:4]),
    )  # fmt: skip
    for spec in synth.four_views(base):
        synth.write_instance(folder / f"{spec.laterality}{spec.view}.dcm", spec)


def build_image_library(
    home: Path, sources: Path, frames: int = 9, *, older: bool = False
) -> ImageLibrary:
    """Write the studies under ``sources`` and import them into ``home``; ``older`` adds a
    third study (2021-06-01, four 2D views) to pick as the prior."""
    paths = AppPaths.under_home(home)
    engine = open_catalog(paths)
    write_current(sources / "current", frames)
    write_prior(sources / "prior")
    if older:
        write_prior(sources / "older", "20210601")
    import_source(sources, paths=paths, engine=engine)
    return ImageLibrary(paths, engine, "2025-03-04", "2023-02-01")
