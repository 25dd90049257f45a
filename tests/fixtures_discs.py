"""Builders of synthetic patient discs for the import tests and benchmarks.

Every builder writes into a folder it is given and returns what it wrote, so a test can check
the importer against the truth. Nothing here is a pytest fixture: tests call the builders.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pycdlib
import pydicom
from pydicom.fileset import FileSet
from pydicom.uid import ExplicitVRBigEndian, ImplicitVRLittleEndian

from mammolog.dicom import synth


@dataclass
class Disc:
    """What a builder put on a disc."""

    root: Path
    instances: dict[str, str] = field(default_factory=dict)  # relpath -> SOP Instance UID
    junk: list[str] = field(default_factory=list)  # non-DICOM files
    bad: dict[str, str] = field(default_factory=dict)  # relpath -> expected reason fragment
    missing: list[str] = field(default_factory=list)  # DICOMDIR references without a file

    @property
    def sop_uids(self) -> set[str]:
        """Every SOP Instance UID that should end up in the library."""
        return set(self.instances.values())


def study_specs(
    patient: str = "KOWALSKA^MARIA",
    patient_id: str = "PID0001",
    dates: tuple[str, ...] = ("20200310",),
    **overrides: object,
) -> list[synth.InstanceSpec]:
    """Four views per study date for one patient."""
    specs: list[synth.InstanceSpec] = []
    for n, day in enumerate(dates):
        base = synth.InstanceSpec(
            patient_name=patient,
            patient_id=patient_id,
            study_date=day,
            accession_number=f"A{day}",
            seed=n * 10,
        ).with_(**overrides)
        specs.extend(synth.four_views(base))
    return specs


def build_dicomdir_disc(root: Path, specs: list[synth.InstanceSpec] | None = None) -> Disc:
    """A standard disc: DICOMDIR written by pydicom's FileSet and files under PT*/ST*/SE*/IM*."""
    specs = specs or study_specs()
    root.mkdir(parents=True, exist_ok=True)
    fileset = FileSet()
    for spec in specs:
        ds = synth.build_dataset(spec)
        ds.preamble = b"\x00" * 128
        buffer = io.BytesIO()
        pydicom.dcmwrite(buffer, ds, enforce_file_format=True)
        buffer.seek(0)
        fileset.add(pydicom.dcmread(buffer))
    fileset.write(root)
    disc = Disc(root)
    for instance in fileset:
        relpath = Path(instance.path).relative_to(root).as_posix()
        disc.instances[relpath] = instance.SOPInstanceUID
    return disc


def rename_files(disc: Disc, *, lower: bool = False, suffix: str = "") -> Disc:
    """Rename the referenced files (not the DICOMDIR) as a Linux mount or a burner would."""
    renamed: dict[str, str] = {}
    for relpath, uid in sorted(disc.instances.items(), key=lambda kv: -kv[0].count("/")):
        new_rel = relpath.lower() if lower else relpath
        new_rel += suffix
        source, target = disc.root / relpath, disc.root / new_rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        renamed[new_rel] = uid
    for folder in sorted(disc.root.rglob("*"), key=lambda p: -len(p.parts)):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    disc.instances = renamed
    return disc


def remove_some(disc: Disc, count: int = 1) -> Disc:
    """Delete ``count`` referenced files: the DICOMDIR now names files that are missing."""
    for relpath in sorted(disc.instances)[:count]:
        (disc.root / relpath).unlink()
        disc.missing.append(relpath)
        del disc.instances[relpath]
    return disc


def add_unreferenced(disc: Disc, folder: str = "EXTRA") -> Disc:
    """Put DICOM files on the disc that the DICOMDIR does not name (incl. odd encodings)."""
    variants = {
        f"{folder}/PLAIN.dcm": synth.InstanceSpec(),
        f"{folder}/NOPREAMB": synth.InstanceSpec(preamble=False, file_meta=False),
        f"{folder}/IMPLICIT": synth.InstanceSpec(
            transfer_syntax=ImplicitVRLittleEndian, preamble=False, file_meta=False
        ),
        f"{folder}/BIGEND": synth.InstanceSpec(transfer_syntax=ExplicitVRBigEndian),
    }
    for n, (relpath, spec) in enumerate(variants.items()):
        spec = spec.with_(
            patient_id="PID0009",
            patient_name="UNREF^ANNA",
            study_date="20190101",
            instance_number=n + 1,
            view="MLO",
        )
        synth.write_instance(disc.root / relpath, spec)
        disc.instances[relpath] = synth.build_dataset(spec).SOPInstanceUID
    return disc


