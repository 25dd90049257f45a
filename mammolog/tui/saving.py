"""Writes the app makes through the services: a study's result, a proposal decision, a file
handed to the system viewer. Each runs inside a thread worker and is one service call."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import Engine

from mammolog.paths import AppPaths
from mammolog.services.proposal_review import accept_proposal, reject_proposal
from mammolog.services.proposals import ProposalRecord
from mammolog.services.result_entry import ResultChanges, save_result
from mammolog.services.study_view import DocumentRecord, document_file


def save_result_changes(engine: Engine, study_uid: str, changes: ResultChanges) -> str:
    """Record what the results form collected in one transaction; returns a one-line summary."""
    return save_result(engine, study_uid, changes).summary()


def decide_proposal(engine: Engine, proposal: ProposalRecord, accept: bool) -> str:
    """Accept or reject one proposal; returns what happened in words."""
    if accept:
        return accept_proposal(engine, proposal.proposal_id)
    reject_proposal(engine, proposal.proposal_id)
    return "Rejected: nothing was recorded from it."


class ViewerError(OSError):
    """The document cannot be handed to a viewer; ``str(error)`` says why."""


def viewer_command() -> list[str]:
    """The system's "open this file" command."""
    if sys.platform == "darwin":
        return ["open"]
    if sys.platform.startswith("win"):
        return ["cmd", "/c", "start", ""]
    return ["xdg-open"]


def open_document(document: DocumentRecord, paths: AppPaths) -> Path:
    """Open a report with the system viewer; a PDF inside DICOM is first copied out privately."""
    if document.kind == "sr":
        raise ViewerError("a structured report has no file to open; its text is shown here")
    target = document_file(document, paths)
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
