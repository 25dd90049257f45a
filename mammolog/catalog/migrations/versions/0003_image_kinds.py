"""image kinds: instance.kind and instance.kind_vendor, classified from the stored fields

Existing objects are classified from what the catalog already holds (SOP class, modality,
Image Type, presentation intent, view, series description and body part). Secondary
Captures of breast images are left unclassified (""): only their headers tell a vendor's
locked 3D data from an ordinary picture, so they are read again the first time they are
listed (mammolog.services.images).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 08:50:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from mammolog.domain.image_kinds import ImageFacts, ImageKind, classify

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_SECONDARY_CAPTURE_PREFIX = "1.2.840.10008.5.1.4.1.1.7"


def upgrade() -> None:
    with op.batch_alter_table("instance", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column(
                "kind_vendor", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""
            )
        )
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT instance.id, instance.sop_class_uid, instance.modality, instance.image_type, "
            "instance.presentation_intent, instance.view, series.description, series.body_part "
            "FROM instance JOIN series ON series.id = instance.series_pk"
        )
    ).all()
    updates = []
    for pk, uid, modality, image_type, intent, view, description, body_part in rows:
        kind = classify(
            ImageFacts(
                sop_class_uid=uid or "",
                modality=modality or "",
                image_type=tuple(v for v in (image_type or "").split("\\") if v),
                presentation_intent=intent or "",
                view=view or "",
                series_description=description or "",
                body_part=body_part or "",
            )
        ).kind
        breast_capture = (uid or "").startswith(_SECONDARY_CAPTURE_PREFIX) and kind in {
            ImageKind.MAMMOGRAM,
            ImageKind.SYNTHESIZED_2D,
            ImageKind.TOMOSYNTHESIS,
        }
        updates.append({"pk": pk, "kind": "" if breast_capture else kind.value})
    if updates:
        connection.execute(sa.text("UPDATE instance SET kind = :kind WHERE id = :pk"), updates)


def downgrade() -> None:
    with op.batch_alter_table("instance", schema=None) as batch_op:
        batch_op.drop_column("kind_vendor")
        batch_op.drop_column("kind")
