"""The long fuzz run, by hand: mutate real and test files for minutes, keep what breaks.

Runs the same guarded parsers as tests/trust/test_fuzz.py (header reader, DICOMDIR reader,
SR reader + proposals, report text extractor) with random mutations (bit flips, truncation,
4 GB length fields, random elements, deletions, duplications) for a time budget, and prints
the inputs run and failures per parser. Every failing input is kept under
tests/fuzz_corpus/<parser>/ (``--no-save`` to only print) so it becomes a regression seed.

Usage: python benchmarks/fuzz_long.py [--minutes 10] [--seed N] [--real ../shared/data/real]
                                      [--parsers header,dicomdir,sr,text]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.trust import fuzzing  # noqa: E402


def _ops(rnd: random.Random) -> list[tuple[str, int, int]]:
    count = rnd.choice((1, 1, 2, 3, 5, 8))
    return [
        (rnd.choice(fuzzing.OPS), rnd.getrandbits(32), rnd.getrandbits(8)) for _ in range(count)
    ]


def run(parsers: list[str], seconds: float, seed: int, real: Path | None, save: bool) -> int:
    """Fuzz ``parsers`` round-robin for ``seconds``; return the number of failures."""
    rnd = random.Random(seed)
    dicom = fuzzing.dicom_seeds(real) if "header" in parsers else []
    discs = fuzzing.dicomdir_seeds(real) if "dicomdir" in parsers else []
    reports = fuzzing.sr_seeds(real) if "sr" in parsers else []
    texts = fuzzing.text_seeds() if "text" in parsers else []
    backups = fuzzing.backup_seeds() if "backup" in parsers else []
    failures: Counter[str] = Counter()
    reasons: dict[str, set[str]] = {}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for parser in parsers:
            if parser == "header":
                failure = fuzzing.parse_header(fuzzing.mutate(rnd.choice(dicom), _ops(rnd)))
            elif parser == "dicomdir":
                disc = dict(rnd.choice(discs))
                victim = rnd.choice(sorted(k for k, v in disc.items() if v))
                disc[victim] = fuzzing.mutate(disc[victim], _ops(rnd))
                failure = fuzzing.parse_dicomdir(disc)
            elif parser == "sr":
                failure = fuzzing.parse_sr(fuzzing.mutate(rnd.choice(reports), _ops(rnd)))
            elif parser == "backup":
                failure = fuzzing.parse_backup(fuzzing.mutate(rnd.choice(backups), _ops(rnd)))
            else:
                failure = fuzzing.parse_text(fuzzing.mutate_text(rnd.choice(texts), _ops(rnd)))
            if failure is not None:
                failures[parser] += 1
                key = re.sub(r"[0-9]+", "N", failure.reason)[:80]  # one input per kind
                if key not in reasons.setdefault(parser, set()):
                    reasons[parser].add(key)
                    where = failure.save() if save else "(not saved)"
                    print(f"  {parser}: {failure.reason[:160]} -> {where}", flush=True)
    print(f"{'parser':10}{'inputs':>10}{'failures':>10}")
    for parser in parsers:
        print(f"{parser:10}{fuzzing.STATS.runs.get(parser, 0):>10}{failures[parser]:>10}")
    return sum(failures.values())


def main() -> int:
    """Parse the options and fuzz."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--real", type=Path, default=REPO.parent / "shared" / "data" / "real")
    parser.add_argument("--parsers", default="header,dicomdir,sr,text,backup")
    parser.add_argument("--no-save", action="store_true", help="do not keep failing inputs")
    args = parser.parse_args()
    real = args.real if (args.real / "MANIFEST.md").is_file() else None
    print(f"seed {args.seed}; real files: {real or 'absent'}; {args.minutes} min", flush=True)
    warnings.simplefilter("ignore")
    found = run(args.parsers.split(","), args.minutes * 60, args.seed, real, not args.no_save)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
