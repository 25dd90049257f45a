"""Every development corpus report yields exactly its expected proposals for the fields it checks.

Only the development part (the top level of tests/corpus/reports) is read here; the frozen
test part in test/ is measured by benchmarks/extract_eval.py and never read by the tests.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from mammolog.reports import extract_from_text

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "reports"
DOCUMENTS = sorted(CORPUS.glob("*.txt"))


def test_corpus_is_large_and_in_nine_languages() -> None:
    languages = [json.loads(p.with_suffix(".json").read_text())["language"] for p in DOCUMENTS]
    assert len(DOCUMENTS) >= 150
    assert set(languages) == {"en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru"}


def test_no_wrong_category_or_density_in_the_development_part() -> None:
    wrong: list[str] = []
    for path in DOCUMENTS:
        spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        expected = {(e["field"], e["side"], e["value"]) for e in spec["expected"]}
        for p in extract_from_text(path.read_text(encoding="utf-8")).proposals:
            if p.field in ("category", "density") and (p.field, p.side, p.value) not in expected:
                wrong.append(f"{path.stem}: {p.field} {p.side} {p.value} from {p.quote!r}")
    assert wrong == [], "precision must be 100% on the development part"


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_corpus_document(path: Path) -> None:
    spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    result = extract_from_text(text)
    assert result.language == spec["language"], "language detection"
    fields = set(spec["fields"])
    expected = {(e["field"], e["side"], e["value"]) for e in spec["expected"]}
    missed = {(e["field"], e["side"], e["value"]) for e in spec["missed"]}
    known_extra = {(e["field"], e["side"], e["value"]) for e in spec.get("known_extra", [])}
    got = {(p.field, p.side, p.value) for p in result.proposals if p.field in fields}
    assert got == (expected - missed) | known_extra
    assert not any(field == "category" for field, _, _ in known_extra), "no known wrong category"
    assert sorted({c.field for c in result.conflicts}) == sorted(spec["conflicts"])
    for p in result.proposals:
        assert text[p.start : p.end] == p.quote
        assert p.language == spec["language"] and p.source_kind == "radiologist"


def _wrap(text: str, width: int) -> str:
    """The text hard-wrapped as a PDF would give it, paragraph by paragraph."""
    return "\n".join(
        textwrap.fill(line, width) if line.strip() else line for line in text.split("\n")
    )


@pytest.mark.parametrize(
    "reshape",
    [
        pytest.param(lambda text: re.sub(r"\s*\n\s*", " ", text), id="flattened to one line"),
        pytest.param(str.upper, id="upper case"),
        pytest.param(lambda text: text.replace("\n", "\r\n"), id="CRLF line ends"),
        pytest.param(lambda text: text.replace(" ", "\u00a0"), id="no-break spaces"),
        pytest.param(lambda text: _wrap(text, 40), id="hard-wrapped at 40 columns"),
        pytest.param(lambda text: _wrap(text, 60), id="hard-wrapped at 60 columns"),
        pytest.param(lambda text: re.sub(r"\.(\s*\n)", r"\1", text), id="no full stops"),
    ],
)
def test_reshaped_development_documents_give_no_wrong_value(
    reshape: Callable[[str], str],
) -> None:
    """Text as PDFs and OCR deliver it (one long line, capitals): values may be lost, never wrong."""
    wrong: list[str] = []
    for path in DOCUMENTS:
        spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        expected = {(e["field"], e["side"], e["value"]) for e in spec["expected"]}
        text = reshape(path.read_text(encoding="utf-8"))
        result = extract_from_text(text)
        for p in result.proposals:
            if p.field in ("category", "density") and (p.field, p.side, p.value) not in expected:
                wrong.append(f"{path.stem}: {p.field} {p.side} {p.value} from {p.quote!r}")
            assert text[p.start : p.end] == p.quote
    assert wrong == []


PENDING = sorted((CORPUS / "pending").glob("*.txt"))


@pytest.mark.parametrize("path", PENDING, ids=[p.stem for p in PENDING])
def test_pending_document_as_written(path: Path) -> None:
    """A pending document (not yet right in every reshaped form) is read right as written."""
    spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    result = extract_from_text(path.read_text(encoding="utf-8"))
    assert result.language == spec["language"], "language detection"
    expected = {(e["field"], e["side"], e["value"]) for e in spec["expected"]}
    missed = {(e["field"], e["side"], e["value"]) for e in spec["missed"]}
    got = {(p.field, p.side, p.value) for p in result.proposals if p.field in spec["fields"]}
    assert got == expected - missed
