"""Finding a study from what a user types: undated short ids, blank input, unknown keys."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from mammolog.catalog.db import read_session
from mammolog.catalog.migrate import open_catalog
from mammolog.paths import AppPaths
from mammolog.services.studies import (
    StudyNotFound,
    list_study_records,
    person_of_study,
    resolve_study,
    study_record,
)
from tests.factories import make_study


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return open_catalog(AppPaths.under_home(tmp_path / "home"))


def test_undated_studies_are_found_by_their_undated_short_id(engine: Engine) -> None:
    make_study(engine, uid="9.1", study_date=None)
    make_study(engine, uid="9.2", study_date=None)
    make_study(engine, uid="9.3", study_date=date(2024, 3, 1))
    with read_session(engine) as session:
        shorts = sorted(r.short_id for r in list_study_records(engine) if r.study_date is None)
        assert shorts == ["undated.1", "undated.2"]
        found = {resolve_study(session, short).study_uid for short in shorts}
        assert found == {"9.1", "9.2"}
        with pytest.raises(StudyNotFound, match="several studies on undated"):
            resolve_study(session, "undated")
        assert resolve_study(session, "  2024-03-01 ").study_uid == "9.3"


def test_blank_or_unknown_references_are_refused_with_a_hint(engine: Engine) -> None:
    make_study(engine, uid="9.3", study_date=date(2024, 3, 1))
    with read_session(engine) as session:
        with pytest.raises(StudyNotFound, match="give a study UID or the short id"):
            resolve_study(session, "   ")
        with pytest.raises(StudyNotFound, match=r"no study 'march' \(see `mammolog studies`\)"):
            resolve_study(session, "march")
        with pytest.raises(StudyNotFound, match="no study '2024-03-02'"):
            resolve_study(session, "2024-03-02")
        with pytest.raises(StudyNotFound, match="no study with key 99"):
            study_record(session, 99)
        with pytest.raises(StudyNotFound, match="no study with key 99"):
            person_of_study(session, 99)


def test_study_lists_and_owners_are_per_person(engine: Engine) -> None:
    anna = make_study(engine, uid="9.1", study_date=date(2023, 2, 1), patient_name="ROE^ANNA",
                      patient_id="A1")  # fmt: skip
    make_study(engine, uid="9.2", study_date=date(2025, 3, 4), patient_name="ROE^ANNA",
               patient_id="A1")  # fmt: skip
    jane = make_study(engine, uid="9.3", study_date=date(2024, 1, 1))
    assert anna != jane
    assert [r.study_uid for r in list_study_records(engine, anna)] == ["9.2", "9.1"]
    assert [r.study_uid for r in list_study_records(engine)] == ["9.2", "9.3", "9.1"]
    with read_session(engine) as session:
        record = resolve_study(session, "9.3")
        assert person_of_study(session, record.pk) == jane
        assert record.instances == 4 and record.short_id == "2024-01-01"
