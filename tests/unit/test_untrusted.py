"""The terminal boundary: control characters and bidi overrides are shown, never obeyed."""

from __future__ import annotations

import pytest

from mammolog.untrusted import for_terminal, for_terminal_lines


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("DOE^JANE\x1b[2J", "DOE^JANE\\x1b[2J"),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("\x1b]52;c;aGk=\x07", "\\x1b]52;c;aGk=\\x07"),
        ("two\nlines", "two\\x0alines"),
        ("carriage\rreturn", "carriage\\x0dreturn"),
        ("\x9b2J", "\\x9b2J"),
        ("abc\u202edef", "abc\\u202edef"),
        ("iso\u2066late", "iso\\u2066late"),
        ("bad\udcffbyte", "bad\\udcffbyte"),
        ("Kowalska^Maria Święcicki 山田^太郎 قباني", "Kowalska^Maria Święcicki 山田^太郎 قباني"),
    ],
)
def test_for_terminal_shows_controls(raw: str, shown: str) -> None:
    assert for_terminal(raw) == shown


def test_none_and_numbers() -> None:
    assert for_terminal(None) == ""
    assert for_terminal(73) == "73"


def test_lines_keep_line_feeds_only() -> None:
    assert for_terminal_lines("a\r\nb\x1b[1m\n") == "a\nb\\x1b[1m\n"
