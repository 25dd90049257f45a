"""The timeline: a person's exams top to bottom, newest first, with what is due on top.

The screen presents :class:`mammolog.services.timeline_view.TimelineView`, read by one service
call in a worker; it computes nothing itself. The entries are a list: the arrow keys move
between them, Enter opens the highlighted exam's study and ``w`` explains it in plain words.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, ListItem, ListView, Static

from mammolog.domain.lexicon import Side
from mammolog.services.timeline_view import TimelineItem, TimelineView, timeline_view
from mammolog.tui.commands import TIMELINE, bindings_for
from mammolog.tui.data import due_notice, screening_interval
from mammolog.tui.messages import CatalogChanged, TimelineLoaded
from mammolog.tui.screens.base import MammologScreen
from mammolog.tui.widgets.category_chart import CHART_EXPLANATION_SHORT, CategoryChart
from mammolog.tui.widgets.concern import category_name, concern_text
from mammolog.untrusted import for_terminal

NO_EXAMS = (
    "No exams yet for this person. Import a disc with [b]F3[/b]; each study becomes an entry "
    "here, newest on top, with the time since the previous exam."
)
NO_RESULTS = (
    "No results recorded yet: the entries show dates and intervals only. Open a study "
    "([b]F2[/b], then Enter) and enter its BI-RADS result to see categories, changes and "
    "what is due."
)


class TimelineList(ListView):
    """The entries, newest first: the arrow keys, Home and End move the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]

    def action_first(self) -> None:
        """The newest entry."""
        rows = [i for i, row in enumerate(self.children) if isinstance(row, TimelineRow)]
        if rows:
            self.index = rows[0]

    def action_last(self) -> None:
        """The oldest entry."""
        rows = [i for i, row in enumerate(self.children) if isinstance(row, TimelineRow)]
        if rows:
            self.index = rows[-1]


class TimelineRow(ListItem):
    """One entry of the list, holding the item it shows."""

    def __init__(self, item: TimelineItem, text: Text) -> None:
        super().__init__(Static(text, classes="timeline-entry"))
        self.item = item


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
            yield TimelineList(id="timeline-list")
            with VerticalScroll(id="timeline-chart"):
                yield Static("Category over time", classes="section-title")
                yield CategoryChart("Right breast", id="chart-right")
                yield CategoryChart("Left breast", id="chart-left")
                yield Static(CHART_EXPLANATION_SHORT, id="chart-explanation", classes="hint")
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
        self._read(self.mammolog.person_id)

    def _read(self, person_id: int | None) -> None:
        app = self.mammolog
        view = timeline_view(
            app.catalog(),
            person_id,
            today=app.today,
            screening_interval_months=screening_interval(app.paths),
        )
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
        head.update(
            Text.assemble(
                (for_terminal(view.person_name) or "No person yet", "bold"),
                f"   {view.counts_text()}",
            )
        )
        self._show_next(view)
        listing = self.query_one("#timeline-list", ListView)
        await listing.clear()
        entries: list[ListItem] = []
        if not view.items:
            entries.append(ListItem(Static(NO_EXAMS, classes="empty-state"), disabled=True))
        elif not view.has_results:
            entries.append(ListItem(Static(NO_RESULTS, classes="hint"), disabled=True))
        entries += [TimelineRow(item, self._entry(item)) for item in view.items]
        await listing.extend(entries)
        listing.index = len(entries) - len(view.items) if view.items else None
        listing.focus()
        oldest_first = [item for item in reversed(view.items) if item.is_exam]
        self.query_one("#chart-right", CategoryChart).show(
            [(i.study_date, i.right) for i in oldest_first]
        )
        self.query_one("#chart-left", CategoryChart).show(
            [(i.study_date, i.left) for i in oldest_first]
        )

    def _show_next(self, view: TimelineView) -> None:
        box = self.query_one("#timeline-next", Static)
        box.remove_class("overdue")
        text = Text()
        latest = view.latest
        if latest is not None and (latest.right.category or latest.left.category):
            text.append("Latest: ", style="bold")
            for side, label in ((Side.RIGHT, "R "), (Side.LEFT, "L ")):
                result = latest.of(side)
                category = result.category.value if result.category else None
                text.append_text(concern_text(self.app, category, label=label))
                if result.exam_date is not None:
                    text.append(f" ({result.exam_date.isoformat()})", style="dim")
                text.append("   ")
            text.append("\n")
        due = due_notice(view.next_due, today=self.mammolog.today)
        if due is None:
            text.append("Next due: enter a result to see when the next exam is due.")
        else:
            text.append(due.text)
            text.append(f"\n{due.badge}  (w: in plain words)", style="bold")
            box.set_class(due.overdue, "overdue")
        box.update(text)

    def _entry(self, item: TimelineItem) -> Text:
        text = Text()
        marker = "●" if item.is_exam else "▸"
        text.append(f"{marker} {item.study_date.isoformat()}", style="bold")
        text.append(f"  {for_terminal(item.title)}")
        if item.interval:
            text.append(f"\n  {item.interval}", style="dim")
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
            text.append(f" {for_terminal(change)} ", style="reverse")
        for finding in item.findings:
            text.append(f"\n  · {for_terminal(finding)}")
        if item.recommendation:
            text.append(f"\n  Recommended: {item.recommendation}")
        if item.note:
            text.append(f"\n  Note: {for_terminal(item.note)}", style="italic")
        for event in item.events:
            text.append(f"\n  ▸ {for_terminal(event)}", style="italic")
        return text

    def highlighted(self) -> TimelineItem | None:
        """The timeline entry under the list's cursor (None when there is none)."""
        row = self.query_one("#timeline-list", ListView).highlighted_child
        return row.item if isinstance(row, TimelineRow) else None

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        """Enter on an entry opens its study."""
        event.stop()
        self.action_open_entry()

    def action_open_entry(self) -> None:
        """Open the study of the highlighted exam."""
        from mammolog.tui.screens.study import StudyScreen

        item = self.highlighted()
        if item is None or item.study_pk is None:
            self.notify("This entry has no study to open (a result entered by hand).", timeout=4)
            return
        self.app.push_screen(StudyScreen(item.study_pk))

    def action_explain_latest(self) -> None:
        """An earlier highlighted exam's result, else the latest and what is due, in words."""
        from mammolog.tui.screens.explanation import ExplanationScreen

        item = self.highlighted()
        newest = next((i for i in self.view.items if i.is_exam), None) if self.view else None
        if item is not None and item is not newest and item.is_exam and item.study_uid:
            self.app.push_screen(ExplanationScreen(item.study_uid))
            return
        person = self.view.person_id if self.view is not None else self.mammolog.person_id
        self.app.push_screen(ExplanationScreen(person_id=person))

    def action_next_person(self) -> None:
        """Show the next person's timeline."""
        self._cycle_person()

    @work(thread=True, exclusive=True, group="timeline", exit_on_error=False)
    def _cycle_person(self) -> None:
        ids = self.view.person_ids if self.view is not None else ()
        if len(ids) < 2:
            self.app.call_from_thread(self.notify, "There is only one person.", timeout=3)
            return
        current = self.view.person_id if self.view is not None else None
        index = ids.index(current) if current in ids else -1
        self._read(ids[(index + 1) % len(ids)])
