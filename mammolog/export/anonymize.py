"""De-identify DICOM objects for exported media (PS3.15 Annex E, Basic Profile), as a stream.

Why our own: ``dicom-anonymizer`` (BSD-3-Clause), ``deid`` (MIT) and ``dicognito`` (MIT) all
install from PyPI and could be used under the GPL, but none fits. Each loads the whole object
with pydicom and saves it again (a 600 MB tomosynthesis object costs well over 600 MB, and the
pixel data is re-encoded by pydicom's writer), walks nested sequences by recursion with no depth
limit, and has no free-text scrubbing of the identifiers an object holds. ``dicom-anonymizer``
does carry the E.1-1 table, but applies its per-attribute actions at the top level only, writes
"ANONYMIZED" into every value of a sequence it replaces (codes included) and raises
NotImplementedError on VRs it does not know; ``deid`` is a recipe engine whose default recipe
removes every date (Type 1 ones too) and pulls in matplotlib; ``dicognito`` replaces values with
plausible fakes instead of the profile's actions and offers none of its options. So this
module keeps its own de-identifier, with the standard's table as data (``deid_ps315.txt``):

1. :func:`mammolog.export.deid_scan.scan_layout` walks the file's element structure with its
   own stack, reading only element headers: an object nested deeper than 64 sequence levels,
   cut short or with overlapping lengths is left out with a reason before pydicom sees it, and
   the exact byte extent of the Pixel Data element is known.
2. The header (everything before Pixel Data) is read with ``stop_before_pixels`` and the
   actions of PS3.15 Table E.1-1 are applied by an iterative walk
   (:mod:`mammolog.export.deid_walk`): D dummy of the right VR, Z zero length, X remove,
   U new UID (the same throughout one export, under ``2.25.`` from a per-export secret),
   C clean (known identifiers scrubbed from free text, never from coded values); private
   tags, curves, overlays and icon images go. Options: Retain Longitudinal Temporal
   Information (Full Dates) and Retain Safe Private (only Hologic's 3D block in group 7E01).
   Structured content is kept but cleaned (Clean Structured Content).
3. The de-identified header is written and the Pixel Data value is copied from the source in
   chunks, byte for byte: never decoded or re-encoded, the transfer syntax kept.
4. The copy is checked before it counts: its structure read back, its header scanned for the
   patient's identifiers. An object that fails any step is left out with a plain reason.

Encapsulated documents (PDF, CDA) cannot be cleaned safely (text may sit in compressed
streams or in scanned images), so callers must drop them when anonymizing:
:func:`can_anonymize` says which objects those are.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from pathlib import Path

from pydicom.dataset import Dataset
from pydicom.sequence import Sequence as DicomSequence

from mammolog.export.deid_text import (
    Identifiers,
    collect_identifiers,
    identifier_pattern,
    name_components,
)
from mammolog.export.deid_walk import (
    ANONYMOUS_NAME,
    DatasetCleaner,
    TooDeepError,
    WalkOptions,
    holds_hologic_3d,
    holds_identifier,
)
from mammolog.export.dicomdir_writer import IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME
from mammolog.export.visible_text import (
    VisibleTextError,
    html_visible_text,
    pdf_visible_text,
    scrub_html,
)

__all__ = [
    "ANONYMOUS_NAME",
    "AnonymizeError",
    "Anonymizer",
    "Identifiers",
    "can_anonymize",
    "collect_identifiers",
    "guard_summaries",
    "identifier_pattern",
    "name_components",
]

HOLOGIC_REASON = "Hologic 3D data kept in private tags: de-identifying it would destroy it"
BASIC_PROFILE_CODE = ("113100", "Basic Application Confidentiality Profile")
RETAIN_DATES_CODE = ("113106", "Retain Longitudinal Temporal Information Full Dates Option")
CLEAN_STRUCTURED_CONTENT_CODE = ("113104", "Clean Structured Content Option")
RETAIN_SAFE_PRIVATE_CODE = ("113111", "Retain Safe Private Option")
_META_REMOVED = ("SourceApplicationEntityTitle", "SendingApplicationEntityTitle",
                 "ReceivingApplicationEntityTitle", "SourcePresentationAddress",
                 "SendingPresentationAddress", "ReceivingPresentationAddress",
                 "PrivateInformationCreatorUID", "PrivateInformation")  # fmt: skip


class AnonymizeError(Exception):
    """An object cannot be de-identified (the message says why)."""


def can_anonymize(header: Dataset) -> bool:
    """False for objects whose content cannot be cleaned safely (encapsulated documents)."""
    sop_class = str(header.get("SOPClassUID", ""))
    return not sop_class.startswith("1.2.840.10008.5.1.4.1.1.104.") and (
        "EncapsulatedDocument" not in header
    )


def _code_item(value: str, meaning: str) -> Dataset:
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = "DCM"
    item.CodeMeaning = meaning
    return item


class Anonymizer:
    """De-identifies datasets for one export; UID and patient ID mappings stay consistent."""

    def __init__(
        self,
        identifiers: Identifiers,
        *,
        retain_dates: bool = False,
        keep_private: bool = False,
        uid_secret: bytes | None = None,
    ) -> None:
        """Prepare for one export; `uid_secret` fixes the UID mapping (random if None).

        `keep_private` is the Retain Safe Private option: Hologic's 3D data (group 7E01)
        is kept instead of leaving such objects out; all other private data still goes.
        """
        self.identifiers = identifiers
        self.retain_dates = retain_dates
        self.keep_private = keep_private
        self._secret = uid_secret if uid_secret is not None else secrets.token_bytes(32)
        self._uids: dict[str, str] = {}
        self._patient_ids: dict[str, str] = {}
        tokens = identifiers.tokens()
        # anywhere (substring): for new UIDs, which must not spell an ID or date at all
        self._anywhere = (
            re.compile("|".join(re.escape(t) for t in tokens), re.IGNORECASE) if tokens else None
        )
        # whole words: for text people read, so that "Li" never touches "Clinical"
        self._pattern = identifier_pattern(tokens, identifiers.birth_dates)
        # the patient's own identifiers only: for the summaries, whose words are ours (a
        # physician called "Who^Doctor" must not take "who" and "doctor" out of them)
        self._patient_pattern = identifier_pattern(
            identifiers.patient_tokens(), identifiers.birth_dates
        )
        own = [t for t in identifiers.patient_tokens() if len(t) >= 3 or not t.isascii()]
        self._check_pattern = identifier_pattern(
            [t for t in own if t.isascii()], identifiers.birth_dates
        )
        self._wide_tokens = tuple(t for t in own if not t.isascii())

    def new_uid(self, uid: str) -> str:
        """The replacement for `uid`: the same for the same input throughout this export."""
        uid = uid.strip().rstrip("\x00")
        mapped = self._uids.get(uid)
        counter = 0
        while mapped is None:
            seed = self._secret + uid.encode("ascii", "replace") + counter.to_bytes(4, "big")
            candidate = f"2.25.{int.from_bytes(hashlib.sha256(seed).digest()[:16], 'big')}"
            # A new UID must not spell out a numeric patient ID or birth date by chance
            # (given up after many tries for very short numeric IDs, which match anything).
            clean = self._anywhere is None or not self._anywhere.search(candidate)
            if clean or counter >= 1000:
                mapped = self._uids[uid] = candidate
            counter += 1
        return mapped

    def pseudonym(self, patient_id: str) -> str:
        """A stable dummy Patient ID per original Patient ID (ANON0001, ANON0002, ...)."""
        key = patient_id.strip()
        if key not in self._patient_ids:
            self._patient_ids[key] = f"ANON{len(self._patient_ids) + 1:04d}"
        return self._patient_ids[key]

    def scrub_text(self, text: str, *, patient_only: bool = False) -> str:
        """Replace every known identifier in free text with asterisks (with `patient_only`,
        the patient's own: names, IDs, accession and study IDs, birth date).

        Identifiers are matched as whole words, ignoring case (see :func:`identifier_pattern`):
        ``Li`` is scrubbed in "Li, Na" but "Clinical" is left alone. A birth date is found in
        its common written forms (1965-12-03, 03.12.1965, 3 Dec 1965 ...).
        """
        pattern = self._patient_pattern if patient_only else self._pattern
        if pattern is None or not text:
            return text
        return pattern.sub(lambda match: "*" * min(len(match.group(0)), 8), text)

    def names_found(self, text: str) -> list[str]:
        """The patient's own identifiers that occur in `text` as whole words (empty if none)."""
        if self._patient_pattern is None or not text:
            return []
        return sorted({match.group(0) for match in self._patient_pattern.finditer(text)})

    def leaks_in(self, header: Dataset) -> bool:
        """True if `header` (a written copy's) still holds one of the patient's own
        identifiers (a name, an ID, the birth date in any common form) in a value that is
        not a coded value (see :func:`mammolog.export.deid_walk.holds_identifier`)."""
        return holds_identifier(header, self._check_pattern, self._wide_tokens)

    def anonymize(self, ds: Dataset) -> bool:
        """De-identify `ds` in place (file meta included). Return True if SR content was
        cleaned (the Clean Structured Content option applies)."""
        if not can_anonymize(ds):
            raise AnonymizeError("encapsulated documents cannot be de-identified safely")
        if holds_hologic_3d(ds) and not self.keep_private:
            raise AnonymizeError(HOLOGIC_REASON)
        original_id = str(ds.get("PatientID", "") or "")
        cleaner = DatasetCleaner(
            new_uid=self.new_uid,
            scrub=self.scrub_text,
            birth_dates=frozenset(self.identifiers.birth_dates),
            options=WalkOptions(
                retain_dates=self.retain_dates, keep_safe_private=self.keep_private
            ),
        )
        try:
            cleaner.clean(ds)
        except TooDeepError as exc:
            raise AnonymizeError(str(exc)) from exc
        ds.PatientName = ANONYMOUS_NAME
        ds.PatientID = self.pseudonym(original_id)
        ds.PatientIdentityRemoved = "YES"
        ds.LongitudinalTemporalInformationModified = (
            "UNMODIFIED" if self.retain_dates else "REMOVED"
        )
        cleaned_sr = "ContentSequence" in ds
        # Patient-level attributes: the same codes on every object of the export, since the
        # structured-content cleaning is applied wherever content exists.
        codes = [BASIC_PROFILE_CODE, CLEAN_STRUCTURED_CONTENT_CODE]
        if self.retain_dates:
            codes.append(RETAIN_DATES_CODE)
        if cleaner.kept_private:
            codes.append(RETAIN_SAFE_PRIVATE_CODE)
        ds.DeidentificationMethod = "PS3.15 E.1 Basic Profile" + (
            ", dates retained" if self.retain_dates else ""
        )
        ds.DeidentificationMethodCodeSequence = DicomSequence(
            [_code_item(value, meaning) for value, meaning in codes]
        )
        meta = getattr(ds, "file_meta", None)
        if meta is not None:
            for keyword in _META_REMOVED:
                if keyword in meta:
                    delattr(meta, keyword)
            if "SOPInstanceUID" in ds:
                meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
            elif "MediaStorageSOPInstanceUID" in meta:
                meta.MediaStorageSOPInstanceUID = self.new_uid(str(meta.MediaStorageSOPInstanceUID))
            # the file is re-encoded here, so it names the implementation that wrote it
            meta.ImplementationClassUID = IMPLEMENTATION_CLASS_UID
            meta.ImplementationVersionName = IMPLEMENTATION_VERSION_NAME
        return cleaned_sr


def guard_summaries(
    summary_pdf: Path | None, summary_html: str | None, anonymizer: Anonymizer | None
) -> tuple[Path | None, str | None, list[str]]:
    """Return the summaries safe to put on the media, with warnings for those left out.

    Without anonymizing everything passes. When anonymizing, the text and shown attribute
    values of the HTML summary have known identifiers scrubbed (markup and CSS are never
    touched); a PDF (which cannot be edited safely) is left out if the text pypdf extracts
    from it, or its metadata, still holds one. Identifiers count as whole words only.
    """
    if anonymizer is None:
        return summary_pdf, summary_html, []
    warnings: list[str] = []
    if summary_html is not None:
        summary_html = scrub_html(
            summary_html, lambda text: anonymizer.scrub_text(text, patient_only=True)
        )
        if anonymizer.names_found(html_visible_text(summary_html)):
            warnings.append("summary web page left out: it still names the patient")
            summary_html = None
    if summary_pdf is not None:
        try:
            text = pdf_visible_text(summary_pdf)
        except VisibleTextError as exc:
            raise AnonymizeError(str(exc)) from exc
        if anonymizer.names_found(text):
            warnings.append("summary PDF left out: it still names the patient")
            summary_pdf = None
    return summary_pdf, summary_html, warnings
