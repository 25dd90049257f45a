"""JSON-ready dictionaries of timelines: the public contract the CLI's ``--json`` prints.

``{person, entries: [{date, kind, study_uid, interval_months, right: {birads, findings},
left: {birads, findings}, density, changes: [{side, kind, from, to, detail}]}],
next_due: {date, reason, overdue}}``, dates as ISO ``YYYY-MM-DD``. ``kind`` is ``exam``,
``procedure`` or ``pathology``; ``interval_months`` is the time since the previous exam.
"""

from __future__ import annotations

from collections.abc import Iterable

from mammolog.domain.due import NextDue
from mammolog.domain.findings import describe_finding
from mammolog.domain.records import Finding
from mammolog.domain.timeline import SideResult, TimelineChange, TimelineEntry

__all__ = ["change_to_dict", "entry_to_dict", "finding_to_dict", "timeline_to_dict"]


def finding_to_dict(finding: Finding) -> dict[str, object]:
    """Every field of a finding (enum values as slugs) plus its plain-words ``description``."""

    def slug(value: object) -> object:
        return None if value is None else str(value)

    return {
        "side": slug(finding.side),
        "type": slug(finding.type),
        "morphology": slug(finding.morphology),
        "distribution": slug(finding.distribution),
        "shape": slug(finding.shape),
        "margin": slug(finding.margin),
        "mass_density": slug(finding.mass_density),
        "asymmetry": slug(finding.asymmetry),
        "features": [str(f) for f in finding.features],
        "quadrant": slug(finding.quadrant),
        "clock": finding.clock,
        "depth": slug(finding.depth),
        "distance_cm": finding.distance_cm,
        "change": slug(finding.change),
        "ref": finding.ref,
        "note": finding.note,
        "description": describe_finding(finding),
    }


def change_to_dict(change: TimelineChange) -> dict[str, object]:
    """``{side, kind, from, to, detail}``."""
    return {
        "side": None if change.side is None else change.side.value,
        "kind": change.kind.value,
        "from": change.before,
        "to": change.after,
        "detail": change.detail,
    }


def _side(result: SideResult) -> dict[str, object]:
    return {
        "birads": None if result.category is None else result.category.value,
        "findings": [finding_to_dict(f) for f in result.findings],
    }


def entry_to_dict(entry: TimelineEntry) -> dict[str, object]:
    """One timeline entry in the public JSON form."""
    return {
        "date": entry.date.isoformat(),
        "kind": entry.kind.value,
        "study_uid": entry.study_uid,
        "interval_months": entry.interval_months,
        "right": _side(entry.right),
        "left": _side(entry.left),
        "density": None if entry.density is None else entry.density.value,
        "changes": [change_to_dict(c) for c in entry.changes],
    }


def timeline_to_dict(
    entries: Iterable[TimelineEntry], *, person: str | None, next_due: NextDue | None
) -> dict[str, object]:
    """The whole timeline of one person in the public JSON form."""
    return {
        "person": person,
        "entries": [entry_to_dict(e) for e in entries],
        "next_due": None if next_due is None else next_due.to_dict(),
    }
