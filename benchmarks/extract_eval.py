"""Precision and recall of report extraction over the report corpus (tests/corpus/reports).

The corpus has two kinds of part (see tests/corpus/reports/README.md): the development part
(the top level of the folder), which the rules are written against, and the frozen test parts
(the subfolders named test, test2, ..., when present), which they were never tuned to. Each text has a JSON
file beside it with the expected proposals for the fields it checks. A predicted (field,
side, value) counts as a true positive when expected, a false positive otherwise; an expected
one not predicted is a false negative. The language is detected as in real use, never taken
from the JSON.

One run prints, for each part: precision and recall per field (category per side), per
language for category and density, and the anchor: a naive reader that takes every
"BI-RADS <n>" in the text as the overall category, measured in the same run.

Run: python benchmarks/extract_eval.py [corpus_dir] [--details] [--dev-only]

A ``pending/`` folder beside the development part (development documents not yet read right in
every reshaped form the unit tests make) is measured as a part of its own, and so is an
``open/`` folder (development documents still read wrong, or in the wrong language, as written:
known failures kept in view until the rules read them right).

``--details`` prints each development document's misses and extras; it refuses to print
anything document by document for a test part, whose documents must stay unread.
``--dev-only`` skips the test parts (for day-to-day work on the rules: the test parts are
measured rarely, and their figures never lead to rule changes).
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
TEST_PART = re.compile(r"test\d*")  # folder names of the frozen test parts
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
LANGUAGE_FIELDS = ("category", "density")
_NAIVE = re.compile(r"BI-?RADS\W{0,3}([0-6][ABCabc]?)\b", re.I)

Triple = tuple[str, str | None, str]
Spec = dict[str, object]


def load(folder: Path) -> list[tuple[str, str, Spec]]:
    """(name, text, expectation) for every document directly in `folder`, sorted by name."""
    docs = []
    for txt in sorted(folder.glob("*.txt")):
        spec = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        docs.append((txt.stem, txt.read_text(encoding="utf-8"), spec))
    return docs


def expected_of(spec: Spec) -> set[Triple]:
    """The expected (field, side, value) triples of one document."""
    rows = spec["expected"]
    assert isinstance(rows, list)
    return {(r["field"], r["side"], r["value"]) for r in rows}


def predicted_of(text: str, spec: Spec) -> tuple[set[Triple], str]:
    """The extractor's triples for the fields the document checks, and the detected language."""
    fields = spec["fields"]
    assert isinstance(fields, list)
    result = extract_from_text(text)
    return {(p.field, p.side, p.value) for p in result.proposals if p.field in fields}, (
        result.language
    )


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
            kind = "tp" if t in expected and t in predicted else "fp" if t in predicted else "fn"
            table.setdefault(_key(t), Counter())[kind] += 1
            if t[0] == "category":
                table.setdefault("category (all sides)", Counter())[kind] += 1
    return table


def _ratio(a: int, b: int) -> str:
    return f"{100 * a / b:6.1f}%" if b else "     - "


def _row(label: str, row: Counter[str], width: int = 34) -> str:
    tp, fp, fn = row["tp"], row["fp"], row["fn"]
    return (
        f"{label:{width}} {tp:4} {fp:4} {fn:4} {_ratio(tp, tp + fp):>10} {_ratio(tp, tp + fn):>8}"
    )


def evaluate(docs: list[tuple[str, str, Spec]], *, details: bool) -> None:
    """Print the tables of one corpus part (and, with `details`, each document's misses)."""
    ours: list[tuple[set[Triple], set[Triple]]] = []
    anchor: list[tuple[set[Triple], set[Triple]]] = []
    per_language: dict[str, list[tuple[set[Triple], set[Triple]]]] = {}
    detected = 0
    for name, text, spec in docs:
        expected = expected_of(spec)
        predicted, language = predicted_of(text, spec)
        detected += language == spec.get("language")
        ours.append((expected, predicted))
        per_language.setdefault(str(spec.get("language", "?")), []).append((expected, predicted))
        anchor.append(({t for t in expected if t[0] == "category"}, naive_of(text)))
        if details and expected != predicted:
            print(f"{name}: missing {sorted(expected - predicted, key=str)}")
            print(f"{' ' * len(name)}  extra   {sorted(predicted - expected, key=str)}")
    print(f"{'field':34} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}")
    table = score(ours)
    order = [k for k in sorted(table) if k.startswith("category")] + [
        f for f in FIELDS[1:] if f in table
    ]
    for key in order:
        print(_row(key, table[key]))
    print(f"language detected correctly: {detected}/{len(docs)}")
    print()
    print(
        f"{'language':10} {'docs':>4}  {'field':19} {'TP':>4} {'FP':>4} {'FN':>4}"
        f" {'precision':>10} {'recall':>8}"
    )
    for language in sorted(per_language):
        pairs = per_language[language]
        lang_table = score(pairs)
        for field in LANGUAGE_FIELDS:
            key = "category (all sides)" if field == "category" else field
            row = lang_table.get(key, Counter())
            print(f"{language:10} {len(pairs):4}  " + _row(field, row, width=19))
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


def _is_test_part(folder: Path) -> bool:
    """True for a frozen test part (or anything inside one, or any folder named like one)."""
    resolved = folder.resolve()
    return any(TEST_PART.fullmatch(p.name) for p in (resolved, resolved.parent))


def test_parts(corpus: Path) -> list[Path]:
    """The frozen test parts beside a development part: its subfolders test, test2, ..."""
    return sorted(
        (p for p in corpus.iterdir() if p.is_dir() and TEST_PART.fullmatch(p.name)),
        key=lambda p: (len(p.name), p.name),
    )


def main(argv: list[str]) -> int:
    """Print the tables of the development part and of the test part; return the exit code."""
    if "-h" in argv or "--help" in argv:
        print(__doc__)
        return 0
    unknown = [a for a in argv if a.startswith("-") and a not in ("--details", "--dev-only")]
    if unknown:
        print(f"unknown option {unknown[0]} (try --help)", file=sys.stderr)
        return 2
    details = "--details" in argv
    corpus = Path(next((a for a in argv if not a.startswith("-")), CORPUS))
    if not corpus.is_dir():
        print(f"no corpus folder at {corpus}", file=sys.stderr)
        return 2
    if details and _is_test_part(corpus):
        print(
            "--details is refused for the frozen test part: its documents stay unread",
            file=sys.stderr,
        )
        return 2
    parts = [("development part", corpus, details)]
    if (corpus / "pending").is_dir() and not _is_test_part(corpus):
        parts.append(("pending development documents", corpus / "pending", details))
    if (corpus / "open").is_dir() and not _is_test_part(corpus):
        parts.append(
            ("open development documents (read wrong as written)", corpus / "open", details)
        )
    dev_only = "--dev-only" in argv
    if not dev_only and not _is_test_part(corpus):
        parts += [(f"frozen test part {p.name}/", p, False) for p in test_parts(corpus)]
    for title, folder, part_details in parts:
        docs = load(folder)
        print(f"== Report extraction, {title}: {len(docs)} documents ({folder})")
        evaluate(docs, details=part_details)
        print()
    if not any(title.startswith("frozen") for title, _, _ in parts) and not dev_only:
        print(f"(no frozen test part in {corpus})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
