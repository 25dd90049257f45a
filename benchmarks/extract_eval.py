"""Precision and recall of report extraction over the report corpus (tests/corpus/reports).

Each corpus text has a JSON file beside it with the expected proposals for the fields it
checks. A predicted (field, side, value) counts as a true positive when expected, a false
positive otherwise; an expected one not predicted is a false negative. The anchor is a naive
reader that takes every "BI-RADS <n>" in the text as the overall category, measured in the
same run, to show what the negation/history/side rules are worth.

Run: python benchmarks/extract_eval.py [corpus_dir] [--details]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mammolog.reports import extract_from_text  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "reports"
FIELDS = (
    "category",
    "density",
    "calcification_morphology",
    "calcification_distribution",
    "mass_shape",
    "mass_margin",
    "recommendation",
    "procedure",
    "pathology",
)
_NAIVE = re.compile(r"BI-?RADS\W{0,3}([0-6][ABCabc]?)\b", re.I)

Triple = tuple[str, str | None, str]


def load(corpus: Path) -> list[tuple[str, str, dict[str, object]]]:
    """(name, text, expectation) for every corpus document, sorted by name."""
    docs = []
    for txt in sorted(corpus.glob("*.txt")):
        spec = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        docs.append((txt.stem, txt.read_text(encoding="utf-8"), spec))
    return docs


def expected_of(spec: dict[str, object]) -> set[Triple]:
    """The expected (field, side, value) triples of one document."""
    rows = spec["expected"]
    assert isinstance(rows, list)
    return {(r["field"], r["side"], r["value"]) for r in rows}


def predicted_of(text: str, spec: dict[str, object]) -> set[Triple]:
    """The extractor's (field, side, value) triples for the fields the document checks."""
    fields = spec["fields"]
    assert isinstance(fields, list)
    language = spec.get("language")
    result = extract_from_text(text, language=language if isinstance(language, str) else None)
    return {(p.field, p.side, p.value) for p in result.proposals if p.field in fields}


def naive_of(text: str) -> set[Triple]:
    """Anchor: every "BI-RADS n" as the overall category."""
    return {("category", None, m.group(1).upper()) for m in _NAIVE.finditer(text)}


def _key(t: Triple) -> str:
    if t[0] == "category":
        return f"category ({t[1] or 'overall'})"
    return t[0]


def score(pairs: list[tuple[set[Triple], set[Triple]]]) -> dict[str, Counter[str]]:
    """TP/FP/FN per reporting key from (expected, predicted) pairs."""
    table: dict[str, Counter[str]] = {}
    for expected, predicted in pairs:
        for t in predicted | expected:
            row = table.setdefault(_key(t), Counter())
            row["tp" if t in expected and t in predicted else "fp" if t in predicted else "fn"] += 1
            if t[0] == "category":
                row = table.setdefault("category (all sides)", Counter())
                row[
                    "tp" if t in expected and t in predicted else "fp" if t in predicted else "fn"
                ] += 1
    return table


def _ratio(a: int, b: int) -> str:
    return f"{100 * a / b:6.1f}%" if b else "     - "


def main(argv: list[str]) -> int:
    """Print the precision/recall table; return 0."""
    corpus = Path(next((a for a in argv if not a.startswith("-")), CORPUS))
    docs = load(corpus)
    ours, anchor = [], []
    for name, text, spec in docs:
        expected = expected_of(spec)
        predicted = predicted_of(text, spec)
        ours.append((expected, predicted))
        cat_expected = {t for t in expected if t[0] == "category"}
        anchor.append((cat_expected, naive_of(text)))
        if "--details" in argv and expected != predicted:
            print(f"{name}: missing {sorted(expected - predicted, key=str)}")
            print(f"{' ' * len(name)}  extra   {sorted(predicted - expected, key=str)}")
    print(f"Report extraction over {len(docs)} documents ({corpus.name})")
    print(f"{'field':34} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}")
    table = score(ours)
    order = [k for k in sorted(table) if k.startswith("category")] + [
        f for f in FIELDS[1:] if f in table
    ]
    for key in order:
        row = table[key]
        tp, fp, fn = row["tp"], row["fp"], row["fn"]
        print(f"{key:34} {tp:4} {fp:4} {fn:4} {_ratio(tp, tp + fp):>10} {_ratio(tp, tp + fn):>8}")
    ours_cat = table.get("category (all sides)", Counter())
    naive_cat = score(anchor).get("category (all sides)", Counter())
    print()
    print("anchor: naive 'every BI-RADS n is the overall result' reader, category (all sides)")
    for label, row in (("mammolog", ours_cat), ("naive", naive_cat)):
        tp, fp, fn = row["tp"], row["fp"], row["fn"]
        print(f"  {label:10} precision {_ratio(tp, tp + fp)}  recall {_ratio(tp, tp + fn)}")
    op, np_ = ours_cat["tp"] + ours_cat["fp"], naive_cat["tp"] + naive_cat["fp"]
    if op and np_ and naive_cat["tp"]:
        ratio = (ours_cat["tp"] / op) / (naive_cat["tp"] / np_)
        print(f"  precision ratio mammolog/naive: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
