"""Keeping one person together across centres that name and number her differently.

A new identity joins an existing person automatically only on strong evidence:
- the same issuer of patient ID and the same patient ID (issuer must be recorded), or
- the same normalised family name and first given name (in any PN component group) and
  the same birth date.
Otherwise it becomes a new person. Every automatic link records its reason, and the user
can merge and split persons.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mammolog.catalog.db import read_session, write_session
from mammolog.catalog.models import PatientIdentity, Person, Study
from mammolog.dicom.names import display_name


class PersonError(ValueError):
    """A merge or split that cannot be done, with the reason."""


@dataclass(frozen=True)
class IdentityFacts:
    """A patient as a DICOM object records her, plus her normalised name keys."""

    patient_name: str
    patient_id: str
    issuer: str
    birth_date: date | None
    sex: str
    name_keys: tuple[str, ...]  # "family^first-given", one per PN component group

    @property
    def stored_keys(self) -> str:
        """The keys as stored in the catalog."""
        return ";".join(key for key in self.name_keys if key)


@dataclass(frozen=True)
class IdentityRecord:
    """One identity of a person, for listing."""

    identity_id: int
    patient_name: str
    patient_id: str
    issuer: str
    birth_date: date | None
    sex: str
    link_reason: str
    studies: int

    @property
    def readable_name(self) -> str:
        """The name as a person reads it: "Maria Kowalska" for ``KOWALSKA^MARIA^^^``."""
        return display_name(self.patient_name)


@dataclass(frozen=True)
class PersonRecord:
    """A person with her identities."""

    person_id: int
    display_name: str
    birth_date: date | None
    identities: tuple[IdentityRecord, ...]

    def as_json(self) -> dict[str, object]:
        """The JSON form printed by ``mammolog persons --json``."""
        return {
            "person_id": self.person_id,
            "display_name": self.display_name,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "identities": [
                {
                    "identity_id": ident.identity_id,
                    "patient_name": ident.patient_name,
                    "patient_id": ident.patient_id,
                    "issuer": ident.issuer,
                    "birth_date": ident.birth_date.isoformat() if ident.birth_date else None,
                    "sex": ident.sex,
                    "link_reason": ident.link_reason,
                    "studies": ident.studies,
                }
                for ident in self.identities
            ],
        }


def display_name_for(patient_name: str) -> str:
    """A readable name from a DICOM PN: "Kowalska, Maria" from "KOWALSKA^MARIA"."""
    groups = patient_name.split("=")
    alphabetic = next((group for group in groups if group.strip("^ ")), "")
    parts = [part.strip() for part in alphabetic.split("^")]
    family = parts[0] if parts else ""
    given = " ".join(part for part in parts[1:3] if part)
    if family and given:
        return f"{_title(family)}, {_title(given)}"
    return _title(family or given) or "Unnamed patient"


def _title(text: str) -> str:
    return text.title() if text.isupper() or text.islower() else text


def find_or_create_identity(session: Session, facts: IdentityFacts) -> tuple[PatientIdentity, bool]:
    """The identity for ``facts`` and whether a new person was created for it.

    The caller owns the session and its transaction.
    """
    existing = session.exec(
        select(PatientIdentity).where(
            PatientIdentity.patient_name == facts.patient_name,
            PatientIdentity.patient_id == facts.patient_id,
            PatientIdentity.issuer == facts.issuer,
            PatientIdentity.birth_date == facts.birth_date,
            PatientIdentity.sex == facts.sex,
        )
    ).first()
    if existing is not None:
        return existing, False
    person_id, reason = _match_person(session, facts)
    created = person_id is None
    if person_id is None:
        person = Person(
            display_name=display_name_for(facts.patient_name),
            birth_date=facts.birth_date,
            sex=facts.sex,
            created_at=datetime.now(UTC),
        )
        session.add(person)
        session.flush()
        assert person.id is not None
        person_id = person.id
        reason = "new person"
    identity = PatientIdentity(
        person_id=person_id,
        patient_name=facts.patient_name,
        patient_id=facts.patient_id,
        issuer=facts.issuer,
        birth_date=facts.birth_date,
        sex=facts.sex,
        name_keys=facts.stored_keys,
        link_reason=reason,
        created_at=datetime.now(UTC),
    )
    session.add(identity)
    session.flush()
    return identity, created


def _match_person(session: Session, facts: IdentityFacts) -> tuple[int | None, str]:
    if facts.issuer and facts.patient_id:
        same_id = session.exec(
            select(PatientIdentity).where(
                PatientIdentity.issuer == facts.issuer,
                PatientIdentity.patient_id == facts.patient_id,
            )
        ).first()
        if same_id is not None:
            return same_id.person_id, (f"same issuer and patient ID as identity {same_id.id}")
    if facts.birth_date is not None and facts.name_keys:
        candidates = session.exec(
            select(PatientIdentity).where(PatientIdentity.birth_date == facts.birth_date)
        ).all()
        wanted = {key for key in facts.name_keys if key}
        for candidate in candidates:
            if wanted & set(filter(None, candidate.name_keys.split(";"))):
                return candidate.person_id, (
                    f"same family name, first given name and birth date as identity {candidate.id}"
                )
    return None, ""


def list_persons(engine: Engine) -> list[PersonRecord]:
    """Every person with her identities and study counts."""
    with read_session(engine) as session:
        persons = session.exec(select(Person).order_by(col(Person.id))).all()
        identities = session.exec(select(PatientIdentity).order_by(col(PatientIdentity.id))).all()
        counts: dict[int, int] = {}
        for identity_id in session.exec(select(Study.identity_id)).all():
            counts[identity_id] = counts.get(identity_id, 0) + 1
    by_person: dict[int, list[IdentityRecord]] = {}
    for ident in identities:
        assert ident.id is not None
        by_person.setdefault(ident.person_id, []).append(
            IdentityRecord(
                identity_id=ident.id,
                patient_name=ident.patient_name,
                patient_id=ident.patient_id,
                issuer=ident.issuer,
                birth_date=ident.birth_date,
                sex=ident.sex,
                link_reason=ident.link_reason,
                studies=counts.get(ident.id, 0),
            )
        )
    records = []
    for person in persons:
        assert person.id is not None
        records.append(
            PersonRecord(
                person_id=person.id,
                display_name=person.display_name,
                birth_date=person.birth_date,
                identities=tuple(by_person.get(person.id, [])),
            )
        )
    return records


def merge_persons(engine: Engine, keep_id: int, other_id: int) -> PersonRecord:
    """Move every identity of ``other_id`` to ``keep_id`` and remove the emptied person."""
    if keep_id == other_id:
        raise PersonError(f"person {keep_id} cannot be merged with itself")
    with write_session(engine) as session:
        keep = session.get(Person, keep_id)
        other = session.get(Person, other_id)
        if keep is None or other is None:
            missing = keep_id if keep is None else other_id
            raise PersonError(f"there is no person {missing} (see `mammolog persons`)")
        for identity in session.exec(
            select(PatientIdentity).where(PatientIdentity.person_id == other_id)
        ).all():
            identity.person_id = keep_id
            identity.link_reason = f"merged by you from person {other_id}"
            session.add(identity)
        session.flush()
        _move_person_rows(session, other_id, keep_id)
        session.delete(other)
    return _person_record(engine, keep_id)


def split_identity(engine: Engine, person_id: int, identity_id: int) -> PersonRecord:
    """Give identity ``identity_id`` of person ``person_id`` a person of its own."""
    with write_session(engine) as session:
        identity = session.get(PatientIdentity, identity_id)
        if identity is None or identity.person_id != person_id:
            raise PersonError(f"person {person_id} has no identity {identity_id}")
        siblings = session.exec(
            select(PatientIdentity).where(PatientIdentity.person_id == person_id)
        ).all()
        if len(siblings) < 2:
            raise PersonError(f"identity {identity_id} is the only one of person {person_id}")
        person = Person(
            display_name=display_name_for(identity.patient_name),
            birth_date=identity.birth_date,
            sex=identity.sex,
            created_at=datetime.now(UTC),
        )
        session.add(person)
        session.flush()
        assert person.id is not None
        identity.person_id = person.id
        identity.link_reason = f"split by you from person {person_id}"
        session.add(identity)
        new_id = person.id
    return _person_record(engine, new_id)


def _move_person_rows(session: Session, from_id: int, to_id: int) -> None:
    """Hook for tables that hang off a person directly (settings, manual due dates)."""
    from mammolog.catalog.person_rows import move_person_rows

    move_person_rows(session, from_id, to_id)


def _person_record(engine: Engine, person_id: int) -> PersonRecord:
    for record in list_persons(engine):
        if record.person_id == person_id:
            return record
    raise PersonError(f"there is no person {person_id}")
