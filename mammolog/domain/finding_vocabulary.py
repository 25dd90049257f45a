"""Turn the words that describe one finding into the 5th-edition vocabulary.

The finding's type (calcifications, mass, asymmetry, distortion, ...), its calcification and
mass descriptors, the asymmetry kind, associated features, where it is (quadrant, clock-face
position, depth) and how it changed since the previous exam. The parsers read words the way
:mod:`mammolog.domain.vocabulary` does (tolerant of case, spaces, underscores, hyphens and
punctuation) and map older wording onto the 5th edition: clustered -> grouped, eggshell /
lucent-centered -> rim, punctate -> round, popcorn-like -> coarse, fine-linear-branching ->
fine-linear, lobular -> oval, ill-defined -> indistinct, "no significant change" -> stable.

Bad input raises :class:`DomainValidationError` naming the field and the allowed values.
"""

from __future__ import annotations

import re

from mammolog.domain.errors import DomainValidationError
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
)
from mammolog.domain.text import lookup, normalise, require_text


def parse_finding_type(value: object, *, field: str = "type") -> FindingType:
    """Read a finding type (calcifications, mass, asymmetry, distortion, ...)."""
    aliases = {
        "calc": FindingType.CALCIFICATION,
        "calcs": FindingType.CALCIFICATION,
        "microcalcification": FindingType.CALCIFICATION,
        "masses": FindingType.MASS,
        "distortion": FindingType.ARCHITECTURAL_DISTORTION,
        "lymph node": FindingType.INTRAMAMMARY_LYMPH_NODE,
        "dilated duct": FindingType.SOLITARY_DILATED_DUCT,
        "asymmetric density": FindingType.ASYMMETRY,
    }
    return lookup(field, value, FindingType, "a finding type", aliases)


def parse_morphology(value: object, *, field: str = "morphology") -> CalcificationMorphology:
    """Read a calcification morphology, mapping older words onto the 5th edition."""
    m = CalcificationMorphology
    aliases = {
        "popcorn": m.COARSE,
        "popcorn like": m.COARSE,
        "coarse or popcorn like": m.COARSE,
        "eggshell": m.RIM,
        "egg shell": m.RIM,
        "lucent centered": m.RIM,
        "lucent centred": m.RIM,
        "punctate": m.ROUND,
        "rod like": m.LARGE_ROD_LIKE,
        "secretory": m.LARGE_ROD_LIKE,
        "dermal": m.SKIN,
        "amorphous or indistinct": m.AMORPHOUS,
        "indistinct": m.AMORPHOUS,
        "pleomorphic": m.FINE_PLEOMORPHIC,
        "fine linear branching": m.FINE_LINEAR,
        "fine linear or fine linear branching": m.FINE_LINEAR,
        "linear branching": m.FINE_LINEAR,
    }
    return lookup(field, value, m, "a calcification morphology", aliases)


def parse_distribution(value: object, *, field: str = "distribution") -> CalcificationDistribution:
    """Read a calcification distribution (clustered -> grouped, scattered -> diffuse)."""
    d = CalcificationDistribution
    aliases = {"clustered": d.GROUPED, "cluster": d.GROUPED, "scattered": d.DIFFUSE}
    return lookup(field, value, d, "a calcification distribution", aliases)


def parse_shape(value: object, *, field: str = "shape") -> MassShape:
    """Read a mass shape (4th-edition lobular -> oval)."""
    aliases = {"lobular": MassShape.OVAL, "lobulated": MassShape.OVAL}
    return lookup(field, value, MassShape, "a mass shape", aliases)


def parse_margin(value: object, *, field: str = "margin") -> MassMargin:
    """Read a mass margin (ill-defined -> indistinct, well-defined -> circumscribed)."""
    aliases = {
        "well circumscribed": MassMargin.CIRCUMSCRIBED,
        "well defined": MassMargin.CIRCUMSCRIBED,
        "sharply defined": MassMargin.CIRCUMSCRIBED,
        "ill defined": MassMargin.INDISTINCT,
        "spiculate": MassMargin.SPICULATED,
    }
    return lookup(field, value, MassMargin, "a mass margin", aliases)


def parse_mass_density(value: object, *, field: str = "mass_density") -> MassDensity:
    """Read a mass density (isodense -> equal, radiolucent -> fat-containing)."""
    aliases = {
        "isodense": MassDensity.EQUAL,
        "iso": MassDensity.EQUAL,
        "fat": MassDensity.FAT_CONTAINING,
        "fat density": MassDensity.FAT_CONTAINING,
        "radiolucent": MassDensity.FAT_CONTAINING,
        "high density": MassDensity.HIGH,
        "low density": MassDensity.LOW,
    }
    return lookup(field, value, MassDensity, "a mass density", aliases)


