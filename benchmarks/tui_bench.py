"""Time from start to an interactive library screen, against the targets.

Targets: < 1 s with 30 years of history (60 studies, 2,000 instances) and < 2 s with 1,000
studies. Each measurement runs in a fresh interpreter (imports included): it builds the app,
runs it headless (``App.run_test``) and stops the clock when the library table shows the
studies (interactive); the time until their BI-RADS results and the due badge are in is
printed beside it, and so is the anchor: a bare Textual app showing a table of as many rows
(the floor any Textual app pays). Best of three runs each.

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


async def _time_to_library(home: Path) -> tuple[float, float]:
    started = time.perf_counter()
    from textual.widgets import DataTable

    from mammolog.paths import AppPaths
    from mammolog.tui.app import build_app

    app = build_app(AppPaths.under_home(home), today=date(2026, 11, 1), cursor_blink=False)
    interactive = 0.0
    async with app.run_test(size=(120, 40)) as pilot:
        while True:
            screen = app.screen
            view = getattr(screen, "view", None)
            if view is not None and screen.query_one("#studies", DataTable).row_count:
                interactive = interactive or time.perf_counter() - started
                if view.complete:
                    return interactive, time.perf_counter() - started
            await pilot.pause(0.005)


async def _anchor(rows: int) -> float:
    """A bare Textual app showing a table of ``rows`` rows: the floor for any Textual app."""
    started = time.perf_counter()
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            table: DataTable[str] = DataTable()
            table.add_columns("date", "centre", "description")
            for index in range(rows):
                table.add_row(str(index), "centre", "description")
            yield table
            yield Footer()

    async with Bare().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        return time.perf_counter() - started


def main() -> None:
    """Build each catalog once, then time fresh starts; print figure, target and ratio."""
    if len(sys.argv) == 3 and sys.argv[1] == "--anchor":
        print(f"{asyncio.run(_anchor(int(sys.argv[2]))):.4f}")
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        interactive, complete = asyncio.run(_time_to_library(Path(sys.argv[2])))
        print(f"{interactive:.4f} {complete:.4f}")
        return
    print(
        f"{'scenario':<42} {'studies shown':>14} {'target':>8} {'ratio':>7} "
        f"{'with results':>13} {'bare Textual':>13} {'x bare':>7}"
    )
    for label, studies, instances, target in SCENARIOS:
        with tempfile.TemporaryDirectory() as folder:
            home = Path(folder) / "home"
            populate(home, studies, instances)
            runs = []
            for _ in range(RUNS):
                result = subprocess.run(
                    [sys.executable, __file__, "--measure", str(home)],
                    check=True, capture_output=True, text=True,
                )  # fmt: skip
                first, done = result.stdout.strip().splitlines()[-1].split()
                runs.append((float(first), float(done)))
            best, full = min(runs)
            anchor = min(
                float(
                    subprocess.run(
                        [sys.executable, __file__, "--anchor", str(studies)],
                        check=True,
                        capture_output=True,
                        text=True,
                    ).stdout.strip()  # fmt: skip
                )
                for _ in range(RUNS)
            )
            print(
                f"{label:<42} {best:>13.3f}s {target:>7.1f}s {best / target:>7.2f} "
                f"{full:>12.3f}s {anchor:>12.3f}s {best / anchor:>7.2f}"
            )


if __name__ == "__main__":
    main()
