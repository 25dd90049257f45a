"""Import: choose a disc or folder, watch the progress, cancel safely, read the report."""

from __future__ import annotations

import threading
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button,
    DirectoryTree,
    Footer,
    Header,
    Input,
    OptionList,
    ProgressBar,
    Static,
)
from textual.widgets.option_list import Option

from mammolog.domain.plain_words import plural
from mammolog.services.discs import find_discs
from mammolog.tui.commands import IMPORT, bindings_for
from mammolog.tui.importing import (
    ImportFigures,
    ImportSummary,
    ProgressThrottle,
    figures_text,
    human_bytes,
    run_import,
)
from mammolog.tui.messages import ImportFinished, ImportProgress, MediaFound
from mammolog.tui.safe import plain
from mammolog.tui.screens.base import MammologScreen
from mammolog.untrusted import for_terminal

CHOOSE = (
    "Choose a disc on the left, or a folder in the tree, or type a path above; then press "
    "[b]Ctrl+S[/b]. Nothing on the disc is changed: files are copied into your private library, "
    "and files already there are recognised and skipped."
)
NO_MEDIA = (
    "No patient disc or USB stick found (looked in /media, /run/media, /mnt and /Volumes for "
    "a DICOMDIR or DICOM files)."
)


class ImportScreen(MammologScreen):
    """Import a disc or folder into the library."""

    COMMAND_GROUP = IMPORT
    BINDINGS = bindings_for(IMPORT)

    def __init__(self) -> None:
        super().__init__()
        self.media: list[Path] = []
        self.running = False
        self._cancel = threading.Event()
        self.summary: ImportSummary | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Container(id="import-body"):
            with Vertical(id="import-left"):
                yield Static("Discs and sticks", classes="section-title")
                yield OptionList(id="media-list")
                yield Static("Looking for discs…", id="media-none", classes="hint")
                yield Static("Folders", classes="section-title")
                yield DirectoryTree(self.mammolog.browse_root, id="import-tree")
            with Vertical(id="import-right"):
                yield Static("Import from", classes="section-title")
                yield self.text_input(placeholder="/media/cdrom or any folder", id="import-path")
                with Horizontal(id="import-actions"):
                    yield Button("Start import", id="import-start", variant="primary", compact=True)
                    yield Button(
                        "Cancel", id="import-cancel", variant="error", disabled=True, compact=True
                    )
                    yield Button("Persons…", id="import-persons", compact=True)
                yield ProgressBar(id="import-progress-bar", total=1.0, show_eta=False)
                yield Static("", id="import-figures")
                with VerticalScroll(id="import-report"):
                    yield Static(CHOOSE, id="import-report-text")
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        """On a narrow terminal the disc list and folders go above the report."""
        self.set_class(event.size.width < 100, "narrow")

    def on_mount(self) -> None:
        """Look for removable media in a worker."""
        self.query_one("#media-list").display = False
        self.query_one("#import-progress-bar").display = False
        self.find_media()

    @work(thread=True, exclusive=True, group="media", exit_on_error=False)
    def find_media(self) -> None:
        """Look for discs and sticks (worker)."""
        self.post_message(MediaFound(find_discs(self.mammolog.media_roots)))

    def on_media_found(self, message: MediaFound) -> None:
        """List the media found."""
        self.media = list(message.media)
        options = self.query_one("#media-list", OptionList)
        options.clear_options()
        options.add_options(
            [Option(plain(path), id=str(index)) for index, path in enumerate(self.media)]
        )
        options.display = bool(self.media)
        none = self.query_one("#media-none", Static)
        none.display = not self.media
        none.update(NO_MEDIA)
        if self.media and not self._path_input().value:
            self._choose(self.media[0])

    def _path_input(self) -> Input:
        return self.query_one("#import-path", Input)

    def _choose(self, path: Path) -> None:
        self._path_input().value = str(path)

    @on(OptionList.OptionSelected, "#media-list")
    def _medium_chosen(self, event: OptionList.OptionSelected) -> None:
        self._choose(self.media[event.option_index])

    @on(DirectoryTree.DirectorySelected, "#import-tree")
    def _folder_chosen(self, event: DirectoryTree.DirectorySelected) -> None:
        self._choose(event.path)

    @on(Button.Pressed, "#import-start")
    def _start_pressed(self) -> None:
        self.action_start_import()

    @on(Button.Pressed, "#import-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel_import()

    @on(Button.Pressed, "#import-persons")
    def _persons_pressed(self) -> None:
        from mammolog.tui.screens.persons import PersonsScreen

        self.app.push_screen(PersonsScreen())

    def action_next_medium(self) -> None:
        """Choose the next detected disc."""
        if not self.media:
            self.notify(NO_MEDIA, timeout=4)
            return
        current = self._path_input().value
        paths = [str(p) for p in self.media]
        index = (paths.index(current) + 1) % len(paths) if current in paths else 0
        self._choose(self.media[index])
        self.query_one("#media-list", OptionList).highlighted = index

    def action_start_import(self) -> None:
        """Start importing the chosen source."""
        if self.running:
            self.notify("An import is already running.", timeout=3)
            return
        text = self._path_input().value.strip()
        if not text:
            self.notify("Choose a disc or folder first.", severity="warning", timeout=4)
            return
        source = Path(text).expanduser()
        if not source.exists():
            self.notify(
                for_terminal(f"{source} does not exist."), severity="error", timeout=5, markup=False
            )
            return
        self.running = True
        self._cancel = threading.Event()
        self.summary = None
        bar = self.query_one("#import-progress-bar", ProgressBar)
        bar.display = True
        bar.update(total=1.0, progress=0.0)
        self.query_one("#import-figures", Static).update("Counting files…")
        self.query_one("#import-report-text", Static).update(plain(f"Importing {source}…"))
        self.query_one("#import-start", Button).disabled = True
        self.query_one("#import-cancel", Button).disabled = False
        self.import_in_worker(source, self._cancel)

    def action_cancel_import(self) -> None:
        """Ask the running import to stop after the current file."""
        if not self.running:
            self.notify("No import is running.", timeout=3)
            return
        self._cancel.set()
        self.query_one("#import-figures", Static).update("Stopping after the current file…")

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def import_in_worker(self, source: Path, cancel: threading.Event) -> None:
        """Run the import (worker); progress comes as batched messages."""
        app = self.mammolog
        throttle = ProgressThrottle(lambda figures: self.post_message(ImportProgress(figures)))
        try:
            summary = run_import(
                source, paths=app.paths, engine=app.catalog(), progress=throttle, cancel=cancel
            )
        except Exception as error:  # noqa: BLE001 - any failure becomes the report's reason
            summary = ImportSummary(
                source=str(source), status="failed", reason=str(error) or type(error).__name__
            )
        self.post_message(ImportFinished(summary))

    def on_unmount(self) -> None:
        """Leaving the app stops a running import after the current file."""
        self._cancel.set()

    def on_import_progress(self, message: ImportProgress) -> None:
        """Show the latest figures."""
        if not self.running:
            return
        figures: ImportFigures = message.progress
        self.query_one("#import-progress-bar", ProgressBar).update(progress=figures.fraction)
        if not self._cancel.is_set():
            self.query_one("#import-figures", Static).update(figures_text(figures))

    def on_import_finished(self, message: ImportFinished) -> None:
        """Show the report and let the other screens read the catalog again."""
        summary: ImportSummary = message.summary
        self.running = False
        self.summary = summary
        self.query_one("#import-start", Button).disabled = False
        self.query_one("#import-cancel", Button).disabled = True
        if summary.status == "done":
            self.query_one("#import-progress-bar", ProgressBar).update(progress=1.0)
        self.query_one("#import-figures", Static).update(
            {
                "done": "Import finished.",
                "cancelled": "Import cancelled.",
                "failed": "Import failed.",
            }[summary.status]  # fmt: skip
        )
        self.query_one("#import-report-text", Static).update(report_text(summary))
        if summary.status == "failed":
            self.notify(
                for_terminal(summary.reason),
                title="Import failed",
                severity="error",
                timeout=8,
                markup=False,
            )
        else:
            self.notify(
                f"{plural(summary.instances_added, 'object')} added, "
                f"{summary.already_present} already there.",
                title="Import finished" if summary.status == "done" else "Import cancelled",
                timeout=5,
            )
        self.mammolog.refresh_catalog_views("import")


def report_text(summary: ImportSummary) -> Text:
    """The import report: counts, persons, then each problem with its reason."""
    text = Text()
    text.append_text(plain(summary.source, style="bold"))
    text.append("\n")
    if summary.status == "failed":
        text.append_text(plain(f"Nothing more was imported: {summary.reason}"))
        text.append("\n")
        return text
    if summary.status == "cancelled":
        text.append("Cancelled: what was copied before stopping is in the library.\n")
    lines = (
        ("Studies added", str(summary.studies_added)),
        ("Objects added", str(summary.instances_added)),
        ("Already in the library", str(summary.already_present)),
        ("Ignored (not DICOM, or not for the library)", str(summary.ignored)),
        ("Problems", f"{summary.problem_count:,}"),
        ("Copied", human_bytes(summary.bytes_copied)),
    )
    for label, value in lines:
        text.append(f"  {label}: {value}\n")
    if summary.persons:
        text.append("\nPersons\n", style="bold")
        for person in summary.persons:
            how = "new person" if person.created else "matched"
            reason = f" ({person.reason})" if person.reason and not person.created else ""
            text.append_text(plain(f"  {person.display_name}: {how}{reason}"))
            text.append("\n")
        if any(p.created for p in summary.persons):
            text.append(
                "  If a new person is someone already in the library, press Persons… to merge.\n",
                style="italic",
            )
    if summary.problems:
        text.append("\nProblems\n", style="bold")
        for problem in summary.problems:
            if problem.more_like_this:
                text.append(f"  and {problem.more_like_this:,} more like this")
            else:
                text.append_text(plain(f"  {problem.path}"))
            text.append("\n")
            text.append_text(plain(f"      {problem.reason}", style="dim"))
            text.append("\n")
    return text