def add_junk(disc: Disc) -> Disc:
    """Viewer software and the like: AUTORUN.INF, an .exe, HTML, JPEG, PNG, a PDF, text."""
    files = {
        "AUTORUN.INF": b"[autorun]\r\nopen=VIEWER\\VIEWER.EXE\r\nicon=VIEWER\\ICON.ICO\r\n",
        "VIEWER/VIEWER.EXE": b"MZ\x90\x00\x03\x00\x00\x00"
        + b"\x00" * 200
        + b"This program cannot be run in DOS mode",
        "INDEX.HTM": b"<!DOCTYPE html>\n<html><head><title>Patient CD</title></head><body>hi</body></html>\n",
        "VIEWER/LOGO.JPG": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 300,
        "VIEWER/ICON.PNG": b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        "REPORT.PDF": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        "README.TXT": b"This disc contains medical images.\r\nInsert it in a computer.\r\n",
    }
    for relpath, data in files.items():
        path = disc.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        disc.junk.append(relpath)
    return disc


def _good_bytes(spec: synth.InstanceSpec) -> bytes:
    ds = synth.build_dataset(spec)
    ds.preamble = b"\x00" * 128
    buffer = io.BytesIO()
    pydicom.dcmwrite(buffer, ds, enforce_file_format=True)
    return buffer.getvalue()


def add_bad_files(disc: Disc, folder: str = "BAD") -> Disc:
    """Damaged files, each with the reason fragment the import report should give."""
    spec = synth.InstanceSpec(patient_id="BADPID", study_date="20180101", rows=32, columns=32)
    good = _good_bytes(spec)
    pn_at = good.find(b"\x10\x00\x10\x00PN")
    huge = (
        good[:pn_at] + b"\x09\x00\x10\x10UN\x00\x00" + struct.pack("<I", 0xFFFFFFF0) + good[pn_at:]
    )
    files = {
        f"{folder}/EMPTY": (b"", "empty"),
        f"{folder}/TRUNCHDR": (good[:600], "truncated|declared length"),
        f"{folder}/TRUNCPIX": (_good_bytes(spec.with_(instance_number=7))[:-100], "pixel data"),
        f"{folder}/GARBAGE": (
            b"\x00" * 128 + b"DICM" + bytes(range(256)) * 8,
            "SOP Instance UID|declared length",
        ),
        f"{folder}/HUGELEN": (huge, "declared length"),
    }
    for relpath, (data, reason) in files.items():
        path = disc.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        disc.bad[relpath] = reason
    return disc


def add_traversal_reference(disc: Disc, target: str = "..\\..\\etc\\passwd") -> Disc:
    """Point one DICOMDIR record at a path outside the disc (a path traversal attempt)."""
    dicomdir = disc.root / "DICOMDIR"
    ds = pydicom.dcmread(dicomdir)
    for record in ds.DirectoryRecordSequence:
        if "ReferencedFileID" in record:
            record.ReferencedFileID = target.split("\\")
            break
    ds.save_as(dicomdir)
    return disc


def full_disc(root: Path) -> Disc:
    """A disc with everything: DICOMDIR, lowercase ``;1`` names, a missing reference,
    unreferenced files in odd encodings, viewer junk and damaged files."""
    disc = build_dicomdir_disc(root, study_specs(dates=("20200310", "20210315")))
    rename_files(disc, lower=True, suffix=";1")
    remove_some(disc, 1)
    add_unreferenced(disc)
    add_junk(disc)
    add_bad_files(disc)
    return disc


def zip_disc(disc: Disc, archive: Path, *, prefix: str = "") -> Path:
    """Pack a disc folder into a ZIP (optionally under a top folder ``prefix``)."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(disc.root.rglob("*")):
            if path.is_file():
                zf.write(path, f"{prefix}{path.relative_to(disc.root).as_posix()}")
    return archive


def iso_disc(disc: Disc, image: Path, *, rock_ridge: bool = True, joliet: bool = False) -> Path:
    """Write a disc folder as an ISO 9660 image (Rock Ridge and/or Joliet names optional)."""
    iso = pycdlib.PyCdlib()
    iso.new(
        interchange_level=4, rock_ridge="1.09" if rock_ridge else None, joliet=3 if joliet else None
    )
    for path in sorted(disc.root.rglob("*")):
        rel = path.relative_to(disc.root).as_posix()
        iso_name = "/" + "/".join(_iso9660_part(p) for p in rel.split("/"))
        names: dict[str, str] = {}
        if rock_ridge:
            names["rr_name"] = path.name
        if joliet:
            names["joliet_path"] = "/" + rel
        if path.is_dir():
            iso.add_directory(iso_name, **names)
        else:
            data = path.read_bytes()
            iso.add_fp(io.BytesIO(data), len(data), iso_name + ";1", **names)
    iso.write(str(image))
    iso.close()
    return image


def _iso9660_part(name: str) -> str:
    cleaned = "".join(
        ch if ch.isalnum() or ch in "._" else "_" for ch in name.split(";")[0].upper()
    )
    return cleaned[:30] or "_"


def copy_disc(disc: Disc, root: Path) -> Disc:
    """A copy of a disc folder elsewhere."""
    shutil.copytree(disc.root, root)
    return Disc(root, dict(disc.instances), list(disc.junk), dict(disc.bad), list(disc.missing))
