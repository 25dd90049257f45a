"""Commands that read results from report documents: extract, proposals, accept, reject."""

from __future__ import annotations

import click

from mammolog.commands._common import (
    AppContext,
    handle_errors,
    json_option,
    pass_app,
    plural,
    print_json,
    print_table,
    say,
)


@click.command()
@click.argument("study", required=False)
@json_option
@pass_app
@handle_errors
def extract(app: AppContext, study: str | None, as_json: bool) -> None:
    """Read results from the reports of STUDY (or of every study) as proposals.

    Structured reports, Encapsulated PDFs and attached PDF/text reports are read. Nothing is
    recorded until you accept a proposal.

    Example: mammolog extract 2024-03-01
    """
    from mammolog.services.proposals import extract_proposals

    summary = extract_proposals(app.engine, app.paths, study)
    if as_json:
        print_json(summary.as_json())
        return
    say(
        f"Read {plural(summary.documents_read, 'document')}; "
        f"{plural(summary.proposals_added, 'new proposal')}."
    )
    for path, reason in summary.problems:
        say(f"problem: {path}: {reason}")
    if summary.proposals_added:
        say("Review them with: mammolog proposals")


@click.command()
@click.argument("study", required=False)
@click.option(
    "--all", "include_decided", is_flag=True, help="Also show accepted and rejected ones."
)
@json_option
@pass_app
@handle_errors
def proposals(app: AppContext, study: str | None, include_decided: bool, as_json: bool) -> None:
    """List results read from reports, with the text they came from.

    Example: mammolog proposals --json
    """
    from mammolog.domain.plain_words import proposal_field_words, proposal_value_words
    from mammolog.services.proposals import list_proposals

    records = list_proposals(app.engine, study, include_decided=include_decided)
    if as_json:
        print_json([r.as_json() for r in records])
        return
    if not records:
        say("No proposals waiting. Read reports with: mammolog extract")
        return
    print_table(
        ["ID", "DATE", "FIELD", "SIDE", "VALUE", "FROM", "SOURCE TEXT", "STATUS"],
        [
            (
                r.proposal_id, r.study_date or "", proposal_field_words(r.field), r.side or "",
                proposal_value_words(r.field, r.value),
                ("CAD " if r.source_kind == "cad" else "") + r.document[:28],
                " ".join(r.quote.split())[:50],
                "CONFLICT" if r.conflict and r.status == "pending" else r.status,
            )
            for r in records
        ],
    )  # fmt: skip


@click.command()
@click.argument("proposal_ids", nargs=-1, type=int, required=True)
@json_option
@pass_app
@handle_errors
def accept(app: AppContext, proposal_ids: tuple[int, ...], as_json: bool) -> None:
    """Record the values of the given proposals as results (the source is kept).

    Example: mammolog accept 12 13
    """
    from mammolog.domain.plain_words import proposal_accepted_words
    from mammolog.services.proposal_review import accept_proposal
    from mammolog.services.proposals import list_proposals

    done = [{"id": pid, "done": accept_proposal(app.engine, pid)} for pid in proposal_ids]
    if as_json:
        print_json(done)
        return
    records = {r.proposal_id: r for r in list_proposals(app.engine, None, include_decided=True)}
    for pid in proposal_ids:
        record = records.get(pid)
        if record is None:  # pragma: no cover - accepted a moment ago
            say(f"Proposal {pid}: recorded.")
        else:
            say(
                f"Proposal {pid}: {proposal_accepted_words(record.field, record.side, record.value)}"
            )


@click.command()
@click.argument("proposal_ids", nargs=-1, type=int, required=True)
@json_option
@pass_app
@handle_errors
def reject(app: AppContext, proposal_ids: tuple[int, ...], as_json: bool) -> None:
    """Reject proposals (they are kept, and not proposed again).

    Example: mammolog reject 14
    """
    from mammolog.services.proposal_review import reject_proposal

    for pid in proposal_ids:
        reject_proposal(app.engine, pid)
    if as_json:
        print_json([{"id": pid, "status": "rejected"} for pid in proposal_ids])
    else:
        say(f"Rejected {plural(len(proposal_ids), 'proposal')}.")


COMMANDS = (extract, proposals, accept, reject)
