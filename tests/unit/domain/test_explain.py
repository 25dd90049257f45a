"""Her results explained: categories, findings, work-up already done, changes, terms, due words."""

from __future__ import annotations

import datetime as dt

import pytest

from mammolog.domain.due import DueKind, NextDue, next_due
from mammolog.domain.errors import DomainValidationError
from mammolog.domain.explain import explain_exam, explain_term, term_slugs
from mammolog.domain.explain_content import About, Concern, Explanation, explanation_book
from mammolog.domain.explain_words import clock_place, date_words, due_action, explanation_lines
from mammolog.domain.lexicon import Side
from mammolog.domain.records import Assessment, Exam, Finding, Pathology, Procedure
from mammolog.domain.timeline import TimelineEntry, build_timeline

DAY = dt.date(2024, 3, 1)
CALCS = Finding.from_input(
    type="calcification", side="L", morphology="fine-pleomorphic", distribution="grouped",
    quadrant="UOQ", clock="2", depth="middle",
)  # fmt: skip


def _exam(right: str | None, left: str | None, *findings: Finding, **kw: object) -> Exam:
    density = kw.pop("density", None)
    assessment = Assessment.from_input(right=right, left=left, density=density)  # type: ignore[arg-type]
    return Exam(kw.pop("day", DAY), kw.pop("uid", "1.2"), assessment, findings)  # type: ignore[arg-type]


def _one(items: tuple[Explanation, ...], about: About, side: Side | None = None) -> Explanation:
    found = [i for i in items if i.about is about and (side is None or i.side is side)]
    assert len(found) == 1, found
    return found[0]


def test_4b_grouped_fine_pleomorphic_calcifications_before_any_work_up() -> None:
    explained = explain_exam(_exam("2", "4B", CALCS))
    left = _one(explained.explanations, About.CATEGORY, Side.LEFT)
    assert left.term == "4B" and left.concern is Concern.MODERATE
    assert left.title == "Left breast: BI-RADS 4B, moderate suspicion"
    steps = [step.lower() for step in left.next_steps]
    assert "magnification views" in steps[0]
    assert "stereotactic core needle biopsy" in steps[1]
    assert "ultrasound-guided" in steps[2] and "shows on ultrasound" in steps[2]
    assert "tomosynthesis" in steps[3] and "mri" in steps[3]
    assert "excisional" in steps[4] and "wire" in steps[4] and "seed" in steps[4]
    assert "least invasive" in steps[5]
    right = _one(explained.explanations, About.CATEGORY, Side.RIGHT)
    assert right.concern is Concern.NONE and "routine screening" in right.next_steps[0]
    finding = _one(explained.explanations, About.FINDING)
    assert finding.side is Side.LEFT and finding.term == "calcification"
    assert finding.title == "Left breast: grouped fine pleomorphic calcifications"
    assert (
        "Grouped: a small cluster, which needs a closer look; fine pleomorphic: varied shapes,"
        " which is suspicious." in finding.summary
    )
    assert "upper outer quadrant, towards the armpit, at 2 o'clock, in the middle third" in (
        finding.summary
    )
    assert finding.concern is Concern.MODERATE
    assert "Which biopsy method do you suggest, and why?" in explained.questions


def test_4b_after_magnification_views_and_a_benign_stereotactic_biopsy() -> None:
    exam = _exam("2", "4B", CALCS)
    procedures = (
        Procedure(DAY + dt.timedelta(days=10), "magnification-views", "L"),
        Procedure(DAY + dt.timedelta(days=24), "stereotactic-biopsy", "L"),
        Procedure(DAY - dt.timedelta(days=400), "ultrasound", "L"),  # before: not this work-up
    )
    pathology = (Pathology(DAY + dt.timedelta(days=29), "benign", "L"),)
    later = _exam("2", "2", uid="1.3", day=DAY + dt.timedelta(days=200))
    explained = explain_exam(
        exam, history=(exam, later), procedures=procedures, pathology=pathology
    )
    left = _one(explained.explanations, About.CATEGORY, Side.LEFT)
    assert left.next_steps == (
        "Done: Magnification views on 2024-03-11.",
        "Done: Stereotactic core needle biopsy on 2024-03-25.",
        "Result: Benign biopsy result on 2024-03-30 (explained below).",
    )
    benign = _one(explained.explanations, About.PATHOLOGY)
    assert benign.concern is Concern.NONE and benign.term == "benign"
    assert "radiology-pathology" in benign.next_steps[0]
    assert "your doctor decides" in benign.next_steps[1]
    done = [i.term for i in explained.explanations if i.about is About.PROCEDURE]
    assert done == ["magnification-views", "stereotactic-biopsy"]
    assert "How soon should the biopsy be done?" not in explained.questions
    assert "Does the biopsy result match what you saw on the images?" in explained.questions


