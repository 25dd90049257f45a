"""The reviewed plain-language content (``explanations.toml``), read into frozen records.

The words live in a data file beside this module, not in code, so they can be reviewed and
corrected without touching a rule. This module only reads the package's own file (like an
import; never user data) and checks its shape: every entry has a title, a summary, a concern
level from :class:`Concern`, next steps and questions; descriptor entries have the short phrase
used when a finding's descriptors are put together. Which lexicon values must have an entry is
:data:`SECTIONS`; the completeness test walks it.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from mammolog.domain.due import DueKind
from mammolog.domain.lexicon import (
    AssociatedFeature,
    AsymmetryKind,
    CalcificationDistribution,
    CalcificationMorphology,
    Category,
    Change,
    Density,
    Depth,
    FindingType,
    MassDensity,
    MassMargin,
    MassShape,
    PathologyOutcome,
    ProcedureType,
    Quadrant,
    Side,
)
from mammolog.domain.timeline import ChangeKind

__all__ = [
    "CLOCK_PLACES",
    "DESCRIPTOR_SECTIONS",
    "SECTIONS",
    "About",
    "Concern",
    "ContentError",
    "Entry",
    "Explanation",
    "ExplanationBook",
    "ResultsExplained",
    "WorkUpStep",
    "explanation_book",
    "highest_concern",
    "load_book",
]

CONTENT_FILE = "explanations.toml"


class Concern(StrEnum):
    """How worrying something usually is (values are part of the JSON contract)."""

    NONE = "none"
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    KNOWN_CANCER = "known-cancer"


CONCERN_ORDER: tuple[Concern, ...] = tuple(Concern)


class About(StrEnum):
    """What an explanation is about (values are part of the JSON contract)."""

    CATEGORY = "category"
    DENSITY = "density"
    FINDING = "finding"
    CHANGE = "change"
    PROCEDURE = "procedure"
    PATHOLOGY = "pathology"
    DUE = "due"


# Each section of the content file, the lexicon enum whose every value needs an entry there,
# and what its explanations are about.
SECTIONS: dict[str, tuple[type[StrEnum], About]] = {
    "category": (Category, About.CATEGORY),
    "density": (Density, About.DENSITY),
    "finding_type": (FindingType, About.FINDING),
    "morphology": (CalcificationMorphology, About.FINDING),
    "distribution": (CalcificationDistribution, About.FINDING),
    "mass_shape": (MassShape, About.FINDING),
    "mass_margin": (MassMargin, About.FINDING),
    "mass_density": (MassDensity, About.FINDING),
    "asymmetry": (AsymmetryKind, About.FINDING),
    "feature": (AssociatedFeature, About.FINDING),
    "location": (Quadrant, About.FINDING),
    "depth": (Depth, About.FINDING),
    "change": (Change, About.CHANGE),
    "change_kind": (ChangeKind, About.CHANGE),
    "procedure": (ProcedureType, About.PROCEDURE),
    "pathology": (PathologyOutcome, About.PATHOLOGY),
    "due": (DueKind, About.DUE),
}
# Sections whose entries also need a short ``phrase`` (descriptors of a finding).
DESCRIPTOR_SECTIONS: frozenset[str] = frozenset(
    {
        "finding_type", "morphology", "distribution", "mass_shape", "mass_margin",
        "mass_density", "asymmetry", "feature", "location", "depth", "change",
    }
)  # fmt: skip
# Places on the clock face, in words (which hour is which place depends on the breast).
CLOCK_PLACES: tuple[str, ...] = (
    "top", "upper-inner", "inner", "lower-inner", "bottom", "lower-outer", "outer", "upper-outer",
)  # fmt: skip
WORK_UP_PATHS: tuple[str, ...] = ("calcification", "mass", "other")


class ContentError(ValueError):
    """The content file is malformed (a defect of the package, found by the tests)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """The plain-language text of one lexicon value."""

    section: str
    key: str
    title: str
    summary: str
    concern: Concern
    next_steps: tuple[str, ...]
    questions: tuple[str, ...]
    phrase: str = ""
    action: str = ""


@dataclass(frozen=True, slots=True)
class WorkUpStep:
    """One step of the usual work-up after a suspicious result.

    ``done_by`` are the procedures that count as this step having been done; an
    ``alternative`` step is offered, in order, only when the standard biopsy is not done.
    """

    text: str
    done_by: frozenset[ProcedureType]
    alternative: bool = False


@dataclass(frozen=True, slots=True)
class ExplanationBook:
    """All the content: entries by section and key, clock words, work-up paths, sources."""

    entries: Mapping[tuple[str, str], Entry]
    clock_words: Mapping[str, str]
    work_up: Mapping[str, tuple[WorkUpStep, ...]]
    work_up_aim: str
    disclaimer: str
    sources: tuple[str, ...]
    questions: tuple[str, ...]
    prepare: tuple[str, ...] = ()

    def has(self, section: str, key: str) -> bool:
        """Whether the content has an entry for ``key`` in ``section``."""
        return (section, key) in self.entries

    def entry(self, section: str, value: str) -> Entry:
        """The entry of a lexicon value (a defect of the content when it is missing)."""
        try:
            return self.entries[(section, str(value))]
        except KeyError:
            raise ContentError(f"explanations.toml has no [{section}.{value}]") from None


