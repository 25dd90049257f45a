"""Writes the app makes through the services: a study's result, a proposal decision, a file
handed to the system viewer. Each runs inside a thread worker."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from mammolog.paths import AppPaths, make_private_dir
from mammolog.services.proposals import accept_proposal, reject_proposal
from mammolog.services.results import (
    FINDING_FIELDS,
    add_finding,
    add_pathology,
    add_procedure,
    assess,
)
from mammolog.tui.data import DocumentRow, StudyRow
from mammolog.tui.screens.result_form import ResultEntry


def save_result(engine: Engine, study: StudyRow, entry: ResultEntry, today: date) -> str:
    """Record what the results form collected; returns a one-line summary."""
    saved: list[str] = []
    if entry.assessment is not None:
        values = entry.assessment
        assess(
            engine,
            study.study_uid,
            right=values.get("right"),
            left=values.get("left"),
            density=values.get("density"),
            recommendation=values.get("recommendation"),
            note=values.get("note") or "",
        )
        saved.append("result")
    for finding in entry.findings:
        fields: dict[str, Any] = {
            name: getattr(finding, name)
            for name in FINDING_FIELDS
            if getattr(finding, name) is not None
        }
        add_finding(engine, study.study_uid, type=finding.type, features=finding.features, **fields)
    if entry.findings:
        saved.append(f"{len(entry.findings)} finding{'s' if len(entry.findings) > 1 else ''}")
    for procedure in entry.procedures:
        add_procedure(
            engine,
            procedure_date=procedure.date,
            procedure_type=procedure.type,
            side=procedure.side,
            today=today,
            study_ref=study.study_uid,
        )
    if entry.procedures:
        saved.append(f"{len(entry.procedures)} procedure(s)")
    for result in entry.pathology:
        add_pathology(
            engine,
            result_date=result.date,
            outcome=result.outcome,
            side=result.side,
            today=today,
            person_id=study.person_id,
        )
    if entry.pathology:
        saved.append(f"{len(entry.pathology)} pathology result(s)")
    return "Saved " + ", ".join(saved) + "."


def decide_proposal(engine: Engine, proposal_id: int, accept: bool) -> str:
    """Accept or reject one proposal; returns what happened in words."""
    if accept:
        return accept_proposal(engine, proposal_id) or "Accepted."
    reject_proposal(engine, proposal_id)
    return "Rejected."


class ViewerError(OSError):
    """The document cannot be handed to a viewer; ``str(error)`` says why."""


def viewer_command() -> list[str]:
    """The system's "open this file" command."""
    if sys.platform == "darwin":
        return ["open"]
    if sys.platform.startswith("win"):
        return ["cmd", "/c", "start", ""]
    return ["xdg-open"]


def open_document(document: DocumentRow, paths: AppPaths) -> Path:
    """Open a report with the system viewer; a PDF inside DICOM is first copied out privately."""
    source = Path(document.path)
    target = source
    if document.kind == "encapsulated-pdf":
        from mammolog.reports.pdf_text import encapsulated_pdf_bytes

        folder = paths.cache_dir / "documents"
        make_private_dir(folder)
        target = folder / f"{document.key}.pdf"
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(encapsulated_pdf_bytes(source))
    elif document.kind == "sr":
        raise ViewerError("a structured report has no file to open; its text is shown here")
    command = viewer_command()
    if shutil.which(command[0]) is None:
        raise ViewerError(f"no viewer found ({command[0]} is not installed); the file is {target}")
    subprocess.Popen(  # noqa: S603 - fixed command, the path is ours
        [*command, str(target)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return target
