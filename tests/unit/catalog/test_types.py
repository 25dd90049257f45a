"""Vocabulary columns: enum members in Python, the same plain text in the catalog as before."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import StatementError
from sqlmodel import Session, select

from mammolog.catalog.migrate import open_catalog
from mammolog.catalog.models import ImportRun, Study
from mammolog.catalog.results_models import AssessmentRow, FindingRow, ProcedureRow, Proposal
from mammolog.catalog.statuses import ImportRunStatus, ProposalStatus, ResultSource, SourceKind
from mammolog.catalog.types import EnumString
from mammolog.domain.lexicon import (
    CalcificationMorphology,
    Category,
    Density,
    FindingType,
    ProcedureType,
    Recommendation,
    Side,
)
from mammolog.paths import AppPaths
from tests.factories import make_study

NOW = datetime(2024, 5, 1, tzinfo=UTC)
DIALECT = sqlite.dialect()


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return open_catalog(AppPaths.under_home(tmp_path / "home"))


def _study_pk(engine: Engine) -> int:
    make_study(engine, uid="1.2.3", study_date=date(2024, 4, 2))
    with Session(engine) as session:
        study = session.exec(select(Study).where(Study.study_uid == "1.2.3")).one()
        assert study.id is not None
        return study.id


def test_a_member_or_its_exact_value_is_stored_as_the_value() -> None:
    column = EnumString(Category)
    assert column.process_bind_param(Category.C4A, DIALECT) == "4A"
    assert column.process_bind_param("4A", DIALECT) == "4A"
    stored = column.process_bind_param(Category.C4A, DIALECT)
    assert type(stored) is str


def test_the_stored_value_reads_back_as_the_member() -> None:
    read = EnumString(Side).process_result_value("R", DIALECT)
    assert read is Side.RIGHT


def test_none_stays_none_both_ways() -> None:
    column = EnumString(Side)
    assert column.process_bind_param(None, DIALECT) is None
    assert column.process_result_value(None, DIALECT) is None


@pytest.mark.parametrize("value", ["right", "r", "4a", " R", 4, Density.A])
def test_a_value_outside_the_enum_is_refused_naming_the_enum(value: object) -> None:
    with pytest.raises(ValueError, match=r"is not a Side \(one of 'R', 'L', 'B'\)"):
        EnumString(Side).process_bind_param(value, DIALECT)  # type: ignore[arg-type]


def test_the_column_stays_a_varchar() -> None:
    column = FindingRow.__table__.c.side  # type: ignore[attr-defined]
    assert column.type.compile(dialect=DIALECT) == "VARCHAR"
    assert ImportRun.__table__.c.status.type.compile(dialect=DIALECT) == "VARCHAR"  # type: ignore[attr-defined]


def test_a_round_trip_gives_members_and_the_catalog_holds_the_same_text(engine: Engine) -> None:
    study_pk = _study_pk(engine)
    with Session(engine) as session:
        session.add(
            AssessmentRow(
                study_pk=study_pk,
                right=Category.C4A,
                left="1",  # type: ignore[arg-type]
                overall=Category.C4A,
                density=Density.C,
                recommendation=Recommendation.SHORT_INTERVAL_FOLLOW_UP,
                created_at=NOW,
            )
        )
        session.add(
            FindingRow(
                study_pk=study_pk,
                type=FindingType.CALCIFICATION,
                side=Side.RIGHT,
                morphology=CalcificationMorphology.FINE_PLEOMORPHIC,
                created_at=NOW,
            )
        )
        session.commit()
    with Session(engine) as session:
        assessment = session.exec(select(AssessmentRow)).one()
        finding = session.exec(select(FindingRow)).one()
    assert assessment.right is Category.C4A
    assert assessment.left is Category.C1
    assert assessment.density is Density.C
    assert assessment.recommendation is Recommendation.SHORT_INTERVAL_FOLLOW_UP
    assert assessment.source is ResultSource.USER
    assert finding.type is FindingType.CALCIFICATION
    assert finding.side is Side.RIGHT
    assert finding.morphology is CalcificationMorphology.FINE_PLEOMORPHIC
    assert finding.shape is None
    with engine.connect() as connection:
        raw = connection.exec_driver_sql(
            "SELECT right, left, overall, density, recommendation, source FROM assessment"
        ).one()
        raw_finding = connection.exec_driver_sql(
            "SELECT type, side, morphology, shape, typeof(side) FROM finding"
        ).one()
    assert tuple(raw) == ("4A", "1", "4A", "c", "6-month-follow-up", "user")
    assert tuple(raw_finding) == ("calcification", "R", "fine-pleomorphic", None, "text")


def test_rows_written_as_text_before_read_back_as_members(engine: Engine) -> None:
    _study_pk(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO procedure (person_id, procedure_date, type, side, note, source, "
            "source_text, created_at) VALUES (1, '2024-04-03', 'stereotactic-biopsy', 'L', '', "
            "'document', '', '2024-04-03 00:00:00')"
        )
    with Session(engine) as session:
        procedure = session.exec(select(ProcedureRow)).one()
    assert procedure.type is ProcedureType.STEREOTACTIC_BIOPSY
    assert procedure.side is Side.LEFT
    assert procedure.source is ResultSource.DOCUMENT


def test_status_defaults_are_stored_as_before(engine: Engine) -> None:
    study_pk = _study_pk(engine)
    with Session(engine) as session:
        session.add(ImportRun(source="/media/disc", started_at=NOW))
        session.add(Proposal(study_pk=study_pk, field="category", value="2", created_at=NOW))
        session.commit()
    with Session(engine) as session:
        run = session.exec(select(ImportRun)).one()
        proposal = session.exec(select(Proposal)).one()
        assert run.status is ImportRunStatus.RUNNING
        assert proposal.status is ProposalStatus.PENDING
        assert proposal.source_kind is SourceKind.RADIOLOGIST
        assert proposal.side is None
        assert proposal.value == "2"
        found = session.exec(select(Proposal).where(Proposal.status == "pending")).all()
        assert len(found) == 1
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT status FROM importrun").scalar() == "running"
        assert tuple(
            connection.exec_driver_sql("SELECT status, source_kind, side FROM proposal").one()
        ) == ("pending", "radiologist", None)


def test_an_unknown_value_is_refused_before_it_is_written(engine: Engine) -> None:
    study_pk = _study_pk(engine)
    with Session(engine) as session:
        session.add(
            FindingRow(study_pk=study_pk, type=FindingType.MASS, side="left", created_at=NOW)  # type: ignore[arg-type]
        )
        with pytest.raises(StatementError, match=r"'left' is not a Side") as caught:
            session.commit()
        assert isinstance(caught.value.orig, ValueError)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM finding").scalar() == 0


def test_autogenerated_migrations_write_plain_varchar_columns() -> None:
    from alembic.autogenerate import render_python_code
    from alembic.operations import ops
    from sqlalchemy import Column

    from mammolog.catalog.types import render_item

    add = ops.AddColumnOp("assessmentrow", Column("right", EnumString(Category)))
    code = render_python_code(ops.UpgradeOps(ops=[add]), render_item=render_item)
    assert "sa.String()" in code and "EnumString" not in code and "Category" not in code
    plain = render_python_code(ops.UpgradeOps(ops=[add]))
    assert "EnumString" in plain  # without the hook the application's type would leak in
