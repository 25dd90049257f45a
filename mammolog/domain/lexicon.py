"""The BI-RADS 5th-edition vocabulary (ACR 2013) used everywhere in mammolog.

Values are short stable slugs: they are stored in the catalog, printed in JSON and
accepted on the command line. Human wording lives beside them. DICOM codes and old
wording are mapped onto these values elsewhere; they never become the vocabulary.
"""

from __future__ import annotations

from enum import StrEnum


class Side(StrEnum):
    """Which breast a value belongs to."""

    RIGHT = "R"
    LEFT = "L"
    BOTH = "B"


class Category(StrEnum):
    """BI-RADS assessment category (mammography, 5th edition)."""

    C0 = "0"
    C1 = "1"
    C2 = "2"
    C3 = "3"
    C4 = "4"
    C4A = "4A"
    C4B = "4B"
    C4C = "4C"
    C5 = "5"
    C6 = "6"


class Density(StrEnum):
    """Breast composition, 5th edition letters."""

    A = "a"
    B = "b"
    C = "c"
    D = "d"


class Recommendation(StrEnum):
    """What the radiologist recommended next."""

    ROUTINE_SCREENING = "routine-screening"
    SHORT_INTERVAL_FOLLOW_UP = "6-month-follow-up"
    ADDITIONAL_IMAGING = "additional-imaging"
    BIOPSY = "biopsy"
    TREATMENT = "treatment"


class FindingType(StrEnum):
    """Kinds of mammographic finding."""

    CALCIFICATION = "calcification"
    MASS = "mass"
    ASYMMETRY = "asymmetry"
    ARCHITECTURAL_DISTORTION = "architectural-distortion"
    INTRAMAMMARY_LYMPH_NODE = "intramammary-lymph-node"
    SKIN_LESION = "skin-lesion"
    SOLITARY_DILATED_DUCT = "solitary-dilated-duct"


class CalcificationMorphology(StrEnum):
    """Calcification morphology: typically benign types, then suspicious ones."""

    SKIN = "skin"
    VASCULAR = "vascular"
    COARSE = "coarse"  # "popcorn-like"
    LARGE_ROD_LIKE = "large-rod-like"
    ROUND = "round"
    RIM = "rim"
    DYSTROPHIC = "dystrophic"
    MILK_OF_CALCIUM = "milk-of-calcium"
    SUTURE = "suture"
    AMORPHOUS = "amorphous"
    COARSE_HETEROGENEOUS = "coarse-heterogeneous"
    FINE_PLEOMORPHIC = "fine-pleomorphic"
    FINE_LINEAR = "fine-linear"  # fine linear or fine-linear branching


class CalcificationDistribution(StrEnum):
    """Calcification distribution."""

    DIFFUSE = "diffuse"
    REGIONAL = "regional"
    GROUPED = "grouped"
    LINEAR = "linear"
    SEGMENTAL = "segmental"


class MassShape(StrEnum):
    OVAL = "oval"
    ROUND = "round"
    IRREGULAR = "irregular"


class MassMargin(StrEnum):
    CIRCUMSCRIBED = "circumscribed"
    OBSCURED = "obscured"
    MICROLOBULATED = "microlobulated"
    INDISTINCT = "indistinct"
    SPICULATED = "spiculated"


class MassDensity(StrEnum):
    HIGH = "high"
    EQUAL = "equal"
    LOW = "low"
    FAT_CONTAINING = "fat-containing"


class AsymmetryKind(StrEnum):
    ASYMMETRY = "asymmetry"
    GLOBAL = "global"
    FOCAL = "focal"
    DEVELOPING = "developing"


class AssociatedFeature(StrEnum):
    SKIN_RETRACTION = "skin-retraction"
    NIPPLE_RETRACTION = "nipple-retraction"
    SKIN_THICKENING = "skin-thickening"
    TRABECULAR_THICKENING = "trabecular-thickening"
    AXILLARY_ADENOPATHY = "axillary-adenopathy"
    ARCHITECTURAL_DISTORTION = "architectural-distortion"
    CALCIFICATIONS = "calcifications"


class Quadrant(StrEnum):
    UOQ = "UOQ"
    UIQ = "UIQ"
    LOQ = "LOQ"
    LIQ = "LIQ"
    SUBAREOLAR = "subareolar"
    CENTRAL = "central"
    AXILLARY_TAIL = "axillary-tail"


class Depth(StrEnum):
    ANTERIOR = "anterior"
    MIDDLE = "middle"
    POSTERIOR = "posterior"


class Change(StrEnum):
    """Change of a finding since the previous exam."""

    NEW = "new"
    STABLE = "stable"
    INCREASED = "increased"  # in size
    DECREASED = "decreased"  # in size
    RESOLVED = "resolved"
    INCREASED_NUMBER = "increased-number"  # more calcifications
    DECREASED_NUMBER = "decreased-number"  # fewer calcifications


class ProcedureType(StrEnum):
    DIAGNOSTIC_MAMMOGRAM = "diagnostic-mammogram"
    MAGNIFICATION_VIEWS = "magnification-views"
    ULTRASOUND = "ultrasound"
    MRI = "mri"
    STEREOTACTIC_BIOPSY = "stereotactic-biopsy"
    ULTRASOUND_BIOPSY = "ultrasound-biopsy"
    TOMOSYNTHESIS_BIOPSY = "tomosynthesis-biopsy"
    MRI_BIOPSY = "mri-biopsy"
    SURGICAL_EXCISION = "surgical-excision"  # wire or seed localisation


class PathologyOutcome(StrEnum):
    BENIGN = "benign"
    HIGH_RISK = "high-risk"  # e.g. atypia
    DCIS = "dcis"
    INVASIVE = "invasive"
