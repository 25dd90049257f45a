"""Image kinds: every object is classified once from its header facts."""

from __future__ import annotations

import pytest

from mammolog.domain.image_kinds import (
    Classification,
    ImageFacts,
    ImageKind,
    classify,
    hanging_rank,
    is_image,
    may_hang,
    not_shown_reason,
    parse_kind,
    vendor_needs,
)

S = "1.2.840.10008.5.1.4.1.1."


@pytest.mark.parametrize(
    ("facts", "kind"),
    [
        (ImageFacts(S + "1.2", "MG", ("ORIGINAL", "PRIMARY")), ImageKind.MAMMOGRAM),
        (ImageFacts(S + "1.2", "MG", ("DERIVED", "PRIMARY", "", "GENERATED_2D")), ImageKind.SYNTHESIZED_2D),
        (ImageFacts(S + "13.1.3", "MG"), ImageKind.TOMOSYNTHESIS),
        (ImageFacts(S + "13.1.4", "MG"), ImageKind.TOMOSYNTHESIS_PROJECTION),
        (ImageFacts(S + "13.1.5", "MG"), ImageKind.FOR_PROCESSING),
        (ImageFacts(S + "1.2.1", "MG"), ImageKind.FOR_PROCESSING),
        (ImageFacts(S + "1.2", "MG", presentation_intent="FOR PROCESSING"), ImageKind.FOR_PROCESSING),
        (ImageFacts(S + "2", "CT", ("DERIVED", "PRIMARY", "TOMO"), body_part="BREAST"), ImageKind.TOMOSYNTHESIS),
        (ImageFacts(S + "2", "CT", ("DERIVED", "PRIMARY", "TOMO")), ImageKind.OTHER_IMAGE),
        (ImageFacts(S + "7", "MG", view_position="FLATFIELD"), ImageKind.QUALITY_CONTROL),
        (ImageFacts(S + "1.2", "MG", series_description="ACR Phantom"), ImageKind.QUALITY_CONTROL),
        (ImageFacts(S + "1.2", "MG", series_description="QC daily"), ImageKind.QUALITY_CONTROL),
        (ImageFacts(S + "1.2", "MG", view="SPECIMEN"), ImageKind.SPECIMEN),
        (ImageFacts(S + "1.2", "MG", series_description="Specimen radiograph"), ImageKind.SPECIMEN),
        (ImageFacts(S + "7", "RG", body_part="BREAST"), ImageKind.MAMMOGRAM),
        (ImageFacts(S + "7", "OT"), ImageKind.OTHER_IMAGE),
        (ImageFacts(S + "6.1", "US"), ImageKind.ULTRASOUND),
        (ImageFacts(S + "3.1", "US"), ImageKind.ULTRASOUND),
        (ImageFacts(S + "4", "MR"), ImageKind.MRI),
        (ImageFacts(S + "4.1", "MR"), ImageKind.MRI),
        (ImageFacts(S + "4.2", "MR"), ImageKind.OTHER_IMAGE),
        (ImageFacts(S + "66.4", "SEG", body_part="BREAST"), ImageKind.OTHER_IMAGE),
        (ImageFacts(S + "88.67", "SR"), ImageKind.DOSE_REPORT),
        (ImageFacts(S + "88.50", "SR"), ImageKind.CAD),
        (ImageFacts(S + "88.22", "SR"), ImageKind.REPORT),
        (ImageFacts(S + "88.59", "KO"), ImageKind.DOCUMENT),
        (ImageFacts(S + "104.1", "DOC"), ImageKind.DOCUMENT),
        (ImageFacts(S + "88.99", "SR"), ImageKind.REPORT),
    ],
)  # fmt: skip
def test_kind_of_each_object(facts: ImageFacts, kind: ImageKind) -> None:
    assert classify(facts).kind is kind


def test_hologic_secondary_capture_with_its_private_slices_is_vendor_locked() -> None:
    facts = ImageFacts(
        S + "7", "MG", ("DERIVED", "PRIMARY"), manufacturer="HOLOGIC, Inc.",
        private_groups=frozenset({0x7E01}), view="CC",
    )  # fmt: skip
    found = classify(facts)
    assert found == Classification(ImageKind.VENDOR_PROPRIETARY, "Hologic", "a Hologic workstation")
    assert not_shown_reason(found) == (
        "Hologic 3D data: only a Hologic workstation can display it; "
        "it is kept and exported unchanged"
    )
    # The same group from another maker, or outside a Secondary Capture, locks nothing.
    assert classify(facts.__class__(**{**facts.__dict__, "manufacturer": "GE"})).kind is (
        ImageKind.MAMMOGRAM
    )
    assert classify(facts.__class__(**{**facts.__dict__, "sop_class_uid": S + "1.2"})).kind is (
        ImageKind.MAMMOGRAM
    )


def test_qc_wins_over_vendor_lock() -> None:
    facts = ImageFacts(
        S + "7", "MG", view_position="FLATFIELD", manufacturer="HOLOGIC, Inc.",
        private_groups=frozenset({0x7E01}), series_description="Flat Field Tomo",
    )  # fmt: skip
    assert classify(facts).kind is ImageKind.QUALITY_CONTROL


def test_hanging_preference_and_extra_views() -> None:
    assert [hanging_rank(k) for k in ImageKind][:3] == [0, 1, 2]
    assert hanging_rank(ImageKind.ULTRASOUND) == 3
    assert may_hang(ImageKind.MAMMOGRAM)
    assert not may_hang(ImageKind.MAMMOGRAM, ("magnification",))
    assert not may_hang(ImageKind.QUALITY_CONTROL)
    assert not may_hang(ImageKind.VENDOR_PROPRIETARY)
    assert may_hang(ImageKind.TOMOSYNTHESIS, ("",))


def test_words_reasons_and_parsing() -> None:
    assert is_image(ImageKind.MRI) and not is_image(ImageKind.DOSE_REPORT)
    assert not_shown_reason(Classification(ImageKind.MAMMOGRAM)) is None
    assert not_shown_reason(Classification(ImageKind.CAD)) == "a CAD result, not an image"
    assert "Vendor 3D data" in (
        not_shown_reason(Classification(ImageKind.VENDOR_PROPRIETARY)) or ""
    )
    assert parse_kind(" Tomosynthesis ") is ImageKind.TOMOSYNTHESIS
    assert parse_kind("nonsense") is None
    assert vendor_needs("Hologic") == "a Hologic workstation"
    assert vendor_needs("Acme") == "a Acme workstation"
    assert vendor_needs("") == ""
