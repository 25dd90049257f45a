"""The explanations file: every lexicon value has a text, and a malformed file is refused."""

from __future__ import annotations

import re

import pytest

from mammolog.domain.due import DueKind
from mammolog.domain.explain_content import (
    CLOCK_PLACES,
    DESCRIPTOR_SECTIONS,
    SECTIONS,
    Concern,
    ContentError,
    explanation_book,
    load_book,
)
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
)
from mammolog.domain.timeline import ChangeKind

# Every enum of the lexicon the code defines; a new enum must be added to SECTIONS too.
LEXICON = (
    Category, Density, FindingType, CalcificationMorphology, CalcificationDistribution,
    MassShape, MassMargin, MassDensity, AsymmetryKind, AssociatedFeature, Quadrant, Depth,
    Change, ChangeKind, ProcedureType, PathologyOutcome, DueKind,
)  # fmt: skip


def test_every_lexicon_enum_has_a_section() -> None:
    assert {enum for enum, _about in SECTIONS.values()} == set(LEXICON)


@pytest.mark.parametrize(
    ("section", "value"),
    [(section, member.value) for section, (enum, _a) in SECTIONS.items() for member in enum],
)
def test_every_lexicon_value_has_a_complete_text(section: str, value: str) -> None:
    book = explanation_book()
    assert book.has(section, value), f"explanations.toml has no [{section}.{value}]"
    entry = book.entry(section, value)
    assert entry.title and entry.summary
    assert isinstance(entry.concern, Concern)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", entry.summary) if s]
    assert 1 <= len(sentences) <= 2, f"[{section}.{value}] summary should be one or two sentences"
    if section in DESCRIPTOR_SECTIONS:
        assert entry.phrase, f"[{section}.{value}] needs a phrase"
    if section == "due":
        assert entry.action


def test_the_clock_face_places_and_work_up_paths_are_in_words() -> None:
    book = explanation_book()
    assert set(book.clock_words) == set(CLOCK_PLACES)
    assert "armpit" in book.clock_words["upper-outer"]
    calcification = book.work_up["calcification"]
    standard = [step for step in calcification if not step.alternative]
    assert ProcedureType.MAGNIFICATION_VIEWS in standard[0].done_by
    assert "stereotactic" in standard[1].text.lower()
    alternatives = [step.text for step in calcification if step.alternative]
    assert [
        "ultrasound" in alternatives[0].lower(),
        "tomosynthesis" in alternatives[1].lower() and "mri" in alternatives[1].lower(),
        "wire" in alternatives[2].lower() and "seed" in alternatives[2].lower(),
    ] == [True, True, True]


def test_sources_and_the_shared_disclaimer() -> None:
    book = explanation_book()
    assert any("BI-RADS Atlas, 5th edition" in source for source in book.sources)
    assert any("specialist" in source for source in book.sources)
    assert "general information" in book.disclaimer and "doctor" in book.disclaimer


def test_content_agrees_with_the_lexicon_facts() -> None:
    book = explanation_book()
    concern = {key: book.entry(s, key).concern for (s, key) in book.entries if s == "category"}
    assert concern["1"] is Concern.NONE and concern["2"] is Concern.NONE
    assert concern["6"] is Concern.KNOWN_CANCER
    assert book.entry("distribution", "diffuse").concern is Concern.NONE
    assert "closer look" in book.entry("distribution", "grouped").phrase
    for spread in ("linear", "segmental"):
        assert book.entry("distribution", spread).concern is Concern.HIGH
        assert "most suspicious" in book.entry("distribution", spread).phrase
    for benign in ("coarse", "rim", "round", "large-rod-like"):
        assert book.entry("morphology", benign).concern is Concern.NONE
    for suspicious in ("amorphous", "coarse-heterogeneous", "fine-pleomorphic", "fine-linear"):
        assert "suspicious" in book.entry("morphology", suspicious).phrase
    assert "not a disease" in book.entry("finding_type", "calcification").summary
    assert "routine screening" in book.entry("category", "2").summary


def _minimal(extra: str = "") -> str:
    clock = "".join(f'[clock.{place}]\nphrase = "p"\n' for place in CLOCK_PLACES)
    work_up = "".join(
        f'[[work_up.{path}]]\ndone_by = []\ntext = "t"\n'
        for path in ("calcification", "mass", "other")
    )
    return (
        '[meta]\ndisclaimer = "d"\nsources = ["s"]\nquestions = []\nprepare = []\n'
        f'{clock}[work_up]\naim = "a"\n{work_up}{extra}'
    )


def test_a_minimal_file_loads() -> None:
    book = load_book(
        _minimal(
            '[density.a]\ntitle="t"\nsummary="s."\nconcern="none"\nnext_steps=[]\nquestions=[]\n'
        )
    )
    assert book.entry("density", "a").title == "t"
    with pytest.raises(ContentError, match=r"no \[density.b\]"):
        book.entry("density", "b")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('[density.z]\ntitle="t"\n', "not a value of Density"),
        (
            '[density.a]\ntitle="t"\nsummary="s"\nconcern="scary"\nnext_steps=[]\nquestions=[]\n',
            "concern",
        ),
        (
            '[density.a]\ntitle=""\nsummary="s"\nconcern="none"\nnext_steps=[]\nquestions=[]\n',
            "title",
        ),
        (
            '[density.a]\ntitle="t"\nsummary="s"\nconcern="none"\nnext_steps="x"\nquestions=[]\n',
            "next_steps",
        ),
        (
            '[morphology.rim]\ntitle="t"\nsummary="s"\nconcern="none"\nnext_steps=[]\nquestions=[]\n',
            "phrase",
        ),
        ("[density.a\n", "not valid TOML"),
    ],
)
def test_a_malformed_file_is_refused_with_the_reason(extra: str, message: str) -> None:
    with pytest.raises(ContentError, match=message):
        load_book(_minimal(extra))


def test_a_work_up_step_naming_an_unknown_procedure_is_refused() -> None:
    text = _minimal().replace(
        "[[work_up.mass]]\ndone_by = []", '[[work_up.mass]]\ndone_by = ["x-ray"]'
    )
    with pytest.raises(ContentError, match="work_up.mass"):
        load_book(text)
    with pytest.raises(ContentError, match="must list the steps"):
        load_book(_minimal().split("[[work_up.calcification]]")[0])