def test_a_biopsy_waiting_for_its_result_and_a_work_up_after_the_next_exam() -> None:
    exam = _exam(None, "4A", Finding.from_input(type="mass", side="L", shape="irregular"))
    biopsy = Procedure(DAY + dt.timedelta(days=5), "ultrasound-biopsy", "L")
    after_next = Procedure(DAY + dt.timedelta(days=90), "surgical-excision", "L")
    later = _exam(None, "2", uid="1.3", day=DAY + dt.timedelta(days=60))
    explained = explain_exam(exam, history=(exam, later), procedures=(biopsy, after_next))
    left = _one(explained.explanations, About.CATEGORY, Side.LEFT)
    assert "diagnostic mammogram and a breast ultrasound" in left.next_steps[0]
    assert left.next_steps[1] == "Done: Ultrasound-guided core biopsy on 2024-03-06."
    assert "pathology result" in left.next_steps[2]
    assert len(left.next_steps) == 3  # no alternatives once a biopsy is done
    finding = _one(explained.explanations, About.FINDING)
    assert finding.concern is Concern.HIGH  # an irregular shape is the worst part


def test_category_3_is_low_concern_with_a_six_month_follow_up() -> None:
    asymmetry = Finding.from_input(type="asymmetry", side="R", asymmetry="focal", quadrant="UIQ")
    explained = explain_exam(_exam("3", "1", asymmetry))
    right = _one(explained.explanations, About.CATEGORY, Side.RIGHT)
    assert right.concern is Concern.LOW and "6 months" in right.next_steps[0]
    assert "12 and 24 months" in right.next_steps[1]
    finding = _one(explained.explanations, About.FINDING)
    assert finding.title == "Right breast: focal asymmetry"
    assert "Focal asymmetry: a small denser area on two views" in finding.summary


def test_category_0_asks_for_more_imaging_or_the_previous_mammograms() -> None:
    explained = explain_exam(_exam("0", "0"))
    both = _one(explained.explanations, About.CATEGORY)
    assert both.side is Side.BOTH and both.concern is Concern.LOW
    assert "more imaging" in both.next_steps[0] and "previous mammograms" in both.next_steps[1]


def test_category_6_is_a_known_cancer_needing_treatment() -> None:
    explained = explain_exam(_exam("2", "6"))
    left = _one(explained.explanations, About.CATEGORY, Side.LEFT)
    assert left.concern is Concern.KNOWN_CANCER
    assert "Treatment" in left.next_steps[0] and "breast care team" in left.next_steps[0]


def test_density_d_lowers_sensitivity_and_suggests_asking_about_extra_screening() -> None:
    explained = explain_exam(_exam("1", "1", density="d"))
    density = _one(explained.explanations, About.DENSITY)
    assert density.term == "d" and density.side is None and density.concern is Concern.LOW
    assert "less able to find small cancers" in density.summary
    assert "ultrasound or MRI" in density.next_steps[0]


def test_an_overall_only_result_counts_for_both_breasts_and_no_result_explains_nothing() -> None:
    overall_only = Exam(DAY, "1.9", Assessment(overall="2"))
    assert _one(explain_exam(overall_only).explanations, About.CATEGORY).side is Side.BOTH
    assert explain_exam(Exam(DAY, "1.8")).explanations == ()


def test_changes_come_from_the_timeline() -> None:
    before = _exam("2", "2", uid="1.1", day=DAY - dt.timedelta(days=365), density="b")
    coarse = Finding.from_input(type="calcification", side="R", morphology="coarse")
    grown = Finding.from_input(
        type="calcification", side="R", morphology="coarse", change="increased-number"
    )
    middle = _exam("2", "2", coarse, uid="1.15", day=DAY - dt.timedelta(days=180), density="b")
    exam = _exam("2", "4B", grown, CALCS, density="c")
    entries = {e.study_uid: e for e in build_timeline([before, middle, exam])}
    explained = explain_exam(exam, history=(before, middle, exam), timeline_entry=entries["1.2"])
    changes = [i for i in explained.explanations if i.about is About.CHANGE]
    up = next(c for c in changes if c.term == "category_up")
    assert up.side is Side.LEFT and up.concern is Concern.MODERATE and "2 → 4B" in up.title
    assert any(c.term == "increased-number" and c.concern is Concern.MODERATE for c in changes)
    new = next(c for c in changes if c.term == "new_finding")
    assert new.title == (
        "Left breast: new grouped fine pleomorphic calcifications, upper outer quadrant,"
        " towards the armpit, at 2 o'clock, in the middle third"
    )
    assert any(c.term == "density_change" and c.side is None for c in changes)
    quiet = explain_exam(middle, timeline_entry=_entry_without_changes(middle))
    stable = _one(quiet.explanations, About.CHANGE)
    assert stable.term == "stable" and stable.concern is Concern.NONE


def _entry_without_changes(exam: Exam) -> TimelineEntry:
    first = Exam(exam.study_date - dt.timedelta(days=300), "1.0", exam.assessment, exam.findings)
    return build_timeline([first, exam])[-1]


