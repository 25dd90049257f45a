"""Fuzzing every input parser: no crash, no hang, no memory blow-up (bounded CI budget).

``MAMMOLOG_FUZZ_SCALE`` multiplies the number of inputs per parser (default 1; the long run
by hand is benchmarks/fuzz_long.py). ``MAMMOLOG_FUZZ_SAVE=1`` keeps every failing input under
tests/fuzz_corpus/<parser>/ so it becomes a regression seed.

Open defects in other modules are listed in KNOWN with the module that must fix them: an
input failing in a known way is tolerated by the property tests (and pinned by a strict
xfail regression test on the kept input), anything else fails the test.
"""

from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.trust import fuzzing
from tests.trust.fuzzing import STATS, Failure

SCALE = float(os.environ.get("MAMMOLOG_FUZZ_SCALE", "1"))

# parser -> (reason fragment, module that must fix it)
KNOWN: dict[str, tuple[tuple[str, str], ...]] = {}
# kept inputs that still fail, with the module that must fix them (fixed ones stay as seeds:
# header/embedded-null-in-value.bin, dicomdir/odd-length-offset.bin, unknown-vr.bin,
# multi-valued-offset.bin, sr/inflated-length-at-152.bin, sr/inflated-length-at-698.bin and
# sr/unknown-vr-in-value-type.bin were fixed in the readers)
KNOWN_CORPUS: dict[str, str] = {}

OPS = st.lists(
    st.tuples(st.sampled_from(fuzzing.OPS), st.integers(0, 2**32 - 1), st.integers(0, 255)),
    min_size=1,
    max_size=5,
)


def _budget(examples: int) -> settings:
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


def _known(failure: Failure) -> bool:
    return any(fragment in failure.reason for fragment, _ in KNOWN.get(failure.parser, ()))


def _check(failure: Failure | None) -> None:
    if failure is None:
        return
    if os.environ.get("MAMMOLOG_FUZZ_SAVE"):
        failure.save()
    if not _known(failure):
        pytest.fail(f"{failure.parser}: {failure.reason}")


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydicom warns loudly about every odd value
        yield
    print(f"\nfuzz inputs run per parser: {STATS.runs}")


@functools.cache
def _seeds(real: Path) -> tuple[list[bytes], list[dict[str, bytes]], list[bytes], list[str]]:
    return (
        fuzzing.dicom_seeds(real),
        fuzzing.dicomdir_seeds(real),
        fuzzing.sr_seeds(real),
        fuzzing.text_seeds(),
    )


@_budget(300)
@given(index=st.integers(0, 10_000), ops=OPS)
def test_header_reader_survives_mutations(
    real_data: Path, index: int, ops: list[tuple[str, int, int]]
) -> None:
    seeds = _seeds(real_data)[0]
    _check(fuzzing.parse_header(fuzzing.mutate(seeds[index % len(seeds)], ops)))


@_budget(120)
@given(index=st.integers(0, 10_000), which=st.integers(0, 100), ops=OPS)
def test_dicomdir_reader_survives_mutations(
    real_data: Path, index: int, which: int, ops: list[tuple[str, int, int]]
) -> None:
    discs = _seeds(real_data)[1]
    disc = dict(discs[index % len(discs)])
    indexes = sorted(relpath for relpath, data in disc.items() if data)
    victim = indexes[which % len(indexes)]
    disc[victim] = fuzzing.mutate(disc[victim], ops)
    _check(fuzzing.parse_dicomdir(disc))


@_budget(200)
@given(index=st.integers(0, 10_000), ops=OPS)
def test_sr_reader_survives_mutations(
    real_data: Path, tmp_path_factory: pytest.TempPathFactory, index: int,
    ops: list[tuple[str, int, int]],
) -> None:  # fmt: skip
    seeds = _seeds(real_data)[2]
    _check(fuzzing.parse_sr(fuzzing.mutate(seeds[index % len(seeds)], ops)))


@_budget(300)
@given(index=st.integers(0, 10_000), ops=OPS)
def test_report_text_extractor_survives_mutations(
    real_data: Path, index: int, ops: list[tuple[str, int, int]]
) -> None:
    texts = _seeds(real_data)[3]
    _check(fuzzing.parse_text(fuzzing.mutate_text(texts[index % len(texts)], ops)))


@_budget(200)
@given(text=st.text(max_size=400))
def test_report_text_extractor_survives_any_text(text: str) -> None:
    _check(fuzzing.parse_text(text))


def test_declared_4gb_lengths_do_not_allocate_4gb_in_the_header_reader(real_data: Path) -> None:
    checked = 0
    for seed in _seeds(real_data)[0][:: max(1, len(_seeds(real_data)[0]) // 25)]:
        fields = [f for f in fuzzing.element_offsets(seed, 1 << 14) if f[1] == 4]
        for at, _width in fields[:: max(1, len(fields) // 12)]:
            data = bytearray(seed)
            data[at : at + 4] = fuzzing.HUGE.to_bytes(4, "little")
            failure = fuzzing.parse_header(bytes(data))
            assert failure is None or (_known(failure) and "allocated" not in failure.reason), (
                failure.reason
            )
            checked += 1
    assert checked >= 50


def test_the_guard_catches_crashes_hangs_and_memory_blowups() -> None:
    def crash() -> None:
        raise KeyError("boom")

    def hog() -> None:
        block = bytearray(fuzzing.MEMORY_LIMIT + (8 << 20))
        del block

    assert fuzzing.guarded("t", b"", crash, (ValueError,)) is not None
    assert "allocated" in (fuzzing.guarded("t", b"", hog, ()) or Failure("", "", b"")).reason
    assert fuzzing.guarded("t", b"", lambda: None, ()) is None
    old = fuzzing.TIME_LIMIT_S
    fuzzing.TIME_LIMIT_S = 0.05
    try:
        hang = fuzzing.guarded("t", b"", lambda: [i for i in range(10**9)], ())
    finally:
        fuzzing.TIME_LIMIT_S = old
    assert hang is not None and hang.reason.startswith("hang")


CORPUS_FILES = sorted(fuzzing.CORPUS.glob("*/*.bin"))


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(
            path,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_CORPUS[key])]
            if (key := path.relative_to(fuzzing.CORPUS).as_posix()) in KNOWN_CORPUS
            else [],
            id=path.relative_to(fuzzing.CORPUS).as_posix(),
        )
        for path in CORPUS_FILES
    ],
)
def test_kept_fuzz_inputs_stay_fixed(path: Path) -> None:
    data = path.read_bytes()
    parser = path.parent.name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if parser == "header":
            failure = fuzzing.parse_header(data)
        elif parser == "dicomdir":
            failure = fuzzing.parse_dicomdir({"DICOMDIR": data})
        elif parser == "sr":
            failure = fuzzing.parse_sr(data)
        else:
            failure = fuzzing.parse_text(data.decode("utf-8", "replace"))
    assert failure is None, failure.reason


def test_the_corpus_holds_every_known_failure() -> None:
    kept = {p.relative_to(fuzzing.CORPUS).as_posix() for p in CORPUS_FILES}
    assert set(KNOWN_CORPUS) <= kept