def parse_asymmetry(value: object, *, field: str = "asymmetry") -> AsymmetryKind:
    """Read an asymmetry kind (focal asymmetric density -> focal)."""
    a = AsymmetryKind
    aliases = {
        "asymmetric density": a.ASYMMETRY,
        "global asymmetry": a.GLOBAL,
        "focal asymmetry": a.FOCAL,
        "focal asymmetric density": a.FOCAL,
        "developing asymmetry": a.DEVELOPING,
        "neodensity": a.DEVELOPING,
    }
    return lookup(field, value, a, "an asymmetry kind", aliases)


def parse_feature(value: object, *, field: str = "features") -> AssociatedFeature:
    """Read an associated feature (skin retraction, axillary adenopathy, ...)."""
    aliases = {
        "axillary lymphadenopathy": AssociatedFeature.AXILLARY_ADENOPATHY,
        "calcification": AssociatedFeature.CALCIFICATIONS,
    }
    return lookup(field, value, AssociatedFeature, "an associated feature", aliases)


def parse_quadrant(value: object, *, field: str = "quadrant") -> Quadrant:
    """Read a quadrant or central location (upper outer -> UOQ, retroareolar -> subareolar)."""
    q = Quadrant
    aliases = {
        "upper outer": q.UOQ,
        "upper outer quadrant": q.UOQ,
        "upper inner": q.UIQ,
        "upper inner quadrant": q.UIQ,
        "lower outer": q.LOQ,
        "lower outer quadrant": q.LOQ,
        "lower inner": q.LIQ,
        "lower inner quadrant": q.LIQ,
        "retroareolar": q.SUBAREOLAR,
        "tail of spence": q.AXILLARY_TAIL,
        "axillary": q.AXILLARY_TAIL,
    }
    return lookup(field, value, q, "a breast location", aliases)


_CLOCK = re.compile(r"^(\d{1,2})(?:\s*(?:00|oclock|o clock|h))?$")


def parse_clock(value: object, *, field: str = "clock") -> int:
    """Read a clock-face position 1-12 ("2", "2 o'clock", "2:00")."""
    if isinstance(value, int) and not isinstance(value, bool):
        hour = value
    else:
        text = require_text(field, value)
        match = _CLOCK.match(normalise(text))
        if not match:
            raise DomainValidationError(
                field, f"{text.strip()!r} is not a clock-face position", ["1", "...", "12"]
            )
        hour = int(match.group(1))
    if not 1 <= hour <= 12:
        raise DomainValidationError(field, f"{hour} is not between 1 and 12 o'clock")
    return hour


def parse_depth(value: object, *, field: str = "depth") -> Depth:
    """Read a depth (anterior / middle / posterior third)."""
    aliases = {f"{d.value} third": d for d in Depth}
    return lookup(field, value, Depth, "a depth", aliases)


def parse_change(value: object, *, field: str = "change") -> Change:
    """Read a change since the previous exam ("no significant change" -> stable, ...)."""
    c = Change
    aliases = {
        "no significant change": c.STABLE,
        "no change": c.STABLE,
        "unchanged": c.STABLE,
        "increased in size": c.INCREASED,
        "increase in size": c.INCREASED,
        "larger": c.INCREASED,
        "enlarging": c.INCREASED,
        "decreased in size": c.DECREASED,
        "decrease in size": c.DECREASED,
        "smaller": c.DECREASED,
        "increase in number": c.INCREASED_NUMBER,
        "increased in number": c.INCREASED_NUMBER,
        "more numerous": c.INCREASED_NUMBER,
        "decrease in number": c.DECREASED_NUMBER,
        "decreased in number": c.DECREASED_NUMBER,
        "fewer": c.DECREASED_NUMBER,
        "no longer seen": c.RESOLVED,
        "gone": c.RESOLVED,
        "newly seen": c.NEW,
    }
    return lookup(field, value, c, "a change since the previous exam", aliases)


__all__ = [
    "parse_asymmetry",
    "parse_change",
    "parse_clock",
    "parse_depth",
    "parse_distribution",
    "parse_feature",
    "parse_finding_type",
    "parse_margin",
    "parse_mass_density",
    "parse_morphology",
    "parse_quadrant",
    "parse_shape",
]
