"""Every corpus report yields exactly its expected proposals for the fields it checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mammolog.reports import extract_from_text

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "reports"
DOCUMENTS = sorted(CORPUS.glob("*.txt"))


def test_corpus_is_large_and_bilingual() -> None:
    languages = [json.loads(p.with_suffix(".json").read_text())["language"] for p in DOCUMENTS]
    assert len(DOCUMENTS) >= 40
    assert {"en", "de"} <= set(languages)


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
