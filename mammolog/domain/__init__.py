"""The pure BI-RADS domain: vocabulary, records, timeline, due dates. Standard library only.

Import what you need from here; the submodules hold the documented rules:
``birads`` (categories, order of concern, density), ``vocabulary`` (parsing user text:
categories, density, sides, work-up) and ``finding_vocabulary`` (a finding's descriptors,
location and change), ``records`` (frozen records), ``findings`` and ``locations`` (finding
identity), ``timeline`` (changes between exams), ``due`` (what is due next), ``render`` (plain
text) and ``serialise`` (the JSON contract).
"""

from mammolog.domain.birads import (
    CATEGORY_INFO,
    DENSITY_WORDING,
    concern_rank,
    is_dense,
    overall,
    worst,
)
from mammolog.domain.due import DueKind, NextDue, next_due
from mammolog.domain.errors import DomainValidationError
from mammolog.domain.findings import describe_finding
from mammolog.domain.records import Assessment, Exam, Finding, Pathology, Procedure
from mammolog.domain.render import render_timeline
from mammolog.domain.serialise import timeline_to_dict
from mammolog.domain.timeline import ChangeKind, TimelineChange, TimelineEntry, build_timeline
from mammolog.domain.vocabulary import parse_category, parse_density

__all__ = [
    "CATEGORY_INFO",
    "DENSITY_WORDING",
    "Assessment",
    "ChangeKind",
    "DomainValidationError",
    "DueKind",
    "Exam",
    "Finding",
    "NextDue",
    "Pathology",
    "Procedure",
    "TimelineChange",
    "TimelineEntry",
    "build_timeline",
    "concern_rank",
    "describe_finding",
    "is_dense",
    "next_due",
    "overall",
    "parse_category",
    "parse_density",
    "render_timeline",
    "timeline_to_dict",
    "worst",
]
