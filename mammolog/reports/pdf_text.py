"""Text out of report documents: PDF (pypdf), Encapsulated PDF DICOM, plain text and HTML.

Every failure (encrypted or corrupt PDF, a DICOM object without a document, unreadable file)
raises :class:`ReportTextError` with a plain reason.
"""

from __future__ import annotations

import io
import logging
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pydicom
from pydicom.dataset import Dataset

from mammolog.reports.model import ReportTextError

ENCAPSULATED_PDF = "1.2.840.10008.5.1.4.1.1.104.1"
_BLOCK_TAGS = frozenset(
    "p div br tr li h1 h2 h3 h4 h5 h6 table section article header footer pre hr dt dd".split()
)
_SKIP_TAGS = frozenset({"script", "style", "head", "title"})


def pdf_bytes_text(data: bytes) -> str:
    """The text of every page of a PDF, pages separated by blank lines."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ReportTextError("not a PDF document (no %PDF header)")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ReportTextError("the PDF is encrypted; open it with its password and save a copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReportTextError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise ReportTextError(f"the PDF is damaged and could not be read ({exc})") from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises a wide range on corrupt input
        raise ReportTextError(f"the PDF could not be read ({type(exc).__name__})") from exc
    return "\n\n".join(page.strip("\n") for page in pages)


def encapsulated_pdf_bytes(source: Dataset | str | os.PathLike[str]) -> bytes:
    """The PDF inside an Encapsulated PDF DICOM object, without the trailing pad byte."""
    if isinstance(source, Dataset):
        ds = source
    else:
        try:
            ds = pydicom.dcmread(os.fspath(source), force=True)
        except Exception as exc:  # noqa: BLE001
            raise ReportTextError(f"not a readable DICOM file ({exc})") from exc
    try:
        data = bytes(ds.EncapsulatedDocument)
    except Exception as exc:  # noqa: BLE001
        raise ReportTextError("the DICOM object holds no encapsulated document") from exc
    mime = str(getattr(ds, "MIMETypeOfEncapsulatedDocument", "") or "application/pdf")
    if "pdf" not in mime.lower():
        raise ReportTextError(f"the encapsulated document is {mime}, not a PDF")
    length = getattr(ds, "EncapsulatedDocumentLength", None)
    if isinstance(length, int) and 0 < length <= len(data):
        return data[:length]
    end = data.rfind(b"%%EOF")
    if end != -1:
        return data[: end + len(b"%%EOF")] + data[end + 5 :].rstrip(b"\x00")
    return data.rstrip(b"\x00")


def encapsulated_pdf_text(source: Dataset | str | os.PathLike[str]) -> str:
    """The text of the PDF inside an Encapsulated PDF DICOM object (dataset or path)."""
    return pdf_bytes_text(encapsulated_pdf_bytes(source))


def decode_text(data: bytes) -> str:
    """Decode a text report: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252/latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_text(markup: str) -> str:
    """Visible text of an HTML report, one line per block element."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def document_text(path: str | os.PathLike[str]) -> str:
    """Text of a report file chosen by its content: PDF, DICOM (Encapsulated PDF), HTML or text."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ReportTextError(f"cannot read {file.name}: {exc.strerror or exc}") from exc
    if data.lstrip()[:5].startswith(b"%PDF"):
        return pdf_bytes_text(data)
    if data[128:132] == b"DICM":
        return encapsulated_pdf_text(file)
    text = decode_text(data)
    head = text[:2000].lower()
    if file.suffix.lower() in (".htm", ".html") or "<html" in head or "<body" in head:
        return html_text(text)
    return text
