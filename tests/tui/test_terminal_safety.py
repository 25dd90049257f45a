"""Text from discs, reports and file names is shown as text in the app: escape sequences
(clear screen, window title, clipboard) appear as visible escapes, and markup is not read."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select
from textual.widgets import DataTable, OptionList, Select, Static

from mammolog.catalog.db import write_session
from mammolog.catalog.models import PatientIdentity, Person, Study
from mammolog.services.attachments import attach_file
from mammolog.services.proposals import extract_proposals
from mammolog.tui.screens.persons import PersonsScreen, SplitIdentityScreen
from mammolog.tui.screens.study import StudyScreen
from tests.tui.conftest import Library, app_for, make_library, settle

CLEAR = "\x1b[2J"
TITLE = "\x1b]0;owned\x07"
CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"
MARKUP = "[bold red]"
PERSON = f"{MARKUP}Nowak{CLEAR}, Anna"
PATIENT = f"NOWAK^ANNA{TITLE}"
CENTRE = f"City {CLIPBOARD}Hospital"
DESCRIPTION = f"{MARKUP}Screening[/bold red] \u202eevil"
WIDE = (160, 48)
LATEST = "1.2.826.0.1.3680043.99.3"


@pytest.fixture
def hostile(tmp_path: Path) -> Library:
    library = make_library(tmp_path / "home")
    with write_session(library.engine) as session:
        person = session.get(Person, library.person_ids[0])
        assert person is not None
        person.display_name = PERSON
        session.add(person)
        for identity in session.exec(select(PatientIdentity)).all():
            identity.patient_name = PATIENT
            session.add(identity)
        for study in session.exec(select(Study)).all():
            study.institution = CENTRE
            study.description = DESCRIPTION
            session.add(study)
    report = tmp_path / f"report{MARKUP}.txt"
    report.write_text(
        f"Impression: {MARKUP}Right breast BI-RADS 2.{CLEAR} Left breast BI-RADS 1.\n",
        encoding="utf-8",
    )
    attach_file(library.engine, library.paths, LATEST, report)
    extract_proposals(library.engine, library.paths, LATEST)
    return library


def assert_visible(text: str) -> None:
    """No control character is left, and what was hostile shows as escapes or as text."""
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\\x1b" in text or MARKUP in text or "\\u202e" in text, text


async def test_library_study_and_persons_show_hostile_text_as_text(hostile: Library) -> None:
    app = app_for(hostile.paths, hostile.engine)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#studies", DataTable)
        centre, description = str(table.get_row_at(0)[5]), str(table.get_row_at(0)[6])
        assert centre == "City \\x1b]52;c;ZXZpbA==\\x07Hospital"
        assert description.startswith("[bold red]Screening[/bold red] \\u202e")
        person = app.screen.query_one("#person", Select).query_one("#label", Static)
        assert_visible(str(person.render()))
        assert MARKUP in str(person.render())
        assert_visible(str(app.screen.query_one("#library-status", Static).render()))
        assert_visible(str(app.screen.query_one("#library-detail", Static).render()))

        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, StudyScreen)
        head = str(app.screen.query_one("#study-head", Static).render())
        assert "City \\x1b]52;c;ZXZpbA==\\x07Hospital" in head and MARKUP in head
        documents = app.screen.query_one("#study-documents", DataTable)
        assert str(documents.get_row_at(0)[0]) == f"report{MARKUP}.txt"
        report = str(app.screen.query_one("#study-text", Static).render())
        assert f"{MARKUP}Right breast BI-RADS 2.\\x1b[2J" in report
        proposals = app.screen.query_one("#study-proposals", DataTable)
        assert proposals.row_count >= 1
        assert "\x1b" not in " ".join(str(cell) for cell in proposals.get_row_at(0))
        proposals.focus()
        await pilot.press("down")
        await pilot.pause()
        context = str(app.screen.query_one("#study-text", Static).render())
        assert f"report{MARKUP}.txt" in context and "\\x1b[2J" in context
        assert "\x1b" not in context

        await pilot.press("escape", "m")
        await settle(app, pilot)
        assert isinstance(app.screen, PersonsScreen)
        persons = app.screen.query_one("#persons-table", DataTable)
        cells = [str(cell) for cell in persons.get_row_at(0)]
        assert cells[1] == "1: [bold red]Nowak\\x1b[2J, Anna"
        assert cells[3].startswith("Anna Nowak\\x1b]0;Owned\\x07") or "\\x1b]0;" in cells[3]
        assert_visible(cells[3])


async def test_the_split_dialog_shows_names_as_text(hostile: Library) -> None:
    app = app_for(hostile.paths, hostile.engine)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        await pilot.press("space", "down", "m")  # merge: the kept person has two identities
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        assert isinstance(app.screen, SplitIdentityScreen)
        options = app.screen.query_one("#split-identities", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(prompts) == 2
        for prompt in prompts:
            assert_visible(prompt)
        assert any(prompt.endswith("1 study") for prompt in prompts), prompts
