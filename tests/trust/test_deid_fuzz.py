"""Fuzzing the de-identifier: mutated objects are de-identified or left out, nothing else.

The target is :func:`mammolog.export.deid_file.deidentify_file` as the media writer calls it,
under the shared guard of tests/trust/fuzzing.py (no exception but AnonymizeError, no hang,
no memory blow-up). A written copy must read back, keep the source's Pixel Data value byte
for byte, and hold none of the known identifiers. ``MAMMOLOG_FUZZ_SCALE`` multiplies the
number of inputs, as for the other fuzz targets.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydicom import dcmread

from mammolog.dicom.synth_tomo import TomoSpec, write_tomo
from mammolog.export.anonymize import AnonymizeError, Anonymizer, Identifiers
from mammolog.export.deid_file import deidentify_file
from mammolog.export.deid_scan import StructureError, scan_stream
from mammolog.export.deid_table import profile_table, standard_codes
from tests.trust import fuzzing
from tests.trust.fuzzing import Failure
from tests.unit.export.deid_inputs import (
    hologic_tomo,
    nested_sr,
    odd_fragment_image,
    parametric_map,
)
from tests.unit.export.synth_files import Person, mg_image, text_sr

SCALE = float(os.environ.get("MAMMOLOG_FUZZ_SCALE", "1"))
SEED_LIMIT = 300 << 10
_BULK = ("PixelData", "FloatPixelData", "DoubleFloatPixelData")
IDENTIFIERS = Identifiers(
    name_components=("Kowalska", "Maria", "Anna"),
    patient_ids=("PID778899",),
    birth_dates=("19650312",),
    other_ids=("ACC-5566",),
)
OPS = st.lists(
    st.tuples(st.sampled_from(fuzzing.OPS), st.integers(0, 2**32 - 1), st.integers(0, 255)),
    min_size=1,
    max_size=5,
)


def _headless_pixel_hash(data: bytes) -> str | None:
    """The hash of the Pixel Data value pydicom reads from an object without file meta (the
    de-identifier makes it a Part 10 file through pydicom first; odd values come padded)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dataset = dcmread(io.BytesIO(data), force=True)
            keyword = next((k for k in _BULK if k in dataset), None)
            value = dataset[keyword].value if keyword else None
    except Exception:  # noqa: BLE001 - the copy then came from elsewhere: compare as unreadable
        return None
    if value is None:
        return ""
    if isinstance(value, bytes) and len(value) % 2:
        value += b"\0"
    return hashlib.sha256(value).hexdigest() if isinstance(value, bytes) else None


def _pixel_hash(data: bytes) -> str | None:
    if data[128:132] != b"DICM":
        return _headless_pixel_hash(data)
    try:
        layout = scan_stream(io.BytesIO(data), len(data))
    except StructureError:
        return None
    if layout.bulk_value_start is None or layout.bulk_end is None:
        return ""
    return hashlib.sha256(data[layout.bulk_value_start : layout.bulk_end]).hexdigest()


def deidentify_bytes(data: bytes) -> Failure | None:
    """De-identify `data` as a file; a Failure when the de-identifier breaks its promise."""
    with tempfile.TemporaryDirectory(prefix="deid-fuzz-") as scratch:
        source, target = Path(scratch) / "in.dcm", Path(scratch) / "out.dcm"
        source.write_bytes(data)
        anonymizer = Anonymizer(IDENTIFIERS, uid_secret=b"fuzz")

        reasons: list[str] = []

        def call() -> None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    deidentify_file(source, target, anonymizer)
                except AnonymizeError as exc:
                    reasons.append(str(exc))

        failure = fuzzing.guarded("deid", data, call, ())
        # the de-identifier turns any failure into a reason: a hang or a blow-up must not hide
        if failure is None and reasons and ("(Hang)" in reasons[0] or "Memory" in reasons[0]):
            failure = Failure("deid", f"hidden as a reason: {reasons[0]}", data)
        if failure is not None or not target.exists():
            return failure
        written = target.read_bytes()
        if _pixel_hash(written) != _pixel_hash(data):
            return Failure("deid", "the copy's pixel data differs from the source's", data)
        if b"Kowalska" in written or b"PID778899" in written:
            return Failure("deid", "an identifier survived", data)
    return None


@functools.cache
def _seeds(real: Path | None) -> list[bytes]:
    """Whole small files (a truncated seed only tests truncation) and crafted objects."""
    standard_codes(), profile_table()  # loaded once per process, not inside a guarded call
    paths = sorted(fuzzing.PYDICOM_FILES.glob("*.dcm"))
    if real is not None:
        paths += sorted(p for p in real.rglob("*") if p.is_file() and p.suffix not in
                        (".md", ".txt", ".png"))  # fmt: skip
    seeds = [p.read_bytes() for p in paths if p.stat().st_size <= SEED_LIMIT]
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        person = Person()
        crafted = [
            mg_image(folder / "mg.dcm", person=person) and folder / "mg.dcm",
            text_sr(folder / "sr.dcm", person=person) and folder / "sr.dcm",
            nested_sr(folder / "nested.dcm", 20, undefined=True),
            nested_sr(folder / "nested-defined.dcm", 20, undefined=False),
            odd_fragment_image(folder / "j2k.dcm")[0],
            hologic_tomo(folder / "hologic.dcm"),
            parametric_map(folder / "pmap.dcm")[0],
            write_tomo(folder / "tomo.dcm", TomoSpec(patient_name="Kowalska^Maria", frames=2)),
        ]
        seeds += [path.read_bytes() for path in crafted]
    return [seed for seed in seeds if seed]


def _check(failure: Failure | None) -> None:
    if failure is not None:
        if os.environ.get("MAMMOLOG_FUZZ_SAVE"):
            failure.save()
        pytest.fail(f"{failure.parser}: {failure.reason}")


@settings(
    max_examples=max(1, int(200 * SCALE)),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(index=st.integers(0, 10_000), ops=OPS)
def test_deidentifier_survives_mutations(
    real_data: Path, index: int, ops: list[tuple[str, int, int]]
) -> None:
    seeds = _seeds(real_data)
    _check(deidentify_bytes(fuzzing.mutate(seeds[index % len(seeds)], ops)))


def test_every_seed_is_deidentified_or_left_out_cleanly() -> None:
    seeds = _seeds(None)
    assert len(seeds) > 50
    for seed in seeds:
        _check(deidentify_bytes(seed))
