"""Rows that belong to a person directly, moved together when two persons are merged."""

from __future__ import annotations

from sqlmodel import Session

# Tables with a ``person_id`` column other than PatientIdentity; later schema versions add to this.
PERSON_OWNED_TABLES: tuple[str, ...] = ("procedure", "pathology", "attachment", "manualdue")


def move_person_rows(session: Session, from_id: int, to_id: int) -> None:
    """Re-point every person-owned row from ``from_id`` to ``to_id``."""
    from sqlalchemy import text

    for table in PERSON_OWNED_TABLES:
        session.execute(
            text(f"UPDATE {table} SET person_id = :to_id WHERE person_id = :from_id"),  # noqa: S608
            {"to_id": to_id, "from_id": from_id},
        )