@dataclass(frozen=True, slots=True)
class Explanation:
    """One thing explained: what it is about, which breast, the term, and its words."""

    about: About
    side: Side | None
    term: str
    title: str
    summary: str
    concern: Concern
    next_steps: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """JSON form: ``{about, side, term, title, summary, concern, next_steps}``."""
        return {
            "about": self.about.value,
            "side": None if self.side is None else self.side.value,
            "term": self.term,
            "title": self.title,
            "summary": self.summary,
            "concern": self.concern.value,
            "next_steps": list(self.next_steps),
        }


@dataclass(frozen=True, slots=True)
class ResultsExplained:
    """The explanations of one exam (or of one term), the questions to ask and the sources."""

    study_uid: str | None
    date: dt.date | None
    explanations: tuple[Explanation, ...]
    questions: tuple[str, ...]
    sources: tuple[str, ...]
    disclaimer: str

    def to_dict(self) -> dict[str, object]:
        """JSON form of ``mammolog explain --json``."""
        return {
            "study_uid": self.study_uid,
            "date": None if self.date is None else self.date.isoformat(),
            "explanations": [item.to_dict() for item in self.explanations],
            "questions": list(self.questions),
            "sources": list(self.sources),
            "disclaimer": self.disclaimer,
        }


def highest_concern(concerns: Iterable[Concern]) -> Concern:
    """The most worrying of ``concerns`` (``none`` when there are none)."""
    return max(concerns, key=CONCERN_ORDER.index, default=Concern.NONE)


def _text(where: str, table: Mapping[str, Any], name: str, *, required: bool = True) -> str:
    value = table.get(name, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ContentError(f"{where}: {name} must be non-empty text")
    return value.strip()


def _texts(where: str, table: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = table.get(name)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ContentError(f"{where}: {name} must be a list of non-empty texts")
    return tuple(v.strip() for v in value)


def _entry(section: str, key: str, table: Mapping[str, Any]) -> Entry:
    where = f"[{section}.{key}]"
    if not isinstance(table, Mapping):
        raise ContentError(f"{where} must be a table")
    concern = table.get("concern")
    if concern not in {c.value for c in Concern}:
        raise ContentError(
            f"{where}: concern {concern!r} is not one of {[c.value for c in Concern]}"
        )
    return Entry(
        section=section,
        key=key,
        title=_text(where, table, "title"),
        summary=_text(where, table, "summary"),
        concern=Concern(concern),
        next_steps=_texts(where, table, "next_steps"),
        questions=_texts(where, table, "questions"),
        phrase=_text(where, table, "phrase", required=section in DESCRIPTOR_SECTIONS),
        action=_text(where, table, "action", required=section == "due"),
    )


def _work_up(raw: Mapping[str, Any]) -> tuple[dict[str, tuple[WorkUpStep, ...]], str]:
    paths: dict[str, tuple[WorkUpStep, ...]] = {}
    for path in WORK_UP_PATHS:
        steps = raw.get(path)
        if not isinstance(steps, list) or not steps:
            raise ContentError(f"[work_up.{path}] must list the steps")
        built = []
        for step in steps:
            where = f"[[work_up.{path}]]"
            try:
                done_by = frozenset(ProcedureType(p) for p in step.get("done_by", ()))
            except ValueError as exc:
                raise ContentError(f"{where}: {exc}") from None
            built.append(
                WorkUpStep(_text(where, step, "text"), done_by, step.get("alternative") is True)
            )
        paths[path] = tuple(built)
    return paths, _text("[work_up]", raw, "aim")


def load_book(text: str) -> ExplanationBook:
    """Read content from TOML text and check its shape (raises :class:`ContentError`)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"explanations.toml is not valid TOML: {exc}") from None
    entries: dict[tuple[str, str], Entry] = {}
    for section, (enum, _about) in SECTIONS.items():
        tables = raw.get(section, {})
        known = {member.value for member in enum}
        for key, table in tables.items():
            if key not in known:
                raise ContentError(f"[{section}.{key}] is not a value of {enum.__name__}")
            entries[(section, key)] = _entry(section, key, table)
    clock = raw.get("clock", {})
    clock_words = {
        place: _text(f"[clock.{place}]", clock.get(place, {}), "phrase") for place in CLOCK_PLACES
    }
    meta = raw.get("meta", {})
    work_up, aim = _work_up(raw.get("work_up", {}))
    return ExplanationBook(
        entries=entries,
        clock_words=clock_words,
        work_up=work_up,
        work_up_aim=aim,
        disclaimer=_text("[meta]", meta, "disclaimer"),
        sources=_texts("[meta]", meta, "sources"),
        questions=_texts("[meta]", meta, "questions"),
        prepare=_texts("[meta]", meta, "prepare"),
    )


@cache
def explanation_book() -> ExplanationBook:
    """The content shipped with mammolog (read once)."""
    text = resources.files("mammolog.domain").joinpath(CONTENT_FILE).read_text(encoding="utf-8")
    return load_book(text)
