"""The timeline: a person's exams top to bottom, newest first, with what is due on top."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static

from mammolog.tui.commands import TIMELINE, bindings_for
from mammolog.tui.data import load_library, screening_interval
from mammolog.tui.messages import CatalogChanged, TimelineLoaded
from mammolog.tui.screens.base import MammologScreen
from mammolog.tui.timeline_data import TimelineItem, TimelineView, load_timeline
from mammolog.tui.widgets.category_chart import CategoryChart
from mammolog.tui.widgets.concern import category_name, concern_text

NO_EXAMS = (
    "No exams yet for this person. Import a disc with [b]F3[/b]; each study becomes an entry "
    "here, newest on top, with the time between exams."
)
NO_RESULTS = (
    "No results recorded yet: the entries show dates and intervals only. Open a study "
    "([b]F2[/b], then Enter) and enter its BI-RADS result to see categories, changes and "
    "what is due."
)


def interval_text(months: float) -> str:
    """ "14 months later" / "2 years 1 month later"."""
    whole = round(months)
    if whole < 1:
        return "less than a month between exams"
    years, rest = divmod(whole, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years > 1 else ''}")
    if rest:
        parts.append(f"{rest} month{'s' if rest > 1 else ''}")
    return " ".join(parts) + " between exams"


class TimelineScreen(MammologScreen):
    """One person's exams over time."""

    COMMAND_GROUP = TIMELINE
    BINDINGS = bindings_for(TIMELINE)

    def __init__(self) -> None:
        super().__init__()
        self.view: TimelineView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading the timeline…", id="timeline-head")
        yield Static("", id="timeline-next")
        with Horizontal(id="timeline-body"):
            yield VerticalScroll(id="timeline-list")
            with VerticalScroll(id="timeline-chart"):
                yield Static("Category over time", classes="section-title")
                yield CategoryChart("Right breast", id="chart-right")
                yield CategoryChart("Left breast", id="chart-left")
        yield Footer()

    def on_mount(self) -> None:
        """Read the timeline."""
        self.load()

    def on_screen_resume(self) -> None:
        """The person may have changed on another screen."""
        if self.view is not None and self.view.person_id != self.mammolog.person_id:
            self.load()

    @work(thread=True, exclusive=True, group="timeline", exit_on_error=False)
    def load(self) -> None:
        """Read the timeline (worker)."""
        app = self.mammolog
        interval = screening_interval(app.paths)
        view = load_timeline(app.catalog(), app.person_id, app.today, interval)
        self.post_message(TimelineLoaded(view))

    def on_catalog_changed(self, _message: CatalogChanged) -> None:
        """Read again after a change."""
        self.load()

    async def on_timeline_loaded(self, message: TimelineLoaded) -> None:
        """Show the timeline."""
        view: TimelineView = message.view
        self.view = view
        if view.person_id is not None and self.mammolog.person_id != view.person_id:
            self.mammolog.person_id = view.person_id
        head = self.query_one("#timeline-head", Static)
        count = len(view.items)
        head.update(
            Text.assemble(
                (view.person_name or "No person yet", "bold"),
                f"   {count} exam{'s' if count != 1 else ''}",
            )
        )
        self._show_next(view)
        listing = self.query_one("#timeline-list", VerticalScroll)
        await listing.remove_children()
        entries: list[Static] = []
        if not view.items:
            entries.append(Static(NO_EXAMS, classes="empty-state"))
        elif not view.has_results:
            entries.append(Static(NO_RESULTS, classes="hint"))
        for index, item in enumerate(view.items):
            entries.append(Static(self._entry(item), classes="timeline-entry"))
            if item.months_since_previous is not None and index + 1 < len(view.items):
                entries.append(
                    Static(
                        f"│ {interval_text(item.months_since_previous)}",
                        classes="timeline-interval",
                    )
                )
        await listing.mount_all(entries)
        oldest_first = list(reversed(view.items))
        self.query_one("#chart-right", CategoryChart).show(
            [(i.study_date, i.right) for i in oldest_first]
        )
        self.query_one("#chart-left", CategoryChart).show(
            [(i.study_date, i.left) for i in oldest_first]
        )

    def _show_next(self, view: TimelineView) -> None:
        box = self.query_one("#timeline-next", Static)
        box.remove_class("overdue")
        if view.due is None:
            box.update("Next due: enter a result to see when the next exam is due.")
        else:
            box.update(Text.assemble(("Next due: ", "bold"), view.due.text))
            box.set_class(view.due.overdue, "overdue")

    def _entry(self, item: TimelineItem) -> Text:
        text = Text()
        text.append(f"● {item.study_date.isoformat()}", style="bold")
        text.append(f"  {item.title}")
        if item.is_exam:
            text.append("\n  ")
            text.append_text(concern_text(self.app, item.right, label="R "))
            if item.right:
                text.append(f" {category_name(item.right)}", style="dim")
            text.append("   ")
            text.append_text(concern_text(self.app, item.left, label="L "))
            if item.left:
                text.append(f" {category_name(item.left)}", style="dim")
            if item.density:
                text.append(f"   density {item.density}")
        for change in item.changes:
            text.append("\n  ")
            text.append(f" {change} ", style="reverse")
        for finding in item.findings:
            text.append(f"\n  · {finding}")
        for event in item.events:
            text.append(f"\n  ▸ {event}", style="italic")
        return text

    def action_next_person(self) -> None:
        """Show the next person's timeline."""
        self._cycle_person()

    @work(thread=True, exclusive=True, group="timeline", exit_on_error=False)
    def _cycle_person(self) -> None:
        app = self.mammolog
        interval = screening_interval(app.paths)
        library = load_library(app.catalog(), app.person_id, app.today, interval)
        ids = [p.person_id for p in library.persons]
        if len(ids) < 2:
            self.app.call_from_thread(self.notify, "There is only one person.", timeout=3)
            return
        current = ids.index(library.person_id) if library.person_id in ids else -1
        chosen = ids[(current + 1) % len(ids)]
        self.post_message(TimelineLoaded(load_timeline(app.catalog(), chosen, app.today, interval)))
