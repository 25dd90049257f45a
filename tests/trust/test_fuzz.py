"""Fuzzing every input parser: no crash, no hang, no memory blow-up (bounded CI budget).

``MAMMOLOG_FUZZ_SCALE`` multiplies the number of inputs per parser (default 1; the long run
by hand is benchmarks/fuzz_long.py). ``MAMMOLOG_FUZZ_SAVE=1`` keeps every failing input under
tests/fuzz_corpus/<parser>/ so it becomes a regression seed. Every failure fails the test:
there is no list of tolerated ones.
"""

from __future__ import annotations

import functools
import os
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mammolog.paths import LibraryPathError, library_relpath
from tests.trust import fuzzing
from tests.trust.fuzzing import STATS, Failure

SCALE = float(os.environ.get("MAMMOLOG_FUZZ_SCALE", "1"))

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


def _check(failure: Failure | None) -> None:
    if failure is None:
        return
    if os.environ.get("MAMMOLOG_FUZZ_SAVE"):
        failure.save()
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
            assert failure is None, failure.reason
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
    "path", [pytest.param(p, id=p.relative_to(fuzzing.CORPUS).as_posix()) for p in CORPUS_FILES]
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
        elif parser == "backup":
            failure = fuzzing.parse_backup(data)
        else:
            failure = fuzzing.parse_text(data.decode("utf-8", "replace"))
    assert failure is None, failure.reason


@functools.cache
def _backup_seeds() -> tuple[bytes, ...]:
    return tuple(fuzzing.backup_seeds())


@_budget(40)
@given(index=st.integers(0, 10_000), ops=OPS)
def test_backup_reader_survives_mutations(index: int, ops: list[tuple[str, int, int]]) -> None:
    seeds = _backup_seeds()
    _check(fuzzing.parse_backup(fuzzing.mutate(seeds[index % len(seeds)], ops)))


TRICKS = st.sampled_from(
    ["../../../../etc/passwd", "/etc/passwd", "objects/../../x", "C:/Windows/x", "a\\..\\b",
     "./objects/x", "objects//x", "", "objects/\x00x", "..", "objects/ok.dcm"]
)  # fmt: skip


@_budget(40)
@given(library_path=st.one_of(TRICKS, st.text(max_size=40)))
def test_a_crafted_backup_never_restores_a_path_leaving_the_library(library_path: str) -> None:
    crafted = fuzzing.craft_backup(_backup_seeds()[0], library_path)
    _check(fuzzing.parse_backup(crafted))
    try:
        library_relpath(library_path)
    except LibraryPathError:
        # An unsafe path is refused as a whole: parse_backup saw a BackupError.
        with tempfile.TemporaryDirectory() as work:
            archive = Path(work) / "b.tar"
            archive.write_bytes(crafted)
            from mammolog.paths import AppPaths
            from mammolog.services.backup import BackupError, restore_archive

            with pytest.raises(BackupError, match="outside the library"):
                restore_archive(archive, AppPaths.under_home(Path(work) / "home"))
