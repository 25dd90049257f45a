"""Untrusted text (from discs, reports and file names) made safe for the app's widgets.

Every such string passes :func:`mammolog.untrusted.for_terminal` (control characters and bidi
overrides shown as escapes) and becomes a :class:`rich.text.Text`, which Textual never reads
as markup: a name such as ``[bold red]`` shows as those characters.
"""

from __future__ import annotations

from rich.text import Text

from mammolog.untrusted import for_terminal, for_terminal_lines


def plain(value: object, style: str = "") -> Text:
    """One line of untrusted text as literal, styled text (``None`` becomes empty)."""
    return Text(for_terminal(value), style=style, end="")


def plain_lines(value: object, style: str = "") -> Text:
    """A block of untrusted text (line breaks kept) as literal text."""
    return Text(for_terminal_lines(value), style=style, end="")


def clipped(value: object, width: int, style: str = "") -> Text:
    """Untrusted text cut to ``width`` characters with an ellipsis ("–" when empty)."""
    text = for_terminal(value)
    if not text:
        return Text("–", style="dim", end="")
    if len(text) > width:
        text = text[: width - 1] + "…"
    return Text(text, style=style, end="")


def one_line(value: object) -> Text:
    """Untrusted text that never wraps: cut with an ellipsis where its widget ends."""
    text = plain(value)
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text
