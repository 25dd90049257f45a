"""The app's vocabulary in a patient's words."""

from __future__ import annotations

from mammolog.domain.errors import DomainValidationError
from mammolog.domain.lexicon import Quadrant, Recommendation
from mammolog.domain.plain_words import (
    plural,
    proposal_accepted_words,
    proposal_field_words,
    proposal_value_words,
    quadrant_words,
    recommendation_words,
    refusal_words,
    side_words,
    words,
)


def test_plurals() -> None:
    assert plural(1, "study", "studies") == "1 study"
    assert plural(2, "study") == "2 studies"
    assert plural(0, "image") == "0 images"
    assert plural(3, "box") == "3 boxes"
    assert plural(2, "day") == "2 days"
    assert plural(1, "person") == "1 person"


def test_no_internal_names() -> None:
    assert proposal_field_words("calcification_morphology") == "Calcification shape"
    assert proposal_field_words("some_new_field") == "Some new field"
    assert recommendation_words(Recommendation.ROUTINE_SCREENING) == "Routine screening"
    assert recommendation_words("6-month-follow-up") == "Follow-up in 6 months"
    assert recommendation_words("watch-and-wait") == "Watch and wait"
    assert quadrant_words(Quadrant.UOQ) == "Upper outer quadrant (UOQ)"
    assert words("fine-pleomorphic") == "fine pleomorphic"
    assert side_words("R") == "right breast" and side_words(None) == "overall"


def test_proposed_values_and_what_accepting_recorded() -> None:
    assert proposal_value_words("category", "2") == "2 (Benign)"
    assert proposal_value_words("category", "9") == "9"
    assert proposal_value_words("density", "c").startswith("c (heterogeneously dense")
    assert proposal_value_words("density", "x") == "x"
    assert proposal_value_words("recommendation", "biopsy") == "Biopsy"
    assert proposal_value_words("calcification_morphology", "fine-linear") == "fine linear"
    assert proposal_accepted_words("category", None, "2") == "Recorded BI-RADS 2 (Benign) overall."
    assert proposal_accepted_words("category", "L", "4B") == (
        "Recorded BI-RADS 4B (Moderate suspicion) for the left breast."
    )
    assert proposal_accepted_words("density", None, "b").startswith(
        "Recorded the breast density: b"
    )
    assert proposal_accepted_words("calcification_morphology", "R", "coarse") == (
        "Recorded a finding in the right breast: calcification shape coarse."
    )


def test_a_refusal_is_one_sentence_without_the_field_name() -> None:
    error = DomainValidationError("date", "2030-01-01 is in the future")
    assert refusal_words(error) == "2030-01-01 is in the future."
    assert refusal_words(DomainValidationError("x", "choose one.")) == "Choose one."
