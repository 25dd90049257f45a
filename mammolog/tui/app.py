"""The terminal app: modes for the library, import, timeline and settings; one factory."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy.engine import Engine
from textual.app import App, SystemCommand
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen

from mammolog.paths import AppPaths

if TYPE_CHECKING:
    from mammolog.services.previews import PreviewCache
from mammolog.tui.commands import APP, MammologCommands, bindings_for


def _library_screen() -> Screen[Any]:
    from mammolog.tui.screens.library import LibraryScreen

    return LibraryScreen()


def _import_screen() -> Screen[Any]:
    from mammolog.tui.screens.importing import ImportScreen

    return ImportScreen()


def _timeline_screen() -> Screen[Any]:
    from mammolog.tui.screens.timeline import TimelineScreen

    return TimelineScreen()


def _export_screen() -> Screen[Any]:
    from mammolog.tui.screens.export import ExportScreen

    return ExportScreen()


def _settings_screen() -> Screen[Any]:
    from mammolog.tui.screens.settings import SettingsScreen

    return SettingsScreen()


class MammologApp(App[None]):
    """mammolog's terminal app. Build it with :func:`build_app`."""

    TITLE = "mammolog"
    SUB_TITLE = "your mammogram history"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {MammologCommands}
    BINDINGS = bindings_for(APP)
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        "library": _library_screen,
        "import": _import_screen,
        "timeline": _timeline_screen,
        "export": _export_screen,
        "settings": _settings_screen,
    }
    DEFAULT_MODE = "library"

    person_id: reactive[int | None] = reactive(None)
    """The person whose library and timeline are shown (None: the first one)."""

    def __init__(
        self,
        paths: AppPaths,
        *,
        engine: Engine | None = None,
        engine_factory: Callable[[], Engine] | None = None,
        today: date | None = None,
        cursor_blink: bool = True,
        browse_root: Path | None = None,
        media_roots: tuple[Path, ...] | None = None,
    ) -> None:
        super().__init__()
        from mammolog.services.discs import MEDIA_ROOTS

        self.browse_root = browse_root or Path.home()
        self.media_roots = MEDIA_ROOTS if media_roots is None else media_roots
        self.paths = paths
        self.today = today or date.today()
        self.cursor_blink = cursor_blink
        self._engine = engine
        self._engine_factory = engine_factory
        self._preview_cache: PreviewCache | None = None
        self._engine_lock = threading.Lock()

    def catalog(self) -> Engine:
        """The catalog engine, opened (and migrated) on first use; call from workers."""
        with self._engine_lock:
            if self._engine is None and self._engine_factory is not None:
                self._engine = self._engine_factory()
            if self._engine is None:
                from mammolog.catalog.migrate import open_catalog

                self._engine = open_catalog(self.paths)
            return self._engine

    @property
    def preview_cache(self) -> PreviewCache:
        """The on-disk cache of decoded previews, shared by every image worker."""
        with self._engine_lock:
            if self._preview_cache is None:
                from mammolog.services.previews import PreviewCache

                self._preview_cache = PreviewCache(self.paths.previews_dir)
            return self._preview_cache

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own palette commands except the ones that would fight ours."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit",):
                yield command

    def action_show_help(self) -> None:
        """Open the help screen listing every key."""
        from mammolog.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_show_library(self) -> None:
        """Go to the library."""
        self._switch("library")

    def action_show_import(self) -> None:
        """Go to the import screen."""
        self._switch("import")

    def action_show_timeline(self) -> None:
        """Go to the timeline."""
        self._switch("timeline")

    def action_show_export(self) -> None:
        """Go to the export screen."""
        self._switch("export")

    def action_show_settings(self) -> None:
        """Go to the settings."""
        self._switch("settings")

    def _switch(self, mode: str) -> None:
        """Show ``mode``'s first screen (the studies list, not a study left open there)."""
        if self.current_mode != mode:
            self.switch_mode(mode)
        while len(self.screen_stack) > 1 and not isinstance(self.screen, ModalScreen):
            self.pop_screen()

    def refresh_catalog_views(self, reason: str) -> None:
        """Tell every live screen that the catalog changed (after an import, a merge...)."""
        from mammolog.tui.messages import CatalogChanged

        for mode in self.MODES:
            try:
                stack = self.get_screen_stack(mode)
            except KeyError:  # a mode not opened yet has no screens to tell
                continue
            for screen in stack:
                screen.post_message(CatalogChanged(reason))


def build_app(
    paths: AppPaths,
    *,
    engine: Engine | None = None,
    engine_factory: Callable[[], Engine] | None = None,
    today: date | None = None,
    cursor_blink: bool = True,
    browse_root: Path | None = None,
    media_roots: tuple[Path, ...] | None = None,
) -> MammologApp:
    """The one way to build the app, for the command line and the tests.

    ``engine`` (or ``engine_factory``, called once in a worker) defaults to the catalog
    under ``paths``, opened in a worker on first use;
    ``today`` fixes the date used for due dates and validation (tests pass a fixed day);
    ``cursor_blink=False`` keeps snapshots stable; ``browse_root`` is where the import
    screen's folder tree starts (the home folder) and ``media_roots`` where removable media
    are looked for (/media, /run/media, /mnt, /Volumes).
    """
    return MammologApp(
        paths,
        engine=engine,
        engine_factory=engine_factory,
        today=today,
        cursor_blink=cursor_blink,
        browse_root=browse_root,
        media_roots=media_roots,
    )