def test_what_is_due_is_explained_with_an_instruction() -> None:
    exam = _exam("2", "2")
    due = next_due([exam], today=dt.date(2025, 5, 1))
    explained = explain_exam(exam, next_due=due, today=dt.date(2025, 5, 1))
    item = _one(explained.explanations, About.DUE)
    assert item.title == "Book your routine screening mammogram; it was due on 1 March."
    assert item.term == "screening" and "Bring your previous discs" in item.next_steps[1]


@pytest.mark.parametrize(
    ("due", "today", "words"),
    [
        (NextDue(dt.date(2026, 10, 31), "r", True, DueKind.SCREENING), dt.date(2026, 12, 1),
         "Book your routine screening mammogram; it was due on 31 October."),
        (NextDue(dt.date(2027, 6, 2), "r", False, DueKind.FOLLOW_UP), dt.date(2026, 12, 1),
         "Book your follow-up mammogram; it is due on 2 June 2027."),
        (NextDue(dt.date(2026, 12, 1), "r", False, DueKind.BIOPSY), dt.date(2026, 12, 1),
         "Arrange the biopsy your doctor advised; it is due today."),
        (NextDue(None, "r", False, DueKind.DOCTOR_DECIDES), dt.date(2026, 12, 1),
         "Ask your doctor when your next mammogram should be."),
    ],
)  # fmt: skip
def test_due_action_says_what_to_do(due: NextDue, today: dt.date, words: str) -> None:
    assert due_action(due, today=today) == words


def test_date_words_and_clock_places() -> None:
    assert date_words(dt.date(2025, 10, 31), today=dt.date(2026, 1, 2)) == "31 October 2025"
    assert clock_place(10, Side.RIGHT) == "upper-outer"
    assert clock_place(2, Side.LEFT) == "upper-outer"
    assert clock_place(9, Side.RIGHT) == "outer" and clock_place(9, Side.LEFT) == "inner"
    assert clock_place(12, Side.LEFT) == "top" and clock_place(6, Side.RIGHT) == "bottom"
    assert clock_place(3, Side.BOTH) is None
    hour_only = Finding.from_input(type="mass", side="R", clock="10")
    explained = explain_exam(_exam("2", "1", hour_only))
    assert "in the upper outer part, towards the armpit (10 o'clock)" in (
        _one(explained.explanations, About.FINDING).summary
    )


@pytest.mark.parametrize("slug", term_slugs())
def test_explain_term_knows_every_lexicon_slug(slug: str) -> None:
    explained = explain_term(slug)
    assert explained.explanations and all(e.term == slug for e in explained.explanations)
    assert explained.study_uid is None and explained.sources
    assert all(e.side is None and e.summary for e in explained.explanations)


def test_explain_term_ignores_case_and_separators_and_refuses_unknown_words() -> None:
    assert explain_term("4b").explanations[0].title == "BI-RADS 4B, moderate suspicion"
    assert explain_term("Fine_Pleomorphic").explanations[0].term == "fine-pleomorphic"
    assert {e.title for e in explain_term("round").explanations} == {
        "Round calcifications", "Round mass",
    }  # fmt: skip
    assert [e.term for e in explain_term("clustered").explanations] == ["grouped"]
    assert [e.term for e in explain_term("eggshell").explanations] == ["rim"]
    assert [e.term for e in explain_term("Moderate suspicion").explanations] == ["4B"]
    with pytest.raises(DomainValidationError, match="not a term mammolog explains"):
        explain_term("popcorn-ish")
    with pytest.raises(DomainValidationError):
        explain_term("  ")


def test_text_lines_and_json_carry_the_disclaimer_and_sources() -> None:
    explained = explain_exam(_exam("2", "4B", CALCS))
    lines = explanation_lines(explained, width=70)
    assert lines[0] == "Right breast: BI-RADS 2, benign  [no concern]"
    assert all(len(line) <= 70 for line in lines)
    assert "Questions to ask your doctor:" in lines and "Sources:" in lines
    data = explained.to_dict()
    assert set(data) >= {"study_uid", "date", "explanations", "questions", "sources"}
    assert data["date"] == "2024-03-01"
    first = data["explanations"][0]  # type: ignore[index]
    assert set(first) == {"about", "side", "term", "title", "summary", "concern", "next_steps"}
    assert explanation_book().disclaimer == data["disclaimer"]


def test_a_finding_is_as_worrying_as_its_descriptors_say() -> None:
    coarse = Finding.from_input(type="calcification", side="R", morphology="coarse")
    bare = Finding.from_input(type="architectural-distortion", side="R")
    explained = explain_exam(_exam("2", "1", coarse, bare))
    concern = {e.term: e.concern for e in explained.explanations if e.about is About.FINDING}
    assert concern == {"calcification": Concern.NONE, "architectural-distortion": Concern.MODERATE}
