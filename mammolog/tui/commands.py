"""Every user action of the app, declared once.

Each :class:`AppCommand` feeds three places: the key binding of its screen (shown in the
footer), the command palette (:class:`MammologCommands`) and the help screen. A screen
declares which group it serves with ``COMMAND_GROUP`` and gets its bindings from
:func:`bindings_for`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider

APP = "app"
LIBRARY = "library"
IMPORT = "import"
STUDY = "study"
TIMELINE = "timeline"
IMAGES = "images"
SETTINGS = "settings"
PERSONS = "persons"
EXPORT = "export"

GROUP_TITLES: dict[str, str] = {
    APP: "Everywhere",
    LIBRARY: "Library",
    IMPORT: "Import",
    STUDY: "Study and results",
    TIMELINE: "Timeline",
    IMAGES: "Images",
    SETTINGS: "Settings",
    PERSONS: "Persons",
    EXPORT: "Export",
}


@dataclass(frozen=True)
class AppCommand:
    """One action: its key, the action it runs, the footer label and the longer help."""

    id: str
    group: str
    key: str
    action: str
    title: str
    tooltip: str
    show: bool = True
    priority: bool = False

    def binding(self) -> Binding:
        """The Textual binding for this command."""
        return Binding(
            self.key,
            self.action,
            self.title,
            show=self.show,
            tooltip=self.tooltip,
            id=self.id,
            priority=self.priority,
        )

    @property
    def key_display(self) -> str:
        """The key as a person reads it ("ctrl+p" -> "Ctrl+P")."""
        return "+".join(
            part.capitalize() if len(part) > 1 else part for part in self.key.split("+")
        )


COMMANDS: tuple[AppCommand, ...] = (
    # Everywhere
    AppCommand("app.help", APP, "f1", "app.show_help", "Help", "List every key and command"),
    AppCommand(
        "app.library", APP, "f2", "app.show_library", "Library", "Go to the list of studies",
        show=False,
    ),
    AppCommand("app.import", APP, "f3", "app.show_import", "Import", "Import a disc or folder"),
    AppCommand(
        "app.timeline", APP, "f4", "app.show_timeline", "Timeline",
        "The person's exams over time, what changed and what is due",
    ),
    AppCommand(
        "app.export", APP, "f5", "app.show_export", "Export",
        "A summary PDF and a standard DICOM disc or USB folder for your next appointment",
    ),
    AppCommand(
        "app.settings", APP, "f9", "app.show_settings", "Settings",
        "Screening interval and where your files are kept", show=False,
    ),
    AppCommand("app.quit", APP, "ctrl+q", "app.quit", "Quit", "Leave mammolog", priority=True),
    # Library
    AppCommand(
        "library.open", LIBRARY, "enter", "open_study", "Open",
        "Open the selected study: images, reports and results", show=False,
    ),
    AppCommand("library.search", LIBRARY, "slash", "focus_search", "Search", "Filter the studies"),
    AppCommand(
        "library.person", LIBRARY, "p", "next_person", "Person",
        "Switch to the next person in the library (the picker at the top does it too)",
        show=False,
    ),
    AppCommand(
        "library.persons", LIBRARY, "m", "manage_persons", "Persons",
        "See every person; merge two that are the same woman, or split one",
    ),
    AppCommand("library.images", LIBRARY, "i", "open_images", "Images", "View the study's images"),
    AppCommand(
        "library.refresh", LIBRARY, "r", "refresh", "Refresh", "Read the catalog again",
        show=False,
    ),
    AppCommand(
        "library.first", LIBRARY, "home", "first_study", "Newest", "Go to the newest study",
        show=False,
    ),
    AppCommand(
        "library.last", LIBRARY, "end", "last_study", "Oldest", "Go to the oldest study",
        show=False,
    ),
    # Import
    AppCommand(
        "import.start", IMPORT, "ctrl+s", "start_import", "Start",
        "Import the chosen folder or disc into the library",
    ),
    AppCommand(
        "import.cancel", IMPORT, "ctrl+x", "cancel_import", "Cancel",
        "Stop the running import safely (what was copied stays consistent)",
    ),
    AppCommand(
        "import.media", IMPORT, "ctrl+o", "next_medium", "Next disc",
        "Choose the next detected disc or USB stick",
    ),
    AppCommand("import.back", IMPORT, "escape", "go_back", "Back", "Back to the library"),
    # Study
    AppCommand("study.back", STUDY, "escape", "go_back", "Back", "Back to the library"),
    AppCommand("study.images", STUDY, "i", "open_images", "Images", "View this study's images"),
    AppCommand(
        "study.result", STUDY, "e", "edit_result", "Result",
        "Enter or change the BI-RADS result of this study",
    ),
    AppCommand(
        "study.explain", STUDY, "w", "explain", "In words",
        "This study's results in plain words: what they mean, what usually happens next",
    ),
    AppCommand(
        "study.open_report", STUDY, "o", "open_attachment", "Open",
        "Open the selected report or attachment with the system viewer",
    ),
    AppCommand(
        "study.accept", STUDY, "a", "accept_proposal", "Accept",
        "Accept the selected proposal read from a report",
    ),
    AppCommand(
        "study.reject", STUDY, "x", "reject_proposal", "Reject",
        "Reject the selected proposal read from a report",
    ),
    # Timeline
    AppCommand("timeline.back", TIMELINE, "escape", "go_back", "Back", "Back to the library"),
    AppCommand(
        "timeline.person", TIMELINE, "p", "next_person", "Person",
        "Show the next person's timeline",
    ),
    AppCommand(
        "timeline.open", TIMELINE, "enter", "open_entry", "Open",
        "Open the study of the highlighted exam (the arrow keys move between exams)",
    ),
    AppCommand(
        "timeline.explain", TIMELINE, "w", "explain_latest", "In words",
        "Your latest result and what is due, or an earlier highlighted exam's, in plain words",
    ),
    # Images
    AppCommand("images.back", IMAGES, "escape", "go_back", "Back", "Back to the previous screen"),
    AppCommand(
        "images.compare", IMAGES, "c", "toggle_compare", "Compare",
        "Show the same view from the prior exam next to this one",
    ),
    AppCommand(
        "images.view", IMAGES, "v", "next_view", "View",
        "In compare mode: switch between R CC, L CC, R MLO and L MLO",
    ),
    AppCommand(
        "images.prior", IMAGES, "p", "pick_prior", "Prior",
        "In compare mode: compare with another earlier exam (each press goes one exam further back)",
    ),
    AppCommand(
        "images.next_slice", IMAGES, "pagedown,full_stop", "step_frame(1)", "Next slice",
        "Tomosynthesis, ultrasound films, MRI: the next slice or frame (also the mouse wheel)",
    ),
    AppCommand(
        "images.previous_slice", IMAGES, "pageup,comma", "step_frame(-1)", "Previous slice",
        "The previous slice or frame", show=False,
    ),
    AppCommand(
        "images.cine", IMAGES, "space", "toggle_cine", "Play",
        "Play the slices or frames as a film; again to stop",
    ),
    AppCommand(
        "images.cycle", IMAGES, "n", "cycle_slot", "Other in slot",
        "Show the next image that fits the selected slot (a 2D view, its synthesized 2D, the 3D scan)",
    ),
    AppCommand(
        "images.list", IMAGES, "o", "focus_others", "All images",
        "Go to the list of every image of the study (extra views, ultrasound, MRI...); Enter shows one",
    ),
    AppCommand("images.zoom_in", IMAGES, "plus", "zoom_in", "Zoom in", "Enlarge the images"),
    AppCommand("images.zoom_out", IMAGES, "minus", "zoom_out", "Zoom out", "Shrink the images"),
    AppCommand(
        "images.window_up", IMAGES, "w", "window_wider", "Wider window",
        "Widen the display window (less contrast)",
    ),
    AppCommand(
        "images.window_down", IMAGES, "s", "window_narrower", "Narrower window",
        "Narrow the display window (more contrast)",
    ),
    AppCommand(
        "images.reset", IMAGES, "0", "reset_view", "Reset",
        "Back to the file's own window, no zoom and no pan",
    ),
    AppCommand("images.pan_left", IMAGES, "left", "pan(-1,0)", "Pan", "Move the image", show=False),
    AppCommand("images.pan_right", IMAGES, "right", "pan(1,0)", "Pan", "Move the image", show=False),
    AppCommand("images.pan_up", IMAGES, "up", "pan(0,-1)", "Pan", "Move the image", show=False),
    AppCommand("images.pan_down", IMAGES, "down", "pan(0,1)", "Pan", "Move the image", show=False),
    # Export
    AppCommand(
        "export.start", EXPORT, "ctrl+s", "start_export", "Export",
        "Write the chosen export to the folder given",
    ),
    AppCommand("export.back", EXPORT, "escape", "go_back", "Back", "Back to the library"),
    # Settings
    AppCommand("settings.back", SETTINGS, "escape", "go_back", "Back", "Back without saving"),
    AppCommand("settings.save", SETTINGS, "ctrl+s", "save", "Save", "Keep these settings"),
    # Persons
    AppCommand("persons.back", PERSONS, "escape", "go_back", "Back", "Back to the library"),
    AppCommand(
        "persons.mark", PERSONS, "space", "mark", "Mark",
        "Mark the selected person to keep when merging",
    ),
    AppCommand(
        "persons.merge", PERSONS, "m", "merge", "Merge",
        "Merge the selected person into the marked one (all studies move)",
    ),
    AppCommand(
        "persons.split", PERSONS, "s", "split", "Split",
        "Give one identity of the selected person a person of its own (its studies move)",
    ),
)  # fmt: skip


def commands_for(group: str) -> tuple[AppCommand, ...]:
    """The commands of one group, in declaration order."""
    return tuple(command for command in COMMANDS if command.group == group)


# Going to another area works from every screen, but only the library's footer lists it: on
# the other screens the footer keeps room for their own keys (Help lists everything).
AREA_KEYS = ("app.import", "app.timeline", "app.export")


def bindings_for(group: str) -> list[BindingType]:
    """The key bindings of one group, for a screen's ``BINDINGS``.

    Screens other than the library also get the area keys (F3, F4, F5) unlisted, which
    keeps them working there while the footer shows the screen's own keys.
    """
    bindings: list[BindingType] = [command.binding() for command in commands_for(group)]
    if group not in (APP, LIBRARY):
        for command in COMMANDS:
            if command.id in AREA_KEYS:
                bindings.append(replace(command.binding(), show=False))
    return bindings


def _runnable(command: AppCommand) -> bool:
    return command.show or not command.action.startswith("pan")


class MammologCommands(Provider):
    """Command palette entries: the app's commands and those of the current screen."""

    def _available(self) -> list[AppCommand]:
        group = getattr(self.screen, "COMMAND_GROUP", None)
        return [
            command
            for command in COMMANDS
            if command.group in (APP, group) and _runnable(command) and command.key != "escape"
        ]

    def _run(self, command: AppCommand) -> None:
        screen = self.screen
        if command.action.startswith("app."):
            self.app.call_later(self.app.run_action, command.action)
        else:
            self.app.call_later(screen.run_action, command.action)

    def _label(self, command: AppCommand) -> str:
        title = GROUP_TITLES[command.group]
        return f"{title}: {command.title}"

    async def discover(self) -> Hits:
        """Every available command, for the empty palette."""
        for command in self._available():
            yield DiscoveryHit(
                self._label(command),
                partial(self._run, command),
                help=f"{command.tooltip}  [{command.key_display}]",
            )

    async def search(self, query: str) -> Hits:
        """Commands matching what was typed."""
        matcher = self.matcher(query)
        for command in self._available():
            label = self._label(command)
            score = max(matcher.match(label), matcher.match(command.tooltip) * 0.8)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(self._run, command),
                    help=f"{command.tooltip}  [{command.key_display}]",
                )
