"""The corpus benchmark prints both parts and never lists test-part documents one by one."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "extract_eval.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extract_eval", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["extract_eval"] = module
    spec.loader.exec_module(module)
    return module


def _write(folder: Path, name: str, text: str, expected: list[dict[str, object]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    spec = {"language": "en", "fields": ["category"], "expected": expected, "conflicts": []}
    (folder / f"{name}.json").write_text(json.dumps(spec), encoding="utf-8")


def test_both_parts_per_language_and_details_only_for_development(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bench = _bench()
    right = [{"field": "category", "side": None, "value": "2"}]
    _write(tmp_path, "dev_doc", "Impression: BI-RADS 2.", right)
    _write(tmp_path / "test", "frozen_doc", "Impression: BI-RADS 3.", right)
    _write(tmp_path / "test2", "frozen_two", "Impression: BI-RADS 2.", right)
    _write(tmp_path / "testing", "not_a_part", "Impression: BI-RADS 2.", right)
    assert bench.main([str(tmp_path), "--details"]) == 0
    out = capsys.readouterr().out
    assert "development part: 1 documents" in out
    assert "frozen test part test/: 1 documents" in out
    assert "frozen test part test2/: 1 documents" in out
    assert "testing" not in out  # only test, test2, ... are test parts
    assert "frozen_doc" not in out and "frozen_two" not in out  # never listed one by one
    assert out.count("\nen ") >= 3  # a per-language table for each part
    for part in ("test", "test2"):
        assert bench.main([str(tmp_path / part), "--details"]) == 2
        assert "refused" in capsys.readouterr().err
    assert bench.main([str(tmp_path), "--dev-only"]) == 0
    assert "frozen test part" not in capsys.readouterr().out


def test_score_counts_true_and_false_positives() -> None:
    bench = _bench()
    table = bench.score(
        [({("category", "R", "2")}, {("category", "R", "2"), ("density", None, "c")})]
    )
    assert table["category (R)"]["tp"] == 1 and table["density"]["fp"] == 1


def test_help_and_unknown_options_measure_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bench = _bench()
    _write(tmp_path / "test", "frozen_doc", "Impression: BI-RADS 3.", [])
    assert bench.main([str(tmp_path), "--help"]) == 0
    shown = capsys.readouterr().out
    assert "Run: python benchmarks/extract_eval.py" in shown
    assert "== Report extraction" not in shown  # help measures nothing
    assert bench.main([str(tmp_path), "--detail"]) == 2
    out, err = capsys.readouterr()
    assert "unknown option --detail" in err and "documents" not in out
