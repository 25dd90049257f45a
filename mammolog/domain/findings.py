"""Findings across exams: plain-language descriptions, identity and what changed.

Identity rule (documented for users in docs/worked-example.md): a finding on a later exam
is the same finding as one on the previous assessed exam of that breast when both have the
same side and the same type and their locations are close enough (see
:mod:`mammolog.domain.locations`: same or neighbouring clock hour, clock hour inside the
quadrant, same quadrant, or a location missing on either side). When several pairs are
possible, the best location match wins, then a fixed order of the findings, so the result
never depends on the order the records were given in. A finding marked ``change=new`` is
always new and never paired with an older one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mammolog.domain.lexicon import (
    AsymmetryKind,
    CalcificationDistribution,
    CalcificationMorphology,
    Change,
    FindingType,
    MassMargin,
    MassShape,
)
from mammolog.domain.locations import location_score
from mammolog.domain.records import Finding

__all__ = [
    "AttributeChange",
    "BENIGN_MORPHOLOGY",
    "SUSPICIOUS_MORPHOLOGY",
    "attribute_changes",
    "describe_finding",
    "describe_location",
    "match_findings",
]

BENIGN_MORPHOLOGY: frozenset[CalcificationMorphology] = frozenset(
    {
        CalcificationMorphology.SKIN,
        CalcificationMorphology.VASCULAR,
        CalcificationMorphology.COARSE,
        CalcificationMorphology.LARGE_ROD_LIKE,
        CalcificationMorphology.ROUND,
        CalcificationMorphology.RIM,
        CalcificationMorphology.DYSTROPHIC,
        CalcificationMorphology.MILK_OF_CALCIUM,
        CalcificationMorphology.SUTURE,
    }
)
SUSPICIOUS_MORPHOLOGY: frozenset[CalcificationMorphology] = frozenset(
    set(CalcificationMorphology) - BENIGN_MORPHOLOGY
)

# Rank from least to most suspicious, for the "(more suspicious)" note on a changed attribute.
_SUSPICION: dict[str, dict[str, int]] = {
    "morphology": {
        **{m.value: 0 for m in BENIGN_MORPHOLOGY},
        CalcificationMorphology.AMORPHOUS.value: 1,
        CalcificationMorphology.COARSE_HETEROGENEOUS.value: 1,
        CalcificationMorphology.FINE_PLEOMORPHIC.value: 2,
        CalcificationMorphology.FINE_LINEAR.value: 3,
    },
    "distribution": {
        CalcificationDistribution.DIFFUSE.value: 0,
        CalcificationDistribution.REGIONAL.value: 1,
        CalcificationDistribution.GROUPED.value: 2,
        CalcificationDistribution.LINEAR.value: 3,
        CalcificationDistribution.SEGMENTAL.value: 3,
    },
    "shape": {MassShape.OVAL.value: 0, MassShape.ROUND.value: 0, MassShape.IRREGULAR.value: 1},
    "margin": {m.value: rank for rank, m in enumerate(MassMargin)},
}
_TYPE_WORDS: dict[FindingType, str] = {
    FindingType.CALCIFICATION: "calcifications",
    FindingType.MASS: "mass",
    FindingType.ASYMMETRY: "asymmetry",
    FindingType.ARCHITECTURAL_DISTORTION: "architectural distortion",
    FindingType.INTRAMAMMARY_LYMPH_NODE: "intramammary lymph node",
    FindingType.SKIN_LESION: "skin lesion",
    FindingType.SOLITARY_DILATED_DUCT: "solitary dilated duct",
}
_CHANGE_WORDS: dict[Change, str] = {
    Change.NEW: "new",
    Change.STABLE: "stable",
    Change.INCREASED: "increased in size",
    Change.DECREASED: "decreased in size",
    Change.RESOLVED: "resolved",
    Change.INCREASED_NUMBER: "increased in number",
    Change.DECREASED_NUMBER: "decreased in number",
}


def change_words(change: Change) -> str:
    """Plain words for a change since the previous exam ("increased in size")."""
    return _CHANGE_WORDS[change]


def describe_location(finding: Finding) -> str:
    """Side and place, e.g. "L UOQ 2 o'clock, posterior third, 4 cm from nipple"."""
    place = " ".join(
        part
        for part in (
            finding.side.value if finding.side else "",
            finding.quadrant.value if finding.quadrant else "",
            f"{finding.clock} o'clock" if finding.clock else "",
        )
        if part
    )
    extras = []
    if finding.depth:
        extras.append(f"{finding.depth.value} third")
    if finding.distance_cm is not None:
        extras.append(f"{finding.distance_cm:g} cm from nipple")
    return ", ".join([place, *extras]) if extras and place else place or ", ".join(extras)


def describe_finding(finding: Finding, *, with_location: bool = True) -> str:
    """A finding in plain words: "grouped fine-pleomorphic calcifications L UOQ 2 o'clock"."""
    words: list[str] = []
    if finding.type is FindingType.CALCIFICATION:
        words += [v.value for v in (finding.distribution, finding.morphology) if v]
    elif finding.type is FindingType.MASS:
        if finding.mass_density:
            words.append(f"{finding.mass_density.value}-density")
        words += [v.value for v in (finding.shape, finding.margin) if v]
    elif finding.type is FindingType.ASYMMETRY and finding.asymmetry:
        if finding.asymmetry is not AsymmetryKind.ASYMMETRY:
            words.append(finding.asymmetry.value)
    words.append(_TYPE_WORDS[finding.type])
    text = " ".join(words)
    if finding.features:
        text += " with " + " and ".join(f.value.replace("-", " ") for f in finding.features)
    if with_location:
        location = describe_location(finding)
        if location:
            text += " " + location
    return text


def match_findings(
    before: Sequence[Finding], after: Sequence[Finding]
) -> list[tuple[Finding | None, Finding | None]]:
    """Pair findings of one breast on two exams: (old, new); a ``None`` means no partner.

    Only findings of the same side and type pair up (see the module docstring for the rule).
    The result is sorted by the findings' own order, whatever the input order.
    """
    old = sorted(before, key=Finding.sort_key)
    new = sorted(after, key=Finding.sort_key)
    candidates: list[tuple[int, int, int]] = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            if a.type is not b.type or a.side is not b.side or b.change is Change.NEW:
                continue
            score = location_score(b.side, (a.quadrant, a.clock), (b.quadrant, b.clock))
            if score:
                candidates.append((-score, i, j))
    candidates.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[Finding | None, Finding | None]] = []
    for _score, i, j in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((old[i], new[j]))
    pairs += [(a, None) for i, a in enumerate(old) if i not in used_old]
    pairs += [(None, b) for j, b in enumerate(new) if j not in used_new]
    return sorted(pairs, key=_pair_key)


def _pair_key(pair: tuple[Finding | None, Finding | None]) -> tuple[tuple[str, ...], ...]:
    return tuple(() if f is None else f.sort_key() for f in pair)


@dataclass(frozen=True, slots=True)
class AttributeChange:
    """One described attribute of a finding that differs between two exams."""

    attribute: str
    before: str | None
    after: str | None
    note: str  # "more suspicious", "less suspicious", "typically benign -> suspicious" or ""


def attribute_changes(old: Finding, new: Finding) -> list[AttributeChange]:
    """Described attributes that differ; an attribute left blank on the new exam is not a change.

    Location, depth and distance are not compared (they identify the finding and are
    measured differently from one exam to the next).
    """
    changes: list[AttributeChange] = []
    for name in ("morphology", "distribution", "shape", "margin", "mass_density", "asymmetry"):
        before, after = getattr(old, name), getattr(new, name)
        if after is None or before == after:
            continue
        changes.append(
            AttributeChange(
                name,
                None if before is None else before.value,
                after.value,
                _note(name, before, after),
            )
        )
    added = sorted(set(new.features) - set(old.features))
    if added:
        changes.append(
            AttributeChange(
                "features",
                ", ".join(f.value for f in old.features) or None,
                ", ".join(f.value for f in new.features),
                "new associated " + ", ".join(f.value.replace("-", " ") for f in added),
            )
        )
    return changes


def _note(name: str, before: object, after: object) -> str:
    if name == "morphology" and before in BENIGN_MORPHOLOGY and after in SUSPICIOUS_MORPHOLOGY:
        return "typically benign -> suspicious"
    if name == "morphology" and before in SUSPICIOUS_MORPHOLOGY and after in BENIGN_MORPHOLOGY:
        return "suspicious -> typically benign"
    order = _SUSPICION.get(name)
    if order is None or before is None:
        return ""
    rank_before, rank_after = order[str(before)], order[str(after)]
    if rank_after > rank_before:
        return "more suspicious"
    return "less suspicious" if rank_after < rank_before else ""
