"""Migration 0003: existing objects get their kind from what the catalog already holds."""

from __future__ import annotations

from pathlib import Path

from mammolog.catalog.db import make_engine
from mammolog.catalog.migrate import current_revision, open_catalog, upgrade
from mammolog.paths import AppPaths

_ROWS = (
    # sop class, modality, image type, intent, view, series description, expected kind
    ("1.2.840.10008.5.1.4.1.1.1.2", "MG", "ORIGINAL\\PRIMARY", "FOR PRESENTATION", "CC", "", "mammogram"),
    ("1.2.840.10008.5.1.4.1.1.1.2", "MG", "DERIVED\\PRIMARY\\\\GENERATED_2D", "", "MLO", "", "synthesized-2d"),
    ("1.2.840.10008.5.1.4.1.1.13.1.3", "MG", "ORIGINAL\\PRIMARY", "", "CC", "", "tomosynthesis"),
    ("1.2.840.10008.5.1.4.1.1.1.2.1", "MG", "ORIGINAL\\PRIMARY", "FOR PROCESSING", "CC", "", "for-processing"),
    ("1.2.840.10008.5.1.4.1.1.7", "MG", "ORIGINAL\\PRIMARY", "", "CC", "Flat Field Tomo", "quality-control"),
    ("1.2.840.10008.5.1.4.1.1.7", "MG", "ORIGINAL\\PRIMARY", "", "CC", "L CC", ""),
    ("1.2.840.10008.5.1.4.1.1.88.67", "SR", "", "", "", "Dose", "dose-report"),
    ("1.2.840.10008.5.1.4.1.1.6.1", "US", "ORIGINAL\\PRIMARY", "", "", "", "ultrasound"),
)  # fmt: skip


def test_existing_instances_are_classified_and_breast_captures_left_to_reread(
    tmp_path: Path,
) -> None:
    paths = AppPaths.under_home(tmp_path / "home")
    paths.ensure()
    engine = make_engine(paths.database)
    upgrade(engine, "0002")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO person (id, display_name, sex, created_at) "
            "VALUES (1, 'A', 'F', '2020-01-01 00:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO patientidentity (id, person_id, patient_name, patient_id, issuer, sex, "
            "name_keys, link_reason, created_at) VALUES (1, 1, '', '', '', '', '', '', "
            "'2020-01-01 00:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO study (id, study_uid, identity_id, study_time, description, "
            "accession_number, study_id, institution, referring_physician, modalities, "
            "created_at) VALUES (1, '1.2.3', 1, '', '', '', '', '', '', '', '2020-01-01')"
        )
        for number, (uid, modality, image_type, intent, view, description, _) in enumerate(
            _ROWS, start=1
        ):
            connection.exec_driver_sql(
                "INSERT INTO series (id, series_uid, study_pk, modality, description, body_part) "
                "VALUES (?, ?, 1, ?, ?, 'BREAST')",
                (number, f"1.2.3.{number}", modality, description),
            )
            connection.exec_driver_sql(
                "INSERT INTO instance (series_pk, sop_instance_uid, sop_class_uid, modality, "
                "laterality, view, view_modifiers, view_label, presentation_intent, image_type, "
                "transfer_syntax, frames, size, sha256, library_path, conflict, source_path) "
                "VALUES (?, ?, ?, ?, 'R', ?, '', '', ?, ?, '1.2.840.10008.1.2.1', 1, 1, ?, ?, "
                "0, '')",
                (number, f"1.2.3.{number}.1", uid, modality, view, intent, image_type,
                 f"{number:064d}", f"o/{number}.dcm"),
            )  # fmt: skip
    engine.dispose()
    upgraded = open_catalog(paths)
    assert current_revision(upgraded) == "0003"
    with upgraded.connect() as connection:
        kinds = connection.exec_driver_sql(
            "SELECT kind, kind_vendor FROM instance ORDER BY series_pk"
        ).all()
    assert [k for k, _ in kinds] == [row[-1] for row in _ROWS]
    assert {v for _, v in kinds} == {""}
