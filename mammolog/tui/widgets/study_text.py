"""The study screen's words: view labels, encodings, the recorded result, proposals."""

from __future__ import annotations

from rich.text import Text
from textual.app import App

from mammolog.catalog.queries import InstanceRecord
from mammolog.domain.birads import DENSITY_WORDING
from mammolog.domain.findings import describe_finding
from mammolog.domain.plain_words import (
    plural,
    proposal_field_words,
    proposal_value_words,
    recommendation_words,
    sentence,
    side_words,
)
from mammolog.tui.data import StudyView
from mammolog.tui.safe import plain, plain_lines
from mammolog.tui.widgets.concern import category_name, concern_text
from mammolog.untrusted import for_terminal

NO_RESULT = (
    "No result recorded for this study yet.\n"
    "Press [b]e[/b] to enter the BI-RADS category of each breast, the density and the findings."
)
NO_REPORT_READ = "No proposals: no report of this study could be read for results."
NOTHING_PROPOSED = "No proposals: nothing in this study's reports could be read as a result."

SYNTAX_NAMES = {
    "1.2.840.10008.1.2": "Implicit little endian",
    "1.2.840.10008.1.2.1": "Explicit little endian",
    "1.2.840.10008.1.2.2": "Explicit big endian",
    "1.2.840.10008.1.2.4.50": "JPEG baseline",
    "1.2.840.10008.1.2.4.51": "JPEG extended",
    "1.2.840.10008.1.2.4.57": "JPEG lossless",
    "1.2.840.10008.1.2.4.70": "JPEG lossless SV1",
    "1.2.840.10008.1.2.4.80": "JPEG-LS lossless",
    "1.2.840.10008.1.2.4.81": "JPEG-LS near-lossless",
    "1.2.840.10008.1.2.4.90": "JPEG 2000 lossless",
    "1.2.840.10008.1.2.4.91": "JPEG 2000",
    "1.2.840.10008.1.2.5": "RLE lossless",
}


def view_text(instance: InstanceRecord) -> str:
    """ "R CC", "L CC (magnification)"... from what the catalog recorded.

    The recorded label already names the view modifiers; they are added only to a label
    built here from laterality and view.
    """
    if instance.view_label:
        return for_terminal(instance.view_label)
    label = " ".join(p for p in (instance.laterality, instance.view) if p)
    modifiers = instance.view_modifiers.replace("\\", ", ").lower()
    if label and modifiers:
        label = f"{label} ({modifiers})"
    return for_terminal(label or modifiers) or "view not recorded"


def encoding_text(instance: InstanceRecord) -> str:
    """The transfer syntax in words ("JPEG 2000 lossless"), or its UID when unknown."""
    return SYNTAX_NAMES.get(instance.transfer_syntax, for_terminal(instance.transfer_syntax) or "–")


def head_text(view: StudyView) -> Text:
    """ "2025-10-02 · City Hospital · Screening mammography · MG, SR   4 images, 1 document"."""
    study = view.study
    day = study.study_date.isoformat() if study.study_date else "undated"
    parts = [day, *(for_terminal(p) for p in (study.institution, study.description) if p)]
    if study.modalities:
        parts.append(for_terminal(study.modalities))
    counts = f"   {plural(len(view.images), 'image')}, {plural(len(view.documents), 'document')}"
    return Text.assemble((" · ".join(parts), "bold"), counts)


def result_text(app: App[object], view: StudyView) -> Text:
    """The recorded result and findings in words."""
    assessment = view.assessment
    if assessment is None and not view.findings:
        return Text.from_markup(NO_RESULT)
    text = Text()
    if assessment is not None:
        for label, category in (("Right", assessment.right), ("Left", assessment.left)):
            text.append(f"{label:<7}")
            text.append_text(concern_text(app, category.value if category else None))
            if category:
                text.append(f"  {category_name(category.value)}")
            text.append("\n")
        if assessment.density:
            text.append(
                f"Density {assessment.density.value}: {DENSITY_WORDING[assessment.density]}\n"
            )
        if assessment.recommendation:
            text.append(f"Recommended: {recommendation_words(assessment.recommendation)}\n")
        if assessment.note:
            text.append_text(plain_lines(f"Note: {assessment.note}\n", style="italic"))
            text.append("\n")
    for stored in view.findings:
        text.append_text(plain(f"• {describe_finding(stored.finding)}"))
        text.append("\n")
    return text


def no_proposals_text(view: StudyView) -> str:
    """Why the proposals table is empty, in the case this study is in."""
    if view.proposals_decided:
        count = plural(view.proposals_decided, "proposal")
        return f"All {count} read from this study's reports were reviewed."
    if not view.documents:
        return "No proposals: no report came with this study."
    return NOTHING_PROPOSED


SHORT_SIDES = {"R": "right", "L": "left", "B": "both", None: "overall"}


def proposal_cells(field: str, side: str | None, value: str, conflict: bool) -> tuple[Text, Text]:
    """The "What" and "Proposed" cells of a proposal row, in words, kept short for a table:
    "BI-RADS category, right" and "2 (Benign)"; "Breast density" and "c (heterogeneously
    dense)"; a density read for one breast names it ("Breast density, left")."""
    what = proposal_field_words(field)
    if field == "category" or side in ("R", "L") or (side is not None and field != "density"):
        what = f"{what}, {SHORT_SIDES.get(side, side_words(side))}"
    proposed = proposal_value_words(field, for_terminal(value))
    if field == "density":
        proposed = proposed.split(",", 1)[0] + (")" if "," in proposed else "")
    if conflict:
        return Text(sentence(what)), Text.assemble(proposed, ("  (reports disagree)", "bold"))
    return Text(sentence(what)), Text(proposed)
