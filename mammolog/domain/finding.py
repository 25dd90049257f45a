"""The finding record: one mammographic finding as reported on one exam."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from mammolog.domain.errors import DomainValidationError
from mammolog.domain.finding_vocabulary import (
    parse_asymmetry,
    parse_change,
    parse_clock,
    parse_depth,
    parse_distribution,
    parse_feature,
    parse_finding_type,
    parse_margin,
    parse_mass_density,
    parse_morphology,
    parse_quadrant,
    parse_shape,
)
from mammolog.domain.lexicon import (
    AssociatedFeature,
    AsymmetryKind,
    CalcificationDistribution,
    CalcificationMorphology,
    Change,
    Depth,
    FindingType,
    MassDensity,
    MassMargin,
    MassShape,
    Quadrant,
    Side,
)
from mammolog.domain.locations import clock_in_quadrant
from mammolog.domain.vocabulary import parse_side

__all__ = ["Finding", "coerce_field", "require_optional_text"]

_DETAIL_LABELS = {
    "mass_density": "a mass density",
    "asymmetry": "an asymmetry kind",
    "features": "associated features",
    "quadrant": "a location",
    "clock": "a clock position",
    "distance_cm": "a distance from the nipple",
}


def coerce_field(record: object, name: str, parser: Callable[..., Any]) -> None:
    """Replace the field ``name`` of a (frozen) record by ``parser(value)`` unless ``None``."""
    value = getattr(record, name)
    if value is not None:
        object.__setattr__(record, name, parser(value, field=name))


def require_optional_text(record: object, name: str) -> None:
    """Refuse a field that should be text (or ``None``) but is something else."""
    value = getattr(record, name)
    if value is not None and not isinstance(value, str):
        raise DomainValidationError(name, f"expected text, got {type(value).__name__}")


@dataclass(frozen=True, slots=True)
class Finding:
    """One mammographic finding as reported on one exam.

    Only valid combinations are accepted: morphology and distribution belong to
    calcifications, shape / margin / mass density to masses, the asymmetry kind to
    asymmetries. A side (R, L or B) is required as soon as anything beyond the type is given.
    The location is a quadrant (or subareolar / central / axillary tail) and/or a clock-face
    hour 1-12; when both are given they must agree for that side.
    """

    type: FindingType
    side: Side | None = None
    morphology: CalcificationMorphology | None = None
    distribution: CalcificationDistribution | None = None
    shape: MassShape | None = None
    margin: MassMargin | None = None
    mass_density: MassDensity | None = None
    asymmetry: AsymmetryKind | None = None
    features: tuple[AssociatedFeature, ...] = ()
    quadrant: Quadrant | None = None
    clock: int | None = None
    depth: Depth | None = None
    distance_cm: float | None = None
    change: Change | None = None
    ref: str | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.type is None:
            raise DomainValidationError("type", "a finding needs a type", [t for t in FindingType])
        coerce_field(self, "type", parse_finding_type)
        for name, parser in (
            ("side", parse_side),
            ("morphology", parse_morphology),
            ("distribution", parse_distribution),
            ("shape", parse_shape),
            ("margin", parse_margin),
            ("mass_density", parse_mass_density),
            ("asymmetry", parse_asymmetry),
            ("quadrant", parse_quadrant),
            ("clock", parse_clock),
            ("depth", parse_depth),
            ("change", parse_change),
        ):
            coerce_field(self, name, parser)
        require_optional_text(self, "ref")
        require_optional_text(self, "note")
        if isinstance(self.features, str):
            raise DomainValidationError("features", "expected a list of associated features")
        features = {parse_feature(f) for f in self.features}
        object.__setattr__(self, "features", tuple(sorted(features)))
        self._check_distance()
        self._check_combinations()

    def _check_distance(self) -> None:
        distance = self.distance_cm
        if distance is None:
            return
        if isinstance(distance, bool) or not isinstance(distance, int | float):
            raise DomainValidationError("distance_cm", f"{distance!r} is not a number")
        if not math.isfinite(distance) or distance < 0:
            raise DomainValidationError("distance_cm", f"{distance} cm must be 0 or more")
        object.__setattr__(self, "distance_cm", float(distance))

    def _check_combinations(self) -> None:
        only_for = (
            (FindingType.CALCIFICATION, ("morphology", "distribution")),
            (FindingType.MASS, ("shape", "margin", "mass_density")),
            (FindingType.ASYMMETRY, ("asymmetry",)),
        )
        for finding_type, names in only_for:
            for name in names:
                if getattr(self, name) is not None and self.type is not finding_type:
                    raise DomainValidationError(
                        name,
                        f"only {finding_type.value} findings have a {name.replace('_', ' ')}"
                        f" (this finding is a {self.type.value})",
                    )
        if self.side is None:
            for name in self.detail_fields():
                raise DomainValidationError(
                    "side",
                    f"a finding with {_DETAIL_LABELS.get(name, 'a ' + name)} needs a side",
                    [s.value for s in Side],
                )
        if self.quadrant is not None and self.clock is not None and self.side is not None:
            if not clock_in_quadrant(self.clock, self.quadrant, self.side):
                raise DomainValidationError(
                    "clock",
                    f"{self.clock} o'clock is not in the {self.quadrant.value} of the"
                    f" {'right' if self.side is Side.RIGHT else 'left'} breast",
                )

    def detail_fields(self) -> list[str]:
        """Names of the fields, beyond type and side, that carry a value."""
        names = (
            "morphology", "distribution", "shape", "margin", "mass_density", "asymmetry",
            "features", "quadrant", "clock", "depth", "distance_cm", "change",
        )  # fmt: skip
        return [n for n in names if getattr(self, n) not in (None, ())]

    def sort_key(self) -> tuple[str, ...]:
        """A total, deterministic order for findings (side, type, location, then the rest)."""
        return tuple("" if v is None else str(v) for v in _finding_values(self))

    @classmethod
    def from_input(
        cls,
        *,
        type: str,
        side: str | None = None,
        morphology: str | None = None,
        distribution: str | None = None,
        shape: str | None = None,
        margin: str | None = None,
        mass_density: str | None = None,
        asymmetry: str | None = None,
        features: Iterable[str] = (),
        quadrant: str | None = None,
        clock: int | str | None = None,
        depth: str | None = None,
        distance_cm: float | None = None,
        change: str | None = None,
        ref: str | None = None,
        note: str = "",
    ) -> Finding:
        """Build from user text (any spelling or older wording the parsers accept)."""
        return cls(
            type=parse_finding_type(type),
            side=None if side is None else parse_side(side),
            morphology=None if morphology is None else parse_morphology(morphology),
            distribution=None if distribution is None else parse_distribution(distribution),
            shape=None if shape is None else parse_shape(shape),
            margin=None if margin is None else parse_margin(margin),
            mass_density=None if mass_density is None else parse_mass_density(mass_density),
            asymmetry=None if asymmetry is None else parse_asymmetry(asymmetry),
            features=tuple(parse_feature(f) for f in features),
            quadrant=None if quadrant is None else parse_quadrant(quadrant),
            clock=None if clock is None else parse_clock(clock),
            depth=None if depth is None else parse_depth(depth),
            distance_cm=distance_cm,
            change=None if change is None else parse_change(change),
            ref=ref,
            note=note,
        )


def _finding_values(finding: Finding) -> tuple[object, ...]:
    return (
        finding.side, finding.type, finding.quadrant,
        None if finding.clock is None else f"{finding.clock:02d}",
        finding.morphology, finding.distribution, finding.shape, finding.margin,
        finding.mass_density, finding.asymmetry, ",".join(finding.features), finding.depth,
        finding.distance_cm, finding.change, finding.ref, finding.note,
    )  # fmt: skip
