"""The one boundary for untrusted text on its way to a terminal.

Every string that came from a disc, a report or a file name (patient names, descriptions,
institution names, paths, quotes from reports, problem reasons that embed any of these) passes
:func:`for_terminal` before the CLI prints it or the app shows it. Control characters (C0, DEL,
C1), bidirectional overrides and isolates, and lone surrogates left by undecodable bytes are
shown visibly as escapes such as ``\\x1b`` or ``\\u202e``, so they can neither drive the
terminal (clear it, retitle it, write the clipboard) nor fake table rows or reorder text.

``--json`` output keeps exact values: its encoder escapes C0 controls, and
:func:`json_for_terminal` escapes the rest (C1 controls, bidi overrides, lone surrogates) as
``\\uXXXX``, which decode to the very same text.
"""

from __future__ import annotations

import re

__all__ = ["for_terminal", "for_terminal_lines", "json_for_terminal"]

# C0 controls, DEL, C1 controls; bidi embeddings/overrides (U+202A-202E), isolates
# (U+2066-2069), the marks LRM/RLM/ALM, line and paragraph separators, and lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_UNSAFE_KEEP_NEWLINES = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def for_terminal(value: object) -> str:
    """One line of text that is safe to print: every control character shown as an escape.

    ``None`` becomes the empty string; other values are converted with ``str`` first.
    """
    if value is None:
        return ""
    return _UNSAFE.sub(_escape, str(value))


# What JSON's encoder leaves raw: C0 controls are already escaped inside strings, and the line
# breaks it writes between values are structure.
_UNSAFE_IN_JSON = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_for_terminal(json_text: str) -> str:
    """JSON text with every character that could drive a terminal written as ``\\uXXXX``.

    Outside strings JSON is plain ASCII, so only string contents change, and a JSON reader
    gets exactly the same values back.
    """
    return _UNSAFE_IN_JSON.sub(_json_escape, json_text)


def for_terminal_lines(value: object) -> str:
    """Like :func:`for_terminal` but keeps line feeds (for report text shown as a block)."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n")
    return _UNSAFE_KEEP_NEWLINES.sub(_escape, text)
