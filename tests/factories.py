"""Build catalog content directly (without importing discs) for service, CLI and app tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.engine import Engine

from mammolog.catalog.db import write_session
from mammolog.catalog.models import Instance, Series, Study
from mammolog.services.persons import IdentityFacts, find_or_create_identity


def make_study(
    engine: Engine,
    *,
    uid: str,
    study_date: date | None,
    patient_name: str = "DOE^JANE",
    patient_id: str = "P1",
    issuer: str = "CENTRE A",
    birth_date: date | None = date(1965, 4, 2),
    institution: str = "Centre A",
    description: str = "MG screening bilateral",
    views: tuple[tuple[str, str], ...] = (("R", "CC"), ("L", "CC"), ("R", "MLO"), ("L", "MLO")),
) -> int:
    """Add a study with one MG series of the given (laterality, view) images; returns person id."""
    now = datetime.now(UTC)
    family, _, given = patient_name.partition("^")
    keys = (f"{family.lower()}^{given.split('^')[0].lower()}",)
    with write_session(engine) as session:
        identity, _ = find_or_create_identity(
            session, IdentityFacts(patient_name, patient_id, issuer, birth_date, "F", keys)
        )
        study = Study(
            study_uid=uid, identity_id=identity.id or 0, study_date=study_date,
            description=description, institution=institution, modalities="MG", created_at=now,
        )  # fmt: skip
        session.add(study)
        session.flush()
        series = Series(
            series_uid=f"{uid}.1", study_pk=study.id or 0, modality="MG", series_number=1
        )
        session.add(series)
        session.flush()
        for number, (laterality, view) in enumerate(views, start=1):
            session.add(
                Instance(
                    series_pk=series.id or 0,
                    sop_instance_uid=f"{uid}.1.{number}",
                    sop_class_uid="1.2.840.10008.5.1.4.1.1.1.2",
                    modality="MG",
                    instance_number=number,
                    laterality=laterality,
                    view=view,
                    view_label=f"{laterality} {view}",
                    presentation_intent="FOR PRESENTATION",
                    size=0,
                    sha256="0" * 64,
                    library_path=f"test/{uid}/{number}",
                )  # fmt: skip
            )
        return identity.person_id
