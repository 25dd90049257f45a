"""The text a reader sees in a summary web page or PDF, for scrubbing and checking identifiers.

A web page is split into markup (tags, comments, declarations, style sheets, scripts) and the
text between tags. Only the text and the attribute values a browser shows (``alt``, ``title``,
``aria-label``, ``placeholder``) are visible; tag names, other attributes and CSS never are, so
a patient called "Li" cannot turn ``line-height`` into ``**ne-height``. For a PDF the visible
text is what pypdf extracts from the pages, the document information and the XMP metadata,
never the raw bytes (where font names and PDF keywords would match short names).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

__all__ = [
    "SHOWN_ATTRIBUTES",
    "VisibleTextError",
    "html_visible_text",
    "pdf_visible_text",
    "scrub_html",
]

SHOWN_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "placeholder"})

# Markup, in the order tried: comments, <!...> and <?...> declarations, whole style and
# script elements (their content is code, not text), and any other tag.
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<![^>]*>?"
    r"|<\?[^>]*>?"
    r"|<(style|script)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|</?[A-Za-z][^>]*>?",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(r"</?[A-Za-z]", re.IGNORECASE)
_ATTRIBUTE = re.compile(
    r"""(?P<lead>[\s"'/](?P<name>[^\s"'<>/=]+)\s*=\s*)"""
    r"""(?P<value>"[^"]*"|'[^']*'|[^\s"'<>`=]+)""",
)
_XML_TAG = re.compile(r"<[^<>]*>")


class VisibleTextError(Exception):
    """A summary file cannot be read (the message says why)."""


def _segments(markup: str) -> Iterator[tuple[bool, str]]:
    """(is_markup, piece) pairs that join back to `markup` exactly."""
    position = 0
    for match in _MARKUP.finditer(markup):
        if match.start() > position:
            yield False, markup[position : match.start()]
        yield True, match.group(0)
        position = match.end()
    if position < len(markup):
        yield False, markup[position:]


def _shown_values(tag: str) -> Iterator[re.Match[str]]:
    if not _TAG.match(tag) or tag.startswith("</"):
        return
    for match in _ATTRIBUTE.finditer(tag):
        if match.group("name").lower() in SHOWN_ATTRIBUTES:
            yield match


def _unquote(value: str) -> tuple[str, str]:
    """(quote character or "", unescaped text) of an attribute value as written."""
    if value[:1] in ("'", '"'):
        return value[0], html.unescape(value[1:-1])
    return "", html.unescape(value)


def _rewrite_text(piece: str, scrub: Callable[[str], str], *, quote: bool) -> str | None:
    """`piece` (escaped HTML) with its text scrubbed, or None if nothing changed."""
    text = html.unescape(piece)
    cleaned = scrub(text)
    return None if cleaned == text else html.escape(cleaned, quote=quote)


def _scrub_tag(tag: str, scrub: Callable[[str], str]) -> str:
    out: list[str] = []
    position = 0
    for match in _shown_values(tag):
        _quote, text = _unquote(match.group("value"))
        cleaned = scrub(text)
        if cleaned == text:
            continue
        out.append(tag[position : match.start("value")])
        out.append(f'"{html.escape(cleaned, quote=True)}"')
        position = match.end("value")
    out.append(tag[position:])
    return "".join(out)


def scrub_html(markup: str, scrub: Callable[[str], str]) -> str:
    """`markup` with `scrub` applied to its text nodes and shown attribute values only.

    Everything else (tags, other attributes, CSS, scripts, comments) is kept byte for byte,
    and so is any text `scrub` leaves unchanged.
    """
    out: list[str] = []
    for is_markup, piece in _segments(markup):
        if is_markup:
            out.append(_scrub_tag(piece, scrub))
        else:
            cleaned = _rewrite_text(piece, scrub, quote=False)
            out.append(piece if cleaned is None else cleaned)
    return "".join(out)


def html_visible_text(markup: str) -> str:
    """The text of `markup` a reader sees (text nodes and shown attribute values, unescaped),
    one piece per line."""
    pieces: list[str] = []
    for is_markup, piece in _segments(markup):
        if not is_markup:
            pieces.append(html.unescape(piece))
        else:
            pieces.extend(_unquote(match.group("value"))[1] for match in _shown_values(piece))
    return "\n".join(pieces)


def pdf_visible_text(path: Path) -> str:
    """The text pypdf extracts from the pages of `path`, plus its document information values
    and the text of its XMP metadata. Raises VisibleTextError if the file cannot be read."""
    try:
        reader = PdfReader(path)
        pieces = [page.extract_text() or "" for page in reader.pages]
        info: dict[str, object] = dict(reader.metadata or {})
        pieces.extend(str(value) for value in info.values())
        xmp = reader.xmp_metadata
        if xmp is not None:
            raw = xmp.stream.get_data().decode("utf-8", "replace")
            pieces.append(html.unescape(_XML_TAG.sub(" ", raw)))
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as exc:
        raise VisibleTextError(f"summary PDF cannot be read: {exc}") from exc
    return "\n".join(pieces)
