"""Time from start to an interactive library screen, against the targets.

Targets: < 1 s with 30 years of history (60 studies, 2,000 instances) and < 2 s with 1,000
studies. Each measurement runs in a fresh interpreter (imports included): it builds the app,
runs it headless (``App.run_test``) and stops the clock when the library table is filled.

    python benchmarks/tui_bench.py
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

SCENARIOS = (
    ("30 years: 60 studies, 2,000 instances", 60, 2_000, 1.0),
    ("1,000 studies, 8,000 instances", 1_000, 8_000, 2.0),
)
RUNS = 3
VIEWS = (("R", "CC"), ("L", "CC"), ("R", "MLO"), ("L", "MLO"))


def populate(home: Path, studies: int, instances: int) -> None:
    """A catalog with one person, ``studies`` studies with results, ``instances`` objects."""
    from mammolog.catalog.db import write_session
    from mammolog.catalog.migrate import open_catalog
    from mammolog.catalog.models import Instance, PatientIdentity, Person, Series, Study
    from mammolog.catalog.results_models import AssessmentRow
    from mammolog.paths import AppPaths

    engine = open_catalog(AppPaths.under_home(home))
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    per_study = max(1, instances // studies)
    with write_session(engine) as session:
        person = Person(display_name="Bench, Anna", birth_date=date(1960, 1, 1), created_at=stamp)
        session.add(person)
        session.flush()
        identity = PatientIdentity(
            person_id=person.id or 0, patient_name="BENCH^ANNA", patient_id="B1", created_at=stamp
        )
        session.add(identity)
        session.flush()
        first = date(2026, 10, 1) - timedelta(days=183 * studies)
        for index in range(studies):
            study = Study(
                study_uid=f"1.2.826.0.1.3680043.77.{index}", identity_id=identity.id or 0,
                study_date=first + timedelta(days=183 * index), description="Screening",
                institution=f"Centre {index % 3}", modalities="MG", created_at=stamp,
            )  # fmt: skip
            session.add(study)
            session.flush()
            series = Series(
                series_uid=f"{study.study_uid}.1", study_pk=study.id or 0, modality="MG"
            )
            session.add(series)
            session.flush()
            session.add_all(
                Instance(
                    series_pk=series.id or 0,
                    sop_instance_uid=f"{series.series_uid}.{n}",
                    modality="MG",
                    instance_number=n,
                    laterality=VIEWS[n % 4][0],
                    view=VIEWS[n % 4][1],
                    rows=3328,
                    columns=2560,
                    size=1,
                    sha256=f"{index}-{n}",
                    library_path=f"s{index}/{n}.dcm",
                )  # fmt: skip
                for n in range(per_study)
            )
            session.add(
                AssessmentRow(
                    study_pk=study.id or 0,
                    right="1" if index % 2 else "2",
                    left="2",
                    overall="2",
                    density="b",
                    created_at=stamp,
                )  # fmt: skip
            )


async def _time_to_library(home: Path) -> float:
    started = time.perf_counter()
    from textual.widgets import DataTable

    from mammolog.paths import AppPaths
    from mammolog.tui.app import build_app

    app = build_app(AppPaths.under_home(home), today=date(2026, 11, 1), cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        while True:
            screen = app.screen
            view = getattr(screen, "view", None)
            if view is not None and screen.query_one("#studies", DataTable).row_count:
                break
            await pilot.pause(0.005)
        return time.perf_counter() - started


def main() -> None:
    """Build each catalog once, then time fresh starts; print figure, target and ratio."""
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        print(f"{asyncio.run(_time_to_library(Path(sys.argv[2]))):.4f}")
        return
    print(f"{'scenario':<42} {'best of ' + str(RUNS):>10} {'target':>8} {'ratio':>7}")
    for label, studies, instances, target in SCENARIOS:
        with tempfile.TemporaryDirectory() as folder:
            home = Path(folder) / "home"
            populate(home, studies, instances)
            times = []
            for _ in range(RUNS):
                result = subprocess.run(
                    [sys.executable, __file__, "--measure", str(home)],
                    check=True, capture_output=True, text=True,
                )  # fmt: skip
                times.append(float(result.stdout.strip().splitlines()[-1]))
            best = min(times)
            print(f"{label:<42} {best:>9.3f}s {target:>7.1f}s {best / target:>7.2f}")


if __name__ == "__main__":
    main()
