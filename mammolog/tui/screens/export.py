"""Export: a summary for the next appointment and the images as a standard DICOM disc."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Static,
)

from mammolog.domain.plain_words import plural
from mammolog.tui.commands import EXPORT, bindings_for
from mammolog.tui.safe import plain, plain_lines
from mammolog.tui.screens.base import MammologScreen
from mammolog.untrusted import for_terminal, for_terminal_lines

KINDS = (
    ("summary", "Summary only (PDF): results, changes and what is due"),
    ("folder", "Disc folder: DICOM images with DICOMDIR and the summary (copy to USB or burn)"),
    ("zip", "ZIP file of that disc folder"),
    ("iso", "ISO image of that disc folder (to burn a CD or DVD)"),
    ("calendar", "Calendar file (.ics): your next due exam, with a reminder 14 days before"),
)
INTRO = (
    "Take your history to the next appointment: the summary lists every exam with its "
    "BI-RADS result, what changed and what is due; the disc holds the images in the standard "
    "DICOM format any clinic can read. De-identified copies leave out names and IDs."
)


@dataclass(frozen=True)
class DeidChoices:
    """What a de-identified export keeps (nothing applies without ``anonymize``)."""

    anonymize: bool = False
    retain_dates: bool = False
    keep_private: bool = False


@dataclass
class ExportDone(Message):
    """The export finished; ``text`` says what was written, ``failed`` if it could not be."""

    text: str
    failed: bool = False


def default_target(base: Path, kind: str, day: str) -> Path:
    """A new name under ``base`` for this kind of export."""
    suffix = {"summary": ".pdf", "zip": ".zip", "iso": ".iso", "calendar": ".ics"}.get(kind, "")
    return base / f"mammolog-export-{day}{suffix}"


class ExportScreen(MammologScreen):
    """Choose what to export and where."""

    COMMAND_GROUP = EXPORT
    BINDINGS = bindings_for(EXPORT)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="export-body"):
            yield Static(INTRO)
            yield Static("What", classes="section-title")
            with RadioSet(id="export-kind"):
                for index, (_kind, label) in enumerate(KINDS):
                    yield RadioButton(label, value=index == 0)
            yield Static("Where", classes="section-title")
            with Horizontal(classes="form-row"):
                yield Label("Write to")
                yield self.text_input(id="export-path")
            yield Checkbox(
                "De-identify: no names, IDs, birth date, centres or notes", id="export-anonymize"
            )
            yield Checkbox(
                "Keep the exam dates (else: months since the first exam)",
                id="export-retain-dates",
                disabled=True,
            )
            yield Checkbox(
                "Keep Hologic 3D tomosynthesis data (else those images are left out)",
                id="export-keep-private",
                disabled=True,
            )
            with Horizontal(id="export-actions"):
                yield Button("Export", id="export-start", variant="primary")
            yield Static("", id="export-result")
        yield Footer()

    def __init__(self) -> None:
        super().__init__()
        self._suggested = ""

    def on_mount(self) -> None:
        """Suggest a new file or folder in the home folder."""
        self._suggest()
        self._options_apply()

    def _kind(self) -> str:
        index = self.query_one("#export-kind", RadioSet).pressed_index
        return KINDS[max(index, 0)][0]

    def _suggest(self) -> None:
        """Suggest a name for the chosen kind, unless a path was typed (it is kept)."""
        app = self.mammolog
        target = str(default_target(app.browse_root, self._kind(), app.today.isoformat()))
        path = self.query_one("#export-path", Input)
        if path.value.strip() in ("", self._suggested):
            path.value = target
        self._suggested = target

    @on(RadioSet.Changed, "#export-kind")
    def _kind_changed(self) -> None:
        self._suggest()
        self._options_apply()

    @on(Checkbox.Changed, "#export-anonymize")
    def _anonymize_changed(self) -> None:
        self._options_apply()

    def _options_apply(self) -> None:
        """The de-identification choices apply only when de-identifying (the 3D one to discs)."""
        kind = self._kind()
        anonymize = self.query_one("#export-anonymize", Checkbox)
        anonymize.disabled = kind == "calendar"
        on = anonymize.value and not anonymize.disabled
        self.query_one("#export-retain-dates", Checkbox).disabled = not on
        self.query_one("#export-keep-private", Checkbox).disabled = not on or kind == "summary"

    def _option(self, selector: str) -> bool:
        box = self.query_one(selector, Checkbox)
        return box.value and not box.disabled

    @on(Button.Pressed, "#export-start")
    def _start_pressed(self) -> None:
        self.action_start_export()

    def action_start_export(self) -> None:
        """Write the chosen export."""
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self.notify("Give a file or folder to write to.", severity="warning")
            return
        target = Path(text).expanduser()
        if target.exists():
            self.notify(
                for_terminal(f"{target} already exists; choose a new name."),
                severity="warning",
                markup=False,
            )
            return
        choices = DeidChoices(
            anonymize=self._option("#export-anonymize"),
            retain_dates=self._option("#export-retain-dates"),
            keep_private=self._option("#export-keep-private"),
        )
        self.query_one("#export-start", Button).disabled = True
        self.query_one("#export-result", Static).update(plain(f"Writing {target}…"))
        self.export_in_worker(self._kind(), target, choices)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export_in_worker(self, kind: str, target: Path, choices: DeidChoices) -> None:
        """Run the export service (worker)."""
        from mammolog.export.calendar import CalendarError
        from mammolog.export.media import OutputKind
        from mammolog.services.export import ExportError, export_media, export_summary
        from mammolog.tui.data import screening_interval

        app = self.mammolog
        interval = screening_interval(app.paths)
        engine = app.catalog()
        try:
            if kind == "summary":
                written, _data = export_summary(
                    engine, app.paths, target, app.person_id, today=app.today,
                    anonymize=choices.anonymize, retain_dates=choices.retain_dates,
                    screening_interval_months=interval,
                )  # fmt: skip
                pages = f", {written.pages} pages" if written.pages else ""
                text = f"Summary written: {written.path} ({written.bytes / 1000:.0f} KB{pages})."
            elif kind == "calendar":
                from mammolog.services.calendar import export_calendar

                event = export_calendar(
                    engine, target, app.person_id, today=app.today,
                    screening_interval_months=interval,
                )  # fmt: skip
                text = (
                    f"Calendar written: {event.path}: {event.summary}, on {event.due_date}."
                    " Open it with your calendar app; a new export updates the same event."
                )
            else:
                result = export_media(
                    engine, app.paths, target, today=app.today, person_id=app.person_id,
                    anonymize=choices.anonymize, retain_dates=choices.retain_dates,
                    keep_private=choices.keep_private, output=OutputKind(kind),
                    screening_interval_months=interval,
                )  # fmt: skip
                report = result.report
                lines = [
                    f"Written: {report.out_path}",
                    f"{plural(report.studies, 'study', 'studies')}, "
                    f"{plural(report.instances, 'object')}, "
                    f"{report.bytes_written / 1_000_000:.1f} MB"
                    + (", summary included" if result.summary_included else ""),
                    *(f"Skipped {s.path}: {s.reason}" for s in report.skipped),
                    *(f"Note: {w}" for w in (*result.warnings, *report.warnings)),
                ]
                text = "\n".join(lines)
        except (ExportError, CalendarError, ValueError, OSError) as error:
            self.post_message(ExportDone(f"Nothing was exported: {error}", failed=True))
            return
        self.post_message(ExportDone(text))

    def on_export_done(self, message: ExportDone) -> None:
        """Show what was written."""
        self.query_one("#export-start", Button).disabled = False
        result = self.query_one("#export-result", Static)
        result.update(plain_lines(message.text))
        result.scroll_visible()  # on a short terminal the result is below the fold
        if message.failed:
            self.notify(
                for_terminal_lines(message.text),
                title="Export failed",
                severity="error",
                timeout=8,
                markup=False,
            )
        else:
            self.notify("Export finished.", timeout=4)
